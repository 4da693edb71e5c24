//! The single registry of commands and events; `ui/src/bindings.ts` is generated from it.
//! One file per domain.

mod accounts;
mod addresses;
mod api;
mod app;
mod auth;
mod diagnostics;
mod environment;
mod inspector;
mod invoices;
mod links;
mod messages;
mod profile;
mod settings;

use tauri::ipc::Invoke;
use tauri_specta::{Builder, collect_events};

/// Every command, given to `$collect` (Tauri's `generate_handler` or tauri-specta's
/// `collect_commands`): the ones listed here by hand, then one per backend call, generated from
/// lcs-api's list of calls.
macro_rules! commands_of {
    ($collect:path; $($call:ty as $ident:ident => $zh:literal, $en:literal;)+) => {
        pastey::paste! {
            $collect![
                accounts::accounts_customer,
                accounts::accounts_trading,
                addresses::address_list,
                addresses::address_refresh,
                addresses::address_add,
                addresses::address_edit,
                addresses::address_remove,
                addresses::address_set_default,
                api::api_catalog,
                api::api_call,
                $(api::[<api_ $ident>],)+
                app::app_info,
                app::app_startup_timeline,
                auth::auth_overview,
                auth::auth_send_code,
                auth::auth_customer_login,
                auth::auth_customer_register,
                auth::auth_customer_check_phone,
                auth::auth_planner_check_phone,
                auth::auth_privacy_protocol,
                auth::auth_customer_check_retrieval,
                auth::auth_customer_retrieve_password,
                auth::auth_customer_first_password,
                auth::auth_customer_exchange,
                auth::auth_customer_switch_mode,
                auth::auth_customer_reset_demo,
                auth::auth_user_center_login,
                auth::auth_user_center_register,
                auth::auth_user_center_reset_password,
                auth::auth_wechat_qr_start,
                auth::auth_wechat_qr_poll,
                auth::auth_planner_login,
                auth::auth_planner_register,
                auth::auth_planner_change_password,
                auth::auth_planner_reset_password,
                auth::auth_pending_edits,
                auth::auth_sign_out,
                diagnostics::diagnostics_open_log_folder,
                diagnostics::diagnostics_export,
                environment::environment_list,
                environment::environment_select,
                environment::environment_save,
                environment::environment_remove,
                environment::environment_demo_accounts,
                environment::environment_export,
                environment::environment_import,
                environment::environment_import_confirm,
                inspector::inspector_list,
                inspector::inspector_bridge_calls,
                inspector::inspector_get,
                inspector::inspector_clear,
                inspector::inspector_export,
                inspector::inspector_set_enabled,
                links::links_take,
                crate::h5::h5_open,
                crate::h5::h5_back,
                crate::h5::h5_close,
                crate::h5::bridge_call,
                crate::h5::bridge_page_closed,
                invoices::invoice_list,
                invoices::invoice_refresh,
                invoices::invoice_add,
                invoices::invoice_edit,
                invoices::invoice_remove,
                messages::message_list,
                messages::message_refresh,
                messages::message_unread,
                messages::message_mark_read,
                messages::message_mark_all_read,
                messages::message_mark_conversation_read,
                messages::message_kefu_config,
                messages::message_chat_history,
                messages::message_chat_refresh,
                messages::message_send,
                messages::message_resend,
                messages::message_discard,
                messages::message_watch_thread,
                messages::message_unwatch_thread,
                messages::sync_retry_now,
                profile::profile_user_info,
                profile::profile_levels,
                profile::profile_exp_rules,
                profile::profile_account_detail,
                profile::profile_refresh,
                profile::profile_edit,
                profile::profile_certify,
                profile::profile_bind_mobile,
                profile::profile_upload_avatar,
                settings::settings_get,
                settings::settings_set_language,
                settings::settings_set_console_enabled,
                settings::settings_set_debug_log,
                settings::settings_set_developer_mode,
                settings::settings_set_notifications_enabled,
            ]
        }
    };
}

macro_rules! invoke_handler_of_calls {
    ($($calls:tt)*) => {
        commands_of!(tauri::generate_handler; $($calls)*)
    };
}

#[cfg(test)]
macro_rules! typed_commands_of_calls {
    ($($calls:tt)*) => {
        commands_of!(tauri_specta::collect_commands; $($calls)*)
    };
}

/// What the UI may invoke. Built without the commands' types: those serve only to generate
/// the bindings, and would otherwise be collected at every start and carried in the binary.
pub fn invoke_handler() -> impl Fn(Invoke<tauri::Wry>) -> bool + Send + Sync + 'static {
    lcs_api::for_each_call!(invoke_handler_of_calls)
}

/// The typed events, mounted at start so Rust can emit them.
pub fn events() -> Builder<tauri::Wry> {
    Builder::<tauri::Wry>::new().events(collect_events![
        crate::events::AuthState,
        crate::events::DataChanged,
        crate::events::MessageNotificationOpened,
        crate::events::InspectorRecorded,
        crate::events::InspectorBridgeRecorded,
        crate::links::LinkOpened,
        crate::h5::BridgeOpen
    ])
}

/// The single registry, commands and events with their types, from which `ui/src/bindings.ts`
/// is generated.
#[cfg(test)]
fn registry() -> Builder<tauri::Wry> {
    events()
        .commands(lcs_api::for_each_call!(typed_commands_of_calls))
        // One shape per type in TypeScript: the UI only ever reads what Rust serialises.
        .disable_serde_phases()
        // The backends' 64-bit integers are ids, counts, codes and millisecond times, all far
        // below 2^53, so a JavaScript number holds each exactly.
        .dangerously_cast_bigints_to_number()
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;
    use std::path::Path;

    include!("list.rs");

    const BINDINGS: &str = "ui/src/bindings.ts";
    const HEADER: &str = "// Generated from src-tauri/commands by `make bindings`. Do not edit.";

    fn generate(path: &Path) {
        super::registry()
            .export(
                specta_typescript::Typescript::default().header(HEADER),
                path,
            )
            .expect("export bindings");
    }

    /// The UI calls Rust only through the generated bindings; a stale file would type-check
    /// against commands that no longer exist. `LCS_UPDATE_BINDINGS=1` rewrites it.
    #[test]
    fn committed_bindings_match_the_registered_commands() {
        let committed = Path::new(env!("CARGO_MANIFEST_DIR")).join(BINDINGS);
        if std::env::var_os("LCS_UPDATE_BINDINGS").is_some() {
            generate(&committed);
            write_command_lists(&registered_commands());
            return;
        }
        let dir = tempfile::tempdir().expect("temp dir");
        let fresh = dir.path().join("bindings.ts");
        generate(&fresh);
        let fresh = std::fs::read_to_string(fresh).expect("read fresh bindings");
        let committed = std::fs::read_to_string(&committed).unwrap_or_default();
        assert!(
            fresh == committed,
            "{BINDINGS} is stale: run `make bindings` and commit the result"
        );
    }

    fn registered_commands() -> BTreeSet<String> {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("bindings.ts");
        generate(&path);
        let bindings = std::fs::read_to_string(path).expect("read bindings");
        // `__TAURI_INVOKE("name"…` or, for a command that cannot fail, `__TAURI_INVOKE<T>("name"…`.
        bindings
            .split("__TAURI_INVOKE")
            .skip(1)
            .filter_map(|rest| {
                let call = match rest.strip_prefix('<') {
                    Some(typed) => typed.split_once(">(\"")?.1,
                    None => rest.strip_prefix("(\"")?,
                };
                call.split('"').next()
            })
            .map(str::to_owned)
            .collect()
    }

    /// With a command per backend call, the list build.rs reads and the main window's
    /// permissions are written from the registry too; the tests below keep them equal to it.
    fn write_command_lists(commands: &BTreeSet<String>) {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let names: String = commands
            .iter()
            .map(|command| format!("    \"{command}\",\n"))
            .collect();
        std::fs::write(
            root.join("src-tauri/commands/list.rs"),
            format!("{LIST_HEADER}pub const APP_COMMANDS: &[&str] = &[\n{names}];\n"),
        )
        .expect("write list.rs");

        let path = root.join("src-tauri/capabilities/main.json");
        let mut capability: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&path).expect("main.json"))
                .expect("main.json is JSON");
        let permissions: Vec<String> = std::iter::once("core:default".to_owned())
            .chain(
                commands
                    .iter()
                    .filter(|command| *command != "bridge_call")
                    .map(|command| format!("allow-{}", command.replace('_', "-"))),
            )
            .collect();
        capability["permissions"] = serde_json::json!(permissions);
        let json = serde_json::to_string_pretty(&capability).expect("main.json");
        std::fs::write(path, json + "\n").expect("write main.json");
    }

    const LIST_HEADER: &str = "\
// Generated from the registry by `make bindings`. Every command, by name: build.rs declares
// them in the app's ACL manifest (a remote page may call a command only then, and local calls
// are checked too).
";

    /// The API console's promise: every call of the catalog (the API index's 75 and C10) is a
    /// typed command, in the catalog's order, and no other `api_` command is one.
    #[test]
    fn every_call_of_the_catalog_is_a_typed_command() {
        let calls: Vec<&str> = super::api::CALL_COMMANDS
            .iter()
            .map(|(call, _)| *call)
            .collect();
        let catalog: Vec<&str> = lcs_core::console::catalog()
            .iter()
            .map(|info| info.name)
            .collect();
        assert_eq!(calls, catalog);
        assert_eq!(calls.len(), 76);

        let mut per_call: BTreeSet<String> = registered_commands()
            .into_iter()
            .filter(|command| command.starts_with("api_"))
            .collect();
        assert!(per_call.remove("api_call") && per_call.remove("api_catalog"));
        let generated: BTreeSet<String> = super::api::CALL_COMMANDS
            .iter()
            .map(|(_, command)| (*command).to_owned())
            .collect();
        assert_eq!(per_call, generated);
    }

    /// build.rs declares `APP_COMMANDS` in the ACL manifest; a command missing there could not
    /// be called at all.
    #[test]
    fn the_acl_manifest_lists_every_registered_command() {
        let listed: BTreeSet<String> = APP_COMMANDS.iter().map(|c| (*c).to_owned()).collect();
        assert_eq!(listed, registered_commands());
    }

    fn permissions(capability: &str) -> BTreeSet<String> {
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("src-tauri/capabilities")
            .join(capability);
        let json: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(path).expect("capability file"))
                .expect("capability JSON");
        json["permissions"]
            .as_array()
            .expect("permissions")
            .iter()
            .filter_map(|p| p.as_str())
            .filter_map(|p| p.strip_prefix("allow-"))
            .map(|p| p.replace('-', "_"))
            .collect()
    }

    /// The app's own UI may call every command but the bridge's; H5 pages only the bridge's.
    #[test]
    fn each_window_may_call_exactly_its_commands() {
        let mut ui = registered_commands();
        ui.remove("bridge_call");
        assert_eq!(permissions("main.json"), ui);
        assert_eq!(
            permissions("h5.json"),
            BTreeSet::from(["bridge_call".to_owned()])
        );
    }
}

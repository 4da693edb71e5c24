//! Every backend call as its own typed command, `api_<family>_<call>`, generated from lcs-api's
//! one list of calls ([`lcs_api::for_each_call`]): the request is the call's own type, the
//! answer its typed answer with any token redacted, sent with the current environment's
//! session. The screens use the services' commands; these serve testers and anything the
//! services do not cover. `api_catalog` describes every call, and `api_call` sends one by name
//! with JSON parameters, as the API console's generated forms do.

use lcs_api::{Endpoint, Redacted};
use lcs_core::Json;
use lcs_core::console::{self, CallInfo};
use serde_json::{Map, Value};
use tauri::State;

use crate::error::CommandResult;
use crate::session::Sessions;

macro_rules! api_commands {
    ($($call:ty as $ident:ident => $zh:literal, $en:literal;)+) => {
        pastey::paste! {
            $(
                #[doc = concat!($en, " (", $zh, ").")]
                #[tauri::command]
                #[specta::specta]
                pub async fn [<api_ $ident>](
                    sessions: State<'_, Sessions>,
                    request: $call,
                ) -> CommandResult<Redacted<<$call as Endpoint>::Output>> {
                    let auth = sessions.auth()?;
                    Ok(Redacted(console::send(&auth, &request).await?))
                }
            )+

            /// Each call's name with its command's, for the registry's tests.
            #[cfg(test)]
            pub(super) const CALL_COMMANDS: &[(&str, &str)] = &[
                $((<$call as Endpoint>::NAME, stringify!([<api_ $ident>]))),+
            ];
        }
    };
}

lcs_api::for_each_call!(api_commands);

/// Every call with its titles and parameters, in the order of API.md.
#[tauri::command]
#[specta::specta]
pub fn api_catalog() -> CommandResult<Vec<CallInfo>> {
    Ok(console::catalog())
}

/// The call named `name` (`customer.login`) with `params` as its parameters; a parameter the
/// call does not take, or one of the wrong type, is refused by name before anything is sent.
#[tauri::command]
#[specta::specta]
pub async fn api_call(
    sessions: State<'_, Sessions>,
    name: String,
    params: Map<String, Value>,
) -> CommandResult<Json> {
    let auth = sessions.auth()?;
    Ok(Json(
        console::call(&auth, &name, params, console::Secrets::Redact).await?,
    ))
}

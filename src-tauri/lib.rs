//! The LCS Account app: the Tauri shell around lcs-core. It builds the window, manages the
//! state and adapts lcs-core's services to commands and events; the logic lives in crates/.

mod commands;
mod error;
mod events;
mod files;
mod h5;
mod links;
mod logs;
mod notify;
#[cfg(test)]
mod platforms;
mod sandbox;
mod session;
mod startup;
mod state;

use tauri::Manager;

#[cfg_attr(mobile, tauri::mobile_entry_point)]
pub fn run() {
    startup::reached("process running");
    let logs = logs::Logs::start();
    let events = commands::events();
    let builder = tauri::Builder::default();
    // First of all plugins: a second process hands over its link and exits before any other
    // plugin starts. macOS and the mobile systems hand links to the running app themselves.
    #[cfg(any(target_os = "linux", windows))]
    let builder = builder.plugin(tauri_plugin_single_instance::init(|app, _argv, _cwd| {
        links::focus_main(app);
    }));
    #[cfg(desktop)]
    let builder = builder.plugin(window_state());
    let app = builder
        .plugin(tauri_plugin_deep_link::init())
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_opener::init())
        .manage(links::LinkInbox::default())
        .manage(h5::H5Host::default())
        .on_page_load(show_main_when_loaded)
        .invoke_handler(commands::invoke_handler())
        .on_window_event(window_changed)
        .setup(move |app| {
            startup::reached("window created");
            events.mount_events(app);
            match app.path().app_log_dir() {
                Ok(dir) => logs.write_to(dir),
                Err(error) => tracing::warn!(%error, "the app has no log folder"),
            }
            let config_dir = app.path().app_config_dir()?;
            let data_dir = app.path().app_data_dir()?;
            let dirs = lcs_core::paths::AppDirs::new(&config_dir, &data_dir);
            if let Err(error) = dirs.create() {
                tracing::warn!(%error, "the app's folders could not be made private to their owner");
            }
            let state = state::AppState::load(&config_dir);
            startup::reached("settings read");
            logs.set_debug(
                state
                    .settings
                    .lock()
                    .unwrap_or_else(|p| p.into_inner())
                    .debug_log,
            );
            tracing::info!(
                version = %app.package_info().version,
                os = std::env::consts::OS,
                arch = std::env::consts::ARCH,
                "the app started"
            );
            state
                .inspector
                .listen(std::sync::Arc::new(events::InspectorEvents {
                    app: app.handle().clone(),
                }));
            let sandbox = sandbox::EmbeddedSandbox::new(&data_dir);
            let sessions = session::Sessions::start(
                app.handle().clone(),
                &data_dir,
                &state.settings.lock().unwrap_or_else(|p| p.into_inner()),
                &sandbox,
                state.inspector.clone(),
            )?;
            app.manage(state);
            app.manage(sandbox);
            app.manage(sessions);
            app.manage(logs);
            links::install(app);
            startup::reached("set-up done");
            Ok(())
        })
        .run(tauri::generate_context!());
    if let Err(error) = app {
        tracing::error!(%error, "the app could not start");
        eprintln!("LCS Account could not start: {error}");
        std::process::exit(1);
    }
}

/// The main window is created hidden and shown once its page has loaded: WebKitGTK's UI process
/// can otherwise wait half a second for the first paint of a window already on screen
/// (docs/PERFORMANCE.md).
fn show_main_when_loaded(webview: &tauri::Webview, payload: &tauri::webview::PageLoadPayload<'_>) {
    if webview.label() != "main" || payload.event() != tauri::webview::PageLoadEvent::Finished {
        return;
    }
    startup::reached("page loaded");
    if let Err(error) = webview.window().show() {
        tracing::warn!(%error, "the main window could not be shown");
    }
}

/// Tells the live schedulers how the main window stands: they poll an open thread only while
/// it shows, and notify only while it is not focused.
fn window_changed(window: &tauri::Window, event: &tauri::WindowEvent) {
    if window.label() != "main" {
        return;
    }
    let focused = match event {
        tauri::WindowEvent::Focused(focused) => Some(*focused),
        tauri::WindowEvent::Resized(_) => None,
        _ => return,
    };
    let visible = window.is_visible().unwrap_or(true) && !window.is_minimized().unwrap_or(false);
    if let Some(sessions) = window.try_state::<session::Sessions>() {
        sessions.window_changed(focused, visible);
    }
}

/// Size, position and maximized state only: a window saved while hidden must still show.
#[cfg(desktop)]
fn window_state() -> tauri::plugin::TauriPlugin<tauri::Wry> {
    use tauri_plugin_window_state::StateFlags;
    tauri_plugin_window_state::Builder::default()
        .with_state_flags(StateFlags::SIZE | StateFlags::POSITION | StateFlags::MAXIMIZED)
        .build()
}

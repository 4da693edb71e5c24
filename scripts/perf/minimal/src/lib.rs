use tauri::webview::PageLoadEvent;

/// Runs one window, shown once the page has loaded, as LCS Account does, so that neither waits
/// for WebKit's first paint of a window already on screen.
pub fn run(context: tauri::Context) {
    let app = tauri::Builder::default().on_page_load(|webview, payload| {
        if payload.event() == PageLoadEvent::Finished {
            let _ = webview.window().show();
        }
    });
    if let Err(error) = app.run(context) {
        eprintln!("the minimal app could not start: {error}");
        std::process::exit(1);
    }
}

// One static HTML page.
fn main() {
    minimal_tauri_app::run(tauri::generate_context!());
}

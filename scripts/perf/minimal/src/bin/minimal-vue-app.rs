// The same, showing a page built from LCS Account's UI libraries (vue/).
fn main() {
    minimal_tauri_app::run(tauri::generate_context!("vue/tauri.conf.json"));
}

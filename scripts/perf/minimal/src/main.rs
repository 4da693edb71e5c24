fn main() {
    if let Err(error) = tauri::Builder::default().run(tauri::generate_context!()) {
        eprintln!("the minimal app could not start: {error}");
        std::process::exit(1);
    }
}

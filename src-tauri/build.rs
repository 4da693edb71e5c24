include!("commands/list.rs");

fn main() {
    embed_operator_environments();
    println!("cargo:rerun-if-changed=src-tauri/capabilities");
    println!("cargo:rerun-if-changed=src-tauri/commands/list.rs");
    let attributes = tauri_build::Attributes::new()
        .capabilities_path_pattern("src-tauri/capabilities/**/*")
        .app_manifest(tauri_build::AppManifest::new().commands(APP_COMMANDS));
    if let Err(error) = tauri_build::try_build(attributes) {
        eprintln!("tauri-build failed: {error:#}");
        std::process::exit(1);
    }
}

/// An operator's build: `LCS_ENVIRONMENTS` names the environments file it ships with
/// (lcs-core's `Distribution`), embedded as `OPERATOR_ENVIRONMENTS`; without it, `None`.
fn embed_operator_environments() {
    println!("cargo:rerun-if-env-changed=LCS_ENVIRONMENTS");
    let embedded = match std::env::var_os("LCS_ENVIRONMENTS").filter(|path| !path.is_empty()) {
        None => "None".to_owned(),
        Some(path) => match std::fs::canonicalize(&path) {
            Ok(path) => {
                println!("cargo:rerun-if-changed={}", path.display());
                format!("Some(include_str!({:?}))", path.display().to_string())
            }
            Err(error) => {
                eprintln!("LCS_ENVIRONMENTS={}: {error}", path.to_string_lossy());
                std::process::exit(1);
            }
        },
    };
    let code = format!(
        "/// The environments file this build ships with (`LCS_ENVIRONMENTS` when it was built).\n\
         pub const OPERATOR_ENVIRONMENTS: Option<&str> = {embedded};\n"
    );
    let out = std::path::PathBuf::from(std::env::var_os("OUT_DIR").unwrap_or_default());
    if let Err(error) = std::fs::write(out.join("distribution.rs"), code) {
        eprintln!("the build's distribution could not be written: {error}");
        std::process::exit(1);
    }
}

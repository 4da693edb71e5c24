//! What each platform's build reads from the configuration, checked here because only Linux
//! builds on this project's machines: a mistake for Android, iOS, macOS or Windows would
//! otherwise surface on a build machine, or on a user's phone.

use std::path::Path;

use serde_json::Value;

fn read_json(relative: &str) -> Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(relative);
    let text = std::fs::read_to_string(&path).expect("configuration file");
    serde_json::from_str(&text).expect("configuration JSON")
}

fn strings(value: &Value) -> Vec<&str> {
    value
        .as_array()
        .map(|items| items.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default()
}

/// Installers, the About page and `getAppInfo` all read the version Tauri takes from
/// Cargo.toml when tauri.conf.json names none: one place to bump.
#[test]
fn the_version_comes_from_cargo_toml_alone() {
    let config = read_json("tauri.conf.json");
    assert!(
        config.get("version").is_none(),
        "tauri.conf.json must not name a version"
    );
    let package = read_json("package.json");
    assert!(
        package.get("version").is_none(),
        "package.json must not name a version"
    );
}

/// Android's package name and iOS's bundle id come from the identifier; stores refuse one
/// that is not reverse-DNS, and Android refuses one with a hyphen.
#[test]
fn the_identifier_suits_every_store() {
    let config = read_json("tauri.conf.json");
    let identifier = config["identifier"].as_str().expect("identifier");
    let parts: Vec<&str> = identifier.split('.').collect();
    assert!(parts.len() >= 3, "{identifier} is not reverse-DNS");
    for part in parts {
        assert!(
            part.chars().next().is_some_and(|c| c.is_ascii_lowercase())
                && part
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit()),
            "{identifier}: {part:?} is not a valid Java package segment"
        );
    }
}

/// `lcs://` links open the app everywhere: desktop installers register the scheme, Android
/// gets an intent filter and iOS a URL type from the plugin's mobile entry.
#[test]
fn the_lcs_scheme_is_declared_for_desktop_and_mobile() {
    let config = read_json("tauri.conf.json");
    let deep_link = &config["plugins"]["deep-link"];
    assert_eq!(strings(&deep_link["desktop"]["schemes"]), ["lcs"]);
    let mobile = deep_link["mobile"].as_array().expect("mobile deep links");
    assert!(
        mobile
            .iter()
            .any(|entry| strings(&entry["scheme"]).contains(&"lcs")),
        "no mobile entry for the lcs scheme: {mobile:?}"
    );
}

/// Every capability says where it applies: the app's own window everywhere, the H5 window
/// only where there is a second window to give it.
#[test]
fn capabilities_name_their_platforms() {
    let all = ["linux", "macOS", "windows", "android", "iOS"];
    let main = read_json("src-tauri/capabilities/main.json");
    assert_eq!(strings(&main["platforms"]), all);
    let h5 = read_json("src-tauri/capabilities/h5.json");
    assert_eq!(strings(&h5["platforms"]), ["linux", "macOS", "windows"]);
}

/// Size matters most on phones; these settings are what the README's size figures assume.
#[test]
fn release_builds_are_built_for_size() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("Cargo.toml");
    let manifest = std::fs::read_to_string(path).expect("Cargo.toml");
    let release = manifest
        .split("[profile.release]")
        .nth(1)
        .expect("a [profile.release] section");
    let section = release.split("\n[").next().unwrap_or(release);
    for setting in [
        "opt-level = \"s\"",
        "lto = true",
        "codegen-units = 1",
        "panic = \"abort\"",
        "strip = true",
    ] {
        assert!(
            section.contains(setting),
            "[profile.release] lacks {setting}"
        );
    }
    // Tauri's removeUnusedCommands reads capabilities from its default folder only; with this
    // layout it stripped the event plugin's `listen` from release builds and the UI went deaf.
    let config = read_json("tauri.conf.json");
    assert!(config["build"].get("removeUnusedCommands").is_none());
}

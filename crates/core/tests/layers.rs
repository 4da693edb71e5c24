//! docs/ARCHITECTURE.md states lcs-core's layers: every module's imports must point to a layer
//! below its own, and every module must sit in one.

#![allow(clippy::unwrap_used)]

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

const SRC: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/src");

/// Each module's layer, from the table under "lcs-core's layers".
fn layers() -> BTreeMap<String, usize> {
    let doc = fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../docs/ARCHITECTURE.md"
    ))
    .unwrap();
    let section = doc
        .split("\n## ")
        .find(|section| section.starts_with("lcs-core's layers"))
        .unwrap_or_else(|| panic!("docs/ARCHITECTURE.md has no section \"lcs-core's layers\""));
    let mut layers = BTreeMap::new();
    for line in section.lines().filter(|line| line.starts_with("| ")) {
        let cells: Vec<&str> = line.trim_matches('|').split('|').map(str::trim).collect();
        let Ok(layer) = cells[0].parse::<usize>() else {
            continue;
        };
        for module in cells[1].split(',') {
            let module = module.trim().trim_matches('`').to_owned();
            assert!(
                layers.insert(module.clone(), layer).is_none(),
                "{module} twice"
            );
        }
    }
    layers
}

/// The crate's top-level modules, each with its files (`auth.rs` or `auth/…`).
fn modules() -> BTreeMap<String, Vec<PathBuf>> {
    let mut modules: BTreeMap<String, Vec<PathBuf>> = BTreeMap::new();
    for entry in fs::read_dir(SRC).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_stem().unwrap().to_str().unwrap().to_owned();
        if name == "lib" {
            continue;
        }
        let files = modules.entry(name).or_default();
        if path.is_dir() {
            rust_files(&path, files);
        } else {
            files.push(path);
        }
    }
    modules
}

fn rust_files(dir: &Path, files: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, files);
        } else if path.extension().is_some_and(|ext| ext == "rs") {
            files.push(path);
        }
    }
}

/// The modules a file names with `crate::module`, outside comments.
fn imports(file: &Path) -> BTreeSet<String> {
    let text = fs::read_to_string(file).unwrap();
    let mut named = BTreeSet::new();
    for line in text
        .lines()
        .filter(|line| !line.trim_start().starts_with("//"))
    {
        for (_, rest) in line
            .match_indices("crate::")
            .map(|(at, _)| line.split_at(at + 7))
        {
            let module: String = rest
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == '{')
                .collect();
            named.insert(module);
        }
    }
    named
}

#[test]
fn every_module_sits_in_one_layer() {
    let layers = layers();
    let modules = modules();
    let unplaced: Vec<&String> = modules
        .keys()
        .filter(|m| !layers.contains_key(*m))
        .collect();
    assert!(unplaced.is_empty(), "no layer names {unplaced:?}");
    let gone: Vec<&String> = layers
        .keys()
        .filter(|m| !modules.contains_key(*m))
        .collect();
    assert!(
        gone.is_empty(),
        "the table names modules that do not exist: {gone:?}"
    );
}

#[test]
fn every_module_imports_only_from_layers_below_it() {
    let layers = layers();
    let mut wrong = Vec::new();
    for (module, files) in modules() {
        let Some(&own) = layers.get(&module) else {
            continue;
        };
        for file in files {
            let shown = file.strip_prefix(SRC).unwrap().display().to_string();
            for named in imports(&file) {
                if named == module {
                    continue;
                }
                match layers.get(&named) {
                    Some(&layer) if layer < own => {}
                    Some(&layer) => wrong.push(format!(
                        "{shown} (layer {own}) imports {named} (layer {layer})"
                    )),
                    // `crate::{…}`, or a name re-exported by lib.rs: the module is not named.
                    None => wrong.push(format!(
                        "{shown} imports crate::{named}: name the module it comes from"
                    )),
                }
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "imports that do not point down:\n{}",
        wrong.join("\n")
    );
}

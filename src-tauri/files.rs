//! JSON files the user picks in the system's dialogs: the request inspector's export and the
//! environments files. A cancelled dialog answers `None`.

use std::path::PathBuf;

use tauri::AppHandle;
use tauri_plugin_dialog::{DialogExt, FilePath};

use crate::error::CommandResult;

/// Asks where to save `text`, suggesting `file_name`, and writes it there; the path written.
pub async fn save_json(
    app: &AppHandle,
    file_name: &str,
    what: &'static str,
    text: String,
) -> CommandResult<Option<String>> {
    let (picked, chosen) = tokio::sync::oneshot::channel();
    app.dialog()
        .file()
        .add_filter("JSON", &["json"])
        .set_file_name(file_name)
        .save_file(move |path| {
            let _ = picked.send(path);
        });
    let Ok(Some(path)) = chosen.await else {
        return Ok(None);
    };
    let path = local_path(path, what)?;
    // Owner-only: an export names the user's environments or calls.
    lcs_core::paths::write_private(&path, what, &text)?;
    Ok(Some(path.display().to_string()))
}

/// Asks for a JSON file and reads it.
pub async fn open_json(app: &AppHandle, what: &'static str) -> CommandResult<Option<String>> {
    let (picked, chosen) = tokio::sync::oneshot::channel();
    app.dialog()
        .file()
        .add_filter("JSON", &["json"])
        .pick_file(move |path| {
            let _ = picked.send(path);
        });
    let Ok(Some(path)) = chosen.await else {
        return Ok(None);
    };
    let path = local_path(path, what)?;
    let text = std::fs::read_to_string(&path).map_err(|source| storage(what, &path, source))?;
    Ok(Some(text))
}

/// The dialog's choice as a file on this machine (mobile pickers can answer content URIs).
fn local_path(path: FilePath, what: &'static str) -> Result<PathBuf, lcs_core::Error> {
    path.into_path().map_err(|error| lcs_core::Error::Storage {
        what,
        path: String::new(),
        source: std::io::Error::other(error.to_string()),
    })
}

fn storage(what: &'static str, path: &std::path::Path, source: std::io::Error) -> lcs_core::Error {
    lcs_core::Error::Storage {
        what,
        path: path.display().to_string(),
        source,
    }
}

//! When each step of the app's start ended, so that `make perf` can show where the time before
//! the first screen goes.

use std::sync::{Mutex, PoisonError};
use std::time::{SystemTime, UNIX_EPOCH};

use serde::Serialize;

/// A step of start-up and when it ended, in milliseconds since the Unix epoch: the clock of
/// the web view's `performance.timeOrigin`, so the app's steps and the page's line up.
#[derive(Debug, Clone, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct StartupStep {
    pub step: String,
    pub at_ms: f64,
}

static STEPS: Mutex<Vec<StartupStep>> = Mutex::new(Vec::new());

/// Notes that `step` has just ended.
pub fn reached(step: &str) {
    let at_ms = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0.0, |since| since.as_secs_f64() * 1000.0);
    STEPS
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .push(StartupStep {
            step: step.to_owned(),
            at_ms,
        });
}

/// The steps noted so far, in order.
pub fn steps() -> Vec<StartupStep> {
    STEPS.lock().unwrap_or_else(PoisonError::into_inner).clone()
}

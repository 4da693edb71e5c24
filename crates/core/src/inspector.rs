//! The request inspector for testers: the last [`Inspector::CAPACITY`] calls of every
//! environment's client, in memory only (never written to disk except by an explicit export),
//! secrets already redacted by lcs-api; and as many JsBridge calls of H5 pages, redacted here.

use std::collections::VecDeque;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, OnceLock, PoisonError};

use lcs_api::record::redact_value;
use lcs_api::{CallRecord, Family, Method, Observer};
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// Told of each recorded call, so a page can update live.
pub trait InspectorListener: Send + Sync {
    fn recorded(&self, record: &CallRecord);
    fn bridge_recorded(&self, record: &BridgeCallRecord);
}

/// A JsBridge call an H5 page made, with the code it was answered.
#[derive(Debug, Clone, PartialEq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct BridgeCallRecord {
    #[specta(type = f64)]
    pub at_ms: u64,
    /// The page's origin: its path and query may carry what the page put there.
    pub origin: String,
    /// As the page named it, known or not.
    pub method: String,
    /// The call's `data` (JSON text read as JSON), secrets redacted, or a note of its size
    /// when longer than [`BridgeCallRecord::MAX_PARAMS`].
    #[specta(type = specta_typescript::Unknown<()>)]
    pub params: Value,
    pub code: u16,
    #[specta(type = f64)]
    pub latency_ms: u64,
}

impl BridgeCallRecord {
    /// The most of a call's parameters kept, in bytes of JSON text.
    pub const MAX_PARAMS: usize = 4 * 1024;
    /// The most of a method's name kept: a page may send any text as one.
    pub const MAX_METHOD_CHARS: usize = 80;

    /// The record of the request `raw` (the bridge's wire text) that the page at `page_url`
    /// sent, answered with `code` after `latency_ms`.
    pub fn new(at_ms: u64, page_url: &str, raw: &str, code: u16, latency_ms: u64) -> Self {
        let origin = url::Url::parse(page_url)
            .map(|url| url.origin().ascii_serialization())
            .unwrap_or_default();
        let request: Value = serde_json::from_str(raw).unwrap_or(Value::Null);
        let method = match &request["method"] {
            Value::String(method) if method.chars().count() > Self::MAX_METHOD_CHARS => {
                let kept: String = method.chars().take(Self::MAX_METHOD_CHARS).collect();
                format!("{kept}…")
            }
            Value::String(method) => method.clone(),
            _ => String::new(),
        };
        let mut params = match &request["data"] {
            Value::String(text) => {
                serde_json::from_str(text).unwrap_or(Value::String(text.clone()))
            }
            data => data.clone(),
        };
        redact_value(&mut params);
        let size = params.to_string().len();
        if size > Self::MAX_PARAMS {
            params = Value::String(format!("({size} bytes, not kept)"));
        }
        Self {
            at_ms,
            origin,
            method,
            params,
            code,
            latency_ms,
        }
    }
}

/// Which records to list; every set field must match.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase", default)]
pub struct InspectorFilter {
    pub family: Option<Family>,
    /// A substring of the path, the URL or the call name, or of the trace id (any case).
    pub text: Option<String>,
    pub status: Option<u16>,
    /// `ok` or an error code (`network`, `business`, ...).
    pub outcome: Option<String>,
    pub failures_only: bool,
}

impl InspectorFilter {
    fn matches(&self, record: &CallRecord) -> bool {
        let text = self.text.as_deref().map(str::trim).unwrap_or_default();
        let text = text.to_lowercase();
        self.family.is_none_or(|family| record.family == family)
            && self
                .status
                .is_none_or(|status| record.status == Some(status))
            && self
                .outcome
                .as_deref()
                .is_none_or(|outcome| record.outcome == outcome)
            && (!self.failures_only || record.failed())
            && (text.is_empty()
                || [&record.path, &record.url, &record.call, &record.trace]
                    .iter()
                    .any(|field| field.to_lowercase().contains(&text)))
    }
}

/// A call as the list shows it: everything but the headers and bodies.
#[derive(Debug, Clone, PartialEq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct CallSummary {
    #[specta(type = f64)]
    pub at_ms: u64,
    pub family: Family,
    pub call: String,
    pub method: Method,
    pub path: String,
    pub trace: String,
    pub status: Option<u16>,
    pub business_code: Option<String>,
    pub outcome: String,
    pub attempts: u32,
    #[specta(type = f64)]
    pub latency_ms: u64,
    #[specta(type = f64)]
    pub request_bytes: u64,
    #[specta(type = Option<f64>)]
    pub response_bytes: Option<u64>,
}

impl From<&CallRecord> for CallSummary {
    fn from(record: &CallRecord) -> Self {
        Self {
            at_ms: record.at_ms,
            family: record.family,
            call: record.call.clone(),
            method: record.method,
            path: record.path.clone(),
            trace: record.trace.clone(),
            status: record.status,
            business_code: record.business_code.clone(),
            outcome: record.outcome.clone(),
            attempts: record.attempts,
            latency_ms: record.latency_ms,
            request_bytes: record.request_bytes,
            response_bytes: record.response_bytes,
        }
    }
}

/// Bounded rings of call records, switched on and off at run time.
pub struct Inspector {
    enabled: AtomicBool,
    records: Mutex<VecDeque<CallRecord>>,
    bridge_calls: Mutex<VecDeque<BridgeCallRecord>>,
    listener: OnceLock<Arc<dyn InspectorListener>>,
}

impl Inspector {
    /// How many calls are kept; the oldest is dropped first.
    pub const CAPACITY: usize = 1_000;

    pub fn new(enabled: bool) -> Self {
        Self {
            enabled: AtomicBool::new(enabled),
            records: Mutex::new(VecDeque::new()),
            bridge_calls: Mutex::new(VecDeque::new()),
            listener: OnceLock::new(),
        }
    }

    /// Sets who hears of each record; the first listener set stays.
    pub fn listen(&self, listener: Arc<dyn InspectorListener>) {
        let _ = self.listener.set(listener);
    }

    pub fn enabled(&self) -> bool {
        self.enabled.load(Ordering::Relaxed)
    }

    /// Switching off keeps what was recorded until it is cleared.
    pub fn set_enabled(&self, enabled: bool) {
        self.enabled.store(enabled, Ordering::Relaxed);
    }

    /// The matching records, newest first.
    pub fn list(&self, filter: &InspectorFilter) -> Vec<CallRecord> {
        self.lock()
            .iter()
            .rev()
            .filter(|record| filter.matches(record))
            .cloned()
            .collect()
    }

    /// [`Inspector::list`] without headers and bodies, for a list page.
    pub fn summaries(&self, filter: &InspectorFilter) -> Vec<CallSummary> {
        self.lock()
            .iter()
            .rev()
            .filter(|record| filter.matches(record))
            .map(CallSummary::from)
            .collect()
    }

    /// The record of the call that carried `trace`.
    pub fn get(&self, trace: &str) -> Option<CallRecord> {
        self.lock()
            .iter()
            .rev()
            .find(|record| record.trace == trace)
            .cloned()
    }

    /// The H5 pages' bridge calls, newest first.
    pub fn bridge_calls(&self) -> Vec<BridgeCallRecord> {
        self.bridge_lock().iter().rev().cloned().collect()
    }

    pub fn record_bridge(&self, record: BridgeCallRecord) {
        if !self.enabled() {
            return;
        }
        if let Some(listener) = self.listener.get() {
            listener.bridge_recorded(&record);
        }
        let mut calls = self.bridge_lock();
        if calls.len() == Self::CAPACITY {
            calls.pop_front();
        }
        calls.push_back(record);
    }

    pub fn clear(&self) {
        self.lock().clear();
        self.bridge_lock().clear();
    }

    pub fn len(&self) -> usize {
        self.lock().len()
    }

    pub fn is_empty(&self) -> bool {
        self.lock().is_empty()
    }

    /// Every record, oldest first, as pretty-printed JSON: what an export writes.
    pub fn export(&self) -> String {
        let records: Vec<CallRecord> = self.lock().iter().cloned().collect();
        // Records are plain data: serialising them cannot fail.
        serde_json::to_string_pretty(&records).unwrap_or_default()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, VecDeque<CallRecord>> {
        self.records.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn bridge_lock(&self) -> std::sync::MutexGuard<'_, VecDeque<BridgeCallRecord>> {
        self.bridge_calls
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
    }
}

impl Observer for Inspector {
    fn is_enabled(&self) -> bool {
        self.enabled()
    }

    fn record(&self, record: CallRecord) {
        if !self.enabled() {
            return;
        }
        if let Some(listener) = self.listener.get() {
            listener.recorded(&record);
        }
        let mut records = self.lock();
        if records.len() == Self::CAPACITY {
            records.pop_front();
        }
        records.push_back(record);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use lcs_api::record::{BodyKind, RecordedBody, RecordedRequest};

    fn record(n: usize, family: Family, outcome: &str) -> CallRecord {
        let empty = RecordedBody {
            kind: BodyKind::Empty,
            text: String::new(),
            truncated: false,
        };
        CallRecord {
            at_ms: n as u64,
            family,
            call: format!("test.call{n}"),
            method: Method::Get,
            path: format!("/path/{n}"),
            url: format!("http://host/path/{n}"),
            trace: format!("trace-{n}"),
            status: Some(if outcome == "ok" { 200 } else { 500 }),
            business_code: None,
            outcome: outcome.into(),
            error: None,
            attempts: 1,
            latency_ms: 1,
            request_bytes: 0,
            response_bytes: Some(0),
            request: RecordedRequest {
                headers: Vec::new(),
                query: Vec::new(),
                body: empty.clone(),
            },
            response: Some(empty),
        }
    }

    #[test]
    fn keeps_the_newest_thousand_and_lists_newest_first() {
        let inspector = Inspector::new(true);
        for n in 0..Inspector::CAPACITY + 5 {
            inspector.record(record(n, Family::Customer, "ok"));
        }
        let all = inspector.list(&InspectorFilter::default());
        assert_eq!(all.len(), Inspector::CAPACITY);
        assert_eq!(all[0].trace, format!("trace-{}", Inspector::CAPACITY + 4));
        assert_eq!(
            all.last().unwrap().trace,
            "trace-5",
            "the oldest five were dropped"
        );
        assert!(inspector.get("trace-4").is_none());
        assert_eq!(inspector.get("trace-7").unwrap().path, "/path/7");
        let summaries = inspector.summaries(&InspectorFilter::default());
        assert_eq!(summaries.len(), Inspector::CAPACITY);
        assert_eq!(summaries[0].trace, all[0].trace);
        inspector.clear();
        assert!(inspector.is_empty());
    }

    #[test]
    fn filters_by_family_text_status_and_failure() {
        let inspector = Inspector::new(true);
        inspector.record(record(1, Family::Customer, "ok"));
        inspector.record(record(2, Family::Planner, "http"));
        inspector.record(record(3, Family::Planner, "ok"));
        let traces = |filter: InspectorFilter| -> Vec<String> {
            inspector
                .list(&filter)
                .into_iter()
                .map(|r| r.trace)
                .collect()
        };
        let planner = InspectorFilter {
            family: Some(Family::Planner),
            ..InspectorFilter::default()
        };
        assert_eq!(traces(planner.clone()), ["trace-3", "trace-2"]);
        assert_eq!(
            traces(InspectorFilter {
                failures_only: true,
                ..planner
            }),
            ["trace-2"]
        );
        assert_eq!(
            traces(InspectorFilter {
                text: Some("PATH/1".into()),
                ..InspectorFilter::default()
            }),
            ["trace-1"]
        );
        assert_eq!(
            traces(InspectorFilter {
                text: Some("trace-3".into()),
                ..InspectorFilter::default()
            }),
            ["trace-3"]
        );
        assert_eq!(
            traces(InspectorFilter {
                status: Some(500),
                ..InspectorFilter::default()
            }),
            ["trace-2"]
        );
    }

    #[test]
    fn bridge_calls_are_kept_by_origin_with_their_secrets_redacted() {
        let inspector = Inspector::new(true);
        let raw = r#"{"method":"openPage","data":"{\"packageName\":\"lcs.account.login\",\"token\":\"s3cret\"}","callbackId":"1"}"#;
        inspector.record_bridge(BridgeCallRecord::new(
            7,
            "https://h5.example.com/deep/page.html?session=abc",
            raw,
            0,
            12,
        ));
        let calls = inspector.bridge_calls();
        assert_eq!(calls.len(), 1);
        assert_eq!(calls[0].origin, "https://h5.example.com");
        assert_eq!(calls[0].method, "openPage");
        assert_eq!(
            calls[0].params,
            serde_json::json!({"packageName": "lcs.account.login", "token": "<redacted>"})
        );
        assert_eq!((calls[0].code, calls[0].latency_ms), (0, 12));

        let huge = format!(
            r#"{{"method":"toast","data":{{"message":"{}"}}}}"#,
            "x".repeat(5000)
        );
        inspector.record_bridge(BridgeCallRecord::new(
            8,
            "https://h5.example.com/",
            &huge,
            1004,
            1,
        ));
        assert_eq!(
            inspector.bridge_calls()[0].params,
            serde_json::json!("(5014 bytes, not kept)")
        );
        inspector.clear();
        assert!(inspector.bridge_calls().is_empty());
        inspector.set_enabled(false);
        inspector.record_bridge(BridgeCallRecord::new(
            9,
            "https://h5.example.com/",
            raw,
            0,
            1,
        ));
        assert!(inspector.bridge_calls().is_empty(), "off records nothing");
    }

    #[test]
    fn a_disabled_inspector_records_nothing_and_exports_json() {
        let inspector = Inspector::new(false);
        inspector.record(record(1, Family::UserCenter, "ok"));
        assert!(inspector.is_empty());
        inspector.set_enabled(true);
        inspector.record(record(2, Family::UserCenter, "ok"));
        let exported: serde_json::Value = serde_json::from_str(&inspector.export()).unwrap();
        assert_eq!(exported[0]["trace"], "trace-2");
        assert_eq!(exported[0]["family"], "user_center");
    }
}

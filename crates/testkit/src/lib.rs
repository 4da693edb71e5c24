//! What the workspace's tests share: the sandbox's helpers under `/__sandbox/`, called with the
//! run's secret as a test calls them. A helper that refuses fails the test where it was called.

// Test support: a failed helper call is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use lcs_sandbox::{SECRET_HEADER, Sandbox};
use serde_json::Value;

/// The helpers of one running sandbox.
pub struct Helpers {
    base: String,
    secret: String,
    client: reqwest::Client,
}

impl Helpers {
    pub fn of(sandbox: &Sandbox) -> Self {
        Self {
            base: sandbox.base_url(),
            secret: sandbox.secret().to_owned(),
            client: reqwest::Client::new(),
        }
    }

    /// `GET /__sandbox/{path}`'s JSON answer.
    pub async fn get(&self, path: &str) -> Value {
        self.send(self.client.get(self.url(path))).await
    }

    /// `POST /__sandbox/{path}` with `body`; its JSON answer, or `null` when it has none.
    pub async fn post(&self, path: &str, body: Value) -> Value {
        self.send(self.client.post(self.url(path)).json(&body))
            .await
    }

    /// How many calls the sandbox received under `path` since it started or was reset.
    pub async fn calls(&self, path: &str) -> u64 {
        self.get("calls").await["calls"][path].as_u64().unwrap_or(0)
    }

    /// The other side speaks: `from` (`kefu`, `system` or another user) writes `content` to
    /// `to`'s inbox through `POST /__sandbox/messages`; answers `{messageId, userOtherId, time}`.
    pub async fn deliver_message(&self, from: &str, to: &str, content: &str) -> Value {
        self.post(
            "messages",
            serde_json::json!({"from": from, "to": to, "content": content}),
        )
        .await
    }

    fn url(&self, path: &str) -> String {
        format!("{}__sandbox/{path}", self.base)
    }

    async fn send(&self, request: reqwest::RequestBuilder) -> Value {
        let answer = request
            .header(SECRET_HEADER, &self.secret)
            .send()
            .await
            .unwrap();
        let status = answer.status();
        let text = answer.text().await.unwrap();
        assert!(
            status.is_success(),
            "the sandbox helper answered {status}: {text}"
        );
        serde_json::from_str(&text).unwrap_or(Value::Null)
    }
}

//! The client and its one send path: every call goes through [`Client::send`].

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use serde_json::{Map, Value};
use tracing::Instrument;

use crate::endpoint::{Auth, Endpoint, Family, Method};
use crate::envelope;
use crate::error::{ApiError, Lang};
use crate::record::{self, CallRecord, Observer, RecordedBody, RecordedRequest};
use crate::secret::{self, Secret};
use crate::transport::{
    Body, HttpRequest, HttpResponse, ReqwestTransport, Timeouts, Transport, TransportError,
};

/// Where and how to reach one environment's three families.
#[derive(Debug, Clone)]
pub struct ClientConfig {
    pub customer_base: url::Url,
    pub user_center_base: url::Url,
    pub planner_base: url::Url,
    /// Family A's `companyId` header (the seeds' `{{company}}`).
    pub company_id: String,
    /// Family A's `version` header.
    pub api_version: String,
    pub lang: Lang,
    /// Family C's common parameters.
    pub platid: String,
    pub vercode: i64,
    pub channel: String,
    /// Family C's refresh call (C10) is inferred, not documented: each environment names it.
    pub planner_refresh_path: String,
    /// How family B's session token travels, which its seed does not say.
    pub user_center_token: UserCenterToken,
    pub timeouts: Timeouts,
    /// How many times a GET is retried after a network error or a 5xx; POSTs never are.
    pub get_retries: u32,
    /// The first retry waits about this long; each next one twice as long, with jitter.
    pub retry_base: Duration,
}

impl ClientConfig {
    /// All three families under one base URL, as the sandbox serves them.
    pub fn single_host(base: url::Url) -> Self {
        Self {
            customer_base: base.clone(),
            user_center_base: base.clone(),
            planner_base: base,
            company_id: "1".into(),
            api_version: "0.0.1".into(),
            lang: Lang::ZhCn,
            platid: "2015100011".into(),
            vercode: 1,
            channel: "1CWR".into(),
            planner_refresh_path: "/srv/v1/refresh".into(),
            user_center_token: UserCenterToken::default(),
            timeouts: Timeouts::default(),
            get_retries: 2,
            retry_base: Duration::from_millis(300),
        }
    }

    fn base(&self, family: Family) -> &url::Url {
        match family {
            Family::Customer => &self.customer_base,
            Family::UserCenter => &self.user_center_base,
            Family::Planner => &self.planner_base,
        }
    }
}

/// Where family B's session token goes: its seed documents HTTP 401 for every call but no way
/// to carry the token (the `token-transport` guess in [`Family::guesses`]).
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize, specta::Type,
)]
#[serde(rename_all = "lowercase")]
pub enum UserCenterToken {
    /// `Authorization: Bearer <token>`.
    #[default]
    Bearer,
    /// A `token` header, as family A carries its own.
    Header,
    /// A `token` query parameter, after the call's own.
    Query,
}

/// A call's typed answer and what the envelope said about the session.
#[derive(Debug, Clone)]
pub struct Reply<T> {
    pub value: T,
    /// Family C answered `token_status` 1: the access token works, but must be refreshed.
    pub must_refresh: bool,
}

#[derive(Clone)]
pub struct Client<T = ReqwestTransport> {
    config: ClientConfig,
    transport: T,
    /// Told of every finished call (the request inspector).
    observer: Option<Arc<dyn Observer>>,
    /// Whether the backends are told English rather than Chinese: `config.lang` at first, then
    /// the user's choice while the app runs ([`Client::set_lang`]); shared by clones.
    english: Arc<AtomicBool>,
}

impl<T: std::fmt::Debug> std::fmt::Debug for Client<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Client")
            .field("config", &self.config)
            .field("transport", &self.transport)
            .field("observed", &self.observer.is_some())
            .finish()
    }
}

/// One exchange's outcome, with the answer it was decoded from (when one arrived).
struct Attempt<O> {
    result: Result<Reply<O>, ApiError>,
    response: Option<HttpResponse>,
}

impl Client<ReqwestTransport> {
    pub fn new(config: ClientConfig) -> Result<Self, ApiError> {
        let transport = ReqwestTransport::new(config.timeouts, ReqwestTransport::DEFAULT_MAX_BODY)
            .map_err(|error| ApiError::Network {
                message: error.to_string(),
                trace: String::new(),
                sent: false,
            })?;
        Ok(Self::with_transport(config, transport))
    }
}

impl<T: Transport> Client<T> {
    pub fn with_transport(config: ClientConfig, transport: T) -> Self {
        let english = Arc::new(AtomicBool::new(config.lang == Lang::EnUs));
        Self {
            config,
            transport,
            observer: None,
            english,
        }
    }

    /// This client with `observer` told of every call it finishes.
    pub fn with_observer(mut self, observer: Arc<dyn Observer>) -> Self {
        self.observer = Some(observer);
        self
    }

    pub fn config(&self) -> &ClientConfig {
        &self.config
    }

    /// The language the next call tells the backends (family A's `lang`, B's `Accept-Language`),
    /// in which their words come back.
    pub fn lang(&self) -> Lang {
        if self.english.load(Ordering::Relaxed) {
            Lang::EnUs
        } else {
            Lang::ZhCn
        }
    }

    /// Tells the backends `lang` from the next call on: the user changed the app's language.
    pub fn set_lang(&self, lang: Lang) {
        self.english.store(lang == Lang::EnUs, Ordering::Relaxed);
    }

    /// Sends one call with the family's session token (when the call takes one) and returns
    /// its typed answer. GETs are retried on network errors and 5xx; POSTs are sent once.
    pub async fn send<E: Endpoint>(
        &self,
        endpoint: &E,
        token: Option<&Secret>,
    ) -> Result<E::Output, ApiError> {
        self.send_reply(endpoint, token)
            .await
            .map(|reply| reply.value)
    }

    /// [`Client::send`], also telling whether the server asked for the token to be renewed
    /// (family C's `token_status` 1), which the session layer acts on.
    pub async fn send_reply<E: Endpoint>(
        &self,
        endpoint: &E,
        token: Option<&Secret>,
    ) -> Result<Reply<E::Output>, ApiError> {
        let trace = uuid::Uuid::new_v4().to_string();
        let path = endpoint.path(&self.config);
        let span = tracing::info_span!(
            "api",
            call = E::NAME,
            family = %E::FAMILY.letter(),
            method = E::METHOD.as_str(),
            path = %path,
            trace = %trace,
            status = tracing::field::Empty,
            latency_ms = tracing::field::Empty,
        );
        async {
            let started = Instant::now();
            let at_ms = SystemTime::now()
                .duration_since(UNIX_EPOCH)
                .map_or(0, |since| since.as_millis() as u64);
            let observer = self.observer.as_ref().filter(|o| o.is_enabled());
            let mut attempt = 0;
            let mut last: Option<HttpResponse> = None;
            let mut sent: Option<HttpRequest> = None;
            let result = self
                .attempts(
                    endpoint,
                    &path,
                    token,
                    &trace,
                    &mut attempt,
                    &mut last,
                    &mut sent,
                )
                .await;
            match &result {
                Ok(_) => tracing::debug!(attempt, "call succeeded"),
                Err(error) => {
                    tracing::debug!(attempt, code = ?error.code(), %error, "call failed")
                }
            }
            if let Some(observer) = observer {
                let record = self.record(
                    endpoint,
                    Recorded {
                        path: &path,
                        token,
                        trace: &trace,
                        at_ms,
                        latency: started.elapsed(),
                        attempts: attempt,
                        sent: sent.as_ref(),
                        response: last.as_ref(),
                        error: result.as_ref().err(),
                    },
                );
                observer.record(record);
            }
            result
        }
        .instrument(span)
        .await
    }

    /// Builds the request and sends it, retrying a GET after a transient failure; counts the
    /// attempts and keeps the request and the last answer for the record.
    #[allow(clippy::too_many_arguments)]
    async fn attempts<E: Endpoint>(
        &self,
        endpoint: &E,
        path: &str,
        token: Option<&Secret>,
        trace: &str,
        attempt: &mut u32,
        last: &mut Option<HttpResponse>,
        sent: &mut Option<HttpRequest>,
    ) -> Result<Reply<E::Output>, ApiError> {
        let token = match (E::AUTH, token.filter(|t| !t.is_empty())) {
            (Auth::Guest, _) => None,
            (Auth::Optional, token) => token,
            (Auth::Required, Some(token)) => Some(token),
            (Auth::Required, None) => {
                return Err(ApiError::Unauthorized {
                    family: E::FAMILY,
                    trace: trace.to_owned(),
                });
            }
        };
        let request = self.build(endpoint, path, token, trace)?;
        let attempts = match E::METHOD {
            Method::Get => 1 + self.config.get_retries,
            Method::Post => 1,
        };
        let keep = self.observer.is_some();
        if keep {
            *sent = Some(request.clone());
        }
        loop {
            *attempt += 1;
            let Attempt { result, response } = self.exchange::<E>(request.clone(), trace).await;
            if keep {
                *last = response;
            }
            match result {
                Err(error) if *attempt < attempts && error.is_transient() => {
                    let wait = backoff(self.config.retry_base, *attempt);
                    tracing::debug!(%error, attempt, wait_ms = wait.as_millis() as u64, "retrying");
                    tokio::time::sleep(wait).await;
                }
                result => return result,
            }
        }
    }

    /// The call's record: the request rebuilt with every secret redacted, the last answer's
    /// body with secret keys redacted.
    fn record<E: Endpoint>(&self, endpoint: &E, call: Recorded<'_>) -> CallRecord {
        let placeholder = Secret::new(record::REDACTED);
        let shown = secret::redacting(|| {
            self.build(
                endpoint,
                call.path,
                call.token
                    .filter(|t| E::AUTH != Auth::Guest && !t.is_empty())
                    .map(|_| &placeholder),
                call.trace,
            )
        });
        let (request, url) = match &shown {
            Ok(shown) => {
                let request = RecordedRequest::from_redacted(shown);
                let url = record::shown_url(&shown.url, &request.query);
                (request, url)
            }
            Err(_) => (
                RecordedRequest {
                    headers: Vec::new(),
                    query: Vec::new(),
                    body: RecordedBody::response(&[]),
                },
                String::new(),
            ),
        };
        CallRecord {
            at_ms: call.at_ms,
            family: E::FAMILY,
            call: E::NAME.to_owned(),
            method: E::METHOD,
            path: call.path.to_owned(),
            url,
            trace: call.trace.to_owned(),
            status: call.response.map(|r| r.status),
            business_code: call
                .response
                .and_then(|r| record::business_code(E::FAMILY, &r.body)),
            outcome: call.error.map_or_else(
                || "ok".to_owned(),
                |error| {
                    serde_json::to_value(error.code())
                        .ok()
                        .and_then(|code| code.as_str().map(str::to_owned))
                        .unwrap_or_default()
                },
            ),
            error: call.error.map(ToString::to_string),
            attempts: call.attempts,
            latency_ms: call.latency.as_millis() as u64,
            request_bytes: call.sent.map_or(0, |sent| record::body_bytes(&sent.body)),
            response_bytes: call.response.map(|r| r.body.len() as u64),
            request,
            response: call.response.map(|r| RecordedBody::response(&r.body)),
        }
    }

    async fn exchange<E: Endpoint>(&self, request: HttpRequest, trace: &str) -> Attempt<E::Output> {
        let started = Instant::now();
        let response = self.transport.execute(request).await;
        let span = tracing::Span::current();
        span.record("latency_ms", started.elapsed().as_millis() as u64);
        let response = match response {
            Ok(response) => response,
            Err(error) => {
                let error = match error {
                    TransportError::Timeout => ApiError::Timeout {
                        after: self.config.timeouts.request,
                        trace: trace.to_owned(),
                    },
                    TransportError::Connect(message) => ApiError::Network {
                        message,
                        trace: trace.to_owned(),
                        sent: true,
                    },
                    TransportError::NotSent(message) => ApiError::Network {
                        message,
                        trace: trace.to_owned(),
                        sent: false,
                    },
                    TransportError::TooLarge { limit } => ApiError::Decode {
                        path: "$".into(),
                        message: format!("the response is larger than {} KiB", limit / 1024),
                        snippet: String::new(),
                        trace: trace.to_owned(),
                    },
                };
                return Attempt {
                    result: Err(error),
                    response: None,
                };
            }
        };
        span.record("status", response.status);
        let value = if E::BARE {
            envelope::decode_bare::<E::Output>(E::FAMILY, response.status, &response.body, trace)
        } else {
            envelope::decode::<E::Output>(E::FAMILY, response.status, &response.body, trace)
        };
        let must_refresh =
            E::FAMILY == Family::Planner && envelope::planner_must_refresh(&response.body);
        Attempt {
            result: value.map(|value| Reply {
                value,
                must_refresh,
            }),
            response: Some(response),
        }
    }

    fn build<E: Endpoint>(
        &self,
        endpoint: &E,
        path: &str,
        token: Option<&Secret>,
        trace: &str,
    ) -> Result<HttpRequest, ApiError> {
        let mut params = match serde_json::to_value(endpoint) {
            Ok(Value::Object(map)) => map,
            Ok(Value::Null) => Map::new(),
            Ok(other) => {
                return Err(ApiError::InvalidInput {
                    field: "request",
                    message: format!("{} must serialise to an object, not {other}", E::NAME),
                });
            }
            Err(error) => {
                return Err(ApiError::InvalidInput {
                    field: "request",
                    message: error.to_string(),
                });
            }
        };
        let base = self.config.base(E::FAMILY);
        let mut url =
            base.join(path.trim_start_matches('/'))
                .map_err(|error| ApiError::InvalidInput {
                    field: "base_url",
                    message: error.to_string(),
                })?;
        // A path is joined to the base, and a join can replace the host (`https:/x`, `//x`,
        // `\x`): whatever a path says, a request never leaves its family's origin, where
        // the session it carries was issued.
        if url.origin() != base.origin() {
            return Err(ApiError::InvalidInput {
                field: "path",
                message: format!(
                    "{} would leave {}",
                    E::NAME,
                    base.origin().ascii_serialization()
                ),
            });
        }
        let mut headers = endpoint.extra_headers();
        let config = &self.config;
        let body = match E::FAMILY {
            Family::Customer => {
                headers.push(("version", config.api_version.clone()));
                headers.push(("companyId", config.company_id.clone()));
                headers.push(("trace", trace.to_owned()));
                headers.push(("lang", self.lang().tag().to_owned()));
                if let Some(token) = token {
                    headers.push(("token", token.expose().to_owned()));
                }
                json_body(&params)
            }
            Family::UserCenter => {
                // B has no language parameter; its documents (the privacy policy) follow the
                // standard header.
                headers.push(("Accept-Language", self.lang().tag().to_owned()));
                let token = token.map(|token| token.expose().to_owned());
                match (config.user_center_token, token) {
                    (_, None) => {}
                    (UserCenterToken::Bearer, Some(token)) => {
                        headers.push(("Authorization", format!("Bearer {token}")));
                    }
                    (UserCenterToken::Header, Some(token)) => headers.push(("token", token)),
                    (UserCenterToken::Query, Some(token)) => {
                        params.insert("token".into(), Value::String(token));
                    }
                }
                append_query(&mut url, &params);
                Body::Empty
            }
            Family::Planner => {
                // The common parameters first, then the token, then the call's own: the order
                // of the seed's examples.
                let mut all = Map::new();
                all.insert("platid".into(), Value::String(config.platid.clone()));
                all.insert("vercode".into(), Value::from(config.vercode));
                all.insert("channel".into(), Value::String(config.channel.clone()));
                if let Some(token) = token {
                    all.insert(
                        "access_token".into(),
                        Value::String(token.expose().to_owned()),
                    );
                }
                all.extend(std::mem::take(&mut params));
                params = all;
                match (endpoint.upload(), E::METHOD) {
                    (Some(file), _) => Body::Multipart {
                        fields: params
                            .iter()
                            .filter_map(|(name, value)| Some((name.clone(), scalar(value)?)))
                            .collect(),
                        file: file.clone(),
                    },
                    (None, Method::Get) => {
                        append_query(&mut url, &params);
                        Body::Empty
                    }
                    (None, Method::Post) => json_body(&params),
                }
            }
        };
        Ok(HttpRequest {
            method: E::METHOD,
            url,
            headers,
            body,
        })
    }
}

/// What a finished call leaves for its record.
struct Recorded<'a> {
    path: &'a str,
    token: Option<&'a Secret>,
    trace: &'a str,
    at_ms: u64,
    latency: Duration,
    attempts: u32,
    sent: Option<&'a HttpRequest>,
    response: Option<&'a HttpResponse>,
    error: Option<&'a ApiError>,
}

fn json_body(params: &Map<String, Value>) -> Body {
    // Serialising a Map of Values cannot fail.
    Body::Json(serde_json::to_vec(params).unwrap_or_default())
}

/// Query parameters in the struct's field order (serde_json's `preserve_order`); absent (null)
/// ones are left out.
fn append_query(url: &mut url::Url, params: &Map<String, Value>) {
    let pairs: Vec<(&String, String)> = params
        .iter()
        .filter_map(|(name, value)| Some((name, scalar(value)?)))
        .collect();
    if !pairs.is_empty() {
        url.query_pairs_mut().extend_pairs(pairs);
    }
}

/// A parameter as text; lists are joined with commas (the user centre's batch ids).
fn scalar(value: &Value) -> Option<String> {
    match value {
        Value::Null => None,
        Value::String(text) => Some(text.clone()),
        Value::Array(items) => Some(
            items
                .iter()
                .filter_map(scalar)
                .collect::<Vec<_>>()
                .join(","),
        ),
        other => Some(other.to_string()),
    }
}

fn backoff(base: Duration, attempt: u32) -> Duration {
    let exponential = base.saturating_mul(1 << (attempt - 1).min(6));
    // ±50 % jitter, so clients that failed together do not retry together.
    exponential.mul_f64(0.5 + fastrand::f64())
}

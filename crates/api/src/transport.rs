//! The HTTP exchange behind a trait: reqwest in the app, an in-process stand-in in benchmarks.

use std::future::Future;
use std::time::Duration;

use crate::endpoint::{Method, Upload};

#[derive(Debug, Clone)]
pub struct HttpRequest {
    pub method: Method,
    pub url: url::Url,
    pub headers: Vec<(&'static str, String)>,
    pub body: Body,
}

#[derive(Debug, Clone)]
pub enum Body {
    Empty,
    Json(Vec<u8>),
    Multipart {
        fields: Vec<(String, String)>,
        file: Upload,
    },
}

#[derive(Debug, Clone)]
pub struct HttpResponse {
    pub status: u16,
    pub body: Vec<u8>,
}

#[derive(Debug, Clone, thiserror::Error)]
pub enum TransportError {
    /// Any other failure of the exchange: the request may have left.
    #[error("{0}")]
    Connect(String),
    /// No connection could be made, so the request never left.
    #[error("{0}")]
    NotSent(String),
    #[error("timed out")]
    Timeout,
    #[error("the response is larger than {limit} bytes")]
    TooLarge { limit: usize },
}

pub trait Transport: Send + Sync {
    fn execute(
        &self,
        request: HttpRequest,
    ) -> impl Future<Output = Result<HttpResponse, TransportError>> + Send;
}

#[derive(Debug, Clone, Copy)]
pub struct Timeouts {
    pub connect: Duration,
    pub request: Duration,
}

impl Default for Timeouts {
    fn default() -> Self {
        Self {
            connect: Duration::from_secs(5),
            request: Duration::from_secs(15),
        }
    }
}

/// reqwest over rustls. Bodies are read chunk by chunk up to `max_body`, so a runaway answer
/// costs at most that much memory.
#[derive(Debug, Clone)]
pub struct ReqwestTransport {
    client: reqwest::Client,
    max_body: usize,
}

impl ReqwestTransport {
    pub const DEFAULT_MAX_BODY: usize = 4 * 1024 * 1024;

    pub fn new(timeouts: Timeouts, max_body: usize) -> Result<Self, TransportError> {
        let client = reqwest::Client::builder()
            .connect_timeout(timeouts.connect)
            .timeout(timeouts.request)
            .user_agent(concat!("lcs-account/", env!("CARGO_PKG_VERSION")))
            .redirect(same_origin_redirects())
            .build()
            .map_err(|error| TransportError::Connect(error.to_string()))?;
        Ok(Self { client, max_body })
    }
}

impl Transport for ReqwestTransport {
    async fn execute(&self, request: HttpRequest) -> Result<HttpResponse, TransportError> {
        let method = match request.method {
            Method::Get => reqwest::Method::GET,
            Method::Post => reqwest::Method::POST,
        };
        let mut builder = self.client.request(method, request.url);
        for (name, value) in request.headers {
            builder = builder.header(name, value);
        }
        builder = match request.body {
            Body::Empty => builder,
            Body::Json(bytes) => builder
                .header(reqwest::header::CONTENT_TYPE, "application/json")
                .body(bytes),
            Body::Multipart { fields, file } => {
                let mut form = reqwest::multipart::Form::new();
                for (name, value) in fields {
                    form = form.text(name, value);
                }
                let part = reqwest::multipart::Part::bytes(file.bytes)
                    .file_name(file.file_name)
                    .mime_str(file.mime)
                    .map_err(|error| TransportError::Connect(error.to_string()))?;
                builder.multipart(form.part(file.field, part))
            }
        };
        let mut response = builder.send().await.map_err(map_reqwest)?;
        let status = response.status().as_u16();
        if response
            .content_length()
            .is_some_and(|length| length > self.max_body as u64)
        {
            return Err(TransportError::TooLarge {
                limit: self.max_body,
            });
        }
        let mut body = Vec::new();
        while let Some(chunk) = response.chunk().await.map_err(map_reqwest)? {
            if body.len() + chunk.len() > self.max_body {
                return Err(TransportError::TooLarge {
                    limit: self.max_body,
                });
            }
            body.extend_from_slice(&chunk);
        }
        Ok(HttpResponse { status, body })
    }
}

/// Redirects are followed only within the origin that was asked: family A's `token` header and
/// family C's bodies would otherwise go along to whatever host a redirect names. A redirect
/// elsewhere is not followed; its 3xx is the answer.
fn same_origin_redirects() -> reqwest::redirect::Policy {
    const MAX_REDIRECTS: usize = 5;
    reqwest::redirect::Policy::custom(|attempt| {
        let asked = attempt.previous().first().map(url::Url::origin);
        if asked.as_ref() != Some(&attempt.url().origin()) {
            attempt.stop()
        } else if attempt.previous().len() > MAX_REDIRECTS {
            attempt.error("too many redirects")
        } else {
            attempt.follow()
        }
    })
}

fn map_reqwest(error: reqwest::Error) -> TransportError {
    // The URL may carry family C's access_token in its query: never let it into a message.
    let error = error.without_url();
    if error.is_timeout() {
        return TransportError::Timeout;
    }
    // reqwest's Display stops at the outermost layer ("error sending request"); the cause
    // ("connection refused", "dns error") is what a tester needs.
    let mut message = error.to_string();
    let mut source = std::error::Error::source(&error);
    while let Some(cause) = source {
        message.push_str(": ");
        message.push_str(&cause.to_string());
        source = cause.source();
    }
    if error.is_connect() {
        TransportError::NotSent(message)
    } else {
        TransportError::Connect(message)
    }
}

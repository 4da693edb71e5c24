//! The client's limits, pinned as numbers: the 4 MiB answer (also when it comes in chunks with
//! no length), the 5 s connect and 15 s request timeouts, the retry backoff (300 ms doubling,
//! ±50 % jitter, at most 64 times the base) and which calls are retried at all.

// Helpers here panic on purpose: a failed expectation is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::sync::{Arc, Mutex};
use std::time::Duration;

use lcs_api::transport::{HttpRequest, HttpResponse, Transport, TransportError};
use lcs_api::{ApiError, Client, ClientConfig, ErrorCode, endpoint};
use serde::Serialize;
use serde_json::Value;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

const MIB: usize = 1024 * 1024;

#[derive(Debug, Serialize)]
struct ProbePost {}
endpoint!(ProbePost => Value, Customer Post "/api/probe", Guest, "test.probe_post");

#[derive(Debug, Serialize)]
struct ProbeGet {}
endpoint!(ProbeGet => Value, Customer Get "/api/probe", Guest, "test.probe_get");

/// Reads one request's head, so the answer goes out after the request was sent.
async fn read_head(stream: &mut TcpStream) {
    let mut head = Vec::new();
    let mut byte = [0u8; 1024];
    while !head.windows(4).any(|window| window == b"\r\n\r\n") {
        match stream.read(&mut byte).await {
            Ok(0) | Err(_) => return,
            Ok(read) => head.extend_from_slice(&byte[..read]),
        }
    }
}

/// A server that answers one call with a chunked body (no Content-Length): `body`'s bytes,
/// then, when `endless`, more `x`s until the client hangs up. Answers how much it wrote.
async fn chunked_server(body: Vec<u8>, endless: bool) -> (String, tokio::task::JoinHandle<usize>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}/", listener.local_addr().unwrap());
    let server = tokio::spawn(async move {
        let (mut stream, _) = listener.accept().await.unwrap();
        read_head(&mut stream).await;
        let head = "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ntransfer-encoding: chunked\r\n\r\n";
        stream.write_all(head.as_bytes()).await.unwrap();
        let mut written = 0;
        for piece in body.chunks(64 * 1024) {
            let chunk = [format!("{:x}\r\n", piece.len()).as_bytes(), piece, b"\r\n"].concat();
            if stream.write_all(&chunk).await.is_err() {
                return written;
            }
            written += piece.len();
        }
        let filler = [
            format!("{:x}\r\n", 64 * 1024).into_bytes(),
            vec![b'x'; 64 * 1024],
            b"\r\n".to_vec(),
        ]
        .concat();
        if !endless {
            let _ = stream.write_all(b"0\r\n\r\n").await;
            return written;
        }
        while stream.write_all(&filler).await.is_ok() {
            written += 64 * 1024;
        }
        written
    });
    (base, server)
}

/// A family A envelope of exactly `length` bytes.
fn envelope_of(length: usize) -> Vec<u8> {
    let (open, close) = (br#"{"code":"0","data":""#.as_slice(), br#""}"#.as_slice());
    let mut body = open.to_vec();
    body.resize(length - close.len(), b'x');
    body.extend_from_slice(close);
    body
}

fn client(base: &str) -> Client {
    let mut config = ClientConfig::single_host(base.parse().unwrap());
    // Short, so a client that kept reading fails in seconds rather than at the 15 s default.
    config.timeouts.request = Duration::from_secs(5);
    Client::new(config).unwrap()
}

#[tokio::test]
async fn a_chunked_answer_of_four_mebibytes_is_read_and_one_byte_more_is_refused() {
    let (base, server) = chunked_server(envelope_of(4 * MIB), false).await;
    let answer = client(&base).send(&ProbePost {}, None).await.unwrap();
    assert_eq!(answer.as_str().map(str::len), Some(4 * MIB - 22));
    server.await.unwrap();

    let (base, server) = chunked_server(envelope_of(4 * MIB + 1), false).await;
    let error = client(&base).send(&ProbePost {}, None).await.unwrap_err();
    assert_eq!(error.code(), ErrorCode::Decode, "{error:?}");
    assert!(
        error.to_string().contains("larger than 4096 KiB"),
        "{error}"
    );
    server.await.unwrap();
}

#[tokio::test]
async fn an_endless_chunked_answer_is_refused_while_it_streams() {
    let (base, server) = chunked_server(Vec::new(), true).await;
    let error = client(&base).send(&ProbePost {}, None).await.unwrap_err();
    assert_eq!(error.code(), ErrorCode::Decode, "{error:?}");
    assert!(
        error.to_string().contains("larger than 4096 KiB"),
        "{error}"
    );
    // The client hung up after its 4 MiB; what else the server wrote is what the sockets'
    // buffers held.
    let written = tokio::time::timeout(Duration::from_secs(10), server)
        .await
        .expect("the client hung up")
        .unwrap();
    assert!(written < 64 * MIB, "{written} bytes written");
}

/// With the clock paused, the runtime jumps to the request timeout as soon as nothing else
/// can happen: the call fails when 15 s of its clock have passed, not sooner.
#[tokio::test(start_paused = true)]
async fn a_server_that_never_answers_times_out_after_15_s() {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}/", listener.local_addr().unwrap());
    let server = tokio::spawn(async move {
        let (mut stream, _) = listener.accept().await.unwrap();
        read_head(&mut stream).await;
        std::future::pending::<()>().await;
    });
    let client = Client::new(ClientConfig::single_host(base.parse().unwrap())).unwrap();
    let started = tokio::time::Instant::now();
    let error = client.send(&ProbePost {}, None).await.unwrap_err();
    assert_eq!(error.code(), ErrorCode::Timeout, "{error:?}");
    assert_eq!(error.to_string(), "no answer within 15s");
    let waited = started.elapsed();
    assert!(
        waited >= Duration::from_secs(15) && waited < Duration::from_secs(16),
        "{waited:?}"
    );
    server.abort();
}

/// A listener whose queue is full drops the next connection's handshake: the client waits for
/// a connection that never comes, and gives up after 5 s of its (paused) clock, not 15 s.
#[tokio::test(start_paused = true)]
async fn a_connection_that_is_never_made_times_out_after_5_s() {
    let socket = tokio::net::TcpSocket::new_v4().unwrap();
    socket.bind("127.0.0.1:0".parse().unwrap()).unwrap();
    let listener = socket.listen(0).unwrap();
    let address = listener.local_addr().unwrap();
    // Never accepted: it fills the queue.
    let _filler = std::net::TcpStream::connect(address).unwrap();
    let client = Client::new(ClientConfig::single_host(
        format!("http://{address}/").parse().unwrap(),
    ))
    .unwrap();
    let started = tokio::time::Instant::now();
    let error = client.send(&ProbePost {}, None).await.unwrap_err();
    assert_eq!(error.code(), ErrorCode::Timeout, "{error:?}");
    let waited = started.elapsed();
    assert!(
        waited >= Duration::from_secs(5) && waited < Duration::from_secs(6),
        "{waited:?}"
    );
}

/// A transport that never reaches the server, and notes when each attempt was made.
#[derive(Clone, Default)]
struct Unreachable(Arc<Mutex<Vec<tokio::time::Instant>>>);

impl Transport for Unreachable {
    async fn execute(&self, _request: HttpRequest) -> Result<HttpResponse, TransportError> {
        self.0.lock().unwrap().push(tokio::time::Instant::now());
        Err(TransportError::Connect("connection reset".into()))
    }
}

impl Unreachable {
    /// The waits between attempts, and forgets them.
    fn waits(&self) -> Vec<Duration> {
        let attempts = std::mem::take(&mut *self.0.lock().unwrap());
        attempts.windows(2).map(|pair| pair[1] - pair[0]).collect()
    }
}

#[tokio::test(start_paused = true)]
async fn retries_wait_300_ms_doubling_to_64_times_that_with_half_of_it_either_way() {
    let transport = Unreachable::default();
    let mut config = ClientConfig::single_host("http://127.0.0.1:1/".parse().unwrap());
    config.get_retries = 8;
    let client = Client::with_transport(config, transport.clone());
    let mut first_waits = Vec::new();
    for _ in 0..20 {
        let error = client.send(&ProbeGet {}, None).await.unwrap_err();
        assert_eq!(error.code(), ErrorCode::Network);
        let waits = transport.waits();
        assert_eq!(waits.len(), 8, "a GET is tried 1 + 8 times");
        for (retry, wait) in waits.iter().enumerate() {
            // 300 ms, 600 ms, … 19.2 s, then 19.2 s again: the doubling stops at 64 times.
            let middle = 300 * (1u64 << retry.min(6));
            let (low, high) = (middle / 2, middle * 3 / 2);
            let ms = wait.as_millis() as u64;
            assert!(
                (low..=high + 1).contains(&ms),
                "retry {}: waited {ms} ms, not {low}..{high}",
                retry + 1
            );
        }
        first_waits.push(waits[0]);
    }
    first_waits.sort();
    first_waits.dedup();
    assert!(first_waits.len() > 1, "the waits are jittered");
}

/// A server that closes every connection without answering, and counts them.
async fn closing_server() -> (String, Arc<Mutex<usize>>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}/", listener.local_addr().unwrap());
    let connections = Arc::new(Mutex::new(0));
    let counted = connections.clone();
    tokio::spawn(async move {
        loop {
            let (mut stream, _) = listener.accept().await.unwrap();
            *counted.lock().unwrap() += 1;
            read_head(&mut stream).await;
        }
    });
    (base, connections)
}

#[tokio::test]
async fn a_get_is_retried_after_a_network_error_and_a_post_never() {
    let (base, connections) = closing_server().await;
    let mut config = ClientConfig::single_host(base.parse().unwrap());
    config.retry_base = Duration::from_millis(1);
    let client = Client::new(config).unwrap();

    let error = client.send(&ProbeGet {}, None).await.unwrap_err();
    assert!(
        matches!(error, ApiError::Network { sent: true, .. }),
        "{error:?}"
    );
    assert_eq!(
        *connections.lock().unwrap(),
        3,
        "a GET is tried 1 + 2 times"
    );

    let error = client.send(&ProbePost {}, None).await.unwrap_err();
    assert!(
        matches!(error, ApiError::Network { sent: true, .. }),
        "{error:?}"
    );
    assert!(error.outcome_unknown(), "the POST may have been applied");
    assert_eq!(*connections.lock().unwrap(), 4, "a POST is tried once");
}

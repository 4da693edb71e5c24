//! Load benchmark: how the sandbox holds up when many app instances use it at once.
//!
//! Starts the sandbox in-process on 127.0.0.1 over a SQLite file in WAL mode (as the app runs
//! it), then [`CLIENTS`] concurrent clients, each with its own `lcs_api::Client` and its own
//! registered user, send [`REQUESTS`] requests in all: family A password sign-ins (of the demo
//! customer) and family B address lists, message lists and address adds. It measures the wall
//! time, the requests per second and the client-side latency of every request (percentiles
//! overall and per kind), and fails (non-zero exit) on any error or lost write: every answer
//! must decode and succeed, each address list must count every address its user added so far,
//! and afterwards every added address must be listed.
//!
//! Run with `cargo bench -p lcs-sandbox --bench load`.

// A benchmark's setup has nothing to recover from: a failed step ends the run.
#![allow(clippy::expect_used, clippy::unwrap_used)]

use std::collections::BTreeSet;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use lcs_api::customer::{Device, Login, LoginType};
use lcs_api::user_center::ListQuery;
use lcs_api::user_center::addresses::{AddressAdd, AddressFields, AddressList, AddressQuery};
use lcs_api::user_center::login::{AccountForm, RegisterPost};
use lcs_api::user_center::messages::{MessageList, MessageQuery};
use lcs_api::{ApiError, Client, ClientConfig, Secret, password_md5};
use lcs_sandbox::{DEMO_PASSWORD, DEMO_PHONE, DEMO_PHONE_AREA, Db, SECRET_HEADER, Sandbox};
use serde_json::{Value, json};

/// Requests sent in the measured run, by all clients together.
const REQUESTS: usize = 20_000;
/// Clients sending at the same time, each its own task, `Client` and user.
const CLIENTS: usize = 50;
const _: () = assert!(
    REQUESTS.is_multiple_of(CLIENTS),
    "every client sends the same number of requests"
);
/// The whole run (setup, load, check) must end within this, or it fails.
const DEADLINE: Duration = Duration::from_secs(180);
/// Rows per page of the lists in the load, as the app's screens ask.
const LOAD_PAGE_SIZE: u32 = 10;
/// Rows per page when the addresses are read back at the end.
const CHECK_PAGE_SIZE: u32 = 100;
/// The password of the users the clients register.
const PASSWORD: &str = "load1234";

/// The kinds of request in the mix, sent in equal shares.
#[derive(Clone, Copy)]
enum Kind {
    CustomerLogin,
    AddressList,
    MessageList,
    AddressAdd,
}

const KINDS: [Kind; 4] = [
    Kind::CustomerLogin,
    Kind::AddressList,
    Kind::MessageList,
    Kind::AddressAdd,
];

impl Kind {
    fn name(self) -> &'static str {
        match self {
            Kind::CustomerLogin => "A login (password)",
            Kind::AddressList => "B address list",
            Kind::MessageList => "B message list",
            Kind::AddressAdd => "B address add",
        }
    }
}

/// One simulated app instance: its client, its user's session and the addresses it added.
struct Worker {
    index: usize,
    client: Client,
    token: Secret,
    login: Login,
    added: Vec<i64>,
}

/// What a worker brings back: one latency sample per request, by kind, and what went wrong.
struct Report {
    index: usize,
    token: Secret,
    added: Vec<i64>,
    samples: [Vec<Duration>; KINDS.len()],
    errors: Vec<String>,
}

#[tokio::main]
async fn main() -> ExitCode {
    let directory = tempfile::tempdir().expect("a temporary directory");
    let db = Db::open(Some(&directory.path().join("sandbox.sqlite3"))).expect("the database");
    let sandbox = Sandbox::start(db, 0).await.expect("the sandbox starts");
    let problems = match tokio::time::timeout(DEADLINE, run(&sandbox)).await {
        Ok(problems) => {
            sandbox.stop().await.expect("the sandbox stops");
            problems
        }
        // Clients may still be connected: leave without waiting for them.
        Err(_) => vec![format!("the run did not finish within {DEADLINE:?}")],
    };
    if problems.is_empty() {
        println!("\nOK: no errors, no lost writes");
        return ExitCode::SUCCESS;
    }
    eprintln!("\nFAILED: {} problem(s)", problems.len());
    for problem in problems.iter().take(20) {
        eprintln!("  {problem}");
    }
    ExitCode::FAILURE
}

/// Registers the users, runs the load, prints the figures and checks the writes; answers the
/// problems found.
async fn run(sandbox: &Sandbox) -> Vec<String> {
    println!(
        "lcs-sandbox load: {REQUESTS} requests from {CLIENTS} concurrent clients on {}, \
         SQLite file in WAL mode",
        sandbox.address()
    );
    let setup = Instant::now();
    let sms_url = format!("{}__sandbox/sms", sandbox.base_url());
    let workers = futures_all((0..CLIENTS).map(|index| {
        let secret = sandbox.secret().to_owned();
        Worker::register(client(sandbox), sms_url.clone(), secret, index)
    }))
    .await;
    println!(
        "setup: {CLIENTS} users registered in {:.0} ms (not measured below)",
        setup.elapsed().as_secs_f64() * 1000.0
    );

    let started = Instant::now();
    let reports = futures_all(
        workers
            .into_iter()
            .map(|worker| worker.run(REQUESTS / CLIENTS)),
    )
    .await;
    let wall = started.elapsed();
    print_figures(&reports, wall);

    let mut problems: Vec<String> = reports
        .iter()
        .flat_map(|report| report.errors.iter().cloned())
        .collect();
    problems.extend(check_writes(sandbox, &reports).await);
    problems
}

/// Runs every future on its own task, at once; answers their outputs in order.
async fn futures_all<F>(futures: impl Iterator<Item = F>) -> Vec<F::Output>
where
    F: Future + Send + 'static,
    F::Output: Send + 'static,
{
    let tasks: Vec<_> = futures.map(tokio::spawn).collect();
    let mut outputs = Vec::with_capacity(tasks.len());
    for task in tasks {
        outputs.push(task.await.expect("a client task panicked"));
    }
    outputs
}

fn client(sandbox: &Sandbox) -> Client {
    let mut config = ClientConfig::single_host(sandbox.base_url().parse().unwrap());
    // A retried GET would hide a failed request: every request counts once.
    config.get_retries = 0;
    Client::new(config).unwrap()
}

impl Worker {
    /// A client with a user of its own, registered with an SMS code from the sandbox's helper
    /// at `sms_url`, which asks for the sandbox's `secret`.
    async fn register(client: Client, sms_url: String, secret: String, index: usize) -> Self {
        let phone = format!("139{:08}", 10_000 + index);
        let answer: Value = reqwest::Client::new()
            .post(sms_url)
            .header(SECRET_HEADER, secret)
            .json(&json!({"phoneArea": "+86", "phone": phone}))
            .send()
            .await
            .expect("an SMS code")
            .json()
            .await
            .expect("an SMS code as JSON");
        let session = client
            .send(
                &RegisterPost(AccountForm {
                    bind_type: Some(1),
                    encrypt: Some(true),
                    password: Some(password_md5(&Secret::new(PASSWORD))),
                    user_account: Some(phone),
                    verify_code: Some(Secret::new(answer["code"].as_str().unwrap())),
                    verify_key: Some(answer["sendToken"].as_str().unwrap().to_owned()),
                }),
                None,
            )
            .await
            .expect("a registered user");
        Self {
            index,
            client,
            token: session.token.expect("a session token"),
            login: Login {
                login_type: LoginType::Phone,
                phone_area: Some(DEMO_PHONE_AREA.into()),
                login_name: DEMO_PHONE.into(),
                device: Device::current(),
                is_third: false,
                verify_code: None,
                send_token: None,
                login_pwd: Some(password_md5(&Secret::new(DEMO_PASSWORD))),
                bind_third_user_id: None,
                third_source: None,
                google_code: None,
            },
            added: Vec::new(),
        }
    }

    /// Sends `count` requests one after another, the kinds in turn (each worker starting at a
    /// different one so that all kinds are in flight at once), timing each.
    async fn run(mut self, count: usize) -> Report {
        let mut samples: [Vec<Duration>; KINDS.len()] = Default::default();
        let mut errors = Vec::new();
        for number in 0..count {
            let kind = KINDS[(number + self.index) % KINDS.len()];
            let sent = Instant::now();
            let result = self.request(kind).await;
            samples[kind as usize].push(sent.elapsed());
            if let Err(error) = result {
                errors.push(format!(
                    "client {} request {number} ({}): {error}",
                    self.index,
                    kind.name()
                ));
            }
        }
        Report {
            index: self.index,
            token: self.token,
            added: self.added,
            samples,
            errors,
        }
    }

    async fn request(&mut self, kind: Kind) -> Result<(), String> {
        let failed = |error: ApiError| error.to_string();
        match kind {
            Kind::CustomerLogin => {
                let customer = self.client.send(&self.login, None).await.map_err(failed)?;
                if customer.token.is_none_or(|token| token.is_empty()) {
                    return Err("signed in without a token".into());
                }
            }
            Kind::AddressList => {
                let page = self
                    .client
                    .send(
                        &AddressList(AddressQuery {
                            list: ListQuery::page(1, LOAD_PAGE_SIZE),
                            ..AddressQuery::default()
                        }),
                        Some(&self.token),
                    )
                    .await
                    .map_err(failed)?;
                let added = self.added.len() as i64;
                if page.records != Some(added) {
                    return Err(format!(
                        "the list counts {:?} addresses, {added} were added",
                        page.records
                    ));
                }
            }
            Kind::MessageList => {
                let page = self
                    .client
                    .send(
                        &MessageList(MessageQuery {
                            list: ListQuery::page(1, LOAD_PAGE_SIZE),
                            ..MessageQuery::default()
                        }),
                        Some(&self.token),
                    )
                    .await
                    .map_err(failed)?;
                if page.records.is_none() {
                    return Err("a message page without its count".into());
                }
            }
            Kind::AddressAdd => {
                let number = self.added.len();
                let row = self
                    .client
                    .send(
                        &AddressAdd(AddressFields {
                            ud_name: Some(format!("负载{}-{number}", self.index)),
                            ud_mobile: Some("13911112222".into()),
                            ud_province: Some("广东省".into()),
                            ud_city: Some("深圳市".into()),
                            ud_county: Some("南山区".into()),
                            ud_address: Some(format!("科技园 {number} 号")),
                            ..AddressFields::default()
                        }),
                        Some(&self.token),
                    )
                    .await
                    .map_err(failed)?;
                let id = row["ud_id"]
                    .as_i64()
                    .ok_or_else(|| format!("the added address has no ud_id: {row}"))?;
                self.added.push(id);
            }
        }
        Ok(())
    }
}

/// Reads back every user's addresses, page by page, and compares them with what was added.
async fn check_writes(sandbox: &Sandbox, reports: &[Report]) -> Vec<String> {
    let client = client(sandbox);
    let mut problems = Vec::new();
    let mut all_added = 0;
    for report in reports {
        let mut listed = BTreeSet::new();
        let mut records = None;
        for page_number in 1.. {
            let page = match client
                .send(
                    &AddressList(AddressQuery {
                        list: ListQuery::page(page_number, CHECK_PAGE_SIZE),
                        ..AddressQuery::default()
                    }),
                    Some(&report.token),
                )
                .await
            {
                Ok(page) => page,
                Err(error) => {
                    problems.push(format!("client {}: reading back: {error}", report.index));
                    break;
                }
            };
            records = page.records;
            if page.items.is_empty() {
                break;
            }
            listed.extend(page.items.iter().filter_map(|address| address.ud_id));
        }
        let added: BTreeSet<i64> = report.added.iter().copied().collect();
        all_added += added.len();
        let lost: Vec<_> = added.difference(&listed).collect();
        let extra: Vec<_> = listed.difference(&added).collect();
        if !lost.is_empty() || !extra.is_empty() || records != Some(added.len() as i64) {
            problems.push(format!(
                "client {}: added {} addresses, the list counts {records:?}; \
                 lost {lost:?}, not added {extra:?}",
                report.index,
                added.len()
            ));
        }
    }
    println!(
        "writes: {all_added} addresses added by {} users, all read back: {}",
        reports.len(),
        if problems.is_empty() { "yes" } else { "NO" }
    );
    problems
}

fn print_figures(reports: &[Report], wall: Duration) {
    let mut all = Vec::with_capacity(REQUESTS);
    let mut by_kind: [Vec<Duration>; KINDS.len()] = Default::default();
    for report in reports {
        for (kind, samples) in report.samples.iter().enumerate() {
            all.extend_from_slice(samples);
            by_kind[kind].extend_from_slice(samples);
        }
    }
    let errors: usize = reports.iter().map(|report| report.errors.len()).sum();
    println!(
        "wall time: {:.2} s, {} requests, {errors} errors, {:.0} requests/s",
        wall.as_secs_f64(),
        all.len(),
        all.len() as f64 / wall.as_secs_f64()
    );
    println!(
        "{:<20} {:>6} {:>9} {:>9} {:>9} {:>9}   (latency in ms, client-side)",
        "kind", "count", "p50", "p90", "p99", "max"
    );
    print_row("all", &mut all);
    for (kind, samples) in KINDS.iter().zip(&mut by_kind) {
        print_row(kind.name(), samples);
    }
}

fn print_row(name: &str, samples: &mut [Duration]) {
    samples.sort_unstable();
    let ms = |duration: Duration| duration.as_secs_f64() * 1000.0;
    println!(
        "{name:<20} {:>6} {:>9.2} {:>9.2} {:>9.2} {:>9.2}",
        samples.len(),
        ms(percentile(samples, 50.0)),
        ms(percentile(samples, 90.0)),
        ms(percentile(samples, 99.0)),
        samples.last().copied().map_or(0.0, ms)
    );
}

/// The nearest-rank percentile of sorted samples; zero when there are none.
fn percentile(sorted: &[Duration], percent: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let rank = (percent / 100.0 * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

//! The command-line client against a real sandbox: each family's sign-in and calls, with the
//! `--json` output read back, the session list and sign-out (in process, sharing one
//! in-memory keychain between commands as the OS keychain is shared between runs), and the
//! `lcs` binary's exit codes and usage line (as a child process, with throwaway folders and
//! `LCS_KEYCHAIN=memory`, so no test touches a real keychain or the user's settings).

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::{BufRead, BufReader, Read, Write};
use std::path::Path;
use std::process::{Command, Stdio};

use clap::Parser;
use std::sync::Arc;

use lcs_cli::{Cli, Context, run};
use lcs_core::environment::Environment;
use lcs_core::keychain::MemoryStore;
use lcs_core::paths::AppDirs;
use lcs_sandbox::{Db, Sandbox};
use serde_json::Value;

/// The sandbox's demo data as its seed names it, written out so that a change there is noticed
/// here.
const DEMO_PHONE: &str = "13800000001";
const DEMO_EMAIL: &str = "demo@lcs.test";
const DEMO_PASSWORD: &str = "demo1234";
const PLANNER_DEMO_USERNAME: &str = "demo";

struct Outcome {
    code: u8,
    stdout: String,
    stderr: String,
}

impl Outcome {
    fn json(&self) -> Value {
        serde_json::from_str(&self.stdout)
            .unwrap_or_else(|error| panic!("not JSON ({error}): {}", self.stdout))
    }
}

/// One `lcs` command in process, against `sandbox`.
async fn lcs(context: &Context, sandbox: &Sandbox, args: &[&str]) -> Outcome {
    let url = sandbox.base_url();
    let mut argv = vec!["lcs", "--sandbox-url", url.as_str()];
    argv.extend_from_slice(args);
    let cli = Cli::try_parse_from(argv).unwrap_or_else(|error| panic!("{error}"));
    let (mut stdout, mut stderr) = (Vec::new(), Vec::new());
    let code = run(cli, context, &mut stdout, &mut stderr).await;
    Outcome {
        code,
        stdout: String::from_utf8(stdout).unwrap(),
        stderr: String::from_utf8(stderr).unwrap(),
    }
}

async fn ok_json(context: &Context, sandbox: &Sandbox, args: &[&str]) -> Value {
    let mut args = args.to_vec();
    args.push("--json");
    let outcome = lcs(context, sandbox, &args).await;
    assert_eq!(
        outcome.code, 0,
        "lcs {args:?}: {} {}",
        outcome.stdout, outcome.stderr
    );
    outcome.json()
}

fn context(dir: &Path) -> Context {
    Context::with_store(
        AppDirs::new(dir.join("config"), dir.join("data")),
        Arc::new(MemoryStore::new()),
    )
}

#[tokio::test]
async fn each_family_signs_in_and_calls_by_name() {
    let dir = tempfile::tempdir().unwrap();
    let mut context = context(dir.path());
    context.password = Some(DEMO_PASSWORD.into());
    let sandbox = Sandbox::start(Db::open(None).unwrap(), 0).await.unwrap();

    // Family A.
    let session = ok_json(
        &context,
        &sandbox,
        &["login", "customer", "--email", DEMO_EMAIL],
    )
    .await;
    assert_eq!(session["family"], "customer");
    assert_eq!(session["displayName"], DEMO_EMAIL);
    ok_json(&context, &sandbox, &["call", "customer.switchAccount"]).await;
    ok_json(&context, &sandbox, &["call", "customer.resetAccount"]).await;
    ok_json(&context, &sandbox, &["call", "customer.switchAccount"]).await;
    let phone = lcs(
        &context,
        &sandbox,
        &[
            "call",
            "customer.checkPhone",
            "-p",
            &format!("phone={DEMO_PHONE}"),
            "-p",
            "phoneArea=+86",
            "--json",
        ],
    )
    .await;
    assert!(
        phone.code <= 1,
        "a business answer, not a failure: {}",
        phone.stdout
    );

    // Signing in again through the call itself answers the customer (and, in the sandbox,
    // replaces the session's token, so it comes last).
    let login = ok_json(
        &context,
        &sandbox,
        &[
            "call",
            "customer.login",
            "-p",
            "type=1",
            "-p",
            &format!("loginName={DEMO_EMAIL}"),
            "-p",
            "device=9",
            "-p",
            "isThird=false",
            "-p",
            "loginPwd=6e9bece1914809fb8493146417e722f6",
        ],
    )
    .await;
    assert_eq!(login["email"], DEMO_EMAIL, "{login}");

    // Family B.
    ok_json(
        &context,
        &sandbox,
        &["login", "user-center", "--account", DEMO_PHONE],
    )
    .await;
    let info = ok_json(&context, &sandbox, &["call", "user_center.user_info"]).await;
    assert_eq!(info["user_mobile"], DEMO_PHONE, "{info}");
    let addresses = ok_json(
        &context,
        &sandbox,
        &[
            "call",
            "user_center.address_list",
            "-p",
            "page=1",
            "-p",
            "size=2",
        ],
    )
    .await;
    assert_eq!(
        addresses["items"].as_array().unwrap().len(),
        2,
        "{addresses}"
    );
    let invoices = ok_json(&context, &sandbox, &["call", "user_center.invoice_list"]).await;
    assert!(
        !invoices["items"].as_array().unwrap().is_empty(),
        "{invoices}"
    );
    ok_json(
        &context,
        &sandbox,
        &["call", "user_center.message_get_msg_count"],
    )
    .await;
    let levels = ok_json(
        &context,
        &sandbox,
        &["call", "user_center.list_base_user_level"],
    )
    .await;
    assert!(levels["items"].is_array(), "{levels}");

    // Family C: the authorization code comes from a guest call, as a tester would get it.
    ok_json(
        &context,
        &sandbox,
        &["login", "planner", "--username", PLANNER_DEMO_USERNAME],
    )
    .await;
    ok_json(&context, &sandbox, &["call", "planner.accountDetail"]).await;
    let code = ok_json(
        &context,
        &sandbox,
        &[
            "call",
            "planner.authorization",
            "-p",
            "client_id=lcs-account",
            "-p",
            "client_secret=lcs-sandbox-secret",
            "-p",
            "redirect_uri=lcs://callback",
            "-p",
            "response_type=code",
            "-p",
            "scope=all",
        ],
    )
    .await;
    let code = code["authorizationcode"].as_str().unwrap().to_owned();
    let authorization = format!("authorizationcode={code}");
    ok_json(
        &context,
        &sandbox,
        &[
            "call",
            "planner.password",
            "-p",
            &authorization,
            "-p",
            &format!("oldpassword={DEMO_PASSWORD}"),
            "-p",
            &format!("newpassword={DEMO_PASSWORD}"),
        ],
    )
    .await;
    let avatar = dir.path().join("avatar.png");
    std::fs::write(&avatar, b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").unwrap();
    let uploaded = ok_json(
        &context,
        &sandbox,
        &[
            "call",
            "planner.picUpload",
            "-p",
            "type=1",
            "--file",
            &format!("file={}", avatar.display()),
        ],
    )
    .await;
    assert!(uploaded["url"].is_string(), "{uploaded}");
    ok_json(&context, &sandbox, &["call", "planner.accountDetail"]).await;

    // Who is signed in, without a token anywhere in the answer.
    let sessions = lcs(&context, &sandbox, &["session", "--json"]).await;
    let families: Vec<Value> = sessions
        .json()
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["family"].clone())
        .collect();
    assert_eq!(families, ["customer", "user_center", "planner"]);
    assert!(
        !sessions.stdout.to_lowercase().contains("token"),
        "{}",
        sessions.stdout
    );
    let text = lcs(&context, &sandbox, &["session"]).await;
    assert!(text.stdout.contains(DEMO_EMAIL), "{}", text.stdout);

    // Signing out of one family leaves the others; a signed-out family's calls are refused.
    ok_json(&context, &sandbox, &["logout", "planner"]).await;
    let refused = lcs(
        &context,
        &sandbox,
        &["call", "planner.accountDetail", "--json"],
    )
    .await;
    assert_eq!(refused.code, 1);
    assert_eq!(refused.json()["error"]["code"], "unauthorized");
    assert_eq!(
        ok_json(&context, &sandbox, &["session"])
            .await
            .as_array()
            .unwrap()
            .len(),
        2
    );
    sandbox.stop().await.unwrap();
}

#[tokio::test]
async fn bad_parameters_are_refused_before_sending_and_named() {
    let dir = tempfile::tempdir().unwrap();
    let context = context(dir.path());
    let sandbox = Sandbox::start(Db::open(None).unwrap(), 0).await.unwrap();
    let wrong_type = lcs(
        &context,
        &sandbox,
        &["call", "customer.login", "-p", "type=9", "--json"],
    )
    .await;
    assert_eq!(wrong_type.code, 2);
    assert_eq!(wrong_type.json()["error"]["parameter"], "type");
    let missing = lcs(
        &context,
        &sandbox,
        &["call", "customer.checkPhone", "-p", "phone=1", "--json"],
    )
    .await;
    assert_eq!(missing.json()["error"]["parameter"], "phoneArea");
    let unknown = lcs(
        &context,
        &sandbox,
        &["call", "user_center.user_info", "-p", "x=1"],
    )
    .await;
    assert_eq!(unknown.code, 2);
    assert!(unknown.stderr.contains("parameter x"), "{}", unknown.stderr);
    sandbox.stop().await.unwrap();
}

#[tokio::test]
async fn the_call_list_is_the_catalog_and_environments_are_the_apps() {
    let dir = tempfile::tempdir().unwrap();
    let context = context(dir.path());
    let sandbox = Sandbox::start(Db::open(None).unwrap(), 0).await.unwrap();
    let calls = ok_json(&context, &sandbox, &["call", "--list"]).await;
    let calls = calls.as_array().unwrap();
    assert_eq!(calls.len(), lcs_core::console::catalog().len());
    assert!(
        calls
            .iter()
            .any(|call| call["name"] == "planner.refresh" && call["titleZh"].is_string())
    );
    let table = lcs(&context, &sandbox, &["call", "--list"]).await;
    assert!(
        table
            .stdout
            .lines()
            .any(|line| line.starts_with("user_center.user_info") && line.contains("GET"))
    );

    let envs = ok_json(&context, &sandbox, &["env", "list"]).await;
    assert_eq!(envs[0]["id"], "sandbox");
    assert_eq!(envs[0]["current"], true);
    ok_json(&context, &sandbox, &["env", "use", "preprod"]).await;
    // The choice is the app's settings file, as the app reads it.
    let settings = context.dirs.settings_file().load();
    assert_eq!(settings.environment, "preprod");
    let unknown = lcs(&context, &sandbox, &["env", "use", "nowhere"]).await;
    assert_eq!(unknown.code, 2);
    sandbox.stop().await.unwrap();
}

fn environment(id: &str, name: &str, host: &str) -> Environment {
    Environment {
        id: id.into(),
        name: name.into(),
        customer_base: host.into(),
        user_center_base: host.into(),
        planner_base: host.into(),
        company_id: "42".into(),
        ..Environment::default()
    }
}

#[tokio::test]
async fn environments_travel_between_installs_as_a_file() {
    let sandbox = Sandbox::start(Db::open(None).unwrap(), 0).await.unwrap();
    let mine = tempfile::tempdir().unwrap();
    let mine = context(mine.path());
    let mut settings = mine.dirs.settings_file().load();
    settings
        .save_environment(
            environment("staging", "Staging", "https://staging.example"),
            true,
        )
        .unwrap();
    settings
        .save_environment(environment("qa", "QA", "https://qa.example"), true)
        .unwrap();
    mine.dirs.settings_file().save(&settings).unwrap();

    // Without a file, the file is the output.
    let all = ok_json(&mine, &sandbox, &["env", "export"]).await;
    assert_eq!(all["format"], "lcs-account/environments");
    let ids: Vec<&Value> = all["environments"]
        .as_array()
        .unwrap()
        .iter()
        .map(|env| &env["id"])
        .collect();
    assert_eq!(ids, ["staging", "qa"]);

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("qa.json");
    let path = path.to_str().unwrap();
    let written = ok_json(&mine, &sandbox, &["env", "export", path, "--id", "qa"]).await;
    assert_eq!(
        written,
        serde_json::json!({ "path": path, "environments": ["qa"] })
    );
    let built_in = lcs(&mine, &sandbox, &["env", "export", "--id", "preprod"]).await;
    assert_eq!(built_in.code, 2, "{}", built_in.stderr);
    assert!(built_in.stderr.contains("built in"), "{}", built_in.stderr);

    // Another install: the first import adds, the second replaces.
    let theirs = tempfile::tempdir().unwrap();
    let theirs = context(theirs.path());
    let first = ok_json(&theirs, &sandbox, &["env", "import", path]).await;
    assert_eq!(
        first,
        serde_json::json!({ "added": ["qa"], "replaced": [] })
    );
    let again = lcs(&theirs, &sandbox, &["env", "import", path]).await;
    assert_eq!(again.code, 0, "{}", again.stderr);
    assert_eq!(again.stdout.trim(), "0 added, 1 replaced (qa)");
    let listed = ok_json(&theirs, &sandbox, &["env", "list"]).await;
    assert_eq!(listed[2]["id"], "qa");
    assert_eq!(listed[2]["customerBase"], "https://qa.example");

    // A file that moves qa to another host is refused, saying what changes, until --replace.
    let moved = dir.path().join("moved.json");
    std::fs::write(
        &moved,
        std::fs::read_to_string(path)
            .unwrap()
            .replace("https://qa.example", "https://qa.elsewhere.example"),
    )
    .unwrap();
    let moved = moved.to_str().unwrap();
    let refused = lcs(&theirs, &sandbox, &["env", "import", moved]).await;
    assert_eq!(refused.code, 2, "{}", refused.stderr);
    assert!(
        refused
            .stderr
            .contains("\"qa\" (customerBase, userCenterBase, plannerBase)"),
        "{}",
        refused.stderr
    );
    let listed = ok_json(&theirs, &sandbox, &["env", "list"]).await;
    assert_eq!(listed[2]["customerBase"], "https://qa.example");
    let replaced = lcs(&theirs, &sandbox, &["env", "import", moved, "--replace"]).await;
    assert_eq!(replaced.code, 0, "{}", replaced.stderr);
    let listed = ok_json(&theirs, &sandbox, &["env", "list"]).await;
    assert_eq!(listed[2]["customerBase"], "https://qa.elsewhere.example");

    // A bad environment refuses the whole file, naming it and its field; nothing changes.
    let before = std::fs::read_to_string(theirs.dirs.settings_file().path()).unwrap();
    let bad = dir.path().join("bad.json");
    std::fs::write(
        &bad,
        serde_json::json!({
            "format": "lcs-account/environments",
            "version": 1,
            "environments": [
                environment("dev", "Dev", "https://dev.example"),
                environment("broken", "Broken", "ftp://broken.example"),
            ],
        })
        .to_string(),
    )
    .unwrap();
    let refused = lcs(
        &theirs,
        &sandbox,
        &["env", "import", bad.to_str().unwrap(), "--json"],
    )
    .await;
    assert_eq!(refused.code, 2);
    let error = &refused.json()["error"];
    assert_eq!(error["code"], "invalid_file");
    let message = error["message"].as_str().unwrap();
    assert!(
        message.contains(r#"environment "broken" (Broken): customerBase: must use https://"#),
        "{message}"
    );
    assert_eq!(
        std::fs::read_to_string(theirs.dirs.settings_file().path()).unwrap(),
        before
    );
    let text = lcs(&theirs, &sandbox, &["env", "import", bad.to_str().unwrap()]).await;
    assert!(
        text.stderr
            .starts_with("lcs: invalid_file: nothing was imported"),
        "{}",
        text.stderr
    );

    let missing = lcs(
        &theirs,
        &sandbox,
        &["env", "import", "/nonexistent/envs.json"],
    )
    .await;
    assert_eq!(missing.code, 2);
    assert!(missing.stderr.contains("cannot read"), "{}", missing.stderr);
    sandbox.stop().await.unwrap();
}

/// `lcs env check` reads a file as an operator's build reads the one it ships with, and says
/// which environment will be the default; a file the build could not use fails, changing
/// nothing either way.
#[tokio::test]
async fn an_operators_file_is_checked_before_a_build_ships_it() {
    let sandbox = Sandbox::start(Db::open(None).unwrap(), 0).await.unwrap();
    let home = tempfile::tempdir().unwrap();
    let context = context(home.path());
    let dir = tempfile::tempdir().unwrap();
    let file = |name: &str, environments: Value| {
        let path = dir.path().join(name);
        let text = serde_json::json!({
            "format": "lcs-account/environments",
            "version": 1,
            "environments": environments,
        });
        std::fs::write(&path, text.to_string()).unwrap();
        path.to_str().unwrap().to_owned()
    };
    let good = file(
        "production.json",
        serde_json::json!([
            environment("production", "Production", "https://api.example"),
            environment("staging", "Staging", "https://staging.example"),
        ]),
    );
    let checked = lcs(&context, &sandbox, &["env", "check", &good]).await;
    assert_eq!(checked.code, 0, "{}", checked.stderr);
    assert_eq!(
        checked.stdout.trim(),
        format!("{good} can be shipped: production, staging (production by default)")
    );

    let built_in = file(
        "sandbox.json",
        serde_json::json!([environment("sandbox", "Mine", "https://mine.example")]),
    );
    let refused = lcs(&context, &sandbox, &["env", "check", &built_in, "--json"]).await;
    assert_eq!(refused.code, 2);
    assert_eq!(refused.json()["error"]["code"], "invalid_file");
    assert!(
        !context.dirs.settings_file().path().exists(),
        "checking writes no settings"
    );
    sandbox.stop().await.unwrap();
}

/// The HTTP status of `POST /__sandbox/sms` on the sandbox at `url`, with `secret` if any.
fn helper_status(url: &str, secret: Option<&str>) -> u16 {
    let host = url.trim_start_matches("http://").trim_end_matches('/');
    let body = format!(r#"{{"target": "{DEMO_PHONE}"}}"#);
    let secret = secret
        .map(|secret| format!("x-sandbox-secret: {secret}\r\n"))
        .unwrap_or_default();
    let mut stream = std::net::TcpStream::connect(host).unwrap();
    write!(
        stream,
        "POST /__sandbox/sms HTTP/1.1\r\nHost: {host}\r\n{secret}content-type: application/json\r\n\
         content-length: {}\r\nconnection: close\r\n\r\n{body}",
        body.len()
    )
    .unwrap();
    let mut answer = String::new();
    stream.read_to_string(&mut answer).unwrap();
    answer
        .split(' ')
        .nth(1)
        .and_then(|status| status.parse().ok())
        .unwrap_or_else(|| panic!("not an HTTP answer: {answer}"))
}

/// The `lcs` binary with throwaway folders and an in-memory keychain.
fn binary(home: &Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_lcs"));
    command
        .env("HOME", home)
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("XDG_DATA_HOME", home.join("data"))
        .env("LCS_KEYCHAIN", "memory")
        .env_remove("LCS_SANDBOX_URL")
        .env_remove("LCS_SANDBOX_SECRET")
        .env_remove("LCS_PASSWORD");
    command
}

#[test]
fn the_binary_exits_with_the_documented_codes() {
    let home = tempfile::tempdir().unwrap();

    // Usage errors are clap's: exit 2 with a usage line.
    let usage = binary(home.path())
        .args(["call", "--no-such-flag"])
        .output()
        .unwrap();
    assert_eq!(usage.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&usage.stderr).contains("Usage: lcs call"));
    let no_param_value = binary(home.path())
        .args(["call", "customer.login", "-p", "novalue"])
        .output()
        .unwrap();
    assert_eq!(no_param_value.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&no_param_value.stderr).contains("Usage:"));

    // `lcs sandbox` serves the app's sandbox database and records its address, which the
    // sandbox environment then uses; its second line is the secret its helpers ask for.
    let mut sandbox = binary(home.path())
        .args(["sandbox", "--port", "0"])
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = BufReader::new(sandbox.stdout.take().unwrap());
    let mut line = String::new();
    stdout.read_line(&mut line).unwrap();
    assert!(line.starts_with("listening on http://127.0.0.1:"), "{line}");
    let url = line.trim().trim_start_matches("listening on ").to_owned();
    let mut line = String::new();
    stdout.read_line(&mut line).unwrap();
    let secret = line
        .trim()
        .strip_prefix("helper secret: ")
        .unwrap_or_else(|| panic!("unexpected second line {line:?}"));
    assert_eq!(helper_status(&url, None), 403);
    assert_eq!(helper_status(&url, Some(secret)), 200);
    assert!(
        home.path()
            .join("data/com.lcs.account/sandbox.sqlite")
            .exists()
    );

    // A password is never an argument (the process list would show it): it comes from stdin
    // when that is not a terminal, or from LCS_PASSWORD.
    let login = |stdin: Option<&str>, env: Option<&str>, extra: &[&str]| {
        let mut command = binary(home.path());
        command
            .args(["login", "customer", "--email", DEMO_EMAIL, "--json"])
            .args(extra)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        if let Some(password) = env {
            command.env("LCS_PASSWORD", password);
        }
        let mut child = command.spawn().unwrap();
        let mut input = child.stdin.take().unwrap();
        if let Some(text) = stdin {
            input.write_all(text.as_bytes()).unwrap();
        }
        drop(input);
        child.wait_with_output().unwrap()
    };
    let flag = login(None, None, &["--password", DEMO_PASSWORD]);
    assert_eq!(flag.status.code(), Some(2), "--password is no option");
    assert!(String::from_utf8_lossy(&flag.stderr).contains("--password"));
    let wrong = login(Some("not-the-password\n"), None, &[]);
    let answer: Value = serde_json::from_slice(&wrong.stdout).unwrap();
    assert_eq!(wrong.status.code(), Some(1), "{answer}");
    assert_eq!(answer["error"]["code"], "business");
    let piped = login(Some(&format!("{DEMO_PASSWORD}\n")), None, &[]);
    let session: Value = serde_json::from_slice(&piped.stdout).unwrap();
    assert_eq!(piped.status.code(), Some(0), "{session}");
    assert_eq!(session["displayName"], DEMO_EMAIL);
    let from_env = login(None, Some(DEMO_PASSWORD), &[]);
    assert_eq!(from_env.status.code(), Some(0));
    let none = login(None, None, &[]);
    assert_eq!(none.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&none.stdout).contains("LCS_PASSWORD"));

    let guest = binary(home.path())
        .args(["call", "user_center.list_base_user_level", "--json"])
        .output()
        .unwrap();
    assert_eq!(
        guest.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&guest.stderr)
    );
    let levels: Value = serde_json::from_slice(&guest.stdout).unwrap();
    assert!(levels["items"].is_array());

    let pid = sandbox.id().to_string();
    Command::new("kill").args(["-TERM", &pid]).status().unwrap();
    sandbox.wait().unwrap();
    assert!(
        !home
            .path()
            .join("data/com.lcs.account/sandbox.address")
            .exists()
    );

    // No server there: exit 3.
    let unreachable = binary(home.path())
        .args([
            "--sandbox-url",
            "http://127.0.0.1:9",
            "call",
            "user_center.list_base_user_level",
        ])
        .output()
        .unwrap();
    assert_eq!(unreachable.status.code(), Some(3));
    assert!(String::from_utf8_lossy(&unreachable.stderr).contains("network"));
}

/// The binary as `binary` runs it, under the most permissive umask: what it writes must be
/// its owner's only whatever the user's umask is.
#[cfg(unix)]
fn binary_with_open_umask(home: &Path) -> Command {
    let command = binary(home);
    let program = command.get_program().to_owned();
    let mut wrapped = Command::new("sh");
    wrapped
        .args(["-c", "umask 000 && exec \"$0\" \"$@\""])
        .arg(program);
    for (key, value) in command.get_envs() {
        match value {
            Some(value) => wrapped.env(key, value),
            None => wrapped.env_remove(key),
        };
    }
    wrapped
}

#[cfg(unix)]
fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

#[cfg(unix)]
#[test]
fn what_the_client_writes_is_only_its_owners() {
    use std::os::unix::fs::PermissionsExt;
    let home = tempfile::tempdir().unwrap();
    let config = home.path().join("config/com.lcs.account");
    let data = home.path().join("data/com.lcs.account");
    let file = lcs_core::settings::SettingsFile::in_dir(&config);
    let mut settings = file.load();
    settings
        .save_environment(environment("qa", "QA", "https://qa.example"), true)
        .unwrap();
    file.save(&settings).unwrap();
    // A settings file an older version left readable by others.
    std::fs::set_permissions(file.path(), std::fs::Permissions::from_mode(0o644)).unwrap();

    let exported = home.path().join("qa.json");
    let export = binary_with_open_umask(home.path())
        .args(["env", "export", exported.to_str().unwrap(), "--id", "qa"])
        .output()
        .unwrap();
    assert_eq!(
        export.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&export.stderr)
    );
    assert_eq!(mode(&exported), 0o600, "the export");
    assert_eq!(mode(file.path()), 0o600, "the settings, narrowed");
    let chosen = binary_with_open_umask(home.path())
        .args(["env", "use", "qa"])
        .output()
        .unwrap();
    assert_eq!(chosen.status.code(), Some(0));
    assert_eq!(mode(file.path()), 0o600, "the settings, rewritten");
    assert_eq!(mode(&config), 0o700, "the config folder");

    let mut sandbox = binary_with_open_umask(home.path())
        .args(["sandbox", "--port", "0"])
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(sandbox.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    assert!(line.starts_with("listening on "), "{line}");
    let written = [
        "sandbox.sqlite",
        "sandbox.sqlite-wal",
        "sandbox.sqlite-shm",
        "sandbox.address",
    ]
    .map(|name| (name, mode(&data.join(name))));
    let pid = sandbox.id().to_string();
    Command::new("kill").args(["-TERM", &pid]).status().unwrap();
    sandbox.wait().unwrap();
    for (name, mode) in written {
        assert_eq!(mode, 0o600, "{name}");
    }
    assert_eq!(mode(&data), 0o700, "the data folder");
}

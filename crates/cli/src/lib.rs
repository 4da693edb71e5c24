//! `lcs`: the command-line client of LCS Account. Testers call any backend call by hand and
//! scripts check the backends without a window. It uses the app's settings (environments),
//! its keychain entries (sessions) and its sandbox database, found where the app keeps them.
//!
//! Exit codes: 0 done, 1 the server or the app said no, 2 the command or its input cannot be
//! used, 3 the server could not be reached or did not answer in time.
//!
//! A password is never an argument, which every user of the machine could read in the process
//! list: `lcs login` takes it from `LCS_PASSWORD`, else asks for it without echo on a terminal,
//! else reads the first line of stdin (scripts).

use std::io::{BufRead, IsTerminal, Write};
use std::path::PathBuf;
use std::sync::Arc;

use clap::{Args, Parser, Subcommand, ValueEnum};
use lcs_api::{Family, Secret};
use lcs_core::auth::{
    Auth, AuthEvent, AuthFamily, AuthListener, CustomerLogin, CustomerLoginName, PlannerLogin,
    PublicSession, UserCenterLogin,
};
use lcs_core::environment::Environment;
use lcs_core::keychain::{self, MemoryStore, Opened, SecretStore, StoreKind};
use lcs_core::paths::AppDirs;
use lcs_core::settings::{Language, Settings};
use lcs_core::{Error, ErrorCode, InputProblem, console};
use serde_json::{Map, Value, json};

/// Set to `memory` to keep sessions in this process only, never in the OS keychain: for
/// tests and throwaway runs. Any other value, or none, uses the keychain as the app does.
pub const KEYCHAIN_VAR: &str = "LCS_KEYCHAIN";
/// The password `lcs login` uses, where a script has it rather than a person.
pub const PASSWORD_VAR: &str = "LCS_PASSWORD";

/// The command-line client of LCS Account: call any backend call, sign in, run the sandbox.
#[derive(Debug, Parser)]
#[command(name = "lcs", version)]
pub struct Cli {
    /// The environment to use instead of the app's current one (see `lcs env list`).
    #[arg(long, global = true, value_name = "ID")]
    pub env: Option<String>,
    /// Print one JSON document (the answer, or `{"error": …}`) instead of text.
    #[arg(long, global = true)]
    pub json: bool,
    /// Where the sandbox environment's server listens; by default the address a running
    /// `lcs sandbox` recorded.
    #[arg(long, global = true, env = "LCS_SANDBOX_URL", value_name = "URL")]
    pub sandbox_url: Option<String>,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// List the environments, choose the one the app and `lcs` use, or share them as a file.
    Env {
        #[command(subcommand)]
        action: EnvAction,
    },
    /// Sign in to one family with a password; the session is kept as the app keeps it.
    ///
    /// The password comes from LCS_PASSWORD; without it `lcs` asks for it (not echoed), or,
    /// when stdin is not a terminal, reads its first line.
    Login {
        #[command(subcommand)]
        family: LoginFamily,
    },
    /// Call any backend call by name, or list them all.
    Call(CallArgs),
    /// Who is signed in, per family (never a token).
    Session,
    /// Sign out of one family, or of all three.
    Logout {
        #[arg(value_enum)]
        family: Option<FamilyArg>,
    },
    /// Run the sandbox backend until Ctrl-C; the sandbox environment then talks to it.
    Sandbox {
        /// Port to listen on; 0 picks a free one.
        #[arg(long, default_value_t = 0)]
        port: u16,
        /// SQLite file for its state; by default the app's own sandbox database.
        #[arg(long, value_name = "PATH")]
        db: Option<PathBuf>,
        /// What its helpers under /__sandbox/ ask for in the x-sandbox-secret header; without
        /// it the sandbox makes one and prints it on its second line.
        #[arg(
            long,
            env = "LCS_SANDBOX_SECRET",
            hide_env_values = true,
            value_name = "VALUE"
        )]
        secret: Option<String>,
    },
}

#[derive(Debug, Subcommand)]
pub enum EnvAction {
    /// List the environments; the current one is marked.
    List,
    /// Make `ID` the current environment, for the app and for `lcs`.
    Use { id: String },
    /// Write your own environments (built-ins come with every app) as an environments file,
    /// to FILE or, without one or with `-`, to stdout.
    Export {
        file: Option<PathBuf>,
        /// Only this environment.
        #[arg(long, value_name = "ID")]
        id: Option<String>,
    },
    /// Add the environments of FILE (`-` for stdin); a file with anything wrong is refused
    /// whole. One that would change an environment you have is refused too, saying what would
    /// change, unless `--replace`.
    Import {
        file: PathBuf,
        /// Replace your environments with the same ids. Sessions of an environment whose
        /// addresses change are signed out, never sent to the new servers.
        #[arg(long)]
        replace: bool,
    },
    /// Check FILE (`-` for stdin) as an operator's build reads the environments file it ships
    /// with (`LCS_ENVIRONMENTS=FILE make package`), changing nothing; the first environment
    /// is the build's default.
    Check { file: PathBuf },
}

#[derive(Debug, Subcommand)]
pub enum LoginFamily {
    /// The customer API (family A), by e-mail, phone or customer number.
    Customer {
        #[arg(long, group = "name", required = true)]
        email: Option<String>,
        #[arg(long, group = "name")]
        phone: Option<String>,
        #[arg(long, group = "name")]
        customer_no: Option<String>,
        /// The phone's area code (with --phone).
        #[arg(long, default_value = "86")]
        phone_area: String,
    },
    /// The user centre (family B), by account (mobile number or e-mail).
    UserCenter {
        #[arg(long)]
        account: String,
    },
    /// The planner API (family C), by user name or phone number.
    Planner {
        #[arg(long, group = "name", required = true)]
        username: Option<String>,
        #[arg(long, group = "name")]
        phone: Option<String>,
    },
}

#[derive(Debug, Args)]
pub struct CallArgs {
    /// The call's name, `family.call` (`customer.login`); see `lcs call --list`.
    #[arg(required_unless_present = "list", conflicts_with = "list")]
    pub name: Option<String>,
    /// List every call instead of making one.
    #[arg(long)]
    pub list: bool,
    /// A parameter, `KEY=VALUE`; the value is read as JSON when it parses, else as text.
    #[arg(long = "param", short = 'p', value_name = "KEY=VALUE", value_parser = parse_param)]
    pub params: Vec<(String, Value)>,
    /// A file parameter (an upload), `KEY=PATH`.
    #[arg(long = "file", value_name = "KEY=PATH", value_parser = parse_file)]
    pub files: Vec<(String, Value)>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FamilyArg {
    Customer,
    UserCenter,
    Planner,
}

impl From<FamilyArg> for Family {
    fn from(family: FamilyArg) -> Self {
        match family {
            FamilyArg::Customer => Family::Customer,
            FamilyArg::UserCenter => Family::UserCenter,
            FamilyArg::Planner => Family::Planner,
        }
    }
}

fn parse_param(text: &str) -> Result<(String, Value), String> {
    let (key, value) = split_pair(text)?;
    let value = serde_json::from_str(value).unwrap_or_else(|_| Value::String(value.to_owned()));
    Ok((key.to_owned(), value))
}

/// A file as an upload parameter takes it: its name and its bytes in Base64.
fn parse_file(text: &str) -> Result<(String, Value), String> {
    use base64::Engine;
    let (key, path) = split_pair(text)?;
    let bytes = std::fs::read(path).map_err(|error| format!("{path}: {error}"))?;
    let file_name = std::path::Path::new(path)
        .file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .unwrap_or_default();
    let base64 = base64::engine::general_purpose::STANDARD.encode(bytes);
    Ok((
        key.to_owned(),
        json!({ "fileName": file_name, "base64": base64 }),
    ))
}

fn split_pair(text: &str) -> Result<(&str, &str), String> {
    match text.split_once('=') {
        Some((key, value)) if !key.trim().is_empty() => Ok((key.trim(), value)),
        _ => Err(format!("expected KEY=VALUE, got {text:?}")),
    }
}

/// What a command works with: the app's folders and the keychain.
pub struct Context {
    pub dirs: AppDirs,
    pub keychain: Opened,
    /// The password `lcs login` uses; without one it reads [`PASSWORD_VAR`], asks at a prompt
    /// or reads a line of stdin.
    pub password: Option<Secret>,
}

impl Context {
    /// The app's own folders and keychain, or memory when [`KEYCHAIN_VAR`] says so.
    pub fn from_env() -> Result<Self, Error> {
        let keychain = if std::env::var(KEYCHAIN_VAR).is_ok_and(|value| value == "memory") {
            memory_keychain()
        } else {
            keychain::open()
        };
        Ok(Self {
            dirs: AppDirs::desktop()?,
            keychain,
            password: None,
        })
    }
}

impl Context {
    /// The given folders with `store` standing in for the OS keychain: commands run in one
    /// process share their sessions through it as separate runs share the keychain's (tests).
    pub fn with_store(dirs: AppDirs, store: Arc<dyn SecretStore>) -> Self {
        Self {
            dirs,
            keychain: Opened {
                store,
                kind: StoreKind::OsKeychain,
            },
            password: None,
        }
    }
}

/// A keychain in this process's memory only: sessions end with the command.
fn memory_keychain() -> Opened {
    Opened {
        store: Arc::new(MemoryStore::new()),
        kind: StoreKind::MemoryOnly {
            reason: format!("{KEYCHAIN_VAR}=memory"),
        },
    }
}

/// The exit codes.
pub mod exit {
    pub const OK: u8 = 0;
    pub const REFUSED: u8 = 1;
    pub const USAGE: u8 = 2;
    pub const UNREACHABLE: u8 = 3;
}

/// The exit code for a failure.
pub fn exit_code(error: &Error) -> u8 {
    match error.code() {
        ErrorCode::Network | ErrorCode::Timeout => exit::UNREACHABLE,
        ErrorCode::InvalidInput | ErrorCode::InvalidFile => exit::USAGE,
        _ => exit::REFUSED,
    }
}

/// Runs one command, writing its answer to `out` and any failure to `err` (or, with `--json`,
/// both to `out`); answers the exit code.
pub async fn run(cli: Cli, context: &Context, out: &mut dyn Write, err: &mut dyn Write) -> u8 {
    let json = cli.json;
    match execute(cli, context, out).await {
        Ok(()) => exit::OK,
        Err(error) => {
            let code = exit_code(&error);
            let written = if json {
                writeln!(out, "{}", error_json(&error))
            } else {
                let trace = error
                    .trace()
                    .map(|trace| format!(" (trace {trace})"))
                    .unwrap_or_default();
                let kind = serde_json::to_value(error.code()).unwrap_or_default();
                writeln!(
                    err,
                    "lcs: {}: {}{trace}",
                    kind.as_str().unwrap_or("error"),
                    error.user_message(lcs_api::Lang::EnUs)
                )
            };
            if written.is_err() {
                tracing::debug!("the error could not be written");
            }
            code
        }
    }
}

fn error_json(error: &Error) -> Value {
    let mut body = json!({
        "code": error.code(),
        "message": error.user_message(lcs_api::Lang::EnUs),
        "trace": error.trace(),
    });
    if let Error::InvalidParameter { parameter, .. } = error {
        body["parameter"] = Value::from(parameter.as_str());
    }
    json!({ "error": body })
}

async fn execute(cli: Cli, context: &Context, out: &mut dyn Write) -> Result<(), Error> {
    let json = cli.json;
    match &cli.command {
        Command::Env { action } => env_command(action, context, json, out),
        Command::Call(args) if args.list => list_calls(json, out),
        Command::Sandbox { port, db, secret } => {
            sandbox(*port, db.clone(), secret.clone(), context, json, out).await
        }
        Command::Login { family } => {
            let password = match &context.password {
                Some(password) => password.clone(),
                None => read_password()?,
            };
            let auth = open_auth(&cli, context).await?;
            let session = login(&auth, family, &password).await?;
            if json {
                print_json(out, &serde_json::to_value(&session).unwrap_or_default())
            } else {
                let kept = if session.persisted {
                    "kept in the keychain"
                } else {
                    "kept in memory only: it ends with this command"
                };
                print(
                    out,
                    &format!(
                        "signed in to the {} as {} ({}), {kept}",
                        Family::from(session.family),
                        session.display_name,
                        session.account
                    ),
                )
            }
        }
        Command::Call(args) => {
            let auth = open_auth(&cli, context).await?;
            let name = args.name.clone().unwrap_or_default();
            let mut params = Map::new();
            for (key, value) in args.params.iter().chain(&args.files) {
                params.insert(key.clone(), value.clone());
            }
            let answer = console::call(&auth, &name, params, console::Secrets::Show).await?;
            if json {
                print_json(out, &answer)
            } else {
                print(
                    out,
                    &serde_json::to_string_pretty(&answer).unwrap_or_default(),
                )
            }
        }
        Command::Session => {
            let auth = open_auth(&cli, context).await?;
            let sessions = auth.sessions();
            if json {
                print_json(out, &serde_json::to_value(&sessions).unwrap_or_default())
            } else if sessions.is_empty() {
                print(
                    out,
                    &format!("no one is signed in to {}", auth.environment()),
                )
            } else {
                let lines: Vec<String> = sessions.iter().map(session_line).collect();
                print(out, &lines.join("\n"))
            }
        }
        Command::Logout { family } => {
            let auth = open_auth(&cli, context).await?;
            let families: Vec<Family> = match family {
                Some(one) => vec![(*one).into()],
                None => vec![Family::Customer, Family::UserCenter, Family::Planner],
            };
            let mut signed_out = Vec::new();
            for family in families {
                if let Some(session) = auth.session(family) {
                    auth.sign_out_user(family).await;
                    signed_out.push(session);
                }
            }
            if json {
                print_json(out, &serde_json::to_value(&signed_out).unwrap_or_default())
            } else if signed_out.is_empty() {
                print(out, "no one was signed in")
            } else {
                let lines: Vec<String> = signed_out
                    .iter()
                    .map(|session| format!("signed out: {}", session_line(session)))
                    .collect();
                print(out, &lines.join("\n"))
            }
        }
    }
}

fn session_line(session: &PublicSession) -> String {
    let family = match session.family {
        AuthFamily::Customer => "customer",
        AuthFamily::UserCenter => "user-center",
        AuthFamily::Planner => "planner",
    };
    let mode = session
        .mode
        .map(|mode| format!(", {mode:?} account").to_lowercase())
        .unwrap_or_default();
    format!(
        "{family:<12} {} ({}){mode}",
        session.display_name, session.account
    )
}

fn print(out: &mut dyn Write, text: &str) -> Result<(), Error> {
    match writeln!(out, "{text}") {
        // A reader that stopped early (`lcs call --list | head`) wanted no more.
        Err(error) if error.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        written => written.map_err(|source| Error::Storage {
            what: "the output",
            path: "stdout".into(),
            source,
        }),
    }
}

fn print_json(out: &mut dyn Write, value: &Value) -> Result<(), Error> {
    print(
        out,
        &serde_json::to_string_pretty(value).unwrap_or_default(),
    )
}

fn env_command(
    action: &EnvAction,
    context: &Context,
    json: bool,
    out: &mut dyn Write,
) -> Result<(), Error> {
    let file = context.dirs.settings_file();
    let mut settings = file.load();
    match action {
        EnvAction::List => {
            let current = settings.current_environment().id;
            let rows: Vec<Value> = settings
                .environments()
                .iter()
                .map(|env| {
                    json!({
                        "id": env.id,
                        "name": env.name,
                        "current": env.id == current,
                        "customerBase": env.customer_base,
                        "userCenterBase": env.user_center_base,
                        "plannerBase": env.planner_base,
                    })
                })
                .collect();
            if json {
                return print_json(out, &Value::Array(rows));
            }
            let lines: Vec<String> = settings
                .environments()
                .iter()
                .map(|env| {
                    let mark = if env.id == current { "*" } else { " " };
                    let base = if env.is_sandbox() {
                        "(the sandbox's address)"
                    } else {
                        env.customer_base.as_str()
                    };
                    format!("{mark} {:<12} {:<24} {base}", env.id, env.name)
                })
                .collect();
            print(out, &lines.join("\n"))
        }
        EnvAction::Use { id } => {
            settings.select_environment(id)?;
            file.save(&settings)?;
            if json {
                print_json(out, &json!({ "current": id }))
            } else {
                print(out, &format!("the current environment is now {id}"))
            }
        }
        EnvAction::Export { file: target, id } => {
            let text = settings.export_environments(id.as_deref())?;
            let Some(path) = target.as_ref().filter(|path| !is_std_stream(path)) else {
                // The file itself is the answer, JSON already.
                return print(out, &text);
            };
            lcs_core::paths::write_private(path, "the environments file", &text)?;
            let ids: Vec<String> = match id {
                Some(id) => vec![id.clone()],
                None => settings
                    .environments()
                    .into_iter()
                    .filter(|env| !env.is_built_in())
                    .map(|env| env.id)
                    .collect(),
            };
            if json {
                print_json(
                    out,
                    &json!({ "path": path.display().to_string(), "environments": ids }),
                )
            } else {
                print(
                    out,
                    &format!(
                        "exported {} to {}: {}",
                        count(ids.len(), "environment"),
                        path.display(),
                        ids.join(", ")
                    ),
                )
            }
        }
        EnvAction::Check { file: source } => {
            let text = read_input(source)?;
            let distribution =
                lcs_core::environment::Distribution::of_build(Some(&text)).map_err(Error::from)?;
            let ids: Vec<&str> = distribution
                .environments()
                .iter()
                .map(|env| env.id.as_str())
                .collect();
            if json {
                return print_json(out, &json!({ "environments": ids }));
            }
            print(
                out,
                &format!(
                    "{} can be shipped: {} ({} by default)",
                    source.display(),
                    ids.join(", "),
                    ids.first().copied().unwrap_or_default()
                ),
            )
        }
        EnvAction::Import {
            file: source,
            replace,
        } => {
            let text = read_input(source)?;
            let outcome = settings.import_environments(&text, *replace)?;
            file.save(&settings)?;
            if json {
                return print_json(out, &serde_json::to_value(&outcome).unwrap_or_default());
            }
            let listed = |ids: &[String]| {
                if ids.is_empty() {
                    String::new()
                } else {
                    format!(" ({})", ids.join(", "))
                }
            };
            print(
                out,
                &format!(
                    "{} added{}, {} replaced{}",
                    outcome.added.len(),
                    listed(&outcome.added),
                    outcome.replaced.len(),
                    listed(&outcome.replaced)
                ),
            )
        }
    }
}

/// `-`, the usual name for stdin or stdout.
fn is_std_stream(path: &std::path::Path) -> bool {
    path.as_os_str() == "-"
}

/// A file named on the command line, or stdin for `-`; one that cannot be read is the
/// command's input that cannot be used.
fn read_input(path: &std::path::Path) -> Result<String, Error> {
    let read = if is_std_stream(path) {
        std::io::read_to_string(std::io::stdin())
    } else {
        std::fs::read_to_string(path)
    };
    read.map_err(|error| Error::InvalidInput {
        field: "FILE",
        problem: InputProblem::Unusable {
            detail: format!("cannot read {}: {error}", path.display()),
        },
    })
}

fn count(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

fn list_calls(json: bool, out: &mut dyn Write) -> Result<(), Error> {
    let calls = console::catalog();
    if json {
        return print_json(out, &serde_json::to_value(&calls).unwrap_or_default());
    }
    let width = calls.iter().map(|call| call.name.len()).max().unwrap_or(0);
    let lines: Vec<String> = calls
        .iter()
        .map(|call| {
            let auth = serde_json::to_value(call.auth).unwrap_or_default();
            format!(
                "{:<width$}  {:<4} {:<9} {}  {}",
                call.name,
                call.method.as_str(),
                auth.as_str().unwrap_or_default(),
                call.title_en,
                call.title_zh
            )
        })
        .collect();
    print(out, &lines.join("\n"))
}

/// The chosen environment's sessions, restored from the keychain.
async fn open_auth(cli: &Cli, context: &Context) -> Result<Auth, Error> {
    let settings = context.dirs.settings_file().load();
    let environment = chosen_environment(&settings, cli.env.as_deref())?;
    let sandbox_url = cli
        .sandbox_url
        .clone()
        .or_else(|| context.dirs.sandbox_address());
    let config = environment.client_config(
        settings.language.unwrap_or(Language::ZhCn),
        sandbox_url
            .as_deref()
            .ok_or("no sandbox is running: start `lcs sandbox`, or pass --sandbox-url"),
    )?;
    let client = lcs_api::Client::new(config)?;
    let auth = Auth::new(
        &environment,
        client,
        context.keychain.clone(),
        Arc::new(Silent),
    );
    auth.restore().await;
    Ok(auth)
}

fn chosen_environment(settings: &Settings, id: Option<&str>) -> Result<Environment, Error> {
    match id {
        None => Ok(settings.current_environment()),
        Some(id) => settings
            .environments()
            .into_iter()
            .find(|env| env.id == id)
            .ok_or_else(|| Error::InvalidInput {
                field: "env",
                problem: InputProblem::Unusable {
                    detail: format!("no environment {id:?}; see `lcs env list`"),
                },
            }),
    }
}

/// The CLI reports what a command did itself; session events have no one to tell.
struct Silent;

impl AuthListener for Silent {
    fn auth_changed(&self, _environment: &str, _event: &AuthEvent) {}
}

/// The password from [`PASSWORD_VAR`]; else asked for without echo on a terminal; else the
/// first line of stdin.
fn read_password() -> Result<Secret, Error> {
    if let Ok(password) = std::env::var(PASSWORD_VAR) {
        return Ok(Secret::new(password));
    }
    let unreadable = |error: std::io::Error| Error::InvalidInput {
        field: "password",
        problem: InputProblem::Unusable {
            detail: format!("cannot read the password: {error}"),
        },
    };
    if std::io::stdin().is_terminal() {
        return rpassword::prompt_password("password: ")
            .map(Secret::new)
            .map_err(unreadable);
    }
    let mut line = String::new();
    std::io::stdin()
        .lock()
        .read_line(&mut line)
        .map_err(unreadable)?;
    let password = line.trim_end_matches(['\n', '\r']);
    if password.is_empty() {
        return Err(Error::InvalidInput {
            field: "password",
            problem: InputProblem::Unusable {
                detail: format!(
                    "no password: set {PASSWORD_VAR}, or give it on the first line of stdin"
                ),
            },
        });
    }
    Ok(Secret::new(password))
}

async fn login(
    auth: &Auth,
    family: &LoginFamily,
    password: &Secret,
) -> Result<PublicSession, Error> {
    let password = password.expose().to_owned();
    match family {
        LoginFamily::Customer {
            email,
            phone,
            customer_no,
            phone_area,
        } => {
            let (by, login_name) = match (email, phone, customer_no) {
                (Some(email), _, _) => (CustomerLoginName::Email, email),
                (_, Some(phone), _) => (CustomerLoginName::Phone, phone),
                (_, _, Some(number)) => (CustomerLoginName::CustomerNo, number),
                (None, None, None) => {
                    return Err(Error::InvalidInput {
                        field: "loginName",
                        problem: InputProblem::Unusable {
                            detail: "give --email, --phone or --customer-no".into(),
                        },
                    });
                }
            };
            auth.customer_login(CustomerLogin {
                by,
                login_name: login_name.clone(),
                phone_area: Some(phone_area.clone()),
                password: Some(password),
                code: None,
                remember: true,
            })
            .await
        }
        LoginFamily::UserCenter { account } => {
            auth.user_center_login(UserCenterLogin {
                account: account.clone(),
                password: Some(password),
                code: None,
                remember: true,
            })
            .await
        }
        LoginFamily::Planner { username, phone } => {
            auth.planner_login(PlannerLogin {
                username: username.clone(),
                phone: phone.clone(),
                password,
                remember: true,
            })
            .await
        }
    }
}

/// Serves the sandbox until Ctrl-C or SIGTERM, its address recorded for the sandbox
/// environment meanwhile; its helpers ask for `secret`, or for one it makes and prints.
async fn sandbox(
    port: u16,
    db: Option<PathBuf>,
    secret: Option<String>,
    context: &Context,
    json: bool,
    out: &mut dyn Write,
) -> Result<(), Error> {
    if secret.as_deref() == Some("") {
        return Err(Error::InvalidInput {
            field: "secret",
            problem: InputProblem::Unusable {
                detail: "an empty secret would guard nothing".into(),
            },
        });
    }
    let path = db.unwrap_or_else(|| context.dirs.sandbox_file());
    let storage_error = |source| Error::Storage {
        what: "the sandbox's database",
        path: path.display().to_string(),
        source,
    };
    context.dirs.create()?;
    if let Some(dir) = path.parent().filter(|dir| !dir.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(storage_error)?;
    }
    lcs_core::paths::prepare_database(&path)?;
    let db = lcs_sandbox::Db::open(Some(&path))
        .map_err(|error| storage_error(std::io::Error::other(error.to_string())))?;
    let made_secret = secret.is_none();
    let sandbox = match secret {
        Some(secret) => lcs_sandbox::Sandbox::start_with_secret(db, port, secret).await,
        None => lcs_sandbox::Sandbox::start(db, port).await,
    }
    .map_err(storage_error)?;
    let url = sandbox.base_url();
    context.dirs.write_sandbox_address(&url)?;
    // The first lines on stdout: scripts read the address, and a secret made here, from them.
    let made = made_secret.then(|| sandbox.secret());
    if json {
        let mut started = json!({ "url": url });
        if let Some(secret) = made {
            started["secret"] = Value::from(secret);
        }
        print(out, &started.to_string())?;
    } else {
        print(out, &format!("listening on {url}"))?;
        if let Some(secret) = made {
            print(out, &format!("helper secret: {secret}"))?;
        }
    }
    out.flush().map_err(storage_error)?;
    lcs_sandbox::stop_signal().await;
    context.dirs.clear_sandbox_address(&url);
    sandbox.stop().await.map_err(storage_error)
}

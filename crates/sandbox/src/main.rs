//! `lcs-sandbox --port 0 --db PATH [--secret VALUE]`: serves the sandbox until Ctrl-C or
//! SIGTERM.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;
use lcs_sandbox::{Db, Sandbox};

/// The LCS sandbox backend: all three API families on 127.0.0.1, state in SQLite.
#[derive(Parser)]
#[command(version)]
struct Args {
    /// Port to listen on; 0 picks a free one.
    #[arg(long, default_value_t = 0)]
    port: u16,
    /// SQLite file for the state; without it the state lives in memory and ends with the process.
    #[arg(long)]
    db: Option<PathBuf>,
    /// What the helpers under /__sandbox/ ask for in the x-sandbox-secret header; without it
    /// the sandbox makes one and prints it on its second line.
    #[arg(
        long,
        env = "LCS_SANDBOX_SECRET",
        hide_env_values = true,
        value_name = "VALUE"
    )]
    secret: Option<String>,
}

#[tokio::main]
async fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("LCS_LOG")
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info")),
        )
        .with_writer(std::io::stderr)
        .init();
    let args = Args::parse();
    let db = match Db::open(args.db.as_deref()) {
        Ok(db) => db,
        Err(error) => {
            eprintln!("lcs-sandbox: {error}");
            return ExitCode::FAILURE;
        }
    };
    let made_secret = args.secret.is_none();
    let started = match args.secret {
        Some(secret) => Sandbox::start_with_secret(db, args.port, secret).await,
        None => Sandbox::start(db, args.port).await,
    };
    let sandbox = match started {
        Ok(sandbox) => sandbox,
        Err(error) => {
            eprintln!("lcs-sandbox: cannot serve on port {}: {error}", args.port);
            return ExitCode::FAILURE;
        }
    };
    // The only lines on stdout: scripts read the address, and a secret made here, from them.
    println!("listening on http://{}", sandbox.address());
    if made_secret {
        println!("helper secret: {}", sandbox.secret());
    }
    lcs_sandbox::stop_signal().await;
    match sandbox.stop().await {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("lcs-sandbox: {error}");
            ExitCode::FAILURE
        }
    }
}

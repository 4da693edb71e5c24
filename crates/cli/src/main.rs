//! `lcs`: see the crate's documentation and the README's "Command-line client".

use std::process::ExitCode;

use clap::{CommandFactory, Parser};
use lcs_cli::{Cli, Context, exit, exit_code, run};

#[tokio::main]
async fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("LCS_LOG")
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn")),
        )
        .with_writer(std::io::stderr)
        .init();
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) => return usage_error(&error),
    };
    let context = match Context::from_env() {
        Ok(context) => context,
        Err(error) => {
            eprintln!("lcs: {error}");
            return ExitCode::from(exit_code(&error).max(exit::REFUSED));
        }
    };
    let code = run(
        cli,
        &context,
        &mut std::io::stdout(),
        &mut std::io::stderr(),
    )
    .await;
    ExitCode::from(code)
}

/// Clap's message, with the usage line even where clap leaves it out (a bad `--param`), and
/// its exit code: 2, or 0 for `--help` and `--version`.
fn usage_error(error: &clap::Error) -> ExitCode {
    let _ = error.print();
    let code = error.exit_code();
    let message = error.render().to_string();
    if code != 0 && !message.contains("Usage:") {
        eprintln!("\n{}", Cli::command().render_usage());
    }
    ExitCode::from(u8::try_from(code).unwrap_or(exit::USAGE))
}

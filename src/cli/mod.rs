//! Command-line definitions: global options and one file per subcommand.
//! This is the only layer that sees clap or prints.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};

use crate::config::Overrides;
use crate::context::Context;
use crate::exit;
use crate::output::{Format, Printer};

mod auth;
mod connect;
pub mod ids;
mod listings;
mod market;
mod profiles;
mod progress;
mod sandbox;
mod schedule;
mod sync;
mod watch;

#[derive(Debug, Parser)]
#[command(
    name = "treevu",
    version,
    about = "Sync, price and sell homes and cars on Peru's marketplaces (OLX, Inmuebles24, Autofact)",
    propagate_version = true
)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,
    #[command(subcommand)]
    pub command: Command,
}

/// Options every command shares.
#[derive(Debug, Args, Clone)]
pub struct GlobalArgs {
    /// SQLite database file [default: <data dir>/profiles/<profile>/treevu.db]
    #[arg(long, global = true, env = "TREEVU_DB", value_name = "PATH")]
    pub db: Option<PathBuf>,
    /// Config file [default: $XDG_CONFIG_HOME/treevu/config.toml]
    #[arg(long, global = true, env = "TREEVU_CONFIG", value_name = "PATH")]
    pub config: Option<PathBuf>,
    /// Merchant profile: keeps each merchant's accounts, secrets and data apart
    #[arg(long, global = true, env = "TREEVU_PROFILE", value_name = "NAME")]
    pub profile: Option<String>,
    /// Print data as one JSON document (same as --format json)
    #[arg(long, global = true)]
    pub json: bool,
    /// Output format for data on stdout
    #[arg(long, global = true, value_enum, value_name = "FORMAT")]
    pub format: Option<Format>,
    /// Only errors and warnings on stderr
    #[arg(short, long, global = true)]
    pub quiet: bool,
    /// More detail on stderr (each request: method, path, status, time)
    #[arg(short, long, global = true)]
    pub verbose: bool,
    /// No colour (also with NO_COLOR set)
    #[arg(long, global = true)]
    pub no_color: bool,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Show the listings stored locally (from 'treevu sync')
    Listings(listings::ListingsArgs),
    /// Connect a marketplace account: sign in (OLX, Inmuebles24) or give the API key (Autofact)
    Connect(connect::ConnectArgs),
    /// Connected accounts: status, current token for scripts, logout
    #[command(subcommand)]
    Auth(auth::AuthCommand),
    /// List merchant profiles and where their data lives
    Profiles(profiles::ProfilesArgs),
    /// Market comparables: import CSV files, analyze a listing against its market
    #[command(subcommand)]
    Market(market::MarketCommand),
    /// Pull listings, stats, leads and conversations into the local store
    Sync(sync::SyncArgs),
    /// Print the crontab line or systemd units that run 'treevu sync --due'
    Schedule(schedule::ScheduleArgs),
    /// Stay in the foreground and sync each account when it is due
    Watch(watch::WatchArgs),
    /// Run the built-in marketplace sandbox (the three APIs on loopback)
    #[command(subcommand)]
    Sandbox(sandbox::SandboxCommand),
}

impl GlobalArgs {
    pub fn overrides(&self) -> Overrides {
        Overrides {
            profile: self.profile.clone(),
            config: self.config.clone(),
            db: self.db.clone(),
        }
    }

    pub fn format(&self) -> Format {
        if self.json {
            Format::Json
        } else {
            self.format.unwrap_or(Format::Table)
        }
    }
}

/// Parses the command line, runs the command, and maps the outcome to an exit code.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let printer = Printer::new(
        cli.global.format(),
        cli.global.quiet,
        cli.global.verbose,
        cli.global.no_color,
    );
    let result = Context::new(&cli.global.overrides(), printer.clone())
        .and_then(|ctx| run(cli.command, &ctx));
    match result {
        Ok(code) => exit::to_exit_code(code),
        Err(err) if crate::output::is_broken_pipe(&err) => exit::to_exit_code(exit::OK),
        Err(err) => {
            let code = exit::code_for(&err);
            let prefix = if printer.color {
                "\x1b[31merror:\x1b[0m"
            } else {
                "error:"
            };
            eprintln!("{prefix} {err:#}");
            exit::to_exit_code(code)
        }
    }
}

/// Dispatches to the subcommand; returns the exit code for outcomes that are not errors
/// (e.g. `auth status` finding an account that needs attention).
fn run(command: Command, ctx: &Context) -> anyhow::Result<u8> {
    match command {
        Command::Listings(args) => listings::run(args, ctx),
        Command::Connect(args) => connect::run(args, ctx),
        Command::Auth(cmd) => auth::run(cmd, ctx),
        Command::Profiles(args) => profiles::run(args, ctx),
        Command::Sandbox(cmd) => sandbox::run(cmd, ctx),
        Command::Sync(args) => sync::run(args, ctx),
        Command::Market(cmd) => market::run(cmd, ctx),
        Command::Schedule(args) => schedule::run(args, ctx),
        Command::Watch(args) => watch::run(args, ctx),
    }
}

//! Command-line definitions: global options and one file per subcommand.
//! This is the only layer that sees clap or prints.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, CommandFactory, FromArgMatches, Parser, Subcommand};

use crate::config::Overrides;
use crate::context::Context;
use crate::exit;
use crate::output::{Format, Printer};

mod auth;
mod backtest;
mod completions;
mod connect;
mod conversations;
mod crosslist;
mod delists;
mod demo;
mod estimate;
mod forecast;
pub mod generate;
mod leads;
pub(crate) mod listing;
mod listings;
mod market;
mod merchants;
mod operator;
mod profiles;
mod readiness;
mod recommend;
mod report;
mod sandbox;
mod schedule;
mod shared;
pub(crate) mod sync;
mod twins;
mod valuation;
mod watch;
mod worker;

// Helpers of the command files, not commands: `help` and `ids` keep their
// public paths (`treevu::cli::help`), the others their `super::` ones.
pub use shared::{help, ids};
use shared::{listing_refs, progress};

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

/// Options every command shares; under their own heading so each command's
/// own options are not interleaved with them.
#[derive(Debug, Args, Clone)]
#[command(next_help_heading = "Global options")]
pub struct GlobalArgs {
    /// SQLite database file [default: <data dir>/profiles/<profile>/treevu.db]
    #[arg(long, global = true, env = "TREEVU_DB", value_name = "PATH")]
    pub db: Option<PathBuf>,
    /// PostgreSQL store instead of the SQLite file: postgres://USER:PASSWORD@HOST:PORT/DATABASE (the profile is the merchant)
    #[arg(
        long,
        global = true,
        env = "TREEVU_DATABASE_URL",
        value_name = "URL",
        hide_env_values = true
    )]
    pub database_url: Option<String>,
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
    /// Language of what people read [default: TREEVU_LANG, the config file's lang, then the locale]
    #[arg(long, global = true, value_enum, value_name = "LANG")]
    pub lang: Option<crate::i18n::Lang>,
    /// CSV/TSV: write text exactly, even cells a spreadsheet would run as a formula
    /// (by default a cell starting with = + - @ gets a leading ')
    #[arg(long, global = true)]
    pub exact_cells: bool,
}

/// The subcommands. `display_order` follows the help groups of [`help::GROUPS`]
/// (tens per group), which man pages and completions list in this order too.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Connect a marketplace account: sign in (OLX, Inmuebles24) or give the API key (Autofact)
    #[command(display_order = 10)]
    Connect(connect::ConnectArgs),
    /// Connected accounts: status, current token for scripts, logout
    #[command(subcommand, display_order = 11)]
    Auth(auth::AuthCommand),
    /// List merchant profiles and where their data lives
    #[command(display_order = 12)]
    Profiles(profiles::ProfilesArgs),
    /// Merchants of a PostgreSQL store (--database-url): list, add, remove
    #[command(subcommand, display_order = 13)]
    Merchants(merchants::MerchantsCommand),
    /// The operator of a PostgreSQL store (--database-url): every account's status, rotating the key of the stored secrets
    #[command(subcommand, display_order = 14)]
    Operator(operator::OperatorCommand),
    /// Pull listings, stats, leads and conversations into the local store
    #[command(display_order = 20)]
    Sync(sync::SyncArgs),
    /// Print the crontab line or systemd units that run 'treevu sync --due'
    #[command(display_order = 21)]
    Schedule(schedule::ScheduleArgs),
    /// Stay in the foreground and sync each account when it is due
    #[command(display_order = 22)]
    Watch(watch::WatchArgs),
    /// Sync the due accounts of every merchant of a PostgreSQL store (--database-url), with other workers
    #[command(display_order = 23)]
    Worker(worker::WorkerArgs),
    /// The price to ask for synced listings: recommended price, range, confidence and why
    #[command(display_order = 30)]
    Recommend(recommend::RecommendArgs),
    /// Price homes and cars that are not listed yet, against the market pool
    #[command(display_order = 31)]
    // Boxed: its flags make it far larger than the other variants (clippy::large_enum_variant).
    Estimate(Box<estimate::EstimateArgs>),
    /// Market comparables: import CSV files, analyze a listing against its market
    #[command(subcommand, display_order = 32)]
    Market(market::MarketCommand),
    /// A car's value computed locally, with each factor's contribution
    #[command(display_order = 33)]
    Valuation(valuation::ValuationArgs),
    /// Buyer Readiness Score (0-100, hot/warm/cold) of synced listings
    #[command(display_order = 34)]
    Readiness(readiness::ReadinessArgs),
    /// Expected contacts and time to sale of synced listings
    #[command(display_order = 35)]
    Forecast(forecast::ForecastArgs),
    /// Measure treevu's pricing accuracy on the pool (k-fold) or a labelled file
    #[command(display_order = 36)]
    Backtest(backtest::BacktestArgs),
    /// Show the listings stored locally (from 'treevu sync')
    #[command(display_order = 40)]
    Listings(listings::ListingsArgs),
    /// Change, publish or take down a listing at its marketplace
    #[command(subcommand, display_order = 41)]
    Listing(listing::ListingCommand),
    /// Publish listings on other marketplaces (homes: Inmuebles24 <-> OLX; cars: Autofact <-> OLX), linked as twins
    #[command(display_order = 46)]
    Crosslist(crosslist::CrosslistArgs),
    /// Inmuebles24 leads: who asked about your properties
    #[command(display_order = 42)]
    Leads(leads::LeadsArgs),
    /// OLX conversations: buyers' chats about your listings
    #[command(display_order = 43)]
    Conversations(conversations::ConversationsArgs),
    /// Your portfolio at a glance, ranked by what needs doing (--html for a file with charts)
    #[command(display_order = 44)]
    Report(report::ReportArgs),
    /// Items listed on more than one marketplace: groups, evidence, links, delist policy, stats
    #[command(display_order = 45)]
    Twins(twins::TwinsArgs),
    /// Run the built-in marketplace sandbox (the three APIs on loopback)
    #[command(subcommand, display_order = 50)]
    Sandbox(sandbox::SandboxCommand),
    /// Try treevu end to end against the built-in sandbox: connect, sync, prices, analysis
    #[command(display_order = 51)]
    Demo(demo::DemoArgs),
    /// Print a shell completion script (bash, zsh, fish, powershell, elvish)
    #[command(display_order = 52)]
    Completions(completions::CompletionsArgs),
    /// Write completions/ and docs/man/ (for maintainers; see docs/cli.md)
    #[command(hide = true)]
    GenerateDocs(generate::GenerateDocsArgs),
}

impl GlobalArgs {
    pub fn overrides(&self) -> Overrides {
        Overrides {
            profile: self.profile.clone(),
            config: self.config.clone(),
            db: self.db.clone(),
            database_url: self.database_url.clone(),
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
    let argv: Vec<std::ffi::OsString> = std::env::args_os().collect();
    // Help and parse errors are written while parsing: the language comes first.
    let lang = crate::i18n::select::prescan(&argv, &crate::config::ProcessEnv);
    let matches = match localized_command(lang).try_get_matches_from(&argv) {
        Ok(m) => m,
        Err(e) => return parse_failed(e, lang, &argv),
    };
    if let Some(path) = help::help_path(&matches) {
        return match help_of(lang, &path) {
            Ok(help) => {
                let _ = write!(std::io::stdout(), "{help}");
                exit::to_exit_code(exit::OK)
            }
            Err(e) => parse_failed(e, lang, &argv),
        };
    }
    let cli = match Cli::from_arg_matches(&matches) {
        Ok(cli) => cli,
        Err(e) => return parse_failed(e, lang, &argv),
    };
    let printer = Printer::new(
        cli.global.format(),
        cli.global.quiet,
        cli.global.verbose,
        cli.global.no_color,
    )
    .with_exact_cells(cli.global.exact_cells)
    .with_lang(lang);
    let result = Context::new(&cli.global.overrides(), printer.clone())
        .map(|ctx| ctx.with_request_logger(progress::request_logger(&printer)))
        .and_then(|ctx| run(cli.command, &ctx));
    match result {
        Ok(code) => exit::to_exit_code(code),
        Err(err) if crate::output::is_broken_pipe(&err) => exit::to_exit_code(exit::OK),
        Err(err) => {
            let code = exit::code_for(&err);
            let word = printer.loc.get("error-prefix");
            let prefix = if printer.color {
                format!("\x1b[31m{word}\x1b[0m")
            } else {
                word
            };
            // A closed or full stderr has no one to tell: the exit code still says it.
            let _ = writeln!(
                std::io::stderr(),
                "{prefix} {}",
                crate::output::terminal_safe(&printer.error_text(&err))
            );
            exit::to_exit_code(code)
        }
    }
}

/// A command line clap refused, worded in `lang` (exit 2, as clap's own);
/// help and version are printed by clap.
fn parse_failed(e: clap::Error, lang: crate::i18n::Lang, argv: &[std::ffi::OsString]) -> ExitCode {
    let color = !argv.iter().any(|a| a == "--no-color")
        && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        && std::io::stderr().is_terminal();
    let loc = crate::i18n::Localizer::shared(lang);
    match shared::parse_error::render(&e, &loc, color) {
        Some(text) => {
            let _ = write!(std::io::stderr(), "{text}");
            exit::to_exit_code(exit::USAGE)
        }
        None => e.exit(),
    }
}

/// `treevu help sync status`: the help of that command, as clap's `help`
/// sub-command gives it, or the command it does not know.
fn help_of(lang: crate::i18n::Lang, path: &[String]) -> Result<String, clap::Error> {
    let mut at = localized_command(lang);
    at.build();
    for name in path {
        let Some(sub) = at.find_subcommand(name).cloned() else {
            let mut e = clap::Error::new(clap::error::ErrorKind::InvalidSubcommand).with_cmd(&at);
            e.insert(
                clap::error::ContextKind::InvalidSubcommand,
                clap::error::ContextValue::String(name.clone()),
            );
            return Err(e);
        };
        at = sub;
    }
    Ok(at.render_long_help().to_string())
}

/// The clap command with the grouped top-level help: what parses the command
/// line and what completions and man pages are generated from.
pub fn command() -> clap::Command {
    let cmd = Cli::command();
    let template = help::template(&cmd);
    cmd.help_template(template)
}

/// [`command`] with its descriptions and help in `lang` (sub-command and flag
/// names never change).
pub fn localized_command(lang: crate::i18n::Lang) -> clap::Command {
    localized_command_with(lang, true)
}

/// [`localized_command`], with or without the `help` sub-commands.
pub fn localized_command_with(lang: crate::i18n::Lang, help_command: bool) -> clap::Command {
    let loc = crate::i18n::Localizer::shared(lang);
    let cmd = help::localize_with(Cli::command(), &loc, &[], help_command);
    let template = help::template_in(&cmd, &loc);
    cmd.help_template(template)
}

/// Dispatches to the subcommand; returns the exit code for outcomes that are not errors
/// (e.g. `auth status` finding an account that needs attention).
fn run(command: Command, ctx: &Context) -> anyhow::Result<u8> {
    // With --database-url, nothing may fall back to the SQLite file: every
    // command that has a store refuses until its operations are ported
    // (`sync` opens either store, and refuses what it cannot do there).
    if !matches!(
        command,
        Command::Sandbox(_)
            | Command::Demo(_)
            | Command::Completions(_)
            | Command::GenerateDocs(_)
            | Command::Merchants(_)
            | Command::Sync(_)
            | Command::Operator(_)
            // The account rows and the secret store: the database's on PostgreSQL.
            | Command::Connect(_)
            | Command::Auth(_)
            | Command::Worker(_)
            // Read commands whose store operations both engines have.
            | Command::Listings(_)
            | Command::Leads(_)
            | Command::Conversations(_)
            | Command::Readiness(_)
            // Priced against the merchant's pool, or the built-in figures.
            | Command::Recommend(_)
            | Command::Forecast(_)
            | Command::Valuation(_)
            | Command::Market(market::MarketCommand::Analyze(_))
    ) {
        ctx.sqlite_only()?;
    }
    match command {
        Command::Listings(args) => listings::run(args, ctx),
        Command::Connect(args) => connect::run(args, ctx),
        Command::Auth(cmd) => auth::run(cmd, ctx),
        Command::Profiles(args) => profiles::run(args, ctx),
        Command::Merchants(cmd) => merchants::run(cmd, ctx),
        Command::Operator(cmd) => operator::run(cmd, ctx),
        Command::Sandbox(cmd) => sandbox::run(cmd, ctx),
        Command::Demo(args) => demo::run(args, ctx),
        Command::Report(args) => report::run(args, ctx),
        Command::Twins(args) => twins::run(args, ctx),
        Command::Crosslist(args) => crosslist::run(args, ctx),
        Command::Sync(args) => sync::run(args, ctx),
        Command::Worker(args) => worker::run(args, ctx),
        Command::Market(cmd) => market::run(cmd, ctx),
        Command::Estimate(args) => estimate::run(*args, ctx),
        Command::Recommend(args) => recommend::run(args, ctx),
        Command::Valuation(args) => valuation::run(args, ctx),
        Command::Readiness(args) => readiness::run(args, ctx),
        Command::Forecast(args) => forecast::run(args, ctx),
        Command::Backtest(args) => backtest::run(args, ctx),
        Command::Schedule(args) => schedule::run(args, ctx),
        Command::Watch(args) => watch::run(args, ctx),
        Command::Listing(cmd) => listing::run(cmd, ctx),
        Command::Leads(args) => leads::run(args, ctx),
        Command::Conversations(args) => conversations::run(args, ctx),
        Command::Completions(args) => completions::run(args, ctx),
        Command::GenerateDocs(args) => generate::run(args, ctx),
    }
}

//! treevu: marketplace sync and pricing for merchants selling homes and cars in Peru.
//!
//! The binary (`src/main.rs`) is a thin edge over this library:
//!
//! - [`cli`]: clap definitions, one file per subcommand; the only place that prints.
//! - [`context`]: settings, store and secret store, resolved once per run.
//! - [`config`]: config file + `TREEVU_*` environment + defaults.
//! - [`output`]: printer (data on stdout, status on stderr), tables, JSON/CSV.
//! - [`store`]: the SQLite file (WAL, migrations) and queries.
//! - [`marketplaces`]: typed clients for OLX, Inmuebles24 and Autofact.
//! - [`pricing`]: comparables, models, intervals, readiness, forecasts (pure, no I/O).
//! - [`explain`]: the optional LLM rationale of `recommend --explain`, validated against
//!   treevu's interval before it is used.
//! - [`market`]: the CSV files of market comparables.
//! - [`sandbox`]: the built-in implementation of the three APIs on loopback.
//! - [`report`]: the portfolio ranked by what needs doing, and its HTML rendering.
//! - [`writeback`]: changes sent to a marketplace (price, title, status, new listings,
//!   removals), validated first and mirrored in the store.
//! - [`twins`]: one item on several marketplaces: detection, links, crosslisting,
//!   auto-delist when a twin sells, and how each copy does.
//! - [`domain`]: marketplaces, currencies, money, operations and property types,
//!   timestamps, and the APIs' wire types (the `treevu-domain` crate).
//! - [`i18n`]: the interface in Spanish (Peru) and English: catalogs, language choice.
//! - [`exit`]: the exit codes, and the one function that maps errors to them.
//!
//! Data flows CLI → context → core (store, marketplaces, sync, pricing) → values
//! and typed errors → printer and exit code. The core never prints.

pub mod auth;
pub mod cli;
pub mod config;
pub mod context;
/// The vocabulary is the `treevu-domain` crate (crates/domain); this keeps its paths.
pub use treevu_domain as domain;
pub mod exit;
pub mod explain;
pub mod i18n;
pub mod import;
pub mod marketplaces;
pub mod net;
pub mod output;
/// The engine is the `treevu-pricing` crate (crates/pricing); this keeps its paths.
pub mod pool;
pub mod pricing;
pub mod report;
/// The built-in marketplaces are the `treevu-sandbox` crate (crates/sandbox).
pub use treevu_sandbox as sandbox;
pub mod store;
pub mod sync;
pub mod twins;
pub mod writeback;

/// The exit code a core error asks for, if it is one of ours that has one.
pub(crate) fn exit_status_of(err: &(dyn std::error::Error + 'static)) -> Option<u8> {
    use exit::ExitStatus;
    if let Some(e) = err.downcast_ref::<marketplaces::ApiError>() {
        return Some(e.exit_code());
    }
    if let Some(e) = err.downcast_ref::<sync::SyncError>() {
        return Some(e.exit_code());
    }
    if let Some(e) = err.downcast_ref::<writeback::WritebackError>() {
        return Some(e.exit_code());
    }
    if let Some(e) = err.downcast_ref::<auth::AuthError>() {
        return Some(e.exit_code());
    }
    if let Some(e) = err.downcast_ref::<twins::TwinsError>() {
        return Some(e.exit_code());
    }
    if let Some(e) = err.downcast_ref::<store::StoreError>() {
        return Some(e.exit_code());
    }
    if let Some(e) = err.downcast_ref::<auth::SecretError>() {
        return Some(e.exit_code());
    }
    None
}

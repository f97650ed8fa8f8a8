//! Pricing through the binary: import, estimate, recommend, explain, forecasts.

#[path = "../support/mod.rs"]
mod support;

mod explain;
mod forecast_history;
mod pricing_cli;

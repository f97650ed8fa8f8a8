//! The built-in sandbox over real HTTP: endpoints, paging, OAuth, faults, determinism, the
//! CLI that serves it, and its conformance to docs/marketplaces.openapi.yaml.

#[path = "../support/mod.rs"]
mod support;

mod cli;
mod determinism;
mod endpoints;
mod faults;
mod oauth;
mod openapi;
mod paging;

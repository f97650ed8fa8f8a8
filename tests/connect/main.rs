//! `treevu connect`, refresh and the secret stores, with the test acting as the browser
//! and a real Secret Service (run through `scripts/test`).

#[path = "../support/mod.rs"]
mod support;

mod oauth;
mod postgres;
mod refresh;
mod secrets;

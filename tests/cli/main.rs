//! The `treevu` binary end to end against a sandbox on 127.0.0.1: output, sync, faults,
//! write-back, reports, the demo, the generated files, the two languages, and the layout
//! of the tests.

#[path = "../support/mod.rs"]
mod support;

mod database_url;
mod demo;
mod faults;
mod generated;
mod lang;
mod layout;
mod merchants;
mod operator_key;
mod operator_status;
mod output;
mod postgres_reads;
mod report;
mod sync;
mod worker;
mod writeback;

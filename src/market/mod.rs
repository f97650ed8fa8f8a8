//! Market data: reading the CSV schema of `docs/pricing.md` (the shared Lima
//! properties and used-car files) into pool rows, for `market import` and
//! `estimate --input`; what the pool accepts and how its rows are stored,
//! de-duplicated and fed by sync.

pub mod convert;
pub mod csv_file;
pub mod dedup;
pub mod feed;
pub mod models;
pub mod pool;
pub mod rules;

pub use csv_file::{CsvBatch, ImportError, Kind, read_csv};

//! Market data files: reading the CSV schema of `docs/pricing.md` (the shared
//! Lima properties and used-car files) into pool rows, for `market import`
//! and `estimate --input`.

pub mod csv_file;

pub use csv_file::{CsvBatch, ImportError, Kind, read_csv};

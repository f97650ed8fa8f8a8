//! `treevu market import` / `estimate --input`: a CSV file of properties or vehicles.
#![no_main]

use libfuzzer_sys::fuzz_target;
use treevu::import::Kind;
use treevu::import::parse_csv;

fuzz_target!(|data: &[u8]| {
    for kind in [Kind::Property, Kind::Vehicle] {
        for priced in [true, false] {
            let _ = parse_csv(data, "fuzz.csv", kind, priced);
        }
    }
});

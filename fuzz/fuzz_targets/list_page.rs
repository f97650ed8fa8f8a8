//! A marketplace list answer: the envelope, then each record parsed and
//! validated on its own, for every wire type the sync pages through.
#![no_main]

use libfuzzer_sys::fuzz_target;
use treevu::domain::Marketplace;
use treevu::marketplaces::records::{parse_page, parse_record};
use treevu::marketplaces::types::{AutofactVehicle, Inmuebles24Property, OlxListing};

fuzz_target!(|data: &[u8]| {
    let _ = parse_page::<OlxListing>(Marketplace::Olx, data);
    let _ = parse_page::<Inmuebles24Property>(Marketplace::Inmuebles24, data);
    let _ = parse_page::<AutofactVehicle>(Marketplace::Autofact, data);
    // One record on its own, as follow-ups and quarantine re-checks read them.
    if let Ok(v) = serde_json::from_slice::<serde_json::Value>(data) {
        let _ = parse_record::<OlxListing>(v.clone());
        let _ = parse_record::<Inmuebles24Property>(v.clone());
        let _ = parse_record::<AutofactVehicle>(v);
    }
});

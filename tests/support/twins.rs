//! The twin pairs `treevu twins --json` shows; the twins benchmark loads this
//! file too (`#[path]`), so the tests and the benchmark read the output alike.

use std::collections::BTreeSet;

/// Each group's links as (a, b) pairs, the two listing ids in order.
pub fn shown_pairs(groups: &serde_json::Value) -> BTreeSet<(String, String)> {
    groups
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|g| g["links"].as_array().unwrap().clone())
        .map(|l| {
            let mut p = [
                l["a"].as_str().unwrap().to_string(),
                l["b"].as_str().unwrap().to_string(),
            ];
            p.sort();
            (p[0].clone(), p[1].clone())
        })
        .collect()
}

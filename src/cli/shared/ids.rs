//! Listing ids from arguments or, with `-`, from stdin (one per line), for pipelines.

use std::io::BufRead;

use crate::domain::ListingRef;
use crate::i18n::Localized;
use crate::msg;

/// Expands `-` into the ids read from stdin and parses each as `<marketplace>:<id>`.
pub fn read_listing_refs(args: &[String]) -> anyhow::Result<Vec<ListingRef>> {
    let mut raw = Vec::new();
    for a in args {
        if a == "-" {
            for line in std::io::stdin().lock().lines() {
                let line = line?;
                let t = line.trim();
                if !t.is_empty() && !t.starts_with('#') {
                    raw.push(t.to_string());
                }
            }
        } else {
            raw.push(a.clone());
        }
    }
    raw.iter()
        .map(|s| {
            s.parse::<ListingRef>()
                .map_err(|e| Localized::usage(msg!("error-bad-listing-ref", text = &e.0)))
        })
        .collect()
}

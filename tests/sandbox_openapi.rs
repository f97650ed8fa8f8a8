//! The OpenAPI document describes exactly the routes the sandbox serves: a route added
//! to or removed from one and not the other fails here.

use std::collections::BTreeSet;

use treevu::sandbox::ROUTES;

/// `(METHOD, path)` of every operation under `paths:`, read from the YAML's layout
/// (paths at two spaces, methods at four), which the file keeps for this reason.
fn documented() -> BTreeSet<(String, String)> {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/docs/marketplaces.openapi.yaml"
    ))
    .expect("docs/marketplaces.openapi.yaml");
    let mut in_paths = false;
    let mut path: Option<String> = None;
    let mut ops = BTreeSet::new();
    for line in text.lines() {
        if !line.starts_with(' ') && !line.is_empty() && !line.starts_with('#') {
            in_paths = line == "paths:";
            continue;
        }
        if !in_paths {
            continue;
        }
        if let Some(p) = line.strip_prefix("  /").and_then(|l| l.strip_suffix(':')) {
            path = Some(format!("/{p}"));
        } else if let Some(m) = line
            .strip_prefix("    ")
            .and_then(|l| l.split(':').next())
            .filter(|m| ["get", "post", "put", "delete", "patch"].contains(m))
        {
            ops.insert((
                m.to_uppercase(),
                path.clone().expect("a method before any path"),
            ));
        }
    }
    ops
}

#[test]
fn openapi_paths_match_the_served_routes() {
    let served: BTreeSet<(String, String)> = ROUTES
        .iter()
        .map(|(_, m, p)| (m.to_string(), p.to_string()))
        .collect();
    let docs = documented();
    let missing: Vec<_> = served.difference(&docs).collect();
    let extra: Vec<_> = docs.difference(&served).collect();
    assert!(missing.is_empty(), "served but not documented: {missing:?}");
    assert!(extra.is_empty(), "documented but not served: {extra:?}");
    assert_eq!(docs.len(), 37);
}

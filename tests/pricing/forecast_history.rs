//! `treevu forecast` fitted on the sandbox's history ranks listings that sold sooner as
//! faster: the real binary syncs a churning sandbox, forecasts every listing it stored,
//! and the test scores the predicted medians against the days each listing was observed
//! on the market (Harrell's concordance, events = sold, rented or removed).

use crate::support;

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use serde_json::Value;
use support::{Harness, stderr, stdout};
use treevu::sandbox::SandboxOptions;

fn json(out: &std::process::Output) -> Value {
    assert_eq!(out.status.code(), Some(0), "stderr: {}", stderr(out));
    serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("stdout is JSON ({e}): {}", stdout(out)))
}

fn time(v: &Value) -> Option<DateTime<Utc>> {
    v.as_str()
        .and_then(|s| DateTime::parse_from_rfc3339(s).ok())
        .map(|t| t.with_timezone(&Utc))
}

/// Harrell's C: over pairs where the shorter time is an event, the share where that
/// listing has the higher risk (ties ½).
fn concordance(times: &[f64], events: &[bool], risk: &[f64]) -> (f64, usize) {
    let (mut num, mut den) = (0.0, 0usize);
    for i in 0..times.len() {
        if !events[i] {
            continue;
        }
        for j in 0..times.len() {
            if times[i] < times[j] {
                den += 1;
                if risk[i] > risk[j] {
                    num += 1.0;
                } else if risk[i] == risk[j] {
                    num += 0.5;
                }
            }
        }
    }
    (num / den.max(1) as f64, den)
}

/// The days a user would count for a listing from `treevu listings --json`: from
/// `createdAt` to the close the marketplace reported (`updatedAt` of a sold, rented or
/// removed listing), to when treevu saw it go (`removedAt`), or to now while it is up.
fn observed(l: &Value, now: DateTime<Utc>) -> (f64, bool) {
    let created = time(&l["createdAt"]).expect("createdAt");
    let status = l["status"].as_str().unwrap_or("");
    let removed = time(&l["removedAt"]);
    let closed = matches!(status, "sold" | "rented" | "removed");
    let end = match (closed, removed) {
        (_, Some(r)) if status == "removed" => r,
        (true, _) => time(&l["updatedAt"]).expect("updatedAt of a closed listing"),
        (false, Some(r)) => r,
        (false, None) => now,
    };
    let days = ((end - created).num_seconds() as f64 / 86_400.0).max(0.1);
    (days, closed || removed.is_some())
}

#[test]
fn forecast_on_churned_history_ranks_sooner_sales_as_faster() {
    let h = Harness::new(SandboxOptions {
        listings: 150,
        market: 3000,
        churn: true,
        workers: 4,
        ..SandboxOptions::default()
    });
    // A full sync brings the listings and the market pool; the next runs see churn
    // close, reprice and add listings.
    for _ in 0..3 {
        let out = h.run(&["sync", "--all", "--json"]);
        assert_eq!(out.status.code(), Some(0), "stderr: {}", stderr(&out));
    }
    let pool = h.count("SELECT count(*) FROM market_pool");
    assert!(pool > 100, "the sync filled the market pool ({pool} rows)");

    let listed = json(&h.run(&["listings", "--json", "--all"]));
    let listed = listed.as_array().expect("a list of listings");
    assert!(listed.len() >= 450, "{} listings stored", listed.len());
    let now = Utc::now();

    let ids: Vec<&str> = listed.iter().map(|l| l["id"].as_str().unwrap()).collect();
    let out = support::output_with_stdin(h.cmd(&["forecast", "-", "--json"]), &ids.join("\n"));
    let forecasts = json(&out);
    let forecasts: HashMap<&str, &Value> = forecasts
        .as_array()
        .expect("a list of forecasts")
        .iter()
        .map(|f| (f["id"].as_str().unwrap(), f))
        .collect();
    assert_eq!(forecasts.len(), ids.len(), "one forecast per listing");

    let (mut times, mut events, mut risk) = (Vec::new(), Vec::new(), Vec::new());
    for l in listed {
        let id = l["id"].as_str().unwrap();
        let f = forecasts[id];
        assert_eq!(
            f["timeToSale"]["fromPrior"], false,
            "{id}: fitted, not the prior: {}",
            f["timeToSale"]["note"]
        );
        let (days, ended) = observed(l, now);
        // treevu counts the same days on market the listing shows.
        let shown = f["daysActive"].as_f64().unwrap();
        assert!(
            (shown - days).abs() <= 0.1,
            "{id} ({}): daysActive {shown} vs {days:.2} observed",
            l["status"]
        );
        times.push(days);
        events.push(ended);
        risk.push(-f["timeToSale"]["medianDays"].as_f64().unwrap());
    }
    let ended = events.iter().filter(|e| **e).count();
    let share = ended as f64 / events.len() as f64;
    assert!(
        (0.25..0.55).contains(&share),
        "a third or so of the history closed: {ended} of {}",
        events.len()
    );
    let (c, pairs) = concordance(&times, &events, &risk);
    // The same among closed listings only (no censoring), for the log.
    let closed: Vec<usize> = (0..times.len()).filter(|&i| events[i]).collect();
    let pick = |v: &[f64]| closed.iter().map(|&i| v[i]).collect::<Vec<_>>();
    let (c_closed, _) = concordance(&pick(&times), &vec![true; closed.len()], &pick(&risk));
    eprintln!(
        "concordance {c:.3} over {pairs} comparable pairs ({c_closed:.3} among closed ones), \
         {} listings, {ended} closed, pool {pool}",
        times.len()
    );
    assert!(c >= 0.70, "C = {c:.3} over {pairs} pairs");
}

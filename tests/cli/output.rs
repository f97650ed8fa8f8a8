//! What a merchant or a script sees: listings as JSON and CSV with the
//! documented fields, ids from stdin, leads and conversations after a sync,
//! the grouped help, and a pipe closed early.

use crate::support;

use std::io::{BufRead, BufReader, Write};
use std::process::Stdio;

use serde_json::Value;
use support::{Harness, json_out, stderr, stdout};
use treevu::sandbox::SandboxOptions;

fn synced(listings: usize) -> Harness {
    let h = Harness::new(SandboxOptions {
        listings,
        market: 50,
        workers: 4,
        ..SandboxOptions::default()
    });
    let out = h.run(&["sync", "--all", "--quiet"]);
    assert_eq!(out.status.code(), Some(0), "sync: {}", stderr(&out));
    h
}

/// The fields docs/cli.md promises for every listing.
const LISTING_FIELDS: &[&str] = &[
    "id",
    "marketplace",
    "remoteId",
    "kind",
    "title",
    "price",
    "currency",
    "status",
    "district",
    "views",
    "contacts",
    "favorites",
    "firstSeenAt",
    "lastSeenAt",
];

#[test]
fn listings_json_and_csv_parse_and_carry_the_documented_fields() {
    let h = synced(12);
    let stored = h.count("SELECT count(*) FROM listings WHERE removed_at IS NULL") as usize;
    assert!(stored > 0);

    let out = h.run(&["listings", "--json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let rows = json_out(&out);
    let rows = rows.as_array().expect("a JSON array");
    assert_eq!(rows.len(), stored);
    for r in rows {
        for f in LISTING_FIELDS {
            assert!(r.get(*f).is_some(), "field {f} missing in {r}");
        }
        let id = r["id"].as_str().unwrap();
        assert_eq!(
            id,
            format!(
                "{}:{}",
                r["marketplace"].as_str().unwrap(),
                r["remoteId"].as_str().unwrap()
            )
        );
        assert!(r["price"].as_f64().unwrap() > 0.0);
        assert!(["PEN", "USD"].contains(&r["currency"].as_str().unwrap()));
    }

    let out = h.run(&["listings", "--format", "csv"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let mut csv = csv::Reader::from_reader(out.stdout.as_slice());
    let headers: Vec<String> = csv.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(
        headers,
        [
            "id",
            "title",
            "price",
            "status",
            "district",
            "views",
            "contacts",
            "favorites"
        ]
    );
    let records: Vec<csv::StringRecord> = csv.records().map(Result::unwrap).collect();
    assert_eq!(records.len(), stored);
    let json_ids: Vec<&str> = rows.iter().map(|r| r["id"].as_str().unwrap()).collect();
    for rec in &records {
        assert!(
            json_ids.contains(&&rec[0]),
            "csv id {} is a listing",
            &rec[0]
        );
        rec[2]
            .parse::<f64>()
            .expect("price is a plain number in CSV");
    }

    let out = h.run(&["listings", "--format", "jsonl"]);
    let lines: Vec<Value> = stdout(&out)
        .lines()
        .map(|l| serde_json::from_str(l).expect("one JSON object per line"))
        .collect();
    assert_eq!(lines.len(), stored);
}

#[test]
fn ids_are_read_from_stdin_with_a_dash() {
    let h = synced(12);
    let olx: Vec<String> = h
        .conn()
        .prepare(
            "SELECT remote_id FROM listings WHERE marketplace = 'olx' ORDER BY remote_id LIMIT 1",
        )
        .unwrap()
        .query_map([], |r| r.get::<_, String>(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    let id = format!("olx:{}", olx[0]);
    let mut child = h
        .cmd(&[
            "listing",
            "update",
            "-",
            "--price",
            "1234.50",
            "--dry-run",
            "--json",
        ])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    writeln!(child.stdin.take().unwrap(), "# one id per line\n{id}").unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let doc = json_out(&out);
    assert_eq!(doc["path"], format!("/olx/v2/listings/{}", olx[0]));
    assert_eq!(doc["body"]["price"], 1234.5);

    // Several ids: conversations of exactly those listings.
    let mut child = h
        .cmd(&["conversations", "-", "--json"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    writeln!(child.stdin.take().unwrap(), "{id}\n").unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    for c in json_out(&out).as_array().unwrap() {
        assert_eq!(c["listing"], id.as_str());
    }

    // A bad id on stdin is a usage error naming it.
    let mut child = h
        .cmd(&["leads", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    writeln!(child.stdin.take().unwrap(), "not-an-id").unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("'not-an-id' is not a listing id"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn leads_and_conversations_show_what_sync_stored() {
    let h = synced(30);
    let stored_leads = h.count("SELECT count(*) FROM leads");
    let stored_convs = h.count("SELECT count(*) FROM conversations");
    assert!(stored_leads > 0, "sync stored leads");
    assert!(stored_convs > 0, "sync stored conversations");

    let out = h.run(&["leads", "--json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let leads = json_out(&out);
    let leads = leads.as_array().unwrap();
    assert_eq!(leads.len() as i64, stored_leads);
    for l in leads {
        for f in [
            "id",
            "listing",
            "listingTitle",
            "name",
            "email",
            "phone",
            "message",
            "createdAt",
        ] {
            assert!(l.get(f).is_some(), "lead field {f} missing: {l}");
        }
        assert!(l["listing"].as_str().unwrap().starts_with("inmuebles24:"));
    }

    // One listing's leads, fetched fresh from the API.
    let listing = leads[0]["listing"].as_str().unwrap().to_string();
    let before = h.requests("inmuebles24");
    let out = h.run(&["leads", &listing, "--json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        h.requests("inmuebles24") > before,
        "fresh leads were fetched"
    );
    let mine = json_out(&out);
    assert!(!mine.as_array().unwrap().is_empty());
    assert!(
        mine.as_array()
            .unwrap()
            .iter()
            .all(|l| l["listing"] == listing.as_str())
    );

    let out = h.run(&["conversations", "--json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let convs = json_out(&out);
    let convs = convs.as_array().unwrap();
    assert_eq!(convs.len() as i64, stored_convs);
    for c in convs {
        for f in [
            "id",
            "listing",
            "buyerName",
            "lastMessage",
            "lastMessageAt",
            "unread",
            "messageCount",
        ] {
            assert!(c.get(f).is_some(), "conversation field {f} missing: {c}");
        }
    }

    // The table has the documented headers.
    let out = h.run(&["conversations"]);
    assert!(stdout(&out).contains("Buyer"), "{}", stdout(&out));

    // Leads are an Inmuebles24 thing: an OLX id is a usage error that says where to look.
    let out = h.run(&["leads", convs[0]["listing"].as_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("treevu conversations"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_pipe_closed_early_exits_0_quietly() {
    // Enough listings that the JSON outgrows a pipe buffer (64 KiB).
    let h = synced(250);
    for args in [vec!["listings", "--json"], vec!["listings"]] {
        let mut child = h
            .cmd(&args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut first = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut first)
            .unwrap();
        // The reader is dropped here: like `treevu listings | head -1`.
        let out = child.wait_with_output().unwrap();
        assert!(!first.is_empty());
        assert_eq!(out.status.code(), Some(0), "{args:?}: {}", stderr(&out));
        assert!(
            !stderr(&out).contains("error") && !stderr(&out).contains("panicked"),
            "{args:?}: {}",
            stderr(&out)
        );
    }
}

/// A title that retitles the terminal window, clears the screen and reverses
/// the text after it; and one a spreadsheet would run.
const HOSTILE: &str = "Casa \x1b]0;pwned\x07 en \x1b[2J Surco \u{202e}gpj.exe";
const FORMULA: &str = "=cmd|' /C calc'!A0 Toyota";

/// What the sandbox serves (another seller, the marketplace itself) is untrusted:
/// tables and status lines show its control characters escaped, JSON keeps them
/// exactly, and CSV/TSV cells a spreadsheet would run get a leading `'`.
#[test]
fn hostile_titles_are_escaped_for_terminals_and_neutralised_for_spreadsheets() {
    let h = synced(8);
    let creds = h.sandbox.credentials();
    let token = |name: &str| h.token(name);
    let http = reqwest::blocking::Client::new();
    let olx_id = h.remote_ids("olx")[0].clone();
    let car_id = h.remote_ids("autofact")[0].clone();
    let put = http
        .put(format!("{}/olx/v2/listings/{olx_id}", h.base))
        .bearer_auth(token("TREEVU_OLX_TOKEN"))
        .header("X-API-Key", &creds.olx.api_key)
        .json(&serde_json::json!({ "title": HOSTILE }))
        .send()
        .unwrap();
    assert!(put.status().is_success(), "{}", put.text().unwrap());
    let put = http
        .put(format!("{}/autofact/v1/vehicles/{car_id}", h.base))
        .header("X-API-Key", token("TREEVU_AUTOFACT_API_KEY"))
        .json(&serde_json::json!({ "title": FORMULA }))
        .send()
        .unwrap();
    assert!(put.status().is_success(), "{}", put.text().unwrap());
    let out = h.run(&["sync", "--all", "--quiet"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));

    let raw = |t: &str| t.contains('\x1b') || t.contains('\x07') || t.contains('\u{202e}');
    let table = h.run(&["listings"]);
    assert_eq!(table.status.code(), Some(0), "{}", stderr(&table));
    assert!(!raw(&stdout(&table)), "{}", stdout(&table));
    assert!(
        stdout(&table).contains("\\x1b]0;pwned\\x07")
            && stdout(&table).contains("\\u{202e}gpj.exe"),
        "escaped, not dropped: {}",
        stdout(&table)
    );

    let json = json_out(&h.run(&["listings", "--json"]));
    let title = |id: &str| {
        json.as_array()
            .unwrap()
            .iter()
            .find(|r| r["id"] == id)
            .map(|r| r["title"].as_str().unwrap().to_string())
            .unwrap()
    };
    assert_eq!(title(&format!("olx:{olx_id}")), HOSTILE, "JSON stays exact");
    assert_eq!(title(&format!("autofact:{car_id}")), FORMULA);

    for format in ["csv", "tsv"] {
        let out = stdout(&h.run(&["listings", "--format", format]));
        assert!(out.contains(&format!("'{FORMULA}")), "{format}: {out}");
        let exact = stdout(&h.run(&["listings", "--format", format, "--exact-cells"]));
        assert!(
            exact.contains(FORMULA) && !exact.contains(&format!("'{FORMULA}")),
            "{exact}"
        );
    }

    // Old → new lines of a change, on stderr.
    let id = format!("olx:{olx_id}");
    let out = h.run(&[
        "listing",
        "update",
        &id,
        "--title",
        "Casa en Surco",
        "--dry-run",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(!raw(&stderr(&out)), "{}", stderr(&out));
    assert!(stderr(&out).contains("\\x1b[2J Surco"), "{}", stderr(&out));
    let out = h.run(&["recommend", &id, "--apply", "--force", "--dry-run"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        !raw(&stderr(&out)) && !raw(&stdout(&out)),
        "{}",
        stderr(&out)
    );
    assert!(stderr(&out).contains("\\x1b[2J Surco"), "{}", stderr(&out));

    // An id echoed by estimate.
    let out = h.run(&support::toyota_2019("Yaris", "40000", &["--id", HOSTILE]));
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(!raw(&stdout(&out)), "{}", stdout(&out));
    assert!(stdout(&out).contains("\\x1b]0;pwned"), "{}", stdout(&out));
}

/// Status lines, `-v` request lines and the final error line all go to a
/// stderr that takes nothing (`2>/dev/full`): the exit code is still the
/// documented one, never a panic's 101.
#[test]
fn a_full_stderr_never_panics_and_the_exit_code_stays_documented() {
    let h = synced(30);
    for (args, code) in [
        (vec!["sync", "--all"], 0),
        (vec!["-v", "sync", "olx"], 0),
        (vec!["-v", "listings", "--format", "csv"], 0),
        (vec!["recommend", "olx:no-such-listing"], 1),
        (vec!["listings", "--no-such-flag"], 2),
    ] {
        let full = std::fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .unwrap();
        let out = h
            .cmd(&args)
            .stdout(Stdio::piped())
            .stderr(Stdio::from(full))
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(code), "{args:?}");
    }
}

#[test]
fn help_groups_every_visible_command_exactly_once() {
    let cmd = treevu::cli::command();
    let groups = treevu::cli::help::GROUPS;
    let visible: Vec<String> = cmd
        .get_subcommands()
        .filter(|s| !s.is_hide_set())
        .map(|s| s.get_name().to_string())
        .collect();
    assert!(visible.len() >= 10, "{visible:?}");
    for name in &visible {
        let n = groups
            .iter()
            .filter(|(_, names)| names.contains(&name.as_str()))
            .count();
        assert_eq!(
            n, 1,
            "'{name}' is in {n} help groups; add it to exactly one in src/cli/shared/help.rs GROUPS"
        );
    }

    let out = std::process::Command::new(env!("CARGO_BIN_EXE_treevu"))
        .arg("--help")
        .env("NO_COLOR", "1")
        .env("TREEVU_LANG", "en")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let help = stdout(&out);
    assert!(!help.contains(treevu::cli::help::OTHER), "{help}");
    // Each command is listed under its own group's heading.
    for (title, names) in groups {
        let present: Vec<&str> = names
            .iter()
            .copied()
            .filter(|n| visible.iter().any(|v| v == n))
            .collect();
        if present.is_empty() {
            continue;
        }
        let start = help
            .find(&format!("\n{title}:\n"))
            .unwrap_or_else(|| panic!("no '{title}:' heading in help:\n{help}"));
        let section = &help[start + title.len() + 3..];
        let section = &section[..section.find("\n\n").unwrap_or(section.len())];
        for n in present {
            assert!(
                section
                    .lines()
                    .any(|l| l.split_whitespace().next() == Some(n)),
                "'{n}' not under '{title}':\n{help}"
            );
        }
    }
}

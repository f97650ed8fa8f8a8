//! `treevu recommend --explain` end to end against the sandbox's fake model
//! (`/llm/v1/chat/completions`): a good answer replaces only the rationale, broken and
//! out-of-range answers are rejected with the reason and treevu's own rationale stays,
//! no configuration is a clear error, and the key shows up nowhere.

use crate::support;

use serde_json::Value;
use support::{Harness, files_under, stderr, stdout};
use treevu::sandbox::SandboxOptions;

/// A harness with a synced store (listings and the market pool).
fn synced() -> Harness {
    let h = Harness::new(SandboxOptions {
        listings: 8,
        market: 60,
        workers: 4,
        ..SandboxOptions::default()
    });
    let out = h.run(&["sync", "--all", "--quiet"]);
    assert_eq!(out.status.code(), Some(0), "sync: {}", stderr(&out));
    h
}

/// An active synced home, as `recommend` names it.
fn a_home(h: &Harness) -> String {
    let id: String = h
        .conn()
        .query_row(
            "SELECT remote_id FROM listings WHERE marketplace = 'inmuebles24' AND kind = 'property' \
             AND status = 'active' AND removed_at IS NULL ORDER BY remote_id LIMIT 1",
            [],
            |r| r.get(0),
        )
        .expect("a synced home");
    format!("inmuebles24:{id}")
}

fn llm_key(h: &Harness) -> String {
    h.sandbox.credentials().llm.api_key.clone()
}

fn llm_calls(h: &Harness) -> u64 {
    h.requests("llm")
}

/// `recommend <id> --json [--explain]` with the sandbox model in `model`'s mode.
fn recommend(h: &Harness, id: &str, model: Option<&str>, extra: &[&str]) -> std::process::Output {
    let mut args = vec!["recommend", id, "--json"];
    args.extend_from_slice(extra);
    let mut c = h.cmd(&args);
    if let Some(m) = model {
        c.env("TREEVU_LLM_URL", format!("{}/llm/v1", h.base))
            .env("TREEVU_LLM_MODEL", m)
            .env("TREEVU_LLM_API_KEY", llm_key(h));
    }
    c.output().unwrap()
}

fn one(out: &std::process::Output) -> Value {
    assert_eq!(out.status.code(), Some(0), "stderr: {}", stderr(out));
    let v: Value = serde_json::from_str(&stdout(out)).expect("JSON on stdout");
    v.as_array().expect("an array")[0].clone()
}

const NUMBERS: [&str; 5] = [
    "recommendedPrice",
    "minPrice",
    "maxPrice",
    "confidence",
    "marketEstimate",
];

#[test]
fn good_broken_and_out_of_range_answers() {
    let h = synced();
    let id = a_home(&h);
    let base = one(&recommend(&h, &id, None, &[]));
    assert_eq!(base["rationaleSource"], "treevu");
    assert_eq!(llm_calls(&h), 0, "no --explain, no call");

    // Good: the model's rationale in the language asked (Spanish here), treevu's numbers.
    let out = recommend(
        &h,
        &id,
        Some("sandbox-good"),
        &["--explain", "--lang", "es"],
    );
    let good = one(&out);
    assert_eq!(good["rationaleSource"], "llm", "{good}");
    for k in NUMBERS {
        assert_eq!(good[k], base[k], "{k} is treevu's");
    }
    let why = good["rationale"].as_str().unwrap();
    assert!(why.contains("rango estadístico"), "{why}");
    assert_ne!(good["rationale"], base["rationale"]);
    assert_eq!(good["llm"]["model"], "sandbox-good");
    let rec = good["llm"]["recommendedPrice"].as_f64().unwrap();
    assert!(rec >= base["minPrice"].as_f64().unwrap() && rec <= base["maxPrice"].as_f64().unwrap());
    assert!(!stderr(&out).contains("warning"), "{}", stderr(&out));
    assert_eq!(llm_calls(&h), 1);
    // Asked in English, the model answers in English; the numbers are treevu's all the same.
    let english = one(&recommend(
        &h,
        &id,
        Some("sandbox-good"),
        &["--explain", "--lang", "en"],
    ));
    assert_eq!(english["rationaleSource"], "llm", "{english}");
    let why = english["rationale"].as_str().unwrap();
    assert!(
        why.contains("statistical range") && !why.contains("rango"),
        "{why}"
    );
    for k in NUMBERS {
        assert_eq!(english[k], base[k], "{k} is treevu's");
    }

    // Broken: not JSON → a note on stderr, treevu's rationale, exit 0.
    let out = recommend(&h, &id, Some("sandbox-broken"), &["--explain"]);
    let broken = one(&out);
    assert_eq!(broken["rationaleSource"], "treevu");
    assert_eq!(broken["rationale"], base["rationale"]);
    for k in NUMBERS {
        assert_eq!(broken[k], base[k]);
    }
    assert!(broken.get("llm").is_none());
    let err = stderr(&out);
    assert!(
        err.contains(&format!(
            "warning: the LLM answer was rejected (the answer is not JSON); using treevu's own rationale for {id}"
        )),
        "{err}"
    );

    // Out of range: rejected with the reason.
    let out = recommend(&h, &id, Some("sandbox-out-of-range"), &["--explain"]);
    let oor = one(&out);
    assert_eq!(oor["rationaleSource"], "treevu");
    assert_eq!(oor["rationale"], base["rationale"]);
    assert_eq!(oor["recommendedPrice"], base["recommendedPrice"]);
    let err = stderr(&out);
    assert!(
        err.contains(
            "warning: the LLM answer was rejected (recommended price outside the interval"
        ),
        "{err}"
    );
    assert!(err.contains("using treevu's own rationale"), "{err}");

    // A percentage confidence is normalised, and says so with -v.
    let out = recommend(&h, &id, Some("sandbox-percent"), &["--explain", "-v"]);
    let pct = one(&out);
    assert_eq!(pct["rationaleSource"], "llm");
    let c = pct["llm"]["confidence"].as_f64().unwrap();
    assert!((0.0..=1.0).contains(&c), "{c}");
    assert!(stderr(&out).contains("percentage"), "{}", stderr(&out));

    // A server error is a warning too; the command still succeeds.
    let out = recommend(&h, &id, Some("sandbox-error"), &["--explain"]);
    assert_eq!(one(&out)["rationaleSource"], "treevu");
    assert!(stderr(&out).contains("HTTP 500"), "{}", stderr(&out));

    // A wrong key: refused, never echoed.
    let out = h
        .cmd(&["recommend", &id, "--json", "--explain"])
        .env("TREEVU_LLM_URL", format!("{}/llm/v1", h.base))
        .env("TREEVU_LLM_MODEL", "sandbox-good")
        .env("TREEVU_LLM_API_KEY", "sk-wrong-0123456789abcdef")
        .output()
        .unwrap();
    assert_eq!(one(&out)["rationaleSource"], "treevu");
    let err = stderr(&out);
    assert!(err.contains("refused the key"), "{err}");
    assert!(!err.contains("sk-wrong-0123456789abcdef"), "{err}");
}

#[test]
fn without_configuration_explain_says_how_and_fails() {
    let h = Harness::new(SandboxOptions {
        listings: 2,
        market: 5,
        workers: 2,
        ..SandboxOptions::default()
    });
    let out = h.run(&["recommend", "inmuebles24:whatever", "--explain"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stdout(&out).is_empty());
    let err = stderr(&out);
    assert!(
        err.contains("set TREEVU_LLM_URL and TREEVU_LLM_MODEL (or [llm] url/model in config.toml) and store the key with 'treevu auth llm-key'"),
        "{err}"
    );
    // Half a configuration is no configuration.
    let out = h
        .cmd(&["recommend", "inmuebles24:whatever", "--explain"])
        .env("TREEVU_LLM_URL", format!("{}/llm/v1", h.base))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("TREEVU_LLM_MODEL"));
    // A key must not travel over plain HTTP to another machine.
    let out = h
        .cmd(&["recommend", "inmuebles24:whatever", "--explain"])
        .env("TREEVU_LLM_URL", "http://llm.example.com/v1")
        .env("TREEVU_LLM_MODEL", "m")
        .env("TREEVU_LLM_API_KEY", "sk-abcdefghijklmnop")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("https://"), "{}", stderr(&out));
    assert!(!stderr(&out).contains("sk-abcdefghijklmnop"));
    assert_eq!(llm_calls(&h), 0);
}

/// The key saved with `auth llm-key --stdin` (OS keyring, its own profile) is used,
/// and appears in no output, `-v` included, and in no file under HOME.
#[test]
fn the_saved_key_is_used_and_never_shown() {
    let h = synced();
    let id = a_home(&h);
    let key = llm_key(&h);
    let profile = format!("llm-{}-{:08x}", std::process::id(), rand::random::<u32>());
    let run = |args: &[&str], stdin: Option<&str>| {
        let mut c = h.cmd(args);
        c.env("TREEVU_PROFILE", &profile)
            .env("TREEVU_LLM_URL", format!("{}/llm/v1", h.base))
            .env("TREEVU_LLM_MODEL", "sandbox-good");
        // The keyring lives in the D-Bus session scripts/test starts.
        for k in ["DBUS_SESSION_BUS_ADDRESS", "XDG_RUNTIME_DIR"] {
            if let Ok(v) = std::env::var(k) {
                c.env(k, v);
            }
        }
        match stdin {
            Some(text) => support::output_with_stdin(c, text),
            None => c.output().unwrap(),
        }
    };
    let mut outputs = Vec::new();
    let saved = run(&["auth", "llm-key", "--stdin"], Some(&format!("{key}\n")));
    assert_eq!(saved.status.code(), Some(0), "{}", stderr(&saved));
    assert!(
        stderr(&saved).contains(&format!("llm:{profile}")),
        "{}",
        stderr(&saved)
    );
    outputs.push(saved);

    let out = run(&["recommend", &id, "--json", "--explain", "-v"], None);
    assert_eq!(one(&out)["rationaleSource"], "llm", "{}", stderr(&out));
    assert!(
        stderr(&out).contains("from the secret store"),
        "{}",
        stderr(&out)
    );
    outputs.push(out);
    let out = run(&["recommend", &id, "--explain", "-v"], None);
    assert_eq!(out.status.code(), Some(0));
    outputs.push(out);

    for o in &outputs {
        assert!(!stdout(o).contains(&key), "key on stdout");
        assert!(!stderr(o).contains(&key), "key on stderr");
    }
    for f in files_under(h.home.path()) {
        let bytes = std::fs::read(&f).unwrap_or_default();
        assert!(
            !String::from_utf8_lossy(&bytes).contains(&key),
            "key in {}",
            f.display()
        );
    }

    let gone = run(&["auth", "llm-key", "--delete"], None);
    assert_eq!(gone.status.code(), Some(0), "{}", stderr(&gone));
    // Without a key the sandbox refuses; the recommendation keeps treevu's rationale.
    let out = run(&["recommend", &id, "--json", "--explain"], None);
    assert_eq!(one(&out)["rationaleSource"], "treevu");
    assert!(stderr(&out).contains("refused the key"), "{}", stderr(&out));
}

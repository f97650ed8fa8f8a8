//! `treevu report` after a sandbox sync: an overpriced listing ranks first with
//! its suggested price; `--html` is one self-contained file that renders in
//! headless Chromium.

use crate::support;

use std::io::Write;
use std::process::Command;
use std::time::Duration;

use support::{Harness, stderr, stdout};
use treevu::sandbox::SandboxOptions;

/// A synced harness with an Inmuebles24 home priced at 3× its market.
fn overpriced() -> (Harness, String) {
    let h = Harness::new(SandboxOptions {
        listings: 10,
        market: 300,
        ..SandboxOptions::default()
    });
    let out = h.run(&["sync", "--all"]);
    assert!(out.status.success(), "sync: {}", stderr(&out));
    let (remote, district, op, ptype, price_minor, area): (String, String, String, String, i64, f64) = h
        .conn()
        .query_row(
            "SELECT remote_id, district, operation, property_type, price_minor, area_m2 FROM listings \
             WHERE marketplace = 'inmuebles24' AND kind = 'property' AND status = 'active' \
             AND removed_at IS NULL AND district IS NOT NULL AND area_m2 > 0 ORDER BY remote_id LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?)),
        )
        .expect("an active Inmuebles24 home");
    let market = price_minor as f64 / 100.0;
    // A small pool around the listing's own market: same district, operation and type.
    let csv = h.home.path().join("pool.csv");
    let mut f = std::fs::File::create(&csv).unwrap();
    writeln!(f, "id,source,operation,property_type,title,price,currency,area_m2,bedrooms,bathrooms,district,city").unwrap();
    for i in 0..40 {
        let k = 0.85 + (i % 7) as f64 * 0.05;
        let a = area * (0.9 + (i % 5) as f64 * 0.05);
        writeln!(
            f,
            "t{i},test,{op},{ptype},Comparable {i},{:.0},PEN,{a:.0},2,2,{district},Lima",
            market * k * a / area
        )
        .unwrap();
    }
    drop(f);
    let out = h.run(&[
        "market",
        "import",
        "--kind",
        "property",
        csv.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "import: {}", stderr(&out));
    let id = format!("inmuebles24:{remote}");
    let high = format!("{:.0}", market * 3.0);
    let out = h.run(&["listing", "update", &id, "--price", &high, "--yes"]);
    assert!(out.status.success(), "update: {}", stderr(&out));
    (h, id)
}

#[test]
fn report_ranks_the_overpriced_listing_first_and_renders_html() {
    let (h, id) = overpriced();

    // JSON: the listing is among the first rows, to be repriced, with its suggestion.
    let out = h.run(&["report", "--json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let items = v["items"].as_array().unwrap();
    let pos = items
        .iter()
        .position(|i| i["id"] == id.as_str())
        .expect("listed");
    // Ranked behind nothing that needs it less: every listing above it is a reprice
    // asking even more above its market. (The seeded twins put the OLX copy of a
    // mispriced Inmuebles24 home beside the original, so "first three" no longer holds.)
    let own = items[pos]["priceDifferencePercent"].as_f64().unwrap();
    for above in &items[..pos] {
        assert_eq!(above["action"], "reprice", "{above}");
        assert!(
            above["priceDifferencePercent"].as_f64().unwrap() >= own,
            "{above} ranks above a listing {own}% over its market"
        );
    }
    assert!(pos < 5, "ranked {pos}");
    let it = &items[pos];
    assert_eq!(it["action"], "reprice");
    let suggested = it["suggestion"]["price"]
        .as_f64()
        .expect("a suggested price");
    let price = it["price"].as_f64().unwrap();
    assert!(
        suggested > 0.0 && suggested < price / 2.0,
        "{suggested} vs {price}"
    );
    assert!(it["priceDifferencePercent"].as_f64().unwrap() > 100.0);
    assert!(v["sync"].as_array().unwrap().len() >= 3);
    // The seeded twins: each item compared across its marketplaces.
    let twins = v["twins"].as_array().expect("a twins section");
    assert!(!twins.is_empty());
    for t in twins {
        let copies = t["twins"].as_array().unwrap();
        assert!(copies.len() >= 2, "{t}");
        let ms: std::collections::HashSet<&str> = copies
            .iter()
            .map(|c| c["marketplace"].as_str().unwrap())
            .collect();
        assert_eq!(ms.len(), copies.len(), "one copy per marketplace: {t}");
        if let Some(best) = t["best"].as_str() {
            let top = copies
                .iter()
                .map(|c| c["contactsPerDay"].as_f64().unwrap())
                .fold(0.0, f64::max);
            let b = copies.iter().find(|c| c["id"] == best).unwrap();
            assert_eq!(b["contactsPerDay"].as_f64().unwrap(), top, "{t}");
        }
    }

    // Terminal: the table shows it near the top with bars and the suggested price.
    let out = h.run(&["report"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let so = stdout(&out);
    let first_rows: String = so.lines().take(10).collect::<Vec<_>>().join("\n");
    assert!(first_rows.contains(&id), "{so}");
    assert!(first_rows.contains("reprice"), "{so}");
    assert!(so.contains('█') && so.contains("Sync health"), "{so}");
    assert!(so.contains("Where your items do best"), "{so}");
    let shown = format!("{:.0}", suggested);
    let grouped: String = {
        let d = shown.as_bytes();
        let mut s = String::new();
        for (i, c) in d.iter().enumerate() {
            if i > 0 && (d.len() - i).is_multiple_of(3) {
                s.push(',');
            }
            s.push(*c as char);
        }
        s
    };
    assert!(
        first_rows.contains(&grouped),
        "suggested {grouped} in {first_rows}"
    );

    // HTML: self-contained, with SVG charts, and Chromium renders it.
    let html = h.home.path().join("report.html");
    let out = h.run(&["report", "--html", html.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = std::fs::read_to_string(&html).unwrap();
    assert!(text.contains("<svg"), "inline SVG");
    assert!(text.contains(&id));
    assert!(
        !text.contains("http://") && !text.contains("https://"),
        "no network references"
    );
    assert!(!text.contains("<script"), "no scripts");
    render_in_chromium(&html);
}

/// Screenshots `html` with headless Chromium and checks the PNG is a real picture.
fn render_in_chromium(html: &std::path::Path) {
    let chromium = ["chromium", "chromium-browser"]
        .into_iter()
        .find(|c| Command::new(c).arg("--version").output().is_ok_and(|o| o.status.success()))
        .unwrap_or_else(|| {
            panic!("chromium is not installed: install it (Debian: 'apt-get install -y chromium'; .ci/run does this) to check the HTML report renders")
        });
    let tmp = tempfile::tempdir().unwrap();
    let png = tmp.path().join("r.png");
    let mut child = Command::new(chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ])
        .arg(format!(
            "--user-data-dir={}",
            tmp.path().join("profile").display()
        ))
        .arg(format!("--screenshot={}", png.display()))
        .arg("--window-size=1200,1600")
        .arg(format!("file://{}", html.display()))
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let deadline = std::time::Instant::now() + Duration::from_secs(90);
    loop {
        if child.try_wait().unwrap().is_some() {
            break;
        }
        if std::time::Instant::now() > deadline {
            let _ = child.kill();
            panic!("chromium did not finish within 90 s");
        }
        std::thread::sleep(Duration::from_millis(200));
    }
    let bytes = std::fs::read(&png).expect("chromium wrote a screenshot");
    assert!(
        bytes.len() > 20_000,
        "screenshot too small: {} bytes",
        bytes.len()
    );
    assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n", "a PNG");
    // Width and height from IHDR; compressed pixel data well above a blank page's.
    let be = |i: usize| u32::from_be_bytes(bytes[i..i + 4].try_into().unwrap());
    assert_eq!((be(16), be(20)), (1200, 1600));
    let mut idat = 0usize;
    let mut i = 8;
    while i + 8 <= bytes.len() {
        let len = be(i) as usize;
        if &bytes[i + 4..i + 8] == b"IDAT" {
            idat += len;
        }
        i += 12 + len;
    }
    // A single-colour 1200×1600 page compresses to a few kilobytes.
    assert!(
        idat > 20_000,
        "the page looks blank ({idat} bytes of pixel data)"
    );
}

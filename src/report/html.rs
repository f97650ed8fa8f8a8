//! The report as one self-contained HTML file: inline CSS and inline SVG
//! charts, no script and nothing fetched from the network.

use std::fmt::Write;

use super::{Action, HealthNote, Point, Report, ReportItem, Suggestion};
use crate::domain::Currency;
use crate::i18n::{Arg, Localizer, Msg};
use crate::msg;

/// Listings drawn with their charts.
const DETAILED: usize = 6;

const CSS: &str = r#"
:root{--ink:#1f2933;--muted:#667085;--line:#e4e7ec;--bg:#f7f8fa;--card:#fff;--red:#d92d20;--green:#079455;--amber:#dc6803;--blue:#1570ef}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--ink);font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
main{max-width:1120px;margin:0 auto;padding:28px 24px 48px}
h1{font-size:24px;margin:0 0 4px}
h2{font-size:17px;margin:32px 0 12px}
.sub{color:var(--muted);margin:0 0 18px}
.chips{display:flex;flex-wrap:wrap;gap:10px}
.chip{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:10px 14px;min-width:150px}
.chip b{display:block;font-size:22px}
.chip span{color:var(--muted);font-size:12px}
table{width:100%;border-collapse:collapse;background:var(--card);border:1px solid var(--line);border-radius:10px;overflow:hidden}
th,td{padding:7px 10px;border-bottom:1px solid var(--line);text-align:left;vertical-align:top}
th{background:#f2f4f7;font-size:12px;color:var(--muted);font-weight:600}
td.num{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}
tr:last-child td{border-bottom:0}
.badge{display:inline-block;border-radius:999px;padding:1px 9px;font-size:12px;font-weight:600;white-space:nowrap}
.reprice{background:#fee4e2;color:var(--red)}.follow-up{background:#d1e9ff;color:var(--blue)}
.attend{background:#fef0c7;color:var(--amber)}.raise{background:#d1fadf;color:var(--green)}.ok{background:#f2f4f7;color:var(--muted)}
.up{color:var(--red)}.down{color:var(--green)}
.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(520px,1fr));gap:14px}
.card{background:var(--card);border:1px solid var(--line);border-radius:12px;padding:14px 16px}
.card h3{font-size:15px;margin:0 0 2px}
.card .meta{color:var(--muted);font-size:12px;margin-bottom:6px}
.card .why{font-size:13px;margin:6px 0 4px}
.label{font-size:11px;color:var(--muted);text-transform:uppercase;letter-spacing:.04em;margin-top:8px}
svg{display:block;width:100%;height:auto}
.healthy{color:var(--green);font-weight:600}.unhealthy{color:var(--red);font-weight:600}
footer{color:var(--muted);font-size:12px;margin-top:32px}
"#;

/// Escapes text for HTML content and attributes.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// `S/ 1,234,500` or `US$ 20,900`: whole units, as merchants read prices.
pub fn money(v: f64, c: Currency) -> String {
    crate::domain::Money::from_major_f64(v.round(), c)
        .map(|m| m.display())
        .unwrap_or_else(|_| format!("{} {v}", c.symbol()))
}

fn compact(v: f64) -> String {
    let a = v.abs();
    if a >= 1e6 {
        format!("{:.2}M", v / 1e6)
    } else if a >= 1e4 {
        format!("{:.0}k", v / 1e3)
    } else if a >= 1e3 {
        format!("{:.1}k", v / 1e3)
    } else {
        format!("{v:.0}")
    }
}

/// Table headers in `loc`'s language (the tables' own header ids), escaped.
fn ths(loc: &Localizer, headers: &[&str]) -> String {
    headers
        .iter()
        .map(|h| {
            let words = loc
                .lookup(&crate::output::header_id(h))
                .unwrap_or_else(|| h.to_string());
            format!("<th>{}</th>", esc(&words))
        })
        .collect()
}

/// The report as one self-contained page, its words in `loc`'s language
/// (`<html lang>` says which); the data is escaped.
pub fn render(r: &Report, loc: &Localizer) -> String {
    let mut h = String::new();
    let _ = write!(
        h,
        "<!DOCTYPE html>\n<html lang=\"{}\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">\
         <title>{}</title><style>{CSS}</style></head><body><main>",
        loc.lang().code(),
        esc(&loc.get("report-html-title"))
    );
    let _ = write!(
        h,
        "<h1>{}</h1><p class=\"sub\">{}</p>",
        esc(&loc.get("report-html-h1")),
        esc(&loc.text(&msg!("report-html-sub", at = loc.when(&r.generated_at))))
    );
    let reprice = r
        .items
        .iter()
        .filter(|i| i.action == Action::Reprice)
        .count();
    let hot = r
        .items
        .iter()
        .filter(|i| i.action == Action::Attend)
        .count();
    let unhealthy = r.sync.iter().filter(|s| !s.healthy).count();
    h.push_str("<div class=\"chips\">");
    for (n, what) in [
        (r.items.len().to_string(), "report-chip-listings"),
        (reprice.to_string(), "report-chip-above"),
        (hot.to_string(), "report-chip-hot"),
        (r.new_leads.len().to_string(), "report-chip-leads"),
        (
            r.conversations.len().to_string(),
            "report-chip-conversations",
        ),
        (
            if r.sync.is_empty() {
                "—".to_string()
            } else if unhealthy == 0 {
                "ok".to_string()
            } else {
                loc.text(&msg!("report-chip-issues", count = unhealthy))
            },
            "report-chip-sync",
        ),
    ] {
        let _ = write!(
            h,
            "<div class=\"chip\"><b>{}</b><span>{}</span></div>",
            esc(&n),
            esc(&loc.get(what))
        );
    }
    h.push_str("</div>");

    h.push_str(&format!(
        "<h2>{}</h2><div class=\"cards\">",
        esc(&loc.get("report-html-most-urgent"))
    ));
    for it in r
        .items
        .iter()
        .filter(|i| i.suggestion.is_some())
        .take(DETAILED)
    {
        card(&mut h, it, loc);
    }
    h.push_str("</div>");
    h.push_str(&format!(
        "<h2>{}</h2><table><tr>{}</tr>",
        esc(&loc.get("report-html-everything-ranked-by-what-needs-doing")),
        ths(
            loc,
            &[
                "#",
                "Action",
                "Listing",
                "Asking",
                "Suggested",
                "vs market",
                "Readiness",
                "Why"
            ]
        )
    ));
    for (i, it) in r.items.iter().enumerate().take(40) {
        let diff = it
            .price_difference_percent
            .map(|d| {
                let cls = if d > 0.0 { "up" } else { "down" };
                format!("<span class=\"{cls}\">{d:+.0}%</span>")
            })
            .unwrap_or_default();
        let _ = write!(
            h,
            "<tr><td class=\"num\">{}</td><td>{}</td><td><b>{}</b><br><span class=\"sub\">{}</span></td>\
             <td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{diff}</td><td class=\"num\">{} {}</td><td>{}</td></tr>",
            i + 1,
            badge(it.action, loc),
            esc(&it.id),
            esc(&it.title),
            money(it.price, it.currency),
            it.suggestion
                .as_ref()
                .map(|s| money(s.price, it.currency))
                .unwrap_or_else(|| "—".into()),
            it.readiness_score,
            esc(&loc
                .lookup(&format!("band-{}", it.readiness_band))
                .unwrap_or_else(|| it.readiness_band.clone())),
            esc(&loc.text(&reason_msg(it)))
        );
    }
    h.push_str("</table>");

    h.push_str(&format!(
        "<h2>{}</h2>",
        esc(&loc.get("report-html-new-leads-since-the-last-sync"))
    ));
    if r.new_leads.is_empty() {
        let _ = write!(
            h,
            "<p class=\"sub\">{}</p>",
            esc(&loc.get("report-html-no-leads"))
        );
    } else {
        h.push_str(&format!(
            "<table><tr>{}</tr>",
            ths(loc, &["When", "Listing", "Who", "Message"])
        ));
        for l in r.new_leads.iter().take(50) {
            let _ = write!(
                h,
                "<tr><td>{}</td><td>{}:{}</td><td>{}</td><td>{}</td></tr>",
                esc(&loc.when(&l.created_at)),
                l.marketplace,
                esc(&l.listing),
                esc(&l.name),
                esc(l.message.as_deref().unwrap_or(""))
            );
        }
        h.push_str("</table>");
    }
    h.push_str(&format!(
        "<h2>{}</h2>",
        esc(&loc.get("report-html-conversations-waiting"))
    ));
    if r.conversations.is_empty() {
        let _ = write!(
            h,
            "<p class=\"sub\">{}</p>",
            esc(&loc.get("report-html-no-conversations"))
        );
    } else {
        h.push_str(&format!(
            "<table><tr>{}</tr>",
            ths(
                loc,
                &["Last message", "Listing", "Buyer", "Unread", "Message"]
            )
        ));
        for c in r.conversations.iter().take(50) {
            let _ = write!(
                h,
                "<tr><td>{}</td><td>{}:{}</td><td>{}</td><td class=\"num\">{}</td><td>{}</td></tr>",
                esc(&loc.when(&c.last_message_at)),
                c.marketplace,
                esc(&c.listing),
                esc(&c.buyer_name),
                c.unread,
                esc(c.last_message.as_deref().unwrap_or(""))
            );
        }
        h.push_str("</table>");
    }
    if !r.twins.is_empty() {
        h.push_str(&format!(
            "<h2>{}</h2><table><tr>{}</tr>",
            esc(&loc.get("report-html-where-your-items-do-best")),
            ths(
                loc,
                &[
                    "Item",
                    "Listing",
                    "Days",
                    "Views/day",
                    "Contacts/day",
                    "Favs/day",
                    ""
                ]
            )
        ));
        for it in &r.twins {
            for t in &it.twins {
                let best = it.best.as_deref() == Some(t.id.as_str());
                let _ = write!(
                    h,
                    "<tr><td>{}</td><td>{}</td><td class=\"num\">{:.1}</td><td class=\"num\">{:.2}</td><td class=\"num\">{:.2}</td><td class=\"num\">{:.2}</td><td>{}</td></tr>",
                    esc(&it.title),
                    esc(&t.id),
                    t.days,
                    t.views_per_day,
                    t.contacts_per_day,
                    t.favorites_per_day,
                    if best { "best" } else { "" }
                );
            }
        }
        h.push_str("</table>");
    }
    h.push_str(&format!(
        "<h2>{}</h2><table><tr>{}</tr>",
        esc(&loc.get("report-html-sync-health")),
        ths(
            loc,
            &[
                "Marketplace",
                "Last run",
                "Outcome",
                "Fetched",
                "Last success",
                "Status"
            ]
        )
    ));
    for s in &r.sync {
        let _ = write!(
            h,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td class=\"num\">{}</td><td>{}</td><td class=\"{}\">{}</td></tr>",
            s.marketplace.display_name(),
            esc(&s
                .last_run
                .as_deref()
                .map(|t| loc.when(t))
                .unwrap_or_else(|| loc.get("report-html-never"))),
            esc(s.outcome.as_deref().unwrap_or("—")),
            s.fetched.map(|f| f.to_string()).unwrap_or_default(),
            esc(&s
                .last_success_at
                .as_deref()
                .map(|t| loc.when(t))
                .unwrap_or_else(|| loc.get("report-html-never"))),
            if s.healthy { "healthy" } else { "unhealthy" },
            esc(&loc.text(&health_msg(&s.note)))
        );
    }
    // The commands stay code: placeholders in the escaped text become <code>.
    let footer = esc(&loc.text(&msg!(
        "report-html-footer",
        recommend = "\u{1}",
        apply = "\u{2}"
    )))
    .replace(
        '\u{1}',
        &format!("<code>{}</code>", esc("treevu recommend <id>")),
    )
    .replace(
        '\u{2}',
        &format!("<code>{}</code>", esc("treevu recommend <id> --apply")),
    );
    let _ = writeln!(h, "</table><footer>{footer}</footer></main></body></html>");
    h
}

fn badge(a: Action, loc: &Localizer) -> String {
    let cls = match a {
        Action::Reprice => "reprice",
        Action::FollowUp => "follow-up",
        Action::Attend => "attend",
        Action::Raise => "raise",
        Action::Ok => "ok",
    };
    let label = loc
        .lookup(&format!("action-{}", a.label().replace(' ', "-")))
        .unwrap_or_else(|| a.label().to_string());
    format!("<span class=\"badge {cls}\">{}</span>", esc(&label))
}

/// The reason of a report row in a few words, in `loc`'s language (the
/// table of `treevu report` and the HTML report; JSON has the English `reason`).
pub fn reason_msg(it: &ReportItem) -> Msg {
    let d = it.price_difference_percent;
    match (it.action, d) {
        (Action::Reprice, Some(d)) => {
            msg!("report-reason-reprice", percent = Arg::Share(d / 100.0))
        }
        (Action::Raise, Some(d)) => msg!("report-reason-raise", percent = Arg::Share(-d / 100.0)),
        (Action::FollowUp, _) => msg!(
            "report-reason-follow-up",
            leads = it.new_leads,
            unread = it.unread_conversations
        ),
        (Action::Attend, _) => msg!("report-reason-hot", score = it.readiness_score),
        (_, Some(d)) => msg!("report-reason-ok", percent = Arg::SignedPercent(d)),
        (_, None) => Msg::new("report-reason-no-suggestion"),
    }
}

/// An account's sync health in words.
pub fn health_msg(n: &HealthNote) -> Msg {
    match n {
        HealthNote::NeverSynced(m) => msg!("report-health-never", marketplace = m.as_str()),
        HealthNote::LastRun { outcome, error } => match error {
            Some(e) => msg!("report-health-last-run", outcome = outcome, error = e),
            None => msg!("report-health-last-run-see-status", outcome = outcome),
        },
        HealthNote::Stale { marketplace, hours } => msg!(
            "report-health-stale",
            marketplace = marketplace.as_str(),
            hours = *hours
        ),
        HealthNote::Ok => Msg::new("report-health-ok"),
    }
}

fn card(h: &mut String, it: &ReportItem, loc: &Localizer) {
    let _ = write!(
        h,
        "<div class=\"card\"><h3>{} {}</h3><div class=\"meta\">{} · {}</div><div class=\"why\">{}</div>",
        badge(it.action, loc),
        esc(&it.title),
        esc(&it.id),
        it.marketplace.display_name(),
        esc(&loc.text(&reason_msg(it)))
    );
    if let Some(s) = &it.suggestion {
        let _ = write!(
            h,
            "<div class=\"label\">{}</div>",
            esc(&loc.get("report-html-price-against-comparables"))
        );
        h.push_str(&price_strip(it.price, s, it.currency, loc));
    }
    let _ = write!(
        h,
        "<div class=\"label\">{}</div>",
        esc(&loc.get("report-html-views-over-time"))
    );
    h.push_str(&engagement_line(&it.engagement, loc));
    h.push_str("</div>");
}

fn quantile(sorted: &[f64], q: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let pos = q * (sorted.len() - 1) as f64;
    let (i, f) = (pos.floor() as usize, pos.fract());
    let next = sorted[(i + 1).min(sorted.len() - 1)];
    sorted[i] + (next - sorted[i]) * f
}

/// A strip plot of the comparables' prices with their box (quartiles, median),
/// the suggested range and price, and the asking price.
pub fn price_strip(price: f64, s: &Suggestion, c: Currency, loc: &Localizer) -> String {
    let (w, hgt, left, right) = (520.0, 118.0, 14.0, 506.0);
    let mut comps: Vec<f64> = s
        .comparable_prices
        .iter()
        .copied()
        .filter(|p| p.is_finite() && *p > 0.0)
        .collect();
    comps.sort_by(f64::total_cmp);
    let all = comps.iter().copied().chain([price, s.min, s.max, s.price]);
    let (lo, hi) = all.fold((f64::INFINITY, f64::NEG_INFINITY), |(l, h), v| {
        (l.min(v), h.max(v))
    });
    let pad = ((hi - lo) * 0.06).max(1.0);
    let (lo, hi) = (lo - pad, hi + pad);
    let x = |v: f64| left + (v - lo) / (hi - lo) * (right - left);
    let mut g = format!(
        "<svg viewBox=\"0 0 {w} {hgt}\" role=\"img\" aria-label=\"{}\">",
        esc(&loc.get("report-svg-asking-against-comparables"))
    );
    // The suggested range.
    let _ = write!(
        g,
        "<rect x=\"{:.1}\" y=\"22\" width=\"{:.1}\" height=\"56\" fill=\"#d1fadf\" rx=\"4\"/>",
        x(s.min),
        (x(s.max) - x(s.min)).max(1.0)
    );
    let axis = 86.0;
    let _ = write!(
        g,
        "<line x1=\"{left}\" y1=\"{axis}\" x2=\"{right}\" y2=\"{axis}\" stroke=\"#98a2b3\"/>"
    );
    if comps.len() >= 2 {
        let (q1, med, q3) = (
            quantile(&comps, 0.25),
            quantile(&comps, 0.5),
            quantile(&comps, 0.75),
        );
        let (mn, mx) = (comps[0], comps[comps.len() - 1]);
        let _ = write!(
            g,
            "<line x1=\"{:.1}\" y1=\"50\" x2=\"{:.1}\" y2=\"50\" stroke=\"#667085\"/>\
             <rect x=\"{:.1}\" y=\"38\" width=\"{:.1}\" height=\"24\" fill=\"#ffffff\" fill-opacity=\"0.6\" stroke=\"#475467\"/>\
             <line x1=\"{:.1}\" y1=\"38\" x2=\"{:.1}\" y2=\"62\" stroke=\"#1f2933\" stroke-width=\"2\"/>",
            x(mn),
            x(mx),
            x(q1),
            (x(q3) - x(q1)).max(1.0),
            x(med),
            x(med)
        );
    }
    for (i, p) in comps.iter().enumerate() {
        let jitter = [-7.0, 3.0, -2.0, 7.0, 0.0, -5.0, 5.0][i % 7];
        let _ = write!(
            g,
            "<circle cx=\"{:.1}\" cy=\"{:.1}\" r=\"3.2\" fill=\"#1570ef\" fill-opacity=\"0.55\"/>",
            x(*p),
            50.0 + jitter
        );
    }
    let _ = write!(
        g,
        "<line x1=\"{0:.1}\" y1=\"18\" x2=\"{0:.1}\" y2=\"{axis}\" stroke=\"#079455\" stroke-width=\"2\" stroke-dasharray=\"4 3\"/>",
        x(s.price)
    );
    let _ = write!(
        g,
        "<line x1=\"{0:.1}\" y1=\"14\" x2=\"{0:.1}\" y2=\"{axis}\" stroke=\"#d92d20\" stroke-width=\"3\"/>\
         <circle cx=\"{0:.1}\" cy=\"14\" r=\"4\" fill=\"#d92d20\"/>",
        x(price)
    );
    // Labels: asking above, suggested below the axis; kept inside the box.
    let anchor = |v: f64| {
        if x(v) > w * 0.75 {
            "end"
        } else if x(v) < w * 0.25 {
            "start"
        } else {
            "middle"
        }
    };
    let _ = write!(
        g,
        "<text x=\"{:.1}\" y=\"10\" font-size=\"11\" fill=\"#d92d20\" text-anchor=\"{}\" font-weight=\"600\">{}</text>",
        x(price),
        anchor(price),
        esc(&loc.text(&msg!("report-svg-asking", price = money(price, c))))
    );
    let _ = write!(
        g,
        "<text x=\"{:.1}\" y=\"{}\" font-size=\"11\" fill=\"#079455\" text-anchor=\"{}\">{}</text>",
        x(s.price),
        axis + 14.0,
        anchor(s.price),
        esc(&loc.text(&msg!("report-svg-suggested", price = money(s.price, c))))
    );
    let _ = write!(
        g,
        "<text x=\"{left}\" y=\"{}\" font-size=\"10\" fill=\"#667085\">{}</text>\
         <text x=\"{right}\" y=\"{}\" font-size=\"10\" fill=\"#667085\" text-anchor=\"end\">{}</text>\
         <text x=\"{:.1}\" y=\"{}\" font-size=\"10\" fill=\"#667085\" text-anchor=\"middle\">{}</text>",
        axis + 28.0,
        esc(&compact(lo)),
        axis + 28.0,
        esc(&compact(hi)),
        (left + right) / 2.0,
        axis + 28.0,
        esc(&loc.text(&msg!("report-svg-comparables", count = comps.len())))
    );
    g.push_str("</svg>");
    g
}

/// Views (and contacts) over the engagement snapshots.
pub fn engagement_line(points: &[Point], loc: &Localizer) -> String {
    let (w, hgt, left, right, top, bottom) = (520.0, 96.0, 40.0, 506.0, 10.0, 74.0);
    let mut g = format!(
        "<svg viewBox=\"0 0 {w} {hgt}\" role=\"img\" aria-label=\"{}\">",
        esc(&loc.get("report-html-views-over-time"))
    );
    let _ = write!(
        g,
        "<line x1=\"{left}\" y1=\"{bottom}\" x2=\"{right}\" y2=\"{bottom}\" stroke=\"#98a2b3\"/>"
    );
    if points.is_empty() {
        let _ = write!(
            g,
            "<text x=\"{left}\" y=\"44\" font-size=\"12\" fill=\"#667085\">{}</text></svg>",
            esc(&loc.get("report-svg-no-snapshots"))
        );
        return g;
    }
    let times: Vec<f64> = points
        .iter()
        .enumerate()
        .map(|(i, p)| {
            chrono::DateTime::parse_from_rfc3339(&p.at)
                .map(|t| t.timestamp() as f64)
                .unwrap_or(i as f64)
        })
        .collect();
    let (t0, t1) = (times[0], times[times.len() - 1]);
    let vmax = points.iter().map(|p| p.views).max().unwrap_or(0).max(1) as f64;
    let x = |i: usize| {
        if t1 > t0 {
            left + (times[i] - t0) / (t1 - t0) * (right - left)
        } else {
            (left + right) / 2.0
        }
    };
    let y = |v: f64| bottom - v / vmax * (bottom - top);
    if points.len() >= 2 {
        let line: Vec<String> = (0..points.len())
            .map(|i| format!("{:.1},{:.1}", x(i), y(points[i].views as f64)))
            .collect();
        let _ = write!(
            g,
            "<polygon points=\"{left:.1},{bottom} {} {:.1},{bottom}\" fill=\"#1570ef\" fill-opacity=\"0.12\"/>\
             <polyline points=\"{}\" fill=\"none\" stroke=\"#1570ef\" stroke-width=\"2\"/>",
            line.join(" "),
            x(points.len() - 1),
            line.join(" ")
        );
    }
    for (i, p) in points.iter().enumerate() {
        let _ = write!(
            g,
            "<circle cx=\"{:.1}\" cy=\"{:.1}\" r=\"3\" fill=\"#1570ef\"/>",
            x(i),
            y(p.views as f64)
        );
    }
    let last = &points[points.len() - 1];
    let _ = write!(
        g,
        "<text x=\"{}\" y=\"{:.1}\" font-size=\"10\" fill=\"#667085\" text-anchor=\"end\">{}</text>\
         <text x=\"{}\" y=\"{bottom}\" font-size=\"10\" fill=\"#667085\" text-anchor=\"end\">0</text>\
         <text x=\"{left}\" y=\"90\" font-size=\"10\" fill=\"#667085\">{}</text>\
         <text x=\"{right}\" y=\"90\" font-size=\"10\" fill=\"#667085\" text-anchor=\"end\">{}</text>",
        left - 6.0,
        top + 4.0,
        esc(&compact(vmax)),
        left - 6.0,
        if points.len() > 1 {
            esc(points[0].at.get(..10).unwrap_or(""))
        } else {
            String::new()
        },
        esc(&loc.text(&msg!(
            "report-svg-last",
            at = last.at.get(..10).unwrap_or(""),
            views = last.views,
            contacts = last.contacts,
            snapshots = points.len()
        )))
    );
    g.push_str("</svg>");
    g
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_and_formats() {
        assert_eq!(
            esc("<a href=\"x\">&'"),
            "&lt;a href=&quot;x&quot;&gt;&amp;&#39;"
        );
        assert_eq!(money(1234500.4, Currency::PEN), "S/ 1,234,500");
        assert_eq!(money(900.0, Currency::USD), "US$ 900");
    }

    #[test]
    fn strip_has_every_marker() {
        let s = Suggestion {
            price: 100.0,
            min: 80.0,
            max: 120.0,
            confidence: 0.6,
            comparable_prices: vec![70.0, 90.0, 100.0, 110.0, 130.0],
        };
        let svg = price_strip(
            300.0,
            &s,
            Currency::PEN,
            &Localizer::new(crate::i18n::Lang::En),
        );
        assert!(svg.starts_with("<svg") && svg.ends_with("</svg>"));
        assert_eq!(svg.matches("<circle").count(), 6);
        assert!(svg.contains("asking S/ 300") && svg.contains("suggested S/ 100"));
    }
}

//! `treevu --help` with commands grouped the way a merchant thinks. clap has no
//! subcommand groups, so the top-level help template is built from [`GROUPS`]
//! and the commands clap knows; a command missing from the table still shows
//! (under "Other commands") and `tests/cli/output.rs` fails until it is placed.

use std::fmt::Write;

/// Help sections in order, each with its commands in order. Commands other
/// branches add later are listed already; absent ones are skipped.
pub const GROUPS: &[(&str, &[&str])] = &[
    ("Accounts", &["connect", "auth", "profiles"]),
    ("Sync", &["sync", "schedule", "watch"]),
    (
        "Prices and market",
        &[
            "estimate",
            "recommend",
            "market",
            "valuation",
            "readiness",
            "forecast",
            "backtest",
        ],
    ),
    (
        "Listings",
        &[
            "listings",
            "listing",
            "crosslist",
            "twins",
            "leads",
            "conversations",
            "report",
        ],
    ),
    ("Setup", &["sandbox", "demo", "completions"]),
];

/// Heading for visible commands no group names yet.
pub const OTHER: &str = "Other commands";

/// The top-level help template: about, usage, grouped commands, options.
pub fn template(cmd: &clap::Command) -> String {
    let styles = cmd.get_styles();
    let header = styles.get_header();
    let literal = styles.get_literal();
    let visible: Vec<&clap::Command> = cmd.get_subcommands().filter(|s| !s.is_hide_set()).collect();
    let width = visible
        .iter()
        .map(|s| s.get_name().len())
        .max()
        .unwrap_or(0);
    let mut sections: Vec<(&str, Vec<&clap::Command>)> = GROUPS
        .iter()
        .map(|(title, names)| {
            let cmds = names
                .iter()
                .filter_map(|n| visible.iter().find(|s| s.get_name() == *n).copied())
                .collect();
            (*title, cmds)
        })
        .collect();
    let grouped: Vec<&str> = GROUPS.iter().flat_map(|(_, n)| n.iter().copied()).collect();
    let others: Vec<&clap::Command> = visible
        .iter()
        .filter(|s| !grouped.contains(&s.get_name()))
        .copied()
        .collect();
    sections.push((OTHER, others));

    let mut t = String::from("{before-help}{about-with-newline}\n{usage-heading} {usage}\n");
    for (title, cmds) in sections.iter().filter(|(_, c)| !c.is_empty()) {
        let _ = write!(t, "\n{header}{title}:{header:#}\n");
        for c in cmds {
            let about = c.get_about().map(|a| a.to_string()).unwrap_or_default();
            let name = c.get_name();
            let pad = " ".repeat(width - name.len());
            let _ = writeln!(t, "  {literal}{name}{literal:#}{pad}  {about}");
        }
    }
    let _ = write!(t, "\n{header}Options:{header:#}\n{{options}}{{after-help}}");
    t
}

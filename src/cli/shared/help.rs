//! `treevu --help` with commands grouped the way a merchant thinks. clap has no
//! subcommand groups, so the top-level help template is built from [`GROUPS`]
//! and the commands clap knows; a command missing from the table still shows
//! (under "Other commands") and `tests/cli/output.rs` fails until it is placed.

use std::fmt::Write;

/// Help sections in order, each with its commands in order. Commands other
/// branches add later are listed already; absent ones are skipped.
pub const GROUPS: &[(&str, &[&str])] = &[
    (
        "Accounts",
        &["connect", "auth", "profiles", "merchants", "operator"],
    ),
    ("Sync", &["sync", "schedule", "watch", "worker"]),
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

/// The catalog id of a command's text: `cli-about` for treevu itself,
/// `cli-market-analyze-about` for a sub-command, `cli-sync-arg-due` for an
/// option, `cli-global-json` for a global option.
pub fn cli_id(path: &[&str], what: &str) -> String {
    let mut id = String::from("cli");
    for p in path {
        id.push('-');
        id.push_str(p);
    }
    id.push('-');
    id.push_str(what);
    id
}

/// `cmd` and its sub-commands with their descriptions, option help and
/// headings from the catalog. English is the derive's own text (the English
/// catalog repeats it for translators, and a test keeps the two equal), so
/// it is left as it is; command and flag names never change.
pub fn localize(cmd: clap::Command, loc: &crate::i18n::Localizer, path: &[&str]) -> clap::Command {
    localize_with(cmd, loc, path, true)
}

/// [`localize`]; `help_command` false leaves out the `help` sub-commands
/// (man pages document each command on its own page).
pub fn localize_with(
    cmd: clap::Command,
    loc: &crate::i18n::Localizer,
    path: &[&str],
    help_command: bool,
) -> clap::Command {
    if loc.lang() == crate::i18n::Lang::En {
        return cmd;
    }
    let mut cmd = cmd;
    if let Some(about) = loc.lookup(&cli_id(path, "about")) {
        cmd = cmd.about(about);
    }
    let options = loc.get("cli-heading-options");
    let arguments = loc.get("cli-heading-arguments");
    let global = loc.get("cli-heading-global");
    let top = path.is_empty();
    cmd = cmd.mut_args(|a| {
        let id = a.get_id().as_str().to_string();
        let key = if a.is_global_set() {
            cli_id(&["global"], &id)
        } else {
            cli_id(path, &format!("arg-{id}"))
        };
        let mut a = a;
        if (top || !a.is_global_set())
            && let Some(help) = loc.lookup(&key)
        {
            a = a.help(help);
        }
        let a = spec_values(a, loc);
        let heading = match a.get_help_heading() {
            Some("Global options") => global.clone(),
            Some(other) => other.to_string(),
            None if a.is_positional() => arguments.clone(),
            None => options.clone(),
        };
        a.help_heading(heading)
    });
    // clap's own -h/-V say "Print help" in English: ours say it in the language.
    cmd = cmd
        .disable_help_flag(true)
        .arg(
            clap::Arg::new("help")
                .short('h')
                .long("help")
                .action(clap::ArgAction::Help)
                .global(true)
                .help(loc.get("cli-flag-help"))
                .help_heading(global.clone()),
        )
        .subcommand_help_heading(loc.get("cli-heading-commands"));
    if help_command && cmd.has_subcommands() {
        // clap's `help` sub-command describes itself in English; this one is
        // answered by `help_path` (see cli::main).
        cmd = cmd.disable_help_subcommand(true).subcommand(
            clap::Command::new("help")
                .about(loc.get("cli-help-about"))
                .arg(
                    clap::Arg::new("command")
                        .num_args(0..)
                        .value_name("COMMAND")
                        .help(loc.get("cli-help-arg-command")),
                ),
        );
    }
    if top {
        cmd = cmd.disable_version_flag(true).arg(
            clap::Arg::new("version")
                .short('V')
                .long("version")
                .action(clap::ArgAction::Version)
                .help(loc.get("cli-flag-version"))
                .help_heading(global.clone()),
        );
    } else {
        cmd = cmd.help_template(format!(
            "{{before-help}}{{about-with-newline}}\n{} {{usage}}\n\n{{all-args}}{{after-help}}",
            loc.get("cli-heading-usage")
        ));
    }
    let names: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    for name in names {
        let mut sub = path.to_vec();
        sub.push(&name);
        cmd = cmd.mut_subcommand(&name, |s| localize_with(s, loc, &sub, help_command));
    }
    cmd
}

/// [`template`] with its headings from the catalog.
pub fn template_in(cmd: &clap::Command, loc: &crate::i18n::Localizer) -> String {
    if loc.lang() == crate::i18n::Lang::En {
        return template(cmd);
    }
    let t = template(cmd).replace("{usage-heading}", &loc.get("cli-heading-usage"));
    let mut t = t.replace(
        &format!("{OTHER}:"),
        &format!("{}:", loc.get("help-group-other")),
    );
    for (title, _) in GROUPS {
        let id = format!(
            "help-group-{}",
            crate::output::header_id(title).trim_start_matches("header-")
        );
        if let Some(words) = loc.lookup(&id) {
            t = t.replace(&format!("{title}:"), &format!("{words}:"));
        }
    }
    t.replace("Options:", &format!("{}:", loc.get("cli-heading-options")))
}

/// clap's `[default: …]`, `[env: …]` and `[possible values: …]` after an
/// option's help are English: this writes them from the catalog instead (and
/// never an environment variable's value, which may be a secret).
fn spec_values(a: clap::Arg, loc: &crate::i18n::Localizer) -> clap::Arg {
    let mut extras = Vec::new();
    if let Some(env) = a.get_env().filter(|_| !a.is_hide_env_set()) {
        extras.push(loc.text(&crate::msg!(
            "cli-spec-env",
            name = env.to_string_lossy().to_string()
        )));
    }
    let defaults: Vec<String> = a
        .get_default_values()
        .iter()
        .map(|v| v.to_string_lossy().to_string())
        .collect();
    if !defaults.is_empty() && !a.is_hide_default_value_set() && a.get_action().takes_values() {
        extras.push(loc.text(&crate::msg!("cli-spec-default", value = defaults.join(" "))));
    }
    let values: Vec<String> = a
        .get_possible_values()
        .iter()
        .filter(|v| !v.is_hide_set())
        .map(|v| v.get_name().to_string())
        .collect();
    if !values.is_empty() && !a.is_hide_possible_values_set() && a.get_action().takes_values() {
        extras.push(loc.text(&crate::msg!("cli-spec-values", values = values.join(", "))));
    }
    if extras.is_empty() {
        return a;
    }
    let help = a.get_help().map(|h| h.to_string()).unwrap_or_default();
    let help = if help.is_empty() {
        extras.join(" ")
    } else {
        format!("{help} {}", extras.join(" "))
    };
    a.help(help)
        .hide_env(true)
        .hide_default_value(true)
        .hide_possible_values(true)
}

/// `treevu help [COMMAND]...` (and `treevu sync help status`): the path of
/// the command whose help was asked for, when the localized `help`
/// sub-command was given.
pub fn help_path(m: &clap::ArgMatches) -> Option<Vec<String>> {
    let mut path = Vec::new();
    let mut m = m;
    while let Some((name, sub)) = m.subcommand() {
        if name == "help" {
            if let Ok(Some(rest)) = sub.try_get_many::<String>("command") {
                path.extend(rest.cloned());
            }
            return Some(path);
        }
        path.push(name.to_string());
        m = sub;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{Lang, Localizer};

    /// (catalog id, the derive's English text) for every visible command and option.
    fn texts(cmd: &clap::Command, path: &[&str], out: &mut Vec<(String, String)>) {
        if let Some(about) = cmd.get_about() {
            out.push((cli_id(path, "about"), about.to_string()));
        }
        for a in cmd.get_arguments() {
            let Some(help) = a.get_help() else { continue };
            if a.is_hide_set() || (a.is_global_set() && !path.is_empty()) {
                continue;
            }
            let id = a.get_id().as_str();
            let key = if a.is_global_set() {
                cli_id(&["global"], id)
            } else {
                cli_id(path, &format!("arg-{id}"))
            };
            out.push((key, help.to_string()));
        }
        for s in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
            let mut sub = path.to_vec();
            sub.push(s.get_name());
            texts(s, &sub, out);
        }
    }

    /// The English catalog is the code's text, word for word, and Spanish
    /// has every command and option (the completeness test then checks both
    /// have the same ids).
    #[test]
    fn the_catalog_has_every_command_and_option_and_english_is_the_codes_text() {
        let mut all = Vec::new();
        texts(&crate::cli::command(), &[], &mut all);
        let en = Localizer::new(Lang::En);
        let mut problems = Vec::new();
        for (id, text) in &all {
            match en.lookup(id) {
                Some(t) if &t == text => {}
                Some(t) => problems.push(format!("{id}: catalog {t:?}, code {text:?}")),
                None => problems.push(format!("{id} = {}", text.replace('\n', " "))),
            }
        }
        assert!(problems.is_empty(), "{}", problems.join("\n"));
    }

    #[test]
    fn spanish_help_speaks_spanish_and_keeps_command_and_flag_names() {
        let mut cmd = crate::cli::localized_command(Lang::Es);
        let top = cmd.render_help().to_string();
        assert!(top.contains("Precios y mercado:"), "{top}");
        assert!(top.contains("Opciones:") && top.contains("Uso:"), "{top}");
        assert!(top.contains("recommend") && top.contains("--lang"), "{top}");
        let sync = cmd
            .find_subcommand_mut("sync")
            .unwrap()
            .render_help()
            .to_string();
        assert!(
            sync.contains("Uso:") && sync.contains("Opciones globales"),
            "{sync}"
        );
        assert!(!sync.contains("Print help"), "{sync}");
    }
}

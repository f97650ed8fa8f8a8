//! clap's parse errors (an unknown flag, a bad value, a missing argument) in
//! the reader's language. clap words them in English only; its typed context
//! (which argument, which value, the suggestions) is rendered here through
//! the catalog (`locales/<lang>/cli.ftl`, ids `parse-*`), with the same
//! layout clap uses: the error, tips, usage and where to read more.

use clap::error::{ContextKind, ContextValue, ErrorKind};

use crate::i18n::{Localizer, Msg};
use crate::msg;

/// The error as the reader reads it; `None` for what is not an error (help,
/// version) or what clap alone can word (an I/O failure while printing).
pub fn render(err: &clap::Error, loc: &Localizer, color: bool) -> Option<String> {
    let headline = headline(err, loc)?;
    let prefix = loc.get("error-prefix");
    let prefix = if color {
        format!("\x1b[31m{prefix}\x1b[0m")
    } else {
        prefix
    };
    let mut out = format!("{prefix} {headline}");
    let tips = tips(err, loc);
    if !tips.is_empty() {
        out.push('\n');
        for tip in tips {
            out.push_str(&format!("\n  {} {tip}", loc.get("parse-tip")));
        }
    }
    if let Some(ContextValue::StyledStr(usage)) = err.get(ContextKind::Usage) {
        // clap titles the usage "Usage:"; the rest is the command's own syntax.
        let usage = usage.to_string();
        let body = usage.strip_prefix("Usage:").unwrap_or(&usage);
        out.push_str(&format!("\n\n{}{body}", loc.get("cli-heading-usage")));
    }
    out.push_str("\n\n");
    out.push_str(&loc.text(&msg!("parse-more", flag = "--help")));
    out.push('\n');
    Some(out)
}

fn text(err: &clap::Error, kind: ContextKind) -> Option<String> {
    match err.get(kind)? {
        ContextValue::String(s) => Some(s.clone()),
        ContextValue::Strings(v) => Some(v.join(", ")),
        ContextValue::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

fn strings(err: &clap::Error, kind: ContextKind) -> Vec<String> {
    match err.get(kind) {
        Some(ContextValue::Strings(v)) => v.clone(),
        Some(ContextValue::String(s)) => vec![s.clone()],
        _ => Vec::new(),
    }
}

fn number(err: &clap::Error, kind: ContextKind) -> Option<i64> {
    match err.get(kind)? {
        ContextValue::Number(n) => Some(*n as i64),
        _ => None,
    }
}

/// The first line: what is wrong.
fn headline(err: &clap::Error, loc: &Localizer) -> Option<String> {
    let arg = text(err, ContextKind::InvalidArg);
    let value = text(err, ContextKind::InvalidValue);
    let m = match err.kind() {
        ErrorKind::DisplayHelp
        | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
        | ErrorKind::DisplayVersion
        | ErrorKind::Io
        | ErrorKind::Format => return None,
        ErrorKind::UnknownArgument => msg!("parse-unknown-argument", arg = arg?),
        ErrorKind::InvalidSubcommand => {
            msg!(
                "parse-unknown-subcommand",
                arg = text(err, ContextKind::InvalidSubcommand)?
            )
        }
        ErrorKind::InvalidValue => {
            let value = value?;
            let head = if value.is_empty() {
                msg!("parse-value-missing", arg = arg?)
            } else {
                msg!("parse-invalid-value", arg = arg?, value = value)
            };
            return Some(with_list(
                loc.text(&head),
                loc,
                "parse-possible-values",
                strings(err, ContextKind::ValidValue),
            ));
        }
        ErrorKind::ValueValidation => {
            let value = value?;
            let why = why(err, &value, loc);
            msg!("parse-value-refused", arg = arg?, value = value, why = why)
        }
        ErrorKind::NoEquals => msg!("parse-no-equals", arg = arg?),
        ErrorKind::ArgumentConflict => {
            let prior = strings(err, ContextKind::PriorArg);
            let arg = match arg {
                Some(a) => a,
                None => text(err, ContextKind::InvalidSubcommand)?,
            };
            if prior == [arg.clone()] {
                msg!("parse-used-twice", arg = arg)
            } else if prior.is_empty() {
                msg!(
                    "parse-conflict",
                    arg = arg,
                    others = loc.get("parse-conflict-others")
                )
            } else {
                let others: Vec<String> = prior.iter().map(|p| format!("'{p}'")).collect();
                msg!("parse-conflict", arg = arg, others = others.join(", "))
            }
        }
        ErrorKind::MissingRequiredArgument => {
            let mut s = loc.get("parse-missing-required");
            for a in strings(err, ContextKind::InvalidArg) {
                s.push_str(&format!("\n  {a}"));
            }
            return Some(s);
        }
        ErrorKind::MissingSubcommand => {
            let head = msg!(
                "parse-missing-subcommand",
                command = text(err, ContextKind::InvalidSubcommand)?
            );
            return Some(with_list(
                loc.text(&head),
                loc,
                "parse-subcommands",
                strings(err, ContextKind::ValidSubcommand),
            ));
        }
        ErrorKind::TooManyValues => msg!("parse-too-many-values", arg = arg?, value = value?),
        ErrorKind::TooFewValues => msg!(
            "parse-too-few-values",
            arg = arg?,
            min = number(err, ContextKind::MinValues)?,
            actual = number(err, ContextKind::ActualNumValues)?
        ),
        ErrorKind::WrongNumberOfValues => msg!(
            "parse-wrong-number",
            arg = arg?,
            expected = number(err, ContextKind::ExpectedNumValues)?,
            actual = number(err, ContextKind::ActualNumValues)?
        ),
        ErrorKind::InvalidUtf8 => Msg::new("parse-invalid-utf8"),
        _ => return None,
    };
    Some(loc.text(&m))
}

fn with_list(head: String, loc: &Localizer, id: &'static str, values: Vec<String>) -> String {
    if values.is_empty() {
        return head;
    }
    let list = loc.text(&Msg::new(id).arg("values", values.join(", ")));
    format!("{head}\n  {list}")
}

/// Why a value parser refused a value: ours by type, the standard library's
/// number errors by kind, clap's range check by its wording.
fn why(err: &clap::Error, value: &str, loc: &Localizer) -> String {
    use std::error::Error as _;
    let Some(source) = err.source() else {
        return String::new();
    };
    if let Some(e) = source.downcast_ref::<std::num::ParseIntError>() {
        use std::num::IntErrorKind as K;
        let id = match e.kind() {
            K::PosOverflow | K::NegOverflow => "parse-why-too-large",
            _ => "parse-why-not-integer",
        };
        return loc.text(&Msg::new(id).arg("value", value));
    }
    if source.is::<std::num::ParseFloatError>() {
        return loc.text(&msg!("parse-why-not-number", value = value));
    }
    if let Some(e) = source.downcast_ref::<Refused>() {
        return loc.text(&e.0);
    }
    if source.is::<crate::domain::UnknownMarketplace>() {
        return loc.get("parse-why-marketplace");
    }
    if source.is::<crate::twins::UnknownPolicy>() {
        return loc.get("parse-why-policy");
    }
    let said = source.to_string();
    if let Some(range) = said
        .strip_prefix(value)
        .and_then(|r| r.strip_prefix(" is not in "))
        && let Some(m) = range_msg(value, range)
    {
        return loc.text(&m);
    }
    said
}

/// clap's `1..=16`, `1..` and `..=9` as a sentence; an open end is the
/// type's largest value (`1..18446744073709551615` for a u64).
fn range_msg(value: &str, range: &str) -> Option<Msg> {
    let (low, high) = range.split_once("..")?;
    let (high, inclusive) = match high.strip_prefix('=') {
        Some(h) => (h, true),
        None => (high, false),
    };
    let high: Option<i128> = if high.is_empty() {
        None
    } else {
        let h: i128 = high.parse().ok()?;
        let h = if inclusive { h } else { h - 1 };
        (h < i128::from(i64::MAX) - 1).then_some(h)
    };
    let m = match (low, high) {
        ("", Some(high)) => msg!("parse-why-at-most", value = value, high = high.to_string()),
        ("", None) => return None,
        (low, Some(high)) => msg!(
            "parse-why-between",
            value = value,
            low = low,
            high = high.to_string()
        ),
        (low, None) => msg!("parse-why-at-least", value = value, low = low),
    };
    Some(m)
}

/// clap's tips, recognised by their fixed wording, in the reader's language;
/// one it does not know stays as clap wrote it.
fn tips(err: &clap::Error, loc: &Localizer) -> Vec<String> {
    let mut out = Vec::new();
    for (kind, id) in [
        (ContextKind::SuggestedSubcommand, "parse-similar-subcommand"),
        (ContextKind::SuggestedArg, "parse-similar-argument"),
        (ContextKind::SuggestedValue, "parse-similar-value"),
    ] {
        let names = strings(err, kind);
        if !names.is_empty() {
            let quoted: Vec<String> = names.iter().map(|n| format!("'{n}'")).collect();
            out.push(
                loc.text(
                    &Msg::new(id)
                        .arg("count", names.len())
                        .arg("names", quoted.join(", ")),
                ),
            );
        }
    }
    if let Some(ContextValue::StyledStrs(tips)) = err.get(ContextKind::Suggested) {
        for tip in tips {
            let tip = tip.to_string();
            out.push(known_tip(&tip).map_or(tip, |m| loc.text(&m)));
        }
    }
    out
}

fn known_tip(tip: &str) -> Option<Msg> {
    if let Some(rest) = tip.strip_prefix("to pass '") {
        let (arg, fix) = rest.split_once("' as a value, use '")?;
        let fix = fix.strip_suffix('\'')?;
        return Some(msg!("parse-as-value", arg = arg, fix = fix));
    }
    if let Some(rest) = tip.strip_prefix("subcommand '") {
        let sub = rest.strip_suffix("' exists; to use it, remove the '--' before it")?;
        return Some(msg!("parse-remove-dashes", command = sub));
    }
    let flag = tip.strip_prefix('\'')?.strip_suffix("' exists")?;
    Some(msg!("parse-flag-exists", flag = flag))
}

/// A value refused by one of treevu's own value parsers, worded through the
/// catalog when the error is shown (the parser does not know the language).
#[derive(Debug)]
pub struct Refused(pub Msg);

impl std::fmt::Display for Refused {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&crate::i18n::english(&self.0))
    }
}

impl std::error::Error for Refused {}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    fn parse(args: &[&str]) -> clap::Error {
        crate::cli::localized_command(Lang::Es)
            .try_get_matches_from(args)
            .expect_err("refused")
    }

    #[test]
    fn clap_tips_and_ranges_are_recognised_in_the_wording_clap_uses() {
        // clap words these itself; a clap upgrade that rewords them fails here
        // rather than leaving English in Spanish output.
        let es = Localizer::new(Lang::Es);
        let e = parse(&["treevu", "sync", "--bogus"]);
        let tips = tips(&e, &es);
        assert_eq!(tips, ["para pasar '--bogus' como valor, use '-- --bogus'"]);
        let e = parse(&["treevu", "sync", "--concurrency", "99"]);
        assert_eq!(why(&e, "99", &es), "99 no está entre 1 y 16");
        let e = parse(&["treevu", "watch", "--check-every", "0"]);
        assert_eq!(why(&e, "0", &es), "0 es menor que 1");
        let e = parse(&["treevu", "sync", "--concurrency", "x"]);
        assert_eq!(why(&e, "x", &es), "'x' no es un número entero");
    }
}

//! The interface's languages: Spanish (Peru) and English, from the Fluent
//! catalogs in `locales/<lang>/*.ftl` (compiled in), the choice of language,
//! and the formatting of numbers, money and dates as each audience reads them.
//!
//! The core never renders text for people in the user's language: it hands
//! over typed values and errors, and the edge turns them into a [`Msg`] (a
//! message id with typed arguments) that the [`Localizer`] renders. Machine
//! formats (JSON keys and values, CSV/TSV headers, exit codes, command and
//! flag names) never go through here.

mod catalog;
pub mod errors;
pub mod reasons;
pub mod select;

use std::sync::{Arc, OnceLock};

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};

use crate::domain::Money;

pub use select::{Lang, choose};

/// A message id and its typed arguments, rendered by a [`Localizer`].
#[derive(Debug, Clone, PartialEq)]
pub struct Msg {
    pub id: &'static str,
    pub args: Vec<(&'static str, Arg)>,
}

impl Msg {
    pub fn new(id: &'static str) -> Msg {
        Msg {
            id,
            args: Vec::new(),
        }
    }

    /// The same arguments under another id (a sentence worded in a longer one).
    pub fn rename(mut self, id: &'static str) -> Msg {
        self.id = id;
        self
    }

    pub fn arg(mut self, name: &'static str, value: impl Into<Arg>) -> Msg {
        self.args.push((name, value.into()));
        self
    }
}

/// `msg!("report-more", count = n)`: a [`Msg`] with named arguments.
#[macro_export]
macro_rules! msg {
    ($id:literal $(, $name:ident = $value:expr)* $(,)?) => {
        $crate::i18n::Msg::new($id)$(.arg(stringify!($name), $value))*
    };
}

/// What an argument means; the localizer formats it for the language.
#[derive(Debug, Clone, PartialEq)]
pub enum Arg {
    /// A count: plural selection, and grouped digits (`20,000`).
    Count(i64),
    /// Words that are not ours to translate (an id, a marketplace's title, a path).
    Text(String),
    /// `S/ 1,234,567.89`, `US$ 137,000`.
    Money(Money),
    /// A 0..1 share: `72.0%`.
    Share(f64),
    /// A difference already in percent: `+382.2%`, `-12.5%`.
    SignedPercent(f64),
    /// A number with one decimal (`0.8`).
    Decimal(f64),
    /// A calendar date: `2026-12-01` in English, `01/12/2026` in Spanish.
    Date(chrono::NaiveDate),
}

impl From<&str> for Arg {
    fn from(s: &str) -> Arg {
        Arg::Text(s.to_string())
    }
}
impl From<String> for Arg {
    fn from(s: String) -> Arg {
        Arg::Text(s)
    }
}
impl From<&String> for Arg {
    fn from(s: &String) -> Arg {
        Arg::Text(s.clone())
    }
}
impl From<Money> for Arg {
    fn from(m: Money) -> Arg {
        Arg::Money(m)
    }
}
macro_rules! count_from {
    ($($t:ty),*) => {$(
        impl From<$t> for Arg {
            fn from(n: $t) -> Arg {
                Arg::Count(i64::try_from(n).unwrap_or(i64::MAX))
            }
        }
    )*};
}
count_from!(i64, i32, u16, u32, u64, usize);

/// Renders messages in one language.
pub struct Localizer {
    lang: Lang,
    bundle: FluentBundle<FluentResource>,
}

impl std::fmt::Debug for Localizer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Localizer")
            .field("lang", &self.lang)
            .finish()
    }
}

impl Localizer {
    /// The catalog of `lang`. The catalogs are compiled in and their tests
    /// parse every file, so a broken one cannot reach a user.
    pub fn new(lang: Lang) -> Localizer {
        let langid: unic_langid::LanguageIdentifier =
            lang.code().parse().expect("a valid language tag");
        let mut bundle = FluentBundle::new_concurrent(vec![langid]);
        // Unicode isolation marks around placeables would land in terminals,
        // greps and width sums; our placeables are already escaped text.
        bundle.set_use_isolating(false);
        bundle.set_formatter(Some(format_number));
        for (name, text) in catalog::files(lang) {
            let resource = FluentResource::try_new(text.to_string())
                .unwrap_or_else(|_| panic!("locales/{}/{name} parses", lang.code()));
            bundle
                .add_resource(resource)
                .unwrap_or_else(|_| panic!("locales/{}/{name}: no id twice", lang.code()));
        }
        Localizer { lang, bundle }
    }

    /// The shared localizer of `lang`, built once per process.
    pub fn shared(lang: Lang) -> Arc<Localizer> {
        static EN: OnceLock<Arc<Localizer>> = OnceLock::new();
        static ES: OnceLock<Arc<Localizer>> = OnceLock::new();
        let cell = match lang {
            Lang::En => &EN,
            Lang::Es => &ES,
        };
        cell.get_or_init(|| Arc::new(Localizer::new(lang))).clone()
    }

    pub fn lang(&self) -> Lang {
        self.lang
    }

    /// The message in this language; its id when the catalog lacks it (the
    /// completeness tests make sure it does not).
    pub fn text(&self, m: &Msg) -> String {
        self.render(m.id, None, &m.args)
            .unwrap_or_else(|| m.id.to_string())
    }

    /// The message and, when it has one, its `.hint` (what to do next), as
    /// one line: `message; hint`.
    pub fn with_hint(&self, m: &Msg) -> String {
        let text = self.text(m);
        match self.attr(m, "hint") {
            Some(hint) => format!("{text}; {hint}"),
            None => text,
        }
    }

    /// A message without arguments.
    pub fn get(&self, id: &'static str) -> String {
        self.text(&Msg::new(id))
    }

    /// A message's attribute (`.hint`), if it has one.
    pub fn attr(&self, m: &Msg, attr: &str) -> Option<String> {
        self.render(m.id, Some(attr), &m.args)
    }

    /// The message if the catalog has it: for ids made from data (a column's
    /// header, an enum value), where a missing one falls back to the caller's text.
    pub fn lookup(&self, id: &str) -> Option<String> {
        self.render(id, None, &[])
    }

    fn render(&self, id: &str, attr: Option<&str>, args: &[(&'static str, Arg)]) -> Option<String> {
        let message = self.bundle.get_message(id)?;
        let pattern = match attr {
            Some(a) => message.get_attribute(a)?.value(),
            None => message.value()?,
        };
        let mut fargs = FluentArgs::new();
        for (name, value) in args {
            fargs.set(*name, self.value(value));
        }
        let mut errors = Vec::new();
        let text = self
            .bundle
            .format_pattern(pattern, Some(&fargs), &mut errors);
        Some(text.into_owned())
    }

    fn value(&self, a: &Arg) -> FluentValue<'static> {
        match a {
            Arg::Count(n) => FluentValue::from(*n),
            Arg::Text(s) => FluentValue::from(s.clone()),
            other => FluentValue::from(self.format(other)),
        }
    }

    /// An argument as text in this language.
    pub fn format(&self, a: &Arg) -> String {
        match a {
            Arg::Count(n) => group_digits(*n),
            Arg::Text(s) => s.clone(),
            Arg::Money(m) => m.display(),
            Arg::Share(x) => format!("{:.1}%", x * 100.0),
            Arg::SignedPercent(x) => format!("{x:+.1}%"),
            Arg::Decimal(x) => format!("{x:.1}"),
            Arg::Date(d) => self.date(*d),
        }
    }

    /// A date as this language's readers write it: Peru puts the day first.
    pub fn date(&self, d: chrono::NaiveDate) -> String {
        match self.lang {
            Lang::En => d.format("%Y-%m-%d").to_string(),
            Lang::Es => d.format("%d/%m/%Y").to_string(),
        }
    }

    /// The built-in figures' months as the engine names them (`Jan 2026`,
    /// `Dec 2025 – Jan 2026`) with this language's month names (`ene. 2026`).
    pub fn months(&self, text: &str) -> String {
        const EN: [&str; 12] = [
            "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
        ];
        text.split(' ')
            .map(|w| match EN.iter().position(|m| *m == w) {
                Some(i) => self
                    .lookup(&format!("month-{}", i + 1))
                    .unwrap_or_else(|| w.to_string()),
                None => w.to_string(),
            })
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// A stored RFC 3339 timestamp as a reader writes it, to the minute and
    /// in UTC (as stored; the zone is said so no one reads it as Lima time).
    /// Text that is not a timestamp (it came from a marketplace) is returned
    /// as it came, for the caller to escape.
    pub fn when(&self, stamp: &str) -> String {
        let Some(t) = crate::domain::time::parse_timestamp(stamp) else {
            return stamp.to_string();
        };
        format!("{} {} UTC", self.date(t.date_naive()), t.format("%H:%M"))
    }
}

/// Fluent's own number formatting ignores grouping (`20000`): whole numbers
/// are grouped by thousands with a comma, as both Peru and English write them.
fn format_number<M>(v: &FluentValue, _: &M) -> Option<String> {
    match v {
        FluentValue::Number(n) if n.value.fract() == 0.0 && n.value.abs() < 9.0e15 => {
            Some(group_digits(n.value as i64))
        }
        _ => None,
    }
}

fn group_digits(n: i64) -> String {
    let sign = if n < 0 { "-" } else { "" };
    format!("{sign}{}", crate::domain::group_thousands(n.unsigned_abs()))
}

/// English text of a message: the `Display` of edge errors, and what the
/// language-free machine formats carry.
pub fn english(m: &Msg) -> String {
    Localizer::shared(Lang::En).text(m)
}

/// An error raised at the edge as a message: English in `Display` (logs, the
/// chain of other errors), rendered in the user's language when printed.
#[derive(Debug, Clone)]
pub struct Localized {
    pub msg: Msg,
    /// The exit code it asks for ([`crate::exit::ERROR`] unless said otherwise).
    pub code: u8,
}

impl Localized {
    pub fn error(msg: Msg) -> anyhow::Error {
        anyhow::Error::new(Localized {
            msg,
            code: crate::exit::ERROR,
        })
    }
    pub fn coded(code: u8, msg: Msg) -> anyhow::Error {
        anyhow::Error::new(Localized { msg, code })
    }
    pub fn usage(msg: Msg) -> anyhow::Error {
        anyhow::Error::new(Localized {
            msg,
            code: crate::exit::USAGE,
        })
    }
}

impl std::fmt::Display for Localized {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&Localizer::shared(Lang::En).with_hint(&self.msg))
    }
}

impl std::error::Error for Localized {}

#[cfg(test)]
mod tests;

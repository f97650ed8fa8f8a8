//! The printer: data on stdout (table, JSON, JSONL, CSV, TSV), status and
//! warnings on stderr, colour only on a terminal and never with `NO_COLOR`.

use std::borrow::{Borrow, Cow};
use std::io::{self, IsTerminal, Write};
use std::sync::Arc;

use comfy_table::{Cell, CellAlignment, ContentArrangement, Table, presets};
use serde::{Serialize, Serializer as _};
use serde_json::Value;

use crate::domain::{Currency, Money};
use crate::i18n::{Lang, Localizer, Msg};

pub mod card;

/// How data is written to stdout.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Table,
    Json,
    Jsonl,
    Csv,
    Tsv,
}

/// How a column's values are shown in a table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Text,
    Number,
    /// A money amount in major units; the currency code is in the named field of the row.
    Money {
        currency_key: &'static str,
    },
    /// A 0..1 share shown as a percentage.
    Percent,
    /// An RFC 3339 timestamp: a table shows it as the reader writes dates
    /// (`01/12/2026 14:05 UTC` in Spanish); JSON and CSV keep the stamp.
    When,
    /// A machine value (an enum's JSON form) shown through the catalog as
    /// `<prefix>-<value>` (`band-hot` → "caliente"); JSON and CSV keep the value.
    Term {
        prefix: &'static str,
    },
}

#[derive(Debug, Clone, Copy)]
pub struct Column {
    pub key: &'static str,
    pub header: &'static str,
    pub kind: Kind,
}

impl Column {
    pub const fn text(key: &'static str, header: &'static str) -> Column {
        Column {
            key,
            header,
            kind: Kind::Text,
        }
    }
    pub const fn number(key: &'static str, header: &'static str) -> Column {
        Column {
            key,
            header,
            kind: Kind::Number,
        }
    }
    pub const fn money(
        key: &'static str,
        header: &'static str,
        currency_key: &'static str,
    ) -> Column {
        Column {
            key,
            header,
            kind: Kind::Money { currency_key },
        }
    }
    pub const fn percent(key: &'static str, header: &'static str) -> Column {
        Column {
            key,
            header,
            kind: Kind::Percent,
        }
    }
    /// A stored timestamp, shown in a table as the reader writes dates.
    pub const fn when(key: &'static str, header: &'static str) -> Column {
        Column {
            key,
            header,
            kind: Kind::When,
        }
    }
    pub const fn term(key: &'static str, header: &'static str, prefix: &'static str) -> Column {
        Column {
            key,
            header,
            kind: Kind::Term { prefix },
        }
    }
}

/// The catalog id of a table header: `header-` and the English header in
/// lower case with dashes (`Old price` → `header-old-price`). The English
/// header is the fallback, so a table never shows an id.
pub fn header_id(header: &str) -> String {
    let mut id = String::from("header");
    let mut dash = true;
    for c in header.chars() {
        if c.is_ascii_alphanumeric() {
            if dash {
                id.push('-');
            }
            id.push(c.to_ascii_lowercase());
            dash = false;
        } else {
            dash = true;
        }
    }
    id
}

/// Writes data and status for one run.
#[derive(Debug, Clone)]
pub struct Printer {
    pub format: Format,
    pub quiet: bool,
    pub verbose: bool,
    pub color: bool,
    /// CSV/TSV cells exactly as they are, even those a spreadsheet would run
    /// as formulas (`--exact-cells`); otherwise they are neutralised.
    pub exact_cells: bool,
    /// The language of what people read.
    pub loc: Arc<Localizer>,
}

impl Printer {
    pub fn new(format: Format, quiet: bool, verbose: bool, no_color: bool) -> Printer {
        let color = !no_color
            && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
            && io::stderr().is_terminal();
        Printer {
            format,
            quiet,
            verbose,
            color,
            exact_cells: false,
            loc: Localizer::shared(Lang::En),
        }
    }

    /// Speaks `lang`.
    pub fn with_lang(mut self, lang: Lang) -> Printer {
        self.loc = Localizer::shared(lang);
        self
    }

    /// A message in this run's language.
    pub fn t(&self, m: &Msg) -> String {
        self.loc.text(m)
    }

    /// A status line from the catalog.
    pub fn say(&self, m: &Msg) {
        self.status(self.t(m));
    }

    /// The width that text for people on stdout is laid out in: the terminal's
    /// when stdout is one, else `COLUMNS` when set (tests and scripts choose a
    /// width that way), else none (a pipe gets one line per table row).
    pub fn width(&self) -> Option<usize> {
        if io::stdout().is_terminal()
            && let Some((terminal_size::Width(w), _)) = terminal_size::terminal_size()
        {
            return Some(usize::from(w));
        }
        std::env::var("COLUMNS")
            .ok()
            .and_then(|v| v.trim().parse::<usize>().ok())
            .filter(|&w| w > 0)
    }

    /// Writes CSV/TSV cells exactly, formulas and all (`--exact-cells`).
    pub fn with_exact_cells(mut self, exact: bool) -> Printer {
        self.exact_cells = exact;
        self
    }

    /// True when a person is likely watching stderr (progress bars are worth drawing).
    pub fn interactive(&self) -> bool {
        !self.quiet && io::stderr().is_terminal()
    }

    pub fn is_json(&self) -> bool {
        matches!(self.format, Format::Json | Format::Jsonl)
    }

    /// A status line on stderr, unless `--quiet`.
    pub fn status(&self, msg: impl AsRef<str>) {
        if !self.quiet {
            let _ = writeln!(io::stderr(), "{}", terminal_safe(msg.as_ref()));
        }
    }

    /// A warning on stderr, even with `--quiet`.
    pub fn warn(&self, msg: impl AsRef<str>) {
        let word = self.loc.get("warning-prefix");
        let prefix = if self.color {
            format!("\x1b[33m{word}\x1b[0m")
        } else {
            word
        };
        let _ = writeln!(io::stderr(), "{prefix} {}", terminal_safe(msg.as_ref()));
    }

    /// A detail on stderr with `--verbose` only.
    pub fn detail(&self, msg: impl AsRef<str>) {
        if self.verbose {
            let _ = writeln!(io::stderr(), "{}", terminal_safe(msg.as_ref()));
        }
    }

    /// A line of text for people on stdout (control characters escaped;
    /// machine formats go through [`Printer::json`] or [`Printer::records`]).
    pub fn line(&self, text: impl AsRef<str>) -> io::Result<()> {
        let mut out = io::stdout().lock();
        let text = text.as_ref();
        // Line breaks of our own layout stay; everything else is escaped.
        let safe: Vec<Cow<str>> = text.split('\n').map(terminal_safe).collect();
        writeln!(out, "{}", safe.join("\n"))?;
        out.flush()
    }

    /// A sentence for people on stdout, wrapped at [`Printer::width`] when
    /// there is one (a pipe gets it on one line).
    pub fn para(&self, text: impl AsRef<str>) -> io::Result<()> {
        let text = terminal_safe(text.as_ref()).into_owned();
        match self.width() {
            Some(w) => self.line(textwrap::fill(&text, w.max(card::MIN_WIDTH))),
            None => self.line(text),
        }
    }

    /// Bytes on stdout as they are (a generated script).
    pub fn raw(&self, bytes: &[u8]) -> io::Result<()> {
        let mut out = io::stdout().lock();
        out.write_all(bytes)?;
        out.flush()
    }

    /// One JSON document on stdout, pretty-printed.
    pub fn json<T: Serialize + ?Sized>(&self, value: &T) -> io::Result<()> {
        let mut out = buffered_stdout();
        serde_json::to_writer_pretty(&mut out, value).map_err(io::Error::from)?;
        writeln!(out)?;
        out.flush()
    }

    /// A list of records in the chosen format. `records` are JSON objects whose
    /// keys include every column key; machine formats carry the whole object
    /// (JSON, JSONL) or the columns (CSV, TSV).
    pub fn records(&self, columns: &[Column], records: &[Value]) -> io::Result<()> {
        self.records_streamed(columns, records)
    }

    /// [`Printer::records`] over records made one at a time: machine formats
    /// write each as it comes, so a long list never sits in memory whole
    /// (a table still needs every row to size its columns).
    pub fn records_streamed<I>(&self, columns: &[Column], records: I) -> io::Result<()>
    where
        I: IntoIterator,
        I::Item: Borrow<Value>,
    {
        let mut out = buffered_stdout();
        match self.format {
            Format::Json => {
                // the same bytes as pretty-printing a whole array
                let mut ser = serde_json::Serializer::pretty(&mut out);
                ser.collect_seq(records.into_iter().map(Borrowed))
                    .map_err(io::Error::from)?;
                writeln!(out)?;
            }
            Format::Jsonl => {
                for r in records {
                    serde_json::to_writer(&mut out, r.borrow()).map_err(io::Error::from)?;
                    writeln!(out)?;
                }
            }
            Format::Csv | Format::Tsv => {
                let delimiter = if self.format == Format::Csv {
                    b','
                } else {
                    b'\t'
                };
                let mut w = csv::WriterBuilder::new()
                    .delimiter(delimiter)
                    .from_writer(&mut out);
                w.write_record(columns.iter().map(|c| c.key))
                    .map_err(csv_io)?;
                for r in records {
                    let r = r.borrow();
                    w.write_record(columns.iter().map(|c| {
                        let v = r.get(c.key);
                        let cell = plain_cell(v);
                        // Only text can be a formula; a number such as -3 stays a number.
                        if self.exact_cells || !matches!(v, Some(Value::String(_))) {
                            cell
                        } else {
                            spreadsheet_safe(cell)
                        }
                    }))
                    .map_err(csv_io)?;
                }
                w.flush()?;
            }
            Format::Table => {
                let rows: Vec<I::Item> = records.into_iter().collect();
                let table = self.table(columns, &rows);
                writeln!(out, "{table}")?;
            }
        }
        out.flush()
    }

    /// A comfy-table sized to the terminal ([`Printer::width`]). No column is
    /// made narrower than its longest word, so words are never cut; when the
    /// columns cannot all fit, the last ones are left out (the order of
    /// `columns` is their priority) and a status line names them.
    pub fn table<B: Borrow<Value>>(&self, columns: &[Column], records: &[B]) -> Table {
        let headers: Vec<String> = columns.iter().map(|c| self.header(c)).collect();
        let cells: Vec<Vec<String>> = records
            .iter()
            .map(|r| {
                columns
                    .iter()
                    .map(|c| terminal_safe(&self.cell(c, r.borrow())).into_owned())
                    .collect()
            })
            .collect();
        let longest_word = |i: usize| {
            std::iter::once(&headers[i])
                .chain(cells.iter().map(|row| &row[i]))
                .flat_map(|t| t.split_whitespace())
                .map(textwrap::core::display_width)
                .max()
                .unwrap_or(0)
        };
        let floors: Vec<usize> = (0..columns.len()).map(longest_word).collect();
        let width = self.width();
        // Each column takes its floor plus two cells of padding and one border.
        let mut keep = columns.len();
        if let Some(w) = width {
            while keep > 1 && floors[..keep].iter().map(|f| f + 3).sum::<usize>() + 1 > w {
                keep -= 1;
            }
            if keep < columns.len() {
                self.say(&crate::msg!(
                    "table-columns-left-out",
                    columns = headers[keep..].join(", "),
                    width = w
                ));
            }
        }
        let mut table = Table::new();
        table
            .load_style(presets::UTF8_FULL_CONDENSED)
            .set_content_arrangement(ContentArrangement::Dynamic);
        if !self.color {
            table.force_no_tty();
        }
        if let Some(w) = width {
            table.set_width(u16::try_from(w).unwrap_or(u16::MAX));
        }
        table.set_header(headers[..keep].iter().map(Cell::new));
        for row in &cells {
            table.add_row(row[..keep].iter().zip(columns).map(|(text, c)| {
                let cell = Cell::new(text);
                if matches!(c.kind, Kind::Text | Kind::Term { .. } | Kind::When) {
                    cell
                } else {
                    cell.set_alignment(CellAlignment::Right)
                }
            }));
        }
        if width.is_some() {
            for (i, floor) in floors[..keep].iter().enumerate() {
                if let Some(col) = table.column_mut(i) {
                    let fixed = u16::try_from(floor + 2).unwrap_or(u16::MAX);
                    col.set_constraint(comfy_table::ColumnConstraint::LowerBoundary(
                        comfy_table::Width::Fixed(fixed),
                    ));
                }
            }
        }
        table
    }
}

impl Printer {
    /// A column's header in this run's language.
    pub fn header(&self, c: &Column) -> String {
        self.loc
            .lookup(&header_id(c.header))
            .unwrap_or_else(|| c.header.to_string())
    }

    /// A cell as merchants read it, in this run's language.
    pub fn cell(&self, c: &Column, row: &Value) -> String {
        match c.kind {
            Kind::Term { prefix } => match row.get(c.key) {
                Some(Value::String(v)) => self
                    .loc
                    .lookup(&format!("{prefix}-{v}"))
                    .unwrap_or_else(|| v.clone()),
                other => plain_cell(other),
            },
            Kind::When => match row.get(c.key) {
                // `sync status` writes "now" for an account due at once (JSON keeps the word).
                Some(Value::String(v)) if v == "now" => self.loc.get("when-now"),
                Some(Value::String(v)) => self.loc.when(v),
                other => plain_cell(other),
            },
            // A yes/no cell (`sync status`'s Connected) in words; CSV and JSON keep true/false.
            _ if matches!(row.get(c.key), Some(Value::Bool(_))) => {
                let yes = row.get(c.key).and_then(Value::as_bool) == Some(true);
                self.loc.get(if yes { "cell-yes" } else { "cell-no" })
            }
            _ => display_cell(c, row),
        }
    }

    /// Cards on stdout, a blank line between them, laid out in [`Printer::width`]
    /// (80 columns when stdout is piped and `COLUMNS` is not set).
    pub fn cards(&self, cards: &[card::Card]) -> io::Result<()> {
        let width = self.width().unwrap_or(card::DEFAULT_WIDTH);
        let text: Vec<String> = cards.iter().map(|c| c.render(width)).collect();
        let mut out = buffered_stdout();
        writeln!(out, "{}", text.join("\n\n"))?;
        out.flush()
    }

    /// True when a command about a few items prints cards: a table was asked
    /// for (the default) and there are at most [`card::MAX_ITEMS`] items.
    pub fn wants_cards(&self, items: usize) -> bool {
        self.format == Format::Table && items <= card::MAX_ITEMS
    }

    /// An error and its causes on one line, in this run's language.
    pub fn error_text(&self, err: &anyhow::Error) -> String {
        join_causes(err, |cause| crate::i18n::errors::words(&self.loc, cause))
    }
}

/// Stdout behind a large buffer: the standard handle flushes at every
/// newline, a system call per line of pretty JSON.
fn buffered_stdout() -> io::BufWriter<io::StdoutLock<'static>> {
    io::BufWriter::with_capacity(64 * 1024, io::stdout().lock())
}

/// Serialises what a [`Borrow`] points at.
struct Borrowed<B>(B);

impl<B: Borrow<Value>> Serialize for Borrowed<B> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.0.borrow().serialize(s)
    }
}

/// A cell as merchants read it.
pub fn display_cell(c: &Column, row: &Value) -> String {
    let v = row.get(c.key);
    match c.kind {
        Kind::Money { currency_key } => match v.and_then(Value::as_f64) {
            Some(amount) => {
                let cur = row
                    .get(currency_key)
                    .and_then(Value::as_str)
                    .and_then(|s| s.parse().ok())
                    .unwrap_or(Currency::PEN);
                Money::from_major_f64(amount, cur)
                    .map(|m| m.display())
                    .unwrap_or_else(|_| amount.to_string())
            }
            None => "—".into(),
        },
        Kind::Percent => match v.and_then(Value::as_f64) {
            Some(x) => format!("{:.1}%", x * 100.0),
            None => "—".into(),
        },
        Kind::Number => match v {
            Some(Value::Number(n)) => match n.as_f64() {
                Some(f) if f.fract() != 0.0 => format!("{f:.2}"),
                _ => n.to_string(),
            },
            other => plain_cell(other),
        },
        Kind::Text | Kind::Term { .. } | Kind::When => plain_cell(v),
    }
}

/// A money amount as merchants read it (`S/ 1,234,500`), the same in both languages.
pub fn money_text(amount: f64, currency: Currency) -> String {
    Money::from_major_f64(amount, currency)
        .map(|m| m.display())
        .unwrap_or_else(|_| amount.to_string())
}

/// Text from outside (marketplace titles and ids, CSV files, server
/// messages) made harmless for a terminal: control characters (C0, DEL, C1:
/// escape sequences that retitle the window, clear the screen or move the
/// cursor) and bidirectional overrides and isolates (which make text read
/// in another order than it is) are shown as escapes such as `\x1b` or
/// `\u{202e}`. Everything else, accents and emoji included, is left alone.
pub fn terminal_safe(text: &str) -> Cow<'_, str> {
    if !text.chars().any(needs_escape) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if needs_escape(c) && (c as u32) < 0x80 => {
                out.push_str(&format!("\\x{:02x}", c as u32))
            }
            c if needs_escape(c) => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

fn needs_escape(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{061c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'
                | '\u{2028}' | '\u{2029}'
        )
}

/// A text cell a spreadsheet will not run: one that starts with `=`, `+`,
/// `-`, `@`, a tab or a carriage return (OWASP's rule for CSV injection; the
/// full-width `＝＋－＠` too, which some spreadsheets read the same) gets a
/// leading `'`, which spreadsheets show as text and do not display.
pub fn spreadsheet_safe(cell: String) -> String {
    match cell.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r' | '＝' | '＋' | '－' | '＠') => {
            format!("'{cell}")
        }
        _ => cell,
    }
}

/// A cell for CSV/TSV: strings as they are, null empty, nested values as JSON.
pub fn plain_cell(v: Option<&Value>) -> String {
    match v {
        None | Some(Value::Null) => String::new(),
        Some(Value::String(s)) => s.clone(),
        Some(Value::Bool(b)) => b.to_string(),
        Some(Value::Number(n)) => n.to_string(),
        Some(other) => other.to_string(),
    }
}

/// An error and its causes on one line, each cause once: a message that
/// already quotes its cause ("cannot read x: Is a directory") is not followed
/// by that cause again, nor by a wordier copy of it.
pub fn error_text(err: &anyhow::Error) -> String {
    join_causes(err, |cause| cause.to_string())
}

fn join_causes(
    err: &anyhow::Error,
    words_of: impl Fn(&(dyn std::error::Error + 'static)) -> String,
) -> String {
    let mut text = String::new();
    let mut last = String::new();
    for cause in err.chain() {
        let words = words_of(cause);
        if words.is_empty() || text.contains(&words) || (!last.is_empty() && words.contains(&last))
        {
            continue;
        }
        if !text.is_empty() {
            text.push_str(": ");
        }
        text.push_str(&words);
        last = words;
    }
    text
}

/// A CSV error as an I/O error that keeps the kind of a failed write (a closed pipe).
fn csv_io(e: csv::Error) -> io::Error {
    match e.into_kind() {
        csv::ErrorKind::Io(e) => e,
        other => io::Error::other(format!("{other:?}")),
    }
}

/// True when the error chain holds a closed-pipe write (`treevu listings | head`): exit quietly with 0.
/// Also looks inside wrapped errors (an `io::Error` around a serde_json or CSV error),
/// since a writer layered over stdout may re-wrap the original.
pub fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(is_broken_pipe_error)
}

fn is_broken_pipe_error(e: &(dyn std::error::Error + 'static)) -> bool {
    if let Some(io) = e.downcast_ref::<io::Error>() {
        if io.kind() == io::ErrorKind::BrokenPipe {
            return true;
        }
        if let Some(inner) = io.get_ref() {
            return is_broken_pipe_error(inner);
        }
    }
    if let Some(j) = e.downcast_ref::<serde_json::Error>() {
        return j.io_error_kind() == Some(io::ErrorKind::BrokenPipe);
    }
    if let Some(c) = e.downcast_ref::<csv::Error>()
        && let csv::ErrorKind::Io(io) = c.kind()
    {
        return io.kind() == io::ErrorKind::BrokenPipe;
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn due_now_and_yes_no_cells_are_words_in_the_readers_language() {
        let row = json!({"nextDue": "now", "connected": true, "resumable": false});
        let due = Column::when("nextDue", "Next due");
        let connected = Column::text("connected", "Connected");
        let resumable = Column::text("resumable", "Resumable");
        let es = Printer::new(Format::Table, false, false, true).with_lang(Lang::Es);
        let en = Printer::new(Format::Table, false, false, true).with_lang(Lang::En);
        assert_eq!(es.cell(&due, &row), "ahora");
        assert_eq!(es.cell(&connected, &row), "sí");
        assert_eq!(es.cell(&resumable, &row), "no");
        assert_eq!(en.cell(&due, &row), "now");
        assert_eq!(en.cell(&connected, &row), "yes");
        // CSV and TSV keep the machine values.
        assert_eq!(plain_cell(row.get("connected")), "true");
        assert_eq!(plain_cell(row.get("nextDue")), "now");
    }

    #[test]
    fn money_cells_use_the_row_currency() {
        let c = Column::money("price", "Price", "currency");
        assert_eq!(
            display_cell(&c, &json!({"price": 1234500.0, "currency": "PEN"})),
            "S/ 1,234,500"
        );
        assert_eq!(
            display_cell(&c, &json!({"price": 18900, "currency": "USD"})),
            "US$ 18,900"
        );
        assert_eq!(display_cell(&c, &json!({"currency": "USD"})), "—");
    }

    #[test]
    fn broken_pipes_are_found_however_they_are_wrapped() {
        let pipe = || io::Error::from(io::ErrorKind::BrokenPipe);
        assert!(is_broken_pipe(&anyhow::Error::new(pipe())));
        let json = serde_json::Error::io(pipe());
        assert!(is_broken_pipe(&anyhow::Error::new(io::Error::other(json))));
        let json = serde_json::Error::io(pipe());
        assert!(is_broken_pipe(&anyhow::Error::new(io::Error::from(json))));
        assert!(!is_broken_pipe(&anyhow::anyhow!(
            "broken pipe in words only"
        )));
    }

    #[test]
    fn terminal_text_has_controls_and_bidi_overrides_escaped() {
        assert_eq!(
            terminal_safe("Casa en Miraflores ñ 🏠"),
            "Casa en Miraflores ñ 🏠"
        );
        assert!(matches!(terminal_safe("plain"), Cow::Borrowed(_)));
        assert_eq!(
            terminal_safe("a\x1b]0;pwned\x07b\x1b[2J"),
            "a\\x1b]0;pwned\\x07b\\x1b[2J"
        );
        assert_eq!(terminal_safe("evil\u{202e}gpj.exe"), "evil\\u{202e}gpj.exe");
        assert_eq!(terminal_safe("two\nlines\r"), "two\\nlines\\r");
        assert_eq!(terminal_safe("c1 \u{9b}31m"), "c1 \\u{9b}31m");
        assert_eq!(
            terminal_safe("\u{2066}iso\u{2069}"),
            "\\u{2066}iso\\u{2069}"
        );
    }

    #[test]
    fn cells_a_spreadsheet_would_run_are_neutralised() {
        for f in [
            "=cmd|' /C calc'!A0",
            "+SUM(1,2)",
            "-2+3",
            "@SUM(A1)",
            "\tx",
            "\rx",
            "＝1+1",
        ] {
            assert_eq!(spreadsheet_safe(f.into()), format!("'{f}"), "{f:?}");
        }
        for ok in ["Casa 3+1", "a=b", "", "'quoted", "1-2"] {
            assert_eq!(spreadsheet_safe(ok.into()), ok);
        }
    }

    #[test]
    fn causes_are_shown_once() {
        #[derive(Debug, thiserror::Error)]
        #[error("cannot read the config file c.toml: {0}")]
        struct Quoting(#[source] io::Error);
        let dir = || io::Error::from_raw_os_error(21);
        let e = anyhow::Error::new(Quoting(dir()));
        assert_eq!(
            error_text(&e),
            "cannot read the config file c.toml: Is a directory (os error 21)"
        );
        // Context that does not quote its cause still shows it.
        let e = anyhow::Error::new(dir()).context("cannot write report.html");
        assert_eq!(
            error_text(&e),
            "cannot write report.html: Is a directory (os error 21)"
        );
    }

    #[test]
    fn plain_cells_flatten_nested_values() {
        assert_eq!(plain_cell(Some(&json!(null))), "");
        assert_eq!(plain_cell(Some(&json!("a,b"))), "a,b");
        assert_eq!(plain_cell(Some(&json!([1, 2]))), "[1,2]");
    }
}

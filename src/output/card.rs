//! A card per item, as `gh pr view` prints one: a title, aligned
//! `label: value` lines, a price range drawn on one line, and long text as
//! wrapped paragraphs below. For commands about one or a few items, where a
//! table would squeeze a paragraph into a narrow column.

use textwrap::core::display_width;

use super::terminal_safe;

/// The width a card is laid out in when nothing says (stdout piped, no `COLUMNS`).
pub const DEFAULT_WIDTH: usize = 80;
/// Narrower terminals still get this width: a value column of a few
/// characters would help no one.
pub const MIN_WIDTH: usize = 40;
/// Commands about one or a few items print cards up to this many; more make a table.
pub const MAX_ITEMS: usize = 5;

enum Line {
    Field { label: String, value: String },
    Range(Range),
}

/// A range drawn between its ends, with the recommended value's place marked.
pub struct Range {
    pub label: String,
    pub low: (f64, String),
    pub mid: (f64, String),
    pub high: (f64, String),
}

pub struct Card {
    title: String,
    lines: Vec<Line>,
    paragraphs: Vec<(String, String)>,
}

impl Card {
    pub fn new(title: impl Into<String>) -> Card {
        Card {
            title: title.into(),
            lines: Vec::new(),
            paragraphs: Vec::new(),
        }
    }

    /// An aligned `label: value` line (skipped when the value is empty).
    pub fn field(mut self, label: impl Into<String>, value: impl Into<String>) -> Card {
        let value = value.into();
        if !value.is_empty() {
            self.lines.push(Line::Field {
                label: label.into(),
                value,
            });
        }
        self
    }

    pub fn range(mut self, range: Range) -> Card {
        self.lines.push(Line::Range(range));
        self
    }

    /// A heading and its text, wrapped below the fields (skipped when empty).
    pub fn paragraph(mut self, heading: impl Into<String>, text: impl Into<String>) -> Card {
        let text = text.into();
        if !text.trim().is_empty() {
            self.paragraphs.push((heading.into(), text));
        }
        self
    }

    /// The card as lines no wider than `width` (but at least [`MIN_WIDTH`]),
    /// text from outside escaped for the terminal.
    pub fn render(&self, width: usize) -> String {
        let width = width.max(MIN_WIDTH);
        let mut out: Vec<String> = textwrap::wrap(&terminal_safe(&self.title), width)
            .into_iter()
            .map(|l| l.into_owned())
            .collect();
        let label_width = self
            .lines
            .iter()
            .map(|l| match l {
                Line::Field { label, .. } => display_width(label),
                Line::Range(r) => display_width(&r.label),
            })
            .max()
            .unwrap_or(0)
            + 1;
        // "  label:  value": two spaces in, the colon, then two spaces.
        let indent = 2 + label_width + 2;
        let value_width = width.saturating_sub(indent).max(10);
        for line in &self.lines {
            let (label, value) = match line {
                Line::Field { label, value } => (label, terminal_safe(value).into_owned()),
                Line::Range(r) => (&r.label, draw_range(r, value_width)),
            };
            let head = format!("  {:<w$}  ", format!("{label}:"), w = label_width);
            let head = pad_to(&head, indent);
            let wrapped = textwrap::wrap(&value, value_width);
            for (i, part) in wrapped.iter().enumerate() {
                if i == 0 {
                    out.push(format!("{head}{part}"));
                } else {
                    out.push(format!("{}{part}", " ".repeat(indent)));
                }
            }
        }
        for (heading, text) in &self.paragraphs {
            out.push(String::new());
            out.push(format!("  {heading}"));
            // textwrap counts the indent in the width.
            let options = textwrap::Options::new(width)
                .initial_indent("    ")
                .subsequent_indent("    ");
            for part in textwrap::wrap(&terminal_safe(text), options) {
                out.push(part.into_owned());
            }
        }
        out.join("\n")
    }
}

/// `format!("{:<w$}")` pads by chars; labels may hold accents, which are one
/// column each, but keep the sum exact anyway.
fn pad_to(s: &str, width: usize) -> String {
    let w = display_width(s);
    if w >= width {
        s.to_string()
    } else {
        format!("{s}{}", " ".repeat(width - w))
    }
}

/// `S/ 430,000 ├────●────┤ S/ 480,000`, or `S/ 430,000 – S/ 480,000` when
/// there is no room for a bar of at least five cells.
fn draw_range(r: &Range, width: usize) -> String {
    let ends = display_width(&r.low.1) + display_width(&r.high.1) + 2;
    let bar = width.saturating_sub(ends).min(30);
    if bar < 5 || r.high.0 <= r.low.0 || !r.mid.0.is_finite() {
        return format!("{} – {}", r.low.1, r.high.1);
    }
    let inner = bar - 2;
    let at = ((r.mid.0 - r.low.0) / (r.high.0 - r.low.0)).clamp(0.0, 1.0);
    let pos = ((at * (inner - 1) as f64).round() as usize).min(inner - 1);
    let mut s = String::new();
    s.push('├');
    for i in 0..inner {
        s.push(if i == pos { '●' } else { '─' });
    }
    s.push('┤');
    format!("{} {s} {}", r.low.1, r.high.1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn card() -> Card {
        Card::new("olx:OLX-1 · Departamento con vista al mar en Miraflores, 3 dormitorios")
            .field("Asking", "S/ 520,000")
            .field("Recommended", "S/ 455,000")
            .range(Range {
                label: "Range".into(),
                low: (430_000.0, "S/ 430,000".into()),
                mid: (455_000.0, "S/ 455,000".into()),
                high: (480_000.0, "S/ 480,000".into()),
            })
            .paragraph(
                "Why",
                "Compared with 12 similar apartment listings near Miraflores (same operation and type), \
                 their prices adjusted for size with an area elasticity of 0.85 and a correction for the gap.",
            )
    }

    #[test]
    fn no_line_is_wider_than_the_card_and_labels_align() {
        for width in [40, 80, 120] {
            let text = card().render(width);
            for line in text.lines() {
                assert!(display_width(line) <= width, "{width}: {line:?}");
            }
            let starts: Vec<usize> = text
                .lines()
                .filter(|l| l.starts_with("  ") && l.contains(": ") && !l.starts_with("    "))
                .map(|l| l.find("S/").unwrap())
                .collect();
            assert!(
                starts.len() >= 3 && starts.iter().all(|&s| s == starts[0]),
                "{text}"
            );
        }
    }

    #[test]
    fn the_range_is_drawn_on_one_line_with_the_recommendation_marked() {
        let text = card().render(80);
        let line = text.lines().find(|l| l.contains("Range:")).unwrap();
        assert!(
            line.contains("S/ 430,000 ├") && line.contains("┤ S/ 480,000"),
            "{line}"
        );
        assert_eq!(line.matches('●').count(), 1, "{line}");
    }

    #[test]
    fn control_characters_from_outside_are_escaped() {
        let text = Card::new("evil\x1b]0;title\x07")
            .field("Title", "x\x1b[2J")
            .render(80);
        assert!(!text.contains('\x1b'), "{text:?}");
        assert!(text.contains("\\x1b"), "{text:?}");
    }
}

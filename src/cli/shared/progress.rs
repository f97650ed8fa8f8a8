//! Sync progress on stderr: an indicatif bar per marketplace on a terminal,
//! nothing when piped or `--quiet`; `--verbose` request lines either way.

use std::collections::HashMap;
use std::io::Write;
use std::sync::Mutex;

use chrono::{DateTime, Utc};
use indicatif::{MultiProgress, ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::domain::Marketplace;
use crate::i18n::Localizer;
use crate::marketplaces::{RequestLog, RequestLogger};
use crate::msg;
use crate::output::Printer;
use crate::sync::Observer;

pub struct Bars {
    multi: Option<MultiProgress>,
    bars: Mutex<HashMap<Marketplace, ProgressBar>>,
    quiet: bool,
    loc: std::sync::Arc<Localizer>,
}

impl Bars {
    pub fn new(printer: &Printer) -> Bars {
        let multi = printer
            .interactive()
            .then(|| MultiProgress::with_draw_target(ProgressDrawTarget::stderr()));
        Bars {
            multi,
            bars: Mutex::new(HashMap::new()),
            quiet: printer.quiet,
            loc: printer.loc.clone(),
        }
    }

    fn bar(&self, m: Marketplace) -> Option<ProgressBar> {
        let multi = self.multi.as_ref()?;
        let mut bars = self.bars.lock().unwrap_or_else(|p| p.into_inner());
        Some(
            bars.entry(m)
                .or_insert_with(|| {
                    let bar = multi.add(ProgressBar::new(0));
                    // The catalog's word goes into the template: no braces in it.
                    let word = self.loc.get("progress-listings").replace(['{', '}'], "");
                    bar.set_style(
                        ProgressStyle::with_template(&format!(
                            "{{prefix:>12}} {{bar:30}} {{pos}}/{{len}} {word} {{msg}}"
                        ))
                        .unwrap_or_else(|_| ProgressStyle::default_bar()),
                    );
                    bar.set_prefix(m.display_name());
                    bar
                })
                .clone(),
        )
    }

    pub fn finish(&self) {
        for bar in self.bars.lock().unwrap_or_else(|p| p.into_inner()).values() {
            bar.finish();
        }
    }

    /// Prints a line without tearing the bars.
    fn println(&self, line: String) {
        if self.quiet {
            return;
        }
        let line = crate::output::terminal_safe(&line).into_owned();
        match &self.multi {
            Some(multi) => {
                let _ = multi.println(line);
            }
            None => {
                let _ = writeln!(std::io::stderr(), "{line}");
            }
        }
    }
}

impl Observer for Bars {
    fn started(&self, m: Marketplace, full: bool) {
        if self.multi.is_none() {
            self.println(self.loc.text(&msg!(
                "progress-sync-started",
                marketplace = m.display_name(),
                kind = if full { "full" } else { "incremental" }
            )));
        }
    }
    fn total(&self, m: Marketplace, records: u64) {
        if let Some(bar) = self.bar(m) {
            bar.set_length(records);
        }
    }
    fn page_stored(&self, m: Marketplace, records: u64) {
        if let Some(bar) = self.bar(m) {
            bar.inc(records);
        }
    }
    fn waiting(&self, m: Marketplace, until: DateTime<Utc>) {
        let secs = (until - Utc::now()).num_seconds().max(0);
        match self.bar(m) {
            Some(bar) => bar.set_message(self.loc.text(&msg!("progress-waiting", seconds = secs))),
            None => self.println(self.loc.text(&msg!(
                "progress-waiting-line",
                marketplace = m.display_name(),
                seconds = secs,
                until = until.to_string()
            ))),
        }
    }
    fn note(&self, m: Marketplace, message: &str) {
        self.println(format!("{}: {message}", m.display_name()));
    }
}

/// `--verbose`: one line per request (method, path, status, ms; for sign-in,
/// refresh and revocation also the step and the form with its secrets
/// redacted), never a secret.
pub fn request_logger(printer: &Printer) -> Option<RequestLogger> {
    if !printer.verbose {
        return None;
    }
    let loc = printer.loc.clone();
    Some(std::sync::Arc::new(move |log: &RequestLog| {
        let status = log
            .status
            .map(|s| s.to_string())
            .unwrap_or_else(|| "---".into());
        let request = msg!(
            "verbose-request",
            marketplace = log.marketplace.as_str(),
            method = &log.method,
            path = &log.path,
            status = status,
            ms = u64::try_from(log.elapsed.as_millis()).unwrap_or(u64::MAX)
        );
        let line = match &log.sign_in {
            None => loc.text(&request),
            Some(s) => loc.text(
                &request
                    .rename("verbose-sign-in")
                    .arg("step", crate::i18n::errors::step_id(s.step))
                    .arg("form", &s.form)
                    .arg("has_form", if s.form.is_empty() { "no" } else { "yes" })
                    .arg("basic", if s.basic_auth { "yes" } else { "no" }),
            ),
        };
        let _ = writeln!(std::io::stderr(), "{}", crate::output::terminal_safe(&line));
    }))
}

/// Shows that a pricing model is being fitted (seconds on a large pool): a
/// spinner on a terminal, a line with `--verbose`, nothing otherwise.
pub struct FitProgress {
    interactive: bool,
    verbose: bool,
    spinner: Mutex<Option<ProgressBar>>,
    loc: std::sync::Arc<Localizer>,
}

impl FitProgress {
    pub fn new(printer: &Printer) -> FitProgress {
        FitProgress {
            interactive: printer.interactive(),
            verbose: printer.verbose && !printer.quiet,
            spinner: Mutex::new(None),
            loc: printer.loc.clone(),
        }
    }
}

impl crate::pricing::models::FitObserver for FitProgress {
    fn fitting(&self, kind: &str, rows: usize) {
        let msg = self
            .loc
            .text(&msg!("progress-fitting", kind = kind, rows = rows));
        if self.interactive {
            let s = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
            s.set_style(
                ProgressStyle::with_template("{spinner} {msg} {elapsed}")
                    .unwrap_or_else(|_| ProgressStyle::default_spinner()),
            );
            s.set_message(msg);
            s.enable_steady_tick(std::time::Duration::from_millis(120));
            *self.spinner.lock().unwrap_or_else(|p| p.into_inner()) = Some(s);
        } else if self.verbose {
            say(&msg);
        }
    }

    fn fitted(&self, kind: &str, rows: usize, took: std::time::Duration) {
        let msg = self.loc.text(&msg!(
            "progress-fitted",
            kind = kind,
            rows = rows,
            seconds = crate::i18n::Arg::Decimal(took.as_secs_f64())
        ));
        if let Some(s) = self
            .spinner
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .take()
        {
            s.finish_and_clear();
            say(&msg);
        } else if self.verbose {
            say(&msg);
        }
    }
}

/// A status line written, not `eprintln!`'d: a full or closed stderr must not panic.
fn say(msg: &str) {
    let _ = writeln!(std::io::stderr(), "{msg}");
}

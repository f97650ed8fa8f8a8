//! Exit codes, in one place. `docs/cli.md` documents them; scripts and cron rely on them.

use std::process::ExitCode;

/// Everything went as asked.
pub const OK: u8 = 0;
/// An error: the message on stderr says what and what to do next.
pub const ERROR: u8 = 1;
/// The command line was wrong (clap uses 2 as well).
pub const USAGE: u8 = 2;
/// A sync stopped early but cleanly (rate budget spent, or one marketplace failed
/// while others finished); a checkpoint was saved and the next run continues.
pub const PARTIAL: u8 = 3;
/// An account needs the merchant: reconnect (`treevu connect <marketplace>`) or attention.
pub const NEEDS_RECONNECT: u8 = 4;
/// Another treevu process is already syncing the same account.
pub const ALREADY_RUNNING: u8 = 5;
/// Interrupted by Ctrl-C (128 + SIGINT).
pub const INTERRUPTED: u8 = 130;

/// Implemented by core error types that mean something other than a plain error.
pub trait ExitStatus {
    fn exit_code(&self) -> u8;
}

/// An error whose exit code is chosen at the edge (e.g. a usage mistake found after parsing).
#[derive(Debug, thiserror::Error)]
#[error("{message}")]
pub struct Coded {
    pub code: u8,
    pub message: String,
}

impl Coded {
    pub fn usage(message: impl Into<String>) -> anyhow::Error {
        anyhow::Error::new(Coded {
            code: USAGE,
            message: message.into(),
        })
    }
    pub fn error(code: u8, message: impl Into<String>) -> anyhow::Error {
        anyhow::Error::new(Coded {
            code,
            message: message.into(),
        })
    }
}

/// Maps an error to its exit code: the first error in the chain that knows its code wins.
pub fn code_for(err: &anyhow::Error) -> u8 {
    for cause in err.chain() {
        if let Some(c) = cause.downcast_ref::<Coded>() {
            return c.code;
        }
        if let Some(c) = cause.downcast_ref::<crate::i18n::Localized>() {
            return c.code;
        }
        if let Some(c) = crate::exit_status_of(cause) {
            return c;
        }
    }
    ERROR
}

pub fn to_exit_code(code: u8) -> ExitCode {
    ExitCode::from(code)
}

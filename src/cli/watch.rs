//! `treevu watch`: stays in the foreground and syncs each account when it is due.

use std::time::Duration;

use clap::Args;

use super::sync::{RunArgs, run_sync};
use crate::context::Context;
use crate::i18n::Msg;

#[derive(Debug, Args)]
pub struct WatchArgs {
    /// Seconds between checks for accounts that are due
    #[arg(long, default_value_t = 60, value_parser = clap::value_parser!(u64).range(1..))]
    pub check_every: u64,
}

pub fn run(args: WatchArgs, ctx: &Context) -> anyhow::Result<u8> {
    let run = RunArgs {
        marketplaces: Vec::new(),
        all: true,
        full: false,
        due: true,
        all_profiles: false,
        wait: true,
        max_wait: 300,
        concurrency: 4,
    };
    ctx.printer.say(&Msg::new("watch-started"));
    loop {
        if let Err(e) = run_sync(&run, ctx, true) {
            ctx.printer.warn(ctx.printer.error_text(&e));
        }
        // Ctrl-C between runs stops at once; during a run each page is committed, so nothing is lost.
        let stopped = ctx.block_on(async {
            tokio::select! {
                _ = tokio::signal::ctrl_c() => true,
                _ = tokio::time::sleep(Duration::from_secs(args.check_every)) => false,
            }
        });
        if stopped {
            ctx.printer.say(&Msg::new("watch-stopped"));
            return Ok(crate::exit::OK);
        }
    }
}

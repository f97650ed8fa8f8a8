//! `treevu report`: the portfolio at a glance.

use clap::Args;

use crate::context::Context;

#[derive(Debug, Args)]
pub struct ReportArgs {}

pub fn run(_args: ReportArgs, _ctx: &Context) -> anyhow::Result<u8> {
    Ok(crate::exit::OK)
}

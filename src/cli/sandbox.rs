//! `treevu sandbox serve`: the three marketplace APIs on loopback, for the demo and tests.

use clap::Subcommand;

use crate::context::Context;

#[derive(Debug, Subcommand)]
pub enum SandboxCommand {
    /// Serve OLX, Inmuebles24 and Autofact on 127.0.0.1 until Ctrl-C
    Serve {},
}

pub fn run(cmd: SandboxCommand, _ctx: &Context) -> anyhow::Result<u8> {
    match cmd {
        SandboxCommand::Serve {} => anyhow::bail!("the sandbox is not built yet"),
    }
}

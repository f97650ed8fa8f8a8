//! `treevu completions <shell>`: the shell completion script on stdout.

use clap::Args;
use clap_complete::Shell;

use crate::context::Context;
use crate::exit;

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to complete for
    pub shell: Shell,
}

pub fn run(args: CompletionsArgs, ctx: &Context) -> anyhow::Result<u8> {
    let script = super::generate::completion(args.shell, ctx.printer.loc.lang())?;
    ctx.printer.raw(&script)?;
    Ok(exit::OK)
}

//! Hidden `treevu generate-docs`: writes the generated files the repository
//! keeps (shell completions in `completions/`, man pages in `docs/man/`), so
//! regenerating them after adding a command is one command:
//! `cargo run -q -- generate-docs` from the repository root.
//! `tests/cli/generated.rs` fails when the committed files differ.

use std::path::{Path, PathBuf};

use clap::Args;
use clap_complete::Shell;

use crate::context::Context;
use crate::exit;

#[derive(Debug, Args)]
pub struct GenerateDocsArgs {
    /// The repository root to write into
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub out: PathBuf,
}

/// Where each shell's script lives; every file name carries the shell's name.
pub const COMPLETION_FILES: &[(Shell, &str)] = &[
    (Shell::Bash, "completions/treevu.bash"),
    (Shell::Zsh, "completions/treevu.zsh"),
    (Shell::Fish, "completions/treevu.fish"),
    (Shell::PowerShell, "completions/treevu.powershell.ps1"),
    (Shell::Elvish, "completions/treevu.elvish"),
];

pub const MAN_DIR: &str = "docs/man";

pub fn run(args: GenerateDocsArgs, ctx: &Context) -> anyhow::Result<u8> {
    let files = generated_files()?;
    // Stale man pages of renamed or removed commands go; nothing else is touched.
    let man_dir = args.out.join(MAN_DIR);
    if let Ok(entries) = std::fs::read_dir(&man_dir) {
        for e in entries.flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            if name.starts_with("treevu") && name.ends_with(".1") {
                std::fs::remove_file(e.path())?;
            }
        }
    }
    for (rel, bytes) in &files {
        let path = args.out.join(rel);
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        std::fs::write(&path, bytes)?;
    }
    ctx.printer.status(format!(
        "wrote {} files under {} (completions/, {MAN_DIR}/)",
        files.len(),
        args.out.display()
    ));
    Ok(exit::OK)
}

/// The completion script for `shell`.
pub fn completion(shell: Shell) -> anyhow::Result<Vec<u8>> {
    let mut buf = Vec::new();
    // Into memory first: clap_complete panics on a failed write (a closed pipe).
    clap_complete::generate(shell, &mut super::command(), "treevu", &mut buf);
    Ok(buf)
}

/// Every generated file, relative to the repository root, with its content.
pub fn generated_files() -> anyhow::Result<Vec<(PathBuf, Vec<u8>)>> {
    let mut files = Vec::new();
    for (shell, path) in COMPLETION_FILES {
        files.push((PathBuf::from(path), completion(*shell)?));
    }
    let mut cmd = super::command().disable_help_subcommand(true);
    cmd.build();
    man_pages(cmd, Path::new(MAN_DIR), &mut files)?;
    files.sort();
    Ok(files)
}

/// One page per visible command, as clap_mangen's `generate_to` names them
/// (`treevu.1`, `treevu-listing-update.1`), rendered in memory.
fn man_pages(
    cmd: clap::Command,
    dir: &Path,
    out: &mut Vec<(PathBuf, Vec<u8>)>,
) -> anyhow::Result<()> {
    for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()).cloned() {
        man_pages(sub, dir, out)?;
    }
    let man = clap_mangen::Man::new(cmd);
    let mut buf = Vec::new();
    man.render(&mut buf)?;
    out.push((dir.join(man.get_filename()), buf));
    Ok(())
}

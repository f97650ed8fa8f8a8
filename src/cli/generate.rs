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
use crate::i18n::{Lang, Localizer};
use crate::msg;

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

/// The folder of a language's files under `completions/` and `docs/man/`
/// (English, the default, at the top; `man` finds `es/` with `LANG=es_*`).
fn lang_dir(lang: Lang) -> Option<&'static str> {
    match lang {
        Lang::En => None,
        Lang::Es => Some("es"),
    }
}

fn under(dir: &str, lang: Lang) -> PathBuf {
    match lang_dir(lang) {
        Some(l) => Path::new(dir).join(l),
        None => PathBuf::from(dir),
    }
}

pub fn run(args: GenerateDocsArgs, ctx: &Context) -> anyhow::Result<u8> {
    let files = generated_files()?;
    // Stale man pages of renamed or removed commands go; nothing else is touched.
    for lang in Lang::ALL {
        let man_dir = args.out.join(under(MAN_DIR, lang));
        if let Ok(entries) = std::fs::read_dir(&man_dir) {
            for e in entries.flatten() {
                let name = e.file_name().to_string_lossy().into_owned();
                if name.starts_with("treevu") && name.ends_with(".1") {
                    std::fs::remove_file(e.path())?;
                }
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
    ctx.printer.say(&msg!(
        "generate-wrote",
        count = files.len(),
        path = args.out.display().to_string(),
        man = MAN_DIR
    ));
    Ok(exit::OK)
}

/// The completion script for `shell`, its descriptions in `lang`.
pub fn completion(shell: Shell, lang: Lang) -> anyhow::Result<Vec<u8>> {
    let mut buf = Vec::new();
    // Into memory first: clap_complete panics on a failed write (a closed pipe).
    clap_complete::generate(
        shell,
        &mut super::localized_command(lang),
        "treevu",
        &mut buf,
    );
    Ok(buf)
}

/// Every generated file, relative to the repository root, with its content:
/// English at the top of `completions/` and `docs/man/`, each other language
/// in its own folder below.
pub fn generated_files() -> anyhow::Result<Vec<(PathBuf, Vec<u8>)>> {
    let mut files = Vec::new();
    for lang in Lang::ALL {
        for (shell, path) in COMPLETION_FILES {
            let path = Path::new(path);
            let name = path.file_name().expect("a file name");
            let dir = path.parent().expect("a folder").to_string_lossy();
            files.push((under(&dir, lang).join(name), completion(*shell, lang)?));
        }
        let mut cmd = super::localized_command_with(lang, false).disable_help_subcommand(true);
        cmd.build();
        let start = files.len();
        man_pages(cmd, &under(MAN_DIR, lang), &mut files)?;
        if lang != Lang::En {
            let loc = Localizer::shared(lang);
            for (_, bytes) in &mut files[start..] {
                *bytes = man_sections(bytes, &loc);
            }
        }
    }
    files.sort();
    Ok(files)
}

/// clap_mangen writes its section titles in English; a language's pages get
/// them from the catalog (`man-section-*`).
fn man_sections(page: &[u8], loc: &Localizer) -> Vec<u8> {
    let mut text = String::from_utf8_lossy(page).into_owned();
    for (english, id) in [
        ("NAME", "man-section-name"),
        ("SYNOPSIS", "man-section-synopsis"),
        ("DESCRIPTION", "man-section-description"),
        ("OPTIONS", "man-section-options"),
        ("SUBCOMMANDS", "man-section-subcommands"),
        ("VERSION", "man-section-version"),
        ("AUTHORS", "man-section-authors"),
        ("EXTRA", "man-section-extra"),
    ] {
        text = text.replace(
            &format!("\n.SH {english}\n"),
            &format!("\n.SH {}\n", loc.get(id)),
        );
    }
    let commands = loc.get("cli-heading-commands");
    text.replace(
        &format!("\n.SH {commands}\n"),
        &format!("\n.SH {}\n", commands.to_uppercase()),
    )
    .into_bytes()
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

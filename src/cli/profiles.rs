//! `treevu profiles`: the merchant profiles on this machine.

use clap::Args;
use serde_json::json;

use crate::config::data_root;
use crate::context::Context;
use crate::output::Column;

#[derive(Debug, Args)]
pub struct ProfilesArgs {}

/// Profiles with a data directory, plus the current one.
pub fn profile_names(ctx: &Context) -> anyhow::Result<Vec<String>> {
    let root = data_root(&crate::config::ProcessEnv)?.join("profiles");
    let mut names: Vec<String> = match std::fs::read_dir(&root) {
        Ok(rd) => rd
            .filter_map(Result::ok)
            .filter(|e| e.path().is_dir())
            .filter_map(|e| e.file_name().into_string().ok())
            .filter(|n| crate::config::validate_profile(n).is_ok())
            .collect(),
        Err(_) => Vec::new(),
    };
    if !names.contains(&ctx.settings.profile) {
        names.push(ctx.settings.profile.clone());
    }
    names.sort();
    Ok(names)
}

pub fn run(_args: ProfilesArgs, ctx: &Context) -> anyhow::Result<u8> {
    let names = profile_names(ctx)?;
    let rows: Vec<_> = names
        .iter()
        .map(|n| {
            let dir = crate::config::profile_dir(
                &data_root(&crate::config::ProcessEnv).unwrap_or_default(),
                n,
            );
            let db = dir.join("treevu.db");
            json!({
                "profile": n,
                "current": *n == ctx.settings.profile,
                "database": db.display().to_string(),
                "exists": db.exists(),
            })
        })
        .collect();
    ctx.printer.records(
        &[
            Column::text("profile", "Profile"),
            Column::text("current", "Current"),
            Column::text("exists", "Has data"),
            Column::text("database", "Database"),
        ],
        &rows,
    )?;
    Ok(crate::exit::OK)
}

//! `treevu schedule`: the crontab line or systemd units that run `treevu sync --due`.

use clap::Args;

use crate::context::Context;

#[derive(Debug, Args)]
pub struct ScheduleArgs {
    /// A crontab line (the default)
    #[arg(long, conflicts_with = "systemd")]
    pub cron: bool,
    /// A systemd user service and timer
    #[arg(long)]
    pub systemd: bool,
    /// Minutes between checks; each account still syncs only when its interval has passed
    #[arg(long, default_value_t = 30, value_parser = clap::value_parser!(u32).range(5..=720))]
    pub every: u32,
}

pub fn run(args: ScheduleArgs, ctx: &Context) -> anyhow::Result<u8> {
    let exe = std::env::current_exe()
        .map(|p| p.display().to_string())
        .unwrap_or_else(|_| "treevu".into());
    let profile = &ctx.settings.profile;
    let profile_arg = if profile == "default" {
        String::new()
    } else {
        format!(" --profile {profile}")
    };
    let text = if args.systemd {
        systemd_units(&exe, &profile_arg, args.every)
    } else {
        cron_line(&exe, &profile_arg, args.every)
    };
    ctx.printer.line(text)?;
    if !args.systemd {
        ctx.printer
            .say(&crate::i18n::Msg::new("schedule-crontab-hint"));
    }
    Ok(crate::exit::OK)
}

/// Checks every `every` minutes; `--due` keeps each account to its own interval.
pub fn cron_line(exe: &str, profile_arg: &str, every: u32) -> String {
    let minutes = if every >= 60 {
        "0".to_string()
    } else {
        format!("*/{every}")
    };
    let hours = if every >= 60 {
        format!("*/{}", every / 60)
    } else {
        "*".to_string()
    };
    format!("{minutes} {hours} * * * {exe}{profile_arg} sync --all --due --quiet")
}

pub fn systemd_units(exe: &str, profile_arg: &str, every: u32) -> String {
    format!(
        "# ~/.config/systemd/user/treevu-sync.service\n\
         [Unit]\n\
         Description=treevu: sync marketplace accounts that are due\n\n\
         [Service]\n\
         Type=oneshot\n\
         ExecStart={exe}{profile_arg} sync --all --due --quiet\n\n\
         # ~/.config/systemd/user/treevu-sync.timer\n\
         [Unit]\n\
         Description=treevu: check every {every} minutes for accounts due to sync\n\n\
         [Timer]\n\
         OnBootSec=5min\n\
         OnUnitActiveSec={every}min\n\
         Persistent=true\n\n\
         [Install]\n\
         WantedBy=timers.target\n\n\
         # enable with: systemctl --user daemon-reload && systemctl --user enable --now treevu-sync.timer"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cron_runs_due_syncs() {
        assert_eq!(
            cron_line("/usr/bin/treevu", "", 30),
            "*/30 * * * * /usr/bin/treevu sync --all --due --quiet"
        );
        assert_eq!(
            cron_line("t", " --profile shop", 120),
            "0 */2 * * * t --profile shop sync --all --due --quiet"
        );
        let units = systemd_units("/x/treevu", "", 15);
        assert!(units.contains("ExecStart=/x/treevu sync --all --due --quiet"));
        assert!(units.contains("OnUnitActiveSec=15min"));
    }
}

//! Failure notices for scheduled runs (the spec's notifyOwner): a configured
//! command gets the notice as JSON on stdin, a configured webhook gets it by POST.

use std::io::Write;
use std::process::{Command, Stdio};
use std::time::Duration;

use serde::Serialize;

use crate::config::SyncSettings;

/// What a failed scheduled run tells the owner.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Notice {
    pub title: String,
    pub content: String,
    pub profile: String,
    pub marketplace: String,
    pub outcome: String,
    pub at: String,
}

#[derive(Debug, thiserror::Error)]
pub enum NotifyError {
    #[error("the notify command could not run: {0}")]
    Command(std::io::Error),
    #[error("the notify command exited with {0}")]
    CommandStatus(std::process::ExitStatus),
    #[error("the notify webhook could not be reached: {0}")]
    Webhook(String),
}

/// Sends the notice everywhere configured; returns where it went (for `sync status`).
pub async fn send(settings: &SyncSettings, notice: &Notice) -> Result<Vec<String>, NotifyError> {
    let body = serde_json::to_string(notice).unwrap_or_default();
    let mut sent = Vec::new();
    if let Some(cmd) = &settings.notify_command {
        let cmd = cmd.clone();
        let body = body.clone();
        tokio::task::spawn_blocking(move || run_command(&cmd, &body))
            .await
            .map_err(|e| NotifyError::Command(std::io::Error::other(e)))??;
        sent.push("command".to_string());
    }
    if let Some(url) = &settings.notify_webhook {
        let client = crate::net::webhook_client(Duration::from_secs(10))
            .map_err(|e| NotifyError::Webhook(e.to_string()))?;
        let resp = client
            .post(url)
            .header("content-type", "application/json")
            .body(body)
            .send()
            .await
            .map_err(|e| NotifyError::Webhook(e.without_url().to_string()))?;
        if !resp.status().is_success() {
            return Err(NotifyError::Webhook(format!("answered {}", resp.status())));
        }
        sent.push("webhook".to_string());
    }
    Ok(sent)
}

fn run_command(cmd: &str, body: &str) -> Result<(), NotifyError> {
    let mut child = Command::new("sh")
        .arg("-c")
        .arg(cmd)
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .map_err(NotifyError::Command)?;
    if let Some(mut stdin) = child.stdin.take() {
        let _ = stdin.write_all(body.as_bytes());
    }
    let status = child.wait().map_err(NotifyError::Command)?;
    if status.success() {
        Ok(())
    } else {
        Err(NotifyError::CommandStatus(status))
    }
}

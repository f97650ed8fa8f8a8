//! Settings: the TOML config file, defaults, and `TREEVU_*` environment overrides.
//!
//! Precedence, highest first: command-line flags, environment, config file,
//! built-in defaults (the spec's production URLs). `TREEVU_SANDBOX` points the
//! three marketplaces at a running `treevu sandbox serve`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::domain::Marketplace;

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("cannot read the config file {path}: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("the config file {path} is not valid TOML: {message}; fix it or move it aside")]
    Parse { path: PathBuf, message: String },
    #[error("{name}={value} is not valid: {why}")]
    Env {
        name: String,
        value: String,
        why: String,
    },
    #[error("{key} = {value} in the config file {path} is not valid: {why}")]
    FileValue {
        path: PathBuf,
        key: String,
        value: String,
        why: String,
    },
    #[error("no home directory: set HOME, or XDG_CONFIG_HOME and XDG_DATA_HOME")]
    NoHome,
    #[error("profile name '{0}' is not valid: use letters, digits, '-' and '_' (up to 64)")]
    BadProfile(String),
}

/// Where one marketplace's API and OAuth endpoints live, and the app's credentials.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(default, deny_unknown_fields)]
pub struct MarketplaceEndpoint {
    /// API base URL, e.g. `https://api.olx.com/v2`.
    pub api_base: String,
    /// OAuth authorization endpoint (OLX, Inmuebles24).
    pub authorize_url: Option<String>,
    /// OAuth token endpoint (OLX, Inmuebles24).
    pub token_url: Option<String>,
    /// OAuth token revocation endpoint (RFC 7009), when the provider has one.
    pub revoke_url: Option<String>,
    /// The treevu app's OAuth client id at this marketplace.
    pub client_id: Option<String>,
    /// The treevu app's API key (`X-API-Key`) for OLX and Inmuebles24. Not a
    /// merchant secret: it identifies the app. Autofact's key is the merchant's
    /// and lives in the secret store.
    pub app_key: Option<String>,
}

impl MarketplaceEndpoint {
    /// The spec's production URLs.
    pub fn production(m: Marketplace) -> Self {
        match m {
            Marketplace::Olx => MarketplaceEndpoint {
                api_base: "https://api.olx.com/v2".into(),
                authorize_url: Some("https://auth.olx.com/oauth/authorize".into()),
                token_url: Some("https://auth.olx.com/oauth/token".into()),
                revoke_url: Some("https://auth.olx.com/oauth/revoke".into()),
                client_id: None,
                app_key: None,
            },
            Marketplace::Inmuebles24 => MarketplaceEndpoint {
                api_base: "https://api.inmuebles24.com/v1".into(),
                authorize_url: Some("https://auth.inmuebles24.com/oauth/authorize".into()),
                token_url: Some("https://auth.inmuebles24.com/oauth/token".into()),
                revoke_url: None,
                client_id: None,
                app_key: None,
            },
            Marketplace::Autofact => MarketplaceEndpoint {
                api_base: "https://api.autofact.pe/v1".into(),
                ..Default::default()
            },
        }
    }

    /// The endpoints of a `treevu sandbox serve` at `base` (e.g. `http://127.0.0.1:8080`).
    pub fn sandbox(m: Marketplace, base: &str) -> Self {
        let base = base.trim_end_matches('/');
        match m {
            Marketplace::Olx => MarketplaceEndpoint {
                api_base: format!("{base}/olx/v2"),
                authorize_url: Some(format!("{base}/olx/oauth/authorize")),
                token_url: Some(format!("{base}/olx/oauth/token")),
                revoke_url: Some(format!("{base}/olx/oauth/revoke")),
                client_id: None,
                app_key: None,
            },
            Marketplace::Inmuebles24 => MarketplaceEndpoint {
                api_base: format!("{base}/inmuebles24/v1"),
                authorize_url: Some(format!("{base}/inmuebles24/oauth/authorize")),
                token_url: Some(format!("{base}/inmuebles24/oauth/token")),
                revoke_url: None,
                client_id: None,
                app_key: None,
            },
            Marketplace::Autofact => MarketplaceEndpoint {
                api_base: format!("{base}/autofact/v1"),
                ..Default::default()
            },
        }
    }
}

/// Sync cadence and failure notices.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct SyncSettings {
    /// Hours between `sync --due` runs, per marketplace.
    pub interval_hours: BTreeMap<String, u32>,
    /// A command run (through `sh -c`) when a scheduled sync fails; the JSON notice on stdin.
    pub notify_command: Option<String>,
    /// A URL that receives the JSON notice by POST when a scheduled sync fails.
    pub notify_webhook: Option<String>,
    /// Fit the pricing models at the end of a sync that changed the market
    /// pool, so the next estimate does not fit first.
    pub fit_models: bool,
}

impl Default for SyncSettings {
    fn default() -> Self {
        SyncSettings {
            interval_hours: Marketplace::ALL
                .iter()
                .map(|m| (m.as_str().to_string(), m.default_sync_interval_hours()))
                .collect(),
            notify_command: None,
            notify_webhook: None,
            fit_models: true,
        }
    }
}

/// Pricing knobs a merchant may want to change.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct PricingSettings {
    /// Soles per US dollar, for items quoted in another currency than their comparables.
    pub pen_per_usd: f64,
}

impl Default for PricingSettings {
    fn default() -> Self {
        PricingSettings {
            pen_per_usd: DEFAULT_PEN_PER_USD,
        }
    }
}

/// Default exchange rate (PEN per USD), near the SBS average of 2025–2026.
pub const DEFAULT_PEN_PER_USD: f64 = 3.75;

/// The guard of `recommend --apply` (docs/pricing.md, "Guarded write-back").
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ApplySettings {
    /// Largest change, as a share of the current price, sent without `--force`.
    pub max_change: f64,
    /// Lowest confidence (0..1) of a recommendation sent without `--force`.
    pub min_confidence: f64,
}

impl Default for ApplySettings {
    fn default() -> Self {
        ApplySettings {
            max_change: DEFAULT_APPLY_MAX_CHANGE,
            min_confidence: DEFAULT_APPLY_MIN_CONFIDENCE,
        }
    }
}

/// A recommended price more than 20% from the asking price is sent only with `--force`.
pub const DEFAULT_APPLY_MAX_CHANGE: f64 = 0.20;
/// A recommendation less than 40% confident (a range wider than about ±40%)
/// is sent only with `--force`.
pub const DEFAULT_APPLY_MIN_CONFIDENCE: f64 = 0.40;

impl ApplySettings {
    /// `max_change`: a share above 0 (1 = 100%); `min_confidence`: 0..=1.
    /// The same checks whether a value comes from the file or the environment.
    fn check(key: &str, v: f64) -> Result<f64, String> {
        match key {
            "max_change" if v.is_finite() && v > 0.0 => Ok(v),
            "max_change" => Err("expected a share above 0, such as 0.2 for 20%".into()),
            _ if v.is_finite() && (0.0..=1.0).contains(&v) => Ok(v),
            _ => Err("expected a confidence from 0 to 1, such as 0.4".into()),
        }
    }

    fn resolve(file: &ApplySettings, path: &Path, env: &dyn Env) -> Result<Self, ConfigError> {
        let mut out = file.clone();
        for (key, value, var) in [
            ("max_change", &mut out.max_change, "TREEVU_APPLY_MAX_CHANGE"),
            (
                "min_confidence",
                &mut out.min_confidence,
                "TREEVU_APPLY_MIN_CONFIDENCE",
            ),
        ] {
            *value = Self::check(key, *value).map_err(|why| ConfigError::FileValue {
                path: path.to_path_buf(),
                key: format!("apply.{key}"),
                value: value.to_string(),
                why,
            })?;
            if let Some(text) = env.var(var) {
                *value = text
                    .trim()
                    .parse::<f64>()
                    .map_err(|_| "not a number".to_string())
                    .and_then(|v| Self::check(key, v))
                    .map_err(|why| ConfigError::Env {
                        name: var.into(),
                        value: text.clone(),
                        why,
                    })?;
            }
        }
        Ok(out)
    }
}

/// An OpenAI-compatible endpoint for `recommend --explain`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(default, deny_unknown_fields)]
pub struct LlmSettings {
    pub url: Option<String>,
    pub model: Option<String>,
}

/// The config file as written by a user.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(default, deny_unknown_fields)]
pub struct FileConfig {
    pub marketplaces: BTreeMap<String, MarketplaceEndpoint>,
    pub sync: SyncSettings,
    pub pricing: PricingSettings,
    pub llm: LlmSettings,
    pub apply: ApplySettings,
}

impl FileConfig {
    pub fn parse(text: &str, path: &Path) -> Result<Self, ConfigError> {
        toml::from_str(text).map_err(|e| ConfigError::Parse {
            path: path.to_path_buf(),
            message: e.to_string(),
        })
    }

    /// Reads `path`; a missing file is the defaults.
    pub fn load(path: &Path) -> Result<Self, ConfigError> {
        match std::fs::read_to_string(path) {
            Ok(text) => Self::parse(&text, path),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Self::default()),
            Err(source) => Err(ConfigError::Read {
                path: path.to_path_buf(),
                source,
            }),
        }
    }
}

/// Everything resolved: file, environment and defaults merged.
#[derive(Debug, Clone)]
pub struct Settings {
    pub profile: String,
    pub config_path: PathBuf,
    pub data_dir: PathBuf,
    pub db_path: PathBuf,
    pub endpoints: BTreeMap<Marketplace, MarketplaceEndpoint>,
    /// Set when `TREEVU_SANDBOX` points the marketplaces at a sandbox.
    pub sandbox: Option<String>,
    pub sync: SyncSettings,
    pub pricing: PricingSettings,
    pub llm: LlmSettings,
    pub apply: ApplySettings,
}

/// A read-only view of the environment, so tests can resolve settings without mutating the process.
pub trait Env {
    fn var(&self, name: &str) -> Option<String>;
}

/// The real process environment.
pub struct ProcessEnv;

impl Env for ProcessEnv {
    fn var(&self, name: &str) -> Option<String> {
        std::env::var(name).ok().filter(|v| !v.is_empty())
    }
}

impl Env for BTreeMap<String, String> {
    fn var(&self, name: &str) -> Option<String> {
        self.get(name).cloned().filter(|v| !v.is_empty())
    }
}

/// Command-line choices that outrank the environment.
#[derive(Debug, Clone, Default)]
pub struct Overrides {
    pub profile: Option<String>,
    pub config: Option<PathBuf>,
    pub db: Option<PathBuf>,
}

/// `$XDG_CONFIG_HOME/treevu`, else `~/.config/treevu`.
pub fn config_dir(env: &dyn Env) -> Result<PathBuf, ConfigError> {
    xdg_dir(env, "XDG_CONFIG_HOME", ".config")
}

/// `$XDG_DATA_HOME/treevu`, else `~/.local/share/treevu`.
pub fn data_root(env: &dyn Env) -> Result<PathBuf, ConfigError> {
    xdg_dir(env, "XDG_DATA_HOME", ".local/share")
}

fn xdg_dir(env: &dyn Env, var: &str, fallback: &str) -> Result<PathBuf, ConfigError> {
    // The XDG spec says relative paths are invalid and must be ignored.
    if let Some(dir) = env.var(var).map(PathBuf::from).filter(|p| p.is_absolute()) {
        return Ok(dir.join("treevu"));
    }
    let home = env.var("HOME").ok_or(ConfigError::NoHome)?;
    Ok(PathBuf::from(home).join(fallback).join("treevu"))
}

pub fn validate_profile(name: &str) -> Result<(), ConfigError> {
    let ok = !name.is_empty()
        && name.len() <= 64
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    if ok {
        Ok(())
    } else {
        Err(ConfigError::BadProfile(name.to_string()))
    }
}

/// Directory of one profile's data: `<data root>/profiles/<name>`.
pub fn profile_dir(data_root: &Path, profile: &str) -> PathBuf {
    data_root.join("profiles").join(profile)
}

impl Settings {
    /// Resolves settings from flags, environment, config file and defaults.
    pub fn resolve(overrides: &Overrides, env: &dyn Env) -> Result<Settings, ConfigError> {
        let profile = overrides
            .profile
            .clone()
            .or_else(|| env.var("TREEVU_PROFILE"))
            .unwrap_or_else(|| "default".into());
        validate_profile(&profile)?;
        let config_path = match overrides
            .config
            .clone()
            .or_else(|| env.var("TREEVU_CONFIG").map(PathBuf::from))
        {
            Some(p) => p,
            None => config_dir(env)?.join("config.toml"),
        };
        let file = FileConfig::load(&config_path)?;
        let data_root = data_root(env)?;
        let data_dir = profile_dir(&data_root, &profile);
        let db_path = overrides
            .db
            .clone()
            .or_else(|| env.var("TREEVU_DB").map(PathBuf::from))
            .unwrap_or_else(|| data_dir.join("treevu.db"));

        let sandbox = env
            .var("TREEVU_SANDBOX")
            .map(|s| s.trim_end_matches('/').to_string());
        let mut endpoints = BTreeMap::new();
        for m in Marketplace::ALL {
            let mut ep = match &sandbox {
                Some(base) => MarketplaceEndpoint::sandbox(m, base),
                None => MarketplaceEndpoint::production(m),
            };
            if sandbox.is_none()
                && let Some(f) = file.marketplaces.get(m.as_str())
            {
                merge_endpoint(&mut ep, f);
            }
            apply_endpoint_env(&mut ep, m, env);
            endpoints.insert(m, ep);
        }

        let mut sync = file.sync.clone();
        for m in Marketplace::ALL {
            let name = format!("{}_SYNC_INTERVAL_HOURS", m.env_prefix());
            if let Some(v) = env.var(&name) {
                let hours: u32 =
                    v.parse()
                        .ok()
                        .filter(|h| *h > 0)
                        .ok_or_else(|| ConfigError::Env {
                            name: name.clone(),
                            value: v.clone(),
                            why: "expected a whole number of hours above 0".into(),
                        })?;
                sync.interval_hours.insert(m.as_str().into(), hours);
            }
        }
        if let Some(v) = env.var("TREEVU_NOTIFY_COMMAND") {
            sync.notify_command = Some(v);
        }
        if let Some(v) = env.var("TREEVU_NOTIFY_WEBHOOK") {
            sync.notify_webhook = Some(v);
        }
        if let Some(v) = env.var("TREEVU_SYNC_FIT_MODELS") {
            sync.fit_models = match v.trim().to_ascii_lowercase().as_str() {
                "1" | "true" | "yes" | "on" => true,
                "0" | "false" | "no" | "off" => false,
                _ => {
                    return Err(ConfigError::Env {
                        name: "TREEVU_SYNC_FIT_MODELS".into(),
                        value: v.clone(),
                        why: "expected true or false".into(),
                    });
                }
            };
        }
        let mut pricing = file.pricing.clone();
        if let Some(v) = env.var("TREEVU_PEN_PER_USD") {
            pricing.pen_per_usd = v
                .parse()
                .ok()
                .filter(|r: &f64| r.is_finite() && *r > 0.0)
                .ok_or_else(|| ConfigError::Env {
                    name: "TREEVU_PEN_PER_USD".into(),
                    value: v.clone(),
                    why: "expected a positive number such as 3.75".into(),
                })?;
        }
        let mut llm = file.llm.clone();
        if let Some(v) = env.var("TREEVU_LLM_URL") {
            llm.url = Some(v);
        }
        if let Some(v) = env.var("TREEVU_LLM_MODEL") {
            llm.model = Some(v);
        }
        let apply = ApplySettings::resolve(&file.apply, &config_path, env)?;
        Ok(Settings {
            profile,
            config_path,
            data_dir,
            db_path,
            endpoints,
            sandbox,
            sync,
            pricing,
            llm,
            apply,
        })
    }

    pub fn endpoint(&self, m: Marketplace) -> &MarketplaceEndpoint {
        &self.endpoints[&m]
    }

    /// Hours between due syncs of `m`.
    pub fn sync_interval_hours(&self, m: Marketplace) -> u32 {
        self.sync
            .interval_hours
            .get(m.as_str())
            .copied()
            .unwrap_or(m.default_sync_interval_hours())
    }
}

fn merge_endpoint(ep: &mut MarketplaceEndpoint, f: &MarketplaceEndpoint) {
    if !f.api_base.is_empty() {
        ep.api_base = f.api_base.clone();
    }
    for (dst, src) in [
        (&mut ep.authorize_url, &f.authorize_url),
        (&mut ep.token_url, &f.token_url),
        (&mut ep.revoke_url, &f.revoke_url),
        (&mut ep.client_id, &f.client_id),
        (&mut ep.app_key, &f.app_key),
    ] {
        if src.is_some() {
            *dst = src.clone();
        }
    }
}

fn apply_endpoint_env(ep: &mut MarketplaceEndpoint, m: Marketplace, env: &dyn Env) {
    let p = m.env_prefix();
    if let Some(v) = env.var(&format!("{p}_API_BASE")) {
        ep.api_base = v;
    }
    for (suffix, dst) in [
        ("AUTHORIZE_URL", &mut ep.authorize_url),
        ("TOKEN_URL", &mut ep.token_url),
        ("REVOKE_URL", &mut ep.revoke_url),
        ("CLIENT_ID", &mut ep.client_id),
        ("APP_KEY", &mut ep.app_key),
    ] {
        if let Some(v) = env.var(&format!("{p}_{suffix}")) {
            *dst = Some(v);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn defaults_are_the_spec_production_urls_and_xdg_dirs() {
        let e = env(&[("HOME", "/home/ana")]);
        let s = Settings::resolve(&Overrides::default(), &e).unwrap();
        assert_eq!(
            s.endpoint(Marketplace::Olx).api_base,
            "https://api.olx.com/v2"
        );
        assert_eq!(
            s.endpoint(Marketplace::Autofact).api_base,
            "https://api.autofact.pe/v1"
        );
        assert_eq!(
            s.config_path,
            PathBuf::from("/home/ana/.config/treevu/config.toml")
        );
        assert_eq!(
            s.db_path,
            PathBuf::from("/home/ana/.local/share/treevu/profiles/default/treevu.db")
        );
        assert_eq!(s.sync_interval_hours(Marketplace::Inmuebles24), 12);
    }

    #[test]
    fn sandbox_env_points_all_three_at_loopback() {
        let e = env(&[("HOME", "/h"), ("TREEVU_SANDBOX", "http://127.0.0.1:9999/")]);
        let s = Settings::resolve(&Overrides::default(), &e).unwrap();
        assert_eq!(
            s.endpoint(Marketplace::Olx).api_base,
            "http://127.0.0.1:9999/olx/v2"
        );
        assert_eq!(
            s.endpoint(Marketplace::Inmuebles24).token_url.as_deref(),
            Some("http://127.0.0.1:9999/inmuebles24/oauth/token")
        );
        assert_eq!(
            s.endpoint(Marketplace::Autofact).api_base,
            "http://127.0.0.1:9999/autofact/v1"
        );
    }

    #[test]
    fn file_then_env_then_flags() {
        let dir = tempfile::tempdir().unwrap();
        let cfg = dir.path().join("c.toml");
        std::fs::write(&cfg, "[marketplaces.olx]\napi_base = \"https://olx.example/v2\"\nclient_id = \"abc\"\n[sync.interval_hours]\nolx = 3\n").unwrap();
        let e = env(&[
            ("HOME", "/h"),
            ("TREEVU_OLX_CLIENT_ID", "fromenv"),
            ("TREEVU_PROFILE", "envprof"),
        ]);
        let o = Overrides {
            config: Some(cfg),
            profile: Some("shop-2".into()),
            db: None,
        };
        let s = Settings::resolve(&o, &e).unwrap();
        assert_eq!(
            s.endpoint(Marketplace::Olx).api_base,
            "https://olx.example/v2"
        );
        assert_eq!(
            s.endpoint(Marketplace::Olx).client_id.as_deref(),
            Some("fromenv")
        );
        assert_eq!(s.sync_interval_hours(Marketplace::Olx), 3);
        assert_eq!(s.profile, "shop-2");
        assert!(s.db_path.ends_with("profiles/shop-2/treevu.db"));
    }

    #[test]
    fn bad_config_and_env_are_named() {
        let dir = tempfile::tempdir().unwrap();
        let cfg = dir.path().join("c.toml");
        std::fs::write(&cfg, "[marketplaces.olx\n").unwrap();
        let o = Overrides {
            config: Some(cfg.clone()),
            ..Default::default()
        };
        let err = Settings::resolve(&o, &env(&[("HOME", "/h")]))
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("c.toml") && err.contains("not valid TOML"),
            "{err}"
        );

        std::fs::write(&cfg, "[sync]\nbogus = 1\n").unwrap();
        let err = Settings::resolve(&o, &env(&[("HOME", "/h")]))
            .unwrap_err()
            .to_string();
        assert!(err.contains("bogus"), "{err}");

        let err = Settings::resolve(
            &Overrides::default(),
            &env(&[("HOME", "/h"), ("TREEVU_PEN_PER_USD", "-1")]),
        )
        .unwrap_err()
        .to_string();
        assert!(err.contains("TREEVU_PEN_PER_USD"), "{err}");
        let err = Settings::resolve(
            &Overrides {
                profile: Some("../x".into()),
                ..Default::default()
            },
            &env(&[("HOME", "/h")]),
        )
        .unwrap_err()
        .to_string();
        assert!(err.contains("profile name"), "{err}");
    }

    #[test]
    fn the_apply_guard_is_checked_alike_from_the_file_and_the_environment() {
        let dir = tempfile::tempdir().unwrap();
        let cfg = dir.path().join("c.toml");
        let o = Overrides {
            config: Some(cfg.clone()),
            ..Default::default()
        };
        let home = env(&[("HOME", "/h")]);
        let s = Settings::resolve(&o, &home).unwrap();
        assert_eq!(s.apply, ApplySettings::default());
        assert_eq!((s.apply.max_change, s.apply.min_confidence), (0.2, 0.4));
        std::fs::write(&cfg, "[apply]\nmax_change = 0.1\nmin_confidence = 0.6\n").unwrap();
        let s = Settings::resolve(&o, &home).unwrap();
        assert_eq!((s.apply.max_change, s.apply.min_confidence), (0.1, 0.6));
        let s = Settings::resolve(
            &o,
            &env(&[("HOME", "/h"), ("TREEVU_APPLY_MAX_CHANGE", "0.05")]),
        )
        .unwrap();
        assert_eq!(s.apply.max_change, 0.05, "the environment wins");
        assert!(
            s.sync.fit_models,
            "models are fitted after a sync by default"
        );
        let off = Settings::resolve(&o, &env(&[("HOME", "/h"), ("TREEVU_SYNC_FIT_MODELS", "0")]));
        assert!(!off.unwrap().sync.fit_models);
        let bad = Settings::resolve(
            &o,
            &env(&[("HOME", "/h"), ("TREEVU_SYNC_FIT_MODELS", "maybe")]),
        );
        assert!(
            bad.unwrap_err()
                .to_string()
                .contains("TREEVU_SYNC_FIT_MODELS")
        );
        for (file, var, value) in [
            ("max_change = -1", "TREEVU_APPLY_MAX_CHANGE", "-1"),
            ("max_change = 0", "TREEVU_APPLY_MAX_CHANGE", "0"),
            ("min_confidence = 1.5", "TREEVU_APPLY_MIN_CONFIDENCE", "1.5"),
            ("min_confidence = nan", "TREEVU_APPLY_MIN_CONFIDENCE", "NaN"),
        ] {
            std::fs::write(&cfg, format!("[apply]\n{file}\n")).unwrap();
            let err = Settings::resolve(&o, &home).unwrap_err().to_string();
            let key = file.split(' ').next().unwrap();
            assert!(
                err.contains(&format!("apply.{key}"))
                    && err.contains("c.toml")
                    && err.contains("expected"),
                "{file}: {err}"
            );
            std::fs::write(&cfg, "").unwrap();
            let err = Settings::resolve(&o, &env(&[("HOME", "/h"), (var, value)]))
                .unwrap_err()
                .to_string();
            assert!(
                err.contains(var) && err.contains("expected"),
                "{var}={value}: {err}"
            );
        }
    }
}

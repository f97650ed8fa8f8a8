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
    /// A setting with a value it cannot have, wherever it came from:
    /// `setting` names the source (`TREEVU_X=v`, or the key and the file).
    #[error("{setting} is not valid: {why}")]
    Invalid { setting: String, why: String },
    #[error(
        "unknown marketplace '{name}' in [{table}] of {path}: expected olx, inmuebles24 or autofact"
    )]
    UnknownMarketplace {
        path: PathBuf,
        table: String,
        name: String,
    },
    #[error(
        "{path} holds a client_secret under [marketplaces.{marketplace}]: secrets never go in the config file. Delete that line and store the secret with 'treevu auth client-secret {marketplace}' (it goes to the keyring)"
    )]
    SecretInFile { path: PathBuf, marketplace: String },
    #[error("no home directory: set HOME, or XDG_CONFIG_HOME and XDG_DATA_HOME")]
    NoHome,
    #[error("profile name '{0}' is not valid: use letters, digits, '-' and '_' (up to 64)")]
    BadProfile(String),
    /// The message names the URL without its password.
    #[error("--database-url / TREEVU_DATABASE_URL: {0}")]
    DatabaseUrl(String),
    #[error(
        "--db and --database-url name two stores: give one (--db is a SQLite file, --database-url a PostgreSQL server)"
    )]
    TwoStores,
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
    /// OAuth scopes asked for at sign-in, space-separated (OLX, Inmuebles24).
    pub scope: Option<String>,
    /// How treevu proves it is the app at the token endpoint (RFC 7591 names):
    /// `none` (a public client: PKCE only), `client_secret_basic` or
    /// `client_secret_post`. Unset: `client_secret_basic` when a client secret
    /// is stored (`treevu auth client-secret`), else `none`.
    pub token_endpoint_auth_method: Option<String>,
    /// Never honoured: the client secret lives in the keyring. Read only to
    /// refuse it with a clear message; its value is not kept.
    #[serde(skip_serializing)]
    pub client_secret: Option<NotKept>,
}

/// A config value that is refused whatever it holds (a secret in the config
/// file): deserialised without keeping its content, so no `Debug` or error
/// can show it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct NotKept;

impl<'de> Deserialize<'de> for NotKept {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<NotKept, D::Error> {
        serde::de::IgnoredAny::deserialize(d)?;
        Ok(NotKept)
    }
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
                ..Default::default()
            },
            Marketplace::Inmuebles24 => MarketplaceEndpoint {
                api_base: "https://api.inmuebles24.com/v1".into(),
                authorize_url: Some("https://auth.inmuebles24.com/oauth/authorize".into()),
                token_url: Some("https://auth.inmuebles24.com/oauth/token".into()),
                ..Default::default()
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
                ..Default::default()
            },
            Marketplace::Inmuebles24 => MarketplaceEndpoint {
                api_base: format!("{base}/inmuebles24/v1"),
                authorize_url: Some(format!("{base}/inmuebles24/oauth/authorize")),
                token_url: Some(format!("{base}/inmuebles24/oauth/token")),
                ..Default::default()
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

/// Default exchange rate (PEN per USD): one figure, the pricing engine's.
pub use crate::domain::DEFAULT_PEN_PER_USD;

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

    /// The environment's guard settings over the file's, noted in `from_env`.
    fn apply_env(
        &mut self,
        env: &dyn Env,
        from_env: &mut BTreeMap<String, String>,
    ) -> Result<(), ConfigError> {
        for (key, value, var) in [
            (
                "max_change",
                &mut self.max_change,
                "TREEVU_APPLY_MAX_CHANGE",
            ),
            (
                "min_confidence",
                &mut self.min_confidence,
                "TREEVU_APPLY_MIN_CONFIDENCE",
            ),
        ] {
            if let Some(text) = env.var(var) {
                // Not a number: the same words as for a number out of range.
                *value = text
                    .trim()
                    .parse::<f64>()
                    .map_err(|_| ConfigError::Invalid {
                        setting: format!("{var}={text}"),
                        why: Self::check(key, f64::NAN).unwrap_err(),
                    })?;
                from_env.insert(format!("apply.{key}"), var.into());
            }
        }
        Ok(())
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
    /// The interface language (`es` or `en`), below `--lang` and `TREEVU_LANG`
    /// and above the locale; read before parsing by `i18n::select::prescan`.
    pub lang: Option<String>,
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
    /// The PostgreSQL store instead of the SQLite file (`--database-url`).
    pub database_url: Option<crate::store::DatabaseUrl>,
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
    /// Set to anything but empty, even to bytes that are not UTF-8.
    fn is_set(&self, name: &str) -> bool {
        self.var(name).is_some()
    }
}

/// The real process environment.
pub struct ProcessEnv;

impl Env for ProcessEnv {
    fn var(&self, name: &str) -> Option<String> {
        std::env::var(name).ok().filter(|v| !v.is_empty())
    }
    fn is_set(&self, name: &str) -> bool {
        std::env::var_os(name).is_some_and(|v| !v.is_empty())
    }
}

/// An environment with some names hidden: `treevu demo` hides the token overrides so
/// it never uses the merchant's real credentials.
pub struct Hiding<E> {
    pub inner: E,
    pub names: &'static [&'static str],
}

impl<E: Env> Env for Hiding<E> {
    fn var(&self, name: &str) -> Option<String> {
        if self.names.contains(&name) {
            None
        } else {
            self.inner.var(name)
        }
    }
    fn is_set(&self, name: &str) -> bool {
        !self.names.contains(&name) && self.inner.is_set(name)
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
    /// `--database-url` as given (with its password: never print it).
    pub database_url: Option<String>,
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
    ///
    /// Every value goes through one check ([`check`]) whether it came from the
    /// file or the environment; only the way a bad one is named differs.
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
        check_file_tables(&file, &config_path)?;
        let data_root = data_root(env)?;
        let data_dir = profile_dir(&data_root, &profile);
        let db_path = overrides
            .db
            .clone()
            .or_else(|| env.var("TREEVU_DB").map(PathBuf::from))
            .unwrap_or_else(|| data_dir.join("treevu.db"));
        let database_url = match overrides
            .database_url
            .clone()
            .or_else(|| env.var("TREEVU_DATABASE_URL"))
        {
            Some(text) => Some(
                crate::store::DatabaseUrl::parse(&text)
                    .map_err(|e| ConfigError::DatabaseUrl(e.to_string()))?,
            ),
            None => None,
        };
        if database_url.is_some() && (overrides.db.is_some() || env.var("TREEVU_DB").is_some()) {
            return Err(ConfigError::TwoStores);
        }

        // Which settings the environment set, by key, and the variable's name.
        let mut from_env = BTreeMap::new();
        let sandbox = match env.var("TREEVU_SANDBOX") {
            Some(v) => {
                from_env.insert("sandbox".to_string(), "TREEVU_SANDBOX".to_string());
                Some(v.trim().trim_end_matches('/').to_string())
            }
            None => None,
        };
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
            apply_endpoint_env(&mut ep, m, env, &mut from_env);
            endpoints.insert(m, ep);
        }

        let mut sync = file.sync.clone();
        for m in Marketplace::ALL {
            // A file naming one marketplace's interval keeps the others' defaults.
            sync.interval_hours
                .entry(m.as_str().into())
                .or_insert(m.default_sync_interval_hours());
            let name = format!("{}_SYNC_INTERVAL_HOURS", m.env_prefix());
            if let Some(v) = env.var(&name) {
                let hours = v.trim().parse::<u32>().map_err(|_| ConfigError::Invalid {
                    setting: format!("{name}={v}"),
                    why: INTERVAL_WHY.into(),
                })?;
                sync.interval_hours.insert(m.as_str().into(), hours);
                from_env.insert(format!("sync.interval_hours.{}", m.as_str()), name);
            }
        }
        if let Some(v) = env.var("TREEVU_NOTIFY_COMMAND") {
            sync.notify_command = Some(v);
            from_env.insert("sync.notify_command".into(), "TREEVU_NOTIFY_COMMAND".into());
        }
        if let Some(v) = env.var("TREEVU_NOTIFY_WEBHOOK") {
            sync.notify_webhook = Some(v);
            from_env.insert("sync.notify_webhook".into(), "TREEVU_NOTIFY_WEBHOOK".into());
        }
        if let Some(v) = env.var("TREEVU_SYNC_FIT_MODELS") {
            sync.fit_models = match v.trim().to_ascii_lowercase().as_str() {
                "1" | "true" | "yes" | "on" => true,
                "0" | "false" | "no" | "off" => false,
                _ => {
                    return Err(ConfigError::Invalid {
                        setting: format!("TREEVU_SYNC_FIT_MODELS={v}"),
                        why: "expected true or false".into(),
                    });
                }
            };
        }
        let mut pricing = file.pricing.clone();
        if let Some(v) = env.var("TREEVU_PEN_PER_USD") {
            pricing.pen_per_usd = v.trim().parse().map_err(|_| ConfigError::Invalid {
                setting: format!("TREEVU_PEN_PER_USD={v}"),
                why: PEN_PER_USD_WHY.into(),
            })?;
            from_env.insert("pricing.pen_per_usd".into(), "TREEVU_PEN_PER_USD".into());
        }
        let mut apply = file.apply.clone();
        apply.apply_env(env, &mut from_env)?;
        let mut llm = file.llm.clone();
        if let Some(v) = env.var("TREEVU_LLM_URL") {
            llm.url = Some(v);
            from_env.insert("llm.url".into(), "TREEVU_LLM_URL".into());
        }
        if let Some(v) = env.var("TREEVU_LLM_MODEL") {
            llm.model = Some(v);
            from_env.insert("llm.model".into(), "TREEVU_LLM_MODEL".into());
        }
        let settings = Settings {
            profile,
            config_path,
            data_dir,
            db_path,
            database_url,
            endpoints,
            sandbox,
            sync,
            pricing,
            apply,
            llm,
        };
        if let Err(p) = check(&settings) {
            let setting = match from_env.get(&p.key) {
                Some(var) => format!("{var}={}", p.shown),
                None => format!(
                    "{} = {} in {}",
                    p.key,
                    p.shown,
                    settings.config_path.display()
                ),
            };
            return Err(ConfigError::Invalid {
                setting,
                why: p.why,
            });
        }
        Ok(settings)
    }

    pub fn endpoint(&self, m: Marketplace) -> &MarketplaceEndpoint {
        &self.endpoints[&m]
    }

    /// The server a stored secret of `m` belongs to when it is not the
    /// production service (a sandbox, a staging server): its API origin, and
    /// its token endpoint's origin when that is elsewhere. `None` for production.
    pub fn secret_realm(&self, m: Marketplace) -> Option<String> {
        let ep = self.endpoint(m);
        let prod = MarketplaceEndpoint::production(m);
        let api = origin(&ep.api_base);
        let issuer = ep.token_url.as_deref().map(origin);
        if api == origin(&prod.api_base) && issuer == prod.token_url.as_deref().map(origin) {
            return None;
        }
        Some(match issuer {
            Some(i) if i != api => format!("{api}+{i}"),
            _ => api,
        })
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
        (&mut ep.scope, &f.scope),
        (
            &mut ep.token_endpoint_auth_method,
            &f.token_endpoint_auth_method,
        ),
    ] {
        if src.is_some() {
            *dst = src.clone();
        }
    }
}

/// The environment's endpoint settings (`TREEVU_OLX_API_BASE`, ...), noted in
/// `from_env` under their setting's key.
fn apply_endpoint_env(
    ep: &mut MarketplaceEndpoint,
    m: Marketplace,
    env: &dyn Env,
    from_env: &mut BTreeMap<String, String>,
) {
    let p = m.env_prefix();
    let key = |field: &str| format!("marketplaces.{}.{field}", m.as_str());
    if let Some(v) = env.var(&format!("{p}_API_BASE")) {
        ep.api_base = v;
        from_env.insert(key("api_base"), format!("{p}_API_BASE"));
    }
    for (suffix, field, dst) in [
        ("AUTHORIZE_URL", "authorize_url", &mut ep.authorize_url),
        ("TOKEN_URL", "token_url", &mut ep.token_url),
        ("REVOKE_URL", "revoke_url", &mut ep.revoke_url),
        ("CLIENT_ID", "client_id", &mut ep.client_id),
        ("APP_KEY", "app_key", &mut ep.app_key),
        ("SCOPE", "scope", &mut ep.scope),
        (
            "TOKEN_ENDPOINT_AUTH_METHOD",
            "token_endpoint_auth_method",
            &mut ep.token_endpoint_auth_method,
        ),
    ] {
        if let Some(v) = env.var(&format!("{p}_{suffix}")) {
            *dst = Some(v);
            from_env.insert(key(field), format!("{p}_{suffix}"));
        }
    }
}

const INTERVAL_WHY: &str = "expected a whole number of hours above 0, such as 6";
const PEN_PER_USD_WHY: &str = "expected a positive number of soles per US dollar, such as 3.75";

/// The values `token_endpoint_auth_method` may take.
pub const TOKEN_AUTH_METHODS: [&str; 3] = ["none", "client_secret_basic", "client_secret_post"];

/// A setting whose value it cannot have: its key (`pricing.pen_per_usd`),
/// the value as it may be shown, and why.
struct Problem {
    key: String,
    shown: String,
    why: String,
}

fn problem(key: impl Into<String>, shown: impl Into<String>, why: impl Into<String>) -> Problem {
    Problem {
        key: key.into(),
        shown: shown.into(),
        why: why.into(),
    }
}

/// The tables of the file whose names must be marketplaces; a misspelt one
/// would be ignored in silence otherwise. A `client_secret` is refused here.
fn check_file_tables(file: &FileConfig, path: &Path) -> Result<(), ConfigError> {
    let unknown = |table: &str, name: &str| ConfigError::UnknownMarketplace {
        path: path.to_path_buf(),
        table: table.into(),
        name: name.into(),
    };
    for (name, ep) in &file.marketplaces {
        if name.parse::<Marketplace>().is_err() {
            return Err(unknown(&format!("marketplaces.{name}"), name));
        }
        if ep.client_secret.is_some() {
            return Err(ConfigError::SecretInFile {
                path: path.to_path_buf(),
                marketplace: name.clone(),
            });
        }
    }
    for name in file.sync.interval_hours.keys() {
        if name.parse::<Marketplace>().is_err() {
            return Err(unknown("sync.interval_hours", name));
        }
    }
    if let Some(lang) = &file.lang
        && crate::i18n::Lang::from_locale(lang).is_none()
    {
        return Err(ConfigError::Invalid {
            setting: format!("lang = \"{lang}\" in {}", path.display()),
            why: "use \"es\" or \"en\"".into(),
        });
    }
    Ok(())
}

/// The one check of every setting's value.
fn check(s: &Settings) -> Result<(), Problem> {
    if let Some(base) = &s.sandbox {
        check_sandbox(base).map_err(|why| problem("sandbox", base.as_str(), why))?;
    }
    let r = s.pricing.pen_per_usd;
    if !(r.is_finite() && r > 0.0) {
        return Err(problem(
            "pricing.pen_per_usd",
            r.to_string(),
            PEN_PER_USD_WHY,
        ));
    }
    for (key, v) in [
        ("max_change", s.apply.max_change),
        ("min_confidence", s.apply.min_confidence),
    ] {
        ApplySettings::check(key, v)
            .map_err(|why| problem(format!("apply.{key}"), v.to_string(), why))?;
    }
    for (m, hours) in &s.sync.interval_hours {
        if *hours == 0 {
            return Err(problem(
                format!("sync.interval_hours.{m}"),
                "0",
                INTERVAL_WHY,
            ));
        }
    }
    if let Some(url) = &s.sync.notify_webhook {
        check_url(url, false).map_err(|why| {
            problem(
                "sync.notify_webhook",
                shown_url(url),
                format!("{why}; it receives failure notices by POST"),
            )
        })?;
    }
    if let Some(url) = &s.llm.url {
        check_url(url, false).map_err(|why| problem("llm.url", shown_url(url), why))?;
    }
    if let Some(model) = &s.llm.model
        && model.trim().is_empty()
    {
        return Err(problem("llm.model", "\"\"", "expected a model name"));
    }
    for (m, ep) in &s.endpoints {
        let key = |field: &str| format!("marketplaces.{}.{field}", m.as_str());
        crate::marketplaces::http::parse_base(*m, &ep.api_base).map_err(|e| {
            let why = match e {
                crate::marketplaces::ClientConfigError::BadBaseUrl { why, .. } => why,
                other => other.to_string(),
            };
            problem(key("api_base"), shown_url(&ep.api_base), why)
        })?;
        for (field, url) in [
            ("authorize_url", &ep.authorize_url),
            ("token_url", &ep.token_url),
            ("revoke_url", &ep.revoke_url),
        ] {
            if let Some(url) = url {
                // The token and revocation endpoints receive codes, tokens and
                // the client secret: never in clear text across the network.
                check_url(url, true).map_err(|why| problem(key(field), shown_url(url), why))?;
            }
        }
        for (field, value) in [("client_id", &ep.client_id), ("app_key", &ep.app_key)] {
            if let Some(v) = value
                && (v.is_empty() || !v.chars().all(|c| c.is_ascii_graphic()))
            {
                // The app key is not shown: it is the app's, but still a key.
                let shown = if field == "app_key" {
                    "…"
                } else {
                    v.as_str()
                };
                return Err(problem(
                    key(field),
                    shown,
                    "expected letters, digits and punctuation, without spaces",
                ));
            }
        }
        if let Some(scope) = &ep.scope
            && !valid_scope(scope)
        {
            return Err(problem(
                key("scope"),
                format!("{scope:?}"),
                "expected scope names separated by single spaces, such as \"listings:read listings:write\" (no quotes or backslashes)",
            ));
        }
        if let Some(method) = &ep.token_endpoint_auth_method
            && !TOKEN_AUTH_METHODS.contains(&method.as_str())
        {
            return Err(problem(
                key("token_endpoint_auth_method"),
                method.as_str(),
                format!("expected one of {}", TOKEN_AUTH_METHODS.join(", ")),
            ));
        }
    }
    Ok(())
}

/// RFC 6749 §3.3: scope-token = 1*( %x21 / %x23-5B / %x5D-7E ), joined by single spaces.
fn valid_scope(scope: &str) -> bool {
    !scope.is_empty()
        && scope.split(' ').all(|t| {
            !t.is_empty()
                && t.bytes()
                    .all(|b| b == 0x21 || (0x23..=0x5b).contains(&b) || (0x5d..=0x7e).contains(&b))
        })
}

/// An http(s) URL without a user name or password; with `secure`, plain http
/// only to this machine.
fn check_url(text: &str, secure: bool) -> Result<url::Url, String> {
    let u = url::Url::parse(text.trim()).map_err(|e| format!("not a URL ({e})"))?;
    if !matches!(u.scheme(), "http" | "https") || u.host().is_none() {
        return Err("expected an http:// or https:// address".into());
    }
    if !u.username().is_empty() || u.password().is_some() {
        return Err("it must not contain a user name or password".into());
    }
    if secure && u.scheme() == "http" && !crate::net::is_loopback(&u) {
        return Err(
            "plain http is only allowed to this machine (127.0.0.1, ::1, localhost); use https"
                .into(),
        );
    }
    Ok(u)
}

/// `TREEVU_SANDBOX` must be this machine: the sandbox is a test peer, and
/// treevu sends it codes and tokens in clear text.
fn check_sandbox(base: &str) -> Result<(), String> {
    let u = check_url(base, false)?;
    if !crate::net::is_loopback(&u) {
        return Err(format!(
            "the sandbox must run on this machine (http://127.0.0.1:PORT, as 'treevu sandbox serve' prints), not on {}; nothing was sent there",
            u.host_str().unwrap_or("?")
        ));
    }
    if u.query().is_some() || u.fragment().is_some() {
        return Err("it must not have a query or fragment".into());
    }
    Ok(())
}

/// `scheme://host[:port]` of a URL (the text itself when it does not parse).
fn origin(text: &str) -> String {
    match url::Url::parse(text.trim()) {
        Ok(u) => u.origin().ascii_serialization(),
        Err(_) => text.trim().to_string(),
    }
}

/// A URL as it may appear in a message: without any user name or password.
fn shown_url(text: &str) -> String {
    match url::Url::parse(text.trim()) {
        Ok(mut u) if !u.username().is_empty() || u.password().is_some() => {
            let _ = u.set_username("");
            let _ = u.set_password(None);
            u.to_string()
        }
        Ok(_) => text.trim().to_string(),
        Err(_) => text.chars().take(200).collect(),
    }
}

/// An environment of the given pairs, for unit tests of what reads one.
#[cfg(test)]
pub(crate) fn test_env(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    use super::test_env as env;

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
            database_url: None,
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

    /// One check for every setting: a value refused from the file is refused
    /// from the environment with the same reason, and the reverse; a value
    /// accepted from one is accepted from the other and means the same.
    #[test]
    fn file_and_environment_values_are_validated_alike() {
        let dir = tempfile::tempdir().unwrap();
        let cfg = dir.path().join("c.toml");
        let o = Overrides {
            config: Some(cfg.clone()),
            ..Default::default()
        };
        let why = |e: ConfigError| {
            let text = e.to_string();
            text.split_once(" is not valid: ")
                .map(|(_, w)| w.to_string())
                .unwrap_or_else(|| panic!("not a value error: {text}"))
        };
        let bad: &[(&str, &str, &str, &str)] = &[
            (
                "[pricing]\npen_per_usd = -1",
                "TREEVU_PEN_PER_USD",
                "-1",
                "pricing.pen_per_usd",
            ),
            (
                "[pricing]\npen_per_usd = 0",
                "TREEVU_PEN_PER_USD",
                "0",
                "pricing.pen_per_usd",
            ),
            (
                "[pricing]\npen_per_usd = nan",
                "TREEVU_PEN_PER_USD",
                "NaN",
                "pricing.pen_per_usd",
            ),
            (
                "[pricing]\npen_per_usd = inf",
                "TREEVU_PEN_PER_USD",
                "inf",
                "pricing.pen_per_usd",
            ),
            (
                "[sync.interval_hours]\nolx = 0",
                "TREEVU_OLX_SYNC_INTERVAL_HOURS",
                "0",
                "sync.interval_hours.olx",
            ),
            (
                "[apply]\nmax_change = -1",
                "TREEVU_APPLY_MAX_CHANGE",
                "-1",
                "apply.max_change",
            ),
            (
                "[marketplaces.olx]\napi_base = \"http://api.example.com/v2\"",
                "TREEVU_OLX_API_BASE",
                "http://api.example.com/v2",
                "marketplaces.olx.api_base",
            ),
            (
                "[marketplaces.olx]\ntoken_url = \"http://auth.example.com/token\"",
                "TREEVU_OLX_TOKEN_URL",
                "http://auth.example.com/token",
                "marketplaces.olx.token_url",
            ),
            (
                "[marketplaces.inmuebles24]\nrevoke_url = \"ftp://auth.example.com/r\"",
                "TREEVU_INMUEBLES24_REVOKE_URL",
                "ftp://auth.example.com/r",
                "marketplaces.inmuebles24.revoke_url",
            ),
            (
                "[marketplaces.olx]\nscope = \"read  write\"",
                "TREEVU_OLX_SCOPE",
                "read  write",
                "marketplaces.olx.scope",
            ),
            (
                "[marketplaces.olx]\ntoken_endpoint_auth_method = \"private_key_jwt\"",
                "TREEVU_OLX_TOKEN_ENDPOINT_AUTH_METHOD",
                "private_key_jwt",
                "marketplaces.olx.token_endpoint_auth_method",
            ),
            (
                "[marketplaces.olx]\nclient_id = \"has space\"",
                "TREEVU_OLX_CLIENT_ID",
                "has space",
                "marketplaces.olx.client_id",
            ),
            (
                "[sync]\nnotify_webhook = \"not a url\"",
                "TREEVU_NOTIFY_WEBHOOK",
                "not a url",
                "sync.notify_webhook",
            ),
            (
                "[llm]\nurl = \"mailto:x@example.com\"",
                "TREEVU_LLM_URL",
                "mailto:x@example.com",
                "llm.url",
            ),
        ];
        for (file, var, value, key) in bad {
            std::fs::write(&cfg, format!("{file}\n")).unwrap();
            let from_file = Settings::resolve(&o, &env(&[("HOME", "/h")])).unwrap_err();
            let shown = from_file.to_string();
            assert!(
                shown.contains(key) && shown.contains("c.toml"),
                "{file}: {shown}"
            );
            std::fs::write(&cfg, "").unwrap();
            let from_env =
                Settings::resolve(&o, &env(&[("HOME", "/h"), (var, value)])).unwrap_err();
            let shown_env = from_env.to_string();
            assert!(
                shown_env.contains(&format!("{var}=")) && shown_env.contains(value),
                "{shown_env}"
            );
            assert_eq!(
                why(from_file),
                why(from_env),
                "{key}: the same reason either way"
            );
        }

        let good: &[(&str, &str, &str)] = &[
            ("[pricing]\npen_per_usd = 3.9", "TREEVU_PEN_PER_USD", "3.9"),
            (
                "[sync.interval_hours]\nolx = 3",
                "TREEVU_OLX_SYNC_INTERVAL_HOURS",
                "3",
            ),
            (
                "[marketplaces.olx]\ntoken_url = \"https://auth.example.com/token\"",
                "TREEVU_OLX_TOKEN_URL",
                "https://auth.example.com/token",
            ),
            (
                "[marketplaces.olx]\nscope = \"listings:read listings:write\"",
                "TREEVU_OLX_SCOPE",
                "listings:read listings:write",
            ),
            (
                "[marketplaces.olx]\ntoken_endpoint_auth_method = \"client_secret_post\"",
                "TREEVU_OLX_TOKEN_ENDPOINT_AUTH_METHOD",
                "client_secret_post",
            ),
        ];
        for (file, var, value) in good {
            std::fs::write(&cfg, format!("{file}\n")).unwrap();
            let a = Settings::resolve(&o, &env(&[("HOME", "/h")])).unwrap();
            std::fs::write(&cfg, "").unwrap();
            let b = Settings::resolve(&o, &env(&[("HOME", "/h"), (var, value)])).unwrap();
            assert_eq!(a.pricing, b.pricing, "{file}");
            assert_eq!(a.sync, b.sync, "{file}");
            assert_eq!(a.endpoints, b.endpoints, "{file}");
        }
    }

    #[test]
    fn unknown_marketplace_sections_and_secrets_in_the_file_are_reported() {
        let dir = tempfile::tempdir().unwrap();
        let cfg = dir.path().join("c.toml");
        let o = Overrides {
            config: Some(cfg.clone()),
            ..Default::default()
        };
        for text in [
            "[marketplaces.olxx]\nclient_id = \"abc\"\n",
            "[sync.interval_hours]\nolxx = 3\n",
        ] {
            std::fs::write(&cfg, text).unwrap();
            let err = Settings::resolve(&o, &env(&[("HOME", "/h")]))
                .unwrap_err()
                .to_string();
            assert!(
                err.contains("unknown marketplace 'olxx'") && err.contains("c.toml"),
                "{err}"
            );
        }
        std::fs::write(
            &cfg,
            "[marketplaces.olx]\nclient_secret = \"cs_live_s3cr3t\"\n",
        )
        .unwrap();
        let err = Settings::resolve(&o, &env(&[("HOME", "/h")]))
            .unwrap_err()
            .to_string();
        assert!(err.contains("treevu auth client-secret olx"), "{err}");
        assert!(!err.contains("s3cr3t"), "the secret is not repeated: {err}");
    }

    #[test]
    fn a_sandbox_elsewhere_than_this_machine_is_refused() {
        for bad in [
            "http://192.0.2.7:8080",
            "https://sandbox.example.com",
            "ftp://127.0.0.1:1",
        ] {
            let err = Settings::resolve(
                &Overrides::default(),
                &env(&[("HOME", "/h"), ("TREEVU_SANDBOX", bad)]),
            )
            .unwrap_err()
            .to_string();
            assert!(err.contains("TREEVU_SANDBOX="), "{err}");
        }
        for ok in [
            "http://127.0.0.1:9",
            "http://localhost:9/",
            "http://[::1]:9",
        ] {
            let s = Settings::resolve(
                &Overrides::default(),
                &env(&[("HOME", "/h"), ("TREEVU_SANDBOX", ok)]),
            )
            .unwrap();
            assert!(
                s.endpoint(Marketplace::Olx).api_base.ends_with(":9/olx/v2"),
                "{ok}"
            );
        }
    }
}

//! Connecting accounts: OAuth 2.0 with PKCE through a loopback redirect
//! (OLX, Inmuebles24), the merchant's API key (Autofact), secrets in the OS
//! keyring or the opt-in encrypted file store, and refresh under a lock.
//!
//! The core never prints: it returns values and [`AuthError`]s, and reports
//! progress of a running sign-in through [`flow::FlowObserver`].
//!
//! How a command gets credentials for a marketplace: [`token_source`].

pub mod credential;
pub mod flow;
pub mod loopback;
pub mod pkce;
pub mod refresh;
pub mod secret;
pub mod secrets;
pub mod token;

use std::sync::Arc;

use crate::config::{Env, Settings};
use crate::domain::Marketplace;
use crate::exit::{self, ExitStatus};
use crate::marketplaces::{StaticToken, TokenSource};

pub use credential::Credential;
pub use refresh::OAuthTokenSource;
pub use secret::Secret;
pub use secrets::{SecretError, SecretStore, StoreKind};
pub use token::{AuthHttp, ClientAuth, OAuthApp};

/// What auth needs from the run it serves: settings, a secret store, the environment,
/// an HTTP client for the auth endpoints and a runtime. The CLI's context provides it,
/// so auth never sees the CLI (its printer, its flags) and tests can provide their own.
pub trait AuthHost {
    fn settings(&self) -> &Settings;
    /// The secret store of this run, opened on first use.
    fn secret_store(&self) -> Result<Arc<dyn SecretStore>, SecretError>;
    /// Where the token overrides, the LLM key and the session's display come from.
    fn env(&self) -> &dyn Env;
    fn auth_http(&self) -> Result<AuthHttp, AuthError>;
    fn runtime(&self) -> &tokio::runtime::Runtime;
    /// The language of what the browser shows (treevu's own loopback pages).
    fn lang(&self) -> crate::i18n::Lang {
        crate::i18n::Lang::En
    }
}

/// The names of the token overrides, hidden from `treevu demo`.
pub const TOKEN_VARS: &[&str] = &[
    env_override_name(Marketplace::Olx),
    env_override_name(Marketplace::Inmuebles24),
    env_override_name(Marketplace::Autofact),
];

/// Everything that can go wrong connecting or using an account. Messages never hold a secret.
#[derive(Debug, thiserror::Error)]
pub enum AuthError {
    #[error(transparent)]
    Secrets(#[from] SecretError),
    #[error(transparent)]
    Store(#[from] crate::store::StoreError),
    #[error(
        "no OAuth client id for {name}: set `client_id` under [marketplaces.{key}] in {config}, or {env}_CLIENT_ID"
    )]
    MissingClientId {
        name: &'static str,
        key: &'static str,
        config: String,
        env: &'static str,
    },
    #[error("{0}")]
    Config(String),
    #[error(
        "cannot listen on 127.0.0.1:{port} for the sign-in callback: {message}. Run again without --port (a free port is chosen) or with another --port; on a machine without a browser, run with --no-browser and paste the address your browser is sent to"
    )]
    Bind { port: u16, message: String },
    #[error("the marketplace did not authorize treevu: {error}{}{}", .description.as_deref().map(|d| format!(" ({d})")).unwrap_or_default(), if .error == "invalid_scope" { ". Set `scope` under [marketplaces.<name>] in the config file (or TREEVU_<NAME>_SCOPE) to scopes the server grants" } else { "" })]
    Provider {
        error: String,
        description: Option<String>,
    },
    #[error(
        "no answer from the browser within {secs} s; nothing was saved. Run the command again (use --timeout to wait longer)"
    )]
    TimedOut { secs: u64 },
    #[error("interrupted; nothing was saved")]
    Interrupted,
    /// The server answered with an OAuth error (`invalid_grant`, `invalid_client`, ...).
    #[error("{} {step} at {host} was refused: {error}{}{}", .marketplace.display_name(), .description.as_deref().map(|d| format!(" ({d})")).unwrap_or_default(), oauth_fix(*.marketplace, .error))]
    OAuth {
        marketplace: Marketplace,
        step: Step,
        host: String,
        error: String,
        description: Option<String>,
    },
    /// No answer came: the cause names the host (DNS, refused, timeout, TLS).
    #[error("{} {step} failed: {cause}", .marketplace.display_name())]
    Unreachable {
        marketplace: Marketplace,
        step: Step,
        cause: String,
    },
    /// The server answered, but not with what the step needs.
    #[error("{} {step} at {host} answered HTTP {status}: {message}", .marketplace.display_name())]
    Answered {
        marketplace: Marketplace,
        step: Step,
        host: String,
        status: u16,
        message: String,
    },
    #[error("{0} is not connected; run 'treevu connect {0}'")]
    NotConnected(Marketplace),
    #[error("{marketplace} needs you to reconnect: {why}; run 'treevu connect {marketplace}'")]
    NeedsReconnect {
        marketplace: Marketplace,
        why: String,
    },
    #[error("{marketplace} refused the API key: {message}; nothing was saved")]
    KeyRefused {
        marketplace: Marketplace,
        message: String,
    },
    #[error("{0}")]
    Other(String),
}

/// The fix for an OAuth error the merchant can act on, after the server's own words.
fn oauth_fix(m: Marketplace, error: &str) -> String {
    match error {
        // RFC 6749 §5.2: the app itself was not accepted, whatever the merchant did.
        "invalid_client" => format!(
            ". The server did not accept the app's credentials: check client_id under [marketplaces.{m}], store the app's client secret with 'treevu auth client-secret {m}', and set token_endpoint_auth_method (client_secret_basic or client_secret_post) to what the server asks for"
        ),
        _ => String::new(),
    }
}

/// A step of talking to a marketplace's sign-in or API server, named in errors and `-v`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    TokenExchange,
    AccountLookup,
    TokenRefresh,
    Revocation,
    KeyCheck,
    SandboxCredentials,
}

impl std::fmt::Display for Step {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Step::TokenExchange => "token exchange",
            Step::AccountLookup => "account lookup",
            Step::TokenRefresh => "token refresh",
            Step::Revocation => "revocation",
            Step::KeyCheck => "API key check",
            Step::SandboxCredentials => "sandbox credentials",
        })
    }
}

impl ExitStatus for AuthError {
    fn exit_code(&self) -> u8 {
        match self {
            AuthError::NotConnected(_) | AuthError::NeedsReconnect { .. } => exit::NEEDS_RECONNECT,
            AuthError::Interrupted => exit::INTERRUPTED,
            AuthError::Secrets(e) => exit::ExitStatus::exit_code(e),
            AuthError::Store(e) => exit::ExitStatus::exit_code(e),
            _ => exit::ERROR,
        }
    }
}

/// The keyring user (and file-store entry) of one account:
/// `<marketplace>:<profile>` for the production service, and
/// `<marketplace>:<profile>@<server>` for any other (a sandbox, a staging
/// server), so a token is only ever offered to the server that issued it.
pub fn secret_user(settings: &Settings, m: Marketplace) -> String {
    match settings.secret_realm(m) {
        None => format!("{}:{}", m.as_str(), settings.profile),
        Some(server) => format!("{}:{}@{server}", m.as_str(), settings.profile),
    }
}

/// The environment variable that overrides the stored secret for scripts and CI.
pub const fn env_override_name(m: Marketplace) -> &'static str {
    match m {
        Marketplace::Olx => "TREEVU_OLX_TOKEN",
        Marketplace::Inmuebles24 => "TREEVU_INMUEBLES24_TOKEN",
        Marketplace::Autofact => "TREEVU_AUTOFACT_API_KEY",
    }
}

/// The override's value, when set (it wins over stored secrets).
pub fn env_override(env: &dyn Env, m: Marketplace) -> Option<Secret> {
    env.var(env_override_name(m))
        .filter(|v| !v.trim().is_empty())
        .map(|v| Secret::new(v.trim().to_string()))
}

/// The environment variable whose value wins over the stored LLM key (`recommend --explain`).
pub const LLM_KEY_ENV: &str = "TREEVU_LLM_API_KEY";

/// The secret-store user of a profile's LLM key: `llm:<profile>`, beside the marketplaces'.
pub fn llm_key_user(profile: &str) -> String {
    format!("llm:{profile}")
}

/// Where the LLM key came from, for messages (never the key itself).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LlmKeySource {
    Env,
    Store,
}

/// The LLM key: `TREEVU_LLM_API_KEY`, else the profile's stored key; `None` when
/// neither holds one (a local endpoint may need none).
/// The secret store is not opened when the environment has the key.
pub fn llm_key(host: &dyn AuthHost) -> Result<Option<(Secret, LlmKeySource)>, SecretError> {
    if let Some(v) = host.env().var(LLM_KEY_ENV).filter(|v| !v.trim().is_empty()) {
        return Ok(Some((Secret::new(v.trim().to_string()), LlmKeySource::Env)));
    }
    Ok(host
        .secret_store()?
        .get(&llm_key_user(&host.settings().profile))?
        .filter(|s| !s.expose().is_empty())
        .map(|s| (s, LlmKeySource::Store)))
}

/// The secret-store user of the app's OAuth client secret at `m` (per
/// profile and server, like the merchant's tokens).
pub fn client_secret_user(settings: &Settings, m: Marketplace) -> String {
    format!("client-secret:{}", secret_user(settings, m))
}

/// Endpoints and app credentials for one OAuth marketplace, from settings and
/// the secret store (the client secret); with `TREEVU_SANDBOX`, the sandbox's
/// own credentials fill the client id and app key that are not configured.
pub async fn resolve_app(
    settings: &Settings,
    secrets: &dyn SecretStore,
    m: Marketplace,
) -> Result<OAuthApp, AuthError> {
    let ep = settings.endpoint(m);
    let (Some(authorize_url), Some(token_url)) = (ep.authorize_url.clone(), ep.token_url.clone())
    else {
        return Err(AuthError::Config(format!(
            "{} has no OAuth endpoints configured (authorize_url, token_url under [marketplaces.{m}])",
            m.display_name()
        )));
    };
    let mut client_id = ep.client_id.clone();
    let mut app_key = ep.app_key.clone();
    if let Some(base) = &settings.sandbox
        && (client_id.is_none() || app_key.is_none())
    {
        let creds = crate::marketplaces::sandbox_credentials::fetch_sandbox_credentials(base)
            .await
            .map_err(|e| AuthError::Other(e.to_string()))?;
        let mut filled = settings.clone();
        creds.apply_to(&mut filled);
        client_id = client_id.or_else(|| filled.endpoint(m).client_id.clone());
        app_key = app_key.or_else(|| filled.endpoint(m).app_key.clone());
    }
    let client_id = client_id.ok_or_else(|| AuthError::MissingClientId {
        name: m.display_name(),
        key: m.as_str(),
        config: settings.config_path.display().to_string(),
        env: m.env_prefix(),
    })?;
    let method = ep.token_endpoint_auth_method.as_deref();
    // Read only when it can be used: a public client never opens the entry.
    let client_secret = match method {
        Some("none") => None,
        _ => secrets.get(&client_secret_user(settings, m))?,
    };
    let client_auth = match (method, &client_secret) {
        (Some("client_secret_post"), _) => ClientAuth::Post,
        (Some("client_secret_basic"), _) | (None, Some(_)) => ClientAuth::Basic,
        _ => ClientAuth::None,
    };
    Ok(OAuthApp {
        marketplace: m,
        api_base: ep.api_base.clone(),
        authorize_url,
        token_url,
        revoke_url: ep.revoke_url.clone(),
        client_id,
        app_key,
        client_secret,
        client_auth,
        scope: ep.scope.clone(),
    })
}

/// What a client of marketplace `m` sends: an env override, the Autofact key,
/// or an OAuth token that refreshes itself.
pub fn token_source(
    host: &dyn AuthHost,
    m: Marketplace,
) -> Result<Arc<dyn TokenSource>, AuthError> {
    if let Some(s) = env_override(host.env(), m) {
        return Ok(Arc::new(StaticToken {
            marketplace: m,
            secret: s.expose().to_string(),
        }));
    }
    let store = host.secret_store()?;
    if !m.uses_oauth() {
        let user = secret_user(host.settings(), m);
        return match store.get(&user)?.as_ref().and_then(Credential::from_secret) {
            Some(Credential::ApiKey(k)) => Ok(Arc::new(StaticToken {
                marketplace: m,
                secret: k.expose().to_string(),
            })),
            Some(_) => Err(AuthError::NeedsReconnect {
                marketplace: m,
                why: "the stored credential is damaged".into(),
            }),
            None => Err(AuthError::NotConnected(m)),
        };
    }
    Ok(Arc::new(OAuthTokenSource::new(
        m,
        store,
        host.settings().clone(),
        host.auth_http()?,
    )))
}

/// The store of this run's account rows: the profile's SQLite file, or on
/// PostgreSQL the merchant's rows, and that merchant must exist: connecting,
/// signing out or asking for a token never creates a merchant from a
/// mistyped `--profile` ([`crate::store::StoreError::UnknownMerchant`]).
pub fn account_store(settings: &Settings) -> Result<crate::store::Store, crate::store::StoreError> {
    match &settings.database_url {
        Some(url) => crate::store::Store::open_postgres_existing(url, &settings.profile),
        None => crate::store::Store::open(&settings.db_path),
    }
}

/// The current token or key of `m` for scripts (`treevu auth token`): refreshed if due.
pub fn current_secret(host: &dyn AuthHost, m: Marketplace) -> Result<Secret, AuthError> {
    if let Some(s) = env_override(host.env(), m) {
        return Ok(s);
    }
    // On PostgreSQL the merchant first: opening its secrets would create it.
    if host.settings().database_url.is_some() {
        account_store(host.settings())?;
    }
    let store = host.secret_store()?;
    if !m.uses_oauth() {
        let user = secret_user(host.settings(), m);
        return match store.get(&user)?.as_ref().and_then(Credential::from_secret) {
            Some(Credential::ApiKey(k)) => Ok(k),
            Some(_) => Err(AuthError::NeedsReconnect {
                marketplace: m,
                why: "the stored credential is damaged".into(),
            }),
            None => Err(AuthError::NotConnected(m)),
        };
    }
    let src = OAuthTokenSource::new(m, store, host.settings().clone(), host.auth_http()?);
    host.runtime().block_on(src.access_token())
}

/// One row of `treevu auth status`.
#[derive(Debug, Clone, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AccountStatus {
    pub marketplace: Marketplace,
    /// Display name, else the remote user id.
    pub account: Option<String>,
    pub connected: bool,
    /// "env", "keyring", "file", "database" (PostgreSQL), or "memory" in the
    /// demo; null when not connected.
    pub source: Option<String>,
    /// RFC 3339, for OAuth tokens with a known lifetime.
    pub expires_at: Option<String>,
    pub needs_reconnect: bool,
    /// The secret masked (e.g. `olx_…a1b2`), never more than 4 characters of it.
    pub secret: Option<String>,
    /// What is wrong, when something is.
    pub problem: Option<String>,
}

impl AccountStatus {
    /// A connected (or recorded) account that needs the merchant.
    pub fn needs_attention(&self) -> bool {
        self.needs_reconnect || self.problem.is_some()
    }
}

/// The state of all three accounts. Reads the store; never refreshes or calls out.
pub fn status(host: &dyn AuthHost) -> Result<Vec<AccountStatus>, AuthError> {
    let db = account_store(host.settings())?;
    let store = host.secret_store();
    let now = chrono::Utc::now().timestamp();
    let mut out = Vec::new();
    for m in Marketplace::ALL {
        let row = db.account(m)?;
        let mut st = AccountStatus {
            marketplace: m,
            account: row.as_ref().map(|a| {
                a.display_name
                    .clone()
                    .unwrap_or_else(|| a.remote_user_id.clone())
            }),
            connected: false,
            source: None,
            expires_at: None,
            needs_reconnect: row.as_ref().is_some_and(|a| a.needs_reconnect),
            secret: None,
            problem: None,
        };
        if let Some(s) = env_override(host.env(), m) {
            st.connected = true;
            st.source = Some("env".into());
            st.secret = Some(s.masked(m.as_str()));
            st.needs_reconnect = false;
            out.push(st);
            continue;
        }
        let store = match &store {
            Ok(s) => s,
            Err(e) => {
                if row.is_some() {
                    st.problem = Some(e.to_string());
                }
                out.push(st);
                continue;
            }
        };
        match store.get(&secret_user(host.settings(), m)) {
            Ok(Some(secret)) => match Credential::from_secret(&secret) {
                Some(Credential::OAuth(t)) => {
                    st.connected = true;
                    st.source = Some(store.kind().as_str().into());
                    st.secret = Some(t.access.masked(m.as_str()));
                    st.expires_at = t.expires_at.and_then(|e| {
                        chrono::DateTime::from_timestamp(e, 0).map(|d| d.to_rfc3339())
                    });
                    if t.remaining(now).is_some_and(|r| r <= 0) && t.refresh.is_none() {
                        st.needs_reconnect = true;
                    }
                }
                Some(Credential::ApiKey(k)) => {
                    st.connected = true;
                    st.source = Some(store.kind().as_str().into());
                    st.secret = Some(k.masked(m.as_str()));
                }
                None => {
                    st.connected = true;
                    st.source = Some(store.kind().as_str().into());
                    st.needs_reconnect = true;
                    st.problem = Some("the stored credential is damaged".into());
                }
            },
            Ok(None) => {
                if let Some(a) = &row {
                    st.needs_reconnect = true;
                    st.problem = Some(if a.secret_store != store.kind().as_str() {
                        format!(
                            "the secret was saved in the {} store; set TREEVU_SECRET_STORE={} or reconnect",
                            a.secret_store, a.secret_store
                        )
                    } else {
                        format!("the secret is missing from {}", a.secret_ref)
                    });
                }
            }
            Err(e) => {
                if row.is_some() {
                    st.problem = Some(e.to_string());
                }
            }
        }
        out.push(st);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;
    use crate::config::Hiding;

    #[test]
    fn token_overrides_come_from_the_environment_given_and_the_demo_hides_them() {
        let env: BTreeMap<String, String> = [
            ("TREEVU_OLX_TOKEN".to_string(), "  olx-token \n".to_string()),
            ("TREEVU_INMUEBLES24_TOKEN".to_string(), "   ".to_string()),
            ("DISPLAY".to_string(), ":0".to_string()),
        ]
        .into();
        assert_eq!(
            env_override(&env, Marketplace::Olx).map(|s| s.expose().to_string()),
            Some("olx-token".to_string()),
            "trimmed"
        );
        assert!(
            env_override(&env, Marketplace::Inmuebles24).is_none(),
            "blank is unset"
        );
        assert!(env_override(&env, Marketplace::Autofact).is_none());
        let demo = Hiding {
            inner: env,
            names: TOKEN_VARS,
        };
        assert!(env_override(&demo, Marketplace::Olx).is_none());
        assert!(
            demo.is_set("DISPLAY"),
            "only the token overrides are hidden"
        );
    }
}

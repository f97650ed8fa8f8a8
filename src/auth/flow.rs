//! Connecting and disconnecting an account, start to end. Progress goes to a
//! [`FlowObserver`]; the CLI decides how to show it.

use std::io::BufRead;
use std::sync::Arc;
use std::sync::atomic::AtomicBool;
use std::time::Duration;

use super::credential::{Credential, OAuthTokens};
use super::loopback::{self, Note, Via, WaitOptions};
use super::pkce::{Pkce, State};
use super::secret::Secret;
use super::{AuthError, AuthHost, account_store, env_override, resolve_app, secret_user, token};
use crate::config::Env;
use crate::domain::Marketplace;
use crate::store::Store;
use crate::store::accounts::Account;

/// Default wait for the browser.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(300);

/// What happened to the browser.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Browser {
    Opened,
    /// Not tried, and why (e.g. `--no-browser`, SSH session, no display).
    Skipped(&'static str),
    /// Tried and failed: a note, not an error.
    Failed(String),
}

/// Progress of a sign-in, for the CLI to show.
pub trait FlowObserver: Send + Sync {
    /// The authorization URL, once the callback port is bound. Always show it.
    fn authorize_url(&self, url: &str);
    fn browser(&self, outcome: &Browser);
    fn note(&self, note: Note);
    /// The code arrived; exchanging it.
    fn exchanging(&self, via: Via);
}

struct NoteAdapter<'a>(&'a dyn FlowObserver);
impl loopback::Observer for NoteAdapter<'_> {
    fn note(&self, note: Note) {
        self.0.note(note)
    }
}

pub struct ConnectOptions {
    pub no_browser: bool,
    /// 0 = any free port.
    pub port: u16,
    pub timeout: Duration,
    /// Where pasted addresses come from (stdin); `None` disables pasting.
    pub paste: Option<Box<dyn BufRead + Send>>,
    pub interrupted: Arc<AtomicBool>,
}

/// A connected account.
#[derive(Debug, Clone)]
pub struct Connected {
    pub account: Account,
    pub expires_at: Option<i64>,
}

/// Why the browser should not be opened here, if it should not.
pub fn browser_blocker(no_browser: bool, env: &dyn Env) -> Option<&'static str> {
    let set = |k: &str| env.is_set(k);
    if no_browser {
        Some("--no-browser")
    } else if set("SSH_CONNECTION") || set("SSH_TTY") {
        Some("this is an SSH session")
    } else if cfg!(target_os = "linux") && !set("DISPLAY") && !set("WAYLAND_DISPLAY") {
        Some("there is no display")
    } else {
        None
    }
}

/// Proves the secret store works before anything is asked of the merchant.
pub fn check_store(host: &dyn AuthHost) -> Result<Arc<dyn super::SecretStore>, AuthError> {
    let store = host.secret_store()?;
    store.check()?;
    Ok(store)
}

/// Proves both stores of a connect work before the merchant types a key
/// (see [`open_stores`]).
pub fn check_stores(host: &dyn AuthHost) -> Result<(), AuthError> {
    open_stores(host).map(drop)
}

/// The secret store (proven to work) and the account store of a connect, so
/// both fail before the merchant is asked for anything. On PostgreSQL the
/// merchant is looked up first: opening its secrets would create it. On
/// SQLite the secret store first: a keyring that cannot save leaves no
/// database file behind.
fn open_stores(host: &dyn AuthHost) -> Result<(Arc<dyn super::SecretStore>, Store), AuthError> {
    if host.settings().database_url.is_some() {
        let db = account_store(host.settings())?;
        return Ok((check_store(host)?, db));
    }
    let store = check_store(host)?;
    Ok((store, account_store(host.settings())?))
}

fn authorize_url(
    app: &super::OAuthApp,
    redirect_uri: &str,
    state: &State,
    pkce: &Pkce,
) -> Result<String, AuthError> {
    let mut u = url::Url::parse(&app.authorize_url).map_err(|e| {
        AuthError::Config(format!(
            "authorize_url {} is not a URL: {e}",
            app.authorize_url
        ))
    })?;
    {
        let mut q = u.query_pairs_mut();
        q.append_pair("response_type", "code")
            .append_pair("client_id", &app.client_id)
            .append_pair("redirect_uri", redirect_uri);
        if let Some(scope) = &app.scope {
            q.append_pair("scope", scope);
        }
        q.append_pair("state", state.as_str())
            .append_pair("code_challenge", &pkce.challenge)
            .append_pair("code_challenge_method", "S256");
    }
    Ok(u.into())
}

/// The whole OAuth sign-in for OLX or Inmuebles24.
pub fn connect_oauth(
    host: &dyn AuthHost,
    m: Marketplace,
    opts: ConnectOptions,
    obs: &dyn FlowObserver,
) -> Result<Connected, AuthError> {
    let http = host.auth_http()?;
    // Fail before the browser: a store that cannot save, a database that cannot open.
    let (store, db) = open_stores(host)?;
    let app = host
        .runtime()
        .block_on(resolve_app(host.settings(), store.as_ref(), m))?;
    let listener = loopback::bind(opts.port)?;
    let redirect_uri = listener.redirect_uri();
    let (pkce, state) = (Pkce::new(), State::new());
    let url = authorize_url(&app, &redirect_uri, &state, &pkce)?;
    obs.authorize_url(&url);
    let browser = match browser_blocker(opts.no_browser, host.env()) {
        Some(why) => Browser::Skipped(why),
        None => match webbrowser::open(&url) {
            Ok(()) => Browser::Opened,
            Err(e) => Browser::Failed(e.to_string()),
        },
    };
    obs.browser(&browser);
    let got = loopback::wait_for_code(
        listener,
        &state,
        WaitOptions {
            timeout: opts.timeout,
            paste: opts.paste,
            interrupted: opts.interrupted,
            lang: host.lang(),
        },
        &NoteAdapter(obs),
    )?;
    obs.exchanging(got.via);
    let finished = (|| -> Result<Connected, AuthError> {
        let tokens = host.runtime().block_on(token::exchange_code(
            &http,
            &app,
            &got.code,
            &pkce.verifier,
            &redirect_uri,
        ))?;
        // Connected means the account is known too: a token nobody can use is not a connection.
        let info = host
            .runtime()
            .block_on(token::user_info(&http, &app, &tokens.access))?;
        let now = chrono::Utc::now();
        let expires_at = tokens.expires_in.map(|s| now.timestamp() + s as i64);
        let cred = Credential::OAuth(OAuthTokens {
            access: tokens.access,
            refresh: tokens.refresh,
            expires_at,
            obtained_at: Some(now.timestamp()),
            scopes: tokens.scope.clone(),
        });
        let user = secret_user(host.settings(), m);
        store.set(&user, &cred.to_secret())?;
        let account = Account {
            marketplace: m,
            remote_user_id: info.id,
            display_name: info.name,
            connected_at: crate::domain::time::timestamp(now),
            secret_store: store.kind().as_str().into(),
            secret_ref: store.reference(&user),
            needs_reconnect: false,
            scopes: tokens.scope,
            last_sync_at: None,
        };
        db.upsert_account(&account)?;
        Ok(Connected {
            account,
            expires_at,
        })
    })();
    if let Some(page) = got.page {
        match &finished {
            Ok(c) => page.connected(&format!(
                "{} at {}",
                match &c.account.display_name {
                    Some(n) => format!("{n} (user {})", c.account.remote_user_id),
                    None => format!("user {}", c.account.remote_user_id),
                },
                m.display_name()
            )),
            Err(e) => page.failed(&e.to_string()),
        }
    }
    finished
}

/// Connects Autofact with the merchant's API key: validated first, stored only if accepted.
pub fn connect_api_key(
    host: &dyn AuthHost,
    m: Marketplace,
    key: Secret,
) -> Result<Connected, AuthError> {
    let (store, db) = open_stores(host)?;
    let http = host.auth_http()?;
    let api_base = host.settings().endpoint(m).api_base.clone();
    host.runtime()
        .block_on(token::validate_api_key(&http, &api_base, &key))?;
    let user = secret_user(host.settings(), m);
    store.set(&user, &Credential::ApiKey(key).to_secret())?;
    let account = Account {
        marketplace: m,
        remote_user_id: "api-key".into(),
        display_name: None,
        connected_at: crate::domain::time::timestamp(chrono::Utc::now()),
        secret_store: store.kind().as_str().into(),
        secret_ref: store.reference(&user),
        needs_reconnect: false,
        scopes: None,
        last_sync_at: None,
    };
    db.upsert_account(&account)?;
    Ok(Connected {
        account,
        expires_at: None,
    })
}

/// What happened at the provider on logout.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Revocation {
    Revoked,
    /// The marketplace has no revocation endpoint.
    NotSupported,
    /// There was no stored token to revoke.
    NothingToRevoke,
    Failed(String),
}

#[derive(Debug, Clone)]
pub struct LogoutReport {
    pub forgot_secret: bool,
    pub forgot_account: bool,
    pub revocation: Revocation,
    /// The env override that is still set (it keeps working until unset).
    pub env_still_set: Option<&'static str>,
}

/// Forgets the secret and the account; revokes at the provider where possible.
pub fn logout(host: &dyn AuthHost, m: Marketplace) -> Result<LogoutReport, AuthError> {
    // The account store first: on PostgreSQL the merchant must exist (see `open_stores`).
    let db = account_store(host.settings())?;
    let store = host.secret_store()?;
    let user = secret_user(host.settings(), m);
    let cred = store.get(&user)?.as_ref().and_then(Credential::from_secret);
    let revocation = match (&cred, host.settings().endpoint(m).revoke_url.clone()) {
        (None, _) => Revocation::NothingToRevoke,
        (Some(Credential::ApiKey(_)), _) | (Some(_), None) => Revocation::NotSupported,
        (Some(Credential::OAuth(t)), Some(url)) => {
            let http = host.auth_http()?;
            // Revoking the refresh token ends the whole grant.
            let (tok, hint) = match &t.refresh {
                Some(r) => (r, "refresh_token"),
                None => (&t.access, "access_token"),
            };
            let r = host.runtime().block_on(async {
                let app = resolve_app(host.settings(), store.as_ref(), m).await?;
                token::revoke(&http, &app, &url, tok, hint).await
            });
            match r {
                Ok(()) => Revocation::Revoked,
                Err(e) => Revocation::Failed(e.to_string()),
            }
        }
    };
    let forgot_secret = store.delete(&user)?;
    let forgot_account = db.remove_account(m)?;
    Ok(LogoutReport {
        forgot_secret,
        forgot_account,
        revocation,
        env_still_set: env_override(host.env(), m).map(|_| super::env_override_name(m)),
    })
}

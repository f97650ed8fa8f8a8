//! The `TokenSource` for OAuth accounts: refresh when ≤ 60 s remain, under a
//! per-account file lock, saving the rotated token before anyone uses it.

use std::fs::{File, OpenOptions};
use std::path::PathBuf;
use std::sync::Arc;

use subtle::ConstantTimeEq;

use super::AuthError;
use super::credential::{Credential, OAuthTokens};
use super::secret::Secret;
use super::secrets::SecretStore;
use super::token::{self, OAuthApp};
use crate::config::Settings;
use crate::domain::Marketplace;
use crate::marketplaces::{ApiError, BoxFuture, TokenSource};

/// Refresh when this many seconds or fewer remain.
pub const REFRESH_MARGIN_SECS: i64 = 60;

pub struct OAuthTokenSource {
    marketplace: Marketplace,
    user: String,
    store: Arc<dyn SecretStore>,
    settings: Settings,
    http: token::AuthHttp,
    app: tokio::sync::OnceCell<OAuthApp>,
}

fn now() -> i64 {
    chrono::Utc::now().timestamp()
}

fn same(a: &Secret, b: &str) -> bool {
    a.expose().as_bytes().ct_eq(b.as_bytes()).into()
}

async fn blocking<T: Send + 'static>(
    f: impl FnOnce() -> Result<T, AuthError> + Send + 'static,
) -> Result<T, AuthError> {
    tokio::task::spawn_blocking(f)
        .await
        .map_err(|e| AuthError::Other(format!("a background task failed: {e}")))?
}

impl OAuthTokenSource {
    pub fn new(
        marketplace: Marketplace,
        store: Arc<dyn SecretStore>,
        settings: Settings,
        http: token::AuthHttp,
    ) -> OAuthTokenSource {
        OAuthTokenSource {
            marketplace,
            user: super::secret_user(&settings, marketplace),
            store,
            settings,
            http,
            app: tokio::sync::OnceCell::new(),
        }
    }

    /// For tests: a fixed app instead of resolving it from settings.
    pub fn with_app(self, app: OAuthApp) -> OAuthTokenSource {
        let cell = tokio::sync::OnceCell::new_with(Some(app));
        OAuthTokenSource { app: cell, ..self }
    }

    fn lock_path(&self) -> PathBuf {
        self.settings
            .data_dir
            .join("locks")
            .join(format!("{}.lock", self.marketplace))
    }

    async fn app(&self) -> Result<&OAuthApp, AuthError> {
        self.app
            .get_or_try_init(|| {
                super::resolve_app(&self.settings, self.store.as_ref(), self.marketplace)
            })
            .await
    }

    async fn load(&self) -> Result<OAuthTokens, AuthError> {
        let (store, user, m) = (self.store.clone(), self.user.clone(), self.marketplace);
        blocking(move || match store.get(&user)? {
            None => Err(AuthError::NotConnected(m)),
            Some(s) => match Credential::from_secret(&s) {
                Some(Credential::OAuth(t)) => Ok(t),
                _ => Err(AuthError::NeedsReconnect {
                    marketplace: m,
                    why: "the stored credential is damaged".into(),
                }),
            },
        })
        .await
    }

    async fn save(&self, t: &OAuthTokens) -> Result<(), AuthError> {
        let secret = Credential::OAuth(OAuthTokens {
            access: t.access.clone(),
            refresh: t.refresh.clone(),
            expires_at: t.expires_at,
            obtained_at: t.obtained_at,
            scopes: t.scopes.clone(),
        })
        .to_secret();
        let (store, user) = (self.store.clone(), self.user.clone());
        blocking(move || Ok(store.set(&user, &secret)?)).await
    }

    async fn lock(&self) -> Result<File, AuthError> {
        let path = self.lock_path();
        blocking(move || {
            let io = |e: std::io::Error| {
                AuthError::Other(format!("cannot lock {}: {e}", path.display()))
            };
            if let Some(dir) = path.parent() {
                crate::store::create_private_dir(dir)
                    .map_err(|e| AuthError::Other(e.to_string()))?;
            }
            let f = OpenOptions::new()
                .create(true)
                .truncate(false)
                .write(true)
                .open(&path)
                .map_err(io)?;
            f.lock().map_err(io)?;
            Ok(f)
        })
        .await
    }

    fn mark_needs_reconnect(&self) {
        self.set_needs_reconnect(true);
    }

    fn set_needs_reconnect(&self, value: bool) {
        // The profile's file, or on PostgreSQL the merchant's row (never a
        // SQLite file beside the database): `auth token` has no sync run to
        // record it for it.
        if let Ok(s) = super::account_store(&self.settings) {
            let _ = s.set_needs_reconnect(self.marketplace, value);
        }
    }

    /// The current access token, refreshed first when ≤ 60 s remain.
    pub async fn access_token(&self) -> Result<Secret, AuthError> {
        let t = self.load().await?;
        if !t.is_due(now(), REFRESH_MARGIN_SECS) {
            return Ok(t.access);
        }
        self.refresh_locked(t.access).await
    }

    /// The API refused `rejected`: a newer stored token if there is one, else a refresh.
    pub async fn after_rejection(&self, rejected: &str) -> Result<Secret, AuthError> {
        let t = self.load().await?;
        if !same(&t.access, rejected) {
            return Ok(t.access);
        }
        self.refresh_locked(t.access).await
    }

    async fn refresh_locked(&self, seen: Secret) -> Result<Secret, AuthError> {
        let _lock = self.lock().await?;
        let t = self.load().await?;
        // Someone else refreshed while we waited for the lock: use their result.
        if !same(&t.access, seen.expose()) && t.remaining(now()).is_none_or(|r| r > 0) {
            return Ok(t.access);
        }
        match self.refresh_with(&t).await {
            Ok(access) => Ok(access),
            Err(AuthError::OAuth { error, .. }) if error == "invalid_grant" => {
                // Re-read once: another process may have rotated without our lock.
                let again = self.load().await?;
                let changed = match (&again.refresh, &t.refresh) {
                    (Some(a), Some(b)) => !same(a, b.expose()),
                    _ => false,
                };
                if changed {
                    if !same(&again.access, t.access.expose())
                        && again
                            .remaining(now())
                            .is_none_or(|r| r > REFRESH_MARGIN_SECS)
                    {
                        return Ok(again.access);
                    }
                    match self.refresh_with(&again).await {
                        Ok(a) => return Ok(a),
                        Err(AuthError::OAuth { error, .. }) if error == "invalid_grant" => {}
                        Err(e) => return Err(e),
                    }
                }
                // The refused refresh token is forgotten, so it is never sent again:
                // from now on the account waits for 'treevu connect'.
                self.save(&OAuthTokens {
                    refresh: None,
                    ..again
                })
                .await?;
                self.mark_needs_reconnect();
                Err(AuthError::NeedsReconnect {
                    marketplace: self.marketplace,
                    why: "the marketplace no longer accepts treevu's authorization (invalid_grant: revoked, expired or replaced)".into(),
                })
            }
            Err(e) => Err(e),
        }
    }

    async fn refresh_with(&self, t: &OAuthTokens) -> Result<Secret, AuthError> {
        let Some(rt) = &t.refresh else {
            self.mark_needs_reconnect();
            return Err(AuthError::NeedsReconnect {
                marketplace: self.marketplace,
                why: "the access token expired and there is no refresh token".into(),
            });
        };
        let app = self.app().await?;
        let new = token::refresh(&self.http, app, rt).await?;
        let tokens = OAuthTokens {
            access: new.access,
            // A provider that does not rotate keeps the old refresh token valid.
            refresh: new.refresh.or_else(|| t.refresh.clone()),
            expires_at: new.expires_in.map(|s| now() + s as i64),
            obtained_at: Some(now()),
            scopes: new.scope.or_else(|| t.scopes.clone()),
        };
        // Saved before anyone uses it: a rotated token is never lost.
        self.save(&tokens).await?;
        // Whatever said "reconnect" before, this account works again.
        self.set_needs_reconnect(false);
        Ok(tokens.access)
    }
}

impl AuthError {
    /// The same failure in the clients' vocabulary.
    pub fn into_api_error(self, m: Marketplace) -> ApiError {
        match self {
            AuthError::NotConnected(m) => ApiError::Unauthorized {
                marketplace: m,
                message: "not connected".into(),
            },
            AuthError::NeedsReconnect { marketplace, why } => ApiError::Unauthorized {
                marketplace,
                message: why,
            },
            e @ AuthError::Unreachable { .. } => ApiError::Network {
                marketplace: m,
                message: e.to_string(),
            },
            e @ (AuthError::OAuth { .. } | AuthError::Answered { .. }) => {
                let status = match &e {
                    AuthError::Answered { status, .. } => *status,
                    _ => 400,
                };
                ApiError::Server {
                    marketplace: m,
                    status,
                    message: e.to_string(),
                }
            }
            AuthError::Secrets(e) => ApiError::Credentials {
                marketplace: m,
                message: e.to_string(),
            },
            other => ApiError::Network {
                marketplace: m,
                message: other.to_string(),
            },
        }
    }
}

impl TokenSource for OAuthTokenSource {
    fn current(&self) -> BoxFuture<'_, Result<String, ApiError>> {
        Box::pin(async move {
            self.access_token()
                .await
                .map(|s| s.expose().to_string())
                .map_err(|e| fix_marketplace(e, self.marketplace))
        })
    }
    fn refresh(&self, rejected: String) -> BoxFuture<'_, Result<String, ApiError>> {
        Box::pin(async move {
            self.after_rejection(&rejected)
                .await
                .map(|s| s.expose().to_string())
                .map_err(|e| fix_marketplace(e, self.marketplace))
        })
    }
}

fn fix_marketplace(e: AuthError, m: Marketplace) -> ApiError {
    e.into_api_error(m)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::auth::secrets::MemoryStore;
    use crate::auth::token::testserver::TokenServer;
    use std::sync::atomic::Ordering;

    fn settings(dir: &std::path::Path) -> Settings {
        let env: std::collections::BTreeMap<String, String> = [
            ("HOME".to_string(), dir.display().to_string()),
            (
                "XDG_DATA_HOME".to_string(),
                dir.join("data").display().to_string(),
            ),
        ]
        .into_iter()
        .collect();
        Settings::resolve(&crate::config::Overrides::default(), &env).unwrap()
    }

    fn app(url: &str) -> OAuthApp {
        OAuthApp {
            marketplace: Marketplace::Olx,
            api_base: "http://127.0.0.1:1".into(),
            authorize_url: "http://127.0.0.1:1/a".into(),
            token_url: url.into(),
            revoke_url: None,
            client_id: "cid".into(),
            app_key: None,
            client_secret: None,
            client_auth: crate::auth::ClientAuth::None,
            scope: None,
        }
    }

    fn seed(store: &Arc<dyn SecretStore>, expires_in: i64) {
        let c = Credential::OAuth(OAuthTokens {
            access: Secret::new("at-0"),
            refresh: Some(Secret::new("rt-0")),
            expires_at: Some(now() + expires_in),
            obtained_at: None,
            scopes: None,
        });
        store.set("olx:default", &c.to_secret()).unwrap();
    }

    fn source(store: &Arc<dyn SecretStore>, s: &Settings, url: &str) -> OAuthTokenSource {
        OAuthTokenSource::new(
            Marketplace::Olx,
            store.clone(),
            s.clone(),
            token::http_client().unwrap(),
        )
        .with_app(app(url))
    }

    #[tokio::test]
    async fn fresh_token_is_used_without_a_call_and_due_one_rotates() {
        let dir = tempfile::tempdir().unwrap();
        let s = settings(dir.path());
        let srv = TokenServer::start(3600, "rt-0");
        let store: Arc<dyn SecretStore> = Arc::new(MemoryStore::default());
        seed(&store, 3600);
        let src = source(&store, &s, &srv.url);
        assert_eq!(src.access_token().await.unwrap().expose(), "at-0");
        assert_eq!(srv.refreshes.load(Ordering::SeqCst), 0);

        seed(&store, 30);
        let a = src.access_token().await.unwrap();
        assert_eq!(a.expose(), "at-1-xxxxxxxxxxxx");
        // The rotated refresh token was saved.
        match Credential::from_secret(&store.get("olx:default").unwrap().unwrap()).unwrap() {
            Credential::OAuth(t) => {
                assert_eq!(t.refresh.as_ref().unwrap().expose(), "rt-1-1");
                assert!(t.remaining(now()).unwrap() > 3000);
            }
            _ => panic!(),
        }
        // A 401 on an old token returns the stored one without a call.
        let again = src.after_rejection("at-0").await.unwrap();
        assert_eq!(again.expose(), "at-1-xxxxxxxxxxxx");
        assert_eq!(srv.refreshes.load(Ordering::SeqCst), 1);
        // A 401 on the current one refreshes.
        let b = src.after_rejection("at-1-xxxxxxxxxxxx").await.unwrap();
        assert_eq!(b.expose(), "at-2-xxxxxxxxxxxx");
    }

    #[tokio::test]
    async fn concurrent_refreshes_make_one_call() {
        let dir = tempfile::tempdir().unwrap();
        let s = settings(dir.path());
        let srv = TokenServer::start(30, "rt-0");
        let store: Arc<dyn SecretStore> = Arc::new(MemoryStore::default());
        seed(&store, 10);
        let a = Arc::new(source(&store, &s, &srv.url));
        let b = Arc::new(source(&store, &s, &srv.url));
        let (ra, rb) = tokio::join!(
            {
                let a = a.clone();
                async move { a.access_token().await }
            },
            {
                let b = b.clone();
                async move { b.access_token().await }
            }
        );
        assert_eq!(ra.unwrap().expose(), rb.unwrap().expose());
        assert_eq!(srv.refreshes.load(Ordering::SeqCst), 1);
    }

    #[tokio::test]
    async fn invalid_grant_needs_reconnect() {
        let dir = tempfile::tempdir().unwrap();
        let s = settings(dir.path());
        let srv = TokenServer::start(3600, "something-else");
        let store: Arc<dyn SecretStore> = Arc::new(MemoryStore::default());
        seed(&store, 0);
        let src = source(&store, &s, &srv.url);
        let err = src.access_token().await.unwrap_err();
        assert!(matches!(err, AuthError::NeedsReconnect { .. }));
        let msg = err.to_string();
        assert!(msg.contains("treevu connect olx"), "{msg}");
        use crate::exit::ExitStatus;
        assert_eq!(err.exit_code(), crate::exit::NEEDS_RECONNECT);
        let api = fix_marketplace(err, Marketplace::Olx);
        assert_eq!(api.exit_code(), crate::exit::NEEDS_RECONNECT);
    }
}

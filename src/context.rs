//! What every command needs, resolved once per run: settings, the printer,
//! the store, and an async runtime for HTTP.

use std::sync::{Arc, OnceLock};

use crate::auth::AuthHost;
use crate::auth::secrets::{self, SecretError, SecretStore};
use crate::config::{Env, Hiding, MarketplaceEndpoint, Overrides, ProcessEnv, Settings};
use crate::domain::Marketplace;
use crate::marketplaces::RequestLogger;
use crate::marketplaces::sandbox_credentials::{SandboxCredentials, fetch_sandbox_credentials};
use crate::output::Printer;
use crate::store::{Store, StoreError};

pub struct Context {
    pub settings: Settings,
    pub printer: Printer,
    runtime: OnceLock<tokio::runtime::Runtime>,
    sandbox_credentials: OnceLock<SandboxCredentials>,
    secrets: OnceLock<Arc<dyn SecretStore>>,
    /// The process environment, with the token overrides hidden in `treevu demo`
    /// (which must never use the merchant's real credentials).
    env: Box<dyn Env + Send + Sync>,
    /// Receives a line per request for `--verbose` (set by the CLI).
    request_logger: Option<RequestLogger>,
}

impl Context {
    pub fn new(overrides: &Overrides, printer: Printer) -> anyhow::Result<Context> {
        let settings = Settings::resolve(overrides, &ProcessEnv)?;
        Ok(Context::with_settings(settings, printer))
    }

    /// A context over settings resolved elsewhere (`treevu demo` builds its own).
    pub fn with_settings(settings: Settings, printer: Printer) -> Context {
        Context {
            settings,
            printer,
            runtime: OnceLock::new(),
            sandbox_credentials: OnceLock::new(),
            secrets: OnceLock::new(),
            env: Box::new(ProcessEnv),
            request_logger: None,
        }
    }

    /// Logs every request of this run through `logger` (`--verbose`).
    pub fn with_request_logger(mut self, logger: Option<RequestLogger>) -> Context {
        self.request_logger = logger;
        self
    }

    /// What logs this run's requests, if anything does.
    pub fn request_logger(&self) -> Option<RequestLogger> {
        self.request_logger.clone()
    }

    /// The HTTP client of sign-in, refresh and revocation calls, logging like the APIs'.
    pub fn auth_http(&self) -> Result<crate::auth::AuthHttp, crate::auth::AuthError> {
        crate::auth::AuthHttp::new(self.request_logger())
    }

    /// Ignores the environment's token overrides for this run (`treevu demo`).
    pub fn without_env_tokens(mut self) -> Context {
        self.env = Box::new(Hiding {
            inner: ProcessEnv,
            names: crate::auth::TOKEN_VARS,
        });
        self
    }

    /// The environment's token override for `m`, when set and allowed in this run.
    pub fn env_token(&self, m: Marketplace) -> Option<crate::auth::Secret> {
        crate::auth::env_override(&*self.env, m)
    }

    /// The app credentials a running sandbox hands out (`TREEVU_SANDBOX`), fetched once.
    pub fn sandbox_credentials(&self) -> anyhow::Result<Option<&SandboxCredentials>> {
        let Some(base) = &self.settings.sandbox else {
            return Ok(None);
        };
        if let Some(c) = self.sandbox_credentials.get() {
            return Ok(Some(c));
        }
        let creds = self.block_on(fetch_sandbox_credentials(base))?;
        Ok(Some(self.sandbox_credentials.get_or_init(|| creds)))
    }

    /// A marketplace's endpoint with the app credentials filled in (from the
    /// sandbox when `TREEVU_SANDBOX` is set and the config does not name them).
    pub fn endpoint(&self, m: Marketplace) -> anyhow::Result<MarketplaceEndpoint> {
        match self.sandbox_credentials()? {
            Some(creds) => {
                let mut s = self.settings.clone();
                creds.apply_to(&mut s);
                Ok(s.endpoint(m).clone())
            }
            None => Ok(self.settings.endpoint(m).clone()),
        }
    }

    /// The credential a client of `m` sends: an environment override, the stored
    /// Autofact key, or an OAuth token that refreshes itself.
    pub fn token_source(
        &self,
        m: Marketplace,
    ) -> anyhow::Result<Arc<dyn crate::marketplaces::TokenSource>> {
        Ok(crate::auth::token_source(self, m)?)
    }

    /// Opens the profile's database, creating and migrating it if needed.
    ///
    /// With `--database-url` it refuses (exit 2): every command still needs
    /// store operations the PostgreSQL engine does not have yet, and none
    /// may half-run on it.
    pub fn open_store(&self) -> Result<Store, StoreError> {
        self.sqlite_only()?;
        Store::open(&self.settings.db_path)
    }

    /// Opens the profile's store on either engine: the PostgreSQL database
    /// with `--database-url` (the profile is the merchant), else the SQLite
    /// file. For the commands whose store operations both engines have.
    pub fn open_ported_store(&self) -> Result<Store, StoreError> {
        match &self.settings.database_url {
            Some(url) => Store::open_postgres(url, &self.settings.profile),
            None => Store::open(&self.settings.db_path),
        }
    }

    /// [`Context::open_ported_store`] for a command that reads a merchant's
    /// data: on PostgreSQL the merchant must exist (a mistyped `--profile` is
    /// an error naming `treevu merchants add`, not a new empty merchant).
    pub fn open_reading_store(&self) -> Result<Store, StoreError> {
        match &self.settings.database_url {
            Some(url) => Store::open_postgres_existing(url, &self.settings.profile),
            None => Store::open(&self.settings.db_path),
        }
    }

    /// Refuses the PostgreSQL store for what runs on SQLite only so far.
    pub fn sqlite_only(&self) -> Result<(), StoreError> {
        match self.settings.database_url {
            Some(_) => Err(StoreError::NotOnPostgres {
                what: "this command (it needs the market pool's writes, twins or write-back \
                       from the store)"
                    .into(),
            }),
            None => Ok(()),
        }
    }

    /// The secret store `TREEVU_SECRET_STORE` chooses (the OS keyring unless `file`;
    /// with PostgreSQL the database's, under the operator key),
    /// opened on first use. Nothing is probed here: see `auth::flow::check_store`.
    pub fn secret_store(&self) -> Result<Arc<dyn SecretStore>, SecretError> {
        if let Some(s) = self.secrets.get() {
            return Ok(s.clone());
        }
        let database = self
            .settings
            .database_url
            .as_ref()
            .map(|url| (url, self.settings.profile.as_str()));
        let s = secrets::from_env(&*self.env, &self.settings.data_dir, database)?;
        Ok(self.secrets.get_or_init(|| s).clone())
    }

    /// Uses `store` for this run (the in-memory store of `treevu demo`, tests).
    /// Returns false when a store was already in use.
    pub fn use_secret_store(&self, store: Arc<dyn SecretStore>) -> bool {
        self.secrets.set(store).is_ok()
    }

    /// A multi-threaded runtime, started the first time a command needs one.
    pub fn runtime(&self) -> &tokio::runtime::Runtime {
        self.runtime.get_or_init(|| {
            tokio::runtime::Builder::new_multi_thread()
                .worker_threads(2)
                .enable_all()
                .build()
                .expect("cannot start the async runtime")
        })
    }

    /// Runs a future to completion on the runtime.
    pub fn block_on<F: std::future::Future>(&self, fut: F) -> F::Output {
        self.runtime().block_on(fut)
    }
}

impl AuthHost for Context {
    fn settings(&self) -> &Settings {
        &self.settings
    }
    fn secret_store(&self) -> Result<Arc<dyn SecretStore>, SecretError> {
        Context::secret_store(self)
    }
    fn env(&self) -> &dyn Env {
        &*self.env
    }
    fn auth_http(&self) -> Result<crate::auth::AuthHttp, crate::auth::AuthError> {
        Context::auth_http(self)
    }
    fn runtime(&self) -> &tokio::runtime::Runtime {
        Context::runtime(self)
    }
    fn lang(&self) -> crate::i18n::Lang {
        self.printer.loc.lang()
    }
}

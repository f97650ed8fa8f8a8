//! What every command needs, resolved once per run: settings, the printer,
//! the store, and an async runtime for HTTP.

use std::sync::OnceLock;

use crate::config::{MarketplaceEndpoint, Overrides, ProcessEnv, Settings};
use crate::domain::Marketplace;
use crate::marketplaces::sandbox_credentials::{SandboxCredentials, fetch_sandbox_credentials};
use crate::output::Printer;
use crate::store::{Store, StoreError};

pub struct Context {
    pub settings: Settings,
    pub printer: Printer,
    runtime: OnceLock<tokio::runtime::Runtime>,
    sandbox_credentials: OnceLock<SandboxCredentials>,
}

impl Context {
    pub fn new(overrides: &Overrides, printer: Printer) -> anyhow::Result<Context> {
        let settings = Settings::resolve(overrides, &ProcessEnv)?;
        Ok(Context {
            settings,
            printer,
            runtime: OnceLock::new(),
            sandbox_credentials: OnceLock::new(),
        })
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

    /// The credential a client sends for `m`: an environment override
    /// (`TREEVU_OLX_TOKEN`, `TREEVU_INMUEBLES24_TOKEN`, `TREEVU_AUTOFACT_API_KEY`).
    pub fn token_source(
        &self,
        m: Marketplace,
    ) -> anyhow::Result<std::sync::Arc<dyn crate::marketplaces::TokenSource>> {
        let var = match m {
            Marketplace::Autofact => "TREEVU_AUTOFACT_API_KEY".to_string(),
            _ => format!("{}_TOKEN", m.env_prefix()),
        };
        match std::env::var(&var).ok().filter(|v| !v.is_empty()) {
            Some(secret) => Ok(std::sync::Arc::new(crate::marketplaces::StaticToken {
                marketplace: m,
                secret,
            })),
            None => Err(crate::sync::SyncError::NotConnected(m).into()),
        }
    }

    /// Opens the profile's database, creating and migrating it if needed.
    pub fn open_store(&self) -> Result<Store, StoreError> {
        Store::open(&self.settings.db_path)
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

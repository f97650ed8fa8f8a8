//! Where secrets live: the OS keyring (Secret Service), an opt-in encrypted
//! file, the PostgreSQL store's table under the operator key, or memory
//! (demo and tests only). Chosen explicitly, never by fallback.

pub mod aead;
pub mod database;
pub mod file;
pub mod keyring;
pub mod memory;

use std::path::Path;
use std::sync::Arc;
use std::sync::mpsc;
use std::time::Duration;

use super::secret::Secret;
use crate::config::Env;

pub use database::DatabaseStore;
pub use file::FileStore;
pub use keyring::KeyringStore;
pub use memory::MemoryStore;

/// The keyring service name every treevu entry uses.
pub const SERVICE: &str = "treevu";

/// How long one keyring call may take before treevu gives up (a hung D-Bus must not hang treevu).
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(10);

/// Which kind of store holds the secrets; the name goes in `accounts.secret_store`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StoreKind {
    Keyring,
    File,
    /// The PostgreSQL store's `secrets` table, under the operator key.
    Database,
    Memory,
}

impl StoreKind {
    pub fn as_str(self) -> &'static str {
        match self {
            StoreKind::Keyring => "keyring",
            StoreKind::File => "file",
            StoreKind::Database => "database",
            StoreKind::Memory => "memory",
        }
    }
}

/// Why no keyring is usable, told apart so the message can say what to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyringCause {
    NoSessionBus,
    NoSecretService,
    Locked,
    TimedOut,
    Other,
}

impl KeyringCause {
    fn explain(self) -> &'static str {
        match self {
            KeyringCause::NoSessionBus => {
                "there is no D-Bus session bus (typical over SSH, in containers and cron)"
            }
            KeyringCause::NoSecretService => {
                "the session bus has no Secret Service (no gnome-keyring or KeePassXC running)"
            }
            KeyringCause::Locked => "the keyring is locked or has no login collection",
            KeyringCause::TimedOut => "the keyring did not answer in time",
            KeyringCause::Other => "the keyring refused the request",
        }
    }
}

pub const WAYS_OUT: &str = "Either start and unlock a keyring (e.g. `printf %s \"$PASS\" | gnome-keyring-daemon --unlock --components=secrets` inside a D-Bus session), or opt in to the encrypted file store: TREEVU_SECRET_STORE=file plus TREEVU_FILE_KEY (32 bytes, base64) or TREEVU_FILE_PASSPHRASE";

/// A secret-store failure. Messages never hold a secret.
#[derive(Debug, Clone, thiserror::Error)]
pub enum SecretError {
    #[error("the OS keyring is not usable: {}; {detail}. {WAYS_OUT}", .cause.explain())]
    KeyringUnavailable { cause: KeyringCause, detail: String },
    #[error("the secret store did not answer within {} s", .0.as_secs_f32())]
    Timeout(Duration),
    #[error(
        "cannot decrypt {path}: wrong TREEVU_FILE_KEY or TREEVU_FILE_PASSPHRASE (or the file is damaged); nothing was changed"
    )]
    WrongFileKey { path: String },
    #[error("the encrypted file store needs a key: {0}")]
    FileKey(String),
    #[error("{path} is not a treevu secrets file ({why}); nothing was changed")]
    BadFile { path: String, why: String },
    #[error("cannot {action} {path}: {message}")]
    Io {
        action: &'static str,
        path: String,
        message: String,
    },
    #[error("TREEVU_SECRET_STORE={0} is not valid: use 'keyring' (the default) or 'file'")]
    UnknownStore(String),
    #[error("the secret store answered but the probe read back wrong; it cannot be trusted")]
    ProbeMismatch,
    #[error("the stored secret for {0} is damaged; run 'treevu connect {1}' again")]
    Damaged(String, String),
    #[error(
        "the PostgreSQL store keeps secrets encrypted under an operator key, and none is set; set \
         TREEVU_OPERATOR_KEY_FILE to a file holding it (32 random bytes in base64, e.g. \
         `head -c32 /dev/urandom | base64 > operator.key && chmod 600 operator.key`) or \
         TREEVU_OPERATOR_KEY_COMMAND to a command that prints it"
    )]
    OperatorKeyMissing,
    #[error("cannot use the operator key from {origin}: {why}")]
    OperatorKey { origin: String, why: String },
    /// `key_id` is the stored rows' key fingerprint, never the key.
    #[error(
        "the operator key from {origin} does not match the one these secrets were stored under \
         (key id {key_id}); nothing was changed; point TREEVU_OPERATOR_KEY_FILE or \
         TREEVU_OPERATOR_KEY_COMMAND at that key (after 'treevu operator rotate-key', the new one)"
    )]
    WrongOperatorKey { origin: String, key_id: String },
    /// The database behind the store (its message names the server, never the password).
    #[error("{0}")]
    Database(String),
}

impl crate::exit::ExitStatus for SecretError {
    fn exit_code(&self) -> u8 {
        match self {
            // Set up wrong before anything ran: fix the environment.
            SecretError::OperatorKeyMissing | SecretError::OperatorKey { .. } => crate::exit::USAGE,
            _ => crate::exit::ERROR,
        }
    }
}

/// One place secrets go. `user` is `<marketplace>:<profile>`; one value per account.
pub trait SecretStore: Send + Sync {
    fn kind(&self) -> StoreKind;
    /// Human and DB reference of an entry, e.g. `treevu / olx:default`. Never the secret.
    fn reference(&self, user: &str) -> String;
    fn get(&self, user: &str) -> Result<Option<Secret>, SecretError>;
    fn set(&self, user: &str, value: &Secret) -> Result<(), SecretError>;
    /// True when something was there.
    fn delete(&self, user: &str) -> Result<bool, SecretError>;
    /// Proves the store works: write, read back and delete a probe entry.
    fn check(&self) -> Result<(), SecretError> {
        // Unique per call: concurrent checks must not delete each other's probe.
        let nonce: u64 = rand::random();
        let user = format!("probe:{}-{nonce:016x}", std::process::id());
        let value = Secret::new(format!("probe-{nonce:016x}"));
        self.set(&user, &value)?;
        let back = self.get(&user);
        let _ = self.delete(&user);
        match back? {
            Some(v) if v == value => Ok(()),
            _ => Err(SecretError::ProbeMismatch),
        }
    }
}

/// Runs each call of `inner` on its own thread and gives up after `timeout`.
/// Used around the keyring so a hung D-Bus peer cannot hang treevu.
pub struct Guarded {
    inner: Arc<dyn SecretStore>,
    timeout: Duration,
}

impl Guarded {
    pub fn new(inner: Arc<dyn SecretStore>, timeout: Duration) -> Guarded {
        Guarded { inner, timeout }
    }

    fn run<T: Send + 'static>(
        &self,
        f: impl FnOnce(&dyn SecretStore) -> Result<T, SecretError> + Send + 'static,
    ) -> Result<T, SecretError> {
        let inner = self.inner.clone();
        let (tx, rx) = mpsc::sync_channel(1);
        std::thread::Builder::new()
            .name("treevu-secrets".into())
            .spawn(move || {
                let _ = tx.send(f(inner.as_ref()));
            })
            .map_err(|e| SecretError::Io {
                action: "start a thread for",
                path: "the secret store".into(),
                message: e.to_string(),
            })?;
        match rx.recv_timeout(self.timeout) {
            Ok(r) => r,
            Err(_) => Err(match self.inner.kind() {
                StoreKind::Keyring => SecretError::KeyringUnavailable {
                    cause: KeyringCause::TimedOut,
                    detail: format!("no answer within {} s", self.timeout.as_secs_f32()),
                },
                _ => SecretError::Timeout(self.timeout),
            }),
        }
    }
}

impl SecretStore for Guarded {
    fn kind(&self) -> StoreKind {
        self.inner.kind()
    }
    fn reference(&self, user: &str) -> String {
        self.inner.reference(user)
    }
    fn get(&self, user: &str) -> Result<Option<Secret>, SecretError> {
        let user = user.to_string();
        self.run(move |s| s.get(&user))
    }
    fn set(&self, user: &str, value: &Secret) -> Result<(), SecretError> {
        let user = user.to_string();
        let value = value.clone();
        self.run(move |s| s.set(&user, &value))
    }
    fn delete(&self, user: &str) -> Result<bool, SecretError> {
        let user = user.to_string();
        self.run(move |s| s.delete(&user))
    }
    fn check(&self) -> Result<(), SecretError> {
        self.run(|s| s.check())
    }
}

/// The store `TREEVU_SECRET_STORE` asks for: on PostgreSQL (`database` is
/// the merchant's store there) the database's, else the OS keyring unless
/// `file`. The memory store is never chosen here.
pub fn from_env(
    env: &dyn Env,
    data_dir: &Path,
    database: Option<(&crate::store::DatabaseUrl, &str)>,
) -> Result<Arc<dyn SecretStore>, SecretError> {
    let asked = env.var("TREEVU_SECRET_STORE");
    match (asked.as_deref(), database) {
        (None | Some("database"), Some((url, merchant))) => {
            Ok(Arc::new(DatabaseStore::open(url, merchant, env)?))
        }
        (Some("database"), None) => Err(SecretError::UnknownStore("database".into())),
        (None | Some("keyring"), _) => {
            let timeout = env
                .var("TREEVU_KEYRING_TIMEOUT_SECS")
                .and_then(|v| v.parse::<f64>().ok())
                .filter(|s| *s > 0.0)
                .map(Duration::from_secs_f64)
                .unwrap_or(DEFAULT_TIMEOUT);
            Ok(Arc::new(Guarded::new(
                Arc::new(KeyringStore::new()),
                timeout,
            )))
        }
        (Some("file"), _) => {
            let key = file::FileKey::from_env(env)?;
            Ok(Arc::new(FileStore::new(data_dir.join("secrets.enc"), key)))
        }
        (Some(other), _) => Err(SecretError::UnknownStore(other.to_string())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A store whose every call hangs, as a wedged D-Bus peer does.
    struct Hanging;
    impl SecretStore for Hanging {
        fn kind(&self) -> StoreKind {
            StoreKind::Keyring
        }
        fn reference(&self, user: &str) -> String {
            format!("hang/{user}")
        }
        fn get(&self, _: &str) -> Result<Option<Secret>, SecretError> {
            std::thread::sleep(Duration::from_secs(30));
            Ok(None)
        }
        fn set(&self, _: &str, _: &Secret) -> Result<(), SecretError> {
            std::thread::sleep(Duration::from_secs(30));
            Ok(())
        }
        fn delete(&self, _: &str) -> Result<bool, SecretError> {
            Ok(false)
        }
    }

    #[test]
    fn a_hung_store_times_out_with_a_clear_error() {
        let g = Guarded::new(Arc::new(Hanging), Duration::from_millis(200));
        let started = std::time::Instant::now();
        let err = g.check().unwrap_err();
        assert!(started.elapsed() < Duration::from_secs(5));
        let msg = err.to_string();
        assert!(msg.contains("did not answer in time"), "{msg}");
        assert!(msg.contains("TREEVU_SECRET_STORE=file"), "{msg}");
    }

    #[test]
    fn guarded_memory_store_round_trips() {
        let g = Guarded::new(Arc::new(MemoryStore::default()), DEFAULT_TIMEOUT);
        g.check().unwrap();
        g.set("olx:p", &Secret::new("v")).unwrap();
        assert_eq!(g.get("olx:p").unwrap().unwrap().expose(), "v");
        assert!(g.delete("olx:p").unwrap());
        assert!(g.get("olx:p").unwrap().is_none());
    }
}

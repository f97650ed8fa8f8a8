//! The OS keyring through the Secret Service (D-Bus), chosen explicitly:
//! no in-memory mock, no silent switch to the kernel keyring.

use std::sync::{Arc, Mutex};

use keyring_core::{CredentialStore, Entry, Error as KError};

use super::{KeyringCause, SERVICE, SecretError, SecretStore, StoreKind};
use crate::auth::secret::Secret;

/// Secret Service entries: service `treevu`, user `<marketplace>:<profile>`.
/// Wrap it in [`super::Guarded`] (as [`super::from_env`] does) for a timeout.
#[derive(Default)]
pub struct KeyringStore {
    store: Mutex<Option<Arc<CredentialStore>>>,
}

impl KeyringStore {
    pub fn new() -> KeyringStore {
        KeyringStore::default()
    }

    fn entry(&self, user: &str) -> Result<Entry, SecretError> {
        let mut guard = self.store.lock().unwrap_or_else(|e| e.into_inner());
        let store = match guard.as_ref() {
            Some(s) => s.clone(),
            None => {
                let s: Arc<CredentialStore> =
                    zbus_secret_service_keyring_store::Store::new().map_err(classify)?;
                *guard = Some(s.clone());
                s
            }
        };
        Entry::new_in_store(&store, SERVICE, user).map_err(classify)
    }
}

/// Maps a keyring error to its cause (secrets-ci.md lists what each looks like).
pub fn classify(err: KError) -> SecretError {
    let mut text = err.to_string();
    let mut source = std::error::Error::source(&err);
    while let Some(s) = source {
        let t = s.to_string();
        if !text.contains(&t) {
            text.push_str(": ");
            text.push_str(&t);
        }
        source = s.source();
    }
    let cause = classify_text(&text, matches!(err, KError::NoStorageAccess(_)));
    SecretError::KeyringUnavailable {
        cause,
        detail: text,
    }
}

pub fn classify_text(text: &str, no_access: bool) -> KeyringCause {
    let t = text.to_ascii_lowercase();
    if t.contains("serviceunknown") || t.contains("org.freedesktop.secrets") {
        KeyringCause::NoSecretService
    } else if t.contains("failed to connect")
        || t.contains("no such file or directory")
        || t.contains("address")
        || t.contains("session bus")
    {
        KeyringCause::NoSessionBus
    } else if no_access
        || t.contains("prompt")
        || t.contains("locked")
        || t.contains("result not returned")
    {
        KeyringCause::Locked
    } else {
        KeyringCause::Other
    }
}

impl SecretStore for KeyringStore {
    fn kind(&self) -> StoreKind {
        StoreKind::Keyring
    }
    fn reference(&self, user: &str) -> String {
        format!("{SERVICE} / {user}")
    }
    fn get(&self, user: &str) -> Result<Option<Secret>, SecretError> {
        match self.entry(user)?.get_password() {
            Ok(v) => Ok(Some(Secret::new(v))),
            Err(KError::NoEntry) => Ok(None),
            Err(e) => Err(classify(e)),
        }
    }
    fn set(&self, user: &str, value: &Secret) -> Result<(), SecretError> {
        self.entry(user)?
            .set_password(value.expose())
            .map_err(classify)
    }
    fn delete(&self, user: &str) -> Result<bool, SecretError> {
        match self.entry(user)?.delete_credential() {
            Ok(()) => Ok(true),
            Err(KError::NoEntry) => Ok(false),
            Err(e) => Err(classify(e)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_known_failures_are_told_apart() {
        assert_eq!(
            classify_text(
                "Platform failure: zbus error: Failed to connect to address unix:path=/x: No such file or directory",
                false
            ),
            KeyringCause::NoSessionBus
        );
        assert_eq!(
            classify_text(
                "Platform failure: org.freedesktop.DBus.Error.ServiceUnknown: The name org.freedesktop.secrets was not provided by any .service files",
                false
            ),
            KeyringCause::NoSecretService
        );
        assert_eq!(
            classify_text(
                "Couldn't access platform storage: SS error: prompt dismissed",
                true
            ),
            KeyringCause::Locked
        );
        assert_eq!(
            classify_text("result not returned from SS API", false),
            KeyringCause::Locked
        );
    }
}

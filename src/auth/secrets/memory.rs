//! In-memory secrets: for `treevu demo` and tests only, never chosen implicitly.

use std::collections::HashMap;
use std::sync::Mutex;

use super::{SecretError, SecretStore, StoreKind};
use crate::auth::secret::Secret;

#[derive(Default)]
pub struct MemoryStore {
    map: Mutex<HashMap<String, Secret>>,
}

impl SecretStore for MemoryStore {
    fn kind(&self) -> StoreKind {
        StoreKind::Memory
    }
    fn reference(&self, user: &str) -> String {
        format!("memory / {user}")
    }
    fn get(&self, user: &str) -> Result<Option<Secret>, SecretError> {
        Ok(self.map.lock().expect("poisoned").get(user).cloned())
    }
    fn set(&self, user: &str, value: &Secret) -> Result<(), SecretError> {
        self.map
            .lock()
            .expect("poisoned")
            .insert(user.to_string(), value.clone());
        Ok(())
    }
    fn delete(&self, user: &str) -> Result<bool, SecretError> {
        Ok(self.map.lock().expect("poisoned").remove(user).is_some())
    }
}

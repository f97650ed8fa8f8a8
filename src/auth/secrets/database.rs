//! The PostgreSQL store's secrets: one row per entry in the `secrets` table,
//! sealed (`aead`) under the operator key. The key comes from a file
//! (`TREEVU_OPERATOR_KEY_FILE`) or a command's stdout
//! (`TREEVU_OPERATOR_KEY_COMMAND`), never from the database; rows keep only
//! its fingerprint, to tell a wrong key from a damaged row.

use std::path::Path;

use sha2::{Digest, Sha256};
use zeroize::Zeroizing;

use super::aead::{self, BadKey};
use super::{SecretError, SecretStore, StoreKind};
use crate::auth::secret::Secret;
use crate::config::Env;
use crate::store::DatabaseUrl;
use crate::store::postgres::secrets::{Put, SealedRow, SecretRows, reseal_all};

pub const KEY_FILE_ENV: &str = "TREEVU_OPERATOR_KEY_FILE";
pub const KEY_COMMAND_ENV: &str = "TREEVU_OPERATOR_KEY_COMMAND";

/// The operator key and where it came from (for messages; never the key).
pub struct OperatorKey {
    key: Zeroizing<[u8; 32]>,
    id: String,
    source: String,
}

impl OperatorKey {
    /// From `TREEVU_OPERATOR_KEY_FILE`, else `TREEVU_OPERATOR_KEY_COMMAND`.
    pub fn from_env(env: &dyn Env) -> Result<OperatorKey, SecretError> {
        if let Some(path) = env.var(KEY_FILE_ENV).filter(|v| !v.is_empty()) {
            return OperatorKey::from_file(Path::new(&path));
        }
        if let Some(cmd) = env.var(KEY_COMMAND_ENV).filter(|v| !v.is_empty()) {
            return OperatorKey::from_command(&cmd);
        }
        Err(SecretError::OperatorKeyMissing)
    }

    /// The first line of a file only its owner may read.
    pub fn from_file(path: &Path) -> Result<OperatorKey, SecretError> {
        let source = path.display().to_string();
        let bad = |why: String| SecretError::OperatorKey {
            origin: source.clone(),
            why,
        };
        let meta = std::fs::metadata(path).map_err(|e| bad(e.to_string()))?;
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            if meta.permissions().mode() & 0o077 != 0 {
                return Err(bad(format!(
                    "others may read it (mode {:o}); run 'chmod 600 {source}'",
                    meta.permissions().mode() & 0o777
                )));
            }
        }
        let _ = meta;
        let text = Zeroizing::new(std::fs::read_to_string(path).map_err(|e| bad(e.to_string()))?);
        OperatorKey::from_text(&text, source)
    }

    /// What `sh -c COMMAND` prints; its first line of stderr when it fails.
    fn from_command(cmd: &str) -> Result<OperatorKey, SecretError> {
        let source = format!("{KEY_COMMAND_ENV} ({cmd})");
        let out = std::process::Command::new("sh")
            .args(["-c", cmd])
            .stdin(std::process::Stdio::null())
            .output()
            .map_err(|e| SecretError::OperatorKey {
                origin: source.clone(),
                why: e.to_string(),
            })?;
        let text = Zeroizing::new(String::from_utf8_lossy(&out.stdout).into_owned());
        if !out.status.success() {
            let err = String::from_utf8_lossy(&out.stderr);
            return Err(SecretError::OperatorKey {
                origin: source,
                why: format!(
                    "it failed ({}): {}",
                    out.status,
                    err.lines().next().unwrap_or("")
                ),
            });
        }
        OperatorKey::from_text(&text, source)
    }

    fn from_text(text: &str, source: String) -> Result<OperatorKey, SecretError> {
        let line = text
            .lines()
            .map(str::trim)
            .find(|l| !l.is_empty())
            .unwrap_or("");
        let key = aead::key_from_base64(line).map_err(|e| SecretError::OperatorKey {
            origin: source.clone(),
            why: match e {
                BadKey::NotBase64 => "it is not a key in base64".into(),
                BadKey::Length(n) => format!("it decodes to {n} bytes, not 32"),
            },
        })?;
        Ok(OperatorKey::new(key, source))
    }

    fn new(key: Zeroizing<[u8; 32]>, source: String) -> OperatorKey {
        // A fingerprint, not the key: a hash of 32 random bytes gives none of them away.
        let digest = Sha256::new()
            .chain_update(b"treevu operator key id v1\0")
            .chain_update(key.as_ref())
            .finalize();
        let id = digest[..8].iter().map(|b| format!("{b:02x}")).collect();
        OperatorKey { key, id, source }
    }

    /// The key's fingerprint, as the rows store it.
    pub fn id(&self) -> &str {
        &self.id
    }

    pub fn source(&self) -> &str {
        &self.source
    }

    fn wrong(&self, stored: &str) -> SecretError {
        SecretError::WrongOperatorKey {
            origin: self.source.clone(),
            key_id: stored.to_string(),
        }
    }

    /// Seals `plain` as entry `name` of merchant `merchant_id`.
    fn seal(&self, merchant_id: i64, name: &str, plain: &[u8]) -> Result<SealedRow, SecretError> {
        let aad = associated(merchant_id, name, &self.id);
        let (nonce, ciphertext) = aead::seal(&self.key, plain, &aad)
            .ok_or_else(|| SecretError::Damaged(name.into(), marketplace_of(name)))?;
        Ok(SealedRow {
            merchant_id,
            name: name.to_string(),
            key_id: self.id.clone(),
            nonce: nonce.to_vec(),
            ciphertext,
        })
    }

    /// Opens a row sealed under this key; a row under another key is the
    /// wrong-key error, one under this key that does not open is damaged.
    fn open(&self, row: &SealedRow) -> Result<Zeroizing<Vec<u8>>, SecretError> {
        if row.key_id != self.id {
            return Err(self.wrong(&row.key_id));
        }
        let aad = associated(row.merchant_id, &row.name, &row.key_id);
        aead::open(&self.key, &row.nonce, &row.ciphertext, &aad)
            .ok_or_else(|| SecretError::Damaged(row.name.clone(), marketplace_of(&row.name)))
    }
}

/// The associated data: the row's merchant and entry and the key's id, so a
/// ciphertext moved to another row (or relabelled) does not open.
fn associated(merchant_id: i64, name: &str, key_id: &str) -> Vec<u8> {
    let mut aad = b"treevu-secret-v1\0".to_vec();
    aad.extend_from_slice(&merchant_id.to_be_bytes());
    aad.extend_from_slice(name.as_bytes());
    aad.push(0);
    aad.extend_from_slice(key_id.as_bytes());
    aad
}

/// `olx` of `olx:ana@server`, for the damaged-secret hint.
fn marketplace_of(name: &str) -> String {
    name.split(':').next().unwrap_or(name).to_string()
}

fn store_error(e: crate::store::StoreError) -> SecretError {
    SecretError::Database(e.to_string())
}

/// The secrets of one merchant of a PostgreSQL store.
pub struct DatabaseStore {
    rows: SecretRows,
    key: OperatorKey,
}

impl DatabaseStore {
    /// The operator key first: without one nothing connects.
    pub fn open(
        url: &DatabaseUrl,
        merchant: &str,
        env: &dyn Env,
    ) -> Result<DatabaseStore, SecretError> {
        let key = OperatorKey::from_env(env)?;
        DatabaseStore::with_key(url, merchant, key)
    }

    pub fn with_key(
        url: &DatabaseUrl,
        merchant: &str,
        key: OperatorKey,
    ) -> Result<DatabaseStore, SecretError> {
        let rows = SecretRows::connect(url, merchant).map_err(store_error)?;
        Ok(DatabaseStore { rows, key })
    }
}

impl SecretStore for DatabaseStore {
    fn kind(&self) -> StoreKind {
        StoreKind::Database
    }
    fn reference(&self, user: &str) -> String {
        format!("{} / secrets / {user}", self.rows.location())
    }
    fn get(&self, user: &str) -> Result<Option<Secret>, SecretError> {
        let Some(row) = self.rows.get(user).map_err(store_error)? else {
            return Ok(None);
        };
        let plain = self.key.open(&row)?;
        let text = std::str::from_utf8(&plain)
            .map_err(|_| SecretError::Damaged(user.into(), marketplace_of(user)))?;
        Ok(Some(Secret::new(text.to_string())))
    }
    fn set(&self, user: &str, value: &Secret) -> Result<(), SecretError> {
        let row = self
            .key
            .seal(self.rows.merchant_id(), user, value.expose().as_bytes())?;
        let now = crate::domain::time::timestamp(chrono::Utc::now());
        match self.rows.put(&row, &now).map_err(store_error)? {
            Put::Stored => Ok(()),
            Put::OtherKey(stored) => Err(self.key.wrong(&stored)),
        }
    }
    fn delete(&self, user: &str) -> Result<bool, SecretError> {
        self.rows.delete(user).map_err(store_error)
    }
}

/// What a key rotation did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rotated {
    /// Rows re-sealed under the new key.
    pub resealed: u64,
    /// Rows already under it (a rotation run again after an interruption).
    pub already: u64,
}

/// Re-seals every secret of the database (every merchant's) from `old` to
/// `new` in one transaction: all of them or, on any error, none.
pub fn rotate(
    url: &DatabaseUrl,
    old: &OperatorKey,
    new: &OperatorKey,
) -> Result<Rotated, SecretError> {
    let mut already = 0;
    let (resealed, _) = reseal_all(url, |row| {
        if row.key_id == new.id {
            already += 1;
            return Ok(None);
        }
        let plain = old.open(row)?;
        new.seal(row.merchant_id, &row.name, &plain).map(Some)
    })?;
    Ok(Rotated { resealed, already })
}

impl From<crate::store::StoreError> for SecretError {
    fn from(e: crate::store::StoreError) -> SecretError {
        store_error(e)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::store_tests::fresh_database;

    fn key(b: u8, source: &str) -> OperatorKey {
        OperatorKey::new(Zeroizing::new([b; 32]), source.into())
    }

    fn database(test: &str) -> Option<DatabaseUrl> {
        fresh_database(&format!("treevu_s_{}_{test}", std::process::id()))
    }

    /// Every byte of every row of `secrets`, as a dump would show them.
    fn dump(url: &DatabaseUrl) -> Vec<u8> {
        let mut c = url.config().unwrap().connect(postgres::NoTls).unwrap();
        let mut out = Vec::new();
        for r in c
            .query("SELECT s::text, nonce, ciphertext FROM secrets s", &[])
            .unwrap()
        {
            out.extend_from_slice(r.get::<_, String>(0).as_bytes());
            out.extend_from_slice(&r.get::<_, Vec<u8>>(1));
            out.extend_from_slice(&r.get::<_, Vec<u8>>(2));
        }
        out
    }

    #[test]
    fn a_stored_secret_is_not_readable_in_the_table_and_opens_with_the_key() {
        let Some(url) = database("sealed") else {
            return;
        };
        let store = DatabaseStore::with_key(&url, "ana", key(1, "k1")).unwrap();
        store.check().unwrap();
        let secret = "tok-VISIBLE-e3b0c44298";
        store.set("olx:ana", &Secret::new(secret)).unwrap();
        assert_eq!(store.get("olx:ana").unwrap().unwrap().expose(), secret);
        let raw = dump(&url);
        assert!(!raw.is_empty());
        let b64 = base64::Engine::encode(&base64::engine::general_purpose::STANDARD, secret);
        for needle in [secret.as_bytes(), b"VISIBLE", b64.as_bytes()] {
            assert!(!raw.windows(needle.len()).any(|w| w == needle));
        }
        // Another merchant of the same database sees none of it.
        let beto = DatabaseStore::with_key(&url, "beto", key(1, "k1")).unwrap();
        assert!(beto.get("olx:ana").unwrap().is_none());
        assert!(store.delete("olx:ana").unwrap());
        assert!(store.get("olx:ana").unwrap().is_none());
    }

    #[test]
    fn a_ciphertext_moved_to_another_row_does_not_open() {
        let Some(url) = database("moved") else { return };
        let ana = DatabaseStore::with_key(&url, "ana", key(1, "k1")).unwrap();
        let beto = DatabaseStore::with_key(&url, "beto", key(1, "k1")).unwrap();
        ana.set("olx:ana", &Secret::new("ana-token")).unwrap();
        beto.set("olx:beto", &Secret::new("beto-token")).unwrap();
        let mut c = url.config().unwrap().connect(postgres::NoTls).unwrap();
        c.batch_execute(
            "UPDATE secrets b SET nonce = a.nonce, ciphertext = a.ciphertext \
             FROM secrets a WHERE a.name = 'olx:ana' AND b.name = 'olx:beto'",
        )
        .unwrap();
        let err = beto.get("olx:beto").unwrap_err();
        assert!(matches!(err, SecretError::Damaged(..)), "{err}");
        assert_eq!(ana.get("olx:ana").unwrap().unwrap().expose(), "ana-token");
    }

    #[test]
    fn a_wrong_key_is_the_clear_error_and_changes_nothing() {
        let Some(url) = database("wrong") else { return };
        DatabaseStore::with_key(&url, "ana", key(1, "k1"))
            .unwrap()
            .set("olx:ana", &Secret::new("t"))
            .unwrap();
        let before = dump(&url);
        let wrong = DatabaseStore::with_key(&url, "ana", key(2, "/etc/wrong.key")).unwrap();
        let err = wrong.get("olx:ana").unwrap_err();
        assert!(matches!(err, SecretError::WrongOperatorKey { .. }), "{err}");
        let text = err.to_string();
        assert!(
            text.contains("does not match the one these secrets were stored under")
                && text.contains("/etc/wrong.key"),
            "{text}"
        );
        // Neither a write nor the probe mixes a second key into the table.
        assert!(wrong.set("llm:ana", &Secret::new("x")).is_err());
        assert!(wrong.check().is_err());
        assert_eq!(dump(&url), before);
    }

    #[test]
    fn rotation_reseals_every_merchant_and_the_old_key_then_fails() {
        let Some(url) = database("rotate") else {
            return;
        };
        for (m, secret) in [("ana", "ana-tok"), ("beto", "beto-tok")] {
            DatabaseStore::with_key(&url, m, key(1, "old"))
                .unwrap()
                .set(&format!("olx:{m}"), &Secret::new(secret))
                .unwrap();
        }
        // The wrong old key: nothing happens.
        assert!(matches!(
            rotate(&url, &key(9, "x"), &key(2, "new")).unwrap_err(),
            SecretError::WrongOperatorKey { .. }
        ));
        let done = rotate(&url, &key(1, "old"), &key(2, "new")).unwrap();
        assert_eq!(
            done,
            Rotated {
                resealed: 2,
                already: 0
            }
        );
        let new = DatabaseStore::with_key(&url, "beto", key(2, "new")).unwrap();
        assert_eq!(new.get("olx:beto").unwrap().unwrap().expose(), "beto-tok");
        let old = DatabaseStore::with_key(&url, "ana", key(1, "old")).unwrap();
        assert!(matches!(
            old.get("olx:ana").unwrap_err(),
            SecretError::WrongOperatorKey { .. }
        ));
        // Run again: everything is already under the new key.
        assert_eq!(
            rotate(&url, &key(1, "old"), &key(2, "new")).unwrap(),
            Rotated {
                resealed: 0,
                already: 2
            }
        );
    }

    #[test]
    fn the_key_comes_from_a_private_file_or_a_command_and_its_absence_names_both() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("operator.key");
        let text = base64::Engine::encode(&base64::engine::general_purpose::STANDARD, [7u8; 32]);
        std::fs::write(&path, format!("{text}\n")).unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
            let err = OperatorKey::from_file(&path).err().unwrap().to_string();
            assert!(err.contains("chmod 600"), "{err}");
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).unwrap();
        }
        let from_file = OperatorKey::from_file(&path).unwrap();
        let from_cmd = OperatorKey::from_command(&format!("cat '{}'", path.display())).unwrap();
        assert_eq!(from_file.id(), from_cmd.id());
        assert_eq!(from_file.id(), key(7, "").id());
        assert!(!from_file.id().contains(&text[..8]));
        let err = OperatorKey::from_command("echo nope >&2; exit 3")
            .err()
            .unwrap()
            .to_string();
        assert!(err.contains("nope"), "{err}");
        let missing = OperatorKey::from_env(&std::collections::BTreeMap::<String, String>::new())
            .err()
            .unwrap()
            .to_string();
        assert!(
            missing.contains(KEY_FILE_ENV) && missing.contains(KEY_COMMAND_ENV),
            "{missing}"
        );
    }
}

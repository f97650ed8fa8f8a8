//! The opt-in encrypted file store: `<profile data dir>/secrets.enc`,
//! XChaCha20-Poly1305 over a JSON map of entries, mode 0600, replaced
//! atomically (temp file + fsync + rename). The key is TREEVU_FILE_KEY
//! (32 bytes, base64) or Argon2id of TREEVU_FILE_PASSPHRASE with a random
//! salt kept in the file header. Never a plaintext fallback.

use std::collections::BTreeMap;
use std::fs::{self, File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};

use rand::RngCore;
use zeroize::Zeroizing;

use super::aead::{self, NONCE_LEN, TAG_LEN};
use super::{SecretError, SecretStore, StoreKind};
use crate::auth::secret::Secret;

const MAGIC: &[u8; 8] = b"TVSECv1\0";
const KDF_RAW: u8 = 0;
const KDF_ARGON2ID: u8 = 1;
/// magic, kdf, m_cost, t_cost, p_cost, salt.
const HEADER_LEN: usize = 8 + 1 + 4 + 4 + 4 + 16;

/// Argon2id cost: the crate's recommended defaults (19 MiB, 2 passes, 1 lane).
const M_COST: u32 = 19 * 1024;
const T_COST: u32 = 2;
const P_COST: u32 = 1;

/// The key material the user gave.
pub enum FileKey {
    Raw(Zeroizing<[u8; 32]>),
    Passphrase(Zeroizing<String>),
}

impl FileKey {
    /// From TREEVU_FILE_KEY or TREEVU_FILE_PASSPHRASE (the key wins when both are set).
    pub fn from_env(env: &dyn crate::config::Env) -> Result<FileKey, SecretError> {
        if let Some(k) = env.var("TREEVU_FILE_KEY") {
            return FileKey::from_base64(&k);
        }
        if let Some(p) = env.var("TREEVU_FILE_PASSPHRASE") {
            return Ok(FileKey::Passphrase(Zeroizing::new(p)));
        }
        Err(SecretError::FileKey(
            "set TREEVU_FILE_KEY (32 random bytes in base64, e.g. `head -c32 /dev/urandom | base64`) or TREEVU_FILE_PASSPHRASE".into(),
        ))
    }

    pub fn from_base64(text: &str) -> Result<FileKey, SecretError> {
        aead::key_from_base64(text).map(FileKey::Raw).map_err(|e| {
            SecretError::FileKey(match e {
                aead::BadKey::NotBase64 => "TREEVU_FILE_KEY is not valid base64".into(),
                aead::BadKey::Length(n) => {
                    format!("TREEVU_FILE_KEY must decode to 32 bytes, not {n}")
                }
            })
        })
    }
}

pub struct FileStore {
    path: PathBuf,
    key: FileKey,
}

struct Header {
    kdf: u8,
    m: u32,
    t: u32,
    p: u32,
    salt: [u8; 16],
}

impl Header {
    fn bytes(&self) -> Vec<u8> {
        let mut h = Vec::with_capacity(HEADER_LEN);
        h.extend_from_slice(MAGIC);
        h.push(self.kdf);
        h.extend_from_slice(&self.m.to_le_bytes());
        h.extend_from_slice(&self.t.to_le_bytes());
        h.extend_from_slice(&self.p.to_le_bytes());
        h.extend_from_slice(&self.salt);
        h
    }
}

type Map = BTreeMap<String, String>;
/// A decrypted file: its header, the derived key, the entries.
type Loaded = (Header, Zeroizing<[u8; 32]>, Map);

impl FileStore {
    pub fn new(path: PathBuf, key: FileKey) -> FileStore {
        FileStore { path, key }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    fn shown(&self) -> String {
        self.path.display().to_string()
    }

    /// The file's directory, made (private) if it is not there yet.
    fn private_dir(&self) -> Result<&Path, SecretError> {
        let dir = self.path.parent().unwrap_or(Path::new("."));
        crate::store::create_private_dir(dir).map_err(|e| SecretError::Io {
            action: "create the directory of",
            path: self.shown(),
            message: e.to_string(),
        })?;
        Ok(dir)
    }

    fn io(&self, action: &'static str, e: std::io::Error) -> SecretError {
        SecretError::Io {
            action,
            path: self.shown(),
            message: e.to_string(),
        }
    }

    fn new_header(&self) -> Header {
        let mut salt = [0u8; 16];
        match self.key {
            FileKey::Raw(_) => Header {
                kdf: KDF_RAW,
                m: 0,
                t: 0,
                p: 0,
                salt,
            },
            FileKey::Passphrase(_) => {
                rand::rngs::OsRng.fill_bytes(&mut salt);
                Header {
                    kdf: KDF_ARGON2ID,
                    m: M_COST,
                    t: T_COST,
                    p: P_COST,
                    salt,
                }
            }
        }
    }

    fn derive(&self, h: &Header) -> Result<Zeroizing<[u8; 32]>, SecretError> {
        match (&self.key, h.kdf) {
            (FileKey::Raw(k), KDF_RAW) => Ok(k.clone()),
            (FileKey::Passphrase(p), KDF_ARGON2ID) => {
                let params = argon2::Params::new(h.m, h.t, h.p, Some(32)).map_err(|e| {
                    SecretError::BadFile {
                        path: self.shown(),
                        why: format!("bad Argon2 parameters: {e}"),
                    }
                })?;
                let a = argon2::Argon2::new(
                    argon2::Algorithm::Argon2id,
                    argon2::Version::V0x13,
                    params,
                );
                let mut out = Zeroizing::new([0u8; 32]);
                a.hash_password_into(p.as_bytes(), &h.salt, out.as_mut())
                    .map_err(|e| SecretError::BadFile {
                        path: self.shown(),
                        why: format!("key derivation failed: {e}"),
                    })?;
                Ok(out)
            }
            _ => Err(SecretError::WrongFileKey { path: self.shown() }),
        }
    }

    /// The header, derived key and entries; `None` when there is no file yet.
    fn load(&self) -> Result<Option<Loaded>, SecretError> {
        let data = match fs::read(&self.path) {
            Ok(d) => d,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(self.io("read", e)),
        };
        if data.len() < HEADER_LEN + NONCE_LEN + TAG_LEN || &data[..8] != MAGIC {
            return Err(SecretError::BadFile {
                path: self.shown(),
                why: "unknown format".into(),
            });
        }
        let u32_at = |i: usize| u32::from_le_bytes(data[i..i + 4].try_into().expect("4 bytes"));
        let mut salt = [0u8; 16];
        salt.copy_from_slice(&data[21..37]);
        let h = Header {
            kdf: data[8],
            m: u32_at(9),
            t: u32_at(13),
            p: u32_at(17),
            salt,
        };
        let key = self.derive(&h)?;
        let plain = aead::open(
            &key,
            &data[HEADER_LEN..HEADER_LEN + NONCE_LEN],
            &data[HEADER_LEN + NONCE_LEN..],
            &data[..HEADER_LEN],
        )
        .ok_or_else(|| SecretError::WrongFileKey { path: self.shown() })?;
        let map: Map = serde_json::from_slice(&plain).map_err(|_| SecretError::BadFile {
            path: self.shown(),
            why: "the decrypted content is not an entry map".into(),
        })?;
        Ok(Some((h, key, map)))
    }

    fn save(&self, h: &Header, key: &[u8; 32], map: &Map) -> Result<(), SecretError> {
        let plain = Zeroizing::new(serde_json::to_vec(map).expect("a map of strings serializes"));
        let header = h.bytes();
        let (nonce, ct) = aead::seal(key, &plain, &header).ok_or_else(|| SecretError::Io {
            action: "encrypt",
            path: self.shown(),
            message: "encryption failed".into(),
        })?;
        let dir = self.private_dir()?;
        let tmp = dir.join(format!(".secrets.enc.{}.tmp", std::process::id()));
        let write = || -> std::io::Result<()> {
            let mut opts = OpenOptions::new();
            opts.write(true).create(true).truncate(true);
            #[cfg(unix)]
            {
                use std::os::unix::fs::OpenOptionsExt;
                opts.mode(0o600);
            }
            let mut f = opts.open(&tmp)?;
            f.write_all(&header)?;
            f.write_all(&nonce)?;
            f.write_all(&ct)?;
            f.sync_all()?;
            drop(f);
            fs::rename(&tmp, &self.path)?;
            if let Ok(d) = File::open(dir) {
                let _ = d.sync_all();
            }
            Ok(())
        };
        write().map_err(|e| {
            let _ = fs::remove_file(&tmp);
            self.io("write", e)
        })
    }

    /// Read-modify-write under an exclusive lock on `secrets.enc.lock`.
    fn update<T>(&self, f: impl FnOnce(&mut Map) -> T) -> Result<T, SecretError> {
        self.private_dir()?;
        let lock_path = self.path.with_extension("enc.lock");
        let lock = OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&lock_path)
            .map_err(|e| self.io("open the lock of", e))?;
        lock.lock().map_err(|e| self.io("lock", e))?;
        let (h, key, mut map) = match self.load()? {
            Some(x) => x,
            None => {
                let h = self.new_header();
                let key = self.derive(&h)?;
                (h, key, Map::new())
            }
        };
        let out = f(&mut map);
        self.save(&h, &key, &map)?;
        drop(lock);
        Ok(out)
    }
}

impl SecretStore for FileStore {
    fn kind(&self) -> StoreKind {
        StoreKind::File
    }
    fn reference(&self, user: &str) -> String {
        format!("{} / {user}", self.shown())
    }
    fn get(&self, user: &str) -> Result<Option<Secret>, SecretError> {
        Ok(self
            .load()?
            .and_then(|(_, _, map)| map.get(user).map(|v| Secret::new(v.clone()))))
    }
    fn set(&self, user: &str, value: &Secret) -> Result<(), SecretError> {
        self.update(|m| {
            m.insert(user.to_string(), value.expose().to_string());
        })
    }
    fn delete(&self, user: &str) -> Result<bool, SecretError> {
        if !self.path.exists() {
            return Ok(false);
        }
        self.update(|m| m.remove(user).is_some())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use base64::Engine;

    fn raw(b: u8) -> FileKey {
        FileKey::Raw(Zeroizing::new([b; 32]))
    }

    #[test]
    fn round_trip_and_no_plaintext_on_disk() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("p").join("secrets.enc");
        let s = FileStore::new(path.clone(), raw(7));
        s.check().unwrap();
        s.set("olx:default", &Secret::new("tok-plain-VISIBLE"))
            .unwrap();
        assert_eq!(
            s.get("olx:default").unwrap().unwrap().expose(),
            "tok-plain-VISIBLE"
        );
        let bytes = fs::read(&path).unwrap();
        assert!(!bytes.windows(7).any(|w| w == b"VISIBLE"));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            assert_eq!(
                fs::metadata(&path).unwrap().permissions().mode() & 0o777,
                0o600
            );
        }
        assert!(s.delete("olx:default").unwrap());
        assert!(s.get("olx:default").unwrap().is_none());
    }

    #[test]
    fn wrong_key_is_refused_and_nothing_is_overwritten() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("secrets.enc");
        FileStore::new(path.clone(), raw(1))
            .set("olx:default", &Secret::new("x"))
            .unwrap();
        let before = fs::read(&path).unwrap();
        let wrong = FileStore::new(path.clone(), raw(2));
        let err = wrong.get("olx:default").unwrap_err();
        assert!(matches!(err, SecretError::WrongFileKey { .. }), "{err}");
        assert!(wrong.set("olx:default", &Secret::new("y")).is_err());
        assert!(wrong.check().is_err());
        assert_eq!(fs::read(&path).unwrap(), before);
    }

    #[test]
    fn passphrase_uses_argon2id_with_a_stored_salt() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("secrets.enc");
        let pass = |p: &str| FileKey::Passphrase(Zeroizing::new(p.into()));
        FileStore::new(path.clone(), pass("correct horse"))
            .set("a", &Secret::new("v"))
            .unwrap();
        assert_eq!(
            FileStore::new(path.clone(), pass("correct horse"))
                .get("a")
                .unwrap()
                .unwrap()
                .expose(),
            "v"
        );
        assert!(
            FileStore::new(path.clone(), pass("wrong"))
                .get("a")
                .is_err()
        );
        assert!(FileStore::new(path, raw(0)).get("a").is_err());
    }

    #[test]
    fn key_must_be_32_bytes_of_base64() {
        assert!(FileKey::from_base64("c2hvcnQ=").is_err());
        assert!(FileKey::from_base64("not base64!!").is_err());
        let k = base64::engine::general_purpose::STANDARD.encode([9u8; 32]);
        assert!(FileKey::from_base64(&k).is_ok());
    }
}

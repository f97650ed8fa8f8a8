//! The authenticated cipher both encrypted stores use (the file store's
//! `secrets.enc` and the PostgreSQL store's rows): XChaCha20-Poly1305, a
//! fresh random 24-byte nonce per seal, 32-byte keys given in base64.

use base64::Engine;
use base64::engine::general_purpose::{STANDARD, STANDARD_NO_PAD, URL_SAFE_NO_PAD};
use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use rand::RngCore;
use zeroize::Zeroizing;

pub const NONCE_LEN: usize = 24;
/// What the cipher adds to the plaintext (the Poly1305 tag).
pub const TAG_LEN: usize = 16;

/// Encrypts `plain` bound to `aad`: the nonce and the ciphertext (with its tag).
pub fn seal(key: &[u8; 32], plain: &[u8], aad: &[u8]) -> Option<([u8; NONCE_LEN], Vec<u8>)> {
    let mut nonce = [0u8; NONCE_LEN];
    rand::rngs::OsRng.fill_bytes(&mut nonce);
    let ct = XChaCha20Poly1305::new(key.into())
        .encrypt(XNonce::from_slice(&nonce), Payload { msg: plain, aad })
        .ok()?;
    Some((nonce, ct))
}

/// The plaintext, or `None` when the key, the nonce, the ciphertext or the
/// associated data is not what it was sealed with.
pub fn open(key: &[u8; 32], nonce: &[u8], ct: &[u8], aad: &[u8]) -> Option<Zeroizing<Vec<u8>>> {
    if nonce.len() != NONCE_LEN {
        return None;
    }
    XChaCha20Poly1305::new(key.into())
        .decrypt(XNonce::from_slice(nonce), Payload { msg: ct, aad })
        .ok()
        .map(Zeroizing::new)
}

/// Why a key's text is not a key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BadKey {
    NotBase64,
    /// It decoded to this many bytes, not 32.
    Length(usize),
}

/// A 32-byte key from base64 (standard, or URL-safe, padded or not).
pub fn key_from_base64(text: &str) -> Result<Zeroizing<[u8; 32]>, BadKey> {
    let text = Zeroizing::new(text.trim().to_string());
    let bytes = Zeroizing::new(
        STANDARD
            .decode(text.as_bytes())
            .or_else(|_| URL_SAFE_NO_PAD.decode(text.as_bytes()))
            .or_else(|_| STANDARD_NO_PAD.decode(text.as_bytes()))
            .map_err(|_| BadKey::NotBase64)?,
    );
    if bytes.len() != 32 {
        return Err(BadKey::Length(bytes.len()));
    }
    let mut key = Zeroizing::new([0u8; 32]);
    key.copy_from_slice(&bytes);
    Ok(key)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_seal_opens_only_with_its_key_and_associated_data() {
        let (k, other) = ([1u8; 32], [2u8; 32]);
        let (nonce, ct) = seal(&k, b"tok-VISIBLE", b"row a").unwrap();
        assert!(!ct.windows(7).any(|w| w == b"VISIBLE"));
        assert_eq!(
            &open(&k, &nonce, &ct, b"row a").unwrap()[..],
            b"tok-VISIBLE"
        );
        assert!(open(&other, &nonce, &ct, b"row a").is_none());
        assert!(open(&k, &nonce, &ct, b"row b").is_none());
        assert!(open(&k, &nonce[..8], &ct, b"row a").is_none());
        // A fresh nonce each time: the same secret never seals the same way twice.
        assert_ne!(
            seal(&k, b"x", b"").unwrap().0,
            seal(&k, b"x", b"").unwrap().0
        );
    }
}

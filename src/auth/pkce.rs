//! PKCE (RFC 7636, S256) and the `state` value, both 32 random bytes in base64url.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use rand::RngCore;
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

use super::secret::Secret;

fn random_b64() -> String {
    let mut b = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut b);
    let s = URL_SAFE_NO_PAD.encode(b);
    zeroize::Zeroize::zeroize(&mut b);
    s
}

/// A code verifier (kept secret, never printed) and its S256 challenge.
pub struct Pkce {
    pub verifier: Secret,
    pub challenge: String,
}

impl Pkce {
    pub fn new() -> Pkce {
        let verifier = Secret::new(random_b64());
        let challenge = challenge_for(verifier.expose());
        Pkce {
            verifier,
            challenge,
        }
    }
}

impl Default for Pkce {
    fn default() -> Self {
        Pkce::new()
    }
}

pub fn challenge_for(verifier: &str) -> String {
    URL_SAFE_NO_PAD.encode(Sha256::digest(verifier.as_bytes()))
}

/// The anti-CSRF `state` of one authorization.
#[derive(Clone)]
pub struct State(String);

impl State {
    pub fn new() -> State {
        State(random_b64())
    }
    pub fn as_str(&self) -> &str {
        &self.0
    }
    /// Constant-time comparison with what came back.
    pub fn matches(&self, other: Option<&str>) -> bool {
        match other {
            Some(o) => self.0.as_bytes().ct_eq(o.as_bytes()).into(),
            None => false,
        }
    }
}

impl Default for State {
    fn default() -> Self {
        State::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc7636_appendix_b_vector() {
        assert_eq!(
            challenge_for("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"),
            "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
        );
    }

    #[test]
    fn verifier_is_43_chars_and_state_compares() {
        let p = Pkce::new();
        assert_eq!(p.verifier.expose().len(), 43);
        let s = State::new();
        assert!(s.matches(Some(s.as_str())));
        assert!(!s.matches(Some("nope")));
        assert!(!s.matches(None));
        assert_ne!(State::new().as_str(), s.as_str());
    }
}

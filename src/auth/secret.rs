//! A secret value: redacted in `Debug`/`Display`, zeroized on drop.

use std::fmt;

use zeroize::Zeroizing;

/// A token, key or stored secret document. It never prints itself.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(Zeroizing<String>);

impl Secret {
    pub fn new(value: impl Into<String>) -> Secret {
        Secret(Zeroizing::new(value.into()))
    }

    /// The value, for sending it where it belongs (a header, a form, the store).
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// At most the last 4 characters, behind a prefix, e.g. `olx_…a1b2`.
    /// Short values show nothing of themselves.
    pub fn masked(&self, prefix: &str) -> String {
        let chars: Vec<char> = self.0.chars().collect();
        if chars.len() >= 16 {
            let tail: String = chars[chars.len() - 4..].iter().collect();
            format!("{prefix}_…{tail}")
        } else {
            format!("{prefix}_…")
        }
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(<redacted>)")
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("<redacted>")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn never_prints_itself() {
        let s = Secret::new("tok_supersecretvalue_a1b2");
        assert_eq!(format!("{s}"), "<redacted>");
        assert!(!format!("{s:?}").contains("supersecret"));
        assert_eq!(s.masked("olx"), "olx_…a1b2");
        assert_eq!(Secret::new("short").masked("olx"), "olx_…");
    }
}

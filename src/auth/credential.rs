//! The one JSON value stored per account, so a rotation is a single write.

use serde::{Deserialize, Serialize};

use super::secret::Secret;

/// What the secret store keeps for one account.
pub enum Credential {
    OAuth(OAuthTokens),
    ApiKey(Secret),
}

pub struct OAuthTokens {
    pub access: Secret,
    pub refresh: Option<Secret>,
    /// Unix seconds; `None` when the provider gave no lifetime.
    pub expires_at: Option<i64>,
    /// Unix seconds when the provider issued it (to size the refresh margin).
    pub obtained_at: Option<i64>,
    pub scopes: Option<String>,
}

impl OAuthTokens {
    /// Seconds left, if known.
    pub fn remaining(&self, now: i64) -> Option<i64> {
        self.expires_at.map(|e| e - now)
    }
    /// Refresh when ≤ `margin` seconds remain; for tokens that live less than
    /// twice the margin, when half their life is gone (so a token just issued
    /// is never refreshed again at once).
    pub fn is_due(&self, now: i64, margin: i64) -> bool {
        let margin = match (self.expires_at, self.obtained_at) {
            (Some(e), Some(o)) if e > o => margin.min((e - o) / 2),
            _ => margin,
        };
        self.remaining(now).is_some_and(|r| r <= margin)
    }
}

#[derive(Serialize)]
struct Out<'a> {
    v: u8,
    kind: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    access_token: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    refresh_token: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    expires_at: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    obtained_at: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    scopes: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    api_key: Option<&'a str>,
}

#[derive(Deserialize)]
struct In {
    kind: String,
    #[serde(default)]
    access_token: Option<String>,
    #[serde(default)]
    refresh_token: Option<String>,
    #[serde(default)]
    expires_at: Option<i64>,
    #[serde(default)]
    obtained_at: Option<i64>,
    #[serde(default)]
    scopes: Option<String>,
    #[serde(default)]
    api_key: Option<String>,
}

impl Credential {
    pub fn to_secret(&self) -> Secret {
        let out = match self {
            Credential::OAuth(t) => Out {
                v: 1,
                kind: "oauth",
                access_token: Some(t.access.expose()),
                refresh_token: t.refresh.as_ref().map(|r| r.expose()),
                expires_at: t.expires_at,
                obtained_at: t.obtained_at,
                scopes: t.scopes.as_deref(),
                api_key: None,
            },
            Credential::ApiKey(k) => Out {
                v: 1,
                kind: "api_key",
                access_token: None,
                refresh_token: None,
                expires_at: None,
                obtained_at: None,
                scopes: None,
                api_key: Some(k.expose()),
            },
        };
        Secret::new(serde_json::to_string(&out).expect("strings serialize"))
    }

    /// `None` when the stored value is not one of ours (damaged).
    pub fn from_secret(s: &Secret) -> Option<Credential> {
        let i: In = serde_json::from_str(s.expose()).ok()?;
        match i.kind.as_str() {
            "oauth" => Some(Credential::OAuth(OAuthTokens {
                access: Secret::new(i.access_token?),
                refresh: i.refresh_token.map(Secret::new),
                expires_at: i.expires_at,
                obtained_at: i.obtained_at,
                scopes: i.scopes,
            })),
            "api_key" => Some(Credential::ApiKey(Secret::new(i.api_key?))),
            _ => None,
        }
    }

    /// The value sent to the API.
    pub fn bearer(&self) -> &Secret {
        match self {
            Credential::OAuth(t) => &t.access,
            Credential::ApiKey(k) => k,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_lived_tokens_refresh_at_half_life() {
        let t = |exp: i64, got: i64| OAuthTokens {
            access: Secret::new("a"),
            refresh: None,
            expires_at: Some(exp),
            obtained_at: Some(got),
            scopes: None,
        };
        // 3600 s token: due in its last 60 s.
        assert!(!t(3600, 0).is_due(3539, 60));
        assert!(t(3600, 0).is_due(3540, 60));
        // 30 s token: not due when just issued, due at half life.
        assert!(!t(30, 0).is_due(0, 60));
        assert!(t(30, 0).is_due(15, 60));
    }

    #[test]
    fn round_trip() {
        let c = Credential::OAuth(OAuthTokens {
            access: Secret::new("a"),
            refresh: Some(Secret::new("r")),
            expires_at: Some(10),
            obtained_at: Some(0),
            scopes: Some("read".into()),
        });
        let back = Credential::from_secret(&c.to_secret()).unwrap();
        match back {
            Credential::OAuth(t) => {
                assert_eq!(t.access.expose(), "a");
                assert_eq!(t.refresh.unwrap().expose(), "r");
                assert!(t.expires_at == Some(10));
            }
            _ => panic!(),
        }
        let k = Credential::ApiKey(Secret::new("k"));
        assert_eq!(
            Credential::from_secret(&k.to_secret())
                .unwrap()
                .bearer()
                .expose(),
            "k"
        );
        assert!(Credential::from_secret(&Secret::new("garbage")).is_none());
    }
}

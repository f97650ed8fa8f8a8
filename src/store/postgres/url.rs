//! `--database-url` / `TREEVU_DATABASE_URL`: parsed by treevu (not handed
//! to the driver as it is), checked against the TLS policy, and shown only
//! without its password.

use std::fmt;
use std::net::IpAddr;

use super::super::StoreError;

/// A PostgreSQL URL that passed the policy. `Display` and `Debug` never show
/// the password.
#[derive(Clone)]
pub struct DatabaseUrl {
    url: url::Url,
}

impl DatabaseUrl {
    /// Parses `postgres://` or `postgresql://` URLs.
    ///
    /// TLS policy: this build connects without TLS, so it connects only to a
    /// server on this machine (127.0.0.0/8, ::1, `localhost`). A remote host,
    /// or a URL asking for TLS (`sslmode=require`, `verify-ca`, `verify-full`,
    /// `sslrootcert`), is refused rather than sent in the clear: `prefer`
    /// would silently do just that.
    pub fn parse(text: &str) -> Result<DatabaseUrl, StoreError> {
        let url = url::Url::parse(text.trim()).map_err(|e| {
            StoreError::BadUrl(format!(
                "the database URL is not a URL ({e}); expected postgres://USER:PASSWORD@HOST:PORT/DATABASE"
            ))
        })?;
        let this = DatabaseUrl { url };
        if !matches!(this.url.scheme(), "postgres" | "postgresql") {
            return Err(StoreError::BadUrl(format!(
                "{this}: only postgres:// and postgresql:// URLs name a database server; a SQLite file is --db PATH"
            )));
        }
        let host = this.url.host_str().unwrap_or("");
        if host.is_empty() {
            return Err(StoreError::BadUrl(format!(
                "{this} names no host; write postgres://USER:PASSWORD@127.0.0.1:5432/DATABASE"
            )));
        }
        if !is_loopback(host) {
            return Err(StoreError::BadUrl(format!(
                "{this}: this treevu connects to PostgreSQL without TLS, so only to a server on this machine \
                 (127.0.0.1, ::1, localhost); a remote server needs TLS, which is not built in yet"
            )));
        }
        for (key, value) in this.url.query_pairs() {
            match (key.as_ref(), value.as_ref()) {
                ("sslmode", "disable" | "prefer") => {}
                ("sslmode", _) | ("sslrootcert", _) | ("sslcert", _) | ("sslkey", _) => {
                    return Err(StoreError::BadUrl(format!(
                        "{this}: TLS ({key}) is not built into this treevu yet; for a server on this machine \
                         leave it out or write sslmode=disable"
                    )));
                }
                ("application_name" | "connect_timeout" | "options", _) => {}
                _ => {
                    return Err(StoreError::BadUrl(format!(
                        "{this}: unknown option '{key}' (treevu knows sslmode, connect_timeout, application_name, options)"
                    )));
                }
            }
        }
        Ok(this)
    }

    /// The database name (the URL's path), if it names one.
    pub fn database(&self) -> Option<&str> {
        Some(self.url.path().trim_start_matches('/')).filter(|d| !d.is_empty())
    }

    /// The same server, another database (tests make one per process).
    pub fn with_database(&self, name: &str) -> DatabaseUrl {
        let mut url = self.url.clone();
        url.set_path(&format!("/{name}"));
        DatabaseUrl { url }
    }

    /// The driver's configuration: the URL without what treevu decided
    /// (`sslmode`), so the driver never tries TLS on its own.
    pub(crate) fn config(&self) -> Result<postgres::Config, StoreError> {
        let mut url = self.url.clone();
        let kept: Vec<(String, String)> = url
            .query_pairs()
            .filter(|(k, _)| k != "sslmode")
            .map(|(k, v)| (k.into_owned(), v.into_owned()))
            .collect();
        url.set_query(None);
        if !kept.is_empty() {
            url.query_pairs_mut().extend_pairs(kept);
        }
        let mut config: postgres::Config = url
            .as_str()
            .parse()
            .map_err(|e| StoreError::BadUrl(format!("{self}: {e}")))?;
        config.ssl_mode(postgres::config::SslMode::Disable);
        if config.get_application_name().is_none() {
            config.application_name("treevu");
        }
        Ok(config)
    }
}

fn is_loopback(host: &str) -> bool {
    if host.eq_ignore_ascii_case("localhost") {
        return true;
    }
    host.trim_start_matches('[')
        .trim_end_matches(']')
        .parse::<IpAddr>()
        .is_ok_and(|ip| ip.is_loopback())
}

impl fmt::Display for DatabaseUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut shown = self.url.clone();
        if shown.password().is_some() {
            let _ = shown.set_password(Some("***"));
        }
        f.write_str(shown.as_str())
    }
}

impl fmt::Debug for DatabaseUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "DatabaseUrl({self})")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_password_is_never_shown() {
        let u = DatabaseUrl::parse("postgres://treevu:s3cr%40t@127.0.0.1:5432/tv").unwrap();
        assert_eq!(u.to_string(), "postgres://treevu:***@127.0.0.1:5432/tv");
        assert!(!format!("{u:?}").contains("s3cr"), "{u:?}");
        // Nor in the refusals, which quote the URL.
        let e = DatabaseUrl::parse("postgres://treevu:hunter2@db.example:5432/tv").unwrap_err();
        let text = e.to_string();
        assert!(
            !text.contains("hunter2") && text.contains("treevu:***@db.example"),
            "{text}"
        );
    }

    #[test]
    fn only_servers_on_this_machine_without_tls() {
        for ok in [
            "postgres://u:p@127.0.0.1:5432/tv",
            "postgresql://u:p@localhost/tv",
            "postgres://u:p@[::1]:5432/tv?sslmode=disable",
            "postgres://u@127.0.0.2/tv?sslmode=prefer&connect_timeout=5",
        ] {
            assert!(DatabaseUrl::parse(ok).is_ok(), "{ok}");
        }
        for (bad, says) in [
            ("postgres://u:p@10.0.0.5/tv", "without TLS"),
            (
                "postgres://u:p@db.internal/tv?sslmode=disable",
                "without TLS",
            ),
            (
                "postgres://u:p@127.0.0.1/tv?sslmode=require",
                "TLS (sslmode)",
            ),
            (
                "postgres://u:p@127.0.0.1/tv?sslrootcert=/ca.pem",
                "TLS (sslrootcert)",
            ),
            (
                "postgres://u:p@127.0.0.1/tv?target_session_attrs=any",
                "unknown option",
            ),
            ("mysql://u:p@127.0.0.1/tv", "only postgres://"),
            ("/var/lib/treevu.db", "not a URL"),
        ] {
            let e = DatabaseUrl::parse(bad).expect_err(bad).to_string();
            assert!(e.contains(says), "{bad}: {e}");
        }
    }

    #[test]
    fn the_driver_never_negotiates_tls_and_keeps_the_rest() {
        let u = DatabaseUrl::parse("postgres://u:p@127.0.0.1:6543/tv?sslmode=prefer").unwrap();
        let c = u.config().unwrap();
        assert_eq!(c.get_ssl_mode(), postgres::config::SslMode::Disable);
        assert_eq!(c.get_ports(), [6543]);
        assert_eq!(c.get_dbname(), Some("tv"));
        assert_eq!(c.get_user(), Some("u"));
        assert_eq!(u.with_database("other").database(), Some("other"));
    }
}

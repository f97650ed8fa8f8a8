//! Every HTTP client treevu builds, side by side, and the loopback rule they share.
//!
//! Each purpose keeps its own settings on purpose: marketplace APIs bypass a proxy on
//! loopback (a proxy cannot reach this machine's sandbox), the demo's browser follows
//! redirects because it plays a browser, a webhook is posted with no User-Agent as it
//! always was. One file makes those differences visible instead of scattered.

use std::time::Duration;

use url::Url;

/// What every request to a marketplace, a token endpoint or an LLM says it is.
pub const USER_AGENT: &str = concat!("treevu/", env!("CARGO_PKG_VERSION"));

/// This machine: `localhost` or a loopback address. Plain `http` is allowed only here,
/// and `TREEVU_SANDBOX` must point here.
pub fn is_loopback(url: &Url) -> bool {
    match url.host() {
        Some(url::Host::Domain(d)) => d.eq_ignore_ascii_case("localhost"),
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        None => false,
    }
}

/// A marketplace API client: fixed timeouts, no redirects, treevu's User-Agent, and no
/// proxy when `base` is this machine.
pub fn api_client(
    base: &Url,
    connect: Duration,
    request: Duration,
) -> reqwest::Result<reqwest::Client> {
    let mut b = reqwest::Client::builder()
        .user_agent(USER_AGENT)
        .connect_timeout(connect)
        .timeout(request)
        .redirect(reqwest::redirect::Policy::none());
    if is_loopback(base) {
        b = b.no_proxy();
    }
    b.build()
}

/// The OAuth token, revocation and account endpoints: no redirects (a redirect could
/// carry a code or a secret elsewhere), treevu's User-Agent.
pub fn auth_client(connect: Duration, request: Duration) -> reqwest::Result<reqwest::Client> {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .connect_timeout(connect)
        .timeout(request)
        .user_agent(USER_AGENT)
        .build()
}

/// The LLM endpoint of `recommend --explain`: no redirects, since one could carry the
/// key to another host and an endpoint that redirects is misconfigured.
pub fn llm_client(connect: Duration, timeout: Duration) -> reqwest::Result<reqwest::Client> {
    reqwest::Client::builder()
        .connect_timeout(connect.min(timeout))
        .timeout(timeout)
        .redirect(reqwest::redirect::Policy::none())
        .user_agent(USER_AGENT)
        .build()
}

/// The sync notification webhook: a short timeout so a slow hook never holds a sync.
pub fn webhook_client(timeout: Duration) -> reqwest::Result<reqwest::Client> {
    reqwest::Client::builder()
        .timeout(timeout)
        .redirect(reqwest::redirect::Policy::none())
        .build()
}

/// The demo's stand-in for a browser on the sandbox's consent page: it follows
/// redirects as a browser does, and never goes through a proxy.
pub fn browser_client(timeout: Duration) -> reqwest::Result<reqwest::Client> {
    reqwest::Client::builder()
        .no_proxy()
        .timeout(timeout)
        .build()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loopback_is_localhost_and_loopback_addresses_only() {
        for yes in [
            "http://127.0.0.1:8080/",
            "http://127.1.2.3/",
            "http://LOCALHOST:1/",
            "http://[::1]:9/",
        ] {
            assert!(is_loopback(&Url::parse(yes).unwrap()), "{yes}");
        }
        for no in [
            "http://10.0.0.1/",
            "https://api.olx.com.pe/",
            "http://localhost.example/",
            "http://[::2]/",
        ] {
            assert!(!is_loopback(&Url::parse(no).unwrap()), "{no}");
        }
    }
}

//! OAuth 2.0 for OLX and Inmuebles24: authorization code with PKCE (S256) and a consent
//! page, single-use codes, rotating refresh tokens, revocation (RFC 6749, 7636, 7009).

use std::collections::{HashMap, HashSet};
use std::time::{Duration, Instant};

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use rand::RngCore;
use serde_json::json;
use sha2::{Digest, Sha256};

use super::http::{Reply, Req, form_get};
use super::server::{Shared, lock};
use treevu_domain::Marketplace;

const CODE_TTL: Duration = Duration::from_secs(60);

struct Code {
    marketplace: Marketplace,
    client_id: String,
    redirect_uri: String,
    challenge: String,
    scope: String,
    issued: Instant,
    used: bool,
    /// The grant the code's tokens belong to, so reusing a code can revoke them.
    grant: u64,
}

struct Access {
    marketplace: Marketplace,
    grant: u64,
    user: String,
    expires: Instant,
}

struct Refresh {
    marketplace: Marketplace,
    grant: u64,
    client_id: String,
    scope: String,
}

/// Codes, tokens and grants of both OAuth marketplaces.
pub struct OAuth {
    ttl: Duration,
    codes: HashMap<String, Code>,
    access: HashMap<String, Access>,
    refresh: HashMap<String, Refresh>,
    revoked: HashSet<u64>,
    grant_user: HashMap<u64, String>,
    next_grant: u64,
}

fn random_token(prefix: &str) -> String {
    let mut b = [0u8; 32];
    rand::thread_rng().fill_bytes(&mut b);
    format!("{prefix}{}", URL_SAFE_NO_PAD.encode(b))
}

impl OAuth {
    pub fn new(ttl: Duration) -> Self {
        OAuth {
            ttl,
            codes: HashMap::new(),
            access: HashMap::new(),
            refresh: HashMap::new(),
            revoked: HashSet::new(),
            grant_user: HashMap::new(),
            next_grant: 1,
        }
    }

    /// The user an access token belongs to, even if it expired (rate limits still count it).
    pub fn user_of(&self, m: Marketplace, token: &str) -> Option<String> {
        self.access
            .get(token)
            .filter(|a| a.marketplace == m)
            .map(|a| a.user.clone())
    }

    /// The user of a live access token, or why it is refused.
    pub fn check_access(&self, m: Marketplace, token: &str) -> Result<String, &'static str> {
        let a = self
            .access
            .get(token)
            .filter(|a| a.marketplace == m)
            .ok_or("unknown access token: authorize again")?;
        if self.revoked.contains(&a.grant) {
            return Err("the access token was revoked: authorize again");
        }
        if Instant::now() >= a.expires {
            return Err("the access token expired: refresh it");
        }
        Ok(a.user.clone())
    }

    /// Makes every current access token of `m` expired; returns how many.
    pub fn expire_all(&mut self, m: Marketplace) -> usize {
        let now = Instant::now();
        let mut n = 0;
        for a in self.access.values_mut().filter(|a| a.marketplace == m) {
            a.expires = now;
            n += 1;
        }
        n
    }

    /// Revokes every grant of `m`; returns how many.
    pub fn revoke_all(&mut self, m: Marketplace) -> usize {
        let grants: HashSet<u64> = self
            .access
            .values()
            .filter(|a| a.marketplace == m)
            .map(|a| a.grant)
            .chain(
                self.refresh
                    .values()
                    .filter(|r| r.marketplace == m)
                    .map(|r| r.grant),
            )
            .chain(
                self.codes
                    .values()
                    .filter(|c| c.marketplace == m)
                    .map(|c| c.grant),
            )
            .filter(|g| !self.revoked.contains(g))
            .collect();
        let n = grants.len();
        self.revoked.extend(grants);
        n
    }

    fn issue(
        &mut self,
        m: Marketplace,
        grant: u64,
        client_id: &str,
        scope: &str,
    ) -> (String, String, String) {
        let user = self.grant_user.get(&grant).cloned().unwrap_or_default();
        let access = random_token("at_");
        let refresh = random_token("rt_");
        self.access.insert(
            access.clone(),
            Access {
                marketplace: m,
                grant,
                user: user.clone(),
                expires: Instant::now() + self.ttl,
            },
        );
        self.refresh.insert(
            refresh.clone(),
            Refresh {
                marketplace: m,
                grant,
                client_id: client_id.into(),
                scope: scope.into(),
            },
        );
        (access, refresh, user)
    }
}

/// Dispatches the OAuth endpoints of `m`.
pub fn handle(shared: &Shared, m: Marketplace, method: &str, short: &str, req: &Req) -> Reply {
    match (method, short) {
        ("GET", "/oauth/authorize") => authorize(shared, m, &req.query, None),
        ("POST", "/oauth/authorize") => {
            let form = req.form();
            let decision = form_get(&form, "decision").map(str::to_string);
            authorize(shared, m, &form, Some(decision.as_deref().unwrap_or("")))
        }
        ("POST", "/oauth/token") => token(shared, m, req),
        ("POST", "/oauth/revoke") => revoke(shared, m, req),
        _ => Reply::error(404, "not_found", "no such OAuth endpoint"),
    }
}

fn client_id_of(shared: &Shared, m: Marketplace) -> &str {
    &app_of(shared, m).client_id
}

fn app_of(shared: &Shared, m: Marketplace) -> &super::AppCredentials {
    match m {
        Marketplace::Olx => &shared.credentials.olx,
        _ => &shared.credentials.inmuebles24,
    }
}

/// The scopes the sandbox's OAuth servers grant (as `docs/marketplaces.openapi.yaml` declares).
const SCOPES: [&str; 2] = ["listings:read", "listings:write"];

/// Who the token or revocation request says it is, checked the way the
/// sandbox is set up (RFC 6749 §2.3, §5.2): the client id, or the error answer.
fn authenticate_client(shared: &Shared, m: Marketplace, req: &Req) -> Result<(), Reply> {
    let form = req.form();
    let app = app_of(shared, m);
    let basic = match req.header("authorization") {
        Some(h) if h.len() > 6 && h[..6].eq_ignore_ascii_case("basic ") => {
            let decoded = base64::engine::general_purpose::STANDARD
                .decode(h[6..].trim())
                .ok()
                .and_then(|b| String::from_utf8(b).ok());
            let pair = decoded
                .as_deref()
                .and_then(|d| d.split_once(':'))
                .map(|(i, s)| {
                    let dec = |x: &str| {
                        url::form_urlencoded::parse(format!("v={x}").as_bytes())
                            .next()
                            .map(|(_, v)| v.into_owned())
                            .unwrap_or_default()
                    };
                    (dec(i), dec(s))
                });
            match pair {
                Some(p) => Some(p),
                None => {
                    return Err(invalid_client(
                        m,
                        "the Basic credentials are not base64 of id:secret",
                    ));
                }
            }
        }
        _ => None,
    };
    let form_id = form_get(&form, "client_id");
    let form_secret = form_get(&form, "client_secret");
    if basic.is_some() && form_secret.is_some() {
        return Err(oauth_error(
            400,
            "invalid_request",
            "use one client authentication method, not HTTP Basic and client_secret together",
        ));
    }
    let id = basic.as_ref().map(|(i, _)| i.as_str()).or(form_id);
    match id {
        Some(c) if c == app.client_id => {}
        Some(_) => return Err(invalid_client(m, "unknown client_id")),
        None => return Err(oauth_error(400, "invalid_request", "client_id is required")),
    }
    let expected = app.client_secret.as_deref().unwrap_or_default();
    let given = match shared.opts.client_auth {
        super::ClientAuthRule::Public => return Ok(()),
        super::ClientAuthRule::Basic => match &basic {
            Some((_, s)) => s.as_str(),
            None => {
                return Err(invalid_client(
                    m,
                    "this server authenticates the app with HTTP Basic (client_secret_basic)",
                ));
            }
        },
        super::ClientAuthRule::Post => match form_secret {
            Some(s) if basic.is_none() => s,
            _ => {
                return Err(invalid_client(
                    m,
                    "this server takes the client secret in the form (client_secret_post)",
                ));
            }
        },
    };
    if given.as_bytes() != expected.as_bytes() {
        return Err(invalid_client(m, "the client secret is wrong"));
    }
    Ok(())
}

/// RFC 6749 §5.2: 401 with a `WWW-Authenticate` challenge.
fn invalid_client(m: Marketplace, why: &str) -> Reply {
    oauth_error(401, "invalid_client", why).with_header(
        "WWW-Authenticate",
        format!("Basic realm=\"{} sandbox\"", m.display_name()),
    )
}

fn is_loopback_redirect(uri: &str) -> Option<url::Url> {
    let u = url::Url::parse(uri).ok()?;
    let loopback = match u.host()? {
        url::Host::Domain(d) => d.eq_ignore_ascii_case("localhost"),
        url::Host::Ipv4(ip) => ip.is_loopback(),
        url::Host::Ipv6(ip) => ip.is_loopback(),
    };
    (u.scheme() == "http" && loopback && u.fragment().is_none()).then_some(u)
}

fn valid_pkce_string(s: &str) -> bool {
    (43..=128).contains(&s.len())
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~'))
}

fn html_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

pub(super) fn error_page(m: Marketplace, status: u16, message: &str) -> Reply {
    Reply::html(
        status,
        format!(
            "<!doctype html><html><head><meta charset=\"utf-8\"><title>{name}: error de autorización</title></head>\
             <body><h1>{name} sandbox</h1><p>No se puede continuar: {msg}</p></body></html>",
            name = m.display_name(),
            msg = html_escape(message)
        ),
    )
}

fn redirect_with(mut u: url::Url, pairs: &[(&str, &str)]) -> Reply {
    {
        let mut q = u.query_pairs_mut();
        for (k, v) in pairs {
            q.append_pair(k, v);
        }
    }
    Reply::redirect(u.to_string())
}

/// GET (consent page or, with auto-approve, a code) and POST (the consent decision).
fn authorize(
    shared: &Shared,
    m: Marketplace,
    params: &[(String, String)],
    decision: Option<&str>,
) -> Reply {
    let get = |k: &str| form_get(params, k);
    // Problems with the client or the redirect are shown here: redirecting to an
    // unverified URI would hand codes or errors to whoever wrote it.
    match get("client_id") {
        Some(c) if c == client_id_of(shared, m) => {}
        Some(_) => return error_page(m, 400, "la aplicación (client_id) no está registrada"),
        None => return error_page(m, 400, "falta client_id"),
    }
    let Some(redirect_uri) = get("redirect_uri") else {
        return error_page(m, 400, "falta redirect_uri");
    };
    let Some(redirect) = is_loopback_redirect(redirect_uri) else {
        return error_page(
            m,
            400,
            "redirect_uri debe ser http://127.0.0.1:PUERTO/…, http://localhost:PUERTO/… o http://[::1]:PUERTO/…",
        );
    };
    let state = get("state").unwrap_or("");
    let fail = |desc: &str| {
        redirect_with(
            redirect.clone(),
            &[
                ("error", "invalid_request"),
                ("error_description", desc),
                ("state", state),
            ],
        )
    };
    if get("response_type") != Some("code") {
        return fail("response_type must be code");
    }
    if state.is_empty() {
        return fail("state is required");
    }
    let challenge = match get("code_challenge") {
        Some(c) if valid_pkce_string(c) => c,
        Some(_) => return fail("code_challenge must be 43 to 128 URL-safe characters"),
        None => return fail("code_challenge is required (PKCE)"),
    };
    if get("code_challenge_method") != Some("S256") {
        return fail("code_challenge_method must be S256");
    }
    let scope = get("scope").unwrap_or("listings:read listings:write");
    if let Some(unknown) = scope
        .split(' ')
        .find(|s| !s.is_empty() && !SCOPES.contains(s))
    {
        return redirect_with(
            redirect,
            &[
                ("error", "invalid_scope"),
                (
                    "error_description",
                    &format!(
                        "unknown scope '{unknown}': this server grants {}",
                        SCOPES.join(", ")
                    ),
                ),
                ("state", state),
            ],
        );
    }
    let approve = match decision {
        None if shared.opts.auto_approve => true,
        None => return consent_page(m, params),
        Some("approve") => true,
        Some("deny") => false,
        Some(_) => return fail("decision must be approve or deny"),
    };
    if !approve {
        return redirect_with(
            redirect,
            &[
                ("error", "access_denied"),
                ("error_description", "the merchant denied access"),
                ("state", state),
            ],
        );
    }
    let code = random_token("ac_");
    let user = match m {
        Marketplace::Olx => shared.olx_user.clone(),
        _ => shared.inmuebles24_user.clone(),
    };
    {
        let mut o = lock(&shared.oauth);
        let grant = o.next_grant;
        o.next_grant += 1;
        o.grant_user.insert(grant, user);
        o.codes.insert(
            code.clone(),
            Code {
                marketplace: m,
                client_id: client_id_of(shared, m).to_string(),
                redirect_uri: redirect_uri.to_string(),
                challenge: challenge.to_string(),
                scope: scope.to_string(),
                issued: Instant::now(),
                used: false,
                grant,
            },
        );
    }
    redirect_with(redirect, &[("code", &code), ("state", state)])
}

fn consent_page(m: Marketplace, params: &[(String, String)]) -> Reply {
    let hidden: String = params
        .iter()
        .filter(|(k, _)| k != "decision")
        .map(|(k, v)| {
            format!(
                "<input type=\"hidden\" name=\"{}\" value=\"{}\">",
                html_escape(k),
                html_escape(v)
            )
        })
        .collect();
    let action = match m {
        Marketplace::Olx => "/olx/oauth/authorize",
        _ => "/inmuebles24/oauth/authorize",
    };
    Reply::html(
        200,
        format!(
            "<!doctype html><html><head><meta charset=\"utf-8\"><title>{name}: autorizar Treevü</title></head><body>\
             <h1>{name} sandbox</h1><p>Treevü quiere leer y actualizar tus anuncios.</p>\
             <form method=\"post\" action=\"{action}\">{hidden}\
             <button type=\"submit\" name=\"decision\" value=\"approve\">Autorizar</button> \
             <button type=\"submit\" name=\"decision\" value=\"deny\">Rechazar</button></form></body></html>",
            name = m.display_name()
        ),
    )
}

/// An RFC 6749 error answer (400 unless the request could not even be read).
pub(super) fn oauth_error(status: u16, code: &str, description: &str) -> Reply {
    Reply::json(
        status,
        &json!({"error": code, "error_description": description}),
    )
    .with_header("Cache-Control", "no-store".into())
}

fn token(shared: &Shared, m: Marketplace, req: &Req) -> Reply {
    let form = req.form();
    let get = |k: &str| form_get(&form, k);
    let Some(grant_type) = get("grant_type") else {
        return oauth_error(400, "invalid_request", "grant_type is required");
    };
    let client_id = client_id_of(shared, m);
    if let Err(reply) = authenticate_client(shared, m, req) {
        return reply;
    }
    let mut o = lock(&shared.oauth);
    let (grant, scope) = match grant_type {
        "authorization_code" => {
            let (Some(code), Some(redirect_uri)) = (get("code"), get("redirect_uri")) else {
                return oauth_error(400, "invalid_request", "code and redirect_uri are required");
            };
            let Some(verifier) = get("code_verifier") else {
                return oauth_error(400, "invalid_request", "code_verifier is required (PKCE)");
            };
            let Some(c) = o.codes.get_mut(code).filter(|c| c.marketplace == m) else {
                return oauth_error(400, "invalid_grant", "unknown authorization code");
            };
            if c.used {
                // RFC 6749 §4.1.2: a reused code may be stolen; revoke what it granted.
                let g = c.grant;
                o.revoked.insert(g);
                return oauth_error(
                    400,
                    "invalid_grant",
                    "the authorization code was already used",
                );
            }
            c.used = true;
            if c.issued.elapsed() > CODE_TTL {
                return oauth_error(400, "invalid_grant", "the authorization code expired");
            }
            if c.client_id != client_id || c.redirect_uri != redirect_uri {
                return oauth_error(
                    400,
                    "invalid_grant",
                    "redirect_uri or client_id differ from the authorization request",
                );
            }
            let computed = URL_SAFE_NO_PAD.encode(Sha256::digest(verifier.as_bytes()));
            if !valid_pkce_string(verifier) || computed != c.challenge {
                return oauth_error(
                    400,
                    "invalid_grant",
                    "code_verifier does not match the code_challenge",
                );
            }
            let (g, s) = (c.grant, c.scope.clone());
            if o.revoked.contains(&g) {
                return oauth_error(400, "invalid_grant", "the grant was revoked");
            }
            (g, s)
        }
        "refresh_token" => {
            let Some(rt) = get("refresh_token") else {
                return oauth_error(400, "invalid_request", "refresh_token is required");
            };
            let Some(r) = o.refresh.get(rt).filter(|r| r.marketplace == m) else {
                return oauth_error(
                    400,
                    "invalid_grant",
                    "unknown or already used refresh token",
                );
            };
            if r.client_id != client_id || o.revoked.contains(&r.grant) {
                return oauth_error(400, "invalid_grant", "the refresh token was revoked");
            }
            let (g, s) = (r.grant, r.scope.clone());
            // Rotation: the presented refresh token stops working now.
            o.refresh.remove(rt);
            (g, s)
        }
        other => {
            return oauth_error(
                400,
                "unsupported_grant_type",
                &format!(
                    "grant_type '{other}' is not supported: use authorization_code or refresh_token"
                ),
            );
        }
    };
    let (access, refresh, user) = o.issue(m, grant, client_id, &scope);
    let ttl = o.ttl.as_secs();
    drop(o);
    // OLX sends expires_in as a string, Inmuebles24 as a number: clients must take both.
    let expires_in = match m {
        Marketplace::Olx => json!(ttl.to_string()),
        _ => json!(ttl),
    };
    Reply::json(
        200,
        &json!({
            "access_token": access,
            "token_type": "Bearer",
            "expires_in": expires_in,
            "refresh_token": refresh,
            "scope": scope,
            "user_id": user,
        }),
    )
    .with_header("Cache-Control", "no-store".into())
}

/// RFC 7009: always 200, so a caller cannot probe which tokens exist.
fn revoke(shared: &Shared, m: Marketplace, req: &Req) -> Reply {
    // RFC 7009 §2.1: a confidential client authenticates as at the token endpoint.
    if shared.opts.client_auth != super::ClientAuthRule::Public
        && let Err(reply) = authenticate_client(shared, m, req)
    {
        return reply;
    }
    let form = req.form();
    let Some(t) = form_get(&form, "token") else {
        return oauth_error(400, "invalid_request", "token is required");
    };
    let mut o = lock(&shared.oauth);
    let grant = o
        .access
        .get(t)
        .filter(|a| a.marketplace == m)
        .map(|a| a.grant)
        .or_else(|| {
            o.refresh
                .get(t)
                .filter(|r| r.marketplace == m)
                .map(|r| r.grant)
        });
    if let Some(g) = grant {
        o.revoked.insert(g);
    }
    Reply::json(200, &json!({}))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_loopback_http_redirects() {
        assert!(is_loopback_redirect("http://127.0.0.1:8080/cb").is_some());
        assert!(is_loopback_redirect("http://localhost:1/cb").is_some());
        assert!(is_loopback_redirect("http://[::1]:9/cb").is_some());
        assert!(is_loopback_redirect("https://127.0.0.1:8080/cb").is_none());
        assert!(is_loopback_redirect("http://evil.example/cb").is_none());
        assert!(is_loopback_redirect("not a url").is_none());
    }
}

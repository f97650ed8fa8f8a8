//! The loopback redirect (RFC 8252 §7.3): a tiny_http server on 127.0.0.1
//! that waits for `/callback?code=..&state=..`, and, in the same wait, the
//! redirected address pasted on stdin (headless machines). Whichever valid
//! answer arrives first wins.

use std::io::BufRead;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use super::AuthError;
use super::pkce::State;
use super::secret::Secret;
use crate::i18n::{Lang, Localizer, Msg};
use crate::msg;

/// A bound callback server; bind it before showing anything to the user.
pub struct Listener {
    server: tiny_http::Server,
    port: u16,
}

/// Binds `127.0.0.1:port` (0 = any free port).
pub fn bind(port: u16) -> Result<Listener, AuthError> {
    let server = tiny_http::Server::http(("127.0.0.1", port)).map_err(|e| AuthError::Bind {
        port,
        message: e.to_string(),
    })?;
    let port = server
        .server_addr()
        .to_ip()
        .map(|a| a.port())
        .ok_or_else(|| AuthError::Bind {
            port,
            message: "not an IP listener".into(),
        })?;
    Ok(Listener { server, port })
}

impl Listener {
    pub fn port(&self) -> u16 {
        self.port
    }
    pub fn redirect_uri(&self) -> String {
        format!("http://127.0.0.1:{}/callback", self.port)
    }
}

/// Something the user should know while the wait goes on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Note {
    /// A request that was not the callback (e.g. /favicon.ico): answered 404.
    OtherPath(String),
    /// A callback whose `state` did not match: answered 400, still waiting.
    ForgedCallback,
    /// A pasted line that was refused, and why; still waiting.
    PasteRefused(String),
    /// stdin ended: only the browser callback can finish now.
    PasteClosed,
}

/// Where the wait reports notes (the CLI prints them; the core never does).
pub trait Observer: Send + Sync {
    fn note(&self, note: Note);
}

impl<F: Fn(Note) + Send + Sync> Observer for F {
    fn note(&self, note: Note) {
        self(note)
    }
}

/// How the wait ends besides an answer.
pub struct WaitOptions {
    pub timeout: Duration,
    /// Lines to read pasted addresses from (stdin); `None` disables pasting.
    pub paste: Option<Box<dyn BufRead + Send>>,
    /// Set (e.g. by a Ctrl-C handler) to stop waiting.
    pub interrupted: Arc<AtomicBool>,
    /// The language of the pages the browser shows.
    pub lang: Lang,
}

/// Which path delivered the code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Via {
    Callback,
    Paste,
}

enum Event {
    Answer(Via, Result<Secret, AuthError>, Box<Option<PendingPage>>),
    Note(Note),
}

/// What a redirect carried, once its state is known good.
fn read_answer(query: &url::Url) -> Result<Secret, AuthError> {
    let get = |k: &str| {
        query
            .query_pairs()
            .find(|(key, _)| key == k)
            .map(|(_, v)| v.into_owned())
    };
    if let Some(error) = get("error") {
        return Err(AuthError::Provider {
            error,
            description: get("error_description"),
        });
    }
    match get("code").filter(|c| !c.is_empty()) {
        Some(c) => Ok(Secret::new(c)),
        None => Err(AuthError::Provider {
            error: "invalid_request".into(),
            description: Some("the redirect carried neither a code nor an error".into()),
        }),
    }
}

fn state_of(u: &url::Url) -> Option<String> {
    u.query_pairs()
        .find(|(k, _)| k == "state")
        .map(|(_, v)| v.into_owned())
}

/// Parses a pasted line: a whole `http(s)://` address, or just its query
/// (`?code=..&state=..`, `code=..&state=..`). Anything else is not an
/// address, whatever URL parsers would make of it.
pub fn parse_pasted(line: &str) -> Option<url::Url> {
    let line = line.trim();
    if line.is_empty() || line.chars().any(char::is_whitespace) {
        return None;
    }
    let lower = line.to_ascii_lowercase();
    if lower.starts_with("http://") || lower.starts_with("https://") {
        return url::Url::parse(line).ok().filter(|u| u.host().is_some());
    }
    let q = line.strip_prefix('?').unwrap_or(line);
    let is_query = q.split('&').any(|kv| {
        kv.split_once('=')
            .is_some_and(|(k, _)| matches!(k, "code" | "state" | "error"))
    });
    if !is_query {
        return None;
    }
    url::Url::parse(&format!("http://127.0.0.1/callback?{q}")).ok()
}

/// One of treevu's own pages, in `lang`; the words (the catalog's and the
/// marketplace's or account's inside them) are escaped for HTML.
fn page(lang: Lang, title: &Msg, body: &Msg) -> String {
    let loc = Localizer::shared(lang);
    let title = html_escape(&loc.text(title));
    let body = html_escape(&loc.text(body));
    format!(
        "<!doctype html><html lang=\"{}\"><head><meta charset=\"utf-8\"><title>{title}</title></head>\
         <body style=\"font-family:sans-serif;max-width:36em;margin:4em auto\"><h1>{title}</h1><p>{body}</p></body></html>",
        lang.code()
    )
}

fn html_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The browser's callback request, answered once treevu knows how the
/// sign-in ended (token exchange and account lookup), so the page never
/// says "connected" before it is. Dropped unanswered, it says to look at
/// the terminal.
pub struct PendingPage {
    req: Option<tiny_http::Request>,
    lang: Lang,
}

impl PendingPage {
    /// The sign-in worked: `who` is the account (e.g. "Ana (user 123) at OLX").
    pub fn connected(mut self, who: &str) {
        if let Some(req) = self.req.take() {
            respond(
                req,
                200,
                page(
                    self.lang,
                    &Msg::new("oauth-connected-title"),
                    &msg!("oauth-connected-body", who = who),
                ),
            );
        }
    }

    /// The sign-in failed after the marketplace approved it: say what failed.
    pub fn failed(mut self, why: &str) {
        if let Some(req) = self.req.take() {
            respond(
                req,
                502,
                page(
                    self.lang,
                    &Msg::new("oauth-failed-title"),
                    &msg!("oauth-failed-body", why = why),
                ),
            );
        }
    }
}

impl Drop for PendingPage {
    fn drop(&mut self) {
        if let Some(req) = self.req.take() {
            respond(
                req,
                500,
                page(
                    self.lang,
                    &Msg::new("oauth-stopped-title"),
                    &Msg::new("oauth-stopped-body"),
                ),
            );
        }
    }
}

fn respond(req: tiny_http::Request, status: u16, html: String) {
    let header =
        tiny_http::Header::from_bytes(&b"Content-Type"[..], &b"text/html; charset=utf-8"[..])
            .expect("static header");
    let _ = req.respond(
        tiny_http::Response::from_string(html)
            .with_status_code(status)
            .with_header(header),
    );
}

/// What one request to the loopback server is, from its request target
/// (`/callback?code=..&state=..`). Pure, so it can be fuzzed.
#[derive(Debug)]
pub enum Callback {
    /// Not a parseable address: answered 400.
    BadRequest,
    /// Some other path (e.g. `/favicon.ico`): answered 404, still waiting.
    OtherPath(String),
    /// The callback, but its `state` does not match this sign-in: answered 400, still waiting.
    Forged,
    /// The callback of this sign-in: the code, or the marketplace's refusal.
    Answer(Result<Secret, AuthError>),
}

/// Classifies a request target received by the loopback server.
pub fn classify_callback(target: &str, state: &State) -> Callback {
    // Only an origin-form target ("/path?query") is a request to us; anything
    // else ("@host/..", "http://..") would let the target pick the URL's host.
    if !target.starts_with('/') || target.starts_with("//") {
        return Callback::BadRequest;
    }
    let Ok(u) = url::Url::parse(&format!("http://127.0.0.1{target}")) else {
        return Callback::BadRequest;
    };
    if u.path() != "/callback" {
        return Callback::OtherPath(u.path().to_string());
    }
    if !state.matches(state_of(&u).as_deref()) {
        return Callback::Forged;
    }
    Callback::Answer(read_answer(&u))
}

fn serve(
    server: tiny_http::Server,
    state: State,
    tx: mpsc::Sender<Event>,
    stop: Arc<AtomicBool>,
    lang: Lang,
) {
    while !stop.load(Ordering::SeqCst) {
        let req = match server.recv_timeout(Duration::from_millis(100)) {
            Ok(Some(r)) => r,
            Ok(None) => continue,
            Err(_) => break,
        };
        let answer = match classify_callback(req.url(), &state) {
            Callback::BadRequest => {
                respond(
                    req,
                    400,
                    page(
                        lang,
                        &Msg::new("oauth-bad-request-title"),
                        &Msg::new("oauth-bad-request-body"),
                    ),
                );
                continue;
            }
            Callback::OtherPath(path) => {
                let _ = tx.send(Event::Note(Note::OtherPath(path)));
                respond(
                    req,
                    404,
                    page(
                        lang,
                        &Msg::new("oauth-not-found-title"),
                        &Msg::new("oauth-not-found-body"),
                    ),
                );
                continue;
            }
            Callback::Forged => {
                let _ = tx.send(Event::Note(Note::ForgedCallback));
                respond(
                    req,
                    400,
                    page(
                        lang,
                        &Msg::new("oauth-forged-title"),
                        &Msg::new("oauth-forged-body"),
                    ),
                );
                continue;
            }
            Callback::Answer(answer) => answer,
        };
        // A code: the page waits for the exchange; a refusal: say so now.
        let pending = match &answer {
            Ok(_) => Some(PendingPage {
                req: Some(req),
                lang,
            }),
            Err(e) => {
                respond(
                    req,
                    200,
                    page(
                        lang,
                        &Msg::new("oauth-refused-title"),
                        &msg!("oauth-refused-body", answer = e.to_string()),
                    ),
                );
                None
            }
        };
        let _ = tx.send(Event::Answer(Via::Callback, answer, Box::new(pending)));
        break;
    }
    // Dropping the server closes the port at once.
    drop(server);
}

fn read_pastes(mut input: Box<dyn BufRead + Send>, state: State, tx: mpsc::Sender<Event>) {
    let mut line = String::new();
    loop {
        line.clear();
        match input.read_line(&mut line) {
            Ok(0) | Err(_) => {
                let _ = tx.send(Event::Note(Note::PasteClosed));
                return;
            }
            Ok(_) => {}
        }
        let Some(u) = parse_pasted(&line) else {
            if !line.trim().is_empty() {
                let _ = tx.send(Event::Note(Note::PasteRefused(
                    "that is not an address; paste the whole address your browser was sent to"
                        .into(),
                )));
            }
            continue;
        };
        zeroize::Zeroize::zeroize(&mut line);
        if !state.matches(state_of(&u).as_deref()) {
            let _ = tx.send(Event::Note(Note::PasteRefused(
                "that address does not belong to this sign-in (the state does not match)".into(),
            )));
            continue;
        }
        if tx
            .send(Event::Answer(Via::Paste, read_answer(&u), Box::new(None)))
            .is_err()
        {
            return;
        }
    }
}

/// A code that arrived, how, and (from the browser) the page still to answer.
pub struct Code {
    pub code: Secret,
    pub via: Via,
    pub page: Option<PendingPage>,
}

/// Waits for the authorization code from the callback or a paste.
/// The port is closed when this returns (the browser's request, if it
/// brought the code, is answered through [`Code::page`]).
pub fn wait_for_code(
    listener: Listener,
    state: &State,
    opts: WaitOptions,
    observer: &dyn Observer,
) -> Result<Code, AuthError> {
    let (tx, rx) = mpsc::channel();
    let stop = Arc::new(AtomicBool::new(false));
    let server_thread = {
        let (tx, stop, state, lang) = (tx.clone(), stop.clone(), state.clone(), opts.lang);
        let server = listener.server;
        std::thread::Builder::new()
            .name("treevu-callback".into())
            .spawn(move || serve(server, state, tx, stop, lang))
            .map_err(|e| AuthError::Bind {
                port: listener.port,
                message: e.to_string(),
            })?
    };
    if let Some(input) = opts.paste {
        let (tx, state) = (tx.clone(), state.clone());
        // Detached: a blocked read of stdin cannot be cancelled; the process ends soon after.
        let _ = std::thread::Builder::new()
            .name("treevu-paste".into())
            .spawn(move || read_pastes(input, state, tx));
    }
    drop(tx);
    let deadline = Instant::now() + opts.timeout;
    let result = loop {
        if opts.interrupted.load(Ordering::SeqCst) {
            break Err(AuthError::Interrupted);
        }
        let now = Instant::now();
        if now >= deadline {
            break Err(AuthError::TimedOut {
                secs: opts.timeout.as_secs(),
            });
        }
        let slice = (deadline - now).min(Duration::from_millis(200));
        match rx.recv_timeout(slice) {
            Ok(Event::Answer(via, answer, page)) => {
                break answer.map(|code| Code {
                    code,
                    via,
                    page: *page,
                });
            }
            Ok(Event::Note(n)) => observer.note(n),
            Err(mpsc::RecvTimeoutError::Timeout) => {}
            Err(mpsc::RecvTimeoutError::Disconnected) => {
                // Both paths are gone (server thread ended without an answer): wait out the clock.
                std::thread::sleep(slice);
            }
        }
    };
    stop.store(true, Ordering::SeqCst);
    let _ = server_thread.join();
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn callback_targets_are_classified_without_trusting_the_target() {
        let st = State::new();
        let ok = format!("/callback?code=abc&state={}", st.as_str());
        assert!(
            matches!(classify_callback(&ok, &st), Callback::Answer(Ok(c)) if c.expose() == "abc")
        );
        let err = format!("/callback?error=access_denied&state={}", st.as_str());
        assert!(matches!(
            classify_callback(&err, &st),
            Callback::Answer(Err(AuthError::Provider { .. }))
        ));
        let empty = format!("/callback?code=&state={}", st.as_str());
        assert!(matches!(
            classify_callback(&empty, &st),
            Callback::Answer(Err(_))
        ));
        assert!(matches!(
            classify_callback("/callback?code=abc&state=x", &st),
            Callback::Forged
        ));
        assert!(matches!(
            classify_callback("/callback?code=abc", &st),
            Callback::Forged
        ));
        assert!(
            matches!(classify_callback("/favicon.ico", &st), Callback::OtherPath(p) if p == "/favicon.ico")
        );
        // Targets that would move the URL's host are refused, not parsed.
        for t in [
            "@evil.example/callback?code=a",
            "//evil.example/callback",
            "http://x/callback",
            "",
            "*",
        ] {
            assert!(
                matches!(classify_callback(t, &st), Callback::BadRequest),
                "{t}"
            );
        }
    }

    fn opts(timeout_ms: u64, paste: Option<&'static str>) -> WaitOptions {
        WaitOptions {
            timeout: Duration::from_millis(timeout_ms),
            paste: paste.map(|p| Box::new(std::io::Cursor::new(p)) as Box<dyn BufRead + Send>),
            interrupted: Arc::new(AtomicBool::new(false)),
            lang: Lang::En,
        }
    }

    #[test]
    fn pages_speak_the_language_and_escape_what_they_quote() {
        let es = page(
            Lang::Es,
            &Msg::new("oauth-connected-title"),
            &msg!("oauth-connected-body", who = "<b>Ana</b> at OLX"),
        );
        assert!(es.starts_with("<!doctype html><html lang=\"es\">"), "{es}");
        assert!(es.contains("treevu está conectado"), "{es}");
        assert!(
            es.contains("&lt;b&gt;Ana&lt;/b&gt;") && !es.contains("<b>Ana"),
            "{es}"
        );
        let en = page(
            Lang::En,
            &Msg::new("oauth-connected-title"),
            &msg!("oauth-connected-body", who = "Ana"),
        );
        assert!(
            en.contains("<html lang=\"en\">") && en.contains("treevu is connected"),
            "{en}"
        );
    }

    fn get(url: &str) -> u16 {
        get_page(url).0
    }

    fn get_page(url: &str) -> (u16, String) {
        // A minimal HTTP/1.0 client so the test needs no runtime.
        use std::io::{Read, Write};
        let u = url::Url::parse(url).unwrap();
        let mut s =
            std::net::TcpStream::connect((u.host_str().unwrap(), u.port().unwrap())).unwrap();
        let path = match u.query() {
            Some(q) => format!("{}?{q}", u.path()),
            None => u.path().to_string(),
        };
        write!(s, "GET {path} HTTP/1.0\r\nHost: x\r\n\r\n").unwrap();
        let mut out = String::new();
        s.read_to_string(&mut out).unwrap();
        let status = out.split_whitespace().nth(1).unwrap().parse().unwrap();
        (status, out)
    }

    #[test]
    fn favicon_and_forged_state_do_not_end_the_wait() {
        let l = bind(0).unwrap();
        let base = format!("http://127.0.0.1:{}", l.port());
        let state = State::new();
        let good = format!("{base}/callback?code=abc&state={}", state.as_str());
        let b2 = base.clone();
        let h = std::thread::spawn(move || {
            std::thread::sleep(Duration::from_millis(100));
            let a = get(&format!("{b2}/favicon.ico"));
            let b = get(&format!("{b2}/callback?code=evil&state=forged"));
            let c = get(&good);
            (a, b, c)
        });
        let notes = std::sync::Mutex::new(Vec::new());
        let obs = |n: Note| notes.lock().unwrap().push(n);
        let got = wait_for_code(l, &state, opts(5000, None), &obs).unwrap();
        assert_eq!(got.code.expose(), "abc");
        assert_eq!(got.via, Via::Callback);
        got.page
            .expect("the browser waits for the outcome")
            .connected("Ana at OLX");
        assert_eq!(h.join().unwrap(), (404, 400, 200));
        let notes = notes.into_inner().unwrap();
        assert!(notes.contains(&Note::ForgedCallback));
        // The port closes once the wait returns (tiny_http's accept thread ends just after).
        let port = url::Url::parse(&base).unwrap().port().unwrap();
        let closed = (0..40).any(|_| {
            std::thread::sleep(Duration::from_millis(50));
            std::net::TcpStream::connect(("127.0.0.1", port)).is_err()
        });
        assert!(closed, "the callback port stayed open");
    }

    #[test]
    fn paste_path_refuses_wrong_state_then_accepts() {
        let l = bind(0).unwrap();
        let state = State::new();
        let text: &'static str = Box::leak(
            format!(
                "http://127.0.0.1:1/callback?code=x&state=bad\n\nhttp://127.0.0.1:1/callback?code=good&state={}\n",
                state.as_str()
            )
            .into_boxed_str(),
        );
        let notes = std::sync::Mutex::new(Vec::new());
        let obs = |n: Note| notes.lock().unwrap().push(n);
        let got = wait_for_code(l, &state, opts(5000, Some(text)), &obs).unwrap();
        assert_eq!((got.code.expose(), got.via), ("good", Via::Paste));
        assert!(got.page.is_none());
        assert!(matches!(notes.lock().unwrap()[0], Note::PasteRefused(_)));
    }

    /// The browser hears "connected" only when treevu says so, and what failed otherwise.
    #[test]
    fn the_browser_page_waits_for_the_outcome_and_says_what_failed() {
        for ok in [true, false] {
            let l = bind(0).unwrap();
            let state = State::new();
            let url = format!(
                "http://127.0.0.1:{}/callback?code=abc&state={}",
                l.port(),
                state.as_str()
            );
            let browser = std::thread::spawn(move || get_page(&url));
            let got = wait_for_code(l, &state, opts(5000, None), &|_: Note| {}).unwrap();
            std::thread::sleep(Duration::from_millis(200));
            assert!(!browser.is_finished(), "the page waits for the exchange");
            let page = got.page.unwrap();
            if ok {
                page.connected("Ana (user 7) at OLX");
            } else {
                page.failed("OLX account lookup at api.olx.com answered HTTP 500: <boom>");
            }
            let (status, body) = browser.join().unwrap();
            if ok {
                assert_eq!(status, 200);
                assert!(
                    body.contains("treevu is connected") && body.contains("Ana (user 7)"),
                    "{body}"
                );
            } else {
                assert_eq!(status, 502);
                assert!(!body.contains("is connected"), "{body}");
                assert!(
                    body.contains("account lookup") && body.contains("&lt;boom&gt;"),
                    "{body}"
                );
            }
        }
    }

    #[test]
    fn pasted_text_that_is_not_an_address_is_not_taken_for_one() {
        for not in [
            "hello",
            "I approved it",
            "ok thanks",
            "127.0.0.1",
            "callback",
        ] {
            assert!(parse_pasted(not).is_none(), "{not}");
        }
        for yes in [
            "http://127.0.0.1:5/callback?code=a&state=b",
            "?code=a&state=b",
            "code=a&state=b",
            "error=access_denied&state=b",
        ] {
            assert!(parse_pasted(yes).is_some(), "{yes}");
        }
    }

    #[test]
    fn provider_error_and_timeout() {
        let l = bind(0).unwrap();
        let state = State::new();
        let text: &'static str =
            Box::leak(format!("?error=access_denied&state={}\n", state.as_str()).into_boxed_str());
        let Err(err) = wait_for_code(l, &state, opts(5000, Some(text)), &|_: Note| {}) else {
            panic!("a refusal is an error");
        };
        assert!(err.to_string().contains("access_denied"), "{err}");

        let l = bind(0).unwrap();
        let started = Instant::now();
        let Err(err) = wait_for_code(l, &state, opts(300, Some("")), &|_: Note| {}) else {
            panic!("nothing came: an error");
        };
        assert!(matches!(err, AuthError::TimedOut { .. }));
        assert!(started.elapsed() < Duration::from_secs(3));
    }
}

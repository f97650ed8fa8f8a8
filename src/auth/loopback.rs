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
}

/// Which path delivered the code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Via {
    Callback,
    Paste,
}

enum Event {
    Answer(Via, Result<Secret, AuthError>),
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

/// Parses a pasted line: a whole URL, or just its query (`?code=..&state=..`).
pub fn parse_pasted(line: &str) -> Option<url::Url> {
    let line = line.trim();
    if line.is_empty() {
        return None;
    }
    if let Ok(u) = url::Url::parse(line) {
        return Some(u);
    }
    let q = line.trim_start_matches('?');
    url::Url::parse(&format!("http://127.0.0.1/callback?{q}")).ok()
}

fn page(title: &str, body: &str) -> String {
    format!(
        "<!doctype html><html lang=\"es\"><head><meta charset=\"utf-8\"><title>{title}</title></head>\
         <body style=\"font-family:sans-serif;max-width:36em;margin:4em auto\"><h1>{title}</h1><p>{body}</p></body></html>"
    )
}

fn html_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
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

fn serve(server: tiny_http::Server, state: State, tx: mpsc::Sender<Event>, stop: Arc<AtomicBool>) {
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
                    page("Bad request", "This address is not understood."),
                );
                continue;
            }
            Callback::OtherPath(path) => {
                let _ = tx.send(Event::Note(Note::OtherPath(path)));
                respond(req, 404, page("Not found", "Nothing here."));
                continue;
            }
            Callback::Forged => {
                let _ = tx.send(Event::Note(Note::ForgedCallback));
                respond(
                    req,
                    400,
                    page(
                        "Sign-in not accepted",
                        "This answer does not belong to the sign-in treevu started (the state does not match). treevu is still waiting.",
                    ),
                );
                continue;
            }
            Callback::Answer(answer) => answer,
        };
        match &answer {
            Ok(_) => respond(
                req,
                200,
                page(
                    "treevu is connected",
                    "You can close this tab and return to the terminal.",
                ),
            ),
            Err(e) => respond(
                req,
                200,
                page(
                    "treevu was not authorized",
                    &format!(
                        "The marketplace answered: {}. Return to the terminal.",
                        html_escape(&e.to_string())
                    ),
                ),
            ),
        }
        let _ = tx.send(Event::Answer(Via::Callback, answer));
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
        if tx.send(Event::Answer(Via::Paste, read_answer(&u))).is_err() {
            return;
        }
    }
}

/// Waits for the authorization code from the callback or a paste.
/// The port is closed when this returns.
pub fn wait_for_code(
    listener: Listener,
    state: &State,
    opts: WaitOptions,
    observer: &dyn Observer,
) -> Result<(Secret, Via), AuthError> {
    let (tx, rx) = mpsc::channel();
    let stop = Arc::new(AtomicBool::new(false));
    let server_thread = {
        let (tx, stop, state) = (tx.clone(), stop.clone(), state.clone());
        let server = listener.server;
        std::thread::Builder::new()
            .name("treevu-callback".into())
            .spawn(move || serve(server, state, tx, stop))
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
            Ok(Event::Answer(via, answer)) => break answer.map(|c| (c, via)),
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
        }
    }

    fn get(url: &str) -> u16 {
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
        out.split_whitespace().nth(1).unwrap().parse().unwrap()
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
        let (code, via) = wait_for_code(l, &state, opts(5000, None), &obs).unwrap();
        assert_eq!(code.expose(), "abc");
        assert_eq!(via, Via::Callback);
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
        let (code, via) = wait_for_code(l, &state, opts(5000, Some(text)), &obs).unwrap();
        assert_eq!((code.expose(), via), ("good", Via::Paste));
        assert!(matches!(notes.lock().unwrap()[0], Note::PasteRefused(_)));
    }

    #[test]
    fn provider_error_and_timeout() {
        let l = bind(0).unwrap();
        let state = State::new();
        let text: &'static str =
            Box::leak(format!("?error=access_denied&state={}\n", state.as_str()).into_boxed_str());
        let err = wait_for_code(l, &state, opts(5000, Some(text)), &|_: Note| {}).unwrap_err();
        assert!(err.to_string().contains("access_denied"), "{err}");

        let l = bind(0).unwrap();
        let started = Instant::now();
        let err = wait_for_code(l, &state, opts(300, Some("")), &|_: Note| {}).unwrap_err();
        assert!(matches!(err, AuthError::TimedOut { .. }));
        assert!(started.elapsed() < Duration::from_secs(3));
    }
}

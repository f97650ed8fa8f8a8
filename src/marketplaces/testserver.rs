//! A tiny scripted HTTP server on 127.0.0.1:0 for the clients' unit tests
//! (test builds only): it records every request and answers from a closure, so
//! tests can check headers, status mapping and retries without the sandbox.

use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;

use super::{ApiError, BoxFuture, TokenSource};
use crate::domain::Marketplace;

/// What the server saw.
#[derive(Debug, Clone)]
pub struct Recorded {
    pub method: String,
    /// Path and query as sent.
    pub url: String,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Recorded {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// What the server answers.
pub struct Reply {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Reply {
    pub fn json(status: u16, body: serde_json::Value) -> Reply {
        Reply {
            status,
            headers: vec![("Content-Type".into(), "application/json".into())],
            body: body.to_string(),
        }
    }
    pub fn text(status: u16, body: impl Into<String>) -> Reply {
        Reply {
            status,
            headers: vec![],
            body: body.into(),
        }
    }
    pub fn header(mut self, k: &str, v: &str) -> Reply {
        self.headers.push((k.into(), v.into()));
        self
    }
}

pub struct TestServer {
    pub base: String,
    pub seen: Arc<Mutex<Vec<Recorded>>>,
    server: Arc<tiny_http::Server>,
    thread: Option<JoinHandle<()>>,
}

impl TestServer {
    pub fn start(handler: impl Fn(&Recorded) -> Reply + Send + 'static) -> TestServer {
        let server = Arc::new(tiny_http::Server::http("127.0.0.1:0").expect("bind loopback"));
        let port = server.server_addr().to_ip().expect("ip listener").port();
        let seen = Arc::new(Mutex::new(Vec::new()));
        let (srv, log) = (server.clone(), seen.clone());
        let thread = std::thread::spawn(move || {
            for mut req in srv.incoming_requests() {
                let mut body = String::new();
                let _ = req.as_reader().read_to_string(&mut body);
                let rec = Recorded {
                    method: req.method().as_str().to_string(),
                    url: req.url().to_string(),
                    headers: req
                        .headers()
                        .iter()
                        .map(|h| (h.field.as_str().to_string(), h.value.as_str().to_string()))
                        .collect(),
                    body,
                };
                let reply = handler(&rec);
                log.lock().unwrap().push(rec);
                let mut resp =
                    tiny_http::Response::from_string(reply.body).with_status_code(reply.status);
                for (k, v) in reply.headers {
                    resp.add_header(
                        tiny_http::Header::from_bytes(k.as_bytes(), v.as_bytes()).unwrap(),
                    );
                }
                let _ = req.respond(resp);
            }
        });
        TestServer {
            base: format!("http://127.0.0.1:{port}"),
            seen,
            server,
            thread: Some(thread),
        }
    }

    pub fn requests(&self) -> Vec<Recorded> {
        self.seen.lock().unwrap().clone()
    }
}

impl Drop for TestServer {
    fn drop(&mut self) {
        self.server.unblock();
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

/// A token source that counts its calls: `current` gives `old`, `refresh` gives
/// `new` (or fails when `new` is `None`).
pub struct CountingTokens {
    pub marketplace: Marketplace,
    pub old: String,
    pub new: Option<String>,
    pub current_calls: AtomicU32,
    pub refresh_calls: AtomicU32,
}

impl CountingTokens {
    pub fn new(marketplace: Marketplace, old: &str, new: Option<&str>) -> Arc<CountingTokens> {
        Arc::new(CountingTokens {
            marketplace,
            old: old.into(),
            new: new.map(str::to_string),
            current_calls: AtomicU32::new(0),
            refresh_calls: AtomicU32::new(0),
        })
    }
    pub fn refreshes(&self) -> u32 {
        self.refresh_calls.load(Ordering::SeqCst)
    }
}

impl TokenSource for CountingTokens {
    fn current(&self) -> BoxFuture<'_, Result<String, ApiError>> {
        self.current_calls.fetch_add(1, Ordering::SeqCst);
        let t = self.old.clone();
        Box::pin(async move { Ok(t) })
    }
    fn refresh(&self, rejected: String) -> BoxFuture<'_, Result<String, ApiError>> {
        self.refresh_calls.fetch_add(1, Ordering::SeqCst);
        assert_eq!(
            rejected, self.old,
            "refresh must be told which token failed"
        );
        let next = self.new.clone();
        let marketplace = self.marketplace;
        Box::pin(async move {
            next.ok_or(ApiError::Unauthorized {
                marketplace,
                message: "refresh refused".into(),
            })
        })
    }
}

//! The socket side of the sandbox: HTTP/1.1 served by hyper on a small tokio runtime of
//! its own, turning each request into a [`Req`] (or a [`Problem`]) and each [`Reply`]
//! back into bytes. Nothing of hyper leaks past this file.
//!
//! hyper rather than tiny_http because tiny_http drops a connection without an answer
//! when a header carries a non-ASCII byte; hyper hands such a header over, so the
//! sandbox can answer 400 and say which header it was.

use std::convert::Infallible;
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::Duration;

use http_body_util::{BodyExt, Full};
use hyper::body::{Bytes, Incoming};
use hyper::header::{CONNECTION, CONTENT_LENGTH, CONTENT_TYPE, HeaderName, HeaderValue};
use hyper::{Request, Response, StatusCode};
use hyper_util::rt::TokioIo;
use tokio::sync::watch;

use super::http::{MAX_BODY, Problem, Reply, Req};
use super::server::{Shared, answer};

/// The accept loop on its own thread; stops when [`Front::stop`] is called or it is dropped.
pub struct Front {
    stop: watch::Sender<bool>,
    thread: Option<JoinHandle<()>>,
}

impl Front {
    /// Serves `listener` (already bound, so a bind error reaches the caller) with at
    /// most `workers` handlers running at once.
    pub fn spawn(
        listener: std::net::TcpListener,
        shared: Arc<Shared>,
        workers: usize,
    ) -> std::io::Result<Front> {
        listener.set_nonblocking(true)?;
        // Handlers block (locks, the latency option's sleep), so they run on the
        // blocking pool; two async threads are plenty for the sockets.
        let rt = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .max_blocking_threads(workers.max(1))
            .thread_name("sandbox")
            .enable_io()
            .enable_time()
            .build()?;
        let (stop, mut stopped) = watch::channel(false);
        let thread = std::thread::Builder::new()
            .name("sandbox-accept".into())
            .spawn(move || {
                rt.block_on(async move {
                    let Ok(listener) = tokio::net::TcpListener::from_std(listener) else {
                        return;
                    };
                    loop {
                        tokio::select! {
                            _ = stopped.changed() => break,
                            accepted = listener.accept() => match accepted {
                                Ok((stream, _)) => {
                                    let shared = shared.clone();
                                    tokio::spawn(serve_connection(stream, shared));
                                }
                                // Out of file descriptors and the like: wait, then go on.
                                Err(_) => tokio::time::sleep(Duration::from_millis(10)).await,
                            },
                        }
                    }
                });
                // Outside any async context, so dropping the runtime is allowed here; open
                // connections are cut, answers being worked on get a moment to finish.
                rt.shutdown_timeout(Duration::from_secs(2));
            })?;
        Ok(Front {
            stop,
            thread: Some(thread),
        })
    }

    /// Stops accepting and waits for the accept thread to end.
    pub fn stop(&mut self) {
        let _ = self.stop.send(true);
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

impl Drop for Front {
    fn drop(&mut self) {
        self.stop();
    }
}

async fn serve_connection(stream: tokio::net::TcpStream, shared: Arc<Shared>) {
    let _ = stream.set_nodelay(true);
    let service = hyper::service::service_fn(move |rq| handle(shared.clone(), rq));
    // A client that hangs up or sends garbage ends only its own connection; hyper itself
    // answers 400 to a request it cannot parse at all (such as a non-ASCII header name).
    let _ = hyper::server::conn::http1::Builder::new()
        .serve_connection(TokioIo::new(stream), service)
        .await;
}

async fn handle(
    shared: Arc<Shared>,
    rq: Request<Incoming>,
) -> Result<Response<Full<Bytes>>, Infallible> {
    let (parts, body) = rq.into_parts();
    let (mut req, mut problem) = read_head(&parts);
    if problem.is_none() {
        match read_body(&parts, body).await {
            Ok(b) => req.body = b,
            Err(p) => problem = Some(p),
        }
    }
    // A body left unread ends the connection; saying so keeps clients from reusing it.
    let close = matches!(problem, Some(Problem::TooLarge | Problem::Unreadable(_)));
    let reply = tokio::task::spawn_blocking(move || answer(&shared, &req, problem))
        .await
        .unwrap_or_else(|_| {
            Reply::error(
                500,
                "server_error",
                "the sandbox hit a bug answering this request",
            )
        });
    let mut resp = to_response(reply);
    if close {
        resp.headers_mut()
            .insert(CONNECTION, HeaderValue::from_static("close"));
    }
    Ok(resp)
}

/// Method, path, query and headers; the first thing that makes the request unreadable.
fn read_head(parts: &hyper::http::request::Parts) -> (Req, Option<Problem>) {
    let mut problem = None;
    let target = parts
        .uri
        .path_and_query()
        .map(|p| p.as_str())
        .unwrap_or("/");
    let (path, query) = match url::Url::parse(&format!("http://sandbox{target}")) {
        Ok(u) => (
            u.path().to_string(),
            u.query_pairs()
                .map(|(k, v)| (k.into_owned(), v.into_owned()))
                .collect(),
        ),
        Err(_) => {
            problem = Some(Problem::BadTarget);
            (parts.uri.path().to_string(), Vec::new())
        }
    };
    let mut headers = Vec::with_capacity(parts.headers.len());
    for (name, value) in &parts.headers {
        match value.to_str() {
            Ok(v) => headers.push((name.as_str().to_string(), v.to_string())),
            Err(_) => {
                problem.get_or_insert_with(|| Problem::NonAsciiHeader(name.as_str().to_string()));
            }
        }
    }
    let req = Req {
        method: parts.method.as_str().to_ascii_uppercase(),
        path,
        query,
        headers,
        body: Vec::new(),
    };
    (req, problem)
}

/// How much of an oversized body is read and thrown away before the 413 goes out, and
/// for how long. Closing a socket that still holds unread bytes makes the kernel send a
/// reset, and a client still writing then sees a broken connection instead of the
/// answer; reading the rest first (as nginx's lingering close does) lets the 413 arrive.
/// Past these bounds the connection is cut: a sender that big is not owed an answer.
const DRAIN_MAX: usize = 16 * MAX_BODY;
const DRAIN_FOR: Duration = Duration::from_secs(5);

async fn read_body(
    parts: &hyper::http::request::Parts,
    mut body: Incoming,
) -> Result<Vec<u8>, Problem> {
    let declared = parts
        .headers
        .get(CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<u64>().ok());
    // Refused before keeping a byte of it.
    if declared.is_some_and(|n| n > MAX_BODY as u64) {
        drain(body, 0).await;
        return Err(Problem::TooLarge);
    }
    let mut kept: Vec<u8> = Vec::new();
    while let Some(frame) = body.frame().await {
        let frame = frame.map_err(|e| Problem::Unreadable(e.to_string()))?;
        if let Ok(data) = frame.into_data() {
            if kept.len() + data.len() > MAX_BODY {
                let seen = kept.len() + data.len();
                drop(kept);
                drain(body, seen).await;
                return Err(Problem::TooLarge);
            }
            kept.extend_from_slice(&data);
        }
    }
    Ok(kept)
}

/// Reads and discards what is left of `body`, within [`DRAIN_MAX`] and [`DRAIN_FOR`].
async fn drain(mut body: Incoming, mut seen: usize) {
    let _ = tokio::time::timeout(DRAIN_FOR, async {
        while seen <= DRAIN_MAX {
            match body.frame().await {
                Some(Ok(frame)) => seen += frame.data_ref().map_or(0, |d| d.len()),
                _ => break,
            }
        }
    })
    .await;
}

fn to_response(reply: Reply) -> Response<Full<Bytes>> {
    let mut resp = Response::new(Full::new(Bytes::from(reply.body)));
    *resp.status_mut() =
        StatusCode::from_u16(reply.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let h = resp.headers_mut();
    if let Some(ct) = reply.content_type {
        h.insert(CONTENT_TYPE, HeaderValue::from_static(ct));
    }
    for (k, v) in reply.headers {
        // Values come from the sandbox itself (and a redirect_uri the url crate wrote out
        // in ASCII); one that still cannot be a header is left out rather than sent broken.
        if let (Ok(k), Ok(v)) = (
            HeaderName::from_bytes(k.as_bytes()),
            HeaderValue::from_str(&v),
        ) {
            h.append(k, v);
        }
    }
    resp
}

//! `briefly serve`: the site built into a folder of its own (under the
//! system's temporary folder, removed on exit; never the site's output, which
//! may hold a deployed build), served over HTTP from there, rebuilt when a
//! file changes, and open pages reloaded over a WebSocket on the same port.
//! A broken build keeps the last good pages and shows the errors over them.
//! The reload is announced as soon as the pages a reader looks at are
//! written; feeds, the search index and the API follow once edits pause.

use crate::incremental::Session;
use crate::{BuildOptions, Failure, load_config};
use axum::Router;
use axum::extract::connect_info::{ConnectInfo, Connected};
use axum::extract::ws::{Message, WebSocket, WebSocketUpgrade};
use axum::extract::{Request, State};
use axum::http::{HeaderMap, StatusCode, Uri, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use std::net::IpAddr;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};
use tokio::sync::broadcast;

/// Where the reload socket listens; no site path can collide with it.
const SOCKET_PATH: &str = "/__briefly/livereload";

#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub root: PathBuf,
    pub port: u16,
    pub bind: IpAddr,
    pub drafts: bool,
    /// Poll the file system instead of waiting for its events (network drives, containers).
    pub poll: bool,
    pub open: bool,
}

#[derive(Default)]
struct Snapshot {
    /// Whether a good build is in `site_dir`.
    built: bool,
    /// The diagnostics of a failed rebuild; the pages are the last good ones.
    error: Option<String>,
}

struct Shared {
    snapshot: RwLock<Snapshot>,
    /// The folder the site is built into and served from (the session's).
    site_dir: PathBuf,
    events: broadcast::Sender<String>,
    base_path: String,
    /// The site folder, resolved: copied assets must lie inside it.
    root: PathBuf,
    /// The hosts requests may be addressed to.
    hosts: Hosts,
}

/// The `Host`s the server answers, against DNS rebinding: a page of another
/// site whose name an attacker points at this machine sends its own name as
/// `Host`, and gets 421 Misdirected Request instead of the site.
#[derive(Debug, Clone)]
pub struct Hosts {
    port: u16,
    /// Host names and addresses (lower case, IPv6 in brackets) accepted on any connection.
    names: Vec<String>,
    /// Bound to every address (0.0.0.0, ::): the address a connection came
    /// in on is accepted too.
    any_address: bool,
}

/// An address as it appears in a `Host` header: IPv6 in brackets.
fn host_literal(ip: IpAddr) -> String {
    match ip.to_canonical() {
        IpAddr::V4(v4) => v4.to_string(),
        IpAddr::V6(v6) => format!("[{v6}]"),
    }
}

impl Hosts {
    /// On a loopback bind: `localhost`, `127.0.0.1`, `[::1]` and the bound
    /// address. On another: the bound address (or, bound to every address, the
    /// one a connection arrives on) and the machine's names; every address
    /// includes loopback, so the loopback names too.
    pub fn new(bind: IpAddr, port: u16, hostname: Option<&str>) -> Hosts {
        let mut names = Vec::new();
        if !bind.is_unspecified() {
            names.push(host_literal(bind));
        }
        if bind.is_loopback() || bind.is_unspecified() {
            names.extend(["localhost", "127.0.0.1", "[::1]"].map(String::from));
        }
        if !bind.is_loopback()
            && let Some(name) = hostname
                .map(str::to_ascii_lowercase)
                .filter(|n| !n.is_empty())
        {
            // The machine's name, and its multicast-DNS name on the local network.
            if !name.contains('.') {
                names.push(format!("{name}.local"));
            }
            names.push(name);
        }
        let mut seen = std::collections::HashSet::new();
        names.retain(|n| seen.insert(n.clone()));
        Hosts {
            port,
            names,
            any_address: bind.is_unspecified(),
        }
    }

    /// Whether `authority` (`HOST:PORT`, as in a `Host` header) names this
    /// server; `local` is the address the connection came in on.
    pub fn allows(&self, authority: &str, local: Option<IpAddr>) -> bool {
        let authority = authority.to_ascii_lowercase();
        let (host, port) = match authority.rsplit_once(':') {
            // `[::1]` alone: the colon is the address's, not a port's.
            Some((host, port)) if !port.ends_with(']') => (host, Some(port)),
            _ => (authority.as_str(), None),
        };
        let port_ok = match port {
            Some(p) => p.parse::<u16>() == Ok(self.port),
            // A browser leaves out the default port.
            None => self.port == 80,
        };
        port_ok
            && (self.names.iter().any(|n| n == host)
                || (self.any_address && local.is_some_and(|ip| host_literal(ip) == host)))
    }

    /// How a refusal names what is accepted.
    fn describe(&self) -> String {
        let mut names: Vec<String> = self
            .names
            .iter()
            .map(|n| format!("{n}:{}", self.port))
            .collect();
        if self.any_address {
            names.push(format!("this machine's addresses (port {})", self.port));
        }
        names.join(", ")
    }
}

/// The machine's host name, for a bind that is not loopback.
fn hostname() -> Option<String> {
    #[cfg(unix)]
    {
        let mut buf = [0u8; 256];
        // SAFETY: the buffer is valid for writes of its whole length, and
        // gethostname writes at most that many bytes into it.
        let rc = unsafe { libc::gethostname(buf.as_mut_ptr().cast(), buf.len()) };
        if rc != 0 {
            return None;
        }
        let end = buf.iter().position(|&b| b == 0).unwrap_or(buf.len());
        String::from_utf8(buf[..end].to_vec()).ok()
    }
    #[cfg(not(unix))]
    {
        std::env::var("COMPUTERNAME").ok()
    }
}

/// The local address a connection came in on (what a client typed, on a
/// server bound to every address).
#[derive(Debug, Clone, Copy)]
struct LocalAddr(Option<IpAddr>);

impl Connected<axum::serve::IncomingStream<'_, tokio::net::TcpListener>> for LocalAddr {
    fn connect_info(stream: axum::serve::IncomingStream<'_, tokio::net::TcpListener>) -> Self {
        LocalAddr(stream.io().local_addr().ok().map(|a| a.ip()))
    }
}

/// Answers only requests addressed to this server (`Host`, and the
/// authority of an absolute request target): others get 421.
async fn check_host(State(shared): State<Arc<Shared>>, request: Request, next: Next) -> Response {
    let ok = {
        let local = request
            .extensions()
            .get::<ConnectInfo<LocalAddr>>()
            .and_then(|c| c.0.0);
        // A Host that is not text names nothing here.
        let host = request
            .headers()
            .get(header::HOST)
            .map(|h| h.to_str().unwrap_or_default());
        let authority = request.uri().authority().map(|a| a.as_str());
        (host.is_some() || authority.is_some())
            && [host, authority]
                .into_iter()
                .flatten()
                .all(|a| shared.hosts.allows(a, local))
    };
    if !ok {
        return (
            StatusCode::MISDIRECTED_REQUEST,
            format!(
                "421 Misdirected Request: briefly serve answers only requests addressed to {} \
                 (a Host header naming another site is refused, against DNS rebinding)\n",
                shared.hosts.describe()
            ),
        )
            .into_response();
    }
    next.run(request).await
}

fn reload_message() -> String {
    serde_json::json!({ "type": "reload" }).to_string()
}

fn error_message(text: &str) -> String {
    serde_json::json!({ "type": "error", "text": text }).to_string()
}

/// Rebuilds the site after `changed` changed, but for what it puts off to
/// `finish`; on failure the previous pages stay.
fn rebuild(shared: &Shared, session: &mut Session, changed: &[PathBuf]) -> bool {
    let started = Instant::now();
    match session.rebuild_urgent(changed) {
        Ok(stats) => {
            let mut snapshot = shared.snapshot.write().unwrap_or_else(|e| e.into_inner());
            *snapshot = Snapshot {
                built: true,
                error: None,
            };
            drop(snapshot);
            let _ = shared.events.send(reload_message());
            let later = if stats.deferred > 0 {
                format!(", {} to follow", stats.deferred)
            } else {
                String::new()
            };
            println!(
                "rebuilt in {} ms ({} files rendered, {} unchanged{later})",
                started.elapsed().as_millis(),
                stats.rendered,
                stats.reused
            );
            true
        }
        Err(failure) => {
            show_failure(shared, &failure);
            false
        }
    }
}

/// Renders what the last rebuilds put off (feeds, search index, API, lists),
/// stopping early when `stop` is set by a newer change.
fn finish(shared: &Shared, session: &mut Session, stop: &AtomicBool) {
    let started = Instant::now();
    match session.finish(stop) {
        Ok(done) if done.rendered > 0 => println!(
            "rendered {} put-off files in {} ms{}",
            done.rendered,
            started.elapsed().as_millis(),
            if done.deferred > 0 {
                format!(" ({} left for later)", done.deferred)
            } else {
                String::new()
            }
        ),
        Ok(_) => {}
        Err(failure) => show_failure(shared, &failure),
    }
}

/// A failed rebuild: its errors on the terminal and over every open page,
/// which keeps the last good files.
fn show_failure(shared: &Shared, failure: &Failure) {
    let text = match failure {
        Failure::Input(d) => d.to_string(),
        Failure::Environment(e) => format!("error: {e}\n"),
    };
    eprint!("{text}");
    shared
        .snapshot
        .write()
        .unwrap_or_else(|e| e.into_inner())
        .error = Some(text.clone());
    let _ = shared.events.send(error_message(&text));
}

/// The script every served page gets: reload on a rebuild, show errors on a failed one.
fn live_reload_script() -> String {
    format!(
        r#"<script>(function(){{var s=location.protocol==="https:"?"wss:":"ws:";function show(t){{var d=document.getElementById("__briefly_overlay");if(!d){{d=document.createElement("pre");d.id="__briefly_overlay";document.body.appendChild(d)}}d.setAttribute("style",{style:?});d.setAttribute("role","alert");d.textContent={title:?}+"\n\n"+t}}function connect(){{var w=new WebSocket(s+"//"+location.host+"{SOCKET_PATH}");w.onmessage=function(e){{var m=JSON.parse(e.data);if(m.type==="reload"){{location.reload()}}else if(m.type==="error"){{show(m.text)}}}};w.onclose=function(){{setTimeout(connect,1000)}}}}connect()}})();</script>"#,
        style = OVERLAY_STYLE,
        title = OVERLAY_TITLE
    )
}

/// The first line of the error overlay: what happened, and what is behind it.
const OVERLAY_TITLE: &str =
    "briefly could not rebuild the site (the page behind this is the last good build):";

// Opaque: the page's own text must not show through the errors.
const OVERLAY_STYLE: &str = "position:fixed;inset:0;margin:0;padding:2rem;background:#2a0b0b;color:#fff;font:14px/1.5 ui-monospace,monospace;white-space:pre-wrap;overflow:auto;z-index:2147483647";

fn inject(html: &[u8], error: Option<&str>) -> Vec<u8> {
    let html = String::from_utf8_lossy(html);
    let mut extra = live_reload_script();
    if let Some(text) = error {
        extra.push_str(&format!(
            "<pre id=\"__briefly_overlay\" role=\"alert\" style=\"{OVERLAY_STYLE}\"><strong>{}</strong>\n\n{}</pre>",
            crate::escape::escape_html(OVERLAY_TITLE),
            crate::escape::escape_html(text)
        ));
    }
    match html.rfind("</body>") {
        Some(i) => format!("{}{extra}{}", &html[..i], &html[i..]).into_bytes(),
        None => format!("{html}{extra}").into_bytes(),
    }
}

fn content_type(path: &str) -> String {
    let mime = mime_guess::from_path(path).first_or_octet_stream();
    // Text is served as UTF-8, which is what briefly writes.
    let textual = mime.type_() == mime_guess::mime::TEXT
        || matches!(
            mime.subtype().as_str(),
            "json" | "xml" | "javascript" | "manifest+json" | "atom+xml" | "rss+xml"
        );
    if textual {
        format!("{mime}; charset=utf-8")
    } else {
        mime.to_string()
    }
}

/// The site file a request path names, relative to the base path; `None` for a
/// path that tries to leave the site (`..`, backslashes, NUL).
pub fn site_path(request: &str) -> Option<String> {
    let decoded = crate::paths::percent_decode(request)?;
    if decoded.contains(['\\', '\0']) {
        return None;
    }
    if decoded.split('/').any(|s| s == ".." || s == ".") {
        return None;
    }
    let trimmed = decoded.trim_start_matches('/');
    if trimmed.is_empty() || trimmed.ends_with('/') {
        return Some(format!("{trimmed}index.html"));
    }
    Some(trimmed.to_string())
}

async fn respond(State(shared): State<Arc<Shared>>, uri: Uri) -> Response {
    let path = uri.path();
    let Some(rest) = path.strip_prefix(shared.base_path.as_str()).or_else(|| {
        // `/briefs` without the slash is the site under `/briefs/`.
        (format!("{path}/") == shared.base_path).then_some("")
    }) else {
        if path == "/" {
            return Redirect::temporary(&shared.base_path).into_response();
        }
        return (
            StatusCode::NOT_FOUND,
            format!("not found: the site is served under {}", shared.base_path),
        )
            .into_response();
    };
    if rest.is_empty() && !path.ends_with('/') {
        return Redirect::permanent(&shared.base_path).into_response();
    }
    let Some(file) = site_path(rest) else {
        return (StatusCode::BAD_REQUEST, "bad path").into_response();
    };
    let (built, error) = {
        let snapshot = shared.snapshot.read().unwrap_or_else(|e| e.into_inner());
        (snapshot.built, snapshot.error.clone())
    };
    let read = |rel: String| {
        let dir = shared.site_dir.clone();
        async move {
            // Only regular files: a folder's name is not a page.
            let path = dir.join(&rel);
            match tokio::fs::metadata(&path).await {
                Ok(meta) if meta.is_file() => tokio::fs::read(&path).await.ok(),
                _ => None,
            }
        }
    };
    let found = if !built {
        None
    } else if let Some(bytes) = read(file.clone()).await {
        Some((StatusCode::OK, file.clone(), bytes))
    } else if tokio::fs::metadata(shared.site_dir.join(&file).join("index.html"))
        .await
        .is_ok_and(|m| m.is_file())
    {
        return Redirect::permanent(&format!("{path}/")).into_response();
    } else {
        read("404.html".to_string())
            .await
            .map(|bytes| (StatusCode::NOT_FOUND, "404.html".to_string(), bytes))
    };
    let Some((status, name, bytes)) = found else {
        // Nothing built yet: the first build failed.
        let body = inject(
            b"<!doctype html><title>briefly</title><body></body>",
            error.as_deref(),
        );
        return (
            StatusCode::INTERNAL_SERVER_ERROR,
            [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
            body,
        )
            .into_response();
    };
    let kind = content_type(&name);
    let body = if kind.starts_with("text/html") {
        inject(&bytes, error.as_deref())
    } else {
        bytes
    };
    (
        status,
        [
            (header::CONTENT_TYPE, kind),
            (header::CACHE_CONTROL, "no-store".to_string()),
        ],
        body,
    )
        .into_response()
}

/// Whether a WebSocket request comes from a page of this server: its
/// `Origin`, when it has one (browsers always send it), is `http://` and the
/// `Host` the request was addressed to (already checked by `check_host`).
fn is_own_origin(headers: &HeaderMap) -> bool {
    let Some(origin) = headers.get(header::ORIGIN) else {
        return true;
    };
    let host = headers.get(header::HOST).and_then(|h| h.to_str().ok());
    match (origin.to_str().ok(), host) {
        (Some(origin), Some(host)) => origin
            .strip_prefix("http://")
            .is_some_and(|o| o.eq_ignore_ascii_case(host)),
        _ => false,
    }
}

async fn socket(
    ws: WebSocketUpgrade,
    headers: HeaderMap,
    State(shared): State<Arc<Shared>>,
) -> Response {
    if !is_own_origin(&headers) {
        return (
            StatusCode::FORBIDDEN,
            "the live-reload socket accepts only pages of this server\n",
        )
            .into_response();
    }
    ws.on_upgrade(move |socket| talk(socket, shared))
}

async fn talk(mut socket: WebSocket, shared: Arc<Shared>) {
    let mut events = shared.events.subscribe();
    let pending = shared
        .snapshot
        .read()
        .unwrap_or_else(|e| e.into_inner())
        .error
        .clone();
    if let Some(text) = pending
        && socket
            .send(Message::Text(error_message(&text).into()))
            .await
            .is_err()
    {
        return;
    }
    loop {
        tokio::select! {
            event = events.recv() => match event {
                Ok(text) => if socket.send(Message::Text(text.into())).await.is_err() { return },
                Err(broadcast::error::RecvError::Lagged(_)) => continue,
                Err(broadcast::error::RecvError::Closed) => return,
            },
            incoming = socket.recv() => if !matches!(incoming, Some(Ok(_))) { return },
        }
    }
}

/// Changes that do not concern the site: its output, VCS and editor files.
fn is_relevant(path: &Path, root: &Path, output: &Path) -> bool {
    if path.starts_with(output) {
        return false;
    }
    let rel = path.strip_prefix(root).unwrap_or(path);
    let names: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    let Some(file) = names.last() else {
        return false;
    };
    if is_editor_temp(file) {
        return false;
    }
    // static/ and a theme's static/ are copied verbatim, dotfiles included.
    if names.first().is_some_and(|n| n == "static")
        || (names.len() > 3 && names[0] == "themes" && names[2] == "static")
    {
        return true;
    }
    // `sed -i` writes its temporary file beside the one it edits
    // (`content/briefings/sedm6c0sO`). Any other name without an extension
    // counts: a briefing's folder renamed, moved in or moved out reports only
    // itself, not the files it brings or takes, and a file such as
    // `NAME/LICENSE` is published with the briefing.
    if names.first().is_some_and(|n| n == "content") && is_sed_temp(file) && !path.is_dir() {
        return false;
    }
    !names
        .iter()
        .any(|name| name.starts_with('.') || name == "target")
}

/// GNU sed's `-i` temporary file: `sed` and six letters or digits.
fn is_sed_temp(name: &str) -> bool {
    name.strip_prefix("sed")
        .is_some_and(|rest| rest.len() == 6 && rest.bytes().all(|b| b.is_ascii_alphanumeric()))
}

/// The files editors write beside the one being edited: backups (`a.md~`),
/// Vim's swap files and its write test (`4913`), Emacs' lock and autosave
/// files (`.#a.md`, `#a.md#`), and other temporaries.
fn is_editor_temp(name: &str) -> bool {
    name.ends_with('~')
        || name == "4913"
        || name.starts_with(".#")
        || (name.len() > 1 && name.starts_with('#') && name.ends_with('#'))
        || [".swp", ".swo", ".swx", ".tmp", ".bak", ".crdownload"]
            .iter()
            .any(|ext| name.ends_with(ext))
}

/// A change worth a rebuild: a file written, created, removed or renamed.
/// Reads are events too on Linux, and a rebuild reads every file.
fn is_change(kind: &notify::EventKind) -> bool {
    use notify::EventKind;
    matches!(
        kind,
        EventKind::Create(_) | EventKind::Modify(_) | EventKind::Remove(_) | EventKind::Any
    )
}

/// How long a burst of file events may pause before the rebuild starts:
/// an editor's save is several events. After a file was closed from writing
/// (inotify's `IN_CLOSE_WRITE`) the save is done but for a rename or a mode
/// change right behind it, so a short pause is enough.
const SETTLE: Duration = Duration::from_millis(80);
const SETTLE_AFTER_CLOSE: Duration = Duration::from_millis(8);

/// How long edits must pause before the put-off files are rendered.
const QUIET: Duration = Duration::from_millis(150);

/// Whether an event says a file was closed after writing: its save is over.
fn is_closed_after_write(kind: &notify::EventKind) -> bool {
    use notify::event::{AccessKind, AccessMode};
    matches!(
        kind,
        notify::EventKind::Access(AccessKind::Close(AccessMode::Write))
    )
}

fn watch(
    shared: Arc<Shared>,
    mut session: Session,
    output: PathBuf,
    poll: bool,
) -> Result<(), String> {
    use notify::{PollWatcher, RecommendedWatcher, RecursiveMode, Watcher};
    let (tx, rx) = std::sync::mpsc::channel::<notify::Result<notify::Event>>();
    let root = shared.root.clone();
    let output = output.canonicalize().unwrap_or(output);
    // Set on every change, so that rendering put-off files gives way to it.
    let stop = Arc::new(AtomicBool::new(false));
    let relevant = {
        let (root, output) = (root.clone(), output.clone());
        move |event: &notify::Event| -> Vec<PathBuf> {
            if !is_change(&event.kind) && !is_closed_after_write(&event.kind) {
                return Vec::new();
            }
            event
                .paths
                .iter()
                .filter(|p| is_relevant(p, &root, &output))
                .cloned()
                .collect()
        }
    };
    let handler = {
        let (stop, relevant) = (stop.clone(), relevant.clone());
        move |event: notify::Result<notify::Event>| {
            if event.as_ref().is_ok_and(|e| !relevant(e).is_empty()) {
                stop.store(true, Ordering::Relaxed);
            }
            let _ = tx.send(event);
        }
    };
    let mut watcher: Box<dyn Watcher + Send> = if poll {
        let config = notify::Config::default().with_poll_interval(Duration::from_millis(500));
        Box::new(PollWatcher::new(handler, config).map_err(|e| e.to_string())?)
    } else {
        Box::new(
            RecommendedWatcher::new(handler, notify::Config::default())
                .map_err(|e| e.to_string())?,
        )
    };
    watcher
        .watch(&root, RecursiveMode::Recursive)
        .map_err(|e| format!("cannot watch {}: {e}", root.display()))?;
    std::thread::spawn(move || {
        // The watcher stops when dropped, so it lives in this thread.
        let _watcher = watcher;
        // (paths changed, whether the event ends a save)
        let read = |event: notify::Result<notify::Event>| match event {
            Ok(e) => {
                let paths = relevant(&e);
                let closed = !paths.is_empty() && is_closed_after_write(&e.kind);
                (paths, closed)
            }
            Err(_) => (Vec::new(), false),
        };
        use std::sync::mpsc::RecvTimeoutError;
        loop {
            let event = if session.pending() > 0 {
                match rx.recv_timeout(QUIET) {
                    Ok(event) => event,
                    Err(RecvTimeoutError::Timeout) => {
                        stop.store(false, Ordering::Relaxed);
                        finish(&shared, &mut session, &stop);
                        continue;
                    }
                    Err(RecvTimeoutError::Disconnected) => return,
                }
            } else {
                match rx.recv() {
                    Ok(event) => event,
                    Err(_) => return,
                }
            };
            let (mut changed, mut closed) = read(event);
            // An editor's save is several events; wait for a quiet moment.
            while let Ok(event) = rx.recv_timeout(if closed { SETTLE_AFTER_CLOSE } else { SETTLE })
            {
                let (paths, ends) = read(event);
                if !paths.is_empty() {
                    closed = ends;
                }
                changed.extend(paths);
            }
            changed.dedup();
            let Some(first) = changed.first() else {
                continue;
            };
            stop.store(false, Ordering::Relaxed);
            println!(
                "changed: {}",
                first.strip_prefix(&root).unwrap_or(first).display()
            );
            rebuild(&shared, &mut session, &changed);
        }
    });
    Ok(())
}

/// The folder a server builds into: `briefly-serve-PID` in the system's
/// temporary folder, marked as briefly's.
const SERVE_MARKER: &str = ".briefly-serve";

fn serve_dir() -> PathBuf {
    std::env::temp_dir().join(format!("briefly-serve-{}", std::process::id()))
}

/// Removes the folders of servers that are gone (killed before they could
/// remove their own): `briefly-serve-PID` with briefly's marker, whose
/// process no longer runs.
fn remove_stale_serve_dirs() {
    let Ok(entries) = std::fs::read_dir(std::env::temp_dir()) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(pid) = name
            .to_str()
            .and_then(|n| n.strip_prefix("briefly-serve-"))
            .and_then(|p| p.parse::<u32>().ok())
        else {
            continue;
        };
        if pid == std::process::id() || is_running(pid) {
            continue;
        }
        let dir = entry.path();
        if dir.join(SERVE_MARKER).is_file() {
            let _ = std::fs::remove_dir_all(&dir);
        }
    }
}

fn is_running(pid: u32) -> bool {
    #[cfg(unix)]
    {
        let Ok(pid) = libc::pid_t::try_from(pid) else {
            return false;
        };
        // SAFETY: signal 0 only checks that the process exists.
        let rc = unsafe { libc::kill(pid, 0) };
        rc == 0 || std::io::Error::last_os_error().raw_os_error() == Some(libc::EPERM)
    }
    #[cfg(not(unix))]
    {
        let _ = pid;
        true
    }
}

/// Ctrl-C, or on Unix a polite kill (SIGTERM).
async fn shutdown_signal() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        match signal(SignalKind::terminate()) {
            Ok(mut term) => {
                tokio::select! {
                    _ = tokio::signal::ctrl_c() => {},
                    _ = term.recv() => {},
                }
            }
            Err(_) => {
                let _ = tokio::signal::ctrl_c().await;
            }
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
    }
}

/// Runs the server until Ctrl-C. Prints `serving at URL` once it listens.
pub fn serve(options: ServeOptions) -> Result<(), Failure> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| Failure::Environment(format!("cannot start the server: {e}")))?;
    runtime.block_on(run(options))
}

async fn run(options: ServeOptions) -> Result<(), Failure> {
    let probe = BuildOptions {
        root: options.root.clone(),
        ..Default::default()
    };
    let (config, _) = load_config(&probe)?;
    let listener = tokio::net::TcpListener::bind((options.bind, options.port))
        .await
        .map_err(|e| {
            Failure::Environment(format!(
                "cannot listen on {}:{}: {e}",
                options.bind, options.port
            ))
        })?;
    let address = listener
        .local_addr()
        .map_err(|e| Failure::Environment(e.to_string()))?;
    let base_path = config.base_path().to_string();
    let base_url = format!("http://{address}{base_path}");
    let build = BuildOptions {
        root: options.root.clone(),
        base_url: Some(base_url.clone()),
        drafts: options.drafts,
        ..Default::default()
    };
    let (events, _) = broadcast::channel(16);
    let root = options
        .root
        .canonicalize()
        .unwrap_or_else(|_| options.root.clone());
    let hosts = Hosts::new(options.bind, address.port(), hostname().as_deref());
    remove_stale_serve_dirs();
    let dir = serve_dir();
    std::fs::create_dir_all(&dir)
        .and_then(|()| std::fs::write(dir.join(SERVE_MARKER), "briefly serve\n"))
        .map_err(|e| Failure::Environment(format!("cannot create {}: {e}", dir.display())))?;
    // Removed when the server stops, however `run` returns.
    let _remove = RemoveOnDrop(dir.clone());
    let session = Session::new(build, dir);
    let shared = Arc::new(Shared {
        snapshot: RwLock::new(Snapshot::default()),
        site_dir: session.site_dir(),
        events,
        base_path,
        root,
        hosts,
    });
    let session = {
        let shared = shared.clone();
        tokio::task::spawn_blocking(move || {
            let mut session = session;
            if !rebuild(&shared, &mut session, &[]) {
                eprintln!("the first build failed; serving the errors until they are fixed");
            }
            session
        })
        .await
        .map_err(|e| Failure::Environment(format!("the first build stopped: {e}")))?
    };
    watch(
        shared.clone(),
        session,
        options.root.join(&config.output_dir),
        options.poll,
    )
    .map_err(Failure::Environment)?;
    let app = Router::new()
        .route(SOCKET_PATH, get(socket))
        .fallback(respond)
        .layer(axum::middleware::from_fn_with_state(
            shared.clone(),
            check_host,
        ))
        .with_state(shared);
    println!("serving {} at {base_url}", options.root.display());
    if options.open {
        let _ = std::process::Command::new(if cfg!(target_os = "macos") {
            "open"
        } else {
            "xdg-open"
        })
        .arg(&base_url)
        .spawn();
    }
    axum::serve(
        listener,
        app.into_make_service_with_connect_info::<LocalAddr>(),
    )
    .with_graceful_shutdown(shutdown_signal())
    .await
    .map_err(|e| Failure::Environment(format!("server error: {e}")))
}

/// Removes the server's folder when dropped.
struct RemoveOnDrop(PathBuf);

impl Drop for RemoveOnDrop {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_types_come_from_the_file_name_and_text_is_utf8() {
        assert_eq!(content_type("a/index.html"), "text/html; charset=utf-8");
        assert_eq!(content_type("style.css"), "text/css; charset=utf-8");
        assert_eq!(content_type("atom.xml"), "text/xml; charset=utf-8");
        assert_eq!(
            content_type("api/deals.json"),
            "application/json; charset=utf-8"
        );
        assert_eq!(content_type("logo.svg"), "image/svg+xml");
        assert_eq!(content_type("photo.webp"), "image/webp");
        assert_eq!(content_type("font.woff2"), "font/woff2");
        assert_eq!(content_type("no-extension"), "application/octet-stream");
        assert!(content_type("search.js").ends_with("javascript; charset=utf-8"));
    }

    #[test]
    fn request_paths_cannot_leave_the_site() {
        assert_eq!(site_path("/").as_deref(), Some("index.html"));
        assert_eq!(
            site_path("/companies/meta/").as_deref(),
            Some("companies/meta/index.html")
        );
        assert_eq!(
            site_path("/tags/%ED%88%AC%EC%9E%90/").as_deref(),
            Some("tags/투자/index.html")
        );
        assert_eq!(site_path("/style.css").as_deref(), Some("style.css"));
        for bad in [
            "/../site.toml",
            "/%2e%2e/site.toml",
            "/a/..%2f..%2fsite.toml",
            "/a\\..\\b",
            "/%00",
            "/%ff",
            "/./x",
        ] {
            assert_eq!(site_path(bad), None, "{bad}");
        }
    }

    #[test]
    fn only_requests_addressed_to_this_server_are_answered() {
        let lo: IpAddr = "127.0.0.1".parse().unwrap();
        let hosts = Hosts::new(lo, 1111, Some("box"));
        for good in [
            "127.0.0.1:1111",
            "localhost:1111",
            "LocalHost:1111",
            "[::1]:1111",
        ] {
            assert!(hosts.allows(good, Some(lo)), "{good}");
        }
        for bad in [
            "evil.example:1111",
            "localhost.evil.example:1111",
            "127.0.0.1:2222",
            "127.0.0.1",
            "localhost",
            "box:1111",
            "",
            ":1111",
            "[::1]",
        ] {
            assert!(!hosts.allows(bad, Some(lo)), "{bad}");
        }
        // Port 80 may be left out, as browsers do.
        assert!(Hosts::new(lo, 80, None).allows("localhost", Some(lo)));

        // Another bind: that address and the machine's names, not loopback names.
        let lan: IpAddr = "192.168.1.5".parse().unwrap();
        let hosts = Hosts::new(lan, 1111, Some("Box"));
        for good in ["192.168.1.5:1111", "box:1111", "box.local:1111"] {
            assert!(hosts.allows(good, Some(lan)), "{good}");
        }
        for bad in ["localhost:1111", "192.168.1.6:1111", "evil.example:1111"] {
            assert!(!hosts.allows(bad, Some(lan)), "{bad}");
        }

        // Every address: the one a connection came in on, the names and loopback.
        let any: IpAddr = "0.0.0.0".parse().unwrap();
        let hosts = Hosts::new(any, 1111, Some("box.example.net"));
        assert!(hosts.allows("192.168.1.5:1111", Some(lan)));
        assert!(hosts.allows("box.example.net:1111", Some(lan)));
        assert!(hosts.allows("localhost:1111", Some(lo)));
        assert!(!hosts.allows("192.168.1.6:1111", Some(lan)));
        assert!(!hosts.allows("0.0.0.0:1111", Some(lan)));
        assert!(!hosts.allows("evil.example:1111", Some(lan)));
        // IPv4 on a dual-stack socket arrives as ::ffff:a.b.c.d.
        let mapped: IpAddr = "::ffff:192.168.1.5".parse().unwrap();
        let hosts = Hosts::new("::".parse().unwrap(), 1111, None);
        assert!(hosts.allows("192.168.1.5:1111", Some(mapped)));
    }

    #[test]
    fn the_reload_socket_accepts_only_its_own_origin() {
        let headers = |pairs: &[(&'static str, &str)]| {
            let mut h = HeaderMap::new();
            for (k, v) in pairs {
                h.insert(*k, v.parse().unwrap());
            }
            h
        };
        let host = ("host", "localhost:1111");
        assert!(
            is_own_origin(&headers(&[host])),
            "no Origin: not a browser page"
        );
        assert!(is_own_origin(&headers(&[
            host,
            ("origin", "http://localhost:1111")
        ])));
        for bad in [
            "http://evil.example",
            "http://localhost:2222",
            "https://localhost:1111",
            "null",
            "http://localhost:1111.evil.example",
        ] {
            assert!(!is_own_origin(&headers(&[host, ("origin", bad)])), "{bad}");
        }
    }

    #[test]
    fn changes_to_static_dotfiles_count() {
        let root = Path::new("/site");
        let out = Path::new("/site/public");
        let relevant = |rel: &str| is_relevant(&root.join(rel), root, out);
        assert!(relevant("static/.well-known/security.txt"));
        assert!(relevant("static/.nojekyll"));
        assert!(relevant("themes/mine/static/.well-known/x"));
        assert!(!relevant("content/briefings/.hidden.md"));
        assert!(!relevant(".git/index"));
        assert!(!relevant("public/index.html"));
        assert!(relevant("content/briefings/a.md"));
        assert!(relevant("content/briefings/bundle/photo.png"));
    }

    #[test]
    fn a_briefing_folder_renamed_or_moved_in_is_a_change() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        let bundle = root.join("content/briefings/2025-06-12-bundle");
        std::fs::create_dir_all(&bundle).unwrap();
        std::fs::write(root.join("content/briefings/sedm6c0sO"), "").unwrap();
        let out = root.join("public");
        assert!(is_relevant(&bundle, root, &out));
        assert!(!is_relevant(
            &root.join("content/briefings/sedm6c0sO"),
            root,
            &out
        ));
        // Moved out: it is gone, and still a change.
        assert!(is_relevant(
            &root.join("content/briefings/2025-06-11-gone"),
            root,
            &out
        ));
        assert!(is_relevant(&bundle.join("LICENSE"), root, &out));
    }

    #[test]
    fn editor_temporary_files_are_not_changes() {
        let root = Path::new("/site");
        let out = Path::new("/site/public");
        let relevant = |rel: &str| is_relevant(&root.join(rel), root, out);
        for temp in [
            "content/briefings/a.md~",
            "content/briefings/.a.md.swp",
            "content/briefings/a.md.swp",
            "content/briefings/.a.md.swx",
            "content/briefings/4913",
            "content/briefings/.#a.md",
            "content/briefings/#a.md#",
            "content/briefings/sedm6c0sO",
            "content/companies/meta.md.tmp",
            "static/style.css~",
            "static/.style.css.swp",
            "templates/base.html~",
            "site.toml~",
        ] {
            assert!(!relevant(temp), "{temp}");
        }
        assert!(relevant("site.toml"));
        assert!(relevant("templates/base.html"));
        assert!(relevant("data/rates.csv"));
    }

    #[test]
    fn pages_get_the_reload_script_and_escaped_errors() {
        let html = inject(
            b"<html><body><p>x</p></body></html>",
            Some("error: <script>alert(1)</script>"),
        );
        let html = String::from_utf8(html).unwrap();
        assert!(html.contains(SOCKET_PATH));
        assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
        assert!(!html.contains("<script>alert"));
        assert!(html.ends_with("</body></html>"));
    }

    #[test]
    fn the_error_overlay_is_opaque_and_says_what_happened() {
        let html = String::from_utf8(inject(b"<body></body>", Some("error: x"))).unwrap();
        assert!(html.contains("role=\"alert\""));
        assert!(html.contains("<strong>briefly could not rebuild the site"));
        assert!(OVERLAY_STYLE.contains("background:#2a0b0b;"), "no alpha");
        // The live-reload script shows the same title for errors pushed later.
        assert!(live_reload_script().contains("briefly could not rebuild the site"));
    }
}

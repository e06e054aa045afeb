//! `briefly serve`: the site built in memory, served over HTTP, rebuilt when a
//! file changes, and open pages reloaded over a WebSocket on the same port.
//! A broken build keeps the last good pages and shows the errors over them.

use crate::incremental::Session;
use crate::{BuildOptions, Failure, load_config, render::Output};
use axum::Router;
use axum::extract::State;
use axum::extract::ws::{Message, WebSocket, WebSocketUpgrade};
use axum::http::{StatusCode, Uri, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use std::collections::HashMap;
use std::net::IpAddr;
use std::path::{Path, PathBuf};
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
    /// The built site: bytes in memory, or (for copied assets) a file of the site.
    files: HashMap<String, Arc<Output>>,
    /// The diagnostics of a failed rebuild; the pages are the last good ones.
    error: Option<String>,
}

struct Shared {
    snapshot: RwLock<Snapshot>,
    events: broadcast::Sender<String>,
    base_path: String,
    /// The site folder, resolved: copied assets must lie inside it.
    root: PathBuf,
}

fn reload_message() -> String {
    serde_json::json!({ "type": "reload" }).to_string()
}

fn error_message(text: &str) -> String {
    serde_json::json!({ "type": "error", "text": text }).to_string()
}

/// Rebuilds the site in memory after `changed` changed; on failure the previous pages stay.
fn rebuild(shared: &Shared, session: &mut Session, changed: &[PathBuf]) -> bool {
    let started = Instant::now();
    match session.rebuild(changed) {
        Ok(stats) => {
            let files = session.files().cloned().unwrap_or_default();
            let mut snapshot = shared.snapshot.write().unwrap_or_else(|e| e.into_inner());
            *snapshot = Snapshot { files, error: None };
            drop(snapshot);
            println!(
                "rebuilt in {} ms ({} files rendered, {} unchanged)",
                started.elapsed().as_millis(),
                stats.rendered,
                stats.reused
            );
            let _ = shared.events.send(reload_message());
            true
        }
        Err(failure) => {
            let text = match &failure {
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
            false
        }
    }
}

/// The script every served page gets: reload on a rebuild, show errors on a failed one.
fn live_reload_script() -> String {
    format!(
        r#"<script>(function(){{var s=location.protocol==="https:"?"wss:":"ws:";function show(t){{var d=document.getElementById("__briefly_overlay");if(!d){{d=document.createElement("pre");d.id="__briefly_overlay";document.body.appendChild(d)}}d.setAttribute("style",{style:?});d.textContent=t}}function connect(){{var w=new WebSocket(s+"//"+location.host+"{SOCKET_PATH}");w.onmessage=function(e){{var m=JSON.parse(e.data);if(m.type==="reload"){{location.reload()}}else if(m.type==="error"){{show(m.text)}}}};w.onclose=function(){{setTimeout(connect,1000)}}}}connect()}})();</script>"#,
        style = OVERLAY_STYLE
    )
}

const OVERLAY_STYLE: &str = "position:fixed;inset:0;margin:0;padding:2rem;background:rgba(30,0,0,.94);color:#fff;font:14px/1.5 ui-monospace,monospace;white-space:pre-wrap;overflow:auto;z-index:2147483647";

fn inject(html: &[u8], error: Option<&str>) -> Vec<u8> {
    let html = String::from_utf8_lossy(html);
    let mut extra = live_reload_script();
    if let Some(text) = error {
        extra.push_str(&format!(
            "<pre id=\"__briefly_overlay\" style=\"{OVERLAY_STYLE}\">{}</pre>",
            crate::render::escape_html(text)
        ));
    }
    match html.rfind("</body>") {
        Some(i) => format!("{}{extra}{}", &html[..i], &html[i..]).into_bytes(),
        None => format!("{html}{extra}").into_bytes(),
    }
}

fn content_type(path: &str) -> &'static str {
    match path.rsplit('.').next().unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "xml" => "application/xml; charset=utf-8",
        "txt" => "text/plain; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "ico" => "image/x-icon",
        "woff2" => "font/woff2",
        "pdf" => "application/pdf",
        _ => "application/octet-stream",
    }
}

/// The site file a request path names, relative to the base path; `None` for a
/// path that tries to leave the site (`..`, backslashes, NUL).
pub fn site_path(request: &str) -> Option<String> {
    let decoded = crate::plan::percent_decode(request)?;
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
    let (found, error) = {
        let snapshot = shared.snapshot.read().unwrap_or_else(|e| e.into_inner());
        let found = match snapshot.files.get(&file) {
            Some(f) => Some((StatusCode::OK, file.clone(), f.clone())),
            None if snapshot.files.contains_key(&format!("{file}/index.html")) => {
                return Redirect::permanent(&format!("{path}/")).into_response();
            }
            None => snapshot
                .files
                .get("404.html")
                .map(|f| (StatusCode::NOT_FOUND, "404.html".to_string(), f.clone())),
        };
        (found, snapshot.error.clone())
    };
    let Some((status, name, served)) = found else {
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
    let bytes = match served.as_ref() {
        Output::Bytes(b) => b.clone(),
        // Only files inside the site are served, wherever a link points.
        Output::CopyFrom(src) => match tokio::fs::canonicalize(src).await {
            Ok(real) if real.starts_with(&shared.root) => match tokio::fs::read(&real).await {
                Ok(b) => b,
                Err(_) => return StatusCode::NOT_FOUND.into_response(),
            },
            _ => return StatusCode::NOT_FOUND.into_response(),
        },
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
            (header::CACHE_CONTROL, "no-store"),
        ],
        body,
    )
        .into_response()
}

async fn socket(ws: WebSocketUpgrade, State(shared): State<Arc<Shared>>) -> Response {
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
    !rel.components().any(|c| {
        let name = c.as_os_str().to_string_lossy();
        name.starts_with('.') || name.ends_with('~') || name == "target" || name.ends_with(".swp")
    })
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
    let mut watcher: Box<dyn Watcher + Send> = if poll {
        let config = notify::Config::default().with_poll_interval(Duration::from_millis(500));
        Box::new(PollWatcher::new(tx, config).map_err(|e| e.to_string())?)
    } else {
        Box::new(RecommendedWatcher::new(tx, notify::Config::default()).map_err(|e| e.to_string())?)
    };
    watcher
        .watch(&root, RecursiveMode::Recursive)
        .map_err(|e| format!("cannot watch {}: {e}", root.display()))?;
    std::thread::spawn(move || {
        // The watcher stops when dropped, so it lives in this thread.
        let _watcher = watcher;
        let relevant = |event: notify::Result<notify::Event>| -> Vec<PathBuf> {
            match event {
                Ok(e) if is_change(&e.kind) => e
                    .paths
                    .into_iter()
                    .filter(|p| is_relevant(p, &root, &output))
                    .collect(),
                _ => Vec::new(),
            }
        };
        while let Ok(event) = rx.recv() {
            let mut changed = relevant(event);
            // An editor's save is several events; wait for a quiet moment.
            while let Ok(event) = rx.recv_timeout(Duration::from_millis(80)) {
                changed.extend(relevant(event));
            }
            let Some(first) = changed.first() else {
                continue;
            };
            println!(
                "changed: {}",
                first.strip_prefix(&root).unwrap_or(first).display()
            );
            rebuild(&shared, &mut session, &changed);
        }
    });
    Ok(())
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
    let shared = Arc::new(Shared {
        snapshot: RwLock::new(Snapshot::default()),
        events,
        base_path,
        root,
    });
    let session = {
        let shared = shared.clone();
        tokio::task::spawn_blocking(move || {
            let mut session = Session::new(build);
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
    axum::serve(listener, app)
        .with_graceful_shutdown(async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await
        .map_err(|e| Failure::Environment(format!("server error: {e}")))
}

#[cfg(test)]
mod tests {
    use super::*;

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
}

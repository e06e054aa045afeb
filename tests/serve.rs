//! `briefly serve`: started on port 0, fetched over HTTP, edited, and watched
//! for its reload and error messages on the WebSocket.

mod common;

use common::{CONFIG, Fixture};
use futures_util::StreamExt;
use std::io::{Read, Write};
use std::net::TcpStream;
use std::process::Child;
use std::time::Duration;

struct Server {
    child: Child,
    /// `127.0.0.1:PORT`
    address: String,
    /// The base path the site is served under, e.g. `/` or `/briefs/`.
    base: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        common::serve_process::stop(&mut self.child);
    }
}

fn start(f: &Fixture) -> Server {
    let (child, url) = common::serve_process::spawn(f.root(), Duration::from_secs(20));
    let (address, path) = url.split_once('/').unwrap();
    Server {
        child,
        address: address.to_string(),
        base: format!("/{path}"),
    }
}

/// A raw GET, so the path reaches the server exactly as written: (status, body).
fn get(server: &Server, path: &str) -> (u16, String) {
    get_as(server, path, &server.address)
}

/// A raw GET with the given `Host` header.
fn get_as(server: &Server, path: &str, host: &str) -> (u16, String) {
    let mut stream = TcpStream::connect(&server.address).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(5)))
        .unwrap();
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut response = Vec::new();
    stream.read_to_end(&mut response).unwrap();
    let text = String::from_utf8_lossy(&response).into_owned();
    let status = text
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let body = text
        .split_once("\r\n\r\n")
        .map(|(_, b)| b.to_string())
        .unwrap_or_default();
    (status, body)
}

type Socket =
    tokio_tungstenite::WebSocketStream<tokio_tungstenite::MaybeTlsStream<tokio::net::TcpStream>>;

async fn connect(server: &Server) -> Socket {
    let url = format!("ws://{}/__briefly/livereload", server.address);
    tokio_tungstenite::connect_async(url).await.unwrap().0
}

/// The next message of the given type within two seconds.
async fn next_message(socket: &mut Socket, kind: &str) -> serde_json::Value {
    let wait = async {
        while let Some(Ok(msg)) = socket.next().await {
            if let Ok(text) = msg.into_text() {
                let value: serde_json::Value = serde_json::from_str(&text).unwrap();
                if value["type"] == kind {
                    return value;
                }
            }
        }
        panic!("the socket closed");
    };
    tokio::time::timeout(Duration::from_secs(2), wait)
        .await
        .unwrap_or_else(|_| panic!("no {kind} message within two seconds"))
}

fn site() -> Fixture {
    let f = Fixture::new(CONFIG);
    f.briefing(
        "story.md",
        "title: Story\ndate: 2025-01-01\n",
        "First version of the text.\n",
    );
    f
}

#[tokio::test(flavor = "multi_thread")]
async fn an_edit_reloads_open_pages_with_the_new_text() {
    let f = site();
    let server = start(&f);
    let (status, body) = get(&server, "/briefings/story/");
    assert_eq!(status, 200);
    assert!(body.contains("First version"));
    assert!(
        body.contains("/__briefly/livereload"),
        "pages carry the reload script"
    );
    let mut socket = connect(&server).await;
    f.briefing(
        "story.md",
        "title: Story\ndate: 2025-01-01\n",
        "Second version of the text.\n",
    );
    next_message(&mut socket, "reload").await;
    let (_, body) = get(&server, "/briefings/story/");
    assert!(body.contains("Second version"), "{body}");
    // A new briefing shows up too.
    f.briefing(
        "another.md",
        "title: Another\ndate: 2025-01-02\n",
        "More.\n",
    );
    next_message(&mut socket, "reload").await;
    assert_eq!(get(&server, "/briefings/another/").0, 200);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_broken_build_shows_an_escaped_overlay_until_fixed() {
    let f = site();
    let server = start(&f);
    let mut socket = connect(&server).await;
    f.briefing(
        "story.md",
        "title: [<script>alert(1)</script>\ndate: 2025-01-01\n",
        "x\n",
    );
    let message = next_message(&mut socket, "error").await;
    assert!(
        message["text"]
            .as_str()
            .unwrap()
            .contains("content/briefings/story.md:2:")
    );
    let (status, body) = get(&server, "/briefings/story/");
    assert_eq!(status, 200, "the last good page stays");
    assert!(body.contains("First version"));
    assert!(body.contains("<pre id=\"__briefly_overlay\""));
    assert!(body.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(!body.contains("<script>alert(1)"));
    f.briefing("story.md", "title: Story\ndate: 2025-01-01\n", "Fixed.\n");
    next_message(&mut socket, "reload").await;
    let (_, body) = get(&server, "/briefings/story/");
    assert!(
        body.contains("Fixed.") && !body.contains("<pre id=\"__briefly_overlay\""),
        "{body}"
    );
}

#[test]
fn nothing_outside_the_site_is_served() {
    let f = site();
    let server = start(&f);
    for path in [
        "/../site.toml",
        "/%2e%2e/site.toml",
        "/briefings/..%2f..%2fsite.toml",
        "/..\\site.toml",
        "/site.toml",
        "/content/briefings/story.md",
    ] {
        let (status, body) = get(&server, path);
        assert!(status == 400 || status == 404, "{path}: {status}");
        assert!(!body.contains("base_url"), "{path} leaked site.toml");
        assert!(
            !body.contains("First version of the text.\n---"),
            "{path} leaked a source"
        );
    }
}

#[test]
fn missing_pages_get_the_404_page_and_a_base_path_is_kept() {
    let f = site();
    f.write(
        "site.toml",
        &CONFIG.replace("https://example.com/", "https://x.github.io/briefs/"),
    );
    let server = start(&f);
    assert_eq!(server.base, "/briefs/");
    let (status, body) = get(&server, "/briefs/");
    assert_eq!(status, 200);
    assert!(body.contains("href=\"/briefs/briefings/story/\""));
    let (status, body) = get(&server, "/briefs/nope/");
    assert_eq!(status, 404);
    assert!(body.contains("404"));
    assert_eq!(
        get(&server, "/").0,
        307,
        "the root redirects to the base path"
    );
    assert_eq!(
        get(&server, "/briefs/briefings/story").0,
        308,
        "a folder without its slash redirects"
    );
}

#[test]
fn only_requests_addressed_to_this_server_are_answered() {
    let f = site();
    let server = start(&f);
    let port = server.address.rsplit_once(':').unwrap().1;
    for host in [
        server.address.clone(),
        format!("localhost:{port}"),
        format!("[::1]:{port}"),
    ] {
        assert_eq!(get_as(&server, "/", &host).0, 200, "{host}");
    }
    // A page of another site whose name was pointed at 127.0.0.1 (DNS rebinding).
    for host in [
        format!("evil.example:{port}"),
        format!("localhost.evil.example:{port}"),
        "127.0.0.1:1".to_string(),
    ] {
        let (status, body) = get_as(&server, "/briefings/story/", &host);
        assert_eq!(status, 421, "{host}");
        assert!(!body.contains("First version"), "{host}");
    }
    let (status, _) = get_as(&server, "/__briefly/livereload", "evil.example");
    assert_eq!(status, 421, "the socket is behind the same check");
}

#[tokio::test(flavor = "multi_thread")]
async fn the_reload_socket_accepts_only_its_own_origin() {
    use tokio_tungstenite::tungstenite::client::IntoClientRequest;
    let f = site();
    let server = start(&f);
    let with_origin = |origin: &str| {
        let mut request = format!("ws://{}/__briefly/livereload", server.address)
            .into_client_request()
            .unwrap();
        request
            .headers_mut()
            .insert("origin", origin.parse().unwrap());
        request
    };
    let refused = tokio_tungstenite::connect_async(with_origin("http://evil.example"))
        .await
        .expect_err("a foreign origin is refused");
    match refused {
        tokio_tungstenite::tungstenite::Error::Http(response) => {
            assert_eq!(response.status(), 403)
        }
        other => panic!("expected a 403 refusal, got {other}"),
    }
    let own = format!("http://{}", server.address);
    let (mut socket, _) = tokio_tungstenite::connect_async(with_origin(&own))
        .await
        .expect("its own origin is accepted");
    f.briefing("story.md", "title: Story\ndate: 2025-01-01\n", "Edited.\n");
    next_message(&mut socket, "reload").await;
}

#[tokio::test(flavor = "multi_thread")]
async fn serve_refuses_links_out_of_the_site_like_build() {
    let outside = tempfile::tempdir().unwrap();
    let secret = outside.path().canonicalize().unwrap().join("secret.txt");
    std::fs::write(&secret, "TOP-SECRET-4711").unwrap();
    let link = |f: &Fixture| {
        std::fs::create_dir_all(f.root().join("static")).unwrap();
        std::os::unix::fs::symlink(&secret, f.root().join("static/leak.txt")).unwrap();
    };
    let expected = format!(
        "static/leak.txt:1:1: a symbolic link to a file outside the site folder ({})",
        secret.display()
    );

    // From the start: the first build fails as `build` does, and serve shows its errors.
    let f = site();
    link(&f);
    let (code, _, build_err) = f.run(&["build"]);
    assert_eq!(code, 1);
    assert!(build_err.contains(&expected), "{build_err}");
    let server = start(&f);
    let (status, body) = get(&server, "/");
    assert_eq!(status, 500, "{body}");
    assert!(body.contains(&expected), "{body}");
    let (status, body) = get(&server, "/leak.txt");
    assert_ne!(status, 200);
    assert!(!body.contains("TOP-SECRET"));
    drop(server);

    // Added while serving: the rebuild fails with the same error.
    let f = site();
    let server = start(&f);
    assert_eq!(get(&server, "/").0, 200);
    let mut socket = connect(&server).await;
    link(&f);
    let message = next_message(&mut socket, "error").await;
    assert!(
        message["text"].as_str().unwrap().contains(&expected),
        "{message}"
    );
    let (status, body) = get(&server, "/leak.txt");
    assert_eq!(status, 404, "the last good build had no such file");
    assert!(!body.contains("TOP-SECRET"));
}

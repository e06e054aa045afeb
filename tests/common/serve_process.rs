//! Starting `briefly serve` as a process, for tests/serve.rs and benches/reload.rs.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

/// Runs `briefly --root ROOT serve --port 0` and waits up to `wait` for the
/// address it prints; returns the process and that URL without `http://`
/// (`127.0.0.1:PORT/BASE/`).
pub fn spawn(root: &Path, wait: Duration) -> (Child, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_briefly"))
        .arg("--root")
        .arg(root)
        .args(["serve", "--port", "0"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            if let Some(url) = line.split(" at http://").nth(1) {
                let _ = tx.send(url.to_string());
            }
        }
    });
    let url = rx.recv_timeout(wait).expect("serve printed its address");
    (child, url)
}

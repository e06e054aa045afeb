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

/// Asks the server to stop as Ctrl-C would (SIGINT on Unix: it removes the
/// folder it built the site in), and kills it if it has not stopped in 10 s.
pub fn stop(child: &mut Child) {
    #[cfg(unix)]
    {
        // SAFETY: kill(2) with a process id we spawned and a valid signal.
        unsafe {
            libc::kill(child.id() as libc::pid_t, libc::SIGINT);
        }
        let deadline = std::time::Instant::now() + Duration::from_secs(10);
        while std::time::Instant::now() < deadline {
            if let Ok(Some(_)) = child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }
    let _ = child.kill();
    let _ = child.wait();
}

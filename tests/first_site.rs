//! The README's "Your first site", followed literally: its commands are read
//! out of README.md and run in order, and what each prints must be what the
//! README shows (dates and timings aside), so the README cannot drift from
//! what briefly does. Ends with `check --strict` passing and a built site.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// The commands of the README's first console block under `## Your first
/// site`, each with the lines the README shows it printing.
fn readme_steps() -> Vec<(String, Vec<String>)> {
    let readme =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    let section = &readme[readme.find("## Your first site").expect("the section")..];
    let block = &section[section.find("```console\n").expect("a console block") + 11..];
    let block = &block[..block.find("```").unwrap()];
    let mut steps: Vec<(String, Vec<String>)> = Vec::new();
    for line in block.lines() {
        match line.strip_prefix("$ ") {
            Some(command) => steps.push((command.to_string(), Vec::new())),
            None => steps
                .last_mut()
                .expect("output after a command")
                .1
                .push(line.to_string()),
        }
    }
    steps
}

/// Shell words: spaces split, double quotes group.
fn words(command: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut word = String::new();
    let mut quoted = false;
    let mut any = false;
    for c in command.chars() {
        match c {
            '"' => {
                quoted = !quoted;
                any = true;
            }
            ' ' if !quoted => {
                if any {
                    out.push(std::mem::take(&mut word));
                    any = false;
                }
            }
            _ => {
                word.push(c);
                any = true;
            }
        }
    }
    if any {
        out.push(word);
    }
    out
}

/// A line with what changes from run to run made plain: dates, timings and
/// the port.
fn plain(line: &str) -> String {
    let mut out = String::new();
    let chars: Vec<char> = line.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let rest: String = chars[i..].iter().collect();
        let is_date = rest.len() >= 10
            && rest.chars().take(10).enumerate().all(|(n, c)| {
                if n == 4 || n == 7 {
                    c == '-'
                } else {
                    c.is_ascii_digit()
                }
            });
        if is_date {
            out.push_str("DATE");
            i += 10;
            continue;
        }
        if chars[i].is_ascii_digit() {
            let digits: String = chars[i..]
                .iter()
                .take_while(|c| c.is_ascii_digit())
                .collect();
            let after: String = chars[i + digits.len()..].iter().collect();
            if after.starts_with(" ms") {
                out.push('N');
                i += digits.len();
                continue;
            }
        }
        out.push(chars[i]);
        i += 1;
    }
    out.replace(":1111/", ":PORT/")
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn run(dir: &Path, args: &[String]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_briefly"))
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Runs `serve` until it says where it serves, checks the page answers, and
/// stops it; returns what it printed.
fn serve(dir: &Path, args: &[String]) -> Vec<String> {
    let port = free_port();
    let mut child = Command::new(env!("CARGO_BIN_EXE_briefly"))
        .args(args)
        .args(["--port", &port.to_string()])
        .current_dir(dir)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut lines = Vec::new();
    let reader = BufReader::new(child.stdout.take().unwrap());
    for line in reader.lines() {
        let line = line.unwrap();
        let done = line.starts_with("serving ");
        lines.push(line.replace(&format!(":{port}/"), ":1111/"));
        if done {
            break;
        }
    }
    let body = http_get(port, "/");
    let _ = child.kill();
    let _ = child.wait();
    assert!(body.starts_with("HTTP/1.1 200"), "{body}");
    assert!(
        body.contains("네이버, 트웰브랩스에 투자"),
        "serve --drafts shows the new draft"
    );
    lines
}

fn http_get(port: u16, path: &str) -> String {
    use std::io::{Read, Write};
    let mut stream = std::net::TcpStream::connect(("127.0.0.1", port)).unwrap();
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut response = Vec::new();
    stream.read_to_end(&mut response).unwrap();
    String::from_utf8_lossy(&response).into_owned()
}

#[test]
fn the_readme_first_site_commands_work_as_shown() {
    let steps = readme_steps();
    assert!(steps.len() >= 5, "{steps:?}");
    let home = tempfile::tempdir().unwrap();
    let mut dir: PathBuf = home.path().to_path_buf();
    for (command, expected) in &steps {
        let words = words(command);
        let printed: Vec<String> = match words[0].as_str() {
            "cd" => {
                dir = dir.join(&words[1]);
                assert!(dir.is_dir(), "{command}");
                Vec::new()
            }
            "briefly" if words.get(1).map(String::as_str) == Some("serve") => {
                serve(&dir, &words[1..])
            }
            "briefly" => {
                let (code, out, err) = run(&dir, &words[1..]);
                assert_eq!(code, 0, "`{command}` failed: {err}");
                out.lines().map(str::to_string).collect()
            }
            other => panic!("the README's first site runs `{other}`, which this test cannot"),
        };
        let printed: Vec<String> = printed.iter().map(|l| plain(l)).collect();
        let expected: Vec<String> = expected.iter().map(|l| plain(l)).collect();
        assert_eq!(printed, expected, "what `{command}` prints");
    }
    // The sample and the new draft pass the strictest check, and the site is built.
    let (code, _, err) = run(&dir, &["check".into(), "--strict".into()]);
    assert_eq!(code, 0, "{err}");
    assert!(dir.join("public/index.html").is_file());
}

#[test]
fn plain_lines_hide_dates_and_timings() {
    assert_eq!(
        plain("built 1 briefing into ./public in 301 ms (2026-12-05)"),
        "built 1 briefing into ./public in N ms (DATE)"
    );
    assert_eq!(
        words("briefly new briefing \"a, b\""),
        ["briefly", "new", "briefing", "a, b"]
    );
}

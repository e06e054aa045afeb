//! Bad input and edge cases that a fixture of `tests/fixtures/invalid/` cannot
//! express. The plain "this input gives this error, exit code 1 and the site
//! folder unchanged" cases are fixtures there (`tests/invalid_inputs.rs`); here
//! are a missing site.toml (a usage error, exit 2), the library's failure kind,
//! `check` (its warnings, and its errors beside `build`'s), a file that vanishes
//! between the walk and the read, and inputs that must build (CRLF and a BOM, a
//! huge briefing).

mod common;

use common::{CONFIG, Fixture};

#[test]
fn a_missing_site_toml_is_a_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_briefly"))
        .args(["--root", dir.path().to_str().unwrap(), "build"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no site.toml"));
}

#[test]
fn crlf_and_bom_files_build() {
    let f = Fixture::new(CONFIG);
    f.write(
        "content/briefings/win.md",
        "\u{feff}---\r\ntitle: Windows\r\ndate: 2025-01-01\r\n---\r\nBody text.\r\n",
    );
    f.build();
    assert!(f.read("briefings/win/index.html").contains("Body text."));
}

/// The message itself is the fixture `not-utf8.txt`; this checks the library
/// reports it as bad input (`Failure::Input`), not as an environment error.
#[test]
fn a_file_that_is_not_utf8_is_named() {
    let f = Fixture::new(CONFIG);
    f.write_bytes(
        "content/briefings/latin1.md",
        b"---\ntitle: caf\xe9\ndate: 2025-01-01\n---\n",
    );
    let err = f.build_errors();
    assert!(
        err.contains("content/briefings/latin1.md:1:1: the file is not UTF-8"),
        "{err}"
    );
}

#[test]
fn check_writes_nothing_and_warns_about_unregistered_companies() {
    let f = Fixture::new(CONFIG);
    f.briefing(
        "a.md",
        "title: A\ndate: 2025-01-01\nsource: { name: Wire }\ncompanies: [Nobody Inc]\n",
        "Text.\n",
    );
    let (code, out, err) = f.run(&["check"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("check passed with 1 warning"), "{out}");
    assert!(
        err.contains(
            "warning: content/briefings/a.md:5:13: `Nobody Inc` is not in the company registry"
        ),
        "{err}"
    );
    assert!(!f.root().join("public").exists());
}

#[test]
fn a_huge_briefing_builds() {
    let f = Fixture::new(CONFIG);
    let body = "메타가 스케일 AI에 투자했다. Meta invested in Scale AI.\n\n".repeat(60_000);
    assert!(body.len() > 4_000_000);
    f.briefing("huge.md", "title: Huge\ndate: 2025-01-01\n", &body);
    f.build();
    assert!(f.read("briefings/huge/index.html").len() > 4_000_000);
}

#[test]
fn a_file_that_vanishes_is_reported_not_panicked_on() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("content/briefings/gone.md");
    let err = briefly::load::read_text(dir.path(), &missing).unwrap_err();
    assert!(
        err.to_string()
            .starts_with("error: content/briefings/gone.md:1:1: cannot read the file"),
        "{err}"
    );
}

#[test]
fn build_and_check_refuse_links_out_of_the_site_alike() {
    let f = Fixture::new(CONFIG);
    f.briefing("bundle/index.md", "title: B\ndate: 2025-01-01\n", "Text.\n");
    f.write("static/style.css", "/* mine */");
    std::os::unix::fs::symlink("/etc/hostname", f.root().join("static/leak.txt")).unwrap();
    std::os::unix::fs::symlink(
        "/etc/passwd",
        f.root().join("content/briefings/bundle/shadow.txt"),
    )
    .unwrap();
    let (build_code, _, build_err) = f.run(&["build"]);
    let (check_code, _, check_err) = f.run(&["check"]);
    assert_eq!((build_code, check_code), (1, 1), "{build_err}\n{check_err}");
    for err in [&build_err, &check_err] {
        assert!(
            err.contains(
                "error: static/leak.txt:1:1: a symbolic link to a file outside the site folder (/etc/hostname)"
            ),
            "{err}"
        );
        assert!(
            err.contains("error: content/briefings/bundle/shadow.txt:1:1: a symbolic link to a file outside the site folder (/etc/passwd)"),
            "{err}"
        );
    }
    assert!(!f.root().join("public").exists(), "nothing was written");
}

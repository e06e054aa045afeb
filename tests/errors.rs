//! Bad input: every problem reported at once as `error: PATH:LINE:COLUMN: message`
//! with the offending line, exit code 1, and the previous output left as it was.

mod common;

use common::{CONFIG, Fixture, snapshot};

/// Builds a good site first, breaks it with `break_it`, and checks the failed
/// build's exit code, that it says `expected`, and that public/ is untouched.
fn fails_keeping_output(break_it: impl FnOnce(&Fixture), expected: &[&str]) -> String {
    let f = Fixture::new(CONFIG);
    f.briefing("good.md", "title: Good\ndate: 2025-01-01\n", "Fine.\n");
    let (code, _, err) = f.run(&["build"]);
    assert_eq!(code, 0, "{err}");
    let before = snapshot(&f.root().join("public"));
    assert!(!before.is_empty());
    break_it(&f);
    let (code, _, err) = f.run(&["build"]);
    assert_eq!(code, 1, "exit code for bad input; stderr:\n{err}");
    for e in expected {
        assert!(err.contains(e), "stderr lacks {e:?}:\n{err}");
    }
    assert_eq!(
        snapshot(&f.root().join("public")),
        before,
        "public/ changed after a failed build"
    );
    let leftovers: Vec<String> = std::fs::read_dir(f.root())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with('.'))
        .collect();
    assert!(
        leftovers.is_empty(),
        "temporary folders left: {leftovers:?}"
    );
    err
}

#[test]
fn yaml_syntax_error_points_at_the_line() {
    fails_keeping_output(
        |f| {
            f.briefing("bad.md", "title: [Unclosed\ndate: 2025-01-01\n", "");
        },
        &[
            "error: content/briefings/bad.md:2:8: ",
            "2 | title: [Unclosed",
            "  |        ^",
        ],
    );
}

#[test]
fn unknown_key_is_an_error_with_a_hint() {
    fails_keeping_output(
        |f| {
            f.briefing("bad.md", "title: T\ndate: 2025-01-01\ntag: [x]\n", "");
        },
        &[
            "error: content/briefings/bad.md:4:1: unknown field `tag`",
            "4 | tag: [x]",
            "help: did you mean `tags`?",
        ],
    );
}

#[test]
fn bad_date_names_the_accepted_forms() {
    fails_keeping_output(
        |f| {
            f.briefing("bad.md", "title: T\ndate: 2025-02-30\n", "");
        },
        &[
            "error: content/briefings/bad.md:3:7: `2025-02-30` is not a valid date",
            "3 | date: 2025-02-30",
        ],
    );
    fails_keeping_output(
        |f| {
            f.briefing("bad.md", "title: T\ndate: June 10\n", "");
        },
        &["content/briefings/bad.md:3:7: `June 10` is not a date; write YYYY-MM-DD"],
    );
}

#[test]
fn bad_enum_value_lists_the_allowed_ones() {
    fails_keeping_output(
        |f| {
            f.briefing(
                "bad.md",
                "title: T\ndate: 2025-01-01\ndeals:\n  - investors: [a]\n    target: b\n    status: negociating\n",
                "",
            );
        },
        &[
            "error: content/briefings/bad.md:7:13: unknown variant `negociating`, expected one of rumored, negotiating, announced, closed, cancelled",
            "7 |     status: negociating",
        ],
    );
}

#[test]
fn bad_money_shows_the_text_and_the_accepted_forms() {
    fails_keeping_output(
        |f| {
            f.briefing(
                "bad.md",
                "title: T\ndate: 2025-01-01\ndeals:\n  - investors: [a]\n    target: b\n    amount: \"100억\"\n",
                "",
            );
        },
        &[
            "error: content/briefings/bad.md:7:13: invalid amount: `100억` has no currency",
            "help: accepted forms:",
        ],
    );
}

#[test]
fn a_currency_without_a_rate_names_the_key_to_add() {
    fails_keeping_output(
        |f| {
            f.briefing(
                "bad.md",
                "title: T\ndate: 2025-01-01\ndeals:\n  - investors: [a]\n    target: b\n    amount: \"CHF 5M\"\n",
                "",
            );
        },
        &[
            "content/briefings/bad.md:7:13: no rate for CHF",
            "add `CHF = ",
        ],
    );
}

#[test]
fn every_problem_is_reported_at_once() {
    let err = fails_keeping_output(
        |f| {
            f.briefing("a.md", "title: A\ndate: nope\n", "");
            f.briefing("b.md", "title: B\ndate: 2025-01-01\nbogus: 1\n", "");
            f.write(
                "site.toml",
                &format!("{CONFIG}\n[markdown]\nhighlight_theme = \"Nope\"\n"),
            );
        },
        &[
            "content/briefings/a.md:3:7:",
            "content/briefings/b.md:4:1:",
            "site.toml:",
        ],
    );
    assert!(err.contains("failed with"), "{err}");
}

#[test]
fn config_unknown_key_names_its_line() {
    fails_keeping_output(
        |f| {
            f.write("site.toml", &format!("paginate = 3\n{CONFIG}"));
        },
        &[
            "error: site.toml:1:1: unknown field `paginate`",
            "1 | paginate = 3",
        ],
    );
}

#[test]
fn alias_clash_names_both_files() {
    fails_keeping_output(
        |f| {
            f.company("a", "name: A\naliases: [Same Name]\n");
            f.company("b", "name: B\naliases: [samename]\n");
        },
        &[
            "content/companies/a.md",
            "content/companies/b.md",
            "claimed by two companies",
        ],
    );
}

#[test]
fn two_sources_for_one_path_name_both() {
    fails_keeping_output(
        |f| {
            f.briefing("one.md", "title: One\ndate: 2025-01-01\nslug: same\n", "");
            f.briefing("two.md", "title: Two\ndate: 2025-01-02\nslug: same\n", "");
        },
        &[
            "`briefings/same/index.html` would be written by both",
            "content/briefings/one.md",
            "content/briefings/two.md",
        ],
    );
}

#[test]
fn front_matter_problems() {
    fails_keeping_output(
        |f| {
            f.write("content/briefings/open.md", "---\ntitle: T\n");
        },
        &["content/briefings/open.md:1:1: the front matter is not closed"],
    );
    fails_keeping_output(
        |f| {
            f.write("content/briefings/none.md", "Just text\n");
        },
        &["content/briefings/none.md:1:1: the file must start with front matter"],
    );
    fails_keeping_output(
        |f| {
            f.briefing("missing.md", "date: 2025-01-01\n", "");
        },
        &["content/briefings/missing.md:2:1: missing field `title`"],
    );
}

#[test]
fn template_errors_name_the_template_file() {
    fails_keeping_output(
        |f| {
            f.write("templates/briefing.html", "<h1>{{ briefing.title }</h1>\n");
        },
        &["error: templates/briefing.html:1:"],
    );
}

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

//! `check` warnings and `--strict`, `new`, and `init` then `build`.

mod common;

use common::{CONFIG, Fixture};

fn check(f: &Fixture, args: &[&str]) -> (i32, String, String) {
    let mut all = vec!["check"];
    all.extend_from_slice(args);
    f.run(&all)
}

#[test]
fn check_warns_about_what_readers_would_trip_over() {
    let f = Fixture::new(CONFIG);
    f.company("anthropic", "name: Anthropic\n");
    f.briefing(
        "a.md",
        "title: A\ndate: 2025-01-01\nsource: { name: Wire }\ncompanies: [Antropic]\ndeals:\n  - id: d\n    investors: [x]\n    target: y\n    amount: \"$1B\"\n",
        "Intro.\n\n## Details\n\n[fine](#details) [gone](/briefings/nowhere/) [bad anchor](../b/#nope) [ok](../b/#section)\n\n![](missing.png)\n",
    );
    f.briefing(
        "b.md",
        "title: B\ndate: 2025-01-02\ndeals:\n  - id: d\n    investors: [z]\n    target: y2\n    amount: \"$2B\"\n",
        "## Section\n",
    );
    let (code, _, err) = check(&f, &[]);
    assert_eq!(code, 0, "warnings alone pass: {err}");
    let expect = [
        "warning: content/briefings/a.md:5:13: `Antropic` is not in the company registry",
        "help: did you mean `Anthropic` (anthropic)?",
        "content/briefings/a.md:8:5: deal `d`: investors x differ from z at content/briefings/b.md:6",
        "content/briefings/a.md:9:13: deal `d`: target y differs from y2 at content/briefings/b.md:7",
        "content/briefings/a.md:16:25: link `/briefings/nowhere/` leads nowhere in the built site",
        "content/briefings/a.md:16:59: link `../b/#nope`: no element with id `nope` on that page",
        "content/briefings/a.md:18:5: image `missing.png` leads nowhere in the built site",
        "warning: content/briefings/b.md:1:1: the briefing has no summary",
        "warning: content/briefings/b.md:1:1: the briefing names no source",
    ];
    for e in expect {
        assert!(err.contains(e), "missing {e:?} in:\n{err}");
    }
    assert!(
        !err.contains("amount `$2B` differs"),
        "a new amount on a later day is a revision, not a conflict:\n{err}"
    );
    assert!(!err.contains("#details`"), "a good anchor is fine");
    assert!(
        !err.contains("#section`"),
        "an anchor on another page is fine"
    );
    assert!(!err.contains("content/briefings/a.md:1:1: the briefing names no source"));
    let (code, _, err) = check(&f, &["--strict"]);
    assert_eq!(code, 1, "--strict fails on warnings: {err}");
    assert!(err.contains("check failed"));
}

#[test]
fn check_reports_errors_with_exit_1_and_writes_nothing() {
    let f = Fixture::new(CONFIG);
    f.briefing("a.md", "title: A\ndate: 2025-13-01\n", "");
    let (code, _, err) = check(&f, &[]);
    assert_eq!(code, 1);
    assert!(err.contains("content/briefings/a.md:3:7:"));
    assert!(!f.root().join("public").exists());
}

#[test]
fn new_briefing_is_dated_today_as_a_draft_and_never_overwrites() {
    let f = Fixture::new(CONFIG);
    let (code, out, err) = f.run(&["new", "briefing", "네이버, 트웰브랩스에 투자"]);
    assert_eq!(code, 0, "{err}");
    let today = jiff::Timestamp::now()
        .to_zoned_datetime(jiff::tz::TimeZone::get("Asia/Seoul").unwrap())
        .date();
    let rel = format!("content/briefings/{today}-네이버-트웰브랩스에-투자.md");
    assert!(out.contains(&rel), "{out}");
    let text = std::fs::read_to_string(f.root().join(&rel)).unwrap();
    assert!(text.contains("title: \"네이버, 트웰브랩스에 투자\""));
    assert!(text.contains("draft: true"));
    std::fs::write(f.root().join(&rel), "edited").unwrap();
    let (code, _, err) = f.run(&["new", "briefing", "네이버, 트웰브랩스에 투자"]);
    assert_eq!(code, 2);
    assert!(err.contains("already exists"));
    assert_eq!(
        std::fs::read_to_string(f.root().join(&rel)).unwrap(),
        "edited"
    );
    // The skeleton builds as a draft.
    std::fs::remove_file(f.root().join(&rel)).unwrap();
    f.run(&["new", "briefing", "Draft story"]);
    let (code, _, err) = f.run(&["build", "--drafts"]);
    assert_eq!(code, 0, "{err}");
}

#[test]
fn new_company_goes_into_the_registry() {
    let f = Fixture::new(CONFIG);
    let (code, _, err) = f.run(&["new", "company", "Scale AI"]);
    assert_eq!(code, 0, "{err}");
    let text = std::fs::read_to_string(f.root().join("content/companies/scale-ai.md")).unwrap();
    assert!(text.contains("name: \"Scale AI\""));
    assert_eq!(f.run(&["new", "company", "Scale AI"]).0, 2);
    assert_eq!(f.run(&["new", "company", "!!!"]).0, 2);
    f.briefing(
        "a.md",
        "title: A\ndate: 2025-01-01\ncompanies: [scale ai]\n",
        "x\n",
    );
    let (code, _, err) = f.run(&["check"]);
    assert_eq!(code, 0);
    assert!(!err.contains("not in the company registry"), "{err}");
}

#[test]
fn init_makes_a_site_that_builds_at_once_and_refuses_a_full_folder() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("new-site");
    let bin = env!("CARGO_BIN_EXE_briefly");
    let run = |args: &[&str]| std::process::Command::new(bin).args(args).output().unwrap();
    let out = run(&["init", site.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = run(&["--root", site.to_str().unwrap(), "build"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(site.join("public/index.html").is_file());
    assert!(
        site.join("public/companies/example-ai/index.html")
            .is_file()
    );
    let out = run(&["init", site.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("is not empty"));
}

/// `init --lang ko`: a Korean site in Seoul time whose sample passes
/// `check --strict` and builds with Korean UI; `--lang en` likewise.
#[test]
fn init_in_each_language_passes_check_strict() {
    let dir = tempfile::tempdir().unwrap();
    let bin = env!("CARGO_BIN_EXE_briefly");
    let run = |args: &[&str]| {
        let out = std::process::Command::new(bin).args(args).output().unwrap();
        (
            out.status.code().unwrap_or(-1),
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };
    for (lang, ui) in [("ko", "<html lang=\"ko\">"), ("en", "<html lang=\"en\">")] {
        let site = dir.path().join(lang);
        let site = site.to_str().unwrap();
        let (code, out, err) = run(&["init", "--lang", lang, site]);
        assert_eq!(code, 0, "{err}");
        assert!(out.contains("briefly serve"), "{out}");
        let toml = std::fs::read_to_string(format!("{site}/site.toml")).unwrap();
        let (code, _, err) = run(&["--root", site, "check", "--strict"]);
        assert_eq!(code, 0, "{lang}: the sample passes check --strict: {err}");
        let (code, _, err) = run(&["--root", site, "build"]);
        assert_eq!(code, 0, "{err}");
        let home = std::fs::read_to_string(format!("{site}/public/index.html")).unwrap();
        assert!(home.contains(ui), "{home}");
        if lang == "ko" {
            assert!(toml.contains("timezone = \"Asia/Seoul\"") && toml.contains("KRW"));
            assert!(
                home.contains("최신 브리핑") || home.contains("브리핑"),
                "{home}"
            );
            let company =
                std::fs::read_to_string(format!("{site}/content/companies/example-ai.md")).unwrap();
            assert!(company.contains("names: { ko: 예시AI, en: Example AI }"));
        }
    }
    // --root means nothing to init: said, not ignored.
    let (code, _, err) = run(&[
        "--root",
        "x",
        "init",
        dir.path().join("r").to_str().unwrap(),
    ]);
    assert_eq!(code, 2);
    assert!(err.contains("briefly init DIR"), "{err}");
}

#[test]
fn new_company_takes_an_id_and_says_how_to_choose_one() {
    let f = Fixture::new(CONFIG);
    let (code, out, err) = f.run(&["new", "company", "메타"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("content/companies/메타.md"), "{out}");
    assert!(
        out.contains("--id ID"),
        "the output says how to choose another: {out}"
    );
    let (code, out, err) = f.run(&["new", "company", "메타 플랫폼스", "--id", "meta"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("content/companies/meta.md") && !out.contains("--id ID"));
    let text = f.read_root("content/companies/meta.md");
    assert!(text.contains("name: \"메타 플랫폼스\""), "{text}");
    // The skeleton names the company under the site's language.
    assert!(text.contains("names: { ko: \"메타 플랫폼스\" }"), "{text}");
    // An ID that is not already a slug is refused with the slug it would be.
    let (code, _, err) = f.run(&["new", "company", "X", "--id", "Bad ID"]);
    assert_eq!(code, 2);
    assert!(err.contains("--id bad-id"), "{err}");
    assert!(!f.root().join("content/companies/bad-id.md").exists());
}

#[test]
fn the_build_summary_names_what_it_left_out() {
    let f = Fixture::new(CONFIG);
    f.briefing("a.md", "title: A\ndate: 2025-01-01\n", "x\n");
    f.briefing("b.md", "title: B\ndate: 2025-01-02\ndraft: true\n", "x\n");
    f.briefing("c.md", "title: C\ndate: 2999-12-05\n", "x\n");
    f.briefing("d.md", "title: D\ndate: 2999-12-01\n", "x\n");
    let (code, out, err) = f.run(&["build"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.starts_with("built 1 briefing, "), "{out}");
    assert!(
        out.contains(
            "(1 draft, 2 scheduled from 2999-12-01 left out; --drafts / --future include them)"
        ),
        "{out}"
    );
    let (_, out, _) = f.run(&["build", "--drafts", "--future"]);
    assert!(
        out.starts_with("built 4 briefings, ") && !out.contains("left out"),
        "{out}"
    );
    let (_, out, _) = f.run(&["build", "--future"]);
    assert!(
        out.contains("(1 draft left out; --drafts includes it)"),
        "{out}"
    );
}

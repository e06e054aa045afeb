//! `serve`'s incremental rebuilds leave in their folder exactly the files a
//! full build gives, after every kind of edit to briefings, while rendering
//! fewer pages; a body edit takes the fastest path, and what it puts off
//! comes right once `finish` has run.

use briefly::incremental::Session;
use briefly::render::Output;
use briefly::{BuildOptions, render_site};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;

mod common;
use common::copy_dir;

/// The repository's example site, in a temporary folder.
fn example_site() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("site");
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    std::fs::create_dir_all(&root).unwrap();
    // Monolingual: a multilingual site is always rendered whole (checked below).
    let config = std::fs::read_to_string(repo.join("site.toml")).unwrap();
    let start = config.find("[languages.en]").unwrap();
    let end = config[start..].find("[extra]").unwrap() + start;
    // Two briefings a home page: several pages, so moving and editing a
    // briefing leaves some of them as they were.
    std::fs::write(
        root.join("site.toml"),
        format!("{}{}", &config[..start], &config[end..])
            .replace("paginate_by = 6", "paginate_by = 2"),
    )
    .unwrap();
    copy_dir(&repo.join("content"), &root.join("content"));
    // `ID.en.md` translates a company only on a site that declares `en`.
    for folder in ["companies", "pages"] {
        for entry in std::fs::read_dir(root.join("content").join(folder)).unwrap() {
            let path = entry.unwrap().path();
            if path.to_string_lossy().ends_with(".en.md") {
                std::fs::remove_file(path).unwrap();
            }
        }
    }
    (dir, root)
}

fn full(options: &BuildOptions) -> HashMap<String, Output> {
    render_site(options).unwrap().files.into_iter().collect()
}

/// The files in the session's folder, by output path.
fn files(session: &Session) -> HashMap<String, Vec<u8>> {
    let dir = session.site_dir();
    walkdir::WalkDir::new(&dir)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e.path().strip_prefix(&dir).unwrap();
            let rel = rel.to_string_lossy().replace('\\', "/");
            (rel, std::fs::read(e.path()).unwrap())
        })
        .collect()
}

fn bytes(out: &Output) -> Vec<u8> {
    match out {
        Output::Bytes(b) => b.clone(),
        Output::CopyFrom(src) => std::fs::read(src).unwrap(),
    }
}

fn session(options: &BuildOptions) -> (tempfile::TempDir, Session) {
    let dir = tempfile::tempdir().unwrap();
    let session = Session::new(options.clone(), dir.path().join("serve"));
    (dir, session)
}

fn assert_same(session: &Session, options: &BuildOptions, what: &str) {
    let expected = full(options);
    let actual = files(session);
    let mut missing: Vec<&String> = expected
        .keys()
        .filter(|k| !actual.contains_key(*k))
        .collect();
    missing.sort();
    assert!(missing.is_empty(), "{what}: missing {missing:?}");
    let mut extra: Vec<&String> = actual
        .keys()
        .filter(|k| !expected.contains_key(*k))
        .collect();
    extra.sort();
    assert!(extra.is_empty(), "{what}: extra {extra:?}");
    let mut differ: Vec<&String> = expected
        .iter()
        .filter(|(k, v)| actual[*k] != bytes(v))
        .map(|(k, _)| k)
        .collect();
    differ.sort();
    assert!(differ.is_empty(), "{what}: stale {differ:?}");
}

fn edit(path: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(path).unwrap();
    assert!(text.contains(from), "{} lacks {from:?}", path.display());
    std::fs::write(path, text.replacen(from, to, 1)).unwrap();
}

#[test]
fn incremental_rebuilds_equal_full_builds() {
    let (_dir, root) = example_site();
    let options = BuildOptions {
        root: root.clone(),
        base_url: Some("http://127.0.0.1:1111/".into()),
        ..Default::default()
    };
    let (_serve, mut session) = session(&options);
    let first = session.rebuild(&[]).unwrap();
    assert_eq!(first.reused, 0);
    let b = root.join("content/briefings");
    let talks = b.join("2025-06-10-meta-scale-ai-talks.md");
    let deal = b.join("2025-06-13-meta-scale-ai-deal.md");
    let naver = b.join("2025-06-09-naver-ventures.md");
    // (what, file, text before, text after), applied in order.
    let edits = [
        (
            "body text",
            &talks,
            "협상하고 있다.",
            "협상하고 있다. 추가 문장.",
        ),
        ("title", &talks, "창사 이래 최대 외부 투자", "역대 최대"),
        ("deal status", &deal, "status: announced", "status: closed"),
        ("deal amount", &deal, "약 143억달러", "약 150억달러"),
        (
            "tags",
            &naver,
            "tags: [벤처 투자, 실리콘밸리]",
            "tags: [벤처 투자, 새 태그]",
        ),
        (
            "quote speaker",
            &naver,
            "  - speaker: 이해진\n    role: { ko: 네이버 창업자 겸 이사회 의장, en: Naver founder and board chairman }\n    company: naver\n    text: \"지금은",
            "  - speaker: 새 인물\n    role: 관계자\n    company: naver\n    text: \"지금은",
        ),
        ("date", &naver, "date: 2025-06-09", "date: 2025-06-20"),
        (
            "companies",
            &naver,
            "companies: [네이버, 네이버 벤처스]",
            "companies: [네이버, 네이버 벤처스, New Startup]",
        ),
        ("draft", &naver, "lang: ko", "lang: ko\ndraft: true"),
    ];
    let is_home = |p: &String| *p == "index.html" || p.starts_with("page/");
    for (what, path, from, to) in edits {
        edit(path, from, to);
        let stats = session.rebuild(std::slice::from_ref(path)).unwrap();
        assert!(stats.reused > 0, "{what}: nothing reused");
        assert_same(&session, &options, what);
        // Home pages that did not change are the last build's, not rendered again.
        if what == "body text" {
            assert!(stats.body_only, "{what}: {stats:?}");
            let homes = files(&session).keys().filter(|p| is_home(p)).count();
            assert!(homes > 2);
            let rendered = stats.rendered_paths.iter().filter(|p| is_home(p)).count();
            assert!(
                rendered * 2 <= homes,
                "{rendered} of {homes} home pages rendered"
            );
        } else {
            assert!(!stats.body_only, "{what}: the front matter changed");
        }
    }
    // An edit that keeps the file's size and time is still seen when the
    // watcher reports the file (unreported files are judged by size and time).
    let modified = std::fs::metadata(&talks).unwrap().modified().unwrap();
    edit(&talks, "추가 문장.", "다른 문장.");
    std::fs::File::options()
        .write(true)
        .open(&talks)
        .unwrap()
        .set_modified(modified)
        .unwrap();
    session.rebuild(std::slice::from_ref(&talks)).unwrap();
    assert_same(&session, &options, "same size and time");
    // A new briefing and a removed one.
    let new = b.join("2025-07-01-new.md");
    std::fs::write(&new, "---\ntitle: New\ndate: 2025-07-01\ntags: [투자]\ndeals:\n  - id: meta-scale-ai-2025\n    status: closed\n---\nNew text.\n").unwrap();
    session.rebuild(std::slice::from_ref(&new)).unwrap();
    assert_same(&session, &options, "new briefing");
    std::fs::remove_file(&deal).unwrap();
    session.rebuild(&[deal]).unwrap();
    assert_same(&session, &options, "removed briefing");
    // A body edit renders far fewer pages than the site has.
    edit(&new, "New text.", "Newer text.");
    let stats = session.rebuild(&[new]).unwrap();
    assert!(
        stats.rendered * 2 < stats.rendered + stats.reused,
        "{stats:?}"
    );
    // A change outside briefings renders everything.
    let company = root.join("content/companies/meta.md");
    edit(&company, "name: Meta", "name: Meta Platforms");
    let stats = session.rebuild(&[company]).unwrap();
    assert_eq!(stats.reused, 0);
    assert_same(&session, &options, "registry change");
}

#[test]
fn a_multilingual_site_is_rebuilt_whole_and_right() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("site");
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    std::fs::create_dir_all(&root).unwrap();
    std::fs::copy(repo.join("site.toml"), root.join("site.toml")).unwrap();
    copy_dir(&repo.join("content"), &root.join("content"));
    let options = BuildOptions {
        root: root.clone(),
        ..Default::default()
    };
    let (_serve, mut session) = session(&options);
    session.rebuild(&[]).unwrap();
    let talks = root.join("content/briefings/2025-06-10-meta-scale-ai-talks.en.md");
    edit(&talks, "Meta is negotiating", "Meta is still negotiating");
    let stats = session.rebuild(std::slice::from_ref(&talks)).unwrap();
    assert_eq!(stats.reused, 0);
    assert_same(&session, &options, "translation edit");
    assert!(files(&session).contains_key("en/briefings/meta-scale-ai-talks/index.html"));
}

/// Body edits of a briefing whose front matter stays: the briefing alone is
/// parsed and patched into the last site. Its page is right at once; feeds
/// and the search index are put off, and right once `finish` has run.
#[test]
fn body_edits_take_the_fast_path_and_equal_full_builds() {
    let (_dir, root) = example_site();
    let options = BuildOptions {
        root: root.clone(),
        base_url: Some("http://127.0.0.1:1111/".into()),
        ..Default::default()
    };
    let (_serve, mut session) = session(&options);
    session.rebuild(&[]).unwrap();
    let talks = root.join("content/briefings/2025-06-10-meta-scale-ai-talks.md");
    let page = "briefings/meta-scale-ai-talks/index.html";
    let long: String = (0..400).map(|i| format!("단어{i} ")).collect();
    // (what, text before, text after, whether the summary changes)
    let edits = [
        (
            "a paragraph at the end",
            "| 상태 | 협상 중 |",
            "| 상태 | 협상 중 |\n\n끝에 붙인 문단.",
            false,
        ),
        (
            "the first paragraph (the summary)",
            "협상하고 있다.",
            "협상하고 있다고 전해졌다.",
            true,
        ),
        ("reading time", "끝에 붙인 문단.", long.as_str(), false),
        (
            "a code block",
            "## 왜 스케일 AI인가",
            "```rust\nfn main() { println!(\"<b>\"); }\n```\n\n## 왜 스케일 AI인가",
            false,
        ),
        (
            "a company name linked in the body",
            "두 회사 모두",
            "메타와 네이버 모두",
            false,
        ),
    ];
    for (what, from, to, summary) in edits {
        edit(&talks, from, to);
        let stats = session
            .rebuild_urgent(std::slice::from_ref(&talks))
            .unwrap();
        assert!(stats.body_only, "{what}: {stats:?}");
        assert!(stats.deferred > 0, "{what}: the search index waits");
        assert!(stats.rendered_paths.iter().any(|p| p == page), "{what}");
        if !summary {
            assert_eq!(stats.rendered, 1, "{what}: only its page: {stats:?}");
        }
        // The briefing's own page is right before the rest follows.
        let expected = full(&options);
        assert_eq!(
            files(&session)[page],
            bytes(&expected[page]),
            "{what}: the briefing's page"
        );
        let later = session.finish(&AtomicBool::new(false)).unwrap();
        assert_eq!(later.deferred, 0);
        assert_eq!(session.pending(), 0);
        assert!(
            later
                .rendered_paths
                .iter()
                .any(|p| p.starts_with("search/")),
            "{what}: {later:?}"
        );
        assert_same(&session, &options, what);
    }
    // Put off twice, then a front-matter edit: what was put off comes with it.
    edit(&talks, "메타와 네이버 모두", "두 회사 모두");
    let first = session
        .rebuild_urgent(std::slice::from_ref(&talks))
        .unwrap();
    assert!(first.body_only && first.deferred > 0);
    edit(
        &talks,
        "tags: [투자, 데이터 라벨링, 빅테크]",
        "tags: [투자, 빅테크]",
    );
    let second = session.rebuild(std::slice::from_ref(&talks)).unwrap();
    assert!(!second.body_only);
    assert_eq!(session.pending(), 0);
    assert_same(&session, &options, "body edit, then tags");
    // A stopped `finish` keeps the rest for later.
    edit(&talks, "두 회사 모두", "두 회사가 모두");
    session
        .rebuild_urgent(std::slice::from_ref(&talks))
        .unwrap();
    let before = session.pending();
    let stopped = session.finish(&AtomicBool::new(true)).unwrap();
    assert!(stopped.rendered <= 2, "{stopped:?}");
    assert_eq!(session.pending(), before - stopped.rendered);
    session.finish(&AtomicBool::new(false)).unwrap();
    assert_same(&session, &options, "after a stopped finish");
    // A broken body is reported and the last good pages stay; fixed, all is right.
    edit(&talks, "두 회사가 모두", "[x](javascript:alert(1))");
    assert!(session.rebuild(std::slice::from_ref(&talks)).is_err());
    edit(&talks, "[x](javascript:alert(1))", "두 회사 모두");
    session.rebuild(std::slice::from_ref(&talks)).unwrap();
    assert_same(&session, &options, "fixed after an error");
}

/// A file added to (or removed from) a briefing's folder changes what is
/// copied, though `NAME/index.md` is as it was: the parse cache must not
/// keep the briefing with the assets it had.
#[test]
fn a_briefing_that_comes_due_while_serving_is_published_at_the_next_edit() {
    let (_dir, root) = example_site();
    let options = BuildOptions {
        root: root.clone(),
        base_url: Some("http://127.0.0.1:1111/".into()),
        ..Default::default()
    };
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64;
    let due = jiff::Timestamp::from_second(now + 2).unwrap();
    std::fs::write(
        root.join("content/briefings/2099-01-01-scheduled.md"),
        format!("---\ntitle: \"예약된 브리핑\"\ndate: {due}\nslug: scheduled\nlang: ko\n---\n\n예약된 본문.\n"),
    )
    .unwrap();
    let page = "briefings/scheduled/index.html";
    let (_serve, mut session) = session(&options);
    session.rebuild(&[]).unwrap();
    assert!(
        !files(&session).contains_key(page),
        "published before its time"
    );
    while jiff::Timestamp::now() <= due {
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    // Only a body changes, but the clock has moved past the scheduled time.
    let talks = root.join("content/briefings/2025-06-10-meta-scale-ai-talks.md");
    edit(
        &talks,
        "| 상태 | 협상 중 |",
        "| 상태 | 협상 중 |\n\n끝에 붙인 문단.",
    );
    let stats = session.rebuild(&[talks]).unwrap();
    assert!(!stats.body_only, "{stats:?}");
    assert!(files(&session).contains_key(page), "not published when due");
    assert_same(&session, &options, "a briefing come due");
}

#[test]
fn an_asset_added_to_a_briefing_folder_is_published() {
    let (_dir, root) = example_site();
    let options = BuildOptions {
        root: root.clone(),
        base_url: Some("http://127.0.0.1:1111/".into()),
        ..Default::default()
    };
    let (_serve, mut session) = session(&options);
    session.rebuild(&[]).unwrap();
    let asset = root.join("content/briefings/2025-06-11-naver-twelve-labs/chart.svg");
    std::fs::write(&asset, "<svg xmlns=\"http://www.w3.org/2000/svg\"/>").unwrap();
    session.rebuild(std::slice::from_ref(&asset)).unwrap();
    assert!(files(&session).contains_key("briefings/naver-twelve-labs/chart.svg"));
    assert_same(&session, &options, "an asset added to a briefing's folder");
    std::fs::remove_file(&asset).unwrap();
    session.rebuild(std::slice::from_ref(&asset)).unwrap();
    assert_same(
        &session,
        &options,
        "an asset removed from a briefing's folder",
    );
}

//! `serve`'s incremental rebuilds give exactly the files a full build gives,
//! after every kind of edit to briefings, while rendering fewer pages.

use briefly::incremental::Session;
use briefly::render::Output;
use briefly::{BuildOptions, render_site};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let target = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

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

fn assert_same(session: &Session, options: &BuildOptions, what: &str) {
    let expected = full(options);
    let actual = session.files().unwrap();
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
        .filter(|(k, v)| actual[*k].as_ref() != *v)
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
    let mut session = Session::new(options.clone());
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
    let homes = |session: &Session| -> Vec<Arc<Output>> {
        let files = session.files().unwrap();
        let mut pages: Vec<&String> = files
            .keys()
            .filter(|p| *p == "index.html" || p.starts_with("page/"))
            .collect();
        pages.sort();
        pages.into_iter().map(|p| files[p].clone()).collect()
    };
    for (what, path, from, to) in edits {
        let before = homes(&session);
        edit(path, from, to);
        let stats = session.rebuild(std::slice::from_ref(path)).unwrap();
        assert!(stats.reused > 0, "{what}: nothing reused");
        assert_same(&session, &options, what);
        // Home pages that did not change are the last build's, not rendered again.
        if what == "body text" {
            let after = homes(&session);
            assert!(after.len() > 2);
            let kept = before
                .iter()
                .zip(&after)
                .filter(|(a, b)| Arc::ptr_eq(a, b))
                .count();
            assert!(
                kept * 2 >= after.len(),
                "{kept} of {} home pages kept",
                after.len()
            );
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
    let mut session = Session::new(options.clone());
    session.rebuild(&[]).unwrap();
    let talks = root.join("content/briefings/2025-06-10-meta-scale-ai-talks.en.md");
    edit(&talks, "Meta is negotiating", "Meta is still negotiating");
    let stats = session.rebuild(std::slice::from_ref(&talks)).unwrap();
    assert_eq!(stats.reused, 0);
    assert_same(&session, &options, "translation edit");
    assert!(
        session
            .files()
            .unwrap()
            .contains_key("en/briefings/meta-scale-ai-talks/index.html")
    );
}

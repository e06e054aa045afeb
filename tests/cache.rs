//! The build cache (`.briefly-cache/`): a build that reuses it writes exactly
//! what a build from scratch writes, after every kind of edit; an unchanged
//! site is not built again; a damaged or other-version cache is ignored.

mod common;

use briefly::{BuildOptions, BuildSummary, Failure};
use common::{copy_dir, tree};
use std::path::{Path, PathBuf};
use std::process::Command;

/// The repository's example site in a temporary folder, with a static file
/// and a template of its own.
struct Site {
    dir: tempfile::TempDir,
}

impl Site {
    fn new() -> Site {
        let dir = tempfile::tempdir().unwrap();
        let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
        let root = dir.path().join("site");
        for input in ["content", "data"] {
            copy_dir(&repo.join(input), &root.join(input));
        }
        std::fs::copy(repo.join("site.toml"), root.join("site.toml")).unwrap();
        let site = Site { dir };
        site.write("static/humans.txt", "User-agent: *\n");
        let base =
            std::fs::read_to_string(repo.join("themes/default/templates/base.html")).unwrap();
        site.write("templates/base.html", &base);
        site
    }

    fn root(&self) -> PathBuf {
        self.dir.path().join("site")
    }

    fn write(&self, rel: &str, text: &str) {
        let path = self.root().join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }

    fn edit(&self, rel: &str, change: impl FnOnce(String) -> String) {
        let text = std::fs::read_to_string(self.root().join(rel)).unwrap();
        let changed = change(text.clone());
        assert_ne!(text, changed, "the edit of {rel} changes it");
        self.write(rel, &changed);
    }

    fn cache(&self) -> PathBuf {
        self.root().join(".briefly-cache")
    }

    /// A build into `public/` with the cache.
    fn warm(&self) -> BuildSummary {
        self.build(BuildOptions {
            root: self.root(),
            cache: true,
            ..Default::default()
        })
    }

    /// A build from scratch, without the cache, into a fresh folder.
    fn cold(&self) -> PathBuf {
        let out = self.dir.path().join("cold");
        let _ = std::fs::remove_dir_all(&out);
        let before = self.cache_files();
        self.build(BuildOptions {
            root: self.root(),
            output: Some(out.clone()),
            ..Default::default()
        });
        assert_eq!(
            self.cache_files(),
            before,
            "a build without the cache leaves it be"
        );
        out
    }

    fn cache_files(&self) -> Vec<(PathBuf, common::Entry)> {
        if self.cache().exists() {
            tree(&self.cache())
        } else {
            Vec::new()
        }
    }

    fn build(&self, options: BuildOptions) -> BuildSummary {
        match briefly::build(&options) {
            Ok(summary) => summary,
            Err(Failure::Input(d)) => panic!("build failed:\n{d}"),
            Err(Failure::Environment(e)) => panic!("build failed: {e}"),
        }
    }

    /// The warm output is the cold one, file for file and byte for byte.
    fn assert_warm_is_cold(&self, after: &str) {
        let cold = self.cold();
        let warm = self.root().join("public");
        let relative = |dir: &Path| {
            tree(dir)
                .into_iter()
                .map(|(p, e)| (p.strip_prefix(dir).unwrap().to_path_buf(), e))
                .collect::<Vec<_>>()
        };
        let (warm, cold) = (relative(&warm), relative(&cold));
        let names =
            |t: &[(PathBuf, common::Entry)]| t.iter().map(|(p, _)| p.clone()).collect::<Vec<_>>();
        assert_eq!(names(&warm), names(&cold), "after {after}: the same files");
        for ((path, w), (_, c)) in warm.iter().zip(&cold) {
            assert!(
                w == c,
                "after {after}: {} differs from a cold build's",
                path.display()
            );
        }
    }

    fn run(&self, args: &[&str]) -> (i32, String, String) {
        let out = Command::new(env!("CARGO_BIN_EXE_briefly"))
            .arg("--root")
            .arg(self.root())
            .args(args)
            .current_dir(self.root())
            .output()
            .unwrap();
        (
            out.status.code().unwrap_or(-1),
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    }
}

/// An edit of the site, named for messages.
type Edit = Box<dyn Fn(&Site)>;

const BRIEFING: &str = "content/briefings/2024-06-11-mistral-ai.md";

#[test]
fn an_unchanged_site_is_not_built_again_and_a_damaged_output_is() {
    let site = Site::new();
    let first = site.warm();
    assert!(!first.unchanged);
    assert_eq!(first.bodies_reused, 0, "nothing to reuse the first time");
    let second = site.warm();
    assert!(second.unchanged, "nothing changed");
    assert_eq!(
        (
            second.files,
            second.briefings,
            second.companies,
            second.deals
        ),
        (first.files, first.briefings, first.companies, first.deals)
    );
    assert_eq!(second.left_out, first.left_out);
    assert_eq!(second.warnings, first.warnings);
    assert!(
        second.line(5).ends_with("(unchanged since the last build)"),
        "{}",
        second.line(5)
    );
    site.assert_warm_is_cold("an unchanged site");

    // A page removed, or edited, from the output is written again.
    std::fs::remove_file(site.root().join("public/index.html")).unwrap();
    let rebuilt = site.warm();
    assert!(!rebuilt.unchanged, "a file of the output is gone");
    assert!(
        rebuilt.bodies_reused >= first.briefings,
        "every body is reused"
    );
    site.assert_warm_is_cold("a deleted output file");
    std::fs::write(site.root().join("public/humans.txt"), "User-agent: *\n").unwrap();
    assert!(
        !site.warm().unchanged,
        "an output file rewritten, even with the same bytes"
    );
    std::fs::write(site.root().join("public/stray.html"), "").unwrap();
    assert!(!site.warm().unchanged, "a file added to the output");
    site.assert_warm_is_cold("a file added to the output");

    // Options that shape the pages are part of what must be unchanged.
    let drafts = site.build(BuildOptions {
        root: site.root(),
        cache: true,
        drafts: true,
        ..Default::default()
    });
    assert!(!drafts.unchanged);
    assert!(!site.warm().unchanged, "the last build had other options");
    assert!(site.warm().unchanged);
}

#[test]
fn a_warm_build_equals_a_cold_one_after_every_kind_of_edit() {
    let site = Site::new();
    site.warm();
    let edits: Vec<(&str, Edit)> = vec![
        (
            "a briefing's body",
            Box::new(|s| {
                s.edit(BRIEFING, |t| {
                    t + "\nOne more paragraph, naming Anthropic.\n"
                })
            }),
        ),
        (
            "a briefing's front matter",
            Box::new(|s| s.edit(BRIEFING, |t| t.replacen("title: ", "title: Edited ", 1))),
        ),
        (
            "a company file",
            Box::new(|s| {
                s.edit("content/companies/anthropic.md", |t| {
                    t.replacen("aliases: [", "aliases: [Claude maker, ", 1)
                })
            }),
        ),
        (
            "a template",
            Box::new(|s| s.edit("templates/base.html", |t| t + "<!-- edited -->\n")),
        ),
        (
            "site.toml",
            Box::new(|s| {
                s.edit("site.toml", |t| {
                    t.replacen("paginate_by = 6", "paginate_by = 4", 1)
                })
            }),
        ),
        (
            "a static file",
            Box::new(|s| s.edit("static/humans.txt", |t| t + "Disallow: /drafts/\n")),
        ),
        (
            "data/rates.csv",
            Box::new(|s| s.edit("data/rates.csv", |t| t + "2025-06-12,KRW,0.00071\n")),
        ),
        (
            "a new briefing",
            Box::new(|s| {
                s.write(
                    "content/briefings/2025-06-14-new.md",
                    "---\ntitle: New\ndate: 2025-06-14\n---\nAnthropic again, with code:\n\n```rust\nfn main() {}\n```\n",
                )
            }),
        ),
    ];
    for (what, edit) in edits {
        edit(&site);
        let summary = site.warm();
        assert!(!summary.unchanged, "after {what}: the site changed");
        site.assert_warm_is_cold(what);
        assert!(site.warm().unchanged, "after {what}: built once is enough");
    }
}

#[test]
fn unchanged_bodies_are_not_rendered_again() {
    let site = Site::new();
    site.warm();
    // A build after one of the output's files is removed reuses every body.
    std::fs::remove_file(site.root().join("public/index.html")).unwrap();
    let bodies = site.warm().bodies_reused;
    assert!(bodies > 10, "{bodies}");
    site.edit(BRIEFING, |t| t + "\nA new last line.\n");
    assert_eq!(
        site.warm().bodies_reused,
        bodies - 1,
        "all but the edited body"
    );
    // A change to what links bodies to companies changes every linked body.
    site.edit("content/companies/anthropic.md", |t| {
        t.replacen("aliases: [", "aliases: [Claude maker, ", 1)
    });
    assert!(site.warm().bodies_reused < bodies - 1);
    site.assert_warm_is_cold("a company's new alias");
    // The cache keeps only what the last build used.
    site.edit(BRIEFING, |t| t + "\nAnd another.\n");
    site.warm();
    let pack = std::fs::read(site.cache().join("bodies.pack")).unwrap();
    let count = u64::from_le_bytes(pack[16..24].try_into().unwrap()) as usize;
    assert!(count <= bodies, "{count} entries for {bodies} bodies");
}

#[test]
fn a_scheduled_briefing_is_published_when_its_time_comes() {
    let site = Site::new();
    let soon = jiff::Timestamp::now() + jiff::SignedDuration::from_secs(3);
    site.write(
        "content/briefings/soon.md",
        &format!("---\ntitle: Soon\ndate: {soon}\n---\nNot yet.\n"),
    );
    let first = site.warm();
    assert_eq!(first.left_out.scheduled.len(), 1);
    assert!(site.warm().unchanged, "before its time");
    std::thread::sleep(std::time::Duration::from_millis(3500));
    let after = site.warm();
    assert!(!after.unchanged, "its time came");
    assert_eq!(after.briefings, first.briefings + 1);
    assert!(after.left_out.scheduled.is_empty());
    site.assert_warm_is_cold("a scheduled briefing's time");
}

#[test]
fn a_damaged_cache_is_ignored_with_a_warning() {
    let site = Site::new();
    assert_eq!(site.run(&["build"]).0, 0);
    let bodies = site.cache().join("bodies.pack");
    let last = site.cache().join("last-build.pack");
    let whole = std::fs::read(&bodies).unwrap();
    let mut flipped = whole.clone();
    let middle = flipped.len() / 2;
    flipped[middle] ^= 0x20;
    let damages: Vec<(&str, Vec<u8>)> = vec![
        ("garbage", b"not a cache file at all".to_vec()),
        ("truncated", whole[..whole.len() - 10].to_vec()),
        ("a flipped byte", flipped),
        ("empty", Vec::new()),
    ];
    for (what, bytes) in damages {
        std::fs::write(&bodies, &bytes).unwrap();
        std::fs::write(&last, &bytes).unwrap();
        let (code, stdout, stderr) = site.run(&["build"]);
        assert_eq!(code, 0, "{what}: {stderr}");
        assert!(!stdout.contains("unchanged"), "{what}: {stdout}");
        assert!(
            stderr.contains("warning: the build cache file") && stderr.contains("was ignored: "),
            "{what}: {stderr}"
        );
        site.assert_warm_is_cold(what);
        let (_, stdout, stderr) = site.run(&["build"]);
        assert!(
            stdout.contains("(unchanged since the last build)"),
            "{what}: {stdout}"
        );
        assert!(
            !stderr.contains("warning"),
            "{what}: the cache was written anew: {stderr}"
        );
    }
}

#[test]
fn a_cache_of_another_version_is_not_read_but_replaced() {
    let site = Site::new();
    site.warm();
    let version = site.cache().join("VERSION");
    let ours = std::fs::read_to_string(&version).unwrap();
    assert!(
        ours.contains(&format!("briefly-cache {}", briefly::cache::CACHE_VERSION)),
        "{ours}"
    );
    assert!(ours.contains(env!("CARGO_PKG_VERSION")), "{ours}");
    std::fs::write(
        &version,
        ours.replace("briefly-cache ", "briefly-cache 999"),
    )
    .unwrap();
    std::fs::write(site.cache().join("stray"), "from another version").unwrap();
    let summary = site.warm();
    assert!(!summary.unchanged, "the last build's record is not read");
    assert_eq!(summary.bodies_reused, 0, "nor are its bodies");
    assert_eq!(std::fs::read_to_string(&version).unwrap(), ours);
    assert!(
        !site.cache().join("stray").exists(),
        "the old cache is replaced whole"
    );
    site.assert_warm_is_cold("another version's cache");
    assert!(site.warm().unchanged);
}

#[test]
fn no_cache_writes_none_and_clean_removes_it() {
    let site = Site::new();
    let (code, stdout, stderr) = site.run(&["build", "--no-cache"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.starts_with("built "), "{stdout}");
    assert!(!site.cache().exists(), "--no-cache writes no cache");
    let (_, stdout, _) = site.run(&["clean"]);
    assert!(stdout.starts_with("nothing to remove"), "{stdout}");

    assert_eq!(site.run(&["build"]).0, 0);
    assert!(site.cache().join("bodies.pack").is_file());
    let (_, stdout, _) = site.run(&["build", "--no-cache"]);
    assert!(
        !stdout.contains("unchanged"),
        "--no-cache always builds: {stdout}"
    );
    let (code, stdout, stderr) = site.run(&["clean"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stdout.starts_with("removed ") && stdout.contains(".briefly-cache"),
        "{stdout}"
    );
    assert!(!site.cache().exists());
    assert!(
        site.root().join("public/index.html").is_file(),
        "clean leaves the output"
    );
}

#[test]
fn the_output_may_not_be_the_cache() {
    let site = Site::new();
    assert_eq!(site.run(&["build"]).0, 0);
    for output in [".briefly-cache", ".briefly-cache/public"] {
        let (code, _, stderr) = site.run(&["build", "--output", output]);
        assert_eq!(code, 2, "{output}: {stderr}");
        assert!(
            stderr.contains("the build cache (`.briefly-cache`)"),
            "{stderr}"
        );
    }
    assert!(
        site.cache().join("bodies.pack").is_file(),
        "the cache is left as it was"
    );
}

#[test]
fn init_keeps_the_cache_out_of_git() {
    let dir = tempfile::tempdir().unwrap();
    let new = dir.path().join("new");
    let out = Command::new(env!("CARGO_BIN_EXE_briefly"))
        .arg("init")
        .arg(&new)
        .output()
        .unwrap();
    assert!(out.status.success());
    let ignore = std::fs::read_to_string(new.join(".gitignore")).unwrap();
    assert!(ignore.lines().any(|l| l == "/.briefly-cache/"), "{ignore}");
}

#[test]
fn a_failed_build_leaves_the_cache_as_it_was() {
    let site = Site::new();
    let bad = "content/briefings/bad.md";
    let failing = |site: &Site| {
        let result = briefly::build(&BuildOptions {
            root: site.root(),
            cache: true,
            ..Default::default()
        });
        assert!(matches!(result, Err(Failure::Input(_))));
        let temporaries: Vec<_> = std::fs::read_dir(site.root())
            .unwrap()
            .flatten()
            .filter(|e| e.file_name().to_string_lossy().contains(".tmp-"))
            .collect();
        assert!(temporaries.is_empty(), "{temporaries:?}");
    };
    site.write(bad, "---\ntitle: Bad\n---\nNo date.\n");
    failing(&site);
    assert!(
        !site.cache().exists(),
        "a failed first build makes no cache"
    );
    std::fs::remove_file(site.root().join(bad)).unwrap();
    site.warm();
    let before = site.cache_files();
    site.write(bad, "---\ntitle: Bad\n---\nNo date.\n");
    failing(&site);
    assert!(
        site.cache_files() == before,
        "the cache is as the last good build left it"
    );
    std::fs::remove_file(site.root().join(bad)).unwrap();
    assert!(
        site.warm().unchanged,
        "the output is still the last good build's"
    );
}

/// Two briefings with the same body share one entry of the cache's pack,
/// which the build also reads bodies back from: each page still shows its
/// own briefing with the body, built first and built again from the cache.
#[test]
fn briefings_with_the_same_body_share_the_cache_and_keep_their_pages() {
    let site = Site::new();
    let body = "Anthropic and Naver, twice:\n\n```rust\nfn main() {}\n```\n";
    for (name, title) in [("twin-a", "Twin A"), ("twin-b", "Twin B")] {
        site.write(
            &format!("content/briefings/2025-06-15-{name}.md"),
            &format!("---\ntitle: {title}\ndate: 2025-06-15\nslug: {name}\n---\n{body}"),
        );
    }
    site.warm();
    site.assert_warm_is_cold("the first build with the cache");
    let page = |slug: &str| {
        std::fs::read_to_string(
            site.root()
                .join(format!("public/briefings/{slug}/index.html")),
        )
        .unwrap()
    };
    for (slug, title) in [("twin-a", "Twin A"), ("twin-b", "Twin B")] {
        let html = page(slug);
        assert!(html.contains(title), "{slug}: {html}");
        assert!(html.contains("hl-code"), "{slug}: the body is on the page");
    }
    site.edit("content/briefings/2025-06-15-twin-a.md", |t| {
        t.replace("Twin A", "Twin A, edited")
    });
    let summary = site.warm();
    assert!(summary.bodies_reused > 0, "bodies came from the cache");
    site.assert_warm_is_cold("a build from the cache");
    assert!(page("twin-a").contains("hl-code"));
    assert!(page("twin-b").contains("hl-code"));
}

//! The output guard, the swap and the lock, through the binary: every refusal
//! exits 2 with a message saying why and changes nothing on disk — not the
//! sources, not the previous output, not the folder around the site.

mod common;

use common::{CONFIG, Entry, tree};
use std::path::{Path, PathBuf};
use std::process::Command;

/// A site at `OUTER/site` with one briefing, a static file and a previous
/// output, so that "nothing changed" covers the folder around the site too.
struct Desk {
    outer: tempfile::TempDir,
}

impl Desk {
    fn new(config: &str) -> Desk {
        let desk = Desk {
            outer: tempfile::tempdir().unwrap(),
        };
        desk.write("site/site.toml", config);
        desk.write(
            "site/content/briefings/a.md",
            "---\ntitle: A\ndate: 2025-01-01\n---\nBody.\n",
        );
        desk.write("site/static/robots-extra.txt", "keep me\n");
        desk.write("notes.txt", "an editor's notes\n");
        desk.write("Documents/letter.txt", "a letter\n");
        desk
    }

    fn outer(&self) -> &Path {
        self.outer.path()
    }

    fn site(&self) -> PathBuf {
        self.outer().join("site")
    }

    fn write(&self, rel: &str, text: &str) {
        let path = self.outer().join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }

    /// Runs `briefly --root site ARGS` from `cwd` (relative to the outer folder).
    fn run_in(&self, cwd: &str, args: &[&str]) -> (i32, String) {
        let out = Command::new(env!("CARGO_BIN_EXE_briefly"))
            .current_dir(self.outer().join(cwd))
            .arg("--root")
            .arg(self.site())
            .args(args)
            .output()
            .unwrap();
        (
            out.status.code().unwrap_or(-1),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    }

    fn build(&self, args: &[&str]) {
        let mut all = vec!["build"];
        all.extend_from_slice(args);
        let (code, err) = self.run_in(".", &all);
        assert_eq!(code, 0, "{err}");
    }
}

/// Builds once, then runs `args` from `cwd` and expects a refusal whose
/// message contains `says`, with every file around the site unchanged.
fn refused(desk: &Desk, cwd: &str, args: &[&str], says: &str) {
    desk.build(&[]);
    let before = tree(desk.outer());
    let (code, err) = desk.run_in(cwd, args);
    assert_eq!(code, 2, "{args:?}: {err}");
    assert!(
        err.starts_with("error: refusing to build into `"),
        "{args:?}: {err}"
    );
    assert!(err.contains(says), "{args:?}: expected `{says}` in:\n{err}");
    assert!(
        tree(desk.outer()) == before,
        "{args:?}: something on disk changed after the refusal"
    );
}

#[test]
fn the_content_folder_is_refused_as_an_output() {
    let desk = Desk::new(CONFIG);
    refused(
        &desk,
        "site",
        &["build", "--output", "content"],
        "it is the content folder (`content`)",
    );
    refused(
        &desk,
        ".",
        &["build", "--output", "site/content/briefings"],
        "it lies inside the content folder",
    );
    refused(
        &desk,
        "site/static",
        &["build", "--output", "../content/../content"],
        "it is the content folder",
    );
}

#[test]
fn output_dir_in_site_toml_is_guarded_too() {
    for (dir, says) in [
        ("content", "it is the content folder"),
        ("", "it is the site folder itself"),
        (".", "it is the site folder itself"),
        ("..", "it contains the site folder"),
        ("static", "it is the static folder"),
        ("themes/x", "it lies inside the themes folder"),
    ] {
        let desk = Desk::new(CONFIG);
        desk.build(&[]);
        desk.write(
            "site/site.toml",
            &CONFIG.replacen(
                "\n[money]",
                &format!("\noutput_dir = \"{dir}\"\n[money]"),
                1,
            ),
        );
        let before = tree(desk.outer());
        let (code, err) = desk.run_in(".", &["build"]);
        assert_eq!(code, 2, "output_dir = {dir:?}: {err}");
        assert!(err.contains(says), "output_dir = {dir:?}: {err}");
        assert!(
            tree(desk.outer()) == before,
            "output_dir = {dir:?} changed the disk"
        );
    }
}

#[test]
fn the_site_root_is_refused_however_it_is_named() {
    let desk = Desk::new(CONFIG);
    refused(
        &desk,
        ".",
        &["build", "--output", "site"],
        "it is the site folder itself",
    );
    refused(
        &desk,
        "site",
        &["build", "--output", "."],
        "it is the site folder itself",
    );
    let absolute = desk.site().to_string_lossy().into_owned();
    refused(
        &desk,
        ".",
        &["build", "--output", &absolute],
        "it is the site folder itself",
    );
    refused(
        &desk,
        "site",
        &["build", "--output", ".."],
        "it contains the site folder",
    );
    std::os::unix::fs::symlink(desk.site(), desk.outer().join("link-to-site")).unwrap();
    refused(
        &desk,
        ".",
        &["build", "--output", "link-to-site"],
        "it is the site folder itself",
    );
}

#[test]
fn inputs_are_refused() {
    let desk = Desk::new(CONFIG);
    refused(
        &desk,
        "site",
        &["build", "--output", "static"],
        "it is the static folder",
    );
    refused(
        &desk,
        "site",
        &["build", "--output", "site.toml"],
        "it is the site configuration (`site.toml`)",
    );
    refused(
        &desk,
        "site",
        &["build", "--output", "templates"],
        "it is the templates folder",
    );
    refused(
        &desk,
        "site",
        &["build", "--output", "data/out"],
        "it lies inside the data folder",
    );
    std::os::unix::fs::symlink("site/content", desk.outer().join("sneaky")).unwrap();
    refused(
        &desk,
        ".",
        &["build", "--output", "sneaky"],
        "it is the content folder",
    );
}

#[test]
fn a_file_is_never_replaced_even_with_force() {
    let desk = Desk::new(CONFIG);
    refused(
        &desk,
        ".",
        &["build", "--output", "notes.txt"],
        "it is a file",
    );
    refused(
        &desk,
        ".",
        &["build", "--force", "--output", "notes.txt"],
        "it is a file",
    );
    refused(
        &desk,
        "site",
        &["build", "--force", "--output", "content"],
        "it is the content folder",
    );
}

#[test]
fn a_folder_briefly_did_not_make_needs_force() {
    let desk = Desk::new(CONFIG);
    refused(
        &desk,
        ".",
        &["build", "--output", "Documents"],
        "it is a folder with 1 entry that briefly did not make",
    );
    let (code, err) = desk.run_in(".", &["build", "--force", "--output", "Documents"]);
    assert_eq!(code, 0, "{err}");
    let documents = desk.outer().join("Documents");
    assert!(documents.join("index.html").is_file());
    assert!(documents.join(".briefly-output").is_file());
    assert!(!documents.join("letter.txt").exists());
    // Now it is briefly's own: no --force needed again.
    let (code, err) = desk.run_in(".", &["build", "--output", "Documents"]);
    assert_eq!(code, 0, "{err}");
}

#[test]
fn an_empty_folder_or_a_new_path_is_built_into_and_the_marker_is_written() {
    let desk = Desk::new(CONFIG);
    std::fs::create_dir_all(desk.outer().join("empty")).unwrap();
    for out in ["empty", "fresh/nested/out"] {
        let (code, err) = desk.run_in(".", &["build", "--output", out]);
        assert_eq!(code, 0, "{out}: {err}");
        let marker = std::fs::read_to_string(desk.outer().join(out).join(".briefly-output"));
        assert!(marker.unwrap().contains("briefly"), "{out}");
    }
    // `--output .` from an empty folder outside the site: built in place,
    // nothing left beside it.
    std::fs::create_dir_all(desk.outer().join("here")).unwrap();
    let (code, err) = desk.run_in("here", &["build", "--output", "."]);
    assert_eq!(code, 0, "{err}");
    assert!(desk.outer().join("here/index.html").is_file());
    let beside: Vec<String> = std::fs::read_dir(desk.outer())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with('.'))
        .collect();
    assert!(beside.is_empty(), "left beside the output: {beside:?}");
}

/// Runs a build that a debug-only fault hook kills at `point`, as a kill would.
fn killed_at(desk: &Desk, point: &str) {
    let out = Command::new(env!("CARGO_BIN_EXE_briefly"))
        .arg("--root")
        .arg(desk.site())
        .arg("build")
        .env("BRIEFLY_FAULT", point)
        .output()
        .unwrap();
    assert!(
        !out.status.success(),
        "the fault must kill the build at {point}"
    );
}

/// Only the file names and contents under the output, the marker included.
fn site_files(dir: &Path) -> Vec<(PathBuf, Entry)> {
    tree(dir)
        .into_iter()
        .map(|(p, e)| (p.strip_prefix(dir).unwrap().to_path_buf(), e))
        .collect()
}

fn leftovers(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".public."))
        .collect()
}

#[test]
fn a_build_killed_before_the_swap_leaves_the_old_output_in_place() {
    let desk = Desk::new(CONFIG);
    desk.build(&[]);
    let public = desk.site().join("public");
    let old = site_files(&public);
    desk.write(
        "site/content/briefings/b.md",
        "---\ntitle: B\ndate: 2025-01-02\n---\nNew.\n",
    );
    killed_at(&desk, "before-swap");
    assert!(site_files(&public) == old, "the old output is in place");
    assert!(
        !leftovers(&desk.site()).is_empty(),
        "the killed build's staging folder"
    );
    desk.build(&[]);
    assert!(public.join("briefings/b/index.html").is_file());
    assert_eq!(leftovers(&desk.site()), Vec::<String>::new());
}

#[test]
fn a_build_killed_between_the_two_renames_is_put_right_by_the_next_one() {
    // The portable swap renames the old output away, then the new one in; a
    // kill between the two leaves the old output under another name. The
    // next run of briefly, even one that fails on bad input, puts it back.
    let desk = Desk::new(CONFIG);
    desk.build(&[]);
    let public = desk.site().join("public");
    let old = site_files(&public);
    desk.write(
        "site/content/briefings/b.md",
        "---\ntitle: B\ndate: 2025-01-02\n---\nNew.\n",
    );
    killed_at(&desk, "between-renames");
    assert!(!public.exists(), "killed between the renames");
    desk.write(
        "site/content/briefings/bad.md",
        "---\ntitle: Bad\n---\nNo date.\n",
    );
    let (code, err) = desk.run_in(".", &["build"]);
    assert_eq!(code, 1, "{err}");
    assert!(
        site_files(&public) == old,
        "the old output is back in place"
    );
    assert_eq!(leftovers(&desk.site()), Vec::<String>::new());
}

#[test]
fn a_build_killed_after_the_exchange_leaves_the_new_output_whole() {
    let desk = Desk::new(CONFIG);
    desk.build(&[]);
    desk.write(
        "site/content/briefings/b.md",
        "---\ntitle: B\ndate: 2025-01-02\n---\nNew.\n",
    );
    killed_at(&desk, "after-swap");
    let public = desk.site().join("public");
    assert!(
        public.join("briefings/b/index.html").is_file(),
        "the new site is in place"
    );
    assert!(public.join(".briefly-output").is_file());
    desk.build(&[]);
    assert_eq!(leftovers(&desk.site()), Vec::<String>::new());
}

#[test]
fn a_rebuild_removes_the_old_output_whole() {
    // The swapped-out output is removed entry by entry in parallel: its
    // folders, its top-level files and the folder itself all go.
    let desk = Desk::new(CONFIG);
    desk.write(
        "site/content/briefings/b.md",
        "---\ntitle: B\ndate: 2025-01-02\n---\nGone soon.\n",
    );
    desk.build(&[]);
    let public = desk.site().join("public");
    assert!(public.join("briefings/b/index.html").is_file());
    std::fs::remove_file(desk.site().join("content/briefings/b.md")).unwrap();
    desk.build(&[]);
    assert!(!public.join("briefings/b").exists(), "the old page is gone");
    assert!(public.join("index.html").is_file());
    assert_eq!(leftovers(&desk.site()), Vec::<String>::new());
    for (path, _) in site_files(&public) {
        assert!(!path.starts_with("briefings/b"), "{}", path.display());
    }
}

#[test]
fn two_builds_into_one_output_at_once_never_mix() {
    let desk = Desk::new(CONFIG);
    for n in 0..30 {
        desk.write(
            &format!("site/content/briefings/b{n}.md"),
            &format!(
                "---\ntitle: B{n}\ndate: 2025-01-{:02}\ntags: [t{n}]\n---\nBody {n}.\n",
                n % 28 + 1
            ),
        );
    }
    desk.build(&[]);
    let public = desk.site().join("public");
    let expected = site_files(&public);
    for _round in 0..3 {
        let spawn = || {
            Command::new(env!("CARGO_BIN_EXE_briefly"))
                .arg("--root")
                .arg(desk.site())
                .arg("build")
                .stdout(std::process::Stdio::null())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        };
        let (a, b) = (spawn(), spawn());
        for child in [a, b] {
            let out = child.wait_with_output().unwrap();
            assert!(
                out.status.success(),
                "{}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
        assert!(
            site_files(&public) == expected,
            "a complete site, as one build makes it"
        );
        let beside: Vec<String> = std::fs::read_dir(desk.site())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            // The build cache stays; its temporary files do not.
            .filter(|n| n.starts_with('.') && n != ".briefly-cache")
            .collect();
        assert!(
            beside.is_empty(),
            "no staging folder, lock or temporary cache file left: {beside:?}"
        );
    }
}

#[test]
fn a_link_after_a_missing_folder_and_dot_dot_is_still_followed() {
    // `missing/../clink` is `clink` for the guard as for the file system.
    let desk = Desk::new(CONFIG);
    std::os::unix::fs::symlink("content", desk.site().join("clink")).unwrap();
    refused(
        &desk,
        "site",
        &["build", "--output", "missing/../clink/out"],
        "it lies inside the content folder",
    );
    std::os::unix::fs::symlink(desk.site(), desk.outer().join("rootlink")).unwrap();
    refused(
        &desk,
        "site",
        &[
            "build",
            "--force",
            "--output",
            "nope/../../rootlink/content",
        ],
        "it is the content folder",
    );
    refused(
        &desk,
        "site",
        &["build", "--force", "--output", "nope/../../rootlink"],
        "it is the site folder itself",
    );
}

#[test]
fn a_failed_build_leaves_no_folder_it_created_for_the_output() {
    let desk = Desk::new(CONFIG);
    desk.write(
        "site/content/briefings/bad.md",
        "---\ntitle: Bad\n---\nNo date.\n",
    );
    let before = tree(desk.outer());
    let (code, err) = desk.run_in(".", &["build", "--output", "new/nested/out"]);
    assert_eq!(code, 1, "{err}");
    assert!(tree(desk.outer()) == before, "new/nested/ was left behind");
}

#[test]
fn a_link_from_the_inputs_into_the_output_is_refused() {
    // Followed, `static/prev -> ../public` would copy each build into the next.
    let desk = Desk::new(CONFIG);
    desk.build(&[]);
    std::os::unix::fs::symlink("../public", desk.site().join("static/prev")).unwrap();
    let before = tree(desk.outer());
    let (code, err) = desk.run_in(".", &["build"]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("error: static/prev/"), "{err}");
    assert!(err.contains("lies inside the output folder"), "{err}");
    assert!(tree(desk.outer()) == before, "nothing changed");
}

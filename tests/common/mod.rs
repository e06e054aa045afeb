//! Fixture sites written into a temporary folder, built through the library or the binary.
#![allow(dead_code)]

pub mod serve_process;

use std::path::{Path, PathBuf};
use std::process::Command;

pub const CONFIG: &str = r#"title = "Test Briefings"
base_url = "https://example.com/"
language = "ko"
timezone = "Asia/Seoul"

[money]
display_currency = "USD"
[money.rates]
KRW = 0.00073
EUR = 1.08
"#;

pub struct Fixture {
    pub dir: tempfile::TempDir,
}

impl Fixture {
    /// A site with `site.toml` = `config` and nothing else.
    pub fn new(config: &str) -> Fixture {
        let f = Fixture {
            dir: tempfile::tempdir().unwrap(),
        };
        f.write("site.toml", config);
        f
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    pub fn write(&self, rel: &str, text: &str) -> &Self {
        self.write_bytes(rel, text.as_bytes())
    }

    pub fn write_bytes(&self, rel: &str, bytes: &[u8]) -> &Self {
        let path = self.root().join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, bytes).unwrap();
        self
    }

    pub fn briefing(&self, name: &str, front_matter: &str, body: &str) -> &Self {
        self.write(
            &format!("content/briefings/{name}"),
            &format!("---\n{front_matter}---\n{body}"),
        )
    }

    pub fn company(&self, id: &str, front_matter: &str) -> &Self {
        self.write(
            &format!("content/companies/{id}.md"),
            &format!("---\n{front_matter}---\n"),
        )
    }

    pub fn options(&self) -> briefly::BuildOptions {
        briefly::BuildOptions {
            root: self.root().to_path_buf(),
            ..Default::default()
        }
    }

    /// Builds with the library; panics with the diagnostics on failure.
    pub fn build(&self) -> PathBuf {
        self.build_with(self.options())
    }

    pub fn build_with(&self, options: briefly::BuildOptions) -> PathBuf {
        match briefly::build(&options) {
            Ok(summary) => summary.output,
            Err(briefly::Failure::Input(d)) => panic!("build failed:\n{d}"),
            Err(briefly::Failure::Environment(e)) => panic!("build failed: {e}"),
        }
    }

    /// The diagnostics of a build that must fail.
    pub fn build_errors(&self) -> String {
        match briefly::build(&self.options()) {
            Ok(_) => panic!("the build should have failed"),
            Err(briefly::Failure::Input(d)) => d.to_string(),
            Err(briefly::Failure::Environment(e)) => {
                panic!("environment error instead of input error: {e}")
            }
        }
    }

    /// Runs the binary; returns (exit code, stdout, stderr).
    pub fn run(&self, args: &[&str]) -> (i32, String, String) {
        let out = Command::new(env!("CARGO_BIN_EXE_briefly"))
            .arg("--root")
            .arg(self.root())
            .args(args)
            .output()
            .unwrap();
        (
            out.status.code().unwrap_or(-1),
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    }

    pub fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.root().join("public").join(rel))
            .unwrap_or_else(|e| panic!("public/{rel}: {e}"))
    }

    /// A file of the site itself (not of its output).
    pub fn read_root(&self, rel: &str) -> String {
        std::fs::read_to_string(self.root().join(rel)).unwrap()
    }

    pub fn exists(&self, rel: &str) -> bool {
        self.root().join("public").join(rel).exists()
    }

    pub fn json(&self, rel: &str) -> serde_json::Value {
        serde_json::from_str(&self.read(rel)).unwrap()
    }
}

/// Every file under `dir` with its bytes, for "nothing changed" comparisons.
pub fn snapshot(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut files: Vec<_> = walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| (e.path().to_path_buf(), std::fs::read(e.path()).unwrap()))
        .collect();
    files.sort();
    files
}

/// One entry of a whole-tree snapshot: a file's bytes, a folder, or where a
/// symbolic link points (links are recorded, not followed).
#[derive(Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Entry {
    File(Vec<u8>),
    Dir,
    Link(PathBuf),
}

/// Every entry under `dir`, the folder itself included, for "nothing on disk
/// changed" comparisons that cover sources, the previous output and any stray
/// staging folder or renamed file beside them.
pub fn tree(dir: &Path) -> Vec<(PathBuf, Entry)> {
    let mut entries: Vec<_> = walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .map(|e| {
            let kind = if e.path_is_symlink() {
                Entry::Link(std::fs::read_link(e.path()).unwrap())
            } else if e.file_type().is_dir() {
                Entry::Dir
            } else {
                Entry::File(std::fs::read(e.path()).unwrap())
            };
            (e.path().to_path_buf(), kind)
        })
        .collect();
    entries.sort();
    entries
}

/// Copies the folder `from` (files and folders, links followed) to `to`.
pub fn copy_dir(from: &Path, to: &Path) {
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

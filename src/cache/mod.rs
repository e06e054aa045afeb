//! The build cache: `.briefly-cache/` beside site.toml. It holds what a build
//! can reuse from the last one — rendered briefing bodies (`bodies`) and the
//! record of the last build (`last_build`) that lets an unchanged site skip
//! its build — and nothing a build cannot do without: a missing, damaged or
//! other-version cache only makes the build slower, never different.

pub mod bodies;
pub(crate) mod codec;
pub mod hash;
pub mod inputs;
pub mod last_build;
pub mod manifest;
pub(crate) mod pack;

use std::io;
use std::path::{Path, PathBuf};

/// The cache folder, relative to the site root.
pub const CACHE_DIR: &str = ".briefly-cache";

/// The version of the cache's format. Bump it whenever what is cached, or how
/// it is encoded, changes: a cache of another version is never read.
pub const CACHE_VERSION: u32 = 1;

/// The file naming the version that wrote the cache.
const VERSION_FILE: &str = "VERSION";

/// What a cache must have been written by to be read: this format, this
/// release of briefly, and this very executable (its size and time), so that
/// a rebuilt briefly whose rendering changed never reads an older cache.
pub fn version_tag() -> String {
    let executable = std::env::current_exe()
        .and_then(std::fs::metadata)
        .map(|m| {
            let time = m
                .modified()
                .ok()
                .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
                .map_or(0, |d| d.as_nanos());
            format!("{} {time}", m.len())
        })
        .unwrap_or_default();
    format!(
        "briefly-cache {CACHE_VERSION}\nbriefly {}\nexecutable {executable}\n",
        env!("CARGO_PKG_VERSION")
    )
}

/// Prints why a cache file was not used; the build goes on without it.
pub fn warn(what: &Path, why: &str) {
    eprintln!(
        "warning: the build cache file {} was ignored: {why}; building without it",
        what.display()
    );
}

/// A site's cache folder, opened for one build.
pub struct Cache {
    pub dir: PathBuf,
    /// The version tag this build reads and writes.
    tag: String,
    /// Whether the folder was written under `tag`: only then is it read.
    readable: bool,
}

impl Cache {
    pub fn open(root: &Path) -> Cache {
        let dir = root.join(CACHE_DIR);
        let tag = version_tag();
        // Only a file is read (a pipe in its place would block the build).
        let version = dir.join(VERSION_FILE);
        let readable = std::fs::metadata(&version).is_ok_and(|m| m.is_file())
            && std::fs::read_to_string(&version).is_ok_and(|t| t == tag);
        Cache { dir, tag, readable }
    }

    /// The version as the header of each cache file carries it.
    pub fn version(&self) -> u64 {
        hash::StableHasher::new("version").str(&self.tag).finish() as u64
    }

    /// `name` in the cache, if the cache may be read.
    pub fn readable(&self, name: &str) -> Option<PathBuf> {
        self.readable.then(|| self.dir.join(name))
    }

    /// Where a build writes the cache file `name` until it succeeds: beside
    /// the cache folder, not in it, so a failed build changes nothing there.
    /// The name is this build's alone (the process ID, then the time and a
    /// count): two builds can share a process ID (each the first process of
    /// its own container, over one mounted site), and a build reads its
    /// bodies back from this file while it writes it. It is created new, never
    /// opened over another's (`PackWriter::create`).
    pub fn temporary(&self, name: &str) -> PathBuf {
        static COUNT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
        let count = COUNT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos());
        self.dir.with_file_name(format!(
            "{CACHE_DIR}.{name}.tmp-{}-{nanos:x}{count:x}",
            std::process::id()
        ))
    }

    /// Puts a cache file written by a build that succeeded in its place: a
    /// cache of another version is emptied first (so none of it outlives
    /// the version that wrote it).
    pub fn commit(&mut self, name: &str, file: pack::Temporary) -> io::Result<()> {
        if !self.readable {
            match std::fs::remove_dir_all(&self.dir) {
                Err(e) if e.kind() != io::ErrorKind::NotFound => return Err(e),
                _ => {}
            }
            std::fs::create_dir_all(&self.dir)?;
            std::fs::write(self.dir.join("CACHEDIR.TAG"), CACHEDIR_TAG)?;
            std::fs::write(self.dir.join(VERSION_FILE), &self.tag)?;
            self.readable = true;
        }
        if let Some(root) = self.dir.parent() {
            remove_stale_temporaries(root);
        }
        file.put(&self.dir.join(name))
    }
}

/// Marks the folder as a cache for backup tools (the Cache Directory Tagging convention).
const CACHEDIR_TAG: &str = "Signature: 8a477f597d28d172789f06886806bc55\n\
# This file is a cache tag created by briefly: the folder holds its build cache.\n";

/// Removes the temporary cache files of builds killed before they finished.
fn remove_stale_temporaries(root: &Path) {
    let Ok(entries) = std::fs::read_dir(root) else {
        return;
    };
    let prefix = format!("{CACHE_DIR}.");
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(pid) = name
            .to_str()
            .filter(|n| n.starts_with(&prefix))
            .and_then(|n| n.rsplit_once(".tmp-"))
            .and_then(|(_, rest)| rest.split('-').next()?.parse::<i32>().ok())
        else {
            continue;
        };
        // SAFETY: signal 0 only asks whether the process exists; one of
        // another user's is refused (EPERM) but alive. A file of a live build
        // in another process namespace may still be taken for a dead one's:
        // that build then loses its cache (its rename fails), not its pages,
        // which it reads through the file it holds open.
        let alive = pid == std::process::id() as i32
            || unsafe { libc::kill(pid, 0) } == 0
            || io::Error::last_os_error().raw_os_error() == Some(libc::EPERM);
        if !alive {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// Removes the cache folder of the site at `root`: what it removed (the
/// folder and its size in bytes), or `None` when there was none.
pub fn clean(root: &Path) -> io::Result<Option<(PathBuf, u64)>> {
    // And what builds killed before they finished left beside it.
    remove_stale_temporaries(root);
    let dir = root.join(CACHE_DIR);
    if std::fs::symlink_metadata(&dir).is_err() {
        return Ok(None);
    }
    let size = walkdir::WalkDir::new(&dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter_map(|e| e.metadata().ok())
        .filter(|m| m.is_file())
        .map(|m| m.len())
        .sum();
    if std::fs::symlink_metadata(&dir)?.is_dir() {
        std::fs::remove_dir_all(&dir)?;
    } else {
        std::fs::remove_file(&dir)?;
    }
    Ok(Some((dir, size)))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A killed build's temporary files go at the next commit; a live
    /// build's (here, this process's) and other files stay.
    #[test]
    fn the_temporaries_of_dead_builds_are_removed() {
        let root = tempfile::tempdir().unwrap();
        let cache = Cache::open(root.path());
        let ours = cache.temporary("bodies.pack");
        let dead = root
            .path()
            .join(format!("{CACHE_DIR}.bodies.pack.tmp-{}-1f", i32::MAX));
        let older = root
            .path()
            .join(format!("{CACHE_DIR}.last-build.pack.tmp-{}", i32::MAX));
        let other = root.path().join("notes.tmp-1");
        for file in [&ours, &dead, &older, &other] {
            std::fs::write(file, "x").unwrap();
        }
        assert_ne!(ours, cache.temporary("bodies.pack"), "each name is new");
        remove_stale_temporaries(root.path());
        assert!(ours.exists() && other.exists());
        assert!(!dead.exists() && !older.exists());
    }
}

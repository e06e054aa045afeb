//! The fingerprint of everything a build reads from the site folder: every
//! file's path and bytes under site.toml, content/, static/, templates/,
//! themes/ and data/ (links followed, hidden files included: more than a
//! build reads, never less). Contents, not times: a checkout that rewrites
//! files with the same bytes leaves the fingerprint as it was. Pipes,
//! sockets and devices, which the build skips, count by their names alone.

use super::hash::{Key, StableHasher};
use rayon::prelude::*;
use std::path::{Path, PathBuf};

/// What a build reads, relative to the site root (the output guard's inputs).
const INPUTS: [&str; 6] = [
    "site.toml",
    "content",
    "static",
    "templates",
    "themes",
    "data",
];

/// The fingerprint of the site's inputs, or `None` when one cannot be read
/// (then nothing can be said to be unchanged).
pub fn fingerprint(root: &Path) -> Option<Key> {
    let mut h = StableHasher::new("inputs");
    let mut files: Vec<(Vec<u8>, PathBuf)> = Vec::new();
    for input in INPUTS {
        let top = root.join(input);
        if std::fs::symlink_metadata(&top).is_err() {
            h.str(input).str("absent");
            continue;
        }
        for entry in walkdir::WalkDir::new(&top)
            .follow_links(true)
            .sort_by_file_name()
        {
            let entry = entry.ok()?;
            let rel = entry.path().strip_prefix(root).ok()?;
            // As bytes: a name that is not UTF-8 (which the build refuses,
            // or never reads in a theme it does not use) is still a name.
            let rel = rel.as_os_str().as_encoded_bytes().to_vec();
            let kind = entry.file_type();
            if kind.is_dir() {
                h.bytes(&rel).str("folder");
            } else if kind.is_file() {
                h.bytes(&rel).str("file");
                files.push((rel, entry.into_path()));
            } else {
                // A pipe, socket or device (a link's target's kind): the
                // build reads none, and reading one may never end (a pipe
                // with no writer, /dev/zero), so it counts by name alone.
                h.bytes(&rel).str("special");
            }
        }
    }
    // The files' bytes, read in parallel, hashed in walk order.
    let contents: Option<Vec<Key>> = files
        .par_iter()
        .map(|(rel, path)| {
            let bytes = std::fs::read(path).ok()?;
            Some(StableHasher::new("file").bytes(rel).bytes(&bytes).finish())
        })
        .collect();
    for key in contents? {
        h.key(key);
    }
    Some(h.finish())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contents_count_and_times_do_not() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::write(root.join("site.toml"), "title = \"t\"\n").unwrap();
        std::fs::create_dir_all(root.join("content/briefings")).unwrap();
        std::fs::write(root.join("content/briefings/a.md"), "a").unwrap();
        std::fs::write(root.join("notes.txt"), "not an input").unwrap();
        let first = fingerprint(root).unwrap();
        std::fs::write(root.join("content/briefings/a.md"), "a").unwrap();
        std::fs::write(root.join("notes.txt"), "still not an input").unwrap();
        assert_eq!(fingerprint(root), Some(first), "same bytes, new time");
        std::fs::write(root.join("content/briefings/a.md"), "b").unwrap();
        assert_ne!(fingerprint(root), Some(first));
        std::fs::write(root.join("content/briefings/a.md"), "a").unwrap();
        std::fs::create_dir_all(root.join("static")).unwrap();
        assert_ne!(fingerprint(root), Some(first), "a new empty folder");
    }

    /// A named pipe (or a link to a device) is not read: reading it would
    /// wait for a writer (or never end), and the build reads neither.
    #[cfg(unix)]
    #[test]
    fn pipes_and_devices_are_not_read() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().to_path_buf();
        std::fs::write(root.join("site.toml"), "title = \"t\"\n").unwrap();
        std::fs::create_dir_all(root.join("static")).unwrap();
        let pipe = std::ffi::CString::new(root.join("static/pipe").to_str().unwrap()).unwrap();
        // SAFETY: a valid C string; mkfifo only creates the file.
        assert_eq!(unsafe { libc::mkfifo(pipe.as_ptr(), 0o644) }, 0);
        std::os::unix::fs::symlink("/dev/zero", root.join("static/zero")).unwrap();
        let (send, receive) = std::sync::mpsc::channel();
        std::thread::spawn(move || send.send(fingerprint(&root)));
        let key = receive
            .recv_timeout(std::time::Duration::from_secs(10))
            .expect("the fingerprint of a site with a pipe in static/ is taken at once");
        assert!(key.is_some());
    }

    /// A name that is not UTF-8 where the build never looks (a theme the
    /// site does not use) leaves the site's fingerprint to be taken.
    #[cfg(unix)]
    #[test]
    fn a_name_that_is_not_utf8_is_still_fingerprinted() {
        use std::os::unix::ffi::OsStrExt;
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::write(root.join("site.toml"), "title = \"t\"\n").unwrap();
        let theme = root.join("themes/unused");
        std::fs::create_dir_all(&theme).unwrap();
        let name = theme.join(std::ffi::OsStr::from_bytes(b"caf\xe9.txt"));
        std::fs::write(&name, "a").unwrap();
        let first = fingerprint(root).expect("a fingerprint");
        std::fs::write(&name, "b").unwrap();
        assert_ne!(fingerprint(root), Some(first));
    }
}

//! The fingerprint of an output folder as the file system describes it: each
//! entry's path, kind, size, times and inode, read by `lstat` and never by
//! reading a file. A file rewritten, touched, added or removed changes it;
//! a folder renamed whole (the build's swap) does not.

use super::hash::{Key, StableHasher};
use std::path::Path;

/// The fingerprint of everything below `dir`, or `None` when it cannot be read.
pub fn fingerprint(dir: &Path) -> Option<Key> {
    let mut h = StableHasher::new("output");
    for entry in walkdir::WalkDir::new(dir)
        .min_depth(1)
        .follow_links(false)
        .sort_by_file_name()
    {
        let entry = entry.ok()?;
        let rel = entry.path().strip_prefix(dir).ok()?;
        h.bytes(rel.as_os_str().as_encoded_bytes());
        let meta = entry.metadata().ok()?;
        stat(&mut h, &meta);
    }
    Some(h.finish())
}

#[cfg(unix)]
fn stat(h: &mut StableHasher, meta: &std::fs::Metadata) {
    use std::os::unix::fs::MetadataExt;
    // The change time too: unlike the modification time, no one can set it back.
    h.u64(meta.mode() as u64)
        .u64(meta.size())
        .u64(meta.ino())
        .u64(meta.dev())
        .i64(meta.mtime())
        .i64(meta.mtime_nsec())
        .i64(meta.ctime())
        .i64(meta.ctime_nsec());
}

#[cfg(not(unix))]
fn stat(h: &mut StableHasher, meta: &std::fs::Metadata) {
    let nanos = |t: std::io::Result<std::time::SystemTime>| {
        t.ok()
            .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
            .map_or(0, |d| d.as_nanos() as u64)
    };
    h.bool(meta.is_dir())
        .u64(meta.len())
        .u64(nanos(meta.modified()));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn any_change_below_shows() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        std::fs::create_dir_all(out.join("a")).unwrap();
        std::fs::write(out.join("a/index.html"), "x").unwrap();
        let first = fingerprint(&out).unwrap();
        assert_eq!(fingerprint(&out), Some(first));
        let moved = dir.path().join("moved");
        std::fs::rename(&out, &moved).unwrap();
        assert_eq!(fingerprint(&moved), Some(first), "the folder renamed whole");
        std::fs::write(moved.join("a/index.html"), "y").unwrap();
        assert_ne!(fingerprint(&moved), Some(first));
        let second = fingerprint(&moved).unwrap();
        std::fs::write(moved.join("extra.html"), "").unwrap();
        assert_ne!(fingerprint(&moved), Some(second));
    }
}

//! The write stage: the new site goes into a temporary folder beside the output
//! and is swapped in only when every file is written, so a failed build never
//! leaves a half-written site, and a reader of the output never finds it
//! missing. One build at a time per output, by a lock file beside it.

use crate::output_guard::{MARKER, MARKER_TEXT};
use crate::render::Output;
use std::collections::HashSet;
use std::ffi::{OsStr, OsString};
use std::fs;
use std::io;
use std::path::{Component, Path, PathBuf};
use std::sync::Mutex;

/// A relative output path that stays inside the output folder.
fn is_safe(path: &str) -> bool {
    !path.is_empty()
        && Path::new(path)
            .components()
            .all(|c| matches!(c, Component::Normal(_)))
}

/// `.NAME.SUFFIX` beside the output, built from the name's own bytes (two
/// outputs whose names differ only in bytes that are not UTF-8 stay apart).
fn sibling_named(output: &Path, suffix: &str) -> PathBuf {
    let mut name = OsString::from(".");
    name.push(output.file_name().unwrap_or(OsStr::new("public")));
    name.push(".");
    name.push(suffix);
    output.with_file_name(name)
}

fn sibling(output: &Path, tag: &str) -> PathBuf {
    sibling_named(output, &format!("{tag}-{}", std::process::id()))
}

/// What a folder beside `output` named `name` is to this output: `Some(true)`
/// for `.NAME.old-PID`, `Some(false)` for `.NAME.building-PID`, `None` for
/// anything else (another output's, or a user's).
fn leftover_kind(output: &Path, name: &OsStr) -> Option<bool> {
    let mut prefix = OsString::from(".");
    prefix.push(output.file_name()?);
    prefix.push(".");
    let rest = name
        .as_encoded_bytes()
        .strip_prefix(prefix.as_encoded_bytes())?;
    let (tag, pid) = std::str::from_utf8(rest).ok()?.split_once('-')?;
    if pid.is_empty() || !pid.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    match tag {
        "old" => Some(true),
        "building" => Some(false),
        _ => None,
    }
}

/// Whether a leftover folder is briefly's: it carries the marker (or is a
/// staging folder killed before the marker was written: empty).
fn is_ours(dir: &Path) -> bool {
    dir.join(MARKER).is_file() || fs::read_dir(dir).is_ok_and(|mut d| d.next().is_none())
}

/// A build in progress: the staging folder it writes into and the lock that
/// keeps every other build out of this output until it is swapped in.
#[derive(Debug)]
pub struct Staging {
    pub path: PathBuf,
    output: PathBuf,
    lock: OutputLock,
    /// The first folder above the output this build created, if any: a
    /// failed build removes what it created.
    created: Option<PathBuf>,
    /// The folders made in the staging folder so far (see `Staging::write`).
    made: Mutex<HashSet<PathBuf>>,
}

/// Starts a build into `output` (already resolved and accepted by the output
/// guard): takes the output's lock, puts back an output a killed build left
/// renamed away, removes staging folders no build owns any more, and makes
/// an empty staging folder holding briefly's marker.
pub fn begin(output: &Path) -> io::Result<Staging> {
    let mut created = None;
    if let Some(parent) = output.parent().filter(|p| !p.as_os_str().is_empty()) {
        created = parent
            .ancestors()
            .take_while(|a| !a.as_os_str().is_empty() && !a.exists())
            .last()
            .map(Path::to_path_buf);
        fs::create_dir_all(parent)?;
    }
    let lock = match OutputLock::acquire(output) {
        Ok(lock) => lock,
        Err(e) => {
            remove_created(output, created.as_deref());
            return Err(e);
        }
    };
    recover(output)?;
    let staging = sibling(output, "building");
    if staging.exists() {
        fs::remove_dir_all(&staging)?;
    }
    fs::create_dir_all(&staging)?;
    fs::write(staging.join(MARKER), MARKER_TEXT)?;
    Ok(Staging {
        path: staging,
        output: output.to_path_buf(),
        lock,
        created,
        made: Mutex::default(),
    })
}

/// Writes one file of the site into the staging folder, and returns what
/// the file system says of it once written (the output's fingerprint is
/// made of these, without walking the folder again).
pub fn write_file(staging: &Path, rel: &str, out: &Output) -> io::Result<fs::Metadata> {
    let dest = destination(staging, rel)?;
    if let Some(dir) = dest.parent() {
        fs::create_dir_all(dir)?;
    }
    write_to(&dest, out)
}

/// `rel` under `staging`, refused if it would land outside.
fn destination(staging: &Path, rel: &str) -> io::Result<PathBuf> {
    if !is_safe(rel) {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            format!("refusing to write `{rel}`: it would land outside the output folder"),
        ));
    }
    Ok(staging.join(rel))
}

fn write_to(dest: &Path, out: &Output) -> io::Result<fs::Metadata> {
    let file = match out {
        Output::Bytes(bytes) => {
            let mut file = fs::File::create(dest)?;
            io::Write::write_all(&mut file, bytes)?;
            file
        }
        // A new file with default permissions, not the source's mode (a
        // published file must be readable whatever the source allowed).
        Output::CopyFrom(src) => {
            let mut from = fs::File::open(src)?;
            let mut file = fs::File::create(dest)?;
            io::copy(&mut from, &mut file)?;
            file
        }
    };
    file.metadata()
}

impl Staging {
    /// `write_file` into this build's staging folder, making each folder
    /// once: most folders hold a page and its feeds, and asking for a folder
    /// that exists costs two calls (`mkdir` refused, then a `stat`), 30,000
    /// of them at 10,000 briefings.
    pub fn write(&self, rel: &str, out: &Output) -> io::Result<fs::Metadata> {
        let dest = destination(&self.path, rel)?;
        if let Some(dir) = dest.parent() {
            let made = || self.made.lock().unwrap_or_else(|e| e.into_inner());
            if !made().contains(dir) {
                fs::create_dir_all(dir)?;
                made().insert(dir.to_path_buf());
            }
        }
        write_to(&dest, out)
    }

    /// Gives up a build: the staging folder goes, the output stays as it was.
    pub fn abandon(self) {
        let _ = fs::remove_dir_all(&self.path);
        self.lock.release();
        remove_created(&self.output, self.created.as_deref());
    }

    /// Ends a build: the staging folder replaces the output.
    pub fn finish(self) -> io::Result<()> {
        fault("before-swap");
        let swapped = swap_in(&self.path, &self.output);
        if swapped.is_err() {
            let _ = fs::remove_dir_all(&self.path);
        }
        self.lock.release();
        swapped
    }
}

/// Removes the folders above `output` a failed build created, up to
/// `created`, each only if it is empty.
fn remove_created(output: &Path, created: Option<&Path>) {
    let Some(created) = created else { return };
    for dir in output.ancestors().skip(1) {
        if fs::remove_dir(dir).is_err() || dir == created {
            break;
        }
    }
}

/// Makes a test's build die at a named point, as a kill would (debug builds
/// only, through `BRIEFLY_FAULT`).
fn fault(point: &str) {
    if cfg!(debug_assertions) && std::env::var("BRIEFLY_FAULT").is_ok_and(|f| f == point) {
        std::process::abort();
    }
}

/// Whether a test asked for the portable two-rename swap (debug builds only).
fn two_renames_forced() -> bool {
    cfg!(debug_assertions) && std::env::var("BRIEFLY_FAULT").is_ok_and(|f| f == "between-renames")
}

/// Run with the lock held, so no other build owns anything it finds: an
/// output that a killed two-rename swap left at `.NAME.old-PID` is put back,
/// and every other staging or old folder of this output is removed. Only
/// folders named exactly so and carrying briefly's marker are touched.
fn recover(output: &Path) -> io::Result<()> {
    let Some(parent) = output.parent() else {
        return Ok(());
    };
    let mut leftovers: Vec<(PathBuf, bool)> = Vec::new();
    for entry in fs::read_dir(parent)?.flatten() {
        if let Some(is_old) = leftover_kind(output, &entry.file_name())
            && entry.file_type().is_ok_and(|t| t.is_dir())
            && is_ours(&entry.path())
        {
            leftovers.push((entry.path(), is_old));
        }
    }
    if !output.exists()
        && let Some((old, _)) = leftovers
            .iter()
            .find(|(dir, is_old)| *is_old && dir.join(MARKER).is_file())
    {
        fs::rename(old, output)?;
    }
    for (path, _) in leftovers {
        if path.exists() {
            fs::remove_dir_all(&path)?;
        }
    }
    Ok(())
}

/// Puts `staging` in the place of `output` with no moment where the output is
/// missing: on Linux one exchange of the two names (`renameat2` with
/// `RENAME_EXCHANGE`), then the old site is removed from the staging name.
/// Where the exchange is not available, two renames, and a build killed
/// between them is put right by the next one (see `recover`).
fn swap_in(staging: &Path, output: &Path) -> io::Result<()> {
    if !output.exists() {
        return fs::rename(staging, output);
    }
    if !two_renames_forced() && exchange(staging, output)? {
        fault("after-swap");
        return remove_old(staging);
    }
    let old = sibling(output, "old");
    if old.exists() {
        fs::remove_dir_all(&old)?;
    }
    fs::rename(output, &old)?;
    fault("between-renames");
    if let Err(e) = fs::rename(staging, output) {
        let _ = fs::rename(&old, output);
        return Err(e);
    }
    remove_old(&old)
}

/// Removes a swapped-out output, its top-level entries in parallel: at 10,000
/// briefings unlinking 40,000 files is half a second of kernel time on one
/// core, and it ends every rebuild.
fn remove_old(dir: &Path) -> io::Result<()> {
    use rayon::prelude::*;
    let entries: Vec<fs::DirEntry> = fs::read_dir(dir)?.collect::<io::Result<_>>()?;
    entries.par_iter().try_for_each(|entry| {
        if entry.file_type()?.is_dir() {
            fs::remove_dir_all(entry.path())
        } else {
            fs::remove_file(entry.path())
        }
    })?;
    fs::remove_dir(dir)
}

/// Exchanges two paths atomically; `Ok(false)` when the system or the file
/// system cannot.
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> io::Result<bool> {
    use std::ffi::CString;
    use std::os::unix::ffi::OsStrExt;
    let c = |p: &Path| {
        CString::new(p.as_os_str().as_bytes())
            .map_err(|e| io::Error::new(io::ErrorKind::InvalidInput, e))
    };
    let (a, b) = (c(a)?, c(b)?);
    // SAFETY: both are valid NUL-terminated paths that outlive the call.
    let rc = unsafe {
        libc::syscall(
            libc::SYS_renameat2,
            libc::AT_FDCWD,
            a.as_ptr(),
            libc::AT_FDCWD,
            b.as_ptr(),
            libc::RENAME_EXCHANGE,
        )
    };
    if rc == 0 {
        return Ok(true);
    }
    let e = io::Error::last_os_error();
    match e.raw_os_error() {
        Some(libc::ENOSYS | libc::EINVAL | libc::ENOTSUP) => Ok(false),
        _ => Err(e),
    }
}

#[cfg(not(target_os = "linux"))]
fn exchange(_: &Path, _: &Path) -> io::Result<bool> {
    Ok(false)
}

/// What briefly's lock file holds, so that a file of the same name that is
/// not briefly's is never overwritten or removed.
const LOCK_TEXT: &str = "briefly: a build into the folder beside this file is running\n";

/// An exclusive lock on one output folder: a file `.NAME.lock` beside it,
/// locked for the whole build. A second build into the same output waits for
/// the first; the file is removed when the build ends.
#[derive(Debug)]
struct OutputLock {
    file: fs::File,
    path: PathBuf,
}

impl OutputLock {
    fn acquire(output: &Path) -> io::Result<OutputLock> {
        let path = sibling_named(output, "lock");
        let mut told = false;
        loop {
            let file = fs::OpenOptions::new()
                .create(true)
                .truncate(false)
                .read(true)
                .write(true)
                .open(&path)?;
            match file.try_lock() {
                Ok(()) => {}
                Err(fs::TryLockError::WouldBlock) => {
                    if !told {
                        eprintln!(
                            "waiting for another build into {} to finish…",
                            output.display()
                        );
                        told = true;
                    }
                    file.lock()?;
                }
                Err(fs::TryLockError::Error(e)) => return Err(e),
            }
            // The build that held it may have removed the file while we
            // waited: a lock on a file no longer at `path` guards nothing.
            if !same_file(&file, &path) {
                continue;
            }
            // The name may be taken by a file of the user's: never ours to
            // write over or remove.
            let mut text = Vec::new();
            io::Read::read_to_end(&mut &file, &mut text)?;
            if text.is_empty() {
                io::Write::write_all(&mut &file, LOCK_TEXT.as_bytes())?;
            } else if text != LOCK_TEXT.as_bytes() {
                return Err(io::Error::new(
                    io::ErrorKind::AlreadyExists,
                    format!(
                        "{} is not briefly's lock file; briefly keeps its lock under that name beside the output: move the file away",
                        path.display()
                    ),
                ));
            }
            return Ok(OutputLock { file, path });
        }
    }

    /// Removes the lock file, then lets go of the lock.
    fn release(self) {
        let _ = fs::remove_file(&self.path);
        drop(self.file);
    }
}

#[cfg(unix)]
fn same_file(file: &fs::File, path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (file.metadata(), fs::metadata(path)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

#[cfg(not(unix))]
fn same_file(_: &fs::File, path: &Path) -> bool {
    path.exists()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A whole build the way `briefly::build` drives these functions.
    fn write_site(output: &Path, files: Vec<(String, Output)>) -> io::Result<()> {
        let staging = begin(output)?;
        for (rel, out) in &files {
            if let Err(e) = staging.write(rel, out) {
                staging.abandon();
                return Err(e);
            }
        }
        staging.finish()
    }

    /// Files share folders made once; a folder is asked for only the first
    /// time a file goes into it.
    #[test]
    fn each_folder_is_made_once_for_the_files_it_holds() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let staging = begin(&out).unwrap();
        let page = Output::Bytes(b"<p>page</p>".to_vec());
        for rel in [
            "a/b/index.html",
            "a/b/atom.xml",
            "a/index.html",
            "a/b/c/feed.json",
        ] {
            staging.write(rel, &page).unwrap();
        }
        let made = staging.made.lock().unwrap().clone();
        let folder = |rel: &str| staging.path.join(rel);
        assert_eq!(
            made,
            HashSet::from([folder("a/b"), folder("a"), folder("a/b/c")])
        );
        assert!(staging.write("../x", &page).is_err());
        staging.finish().unwrap();
        for rel in [
            "a/b/index.html",
            "a/b/atom.xml",
            "a/index.html",
            "a/b/c/feed.json",
        ] {
            assert_eq!(fs::read(out.join(rel)).unwrap(), b"<p>page</p>");
        }
    }

    #[test]
    fn an_interrupted_build_leaves_the_output_and_is_cleaned_up_later() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        write_site(&out, vec![("a.txt".into(), Output::Bytes(b"one".to_vec()))]).unwrap();
        // What a build killed mid-write leaves: a staging folder of a dead process.
        let abandoned = dir.path().join(".public.building-999999999");
        fs::create_dir_all(abandoned.join("half")).unwrap();
        fs::write(abandoned.join(MARKER), MARKER_TEXT).unwrap();
        assert_eq!(fs::read(out.join("a.txt")).unwrap(), b"one");
        write_site(&out, vec![("b.txt".into(), Output::Bytes(b"two".to_vec()))]).unwrap();
        assert!(!abandoned.exists());
    }

    #[test]
    fn folders_that_only_look_like_leftovers_are_never_touched() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("www");
        // A user's folder named like an old output, without the marker.
        let users = dir.path().join(".www.old-2024");
        fs::create_dir_all(&users).unwrap();
        fs::write(users.join("notes.txt"), "precious").unwrap();
        // Another output whose name starts with this one's, mid-build.
        let other = dir.path().join(".www.old-v2.building-123");
        fs::create_dir_all(&other).unwrap();
        fs::write(other.join(MARKER), MARKER_TEXT).unwrap();
        fs::write(other.join("page.html"), "half").unwrap();
        write_site(&out, vec![("a.txt".into(), Output::Bytes(b"one".to_vec()))]).unwrap();
        assert_eq!(fs::read(users.join("notes.txt")).unwrap(), b"precious");
        assert!(other.join("page.html").is_file());
        assert_eq!(fs::read(out.join("a.txt")).unwrap(), b"one");
    }

    #[test]
    fn a_users_file_under_the_lock_name_is_refused_and_kept() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out");
        fs::write(dir.path().join(".out.lock"), "my lock notes").unwrap();
        let err = begin(&out).unwrap_err();
        assert!(
            err.to_string().contains("is not briefly's lock file"),
            "{err}"
        );
        assert_eq!(
            fs::read(dir.path().join(".out.lock")).unwrap(),
            b"my lock notes"
        );
        assert!(!out.exists());
    }

    #[test]
    fn a_given_up_build_removes_the_folders_it_created_and_only_those() {
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir_all(dir.path().join("a")).unwrap();
        let out = dir.path().join("a/b/c/out");
        let staging = begin(&out).unwrap();
        assert!(dir.path().join("a/b/c").is_dir());
        staging.abandon();
        assert!(!dir.path().join("a/b").exists());
        assert!(dir.path().join("a").is_dir(), "it was there before");
    }

    #[test]
    fn rejects_paths_that_escape() {
        assert!(is_safe("briefings/a/index.html"));
        assert!(!is_safe("../x"));
        assert!(!is_safe("/etc/passwd"));
        assert!(!is_safe("a/../../b"));
        assert!(!is_safe(""));
    }

    #[test]
    fn replaces_the_old_output_only_on_success() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        write_site(&out, vec![("a.txt".into(), Output::Bytes(b"one".to_vec()))]).unwrap();
        assert_eq!(fs::read(out.join("a.txt")).unwrap(), b"one");
        let bad = write_site(&out, vec![("../evil".into(), Output::Bytes(vec![]))]);
        assert!(bad.is_err());
        assert_eq!(fs::read(out.join("a.txt")).unwrap(), b"one");
        write_site(&out, vec![("b.txt".into(), Output::Bytes(b"two".to_vec()))]).unwrap();
        assert!(!out.join("a.txt").exists());
        let leftovers: Vec<_> = fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(
            leftovers.len(),
            1,
            "no staging or old folder is left behind"
        );
    }
}

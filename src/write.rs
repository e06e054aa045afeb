//! The write stage: the new site goes into a temporary folder beside the output
//! and is swapped in only when every file is written, so a failed build never
//! leaves a half-written site.

use crate::render::Output;
use std::fs;
use std::io;
use std::path::{Component, Path, PathBuf};

/// A relative output path that stays inside the output folder.
fn is_safe(path: &str) -> bool {
    !path.is_empty()
        && Path::new(path)
            .components()
            .all(|c| matches!(c, Component::Normal(_)))
}

fn sibling(output: &Path, tag: &str) -> PathBuf {
    let name = output
        .file_name()
        .map_or_else(|| "public".into(), |n| n.to_string_lossy().to_string());
    output.with_file_name(format!(".{name}.{tag}-{}", std::process::id()))
}

/// Starts a build: an empty staging folder beside `output`.
pub fn begin(output: &Path) -> io::Result<PathBuf> {
    if let Some(parent) = output.parent().filter(|p| !p.as_os_str().is_empty()) {
        fs::create_dir_all(parent)?;
    }
    remove_abandoned(output);
    let staging = sibling(output, "building");
    if staging.exists() {
        fs::remove_dir_all(&staging)?;
    }
    fs::create_dir_all(&staging)?;
    Ok(staging)
}

/// Writes one file of the site into the staging folder.
pub fn write_file(staging: &Path, rel: &str, out: &Output) -> io::Result<()> {
    if !is_safe(rel) {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            format!("refusing to write `{rel}`: it would land outside the output folder"),
        ));
    }
    let dest = staging.join(rel);
    if let Some(dir) = dest.parent() {
        fs::create_dir_all(dir)?;
    }
    match out {
        Output::Bytes(bytes) => fs::write(&dest, bytes),
        // A new file with default permissions, not the source's mode (a
        // published file must be readable whatever the source allowed).
        Output::CopyFrom(src) => {
            io::copy(&mut fs::File::open(src)?, &mut fs::File::create(&dest)?).map(|_| ())
        }
    }
}

/// Gives up a build: the staging folder goes, the output stays as it was.
pub fn abandon(staging: &Path) {
    let _ = fs::remove_dir_all(staging);
}

/// Ends a build: the staging folder replaces the output.
pub fn finish(staging: &Path, output: &Path) -> io::Result<()> {
    swap_in(staging, output)
}

/// Removes staging folders of builds that were killed (Ctrl-C) before their swap.
fn remove_abandoned(output: &Path) {
    let (Some(parent), Some(name)) = (output.parent(), output.file_name()) else {
        return;
    };
    let parent = if parent.as_os_str().is_empty() {
        Path::new(".")
    } else {
        parent
    };
    let prefix = format!(".{}.", name.to_string_lossy());
    let Ok(entries) = fs::read_dir(parent) else {
        return;
    };
    for entry in entries.flatten() {
        let file_name = entry.file_name().to_string_lossy().into_owned();
        let Some(rest) = file_name.strip_prefix(&prefix) else {
            continue;
        };
        let pid = rest.rsplit('-').next().and_then(|p| p.parse::<u32>().ok());
        let alive = pid.is_some_and(|p| Path::new(&format!("/proc/{p}")).exists());
        if (rest.starts_with("building-") || rest.starts_with("old-")) && !alive {
            let _ = fs::remove_dir_all(entry.path());
        }
    }
}

/// Replaces `output` with `staging`: two renames, the old folder removed last.
fn swap_in(staging: &Path, output: &Path) -> io::Result<()> {
    let old = sibling(output, "old");
    let had_old = output.exists();
    if had_old {
        if old.exists() {
            fs::remove_dir_all(&old)?;
        }
        fs::rename(output, &old)?;
    }
    if let Err(e) = fs::rename(staging, output) {
        if had_old {
            let _ = fs::rename(&old, output);
        }
        let _ = fs::remove_dir_all(staging);
        return Err(e);
    }
    if had_old {
        fs::remove_dir_all(&old)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A whole build the way `briefly::build` drives these functions.
    fn write_site(output: &Path, files: Vec<(String, Output)>) -> io::Result<()> {
        let staging = begin(output)?;
        for (rel, out) in &files {
            if let Err(e) = write_file(&staging, rel, out) {
                abandon(&staging);
                return Err(e);
            }
        }
        finish(&staging, output)
    }

    #[test]
    fn an_interrupted_build_leaves_the_output_and_is_cleaned_up_later() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        write_site(&out, vec![("a.txt".into(), Output::Bytes(b"one".to_vec()))]).unwrap();
        // What a build killed mid-write leaves: a staging folder of a dead process.
        let abandoned = dir.path().join(".public.building-999999999");
        fs::create_dir_all(abandoned.join("half")).unwrap();
        assert_eq!(fs::read(out.join("a.txt")).unwrap(), b"one");
        write_site(&out, vec![("b.txt".into(), Output::Bytes(b"two".to_vec()))]).unwrap();
        assert!(!abandoned.exists());
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

//! The output guard: before a build creates, renames or deletes anything, the
//! output folder is resolved (symbolic links and `..` included) and refused
//! when replacing it could lose something an editor keeps — the site's own
//! sources, a folder of someone else's files, a file.
//!
//! A refusal is an environment error (exit 2) and changes nothing on disk.

use std::fmt;
use std::io;
use std::path::{Component, Path, PathBuf};

/// The file every output of briefly carries, so a later build can tell its
/// own folder from a user's.
pub const MARKER: &str = ".briefly-output";

/// What the marker file says to someone who opens it.
pub const MARKER_TEXT: &str = "This folder is the output of `briefly build`. \
The next build replaces it whole: do not keep files of your own here.\n";

/// The inputs of a site, relative to its root: an output may not be, contain
/// or lie inside any of them.
const INPUTS: [(&str, &str); 7] = [
    ("content", "the content folder"),
    ("static", "the static folder"),
    ("templates", "the templates folder"),
    ("themes", "the themes folder"),
    ("data", "the data folder"),
    (crate::config::CONFIG_FILE, "the site configuration"),
    // Not read as a source, but replacing it would let a build wipe the
    // cache it is reading.
    (crate::cache::CACHE_DIR, "the build cache"),
];

/// Why an output folder was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// `/`, or a path with no parent to stage beside.
    NoParent,
    IsRoot,
    ContainsRoot,
    /// The output is, contains or lies inside an input.
    Input {
        input: String,
        what: &'static str,
        relation: Relation,
    },
    IsFile,
    /// A non-empty folder without briefly's marker (`--force` overrides).
    Foreign {
        entries: usize,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Relation {
    Is,
    Inside,
    Contains,
}

/// A refusal with the path it is about, as the user gave it and as resolved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refused {
    pub given: PathBuf,
    pub resolved: PathBuf,
    pub why: Refusal,
}

impl fmt::Display for Refused {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let given = self.given.display();
        let resolved = if self.given == self.resolved {
            String::new()
        } else {
            format!(" (resolved: {})", self.resolved.display())
        };
        write!(f, "refusing to build into `{given}`{resolved}: ")?;
        match &self.why {
            Refusal::NoParent => {
                write!(f, "the output folder needs a parent folder to build beside")
            }
            Refusal::IsRoot => write!(
                f,
                "it is the site folder itself, and the build replaces its output whole; choose a folder such as `public`"
            ),
            Refusal::ContainsRoot => write!(
                f,
                "it contains the site folder, and the build replaces its output whole; choose a folder inside the site such as `public`"
            ),
            Refusal::Input {
                input,
                what,
                relation,
            } => {
                let relation = match relation {
                    Relation::Is => "it is",
                    Relation::Inside => "it lies inside",
                    Relation::Contains => "it contains",
                };
                write!(
                    f,
                    "{relation} {what} (`{input}`), which the build reads; choose a folder outside the site's inputs such as `public`"
                )
            }
            Refusal::IsFile => write!(
                f,
                "it is a file, and the build would replace it with a folder; choose a folder"
            ),
            Refusal::Foreign { entries } => {
                let plural = if *entries == 1 { "entry" } else { "entries" };
                write!(
                    f,
                    "it is a folder with {entries} {plural} that briefly did not make (it has no `{MARKER}` file), and the build would replace it whole; empty it, choose another folder, or pass --force to replace it"
                )
            }
        }
    }
}

/// Resolves `path` as the file system would: relative to the current
/// folder, every symbolic link followed and every `..` applied to what the
/// link points at. Parts that do not exist yet are taken as written.
pub fn resolve(path: &Path) -> io::Result<PathBuf> {
    let start = if path.is_absolute() {
        PathBuf::new()
    } else {
        std::env::current_dir()?
    };
    let mut resolved = start.canonicalize().unwrap_or(start);
    for component in path.components() {
        match component {
            Component::Prefix(_) | Component::RootDir => {
                resolved.push(component.as_os_str());
            }
            Component::CurDir => {}
            Component::ParentDir => {
                resolved.pop();
            }
            Component::Normal(name) => {
                resolved.push(name);
                // Every step is looked at, even after one that does not
                // exist: `missing/../link` must still follow `link`.
                match std::fs::symlink_metadata(&resolved) {
                    Ok(_) => resolved = resolved.canonicalize()?,
                    Err(e) if e.kind() == io::ErrorKind::NotFound => {}
                    Err(e) => return Err(e),
                }
            }
        }
    }
    Ok(resolved)
}

/// The input of the site at `root` that the file `path` (as given) is or lies
/// inside, as (its name, what it is): a file another command writes, such as
/// `digest --output`, must never replace a source.
pub fn input_holding(root: &Path, path: &Path) -> io::Result<Option<(&'static str, &'static str)>> {
    let root = resolve(root)?;
    let resolved = resolve(path)?;
    for (name, what) in INPUTS {
        let input = resolve(&root.join(name))?;
        if resolved == input || resolved.starts_with(&input) {
            return Ok(Some((name, what)));
        }
    }
    Ok(None)
}

/// Checks `output` (as given: relative to the current folder) for a build of
/// the site at `root`. Returns the resolved output folder to build into.
/// `force` lifts only the rule about folders briefly did not make.
pub fn guard(root: &Path, output: &Path, force: bool) -> Result<PathBuf, GuardError> {
    let io_error = |e: io::Error, path: &Path| GuardError::Io(format!("{}: {e}", path.display()));
    let root = resolve(root).map_err(|e| io_error(e, root))?;
    let resolved = resolve(output).map_err(|e| io_error(e, output))?;
    let refuse = |why| {
        GuardError::Refused(Refused {
            given: output.to_path_buf(),
            resolved: resolved.clone(),
            why,
        })
    };
    if resolved.parent().is_none() {
        return Err(refuse(Refusal::NoParent));
    }
    if resolved == root {
        return Err(refuse(Refusal::IsRoot));
    }
    if root.starts_with(&resolved) {
        return Err(refuse(Refusal::ContainsRoot));
    }
    for (input, what) in INPUTS {
        let input_path = resolve(&root.join(input)).map_err(|e| io_error(e, &root.join(input)))?;
        let relation = if resolved == input_path {
            Relation::Is
        } else if resolved.starts_with(&input_path) {
            Relation::Inside
        } else if input_path.starts_with(&resolved) {
            Relation::Contains
        } else {
            continue;
        };
        return Err(refuse(Refusal::Input {
            input: input.to_string(),
            what,
            relation,
        }));
    }
    match std::fs::metadata(&resolved) {
        Ok(meta) if !meta.is_dir() => return Err(refuse(Refusal::IsFile)),
        Ok(_) if !force => {
            let entries = std::fs::read_dir(&resolved)
                .map_err(|e| io_error(e, &resolved))?
                .count();
            if entries > 0 && !resolved.join(MARKER).is_file() {
                return Err(refuse(Refusal::Foreign { entries }));
            }
        }
        Ok(_) => {}
        Err(e) if e.kind() == io::ErrorKind::NotFound => {}
        Err(e) => return Err(io_error(e, &resolved)),
    }
    Ok(resolved)
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GuardError {
    Refused(Refused),
    Io(String),
}

impl fmt::Display for GuardError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            GuardError::Refused(r) => r.fmt(f),
            GuardError::Io(e) => write!(f, "cannot inspect the output folder: {e}"),
        }
    }
}

/// Files the plan would copy from inside the output folder itself (an input
/// linking into it): each would publish the last build inside the next one,
/// growing with every build. One error per file, naming it.
pub fn copies_from_output(
    jobs: &[crate::plan::PlannedJob],
    resolved: &Path,
    given: &Path,
) -> Vec<crate::diagnostics::Diagnostic> {
    jobs.iter()
        .filter(|job| matches!(&job.job, crate::plan::Job::Copy(src) if src.starts_with(resolved)))
        .map(|job| {
            crate::diagnostics::Diagnostic::file_error(
                &job.source,
                format!(
                    "this file lies inside the output folder {} (through a symbolic link); briefly does not publish its own output: remove the link",
                    given.display()
                ),
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    fn site() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("site.toml"), "title = \"t\"\n").unwrap();
        fs::create_dir_all(dir.path().join("content/briefings")).unwrap();
        fs::create_dir_all(dir.path().join("static")).unwrap();
        dir
    }

    fn why(root: &Path, output: &Path, force: bool) -> Option<Refusal> {
        match guard(root, output, force) {
            Ok(_) => None,
            Err(GuardError::Refused(r)) => Some(r.why),
            Err(e) => panic!("{e}"),
        }
    }

    #[test]
    fn a_fresh_or_own_output_is_accepted() {
        let s = site();
        let public = s.path().join("public");
        assert_eq!(why(s.path(), &public, false), None);
        fs::create_dir_all(&public).unwrap();
        assert_eq!(why(s.path(), &public, false), None, "an empty folder");
        fs::write(public.join("index.html"), "x").unwrap();
        fs::write(public.join(MARKER), MARKER_TEXT).unwrap();
        assert_eq!(why(s.path(), &public, false), None, "briefly's own output");
    }

    #[test]
    fn the_root_and_what_contains_it_are_refused() {
        let s = site();
        assert_eq!(why(s.path(), s.path(), true), Some(Refusal::IsRoot));
        assert_eq!(
            why(s.path(), &s.path().join("content/.."), true),
            Some(Refusal::IsRoot)
        );
        assert_eq!(
            why(s.path(), s.path().parent().unwrap(), true),
            Some(Refusal::ContainsRoot)
        );
        assert_eq!(why(s.path(), Path::new("/"), true), Some(Refusal::NoParent));
    }

    #[test]
    fn inputs_are_refused_even_through_links_and_dot_dots() {
        let s = site();
        let input = |name: &str, relation| {
            Some(Refusal::Input {
                input: name.to_string(),
                what: INPUTS.iter().find(|(n, _)| *n == name).unwrap().1,
                relation,
            })
        };
        let root = s.path();
        assert_eq!(
            why(root, &root.join("content"), true),
            input("content", Relation::Is)
        );
        assert_eq!(
            why(root, &root.join("content/briefings/out"), true),
            input("content", Relation::Inside)
        );
        assert_eq!(
            why(root, &root.join("static"), true),
            input("static", Relation::Is)
        );
        assert_eq!(
            why(root, &root.join("site.toml"), true),
            input("site.toml", Relation::Is)
        );
        assert_eq!(
            why(root, &root.join("public/../templates"), true),
            input("templates", Relation::Is),
            "a folder that does not exist yet"
        );
        assert_eq!(
            why(root, &root.join("data/x"), true),
            input("data", Relation::Inside)
        );
        std::os::unix::fs::symlink(root.join("content"), root.join("sneaky")).unwrap();
        assert_eq!(
            why(root, &root.join("sneaky"), true),
            input("content", Relation::Is)
        );
        std::os::unix::fs::symlink("static/../content/briefings", root.join("deep")).unwrap();
        assert_eq!(
            why(root, &root.join("missing/../sneaky/out"), true),
            input("content", Relation::Inside),
            "a link after a part that does not exist"
        );
        assert_eq!(
            why(root, &root.join("a/b/../../sneaky"), true),
            input("content", Relation::Is)
        );
        assert_eq!(
            why(root, &root.join("deep/x/.."), true),
            input("content", Relation::Inside)
        );
    }

    #[test]
    fn files_and_foreign_folders_are_refused_and_force_lifts_only_the_latter() {
        let s = site();
        let file = s.path().join("notes.txt");
        fs::write(&file, "mine").unwrap();
        assert_eq!(why(s.path(), &file, true), Some(Refusal::IsFile));
        let documents = s.path().join("documents");
        fs::create_dir_all(&documents).unwrap();
        fs::write(documents.join("a.txt"), "mine").unwrap();
        assert_eq!(
            why(s.path(), &documents, false),
            Some(Refusal::Foreign { entries: 1 })
        );
        assert_eq!(why(s.path(), &documents, true), None);
    }

    #[test]
    fn the_message_says_what_and_why() {
        let s = site();
        let err = guard(s.path(), &s.path().join("content"), false).unwrap_err();
        let text = err.to_string();
        assert!(text.starts_with("refusing to build into `"), "{text}");
        assert!(
            text.contains("it is the content folder (`content`)"),
            "{text}"
        );
    }
}

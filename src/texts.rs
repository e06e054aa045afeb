//! The text of source files, for the line a diagnostic shows. Briefings are
//! read again from disk only when one of them has a problem to report, so a
//! build does not hold a second copy of every source while it renders.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

#[derive(Debug, Default)]
pub struct Texts {
    /// Where relative paths are read from; `None` reads nothing.
    root: Option<PathBuf>,
    known: Mutex<HashMap<String, Arc<str>>>,
}

impl Texts {
    /// Texts read on demand from files under `root`.
    pub fn under(root: impl Into<PathBuf>) -> Texts {
        Texts {
            root: Some(root.into()),
            known: Mutex::default(),
        }
    }

    /// Only the texts inserted (tests).
    pub fn new() -> Texts {
        Texts::default()
    }

    /// Remembers `text` as the text of `rel`.
    pub fn insert(&mut self, rel: String, text: impl Into<Arc<str>>) {
        let known = self.known.get_mut().unwrap_or_else(|e| e.into_inner());
        known.insert(rel, text.into());
    }

    /// The text of `rel` (a path relative to the site, `/`-separated), empty
    /// when it cannot be read.
    pub fn get(&self, rel: &str) -> Arc<str> {
        let mut known = self.known.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(text) = known.get(rel) {
            return text.clone();
        }
        let text: Arc<str> = self
            .root
            .as_ref()
            .and_then(|root| std::fs::read_to_string(root.join(rel)).ok())
            .unwrap_or_default()
            .into();
        known.insert(rel.to_string(), text.clone());
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_a_file_only_when_asked_and_keeps_inserted_texts() {
        let dir = std::env::temp_dir().join(format!("briefly-texts-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("content")).unwrap();
        std::fs::write(dir.join("content/a.md"), "---\ntitle: A\n").unwrap();
        let mut texts = Texts::under(&dir);
        texts.insert("site.toml".into(), "title = \"x\"");
        assert_eq!(&*texts.get("content/a.md"), "---\ntitle: A\n");
        assert_eq!(&*texts.get("site.toml"), "title = \"x\"");
        assert_eq!(&*texts.get("content/missing.md"), "");
        std::fs::remove_dir_all(&dir).unwrap();
    }
}

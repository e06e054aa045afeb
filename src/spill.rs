//! Text a build holds for later but rarely reads: a briefing's rendered body
//! and its search terms. At 10,000 briefings they are over 160 MB, more than
//! the rest of the site together, and each is read by a few pages only (its
//! own page, the feeds that carry it in full, the search pass). So a build
//! writes them once to an unnamed temporary file as they are parsed and
//! reads each back when a page needs it; the file disappears with the build.
//! Where no temporary file can be made, the text stays in memory. With the
//! build cache on, the pack of bodies the cache is writing is read the same
//! way (`Spill::over`), and a body goes to disk once, not twice.

use std::borrow::Cow;
use std::fs::File;
use std::sync::{Arc, Mutex};

/// The spill file of one build: texts appended, read back by offset.
#[derive(Debug)]
pub struct Spill {
    file: File,
    /// Where the next text goes; a writer reserves its range under the lock
    /// and writes outside it, so parallel parses do not wait on each other.
    end: Mutex<u64>,
}

impl Spill {
    /// A new spill file, or `None` where the platform or the temporary folder
    /// cannot give one (texts then stay in memory).
    pub fn new() -> Option<Arc<Spill>> {
        if !cfg!(unix) {
            return None;
        }
        let file = tempfile::tempfile().ok()?;
        Some(Arc::new(Spill {
            file,
            end: Mutex::new(0),
        }))
    }

    /// The texts a file's owner writes itself (the build cache's pack of
    /// bodies): read back through `Stored::at`, so a body the cache already
    /// holds is not written a second time here.
    pub fn over(file: File) -> Arc<Spill> {
        Arc::new(Spill {
            file,
            end: Mutex::new(0),
        })
    }

    /// Writes `bytes` at `offset` of the file (for `over`'s owner).
    pub fn write_all_at(&self, bytes: &[u8], offset: u64) -> std::io::Result<()> {
        write_at(&self.file, bytes, offset)
    }

    /// Moves `text` into the file; on a write error it stays in memory.
    pub fn put(self: &Arc<Spill>, text: String) -> Stored {
        if text.is_empty() {
            return Stored::from(text);
        }
        let len = text.len() as u64;
        let offset = {
            let mut end = self.end.lock().unwrap_or_else(|e| e.into_inner());
            let offset = *end;
            *end += len;
            offset
        };
        match write_at(&self.file, text.as_bytes(), offset) {
            Ok(()) => Stored(Inner::Spilled {
                spill: Arc::clone(self),
                offset,
                len: text.len(),
            }),
            Err(_) => Stored::from(text),
        }
    }
}

#[cfg(unix)]
fn write_at(file: &File, bytes: &[u8], offset: u64) -> std::io::Result<()> {
    std::os::unix::fs::FileExt::write_all_at(file, bytes, offset)
}

#[cfg(unix)]
fn read_at(file: &File, bytes: &mut [u8], offset: u64) -> std::io::Result<()> {
    std::os::unix::fs::FileExt::read_exact_at(file, bytes, offset)
}

#[cfg(not(unix))]
fn write_at(_: &File, _: &[u8], _: u64) -> std::io::Result<()> {
    Err(std::io::ErrorKind::Unsupported.into())
}

#[cfg(not(unix))]
fn read_at(_: &File, _: &mut [u8], _: u64) -> std::io::Result<()> {
    Err(std::io::ErrorKind::Unsupported.into())
}

/// A text in memory or in the build's spill file.
#[derive(Debug, Clone)]
pub struct Stored(Inner);

#[derive(Debug, Clone)]
enum Inner {
    Memory(String),
    Spilled {
        spill: Arc<Spill>,
        offset: u64,
        len: usize,
    },
}

impl Default for Stored {
    fn default() -> Stored {
        Stored(Inner::Memory(String::new()))
    }
}

impl From<String> for Stored {
    fn from(text: String) -> Stored {
        Stored(Inner::Memory(text))
    }
}

/// Two texts are equal by what they say, wherever each is kept.
impl PartialEq for Stored {
    fn eq(&self, other: &Stored) -> bool {
        self.get() == other.get()
    }
}

impl Stored {
    /// The text. A spilled text is read back from the file the build itself
    /// wrote; if that fails (the temporary folder vanished mid-build) there is
    /// no right page to make, so it panics rather than publish a wrong one.
    pub fn get(&self) -> Cow<'_, str> {
        match &self.0 {
            Inner::Memory(text) => Cow::Borrowed(text),
            Inner::Spilled { spill, offset, len } => {
                let mut bytes = vec![0; *len];
                read_at(&spill.file, &mut bytes, *offset)
                    .expect("the build's spill file can be read back");
                Cow::Owned(
                    crate::utf8::into_string(bytes).expect("the spill file holds what was written"),
                )
            }
        }
    }

    /// The text of `len` bytes at `offset` of `spill`, written there by its
    /// owner as UTF-8 (see `Spill::over`).
    pub fn at(spill: &Arc<Spill>, offset: u64, len: usize) -> Stored {
        if len == 0 {
            return Stored::default();
        }
        Stored(Inner::Spilled {
            spill: Arc::clone(spill),
            offset,
            len,
        })
    }

    pub fn is_empty(&self) -> bool {
        match &self.0 {
            Inner::Memory(text) => text.is_empty(),
            Inner::Spilled { len, .. } => *len == 0,
        }
    }

    /// Into the spill file, if it is in memory and there is one.
    pub fn spill_into(&mut self, spill: &Arc<Spill>) {
        if let Inner::Memory(text) = &mut self.0 {
            *self = spill.put(std::mem::take(text));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spilled_texts_read_back_whole_and_apart() {
        let spill = Spill::new().expect("a temporary file");
        let texts = [
            "<p>네이버가 투자했다</p>",
            "",
            "b a c",
            "x".repeat(100_000).leak(),
        ];
        let stored: Vec<Stored> = texts.iter().map(|t| spill.put(t.to_string())).collect();
        for (t, s) in texts.iter().zip(&stored) {
            assert_eq!(s.get(), *t);
            assert_eq!(s.is_empty(), t.is_empty());
        }
        assert!(matches!(stored[0].0, Inner::Spilled { .. }));
        assert_eq!(stored[0], Stored::from(texts[0].to_string()));
        assert_ne!(stored[0], stored[2]);
    }

    #[test]
    fn a_text_spills_once_and_stays_readable() {
        let spill = Spill::new().expect("a temporary file");
        let mut s = Stored::from("본문".to_string());
        s.spill_into(&spill);
        s.spill_into(&spill);
        assert_eq!(s.get(), "본문");
        assert_eq!(*spill.end.lock().unwrap(), "본문".len() as u64);
    }

    #[test]
    fn parallel_writers_get_their_own_ranges() {
        use rayon::prelude::*;
        let spill = Spill::new().expect("a temporary file");
        let stored: Vec<(String, Stored)> = (0..500)
            .into_par_iter()
            .map(|n| {
                let text = format!("briefing {n} ").repeat(n % 7 + 1);
                (text.clone(), spill.put(text))
            })
            .collect();
        for (text, s) in &stored {
            assert_eq!(s.get(), text.as_str());
        }
    }
}

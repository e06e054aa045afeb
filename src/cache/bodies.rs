//! Rendered briefing bodies, kept between builds: Markdown, highlighting and
//! search terms are the costliest part of parsing, and a body whose text and
//! context are unchanged renders the same. One pack file holds the bodies the
//! last build used, so the cache does not grow with every edit.

use super::codec::{Decoder, Encoder};
use super::hash::{Key, StableHasher};
use super::pack::{PackReader, PackWriter, Temporary};
use super::{Cache, warn};
use crate::spill::Stored;
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

const FILE: &str = "bodies.pack";

/// What a briefing's body renders to, all a briefing keeps of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Body {
    pub html: String,
    /// The first paragraph as plain text (the summary when none is given).
    pub summary: String,
    pub reading_minutes: usize,
    /// Whether the HTML can sit in a CDATA section as it is.
    pub cdata_plain: bool,
    /// The search terms of the body's text.
    pub terms: String,
}

impl Body {
    pub fn encode(&self) -> Vec<u8> {
        let mut e = Encoder::default();
        e.str(&self.html)
            .str(&self.summary)
            .u64(self.reading_minutes as u64)
            .bool(self.cdata_plain)
            .str(&self.terms);
        e.0
    }

    pub fn decode(bytes: &[u8]) -> Option<Body> {
        let mut d = Decoder::new(bytes);
        let body = Body {
            html: d.str()?,
            summary: d.str()?,
            reading_minutes: d.usize()?,
            cdata_plain: d.bool()?,
            terms: d.str()?,
        };
        d.is_done().then_some(body)
    }
}

/// Everything a body's rendering depends on besides the renderer itself
/// (which the cache's version stands for): its text, the Markdown options,
/// its language, and the company linker of that language (see
/// `Linker::fingerprint`: the names it links and the path it links to).
pub fn key(
    body: &str,
    smart_punctuation: bool,
    sanitize: bool,
    lang: &str,
    linker: Option<Key>,
) -> Key {
    let mut h = StableHasher::new("body");
    h.u64(super::CACHE_VERSION as u64)
        .str(body)
        .bool(smart_punctuation)
        .bool(sanitize)
        .str(lang)
        .bool(linker.is_some())
        .key(linker.unwrap_or_default());
    h.finish()
}

/// A body's HTML and search terms as this build's pack holds them: read
/// back from there when a page needs them, so the build keeps no other copy.
pub struct Kept {
    pub html: Stored,
    pub terms: Stored,
}

/// The bodies of the last build, and those of this one as they are used.
pub struct BodyCache {
    old: Option<PackReader>,
    new: Mutex<Option<PackWriter>>,
    /// Where the bodies go, for warnings.
    path: PathBuf,
    hits: AtomicUsize,
}

impl BodyCache {
    /// Opens the last build's bodies (a damaged pack is ignored with a
    /// warning) and starts this build's.
    pub fn open(cache: &Cache) -> BodyCache {
        let version = cache.version();
        let path = cache.dir.join(FILE);
        let old = cache
            .readable(FILE)
            .and_then(|path| match PackReader::open(&path, version) {
                Ok(pack) => pack,
                Err(why) => {
                    warn(&path, &why);
                    None
                }
            });
        let new = match PackWriter::create(&cache.temporary(FILE), version) {
            Ok(new) => Some(new),
            Err(e) => {
                warn(&path, &format!("cannot write it: {e}"));
                None
            }
        };
        BodyCache {
            old,
            new: Mutex::new(new),
            path,
            hits: AtomicUsize::new(0),
        }
    }

    /// The cached body for `key`; it is kept for the next build.
    pub fn get(&self, key: Key) -> Option<(Body, Option<Kept>)> {
        let bytes = self.old.as_ref()?.get(key)?;
        let body = Body::decode(&bytes)?;
        let kept = self.keep(key, &bytes, &body);
        self.hits.fetch_add(1, Ordering::Relaxed);
        Some((body, kept))
    }

    /// Caches a body just rendered (one without refused links: those must
    /// be reported by every build).
    pub fn put(&self, key: Key, body: &Body) -> Option<Kept> {
        self.keep(key, &body.encode(), body)
    }

    /// Writes `body` (encoded as `bytes`) into this build's pack, and says
    /// where its HTML and terms lie there. The writing is done outside the
    /// lock (the other parsing threads go on); a body already in the pack
    /// (the same text twice) is not written again and stays where it is.
    fn keep(&self, key: Key, bytes: &[u8], body: &Body) -> Option<Kept> {
        let reserved = {
            let mut new = self.new.lock().unwrap_or_else(|e| e.into_inner());
            let writer = new.as_mut()?;
            match writer.reserve(key, bytes) {
                Ok(slot) => slot.map(|slot| (slot, Arc::clone(writer.file()))),
                Err(e) => {
                    warn(&self.path, &format!("cannot write it: {e}"));
                    *new = None;
                    None
                }
            }
        };
        let (slot, file) = reserved?;
        if let Err(e) = slot.write(&file, bytes) {
            warn(&self.path, &format!("cannot write it: {e}"));
            // The pack counts an entry it does not hold: it is not kept.
            *self.new.lock().unwrap_or_else(|e| e.into_inner()) = None;
            return None;
        }
        // The HTML follows its length (the codec's u64); the terms end the entry.
        let length = std::mem::size_of::<u64>() as u64;
        Some(Kept {
            html: Stored::at(&file, slot.at + length, body.html.len()),
            terms: Stored::at(
                &file,
                slot.at + (bytes.len() - body.terms.len()) as u64,
                body.terms.len(),
            ),
        })
    }

    /// How many bodies came from the cache.
    pub fn hits(&self) -> usize {
        self.hits.load(Ordering::Relaxed)
    }

    /// Ends this build's bodies: `commit` puts them in place of the last
    /// build's once the build has succeeded.
    pub fn finish(self) -> Option<Bodies> {
        drop(self.old);
        let writer = self.new.into_inner().unwrap_or_else(|e| e.into_inner())?;
        match writer.finish() {
            Ok(file) => Some(Bodies(file)),
            Err(e) => {
                warn(&self.path, &format!("cannot write it: {e}"));
                None
            }
        }
    }
}

/// This build's bodies, written and waiting for the build to succeed (a
/// build that fails drops them, and the last build's stay).
pub struct Bodies(Temporary);

impl Bodies {
    pub fn commit(self, cache: &mut Cache) {
        if let Err(e) = cache.commit(FILE, self.0) {
            warn(&cache.dir.join(FILE), &format!("cannot write it: {e}"));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Body {
        Body {
            html: "<p>Meta <a class=\"company-link\" href=\"/companies/meta/\">x</a></p>\n".into(),
            summary: "Meta x".into(),
            reading_minutes: 3,
            cdata_plain: true,
            terms: "meta x".into(),
        }
    }

    #[test]
    fn a_body_comes_back_as_it_went_in() {
        let bytes = sample().encode();
        assert_eq!(Body::decode(&bytes), Some(sample()));
        assert_eq!(Body::decode(&bytes[..bytes.len() - 1]), None);
        let mut longer = bytes.clone();
        longer.push(0);
        assert_eq!(Body::decode(&longer), None);
    }

    /// A body rendered (`put`) or taken from the last build (`get`) is read
    /// back from this build's pack, before and after the pack is finished
    /// and put in place.
    #[test]
    fn a_kept_body_reads_back_from_the_pack() {
        let root = tempfile::tempdir().unwrap();
        let mut cache = Cache::open(root.path());
        let mut other = sample();
        other.html = "<p>네이버가 투자했다</p>".into();
        other.terms = "네이 이버 버가 투자".into();
        let first = BodyCache::open(&cache);
        let kept = first.put(1, &sample()).expect("a pack to write");
        assert!(
            first.put(1, &sample()).is_none(),
            "an entry is written once"
        );
        let korean = first.put(2, &other).expect("a pack to write");
        let read = |k: &Kept| (k.html.get().into_owned(), k.terms.get().into_owned());
        assert_eq!(read(&kept), (sample().html, sample().terms));
        assert_eq!(read(&korean), (other.html.clone(), other.terms.clone()));
        first.finish().unwrap().commit(&mut cache);
        assert_eq!(read(&korean), (other.html.clone(), other.terms.clone()));

        let cache = Cache::open(root.path());
        let second = BodyCache::open(&cache);
        let (body, kept) = second.get(2).expect("the last build's body");
        assert_eq!(body, other);
        assert_eq!(read(&kept.unwrap()), (other.html, other.terms));
        assert_eq!(second.hits(), 1);
        assert!(second.get(3).is_none());
    }

    /// Two builds of one site at once, even under one process ID (each the
    /// first process of its own container), write packs of their own: each
    /// reads back its own bodies.
    #[test]
    fn two_builds_at_once_keep_their_own_bodies() {
        let root = tempfile::tempdir().unwrap();
        let cache = Cache::open(root.path());
        let (first, second) = (BodyCache::open(&cache), BodyCache::open(&cache));
        let mut other = sample();
        other.html = "<p>다른 본문</p>".into();
        other.terms = "다른 본문".into();
        let a = first.put(1, &sample()).expect("a pack to write");
        let b = second.put(1, &other).expect("a pack to write");
        assert_eq!(a.html.get(), sample().html);
        assert_eq!(b.html.get(), other.html);
        assert_eq!(b.terms.get(), other.terms);
    }

    #[test]
    fn the_format_is_pinned_to_the_cache_version() {
        let sample_key = key("body", true, false, "en", Some(42));
        let mut h = StableHasher::new("format");
        h.bytes(&sample().encode()).key(sample_key);
        assert_eq!(
            format!("{:032x}", h.finish()),
            "010a7002560d3c8961047b87612c89c8",
            "the cache format changed: bump CACHE_VERSION and update this constant"
        );
    }
}

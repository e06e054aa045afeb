//! The record of the last successful build: what it read (the inputs'
//! fingerprint with the options that shape the output), what it wrote (the
//! output folder's fingerprint), the first moment its pages would change by
//! the clock alone (a scheduled briefing's time), and its summary. A build
//! whose inputs match, whose output is untouched and whose moment has not
//! come is done before it starts.

use super::codec::{Decoder, Encoder};
use super::hash::Key;
use super::pack::{PackReader, write_all};
use super::{Cache, warn};

const FILE: &str = "last-build.pack";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LastBuild {
    pub inputs: Key,
    pub output: Key,
    /// When the clock alone would change the site (nanoseconds since 1970).
    pub due: Option<i128>,
    /// The build's summary, as the caller encodes it.
    pub summary: Vec<u8>,
}

impl LastBuild {
    fn encode(&self) -> Vec<u8> {
        let mut e = Encoder::default();
        let split = |k: i128| [(k as u128 >> 64) as u64, k as u64];
        let [a, b] = split(self.inputs as i128);
        let [c, d] = split(self.output as i128);
        e.u64(a).u64(b).u64(c).u64(d).bool(self.due.is_some());
        let [f, g] = split(self.due.unwrap_or_default());
        e.u64(f).u64(g).u64(self.summary.len() as u64);
        e.0.extend_from_slice(&self.summary);
        e.0
    }

    fn decode(bytes: &[u8]) -> Option<LastBuild> {
        let mut d = Decoder::new(bytes);
        let mut wide = || Some(((d.u64()? as u128) << 64) | d.u64()? as u128);
        let inputs = wide()?;
        let output = wide()?;
        let has_due = d.bool()?;
        let due = ((d.u64()? as u128) << 64 | d.u64()? as u128) as i128;
        let n = d.usize()?;
        let rest = d.rest();
        (rest.len() == n).then(|| LastBuild {
            inputs,
            output,
            due: has_due.then_some(due),
            summary: rest.to_vec(),
        })
    }

    /// The last build's record, if there is one to trust.
    pub fn read(cache: &Cache) -> Option<LastBuild> {
        let path = cache.readable(FILE)?;
        match PackReader::open(&path, cache.version()) {
            Ok(pack) => LastBuild::decode(&pack?.get(0)?),
            Err(why) => {
                warn(&path, &why);
                None
            }
        }
    }

    /// Records a build that succeeded.
    pub fn write(&self, cache: &mut Cache) {
        let written = write_all(
            &cache.temporary(FILE),
            cache.version(),
            [(0, &self.encode()[..])],
        )
        .and_then(|file| cache.commit(FILE, file));
        if let Err(e) = written {
            warn(&cache.dir.join(FILE), &format!("cannot write it: {e}"));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_record_comes_back_as_it_went_in() {
        let record = LastBuild {
            inputs: u128::MAX - 5,
            output: 7,
            due: Some(-3),
            summary: b"summary".to_vec(),
        };
        assert_eq!(LastBuild::decode(&record.encode()), Some(record.clone()));
        let none = LastBuild {
            due: None,
            ..record
        };
        assert_eq!(LastBuild::decode(&none.encode()), Some(none.clone()));
        let pinned = crate::cache::hash::StableHasher::new("format")
            .bytes(&none.encode())
            .finish();
        assert_eq!(
            format!("{pinned:032x}"),
            "fe05a813f42ff0a77fa4e7b2ef803548",
            "the cache format changed: bump CACHE_VERSION and update this constant"
        );
    }
}

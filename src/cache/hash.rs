//! A stable 128-bit hash (XXH3) for keys kept on disk: the same input gives
//! the same key on every run, machine and Rust version, which neither
//! `RandomState` nor `DefaultHasher` promises.

use xxhash_rust::xxh3::Xxh3;

/// A cache key: the hash of everything a cached value depends on.
pub type Key = u128;

/// Feeds values in a self-delimiting way (every string carries its length),
/// so `("ab", "c")` and `("a", "bc")` give different keys.
pub struct StableHasher(Xxh3);

impl StableHasher {
    /// A hasher for one kind of key: `domain` keeps kinds apart.
    pub fn new(domain: &str) -> StableHasher {
        let mut h = StableHasher(Xxh3::new());
        h.str(domain);
        h
    }

    pub fn bytes(&mut self, bytes: &[u8]) -> &mut Self {
        self.0.update(&(bytes.len() as u64).to_le_bytes());
        self.0.update(bytes);
        self
    }

    pub fn str(&mut self, text: &str) -> &mut Self {
        self.bytes(text.as_bytes())
    }

    pub fn u64(&mut self, n: u64) -> &mut Self {
        self.0.update(&n.to_le_bytes());
        self
    }

    pub fn i64(&mut self, n: i64) -> &mut Self {
        self.0.update(&n.to_le_bytes());
        self
    }

    pub fn bool(&mut self, b: bool) -> &mut Self {
        self.u64(b as u64)
    }

    pub fn key(&mut self, key: Key) -> &mut Self {
        self.0.update(&key.to_le_bytes());
        self
    }

    pub fn finish(&self) -> Key {
        self.0.digest128()
    }
}

/// The 64-bit checksum of a cache file's contents.
pub fn checksum(bytes: &[u8]) -> u64 {
    xxhash_rust::xxh3::xxh3_64(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_stable_and_self_delimiting() {
        let key = |a: &str, b: &str| StableHasher::new("t").str(a).str(b).finish();
        assert_ne!(key("ab", "c"), key("a", "bc"));
        // The same on every run and machine: a key stored on disk stays valid.
        assert_eq!(
            key("a", "b"),
            0x20b34fe6_9c598f0f_b5f67581_abbc042c,
            "the hash changed: every stored key is now wrong; bump CACHE_VERSION and update this constant"
        );
    }
}

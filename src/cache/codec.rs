//! The byte encoding of cached values: little-endian integers and
//! length-prefixed strings. Decoding never panics: anything malformed is
//! `None`, and the caller treats the value as absent.

#[derive(Default)]
pub struct Encoder(pub Vec<u8>);

impl Encoder {
    pub fn u64(&mut self, n: u64) -> &mut Self {
        self.0.extend_from_slice(&n.to_le_bytes());
        self
    }

    pub fn bool(&mut self, b: bool) -> &mut Self {
        self.0.push(b as u8);
        self
    }

    pub fn str(&mut self, text: &str) -> &mut Self {
        self.u64(text.len() as u64);
        self.0.extend_from_slice(text.as_bytes());
        self
    }

    pub fn opt_str(&mut self, text: Option<&str>) -> &mut Self {
        self.bool(text.is_some());
        if let Some(text) = text {
            self.str(text);
        }
        self
    }
}

pub struct Decoder<'a>(&'a [u8]);

impl<'a> Decoder<'a> {
    pub fn new(bytes: &'a [u8]) -> Decoder<'a> {
        Decoder(bytes)
    }

    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        if self.0.len() < n {
            return None;
        }
        let (head, rest) = self.0.split_at(n);
        self.0 = rest;
        Some(head)
    }

    pub fn u64(&mut self) -> Option<u64> {
        Some(u64::from_le_bytes(self.take(8)?.try_into().ok()?))
    }

    pub fn usize(&mut self) -> Option<usize> {
        usize::try_from(self.u64()?).ok()
    }

    pub fn bool(&mut self) -> Option<bool> {
        match self.take(1)? {
            [0] => Some(false),
            [1] => Some(true),
            _ => None,
        }
    }

    pub fn str(&mut self) -> Option<String> {
        let n = self.usize()?;
        String::from_utf8(self.take(n)?.to_vec()).ok()
    }

    pub fn opt_str(&mut self) -> Option<Option<String>> {
        match self.bool()? {
            true => self.str().map(Some),
            false => Some(None),
        }
    }

    /// The bytes not read yet.
    pub fn rest(&mut self) -> &'a [u8] {
        std::mem::take(&mut self.0)
    }

    /// Whether every byte was read: a value with bytes left over is not the
    /// one that was written.
    pub fn is_done(&self) -> bool {
        self.0.is_empty()
    }
}

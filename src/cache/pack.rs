//! A pack: one cache file holding many entries (a key and its bytes), so a
//! site of 10,000 briefings keeps a few files, not 10,000. The header says
//! what the file must hold — its format, the cache version, the number of
//! entries, the payload's length and checksum — and a file that does not
//! hold exactly that is refused whole, never half read.
//!
//! A reader keeps only an index of where each entry lies and reads an entry
//! when asked, so the file's bytes and the decoded values are not all in
//! memory at once. A writer puts entries into a temporary file, where they
//! can be read back at once (a build reads its bodies from there rather than
//! keep a second copy), and which is renamed over the old pack when the
//! build succeeds.

use super::hash::Key;
use crate::spill::Spill;
use std::collections::HashMap;
use std::fs::File;
use std::io::{self, BufReader, Read};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use xxhash_rust::xxh3::Xxh3;

const MAGIC: [u8; 8] = *b"BRFLYPK1";
/// Magic, version, entry count, payload length, payload checksum.
const HEADER: usize = 40;
/// An entry's key and length.
const ENTRY_HEAD: usize = 20;

/// Why a pack was not read.
pub type Damage = String;

pub struct PackReader {
    file: File,
    /// Where each entry's bytes start, and how many there are.
    index: HashMap<Key, (u64, u32)>,
}

impl PackReader {
    /// Opens and verifies the pack at `path`: `Ok(None)` when there is none.
    /// `version` must be what the writer was given.
    pub fn open(path: &Path, version: u64) -> Result<Option<PackReader>, Damage> {
        // A pipe or device in its place would block the build: only a file is read.
        match std::fs::metadata(path) {
            Ok(meta) if !meta.is_file() => return Err("it is not a file".into()),
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
            _ => {}
        }
        let file = match File::open(path) {
            Ok(file) => file,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(format!("cannot read it: {e}")),
        };
        let length = file
            .metadata()
            .map_err(|e| format!("cannot read it: {e}"))?
            .len();
        let mut reader = BufReader::with_capacity(1 << 16, &file);
        let mut header = [0u8; HEADER];
        reader
            .read_exact(&mut header)
            .map_err(|_| "it is shorter than its header".to_string())?;
        let field = |i: usize| u64::from_le_bytes(header[i * 8..i * 8 + 8].try_into().unwrap());
        if header[..8] != MAGIC {
            return Err("it is not a briefly cache file (bad magic)".into());
        }
        if field(1) != version {
            return Err("it was written by another version of briefly".into());
        }
        let (count, payload, checksum) = (field(2), field(3), field(4));
        if length != HEADER as u64 + payload {
            return Err(format!(
                "its length is wrong ({length} bytes, its header says {})",
                HEADER as u64 + payload
            ));
        }
        // One pass over the payload: the checksum, and where each entry lies.
        let mut hasher = Xxh3::new();
        let mut index = HashMap::with_capacity(count.min(1 << 20) as usize);
        let mut offset = HEADER as u64;
        let mut buffer = Vec::new();
        for _ in 0..count {
            let mut head = [0u8; ENTRY_HEAD];
            reader
                .read_exact(&mut head)
                .map_err(|_| "it is truncated".to_string())?;
            hasher.update(&head);
            let key = Key::from_le_bytes(head[..16].try_into().unwrap());
            let len = u32::from_le_bytes(head[16..].try_into().unwrap());
            buffer.resize(len as usize, 0);
            reader
                .read_exact(&mut buffer)
                .map_err(|_| "it is truncated".to_string())?;
            hasher.update(&buffer);
            offset += ENTRY_HEAD as u64;
            index.insert(key, (offset, len));
            offset += len as u64;
        }
        if offset != length {
            return Err("its entries do not fill it".into());
        }
        if hasher.digest() != checksum {
            return Err("its checksum does not match its contents".into());
        }
        drop(reader);
        Ok(Some(PackReader { file, index }))
    }

    /// The bytes of the entry `key`, if the pack has it.
    pub fn get(&self, key: Key) -> Option<Vec<u8>> {
        use std::os::unix::fs::FileExt;
        let &(offset, len) = self.index.get(&key)?;
        let mut bytes = vec![0; len as usize];
        self.file.read_exact_at(&mut bytes, offset).ok()?;
        Some(bytes)
    }

    #[cfg(test)]
    fn len(&self) -> usize {
        self.index.len()
    }
}

pub struct PackWriter {
    /// The file, written at offsets; its entries can be read back while it is
    /// written (the build reads its bodies from here).
    file: Arc<Spill>,
    temporary: Temporary,
    version: u64,
    hasher: Xxh3,
    count: u64,
    payload: u64,
    /// Where each entry's bytes start.
    written: HashMap<Key, u64>,
}

/// A file written under a temporary name, removed unless it is put in place:
/// a build that fails leaves no trace of the cache it was writing.
pub struct Temporary(Option<PathBuf>);

impl Temporary {
    /// Moves the file to `destination` (on the same file system).
    pub fn put(mut self, destination: &Path) -> io::Result<()> {
        let path = self.0.take().expect("a temporary file is put once");
        let put = std::fs::rename(&path, destination);
        if put.is_err() {
            let _ = std::fs::remove_file(&path);
        }
        put
    }
}

impl Drop for Temporary {
    fn drop(&mut self) {
        if let Some(path) = self.0.take() {
            let _ = std::fs::remove_file(path);
        }
    }
}

impl PackWriter {
    /// Starts a pack in the file `temporary`.
    pub fn create(temporary: &Path, version: u64) -> io::Result<PackWriter> {
        // New, never another build's file opened over (see `Cache::temporary`).
        let file = File::options()
            .read(true)
            .write(true)
            .create_new(true)
            .open(temporary)?;
        let temporary = Temporary(Some(temporary.to_path_buf()));
        let file = Spill::over(file);
        file.write_all_at(&[0; HEADER], 0)?;
        Ok(PackWriter {
            file,
            temporary,
            version,
            hasher: Xxh3::new(),
            count: 0,
            payload: 0,
            written: HashMap::new(),
        })
    }

    /// Adds an entry, and says where its bytes start in `file()`; a key
    /// already written is not written again (two briefings with the same
    /// body share one entry).
    pub fn add(&mut self, key: Key, bytes: &[u8]) -> io::Result<u64> {
        match self.reserve(key, bytes)? {
            Some(slot) => {
                slot.write(&self.file, bytes)?;
                Ok(slot.at)
            }
            None => Ok(self.written[&key]),
        }
    }

    /// The first half of `add`: the entry's place in the file and in the
    /// checksum, settled in order under the caller's lock, so that the
    /// writing itself (`Slot::write`) can go on outside it. `None` when the
    /// key is already in the pack.
    pub fn reserve(&mut self, key: Key, bytes: &[u8]) -> io::Result<Option<Slot>> {
        if self.written.contains_key(&key) {
            return Ok(None);
        }
        let len = u32::try_from(bytes.len())
            .map_err(|_| io::Error::new(io::ErrorKind::InvalidInput, "a cache entry over 4 GiB"))?;
        let mut head = [0u8; ENTRY_HEAD];
        head[..16].copy_from_slice(&key.to_le_bytes());
        head[16..].copy_from_slice(&len.to_le_bytes());
        let at = HEADER as u64 + self.payload + ENTRY_HEAD as u64;
        for part in [&head[..], bytes] {
            self.hasher.update(part);
        }
        self.count += 1;
        self.payload += (ENTRY_HEAD + bytes.len()) as u64;
        self.written.insert(key, at);
        Ok(Some(Slot { at, head }))
    }

    /// The file being written, to read entries back from.
    pub fn file(&self) -> &Arc<Spill> {
        &self.file
    }

    /// Writes the header: the pack is complete, still under its temporary name.
    pub fn finish(self) -> io::Result<Temporary> {
        let mut header = Vec::with_capacity(HEADER);
        header.extend_from_slice(&MAGIC);
        for n in [self.version, self.count, self.payload, self.hasher.digest()] {
            header.extend_from_slice(&n.to_le_bytes());
        }
        self.file.write_all_at(&header, 0)?;
        Ok(self.temporary)
    }
}

/// An entry's place in a pack being written (see `PackWriter::reserve`).
pub struct Slot {
    /// Where its bytes start.
    pub at: u64,
    head: [u8; ENTRY_HEAD],
}

impl Slot {
    /// Writes the entry into the pack's file. If this fails, the pack must
    /// not be finished: its checksum counts the entry.
    pub fn write(&self, file: &Spill, bytes: &[u8]) -> io::Result<()> {
        file.write_all_at(&self.head, self.at - ENTRY_HEAD as u64)?;
        file.write_all_at(bytes, self.at)
    }
}

/// Writes a pack of the given entries into the file `temporary`.
pub fn write_all<'a>(
    temporary: &Path,
    version: u64,
    entries: impl IntoIterator<Item = (Key, &'a [u8])>,
) -> io::Result<Temporary> {
    let mut writer = PackWriter::create(temporary, version)?;
    for (key, bytes) in entries {
        writer.add(key, bytes)?;
    }
    writer.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_come_back_and_damage_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("p.pack");
        assert!(PackReader::open(&path, 7).unwrap().is_none());
        let temporary = dir.path().join("p.tmp");
        write_all(&temporary, 7, [(1, &b"one"[..]), (2, b"two"), (1, b"dup")])
            .unwrap()
            .put(&path)
            .unwrap();
        assert!(!temporary.exists());
        drop(write_all(&temporary, 7, [(1, &b"one"[..])]).unwrap());
        assert!(!temporary.exists(), "a pack not put in place is removed");
        let pack = PackReader::open(&path, 7).unwrap().unwrap();
        assert_eq!(pack.len(), 2);
        assert_eq!(pack.get(1).unwrap(), b"one");
        assert_eq!(pack.get(2).unwrap(), b"two");
        assert!(pack.get(3).is_none());
        assert!(PackReader::open(&path, 8).is_err(), "another version");
        let bytes = std::fs::read(&path).unwrap();
        std::fs::write(&path, &bytes[..bytes.len() - 1]).unwrap();
        assert!(PackReader::open(&path, 7).is_err(), "truncated");
        let mut flipped = bytes.clone();
        *flipped.last_mut().unwrap() ^= 1;
        std::fs::write(&path, &flipped).unwrap();
        let damage = PackReader::open(&path, 7).err().unwrap();
        assert!(damage.contains("checksum"), "{damage}");
        std::fs::write(&path, b"garbage").unwrap();
        assert!(PackReader::open(&path, 7).is_err());
    }

    #[test]
    fn a_pipe_in_the_packs_place_is_refused_not_read() {
        use std::os::unix::ffi::OsStrExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("p.pack");
        let c = std::ffi::CString::new(path.as_os_str().as_bytes()).unwrap();
        // SAFETY: a valid, NUL-terminated path.
        assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o644) }, 0);
        let damage = PackReader::open(&path, 7).err().expect("refused");
        assert!(damage.contains("not a file"), "{damage}");
    }

    #[test]
    fn an_entry_reads_back_while_the_pack_is_written() {
        let dir = tempfile::tempdir().unwrap();
        let mut writer = PackWriter::create(&dir.path().join("p.tmp"), 7).unwrap();
        let one = writer.add(1, b"one").unwrap();
        let two = writer.add(2, "둘".as_bytes()).unwrap();
        assert_eq!(writer.add(1, b"dup").unwrap(), one, "a key is written once");
        let file = Arc::clone(writer.file());
        let text = |at, len| crate::spill::Stored::at(&file, at, len).get().into_owned();
        assert_eq!(text(one, 3), "one");
        assert_eq!(text(two, "둘".len()), "둘");
        let path = dir.path().join("p.pack");
        writer.finish().unwrap().put(&path).unwrap();
        assert_eq!(text(two, "둘".len()), "둘");
        let pack = PackReader::open(&path, 7).unwrap().unwrap();
        assert_eq!(pack.len(), 2);
        assert_eq!(pack.get(1).unwrap(), b"one");
    }
}

//! Files published as they are: static files and a briefing's colocated assets.

use std::path::PathBuf;

/// A file copied as it is: a static file or a briefing's colocated asset.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AssetFile {
    /// Where it goes, relative to its destination folder, `/`-separated.
    pub rel_out: String,
    pub abs: PathBuf,
    /// How diagnostics name it.
    pub rel: String,
}

//! The golden site: `tests/golden/site/` is a small bilingual site kept on
//! disk, and `tests/golden/expected/` is its whole output, file by file. Any
//! change to what briefly writes shows up here as a diff to review;
//! `UPDATE_EXPECT=1 cargo test --test golden` accepts it (as mdBook's test
//! books do).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

fn files(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e.path().strip_prefix(dir).unwrap().to_path_buf();
            (rel, std::fs::read(e.path()).unwrap())
        })
        .collect()
}

#[test]
fn the_golden_site_builds_to_its_expected_output() {
    let here = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden");
    let out = tempfile::tempdir().unwrap();
    let output = out.path().join("public");
    let options = briefly::BuildOptions {
        root: here.join("site"),
        output: Some(output.clone()),
        ..Default::default()
    };
    if let Err(e) = briefly::build(&options) {
        panic!("the golden site must build: {e:?}");
    }
    let actual = files(&output);
    let expected_dir = here.join("expected");
    if std::env::var_os("UPDATE_EXPECT").is_some() {
        let _ = std::fs::remove_dir_all(&expected_dir);
        for (rel, bytes) in &actual {
            let path = expected_dir.join(rel);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, bytes).unwrap();
        }
        return;
    }
    let expected = files(&expected_dir);
    let missing: Vec<_> = expected
        .keys()
        .filter(|k| !actual.contains_key(*k))
        .collect();
    let extra: Vec<_> = actual
        .keys()
        .filter(|k| !expected.contains_key(*k))
        .collect();
    let differ: Vec<_> = expected
        .iter()
        .filter(|(k, v)| actual.get(*k).is_some_and(|a| a != *v))
        .map(|(k, _)| k)
        .collect();
    assert!(
        missing.is_empty() && extra.is_empty() && differ.is_empty(),
        "the golden site's output changed (UPDATE_EXPECT=1 accepts it after review):\n\
         no longer written: {missing:?}\nnewly written: {extra:?}\ndiffering: {differ:?}"
    );
}

//! The search index of a small site, file by file: `tests/fixtures/search/site/`
//! builds to the `search/` files kept in `tests/fixtures/search/expected/`,
//! which tests/js/search.test.js reads back the way search.js does. A change
//! to the format shows up here as a diff to review; `UPDATE_EXPECT=1 cargo
//! test --test search_index` accepts it.

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

fn build() -> BTreeMap<PathBuf, Vec<u8>> {
    let here = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/search");
    let out = tempfile::tempdir().unwrap();
    let output = out.path().join("public");
    let options = briefly::BuildOptions {
        root: here.join("site"),
        output: Some(output.clone()),
        ..Default::default()
    };
    if let Err(e) = briefly::build(&options) {
        panic!("the search fixture site must build: {e:?}");
    }
    files(&output.join("search"))
        .into_iter()
        .filter(|(rel, _)| rel.extension().is_some_and(|e| e == "json"))
        .collect()
}

#[test]
fn the_committed_index_is_what_the_fixture_site_builds() {
    let actual = build();
    let expected_dir =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/search/expected/search");
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
    let names = |m: &BTreeMap<PathBuf, Vec<u8>>| m.keys().cloned().collect::<Vec<_>>();
    assert_eq!(names(&actual), names(&expected), "the index's files");
    for (rel, bytes) in &expected {
        assert!(
            actual[rel] == *bytes,
            "search/{} differs from the committed copy (UPDATE_EXPECT=1 cargo test --test search_index rewrites it):\n{}",
            rel.display(),
            String::from_utf8_lossy(&actual[rel])
        );
    }
}

#[test]
fn shards_hold_tokens_by_their_first_two_characters() {
    let files = build();
    let json = |rel: &str| -> serde_json::Value {
        serde_json::from_slice(&files[Path::new(rel)]).unwrap()
    };
    let manifest = json("manifest.json");
    assert_eq!(manifest["docs"], 5);
    let shards = manifest["shards"].as_u64().unwrap() as usize;
    // Every shard file is there, and every token is in exactly one of them.
    let mut seen = BTreeMap::new();
    for n in 0..shards {
        let shard = json(&format!("t/{n}.json"));
        for token in shard["t"].as_object().unwrap().keys() {
            assert!(seen.insert(token.clone(), n).is_none(), "{token} twice");
        }
    }
    // Documents are numbered newest first; a list holds 2n + (in the title),
    // as differences: 네이버 is in the title of document 2 and the text of 1.
    let shard_of = |token: &str| seen[token];
    let list = |token: &str| json(&format!("t/{}.json", shard_of(token)))["t"][token].clone();
    assert!(
        !seen.contains_key("네이버벤처스의"),
        "runs by their pairs only"
    );
    assert_eq!(
        list("네이"),
        serde_json::json!([2, 3, 3]),
        "2·1, 2·2 + 1, 2·4"
    );
    // Quotes and who said them are indexed.
    assert_eq!(list("법적"), serde_json::json!([6]));
    assert_eq!(list("모데"), serde_json::json!([6]));
    // Chunks: url, title, date, summary cut to 160 characters.
    let docs = json("d/0.json");
    assert_eq!(docs[0][0], "/briefings/meta/");
    assert_eq!(docs[4][1], "<b>Escapes</b> & “quotes”");
    let summary = docs[4][3].as_str().unwrap();
    assert!(
        summary.ends_with('…') && summary.chars().count() <= 161,
        "{summary}"
    );
    assert!(!summary.contains("종착역"));
}

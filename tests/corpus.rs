//! The benchmark corpus generator (examples/gen_corpus.rs): deterministic, and
//! what it writes builds without errors, in briefly and in Hugo's format.

#[allow(dead_code)]
#[path = "../examples/gen_corpus.rs"]
mod gen_corpus;

use gen_corpus::{Args, generate};
use std::path::Path;

fn files(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out: Vec<(String, Vec<u8>)> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e.path().strip_prefix(dir).unwrap().display().to_string();
            (rel, std::fs::read(e.path()).unwrap())
        })
        .collect();
    out.sort();
    out
}

#[test]
fn the_same_seed_gives_the_same_site_and_it_builds() {
    let tmp = tempfile::tempdir().unwrap();
    let args = |out: &str, seed| Args {
        briefings: 60,
        out: tmp.path().join(out),
        hugo: false,
        seed,
    };
    generate(&args("a", 7));
    generate(&args("b", 7));
    generate(&args("c", 8));
    let a = files(&tmp.path().join("a"));
    assert_eq!(a, files(&tmp.path().join("b")));
    assert_ne!(a, files(&tmp.path().join("c")));
    let briefings = a
        .iter()
        .filter(|(p, _)| p.starts_with("content/briefings/"))
        .count();
    assert_eq!(briefings, 60);

    let summary = briefly::build(&briefly::BuildOptions {
        root: tmp.path().join("a"),
        ..Default::default()
    })
    .unwrap_or_else(|e| panic!("the corpus does not build: {e:?}"));
    assert_eq!(summary.briefings, 60);
    assert_eq!(summary.companies, 12);
    assert_eq!(summary.deals, 30);
    // Money in several currencies and written forms, quotes and code.
    let all: String = a
        .iter()
        .map(|(_, bytes)| String::from_utf8_lossy(bytes).into_owned())
        .collect();
    for needle in ["amount: ", "quotes:", "```", "억", "$"] {
        assert!(all.contains(needle), "no {needle} in the corpus");
    }
}

#[test]
fn the_hugo_format_has_the_same_briefings_as_taxonomies() {
    let tmp = tempfile::tempdir().unwrap();
    let args = |out: &str, hugo| Args {
        briefings: 20,
        out: tmp.path().join(out),
        hugo,
        seed: 42,
    };
    generate(&args("briefly", false));
    generate(&args("hugo", true));
    assert!(tmp.path().join("hugo/hugo.toml").exists());
    let names = |dir: &str| -> Vec<String> {
        files(&tmp.path().join(dir).join("content/briefings"))
            .into_iter()
            .map(|(p, _)| p)
            .collect()
    };
    assert_eq!(names("briefly"), names("hugo"));
    let (_, first) = &files(&tmp.path().join("hugo/content/briefings"))[0];
    let first = String::from_utf8_lossy(first);
    assert!(first.contains("deals: ["), "{first}");
    assert!(!first.contains("quotes:"));
}

//! Snapshot tests over `tests/fixtures/invalid/*.txt`: each file breaks a good
//! site in one way and holds the exact error output the build must give. The
//! build must exit with code 1, and the whole site folder, sources and previous
//! output alike, must be unchanged by the failed build: no file rewritten,
//! renamed or left behind.
//!
//! Each file is a test of its own, named by the file's stem, through a
//! libtest-mimic harness (`harness = false` in Cargo.toml):
//! `cargo test --test invalid_inputs -- enum-status` runs that case alone (the
//! name is matched as a substring; add `--exact` for a name inside others, such
//! as `empty-slug`). One more test, `at_least_40_cases`, checks that the folder
//! holds at least 40 cases.
//!
//! A case file is a comment, then sections: `-- PATH --` writes a file of the
//! site (`-- PATH (bytes) --` decodes `\xNN` escapes in the body and the path,
//! `-- PATH (symlink) --` makes a link to the body, a path relative to the link
//! or absolute), and `-- expected --` holds the stderr.
//! `UPDATE_EXPECT=1 cargo test --test invalid_inputs` rewrites the expectations
//! (of the cases selected, when a name is given).

mod common;

use common::{CONFIG, Fixture, tree};
use libtest_mimic::{Arguments, Failed, Trial};
use std::path::{Path, PathBuf};

struct Case {
    files: Vec<(String, String)>,
    expected: String,
}

fn parse_case(text: &str) -> Case {
    let mut files = Vec::new();
    let mut expected = None;
    let mut current: Option<(String, String)> = None;
    for line in text.split_inclusive('\n') {
        let header = line.trim_end_matches('\n');
        if header.starts_with("-- ") && header.ends_with(" --") && header.len() > 6 {
            if let Some(done) = current.take() {
                files.push(done);
            }
            current = Some((header[3..header.len() - 3].to_string(), String::new()));
        } else if let Some((_, body)) = current.as_mut() {
            body.push_str(line);
        }
    }
    if let Some(done) = current.take() {
        files.push(done);
    }
    if let Some(i) = files.iter().position(|(name, _)| name == "expected") {
        expected = Some(files.remove(i).1);
    }
    Case {
        files,
        expected: expected.unwrap_or_default(),
    }
}

fn unescape(body: &str) -> Vec<u8> {
    let mut out = Vec::new();
    let bytes = body.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'\\' && bytes.get(i + 1) == Some(&b'x') {
            let hex = std::str::from_utf8(&bytes[i + 2..i + 4]).unwrap();
            out.push(u8::from_str_radix(hex, 16).unwrap());
            i += 4;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    out
}

fn write_file(f: &Fixture, spec: &str, body: &str) {
    if let Some(path) = spec.strip_suffix(" (bytes)") {
        use std::os::unix::ffi::OsStrExt;
        let path = f.root().join(std::ffi::OsStr::from_bytes(&unescape(path)));
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, unescape(body)).unwrap();
    } else if let Some(path) = spec.strip_suffix(" (symlink)") {
        let link = f.root().join(path);
        std::fs::create_dir_all(link.parent().unwrap()).unwrap();
        // A link may replace a file of the good site (site.toml).
        let _ = std::fs::remove_file(&link);
        std::os::unix::fs::symlink(body.trim(), link).unwrap();
    } else {
        f.write(spec, body);
    }
}

fn run_case(path: &Path) -> Result<(), String> {
    let text = std::fs::read_to_string(path).unwrap();
    let case = parse_case(&text);
    let f = Fixture::new(CONFIG);
    f.briefing(
        "good.md",
        "title: Good\ndate: 2025-01-01\n",
        "A good briefing.\n",
    );
    let (code, _, err) = f.run(&["build"]);
    assert_eq!(code, 0, "the good site must build: {err}");
    for (spec, body) in &case.files {
        write_file(&f, spec, body);
    }
    let before = tree(f.root());
    let (code, _, stderr) = f.run(&["build"]);
    if std::env::var_os("UPDATE_EXPECT").is_some() {
        let head = text.split("-- expected --").next().unwrap();
        std::fs::write(path, format!("{head}-- expected --\n{stderr}")).unwrap();
    } else if stderr != case.expected {
        return Err(format!(
            "{}: stderr differs.\n--- expected\n{}--- actual\n{}",
            path.display(),
            case.expected,
            stderr
        ));
    }
    if code != 1 {
        return Err(format!("{}: exit code {code}, expected 1", path.display()));
    }
    if tree(f.root()) != before {
        return Err(format!(
            "{}: the site folder (sources or public/) changed after the failed build",
            path.display()
        ));
    }
    Ok(())
}

/// The case files, sorted by name.
fn case_files() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/invalid");
    let mut cases: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    cases.sort();
    cases
}

fn main() {
    let args = Arguments::from_args();
    let cases = case_files();
    let count = cases.len();
    let mut trials = vec![Trial::test("at_least_40_cases", move || {
        if count >= 40 {
            Ok(())
        } else {
            Err(format!("only {count} cases in tests/fixtures/invalid/").into())
        }
    })];
    trials.extend(cases.into_iter().map(|path| {
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        Trial::test(name, move || run_case(&path).map_err(Failed::from))
    }));
    libtest_mimic::run(&args, trials).exit();
}

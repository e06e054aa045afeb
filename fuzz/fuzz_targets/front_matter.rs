//! Any bytes as a briefing file: split, deserialize, validate, render. Must not panic.
#![no_main]

use briefly::config;
use briefly::load::{BriefingSource, SourceFile, normalize_text};
use briefly::parse::briefing::{ParseContext, parse_briefing};
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

fn site_config() -> &'static config::Config {
    static CONFIG: OnceLock<config::Config> = OnceLock::new();
    CONFIG.get_or_init(|| {
        config::parse_strict(
            "site.toml",
            "title = \"F\"\nbase_url = \"https://x.org/\"\ntimezone = \"Asia/Seoul\"\n[money.rates]\nKRW = 0.00073\n",
        )
        .unwrap()
    })
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let source = BriefingSource {
        file: SourceFile {
            rel: "content/briefings/fuzz.md".into(),
            text: normalize_text(text.to_string()),
        },
        stem: "fuzz".into(),
        lang: None,
        group: "fuzz".into(),
        assets: Vec::new(),
    };
    let ctx = ParseContext {
        config: site_config(),
        linker: None,
    };
    if let Err(errors) = parse_briefing(&source, &ctx) {
        for e in errors {
            let _ = e.to_string();
        }
    }
});

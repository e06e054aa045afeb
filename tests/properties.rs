//! Properties over hostile input: no briefing text panics the parser, and a
//! one-file site always either builds or fails with diagnostics.

use briefly::config;
use briefly::load::{BriefingSource, SourceFile, normalize_text};
use briefly::parse::briefing::{ParseContext, parse_briefing};
use proptest::prelude::*;

fn site_config() -> config::Config {
    config::parse_strict(
        "site.toml",
        "title = \"P\"\nbase_url = \"https://x.org/\"\ntimezone = \"Asia/Seoul\"\n[money.rates]\nKRW = 0.00073\n",
    )
    .unwrap()
}

/// Briefing-shaped text: fences, known keys with arbitrary values, a body.
fn briefing_like() -> impl Strategy<Value = String> {
    let key = prop::sample::select(vec![
        "title",
        "date",
        "slug",
        "tags",
        "deals",
        "amount",
        "investors",
        "target",
        "status",
        "companies",
        "quotes",
        "draft",
        "lang",
        "  - id",
        "    amount",
        "  - speaker",
    ]);
    let value = "[\\PC]{0,24}";
    let line = (key, value).prop_map(|(k, v)| format!("{k}: {v}\n"));
    (
        prop::collection::vec(line, 0..10),
        "\\PC{0,80}",
        any::<bool>(),
    )
        .prop_map(|(lines, body, closed)| {
            let fence = if closed { "---\n" } else { "" };
            format!("---\n{}{fence}{body}", lines.concat())
        })
}

fn parse_text(text: &str) {
    let config = site_config();
    let source = BriefingSource {
        file: SourceFile {
            rel: "content/briefings/p.md".into(),
            text: normalize_text(text.to_string()),
        },
        stem: "p".into(),
        lang: None,
        group: "p".into(),
        assets: Vec::new(),
    };
    let ctx = ParseContext {
        config: &config,
        linkers: &[],
        bodies: None,
    };
    if let Err(errors) = parse_briefing(&source, &ctx) {
        assert!(!errors.is_empty());
        for e in errors {
            assert!(e.line >= 1 && e.column >= 1);
            assert!(e.to_string().starts_with("error: content/briefings/p.md:"));
        }
    }
}

proptest! {
    #[test]
    fn no_text_panics_the_briefing_parser(text in "\\PC{0,200}") {
        parse_text(&text);
    }

    #[test]
    fn no_briefing_shaped_text_panics_the_parser(text in briefing_like()) {
        parse_text(&text);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn a_one_file_site_builds_or_reports(text in briefing_like()) {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("site.toml"), "title = \"P\"\nbase_url = \"https://x.org/sub/\"\n[money.rates]\nKRW = 0.00073\n").unwrap();
        std::fs::create_dir_all(dir.path().join("content/briefings")).unwrap();
        std::fs::write(dir.path().join("content/briefings/one.md"), &text).unwrap();
        let options = briefly::BuildOptions { root: dir.path().to_path_buf(), future: true, drafts: true, ..Default::default() };
        match briefly::build(&options) {
            Ok(summary) => prop_assert!(summary.output.join("index.html").is_file()),
            Err(briefly::Failure::Input(d)) => {
                prop_assert!(d.has_errors());
                prop_assert!(!dir.path().join("public").exists(), "a failed first build writes nothing");
            }
            Err(briefly::Failure::Environment(e)) => prop_assert!(false, "environment error: {e}"),
        }
    }
}

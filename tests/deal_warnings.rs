//! Where `briefly check` points its warnings about deals whose mentions disagree.

mod common;

use common::{CONFIG, Fixture};

/// The warnings of `check` on the site, which must pass.
fn check(f: &Fixture) -> Vec<briefly::diagnostics::Diagnostic> {
    match briefly::check(&f.options()) {
        Ok(warnings) => warnings,
        Err(briefly::Failure::Input(d)) => panic!("check failed:\n{d}"),
        Err(briefly::Failure::Environment(e)) => panic!("check failed: {e}"),
    }
}

#[test]
fn investors_that_differ_are_reported_at_the_investors_line() {
    let f = Fixture::new(CONFIG);
    // The older mention lists its investors as a block, after other keys.
    f.briefing(
        "a.md",
        "title: A\ndate: 2025-01-01\ndeals:\n  - id: d\n    target: y\n    amount: \"$1B\"\n    investors:\n      - x\n",
        "Body.\n",
    );
    f.briefing(
        "b.md",
        "title: B\ndate: 2025-01-02\ndeals:\n  - id: d\n    investors: [z]\n",
        "Body.\n",
    );
    let warnings = check(&f);
    let differ: Vec<_> = warnings
        .iter()
        .filter(|w| w.message.contains("investors"))
        .collect();
    assert_eq!(differ.len(), 1, "{warnings:#?}");
    let w = differ[0];
    assert_eq!(w.path, "content/briefings/a.md");
    assert_eq!((w.line, w.column), (8, 5), "{w}");
    assert_eq!(w.source_line.as_deref(), Some("    investors:"));
    // The mention it differs from is named by its own `investors:` line.
    assert_eq!(
        w.message,
        "deal `d`: investors x differ from z at content/briefings/b.md:6"
    );
}

#[test]
fn a_target_that_differs_is_reported_at_the_target() {
    let f = Fixture::new(CONFIG);
    f.briefing(
        "a.md",
        "title: A\ndate: 2025-01-01\ndeals:\n  - id: d\n    investors: [x]\n    target: y\n",
        "Body.\n",
    );
    f.briefing(
        "b.md",
        "title: B\ndate: 2025-01-02\ndeals:\n  - id: d\n    status: closed\n    target: y2\n",
        "Body.\n",
    );
    let warnings = check(&f);
    let w = warnings
        .iter()
        .find(|w| w.message.contains("target"))
        .unwrap_or_else(|| panic!("{warnings:#?}"));
    assert_eq!(w.path, "content/briefings/a.md");
    assert_eq!((w.line, w.column), (7, 13), "{w}");
    assert_eq!(
        w.message,
        "deal `d`: target y differs from y2 at content/briefings/b.md:7"
    );
}

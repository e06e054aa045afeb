//! Any text as an amount: parse, then format what parsed. Must not panic.
#![no_main]

use briefly::model::money::{format_amount, parse};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    if let Ok(m) = parse(text) {
        for lang in ["ko", "en"] {
            let formatted = format_amount(m.value, &m.currency, m.approx, m.bound, lang);
            // What we print must read back as the same amount.
            let again = parse(&formatted).expect("formatted money parses");
            assert_eq!(again.value, m.value, "{text:?} -> {formatted:?}");
        }
    }
});

//! Properties of the money grammar: formatting then parsing gives the same
//! amount back, an amount finer than its currency's minor unit is refused, and
//! no input whatever makes the parser panic.

use briefly::model::money::{Bound, format_amount, minor_unit, parse};
use proptest::prelude::*;
use rust_decimal::Decimal;

fn amount() -> impl Strategy<Value = Decimal> {
    prop_oneof![
        // whole amounts from one unit to a thousand trillion
        (0u64..1_000_000_000_000_000).prop_map(Decimal::from),
        // round figures as news reports them: 1.3조, 143억, $14.3B
        (1u64..100_000, 0u32..12).prop_map(|(n, e)| Decimal::from(n) * Decimal::from(10u64.pow(e))),
        // cents
        (0i64..10_000_000_000).prop_map(|c| Decimal::new(c, 2)),
    ]
}

fn bound() -> impl Strategy<Value = Option<Bound>> {
    prop_oneof![
        Just(None),
        Just(Some(Bound::UpTo)),
        Just(Some(Bound::AtLeast))
    ]
}

proptest! {
    #[test]
    fn formatting_then_parsing_gives_the_same_amount(
        value in amount(),
        currency in prop::sample::select(vec!["USD", "KRW", "EUR", "JPY", "GBP", "CNY", "CHF"]),
        lang in prop::sample::select(vec!["ko", "en"]),
        approx in any::<bool>(),
        bound in bound(),
    ) {
        // An amount is a whole number of the currency's minor unit (no cents of a won).
        let value = value.round_dp(minor_unit(currency));
        let text = format_amount(value, currency, approx, bound, lang);
        let parsed = parse(&text).map_err(|e| TestCaseError::fail(format!("{text:?}: {e}")))?;
        prop_assert_eq!(parsed.value, value.normalize(), "value of {:?}", text);
        prop_assert_eq!(parsed.currency.as_str(), currency, "currency of {:?}", text);
        prop_assert_eq!(parsed.approx, approx, "approx of {:?}", text);
        prop_assert_eq!(parsed.bound, bound, "bound of {:?}", text);
    }

    #[test]
    fn amounts_finer_than_the_minor_unit_are_rejected(
        cents in 1i64..1_000_000_000_000,
        currency in prop::sample::select(vec!["USD", "KRW", "EUR", "JPY"]),
    ) {
        // One more decimal place than the currency has, and not a round figure.
        let places = minor_unit(currency) + 1;
        let value = Decimal::new(cents * 10 + 1, places);
        let text = format!("{value} {currency}");
        let e = parse(&text).err();
        prop_assert!(e.as_deref().is_some_and(|e| e.contains("more precise")), "{:?}: {:?}", text, e);
    }

    #[test]
    fn no_string_panics_the_parser(text in "\\PC{0,40}") {
        let _ = parse(&text);
    }

    #[test]
    fn no_near_miss_panics_the_parser(text in "[0-9,. $€£¥₩억조만천백십원달러불엔약최대이상가량~()a-zA-Z\\-–]{0,24}") {
        let _ = parse(&text);
    }
}

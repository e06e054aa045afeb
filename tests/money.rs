//! The money grammar of section 6, as a golden table: every accepted form with
//! its exact value, currency and flags, and the inputs that must be rejected.

use briefly::model::money::{Bound, parse};
use briefly::parse::money_input::MoneyInput;
use rust_decimal::Decimal;
use std::str::FromStr;

const NONE: Option<Bound> = None;
const UP: Option<Bound> = Some(Bound::UpTo);
const LEAST: Option<Bound> = Some(Bound::AtLeast);

/// (input, value in major units, currency, approx, bound)
const ACCEPTED: &[(&str, &str, &str, bool, Option<Bound>)] = &[
    // symbol + number + scale
    ("$10B", "10000000000", "USD", false, NONE),
    ("$1.5 billion", "1500000000", "USD", false, NONE),
    ("US$300M", "300000000", "USD", false, NONE),
    ("€5M", "5000000", "EUR", false, NONE),
    ("£2bn", "2000000000", "GBP", false, NONE),
    ("₩13조", "13000000000000", "KRW", false, NONE),
    ("$750K", "750000", "USD", false, NONE),
    ("$2tn", "2000000000000", "USD", false, NONE),
    ("¥500M", "500000000", "JPY", false, NONE),
    ("$ 10 B", "10000000000", "USD", false, NONE),
    ("$1,500M", "1500000000", "USD", false, NONE),
    ("$0.5B", "500000000", "USD", false, NONE),
    ("$10b", "10000000000", "USD", false, NONE),
    ("US$ 1.2 billion", "1200000000", "USD", false, NONE),
    ("$10 million", "10000000", "USD", false, NONE),
    ("$3 trillion", "3000000000000", "USD", false, NONE),
    ("$40 thousand", "40000", "USD", false, NONE),
    ("$14.3B", "14300000000", "USD", false, NONE),
    ("$1,000", "1000", "USD", false, NONE),
    ("€1.25mn", "1250000", "EUR", false, NONE),
    // ISO code or word, before or after
    ("USD 10B", "10000000000", "USD", false, NONE),
    ("10 billion USD", "10000000000", "USD", false, NONE),
    ("10 billion dollars", "10000000000", "USD", false, NONE),
    ("KRW 1,300,000,000,000", "1300000000000", "KRW", false, NONE),
    ("EUR 5M", "5000000", "EUR", false, NONE),
    ("5M EUR", "5000000", "EUR", false, NONE),
    ("JPY 200B", "200000000000", "JPY", false, NONE),
    ("USD10B", "10000000000", "USD", false, NONE),
    ("CNY 1 billion", "1000000000", "CNY", false, NONE),
    ("2.5 million pounds", "2500000", "GBP", false, NONE),
    ("CHF 300M", "300000000", "CHF", false, NONE),
    ("500 million euros", "500000000", "EUR", false, NONE),
    // Korean units + currency word
    ("100억달러", "10000000000", "USD", false, NONE),
    ("100억 달러", "10000000000", "USD", false, NONE),
    ("100억불", "10000000000", "USD", false, NONE),
    ("13조원", "13000000000000", "KRW", false, NONE),
    ("13조 원", "13000000000000", "KRW", false, NONE),
    ("1조 3000억원", "1300000000000", "KRW", false, NONE),
    ("1조3천억원", "1300000000000", "KRW", false, NONE),
    ("1.3조원", "1300000000000", "KRW", false, NONE),
    ("3억5000만 달러", "350000000", "USD", false, NONE),
    ("2천만 달러", "20000000", "USD", false, NONE),
    ("3억 유로", "300000000", "EUR", false, NONE),
    ("2000억엔", "200000000000", "JPY", false, NONE),
    ("5000만 위안", "50000000", "CNY", false, NONE),
    ("1억 파운드", "100000000", "GBP", false, NONE),
    ("1천억 원", "100000000000", "KRW", false, NONE),
    ("3조 5천억 원", "3500000000000", "KRW", false, NONE),
    ("500만달러", "5000000", "USD", false, NONE),
    ("12억3456만7890원", "1234567890", "KRW", false, NONE),
    ("1천2백만 달러", "12000000", "USD", false, NONE),
    ("2조원", "2000000000000", "KRW", false, NONE),
    ("250억달러", "25000000000", "USD", false, NONE),
    ("143억 달러", "14300000000", "USD", false, NONE),
    // the traps: orders of magnitude
    ("10억 달러", "1000000000", "USD", false, NONE),
    ("1,300억원", "130000000000", "KRW", false, NONE),
    ("13,000억원", "1300000000000", "KRW", false, NONE),
    ("１００억달러", "10000000000", "USD", false, NONE),
    ("１３조 원", "13000000000000", "KRW", false, NONE),
    ("＄１０Ｂ", "10000000000", "USD", false, NONE),
    // approximately
    ("약 13조원", "13000000000000", "KRW", true, NONE),
    ("13조원가량", "13000000000000", "KRW", true, NONE),
    ("~$10B", "10000000000", "USD", true, NONE),
    ("about $10B", "10000000000", "USD", true, NONE),
    ("approx. $10B", "10000000000", "USD", true, NONE),
    ("약 143억달러", "14300000000", "USD", true, NONE),
    ("100억달러 정도", "10000000000", "USD", true, NONE),
    ("roughly €600M", "600000000", "EUR", true, NONE),
    // bounds
    ("최대 100억달러", "10000000000", "USD", false, UP),
    ("up to $4B", "4000000000", "USD", false, UP),
    ("13조원 이상", "13000000000000", "KRW", false, LEAST),
    ("more than $1B", "1000000000", "USD", false, LEAST),
    ("over $1B", "1000000000", "USD", false, LEAST),
    ("at least $2B", "2000000000", "USD", false, LEAST),
    ("290억달러 이상", "29000000000", "USD", false, LEAST),
    ("최대 약 100억달러", "10000000000", "USD", true, UP),
    ("100억달러 규모", "10000000000", "USD", false, NONE),
];

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

#[test]
fn every_accepted_form_has_its_exact_value_and_flags() {
    assert!(ACCEPTED.len() >= 60);
    for &(input, value, currency, approx, bound) in ACCEPTED {
        let m = parse(input).unwrap_or_else(|e| panic!("{input:?} was rejected: {e}"));
        assert_eq!(m.value, d(value), "value of {input:?}");
        assert_eq!(m.currency, currency, "currency of {input:?}");
        assert_eq!(m.approx, approx, "approx of {input:?}");
        assert_eq!(m.bound, bound, "bound of {input:?}");
        assert_eq!(m.text, input, "text is kept as written");
        assert!(m.equivalent.is_none());
    }
}

#[test]
fn the_stated_equivalent_is_kept_not_recomputed() {
    let cases = [
        (
            "100억달러 (약 13조원)",
            "10000000000",
            "USD",
            "13000000000000",
            "KRW",
            true,
        ),
        (
            "$10B (13조원)",
            "10000000000",
            "USD",
            "13000000000000",
            "KRW",
            false,
        ),
        (
            "250억달러(약 34조원)",
            "25000000000",
            "USD",
            "34000000000000",
            "KRW",
            true,
        ),
        (
            "13조원 (~$9.5B)",
            "13000000000000",
            "KRW",
            "9500000000",
            "USD",
            true,
        ),
    ];
    for (input, value, currency, eq_value, eq_currency, eq_approx) in cases {
        let m = parse(input).unwrap_or_else(|e| panic!("{input}: {e}"));
        assert_eq!(
            (m.value, m.currency.as_str()),
            (d(value), currency),
            "{input}"
        );
        let eq = m.equivalent.unwrap();
        assert_eq!(
            (eq.value, eq.currency.as_str(), eq.approx),
            (d(eq_value), eq_currency, eq_approx),
            "{input}"
        );
    }
}

#[test]
fn the_map_form_is_exact() {
    let map = |value: &str, currency: &str| MoneyInput::Map {
        value: value.into(),
        currency: currency.into(),
    };
    let m = map("10000000000", "USD").to_money().unwrap();
    assert_eq!(
        (m.value, m.currency.as_str(), m.approx),
        (d("10000000000"), "USD", false)
    );
    assert_eq!(
        map("1.5e9", "krw").to_money().unwrap().value,
        d("1500000000")
    );
    assert_eq!(map("0.1", "EUR").to_money().unwrap().value, d("0.1"));
    assert!(map("10", "dollars").to_money().is_err());
    assert!(map("-5", "USD").to_money().is_err());
    assert!(map("ten", "USD").to_money().is_err());
    let bare = MoneyInput::Bare("13000".into()).to_money().unwrap_err();
    assert!(bare.contains("`13000` has no currency"), "{bare}");
}

/// (input, a part of the error it must give)
const REJECTED: &[(&str, &str)] = &[
    ("100억", "has no currency"),
    ("13000", "has no currency"),
    ("10 billion", "has no currency"),
    ("수조 원", "`수조` is not a number"),
    ("$1B-$2B", "is a range"),
    ("10~20억 달러", "is a range"),
    ("$1B – $2B", "is a range"),
    ("", "empty"),
    ("$", "no number"),
    ("달러", "no number"),
    ("1,30억원", "`,` separates thousands"),
    ("$10X", "`X` is not a scale"),
    ("100억딸러", "`딸러` is not a number, a unit"),
    ("10 000 USD", "two numbers in a row"),
    ("$1.2.3B", "not a number"),
    ("억 달러", "a number must come before `억`"),
    ("3억 1조 원", "must go from large to small"),
    ("$10B EUR", "names two currencies"),
    ("-$5B", "is not a number"),
    ("1e9 USD", "`e` is not a scale"),
    ("$10B (약 13조원", "must close the amount"),
    ("$10B (a) (b)", "only one parenthesised equivalent"),
    ("최대 100억달러 이상", "one bound"),
    ("$10B (최대 13조원)", "cannot carry a bound"),
    ("$1.5 billion million", "one number and one scale"),
];

#[test]
fn rejected_inputs_say_why() {
    assert!(REJECTED.len() >= 15);
    for &(input, expected) in REJECTED {
        match parse(input) {
            Ok(m) => panic!("{input:?} should be rejected, got {m:?}"),
            Err(e) => assert!(e.contains(expected), "{input:?}: {e:?} lacks {expected:?}"),
        }
    }
}

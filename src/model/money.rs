//! Money as editors write it (`$10B`, `100억달러 (약 13조원)`, `최대 40억 달러`),
//! parsed into exact decimal values. Floats never hold an amount: a wrong order
//! of magnitude is the worst error a briefing site can make.

use jiff::civil::Date;
use rust_decimal::Decimal;
use std::collections::BTreeMap;
use std::str::FromStr;
use unicode_normalization::UnicodeNormalization;

/// What the parser accepts, shown under every money error.
pub const ACCEPTED_FORMS: &str = "accepted forms: `$10B`, `US$300M`, `€5M`, `USD 10B`, `10 billion dollars`, \
`100억달러`, `13조 원`, `1조 3000억원`, `3억5000만 달러`, `약 13조원`, `최대 100억달러`, `13조원 이상`, \
`100억달러 (약 13조원)`, or a map `{value: 10000000000, currency: USD}`";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bound {
    UpTo,
    AtLeast,
}

impl Bound {
    pub fn as_str(self) -> &'static str {
        match self {
            Bound::UpTo => "up_to",
            Bound::AtLeast => "at_least",
        }
    }
}

/// An amount in one currency, as stated in a briefing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Money {
    /// Major units (dollars, won), exact.
    pub value: Decimal,
    /// ISO 4217 code, upper-case.
    pub currency: String,
    pub approx: bool,
    pub bound: Option<Bound>,
    /// The text as the editor wrote it.
    pub text: String,
    /// A parenthesised equivalent the editor stated; kept, never recomputed.
    pub equivalent: Option<Equivalent>,
}

impl Money {
    /// Whether two amounts say the same: value, currency, approx and bound
    /// (not how they were written).
    pub fn same_amount(&self, other: &Money) -> bool {
        self.value == other.value
            && self.currency == other.currency
            && self.approx == other.approx
            && self.bound == other.bound
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Equivalent {
    pub value: Decimal,
    pub currency: String,
    pub approx: bool,
}

/// Conversion rates into the display currency: one unit of the key is worth
/// `rate` display units. `dated` (from `data/rates.csv`) holds rates over
/// time; `rates` (`[money.rates]`) stands where no dated rate applies.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Rates {
    pub display_currency: String,
    pub rates: BTreeMap<String, Decimal>,
    /// Per currency, each rate from the day it is dated.
    pub dated: BTreeMap<String, BTreeMap<Date, Decimal>>,
}

impl Rates {
    /// The rate of `currency` on day `on`: the newest dated rate on or before
    /// that day, else `[money.rates]`; 1 for the display currency itself.
    pub fn rate(&self, currency: &str, on: Date) -> Option<Decimal> {
        if currency == self.display_currency {
            return Some(Decimal::ONE);
        }
        self.dated
            .get(currency)
            .and_then(|by_day| by_day.range(..=on).next_back())
            .map(|(_, rate)| *rate)
            .or_else(|| self.rates.get(currency).copied())
    }

    /// Whether `data/rates.csv` gives any rate for `currency`.
    pub fn has_dated(&self, currency: &str) -> bool {
        self.dated.contains_key(currency)
    }

    /// The value of `value` `currency` on day `on` in the display currency,
    /// rounded to its minor unit, or `None` if no rate is known.
    pub fn convert(&self, value: Decimal, currency: &str, on: Date) -> Option<Decimal> {
        if currency == self.display_currency {
            return Some(value);
        }
        let rate = self.rate(currency, on)?;
        value
            .checked_mul(rate)
            .map(|v| v.round_dp(minor_unit(&self.display_currency)).normalize())
    }

    /// `value` `currency` on day `on` in currency `into`, through the display
    /// currency (not rounded: a figure to compare with, not to show).
    pub fn convert_into(
        &self,
        value: Decimal,
        currency: &str,
        into: &str,
        on: Date,
    ) -> Option<Decimal> {
        let display = value.checked_mul(self.rate(currency, on)?)?;
        display.checked_div(self.rate(into, on)?)
    }
}

/// The largest amount accepted, in major units: 10^18 (a million trillion).
/// Anything bigger is a slip of units, not a deal.
pub const MAX_AMOUNT: Decimal = Decimal::from_parts(0xA764_0000, 0x0DE0_B6B3, 0, false, 0);

/// Decimal places of a currency's minor unit (ISO 4217): 2 for most (cents),
/// 0 for the won and the yen, 3 for the dinars.
pub fn minor_unit(currency: &str) -> u32 {
    match currency {
        "BIF" | "CLP" | "DJF" | "GNF" | "ISK" | "JPY" | "KMF" | "KRW" | "PYG" | "RWF" | "UGX"
        | "UYI" | "VND" | "VUV" | "XAF" | "XOF" | "XPF" => 0,
        "BHD" | "IQD" | "JOD" | "KWD" | "LYD" | "OMR" | "TND" => 3,
        "CLF" | "UYW" => 4,
        _ => 2,
    }
}

/// The ISO 4217 codes in use (and the funds and metals codes), for files that
/// name currencies by code alone (`data/rates.csv`).
const ISO_4217: &[&str] = &[
    "AED", "AFN", "ALL", "AMD", "ANG", "AOA", "ARS", "AUD", "AWG", "AZN", "BAM", "BBD", "BDT",
    "BGN", "BHD", "BIF", "BMD", "BND", "BOB", "BOV", "BRL", "BSD", "BTN", "BWP", "BYN", "BZD",
    "CAD", "CDF", "CHE", "CHF", "CHW", "CLF", "CLP", "CNY", "COP", "COU", "CRC", "CUC", "CUP",
    "CVE", "CZK", "DJF", "DKK", "DOP", "DZD", "EGP", "ERN", "ETB", "EUR", "FJD", "FKP", "GBP",
    "GEL", "GHS", "GIP", "GMD", "GNF", "GTQ", "GYD", "HKD", "HNL", "HRK", "HTG", "HUF", "IDR",
    "ILS", "INR", "IQD", "IRR", "ISK", "JMD", "JOD", "JPY", "KES", "KGS", "KHR", "KMF", "KPW",
    "KRW", "KWD", "KYD", "KZT", "LAK", "LBP", "LKR", "LRD", "LSL", "LYD", "MAD", "MDL", "MGA",
    "MKD", "MMK", "MNT", "MOP", "MRU", "MUR", "MVR", "MWK", "MXN", "MXV", "MYR", "MZN", "NAD",
    "NGN", "NIO", "NOK", "NPR", "NZD", "OMR", "PAB", "PEN", "PGK", "PHP", "PKR", "PLN", "PYG",
    "QAR", "RON", "RSD", "RUB", "RWF", "SAR", "SBD", "SCR", "SDG", "SEK", "SGD", "SHP", "SLE",
    "SLL", "SOS", "SRD", "SSP", "STN", "SVC", "SYP", "SZL", "THB", "TJS", "TMT", "TND", "TOP",
    "TRY", "TTD", "TWD", "TZS", "UAH", "UGX", "USD", "USN", "UYI", "UYU", "UYW", "UZS", "VED",
    "VES", "VND", "VUV", "WST", "XAF", "XAG", "XAU", "XCD", "XCG", "XDR", "XOF", "XPD", "XPF",
    "XPT", "YER", "ZAR", "ZMW", "ZWG", "ZWL",
];

/// Whether `code` is an ISO 4217 currency code, upper-case as the standard writes it.
pub fn is_known_currency(code: &str) -> bool {
    ISO_4217.binary_search(&code).is_ok()
}

/// An amount must be a whole number of the currency's minor unit and at most
/// `MAX_AMOUNT`: `$0.001` or `₩0.5` would show as 0, and an amount over 10^18
/// is beyond what the site can show exactly.
fn check_range(value: Decimal, currency: &str) -> Result<(), String> {
    let places = minor_unit(currency);
    if value.normalize().scale() > places {
        let unit = Decimal::new(1, places);
        return Err(format!(
            "{value} {currency} is more precise than the currency's smallest unit ({unit} {currency})"
        ));
    }
    if value > MAX_AMOUNT {
        return Err(format!(
            "{} {currency} is larger than 10^18 {currency}, the largest amount accepted; check the units",
            value.normalize()
        ));
    }
    Ok(())
}

impl Money {
    /// An amount from the map form `{value, currency}`.
    pub fn from_parts(value: Decimal, currency: &str) -> Result<Money, String> {
        let code = currency.trim().to_uppercase();
        if !is_iso_code(&code) {
            return Err(format!(
                "`{currency}` is not an ISO 4217 currency code (USD, KRW, EUR, …)"
            ));
        }
        if value.is_sign_negative() {
            return Err("an amount cannot be negative".into());
        }
        check_range(value, &code)?;
        Ok(Money {
            value: value.normalize(),
            text: format!("{} {code}", value.normalize()),
            currency: code,
            approx: false,
            bound: None,
            equivalent: None,
        })
    }
}

impl FromStr for Money {
    type Err = String;

    fn from_str(text: &str) -> Result<Money, String> {
        parse(text)
    }
}

/// Parses an amount as written.
pub fn parse(text: &str) -> Result<Money, String> {
    let normal: String = text.nfkc().collect();
    let normal = normal.trim();
    if normal.is_empty() {
        return Err("the amount is empty".into());
    }
    let (main, equivalent) = split_equivalent(normal)?;
    let in_text = |e: String| {
        if e.starts_with('`') {
            e
        } else {
            format!("`{}`: {e}", text.trim())
        }
    };
    let amount = parse_stated(main).map_err(in_text)?;
    check_range(amount.value, &amount.currency).map_err(in_text)?;
    let equivalent = match equivalent {
        Some(inner) => {
            let eq = parse_stated(inner).map_err(|e| format!("in the stated equivalent: {e}"))?;
            if eq.bound.is_some() {
                return Err("a stated equivalent cannot carry a bound".into());
            }
            check_range(eq.value, &eq.currency)
                .map_err(|e| in_text(format!("in the stated equivalent: {e}")))?;
            Some(Equivalent {
                value: eq.value,
                currency: eq.currency,
                approx: eq.approx,
            })
        }
        None => None,
    };
    Ok(Money {
        value: amount.value,
        currency: amount.currency,
        approx: amount.approx,
        bound: amount.bound,
        text: text.trim().to_string(),
        equivalent,
    })
}

/// `100억달러 (약 13조원)` -> (`100억달러`, `약 13조원`).
fn split_equivalent(text: &str) -> Result<(&str, Option<&str>), String> {
    match (text.find('('), text.rfind(')')) {
        (None, None) => Ok((text, None)),
        (Some(open), Some(close)) if close == text.len() - 1 && open < close => {
            let inner = &text[open + 1..close];
            if inner.contains('(') || text[..open].contains(')') {
                return Err("only one parenthesised equivalent is allowed".into());
            }
            Ok((text[..open].trim(), Some(inner.trim())))
        }
        _ => {
            Err("a parenthesised equivalent must close the amount: `100억달러 (약 13조원)`".into())
        }
    }
}

struct Stated {
    value: Decimal,
    currency: String,
    approx: bool,
    bound: Option<Bound>,
}

const APPROX_PREFIXES: &[&str] = &[
    "approximately",
    "approx.",
    "approx",
    "roughly",
    "around",
    "about",
    "약",
    "~",
    "≈",
];
const UP_TO_PREFIXES: &[&str] = &["up to", "최대"];
const AT_LEAST_PREFIXES: &[&str] = &["more than", "at least", "over", "최소"];
const APPROX_SUFFIXES: &[&str] = &["가량", "정도", "내외", "안팎"];
const AT_LEAST_SUFFIXES: &[&str] = &["이상", "or more"];
const UP_TO_SUFFIXES: &[&str] = &["이하"];
/// Words that only say "in size", dropped: `100억달러 규모`.
const NOISE_SUFFIXES: &[&str] = &["규모"];

fn parse_stated(text: &str) -> Result<Stated, String> {
    let mut rest = text.trim();
    let mut approx = false;
    let mut bound = None;
    let set_bound = |bound: &mut Option<Bound>, b: Bound| -> Result<(), String> {
        if bound.is_some() {
            return Err(
                "an amount can have one bound (`최대`/`up to` or `이상`/`more than`), not two"
                    .into(),
            );
        }
        *bound = Some(b);
        Ok(())
    };
    loop {
        if let Some(r) = strip_prefix_word(rest, APPROX_PREFIXES) {
            approx = true;
            rest = r;
        } else if let Some(r) = strip_prefix_word(rest, UP_TO_PREFIXES) {
            set_bound(&mut bound, Bound::UpTo)?;
            rest = r;
        } else if let Some(r) = strip_prefix_word(rest, AT_LEAST_PREFIXES) {
            set_bound(&mut bound, Bound::AtLeast)?;
            rest = r;
        } else {
            break;
        }
    }
    loop {
        if let Some(r) = strip_suffix_word(rest, APPROX_SUFFIXES) {
            approx = true;
            rest = r;
        } else if let Some(r) = strip_suffix_word(rest, AT_LEAST_SUFFIXES) {
            set_bound(&mut bound, Bound::AtLeast)?;
            rest = r;
        } else if let Some(r) = strip_suffix_word(rest, UP_TO_SUFFIXES) {
            set_bound(&mut bound, Bound::UpTo)?;
            rest = r;
        } else if let Some(r) = strip_suffix_word(rest, NOISE_SUFFIXES) {
            rest = r;
        } else {
            break;
        }
    }
    let (value, currency) = parse_core(rest)?;
    Ok(Stated {
        value,
        currency,
        approx,
        bound,
    })
}

fn strip_prefix_word<'a>(text: &'a str, words: &[&str]) -> Option<&'a str> {
    for word in words {
        if text.len() >= word.len()
            && text.is_char_boundary(word.len())
            && text[..word.len()].eq_ignore_ascii_case(word)
        {
            let rest = &text[word.len()..];
            // An English word must end at a word boundary: `over` but not `overall`.
            let ascii_word = word.chars().last().is_some_and(|c| c.is_ascii_alphabetic());
            if ascii_word && rest.chars().next().is_some_and(|c| c.is_alphanumeric()) {
                continue;
            }
            return Some(rest.trim_start());
        }
    }
    None
}

fn strip_suffix_word<'a>(text: &'a str, words: &[&str]) -> Option<&'a str> {
    for word in words {
        if text.len() > word.len() {
            let cut = text.len() - word.len();
            if text.is_char_boundary(cut) && text[cut..].eq_ignore_ascii_case(word) {
                return Some(text[..cut].trim_end());
            }
        }
    }
    None
}

const SYMBOLS: &[(&str, &str)] = &[
    ("US$", "USD"),
    ("$", "USD"),
    ("₩", "KRW"),
    ("€", "EUR"),
    ("£", "GBP"),
    ("¥", "JPY"),
];

const CURRENCY_WORDS: &[(&str, &str)] = &[
    ("dollars", "USD"),
    ("dollar", "USD"),
    ("euros", "EUR"),
    ("euro", "EUR"),
    ("pounds", "GBP"),
    ("pound", "GBP"),
    ("yen", "JPY"),
    ("yuan", "CNY"),
    ("won", "KRW"),
    ("달러", "USD"),
    ("불", "USD"),
    ("원", "KRW"),
    ("유로", "EUR"),
    ("엔", "JPY"),
    ("위안", "CNY"),
    ("파운드", "GBP"),
];

const ENGLISH_SCALES: &[(&str, u32)] = &[
    ("thousand", 3),
    ("million", 6),
    ("billion", 9),
    ("trillion", 12),
    ("mn", 6),
    ("bn", 9),
    ("tn", 12),
    ("k", 3),
    ("m", 6),
    ("b", 9),
    ("t", 12),
];

fn is_iso_code(code: &str) -> bool {
    code.len() == 3 && code.chars().all(|c| c.is_ascii_uppercase())
}

/// A currency named at the start of `text`: a symbol or an ISO code.
fn leading_currency(text: &str) -> Option<(String, &str)> {
    for (symbol, code) in SYMBOLS {
        if text.len() >= symbol.len()
            && text.is_char_boundary(symbol.len())
            && text[..symbol.len()].eq_ignore_ascii_case(symbol)
        {
            return Some((code.to_string(), text[symbol.len()..].trim_start()));
        }
    }
    let head: String = text
        .chars()
        .take_while(|c| c.is_ascii_alphabetic())
        .collect();
    if is_iso_code(&head) {
        return Some((head.clone(), text[head.len()..].trim_start()));
    }
    None
}

/// A currency named at the end of `text`: a word or an ISO code.
fn trailing_currency(text: &str) -> Option<(String, &str)> {
    for (word, code) in CURRENCY_WORDS {
        let Some(cut) = text.len().checked_sub(word.len()) else {
            continue;
        };
        if !text.is_char_boundary(cut) || !text[cut..].eq_ignore_ascii_case(word) {
            continue;
        }
        let rest = &text[..cut];
        // `10 billion dollars`, but an English word glued to letters is not this word.
        if word.is_ascii() && rest.chars().last().is_some_and(|c| c.is_ascii_alphabetic()) {
            continue;
        }
        return Some((code.to_string(), rest.trim_end()));
    }
    let tail_len = text
        .chars()
        .rev()
        .take_while(|c| c.is_ascii_alphabetic())
        .count();
    let tail = &text[text.len() - tail_len..];
    if is_iso_code(tail) {
        return Some((tail.to_string(), text[..text.len() - tail_len].trim_end()));
    }
    None
}

fn parse_core(text: &str) -> Result<(Decimal, String), String> {
    if text.is_empty() {
        return Err("no number in the amount".into());
    }
    if looks_like_range(text) {
        return Err(format!(
            "`{text}` is a range; state one figure and mark it `약`/`about`, `최대`/`up to` or `이상`/`more than`"
        ));
    }
    let (lead, rest) = match leading_currency(text) {
        Some((code, rest)) => (Some(code), rest),
        None => (None, text),
    };
    let (trail, number) = match trailing_currency(rest) {
        Some((code, rest)) => (Some(code), rest),
        None => (None, rest),
    };
    let currency = match (lead, trail) {
        (Some(a), Some(b)) if a != b => {
            return Err(format!("`{text}` names two currencies, {a} and {b}"));
        }
        (Some(a), _) | (None, Some(a)) => a,
        (None, None) => {
            // A typo in a unit or currency word reads better than "no currency".
            parse_quantity(number).map_err(|e| format!("`{text}`: {e}"))?;
            return Err(format!(
                "`{text}` has no currency; add one, as in `{text}달러`, `${text}` or `{text} USD`"
            ));
        }
    };
    let value = parse_quantity(number).map_err(|e| format!("`{text}`: {e}"))?;
    Ok((value, currency))
}

fn looks_like_range(text: &str) -> bool {
    let chars: Vec<char> = text.chars().collect();
    chars.iter().enumerate().any(|(i, c)| {
        matches!(c, '-' | '~' | '–' | '—')
            && i > 0
            && chars[..i]
                .iter()
                .rev()
                .find(|c| !c.is_whitespace())
                .is_some_and(|p| p.is_ascii_digit() || "십백천만억조kmbtKMBT".contains(*p))
    })
}

/// A number with its scale: `10B`, `1.5 billion`, `1조 3000억`, `3억5000만`, `1,300,000`.
fn parse_quantity(text: &str) -> Result<Decimal, String> {
    let text = text.trim();
    let mut tokens = Vec::new();
    let mut rest = text;
    while !rest.is_empty() {
        rest = rest.trim_start();
        if rest.is_empty() {
            break;
        }
        let c = rest.chars().next().unwrap_or(' ');
        if c.is_ascii_digit() || c == '.' {
            let len = rest
                .char_indices()
                .find(|&(_, c)| !(c.is_ascii_digit() || c == '.' || c == ','))
                .map_or(rest.len(), |(i, _)| i);
            tokens.push(Token::Number(parse_number(&rest[..len])?));
            rest = &rest[len..];
        } else if let Some(exp) = korean_unit(c) {
            tokens.push(Token::Korean(exp));
            rest = &rest[c.len_utf8()..];
        } else if c.is_ascii_alphabetic() {
            let len = rest
                .char_indices()
                .find(|&(_, c)| !c.is_ascii_alphabetic())
                .map_or(rest.len(), |(i, _)| i);
            let word = rest[..len].to_ascii_lowercase();
            let exp = ENGLISH_SCALES
                .iter()
                .find(|(w, _)| *w == word)
                .map(|&(_, e)| e)
                .ok_or_else(|| {
                    format!(
                        "`{}` is not a scale (K, M, B, T, thousand, million, billion, trillion)",
                        &rest[..len]
                    )
                })?;
            tokens.push(Token::English(exp));
            rest = &rest[len..];
        } else {
            let word: String = rest
                .chars()
                .take_while(|c| !c.is_whitespace() && !c.is_ascii_digit())
                .collect();
            return Err(format!(
                "`{word}` is not a number, a unit (만, 억, 조, K, M, B, T) or a currency"
            ));
        }
    }
    evaluate(&tokens)
}

#[derive(Debug, Clone, Copy)]
enum Token {
    Number(Decimal),
    Korean(u32),
    English(u32),
}

fn korean_unit(c: char) -> Option<u32> {
    Some(match c {
        '십' => 1,
        '백' => 2,
        '천' => 3,
        '만' => 4,
        '억' => 8,
        '조' => 12,
        _ => return None,
    })
}

fn parse_number(text: &str) -> Result<Decimal, String> {
    let (int, frac) = match text.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (text, None),
    };
    if int.is_empty() || frac.is_some_and(|f| f.is_empty() || f.contains(['.', ','])) {
        return Err(format!("`{text}` is not a number"));
    }
    let groups: Vec<&str> = int.split(',').collect();
    let valid_groups = groups[0].chars().all(|c| c.is_ascii_digit())
        && !groups[0].is_empty()
        && groups[1..]
            .iter()
            .all(|g| g.len() == 3 && g.chars().all(|c| c.is_ascii_digit()));
    if !valid_groups {
        return Err(format!(
            "`{text}` is not a number (`,` separates thousands)"
        ));
    }
    let plain = match frac {
        Some(f) => format!("{}.{f}", groups.concat()),
        None => groups.concat(),
    };
    Decimal::from_str(&plain).map_err(|_| format!("`{text}` is too large"))
}

fn pow10(exp: u32) -> Decimal {
    Decimal::from_i128_with_scale(10i128.pow(exp), 0)
}

/// Evaluates number and unit tokens. Korean: 천/백/십 multiply inside a group,
/// 만/억/조 close a group, groups add (`1조 3천억` = 1.3 × 10^12). English: one
/// number and at most one scale.
fn evaluate(tokens: &[Token]) -> Result<Decimal, String> {
    let overflow = || "the amount is too large".to_string();
    if tokens.iter().any(|t| matches!(t, Token::English(_))) {
        return match tokens {
            [Token::Number(n)] => Ok(*n),
            [Token::Number(n), Token::English(e)] => n.checked_mul(pow10(*e)).ok_or_else(overflow),
            _ => Err("write one number and one scale, as in `10B` or `1.5 billion`".into()),
        };
    }
    let mut total = Decimal::ZERO;
    let mut group = Decimal::ZERO;
    let mut pending: Option<Decimal> = None;
    let mut last_big = u32::MAX;
    let mut last_small = u32::MAX;
    let mut seen_number = false;
    for token in tokens {
        match *token {
            Token::Number(n) => {
                if pending.is_some() {
                    return Err("two numbers in a row".into());
                }
                seen_number = true;
                pending = Some(n);
            }
            Token::Korean(exp) if exp < 4 => {
                if exp >= last_small {
                    return Err("units inside a group must go down: `1천2백만`".into());
                }
                last_small = exp;
                let n = pending.take().unwrap_or(Decimal::ONE);
                group = n
                    .checked_mul(pow10(exp))
                    .and_then(|v| group.checked_add(v))
                    .ok_or_else(overflow)?;
            }
            Token::Korean(exp) => {
                if exp >= last_big {
                    return Err("만/억/조 must go from large to small: `1조 3000억`".into());
                }
                last_big = exp;
                last_small = u32::MAX;
                let n = group + pending.take().unwrap_or(Decimal::ZERO);
                if n.is_zero() {
                    return Err(format!("a number must come before `{}`", unit_name(exp)));
                }
                total = n
                    .checked_mul(pow10(exp))
                    .and_then(|v| total.checked_add(v))
                    .ok_or_else(overflow)?;
                group = Decimal::ZERO;
            }
            Token::English(_) => unreachable!("handled above"),
        }
    }
    if !seen_number {
        return Err("no number in the amount".into());
    }
    total
        .checked_add(group + pending.unwrap_or(Decimal::ZERO))
        .map(|v| v.normalize())
        .ok_or_else(overflow)
}

fn unit_name(exp: u32) -> &'static str {
    match exp {
        4 => "만",
        8 => "억",
        _ => "조",
    }
}

/// How a page shows an amount, the one formatting function for every page:
/// `lang` "ko" gives 만/억/조 and a currency word (`143억 달러`, `1조 2천억 원`,
/// `약 100억 달러`, `최대 40억 달러`, `290억 달러 이상`, `6억 유로`); any other
/// language gives symbols and scales (`$14.3B`, `₩1.2T`, `about $10B`,
/// `up to $4B`, `at least $29B`, `€600M`). The value is shown exactly (round it
/// first for a converted figure); what it gives parses back to the same amount.
pub fn format_amount(
    value: Decimal,
    currency: &str,
    approx: bool,
    bound: Option<Bound>,
    lang: &str,
) -> String {
    let ko = lang == "ko";
    let flags = u8::from(approx)
        | match bound {
            None => 0,
            Some(Bound::UpTo) => 2,
            Some(Bound::AtLeast) => 4,
        }
        | if ko { 8 } else { 0 };
    let key = MemoRef {
        value: value.serialize(),
        currency,
        flags,
    };
    FIGURES.with_borrow_mut(|memo| {
        if let Some(figure) = memo.get(&key) {
            return figure.to_string();
        }
        let figure = format_amount_anew(value, currency, approx, bound, ko);
        if memo.len() >= MEMO_MAX {
            memo.clear();
        }
        memo.insert(
            MemoKey {
                value: key.value,
                currency: currency.into(),
                flags,
            },
            figure.as_str().into(),
        );
        figure
    })
}

/// How many figures a thread keeps (a few hundred bytes each) before it
/// starts again: far more than a site of 50,000 briefings shows.
const MEMO_MAX: usize = 1 << 16;

thread_local! {
    /// `format_amount`'s figures this thread has made: a deal's amount is
    /// shown on its page, its parties' pages and its briefings' pages and
    /// cards, and making one (decimal scaling, several strings) costs about
    /// fifty look-ups. Keyed by the value's exact representation (mantissa
    /// and scale), not its number, so that it never rests on the formatting
    /// showing 10.0 and 10.00 (equal decimals) alike.
    static FIGURES: std::cell::RefCell<
        hashbrown::HashMap<MemoKey, Box<str>, foldhash::fast::FixedState>,
    > = Default::default();
}

/// A figure's key as the memo keeps it; `MemoRef` is the same key borrowed,
/// hashed alike (a `str` hashes the same boxed or borrowed).
#[derive(Hash, PartialEq, Eq)]
struct MemoKey {
    value: [u8; 16],
    currency: Box<str>,
    flags: u8,
}

#[derive(Hash)]
struct MemoRef<'a> {
    value: [u8; 16],
    currency: &'a str,
    flags: u8,
}

impl hashbrown::Equivalent<MemoKey> for MemoRef<'_> {
    fn equivalent(&self, key: &MemoKey) -> bool {
        self.value == key.value && self.currency == &*key.currency && self.flags == key.flags
    }
}

/// `format_amount` without the memo.
fn format_amount_anew(
    value: Decimal,
    currency: &str,
    approx: bool,
    bound: Option<Bound>,
    ko: bool,
) -> String {
    if ko {
        let figure = format_korean(value, currency);
        let figure = if approx {
            format!("약 {figure}")
        } else {
            figure
        };
        match bound {
            Some(Bound::UpTo) => format!("최대 {figure}"),
            Some(Bound::AtLeast) => format!("{figure} 이상"),
            None => figure,
        }
    } else {
        let figure = format_english(value, currency);
        let figure = if approx {
            format!("about {figure}")
        } else {
            figure
        };
        match bound {
            Some(Bound::UpTo) => format!("up to {figure}"),
            Some(Bound::AtLeast) => format!("at least {figure}"),
            None => figure,
        }
    }
}

/// Rounds to three significant figures: a converted amount is an estimate and
/// should not pretend to more precision than its rate.
pub fn round_significant(value: Decimal) -> Decimal {
    if value.is_zero() {
        return value;
    }
    let digits = value
        .trunc()
        .abs()
        .to_string()
        .trim_start_matches('0')
        .len() as i64;
    let keep = 3 - digits;
    if keep >= 0 {
        value.round_dp(keep as u32).normalize()
    } else {
        let factor = pow10((-keep) as u32);
        ((value / factor).round() * factor).normalize()
    }
}

fn symbol_of(currency: &str) -> Option<&'static str> {
    Some(match currency {
        "USD" => "$",
        "EUR" => "€",
        "GBP" => "£",
        "JPY" => "¥",
        "KRW" => "₩",
        _ => return None,
    })
}

fn korean_word_of(currency: &str) -> Option<&'static str> {
    Some(match currency {
        "USD" => "달러",
        "KRW" => "원",
        "EUR" => "유로",
        "JPY" => "엔",
        "CNY" => "위안",
        "GBP" => "파운드",
        _ => return None,
    })
}

fn format_english(value: Decimal, currency: &str) -> String {
    let (scaled, suffix) = [(12, "T"), (9, "B"), (6, "M"), (3, "K")]
        .iter()
        .find(|(exp, _)| value >= pow10(*exp))
        .map(|&(exp, s)| ((value / pow10(exp)).normalize(), s))
        .unwrap_or((value.normalize(), ""));
    let number = group_thousands(&scaled.to_string(), ",");
    match symbol_of(currency) {
        Some(symbol) => format!("{symbol}{number}{suffix}"),
        None => format!("{currency} {number}{suffix}"),
    }
}

fn format_korean(value: Decimal, currency: &str) -> String {
    let whole = value.trunc();
    let fraction = (value - whole).normalize();
    let mut parts = Vec::new();
    let mut rest = whole;
    for (exp, unit) in [(12, "조"), (8, "억"), (4, "만")] {
        let unit_value = pow10(exp);
        let count = (rest / unit_value).trunc();
        if !count.is_zero() {
            parts.push(format!("{}{unit}", korean_group(count)));
        }
        rest -= count * unit_value;
    }
    let tail = rest + fraction;
    if !tail.is_zero() || parts.is_empty() {
        parts.push(tail.normalize().to_string());
    }
    let word = korean_word_of(currency).unwrap_or(currency);
    format!("{} {word}", parts.join(" "))
}

/// The count before 만/억/조: `2천` for a round thousand (`1조 2천억`, `5천만`),
/// else its digits, with `,` only past four of them (`1,000조`).
fn korean_group(count: Decimal) -> String {
    let thousand = Decimal::from(1000);
    if count < Decimal::from(10_000) && count >= thousand && (count % thousand).is_zero() {
        return format!("{}천", count / thousand);
    }
    if count < Decimal::from(10_000) {
        count.to_string()
    } else {
        group_thousands(&count.to_string(), ",")
    }
}

fn group_thousands(number: &str, sep: &str) -> String {
    let (int, frac) = match number.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (number, None),
    };
    let mut out = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push_str(sep);
        }
        out.push(c);
    }
    if let Some(f) = frac {
        out.push('.');
        out.push_str(f);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// A figure from the memo is the figure made anew, whatever was
        /// asked before it (values equal as numbers come with other scales:
        /// `1.5`, `1.50`).
        #[test]
        fn remembered_figures_are_made_anew(
            asks in proptest::collection::vec(
                (0i64..30_000, 0u32..4, 0usize..3, proptest::bool::ANY, 0usize..3, proptest::bool::ANY),
                1..40,
            )
        ) {
            for (mantissa, scale, currency, approx, bound, ko) in asks {
                let value = Decimal::new(mantissa * 10i64.pow(scale), scale * 2);
                let currency = ["USD", "KRW", "XYZ"][currency];
                let bound = [None, Some(Bound::UpTo), Some(Bound::AtLeast)][bound];
                let lang = if ko { "ko" } else { "en" };
                for _ in 0..2 {
                    proptest::prop_assert_eq!(
                        format_amount(value, currency, approx, bound, lang),
                        format_amount_anew(value, currency, approx, bound, ko)
                    );
                }
            }
        }
    }

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    fn value_of(text: &str) -> (Decimal, String) {
        let m = parse(text).unwrap_or_else(|e| panic!("{text}: {e}"));
        (m.value, m.currency)
    }

    #[test]
    fn common_forms_have_exact_values() {
        let cases = [
            ("$10B", "10000000000", "USD"),
            ("$1.5 billion", "1500000000", "USD"),
            ("US$300M", "300000000", "USD"),
            ("€5M", "5000000", "EUR"),
            ("£2bn", "2000000000", "GBP"),
            ("₩13조", "13000000000000", "KRW"),
            ("$750K", "750000", "USD"),
            ("$2tn", "2000000000000", "USD"),
            ("USD 10B", "10000000000", "USD"),
            ("10 billion USD", "10000000000", "USD"),
            ("10 billion dollars", "10000000000", "USD"),
            ("KRW 1,300,000,000,000", "1300000000000", "KRW"),
            ("100억달러", "10000000000", "USD"),
            ("100억 달러", "10000000000", "USD"),
            ("100억불", "10000000000", "USD"),
            ("10억 달러", "1000000000", "USD"),
            ("13조원", "13000000000000", "KRW"),
            ("13조 원", "13000000000000", "KRW"),
            ("1조 3000억원", "1300000000000", "KRW"),
            ("1조3천억원", "1300000000000", "KRW"),
            ("1.3조원", "1300000000000", "KRW"),
            ("1,300억원", "130000000000", "KRW"),
            ("13,000억원", "1300000000000", "KRW"),
            ("3억5000만 달러", "350000000", "USD"),
            ("2천만 달러", "20000000", "USD"),
            ("3억 유로", "300000000", "EUR"),
            ("2000억엔", "200000000000", "JPY"),
            ("１００억달러", "10000000000", "USD"),
        ];
        for (text, value, currency) in cases {
            assert_eq!(value_of(text), (d(value), currency.to_string()), "{text}");
        }
    }

    #[test]
    fn approximation_and_bounds() {
        let m = parse("약 13조원").unwrap();
        assert!(m.approx && m.bound.is_none());
        assert!(parse("13조원가량").unwrap().approx);
        assert!(parse("~$10B").unwrap().approx);
        assert!(parse("about $10B").unwrap().approx);
        assert!(parse("approx. $10B").unwrap().approx);
        assert_eq!(parse("최대 100억달러").unwrap().bound, Some(Bound::UpTo));
        assert_eq!(parse("up to $4B").unwrap().bound, Some(Bound::UpTo));
        assert_eq!(parse("13조원 이상").unwrap().bound, Some(Bound::AtLeast));
        assert_eq!(parse("more than $1B").unwrap().bound, Some(Bound::AtLeast));
        assert_eq!(parse("over $1B").unwrap().bound, Some(Bound::AtLeast));
    }

    #[test]
    fn stated_equivalent_is_kept() {
        let m = parse("100억달러 (약 13조원)").unwrap();
        assert_eq!((m.value, m.currency.as_str()), (d("10000000000"), "USD"));
        assert_eq!(m.text, "100억달러 (약 13조원)");
        let eq = m.equivalent.unwrap();
        assert_eq!(
            (eq.value, eq.currency.as_str(), eq.approx),
            (d("13000000000000"), "KRW", true)
        );
    }

    #[test]
    fn rejects_what_is_not_an_amount() {
        for bad in [
            "100억",
            "수조 원",
            "$1B-$2B",
            "10~20억 달러",
            "",
            "$",
            "달러",
            "1,30억원",
            "$10X",
            "10억 달러 USD EUR",
        ] {
            assert!(parse(bad).is_err(), "{bad} should be rejected");
        }
        assert!(parse("100억").unwrap_err().contains("no currency"));
        assert!(parse("$1B-$2B").unwrap_err().contains("range"));
    }

    #[test]
    fn converts_with_rates() {
        let rates = Rates {
            display_currency: "USD".into(),
            rates: [("KRW".to_string(), d("0.00073"))].into(),
            ..Rates::default()
        };
        let on = "2025-06-10".parse::<Date>().unwrap();
        assert_eq!(
            rates.convert(d("13000000000000"), "KRW", on),
            Some(d("9490000000"))
        );
        assert_eq!(rates.convert(d("5"), "USD", on), Some(d("5")));
        assert_eq!(rates.convert(d("5"), "EUR", on), None);
    }

    /// (value, currency, approx, bound, lang, shown).
    type Shown = (
        &'static str,
        &'static str,
        bool,
        Option<Bound>,
        &'static str,
        &'static str,
    );

    /// How pages show money, by language.
    const SHOWN: &[Shown] = &[
        // Korean: 만/억/조 and a currency word
        ("14300000000", "USD", false, None, "ko", "143억 달러"),
        ("10000000000", "USD", false, None, "ko", "100억 달러"),
        ("10000000000", "USD", true, None, "ko", "약 100억 달러"),
        (
            "4000000000",
            "USD",
            false,
            Some(Bound::UpTo),
            "ko",
            "최대 40억 달러",
        ),
        (
            "29000000000",
            "USD",
            false,
            Some(Bound::AtLeast),
            "ko",
            "290억 달러 이상",
        ),
        (
            "29000000000",
            "USD",
            true,
            Some(Bound::AtLeast),
            "ko",
            "약 290억 달러 이상",
        ),
        (
            "4000000000",
            "USD",
            true,
            Some(Bound::UpTo),
            "ko",
            "최대 약 40억 달러",
        ),
        ("2000000000", "USD", false, None, "ko", "20억 달러"),
        ("350000000", "USD", false, None, "ko", "3억 5천만 달러"),
        ("750000", "USD", false, None, "ko", "75만 달러"),
        ("20000000", "USD", false, None, "ko", "2천만 달러"),
        (
            "14312345678",
            "USD",
            false,
            None,
            "ko",
            "143억 1234만 5678 달러",
        ),
        ("12.5", "USD", false, None, "ko", "12.5 달러"),
        ("1200000000000", "KRW", false, None, "ko", "1조 2천억 원"),
        ("1300000000000", "KRW", true, None, "ko", "약 1조 3천억 원"),
        (
            "13000000000000",
            "KRW",
            false,
            Some(Bound::AtLeast),
            "ko",
            "13조 원 이상",
        ),
        (
            "19600000000000",
            "KRW",
            true,
            None,
            "ko",
            "약 19조 6천억 원",
        ),
        ("1234500000000", "KRW", false, None, "ko", "1조 2345억 원"),
        ("50000000", "KRW", false, None, "ko", "5천만 원"),
        ("15000", "KRW", false, None, "ko", "1만 5000 원"),
        ("800", "KRW", false, None, "ko", "800 원"),
        ("10000000000000000", "KRW", false, None, "ko", "10,000조 원"),
        ("600000000", "EUR", false, None, "ko", "6억 유로"),
        ("5000000", "EUR", true, None, "ko", "약 500만 유로"),
        ("200000000000", "JPY", false, None, "ko", "2천억 엔"),
        (
            "2000000000",
            "GBP",
            false,
            Some(Bound::UpTo),
            "ko",
            "최대 20억 파운드",
        ),
        ("1500000", "CNY", false, None, "ko", "150만 위안"),
        ("100000000", "CHF", false, None, "ko", "1억 CHF"),
        // English: symbols and scales
        ("14300000000", "USD", false, None, "en", "$14.3B"),
        ("10000000000", "USD", true, None, "en", "about $10B"),
        (
            "4000000000",
            "USD",
            false,
            Some(Bound::UpTo),
            "en",
            "up to $4B",
        ),
        (
            "29000000000",
            "USD",
            false,
            Some(Bound::AtLeast),
            "en",
            "at least $29B",
        ),
        (
            "29000000000",
            "USD",
            true,
            Some(Bound::AtLeast),
            "en",
            "at least about $29B",
        ),
        (
            "4000000000",
            "USD",
            true,
            Some(Bound::UpTo),
            "en",
            "up to about $4B",
        ),
        ("750000", "USD", false, None, "en", "$750K"),
        ("2000000000000", "USD", false, None, "en", "$2T"),
        ("14312345678", "USD", false, None, "en", "$14.312345678B"),
        ("999", "USD", false, None, "en", "$999"),
        ("12.5", "USD", false, None, "en", "$12.5"),
        ("1200000000000", "KRW", false, None, "en", "₩1.2T"),
        ("13000000000000", "KRW", true, None, "en", "about ₩13T"),
        ("50000000", "KRW", false, None, "en", "₩50M"),
        ("1234500000000", "KRW", false, None, "en", "₩1.2345T"),
        ("600000000", "EUR", false, None, "en", "€600M"),
        (
            "5000000",
            "EUR",
            false,
            Some(Bound::AtLeast),
            "en",
            "at least €5M",
        ),
        ("200000000000", "JPY", false, None, "en", "¥200B"),
        ("2000000000", "GBP", true, None, "en", "about £2B"),
        ("1500000", "CNY", false, None, "en", "CNY 1.5M"),
        (
            "100000000",
            "CHF",
            false,
            Some(Bound::UpTo),
            "en",
            "up to CHF 100M",
        ),
        ("1000000000000000", "USD", false, None, "en", "$1,000T"),
    ];

    #[test]
    fn formats_each_amount_in_the_page_language() {
        assert!(SHOWN.len() >= 40);
        let mut wrong = Vec::new();
        for &(value, currency, approx, bound, lang, shown) in SHOWN {
            let got = format_amount(d(value), currency, approx, bound, lang);
            if got != shown {
                wrong.push(format!(
                    "{value} {currency} {approx} {bound:?} {lang}: {got:?}, not {shown:?}"
                ));
            }
            let back = parse(&got).unwrap_or_else(|e| panic!("{got:?} does not parse: {e}"));
            assert_eq!(
                (back.value, back.currency.as_str(), back.approx, back.bound),
                (d(value), currency, approx, bound),
                "{got:?} parses back to another amount"
            );
        }
        assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    }

    #[test]
    fn formatted_amounts_parse_back_to_the_same_value() {
        for v in [
            "10000000000",
            "1300000000000",
            "350000000",
            "12345.5",
            "999",
        ] {
            for lang in ["ko", "en"] {
                let text = format_amount(d(v), "USD", false, None, lang);
                assert_eq!(parse(&text).unwrap().value, d(v), "{text}");
            }
        }
    }

    #[test]
    fn amounts_finer_than_the_minor_unit_are_rejected() {
        assert_eq!(value_of("$0.01"), (d("0.01"), "USD".into()));
        assert_eq!(value_of("$1.50"), (d("1.5"), "USD".into()));
        assert_eq!(
            value_of("$1.000"),
            (d("1"), "USD".into()),
            "zeros add no precision"
        );
        assert_eq!(value_of("1.5만원"), (d("15000"), "KRW".into()));
        for bad in [
            "$0.001",
            "€12.345",
            "₩0.5",
            "1.5 KRW",
            "¥10.1",
            "$1.5 (약 ₩1.5)",
        ] {
            let e = parse(bad).unwrap_err();
            assert!(e.contains("more precise than"), "{bad}: {e}");
            assert!(e.contains(&format!("`{bad}`")), "{bad} names the text: {e}");
        }
        assert!(parse("$0.001").unwrap_err().contains("(0.01 USD)"));
        assert!(parse("₩0.5").unwrap_err().contains("(1 KRW)"));
        assert!(parse("KWD 1.234").is_ok(), "the dinar has three places");
        assert!(Money::from_parts(d("0.001"), "USD").is_err());
        assert!(Money::from_parts(d("0.01"), "USD").is_ok());
    }

    #[test]
    fn amounts_over_ten_to_the_eighteenth_are_rejected() {
        assert_eq!(MAX_AMOUNT, d("1000000000000000000"));
        assert_eq!(
            value_of("$123456789012345678.99"),
            (d("123456789012345678.99"), "USD".into())
        );
        assert_eq!(
            value_of("$1000000000000000000"),
            (MAX_AMOUNT, "USD".into()),
            "10^18 itself is accepted"
        );
        for bad in ["$1000000000000000000.01", "$2000000T", "10000000조 원"] {
            let e = parse(bad).unwrap_err();
            assert!(e.contains("larger than 10^18"), "{bad}: {e}");
        }
        assert!(Money::from_parts(d("1e19"), "USD").is_err());
    }

    #[test]
    fn conversion_rounds_to_the_display_currency_unit() {
        let to_krw = Rates {
            display_currency: "KRW".into(),
            rates: [("USD".to_string(), d("1371.5"))].into(),
            ..Rates::default()
        };
        let on = "2025-06-10".parse::<Date>().unwrap();
        assert_eq!(to_krw.convert(d("0.33"), "USD", on), Some(d("453")));
        let to_usd = Rates {
            display_currency: "USD".into(),
            rates: [("KRW".to_string(), d("0.00073"))].into(),
            ..Rates::default()
        };
        assert_eq!(to_usd.convert(d("1234"), "KRW", on), Some(d("0.9")));
    }

    #[test]
    fn the_currency_list_is_sorted_and_upper_case() {
        assert!(ISO_4217.windows(2).all(|w| w[0] < w[1]));
        assert!(is_known_currency("KRW") && is_known_currency("CNY"));
        assert!(!is_known_currency("krw") && !is_known_currency("KRX"));
    }

    #[test]
    fn dated_rates_apply_from_their_day_and_fall_back_to_the_fixed_ones() {
        let day = |s: &str| s.parse::<Date>().unwrap();
        let rates = Rates {
            display_currency: "USD".into(),
            rates: [("KRW".to_string(), d("0.00073"))].into(),
            dated: [(
                "KRW".to_string(),
                [
                    (day("2023-01-01"), d("0.00077")),
                    (day("2024-01-01"), d("0.00075")),
                ]
                .into(),
            )]
            .into(),
        };
        let on = |s: &str| rates.rate("KRW", day(s));
        assert_eq!(on("2022-12-31"), Some(d("0.00073")), "before every row");
        assert_eq!(on("2023-01-01"), Some(d("0.00077")), "on the row's day");
        assert_eq!(on("2023-12-31"), Some(d("0.00077")));
        assert_eq!(
            on("2024-06-10"),
            Some(d("0.00075")),
            "the newest row before"
        );
        assert_eq!(rates.rate("USD", day("2020-01-01")), Some(Decimal::ONE));
        assert_eq!(rates.rate("EUR", day("2024-01-01")), None);
        assert_eq!(
            rates.convert(d("1000000"), "KRW", day("2023-06-01")),
            Some(d("770"))
        );
        assert_eq!(
            rates.convert(d("1000000"), "KRW", day("2024-06-01")),
            Some(d("750"))
        );
        // 10억 달러 in won at the 2024 rate: 1,000,000,000 / 0.00075.
        assert_eq!(
            rates
                .convert_into(d("1000000000"), "USD", "KRW", day("2024-06-01"))
                .map(|v| v.round()),
            Some(d("1333333333333"))
        );
        let fixed_only = Rates {
            dated: BTreeMap::new(),
            ..rates.clone()
        };
        assert_eq!(
            fixed_only.rate("KRW", day("2023-06-01")),
            Some(d("0.00073"))
        );
    }

    #[test]
    fn significant_rounding() {
        assert_eq!(round_significant(d("9490000000")), d("9490000000"));
        assert_eq!(round_significant(d("9494999999.5")), d("9490000000"));
        assert_eq!(round_significant(d("1.23456")), d("1.23"));
    }
}

//! `data/rates.csv`: conversion rates over time. A header line
//! `date,currency,rate`, then one rate a line — `2024-01-02,KRW,0.00075`, in
//! display-currency units per unit, as under `[money.rates]`. Blank lines and
//! `#` comment lines are skipped. Every bad row is reported, each at its
//! `LINE:COLUMN`.

use crate::diagnostics::Diagnostic;
use crate::load::SourceFile;
use crate::model::money::is_known_currency;
use jiff::civil::Date;
use rust_decimal::Decimal;
use std::collections::BTreeMap;
use std::str::FromStr;

/// Rates by currency, each from the day it is dated.
pub type DatedRates = BTreeMap<String, BTreeMap<Date, Decimal>>;

const HEADER: [&str; 3] = ["date", "currency", "rate"];

const ROW_HELP: &str = "each line is `date,currency,rate`, as in `2024-01-02,KRW,0.00075`: \
the value of one unit in the display currency from that day on";

/// One comma-separated field: its text, trimmed, and the 1-based character
/// column where that text starts.
struct Field<'a> {
    text: &'a str,
    column: usize,
}

fn fields(line: &str) -> Vec<Field<'_>> {
    let mut out = Vec::new();
    let mut column = 1;
    for raw in line.split(',') {
        let lead = raw.chars().take_while(|c| c.is_whitespace()).count();
        out.push(Field {
            text: raw.trim(),
            column: column + lead,
        });
        column += raw.chars().count() + 1;
    }
    out
}

/// Reads `file`, rates into `display_currency`; every problem at once.
pub fn parse_rates(
    file: &SourceFile,
    display_currency: &str,
) -> Result<DatedRates, Vec<Diagnostic>> {
    let mut errors = Vec::new();
    let mut rates = DatedRates::new();
    // Where each (currency, day) was first given, to name it on a repeat.
    let mut first_line: BTreeMap<(String, Date), usize> = BTreeMap::new();
    let mut header_seen = false;
    for (i, line) in file.text.split('\n').enumerate() {
        let number = i + 1;
        let trimmed = line.trim();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        let error = |column: usize, message: String| {
            Diagnostic::error(&file.rel, &file.text, number, column, message)
        };
        let cells = fields(line);
        if !header_seen {
            header_seen = true;
            let names: Vec<String> = cells.iter().map(|f| f.text.to_lowercase()).collect();
            if names != HEADER {
                errors.push(
                    error(
                        1,
                        "the first line must be the header `date,currency,rate`".to_string(),
                    )
                    .with_help(ROW_HELP),
                );
            }
            continue;
        }
        if cells.len() != 3 {
            let column = match cells.get(3) {
                Some(extra) => extra.column,
                None => line.chars().count() + 1,
            };
            errors.push(
                error(
                    column,
                    format!(
                        "expected 3 columns (date,currency,rate), found {}",
                        cells.len()
                    ),
                )
                .with_help(ROW_HELP),
            );
            continue;
        }
        let (date, currency, rate) = (&cells[0], &cells[1], &cells[2]);
        let day = read_date(date.text).map_err(|e| errors.push(error(date.column, e)));
        let code = read_currency(currency.text, display_currency)
            .map_err(|e| errors.push(error(currency.column, e)));
        let value = read_rate(rate.text).map_err(|e| errors.push(error(rate.column, e)));
        let (Ok(day), Ok(code), Ok(value)) = (day, code, value) else {
            continue;
        };
        if let Some(earlier) = first_line.get(&(code.clone(), day)) {
            errors.push(error(
                date.column,
                format!("a second rate for {code} on {day}; line {earlier} gives one already"),
            ));
            continue;
        }
        first_line.insert((code.clone(), day), number);
        rates.entry(code).or_default().insert(day, value);
    }
    if errors.is_empty() {
        Ok(rates)
    } else {
        Err(errors)
    }
}

/// `YYYY-MM-DD`, a day that exists.
fn read_date(text: &str) -> Result<Date, String> {
    if text.is_empty() {
        return Err("the date is missing; write YYYY-MM-DD (2024-01-02)".into());
    }
    let shaped = text.len() == 10
        && text.bytes().enumerate().all(|(i, b)| {
            if i == 4 || i == 7 {
                b == b'-'
            } else {
                b.is_ascii_digit()
            }
        });
    if !shaped {
        return Err(format!(
            "`{text}` is not a date; write YYYY-MM-DD (2024-01-02)"
        ));
    }
    text.parse::<Date>()
        .map_err(|_| format!("`{text}` is not a valid date: no such day"))
}

/// An upper-case ISO 4217 code other than the display currency.
fn read_currency(text: &str, display_currency: &str) -> Result<String, String> {
    if text.is_empty() {
        return Err("the currency is missing; write an ISO 4217 code such as KRW".into());
    }
    if !is_known_currency(text) {
        let upper = text.to_uppercase();
        return Err(if is_known_currency(&upper) {
            format!("currency codes are upper-case: write `{upper}`, not `{text}`")
        } else {
            format!("`{text}` is not an ISO 4217 currency code (KRW, EUR, JPY, GBP, CNY, …)")
        });
    }
    if text == display_currency {
        return Err(format!(
            "{text} is the display currency: its rate is always 1"
        ));
    }
    Ok(text.to_string())
}

/// A positive decimal number: digits, with a `.` and digits after it or not.
fn read_rate(text: &str) -> Result<Decimal, String> {
    if text.is_empty() {
        return Err("the rate is missing; write a decimal number such as 0.00075".into());
    }
    let unsigned = text.strip_prefix(['-', '+']).unwrap_or(text);
    let decimal = |s: &str| {
        let (int, frac) = s.split_once('.').unwrap_or((s, "0"));
        !int.is_empty()
            && !frac.is_empty()
            && int.bytes().all(|b| b.is_ascii_digit())
            && frac.bytes().all(|b| b.is_ascii_digit())
    };
    if !decimal(unsigned) {
        return Err(format!(
            "the rate `{text}` is not a decimal number; write digits with a `.`, as in 0.00075"
        ));
    }
    let value = Decimal::from_str(unsigned)
        .map_err(|_| format!("the rate `{text}` has too many digits"))?;
    if text.starts_with('-') || value.is_zero() {
        return Err(format!("the rate `{text}` must be more than 0"));
    }
    Ok(value.normalize())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Result<DatedRates, Vec<String>> {
        let file = SourceFile {
            rel: "data/rates.csv".into(),
            text: text.into(),
        };
        parse_rates(&file, "USD").map_err(|ds| {
            ds.iter()
                .map(|d| format!("{}:{} {}", d.line, d.column, d.message))
                .collect()
        })
    }

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    fn day(s: &str) -> Date {
        s.parse().unwrap()
    }

    #[test]
    fn good_rows_with_comments_and_blank_lines() {
        let rates = read(
            "# Bank of Korea yearly averages\ndate,currency,rate\n2023-01-01,KRW,0.000766\n\n  # a note\n2024-01-01, KRW , 0.000734\n2024-01-01,EUR,1.0820\n",
        )
        .unwrap();
        assert_eq!(
            rates["KRW"],
            [
                (day("2023-01-01"), d("0.000766")),
                (day("2024-01-01"), d("0.000734"))
            ]
            .into()
        );
        assert_eq!(rates["EUR"][&day("2024-01-01")], d("1.082"));
        assert_eq!(rates.len(), 2);
    }

    #[test]
    fn the_header_may_be_any_case_and_is_required() {
        assert!(read("Date, Currency, Rate\n2024-01-01,KRW,0.00075\n").is_ok());
        assert!(read("").unwrap().is_empty(), "an empty file has no rates");
        assert_eq!(
            read("2024-01-01,KRW,0.00075\n").unwrap_err(),
            ["1:1 the first line must be the header `date,currency,rate`"]
        );
    }

    #[test]
    fn each_bad_row_is_reported_at_its_line_and_column() {
        let errors = read(concat!(
            "date,currency,rate\n",
            "2024-13-01,KRW,0.00075\n",
            "2024/01/01,KRW,0.00075\n",
            "2024-01-01,krw,0.00075\n",
            "2024-01-01,KRX,0.00075\n",
            "2024-01-01,EUR,0\n",
            "2024-01-01,EUR,-1.08\n",
            "2024-01-01,EUR,1,08\n",
            "2024-01-01,EUR\n",
            "2024-01-01,JPY,abc\n",
            "2024-01-01,JPY,1e-3\n",
            "2024-01-01,USD,1\n",
            "2024-01-01,GBP,1.27\n",
            "2024-01-01,GBP,1.28\n",
            "x,abc,\n",
        ))
        .unwrap_err();
        assert_eq!(
            errors,
            [
                "2:1 `2024-13-01` is not a valid date: no such day",
                "3:1 `2024/01/01` is not a date; write YYYY-MM-DD (2024-01-02)",
                "4:12 currency codes are upper-case: write `KRW`, not `krw`",
                "5:12 `KRX` is not an ISO 4217 currency code (KRW, EUR, JPY, GBP, CNY, …)",
                "6:16 the rate `0` must be more than 0",
                "7:16 the rate `-1.08` must be more than 0",
                "8:18 expected 3 columns (date,currency,rate), found 4",
                "9:15 expected 3 columns (date,currency,rate), found 2",
                "10:16 the rate `abc` is not a decimal number; write digits with a `.`, as in 0.00075",
                "11:16 the rate `1e-3` is not a decimal number; write digits with a `.`, as in 0.00075",
                "12:12 USD is the display currency: its rate is always 1",
                "14:1 a second rate for GBP on 2024-01-01; line 13 gives one already",
                "15:1 `x` is not a date; write YYYY-MM-DD (2024-01-02)",
                "15:3 `abc` is not an ISO 4217 currency code (KRW, EUR, JPY, GBP, CNY, …)",
                "15:7 the rate is missing; write a decimal number such as 0.00075",
            ]
        );
    }

    #[test]
    fn columns_count_characters_after_leading_spaces() {
        let errors = read("date,currency,rate\n  2024-01-01 ,  KRW,  .5\n").unwrap_err();
        assert_eq!(
            errors,
            ["2:23 the rate `.5` is not a decimal number; write digits with a `.`, as in 0.00075"]
        );
    }
}

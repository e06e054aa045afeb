//! `/api/deals.csv` and `/api/companies.csv` (section 7): the data of the
//! JSON API (`api`) as CSV for spreadsheets. RFC 4180: CRLF after every
//! record, a field quoted when it holds `,`, `"`, CR or LF, a quote inside
//! doubled. UTF-8 with a byte order mark, so spreadsheet programs read
//! Hangul. One row per deal (newest first) or company (by id), lists joined
//! by `;`, money as exact decimal digits (never through a float), booleans as
//! `true`/`false`, nothing (an empty field) where the JSON has `null`.

use crate::index::{Site, Total};
use crate::model::money::{Bound, Money};
use crate::paths::{company_path, deal_path};
use crate::plan::ApiFile;
use rust_decimal::Decimal;

/// The byte order mark that starts each file.
pub const BOM: &str = "\u{feff}";

pub const DEAL_COLUMNS: &[&str] = &[
    "id",
    "type",
    "round",
    "status",
    "date",
    "investors",
    "lead",
    "target",
    "amount_value",
    "amount_currency",
    "amount_approx",
    "amount_bound",
    "amount_text",
    "amount_display",
    "disclosed",
    "valuation_value",
    "valuation_currency",
    "valuation_text",
    "valuation_basis",
    "stake",
    "url",
    "briefings",
];

pub const COMPANY_COLUMNS: &[&str] = &[
    "id",
    "name",
    "aliases",
    "url",
    "registered",
    "briefings",
    "deals_as_investor",
    "deals_as_target",
    "invested_total_value",
    "invested_total_currency",
    "raised_total_value",
    "raised_total_currency",
];

/// The bytes of `/api/deals.csv` or `/api/companies.csv`.
pub fn render(site: &Site, file: ApiFile) -> Vec<u8> {
    match file {
        ApiFile::DealsCsv => deals(site),
        ApiFile::CompaniesCsv => companies(site),
        _ => String::new(),
    }
    .into_bytes()
}

/// One field as RFC 4180 writes it.
pub fn push_field(out: &mut String, text: &str) {
    if text.contains([',', '"', '\r', '\n']) {
        out.push('"');
        out.push_str(&text.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(text);
    }
}

/// One record: its fields, `,` between them, CRLF after.
pub fn push_record<S: AsRef<str>>(out: &mut String, fields: &[S]) {
    for (n, field) in fields.iter().enumerate() {
        if n > 0 {
            out.push(',');
        }
        push_field(out, field.as_ref());
    }
    out.push_str("\r\n");
}

/// A decimal's exact digits, as the JSON API writes them.
fn digits(d: Decimal) -> String {
    d.normalize().to_string()
}

fn boolean(b: bool) -> String {
    if b { "true" } else { "false" }.to_string()
}

fn list<S: AsRef<str>>(items: impl IntoIterator<Item = S>) -> String {
    items
        .into_iter()
        .map(|s| s.as_ref().to_string())
        .collect::<Vec<_>>()
        .join(";")
}

fn slugs(site: &Site, list_of: &[usize]) -> String {
    list(
        list_of
            .iter()
            .map(|&i| site.briefings[i].briefing.slug.as_str()),
    )
}

fn deals(site: &Site) -> String {
    let mut out = String::from(BOM);
    push_record(&mut out, DEAL_COLUMNS);
    let rates = &site.config.rates;
    for d in &site.deals {
        let amount: Option<&Money> = d.amount.as_ref().map(|s| &s.money);
        let display = d
            .amount
            .as_ref()
            .and_then(|s| rates.convert(s.money.value, &s.money.currency, s.date));
        let valuation: Option<&Money> = d.valuation.as_ref().map(|s| &s.money);
        let text = |m: Option<&Money>, f: fn(&Money) -> String| m.map(f).unwrap_or_default();
        push_record(
            &mut out,
            &[
                d.id.clone(),
                d.kind.as_str().to_string(),
                d.round.map(|r| r.as_str()).unwrap_or_default(),
                d.status.as_str().to_string(),
                d.date.ymd(),
                list(&d.investors),
                list(&d.lead),
                d.target.clone(),
                text(amount, |m| digits(m.value)),
                text(amount, |m| m.currency.clone()),
                text(amount, |m| boolean(m.approx)),
                text(amount, |m| {
                    m.bound.map(Bound::as_str).unwrap_or_default().to_string()
                }),
                text(amount, |m| m.text.clone()),
                display.map(digits).unwrap_or_default(),
                d.disclosed.map(boolean).unwrap_or_default(),
                text(valuation, |m| digits(m.value)),
                text(valuation, |m| m.currency.clone()),
                text(valuation, |m| m.text.clone()),
                d.valuation_basis.as_str().to_string(),
                d.stake.clone().unwrap_or_default(),
                site.config.base_url.join(&deal_path(&d.id)),
                slugs(site, &d.briefings),
            ],
        );
    }
    out
}

fn companies(site: &Site) -> String {
    let mut out = String::from(BOM);
    push_record(&mut out, COMPANY_COLUMNS);
    let currency = &site.config.rates.display_currency;
    let deal_ids = |l: &[usize]| list(l.iter().map(|&i| site.deals[i].id.as_str()));
    let total = |t: &Option<Total>| match t {
        Some(t) => [digits(t.value), currency.clone()],
        None => [String::new(), String::new()],
    };
    for c in site.companies.values() {
        let [invested_value, invested_currency] = total(&c.invested_total);
        let [raised_value, raised_currency] = total(&c.raised_total);
        push_record(
            &mut out,
            &[
                c.company.id.clone(),
                c.company.name.clone(),
                list(&c.company.aliases),
                site.config.base_url.join(&company_path(&c.company.id)),
                boolean(c.company.registered),
                slugs(site, &c.briefings),
                deal_ids(&c.deals_as_investor),
                deal_ids(&c.deals_as_target),
                invested_value,
                invested_currency,
                raised_value,
                raised_currency,
            ],
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(fields: &[&str]) -> String {
        let mut out = String::new();
        push_record(&mut out, fields);
        out
    }

    #[test]
    fn plain_fields_are_written_as_they_are() {
        assert_eq!(record(&["a", "네이버", "", "1.5"]), "a,네이버,,1.5\r\n");
    }

    #[test]
    fn fields_with_separators_quotes_or_line_breaks_are_quoted() {
        assert_eq!(record(&["a,b"]), "\"a,b\"\r\n");
        assert_eq!(record(&["say \"hi\"", "x"]), "\"say \"\"hi\"\"\",x\r\n");
        assert_eq!(record(&["one\ntwo"]), "\"one\ntwo\"\r\n");
        assert_eq!(record(&["cr\r"]), "\"cr\r\"\r\n");
        // A lone quote is a field of one doubled quote, quoted.
        assert_eq!(record(&["\""]), "\"\"\"\"\r\n");
        // Semicolons and spaces need no quotes.
        assert_eq!(record(&[" a;b "]), " a;b \r\n");
    }

    #[test]
    fn decimals_keep_every_digit() {
        use std::str::FromStr;
        assert_eq!(
            digits(Decimal::from_str("90071992547409.93").unwrap()),
            "90071992547409.93"
        );
        assert_eq!(
            digits(Decimal::from_str("1500000000.000").unwrap()),
            "1500000000"
        );
    }
}

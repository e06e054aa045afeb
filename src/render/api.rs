//! The static data API of section 8: `/api/briefings.json`, `/api/companies.json`,
//! `/api/deals.json`. Other tools read these, so their shape is the contract.
//!
//! Money values are written with exactly the digits of their decimal
//! (`90071992547409.93`, never `90071992547409.94` or `1.2e17`): a JSON number
//! has no size limit, but going through `f64` (serde_json's `Value`) would
//! round it. So the files are typed structs serialized by serde_json directly,
//! each amount a raw JSON number (`RawValue`).

use crate::index::{Site, Total};
use crate::model::money::{Bound, Money, format_amount};
use crate::plan::ApiFile;

use crate::paths::{company_path, deal_path};
use rust_decimal::Decimal;
use serde::{Serialize, Serializer};
use serde_json::value::RawValue;
use std::borrow::Cow;
use std::collections::BTreeMap;

/// A decimal as a JSON number with exactly its digits.
#[derive(Debug, Clone, Copy)]
pub struct ExactNumber(pub Decimal);

impl ExactNumber {
    /// The JSON text: the normalized decimal in plain notation (`1500000000`,
    /// `0.5`), which is always a valid JSON number.
    pub fn digits(&self) -> String {
        self.0.normalize().to_string()
    }
}

impl Serialize for ExactNumber {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let raw = RawValue::from_string(self.digits()).map_err(serde::ser::Error::custom)?;
        raw.serialize(serializer)
    }
}

#[derive(Serialize)]
struct MoneyJson<'a> {
    value: ExactNumber,
    currency: &'a str,
    approx: bool,
    bound: Option<&'static str>,
    text: Cow<'a, str>,
    display: Option<ExactNumber>,
    equivalent: Option<EquivalentJson<'a>>,
}

#[derive(Serialize)]
struct EquivalentJson<'a> {
    value: ExactNumber,
    currency: &'a str,
    approx: bool,
}

/// A figure as the API gives it, `display` converted at day `on` (that of the
/// mention that stated it).
fn money<'a>(site: &Site, m: &'a Money, on: jiff::civil::Date) -> MoneyJson<'a> {
    let display = site.config.rates.convert(m.value, &m.currency, on);
    MoneyJson {
        value: ExactNumber(m.value),
        currency: &m.currency,
        approx: m.approx,
        bound: m.bound.map(Bound::as_str),
        text: Cow::Borrowed(&m.text),
        display: display.map(ExactNumber),
        equivalent: m.equivalent.as_ref().map(|e| EquivalentJson {
            value: ExactNumber(e.value),
            currency: &e.currency,
            approx: e.approx,
        }),
    }
}

fn total<'a>(site: &'a Site, t: &Total) -> MoneyJson<'a> {
    let currency = &site.config.rates.display_currency;
    MoneyJson {
        value: ExactNumber(t.value),
        currency,
        approx: t.approx,
        bound: None,
        text: Cow::Owned(format_amount(
            t.value,
            currency,
            t.approx,
            None,
            &site.config.language,
        )),
        display: Some(ExactNumber(t.value)),
        equivalent: None,
    }
}

#[derive(Serialize)]
struct Briefings<'a> {
    briefings: Vec<BriefingJson<'a>>,
}

#[derive(Serialize)]
struct BriefingJson<'a> {
    slug: &'a str,
    title: &'a str,
    date: String,
    url: String,
    summary: &'a str,
    tags: Vec<&'a str>,
    companies: &'a [String],
    deals: &'a [String],
    /// Only on a multilingual site.
    #[serde(skip_serializing_if = "Option::is_none")]
    lang: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    translations: Option<Cow<'a, BTreeMap<String, String>>>,
}

#[derive(Serialize)]
struct Companies<'a> {
    companies: Vec<CompanyJson<'a>>,
}

#[derive(Serialize)]
struct CompanyJson<'a> {
    id: &'a str,
    name: &'a str,
    aliases: &'a [String],
    url: String,
    registered: bool,
    briefings: Vec<&'a str>,
    deals_as_investor: Vec<&'a str>,
    deals_as_target: Vec<&'a str>,
    invested_total: Option<MoneyJson<'a>>,
    raised_total: Option<MoneyJson<'a>>,
}

#[derive(Serialize)]
struct Deals<'a> {
    deals: Vec<DealJson<'a>>,
}

#[derive(Serialize)]
struct DealJson<'a> {
    id: &'a str,
    #[serde(rename = "type")]
    kind: &'static str,
    round: Option<String>,
    status: &'static str,
    date: String,
    investors: &'a [String],
    lead: &'a [String],
    target: &'a str,
    amount: Option<MoneyJson<'a>>,
    disclosed: Option<bool>,
    valuation: Option<MoneyJson<'a>>,
    valuation_basis: &'static str,
    stake: Option<&'a str>,
    url: String,
    briefings: Vec<&'a str>,
    history: Vec<HistoryJson<'a>>,
}

#[derive(Serialize)]
struct HistoryJson<'a> {
    date: String,
    status: &'static str,
    briefing: &'a str,
    amount: Option<MoneyJson<'a>>,
    disclosed: Option<bool>,
    valuation: Option<MoneyJson<'a>>,
}

/// The bytes of one API file: pretty-printed JSON, or CSV (`csv_api`).
pub fn render(site: &Site, file: ApiFile) -> Vec<u8> {
    let written = match file {
        ApiFile::DealsCsv | ApiFile::CompaniesCsv => return super::csv_api::render(site, file),
        ApiFile::Briefings => serde_json::to_vec_pretty(&briefings(site)),
        ApiFile::Companies => serde_json::to_vec_pretty(&companies(site)),
        ApiFile::Deals => serde_json::to_vec_pretty(&deals(site)),
    };
    // Only a number that is not JSON could fail, and a decimal's digits are.
    written.unwrap_or_default()
}

fn slugs<'a>(site: &'a Site, list: &[usize]) -> Vec<&'a str> {
    list.iter()
        .map(|&i| site.briefings[i].briefing.slug.as_str())
        .collect()
}

fn briefings(site: &Site) -> Briefings<'_> {
    let multilingual = site.config.is_multilingual();
    let empty = BTreeMap::new();
    let briefings = site
        .briefings
        .iter()
        .enumerate()
        .map(|(i, e)| {
            let b = &e.briefing;
            BriefingJson {
                slug: &b.slug,
                title: &b.title,
                date: b.date.ymd(),
                url: site.briefing_permalink(i),
                summary: &b.summary,
                tags: b.tags.iter().map(|(name, _)| name.as_str()).collect(),
                companies: &e.company_ids,
                deals: &e.deal_ids,
                lang: multilingual.then_some(b.lang.as_str()),
                translations: multilingual.then(|| match site.translations.get(&b.group) {
                    Some(urls) => Cow::Borrowed(urls),
                    None => Cow::Owned(empty.clone()),
                }),
            }
        })
        .collect();
    Briefings { briefings }
}

fn companies(site: &Site) -> Companies<'_> {
    let deal_ids =
        |list: &[usize]| -> Vec<&str> { list.iter().map(|&i| site.deals[i].id.as_str()).collect() };
    let companies = site
        .companies
        .values()
        .map(|c| CompanyJson {
            id: &c.company.id,
            name: &c.company.name,
            aliases: &c.company.aliases,
            url: site.config.base_url.join(&company_path(&c.company.id)),
            registered: c.company.registered,
            briefings: slugs(site, &c.briefings),
            deals_as_investor: deal_ids(&c.deals_as_investor),
            deals_as_target: deal_ids(&c.deals_as_target),
            invested_total: c.invested_total.as_ref().map(|t| total(site, t)),
            raised_total: c.raised_total.as_ref().map(|t| total(site, t)),
        })
        .collect();
    Companies { companies }
}

fn deals(site: &Site) -> Deals<'_> {
    let deals = site
        .deals
        .iter()
        .map(|d| DealJson {
            id: &d.id,
            kind: d.kind.as_str(),
            round: d.round.map(|r| r.as_str()),
            status: d.status.as_str(),
            date: d.date.ymd(),
            investors: &d.investors,
            lead: &d.lead,
            target: &d.target,
            amount: d.amount.as_ref().map(|s| money(site, &s.money, s.date)),
            disclosed: d.disclosed,
            valuation: d.valuation.as_ref().map(|s| money(site, &s.money, s.date)),
            valuation_basis: d.valuation_basis.as_str(),
            stake: d.stake.as_deref(),
            url: site.config.base_url.join(&deal_path(&d.id)),
            briefings: slugs(site, &d.briefings),
            history: d
                .history
                .iter()
                .map(|h| HistoryJson {
                    date: h.date.ymd(),
                    status: h.status.as_str(),
                    briefing: &site.briefings[h.briefing].briefing.slug,
                    amount: h.amount.as_ref().map(|s| money(site, &s.money, s.date)),
                    disclosed: h.disclosed,
                    valuation: h.valuation.as_ref().map(|s| money(site, &s.money, s.date)),
                })
                .collect(),
        })
        .collect();
    Deals { deals }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    #[derive(Serialize)]
    struct Holder {
        value: ExactNumber,
        list: Vec<ExactNumber>,
    }

    #[test]
    fn exact_numbers_keep_every_digit() {
        let d = |s: &str| ExactNumber(Decimal::from_str(s).unwrap());
        let v = Holder {
            value: d("90071992547409.93"),
            list: vec![
                d("123456789012345678.99"),
                d("1500000000.000"),
                d("0.5"),
                d("0"),
            ],
        };
        assert_eq!(
            serde_json::to_string(&v).unwrap(),
            r#"{"value":90071992547409.93,"list":[123456789012345678.99,1500000000,0.5,0]}"#
        );
        let pretty = String::from_utf8(serde_json::to_vec_pretty(&v).unwrap()).unwrap();
        assert!(pretty.contains("\"value\": 90071992547409.93,"), "{pretty}");
    }
}

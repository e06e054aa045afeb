//! What templates see: plain JSON-like views of the `Site`, with URLs joined to
//! base_url and money formatted for the page's language.

use super::i18n::{format_date, text};
use crate::index::{Site, Total};
use crate::model::money::{Bound, Money, format_amount, round_significant};
use crate::paths::{company_path, deal_path, person_path, tag_path};
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use serde_json::{Value, json};
use std::collections::HashMap;
use std::sync::OnceLock;

/// A decimal as a JSON number: an integer when it is one.
pub fn decimal_json(d: Decimal) -> Value {
    let d = d.normalize();
    if d.fract().is_zero()
        && let Some(i) = d.to_i64()
    {
        return Value::from(i);
    }
    d.to_f64().map_or(Value::Null, Value::from)
}

/// Template values of briefing and deal summaries, made once per site: a
/// summary appears on the home page, tag, company and deal pages, and Tera
/// values share their contents (`Arc`), so each page takes a reference.
#[derive(Debug, Default)]
pub struct ViewCache {
    /// What templates see as `config`.
    pub config: OnceLock<tera::Value>,
    briefings: OnceLock<Vec<OnceLock<tera::Value>>>,
    deals: OnceLock<Vec<OnceLock<tera::Value>>>,
    /// The parts summaries share: one value per company, tag and deal chip,
    /// referenced from every summary that shows it instead of copied.
    company_refs: OnceLock<HashMap<String, tera::Value>>,
    /// By (name as written, slug): briefings may write one tag differently.
    tag_refs: OnceLock<HashMap<(String, String), tera::Value>>,
    deal_chips: OnceLock<Vec<OnceLock<tera::Value>>>,
}

/// A copy of a site may be changed: it starts with nothing cached.
impl Clone for ViewCache {
    fn clone(&self) -> Self {
        ViewCache::default()
    }
}

fn cached(
    cells: &OnceLock<Vec<OnceLock<tera::Value>>>,
    len: usize,
    i: usize,
    make: impl FnOnce() -> tera::Value,
) -> tera::Value {
    let cells = cells.get_or_init(|| (0..len).map(|_| OnceLock::new()).collect());
    cells[i].get_or_init(make).clone()
}

/// `base` (a JSON object) with `lists` added, as one template value.
pub fn with_values(base: Value, lists: Vec<(&'static str, tera::Value)>) -> tera::Value {
    let mut map = tera::Value::from_serializable(&base)
        .into_map()
        .unwrap_or_default();
    for (key, value) in lists {
        map.insert(key.into(), value);
    }
    tera::Value::from(map)
}

pub struct Views<'a> {
    pub site: &'a Site,
    pub lang: &'a str,
    /// Summaries made once per render of this site.
    cache: &'a ViewCache,
}

impl<'a> Views<'a> {
    pub fn new(site: &'a Site, cache: &'a ViewCache) -> Self {
        Views {
            site,
            lang: &site.config.language,
            cache,
        }
    }

    /// A link inside the site, keeping base_url's path: `/briefs/companies/meta/`.
    pub fn url(&self, path: &str) -> String {
        self.site.config.base_url.link(path)
    }

    /// The absolute URL: `https://x.github.io/briefs/companies/meta/`.
    pub fn permalink(&self, path: &str) -> String {
        self.site.config.base_url.join(path)
    }

    fn date(&self, d: &crate::model::date::Moment) -> Value {
        json!({ "ymd": d.ymd(), "display": format_date(d.day, self.lang), "rfc3339": d.rfc3339() })
    }

    /// The converted figure beside an amount: compact, in the display currency.
    /// The `≈` before it says it is approximate; none when it would repeat the text.
    fn converted(&self, m: &Money) -> Option<String> {
        let rates = &self.site.config.rates;
        let display = rates.convert(m.value, &m.currency)?;
        let display = if m.currency == rates.display_currency {
            display
        } else {
            round_significant(display)
        };
        let figure = format_amount(display, &rates.display_currency, false, m.bound, "en");
        (figure != m.text.trim()).then_some(figure)
    }

    pub fn money(&self, m: &Money) -> Value {
        let rates = &self.site.config.rates;
        let display = rates.convert(m.value, &m.currency);
        json!({
            "text": m.text,
            "currency": m.currency,
            "approx": m.approx,
            "bound": m.bound.map(Bound::as_str),
            "value": m.value.to_string(),
            "display": display.map(decimal_json),
            "converted": self.converted(m),
            "equivalent": m.equivalent.as_ref().map(|e| format_amount(e.value, &e.currency, e.approx, None, self.lang)),
        })
    }

    pub fn total(&self, t: &Total) -> Value {
        let currency = &self.site.config.rates.display_currency;
        json!({
            "value": t.value.to_string(),
            "approx": t.approx,
            "bound": null,
            "compact": format_amount(round_significant(t.value), currency, t.approx, None, "en"),
            "currency": currency,
            "display": decimal_json(t.value),
        })
    }

    pub fn company_ref(&self, id: &str) -> Value {
        let c = self.site.companies.get(id);
        let name = c.map_or(id, |c| {
            c.company.names.get(self.lang).unwrap_or(&c.company.name)
        });
        json!({
            "id": id,
            "name": name,
            "url": self.url(&company_path(id)),
            "registered": c.is_some_and(|c| c.company.registered),
        })
    }

    /// The link to the briefing at `i`, in its own language.
    pub fn briefing_url(&self, i: usize) -> String {
        self.site.briefing_link(i)
    }

    pub fn briefing_ref(&self, i: usize) -> Value {
        let b = &self.site.briefings[i].briefing;
        json!({
            "slug": b.slug,
            "title": b.title,
            "url": self.briefing_url(i),
            "date": self.date(&b.date),
        })
    }

    /// `briefing_summary` as a template value, made once per site, its
    /// companies, tags and deals shared with every other summary.
    pub fn briefing_item(&self, i: usize) -> tera::Value {
        let site = self.site;
        cached(&self.cache.briefings, site.briefings.len(), i, || {
            let entry = &site.briefings[i];
            let tags = entry.briefing.tags.iter().map(|t| self.tag_item(t));
            let companies = entry.company_ids.iter().map(|id| self.company_item(id));
            let deals = entry
                .deal_ids
                .iter()
                .filter_map(|id| site.deal_index(id))
                .map(|d| self.deal_chip_item(d));
            with_values(
                self.briefing_summary_base(i),
                vec![
                    ("tags", tags.collect::<Vec<_>>().into()),
                    ("companies", companies.collect::<Vec<_>>().into()),
                    ("deals", deals.collect::<Vec<_>>().into()),
                ],
            )
        })
    }

    /// `company_ref` as a shared template value.
    fn company_item(&self, id: &str) -> tera::Value {
        let refs = self.cache.company_refs.get_or_init(|| {
            self.site
                .companies
                .keys()
                .map(|id| {
                    (
                        id.clone(),
                        tera::Value::from_serializable(&self.company_ref(id)),
                    )
                })
                .collect()
        });
        refs.get(id)
            .cloned()
            .unwrap_or_else(|| tera::Value::from_serializable(&self.company_ref(id)))
    }

    fn tag_item(&self, tag: &(String, String)) -> tera::Value {
        let refs = self.cache.tag_refs.get_or_init(|| {
            let mut refs = HashMap::new();
            for (name, slug) in self.site.briefings.iter().flat_map(|b| &b.briefing.tags) {
                refs.entry((name.clone(), slug.clone()))
                    .or_insert_with(|| tera::Value::from_serializable(&self.tag_ref(name, slug)));
            }
            refs
        });
        refs.get(tag)
            .cloned()
            .unwrap_or_else(|| tera::Value::from_serializable(&self.tag_ref(&tag.0, &tag.1)))
    }

    fn deal_chip_item(&self, i: usize) -> tera::Value {
        let site = self.site;
        cached(&self.cache.deal_chips, site.deals.len(), i, || {
            tera::Value::from_serializable(&self.deal_chip(i))
        })
    }

    fn tag_ref(&self, name: &str, slug: &str) -> Value {
        json!({"name": name, "slug": slug, "url": self.url(&tag_path(slug))})
    }

    /// Template values of the briefings at `indices`, local ones first.
    pub fn briefing_items(&self, indices: impl IntoIterator<Item = usize>) -> tera::Value {
        let items: Vec<tera::Value> = self
            .site
            .local_first(indices)
            .into_iter()
            .map(|i| self.briefing_item(i))
            .collect();
        tera::Value::from(items)
    }

    /// `deal_summary` as a template value, made once per site, its parties
    /// shared with every other summary.
    pub fn deal_item(&self, i: usize) -> tera::Value {
        let site = self.site;
        cached(&self.cache.deals, site.deals.len(), i, || {
            let d = &site.deals[i];
            let investors: Vec<tera::Value> =
                d.investors.iter().map(|id| self.company_item(id)).collect();
            with_values(
                self.deal_summary_base(i),
                vec![
                    ("investors", investors.into()),
                    ("target", self.company_item(&d.target)),
                ],
            )
        })
    }

    /// A briefing as lists show it: `briefing_summary_base` with its tags,
    /// companies and deals.
    pub fn briefing_summary(&self, i: usize) -> Value {
        let entry = &self.site.briefings[i];
        let b = &entry.briefing;
        let mut v = self.briefing_summary_base(i);
        merge(
            &mut v,
            json!({
                "tags": b.tags.iter().map(|(name, slug)| self.tag_ref(name, slug)).collect::<Vec<_>>(),
                "companies": entry.company_ids.iter().map(|id| self.company_ref(id)).collect::<Vec<_>>(),
                "deals": entry.deal_ids.iter().filter_map(|id| self.site.deal_index(id)).map(|i| self.deal_chip(i)).collect::<Vec<_>>(),
            }),
        );
        v
    }

    fn briefing_summary_base(&self, i: usize) -> Value {
        let b = &self.site.briefings[i].briefing;
        json!({
            "slug": b.slug,
            "title": b.title,
            "subtitle": b.subtitle,
            "url": self.briefing_url(i),
            "permalink": self.site.briefing_permalink(i),
            "untranslated": !self.site.is_local(i),
            "date": self.date(&b.date),
            "summary": b.summary,
            "lang": b.lang,
            "draft": b.draft,
        })
    }

    /// A deal as a chip in lists: who into whom, and the amount as written.
    fn deal_chip(&self, i: usize) -> Value {
        let d = &self.site.deals[i];
        json!({
            "url": self.url(&deal_path(&d.id)),
            "label": self.deal_name(i),
            "amount": d.amount.as_ref().map(|a| a.money.text.as_str()),
        })
    }

    fn quote(&self, bi: usize, qi: usize) -> Value {
        let entry = &self.site.briefings[bi];
        let q = &entry.briefing.quotes[qi];
        let slug = crate::model::slug::slugify(&q.speaker);
        json!({
            "speaker": q.speaker,
            "speaker_url": (!slug.is_empty()).then(|| self.url(&person_path(&slug))),
            "role": q.role,
            "text": q.text,
            "company": entry.quote_companies[qi].as_deref().map(|id| self.company_ref(id)),
            "briefing": self.briefing_ref(bi),
        })
    }

    pub fn briefing_full(&self, i: usize) -> Value {
        let entry = &self.site.briefings[i];
        let b = &entry.briefing;
        let mut v = self.briefing_summary(i);
        // Each deal as this briefing stated it: its own amount and status, when it gave them.
        let deals: Vec<Value> = entry
            .mention_ids
            .iter()
            .zip(&b.deals)
            .filter_map(|(id, mention)| {
                let mut v = self.deal_summary(self.site.deal_index(id)?);
                if let Some(amount) = &mention.amount {
                    v["amount"] = self.money(&amount.money);
                }
                if let Some(status) = mention.status {
                    v["status"] = json!(status.as_str());
                    v["status_label"] =
                        json!(text(self.lang, &format!("status_{}", status.as_str())));
                }
                Some(v)
            })
            .collect();
        let extra = json!({
            "body": b.body_html,
            "reading_minutes": b.reading_minutes,
            "authors": b.authors,
            "source": b.source_ref,
            "updated": b.updated.as_ref().map(|d| self.date(d)),
            "deals": deals,
            "quotes": (0..b.quotes.len()).map(|qi| self.quote(i, qi)).collect::<Vec<_>>(),
        });
        merge(&mut v, extra);
        v
    }

    /// A deal as lists show it: `deal_summary_base` with its parties.
    pub fn deal_summary(&self, i: usize) -> Value {
        let d = &self.site.deals[i];
        let mut v = self.deal_summary_base(i);
        merge(
            &mut v,
            json!({
                "investors": d.investors.iter().map(|id| self.company_ref(id)).collect::<Vec<_>>(),
                "target": self.company_ref(&d.target),
            }),
        );
        v
    }

    fn deal_summary_base(&self, i: usize) -> Value {
        let d = &self.site.deals[i];
        json!({
            "id": d.id,
            "url": self.url(&deal_path(&d.id)),
            "type": d.kind.as_str(),
            "type_label": text(self.lang, &format!("type_{}", d.kind.as_str())),
            "status": d.status.as_str(),
            "status_label": text(self.lang, &format!("status_{}", d.status.as_str())),
            "date": self.date(&d.date),
            "amount": d.amount.as_ref().map(|s| self.money(&s.money)),
            "valuation": d.valuation.as_ref().map(|s| self.money(&s.money)),
            "stake": d.stake,
        })
    }

    pub fn deal_full(&self, i: usize) -> tera::Value {
        let d = &self.site.deals[i];
        let mut v = self.deal_summary(i);
        let history: Vec<Value> = d
            .history
            .iter()
            .map(|h| {
                json!({
                    "date": self.date(&h.date),
                    "status": h.status.as_str(),
                    "status_label": text(self.lang, &format!("status_{}", h.status.as_str())),
                    "briefing": self.briefing_ref(h.briefing),
                })
            })
            .collect();
        let quotes: Vec<Value> = d
            .briefings
            .iter()
            .flat_map(|&bi| {
                (0..self.site.briefings[bi].briefing.quotes.len()).map(move |qi| (bi, qi))
            })
            .map(|(bi, qi)| self.quote(bi, qi))
            .collect();
        merge(
            &mut v,
            json!({
                "note": d.note,
                "history": history,
                "quotes": quotes,
            }),
        );
        with_values(
            v,
            vec![(
                "briefings",
                self.briefing_items(d.briefings.iter().copied()),
            )],
        )
    }

    pub fn company_summary(&self, id: &str) -> Value {
        let c = &self.site.companies[id];
        let mut v = self.company_ref(id);
        merge(
            &mut v,
            json!({
                "sector": c.company.sector,
                "hq": c.company.hq,
                "briefing_count": c.briefings.len(),
                "deal_count": c.deals_as_investor.len() + c.deals_as_target.len(),
                "invested_total": c.invested_total.as_ref().map(|t| self.total(t)),
                "raised_total": c.raised_total.as_ref().map(|t| self.total(t)),
            }),
        );
        v
    }

    pub fn company_full(&self, id: &str) -> tera::Value {
        let c = &self.site.companies[id];
        let co = &c.company;
        let mut v = self.company_summary(id);
        merge(
            &mut v,
            json!({
                "aliases": co.aliases,
                "website": co.website,
                "founded": co.founded,
                "founders": co.founders,
                "parent": c.parent_id.as_deref().map(|p| self.company_ref(p)),
                "description": co.description_html,
                "quotes": c.quotes.iter().map(|&(bi, qi)| self.quote(bi, qi)).collect::<Vec<_>>(),
            }),
        );
        let deals = |list: &[usize]| {
            tera::Value::from(list.iter().map(|&i| self.deal_item(i)).collect::<Vec<_>>())
        };
        with_values(
            v,
            vec![
                ("deals_as_investor", deals(&c.deals_as_investor)),
                ("deals_as_target", deals(&c.deals_as_target)),
                (
                    "briefings",
                    self.briefing_items(c.briefings.iter().copied()),
                ),
            ],
        )
    }

    /// `Meta, Naver → Scale AI`: how a deal is named in titles.
    pub fn deal_name(&self, i: usize) -> String {
        let d = &self.site.deals[i];
        let name = |id: &str| {
            self.company_ref(id)["name"]
                .as_str()
                .unwrap_or(id)
                .to_string()
        };
        let investors: Vec<String> = d.investors.iter().map(|id| name(id)).collect();
        format!("{} → {}", investors.join(", "), name(&d.target))
    }

    pub fn person_summary(&self, slug: &str) -> Value {
        let p = &self.site.people[slug];
        // The newest quote says who the person is now.
        let latest = p.quotes.first().map(|&(bi, qi)| self.quote(bi, qi));
        json!({
            "name": p.name,
            "slug": p.slug,
            "url": self.url(&person_path(slug)),
            "count": p.quotes.len(),
            "role": latest.as_ref().and_then(|q| q["role"].as_str().map(str::to_string)),
            "company": latest.as_ref().map(|q| q["company"].clone()),
        })
    }

    pub fn person_full(&self, slug: &str) -> Value {
        let p = &self.site.people[slug];
        let mut v = self.person_summary(slug);
        merge(
            &mut v,
            json!({
                "quotes": p.quotes.iter().map(|&(bi, qi)| self.quote(bi, qi)).collect::<Vec<_>>(),
            }),
        );
        v
    }

    pub fn tag_summary(&self, slug: &str) -> Value {
        let t = &self.site.tags[slug];
        json!({ "name": t.name, "slug": t.slug, "url": self.url(&tag_path(slug)), "count": t.briefings.len() })
    }
}

fn merge(target: &mut Value, extra: Value) {
    if let (Value::Object(t), Value::Object(e)) = (target, extra) {
        t.extend(e);
    }
}

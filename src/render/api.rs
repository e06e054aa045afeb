//! The static data API of section 8: `/api/briefings.json`, `/api/companies.json`,
//! `/api/deals.json`. Other tools read these, so their shape is the contract.

use super::views::{Views, decimal_json};
use crate::index::{Site, Total};
use crate::model::money::{Bound, Money, format_amount};
use crate::plan::{ApiFile, company_path, deal_path};
use serde_json::{Value, json};

fn money(site: &Site, m: &Money) -> Value {
    let display = site.config.rates.convert(m.value, &m.currency);
    json!({
        "value": decimal_json(m.value),
        "currency": m.currency,
        "approx": m.approx,
        "bound": m.bound.map(Bound::as_str),
        "text": m.text,
        "display": display.map(decimal_json),
        "equivalent": m.equivalent.as_ref().map(|e| json!({
            "value": decimal_json(e.value),
            "currency": e.currency,
            "approx": e.approx,
        })),
    })
}

fn total(site: &Site, t: &Total) -> Value {
    let currency = &site.config.rates.display_currency;
    json!({
        "value": decimal_json(t.value),
        "currency": currency,
        "approx": t.approx,
        "bound": null,
        "text": format_amount(t.value, currency, t.approx, None, &site.config.language),
        "display": decimal_json(t.value),
        "equivalent": null,
    })
}

pub fn render(site: &Site, file: ApiFile) -> Value {
    let views = Views::new(site);
    match file {
        ApiFile::Briefings => {
            let briefings: Vec<Value> = site
                .briefings
                .iter()
                .enumerate()
                .map(|(i, e)| {
                    let b = &e.briefing;
                    let mut entry = json!({
                        "slug": b.slug,
                        "title": b.title,
                        "date": b.date.ymd(),
                        "url": site.briefing_permalink(i),
                        "summary": b.summary,
                        "tags": b.tags.iter().map(|(name, _)| name).collect::<Vec<_>>(),
                        "companies": e.company_ids,
                        "deals": e.deal_ids,
                    });
                    if site.config.is_multilingual() {
                        entry["lang"] = json!(b.lang);
                        entry["translations"] =
                            json!(site.translations.get(&b.group).cloned().unwrap_or_default());
                    }
                    entry
                })
                .collect();
            json!({ "briefings": briefings })
        }
        ApiFile::Companies => {
            let companies: Vec<Value> = site
                .companies
                .values()
                .map(|c| {
                    let slugs = |list: &[usize]| -> Vec<&str> {
                        list.iter()
                            .map(|&i| site.briefings[i].briefing.slug.as_str())
                            .collect()
                    };
                    let deal_ids = |list: &[usize]| -> Vec<&str> {
                        list.iter().map(|&i| site.deals[i].id.as_str()).collect()
                    };
                    json!({
                        "id": c.company.id,
                        "name": c.company.name,
                        "aliases": c.company.aliases,
                        "url": views.permalink(&company_path(&c.company.id)),
                        "registered": c.company.registered,
                        "briefings": slugs(&c.briefings),
                        "deals_as_investor": deal_ids(&c.deals_as_investor),
                        "deals_as_target": deal_ids(&c.deals_as_target),
                        "invested_total": c.invested_total.as_ref().map(|t| total(site, t)),
                        "raised_total": c.raised_total.as_ref().map(|t| total(site, t)),
                    })
                })
                .collect();
            json!({ "companies": companies })
        }
        ApiFile::Deals => {
            let deals: Vec<Value> = site
                .deals
                .iter()
                .map(|d| {
                    json!({
                        "id": d.id,
                        "type": d.kind.as_str(),
                        "status": d.status.as_str(),
                        "date": d.date.ymd(),
                        "investors": d.investors,
                        "target": d.target,
                        "amount": d.amount.as_ref().map(|s| money(site, &s.money)),
                        "valuation": d.valuation.as_ref().map(|s| money(site, &s.money)),
                        "stake": d.stake,
                        "url": views.permalink(&deal_path(&d.id)),
                        "briefings": d.briefings.iter().map(|&i| &site.briefings[i].briefing.slug).collect::<Vec<_>>(),
                        "history": d.history.iter().map(|h| json!({
                            "date": h.date.ymd(),
                            "status": h.status.as_str(),
                            "briefing": site.briefings[h.briefing].briefing.slug,
                        })).collect::<Vec<_>>(),
                    })
                })
                .collect();
            json!({ "deals": deals })
        }
    }
}

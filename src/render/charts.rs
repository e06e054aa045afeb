//! Charts drawn at build time as inline SVG: no JavaScript, readable in feeds
//! and without a network. Every label is escaped.

use super::i18n::text;
use crate::escape::escape_xml;
use crate::index::Site;
use crate::model::money::{format_amount, round_significant};
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use std::collections::BTreeMap;

const WIDTH: f64 = 640.0;

fn compact(site: &Site, value: Decimal) -> String {
    format_amount(
        round_significant(value),
        &site.config.rates.display_currency,
        false,
        None,
        &site.config.language,
    )
}

/// A company's deals over time: one dot per deal, its area by amount, filled for
/// deals as investor and hollow for deals as target. `None` without dated amounts.
pub fn company_deals(site: &Site, id: &str) -> Option<String> {
    let c = &site.companies[id];
    let lang = site.config.language.as_str();
    let name = c.company.names.get(lang).unwrap_or(&c.company.name);
    let rates = &site.config.rates;
    let mut points = Vec::new();
    for (&di, as_investor) in c
        .deals_as_investor
        .iter()
        .map(|d| (d, true))
        .chain(c.deals_as_target.iter().map(|d| (d, false)))
    {
        let deal = &site.deals[di];
        // Cancelled deals are left out, as totals leave them out.
        if deal.status == crate::model::deal::DealStatus::Cancelled {
            continue;
        }
        let Some(amount) = &deal.amount else { continue };
        let Some(value) = rates.convert(amount.money.value, &amount.money.currency, amount.date)
        else {
            continue;
        };
        points.push((deal.date.instant.as_second(), value, as_investor, deal));
    }
    if points.is_empty() {
        return None;
    }
    let (min_t, max_t) = points.iter().fold((i64::MAX, i64::MIN), |(lo, hi), p| {
        (lo.min(p.0), hi.max(p.0))
    });
    let max_v = points
        .iter()
        .map(|p| p.1)
        .max()
        .unwrap_or(Decimal::ONE)
        .to_f64()
        .unwrap_or(1.0)
        .max(1.0);
    // Room under the axis for two lines of labels, drawn large on phones.
    let height = 204.0;
    let span = (max_t - min_t).max(1) as f64;
    let mut svg = format!(
        "<svg class=\"chart chart-timeline\" viewBox=\"0 0 {WIDTH} {height}\" role=\"img\" aria-label=\"{}\" xmlns=\"http://www.w3.org/2000/svg\">",
        escape_xml(&text(lang, "chart_company_deals").replace("{name}", name))
    );
    svg.push_str(&format!(
        "<line x1=\"40\" y1=\"140\" x2=\"{}\" y2=\"140\" class=\"axis\"/>",
        WIDTH - 40.0
    ));
    for (t, value, as_investor, deal) in &points {
        let x = if points.len() == 1 {
            WIDTH / 2.0
        } else {
            60.0 + (*t - min_t) as f64 / span * (WIDTH - 120.0)
        };
        let r = 6.0 + 30.0 * (value.to_f64().unwrap_or(0.0) / max_v).sqrt();
        let class = if *as_investor {
            "dot investor"
        } else {
            "dot target"
        };
        // The hover text says who put how much into whom, not the deal's id.
        let shown = |id: &String| -> String {
            site.companies.get(id).map_or_else(
                || id.clone(),
                |c| c.company.names.get(lang).unwrap_or(&c.company.name).clone(),
            )
        };
        let investors: Vec<String> = deal.investors.iter().map(shown).collect();
        let label = format!(
            "{} · {} → {} · {}",
            deal.date.ymd(),
            investors.join(", "),
            shown(&deal.target),
            compact(site, *value)
        );
        svg.push_str(&format!(
            "<circle cx=\"{x:.1}\" cy=\"{:.1}\" r=\"{r:.1}\" class=\"{class}\"><title>{}</title></circle>",
            140.0 - r.min(60.0),
            escape_xml(&label)
        ));
        svg.push_str(&format!(
            "<text x=\"{x:.1}\" y=\"166\" text-anchor=\"middle\" class=\"label\">{}</text><text x=\"{x:.1}\" y=\"198\" text-anchor=\"middle\" class=\"label value\">{}</text>",
            escape_xml(&deal.date.ymd()[..7]),
            escape_xml(&compact(site, *value))
        ));
    }
    svg.push_str("</svg>");
    Some(svg)
}

/// The deals index: the sum of deal amounts per month, as bars.
pub fn amounts_by_month(site: &Site) -> Option<String> {
    let rates = &site.config.rates;
    let mut months: BTreeMap<String, Decimal> = BTreeMap::new();
    for deal in site
        .deals
        .iter()
        .filter(|d| d.status != crate::model::deal::DealStatus::Cancelled)
    {
        let Some(amount) = &deal.amount else { continue };
        let Some(value) = rates.convert(amount.money.value, &amount.money.currency, amount.date)
        else {
            continue;
        };
        *months.entry(deal.date.ymd()[..7].to_string()).or_default() += value;
    }
    if months.is_empty() {
        return None;
    }
    let max = months
        .values()
        .max()
        .copied()
        .unwrap_or(Decimal::ONE)
        .to_f64()
        .unwrap_or(1.0)
        .max(1.0);
    let row = 26.0;
    let height = row * months.len() as f64 + 10.0;
    let mut svg = format!(
        "<svg class=\"chart\" viewBox=\"0 0 {WIDTH} {height}\" role=\"img\" aria-label=\"{}\" xmlns=\"http://www.w3.org/2000/svg\">",
        escape_xml(text(&site.config.language, "by_month"))
    );
    for (n, (month, value)) in months.iter().rev().enumerate() {
        let y = 5.0 + n as f64 * row;
        let w = (value.to_f64().unwrap_or(0.0) / max * (WIDTH - 200.0)).max(2.0);
        svg.push_str(&format!(
            "<text x=\"0\" y=\"{:.1}\" class=\"label\">{}</text><rect x=\"80\" y=\"{y:.1}\" width=\"{w:.1}\" height=\"{:.1}\" class=\"bar\"><title>{}</title></rect><text x=\"{:.1}\" y=\"{:.1}\" class=\"label value\">{}</text>",
            y + 15.0,
            escape_xml(month),
            row - 8.0,
            escape_xml(&format!("{month}: {}", compact(site, *value))),
            86.0 + w,
            y + 15.0,
            escape_xml(&compact(site, *value))
        ));
    }
    svg.push_str("</svg>");
    Some(svg)
}

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
/// Where the timeline's axis stands: below the size key and the tallest dot.
const AXIS: f64 = 180.0;

/// A dot's radius: its area grows with the amount.
fn radius(value: f64, max: f64) -> f64 {
    6.0 + 30.0 * (value / max).sqrt()
}

/// A round amount (1, 2 or 5 times a power of ten) near a third of `max`,
/// for the size key.
fn nice_below(max: f64) -> f64 {
    let target = (max / 3.0).max(1.0);
    let power = 10f64.powf(target.log10().floor());
    [5.0, 2.0, 1.0]
        .into_iter()
        .map(|m| m * power)
        .find(|v| *v <= target)
        .unwrap_or(power)
}

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
    // Room above the dots for the size key, under the axis for two lines of
    // labels, drawn large on phones.
    let height = AXIS + 64.0;
    let span = (max_t - min_t).max(1) as f64;
    let mut svg = format!(
        "<svg class=\"chart chart-timeline\" viewBox=\"0 0 {WIDTH} {height}\" role=\"img\" aria-label=\"{}\" xmlns=\"http://www.w3.org/2000/svg\">",
        escape_xml(&text(lang, "chart_company_deals").replace("{name}", name))
    );
    // A key for the dots' size: a dashed circle for a round amount, so a
    // single deal is not a bubble without a scale.
    let key = nice_below(max_v);
    let key_r = radius(key, max_v);
    svg.push_str(&format!(
        "<g class=\"key\"><circle cx=\"{:.1}\" cy=\"{:.1}\" r=\"{key_r:.1}\" class=\"key-dot\"/><text x=\"{:.1}\" y=\"{:.1}\" class=\"label\">{}</text></g>",
        4.0 + key_r,
        4.0 + key_r,
        12.0 + 2.0 * key_r,
        12.0 + key_r,
        escape_xml(&text(lang, "chart_key").replace(
            "{amount}",
            &compact(site, Decimal::from_f64_retain(key).unwrap_or(Decimal::ONE))
        ))
    ));
    svg.push_str(&format!(
        "<line x1=\"40\" y1=\"{AXIS}\" x2=\"{}\" y2=\"{AXIS}\" class=\"axis\"/>",
        WIDTH - 40.0
    ));
    for (t, value, as_investor, deal) in &points {
        let x = if points.len() == 1 {
            WIDTH / 2.0
        } else {
            60.0 + (*t - min_t) as f64 / span * (WIDTH - 120.0)
        };
        let r = radius(value.to_f64().unwrap_or(0.0), max_v);
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
            AXIS - r.min(60.0),
            escape_xml(&label)
        ));
        svg.push_str(&format!(
            "<text x=\"{x:.1}\" y=\"{}\" text-anchor=\"middle\" class=\"label\">{}</text><text x=\"{x:.1}\" y=\"{}\" text-anchor=\"middle\" class=\"label value\">{}</text>",
            AXIS + 26.0,
            escape_xml(&deal.date.ymd()[..7]),
            AXIS + 58.0,
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
    // Geometry for labels of 22 units: the chart is drawn at most 480 px wide
    // (style.css), where they are ~16 px, and at ~280 px on a 360 px phone,
    // where they are still over 11 px. Values stand after their bar.
    let row = 40.0;
    let label_x = 120.0;
    let room = WIDTH - label_x - 150.0;
    let height = row * months.len() as f64 + 8.0;
    let mut svg = format!(
        "<svg class=\"chart chart-bars\" viewBox=\"0 0 {WIDTH} {height}\" role=\"img\" aria-label=\"{}\" xmlns=\"http://www.w3.org/2000/svg\">",
        escape_xml(text(&site.config.language, "by_month"))
    );
    for (n, (month, value)) in months.iter().rev().enumerate() {
        let y = 4.0 + n as f64 * row;
        let w = (value.to_f64().unwrap_or(0.0) / max * room).max(2.0);
        let amount = compact(site, *value);
        svg.push_str(&format!(
            "<text x=\"0\" y=\"{:.1}\" class=\"label\">{}</text><rect x=\"{label_x}\" y=\"{y:.1}\" width=\"{w:.1}\" height=\"{:.1}\" class=\"bar\"><title>{}</title></rect><text x=\"{:.1}\" y=\"{:.1}\" class=\"label value\">{}</text>",
            y + 24.0,
            escape_xml(month),
            row - 10.0,
            escape_xml(&format!("{month}: {amount}")),
            label_x + 8.0 + w,
            y + 24.0,
            escape_xml(&amount)
        ));
    }
    svg.push_str("</svg>");
    Some(svg)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_size_key_is_a_round_amount_near_a_third_of_the_largest() {
        assert_eq!(nice_below(14.3e9), 2e9);
        assert_eq!(nice_below(30e9), 1e10);
        assert_eq!(nice_below(10e9), 2e9);
        assert_eq!(nice_below(600e6), 2e8);
        assert_eq!(nice_below(1.0), 1.0);
        assert!(radius(nice_below(14.3e9), 14.3e9) < radius(14.3e9, 14.3e9));
    }
}

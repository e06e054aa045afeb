//! Charts drawn at build time as inline SVG: no JavaScript, readable in feeds
//! and without a network. Every label is escaped.

use super::i18n::{
    format_date, format_month, format_month_short, format_quarter, quarter_of, text,
};
use crate::escape::escape_xml;
use crate::index::Site;
use crate::model::money::{format_amount, round_significant};
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use std::collections::BTreeMap;

const WIDTH: f64 = 640.0;
/// How many deals, the newest, a company's chart shows.
pub const TIMELINE_DEALS: usize = 12;

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

/// The widest a timeline label is drawn: 26 units a letter, on phones (style.css).
const LABEL_SIZE: f64 = 26.0;

/// About how wide `text` is at `LABEL_SIZE`: Hangul (and other wide letters)
/// a full em, the rest a little over half of one.
fn label_width(text: &str) -> f64 {
    text.chars()
        .map(|c| match c {
            ' ' => 0.3,
            c if c >= '\u{1100}' => 1.0,
            _ => 0.62,
        })
        .sum::<f64>()
        * LABEL_SIZE
}

/// Where a label centred under a dot at `x` stands so that it stays inside
/// the chart: a dot near an edge would otherwise cut its date or amount off.
fn inside(x: f64, text: &str) -> f64 {
    let half = label_width(text) / 2.0 + 2.0;
    if half * 2.0 >= WIDTH {
        WIDTH / 2.0
    } else {
        x.clamp(half, WIDTH - half)
    }
}

/// `value` in the display currency, rounded to a few figures, with `약` /
/// `about` when `approx` says it is not exact.
fn compact(site: &Site, value: Decimal, approx: bool) -> String {
    format_amount(
        round_significant(value),
        &site.config.rates.display_currency,
        approx,
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
        // A figure is about as much when the amount was, when it was
        // converted or when rounding changed it, as the deal's page says.
        let money = &amount.money;
        let approx = money.approx
            || money.currency != rates.display_currency
            || round_significant(value) != value;
        points.push((
            deal.date.instant.as_second(),
            value,
            approx,
            as_investor,
            deal,
        ));
    }
    if points.is_empty() {
        return None;
    }
    // The newest deals only: a company with hundreds of deals would make a
    // chart of hundreds of overlapping dots (and a page of megabytes).
    points.sort_by_key(|p| std::cmp::Reverse(p.0));
    points.truncate(TIMELINE_DEALS);
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
            &compact(site, Decimal::from_f64_retain(key).unwrap_or(Decimal::ONE), false)
        ))
    ));
    svg.push_str(&format!(
        "<line x1=\"40\" y1=\"{AXIS}\" x2=\"{}\" y2=\"{AXIS}\" class=\"axis\"/>",
        WIDTH - 40.0
    ));
    for (t, value, approx, as_investor, deal) in &points {
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
            format_date(deal.date.day, lang),
            investors.join(", "),
            shown(&deal.target),
            compact(site, *value, *approx)
        );
        svg.push_str(&format!(
            "<circle cx=\"{x:.1}\" cy=\"{:.1}\" r=\"{r:.1}\" class=\"{class}\"><title>{}</title></circle>",
            AXIS - r.min(60.0),
            escape_xml(&label)
        ));
        let month = format_month_short(deal.date.day.year(), deal.date.day.month(), lang);
        let figure = compact(site, *value, *approx);
        svg.push_str(&format!(
            "<text x=\"{:.1}\" y=\"{}\" text-anchor=\"middle\" class=\"label\">{}</text><text x=\"{:.1}\" y=\"{}\" text-anchor=\"middle\" class=\"label value\">{}</text>",
            inside(x, &month),
            AXIS + 26.0,
            escape_xml(&month),
            inside(x, &figure),
            AXIS + 58.0,
            escape_xml(&figure)
        ));
    }
    svg.push_str("</svg>");
    Some(svg)
}

/// The periods deal flow is counted in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Period {
    Month,
    Quarter,
}

impl Period {
    /// How many of the newest periods the chart shows: a year of months, two
    /// years of quarters. The chart stays one screen long at any site size.
    fn shown(self) -> usize {
        match self {
            Period::Month => 12,
            Period::Quarter => 8,
        }
    }

    /// The period of a day, as (year, number within the year: month or quarter).
    fn of(self, day: jiff::civil::Date) -> (i16, i8) {
        match self {
            Period::Month => (day.year(), day.month()),
            Period::Quarter => (day.year(), quarter_of(day.month())),
        }
    }

    /// The period before `p`.
    fn before(self, (year, n): (i16, i8)) -> (i16, i8) {
        let last = match self {
            Period::Month => 12,
            Period::Quarter => 4,
        };
        if n > 1 {
            (year, n - 1)
        } else {
            (year - 1, last)
        }
    }

    /// `2025-06`, `2025-Q2`: the period in data attributes.
    fn key(self, (year, n): (i16, i8)) -> String {
        match self {
            Period::Month => format!("{year}-{n:02}"),
            Period::Quarter => format!("{year}-Q{n}"),
        }
    }

    fn label(self, (year, n): (i16, i8), lang: &str) -> String {
        match self {
            Period::Month => format_month(year, n, lang),
            Period::Quarter => format_quarter(year, n, lang),
        }
    }
}

/// What one period of deal flow holds: its deals (not cancelled) and the
/// disclosed total in the page language's display currency.
#[derive(Debug, Clone, PartialEq)]
pub struct Flow {
    pub period: (i16, i8),
    pub count: usize,
    pub total: Option<crate::index::Total>,
}

/// Deal flow per period, newest first: the newest `period.shown()` periods up
/// to the newest deal's and not before the oldest one's, empty ones included
/// (a gap in the flow is news too). Cancelled deals are left out, as totals leave them out; a deal
/// counts in the period of its date (its newest mention, as the deals table
/// dates it).
pub fn flows(site: &Site, period: Period) -> Vec<Flow> {
    let live: Vec<&crate::index::Deal> = site
        .deals
        .iter()
        .filter(|d| d.status != crate::model::deal::DealStatus::Cancelled)
        .collect();
    let (Some(newest), Some(oldest)) = (
        live.iter().map(|d| period.of(d.date.day)).max(),
        live.iter().map(|d| period.of(d.date.day)).min(),
    ) else {
        return Vec::new();
    };
    let mut by_period: BTreeMap<(i16, i8), Vec<&crate::index::Deal>> = BTreeMap::new();
    for d in live {
        by_period.entry(period.of(d.date.day)).or_default().push(d);
    }
    let currency = site.config.display_currency_for(&site.config.language);
    let mut out = Vec::with_capacity(period.shown());
    let mut p = newest;
    // Back from the newest period, never before the site's oldest deal.
    while out.len() < period.shown() && p >= oldest {
        let deals = by_period.remove(&p).unwrap_or_default();
        out.push(Flow {
            period: p,
            count: deals.len(),
            total: crate::index::total_in(deals.into_iter(), &site.config.rates, currency),
        });
        p = period.before(p);
    }
    out
}

/// The deals index: deal flow per month or quarter, as bars. Each row has the
/// period and, at the right, the number of deals and the disclosed total;
/// under them a thick bar for the total and a thin one for the count.
pub fn deal_flow(site: &Site, period: Period) -> Option<String> {
    let flows = flows(site, period);
    if flows.is_empty() {
        return None;
    }
    let lang = site.config.language.as_str();
    let currency = site.config.display_currency_for(lang);
    let max_total = flows
        .iter()
        .filter_map(|f| f.total.as_ref())
        .map(|t| t.value)
        .max()
        .unwrap_or(Decimal::ONE)
        .to_f64()
        .unwrap_or(1.0)
        .max(1.0);
    let max_count = flows.iter().map(|f| f.count).max().unwrap_or(1).max(1) as f64;
    // Geometry for labels of 22 units: the chart is drawn at most 480 px wide
    // (style.css), where they are ~16 px, and at ~280 px on a 360 px phone,
    // where they are still over 11 px. Text stands above its bars, the period
    // at the left and the figures at the right, so long labels never meet.
    let row = 64.0;
    let height = row * flows.len() as f64;
    let title = text(
        lang,
        match period {
            Period::Month => "deal_flow_month",
            Period::Quarter => "deal_flow_quarter",
        },
    );
    let kind = match period {
        Period::Month => "month",
        Period::Quarter => "quarter",
    };
    let mut svg = format!(
        "<svg class=\"chart chart-bars chart-flow chart-flow-{kind}\" viewBox=\"0 0 {WIDTH} {height}\" role=\"img\" aria-label=\"{}\" xmlns=\"http://www.w3.org/2000/svg\">",
        escape_xml(title)
    );
    for (n, flow) in flows.iter().enumerate() {
        let y = n as f64 * row;
        let label = period.label(flow.period, lang);
        let count = super::i18n::count(lang, "deal", flow.count as u64).unwrap_or_default();
        let figures = match &flow.total {
            Some(t) => format!(
                "{count} · {}",
                format_amount(round_significant(t.value), currency, t.approx, None, lang)
            ),
            None => count,
        };
        let total_w = flow.total.as_ref().map_or(0.0, |t| {
            (t.value.to_f64().unwrap_or(0.0) / max_total * WIDTH).max(2.0)
        });
        let count_w = flow.count as f64 / max_count * WIDTH;
        svg.push_str(&format!(
            "<g class=\"flow{}\" data-period=\"{}\" data-count=\"{}\"><title>{}</title><text x=\"0\" y=\"{:.1}\" class=\"label\">{}</text><text x=\"{WIDTH}\" y=\"{:.1}\" text-anchor=\"end\" class=\"label value\">{}</text><rect x=\"0\" y=\"{:.1}\" width=\"{total_w:.1}\" height=\"14\" class=\"bar\"/><rect x=\"0\" y=\"{:.1}\" width=\"{count_w:.1}\" height=\"5\" class=\"bar bar-count\"/></g>",
            if flow.count == 0 { " empty" } else { "" },
            escape_xml(&period.key(flow.period)),
            flow.count,
            escape_xml(&format!("{label}: {figures}")),
            y + 24.0,
            escape_xml(&label),
            y + 24.0,
            escape_xml(&figures),
            y + 32.0,
            y + 49.0,
        ));
    }
    svg.push_str("</svg>");
    Some(svg)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn periods_step_back_across_years() {
        let day = jiff::civil::Date::new(2025, 5, 31).unwrap();
        assert_eq!(Period::Month.of(day), (2025, 5));
        assert_eq!(Period::Quarter.of(day), (2025, 2));
        assert_eq!(Period::Month.before((2025, 1)), (2024, 12));
        assert_eq!(Period::Quarter.before((2025, 1)), (2024, 4));
        assert_eq!(Period::Quarter.before((2025, 3)), (2025, 2));
        assert_eq!(Period::Quarter.key((2025, 2)), "2025-Q2");
        assert_eq!(Period::Month.key((2025, 6)), "2025-06");
        assert_eq!(Period::Quarter.label((2025, 2), "ko"), "2025년 2분기");
        assert_eq!(Period::Month.label((2025, 6), "en"), "June 2025");
    }

    #[test]
    fn labels_near_an_edge_move_inside_the_chart() {
        assert_eq!(inside(320.0, "Jun 2025"), 320.0);
        let left = inside(60.0, "2023년 1월");
        assert!(left - label_width("2023년 1월") / 2.0 >= 0.0, "{left}");
        let right = inside(580.0, "약 100억 달러");
        assert!(
            right + label_width("약 100억 달러") / 2.0 <= WIDTH,
            "{right}"
        );
    }

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

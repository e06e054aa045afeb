//! The league table of `/investors/` (section 7): investors ranked by their
//! deals in the 12 months up to the newest briefing's date and over all time.
//!
//! Each deal that is not cancelled counts once for every one of its investors,
//! with its full amount (a shared round counts for each participant, unsplit);
//! an undisclosed amount counts in the number of deals but adds nothing.
//! Investors are ranked by the number of deals, then the amount in the site's
//! display currency (so every language ranks alike), then id; the top
//! `LEAGUE_SIZE` of each table are kept. A deal's day is its `date`, that of
//! its newest mention, as `/deals/` and the data API give it.

use super::companies::total_in;
use super::site::{Deal, Site, Total};
use crate::model::deal::{DealStatus, Round};
use crate::model::money::Rates;
use jiff::civil::Date;
use std::cmp::Ordering;
use std::collections::BTreeMap;

/// How many investors each table lists.
pub const LEAGUE_SIZE: usize = 100;

/// One investor's line in a table.
#[derive(Debug, Clone, PartialEq)]
pub struct LeagueRow {
    /// The investor's company id.
    pub investor: String,
    /// Its counted deals, indexes into `Site::deals`, newest first.
    pub deals: Vec<usize>,
    /// The deals' disclosed amounts summed in the site's display currency
    /// (what ranks); `None` when none of them has one.
    pub amount: Option<Total>,
    /// The same sum in the currency the table was asked for (a page
    /// language's display currency).
    pub shown: Option<Total>,
    /// Its deals by round, the most first (ties: earlier stage first); deals
    /// without a round are left out.
    pub rounds: Vec<(Round, usize)>,
}

impl LeagueRow {
    pub fn count(&self) -> usize {
        self.deals.len()
    }
}

/// Both tables, and the window of the recent one: the days after `since` up
/// to and including `until`.
#[derive(Debug, Clone, PartialEq)]
pub struct League {
    pub since: Option<Date>,
    pub until: Option<Date>,
    pub recent: Vec<LeagueRow>,
    pub all_time: Vec<LeagueRow>,
}

/// The league table of `site`, amounts shown in `currency`.
pub fn league(site: &Site, currency: &str) -> League {
    let newest = site.briefings.first().map(|b| b.briefing.date.day);
    rank(
        &site.deals,
        newest,
        &site.config.rates,
        currency,
        LEAGUE_SIZE,
    )
}

/// The first day *outside* the window that ends on `newest`: 12 months
/// before it (the window is `(since, newest]`).
pub fn window_start(newest: Date) -> Date {
    newest
        .checked_sub(jiff::Span::new().months(12))
        .unwrap_or(Date::MIN)
}

/// Both tables over `deals` (newest first), the window ending on `newest`,
/// each cut to `limit` rows.
pub fn rank(
    deals: &[Deal],
    newest: Option<Date>,
    rates: &Rates,
    currency: &str,
    limit: usize,
) -> League {
    let since = newest.map(window_start);
    let all: Vec<usize> = (0..deals.len()).collect();
    let recent: Vec<usize> = match (since, newest) {
        (Some(since), Some(until)) => all
            .iter()
            .copied()
            .filter(|&i| deals[i].date.day > since && deals[i].date.day <= until)
            .collect(),
        _ => Vec::new(),
    };
    League {
        since,
        until: newest,
        recent: table(deals, &recent, rates, currency, limit),
        all_time: table(deals, &all, rates, currency, limit),
    }
}

/// One table over the deals at `indexes`.
fn table(
    deals: &[Deal],
    indexes: &[usize],
    rates: &Rates,
    currency: &str,
    limit: usize,
) -> Vec<LeagueRow> {
    let mut by_investor: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for &i in indexes {
        let d = &deals[i];
        if d.status == DealStatus::Cancelled {
            continue;
        }
        for investor in &d.investors {
            let list = by_investor.entry(investor).or_default();
            // An investor named twice in one deal counts it once.
            if list.last() != Some(&i) {
                list.push(i);
            }
        }
    }
    let mut rows: Vec<LeagueRow> = by_investor
        .into_iter()
        .map(|(investor, list)| {
            let of = || list.iter().map(|&i| &deals[i]);
            LeagueRow {
                investor: investor.to_string(),
                amount: total_in(of(), rates, &rates.display_currency),
                shown: total_in(of(), rates, currency),
                rounds: rounds(of()),
                deals: list,
            }
        })
        .collect();
    rows.sort_by(|a, b| {
        b.count()
            .cmp(&a.count())
            .then_with(|| amount_of(b).cmp(&amount_of(a)))
            .then_with(|| a.investor.cmp(&b.investor))
    });
    rows.truncate(limit);
    rows
}

fn amount_of(row: &LeagueRow) -> rust_decimal::Decimal {
    row.amount
        .as_ref()
        .map_or(rust_decimal::Decimal::ZERO, |t| t.value)
}

/// Deals by round, the most first, ties in the order of the stages.
fn rounds<'a>(deals: impl Iterator<Item = &'a Deal>) -> Vec<(Round, usize)> {
    let mut counts: Vec<(Round, usize)> = Vec::new();
    for round in deals.filter_map(|d| d.round) {
        match counts.iter_mut().find(|(r, _)| *r == round) {
            Some((_, n)) => *n += 1,
            None => counts.push((round, 1)),
        }
    }
    counts.sort_by(|(ra, a), (rb, b)| b.cmp(a).then_with(|| stage_order(*ra, *rb)));
    counts
}

/// Funding stages in the order a company goes through them.
fn stage_order(a: Round, b: Round) -> Ordering {
    fn key(r: Round) -> (u8, char) {
        match r {
            Round::PreSeed => (0, ' '),
            Round::Seed => (1, ' '),
            Round::PreSeriesA => (2, ' '),
            Round::Series(c) => (3, c),
            Round::Bridge => (4, ' '),
            Round::Growth => (5, ' '),
            Round::PreIpo => (6, ' '),
            Round::Strategic => (7, ' '),
            Round::Secondary => (8, ' '),
            Round::Debt => (9, ' '),
            Round::Grant => (10, ' '),
        }
    }
    key(a).cmp(&key(b))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::Pos;
    use crate::model::date::Moment;
    use crate::model::deal::{DealType, Stated, ValuationBasis};
    use crate::model::money::Money;
    use rust_decimal::Decimal;
    use std::str::FromStr;

    fn day(s: &str) -> Date {
        s.parse().unwrap()
    }

    fn rates() -> Rates {
        Rates {
            display_currency: "USD".into(),
            rates: [("KRW".to_string(), Decimal::from_str("0.00075").unwrap())]
                .into_iter()
                .collect(),
            dated: BTreeMap::new(),
        }
    }

    /// A deal on day `on` by `investors`, with `amount` (`"10000000 USD"`) or
    /// undisclosed (`""`).
    fn deal(id: &str, on: &str, investors: &[&str], amount: &str) -> Deal {
        let on = day(on);
        let amount = amount.split_once(' ').map(|(v, c)| Stated {
            money: Money {
                value: Decimal::from_str(v).unwrap(),
                currency: c.into(),
                approx: false,
                bound: None,
                text: amount.into(),
                equivalent: None,
            },
            pos: Pos { line: 1, column: 1 },
            date: on,
        });
        Deal {
            id: id.into(),
            kind: DealType::Investment,
            status: DealStatus::Announced,
            date: Moment {
                instant: on
                    .to_zoned_datetime(jiff::tz::TimeZone::UTC)
                    .unwrap()
                    .timestamp(),
                day: on,
            },
            investors: investors.iter().map(|s| s.to_string()).collect(),
            target: "target".into(),
            disclosed: Some(amount.is_some()),
            amount,
            valuation: None,
            valuation_basis: ValuationBasis::Post,
            round: None,
            lead: Vec::new(),
            stake: None,
            note: None,
            briefings: Vec::new(),
            history: Vec::new(),
            quotes: Vec::new(),
        }
    }

    /// Deals newest first, as the site keeps them.
    fn sorted(mut deals: Vec<Deal>) -> Vec<Deal> {
        deals.sort_by(|a, b| b.date.cmp(&a.date).then_with(|| a.id.cmp(&b.id)));
        deals
    }

    fn summary(rows: &[LeagueRow]) -> Vec<(String, usize, Option<String>)> {
        rows.iter()
            .map(|r| {
                (
                    r.investor.clone(),
                    r.count(),
                    r.amount.as_ref().map(|t| t.value.normalize().to_string()),
                )
            })
            .collect()
    }

    fn row(id: &str, n: usize, amount: Option<&str>) -> (String, usize, Option<String>) {
        (id.to_string(), n, amount.map(str::to_string))
    }

    #[test]
    fn ranked_by_count_then_amount_then_id() {
        let deals = sorted(vec![
            deal("d1", "2025-06-01", &["b", "a"], "10000000 USD"),
            deal("d2", "2025-05-01", &["b"], "5000000 USD"),
            deal("d3", "2025-04-01", &["a"], "5000000 USD"),
            deal("d4", "2025-03-01", &["c", "d"], "1000000 USD"),
            deal("d5", "2025-02-01", &["c", "d"], "1000000 USD"),
            deal("d6", "2025-01-01", &["e"], "20000000000 KRW"),
        ]);
        let league = rank(&deals, Some(day("2025-06-01")), &rates(), "USD", 100);
        assert_eq!(
            summary(&league.all_time),
            [
                // Two deals each: a and b tie on amount too, so by id; c and d
                // have less.
                row("a", 2, Some("15000000")),
                row("b", 2, Some("15000000")),
                row("c", 2, Some("2000000")),
                row("d", 2, Some("2000000")),
                // 200억 원 at 0.00075: $15M, but one deal.
                row("e", 1, Some("15000000")),
            ]
        );
        assert_eq!(league.recent, league.all_time);
        assert_eq!(league.since, Some(day("2024-06-01")));
        assert_eq!(league.until, Some(day("2025-06-01")));
    }

    #[test]
    fn cancelled_deals_do_not_count_and_undisclosed_ones_count_without_an_amount() {
        let mut cancelled = deal("big", "2025-05-01", &["x"], "900000000 USD");
        cancelled.status = DealStatus::Cancelled;
        let deals = sorted(vec![
            cancelled,
            deal("u1", "2025-04-01", &["y"], ""),
            deal("u2", "2025-03-01", &["y"], ""),
            deal("s", "2025-02-01", &["x"], "1000000 USD"),
        ]);
        let league = rank(&deals, Some(day("2025-06-01")), &rates(), "USD", 100);
        assert_eq!(
            summary(&league.all_time),
            [row("y", 2, None), row("x", 1, Some("1000000"))]
        );
        let x = &league.all_time[1];
        assert_eq!(x.deals, [deals.iter().position(|d| d.id == "s").unwrap()]);
    }

    #[test]
    fn the_window_is_the_twelve_months_up_to_the_newest_briefing() {
        let deals = sorted(vec![
            deal("newest", "2025-06-10", &["a"], "1 USD"),
            // Exactly 12 months before: outside. A day later: inside.
            deal("out", "2024-06-10", &["b"], "1 USD"),
            deal("in", "2024-06-11", &["c"], "1 USD"),
        ]);
        let league = rank(&deals, Some(day("2025-06-10")), &rates(), "USD", 100);
        let ids = |rows: &[LeagueRow]| -> Vec<String> {
            rows.iter().map(|r| r.investor.clone()).collect()
        };
        assert_eq!(ids(&league.recent), ["a", "c"]);
        assert_eq!(ids(&league.all_time), ["a", "b", "c"]);
        assert_eq!(league.since, Some(day("2024-06-10")));
        // A leap day's year back is the last day of February.
        assert_eq!(window_start(day("2024-02-29")), day("2023-02-28"));
    }

    #[test]
    fn a_shared_round_counts_in_full_for_each_investor() {
        let deals = vec![deal("r", "2025-01-01", &["a", "b", "c"], "30000000 USD")];
        let league = rank(&deals, Some(day("2025-01-01")), &rates(), "USD", 100);
        assert_eq!(
            summary(&league.all_time),
            [
                row("a", 1, Some("30000000")),
                row("b", 1, Some("30000000")),
                row("c", 1, Some("30000000")),
            ]
        );
    }

    #[test]
    fn amounts_are_shown_in_the_page_currency_but_ranked_in_the_sites() {
        let deals = vec![deal("k", "2025-01-01", &["a"], "1000000 USD")];
        let league = rank(&deals, Some(day("2025-01-01")), &rates(), "KRW", 100);
        let a = &league.all_time[0];
        assert_eq!(a.amount.as_ref().unwrap().value, Decimal::from(1_000_000));
        // $1M at 0.00075 USD per won.
        assert_eq!(
            a.shown.as_ref().unwrap().value,
            Decimal::from(1_333_333_333)
        );
        assert!(a.shown.as_ref().unwrap().approx);
    }

    #[test]
    fn each_table_keeps_the_top_limit() {
        let deals: Vec<Deal> = (0..150)
            .map(|n| {
                deal(
                    &format!("d{n:03}"),
                    "2025-01-01",
                    &[&format!("i{n:03}")],
                    &format!("{} USD", n + 1),
                )
            })
            .collect();
        let league = rank(&deals, Some(day("2025-01-01")), &rates(), "USD", 100);
        assert_eq!(league.all_time.len(), 100);
        assert_eq!(league.recent.len(), 100);
        // The largest amounts first: i149 ($150) down to i050 ($51).
        assert_eq!(league.all_time[0].investor, "i149");
        assert_eq!(league.all_time[99].investor, "i050");
    }

    #[test]
    fn rounds_most_first_then_by_stage() {
        let mut list = vec![
            deal("1", "2025-01-04", &["a"], ""),
            deal("2", "2025-01-03", &["a"], ""),
            deal("3", "2025-01-02", &["a"], ""),
            deal("4", "2025-01-01", &["a"], ""),
        ];
        list[0].round = Some(Round::Series('a'));
        list[1].round = Some(Round::Seed);
        list[2].round = Some(Round::Series('a'));
        list[3].round = None;
        let league = rank(&list, Some(day("2025-01-04")), &rates(), "USD", 100);
        assert_eq!(
            league.all_time[0].rounds,
            [(Round::Series('a'), 2), (Round::Seed, 1)]
        );
        // Equal counts: the earlier stage first.
        let tied: Vec<Deal> = [Round::Series('b'), Round::Seed]
            .into_iter()
            .map(|r| Deal {
                round: Some(r),
                ..deal("x", "2025-01-01", &["a"], "")
            })
            .collect();
        assert_eq!(
            rounds(tied.iter()),
            [(Round::Seed, 1), (Round::Series('b'), 1)]
        );
    }

    #[test]
    fn no_briefings_no_window() {
        let league = rank(&[], None, &rates(), "USD", 100);
        assert!(league.recent.is_empty() && league.all_time.is_empty());
        assert_eq!(league.since, None);
    }
}

//! `/investors/`: the league table (`index::investors`) as a page, amounts
//! in the page language's display currency, rounds and sectors in its words.

use super::i18n::{self, format_date};
use super::pages::{Here, Meta, Page};
use super::views::{CompanyRef, DecimalNumber, MoneyKind, MoneyView, Views, round_label};
use crate::index::Site;
use crate::index::investors::{LEAGUE_SIZE, LeagueRow, league};
use crate::model::money::{format_amount, round_significant};
use serde::Serialize;

/// How many rounds and sectors a row names: a short breakdown, not a list.
const ROUNDS_SHOWN: usize = 3;
const SECTORS_SHOWN: usize = 2;

/// What `investors.html` gets as `league`.
#[derive(Debug, Serialize)]
pub struct LeagueView<'a> {
    /// The first and last day of the recent table's window (both inside it);
    /// none on a site without briefings.
    pub from: Option<Day>,
    pub until: Option<Day>,
    pub recent: Vec<InvestorRow<'a>>,
    pub all_time: Vec<InvestorRow<'a>>,
    /// How many rows a table keeps at most.
    pub limit: usize,
}

/// A day: `ymd` and `display` in the page's language.
#[derive(Debug, Serialize)]
pub struct Day {
    pub ymd: String,
    pub display: String,
}

/// One investor's line: its rank, link, deals, disclosed total and what kind
/// of deals they were.
#[derive(Debug, Serialize)]
pub struct InvestorRow<'a> {
    pub rank: usize,
    pub investor: CompanyRef<'a>,
    pub deal_count: usize,
    /// The disclosed amounts summed in the page language's display currency
    /// (`compact` to show); none when no deal disclosed one.
    pub total: Option<MoneyView<'a>>,
    /// How many deals had no disclosed amount.
    pub undisclosed: usize,
    /// Its three most common rounds, the most first.
    pub rounds: Vec<Share>,
    /// The two most common sectors of its targets, in the page's language.
    pub sectors: Vec<Share>,
}

/// A part of an investor's deals: a round or a sector, and how many.
#[derive(Debug, Serialize)]
pub struct Share {
    pub key: String,
    pub label: String,
    pub count: usize,
    /// Label and count in the page's language: `시리즈 A 2건`, `Series A (2)`.
    pub text: String,
}

impl Share {
    fn new(key: String, label: String, count: usize, lang: &str) -> Share {
        let text = i18n::text(lang, "league_share")
            .replace("{label}", &label)
            .replace("{n}", &count.to_string());
        Share {
            key,
            label,
            count,
            text,
        }
    }
}

/// `investors.html`: the two tables.
pub fn page(here: Here) -> Page<impl Serialize> {
    #[derive(Serialize)]
    struct Vars<'a> {
        league: LeagueView<'a>,
    }
    let site = here.site;
    let views = Views::new(site, here.cache);
    let lang = site.config.language.as_str();
    let currency = site.config.display_currency_for(lang);
    let league = league(site, currency);
    let day = |d: jiff::civil::Date| Day {
        ymd: d.to_string(),
        display: format_date(d, lang),
    };
    let rows = |rows: &[LeagueRow]| -> Vec<InvestorRow<'_>> {
        rows.iter()
            .enumerate()
            .map(|(n, row)| investor_row(site, &views, n + 1, row, currency))
            .collect()
    };
    let title = i18n::text(lang, "league_title");
    let meta = Meta {
        title: format!("{title} · {}", site.config.title),
        description: i18n::text(lang, "league_description").to_string(),
        kind: "website",
        feed: None,
        jsonld: None,
    };
    let view = LeagueView {
        from: league
            .since
            .and_then(|d| d.tomorrow().ok())
            .filter(|_| league.until.is_some())
            .map(day),
        until: league.until.map(day),
        recent: rows(&league.recent),
        all_time: rows(&league.all_time),
        limit: LEAGUE_SIZE,
    };
    Page {
        here,
        template: "investors.html",
        meta,
        vars: Vars { league: view },
    }
}

fn investor_row<'a>(
    site: &'a Site,
    views: &Views<'a>,
    rank: usize,
    row: &LeagueRow,
    currency: &'a str,
) -> InvestorRow<'a> {
    let lang = site.config.language.as_str();
    let total = row.shown.as_ref().map(|shown| {
        let compact = format_amount(
            round_significant(shown.value),
            currency,
            shown.approx,
            None,
            lang,
        );
        let exact = format_amount(shown.value, currency, shown.approx, None, lang);
        MoneyView {
            value: shown.value,
            currency,
            approx: shown.approx,
            bound: None,
            display: row.amount.as_ref().map(|t| DecimalNumber(t.value)),
            kind: MoneyKind::Total {
                exact: (exact != compact).then_some(exact),
                compact,
            },
        }
    });
    let undisclosed = row
        .deals
        .iter()
        .filter(|&&i| site.deals[i].amount.is_none())
        .count();
    let rounds = row
        .rounds
        .iter()
        .take(ROUNDS_SHOWN)
        .map(|&(round, count)| {
            let key = round.as_str();
            Share::new(key.clone(), round_label(&key, lang), count, lang)
        })
        .collect();
    let mut sectors: Vec<(&str, usize)> = Vec::new();
    for &i in &row.deals {
        let sector = site.companies.get(&site.deals[i].target).and_then(|c| {
            c.company
                .sector
                .as_ref()
                .and_then(|s| s.get(lang, &site.config.default_language))
        });
        let Some(sector) = sector else { continue };
        match sectors.iter_mut().find(|(s, _)| *s == sector) {
            Some((_, n)) => *n += 1,
            None => sectors.push((sector, 1)),
        }
    }
    sectors.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| i18n::collate(lang, a.0, b.0)));
    let sectors = sectors
        .into_iter()
        .take(SECTORS_SHOWN)
        .map(|(s, n)| Share::new(s.to_string(), s.to_string(), n, lang))
        .collect();
    // The id as the site holds it: the row is the page's own.
    let id = row
        .deals
        .first()
        .and_then(|&i| {
            site.deals[i]
                .investors
                .iter()
                .find(|id| **id == row.investor)
        })
        .map_or("", String::as_str);
    InvestorRow {
        rank,
        investor: views.company_ref(id),
        deal_count: row.count(),
        total,
        undisclosed,
        rounds,
        sectors,
    }
}

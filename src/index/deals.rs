//! Deal mentions merged into deals: each current field from the newest
//! mention that sets it, the status history oldest first, and warnings where
//! mentions disagree.

use super::resolve::{BriefingRefs, Mentions, Resolver};
use super::site::{Deal, HistoryEntry, Texts, error};
use crate::diagnostics::Diagnostic;
use crate::model::Reference;
use crate::model::briefing::Briefing;
use crate::model::deal::{DealStatus, DealType, Stated};
use crate::model::money::{Rates, format_amount, minor_unit, round_significant};
use rust_decimal::Decimal;
use std::collections::BTreeMap;
use std::collections::HashMap;
use std::sync::Arc;

/// Every stated amount needs a rate into the display currency at the day of
/// the mention that stated it.
pub(super) fn missing_rates(
    briefings: &[Arc<Briefing>],
    rates: &Rates,
    language_currencies: &BTreeMap<String, String>,
    texts: &Texts,
) -> Vec<Diagnostic> {
    let mut errors = Vec::new();
    // Pages of a language with its own display currency convert through the site's.
    for (lang, into) in language_currencies {
        for b in briefings {
            for m in &b.deals {
                for stated in m.amount.iter().chain(m.valuation.iter()) {
                    if stated.money.currency == *into || rates.rate(into, stated.date).is_some() {
                        continue;
                    }
                    let display = &rates.display_currency;
                    errors.push(
                        error(texts, &b.source, stated.pos, format!(
                            "no rate for {into} on {}: `{}` is shown in {into} on {lang} pages ([languages.{lang}] display_currency), so {into} needs a rate into {display}",
                            stated.date, stated.money.text
                        ))
                        .with_help(format!("add `{into} = <value of one {into} in {display}>` under [money.rates] in site.toml")),
                    );
                }
            }
        }
    }
    // Every amount gets a converted figure, so each needs a rate.
    for b in briefings {
        for m in &b.deals {
            for stated in m.amount.iter().chain(m.valuation.iter()) {
                let currency = &stated.money.currency;
                if rates
                    .convert(stated.money.value, currency, stated.date)
                    .is_some()
                {
                    continue;
                }
                let display = &rates.display_currency;
                let e = if rates.has_dated(currency) {
                    // data/rates.csv has the currency, only from a later day.
                    error(texts, &b.source, stated.pos, format!(
                        "no rate for {currency} on {}: data/rates.csv starts later and site.toml has none", stated.date
                    ))
                    .with_help(format!("add a row `{},{currency},<value of one {currency} in {display}>` to data/rates.csv, or `{currency} = …` under [money.rates] in site.toml", stated.date))
                } else {
                    error(texts, &b.source, stated.pos, format!(
                        "no rate for {currency}: amounts are converted to {display}, so site.toml needs one"
                    ))
                    .with_help(format!("add `{currency} = <value of one {currency} in {display}>` under [money.rates] in site.toml"))
                };
                errors.push(e);
            }
        }
    }

    errors
}

/// A stated equivalent (`100억달러 (약 13조원)`) more than 20% away from the
/// amount converted at the mention's day into the equivalent's currency is
/// most likely a slip of units: `check` warns, naming both figures.
pub(super) fn equivalent_warnings(
    briefings: &[Arc<Briefing>],
    rates: &Rates,
    lang: &str,
    texts: &Texts,
) -> Vec<Diagnostic> {
    let mut warnings = Vec::new();
    let tolerance = Decimal::new(2, 1);
    for b in briefings {
        for m in &b.deals {
            for stated in m.amount.iter().chain(m.valuation.iter()) {
                let money = &stated.money;
                let Some(eq) = &money.equivalent else {
                    continue;
                };
                let Some(converted) =
                    rates.convert_into(money.value, &money.currency, &eq.currency, stated.date)
                else {
                    continue;
                };
                if converted.is_zero() {
                    continue;
                }
                let ratio = eq.value / converted;
                if (ratio - Decimal::ONE).abs() <= tolerance {
                    continue;
                }
                let stated_figure = format_amount(eq.value, &eq.currency, eq.approx, None, lang);
                let converted_figure = format_amount(
                    round_significant(converted).round_dp(minor_unit(&eq.currency)),
                    &eq.currency,
                    true,
                    None,
                    lang,
                );
                let how = if ratio >= Decimal::TWO {
                    format!("about {}× the amount", ratio.round())
                } else if ratio <= Decimal::new(5, 1) {
                    format!("about 1/{} of the amount", (Decimal::ONE / ratio).round())
                } else {
                    let percent = ((ratio - Decimal::ONE) * Decimal::ONE_HUNDRED)
                        .round()
                        .abs();
                    let side = if ratio > Decimal::ONE { "more" } else { "less" };
                    format!("{percent}% {side} than the amount")
                };
                warnings.push(
                    error(
                        texts,
                        &b.source,
                        stated.pos,
                        format!(
                            "amount `{}`: the stated equivalent {stated_figure} is {how} converted at {} ({converted_figure}); check the figures",
                            money.text, stated.date
                        ),
                    )
                    .warning()
                    .with_help(format!(
                        "the rates used: {}",
                        rate_note(rates, &money.currency, &eq.currency, stated.date)
                    )),
                );
            }
        }
    }
    warnings
}

/// `1 USD = 1 USD, 1 KRW = 0.00073 USD`: the rates a comparison used.
fn rate_note(rates: &Rates, from: &str, into: &str, on: jiff::civil::Date) -> String {
    let display = &rates.display_currency;
    [from, into]
        .iter()
        .filter(|c| *c != display)
        .filter_map(|c| {
            Some(format!(
                "1 {c} = {} {display}",
                rates.rate(c, on)?.normalize()
            ))
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// Merges the mentions of each deal id into one deal, newest first.
pub(super) fn merge(
    briefings: &[Arc<Briefing>],
    mentions: &Mentions,
    resolver: &mut Resolver,
    texts: &Texts,
    errors: &mut Vec<Diagnostic>,
    warnings: &mut Vec<Diagnostic>,
) -> Vec<Deal> {
    // Whether every briefing's deals were all read: a briefing that failed to
    // parse may have lost a deal, and with it what other mentions lack.
    let every_deal_read = briefings.iter().all(|b| b.deals_complete);
    let mut deals = Vec::new();
    for (id, list) in mentions {
        let mut list = list.clone();
        list.sort_by(|a, b| {
            let (ma, mb) = (&briefings[a.0].deals[a.1], &briefings[b.0].deals[b.1]);
            ma.date
                .cmp(&mb.date)
                .then_with(|| briefings[a.0].slug.cmp(&briefings[b.0].slug))
        });
        let newest_first = || {
            list.iter()
                .rev()
                .map(|&(bi, mi)| (bi, &briefings[bi].deals[mi]))
        };
        let resolve_all =
            |refs: &[Reference], source: &str, resolver: &mut Resolver| -> Vec<String> {
                refs.iter().map(|r| resolver.resolve(source, r)).collect()
            };
        let investors = newest_first()
            .find(|(_, m)| !m.investors.is_empty())
            .map(|(bi, m)| resolve_all(&m.investors, &briefings[bi].source, resolver))
            .unwrap_or_default();
        let target = newest_first().find_map(|(bi, m)| {
            m.target
                .as_ref()
                .map(|t| resolver.resolve(&briefings[bi].source, t))
        });
        let Some(target) = target else {
            // A mention that could not be read whole (its briefing has errors
            // of its own) may be the one that names the target.
            if !every_deal_read
                || list
                    .iter()
                    .any(|&(bi, mi)| !briefings[bi].deals[mi].complete)
            {
                continue;
            }
            let (bi, mi) = list[0];
            errors.push(error(
                texts,
                &briefings[bi].source,
                briefings[bi].deals[mi].pos,
                format!("deal `{id}` has no target in any briefing; add `target:` to one mention"),
            ));
            continue;
        };
        // Where the current parties were stated, to name it in warnings.
        let stated_at = |line: &dyn Fn(&crate::model::deal::DealMention) -> Option<usize>| {
            newest_first()
                .find_map(|(bi, m)| Some(format!("{}:{}", briefings[bi].source, line(m)?)))
                .unwrap_or_default()
        };
        let investors_at = stated_at(&|m| {
            (!m.investors.is_empty()).then(|| m.investors_pos.unwrap_or(m.pos).line)
        });
        let target_at = stated_at(&|m| m.target.as_ref().map(|t| t.pos.line));
        // An amount that changes between mentions is a revision, shown in the
        // history; two mentions of one date with different amounts are a
        // disagreement, and so are differing parties: `check` warns.
        // The last figure stated on each date, to compare the next one with.
        let mut seen_amount: Option<(&Stated, usize, &crate::model::date::Moment)> = None;
        for &(bi, mi) in list.iter() {
            let m = &briefings[bi].deals[mi];
            if let Some(a) = &m.amount {
                if let Some((prev, pbi, prev_date)) = seen_amount
                    && prev_date.day == m.date.day
                    && !prev.money.same_amount(&a.money)
                {
                    warnings.push(
                        error(
                            texts,
                            &briefings[bi].source,
                            a.pos,
                            format!(
                                "deal `{id}`: amount `{}` differs from `{}` at {}:{}, stated on the same day ({})",
                                a.money.text,
                                prev.money.text,
                                briefings[pbi].source,
                                prev.pos.line,
                                m.date.ymd()
                            ),
                        )
                        .warning(),
                    );
                }
                seen_amount = Some((a, bi, &m.date));
            }
            if !m.investors.is_empty() {
                let ids = resolve_all(&m.investors, &briefings[bi].source, resolver);
                if ids != investors {
                    warnings.push(
                        error(
                            texts,
                            &briefings[bi].source,
                            m.investors_pos.unwrap_or(m.pos),
                            format!(
                                "deal `{id}`: investors {} differ from {} at {investors_at}",
                                ids.join(", "),
                                investors.join(", ")
                            ),
                        )
                        .warning(),
                    );
                }
            }
        }
        for &(bi, mi) in &list {
            let m = &briefings[bi].deals[mi];
            if let Some(t) = &m.target {
                let resolved = resolver.resolve(&briefings[bi].source, t);
                if resolved != target {
                    warnings.push(
                        error(texts, &briefings[bi].source, t.pos, format!(
                            "deal `{id}`: target {resolved} differs from {target} at {target_at}"
                        ))
                        .warning(),
                    );
                }
            }
        }
        // Lead investors come from the newest mention that names them, and
        // each must be one of the deal's investors.
        let mut lead = Vec::new();
        if let Some((bi, m)) = newest_first().find(|(_, m)| !m.lead.is_empty()) {
            for r in &m.lead {
                let lead_id = resolver.resolve(&briefings[bi].source, r);
                if investors.contains(&lead_id) {
                    lead.push(lead_id);
                } else {
                    errors.push(
                        error(
                            texts,
                            &briefings[bi].source,
                            r.pos,
                            format!(
                                "deal `{id}`: lead `{}` is not one of its investors ({})",
                                r.text,
                                investors.join(", ")
                            ),
                        )
                        .with_help("a lead investor must also be listed under `investors`"),
                    );
                }
            }
        }
        let mut history = Vec::with_capacity(list.len());
        let mut status = DealStatus::default();
        for &(bi, mi) in &list {
            let m = &briefings[bi].deals[mi];
            // A mention that gives no status keeps the status the deal had.
            status = m.status.unwrap_or(status);
            history.push(HistoryEntry {
                date: m.date.clone(),
                status,
                briefing: bi,
                amount: m.amount.clone(),
                disclosed: m.disclosed(),
                valuation: m.valuation.clone(),
            });
        }
        let mut deal_briefings: Vec<usize> = list.iter().map(|&(bi, _)| bi).collect();
        deal_briefings.sort_unstable();
        deal_briefings.dedup();
        deals.push(Deal {
            id: id.clone(),
            kind: newest_first()
                .find_map(|(_, m)| m.kind)
                .unwrap_or(DealType::Investment),
            status,
            date: newest_first()
                .next()
                .map(|(_, m)| m.date.clone())
                .unwrap_or_else(|| history[0].date.clone()),
            investors,
            target,
            // `amount: undisclosed` sets the amount too: the newest mention
            // that speaks of it decides.
            amount: newest_first()
                .find(|(_, m)| m.disclosed().is_some())
                .and_then(|(_, m)| m.amount.clone()),
            disclosed: newest_first().find_map(|(_, m)| m.disclosed()),
            valuation: newest_first().find_map(|(_, m)| m.valuation.clone()),
            valuation_basis: newest_first()
                .find_map(|(_, m)| m.valuation_basis)
                .unwrap_or_default(),
            round: newest_first().find_map(|(_, m)| m.round),
            lead,
            stake: newest_first().find_map(|(_, m)| m.stake.clone()),
            note: newest_first().find_map(|(_, m)| m.note.clone()),
            briefings: deal_briefings,
            history,
            quotes: Vec::new(),
        });
    }
    deals.sort_by(|a, b| b.date.cmp(&a.date).then_with(|| a.id.cmp(&b.id)));
    deals
}

/// A quote's `deal:` must name a deal of the site; an unknown id is an error
/// with the closest id as a hint.
pub(super) fn unknown_quote_deals(
    briefings: &[Arc<Briefing>],
    deals: &[Deal],
    positions: &HashMap<String, usize>,
    texts: &Texts,
) -> Vec<Diagnostic> {
    let mut errors = Vec::new();
    for b in briefings {
        for q in &b.quotes {
            let Some((id, pos)) = &q.deal else { continue };
            if positions.contains_key(id) {
                continue;
            }
            let closest = deals
                .iter()
                .map(|d| (strsim::levenshtein(id, &d.id), &d.id))
                .min()
                .filter(|(distance, _)| *distance <= id.len().max(3) / 2);
            let e = error(
                texts,
                &b.source,
                *pos,
                format!("quote: no deal has the id `{id}`"),
            );
            errors.push(match closest {
                Some((_, close)) => e.with_help(format!("did you mean `{close}`?")),
                None => e.with_help("a quote's `deal` is the `id` of a deal in some briefing"),
            });
        }
    }
    errors
}

/// Gives each deal the quotes about it (see `Deal::quotes`).
pub(super) fn attach_quotes(
    deals: &mut [Deal],
    position: &HashMap<String, usize>,
    briefings: &[Arc<Briefing>],
    refs: &[BriefingRefs],
) {
    let mut quotes: Vec<Vec<(usize, usize)>> = vec![Vec::new(); deals.len()];
    for (bi, (b, r)) in briefings.iter().zip(refs).enumerate() {
        for (qi, q) in b.quotes.iter().enumerate() {
            match &q.deal {
                Some((id, _)) => {
                    if let Some(&di) = position.get(id) {
                        quotes[di].push((bi, qi));
                    }
                }
                None => {
                    let Some(company) = &r.quote_companies[qi] else {
                        continue;
                    };
                    for id in &r.deal_ids {
                        let Some(&di) = position.get(id) else {
                            continue;
                        };
                        let d = &deals[di];
                        if d.investors.contains(company) || &d.target == company {
                            quotes[di].push((bi, qi));
                        }
                    }
                }
            }
        }
    }
    for (d, q) in deals.iter_mut().zip(quotes) {
        d.quotes = q;
    }
}

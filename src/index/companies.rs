//! Companies: the registry's and the unregistered ones references created,
//! each with its briefings, deals as investor and as target, quotes and totals.

use super::resolve::Resolver;
use super::site::{CompanyEntry, Deal, Texts, Total, error};
use crate::diagnostics::Diagnostic;
use crate::model::company::{Company, Registry};
use crate::model::deal::DealStatus;
use crate::model::money::{Rates, minor_unit};
use rust_decimal::Decimal;
use std::collections::{BTreeMap, HashMap};

/// One entry per company, registered or not, with its parent resolved; a
/// warning for each unregistered one (with the closest registered name).
pub(super) fn entries(
    registry: &Registry,
    resolver: &mut Resolver,
    texts: &Texts,
    warnings: &mut Vec<Diagnostic>,
) -> BTreeMap<String, CompanyEntry> {
    // Parents resolve like any reference.
    let mut parents = BTreeMap::new();
    for c in registry.companies.values() {
        if let (Some(p), Some(source)) = (&c.parent, &c.source) {
            parents.insert(c.id.clone(), resolver.resolve(source, p));
        }
    }

    let companies: BTreeMap<String, CompanyEntry> = registry
        .companies
        .values()
        .cloned()
        .chain(
            resolver
                .unregistered
                .iter()
                .map(|(id, (name, _, _))| Company::unregistered(id.clone(), name.clone())),
        )
        .map(|c| {
            (
                c.id.clone(),
                CompanyEntry {
                    parent_id: parents.get(&c.id).cloned(),
                    company: c,
                    briefings: Vec::new(),
                    deals_as_investor: Vec::new(),
                    deals_as_target: Vec::new(),
                    quotes: Vec::new(),
                    invested_total: None,
                    raised_total: None,
                },
            )
        })
        .collect();
    for (id, (name, source, pos)) in &resolver.unregistered {
        let help = match registry.closest_name(name) {
            Some((close, close_id)) => format!(
                "did you mean `{close}` ({close_id})? Otherwise add content/companies/{id}.md"
            ),
            None => format!("add content/companies/{id}.md, or an alias to an existing company"),
        };
        warnings.push(
            error(
                texts,
                source,
                *pos,
                format!(
                    "`{name}` is not in the company registry; created unregistered company `{id}`"
                ),
            )
            .warning()
            .with_help(help),
        );
    }

    companies
}

/// Each deal on the pages of its parties, and the totals of each company.
pub(super) fn link_deals(
    companies: &mut BTreeMap<String, CompanyEntry>,
    deals: &[Deal],
    rates: &Rates,
) {
    let mut by_id = by_id(companies);
    for (di, d) in deals.iter().enumerate() {
        for id in &d.investors {
            if let Some(c) = by_id.get_mut(id.as_str())
                && !c.deals_as_investor.contains(&di)
            {
                c.deals_as_investor.push(di);
            }
        }
        if let Some(c) = by_id.get_mut(d.target.as_str()) {
            c.deals_as_target.push(di);
        }
    }
    for entry in companies.values_mut() {
        let id = entry.company.id.clone();
        entry.invested_total = total(
            entry
                .deals_as_investor
                .iter()
                .map(|&i| &deals[i])
                .filter(|d| d.investors == [id.clone()]),
            rates,
        );
        entry.raised_total = total(entry.deals_as_target.iter().map(|&i| &deals[i]), rates);
    }
}

/// The companies' entries by id, hashed, to add to: a site's briefings and
/// deals name tens of thousands of companies in all, and finding each in the
/// ordered map of thousands compared ids byte by byte.
pub(super) fn by_id(
    companies: &mut BTreeMap<String, CompanyEntry>,
) -> HashMap<&str, &mut CompanyEntry, foldhash::fast::RandomState> {
    companies
        .iter_mut()
        .map(|(id, entry)| (id.as_str(), entry))
        .collect()
}

/// The sum, in the display currency, of the amounts of deals that are not cancelled.
fn total<'a>(deals: impl Iterator<Item = &'a Deal>, rates: &Rates) -> Option<Total> {
    total_in(deals, rates, &rates.display_currency)
}

/// The sum in currency `into` of the amounts of deals that are not cancelled,
/// each converted at the day of the mention that stated it and rounded to
/// `into`'s minor unit; amounts without a rate are left out.
pub fn total_in<'a>(
    deals: impl Iterator<Item = &'a Deal>,
    rates: &Rates,
    into: &str,
) -> Option<Total> {
    let mut sum: Option<Total> = None;
    for d in deals.filter(|d| d.status != DealStatus::Cancelled) {
        let Some(amount) = &d.amount else { continue };
        let (value, currency) = (amount.money.value, &amount.money.currency);
        let converted = if into == rates.display_currency {
            rates.convert(value, currency, amount.date)
        } else if currency == into {
            Some(value)
        } else {
            rates
                .convert_into(value, currency, into, amount.date)
                .map(|v| v.round_dp(minor_unit(into)).normalize())
        };
        let Some(value) = converted else {
            continue;
        };
        let t = sum.get_or_insert(Total {
            value: Decimal::ZERO,
            approx: false,
        });
        t.value += value;
        t.approx |= amount.money.approx || amount.money.currency != into;
    }
    sum
}

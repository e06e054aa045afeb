//! The index stage: references resolved, deal mentions merged into deals with
//! their history, tags and totals derived. The result, `Site`, is plain
//! immutable data: every page is rendered from it.

use crate::config::Config;
use crate::diagnostics::Diagnostic;
use crate::front_matter::Pos;
use crate::model::Reference;
use crate::model::briefing::Briefing;
use crate::model::company::{Company, Registry, Resolved};
use crate::model::date::Moment;
use crate::model::deal::{DealStatus, DealType, Stated, default_id};
use crate::model::page::Page;
use rust_decimal::Decimal;
use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

#[derive(Debug, Clone)]
pub struct BriefingEntry {
    /// Shared with the parse cache of `serve` and the other languages' views.
    pub briefing: Arc<Briefing>,
    /// Every company the briefing mentions, resolved, in order of first mention.
    pub company_ids: Vec<String>,
    /// The deals it mentions, in order, each once.
    pub deal_ids: Vec<String>,
    /// The deal id of each of `briefing.deals`, in order.
    pub mention_ids: Vec<String>,
    /// The resolved company of each quote.
    pub quote_companies: Vec<Option<String>>,
}

/// A sum in the display currency.
#[derive(Debug, Clone, PartialEq)]
pub struct Total {
    pub value: Decimal,
    pub approx: bool,
}

#[derive(Debug, Clone)]
pub struct CompanyEntry {
    pub company: Company,
    pub parent_id: Option<String>,
    /// Indexes into `Site::briefings`, newest first.
    pub briefings: Vec<usize>,
    /// Indexes into `Site::deals`, newest first.
    pub deals_as_investor: Vec<usize>,
    pub deals_as_target: Vec<usize>,
    /// (briefing, quote) pairs, newest first.
    pub quotes: Vec<(usize, usize)>,
    pub invested_total: Option<Total>,
    pub raised_total: Option<Total>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct HistoryEntry {
    pub date: Moment,
    pub status: DealStatus,
    pub briefing: usize,
}

#[derive(Debug, Clone)]
pub struct Deal {
    pub id: String,
    pub kind: DealType,
    pub status: DealStatus,
    /// The date of the newest mention.
    pub date: Moment,
    pub investors: Vec<String>,
    pub target: String,
    pub amount: Option<Stated>,
    pub valuation: Option<Stated>,
    pub stake: Option<String>,
    pub note: Option<String>,
    /// Indexes into `Site::briefings`, newest first.
    pub briefings: Vec<usize>,
    /// One entry per mention, oldest first.
    pub history: Vec<HistoryEntry>,
}

/// Someone quoted in a briefing, keyed by the slug of their name.
#[derive(Debug, Clone)]
pub struct Person {
    pub name: String,
    pub slug: String,
    /// (briefing, quote) pairs, newest first.
    pub quotes: Vec<(usize, usize)>,
}

#[derive(Debug, Clone)]
pub struct TagEntry {
    pub name: String,
    pub slug: String,
    pub briefings: Vec<usize>,
}

/// Everything a site is made of, resolved and cross-linked.
#[derive(Debug, Clone)]
pub struct Site {
    pub config: Config,
    /// Newest first; ties by slug.
    pub briefings: Vec<BriefingEntry>,
    pub companies: BTreeMap<String, CompanyEntry>,
    /// Newest first; ties by id.
    pub deals: Vec<Deal>,
    pub tags: BTreeMap<String, TagEntry>,
    pub people: BTreeMap<String, Person>,
    pub pages: Vec<Page>,
    /// Problems that do not stop a build but `briefly check` reports.
    pub warnings: Vec<Diagnostic>,
    /// On a multilingual site: each briefing group's URL in every language it has.
    pub translations: BTreeMap<String, BTreeMap<String, String>>,
    deal_positions: HashMap<String, usize>,
}

impl Site {
    /// Whether the briefing at `i` has its page in this site's language. On a
    /// multilingual site an untranslated briefing of another language is listed
    /// but lives in its own language's pages.
    pub fn is_local(&self, i: usize) -> bool {
        !self.config.is_multilingual() || self.briefings[i].briefing.lang == self.config.language
    }

    /// `list` (briefing indexes, newest first) with this language's briefings
    /// first and untranslated ones of other languages after them (section 10).
    pub fn local_first(&self, list: impl IntoIterator<Item = usize>) -> Vec<usize> {
        let (mut local, foreign): (Vec<usize>, Vec<usize>) =
            list.into_iter().partition(|&i| self.is_local(i));
        local.extend(foreign);
        local
    }

    /// The base URL of the briefing at `i`'s language.
    fn briefing_base(&self, i: usize) -> crate::url::SiteUrl {
        if self.is_local(i) {
            self.config.base_url.clone()
        } else {
            self.config.language_url(&self.briefings[i].briefing.lang)
        }
    }

    /// The absolute URL of the briefing at `i`, in its own language.
    pub fn briefing_permalink(&self, i: usize) -> String {
        let slug = &self.briefings[i].briefing.slug;
        self.briefing_base(i)
            .join(&crate::paths::briefing_path(slug))
    }

    /// The root-relative link to the briefing at `i`, in its own language.
    pub fn briefing_link(&self, i: usize) -> String {
        let slug = &self.briefings[i].briefing.slug;
        self.briefing_base(i)
            .link(&crate::paths::briefing_path(slug))
    }

    /// The position in `deals` of the deal with this id.
    pub fn deal_index(&self, id: &str) -> Option<usize> {
        self.deal_positions.get(id).copied()
    }
}

/// What to leave out of the site.
#[derive(Debug, Clone, Copy, Default)]
pub struct Selection {
    pub drafts: bool,
    pub future: bool,
}

pub use crate::texts::Texts;

fn error(texts: &Texts, path: &str, pos: Pos, message: impl Into<String>) -> Diagnostic {
    Diagnostic::error(path, &texts.get(path), pos.line, pos.column, message)
}

/// Resolves references, creating unregistered companies on first sight.
struct Resolver<'a> {
    registry: &'a Registry,
    unregistered: BTreeMap<String, (String, String, Pos)>,
}

impl Resolver<'_> {
    fn resolve(&mut self, source: &str, r: &Reference) -> String {
        match self.registry.resolve(&r.text) {
            Resolved::Registered(id) => id,
            Resolved::Unregistered { id, name } => {
                self.unregistered
                    .entry(id.clone())
                    .or_insert((name, source.to_string(), r.pos));
                id
            }
        }
    }
}

/// Builds the `Site` from parsed briefings, the registry and pages.
pub fn index(
    config: Config,
    briefings: Vec<Arc<Briefing>>,
    registry: &Registry,
    pages: Vec<Page>,
    selection: Selection,
    texts: &Texts,
) -> Result<Site, Vec<Diagnostic>> {
    let mut errors = Vec::new();
    let mut warnings = Vec::new();
    let now = jiff::Timestamp::now();
    let mut briefings: Vec<Arc<Briefing>> = briefings
        .into_iter()
        .filter(|b| (selection.drafts || !b.draft) && (selection.future || b.date.instant <= now))
        .collect();
    briefings.sort_by(|a, b| b.date.cmp(&a.date).then_with(|| a.slug.cmp(&b.slug)));
    let pages: Vec<Page> = pages
        .into_iter()
        .filter(|p| selection.drafts || !p.draft)
        .collect();

    let mut resolver = Resolver {
        registry,
        unregistered: BTreeMap::new(),
    };
    let mut entries = Vec::with_capacity(briefings.len());
    // deal id -> (briefing index, mention index)
    let mut mentions: BTreeMap<String, Vec<(usize, usize)>> = BTreeMap::new();
    for (bi, b) in briefings.iter().enumerate() {
        let mut company_ids: Vec<String> = Vec::new();
        let add = |id: String, ids: &mut Vec<String>| {
            if !ids.contains(&id) {
                ids.push(id);
            }
        };
        for r in &b.companies {
            add(resolver.resolve(&b.source, r), &mut company_ids);
        }
        let mut deal_ids = Vec::new();
        let mut ids_of_mentions = Vec::new();
        for (mi, m) in b.deals.iter().enumerate() {
            let investors: Vec<String> = m
                .investors
                .iter()
                .map(|r| resolver.resolve(&b.source, r))
                .collect();
            let target = m.target.as_ref().map(|r| resolver.resolve(&b.source, r));
            for id in investors.iter().chain(target.iter()) {
                add(id.clone(), &mut company_ids);
            }
            let id = match (&m.id, &target) {
                (Some(id), _) => id.clone(),
                (None, Some(t)) => default_id(&investors, t, m.date.day.year()),
                (None, None) => continue,
            };
            mentions.entry(id.clone()).or_default().push((bi, mi));
            if !deal_ids.contains(&id) {
                deal_ids.push(id.clone());
            }
            ids_of_mentions.push(id);
        }
        let quote_companies: Vec<Option<String>> = b
            .quotes
            .iter()
            .map(|q| q.company.as_ref().map(|r| resolver.resolve(&b.source, r)))
            .collect();
        for id in quote_companies.iter().flatten() {
            add(id.clone(), &mut company_ids);
        }
        entries.push((company_ids, deal_ids, ids_of_mentions, quote_companies));
    }

    // Every amount gets a converted figure, so each needs a rate.
    let rates = &config.rates;
    for b in &briefings {
        for m in &b.deals {
            for stated in m.amount.iter().chain(m.valuation.iter()) {
                let currency = &stated.money.currency;
                if rates.convert(stated.money.value, currency).is_none() {
                    errors.push(
                        error(texts, &b.source, stated.pos, format!(
                            "no rate for {currency}: amounts are converted to {}, so site.toml needs one",
                            rates.display_currency
                        ))
                        .with_help(format!("add `{currency} = <value of one {currency} in {}>` under [money.rates] in site.toml", rates.display_currency)),
                    );
                }
            }
        }
    }

    // Whether every briefing's deals were all read: a briefing that failed to
    // parse may have lost a deal, and with it what other mentions lack.
    let every_deal_read = briefings.iter().all(|b| b.deals_complete);
    let mut deals = Vec::new();
    for (id, list) in &mentions {
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
            .map(|(bi, m)| resolve_all(&m.investors, &briefings[bi].source, &mut resolver))
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
        // Two mentions that disagree on amount or parties are kept; `check` warns.
        let mut seen_amount: Option<(&Stated, usize)> = None;
        for &(bi, mi) in &list {
            let m = &briefings[bi].deals[mi];
            if let Some(a) = &m.amount {
                if let Some((prev, pbi)) = seen_amount
                    && (prev.money.value, &prev.money.currency)
                        != (a.money.value, &a.money.currency)
                {
                    warnings.push(
                        error(
                            texts,
                            &briefings[bi].source,
                            a.pos,
                            format!(
                                "deal `{id}`: amount `{}` differs from `{}` at {}:{}",
                                a.money.text, prev.money.text, briefings[pbi].source, prev.pos.line
                            ),
                        )
                        .warning(),
                    );
                }
                seen_amount = Some((a, bi));
            }
            if !m.investors.is_empty() {
                let ids = resolve_all(&m.investors, &briefings[bi].source, &mut resolver);
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
            amount: newest_first().find_map(|(_, m)| m.amount.clone()),
            valuation: newest_first().find_map(|(_, m)| m.valuation.clone()),
            stake: newest_first().find_map(|(_, m)| m.stake.clone()),
            note: newest_first().find_map(|(_, m)| m.note.clone()),
            briefings: deal_briefings,
            history,
        });
    }
    deals.sort_by(|a, b| b.date.cmp(&a.date).then_with(|| a.id.cmp(&b.id)));
    let deal_positions: HashMap<String, usize> = deals
        .iter()
        .enumerate()
        .map(|(i, d)| (d.id.clone(), i))
        .collect();

    // Parents resolve like any reference.
    let mut parents = BTreeMap::new();
    for c in registry.companies.values() {
        if let (Some(p), Some(source)) = (&c.parent, &c.source) {
            parents.insert(c.id.clone(), resolver.resolve(source, p));
        }
    }

    let mut companies: BTreeMap<String, CompanyEntry> = registry
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

    let mut tags: BTreeMap<String, TagEntry> = BTreeMap::new();
    let mut people: BTreeMap<String, Person> = BTreeMap::new();
    let mut briefing_entries = Vec::with_capacity(briefings.len());
    for (bi, (b, (company_ids, deal_ids, mention_ids, quote_companies))) in
        briefings.into_iter().zip(entries).enumerate()
    {
        for id in &company_ids {
            if let Some(c) = companies.get_mut(id) {
                c.briefings.push(bi);
            }
        }
        for (qi, company) in quote_companies.iter().enumerate() {
            if let Some(c) = company.as_ref().and_then(|id| companies.get_mut(id)) {
                c.quotes.push((bi, qi));
            }
        }
        for (qi, q) in b.quotes.iter().enumerate() {
            let slug = crate::model::slug::slugify(&q.speaker);
            if slug.is_empty() {
                continue;
            }
            people
                .entry(slug.clone())
                .or_insert_with(|| Person {
                    name: q.speaker.clone(),
                    slug,
                    quotes: Vec::new(),
                })
                .quotes
                .push((bi, qi));
        }
        for (name, slug) in &b.tags {
            tags.entry(slug.clone())
                .or_insert_with(|| TagEntry {
                    name: name.clone(),
                    slug: slug.clone(),
                    briefings: Vec::new(),
                })
                .briefings
                .push(bi);
        }
        briefing_entries.push(BriefingEntry {
            briefing: b,
            company_ids,
            deal_ids,
            mention_ids,
            quote_companies,
        });
    }
    for (di, d) in deals.iter().enumerate() {
        for id in &d.investors {
            if let Some(c) = companies.get_mut(id)
                && !c.deals_as_investor.contains(&di)
            {
                c.deals_as_investor.push(di);
            }
        }
        if let Some(c) = companies.get_mut(&d.target) {
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

    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(Site {
        config,
        briefings: briefing_entries,
        companies,
        deals,
        tags,
        people,
        pages,
        warnings,
        translations: BTreeMap::new(),
        deal_positions,
    })
}

/// The sum, in the display currency, of the amounts of deals that are not cancelled.
fn total<'a>(
    deals: impl Iterator<Item = &'a Deal>,
    rates: &crate::model::money::Rates,
) -> Option<Total> {
    let mut sum: Option<Total> = None;
    for d in deals.filter(|d| d.status != DealStatus::Cancelled) {
        let Some(amount) = &d.amount else { continue };
        let Some(value) = rates.convert(amount.money.value, &amount.money.currency) else {
            continue;
        };
        let t = sum.get_or_insert(Total {
            value: Decimal::ZERO,
            approx: false,
        });
        t.value += value;
        t.approx |= amount.money.approx || amount.money.currency != rates.display_currency;
    }
    sum
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::{BriefingSource, SourceFile};
    use crate::parse::briefing::{ParseContext, parse_briefing};

    fn config() -> Config {
        crate::config::parse_strict(
            "site.toml",
            "title = \"T\"\nbase_url = \"https://x.org/\"\n[money.rates]\nKRW = 0.00073\n",
        )
        .unwrap()
    }

    fn briefing(config: &Config, name: &str, front_matter: &str) -> Briefing {
        let src = BriefingSource {
            file: SourceFile {
                rel: format!("content/briefings/{name}.md"),
                text: format!("---\n{front_matter}---\n"),
            },
            stem: name.to_string(),
            lang: None,
            group: name.to_string(),
            assets: Vec::new(),
        };
        let ctx = ParseContext {
            config,
            linker: None,
        };
        parse_briefing(&src, &ctx).unwrap_or_else(|e| panic!("{e:?}"))
    }

    fn site(briefings: &[(&str, &str)]) -> Result<Site, Vec<Diagnostic>> {
        let config = config();
        let parsed = briefings
            .iter()
            .map(|(n, fm)| Arc::new(briefing(&config, n, fm)))
            .collect();
        index(
            config,
            parsed,
            &Registry::default(),
            Vec::new(),
            Selection::default(),
            &Texts::new(),
        )
    }

    #[test]
    fn mentions_of_one_id_merge_newest_first() {
        let site = site(&[
            ("b", "title: B\ndate: 2025-06-13\ndeals:\n  - id: d\n    amount: \"$14.3B\"\n    status: closed\n"),
            ("a", "title: A\ndate: 2025-06-10\ndeals:\n  - id: d\n    investors: [Meta]\n    target: Scale AI\n    amount: \"100억달러\"\n    stake: \"49%\"\n    status: negotiating\n"),
            ("c", "title: C\ndate: 2025-06-20\ndeals:\n  - id: d\n    note: later mention, no status\n"),
        ])
        .unwrap();
        assert_eq!(site.deals.len(), 1);
        let d = &site.deals[0];
        assert_eq!(d.investors, ["meta"]);
        assert_eq!(d.target, "scale-ai");
        assert_eq!(d.amount.as_ref().unwrap().money.text, "$14.3B");
        assert_eq!(d.stake.as_deref(), Some("49%"));
        assert_eq!(d.date.ymd(), "2025-06-20");
        let statuses: Vec<_> = d.history.iter().map(|h| h.status).collect();
        assert_eq!(
            statuses,
            [
                DealStatus::Negotiating,
                DealStatus::Closed,
                DealStatus::Closed
            ]
        );
        assert_eq!(d.status, DealStatus::Closed);
        // Differing amounts are kept and reported as a warning.
        assert!(site.warnings.iter().any(|w| w.message.contains("differs")));
    }

    #[test]
    fn default_ids_use_resolved_parties_and_year() {
        let site = site(&[("a", "title: A\ndate: 2024-03-27\ndeals:\n  - investors: [Amazon, Google]\n    target: Anthropic\n")]).unwrap();
        assert_eq!(site.deals[0].id, "amazon-google-anthropic-2024");
        assert_eq!(
            site.deals[0].status,
            DealStatus::Announced,
            "the default status"
        );
    }

    #[test]
    fn a_deal_without_a_target_anywhere_is_an_error() {
        let errors =
            site(&[("a", "title: A\ndate: 2025-01-01\ndeals:\n  - id: lonely\n")]).unwrap_err();
        assert!(errors[0].message.contains("deal `lonely` has no target"));
    }

    #[test]
    fn totals_skip_cancelled_and_shared_deals() {
        let site = site(&[(
            "a",
            "title: A\ndate: 2025-01-01\ndeals:\n  - investors: [x]\n    target: t\n    amount: \"1조원\"\n  - investors: [x]\n    target: u\n    amount: \"$5B\"\n    status: cancelled\n  - investors: [x, y]\n    target: v\n    amount: \"$7B\"\n",
        )])
        .unwrap();
        let x = &site.companies["x"];
        assert_eq!(
            x.invested_total.as_ref().unwrap().value,
            Decimal::from(730_000_000)
        );
        assert!(site.companies["y"].invested_total.is_none());
        assert_eq!(
            site.companies["v"].raised_total.as_ref().unwrap().value,
            Decimal::from(7_000_000_000u64)
        );
    }
}

//! The index stage: references resolved (`resolve`), deal mentions merged
//! into deals with their history (`deals`), companies linked to their deals
//! with totals (`companies`), tags and people derived (`derive`), one view of
//! the site per language (`languages`). The result, one `Site` per language,
//! is plain immutable data: every page is rendered from it.

mod companies;
mod deals;
mod derive;
pub mod investors;
pub(crate) mod languages;
mod related;
mod resolve;
mod site;

pub use companies::total_in;
pub use site::*;

use crate::config::Config;
use crate::diagnostics::Diagnostic;
use crate::model::briefing::Briefing;
use crate::model::company::Registry;
use crate::model::page::Page;
use resolve::Resolver;
use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

/// What the index stage reads: the parse stage's values, what to leave out,
/// and the clock (briefings dated after `now` are left out unless `future`).
pub struct IndexInput<'a> {
    pub config: &'a Config,
    pub briefings: Vec<Arc<Briefing>>,
    pub registry: &'a Registry,
    pub pages: Vec<Page>,
    pub selection: Selection,
    pub now: jiff::Timestamp,
    pub texts: &'a Texts,
}

/// Builds one `Site` per language of the site, the default language first:
/// each language's view of the briefings indexed on its own, every view
/// given the URLs of each briefing in every language, and the translation
/// warnings on the default language's site. Errors are the default view's
/// (the views share one graph, so its errors are everyone's).
pub fn index(input: IndexInput) -> Result<Vec<Site>, Vec<Diagnostic>> {
    let IndexInput {
        config,
        briefings,
        registry,
        pages,
        selection,
        now,
        texts,
    } = input;
    let translation_warnings = languages::translation_warnings(&briefings, registry, config, texts);
    // One view of the site per language; a monolingual site is its one view.
    let views: Vec<(Config, Vec<Arc<Briefing>>)> = if config.is_multilingual() {
        let groups = languages::groups(&briefings);
        config
            .all_languages()
            .iter()
            .map(|lang| {
                let view = groups
                    .iter()
                    .map(|g| Arc::new(languages::in_language(g, lang)))
                    .collect();
                (config.for_language(lang), view)
            })
            .collect()
    } else {
        vec![(config.clone(), briefings)]
    };
    let mut sites = Vec::with_capacity(views.len());
    for (view_config, view_briefings) in views {
        let view_pages =
            languages::pages_in(&pages, &view_config.language, &config.default_language);
        let site = index_view(
            view_config,
            view_briefings,
            registry,
            view_pages,
            selection,
            now,
            texts,
        )?;
        sites.push(site);
    }
    languages::link_translations(&mut sites);
    languages::link_counterparts(&mut sites);
    if let Some(default) = sites.first_mut() {
        default.warnings.extend(translation_warnings);
    }
    Ok(sites)
}

/// Builds one language's `Site` from its view of the parsed briefings.
fn index_view(
    config: Config,
    briefings: Vec<Arc<Briefing>>,
    registry: &Registry,
    pages: Vec<Page>,
    selection: Selection,
    now: jiff::Timestamp,
    texts: &Texts,
) -> Result<Site, Vec<Diagnostic>> {
    let mut warnings = Vec::new();
    let mut left_out = LeftOut::default();
    let mut briefings: Vec<Arc<Briefing>> = briefings
        .into_iter()
        .filter(|b| {
            if !selection.drafts && b.draft {
                left_out.drafts += 1;
                false
            } else if !selection.future && b.date.instant > now {
                left_out.scheduled.push(b.date.ymd());
                false
            } else {
                true
            }
        })
        .collect();
    left_out.scheduled.sort();
    briefings.sort_by(|a, b| b.date.cmp(&a.date).then_with(|| a.slug.cmp(&b.slug)));
    let pages: Vec<Page> = pages
        .into_iter()
        .filter(|p| selection.drafts || !p.draft)
        .collect();
    let mut resolver = Resolver::new(registry);
    // The checks of amounts against the rates read only the briefings:
    // they run beside the resolution (each about 50 ms at 10k).
    let ((refs, mentions), (mut errors, equivalents)) = rayon::join(
        || resolve::resolve_briefings(&briefings, &mut resolver),
        || {
            let missing = deals::missing_rates(
                &briefings,
                &config.rates,
                &config.language_currencies,
                texts,
            );
            let equivalents =
                deals::equivalent_warnings(&briefings, &config.rates, &config.language, texts);
            (missing, equivalents)
        },
    );
    warnings.extend(equivalents);
    let deals = deals::merge(
        &briefings,
        &mentions,
        &mut resolver,
        texts,
        &mut errors,
        &mut warnings,
    );
    let deal_positions: HashMap<String, usize> = deals
        .iter()
        .enumerate()
        .map(|(i, d)| (d.id.clone(), i))
        .collect();
    errors.extend(deals::unknown_quote_deals(
        &briefings,
        &deals,
        &deal_positions,
        texts,
    ));
    let mut deals = deals;
    deals::attach_quotes(&mut deals, &deal_positions, &briefings, &refs);
    let mut companies = companies::entries(registry, &mut resolver, texts, &mut warnings);
    let (mut briefing_entries, tags, people) = derive::briefings(briefings, refs, &mut companies);
    companies::link_deals(&mut companies, &deals, &config.rates);
    if !errors.is_empty() {
        return Err(errors);
    }
    let local = |i: usize| {
        !config.is_multilingual() || briefing_entries[i].briefing.lang == config.language
    };
    let local: Vec<bool> = (0..briefing_entries.len()).map(local).collect();
    related::link(
        &mut briefing_entries,
        &deals,
        &deal_positions,
        &companies,
        &tags,
        |i| local[i],
    );
    let mut years: BTreeMap<i16, Vec<usize>> = BTreeMap::new();
    for (i, entry) in briefing_entries.iter().enumerate() {
        years
            .entry(entry.briefing.date.day.year())
            .or_default()
            .push(i);
    }
    let corrections = corrections_newest_first(&briefing_entries);
    Ok(Site {
        config,
        corrections,
        briefings: briefing_entries,
        companies,
        deals,
        tags,
        people,
        pages,
        warnings,
        translations: BTreeMap::new(),
        counterparts: BTreeMap::new(),
        left_out,
        deal_positions,
        years,
    })
}

/// Every correction of `briefings` (themselves newest first), newest first.
fn corrections_newest_first(briefings: &[BriefingEntry]) -> Vec<CorrectionRef> {
    let mut all: Vec<CorrectionRef> = briefings
        .iter()
        .enumerate()
        .flat_map(|(briefing, entry)| {
            (0..entry.briefing.corrections.len())
                .map(move |index| CorrectionRef { briefing, index })
        })
        .collect();
    let date = |r: &CorrectionRef| &briefings[r.briefing].briefing.corrections[r.index].date;
    all.sort_by(|a, b| {
        date(b)
            .cmp(date(a))
            .then(a.briefing.cmp(&b.briefing))
            .then(b.index.cmp(&a.index))
    });
    all
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::{BriefingSource, SourceFile};
    use crate::model::deal::DealStatus;
    use crate::parse::briefing::{ParseContext, parse_briefing};
    use rust_decimal::Decimal;

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
            linkers: &[],
            bodies: None,
        };
        parse_briefing(&src, &ctx).unwrap_or_else(|e| panic!("{e:?}"))
    }

    fn site(briefings: &[(&str, &str)]) -> Result<Site, Vec<Diagnostic>> {
        let config = config();
        let parsed = briefings
            .iter()
            .map(|(n, fm)| Arc::new(briefing(&config, n, fm)))
            .collect();
        index(IndexInput {
            config: &config,
            briefings: parsed,
            registry: &Registry::default(),
            pages: Vec::new(),
            selection: Selection::default(),
            now: jiff::Timestamp::now(),
            texts: &Texts::new(),
        })
        .map(|mut sites| sites.remove(0))
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
        // An amount that changes between dates is a revision, not a conflict.
        assert!(
            !site.warnings.iter().any(|w| w.message.contains("differs")),
            "{:?}",
            site.warnings
        );
    }

    #[test]
    fn the_history_keeps_each_mentions_figures_and_revisions_are_not_conflicts() {
        let site = site(&[
            ("a", "title: A\ndate: 2025-06-10\ndeals:\n  - id: d\n    investors: [Meta]\n    target: Scale AI\n    amount: \"100억달러\"\n    status: negotiating\n"),
            ("b", "title: B\ndate: 2025-06-13\ndeals:\n  - id: d\n    amount: \"약 143억달러\"\n    valuation: \"$29B\"\n    status: announced\n"),
            ("c", "title: C\ndate: 2025-06-20\ndeals:\n  - id: d\n    status: closed\n"),
        ])
        .unwrap();
        let d = &site.deals[0];
        let figures: Vec<Option<&str>> = d
            .history
            .iter()
            .map(|h| h.amount.as_ref().map(|a| a.money.text.as_str()))
            .collect();
        assert_eq!(figures, [Some("100억달러"), Some("약 143억달러"), None]);
        assert_eq!(
            d.history.iter().map(|h| h.disclosed).collect::<Vec<_>>(),
            [Some(true), Some(true), None]
        );
        assert_eq!(d.history[1].valuation.as_ref().unwrap().money.text, "$29B");
        assert_eq!(d.amount.as_ref().unwrap().money.text, "약 143억달러");
        assert_eq!(d.disclosed, Some(true));
        assert!(site.warnings.iter().all(|w| !w.message.contains("differs")));
    }

    #[test]
    fn two_amounts_on_one_day_are_a_disagreement() {
        let site = site(&[
            ("a", "title: A\ndate: 2025-06-10\ndeals:\n  - id: d\n    investors: [Meta]\n    target: Scale AI\n    amount: \"100억달러\"\n"),
            ("b", "title: B\ndate: 2025-06-10\ndeals:\n  - id: d\n    amount: \"$12B\"\n"),
        ])
        .unwrap();
        let warnings: Vec<&str> = site
            .warnings
            .iter()
            .filter(|w| w.message.contains("differs"))
            .map(|w| w.message.as_str())
            .collect();
        assert_eq!(warnings.len(), 1, "{warnings:?}");
        assert!(warnings[0].contains("stated on the same day (2025-06-10)"));
    }

    #[test]
    fn undisclosed_sets_the_amount_and_totals_skip_it() {
        let site = site(&[
            ("a", "title: A\ndate: 2025-06-10\ndeals:\n  - id: d\n    investors: [naver]\n    target: twelve labs\n    amount: \"$5M\"\n  - id: e\n    investors: [naver]\n    target: other\n    amount: 미공개\n"),
            ("b", "title: B\ndate: 2025-07-01\ndeals:\n  - id: d\n    amount: 비공개\n    round: 시리즈 A\n    lead: [naver]\n"),
        ])
        .unwrap();
        let d = &site.deals[site.deal_index("d").unwrap()];
        assert_eq!(d.disclosed, Some(false));
        assert!(d.amount.is_none(), "the newest mention says undisclosed");
        assert_eq!(d.round.map(|r| r.as_str()).as_deref(), Some("series-a"));
        assert_eq!(d.lead, ["naver"]);
        assert!(site.companies["naver"].invested_total.is_none());
    }

    #[test]
    fn a_lead_that_is_not_an_investor_is_an_error() {
        let errors = site(&[(
            "a",
            "title: A\ndate: 2025-06-10\ndeals:\n  - id: d\n    investors: [a, b]\n    target: t\n    lead: [c]\n",
        )])
        .unwrap_err();
        assert!(
            errors[0]
                .message
                .contains("lead `c` is not one of its investors (a, b)"),
            "{errors:?}"
        );
    }

    #[test]
    fn a_quote_about_an_unknown_deal_is_an_error_with_the_closest_id() {
        let errors = site(&[(
            "a",
            "title: A\ndate: 2025-06-10\ndeals:\n  - id: meta-scale-ai-2025\n    investors: [meta]\n    target: scale\nquotes:\n  - speaker: X\n    deal: meta-scale-ai-2024\n    text: hi\n",
        )])
        .unwrap_err();
        assert!(
            errors[0]
                .message
                .contains("no deal has the id `meta-scale-ai-2024`")
        );
        assert_eq!(
            errors[0].help.as_deref(),
            Some("did you mean `meta-scale-ai-2025`?")
        );
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

//! `briefly digest`: an email-ready issue of the briefings of a period.
//!
//! It stages the site as a build would (drafts and future briefings left out),
//! picks the language's `Site`, and makes one typed value of the period — its
//! deals with their total, the largest of them, the status changes, and each
//! briefing — that `digest.html`, `digest.txt` or `digest.md` renders. Every
//! URL is absolute (the issue is read in a mail client, not on the site).
//! Deals are shown as they stood at the end of the period: a later mention
//! does not change an old issue.

use crate::index::{Deal, Site, Total, total_in};
use crate::model::deal::DealStatus;
use crate::paths::{deal_path, home_path};
use crate::render::i18n::{format_date, strings, text};
use crate::render::views::{BriefingHead, DateView, MoneyView, ViewCache, Views};
use crate::{BuildOptions, Failure, stage};
use jiff::civil::Date;
use rust_decimal::Decimal;
use serde::Serialize;
use std::path::PathBuf;

/// How many of the period's deals the issue lists by size.
pub const LARGEST: usize = 5;

/// The digest's output format, and with it its template.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Format {
    #[default]
    Html,
    Text,
    Markdown,
}

impl Format {
    pub fn template(self) -> &'static str {
        match self {
            Format::Html => "digest.html",
            Format::Text => "digest.txt",
            Format::Markdown => "digest.md",
        }
    }
}

#[derive(Debug, Clone, Default)]
pub struct DigestOptions {
    /// The site folder, holding site.toml.
    pub root: PathBuf,
    /// The first day of the period; default: six days before `until` (seven days in all).
    pub since: Option<Date>,
    /// The last day of the period; default: the newest briefing's day.
    pub until: Option<Date>,
    /// The language of the issue; default: the site's default language.
    pub lang: Option<String>,
    pub format: Format,
    /// Overrides site.toml's base_url, as `build --base-url` does.
    pub base_url: Option<String>,
}

/// The issue as templates see it: `digest`.
#[derive(Debug, Serialize)]
pub struct Digest<'a> {
    /// The site's title and description in the issue's language.
    pub title: &'a str,
    pub description: &'a str,
    /// The absolute URL of the language's home page.
    pub url: String,
    pub since: DateView,
    pub until: DateView,
    /// The period in the issue's language: `2025년 6월 1일 ~ 2025년 6월 30일`.
    pub period: String,
    /// Deals mentioned in the period, each once.
    pub deal_count: usize,
    /// Of them, those whose amount is undisclosed or not given.
    pub undisclosed_count: usize,
    /// `금액 미공개 2건`, `2 without a disclosed amount`; none when every amount is known.
    pub undisclosed_note: Option<String>,
    /// The disclosed amounts of the period's deals, cancelled ones left
    /// out, in the language's display currency; none without any.
    pub total: Option<MoneyView<'a>>,
    /// The largest of the period's deals (cancelled ones left out), by
    /// amount converted into the site's display currency.
    pub largest: Vec<DigestDeal<'a>>,
    /// Mentions in the period whose status differs from the mention before.
    pub changes: Vec<StatusChange<'a>>,
    /// The period's briefings, newest first (this language's, then
    /// untranslated ones of other languages).
    pub briefings: Vec<BriefingHead<'a>>,
    /// No briefing in the period.
    pub empty: bool,
}

/// A company named in the issue, linking to its page.
#[derive(Debug, Serialize)]
pub struct Party<'a> {
    pub name: &'a str,
    pub url: String,
}

/// A deal as the issue lists it, as it stood at the end of the period.
#[derive(Debug, Serialize)]
pub struct DigestDeal<'a> {
    /// `Meta, Naver → Scale AI`.
    pub name: String,
    pub url: String,
    pub investors: Vec<Party<'a>>,
    pub target: Party<'a>,
    pub type_label: &'static str,
    pub status: &'static str,
    pub status_label: &'static str,
    pub amount: Option<MoneyView<'a>>,
}

/// A status change: the deal, the status before and after, the day and the
/// briefing that reported it.
#[derive(Debug, Serialize)]
pub struct StatusChange<'a> {
    pub name: String,
    pub url: String,
    pub from: &'static str,
    pub from_label: &'static str,
    pub to: &'static str,
    pub to_label: &'static str,
    pub date: DateView,
    pub briefing_title: std::borrow::Cow<'a, str>,
    pub briefing_url: String,
}

/// What a digest template gets: `digest`, `lang`, `t` (the UI strings) and
/// `format` (`html`, `text` or `markdown`).
#[derive(Serialize)]
struct Context<'a> {
    digest: &'a Digest<'a>,
    lang: &'a str,
    t: &'static tera::Value,
    format: &'static str,
}

fn usage(message: String) -> Failure {
    Failure::Environment(message)
}

/// Renders the issue of the period `options` give.
pub fn digest(options: &DigestOptions) -> Result<String, Failure> {
    if let (Some(since), Some(until)) = (options.since, options.until)
        && since > until
    {
        return Err(usage(format!(
            "--since {since} is after --until {until}: the period would be empty"
        )));
    }
    let build = BuildOptions {
        root: options.root.clone(),
        base_url: options.base_url.clone(),
        ..Default::default()
    };
    let staged = stage(&build, None)?;
    let lang = options
        .lang
        .clone()
        .unwrap_or_else(|| staged.site().config.language.clone());
    let Some(site) = staged.sites.iter().find(|s| s.config.language == lang) else {
        let have: Vec<&str> = staged
            .sites
            .iter()
            .map(|s| s.config.language.as_str())
            .collect();
        return Err(usage(format!(
            "--lang {lang}: the site has no such language (it has {})",
            have.join(", ")
        )));
    };
    let until = options.until.unwrap_or_else(|| newest_day(site));
    let since = options.since.unwrap_or_else(|| {
        until
            .checked_sub(jiff::Span::new().days(6))
            .unwrap_or(until)
    });
    if since > until {
        return Err(usage(format!(
            "--since {since} is after the end of the period, {until} (the newest briefing's day): pass --until too"
        )));
    }
    let period = Period { since, until };
    let cache = ViewCache::default();
    let views = Views::new(site, &cache);
    // Word joiners help a browser; a text or Markdown issue keeps them out.
    let views = match options.format {
        Format::Html => views,
        Format::Text | Format::Markdown => views.plain(),
    };
    let as_of = deals_as_of(site, period);
    let digest = issue(&views, period, &as_of);
    let format = options.format;
    let context = Context {
        digest: &digest,
        lang: &site.config.language,
        t: strings(&site.config.language),
        format: match format {
            Format::Html => "html",
            Format::Text => "text",
            Format::Markdown => "markdown",
        },
    };
    let context = tera::Context::from_serialize(&context).expect("a digest context is a map");
    let mut issue = staged
        .renderer
        .render_template(format.template(), &context)
        .map_err(|d| Failure::Input(crate::diagnostics::Diagnostics(vec![d])))?;
    if !issue.ends_with('\n') {
        issue.push('\n');
    }
    Ok(issue)
}

/// The newest briefing's day, or today in the site's time zone on a site without one.
fn newest_day(site: &Site) -> Date {
    site.briefings.first().map_or_else(
        || {
            jiff::Timestamp::now()
                .to_zoned_datetime(site.config.timezone.clone())
                .date()
        },
        |b| b.briefing.date.day,
    )
}

/// The days of the issue, both ends included.
#[derive(Debug, Clone, Copy)]
struct Period {
    since: Date,
    until: Date,
}

impl Period {
    fn contains(self, day: Date) -> bool {
        self.since <= day && day <= self.until
    }
}

/// Each deal mentioned in the period, as it stood at its end: the status and
/// amount of its mentions up to `until` (later ones left out), with its
/// position in `site.deals`.
fn deals_as_of(site: &Site, period: Period) -> Vec<(usize, Deal)> {
    site.deals
        .iter()
        .enumerate()
        .filter(|(_, d)| d.history.iter().any(|h| period.contains(h.date.day)))
        .map(|(i, d)| {
            let mut d = d.clone();
            d.history.retain(|h| h.date.day <= period.until);
            if let Some(last) = d.history.last() {
                d.status = last.status;
                d.date = last.date.clone();
            }
            // As the index does: the newest mention that speaks of the amount decides.
            let speaks = d.history.iter().rev().find(|h| h.disclosed.is_some());
            d.amount = speaks.and_then(|h| h.amount.clone());
            d.disclosed = speaks.and_then(|h| h.disclosed);
            (i, d)
        })
        .collect()
}

fn issue<'a>(views: &Views<'a>, period: Period, deals: &'a [(usize, Deal)]) -> Digest<'a> {
    let site = views.site;
    let lang = views.lang;
    let config = &site.config;
    let rates = &config.rates;
    let active = || {
        deals
            .iter()
            .filter(|(_, d)| d.status != DealStatus::Cancelled)
    };
    let total = total_in(active().map(|(_, d)| d), rates, &rates.display_currency).map(|t| {
        let shown: Total = total_in(active().map(|(_, d)| d), rates, views.display_currency())
            .unwrap_or_else(|| t.clone());
        views.total_view(&t, shown)
    });
    // By the amount in the site's display currency, at the rate of the
    // mention that stated it; ties by id.
    let mut sized: Vec<(Decimal, &(usize, Deal))> = active()
        .filter_map(|entry| {
            let a = entry.1.amount.as_ref()?;
            let v = rates.convert(a.money.value, &a.money.currency, a.date)?;
            Some((v, entry))
        })
        .collect();
    sized.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.1.id.cmp(&b.1.1.id)));
    let largest = sized
        .into_iter()
        .take(LARGEST)
        .map(|(_, (i, d))| deal(views, *i, d))
        .collect();
    let mut changes: Vec<StatusChange> = deals
        .iter()
        .flat_map(|(i, d)| {
            d.history.windows(2).filter_map(move |w| {
                let (before, now) = (&w[0], &w[1]);
                (period.contains(now.date.day) && before.status != now.status).then(|| {
                    StatusChange {
                        name: views.deal_name(*i),
                        url: views.permalink(&deal_path(&d.id)),
                        from: before.status.as_str(),
                        from_label: status_label(lang, before.status),
                        to: now.status.as_str(),
                        to_label: status_label(lang, now.status),
                        date: views.date(&now.date),
                        briefing_title: views.briefing_head(now.briefing).title,
                        briefing_url: site.briefing_permalink(now.briefing),
                    }
                })
            })
        })
        .collect();
    // Newest first, as the briefings are.
    changes.sort_by(|a, b| {
        b.date
            .ymd
            .cmp(&a.date.ymd)
            .then_with(|| a.name.cmp(&b.name))
    });
    let in_period: Vec<usize> = (0..site.briefings.len())
        .filter(|&i| period.contains(site.briefings[i].briefing.date.day))
        .collect();
    let briefings: Vec<BriefingHead> = site
        .local_first(in_period)
        .into_iter()
        .map(|i| {
            let mut head = views.briefing_head(i);
            head.url = head.permalink.clone();
            head
        })
        .collect();
    let since = format_date(period.since, lang);
    let until = format_date(period.until, lang);
    let period_text = if period.since == period.until {
        until.clone()
    } else {
        text(lang, "digest_period")
            .replace("{since}", &since)
            .replace("{until}", &until)
    };
    let undisclosed_count = deals.iter().filter(|(_, d)| d.amount.is_none()).count();
    Digest {
        title: &config.title,
        description: &config.description,
        url: config.base_url.join(&home_path(1)),
        since: day_view(period.since, lang),
        until: day_view(period.until, lang),
        period: period_text,
        deal_count: deals.len(),
        undisclosed_count,
        undisclosed_note: (undisclosed_count > 0).then(|| {
            text(lang, "digest_undisclosed").replace("{n}", &undisclosed_count.to_string())
        }),
        total,
        largest,
        changes,
        empty: briefings.is_empty(),
        briefings,
    }
}

fn deal<'a>(views: &Views<'a>, i: usize, d: &'a Deal) -> DigestDeal<'a> {
    let lang = views.lang;
    let party = |id: &'a str| Party {
        name: views.company_name(id),
        url: views.permalink(&crate::paths::company_path(id)),
    };
    DigestDeal {
        name: views.deal_name(i),
        url: views.permalink(&deal_path(&d.id)),
        investors: d.investors.iter().map(|id| party(id)).collect(),
        target: party(&d.target),
        type_label: text(lang, &format!("type_{}", d.kind.as_str())),
        status: d.status.as_str(),
        status_label: status_label(lang, d.status),
        amount: d.amount.as_ref().map(|s| views.money(&s.money, s.date)),
    }
}

fn status_label(lang: &str, status: DealStatus) -> &'static str {
    text(lang, &format!("status_{}", status.as_str()))
}

fn day_view(day: Date, lang: &str) -> DateView {
    DateView {
        ymd: day.to_string(),
        display: format_date(day, lang),
        rfc3339: day.to_string(),
    }
}

/// Writes an issue to `path` (as given: relative to the current folder),
/// refusing a path that is or lies inside an input of the site at `root`:
/// `--output content/briefings/x.md` would replace an editor's source.
pub fn write_issue(
    root: &std::path::Path,
    path: &std::path::Path,
    issue: &str,
) -> Result<(), Failure> {
    let io =
        |e: std::io::Error| Failure::Environment(format!("cannot write {}: {e}", path.display()));
    if let Some((name, what)) = crate::output_guard::input_holding(root, path).map_err(io)? {
        return Err(Failure::Environment(format!(
            "refusing to write the digest to `{}`: it is or lies inside {what} (`{name}`), which the build reads; choose a file outside the site's inputs such as `digest.html`",
            path.display()
        )));
    }
    std::fs::write(path, issue).map_err(io)
}

//! One function per kind of HTML page: what its template is given, as a
//! value (`Page`). Every page's context is the same frame (`config`, `lang`,
//! `t`, `meta`, the language switcher…) with the page's own variables, a typed
//! struct per kind; the README's theme contract lists both.

use super::charts;
use super::excerpt;
use super::i18n;
use super::jsonld;
use super::views::{
    BriefingPage, Cards, CompanyPage, CompanySummary, CorrectionItem, DealPage, PersonPage,
    PersonSummary, TagSummary, ViewCache, Views, Window, joined, shown,
};
use crate::config::{Config, path_of};
use crate::index::Site;
use crate::model::money::format_amount;
use crate::paths::{
    ARCHIVE_PATH, archive_year_path, company_path, corrections_path, deal_path, home_path,
    paged_path, person_path, tag_path,
};
use crate::plan::{FeedFormat, FeedScope, scope_path};
use crate::url::SiteUrl;
use serde::Serialize;

/// The page being rendered: its site (language), folder, and the same page in
/// other languages.
#[derive(Clone, Copy)]
pub struct Here<'a> {
    pub site: &'a Site,
    pub cache: &'a ViewCache,
    pub path: &'a str,
    /// (language, URL) of this page in the site's other languages.
    pub alternates: &'a [(String, String)],
    /// (language, URL) where the language switch leads in a language
    /// without this page: the nearest page there that holds it.
    pub fallbacks: &'a [(String, String)],
    /// Renders briefing cards once each, for the lists that show them.
    pub cards: Option<&'a dyn Cards>,
}

impl<'a> Here<'a> {
    fn views(&self) -> Views<'a> {
        Views::new(self.site, self.cache).with_cards(self.cards)
    }

    /// `WHAT · Site title`, the title of a page inside the site.
    fn title(&self, what: &str) -> String {
        format!("{what} · {}", self.site.config.title)
    }

    /// A UI string in the page's language.
    fn text(&self, key: &str) -> &'static str {
        i18n::text(&self.site.config.language, key)
    }

    /// The title of page `page` of a list: `WHAT · Page 2 · Site title`.
    fn paged_title(&self, what: &str, page: usize) -> String {
        if page > 1 {
            self.title(&format!("{what} · {} {page}", self.text("page_of")))
        } else {
            self.title(what)
        }
    }

    /// Page `page` of a list of `items` at `base`: the window it shows and
    /// its paginator.
    fn paged(&self, base: &str, page: usize, items: usize) -> (Window, Paginator) {
        let per = self.site.config.paginate_by;
        let paginator = Paginator::new(&self.views(), page, items, per, |n| paged_path(base, n));
        (Window { page, per }, paginator)
    }
}

/// What the `<head>` of a page says about it.
pub struct Meta {
    pub title: String,
    pub description: String,
    /// The OpenGraph type: website, article or profile.
    pub kind: &'static str,
    /// The feed of this page, linked as `rel="alternate"`.
    pub feed: Option<FeedScope>,
    /// The page's JSON-LD, safe inside `<script>`.
    pub jsonld: Option<String>,
}

impl Meta {
    fn site(site: &Site) -> Meta {
        Meta {
            title: site.config.title.clone(),
            description: site.config.description.clone(),
            kind: "website",
            feed: None,
            jsonld: None,
        }
    }
}

/// A page to render: where it is, its template, its head and its own
/// template variables.
pub struct Page<'a, V> {
    pub here: Here<'a>,
    pub template: &'static str,
    pub meta: Meta,
    pub vars: V,
}

impl<'a, V: Serialize> Page<'a, V> {
    /// Everything its template sees.
    pub fn context(&self) -> tera::Context {
        let mut context = tera::Context::new();
        // The frame first, then the page's own variables, which win a clash
        // of names as they did when both were one flattened map.
        insert_fields(&mut context, &frame(&self.here, &self.meta));
        insert_fields(&mut context, &self.vars);
        context
    }
}

/// Puts each field of the struct `fields` into `context` under its name.
/// Built field by field, not with `Context::from_serialize` over one
/// flattened map: a flattened map names each key with a fresh string (and
/// `from_serialize` copies each again), while a struct's field names stay
/// the `&'static str`s serde gives, for every one of 40,000 pages.
fn insert_fields(context: &mut tera::Context, fields: &impl Serialize) {
    // A page without variables of its own has `()` for them: no fields.
    let Some(map) = tera::Value::from_serializable(fields).into_map() else {
        return;
    };
    for (key, value) in map {
        match key {
            tera::value::Key::Str(name) => context.insert_value(name, value),
            // A map's keys (none of our variables has one) as
            // `from_serialize` names them.
            other => context.insert_value(other.to_string(), value),
        }
    }
}

/// What every template gets.
#[derive(Serialize)]
struct Frame<'a> {
    config: &'a tera::Value,
    lang: &'a str,
    /// The UI strings of `lang`.
    t: &'static tera::Value,
    /// base_url's path, for links.
    root: &'a str,
    /// Stylesheets, scripts and the data API are written once, for every language.
    assets: &'a str,
    current_path: String,
    /// The part of the site the page belongs to, for the navigation:
    /// `briefings`, `companies`, `deals`, `tags`, `people`, `search`, or none.
    section: Option<&'static str>,
    permalink: String,
    /// The language switcher: empty on a site of one language.
    languages: Vec<LanguageLink>,
    /// hreflang alternates.
    alternates: Vec<Alternate<'a>>,
    x_default: Option<&'a str>,
    /// The site feed of this language, in the formats the site writes.
    feeds: FeedLinks,
    meta: MetaView<'a>,
}

/// `config`: the site's settings templates may use.
#[derive(Serialize)]
struct ConfigView<'a> {
    title: &'a str,
    description: &'a str,
    base_url: &'a SiteUrl,
    base_path: &'a str,
    language: &'a str,
    /// The `[extra]` table as JSON values: numbers and dates reach templates
    /// as they always did.
    extra: serde_json::Value,
}

/// A language of the site in the switcher.
#[derive(Serialize)]
struct LanguageLink {
    lang: String,
    name: &'static str,
    /// This page in that language or, without one, that language's home page.
    url: String,
    current: bool,
    translated: bool,
}

#[derive(Serialize)]
struct Alternate<'a> {
    lang: &'a str,
    url: &'a str,
}

/// `meta`: what the `<head>` says.
#[derive(Serialize)]
struct MetaView<'a> {
    title: &'a str,
    /// Cut to about 160 characters (`excerpt::description`).
    description: std::borrow::Cow<'a, str>,
    #[serde(rename = "type")]
    kind: &'static str,
    locale: &'static str,
    feed: Option<FeedLinks>,
    jsonld: Option<&'a str>,
}

/// The Atom and JSON feeds of a page: each `None` when `[feeds] formats`
/// leaves it out, so a link never points at a file that is not there.
#[derive(Serialize)]
struct FeedLinks {
    atom: Option<String>,
    json: Option<String>,
    /// Whether this is the site feed (the head links that once, not twice).
    site: bool,
}

impl FeedLinks {
    fn new(views: &Views, site: &Site, scope: &FeedScope) -> FeedLinks {
        let dir = scope_path(site, scope);
        let link = |format: FeedFormat| {
            site.config
                .feeds
                .has(format)
                .then(|| views.url(&format!("{dir}{}", format.file_name())))
        };
        FeedLinks {
            atom: link(FeedFormat::Atom),
            json: link(FeedFormat::Json),
            site: *scope == FeedScope::Site,
        }
    }
}

/// What a briefing card sees (`Cards`): the briefing as `b`, and the parts
/// of every page's frame that are the same on every page of its site.
#[derive(Serialize)]
struct CardContext<'a> {
    config: &'a tera::Value,
    lang: &'a str,
    t: &'static tera::Value,
    root: &'a str,
    assets: &'a str,
    b: &'a tera::Value,
}

pub fn card_context(site: &Site, cache: &ViewCache, item: &tera::Value) -> tera::Context {
    let config = &site.config;
    let context = CardContext {
        config: cache.config.get_or_init(|| config_value(config)),
        lang: &config.language,
        t: i18n::strings(&config.language),
        root: config.base_path(),
        assets: config.default_base_url.path(),
        b: item,
    };
    let mut fields = tera::Context::new();
    insert_fields(&mut fields, &context);
    fields
}

/// The navigation's section of the page at `path` (relative to its
/// language's home). Named here once rather than tested by prefix in the
/// template: six `starting_with` tests on every page were 1.5% of a build.
fn section(path: &str) -> Option<&'static str> {
    const SECTIONS: [(&str, &str); 7] = [
        ("page/", "briefings"),
        ("briefings/", "briefings"),
        ("companies/", "companies"),
        ("deals/", "deals"),
        ("tags/", "tags"),
        ("people/", "people"),
        ("search/", "search"),
    ];
    let path = path.trim_start_matches('/');
    if path.is_empty() {
        return Some("briefings");
    }
    SECTIONS
        .iter()
        .find(|(prefix, _)| path.starts_with(prefix))
        .map(|&(_, name)| name)
}

fn frame<'a>(here: &Here<'a>, meta: &'a Meta) -> Frame<'a> {
    let Here {
        site,
        cache,
        path,
        alternates,
        fallbacks,
        ..
    } = *here;
    let views = here.views();
    let config = &site.config;
    let feed = meta
        .feed
        .as_ref()
        .map(|scope| FeedLinks::new(&views, site, scope));
    Frame {
        config: cache.config.get_or_init(|| config_value(config)),
        lang: &config.language,
        t: i18n::strings(&config.language),
        root: config.base_path(),
        assets: config.default_base_url.path(),
        section: section(path),
        current_path: views.url(path),
        permalink: views.permalink(path),
        languages: languages(config, alternates, fallbacks),
        alternates: alternates
            .iter()
            .map(|(lang, url)| Alternate { lang, url })
            .collect(),
        x_default: alternates
            .iter()
            .find(|(l, _)| *l == config.default_language)
            .or(alternates.first())
            .map(|(_, u)| u.as_str()),
        feeds: FeedLinks::new(&views, site, &FeedScope::Site),
        meta: MetaView {
            title: &meta.title,
            description: excerpt::description(&meta.description),
            kind: meta.kind,
            locale: if config.language == "ko" {
                "ko_KR"
            } else {
                "en_US"
            },
            feed,
            jsonld: meta.jsonld.as_deref(),
        },
    }
}

fn config_value(config: &Config) -> tera::Value {
    tera::Value::from_serializable(&ConfigView {
        title: &config.title,
        description: &config.description,
        base_url: &config.base_url,
        base_path: config.base_path(),
        language: &config.language,
        extra: serde_json::to_value(&config.extra).unwrap_or_default(),
    })
}

/// hreflang alternates and the language switcher: every language of the
/// site, linking to this page in it or, without one, to the nearest page
/// there that holds it (a person's page, `/people/`, …), else its home page.
fn languages(
    config: &Config,
    alternates: &[(String, String)],
    fallbacks: &[(String, String)],
) -> Vec<LanguageLink> {
    if !config.is_multilingual() {
        return Vec::new();
    }
    config
        .all_languages()
        .into_iter()
        .map(|l| {
            let here = alternates.iter().find(|(al, _)| *al == l);
            let near = here.or_else(|| fallbacks.iter().find(|(fl, _)| *fl == l));
            LanguageLink {
                name: i18n::text(&l, "language_name"),
                url: near.map_or_else(
                    || config.language_url(&l).path().to_string(),
                    |(_, u)| path_of(u).to_string(),
                ),
                current: l == config.language,
                translated: here.is_some(),
                lang: l,
            }
        })
        .collect()
}

/// Where a page of a paginated list is, and its neighbours.
#[derive(Serialize)]
struct Paginator {
    current: usize,
    total: usize,
    newer: Option<String>,
    older: Option<String>,
    /// Whether the list is of briefings, newest first (its links say newer
    /// and older posts), or of something else (previous and next).
    by_date: bool,
}

impl Paginator {
    /// Page `page` (1-based) of a list of `items`, `per` a page, its pages
    /// at `path(N)`.
    fn new(
        views: &Views,
        page: usize,
        items: usize,
        per: usize,
        path: impl Fn(usize) -> String,
    ) -> Paginator {
        let total = items.div_ceil(per).max(1);
        Paginator {
            current: page,
            total,
            newer: (page > 1).then(|| views.url(&path(page - 1))),
            older: (page < total).then(|| views.url(&path(page + 1))),
            by_date: true,
        }
    }

    /// For a list that is not of briefings (by name, or deals and quotes).
    fn previous_next(self) -> Paginator {
        Paginator {
            by_date: false,
            ..self
        }
    }
}

/// `index.html`: page `page` (1-based) of the latest briefings.
pub fn home(here: Here, page: usize) -> Page<impl Serialize> {
    #[derive(Serialize)]
    struct Vars {
        briefings: Vec<tera::Value>,
        paginator: Paginator,
    }
    let site = here.site;
    let views = here.views();
    let per = site.config.paginate_by;
    let order = here
        .cache
        .home_order
        .get_or_init(|| site.local_first(0..site.briefings.len()));
    let briefings = order
        .iter()
        .skip((page - 1) * per)
        .take(per)
        .map(|&i| views.briefing_item(i))
        .collect();
    let paginator = Paginator::new(&views, page, site.briefings.len(), per, home_path);
    let meta = Meta {
        title: if page > 1 {
            here.title(&format!("{} {page}", here.text("page_of")))
        } else {
            site.config.title.clone()
        },
        feed: Some(FeedScope::Site),
        jsonld: Some(jsonld::script_safe(&jsonld::website(site))),
        ..Meta::site(site)
    };
    Page {
        here,
        template: "index.html",
        meta,
        vars: Vars {
            briefings,
            paginator,
        },
    }
}

/// `briefing.html`: the briefing at `i`.
pub fn briefing(here: Here, i: usize) -> Page<impl Serialize> {
    #[derive(Serialize)]
    struct Vars<'a> {
        briefing: BriefingPage<'a>,
    }
    let site = here.site;
    let b = &site.briefings[i].briefing;
    // Cut once: the head cuts it again, but a text already cut stays as it is.
    let description = excerpt::description(&shown(site, &b.summary)).into_owned();
    let meta = Meta {
        title: here.title(&shown(site, &b.title)),
        description: description.clone(),
        kind: "article",
        feed: None,
        jsonld: Some(jsonld::script_safe(&jsonld::news_article(
            site,
            i,
            description,
        ))),
    };
    Page {
        here,
        template: "briefing.html",
        meta,
        vars: Vars {
            briefing: here.views().briefing_page(i),
        },
    }
}

/// `companies.html`: page `page` of every company, by the name shown.
pub fn companies(here: Here, page: usize) -> Page<impl Serialize> {
    #[derive(Serialize)]
    struct Vars<'a> {
        companies: Vec<CompanySummary<'a>>,
        paginator: Paginator,
    }
    let site = here.site;
    let views = here.views();
    let lang = site.config.language.as_str();
    let (window, paginator) = here.paged("companies/", page, site.companies.len());
    let paginator = paginator.previous_next();
    let meta = Meta {
        title: here.paged_title(here.text("companies"), page),
        ..Meta::site(site)
    };
    let list = here.cache.companies_by_name.get_or_init(|| {
        i18n::by_name(
            lang,
            site.companies
                .keys()
                .map(|id| (id.as_str(), views.company_name(id))),
        )
        .into_iter()
        .map(str::to_string)
        .collect()
    });
    Page {
        here,
        template: "companies.html",
        meta,
        vars: Vars {
            companies: window
                .of(list)
                .map(|id| views.company_summary(id))
                .collect(),
            paginator,
        },
    }
}

/// `company.html`: the company `id` with page `page` of its briefings; the
/// first page has its profile, the chart of its deals and the newest of its
/// deals and quotes.
pub fn company<'a>(here: Here<'a>, id: &str, page: usize) -> Page<'a, impl Serialize> {
    #[derive(Serialize)]
    struct Vars<'a> {
        company: CompanyPage<'a>,
        chart: Option<String>,
        paginator: Paginator,
    }
    let site = here.site;
    let entry = &site.companies[id];
    let c = &entry.company;
    let name = c.names.get(&site.config.language).unwrap_or(&c.name);
    let (window, paginator) = here.paged(&company_path(id), page, entry.briefings.len());
    let meta = Meta {
        title: here.paged_title(name, page),
        description: c
            .sector
            .as_ref()
            .and_then(|s| s.get(&site.config.language, &site.config.default_language))
            .map_or_else(|| site.config.description.clone(), str::to_string),
        kind: "profile",
        feed: Some(FeedScope::Company(id.to_string())),
        jsonld: (page == 1).then(|| jsonld::script_safe(&jsonld::organization(site, id))),
    };
    Page {
        here,
        template: "company.html",
        meta,
        vars: Vars {
            company: here.views().company_page(id, window),
            chart: (page == 1)
                .then(|| charts::company_deals(site, id))
                .flatten(),
            paginator,
        },
    }
}

/// `company_deals.html`: page `page` of the company `id`'s deals, as investor
/// and as target, newest first.
pub fn company_deals<'a>(here: Here<'a>, id: &str, page: usize) -> Page<'a, impl Serialize> {
    #[derive(Serialize)]
    struct Vars<'a> {
        company: CompanySummary<'a>,
        deals: Vec<tera::Value>,
        paginator: Paginator,
    }
    let site = here.site;
    let views = here.views();
    let entry = &site.companies[id];
    let all = entry.deals();
    let (window, paginator) = here.paged(&format!("{}deals/", company_path(id)), page, all.len());
    let summary = views.company_summary(id);
    let meta = Meta {
        title: here.paged_title(
            &here
                .text("company_deals_title")
                .replace("{name}", summary.company.name),
            page,
        ),
        ..Meta::site(site)
    };
    Page {
        here,
        template: "company_deals.html",
        meta,
        vars: Vars {
            company: summary,
            deals: views.deal_items(window.of(&all)),
            paginator,
        },
    }
}

/// `company_quotes.html`: page `page` of the quotes about the company `id`, newest first.
pub fn company_quotes<'a>(here: Here<'a>, id: &str, page: usize) -> Page<'a, impl Serialize> {
    #[derive(Serialize)]
    struct Vars<'a> {
        company: CompanySummary<'a>,
        quotes: Vec<super::views::QuoteView<'a>>,
        paginator: Paginator,
    }
    let site = here.site;
    let views = here.views();
    let entry = &site.companies[id];
    let (window, paginator) = here.paged(
        &format!("{}quotes/", company_path(id)),
        page,
        entry.quotes.len(),
    );
    let paginator = paginator.previous_next();
    let summary = views.company_summary(id);
    let meta = Meta {
        title: here.paged_title(
            &here
                .text("company_quotes_title")
                .replace("{name}", summary.company.name),
            page,
        ),
        ..Meta::site(site)
    };
    Page {
        here,
        template: "company_quotes.html",
        meta,
        vars: Vars {
            company: summary,
            quotes: views.quotes(window.of(&entry.quotes)),
            paginator,
        },
    }
}

/// `deals.html`: page `page` of every deal, newest first, with the chart of
/// amounts by month on the first.
pub fn deals(here: Here, page: usize) -> Page<impl Serialize> {
    #[derive(Serialize)]
    struct Vars {
        deals: Vec<tera::Value>,
        /// Deal flow by month and by quarter (inline SVG), on the first page.
        chart: Option<String>,
        chart_quarters: Option<String>,
        paginator: Paginator,
    }
    let site = here.site;
    let views = here.views();
    let (window, paginator) = here.paged("deals/", page, site.deals.len());
    let paginator = paginator.previous_next();
    let meta = Meta {
        title: here.paged_title(here.text("deals"), page),
        ..Meta::site(site)
    };
    Page {
        here,
        template: "deals.html",
        meta,
        vars: Vars {
            deals: window
                .of(0..site.deals.len())
                .map(|i| views.deal_item(i))
                .collect(),
            chart: (page == 1)
                .then(|| charts::deal_flow(site, charts::Period::Month))
                .flatten(),
            chart_quarters: (page == 1)
                .then(|| charts::deal_flow(site, charts::Period::Quarter))
                .flatten(),
            paginator,
        },
    }
}

/// `deal.html`: the deal at `i`, with page `page` of its briefings.
pub fn deal(here: Here, i: usize, page: usize) -> Page<impl Serialize> {
    #[derive(Serialize)]
    struct Vars<'a> {
        deal: DealPage<'a>,
        paginator: Paginator,
    }
    let site = here.site;
    let views = here.views();
    let (window, paginator) = here.paged(
        &deal_path(&site.deals[i].id),
        page,
        site.deals[i].briefings.len(),
    );
    let meta = Meta {
        title: here.paged_title(&views.deal_name(i), page),
        description: site.deals[i]
            .amount
            .as_ref()
            .map(|a| {
                let m = &a.money;
                format_amount(
                    m.value,
                    &m.currency,
                    m.approx,
                    m.bound,
                    &site.config.language,
                )
            })
            .unwrap_or_default(),
        feed: Some(FeedScope::Deal(i)),
        ..Meta::site(site)
    };
    Page {
        here,
        template: "deal.html",
        meta,
        vars: Vars {
            deal: views.deal_page(i, window),
            paginator,
        },
    }
}

/// `tags.html`: page `page` of every tag, by name.
pub fn tags(here: Here, page: usize) -> Page<impl Serialize> {
    #[derive(Serialize)]
    struct Vars<'a> {
        tags: Vec<TagSummary<'a>>,
        paginator: Paginator,
    }
    let site = here.site;
    let views = here.views();
    let lang = site.config.language.as_str();
    let (window, paginator) = here.paged("tags/", page, site.tags.len());
    let paginator = paginator.previous_next();
    let meta = Meta {
        title: here.paged_title(here.text("tags"), page),
        ..Meta::site(site)
    };
    let list = i18n::by_name(
        lang,
        site.tags
            .iter()
            .map(|(slug, t)| (slug.as_str(), t.name.as_str())),
    );
    Page {
        here,
        template: "tags.html",
        meta,
        vars: Vars {
            tags: window
                .of(list)
                .map(|slug| views.tag_summary(slug))
                .collect(),
            paginator,
        },
    }
}

/// `tag.html`: the tag `slug` and page `page` of its briefings.
pub fn tag<'a>(here: Here<'a>, slug: &str, page: usize) -> Page<'a, impl Serialize> {
    #[derive(Serialize)]
    struct Vars<'a> {
        tag: TagSummary<'a>,
        briefings: Vec<tera::Value>,
        paginator: Paginator,
    }
    let site = here.site;
    let views = here.views();
    let entry = &site.tags[slug];
    let (window, paginator) = here.paged(&tag_path(slug), page, entry.briefings.len());
    let meta = Meta {
        title: here.paged_title(&format!("#{}", entry.name), page),
        feed: Some(FeedScope::Tag(slug.to_string())),
        ..Meta::site(site)
    };
    Page {
        here,
        template: "tag.html",
        meta,
        vars: Vars {
            tag: views.tag_summary(slug),
            briefings: views.briefing_items(entry.briefings.iter().copied(), window),
            paginator,
        },
    }
}

/// `people.html`: page `page` of everyone quoted, by name.
pub fn people(here: Here, page: usize) -> Page<impl Serialize> {
    #[derive(Serialize)]
    struct Vars<'a> {
        people: Vec<PersonSummary<'a>>,
        paginator: Paginator,
    }
    let site = here.site;
    let views = here.views();
    let lang = site.config.language.as_str();
    let (window, paginator) = here.paged("people/", page, site.people.len());
    let paginator = paginator.previous_next();
    let meta = Meta {
        title: here.paged_title(here.text("people"), page),
        ..Meta::site(site)
    };
    let list = i18n::by_name(
        lang,
        site.people
            .iter()
            .map(|(slug, p)| (slug.as_str(), p.name.as_str())),
    );
    Page {
        here,
        template: "people.html",
        meta,
        vars: Vars {
            people: window
                .of(list)
                .map(|slug| views.person_summary(slug))
                .collect(),
            paginator,
        },
    }
}

/// `person.html`: the person `slug` and page `page` of their quotes.
pub fn person<'a>(here: Here<'a>, slug: &str, page: usize) -> Page<'a, impl Serialize> {
    #[derive(Serialize)]
    struct Vars<'a> {
        person: PersonPage<'a>,
        paginator: Paginator,
    }
    let site = here.site;
    let (window, paginator) = here.paged(&person_path(slug), page, site.people[slug].quotes.len());
    let paginator = paginator.previous_next();
    let meta = Meta {
        title: here.paged_title(&site.people[slug].name, page),
        kind: "profile",
        feed: Some(FeedScope::Person(slug.to_string())),
        ..Meta::site(site)
    };
    Page {
        here,
        template: "person.html",
        meta,
        vars: Vars {
            person: here.views().person_page(slug, window),
            paginator,
        },
    }
}

/// `search.html`: the search page, which loads its index from `index_url`.
pub fn search(here: Here) -> Page<impl Serialize> {
    #[derive(Serialize)]
    struct Vars {
        index_url: String,
    }
    let site = here.site;
    let meta = Meta {
        title: here.title(here.text("search")),
        ..Meta::site(site)
    };
    Page {
        here,
        template: "search.html",
        meta,
        vars: Vars {
            index_url: here.views().url("search/manifest.json"),
        },
    }
}

/// `corrections.html`: page `page` (1-based) of every correction, newest first.
pub fn corrections(here: Here, page: usize) -> Page<impl Serialize> {
    #[derive(Serialize)]
    struct Vars<'a> {
        corrections: Vec<CorrectionItem<'a>>,
        paginator: Paginator,
    }
    let site = here.site;
    let views = here.views();
    let per = site.config.paginate_by;
    let corrections = site
        .corrections
        .iter()
        .skip((page - 1) * per)
        .take(per)
        .map(|&r| views.correction_item(r))
        .collect();
    let paginator =
        Paginator::new(&views, page, site.corrections.len(), per, corrections_path).previous_next();
    let what = here.text("corrections");
    let meta = Meta {
        title: here.paged_title(what, page),
        feed: Some(FeedScope::Corrections),
        ..Meta::site(site)
    };
    Page {
        here,
        template: "corrections.html",
        meta,
        vars: Vars {
            corrections,
            paginator,
        },
    }
}

/// A year of the archive as `archive.html` lists it.
#[derive(Serialize)]
struct YearLink {
    year: i16,
    /// How many briefings (local and untranslated) are dated in it.
    count: usize,
    url: String,
    current: bool,
}

fn year_links(here: &Here, current: Option<i16>) -> Vec<YearLink> {
    let views = here.views();
    here.site
        .years
        .iter()
        .rev()
        .map(|(&year, list)| YearLink {
            year,
            count: list.len(),
            url: views.url(&archive_year_path(year)),
            current: current == Some(year),
        })
        .collect()
}

/// `archive.html`: every year with briefings, newest first, with its count.
pub fn archive(here: Here) -> Page<impl Serialize> {
    #[derive(Serialize)]
    struct Vars {
        years: Vec<YearLink>,
    }
    let meta = Meta {
        title: here.title(here.text("archive")),
        ..Meta::site(here.site)
    };
    Page {
        here,
        template: "archive.html",
        meta,
        vars: Vars {
            years: year_links(&here, None),
        },
    }
}

/// `archive_year.html`: page `page` of the briefings of `year`, newest
/// first, grouped by month; a month that continues from the page before
/// has its heading again.
pub fn archive_year(here: Here, year: i16, page: usize) -> Page<impl Serialize> {
    #[derive(Serialize)]
    struct Month {
        /// `2025-06`.
        month: String,
        /// `2025년 6월`, `June 2025`.
        label: String,
        /// Shared briefing summaries.
        briefings: Vec<tera::Value>,
    }
    #[derive(Serialize)]
    struct Vars {
        title: String,
        year: i16,
        count: usize,
        months: Vec<Month>,
        /// Every year of the archive, `current` this one.
        years: Vec<YearLink>,
        archive_url: String,
        paginator: Paginator,
    }
    let site = here.site;
    let views = here.views();
    let list = &site.years[&year];
    let (window, paginator) = here.paged(&archive_year_path(year), page, list.len());
    let mut months: Vec<Month> = Vec::new();
    // By date, not this language's first: the archive is a calendar, and an
    // untranslated briefing stands on its day, marked with its language.
    for &i in window.of(list) {
        let day = site.briefings[i].briefing.date.day;
        let month = format!("{year}-{:02}", day.month());
        if months.last().is_none_or(|m| m.month != month) {
            months.push(Month {
                label: i18n::format_month(year, day.month(), &site.config.language),
                month,
                briefings: Vec::new(),
            });
        }
        if let Some(m) = months.last_mut() {
            m.briefings.push(views.briefing_item(i));
        }
    }
    let what = here
        .text("archive_year")
        .replace("{year}", &year.to_string());
    let meta = Meta {
        title: here.paged_title(&what, page),
        ..Meta::site(site)
    };
    Page {
        here,
        template: "archive_year.html",
        meta,
        vars: Vars {
            title: what.clone(),
            year,
            count: list.len(),
            months,
            years: year_links(&here, Some(year)),
            archive_url: views.url(ARCHIVE_PATH),
            paginator,
        },
    }
}

/// `page.html`: the standalone page at `i` (content/pages/).
pub fn page(here: Here, i: usize) -> Page<impl Serialize> {
    #[derive(Serialize)]
    struct Vars<'a> {
        page: PageView<'a>,
    }
    #[derive(Serialize)]
    struct PageView<'a> {
        title: std::borrow::Cow<'a, str>,
        description: Option<&'a str>,
        body: &'a str,
        slug: &'a str,
        /// The page's language where it is not the view's (an untranslated page).
        lang: Option<&'a str>,
    }
    let site = here.site;
    let p = &site.pages[i];
    let written_in = p.lang.as_deref().unwrap_or(&site.config.default_language);
    let meta = Meta {
        title: here.title(&shown(site, &p.title)),
        description: p
            .description
            .clone()
            .unwrap_or_else(|| site.config.description.clone()),
        ..Meta::site(site)
    };
    Page {
        here,
        template: "page.html",
        meta,
        vars: Vars {
            page: PageView {
                title: joined(shown(site, &p.title)),
                description: p.description.as_deref(),
                body: &p.body_html,
                lang: (written_in != site.config.language).then_some(written_in),
                slug: &p.slug,
            },
        },
    }
}

/// `404.html`: its path is the file, not a folder.
pub fn not_found(here: Here) -> Page<impl Serialize> {
    let site = here.site;
    let meta = Meta {
        title: here.title(here.text("not_found")),
        ..Meta::site(site)
    };
    Page {
        here: Here {
            path: "404.html",
            ..here
        },
        template: "404.html",
        meta,
        vars: (),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_go_in_by_name_and_a_page_variable_wins_a_clash() {
        #[derive(Serialize)]
        struct Shared {
            lang: &'static str,
            title: &'static str,
        }
        #[derive(Serialize)]
        struct Vars {
            title: &'static str,
            count: u32,
        }
        let mut context = tera::Context::new();
        insert_fields(
            &mut context,
            &Shared {
                lang: "ko",
                title: "frame",
            },
        );
        insert_fields(
            &mut context,
            &Vars {
                title: "page",
                count: 3,
            },
        );
        // A page without variables of its own adds nothing.
        insert_fields(&mut context, &());
        let mut tera = tera::Tera::default();
        tera.add_raw_template("t", "{{ lang }} {{ title }} {{ count }}")
            .unwrap();
        assert_eq!(tera.render("t", &context).unwrap(), "ko page 3");
    }
}

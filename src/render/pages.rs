//! One function per kind of HTML page: what its template is given, as a
//! value (`Page`). Every page's context is the same frame (`config`, `lang`,
//! `t`, `meta`, the language switcher…) with the page's own variables, a typed
//! struct per kind; the README's theme contract lists both.

use super::charts;
use super::i18n;
use super::jsonld;
use super::views::{
    BriefingPage, CompanyPage, CompanySummary, CorrectionItem, DealPage, PersonPage, PersonSummary,
    TagSummary, ViewCache, Views, shown,
};
use crate::config::{Config, path_of};
use crate::index::Site;
use crate::model::money::format_amount;
use crate::paths::{corrections_path, home_path};
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
}

impl<'a> Here<'a> {
    fn views(&self) -> Views<'a> {
        Views::new(self.site, self.cache)
    }

    /// `WHAT · Site title`, the title of a page inside the site.
    fn title(&self, what: &str) -> String {
        format!("{what} · {}", self.site.config.title)
    }

    /// A UI string in the page's language.
    fn text(&self, key: &str) -> &'static str {
        i18n::text(&self.site.config.language, key)
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
        let context = PageContext {
            frame: frame(&self.here, &self.meta),
            vars: &self.vars,
        };
        tera::Context::from_serialize(&context).expect("a page context is a map")
    }
}

#[derive(Serialize)]
struct PageContext<'a, V> {
    #[serde(flatten)]
    frame: Frame<'a>,
    #[serde(flatten)]
    vars: V,
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
    permalink: String,
    /// The language switcher: empty on a site of one language.
    languages: Vec<LanguageLink>,
    /// hreflang alternates.
    alternates: Vec<Alternate<'a>>,
    x_default: Option<&'a str>,
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
    description: &'a str,
    #[serde(rename = "type")]
    kind: &'static str,
    locale: &'static str,
    feed: Option<FeedLinks>,
    jsonld: Option<&'a str>,
}

/// The Atom and JSON feeds of a page.
#[derive(Serialize)]
struct FeedLinks {
    atom: String,
    json: String,
}

fn frame<'a>(here: &Here<'a>, meta: &'a Meta) -> Frame<'a> {
    let Here {
        site,
        cache,
        path,
        alternates,
    } = *here;
    let views = here.views();
    let config = &site.config;
    let feed = meta.feed.as_ref().map(|scope| {
        let dir = scope_path(site, scope);
        FeedLinks {
            atom: views.url(&format!("{dir}{}", FeedFormat::Atom.file_name())),
            json: views.url(&format!("{dir}{}", FeedFormat::Json.file_name())),
        }
    });
    Frame {
        config: cache.config.get_or_init(|| config_value(config)),
        lang: &config.language,
        t: i18n::strings(&config.language),
        root: config.base_path(),
        assets: config.default_base_url.path(),
        current_path: views.url(path),
        permalink: views.permalink(path),
        languages: languages(config, alternates),
        alternates: alternates
            .iter()
            .map(|(lang, url)| Alternate { lang, url })
            .collect(),
        x_default: alternates
            .iter()
            .find(|(l, _)| *l == config.default_language)
            .or(alternates.first())
            .map(|(_, u)| u.as_str()),
        meta: MetaView {
            title: &meta.title,
            description: &meta.description,
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
/// site, linking to this page in it or, without one, to its home page.
fn languages(config: &Config, alternates: &[(String, String)]) -> Vec<LanguageLink> {
    if !config.is_multilingual() {
        return Vec::new();
    }
    config
        .all_languages()
        .into_iter()
        .map(|l| {
            let here = alternates.iter().find(|(al, _)| *al == l);
            LanguageLink {
                name: i18n::text(&l, "language_name"),
                url: here.map_or_else(
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
    let briefings = site
        .local_first(0..site.briefings.len())
        .into_iter()
        .skip((page - 1) * per)
        .take(per)
        .map(|i| views.briefing_item(i))
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
    let meta = Meta {
        title: here.title(&shown(site, &b.title)),
        description: shown(site, &b.summary).into_owned(),
        kind: "article",
        feed: None,
        jsonld: Some(jsonld::script_safe(&jsonld::news_article(site, i))),
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

/// `companies.html`: every company.
pub fn companies(here: Here) -> Page<impl Serialize> {
    #[derive(Serialize)]
    struct Vars<'a> {
        companies: Vec<CompanySummary<'a>>,
    }
    let site = here.site;
    let views = here.views();
    let lang = site.config.language.as_str();
    let meta = Meta {
        title: here.title(here.text("companies")),
        ..Meta::site(site)
    };
    Page {
        here,
        template: "companies.html",
        meta,
        vars: Vars {
            companies: {
                let mut list: Vec<CompanySummary> = site
                    .companies
                    .keys()
                    .map(|id| views.company_summary(id))
                    .collect();
                list.sort_by(|a, b| i18n::collate(lang, a.company.name, b.company.name));
                list
            },
        },
    }
}

/// `company.html`: the company `id`, with the chart of its deals.
pub fn company<'a>(here: Here<'a>, id: &str) -> Page<'a, impl Serialize> {
    #[derive(Serialize)]
    struct Vars<'a> {
        company: CompanyPage<'a>,
        chart: Option<String>,
    }
    let site = here.site;
    let c = &site.companies[id].company;
    let meta = Meta {
        title: here.title(c.names.get(&site.config.language).unwrap_or(&c.name)),
        description: c
            .sector
            .clone()
            .unwrap_or_else(|| site.config.description.clone()),
        kind: "profile",
        feed: Some(FeedScope::Company(id.to_string())),
        jsonld: Some(jsonld::script_safe(&jsonld::organization(site, id))),
    };
    Page {
        here,
        template: "company.html",
        meta,
        vars: Vars {
            company: here.views().company_page(id),
            chart: charts::company_deals(site, id),
        },
    }
}

/// `deals.html`: every deal, with the chart of amounts by month.
pub fn deals(here: Here) -> Page<impl Serialize> {
    #[derive(Serialize)]
    struct Vars {
        deals: Vec<tera::Value>,
        chart: Option<String>,
    }
    let site = here.site;
    let views = here.views();
    let meta = Meta {
        title: here.title(here.text("deals")),
        ..Meta::site(site)
    };
    Page {
        here,
        template: "deals.html",
        meta,
        vars: Vars {
            deals: (0..site.deals.len()).map(|i| views.deal_item(i)).collect(),
            chart: charts::amounts_by_month(site),
        },
    }
}

/// `deal.html`: the deal at `i`.
pub fn deal(here: Here, i: usize) -> Page<impl Serialize> {
    #[derive(Serialize)]
    struct Vars<'a> {
        deal: DealPage<'a>,
    }
    let site = here.site;
    let views = here.views();
    let meta = Meta {
        title: here.title(&views.deal_name(i)),
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
            deal: views.deal_page(i),
        },
    }
}

/// `tags.html`: every tag.
pub fn tags(here: Here) -> Page<impl Serialize> {
    #[derive(Serialize)]
    struct Vars<'a> {
        tags: Vec<TagSummary<'a>>,
    }
    let site = here.site;
    let views = here.views();
    let lang = site.config.language.as_str();
    let meta = Meta {
        title: here.title(here.text("tags")),
        ..Meta::site(site)
    };
    Page {
        here,
        template: "tags.html",
        meta,
        vars: Vars {
            tags: {
                let mut list: Vec<TagSummary> = site
                    .tags
                    .keys()
                    .map(|slug| views.tag_summary(slug))
                    .collect();
                list.sort_by(|a, b| i18n::collate(lang, a.tag.name, b.tag.name));
                list
            },
        },
    }
}

/// `tag.html`: the tag `slug` and its briefings.
pub fn tag<'a>(here: Here<'a>, slug: &str) -> Page<'a, impl Serialize> {
    #[derive(Serialize)]
    struct Vars<'a> {
        tag: TagSummary<'a>,
        briefings: Vec<tera::Value>,
    }
    let site = here.site;
    let views = here.views();
    let entry = &site.tags[slug];
    let meta = Meta {
        title: here.title(&format!("#{}", entry.name)),
        feed: Some(FeedScope::Tag(slug.to_string())),
        ..Meta::site(site)
    };
    Page {
        here,
        template: "tag.html",
        meta,
        vars: Vars {
            tag: views.tag_summary(slug),
            briefings: views.briefing_items(entry.briefings.iter().copied()),
        },
    }
}

/// `people.html`: everyone quoted.
pub fn people(here: Here) -> Page<impl Serialize> {
    #[derive(Serialize)]
    struct Vars<'a> {
        people: Vec<PersonSummary<'a>>,
    }
    let site = here.site;
    let views = here.views();
    let lang = site.config.language.as_str();
    let meta = Meta {
        title: here.title(here.text("people")),
        ..Meta::site(site)
    };
    Page {
        here,
        template: "people.html",
        meta,
        vars: Vars {
            people: {
                let mut list: Vec<PersonSummary> = site
                    .people
                    .keys()
                    .map(|slug| views.person_summary(slug))
                    .collect();
                list.sort_by(|a, b| i18n::collate(lang, a.name, b.name));
                list
            },
        },
    }
}

/// `person.html`: the person `slug` and every quote of theirs.
pub fn person<'a>(here: Here<'a>, slug: &str) -> Page<'a, impl Serialize> {
    #[derive(Serialize)]
    struct Vars<'a> {
        person: PersonPage<'a>,
    }
    let site = here.site;
    let meta = Meta {
        title: here.title(&site.people[slug].name),
        kind: "profile",
        ..Meta::site(site)
    };
    Page {
        here,
        template: "person.html",
        meta,
        vars: Vars {
            person: here.views().person_page(slug),
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
    let paginator = Paginator::new(&views, page, site.corrections.len(), per, corrections_path);
    let what = here.text("corrections");
    let meta = Meta {
        title: if page > 1 {
            here.title(&format!("{what} · {} {page}", here.text("page_of")))
        } else {
            here.title(what)
        },
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
    }
    let site = here.site;
    let p = &site.pages[i];
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
                title: shown(site, &p.title),
                description: p.description.as_deref(),
                body: &p.body_html,
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

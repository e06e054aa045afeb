//! The render stage: each planned job to bytes. Templates are loaded once into
//! one Tera instance; the site's `templates/` override the theme's files.

pub mod api;
pub mod charts;
pub mod feeds;
pub mod i18n;
pub mod jsonld;
pub mod search;
pub mod sitemap;
pub mod views;

use crate::config::Config;
use crate::diagnostics::Diagnostic;
use crate::highlight;
use crate::index::Site;
use crate::load::{SourceFile, Sources};
use crate::plan::{Job, PlannedJob};

use crate::paths::home_path;
use crate::plan::{FeedFormat, FeedScope};
use crate::theme;
use serde_json::{Value, json};
use std::collections::BTreeMap;
use std::path::PathBuf;
use tera::{Context, ErrorKind, Tera};
use views::{ViewCache, Views};

/// What a job produces.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Output {
    Bytes(Vec<u8>),
    CopyFrom(PathBuf),
}

pub struct Renderer {
    tera: Tera,
    /// Template name -> (the file that defined it, its text), for error messages.
    files: BTreeMap<String, (String, String)>,
}

impl Renderer {
    /// Loads the theme's templates, then the site's overrides.
    pub fn new(config: &Config, sources: &Sources) -> Result<Renderer, Vec<Diagnostic>> {
        let mut files: BTreeMap<String, (String, String)> = BTreeMap::new();
        let theme_files: Vec<(String, SourceFile)> = match &sources.theme_templates {
            Some(list) => list.clone(),
            None if config.theme == "default" => theme::templates()
                .iter()
                .map(|(name, text)| {
                    (
                        name.to_string(),
                        SourceFile {
                            rel: format!("themes/default/templates/{name} (built in)"),
                            text: text.to_string(),
                        },
                    )
                })
                .collect(),
            None => {
                return Err(vec![Diagnostic::file_error(
                    crate::config::CONFIG_FILE,
                    format!(
                        "theme `{}` not found: there is no themes/{}/templates/ folder",
                        config.theme, config.theme
                    ),
                )]);
            }
        };
        // Theme templates are also reachable as `theme/NAME`, so a site template
        // can extend the theme's and override a single block.
        for (name, file) in &theme_files {
            files.insert(
                format!("theme/{name}"),
                (file.rel.clone(), file.text.clone()),
            );
        }
        for (name, file) in theme_files
            .into_iter()
            .chain(sources.templates.iter().cloned())
        {
            files.insert(name, (file.rel, file.text));
        }
        let mut tera = Tera::new();
        register_helpers(&mut tera, config);
        tera.add_raw_templates(
            files
                .iter()
                .map(|(name, (_, text))| (name.as_str(), text.as_str())),
        )
        .map_err(|e| vec![template_error(&files, &e)])?;
        Ok(Renderer { tera, files })
    }

    fn page(
        &self,
        here: &Here,
        template: &str,
        meta: Meta,
        extra: Vec<(&'static str, tera::Value)>,
    ) -> Result<Output, Diagnostic> {
        let Here {
            site,
            cache,
            path,
            alternates,
        } = *here;
        let views = Views::new(site, cache);
        let config = &site.config;
        let mut ctx = Context::new();
        let config_value = cache.config.get_or_init(|| {
            value(&json!({
                "title": config.title,
                "description": config.description,
                "base_url": config.base_url,
                "base_path": config.base_path(),
                "language": config.language,
                "extra": config.extra,
            }))
        });
        ctx.insert_value("config", config_value.clone());
        ctx.insert("lang", &config.language);
        ctx.insert_value("t", i18n::strings(&config.language).clone());
        ctx.insert("root", config.base_path());
        // Stylesheets, scripts and the data API are written once, for every language.
        ctx.insert("assets", config.default_base_url.path());
        ctx.insert("current_path", &views.url(path));
        ctx.insert("permalink", &views.permalink(path));
        let feed = meta.feed.as_ref().map(|scope| {
            let dir = crate::plan::scope_path(site, scope);
            json!({
                "atom": views.url(&format!("{dir}{}", FeedFormat::Atom.file_name())),
                "json": views.url(&format!("{dir}{}", FeedFormat::Json.file_name())),
            })
        });
        // hreflang alternates and the language switcher: every language of the
        // site, linking to this page in it or, without one, to its home page.
        let default_language = &config.default_language;
        let languages: Vec<Value> = if config.is_multilingual() {
            config
                .all_languages()
                .iter()
                .map(|l| {
                    let here = alternates.iter().find(|(al, _)| al == l);
                    json!({
                        "lang": l,
                        "name": i18n::text(l, "language_name"),
                        "url": here.map_or_else(|| config.language_url(l).path().to_string(), |(_, u)| crate::config::path_of(u).to_string()),
                        "current": *l == config.language,
                        "translated": here.is_some(),
                    })
                })
                .collect()
        } else {
            Vec::new()
        };
        ctx.insert("languages", &languages);
        ctx.insert(
            "alternates",
            &alternates
                .iter()
                .map(|(l, u)| json!({"lang": l, "url": u}))
                .collect::<Vec<_>>(),
        );
        ctx.insert(
            "x_default",
            &alternates
                .iter()
                .find(|(l, _)| l == default_language)
                .or(alternates.first())
                .map(|(_, u)| u),
        );
        ctx.insert(
            "meta",
            &json!({
                "title": meta.title,
                "description": meta.description,
                "type": meta.kind,
                "locale": if config.language == "ko" { "ko_KR" } else { "en_US" },
                "feed": feed,
                "jsonld": meta.jsonld.map(|v| jsonld::script_safe(&v)),
            }),
        );
        for (k, v) in extra {
            ctx.insert_value(k, v);
        }
        self.tera
            .render(template, &ctx)
            .map(|html| Output::Bytes(html.into_bytes()))
            .map_err(|e| template_error(&self.files, &e))
    }

    /// Renders one job.
    /// Renders one job; `alternates` are its page in other languages (language, URL).
    pub fn render(
        &self,
        site: &Site,
        cache: &ViewCache,
        job: &PlannedJob,
        alternates: &[(String, String)],
    ) -> Result<Output, Diagnostic> {
        let views = Views::new(site, cache);
        let lang = site.config.language.as_str();
        let title = |what: &str| format!("{what} · {}", site.config.title);
        let dir = job.path.strip_suffix("index.html").unwrap_or(&job.path);
        let here = Here {
            site,
            cache,
            path: dir,
            alternates,
        };
        match &job.job {
            Job::Home { page } => {
                let per = site.config.paginate_by;
                let total = site.briefings.len().div_ceil(per).max(1);
                let items: Vec<tera::Value> = site
                    .local_first(0..site.briefings.len())
                    .into_iter()
                    .skip((page - 1) * per)
                    .take(per)
                    .map(|i| views.briefing_item(i))
                    .collect();
                let paginator = json!({
                    "current": page,
                    "total": total,
                    "newer": (*page > 1).then(|| views.url(&home_path(page - 1))),
                    "older": (*page < total).then(|| views.url(&home_path(page + 1))),
                });
                let meta = Meta {
                    title: if *page > 1 {
                        title(&format!("{} {page}", i18n::text(lang, "page_of")))
                    } else {
                        site.config.title.clone()
                    },
                    feed: Some(FeedScope::Site),
                    jsonld: Some(jsonld::website(site)),
                    ..Meta::site(site)
                };
                self.page(
                    &here,
                    "index.html",
                    meta,
                    vec![
                        ("briefings", items.into()),
                        ("paginator", value(&paginator)),
                    ],
                )
            }
            Job::Briefing(i) => {
                let b = &site.briefings[*i].briefing;
                let meta = Meta {
                    title: title(&b.title),
                    description: b.summary.clone(),
                    kind: "article",
                    feed: None,
                    jsonld: Some(jsonld::news_article(site, *i)),
                };
                self.page(
                    &here,
                    "briefing.html",
                    meta,
                    vec![("briefing", value(&views.briefing_full(*i)))],
                )
            }
            Job::Companies => {
                let companies: Vec<Value> = site
                    .companies
                    .keys()
                    .map(|id| views.company_summary(id))
                    .collect();
                let companies = value(&companies);
                let meta = Meta {
                    title: title(i18n::text(lang, "companies")),
                    ..Meta::site(site)
                };
                self.page(
                    &here,
                    "companies.html",
                    meta,
                    vec![("companies", companies)],
                )
            }
            Job::Company(id) => {
                let c = &site.companies[id].company;
                let meta = Meta {
                    title: title(&c.name),
                    description: c
                        .sector
                        .clone()
                        .unwrap_or_else(|| site.config.description.clone()),
                    kind: "profile",
                    feed: Some(FeedScope::Company(id.clone())),
                    jsonld: Some(jsonld::organization(site, id)),
                };
                let chart = charts::company_deals(site, id);
                self.page(
                    &here,
                    "company.html",
                    meta,
                    vec![("company", views.company_full(id)), ("chart", chart.into())],
                )
            }
            Job::Deals => {
                let deals: Vec<tera::Value> =
                    (0..site.deals.len()).map(|i| views.deal_item(i)).collect();
                let meta = Meta {
                    title: title(i18n::text(lang, "deals")),
                    ..Meta::site(site)
                };
                let chart = charts::amounts_by_month(site);
                self.page(
                    &here,
                    "deals.html",
                    meta,
                    vec![("deals", deals.into()), ("chart", chart.into())],
                )
            }
            Job::Deal(i) => {
                let view = views.deal_full(*i);
                let meta = Meta {
                    title: title(&views.deal_name(*i)),
                    description: site.deals[*i]
                        .amount
                        .as_ref()
                        .map(|a| a.money.text.clone())
                        .unwrap_or_default(),
                    feed: Some(FeedScope::Deal(*i)),
                    ..Meta::site(site)
                };
                self.page(&here, "deal.html", meta, vec![("deal", view)])
            }
            Job::Tags => {
                let tags: Vec<Value> = site
                    .tags
                    .keys()
                    .map(|slug| views.tag_summary(slug))
                    .collect();
                let meta = Meta {
                    title: title(i18n::text(lang, "tags")),
                    ..Meta::site(site)
                };
                self.page(&here, "tags.html", meta, vec![("tags", value(&tags))])
            }
            Job::Tag(slug) => {
                let briefings = views.briefing_items(site.tags[slug].briefings.iter().copied());
                let meta = Meta {
                    title: title(&format!("#{}", site.tags[slug].name)),
                    feed: Some(FeedScope::Tag(slug.clone())),
                    ..Meta::site(site)
                };
                self.page(
                    &here,
                    "tag.html",
                    meta,
                    vec![
                        ("tag", value(&views.tag_summary(slug))),
                        ("briefings", briefings),
                    ],
                )
            }
            Job::People => {
                let people: Vec<Value> = site
                    .people
                    .keys()
                    .map(|slug| views.person_summary(slug))
                    .collect();
                let meta = Meta {
                    title: title(i18n::text(lang, "people")),
                    ..Meta::site(site)
                };
                self.page(&here, "people.html", meta, vec![("people", value(&people))])
            }
            Job::Person(slug) => {
                let meta = Meta {
                    title: title(&site.people[slug].name),
                    kind: "profile",
                    ..Meta::site(site)
                };
                self.page(
                    &here,
                    "person.html",
                    meta,
                    vec![("person", value(&views.person_full(slug)))],
                )
            }
            Job::Search => {
                let meta = Meta {
                    title: title(i18n::text(lang, "search")),
                    ..Meta::site(site)
                };
                self.page(
                    &here,
                    "search.html",
                    meta,
                    vec![("index_url", views.url("search/index.json").into())],
                )
            }
            Job::SearchIndex => Ok(Output::Bytes(search::index(site))),
            Job::Page(i) => {
                let p = &site.pages[*i];
                let meta = Meta {
                    title: title(&p.title),
                    description: p
                        .description
                        .clone()
                        .unwrap_or_else(|| site.config.description.clone()),
                    ..Meta::site(site)
                };
                let page = json!({
                    "title": p.title, "description": p.description, "body": p.body_html, "slug": p.slug,
                });
                self.page(&here, "page.html", meta, vec![("page", value(&page))])
            }
            Job::NotFound => {
                let meta = Meta {
                    title: title(i18n::text(lang, "not_found")),
                    ..Meta::site(site)
                };
                self.page(
                    &Here {
                        path: "404.html",
                        ..here
                    },
                    "404.html",
                    meta,
                    Vec::new(),
                )
            }
            Job::Api(file) => Ok(Output::Bytes(api::render(site, *file))),
            Job::Feed(scope, format) => Ok(Output::Bytes(feeds::render(site, scope, *format))),
            Job::Sitemap(entries) => Ok(Output::Bytes(sitemap::urlset(entries).into_bytes())),
            Job::SitemapIndex { parts } => Ok(Output::Bytes(
                sitemap::index(site.config.base_url.as_str(), *parts).into_bytes(),
            )),
            Job::Robots => Ok(Output::Bytes(sitemap::robots(&site.config).into_bytes())),
            Job::SyntaxCss => Ok(Output::Bytes(
                highlight::stylesheet(&site.config.highlight_theme).into_bytes(),
            )),
            Job::Copy(path) => Ok(Output::CopyFrom(path.clone())),
            Job::Embedded(bytes) => Ok(Output::Bytes(bytes.to_vec())),
        }
    }
}

/// A JSON view as a template value.
fn value(v: &impl serde::Serialize) -> tera::Value {
    tera::Value::from_serializable(v)
}

/// The page being rendered: its site (language), folder, and the same page in
/// other languages.
#[derive(Clone, Copy)]
struct Here<'a> {
    site: &'a Site,
    cache: &'a ViewCache,
    path: &'a str,
    alternates: &'a [(String, String)],
}

/// What the `<head>` of a page says about it.
struct Meta {
    title: String,
    description: String,
    /// The OpenGraph type: website, article or profile.
    kind: &'static str,
    /// The feed of this page, linked as `rel="alternate"`.
    feed: Option<FeedScope>,
    jsonld: Option<Value>,
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

/// The filters and functions every template can use (see the README's theme contract).
fn register_helpers(tera: &mut Tera, config: &Config) {
    tera.register_filter("money", money_filter);
    tera.register_filter("date", date_filter);
    let base_path = config.base_path().to_string();
    let base_url = config.base_url.clone();
    // `{{ url(path="companies/meta/") }}` -> `/briefs/companies/meta/`; with `abs=true` the full URL.
    tera.register_function(
        "url",
        move |kwargs: tera::Kwargs, _: &tera::State| -> tera::TeraResult<String> {
            let path: String = kwargs.must_get::<String>("path")?;
            let path = path.trim_start_matches('/');
            let absolute = kwargs.get::<bool>("abs")?.unwrap_or(false);
            Ok(if absolute {
                format!("{base_url}{path}")
            } else {
                format!("{base_path}{path}")
            })
        },
    );
}

/// `{{ "2025-06-10" | date }}` or `{{ briefing.date | date(lang="en") }}`: a day as
/// readers of the page's language write it (`2025년 6월 10일`, `June 10, 2025`).
fn date_filter(
    value: &tera::Value,
    kwargs: tera::Kwargs,
    state: &tera::State,
) -> tera::TeraResult<String> {
    let text = value
        .as_str()
        .or_else(|| value.get_from_path("ymd").and_then(|v| v.as_str()))
        .ok_or_else(|| tera::Error::message("date: expects \"YYYY-MM-DD\" or a date value"))?;
    let day: jiff::civil::Date = text
        .get(..10)
        .unwrap_or(text)
        .parse()
        .map_err(|_| tera::Error::message(format!("date: `{text}` is not YYYY-MM-DD")))?;
    let lang = match kwargs.get::<String>("lang")? {
        Some(lang) => lang,
        None => state.get::<String>("lang")?.unwrap_or_else(|| "en".into()),
    };
    Ok(i18n::format_date(day, &lang))
}

/// `{{ deal.amount | money }}`: an amount in the page's language (`100억 달러`,
/// `$10B`), or in `lang="en"` / `lang="ko"`.
fn money_filter(
    value: &tera::Value,
    kwargs: tera::Kwargs,
    state: &tera::State,
) -> tera::TeraResult<String> {
    use crate::model::money::{Bound, format_amount};
    use std::str::FromStr;
    fn field<'a>(value: &'a tera::Value, name: &'a str) -> Option<&'a tera::Value> {
        value.get_from_path(name)
    }
    let amount = field(value, "value")
        .and_then(|v| {
            v.as_str()
                .map(str::to_string)
                .or_else(|| v.as_f64().map(|f| f.to_string()))
        })
        .and_then(|v| rust_decimal::Decimal::from_str(&v).ok())
        .ok_or_else(|| {
            tera::Error::message("money: expects a money value with `value` and `currency`")
        })?;
    let currency = field(value, "currency")
        .and_then(|v| v.as_str())
        .ok_or_else(|| tera::Error::message("money: the value has no `currency`"))?;
    let approx = field(value, "approx")
        .and_then(|v| v.as_bool())
        .unwrap_or(false);
    let bound = match field(value, "bound").and_then(|v| v.as_str()) {
        Some("up_to") => Some(Bound::UpTo),
        Some("at_least") => Some(Bound::AtLeast),
        _ => None,
    };
    let lang = match kwargs.get::<String>("lang")? {
        Some(lang) => lang,
        None => state.get::<String>("lang")?.unwrap_or_else(|| "en".into()),
    };
    Ok(format_amount(amount, currency, approx, bound, &lang))
}

/// A Tera error as a diagnostic naming the template file and line.
fn template_error(files: &BTreeMap<String, (String, String)>, e: &tera::Error) -> Diagnostic {
    match e.kind() {
        ErrorKind::SyntaxError(report) | ErrorKind::RenderingError(report) => {
            let (path, text) = files
                .get(report.filename())
                .map_or((report.filename(), ""), |(p, t)| (p.as_str(), t.as_str()));
            let span = report.span();
            Diagnostic::error(
                path,
                text,
                span.start_line,
                span.start_col + 1,
                report.message().to_string(),
            )
        }
        _ => Diagnostic::file_error("templates", format!("template error: {e}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render(template: &str, value: serde_json::Value, lang: &str) -> String {
        let mut tera = Tera::new();
        let config = crate::config::parse_strict(
            "site.toml",
            "title = \"T\"\nbase_url = \"https://x.github.io/briefs/\"\n",
        )
        .unwrap();
        register_helpers(&mut tera, &config);
        tera.add_raw_template("t", template).unwrap();
        let mut ctx = Context::new();
        ctx.insert("m", &value);
        ctx.insert("lang", lang);
        tera.render("t", &ctx).unwrap()
    }

    #[test]
    fn money_filter_formats_for_the_page_language() {
        let m = json!({"value": "10000000000", "currency": "USD", "approx": false, "bound": null});
        assert_eq!(render("{{ m | money }}", m.clone(), "ko"), "100억 달러");
        assert_eq!(render("{{ m | money }}", m.clone(), "en"), "$10B");
        assert_eq!(render("{{ m | money(lang=\"en\") }}", m, "ko"), "$10B");
        let krw =
            json!({"value": "13000000000000", "currency": "KRW", "approx": true, "bound": null});
        assert_eq!(render("{{ m | money }}", krw.clone(), "ko"), "약 13조 원");
        assert_eq!(render("{{ m | money }}", krw, "en"), "~₩13T");
        let up =
            json!({"value": "4000000000", "currency": "USD", "approx": false, "bound": "up_to"});
        assert_eq!(
            render("{{ m | money }}", up.clone(), "ko"),
            "최대 40억 달러"
        );
        assert_eq!(render("{{ m | money }}", up, "en"), "up to $4B");
    }

    #[test]
    fn date_filter_and_url_function() {
        assert_eq!(
            render("{{ m | date }}", json!("2025-06-10"), "ko"),
            "2025년 6월 10일"
        );
        assert_eq!(
            render(
                "{{ m | date(lang=\"en\") }}",
                json!({"ymd": "2025-06-10"}),
                "ko"
            ),
            "June 10, 2025"
        );
        assert_eq!(
            render("{{ url(path=\"companies/meta/\") }}", json!(null), "ko"),
            "/briefs/companies/meta/"
        );
        assert_eq!(
            render("{{ url(path=\"/atom.xml\", abs=true) }}", json!(null), "ko"),
            "https://x.github.io/briefs/atom.xml"
        );
    }
}

//! The render stage: each planned job to bytes. Templates are loaded once into
//! one Tera instance; the site's `templates/` override the theme's files.

pub(crate) mod api;
pub(crate) mod charts;
mod compact;
pub(crate) mod csv_api;
pub(crate) mod excerpt;
pub(crate) mod feeds;
mod flat;
pub(crate) mod i18n;
pub(crate) mod investors;
pub(crate) mod jsonld;
pub(crate) mod pages;
pub(crate) mod search;
pub(crate) mod sitemap;
pub mod views;

use crate::config::Config;
use crate::diagnostics::Diagnostic;
use crate::highlight;
use crate::index::Site;
use crate::load::{SourceFile, Sources};
use crate::plan::{Job, PlannedJob};
use crate::theme;
use pages::{Here, Page};
use std::collections::BTreeMap;
use std::path::PathBuf;
use tera::{ErrorKind, Tera};
use views::ViewCache;

/// What a job produces.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Output {
    Bytes(Vec<u8>),
    CopyFrom(PathBuf),
}

pub struct Renderer {
    tera: Tera,
    /// Whether the theme has a briefing card partial to render once per briefing.
    has_card: bool,
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
        // A theme of its own without digest templates still has a digest:
        // the built-in ones stand in (the site's `templates/` still win).
        for (name, text) in theme::templates() {
            if name.starts_with("digest.") && !files.contains_key(*name) {
                files.insert(
                    name.to_string(),
                    (
                        format!("themes/default/templates/{name} (built in)"),
                        text.to_string(),
                    ),
                );
            }
        }
        let mut tera = Tera::new();
        // HTML-escape what `{{ }}` prints in `.html` and `.xml` templates only
        // (Tera's choice is by the end of the template's name): the digest's
        // `.txt` and `.md` templates print text as it is, `.md` through `escape_md`.
        tera.autoescape_on([".html", ".htm", ".xml"]);
        register_helpers(&mut tera, config);
        tera.add_raw_templates(
            files
                .iter()
                .map(|(name, (_, text))| (name.as_str(), text.as_str())),
        )
        .map_err(|e| vec![template_error(&files, &e)])?;
        let has_card = files.contains_key(CARD);
        Ok(Renderer {
            tera,
            has_card,
            files,
        })
    }

    /// Renders one job, with its page in other languages (`job.alternates`)
    /// and where the language switch leads where there is none (`job.fallbacks`).
    pub fn render(
        &self,
        site: &Site,
        cache: &ViewCache,
        job: &PlannedJob,
    ) -> Result<Output, Diagnostic> {
        let here = Here {
            site,
            cache,
            path: job.path.strip_suffix("index.html").unwrap_or(&job.path),
            alternates: &job.alternates,
            fallbacks: &job.fallbacks,
            cards: self.has_card.then_some(self as &dyn views::Cards),
        };
        match &job.job {
            Job::Home { page } => self.page(pages::home(here, *page)),
            Job::Briefing(i) => self.page(pages::briefing(here, *i)),
            Job::Companies { page } => self.page(pages::companies(here, *page)),
            Job::Company { id, page } => self.page(pages::company(here, id, *page)),
            Job::CompanyDeals { id, page } => self.page(pages::company_deals(here, id, *page)),
            Job::CompanyQuotes { id, page } => self.page(pages::company_quotes(here, id, *page)),
            Job::Deals { page } => self.page(pages::deals(here, *page)),
            Job::Deal { index, page } => self.page(pages::deal(here, *index, *page)),
            Job::Tags { page } => self.page(pages::tags(here, *page)),
            Job::Tag { slug, page } => self.page(pages::tag(here, slug, *page)),
            Job::People { page } => self.page(pages::people(here, *page)),
            Job::Person { slug, page } => self.page(pages::person(here, slug, *page)),
            Job::Search => self.page(pages::search(here)),
            Job::Investors => self.page(investors::page(here)),
            Job::Corrections { page } => self.page(pages::corrections(here, *page)),
            Job::Archive => self.page(pages::archive(here)),
            Job::ArchiveYear { year, page } => self.page(pages::archive_year(here, *year, *page)),
            Job::Page(i) => self.page(pages::page(here, *i)),
            Job::NotFound => self.page(pages::not_found(here)),
            Job::SearchIndex(file) => Ok(Output::Bytes(search::file(site, cache, *file))),
            Job::Api(file) => Ok(Output::Bytes(api::render(site, *file))),
            Job::Feed(scope, format) => {
                Ok(Output::Bytes(feeds::render(site, cache, scope, *format)))
            }
            Job::Sitemap(entries) => Ok(Output::Bytes(sitemap::urlset(entries).into_bytes())),
            Job::SitemapIndex { parts } => Ok(Output::Bytes(
                sitemap::index(&site.config.base_url, *parts).into_bytes(),
            )),
            Job::Robots => Ok(Output::Bytes(sitemap::robots(&site.config).into_bytes())),
            Job::SyntaxCss => Ok(Output::Bytes(
                highlight::stylesheet(&site.config.highlight_theme).into_bytes(),
            )),
            Job::Copy(path) => Ok(Output::CopyFrom(path.clone())),
            Job::Embedded(bytes) => Ok(Output::Bytes(bytes.to_vec())),
        }
    }

    /// Template `name` with `context`: what `digest` renders, outside the plan.
    pub fn render_template(
        &self,
        name: &str,
        context: &tera::Context,
    ) -> Result<String, Diagnostic> {
        self.tera
            .render(name, context)
            .map_err(|e| template_error(&self.files, &e))
    }

    /// An HTML page through its template.
    fn page<V: serde::Serialize>(&self, page: Page<V>) -> Result<Output, Diagnostic> {
        // Most pages print 20–60 KB before compaction: room for them at
        // once, rather than growing (and copying) the buffer on the way.
        let mut html = Vec::with_capacity(64 * 1024);
        self.tera
            .render_to(page.template, &page.context(), &mut html)
            .map_err(|e| template_error(&self.files, &e))?;
        Ok(Output::Bytes(compact::compact(&html)))
    }
}

/// The partial that draws a briefing in lists.
const CARD: &str = "partials/briefing_item.html";

impl views::Cards for Renderer {
    fn card(&self, site: &Site, cache: &ViewCache, item: &tera::Value) -> Option<String> {
        let context = pages::card_context(site, cache, item);
        self.tera.render(CARD, &context).ok()
    }
}

/// The filters and functions every template can use (see the README's theme contract).
fn register_helpers(tera: &mut Tera, config: &Config) {
    tera.register_filter("safe", safe_filter);
    tera.register_filter("money", money_filter);
    tera.register_filter("date", date_filter);
    tera.register_filter("count", count_filter);
    tera.register_filter("escape_md", escape_md_filter);
    let base_url = config.base_url.clone();
    // `{{ url(path="companies/meta/") }}` -> `/briefs/companies/meta/`; with `abs=true` the full URL.
    tera.register_function(
        "url",
        move |kwargs: tera::Kwargs, _: &tera::State| -> tera::TeraResult<String> {
            let path: String = kwargs.must_get::<String>("path")?;
            let absolute = kwargs.get::<bool>("abs")?.unwrap_or(false);
            Ok(if absolute {
                base_url.join(&path)
            } else {
                base_url.link(&path)
            })
        },
    );
}

/// Tera's own `safe` copies the string it marks (a body is ~10 KB, on every
/// briefing page and card); marking keeps the shared text. Anything that is
/// not a string is written out and marked, as Tera's does.
fn safe_filter(value: tera::Value, _: tera::Kwargs, _: &tera::State) -> tera::Value {
    if value.as_str().is_some() {
        value.mark_safe()
    } else {
        tera::Value::safe_string(&value.to_string())
    }
}

/// `{{ c.deal_count | count(key="deal") }}`: a number of things as readers of
/// the page's language (or `lang="…"`) write it: `1 deal`, `3 deals`, `딜 3건`.
fn count_filter(
    value: &tera::Value,
    kwargs: tera::Kwargs,
    state: &tera::State,
) -> tera::TeraResult<String> {
    let n = value
        .as_u64()
        .ok_or_else(|| tera::Error::message("count: expects a whole number of at least 0"))?;
    let key: String = kwargs.must_get::<String>("key")?;
    let lang = match kwargs.get::<String>("lang")? {
        Some(lang) => lang,
        None => state.get::<String>("lang")?.unwrap_or_else(|| "en".into()),
    };
    i18n::count(&lang, &key, n).ok_or_else(|| {
        tera::Error::message(format!(
            "count: unknown key `{key}` (briefing, deal, quote, correction, undisclosed)"
        ))
    })
}

/// `{{ b.title | escape_md }}`: text as Markdown shows it, literally: one line,
/// every character Markdown could read as markup backslash-escaped.
fn escape_md_filter(
    value: &tera::Value,
    _: tera::Kwargs,
    _: &tera::State,
) -> tera::TeraResult<String> {
    let text = value
        .as_str()
        .ok_or_else(|| tera::Error::message("escape_md: expects a string"))?;
    Ok(escape_markdown(text))
}

/// `text` on one line with Markdown's punctuation escaped (CommonMark: any
/// ASCII punctuation may be backslash-escaped), so a title with `*`, `[`,
/// `<` or `#` reads as written in any Markdown renderer.
pub(crate) fn escape_markdown(text: &str) -> String {
    let line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut out = String::with_capacity(line.len() + 8);
    for (i, c) in line.char_indices() {
        let at_start = i == 0;
        let escape = matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '&' | '|' | '~' | '!' | '#'
        ) || (at_start && matches!(c, '-' | '+' | '='))
            // `1. ` or `1) ` at the start would begin a list.
            || (matches!(c, '.' | ')') && line[..i].bytes().all(|b| b.is_ascii_digit()) && i > 0);
        if escape {
            out.push('\\');
        }
        out.push(c);
    }
    out
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
/// `$10B`), or in `lang="en"` / `lang="ko"`. It reads `value` (the digits as a
/// string, as the views give it, or a number), `currency`, `approx` and `bound`,
/// so it takes a stated amount, a total, or a map a template made.
fn money_filter(
    value: &tera::Value,
    kwargs: tera::Kwargs,
    state: &tera::State,
) -> tera::TeraResult<String> {
    use crate::model::money::{Bound, format_amount};
    let amount = value
        .get_from_path("value")
        .and_then(decimal_of)
        .ok_or_else(|| {
            tera::Error::message("money: expects a money value with `value` and `currency`")
        })?;
    let currency = value
        .get_from_path("currency")
        .and_then(|v| v.as_str())
        .ok_or_else(|| tera::Error::message("money: the value has no `currency`"))?;
    let approx = value
        .get_from_path("approx")
        .and_then(|v| v.as_bool())
        .unwrap_or(false);
    let bound = match value.get_from_path("bound").and_then(|v| v.as_str()) {
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

/// An amount as a template holds it: its digits in a string, or a number
/// (an integer exactly).
fn decimal_of(v: &tera::Value) -> Option<rust_decimal::Decimal> {
    use rust_decimal::Decimal;
    use std::str::FromStr;
    if let Some(text) = v.as_str() {
        return Decimal::from_str(text).ok();
    }
    match v.as_number()? {
        tera::Number::Integer(i) => Decimal::try_from_i128_with_scale(i, 0).ok(),
        n => Decimal::from_str(&n.as_float().to_string()).ok(),
    }
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
    use serde_json::json;
    use tera::Context;

    fn render(template: &str, value: impl serde::Serialize, lang: &str) -> String {
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
    fn safe_marks_what_teras_own_safe_marks() {
        let long = "<b>A & B</b> 가나다라마바사아자차카타파하 long enough to be shared";
        let cases = [
            ("{{ m | safe }}", json!(long)),
            ("{{ m | safe }}", json!("<i>")),
            ("{{ m | safe | upper }}", json!("<i>x</i>")),
            ("{{ m | upper | safe }}", json!("<i>x</i>")),
            ("{{ m | safe | truncate(length=3) }}", json!(long)),
            ("{{ m }}", json!(long)),
            ("{{ m | safe }}", json!(42)),
            ("{{ m | safe }}", json!(null)),
            ("{{ m | safe }}", json!([1, "<a>"])),
            ("{{ m | safe }}", json!({"a": "<b>"})),
        ];
        for (template, value) in cases {
            let mut teras = Tera::new();
            teras.add_raw_template("t", template).unwrap();
            let mut ctx = Context::new();
            ctx.insert("m", &value);
            let expected = teras.render("t", &ctx).unwrap();
            assert_eq!(
                render(template, &value, "ko"),
                expected,
                "{template} with {value}"
            );
        }
        assert_eq!(render("{{ m | safe }}", long, "ko"), long);
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
        assert_eq!(render("{{ m | money }}", krw, "en"), "about ₩13T");
        let up =
            json!({"value": "4000000000", "currency": "USD", "approx": false, "bound": "up_to"});
        assert_eq!(
            render("{{ m | money }}", up.clone(), "ko"),
            "최대 40억 달러"
        );
        assert_eq!(render("{{ m | money }}", up, "en"), "up to $4B");
    }

    #[test]
    fn money_filter_reads_money_views_and_numbers() {
        use rust_decimal::Decimal;
        use views::{DecimalNumber, MoneyKind, MoneyView};
        let stated = MoneyView {
            value: Decimal::from(4_000_000_000u64),
            currency: "USD",
            approx: false,
            bound: Some("up_to"),
            display: Some(DecimalNumber(Decimal::from(4_000_000_000u64))),
            kind: MoneyKind::Stated {
                text: "up to $4B",
                formatted: "최대 40억 달러".into(),
                converted: None,
                equivalent: None,
            },
        };
        assert_eq!(render("{{ m | money }}", &stated, "ko"), "최대 40억 달러");
        assert_eq!(render("{{ m.value }}", &stated, "ko"), "4000000000");
        let total = MoneyView {
            value: Decimal::from(13_000_000_000_000u64),
            currency: "KRW",
            approx: true,
            bound: None,
            display: None,
            kind: MoneyKind::Total {
                compact: "about ₩13T".into(),
                exact: None,
            },
        };
        assert_eq!(render("{{ m | money }}", &total, "ko"), "약 13조 원");
        assert_eq!(render("{{ m.compact }}", &total, "ko"), "about ₩13T");
        // A map a template made may give the value as a number.
        let number = json!({"value": 10_000_000_000u64, "currency": "USD"});
        assert_eq!(render("{{ m | money }}", number, "en"), "$10B");
        let float = json!({"value": 2.5, "currency": "USD"});
        assert_eq!(render("{{ m | money }}", float, "en"), "$2.5");
    }

    #[test]
    fn markdown_escaping_keeps_text_literal() {
        assert_eq!(escape_markdown("plain 한국어 text"), "plain 한국어 text");
        assert_eq!(
            escape_markdown("*bold* [x](y) <b> & `c` #1 a_b"),
            "\\*bold\\* \\[x\\](y) \\<b\\> \\& \\`c\\` \\#1 a\\_b"
        );
        assert_eq!(escape_markdown("- not a list"), "\\- not a list");
        assert_eq!(escape_markdown("2025. a year"), "2025\\. a year");
        assert_eq!(escape_markdown("version 2.0 is out"), "version 2.0 is out");
        assert_eq!(escape_markdown("two\nlines  here"), "two lines here");
        assert_eq!(render("{{ m | escape_md }}", json!("a*b"), "ko"), "a\\*b");
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

//! The render stage: each planned job to bytes. Templates are loaded once into
//! one Tera instance; the site's `templates/` override the theme's files.

pub mod api;
pub mod i18n;
pub mod views;

use crate::config::Config;
use crate::diagnostics::Diagnostic;
use crate::highlight;
use crate::index::Site;
use crate::load::{SourceFile, Sources};
use crate::plan::{Job, PlannedJob, home_path};
use crate::theme;
use serde_json::{Value, json};
use std::collections::BTreeMap;
use std::path::PathBuf;
use tera::{Context, ErrorKind, Tera};
use views::Views;

/// Escapes text for HTML content and attribute values.
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// What a job produces.
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
        for (name, file) in theme_files
            .into_iter()
            .chain(sources.templates.iter().cloned())
        {
            files.insert(name, (file.rel, file.text));
        }
        let mut tera = Tera::new();
        tera.register_filter("money", money_filter);
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
        template: &str,
        site: &Site,
        path: &str,
        extra: Value,
    ) -> Result<Output, Diagnostic> {
        let views = Views::new(site);
        let config = &site.config;
        let mut ctx = Context::new();
        ctx.insert(
            "config",
            &json!({
                "title": config.title,
                "description": config.description,
                "base_url": config.base_url,
                "base_path": config.base_path(),
                "language": config.language,
                "extra": config.extra,
            }),
        );
        ctx.insert("lang", &config.language);
        ctx.insert("t", &i18n::strings(&config.language));
        ctx.insert("root", config.base_path());
        ctx.insert("current_path", &views.url(path));
        ctx.insert("permalink", &views.permalink(path));
        if let Value::Object(map) = extra {
            for (k, v) in map {
                ctx.insert(k, &v);
            }
        }
        self.tera
            .render(template, &ctx)
            .map(|html| Output::Bytes(html.into_bytes()))
            .map_err(|e| template_error(&self.files, &e))
    }

    /// Renders one job.
    pub fn render(&self, site: &Site, job: &PlannedJob) -> Result<Output, Diagnostic> {
        let views = Views::new(site);
        let dir = job.path.strip_suffix("index.html").unwrap_or(&job.path);
        match &job.job {
            Job::Home { page } => {
                let per = site.config.paginate_by;
                let total = site.briefings.len().div_ceil(per).max(1);
                let items: Vec<Value> = (0..site.briefings.len())
                    .skip((page - 1) * per)
                    .take(per)
                    .map(|i| views.briefing_summary(i))
                    .collect();
                let paginator = json!({
                    "current": page,
                    "total": total,
                    "newer": (*page > 1).then(|| views.url(&home_path(page - 1))),
                    "older": (*page < total).then(|| views.url(&home_path(page + 1))),
                });
                self.page(
                    "index.html",
                    site,
                    dir,
                    json!({ "briefings": items, "paginator": paginator }),
                )
            }
            Job::Briefing(i) => self.page(
                "briefing.html",
                site,
                dir,
                json!({ "briefing": views.briefing_full(*i) }),
            ),
            Job::Companies => {
                let companies: Vec<Value> = site
                    .companies
                    .keys()
                    .map(|id| views.company_summary(id))
                    .collect();
                self.page(
                    "companies.html",
                    site,
                    dir,
                    json!({ "companies": companies }),
                )
            }
            Job::Company(id) => self.page(
                "company.html",
                site,
                dir,
                json!({ "company": views.company_full(id) }),
            ),
            Job::Deals => {
                let deals: Vec<Value> = (0..site.deals.len())
                    .map(|i| views.deal_summary(i))
                    .collect();
                self.page("deals.html", site, dir, json!({ "deals": deals }))
            }
            Job::Deal(i) => self.page(
                "deal.html",
                site,
                dir,
                json!({ "deal": views.deal_full(*i) }),
            ),
            Job::Tags => {
                let tags: Vec<Value> = site
                    .tags
                    .keys()
                    .map(|slug| views.tag_summary(slug))
                    .collect();
                self.page("tags.html", site, dir, json!({ "tags": tags }))
            }
            Job::Tag(slug) => {
                let briefings: Vec<Value> = site.tags[slug]
                    .briefings
                    .iter()
                    .map(|&i| views.briefing_summary(i))
                    .collect();
                self.page(
                    "tag.html",
                    site,
                    dir,
                    json!({ "tag": views.tag_summary(slug), "briefings": briefings }),
                )
            }
            Job::Page(i) => {
                let p = &site.pages[*i];
                self.page("page.html", site, dir, json!({ "page": {
                    "title": p.title, "description": p.description, "body": p.body_html, "slug": p.slug,
                }}))
            }
            Job::NotFound => self.page("404.html", site, "404.html", json!({})),
            Job::Api(file) => {
                let value = api::render(site, *file);
                Ok(Output::Bytes(
                    serde_json::to_vec_pretty(&value).unwrap_or_default(),
                ))
            }
            Job::SyntaxCss => Ok(Output::Bytes(
                highlight::stylesheet(&site.config.highlight_theme).into_bytes(),
            )),
            Job::Copy(path) => Ok(Output::CopyFrom(path.clone())),
            Job::Embedded(bytes) => Ok(Output::Bytes(bytes.to_vec())),
        }
    }
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
        tera.register_filter("money", money_filter);
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
    fn escapes_markup_and_quotes() {
        assert_eq!(
            escape_html("<a href=\"x\">'&'</a>"),
            "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;"
        );
    }
}

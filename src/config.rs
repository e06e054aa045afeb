//! `site.toml`: read once, unknown keys rejected with their line.

use crate::diagnostics::{Diagnostic, line_column};
use crate::model::money::Rates;
use crate::url::SiteUrl;
use jiff::tz::TimeZone;
use rust_decimal::Decimal;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::str::FromStr;
use toml::Spanned;

pub const CONFIG_FILE: &str = "site.toml";

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    title: String,
    base_url: Spanned<String>,
    #[serde(default)]
    description: String,
    language: Option<Spanned<String>>,
    timezone: Option<Spanned<String>>,
    theme: Option<Spanned<String>>,
    output_dir: Option<String>,
    paginate_by: Option<Spanned<i64>>,
    feed_limit: Option<Spanned<i64>>,
    #[serde(default)]
    money: RawMoney,
    #[serde(default)]
    markdown: RawMarkdown,
    #[serde(default)]
    extra: toml::Table,
    /// `[languages.LANG]` tables and `require_translations`.
    #[serde(default)]
    languages: toml::Table,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawMoney {
    display_currency: Option<Spanned<String>>,
    #[serde(default)]
    rates: BTreeMap<String, Spanned<f64>>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawMarkdown {
    highlight_theme: Option<Spanned<String>>,
    smart_punctuation: Option<bool>,
    link_companies: Option<bool>,
    sanitize: Option<bool>,
}

#[derive(Deserialize, Clone, Debug, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct RawLanguage {
    pub title: Option<String>,
    pub description: Option<String>,
}

/// The validated site configuration.
#[derive(Debug, Clone)]
pub struct Config {
    pub title: String,
    /// Always ends with `/`.
    pub base_url: SiteUrl,
    pub description: String,
    pub language: String,
    pub timezone: TimeZone,
    pub theme: String,
    pub output_dir: String,
    pub paginate_by: usize,
    /// Entries per feed.
    pub feed_limit: usize,
    pub rates: Rates,
    pub highlight_theme: String,
    pub smart_punctuation: bool,
    pub link_companies: bool,
    /// Clean raw HTML out of Markdown bodies (ammonia); off by default, since editors embed charts.
    pub sanitize: bool,
    pub extra: toml::Table,
    /// The languages besides `language` (section 10); empty for a monolingual site.
    pub languages: BTreeMap<String, RawLanguage>,
    /// `[languages] require_translations`: `check` warns about a briefing missing one.
    pub require_translations: bool,
    /// The site's default language and base URL, when this config is a language's view.
    pub default_language: String,
    pub default_base_url: SiteUrl,
}

pub const LANGUAGES: &[&str] = &["ko", "en"];
pub const DEFAULT_HIGHLIGHT_THEME: &str = "InspiredGitHub";

impl Config {
    /// The path part of base_url, `/` or `/briefs/`: every internal link starts with it.
    pub fn base_path(&self) -> &str {
        self.base_url.path()
    }

    pub fn markdown_options(&self) -> crate::markdown::MarkdownOptions {
        crate::markdown::MarkdownOptions {
            smart_punctuation: self.smart_punctuation,
            sanitize: self.sanitize,
        }
    }

    /// Replaces base_url, as `--base-url` does for preview deploys.
    pub fn set_base_url(&mut self, url: &str) -> Result<(), String> {
        self.base_url = SiteUrl::parse(url)?;
        self.default_base_url = self.base_url.clone();
        Ok(())
    }

    pub fn is_multilingual(&self) -> bool {
        !self.languages.is_empty()
    }

    /// Every language of the site, the default first.
    pub fn all_languages(&self) -> Vec<String> {
        std::iter::once(self.default_language.clone())
            .chain(self.languages.keys().cloned())
            .collect()
    }

    /// Where a language's pages live: base_url, or base_url + `LANG/` for the others.
    pub fn language_url(&self, lang: &str) -> SiteUrl {
        if lang == self.default_language || !self.languages.contains_key(lang) {
            self.default_base_url.clone()
        } else {
            self.default_base_url.under(lang)
        }
    }

    /// The config a language's pages are rendered with: its title, description,
    /// UI language and base URL.
    pub fn for_language(&self, lang: &str) -> Config {
        let mut c = self.clone();
        if let Some(l) = self.languages.get(lang) {
            if let Some(title) = &l.title {
                c.title = title.clone();
            }
            if let Some(description) = &l.description {
                c.description = description.clone();
            }
        }
        c.language = lang.to_string();
        c.base_url = self.language_url(lang);
        c
    }
}

/// The path of an absolute URL: `https://x.github.io/briefs/a/` -> `/briefs/a/`.
pub fn path_of(url: &str) -> &str {
    let after_scheme = url.find("://").map_or(0, |i| i + 3);
    match url[after_scheme..].find('/') {
        Some(i) => &url[after_scheme + i..],
        None => "/",
    }
}

/// Parses `site.toml`; `path` is how errors name it. A bad value still yields a
/// config (with the default in its place) so the rest of the site is checked too.
/// `theme_exists` says whether a theme folder of that name is there.
pub fn parse(
    path: &str,
    text: &str,
    theme_exists: &dyn Fn(&str) -> bool,
) -> Result<(Config, Vec<Diagnostic>), Vec<Diagnostic>> {
    let at = |offset: usize, message: String| {
        let (line, column) = line_column(text, offset);
        Diagnostic::error(path, text, line, column, message)
    };
    let raw: RawConfig = toml::from_str(text).map_err(|e| {
        let offset = e.span().map_or(0, |s| s.start);
        let message = e.message().trim().to_string();
        let mut d = at(offset, message.clone());
        if let Some(hint) = crate::front_matter::unknown_field_hint(&message) {
            d = d.with_help(hint);
        }
        vec![d]
    })?;
    let mut errors = Vec::new();

    let base_url = SiteUrl::parse(raw.base_url.get_ref()).unwrap_or_else(|e| {
        errors.push(at(raw.base_url.span().start, e));
        SiteUrl::parse("https://example.invalid/").expect("a valid URL")
    });
    let language = match &raw.language {
        Some(lang) if !LANGUAGES.contains(&lang.get_ref().as_str()) => {
            errors.push(at(
                lang.span().start,
                format!(
                    "language `{}` is not supported; use \"ko\" or \"en\"",
                    lang.get_ref()
                ),
            ));
            "en".to_string()
        }
        Some(lang) => lang.get_ref().clone(),
        None => "en".to_string(),
    };
    let timezone = match &raw.timezone {
        Some(name) => TimeZone::get(name.get_ref()).unwrap_or_else(|_| {
            errors.push(at(
                name.span().start,
                format!(
                    "`{}` is not an IANA time zone name (such as \"Asia/Seoul\" or \"UTC\")",
                    name.get_ref()
                ),
            ));
            TimeZone::UTC
        }),
        None => TimeZone::UTC,
    };
    let paginate_by = match &raw.paginate_by {
        Some(n) if *n.get_ref() < 1 => {
            errors.push(at(n.span().start, "paginate_by must be at least 1".into()));
            20
        }
        Some(n) => *n.get_ref() as usize,
        None => 20,
    };
    let feed_limit = match &raw.feed_limit {
        Some(n) if *n.get_ref() < 1 => {
            errors.push(at(n.span().start, "feed_limit must be at least 1".into()));
            20
        }
        Some(n) => *n.get_ref() as usize,
        None => 20,
    };
    let display_currency = match &raw.money.display_currency {
        Some(code) => {
            let value = code.get_ref().to_uppercase();
            if value.len() != 3 || !value.chars().all(|c| c.is_ascii_uppercase()) {
                errors.push(at(
                    code.span().start,
                    format!(
                        "display_currency `{}` is not an ISO 4217 code such as \"USD\"",
                        code.get_ref()
                    ),
                ));
            }
            value
        }
        None => "USD".to_string(),
    };
    let mut rates = BTreeMap::new();
    for (code, rate) in &raw.money.rates {
        let upper = code.to_uppercase();
        match Decimal::from_str(&rate.get_ref().to_string()) {
            Ok(r) if r > Decimal::ZERO && upper.len() == 3 => {
                rates.insert(upper, r);
            }
            _ => errors.push(at(
                rate.span().start,
                format!("rate for `{code}` must be a positive number keyed by an ISO 4217 code"),
            )),
        }
    }
    let highlight_theme = match &raw.markdown.highlight_theme {
        Some(name) => {
            if !crate::highlight::theme_exists(name.get_ref()) {
                errors.push(at(
                    name.span().start,
                    format!(
                        "highlight_theme `{}` is not a known syntect theme; choose one of: {}",
                        name.get_ref(),
                        crate::highlight::theme_names().join(", ")
                    ),
                ));
            }
            name.get_ref().clone()
        }
        None => DEFAULT_HIGHLIGHT_THEME.to_string(),
    };
    let theme = match &raw.theme {
        Some(name) if !theme_exists(name.get_ref()) => {
            errors.push(
                at(
                    name.span().start,
                    format!(
                        "theme `{}` not found: there is no themes/{}/templates/ folder",
                        name.get_ref(),
                        name.get_ref()
                    ),
                )
                .with_help("use theme = \"default\" for the built-in theme"),
            );
            "default".to_string()
        }
        Some(name) => name.get_ref().clone(),
        None => "default".to_string(),
    };
    let mut languages = BTreeMap::new();
    let mut require_translations = false;
    for (key, value) in &raw.languages {
        let offset = text
            .find(&format!("[languages.{key}]"))
            .or_else(|| text.find(key.as_str()))
            .unwrap_or(0);
        if key == "require_translations" {
            match value.as_bool() {
                Some(b) => require_translations = b,
                None => errors.push(at(
                    offset,
                    "require_translations must be true or false".into(),
                )),
            }
        } else if !LANGUAGES.contains(&key.as_str()) {
            errors.push(at(
                offset,
                format!("language `{key}` is not supported; use \"ko\" or \"en\""),
            ));
        } else {
            match value.clone().try_into::<RawLanguage>() {
                Ok(l) if *key != language => {
                    languages.insert(key.clone(), l);
                }
                Ok(_) => {}
                Err(e) => errors.push(at(
                    offset,
                    format!("[languages.{key}]: {}", e.message().trim()),
                )),
            }
        }
    }
    let config = Config {
        title: raw.title,
        base_url: base_url.clone(),
        description: raw.description,
        language: language.clone(),
        timezone,
        theme,
        output_dir: raw.output_dir.unwrap_or_else(|| "public".to_string()),
        paginate_by,
        feed_limit,
        rates: Rates {
            display_currency,
            rates,
        },
        highlight_theme,
        smart_punctuation: raw.markdown.smart_punctuation.unwrap_or(true),
        link_companies: raw.markdown.link_companies.unwrap_or(true),
        sanitize: raw.markdown.sanitize.unwrap_or(false),
        extra: raw.extra,
        languages,
        require_translations,
        default_language: language.clone(),
        default_base_url: base_url.clone(),
    };
    Ok((config, errors))
}

/// Parses `site.toml`, failing on any problem.
pub fn parse_strict(path: &str, text: &str) -> Result<Config, Vec<Diagnostic>> {
    match parse(path, text, &|name| name == "default")? {
        (config, errors) if errors.is_empty() => Ok(config),
        (_, errors) => Err(errors),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MINIMAL: &str = "title = \"T\"\nbase_url = \"https://x.github.io/briefs\"\n";

    #[test]
    fn minimal_config_gets_defaults() {
        let c = parse_strict("site.toml", MINIMAL).unwrap();
        assert_eq!(c.base_url.as_str(), "https://x.github.io/briefs/");
        assert_eq!(c.base_path(), "/briefs/");
        assert_eq!(c.language, "en");
        assert_eq!(c.paginate_by, 20);
        assert_eq!(c.rates.display_currency, "USD");
        assert_eq!(c.output_dir, "public");
    }

    #[test]
    fn unknown_key_names_its_line() {
        let text = format!("{MINIMAL}paginate = 5\n");
        let errors = parse_strict("site.toml", &text).unwrap_err();
        assert_eq!(errors[0].line, 3);
        assert!(
            errors[0].message.contains("unknown field `paginate`"),
            "{}",
            errors[0].message
        );
    }

    #[test]
    fn every_bad_value_is_reported() {
        let text = format!(
            "{MINIMAL}language = \"fr\"\ntimezone = \"Mars/Olympus\"\n[markdown]\nhighlight_theme = \"Nope\"\n"
        );
        let errors = parse_strict("site.toml", &text).unwrap_err();
        let lines: Vec<usize> = errors.iter().map(|e| e.line).collect();
        assert_eq!(lines, vec![3, 4, 6]);
    }

    #[test]
    fn rates_are_exact_decimals() {
        let text =
            format!("{MINIMAL}[money]\ndisplay_currency = \"USD\"\n[money.rates]\nKRW = 0.00073\n");
        let c = parse_strict("site.toml", &text).unwrap();
        assert_eq!(c.rates.rates["KRW"].to_string(), "0.00073");
    }
}

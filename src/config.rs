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
    feeds: RawFeeds,
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
    /// Read as TOML values, not `f64`: a float's digits are taken from the
    /// text itself (`exact_rate`), since an `f64` keeps only about 16 of them.
    #[serde(default)]
    rates: BTreeMap<String, Spanned<toml::Value>>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawMarkdown {
    highlight_theme: Option<Spanned<String>>,
    smart_punctuation: Option<bool>,
    link_companies: Option<bool>,
    sanitize: Option<bool>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawFeeds {
    limit: Option<Spanned<i64>>,
    entity_content: Option<Spanned<String>>,
    formats: Option<Spanned<Vec<Spanned<String>>>>,
}

#[derive(Deserialize, Clone, Debug, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct RawLanguage {
    pub title: Option<String>,
    pub description: Option<String>,
    /// The currency this language's pages show converted figures and totals in.
    pub display_currency: Option<String>,
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
    /// `[feeds]`: how many entries, what entity feeds carry, which files exist.
    pub feeds: Feeds,
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
    /// `[languages.LANG] display_currency`, the default language's too.
    pub language_currencies: BTreeMap<String, String>,
    /// The site's default language and base URL, when this config is a language's view.
    pub default_language: String,
    pub default_base_url: SiteUrl,
}

/// A feed file format; `[feeds] formats` says which exist.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FeedFormat {
    Atom,
    Json,
}

impl FeedFormat {
    pub fn file_name(self) -> &'static str {
        match self {
            FeedFormat::Atom => "atom.xml",
            FeedFormat::Json => "feed.json",
        }
    }
}

/// What the feeds of companies, deals, tags and people carry of each briefing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EntityContent {
    /// The summary only (the default): such a feed stays small.
    Summary,
    /// The whole body, as the site feed always has.
    Full,
}

/// `[feeds]`, site-wide (every language's feeds alike).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Feeds {
    /// Entries per feed, newest first: the site's, each entity's, the corrections'.
    pub limit: usize,
    pub entity_content: EntityContent,
    /// The formats written, in the order given; never empty.
    pub formats: Vec<FeedFormat>,
}

impl Default for Feeds {
    fn default() -> Self {
        Feeds {
            limit: 20,
            entity_content: EntityContent::Summary,
            formats: vec![FeedFormat::Atom, FeedFormat::Json],
        }
    }
}

impl Feeds {
    pub fn has(&self, format: FeedFormat) -> bool {
        self.formats.contains(&format)
    }
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

    /// The currency pages in `lang` show converted figures and totals in: its
    /// `[languages.LANG] display_currency`, else the site's.
    pub fn display_currency_for(&self, lang: &str) -> &str {
        self.language_currencies
            .get(lang)
            .unwrap_or(&self.rates.display_currency)
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
    // Every unknown key at once: the typed read below stops at the first.
    let unknown = unknown_keys(path, text);
    if !unknown.is_empty() {
        return Err(unknown);
    }
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
        Some(name) => crate::model::date::time_zone(name.get_ref()).unwrap_or_else(|_| {
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
    let feeds = feeds(&raw, &mut errors, &at);
    let display_currency = match &raw.money.display_currency {
        Some(code) => {
            let value = code.get_ref().to_uppercase();
            // Three letters are not enough: the API's `currency` is an ISO 4217 code.
            if !crate::model::money::is_known_currency(&value) {
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
        let span = rate.span();
        // As in data/rates.csv: a real currency, never the display one.
        if upper == display_currency {
            errors.push(at(
                rate.span().start,
                format!("{upper} is the display currency: its rate is always 1"),
            ));
            continue;
        }
        match exact_rate(rate.get_ref(), &text[span.start..span.end]) {
            Some(r) if r > Decimal::ZERO && crate::model::money::is_known_currency(&upper) => {
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
    let mut language_currencies = BTreeMap::new();
    let mut require_translations = false;
    for (key, value) in &raw.languages {
        let offset = offset_in(text, &["languages", key], Spot::Key).unwrap_or(0);
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
                Ok(mut l) => {
                    if let Some(code) = &l.display_currency {
                        let upper = code.to_uppercase();
                        if crate::model::money::is_known_currency(&upper) {
                            language_currencies.insert(key.clone(), upper.clone());
                            l.display_currency = Some(upper);
                        } else {
                            let value = ["languages", key, "display_currency"];
                            errors.push(at(
                                offset_in(text, &value, Spot::Value).unwrap_or(offset),
                                format!(
                                    "[languages.{key}] display_currency `{code}` is not an ISO 4217 code such as \"KRW\""
                                ),
                            ));
                        }
                    }
                    if *key != language {
                        languages.insert(key.clone(), l);
                    }
                }
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
        feeds,
        rates: Rates {
            display_currency,
            rates,
            // `data/rates.csv`, read by the parse stage.
            dated: BTreeMap::new(),
        },
        highlight_theme,
        smart_punctuation: raw.markdown.smart_punctuation.unwrap_or(true),
        link_companies: raw.markdown.link_companies.unwrap_or(true),
        sanitize: raw.markdown.sanitize.unwrap_or(false),
        extra: raw.extra,
        languages,
        require_translations,
        language_currencies,
        default_language: language.clone(),
        default_base_url: base_url.clone(),
    };
    Ok((config, errors))
}

/// A rate exactly as written: an integer as it is, a float from its literal
/// (`1_380.5`, `1.08e0`, `+0.1`); anything else, `nan` or `inf` is `None`.
fn exact_rate(value: &toml::Value, literal: &str) -> Option<Decimal> {
    match value {
        toml::Value::Integer(n) => Some(Decimal::from(*n)),
        toml::Value::Float(_) => {
            let digits: String = literal.chars().filter(|&c| c != '_').collect();
            let digits = digits.strip_prefix('+').unwrap_or(&digits);
            if digits.contains(['e', 'E']) {
                Decimal::from_scientific(digits).ok()
            } else {
                Decimal::from_str(digits).ok()
            }
        }
        _ => None,
    }
    .map(|r| r.normalize())
}

/// `[feeds]`, each bad value an error at the value. `feed_limit` at the top
/// is the older spelling of `[feeds] limit`, still read.
fn feeds(
    raw: &RawConfig,
    errors: &mut Vec<Diagnostic>,
    at: &dyn Fn(usize, String) -> Diagnostic,
) -> Feeds {
    let mut feeds = Feeds::default();
    let limit = match (&raw.feeds.limit, &raw.feed_limit) {
        (Some(limit), Some(old)) => {
            errors.push(
                at(
                    old.span().start,
                    "feed_limit and [feeds] limit are both set".into(),
                )
                .with_help("remove feed_limit: [feeds] limit replaces it"),
            );
            Some((limit, "[feeds] limit"))
        }
        (Some(limit), None) => Some((limit, "[feeds] limit")),
        (None, Some(old)) => Some((old, "feed_limit")),
        (None, None) => None,
    };
    match limit {
        Some((n, name)) if *n.get_ref() < 1 => errors.push(at(
            n.span().start,
            format!("{name} must be at least 1, not {}", n.get_ref()),
        )),
        Some((n, _)) => feeds.limit = usize::try_from(*n.get_ref()).unwrap_or(usize::MAX),
        None => {}
    }
    if let Some(value) = &raw.feeds.entity_content {
        match value.get_ref().as_str() {
            "summary" => feeds.entity_content = EntityContent::Summary,
            "full" => feeds.entity_content = EntityContent::Full,
            other => errors.push(at(
                value.span().start,
                format!("entity_content `{other}` is not one of \"summary\" or \"full\""),
            )),
        }
    }
    if let Some(list) = &raw.feeds.formats {
        if list.get_ref().is_empty() {
            errors.push(
                at(
                    list.span().start,
                    "formats is empty: a site needs at least one feed format".into(),
                )
                .with_help("use [\"atom\"], [\"json\"] or [\"atom\", \"json\"]"),
            );
        }
        let mut formats = Vec::new();
        for value in list.get_ref() {
            let format = match value.get_ref().as_str() {
                "atom" => FeedFormat::Atom,
                "json" => FeedFormat::Json,
                other => {
                    errors.push(at(
                        value.span().start,
                        format!("feed format `{other}` is not one of \"atom\" or \"json\""),
                    ));
                    continue;
                }
            };
            if formats.contains(&format) {
                errors.push(at(
                    value.span().start,
                    format!("feed format `{}` is listed twice", value.get_ref()),
                ));
            } else {
                formats.push(format);
            }
        }
        if !formats.is_empty() {
            feeds.formats = formats;
        }
    }
    feeds
}

/// The keys of each table of site.toml, in the order of the structs' fields
/// (a test keeps them in step with what serde accepts).
const CONFIG_KEYS: &[&str] = &[
    "title",
    "base_url",
    "description",
    "language",
    "timezone",
    "theme",
    "output_dir",
    "paginate_by",
    "feed_limit",
    "money",
    "markdown",
    "feeds",
    "extra",
    "languages",
];
const MONEY_KEYS: &[&str] = &["display_currency", "rates"];
const MARKDOWN_KEYS: &[&str] = &[
    "highlight_theme",
    "smart_punctuation",
    "link_companies",
    "sanitize",
];
const FEEDS_KEYS: &[&str] = &["limit", "entity_content", "formats"];
const LANGUAGE_KEYS: &[&str] = &["title", "description", "display_currency"];

/// Serde's words for an unknown field, so that every one reads alike.
fn unknown_field_message(field: &str, expected: &[&str]) -> String {
    let quoted: Vec<String> = expected.iter().map(|k| format!("`{k}`")).collect();
    match quoted.as_slice() {
        [] => format!("unknown field `{field}`, there are no fields"),
        [one] => format!("unknown field `{field}`, expected {one}"),
        [a, b] => format!("unknown field `{field}`, expected {a} or {b}"),
        all => format!(
            "unknown field `{field}`, expected one of {}",
            all.join(", ")
        ),
    }
}

/// Every key of site.toml that is not a setting, each at its own line with the
/// closest setting as a hint. Empty when the text is not TOML: the typed read
/// reports that.
/// Which end of a `key = value` an error points at.
#[derive(Clone, Copy)]
enum Spot {
    Key,
    Value,
}

/// Where the key at `path` (tables by name, then the key) or its value
/// starts in the text: the typed read of a free table such as `[languages]`
/// keeps no positions.
fn offset_in(text: &str, path: &[&str], spot: Spot) -> Option<usize> {
    use toml::de::{DeTable, DeValue};
    let doc = DeTable::parse(text).ok()?;
    let (last, tables) = path.split_last()?;
    let mut table = doc.get_ref();
    for name in tables {
        table = table.iter().find_map(|(k, v)| match v.get_ref() {
            DeValue::Table(t) if k.get_ref() == name => Some(t),
            _ => None,
        })?;
    }
    let (key, value) = table.iter().find(|(k, _)| k.get_ref() == last)?;
    Some(match spot {
        Spot::Key => key.span().start,
        Spot::Value => value.span().start,
    })
}

fn unknown_keys(path: &str, text: &str) -> Vec<Diagnostic> {
    use toml::de::{DeTable, DeValue};
    let Ok(doc) = DeTable::parse(text) else {
        return Vec::new();
    };
    let mut errors = Vec::new();
    let mut check = |table: &DeTable, keys: &[&str]| {
        for (key, _) in table.iter() {
            let name: &str = key.get_ref();
            if keys.contains(&name) {
                continue;
            }
            let (line, column) = line_column(text, key.span().start);
            let mut d =
                Diagnostic::error(path, text, line, column, unknown_field_message(name, keys));
            if let Some(close) = crate::diagnostics::closest(name, keys.iter().copied()) {
                d = d.with_help(format!("did you mean `{close}`?"));
            }
            errors.push(d);
        }
    };
    fn table_of<'a, 'i>(table: &'a DeTable<'i>, name: &str) -> Option<&'a DeTable<'i>> {
        table.iter().find_map(|(k, v)| match v.get_ref() {
            DeValue::Table(t) if k.get_ref() == name => Some(t),
            _ => None,
        })
    }
    let top = doc.get_ref();
    check(top, CONFIG_KEYS);
    if let Some(money) = table_of(top, "money") {
        check(money, MONEY_KEYS);
    }
    if let Some(markdown) = table_of(top, "markdown") {
        check(markdown, MARKDOWN_KEYS);
    }
    if let Some(feeds) = table_of(top, "feeds") {
        check(feeds, FEEDS_KEYS);
    }
    if let Some(languages) = table_of(top, "languages") {
        for (_, value) in languages.iter() {
            if let DeValue::Table(language) = value.get_ref() {
                check(language, LANGUAGE_KEYS);
            }
        }
    }
    errors.sort_by_key(|d| (d.line, d.column));
    errors
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
    fn every_unknown_key_is_reported_at_once() {
        let text = format!(
            "titel = \"x\"\n{MINIMAL}paginate = 5\n[markdown]\nsmart_punct = true\n[money]\nrate = 1\n[languages.ko]\ntitle = \"K\"\ndescrption = \"d\"\n"
        );
        let errors = parse_strict("site.toml", &text).unwrap_err();
        let found: Vec<(usize, &str, Option<&str>)> = errors
            .iter()
            .map(|e| {
                (
                    e.line,
                    e.message.split(',').next().unwrap(),
                    e.help.as_deref(),
                )
            })
            .collect();
        assert_eq!(
            found,
            [
                (1, "unknown field `titel`", Some("did you mean `title`?")),
                (4, "unknown field `paginate`", None),
                (6, "unknown field `smart_punct`", None),
                (8, "unknown field `rate`", Some("did you mean `rates`?")),
                (
                    11,
                    "unknown field `descrption`",
                    Some("did you mean `description`?")
                ),
            ]
        );
    }

    #[test]
    fn the_key_lists_are_those_serde_accepts() {
        // Serde's own message for an unknown key names every field of the struct.
        let serde_message = |toml_text: &str| {
            let e = toml::from_str::<RawConfig>(toml_text).err().unwrap();
            e.message().trim().to_string()
        };
        let base = "title = \"T\"\nbase_url = \"https://x.org/\"\n";
        assert_eq!(
            serde_message(&format!("{base}zz = 1\n")),
            unknown_field_message("zz", CONFIG_KEYS)
        );
        assert_eq!(
            serde_message(&format!("{base}[money]\nzz = 1\n")),
            unknown_field_message("zz", MONEY_KEYS)
        );
        assert_eq!(
            serde_message(&format!("{base}[markdown]\nzz = 1\n")),
            unknown_field_message("zz", MARKDOWN_KEYS)
        );
        assert_eq!(
            serde_message(&format!("{base}[feeds]\nzz = 1\n")),
            unknown_field_message("zz", FEEDS_KEYS)
        );
        let language: toml::Table = toml::from_str("zz = 1\n").unwrap();
        let e = toml::Value::Table(language)
            .try_into::<RawLanguage>()
            .err()
            .unwrap();
        assert_eq!(
            e.message().trim(),
            unknown_field_message("zz", LANGUAGE_KEYS)
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

    #[test]
    fn rate_keys_are_currencies_other_than_the_display_one() {
        let text = format!("{MINIMAL}[money.rates]\n\"K1$\" = 3\nUSD = 2\nEUR = 1.08\n");
        let errors = parse_strict("site.toml", &text).unwrap_err();
        let shown: Vec<String> = errors.iter().map(|d| d.message.clone()).collect();
        assert_eq!(
            shown,
            [
                "rate for `K1$` must be a positive number keyed by an ISO 4217 code",
                "USD is the display currency: its rate is always 1",
            ],
        );
    }

    #[test]
    fn rates_keep_every_digit_as_written() {
        // An f64 keeps about 16 digits: 1380.123456789012346 would come back
        // as 1380.123456789012.
        let text = format!(
            "{MINIMAL}[money.rates]\nEUR = 1380.123456789012346\nKRW = 0.000_73\nJPY = 6.5e-3\nGBP = 1\nCNY = +0.10\n"
        );
        let rates = parse_strict("site.toml", &text).unwrap().rates.rates;
        let shown: Vec<(&str, String)> = rates
            .iter()
            .map(|(code, r)| (code.as_str(), r.to_string()))
            .collect();
        assert_eq!(
            shown,
            [
                ("CNY", "0.1".to_string()),
                ("EUR", "1380.123456789012346".to_string()),
                ("GBP", "1".to_string()),
                ("JPY", "0.0065".to_string()),
                ("KRW", "0.00073".to_string()),
            ]
        );
    }

    #[test]
    fn a_rate_that_is_not_a_number_is_an_error_at_the_value() {
        let text = format!("{MINIMAL}[money.rates]\nEUR = \"1.08\"\nKRW = nan\n");
        let errors = parse_strict("site.toml", &text).unwrap_err();
        let at: Vec<(usize, usize, &str)> = errors
            .iter()
            .map(|e| (e.line, e.column, e.message.as_str()))
            .collect();
        let message = |code: &str| {
            format!("rate for `{code}` must be a positive number keyed by an ISO 4217 code")
        };
        assert_eq!(
            at,
            [
                (4, 7, message("EUR").as_str()),
                (5, 7, message("KRW").as_str())
            ]
        );
    }

    #[test]
    fn feeds_default_to_twenty_summaries_in_both_formats() {
        let c = parse_strict("site.toml", MINIMAL).unwrap();
        assert_eq!(c.feeds, Feeds::default());
        assert_eq!(c.feeds.limit, 20);
        assert_eq!(c.feeds.entity_content, EntityContent::Summary);
        assert_eq!(c.feeds.formats, [FeedFormat::Atom, FeedFormat::Json]);
    }

    #[test]
    fn feeds_table_is_read() {
        let text = format!(
            "{MINIMAL}[feeds]\nlimit = 3\nentity_content = \"full\"\nformats = [\"json\"]\n"
        );
        let c = parse_strict("site.toml", &text).unwrap();
        assert_eq!(
            c.feeds,
            Feeds {
                limit: 3,
                entity_content: EntityContent::Full,
                formats: vec![FeedFormat::Json],
            }
        );
        assert!(c.feeds.has(FeedFormat::Json) && !c.feeds.has(FeedFormat::Atom));
        // The older top-level spelling still sets the limit.
        let old = parse_strict("site.toml", &format!("{MINIMAL}feed_limit = 2\n")).unwrap();
        assert_eq!(old.feeds.limit, 2);
    }

    #[test]
    fn unknown_feeds_key_names_its_line() {
        let text = format!("{MINIMAL}[feeds]\nlimit = 3\nformat = [\"atom\"]\n");
        let errors = parse_strict("site.toml", &text).unwrap_err();
        assert_eq!(errors.len(), 1);
        assert_eq!((errors[0].line, errors[0].column), (5, 1));
        assert!(errors[0].message.starts_with("unknown field `format`"));
        assert_eq!(errors[0].help.as_deref(), Some("did you mean `formats`?"));
    }

    #[test]
    fn every_bad_feeds_value_is_an_error_at_the_value() {
        let at = |toml: &str| -> Vec<(usize, usize, String)> {
            parse_strict("site.toml", &format!("{MINIMAL}[feeds]\n{toml}"))
                .unwrap_err()
                .into_iter()
                .map(|e| (e.line, e.column, e.message))
                .collect()
        };
        assert_eq!(
            at("limit = 0\n"),
            [(4, 9, "[feeds] limit must be at least 1, not 0".to_string())]
        );
        assert_eq!(at("limit = -5\n")[0].0..=at("limit = -5\n")[0].1, 4..=9);
        assert_eq!(
            at("entity_content = \"excerpt\"\n"),
            [(
                4,
                18,
                "entity_content `excerpt` is not one of \"summary\" or \"full\"".to_string()
            )]
        );
        assert_eq!(
            at("formats = [\"atom\", \"rss\"]\n"),
            [(
                4,
                20,
                "feed format `rss` is not one of \"atom\" or \"json\"".to_string()
            )]
        );
        assert_eq!(
            at("formats = [\"json\", \"json\"]\n"),
            [(4, 20, "feed format `json` is listed twice".to_string())]
        );
        let empty = at("formats = []\n");
        assert_eq!((empty[0].0, empty[0].1), (4, 11));
        assert!(empty[0].2.starts_with("formats is empty"));
        // A value of the wrong type is TOML's own error, at the value too.
        let typed = at("limit = \"ten\"\n");
        assert_eq!((typed[0].0, typed[0].1), (4, 9));
        // All at once, with the rest of the file.
        let all = at("limit = 0\nentity_content = \"x\"\nformats = [\"rss\"]\n");
        let lines: Vec<usize> = all.iter().map(|e| e.0).collect();
        assert_eq!(lines, [4, 5, 6]);
    }

    #[test]
    fn feed_limit_and_feeds_limit_together_are_an_error() {
        let text = format!("{MINIMAL}feed_limit = 5\n[feeds]\nlimit = 3\n");
        let errors = parse_strict("site.toml", &text).unwrap_err();
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].line, 3);
        assert!(errors[0].message.contains("both set"));
    }
}

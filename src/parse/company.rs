//! Parsing a registry file, `content/companies/ID.md`.

use crate::diagnostics::Diagnostic;
use crate::front_matter::{self, Decoder, Pos};
use crate::load::SourceFile;
use crate::model::Reference;
use crate::model::company::Company;
use crate::model::localized::is_language_code;
use crate::model::slug::slugify;
use std::collections::BTreeMap;

const COMPANY_KEYS: &[&str] = &[
    "name", "names", "aliases", "website", "founded", "hq", "sector", "parent", "founders",
];

/// A registry file, parsed; the body is rendered by the caller.
pub struct ParsedCompany {
    pub company: Company,
    /// Each alias with where it was written, for clash errors.
    pub aliases: Vec<(String, Pos)>,
    pub body: String,
}

/// Parses a registry file, reporting every problem in its front matter.
pub fn parse_company(file: &SourceFile) -> Result<ParsedCompany, Vec<Diagnostic>> {
    let split = front_matter::split(file).map_err(|d| vec![d])?;
    let tree = front_matter::parse_tree(file, &split).map_err(|d| vec![d])?;
    let stem = file
        .rel
        .rsplit('/')
        .next()
        .and_then(|n| n.strip_suffix(".md"))
        .unwrap_or_default();
    let id = slugify(stem);
    if id.is_empty() {
        return Err(vec![Diagnostic::file_error(
            &file.rel,
            "the file name gives an empty company ID; name it after the company, such as `scale-ai.md`",
        )]);
    }
    let mut dec = Decoder::new(file);
    let Some(fm) = dec.map(&tree, COMPANY_KEYS) else {
        return Err(dec.into_errors());
    };
    let name = dec.optional_text(&fm, "name").map(|t| t.value);
    let mut names = BTreeMap::new();
    for (lang, value) in fm.get("names").map_or(&[][..], |n| dec.entries(n)) {
        let (Some(lang), Some(value)) = (dec.text(lang), dec.text(value)) else {
            continue;
        };
        // As in any map by language: `EN` or `korean` would name no page's language.
        if !is_language_code(&lang.value) {
            dec.error(
                lang.pos,
                format!(
                    "`{}` is not a language code; write the name by language, such as `{{ko: 메타, en: Meta}}`",
                    lang.value
                ),
            );
            continue;
        }
        names.insert(lang.value, value.value);
    }
    let aliases: Vec<(String, Pos)> = dec
        .texts(&fm, "aliases")
        .into_iter()
        .map(|a| (a.value.trim().to_string(), a.pos))
        .collect();
    let website = dec.optional_text(&fm, "website");
    if let Some(w) = &website
        && let Err(e) = crate::model::check_web_url(&w.value)
    {
        dec.error(w.pos, e);
    }
    // `founded: 2016` or `founded: "2016-03"`.
    let founded = dec.optional_text(&fm, "founded").map(|t| t.value);
    let hq = dec.optional_localized(&fm, "hq");
    let sector = dec.optional_localized(&fm, "sector");
    let parent = dec.optional_text(&fm, "parent");
    if let Some(p) = &parent
        && let Some(message) = crate::model::empty_slug("company reference", &p.value)
    {
        dec.error(p.pos, message);
    }
    let parent = parent.map(Reference::from_text);
    // A founder's name may be written per language: `{ko: 이재성, en: Jae Lee}`.
    let founders = dec
        .list(&fm, "founders")
        .iter()
        .filter_map(|n| dec.localized(n))
        .collect();
    let errors = dec.into_errors();
    if !errors.is_empty() {
        return Err(errors);
    }
    let company = Company {
        name: name
            .map(|n| n.trim().to_string())
            .filter(|n| !n.is_empty())
            .unwrap_or_else(|| stem.to_string()),
        id,
        names,
        aliases: aliases.iter().map(|(a, _)| a.clone()).collect(),
        website: website.map(|w| w.value),
        founded,
        hq,
        sector,
        parent,
        founders,
        description_html: String::new(),
        descriptions: BTreeMap::new(),
        registered: true,
        source: Some(file.rel.clone()),
    };
    Ok(ParsedCompany {
        company,
        aliases,
        body: split.body.to_string(),
    })
}

/// `content/companies/ID.LANG.md`: the company's description (the body) and
/// optionally its name in LANG.
pub struct CompanyTranslation {
    pub id: String,
    pub name: Option<String>,
    pub body: String,
}

/// Parses a company's translation file; `stem` is the file stem without `.LANG`.
pub fn parse_company_translation(
    file: &SourceFile,
    stem: &str,
) -> Result<CompanyTranslation, Vec<Diagnostic>> {
    let split = front_matter::split(file).map_err(|d| vec![d])?;
    let mut name = None;
    if !split.yaml.trim().is_empty() {
        let tree = front_matter::parse_tree(file, &split).map_err(|d| vec![d])?;
        let mut dec = Decoder::new(file);
        if let Some(fm) = dec.map(&tree, &["name"]) {
            name = dec
                .optional_text(&fm, "name")
                .map(|t| t.value.trim().to_string())
                .filter(|n| !n.is_empty());
        }
        let errors = dec.into_errors();
        if !errors.is_empty() {
            return Err(errors);
        }
    }
    Ok(CompanyTranslation {
        id: slugify(stem),
        name,
        body: split.body.to_string(),
    })
}

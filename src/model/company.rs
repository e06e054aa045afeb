//! The company registry: `content/companies/ID.md`, and how references resolve.

use super::Reference;
use super::localized::Localized;
use super::slug::{name_key, slugify};
use crate::diagnostics::Diagnostic;
use crate::diagnostics::Pos;
use std::collections::{BTreeMap, HashMap};

#[derive(Debug, Clone, PartialEq)]
pub struct Company {
    pub id: String,
    pub name: String,
    pub names: BTreeMap<String, String>,
    pub aliases: Vec<String>,
    pub website: Option<String>,
    pub founded: Option<String>,
    pub hq: Option<Localized>,
    pub sector: Option<Localized>,
    pub parent: Option<Reference>,
    pub founders: Vec<Localized>,
    /// The description of `ID.md`, in the site's default language.
    pub description_html: String,
    /// Descriptions by language, from `ID.LANG.md`.
    pub descriptions: BTreeMap<String, String>,
    pub registered: bool,
    /// The registry file, for registered companies.
    pub source: Option<String>,
}

impl Company {
    /// The description a page in `lang` shows: `ID.LANG.md`'s, else `ID.md`'s.
    pub fn description(&self, lang: &str) -> &str {
        self.descriptions
            .get(lang)
            .unwrap_or(&self.description_html)
    }

    /// A company created from a reference nobody registered.
    pub fn unregistered(id: String, name: String) -> Company {
        Company {
            id,
            name,
            names: BTreeMap::new(),
            aliases: Vec::new(),
            website: None,
            founded: None,
            hq: None,
            sector: None,
            parent: None,
            founders: Vec::new(),
            description_html: String::new(),
            descriptions: BTreeMap::new(),
            registered: false,
            source: None,
        }
    }
}

/// The registered company whose name key is close to `key`: a few edits
/// away, or the start of it (`scaleaiinc` for `scaleai`), or it the start of
/// a registered one; the longest such name wins.
fn near<'c>(key: &str, names: &[(String, &'c Company)]) -> Option<&'c Company> {
    if let Some(best) = crate::diagnostics::closest(key, names.iter().map(|(k, _)| k.as_str())) {
        return names.iter().find(|(k, _)| k == best).map(|(_, c)| *c);
    }
    // Two Hangul syllables (`메타`) say as much as three Latin letters.
    let long_enough = |k: &str| {
        let n = k.chars().count();
        n >= 3 || (n == 2 && !k.is_ascii())
    };
    names
        .iter()
        .filter(|(k, _)| {
            long_enough(k)
                && long_enough(key)
                && (key.starts_with(k.as_str()) || k.starts_with(key))
        })
        .max_by_key(|(k, _)| k.len())
        .map(|(_, c)| *c)
}

/// Latin letters written by their Korean names, read back as letters:
/// `에이아이` -> `ai`, `엘지` -> `lg`. Only runs that spell two letters or more
/// are read, so ordinary words keep their syllables.
fn latin_spelled_out(key: &str) -> String {
    const LETTERS: &[(&str, char)] = &[
        ("더블유", 'w'),
        ("에이치", 'h'),
        ("에이", 'a'),
        ("에프", 'f'),
        ("에스", 's'),
        ("아이", 'i'),
        ("제이", 'j'),
        ("케이", 'k'),
        ("브이", 'v'),
        ("엑스", 'x'),
        ("와이", 'y'),
        ("제트", 'z'),
        ("지", 'g'),
        ("비", 'b'),
        ("씨", 'c'),
        ("디", 'd'),
        ("엘", 'l'),
        ("엠", 'm'),
        ("엔", 'n'),
        ("오", 'o'),
        ("피", 'p'),
        ("큐", 'q'),
        ("알", 'r'),
        ("티", 't'),
        ("유", 'u'),
        ("이", 'e'),
    ];
    let letter_at = |rest: &str| {
        LETTERS
            .iter()
            .find(|(name, _)| rest.starts_with(name))
            .map(|&(name, c)| (name.len(), c))
    };
    let mut out = String::new();
    let mut rest = key;
    while !rest.is_empty() {
        // A run of letter names: read only when two or more follow each other.
        let mut run = Vec::new();
        let mut at = rest;
        while let Some((len, c)) = letter_at(at) {
            run.push(c);
            at = &at[len..];
        }
        if run.len() >= 2 {
            out.extend(run);
            rest = at;
        } else {
            let c = rest.chars().next().expect("not empty");
            out.push(c);
            rest = &rest[c.len_utf8()..];
        }
    }
    out
}

/// What a reference resolves to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resolved {
    Registered(String),
    /// Nobody registered it: its ID is the slug of the reference.
    Unregistered {
        id: String,
        name: String,
    },
}

impl Resolved {
    pub fn id(&self) -> &str {
        match self {
            Resolved::Registered(id) | Resolved::Unregistered { id, .. } => id,
        }
    }
}

/// Looks references up: a registry ID first, then a name or alias compared
/// case-insensitively without whitespace.
#[derive(Debug, Default, Clone)]
pub struct Registry {
    pub companies: BTreeMap<String, Company>,
    by_key: HashMap<String, String>,
}

impl Registry {
    /// Builds the registry; two companies claiming one name or alias are an error naming both files.
    pub fn new(
        entries: Vec<(Company, Vec<(String, Pos)>)>,
        texts: &crate::texts::Texts,
    ) -> (Registry, Vec<Diagnostic>) {
        let mut registry = Registry::default();
        let mut errors = Vec::new();
        let mut claims: HashMap<String, (String, String)> = HashMap::new();
        for (company, alias_positions) in entries {
            let source = company.source.clone().unwrap_or_default();
            let mut names: Vec<(String, Option<Pos>)> = vec![(company.name.clone(), None)];
            names.extend(company.names.values().map(|n| (n.clone(), None)));
            names.extend(alias_positions.into_iter().map(|(a, p)| (a, Some(p))));
            for (name, pos) in names {
                let key = name_key(&name);
                if key.is_empty() {
                    continue;
                }
                match claims.get(&key) {
                    Some((other_id, other_source)) if *other_id != company.id => {
                        let pos = pos.unwrap_or(Pos { line: 1, column: 1 });
                        let text = texts.get(&source);
                        let text = &*text;
                        errors.push(Diagnostic::error(
                            &source,
                            text,
                            pos.line,
                            pos.column,
                            format!("`{name}` is claimed by two companies: {source} and {other_source}"),
                        ).with_help("keep the alias in one registry file"));
                    }
                    Some(_) => {}
                    None => {
                        claims.insert(key.clone(), (company.id.clone(), source.clone()));
                        registry.by_key.insert(key, company.id.clone());
                    }
                }
            }
            registry.companies.insert(company.id.clone(), company);
        }
        (registry, errors)
    }

    pub fn resolve(&self, reference: &str) -> Resolved {
        let reference = reference.trim();
        if self.companies.contains_key(reference) {
            return Resolved::Registered(reference.to_string());
        }
        if let Some(id) = self.by_key.get(&name_key(reference)) {
            return Resolved::Registered(id.clone());
        }
        let slug = slugify(reference);
        if self.companies.contains_key(&slug) {
            return Resolved::Registered(slug);
        }
        Resolved::Unregistered {
            id: slug,
            name: reference.to_string(),
        }
    }

    /// The registered name closest to an unresolved reference, for a hint.
    pub fn closest_name(&self, reference: &str) -> Option<(String, String)> {
        let key = name_key(reference);
        let names: Vec<(String, &Company)> = self
            .companies
            .values()
            .flat_map(|c| {
                std::iter::once(&c.name)
                    .chain(std::iter::once(&c.id))
                    .chain(c.aliases.iter())
                    .chain(c.names.values())
                    .map(move |n| (name_key(n), c))
            })
            .collect();
        // The reference as written, then with Latin letters spelled in
        // Hangul read as letters (`스케일에이아이` is `스케일ai`).
        let spelled = latin_spelled_out(&key);
        let found = [key.as_str(), spelled.as_str()]
            .into_iter()
            .find_map(|key| near(key, &names))?;
        Some((found.name.clone(), found.id.clone()))
    }

    /// Every name and alias of registered companies with its ID, for linking mentions in bodies.
    pub fn link_names(&self) -> Vec<(String, String)> {
        let mut out = Vec::new();
        for company in self.companies.values() {
            out.push((company.name.clone(), company.id.clone()));
            out.extend(
                company
                    .names
                    .values()
                    .map(|n| (n.clone(), company.id.clone())),
            );
            out.extend(
                company
                    .aliases
                    .iter()
                    .map(|a| (a.clone(), company.id.clone())),
            );
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn company(id: &str, name: &str, aliases: &[&str]) -> (Company, Vec<(String, Pos)>) {
        let mut c = Company::unregistered(id.into(), name.into());
        c.registered = true;
        c.source = Some(format!("content/companies/{id}.md"));
        c.aliases = aliases.iter().map(|a| a.to_string()).collect();
        let pos = aliases
            .iter()
            .map(|a| {
                (
                    a.to_string(),
                    Pos {
                        line: 3,
                        column: 11,
                    },
                )
            })
            .collect();
        (c, pos)
    }

    #[test]
    fn resolves_ids_names_and_aliases_loosely() {
        let (r, errors) = Registry::new(
            vec![
                company("scale-ai", "Scale AI", &["스케일 AI"]),
                company("meta", "Meta", &["메타"]),
            ],
            &crate::texts::Texts::new(),
        );
        assert!(errors.is_empty());
        assert_eq!(
            r.resolve("scale-ai"),
            Resolved::Registered("scale-ai".into())
        );
        assert_eq!(
            r.resolve("스케일AI"),
            Resolved::Registered("scale-ai".into())
        );
        assert_eq!(
            r.resolve("scale ai"),
            Resolved::Registered("scale-ai".into())
        );
        assert_eq!(r.resolve("메타"), Resolved::Registered("meta".into()));
        assert_eq!(
            r.resolve("Twelve Labs"),
            Resolved::Unregistered {
                id: "twelve-labs".into(),
                name: "Twelve Labs".into()
            }
        );
    }

    #[test]
    fn near_references_get_the_registered_company_as_a_hint() {
        let (r, _) = Registry::new(
            vec![
                company("scale-ai", "Scale AI", &["스케일 AI"]),
                company("meta", "Meta", &["메타"]),
                company("lg-ai", "LG AI Research", &["엘지AI연구원"]),
            ],
            &crate::texts::Texts::new(),
        );
        let hint = |reference: &str| r.closest_name(reference).map(|(_, id)| id);
        assert_eq!(hint("Scale AI Inc").as_deref(), Some("scale-ai"));
        assert_eq!(hint("스케일에이아이").as_deref(), Some("scale-ai"));
        assert_eq!(hint("Scael AI").as_deref(), Some("scale-ai"));
        assert_eq!(hint("scale").as_deref(), Some("scale-ai"));
        assert_eq!(hint("메타플랫폼스").as_deref(), Some("meta"));
        assert_eq!(hint("LG AI연구원").as_deref(), Some("lg-ai"));
        assert_eq!(hint("Twelve Labs"), None);
        assert_eq!(hint("네이버"), None);
    }

    #[test]
    fn hangul_letter_names_read_as_latin_only_in_runs() {
        assert_eq!(latin_spelled_out("스케일에이아이"), "스케일ai");
        assert_eq!(latin_spelled_out("엘지"), "lg");
        assert_eq!(latin_spelled_out("네이버"), "네이버");
        assert_eq!(latin_spelled_out("오픈에이아이"), "오픈ai");
        assert_eq!(latin_spelled_out("openai"), "openai");
    }

    #[test]
    fn alias_clash_names_both_files() {
        let (_, errors) = Registry::new(
            vec![company("a", "A", &["Same"]), company("b", "B", &["same"])],
            &crate::texts::Texts::new(),
        );
        assert_eq!(errors.len(), 1);
        assert!(errors[0].message.contains("content/companies/a.md"));
        assert!(
            errors[0].message.contains("content/companies/b.md")
                || errors[0].path == "content/companies/b.md"
        );
    }
}

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
                    .chain(c.aliases.iter())
                    .chain(c.names.values())
                    .map(move |n| (name_key(n), c))
            })
            .collect();
        let best = crate::diagnostics::closest(&key, names.iter().map(|(k, _)| k.as_str()))?;
        let (_, company) = names.iter().find(|(k, _)| k == best)?;
        Some((company.name.clone(), company.id.clone()))
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

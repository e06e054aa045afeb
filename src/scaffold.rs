//! `briefly new` and `briefly init`: skeletons an editor fills in. Existing files
//! are never overwritten.

use crate::config::CONFIG_FILE;
use crate::model::slug::slugify;
use crate::{BuildOptions, Failure, load_config};
use std::path::{Path, PathBuf};

/// A YAML double-quoted string (JSON's quoting is valid YAML).
fn quoted(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_else(|_| "\"\"".into())
}

fn write_new(path: &Path, text: &str) -> Result<(), Failure> {
    if path.exists() {
        return Err(Failure::Environment(format!(
            "{} already exists; it was left as it is",
            path.display()
        )));
    }
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)
            .map_err(|e| Failure::Environment(format!("cannot create {}: {e}", dir.display())))?;
    }
    // create_new: never replace a file that appeared since the check above.
    use std::io::Write;
    std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .and_then(|mut f| f.write_all(text.as_bytes()))
        .map_err(|e| Failure::Environment(format!("cannot write {}: {e}", path.display())))
}

fn slug_of(text: &str, what: &str) -> Result<String, Failure> {
    let slug = slugify(text);
    if slug.is_empty() {
        return Err(Failure::Environment(format!(
            "the {what} `{text}` has no letters or digits to make a file name from"
        )));
    }
    Ok(slug)
}

/// `content/briefings/DATE-SLUG.md`, dated today in the site's time zone, as a draft.
pub fn new_briefing(root: &Path, title: &str) -> Result<PathBuf, Failure> {
    let (config, _) = load_config(&BuildOptions {
        root: root.to_path_buf(),
        ..Default::default()
    })?;
    let today = jiff::Timestamp::now()
        .to_zoned_datetime(config.timezone.clone())
        .date();
    let slug = slug_of(title, "title")?;
    let path = root
        .join("content/briefings")
        .join(format!("{today}-{slug}.md"));
    let text = format!(
        "---\ntitle: {}\ndate: {today}\nslug: {slug}\ndraft: true\nlang: {}\nsummary: \"\"\ntags: []\ncompanies: []\ndeals: []\n#  - investors: [company]\n#    target: company\n#    type: investment\n#    amount: \"100억달러\"\n#    status: announced\nquotes: []\n#  - speaker: Name\n#    role: Role\n#    company: company\n#    text: \"What they said\"\n# source: {{ name: \"\", url: \"https://\" }}\n---\nWrite the briefing here.\n",
        quoted(title),
        config.language
    );
    write_new(&path, &text)?;
    Ok(path)
}

/// The translation of `original` into `lang`: `NAME.LANG.md` (or `index.LANG.md`)
/// beside it, with the original's front matter and body to translate.
pub fn new_translation(
    root: &Path,
    original: &Path,
    lang: &str,
    title: Option<&str>,
) -> Result<PathBuf, Failure> {
    let (config, _) = load_config(&BuildOptions {
        root: root.to_path_buf(),
        ..Default::default()
    })?;
    if !config.languages.contains_key(lang) {
        let declared = config.all_languages().join(", ");
        return Err(Failure::Environment(format!(
            "`{lang}` is not a translation language of this site ({declared}); declare it as [languages.{lang}] in site.toml"
        )));
    }
    let source = if original.is_absolute() || original.exists() {
        original.to_path_buf()
    } else {
        root.join(original)
    };
    let text = std::fs::read_to_string(&source)
        .map_err(|e| Failure::Environment(format!("cannot read {}: {e}", source.display())))?;
    let stem = source
        .file_stem()
        .map(|s| s.to_string_lossy().to_string())
        .unwrap_or_default();
    let path = source.with_file_name(format!("{stem}.{lang}.md"));
    let mut lines: Vec<String> = Vec::new();
    let mut in_front_matter = false;
    for (n, line) in text.lines().enumerate() {
        if n == 0 && line.trim_end() == "---" {
            in_front_matter = true;
        } else if in_front_matter && line.trim_end() == "---" {
            in_front_matter = false;
        } else if in_front_matter && line.starts_with("lang:") {
            // The file name says the language.
            continue;
        } else if in_front_matter
            && line.starts_with("title:")
            && let Some(title) = title
        {
            lines.push(format!("title: {}", quoted(title)));
            continue;
        }
        lines.push(line.to_string());
    }
    write_new(&path, &(lines.join("\n") + "\n"))?;
    Ok(path)
}

/// `content/companies/ID.md` for a company of the registry.
pub fn new_company(root: &Path, name: &str) -> Result<PathBuf, Failure> {
    load_config(&BuildOptions {
        root: root.to_path_buf(),
        ..Default::default()
    })?;
    let id = slug_of(name, "name")?;
    let path = root.join("content/companies").join(format!("{id}.md"));
    let text = format!(
        "---\nname: {}\naliases: []\n# website: https://\n# founded: 2020\n# hq: City\n# sector: AI\n# parent: company\nfounders: []\n---\nWhat the company does.\n",
        quoted(name)
    );
    write_new(&path, &text)?;
    Ok(path)
}

const SITE_TOML: &str = r#"title = "AI Briefings"
base_url = "https://example.com/"
description = "Who invested how much in whom, and who said what."
language = "en"
timezone = "UTC"

[money]
display_currency = "USD"

[money.rates]
KRW = 0.00073
EUR = 1.08
"#;

/// A new site in `dir` that builds at once with the built-in theme.
pub fn init(dir: &Path) -> Result<(), Failure> {
    if dir.exists() {
        let mut entries = std::fs::read_dir(dir)
            .map_err(|e| Failure::Environment(format!("cannot read {}: {e}", dir.display())))?;
        if entries.next().is_some() {
            return Err(Failure::Environment(format!(
                "{} is not empty; init only fills an empty folder",
                dir.display()
            )));
        }
    }
    let today = jiff::Timestamp::now()
        .to_zoned_datetime(jiff::tz::TimeZone::UTC)
        .date();
    write_new(&dir.join(CONFIG_FILE), SITE_TOML)?;
    write_new(
        &dir.join("content/companies/example-ai.md"),
        "---\nname: Example AI\naliases: [ExampleAI]\nsector: foundation models\n---\nA company to show how the registry works.\n",
    )?;
    write_new(
        &dir.join(format!("content/briefings/{today}-welcome.md")),
        &format!(
            "---\ntitle: \"Welcome to briefly\"\ndate: {today}\ntags: [meta]\ncompanies: [Example AI]\ndeals:\n  - investors: [Example Capital]\n    target: Example AI\n    type: funding-round\n    amount: \"$10M\"\n    status: announced\nquotes:\n  - speaker: A. Founder\n    company: Example AI\n    text: \"We are just getting started.\"\n---\nThis briefing shows the format: front matter for companies, deals and quotes, Markdown below.\n"
        ),
    )?;
    Ok(())
}

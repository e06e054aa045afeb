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

/// `content/companies/ID.md` for a company of the registry: ID is `id` when
/// given (its file name and URL), else the slug of the name. Returns the file
/// and the ID.
pub fn new_company(
    root: &Path,
    name: &str,
    id: Option<&str>,
) -> Result<(PathBuf, String), Failure> {
    let (config, _) = load_config(&BuildOptions {
        root: root.to_path_buf(),
        ..Default::default()
    })?;
    let id = match id {
        Some(id) => {
            let slug = slug_of(id, "ID")?;
            if slug != id {
                return Err(Failure::Environment(format!(
                    "the ID `{id}` would be written `{slug}`: use lower-case letters, digits and `-`, such as --id {slug}"
                )));
            }
            slug
        }
        None => slug_of(name, "name")?,
    };
    let path = root.join("content/companies").join(format!("{id}.md"));
    let text = format!(
        "---\nname: {name}\nnames: {{ {lang}: {name} }}\naliases: []\n# website: https://\n# founded: 2020\n# hq: City\n# sector: {{ ko: 분야, en: sector }}\n# parent: company\nfounders: []\n---\n{body}\n",
        name = quoted(name),
        lang = config.language,
        body = if config.language == "ko" {
            "기업 소개를 여기에 씁니다."
        } else {
            "What the company does."
        },
    );
    write_new(&path, &text)?;
    Ok((path, id))
}

/// The language of a new site: its UI, time zone and sample content.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InitLanguage {
    Ko,
    En,
}

const SITE_TOML_EN: &str = r#"title = "AI Briefings"
base_url = "https://example.com/"
description = "Who invested how much in whom, and who said what."
language = "en"
timezone = "UTC"
paginate_by = 20

[money]
display_currency = "USD"

[money.rates]                # display_currency units per unit
KRW = 0.00073
EUR = 1.08

[markdown]
smart_punctuation = true
link_companies = true
"#;

const SITE_TOML_KO: &str = r#"title = "AI 브리핑"
base_url = "https://example.com/"
description = "누가 누구에게 얼마를 투자했는지, 누가 무슨 말을 했는지 짧게 정리합니다."
language = "ko"
timezone = "Asia/Seoul"
paginate_by = 20

[money]
display_currency = "USD"     # 합계와 환산 금액의 통화

[money.rates]                # 1 단위가 display_currency로 얼마인지
KRW = 0.00073
EUR = 1.08

[markdown]
smart_punctuation = true
link_companies = true
"#;

/// A new site in `dir` that builds at once with the built-in theme, and
/// whose sample passes `check --strict`.
pub fn init(dir: &Path, lang: InitLanguage) -> Result<(), Failure> {
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
    let zone = match lang {
        InitLanguage::Ko => {
            crate::model::date::time_zone("Asia/Seoul").unwrap_or(jiff::tz::TimeZone::UTC)
        }
        InitLanguage::En => jiff::tz::TimeZone::UTC,
    };
    let today = jiff::Timestamp::now().to_zoned_datetime(zone).date();
    let (config, files) = match lang {
        InitLanguage::Ko => (SITE_TOML_KO, sample_ko(&today.to_string())),
        InitLanguage::En => (SITE_TOML_EN, sample_en(&today.to_string())),
    };
    write_new(&dir.join(CONFIG_FILE), config)?;
    write_new(&dir.join(".gitignore"), GITIGNORE)?;
    for (path, text) in files {
        write_new(&dir.join(path), &text)?;
    }
    Ok(())
}

/// What a new site keeps out of version control: the output and the build cache.
const GITIGNORE: &str = "/public/\n/.briefly-cache/\n";

/// The Korean sample: two registered companies (one named in both
/// languages) and a briefing that uses every kind of front matter.
fn sample_ko(today: &str) -> Vec<(String, String)> {
    vec![
        (
            "content/companies/example-ai.md".into(),
            "---\nname: 예시AI\nnames: { ko: 예시AI, en: Example AI }\naliases: [예시 AI, Example AI]\nfounded: 2024\nhq: { ko: 서울, en: Seoul }\nsector: { ko: 파운데이션 모델, en: foundation models }\n---\n등록부(registry)가 어떻게 쓰이는지 보여 주는 예시 기업.\n".into(),
        ),
        (
            "content/companies/example-capital.md".into(),
            "---\nname: 예시캐피털\nnames: { ko: 예시캐피털, en: Example Capital }\naliases: [Example Capital]\nsector: { ko: 벤처 캐피털, en: venture capital }\n---\n예시 벤처캐피털.\n".into(),
        ),
        (
            format!("content/briefings/{today}-welcome.md"),
            format!(
                "---\ntitle: \"예시AI, 100억 원 투자 유치\"\ndate: {today}\nsummary: \"briefly의 형식을 보여 주는 예시 브리핑입니다. 기업, 딜, 발언을 front matter에 적고 본문은 마크다운으로 씁니다.\"\nsource: {{ name: \"예시 통신\", url: \"https://example.com/news\" }}\ntags: [투자, 예시]\ncompanies: [예시AI, 예시캐피털]\ndeals:\n  - investors: [예시캐피털]\n    target: 예시AI\n    type: funding-round\n    round: series-a\n    amount: \"100억원\"\n    status: announced\n    note: {{ ko: \"예시 딜\", en: \"A sample deal\" }}\nquotes:\n  - speaker: 홍길동\n    role: {{ ko: 예시AI 대표, en: CEO of Example AI }}\n    company: 예시AI\n    text: \"이제 막 시작했습니다.\"\n---\n예시AI가 예시캐피털로부터 100억 원을 투자받았다. 이 파일을 고치거나 `briefly new briefing \"제목\"`으로 새 브리핑을 만들어 보세요.\n"
            ),
        ),
    ]
}

/// The English sample, like the Korean one.
fn sample_en(today: &str) -> Vec<(String, String)> {
    vec![
        (
            "content/companies/example-ai.md".into(),
            "---\nname: Example AI\nnames: { en: Example AI, ko: 예시AI }\naliases: [ExampleAI]\nfounded: 2024\nhq: Seoul\nsector: foundation models\n---\nA company to show how the registry works.\n".into(),
        ),
        (
            "content/companies/example-capital.md".into(),
            "---\nname: Example Capital\naliases: [Example Capital Partners]\nsector: venture capital\n---\nA venture capital firm, for the sample deal.\n".into(),
        ),
        (
            format!("content/briefings/{today}-welcome.md"),
            format!(
                "---\ntitle: \"Example AI raises $10M\"\ndate: {today}\nsummary: \"A sample briefing that shows the format: companies, deals and quotes in front matter, Markdown below.\"\nsource: {{ name: \"Example Wire\", url: \"https://example.com/news\" }}\ntags: [funding, sample]\ncompanies: [Example AI, Example Capital]\ndeals:\n  - investors: [Example Capital]\n    target: Example AI\n    type: funding-round\n    round: series-a\n    amount: \"$10M\"\n    status: announced\nquotes:\n  - speaker: A. Founder\n    role: CEO of Example AI\n    company: Example AI\n    text: \"We are just getting started.\"\n---\nExample AI raised $10 million from Example Capital. Edit this file, or start another with `briefly new briefing \"Title\"`.\n"
            ),
        ),
    ]
}

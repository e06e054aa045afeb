//! A deterministic corpus of AI-industry briefings for build benchmarks.
//!
//!     cargo run --release --example gen_corpus -- --briefings 10000 --out DIR
//!         [--format briefly|hugo] [--seed 42]
//!
//! The same count and seed always give the same site. `briefly` writes a whole
//! briefly site: site.toml, company files (names, Korean aliases, sectors) and
//! briefings with deals in every money form (USD/KRW/EUR/GBP/JPY/CNY, scale
//! words, 만/억/조, approximate, bounds, converted equivalents), valuations,
//! stakes, statuses that change between mentions, quotes, Korean and English
//! tags, mixed Korean/English prose of 600-1,500 words and a code block in
//! one briefing of ten. `hugo` writes the same briefings as a minimal Hugo site
//! (the same templates as the reference Python generator) with companies, deals and
//! tags as taxonomies, so both tools build the equivalent pages.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// SplitMix64: small, fast and the same on every platform.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// In `lo..=hi`.
    fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + (self.next() % (hi - lo + 1) as u64) as usize
    }
    fn chance(&mut self, p: f64) -> bool {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64 <= p
    }
    fn pick<'a, T: ?Sized>(&mut self, items: &'a [&'a T]) -> &'a T {
        items[self.range(0, items.len() - 1)]
    }
    /// Zipf-like: low indices are far more popular, like real companies.
    fn popular(&mut self, n: usize) -> usize {
        let u = (self.next() >> 11) as f64 / (1u64 << 53) as f64;
        (((n + 1) as f64).powf(u) - 1.0).floor() as usize % n
    }
}

const REAL: &[(&str, &str, &str)] = &[
    ("OpenAI", "오픈AI", "AI research"),
    ("Anthropic", "앤트로픽", "AI research"),
    ("Meta", "메타", "Social media"),
    ("Scale AI", "스케일AI", "Data labeling"),
    ("Naver", "네이버", "Internet"),
    ("Naver Ventures", "네이버벤처스", "Venture capital"),
    ("Twelve Labs", "트웰브랩스", "Video AI"),
    ("Microsoft", "마이크로소프트", "Software"),
    ("Nvidia", "엔비디아", "Semiconductors"),
    ("Samsung Electronics", "삼성전자", "Semiconductors"),
    ("SK Hynix", "SK하이닉스", "Semiconductors"),
    ("Kakao", "카카오", "Internet"),
    ("Upstage", "업스테이지", "AI models"),
    ("Rebellions", "리벨리온", "AI chips"),
    ("FuriosaAI", "퓨리오사AI", "AI chips"),
    ("Mistral AI", "미스트랄AI", "AI models"),
    ("Google", "구글", "Internet"),
    ("Amazon", "아마존", "Cloud"),
    ("SoftBank", "소프트뱅크", "Investment"),
    ("Databricks", "데이터브릭스", "Data platforms"),
];
const NAME_A: &[&str] = &[
    "Nova", "Quant", "Hyper", "Deep", "Neur", "Syn", "Aether", "Lumi", "Vox", "Cogn", "Tera",
    "Astra", "Core", "Flux", "Zeta", "Helio", "Orbi", "Kairo", "Mira", "Sol", "Vela", "Onyx",
    "Pixel", "Rune", "Tensor", "Vector", "Gradi", "Lattice", "Prism", "Hana", "Bada", "Maru",
];
const NAME_B: &[&str] = &[
    "ai", "mind", "labs", "scale", "logic", "gen", "tech", "works", "forge", "sense", "wave",
    "stack", "loop", "node", "path", "flow",
];
const NAME_C: &[&str] = &[
    "",
    "",
    " AI",
    " Labs",
    " Robotics",
    " Systems",
    " Cloud",
    " Bio",
];
const KO_SYLLABLES: &[&str] = &[
    "노", "바", "하", "나", "루", "미", "솔", "테", "라", "온", "다",
];
const SECTORS: &[&str] = &[
    "AI models",
    "AI chips",
    "Robotics",
    "Cloud",
    "Data",
    "Healthcare AI",
];
const TAGS: &[&str] = &[
    "투자",
    "인수합병",
    "LLM",
    "파운데이션 모델",
    "반도체",
    "HBM",
    "GPU",
    "데이터센터",
    "korea",
    "policy",
    "규제",
    "open-source",
    "robotics",
    "에이전트",
    "enterprise",
    "클라우드",
    "인재",
    "safety",
    "저작권",
    "energy",
    "소버린 AI",
    "on-device",
    "검색",
    "healthcare",
    "finance",
    "japan",
    "europe",
    "IPO",
    "파트너십",
    "inference",
    "training",
    "데이터 라벨링",
];
const DEAL_TYPES: &[&str] = &[
    "investment",
    "investment",
    "investment",
    "acquisition",
    "partnership",
    "fund-launch",
    "funding-round",
];
const STATUSES: &[&str] = &["rumored", "negotiating", "announced", "closed", "cancelled"];
const KO_NOUNS: &[&str] = &[
    "인공지능",
    "투자",
    "기업",
    "시장",
    "모델",
    "데이터",
    "반도체",
    "계약",
    "규제",
    "정부",
    "스타트업",
    "플랫폼",
    "서비스",
    "매출",
    "고객",
    "인재",
    "연구",
    "개발",
    "전략",
    "경쟁",
    "생태계",
    "인프라",
    "클라우드",
    "메모리",
    "사용자",
    "검색",
    "보안",
    "성능",
    "비용",
    "지분",
    "가치",
    "평가",
    "협상",
    "발표",
    "출시",
    "업계",
    "관계자",
    "투자자",
    "이사회",
    "추론",
    "학습",
];
const KO_PARTICLES: &[&str] = &[
    "은", "는", "이", "가", "을", "를", "의", "에", "에서", "으로", "와", "",
];
const KO_ENDINGS: &[&str] = &[
    "발표했다.",
    "밝혔다.",
    "전망이다.",
    "예정이다.",
    "분석된다.",
    "알려졌다.",
    "설명했다.",
    "강조했다.",
    "추진하고 있다.",
    "검토 중이다.",
];
const EN_WORDS: &[&str] = &[
    "the",
    "company",
    "said",
    "model",
    "training",
    "inference",
    "compute",
    "cluster",
    "revenue",
    "investors",
    "valuation",
    "round",
    "deal",
    "market",
    "growth",
    "enterprise",
    "customers",
    "agents",
    "benchmark",
    "weights",
    "license",
    "regulators",
    "chips",
    "memory",
    "supply",
    "pricing",
    "tokens",
    "latency",
    "startup",
    "acquisition",
    "partnership",
    "strategic",
    "launch",
    "platform",
    "talent",
    "safety",
    "data",
    "cloud",
    "capacity",
    "board",
    "quarter",
    "analysts",
    "expect",
    "sources",
    "with",
    "to",
    "a",
    "of",
    "in",
    "on",
    "for",
    "and",
    "its",
];
const HEADINGS: &[&str] = &[
    "핵심 요약 (Key takeaways)",
    "배경 / Background",
    "시장 영향 — Market impact",
    "Deal terms",
    "업계 반응",
    "What to watch",
    "전망 / Outlook",
    "국내 시사점",
];
const FAMILY: &[&str] = &[
    "Kim", "Lee", "Park", "Choi", "Jung", "Smith", "Chen", "Garcia", "Tanaka", "Patel",
];
const GIVEN: &[&str] = &[
    "Min-jun", "Seo-yeon", "Ji-ho", "Ha-eun", "Sarah", "David", "Priya", "Wei",
];
const ROLES: &[&str] = &[
    "CEO",
    "CFO",
    "대표",
    "창업자",
    "analyst",
    "head of research",
];
const CODE_LANGS: &[&str] = &["python", "rust", "json", "bash", "yaml"];

struct Company {
    id: String,
    name: String,
    alias: String,
    sector: &'static str,
}

struct Deal {
    id: String,
    kind: &'static str,
    investors: Vec<usize>,
    target: usize,
    year: i32,
    /// As most mentions state it; one in five restates another figure.
    amount: Option<String>,
}

/// An amount in one of the written forms of the money grammar, about `usd` dollars.
fn amount(rng: &mut Rng) -> String {
    let billions = rng.pick(&["1", "1.5", "2", "4", "6.6", "10", "14.3", "25", "40"]);
    let millions = rng.pick(&["5", "20", "50", "100", "250", "300", "750"]);
    let eok = rng.pick(&["50", "300", "1,300", "5000"]);
    match rng.range(0, 15) {
        0 => format!("${billions}B"),
        1 => format!("${millions}M"),
        2 => format!("US${billions} billion"),
        3 => format!("{billions}0억 달러").replace(".", ""),
        4 => format!("약 {}조원", rng.range(1, 15)),
        5 => format!("₩{eok}억"),
        6 => format!("{eok}억원"),
        7 => format!("€{millions}M"),
        8 => format!("£{billions}bn"),
        9 => format!("¥{millions}0M"),
        10 => format!("up to ${billions}B"),
        11 => format!("최대 {}억달러", rng.range(1, 99) * 10),
        12 => format!("about ${millions} million"),
        13 => format!("1조 {}천억 원", rng.range(1, 9)),
        14 => format!("{}억 위안", rng.range(1, 90)),
        _ => format!("${billions}B (약 {}조원)", rng.range(1, 60)),
    }
}

fn ko_sentence(rng: &mut Rng, names: &[&str]) -> String {
    let mut words: Vec<String> = Vec::new();
    for _ in 0..rng.range(4, 10) {
        let r = rng.range(0, 99);
        if r < 12 && !names.is_empty() {
            words.push(format!(
                "{}{}",
                rng.pick(names),
                rng.pick(&["은", "는", "이", "가", "의", "와"])
            ));
        } else if r < 22 {
            words.push(rng.pick(EN_WORDS).to_string());
        } else if r < 25 {
            words.push(format!("**{}**", rng.pick(KO_NOUNS)));
        } else if r < 27 {
            words.push(format!(
                "`{}`",
                rng.pick(&["API", "GPU", "HBM3E", "RAG", "MoE"])
            ));
        } else {
            words.push(format!("{}{}", rng.pick(KO_NOUNS), rng.pick(KO_PARTICLES)));
        }
    }
    words.push(rng.pick(KO_ENDINGS).to_string());
    words.join(" ")
}

fn en_sentence(rng: &mut Rng, names: &[&str]) -> String {
    let mut words: Vec<String> = Vec::new();
    for _ in 0..rng.range(7, 16) {
        let r = rng.range(0, 99);
        if r < 10 && !names.is_empty() {
            words.push(rng.pick(names).to_string());
        } else if r < 16 {
            words.push(rng.pick(KO_NOUNS).to_string());
        } else if r < 19 {
            words.push(format!("*{}*", rng.pick(EN_WORDS)));
        } else {
            words.push(rng.pick(EN_WORDS).to_string());
        }
    }
    let s = words.join(" ") + " this year.";
    let mut chars = s.chars();
    chars
        .next()
        .map_or(s.clone(), |c| c.to_uppercase().chain(chars).collect())
}

fn paragraph(rng: &mut Rng, names: &[&str]) -> String {
    let ko = rng.chance(0.6);
    (0..rng.range(3, 6))
        .map(|_| {
            if ko {
                ko_sentence(rng, names)
            } else {
                en_sentence(rng, names)
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn code_block(rng: &mut Rng) -> String {
    let lang = rng.pick(CODE_LANGS);
    let mut lines = Vec::new();
    for i in 0..rng.range(6, 18) {
        let v = rng.pick(&[
            "model",
            "tokens",
            "batch",
            "gpu_hours",
            "price",
            "latency_ms",
        ]);
        let x = rng.range(1, 4096);
        lines.push(match lang {
            "python" => format!("{v} = client.get(\"{v}\", limit={x})"),
            "rust" => format!("let {v}_{i}: u64 = {x};"),
            "json" => format!("  \"{v}_{i}\": {x},"),
            "bash" => format!("curl -s https://api.example.com/v1/{v}?limit={x} | jq '.data[]'"),
            _ => format!("{v}_{i}: {x}"),
        });
    }
    if lang == "json" {
        if let Some(last) = lines.last_mut() {
            last.pop();
        }
        lines.insert(0, "{".into());
        lines.push("}".into());
    }
    format!("```{lang}\n{}\n```", lines.join("\n"))
}

fn body(rng: &mut Rng, names: &[&str], quote: Option<&str>, code: bool, slug: &str) -> String {
    let target = rng.range(600, 1500);
    let mut parts: Vec<String> = Vec::new();
    let words = |parts: &[String]| {
        parts
            .iter()
            .map(|p| p.split_whitespace().count())
            .sum::<usize>()
    };
    parts.push(paragraph(rng, names));
    parts.push(format!("## {}", rng.pick(HEADINGS)));
    let items: Vec<String> = (0..rng.range(3, 6))
        .map(|_| format!("- {}", ko_sentence(rng, names)))
        .collect();
    parts.push(items.join("\n"));
    parts.push(paragraph(rng, names));
    parts.push(format!(
        "> {}",
        quote.map_or_else(|| ko_sentence(rng, names), str::to_string)
    ));
    parts.push(format!("## {}", rng.pick(HEADINGS)));
    parts.push(format!(
        "{} [{} 공식 발표](https://example.com/news/{slug}) {}",
        ko_sentence(rng, names),
        names[0],
        en_sentence(rng, names)
    ));
    if code {
        parts.push(code_block(rng));
    }
    while words(&parts) < target {
        parts.push(paragraph(rng, names));
    }
    parts.join("\n\n") + "\n"
}

fn slugify(s: &str) -> String {
    let mut out = String::new();
    for c in s.to_lowercase().chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_string()
}

/// A quoted YAML/TOML string.
fn q(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

fn write(path: &Path, text: &str) {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).expect("create folder");
    }
    std::fs::write(path, text).expect("write file");
}

const BRIEFLY_CONFIG: &str = r#"title = "Benchmark Briefings"
base_url = "https://bench.example.com/"
language = "ko"
paginate_by = 20

[money]
display_currency = "USD"
[money.rates]
KRW = 0.00072
EUR = 1.08
GBP = 1.27
JPY = 0.0067
CNY = 0.14
"#;

const NAV: &str = r#"<header><a href="/">AI Briefings</a> · <a href="/companies/">Companies</a> · <a href="/deals/">Deals</a> · <a href="/tags/">Tags</a></header>"#;

fn hugo_scaffold(out: &Path) {
    let files = [
        ("hugo.toml", "baseURL = \"https://example.org/\"\nlanguageCode = \"ko\"\ntitle = \"AI Briefings\"\nbuildFuture = true\ndisableKinds = [\"RSS\", \"sitemap\", \"robotsTXT\", \"section\"]\n[taxonomies]\n  company = \"companies\"\n  deal = \"deals\"\n  tag = \"tags\"\n[markup.highlight]\n  codeFences = true\n  noClasses = false\n".to_string()),
        ("layouts/_default/baseof.html", format!("<!DOCTYPE html>\n<html lang=\"ko\"><head><meta charset=\"utf-8\"><title>{{{{ block \"title\" . }}}}{{{{ .Title }}}} | {{{{ .Site.Title }}}}{{{{ end }}}}</title><link rel=\"stylesheet\" href=\"/style.css\"></head>\n<body>{NAV}\n<main>{{{{ block \"main\" . }}}}{{{{ end }}}}</main></body></html>\n")),
        ("layouts/_default/single.html", "{{ define \"main\" }}<article><h1>{{ .Title }}</h1><time>{{ .Date.Format \"2006-01-02\" }}</time>\n<p>Companies: {{ range .Params.companies }}<a href=\"/companies/{{ . }}/\">{{ . }}</a> {{ end }}</p>\n<p>Deals: {{ range .Params.deals }}<a href=\"/deals/{{ . }}/\">{{ . }}</a> {{ end }}</p>\n<p>Tags: {{ range .Params.tags }}<a href=\"/tags/{{ . }}/\">{{ . }}</a> {{ end }}</p>\n{{ .Content }}</article>{{ end }}\n".to_string()),
        ("layouts/_default/term.html", "{{ define \"main\" }}<h1>{{ .Title }}</h1>\n<ul>{{ range .Pages }}<li><a href=\"{{ .RelPermalink }}\">{{ .Title }}</a> <time>{{ .Date.Format \"2006-01-02\" }}</time></li>{{ end }}</ul>{{ end }}\n".to_string()),
        ("layouts/_default/taxonomy.html", "{{ define \"main\" }}<h1>{{ .Title }}</h1>\n<ul>{{ range .Data.Terms.Alphabetical }}<li><a href=\"{{ .Page.RelPermalink }}\">{{ .Page.Title }}</a> ({{ .Count }})</li>{{ end }}</ul>{{ end }}\n".to_string()),
        ("layouts/index.html", "{{ define \"main\" }}<h1>Latest briefings</h1>\n<ul>{{ range first 20 (where .Site.RegularPages \"Section\" \"briefings\").ByDate.Reverse }}<li><a href=\"{{ .RelPermalink }}\">{{ .Title }}</a> <time>{{ .Date.Format \"2006-01-02\" }}</time></li>{{ end }}</ul>{{ end }}\n".to_string()),
        ("static/style.css", "body{font-family:sans-serif;max-width:48rem;margin:auto}pre{overflow:auto}\n".to_string()),
    ];
    for (rel, text) in files {
        write(&out.join(rel), &text);
    }
}

pub struct Args {
    pub briefings: usize,
    pub out: PathBuf,
    /// A Hugo site instead of a briefly site.
    pub hugo: bool,
    pub seed: u64,
}

#[allow(dead_code)] // tests/corpus.rs includes this file for `generate` alone
fn args() -> Args {
    let mut args = Args {
        briefings: 1000,
        out: PathBuf::from("corpus"),
        hugo: false,
        seed: 42,
    };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let value = it.next().unwrap_or_else(|| panic!("{flag} needs a value"));
        match flag.as_str() {
            "--briefings" => args.briefings = value.parse().expect("--briefings N"),
            "--out" => args.out = PathBuf::from(value),
            "--seed" => args.seed = value.parse().expect("--seed N"),
            "--format" => args.hugo = value == "hugo",
            other => panic!("unknown flag {other}"),
        }
    }
    args
}

fn main() {
    let args = args();
    generate(&args);
    eprintln!(
        "{} briefings ({}) into {}",
        args.briefings,
        if args.hugo { "hugo" } else { "briefly" },
        args.out.display()
    );
}

/// Writes the corpus `args` describe into `args.out`, replacing what was there.
pub fn generate(args: &Args) {
    let mut rng = Rng(args.seed);
    let n = args.briefings.max(1);
    if args.out.exists() {
        std::fs::remove_dir_all(&args.out).expect("clear the output folder");
    }

    // About n/5 companies: the real ones first, then invented names.
    let mut companies: Vec<Company> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for &(name, alias, sector) in REAL.iter().take((n / 5).max(5)) {
        seen.insert(slugify(name));
        companies.push(Company {
            id: slugify(name),
            name: name.into(),
            alias: alias.into(),
            sector,
        });
    }
    while companies.len() < (n / 5).max(5) {
        let mut name = format!(
            "{}{}{}",
            rng.pick(NAME_A),
            rng.pick(NAME_B),
            rng.pick(NAME_C)
        );
        // There are ~3,000 such names: a large corpus numbers the rest.
        if seen.contains(&slugify(&name)) {
            name = format!("{name} {}", companies.len());
        }
        let id = slugify(&name);
        if !seen.insert(id.clone()) {
            continue;
        }
        let alias: String = (0..rng.range(2, 4))
            .map(|_| rng.pick(KO_SYLLABLES))
            .collect();
        let sector = rng.pick(SECTORS);
        companies.push(Company {
            id,
            name,
            alias: format!("{alias}{}", companies.len()),
            sector,
        });
    }

    // About n/2 deals between popular companies; each briefing cites 0-2.
    let mut deals: Vec<Deal> = Vec::new();
    let mut deal_ids = std::collections::HashSet::new();
    while deals.len() < (n / 2).max(1) {
        let kind = rng.pick(DEAL_TYPES);
        let k = if matches!(kind, "acquisition" | "fund-launch") {
            1
        } else {
            rng.range(1, 3)
        };
        let mut parties: Vec<usize> = Vec::new();
        while parties.len() < k + 1 {
            let c = rng.popular(companies.len());
            if !parties.contains(&c) {
                parties.push(c);
            }
        }
        let target = parties.pop().unwrap_or(0);
        let year = 2023 + rng.range(0, 2) as i32;
        let base = format!(
            "{}-{}-{year}",
            companies[parties[0]].id, companies[target].id
        );
        let mut id = base.clone();
        let mut i = 2;
        while !deal_ids.insert(id.clone()) {
            id = format!("{base}-{i}");
            i += 1;
        }
        let amount = (kind != "partnership" || rng.chance(0.3)).then(|| amount(&mut rng));
        deals.push(Deal {
            id,
            kind,
            investors: parties,
            target,
            year,
            amount,
        });
    }

    if args.hugo {
        hugo_scaffold(&args.out);
    } else {
        write(&args.out.join("site.toml"), BRIEFLY_CONFIG);
        for c in &companies {
            write(
                &args.out.join(format!("content/companies/{}.md", c.id)),
                &format!(
                    "---\nname: {}\naliases: [{}]\nsector: {}\nnames: {{ko: {}}}\n---\n{} builds {}.\n",
                    q(&c.name),
                    q(&c.alias),
                    q(c.sector),
                    q(&c.alias),
                    c.name,
                    c.sector.to_lowercase()
                ),
            );
        }
    }

    let mut order: Vec<usize> = (0..deals.len()).collect();
    for i in (1..order.len()).rev() {
        order.swap(i, rng.range(0, i));
    }
    let mut cursor = 0;
    // What only briefly's format states (restated amounts, valuations,
    // stakes, statuses) draws from its own stream, so both formats get the
    // same briefings.
    let mut details = Rng(args.seed ^ 0xB1EF_D00D);
    for i in 0..n {
        let mut cited: Vec<usize> = Vec::new();
        for _ in 0..[0, 1, 1, 2][rng.range(0, 3)] {
            let d = if cursor < order.len() {
                cursor += 1;
                order[cursor - 1]
            } else {
                rng.range(0, deals.len() - 1)
            };
            if !cited.contains(&d) {
                cited.push(d);
            }
        }
        let mut named: Vec<usize> = Vec::new();
        for &d in &cited {
            for &c in deals[d].investors.iter().chain([&deals[d].target]) {
                if !named.contains(&c) && named.len() < 5 {
                    named.push(c);
                }
            }
        }
        let want = named.len().max(rng.range(2, 5)).min(companies.len());
        while named.len() < want {
            let c = rng.popular(companies.len());
            if !named.contains(&c) {
                named.push(c);
            }
        }
        let year = cited
            .first()
            .map_or(2023 + rng.range(0, 2) as i32, |&d| deals[d].year);
        let date = format!("{year}-{:02}-{:02}", rng.range(1, 12), rng.range(1, 28));
        let mut tags: Vec<&str> = Vec::new();
        for _ in 0..rng.range(1, 4) {
            let t = rng.pick(TAGS);
            if !tags.contains(&t) {
                tags.push(t);
            }
        }
        let names: Vec<&str> = named.iter().map(|&c| companies[c].name.as_str()).collect();
        let first = &companies[named[0]];
        let title = match cited.first() {
            Some(&d) => {
                let d = &deals[d];
                let (inv, tgt) = (&companies[d.investors[0]].name, &companies[d.target].name);
                if rng.chance(0.5) {
                    format!("{inv}, {tgt}에 투자 추진")
                } else {
                    format!("{inv} and {tgt}: {} news", d.kind)
                }
            }
            None => format!(
                "{}, 신규 {} 공개",
                first.name,
                rng.pick(&["모델", "에이전트", "추론 칩"])
            ),
        };
        let slug = format!(
            "b{:05}-{}",
            i + 1,
            slugify(&names[..2.min(names.len())].join(" "))
        );
        let slug: String = slug
            .chars()
            .take(60)
            .collect::<String>()
            .trim_end_matches('-')
            .to_string();
        let quotes: Vec<(String, String, usize, String)> = (0..[0, 1, 1, 2][rng.range(0, 3)])
            .map(|_| {
                let speaker = format!("{} {}", rng.pick(FAMILY), rng.pick(GIVEN));
                let role = rng.pick(ROLES).to_string();
                let company = named[rng.range(0, named.len() - 1)];
                let text = if rng.chance(0.5) {
                    ko_sentence(&mut rng, &[])
                } else {
                    en_sentence(&mut rng, &[])
                };
                (speaker, role, company, text.replace(['*', '`'], ""))
            })
            .collect();
        let code = rng.chance(0.1);
        let text = body(
            &mut rng,
            &names,
            quotes.first().map(|q| q.3.as_str()),
            code,
            &slug,
        );

        let mut fm = String::from("---\n");
        let _ = writeln!(fm, "title: {}\ndate: {date}", q(&title));
        if !args.hugo {
            let _ = writeln!(
                fm,
                "source: {{ name: \"Press reports\", url: \"https://example.com/news/{slug}\" }}"
            );
        }
        let tag_list: Vec<String> = tags.iter().map(|t| q(t)).collect();
        let _ = writeln!(fm, "tags: [{}]", tag_list.join(", "));
        let ids: Vec<&str> = named.iter().map(|&c| companies[c].id.as_str()).collect();
        let _ = writeln!(fm, "companies: [{}]", ids.join(", "));
        if args.hugo {
            let ids: Vec<&str> = cited.iter().map(|&d| deals[d].id.as_str()).collect();
            let _ = writeln!(fm, "deals: [{}]", ids.join(", "));
        } else {
            if !cited.is_empty() {
                fm.push_str("deals:\n");
            }
            for &d in &cited {
                let deal = &deals[d];
                let investors: Vec<&str> = deal
                    .investors
                    .iter()
                    .map(|&c| companies[c].id.as_str())
                    .collect();
                let _ = writeln!(
                    fm,
                    "  - id: {}\n    type: {}\n    investors: [{}]\n    target: {}",
                    deal.id,
                    deal.kind,
                    investors.join(", "),
                    companies[deal.target].id
                );
                if let Some(stated) = &deal.amount {
                    let stated = if details.chance(0.2) {
                        amount(&mut details)
                    } else {
                        stated.clone()
                    };
                    let _ = writeln!(fm, "    amount: {}", q(&stated));
                }
                if deal.kind == "funding-round" && details.chance(0.5) {
                    let _ = writeln!(
                        fm,
                        "    valuation: {}",
                        q(&format!("${}B", details.range(1, 90)))
                    );
                }
                if deal.kind == "investment" && details.chance(0.3) {
                    let _ = writeln!(fm, "    stake: \"{}%\"", details.range(1, 49));
                }
                let _ = writeln!(fm, "    status: {}", details.pick(STATUSES));
            }
            if !quotes.is_empty() {
                fm.push_str("quotes:\n");
            }
            for (speaker, role, company, text) in &quotes {
                let _ = writeln!(
                    fm,
                    "  - speaker: {}\n    role: {}\n    company: {}\n    text: {}",
                    q(speaker),
                    q(role),
                    companies[*company].id,
                    q(text)
                );
            }
        }
        fm.push_str("---\n\n");
        write(
            &args.out.join(format!("content/briefings/{slug}.md")),
            &(fm + &text),
        );
    }
}

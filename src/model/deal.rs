//! Deals: who put money into whom. A briefing mentions a deal; mentions with the
//! same id across briefings are merged into one `Deal` by the index.

use super::Reference;
use super::date::Moment;
use super::localized::Localized;
use super::money::Money;
use crate::diagnostics::Pos;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum DealType {
    Investment,
    Acquisition,
    FundingRound,
    FundLaunch,
    Partnership,
    Ipo,
}

impl DealType {
    /// Every type with the word front matter writes it as, in the order errors list them.
    pub const CHOICES: &[(&str, DealType)] = &[
        ("investment", DealType::Investment),
        ("acquisition", DealType::Acquisition),
        ("funding-round", DealType::FundingRound),
        ("fund-launch", DealType::FundLaunch),
        ("partnership", DealType::Partnership),
        ("ipo", DealType::Ipo),
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            DealType::Investment => "investment",
            DealType::Acquisition => "acquisition",
            DealType::FundingRound => "funding-round",
            DealType::FundLaunch => "fund-launch",
            DealType::Partnership => "partnership",
            DealType::Ipo => "ipo",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, Default)]
#[serde(rename_all = "kebab-case")]
pub enum DealStatus {
    Rumored,
    Negotiating,
    #[default]
    Announced,
    Closed,
    Cancelled,
}

impl DealStatus {
    /// Every status with the word front matter writes it as, in the order errors list them.
    pub const CHOICES: &[(&str, DealStatus)] = &[
        ("rumored", DealStatus::Rumored),
        ("negotiating", DealStatus::Negotiating),
        ("announced", DealStatus::Announced),
        ("closed", DealStatus::Closed),
        ("cancelled", DealStatus::Cancelled),
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            DealStatus::Rumored => "rumored",
            DealStatus::Negotiating => "negotiating",
            DealStatus::Announced => "announced",
            DealStatus::Closed => "closed",
            DealStatus::Cancelled => "cancelled",
        }
    }
}

/// The stage of a funding round (section 4). Korean forms map to these.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Round {
    PreSeed,
    Seed,
    PreSeriesA,
    /// Series A to Z, by letter (lower case).
    Series(char),
    Bridge,
    Growth,
    Strategic,
    PreIpo,
    Debt,
    Grant,
    Secondary,
}

impl Round {
    /// The accepted words, in the order errors list them.
    pub const ACCEPTED: &str = "pre-seed, seed, pre-series-a, series-a … series-z, bridge, growth, strategic, pre-ipo, debt, grant, secondary (or 시드, 프리A, 시리즈A, 브릿지, 전략적 투자, 프리IPO)";

    /// Reads a round as an editor writes it: any case, spaces or hyphens
    /// (`Series A`, `series-a`, `시리즈 A`, `시리즈A`), Korean forms included.
    pub fn parse(text: &str) -> Option<Round> {
        let key: String = text
            .trim()
            .chars()
            .filter(|c| !c.is_whitespace() && *c != '-' && *c != '_')
            .flat_map(char::to_lowercase)
            .collect();
        let series = |rest: &str| {
            let mut chars = rest.chars();
            match (chars.next(), chars.next()) {
                (Some(c), None) if c.is_ascii_lowercase() => Some(Round::Series(c)),
                _ => None,
            }
        };
        Some(match key.as_str() {
            "preseed" | "프리시드" => Round::PreSeed,
            "seed" | "시드" => Round::Seed,
            "preseriesa" | "prea" | "프리a" | "프리시리즈a" => Round::PreSeriesA,
            "bridge" | "브릿지" | "브리지" => Round::Bridge,
            "growth" | "그로스" => Round::Growth,
            "strategic" | "전략적투자" | "전략투자" => Round::Strategic,
            "preipo" | "프리ipo" => Round::PreIpo,
            "debt" | "부채" => Round::Debt,
            "grant" => Round::Grant,
            "secondary" | "세컨더리" => Round::Secondary,
            _ => {
                return key
                    .strip_prefix("series")
                    .or_else(|| key.strip_prefix("시리즈"))
                    .and_then(series);
            }
        })
    }

    pub fn as_str(self) -> String {
        match self {
            Round::PreSeed => "pre-seed".into(),
            Round::Seed => "seed".into(),
            Round::PreSeriesA => "pre-series-a".into(),
            Round::Series(c) => format!("series-{c}"),
            Round::Bridge => "bridge".into(),
            Round::Growth => "growth".into(),
            Round::Strategic => "strategic".into(),
            Round::PreIpo => "pre-ipo".into(),
            Round::Debt => "debt".into(),
            Round::Grant => "grant".into(),
            Round::Secondary => "secondary".into(),
        }
    }
}

/// Whether a valuation is before or after the money comes in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ValuationBasis {
    Pre,
    #[default]
    Post,
}

impl ValuationBasis {
    pub const CHOICES: &[(&str, ValuationBasis)] =
        &[("post", ValuationBasis::Post), ("pre", ValuationBasis::Pre)];

    pub fn as_str(self) -> &'static str {
        match self {
            ValuationBasis::Pre => "pre",
            ValuationBasis::Post => "post",
        }
    }
}

/// The words for an amount known not to be public (section 4).
pub const UNDISCLOSED: &[&str] = &["undisclosed", "비공개", "미공개"];

/// Money together with where it was written, for errors found later (a missing
/// rate), and the day of the mention that stated it: the figure is converted at
/// that day's rate wherever it is shown.
#[derive(Debug, Clone, PartialEq)]
pub struct Stated {
    pub money: Money,
    pub pos: Pos,
    pub date: jiff::civil::Date,
}

/// One briefing's account of a deal. Every field but the parties may be left out
/// by a later briefing that only updates the status.
#[derive(Debug, Clone, PartialEq)]
pub struct DealMention {
    /// As written (slugified); `None` means the default id, derived once companies resolve.
    pub id: Option<String>,
    pub pos: Pos,
    pub kind: Option<DealType>,
    pub investors: Vec<Reference>,
    /// Where the `investors:` key stands, for warnings about the parties.
    pub investors_pos: Option<Pos>,
    pub target: Option<Reference>,
    pub amount: Option<Stated>,
    /// Where `amount: undisclosed` was written: the mention says the amount
    /// is not public (which sets the amount, unlike leaving it out).
    pub undisclosed: Option<Pos>,
    pub valuation: Option<Stated>,
    pub valuation_basis: Option<ValuationBasis>,
    pub round: Option<Round>,
    /// The lead investors, each one of the deal's investors.
    pub lead: Vec<Reference>,
    pub stake: Option<String>,
    pub status: Option<DealStatus>,
    /// Defaults to the briefing's date.
    pub date: Moment,
    pub note: Option<Localized>,
    /// Whether every field of the mention was read. Only a briefing that failed
    /// to parse has incomplete mentions; the index keeps them so that another
    /// briefing's mention of the deal is not reported for what this one lost.
    pub complete: bool,
}

impl DealMention {
    /// What the mention says of the amount: `Some(true)` a figure,
    /// `Some(false)` undisclosed, `None` nothing.
    pub fn disclosed(&self) -> Option<bool> {
        if self.amount.is_some() {
            Some(true)
        } else if self.undisclosed.is_some() {
            Some(false)
        } else {
            None
        }
    }
}

/// The default deal id: `{investors}-{target}-{year}`, slugified.
pub fn default_id(investor_ids: &[String], target_id: &str, year: i16) -> String {
    let mut parts: Vec<&str> = investor_ids.iter().map(String::as_str).collect();
    parts.push(target_id);
    super::slug::slugify(&format!("{}-{year}", parts.join("-")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rounds_read_as_editors_write_them() {
        for (text, round) in [
            ("seed", Round::Seed),
            ("Seed", Round::Seed),
            ("시드", Round::Seed),
            ("pre-seed", Round::PreSeed),
            ("pre-series-a", Round::PreSeriesA),
            ("프리A", Round::PreSeriesA),
            ("series-a", Round::Series('a')),
            ("Series B", Round::Series('b')),
            ("시리즈A", Round::Series('a')),
            ("시리즈 C", Round::Series('c')),
            ("series-z", Round::Series('z')),
            ("브릿지", Round::Bridge),
            ("전략적 투자", Round::Strategic),
            ("프리IPO", Round::PreIpo),
            ("pre-ipo", Round::PreIpo),
            ("growth", Round::Growth),
            ("debt", Round::Debt),
            ("grant", Round::Grant),
            ("secondary", Round::Secondary),
            ("bridge", Round::Bridge),
        ] {
            assert_eq!(Round::parse(text), Some(round), "{text}");
        }
        for text in ["series", "series-aa", "시리즈", "round 2", "", "series-1"] {
            assert_eq!(Round::parse(text), None, "{text}");
        }
        assert_eq!(Round::Series('b').as_str(), "series-b");
        assert_eq!(
            Round::parse(&Round::PreSeriesA.as_str()),
            Some(Round::PreSeriesA)
        );
    }

    #[test]
    fn default_id_joins_investors_target_and_year() {
        assert_eq!(
            default_id(&["meta".into()], "scale-ai", 2025),
            "meta-scale-ai-2025"
        );
        assert_eq!(
            default_id(&["naver".into(), "kakao".into()], "트웰브랩스", 2024),
            "naver-kakao-트웰브랩스-2024"
        );
    }

    #[test]
    fn choices_match_the_words_of_as_str() {
        for (word, kind) in DealType::CHOICES {
            assert_eq!(kind.as_str(), *word);
        }
        for (word, status) in DealStatus::CHOICES {
            assert_eq!(status.as_str(), *word);
        }
    }
}

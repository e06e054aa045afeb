//! Deals: who put money into whom. A briefing mentions a deal; mentions with the
//! same id across briefings are merged into one `Deal` by the index.

use super::Reference;
use super::date::Moment;
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

/// Money together with where it was written, for errors found later (a missing rate).
#[derive(Debug, Clone, PartialEq)]
pub struct Stated {
    pub money: Money,
    pub pos: Pos,
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
    pub valuation: Option<Stated>,
    pub stake: Option<String>,
    pub status: Option<DealStatus>,
    /// Defaults to the briefing's date.
    pub date: Moment,
    pub note: Option<String>,
    /// Whether every field of the mention was read. Only a briefing that failed
    /// to parse has incomplete mentions; the index keeps them so that another
    /// briefing's mention of the deal is not reported for what this one lost.
    pub complete: bool,
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

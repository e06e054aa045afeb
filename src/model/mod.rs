//! Domain types, validated from raw front matter. Raw input never travels past
//! the parse stage: what leaves here is a `Briefing`, a `Company`, a `Page`.

pub mod briefing;
pub mod company;
pub mod date;
pub mod deal;
pub mod money;
pub mod money_input;
pub mod page;
pub mod slug;

use crate::front_matter::Pos;

/// A company as a briefing names it, before resolution against the registry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reference {
    pub text: String,
    pub pos: Pos,
}

impl Reference {
    pub fn from_spanned(s: &serde_saphyr::Spanned<String>, yaml_line: usize) -> Reference {
        Reference {
            text: s.value.trim().to_string(),
            pos: Pos::of(&s.referenced, yaml_line),
        }
    }
}

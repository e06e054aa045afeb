//! The short description a page's head carries (meta and OpenGraph
//! description, JSON-LD `description`): the summary cut to about 160
//! characters, at a word boundary where there is one, never inside a
//! user-perceived character, with `…` when anything was cut.

use std::borrow::Cow;

/// How long a head description may be, in characters, the `…` included:
/// about what search engines show.
pub const DESCRIPTION_CHARS: usize = 160;

/// `text` with its runs of white space made one space (no-break spaces
/// kept), cut to at most `max` characters (`…` included). A cut falls at the
/// last space of the second half of the allowance (so a word is not split),
/// else — Korean without a space for a while, a long URL — between two
/// characters that are not one grapheme (a syllable boundary; a combining
/// mark, emoji modifier or joined emoji stays whole).
pub fn cut(text: &str, max: usize) -> Cow<'_, str> {
    let collapsed = collapse_spaces(text);
    if collapsed.chars().nth(max).is_none() {
        return collapsed;
    }
    // Only the characters a cut may fall among (and the one after the last).
    let chars: Vec<(usize, char)> = collapsed.char_indices().take(max + 1).collect();
    // Room for the ellipsis.
    let keep = max.saturating_sub(1);
    let floor = keep / 2;
    let at_space = (floor.max(1)..=keep)
        .rev()
        .find(|&n| chars[n].1 == ' ')
        .map(|n| chars[n].0);
    let end = at_space.unwrap_or_else(|| {
        (1..=keep)
            .rev()
            .find(|&n| boundary(&chars, n))
            .map_or(0, |n| chars[n].0)
    });
    let kept = collapsed[..end].trim_end_matches(|c: char| {
        c == ' '
            || matches!(
                c,
                ',' | ';' | ':' | '—' | '–' | '-' | '·' | '(' | '[' | '“' | '‘'
            )
    });
    Cow::Owned(format!("{kept}…"))
}

/// The head description of a page: `cut` to `DESCRIPTION_CHARS`.
pub fn description(text: &str) -> Cow<'_, str> {
    cut(text, DESCRIPTION_CHARS)
}

fn collapse_spaces(text: &str) -> Cow<'_, str> {
    let text = text.trim();
    let bytes = text.as_bytes();
    // White space other than a plain space is an ASCII control (tab, line
    // end) or a character led by C2, E1, E2 or E3: only from the first
    // 32-byte run holding one of those bytes on does a text need a closer
    // look, and only a text holding one needs its characters looked at.
    let special = |b: u8| (b'\t'..=b'\r').contains(&b) || crate::utf8::leads_wide_white_space(b);
    let mut at = crate::escape::past_plain_runs(bytes, 0, special);
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    let rest = &text[at..];
    let tidy = memchr::memmem::find(bytes, b"  ").is_none()
        && !rest.bytes().any(|b| (b'\t'..=b'\r').contains(&b))
        && (!rest.bytes().any(crate::utf8::leads_wide_white_space)
            || !rest.chars().any(|c| breakable_space(c) && c != ' '));
    if tidy {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    for word in text.split(breakable_space).filter(|w| !w.is_empty()) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    Cow::Owned(out)
}

/// White space a line may break at: a no-break space (which binds an
/// amount's words, `typography::bind_amounts`) is kept as it is.
fn breakable_space(c: char) -> bool {
    c.is_whitespace() && c != '\u{a0}'
}

/// Whether a cut before `chars[n]` keeps every grapheme whole. Not the whole
/// of UAX #29, but the cases summaries meet: combining marks, variation
/// selectors, emoji modifiers and tags, zero-width joiner sequences, flag
/// pairs and conjoining Hangul jamo.
fn boundary(chars: &[(usize, char)], n: usize) -> bool {
    let (before, after) = (chars[n - 1].1, chars[n].1);
    if extends(after) || before == '\u{200D}' {
        return false;
    }
    // Leading jamo joins what follows it: a vowel jamo (an extender above),
    // another leading jamo or a syllable.
    if is_leading_jamo(before) && (is_leading_jamo(after) || is_syllable(after)) {
        return false;
    }
    if is_regional_indicator(after) && is_regional_indicator(before) {
        // Flags are pairs: cut only after an even run.
        let run = chars[..n]
            .iter()
            .rev()
            .take_while(|(_, c)| is_regional_indicator(*c))
            .count();
        return run % 2 == 0;
    }
    true
}

/// Characters that belong to the grapheme before them.
fn extends(c: char) -> bool {
    matches!(c as u32,
        0x0300..=0x036F     // combining diacritical marks
        | 0x0483..=0x0489
        | 0x0591..=0x05BD
        | 0x0610..=0x061A
        | 0x064B..=0x065F
        | 0x0900..=0x0903 | 0x093A..=0x094F // Devanagari signs
        | 0x1AB0..=0x1AFF
        | 0x1DC0..=0x1DFF
        | 0x200C..=0x200D   // zero-width (non-)joiner
        | 0x20D0..=0x20FF
        | 0x302A..=0x302F   // ideographic and Hangul tone marks
        | 0x3099..=0x309A   // kana voicing marks
        | 0xFE00..=0xFE0F   // variation selectors
        | 0xFE20..=0xFE2F
        | 0x1F3FB..=0x1F3FF // emoji skin tones
        | 0xE0020..=0xE007F // emoji tags
        | 0xE0100..=0xE01EF
        | 0x1160..=0x11FF   // Hangul vowel and trailing jamo
        | 0xD7B0..=0xD7FF
    )
}

fn is_leading_jamo(c: char) -> bool {
    matches!(c as u32, 0x1100..=0x115F | 0xA960..=0xA97F)
}

fn is_syllable(c: char) -> bool {
    matches!(c as u32, 0xAC00..=0xD7A3)
}

fn is_regional_indicator(c: char) -> bool {
    matches!(c as u32, 0x1F1E6..=0x1F1FF)
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// The byte look that spares most texts the character one finds
        /// what the character one finds: the text trimmed, then collapsed as
        /// a split at breakable white space and a join with one space make it.
        #[test]
        fn spaces_collapse_as_a_split_and_join_would(
            text in "[ a-z가-힣\\t\\n\\x0b\\x0c\\r\\u{85}\\u{a0}\\u{1680}\\u{2000}-\\u{200b}\\u{2028}\\u{2029}\\u{202f}\\u{205f}\\u{3000}—·é]{0,30}",
            plain in "[ a-z가-힣]{0,60}",
        ) {
            // Plain text first, so that the special bytes fall in later runs.
            let text = format!("{plain}{text}");
            let joined = text
                .trim()
                .split(breakable_space)
                .filter(|w| !w.is_empty())
                .collect::<Vec<_>>()
                .join(" ");
            proptest::prop_assert_eq!(collapse_spaces(&text), joined.as_str());
        }

        /// A text already cut stays as it is when cut again: a briefing's
        /// page cuts its description once and hands it to the head, which
        /// cuts what it is given.
        #[test]
        fn a_cut_text_cut_again_is_the_same(
            text in "[ a-z가-힣\t\n\u{a0}\u{3000}\u{301}\u{1112}\u{1161}\u{11ab}👍🏽🇰🇷,;:—(·…]{0,220}",
            max in 2usize..200,
        ) {
            let once = cut(&text, max).into_owned();
            proptest::prop_assert_eq!(cut(&once, max), once.as_str());
        }
    }

    fn chars(s: &str) -> usize {
        s.chars().count()
    }

    #[test]
    fn short_text_is_kept_whole() {
        assert_eq!(
            cut("Meta invests in Scale AI.", 160),
            "Meta invests in Scale AI."
        );
        assert!(matches!(cut("already tidy", 160), Cow::Borrowed(_)));
        assert_eq!(cut("", 160), "");
    }

    #[test]
    fn white_space_is_collapsed() {
        assert_eq!(cut("  a\n b \t c  ", 160), "a b c");
        // A no-break space binds an amount: it stays, and is no place to cut.
        assert_eq!(
            cut("about\u{a0}$14.3\u{a0}billion\n", 160),
            "about\u{a0}$14.3\u{a0}billion"
        );
        assert_eq!(cut("abcd ef\u{a0}ghij", 9), "abcd…");
    }

    #[test]
    fn text_at_the_limit_is_not_cut() {
        let exact = "a".repeat(159) + "b";
        assert_eq!(cut(&exact, 160), exact);
        let over = exact.clone() + "c";
        let out = cut(&over, 160);
        assert_eq!(chars(&out), 160);
        assert!(out.ends_with('…'));
    }

    #[test]
    fn english_is_cut_at_a_word() {
        let text = "Meta agreed to invest about $14.3 billion in Scale AI for a 49% stake, \
                    its largest outside investment since WhatsApp, and hired its founder \
                    Alexandr Wang to lead a new superintelligence group inside the company.";
        let out = cut(text, 160);
        assert!(chars(&out) <= 160, "{out}");
        assert!(out.ends_with('…'));
        let body = out.trim_end_matches('…');
        assert!(text.starts_with(body));
        // The cut falls between words.
        assert_eq!(text[body.len()..].chars().next(), Some(' '));
        assert!(!body.ends_with(' ') && !body.ends_with(','));
    }

    #[test]
    fn korean_is_cut_between_words_or_syllables() {
        let text = "메타가 스케일AI 지분 49%를 약 143억 달러에 인수하기로 했다. ".repeat(8);
        let out = cut(&text, 160);
        assert!(chars(&out) <= 160);
        let body = out.trim_end_matches('…');
        assert!(text.starts_with(body) && text[body.len()..].starts_with(' '));
        // No space at all: a syllable boundary, still within the limit.
        let solid = "가나다라마바사아자차카타파하".repeat(20);
        let out = cut(&solid, 160);
        assert_eq!(chars(&out), 160);
        assert!(solid.starts_with(out.trim_end_matches('…')));
    }

    #[test]
    fn graphemes_stay_whole() {
        // `e` + combining acute, repeated without spaces: never cut between them.
        let combining = "e\u{301}".repeat(100);
        let out = cut(&combining, 160);
        let body = out.trim_end_matches('…');
        assert!(body.ends_with('\u{301}'), "{body:?}");
        assert!(chars(&out) <= 160);
        // A family emoji (joined by ZWJ) and a skin tone are not split.
        let family = "👨\u{200D}👩\u{200D}👧";
        let text = format!("{}{family}{family}", "x".repeat(155));
        let body = cut(&text, 160).trim_end_matches('…').to_string();
        assert!(body.ends_with("xxx") || body.ends_with(family), "{body:?}");
        let toned = format!("{}👍🏽👍🏽", "x".repeat(158));
        let body = cut(&toned, 160).trim_end_matches('…').to_string();
        assert!(body.ends_with('x') || body.ends_with("👍🏽"), "{body:?}");
        assert!(!body.ends_with('👍'));
        // Flags are pairs of regional indicators.
        let flags = format!("{}🇰🇷🇺🇸🇯🇵", "x".repeat(156));
        let body = cut(&flags, 160).trim_end_matches('…').to_string();
        assert_eq!(
            body.chars().filter(|&c| is_regional_indicator(c)).count() % 2,
            0
        );
        // Conjoining jamo (decomposed Hangul) keep their syllables.
        let decomposed = "\u{1112}\u{1161}\u{11AB}".repeat(80);
        let body = cut(&decomposed, 160).trim_end_matches('…').to_string();
        assert!(body.ends_with('\u{11AB}'), "{body:?}");
    }
}

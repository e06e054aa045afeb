//! Smart punctuation that is right for Korean as well as English (section 3).
//!
//! A quote mark (`"` or `'`) is an opening mark when it follows the start of
//! a line, whitespace, an opening bracket (an opening quote counts as one) or
//! a dash, and a closing mark otherwise, whatever follows it: `'라마'를`
//! becomes `‘라마’를` and `"돌멩이"라고` becomes `“돌멩이”라고`. A `'` between
//! letters or before a digit is an apostrophe (`it’s`, `’90s`).
//!
//! Dashes and ellipses are made as pulldown-cmark's smart punctuation made
//! them: `--` an en dash, `---` an em dash, longer runs of hyphens a run of
//! em dashes then en dashes (as few en dashes as can be, as many of one kind
//! as can be), each `...` an ellipsis.
//!
//! The rule reads text, not markup: a caller that splits text (around
//! `*emphasis*`, for one) passes each run the character before it.

/// The longest word `unbroken_words` keeps on one line, in characters: a
/// longer one (a URL, a long compound) could not fit a phone's line.
const UNBROKEN_MAX: usize = 20;

/// The pieces of `text` in order, each with whether it is a Korean word to
/// keep on one line. Browsers break a Korean word (an eojeol, the run between
/// spaces) at its punctuation: before a bracket (`모델⏎(LLM)이`), after a
/// percent sign (`51%⏎로`), around a middle dot or a dash. `word-break:
/// keep-all` stops only breaks between letters, so such a word is marked to
/// be kept whole. `None` when no word needs it.
pub fn unbroken_words(text: &str) -> Option<Vec<(&str, bool)>> {
    if !may_break_a_korean_word(text.as_bytes()) {
        return None;
    }
    let mut pieces = Vec::new();
    let mut plain_from = 0;
    let mut at = 0;
    for word in text.split(|c: char| c.is_whitespace()) {
        let start = at;
        at += word.len()
            + text[start + word.len()..]
                .chars()
                .next()
                .map_or(0, char::len_utf8);
        if !keep_whole(word) {
            continue;
        }
        if plain_from < start {
            pieces.push((&text[plain_from..start], false));
        }
        pieces.push((word, true));
        plain_from = start + word.len();
    }
    if pieces.is_empty() {
        return None;
    }
    if plain_from < text.len() {
        pieces.push((&text[plain_from..], false));
    }
    Some(pieces)
}

/// `text` with a word joiner (U+2060) beside each mark inside a Korean word
/// a browser would break (`unbroken_words`): `400억달러\u{2060}(약`. For text
/// that templates print (titles, summaries, quotes), which cannot be wrapped
/// in `<span class="nobr">` as a body is. `None` when no word needs it.
pub fn join_korean_words(text: &str) -> Option<String> {
    let pieces = unbroken_words(text)?;
    let mut out = String::with_capacity(text.len() + 16);
    for (piece, keep) in pieces {
        if !keep {
            out.push_str(piece);
            continue;
        }
        // `keep-all` already holds letters and digits together; a mark
        // (bracket, %, ·, dash, quote) is where a line could still end.
        let mut before: Option<char> = None;
        for c in piece.chars() {
            if before.is_some_and(|b| !b.is_alphanumeric() || !c.is_alphanumeric()) {
                out.push('\u{2060}');
            }
            out.push(c);
            before = Some(c);
        }
    }
    Some(out)
}

/// Words read as part of the number before them: `$14.3⏎billion` and
/// `13조⏎원` are never split across lines.
const AMOUNT_WORDS: [&str; 13] = [
    "thousand",
    "million",
    "billion",
    "trillion",
    "원",
    "달러",
    "유로",
    "엔",
    "위안",
    "파운드",
    "만",
    "억",
    "조",
];

/// Words read as part of the number after them (`about⏎$10B`, `약⏎13조`).
const QUALIFIERS: [&str; 10] = [
    "약", "about", "around", "roughly", "nearly", "almost", "over", "some", "최대", "최소",
];

/// `text` with each space inside an amount made a no-break space (U+00A0):
/// between a qualifier and its number (`약 143억달러`, `about $14.3B`),
/// between a number and its scale or currency word (`$14.3 billion`,
/// `13조 원`) and between the parts of a number (`1조 2천억`). A reader
/// reads an amount as one word, so no line may end inside it. `None` when
/// no space changes.
pub fn bind_amounts(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    if !has_digit(bytes) {
        return None;
    }
    let mut out: Option<String> = None;
    let mut copied = 0;
    for at in memchr::memchr_iter(b' ', bytes) {
        // Most spaces have no number beside them: looked at by their bytes
        // and no further.
        if !number_ends_at(bytes, at) && !starts_numeric(&text[at + 1..]) {
            continue;
        }
        let before = text[..at]
            .rsplit(char::is_whitespace)
            .next()
            .unwrap_or_default();
        let after = text[at + 1..]
            .split(char::is_whitespace)
            .next()
            .unwrap_or_default();
        if binds(before, after) {
            let out = out.get_or_insert_with(|| String::with_capacity(text.len() + 8));
            out.push_str(&text[copied..at]);
            out.push('\u{a0}');
            copied = at + 1;
        }
    }
    out.map(|mut out| {
        out.push_str(&text[copied..]);
        out
    })
}

/// Whether `bytes` hold an ASCII digit: looked at 64 bytes at a time, with
/// no early exit inside a block, so the compiler can use vector instructions
/// (every body and summary is looked at).
fn has_digit(bytes: &[u8]) -> bool {
    bytes.chunks(64).any(|block| {
        block
            .iter()
            .fold(false, |found, &b| found | (b.wrapping_sub(b'0') < 10))
    })
}

/// Whether the bytes before `at` end with a digit or a Korean number unit.
fn number_ends_at(bytes: &[u8], at: usize) -> bool {
    let before = &bytes[..at];
    before.last().is_some_and(u8::is_ascii_digit)
        || ["만", "억", "조", "천"]
            .iter()
            .any(|unit| before.ends_with(unit.as_bytes()))
}

fn binds(before: &str, after: &str) -> bool {
    let numeric_before = before.bytes().any(|b| b.is_ascii_digit())
        && number_ends_at(before.as_bytes(), before.len());
    // The qualifier may follow a bracket inside the word: `143억달러(약 19조`.
    let qualifier = before
        .rsplit(|c: char| is_opening_bracket(c) || c == '"')
        .next()
        .unwrap_or_default();
    (numeric_before && (starts_numeric(after) || starts_with_amount_word(after)))
        || (QUALIFIERS.iter().any(|q| q.eq_ignore_ascii_case(qualifier)) && starts_numeric(after))
}

/// A digit, or a currency sign before one.
fn starts_numeric(word: &str) -> bool {
    let mut chars = word.chars();
    match chars.next() {
        Some(c) if c.is_ascii_digit() => true,
        Some('$' | '₩' | '€' | '¥' | '£') => chars.next().is_some_and(|c| c.is_ascii_digit()),
        _ => false,
    }
}

/// An amount word, then anything but a Latin letter (`billion,` and `원을`,
/// not `billionaire`).
fn starts_with_amount_word(word: &str) -> bool {
    AMOUNT_WORDS.iter().any(|w| {
        word.strip_prefix(w)
            .is_some_and(|rest| !rest.starts_with(|c: char| c.is_ascii_alphabetic()))
    })
}

/// Bytes that may start a character a browser breaks a Korean word at: the
/// ASCII ones `breaks_at` takes, and the lead bytes of `·` (C2) and of the
/// dashes, quote marks and `…` (E2).
const BREAK_LEADS: [bool; 256] = {
    let mut table = [false; 256];
    let ascii = b"!\"#$%&'()*+/:;<=>?@[\\]^_`{|}~-";
    let mut i = 0;
    while i < ascii.len() {
        table[ascii[i] as usize] = true;
        i += 1;
    }
    table[0xC2] = true;
    table[0xE2] = true;
    table
};

/// Whether a text has both Hangul and a character a browser breaks at, by
/// its bytes (a table look-up each): most texts have no such character.
fn may_break_a_korean_word(bytes: &[u8]) -> bool {
    let mut rest = bytes;
    while let Some(at) = rest.iter().position(|&b| BREAK_LEADS[b as usize]) {
        let found = match rest[at] {
            // · is C2 B7; hyphens and dashes E2 80 90..95, quote marks
            // ‘ ’ “ ” E2 80 98/99/9C/9D, … E2 80 A6.
            0xC2 => rest.get(at + 1) == Some(&0xB7),
            0xE2 => {
                rest.get(at + 1) == Some(&0x80)
                    && rest.get(at + 2).is_some_and(|&c| {
                        matches!(c, 0x90..=0x95 | 0x98 | 0x99 | 0x9C | 0x9D | 0xA6)
                    })
            }
            _ => true,
        };
        if found {
            // Hangul syllables are U+AC00..U+D7A3: lead bytes EA to ED.
            return bytes.iter().any(|b| (0xEA..=0xED).contains(b));
        }
        rest = &rest[at + 1..];
    }
    false
}

/// A character a browser may break a Korean word at: a mark other than a
/// quote mark, a stop or a comma.
fn breaks_at(c: char) -> bool {
    // A syllable is a letter: answered here, not by `is_alphanumeric`'s
    // slow table, for every syllable of every Korean word.
    if is_hangul(c) {
        return false;
    }
    let quote_or_stop = is_quote(c) || matches!(c, '.' | ',');
    !quote_or_stop
        && (c.is_ascii_punctuation()
            || (!c.is_ascii() && !c.is_alphanumeric() && !c.is_whitespace()))
}

fn is_quote(c: char) -> bool {
    matches!(c, '\'' | '"' | '‘' | '’' | '“' | '”')
}

/// Whether a browser may end a line after `c` when `next` follows it inside
/// a Korean word: at a mark (`breaks_at`), or after a closing quote before a
/// letter, which is how a particle follows a quote (`‘마렝고’⏎를`).
fn breaks_before(c: char, next: char) -> bool {
    breaks_at(c) || (matches!(c, '\'' | '"' | '’' | '”') && next.is_alphanumeric())
}

/// A word with Hangul and, inside it, a character a browser may break at.
fn keep_whole(word: &str) -> bool {
    // Most words are letters and digits, maybe with a stop or a comma:
    // nothing in them breaks, and one look at their characters says so.
    if word
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || is_hangul(c) || matches!(c, '.' | ','))
    {
        return false;
    }
    has_a_break_to_hold(word)
}

/// `keep_whole` for a word that may hold a mark: a break inside it (not
/// after its first character alone), short enough to keep, with Hangul.
fn has_a_break_to_hold(word: &str) -> bool {
    let mut chars = word.chars();
    if chars.next().is_none() || chars.next_back().is_none() {
        return false;
    }
    // Every character but the first, each with the one after it: a mark
    // that ends the word is no break inside it.
    let rest = &word[word.chars().next().map_or(0, char::len_utf8)..];
    let mut marks = rest.chars().zip(rest.chars().skip(1));
    marks.any(|(c, next)| breaks_before(c, next))
        && word.chars().count() <= UNBROKEN_MAX
        && word.chars().any(is_hangul)
}

fn is_hangul(c: char) -> bool {
    crate::tokenize::is_hangul(c)
}

/// `text` with smart punctuation, read as following `before` (`None`: the
/// text starts a line or a block).
pub fn smarten_after(before: Option<char>, text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let mut prev = before;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        let made = match c {
            '"' => Some(if opens_after(prev) { '“' } else { '”' }),
            '\'' => {
                let next = chars.peek().copied();
                let apostrophe = next.is_some_and(|n| n.is_ascii_digit())
                    || (prev.is_some_and(char::is_alphanumeric)
                        && next.is_some_and(char::is_alphanumeric));
                Some(if !apostrophe && opens_after(prev) {
                    '‘'
                } else {
                    '’'
                })
            }
            '.' if chars.clone().take(2).eq(['.', '.']) => {
                chars.next();
                chars.next();
                Some('…')
            }
            '-' if chars.peek() == Some(&'-') => {
                let mut count = 1;
                while chars.next_if_eq(&'-').is_some() {
                    count += 1;
                }
                push_dashes(&mut out, count);
                prev = out.chars().next_back();
                None
            }
            _ => Some(c),
        };
        if let Some(m) = made {
            out.push(m);
            prev = Some(m);
        }
    }
    out
}

/// `text` with smart punctuation, starting a line.
pub fn smarten(text: &str) -> String {
    smarten_after(None, text)
}

/// Whether `text` holds anything `smarten` would change.
pub fn needs_smartening(text: &str) -> bool {
    // Byte searches: this runs on every text of every body. A hyphen is rare
    // in prose, so each is looked at; `...` is searched with a searcher made
    // once, not one per text.
    static ELLIPSIS: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
        std::sync::LazyLock::new(|| memchr::memmem::Finder::new(b"..."));
    let bytes = text.as_bytes();
    memchr::memchr2(b'"', b'\'', bytes).is_some()
        || memchr::memchr_iter(b'-', bytes).any(|at| bytes.get(at + 1) == Some(&b'-'))
        || ELLIPSIS.find(bytes).is_some()
}

/// Whether a quote mark after `prev` opens.
fn opens_after(prev: Option<char>) -> bool {
    match prev {
        None => true,
        Some(c) => c.is_whitespace() || is_opening_bracket(c) || is_dash(c),
    }
}

fn is_opening_bracket(c: char) -> bool {
    matches!(
        c,
        '(' | '['
            | '{'
            | '<'
            | '“'
            | '‘'
            | '«'
            | '‹'
            | '「'
            | '『'
            | '【'
            | '〈'
            | '《'
            | '〔'
            | '〖'
            | '〘'
            | '（'
            | '［'
            | '｛'
            | '〝'
    )
}

fn is_dash(c: char) -> bool {
    matches!(c, '-' | '‐' | '‒' | '–' | '—' | '―' | '⸺' | '⸻')
}

/// A run of `count` (2 or more) hyphens as pulldown-cmark made it.
fn push_dashes(out: &mut String, count: usize) {
    let (ems, ens) = match count {
        2 => (0, 1),
        3 => (1, 0),
        _ => match count % 6 {
            0 | 3 => (count / 3, 0),
            2 | 4 => (0, count / 2),
            1 => (count / 3 - 1, 2),
            _ => (count / 3, 1),
        },
    };
    out.extend(std::iter::repeat_n('—', ems));
    out.extend(std::iter::repeat_n('–', ens));
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// The quick look `keep_whole` takes first never decides otherwise
        /// than the whole test would.
        #[test]
        fn the_quick_look_at_a_word_agrees_with_the_whole_test(
            // A few letters of each kind, so that marks come up often.
            word in "[a-cA-C0-9가나다한.,%()·—'\"’”\\-]{0,24}"
        ) {
            proptest::prop_assert_eq!(keep_whole(&word), has_a_break_to_hold(&word));
        }
    }

    #[test]
    fn korean_words_printed_by_templates_are_joined_at_their_marks() {
        assert_eq!(
            join_korean_words("메타가 400억달러(약 52조) 투자").as_deref(),
            Some("메타가 400억달러\u{2060}(\u{2060}약 52조) 투자")
        );
        assert_eq!(
            join_korean_words("지분 51%로 늘려").as_deref(),
            Some("지분 51\u{2060}%\u{2060}로 늘려")
        );
        // English words and Korean words without a mark are left alone.
        assert_eq!(join_korean_words("a (b) c, 네이버가 투자"), None);
        assert_eq!(join_korean_words("state-of-the-art models"), None);
    }

    fn bound(text: &str) -> String {
        bind_amounts(text).unwrap_or_else(|| text.to_string())
    }

    #[test]
    fn an_amount_is_bound_to_its_qualifier_and_its_words() {
        assert_eq!(
            bound("about $14.3 billion for a stake"),
            "about\u{a0}$14.3\u{a0}billion for a stake"
        );
        assert_eq!(
            bound("메타가 약 143억달러를 들여"),
            "메타가 약\u{a0}143억달러를 들여"
        );
        assert_eq!(bound("(약 13조 원)을"), "(약\u{a0}13조\u{a0}원)을");
        assert_eq!(
            bound("100억달러(약 13조원)를"),
            "100억달러(약\u{a0}13조원)를"
        );
        assert_eq!(
            bound("최대 1조 2천억 원 규모"),
            "최대\u{a0}1조\u{a0}2천억\u{a0}원 규모"
        );
        assert_eq!(
            bound("(About ₩34 trillion), roughly 5 million."),
            "(About\u{a0}₩34\u{a0}trillion), roughly\u{a0}5\u{a0}million."
        );
    }

    proptest::proptest! {
        #[test]
        fn binding_only_turns_spaces_into_no_break_spaces(text in "[a-z0-9약억조원달러$₩(). ]{0,40}") {
            if let Some(bound) = bind_amounts(&text) {
                proptest::prop_assert_eq!(bound.replace('\u{a0}', " "), text);
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn the_quick_test_says_whether_smartening_changes_the_text(text in "[a-z가 .'\"-]{0,30}") {
            proptest::prop_assert_eq!(needs_smartening(&text), smarten(&text) != text);
        }
    }

    #[test]
    fn digits_are_found_in_any_block() {
        let long = "가".repeat(40);
        assert!(!has_digit(long.as_bytes()));
        assert!(has_digit(format!("{long}7").as_bytes()));
        assert!(has_digit(b"0"));
        assert!(!has_digit(b"/:"));
        assert_eq!(
            bound(&format!("{long} 약 5억 원")),
            format!("{long} 약\u{a0}5억\u{a0}원")
        );
    }

    #[test]
    fn other_spaces_stay_breakable() {
        for text in [
            "no digits here about money",
            "about the 3 deals",
            "in 2024 the company grew",
            "3 billionaires met",
            "약속 10건",
            "$ 5 is not an amount sign before a digit",
        ] {
            assert_eq!(bind_amounts(text), None, "{text}");
        }
    }

    fn check(cases: &[(&str, &str)]) {
        for (input, expected) in cases {
            assert_eq!(smarten(input), *expected, "{input}");
        }
    }

    #[test]
    fn korean_quotes_before_particles_close() {
        check(&[
            ("'라마'를", "‘라마’를"),
            ("\"돌멩이\"라고", "“돌멩이”라고"),
            ("\"AI\"는", "“AI”는"),
            ("메타는 '라마'를 공개했다", "메타는 ‘라마’를 공개했다"),
            ("그는 \"돌멩이\"라고 불렀다", "그는 “돌멩이”라고 불렀다"),
            ("'오픈AI'와 \"앤트로픽\"이", "‘오픈AI’와 “앤트로픽”이"),
        ]);
    }

    #[test]
    fn a_quote_after_hangul_closes() {
        check(&[
            ("라마\"를", "라마”를"),
            ("라마'", "라마’"),
            ("말했다\"", "말했다”"),
        ]);
    }

    #[test]
    fn nested_quotes() {
        check(&[
            ("\"'라마'\"", "“‘라마’”"),
            ("'\"AI\"'", "‘“AI”’"),
            (
                "그는 \"메타의 '라마'가 이겼다\"고 했다",
                "그는 “메타의 ‘라마’가 이겼다”고 했다",
            ),
            ("\"She said 'no'\"", "“She said ‘no’”"),
        ]);
    }

    #[test]
    fn apostrophes() {
        check(&[
            ("it's", "it’s"),
            ("don't", "don’t"),
            ("Meta's model", "Meta’s model"),
            ("the '90s", "the ’90s"),
            ("'90s", "’90s"),
            ("rock 'n' roll", "rock ‘n’ roll"),
            ("the students' work", "the students’ work"),
        ]);
    }

    #[test]
    fn quotes_after_brackets_and_dashes_open() {
        check(&[
            ("(\"인용\")", "(“인용”)"),
            ("('인용')", "(‘인용’)"),
            ("[\"a\"]", "[“a”]"),
            ("—\"인용\"", "—“인용”"),
            ("–'x'", "–‘x’"),
            ("a---\"b\"", "a—“b”"),
            ("「\"인용\"」", "「“인용”」"),
            ("（'인용'）", "（‘인용’）"),
        ]);
    }

    #[test]
    fn quotes_at_line_start_and_after_whitespace_open() {
        check(&[
            ("\"Hello\"", "“Hello”"),
            ("'Hello'", "‘Hello’"),
            ("say \"hi\" now", "say “hi” now"),
            ("say\t'hi'", "say\t‘hi’"),
            ("a\n\"b\"", "a\n“b”"),
        ]);
    }

    #[test]
    fn closing_quotes_before_punctuation() {
        check(&[
            ("\"끝\".", "“끝”."),
            ("'끝',", "‘끝’,"),
            ("\"end\"?", "“end”?"),
            ("\"인용\"…", "“인용”…"),
            ("\"end.\"", "“end.”"),
        ]);
    }

    #[test]
    fn the_character_before_decides_across_runs() {
        // `*"강조"*` is judged as `"강조"`: the emphasis is markup.
        assert_eq!(smarten_after(None, "\"강조\""), "“강조”");
        assert_eq!(smarten_after(Some(' '), "\"강조\""), "“강조”");
        assert_eq!(smarten_after(Some('조'), "\"를"), "”를");
        assert_eq!(smarten_after(Some('“'), "'라마'"), "‘라마’");
        assert_eq!(smarten_after(Some('t'), "'s"), "’s");
        assert_eq!(smarten_after(Some('—'), "\"x\""), "“x”");
    }

    #[test]
    fn dashes_and_ellipses_as_before() {
        check(&[
            ("a--b", "a–b"),
            ("a---b", "a—b"),
            ("a - b", "a - b"),
            ("----", "––"),
            ("-----", "—–"),
            ("------", "——"),
            ("-------", "—––"),
            ("wait...", "wait…"),
            ("......", "……"),
            ("a..b", "a..b"),
            ("2020--2024", "2020–2024"),
        ]);
    }

    #[test]
    fn curly_marks_and_plain_text_are_left_alone() {
        check(&[
            ("“이미 둥근” ‘따옴표’", "“이미 둥근” ‘따옴표’"),
            ("따옴표 없음", "따옴표 없음"),
            ("", ""),
        ]);
        assert!(!needs_smartening("따옴표 없음 - 하나"));
        assert!(needs_smartening("it's"));
        assert!(needs_smartening("a--b"));
        assert!(needs_smartening("a..."));
    }

    #[test]
    fn smartening_twice_changes_nothing_more() {
        for text in ["'라마'를", "\"'라마'\"", "it's -- the '90s...", "a---\"b\""] {
            let once = smarten(text);
            assert_eq!(smarten(&once), once, "{text}");
        }
    }

    #[test]
    fn korean_words_with_punctuation_inside_are_kept_whole() {
        let kept = |text: &str| -> Vec<String> {
            unbroken_words(text)
                .unwrap_or_default()
                .into_iter()
                .filter(|(_, keep)| *keep)
                .map(|(w, _)| w.to_string())
                .collect()
        };
        assert_eq!(
            kept("거대언어모델(LLM)이나 51%로 잘못, AI 안전·연구 기업"),
            ["거대언어모델(LLM)이나", "51%로", "안전·연구"]
        );
        assert_eq!(kept("‘라마(Llama)’ 시리즈"), ["‘라마(Llama)’"]);
        // A browser ends a line after a closing quote before a particle
        // (`“돌멩이”⏎라고`); a final period and English words break as they
        // always do.
        assert_eq!(
            kept("“돌멩이”라고 했다. post-money (LLM) it’s"),
            ["“돌멩이”라고"]
        );
        assert_eq!(kept("'라마'를 봤다"), ["'라마'를"]);
        // Too long to keep on a phone's line.
        assert!(kept("https://example.com/아주/긴/주소/입니다/정말로요").is_empty());
        assert_eq!(unbroken_words("그냥 문장이다"), None);
    }

    #[test]
    fn the_byte_check_finds_every_character_breaks_at_takes() {
        for c in ['(', '%', '/', '-', '~', '·', '–', '—', '‐', '…'] {
            assert!(breaks_at(c), "{c}");
            assert!(
                may_break_a_korean_word(format!("가{c}나").as_bytes()),
                "{c}"
            );
        }
        // A closing quote breaks only before a letter, which `keep_whole`
        // looks at; the byte check finds every quote mark.
        for c in ['‘', '’', '“', '”', '\'', '"'] {
            assert!(!breaks_at(c), "{c}");
            assert!(
                may_break_a_korean_word(format!("가{c}나").as_bytes()),
                "{c}"
            );
        }
        for c in ['.', ','] {
            assert!(
                !may_break_a_korean_word(format!("가{c}나").as_bytes()),
                "{c}"
            );
        }
        assert!(!may_break_a_korean_word(b"a-b (c) 50%"));
        for b in 0u8..0x80 {
            let c = b as char;
            if breaks_at(c) {
                assert!(BREAK_LEADS[b as usize], "{c:?}");
            }
        }
    }

    #[test]
    fn the_pieces_are_the_text_in_order() {
        for text in [
            "앞 51%로 뒤",
            "51%로",
            "  두 칸  51%로\n다음 줄 안전·연구",
            "a-b 가-나",
        ] {
            let pieces = unbroken_words(text).unwrap();
            assert_eq!(pieces.iter().map(|(p, _)| *p).collect::<String>(), text);
        }
    }
}

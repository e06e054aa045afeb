//! Slugs: the path segments of output URLs. They keep Hangul and other letters,
//! lower-case them, and turn everything else into single dashes, so a slug can
//! never contain `/`, `..` or a leading `.`.

use unicode_normalization::{IsNormalized, UnicodeNormalization};

/// Names Windows refuses as file names; a slug equal to one gets a trailing `-`
/// so a site built on Linux still checks out on Windows.
const WINDOWS_RESERVED: &[&str] = &[
    "con", "prn", "aux", "nul", "com1", "com2", "com3", "com4", "com5", "com6", "com7", "com8",
    "com9", "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9",
];

/// The slug of `text`: NFKC, lower-case letters and digits, other runs to `-`.
/// Empty when `text` has no letter or digit.
pub fn slugify(text: &str) -> String {
    // Most names and headings are NFKC already (ASCII, Hangul syllables):
    // the quick check says so without decomposing and recomposing them.
    if unicode_normalization::is_nfkc_quick(text.chars()) == IsNormalized::Yes {
        slug_of_normalized(text)
    } else {
        slug_of_normalized(&text.nfkc().collect::<String>())
    }
}

/// `slugify` of a text already in NFKC.
fn slug_of_normalized(text: &str) -> String {
    let mut slug = String::with_capacity(text.len());
    let mut dash = false;
    for c in text.chars().flat_map(char::to_lowercase) {
        // A Hangul syllable is a letter; asked first, it skips a slow table.
        if crate::tokenize::is_hangul(c) || c.is_alphanumeric() {
            if dash && !slug.is_empty() {
                slug.push('-');
            }
            dash = false;
            slug.push(c);
        } else {
            dash = true;
        }
    }
    if WINDOWS_RESERVED.contains(&slug.as_str()) {
        slug.push('-');
    }
    slug
}

/// A key for comparing company names and aliases: case-insensitive, whitespace removed,
/// so `스케일AI`, `스케일 AI` and `스케일 ai` are one name.
pub fn name_key(text: &str) -> String {
    text.nfkc()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// The quick check changes nothing: the slug is the one of the
        /// text put through NFKC first, compatibility characters and
        /// combining marks included.
        #[test]
        fn a_slug_is_the_slug_of_the_nfkc_text(
            text in "[a-cA-C0-9 가한ＡＢ１ﬁ①é\u{0301}\u{1100}\u{1161}\u{11A8}ㄱ_./·-]{0,16}"
        ) {
            let nfkc: String = text.nfkc().collect();
            proptest::prop_assert_eq!(slugify(&text), slug_of_normalized(&nfkc));
        }
    }

    #[test]
    fn keeps_hangul_and_lowercases() {
        assert_eq!(slugify("Scale AI"), "scale-ai");
        assert_eq!(slugify("네이버 벤처스"), "네이버-벤처스");
        assert_eq!(slugify("데이터 라벨링!"), "데이터-라벨링");
        assert_eq!(slugify("  Meta / Scale AI — 2025 "), "meta-scale-ai-2025");
    }

    #[test]
    fn never_contains_path_tricks() {
        for hostile in [
            "../../etc/passwd",
            ".hidden",
            "a/b",
            "..",
            "/abs",
            "C:\\win",
        ] {
            let slug = slugify(hostile);
            assert!(!slug.contains('/') && !slug.contains("..") && !slug.starts_with('.'));
            assert!(!slug.contains('\\'));
        }
        assert_eq!(slugify("../.."), "");
        assert_eq!(slugify("!!!"), "");
    }

    #[test]
    fn full_width_and_reserved_names() {
        assert_eq!(slugify("ＡＩ２０２５"), "ai2025");
        assert_eq!(slugify("CON"), "con-");
    }

    #[test]
    fn name_keys_ignore_case_and_spaces() {
        assert_eq!(name_key("스케일 AI"), name_key("스케일ai"));
        assert_eq!(name_key("Twelve Labs"), "twelvelabs");
    }
}

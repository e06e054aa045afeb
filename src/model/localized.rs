//! Free-text fields written once or per language (section 5): `sector: 데이터
//! 라벨링`, or `sector: {ko: 데이터 라벨링, en: data labeling}`.

use std::collections::BTreeMap;

/// A free-text value: one text for every language, or a text per language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Localized {
    Every(String),
    ByLanguage(BTreeMap<String, String>),
}

impl Localized {
    /// What a page in `lang` shows: that language's text, else the default
    /// language's; `None` when the map has neither (a page never shows a
    /// third language's text).
    pub fn get(&self, lang: &str, default: &str) -> Option<&str> {
        match self {
            Localized::Every(text) => Some(text),
            Localized::ByLanguage(map) => map
                .get(lang)
                .or_else(|| map.get(default))
                .map(String::as_str),
        }
    }

    /// Every text it holds, for search and checks.
    pub fn all(&self) -> impl Iterator<Item = &str> {
        let (one, many) = match self {
            Localized::Every(text) => (Some(text.as_str()), None),
            Localized::ByLanguage(map) => (None, Some(map.values().map(String::as_str))),
        };
        one.into_iter().chain(many.into_iter().flatten())
    }
}

/// Whether `key` looks like a language code (`ko`, `en`, `zh-Hant`): a map
/// whose keys are not is more likely a mistake than a translation.
pub fn is_language_code(key: &str) -> bool {
    let mut parts = key.split('-');
    let first = parts.next().unwrap_or_default();
    (2..=3).contains(&first.len())
        && first.bytes().all(|b| b.is_ascii_lowercase())
        && parts.all(|p| (1..=8).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphanumeric()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn by(pairs: &[(&str, &str)]) -> Localized {
        Localized::ByLanguage(
            pairs
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
        )
    }

    #[test]
    fn one_text_serves_every_language() {
        let l = Localized::Every("San Francisco".into());
        assert_eq!(l.get("ko", "ko"), Some("San Francisco"));
        assert_eq!(l.get("en", "ko"), Some("San Francisco"));
    }

    #[test]
    fn a_map_gives_the_page_language_then_the_default() {
        let l = by(&[("ko", "데이터 라벨링"), ("en", "data labeling")]);
        assert_eq!(l.get("en", "ko"), Some("data labeling"));
        assert_eq!(l.get("ko", "ko"), Some("데이터 라벨링"));
        let only_ko = by(&[("ko", "데이터 라벨링")]);
        assert_eq!(only_ko.get("en", "ko"), Some("데이터 라벨링"));
        let only_ja = by(&[("ja", "データ")]);
        assert_eq!(only_ja.get("en", "ko"), None);
    }

    #[test]
    fn language_codes() {
        for ok in ["ko", "en", "zh-Hant", "pt-BR", "yue"] {
            assert!(is_language_code(ok), "{ok}");
        }
        for bad in ["", "k", "KO", "korean", "ko-", "한국어", "e n"] {
            assert!(!is_language_code(bad), "{bad}");
        }
    }
}

//! Code highlighting with syntect into CSS classes. The syntax set is large, so
//! it is loaded once, and only when a page has a code block.

use std::sync::OnceLock;
use syntect::highlighting::ThemeSet;
use syntect::html::{ClassStyle, ClassedHTMLGenerator, css_for_theme_with_class_style};
use syntect::parsing::SyntaxSet;
use syntect::util::LinesWithEndings;

const CLASS_STYLE: ClassStyle = ClassStyle::SpacedPrefixed { prefix: "hl-" };
/// Colours for code in dark mode, whatever the light theme is.
const DARK_THEME: &str = "base16-ocean.dark";

fn syntaxes() -> &'static SyntaxSet {
    static SET: OnceLock<SyntaxSet> = OnceLock::new();
    SET.get_or_init(SyntaxSet::load_defaults_newlines)
}

fn themes() -> &'static ThemeSet {
    static SET: OnceLock<ThemeSet> = OnceLock::new();
    SET.get_or_init(ThemeSet::load_defaults)
}

pub fn theme_exists(name: &str) -> bool {
    themes().themes.contains_key(name)
}

pub fn theme_names() -> Vec<&'static str> {
    themes().themes.keys().map(String::as_str).collect()
}

/// The `<pre><code>` block for `code` in language `lang` (a fence's info string).
pub fn highlight_block(code: &str, lang: &str) -> String {
    let lang = lang.split([' ', ',', '{']).next().unwrap_or("").trim();
    let set = syntaxes();
    let syntax = (!lang.is_empty())
        .then(|| set.find_syntax_by_token(lang))
        .flatten();
    let class = if lang.is_empty() {
        String::new()
    } else {
        format!(" class=\"language-{}\"", crate::escape::escape_html(lang))
    };
    let Some(syntax) = syntax else {
        return format!(
            "<pre class=\"code\"><code{class}>{}</code></pre>\n",
            crate::escape::escape_html(code)
        );
    };
    let mut generator = ClassedHTMLGenerator::new_with_class_style(syntax, set, CLASS_STYLE);
    for line in LinesWithEndings::from(code) {
        // A line syntect cannot parse falls back to plain escaped text below.
        if generator
            .parse_html_for_line_which_includes_newline(line)
            .is_err()
        {
            return format!(
                "<pre class=\"code\"><code{class}>{}</code></pre>\n",
                crate::escape::escape_html(code)
            );
        }
    }
    format!(
        "<pre class=\"code hl-code\"><code{class}>{}</code></pre>\n",
        generator.finalize()
    )
}

/// The stylesheet for highlighted code: the configured theme, and a dark one
/// under `prefers-color-scheme: dark`.
pub fn stylesheet(theme: &str) -> String {
    let set = themes();
    let light = set
        .themes
        .get(theme)
        .and_then(|t| css_for_theme_with_class_style(t, CLASS_STYLE).ok())
        .unwrap_or_default();
    let dark = set
        .themes
        .get(DARK_THEME)
        .and_then(|t| css_for_theme_with_class_style(t, CLASS_STYLE).ok())
        .unwrap_or_default();
    format!("{light}\n@media (prefers-color-scheme: dark) {{\n{dark}\n}}\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_language_gets_classes() {
        let html = highlight_block("fn main() {}\n", "rust");
        assert!(html.contains("hl-code"));
        assert!(html.contains("<span class=\"hl-"));
    }

    #[test]
    fn unknown_language_is_escaped_plain_text() {
        let html = highlight_block("<b>x</b>\n", "nosuchlang");
        assert!(html.contains("&lt;b&gt;"));
        assert!(!html.contains("hl-code"));
    }

    #[test]
    fn stylesheet_has_theme_and_dark_mode() {
        let css = stylesheet("InspiredGitHub");
        assert!(css.contains(".hl-"));
        assert!(css.contains("prefers-color-scheme: dark"));
    }
}

//! Problems found while building, collected as values so one build reports
//! them all at once, each pointing at `PATH:LINE:COLUMN` with the offending line.

use std::fmt;

/// A position in file terms: 1-based line and character column of the whole file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Pos {
    pub line: usize,
    pub column: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Severity {
    Error,
    Warning,
}

/// One problem in one file. Lines and columns are 1-based; a column counts
/// characters (not bytes, not terminal cells), as editors' "Col" does. The caret
/// under the shown line is placed by terminal width instead (see [`caret_lead`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    pub path: String,
    pub line: usize,
    pub column: usize,
    pub message: String,
    /// The offending source line, shown under the message with a caret.
    pub source_line: Option<String>,
    pub help: Option<String>,
}

impl Diagnostic {
    /// An error at `line:column` of `text`, the contents of the file at `path`.
    pub fn error(
        path: &str,
        text: &str,
        line: usize,
        column: usize,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            severity: Severity::Error,
            path: path.to_string(),
            line: line.max(1),
            column: column.max(1),
            message: message.into(),
            source_line: text.lines().nth(line.saturating_sub(1)).map(str::to_string),
            help: None,
        }
    }

    /// An error about a whole file (shown at 1:1) when no finer position exists.
    pub fn file_error(path: &str, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            path: path.to_string(),
            line: 1,
            column: 1,
            message: message.into(),
            source_line: None,
            help: None,
        }
    }

    pub fn warning(self) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..self
        }
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let label = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(
            f,
            "{label}: {}:{}:{}: {}",
            self.path, self.line, self.column, self.message
        )?;
        if let Some(source) = &self.source_line {
            let number = self.line.to_string();
            let pad = " ".repeat(number.len());
            let lead = caret_lead(source, self.column);
            write!(f, "\n{pad} |\n{number} | {source}\n{pad} | {lead}^")?;
        }
        if let Some(help) = &self.help {
            write!(f, "\n  = help: {help}")?;
        }
        Ok(())
    }
}

/// What goes before the `^` under `source` so that it sits under the
/// character at `column` (1-based) as a terminal shows the line: one space per
/// column each character before it takes (two for Hangul and other wide
/// characters, none for combining marks), and tabs kept as tabs, since a
/// terminal expands them the same way on both lines.
pub fn caret_lead(source: &str, column: usize) -> String {
    let mut lead = String::new();
    for c in source.chars().take(column.saturating_sub(1)) {
        if c == '\t' {
            lead.push('\t');
        } else {
            let width = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
            lead.extend(std::iter::repeat_n(' ', width));
        }
    }
    lead
}

/// Every problem of a build, in the order found.
#[derive(Debug, Default, Clone)]
pub struct Diagnostics(pub Vec<Diagnostic>);

impl Diagnostics {
    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.0.push(diagnostic);
    }

    pub fn extend(&mut self, other: impl IntoIterator<Item = Diagnostic>) {
        self.0.extend(other);
    }

    pub fn has_errors(&self) -> bool {
        self.0.iter().any(Diagnostic::is_error)
    }

    pub fn errors(&self) -> impl Iterator<Item = &Diagnostic> {
        self.0.iter().filter(|d| d.is_error())
    }

    pub fn warnings(&self) -> impl Iterator<Item = &Diagnostic> {
        self.0.iter().filter(|d| !d.is_error())
    }

    /// Sorted by file then position, so output is stable whatever the thread order.
    pub fn sorted(mut self) -> Self {
        self.0
            .sort_by(|a, b| (&a.path, a.line, a.column).cmp(&(&b.path, b.line, b.column)));
        self
    }
}

/// Colours the labels of rendered diagnostics for a terminal: `error` red,
/// `warning` yellow, `help` cyan. With `enabled` false the text is unchanged.
pub fn paint(text: &str, enabled: bool) -> String {
    if !enabled {
        return text.to_string();
    }
    text.lines()
        .map(|line| {
            if let Some(rest) = line.strip_prefix("error:") {
                format!("\x1b[1;31merror\x1b[0m:{rest}")
            } else if let Some(rest) = line.strip_prefix("warning:") {
                format!("\x1b[1;33mwarning\x1b[0m:{rest}")
            } else if let Some(rest) = line.strip_prefix("  = help:") {
                format!("  = \x1b[36mhelp\x1b[0m:{rest}")
            } else {
                line.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
        + if text.ends_with('\n') { "\n" } else { "" }
}

/// Whether to colour output: only on a terminal, and never with `NO_COLOR` set.
pub fn use_colour(is_terminal: bool, no_color: Option<&std::ffi::OsStr>) -> bool {
    is_terminal && no_color.is_none_or(|v| v.is_empty())
}

/// How many problems a failed build prints before it only counts the rest.
pub const SHOWN_AT_MOST: usize = 50;

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, d) in self.0.iter().take(SHOWN_AT_MOST).enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            writeln!(f, "{d}")?;
        }
        if self.0.len() > SHOWN_AT_MOST {
            writeln!(f, "\n… and {} more not shown", self.0.len() - SHOWN_AT_MOST)?;
        }
        Ok(())
    }
}

/// The candidate closest to `word` by edit distance, if it is close enough to be
/// a likely typo: for "did you mean" hints.
pub fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let limit = 2.max(word.chars().count() / 3);
    candidates
        .into_iter()
        .map(|c| (strsim::levenshtein(word, c), c))
        .filter(|(d, _)| *d <= limit)
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

/// A 1-based line and column for a byte offset into `text`.
pub fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = &text[..floor_char_boundary(text, offset)];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[line_start..].chars().count() + 1;
    (line, column)
}

fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_path_line_column_and_caret() {
        let text = "title: x\nstauts: closed\n";
        let d = Diagnostic::error("a.md", text, 2, 1, "unknown field `stauts`");
        assert_eq!(
            d.to_string(),
            "error: a.md:2:1: unknown field `stauts`\n  |\n2 | stauts: closed\n  | ^"
        );
    }

    #[test]
    fn the_caret_sits_under_wide_characters_as_a_terminal_shows_them() {
        // Hangul syllables are two columns wide: `rol` is character 21, cell 24.
        let line = "  - { speaker: 이해진, rol: 의장 }";
        assert_eq!(caret_lead(line, 21), " ".repeat(23));
        let d = Diagnostic::error("a.md", line, 1, 21, "unknown field `rol`");
        assert_eq!(
            d.to_string(),
            format!(
                "error: a.md:1:21: unknown field `rol`\n  |\n1 | {line}\n  | {}^",
                " ".repeat(23)
            )
        );
        // Full-width forms and CJK ideographs are wide too; ASCII is one column.
        assert_eq!(caret_lead("ＡＢ漢x", 4), " ".repeat(6));
        assert_eq!(caret_lead("abc", 3), "  ");
    }

    #[test]
    fn the_caret_keeps_tabs_and_skips_zero_width_characters() {
        assert_eq!(caret_lead("\t- x", 2), "\t");
        // `e` + combining acute accent is one cell.
        assert_eq!(caret_lead("e\u{301}x", 3), " ");
        // A column past the end of the line stops at the end.
        assert_eq!(caret_lead("ab", 10), "  ");
        assert_eq!(caret_lead("", 1), "");
    }

    #[test]
    fn long_lists_are_capped_with_a_count() {
        let all = Diagnostics(
            (0..60)
                .map(|i| Diagnostic::file_error(&format!("f{i}.md"), "bad"))
                .collect(),
        );
        let text = all.to_string();
        assert_eq!(text.matches("error: ").count(), SHOWN_AT_MOST);
        assert!(text.ends_with("… and 10 more not shown\n"));
    }

    #[test]
    fn colour_only_on_a_terminal_without_no_color() {
        let text = "error: a.md:1:1: bad\n  = help: fix it\nwarning: b.md:2:2: hm\n";
        assert_eq!(paint(text, false), text);
        let painted = paint(text, true);
        assert!(painted.starts_with("\x1b[1;31merror\x1b[0m: a.md:1:1: bad\n"));
        assert!(painted.contains("\x1b[36mhelp"));
        assert!(painted.ends_with('\n'));
        assert!(use_colour(true, None));
        assert!(use_colour(true, Some(std::ffi::OsStr::new(""))));
        assert!(!use_colour(true, Some(std::ffi::OsStr::new("1"))));
        assert!(!use_colour(false, None));
    }

    #[test]
    fn closest_finds_likely_typos_only() {
        assert_eq!(
            closest("stauts", ["status", "stake", "date"]),
            Some("status")
        );
        assert_eq!(closest("스케일에이아이", ["스케일ai", "메타"]), None);
        assert_eq!(
            closest("antropic", ["anthropic", "openai"]),
            Some("anthropic")
        );
        assert_eq!(closest("zzzz", ["anthropic"]), None);
    }

    #[test]
    fn line_column_counts_characters() {
        let text = "a\n한국어 x";
        assert_eq!(line_column(text, text.find('x').unwrap()), (2, 5));
        assert_eq!(line_column(text, 0), (1, 1));
    }
}

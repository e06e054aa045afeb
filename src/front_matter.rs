//! Splitting a Markdown file into YAML front matter and body, and turning YAML
//! into typed structs with errors that point at lines of the whole file.

use crate::diagnostics::Diagnostic;
use crate::load::SourceFile;
use serde::de::DeserializeOwned;

/// A file cut at its `---` lines. Line numbers are 1-based lines of the whole file.
#[derive(Debug)]
pub struct Split<'a> {
    pub yaml: &'a str,
    pub yaml_line: usize,
    pub body: &'a str,
}

fn is_fence(line: &str) -> bool {
    line.trim_end() == "---"
}

/// Splits `file` into front matter and body.
pub fn split(file: &SourceFile) -> Result<Split<'_>, Diagnostic> {
    let text = file.text.as_str();
    if text.trim().is_empty() {
        return Err(Diagnostic::file_error(
            &file.rel,
            "the file is empty; it needs front matter between `---` lines",
        ));
    }
    let first_end = text.find('\n').unwrap_or(text.len());
    if !is_fence(&text[..first_end]) {
        return Err(Diagnostic::error(
            &file.rel,
            text,
            1,
            1,
            "the file must start with front matter: a line `---`, YAML, then another `---`",
        ));
    }
    let yaml_start = (first_end + 1).min(text.len());
    let mut offset = yaml_start;
    for line in text[yaml_start..].split_inclusive('\n') {
        if is_fence(line) {
            let body_start = offset + line.len();
            return Ok(Split {
                yaml: &text[yaml_start..offset],
                yaml_line: 2,
                body: &text[body_start.min(text.len())..],
            });
        }
        offset += line.len();
    }
    Err(Diagnostic::error(
        &file.rel,
        text,
        1,
        1,
        "the front matter is not closed; add a line `---` after it",
    ))
}

/// A position inside the front matter (as serde-saphyr reports it) in file terms.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Pos {
    pub line: usize,
    pub column: usize,
}

impl Pos {
    pub fn of(location: &serde_saphyr::Location, yaml_line: usize) -> Pos {
        Pos {
            line: location.line() as usize + yaml_line - 1,
            column: location.column() as usize,
        }
    }
}

/// An error at a position of `file`.
pub fn error_at(file: &SourceFile, pos: Pos, message: impl Into<String>) -> Diagnostic {
    Diagnostic::error(&file.rel, &file.text, pos.line, pos.column, message)
}

/// Deserializes the front matter into `T`; strict booleans, duplicate keys rejected.
pub fn deserialize<T: DeserializeOwned>(file: &SourceFile, split: &Split) -> Result<T, Diagnostic> {
    if split.yaml.trim().is_empty() {
        return Err(Diagnostic::error(
            &file.rel,
            &file.text,
            1,
            1,
            "the front matter is empty",
        ));
    }
    let options = serde_saphyr::options! { strict_booleans: true, with_snippet: false };
    serde_saphyr::from_str_with_options(split.yaml, options).map_err(|e| {
        let pos = e
            .location()
            .map(|l| Pos::of(&l, split.yaml_line))
            .unwrap_or(Pos {
                line: split.yaml_line,
                column: 1,
            });
        let message = e.without_snippet().render();
        let message = plain_message(strip_location_suffix(&message));
        let mut d = error_at(file, pos, message.as_str());
        if let Some(hint) = unknown_field_hint(&message) {
            d = d.with_help(hint);
        } else if message.contains("tabs") {
            d = d.with_help("YAML indents with spaces; replace the tab with spaces");
        } else if message.contains("true or false") {
            d = d.with_help("words such as yes, no, on and off are not booleans here");
        }
        d
    })
}

/// serde-saphyr's words for what it expected, in an editor's words.
fn plain_message(message: &str) -> String {
    if message == "expected string scalar" {
        return "expected text here, not a list or a map".into();
    }
    if message == "expected sequence start" {
        return "expected a list here: `- item` lines or `[a, b]`".into();
    }
    if message == "expected mapping start" {
        return "expected a map here: `key: value` lines or `{ key: value }`".into();
    }
    if message.starts_with("invalid boolean") {
        return "expected true or false".into();
    }
    if let Some(rest) = message.strip_prefix("duplicate mapping key: ") {
        let key = rest.split(',').next().unwrap_or(rest);
        return format!("the key `{key}` appears twice");
    }
    message.to_string()
}

/// serde-saphyr ends messages with ` at line L, column C`; we show the position ourselves.
fn strip_location_suffix(message: &str) -> &str {
    match message.rfind(" at line ") {
        Some(i) if message[i..].contains(", column ") => &message[..i],
        _ => message,
    }
}

/// For ``unknown field `stauts`, expected one of a, b``: the closest expected name.
pub fn unknown_field_hint(message: &str) -> Option<String> {
    let rest = message.strip_prefix("unknown field `")?;
    let (field, rest) = rest.split_once('`')?;
    let expected = rest.split_once("expected one of ")?.1;
    let candidates = expected.split(',').map(|s| s.trim().trim_matches('`'));
    crate::diagnostics::closest(field, candidates).map(|c| format!("did you mean `{c}`?"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(text: &str) -> SourceFile {
        SourceFile {
            rel: "content/briefings/a.md".into(),
            text: text.into(),
        }
    }

    #[test]
    fn splits_front_matter_and_body() {
        let f = file("---  \ntitle: x\n---\nBody\n");
        let s = split(&f).unwrap();
        assert_eq!(s.yaml, "title: x\n");
        assert_eq!(s.body, "Body\n");
    }

    #[test]
    fn unclosed_and_missing_front_matter_are_errors() {
        assert!(
            split(&file("---\ntitle: x\n"))
                .unwrap_err()
                .message
                .contains("not closed")
        );
        assert!(
            split(&file("title: x\n"))
                .unwrap_err()
                .message
                .contains("must start")
        );
        assert!(split(&file("")).unwrap_err().message.contains("empty"));
    }

    #[derive(serde::Deserialize, Debug)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct T {
        title: String,
        status: Option<String>,
    }

    #[test]
    fn yaml_errors_point_into_the_file_with_a_hint() {
        let f = file("---\ntitle: x\nstauts: closed\n---\n");
        let s = split(&f).unwrap();
        let d = deserialize::<T>(&f, &s).unwrap_err();
        assert_eq!((d.line, d.column), (3, 1));
        assert!(
            d.message.starts_with("unknown field `stauts`"),
            "{}",
            d.message
        );
        assert_eq!(d.help.as_deref(), Some("did you mean `status`?"));
        assert_eq!(d.source_line.as_deref(), Some("stauts: closed"));
    }
}

//! Splitting a Markdown file into YAML front matter and body, reading the YAML
//! into a tree whose nodes know their line and column in the whole file, and
//! decoding that tree field by field, so that every problem of a file is
//! reported at its own place instead of the first hiding the rest.

use crate::diagnostics::Diagnostic;
pub use crate::diagnostics::Pos;
use crate::load::SourceFile;
use crate::model::localized::{Localized, is_language_code};

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

impl Pos {
    /// A position inside the front matter (as serde-saphyr reports it), in file terms.
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

/// A YAML node of the front matter with where it stands in the file.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub pos: Pos,
    pub value: Value,
}

/// What a node holds. Scalars that YAML reads as booleans or numbers keep their
/// text as written, so a field that wants text gets `1.50`, not `1.5`, and an
/// amount's digits stay exact.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// `~`, `null` or nothing at all.
    Null,
    Bool(bool, String),
    Number(String),
    Text(String),
    List(Vec<Node>),
    /// Entries in the order written; keys are nodes so each has its position.
    Map(Vec<(Node, Node)>),
}

impl Node {
    /// The text of a scalar (a string, or a number or boolean as written).
    pub fn scalar_text(&self) -> Option<&str> {
        match &self.value {
            Value::Text(t) | Value::Number(t) | Value::Bool(_, t) => Some(t),
            _ => None,
        }
    }
}

/// The front matter read into a tree, every node with its position. Only YAML
/// that cannot be read at all (a syntax error, a tab, a duplicate key) fails here,
/// with its one error: the parser cannot go on past it. Everything else is left to
/// a [`Decoder`], which reports every problem it finds.
pub fn parse_tree(file: &SourceFile, split: &Split) -> Result<Node, Diagnostic> {
    if split.yaml.trim().is_empty() {
        return Err(Diagnostic::error(
            &file.rel,
            &file.text,
            1,
            1,
            "the front matter is empty",
        ));
    }
    match plain_tree(split) {
        Some(tree) => Ok(tree),
        None => saphyr_tree(file, split),
    }
}

/// The tree as serde-saphyr reads it, for any YAML, with its errors.
fn saphyr_tree(file: &SourceFile, split: &Split) -> Result<Node, Diagnostic> {
    let options = serde_saphyr::options! {
        strict_booleans: true,
        with_snippet: false,
        non_finite_float_policy: serde_saphyr::NonFiniteFloatPolicy::AsString,
    };
    let raw: serde_saphyr::Spanned<RawNode> =
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
            // A `[` or `{` left open makes the parser stumble on a later line;
            // the bracket is what the editor has to fix.
            if let Some((line, column, bracket)) = unclosed_bracket(split.yaml) {
                let at = Pos {
                    line: line + split.yaml_line - 1,
                    column,
                };
                if (at.line, at.column) < (pos.line, pos.column) {
                    return error_at(file, at, format!("this `{bracket}` is never closed"))
                        .with_help(format!(
                            "the YAML parser stopped at line {}, column {}: {message}",
                            pos.line, pos.column
                        ));
                }
            }
            let d = error_at(file, pos, message.as_str());
            if message.contains("tabs") {
                d.with_help("YAML indents with spaces; replace the tab with spaces")
            } else {
                d
            }
        })?;
    Ok(to_node(raw, split))
}

/// The tree of front matter in the common subset of YAML, built straight
/// from the parser's events: one document of maps, lists and scalars, with
/// no anchor, alias, tag, merge key (`<<`) or repeated key, that the parser
/// reads without error. serde-saphyr reads it through the same parser, with
/// positions, at about three times the cost. `None` hands the front matter
/// to serde-saphyr, which reads the rest of YAML and words every error; a
/// property test holds the two to the same tree.
fn plain_tree(split: &Split) -> Option<Node> {
    use granit_parser::{Event, ScalarStyle};
    // serde-saphyr's parser settings and depth limit (its budget's `max_depth`).
    const MAX_DEPTH: usize = 64;
    // Far inside serde-saphyr's budget (250,000 nodes, 64 MiB of scalars):
    // front matter past these is left to it, to refuse or read.
    const MAX_EVENTS: usize = 10_000;
    const MAX_BYTES: usize = 1 << 20;
    if split.yaml.len() > MAX_BYTES {
        return None;
    }
    let options = granit_parser::options! {
        simple_key_max_lookahead: 1024,
        flow_nesting_limit: 255,
        block_nesting_limit: granit_parser::Options::default().block_nesting_limit.max(MAX_DEPTH + 1),
        emit_comments: false,
    };
    enum Open {
        List(Pos, Vec<Node>),
        Map(Pos, Vec<(Node, Node)>, Option<Node>),
    }
    let yaml = split.yaml;
    let pos = |span: &granit_parser::Span| Pos {
        line: span.start.line() + split.yaml_line - 1,
        column: span.start.col() + 1,
    };
    let mut stack: Vec<Open> = Vec::new();
    let mut root = None;
    let mut documents = 0;
    let events = granit_parser::Parser::new_from_str_with_options(yaml, options);
    for (count, event) in events.enumerate() {
        if count > MAX_EVENTS {
            return None;
        }
        let (event, span) = event.ok()?;
        let node = match event {
            Event::StreamStart | Event::StreamEnd | Event::DocumentEnd => continue,
            Event::DocumentStart(..) => {
                documents += 1;
                if documents > 1 {
                    return None;
                }
                continue;
            }
            Event::Scalar(value, style, anchor, tag) => {
                if anchor != 0 || tag.is_some() {
                    return None;
                }
                let value = if style == ScalarStyle::Plain {
                    let written = || {
                        let (start, end) = (span.start.byte_offset()?, span.end.byte_offset()?);
                        Some(yaml.get(start..end)?.trim().to_string())
                    };
                    match plain_scalar(&value)? {
                        PlainScalar::Null => Value::Null,
                        PlainScalar::Bool(b) => Value::Bool(b, written()?),
                        PlainScalar::Number => Value::Number(written()?),
                        PlainScalar::Text => Value::Text(value.into_owned()),
                    }
                } else {
                    Value::Text(value.into_owned())
                };
                Node {
                    pos: pos(&span),
                    value,
                }
            }
            Event::SequenceStart(_, anchor, ref tag) | Event::MappingStart(_, anchor, ref tag) => {
                if anchor != 0 || tag.is_some() || stack.len() >= MAX_DEPTH {
                    return None;
                }
                stack.push(if matches!(event, Event::SequenceStart(..)) {
                    Open::List(pos(&span), Vec::new())
                } else {
                    Open::Map(pos(&span), Vec::new(), None)
                });
                continue;
            }
            Event::SequenceEnd | Event::MappingEnd => match stack.pop()? {
                Open::List(pos, items) => Node {
                    pos,
                    value: Value::List(items),
                },
                Open::Map(pos, entries, None) => Node {
                    pos,
                    value: Value::Map(entries),
                },
                Open::Map(_, _, Some(_)) => return None,
            },
            // Comments are not asked for; aliases and anything else go to serde-saphyr.
            _ => return None,
        };
        match stack.last_mut() {
            None => {
                if root.is_some() {
                    return None;
                }
                root = Some(node);
            }
            Some(Open::List(_, items)) => items.push(node),
            Some(Open::Map(_, entries, key @ None)) => {
                // Keys are text, numbers or booleans, none of them a merge
                // key or written twice (`1` and `"1"` count as the same).
                let text = node.scalar_text()?;
                if text == "<<" || entries.iter().any(|(k, _)| k.scalar_text() == Some(text)) {
                    return None;
                }
                *key = Some(node);
            }
            Some(Open::Map(_, entries, key)) => {
                let key = key.take()?;
                entries.push((key, node));
            }
        }
    }
    if !stack.is_empty() {
        return None;
    }
    root
}

/// What a plain scalar is, as serde-saphyr reads it (with strict booleans).
enum PlainScalar {
    Null,
    Bool(bool),
    Number,
    Text,
}

/// `None` when only serde-saphyr can tell: text shaped like a number that is
/// not a plain integer (`1e5`, `0x1F`, `1_000`, `.5`).
fn plain_scalar(text: &str) -> Option<PlainScalar> {
    Some(match text {
        "" | "~" | "null" | "Null" | "NULL" => PlainScalar::Null,
        "true" | "True" | "TRUE" => PlainScalar::Bool(true),
        "false" | "False" | "FALSE" => PlainScalar::Bool(false),
        _ => {
            let unsigned = text.strip_prefix(['+', '-']).unwrap_or(text);
            let bytes = unsigned.as_bytes();
            // Numbers start with a digit or a point, after a sign.
            if !bytes
                .first()
                .is_some_and(|b| b.is_ascii_digit() || *b == b'.')
            {
                return Some(PlainScalar::Text);
            }
            if bytes.iter().all(u8::is_ascii_digit) {
                return Some(PlainScalar::Number);
            }
            // Past letters and digits, a number only holds `_`, `.`, and a
            // sign after its exponent: a date (`2025-06-10`), an amount
            // (`100억달러`) or a time (`10:30`) is text.
            let mut previous = b'0';
            for &b in bytes {
                let number_like = b.is_ascii_alphanumeric()
                    || b == b'_'
                    || b == b'.'
                    || ((b == b'+' || b == b'-') && matches!(previous, b'e' | b'E'));
                if !number_like {
                    return Some(PlainScalar::Text);
                }
                previous = b;
            }
            return None;
        }
    })
}

/// The innermost `[` or `{` of `yaml` that is never closed, with its line and
/// character column (1-based, in `yaml`). Quoted text and comments are skipped,
/// and a bracket inside plain text (`a [b]`) is not a flow bracket.
fn unclosed_bracket(yaml: &str) -> Option<(usize, usize, char)> {
    let mut open: Vec<(usize, usize, char)> = Vec::new();
    let mut quote: Option<char> = None;
    for (l, line) in yaml.lines().enumerate() {
        let chars: Vec<char> = line.chars().collect();
        // Whether a node may start here: at the start of a line, after an
        // indicator (`: `, `- `, `? `), or after `[`, `{` or `,` inside brackets.
        let mut node_start = true;
        let mut last = None;
        let mut i = 0;
        while i < chars.len() {
            let c = chars[i];
            if let Some(q) = quote {
                // A backslash escape in "…", a doubled '' in '…'.
                let escaped = (q == '"' && c == '\\')
                    || (q == '\'' && c == q && chars.get(i + 1) == Some(&'\''));
                if escaped {
                    i += 1;
                } else if c == q {
                    quote = None;
                    node_start = false;
                    last = Some(c);
                }
                i += 1;
                continue;
            }
            let in_flow = !open.is_empty();
            match c {
                ' ' | '\t' => {
                    if matches!(last, Some(':' | '-' | '?')) {
                        node_start = true;
                    }
                    i += 1;
                    continue;
                }
                '#' if i == 0 || matches!(chars[i - 1], ' ' | '\t') => break,
                '"' | '\'' if node_start => quote = Some(c),
                '[' | '{' if node_start || in_flow => {
                    open.push((l + 1, i + 1, c));
                    node_start = true;
                    last = Some(c);
                    i += 1;
                    continue;
                }
                ']' | '}' if in_flow => {
                    open.pop();
                }
                ',' if in_flow => {
                    node_start = true;
                    last = Some(c);
                    i += 1;
                    continue;
                }
                _ => {}
            }
            node_start = false;
            last = Some(c);
            i += 1;
        }
    }
    open.pop()
}

/// The tree as serde-saphyr gives it, before positions are put in file terms.
enum RawNode {
    Null,
    Bool(bool),
    /// The number as serde-saphyr read it; the text as written replaces it.
    Number(String),
    Text(String),
    List(Vec<serde_saphyr::Spanned<RawNode>>),
    Map(
        Vec<(
            serde_saphyr::Spanned<RawNode>,
            serde_saphyr::Spanned<RawNode>,
        )>,
    ),
}

struct RawVisitor;

impl<'de> serde::de::Visitor<'de> for RawVisitor {
    type Value = RawNode;
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("any YAML value")
    }
    fn visit_unit<E>(self) -> Result<RawNode, E> {
        Ok(RawNode::Null)
    }
    fn visit_none<E>(self) -> Result<RawNode, E> {
        Ok(RawNode::Null)
    }
    fn visit_some<D: serde::Deserializer<'de>>(self, d: D) -> Result<RawNode, D::Error> {
        d.deserialize_any(RawVisitor)
    }
    fn visit_bool<E>(self, v: bool) -> Result<RawNode, E> {
        Ok(RawNode::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<RawNode, E> {
        Ok(RawNode::Number(v.to_string()))
    }
    fn visit_u64<E>(self, v: u64) -> Result<RawNode, E> {
        Ok(RawNode::Number(v.to_string()))
    }
    fn visit_i128<E>(self, v: i128) -> Result<RawNode, E> {
        Ok(RawNode::Number(v.to_string()))
    }
    fn visit_u128<E>(self, v: u128) -> Result<RawNode, E> {
        Ok(RawNode::Number(v.to_string()))
    }
    fn visit_f64<E>(self, v: f64) -> Result<RawNode, E> {
        Ok(RawNode::Number(v.to_string()))
    }
    fn visit_str<E>(self, v: &str) -> Result<RawNode, E> {
        Ok(RawNode::Text(v.to_string()))
    }
    fn visit_string<E>(self, v: String) -> Result<RawNode, E> {
        Ok(RawNode::Text(v))
    }
    fn visit_bytes<E>(self, v: &[u8]) -> Result<RawNode, E> {
        Ok(RawNode::Text(String::from_utf8_lossy(v).into_owned()))
    }
    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<RawNode, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(RawNode::List(items))
    }
    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<RawNode, A::Error> {
        let mut entries = Vec::new();
        while let Some(key) = map.next_key()? {
            let value = map.next_value()?;
            entries.push((key, value));
        }
        Ok(RawNode::Map(entries))
    }
}

impl<'de> serde::Deserialize<'de> for RawNode {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(RawVisitor)
    }
}

fn to_node(raw: serde_saphyr::Spanned<RawNode>, split: &Split) -> Node {
    // A number or boolean is shown as written: the text at its definition
    // (for an alias `*a`, the anchored scalar it stands for).
    let written = |fallback: String| {
        let span = raw.defined.span();
        span.byte_offset()
            .zip(span.byte_len())
            .and_then(|(start, len)| split.yaml.get(start as usize..(start + len) as usize))
            .map(|t| t.trim().to_string())
            .filter(|t| !t.is_empty())
            .unwrap_or(fallback)
    };
    let value = match raw.value {
        RawNode::Null => Value::Null,
        RawNode::Bool(b) => Value::Bool(b, written(b.to_string())),
        RawNode::Number(n) => Value::Number(written(n)),
        RawNode::Text(t) => Value::Text(t),
        RawNode::List(items) => Value::List(items.into_iter().map(|i| to_node(i, split)).collect()),
        RawNode::Map(entries) => Value::Map(
            entries
                .into_iter()
                .map(|(k, v)| (to_node(k, split), to_node(v, split)))
                .collect(),
        ),
    };
    Node {
        pos: Pos::of(&raw.referenced, split.yaml_line),
        value,
    }
}

/// A value of text with where it was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Text {
    pub value: String,
    pub pos: Pos,
}

/// The entries of a map checked against the keys a struct has.
pub struct Fields<'n> {
    /// The map itself (its first key, or its `{`).
    pub pos: Pos,
    entries: Vec<(&'static str, &'n Node, Pos)>,
    /// The keys that unknown keys are likely misspellings of.
    suggested: Vec<&'static str>,
}

impl<'n> Fields<'n> {
    /// The value of `name` as written, null included.
    fn raw(&self, name: &str) -> Option<&'n Node> {
        self.entries
            .iter()
            .find(|(k, _, _)| *k == name)
            .map(|(_, n, _)| *n)
    }

    /// The value of `name`, unless it is absent or null.
    pub fn get(&self, name: &str) -> Option<&'n Node> {
        self.raw(name).filter(|n| n.value != Value::Null)
    }

    /// Whether the map has the key, even with a null value.
    #[cfg(test)]
    pub fn has(&self, name: &str) -> bool {
        self.entries.iter().any(|(k, _, _)| *k == name)
    }

    /// Where the key `name` stands, if the map has it.
    pub fn key_pos(&self, name: &str) -> Option<Pos> {
        self.entries
            .iter()
            .find(|(k, _, _)| *k == name)
            .map(|(_, _, p)| *p)
    }

    /// Whether an unknown key of the map is likely a misspelling of `name`.
    pub fn suggests(&self, name: &str) -> bool {
        self.suggested.contains(&name)
    }
}

/// Reads typed values out of a tree, collecting a problem for every field that
/// is wrong instead of stopping at the first: an unknown key, a wrong type and
/// a bad value in one file are each reported, each at its own line and column.
pub struct Decoder<'f> {
    file: &'f SourceFile,
    errors: Vec<Diagnostic>,
}

const EXPECTED_TEXT: &str = "expected text here, not a list or a map";
const EXPECTED_LIST: &str = "expected a list here: `- item` lines or `[a, b]`";
const EXPECTED_MAP: &str = "expected a map here: `key: value` lines or `{ key: value }`";

impl<'f> Decoder<'f> {
    pub fn new(file: &'f SourceFile) -> Self {
        Decoder {
            file,
            errors: Vec::new(),
        }
    }

    pub fn file(&self) -> &'f SourceFile {
        self.file
    }

    /// How many problems so far: compare before and after decoding a part to
    /// learn whether that part was read whole.
    pub fn error_count(&self) -> usize {
        self.errors.len()
    }

    pub fn push(&mut self, d: Diagnostic) {
        self.errors.push(d);
    }

    pub fn error(&mut self, pos: Pos, message: impl Into<String>) {
        let d = error_at(self.file, pos, message);
        self.errors.push(d);
    }

    pub fn into_errors(self) -> Vec<Diagnostic> {
        self.errors
    }

    /// A map whose keys must be among `keys`; each other key is an error with
    /// the closest known key as a hint.
    pub fn map<'n>(&mut self, node: &'n Node, keys: &'static [&'static str]) -> Option<Fields<'n>> {
        let Value::Map(entries) = &node.value else {
            self.error(node.pos, EXPECTED_MAP);
            return None;
        };
        let mut fields = Fields {
            pos: node.pos,
            entries: Vec::with_capacity(entries.len()),
            suggested: Vec::new(),
        };
        for (key, value) in entries {
            let Some(name) = key.scalar_text() else {
                self.error(key.pos, "a key must be a word, not a list or a map");
                continue;
            };
            match keys.iter().find(|k| **k == name) {
                Some(known) => fields.entries.push((known, value, key.pos)),
                None => {
                    let message = format!(
                        "unknown field `{name}`, expected one of {}",
                        keys.join(", ")
                    );
                    let mut d = error_at(self.file, key.pos, message);
                    if let Some(close) = crate::diagnostics::closest(name, keys.iter().copied()) {
                        d = d.with_help(format!("did you mean `{close}`?"));
                        fields.suggested.push(close);
                    }
                    self.errors.push(d);
                }
            }
        }
        Some(fields)
    }

    /// The value of a key the map must have. A key that is missing because an
    /// unknown key is its likely misspelling was reported already, so it is not
    /// reported twice.
    pub fn required<'n>(&mut self, fields: &Fields<'n>, name: &'static str) -> Option<&'n Node> {
        if let Some(node) = fields.raw(name) {
            return Some(node);
        }
        if !fields.suggested.contains(&name) {
            self.error(fields.pos, format!("missing field `{name}`"));
        }
        None
    }

    /// The entries of a map with keys of any name (a map by language).
    pub fn entries<'n>(&mut self, node: &'n Node) -> &'n [(Node, Node)] {
        match &node.value {
            Value::Map(entries) => entries,
            _ => {
                self.error(node.pos, EXPECTED_MAP);
                &[]
            }
        }
    }

    /// Text: a string, or a number or boolean as written.
    pub fn text(&mut self, node: &Node) -> Option<Text> {
        match &node.value {
            Value::Null => {
                self.error(node.pos, "expected text here, not an empty value");
                None
            }
            Value::List(_) | Value::Map(_) => {
                self.error(node.pos, EXPECTED_TEXT);
                None
            }
            _ => node.scalar_text().map(|t| Text {
                value: t.to_string(),
                pos: node.pos,
            }),
        }
    }

    /// The text of an optional key: absent or null is `None`.
    pub fn optional_text(&mut self, fields: &Fields, name: &str) -> Option<Text> {
        fields.get(name).and_then(|n| self.text(n))
    }

    /// A free-text field (section 5): text, or a map from language codes to
    /// text. Absent or null is `None`.
    pub fn optional_localized(&mut self, fields: &Fields, name: &str) -> Option<Localized> {
        let node = fields.get(name)?;
        self.localized(node)
    }

    /// Text, or a map from language codes to text.
    pub fn localized(&mut self, node: &Node) -> Option<Localized> {
        let Value::Map(entries) = &node.value else {
            return self.text(node).map(|t| Localized::Every(t.value));
        };
        let before = self.error_count();
        let mut map = std::collections::BTreeMap::new();
        for (key, value) in entries {
            let Some(lang) = key.scalar_text() else {
                self.error(
                    key.pos,
                    "a key must be a language code such as `ko` or `en`",
                );
                continue;
            };
            if !is_language_code(lang) {
                self.error(
                    key.pos,
                    format!("`{lang}` is not a language code; write the text by language, such as `{{ko: …, en: …}}`"),
                );
                continue;
            }
            if let Some(text) = self.text(value) {
                map.insert(lang.to_string(), text.value);
            }
        }
        if map.is_empty() && self.error_count() == before {
            self.error(
                node.pos,
                "expected text here, or a map by language such as `{ko: …, en: …}`",
            );
        }
        (self.error_count() == before).then_some(Localized::ByLanguage(map))
    }

    /// The text of a key the map must have.
    pub fn required_text(&mut self, fields: &Fields, name: &'static str) -> Option<Text> {
        self.required(fields, name).and_then(|n| self.text(n))
    }

    /// `true` or `false` (quoted or not); words such as `yes` are refused.
    pub fn bool(&mut self, fields: &Fields, name: &str) -> Option<bool> {
        let node = fields.raw(name)?;
        match &node.value {
            Value::Bool(b, _) => Some(*b),
            Value::Text(t) if t == "true" || t == "false" => Some(t == "true"),
            Value::Null | Value::List(_) | Value::Map(_) => {
                self.error(node.pos, "expected true or false");
                None
            }
            _ => {
                let d = error_at(self.file, node.pos, "expected true or false")
                    .with_help("words such as yes, no, on and off are not booleans here");
                self.errors.push(d);
                None
            }
        }
    }

    /// The items of a list; a key that is absent gives an empty list.
    pub fn list<'n>(&mut self, fields: &Fields<'n>, name: &str) -> &'n [Node] {
        let Some(node) = fields.raw(name) else {
            return &[];
        };
        match &node.value {
            Value::List(items) => items,
            _ => {
                self.error(node.pos, EXPECTED_LIST);
                &[]
            }
        }
    }

    /// A list of text values, each with its position.
    pub fn texts(&mut self, fields: &Fields, name: &str) -> Vec<Text> {
        let items = self.list(fields, name);
        items.iter().filter_map(|i| self.text(i)).collect()
    }

    /// One of a fixed set of words; absent or null is `None`.
    pub fn choice<T: Copy>(
        &mut self,
        fields: &Fields,
        name: &str,
        choices: &[(&str, T)],
    ) -> Option<T> {
        let node = fields.get(name)?;
        let names = choices
            .iter()
            .map(|(n, _)| *n)
            .collect::<Vec<_>>()
            .join(", ");
        match node.scalar_text() {
            Some(word) => match choices.iter().find(|(n, _)| *n == word) {
                Some((_, value)) => Some(*value),
                None => {
                    self.error(
                        node.pos,
                        format!("unknown variant `{word}`, expected one of {names}"),
                    );
                    None
                }
            },
            None => {
                self.error(
                    node.pos,
                    format!("expected one of {names} here, not a list or a map"),
                );
                None
            }
        }
    }
}

/// serde-saphyr's words for a syntax problem, in an editor's words.
fn plain_message(message: &str) -> String {
    // Only a scalar tagged `!!bool` gets here; `draft: yes` is the decoder's.
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

/// A company reference as written in front matter: trimmed, with its place.
impl crate::model::Reference {
    pub fn from_text(t: Text) -> crate::model::Reference {
        crate::model::Reference {
            text: t.value.trim().to_string(),
            pos: t.pos,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A YAML document made of the shapes front matter takes, and of what
    /// the plain reading must hand on: anchors, tags, merge keys, repeats,
    /// numbers of every shape, flow and block styles, broken syntax.
    fn yaml_doc() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        let scalar = prop::sample::select(vec![
            "2025-06-10",
            "2025-06-10T09:00:00+09:00",
            "100억달러",
            "$40B",
            "약 13조원",
            "1e5",
            "1E5",
            "0x1F",
            "0X1F",
            "0o17",
            "0b101",
            "1_000",
            ".5",
            "5.",
            "-.inf",
            ".nan",
            "+.nan",
            ".Inf",
            "007",
            "-007",
            "1.50",
            "+1",
            "-0",
            "12:30",
            "1,000",
            "1e",
            "-",
            "--",
            "1-2",
            "99999999999999999999",
            "1e999",
            "inf",
            "nan",
            "true",
            "True",
            "TRUE",
            "yes",
            "off",
            "false",
            "null",
            "~",
            "Null",
            "",
            "'quoted'",
            "'it''s'",
            "\"dq \\\"x\\\"\"",
            "\"1\"",
            "'true'",
            "a #c",
            "a#b",
            "&a 1",
            "*a",
            "!!str 1",
            "!custom x",
            "[a, 1, '2']",
            "{k: v, n: 1}",
            "[]",
            "{}",
            "네이버",
            "Scale AI",
            "[unclosed",
            "{k: [1, 2]}",
            "x: y",
            "\t",
            "`x`",
            "|\n  line one\n  line two",
            ">\n  folded\n  text",
            "plain\n  continued",
            "<<",
            "%x",
            "@x",
            "? q",
        ])
        .prop_map(str::to_string);
        let key = prop::sample::select(vec![
            "title",
            "date",
            "tags",
            "a",
            "b",
            "1",
            "\"1\"",
            "true",
            "<<",
            "키",
            "x y",
            "'title'",
            "null",
            "? complex",
        ])
        .prop_map(str::to_string);
        #[derive(Debug, Clone)]
        enum Tree {
            Scalar(String),
            List(Vec<Tree>),
            Map(Vec<(String, Tree)>),
        }
        let tree = scalar
            .prop_map(Tree::Scalar)
            .prop_recursive(3, 24, 4, move |inner| {
                prop_oneof![
                    prop::collection::vec(inner.clone(), 0..4).prop_map(Tree::List),
                    prop::collection::vec((key.clone(), inner), 1..4).prop_map(Tree::Map),
                ]
            });
        fn render(tree: &Tree, indent: usize, out: &mut String) {
            let pad = " ".repeat(indent);
            match tree {
                Tree::Scalar(s) => {
                    let s = s.replace('\n', &format!("\n{pad}"));
                    out.push(' ');
                    out.push_str(&s);
                    out.push('\n');
                }
                Tree::List(items) if items.is_empty() => out.push_str(" []\n"),
                Tree::List(items) => {
                    out.push('\n');
                    for item in items {
                        out.push_str(&format!("{pad}-"));
                        render(item, indent + 2, out);
                    }
                }
                Tree::Map(entries) => {
                    out.push('\n');
                    for (k, v) in entries {
                        out.push_str(&format!("{pad}{k}:"));
                        render(v, indent + 2, out);
                    }
                }
            }
        }
        tree.prop_map(|t| {
            let mut out = String::new();
            render(
                &Tree::Map(vec![("title".into(), t.clone()), ("x".into(), t)]),
                0,
                &mut out,
            );
            out.trim_start().to_string()
        })
    }

    proptest::proptest! {
        #![proptest_config(proptest::test_runner::Config::with_cases(2000))]
        #[test]
        fn the_plain_reading_is_serde_saphyrs_reading(yaml in yaml_doc()) {
            let text = format!("---\n{yaml}---\nbody\n");
            let f = file(&text);
            let s = split(&f).unwrap();
            if let Some(tree) = plain_tree(&s) {
                proptest::prop_assert_eq!(Ok(tree), saphyr_tree(&f, &s), "{}", yaml);
            }
        }
    }

    #[test]
    fn common_front_matter_takes_the_plain_reading() {
        let text = "---\ntitle: \"메타, 스케일 AI에 투자\"\ndate: 2025-06-10\ntags: [투자, AI]\n\
                    companies: [meta, scale-ai]\nsource: { name: 연합뉴스, url: \"https://e.com/a\" }\n\
                    deals:\n  - id: meta-scale-ai\n    investors: [meta]\n    amount: 약 100억달러\n\
                    \x20   stake: 49\n    closed: false\n    note: ~\n---\nbody\n";
        let f = file(text);
        let s = split(&f).unwrap();
        let tree = plain_tree(&s).expect("the plain reading");
        assert_eq!(Ok(tree), saphyr_tree(&f, &s));
        for handed_on in [
            "a: &x 1\nb: *x\n",
            "a: !!str 1\n",
            "a: 1\na: 2\n",
            "a: [1\n",
            "a: 1e5\n",
        ] {
            let text = format!("---\n{handed_on}---\n");
            let f = file(&text);
            assert_eq!(plain_tree(&split(&f).unwrap()), None, "{handed_on}");
        }
        // Past the plain reading's own limits, serde-saphyr reads it.
        let long = format!("---\na: [{}]\n---\n", "x, ".repeat(11_000));
        let f = file(&long);
        let s = split(&f).unwrap();
        assert_eq!(plain_tree(&s), None);
        assert!(parse_tree(&f, &s).is_ok());
    }

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

    #[test]
    fn yaml_errors_point_into_the_file_with_a_hint() {
        let f = file("---\ntitle: x\nstauts: closed\n---\n");
        let s = split(&f).unwrap();
        let tree = parse_tree(&f, &s).unwrap();
        let mut dec = Decoder::new(&f);
        let fields = dec.map(&tree, &["title", "status"]).unwrap();
        assert!(!fields.has("status"));
        assert!(fields.suggests("status"));
        let errors = dec.into_errors();
        assert_eq!(errors.len(), 1);
        let d = &errors[0];
        assert_eq!((d.line, d.column), (3, 1));
        assert!(
            d.message.starts_with("unknown field `stauts`"),
            "{}",
            d.message
        );
        assert_eq!(d.help.as_deref(), Some("did you mean `status`?"));
        assert_eq!(d.source_line.as_deref(), Some("stauts: closed"));
    }

    #[test]
    fn every_problem_of_a_map_is_reported_once() {
        let f = file("---\ntitel: x\ndraft: yes\ntags: x\nsize: [1]\n---\n");
        let s = split(&f).unwrap();
        let tree = parse_tree(&f, &s).unwrap();
        let mut dec = Decoder::new(&f);
        let fields = dec.map(&tree, &["title", "draft", "tags", "size"]).unwrap();
        // `titel` is reported as unknown; `title` is not reported missing as well.
        assert!(dec.required_text(&fields, "title").is_none());
        assert_eq!(dec.bool(&fields, "draft"), None);
        assert!(dec.texts(&fields, "tags").is_empty());
        assert!(dec.optional_text(&fields, "size").is_none());
        let found: Vec<(usize, usize, String)> = dec
            .into_errors()
            .into_iter()
            .map(|d| (d.line, d.column, d.message))
            .collect();
        assert_eq!(
            found,
            [
                (
                    2,
                    1,
                    "unknown field `titel`, expected one of title, draft, tags, size".to_string()
                ),
                (3, 8, "expected true or false".to_string()),
                (
                    4,
                    7,
                    "expected a list here: `- item` lines or `[a, b]`".to_string()
                ),
                (5, 7, "expected text here, not a list or a map".to_string()),
            ]
        );
    }

    #[test]
    fn an_unclosed_bracket_is_found_past_quotes_comments_and_plain_text() {
        assert_eq!(
            unclosed_bracket("title: [Unclosed\ndate: x\n"),
            Some((1, 8, '['))
        );
        assert_eq!(unclosed_bracket("a: [1, {b: 2}\n"), Some((1, 4, '[')));
        assert_eq!(unclosed_bracket("tags: [a,\n  b]\nx: {c: d}\n"), None);
        assert_eq!(unclosed_bracket("title: a [b\n- [x]\n"), None);
        assert_eq!(unclosed_bracket("title: \"[\" # [\nq: 'it''s ['\n"), None);
        assert_eq!(unclosed_bracket("deals:\n  - {id: x\n"), Some((2, 5, '{')));
    }

    #[test]
    fn a_syntax_error_after_an_open_bracket_points_at_the_bracket() {
        let f = file("---\ntitle: [Unclosed\ndate: 2025-01-01\n---\n");
        let s = split(&f).unwrap();
        let d = parse_tree(&f, &s).unwrap_err();
        assert_eq!((d.line, d.column), (2, 8), "{d}");
        assert_eq!(d.message, "this `[` is never closed");
        assert!(
            d.help
                .unwrap()
                .starts_with("the YAML parser stopped at line 3")
        );
    }

    #[test]
    fn numbers_keep_the_digits_as_written() {
        let f = file("---\na: 90071992547409.93\nb: 1.50\nc: &n 0x1F\nd: *n\n---\n");
        let s = split(&f).unwrap();
        let tree = parse_tree(&f, &s).unwrap();
        let Value::Map(entries) = &tree.value else {
            panic!("{tree:?}")
        };
        let texts: Vec<&str> = entries
            .iter()
            .filter_map(|(_, v)| v.scalar_text())
            .collect();
        assert_eq!(texts, ["90071992547409.93", "1.50", "0x1F", "0x1F"]);
        // An alias is placed where it is used.
        assert_eq!(entries[3].1.pos, Pos { line: 5, column: 4 });
    }
}

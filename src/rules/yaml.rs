//! The one place that parses YAML (front matter, rule files, rule-test expectations, config).
//!
//! Takes YAML text and the path it came from; gives typed values or [`RuleError`]s located at
//! `path:line:col` with the offending line. Keeping `serde_yaml` (archived upstream) behind this
//! module means swapping it touches one file.
//!
//! Rule files are read rule by rule so that every error is reported, each at its own key: the
//! file is first checked as a whole (syntax, top-level keys), then each item of `rules:` is cut
//! out with its line numbers kept, its `kind` read, and the item parsed straight into that
//! kind's struct (`deny_unknown_fields`), so an unknown key or a wrong type is located exactly.

use serde::Deserialize;
use serde::de::DeserializeOwned;

use super::{
    AliasRule, DerivationRule, HedgeRule, LinkRule, Rule, RuleError, SuppressRule, SyndicationRule,
    VagueRule, VerdictRule,
};

/// Rule files larger than this are refused before parsing, so a huge file cannot exhaust memory.
pub const MAX_RULE_FILE_BYTES: usize = 1 << 20;

/// A rule file, parsed: its rules with the line each starts on, and the ids it disables.
#[derive(Debug, Default)]
pub(super) struct ParsedFile {
    pub rules: Vec<(Rule, Option<usize>)>,
    pub disable: Vec<(String, Option<usize>)>,
}

/// The top level of a rule file, checked first.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Outline {
    #[serde(default)]
    rules: Vec<serde_yaml::Value>,
    #[serde(default)]
    disable: Vec<String>,
}

/// Parses a rule file; gives every rule that parsed and every error found.
pub(super) fn parse_rule_file(path: &str, text: &str) -> (ParsedFile, Vec<RuleError>) {
    let error = |message: String| RuleError::new(path, None, None, message);
    if text.len() > MAX_RULE_FILE_BYTES {
        let message = format!(
            "rule file is {} bytes; the limit is {} bytes",
            text.len(),
            MAX_RULE_FILE_BYTES
        );
        return (ParsedFile::default(), vec![error(message)]);
    }
    if text.trim().is_empty() {
        let message = "rule file is empty; expected a `rules:` list".to_string();
        return (ParsedFile::default(), vec![error(message)]);
    }
    let outline: Outline = match parse(path, text) {
        Ok(o) => o,
        Err(e) => return (ParsedFile::default(), vec![e]),
    };
    let lines: Vec<&str> = text.lines().collect();
    let disable_lines = outline
        .disable
        .iter()
        .map(|id| find_line(&lines, 0, id))
        .collect::<Vec<_>>();
    let mut parsed = ParsedFile {
        rules: Vec::new(),
        disable: outline.disable.into_iter().zip(disable_lines).collect(),
    };
    let mut errors = Vec::new();
    let items = item_starts(&lines);
    if items.len() != outline.rules.len() {
        // Flow style or an unusual layout: parse the list as a whole, locating at the rule.
        match parse::<TaggedFile>(path, text) {
            Ok(file) => parsed.rules = file.rules.into_iter().map(|r| (r, None)).collect(),
            Err(e) => errors.push(e),
        }
        return (parsed, errors);
    }
    for &(start, end) in &items {
        match parse_item(path, &lines, start, end) {
            Ok(rule) => parsed.rules.push((rule, Some(start + 1))),
            Err(e) => errors.push(e),
        }
    }
    (parsed, errors)
}

#[derive(Deserialize)]
struct TaggedFile {
    rules: Vec<Rule>,
}

/// The lines `[start, end)` of each item of the top-level `rules:` block sequence.
fn item_starts(lines: &[&str]) -> Vec<(usize, usize)> {
    let Some(key) = lines.iter().position(|l| l.trim_end() == "rules:") else {
        return Vec::new();
    };
    let key_indent = indent(lines[key]);
    let mut items: Vec<(usize, usize)> = Vec::new();
    let mut item_indent = None;
    let mut end = lines.len();
    for (i, line) in lines.iter().enumerate().skip(key + 1) {
        let trimmed = line.trim_start();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        let ind = indent(line);
        if ind <= key_indent && !trimmed.starts_with("- ") {
            end = i;
            break;
        }
        if trimmed.starts_with("- ") || trimmed == "-" {
            match item_indent {
                None => item_indent = Some(ind),
                Some(x) if x != ind => continue,
                _ => {}
            }
            if let Some(last) = items.last_mut() {
                last.1 = i;
            }
            items.push((i, lines.len()));
        } else if item_indent.is_none() {
            // Content before any item: not a block sequence we can cut.
            return Vec::new();
        }
    }
    if let Some(last) = items.last_mut() {
        last.1 = end.min(last.1);
    }
    items
}

fn indent(line: &str) -> usize {
    line.len() - line.trim_start().len()
}

/// Parses one item of `rules:` (lines `[start, end)`), keeping line and column numbers.
fn parse_item(path: &str, lines: &[&str], start: usize, end: usize) -> Result<Rule, RuleError> {
    // Blank lines stand in for the lines before the item, so positions stay the file's; the
    // item's "- " becomes two spaces, so it reads as a mapping at the same columns.
    let mut text = "\n".repeat(start);
    let mut kind_line = None;
    for (i, line) in lines[start..end].iter().enumerate() {
        let line = if i == 0 {
            line.replacen("- ", "  ", 1)
        } else {
            line.to_string()
        };
        if line.trim_start().starts_with("kind:") && indent(&line) == item_key_indent(lines[start])
        {
            kind_line = Some(start + i);
            // The kind is read below; its line is blanked so the kind's struct does not see it.
            text.push('\n');
            continue;
        }
        text.push_str(&line);
        text.push('\n');
    }
    let kind = kind_line.map(|k| {
        let line = lines[k].trim_start().trim_start_matches("- ");
        line["kind:".len()..]
            .split('#')
            .next()
            .unwrap_or("")
            .trim()
            .to_string()
    });
    let Some(kind) = kind else {
        let head: Result<serde_yaml::Value, RuleError> = parse(path, &text);
        return Err(match head {
            Err(e) => e,
            Ok(_) => RuleError::new(
                path,
                Some(start + 1),
                Some(indent(lines[start]) + 3),
                "rule has no `kind`".to_string(),
            )
            .with_line(lines[start]),
        });
    };
    let kind_at = kind_line.unwrap_or(start);
    let column = lines[kind_at].find("kind:").unwrap_or(0) + 1;
    let typed = match kind.as_str() {
        "alias" => parse::<AliasRule>(path, &text).map(Rule::Alias),
        "hedge" => parse::<HedgeRule>(path, &text).map(Rule::Hedge),
        "vague" => parse::<VagueRule>(path, &text).map(Rule::Vague),
        "link" => parse::<LinkRule>(path, &text).map(Rule::Link),
        "verdict" => parse::<VerdictRule>(path, &text).map(Rule::Verdict),
        "derivation" => parse::<DerivationRule>(path, &text).map(Rule::Derivation),
        "suppress" => parse::<SuppressRule>(path, &text).map(Rule::Suppress),
        "syndication" => parse::<SyndicationRule>(path, &text).map(Rule::Syndication),
        other => {
            return Err(RuleError::new(
                path,
                Some(kind_at + 1),
                Some(column),
                format!(
                    "unknown rule kind `{other}`; expected one of alias, hedge, vague, link, verdict, derivation, suppress, syndication"
                ),
            )
            .with_line(lines[kind_at]));
        }
    };
    typed.map_err(|e| match e.line {
        Some(l) if l >= 1 && l <= lines.len() => e.with_line(lines[l - 1]),
        _ => e,
    })
}

/// The column (0-based) at which the keys of an item starting on `line` stand.
fn item_key_indent(line: &str) -> usize {
    indent(line) + 2
}

/// The first line (1-based) at or after `from` that mentions `needle`.
fn find_line(lines: &[&str], from: usize, needle: &str) -> Option<usize> {
    lines
        .iter()
        .skip(from)
        .position(|l| l.contains(needle))
        .map(|i| from + i + 1)
}

/// Parses any YAML document into `T`, locating errors in `path` and showing the line.
pub fn parse<T: DeserializeOwned>(path: &str, text: &str) -> Result<T, RuleError> {
    serde_yaml::from_str(text).map_err(|e| {
        let location = e.location();
        let line = location.as_ref().map(|l| l.line());
        let err = RuleError::new(
            path,
            line,
            location.as_ref().map(|l| l.column()),
            clean_message(&e.to_string()),
        );
        match line.and_then(|l| text.lines().nth(l.saturating_sub(1))) {
            Some(source_line) => err.with_line(source_line),
            None => err,
        }
    })
}

/// serde_yaml appends " at line L column C" to its messages; the location is printed up front.
fn clean_message(message: &str) -> String {
    let message = match message.find(" at line ") {
        Some(i) => &message[..i],
        None => message,
    };
    message.trim_start_matches("rules: ").to_string()
}

/// Locates `key:` inside the item that starts on `line` (1-based), for errors found after
/// parsing (values out of range, references to missing rules).
pub(super) fn locate_key(
    text: &str,
    line: Option<usize>,
    key: &str,
) -> (Option<usize>, Option<usize>, Option<String>) {
    let Some(start) = line else {
        return (None, None, None);
    };
    let lines: Vec<&str> = text.lines().collect();
    let end = lines.len();
    let pattern = format!("{key}:");
    for (i, l) in lines.iter().enumerate().take(end).skip(start - 1) {
        if i > start - 1
            && l.trim_start().starts_with("- ")
            && indent(l) <= indent(lines[start - 1])
        {
            break;
        }
        if let Some(col) = l.find(&pattern) {
            return (Some(i + 1), Some(col + 1), Some(l.to_string()));
        }
    }
    let first = lines.get(start - 1).map(|l| l.to_string());
    let col = first.as_deref().map(|l| indent(l) + 1);
    (Some(start), col, first)
}

/// The YAML text of the rule item that starts on `line` (1-based), for `rules explain`.
pub(super) fn item_text(text: &str, line: Option<usize>) -> Option<String> {
    let lines: Vec<&str> = text.lines().collect();
    let start = line? - 1;
    let (_, end) = item_starts(&lines).into_iter().find(|(s, _)| *s == start)?;
    let mut body: Vec<&str> = lines[start..end].to_vec();
    while body.last().is_some_and(|l| l.trim().is_empty()) {
        body.pop();
    }
    let cut = indent(lines[start]);
    Some(
        body.iter()
            .map(|l| l.get(cut..).unwrap_or(l.trim_start()))
            .collect::<Vec<_>>()
            .join("\n"),
    )
}

/// The project configuration (`.corroborate.yaml`).
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Config {
    /// Rule files or folders, relative to the config file.
    #[serde(default)]
    pub rules: Vec<String>,
    /// Rule ids to turn off.
    #[serde(default)]
    pub disable: Vec<String>,
    /// Start from no built-in rules.
    #[serde(default)]
    pub no_default_rules: bool,
}

//! The one place that parses YAML (front matter and rule files).
//!
//! Takes YAML text and the path it came from; gives typed values or a [`RuleError`] located at
//! `path:line:col`. Keeping `serde_yaml` (archived upstream) behind this module means swapping it
//! touches one file.

use serde::de::DeserializeOwned;

use super::{RuleError, RuleFile};

/// Rule files larger than this are refused before parsing, so a huge file cannot exhaust memory.
pub const MAX_RULE_FILE_BYTES: usize = 1 << 20;

/// Parses a rule file.
pub(super) fn parse_rule_file(path: &str, text: &str) -> Result<RuleFile, RuleError> {
    let error = |message: String| RuleError {
        path: path.to_string(),
        line: None,
        column: None,
        message,
    };
    if text.len() > MAX_RULE_FILE_BYTES {
        return Err(error(format!(
            "rule file is {} bytes; the limit is {} bytes",
            text.len(),
            MAX_RULE_FILE_BYTES
        )));
    }
    if text.trim().is_empty() {
        return Err(error(
            "rule file is empty; expected a `rules:` list".to_string(),
        ));
    }
    parse(path, text)
}

/// Parses any YAML document into `T`, locating errors in `path`.
pub fn parse<T: DeserializeOwned>(path: &str, text: &str) -> Result<T, RuleError> {
    serde_yaml::from_str(text).map_err(|e| {
        let location = e.location();
        RuleError {
            path: path.to_string(),
            line: location.as_ref().map(|l| l.line()),
            column: location.as_ref().map(|l| l.column()),
            message: strip_location(&e.to_string()),
        }
    })
}

/// serde_yaml appends " at line L column C" to its messages; the location is printed up front.
fn strip_location(message: &str) -> String {
    match message.find(" at line ") {
        Some(i) => message[..i].to_string(),
        None => message.to_string(),
    }
}

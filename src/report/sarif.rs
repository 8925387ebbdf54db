//! SARIF printer: SARIF 2.1.0 for code scanning (GitHub code scanning, IDE SARIF viewers).
//!
//! Takes a [`Report`]; gives one pretty-printed SARIF log with a final newline: one run of the
//! `corroborate` driver, one reporting descriptor per rule id that decided a result, and one
//! result per discrepancy and single-source finding (agreements are not problems and are left
//! out). Each result points at every claim of its finding: the source path as given, a region in
//! 1-based lines and Unicode-code-point columns (with `charOffset`/`charLength` when the source
//! text is at hand) and the claim text as snippet. `partialFingerprints` carry the finding id so
//! code scanning tracks a result across runs. Suppressed findings are results with an external
//! suppression that names the rule's reason. Output is deterministic.

use std::collections::BTreeMap;

use serde::Serialize;

use super::{ClaimView, Finding, FindingKind, Report};
use crate::rules::Severity;

const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";
/// The key of the partial fingerprint that carries the finding id.
pub const FINGERPRINT: &str = "corroborate/v1";

/// Renders the report as a SARIF 2.1.0 log.
pub fn render(report: &Report) -> String {
    let mut out = serde_json::to_string_pretty(&log(report)).expect("the SARIF log serializes");
    out.push('\n');
    out
}

/// Where a claim sits in its source: 1-based lines, 1-based columns in Unicode code points, the
/// end exclusive (the column after the last character), as SARIF and GitHub count them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Region {
    pub start_line: usize,
    pub start_column: usize,
    pub end_line: usize,
    pub end_column: usize,
    /// Code points before the claim, and in it, when the source text is at hand.
    pub char_offset: Option<usize>,
    pub char_length: Option<usize>,
}

/// The region of a claim: from the source text when the report carries it (and the span fits),
/// else from the claim's line, column and text.
pub fn region(report: &Report, claim: &ClaimView) -> Region {
    let source = report.source(&claim.source);
    let text = source.map_or("", |s| s.text.as_str());
    // Markdown sources blank their markup at the same length: positions are the file's.
    let file = source
        .and_then(|s| s.file_text.as_deref())
        .filter(|f| {
            f.len() == text.len()
                && f.is_char_boundary(claim.span.start.min(f.len()))
                && f.is_char_boundary(claim.span.end.min(f.len()))
        })
        .unwrap_or(text);
    let (start, end) = (claim.span.start, claim.span.end);
    let fits = start <= end
        && end <= text.len()
        && text.is_char_boundary(start)
        && text.is_char_boundary(end)
        && text[start..end] == claim.text;
    if fits {
        let (start_line, start_column) = crate::load::line_col(file, start);
        let (end_line, end_column) = crate::load::line_col(file, end);
        return Region {
            start_line,
            start_column,
            end_line,
            end_column,
            char_offset: Some(file[..start].chars().count()),
            char_length: Some(file[start..end].chars().count()),
        };
    }
    let (start_line, start_column) = (claim.line.max(1), claim.column.max(1));
    let newlines = claim.text.matches('\n').count();
    let (end_line, end_column) = match claim.text.rsplit_once('\n') {
        None => (start_line, start_column + claim.text.chars().count()),
        Some((_, last)) => (start_line + newlines, last.chars().count() + 1),
    };
    Region {
        start_line,
        start_column,
        end_line,
        end_column,
        char_offset: None,
        char_length: None,
    }
}

/// The SARIF level of a finding: discrepancies of high or medium severity are errors, of low
/// severity warnings; single-source claims (and anything informational) are notes.
pub fn level(finding: &Finding) -> &'static str {
    match (finding.kind, finding.severity) {
        (FindingKind::Discrepancy, Severity::High | Severity::Medium) => "error",
        (FindingKind::Discrepancy, Severity::Low) => "warning",
        _ => "note",
    }
}

/// Whether a finding becomes a SARIF result (agreements do not).
pub fn reported(finding: &Finding) -> bool {
    matches!(
        finding.kind,
        FindingKind::Discrepancy | FindingKind::SingleSource
    )
}

#[derive(Serialize)]
struct Log<'a> {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: Vec<Run<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Run<'a> {
    tool: Tool,
    column_kind: &'static str,
    results: Vec<SarifResult<'a>>,
}

#[derive(Serialize)]
struct Tool {
    driver: Driver,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Driver {
    name: &'static str,
    version: &'static str,
    semantic_version: &'static str,
    /// The package's repository, when Cargo.toml names one.
    #[serde(skip_serializing_if = "str::is_empty")]
    information_uri: &'static str,
    rules: Vec<Rule>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Rule {
    id: String,
    name: String,
    short_description: Text,
    full_description: Text,
    help: Text,
    default_configuration: Configuration,
}

#[derive(Serialize)]
struct Configuration {
    level: &'static str,
}

#[derive(Serialize)]
struct Text {
    text: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult<'a> {
    rule_id: &'a str,
    rule_index: usize,
    level: &'static str,
    message: Text,
    locations: Vec<Location<'a>>,
    partial_fingerprints: BTreeMap<&'static str, &'a str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    suppressions: Vec<Suppression<'a>>,
    properties: Properties<'a>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Location<'a> {
    id: usize,
    physical_location: PhysicalLocation<'a>,
    message: Text,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation<'a> {
    artifact_location: ArtifactLocation,
    region: SarifRegion<'a>,
}

#[derive(Serialize)]
struct ArtifactLocation {
    uri: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifRegion<'a> {
    start_line: usize,
    start_column: usize,
    end_line: usize,
    end_column: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    char_offset: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    char_length: Option<usize>,
    snippet: Snippet<'a>,
}

#[derive(Serialize)]
struct Snippet<'a> {
    text: &'a str,
}

#[derive(Serialize)]
struct Suppression<'a> {
    kind: &'static str,
    status: &'static str,
    justification: &'a str,
    properties: SuppressedBy<'a>,
}

#[derive(Serialize)]
struct SuppressedBy<'a> {
    rule: &'a str,
}

#[derive(Serialize)]
struct Properties<'a> {
    kind: &'static str,
    severity: &'static str,
    subject: &'a str,
    claims: &'a [String],
}

/// The findings that become results, each with its suppression (rule id, reason) if any: first
/// the reported findings, then the suppressed ones, in report order.
fn results_in(report: &Report) -> Vec<(&Finding, Option<(&str, &str)>)> {
    let live = report
        .findings
        .iter()
        .filter(|f| reported(f))
        .map(|f| (f, None));
    let suppressed = report
        .suppressed
        .iter()
        .filter(|s| reported(&s.finding))
        .map(|s| (&s.finding, Some((s.by.as_str(), s.reason.as_str()))));
    live.chain(suppressed).collect()
}

fn log(report: &Report) -> Log<'_> {
    let findings = results_in(report);
    // Rule ids in sorted order, with the kinds of finding each decided and the highest level.
    let mut rules: BTreeMap<&str, (Vec<&'static str>, &'static str)> = BTreeMap::new();
    for (f, _) in &findings {
        let entry = rules.entry(f.rule.as_str()).or_insert((Vec::new(), "note"));
        let kind = kind_words(f.kind);
        if !entry.0.contains(&kind) {
            entry.0.push(kind);
        }
        if rank(level(f)) > rank(entry.1) {
            entry.1 = level(f);
        }
    }
    let index: BTreeMap<&str, usize> = rules.keys().enumerate().map(|(i, r)| (*r, i)).collect();
    let rules = rules
        .into_iter()
        .map(|(id, (mut kinds, level))| {
            kinds.sort_unstable();
            let kinds = kinds.join(" and ");
            Rule {
                id: id.to_string(),
                name: id.to_string(),
                short_description: Text {
                    text: format!("corroborate rule {id}"),
                },
                full_description: Text {
                    text: format!("Reports {kinds} findings decided by the rule {id}."),
                },
                help: Text {
                    text: format!(
                        "Findings of kind {kinds}, decided by the rule `{id}`. Run \
                         `corroborate rules explain {id}` for its description and YAML, and \
                         `corroborate check --explain` for the scores and thresholds of each \
                         finding."
                    ),
                },
                default_configuration: Configuration { level },
            }
        })
        .collect();
    let results = findings
        .into_iter()
        .map(|(f, suppression)| result(report, f, index[f.rule.as_str()], suppression))
        .collect();
    Log {
        schema: SCHEMA,
        version: "2.1.0",
        runs: vec![Run {
            tool: Tool {
                driver: Driver {
                    name: "corroborate",
                    version: env!("CARGO_PKG_VERSION"),
                    semantic_version: env!("CARGO_PKG_VERSION"),
                    information_uri: env!("CARGO_PKG_REPOSITORY"),
                    rules,
                },
            },
            column_kind: "unicodeCodePoints",
            results,
        }],
    }
}

fn result<'a>(
    report: &'a Report,
    f: &'a Finding,
    rule_index: usize,
    suppression: Option<(&'a str, &'a str)>,
) -> SarifResult<'a> {
    let locations = f
        .claims
        .iter()
        .filter_map(|id| report.claim(id))
        .enumerate()
        .map(|(i, c)| location(report, c, i))
        .collect();
    SarifResult {
        rule_id: &f.rule,
        rule_index,
        level: level(f),
        message: Text {
            text: f.summary.clone(),
        },
        locations,
        partial_fingerprints: BTreeMap::from([(FINGERPRINT, f.id.as_str())]),
        suppressions: suppression
            .map(|(rule, reason)| Suppression {
                kind: "external",
                status: "accepted",
                justification: reason,
                properties: SuppressedBy { rule },
            })
            .into_iter()
            .collect(),
        properties: Properties {
            kind: f.kind.as_str(),
            severity: f.severity.as_str(),
            subject: &f.subject,
            claims: &f.claims,
        },
    }
}

fn location<'a>(report: &'a Report, c: &'a ClaimView, id: usize) -> Location<'a> {
    let r = region(report, c);
    let path = report
        .source(&c.source)
        .map(|s| s.path.as_str())
        .unwrap_or(c.source.as_str());
    let derived = if c.derived { ", derived" } else { "" };
    Location {
        id,
        physical_location: PhysicalLocation {
            artifact_location: ArtifactLocation { uri: uri(path) },
            region: SarifRegion {
                start_line: r.start_line,
                start_column: r.start_column,
                end_line: r.end_line,
                end_column: r.end_column,
                char_offset: r.char_offset,
                char_length: r.char_length,
                snippet: Snippet { text: &c.text },
            },
        },
        message: Text {
            text: format!(
                "{} ({}{derived}): '{}'",
                report.source_name(&c.source),
                c.id,
                c.text
            ),
        },
    }
}

/// "discrepancy", "single-source".
fn kind_words(kind: FindingKind) -> &'static str {
    match kind {
        FindingKind::Agreement => "agreement",
        FindingKind::SingleSource => "single-source",
        FindingKind::Discrepancy => "discrepancy",
    }
}

fn rank(level: &str) -> u8 {
    match level {
        "error" => 2,
        "warning" => 1,
        _ => 0,
    }
}

/// A file path as a URI reference: relative paths stay relative (forward slashes), absolute ones
/// become `file://` URIs; characters a URI cannot hold are percent-encoded.
pub fn uri(path: &str) -> String {
    let path = path.replace('\\', "/");
    let mut out = String::with_capacity(path.len());
    if path.starts_with('/') {
        out.push_str("file://");
    } else if path.as_bytes().get(1) == Some(&b':') && path.as_bytes()[0].is_ascii_alphabetic() {
        // A Windows drive path, "C:/articles/a.md".
        out.push_str("file:///");
    }
    for b in path.bytes() {
        let keep = b.is_ascii_alphanumeric() || b"-._~/!$&'()*+,;=:@".contains(&b);
        if keep {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::uri;

    #[test]
    fn uris_keep_relative_paths_and_encode_the_rest() {
        assert_eq!(uri("articles/a b.md"), "articles/a%20b.md");
        assert_eq!(uri("/srv/news/é.txt"), "file:///srv/news/%C3%A9.txt");
        assert_eq!(uri("C:\\news\\a.md"), "file:///C:/news/a.md");
        assert_eq!(uri("100%#?.md"), "100%25%23%3F.md");
    }
}

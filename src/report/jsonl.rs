//! JSON Lines printer: one finding per line, each line standing alone.
//!
//! Takes a [`Report`]; gives one compact JSON object per finding, in report order, each line
//! ending in a newline: the finding's fields as in the JSON report (`id`, `kind`, `severity`,
//! `rule`, `claims`, `summary`, `subject`, `links`) plus `claim_texts`, the claims it names with
//! their source id, path, text, line and column, so a consumer needs nothing else to show or
//! trace it. Findings a suppression rule accepted follow, with a `suppressed` object
//! (`by`, `reason`). Output is deterministic.

use serde::Serialize;

use super::{Finding, Report};

/// Renders the report as JSON Lines.
pub fn render(report: &Report) -> String {
    let live = report.findings.iter().map(|f| (f, None));
    let suppressed = report.suppressed.iter().map(|s| {
        (
            &s.finding,
            Some(SuppressedBy {
                by: &s.by,
                reason: &s.reason,
            }),
        )
    });
    let mut out = String::new();
    for (finding, suppressed) in live.chain(suppressed) {
        let line = Line {
            finding,
            claim_texts: claim_texts(report, finding),
            suppressed,
        };
        out.push_str(&serde_json::to_string(&line).expect("a finding serializes"));
        out.push('\n');
    }
    out
}

#[derive(Serialize)]
struct Line<'a> {
    #[serde(flatten)]
    finding: &'a Finding,
    claim_texts: Vec<ClaimText<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    suppressed: Option<SuppressedBy<'a>>,
}

#[derive(Serialize)]
struct ClaimText<'a> {
    claim: &'a str,
    source: &'a str,
    path: &'a str,
    text: &'a str,
    line: usize,
    column: usize,
}

#[derive(Serialize)]
struct SuppressedBy<'a> {
    by: &'a str,
    reason: &'a str,
}

fn claim_texts<'a>(report: &'a Report, finding: &'a Finding) -> Vec<ClaimText<'a>> {
    finding
        .claims
        .iter()
        .filter_map(|id| report.claim(id))
        .map(|c| ClaimText {
            claim: &c.id,
            source: &c.source,
            path: report.source(&c.source).map_or("", |s| s.path.as_str()),
            text: &c.text,
            line: c.line,
            column: c.column,
        })
        .collect()
}

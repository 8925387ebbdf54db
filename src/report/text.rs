//! Text printer: the report for a terminal.
//!
//! Takes a [`Report`]; gives plain text: a one-line tally, then each finding with its kind,
//! severity, rule and summary, and under it each claim as `path:line:col`, outlet, the exact text
//! and the sentence it stands in.

use std::fmt::Write;

use super::{FindingKind, Report};

pub fn render(report: &Report, options: &super::RenderOptions) -> String {
    let explain = options.explain;
    let paint = |code: &str, text: &str| match options.color {
        true => format!("\x1b[{code}m{text}\x1b[0m"),
        false => text.to_string(),
    };
    let mut out = String::new();
    let _ = writeln!(out, "corroborate: {}", super::tally(report, ""));
    for sentence in report.syndication_sentences() {
        let _ = writeln!(out, "wire copies: {sentence}; they count as one source.");
    }
    for finding in &report.findings {
        let label = match finding.kind {
            FindingKind::Discrepancy => paint("1;31", "DISCREPANCY"),
            FindingKind::Agreement => paint("1;32", "AGREEMENT"),
            FindingKind::SingleSource => paint("1;33", "SINGLE-SOURCE"),
        };
        let _ = writeln!(
            out,
            "\n{label} [{}] {} ({})",
            finding.severity.as_str(),
            finding.summary,
            finding.rule
        );
        for id in &finding.claims {
            let Some(c) = report.claim(id) else { continue };
            let path = report.source(&c.source).map_or("", |s| s.path.as_str());
            let _ = writeln!(
                out,
                "  {path}:{}:{}  {}  \"{}\"",
                c.line,
                c.column,
                report.source_name(&c.source),
                super::one_line(&c.text)
            );
            let _ = writeln!(out, "      in: {}", c.sentence);
        }
        if explain {
            for link in &finding.links {
                let _ = writeln!(out, "  why: {}", super::explain_link(link));
            }
        }
    }
    if !report.suppressed.is_empty() {
        let _ = writeln!(out, "\nSUPPRESSED ({})", report.suppressed.len());
        for s in &report.suppressed {
            let _ = writeln!(
                out,
                "  {} {} — by {}: {}",
                s.finding.kind.as_str(),
                s.finding.summary,
                s.by,
                s.reason
            );
        }
    }
    out
}

/// The claims of each source, one per line (what `extract` prints).
pub fn render_claims(report: &Report) -> String {
    let mut out = String::new();
    for s in &report.sources {
        let count = report.claims.iter().filter(|c| c.source == s.id).count();
        let _ = writeln!(
            out,
            "{} ({}): {count} claims",
            report.source_name(&s.id),
            s.path
        );
        for c in report.claims.iter().filter(|c| c.source == s.id) {
            let value = super::claim_value(c);
            let _ = writeln!(
                out,
                "  {}:{}  {:<8} {:<12} \"{}\"  = {value}",
                c.line,
                c.column,
                c.kind.as_str(),
                c.id,
                super::one_line(&c.text)
            );
        }
    }
    out
}

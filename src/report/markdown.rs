//! Markdown printer: the report for an editor.
//!
//! Takes a [`Report`]; gives Markdown: the sources, then discrepancies, agreements and
//! single-source claims, each finding with a table of outlet, quoted text, value and sentence.
//! Stable enough to commit and diff.

use std::fmt::Write;

use super::{FindingKind, Report, claim_value};

pub fn render(report: &Report, explain: bool) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# Corroboration report\n");
    let _ = writeln!(out, "{}.\n", super::tally(report, "**"));
    let _ = writeln!(
        out,
        "| Source | Outlet | Published | Path |\n|---|---|---|---|"
    );
    for s in &report.sources {
        let _ = writeln!(
            out,
            "| `{}` | {} | {} | `{}` |",
            s.id,
            cell(s.outlet.as_deref().unwrap_or("—")),
            s.published.as_deref().unwrap_or("—"),
            s.path
        );
    }
    let wire = report.syndication_sentences();
    if !wire.is_empty() {
        let _ = writeln!(out, "\nWire copies (each group counts as one source):\n");
        for sentence in wire {
            let _ = writeln!(out, "- {}.", cell(&sentence));
        }
    }
    coverage_matrix(report, &mut out);
    for (kind, title) in [
        (FindingKind::Discrepancy, "Discrepancies"),
        (FindingKind::Agreement, "Agreements"),
        (FindingKind::SingleSource, "Single-source claims"),
    ] {
        let _ = writeln!(out, "\n## {title} ({})\n", report.count(kind));
        if kind == FindingKind::SingleSource {
            single_source_table(report, &mut out);
            continue;
        }
        let mut any = false;
        for finding in report.findings.iter().filter(|f| f.kind == kind) {
            any = true;
            let _ = writeln!(
                out,
                "### {}\n\n`{}` · severity **{}** · rule `{}`\n",
                cell(&finding.summary),
                finding.id,
                finding.severity.as_str(),
                finding.rule
            );
            let _ = writeln!(
                out,
                "| Outlet | Text | Value | Where | Sentence |\n|---|---|---|---|---|"
            );
            for id in &finding.claims {
                let Some(c) = report.claim(id) else { continue };
                let _ = writeln!(
                    out,
                    "| {} | “{}” | {} | {}:{} | {} |",
                    cell(report.source_name(&c.source)),
                    cell(&c.text),
                    cell(&claim_value(c)),
                    c.line,
                    c.column,
                    cell(&c.sentence)
                );
            }
            out.push('\n');
            if explain {
                for link in &finding.links {
                    let _ = writeln!(out, "- {}", cell(&super::explain_link(link)));
                }
                out.push('\n');
            }
        }
        if !any {
            let _ = writeln!(out, "None.\n");
        }
    }
    if !report.suppressed.is_empty() {
        let _ = writeln!(out, "\n## Suppressed ({})\n", report.suppressed.len());
        let _ = writeln!(
            out,
            "| Finding | Kind | Summary | Suppressed by | Reason |\n|---|---|---|---|---|"
        );
        for s in &report.suppressed {
            let _ = writeln!(
                out,
                "| `{}` | {} | {} | `{}` | {} |",
                s.finding.id,
                s.finding.kind.as_str(),
                cell(&s.finding.summary),
                s.by,
                cell(&s.reason)
            );
        }
    }
    while out.ends_with("\n\n") {
        out.pop();
    }
    out
}

/// Facts as rows, outlets as columns: each cell is what that outlet states, blank where it is
/// silent, so an editor sees at a glance who reports what.
fn coverage_matrix(report: &Report, out: &mut String) {
    let rows = super::coverage(report);
    if rows.is_empty() {
        return;
    }
    let _ = writeln!(out, "\n## Coverage matrix\n");
    let mut header = String::from("| Fact | Finding |");
    let mut rule = String::from("|---|---|");
    for s in &report.sources {
        header.push_str(&format!(" {} |", cell(&report.column_name(s))));
        rule.push_str("---|");
    }
    let _ = writeln!(out, "{header}\n{rule}");
    for row in rows {
        let mut line = format!(
            "| {} | {} |",
            cell(&row.finding.subject),
            row.finding.kind.as_str()
        );
        for claims in &row.cells {
            let mut texts: Vec<String> = Vec::new();
            for c in claims {
                let text = format!("“{}”", cell(&c.text));
                if !texts.contains(&text) {
                    texts.push(text);
                }
            }
            line.push_str(&format!(" {} |", texts.join(", ")));
        }
        let _ = writeln!(out, "{line}");
    }
}

/// Single-source claims are many and short: one table, one row per claim.
fn single_source_table(report: &Report, out: &mut String) {
    let findings: Vec<_> = report
        .findings
        .iter()
        .filter(|f| f.kind == FindingKind::SingleSource)
        .collect();
    if findings.is_empty() {
        let _ = writeln!(out, "None.\n");
        return;
    }
    let _ = writeln!(
        out,
        "| Outlet | Text | Value | Where | Sentence | Finding |\n|---|---|---|---|---|---|"
    );
    for finding in findings {
        for id in &finding.claims {
            let Some(c) = report.claim(id) else { continue };
            let _ = writeln!(
                out,
                "| {} | “{}” | {} | {}:{} | {} | `{}` |",
                cell(report.source_name(&c.source)),
                cell(&c.text),
                cell(&claim_value(c)),
                c.line,
                c.column,
                cell(&c.sentence),
                finding.id
            );
        }
    }
    out.push('\n');
}

/// The claims of each source as tables (what `extract` prints).
pub fn render_claims(report: &Report) -> String {
    let mut out = String::from("# Claims\n");
    for s in &report.sources {
        let _ = writeln!(
            out,
            "\n## {} (`{}`)\n",
            cell(report.source_name(&s.id)),
            s.path
        );
        let _ = writeln!(
            out,
            "| Id | Kind | Text | Value | Where |\n|---|---|---|---|---|"
        );
        for c in report.claims.iter().filter(|c| c.source == s.id) {
            let _ = writeln!(
                out,
                "| `{}` | {} | “{}” | {} | {}:{} |",
                c.id,
                c.kind.as_str(),
                cell(&c.text),
                cell(&claim_value(c)),
                c.line,
                c.column
            );
        }
    }
    out
}

/// Text safe inside a table cell: one line, pipes escaped.
pub(super) fn cell(s: &str) -> String {
    super::one_line(s).replace('|', "\\|")
}

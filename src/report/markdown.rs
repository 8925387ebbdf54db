//! Markdown printer: the report for an editor.
//!
//! Takes a [`Report`]; gives Markdown: the sources, then discrepancies, agreements and
//! single-source claims, each finding with a table of outlet, quoted text, value and sentence.
//! Stable enough to commit and diff.

use std::fmt::Write;

use super::{ClaimView, FindingKind, Report};
use crate::link::number;

pub fn render(report: &Report) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# Corroboration report\n");
    let _ = writeln!(
        out,
        "{} sources, {} claims: **{} discrepancies**, **{} agreements**, **{} single-source claims**.\n",
        report.sources.len(),
        report.claims.len(),
        report.count(FindingKind::Discrepancy),
        report.count(FindingKind::Agreement),
        report.count(FindingKind::SingleSource),
    );
    let _ = writeln!(out, "| Source | Outlet | Published | Path |\n|---|---|---|---|");
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
    for (kind, title) in [
        (FindingKind::Discrepancy, "Discrepancies"),
        (FindingKind::Agreement, "Agreements"),
        (FindingKind::SingleSource, "Single-source claims"),
    ] {
        let _ = writeln!(out, "\n## {title} ({})\n", report.count(kind));
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
            let _ = writeln!(out, "| Outlet | Text | Value | Where | Sentence |\n|---|---|---|---|---|");
            for id in &finding.claims {
                let Some(c) = report.claim(id) else { continue };
                let _ = writeln!(
                    out,
                    "| {} | “{}” | {} | {}:{} | {} |",
                    cell(report.source_name(&c.source)),
                    cell(&c.text),
                    cell(&value(c)),
                    c.line,
                    c.column,
                    cell(&c.sentence)
                );
            }
            out.push('\n');
        }
        if !any {
            let _ = writeln!(out, "None.\n");
        }
    }
    while out.ends_with("\n\n") {
        out.pop();
    }
    out
}

/// The normalized value of a claim, for the Value column.
fn value(c: &ClaimView) -> String {
    if let Some(q) = &c.quantity {
        let unit = q.unit.as_deref().unwrap_or("");
        let interval = match (q.low, q.high) {
            (Some(l), Some(h)) if l == h => number(l),
            (Some(l), Some(h)) => format!("{}–{}", number(l), number(h)),
            (Some(l), None) => format!("{} or more", number(l)),
            (None, Some(h)) => format!("up to {}", number(h)),
            (None, None) => "?".to_string(),
        };
        let derived = if c.derived { " (derived)" } else { "" };
        return format!("{interval} {unit}{derived}").trim().to_string();
    }
    if let Some(t) = &c.time {
        return match (&t.start, &t.end) {
            (Some(s), Some(e)) if s == e => s.clone(),
            (Some(s), Some(e)) => format!("{s} to {e}"),
            _ => "unresolved".to_string(),
        };
    }
    if let Some(q) = &c.quote {
        return format!("said by {}", q.speaker.as_deref().unwrap_or("unknown"));
    }
    if let Some(e) = &c.entity {
        return match &e.role {
            Some(r) => format!("{} ({r})", e.name),
            None => e.name.clone(),
        };
    }
    String::new()
}

/// Text safe inside a table cell: one line, pipes escaped.
fn cell(s: &str) -> String {
    super::one_line(s).replace('|', "\\|")
}

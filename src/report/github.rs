//! GitHub printer: workflow-command annotations for GitHub Actions.
//!
//! Takes a [`Report`]; gives one workflow command per claim of each discrepancy and
//! single-source finding (agreements and suppressed findings are left out), each on its own line
//! with a final newline: `::error file=PATH,line=L,col=C,endColumn=E,title=TITLE::MESSAGE`
//! (`endLine` too when a claim spans lines). Discrepancies of high or medium severity are
//! errors, of low severity warnings; single-source claims are notices. Property values and the
//! message are escaped the way the Actions runner unescapes them. Output is deterministic.

use std::fmt::Write;

use super::sarif::region;
use super::{Finding, FindingKind, Report};
use crate::rules::Severity;

/// Renders the report as GitHub workflow commands.
pub fn render(report: &Report) -> String {
    let mut out = String::new();
    for f in &report.findings {
        let Some(command) = command(f) else { continue };
        let title = format!("corroborate: {} ({})", kind_words(f.kind), f.rule);
        for claim in f.claims.iter().filter_map(|id| report.claim(id)) {
            let r = region(report, claim);
            let path = report
                .source(&claim.source)
                .map(|s| s.path.as_str())
                .unwrap_or(claim.source.as_str());
            let _ = write!(
                out,
                "::{command} file={},line={}",
                property(path),
                r.start_line
            );
            if r.end_line != r.start_line {
                let _ = write!(out, ",endLine={}", r.end_line);
            }
            let _ = writeln!(
                out,
                ",col={},endColumn={},title={}::{}",
                r.start_column,
                r.end_column,
                property(&title),
                message(&f.summary)
            );
        }
    }
    out
}

/// The workflow command of a finding, or `None` for findings that are not annotated.
fn command(f: &Finding) -> Option<&'static str> {
    match (f.kind, f.severity) {
        (FindingKind::Discrepancy, Severity::High | Severity::Medium) => Some("error"),
        (FindingKind::Discrepancy, _) => Some("warning"),
        (FindingKind::SingleSource, _) => Some("notice"),
        (FindingKind::Agreement, _) => None,
    }
}

fn kind_words(kind: FindingKind) -> &'static str {
    match kind {
        FindingKind::Agreement => "agreement",
        FindingKind::SingleSource => "single-source claim",
        FindingKind::Discrepancy => "discrepancy",
    }
}

/// Escapes a command message: `%`, carriage return and line feed.
pub fn message(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a property value: as a message, plus `:` and `,`, which end values.
pub fn property(s: &str) -> String {
    message(s).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::{message, property};

    #[test]
    fn escapes_like_the_actions_runner() {
        assert_eq!(message("5% of\r\n100:a,b"), "5%25 of%0D%0A100:a,b");
        assert_eq!(
            property("corroborate: x (a,b) 5%\n"),
            "corroborate%3A x (a%2Cb) 5%25%0A"
        );
    }
}

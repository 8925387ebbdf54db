//! Gate: what makes a CI run fail — `--fail-on` thresholds and baselines of accepted findings.
//!
//! Takes a finished [`Report`]; gives whether it fails, and which findings are new against a
//! baseline. A threshold is a finding kind, optionally with a severity (`discrepancy:medium`):
//! kinds rank agreement < single-source < discrepancy, and a finding fails the run when its kind
//! ranks above the threshold's, or equals it with a severity at or above the threshold's.
//! A baseline is a JSON file of finding ids (ids come from normalized claim texts and rules, so
//! they survive unrelated edits); with one, only findings missing from it can fail the run.
//! Ids name sources by their ids, given in input order, so when the stories of a run change a
//! finding of one story can take the id of a finding of another: a baseline written from a run of
//! many stories records each finding's story, and an entry with a story accepts that finding in
//! that story only; an entry without one (an ungrouped run, an older file) accepts it anywhere.

use std::collections::BTreeSet;
use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::report::{Finding, FindingKind, Report};
use crate::rules::Severity;

/// A `--fail-on` threshold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FailOn {
    pub kind: FindingKind,
    pub severity: Option<Severity>,
}

fn kind_rank(kind: FindingKind) -> u8 {
    match kind {
        FindingKind::Agreement => 0,
        FindingKind::SingleSource => 1,
        FindingKind::Discrepancy => 2,
    }
}

impl FailOn {
    /// Whether `finding` is at or above the threshold.
    pub fn catches(&self, finding: &Finding) -> bool {
        match kind_rank(finding.kind).cmp(&kind_rank(self.kind)) {
            std::cmp::Ordering::Greater => true,
            std::cmp::Ordering::Equal => self.severity.is_none_or(|s| finding.severity >= s),
            std::cmp::Ordering::Less => false,
        }
    }
}

impl FromStr for FailOn {
    type Err = String;

    /// `agreement`, `single-source` or `discrepancy`, optionally `:info|low|medium|high`.
    fn from_str(s: &str) -> Result<FailOn, String> {
        let (kind, severity) = match s.split_once(':') {
            Some((k, v)) => (k, Some(v)),
            None => (s, None),
        };
        let kind = match kind {
            "agreement" => FindingKind::Agreement,
            "single-source" | "single_source" => FindingKind::SingleSource,
            "discrepancy" => FindingKind::Discrepancy,
            other => {
                return Err(format!(
                    "`{other}` is not a finding kind: agreement, single-source or discrepancy"
                ));
            }
        };
        let severity = match severity {
            None => None,
            Some("info") => Some(Severity::Info),
            Some("low") => Some(Severity::Low),
            Some("medium") => Some(Severity::Medium),
            Some("high") => Some(Severity::High),
            Some(other) => {
                return Err(format!(
                    "`{other}` is not a severity: info, low, medium or high"
                ));
            }
        };
        Ok(FailOn { kind, severity })
    }
}

impl fmt::Display for FailOn {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kind = match self.kind {
            FindingKind::Agreement => "agreement",
            FindingKind::SingleSource => "single-source",
            FindingKind::Discrepancy => "discrepancy",
        };
        match self.severity {
            Some(s) => write!(f, "{kind}:{}", s.as_str()),
            None => f.write_str(kind),
        }
    }
}

/// One accepted finding in a baseline file (the id and story decide; the rest helps a reviewer).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BaselineEntry {
    pub id: String,
    /// The story the finding was accepted in; none accepts it in any story.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub story: Option<String>,
    pub kind: String,
    pub rule: String,
    pub summary: String,
}

/// A baseline file: the findings a team has reviewed and accepted.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Baseline {
    pub version: u32,
    pub findings: Vec<BaselineEntry>,
}

impl Baseline {
    /// The baseline of a report (of `story`, in a run of many): every finding it holds, in
    /// report order.
    pub fn of(report: &Report, story: Option<&str>) -> Baseline {
        Baseline {
            version: 1,
            findings: report
                .findings
                .iter()
                .map(|f| BaselineEntry {
                    id: f.id.clone(),
                    story: story.map(str::to_string),
                    kind: f.kind.as_str().to_string(),
                    rule: f.rule.clone(),
                    summary: f.summary.clone(),
                })
                .collect(),
        }
    }

    /// Reads a baseline file.
    ///
    /// # Errors
    /// A message naming the file (and line:col for invalid JSON).
    pub fn read(path: &str) -> Result<Baseline, String> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| format!("{path}: cannot read baseline: {e}"))?;
        serde_json::from_str(&text)
            .map_err(|e| format!("{path}:{}:{}: invalid baseline: {e}", e.line(), e.column()))
    }

    /// The baseline as pretty JSON with a final newline.
    pub fn to_json(&self) -> String {
        let mut out = serde_json::to_string_pretty(self).expect("a baseline serializes");
        out.push('\n');
        out
    }

    /// The findings of `report` (of `story`, in a run of many) that this baseline does not
    /// accept: no entry has their id with their story or with none.
    pub fn new_findings<'r>(&self, report: &'r Report, story: Option<&str>) -> Vec<&'r Finding> {
        let known: BTreeSet<&str> = self
            .findings
            .iter()
            .filter(|e| e.story.is_none() || e.story.as_deref() == story)
            .map(|e| e.id.as_str())
            .collect();
        report
            .findings
            .iter()
            .filter(|f| !known.contains(f.id.as_str()))
            .collect()
    }
}

/// Whether the run fails on the report of `story`: some finding (new against the baseline, when
/// there is one) is at or above the threshold.
pub fn fails(
    report: &Report,
    story: Option<&str>,
    fail_on: Option<FailOn>,
    baseline: Option<&Baseline>,
) -> bool {
    let Some(threshold) = fail_on else {
        return false;
    };
    let candidates: Vec<&Finding> = match baseline {
        Some(b) => b.new_findings(report, story),
        None => report.findings.iter().collect(),
    };
    candidates.iter().any(|f| threshold.catches(f))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn finding(kind: FindingKind, severity: Severity) -> Finding {
        Finding {
            id: "F1".into(),
            kind,
            severity,
            rule: "r".into(),
            claims: Vec::new(),
            summary: String::new(),
            subject: String::new(),
            links: Vec::new(),
            independent_sources: None,
        }
    }

    #[test]
    fn thresholds_rank_kinds_then_severities() {
        let medium: FailOn = "discrepancy:medium".parse().unwrap();
        assert!(medium.catches(&finding(FindingKind::Discrepancy, Severity::High)));
        assert!(medium.catches(&finding(FindingKind::Discrepancy, Severity::Medium)));
        assert!(!medium.catches(&finding(FindingKind::Discrepancy, Severity::Low)));
        assert!(!medium.catches(&finding(FindingKind::SingleSource, Severity::High)));
        let single: FailOn = "single-source".parse().unwrap();
        assert!(single.catches(&finding(FindingKind::Discrepancy, Severity::Low)));
        assert!(!single.catches(&finding(FindingKind::Agreement, Severity::Info)));
        assert_eq!(medium.to_string(), "discrepancy:medium");
        assert!("discrepancy:severe".parse::<FailOn>().is_err());
        assert!("disagreement".parse::<FailOn>().is_err());
    }

    #[test]
    fn a_baseline_entry_with_a_story_accepts_its_finding_in_that_story_only() {
        let report = Report::new(
            &[],
            &[],
            vec![finding(FindingKind::Discrepancy, Severity::High)],
        );
        let threshold = Some(FailOn {
            kind: FindingKind::Discrepancy,
            severity: None,
        });
        let of_a = Baseline::of(&report, Some("a"));
        assert_eq!(of_a.findings[0].story.as_deref(), Some("a"));
        assert!(of_a.new_findings(&report, Some("a")).is_empty());
        assert_eq!(of_a.new_findings(&report, Some("b")).len(), 1);
        assert_eq!(of_a.new_findings(&report, None).len(), 1);
        assert!(!fails(&report, Some("a"), threshold, Some(&of_a)));
        assert!(fails(&report, Some("b"), threshold, Some(&of_a)));
        // Without a story, an entry accepts the finding in any story, and is written as before.
        let anywhere = Baseline::of(&report, None);
        for story in [None, Some("a"), Some("b")] {
            assert!(anywhere.new_findings(&report, story).is_empty());
        }
        assert!(!anywhere.to_json().contains("story"));
        let read: Baseline = serde_json::from_str(&anywhere.to_json()).unwrap();
        assert_eq!(read, anywhere);
        let read: Baseline = serde_json::from_str(&of_a.to_json()).unwrap();
        assert_eq!(read, of_a);
    }
}

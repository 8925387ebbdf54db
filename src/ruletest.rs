//! Rule tests, in the manner of `semgrep --test`: small stories with the findings they must and
//! must not produce.
//!
//! Takes a folder; gives one [`CaseResult`] per test case found under it. A case is a folder
//! holding article files (`.txt`, `.md`) and a `case.yaml`:
//!
//! ```yaml
//! description: "roughly" agrees with a value within its 10%.
//! covers: [hedge-roughly, count-within-hedge]   # the rules this case exercises
//! rules: [strict.yaml]          # optional: rule files in the case folder, added to the pack
//! no-default-rules: false       # optional: start from no rules at all
//! disable: [hedge-about]        # optional: rule ids to turn off
//! published: 2020-09-09         # optional: publication date for sources without one
//! expect:                       # findings that must appear
//!   - kind: agreement           # agreement | discrepancy | single-source | suppressed
//!     rule: count-within-hedge  # optional: the rule that decided it
//!     texts: ["about 5,200", "roughly 5,000"]   # each is part of some claim's text
//!     independent-sources: 2    # optional: sources left when syndicated copies count as one
//! expect-not:                   # findings that must not appear (same fields)
//!   - kind: discrepancy
//!     texts: ["roughly 5,000"]
//! ```
//!
//! A `suppressed` expectation matches a finding a `suppress` rule moved out of the findings.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::report::{Finding, FindingKind, Report};
use crate::rules::{Ruleset, yaml};

/// The name of the file that makes a folder a test case.
pub const CASE_FILE: &str = "case.yaml";

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct CaseFile {
    description: String,
    #[serde(default)]
    covers: Vec<String>,
    #[serde(default)]
    rules: Vec<String>,
    #[serde(default)]
    no_default_rules: bool,
    #[serde(default)]
    disable: Vec<String>,
    #[serde(default)]
    published: Option<String>,
    #[serde(default)]
    expect: Vec<Expectation>,
    #[serde(default)]
    expect_not: Vec<Expectation>,
}

/// What a finding must look like to match.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Expectation {
    pub kind: ExpectedKind,
    #[serde(default)]
    pub rule: Option<String>,
    #[serde(default)]
    pub texts: Vec<String>,
    /// How many independent sources the finding stands on (syndicated copies of one wire
    /// story count as one).
    #[serde(default)]
    pub independent_sources: Option<usize>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ExpectedKind {
    Agreement,
    Discrepancy,
    SingleSource,
    Suppressed,
}

/// The outcome of one case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseResult {
    /// The case folder, relative to the folder searched.
    pub name: String,
    pub description: String,
    /// The rule ids the case says it exercises (each must exist in the case's rules).
    pub covers: Vec<String>,
    /// Why it failed; empty when it passed.
    pub failures: Vec<String>,
}

impl CaseResult {
    pub fn passed(&self) -> bool {
        self.failures.is_empty()
    }
}

/// Finds every case under `dir` (folders holding a `case.yaml`), in path order, and runs each.
///
/// # Errors
/// When `dir` cannot be read.
pub fn run_cases(dir: &Path) -> Result<Vec<CaseResult>, String> {
    let mut cases = Vec::new();
    find_cases(dir, &mut cases).map_err(|e| format!("{}: {e}", dir.display()))?;
    cases.sort();
    Ok(cases
        .iter()
        .map(|case| {
            let name = case.strip_prefix(dir).unwrap_or(case).display().to_string();
            run_case(
                case,
                if name.is_empty() {
                    ".".to_string()
                } else {
                    name
                },
            )
        })
        .collect())
}

fn find_cases(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    if dir.join(CASE_FILE).is_file() {
        out.push(dir.to_path_buf());
    }
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            find_cases(&path, out)?;
        }
    }
    Ok(())
}

/// Runs one case folder.
pub fn run_case(case: &Path, name: String) -> CaseResult {
    let mut result = CaseResult {
        name,
        description: String::new(),
        covers: Vec::new(),
        failures: Vec::new(),
    };
    let case_path = case.join(CASE_FILE);
    let text = match std::fs::read_to_string(&case_path) {
        Ok(t) => t,
        Err(e) => {
            result
                .failures
                .push(format!("{}: {e}", case_path.display()));
            return result;
        }
    };
    let spec: CaseFile = match yaml::parse(&case_path.display().to_string(), &text) {
        Ok(s) => s,
        Err(e) => {
            result.failures.push(e.to_string());
            return result;
        }
    };
    result.description = spec.description.clone();
    result.covers = spec.covers.clone();
    let mut user_rules = Vec::new();
    for file in &spec.rules {
        let path = case.join(file);
        match std::fs::read_to_string(&path) {
            Ok(t) => user_rules.push((path.display().to_string(), t)),
            Err(e) => result.failures.push(format!("{}: {e}", path.display())),
        }
    }
    let disable: Vec<(String, String)> = spec
        .disable
        .iter()
        .map(|id| (id.clone(), case_path.display().to_string()))
        .collect();
    let rules = match Ruleset::compose(!spec.no_default_rules, &user_rules, &disable) {
        Ok(r) => r,
        Err(errors) => {
            result
                .failures
                .extend(errors.iter().map(ToString::to_string));
            return result;
        }
    };
    for id in &spec.covers {
        if rules.get(id).is_none() {
            result
                .failures
                .push(format!("covers `{id}`, but no rule has that id"));
        }
    }
    let published = match spec.published.as_deref() {
        None => None,
        Some(text) => match crate::load::parse_date(text) {
            Some(date) => Some(date),
            None => {
                result.failures.push(format!(
                    "{}: `published: {text}` is not a YYYY-MM-DD date",
                    case_path.display()
                ));
                return result;
            }
        },
    };
    let mut articles: Vec<String> = std::fs::read_dir(case)
        .into_iter()
        .flatten()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.is_file()
                && p.extension()
                    .and_then(|x| x.to_str())
                    .is_some_and(|x| crate::load::EXTENSIONS.contains(&x))
        })
        .map(|p| p.display().to_string())
        .collect();
    articles.sort();
    if articles.is_empty() {
        result
            .failures
            .push("no .txt or .md article in the case folder".to_string());
        return result;
    }
    let loaded = crate::load::load_paths(&articles, published);
    result
        .failures
        .extend(loaded.problems.iter().map(ToString::to_string));
    let report = crate::check(&loaded.sources, &rules);
    for e in &spec.expect {
        if !any_matches(&report, e) {
            result
                .failures
                .push(format!("expected, not found: {}", describe(e)));
        }
    }
    for e in &spec.expect_not {
        if any_matches(&report, e) {
            result
                .failures
                .push(format!("found, not expected: {}", describe(e)));
        }
    }
    result
}

fn any_matches(report: &Report, e: &Expectation) -> bool {
    let matches = |f: &Finding| {
        let kind_ok = match e.kind {
            ExpectedKind::Agreement => f.kind == FindingKind::Agreement,
            ExpectedKind::Discrepancy => f.kind == FindingKind::Discrepancy,
            ExpectedKind::SingleSource => f.kind == FindingKind::SingleSource,
            ExpectedKind::Suppressed => true,
        };
        let rule_ok = e.rule.as_ref().is_none_or(|r| *r == f.rule);
        let texts_ok = e.texts.iter().all(|t| {
            let t = t.to_lowercase();
            f.claims
                .iter()
                .filter_map(|id| report.claim(id))
                .any(|c| c.text.to_lowercase().contains(&t))
        });
        let independent_ok = e.independent_sources.is_none_or(|n| {
            let mut sources: Vec<&str> = f
                .claims
                .iter()
                .filter_map(|id| report.claim(id))
                .map(|c| c.source.as_str())
                .collect();
            sources.sort_unstable();
            sources.dedup();
            f.independent_sources.unwrap_or(sources.len()) == n
        });
        kind_ok && rule_ok && texts_ok && independent_ok
    };
    match e.kind {
        ExpectedKind::Suppressed => report.suppressed.iter().any(|s| matches(&s.finding)),
        _ => report.findings.iter().any(matches),
    }
}

fn describe(e: &Expectation) -> String {
    let kind = match e.kind {
        ExpectedKind::Agreement => "agreement",
        ExpectedKind::Discrepancy => "discrepancy",
        ExpectedKind::SingleSource => "single-source",
        ExpectedKind::Suppressed => "suppressed",
    };
    let rule = e
        .rule
        .as_deref()
        .map(|r| format!(" by {r}"))
        .unwrap_or_default();
    let independent = e
        .independent_sources
        .map(|n| format!(" from {n} independent sources"))
        .unwrap_or_default();
    format!("{kind}{rule} with {:?}{independent}", e.texts)
}

//! Every rule-test case under `tests/rules` passes (the same cases `corroborate rules test
//! tests/rules` runs).

use std::path::Path;

#[test]
fn every_rule_case_passes() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/rules");
    let results = corroborate::ruletest::run_cases(&dir).expect("tests/rules is readable");
    assert!(!results.is_empty(), "no cases found");
    let failed: Vec<String> = results
        .iter()
        .filter(|r| !r.passed())
        .map(|r| format!("{}: {}", r.name, r.failures.join("; ")))
        .collect();
    assert!(
        failed.is_empty(),
        "{} of {} cases failed:\n{}",
        failed.len(),
        results.len(),
        failed.join("\n")
    );
}

#[test]
fn every_builtin_rule_has_a_case() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/rules");
    let results = corroborate::ruletest::run_cases(&dir).expect("tests/rules is readable");
    let covered: Vec<&str> = results
        .iter()
        .flat_map(|r| r.covers.iter().map(String::as_str))
        .collect();
    let rules = corroborate::rules::Ruleset::builtin();
    let missing: Vec<&str> = rules
        .rules
        .iter()
        .map(|r| r.id())
        .filter(|id| !covered.contains(id))
        .collect();
    assert!(
        missing.is_empty(),
        "built-in rules without a case under tests/rules: {missing:?}"
    );
}

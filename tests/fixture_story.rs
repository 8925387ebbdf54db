//! The fixture story carries the seeds' facts and traps in our own words; the engine must report
//! what DESIGN.md and the first issue ask for on it.

mod common;

use corroborate::report::FindingKind;
use corroborate::rules::Ruleset;

#[test]
fn fixture_story_reports_the_expected_findings() {
    let loaded = corroborate::load::load_paths(&[common::fixture_story()], None);
    let report = corroborate::check(&loaded.sources, &Ruleset::builtin());
    common::assert_drawdown_story(&report, "northline-news", "meridian");
}

#[test]
fn a_third_source_with_a_different_count_is_a_discrepancy() {
    let loaded = corroborate::load::load_paths(&[common::fixture_story()], None);
    let report = corroborate::check(&loaded.sources, &Ruleset::builtin());
    common::finding(
        &report,
        FindingKind::Discrepancy,
        &[("coastline-herald", "around 4,000"), ("meridian", "5,")],
    );
}

fn meridian_and_northline(rules: &Ruleset) -> corroborate::report::Report {
    let loaded = corroborate::load::load_paths(
        &[
            "tests/fixtures/iraq-drawdown/meridian.txt".into(),
            "tests/fixtures/iraq-drawdown/northline.md".into(),
        ],
        None,
    );
    corroborate::check(&loaded.sources, rules)
}

#[test]
fn by_default_roughly_agrees_within_its_tolerance() {
    let report = meridian_and_northline(&Ruleset::builtin());
    let f = common::finding(
        &report,
        FindingKind::Agreement,
        &[("meridian", "roughly 5,000"), ("northline-news", "5,200")],
    );
    assert!(f.summary.contains("±10% of 'roughly'"), "{}", f.summary);
}

#[test]
fn a_stricter_verdict_rule_turns_the_roughly_agreement_into_a_discrepancy() {
    let strict = "rules:\n  - id: troop-counts-strict\n    kind: verdict\n    description: Troop counts must match within 2%.\n    claim: quantity\n    scope: { unit: troops }\n    tolerance: 0.02\n    severity: high\n";
    let rules =
        Ruleset::load(&[("strict.yaml".to_string(), strict.to_string())]).expect("valid rules");
    let report = meridian_and_northline(&rules);
    let f = common::finding(
        &report,
        FindingKind::Discrepancy,
        &[("meridian", "roughly 5,000")],
    );
    assert_eq!(
        (f.rule.as_str(), f.severity),
        ("troop-counts-strict", corroborate::rules::Severity::High)
    );
    // The exact matches still agree.
    common::finding(
        &report,
        FindingKind::Agreement,
        &[("meridian", "=3,000"), ("northline-news", "=3,000")],
    );
}

#[test]
fn stricter_hedges_turn_the_roughly_agreement_into_a_discrepancy() {
    let strict = "rules:\n  - id: hedge-roughly\n    kind: hedge\n    description: Our desk reads 'roughly' as within 2%.\n    phrases: [roughly, some]\n    bound: approximate\n    tolerance: 0.02\n  - id: hedge-about\n    kind: hedge\n    description: Our desk reads 'about' as within 2%.\n    phrases: [about, around]\n    bound: approximate\n    tolerance: 0.02\n";
    let rules =
        Ruleset::load(&[("strict.yaml".to_string(), strict.to_string())]).expect("valid rules");
    let report = meridian_and_northline(&rules);
    common::finding(
        &report,
        FindingKind::Discrepancy,
        &[("meridian", "roughly 5,000")],
    );
}

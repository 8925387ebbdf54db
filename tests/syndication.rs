//! Wire copies: the bundled `wire-copies` story (three outlets running one wire article, lightly
//! edited, and a fourth reporting in its own words) and detection at the scale of a big story.

use corroborate::model::Source;
use corroborate::report::{Finding, FindingKind, Format, Report, render};
use corroborate::rules::Ruleset;
use corroborate::syndication;

fn wire_report(rules: &Ruleset) -> Report {
    let loaded = corroborate::load::load_paths(&["tests/fixtures/wire-copies".to_string()], None);
    assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
    corroborate::check(&loaded.sources, rules)
}

/// The finding of `kind` one of whose claims has this text, in the given outlet's source.
fn finding_with<'a>(report: &'a Report, kind: FindingKind, text: &str) -> Option<&'a Finding> {
    report.findings.iter().find(|f| {
        f.kind == kind
            && f.claims
                .iter()
                .filter_map(|id| report.claim(id))
                .any(|c| c.text == text)
    })
}

#[test]
fn the_three_copies_form_one_group_and_the_independent_article_none() {
    let report = wire_report(&Ruleset::builtin());
    assert_eq!(report.syndication.len(), 1, "{:?}", report.syndication);
    let group = &report.syndication[0];
    // The earliest published copy is the origin, although it is not the first file.
    assert_eq!(group.origin, "lakeside-courier");
    let copies: Vec<&str> = group.copies.iter().map(|c| c.source.as_str()).collect();
    assert_eq!(copies, ["harbour-post", "valley-times"]);
    assert!(
        group
            .copies
            .iter()
            .all(|c| c.similarity >= 0.7 && c.similarity <= 1.0)
    );
    let source = |id: &str| report.source(id).expect("source");
    assert_eq!(
        source("harbour-post").copy_of.as_deref(),
        Some("lakeside-courier")
    );
    assert_eq!(source("lakeside-courier").copy_of, None);
    assert_eq!(source("ridgeline-review").copy_of, None);
    assert_eq!(source("ridgeline-review").similarity, None);
}

#[test]
fn an_agreement_counts_independent_sources() {
    let report = wire_report(&Ruleset::builtin());
    let troops = finding_with(&report, FindingKind::Agreement, "3,000").expect("3,000 agrees");
    assert_eq!(troops.independent_sources, Some(2));
    assert!(
        troops.summary.contains("4 sources (2 independent"),
        "{}",
        troops.summary
    );
    assert!(
        troops
            .summary
            .contains("Harbour Post and Valley Times are syndicated copies of Lakeside Courier"),
        "{}",
        troops.summary
    );
}

#[test]
fn a_figure_only_the_wire_copies_carry_is_single_origin() {
    let report = wire_report(&Ruleset::builtin());
    assert!(finding_with(&report, FindingKind::Agreement, "eight").is_none());
    let bases = finding_with(&report, FindingKind::SingleSource, "eight").expect("single-origin");
    assert_eq!(bases.rule, "wire-copies");
    assert_eq!(bases.independent_sources, Some(1));
    assert_eq!(bases.claims.len(), 3);
    assert!(
        bases
            .summary
            .starts_with("Only copies of one wire story state this")
            && bases
                .summary
                .contains("syndicated copies of Lakeside Courier"),
        "{}",
        bases.summary
    );
}

#[test]
fn without_the_syndication_rule_copies_count_as_sources() {
    let rules = Ruleset::compose(
        true,
        &[],
        &[("wire-copies".to_string(), "test".to_string())],
    )
    .unwrap();
    let report = wire_report(&rules);
    assert!(report.syndication.is_empty());
    let bases = finding_with(&report, FindingKind::Agreement, "eight").expect("agreement");
    assert_eq!(bases.independent_sources, None);
    assert!(!render(&report, Format::Json).contains("copy_of"));
}

#[test]
fn every_format_shows_the_copies() {
    let report = wire_report(&Ruleset::builtin());
    let text = render(&report, Format::Text);
    assert!(text.contains(
        "wire copies: Harbour Post (similarity 0.859) and Valley Times (similarity 0.956) are syndicated copies of Lakeside Courier"
    ), "{text}");
    let markdown = render(&report, Format::Markdown);
    assert!(markdown.contains("are syndicated copies of Lakeside Courier"));
    let html = render(&report, Format::Html);
    assert!(html.contains("syndicated copy of Lakeside Courier (similarity 0.956)"));
    let json: serde_json::Value = serde_json::from_str(&render(&report, Format::Json)).unwrap();
    assert_eq!(json["syndication"][0]["origin"], "lakeside-courier");
    assert_eq!(
        json["syndication"][0]["copies"][1]["source"],
        "valley-times"
    );
    assert_eq!(json["sources"][0]["copy_of"], "lakeside-courier");
    assert!(json["sources"][1].get("copy_of").is_none());
    let schema: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string("docs/report.schema.json").expect("schema"))
            .unwrap();
    let validator = jsonschema::draft202012::new(&schema).expect("valid schema");
    let errors: Vec<String> = validator
        .iter_errors(&json)
        .map(|e| e.to_string())
        .collect();
    assert!(errors.is_empty(), "{errors:?}");
}

/// A deterministic article of `n` words from a vocabulary of made-up words, with `shared` (the
/// official statement everyone quotes, the outlet's boilerplate) in the middle.
fn article(seed: u64, n: usize, shared: &str) -> String {
    let mut state = seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1;
    let mut words: Vec<String> = Vec::with_capacity(n + 12);
    for _ in 0..n {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        words.push(format!("w{}", state % 5000));
        if words.len() == n / 2 {
            words.extend(shared.split(' ').map(String::from));
        }
    }
    words.join(" ")
}

/// A lightly edited copy: three words changed, the last 20 words cut, boilerplate added.
fn edited_copy(original: &str) -> String {
    let mut words: Vec<&str> = original.split(' ').collect();
    words.truncate(words.len() - 20);
    for at in [10, 60, 110] {
        words[at] = "changed";
    }
    format!(
        "{} Distributed by a wire service; copyright the outlet, all rights reserved.",
        words.join(" ")
    )
}

const STATEMENT: &str = "the ministry said in a statement on tuesday that the talks would continue";

#[test]
fn thousands_of_articles_are_grouped_without_comparing_all_pairs() {
    let found = grouped_story(STATEMENT);
    assert!(
        found.candidate_pairs < 5_000 && found.compared_pairs < 5_000,
        "{} candidates",
        found.candidate_pairs
    );
}

#[test]
fn text_every_article_shares_does_not_make_all_pairs_compared() {
    // A long shared block (a fifth of each article) fills whole buckets; the signature estimate
    // keeps their pairs from exact comparison, and none of them is grouped.
    let boilerplate: Vec<String> = (0..40).map(|i| format!("boilerplate{i}")).collect();
    let boilerplate = boilerplate.join(" ");
    let found = grouped_story(&boilerplate);
    assert!(
        found.compared_pairs < 5_000,
        "{} compared",
        found.compared_pairs
    );
}

/// 2,000 distinct articles and 200 edited copies of every tenth: checks the groups are exactly
/// the originals with their copies, and that far fewer pairs than all were compared exactly.
fn grouped_story(shared: &str) -> syndication::Syndication {
    const ARTICLES: usize = 2000;
    let mut sources: Vec<Source> = (0..ARTICLES)
        .map(|i| Source::from_text(&format!("a{i}"), &article(i as u64 + 1, 150, shared)))
        .collect();
    let originals: Vec<usize> = (0..ARTICLES).step_by(10).collect();
    for &o in &originals {
        let copy = edited_copy(&sources[o].text);
        sources.push(Source::from_text(&format!("copy-of-a{o}"), &copy));
    }
    let rules = Ruleset::builtin();
    let found = syndication::detect(&sources, rules.syndication().expect("built-in rule"));
    let expected: Vec<(usize, Vec<usize>)> = originals
        .iter()
        .enumerate()
        .map(|(k, &o)| (o, vec![ARTICLES + k]))
        .collect();
    let got: Vec<(usize, Vec<usize>)> = found
        .groups
        .iter()
        .map(|g| (g.origin, g.copies.iter().map(|c| c.source).collect()))
        .collect();
    assert_eq!(got, expected);
    let n = sources.len();
    eprintln!(
        "{} candidate pairs, {} compared exactly, of {} pairs",
        found.candidate_pairs,
        found.compared_pairs,
        n * (n - 1) / 2
    );
    assert!(found.compared_pairs >= originals.len());
    found
}

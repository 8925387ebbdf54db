//! corroborate: reconcile claims across news sources.
//!
//! Several articles about one story go in; each is read into claims (quantities with their hedges,
//! times resolved against the publication date, attributed quotes, people and their roles). YAML
//! rules link the claims that state the same fact and decide whether they agree or conflict; the
//! report lists agreements, discrepancies and single-source claims, each traced to exact text.
//!
//! The pipeline, one module per stage:
//! [`load`] → [`segment`] → [`extract`](mod@extract) → [`context`] → [`normalize`] → [`link`] → [`graph`] →
//! [`findings`] → [`report`]; [`syndication`] groups wire copies, so that findings count
//! independent sources. [`check`] runs it end to end; [`gate`] decides whether a CI run fails.
//!
//! # Example: a report from article files, in any format
//!
//! A newsroom that keeps its articles in git can snapshot the report in a test of its own (with
//! `insta::assert_snapshot!(markdown)`), or commit `--format markdown` output and gate CI on
//! `git diff --exit-code`: the output is deterministic.
//!
//! ```
//! use corroborate::report::{Format, render};
//! use corroborate::rules::Ruleset;
//!
//! let loaded = corroborate::load::load_paths(&["tests/fixtures/iraq-drawdown".to_string()], None);
//! assert!(loaded.problems.is_empty());
//! let report = corroborate::check(&loaded.sources, &Ruleset::builtin());
//! let markdown = render(&report, Format::Markdown);
//! assert!(markdown.starts_with("# Corroboration report"));
//! assert!(markdown.contains("“roughly 5,000”"));
//! // The same report as SARIF for code scanning, or JSON for other tools:
//! assert!(render(&report, Format::Json).contains("\"version\": 1"));
//! ```

pub mod charset;
pub mod context;
pub mod extract;
pub mod feed;
pub mod findings;
pub mod gate;
pub mod graph;
pub mod link;
pub mod load;
pub mod manifest;
pub mod markup;
pub mod model;
pub mod normalize;
pub mod page;
pub mod report;
pub mod rules;
pub mod ruletest;
pub mod segment;
pub mod story;
pub mod syndication;

use rayon::prelude::*;

use crate::model::{Claim, Source};
use crate::report::Report;
use crate::rules::Ruleset;

/// The allocator of every program built with this crate, unless the `mimalloc` feature is off
/// (see Cargo.toml): extraction makes many small, short-lived allocations (claims and their
/// strings, per-sentence lists), which mimalloc serves faster than the system allocator
/// (docs/performance.md).
#[cfg(feature = "mimalloc")]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Reads every source into claims (in parallel), with context and normalized values.
pub fn read_claims(sources: &[Source], rules: &Ruleset) -> Vec<Claim> {
    read_claims_clocked(sources, rules, || extract::NoClock)
}

/// [`read_claims`], with the wall time of each stage added into `times` (summed over sources
/// and threads): where extraction's time goes (`read_claims --stages`).
pub fn read_claims_timed(
    sources: &[Source],
    rules: &Ruleset,
    times: &extract::StageTimes,
) -> Vec<Claim> {
    read_claims_clocked(sources, rules, || extract::WallClock::new(times))
}

/// [`read_claims`] with a clock per thread, made by `clock`, told as each stage ends.
fn read_claims_clocked<C: extract::StageClock>(
    sources: &[Source],
    rules: &Ruleset,
    clock: impl Fn() -> C + Sync + Send,
) -> Vec<Claim> {
    let extractors = rules.lexicon.extractors();
    let per_source: Vec<Vec<Claim>> = sources
        .par_iter()
        .enumerate()
        // Each thread segments its sources into the lists of the last one it read, and lowers
        // their text and reads their words into buffers of its own.
        .map_init(
            || {
                (
                    segment::Spare::default(),
                    String::new(),
                    Vec::new(),
                    clock(),
                )
            },
            |(spare, lower, words, clock), (index, source)| {
                clock.start();
                // Each token's word is read once, as it is emitted, for every extractor and
                // for context.
                let doc = extractors.segment(source, std::mem::take(spare), words);
                clock.ended(extract::Stage::Segment);
                let mut extraction = extractors.extract_with(&doc, index, lower, words, clock);
                context::attach(
                    &doc,
                    &rules.lexicon,
                    extractors.context(),
                    words,
                    &mut extraction.claims,
                    &extraction.mentions,
                );
                clock.ended(extract::Stage::Context);
                normalize::normalize(source, &mut extraction.claims, rules);
                clock.ended(extract::Stage::Normalize);
                *spare = segment::Spare::from_document(doc);
                extraction.claims
            },
        )
        .collect();
    // Into a vector sized once, each claim moved once: through the iterator by reference,
    // which hands each claim over in place (not as one bulk copy of the list, nor through a
    // temporary per claim as a loop of pushes does).
    let mut claims = Vec::with_capacity(per_source.iter().map(Vec::len).sum());
    for source_claims in per_source {
        let mut source_claims = source_claims.into_iter();
        claims.extend(source_claims.by_ref());
    }
    claims
}

/// Extracts claims without linking: the report of `corroborate extract`.
pub fn extract(sources: &[Source], rules: &Ruleset) -> Report {
    let claims = read_claims(sources, rules);
    Report::new(sources, &claims, Vec::new())
}

/// The whole job: extract, link, build the graph, and report findings.
pub fn check(sources: &[Source], rules: &Ruleset) -> Report {
    let claims = read_claims(sources, rules);
    let links = link::link(&claims, rules);
    let graph = graph::ClaimGraph::from_links(&claims, links);
    let copies = rules
        .syndication()
        .map_or_else(syndication::Syndication::none, |rule| {
            syndication::detect(sources, rule)
        });
    let findings = findings::findings(sources, &claims, &graph, rules, &copies);
    let mut report = Report::new(sources, &claims, findings);
    report.attach_syndication(sources, &copies);
    findings::suppress(&mut report, rules);
    report
}

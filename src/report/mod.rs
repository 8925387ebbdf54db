//! Report: the finished report model, and one printer per format.
//!
//! Takes the sources, claims and findings of a run; gives a [`Report`] that holds everything a
//! printer needs (sources, claims with line:col and sentence, findings) so that printers never
//! reach back into linking. The model serializes to the JSON contract of DESIGN.md (version 1);
//! [`text`] and [`markdown`] render it for terminals and editors. Output is deterministic: claims
//! in source then text order, findings in kind then text order, no timestamps, no map-order.

pub mod dot;
pub mod github;
pub mod html;
pub mod json;
pub mod jsonl;
pub mod markdown;
pub mod sarif;
pub mod stories;
pub mod text;

use std::sync::OnceLock;

use rustc_hash::FxHashMap;
use serde::{Serialize, Serializer};

use crate::link::number;
use crate::model::{Claim, ClaimKind, Entity, Measure, Role, Source, TextOrigin, TimeRole};
use crate::rules::Severity;
use crate::syndication::Syndication;

/// Report formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Text,
    Markdown,
    Json,
    /// One self-contained page: sources side by side, highlights, findings, coverage matrix.
    Html,
    /// SARIF 2.1.0, for code scanning.
    Sarif,
    /// GitHub workflow-command annotations.
    Github,
    /// The claim graph in Graphviz DOT.
    Dot,
    /// One finding per line.
    Jsonl,
}

/// How to render, beyond the format.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RenderOptions {
    /// Text and Markdown show for each finding the rules that fired, with their scores and
    /// thresholds (JSON always carries them).
    pub explain: bool,
    /// Text uses terminal colours.
    pub color: bool,
}

/// Renders a report in a format.
pub fn render(report: &Report, format: Format) -> String {
    render_with(report, format, &RenderOptions::default())
}

/// Renders a report in a format, with options.
pub fn render_with(report: &Report, format: Format, options: &RenderOptions) -> String {
    let explain = options.explain;
    match format {
        Format::Text => text::render(report, options),
        Format::Markdown => markdown::render(report, explain),
        Format::Json => json::render(report),
        Format::Html => html::render(report),
        Format::Sarif => sarif::render(report),
        Format::Github => github::render(report),
        Format::Dot => dot::render(report),
        Format::Jsonl => jsonl::render(report),
    }
}

/// "same-count (score 0.62 ≥ 0.55) → count-within-hedge: within the ±10% of 'roughly'".
pub fn explain_link(l: &LinkView) -> String {
    let score = match (l.score, l.threshold) {
        (Some(s), Some(t)) if s >= t => format!(" (similarity {s} ≥ {t})"),
        (Some(s), Some(t)) => {
            format!(" (similarity {s} < {t}, kept: other links put both claims in one fact)")
        }
        (Some(s), None) => format!(" (similarity {s})"),
        _ => String::new(),
    };
    format!(
        "{} {} {}: linked by {}{score}, judged by {}: {}",
        l.claims[0], l.verdict, l.claims[1], l.link_rule, l.verdict_rule, l.note
    )
}

/// Renders the claims of a report, source by source (what `corroborate extract` prints).
pub fn render_claims(report: &Report, format: Format) -> String {
    match format {
        Format::Text => text::render_claims(report),
        Format::Markdown => markdown::render_claims(report),
        // The machine and visual formats show claims within the whole report.
        other => render(report, other),
    }
}

/// What a finding says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FindingKind {
    Agreement,
    SingleSource,
    Discrepancy,
}

impl FindingKind {
    pub fn as_str(self) -> &'static str {
        match self {
            FindingKind::Agreement => "agreement",
            FindingKind::SingleSource => "single_source",
            FindingKind::Discrepancy => "discrepancy",
        }
    }
}

/// One pair of linked claims inside a finding, with the rules and the reason.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LinkView {
    pub claims: [String; 2],
    pub verdict: &'static str,
    pub link_rule: String,
    pub verdict_rule: String,
    #[serde(serialize_with = "opt_number", skip_serializing_if = "Option::is_none")]
    pub score: Option<f64>,
    #[serde(serialize_with = "opt_number", skip_serializing_if = "Option::is_none")]
    pub threshold: Option<f64>,
    pub note: String,
}

/// An agreement, a discrepancy or a single-source claim.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finding {
    pub id: String,
    pub kind: FindingKind,
    pub severity: Severity,
    /// The rule that decided it.
    pub rule: String,
    /// Claim ids, in report order.
    pub claims: Vec<String>,
    /// One sentence an editor understands.
    pub summary: String,
    /// What the fact is about, in a few words ("troops in Iraq", "when it happens").
    pub subject: String,
    /// The links that make up the finding (empty for single-source claims).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub links: Vec<LinkView>,
    /// How many of the finding's sources are independent, when some are syndicated copies of
    /// one wire story (1 for a fact only copies of one story state); absent when every source
    /// is independent.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub independent_sources: Option<usize>,
}

/// A source as reported.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SourceView {
    pub id: String,
    pub path: String,
    pub outlet: Option<String>,
    pub url: Option<String>,
    pub published: Option<String>,
    pub title: Option<String>,
    /// The id of the source this one is a syndicated copy of (absent when it is not a copy).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub copy_of: Option<String>,
    /// A copy's similarity to its origin (the larger of resemblance and containment).
    #[serde(serialize_with = "opt_number", skip_serializing_if = "Option::is_none")]
    pub similarity: Option<f64>,
    /// What claims' spans index: `file` (the file's text), `markdown` (byte offsets into the
    /// Markdown file; claims' text has the markup blanked) or `html` (the article text extracted
    /// from a saved web page).
    pub text_origin: TextOrigin,
    /// The whole file text (claims' spans index into it); not in the JSON report, for printers
    /// that show the articles themselves.
    #[serde(skip)]
    pub text: String,
    /// Where the article body starts in `text` (after front matter).
    #[serde(skip)]
    pub body_start: usize,
    /// The file as read where `text` rewrites it at the same length (Markdown): lines, columns and
    /// character offsets are counted in it.
    #[serde(skip)]
    pub file_text: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct SpanView {
    pub start: usize,
    pub end: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct QuantityView {
    #[serde(serialize_with = "opt_number")]
    pub value: Option<f64>,
    #[serde(serialize_with = "opt_number")]
    pub low: Option<f64>,
    #[serde(serialize_with = "opt_number")]
    pub high: Option<f64>,
    pub hedge: Option<String>,
    pub unit: Option<String>,
    pub low_inclusive: bool,
    pub high_inclusive: bool,
    /// The counted noun as written ("soldiers").
    pub unit_text: Option<String>,
    pub measure: String,
    pub role: Role,
    pub vague: Option<String>,
    /// The rule that set the interval (hedge, vague amount or derivation).
    pub interval_rule: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TimeView {
    pub start: Option<String>,
    pub end: Option<String>,
    pub role: TimeRole,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct QuoteView {
    pub speaker: Option<String>,
    pub speaker_text: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ContextView {
    pub places: Vec<String>,
    pub actors: Vec<String>,
    pub event: Option<String>,
    /// Event times stated beside a quantity, as `[start, end]` dates.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub times: Vec<[String; 2]>,
}

/// A claim as reported.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ClaimView {
    pub id: String,
    pub source: String,
    pub kind: ClaimKind,
    pub text: String,
    pub span: SpanView,
    pub line: usize,
    pub column: usize,
    pub sentence: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub quantity: Option<QuantityView>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub time: Option<TimeView>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub quote: Option<QuoteView>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub entity: Option<Entity>,
    pub context: ContextView,
    pub derived: bool,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub derived_from: Vec<String>,
}

/// The finished report.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    pub version: u32,
    pub sources: Vec<SourceView>,
    pub claims: Vec<ClaimView>,
    pub findings: Vec<Finding>,
    /// Findings a `suppress` rule accepted, with its id and reason: out of `findings` (and of
    /// `--fail-on`), but still reported.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub suppressed: Vec<Suppressed>,
    /// Groups of syndicated copies of one wire story, by origin; absent when there are none.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub syndication: Vec<SyndicationView>,
    /// Claim id → index in `claims`, built on the first [`Report::claim`] lookup.
    #[serde(skip)]
    claim_index: ClaimIndex,
}

/// A lookup cache derived from `claims`: not part of what a report is, so it never makes two
/// reports differ.
#[derive(Debug, Clone, Default)]
struct ClaimIndex(OnceLock<FxHashMap<String, usize>>);

impl PartialEq for ClaimIndex {
    fn eq(&self, _: &ClaimIndex) -> bool {
        true
    }
}

/// One wire story run by several outlets: the origin's source id and its copies.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SyndicationView {
    pub origin: String,
    pub copies: Vec<CopyView>,
    /// The syndication rule that grouped them.
    pub rule: String,
}

/// A syndicated copy and how close it is to its origin.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CopyView {
    pub source: String,
    /// The larger of resemblance and containment.
    pub similarity: f64,
    /// Jaccard index of the two articles' word-shingle sets.
    pub resemblance: f64,
    /// Shared shingles over the smaller article's.
    pub containment: f64,
}

/// A finding a suppression rule accepted.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Suppressed {
    pub finding: Finding,
    /// The suppression rule's id.
    pub by: String,
    pub reason: String,
}

impl Report {
    /// Builds the report model.
    pub fn new(sources: &[Source], claims: &[Claim], findings: Vec<Finding>) -> Report {
        let mut order: Vec<usize> = (0..claims.len()).collect();
        order.sort_by_key(|&i| claim_order(&claims[i]));
        let mut lines = LineStarts::default();
        let claims = order
            .into_iter()
            .map(|i| claim_view(sources, &claims[i], &mut lines))
            .collect();
        Report {
            version: 1,
            sources: sources.iter().map(source_view).collect(),
            claims,
            findings,
            suppressed: Vec::new(),
            syndication: Vec::new(),
            claim_index: ClaimIndex::default(),
        }
    }

    /// Records the syndication groups: the report's `syndication` list and each copy's
    /// `copy_of` and `similarity`.
    pub fn attach_syndication(&mut self, sources: &[Source], copies: &Syndication) {
        for group in &copies.groups {
            let origin = sources[group.origin].id.clone();
            for copy in &group.copies {
                if let Some(view) = self.sources.get_mut(copy.source) {
                    view.copy_of = Some(origin.clone());
                    view.similarity = Some(copy.similarity);
                }
            }
            self.syndication.push(SyndicationView {
                origin,
                copies: group
                    .copies
                    .iter()
                    .map(|c| CopyView {
                        source: sources[c.source].id.clone(),
                        similarity: c.similarity,
                        resemblance: c.resemblance,
                        containment: c.containment,
                    })
                    .collect(),
                rule: copies.rule.clone(),
            });
        }
    }

    /// One sentence per wire story: "Harbour Post (similarity 0.95) and Valley Times (similarity
    /// 0.9) are syndicated copies of Wire Desk".
    pub fn syndication_sentences(&self) -> Vec<String> {
        self.syndication
            .iter()
            .map(|g| {
                let names: Vec<String> = g
                    .copies
                    .iter()
                    .map(|c| {
                        format!(
                            "{} (similarity {})",
                            self.source_name(&c.source),
                            c.similarity
                        )
                    })
                    .collect();
                let (list, verb) = match names.as_slice() {
                    [one] => (one.clone(), "is a syndicated copy"),
                    [rest @ .., last] => (
                        format!("{} and {last}", rest.join(", ")),
                        "are syndicated copies",
                    ),
                    [] => (String::new(), "are syndicated copies"),
                };
                format!("{list} {verb} of {}", self.source_name(&g.origin))
            })
            .collect()
    }

    /// The name of a source as a column of the coverage matrix: its outlet, marked "(copy)" when
    /// it is a syndicated copy.
    pub fn column_name(&self, source: &SourceView) -> String {
        let name = self.source_name(&source.id);
        match source.copy_of {
            Some(_) => format!("{name} (copy)"),
            None => name.to_string(),
        }
    }

    /// "syndicated copy of Northline News (similarity 0.93)" for a copy; `None` otherwise.
    pub fn copy_note(&self, source: &SourceView) -> Option<String> {
        let origin = source.copy_of.as_deref()?;
        let similarity = source
            .similarity
            .map(|s| format!(" (similarity {s})"))
            .unwrap_or_default();
        Some(format!(
            "syndicated copy of {}{similarity}",
            self.source_name(origin)
        ))
    }

    /// The claim with this id: hashed, as printers look up every claim of every finding. (A
    /// caller that edits `claims` after a lookup only costs the index: a stale hit falls back to
    /// a scan.)
    pub fn claim(&self, id: &str) -> Option<&ClaimView> {
        let index = self.claim_index.0.get_or_init(|| {
            let mut index = FxHashMap::default();
            for (i, c) in self.claims.iter().enumerate() {
                index.entry(c.id.clone()).or_insert(i);
            }
            index
        });
        match index.get(id).and_then(|&i| self.claims.get(i)) {
            Some(c) if c.id == id => Some(c),
            _ => self.claims.iter().find(|c| c.id == id),
        }
    }

    pub fn source(&self, id: &str) -> Option<&SourceView> {
        self.sources.iter().find(|s| s.id == id)
    }

    /// The outlet of a source, else its id.
    pub fn source_name<'a>(&'a self, id: &'a str) -> &'a str {
        self.source(id)
            .and_then(|s| s.outlet.as_deref())
            .unwrap_or(id)
    }

    pub fn count(&self, kind: FindingKind) -> usize {
        self.findings.iter().filter(|f| f.kind == kind).count()
    }
}

/// Report order of claims: source, then position, then kind, derived last.
pub fn claim_order(c: &Claim) -> (usize, usize, ClaimKind, usize, bool) {
    (c.source, c.span.start, c.kind(), c.span.end, c.derived)
}

fn source_view(s: &Source) -> SourceView {
    SourceView {
        id: s.id.clone(),
        path: s.path.clone(),
        outlet: s.outlet.clone(),
        url: s.url.clone(),
        published: s.published.map(|d| d.to_string()),
        title: s.title.clone(),
        copy_of: None,
        similarity: None,
        text_origin: s.origin,
        text: s.text.clone(),
        body_start: s.body_start,
        file_text: s.file_text.clone(),
    }
}

/// The byte offsets where lines start, per text a claim is located in (computed once per text,
/// so that placing every claim of a long source stays linear), and the readable sentences
/// already made (claims of one sentence share it).
#[derive(Default)]
struct LineStarts {
    /// (source index, whether the text is the source's file text) → line starts.
    by_text: rustc_hash::FxHashMap<(usize, bool), Vec<usize>>,
    /// (source index, sentence start, end) → [`Source::readable`] of the sentence.
    sentences: rustc_hash::FxHashMap<(usize, usize, usize), String>,
}

impl LineStarts {
    /// [`Source::readable`] of a claim's sentence, made once per sentence.
    fn sentence(&mut self, sources: &[Source], c: &Claim) -> String {
        let key = (c.source, c.sentence_span.start, c.sentence_span.end);
        self.sentences
            .entry(key)
            .or_insert_with(|| sources[c.source].readable(c.sentence_span))
            .clone()
    }

    /// Line and column (1-based, column in characters) of byte offset `at` in `text`, the
    /// source's file text or its text: the same as [`crate::load::line_col`].
    fn line_col(&mut self, source: usize, file: bool, text: &str, at: usize) -> (usize, usize) {
        let starts = self.by_text.entry((source, file)).or_insert_with(|| {
            std::iter::once(0)
                .chain(
                    text.bytes()
                        .enumerate()
                        .filter(|&(_, b)| b == b'\n')
                        .map(|(i, _)| i + 1),
                )
                .collect()
        });
        let at = at.min(text.len());
        let line = starts.partition_point(|&s| s <= at);
        let column = text[starts[line - 1]..at].chars().count() + 1;
        (line, column)
    }
}

fn claim_view(sources: &[Source], c: &Claim, lines: &mut LineStarts) -> ClaimView {
    let source = &sources[c.source];
    let file = source.file_text.is_some() && source.located_text().is_char_boundary(c.span.start);
    let located = if file {
        source.located_text()
    } else {
        &source.text
    };
    let (line, column) = lines.line_col(c.source, file, located, c.span.start);
    let quantity = c.quantity().map(|q| QuantityView {
        value: q.value,
        low: q.interval.low,
        high: q.interval.high,
        hedge: q.hedge.clone(),
        unit: q.unit.clone(),
        low_inclusive: q.interval.low_inclusive,
        high_inclusive: q.interval.high_inclusive,
        unit_text: q.unit_text.clone(),
        measure: match &q.measure {
            Measure::Count => "count".to_string(),
            Measure::Percent => "percent".to_string(),
            Measure::Fraction => "fraction".to_string(),
            Measure::Money(code) => format!("money:{code}"),
            Measure::Physical(dimension) => dimension.clone(),
        },
        role: q.role,
        vague: q.vague.clone(),
        interval_rule: q.interval_rule.clone(),
    });
    ClaimView {
        id: c.id.clone(),
        source: source.id.clone(),
        kind: c.kind(),
        text: c.text.clone(),
        span: SpanView {
            start: c.span.start,
            end: c.span.end,
        },
        line,
        column,
        sentence: lines.sentence(sources, c),
        quantity,
        time: c.time().map(|t| TimeView {
            start: t.start.map(|d| d.to_string()),
            end: t.end.map(|d| d.to_string()),
            role: t.role,
        }),
        quote: c.quote().map(|q| QuoteView {
            speaker: q.speaker.clone(),
            speaker_text: q.speaker_text.clone(),
        }),
        entity: c.entity().cloned(),
        context: ContextView {
            places: c.context.places.clone(),
            actors: c.context.actors.clone(),
            event: c.context.event.clone(),
            times: c
                .context
                .times
                .iter()
                .map(|(s, e)| [s.to_string(), e.to_string()])
                .collect(),
        },
        derived: c.derived,
        derived_from: c.derived_from.clone(),
    }
}

/// Numbers print as integers when they are whole ("5200", not "5200.0").
fn opt_number<S: Serializer>(v: &Option<f64>, s: S) -> Result<S::Ok, S::Error> {
    match v {
        None => s.serialize_none(),
        Some(x) if x.fract() == 0.0 && x.abs() < 9.0e15 => s.serialize_i64(*x as i64),
        Some(x) => s.serialize_f64((x * 1e6).round() / 1e6),
    }
}

/// The normalized value of a claim in words: "4,940–5,460 troops", "2020-08-01 to 2020-08-31".
pub fn claim_value(c: &ClaimView) -> String {
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
            (Some(s), None) => format!("from {s} on"),
            (None, Some(e)) => format!("up to {e}"),
            (None, None) => "unresolved".to_string(),
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

/// "3 sources, 64 claims: 2 discrepancies, 6 agreements, 21 single-source claims", with each
/// finding count wrapped in `strong` (Markdown bold, or nothing).
pub fn tally(report: &Report, strong: &str) -> String {
    Counts::of(report).tally(strong)
}

/// The sizes and finding counts of a report, or summed over the stories of a run.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// Stories summed (0 for one report).
    pub stories: usize,
    pub sources: usize,
    pub claims: usize,
    pub discrepancies: usize,
    pub agreements: usize,
    pub single_source: usize,
}

impl Counts {
    pub fn of(report: &Report) -> Counts {
        Counts {
            stories: 0,
            sources: report.sources.len(),
            claims: report.claims.len(),
            discrepancies: report.count(FindingKind::Discrepancy),
            agreements: report.count(FindingKind::Agreement),
            single_source: report.count(FindingKind::SingleSource),
        }
    }

    /// Adds one story's counts.
    pub fn add(&mut self, c: &Counts) {
        self.stories += 1;
        self.sources += c.sources;
        self.claims += c.claims;
        self.discrepancies += c.discrepancies;
        self.agreements += c.agreements;
        self.single_source += c.single_source;
    }

    /// "2 stories, 5 sources, 80 claims" (stories only when summed).
    pub fn sizes(&self) -> String {
        let mut parts = Vec::new();
        if self.stories > 0 {
            parts.push(plural(self.stories, "story", "stories"));
        }
        parts.push(plural(self.sources, "source", "sources"));
        parts.push(plural(self.claims, "claim", "claims"));
        parts.join(", ")
    }

    /// The sizes, then each finding count wrapped in `strong`.
    pub fn tally(&self, strong: &str) -> String {
        format!(
            "{}: {strong}{}{strong}, {strong}{}{strong}, {strong}{}{strong}",
            self.sizes(),
            plural(self.discrepancies, "discrepancy", "discrepancies"),
            plural(self.agreements, "agreement", "agreements"),
            plural(
                self.single_source,
                "single-source claim",
                "single-source claims"
            ),
        )
    }
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// One row of the coverage matrix: a finding's fact and, for each source (in report order),
/// the claims that source states in it (empty where the source is silent).
#[derive(Debug, Clone, PartialEq)]
pub struct CoverageRow<'a> {
    pub finding: &'a Finding,
    pub cells: Vec<Vec<&'a ClaimView>>,
}

/// The coverage matrix: facts as rows (the report's findings, in order), sources as columns.
pub fn coverage(report: &Report) -> Vec<CoverageRow<'_>> {
    report
        .findings
        .iter()
        .map(|finding| {
            let claims: Vec<&ClaimView> = finding
                .claims
                .iter()
                .filter_map(|id| report.claim(id))
                .collect();
            let cells = report
                .sources
                .iter()
                .map(|s| {
                    claims
                        .iter()
                        .copied()
                        .filter(|c| c.source == s.id)
                        .collect()
                })
                .collect();
            CoverageRow { finding, cells }
        })
        .collect()
}

/// A sentence on one line: inner line breaks and runs of spaces become single spaces.
pub fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_starts_place_every_offset_like_line_col() {
        let text = "first line\nsecond — line\n\n«fourth»\n";
        let mut lines = LineStarts::default();
        for at in text
            .char_indices()
            .map(|(i, _)| i)
            .chain([text.len(), text.len() + 3])
        {
            assert_eq!(
                lines.line_col(0, false, text, at),
                crate::load::line_col(text, at),
                "offset {at}"
            );
        }
    }

    /// The sentences of claim views read as the reader sees them: whitespace runs as one space,
    /// ends trimmed, blanked Markdown markup left out (the text of a Markdown source is its file
    /// with markup blanked to spaces).
    #[test]
    fn sentences_read_on_one_line_without_markup() {
        let cases = [
            (
                "  Some\n 300\u{a0}soldiers \t left.  ",
                None,
                "Some 300 soldiers left.",
            ),
            (
                "It burnt 5 hectares  , locals said.",
                Some("It burnt 5 hectares**, locals said."),
                "It burnt 5 hectares, locals said.",
            ),
            ("   ", None, ""),
            ("«Là»  —\r\n dit-il", None, "«Là» — dit-il"),
        ];
        for (text, file, want) in cases {
            let mut source = Source::from_text("s", text);
            source.file_text = file.map(str::to_string);
            let span = crate::model::Span {
                start: 0,
                end: text.len(),
            };
            assert_eq!(source.readable(span), want, "{text:?}");
        }
    }
}

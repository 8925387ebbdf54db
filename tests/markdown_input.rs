//! Markdown as input: markup (links around numbers, bold hedges, headings, lists, tables, images,
//! comments) is blanked for extraction, so a marked-up file gives the claims of its plain
//! version, while spans stay byte offsets into the Markdown file.

use corroborate::load::load_paths;
use corroborate::model::TextOrigin;
use corroborate::report::{ClaimView, Report};
use corroborate::rules::Ruleset;

const MARKED_UP: &str = "tests/fixtures/markdown/marked-up.md";
const PLAIN: &str = "tests/fixtures/markdown/plain.txt";

fn report(path: &str) -> (Report, corroborate::model::Source) {
    let loaded = load_paths(&[path.to_string()], None);
    assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
    let report = corroborate::extract(&loaded.sources, &Ruleset::builtin());
    (report, loaded.sources.into_iter().next().unwrap())
}

/// What a claim says, without where it is: kind, words, value and sentence.
fn meaning(c: &ClaimView) -> String {
    let squeeze = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    format!(
        "{:?} {:?} {:?} {:?} {:?} {:?}",
        c.kind,
        squeeze(&c.text),
        c.quantity,
        c.time,
        c.quote,
        squeeze(&c.sentence)
    )
}

#[test]
fn marked_up_markdown_gives_the_claims_of_its_plain_version() {
    let (marked, _) = report(MARKED_UP);
    let (plain, _) = report(PLAIN);
    let marked: Vec<String> = marked.claims.iter().map(meaning).collect();
    let plain: Vec<String> = plain.claims.iter().map(meaning).collect();
    assert_eq!(marked, plain);
    assert!(marked.len() >= 8, "{marked:#?}");
    // The commented-out figure and the image are not read.
    assert!(
        !marked
            .iter()
            .any(|m| m.contains("5,000") || m.contains("Smoke"))
    );
}

#[test]
fn spans_are_byte_offsets_into_the_markdown_file() {
    let (report, source) = report(MARKED_UP);
    assert_eq!(source.origin, TextOrigin::Markdown);
    let file = std::fs::read_to_string(MARKED_UP).unwrap();
    assert_eq!(source.text.len(), file.len());
    for claim in &report.claims {
        let (start, end) = (claim.span.start, claim.span.end);
        assert_eq!(&source.text[start..end], claim.text);
        // Every character the claim keeps is the file's own at the same offset; only markup and
        // line breaks of wrapped paragraphs were blanked.
        for (at, b) in claim.text.bytes().enumerate() {
            let f = file.as_bytes()[start + at];
            assert!(
                b == f || b == b' ',
                "{claim:?}: byte {at} is {f:?} in the file"
            );
        }
        let (line, column) = corroborate::load::line_col(&file, start);
        assert_eq!((claim.line, claim.column), (line, column), "{claim:?}");
    }
    let link = report
        .claims
        .iter()
        .find(|c| c.text == "about 1,200")
        .expect("the linked figure");
    assert_eq!(
        &file[link.span.start - 1..link.span.end + 1],
        "[about 1,200 "
    );
    assert_eq!((link.line, link.column), (11, 2));
    let bold = report
        .claims
        .iter()
        .find(|c| c.text == "about 4,500")
        .unwrap();
    assert_eq!(&file[bold.span.start - 2..bold.span.end], "**about 4,500");
}

#[test]
fn the_report_shows_sentences_without_markup() {
    let (report, _) = report(MARKED_UP);
    let sentences: Vec<&str> = report.claims.iter().map(|c| c.sentence.as_str()).collect();
    assert!(sentences.contains(
        &"The fire east of Carver Springs has burned about 4,500 hectares, and officials ordered about 1,200 residents to leave their homes on Monday."
    ), "{sentences:#?}");
    for s in sentences {
        assert!(!s.contains(['*', '[', ']', '#', '`', '|', '>']), "{s}");
    }
    let json = corroborate::report::render(&report, corroborate::report::Format::Json);
    assert!(json.contains("\"text_origin\": \"markdown\""));
}

/// Markdown-ish text from fragments of markup, prose, numbers and odd Unicode.
fn markdown_text() -> impl proptest::strategy::Strategy<Value = String> {
    use proptest::prelude::*;
    let fragment = prop_oneof![
        Just("**"),
        Just("*"),
        Just("_"),
        Just("__"),
        Just("~~"),
        Just("~"),
        Just("`"),
        Just("```\n"),
        Just("["),
        Just("]"),
        Just("("),
        Just(")"),
        Just("]("),
        Just("!["),
        Just("<"),
        Just(">"),
        Just("<b>"),
        Just("</span>"),
        Just("<!--"),
        Just("-->"),
        Just("# "),
        Just("## "),
        Just("\n"),
        Just("\n\n"),
        Just("\r\n"),
        Just("- "),
        Just("1. "),
        Just("> "),
        Just("| "),
        Just("|---|\n"),
        Just("\\"),
        Just("  \n"),
        Just("about 5,200 troops"),
        Just("Monday"),
        Just("said"),
        Just("\"We will leave,\" she said."),
        Just("é"),
        Just("日本"),
        Just("\u{200b}"),
        Just(" "),
        Just("https://x.example/a_(b)"),
        Just("[^1]"),
        Just("[ref]: https://x"),
    ];
    proptest::collection::vec(fragment, 0..80).prop_map(|parts| parts.concat())
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(200))]

    /// Blanking keeps the length and every line break, never panics, and claims' text is the
    /// source text at their span.
    #[test]
    fn markup_blanking_keeps_offsets_and_spans_hold(text in markdown_text()) {
        let blanked = corroborate::markup::blank_markdown(&text, 0);
        proptest::prop_assert_eq!(blanked.len(), text.len());
        for (b, f) in blanked.bytes().zip(text.bytes()) {
            proptest::prop_assert!(b == f || b == b' ' || f == b'\r', "{:?} -> {:?}", text, blanked);
        }
        let (source, _) = corroborate::load::parse_source("x.md", text.into_bytes(), None)
            .expect("Markdown text loads");
        let claims = corroborate::read_claims(std::slice::from_ref(&source), &Ruleset::builtin());
        for c in &claims {
            proptest::prop_assert_eq!(&source.text[c.span.start..c.span.end], c.text.as_str());
        }
        let _ = Report::new(std::slice::from_ref(&source), &claims, Vec::new());
    }
}

//! Saved web pages as input: the article text is found among the clutter of real news pages
//! (navigation, cookie banners, scripts, adverts, related links, comments), metadata is read from
//! og: tags and JSON-LD, a windows-1252 page is decoded, and spans index the extracted text.

mod common;

use corroborate::load::{Level, load_paths};
use corroborate::model::TextOrigin;
use corroborate::report::FindingKind;
use corroborate::rules::Ruleset;

const PAGES: &str = "tests/fixtures/html";

/// Words that only the pages' boilerplate holds (cookie banners, menus, adverts, promos, related
/// links, comments, newsletter boxes, scripts, footers).
const BOILERPLATE: &[&str] = &[
    "cookies",
    "Weather",
    "Advertisement",
    "ADVERTISEMENT",
    "Subscribe",
    "newsletter",
    "25,000 readers",
    "Flood damage",
    "go-bag",
    "Read more",
    "fire trucks",
    "Most read",
    "All rights reserved",
    "pageviews",
    "widgets",
    "Shared 95",
    "310 shares",
    "Drought",
    "Top 10 hikes",
    "555-0140",
    "since 1911",
];

#[test]
fn boilerplate_is_absent_from_the_text_and_the_claims() {
    let loaded = load_paths(&[PAGES.to_string()], None);
    assert!(!loaded.has_errors(), "{:?}", loaded.problems);
    assert_eq!(loaded.sources.len(), 2);
    let report = corroborate::extract(&loaded.sources, &Ruleset::builtin());
    for source in &loaded.sources {
        assert_eq!(source.origin, TextOrigin::Html);
        for junk in BOILERPLATE {
            assert!(!source.text.contains(junk), "{junk:?} in {}", source.text);
        }
    }
    for claim in &report.claims {
        for junk in BOILERPLATE {
            assert!(!claim.sentence.contains(junk), "{junk:?} in {claim:?}");
        }
    }
    // The article prose is there, one paragraph per line, entities decoded.
    let courier = &loaded.sources[1];
    assert!(courier.text.contains(
        "\n“The wind is our biggest enemy right now,” Delgado said at a briefing on Monday."
    ));
    assert!(
        courier.text.contains("\nShelters open\n"),
        "headings on their own line"
    );
}

#[test]
fn metadata_comes_from_og_tags_and_json_ld() {
    let loaded = load_paths(&[PAGES.to_string()], None);
    let [tribune, courier] = &loaded.sources[..] else {
        panic!("two pages");
    };
    // og:site_name wins over the JSON-LD publisher; canonical over og:url.
    assert_eq!(courier.outlet.as_deref(), Some("Valley Courier"));
    assert_eq!(courier.id, "valley-courier");
    assert_eq!(
        courier.url.as_deref(),
        Some("https://valleycourier.example/news/carver-springs-fire")
    );
    assert_eq!(
        courier.title.as_deref(),
        Some("Wildfire near Carver Springs forces 1,200 residents from their homes")
    );
    assert_eq!(courier.published.unwrap().to_string(), "2023-08-14");
    // No og:site_name: the publisher of the JSON-LD article (in an array beside a breadcrumb list).
    assert_eq!(tribune.outlet.as_deref(), Some("The Ridge Tribune"));
    assert_eq!(tribune.published.unwrap().to_string(), "2023-08-14");
    assert_eq!(tribune.url, None);
}

#[test]
fn a_windows_1252_page_is_decoded_by_its_meta_charset() {
    let loaded = load_paths(&[format!("{PAGES}/ridge-tribune.html")], None);
    assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
    let text = &loaded.sources[0].text;
    assert!(
        text.contains("CARVER SPRINGS — Some 1,200 residents"),
        "{text}"
    );
    assert!(text.contains("“The wind is our biggest enemy right now,” she said."));
    assert!(!text.contains('\u{fffd}'));
}

#[test]
fn the_two_outlets_agree_on_the_chiefs_words_and_spans_index_the_article_text() {
    let loaded = load_paths(&[PAGES.to_string()], None);
    let report = corroborate::check(&loaded.sources, &Ruleset::builtin());
    let quote = common::finding(
        &report,
        FindingKind::Agreement,
        &[
            (
                "the-ridge-tribune",
                "=The wind is our biggest enemy right now",
            ),
            ("valley-courier", "=The wind is our biggest enemy right now"),
        ],
    );
    assert!(quote.summary.contains("Rosa Delgado"), "{}", quote.summary);
    let json: serde_json::Value = serde_json::from_str(&corroborate::report::render(
        &report,
        corroborate::report::Format::Json,
    ))
    .unwrap();
    assert_eq!(json["sources"][0]["text_origin"], "html");
    for claim in &report.claims {
        let source = loaded
            .sources
            .iter()
            .find(|s| s.id == claim.source)
            .unwrap();
        assert_eq!(&source.text[claim.span.start..claim.span.end], claim.text);
        assert!(
            source.text.contains(&claim.sentence),
            "the sentence is shown from the article text: {claim:?}"
        );
    }
    let hectares = report
        .claims
        .iter()
        .find(|c| c.source == "valley-courier" && c.text == "about 4,500")
        .expect("the burned area");
    let courier = &loaded.sources[1];
    assert_eq!(courier.text.find("about 4,500"), Some(hectares.span.start));
    // Line 9 of the article text: kicker, headline, byline and caption come first, a blank line
    // between blocks.
    assert_eq!((hectares.line, hectares.column), (9, 59));
    assert!(
        courier
            .text
            .lines()
            .nth(8)
            .unwrap()
            .starts_with("A wildfire in the hills")
    );
}

#[test]
fn empty_and_garbage_pages_are_warnings_naming_the_file_never_a_panic() {
    let dir = tempfile::tempdir().unwrap();
    let cases: &[(&str, &[u8])] = &[
        ("empty.html", b""),
        (
            "shell.htm",
            b"<html><head><title>Only a title</title></head><body></body></html>",
        ),
        ("junk.html", b"\x80\x81<<</>>>\xff\xfe <p"),
        (
            "nav-only.html",
            b"<nav><a href=/>Home</a></nav><script>var n = 5;</script>",
        ),
    ];
    for (name, bytes) in cases {
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        let path = path.to_string_lossy().into_owned();
        let loaded = load_paths(std::slice::from_ref(&path), None);
        assert!(
            loaded.problems.iter().any(|p| p.path == path),
            "{name}: {:?}",
            loaded.problems
        );
        assert!(loaded.problems.iter().all(|p| p.level == Level::Warning));
        let report = corroborate::check(&loaded.sources, &Ruleset::builtin());
        assert!(report.claims.is_empty(), "{name}: {:?}", report.claims);
    }
    // An undeclared page that is not UTF-8 is read as windows-1252, with a warning naming it.
    let path = dir.path().join("latin.html");
    std::fs::write(
        &path,
        b"<article><p>The caf\xe9 owner said 12 tables were damaged in the storm on Monday.</p>\
          <p>Repairs will cost about \x8050,000, she said, and take two weeks.</p></article>",
    )
    .unwrap();
    let path = path.to_string_lossy().into_owned();
    let loaded = load_paths(std::slice::from_ref(&path), None);
    let warning = &loaded.problems[0];
    assert_eq!(
        (warning.level, warning.path.as_str()),
        (Level::Warning, path.as_str())
    );
    assert!(warning.message.contains("windows-1252"), "{warning}");
    assert!(loaded.sources[0].text.contains("café owner"));
    assert!(loaded.sources[0].text.contains("about €50,000"));
    // A binary file named .html is refused like any binary file.
    let path = dir.path().join("image.html");
    std::fs::write(&path, b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR").unwrap();
    let loaded = load_paths(&[path.to_string_lossy().into_owned()], None);
    assert!(
        loaded.problems[0].message.contains("binary"),
        "{:?}",
        loaded.problems
    );
}

#[test]
fn the_cli_reads_pages_from_a_folder_and_from_standard_input() {
    let (code, out, err) = common::run(&["check", PAGES, "--no-config"], None);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("2 sources"), "{out}");
    assert!(out.contains("AGREEMENT"), "{out}");
    let page = std::fs::read(format!("{PAGES}/valley-courier.html")).unwrap();
    let (code, out, err) = common::run(
        &["extract", "-", "--no-config", "--format", "json"],
        Some(&page),
    );
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("\"text_origin\": \"html\""), "{out}");
    assert!(!out.contains("fire trucks"));
}

/// Fragments of pages: tags, attributes, charsets, JSON-LD, entities, prose, stray bytes.
const PAGE_FRAGMENTS: &[&[u8]] = &[
    b"<article>",
    b"</article>",
    b"<p>",
    b"</p>",
    b"<div class=\"share\">",
    b"</div>",
    b"<nav>",
    b"<script>",
    b"</script>",
    b"<br>",
    b"<a href=x>",
    b"</a>",
    b"<meta charset=\"windows-1252\">",
    b"<meta charset=utf-16>",
    b"<script type=\"application/ld+json\">{\"@graph\":[{\"@type\":\"NewsArticle\",\"publisher\":{\"@id\":1}}]}</script>",
    b"<time datetime=\"2020-13-45\">",
    b"&amp;",
    b"&#x0;",
    b"&bogus;",
    b"<",
    b">",
    b"about 5,200 troops said on Monday. ",
    b"\xe9\x93\x94",
    "日本".as_bytes(),
    b"\xff\xfe",
    b"<table><tr><td>",
    b"<h1>",
    b"<!--",
    b"-->",
    b"\n",
];

/// Page-like bytes built from the fragments.
fn page_bytes() -> impl proptest::strategy::Strategy<Value = Vec<u8>> {
    use proptest::prelude::*;
    proptest::collection::vec(proptest::sample::select(PAGE_FRAGMENTS), 0..80)
        .prop_map(|parts| parts.concat())
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(200))]

    /// Any page loads without a panic (or is refused with a message), and claims' spans index
    /// the extracted text.
    #[test]
    fn arbitrary_pages_never_panic_and_spans_hold(bytes in page_bytes()) {
        match corroborate::load::parse_source("x.html", bytes, None) {
            Err(problem) => proptest::prop_assert_eq!(problem.path, "x.html"),
            Ok((source, _)) => {
                let claims =
                    corroborate::read_claims(std::slice::from_ref(&source), &Ruleset::builtin());
                for c in &claims {
                    proptest::prop_assert_eq!(&source.text[c.span.start..c.span.end], c.text.as_str());
                }
            }
        }
    }
}

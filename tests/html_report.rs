//! The HTML report: a snapshot of the fixture story's page, escaping of hostile sources, one
//! mark per claim, and well-nested tags when claims overlap.

mod common;

use corroborate::report::{Format, Report, SpanView, render};
use corroborate::rules::Ruleset;

fn fixture_report() -> corroborate::report::Report {
    common::fixture_report()
}

fn report_of(files: &[(&str, &str)]) -> (tempfile::TempDir, Report) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    for (name, text) in files {
        std::fs::write(dir.path().join(name), text).expect("write a source");
    }
    let loaded = corroborate::load::load_paths(&[dir.path().to_string_lossy().into_owned()], None);
    assert!(!loaded.has_errors(), "{:?}", loaded.problems);
    let report = corroborate::check(&loaded.sources, &Ruleset::builtin());
    (dir, report)
}

/// The page split into its markup (with escaped text) and its inline style and script.
fn split_page(html: &str) -> (String, String) {
    let (mut page, mut code) = (String::new(), String::new());
    let mut rest = html;
    for (open, close) in [("<style>", "</style>"), ("<script>", "</script>")] {
        let (a, b) = rest
            .split_once(open)
            .expect("the page has its style and script");
        page.push_str(a);
        let (inline, after) = b.split_once(close).expect("closed");
        code.push_str(inline);
        rest = after;
    }
    page.push_str(rest);
    (page, code)
}

/// The page without its inline style and script, where only markup and escaped text remain.
fn markup(html: &str) -> String {
    split_page(html).0
}

/// Checks that every element of the page's markup is closed, in order (void elements aside).
fn assert_well_nested(html: &str) {
    const VOID: [&str; 4] = ["meta", "br", "img", "input"];
    let body = markup(html);
    let mut stack: Vec<String> = Vec::new();
    let mut rest = body.as_str();
    while let Some(i) = rest.find('<') {
        rest = &rest[i + 1..];
        let end = rest.find('>').expect("a tag ends");
        let tag = &rest[..end];
        rest = &rest[end + 1..];
        if tag.starts_with('!') {
            continue;
        }
        if let Some(name) = tag.strip_prefix('/') {
            let open = stack.pop();
            assert_eq!(
                open.as_deref(),
                Some(name),
                "</{name}> closes {open:?}; open: {stack:?}"
            );
        } else {
            let name = tag.split_whitespace().next().unwrap_or("").to_string();
            assert!(
                name.chars().all(|c| c.is_ascii_alphanumeric()),
                "odd tag <{tag}>"
            );
            if !VOID.contains(&name.as_str()) {
                stack.push(name);
            }
        }
    }
    assert!(stack.is_empty(), "unclosed: {stack:?}");
}

/// The page's text with the tags taken out (entities left as they are).
fn untagged(html: &str) -> String {
    let mut out = String::new();
    for (i, piece) in markup(html).split('<').enumerate() {
        out.push_str(if i == 0 {
            piece
        } else {
            piece.split_once('>').map_or("", |(_, text)| text)
        });
    }
    out
}

fn count(haystack: &str, needle: &str) -> usize {
    haystack.matches(needle).count()
}

#[test]
fn fixture_report_html() {
    let html = render(&fixture_report(), Format::Html);
    common::insta_settings().bind(|| insta::assert_snapshot!("fixture_html", html));
}

#[test]
fn html_is_one_valid_self_contained_deterministic_page() {
    let report = fixture_report();
    let html = render(&report, Format::Html);
    assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"en\">"));
    assert!(html.contains("<meta charset=\"utf-8\">"));
    assert!(html.contains("<title>Corroboration report: "));
    assert!(html.contains(&corroborate::report::tally(&report, "")));
    // Nothing fetched: no external scripts, styles, images or fonts; the only links are the
    // sources' own URLs.
    let (page, code) = split_page(&html);
    assert!(!page.contains(" src="), "no src attribute");
    assert!(!page.contains("<link"), "no stylesheet links");
    assert_eq!(
        count(&page, " href="),
        count(&page, "<a class=\"url\" href=\"https://") + count(&page, " href=\"#")
    );
    for banned in [
        "url(",
        "@import",
        "@font-face",
        "http",
        "fetch(",
        "XMLHttpRequest",
    ] {
        assert!(!code.contains(banned), "{banned} in style or script");
    }
    assert_well_nested(&html);
    assert_eq!(html, render(&fixture_report(), Format::Html));
}

#[test]
fn every_claim_has_exactly_one_mark_or_is_listed() {
    let report = fixture_report();
    let html = render(&report, Format::Html);
    let json: serde_json::Value =
        serde_json::from_str(&render(&report, Format::Json)).expect("the JSON report parses");
    let claims = json["claims"].as_array().expect("claims");
    let mut derived = 0;
    for c in claims {
        let id = c["id"].as_str().expect("an id");
        let (marked, listed) = (
            count(&html, &format!("data-claim=\"{id}\"")),
            count(&html, &format!("data-derived=\"{id}\"")),
        );
        if c["derived"].as_bool() == Some(true) {
            derived += 1;
            assert_eq!((marked, listed), (0, 1), "derived claim {id}");
        } else {
            assert_eq!((marked, listed), (1, 0), "claim {id}");
        }
    }
    assert!(derived > 0, "the fixture has derived claims");
    let marks = count(&markup(&html), "<mark class=\"");
    let parts = count(&html, " data-part=\"");
    assert_eq!(marks - parts, claims.len() - derived);
    // Every finding is in the panel and in the coverage matrix.
    for f in &report.findings {
        assert_eq!(count(&html, &format!("data-finding=\"{}\"", f.id)), 1);
        assert_eq!(count(&html, &format!("data-row=\"{}\"", f.id)), 1);
    }
}

#[test]
fn claim_status_classes_follow_the_findings() {
    let report = fixture_report();
    let html = render(&report, Format::Html);
    let class_of = |id: &str| {
        let at = html
            .find(&format!("data-claim=\"{id}\""))
            .unwrap_or_else(|| panic!("{id} marked"));
        let start = html[..at].rfind("<mark class=\"").expect("a mark") + 13;
        html[start..].split('"').next().unwrap().to_string()
    };
    // In a discrepancy (and an agreement): disputed.
    assert_eq!(class_of("northline-news:q2"), "disputed");
    assert_eq!(class_of("northline-news:q1"), "agreed");
    assert_eq!(class_of("meridian:q5"), "single");
    assert_eq!(class_of("meridian:e1"), "context");
}

const HOSTILE: &str = "---\n\
outlet: \"Evil <b>Bold</b> \\\"Co\\\" & 'Sons'\"\n\
published: 2021-03-02\n\
title: \"<script>alert('title')</script>\"\n\
url: \"javascript:alert(1)\"\n\
---\n\
The <script>alert(1)</script> report said 40 people died in Mali. \"><img src=x onerror=alert(1)> Officials said 40 people died in Mali.\n";

#[test]
fn hostile_sources_render_as_text() {
    let (_dir, report) = report_of(&[
        ("hostile.txt", HOSTILE),
        (
            "other.md",
            "---\noutlet: Plain Wire\npublished: 2021-03-02\n---\nAbout 40 people died in Mali on Monday, officials said.\n",
        ),
    ]);
    assert!(report.claims.len() >= 2, "{:?}", report.claims);
    let html = render(&report, Format::Html);
    let lower = html.to_lowercase();
    for bad in [
        "<script>alert",
        "<img src=x",
        "<b>bold",
        "href=\"javascript:",
        "onerror=alert(1)>",
    ] {
        assert!(!lower.contains(bad), "{bad} in the page");
    }
    for escaped in [
        "&lt;script&gt;alert(1)&lt;/script&gt;",
        "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;",
        "Evil &lt;b&gt;Bold&lt;/b&gt; &quot;Co&quot; &amp; &#39;Sons&#39;",
        "&lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt;",
    ] {
        assert!(untagged(&html).contains(escaped), "{escaped} missing");
    }
    assert_eq!(count(&html, "<script>"), 1, "only the page's own script");
    assert_well_nested(&html);
    for c in report.claims.iter().filter(|c| !c.derived) {
        assert_eq!(count(&html, &format!("data-claim=\"{}\"", c.id)), 1);
    }
}

#[test]
fn overlapping_and_odd_spans_nest_and_keep_every_claim() {
    let (_dir, mut report) = report_of(&[(
        "café.md",
        "---\noutlet: Café Crème\npublished: 2021-03-02\n---\nÀ Paris, “about 5,200 troops” left — said General Jean Dupont.\n\n\
         Later, 3,000 troops stayed in Iraq, officials said.\n",
    )]);
    let text = report.sources[0].text.clone();
    let first = report.claims[0].clone();
    let mut add = |id: &str, start: usize, end: usize| {
        let mut c = first.clone();
        c.id = id.to_string();
        c.derived = false;
        c.span = SpanView { start, end };
        c.text = text.get(start..end).unwrap_or("?").to_string();
        report.claims.push(c);
    };
    // Crossing every other span, and a paragraph break.
    let a = text.find("Paris").unwrap();
    let b = text.find("stayed").unwrap();
    add("x:cross", a, b);
    // Starting inside one claim and ending inside another.
    let c = text.find("5,200").unwrap();
    let d = text.find("Jean").unwrap() + 2;
    add("x:partial", c, d);
    // Not on a char boundary (inside "é"), and beyond the text: listed, still marked.
    let e = text.find("Crème").unwrap() + 3;
    add("x:split-char", e, e + 4);
    add("x:beyond", text.len() - 2, text.len() + 10);
    let html = render(&report, Format::Html);
    assert_well_nested(&html);
    for c in report.claims.iter().filter(|c| !c.derived) {
        assert_eq!(
            count(&html, &format!("data-claim=\"{}\"", c.id)),
            1,
            "claim {}",
            c.id
        );
    }
    // Across the paragraph break, and around the claims it cuts through.
    assert_eq!(count(&html, "data-part=\"x:cross\""), 1, "{html}");
    assert!(count(&html, "data-part=\"x:partial\"") >= 2, "{html}");
    assert!(html.contains("Claims outside the article body"));
    assert!(
        untagged(&html).contains("À Paris, “about 5,200 troops” left — said General Jean Dupont.")
    );
}

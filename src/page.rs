//! Page: a saved web page into its article text and metadata.
//!
//! Takes the decoded text of an HTML page (see [`crate::charset`]); gives a [`Page`]: the article's
//! main text, one block (paragraph, heading, list item, caption) per line with a blank line
//! between blocks, and the metadata the page declares. The page is parsed with a real HTML parser
//! (`scraper`, on html5ever), so entities are decoded and broken markup is repaired as browsers do.
//!
//! The article is found in the spirit of readability: the `<article>`, else the
//! `[itemprop=articleBody]`, else the `<main>` with the most text of its own; failing those, the
//! element whose paragraphs hold the most text. Inside it, boilerplate is dropped: scripts, styles,
//! forms, navigation, asides and footers; elements whose class or id names navigation, menus,
//! comments, cookie banners, related links, sharing, promotions, adverts, newsletters or
//! subscriptions; hidden elements; and blocks made mostly of links (lists of related stories).
//!
//! Metadata, in order of preference: outlet from `og:site_name`, then JSON-LD (`NewsArticle` and
//! kin, also inside an array or `@graph`) `publisher.name`; title from `og:title`, JSON-LD
//! `headline`, `<title>`; publication date from `article:published_time`, JSON-LD
//! `datePublished`, `itemprop=datePublished`, the first `<time datetime>`; url from
//! `<link rel=canonical>`, then `og:url`.

use std::collections::{BTreeMap, HashMap};

use ego_tree::NodeId;

use chrono::NaiveDate;
use scraper::{ElementRef, Html, Node, node::Element};
use serde_json::Value;

use crate::charset;
use crate::load::{parse_date, stem_id};
use crate::model::{Source, TextOrigin};

/// A page read: the article text and its metadata.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Page {
    /// The article's text: one block per line, blocks separated by a blank line.
    pub text: String,
    pub outlet: Option<String>,
    pub title: Option<String>,
    pub published: Option<NaiveDate>,
    pub url: Option<String>,
}

/// Below this much text of its own a candidate container is not taken for the article.
const MIN_ARTICLE_CHARS: usize = 80;

/// Blocks with more than this share of their text inside links are link lists, not prose.
const MAX_LINK_DENSITY: f64 = 0.5;

/// A source from the bytes of a saved page (`fallback_published` when the page states no date),
/// with warnings (charset guessed, no article text found); an error for a binary file.
pub fn page_source(
    path: &str,
    bytes: &[u8],
    fallback_published: Option<NaiveDate>,
) -> Result<(Source, Vec<String>), String> {
    if bytes.contains(&0) && charset::decode_with_bom(bytes).is_none() {
        return Err("binary file (contains NUL bytes); not read".to_string());
    }
    let decoded = charset::decode_page(bytes);
    let mut warnings: Vec<String> = decoded.warning.into_iter().collect();
    let page = read_page(&decoded.text);
    if page.text.trim().is_empty() {
        warnings.push("no article text found in the HTML page".to_string());
    }
    let source = Source {
        id: stem_id(path),
        path: path.to_string(),
        outlet: page.outlet,
        url: page.url,
        published: page.published.or(fallback_published),
        title: page.title,
        text: page.text,
        body_start: 0,
        origin: TextOrigin::Html,
        file_text: None,
    };
    Ok((source, warnings))
}

/// Reads the article and metadata of a page.
pub fn read_page(html: &str) -> Page {
    let doc = Html::parse_document(html);
    let meta = meta_tags(&doc);
    let ld = LinkedData::read(&doc);
    let lengths = Lengths::measure(&doc);
    let root = article_root(&doc, &lengths);
    let mut blocks = Blocks::default();
    if let Some(root) = root {
        render(root, root, &lengths, &mut blocks, 0);
    }
    let first = |keys: &[&str]| keys.iter().find_map(|k| meta.get(*k).cloned());
    let published = first(&["article:published_time"])
        .and_then(|d| parse_date(&d))
        .or_else(|| ld.published.as_deref().and_then(parse_date))
        .or_else(|| first(&["datepublished"]).and_then(|d| parse_date(&d)))
        .or_else(|| first_time(&doc, root));
    Page {
        text: blocks.finish(),
        outlet: first(&["og:site_name"]).or(ld.publisher),
        title: first(&["og:title"])
            .or(ld.headline)
            .or_else(|| element_text(&doc, "title")),
        published,
        url: canonical(&doc).or_else(|| first(&["og:url"])),
    }
}

/// `<meta>` contents by lower-case `property`, `name` or `itemprop` (the first of each wins).
fn meta_tags(doc: &Html) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    for el in elements(doc).filter(|e| e.value().name() == "meta") {
        let Some(content) = el.attr("content").map(clean).filter(|c| !c.is_empty()) else {
            continue;
        };
        for key in ["property", "name", "itemprop"] {
            if let Some(k) = el.attr(key) {
                out.entry(k.trim().to_ascii_lowercase())
                    .or_insert_with(|| content.clone());
            }
        }
    }
    out
}

fn elements(doc: &Html) -> impl Iterator<Item = ElementRef<'_>> {
    doc.tree.nodes().filter_map(ElementRef::wrap)
}

fn canonical(doc: &Html) -> Option<String> {
    elements(doc)
        .filter(|e| e.value().name() == "link")
        .find(|e| {
            e.attr("rel").is_some_and(|r| {
                r.split_whitespace()
                    .any(|t| t.eq_ignore_ascii_case("canonical"))
            })
        })
        .and_then(|e| e.attr("href"))
        .map(clean)
        .filter(|h| !h.is_empty())
}

fn element_text(doc: &Html, name: &str) -> Option<String> {
    elements(doc)
        .find(|e| e.value().name() == name)
        .map(|e| clean(&e.text().collect::<String>()))
        .filter(|t| !t.is_empty())
}

/// The date of the first `<time datetime>` in the article, else in the page.
fn first_time(doc: &Html, root: Option<ElementRef>) -> Option<NaiveDate> {
    let date = |e: ElementRef| -> Option<NaiveDate> {
        (e.value().name() == "time")
            .then(|| e.attr("datetime"))
            .flatten()
            .and_then(parse_date)
    };
    root.and_then(|r| r.descendent_elements().find_map(date))
        .or_else(|| elements(doc).find_map(date))
}

/// Whitespace runs as single spaces, trimmed.
fn clean(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// What the page's JSON-LD says about its article.
#[derive(Debug, Default)]
struct LinkedData {
    headline: Option<String>,
    published: Option<String>,
    publisher: Option<String>,
}

impl LinkedData {
    fn read(doc: &Html) -> LinkedData {
        let mut nodes = Vec::new();
        for el in elements(doc).filter(|e| {
            e.value().name() == "script"
                && e.attr("type")
                    .is_some_and(|t| t.trim().eq_ignore_ascii_case("application/ld+json"))
        }) {
            let json: String = el.text().collect();
            if let Ok(value) = serde_json::from_str::<Value>(json.trim()) {
                collect_nodes(value, &mut nodes);
            }
        }
        let Some(article) = nodes.iter().find(|n| is_article(n)) else {
            return LinkedData::default();
        };
        let string = |v: Option<&Value>| {
            v.and_then(Value::as_str)
                .map(clean)
                .filter(|s| !s.is_empty())
        };
        let by_id = |id: &str| {
            nodes
                .iter()
                .find(|n| n.get("@id").and_then(Value::as_str) == Some(id))
        };
        let publisher = article.get("publisher").and_then(|p| {
            let p = match p {
                Value::Array(items) => items.first()?,
                other => other,
            };
            match p {
                Value::String(name) => Some(clean(name)),
                Value::Object(o) => string(o.get("name")).or_else(|| {
                    let referenced = by_id(o.get("@id")?.as_str()?)?;
                    string(referenced.get("name"))
                }),
                _ => None,
            }
        });
        LinkedData {
            headline: string(article.get("headline")).or_else(|| string(article.get("name"))),
            published: string(article.get("datePublished")),
            publisher: publisher.filter(|p| !p.is_empty()),
        }
    }
}

/// Every object of a JSON-LD document: arrays and `@graph`s are opened.
fn collect_nodes(value: Value, out: &mut Vec<Value>) {
    match value {
        Value::Array(items) => items.into_iter().for_each(|v| collect_nodes(v, out)),
        Value::Object(mut o) => {
            if let Some(graph) = o.remove("@graph") {
                collect_nodes(graph, out);
            }
            out.push(Value::Object(o));
        }
        _ => {}
    }
}

/// Whether a JSON-LD node is an article (`NewsArticle`, `ReportageNewsArticle`, `BlogPosting` ...).
fn is_article(node: &Value) -> bool {
    let is = |t: &str| t.ends_with("Article") || t.ends_with("BlogPosting");
    match node.get("@type") {
        Some(Value::String(t)) => is(t),
        Some(Value::Array(ts)) => ts.iter().filter_map(Value::as_str).any(is),
        _ => false,
    }
}

/// The element that holds the article.
fn article_root<'a>(doc: &'a Html, lengths: &Lengths) -> Option<ElementRef<'a>> {
    let all: Vec<ElementRef> = elements(doc).collect();
    let page_text = all
        .iter()
        .find(|e| e.value().name() == "body")
        .map_or(0, |b| lengths.own(*b));
    let dense = densest_paragraphs(&all, page_text, lengths);
    let dense_len = dense.map_or(0, |d| lengths.own(d));
    // A semantic container is the article unless it is a teaser: it must hold the densest
    // paragraphs, or more text than they do.
    let best_of = |pick: &dyn Fn(&ElementRef) -> bool| {
        all.iter()
            .filter(|e| pick(e))
            .map(|e| (lengths.own(*e), *e))
            .filter(|(len, e)| {
                *len >= MIN_ARTICLE_CHARS
                    && (*len >= dense_len || dense.is_some_and(|d| contains(*e, d)))
            })
            .max_by_key(|(len, _)| *len)
            .map(|(_, e)| e)
    };
    best_of(&|e| e.value().name() == "article")
        .or_else(|| {
            best_of(&|e| {
                e.attr("itemprop")
                    .is_some_and(|p| p.contains("articleBody"))
            })
        })
        .or_else(|| best_of(&|e| e.value().name() == "main" || e.attr("role") == Some("main")))
        .or(dense)
        .or_else(|| all.iter().find(|e| e.value().name() == "body").copied())
}

/// Whether `inner` is `outer` or inside it.
fn contains(outer: ElementRef, inner: ElementRef) -> bool {
    inner.id() == outer.id() || inner.ancestors().any(|a| a.id() == outer.id())
}

/// The parent of the most paragraph text (half of it also counts for the grandparent), so a
/// container of many paragraphs wins over a stray long one.
fn densest_paragraphs<'a>(
    all: &[ElementRef<'a>],
    page_text: usize,
    lengths: &Lengths,
) -> Option<ElementRef<'a>> {
    let mut scores = BTreeMap::new();
    for p in all.iter().filter(|e| e.value().name() == "p") {
        let len = lengths.own(*p) as f64;
        if len < 25.0 || dropped_anywhere(*p, page_text, lengths) {
            continue;
        }
        let mut parents = p.ancestors().filter_map(ElementRef::wrap);
        for share in [1.0, 0.5] {
            if let Some(parent) = parents.next() {
                scores.entry(parent.id()).or_insert((0.0, parent)).0 += len * share;
            }
        }
    }
    scores
        .into_values()
        .filter(|(s, _): &(f64, ElementRef<'a>)| *s >= MIN_ARTICLE_CHARS as f64)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, e)| e)
}

/// Whether a paragraph sits inside boilerplate (for scoring without a known article). A wrapper
/// named for boilerplate that holds most of the page ("layout has-sidebar") is a layout wrapper.
fn dropped_anywhere(e: ElementRef, page_text: usize, lengths: &Lengths) -> bool {
    e.ancestors().filter_map(ElementRef::wrap).any(|a| {
        tag_is_boilerplate(a.value())
            || names_boilerplate(a.value()) && lengths.own(a) * 2 <= page_text
    })
}

/// Visible text lengths (non-whitespace characters) of every node of a page, measured once:
/// the text under a node, boilerplate tags left out, and how much of it is inside links.
struct Lengths(HashMap<NodeId, (usize, usize)>);

impl Lengths {
    fn measure(doc: &Html) -> Lengths {
        let mut by_node: HashMap<NodeId, (usize, usize)> = HashMap::new();
        // Post-order without recursion, so deeply nested pages cannot exhaust the stack.
        let mut stack = vec![(doc.tree.root(), false)];
        while let Some((node, children_done)) = stack.pop() {
            if !children_done {
                stack.push((node, true));
                stack.extend(node.children().map(|c| (c, false)));
                continue;
            }
            let mut text = 0;
            let mut links = 0;
            match node.value() {
                Node::Text(t) => text = t.chars().filter(|c| !c.is_whitespace()).count(),
                _ => {
                    for child in node.children() {
                        let skipped = child.value().as_element().is_some_and(tag_is_boilerplate);
                        if let (false, Some((t, l))) = (skipped, by_node.get(&child.id())) {
                            text += t;
                            links += l;
                        }
                    }
                }
            }
            if node.value().as_element().is_some_and(|e| e.name() == "a") {
                links = text;
            }
            by_node.insert(node.id(), (text, links));
        }
        Lengths(by_node)
    }

    /// Visible text under `e` and how much of it is link text.
    fn of(&self, e: ElementRef) -> (usize, usize) {
        self.0.get(&e.id()).copied().unwrap_or((0, 0))
    }

    /// Visible text under `e` that is not link text.
    fn own(&self, e: ElementRef) -> usize {
        let (text, links) = self.of(e);
        text - links
    }
}

/// Elements that never hold article prose.
fn tag_is_boilerplate(el: &Element) -> bool {
    matches!(
        el.name(),
        "script"
            | "style"
            | "noscript"
            | "template"
            | "iframe"
            | "svg"
            | "canvas"
            | "form"
            | "button"
            | "input"
            | "select"
            | "textarea"
            | "label"
            | "nav"
            | "aside"
            | "footer"
            | "object"
            | "embed"
            | "video"
            | "audio"
            | "dialog"
            | "head"
            | "menu"
    ) || el.attr("hidden").is_some()
        || el.attr("aria-hidden") == Some("true")
        || el.attr("style").is_some_and(|s| {
            let s: String = s.chars().filter(|c| !c.is_whitespace()).collect();
            s.to_ascii_lowercase().contains("display:none")
        })
        || el.attr("role").is_some_and(|r| {
            matches!(
                r.trim(),
                "navigation"
                    | "banner"
                    | "contentinfo"
                    | "complementary"
                    | "dialog"
                    | "alertdialog"
                    | "search"
                    | "menu"
                    | "menubar"
            )
        })
}

/// Whether an element's class or id names boilerplate ("site-nav", "cookie-banner",
/// "related-links", "share-tools", "ad-slot", "comments").
fn names_boilerplate(el: &Element) -> bool {
    const WORDS: &[&str] = &[
        "ad",
        "ads",
        "nav",
        "menu",
        "share",
        "shares",
        "sharing",
        "banner",
        "popup",
        "modal",
        "gdpr",
        "paywall",
        "masthead",
        "toolbar",
        "widget",
        "trending",
        "signup",
        "tags",
        "promo",
        "social",
        "byline-share",
        "more",
    ];
    const STEMS: &[&str] = &[
        "comment",
        "cookie",
        "consent",
        "related",
        "newsletter",
        "subscri",
        "advert",
        "promot",
        "sponsor",
        "sidebar",
        "breadcrumb",
        "footer",
        "navbar",
        "navigation",
        "outbrain",
        "taboola",
        "recommend",
        "readmore",
    ];
    let names = [el.attr("class"), el.attr("id")];
    names.into_iter().flatten().any(|name| {
        name.to_ascii_lowercase()
            .split(|c: char| !c.is_ascii_alphanumeric())
            .any(|w| WORDS.contains(&w) || STEMS.iter().any(|s| w.starts_with(s)))
    })
}

/// Whether the class or id says the element is the article's content ("article-body").
fn names_content(el: &Element) -> bool {
    let names = [el.attr("class"), el.attr("id")];
    names.into_iter().flatten().any(|name| {
        name.to_ascii_lowercase()
            .split(|c: char| !c.is_ascii_alphanumeric())
            .any(|w| {
                matches!(
                    w,
                    "article" | "body" | "content" | "story" | "text" | "entry"
                )
            })
    })
}

/// Whether an element under the article root is left out of the text.
fn is_dropped(e: ElementRef, root: ElementRef, lengths: &Lengths) -> bool {
    let el = e.value();
    if tag_is_boilerplate(el) {
        return true;
    }
    // A page-wide header holds the masthead; an article's own header holds its headline.
    if el.name() == "header"
        && !e
            .ancestors()
            .filter_map(ElementRef::wrap)
            .any(|a| a.value().name() == "article")
    {
        return true;
    }
    let (text, links) = lengths.of(e);
    if names_boilerplate(el) {
        // "article-body has-share-bar" holding most of the article is the article.
        let (root_text, _) = lengths.of(root);
        if !(names_content(el) && text * 2 > root_text) {
            return true;
        }
    }
    is_block(el.name()) && text > 0 && links as f64 > text as f64 * MAX_LINK_DENSITY
}

/// Elements that start a new line of text.
fn is_block(name: &str) -> bool {
    matches!(
        name,
        "p" | "div"
            | "section"
            | "article"
            | "main"
            | "header"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "ul"
            | "ol"
            | "li"
            | "dl"
            | "dt"
            | "dd"
            | "blockquote"
            | "pre"
            | "figure"
            | "figcaption"
            | "table"
            | "tr"
            | "hr"
            | "address"
            | "details"
            | "summary"
            | "body"
    )
}

/// Below this depth a page's nesting is not followed element by element: the rest of the subtree
/// is read as one run of text (garbage or hostile pages can nest without end).
const MAX_DEPTH: usize = 256;

/// Writes the text under `e` into `out`, block by block.
fn render(e: ElementRef, root: ElementRef, lengths: &Lengths, out: &mut Blocks, depth: usize) {
    let el = e.value();
    if e.id() != root.id() && is_dropped(e, root, lengths) {
        return;
    }
    if depth >= MAX_DEPTH {
        e.text().for_each(|t| out.push(t));
        return;
    }
    match el.name() {
        "br" => return out.end_block(),
        "td" | "th" => out.space(),
        _ => {}
    }
    let block = is_block(el.name());
    if block {
        out.end_block();
    }
    for child in e.children() {
        match child.value() {
            Node::Text(t) => out.push(t),
            Node::Element(_) => {
                if let Some(child) = ElementRef::wrap(child) {
                    render(child, root, lengths, out, depth + 1);
                }
            }
            _ => {}
        }
    }
    if block {
        out.end_block();
    }
}

/// Text gathered into blocks, whitespace collapsed as a browser shows it.
#[derive(Debug, Default)]
struct Blocks {
    done: Vec<String>,
    line: String,
    space: bool,
}

impl Blocks {
    fn push(&mut self, text: &str) {
        for c in text.chars() {
            if c.is_whitespace() {
                self.space = true;
            } else {
                if self.space && !self.line.is_empty() {
                    self.line.push(' ');
                }
                self.space = false;
                self.line.push(c);
            }
        }
    }

    fn space(&mut self) {
        self.space = true;
    }

    fn end_block(&mut self) {
        if !self.line.is_empty() {
            self.done.push(std::mem::take(&mut self.line));
        }
        self.space = false;
    }

    fn finish(mut self) -> String {
        self.end_block();
        let mut text = self.done.join("\n\n");
        if !text.is_empty() {
            text.push('\n');
        }
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn article_text_without_boilerplate() {
        let page = r#"<html><head><title>T | Site</title>
            <script>var x = "5,000 troops";</script></head><body>
            <header class="site-header"><nav><a href="/">Home</a> <a href="/world">World</a></nav></header>
            <div class="cookie-banner">We use 3 kinds of cookies. <button>Accept</button></div>
            <article><h1>Force cut to 3,000</h1>
              <div class="share-tools"><a href="/share">Share on 2 networks</a></div>
              <p>The force will shrink from about 5,200 to 3,000 troops &amp; contractors.</p>
              <p>It is <b>the</b> second cut this year.<br>A new line after a break.</p>
              <ul class="list"><li><a href="/a">Related: 40 killed elsewhere</a></li><li><a href="/b">Another story</a></li></ul>
              <section id="comments"><p>Reader: I counted 12 trucks.</p></section>
            </article>
            <footer>Copyright 2020</footer></body></html>"#;
        let p = read_page(page);
        assert_eq!(
            p.text,
            "Force cut to 3,000\n\nThe force will shrink from about 5,200 to 3,000 troops & contractors.\n\n\
             It is the second cut this year.\n\nA new line after a break.\n"
        );
        assert_eq!(p.title.as_deref(), Some("T | Site"));
    }

    #[test]
    fn metadata_from_og_and_json_ld_graph() {
        let page = r#"<html><head>
            <link rel="canonical" href="https://ex.example/a">
            <script type="application/ld+json">{"@context":"https://schema.org","@graph":[
              {"@type":"Organization","@id":"https://ex.example/#org","name":"Example Post"},
              {"@type":["NewsArticle"],"headline":"Headline &amp; more","datePublished":"2020-09-09T10:00:00Z",
               "publisher":{"@id":"https://ex.example/#org"}}]}</script>
            </head><body><main><p>Some text that is long enough to be taken for the article body here.</p>
            <p>And another paragraph of the same article.</p></main></body></html>"#;
        let p = read_page(page);
        assert_eq!(p.outlet.as_deref(), Some("Example Post"));
        assert_eq!(p.title.as_deref(), Some("Headline &amp; more"));
        assert_eq!(p.published, NaiveDate::from_ymd_opt(2020, 9, 9));
        assert_eq!(p.url.as_deref(), Some("https://ex.example/a"));
        assert!(p.text.starts_with("Some text"));

        let page = r#"<meta property="og:site_name" content="Wire"><meta property="og:title" content="OG">
            <meta property="article:published_time" content="2021-01-02">
            <meta property="og:url" content="https://w.example/x">
            <script type="application/ld+json">[{"@type":"NewsArticle","headline":"LD","publisher":{"name":"LD Pub"}}]</script>"#;
        let p = read_page(page);
        assert_eq!(
            (p.outlet.as_deref(), p.title.as_deref(), p.url.as_deref()),
            (Some("Wire"), Some("OG"), Some("https://w.example/x"))
        );
        assert_eq!(p.published, NaiveDate::from_ymd_opt(2021, 1, 2));
        assert_eq!(p.text, "");
    }

    #[test]
    fn without_article_tags_the_densest_paragraphs_win() {
        let p = read_page(
            r#"<body><div id="top"><a href="/">Home</a> <a href="/x">Sections</a></div>
            <div class="wrap"><div class="col">
              <p>First paragraph of the story, with enough words to count as prose.</p>
              <p>Second paragraph of the story, also long enough to be counted here.</p>
            </div><div class="rail"><p>Short promo.</p></div></div>
            <time datetime="2019-05-06T08:00">May 6</time></body>"#,
        );
        assert_eq!(
            p.text,
            "First paragraph of the story, with enough words to count as prose.\n\n\
             Second paragraph of the story, also long enough to be counted here.\n"
        );
        assert_eq!(p.published, NaiveDate::from_ymd_opt(2019, 5, 6));
    }

    #[test]
    fn teaser_cards_are_not_the_article_and_layout_wrappers_are_not_boilerplate() {
        let p = read_page(
            r#"<body><div class="page has-sidebar"><div class="story-body">
              <p>The council approved the budget of 41 million dollars on Tuesday after a long debate.</p>
              <p>Members voted 7 to 2, with two members saying the plan cut too deep into services.</p>
              <p>The budget takes effect in July, the mayor said at a news conference afterwards.</p>
            </div>
            <div class="teasers"><article><h3>Elsewhere</h3><p>A teaser card with a summary of another story, long enough to pass for a short article if nothing else were on the page.</p></article></div>
            </div></body>"#,
        );
        assert!(p.text.starts_with("The council approved"), "{}", p.text);
        assert!(!p.text.contains("teaser"), "{}", p.text);
    }

    #[test]
    fn garbage_gives_empty_text_not_a_panic() {
        for junk in [
            "",
            "<<<>>>",
            "\u{fffd}\u{fffd}<p",
            "<html><body></body></html>",
        ] {
            let p = read_page(junk);
            assert!(p.text.trim().len() < 10, "{junk:?} → {:?}", p.text);
        }
    }
}

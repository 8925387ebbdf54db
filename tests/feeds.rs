//! Real-world input at scale: JSON Lines feeds, manifests, story folders, and many stories in
//! one run (grouped reports, links only within stories, the same bytes whatever `--jobs`).
//! Fixtures: `tests/fixtures/feeds/` (our own articles about two made-up-but-plausible stories).

mod common;

use std::collections::BTreeSet;

use common::{run, temp, write};
use corroborate::load::{LoadOptions, load};
use corroborate::report::stories::StoryWriter;
use corroborate::report::{Format, RenderOptions};
use corroborate::rules::Ruleset;
use serde_json::Value;

const FEED: &str = "tests/fixtures/feeds/desk.jsonl";
const BAD_FEED: &str = "tests/fixtures/feeds/bad.ndjson";
const MANIFEST: &str = "tests/fixtures/feeds/desk.manifest.yaml";
const STORY_FOLDERS: &str = "tests/fixtures/feeds/stories";

fn json(out: &str) -> Value {
    serde_json::from_str(out).unwrap_or_else(|e| panic!("not JSON ({e}):\n{out}"))
}

fn story_ids(report: &Value) -> Vec<String> {
    report["stories"]
        .as_array()
        .expect("a grouped report has `stories`")
        .iter()
        .map(|s| s["story"].as_str().unwrap_or("(none)").to_string())
        .collect()
}

fn story<'a>(report: &'a Value, id: &str) -> &'a Value {
    report["stories"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["story"] == id)
        .unwrap_or_else(|| panic!("no story {id}"))
}

fn ids(list: &Value, field: &str) -> BTreeSet<String> {
    list.as_array()
        .unwrap()
        .iter()
        .map(|x| x[field].as_str().unwrap().to_string())
        .collect()
}

/// Every finding of every story names only claims of that story, whose sources are that
/// story's: links never cross stories.
fn assert_links_within_stories(report: &Value) {
    for s in report["stories"].as_array().unwrap() {
        let sources = ids(&s["sources"], "id");
        let claims = ids(&s["claims"], "id");
        for c in s["claims"].as_array().unwrap() {
            assert!(sources.contains(c["source"].as_str().unwrap()), "{c}");
        }
        for f in s["findings"].as_array().unwrap() {
            for id in f["claims"].as_array().unwrap() {
                assert!(
                    claims.contains(id.as_str().unwrap()),
                    "story {}: finding {} names claim {id} of another story",
                    s["story"],
                    f["id"]
                );
            }
        }
    }
}

#[test]
fn a_feed_with_two_stories_gives_a_grouped_report() {
    let (code, out, err) = run(&["check", FEED, "--format", "json", "--quiet"], None);
    assert_eq!(code, 0, "{err}");
    assert_eq!(err, "", "no progress bar when stderr is not a terminal");
    let report = json(&out);
    assert_eq!(report["version"], 1);
    assert_eq!(story_ids(&report), ["mali-drawdown", "harbour-strike"]);
    assert_links_within_stories(&report);
    let mali = story(&report, "mali-drawdown");
    assert_eq!(
        ids(&mali["sources"], "id"),
        BTreeSet::from(["courier-0610".to_string(), "wire-0611".to_string()])
    );
    let source = &mali["sources"][0];
    assert_eq!(
        source["path"],
        "tests/fixtures/feeds/desk.jsonl#courier-0610"
    );
    assert_eq!(source["outlet"], "Sahel Courier");
    assert_eq!(source["url"], "https://courier.example/sahel");
    // Spans are byte offsets into the article's `text` field.
    let line = std::fs::read_to_string(FEED).unwrap();
    let text = json(line.lines().next().unwrap())["text"]
        .as_str()
        .unwrap()
        .to_string();
    for c in mali["claims"].as_array().unwrap() {
        if c["source"] == "courier-0610" && c["derived"] == false {
            let (start, end) = (c["span"]["start"].as_u64(), c["span"]["end"].as_u64());
            let span = &text[start.unwrap() as usize..end.unwrap() as usize];
            assert_eq!(span, c["text"].as_str().unwrap());
        }
    }
    // Each story reconciled its own articles: the strike story has its own discrepancy.
    let strike = story(&report, "harbour-strike");
    let kinds: Vec<&str> = strike["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["kind"].as_str().unwrap())
        .collect();
    assert!(kinds.contains(&"discrepancy"), "{kinds:?}");
    // The text report: a section per story with its own counts, then the run total.
    let (code, text, _) = run(&["check", FEED], None);
    assert_eq!(code, 0);
    assert!(text.starts_with("== story mali-drawdown ==\ncorroborate: 2 sources"));
    assert!(text.contains("\n== story harbour-strike ==\ncorroborate: 2 sources"));
    assert!(
        text.ends_with("== run total ==\ncorroborate: 2 stories, 4 sources, 22 claims: 1 discrepancy, 4 agreements, 5 single-source claims\n"),
        "{text}"
    );
}

#[test]
fn a_feed_from_standard_input_with_input_jsonl() {
    let bytes = std::fs::read(FEED).unwrap();
    let (code, out, err) = run(
        &["check", "-", "--input", "jsonl", "--format", "json"],
        Some(&bytes),
    );
    assert_eq!(code, 0, "{err}");
    let report = json(&out);
    assert_eq!(story_ids(&report), ["mali-drawdown", "harbour-strike"]);
    assert_eq!(
        story(&report, "harbour-strike")["sources"][0]["path"],
        "-#gazette-0610"
    );
    let (_, file_out, _) = run(&["check", FEED, "--format", "json"], None);
    assert_eq!(
        out.replace("\"-#", "\"tests/fixtures/feeds/desk.jsonl#"),
        file_out,
        "standard input and the file give the same report"
    );
    // Without --input jsonl, `-` stays one plain-text article.
    let (code, out, _) = run(&["extract", "-", "--format", "json"], Some(&bytes));
    assert_eq!(code, 0);
    let plain = json(&out);
    assert_eq!(plain["sources"].as_array().unwrap().len(), 1);
    assert!(plain.get("stories").is_none());
}

#[test]
fn bad_feed_lines_are_located_and_the_other_lines_still_run() {
    let (code, out, err) = run(&["check", BAD_FEED, "--format", "json"], None);
    assert_eq!(code, 2, "bad lines make the exit code 2: {err}");
    assert!(
        err.contains("error: tests/fixtures/feeds/bad.ndjson:2:69: invalid JSON: EOF while parsing an object; line skipped"),
        "{err}"
    );
    assert!(
        err.contains("error: tests/fixtures/feeds/bad.ndjson:3:1: article has no `text` field"),
        "{err}"
    );
    assert!(
        err.contains("warning: tests/fixtures/feeds/bad.ndjson:5:1: empty article"),
        "{err}"
    );
    let report = json(&out);
    let mali = story(&report, "mali-drawdown");
    assert_eq!(
        ids(&mali["sources"], "id"),
        ["courier-0610", "wire-0611", "wire-0611b"]
            .map(String::from)
            .into()
    );
    assert!(
        !mali["findings"].as_array().unwrap().is_empty(),
        "the good lines were reconciled"
    );
}

#[test]
fn a_manifest_overrides_metadata_and_groups_stories() {
    let (code, out, err) = run(&["check", MANIFEST, "--format", "json"], None);
    assert_eq!(code, 0, "{err}");
    let report = json(&out);
    assert_eq!(story_ids(&report), ["mali-drawdown", "harbour-strike"]);
    assert_links_within_stories(&report);
    let mali = story(&report, "mali-drawdown");
    // The manifest's outlet and date win over the front matter (Sahel Courier, 2021-06-10).
    let courier = &mali["sources"][0];
    assert_eq!(
        courier["path"],
        "tests/fixtures/feeds/stories/mali-drawdown/courier.md"
    );
    assert_eq!(courier["outlet"], "Sahel Courier Weekend");
    assert_eq!(courier["published"], "2021-06-12");
    assert_eq!(courier["title"], "France to cut its Sahel force");
    // A scraped text without front matter gets its outlet from the manifest.
    assert_eq!(mali["sources"][1]["outlet"], "Desert Wire");
    assert_eq!(mali["sources"][1]["published"], "2021-06-11");
    // Times resolve against the overridden date.
    let by_end = mali["claims"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["text"] == "by the end of the year")
        .expect("the courier's deadline");
    assert_eq!(by_end["time"]["start"], "2021-06-12");
    // The flat list names its story per entry.
    let strike = story(&report, "harbour-strike");
    assert_eq!(strike["sources"].as_array().unwrap().len(), 2);
}

#[test]
fn manifest_errors_name_the_manifest_line_and_the_file() {
    let dir = temp();
    write(
        &dir,
        "a.md",
        "---\noutlet: Wire A\npublished: 2021-06-10\n---\nSome 300 soldiers left Mali on Tuesday.\n",
    );
    // A listed file that is missing: the manifest's line and the file; the rest still runs.
    let manifest = write(
        &dir,
        "desk.manifest.yaml",
        "manifest: 1\nsources:\n  - path: a.md\n    story: mali\n  - path: gone.md\n    story: mali\n",
    );
    let (code, out, err) = run(&["check", &manifest], None);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains(&format!("error: {manifest}:5:11: listed file `gone.md` ("))
            && err.contains("gone.md): no such file or directory"),
        "{err}"
    );
    assert!(
        out.contains("== story mali ==\ncorroborate: 1 source,"),
        "{out}"
    );
    // YAML syntax error: file:line:col.
    let broken = write(
        &dir,
        "broken.yaml",
        "manifest: 1\nsources:\n  - path: a.md\n    outlet: [unclosed\n",
    );
    let (code, _, err) = run(&["check", &broken], None);
    assert_eq!(code, 2);
    assert!(
        err.contains(&format!("error: {broken}:")) && err.contains("invalid manifest"),
        "{err}"
    );
    // An unknown key is located at its line.
    let typo = write(
        &dir,
        "typo.manifest.yaml",
        "manifest: 1\nsources:\n  - path: a.md\n    outlt: Wire B\n",
    );
    let (code, _, err) = run(&["check", &typo], None);
    assert_eq!(code, 2);
    assert!(err.contains(&format!("error: {typo}:4:")), "{err}");
    assert!(err.contains("unknown field `outlt`"), "{err}");
    // A manifest of a version this build does not read.
    let future = write(&dir, "future.manifest.yaml", "manifest: 9\nsources: []\n");
    let (code, _, err) = run(&["check", &future], None);
    assert_eq!(code, 2);
    assert!(err.contains("manifest version 9 is not supported"), "{err}");
}

#[test]
fn story_folders_are_stories() {
    let (code, out, err) = run(&["check", STORY_FOLDERS, "--format", "json"], None);
    assert_eq!(code, 0, "{err}");
    let report = json(&out);
    // Sub-folders in path order.
    assert_eq!(story_ids(&report), ["harbour-strike", "mali-drawdown"]);
    assert_links_within_stories(&report);
    // A folder with an article of its own is one story, reported as always.
    let dir = temp();
    write(
        &dir,
        "top.md",
        "---\noutlet: Wire A\n---\nSome 300 soldiers left.\n",
    );
    write(
        &dir,
        "mali/b.md",
        "---\noutlet: Wire B\n---\nAbout 300 soldiers left.\n",
    );
    let (code, out, _) = run(&["check", &dir.path().to_string_lossy()], None);
    assert_eq!(code, 0);
    assert!(out.starts_with("corroborate: 2 sources"), "{out}");
}

#[test]
fn the_number_of_jobs_does_not_change_the_bytes() {
    for format in ["json", "text", "sarif", "markdown"] {
        let one = run(&["check", FEED, "--jobs", "1", "--format", format], None);
        let two = run(&["check", FEED, "--jobs", "2", "--format", format], None);
        assert_eq!(one.0, 0, "{}", one.2);
        assert_eq!(one, two, "--jobs 1 and --jobs 2 differ in {format}");
    }
    let (code, _, err) = run(&["check", FEED, "--jobs", "0"], None);
    assert_eq!(code, 2, "{err}");
}

#[test]
fn multi_story_json_has_the_v1_shape_per_story_and_matches_the_schema() {
    let (_, out, _) = run(&["check", MANIFEST, "--format", "json"], None);
    let report = json(&out);
    let keys: Vec<&str> = report
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(keys.len(), 2, "{keys:?}");
    assert!(out.starts_with("{\n  \"version\": 1,\n  \"stories\": [\n    {\n      \"story\": "));
    for s in report["stories"].as_array().unwrap() {
        for field in ["story", "version", "sources", "claims", "findings"] {
            assert!(s.get(field).is_some(), "a story object without {field}");
        }
    }
    let text = std::fs::read_to_string("docs/report.schema.json").unwrap();
    let schema: Value = serde_json::from_str(&text).unwrap();
    let validator = jsonschema::draft202012::new(&schema).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(&report)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect();
    assert_eq!(errors, Vec::<String>::new());
    // A story object without its findings breaks the contract.
    let mut broken = report.clone();
    broken["stories"][1]
        .as_object_mut()
        .unwrap()
        .remove("findings");
    assert!(!validator.is_valid(&broken));
    // `extract` prints the same shape with findings empty.
    let (_, out, _) = run(&["extract", FEED, "--format", "json"], None);
    let claims = json(&out);
    assert!(validator.is_valid(&claims));
    assert!(
        claims["stories"]
            .as_array()
            .unwrap()
            .iter()
            .all(|s| s["findings"].as_array().unwrap().is_empty())
    );
}

#[test]
fn machine_formats_carry_the_story() {
    let (_, out, _) = run(&["check", FEED, "--format", "jsonl"], None);
    let lines: Vec<Value> = out.lines().map(json).collect();
    assert!(!lines.is_empty());
    assert!(
        lines
            .iter()
            .all(|l| l["story"].is_string() && l["id"].is_string())
    );
    let (_, out, _) = run(&["check", FEED, "--format", "github"], None);
    assert!(
        out.lines()
            .all(|l| l.contains("::[story mali-drawdown] ")
                || l.contains("::[story harbour-strike] ")),
        "{out}"
    );
    let (_, out, _) = run(&["check", FEED, "--format", "sarif"], None);
    let sarif = json(&out);
    let run0 = &sarif["runs"][0];
    let rules = run0["tool"]["driver"]["rules"].as_array().unwrap();
    for r in run0["results"].as_array().unwrap() {
        let index = r["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(
            rules[index]["id"], r["ruleId"],
            "ruleIndex points at its rule"
        );
        let story = r["properties"]["story"].as_str().unwrap();
        assert!(
            r["message"]["text"]
                .as_str()
                .unwrap()
                .starts_with(&format!("[story {story}] "))
        );
    }
}

#[test]
fn visual_formats_have_a_part_per_story_and_output_files_match_stdout() {
    let (_, html, _) = run(&["check", FEED, "--format", "html"], None);
    assert_eq!(html.matches("<iframe ").count(), 2);
    assert!(html.contains("<h2>Story: harbour-strike</h2>"));
    assert!(
        html.contains("srcdoc=\"&lt;!DOCTYPE html&gt;"),
        "each story's page, escaped"
    );
    assert!(html.trim_end().ends_with("</html>"));
    assert!(html.contains("Run total: 2 stories, 4 sources"));
    let (_, dot, _) = run(&["check", FEED, "--format", "dot"], None);
    assert_eq!(dot.matches("\ndigraph ").count(), 2);
    assert!(dot.starts_with("// story: mali-drawdown\ndigraph "));
    let dir = temp();
    let path = dir.path().join("report.md").to_string_lossy().into_owned();
    let (code, out, _) = run(
        &["check", FEED, "--format", "markdown", "--output", &path],
        None,
    );
    assert_eq!((code, out.as_str()), (0, ""));
    let (_, stdout, _) = run(&["check", FEED, "--format", "markdown"], None);
    assert_eq!(std::fs::read_to_string(&path).unwrap(), stdout);
}

#[test]
fn gating_and_baselines_span_all_stories() {
    // Only the strike story has a discrepancy; the run fails on it.
    let (code, _, _) = run(&["check", FEED, "--fail-on", "discrepancy"], None);
    assert_eq!(code, 1);
    let (code, _, _) = run(&["check", FEED, "--fail-on", "discrepancy:high"], None);
    assert_eq!(code, 0);
    let dir = temp();
    let baseline = dir
        .path()
        .join("baseline.json")
        .to_string_lossy()
        .into_owned();
    let (code, _, err) = run(&["check", FEED, "--write-baseline", &baseline], None);
    assert_eq!(code, 0, "{err}");
    let written = json(&std::fs::read_to_string(&baseline).unwrap());
    let (_, out, _) = run(&["check", FEED, "--format", "json"], None);
    let all: usize = json(&out)["stories"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["findings"].as_array().unwrap().len())
        .sum();
    assert_eq!(written["findings"].as_array().unwrap().len(), all);
    let (code, _, err) = run(
        &[
            "check",
            FEED,
            "--fail-on",
            "discrepancy",
            "--baseline",
            &baseline,
        ],
        None,
    );
    assert_eq!(code, 0, "every finding is in the baseline: {err}");
    assert!(err.contains("0 finding(s) not in the baseline"), "{err}");
}

#[test]
fn a_run_without_story_keys_is_reported_as_before() {
    let (code, out, _) = run(
        &["check", "tests/fixtures/iraq-drawdown", "--format", "json"],
        None,
    );
    assert_eq!(code, 0);
    let expected = corroborate::report::render(&common::fixture_report(), Format::Json);
    assert_eq!(out, expected);
}

/// The grouped report of the feed, written story by story as the binary does.
fn grouped(format: Format) -> String {
    let loaded = load(&[FEED.to_string()], &LoadOptions::default());
    assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
    let stories = corroborate::story::group(loaded.sources, loaded.stories);
    assert!(corroborate::story::grouped(&stories));
    let rules = Ruleset::builtin();
    let mut writer =
        StoryWriter::new(Vec::new(), format, RenderOptions::default(), false, true).unwrap();
    corroborate::story::run(
        stories,
        2,
        |story| corroborate::check(&story.sources, &rules),
        || {},
        |id, report| writer.story(id, &report),
    )
    .unwrap();
    String::from_utf8(writer.finish().unwrap()).unwrap()
}

#[test]
fn stories_report_markdown() {
    common::insta_settings()
        .bind(|| insta::assert_snapshot!("stories_markdown", grouped(Format::Markdown)));
}

#[test]
fn stories_report_text() {
    common::insta_settings()
        .bind(|| insta::assert_snapshot!("stories_text", grouped(Format::Text)));
}

//! The machine and graph formats (SARIF, GitHub annotations, DOT, JSON Lines) on the fixture
//! story, snapshot-tested (files in `snapshots/`), and the JSON report checked against its
//! schema, `docs/report.schema.json`.

mod common;

use std::path::Path;
use std::process::{Command, Stdio};

use corroborate::report::{Finding, FindingKind, Format, Report, Suppressed, render};
use corroborate::rules::Ruleset;
use serde_json::Value;

fn report() -> corroborate::report::Report {
    common::fixture_report()
}

/// The fixture report with its first discrepancy moved to `suppressed`, as a suppress rule would.
fn report_with_suppression() -> (Report, Finding) {
    let mut report = report();
    let at = report
        .findings
        .iter()
        .position(|f| f.kind == FindingKind::Discrepancy)
        .expect("the fixture has a discrepancy");
    let finding = report.findings.remove(at);
    report.suppressed.push(Suppressed {
        finding: finding.clone(),
        by: "accept-for-test".to_string(),
        reason: "Checked with the desk; not an error.".to_string(),
    });
    (report, finding)
}

fn project_file(path: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
}

// ---------------------------------------------------------------- snapshots

#[test]
fn fixture_report_sarif() {
    common::insta_settings()
        .bind(|| insta::assert_snapshot!("fixture_sarif", render(&report(), Format::Sarif)));
}

#[test]
fn fixture_report_github() {
    common::insta_settings()
        .bind(|| insta::assert_snapshot!("fixture_github", render(&report(), Format::Github)));
}

#[test]
fn fixture_report_dot() {
    common::insta_settings()
        .bind(|| insta::assert_snapshot!("fixture_dot", render(&report(), Format::Dot)));
}

#[test]
fn fixture_report_jsonl() {
    common::insta_settings()
        .bind(|| insta::assert_snapshot!("fixture_jsonl", render(&report(), Format::Jsonl)));
}

#[test]
fn machine_formats_are_deterministic() {
    for format in [Format::Sarif, Format::Github, Format::Dot, Format::Jsonl] {
        let (a, b) = (render(&report(), format), render(&report(), format));
        assert_eq!(a, b, "{format:?}");
        assert!(a.ends_with('\n'), "{format:?} ends with a newline");
    }
}

// ---------------------------------------------------------------- JSON schema

fn schema_validator() -> jsonschema::Validator {
    let text = std::fs::read_to_string(project_file("docs/report.schema.json"))
        .expect("docs/report.schema.json is readable");
    let schema: Value = serde_json::from_str(&text).expect("the schema is JSON");
    jsonschema::draft202012::new(&schema).expect("the schema is a valid draft 2020-12 schema")
}

fn json_report(report: &Report) -> Value {
    serde_json::from_str(&render(report, Format::Json)).expect("the JSON report parses")
}

fn schema_errors(validator: &jsonschema::Validator, instance: &Value) -> Vec<String> {
    validator
        .iter_errors(instance)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect()
}

#[test]
fn json_report_matches_its_schema() {
    let validator = schema_validator();
    let fixture = json_report(&report());
    assert_eq!(schema_errors(&validator, &fixture), Vec::<String>::new());
    // With a suppressed finding, and as `extract` prints it (findings empty).
    let (suppressed, _) = report_with_suppression();
    let suppressed = json_report(&suppressed);
    assert!(suppressed["suppressed"].is_array());
    assert_eq!(schema_errors(&validator, &suppressed), Vec::<String>::new());
    let mut claims_only = fixture.clone();
    claims_only["findings"] = Value::Array(Vec::new());
    assert!(validator.is_valid(&claims_only));
    // The contract allows added fields.
    let mut extended = fixture.clone();
    extended["generator"] = Value::from("something new");
    extended["claims"][0]["confidence"] = Value::from(0.9);
    assert!(validator.is_valid(&extended));
}

#[test]
fn seeds_json_report_matches_its_schema() {
    let Some(dir) = common::shared_dir("seeds") else {
        eprintln!("skipped: ../shared/seeds is absent, so the real seed articles cannot be read");
        return;
    };
    let loaded = corroborate::load::load_paths(&[dir.to_string_lossy().into_owned()], None);
    let report = corroborate::check(&loaded.sources, &Ruleset::builtin());
    assert!(!report.claims.is_empty());
    let errors = schema_errors(&schema_validator(), &json_report(&report));
    assert_eq!(errors, Vec::<String>::new());
}

#[test]
fn schema_rejects_reports_that_break_the_contract() {
    let validator = schema_validator();
    let fixture = json_report(&report());
    let first = |kind: &str| {
        fixture["claims"]
            .as_array()
            .unwrap()
            .iter()
            .position(|c| c["kind"] == kind)
            .unwrap()
    };
    let (quantity, time) = (first("quantity"), first("time"));
    let breakages: Vec<(&str, Breakage)> = vec![
        ("no version", Box::new(|r| remove(r, "", "version"))),
        ("version 2", Box::new(|r| r["version"] = Value::from(2))),
        ("no findings", Box::new(|r| remove(r, "", "findings"))),
        (
            "a source without path",
            Box::new(|r| remove(r, "/sources/0", "path")),
        ),
        (
            "a source without outlet",
            Box::new(|r| remove(r, "/sources/0", "outlet")),
        ),
        (
            "a claim without span",
            Box::new(|r| remove(r, "/claims/0", "span")),
        ),
        (
            "a claim without text",
            Box::new(|r| remove(r, "/claims/0", "text")),
        ),
        (
            "a claim without derived",
            Box::new(|r| remove(r, "/claims/0", "derived")),
        ),
        (
            "an unknown claim kind",
            Box::new(|r| r["claims"][0]["kind"] = Value::from("rumour")),
        ),
        (
            "a quantity claim without quantity",
            Box::new(move |r| remove(r, &format!("/claims/{quantity}"), "quantity")),
        ),
        (
            "a quantity without hedge",
            Box::new(move |r| remove(r, &format!("/claims/{quantity}/quantity"), "hedge")),
        ),
        (
            "a time claim without time",
            Box::new(move |r| remove(r, &format!("/claims/{time}"), "time")),
        ),
        (
            "a span end as text",
            Box::new(|r| r["claims"][0]["span"]["end"] = Value::from("12")),
        ),
        (
            "a finding without summary",
            Box::new(|r| remove(r, "/findings/0", "summary")),
        ),
        (
            "a finding without rule",
            Box::new(|r| remove(r, "/findings/0", "rule")),
        ),
        (
            "a finding without claims",
            Box::new(|r| remove(r, "/findings/0", "claims")),
        ),
        (
            "an unknown finding kind",
            Box::new(|r| r["findings"][0]["kind"] = Value::from("rumour")),
        ),
        (
            "an unknown severity",
            Box::new(|r| r["findings"][0]["severity"] = Value::from("critical")),
        ),
        (
            "a bad date",
            Box::new(|r| r["sources"][0]["published"] = Value::from("10 Sept 2020")),
        ),
    ];
    for (what, breakage) in breakages {
        let mut broken = fixture.clone();
        breakage(&mut broken);
        assert!(
            !validator.is_valid(&broken),
            "a report with {what} passed the schema"
        );
    }
}

/// A change that makes a report break the contract.
type Breakage = Box<dyn Fn(&mut Value)>;

/// Removes `key` from the object at JSON pointer `at`.
fn remove(report: &mut Value, at: &str, key: &str) {
    let object = report
        .pointer_mut(at)
        .and_then(Value::as_object_mut)
        .unwrap_or_else(|| panic!("no object at {at}"));
    assert!(object.remove(key).is_some(), "no {key} at {at}");
}

// ---------------------------------------------------------------- SARIF

#[test]
fn sarif_reports_discrepancies_and_single_source_claims_with_regions() {
    let report = report();
    let sarif: Value =
        serde_json::from_str(&render(&report, Format::Sarif)).expect("SARIF is JSON");
    assert_eq!(sarif["version"], "2.1.0");
    assert_eq!(
        sarif["$schema"],
        "https://json.schemastore.org/sarif-2.1.0.json"
    );
    let runs = sarif["runs"].as_array().unwrap();
    assert_eq!(runs.len(), 1);
    let driver = &runs[0]["tool"]["driver"];
    assert_eq!(driver["name"], "corroborate");
    assert_eq!(driver["version"], env!("CARGO_PKG_VERSION"));
    let rules: Vec<&str> = driver["rules"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    let results = runs[0]["results"].as_array().unwrap();
    let expected: Vec<&Finding> = report
        .findings
        .iter()
        .filter(|f| f.kind != FindingKind::Agreement)
        .collect();
    assert!(!expected.is_empty());
    assert_eq!(results.len(), expected.len(), "one result per finding");
    for (result, finding) in results.iter().zip(&expected) {
        assert_eq!(result["ruleId"], finding.rule.as_str());
        let index = result["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[index], finding.rule);
        assert_eq!(result["message"]["text"], finding.summary.as_str());
        assert_eq!(
            result["partialFingerprints"]["corroborate/v1"],
            finding.id.as_str()
        );
        let level = result["level"].as_str().unwrap();
        match finding.kind {
            FindingKind::SingleSource => assert_eq!(level, "note"),
            _ => assert!(level == "error" || level == "warning", "{level}"),
        }
        let locations = result["locations"].as_array().unwrap();
        assert_eq!(locations.len(), finding.claims.len());
        for (location, claim_id) in locations.iter().zip(&finding.claims) {
            let claim = report.claim(claim_id).unwrap();
            let physical = &location["physicalLocation"];
            let uri = physical["artifactLocation"]["uri"].as_str().unwrap();
            assert_eq!(uri, report.source(&claim.source).unwrap().path);
            let region = &physical["region"];
            assert_eq!(region["snippet"]["text"], claim.text.as_str());
            // The region, read back from the file by lines and columns, is the claim text.
            let file = std::fs::read_to_string(project_file(uri)).unwrap();
            let at = |line: &str, column: &str| {
                let (line, column) = (
                    region[line].as_u64().unwrap() as usize,
                    region[column].as_u64().unwrap() as usize,
                );
                assert!(line >= 1 && column >= 1, "{region}");
                let line_start: usize = file
                    .split_inclusive('\n')
                    .take(line - 1)
                    .map(str::len)
                    .sum();
                let within: usize = file[line_start..]
                    .chars()
                    .take(column - 1)
                    .map(char::len_utf8)
                    .sum();
                line_start + within
            };
            let (start, end) = (at("startLine", "startColumn"), at("endLine", "endColumn"));
            assert_eq!(&file[start..end], claim.text, "{region}");
            assert_eq!(start, claim.span.start);
            let offset = region["charOffset"].as_u64().unwrap() as usize;
            assert_eq!(
                file.chars().take(offset).map(char::len_utf8).sum::<usize>(),
                start
            );
            assert_eq!(
                region["charLength"].as_u64().unwrap() as usize,
                claim.text.chars().count()
            );
        }
    }
    let used: std::collections::BTreeSet<&str> = expected.iter().map(|f| f.rule.as_str()).collect();
    assert_eq!(
        rules,
        used.into_iter().collect::<Vec<_>>(),
        "one rule per rule id used"
    );
}

#[test]
fn sarif_marks_suppressed_findings() {
    let (report, finding) = report_with_suppression();
    let sarif: Value = serde_json::from_str(&render(&report, Format::Sarif)).unwrap();
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    let suppressed: Vec<&Value> = results
        .iter()
        .filter(|r| r.get("suppressions").is_some())
        .collect();
    assert_eq!(suppressed.len(), 1);
    assert_eq!(
        suppressed[0]["partialFingerprints"]["corroborate/v1"],
        finding.id.as_str()
    );
    let suppression = &suppressed[0]["suppressions"][0];
    assert_eq!(suppression["kind"], "external");
    assert_eq!(
        suppression["justification"],
        "Checked with the desk; not an error."
    );
}

// ---------------------------------------------------------------- GitHub, JSON Lines

#[test]
fn github_annotations_point_at_each_claim() {
    let report = report();
    let out = render(&report, Format::Github);
    let expected: usize = report
        .findings
        .iter()
        .filter(|f| f.kind != FindingKind::Agreement)
        .map(|f| f.claims.len())
        .sum();
    assert_eq!(out.lines().count(), expected);
    for line in out.lines() {
        let (command, rest) = line[2..].split_once(' ').unwrap();
        assert!(["error", "warning", "notice"].contains(&command), "{line}");
        let (properties, message) = rest.split_once("::").unwrap();
        assert!(
            properties.starts_with("file=tests/fixtures/iraq-drawdown/"),
            "{line}"
        );
        assert!(
            properties.contains(",line=") && properties.contains(",col="),
            "{line}"
        );
        assert!(properties.contains(",title=corroborate%3A "), "{line}");
        assert!(!message.is_empty() && !message.contains('\n'));
    }
    // A medium discrepancy is an error, a single-source claim a notice.
    assert!(out.contains("::error file=tests/fixtures/iraq-drawdown/coastline.md,line=6,col=21,endColumn=33,title=corroborate%3A discrepancy (count-within-hedge)::"));
    assert!(out.lines().any(|l| l.starts_with("::notice ")));
}

#[test]
fn jsonl_lines_stand_alone() {
    let report = report();
    let out = render(&report, Format::Jsonl);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), report.findings.len());
    for (line, finding) in lines.iter().zip(&report.findings) {
        let value: Value = serde_json::from_str(line).expect("each line is JSON");
        assert_eq!(value["id"], finding.id.as_str());
        assert_eq!(value["kind"], finding.kind.as_str());
        assert_eq!(value["summary"], finding.summary.as_str());
        let texts = value["claim_texts"].as_array().unwrap();
        assert_eq!(texts.len(), finding.claims.len());
        for (text, id) in texts.iter().zip(&finding.claims) {
            let claim = report.claim(id).unwrap();
            assert_eq!(text["claim"], id.as_str());
            assert_eq!(text["source"], claim.source.as_str());
            assert_eq!(text["text"], claim.text.as_str());
            assert_eq!(text["line"], claim.line);
        }
    }
    let (suppressed, finding) = report_with_suppression();
    let out = render(&suppressed, Format::Jsonl);
    let last: Value = serde_json::from_str(out.lines().last().unwrap()).unwrap();
    assert_eq!(last["id"], finding.id.as_str());
    assert_eq!(last["suppressed"]["by"], "accept-for-test");
}

// ---------------------------------------------------------------- DOT

fn graphviz() -> bool {
    Command::new("dot")
        .arg("-V")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

#[test]
fn dot_output_renders_with_graphviz() {
    let report = report();
    let dot = render(&report, Format::Dot);
    assert!(dot.starts_with("digraph claims {"));
    assert!(dot.contains("color = \"#d73027\""), "a conflicts edge");
    assert!(
        dot.contains("label = \"derived-from\""),
        "a derivation edge"
    );
    if !graphviz() {
        eprintln!("skipped: graphviz is not installed");
        return;
    }
    let svg = run_dot(&dot);
    assert!(svg.contains("<svg"), "dot -Tsvg gives SVG");
    // Every claim in a finding is drawn.
    for f in &report.findings {
        for id in &f.claims {
            // Graphviz writes `-` in ids as `&#45;`.
            let svg_id = format!("id=\"{}\"", id.replace('-', "&#45;"));
            assert!(svg.contains(&svg_id), "{id} in the SVG");
        }
    }
    if std::env::var("CORROBORATE_WRITE_GRAPH").is_ok_and(|v| v == "1") {
        let path = project_file("docs/claim-graph.svg");
        std::fs::write(&path, &svg).expect("write docs/claim-graph.svg");
        eprintln!("wrote {}", path.display());
    }
}

#[test]
fn dot_escapes_quotes_and_backslashes() {
    let mut report = report();
    let claim = report.findings[0].claims[0].clone();
    let view = report.claims.iter_mut().find(|c| c.id == claim).unwrap();
    view.text = "the \"official\" C:\\count\nof 5,200".to_string();
    let dot = render(&report, Format::Dot);
    assert!(dot.contains(r#"the \"official\""#), "{dot}");
    assert!(dot.contains(r"C:\\count"), "{dot}");
    if graphviz() {
        assert!(run_dot(&dot).contains("<svg"));
    } else {
        eprintln!("skipped: graphviz is not installed");
    }
}

/// Runs `dot -Tsvg` on `dot`; panics unless it exits 0.
fn run_dot(dot: &str) -> String {
    use std::io::Write;
    let mut child = Command::new("dot")
        .arg("-Tsvg")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("dot runs");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(dot.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "dot -Tsvg failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("SVG is UTF-8")
}

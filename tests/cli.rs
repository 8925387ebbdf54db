//! Whole-command cases: bad input, exit codes, formats, standard input.

mod common;

use common::run;

fn temp() -> tempfile::TempDir {
    tempfile::tempdir().expect("a temporary folder")
}

fn write(dir: &tempfile::TempDir, name: &str, bytes: &[u8]) -> String {
    let path = dir.path().join(name);
    std::fs::write(&path, bytes).expect("write fixture");
    path.to_string_lossy().into_owned()
}

const GOOD: &str = "---\noutlet: Test Wire\npublished: 2020-09-09\n---\nThe army will withdraw some 300 soldiers from Mali by the end of September.\n";

#[test]
fn check_runs_on_the_bundled_example() {
    let (code, out, err) = run(&["check", "tests/fixtures/iraq-drawdown"], None);
    assert_eq!(code, 0, "{err}");
    assert!(out.starts_with("corroborate: 3 sources"), "{out}");
}

#[test]
fn missing_path_is_exit_2_naming_it_and_others_still_run() {
    let dir = temp();
    let good = write(&dir, "good.md", GOOD.as_bytes());
    let (code, out, err) = run(&["check", "no/such/article.txt", &good], None);
    assert_eq!(code, 2);
    assert!(
        err.contains("error: no/such/article.txt: no such file or directory"),
        "{err}"
    );
    assert!(
        out.contains("1 source,"),
        "the readable source is still reported: {out}"
    );
}

#[test]
fn unreadable_file_is_exit_2_naming_it() {
    let dir = temp();
    write(&dir, "good.md", GOOD.as_bytes());
    // A dangling link cannot be read, even by root.
    let link = dir.path().join("gone.txt");
    std::os::unix::fs::symlink(dir.path().join("missing-target"), &link).expect("symlink");
    let (code, out, err) = run(&["check", &dir.path().to_string_lossy()], None);
    assert_eq!(code, 2);
    assert!(err.contains("gone.txt"), "{err}");
    assert!(out.contains("1 source,"), "{out}");
}

#[test]
fn invalid_utf8_is_exit_2_with_line_and_column() {
    let dir = temp();
    let bad = write(
        &dir,
        "latin1.txt",
        b"First line.\nCaf\xe9 owners said so.\n",
    );
    let good = write(&dir, "good.md", GOOD.as_bytes());
    let (code, out, err) = run(&["check", &bad, &good], None);
    assert_eq!(code, 2);
    assert!(err.contains("latin1.txt:2:4: invalid UTF-8"), "{err}");
    assert!(out.contains("1 source,"), "{out}");
}

#[test]
fn binary_file_is_exit_2() {
    let dir = temp();
    let bin = write(&dir, "image.txt", &[0x89, b'P', b'N', b'G', 0, 0, 1, 2]);
    let (code, _, err) = run(&["check", &bin], None);
    assert_eq!(code, 2);
    assert!(err.contains("image.txt: binary file"), "{err}");
}

#[test]
fn empty_file_is_a_warning_and_the_run_succeeds() {
    let dir = temp();
    let empty = write(&dir, "empty.txt", b"");
    let good = write(&dir, "good.md", GOOD.as_bytes());
    let (code, out, err) = run(&["check", &empty, &good], None);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("warning:") && err.contains("empty.txt: empty source"),
        "{err}"
    );
    assert!(out.contains("2 sources"), "{out}");
}

#[test]
fn malformed_rule_file_is_exit_2_with_line_and_column() {
    let dir = temp();
    let rules = write(&dir, "bad.yaml", b"rules:\n  - id: x\n    kind: hedge\n    description: d\n    phrases: [about]\n    bound: approximate\n    tolerance: 0.1\n    colour: red\n");
    let (code, out, err) = run(
        &["check", "tests/fixtures/iraq-drawdown", "--rules", &rules],
        None,
    );
    assert_eq!(code, 2);
    assert!(out.is_empty());
    assert!(
        err.contains("bad.yaml:2:5: rules[0]: unknown field `colour`") || err.contains("bad.yaml:"),
        "{err}"
    );
    assert!(err.contains("colour"), "{err}");
}

#[test]
fn broken_yaml_syntax_is_located() {
    let dir = temp();
    let rules = write(&dir, "tabs.yaml", b"rules:\n\t- id: x\n");
    let (code, _, err) = run(
        &["check", "tests/fixtures/iraq-drawdown", "--rules", &rules],
        None,
    );
    assert_eq!(code, 2);
    assert!(err.contains("tabs.yaml:2:1:"), "{err}");
}

#[test]
fn missing_rule_file_is_exit_2() {
    let (code, _, err) = run(
        &[
            "check",
            "tests/fixtures/iraq-drawdown",
            "--rules",
            "nope.yaml",
        ],
        None,
    );
    assert_eq!(code, 2);
    assert!(err.contains("nope.yaml"), "{err}");
}

#[test]
fn bad_published_flag_is_a_usage_error() {
    let (code, _, err) = run(
        &[
            "check",
            "tests/fixtures/iraq-drawdown",
            "--published",
            "09/09/2020",
        ],
        None,
    );
    assert_eq!(code, 2);
    assert!(err.contains("YYYY-MM-DD"), "{err}");
}

#[test]
fn fail_on_sets_exit_code() {
    let story = "tests/fixtures/iraq-drawdown";
    assert_eq!(
        run(&["check", story, "--fail-on", "discrepancy"], None).0,
        1
    );
    assert_eq!(run(&["check", story, "--fail-on", "agreement"], None).0, 1);
    let dir = temp();
    let good = write(&dir, "good.md", GOOD.as_bytes());
    // One source: single-source findings only, so failing on discrepancies passes.
    assert_eq!(
        run(&["check", &good, "--fail-on", "discrepancy"], None).0,
        0
    );
    assert_eq!(
        run(&["check", &good, "--fail-on", "single-source"], None).0,
        1
    );
}

#[test]
fn output_flag_writes_the_report_to_a_file() {
    let dir = temp();
    let out_path = dir
        .path()
        .join("report.json")
        .to_string_lossy()
        .into_owned();
    let (code, out, _) = run(
        &[
            "check",
            "tests/fixtures/iraq-drawdown",
            "--format",
            "json",
            "--output",
            &out_path,
        ],
        None,
    );
    assert_eq!(code, 0);
    assert!(out.is_empty());
    let written = std::fs::read_to_string(&out_path).expect("report written");
    let json: serde_json::Value = serde_json::from_str(&written).expect("valid JSON");
    assert_eq!(json["version"], 1);
}

#[test]
fn extract_reads_standard_input() {
    let (code, out, err) = run(
        &[
            "extract",
            "-",
            "--format",
            "json",
            "--published",
            "2020-09-09",
        ],
        Some(b"Officials said nearly 40 people were hurt last month."),
    );
    assert_eq!(code, 0, "{err}");
    let json: serde_json::Value = serde_json::from_str(&out).expect("valid JSON");
    assert_eq!(json["sources"][0]["id"], "stdin");
    assert_eq!(json["sources"][0]["published"], "2020-09-09");
    assert_eq!(json["findings"].as_array().map(Vec::len), Some(0));
    let texts: Vec<&str> = json["claims"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|c| c["text"].as_str())
        .collect();
    assert!(texts.contains(&"nearly 40"), "{texts:?}");
    assert!(texts.contains(&"last month"), "{texts:?}");
}

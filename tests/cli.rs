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

#[test]
fn rules_list_and_explain_show_where_rules_are_defined() {
    let (code, out, _) = run(&["rules", "list", "--no-config"], None);
    assert_eq!(code, 0);
    let line = out
        .lines()
        .find(|l| l.starts_with("hedge-roughly "))
        .expect("hedge-roughly listed");
    assert!(
        line.contains("hedge") && line.contains("built-in rules/hedges.yaml:"),
        "{line}"
    );
    let (code, out, _) = run(&["rules", "explain", "hedge-roughly", "--no-config"], None);
    assert_eq!(code, 0);
    assert!(
        out.contains("tolerance: 0.10") && out.contains("'roughly' and 'some' allow 10%"),
        "{out}"
    );
    let (code, _, err) = run(&["rules", "explain", "no-such-rule", "--no-config"], None);
    assert_eq!(code, 2);
    assert!(err.contains("no rule has the id `no-such-rule`"), "{err}");
}

#[test]
fn user_rules_show_their_file_and_line() {
    let dir = temp();
    let rules = write(&dir, "desk.yaml", b"# our desk\nrules:\n  - id: desk-loads\n    kind: vague\n    description: loads is 10 to 50\n    phrases: [loads of]\n    low: 10\n    high: 50\n");
    let (code, out, _) = run(&["rules", "list", "--no-config", "--rules", &rules], None);
    assert_eq!(code, 0);
    let line = out
        .lines()
        .find(|l| l.starts_with("desk-loads "))
        .expect("listed");
    assert!(line.contains("desk.yaml:3"), "{line}");
    let (_, out, _) = run(
        &[
            "rules",
            "list",
            "--no-config",
            "--no-default-rules",
            "--rules",
            &rules,
        ],
        None,
    );
    assert_eq!(out.lines().count(), 1, "{out}");
    let (_, out, _) = run(
        &["rules", "list", "--no-config", "--disable", "hedge-roughly"],
        None,
    );
    assert!(!out.contains("hedge-roughly "), "{out}");
}

#[test]
fn rules_test_passes_on_the_built_in_cases_and_fails_on_a_wrong_expectation() {
    let (code, out, err) = run(&["rules", "test", "tests/rules"], None);
    assert_eq!(code, 0, "{out}{err}");
    assert!(
        out.contains("PASS design-card-roughly-agrees") && out.contains(" 0 failed"),
        "{out}"
    );
    let dir = temp();
    write(
        &dir,
        "a.md",
        b"---\noutlet: A\npublished: 2021-01-05\n---\nThe army keeps about 900 troops in Chad.\n",
    );
    write(
        &dir,
        "b.md",
        b"---\noutlet: B\npublished: 2021-01-05\n---\nThe army keeps roughly 880 troops in Chad.\n",
    );
    write(&dir, "case.yaml", b"description: a wrong expectation\nexpect:\n  - kind: discrepancy\n    texts: [about 900]\n");
    let (code, out, _) = run(&["rules", "test", &dir.path().to_string_lossy()], None);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("FAIL .") && out.contains("expected, not found: discrepancy"),
        "{out}"
    );
}

#[test]
fn project_config_is_found_upward_and_suppressions_are_reported() {
    use std::process::Command;
    let dir = temp();
    let story = dir.path().join("desk/story");
    std::fs::create_dir_all(&story).unwrap();
    std::fs::create_dir_all(dir.path().join("desk/rules")).unwrap();
    std::fs::write(
        dir.path().join("desk/.corroborate.yaml"),
        "rules: [rules/]\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("desk/rules/accept.yaml"),
        "rules:\n  - id: accept-mali\n    kind: suppress\n    description: d\n    finding: discrepancy\n    match: 1,400\n    reason: The 1,400 counts contractors.\n",
    )
    .unwrap();
    std::fs::write(story.join("a.md"), "---\noutlet: A\npublished: 2021-01-05\n---\nThe army keeps 900 troops in Mali, officials said.\n").unwrap();
    std::fs::write(story.join("b.md"), "---\noutlet: B\npublished: 2021-01-05\n---\nThe army keeps 1,400 troops in Mali, officials said.\n").unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_corroborate"))
        .args(["check", ".", "--format", "json", "--fail-on", "discrepancy"])
        .current_dir(&story)
        .output()
        .expect("runs");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(json["suppressed"][0]["by"], "accept-mali");
    assert_eq!(json["suppressed"][0]["finding"]["kind"], "discrepancy");
    // Without the config, the discrepancy is back and fails the run.
    let out = Command::new(env!("CARGO_BIN_EXE_corroborate"))
        .args(["check", ".", "--no-config", "--fail-on", "discrepancy"])
        .current_dir(&story)
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn explain_shows_the_rules_behind_each_finding() {
    let (code, out, _) = run(
        &[
            "check",
            "tests/fixtures/iraq-drawdown",
            "--explain",
            "--no-config",
        ],
        None,
    );
    assert_eq!(code, 0);
    assert!(
        out.contains("why: ")
            && out.contains("linked by same-count")
            && out.contains("judged by count-within-hedge"),
        "{out}"
    );
}

#[test]
fn fail_on_takes_a_severity() {
    let story = "tests/fixtures/iraq-drawdown";
    // The fixture's worst discrepancy is medium; the name variant is low.
    assert_eq!(
        run(
            &[
                "check",
                story,
                "--no-config",
                "--fail-on",
                "discrepancy:medium"
            ],
            None
        )
        .0,
        1
    );
    assert_eq!(
        run(
            &[
                "check",
                story,
                "--no-config",
                "--fail-on",
                "discrepancy:high"
            ],
            None
        )
        .0,
        0
    );
    let (code, _, err) = run(
        &[
            "check",
            story,
            "--no-config",
            "--fail-on",
            "discrepancy:severe",
        ],
        None,
    );
    assert_eq!(code, 2);
    assert!(err.contains("not a severity"), "{err}");
}

#[test]
fn a_baseline_accepts_known_findings_and_fails_only_on_new_ones() {
    let dir = temp();
    let story = dir.path().join("story");
    std::fs::create_dir_all(&story).unwrap();
    let a = "---\noutlet: A\npublished: 2021-01-05\n---\nThe army keeps 900 troops in Mali, officials said.\n\nThe general said 40 people were killed in Mali, officials said.\n";
    let b = "---\noutlet: B\npublished: 2021-01-05\n---\nThe army keeps 1,400 troops in Mali, officials said.\n\nThe general said 40 people were killed in Mali, officials said.\n";
    std::fs::write(story.join("a.md"), a).unwrap();
    std::fs::write(story.join("b.md"), b).unwrap();
    let story_path = story.to_string_lossy().into_owned();
    let baseline = dir
        .path()
        .join("baseline.json")
        .to_string_lossy()
        .into_owned();
    let (code, _, err) = run(
        &[
            "check",
            &story_path,
            "--no-config",
            "--write-baseline",
            &baseline,
        ],
        None,
    );
    assert_eq!(code, 0, "{err}");
    // The same input passes against its baseline, even failing on any discrepancy.
    let (code, _, err) = run(
        &[
            "check",
            &story_path,
            "--no-config",
            "--baseline",
            &baseline,
            "--fail-on",
            "discrepancy",
        ],
        None,
    );
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("0 finding(s) not in the baseline"), "{err}");
    // An unrelated edit earlier in an article keeps the finding ids.
    let edited = a.replace(
        "---\nThe army",
        "---\nOfficials declined to comment further.\n\nThe army",
    );
    std::fs::write(story.join("a.md"), &edited).unwrap();
    let (code, _, err) = run(
        &[
            "check",
            &story_path,
            "--no-config",
            "--baseline",
            &baseline,
            "--fail-on",
            "discrepancy",
        ],
        None,
    );
    assert_eq!(code, 0, "ids survive unrelated edits: {err}");
    // One new discrepancy fails the run and is the only one named.
    std::fs::write(
        story.join("b.md"),
        b.replace("40 people were killed", "55 people were killed"),
    )
    .unwrap();
    let (code, _, err) = run(
        &[
            "check",
            &story_path,
            "--no-config",
            "--baseline",
            &baseline,
            "--fail-on",
            "discrepancy",
        ],
        None,
    );
    assert_eq!(code, 1, "{err}");
    let new_lines: Vec<&str> = err.lines().filter(|l| l.starts_with("new ")).collect();
    assert!(
        new_lines
            .iter()
            .any(|l| l.contains("discrepancy") && l.contains("'55'")),
        "{err}"
    );
    assert!(
        new_lines.iter().all(|l| !l.contains("1,400")),
        "only the new finding is named: {err}"
    );
}

#[test]
fn piped_output_has_no_colours() {
    let (code, out, _) = run(
        &["check", "tests/fixtures/iraq-drawdown", "--no-config"],
        None,
    );
    assert_eq!(code, 0);
    assert!(
        !out.contains('\u{1b}'),
        "no ANSI escapes when stdout is not a terminal"
    );
}

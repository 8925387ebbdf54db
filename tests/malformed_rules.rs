//! Malformed rule files: each is reported as `file:line:col: message` with the offending line,
//! exit code 2, whatever the output format; the exact text of every message is snapshot-tested.

mod common;

use std::process::Command;

/// (file name, contents) of each malformed rule file.
fn cases() -> Vec<(&'static str, String)> {
    let hedge = "rules:\n  - id: desk-about\n    kind: hedge\n    description: d\n    phrases: [about]\n    bound: approximate\n    tolerance: 0.05\n";
    vec![
        ("bad-indentation.yaml", "rules:\n  - id: x\n     kind: hedge\n    description: d\n".to_string()),
        ("tab-characters.yaml", "rules:\n\t- id: x\n\t  kind: hedge\n".to_string()),
        ("unknown-key.yaml", hedge.replace("    tolerance: 0.05\n", "    tolerance: 0.05\n    colour: red\n")),
        ("wrong-type.yaml", hedge.replace("tolerance: 0.05", "tolerance: about five")),
        ("duplicate-id.yaml", format!("{hedge}{}", hedge.trim_start_matches("rules:\n"))),
        (
            "unknown-metric.yaml",
            "rules:\n  - id: desk-times\n    kind: link\n    description: d\n    claim: time\n    similarity: {metric: cosine, threshold: 0.5}\n".to_string(),
        ),
        (
            "threshold-out-of-range.yaml",
            "rules:\n  - id: desk-times\n    kind: link\n    description: d\n    claim: time\n    similarity:\n      metric: word-dice\n      threshold: 1.7\n".to_string(),
        ),
        ("empty.yaml", String::new()),
        ("unknown-kind.yaml", "rules:\n  - id: x\n    kind: teleport\n    description: d\n".to_string()),
        (
            "missing-reference.yaml",
            "rules:\n  - id: quiet\n    kind: suppress\n    description: d\n    rule: no-such-rule\n    reason: accepted\n  - id: strict\n    kind: verdict\n    description: d\n    claim: quantity\n    scope: { unit: unicorns }\n    severity: high\n".to_string(),
        ),
        ("unknown-disable.yaml", "disable: [hedge-aboot]\nrules: []\n".to_string()),
        ("alias-bomb.yaml", alias_bomb()),
        ("ten-megabytes.yaml", format!("rules: []\n#{}\n", "x".repeat(10 << 20))),
        (
            "several-errors.yaml",
            "rules:\n  - id: one\n    kind: vague\n    description: d\n    phrases: [loads]\n    low: 9\n    high: 2\n  - id: two\n    kind: hedge\n    description: d\n    phrases: [about]\n    bound: sideways\n".to_string(),
        ),
    ]
}

/// Nine levels of aliases to nine copies each: 9^9 strings if expanded.
fn alias_bomb() -> String {
    let mut s = String::from(
        "rules:\n  - id: bomb\n    kind: alias\n    description: d\n    category: unit\n    names:\n      a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n",
    );
    let names = ["b", "c", "d", "e", "f", "g", "h", "i"];
    let mut prev = "a";
    for n in names {
        s.push_str(&format!("      {n}: &{n} [*{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}]\n"));
        prev = n;
    }
    s
}

#[test]
fn malformed_rule_files_are_reported_exactly() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let mut transcript = String::new();
    for (name, text) in cases() {
        std::fs::write(dir.path().join(name), &text).expect("write rule file");
        for format in ["text", "json"] {
            let out = Command::new(env!("CARGO_BIN_EXE_corroborate"))
                .args([
                    "check",
                    "story",
                    "--no-config",
                    "--format",
                    format,
                    "--rules",
                    name,
                ])
                .current_dir(dir.path())
                .output()
                .expect("the binary runs");
            assert_eq!(out.status.code(), Some(2), "{name}: exit code");
            assert!(
                out.stdout.is_empty(),
                "{name}: nothing on stdout with --format {format}"
            );
            let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
            assert!(
                stderr.contains(name),
                "{name}: the message names the file: {stderr}"
            );
            if format == "text" {
                transcript.push_str(&format!(
                    "$ corroborate check story --rules {name}\n{stderr}\n"
                ));
            }
        }
    }
    common::insta_settings().bind(|| insta::assert_snapshot!("malformed_rules", transcript));
}

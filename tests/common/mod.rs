//! Shared helpers for the integration tests: insta settings, the fixture story, temporary
//! files, the binary.

#![allow(dead_code)]

use std::path::PathBuf;

/// insta settings that keep snapshots in the top-level `snapshots/` folder.
pub fn insta_settings() -> insta::Settings {
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path(concat!(env!("CARGO_MANIFEST_DIR"), "/snapshots"));
    settings.set_prepend_module_to_snapshot(false);
    settings
}

/// The bundled fixture story (our own articles carrying the seeds' facts and traps).
pub fn fixture_story() -> String {
    "tests/fixtures/iraq-drawdown".to_string()
}

/// The fixture story's report with the built-in rules.
pub fn fixture_report() -> corroborate::report::Report {
    let loaded = corroborate::load::load_paths(&[fixture_story()], None);
    assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
    corroborate::check(&loaded.sources, &corroborate::rules::Ruleset::builtin())
}

/// A temporary folder, removed when dropped.
pub fn temp() -> tempfile::TempDir {
    tempfile::tempdir().expect("a temporary folder")
}

/// Writes `text` to `name` under `dir` (making its folders); gives the file's path.
pub fn write(dir: &tempfile::TempDir, name: &str, text: &str) -> String {
    let path = dir.path().join(name);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).expect("make folders");
    }
    std::fs::write(&path, text).expect("write fixture");
    path.to_string_lossy().into_owned()
}

/// The shared folder beside the project, if it is there.
pub fn shared_dir(sub: &str) -> Option<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .join("shared")
        .join(sub);
    dir.is_dir().then_some(dir)
}

/// Runs the binary with `args` in the project folder; gives (exit code, stdout, stderr).
pub fn run(args: &[&str], stdin: Option<&[u8]>) -> (i32, String, String) {
    use std::io::Write;
    use std::process::{Command, Stdio};
    let mut child = Command::new(env!("CARGO_BIN_EXE_corroborate"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("NO_COLOR", "1")
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the corroborate binary runs");
    if let Some(input) = stdin {
        child
            .stdin
            .take()
            .expect("piped stdin")
            .write_all(input)
            .expect("write stdin");
    }
    let out = child.wait_with_output().expect("the binary finishes");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

use corroborate::report::{ClaimView, Finding, FindingKind, Report};

/// The claims of a finding.
pub fn claims_of<'a>(report: &'a Report, finding: &Finding) -> Vec<&'a ClaimView> {
    finding
        .claims
        .iter()
        .filter_map(|id| report.claim(id))
        .collect()
}

/// Whether the finding holds a claim of `source` whose text contains `text`, or, when `text`
/// starts with `=`, whose text is exactly the rest.
fn has(report: &Report, finding: &Finding, source: &str, text: &str) -> bool {
    claims_of(report, finding).iter().any(|c| {
        let claim_text = c.text.to_lowercase();
        let matches = match text.strip_prefix('=') {
            Some(exact) => claim_text == exact.to_lowercase(),
            None => claim_text.contains(&text.to_lowercase()),
        };
        c.source == source && matches
    })
}

/// The first finding of `kind` that holds every (source, text-fragment) pair; panics with the
/// report's findings when there is none.
pub fn finding<'a>(report: &'a Report, kind: FindingKind, wanted: &[(&str, &str)]) -> &'a Finding {
    report
        .findings
        .iter()
        .filter(|f| f.kind == kind)
        .find(|f| wanted.iter().all(|(s, t)| has(report, f, s, t)))
        .unwrap_or_else(|| {
            let all: Vec<String> = report
                .findings
                .iter()
                .map(|f| format!("{} {}", f.kind.as_str(), f.summary))
                .collect();
            panic!(
                "no {} with {wanted:?}; findings:\n{}",
                kind.as_str(),
                all.join("\n")
            )
        })
}

/// What the engine must report on the Iraq drawdown story, whether read from the real seeds or
/// from our fixture articles that carry the same facts and traps. `first` is the source quoting
/// the commander (FRANCE 24 or its stand-in), `second` the one with the Afghanistan figures.
pub fn assert_drawdown_story(report: &Report, first: &str, second: &str) {
    use FindingKind::{Agreement, Discrepancy, SingleSource};
    // The Iraq level before the cut, in both sources.
    finding(
        report,
        Agreement,
        &[(first, "about 5,200"), (second, "about 5,200")],
    );
    // The level after the cut.
    let after = finding(report, Agreement, &[(first, "=3,000"), (second, "=3,000")]);
    assert!(
        claims_of(report, after)
            .iter()
            .all(|c| c.quantity.as_ref().is_some_and(|q| q.value == Some(3000.0)))
    );
    // The stated withdrawal agrees with the change derived from 5,200 -> 3,000 in both sources.
    let change = finding(report, Agreement, &[(second, "some 2,200")]);
    let derived: Vec<&str> = claims_of(report, change)
        .iter()
        .filter(|c| c.derived)
        .map(|c| c.source.as_str())
        .collect();
    assert!(
        derived.contains(&first) && derived.contains(&second),
        "derived changes of both sources: {derived:?}"
    );
    // "roughly 5,000" agrees with 5,200 within the tolerance of "roughly".
    let roughly = finding(
        report,
        Agreement,
        &[(second, "roughly 5,000"), (first, "5,200")],
    );
    assert!(roughly.summary.contains("roughly"), "{}", roughly.summary);
    // The timing of the cut.
    finding(
        report,
        Agreement,
        &[(first, "September"), (second, "by the end of September")],
    );
    // The meeting with the Iraqi prime minister: last month = August 2020.
    let meeting = finding(
        report,
        Agreement,
        &[(first, "last month"), (second, "August")],
    );
    let last_month = claims_of(report, meeting)
        .into_iter()
        .find(|c| c.text.to_lowercase() == "last month")
        .unwrap();
    let t = last_month.time.as_ref().unwrap();
    assert_eq!(
        (t.start.as_deref(), t.end.as_deref()),
        (Some("2020-08-01"), Some("2020-08-31"))
    );
    // Facts only one source states.
    finding(report, SingleSource, &[(second, "8,600")]);
    finding(report, SingleSource, &[(first, "at least six")]);
    finding(report, SingleSource, &[(first, "dozens")]);
    finding(report, SingleSource, &[(second, "spring of 2021")]);
    // No link between the Afghanistan figures and the Iraq figures.
    let afghan = ["8,600", "fewer than 5,000", "4,000 to 5,000"];
    let iraq = ["5,200", "3,000", "2,200", "roughly 5,000"];
    for f in report.findings.iter().filter(|f| f.kind != SingleSource) {
        let texts: Vec<&str> = claims_of(report, f)
            .iter()
            .filter(|c| c.quantity.is_some())
            .map(|c| c.text.as_str())
            .collect();
        let has_afghan = texts.iter().any(|t| afghan.iter().any(|a| t.contains(a)));
        let has_iraq = texts
            .iter()
            .any(|t| iraq.iter().any(|a| t.contains(a)) && !afghan.iter().any(|a| t.contains(a)));
        assert!(
            !(has_afghan && has_iraq),
            "Afghanistan and Iraq figures linked: {}",
            f.summary
        );
    }
    // The two McKenzies are surfaced for review, not merged and not ignored.
    let names = finding(
        report,
        Discrepancy,
        &[(first, "Frank McKenzie"), (second, "Kenneth McKenzie")],
    );
    assert_eq!(names.rule, "person-name-variant");
}

/// Fragments that stress the extractors (numbers, separators, hedges, ranges, dates, quotes,
/// names, odd Unicode), for the generated-input tests.
pub const TRICKY_FRAGMENTS: &[&str] = &[
    "5,200",
    "5200",
    "5.2",
    "thousand",
    "million",
    "billion",
    "five",
    "twenty-one",
    "hundred",
    "and",
    "a third",
    "half",
    "about",
    "roughly",
    "some",
    "nearly",
    "at least",
    "more than",
    "over",
    "under",
    "fewer than",
    "up to",
    "as many as",
    "no more than",
    "between",
    "to",
    "from",
    "-",
    "–",
    "—",
    "dozens",
    "hundreds of",
    "a handful",
    "of",
    "troops",
    "people",
    "killed",
    "in",
    "Mali",
    "Iraq",
    "U.S.",
    "said",
    "Gen.",
    "McKenzie",
    "\"",
    "“",
    "”",
    "’",
    ".",
    ",",
    ";",
    ":",
    "(",
    ")",
    "%",
    "$",
    "€",
    "\n",
    "\n\n",
    " ",
    "September 9, 2020",
    "last month",
    "2020-09-09",
    "1,000,000",
    "3.",
    ".5",
    ",,",
    "..",
    "1-2",
    "0",
    "é",
    "日本",
    "🙂",
    "\u{200b}",
    "\u{301}",
    "\u{feff}",
    "\t",
    "\r\n",
    "1.5",
    "soldiers",
    "Iraqi",
    "US",
    "IS",
    "Daesh",
    "General",
    "Kenneth",
    "Mr.",
    "'",
    "!",
    "?",
    "  ",
    "September",
    "9,",
    "2020",
    "May",
    "March",
    "by the end of",
    "Tuesday",
    "the spring of",
    "2021",
    "£",
    "percent",
    "several",
    "two-thirds",
    "six",
    "1st",
    "10:30",
    "p.m.",
    "F-16",
    "COVID-19",
    "#tag",
    "@user",
    "00",
    "4,000 to 5,000",
    "date 2020-09-09",
];

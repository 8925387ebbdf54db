//! Conformance: corroborate's extraction scored against public test suites other teams wrote.
//!
//! Takes the folder `../shared/external` (or the one given); gives, per suite file, the cases,
//! how many passed and failed, and how many were counted out (with the reason), printed as a
//! table and written to `docs/conformance.md` with `--write`.
//!
//! ```text
//! cargo run --release --example conformance -- ../shared/external [--write]
//! ```
//!
//! The suites: Microsoft Recognizers-Text English specs (numbers, ranges, percentages, units,
//! dates; MIT) and quantulum3's test quantities (MIT). How each suite's expectations map onto
//! corroborate's claims, and which cases are counted out and why, is documented in the module
//! of each family: [`numbers`] (numbers, ranges, percent, currency, dimension, quantulum3) and
//! [`dates`] (date and date-period extraction and resolution against a reference date).

mod dates;
mod numbers;

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// The score of one suite file.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SuiteResult {
    /// The suite, as shown in the table ("Number/English/NumberModel.json").
    pub name: String,
    /// Cases scored (after counting out).
    pub cases: usize,
    pub passed: usize,
    /// Cases counted out, by reason ("ordinal: corroborate does not extract ordinals" → 12).
    pub counted_out: Vec<(String, usize)>,
    /// The target the project set for this suite, in percent, if any.
    pub target: Option<f64>,
    /// A few failing inputs with what was expected and what came out, for the curious.
    pub failures: Vec<String>,
}

impl SuiteResult {
    pub fn failed(&self) -> usize {
        self.cases - self.passed
    }

    pub fn percent(&self) -> f64 {
        if self.cases == 0 {
            0.0
        } else {
            100.0 * self.passed as f64 / self.cases as f64
        }
    }

    /// Adds one to the counted-out tally of `reason`.
    pub fn count_out(&mut self, reason: &str) {
        match self.counted_out.iter_mut().find(|(r, _)| r == reason) {
            Some((_, n)) => *n += 1,
            None => self.counted_out.push((reason.to_string(), 1)),
        }
    }
}

fn main() {
    let mut args = std::env::args().skip(1);
    let mut dir = PathBuf::from("../shared/external");
    let mut write = false;
    for arg in args.by_ref() {
        match arg.as_str() {
            "--write" => write = true,
            other => dir = PathBuf::from(other),
        }
    }
    if !dir.is_dir() {
        eprintln!(
            "skipped: {} is absent (the public suites live beside the project in ../shared/external)",
            dir.display()
        );
        return;
    }
    let mut results = numbers::run(&dir);
    results.extend(dates::run(&dir));
    let table = table(&results);
    print!("{table}");
    if write {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/conformance.md");
        let doc = format!(
            "# Extraction conformance\n\nProduced by `cargo run --release --example conformance -- ../shared/external --write`.\nHow expectations map onto claims, and why cases are counted out: `examples/conformance/`.\n\n{table}"
        );
        if let Err(e) = std::fs::write(&path, doc) {
            eprintln!("error: {}: {e}", path.display());
            std::process::exit(2);
        }
        eprintln!("wrote {}", path.display());
    }
}

/// The results as a Markdown table, then the counted-out categories.
fn table(results: &[SuiteResult]) -> String {
    let mut out = String::from(
        "| suite | cases | passed | failed | score | target |\n|---|---|---|---|---|---|\n",
    );
    for r in results {
        let target = match r.target {
            Some(t) if r.percent() >= t => format!("{t:.0}% ✓"),
            Some(t) => format!("{t:.0}% ✗"),
            None => "—".to_string(),
        };
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {:.1}% | {target} |",
            r.name,
            r.cases,
            r.passed,
            r.failed(),
            r.percent()
        );
    }
    let (cases, passed): (usize, usize) = results
        .iter()
        .fold((0, 0), |(c, p), r| (c + r.cases, p + r.passed));
    let overall = if cases == 0 {
        0.0
    } else {
        100.0 * passed as f64 / cases as f64
    };
    let _ = writeln!(
        out,
        "\n{passed} of {cases} cases passed overall ({overall:.1}%).\n"
    );
    let mut any = false;
    for r in results {
        for (reason, n) in &r.counted_out {
            if !any {
                out.push_str("Counted out (not scored):\n\n");
                any = true;
            }
            let _ = writeln!(out, "- {}: {reason} — {n} cases", r.name);
        }
    }
    out
}

//! The `corroborate` command: parse arguments, run the library, print, exit.
//!
//! Exit codes (DESIGN.md): 0 ran with no finding at or above `--fail-on`; 1 ran with such
//! findings; 2 usage error, unreadable or invalid input, or invalid rules, with a message on
//! stderr naming the file (and line:col where there is one).

use std::io::Write;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

use corroborate::load::{self, Level};
use corroborate::report::{self, FindingKind, Format, Report};
use corroborate::rules::Ruleset;

#[derive(Parser)]
#[command(
    name = "corroborate",
    version,
    about = "Reconcile claims across news sources: agreements, discrepancies, single-source claims."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Read the articles, link their claims, and report agreements, discrepancies and single-source claims.
    Check {
        /// Article files or directories (searched recursively for .txt, .md, .markdown).
        #[arg(required = true)]
        paths: Vec<String>,
        #[command(flatten)]
        common: Common,
        /// Exit with 1 when a finding of this kind or a more serious one is reported
        /// (agreement < single-source < discrepancy).
        #[arg(long, value_enum)]
        fail_on: Option<FailOn>,
    },
    /// Print the claims of each source without linking them.
    Extract {
        /// Article files or directories, or `-` for standard input.
        #[arg(required = true)]
        paths: Vec<String>,
        #[command(flatten)]
        common: Common,
    },
}

#[derive(clap::Args)]
struct Common {
    /// Rule file to add to the built-in rules (a rule with an existing id replaces it). Repeatable.
    #[arg(long = "rules", value_name = "FILE")]
    rules: Vec<String>,
    #[arg(long, value_enum, default_value = "text")]
    format: Format,
    /// Write the report to FILE instead of standard output.
    #[arg(long, value_name = "FILE")]
    output: Option<String>,
    /// Publication date for sources that give none (YYYY-MM-DD).
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_published)]
    published: Option<chrono::NaiveDate>,
}

#[derive(Clone, Copy, ValueEnum)]
enum FailOn {
    Agreement,
    SingleSource,
    Discrepancy,
}

fn parse_published(s: &str) -> Result<chrono::NaiveDate, String> {
    chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .map_err(|_| format!("`{s}` is not a YYYY-MM-DD date"))
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let (paths, common, fail_on, link) = match cli.command {
        Command::Check {
            paths,
            common,
            fail_on,
        } => (paths, common, fail_on, true),
        Command::Extract { paths, common } => (paths, common, None, false),
    };
    match run(&paths, &common, link) {
        Ok((report, input_errors)) => {
            let rendered = match link {
                true => report::render(&report, common.format),
                false => report::render_claims(&report, common.format),
            };
            if let Err(e) = emit(&rendered, &common) {
                eprintln!("error: {e}");
                return ExitCode::from(2);
            }
            if input_errors {
                return ExitCode::from(2);
            }
            if fails(&report, fail_on) {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            }
        }
        Err(()) => ExitCode::from(2),
    }
}

/// Loads rules and sources and runs the job; prints problems to stderr. `Err` when nothing can
/// run; `Ok((report, true))` when some inputs had errors but the rest was reported.
fn run(paths: &[String], common: &Common, link: bool) -> Result<(Report, bool), ()> {
    let mut user_rules = Vec::new();
    let mut rule_problem = false;
    for path in &common.rules {
        match std::fs::read(path) {
            Ok(bytes) => match String::from_utf8(bytes) {
                Ok(text) => user_rules.push((path.clone(), text)),
                Err(_) => {
                    eprintln!("error: {path}: rule file is not valid UTF-8");
                    rule_problem = true;
                }
            },
            Err(e) => {
                eprintln!("error: {path}: cannot read rule file: {e}");
                rule_problem = true;
            }
        }
    }
    let rules = match Ruleset::load(&user_rules) {
        Ok(rules) if !rule_problem => rules,
        Ok(_) => return Err(()),
        Err(errors) => {
            for e in errors {
                eprintln!("error: {e}");
            }
            return Err(());
        }
    };
    let loaded = load::load_paths(paths, common.published);
    for p in &loaded.problems {
        eprintln!("{p}");
    }
    let input_errors = loaded.problems.iter().any(|p| p.level == Level::Error);
    if loaded.sources.is_empty() {
        eprintln!("error: no source could be read");
        return Err(());
    }
    let report = if link {
        corroborate::check(&loaded.sources, &rules)
    } else {
        corroborate::extract(&loaded.sources, &rules)
    };
    Ok((report, input_errors))
}

fn emit(rendered: &str, common: &Common) -> std::io::Result<()> {
    match &common.output {
        Some(path) => std::fs::write(path, rendered)
            .map_err(|e| std::io::Error::new(e.kind(), format!("{path}: {e}"))),
        None => {
            let mut stdout = std::io::stdout().lock();
            match stdout
                .write_all(rendered.as_bytes())
                .and_then(|_| stdout.flush())
            {
                // A closed pipe (`| head`) is not an error.
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
                other => other,
            }
        }
    }
}

fn fails(report: &Report, fail_on: Option<FailOn>) -> bool {
    let Some(threshold) = fail_on else {
        return false;
    };
    let rank = |k: FindingKind| match k {
        FindingKind::Agreement => 0,
        FindingKind::SingleSource => 1,
        FindingKind::Discrepancy => 2,
    };
    let threshold = match threshold {
        FailOn::Agreement => 0,
        FailOn::SingleSource => 1,
        FailOn::Discrepancy => 2,
    };
    report.findings.iter().any(|f| rank(f.kind) >= threshold)
}

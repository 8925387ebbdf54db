//! The `corroborate` command: parse arguments, run the library, print, exit.
//!
//! Exit codes (DESIGN.md): 0 ran with no finding at or above `--fail-on`; 1 ran with such
//! findings; 2 usage error, unreadable or invalid input, or invalid rules, with a message on
//! stderr naming the file (and line:col where there is one).

use std::io::{IsTerminal, Write};
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use corroborate::gate::{self, Baseline, FailOn};
use corroborate::load::{self, Level};
use corroborate::report::{self, Format, RenderOptions, Report};
use corroborate::rules::Ruleset;
use corroborate::rules::compose::{self, RuleOptions};

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
        /// Exit with 1 when a finding of this kind (or a more serious kind) is reported:
        /// KIND[:SEVERITY], kinds agreement < single-source < discrepancy, severities
        /// info < low < medium < high (e.g. `discrepancy:medium`).
        #[arg(long, value_name = "KIND[:SEVERITY]", value_parser = parse_fail_on)]
        fail_on: Option<FailOn>,
        /// Accept the findings recorded in this baseline: only new findings can fail the run.
        #[arg(long, value_name = "FILE")]
        baseline: Option<String>,
        /// Record the findings of this run as a baseline.
        #[arg(long, value_name = "FILE")]
        write_baseline: Option<String>,
        /// Show for each finding the rules that fired, with their scores and thresholds.
        #[arg(long)]
        explain: bool,
    },
    /// Print the claims of each source without linking them.
    Extract {
        /// Article files or directories, or `-` for standard input.
        #[arg(required = true)]
        paths: Vec<String>,
        #[command(flatten)]
        common: Common,
    },
    /// List, explain and test rules.
    Rules {
        #[command(subcommand)]
        action: RulesAction,
    },
}

#[derive(Subcommand)]
enum RulesAction {
    /// List the rules of a run: id, kind, where defined, description.
    List {
        #[command(flatten)]
        rules: RuleArgs,
    },
    /// Show one rule: what it does, where it is defined, and its YAML.
    Explain {
        /// The rule id.
        id: String,
        #[command(flatten)]
        rules: RuleArgs,
    },
    /// Run rule-test cases: every folder under DIR holding a case.yaml (default: tests/rules).
    Test {
        #[arg(default_value = "tests/rules")]
        dir: String,
    },
}

/// Where the rules of a run come from.
#[derive(clap::Args)]
struct RuleArgs {
    /// Rule file or folder to add to the built-in rules (a rule with an existing id replaces it). Repeatable.
    #[arg(long = "rules", value_name = "FILE|DIR")]
    rules: Vec<String>,
    /// Start from no built-in rules.
    #[arg(long)]
    no_default_rules: bool,
    /// Project config to use (default: the nearest .corroborate.yaml above the working directory).
    #[arg(long, value_name = "FILE")]
    config: Option<String>,
    /// Do not look for a project config.
    #[arg(long, conflicts_with = "config")]
    no_config: bool,
    /// Rule id to turn off. Repeatable.
    #[arg(long, value_name = "ID")]
    disable: Vec<String>,
}

#[derive(clap::Args)]
struct Common {
    #[command(flatten)]
    rules: RuleArgs,
    #[arg(long, value_enum, default_value = "text")]
    format: Format,
    /// Write the report to FILE instead of standard output.
    #[arg(long, value_name = "FILE")]
    output: Option<String>,
    /// Publication date for sources that give none (YYYY-MM-DD).
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_published)]
    published: Option<chrono::NaiveDate>,
}

fn parse_fail_on(s: &str) -> Result<FailOn, String> {
    s.parse()
}

fn parse_published(s: &str) -> Result<chrono::NaiveDate, String> {
    chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .map_err(|_| format!("`{s}` is not a YYYY-MM-DD date"))
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let (paths, common, gate, link) = match cli.command {
        Command::Check {
            paths,
            common,
            fail_on,
            baseline,
            write_baseline,
            explain,
        } => (
            paths,
            common,
            Gate {
                fail_on,
                baseline,
                write_baseline,
                explain,
            },
            true,
        ),
        Command::Extract { paths, common } => (paths, common, Gate::default(), false),
        Command::Rules { action } => return rules_command(action),
    };
    let baseline = match gate.baseline.as_deref().map(Baseline::read).transpose() {
        Ok(b) => b,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    match run(&paths, &common, link) {
        Ok((report, input_errors)) => {
            // Colours only for a terminal, never with NO_COLOR or into a file.
            let color = common.output.is_none()
                && std::env::var_os("NO_COLOR").is_none()
                && std::io::stdout().is_terminal();
            let options = RenderOptions {
                explain: gate.explain,
                color,
            };
            let rendered = match link {
                true => report::render_with(&report, common.format, &options),
                false => report::render_claims(&report, common.format),
            };
            if let Err(e) = emit(&rendered, &common) {
                eprintln!("error: {e}");
                return ExitCode::from(2);
            }
            if let Some(path) = &gate.write_baseline
                && let Err(e) = std::fs::write(path, Baseline::of(&report).to_json())
            {
                eprintln!("error: {path}: cannot write baseline: {e}");
                return ExitCode::from(2);
            }
            if let Some(b) = &baseline {
                let new = b.new_findings(&report);
                let path = gate.baseline.as_deref().unwrap_or("");
                eprintln!("{} finding(s) not in the baseline {path}", new.len());
                for f in new {
                    eprintln!(
                        "new {} [{}] {}: {}",
                        f.kind.as_str(),
                        f.severity.as_str(),
                        f.id,
                        f.summary
                    );
                }
            }
            if input_errors {
                return ExitCode::from(2);
            }
            if gate::fails(&report, gate.fail_on, baseline.as_ref()) {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            }
        }
        Err(()) => ExitCode::from(2),
    }
}

/// What `check` gates on, and how it explains.
#[derive(Default)]
struct Gate {
    fail_on: Option<FailOn>,
    baseline: Option<String>,
    write_baseline: Option<String>,
    explain: bool,
}

/// Loads rules and sources and runs the job; prints problems to stderr. `Err` when nothing can
/// run; `Ok((report, true))` when some inputs had errors but the rest was reported.
fn run(paths: &[String], common: &Common, link: bool) -> Result<(Report, bool), ()> {
    let rules = load_rules(&common.rules)?;
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

/// The rules of a run, or `Err` after printing every rule error.
fn load_rules(args: &RuleArgs) -> Result<Ruleset, ()> {
    let options = RuleOptions {
        rules: args.rules.clone(),
        no_default_rules: args.no_default_rules,
        config: args.config.clone(),
        no_config: args.no_config,
        disable: args.disable.clone(),
    };
    let cwd = std::env::current_dir().unwrap_or_default();
    match compose::assemble(&options, &cwd) {
        Ok(assembled) => Ok(assembled.ruleset),
        Err(errors) => {
            for e in &errors {
                eprintln!("error: {e}");
            }
            eprintln!("{} error(s) in rules; nothing was checked", errors.len());
            Err(())
        }
    }
}

/// `corroborate rules list|explain|test`.
fn rules_command(action: RulesAction) -> ExitCode {
    match action {
        RulesAction::List { rules } => {
            let Ok(rules) = load_rules(&rules) else {
                return ExitCode::from(2);
            };
            let mut out = String::new();
            for (rule, origin) in rules.rules.iter().zip(&rules.origins) {
                let description = rule
                    .description()
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ");
                out.push_str(&format!(
                    "{:<30} {:<10} {:<32} {}\n",
                    rule.id(),
                    rule.kind_name(),
                    origin.to_string(),
                    description
                ));
            }
            print_or_pipe(&out)
        }
        RulesAction::Explain { id, rules } => {
            let Ok(rules) = load_rules(&rules) else {
                return ExitCode::from(2);
            };
            let (Some(rule), Some(origin)) = (rules.get(&id), rules.origin(&id)) else {
                eprintln!("error: no rule has the id `{id}` (see `corroborate rules list`)");
                return ExitCode::from(2);
            };
            let description = rule
                .description()
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ");
            let mut out = format!(
                "{id} ({} rule, defined in {origin})\n\n{description}\n",
                rule.kind_name()
            );
            if let Some(yaml) = &origin.yaml {
                out.push_str(&format!("\n{yaml}\n"));
            }
            print_or_pipe(&out)
        }
        RulesAction::Test { dir } => {
            match corroborate::ruletest::run_cases(std::path::Path::new(&dir)) {
                Err(e) => {
                    eprintln!("error: {e}");
                    ExitCode::from(2)
                }
                Ok(results) => {
                    let mut out = String::new();
                    for r in &results {
                        let status = if r.passed() { "PASS" } else { "FAIL" };
                        out.push_str(&format!("{status} {}  ({})\n", r.name, r.description));
                        for f in &r.failures {
                            out.push_str(&format!("     {f}\n"));
                        }
                    }
                    let failed = results.iter().filter(|r| !r.passed()).count();
                    out.push_str(&format!(
                        "{} cases: {} passed, {failed} failed\n",
                        results.len(),
                        results.len() - failed
                    ));
                    let code = print_or_pipe(&out);
                    if results.is_empty() {
                        eprintln!("error: no case.yaml found under {dir}");
                        return ExitCode::from(2);
                    }
                    if failed > 0 { ExitCode::from(1) } else { code }
                }
            }
        }
    }
}

fn print_or_pipe(text: &str) -> ExitCode {
    let mut stdout = std::io::stdout().lock();
    match stdout
        .write_all(text.as_bytes())
        .and_then(|_| stdout.flush())
    {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            eprintln!("error: {e}");
            ExitCode::from(2)
        }
        _ => ExitCode::SUCCESS,
    }
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

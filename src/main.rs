//! The `corroborate` command: parse arguments, run the library, print, exit.
//!
//! Exit codes (DESIGN.md): 0 ran with no finding at or above `--fail-on`; 1 ran with such
//! findings; 2 usage error, unreadable or invalid input, or invalid rules, with a message on
//! stderr naming the file (and line:col where there is one).

use std::io::{IsTerminal, Write};
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use corroborate::gate::{self, Baseline, FailOn};
use corroborate::load;
use corroborate::report::stories::StoryWriter;
use corroborate::report::{Format, RenderOptions, Report};
use corroborate::rules::Ruleset;
use corroborate::rules::compose::{self, RuleOptions};
use corroborate::story;

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
        /// Article files, feeds (.jsonl, .ndjson), manifests (.manifest.yaml) or directories
        /// (searched recursively; each immediate sub-folder a story when all articles sit in
        /// one), or `-` for standard input.
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
        /// Article files, feeds, manifests or directories, or `-` for standard input.
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
    /// What standard input (`-`) holds: one plain-text article, or a JSON Lines feed.
    #[arg(long, value_enum, default_value = "text")]
    input: InputKind,
    /// Threads for stories and sources (default: one per core).
    #[arg(long, short = 'j', value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    jobs: Option<u16>,
    /// No progress bar (it is shown only on a terminal, and never while JSON goes to stdout).
    #[arg(long, short = 'q')]
    quiet: bool,
}

/// What standard input holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum InputKind {
    /// One article (front matter allowed).
    Text,
    /// One article per line, as in `.jsonl` files.
    Jsonl,
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
    let mut pool = rayon::ThreadPoolBuilder::new();
    if let Some(n) = common.jobs {
        pool = pool.num_threads(n.into());
    }
    let pool = match pool.build() {
        Ok(p) => p,
        Err(e) => {
            eprintln!(
                "error: cannot start {} threads: {e}",
                common.jobs.unwrap_or(0)
            );
            return ExitCode::from(2);
        }
    };
    pool.install(|| run(&paths, &common, link, &gate, baseline.as_ref()))
}

/// What `check` gates on, and how it explains.
#[derive(Default)]
struct Gate {
    fail_on: Option<FailOn>,
    baseline: Option<String>,
    write_baseline: Option<String>,
    explain: bool,
}

/// The gate's verdict, gathered story by story.
#[derive(Default)]
struct Verdict {
    fails: bool,
    /// Findings not in the baseline: (story, finding) lines for stderr.
    new: Vec<String>,
    /// Every finding of the run, for `--write-baseline`.
    seen: Baseline,
}

impl Verdict {
    /// The verdict of one story's report (computed where the story ran).
    fn of(
        story: Option<&str>,
        report: &Report,
        gate: &Gate,
        baseline: Option<&Baseline>,
    ) -> Verdict {
        let mut verdict = Verdict {
            fails: gate::fails(report, story, gate.fail_on, baseline),
            ..Verdict::default()
        };
        if let Some(b) = baseline {
            let within = story.map(|s| format!(" (story {s})")).unwrap_or_default();
            for f in b.new_findings(report, story) {
                verdict.new.push(format!(
                    "new {} [{}] {}: {}{within}",
                    f.kind.as_str(),
                    f.severity.as_str(),
                    f.id,
                    f.summary
                ));
            }
        }
        if gate.write_baseline.is_some() {
            verdict.seen = Baseline::of(report, story);
        }
        verdict
    }

    /// Adds the next story's verdict.
    fn add(&mut self, story: Verdict) {
        self.fails |= story.fails;
        self.new.extend(story.new);
        self.seen.version = self.seen.version.max(story.seen.version);
        self.seen.findings.extend(story.seen.findings);
    }
}

/// Loads rules and sources, runs every story, writes the report and gates; prints problems to
/// stderr. Exit 2 when nothing can run or some inputs had errors (the rest is still reported).
fn run(
    paths: &[String],
    common: &Common,
    link: bool,
    gate: &Gate,
    baseline: Option<&Baseline>,
) -> ExitCode {
    let Ok(rules) = load_rules(&common.rules) else {
        return ExitCode::from(2);
    };
    let options = load::LoadOptions {
        published: common.published,
        stdin_feed: common.input == InputKind::Jsonl,
    };
    // Every input is read once here for its problems and ids; the texts are read again when
    // their story runs, so memory holds the stories in flight, not the whole input.
    let index = load::index(paths, &options);
    for p in &index.problems {
        eprintln!("{p}");
    }
    let mut input_errors = index.has_errors();
    if index.entries.is_empty() {
        eprintln!("error: no source could be read");
        return ExitCode::from(2);
    }
    let source_count = index.entries.len();
    let stories = story::group(index.entries, index.stories);
    let grouped = story::grouped(&stories);
    // Colours only for a terminal, never with NO_COLOR or into a file.
    let color = common.output.is_none()
        && std::env::var_os("NO_COLOR").is_none()
        && std::io::stdout().is_terminal();
    let render = RenderOptions {
        explain: gate.explain,
        color,
    };
    let out: Box<dyn Write> = match &common.output {
        Some(path) => match std::fs::File::create(path) {
            Ok(f) => Box::new(std::io::BufWriter::new(f)),
            Err(e) => {
                eprintln!("error: {path}: cannot write: {e}");
                return ExitCode::from(2);
            }
        },
        None => Box::new(PipeSafe(std::io::stdout().lock())),
    };
    let writer = StoryWriter::new(out, common.format, render, !link, grouped);
    let Ok(mut writer) = writer.map_err(|e| report_write_error(common, &e)) else {
        return ExitCode::from(2);
    };
    let bar = progress(common, grouped, stories.len(), source_count);
    let in_flight = 4 * rayon::current_num_threads();
    let mut verdict = Verdict::default();
    let parts = writer.renderer();
    // Each story is checked, judged and rendered where it runs; its report is dropped there.
    let job = |story: &story::Story<load::Entry>| {
        let (sources, unread) = load::read_all(&story.sources, &options);
        let report = match link {
            true => corroborate::check(&sources, &rules),
            false => corroborate::extract(&sources, &rules),
        };
        drop(sources);
        let id = story.id.as_deref();
        let verdict = Verdict::of(id, &report, gate, baseline);
        (parts.part(id, report), verdict, unread)
    };
    let written = story::run(
        stories,
        in_flight,
        job,
        || {
            if let Some(b) = &bar {
                b.inc(1);
            }
        },
        |_, (part, story_verdict, unread)| {
            // A file changed or removed since it was indexed.
            for p in &unread {
                eprintln!("{p}");
            }
            input_errors |= !unread.is_empty();
            verdict.add(story_verdict);
            writer.write(part?)
        },
    )
    .and_then(|()| writer.finish().map(drop));
    if let Some(b) = bar {
        b.finish_and_clear();
    }
    if let Err(e) = written {
        report_write_error(common, &e);
        return ExitCode::from(2);
    }
    if let Some(path) = &gate.write_baseline
        && let Err(e) = std::fs::write(path, verdict.seen.to_json())
    {
        eprintln!("error: {path}: cannot write baseline: {e}");
        return ExitCode::from(2);
    }
    if baseline.is_some() {
        let path = gate.baseline.as_deref().unwrap_or("");
        eprintln!(
            "{} finding(s) not in the baseline {path}",
            verdict.new.len()
        );
        for line in &verdict.new {
            eprintln!("{line}");
        }
    }
    if input_errors {
        ExitCode::from(2)
    } else if verdict.fails {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn report_write_error(common: &Common, e: &std::io::Error) {
    match &common.output {
        Some(path) => eprintln!("error: {path}: {e}"),
        None => eprintln!("error: {e}"),
    }
}

/// A progress bar on stderr for the stories (or, for one story, a spinner over its sources):
/// only on a terminal, not with `--quiet`, and not while JSON goes to standard output.
fn progress(
    common: &Common,
    grouped: bool,
    stories: usize,
    sources: usize,
) -> Option<indicatif::ProgressBar> {
    let json_to_stdout = common.output.is_none()
        && matches!(common.format, Format::Json | Format::Jsonl | Format::Sarif);
    if common.quiet || json_to_stdout || !std::io::stderr().is_terminal() {
        return None;
    }
    let bar = if grouped {
        let bar = indicatif::ProgressBar::new(stories as u64);
        let style = indicatif::ProgressStyle::with_template(
            "{spinner} {bar:30} {pos}/{len} stories ({elapsed})",
        )
        .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar());
        bar.set_style(style);
        bar
    } else {
        let bar = indicatif::ProgressBar::new_spinner();
        bar.set_message(format!("reading {sources} source(s)"));
        bar
    };
    bar.enable_steady_tick(std::time::Duration::from_millis(120));
    Some(bar)
}

/// Standard output where a closed pipe (`| head`) ends the output quietly.
struct PipeSafe<W: Write>(W);

impl<W: Write> Write for PipeSafe<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        match self.0.write(buf) {
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(buf.len()),
            other => other,
        }
    }

    fn flush(&mut self) -> std::io::Result<()> {
        match self.0.flush() {
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
            other => other,
        }
    }
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
                    "{:<30} {:<11} {:<32} {}\n",
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

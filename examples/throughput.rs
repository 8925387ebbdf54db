//! Throughput: how fast corroborate reads and checks news, as a Markdown table.
//!
//! Takes a directory of articles (the ECB+ corpus: `cargo run --release --example throughput --
//! ../shared/corpus/ecbplus`; where it has sub-folders, as ECB+ has one per event cluster, the
//! articles are theirs, and the files beside them, such as the corpus's README and licence, are
//! not read); gives extraction speed on one thread and on all threads, then the
//! wall time, processor time and peak memory of whole checks over generated inputs: the articles
//! replicated into 1k, 10k and 100k articles in stories of 10, and one story of 5,000 articles.
//! Copies are varied (outlet, publication date, one changed number) so that no two are
//! byte-identical.
//!
//! Each check is measured twice: through the library (`lib` rows: this program re-executed with
//! `--scenario <name>`, stories checked in parallel through `load::parse_source` → `check`, with
//! claim and finding counts), and through the real command (`cli` rows: the articles written as
//! story folders in a temporary directory, then `corroborate check <dir> --format json --output
//! /dev/null --quiet` run as a child process; wall time from spawn to exit, processor time and
//! peak resident memory from `wait4`'s resource usage). The command is the release binary beside
//! this example (`target/release/corroborate`; build it first) or the one given with `--bin`.
//!
//! Options: `--only <name>` runs one scenario; `--skip-100k` leaves out the largest;
//! `--timeout <s>` (default 600) stops a scenario that takes longer; `--bin <path>` the command.

use std::process::Command;
use std::time::{Duration, Instant};

use rayon::prelude::*;

use corroborate::load::{load_paths, parse_source};
use corroborate::model::Source;
use corroborate::rules::Ruleset;

/// The paths that hold the articles of `corpus`: its sub-folders, sorted, where it has any (the
/// 545 articles of ECB+ are in its 56 cluster folders, beside its README and licence); else the
/// directory itself.
fn article_paths(corpus: &str) -> Vec<String> {
    let mut folders: Vec<String> = std::fs::read_dir(corpus)
        .into_iter()
        .flatten()
        .flatten()
        .filter(|entry| entry.file_type().is_ok_and(|t| t.is_dir()))
        .map(|entry| entry.path().to_string_lossy().into_owned())
        .collect();
    folders.sort();
    if folders.is_empty() {
        folders.push(corpus.to_string());
    }
    folders
}

/// What one scenario measured.
struct Measured {
    seconds: f64,
    /// Processor time of the whole process over the same stretch (all threads): on a shared
    /// machine this is steadier than the wall time.
    cpu_seconds: f64,
    bytes: usize,
    articles: usize,
    claims: usize,
    findings: usize,
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let corpus = args
        .iter()
        .find(|a| !a.starts_with("--") && !is_option_value(&args, a))
        .cloned()
        .unwrap_or_else(|| "../shared/corpus/ecbplus".to_string());
    if !std::path::Path::new(&corpus).is_dir() {
        eprintln!("skipped: {corpus} is absent (give the ECB+ corpus directory)");
        return;
    }
    if let Some(name) = option(&args, "--scenario") {
        let m = run_scenario(&name, &corpus);
        // The parent reads this line.
        println!(
            "RESULT {} {} {} {} {} {} {}",
            m.seconds,
            m.cpu_seconds,
            m.bytes,
            m.articles,
            m.claims,
            m.findings,
            peak_kib()
        );
        return;
    }
    let timeout: u64 = option(&args, "--timeout")
        .and_then(|s| s.parse().ok())
        .unwrap_or(600);
    let only = option(&args, "--only");
    let skip_100k = args.iter().any(|a| a == "--skip-100k");
    let mut scenarios = vec![
        "extract-1",
        "extract-all",
        "check-1k",
        "cli-1k",
        "check-10k",
        "cli-10k",
        "check-100k",
        "cli-100k",
        "story-5000",
        "cli-story-5000",
    ];
    scenarios.retain(|s| only.as_deref().is_none_or(|o| o == *s));
    if skip_100k {
        scenarios.retain(|s| !s.ends_with("-100k"));
    }
    let bin = option(&args, "--bin").map_or_else(default_bin, std::path::PathBuf::from);
    let threads = rayon::current_num_threads();
    println!(
        "| scenario | articles | MB | wall s | CPU s | MB/s (wall) | MB/CPU s | peak MB | claims | findings | µs/claim (wall) |"
    );
    println!("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    for name in scenarios {
        let label = match name {
            "extract-1" => "extraction, 1 thread".to_string(),
            "extract-all" => format!("extraction, {threads} threads"),
            "check-1k" => "lib: check 1k articles (100 stories)".to_string(),
            "check-10k" => "lib: check 10k articles (1,000 stories)".to_string(),
            "check-100k" => "lib: check 100k articles (10,000 stories)".to_string(),
            "story-5000" => "lib: check one story of 5,000 articles".to_string(),
            "cli-1k" => "cli: check 1k articles (100 stories)".to_string(),
            "cli-10k" => "cli: check 10k articles (1,000 stories)".to_string(),
            "cli-100k" => "cli: check 100k articles (10,000 stories)".to_string(),
            "cli-story-5000" => "cli: check one story of 5,000 articles".to_string(),
            other => other.to_string(),
        };
        let measured = match cli_shape(name) {
            Some((articles, per_story)) => cli(
                &bin,
                &corpus,
                articles,
                per_story,
                Duration::from_secs(timeout),
            ),
            None => child(name, &corpus, Duration::from_secs(timeout)),
        };
        match measured {
            Some((m, peak_kib)) => {
                let mb = m.bytes as f64 / 1e6;
                println!(
                    "| {label} | {} | {mb:.2} | {:.2} | {:.2} | {:.1} | {:.1} | {:.0} | {} | {} | {} |",
                    m.articles,
                    m.seconds,
                    m.cpu_seconds,
                    mb / m.seconds,
                    mb / m.cpu_seconds,
                    peak_kib as f64 / 1024.0,
                    count(m.claims),
                    count(m.findings),
                    if m.claims == 0 {
                        "–".to_string()
                    } else {
                        format!("{:.1}", m.seconds * 1e6 / m.claims as f64)
                    },
                );
            }
            None => println!("| {label} | | | > {timeout} (stopped) | | | | | | | |"),
        }
    }
}

/// A count, or a dash where the scenario does not count (the command's rows).
fn count(n: usize) -> String {
    if n == 0 {
        "–".to_string()
    } else {
        n.to_string()
    }
}

/// The articles and articles per story of a `cli` scenario.
fn cli_shape(name: &str) -> Option<(usize, usize)> {
    match name {
        "cli-1k" => Some((1_000, 10)),
        "cli-10k" => Some((10_000, 10)),
        "cli-100k" => Some((100_000, 10)),
        "cli-story-5000" => Some((5_000, 5_000)),
        _ => None,
    }
}

/// The release command beside this example (`target/release/examples/throughput` →
/// `target/release/corroborate`).
fn default_bin() -> std::path::PathBuf {
    let exe = std::env::current_exe().expect("own executable");
    let dir = exe.parent().and_then(|d| d.parent()).expect("target dir");
    dir.join(format!("corroborate{}", std::env::consts::EXE_SUFFIX))
}

/// Writes the generated articles as story folders in a temporary directory, runs the command's
/// `check` on it as a child process and measures it: wall time from spawn to exit, processor
/// time and peak resident memory (KiB) from `wait4`. The directory is removed afterwards.
fn cli(
    bin: &std::path::Path,
    corpus: &str,
    articles: usize,
    per_story: usize,
    timeout: Duration,
) -> Option<(Measured, u64)> {
    if !bin.is_file() {
        eprintln!(
            "skipped: {} is absent (cargo build --release)",
            bin.display()
        );
        return None;
    }
    let originals = load_paths(&article_paths(corpus), None).sources;
    let root = std::env::temp_dir().join(format!(
        "corroborate-throughput-{}-{articles}-{per_story}",
        std::process::id()
    ));
    let mut bytes = 0;
    for s in 0..articles.div_ceil(per_story) {
        let dir = root.join(format!("story-{s:05}"));
        std::fs::create_dir_all(&dir).expect("temporary story folder");
        for j in 0..per_story.min(articles - s * per_story) {
            let n = s * per_story + j;
            let (_, text) = variant(&originals, n);
            bytes += text.len();
            std::fs::write(dir.join(format!("{n}.md")), text).expect("temporary article");
        }
    }
    let started = Instant::now();
    let process = Command::new(bin)
        .arg("check")
        .arg(&root)
        .args(["--format", "json", "--output", "/dev/null", "--quiet"])
        .spawn()
        .expect("running the command");
    let pid = process.id() as libc::pid_t;
    // The child is reaped here, by `wait4`, for its resource usage; a watchdog thread stops it
    // past the timeout.
    let done = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let watchdog = {
        let done = done.clone();
        std::thread::spawn(move || {
            while started.elapsed() < timeout {
                if done.load(std::sync::atomic::Ordering::Relaxed) {
                    return false;
                }
                std::thread::sleep(Duration::from_millis(50));
            }
            // SAFETY: signalling our own child, not yet reaped (the main thread is in wait4).
            unsafe { libc::kill(pid, libc::SIGKILL) };
            true
        })
    };
    let mut status = 0;
    // SAFETY: an all-zero rusage is a valid value for wait4 to fill.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: `pid` is our child; `status` and `usage` are valid for wait4 to write.
    let waited = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    let seconds = started.elapsed().as_secs_f64();
    done.store(true, std::sync::atomic::Ordering::Relaxed);
    let killed = watchdog.join().unwrap_or(false);
    drop(process);
    let _ = std::fs::remove_dir_all(&root);
    let exited = libc::WIFEXITED(status) && libc::WEXITSTATUS(status) <= 1;
    if waited != pid || killed || !exited {
        eprintln!("the command failed: wait status {status}");
        return None;
    }
    let time = |t: libc::timeval| t.tv_sec as f64 + t.tv_usec as f64 / 1e6;
    let m = Measured {
        seconds,
        cpu_seconds: time(usage.ru_utime) + time(usage.ru_stime),
        bytes,
        articles,
        claims: 0,
        findings: 0,
    };
    // On Linux ru_maxrss is in KiB.
    Some((m, usage.ru_maxrss as u64))
}

fn is_option_value(args: &[String], a: &String) -> bool {
    args.windows(2)
        .any(|w| w[0].starts_with("--") && w[0] != "--skip-100k" && &w[1] == a)
}

fn option(args: &[String], name: &str) -> Option<String> {
    args.windows(2).find(|w| w[0] == name).map(|w| w[1].clone())
}

/// Runs one scenario in a child process; gives its measurements and peak memory (KiB).
fn child(name: &str, corpus: &str, timeout: Duration) -> Option<(Measured, u64)> {
    let exe = std::env::current_exe().expect("own executable");
    let mut process = Command::new(exe)
        .args(["--scenario", name, corpus])
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("re-executing the example");
    let started = Instant::now();
    loop {
        if process.try_wait().ok().flatten().is_some() {
            break;
        }
        if started.elapsed() > timeout {
            let _ = process.kill();
            let _ = process.wait();
            return None;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let output = process.wait_with_output().ok()?;
    let stdout = String::from_utf8_lossy(&output.stdout);
    let line = stdout.lines().find(|l| l.starts_with("RESULT "))?;
    let f: Vec<&str> = line.split_whitespace().skip(1).collect();
    let m = Measured {
        seconds: f[0].parse().ok()?,
        cpu_seconds: f[1].parse().ok()?,
        bytes: f[2].parse().ok()?,
        articles: f[3].parse().ok()?,
        claims: f[4].parse().ok()?,
        findings: f[5].parse().ok()?,
    };
    Some((m, f[6].parse().ok()?))
}

/// Processor time used so far by the whole process (all threads), in seconds.
fn cpu_now() -> f64 {
    let mut t = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `t` is a valid timespec for clock_gettime to fill.
    unsafe { libc::clock_gettime(libc::CLOCK_PROCESS_CPUTIME_ID, &mut t) };
    t.tv_sec as f64 + t.tv_nsec as f64 / 1e9
}

/// Peak resident memory of this process in KiB (VmHWM).
fn peak_kib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1)?.parse().ok())
        })
        .unwrap_or(0)
}

fn run_scenario(name: &str, corpus: &str) -> Measured {
    let rules = Ruleset::builtin();
    let loaded = load_paths(&article_paths(corpus), None);
    let originals = loaded.sources;
    match name {
        "extract-1" | "extract-all" => {
            let threads = if name == "extract-1" { 1 } else { 0 };
            let pool = rayon::ThreadPoolBuilder::new()
                .num_threads(threads)
                .build()
                .expect("thread pool");
            let bytes = originals.iter().map(|s| s.text.len()).sum();
            // One warm-up pass, then the best of three. Each pass's claims are dropped inside
            // the pool, so that with one thread they are freed by the thread that made them
            // and "one thread" is one thread throughout (dropped by the calling thread, they
            // would be freed across threads, which costs the allocator more).
            let claims = pool.install(|| corroborate::read_claims(&originals, &rules).len());
            let (seconds, cpu_seconds) = (0..3)
                .map(|_| {
                    let (t, cpu) = (Instant::now(), cpu_now());
                    pool.install(|| drop(corroborate::read_claims(&originals, &rules)));
                    (t.elapsed().as_secs_f64(), cpu_now() - cpu)
                })
                .fold((f64::INFINITY, f64::INFINITY), |(a, b), (x, y)| {
                    (a.min(x), b.min(y))
                });
            Measured {
                seconds,
                cpu_seconds,
                bytes,
                articles: originals.len(),
                claims,
                findings: 0,
            }
        }
        "check-1k" => check_stories(&originals, 1_000, 10, &rules),
        "check-10k" => check_stories(&originals, 10_000, 10, &rules),
        "check-100k" => check_stories(&originals, 100_000, 10, &rules),
        "story-5000" => check_stories(&originals, 5_000, 5_000, &rules),
        other => panic!("unknown scenario {other}"),
    }
}

/// Replicates the articles into `articles` files in stories of `per_story`, then checks every
/// story (stories in parallel). The clock runs from parsing the files to the last report.
fn check_stories(
    originals: &[Source],
    articles: usize,
    per_story: usize,
    rules: &Ruleset,
) -> Measured {
    let stories = articles.div_ceil(per_story);
    let files: Vec<Vec<(String, Vec<u8>)>> = (0..stories)
        .map(|s| {
            (0..per_story.min(articles - s * per_story))
                .map(|j| variant(originals, s * per_story + j))
                .collect()
        })
        .collect();
    let bytes = files.iter().flatten().map(|(_, b)| b.len()).sum();
    let (started, cpu) = (Instant::now(), cpu_now());
    let counts: Vec<(usize, usize)> = files
        .into_par_iter()
        .map(|story| {
            let sources: Vec<Source> = story
                .into_iter()
                .filter_map(|(path, bytes)| parse_source(&path, bytes, None).ok().map(|(s, _)| s))
                .collect();
            let report = corroborate::check(&sources, rules);
            (report.claims.len(), report.findings.len())
        })
        .collect();
    Measured {
        seconds: started.elapsed().as_secs_f64(),
        cpu_seconds: cpu_now() - cpu,
        bytes,
        articles,
        claims: counts.iter().map(|c| c.0).sum(),
        findings: counts.iter().map(|c| c.1).sum(),
    }
}

/// The `n`th generated article: an original with its own outlet and date, and, past the first
/// copy, one number changed, so that no two files are byte-identical.
fn variant(originals: &[Source], n: usize) -> (String, Vec<u8>) {
    let original = &originals[n % originals.len()];
    let copy = n / originals.len();
    let mut body = original.text[original.body_start..].to_string();
    if copy > 0
        && let Some(at) = body.find(|c: char| c.is_ascii_digit())
    {
        let digit = body.as_bytes()[at] - b'0';
        let changed = (b'0' + (digit + copy as u8 % 9 + 1) % 10) as char;
        body.replace_range(at..at + 1, &changed.to_string());
    }
    let day = 1 + n % 28;
    let text = format!("---\noutlet: Outlet {n}\npublished: 2009-01-{day:02}\n---\n{body}");
    (format!("gen/{n}.md"), text.into_bytes())
}

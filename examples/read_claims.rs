//! Read claims: the extraction path (`read_claims`) on one thread, for instruction counts and for
//! checking that a change keeps every claim the same.
//!
//! Takes a directory of articles (default `../shared/corpus/ecbplus`); gives, with `--dump`, every
//! source's sentences (spans and paragraphs) and every claim with its context as debug text (diff
//! two builds' dumps to see that a speed change altered nothing), else nothing but the claim count
//! after `--repeat N` passes (default 1), so that `valgrind --tool=callgrind` counts the
//! instructions of extraction itself; with `--stages`, the wall time of each stage per pass
//! (the fastest of the passes after the first, which fills the caches), as a Markdown table:
//!
//! ```text
//! cargo build --release --example read_claims
//! valgrind --tool=callgrind target/release/examples/read_claims ../shared/corpus/ecbplus
//! target/release/examples/read_claims --dump > claims.txt
//! target/release/examples/read_claims --stages --repeat 40
//! ```

use std::io::Write;

use corroborate::extract::{Stage, StageTimes};
use corroborate::load::load_paths;
use corroborate::model::Source;
use corroborate::rules::Ruleset;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let dump = args.iter().any(|a| a == "--dump");
    let stages = args.iter().any(|a| a == "--stages");
    let repeat: usize = args
        .iter()
        .position(|a| a == "--repeat")
        .and_then(|i| args.get(i + 1))
        .and_then(|n| n.parse().ok())
        .unwrap_or(1);
    let corpus = args
        .iter()
        .enumerate()
        .find(|(i, a)| !a.starts_with("--") && (*i == 0 || args[i - 1] != "--repeat"))
        .map_or("../shared/corpus/ecbplus", |(_, a)| a.as_str());
    if !std::path::Path::new(corpus).is_dir() {
        eprintln!("skipped: {corpus} is absent (give a directory of articles)");
        return;
    }
    let sources = load_paths(&[corpus.to_string()], None).sources;
    let rules = Ruleset::builtin();
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .expect("a one-thread pool");
    if stages {
        pool.install(|| print_stages(&sources, &rules, repeat.max(2)));
        return;
    }
    // Every pass on the pool's one thread, each pass's claims dropped there too.
    let claims = pool.install(|| {
        let mut claims = Vec::new();
        for _ in 0..repeat.max(1) {
            claims = corroborate::read_claims(&sources, &rules);
        }
        claims
    });
    if !dump {
        println!("{} claims from {} sources", claims.len(), sources.len());
        return;
    }
    let out = std::io::stdout();
    let mut out = std::io::BufWriter::new(out.lock());
    for source in &sources {
        let doc = corroborate::segment::segment(source);
        let _ = writeln!(out, "source {}", source.id);
        for s in &doc.sentences {
            let _ = writeln!(out, "  sentence {:?} paragraph {}", s.span, s.paragraph);
        }
        for t in &doc.tokens {
            let _ = writeln!(out, "  token {:?} {:?} {}", t.span, t.kind, t.sentence);
        }
    }
    for claim in &claims {
        let _ = writeln!(out, "{claim:?}");
    }
}

/// The wall time of each stage over `passes` passes (the first one not counted), per pass: the
/// fastest pass's for each stage, and the fastest whole pass.
fn print_stages(sources: &[Source], rules: &Ruleset, passes: usize) {
    let mut best = [f64::INFINITY; Stage::ALL.len()];
    let mut whole = f64::INFINITY;
    let mut dropping = f64::INFINITY;
    for pass in 0..passes {
        let times = StageTimes::default();
        let started = std::time::Instant::now();
        let claims = corroborate::read_claims_timed(sources, rules, &times);
        let seconds = started.elapsed().as_secs_f64();
        let dropped = std::time::Instant::now();
        drop(claims);
        let drop_seconds = dropped.elapsed().as_secs_f64();
        if pass == 0 {
            continue;
        }
        whole = whole.min(seconds);
        dropping = dropping.min(drop_seconds);
        for (best, stage) in best.iter_mut().zip(Stage::ALL) {
            *best = best.min(times.of(stage).as_secs_f64());
        }
    }
    let total: f64 = best.iter().sum();
    let bytes: usize = sources.iter().map(|s| s.text.len()).sum();
    println!("| stage | ms per pass | share |");
    println!("|---|---:|---:|");
    for (seconds, stage) in best.iter().zip(Stage::ALL) {
        println!(
            "| {} | {:.2} | {:.1}% |",
            stage.name(),
            seconds * 1e3,
            100.0 * seconds / total
        );
    }
    println!(
        "| sum of the stages | {:.2} | {:.1} MB/s |",
        total * 1e3,
        bytes as f64 / total / 1e6
    );
    println!(
        "| whole pass (the stages, their clock, gathering the claims) | {:.2} | {:.1} MB/s |",
        whole * 1e3,
        bytes as f64 / whole / 1e6
    );
    println!(
        "| the claims dropped, after the pass | {:.2} | |",
        dropping * 1e3
    );
}

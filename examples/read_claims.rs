//! Read claims: the extraction path (`read_claims`) on one thread, for instruction counts and for
//! checking that a change keeps every claim the same.
//!
//! Takes a directory of articles (default `../shared/corpus/ecbplus`); gives, with `--dump`, every
//! source's sentences (spans and paragraphs) and every claim with its context as debug text (diff
//! two builds' dumps to see that a speed change altered nothing), else nothing but the claim count
//! after `--repeat N` passes (default 1), so that `valgrind --tool=callgrind` counts the
//! instructions of extraction itself:
//!
//! ```text
//! cargo build --release --example read_claims
//! valgrind --tool=callgrind target/release/examples/read_claims ../shared/corpus/ecbplus
//! target/release/examples/read_claims --dump > claims.txt
//! ```

use std::io::Write;

use corroborate::load::load_paths;
use corroborate::rules::Ruleset;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let dump = args.iter().any(|a| a == "--dump");
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
    let mut claims = Vec::new();
    for _ in 0..repeat.max(1) {
        claims = pool.install(|| corroborate::read_claims(&sources, &rules));
    }
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

//! Throughput of the pipeline: extraction (segment, extract, context, normalize) and the whole
//! `check`. Extraction runs on the bundled fixture story and, when `../shared` is present, on the
//! 545 ECB+ news articles (1.28 MB of real text), once in a one-thread pool (the speed of one
//! core) and once on all threads; `check` runs on the fixture and on the seed articles. Inputs
//! under `../shared` are skipped with a message when it is absent. Run with `cargo bench`; for
//! the large generated inputs see `examples/throughput.rs`.

use std::time::Duration;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};

use corroborate::load::load_paths;
use corroborate::model::Source;
use corroborate::rules::Ruleset;

fn sources(path: &str) -> Option<Vec<Source>> {
    let full = format!("{}/{path}", env!("CARGO_MANIFEST_DIR"));
    if !std::path::Path::new(&full).is_dir() {
        eprintln!("skipped: {path} is absent");
        return None;
    }
    let loaded = load_paths(&[full], None);
    Some(loaded.sources)
}

fn bytes(sources: &[Source]) -> u64 {
    sources.iter().map(|s| s.text.len() as u64).sum()
}

fn bench(c: &mut Criterion) {
    let rules = Ruleset::builtin();
    let one_thread = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .expect("a one-thread pool");
    let mut group = c.benchmark_group("pipeline");
    for (name, path) in [
        ("fixture", "tests/fixtures/iraq-drawdown"),
        ("ecbplus", "../shared/corpus/ecbplus"),
        ("seeds", "../shared/seeds"),
    ] {
        let Some(sources) = sources(path) else {
            continue;
        };
        group.throughput(Throughput::Bytes(bytes(&sources)));
        if name != "seeds" {
            group.bench_function(format!("extract/{name}/1-thread"), |b| {
                b.iter(|| one_thread.install(|| corroborate::read_claims(&sources, &rules)))
            });
            group.bench_function(format!("extract/{name}/all-threads"), |b| {
                b.iter(|| corroborate::read_claims(&sources, &rules))
            });
        }
        if name != "ecbplus" {
            group.bench_function(format!("check/{name}"), |b| {
                b.iter(|| corroborate::check(&sources, &rules))
            });
        }
    }
    group.finish();
}

criterion_group! {
    name = benches;
    // Short runs: the machine is shared.
    config = Criterion::default()
        .sample_size(10)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2));
    targets = bench
}
criterion_main!(benches);

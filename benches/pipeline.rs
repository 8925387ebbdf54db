//! Throughput of the pipeline: extraction (segment, extract, context, normalize) and the whole
//! `check`, on the bundled fixture story and, when `../shared/corpus/ecbplus` is present, on the
//! 545 ECB+ news articles (1.28 MB of real text). Run with `cargo bench`.

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
    let mut group = c.benchmark_group("pipeline");
    for (name, path) in [
        ("fixture", "tests/fixtures/iraq-drawdown"),
        ("ecbplus", "../shared/corpus/ecbplus"),
    ] {
        let Some(sources) = sources(path) else {
            continue;
        };
        group.throughput(Throughput::Bytes(bytes(&sources)));
        group.bench_function(format!("extract/{name}"), |b| {
            b.iter(|| corroborate::read_claims(&sources, &rules))
        });
        if name == "fixture" {
            group.bench_function(format!("check/{name}"), |b| {
                b.iter(|| corroborate::check(&sources, &rules))
            });
        }
    }
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20);
    targets = bench
}
criterion_main!(benches);

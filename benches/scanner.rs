//! Criterion benchmarks of the hot paths, on the bundled seed articles:
//!
//! - `scanner/seeds`: the quantity scanner over the five seed texts joined
//!   (throughput in bytes of text);
//! - `scanner/no_figures`: the scanner over one sentence with no figure in
//!   it, the fast path most sentences of an article take;
//! - `extract/seeds`: claim extraction (`Extractor::extract`) over the seed
//!   sources, metadata included (throughput in bytes of text).
//!
//! The rules, scanner and extractor are built once, outside the timed loops.
//! Run with `cargo bench --bench scanner` (about half a minute); add a name
//! filter to run one (`cargo bench --bench scanner -- extract`).

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use crosscheck::extract::Extractor;
use crosscheck::quantity::Scanner;
use crosscheck::rules::RuleSet;
use crosscheck::source::{self, Source};
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// A sentence with no figure, no number word and no date.
const NO_FIGURES: &str = "The White House did not respond to a request for comment on the report, \
     and officials declined to say when the administration would make its decision.";

/// The bundled seed articles, with their `sources.yaml` metadata. Exits
/// with status 2 and one line on standard error when they cannot be read.
fn seed_sources() -> Vec<Source> {
    let dir: PathBuf = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    match source::load(std::slice::from_ref(&dir)) {
        Ok(loaded) if !loaded.sources.is_empty() => loaded.sources,
        Ok(_) => exit_with(&format!("no seed articles in {}", dir.display())),
        Err(e) => exit_with(&e.to_string()),
    }
}

fn exit_with(message: &str) -> ! {
    eprintln!("bench scanner: {message}");
    std::process::exit(2)
}

/// Bytes of text in a list of sources.
fn text_bytes(sources: &[Source]) -> u64 {
    sources.iter().map(|s| s.text.len() as u64).sum()
}

fn scanner_benches(c: &mut Criterion) {
    let rules = RuleSet::builtin();
    let scanner = Scanner::new(&rules);
    let sources = seed_sources();
    let joined: String = sources.iter().map(|s| s.text.as_str()).collect::<Vec<_>>().join("\n");
    if !scanner.scan(NO_FIGURES).is_empty() {
        eprintln!("bench scanner: warning: the no-figures sentence now holds a quantity; scanner/no_figures measures more than the fast path");
    }

    let mut group = c.benchmark_group("scanner");
    group.throughput(Throughput::Bytes(joined.len() as u64));
    group.bench_function("seeds", |b| b.iter(|| scanner.scan(black_box(&joined))));
    group.throughput(Throughput::Bytes(NO_FIGURES.len() as u64));
    group.bench_function("no_figures", |b| b.iter(|| scanner.scan(black_box(NO_FIGURES))));
    group.finish();
}

fn extract_benches(c: &mut Criterion) {
    let rules = RuleSet::builtin();
    let extractor = Extractor::new(&rules);
    let sources = seed_sources();

    let mut group = c.benchmark_group("extract");
    group.throughput(Throughput::Bytes(text_bytes(&sources)));
    group.bench_function("seeds", |b| {
        b.iter(|| sources.iter().map(|s| extractor.extract(black_box(s)).len()).sum::<usize>())
    });
    group.finish();
}

/// Small samples and short measurements: the whole run stays well under a minute.
fn config() -> Criterion {
    Criterion::default()
        .sample_size(30)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(4))
        .noise_threshold(0.03)
}

criterion_group! {
    name = benches;
    config = config();
    targets = scanner_benches, extract_benches
}
criterion_main!(benches);

//! Extraction grows with its input, never with its square: for each input
//! family that once made it quadratic (one long line of figures, lines
//! ended by carriage returns alone, parentheses opened and never closed
//! after a figure, a run-on line of many figures), a generated source at
//! two sizes four times apart, and the time the extractor takes may grow
//! at most six times. A quadratic path grows sixteen times.
//!
//! Extraction has no work counter to read, so the time is measured, each
//! size the best of five runs taken in turn with the other's, in one
//! process (no start-up or disk in the figure); the smaller size is large
//! enough to take tens of milliseconds.

use crosscheck::extract::Extractor;
use crosscheck::rules::RuleSet;
use crosscheck::source::{Source, SourceMeta};
use std::time::{Duration, Instant};

/// How far the time may grow when the input grows four times.
const MAX_GROWTH: f64 = 6.0;

/// The smaller source's size in bytes.
const SMALL: usize = 400_000;

fn extractor() -> &'static Extractor {
    static EXTRACTOR: std::sync::OnceLock<Extractor> = std::sync::OnceLock::new();
    EXTRACTOR.get_or_init(|| Extractor::new(&RuleSet::builtin()))
}

/// How many times each size is timed; the best time counts.
const RUNS: usize = 5;

/// The time to extract `text` once, and how many claims it gave.
fn time_once(source: &Source) -> (Duration, usize) {
    let start = Instant::now();
    let claims = extractor().extract(source).len();
    (start.elapsed(), claims)
}

/// `unit` repeated to about `bytes` bytes.
fn repeat_to(unit: &str, bytes: usize) -> String {
    unit.repeat(bytes / unit.len() + 1)
}

/// Asserts that extracting `make(4 * SMALL)` takes at most [`MAX_GROWTH`]
/// times as long as `make(SMALL)`, and that both give claims.
fn grows_linearly(family: &str, make: impl Fn(usize) -> String) {
    let small_source = Source::new("s.txt", "s.txt", make(SMALL), SourceMeta::default());
    let large_source = Source::new("s.txt", "s.txt", make(4 * SMALL), SourceMeta::default());
    // The sizes take turns, so that a spell of load on a shared machine
    // slows both, not only the one timed while it lasts.
    let (mut small, mut large) = (Duration::MAX, Duration::MAX);
    let (mut small_claims, mut large_claims) = (0, 0);
    for _ in 0..RUNS {
        let (t, n) = time_once(&small_source);
        (small, small_claims) = (small.min(t), n);
        let (t, n) = time_once(&large_source);
        (large, large_claims) = (large.min(t), n);
    }
    let growth = large.as_secs_f64() / small.as_secs_f64().max(1e-6);
    assert!(
        growth <= MAX_GROWTH,
        "{family}: {small:?} for {SMALL} bytes, {large:?} for {} bytes: {growth:.1}x",
        4 * SMALL
    );
    assert!(small_claims > 0 && large_claims > small_claims, "{family}: {small_claims} then {large_claims} claims");
    eprintln!("{family}: {small:?} -> {large:?} ({growth:.1}x), {small_claims} -> {large_claims} claims");
}

/// One test, the families in turn: timed side by side, they would slow each other.
#[test]
fn extraction_grows_linearly_in_every_hostile_family() {
    grows_linearly("one long line", |n| repeat_to("shares fell 12 percent and 3,000 workers lost jobs ", n));
    grows_linearly("CR-only lines", |n| {
        repeat_to("Shares fell 12 percent on Monday, and 3,000 workers lost their jobs.\r", n)
    });
    grows_linearly("nested parentheses", |n| repeat_to("12 percent (word (word (word (word (word (", n));
    grows_linearly("run-on figures", |n| {
        let mut text = String::with_capacity(n + 40);
        let mut k = 0;
        while text.len() < n {
            text.push_str(&format!("{} percent and ${} billion, ", k % 97 + 1, k % 13 + 1));
            k += 1;
        }
        text
    });
}

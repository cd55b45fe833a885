//! Grouping grows with the claims, never with their square: for each input
//! family that once made it quadratic, a generated input at two sizes four
//! times apart, and the work the comparer does (facts tried, counted, not
//! timed) may grow at most six times. Quadratic grouping grows sixteen
//! times.

use crosscheck::compare::Comparer;
use crosscheck::extract::Extractor;
use crosscheck::rules::RuleSet;
use crosscheck::source::{Source, SourceMeta};

/// How far the work may grow when the input grows four times.
const MAX_GROWTH: f64 = 6.0;

/// The facts the comparer tried, grouping the claims of `sources` (each a
/// text, with an optional publication date).
fn facts_tried(sources: &[(String, Option<&str>)]) -> u64 {
    let rules = RuleSet::builtin();
    let extractor = Extractor::new(&rules);
    let comparer = Comparer::new(&rules);
    let mut claims = Vec::new();
    let mut order = Vec::new();
    for (k, (text, published)) in sources.iter().enumerate() {
        let id = format!("s{k}.txt");
        let meta = SourceMeta { published: published.map(str::to_string), ..SourceMeta::default() };
        claims.extend(extractor.extract(&Source::new(id.clone(), id.clone(), text.clone(), meta)));
        order.push(id);
    }
    assert!(!claims.is_empty());
    comparer.compare(claims, &order);
    comparer.facts_tried()
}

/// Asserts that the family's work grows at most [`MAX_GROWTH`] times from
/// `n` to `4n`.
fn grows_linearly(family: &str, make: impl Fn(usize) -> Vec<(String, Option<&'static str>)>, n: usize) {
    let small = facts_tried(&make(n)) as f64;
    let large = facts_tried(&make(4 * n)) as f64;
    let growth = large / small.max(1.0);
    assert!(growth <= MAX_GROWTH, "{family}: {small} facts tried at {n}, {large} at {}: {growth:.1}x", 4 * n);
}

/// Lines of `line(i)`, one source.
fn one_source(
    n: usize,
    line: impl Fn(usize) -> String,
    published: Option<&'static str>,
) -> Vec<(String, Option<&'static str>)> {
    vec![((0..n).map(|i| line(i) + "\n").collect(), published)]
}

#[test]
fn one_source_stating_many_values_of_one_measure() {
    let line = |i: usize| format!("Acme Corp said its shares fell {}.{}% on the news.", i % 97 + 1, i % 10);
    grows_linearly("undated figures", |n| one_source(n, line, None), 2000);
    grows_linearly("dated figures", |n| one_source(n, line, Some("2020-03-02")), 2000);
}

#[test]
fn one_source_stating_many_open_bounds() {
    let line = |i: usize| format!("Acme Corp is worth more than ${} billion, analysts said.", i + 1);
    grows_linearly("open bounds", |n| one_source(n, line, None), 2000);
}

#[test]
fn one_source_naming_many_lists() {
    let line = |i: usize| format!("Its suppliers include Acme Corp, Beta Inc and Gamma{i} Ltd.");
    grows_linearly("lists", |n| one_source(n, line, None), 2000);
}

#[test]
fn many_moves_stated_without_a_figure() {
    let line = |i: usize| {
        if i % 2 == 0 {
            format!("Acme Corp shares fell {}% on Monday.", i % 89 + 1)
        } else {
            "Acme Corp shares plunged on Monday.".to_string()
        }
    };
    grows_linearly("moves", |n| one_source(n, line, Some("2020-03-02")), 2000);
}

#[test]
fn many_sources_each_stating_a_few_values() {
    let make = |n: usize| {
        (0..n / 10)
            .map(|k| {
                let text = (0..10)
                    .map(|i| {
                        format!("Acme Corp said its revenue rose {}% to ${} million.\n", (k + i) % 40 + 1, k * 10 + i)
                    })
                    .collect();
                (text, Some("2020-03-02"))
            })
            .collect()
    };
    grows_linearly("many sources", make, 2000);
}

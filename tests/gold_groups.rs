//! The cross-check of the seeds against the gold groups: every gold group
//! with two or more sources found with the gold's verdict (at most one
//! missed), and the pairs the report groups together grouped in the gold too.

mod common;

use common::*;
use crosscheck::compare::Comparer;
use crosscheck::report::{Report, SourceInfo};
use crosscheck::rules::RuleSet;

/// At most this many multi-source gold groups may be missed or misjudged.
const MAX_MISSED_GROUPS: usize = 1;
/// Floor on the share of grouped claim pairs that the gold groups together.
const PAIR_PRECISION_FLOOR: f64 = 1.0;

#[test]
fn seed_groups_match_the_gold() {
    let gold = gold();
    let (sources, claims) = seed_claims();
    let report = Report::build(
        sources.iter().map(SourceInfo::of).collect(),
        claims.clone(),
        Vec::new(),
        &Comparer::new(&RuleSet::builtin()),
    );
    let mut missed = Vec::new();
    let mut multi = 0;
    for g in &gold.groups {
        let mut gsources: Vec<&str> = g.claims.iter().map(|c| c.source.as_str()).collect();
        gsources.sort();
        gsources.dedup();
        if gsources.len() < 2 {
            continue;
        }
        multi += 1;
        let found = report.groups.iter().find(|ours| {
            let mut covered: Vec<&str> = g
                .claims
                .iter()
                .filter(|gc| ours.claims.iter().any(|c| overlaps(&sources, c, gc)))
                .map(|gc| gc.source.as_str())
                .collect();
            covered.sort();
            covered.dedup();
            covered.len() >= 2
        });
        match found {
            Some(ours) if ours.verdict.name() == g.verdict => println!("found {} as {} ({})", g.id, g.verdict, ours.id),
            Some(ours) => missed.push(format!(
                "{}: gold {}, ours {} ({}): {}",
                g.id,
                g.verdict,
                ours.verdict.name(),
                ours.id,
                ours.explanation
            )),
            None => missed.push(format!("{}: not grouped", g.id)),
        }
    }
    for m in &missed {
        println!("MISSED {m}");
    }
    let (mut pairs, mut good) = (0, 0);
    for ours in &report.groups {
        for (i, a) in ours.claims.iter().enumerate() {
            for b in &ours.claims[i + 1..] {
                if is_relative_date(a) || is_relative_date(b) {
                    continue;
                }
                pairs += 1;
                let together = gold.groups.iter().any(|g| {
                    g.claims.iter().any(|gc| overlaps(&sources, a, gc))
                        && g.claims.iter().any(|gc| overlaps(&sources, b, gc))
                });
                if together {
                    good += 1;
                } else {
                    println!(
                        "BAD PAIR in {}: {}:{} {:?} / {}:{} {:?}",
                        ours.id, a.source, a.line, a.text, b.source, b.line, b.text
                    );
                }
            }
        }
    }
    let precision = good as f64 / pairs.max(1) as f64;
    println!("{}", report.summary());
    println!(
        "multi-source gold groups: {multi}, missed {}; grouped pairs {good}/{pairs} = {:.1}%",
        missed.len(),
        100.0 * precision
    );
    assert!(missed.len() <= MAX_MISSED_GROUPS, "{missed:?}");
    assert!(precision >= PAIR_PRECISION_FLOOR, "pair precision {precision:.3}");
}

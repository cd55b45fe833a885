//! Shared by the gold tests: the seeds' gold annotation, and matching
//! crosscheck's claims to it.

#![allow(dead_code)]

use crosscheck::claim::{Claim, Value};
use crosscheck::extract::Extractor;
use crosscheck::rules::RuleSet;
use crosscheck::source::{load, Source};
use serde::Deserialize;
use std::path::PathBuf;
use std::process::Command;

#[derive(Debug, Deserialize)]
pub struct Gold {
    pub groups: Vec<GoldGroup>,
}

#[derive(Debug, Deserialize)]
pub struct GoldGroup {
    pub id: String,
    pub subject: String,
    pub measure: String,
    pub verdict: String,
    pub claims: Vec<GoldClaim>,
}

#[derive(Debug, Deserialize)]
pub struct GoldClaim {
    pub source: String,
    pub line: usize,
    pub text: String,
    pub value: serde_yaml::Value,
    #[serde(default)]
    pub alt_value: Option<serde_yaml::Value>,
}

pub fn gold() -> Gold {
    serde_yaml::from_str(include_str!("../fixtures/seeds.gold.yaml")).expect("gold parses")
}

pub fn seeds() -> Vec<Source> {
    load(&[PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("seeds")]).expect("seeds load").sources
}

pub fn seed_claims() -> (Vec<Source>, Vec<Claim>) {
    let rules = RuleSet::builtin();
    let extractor = Extractor::new(&rules);
    let sources = seeds();
    let claims = sources.iter().flat_map(|s| extractor.extract(s)).collect();
    (sources, claims)
}

/// Character range of a gold claim's text on its line (the occurrence nearest `near`).
pub fn gold_range(sources: &[Source], g: &GoldClaim, near: Option<usize>) -> Option<(usize, usize)> {
    let src = sources.iter().find(|s| s.id == g.source)?;
    let line = src.line_text(g.line);
    let mut best: Option<(usize, usize)> = None;
    for (byte, _) in line.match_indices(g.text.as_str()) {
        let start = line[..byte].chars().count() + 1;
        let r = (start, start + g.text.chars().count());
        let better = match (best, near) {
            (None, _) => true,
            (Some(b), Some(n)) => r.0.abs_diff(n) < b.0.abs_diff(n),
            _ => false,
        };
        if better {
            best = Some(r);
        }
    }
    best
}

/// The claim's character range on its line.
pub fn claim_range(c: &Claim) -> (usize, usize) {
    (c.column, c.column + c.text.chars().count())
}

/// Same source, same line, overlapping spans.
pub fn overlaps(sources: &[Source], c: &Claim, g: &GoldClaim) -> bool {
    if *c.source != *g.source || c.line != g.line {
        return false;
    }
    let (a0, a1) = claim_range(c);
    gold_range(sources, g, Some(a0)).is_some_and(|(b0, b1)| a0 < b1 && b0 < a1)
}

fn num(v: &serde_yaml::Value, key: &str) -> Option<f64> {
    v.get(key).and_then(|x| x.as_f64())
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-6 * a.abs().max(b.abs()).max(1e-9)
}

fn unit_ok(gold: Option<&str>, ours: Option<&str>) -> bool {
    match (gold, ours) {
        (None, _) | (Some("count"), None) => true,
        (Some(g), Some(o)) if g == o => true,
        // A plain word is the same unit in the singular or the plural ("month", "months").
        (Some(g), Some(o)) if o.strip_suffix('s') == Some(g) => true,
        (Some(g), Some(o)) if g.ends_with("_per_share") => {
            g.starts_with("yuan") && o == "CNY" || g.starts_with("usd") && o == "USD"
        }
        _ => false,
    }
}

fn figure_matches(gv: &serde_yaml::Value, f: &crosscheck::claim::Figure) -> bool {
    let unit = gv.get("unit").and_then(|u| u.as_str());
    if let (Some(lo), Some(hi)) = (num(gv, "low"), num(gv, "high")) {
        return f.low.is_some_and(|l| close(l, lo))
            && f.high.is_some_and(|h| close(h, hi))
            && unit_ok(unit, f.unit.as_deref());
    }
    let qualifier = gv.get("qualifier").and_then(|q| q.as_str()).unwrap_or("exact");
    num(gv, "amount").is_some_and(|a| f.amount.is_some_and(|b| close(a, b)))
        && f.qualifier.id() == qualifier
        && unit_ok(unit, f.unit.as_deref())
}

/// The claim states the gold claim's value (and its conversion, if any).
pub fn value_matches(g: &GoldClaim, c: &Claim) -> bool {
    let gv = &g.value;
    match &c.value {
        Value::Figure(f) => {
            figure_matches(gv, f)
                && match (&g.alt_value, &f.alt) {
                    (Some(ga), Some(fa)) => figure_matches(ga, fa),
                    (None, _) => true,
                    (Some(_), None) => false,
                }
        }
        Value::List { items, .. } => gv.get("items").and_then(|i| i.as_sequence()).is_some_and(|gi| {
            let mut a: Vec<String> = gi.iter().filter_map(|x| x.as_str()).map(|s| s.to_lowercase()).collect();
            let mut b: Vec<String> = items.iter().map(|s| s.to_lowercase()).collect();
            a.sort();
            b.sort();
            a == b
        }),
        Value::Date(d) => gv.get("date").is_some_and(|x| match x {
            serde_yaml::Value::String(s) => *s == d.0,
            serde_yaml::Value::Number(n) => n.to_string() == d.0,
            _ => false,
        }),
        Value::Time(t) => gv.get("amount").and_then(|a| a.as_f64()).is_some_and(|a| {
            let hhmm: Option<f64> =
                t.time.split_once(':').and_then(|(h, m)| Some(h.parse::<f64>().ok()? * 100.0 + m.parse::<f64>().ok()?));
            hhmm == Some(a)
        }),
        Value::Qualitative { .. } => gv.get("qualifier").and_then(|q| q.as_str()) == Some("qualitative"),
    }
}

/// Runs the crosscheck binary from the crate root: exit code, stdout, stderr.
pub fn run(args: &[&str]) -> (i32, String, String) {
    run_in(std::path::Path::new(env!("CARGO_MANIFEST_DIR")), args)
}

/// Runs the crosscheck binary in `dir`, without colour and without a config
/// named by the caller's environment: exit code, stdout, stderr.
pub fn run_in(dir: &std::path::Path, args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_crosscheck"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env_remove("CROSSCHECK_CONFIG")
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into(),
        String::from_utf8_lossy(&out.stderr).into(),
    )
}

/// A date stated without a digit or a month name: a weekday or a relative
/// date ("last week", "on Monday"). The seed gold does not annotate these
/// (its header says so), so against it they are neither right nor wrong.
pub fn is_relative_date(c: &Claim) -> bool {
    static MONTHS: std::sync::OnceLock<std::collections::BTreeMap<String, u32>> = std::sync::OnceLock::new();
    let months = MONTHS.get_or_init(|| RuleSet::builtin().dates.months);
    matches!(c.value, Value::Date(_))
        && !c.text.chars().any(|ch| ch.is_ascii_digit())
        && !c.text.split(|ch: char| !ch.is_alphabetic()).any(|w| months.contains_key(w))
}

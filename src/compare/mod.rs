//! The cross-check: claims that speak of the same fact are grouped (by
//! subject and measure first, then by time and value inside each block), and
//! each group is judged: agree, conflict, compatible or single.
//!
//! This file holds the verdicts, groups and the comparer, and runs the stages
//! in order: `cluster` splits each block into facts, finding candidates by the
//! keys in `index`; `affinity` tells how two values bear on each other; `dates`
//! reads dates and days; `judge` gives each group its verdict and explanation;
//! `slots` holds the claims while they move into their groups.

mod affinity;
mod cluster;
mod dates;
mod index;
mod judge;
mod slots;
#[cfg(test)]
mod test_support;

pub use dates::human_date;

use crate::claim::{Claim, Value};
use crate::quantity::Qualifier;
use crate::rules::RuleSet;
use rayon::prelude::*;
use rustc_hash::FxHashMap as HashMap;
use serde::Serialize;
use slots::Slots;

/// How the sources of a group relate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// Cannot both be true of the same thing at the same time.
    Conflict,
    /// Differ as stated, but can both be true.
    Compatible,
    /// The same figure, within rounding.
    Agree,
    /// One source only.
    Single,
}

impl Verdict {
    /// The verdict's name in reports.
    pub fn name(self) -> &'static str {
        match self {
            Verdict::Conflict => "conflict",
            Verdict::Compatible => "compatible",
            Verdict::Agree => "agree",
            Verdict::Single => "single",
        }
    }
}

/// How one claim bears on another about the same subject and measure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Relation {
    /// The same figure, within rounding.
    Same,
    /// A different figure that can be true with it (overlap, rounding, other date).
    Differs,
    /// A figure that cannot be true with it at the same time.
    Contradicts,
    /// Not about the same fact.
    Unrelated,
}

/// Claims from one or more sources about one fact.
#[derive(Debug, Clone, Serialize)]
pub struct Group {
    pub id: String,
    pub subject: String,
    pub measure: String,
    pub verdict: Verdict,
    pub explanation: String,
    pub claims: Vec<Claim>,
    /// Why an editor accepted this finding (`accept:` in the config): it is
    /// reported apart and never fails a run.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub accepted: Option<String>,
    /// With `--baseline`: whether the finding is absent from the baseline
    /// report (only new findings fail a run).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub new: Option<bool>,
}

impl Group {
    /// Whether an editor must look at this group: a conflict, or figures
    /// from two or more sources that differ. A source's words without a
    /// figure ("plunged") beside another's figure ("9.2%") are none.
    pub fn is_discrepancy(&self) -> bool {
        match self.verdict {
            Verdict::Conflict => true,
            Verdict::Compatible => {
                let mut with_figures = self
                    .claims
                    .iter()
                    .filter(|c| !matches!(c.compared(), Value::Qualitative { .. }))
                    .map(|c| &c.source);
                let first = with_figures.next();
                with_figures.any(|s| Some(s) != first)
            }
            Verdict::Agree | Verdict::Single => false,
        }
    }
}

/// FNV-1a over a claim's source and words: fixed for ever, unlike a
/// hasher's, so a group id in a committed config or baseline still matches.
fn fact_hash(source: &str, text: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in source.bytes().chain([0]).chain(text.bytes()) {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// Claims compared with each other: one subject, one measure, one story.
type BlockKey<'a> = (&'a str, &'a str, u32);

/// What the comparer needs to know about each measure and about time.
pub struct Comparer {
    event: HashMap<String, bool>,
    drifts: HashMap<String, bool>,
    /// `unnamed_figures` of compare.yaml.
    unnamed_figures: Vec<String>,
    /// `dates_of_many_events` of compare.yaml.
    dates_of_many_events: Vec<String>,
    /// Which measures name no particular fact (`generic_measures` of compare.yaml).
    restater: crate::restate::Restater,
    /// Measures quoted through a trading day (`intraday` in measures.yaml).
    intraday: rustc_hash::FxHashSet<String>,
    /// The named moments of a trading day, by id.
    moments: Vec<(String, regex::Regex)>,
    tolerance: HashMap<Qualifier, f64>,
    same_fact_ratio: f64,
    event_days: i64,
    same_time_days: i64,
    same_time_minutes: i64,
    drift_window_days: i64,
    stories: crate::story::Stories,
    /// How many facts claims were tried against, over every comparison:
    /// the work grouping does, which grows with the claims, never with
    /// their square ([`Self::facts_tried`]).
    facts_tried: std::sync::atomic::AtomicU64,
}

impl Comparer {
    /// A comparer for these rules.
    pub fn new(rules: &RuleSet) -> Self {
        let mut tolerance = HashMap::default();
        for q in &rules.qualifiers.qualifiers {
            if let (Some(k), Some(t)) = (Qualifier::from_id(&q.id), q.tolerance) {
                tolerance.insert(k, t);
            }
        }
        Self {
            event: rules.measures.measures.iter().map(|m| (m.id.clone(), m.event)).collect(),
            drifts: rules.measures.measures.iter().map(|m| (m.id.clone(), m.drifts)).collect(),
            intraday: rules.measures.measures.iter().filter(|m| m.intraday).map(|m| m.id.clone()).collect(),
            moments: rules.compiled_moments.clone(),
            unnamed_figures: rules.compare.unnamed_figures.clone(),
            dates_of_many_events: rules.compare.dates_of_many_events.clone(),
            restater: crate::restate::Restater::new(rules),
            tolerance,
            same_fact_ratio: rules.compare.same_fact_ratio,
            event_days: rules.compare.event_window_days,
            same_time_days: rules.compare.same_time_days,
            same_time_minutes: rules.compare.same_time_minutes,
            drift_window_days: rules.compare.drift_window_days,
            stories: crate::story::Stories::new(rules),
            facts_tried: std::sync::atomic::AtomicU64::new(0),
        }
    }

    /// How many facts claims have been tried against so far: what a scale
    /// test counts to tell linear grouping from quadratic.
    pub fn facts_tried(&self) -> u64 {
        self.facts_tried.load(std::sync::atomic::Ordering::Relaxed)
    }

    /// Reads the claims of sources given together as a story.
    pub fn stories(&self) -> &crate::story::Stories {
        &self.stories
    }

    /// Groups claims and judges each group. `order` gives each source's
    /// position, so groups list claims in the order sources were given.
    pub fn compare(&self, claims: Vec<Claim>, order: &[String]) -> Vec<Group> {
        self.compare_parts(vec![claims], order)
    }

    /// [`Self::compare`] for claims held in parts (as they were extracted, a
    /// run of sources to a part; a part may be empty), in order.
    pub fn compare_parts(&self, parts: Vec<Vec<Claim>>, order: &[String]) -> Vec<Group> {
        let position: HashMap<&str, usize> = order.iter().enumerate().map(|(k, s)| (s.as_str(), k)).collect();
        // Every claim by one number: its place in the parts, in order.
        let claims: Vec<&Claim> = parts.iter().flatten().collect();
        // A source's claims stand together: its position is looked up once a run.
        let mut sorted: Vec<((usize, usize, usize), usize)> = Vec::with_capacity(claims.len());
        for run in parts.iter().flat_map(|p| p.chunk_by(|a, b| a.source == b.source)) {
            let at = position.get(&*run[0].source).copied().unwrap_or(usize::MAX);
            let first = sorted.len();
            sorted.extend(run.iter().zip(first..).map(|(c, k)| ((at, c.start, c.end), k)));
        }
        sorted.par_sort_unstable();
        // Blocks by key: comparison cost grows with claims, not their square.
        // A claim is compared only with claims of its own story.
        let mut blocks: HashMap<BlockKey, Vec<usize>> = HashMap::default();
        for (_, k) in sorted {
            let c = claims[k];
            blocks.entry((c.subject.as_str(), c.measure.as_str(), c.story)).or_default().push(k);
        }
        let mut blocks: Vec<(BlockKey, Vec<usize>)> = blocks.into_iter().collect();
        blocks.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        // First the facts, as indices into `claims` (blocks are independent,
        // so they are clustered in parallel); then the claims move into their
        // groups, and the groups are judged in parallel.
        let facts: Vec<(&str, &str, Vec<Vec<usize>>)> = blocks
            .into_par_iter()
            .map(|((subject, measure, _), block)| {
                let refs: Vec<&Claim> = block.iter().map(|&k| claims[k]).collect();
                let clusters = self.cluster(measure, &refs);
                (subject, measure, clusters.into_iter().map(|c| c.into_iter().map(|p| block[p]).collect()).collect())
            })
            .collect();
        let facts: Vec<(String, String, Vec<Vec<usize>>)> =
            facts.into_iter().map(|(s, m, c)| (s.to_string(), m.to_string(), c)).collect();
        drop(claims);
        // Each claim moves into a slot of one list, the list is put in the
        // order of the groups (in place), and the groups are cut from its
        // end, the list shrinking as they go: claims are held about once,
        // not once in the list and again in their groups.
        let mut slots = Slots::gather(parts);
        // Facts whose ids would read alike (two facts of one subject and
        // measure, one in several stories, or two subjects of one slug) are
        // told apart by a suffix.
        let mut numbered: HashMap<String, usize> = HashMap::default();
        let mut taken: rustc_hash::FxHashSet<String> = rustc_hash::FxHashSet::default();
        let bases: Vec<String> =
            facts.iter().map(|(subject, measure, _)| format!("{}/{}", slug(subject), measure)).collect();
        for (base, (_, _, clusters)) in bases.iter().zip(&facts) {
            *numbered.entry(base.clone()).or_insert(0) += clusters.len();
        }
        // Each group's id, subject, measure and size, in order.
        let mut heads: Vec<(String, usize, usize)> = Vec::new();
        for (f, (base, (_, _, clusters))) in bases.into_iter().zip(&facts).enumerate() {
            let many = numbered.get(&base).is_some_and(|&total| total > 1);
            for cluster in clusters {
                // Facts that share a base are told apart by what their first
                // claim says and where: an id that stays when a source that
                // states nothing of the fact joins the run.
                let id = if many {
                    let c = slots.get(cluster[0]).expect("a claim is in one cluster");
                    let mut id = format!("{base}/{:06x}", fact_hash(&c.source, &c.text) & 0xff_ffff);
                    while !taken.insert(id.clone()) {
                        id.push('+');
                    }
                    id
                } else {
                    base.clone()
                };
                heads.push((id, f, cluster.len()));
            }
        }
        drop((numbered, taken));
        let order: Vec<usize> = facts.iter().flat_map(|(_, _, clusters)| clusters.iter().flatten().copied()).collect();
        slots.permute(&order);
        drop(order);
        let mut groups = Vec::with_capacity(heads.len());
        for (id, f, len) in heads.into_iter().rev() {
            let claims = slots.split_off_last(len);
            let (subject, measure, _) = &facts[f];
            groups.push(Group {
                id,
                subject: subject.clone(),
                measure: measure.clone(),
                verdict: Verdict::Single,
                explanation: String::new(),
                claims,
                accepted: None,
                new: None,
            });
        }
        debug_assert_eq!(slots.len, 0);
        drop((slots, facts));
        groups.reverse();
        groups.par_iter_mut().for_each(|g| (g.verdict, g.explanation) = self.judge(&g.measure, &g.claims));
        groups
    }

    /// Whether a measure says too little of what it measures to set two
    /// different figures against each other (`unnamed_figures` in compare.yaml).
    fn names_no_fact(&self, measure: &str) -> bool {
        self.unnamed_figures
            .iter()
            .any(|m| if m.ends_with(':') { measure.starts_with(m.as_str()) } else { m == measure })
    }

    /// Whether a date measure dates no one event (`dates_of_many_events`).
    fn dates_of_many_events(&self, measure: &str) -> bool {
        self.dates_of_many_events.iter().any(|m| m == measure)
    }
}

/// A stable, readable id part: "Xiamen Meiya Pico" is "xiamen-meiya-pico".
pub fn slug(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    if out.is_empty() {
        "unknown".into()
    } else {
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_measures_that_name_no_fact_come_from_the_rules() {
        let c = Comparer::new(&RuleSet::builtin());
        assert!(c.names_no_fact("count") && c.names_no_fact("count:outs") && c.names_no_fact("duration"));
        assert!(!c.names_no_fact("death_toll") && !c.names_no_fact("counter"));
        assert!(c.dates_of_many_events("event_date") && !c.dates_of_many_events("launch_date"));
        // A source says things on many days: "said in November", "comments in December".
        assert!(c.dates_of_many_events("statement_date"));
    }

    #[test]
    fn slugs_are_stable() {
        assert_eq!(slug("Xiamen Meiya Pico"), "xiamen-meiya-pico");
        assert_eq!(slug(""), "unknown");
    }
}

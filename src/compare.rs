//! The cross-check: claims that speak of the same fact are grouped (by
//! subject and measure first, then by time and value inside each block), and
//! each group is judged: agree, conflict, compatible or single.

use crate::claim::{Claim, Direction, Figure, Value, SCORE_MEASURE};
use crate::date::Date;
use crate::prefetch::prefetch;
use crate::quantity::{rounded_to, Qualifier};
use crate::report::value_text;
use crate::rules::RuleSet;
use rayon::prelude::*;
use rustc_hash::FxHashMap as HashMap;
use serde::Serialize;
use std::collections::BTreeMap;

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

/// A value as reports state it: two are equal when their JSON is (so a
/// figure's rounding step, which JSON does not show, does not count).
#[derive(Debug, Clone, Copy)]
struct Stated<'a>(&'a Value);

impl PartialEq for Stated<'_> {
    fn eq(&self, other: &Self) -> bool {
        fn figures(a: &Figure, b: &Figure) -> bool {
            a.kind == b.kind
                && a.amount == b.amount
                && a.low == b.low
                && a.high == b.high
                && a.unit == b.unit
                && a.qualifier == b.qualifier
                && a.low_qualifier == b.low_qualifier
                && a.high_qualifier == b.high_qualifier
                && match (&a.alt, &b.alt) {
                    (Some(x), Some(y)) => figures(x, y),
                    (None, None) => true,
                    _ => false,
                }
        }
        match (self.0, other.0) {
            (Value::Figure(a), Value::Figure(b)) => figures(a, b),
            (a, b) => a == b,
        }
    }
}

impl Eq for Stated<'_> {}

impl std::hash::Hash for Stated<'_> {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        // Equal figures print alike, and 0 and -0 both print as 0.
        fn number<H: std::hash::Hasher>(v: Option<f64>, state: &mut H) {
            v.map(|v| if v == 0.0 { 0 } else { v.to_bits() }).hash(state);
        }
        fn figure<H: std::hash::Hasher>(f: &Figure, state: &mut H) {
            f.kind.hash(state);
            number(f.amount, state);
            number(f.low, state);
            number(f.high, state);
            f.unit.hash(state);
            f.qualifier.hash(state);
            f.low_qualifier.hash(state);
            f.high_qualifier.hash(state);
            if let Some(alt) = &f.alt {
                figure(alt, state);
            }
        }
        std::mem::discriminant(self.0).hash(state);
        match self.0 {
            Value::Figure(f) => figure(f, state),
            Value::List { items, open } => (items, open).hash(state),
            Value::Date(d) => d.0.hash(state),
            Value::Time(t) => t.hash(state),
            Value::Qualitative { text, direction } => (text, direction).hash(state),
        }
    }
}

/// Figures that can speak of the same fact: of one [`SizeKind`], and a
/// magnitude within a power of `same_fact_ratio` (`step`).
#[derive(Debug, Clone, Copy)]
struct SizeClass<'a> {
    kind: SizeKind<'a>,
    step: i64,
}

/// What figures must share to be compared by size: family, unit and sign.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
struct SizeKind<'a> {
    family: &'static str,
    unit: Option<&'a str>,
    negative: bool,
}

/// How many claims ahead of the one it reads the comparer asks for the
/// text a claim points to, and for a claim moving into its group; it asks
/// for the claim itself twice as far ahead (see [`crate::prefetch`]).
/// 4 to 24 measured alike.
const PREFETCH_AHEAD: usize = 8;

/// How many size classes either side of a figure's own are tried.
const SIZE_REACH: i64 = 3;

/// The most facts tried from each list of an index (a size step, a month,
/// the undated or unsized facts): the most recent ones. A story's block
/// holds far fewer; a source stating thousands of values of one measure
/// would otherwise make each claim try every fact before it.
const MAX_TRIED: usize = 128;

/// The last [`MAX_TRIED`] facts of an index list.
fn recent(facts: &[usize]) -> &[usize] {
    &facts[facts.len().saturating_sub(MAX_TRIED)..]
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

    /// Splits a block into facts. Each claim is compared with one
    /// representative per fact and looked up by source, and only with the
    /// facts that can share it: near it in time, and (for a figure) near its
    /// size. A block of n claims costs about n × (facts nearby), not n².
    /// Returns positions in `block`.
    fn cluster(&self, measure: &str, block: &[&Claim]) -> Vec<Vec<usize>> {
        self.cluster_with(measure, block, true)
    }

    /// `cluster`, with the size index on or off (off: every fact near in
    /// time is tried; a test holds the two equal).
    fn cluster_with<'a>(&self, measure: &str, block: &[&'a Claim], by_size: bool) -> Vec<Vec<usize>> {
        struct Fact<'a> {
            claims: Vec<usize>,
            rep: &'a Claim,
            by_source: HashMap<&'a str, &'a Claim>,
            days: Option<(i64, i64)>,
            /// The months (day / 30) its dated claims fall in.
            months: Vec<i64>,
            /// Started by an undated claim: near every time.
            undated: bool,
        }
        let is_event = self.event.get(measure).copied().unwrap_or(false);
        let drifts = self.drifts.get(measure).copied().unwrap_or(false);
        let day = |c: &Claim| c.as_of.as_deref().and_then(day_number);
        let within = |f: &Fact, d: Option<i64>, limit: i64| match (f.days, d) {
            (Some((lo, hi)), Some(d)) => (d - lo).abs() <= limit && (d - hi).abs() <= limit,
            _ => false,
        };
        let mut facts: Vec<Fact<'a>> = Vec::new();
        // Facts by the months they span, so a claim is compared only with
        // facts near it in time: cost grows with claims, not with their square.
        let window = if is_event {
            self.event_days
        } else if drifts {
            self.drift_window_days
        } else {
            self.same_time_days
        };
        let mut by_month: BTreeMap<i64, Vec<usize>> = BTreeMap::new();
        let mut undated: Vec<usize> = Vec::new();
        // Facts whose representative is a figure of bounded size, by size class;
        // every other fact is in `unsized_facts`.
        // Looked up once a claim: its kind, then the steps within reach.
        let mut by_size_class: HashMap<SizeKind<'a>, BTreeMap<i64, Vec<usize>>> = HashMap::default();
        let mut unsized_facts: Vec<usize> = Vec::new();
        // Facts by their exact value: a repeated figure joins its fact whenever it was stated.
        let mut by_value: HashMap<Stated<'a>, Vec<usize>> = HashMap::default();
        // Facts of a date no rule names, by the date and each less precise
        // form of it ("2019-05-22" also under "2019-05" and "2019").
        let mut by_date: HashMap<&'a str, Vec<usize>> = HashMap::default();
        let key = |c: &'a Claim| Stated(c.compared());
        // Moves stated without a figure join a fact once every figure has
        // one: they are set aside in the same pass that groups the figures,
        // not in a pass of their own, since a large block does not stay in
        // cache from one pass to the next.
        let mut qualitative: Vec<(usize, &'a Claim)> = Vec::new();
        let mut candidates: Vec<usize> = Vec::new();
        // Counted here, added to the comparer's count once a block.
        let mut tried = 0u64;
        // A source that states two near values that cannot both hold (10
        // and 12 dead) speaks of two facts: those claims are read first, so
        // each value starts a fact of its own, and they join only a fact
        // they agree or overlap with; other sources join the fact they
        // state, whatever order the sources came in. (A source's first few
        // values are weighed: enough to tell, whatever its length.)
        const VALUES_WEIGHED: usize = 16;
        let mut values_of: HashMap<&str, Vec<&Value>> = HashMap::default();
        for c in block {
            let values = values_of.entry(&*c.source).or_default();
            if values.len() < VALUES_WEIGHED && !values.iter().any(|v| same_value(v, c.compared())) {
                values.push(c.compared());
            }
        }
        let has_rival: Vec<bool> = block
            .iter()
            .map(|c| {
                let rival = |v: &&Value| self.affinity(v, c.compared()) == 1 && !self.overlap(v, c.compared());
                measure != SCORE_MEASURE && values_of.get(&*c.source).is_some_and(|vs| vs.iter().any(rival))
            })
            .collect();
        let order: Vec<usize> = {
            let (first, rest): (Vec<usize>, Vec<usize>) = (0..block.len()).partition(|&k| has_rival[k]);
            first.into_iter().chain(rest).collect()
        };
        for (i, &pos) in order.iter().enumerate() {
            let c = block[pos];
            // The claims of a block lie far apart in memory: what this loop
            // reads of a claim is asked for a few claims ahead, the claim's
            // own fields first, the text they point to once those are in.
            if let Some(ahead) = order.get(i + 2 * PREFETCH_AHEAD).map(|&k| block[k]) {
                prefetch(ahead.compared());
                prefetch(&ahead.as_of);
                prefetch(&ahead.source);
            }
            if let Some(ahead) = order.get(i + PREFETCH_AHEAD).map(|&k| block[k]) {
                prefetch(&*ahead.source);
                if let Some(day) = ahead.as_of.as_deref() {
                    prefetch(day);
                }
                if let Value::Figure(Figure { unit: Some(unit), .. }) = ahead.compared() {
                    prefetch(unit.as_str());
                }
            }
            if matches!(c.compared(), Value::Qualitative { .. }) {
                qualitative.push((pos, c));
                continue;
            }
            let d = day(c);
            let min_score = if has_rival[pos] { 2 } else { 1 };
            let mut best: Option<(usize, u8)> = None;
            let value_key = key(c);
            let class = self.size_class(c.compared());
            candidates.clear();
            let near_in_time = |f: &Fact, lo: i64, hi: i64| f.undated || f.months.iter().any(|m| (lo..=hi).contains(m));
            // A date no rule names: it dates no event the rules know.
            let generic_date = matches!(c.compared(), Value::Date(_)) && self.dates_of_many_events(measure);
            match (d, class.filter(|_| by_size)) {
                // Only facts that state the same date, more or less precisely.
                _ if generic_date => {
                    if let Value::Date(x) = c.compared() {
                        // As precise or more ("2019-05" finds "2019-05-22"), then less ("2019").
                        candidates.extend(by_date.get(x.0.as_str()).into_iter().flatten().copied());
                        // A day and the short periods around it ("Monday", "this week")
                        // share their month: the month's facts, as `dates_nest` tells.
                        let (lo, _) = x.period().unwrap_or((&x.0, &x.0));
                        if lo.len() >= 7 {
                            candidates.extend(recent(by_date.get(&lo[..7]).map_or(&[][..], |v| v)).iter().copied());
                        }
                        for key in date_keys(x).skip(1) {
                            candidates.extend(
                                by_value
                                    .get(&Stated(&Value::Date(Date(key.to_string()))))
                                    .into_iter()
                                    .flatten()
                                    .copied(),
                            );
                        }
                        candidates.sort_unstable();
                        candidates.dedup();
                    }
                }
                (_, Some(class)) => {
                    // Only facts of a nearby size (or of no bounded size) can have affinity.
                    let (lo, hi) =
                        d.map_or((i64::MIN, i64::MAX), |d| ((d - window).div_euclid(30), (d + window).div_euclid(30)));
                    let sized = by_size_class
                        .get(&class.kind)
                        .into_iter()
                        .flat_map(|steps| steps.range(class.step - SIZE_REACH..=class.step + SIZE_REACH))
                        .flat_map(|(_, facts)| recent(facts));
                    candidates.extend(
                        sized
                            .chain(recent(&unsized_facts))
                            .copied()
                            .filter(|&k| d.is_none() || near_in_time(&facts[k], lo, hi)),
                    );
                    if d.is_some() && !is_event {
                        candidates.extend(by_value.get(&value_key).map(|v| recent(v)).into_iter().flatten().copied());
                    }
                    // An event's figures of one day are one fact whatever their size: the facts of its days.
                    if let (true, Some(d)) = (is_event, d) {
                        candidates.extend(
                            by_month
                                .range((d - window).div_euclid(30)..=(d + window).div_euclid(30))
                                .flat_map(|(_, v)| recent(v).iter().copied())
                                .chain(recent(&undated).iter().copied()),
                        );
                    }
                    candidates.sort_unstable();
                    candidates.dedup();
                }
                (Some(d), None) => {
                    candidates.extend(
                        by_month
                            .range((d - window).div_euclid(30)..=(d + window).div_euclid(30))
                            .flat_map(|(_, v)| recent(v).iter().copied())
                            .chain(recent(&undated).iter().copied())
                            .chain(
                                if is_event { None } else { by_value.get(&value_key).map(|v| recent(v)) }
                                    .into_iter()
                                    .flatten()
                                    .copied(),
                            ),
                    );
                    candidates.sort_unstable();
                    candidates.dedup();
                }
                (None, None) if by_size => {
                    // Undated and of no size: the same value stated before, and the latest facts.
                    candidates.extend(by_value.get(&value_key).map(|v| recent(v)).into_iter().flatten().copied());
                    candidates.extend(facts.len().saturating_sub(MAX_TRIED)..facts.len());
                    candidates.sort_unstable();
                    candidates.dedup();
                }
                (None, None) => candidates.extend(0..facts.len()),
            }
            tried += candidates.len() as u64;
            for &k in &candidates {
                let f = &facts[k];
                if f.days.is_some() && d.is_some() && !within(f, d, window) && (is_event || drifts) {
                    continue;
                }
                if is_event && !within(f, d, self.event_days) {
                    continue;
                }
                if let Some(o) = f.by_source.get(&*c.source) {
                    // A source giving a value its first cannot hold speaks of
                    // another fact; one restating a figure less precisely
                    // ("108 years", "more than a century": both can hold, and
                    // within a tenth of each other) speaks of the same.
                    let restates = (near_counts(o.compared(), c.compared()) && self.overlap(o.compared(), c.compared()))
                        // "signed into law last week" and "signed into law this month".
                        || (generic_date
                            && dates_nest(o.compared(), c.compared())
                            && sentences_share_word(&o.sentence, &c.sentence));
                    if !same_value(o.compared(), c.compared()) && !restates {
                        continue;
                    }
                    // Two dates in one source are two events unless the sentence repeats.
                    // (A date no rule names is one fact per date: it names no event to tell apart.)
                    if matches!(c.compared(), Value::Date(_))
                        && !generic_date
                        && !(c.restated || o.restated)
                        && strsim::normalized_levenshtein(&o.sentence, &c.sentence) < 0.6
                    {
                        continue;
                    }
                }
                // Two scores are one fact only as the same points: "3-0" and "3-1" are two moments.
                let score = match (measure, f.rep.compared(), c.compared()) {
                    (SCORE_MEASURE, a, b) if a != b => 0,
                    // One day's move of a share, however told ("edged up 0.2
                    // percent", "fell 3%"), is one fact: the rules make it an
                    // event. (A price far from another is another share's.)
                    (_, Value::Figure(a), Value::Figure(b))
                        if is_event
                            && d.is_some()
                            && family(a) == "percent"
                            && family(b) == "percent"
                            && a.unit == b.unit =>
                    {
                        self.affinity(f.rep.compared(), c.compared()).max(1)
                    }
                    (_, a, b) => self.affinity(a, b),
                };
                // A date the rules give no measure of ("on Monday", "last
                // week") says nothing of which event it dates: another date
                // is another event, not a contradiction.
                if score < 3 && self.dates_of_many_events(measure) && !dates_nest(f.rep.compared(), c.compared()) {
                    continue;
                }
                // A day and a week around it ("Monday", "this week") date one
                // event only when their sentences speak of it in a shared word.
                // Among dates that nest alike ("this month": "last week" or
                // "Thursday"), the one whose sentences share a word is the one.
                let told_alike = score < 3
                    && self.dates_of_many_events(measure)
                    && f.by_source.values().any(|o| sentences_share_word(&o.sentence, &c.sentence));
                if score < 3 && self.dates_of_many_events(measure) && !told_alike {
                    continue;
                }
                let rank = score * 2 + u8::from(told_alike);
                // A count no rule names and no noun follows ("their three
                // children", "a family of five"), or a length of time no rule
                // names ("25 years", "30 years ago"), says nothing of what it
                // measures: a figure far from it is another fact, not a
                // contradiction; only one within a tenth of it (68 and 69)
                // may be the same fact told apart.
                if score < 3 && self.names_no_fact(measure) && !near_counts(f.rep.compared(), c.compared()) {
                    continue;
                }
                // A figure that does not drift, stated months apart and differently, is another fact.
                if !drifts && score < 3 && !within(f, d, self.same_time_days) && f.days.is_some() && d.is_some() {
                    continue;
                }
                // A source stating several near values of one measure may
                // still contradict another source: its value nearest a fact
                // no claim of its own is in, and within a tenth of it, joins
                // that fact as a rival figure.
                let nearest = score == 1
                    && near_counts(f.rep.compared(), c.compared())
                    && !f.by_source.contains_key(&*c.source)
                    && values_of.get(&*c.source).is_some_and(|vs| nearest_of(f.rep.compared(), c.compared(), vs));
                if (score >= min_score || nearest) && best.is_none_or(|(_, b)| rank > b) {
                    best = Some((k, rank));
                }
            }
            let k = match best {
                Some((k, _)) => {
                    let f = &mut facts[k];
                    f.claims.push(pos);
                    f.by_source.entry(&*c.source).or_insert(c);
                    f.days = match (f.days, d) {
                        (Some((lo, hi)), Some(d)) => Some((lo.min(d), hi.max(d))),
                        (x, None) => x,
                        (None, Some(d)) => Some((d, d)),
                    };
                    k
                }
                None => {
                    facts.push(Fact {
                        claims: vec![pos],
                        rep: c,
                        by_source: HashMap::from_iter([(&*c.source, c)]),
                        days: d.map(|d| (d, d)),
                        months: Vec::new(),
                        undated: d.is_none(),
                    });
                    let k = facts.len() - 1;
                    if d.is_none() {
                        undated.push(k);
                    }
                    match class {
                        Some(class) => {
                            by_size_class.entry(class.kind).or_default().entry(class.step).or_default().push(k)
                        }
                        None => unsized_facts.push(k),
                    }
                    k
                }
            };
            if let Some(d) = d {
                let month = d.div_euclid(30);
                let slot = by_month.entry(month).or_default();
                if slot.last() != Some(&k) {
                    slot.push(k);
                }
                if !facts[k].months.contains(&month) {
                    facts[k].months.push(month);
                }
            }
            let slot = by_value.entry(value_key).or_default();
            if slot.last() != Some(&k) {
                slot.push(k);
            }
            if let (true, Value::Date(x)) = (generic_date, c.compared()) {
                for key in date_keys(x) {
                    let slot = by_date.entry(key).or_default();
                    if slot.last() != Some(&k) {
                        slot.push(k);
                    }
                }
            }
        }
        // The fact a move joins, by its direction (none, up, down): found
        // once and kept while no fact is added (joining one changes no
        // fact's sources), so many moves cost one search, not one each. An
        // event's moves look within their own time.
        let mut target_of: [Option<Option<usize>>; 3] = [None; 3];
        for (pos, c) in qualitative {
            let d = day(c);
            let dir = match c.compared() {
                Value::Qualitative { direction, .. } => *direction,
                _ => None,
            };
            let slot = match dir {
                None => 0,
                Some(Direction::Up) => 1,
                Some(Direction::Down) => 2,
            };
            let search = |facts: &[Fact]| {
                facts
                    .iter()
                    .enumerate()
                    .filter(|(_, f)| !is_event || within(f, d, self.event_days))
                    .filter(|(_, f)| dir.is_none() || figure_direction(f.rep.compared()) == dir)
                    .max_by_key(|(k, f)| (f.by_source.len(), std::cmp::Reverse(*k)))
                    .map(|(k, _)| k)
            };
            let target = match target_of[slot] {
                Some(found) if !is_event => found,
                _ => {
                    tried += facts.len() as u64;
                    let found = search(&facts);
                    target_of[slot] = Some(found);
                    found
                }
            };
            match target {
                Some(k) => facts[k].claims.push(pos),
                None => facts.push(Fact {
                    claims: vec![pos],
                    rep: c,
                    by_source: HashMap::from_iter([(&*c.source, c)]),
                    days: d.map(|d| (d, d)),
                    months: Vec::new(),
                    undated: d.is_none(),
                }),
            }
            if target.is_none() {
                target_of = [None; 3];
            }
        }
        self.facts_tried.fetch_add(tried, std::sync::atomic::Ordering::Relaxed);
        facts
            .into_iter()
            .map(|f| {
                let mut cl = f.claims;
                cl.sort_by(|&a, &b| (&block[a].source, block[a].start).cmp(&(&block[b].source, block[b].start)));
                cl
            })
            .collect()
    }

    /// The size class of a figure whose interval stays within a factor of
    /// `same_fact_ratio` of its magnitude; None for anything else (open or
    /// wide intervals, zero, lists, dates).
    ///
    /// Two such figures with any affinity (agreeing, overlapping, or within
    /// the ratio) differ in magnitude by at most the ratio squared, so their
    /// classes differ by at most 2; `SIZE_REACH` looks one further.
    fn size_class<'a>(&self, v: &'a Value) -> Option<SizeClass<'a>> {
        let Value::Figure(f) = v else { return None };
        let ratio = self.same_fact_ratio;
        if !ratio.is_finite() || ratio <= 1.0 + 1e-6 {
            return None;
        }
        let m = magnitude(f);
        if m == 0.0 || !m.is_finite() {
            return None;
        }
        let iv = self.interval(f);
        let (lo, hi) = (iv.low?, iv.high?);
        let (a, b) = if m > 0.0 { (lo, hi) } else { (-hi, -lo) };
        let size = m.abs();
        if a <= 0.0 || a < size / ratio || b > size * ratio {
            return None;
        }
        let step = (size.ln() / ratio.ln()).floor();
        if !step.is_finite() || step.abs() > 1e6 {
            return None;
        }
        Some(SizeClass {
            kind: SizeKind { family: family(f), unit: f.unit.as_deref(), negative: m < 0.0 },
            step: step as i64,
        })
    }

    /// How plausibly two values speak of the same fact: 0 not at all, 1 maybe, 2 likely, 3 the same.
    fn affinity(&self, a: &Value, b: &Value) -> u8 {
        match (a, b) {
            (Value::Figure(x), Value::Figure(y)) => {
                if family(x) != family(y) || x.unit != y.unit {
                    return 0;
                }
                if figures_agree(x, y) {
                    return 3;
                }
                if self.interval(x).overlaps(&self.interval(y)) {
                    return 2;
                }
                let (p, q) = (magnitude(x), magnitude(y));
                if ratio(p, q).is_some_and(|r| r <= self.same_fact_ratio) {
                    1
                } else {
                    0
                }
            }
            (Value::List { items: a, .. }, Value::List { items: b, .. }) => {
                let shared = a.iter().filter(|i| b.contains(i)).count();
                let smaller = a.len().min(b.len()).max(1);
                if a == b {
                    3
                } else if shared * 2 >= smaller {
                    2
                } else {
                    0
                }
            }
            (Value::Time(x), Value::Time(y)) => {
                if x.time == y.time {
                    3
                } else if minutes_apart(&x.time, &y.time).is_some_and(|m| m <= self.same_time_minutes) {
                    1
                } else {
                    0
                }
            }
            (Value::Date(x), Value::Date(y)) => {
                if x == y {
                    3
                } else if dates_meet(x, y) {
                    2
                } else {
                    1
                }
            }
            _ => 0,
        }
    }

    /// The interval a figure's wording allows, widened by its rounding and its qualifier's tolerance.
    fn interval(&self, f: &Figure) -> crate::quantity::Interval {
        let half = f.step / 2.0;
        let tol = self.tolerance.get(&f.qualifier).copied().unwrap_or(0.0);
        let mut low = f.low.map(|l| l - half);
        let mut high = f.high.map(|h| h + half);
        if let Some(a) = f.amount {
            // A hedge loosens a figure by its tolerance, but by no more than
            // the unit it is rounded to: "about 3,700 km" is 3,600 to 3,800,
            // "some $146 billion" 145 to 147 billion.
            let slack = (a.abs() * tol).min(rounded_to(a, f.step));
            match f.qualifier {
                Qualifier::About => {
                    low = Some(a - slack - half);
                    high = Some(a + slack + half);
                }
                Qualifier::Nearly => {
                    let toward_zero = a - a.signum() * slack;
                    low = Some(toward_zero.min(a) - half);
                    high = Some(toward_zero.max(a) + half);
                }
                _ => {}
            }
        }
        // A range end stated as "upwards of" leaves the range open.
        if f.high_qualifier.is_some_and(|q| q.is_lower_bound()) {
            high = None;
        }
        if f.low_qualifier.is_some_and(|q| q.is_upper_bound()) {
            low = None;
        }
        crate::quantity::Interval { low, high }
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

    /// How a source's claim bears on another claim of the same subject and measure.
    pub fn relate(&self, measure: &str, claim: &Claim, source: &Claim) -> Relation {
        let score = self.affinity(claim.compared(), source.compared());
        if score == 3 {
            return Relation::Same;
        }
        let is_event = self.event.get(measure).copied().unwrap_or(false);
        let apart = self.days_apart(claim, source);
        if is_event && apart.is_some_and(|d| d > self.event_days) {
            return Relation::Unrelated;
        }
        let same_time = apart.is_none_or(|d| d <= self.same_time_days);
        match (claim.compared(), source.compared()) {
            (Value::Figure(x), Value::Figure(y)) if family(x) == family(y) && x.unit == y.unit => {
                if self.interval(x).overlaps(&self.interval(y)) || !same_time {
                    Relation::Differs
                } else {
                    Relation::Contradicts
                }
            }
            (Value::Date(x), Value::Date(y)) => {
                if dates_meet(x, y) {
                    Relation::Differs
                } else {
                    Relation::Contradicts
                }
            }
            (Value::List { items: x, .. }, Value::List { items: y, .. }) if x.iter().any(|i| y.contains(i)) => {
                Relation::Differs
            }
            (Value::Time(_), Value::Time(_)) => Relation::Contradicts,
            _ => Relation::Unrelated,
        }
    }

    fn days_apart(&self, a: &Claim, b: &Claim) -> Option<i64> {
        Some((day_number(a.as_of.as_deref()?)? - day_number(b.as_of.as_deref()?)?).abs())
    }

    /// Whether two values can both hold: their intervals meet, their lists
    /// share a name, or one date contains the other.
    fn overlap(&self, a: &Value, b: &Value) -> bool {
        match (a, b) {
            (Value::Figure(x), Value::Figure(y)) => self.interval(x).overlaps(&self.interval(y)),
            (Value::List { items: x, open: ox }, Value::List { items: y, open: oy }) => {
                x == y
                    || (*ox && y.iter().all(|i| x.contains(i)) || *oy && x.iter().all(|i| y.contains(i)))
                    || x.iter().any(|i| y.contains(i))
            }
            (Value::Date(x), Value::Date(y)) => dates_meet(x, y),
            // A time on the hour ("10 p.m.", "midnight") is read to the
            // nearest half hour: "10:08 p.m." may be it.
            (Value::Time(x), Value::Time(y)) => {
                let on_the_hour = |t: &str| t.ends_with(":00");
                x.time == y.time
                    || ((on_the_hour(&x.time) || on_the_hour(&y.time))
                        && minutes_apart(&x.time, &y.time).is_some_and(|m| m < 30))
            }
            _ => true,
        }
    }

    /// The verdict on a group and a one-sentence explanation.
    fn judge(&self, measure: &str, claims: &[Claim]) -> (Verdict, String) {
        // One representative claim per source: the first.
        let mut seen = rustc_hash::FxHashSet::default();
        let per_source: Vec<&Claim> = claims.iter().filter(|c| seen.insert(&*c.source)).collect();
        let describe = |c: &Claim| match &c.as_of {
            Some(d) => format!("{} ({}, {})", c.text.trim(), c.source, human_date(d)),
            None => format!("{} ({})", c.text.trim(), c.source),
        };
        if per_source.len() == 1 {
            let c = per_source[0];
            let repeats = claims.len() - 1;
            let more =
                if repeats > 0 { format!("; the source states it {} times", claims.len()) } else { String::new() };
            return (Verdict::Single, format!("Only {} states this: {}{more}.", c.source, value_text(&c.value)));
        }
        // Every figure a source states in the group counts, not only its
        // first: "signed last week" and "signed this month" from one source
        // state the fact less precisely, as another source might.
        let mut seen_statement: Vec<(&str, &Value)> = Vec::new();
        let stated: Vec<&Claim> = claims
            .iter()
            .filter(|c| !matches!(c.compared(), Value::Qualitative { .. }))
            .filter(|c| {
                let new = !seen_statement.iter().any(|(s, v)| *s == &*c.source && same_value(v, c.compared()));
                if new {
                    seen_statement.push((&*c.source, c.compared()));
                }
                new
            })
            .collect();
        let qualitative: Vec<&Claim> =
            per_source.iter().copied().filter(|c| matches!(c.compared(), Value::Qualitative { .. })).collect();
        // Moves stated without a figure: they support a figure of the same direction.
        for q in &qualitative {
            let dir = match q.compared() {
                Value::Qualitative { direction, .. } => *direction,
                _ => None,
            };
            if let Some(s) =
                stated.iter().find(|s| dir.is_some() && figure_direction(s.compared()).is_some_and(|d| Some(d) != dir))
            {
                return (Verdict::Conflict, format!("{} says the opposite way from {}.", describe(q), describe(s)));
            }
        }
        if stated.len() <= 1 {
            let figure = stated.first().map(|s| describe(s)).unwrap_or_default();
            let words = listing(&qualitative, describe, " and ");
            return (Verdict::Compatible, format!("{figure} is the only figure; {words} states the move without one."));
        }
        let drifts = self.drifts.get(measure).copied().unwrap_or(false);
        // Compare distinct statements only: many sources repeating one figure cost nothing extra.
        let mut distinct: Vec<&Claim> = Vec::new();
        let mut by_date: HashMap<Option<&str>, Vec<usize>> = HashMap::default();
        for c in &stated {
            let same_date = by_date.entry(c.as_of.as_deref()).or_default();
            if !same_date.iter().any(|&k| same_value(distinct[k].compared(), c.compared())) {
                same_date.push(distinct.len());
                distinct.push(c);
            }
        }
        let days: Vec<Option<i64>> = distinct.iter().map(|c| c.as_of.as_deref().and_then(day_number)).collect();
        let far_apart = farthest_apart(&days).filter(|&(_, _, d)| d > self.same_time_days);
        let far_apart = far_apart.map(|(i, j, d)| (distinct[i], distinct[j], d));
        // Agreement and overlap depend on values only: each pair of distinct values is tried once.
        let mut values: Vec<&Value> = Vec::new();
        let value_of: Vec<usize> = distinct
            .iter()
            .map(|c| {
                values.iter().position(|v| *v == c.compared()).unwrap_or_else(|| {
                    values.push(c.compared());
                    values.len() - 1
                })
            })
            .collect();
        let value_pairs = || (0..values.len()).flat_map(|p| (p + 1..values.len()).map(move |q| (p, q)));
        // One figure stated plainly and hedged ("$140 million", "about $140
        // million") is one figure: an editor reads them as agreeing.
        let agree = |a: &Value, b: &Value| {
            self.affinity(a, b) == 3
                || matches!((a, b), (Value::Figure(x), Value::Figure(y)) if same_figure_hedged(x, y))
        };
        let all_agree = value_pairs().all(|(p, q)| agree(values[p], values[q]));
        // The first pair of statements, in order, that cannot both hold.
        let disjoint = if value_pairs().any(|(p, q)| !self.overlap(values[p], values[q])) {
            (0..distinct.len())
                .flat_map(|i| (i + 1..distinct.len()).map(move |j| (i, j)))
                .filter(|&(i, j)| value_of[i] != value_of[j])
                .find(|&(i, j)| !self.overlap(distinct[i].compared(), distinct[j].compared()))
                .map(|(i, j)| (distinct[i], distinct[j]))
        } else {
            None
        };
        if all_agree {
            let also = if qualitative.is_empty() {
                String::new()
            } else {
                format!("; {} states the move without a figure", listing(&qualitative, describe, " and "))
            };
            let names = listing(&stated, describe, "; ");
            let sources = stated.iter().map(|c| &*c.source).collect::<rustc_hash::FxHashSet<_>>().len();
            return (Verdict::Agree, format!("{sources} sources give the same figure: {names}{also}."));
        }
        if let Some((a, b, days)) = far_apart {
            if drifts || disjoint.is_some() {
                return (
                    Verdict::Compatible,
                    format!(
                        "{} vs {}: sources {} apart, so the figures may describe different times.",
                        describe(a),
                        describe(b),
                        span(days)
                    ),
                );
            }
        }
        // Snapshots of a trading day contradict each other only when both
        // name the same moment of it ("opened 10% lower", "opened 4% lower").
        let disjoint = match disjoint {
            Some((a, b)) if self.intraday.contains(measure) => {
                let moment = |c: &Claim| self.moments.iter().find(|(_, re)| re.is_match(&c.sentence)).map(|(id, _)| id);
                let same_moment = (0..distinct.len())
                    .flat_map(|i| (i + 1..distinct.len()).map(move |j| (i, j)))
                    .filter(|&(i, j)| value_of[i] != value_of[j])
                    .filter(|&(i, j)| !self.overlap(distinct[i].compared(), distinct[j].compared()))
                    .find(|&(i, j)| moment(distinct[i]).is_some_and(|m| moment(distinct[j]) == Some(m)));
                match same_moment {
                    Some((i, j)) => Some((distinct[i], distinct[j])),
                    None => {
                        return (
                            Verdict::Compatible,
                            format!(
                                "{} vs {}: quotes of one trading day, not stated at the same moment of it.",
                                describe(a),
                                describe(b)
                            ),
                        )
                    }
                }
            }
            other => other,
        };
        if let Some((a, b)) = disjoint {
            return (
                Verdict::Conflict,
                format!(
                    "{} vs {}: the figures cannot both be true of the same thing at the same time.",
                    describe(a),
                    describe(b)
                ),
            );
        }
        let names = listing(&stated, describe, " vs ");
        (Verdict::Compatible, format!("{names}: the figures differ as stated but their bounds overlap."))
    }
}

/// Claims in slots, in runs of [`Slots::RUN`]: a list that is filled run
/// by run as the parts it is gathered from are freed, and emptied from its
/// end run by run, each run freed as it empties, so that claims are never
/// held twice at once (a run's room is taken again by the next run or
/// group, not kept beside it).
struct Slots<T> {
    runs: Vec<Vec<Option<T>>>,
    len: usize,
}

impl<T> Slots<T> {
    /// Slots a run: about 38 KB of claims, the size of the lists the parts
    /// come in, so the room a freed part leaves is taken again by the runs
    /// that follow (the allocator reuses freed room for requests of about
    /// its size; runs of megabytes took fresh memory, 125 MB more at the
    /// peak over the 100 MB archive corpus).
    const RUN: usize = 128;

    /// The items of `parts`, in order; each part is freed once moved.
    fn gather(parts: Vec<Vec<T>>) -> Self {
        let mut slots = Slots { runs: Vec::new(), len: 0 };
        for part in parts {
            for item in part {
                if slots.len % Self::RUN == 0 {
                    slots.runs.push(Vec::with_capacity(Self::RUN));
                }
                slots.runs.last_mut().expect("a run was made").push(Some(item));
                slots.len += 1;
            }
        }
        slots
    }

    fn get(&self, k: usize) -> Option<&T> {
        self.runs[k / Self::RUN][k % Self::RUN].as_ref()
    }

    fn take(&mut self, k: usize) -> Option<T> {
        self.runs[k / Self::RUN][k % Self::RUN].take()
    }

    fn put(&mut self, k: usize, item: Option<T>) {
        self.runs[k / Self::RUN][k % Self::RUN] = item;
    }

    /// Puts the items in `order`: the item at `order[p]` moves to `p`
    /// (`order` is a permutation of the positions), in place, each item
    /// moved once.
    fn permute(&mut self, order: &[usize]) {
        debug_assert_eq!(self.len, order.len());
        let mut placed = vec![false; self.len];
        for start in 0..self.len {
            if placed[start] {
                continue;
            }
            // Follow the cycle through `start`: each position takes the
            // item from the position `order` names; the first closes it.
            let first = self.take(start);
            let mut p = start;
            loop {
                placed[p] = true;
                let q = order[p];
                if q == start {
                    self.put(p, first);
                    break;
                }
                let item = self.take(q);
                self.put(p, item);
                p = q;
            }
        }
    }

    /// The last `n` items, in order, out of the slots; a run is freed as it empties.
    fn split_off_last(&mut self, n: usize) -> Vec<T> {
        // Taken from the end, run by run: the pieces come back to front,
        // and are joined in order once, each item moved once.
        let mut pieces: Vec<Vec<Option<T>>> = Vec::new();
        let mut taken = 0;
        while taken < n {
            let run = self.runs.last_mut().expect("as many items as asked for");
            let from = run.len().saturating_sub(n - taken);
            let piece = run.split_off(from);
            taken += piece.len();
            pieces.push(piece);
            if run.is_empty() {
                self.runs.pop();
            }
        }
        self.len -= n;
        let mut out = Vec::with_capacity(n);
        out.extend(pieces.into_iter().rev().flatten().map(|c| c.expect("an item is taken once")));
        out
    }
}

/// How many claims an explanation names before "and N more".
const NAMED_IN_EXPLANATION: usize = 6;

/// Claims described and joined by `sep`; past `NAMED_IN_EXPLANATION`,
/// the rest are counted, not named, so one sentence stays one sentence.
fn listing(claims: &[&Claim], describe: impl Fn(&Claim) -> String, sep: &str) -> String {
    if claims.len() <= NAMED_IN_EXPLANATION {
        return claims.iter().map(|c| describe(c)).collect::<Vec<_>>().join(sep);
    }
    let shown = NAMED_IN_EXPLANATION - 1;
    let named: Vec<String> = claims[..shown].iter().map(|c| describe(c)).collect();
    format!("{}{sep}and {} more", named.join(sep), claims.len() - shown)
}

/// The first pair (i < j, in order) of known days that lie farthest apart,
/// and how far: the earliest and the latest day, in one pass.
fn farthest_apart(days: &[Option<i64>]) -> Option<(usize, usize, i64)> {
    let known = days.iter().flatten();
    let (lo, hi) = (*known.clone().min()?, *known.max()?);
    let i = days.iter().position(|d| *d == Some(lo) || *d == Some(hi))?;
    let other = if days[i] == Some(lo) { hi } else { lo };
    let j = days.iter().skip(i + 1).position(|d| *d == Some(other))? + i + 1;
    Some((i, j, hi - lo))
}

/// Whether `own` is, of the values one source states, the one nearest in
/// magnitude to another source's figure `theirs`.
fn nearest_of(theirs: &Value, own: &Value, stated: &[&Value]) -> bool {
    let (Value::Figure(t), Value::Figure(o)) = (theirs, own) else { return false };
    let gap = |f: &Figure| ratio(magnitude(t), magnitude(f)).unwrap_or(f64::INFINITY);
    let mine = gap(o);
    stated.iter().all(|v| match v {
        Value::Figure(f) if !same_value(v, own) && family(f) == family(o) && f.unit == o.unit => gap(f) > mine,
        _ => true,
    })
}

/// Whether two counts are within a tenth of each other.
fn near_counts(a: &Value, b: &Value) -> bool {
    let (Value::Figure(x), Value::Figure(y)) = (a, b) else { return false };
    ratio(magnitude(x), magnitude(y)).is_some_and(|r| r <= 1.1)
}

/// How many times the larger of two figures of one sign is the smaller
/// (none when they differ in sign or one is zero).
fn ratio(p: f64, q: f64) -> Option<f64> {
    (p != 0.0 && q != 0.0 && p.signum() == q.signum()).then(|| (p / q).abs().max((q / p).abs()))
}

/// The first and last day a date spans, as "YYYY-MM-DD" text: a day is
/// itself, a month or year its first and last days, a period its bounds.
fn date_span(d: &Date) -> (String, String) {
    let (lo, hi) = d.period().unwrap_or((&d.0, &d.0));
    let first = match lo.len() {
        4 => format!("{lo}-01-01"),
        7 => format!("{lo}-01"),
        _ => lo.to_string(),
    };
    let last = match hi.len() {
        4 => format!("{hi}-12-31"),
        7 => format!("{hi}-31"),
        _ => hi.to_string(),
    };
    (first, last)
}

/// A date and each less precise form of it: "2019-05-22", "2019-05",
/// "2019"; a period, and the month it lies within.
fn date_keys(d: &Date) -> impl Iterator<Item = &str> {
    let s = d.0.as_str();
    let (lo, hi) = d.period().unwrap_or((s, s));
    let shared = lo.bytes().zip(hi.bytes()).take_while(|(a, b)| a == b).count();
    let within = if d.period().is_some() { shared } else { s.len() };
    // A week nests in its month, not in its year: "this year" holds too many weeks.
    let widest = if d.period().is_some() { 7 } else { 4 };
    std::iter::once(s).chain(
        [7, 4]
            .into_iter()
            .filter(move |&n| n < s.len() && n <= within && lo.len() >= n && n >= widest)
            .map(move |n| &lo[..n]),
    )
}

/// Whether two date values are one date written more or less precisely:
/// "in May" and "May 22", "this month" and "last week" (a week within the
/// month), "Monday" and "this week" (a day within a period no longer than
/// a month).
fn dates_nest(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Date(x), Value::Date(y)) => {
            let inside = |p: &Date, q: &Date| date_keys(p).skip(1).any(|k| k == q.0);
            (x.period().is_none() && y.period().is_none() && (x.0.starts_with(&y.0) || y.0.starts_with(&x.0)))
                || inside(x, y)
                || inside(y, x)
                || day_in_period(x, y)
                || day_in_period(y, x)
        }
        _ => true,
    }
}

/// The longest period a day is read as lying within: a week, a fortnight,
/// a month; not a season or a year of weeks.
const DAY_IN_PERIOD_DAYS: i64 = 31;

/// Letters a word needs to say what a sentence is about: shorter ones are
/// mostly the words every sentence has.
const TELLING_WORD_LETTERS: usize = 6;

/// Whether two sentences share a telling word, read by its first letters
/// so that "release" finds "released". Names are left out: a story's
/// names run through all its sentences, its events do not.
fn sentences_share_word(a: &str, b: &str) -> bool {
    let stems = |s: &str| -> Vec<String> {
        s.split(|ch: char| !ch.is_alphanumeric())
            .filter(|w| w.chars().count() >= TELLING_WORD_LETTERS && w.chars().all(char::is_lowercase))
            .map(|w| w.chars().take(TELLING_WORD_LETTERS - 1).flat_map(char::to_lowercase).collect())
            .collect()
    };
    let ours = stems(a);
    stems(b).iter().any(|w| ours.contains(w))
}

/// Whether `day` is a single day inside the short period `period`.
fn day_in_period(day: &Date, period: &Date) -> bool {
    let Some((lo, hi)) = period.period() else { return false };
    if day.period().is_some() || day.0.len() != 10 || lo.len() != 10 || hi.len() != 10 {
        return false;
    }
    let short = matches!((day_number(lo), day_number(hi)), (Some(a), Some(b)) if b - a < DAY_IN_PERIOD_DAYS);
    short && lo <= day.0.as_str() && day.0.as_str() <= hi
}

/// Whether two dates can be the same time: one within the other ("in
/// March" and "March 8"), or their periods overlapping ("Monday" and "this week").
fn dates_meet(x: &Date, y: &Date) -> bool {
    let ((a0, a1), (b0, b1)) = (date_span(x), date_span(y));
    x.0.starts_with(&y.0) || y.0.starts_with(&x.0) || (a0 <= b1 && b0 <= a1)
}

fn same_value(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Figure(x), Value::Figure(y)) => figures_agree(x, y),
        _ => a == b,
    }
}

/// The same statement of a figure: qualifier, unit and value within rounding.
fn figures_agree(x: &Figure, y: &Figure) -> bool {
    if family(x) != family(y) || x.unit != y.unit || x.qualifier != y.qualifier {
        return false;
    }
    let tol = rounding_tolerance(x, y);
    let near = |a: Option<f64>, b: Option<f64>| match (a, b) {
        (Some(a), Some(b)) => (a - b).abs() <= tol,
        (None, None) => true,
        _ => false,
    };
    near(x.amount, y.amount) && near(x.low, y.low) && near(x.high, y.high)
}

/// Whether two figures state one amount, plainly or with a hedge ("about",
/// "some", "more than", "as much as": the stories' gold reads a bound on the
/// very figure another source gives as that figure hedged): the same unit,
/// no range, and amounts within the rounding of the less precise.
fn same_figure_hedged(x: &Figure, y: &Figure) -> bool {
    let plain_or_hedged =
        |f: &Figure| f.kind != crate::quantity::Kind::Range && f.low_qualifier.is_none() && f.high_qualifier.is_none();
    if family(x) != family(y) || x.unit != y.unit || !plain_or_hedged(x) || !plain_or_hedged(y) {
        return false;
    }
    let tol = rounding_tolerance(x, y);
    matches!((x.amount, y.amount), (Some(a), Some(b)) if (a - b).abs() <= tol)
}

/// How far apart two figures' amounts may be and still be one figure
/// rounded: half the coarser step (and a hair for floating point).
fn rounding_tolerance(x: &Figure, y: &Figure) -> f64 {
    x.step.max(y.step) / 2.0 + 1e-9 * magnitude(x).abs().max(1.0)
}

/// Minutes between two times of day ("HH:MM"), the shorter way round the
/// clock ("23:50" and "00:10" are 20 minutes apart).
fn minutes_apart(a: &str, b: &str) -> Option<i64> {
    let minutes = |t: &str| -> Option<i64> {
        let (h, m) = t.split_once(':')?;
        Some(h.parse::<i64>().ok()? * 60 + m.parse::<i64>().ok()?)
    };
    let d = (minutes(a)? - minutes(b)?).rem_euclid(24 * 60);
    Some(d.min(24 * 60 - d))
}

/// Figures comparable with each other: a range of counts with a count, a range of money with money.
fn family(f: &Figure) -> &'static str {
    match (f.kind, f.unit.as_deref()) {
        (crate::quantity::Kind::Money, _) | (crate::quantity::Kind::Range, Some(_))
            if f.unit.as_deref() != Some("percent") && f.unit.as_deref() != Some("pp") =>
        {
            "money"
        }
        (_, Some("percent")) | (_, Some("pp")) => "percent",
        _ => "count",
    }
}

fn magnitude(f: &Figure) -> f64 {
    f.amount.or(f.low).or(f.high).unwrap_or(0.0)
}

fn figure_direction(v: &Value) -> Option<Direction> {
    match v {
        Value::Figure(f) => {
            let m = magnitude(f);
            (m != 0.0).then_some(if m < 0.0 { Direction::Down } else { Direction::Up })
        }
        Value::Qualitative { direction, .. } => *direction,
        _ => None,
    }
}

/// Days since 1970 of "YYYY-MM-DD" (or the first of the month / year for "YYYY-MM", "YYYY").
fn day_number(date: &str) -> Option<i64> {
    // Nearly every date a claim carries is a full ISO date: read at once.
    if let [y0, y1, y2, y3, b'-', m0, m1, b'-', d0, d1] = *date.as_bytes() {
        let digits = [y0, y1, y2, y3, m0, m1, d0, d1];
        if digits.iter().all(u8::is_ascii_digit) {
            let n = |ds: &[u8]| ds.iter().fold(0i64, |n, &b| n * 10 + i64::from(b - b'0'));
            let (m, d) = (n(&digits[4..6]), n(&digits[6..]));
            return ((1..=12).contains(&m) && (1..=31).contains(&d)).then(|| days_from_civil(n(&digits[..4]), m, d));
        }
    }
    day_number_parsed(date)
}

/// [`day_number`] of any date, read part by part.
fn day_number_parsed(date: &str) -> Option<i64> {
    let mut parts = date.split('-');
    let y: i64 = parts.next()?.parse().ok()?;
    let m: i64 = parts.next().map_or(Some(1), |p| p.parse().ok())?;
    let d: i64 = parts.next().map_or(Some(1), |p| p.parse().ok())?;
    // Only days of the calendar, in years a story can date: a date off it
    // ("2000-01-9223372036854764846") dates nothing.
    let on_calendar = (-9999..=9999).contains(&y) && (1..=12).contains(&m) && (1..=31).contains(&d);
    on_calendar.then(|| days_from_civil(y, m, d))
}

/// Days since 1970 of year `y`, month `m`, day `d` (Howard Hinnant's algorithm).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// "2019-05-22" as "22 May 2019".
pub fn human_date(date: &str) -> String {
    const MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    let parts: Vec<&str> = date.split('-').collect();
    let month = |m: &str| m.parse::<usize>().ok().and_then(|m| MONTHS.get(m.wrapping_sub(1))).copied();
    match parts.as_slice() {
        [y, m, d] => match (month(m), d.parse::<u32>()) {
            (Some(m), Ok(d)) => format!("{d} {m} {y}"),
            _ => date.to_string(),
        },
        [y, m] => month(m).map_or(date.to_string(), |m| format!("{m} {y}")),
        _ => date.to_string(),
    }
}

fn span(days: i64) -> String {
    if days >= 730 {
        format!("{} years", days / 365)
    } else if days >= 60 {
        format!("{} months", (days as f64 / 30.44).round() as i64)
    } else {
        format!("{days} days")
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
    use crate::quantity::Kind;

    #[test]
    fn dates_count_days() {
        assert_eq!(day_number("1970-01-01"), Some(0));
        assert_eq!(day_number("2019-10-08").unwrap() - day_number("2019-05-22").unwrap(), 139);
        assert_eq!(human_date("2019-05-22"), "22 May 2019");
        assert_eq!(span(139), "5 months");
    }

    #[test]
    fn test_days_are_counted_from_new_year_2019() {
        let c = claim(0, 0, Value::Date(Date("2019".into())), Some(400));
        assert_eq!(day_number(c.as_of.as_deref().unwrap()), Some(day_number("2019-01-01").unwrap() + 400));
    }

    /// A claim for the tests: `value` stated by `source` on `day` (days after 2019-01-01).
    fn claim(source: usize, start: usize, value: Value, day: Option<i64>) -> Claim {
        // Day `d` of 2019 (and on into 2020), as "YYYY-MM-DD".
        let as_of = day.map(|mut d| {
            let lengths = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
            let (mut year, mut month) = (2019, 0);
            while d >= lengths[month] + i64::from(year == 2020 && month == 1) {
                d -= lengths[month] + i64::from(year == 2020 && month == 1);
                month += 1;
                if month == 12 {
                    (year, month) = (year + 1, 0);
                }
            }
            format!("{year}-{:02}-{:02}", month + 1, d + 1)
        });
        Claim {
            source: format!("s{source}").into(),
            line: 1,
            column: 1,
            text: String::new(),
            sentence: "".into(),
            subject: "Acme".into(),
            measure: "m".into(),
            value,
            attributed_to: None,
            as_of,
            start,
            end: start + 1,
            as_of_stated: true,
            restated: false,
            story: 0,
            in_base_unit: None,
        }
    }

    fn figure(kind: Kind, amount: f64, qualifier: Qualifier, step: f64, unit: Option<&str>) -> Value {
        let iv = qualifier.interval(amount);
        Value::Figure(Figure {
            kind,
            amount: Some(amount),
            low: iv.low,
            high: iv.high,
            unit: unit.map(str::to_string),
            qualifier,
            low_qualifier: None,
            high_qualifier: None,
            alt: None,
            step,
            vague: false,
        })
    }

    fn comparer(event: bool, drifts: bool) -> Comparer {
        let mut c = Comparer::new(&RuleSet::builtin());
        c.event.insert("m".into(), event);
        c.drifts.insert("m".into(), drifts);
        c
    }

    proptest::proptest! {
        /// The size index only skips facts that could not take the claim:
        /// grouping with it equals grouping against every fact near in time.
        #[test]
        fn size_index_groups_as_trying_every_fact(
            specs in proptest::collection::vec(
                (0usize..6, 0usize..8, -3i32..12, 0usize..8, 0usize..3, proptest::option::weighted(0.8, 0i64..400)),
                1..120,
            ),
            event in proptest::bool::ANY,
            drifts in proptest::bool::ANY,
        ) {
            let qualifiers = [
                Qualifier::Exact, Qualifier::About, Qualifier::Nearly, Qualifier::MoreThan,
                Qualifier::AtLeast, Qualifier::LessThan, Qualifier::UpTo, Qualifier::Exact,
            ];
            let claims: Vec<Claim> = specs
                .iter()
                .enumerate()
                .map(|(k, &(source, q, power, mantissa, kind, day))| {
                    let amount = match power {
                        -3 => 0.0,
                        -2 => -(mantissa as f64 + 1.0) * 1.5,
                        p => (mantissa as f64 + 1.0) * 1.37f64.powi(p * 3),
                    };
                    let value = match kind {
                        0 => figure(Kind::Number, amount, qualifiers[q], 1.0, None),
                        1 => figure(Kind::Money, amount, qualifiers[q], 0.1, Some("USD")),
                        _ => Value::Date(Date(format!("2019-0{}", 1 + mantissa % 9))),
                    };
                    claim(source, k, value, day)
                })
                .collect();
            let refs: Vec<&Claim> = claims.iter().collect();
            let c = comparer(event, drifts);
            proptest::prop_assert_eq!(c.cluster_with("m", &refs, true), c.cluster_with("m", &refs, false));
        }
    }

    #[test]
    fn explanations_name_a_few_sources_and_count_the_rest() {
        let c = comparer(false, false);
        let claims: Vec<Claim> =
            (0..9).map(|k| claim(k, k, figure(Kind::Number, 5.0, Qualifier::Exact, 1.0, None), Some(3))).collect();
        let (verdict, explanation) = c.judge("m", &claims);
        assert_eq!(verdict, Verdict::Agree);
        assert!(explanation.starts_with("9 sources give the same figure: "), "{explanation}");
        assert!(explanation.contains("(s4, ") && !explanation.contains("(s5, "), "{explanation}");
        assert!(explanation.ends_with("; and 4 more."), "{explanation}");
    }

    #[test]
    fn a_bare_count_or_length_of_time_groups_only_with_its_own_figure_or_one_near_it() {
        let c = Comparer::new(&RuleSet::builtin());
        let count = |source, n: f64| claim(source, 0, figure(Kind::Number, n, Qualifier::Exact, 1.0, None), Some(3));
        // "their three children" and "a family of five": two facts, no contradiction.
        let (three, five) = (count(0, 3.0), count(1, 5.0));
        assert_eq!(c.cluster("count", &[&three, &five]).len(), 2);
        // A count with a measure is one fact stated two ways: they contradict.
        assert_eq!(c.cluster("death_toll", &[&three, &five]).len(), 1);
        // "68" and "69" may be one fact told apart; "3" and "3" are one.
        let (a, b) = (count(0, 68.0), count(1, 69.0));
        assert_eq!(c.cluster("count", &[&a, &b]).len(), 1);
        let again = count(2, 3.0);
        assert_eq!(c.cluster("count", &[&three, &five, &again]).len(), 2);
        // "in the past 25 years" and "30 years ago": two lengths of time, no contradiction.
        let years =
            |source, n: f64| claim(source, 0, figure(Kind::Number, n, Qualifier::Exact, 1.0, Some("years")), Some(3));
        assert_eq!(c.cluster("duration", &[&years(0, 25.0), &years(1, 30.0)]).len(), 2);
        assert_eq!(c.cluster("duration", &[&years(0, 108.0), &years(1, 108.0)]).len(), 1);
        // "five outs" and "four outs": a count named only by its noun says as
        // little of which outs it counts, so two values are two facts.
        assert_eq!(c.cluster("count:outs", &[&count(0, 5.0), &count(1, 4.0)]).len(), 2);
        assert_eq!(c.cluster("count:outs", &[&count(0, 5.0), &count(1, 5.0)]).len(), 1);
    }

    #[test]
    fn a_source_restating_its_figure_less_precisely_speaks_of_one_fact() {
        let c = Comparer::new(&RuleSet::builtin());
        let years = |source, n: f64, q| claim(source, 0, figure(Kind::Number, n, q, 1.0, Some("years")), Some(3));
        // Source 0 says "a 108-year wait" and "more than a century", and
        // "68 years" of another team: the first two are one fact.
        let (exact, hedged, other) =
            (years(0, 108.0, Qualifier::Exact), years(0, 100.0, Qualifier::MoreThan), years(0, 68.0, Qualifier::Exact));
        let by_another = years(1, 100.0, Qualifier::MoreThan);
        let facts = c.cluster("wait", &[&exact, &hedged, &other, &by_another]);
        assert_eq!(facts.len(), 2, "{facts:?}");
        assert!(facts.iter().any(|f| f.len() == 3 && f.contains(&0) && f.contains(&1) && f.contains(&3)));
        // Two values that cannot both hold stay two facts: "10 dead" and "12 dead".
        let (ten, twelve) = (years(0, 10.0, Qualifier::Exact), years(0, 12.0, Qualifier::Exact));
        assert_eq!(c.cluster("wait", &[&ten, &twelve]).len(), 2);
    }

    #[test]
    fn a_source_stating_several_values_still_contradicts_another_on_its_nearest() {
        let c = Comparer::new(&RuleSet::builtin());
        let usd = |source, billions: f64| {
            claim(source, 0, figure(Kind::Money, billions * 1e9, Qualifier::Exact, 1e8, Some("USD")), Some(3))
        };
        // Source 0: a $121 billion bid, a $103 billion first bid, $146 billion
        // with debt. Source 1: the bid, the first bid, $148.9 billion with debt.
        let ours = [usd(0, 121.0), usd(0, 103.0), usd(0, 146.0)];
        let theirs = [usd(1, 121.0), usd(1, 103.0), usd(1, 148.9)];
        let block: Vec<&Claim> = ours.iter().chain(&theirs).collect();
        let facts = c.cluster("m", &block);
        assert_eq!(facts.len(), 3, "{facts:?}");
        // The two values with debt, each its source's nearest to the other, are one fact in conflict.
        assert!(facts.iter().any(|f| f.len() == 2 && f.contains(&2) && f.contains(&5)), "{facts:?}");
        // A value a tenth or more away from the other source's stays a fact of its own:
        // $146 billion and $125 billion are two figures, not one contradicted.
        let far = [usd(0, 121.0), usd(0, 146.0), usd(1, 125.0)];
        let block: Vec<&Claim> = far.iter().collect();
        let facts = c.cluster("m", &block);
        assert!(!facts.iter().any(|f| f.contains(&1) && f.contains(&2)), "{facts:?}");
    }

    #[test]
    fn an_events_figures_of_one_day_are_one_fact_whatever_their_size() {
        let c = comparer(true, true);
        let pct = |source, n: f64, day| {
            claim(source, 0, figure(Kind::Percent, n, Qualifier::Exact, 0.1, Some("percent")), Some(day))
        };
        // "edged up 0.2 percent" and "fell 3%" of one stock on one day: one move, told two ways.
        let (up, down) = (pct(0, 0.2, 40), pct(1, -3.0, 40));
        assert_eq!(c.cluster("m", &[&up, &down]).len(), 1);
        // A week later it is another day's move.
        let later = pct(1, -3.0, 47);
        assert_eq!(c.cluster("m", &[&up, &later]).len(), 2);
        // One source's two moves of a day ("opened 5% lower, closed 1% higher") stay two.
        let (opened, closed) = (pct(0, -5.0, 40), pct(0, 1.0, 40));
        assert_eq!(c.cluster("m", &[&opened, &closed]).len(), 2);
    }

    #[test]
    fn a_hedge_loosens_a_figure_by_no_more_than_the_unit_it_is_rounded_to() {
        let c = Comparer::new(&RuleSet::builtin());
        let about = |n: f64, step: f64| match figure(Kind::Money, n, Qualifier::About, step, Some("USD")) {
            Value::Figure(f) => c.interval(&f),
            _ => unreachable!(),
        };
        // "some $146 billion": 145 to 147 billion, not 10% either way.
        let iv = about(146e9, 1e9);
        assert!(iv.low.unwrap() >= 144e9 && iv.high.unwrap() <= 148e9, "{iv:?}");
        // "about 130": rounded to ten, so 120 to 140; "about 2,000": a tenth, not a thousand.
        let iv = about(130.0, 1.0);
        assert!(iv.low.unwrap() <= 120.5 && iv.high.unwrap() >= 139.5, "{iv:?}");
        let iv = about(2000.0, 1.0);
        assert!(iv.low.unwrap() >= 1799.0 && iv.high.unwrap() <= 2201.0, "{iv:?}");
        assert_eq!(rounded_to(3700.0, 1.0), 100.0);
        assert_eq!(rounded_to(2.6, 0.1), 0.1);
        assert_eq!(rounded_to(250.0, 1.0), 50.0);
        assert_eq!(rounded_to(5.0, 1.0), 1.0);
        assert_eq!(rounded_to(0.0, 1.0), 1.0);
    }

    #[test]
    fn one_figure_stated_plainly_hedged_or_bounded_agrees() {
        let c = Comparer::new(&RuleSet::builtin());
        let money =
            |source, n: f64, q: Qualifier| claim(source, 0, figure(Kind::Money, n, q, 1e6, Some("USD")), Some(3));
        let verdict = |claims: Vec<Claim>| c.judge("amount", &claims).0;
        // "about $140 million in tax savings" and "worth $140 million".
        assert_eq!(verdict(vec![money(0, 140e6, Qualifier::About), money(1, 140e6, Qualifier::Exact)]), Verdict::Agree);
        // "more than $140 million" and "as much as $140 million" state the same figure, hedged.
        assert_eq!(
            verdict(vec![money(0, 140e6, Qualifier::MoreThan), money(1, 140e6, Qualifier::Exact)]),
            Verdict::Agree
        );
        assert_eq!(verdict(vec![money(0, 140e6, Qualifier::UpTo), money(1, 140e6, Qualifier::Exact)]), Verdict::Agree);
        // A bound on another figure only fits it: "more than $100 million" and "$140 million".
        assert_eq!(
            verdict(vec![money(0, 100e6, Qualifier::MoreThan), money(1, 140e6, Qualifier::Exact)]),
            Verdict::Compatible
        );
        // "about 3,700 km" and "about 2,300 miles" (3,701 km, written to the hundred miles).
        let km = |source, n: f64, step: f64| {
            claim(source, 0, figure(Kind::Number, n, Qualifier::About, step, Some("km")), Some(3))
        };
        assert_eq!(verdict(vec![km(0, 3700.0, 1.0), km(1, 2300.0 * 1.609344, 160.9344)]), Verdict::Agree);
        // "about $146 million" and "$148.9 million" are two figures.
        assert_ne!(
            verdict(vec![money(0, 146e6, Qualifier::About), money(1, 148.9e6, Qualifier::Exact)]),
            Verdict::Agree
        );
    }

    #[test]
    fn quotes_of_one_trading_day_conflict_only_at_the_same_moment() {
        let c = Comparer::new(&RuleSet::builtin());
        let quote = |source, n: f64, sentence: &str| Claim {
            sentence: sentence.into(),
            ..claim(source, 0, figure(Kind::Percent, n, Qualifier::Exact, 0.1, Some("percent")), Some(40))
        };
        let verdict = |claims: Vec<Claim>| c.judge("share_price_change", &claims).0;
        // Quoted at 9:34 a.m. and at mid-afternoon: both may be true.
        let morning = quote(0, -1.5, "Acme shares fell 1.5 percent at 9:34 a.m. in New York.");
        let afternoon = quote(1, -4.3, "Acme shares fell 4.3 percent at mid-afternoon.");
        assert_eq!(verdict(vec![morning.clone(), afternoon]), Verdict::Compatible);
        // Both at the open: one moment, two figures.
        let open_a = quote(0, -10.0, "Acme shares opened 10% lower.");
        let open_b = quote(1, -4.0, "Shares in Acme opened 4 percent down.");
        assert_eq!(verdict(vec![open_a, open_b]), Verdict::Conflict);
        // A measure that is not quoted through the day keeps its conflict.
        let toll = |source, n: f64| claim(source, 0, figure(Kind::Number, n, Qualifier::Exact, 1.0, None), Some(40));
        assert_eq!(c.judge("death_toll", &[toll(0, 12.0), toll(1, 14.0)]).0, Verdict::Conflict);
    }

    #[test]
    fn the_measures_that_name_no_fact_come_from_the_rules() {
        let c = Comparer::new(&RuleSet::builtin());
        assert!(c.names_no_fact("count") && c.names_no_fact("count:outs") && c.names_no_fact("duration"));
        assert!(!c.names_no_fact("death_toll") && !c.names_no_fact("counter"));
        assert!(c.dates_of_many_events("event_date") && !c.dates_of_many_events("launch_date"));
    }

    #[test]
    fn neighbouring_whole_numbers_cannot_both_hold() {
        let c = Comparer::new(&RuleSet::builtin());
        let count = |source, n: f64, q: Qualifier| claim(source, 0, figure(Kind::Number, n, q, 1.0, None), Some(3));
        let verdict = |claims: Vec<Claim>| c.judge("death_toll", &claims).0;
        // "58 dead" and "59 dead"; "on lap 13" and "on lap 14".
        let exact = Qualifier::Exact;
        assert_eq!(verdict(vec![count(0, 58.0, exact), count(1, 59.0, exact)]), Verdict::Conflict);
        // "at least 10" and "9": the bound excludes the figure.
        assert_eq!(verdict(vec![count(0, 10.0, Qualifier::AtLeast), count(1, 9.0, exact)]), Verdict::Conflict);
        // "about 60" still takes in 59.
        assert_eq!(verdict(vec![count(0, 60.0, Qualifier::About), count(1, 59.0, exact)]), Verdict::Compatible);
    }

    #[test]
    fn a_day_nests_in_a_week_or_month_around_it_not_in_a_year_of_weeks() {
        let date = |s: &str| Value::Date(Date(s.into()));
        let this_week = date("2017-09-11/2017-09-17");
        assert!(dates_nest(&date("2017-09-11"), &this_week));
        assert!(dates_nest(&this_week, &date("2017-09-17")));
        assert!(!dates_nest(&date("2017-09-18"), &this_week));
        assert!(dates_nest(&this_week, &date("2017-09")));
        // "earlier this year" is no day's period.
        assert!(!dates_nest(&date("2017-03-08"), &date("2017-01-01/2017-08-31")));
        // A week's claim finds the day stated before it, and a day the week,
        // when their sentences tell of one event.
        let c = Comparer::new(&RuleSet::builtin());
        let on =
            |source, d: &str, sentence: &str| Claim { sentence: sentence.into(), ..claim(source, 0, date(d), Some(3)) };
        let monday = on(0, "2017-09-11", "The council approved sanctions on Monday.");
        let week = on(1, "2017-09-11/2017-09-17", "New sanctions were adopted this week.");
        assert_eq!(c.cluster("event_date", &[&monday, &week]).len(), 1);
        assert_eq!(c.cluster("event_date", &[&week, &monday]).len(), 1);
        assert_eq!(c.judge("event_date", &[monday.clone(), week]).0, Verdict::Compatible);
        // A week of another event stays apart, whatever names the sentences share.
        let other = on(1, "2017-09-11/2017-09-17", "The Council said this week it would meet.");
        assert_eq!(c.cluster("event_date", &[&monday, &other]).len(), 2);
        // One source telling the date twice, less precisely the second time:
        // one fact, and differing precision makes it compatible.
        let signed = on(0, "2017-12-18/2017-12-24", "The tax overhaul was signed into law last week.");
        let again = Claim { start: 1, ..on(0, "2017-12", "The measure signed into law this month helps banks.") };
        let elsewhere = on(1, "2017-12-18/2017-12-24", "The law was signed last week.");
        let block = [&signed, &again, &elsewhere];
        assert_eq!(c.cluster("event_date", &block).len(), 1);
        assert_eq!(c.judge("event_date", &[signed, again, elsewhere]).0, Verdict::Compatible);
    }

    #[test]
    fn times_of_day_far_apart_are_two_events_near_ones_one() {
        let c = Comparer::new(&RuleSet::builtin());
        let time = |source, t: &str| {
            claim(source, 0, Value::Time(crate::claim::TimeOfDay { time: t.into(), zone: None }), Some(3))
        };
        // A takeoff at 12:10 and an arrival at 2:15: two times, no contradiction.
        assert_eq!(c.cluster("event_time", &[&time(0, "12:10"), &time(1, "02:15")]).len(), 2);
        // "00:48" and "12:47 a.m.": one moment stated two ways, in conflict.
        let (a, b) = (time(0, "00:48"), time(1, "00:47"));
        assert_eq!(c.cluster("event_time", &[&a, &b]).len(), 1);
        assert_eq!(c.judge("event_time", &[a, b]).0, Verdict::Conflict);
        // Across midnight, the shorter way round the clock.
        assert_eq!(minutes_apart("23:50", "00:10"), Some(20));
        // "10 p.m." is read to the half hour: "10:08 p.m." may be it.
        assert_eq!(c.judge("event_time", &[time(0, "22:00"), time(1, "22:08")]).0, Verdict::Compatible);
    }

    #[test]
    fn the_farthest_pair_of_days_is_the_first_in_order() {
        assert_eq!(farthest_apart(&[Some(5), None, Some(1), Some(9), Some(1)]), Some((2, 3, 8)));
        assert_eq!(farthest_apart(&[Some(9), Some(1), Some(1)]), Some((0, 1, 8)));
        assert_eq!(farthest_apart(&[None, Some(4)]), None);
        assert_eq!(farthest_apart(&[None, None]), None);
    }

    proptest::proptest! {
        /// Values are the same statement exactly when their JSON is.
        #[test]
        fn stated_values_are_equal_when_their_json_is(
            a in (0usize..4, -3i32..4, 0usize..3, 0usize..2),
            b in (0usize..4, -3i32..4, 0usize..3, 0usize..2),
        ) {
            let value = |(q, n, unit, step): (usize, i32, usize, usize)| {
                let qualifier = [Qualifier::Exact, Qualifier::About, Qualifier::MoreThan, Qualifier::UpTo][q];
                let amount = match n {
                    -3 => -0.0,
                    -2 => 0.0,
                    n => f64::from(n) * 0.5,
                };
                figure(Kind::Number, amount, qualifier, [1.0, 0.1][step], [None, Some("USD"), Some("percent")][unit])
            };
            let (x, y) = (value(a), value(b));
            let json = serde_json::to_string(&x).unwrap() == serde_json::to_string(&y).unwrap();
            proptest::prop_assert_eq!(Stated(&x) == Stated(&y), json);
            if json {
                let hash = |v: &Value| {
                    use std::hash::{BuildHasher, BuildHasherDefault};
                    BuildHasherDefault::<rustc_hash::FxHasher>::default().hash_one(Stated(v))
                };
                proptest::prop_assert_eq!(hash(&x), hash(&y));
            }
        }
    }

    proptest::proptest! {
        /// A full ISO date is read at once, and to the same day as parsing it.
        #[test]
        fn dates_read_at_once_count_the_days_parsing_counts(
            date in proptest::prop_oneof![
                "[0-9]{4}-[0-9]{2}-[0-9]{2}",
                "[0-9+-]{0,3}[0-9]{1,4}(-[0-9+]{1,2}(-[0-9+x]{1,3})?)?",
            ],
        ) {
            proptest::prop_assert_eq!(day_number(&date), day_number_parsed(&date));
        }
    }

    proptest::proptest! {
        /// Slots gathered from parts, put in an order and cut from the end
        /// hold what the parts held, in that order, whatever the sizes.
        #[test]
        fn slots_gather_permute_and_give_back_every_item_once(
            sizes in proptest::collection::vec(0usize..300, 0..8),
            seed in 0u64..1000,
            cuts in proptest::collection::vec(1usize..200, 0..20),
        ) {
            let mut next = 0;
            let parts: Vec<Vec<usize>> = sizes.iter().map(|&n| (0..n).map(|_| { next += 1; next - 1 }).collect()).collect();
            let total = next;
            // A permutation from the seed: positions sorted by a hash of themselves.
            let mut order: Vec<usize> = (0..total).collect();
            order.sort_by_key(|&k| (k as u64 ^ seed).wrapping_mul(0x9E37_79B9_7F4A_7C15));
            let mut slots = Slots::gather(parts);
            proptest::prop_assert_eq!(slots.len, total);
            slots.permute(&order);
            let mut back: Vec<Vec<usize>> = Vec::new();
            let mut left = total;
            for &cut in cuts.iter().chain(std::iter::repeat(&usize::MAX)) {
                if left == 0 {
                    break;
                }
                let n = cut.min(left);
                back.push(slots.split_off_last(n));
                left -= n;
            }
            back.reverse();
            proptest::prop_assert_eq!(back.concat(), order);
            proptest::prop_assert!(slots.runs.is_empty());
        }
    }

    #[test]
    fn slugs_are_stable() {
        assert_eq!(slug("Xiamen Meiya Pico"), "xiamen-meiya-pico");
        assert_eq!(slug(""), "unknown");
    }
}

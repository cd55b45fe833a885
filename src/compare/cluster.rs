//! Clustering: a block's claims (one subject, one measure, one story) split
//! into facts, each claim tried only against the facts near it in time and
//! size, as the candidate indexes find them.

use super::affinity::{family, figure_direction, near_counts, nearest_of, same_value};
use super::dates::{date_keys, dates_nest, day_number, one_step_finer, sentences_share_word, telling_stems};
use super::index::{recent, SizeKind, Stated, MAX_TRIED, SIZE_REACH};
use super::Comparer;
use crate::claim::{Claim, Direction, Figure, Value, SCORE_MEASURE};
use crate::date::Date;
use crate::prefetch::prefetch;
use rustc_hash::FxHashMap as HashMap;
use std::collections::BTreeMap;

/// How many of a fact's sources a nested date's sentence is held against
/// to tell whether they speak of one event: enough to tell, and a fact
/// stated by thousands of sources costs no more than one stated by a few.
const TOLD_ALIKE_TRIED: usize = 8;

/// How many claims ahead of the one it reads the comparer asks for the
/// text a claim points to, and for a claim moving into its group; it asks
/// for the claim itself twice as far ahead (see [`crate::prefetch`]).
/// 4 to 24 measured alike.
const PREFETCH_AHEAD: usize = 8;

impl Comparer {
    /// Splits a block into facts. Each claim is compared with one
    /// representative per fact and looked up by source, and only with the
    /// facts that can share it: near it in time, and (for a figure) near its
    /// size. A block of n claims costs about n × (facts nearby), not n².
    /// Returns positions in `block`.
    pub(super) fn cluster(&self, measure: &str, block: &[&Claim]) -> Vec<Vec<usize>> {
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
            /// The telling words of its first sources' sentences (dates of
            /// many events only), and how many sources they were read from.
            stems: Vec<String>,
            stemmed: usize,
        }
        impl<'a> Fact<'a> {
            /// A fact started by claim `pos`, dated `d`.
            fn new(pos: usize, c: &'a Claim, d: Option<i64>) -> Self {
                Fact {
                    claims: vec![pos],
                    rep: c,
                    by_source: HashMap::from_iter([(&*c.source, c)]),
                    days: d.map(|d| (d, d)),
                    months: Vec::new(),
                    undated: d.is_none(),
                    stems: Vec::new(),
                    stemmed: 0,
                }
            }

            /// Reads the telling words of a source's sentence, for the first few sources.
            fn learn_words(&mut self, sentence: &str) {
                if self.stemmed < TOLD_ALIKE_TRIED {
                    self.stemmed += 1;
                    for stem in telling_stems(sentence) {
                        if !self.stems.contains(&stem) {
                            self.stems.push(stem);
                        }
                    }
                }
            }
        }
        let weighs_words = self.dates_of_many_events(measure);
        let is_event = self.event.get(measure).copied().unwrap_or(false);
        let drifts = self.drifts.get(measure).copied().unwrap_or(false);
        // A sum of money that neither drifts nor belongs to one day, dated
        // only by its publication, is of no particular time ("Broadcom's
        // original $105 billion approach", told months later): near every time.
        let timeless = |c: &Claim| {
            !(c.as_of_stated || is_event || drifts)
                && matches!(c.compared(), Value::Figure(f) if f.kind == crate::quantity::Kind::Money)
        };
        let day = |c: &Claim| if timeless(c) { None } else { c.as_of.as_deref().and_then(day_number) };
        let within = |f: &Fact, d: Option<i64>, limit: i64| match (f.days, d) {
            (Some((lo, hi)), Some(d)) => (d - lo).abs() <= limit && (d - hi).abs() <= limit,
            _ => false,
        };
        // Near one end of the fact's time: a fact told in November and
        // again in February is near a claim of either.
        let near_end = |f: &Fact, d: Option<i64>, limit: i64| match (f.days, d) {
            (Some((lo, hi)), Some(d)) => (d - lo).abs() <= limit || (d - hi).abs() <= limit,
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
            // The claim's telling words, read once it is weighed against a fact's.
            let mut our_stems: Option<Vec<String>> = None;
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
                        // "more than 200 girls" and "276 girls".
                        || self.meets_bound(o.compared(), c.compared())
                        // "signed into law last week" and "signed into law this month".
                        || (generic_date
                            && dates_nest(o.compared(), c.compared())
                            && sentences_share_word(&o.sentence, &c.sentence));
                    if !same_value(o.compared(), c.compared()) && !restates {
                        continue;
                    }
                    // Two dates in one source are two events unless the sentence repeats.
                    // (A date no rule names is one fact per date: it names no event to tell apart.
                    // A date a rule names, even of many events, names one: "said on May 22"
                    // twice in one source is two statements.)
                    if matches!(c.compared(), Value::Date(_))
                        && !(generic_date && self.restater.is_generic(measure))
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
                // (Words are weighed for the same date only when another fact could take it.)
                let weigh_words = self.dates_of_many_events(measure) && (score < 3 || candidates.len() > 1);
                let told_alike = weigh_words && {
                    let stems = our_stems.get_or_insert_with(|| telling_stems(&c.sentence));
                    stems.iter().any(|s| f.stems.contains(s))
                };
                if score < 3 && self.dates_of_many_events(measure) && !told_alike {
                    continue;
                }
                let rank = u8::from(told_alike) * 8 + score;
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
                // (A year and a month in it, or a month and a day in it, are
                // one date told more or less precisely, however far apart
                // their first days.)
                let one_date_told_twice = generic_date && one_step_finer(f.rep.compared(), c.compared());
                if !drifts
                    && !one_date_told_twice
                    && score < 3
                    && !near_end(f, d, self.same_time_days)
                    && f.days.is_some()
                    && d.is_some()
                {
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
                    let new_source = !f.by_source.contains_key(&*c.source);
                    f.by_source.entry(&*c.source).or_insert(c);
                    if weighs_words && new_source {
                        f.learn_words(&c.sentence);
                    }
                    f.days = match (f.days, d) {
                        (Some((lo, hi)), Some(d)) => Some((lo.min(d), hi.max(d))),
                        (x, None) => x,
                        (None, Some(d)) => Some((d, d)),
                    };
                    k
                }
                None => {
                    facts.push(Fact::new(pos, c, d));
                    let k = facts.len() - 1;
                    if weighs_words {
                        facts[k].learn_words(&c.sentence);
                    }
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
                None => facts.push(Fact::new(pos, c, d)),
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
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compare::test_support::{claim, comparer, figure};
    use crate::quantity::{Kind, Qualifier};
    use crate::rules::RuleSet;

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
        // "more than 200 girls" and "276 girls" in one source, the same in
        // another: the figure meets the bound, so one fact.
        let girls = |source, n: f64, q| claim(source, 0, figure(Kind::Number, n, q, 1.0, None), Some(3));
        let block = [
            girls(0, 200.0, Qualifier::MoreThan),
            girls(0, 276.0, Qualifier::Exact),
            girls(1, 200.0, Qualifier::MoreThan),
            girls(1, 276.0, Qualifier::Exact),
        ];
        assert_eq!(c.cluster("abducted_count", &block.iter().collect::<Vec<_>>()).len(), 1);
        // "up to $2 billion" and "around $3 billion": the figure is beyond the bound.
        let usd = |n: f64, q| claim(0, 0, figure(Kind::Money, n * 1e9, q, 1e8, Some("USD")), Some(3));
        let (up_to, around) = (usd(2.0, Qualifier::UpTo), usd(3.0, Qualifier::About));
        assert_eq!(c.cluster("charge", &[&up_to, &around]).len(), 2);
        // A bound far below the figure says too little to be it: "more than 10" and "527".
        let (few, many) = (girls(0, 10.0, Qualifier::MoreThan), girls(0, 527.0, Qualifier::Exact));
        assert_eq!(c.cluster("injured_count", &[&few, &many]).len(), 2);
    }

    #[test]
    fn a_fact_told_months_apart_is_near_a_claim_of_either_time() {
        let c = Comparer::new(&RuleSet::builtin());
        let usd = |source, billions: f64, day| {
            claim(source, 0, figure(Kind::Money, billions * 1e9, Qualifier::Exact, 1e9, Some("USD")), Some(day))
        };
        // "$105 billion" told in January and again in April; "$103 billion" in January.
        let block = [usd(0, 105.0, 0), usd(1, 105.0, 100), usd(2, 103.0, 5)];
        let facts = c.cluster("bid", &block.iter().collect::<Vec<_>>());
        assert_eq!(facts.len(), 1, "{facts:?}");
        // Far from both times, another fact.
        let block = [usd(0, 105.0, 0), usd(1, 105.0, 100), usd(2, 103.0, 200)];
        assert_eq!(c.cluster("bid", &block.iter().collect::<Vec<_>>()).len(), 2);
    }

    #[test]
    fn a_sum_dated_only_by_its_publication_is_of_no_particular_time() {
        let c = Comparer::new(&RuleSet::builtin());
        let usd = |source, billions: f64, day, stated| {
            let mut claim =
                claim(source, 0, figure(Kind::Money, billions * 1e9, Qualifier::Exact, 1e9, Some("USD")), Some(day));
            claim.as_of_stated = stated;
            claim
        };
        // "the original $105 billion approach", published in February, and
        // "$103 billion on Nov. 6" (each source also states a later $121 billion).
        let block =
            [usd(0, 105.0, 100, false), usd(0, 121.0, 100, true), usd(1, 103.0, 0, true), usd(1, 121.0, 100, true)];
        let facts = c.cluster("bid", &block.iter().collect::<Vec<_>>());
        assert!(facts.iter().any(|f| f.contains(&0) && f.contains(&2)), "{facts:?}");
        // Stated in February, it is February's figure: another fact.
        let block =
            [usd(0, 105.0, 100, true), usd(0, 121.0, 100, true), usd(1, 103.0, 0, true), usd(1, 121.0, 100, true)];
        let facts = c.cluster("bid", &block.iter().collect::<Vec<_>>());
        assert!(!facts.iter().any(|f| f.contains(&0) && f.contains(&2)), "{facts:?}");
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
}

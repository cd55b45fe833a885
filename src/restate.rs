//! Facts restated in other words. One story states its figures again and
//! again, each time in other words: "has freed 21", "the 21 Chibok girls",
//! "Twenty-one of our girls". Extraction gives the first a particular
//! measure (released_count, from its verb) and the others a generic one
//! (count:girls, count), so the comparer, which groups by subject and
//! measure, would keep them apart. Within one story, a claim of a generic
//! measure that states the very figure or date a claim of a particular
//! measure states is that fact restated: it takes that claim's measure and
//! subject. Generic claims that state one figure and no particular claim
//! does take the measure and subject most of their sources use, and so
//! does a particular claim whose figure more sources give another measure
//! or subject.
//!
//! Only figures distinctive enough to name a fact by themselves are
//! matched: dates, times, money, figures with a unit, and counts of at
//! least `restated_count_min` ("two pilots" and "two children" are two facts).

use crate::claim::{Claim, Value};
use crate::quantity::{Kind, Qualifier};
use crate::rules::RuleSet;
use rustc_hash::{FxHashMap, FxHashSet};

/// Finds restated facts in one story's claims. Built once from `compare.yaml`.
#[derive(Debug, Clone)]
pub struct Restater {
    generic: FxHashSet<String>,
    count_min: f64,
    /// Families of measures that name one fact in other words (`same_measures`).
    families: Vec<Vec<String>>,
}

/// What a claim states, as far as naming a fact goes: its value, rounding
/// and hedges aside ("about $5 billion" restates "$5 billion").
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Stated {
    /// `side`: where the wording puts the amount against the figure:
    /// above it ("more than 200"), just short of it ("nearly 200") or at it
    /// ("200", "about 200", "as much as 200").
    Figure {
        kind: Kind,
        unit: Option<String>,
        amount: u64,
        side: std::cmp::Ordering,
    },
    Date(String),
    Time(String),
}

/// A measure and subject a group of claims shares.
type Fact = (String, String);

impl Restater {
    /// The generic measures of `compare.yaml`.
    pub fn new(rules: &RuleSet) -> Self {
        Restater {
            generic: rules.compare.generic_measures.iter().cloned().collect(),
            count_min: rules.compare.restated_count_min,
            families: rules.compare.same_measures.iter().filter(|f| f.len() > 1).cloned().collect(),
        }
    }

    /// Whether `measure` names no particular fact.
    pub fn is_generic(&self, measure: &str) -> bool {
        self.generic.contains(measure) || measure.split_once(':').is_some_and(|(head, _)| self.generic.contains(head))
    }

    /// Gives the claims of each family of measures (one story's) the
    /// family's measure most of their sources use; of two as common, the
    /// first listed.
    fn name_families(&self, claims: &mut [&mut Claim]) {
        for family in &self.families {
            let mut sources: Vec<FxHashSet<&str>> = vec![FxHashSet::default(); family.len()];
            for c in claims.iter() {
                if let Some(k) = family.iter().position(|m| *m == c.measure) {
                    sources[k].insert(&c.source);
                }
            }
            if sources.iter().filter(|s| !s.is_empty()).count() < 2 {
                continue;
            }
            let most = (0..family.len()).rev().max_by_key(|&k| sources[k].len()).expect("a family has members");
            let chosen = &family[most];
            for c in claims.iter_mut().filter(|c| c.measure != *chosen && family.contains(&c.measure)) {
                c.measure.clone_from(chosen);
                c.restated = true;
            }
        }
    }

    /// What `claim` states, when it is distinctive enough to name a fact.
    fn stated(&self, claim: &Claim) -> Option<Stated> {
        match claim.compared() {
            Value::Figure(f) => {
                let amount = f.amount.or(f.low).or(f.high)?;
                let unitless = f.unit.is_none() && matches!(f.kind, Kind::Number | Kind::Range);
                if unitless && amount.abs() < self.count_min {
                    return None;
                }
                // Six significant digits: a converted unit's rounding is not a difference.
                let rounded = format!("{amount:.6e}").parse::<f64>().ok()?;
                let side = match f.qualifier {
                    q if q.is_lower_bound() => std::cmp::Ordering::Greater,
                    Qualifier::Nearly => std::cmp::Ordering::Less,
                    _ => std::cmp::Ordering::Equal,
                };
                Some(Stated::Figure { kind: f.kind, unit: f.unit.clone(), amount: rounded.to_bits(), side })
            }
            Value::Date(d) => Some(Stated::Date(d.0.clone())),
            Value::Time(t) => Some(Stated::Time(t.time.clone())),
            Value::List { .. } | Value::Qualitative { .. } => None,
        }
    }

    /// Gives each generic claim of `claims` (one story's) that restates a
    /// fact that fact's measure and subject.
    pub fn restate(&self, claims: &mut [&mut Claim]) {
        self.name_families(claims);
        let keys: Vec<Option<Stated>> = claims.iter().map(|c| self.stated(c)).collect();
        // Per stated value: each (measure, subject) with the sources that state it.
        let mut by_value: FxHashMap<&Stated, FxHashMap<(&str, &str), FxHashSet<&str>>> = FxHashMap::default();
        for (c, key) in claims.iter().zip(&keys) {
            let Some(key) = key else { continue };
            let facts = by_value.entry(key).or_default();
            facts.entry((c.measure.as_str(), c.subject.as_str())).or_default().insert(&c.source);
        }
        // The fact most sources state; of two as common, the first by name.
        fn most_stated<'a>(
            facts: impl Iterator<Item = (&'a (&'a str, &'a str), &'a FxHashSet<&'a str>)>,
        ) -> Option<Fact> {
            let (&(measure, subject), _) = facts.max_by(|a, b| (a.1.len(), b.0).cmp(&(b.1.len(), a.0)))?;
            Some((measure.to_string(), subject.to_string()))
        }
        let chosen: FxHashMap<&Stated, Fact> = by_value
            .iter()
            .filter_map(|(&key, facts)| {
                // A year alone ("in 2019") is too common to name a particular
                // fact; it only joins other claims of a year no rule names.
                let year_alone = matches!(key, Stated::Date(d) if d.len() == 4);
                let particular = facts.iter().filter(|((m, _), _)| !self.is_generic(m) && !year_alone);
                let generic = facts.iter().filter(|((m, _), _)| self.is_generic(m));
                // A date that more sources state with no particular measure
                // than with one is a date of the story's events, not of the
                // one event a single outlet's verb named.
                if matches!(key, Stated::Date(_)) {
                    let sources = |generic: bool| {
                        facts
                            .iter()
                            .filter(|((m, _), _)| self.is_generic(m) == generic)
                            .flat_map(|(_, s)| s.iter().copied())
                            .collect::<FxHashSet<&str>>()
                            .len()
                    };
                    if !year_alone && sources(true) > sources(false) {
                        return Some((key, most_stated(generic)?));
                    }
                }
                Some((key, most_stated(particular).or_else(|| most_stated(generic))?))
            })
            .collect();
        // A figure that more sources state under another particular measure
        // and subject is theirs: one outlet's verb misled a rule ("the 197
        // girls who remain in captivity" is no death toll). Dates keep their
        // measure: the words around a date tell its events apart.
        let outvoted: Vec<bool> = claims
            .iter()
            .zip(&keys)
            .map(|(c, key)| {
                let Some(key @ Stated::Figure { .. }) = key else { return false };
                let (Some((measure, subject)), Some(facts)) = (chosen.get(key), by_value.get(key)) else {
                    return false;
                };
                let sources = |fact: (&str, &str)| facts.get(&fact).map_or(0, |s| s.len());
                sources((measure, subject)) > sources((&c.measure, &c.subject))
            })
            .collect();
        drop(by_value);
        for ((c, key), outvoted) in claims.iter_mut().zip(&keys).zip(outvoted) {
            let Some((measure, subject)) = key.as_ref().and_then(|k| chosen.get(k)) else { continue };
            if self.is_generic(&c.measure) || outvoted {
                c.restated = c.measure != *measure;
                c.measure.clone_from(measure);
                c.subject.clone_from(subject);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::claim::Figure;
    use crate::date::Date;

    fn claim(source: &str, subject: &str, measure: &str, value: Value) -> Claim {
        Claim {
            source: source.into(),
            line: 2,
            column: 1,
            text: String::new(),
            sentence: "".into(),
            subject: subject.into(),
            measure: measure.into(),
            value,
            attributed_to: None,
            as_of: None,
            start: 0,
            end: 0,
            as_of_stated: false,
            restated: false,
            story: 0,
            in_base_unit: None,
        }
    }

    fn count(n: f64) -> Value {
        Value::Figure(Figure::exact(n, None))
    }

    fn date(d: &str) -> Value {
        Value::Date(Date(d.into()))
    }

    fn restated(mut claims: Vec<Claim>) -> Vec<(String, String)> {
        let r = Restater::new(&RuleSet::builtin());
        r.restate(&mut claims.iter_mut().collect::<Vec<_>>());
        claims.into_iter().map(|c| (c.measure, c.subject)).collect()
    }

    #[test]
    fn a_figure_restated_by_its_noun_takes_the_measure_its_verb_gave() {
        let got = restated(vec![
            claim("a", "Chibok", "released_count", count(21.0)),
            claim("b", "", "count:girls", count(21.0)),
            claim("c", "", "count", count(21.0)),
            claim("c", "", "count", count(276.0)),
        ]);
        assert_eq!(got[1], ("released_count".into(), "Chibok".into()));
        assert_eq!(got[2], ("released_count".into(), "Chibok".into()));
        assert_eq!(got[3], ("count".into(), "".into()));
    }

    #[test]
    fn a_figure_just_short_of_an_amount_is_not_one_beyond_it() {
        let bound = |source: &str, measure: &str, q: Qualifier| {
            let mut c = claim(source, "girls", measure, count(200.0));
            if let Value::Figure(f) = &mut c.value {
                f.qualifier = q;
            }
            c
        };
        // "more than 200 abducted" in two outlets, "nearly 200 captives" in a third.
        let got = restated(vec![
            bound("a", "abducted_count", Qualifier::MoreThan),
            bound("b", "abducted_count", Qualifier::MoreThan),
            bound("c", "captive_count", Qualifier::Nearly),
        ]);
        assert_eq!(got[2].0, "captive_count", "{got:?}");
        // "as much as 200" is the figure 200, hedged: it is outvoted.
        let got = restated(vec![
            bound("a", "abducted_count", Qualifier::Exact),
            bound("b", "abducted_count", Qualifier::Exact),
            bound("c", "captive_count", Qualifier::UpTo),
        ]);
        assert_eq!(got[2].0, "abducted_count", "{got:?}");
    }

    #[test]
    fn generic_restatements_take_the_measure_most_sources_use() {
        let got = restated(vec![
            claim("a", "", "count:schoolgirls", count(276.0)),
            claim("b", "", "count:girls", count(276.0)),
            claim("c", "", "count:girls", count(276.0)),
            claim("c", "", "event_year", date("1908")),
            claim("d", "Cubs", "event_date", date("1908")),
            claim("e", "Cubs", "event_date", date("1908")),
        ]);
        assert_eq!(got[0], ("count:girls".into(), "".into()));
        assert_eq!(got[3], ("event_date".into(), "Cubs".into()));
    }

    #[test]
    fn measures_of_one_family_take_the_one_most_sources_use() {
        // "still hold nearly 200 captives" beside two outlets' "remain in
        // captivity": one count of people held, however each names it.
        let got = restated(vec![
            claim("a", "Boko Haram", "detainee_count", count(200.0)),
            claim("b", "Boko Haram", "captive_count", count(197.0)),
            claim("c", "Boko Haram", "captive_count", count(197.0)),
            claim("c", "Boko Haram", "death_toll", count(20.0)),
        ]);
        assert_eq!(got[0].0, "captive_count");
        assert_eq!(got[3].0, "death_toll");
        // A story that names only one of them keeps it.
        let got = restated(vec![claim("a", "Uighurs", "detainee_count", count(1e6))]);
        assert_eq!(got[0].0, "detainee_count");
        // As common: the first listed.
        let got = restated(vec![
            claim("a", "x", "detainee_count", count(200.0)),
            claim("b", "x", "captive_count", count(197.0)),
        ]);
        assert_eq!(got[0].0, "captive_count");
    }

    #[test]
    fn a_date_most_sources_state_without_a_particular_measure_keeps_none() {
        // "captured in April 2014 to be released" made one outlet's date a
        // release date; three outlets give the same date no measure.
        let got = restated(vec![
            claim("a", "Boko Haram", "announcement_date", date("2014-04")),
            claim("b", "Boko Haram", "event_date", date("2014-04")),
            claim("c", "Boko Haram", "event_date", date("2014-04")),
            claim("d", "Boko Haram", "event_date", date("2014-04")),
            // As many with a particular measure as without: the particular one.
            claim("a", "Boko Haram", "release_date", date("2016-10-13")),
            claim("b", "Boko Haram", "event_date", date("2016-10-13")),
        ]);
        assert_eq!(got[1].0, "event_date");
        assert_eq!(got[0].0, "announcement_date", "a date keeps its own particular measure");
        assert_eq!(got[5].0, "release_date");
    }

    #[test]
    fn a_figure_most_sources_give_another_measure_takes_theirs() {
        let got = restated(vec![
            claim("a", "Boko Haram", "death_toll", count(197.0)),
            claim("b", "Boko Haram", "detainee_count", count(197.0)),
            claim("c", "Boko Haram", "detainee_count", count(197.0)),
            claim("c", "Boko Haram", "death_toll", count(59.0)),
            claim("d", "Boko Haram", "listing_date", date("2016-10-13")),
            claim("e", "Boko Haram", "release_date", date("2016-10-13")),
            claim("f", "Boko Haram", "release_date", date("2016-10-13")),
            claim("g", "Boko Haram", "death_toll", count(230.0)),
            claim("h", "Boko Haram", "detainee_count", count(230.0)),
        ]);
        assert_eq!(got[0], ("detainee_count".into(), "Boko Haram".into()));
        assert_eq!(got[3].0, "death_toll", "a figure no other source states keeps its measure");
        assert_eq!(got[4].0, "listing_date", "a date keeps the measure its own words gave it");
        assert_eq!((got[7].0.as_str(), got[8].0.as_str()), ("death_toll", "detainee_count"), "a tie changes neither");
    }

    #[test]
    fn a_year_alone_names_no_particular_fact() {
        let year = || date("2019");
        let got = restated(vec![
            claim("a", "Megvii", "listing_date", year()),
            claim("b", "", "event_date", year()),
            claim("c", "", "event_year", year()),
            claim("c", "", "event_date", date("2019-05-22")),
            claim("d", "Megvii", "listing_date", date("2019-05-22")),
        ]);
        assert_eq!(got[1].0, "event_date");
        assert_eq!(got[2].0, "event_date");
        assert_eq!(got[3], ("listing_date".into(), "Megvii".into()));
    }

    #[test]
    fn small_counts_and_particular_measures_stay_as_stated() {
        let got = restated(vec![
            claim("a", "", "death_toll", count(2.0)),
            claim("b", "", "count:children", count(2.0)),
            claim("a", "", "injured_count", count(12.0)),
            claim("b", "", "death_toll", count(12.0)),
        ]);
        assert_eq!(got[1].0, "count:children");
        assert_eq!(got[2].0, "injured_count");
        assert_eq!(got[3].0, "death_toll");
    }
}

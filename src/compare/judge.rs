//! Judging: the verdict on a group of claims about one fact (agree,
//! conflict, compatible or single) and the one sentence explaining it.

use super::affinity::{figure_direction, same_figure_hedged, same_value};
use super::dates::{day_number, human_date, span};
use super::{Comparer, Verdict};
use crate::claim::{Claim, Value};
use crate::report::value_text;
use rustc_hash::FxHashMap as HashMap;

impl Comparer {
    /// The verdict on a group and a one-sentence explanation.
    pub(super) fn judge(&self, measure: &str, claims: &[Claim]) -> (Verdict, String) {
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
        // (Each source's own values are few: a claim is weighed against
        // those, never against every claim of a large group.)
        let mut values_of: HashMap<&str, Vec<&Value>> = HashMap::default();
        let stated: Vec<&Claim> = claims
            .iter()
            .filter(|c| !matches!(c.compared(), Value::Qualitative { .. }))
            .filter(|c| {
                let own = values_of.entry(&*c.source).or_default();
                let new = !own.iter().any(|v| same_value(v, c.compared()));
                if new {
                    own.push(c.compared());
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
                // Each statement's moment, read once.
                let moment: Vec<Option<&String>> = distinct
                    .iter()
                    .map(|c| self.moments.iter().find(|(_, re)| re.is_match(&c.sentence)).map(|(id, _)| id))
                    .collect();
                let same_moment = (0..distinct.len())
                    .flat_map(|i| (i + 1..distinct.len()).map(move |j| (i, j)))
                    .filter(|&(i, j)| value_of[i] != value_of[j])
                    .filter(|&(i, j)| !self.overlap(distinct[i].compared(), distinct[j].compared()))
                    .find(|&(i, j)| moment[i].is_some() && moment[i] == moment[j]);
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compare::test_support::{claim, comparer, figure};
    use crate::quantity::{Kind, Qualifier};
    use crate::rules::RuleSet;

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
    fn the_farthest_pair_of_days_is_the_first_in_order() {
        assert_eq!(farthest_apart(&[Some(5), None, Some(1), Some(9), Some(1)]), Some((2, 3, 8)));
        assert_eq!(farthest_apart(&[Some(9), Some(1), Some(1)]), Some((0, 1, 8)));
        assert_eq!(farthest_apart(&[None, Some(4)]), None);
        assert_eq!(farthest_apart(&[None, None]), None);
    }
}

//! How two values bear on each other: their affinity (how plausibly they
//! speak of one fact), the interval a figure's wording allows, whether two
//! values can both hold, and the figure arithmetic these rest on.

use super::dates::{dates_meet, day_number};
use super::{Comparer, Relation};
use crate::claim::{Claim, Direction, Figure, Value};
use crate::quantity::{rounded_to, Qualifier};

impl Comparer {
    /// How plausibly two values speak of the same fact: 0 not at all, 1 maybe, 2 likely, 3 the same.
    pub(super) fn affinity(&self, a: &Value, b: &Value) -> u8 {
        match (a, b) {
            (Value::Figure(x), Value::Figure(y)) => {
                if family(x) != family(y) || x.unit != y.unit {
                    return 0;
                }
                if figures_agree(x, y) {
                    return 3;
                }
                let (p, q) = (magnitude(x), magnitude(y));
                let near = ratio(p, q).is_some_and(|r| r <= self.same_fact_ratio);
                // A bound from above ("up to $2 billion") holds every figure
                // down to nothing: it speaks of one only as large as it.
                let from_above = |f: &Figure| f.low.is_none();
                if self.interval(x).overlaps(&self.interval(y)) && (near || !(from_above(x) || from_above(y))) {
                    return 2;
                }
                if near {
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
    pub(super) fn interval(&self, f: &Figure) -> crate::quantity::Interval {
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
    pub(super) fn overlap(&self, a: &Value, b: &Value) -> bool {
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
}

/// Whether `own` is, of the values one source states, the one nearest in
/// magnitude to another source's figure `theirs`.
pub(super) fn nearest_of(theirs: &Value, own: &Value, stated: &[&Value]) -> bool {
    let (Value::Figure(t), Value::Figure(o)) = (theirs, own) else { return false };
    let gap = |f: &Figure| ratio(magnitude(t), magnitude(f)).unwrap_or(f64::INFINITY);
    let mine = gap(o);
    stated.iter().all(|v| match v {
        Value::Figure(f) if !same_value(v, own) && family(f) == family(o) && f.unit == o.unit => gap(f) > mine,
        _ => true,
    })
}

/// Whether two counts are within a tenth of each other.
impl Comparer {
    /// Whether one figure is a bound the other meets, near enough to be
    /// one fact told twice: "more than 200 girls" and "276 girls".
    pub(super) fn meets_bound(&self, a: &Value, b: &Value) -> bool {
        let (Value::Figure(x), Value::Figure(y)) = (a, b) else { return false };
        let open = |f: &Figure| f.qualifier.is_lower_bound() || f.qualifier.is_upper_bound();
        let (bound, figure) = match (open(x), open(y)) {
            (true, false) => (x, y),
            (false, true) => (y, x),
            _ => return false,
        };
        // The figure as stated, not widened by its hedge, meets the bound as stated.
        let meets = figure
            .amount
            .is_some_and(|a| bound.low.is_none_or(|low| a >= low) && bound.high.is_none_or(|high| a <= high));
        meets
            && family(x) == family(y)
            && x.unit == y.unit
            && ratio(magnitude(x), magnitude(y)).is_some_and(|r| r <= self.same_fact_ratio)
    }
}

pub(super) fn near_counts(a: &Value, b: &Value) -> bool {
    let (Value::Figure(x), Value::Figure(y)) = (a, b) else { return false };
    ratio(magnitude(x), magnitude(y)).is_some_and(|r| r <= 1.1)
}

/// How many times the larger of two figures of one sign is the smaller
/// (none when they differ in sign or one is zero).
fn ratio(p: f64, q: f64) -> Option<f64> {
    (p != 0.0 && q != 0.0 && p.signum() == q.signum()).then(|| (p / q).abs().max((q / p).abs()))
}

pub(super) fn same_value(a: &Value, b: &Value) -> bool {
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
pub(super) fn same_figure_hedged(x: &Figure, y: &Figure) -> bool {
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
pub(super) fn family(f: &Figure) -> &'static str {
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

pub(super) fn magnitude(f: &Figure) -> f64 {
    f.amount.or(f.low).or(f.high).unwrap_or(0.0)
}

pub(super) fn figure_direction(v: &Value) -> Option<Direction> {
    match v {
        Value::Figure(f) => {
            let m = magnitude(f);
            (m != 0.0).then_some(if m < 0.0 { Direction::Down } else { Direction::Up })
        }
        Value::Qualitative { direction, .. } => *direction,
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compare::test_support::{claim, figure};
    use crate::compare::Verdict;
    use crate::quantity::Kind;
    use crate::rules::RuleSet;

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
    fn an_open_bound_bears_only_on_figures_near_its_size() {
        let c = Comparer::new(&RuleSet::builtin());
        let usd = |n: f64, q| figure(Kind::Money, n, q, 1.0, Some("USD"));
        // "up to $2 billion" holds "$254" too, but speaks of nothing that small.
        assert_eq!(c.affinity(&usd(2e9, Qualifier::UpTo), &usd(254.0, Qualifier::Exact)), 0);
        assert_eq!(c.affinity(&usd(2e9, Qualifier::UpTo), &usd(1.9e9, Qualifier::Exact)), 2);
        assert_eq!(c.affinity(&usd(1e6, Qualifier::MoreThan), &usd(1.5e6, Qualifier::Exact)), 2);
        // A bound from below meets what lies above it, however far.
        assert_eq!(c.affinity(&usd(1e4, Qualifier::MoreThan), &usd(1e6, Qualifier::MoreThan)), 2);
        // Two bounded figures that overlap bear on each other whatever their size.
        assert_eq!(c.affinity(&usd(100.0, Qualifier::About), &usd(104.0, Qualifier::Exact)), 2);
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
}

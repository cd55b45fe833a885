//! The keys of the candidate indexes clustering looks facts up by: a value
//! as reports state it ([`Stated`]), a figure's size class, and how many
//! facts of each index list are tried.

use super::affinity::{family, magnitude};
use super::Comparer;
use crate::claim::{Figure, Value};

/// A value as reports state it: two are equal when their JSON is (so a
/// figure's rounding step, which JSON does not show, does not count).
#[derive(Debug, Clone, Copy)]
pub(super) struct Stated<'a>(pub(super) &'a Value);

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
pub(super) struct SizeClass<'a> {
    pub(super) kind: SizeKind<'a>,
    pub(super) step: i64,
}

/// What figures must share to be compared by size: family, unit and sign.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(super) struct SizeKind<'a> {
    family: &'static str,
    unit: Option<&'a str>,
    negative: bool,
}

/// How many size classes either side of a figure's own are tried.
pub(super) const SIZE_REACH: i64 = 3;

/// The most facts tried from each list of an index (a size step, a month,
/// the undated or unsized facts): the most recent ones. A story's block
/// holds far fewer; a source stating thousands of values of one measure
/// would otherwise make each claim try every fact before it.
pub(super) const MAX_TRIED: usize = 128;

/// The last [`MAX_TRIED`] facts of an index list.
pub(super) fn recent(facts: &[usize]) -> &[usize] {
    &facts[facts.len().saturating_sub(MAX_TRIED)..]
}

impl Comparer {
    /// The size class of a figure whose interval stays within a factor of
    /// `same_fact_ratio` of its magnitude; None for anything else (open or
    /// wide intervals, zero, lists, dates).
    ///
    /// Two such figures with any affinity (agreeing, overlapping, or within
    /// the ratio) differ in magnitude by at most the ratio squared, so their
    /// classes differ by at most 2; `SIZE_REACH` looks one further.
    pub(super) fn size_class<'a>(&self, v: &'a Value) -> Option<SizeClass<'a>> {
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
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compare::test_support::figure;
    use crate::quantity::{Kind, Qualifier};

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
}

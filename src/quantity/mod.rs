//! Quantities: the figures found in text, normalised to a value, the interval
//! the wording allows, a unit and a qualifier ("more than $37 billion" is
//! money, USD, low 37e9, no upper bound, `more_than`).

pub mod figure;
#[cfg(test)]
mod iso4217;
pub mod lexer;
mod lexicon;
mod scanner;

pub use scanner::Scanner;

use serde::Serialize;

/// What sort of figure a quantity is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    Number,
    Percent,
    Money,
    Range,
}

/// How the wording bounds a figure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Qualifier {
    Exact,
    About,
    Nearly,
    MoreThan,
    AtLeast,
    LessThan,
    AtMost,
    UpTo,
}

impl Qualifier {
    /// The qualifier a rule file names.
    pub fn from_id(id: &str) -> Option<Self> {
        Some(match id {
            "exact" => Self::Exact,
            "about" => Self::About,
            "nearly" => Self::Nearly,
            "more_than" => Self::MoreThan,
            "at_least" => Self::AtLeast,
            "less_than" => Self::LessThan,
            "at_most" => Self::AtMost,
            "up_to" => Self::UpTo,
            _ => return None,
        })
    }

    /// The name used in rule files and JSON.
    pub fn id(self) -> &'static str {
        match self {
            Self::Exact => "exact",
            Self::About => "about",
            Self::Nearly => "nearly",
            Self::MoreThan => "more_than",
            Self::AtLeast => "at_least",
            Self::LessThan => "less_than",
            Self::AtMost => "at_most",
            Self::UpTo => "up_to",
        }
    }

    /// The qualifier sets a lower bound only.
    pub fn is_lower_bound(self) -> bool {
        matches!(self, Self::MoreThan | Self::AtLeast)
    }

    /// The qualifier sets an upper bound only.
    pub fn is_upper_bound(self) -> bool {
        matches!(self, Self::LessThan | Self::AtMost | Self::UpTo)
    }

    /// The interval the wording states for `amount` (tolerances come later,
    /// from the comparer).
    pub fn interval(self, amount: f64) -> Interval {
        if self.is_lower_bound() {
            Interval { low: Some(amount), high: None }
        } else if self.is_upper_bound() {
            Interval { low: None, high: Some(amount) }
        } else {
            Interval { low: Some(amount), high: Some(amount) }
        }
    }
}

/// The bounds a figure's wording states; `None` is an open end.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize)]
pub struct Interval {
    pub low: Option<f64>,
    pub high: Option<f64>,
}

impl Interval {
    /// Both intervals share more than a bound: the interval of "58" ends
    /// where that of "59" begins, and the two cannot both be true. Two
    /// single points overlap when they are the same point.
    pub fn overlaps(&self, other: &Interval) -> bool {
        let lo = max_opt(self.low, other.low);
        let hi = min_opt(self.high, other.high);
        let point = |i: &Interval| i.low.is_some() && i.low == i.high;
        match (lo, hi) {
            (Some(l), Some(h)) => l < h || (l == h && point(self) && point(other)),
            _ => true,
        }
    }

    /// `x` lies within the interval.
    pub fn contains(&self, x: f64) -> bool {
        self.low.is_none_or(|l| l <= x) && self.high.is_none_or(|h| x <= h)
    }
}

fn max_opt(a: Option<f64>, b: Option<f64>) -> Option<f64> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.max(b)),
        (a, b) => a.or(b),
    }
}

fn min_opt(a: Option<f64>, b: Option<f64>) -> Option<f64> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

/// A figure found in text.
#[derive(Debug, Clone, PartialEq)]
pub struct Quantity {
    /// Byte offsets of the figure's words in the text it was found in.
    pub start: usize,
    pub end: usize,
    pub kind: Kind,
    /// The stated figure; `None` for a range.
    pub amount: Option<f64>,
    /// The bounds the wording states.
    pub interval: Interval,
    /// ISO 4217 code for money, `percent`, `pp`, or `None` for a count.
    pub unit: Option<String>,
    pub qualifier: Qualifier,
    /// For a range: how each end is bounded ("tens of thousands" is `at_least`).
    pub low_qualifier: Option<Qualifier>,
    pub high_qualifier: Option<Qualifier>,
    /// The rounding unit of the figure as written ("37 billion" is 1e9, "38.24" is 0.01).
    pub step: f64,
    /// A vague magnitude ("dozens", "tens of thousands").
    pub vague: bool,
}

/// A figure as a claim states it: the quantity's reading, signed by the
/// measure's direction ("fell 2.7 per cent" is -2.7).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Figure {
    pub kind: Kind,
    #[serde(serialize_with = "figure::opt")]
    pub amount: Option<f64>,
    #[serde(serialize_with = "figure::opt")]
    pub low: Option<f64>,
    #[serde(serialize_with = "figure::opt")]
    pub high: Option<f64>,
    pub unit: Option<String>,
    pub qualifier: Qualifier,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub low_qualifier: Option<Qualifier>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub high_qualifier: Option<Qualifier>,
    /// The same figure in another currency, given alongside ("US$42 billion (S$58 billion)").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub alt: Option<Box<Figure>>,
    /// The rounding unit of the figure as written.
    #[serde(skip)]
    pub step: f64,
    #[serde(skip)]
    pub vague: bool,
}

impl Figure {
    /// The reading of a quantity.
    pub fn from_quantity(q: &Quantity) -> Self {
        Figure {
            kind: q.kind,
            amount: q.amount,
            low: q.interval.low,
            high: q.interval.high,
            unit: q.unit.clone(),
            qualifier: q.qualifier,
            low_qualifier: q.low_qualifier,
            high_qualifier: q.high_qualifier,
            alt: None,
            step: q.step,
            vague: q.vague,
        }
    }

    /// A whole number stated exactly, in `unit` ("the 15th", "twice", "180 mph").
    pub fn exact(amount: f64, unit: Option<&str>) -> Self {
        Figure {
            kind: Kind::Number,
            amount: Some(amount),
            low: Some(amount),
            high: Some(amount),
            unit: unit.map(str::to_string),
            qualifier: Qualifier::Exact,
            low_qualifier: None,
            high_qualifier: None,
            alt: None,
            step: 1.0,
            vague: false,
        }
    }

    /// The figure as a fall: amounts and bounds negated, bounds swapped.
    pub fn negated(mut self) -> Self {
        self.amount = self.amount.map(|a| -a);
        let (lo, hi) = (self.low.map(|x| -x), self.high.map(|x| -x));
        self.low = hi;
        self.high = lo;
        std::mem::swap(&mut self.low_qualifier, &mut self.high_qualifier);
        self
    }
}

/// A quantity as the `quantities` command prints it: its text and offsets, then its reading.
#[derive(Debug, Clone, Serialize)]
pub struct QuantityRecord<'a> {
    pub text: &'a str,
    pub start: usize,
    pub end: usize,
    #[serde(flatten)]
    pub value: Figure,
}

impl Quantity {
    /// The record of this quantity, with its text taken from `input`.
    pub fn record<'a>(&self, input: &'a str) -> QuantityRecord<'a> {
        QuantityRecord {
            text: &input[self.start..self.end],
            start: self.start,
            end: self.end,
            value: Figure::from_quantity(self),
        }
    }
}

/// The unit a figure is rounded to as written: its step, times ten for
/// each zero it ends in, times five when it then ends in five ("3,700" is
/// rounded to 100, "250" to 50, "146 billion" to a billion, "2.6" to 0.1).
pub fn rounded_to(amount: f64, step: f64) -> f64 {
    if step.is_nan() || step <= 0.0 || !amount.is_finite() {
        return f64::INFINITY;
    }
    let units = (amount / step).round().abs();
    if units == 0.0 || units >= 1e15 {
        return step;
    }
    let (mut n, mut unit) = (units as u64, step);
    while n % 10 == 0 {
        n /= 10;
        unit *= 10.0;
    }
    // A figure ending in five is as often rounded to half the next unit:
    // "about 250" to 50, "1,500" to 500.
    if n % 10 == 5 && n > 5 {
        unit *= 5.0;
    }
    unit
}

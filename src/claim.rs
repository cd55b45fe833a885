//! Claims: what an editor checks. A figure (or a list, a date, a stated
//! move without a figure) about a subject, under a measure, with where it
//! stands and on whose word.

use crate::date::Date;
use crate::quantity::Kind;
use serde::{Serialize, Serializer};

/// Which way a stated move goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    Up,
    Down,
}

pub use crate::quantity::Figure;

/// A time of day as stated: 24-hour "HH:MM", with its zone when the text names one.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TimeOfDay {
    pub time: String,
    pub zone: Option<String>,
}

/// What a claim states.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Figure(Figure),
    /// A named list: suppliers, companies on a blacklist.
    List {
        items: Vec<String>,
        open: bool,
    },
    Date(Date),
    /// A time of day ("at 9:34 a.m.", "midnight").
    Time(TimeOfDay),
    /// A move stated without a figure ("plunged").
    Qualitative {
        text: String,
        direction: Option<Direction>,
    },
}

impl Value {
    /// The value's kind as JSON names it.
    pub fn kind_name(&self) -> &'static str {
        match self {
            Value::Figure(f) => match f.kind {
                Kind::Number => "number",
                Kind::Percent => "percent",
                Kind::Money => "money",
                Kind::Range => "range",
            },
            Value::List { .. } => "list",
            Value::Date(_) => "date",
            Value::Time(_) => "time",
            Value::Qualitative { .. } => "qualitative",
        }
    }
}

impl Serialize for Value {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        struct ListJson<'a> {
            kind: &'static str,
            items: &'a [String],
            #[serde(skip_serializing_if = "std::ops::Not::not")]
            open: bool,
        }
        #[derive(Serialize)]
        struct DateJson<'a> {
            kind: &'static str,
            date: &'a Date,
            /// A period ("last week": "2016-11-07/2016-11-13") also gives its bounds.
            #[serde(skip_serializing_if = "Option::is_none")]
            low: Option<&'a str>,
            #[serde(skip_serializing_if = "Option::is_none")]
            high: Option<&'a str>,
        }
        #[derive(Serialize)]
        struct TimeJson<'a> {
            kind: &'static str,
            time: &'a str,
            #[serde(skip_serializing_if = "Option::is_none")]
            zone: Option<&'a str>,
        }
        #[derive(Serialize)]
        struct QualJson<'a> {
            kind: &'static str,
            text: &'a str,
            direction: Option<Direction>,
        }
        match self {
            Value::Figure(f) => f.serialize(s),
            Value::List { items, open } => ListJson { kind: "list", items, open: *open }.serialize(s),
            Value::Date(d) => {
                let (low, high) = match d.period() {
                    Some((low, high)) => (Some(low), Some(high)),
                    None => (None, None),
                };
                DateJson { kind: "date", date: d, low, high }.serialize(s)
            }
            Value::Time(t) => TimeJson { kind: "time", time: &t.time, zone: t.zone.as_deref() }.serialize(s),
            Value::Qualitative { text, direction } => {
                QualJson { kind: "qualitative", text, direction: *direction }.serialize(s)
            }
        }
    }
}

/// One claim found in one source.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Claim {
    /// The source's id (shared by the source's claims).
    pub source: std::sync::Arc<str>,
    /// 1-based line; column counted in characters.
    pub line: usize,
    pub column: usize,
    /// The exact words of the claim, a substring of its line.
    pub text: String,
    /// The sentence the claim stands in (shared by the sentence's claims).
    pub sentence: std::sync::Arc<str>,
    pub subject: String,
    pub measure: String,
    pub value: Value,
    pub attributed_to: Option<String>,
    /// The date the claim speaks of: stated in its sentence, else the source's publication date.
    pub as_of: Option<String>,
    /// Byte offsets of `text` in the source.
    #[serde(skip)]
    pub start: usize,
    #[serde(skip)]
    pub end: usize,
    /// `as_of` is stated in the sentence, not taken from the publication date.
    #[serde(skip)]
    pub as_of_stated: bool,
    /// The claim restates a fact its story states in other words, and took
    /// that fact's measure ([`crate::restate`]).
    #[serde(skip)]
    pub restated: bool,
    /// The story, among those a run holds, the claim's source tells
    /// ([`crate::story`]); claims of two stories are never compared.
    #[serde(skip)]
    pub story: u32,
    /// The value in the base unit figures are compared in, when its stated
    /// unit converts ("30 mph" is compared as 48.28 km/h); the claim keeps
    /// its stated value.
    #[serde(skip)]
    pub in_base_unit: Option<Box<Value>>,
}

/// The measure of a game's score ("8-7"), a list of its sides' points.
pub const SCORE_MEASURE: &str = "score";

/// A score as the comparer weighs it: its points alone, highest first, so
/// "8-7" with its sides named and "8-7" without are one score.
pub fn score_points(items: &[String]) -> Value {
    let mut points: Vec<String> = items.iter().map(|i| i.rsplit(' ').next().unwrap_or(i).to_string()).collect();
    points.sort_by_key(|p| std::cmp::Reverse(p.parse::<u64>().unwrap_or(0)));
    Value::List { items: points, open: false }
}

impl Claim {
    /// The value as the comparer weighs it: in its base unit when it has one.
    pub fn compared(&self) -> &Value {
        self.in_base_unit.as_deref().unwrap_or(&self.value)
    }
}

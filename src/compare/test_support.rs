//! Helpers the comparer's unit tests share: a claim, a figure and a
//! comparer with an event and drift setting of their own.

use super::Comparer;
use crate::claim::{Claim, Figure, Value};
use crate::quantity::{Kind, Qualifier};
use crate::rules::RuleSet;

/// A claim for the tests: `value` stated by `source` on `day` (days after 2019-01-01).
pub(super) fn claim(source: usize, start: usize, value: Value, day: Option<i64>) -> Claim {
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

pub(super) fn figure(kind: Kind, amount: f64, qualifier: Qualifier, step: f64, unit: Option<&str>) -> Value {
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

pub(super) fn comparer(event: bool, drifts: bool) -> Comparer {
    let mut c = Comparer::new(&RuleSet::builtin());
    c.event.insert("m".into(), event);
    c.drifts.insert("m".into(), drifts);
    c
}

//! Dates stated relative to publication: weekdays ("on Monday", "Sunday's
//! race"), days ("yesterday", "today") and periods ("last week", "next
//! month", "earlier this year"), resolved against the source's `published`
//! date the way an editor reads them.

use super::cues::{CueWords, Cued, Cues};
use super::patterns::{alternation, news_regex, words_before};
use super::Found;
use crate::claim::Value;
use crate::date::{Date, Published};
use crate::rules::NewsRules;
use chrono::{Datelike, Duration, NaiveDate};
use rustc_hash::FxHashMap;

/// Finds weekdays and relative dates. Built once from `news.yaml`.
#[derive(Clone)]
pub struct Calendar {
    weekday: Cued,
    weekdays: FxHashMap<String, u32>,
    relative: Cued,
    days: FxHashMap<String, i64>,
    periods: FxHashMap<String, (PeriodUnit, i32)>,
    future: Vec<String>,
    statement: Vec<String>,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum PeriodUnit {
    Week,
    Month,
    Year,
}

impl Calendar {
    /// Compiles the words of `news.yaml`.
    pub fn new(rules: &NewsRules, cue_words: &mut CueWords) -> Self {
        let weekday = cue_words.regex(
            news_regex(&format!(r"(?-u:\b)(?:{})(?-u:\b)(?:[’']s(?-u:\b))?", alternation(rules.weekdays.keys())))
                .expect("escaped words compile"),
        );
        let mut periods = FxHashMap::default();
        for p in &rules.relative_periods {
            let unit = match p.unit.as_str() {
                "week" => PeriodUnit::Week,
                "month" => PeriodUnit::Month,
                _ => PeriodUnit::Year,
            };
            for w in &p.words {
                periods.insert(w.to_lowercase(), (unit, p.offset));
            }
        }
        let days: FxHashMap<String, i64> = rules.relative_days.iter().map(|(k, v)| (k.to_lowercase(), *v)).collect();
        let relative = cue_words.regex(
            news_regex(&format!(r"(?i)(?-u:\b)(?:{})(?-u:\b)", alternation(days.keys().chain(periods.keys()))))
                .expect("escaped words compile"),
        );
        Calendar {
            weekday,
            weekdays: rules.weekdays.clone().into_iter().collect(),
            relative,
            days,
            periods,
            future: rules.future_words.iter().map(|w| w.to_lowercase()).collect(),
            statement: rules.statement_words.iter().map(|w| w.to_lowercase()).collect(),
        }
    }

    /// Every weekday and relative date in `text`, resolved against `published`.
    pub fn find(&self, text: &str, published: Option<Published>, cues: Cues) -> Vec<Found> {
        let (weekday, relative) = (cues.regex(&self.weekday), cues.regex(&self.relative));
        if weekday.is_none() && relative.is_none() {
            return Vec::new();
        }
        let Some(base) = published.and_then(|(y, m, d)| NaiveDate::from_ymd_opt(y, m, d)) else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for whole in weekday.into_iter().flat_map(|re| re.find_iter(text)) {
            let name = whole.as_str().trim_end_matches(['s', '\'', '’']);
            let name = if self.weekdays.contains_key(name) { name } else { whole.as_str() };
            let Some(&day) = self.weekdays.get(name) else { continue };
            let before = words_before(text, whole.start(), 3);
            if self.is_statement(&before) {
                continue;
            }
            // "faces a tough task ... in Abu Dhabi on Sunday": the clause's words look ahead.
            let ahead = self.looks_ahead(&words_before(text, whole.start(), 12));
            let today = base.weekday().number_from_monday();
            let back = (today + 7 - day) % 7;
            // A weekday one day after publication is that next day, told
            // across time zones ("Friday" in Tokyo, published Thursday in New York).
            let ahead = ahead || back == 6;
            let date = if ahead {
                let forward = (day + 7 - today) % 7;
                base + Duration::days(forward as i64)
            } else {
                base - Duration::days(back as i64)
            };
            out.push(Found::new(whole.start(), whole.end(), "event_date", Value::Date(ymd(date))));
        }
        for m in relative.into_iter().flat_map(|re| re.find_iter(text)) {
            let key = m.as_str().to_lowercase();
            let before = words_before(text, m.start(), 3);
            if self.is_statement(&before) {
                continue;
            }
            let value = if let Some(&shift) = self.days.get(&key) {
                ymd(base + Duration::days(shift))
            } else if let Some(&(unit, offset)) = self.periods.get(&key) {
                period(base, unit, offset)
            } else {
                continue;
            };
            out.push(Found::new(m.start(), m.end(), "event_date", Value::Date(value)));
        }
        out
    }

    fn is_statement(&self, before: &[String]) -> bool {
        // "said Monday", "said on Monday", "told reporters on Monday"
        let near: Vec<&String> = before.iter().rev().take(3).collect();
        match near.as_slice() {
            [w, ..] if self.statement.contains(w) => true,
            // "told reporters Monday"
            [_, w, ..] if self.statement.contains(w) => true,
            [on, w, ..] if on.as_str() == "on" && self.statement.contains(w) => true,
            [on, _, w] if on.as_str() == "on" && self.statement.contains(w) => true,
            _ => false,
        }
    }

    fn looks_ahead(&self, before: &[String]) -> bool {
        let joined = before.join(" ");
        self.future.iter().any(|f| {
            if f.contains(' ') {
                joined.contains(f.as_str())
            } else {
                before.iter().any(|w| w == f || w.ends_with(f.as_str()) && f.starts_with(['\'', '’']))
            }
        })
    }
}

fn ymd(d: NaiveDate) -> Date {
    Date(format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day()))
}

fn period(base: NaiveDate, unit: PeriodUnit, offset: i32) -> Date {
    match unit {
        PeriodUnit::Week => {
            let monday =
                base - Duration::days(base.weekday().num_days_from_monday() as i64) + Duration::weeks(offset as i64);
            let sunday = monday + Duration::days(6);
            Date::period_between(&ymd(monday).0, &ymd(sunday).0)
        }
        PeriodUnit::Month => {
            let months = base.year() * 12 + base.month0() as i32 + offset;
            Date(format!("{:04}-{:02}", months.div_euclid(12), months.rem_euclid(12) + 1))
        }
        PeriodUnit::Year => Date(format!("{:04}", base.year() + offset)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::RuleSet;

    fn dates(text: &str, published: Published) -> Vec<(String, String)> {
        let c = Calendar::new(&RuleSet::builtin().news, &mut CueWords::default());
        c.find(text, Some(published), Cues::all())
            .into_iter()
            .map(|f| match f.value {
                Value::Date(d) => (text[f.start..f.end].to_string(), d.0),
                v => panic!("not a date: {v:?}"),
            })
            .collect()
    }

    #[test]
    fn a_weekday_is_the_latest_such_day_on_or_before_publication() {
        // 2017-12-31 was a Sunday.
        assert_eq!(dates("The ferry sank on Sunday.", (2017, 12, 31)), [("Sunday".into(), "2017-12-31".into())]);
        assert_eq!(dates("It sank on Friday.", (2018, 1, 1)), [("Friday".into(), "2017-12-29".into())]);
        assert_eq!(dates("after Sunday's vote", (2018, 1, 1)), [("Sunday's".into(), "2017-12-31".into())]);
    }

    #[test]
    fn a_weekday_after_a_future_word_looks_ahead() {
        assert_eq!(dates("The inquiry will begin Tuesday.", (2017, 12, 31)), [("Tuesday".into(), "2018-01-02".into())]);
    }

    #[test]
    fn the_day_of_a_statement_is_not_a_claim() {
        assert!(dates("the mayor said Monday", (2018, 1, 1)).is_empty());
        assert!(dates("the minister told reporters on Monday", (2018, 1, 1)).is_empty());
    }

    #[test]
    fn relative_days_and_periods() {
        let got = dates("Talks failed last week; a vote is due next month, after a rise yesterday.", (2016, 11, 16));
        assert_eq!(
            got,
            [
                ("last week".into(), "2016-11-07/2016-11-13".into()),
                ("next month".into(), "2016-12".into()),
                ("yesterday".into(), "2016-11-15".into()),
            ]
        );
        assert_eq!(dates("the deal made last year", (2018, 1, 5)), [("last year".into(), "2017".into())]);
        assert_eq!(dates("earlier this year", (2018, 1, 5)), [("earlier this year".into(), "2018".into())]);
    }

    #[test]
    fn no_publication_date_no_relative_dates() {
        let c = Calendar::new(&RuleSet::builtin().news, &mut CueWords::default());
        assert!(c.find("on Monday", None, Cues::all()).is_empty());
    }
}

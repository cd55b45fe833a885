//! Dates and days: the span and less precise forms of a date, whether two
//! dates nest or meet, day numbers, and dates and lengths of time as
//! explanations write them.

use crate::claim::Value;
use crate::date::Date;

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
pub(super) fn date_keys(d: &Date) -> impl Iterator<Item = &str> {
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
pub(super) fn dates_nest(a: &Value, b: &Value) -> bool {
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

/// Whether one date is the other written one step more precisely: a month
/// of a year ("April 2014", "2014") or a day of a month.
pub(super) fn one_step_finer(a: &Value, b: &Value) -> bool {
    let (Value::Date(x), Value::Date(y)) = (a, b) else { return false };
    let (coarse, fine) = if x.0.len() <= y.0.len() { (x, y) } else { (y, x) };
    coarse.period().is_none()
        && fine.period().is_none()
        && matches!((coarse.0.len(), fine.0.len()), (4, 7) | (7, 10))
        && fine.0.starts_with(&coarse.0)
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
pub(super) fn sentences_share_word(a: &str, b: &str) -> bool {
    shares_stem(&telling_stems(a), b)
}

/// The telling words of a sentence, by their first letters.
pub(super) fn telling_stems(sentence: &str) -> Vec<String> {
    telling_words(sentence).map(|w| stem(w).collect()).collect()
}

/// Whether `sentence` holds a telling word of one of `stems`, read
/// without copying a word.
pub(super) fn shares_stem(stems: &[String], sentence: &str) -> bool {
    !stems.is_empty() && telling_words(sentence).any(|w| stems.iter().any(|s| stem(w).eq(s.chars())))
}

fn telling_words(sentence: &str) -> impl Iterator<Item = &str> {
    sentence
        .split(|ch: char| !ch.is_alphanumeric())
        .filter(|w| w.chars().count() >= TELLING_WORD_LETTERS && w.chars().all(char::is_lowercase))
}

fn stem(word: &str) -> impl Iterator<Item = char> + '_ {
    word.chars().take(TELLING_WORD_LETTERS - 1).flat_map(char::to_lowercase)
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
pub(super) fn dates_meet(x: &Date, y: &Date) -> bool {
    let ((a0, a1), (b0, b1)) = (date_span(x), date_span(y));
    x.0.starts_with(&y.0) || y.0.starts_with(&x.0) || (a0 <= b1 && b0 <= a1)
}

/// Days since 1970 of "YYYY-MM-DD" (or the first of the month / year for "YYYY-MM", "YYYY").
pub(super) fn day_number(date: &str) -> Option<i64> {
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

pub(super) fn span(days: i64) -> String {
    if days >= 730 {
        format!("{} years", days / 365)
    } else if days >= 60 {
        format!("{} months", (days as f64 / 30.44).round() as i64)
    } else {
        format!("{days} days")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::claim::Claim;
    use crate::compare::test_support::claim;
    use crate::compare::{Comparer, Verdict};
    use crate::rules::RuleSet;

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
    fn a_year_holds_a_month_told_alike_and_a_date_is_its_own_time() {
        let date = |s: &str| Value::Date(Date(s.into()));
        assert!(one_step_finer(&date("2014"), &date("2014-04")));
        assert!(one_step_finer(&date("2014-04-14"), &date("2014-04")));
        assert!(!one_step_finer(&date("2014"), &date("2014-04-14")));
        assert!(!one_step_finer(&date("2014"), &date("2015-04")));
        assert!(!one_step_finer(&date("2014-04"), &date("2014-04-07/2014-04-13")));
        let c = Comparer::new(&RuleSet::builtin());
        // A date claim's time is its own date (what extraction gives it).
        let on = |source, start, d: &str, sentence: &str| Claim {
            sentence: sentence.into(),
            as_of: Some(d.into()),
            ..claim(source, start, date(d), None)
        };
        // "the 2014 kidnapping", months from the start of "April 2014", is that date less precisely.
        let april = on(0, 0, "2014-04", "Gunmen kidnapped the students from their school in April 2014.");
        let year = on(1, 0, "2014", "The 2014 kidnapping drew attention around the world.");
        assert_eq!(c.cluster("event_date", &[&april, &year]).len(), 1);
        // Among facts it nests in, a date joins the one whose sentences
        // share a word with its own, over one of the same date that does not.
        let escaped = on(1, 0, "2014", "Dozens escaped almost at once in 2014.");
        let told = on(1, 1, "2014", "The 2014 kidnapping drew attention around the world.");
        let facts = c.cluster("event_date", &[&april, &escaped, &told]);
        assert!(facts.iter().any(|f| f.contains(&0) && f.contains(&2)), "{facts:?}");
        // A year does not hold a day of it: "this year" and "Friday" date different things.
        let friday = on(0, 0, "2017-09-15", "The missile was launched on Friday over the sea.");
        let this_year = on(1, 0, "2017", "It was the fifteenth missile launched this year.");
        assert_eq!(c.cluster("event_date", &[&friday, &this_year]).len(), 2);
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
}

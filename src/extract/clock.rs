//! Times of day: "at 9:34 a.m.", "12:47 a.m.", "00:48 GMT", "shortly after
//! 7 a.m.", "midnight". Each becomes a 24-hour "HH:MM" with its zone when
//! the text names one.

use super::cues::{CueWords, Cued, Cues};
use super::patterns::{alternation, news_regex};
use super::Found;
use crate::claim::{TimeOfDay, Value};
use crate::rules::NewsRules;
use regex::Regex;
use rustc_hash::FxHashMap;

/// The measure of a time of day no rule names.
pub const TIME_MEASURE: &str = "event_time";

/// Finds times of day. Built once from `news.yaml`.
#[derive(Clone)]
pub struct Clock {
    /// "10:08 p.m.", "00:48", "10.30pm", "7 a.m.", each with an optional zone.
    numeric: Regex,
    /// "noon", "midnight".
    named: Cued,
    meridiem: FxHashMap<String, bool>,
    words: FxHashMap<String, String>,
}

impl Clock {
    /// Compiles the words of `news.yaml`.
    pub fn new(rules: &NewsRules, cue_words: &mut CueWords) -> Self {
        let meridiem: FxHashMap<String, bool> =
            rules.time_meridiem.iter().map(|(k, v)| (k.to_lowercase(), v == "pm")).collect();
        // A meridiem word ending in a dot ends there; any other ends at a word boundary.
        let mut mers: Vec<&String> = meridiem.keys().collect();
        mers.sort_by_key(|w| std::cmp::Reverse(w.len()));
        let mer = mers
            .iter()
            .map(|w| if w.ends_with('.') { regex::escape(w) } else { format!(r"{}\b", regex::escape(w)) })
            .collect::<Vec<_>>()
            .join("|");
        let mer = if mer.is_empty() { r"[^\s\S]".to_string() } else { mer };
        let zones = alternation(&rules.time_zones);
        // Minutes after a colon or a dot, or a meridiem: a bare number is no time.
        let numeric = format!(
            r"(?i:(?-u:\b)(?P<h>[01]?\d|2[0-3])(?:(?P<sep>[:.])(?P<m>[0-5]\d)(?:\s?(?P<mer>{mer}))?|\s?(?P<mer2>{mer})))(?:\s(?P<zone>{zones})(?-u:\b))?"
        );
        let words: FxHashMap<String, String> =
            rules.time_words.iter().map(|(k, v)| (k.to_lowercase(), v.clone())).collect();
        let named = format!(r"(?i)\b({})\b", alternation(words.keys()));
        Clock {
            numeric: news_regex(&numeric).expect("escaped words compile"),
            named: cue_words.regex(news_regex(&named).expect("escaped words compile")),
            meridiem,
            words,
        }
    }

    /// Every time of day in `text`.
    pub fn find(&self, text: &str, cues: Cues) -> Vec<Found> {
        let mut out = Vec::new();
        for c in cues.clockish.then(|| self.numeric.captures_iter(text)).into_iter().flatten() {
            let whole = c.get(0).expect("match");
            let mer = c.name("mer").or(c.name("mer2")).map(|m| m.as_str().to_lowercase());
            let minutes = c.name("m");
            let colon = c.name("sep").is_some_and(|s| s.as_str() == ":");
            // A clock time needs a colon or a meridiem: "7" or "10.30" alone is a number.
            if mer.is_none() && !colon {
                continue;
            }
            // "1:32.410" is a lap time; "3:1" is no time; "10:08:22" keeps its minutes.
            let rest = &text[whole.end()..];
            if rest.starts_with(|ch: char| ch.is_ascii_digit())
                || (rest.starts_with('.') && rest[1..].starts_with(|ch: char| ch.is_ascii_digit()))
            {
                continue;
            }
            if text[..whole.start()].ends_with([':', '.', '$', '£', '€']) {
                continue;
            }
            let Ok(mut hour) = c["h"].parse::<u32>() else { continue };
            let minute: u32 = minutes.map_or(0, |m| m.as_str().parse().unwrap_or(0));
            if let Some(pm) = mer.as_deref().and_then(|m| self.meridiem.get(m)) {
                if hour == 0 || hour > 12 {
                    continue;
                }
                hour = match (hour, *pm) {
                    (12, false) => 0,
                    (12, true) => 12,
                    (h, true) => h + 12,
                    (h, false) => h,
                };
            }
            let zone = c.name("zone").map(|z| z.as_str().to_string());
            out.push(Found::new(
                whole.start(),
                whole.end(),
                TIME_MEASURE,
                Value::Time(TimeOfDay { time: format!("{hour:02}:{minute:02}"), zone }),
            ));
        }
        for m in cues.regex(&self.named).into_iter().flat_map(|re| re.find_iter(text)) {
            let Some(time) = self.words.get(&m.as_str().to_lowercase()) else { continue };
            out.push(Found::new(
                m.start(),
                m.end(),
                TIME_MEASURE,
                Value::Time(TimeOfDay { time: time.clone(), zone: None }),
            ));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::RuleSet;

    fn times(text: &str) -> Vec<(String, String, Option<String>)> {
        Clock::new(&RuleSet::builtin().news, &mut CueWords::default())
            .find(text, Cues::all())
            .into_iter()
            .map(|f| match f.value {
                Value::Time(t) => (text[f.start..f.end].to_string(), t.time, t.zone),
                v => panic!("not a time: {v:?}"),
            })
            .collect()
    }

    #[test]
    fn twelve_hour_times_become_24_hour() {
        assert_eq!(times("The alarm sounded at 10:08 p.m."), [("10:08 p.m.".into(), "22:08".into(), None)]);
        assert_eq!(times("It landed at 12:47 a.m. there"), [("12:47 a.m.".into(), "00:47".into(), None)]);
        assert_eq!(times("shortly after 7 a.m. the doors"), [("7 a.m.".into(), "07:00".into(), None)]);
        assert_eq!(times("by 12 pm"), [("12 pm".into(), "12:00".into(), None)]);
    }

    #[test]
    fn a_24_hour_time_keeps_its_zone() {
        assert_eq!(times("launched at 00:48 GMT on"), [("00:48 GMT".into(), "00:48".into(), Some("GMT".into()))]);
    }

    #[test]
    fn named_times() {
        assert_eq!(times("stormed the room shortly before midnight"), [("midnight".into(), "00:00".into(), None)]);
    }

    #[test]
    fn numbers_that_are_not_times() {
        assert!(times("they won 3-1 and scored 10.5 points").is_empty());
        assert!(times("a lap of 1:32.410").is_empty());
        assert!(times("a ratio of 3:1").is_empty());
        assert!(times("a price of $10.30").is_empty());
    }
}

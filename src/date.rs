//! Dates stated in copy ("on May 22", "until Aug. 19", "in August", "since
//! last October", "in 2019"), resolved to a calendar date with the year taken
//! from the source's publication date when the text gives none.

use crate::rules::Twin;
use serde::Serialize;

/// A calendar date as precise as the text states it: "2019-05-22", "2019-08", "2019".
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(transparent)]
pub struct Date(pub String);

impl Date {
    /// A period between two dates, written "2016-11-07/2016-11-13" (ISO 8601).
    pub fn period_between(low: &str, high: &str) -> Self {
        Date(format!("{low}/{high}"))
    }

    /// The bounds of a period date.
    pub fn period(&self) -> Option<(&str, &str)> {
        self.0.split_once('/')
    }

    /// The date written as `parts` say ("2019-05-22", "--05-22", "2019-05"),
    /// into a string made with room for the longest with a four-digit year
    /// at once.
    fn written(parts: std::fmt::Arguments) -> Self {
        let mut text = String::with_capacity(10);
        std::fmt::Write::write_fmt(&mut text, parts).expect("writing to a string does not fail");
        Date(text)
    }
}

/// A date found in text.
#[derive(Debug, Clone, PartialEq)]
pub struct DateMention {
    pub start: usize,
    pub end: usize,
    pub date: Date,
    /// The year is written in the text.
    pub explicit_year: bool,
    /// Only a year ("in 2019").
    pub year_only: bool,
}

/// Finds dates. Build once per run from the month names in the rules.
#[derive(Clone)]
pub struct DateFinder {
    day: Twin,
    day_first: Twin,
    month_year: Twin,
    month_only: Twin,
    year_only: Twin,
    months: Vec<(String, u32)>,
    /// Prepositions that look ahead ("by May"), lower-cased.
    future: Vec<String>,
    /// Words between a preposition and a month that point back ("in last
    /// May") or ahead ("by next March").
    past_modifiers: Vec<String>,
    future_modifiers: Vec<String>,
    /// Words before a day and month that look ahead ("until May 5").
    future_day_words: Vec<String>,
    /// Words that put a sentence in the past or the future, lower-cased,
    /// and the phrases of several words among them.
    past_words: rustc_hash::FxHashSet<String>,
    future_words: rustc_hash::FxHashSet<String>,
    past_phrases: Vec<String>,
    future_phrases: Vec<String>,
    years: (u32, u32),
    /// Any month name: a text with none and no digit holds no date.
    any_month: aho_corasick::AhoCorasick,
}

/// A publication date: year, month, day.
pub type Published = (i32, u32, u32);

/// Reads "2019-05-22" (or "2019-05", "2019").
pub fn parse_published(s: &str) -> Option<Published> {
    let mut parts = s.trim().split('-');
    let y: i32 = parts.next()?.parse().ok()?;
    let m: u32 = parts.next().and_then(|p| p.parse().ok()).unwrap_or(1);
    let d: u32 = parts.next().and_then(|p| p.get(..2).unwrap_or(p).parse().ok()).unwrap_or(1);
    ((1..=12).contains(&m) && (1..=31).contains(&d)).then_some((y, m, d))
}

/// Words as one regex group; with `either_case`, each word's first letter
/// matches capitalised or not. No words: a group that matches nothing.
fn alternation(words: &[String], either_case: bool) -> String {
    if words.is_empty() {
        return r"(?:[^\s\S])".to_string();
    }
    let alts: Vec<String> = words
        .iter()
        .map(|w| {
            let mut chars = w.chars();
            match (either_case, chars.next()) {
                (true, Some(c)) if c.is_alphabetic() => {
                    format!("[{}{}]{}", c.to_uppercase(), c.to_lowercase(), regex::escape(chars.as_str()))
                }
                _ => regex::escape(w),
            }
        })
        .collect();
    format!("(?:{})", alts.join("|"))
}

impl std::fmt::Debug for DateFinder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DateFinder").field("months", &self.months).field("years", &self.years).finish_non_exhaustive()
    }
}

impl DateFinder {
    /// A finder for the date words of the rules; a bare whole number in
    /// `years` is a year. The rules were checked when loaded
    /// ([`Self::try_new`] compiles).
    pub fn new(rules: &crate::rules::DateRules, years: (u32, u32)) -> Self {
        Self::try_new(rules, years).expect("date rules are checked when loaded")
    }

    /// [`Self::new`], or why the rules' words make no pattern that compiles
    /// (too many of them).
    pub fn try_new(rules: &crate::rules::DateRules, years: (u32, u32)) -> Result<Self, regex::Error> {
        let table: Vec<(String, u32)> =
            rules.months.iter().filter(|(_, n)| (1..=12).contains(*n)).map(|(m, n)| (m.clone(), *n)).collect();
        let mut alts: Vec<&str> = table.iter().map(|(m, _)| m.as_str()).collect();
        alts.sort_by_key(|a| std::cmp::Reverse(a.len()));
        let month = format!("(?P<month>{})", alts.iter().map(|a| regex::escape(a)).collect::<Vec<_>>().join("|"));
        let weekday = format!(r"(?:{}\s*\(\s*)?", alternation(&rules.weekdays, false));
        let month_prep = alternation(&rules.month_prepositions, true);
        let year_prep = alternation(&rules.year_prepositions, true);
        // "early ", "next ", "mid-": a word ending in a hyphen is glued to the month.
        let modifiers: Vec<String> = rules
            .month_modifiers
            .iter()
            .chain(&rules.past_month_modifiers)
            .chain(&rules.future_month_modifiers)
            .map(|w| if w.ends_with('-') { regex::escape(w) } else { format!(r"{}\s+", regex::escape(w)) })
            .collect();
        let modifiers = if modifiers.is_empty() { r"[^\s\S]".to_string() } else { modifiers.join("|") };
        let build = |p: String| crate::rules::compile_pattern(&p, false).map(|re| Twin::new(&re, false));
        let (past_words, past_phrases) = lower_words(&rules.past_words);
        let (future_words, future_phrases) = lower_words(&rules.future_words);
        Ok(Self {
            day: build(format!(
                r"\b{weekday}{month}\.?\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b\)?(?:,?\s+(?P<year>\d{{4}})\b)?"
            ))?,
            day_first: build(format!(r"\b(?P<day>\d{{1,2}})\s+{month}\b\.?(?:,?\s+(?P<year>\d{{4}})\b)?"))?,
            month_year: build(format!(r"\b{month}\.?,?\s+(?P<year>\d{{4}})\b"))?,
            month_only: build(format!(r"\b(?P<prep>{month_prep})\s+(?P<rel>{modifiers})?{month}\b"))?,
            year_only: build(format!(r"\b(?P<prep>{year_prep})\s+(?P<year>\d{{4}})\b"))?,
            any_month: aho_corasick::AhoCorasick::new(table.iter().map(|(m, _)| m.as_str()))
                .expect("month names are plain strings"),
            months: table,
            future: rules.future_prepositions.iter().map(|w| w.to_lowercase()).collect(),
            past_modifiers: rules.past_month_modifiers.clone(),
            future_modifiers: rules.future_month_modifiers.clone(),
            future_day_words: rules.future_day_words.iter().map(|w| w.to_lowercase()).collect(),
            past_words,
            future_words,
            past_phrases,
            future_phrases,
            years,
        })
    }

    fn month_number(&self, name: &str) -> Option<u32> {
        self.months.iter().find(|(m, _)| m == name).map(|(_, n)| *n)
    }

    /// Every date in `text`, in order, without overlaps.
    pub fn find(&self, text: &str, published: Option<Published>) -> Vec<DateMention> {
        self.find_at(text, published, self.any_month.is_match(text), crate::rules::is_plain(text))
    }

    /// Whether a sentence speaks of the past: a past word or a longer
    /// "-ed" verb, and no future word.
    fn in_past(&self, text: &str) -> bool {
        let lower = text.to_lowercase();
        let phrase = |list: &[String]| list.iter().any(|p| lower.contains(p.as_str()));
        let (mut past, mut future) = (false, false);
        for w in lower.split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’').filter(|w| !w.is_empty()) {
            future |= self.future_words.contains(w);
            past |= self.past_words.contains(w) || (w.len() >= 5 && w.ends_with("ed"));
        }
        !(future || phrase(&self.future_phrases)) && (past || phrase(&self.past_phrases))
    }

    /// The month names, written as [`Self::find_at`] looks for them.
    pub fn month_names(&self) -> impl Iterator<Item = &str> {
        self.months.iter().map(|(m, _)| m.as_str())
    }

    /// Whether `text[start..end]`, where the word pass found the `k`th of
    /// [`Self::month_names`] ignoring ASCII case, is that name as a date
    /// pattern can read it: with its case, and not inside a longer word
    /// ("Mar" in "Market"). Every month pattern has a non-word character or
    /// `\b` on each side of the month, so a month found only inside words
    /// leaves them nothing to match.
    pub fn is_month_at(&self, k: usize, text: &str, start: usize, end: usize) -> bool {
        let name = self.month_name(k).as_bytes();
        let bytes = text.as_bytes();
        let word = |b: &u8| b.is_ascii_alphanumeric() || *b == b'_';
        let open_before = !name.first().is_some_and(word) || start == 0 || !word(&bytes[start - 1]);
        let open_after = !name.last().is_some_and(word) || bytes.get(end).is_none_or(|b| !word(b));
        name == &bytes[start..end] && open_before && open_after
    }

    /// The `k`th of [`Self::month_names`].
    pub fn month_name(&self, k: usize) -> &str {
        &self.months[k].0
    }

    /// [`Self::find`], told whether `text` holds one of the month names
    /// (with their case), as one search made for other words as well found,
    /// and whether it is plain text ([`crate::rules::is_plain`]), as the
    /// caller already asked.
    pub fn find_at(&self, text: &str, published: Option<Published>, has_month: bool, plain: bool) -> Vec<DateMention> {
        debug_assert_eq!(plain, crate::rules::is_plain(text));
        let mut out: Vec<DateMention> = Vec::new();
        // Every pattern but `year_only` names a month: without a month name
        // in the text, they are not run.
        if !has_month && !crate::quantity::lexer::has_ascii_digit(text) {
            return out;
        }
        // Read only for a month named without its year, from the words
        // around it: "was working ... before the law takes effect on Jan. 1"
        // looks ahead, whatever the sentence did before.
        let past = |start: usize, end: usize| has_month && self.in_past(around(text, start, end, TENSE_WORDS));
        let push = |m: DateMention, out: &mut Vec<DateMention>| {
            if !out.iter().any(|o| o.start < m.end && m.start < o.end) {
                out.push(m);
            }
        };
        if has_month {
            for c in
                self.day.for_text(plain).captures_iter(text).chain(self.day_first.for_text(plain).captures_iter(text))
            {
                let all = c.get(0).expect("match");
                let Some(month) = c.name("month").and_then(|m| self.month_number(m.as_str())) else { continue };
                let Ok(day) = c["day"].parse::<u32>() else { continue };
                if !(1..=31).contains(&day) {
                    continue;
                }
                let year = c.name("year").and_then(|y| y.as_str().parse::<i32>().ok());
                let before = &text[..all.start()];
                let future = ends_with_word(before, &self.future_day_words);
                let resolved =
                    year.or_else(|| resolve_year(published, month, future, false, || past(all.start(), all.end())));
                // "February 30" is no day of the calendar: not a date.
                if !on_calendar(resolved, month, day) {
                    continue;
                }
                let date = match resolved {
                    Some(y) => Date::written(format_args!("{y:04}-{month:02}-{day:02}")),
                    None => Date::written(format_args!("--{month:02}-{day:02}")),
                };
                push(
                    DateMention {
                        start: all.start(),
                        end: all.end(),
                        date,
                        explicit_year: year.is_some(),
                        year_only: false,
                    },
                    &mut out,
                );
            }
            for c in self.month_year.for_text(plain).captures_iter(text) {
                let all = c.get(0).expect("match");
                let Some(month) = c.name("month").and_then(|m| self.month_number(m.as_str())) else { continue };
                let year: i32 = c["year"].parse().unwrap_or(0);
                push(
                    DateMention {
                        start: all.start(),
                        end: all.end(),
                        date: Date::written(format_args!("{year:04}-{month:02}")),
                        explicit_year: true,
                        year_only: false,
                    },
                    &mut out,
                );
            }
            for c in self.month_only.for_text(plain).captures_iter(text) {
                let all = c.get(0).expect("match");
                let Some(month) = c.name("month").and_then(|m| self.month_number(m.as_str())) else { continue };
                let rel = c.name("rel").map(|r| r.as_str().trim()).unwrap_or("");
                let prep = c["prep"].to_lowercase();
                let future = self.future_modifiers.iter().any(|w| w == rel) || self.future.contains(&prep);
                let last = self.past_modifiers.iter().any(|w| w == rel);
                let date = match resolve_year(published, month, future, last, || past(all.start(), all.end())) {
                    Some(y) => Date::written(format_args!("{y:04}-{month:02}")),
                    None => Date::written(format_args!("--{month:02}")),
                };
                push(
                    DateMention { start: all.start(), end: all.end(), date, explicit_year: false, year_only: false },
                    &mut out,
                );
            }
        }
        // A year is read only in ASCII digits: without four in a row, there is none.
        let four_digits = text.as_bytes().windows(4).any(|w| w.iter().all(u8::is_ascii_digit));
        for c in four_digits.then(|| self.year_only.for_text(plain).captures_iter(text)).into_iter().flatten() {
            let all = c.get(0).expect("match");
            let year: u32 = c["year"].parse().unwrap_or(0);
            if year < self.years.0 || year > self.years.1 {
                continue;
            }
            push(
                DateMention {
                    start: all.start(),
                    end: all.end(),
                    date: Date::written(format_args!("{year:04}")),
                    explicit_year: true,
                    year_only: true,
                },
                &mut out,
            );
        }
        out.sort_by_key(|m| m.start);
        out
    }
}

/// `words` lower-cased: the single words as a set, and the phrases.
fn lower_words(words: &[String]) -> (rustc_hash::FxHashSet<String>, Vec<String>) {
    let (phrases, single): (Vec<String>, Vec<String>) =
        words.iter().map(|w| w.to_lowercase()).partition(|w| w.contains(' '));
    (single.into_iter().collect(), phrases)
}

/// The year of a month named without one, from the publication date: the
/// such month nearest publication ("in January" written in late December is
/// the coming January; "in November" written in September is this November),
/// or, for "until", the next one, and for "last", the latest before.
fn resolve_year(
    published: Option<Published>,
    month: u32,
    future: bool,
    last: bool,
    past: impl FnOnce() -> bool,
) -> Option<i32> {
    let (y, m, _) = published?;
    Some(if last {
        if month >= m {
            y - 1
        } else {
            y
        }
    } else if future {
        if month + 1 < m {
            y + 1
        } else {
            y
        }
    } else if past() {
        if month > m + 1 {
            y - 1
        } else {
            y
        }
    } else if month > m + 5 {
        y - 1
    } else if month + 6 < m {
        y + 1
    } else {
        y
    })
}

/// How many words either side of a date tell whether it lies behind or ahead.
const TENSE_WORDS: usize = 8;

/// The text from `n` words before `start` to `n` words after `end`.
fn around(text: &str, start: usize, end: usize, n: usize) -> &str {
    let mut from = start;
    for _ in 0..=n {
        match text[..from].trim_end().rfind(char::is_whitespace) {
            Some(k) => from = k,
            None => {
                from = 0;
                break;
            }
        }
    }
    let mut to = end;
    for _ in 0..=n {
        let rest = &text[to..];
        let skipped = rest.len() - rest.trim_start().len();
        match rest.trim_start().find(char::is_whitespace) {
            Some(k) => to += skipped + k,
            None => {
                to = text.len();
                break;
            }
        }
    }
    &text[from..to]
}

fn ends_with_word(text: &str, words: &[String]) -> bool {
    let last = text.trim_end().rsplit(|c: char| !c.is_alphanumeric()).next().unwrap_or("").to_lowercase();
    words.contains(&last)
}

/// Whether day `day` of month `month` (1-based) is on the calendar: in
/// `year` when it is known, else in a leap year (February 29 may be).
pub(crate) fn on_calendar(year: Option<i32>, month: u32, day: u32) -> bool {
    chrono::NaiveDate::from_ymd_opt(year.unwrap_or(2000), month, day).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::spans;

    fn finder() -> DateFinder {
        DateFinder::new(&crate::rules::RuleSet::builtin().dates, (1800, 2100))
    }

    fn dates(text: &str, published: &str) -> Vec<String> {
        finder().find(text, parse_published(published)).into_iter().map(|d| d.date.0).collect()
    }

    proptest::proptest! {
        /// On plain text, each date pattern's twin finds the same matches,
        /// with the same groups, as the pattern as written.
        #[test]
        fn date_twins_find_what_the_patterns_find(
            words in proptest::collection::vec(proptest::sample::select(vec![
                "May", "may", "Oct.", "October", "Sept", "in", "In", "by", "early", "mid-", "last", "next", "Monday (",
                "1", "21", "2019", "31st", ",", ".", " ", "  ", "\n", ")", "x", "_", "’", "“", "—", "\u{a0}",
            ]), 1..24)
        ) {
            let text = words.concat();
            let f = finder();
            for p in [&f.day, &f.day_first, &f.month_year, &f.month_only, &f.year_only] {
                let (plain, any) = (spans(&p.plain, &text), spans(&p.any, &text));
                proptest::prop_assert_eq!(plain, any, "{} on {:?}", p.any.as_str(), &text);
            }
        }
    }

    #[test]
    fn years_are_read_in_ascii_digits_only() {
        assert_eq!(dates("It was founded in 2019.", "2020-01-01"), ["2019"]);
        assert_eq!(dates("It was founded in ２０１９.", "2020-01-01"), Vec::<String>::new());
        assert_eq!(dates("It was founded in 201 9.", "2020-01-01"), Vec::<String>::new());
    }

    #[test]
    fn month_and_day_take_the_year_of_publication() {
        assert_eq!(dates("the New York Times reported on May 21.", "2019-05-22"), vec!["2019-05-21"]);
        assert_eq!(dates("a license to buy U.S. goods until Aug. 19 to", "2019-05-22"), vec!["2019-08-19"]);
        assert_eq!(dates("lost 1.8 per cent on Tuesday (Oct 8) as", "2019-10-08"), vec!["2019-10-08"]);
    }

    #[test]
    fn the_words_near_a_date_say_whether_it_lies_behind_or_ahead() {
        // The sentence opens in the past, but the rule's start is ahead of a December article.
        let ahead = "The bank was busy, and it moved quickly to pay bonuses early in the month, well \
                     before the new accounting rule takes effect on Jan. 1.";
        assert_eq!(dates(ahead, "2017-12-29"), ["2018-01-01"]);
        assert_eq!(dates("The plant was opened on Jan. 1 with a ceremony.", "2017-12-29"), ["2017-01-01"]);
    }

    #[test]
    fn a_day_the_calendar_lacks_is_no_date() {
        assert_eq!(dates("The deal was signed on February 30, 2023, he said.", "2023-03-01"), Vec::<String>::new());
        assert_eq!(dates("It closed on 31 April.", "2023-05-01"), Vec::<String>::new());
        assert_eq!(dates("It closed on Feb. 29, 2023 or so.", "2023-05-01"), Vec::<String>::new());
        assert_eq!(dates("It closed on Feb. 29, 2024.", "2024-05-01"), ["2024-02-29"]);
        assert_eq!(dates("It closed on February 29.", "2024-05-01"), ["2024-02-29"]);
    }

    #[test]
    fn months_alone_need_a_preposition() {
        assert_eq!(dates("had since last October been engaging", "2019-05-22"), vec!["2018-10"]);
        assert_eq!(dates("Reuters reported in August Hikvision", "2019-10-08"), vec!["2019-08"]);
        assert_eq!(dates("in January it retained", "2019-10-08"), vec!["2019-01"]);
        assert_eq!(dates("It May rain", "2019-10-08"), Vec::<String>::new());
    }

    #[test]
    fn modifiers_before_a_month_come_from_the_rules() {
        assert_eq!(dates("will be reviewed by next March", "2019-05-22"), vec!["2020-03"]);
        assert_eq!(dates("sales rose in early April", "2019-05-22"), vec!["2019-04"]);
        assert_eq!(dates("talks resume by mid-June", "2019-05-22"), vec!["2019-06"]);
        let mut rules = crate::rules::RuleSet::builtin().dates;
        assert!(dates("had since previous October", "2019-05-22").is_empty());
        rules.past_month_modifiers.push("previous".into());
        rules.future_day_words.push("before".into());
        let finder = DateFinder::new(&rules, (1800, 2100));
        let found = |text: &str| -> Vec<String> {
            finder.find(text, parse_published("2019-05-22")).into_iter().map(|d| d.date.0).collect()
        };
        assert_eq!(found("had since previous October"), vec!["2018-10"]);
        assert_eq!(found("must be done before March 5"), vec!["2020-03-05"]);
        assert_eq!(dates("must be done before March 5", "2019-05-22"), vec!["2019-03-05"]);
    }

    #[test]
    fn years_and_month_years() {
        assert_eq!(dates("in a May 2018 fundraising", "2019-10-08"), vec!["2018-05"]);
        assert_eq!(dates("blacklisted by the U.S. in 2019 along with", "2022-05-05"), vec!["2019"]);
        assert_eq!(dates("no date here", "2019-10-08"), Vec::<String>::new());
    }
}

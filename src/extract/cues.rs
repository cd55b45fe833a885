//! Cues: what a sentence holds that the news stages look for (digits, and
//! which kinds of trigger word), found in one pass, so a stage with nothing
//! to find in a sentence is not run on it.

use crate::rules::NewsRules;
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

/// A weekday name: "Monday".
pub const WEEKDAY: u32 = 1;
/// A relative day or period: "yesterday", "last week".
pub const RELATIVE: u32 = 1 << 1;
/// An ordinal word: "third".
pub const ORDINAL: u32 = 1 << 2;
/// A multiplicative word: "twice".
pub const TIMES: u32 = 1 << 3;
/// A time unit that may stand alone: "a century".
pub const SINGLE: u32 = 1 << 4;
/// A time of day named by a word: "midnight".
pub const NAMED_TIME: u32 = 1 << 5;

/// What one sentence holds.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Cues {
    /// An ASCII digit.
    pub digit: bool,
    /// Four digits in a row: a year may stand here.
    pub four_digits: bool,
    /// A digit with a letter glued to it, or after a hyphen: "180mph", "15th", "105-mph".
    pub digit_letter: bool,
    /// Digits joined by a hyphen: "8-7".
    pub digit_dash_digit: bool,
    /// A digit before a colon, a dot or a letter a or p: "10:08", "7 a.m.".
    pub clockish: bool,
    words: u32,
}

impl Cues {
    /// Whether the sentence holds a trigger word of kind `kind`.
    pub fn has(self, kind: u32) -> bool {
        self.words & kind != 0
    }

    /// Cues that let every stage run (for tests and callers without a finder).
    #[cfg(test)]
    pub fn all() -> Self {
        Cues {
            digit: true,
            four_digits: true,
            digit_letter: true,
            digit_dash_digit: true,
            clockish: true,
            words: u32::MAX,
        }
    }
}

/// Finds a sentence's cues. Built once from `news.yaml`.
#[derive(Clone)]
pub struct CueFinder {
    words: AhoCorasick,
    kinds: Vec<u32>,
}

impl CueFinder {
    /// One automaton over every trigger word of `news.yaml`.
    pub fn new(rules: &NewsRules) -> Self {
        let mut words: Vec<String> = Vec::new();
        let mut kinds = Vec::new();
        let mut add = |list: Vec<&String>, kind: u32| {
            for w in list {
                words.push(w.to_lowercase());
                kinds.push(kind);
            }
        };
        add(rules.weekdays.keys().collect(), WEEKDAY);
        add(rules.relative_days.keys().chain(rules.relative_periods.iter().flat_map(|p| &p.words)).collect(), RELATIVE);
        add(rules.ordinals.keys().collect(), ORDINAL);
        add(rules.times_words.keys().collect(), TIMES);
        add(rules.single_units.keys().collect(), SINGLE);
        add(rules.time_words.keys().collect(), NAMED_TIME);
        let words = AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::Standard)
            .build(&words)
            .expect("trigger words build an automaton");
        CueFinder { words, kinds }
    }

    /// The cues of `text`.
    pub fn of(&self, text: &str) -> Cues {
        let mut words = 0;
        for m in self.words.find_overlapping_iter(text) {
            words |= self.kinds[m.pattern().as_usize()];
        }
        let mut cues = Cues { words, ..Cues::default() };
        let b = text.as_bytes();
        let mut run = 0;
        for (k, &c) in b.iter().enumerate() {
            if !c.is_ascii_digit() {
                run = 0;
                continue;
            }
            cues.digit = true;
            run += 1;
            cues.four_digits |= run >= 4;
            let next = b.get(k + 1).copied().unwrap_or(b' ');
            let after = b.get(k + 2).copied().unwrap_or(b' ');
            let after_space = if next == b' ' { after } else { next };
            cues.digit_letter |= next.is_ascii_alphabetic() || (next == b'-' && after.is_ascii_alphabetic());
            cues.digit_dash_digit |= next == b'-' && after.is_ascii_digit();
            cues.clockish |= matches!(next, b':' | b'.') || matches!(after_space, b'a' | b'p' | b'A' | b'P');
        }
        cues
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::RuleSet;

    #[test]
    fn cues_name_what_a_sentence_holds() {
        let f = CueFinder::new(&RuleSet::builtin().news);
        let c = f.of("The vote came last WEEK, a third time, on Monday at midnight.");
        assert!(c.has(RELATIVE) && c.has(ORDINAL) && c.has(WEEKDAY) && c.has(NAMED_TIME));
        assert!(!c.digit && !c.has(TIMES));
        let c = f.of("Shares rose 5%.");
        assert!(c.digit && !c.has(WEEKDAY) && !c.four_digits && !c.clockish);
        let c = f.of("In 2016 a 180mph crash at 7 p.m. ended 8-7.");
        assert!(c.four_digits && c.digit_letter && c.clockish && c.digit_dash_digit);
    }
}

//! Cues: what a sentence holds that the news stages look for (digits, and
//! which of their words), so a stage or a pattern with nothing to find in a
//! sentence is not run on it.
//!
//! Each stage asks, while it is built, for a [`Cue`] per word list or
//! pattern it reads; the words behind every cue join the extractor's one
//! word pass over the text, so finding them costs no pass of its own. A
//! pattern whose matches need no particular word gets a cue that is always
//! open: cues only ever skip what cannot match.

use crate::rules::gate::required_words_within;
use regex::Regex;

/// A pattern's gate: open in a sentence that holds one of its words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cue(u64);

impl Cue {
    /// A cue open in every sentence.
    pub const ALWAYS: Cue = Cue(0);
}

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
    words: u64,
}

impl Cues {
    /// Whether `cue` is open: the sentence holds one of its words.
    pub fn open(self, cue: Cue) -> bool {
        cue.0 == 0 || self.words & cue.0 != 0
    }

    /// `re` when its cue is open.
    pub fn regex(self, re: &Cued) -> Option<&Regex> {
        self.open(re.cue).then_some(&re.re)
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
            words: u64::MAX,
        }
    }
}

/// A news stage's regex with the cue that opens it.
#[derive(Debug, Clone)]
pub struct Cued {
    re: Regex,
    cue: Cue,
}

/// Collects the stages' cue words while they are built; then [`Self::finish`].
#[derive(Debug, Default)]
pub struct CueWords {
    words: Vec<String>,
    bits: Vec<u64>,
    used: u32,
}

impl CueWords {
    /// A cue open where any of `words` stands (ASCII case ignored).
    pub fn words<'a>(&mut self, words: impl IntoIterator<Item = &'a String>) -> Cue {
        let words: Vec<String> = words.into_iter().map(|w| w.to_lowercase()).collect();
        self.add(words)
    }

    /// `re` with a cue open where a word every match of it holds stands;
    /// always open when its matches need no word.
    pub fn regex(&mut self, re: Regex) -> Cued {
        let cue = match required_words_within(re.as_str(), usize::MAX) {
            Some(words) => self.add(words),
            None => Cue::ALWAYS,
        };
        Cued { re, cue }
    }

    /// Whether the matches of `pattern` (as a regex reads it) need a word:
    /// whether a cue can ever skip it.
    pub fn needs_words(pattern: &str) -> bool {
        required_words_within(pattern, usize::MAX).is_some()
    }

    fn add(&mut self, words: Vec<String>) -> Cue {
        // Past 64 cues a cue is always open: slower, never wrong.
        if self.used == u64::BITS {
            return Cue::ALWAYS;
        }
        let bit = 1u64 << self.used;
        self.used += 1;
        for w in words {
            self.words.push(w);
            self.bits.push(bit);
        }
        Cue(bit)
    }

    /// The finder, whose words join the word pass.
    pub fn finish(self) -> CueFinder {
        CueFinder { words: self.words, bits: self.bits }
    }
}

/// Finds a sentence's cues from the hits of its cue words.
#[derive(Debug, Clone)]
pub struct CueFinder {
    words: Vec<String>,
    bits: Vec<u64>,
}

impl CueFinder {
    /// Every cue word, lower-cased, in the numbering [`Self::word_cues`] reads.
    pub fn words(&self) -> &[String] {
        &self.words
    }

    /// The cues a hit of word number `word` opens.
    pub fn word_cues(&self, word: usize) -> u64 {
        self.bits[word]
    }

    /// The cues of `text`, whose cue words' hits opened the cues `words`.
    pub fn of(&self, text: &str, words: u64) -> Cues {
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

    /// The cues of `text` found by a search of its own (for tests).
    #[cfg(test)]
    pub fn of_text(&self, text: &str) -> Cues {
        let lower = text.to_ascii_lowercase();
        let words =
            self.words.iter().zip(&self.bits).filter(|(w, _)| lower.contains(w.as_str())).fold(0, |a, (_, b)| a | b);
        self.of(text, words)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cue_opens_where_its_words_stand() {
        let mut w = CueWords::default();
        let weekday = w.words(&["Monday".to_string(), "Friday".to_string()]);
        let late = w.regex(Regex::new(r"(?i)\blate (?:night|evening)\b").unwrap());
        let any_number = w.regex(Regex::new(r"\d+").unwrap());
        let f = w.finish();
        let c = f.of_text("The vote came late NIGHT on Monday.");
        assert!(c.open(weekday) && c.regex(&late).is_some() && c.regex(&any_number).is_some());
        assert!(!c.digit);
        let c = f.of_text("Shares rose 5% in 2016, it said");
        assert!(!c.open(weekday) && c.regex(&late).is_none() && c.regex(&any_number).is_some());
        assert!(c.digit && c.four_digits && !c.clockish);
        let c = f.of_text("A 180mph crash at 7 p.m. ended 8-7.");
        assert!(c.digit_letter && c.clockish && c.digit_dash_digit && !c.four_digits);
    }

    #[test]
    fn cues_past_sixty_four_stay_open() {
        let mut w = CueWords::default();
        let cues: Vec<Cue> = (0..70).map(|k| w.words(&[format!("word{k}")])).collect();
        let f = w.finish();
        let c = f.of_text("nothing here");
        assert!(!c.open(cues[0]) && !c.open(cues[63]));
        assert!(c.open(cues[64]) && c.open(cues[69]));
    }
}

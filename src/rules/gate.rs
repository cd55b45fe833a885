//! Literal gates: the words a rule pattern cannot match without.
//!
//! Most rule patterns name words: `\b(valued at|worth)\s*$` cannot match a
//! text that holds neither "valued at" nor "worth". One Aho-Corasick pass over
//! a sentence finds which of those words it holds; a pattern whose words are
//! all absent is then known not to match, without running it. Gates only ever
//! skip patterns that cannot match, so results are the same with or without
//! them (tested against running every pattern).
//!
//! Words are compared ASCII-case-insensitively, which covers both
//! case-sensitive and case-insensitive patterns. The two characters outside
//! ASCII that Unicode case folding equates with ASCII letters ("ſ" with "s",
//! the Kelvin sign with "k") open every gate when a text holds them.

use aho_corasick::{AhoCorasick, AhoCorasickBuilder};
use regex_syntax::hir::{Class, Hir, HirKind};
use rustc_hash::FxHashMap as HashMap;

/// A gate's words shorter than this make it not worth having: such short
/// strings are in nearly every sentence.
const MIN_WORD_LEN: usize = 3;

/// A gate with more alternative words than this is not kept.
const MAX_WORDS: usize = 64;

/// Characters that case-fold to an ASCII letter without being ASCII.
const FOLDS_TO_ASCII: [char; 2] = ['\u{17F}', '\u{212A}'];

/// Strings one of which every match of `pattern` holds (lower-case, compared
/// ASCII-case-insensitively), or `None` when no useful set is known.
pub fn required_words(pattern: &str) -> Option<Vec<String>> {
    let hir = regex_syntax::ParserBuilder::new().case_insensitive(true).build().parse(pattern).ok()?;
    let mut words = required(&hir)?;
    words.sort();
    words.dedup();
    let useful = words.iter().all(|w| w.chars().count() >= MIN_WORD_LEN && !w.contains(FOLDS_TO_ASCII))
        && words.len() <= MAX_WORDS;
    useful.then_some(words)
}

/// The words one of which every match of `hir` holds.
fn required(hir: &Hir) -> Option<Vec<String>> {
    match hir.kind() {
        HirKind::Capture(c) => required(&c.sub),
        HirKind::Repetition(r) if r.min >= 1 => required(&r.sub),
        HirKind::Alternation(alts) => {
            let mut all = Vec::new();
            for alt in alts {
                all.extend(required(alt)?);
            }
            Some(all)
        }
        HirKind::Concat(items) => {
            let mut best: Option<Vec<String>> = None;
            let mut consider = |set: Vec<String>| {
                if best.as_ref().is_none_or(|b| better(&set, b)) {
                    best = Some(set);
                }
            };
            let mut run = String::new();
            for item in items {
                if let Some(text) = literal_text(item) {
                    run.push_str(&text);
                    continue;
                }
                if !run.is_empty() {
                    consider(vec![std::mem::take(&mut run)]);
                }
                if let Some(set) = required(item) {
                    consider(set);
                }
            }
            if !run.is_empty() {
                consider(vec![run]);
            }
            best
        }
        _ => literal_text(hir).map(|t| vec![t]),
    }
}

/// Whether `a` gates better than `b`: longer shortest word, then fewer words.
fn better(a: &[String], b: &[String]) -> bool {
    let shortest = |s: &[String]| s.iter().map(|w| w.chars().count()).min().unwrap_or(0).min(8);
    (shortest(a), std::cmp::Reverse(a.len())) > (shortest(b), std::cmp::Reverse(b.len()))
}

/// The text a literal or a one-letter case class stands for, lower-cased.
fn literal_text(hir: &Hir) -> Option<String> {
    match hir.kind() {
        HirKind::Literal(l) => std::str::from_utf8(&l.0).ok().map(str::to_ascii_lowercase),
        HirKind::Class(Class::Unicode(c)) => {
            let chars: Vec<char> = c.iter().flat_map(|r| r.start()..=r.end()).take(4).collect();
            one_letter(&chars).map(String::from)
        }
        HirKind::Class(Class::Bytes(c)) => {
            let bytes: Vec<char> = c.iter().flat_map(|r| r.start()..=r.end()).take(4).map(char::from).collect();
            one_letter(&bytes).map(String::from)
        }
        _ => None,
    }
}

/// The ASCII letter a class holds only the case forms of: `[Ss\u{17F}]` is "s".
fn one_letter(chars: &[char]) -> Option<char> {
    let letter = chars.iter().find(|c| c.is_ascii_lowercase())?.to_ascii_lowercase();
    let same = |c: &char| {
        c.to_ascii_lowercase() == letter || (letter == 's' && *c == '\u{17F}') || (letter == 'k' && *c == '\u{212A}')
    };
    (chars.len() <= 3 && chars.iter().all(same)).then_some(letter)
}

/// The words a pattern needs: ids into its [`Gates`]' word list, or `None`
/// when the pattern is always run.
#[derive(Debug, Clone, Default)]
pub struct Need(Option<Box<[u32]>>);

impl Need {
    /// Whether a text with these words present may match the pattern.
    pub fn may_match(&self, present: &Present) -> bool {
        match &self.0 {
            None => true,
            Some(ids) => present.all || ids.iter().any(|&i| present.has(i)),
        }
    }
}

/// Collects patterns' words while rules are compiled; then [`Self::build`].
#[derive(Default)]
pub struct GatesBuilder {
    words: Vec<String>,
    ids: HashMap<String, u32>,
}

impl GatesBuilder {
    /// The words `pattern` (as the regex reads it) needs, entered in the set.
    pub fn need(&mut self, pattern: &str) -> Need {
        let Some(words) = required_words(pattern) else { return Need(None) };
        let ids = words
            .into_iter()
            .map(|w| {
                let next = self.words.len() as u32;
                *self.ids.entry(w.clone()).or_insert_with(|| {
                    self.words.push(w);
                    next
                })
            })
            .collect();
        Need(Some(ids))
    }

    /// The gates: one automaton over every word entered, and over `also`:
    /// other words (ASCII-case-insensitive) whose every occurrence the same
    /// pass reports to [`Gates::scan`]'s caller, numbered in `also`'s order.
    pub fn build(self, also: &[String]) -> Gates {
        let folds: Vec<String> = FOLDS_TO_ASCII.iter().map(char::to_string).collect();
        let ac = AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .kind(Some(aho_corasick::AhoCorasickKind::DFA))
            .build(also.iter().chain(&self.words).chain(&folds))
            .expect("gate words are plain strings");
        Gates { ac, also: also.len(), words: self.words.len() }
    }
}

/// Finds which gate words a text holds.
#[derive(Debug, Clone)]
pub struct Gates {
    ac: AhoCorasick,
    /// How many of the automaton's first words are other words.
    also: usize,
    /// How many gate words follow them.
    words: usize,
}

impl Gates {
    /// The gate words `text` holds. Every occurrence of an `also` word is
    /// handed to `other` (word number, start, end), in order of end.
    pub fn scan(&self, text: &str, other: impl FnMut(usize, usize, usize)) -> Present {
        let mut present = Present::default();
        self.scan_into(text, &mut present, other);
        present
    }

    /// [`Self::scan`], into `present`, whose storage is reused.
    pub fn scan_into(&self, text: &str, present: &mut Present, mut other: impl FnMut(usize, usize, usize)) {
        present.bits.clear();
        present.bits.resize(self.words.div_ceil(64), 0);
        present.all = false;
        for m in self.ac.find_overlapping_iter(text) {
            let id = m.pattern().as_usize();
            if id < self.also {
                other(id, m.start(), m.end());
                continue;
            }
            let id = id - self.also;
            if id >= self.words {
                present.all = true;
            } else {
                present.bits[id / 64] |= 1 << (id % 64);
            }
        }
    }
}

/// The gate words one text holds.
#[derive(Debug, Clone, Default)]
pub struct Present {
    bits: Vec<u64>,
    /// Every gate is open: the text holds a character that folds to ASCII.
    all: bool,
}

impl Present {
    fn has(&self, id: u32) -> bool {
        let id = id as usize;
        self.bits[id / 64] & (1 << (id % 64)) != 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(p: &str) -> Option<Vec<String>> {
        required_words(&super::super::pattern::ascii_boundaries(p))
    }

    #[test]
    fn words_are_found_in_literals_alternations_and_repeats() {
        assert_eq!(words(r"\b(valued at|worth)\s*$"), Some(vec!["valued at".into(), "worth".into()]));
        assert_eq!(words(r"according to (?P<who>\w+)"), Some(vec!["according to ".into()]));
        assert_eq!(words(r"\bmarket (value|cap)\b[^.;]{0,20}$"), Some(vec!["market ".into()]));
        assert_eq!(words(r"(?:Shenzhen)+"), Some(vec!["shenzhen".into()]));
    }

    #[test]
    fn patterns_without_a_required_word_get_no_gate() {
        assert_eq!(words(r"\b(up|down)\b"), None);
        assert_eq!(words(r"(shares)?\d+"), None);
        assert_eq!(words(r"\w+ly"), None);
        assert_eq!(words(r"[a-z]+"), None);
    }

    #[test]
    fn a_class_of_two_letters_breaks_a_word() {
        assert_eq!(words(r"capitali[sz]ation"), Some(vec!["capitali".into()]));
        assert_eq!(words(r"(?i)gr[a-e]w"), None);
    }

    #[test]
    fn letters_outside_ascii_break_words() {
        // "é" has a capital outside ASCII: the word is cut there.
        assert_eq!(words(r"caféteria"), Some(vec!["teria".into()]));
    }

    #[test]
    fn folding_characters_open_every_gate() {
        let mut b = GatesBuilder::default();
        let need = b.need(r"(?i)\bsaid\b");
        let gates = b.build(&[]);
        let present = |t: &str| gates.scan(t, |_, _, _| {});
        assert!(!need.may_match(&present("he told us")));
        assert!(need.may_match(&present("he SAID so")));
        assert!(need.may_match(&present("he \u{17F}aid so")));
        let re = regex::RegexBuilder::new(r"\bsaid\b").case_insensitive(true).build().unwrap();
        assert!(re.is_match("he \u{17F}aid so"));
    }
}

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

use aho_corasick::automaton::{Automaton, StateID};
use aho_corasick::dfa::DFA;
use aho_corasick::Anchored;
use regex_syntax::hir::{Class, Hir, HirKind};
use rustc_hash::FxHashMap as HashMap;
use std::ops::Range;

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
    required_words_within(pattern, MAX_WORDS)
}

/// [`required_words`], keeping sets of up to `max_words` words.
pub fn required_words_within(pattern: &str, max_words: usize) -> Option<Vec<String>> {
    let hir = regex_syntax::ParserBuilder::new().case_insensitive(true).build().parse(pattern).ok()?;
    let mut words = required(&hir)?;
    words.sort();
    words.dedup();
    let useful = words.iter().all(|w| w.chars().count() >= MIN_WORD_LEN && !w.contains(FOLDS_TO_ASCII))
        && words.len() <= max_words;
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
    /// pass reports to [`Gates::each_span`]'s caller, numbered in `also`'s order.
    pub fn build(self, also: &[String]) -> Gates {
        let folds: Vec<String> = FOLDS_TO_ASCII.iter().map(char::to_string).collect();
        // No prefilter: with hundreds of words it would rarely skip, and
        // without it the start state is special only if it is a match.
        // An empty word would be found between every two characters: it
        // stands for nothing, as a byte that UTF-8 text never holds.
        let words =
            also.iter().chain(&self.words).chain(&folds).map(|w| if w.is_empty() { &[0xFF][..] } else { w.as_bytes() });
        let dfa = aho_corasick::dfa::Builder::new()
            .ascii_case_insensitive(true)
            .prefilter(false)
            .build(words)
            .expect("gate words are plain strings");
        Gates { dfa, also: also.len(), words: self.words.len() }
    }
}

/// Finds which gate words a text holds.
#[derive(Debug, Clone)]
pub struct Gates {
    dfa: DFA,
    /// How many of the automaton's first words are other words.
    also: usize,
    /// How many gate words follow them.
    words: usize,
}

/// One occurrence of a word of the pass: the word's number (`also` words
/// first, then gate words, then the folding characters) and its byte span.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    pub word: usize,
    pub start: usize,
    pub end: usize,
}

/// How many parts of a text one pass reads side by side. Each step of the
/// automaton waits on the load the step before it made; steps in different
/// parts do not, so the processor overlaps them.
const LANES: usize = 4;
// The side-by-side loop reads four parts by name.
const _: () = assert!(LANES == 4);

impl Gates {
    /// The gate words `text` holds. Every occurrence of an `also` word is
    /// handed to `other` (word number, start, end), in order of end.
    #[cfg(test)]
    pub fn scan(&self, text: &str, mut other: impl FnMut(usize, usize, usize)) -> Present {
        let mut present = Present::default();
        self.present_into(&self.hits_in(text), 0, &mut present, |h| other(h.word, h.start, h.end));
        present
    }

    /// Every occurrence of every word of the pass in `text`, in order of end,
    /// by the automaton library's own search (the reference
    /// [`Self::find_all`] is held to).
    #[cfg(test)]
    pub fn hits_in(&self, text: &str) -> Vec<Hit> {
        let mut state = aho_corasick::automaton::OverlappingState::start();
        let input = aho_corasick::Input::new(text);
        let mut hits = Vec::new();
        loop {
            self.dfa.try_find_overlapping(&input, &mut state).expect("an unanchored search cannot fail");
            let Some(m) = state.get_match() else { break };
            hits.push(Hit { word: m.pattern().as_usize(), start: m.start(), end: m.end() });
        }
        hits
    }

    /// Which gate words the hits of one sentence (as [`Self::each_span`]
    /// hands them) hold, for the sentence starting at byte `offset`. Every hit of an `also` word is handed to
    /// `other`, moved to the sentence's offsets, in order of end.
    pub fn present_into<'h>(
        &self,
        hits: impl IntoIterator<Item = &'h Hit>,
        offset: usize,
        present: &mut Present,
        mut other: impl FnMut(Hit),
    ) {
        present.bits.clear();
        present.bits.resize(self.words.div_ceil(64), 0);
        present.all = false;
        for h in hits {
            if h.word < self.also {
                other(Hit { word: h.word, start: h.start - offset, end: h.end - offset });
                continue;
            }
            let id = h.word - self.also;
            if id >= self.words {
                present.all = true;
            } else {
                present.bits[id / 64] |= 1 << (id % 64);
            }
        }
    }

    /// Hands each span of `text` (byte ranges, in order, not overlapping) to
    /// `each` with its index and the hits inside it, in order of end, with
    /// offsets in `text`: what [`Self::hits_in`] finds in the span alone.
    /// One pass reads each window of spans reaching at most `window` bytes
    /// (or one span), so what a pass found stays small and in cache.
    pub fn each_span(&self, text: &[u8], spans: &[Range<usize>], window: usize, mut each: impl FnMut(usize, &[Hit])) {
        let (mut hits, mut starts, mut own) = (Vec::new(), Vec::new(), Vec::new());
        let mut done = 0;
        while let Some(first) = spans.get(done) {
            let n = 1 + spans[done + 1..].iter().take_while(|s| s.end - first.start <= window).count();
            let batch = &spans[done..done + n];
            starts.clear();
            starts.extend(batch.iter().map(|s| s.start));
            self.find_all(&text[..batch[n - 1].end], &starts, &mut hits);
            let mut next = 0;
            for (k, span) in batch.iter().enumerate() {
                // The hits that end in the span; one that starts before it is not its own.
                let from = next;
                next += hits[from..].iter().take_while(|h| h.end <= span.end).count();
                own.clear();
                own.extend(hits[from..next].iter().filter(|h| h.start >= span.start));
                each(done + k, &own);
            }
            done += n;
        }
    }

    /// Every occurrence of every word of the pass in `text`, in order of end,
    /// into `hits`. For the occurrences inside one sentence, the same as a
    /// search of the sentence alone; one that starts before a sentence and
    /// ends in it is the caller's to drop. `starts` are the sentence starts,
    /// increasing: the text before the first is not read, and the text may
    /// be split at any of them into parts read side by side, each from the
    /// automaton's start.
    fn find_all(&self, text: &[u8], starts: &[usize], hits: &mut Vec<Hit>) {
        hits.clear();
        let Some(&first) = starts.first() else { return };
        let parts = parts(first..text.len(), starts);
        let start = self.dfa.start_state(Anchored::No).expect("an unanchored automaton has a start state");
        // Room for a word every eight bytes, about what news text holds: the
        // lists seldom grow, and growing one copies it.
        let mut found: [Vec<(StateID, usize)>; LANES] = parts.clone().map(|p| Vec::with_capacity(p.len() / 8));
        hits.reserve(text.len().saturating_sub(first) / 8);
        let mut at = parts.clone().map(|p| p.start);
        let mut sid = [start; LANES];
        // An empty word matches before the first byte too; every later
        // position is reported by the part that ends there.
        if self.dfa.is_match(start) {
            found[0].push((start, first));
        }
        // One step of part `k` over byte `b`: a special state (a match) is kept with where it ends.
        let step =
            |k: usize, b: u8, sid: &mut [StateID; LANES], at: &mut [usize; LANES], found: &mut [Vec<_>; LANES]| {
                sid[k] = self.dfa.next_state(Anchored::No, sid[k], b);
                at[k] += 1;
                if self.dfa.is_special(sid[k]) {
                    found[k].push((sid[k], at[k]));
                }
            };
        // Side by side while every part has bytes left, then one by one.
        let side_by_side = parts.iter().map(|p| p.len()).min().unwrap_or(0);
        let lane = |k: usize| &text[at[k]..at[k] + side_by_side];
        let [a, b, c, d] = [lane(0), lane(1), lane(2), lane(3)];
        for bytes in a.iter().zip(b).zip(c).zip(d).map(|(((a, b), c), d)| [*a, *b, *c, *d]) {
            for (k, &b) in bytes.iter().enumerate() {
                step(k, b, &mut sid, &mut at, &mut found);
            }
        }
        for k in 0..LANES {
            for &b in &text[at[k]..parts[k].end] {
                step(k, b, &mut sid, &mut at, &mut found);
            }
        }
        for (sid, end) in found.into_iter().flatten() {
            if !self.dfa.is_match(sid) {
                continue;
            }
            for i in 0..self.dfa.match_len(sid) {
                let word = self.dfa.match_pattern(sid, i);
                hits.push(Hit { word: word.as_usize(), start: end - self.dfa.pattern_len(word), end });
            }
        }
    }
}

/// `whole` cut into [`LANES`] parts of about equal length at some of
/// `cuts` (increasing offsets); parts past the last cut are empty.
fn parts(whole: Range<usize>, cuts: &[usize]) -> [Range<usize>; LANES] {
    let mut parts: [Range<usize>; LANES] = Default::default();
    let (mut from, end) = (whole.start, whole.end);
    for (k, part) in parts.iter_mut().enumerate() {
        let to = if k + 1 == LANES {
            end
        } else {
            // The first cut at or past this part's share of the text.
            let share = whole.start + whole.len() * (k + 1) / LANES;
            let i = cuts.partition_point(|&c| c < share);
            cuts.get(i).copied().unwrap_or(end).clamp(from, end)
        };
        *part = from..to;
        from = to;
    }
    parts
}

/// The gate words one text holds.
#[derive(Debug, Clone, Default)]
pub struct Present {
    bits: Vec<u64>,
    /// Every gate is open: the text holds a character that folds to ASCII.
    all: bool,
}

impl Present {
    /// Every gate is open: the text holds a character that folds to ASCII.
    pub fn all_open(&self) -> bool {
        self.all
    }

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

    /// Words over a small alphabet, so that they overlap one another and
    /// run across span edges; the empty word among them.
    fn pass_words() -> impl proptest::strategy::Strategy<Value = Vec<String>> {
        proptest::collection::vec("[ab. é]{0,3}", 1..8)
    }

    /// Spans of `text` from `marks`, each a gap and a length in characters:
    /// in order, not overlapping, some with gaps between them.
    fn spans_of(text: &str, marks: &[(usize, usize)]) -> Vec<Range<usize>> {
        let bounds: Vec<usize> = text.char_indices().map(|(b, _)| b).chain([text.len()]).collect();
        let mut spans = Vec::new();
        let mut at = 0;
        for &(gap, len) in marks {
            let start = (at + gap).min(bounds.len() - 1);
            let end = (start + len).min(bounds.len() - 1);
            spans.push(bounds[start]..bounds[end]);
            at = end;
        }
        spans
    }

    proptest::proptest! {
        /// The hits a pass over windows of spans hands each span are what a
        /// search of the span alone finds, whatever the window and however
        /// words overlap the spans' edges.
        #[test]
        fn each_span_gets_what_a_search_of_it_alone_finds(
            also in pass_words(),
            gate_words in pass_words(),
            text in "[aAbB. é\n\u{17F}]{0,120}",
            marks in proptest::collection::vec((0usize..4, 0usize..30), 0..10),
            window in 1usize..80,
        ) {
            let mut b = GatesBuilder::default();
            for w in &gate_words {
                b.need(&regex::escape(w));
            }
            let gates = b.build(&also);
            let spans = spans_of(&text, &marks);
            let mut seen = 0;
            gates.each_span(text.as_bytes(), &spans, window, |k, hits| {
                let span = &spans[k];
                let alone: Vec<Hit> = gates
                    .hits_in(&text[span.clone()])
                    .into_iter()
                    .map(|h| Hit { word: h.word, start: h.start + span.start, end: h.end + span.start })
                    .collect();
                assert_eq!(hits, alone.as_slice(), "span {span:?} of {text:?}");
                seen += 1;
            });
            proptest::prop_assert_eq!(seen, spans.len());
        }
    }

    #[test]
    fn an_empty_word_is_found_nowhere() {
        let gates = GatesBuilder::default().build(&["".to_string(), "ab".to_string()]);
        let text = "abab ab";
        let spans = [0..2, 2..4, 5..7];
        let mut seen = Vec::new();
        gates.each_span(text.as_bytes(), &spans, 100, |_, hits| seen.extend_from_slice(hits));
        assert_eq!(
            seen,
            vec![
                Hit { word: 1, start: 0, end: 2 },
                Hit { word: 1, start: 2, end: 4 },
                Hit { word: 1, start: 5, end: 7 }
            ]
        );
        assert_eq!(gates.hits_in(text).len(), 3);
    }
}

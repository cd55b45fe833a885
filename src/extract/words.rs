//! The word pass: one search over a window of sentences finds, for each
//! sentence, the words its gated patterns need, where its clause boundary
//! words stand, and the entity aliases, quantity anchors, month names and
//! news cues its finders would otherwise search for themselves; and the
//! gated patterns, run only on sentences that hold the words they need.

use super::Extractor;
use crate::rules::gate::{GatesBuilder, Hit, Need, Present};
use crate::rules::Twin;
use crate::segment;
use regex::Regex;

/// A rule pattern with the words it cannot match without: it is run only
/// on sentences that hold one of them.
#[derive(Clone)]
pub(super) struct Gated {
    pattern: Twin,
    need: Need,
}

impl Gated {
    pub(super) fn new(re: &Regex, case_insensitive: bool, gates: &mut GatesBuilder) -> Self {
        Gated { need: gates.need(re.as_str()), pattern: Twin::new(re, case_insensitive) }
    }

    /// The regex to run on `hay`, a part of the sentence `w` was found in.
    fn re(&self, hay: &str, w: &Words) -> &Regex {
        debug_assert!(!w.plain || crate::rules::is_plain(hay));
        self.pattern.for_text(w.plain)
    }

    pub(super) fn is_match(&self, hay: &str, w: &Words) -> bool {
        self.need.may_match(&w.present) && self.re(hay, w).is_match(hay)
    }

    pub(super) fn find<'h>(&self, hay: &'h str, w: &Words) -> Option<regex::Match<'h>> {
        self.find_iter(hay, w).next()
    }

    pub(super) fn find_iter<'r, 'h>(&'r self, hay: &'h str, w: &Words) -> impl Iterator<Item = regex::Match<'h>> + 'r
    where
        'h: 'r,
    {
        self.need.may_match(&w.present).then(|| self.re(hay, w).find_iter(hay)).into_iter().flatten()
    }

    /// The pattern's captures in `hay`, or `None` when its gate is closed
    /// (an `Option`, not an empty iterator: flattening costs per match).
    pub(super) fn captures_iter<'r, 'h>(&'r self, hay: &'h str, w: &Words) -> Option<regex::CaptureMatches<'r, 'h>> {
        self.need.may_match(&w.present).then(|| self.re(hay, w).captures_iter(hay))
    }
}

/// What one pass over a sentence found: the gate words it holds, where its
/// clause boundary words stand, and what the entity, quantity and date
/// finders would otherwise search the sentence for themselves.
#[derive(Default)]
pub(super) struct Words {
    present: Present,
    clauses: Vec<ClauseMark>,
    /// Every occurrence of an entity alias, ignoring ASCII case: start, end,
    /// alias, in the order `EntityMatcher::find_at` takes them.
    pub(super) aliases: Vec<(usize, usize, usize)>,
    /// Every occurrence of a quantity anchor word, ignoring ASCII case.
    pub(super) anchors: Vec<(usize, usize)>,
    /// A month name stands in the sentence, with its case.
    pub(super) has_month: bool,
    /// The sentence is plain text: patterns' twins read it.
    pub(super) plain: bool,
    /// The news stages' cues its words open.
    pub(super) cue_words: u64,
}

/// Where each finder's words start among the word pass's other words.
#[derive(Clone)]
pub(super) struct WordRanges {
    pub(super) aliases: usize,
    pub(super) anchors: usize,
    pub(super) months: usize,
    pub(super) cues: usize,
    pub(super) end: usize,
}

/// A clause boundary word in a sentence.
struct ClauseMark {
    start: usize,
    end: usize,
    /// Longer than one character: it counts only as a whole word.
    word: bool,
    /// No letter or digit right before it.
    open_before: bool,
    /// A letter or digit right after it.
    joined_after: bool,
    /// A space on each side.
    spaced: bool,
}

impl Words {
    /// Where the clause holding byte `at` starts.
    pub(super) fn clause_start(&self, at: usize) -> usize {
        self.clauses
            .iter()
            .filter(|m| m.end <= at && (!m.word || (m.open_before && (m.end == at || !m.joined_after))))
            .map(|m| m.end)
            .max()
            .unwrap_or(0)
    }

    /// Where the clause after byte `at` starts: the space before the next
    /// boundary word with spaces on both sides.
    pub(super) fn next_clause(&self, at: usize) -> Option<usize> {
        self.clauses.iter().filter(|m| m.start > at && m.spaced).map(|m| m.start - 1).min()
    }
}

impl Extractor {
    /// The words of a sentence the extractor and its finders look for, in one pass.
    #[cfg(test)]
    fn words_in(&self, text: &str) -> Words {
        let mut words = Words::default();
        self.fill_words(text, &mut words);
        words
    }

    /// [`Self::words_in`], into `words`, whose lists are emptied and reused.
    #[cfg(test)]
    fn fill_words(&self, text: &str, words: &mut Words) {
        self.fill_words_from(text, &self.gates.hits_in(text), 0, words);
    }

    /// The words of the sentence `text`, which starts at byte `offset` of its
    /// source, from the hits a pass over the source found in it, into
    /// `words`, whose lists are emptied and reused.
    fn fill_words_from<'h>(
        &self,
        text: &str,
        hits: impl IntoIterator<Item = &'h Hit>,
        offset: usize,
        words: &mut Words,
    ) {
        let r = &self.ranges;
        let Words { present, clauses, aliases, anchors, has_month, plain, cue_words } = words;
        clauses.clear();
        aliases.clear();
        anchors.clear();
        *has_month = false;
        *cue_words = 0;
        *plain = crate::rules::is_plain(text);
        self.gates.present_into(hits, offset, present, |Hit { word: id, start, end }| {
            if id < r.aliases {
                clauses.push(ClauseMark {
                    start,
                    end,
                    word: end - start > 1,
                    open_before: !text[..start].ends_with(|c: char| c.is_alphanumeric()),
                    joined_after: text[end..].starts_with(|c: char| c.is_alphanumeric()),
                    spaced: text[..start].ends_with(' ') && text[end..].starts_with(' '),
                })
            } else if id < r.anchors {
                aliases.push((start, end, id - r.aliases));
            } else if id < r.months {
                anchors.push((start, end));
            } else if id < r.cues {
                if !*has_month {
                    *has_month = self.dates.is_month_at(id - r.months, text, start, end);
                }
            } else if id < r.end {
                *cue_words |= self.cues.word_cues(id - r.cues);
            }
        });
        if present.all_open() {
            *cue_words = u64::MAX;
        }
        aliases.sort_unstable_by_key(crate::entity::alias_order);
    }

    /// Hands each of `sentences` (in order, within `text`) to `each` with
    /// its words, found by one pass over each window of sentences. One set
    /// of word lists serves every sentence in turn.
    pub(super) fn each_with_words(
        &self,
        text: &str,
        sentences: &[segment::Sentence],
        window: usize,
        mut each: impl FnMut(&segment::Sentence, &Words),
    ) {
        let mut words = Words::default();
        let spans: Vec<_> = sentences.iter().map(|s| s.start..s.end).collect();
        self.gates.each_span(text.as_bytes(), &spans, window, |k, hits| {
            let s = &sentences[k];
            self.fill_words_from(&text[s.start..s.end], hits, s.start, &mut words);
            each(s, &words);
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::tests::extractor;
    use crate::extract::WORD_PASS_WINDOW;
    use crate::rules::spans;
    use crate::rules::RuleSet;
    use proptest::prelude::*;

    /// Words and marks texts are built from: rule words, their case
    /// variants, and characters that test boundaries and case folding.
    fn vocabulary(rules: &RuleSet) -> Vec<String> {
        let mut words: Vec<String> = rules.claims.clause_boundaries.clone();
        let patterns = rules.compiled_measures.iter().flat_map(|m| {
            m.before.iter().chain(&m.after).chain(&m.context).chain(&m.exclude).chain(&m.down).chain(&m.up)
        });
        let patterns = patterns.chain(m_qualitative(rules)).chain(rules.compiled_attribution.iter().map(|(_, r)| r));
        for re in patterns {
            words.extend(crate::rules::gate::required_words(re.as_str()).unwrap_or_default());
        }
        let ex = extractor();
        words.extend(ex.entities.aliases().iter().cloned());
        words.extend(ex.scanner.anchor_patterns().iter().cloned());
        words.extend(ex.dates.month_names().map(String::from));
        words.extend(words.iter().map(|w| w.to_uppercase()).collect::<Vec<_>>());
        words.extend(words.iter().map(|w| w.to_lowercase()).collect::<Vec<_>>());
        words.extend(
            ["Acme", "shares", "Hikvision", "said", "10%", "$5 billion", "\u{17F}aid", "\u{212A}", "é", "’s"]
                .map(String::from),
        );
        words.extend([" ", " ", " ", ", ", ". ", "-", "a", "1"].map(String::from));
        // Plain text's characters outside ASCII: quotes, dashes, signs.
        words.extend(["“", "” ", "‘", "—", "–", "…", "\u{a0}", "€", "£", "¥", "°", "•"].map(String::from));
        words
    }

    /// Texts of a few words the attribution and measure patterns read,
    /// with plain text's characters outside ASCII in names, quotes and asides.
    fn plain_texts() -> impl Strategy<Value = String> {
        let words = [
            "Acme",
            "O’Brien",
            "’s",
            " said",
            " says",
            " told",
            " reported",
            "according to ",
            "reported by ",
            "citing ",
            ", ",
            ". ",
            " ",
            "that ",
            "the ",
            "“",
            "”",
            "‘",
            "—",
            "–",
            "…",
            "\u{a0}",
            "€",
            "£",
            "¥",
            "°",
            "•",
            "x",
            "1",
            "5%",
            "$",
            " billion",
            " shares",
            " fell",
            " rose",
            " valued at ",
            " market value",
            "-",
        ];
        proptest::collection::vec(proptest::sample::select(words.to_vec()), 1..30).prop_map(|w| w.concat())
    }

    fn m_qualitative(rules: &RuleSet) -> impl Iterator<Item = &Regex> {
        rules.compiled_measures.iter().flat_map(|m| &m.qualitative)
    }

    fn texts() -> impl Strategy<Value = String> {
        let vocabulary = vocabulary(&RuleSet::builtin());
        proptest::collection::vec(proptest::sample::select(vocabulary), 1..40).prop_map(|w| w.concat())
    }

    /// The clause start as the extractor found it before the word pass: an
    /// overlapping search of the text before `at`.
    fn clause_start_by_search(words: &aho_corasick::AhoCorasick, text: &str, at: usize) -> usize {
        let before = &text[..at];
        let mut start = 0;
        for m in words.find_overlapping_iter(before) {
            let word = m.end() - m.start() > 1;
            let bounded = !word
                || (!before[..m.start()].ends_with(|c: char| c.is_alphanumeric())
                    && !before[m.end()..].starts_with(|c: char| c.is_alphanumeric()));
            if bounded {
                start = start.max(m.end());
            }
        }
        start
    }

    fn next_clause_by_search(words: &aho_corasick::AhoCorasick, text: &str, at: usize) -> Option<usize> {
        let rest = &text[at..];
        words
            .find_overlapping_iter(rest)
            .filter(|m| rest[..m.start()].ends_with(' ') && rest[m.end()..].starts_with(' '))
            .map(|m| at + m.start() - 1)
            .min()
    }

    /// Every sentence of the seed articles.
    fn seed_sentences() -> Vec<String> {
        let ex = extractor();
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/seeds");
        let mut sentences = Vec::new();
        for entry in std::fs::read_dir(dir).unwrap() {
            let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
            sentences.extend(ex.segmenter.split(&text).iter().map(|s| text[s.start..s.end].to_string()));
        }
        sentences
    }

    /// Every gated pattern: the measures' and the attribution patterns.
    fn gated(ex: &Extractor) -> impl Iterator<Item = &Gated> {
        ex.measures
            .iter()
            .flat_map(|m| {
                m.before.iter().chain(&m.after).chain(&m.context).chain(&m.exclude).chain(&m.down).chain(&m.up)
            })
            .chain(ex.measures.iter().flat_map(|m| &m.qualitative))
            .chain(&ex.attribution)
    }

    #[test]
    fn gates_stay_open_for_every_pattern_that_matches_a_seed_sentence() {
        let ex = extractor();
        let mut checked = 0;
        for sentence in seed_sentences() {
            let w = ex.words_in(&sentence);
            for g in gated(ex) {
                let re = &g.pattern.any;
                assert!(!re.is_match(&sentence) || g.need.may_match(&w.present), "{}", re.as_str());
                checked += usize::from(re.is_match(&sentence));
            }
        }
        // 250 pattern-sentence matches today; each pattern is counted once a sentence.
        assert!(checked >= 240, "only {checked} matches");
    }

    #[test]
    fn twins_find_what_the_patterns_find_in_plain_seed_sentences() {
        let mut matches = 0;
        for sentence in seed_sentences() {
            // Each sentence as it stands when it is plain, and with what is not plain left out.
            let plain: String = sentence.chars().filter(|&c| crate::rules::is_plain_char(c)).collect();
            for g in gated(extractor()) {
                let found = spans(&g.pattern.any, &plain);
                assert_eq!(spans(&g.pattern.plain, &plain), found, "{} on {plain:?}", g.pattern.any.as_str());
                matches += found.len();
            }
        }
        assert!(matches >= 280, "only {matches} matches");
    }

    proptest! {
        /// On plain text, each pattern's twin finds the same matches, with
        /// the same groups, as the pattern as written.
        #[test]
        fn twins_find_what_the_patterns_find(text in proptest::strategy::Union::new([texts().boxed(), plain_texts().boxed()])) {
            let plain: String = text.chars().filter(|&c| crate::rules::is_plain_char(c)).collect();
            for g in gated(extractor()) {
                let p = &g.pattern;
                prop_assert_eq!(spans(&p.plain, &plain), spans(&p.any, &plain), "{} on {:?}", p.any.as_str(), &plain);
            }
        }

        /// A gate closes only on patterns that do not match: every pattern
        /// that matches a text has its gate open for that text.
        #[test]
        fn gates_never_skip_a_pattern_that_matches(text in texts()) {
            let ex = extractor();
            let w = ex.words_in(&text);
            for g in gated(ex) {
                let re = &g.pattern.any;
                prop_assert!(!re.is_match(&text) || g.need.may_match(&w.present), "{} on {text:?}", re.as_str());
            }
        }

        /// Entities, quantities and dates found from the word pass are what
        /// each finder's own search finds.
        #[test]
        fn finders_given_the_word_pass_find_what_they_find_alone(text in texts()) {
            let ex = extractor();
            let w = ex.words_in(&text);
            prop_assert_eq!(ex.entities.find_at(&text, &w.aliases), ex.entities.find(&text));
            prop_assert_eq!(ex.scanner.scan_with_anchors(&text, &w.anchors), ex.scanner.scan(&text));
            let published = Some((2019, 5, 22));
            prop_assert_eq!(ex.dates.find_at(&text, published, w.has_month, w.plain), ex.dates.find(&text, published));
        }

        /// Word lists reused from one sentence for the next hold what a fresh
        /// pass over the next finds: nothing of the first is left.
        #[test]
        fn reused_word_lists_hold_only_the_latest_sentence(first in texts(), second in texts()) {
            let ex = extractor();
            let mut reused = ex.words_in(&first);
            ex.fill_words(&second, &mut reused);
            let fresh = ex.words_in(&second);
            prop_assert_eq!(format!("{:?}", reused.present), format!("{:?}", fresh.present));
            prop_assert_eq!(&reused.aliases, &fresh.aliases);
            prop_assert_eq!(&reused.anchors, &fresh.anchors);
            prop_assert_eq!((reused.has_month, reused.plain), (fresh.has_month, fresh.plain));
            let marks = |w: &Words| w.clauses.iter().map(|c| (c.start, c.end, c.word, c.open_before, c.joined_after, c.spaced)).collect::<Vec<_>>();
            prop_assert_eq!(marks(&reused), marks(&fresh));
        }

        /// The words each sentence of a text gets from the pass over windows
        /// of sentences are the words a pass over the sentence alone finds.
        #[test]
        fn words_from_the_pass_over_a_window_are_each_sentences_own(parts in proptest::collection::vec(texts(), 1..8), window in 1usize..400) {
            let ex = extractor();
            let text = parts.join(". ");
            let sentences = ex.segmenter.split(&text);
            let mut seen = 0;
            let mut compare = |s: &segment::Sentence, w: &Words| {
                let fresh = ex.words_in(&text[s.start..s.end]);
                assert_eq!(format!("{:?}", w.present), format!("{:?}", fresh.present));
                assert_eq!((&w.aliases, &w.anchors), (&fresh.aliases, &fresh.anchors));
                assert_eq!((w.has_month, w.plain), (fresh.has_month, fresh.plain));
                let marks = |w: &Words| w.clauses.iter().map(|c| (c.start, c.end, c.word, c.open_before, c.joined_after, c.spaced)).collect::<Vec<_>>();
                assert_eq!(marks(w), marks(&fresh));
                seen += 1;
            };
            // Small windows: many passes, each over a few sentences.
            ex.each_with_words(&text, &sentences, window, &mut compare);
            ex.each_with_words(&text, &sentences, WORD_PASS_WINDOW, &mut compare);
            prop_assert_eq!(seen, 2 * sentences.len());
        }

        /// Clause boundaries read once a sentence are the ones a search of
        /// the text before (or after) each position finds.
        #[test]
        fn clause_marks_equal_searching_each_time(text in texts()) {
            let search = aho_corasick::AhoCorasickBuilder::new()
                .ascii_case_insensitive(true)
                .build(&RuleSet::builtin().claims.clause_boundaries)
                .unwrap();
            let w = extractor().words_in(&text);
            for at in (0..=text.len()).filter(|&k| text.is_char_boundary(k)) {
                prop_assert_eq!(w.clause_start(at), clause_start_by_search(&search, &text, at), "at {}", at);
                prop_assert_eq!(w.next_clause(at), next_clause_by_search(&search, &text, at), "at {}", at);
            }
        }
    }
}

//! Extraction: from a source's text to its claims. Sentences are read one
//! by one; each figure gets a measure (from the measure rules), a subject
//! (from the clause it stands in), a date it speaks of, and an attribution.

mod bare;
mod calendar;
mod clock;
mod cues;
mod patterns;
mod scores;

use crate::claim::{score_points, Claim, Direction, Figure, Value, SCORE_MEASURE};
use crate::date::{parse_published, DateFinder, DateMention};
use crate::entity::{EntityKind, EntityMatcher, Mention};
use crate::quantity::{Kind, Quantity, Scanner};
use crate::rules::gate::{Gates, GatesBuilder, Hit, Need, Present};
use crate::rules::{CompiledMeasure, MeasureRule, RuleSet, Twin};
use crate::segment::{self, Segmenter};
use crate::source::Source;
use memchr::memmem;
use regex::Regex;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::sync::Arc;

/// The most bytes of sentences whose words one pass finds: the pass's
/// findings for a window stay small and in cache.
const WORD_PASS_WINDOW: usize = 32 * 1024;

/// Turns sources into claims. Build once per run; share it across threads,
/// or give each thread a clone: a clone's regexes keep caches of their own,
/// which the thread that uses them reads without a lock.
#[derive(Clone)]
pub struct Extractor {
    scanner: Scanner,
    entities: EntityMatcher,
    dates: DateFinder,
    segmenter: Segmenter,
    calendar: calendar::Calendar,
    clock: clock::Clock,
    bare: bare::Bare,
    scores: scores::Scores,
    cues: cues::CueFinder,
    measures: Vec<Measure>,
    /// For each kind of claim ("money", "date", "list"...), the measures
    /// that take it, by their place in `measures`.
    measures_of_kind: HashMap<String, Vec<usize>>,
    /// `measures.yaml`'s `date_context_words`: how far a date measure's context word may stand.
    date_context_words: usize,
    /// `measures.yaml`'s `date_scope_words`: how far a date that says when a figure holds may stand.
    date_scope_words: usize,
    words: ClaimWords,
    attribution: Vec<Gated>,
    /// The words the gated patterns need, the clause boundary words, and
    /// the words the entity, quantity and date finders look for, found in
    /// one pass a sentence.
    gates: Gates,
    /// Where each kind of word starts in the pass's word list.
    ranges: WordRanges,
    list_tail: Regex,
    list_gap: Regex,
    list_trigger: Regex,
}

/// The word lists of `claims.yaml`, as sets.
#[derive(Clone)]
struct ClaimWords {
    window: usize,
    plurals: HashSet<String>,
    stop: HashSet<String>,
    not_nouns: HashSet<String>,
    noun_measure: HashMap<String, String>,
    duration: HashMap<String, String>,
    descriptive: HashSet<String>,
    pronoun_after_one: HashSet<String>,
    references: Vec<String>,
    /// `references`, each ready to search for.
    reference_finders: Vec<memmem::Finder<'static>>,
    /// "the company", ready to search for after a figure.
    the_company: memmem::Finder<'static>,
    /// Attributions that name no one, lower-case: the rules' words, and
    /// each "the ..." among them without its "the" ("company" as well as
    /// "the company"), so one lookup answers for both.
    not_who: HashSet<String>,
    aside_openers: Vec<String>,
}

/// A rule pattern with the words it cannot match without: it is run only
/// on sentences that hold one of them.
#[derive(Clone)]
struct Gated {
    pattern: Twin,
    need: Need,
}

impl Gated {
    fn new(re: &Regex, case_insensitive: bool, gates: &mut GatesBuilder) -> Self {
        Gated { need: gates.need(re.as_str()), pattern: Twin::new(re, case_insensitive) }
    }

    /// The regex to run on `hay`, a part of the sentence `w` was found in.
    fn re(&self, hay: &str, w: &Words) -> &Regex {
        debug_assert!(!w.plain || crate::rules::is_plain(hay));
        self.pattern.for_text(w.plain)
    }

    fn is_match(&self, hay: &str, w: &Words) -> bool {
        self.need.may_match(&w.present) && self.re(hay, w).is_match(hay)
    }

    fn find<'h>(&self, hay: &'h str, w: &Words) -> Option<regex::Match<'h>> {
        self.find_iter(hay, w).next()
    }

    fn find_iter<'r, 'h>(&'r self, hay: &'h str, w: &Words) -> impl Iterator<Item = regex::Match<'h>> + 'r
    where
        'h: 'r,
    {
        self.need.may_match(&w.present).then(|| self.re(hay, w).find_iter(hay)).into_iter().flatten()
    }

    /// The pattern's captures in `hay`, or `None` when its gate is closed
    /// (an `Option`, not an empty iterator: flattening costs per match).
    fn captures_iter<'r, 'h>(&'r self, hay: &'h str, w: &Words) -> Option<regex::CaptureMatches<'r, 'h>> {
        self.need.may_match(&w.present).then(|| self.re(hay, w).captures_iter(hay))
    }
}

/// What one pass over a sentence found: the gate words it holds, where its
/// clause boundary words stand, and what the entity, quantity and date
/// finders would otherwise search the sentence for themselves.
#[derive(Default)]
struct Words {
    present: Present,
    clauses: Vec<ClauseMark>,
    /// Every occurrence of an entity alias, ignoring ASCII case: start, end,
    /// alias, in the order `EntityMatcher::find_at` takes them.
    aliases: Vec<(usize, usize, usize)>,
    /// Every occurrence of a quantity anchor word, ignoring ASCII case.
    anchors: Vec<(usize, usize)>,
    /// A month name stands in the sentence, with its case.
    has_month: bool,
    /// The sentence is plain text: patterns' twins read it.
    plain: bool,
    /// The news stages' cues its words open.
    cue_words: u64,
}

/// Where each finder's words start among the word pass's other words.
#[derive(Clone)]
struct WordRanges {
    aliases: usize,
    anchors: usize,
    months: usize,
    cues: usize,
    end: usize,
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
    fn clause_start(&self, at: usize) -> usize {
        self.clauses
            .iter()
            .filter(|m| m.end <= at && (!m.word || (m.open_before && (m.end == at || !m.joined_after))))
            .map(|m| m.end)
            .max()
            .unwrap_or(0)
    }

    /// Where the clause after byte `at` starts: the space before the next
    /// boundary word with spaces on both sides.
    fn next_clause(&self, at: usize) -> Option<usize> {
        self.clauses.iter().filter(|m| m.start > at && m.spaced).map(|m| m.start - 1).min()
    }
}

/// A measure rule with its patterns gated.
#[derive(Clone)]
struct Measure {
    rule: MeasureRule,
    before: Vec<Gated>,
    after: Vec<Gated>,
    context: Vec<Gated>,
    exclude: Vec<Gated>,
    down: Vec<Gated>,
    up: Vec<Gated>,
    qualitative: Vec<Gated>,
}

impl Measure {
    fn new(m: &CompiledMeasure, gates: &mut GatesBuilder) -> Self {
        let mut gate = |v: &[Regex]| v.iter().map(|r| Gated::new(r, true, gates)).collect::<Vec<_>>();
        Measure {
            rule: m.rule.clone(),
            before: gate(&m.before),
            after: gate(&m.after),
            context: gate(&m.context),
            exclude: gate(&m.exclude),
            down: gate(&m.down),
            up: gate(&m.up),
            qualitative: gate(&m.qualitative),
        }
    }
}

/// A pattern that matches nothing: the stand-in for an empty word list.
fn never() -> Regex {
    Regex::new("[^\\s\\S]").expect("static")
}

/// A sentence being read: its text and where it stands in the source.
struct Sentence<'a> {
    text: &'a str,
    /// The source's id, shared by all its claims.
    source_id: &'a Arc<str>,
    /// The text, shared by the sentence's claims once the first is made.
    shared: std::cell::OnceCell<Arc<str>>,
    /// Byte offset of the sentence in the source.
    offset: usize,
    /// Index of the paragraph (line) it stands in.
    paragraph: usize,
    /// What the word pass found in it.
    words: &'a Words,
}

/// What an earlier sentence left for references ("it", "the company") to find.
#[derive(Default)]
struct Memory {
    /// Last company named, with its paragraph.
    last_company: Option<(Arc<str>, usize)>,
    /// How often each company is named in the source.
    counts: HashMap<Arc<str>, usize>,
    /// The company named most often (the first in alphabetical order among
    /// equals), with its count: kept as names are counted, never searched for.
    leader: Option<(Arc<str>, usize)>,
    /// Where each of `names` is in it.
    name_index: HashMap<Arc<str>, usize>,
    /// Every name the source gives (people, teams, places, organisations),
    /// with how often it is named, in the order first named; read only for
    /// a source with scores.
    names: Vec<(Arc<str>, usize)>,
    /// The sides of the source's scores: its most named names that can be one.
    sides: Vec<Arc<str>>,
}

impl Memory {
    fn main_entity(&self) -> Option<String> {
        self.leader.as_ref().map(|(n, _)| n.to_string())
    }

    /// Counts one more naming of the company `name`.
    fn count_company(&mut self, name: &Arc<str>) {
        let count = match self.counts.get_mut(name) {
            Some(count) => {
                *count += 1;
                *count
            }
            None => {
                self.counts.insert(name.clone(), 1);
                1
            }
        };
        let leads = match &self.leader {
            Some((l, c)) => count > *c || count == *c && name < l,
            None => true,
        };
        if leads {
            self.leader = Some((name.clone(), count));
        }
    }

    /// The fullest name the source gives for `name`: "Cubs" is the
    /// "Chicago Cubs", "Cleveland" the "Cleveland Indians". A longer name
    /// that only adds words in front must be given twice: once, it is more
    /// often a capitalised word run into the name ("Jubilant Chicago Cubs").
    fn full_name(&self, name: &str) -> Arc<str> {
        let within = |full: &str, count: usize| {
            full.len() > name.len()
                && (count >= 2 && full.ends_with(name) && full[..full.len() - name.len()].ends_with(' ')
                    || full.starts_with(name) && full[name.len()..].starts_with(' '))
        };
        self.names
            .iter()
            .filter(|(n, c)| within(n, *c))
            .max_by_key(|(n, c)| (*c, n.len()))
            .map_or_else(|| name.into(), |(n, _)| n.clone())
    }

    /// Notes a name the source gives.
    fn name(&mut self, name: &Arc<str>) {
        match self.name_index.get(name) {
            Some(&k) => self.names[k].1 += 1,
            None => {
                self.name_index.insert(name.clone(), self.names.len());
                self.names.push((name.clone(), 1));
            }
        }
    }

    /// The names given most often, by their fullest form, each with how often
    /// it is given counting its shorter forms, most named first. Only the
    /// [`MOST_NAMED`] names given most often are weighed: a side is among them.
    fn by_fullest_name(&self) -> Vec<(Arc<str>, usize)> {
        let mut most: Vec<usize> = (0..self.names.len()).collect();
        most.sort_by_key(|&k| std::cmp::Reverse(self.names[k].1));
        most.truncate(MOST_NAMED);
        // In the order first named, as the names were given.
        most.sort_unstable();
        let mut totals: Vec<(Arc<str>, usize)> = Vec::new();
        for (n, c) in most.into_iter().map(|k| &self.names[k]) {
            let full = self.full_name(n);
            match totals.iter_mut().find(|(t, _)| *t == full) {
                Some((_, total)) => *total += c,
                None => totals.push((full, *c)),
            }
        }
        totals.sort_by_key(|t| std::cmp::Reverse(t.1));
        totals
    }
}

/// How many of a source's names, those it gives most often, are weighed as
/// the sides of its scores.
const MOST_NAMED: usize = 200;

/// Whether a name of this kind can be a side of a score.
fn names_a_side(kind: EntityKind) -> bool {
    matches!(kind, EntityKind::Name | EntityKind::Organization | EntityKind::Company | EntityKind::Place)
}

impl Extractor {
    /// An extractor for these rules.
    pub fn new(rules: &RuleSet) -> Self {
        let c = &rules.claims;
        let lower = |v: &[String]| v.iter().map(|w| w.to_lowercase()).collect::<HashSet<_>>();
        let mut noun_measure = HashMap::default();
        for cn in &c.count_nouns {
            for n in &cn.nouns {
                noun_measure.insert(n.to_lowercase(), cn.measure.clone());
            }
        }
        let mut duration = HashMap::default();
        for (unit, nouns) in &c.duration_nouns {
            for n in nouns {
                duration.insert(n.to_lowercase(), unit.clone());
            }
        }
        let mut gates = GatesBuilder::default();
        // Attribution patterns are compiled with their case, measure patterns without.
        let attribution = rules.compiled_attribution.iter().map(|(_, re)| Gated::new(re, false, &mut gates)).collect();
        let measures: Vec<Measure> = rules.compiled_measures.iter().map(|m| Measure::new(m, &mut gates)).collect();
        let mut measures_of_kind: HashMap<String, Vec<usize>> = HashMap::default();
        for (k, m) in measures.iter().enumerate() {
            for kind in &m.rule.kinds {
                let of_kind = measures_of_kind.entry(kind.clone()).or_default();
                if of_kind.last() != Some(&k) {
                    of_kind.push(k);
                }
            }
        }
        let scanner = Scanner::new(rules);
        let entities = EntityMatcher::new(&rules.entities);
        let dates = rules.compiled_dates.clone().unwrap_or_else(|| DateFinder::new(&rules.dates, rules.date_years()));
        let mut also = c.clause_boundaries.clone();
        let aliases = also.len();
        also.extend(entities.aliases().iter().cloned());
        let anchors = also.len();
        also.extend(scanner.anchor_patterns().iter().cloned());
        let months = also.len();
        also.extend(dates.month_names().map(String::from));
        let mut cue_words = cues::CueWords::default();
        let calendar = calendar::Calendar::new(&rules.news, &mut cue_words);
        let clock = clock::Clock::new(&rules.news, &mut cue_words);
        let bare = bare::Bare::new(&rules.news, &rules.qualifiers, &mut cue_words);
        let cues = cue_words.finish();
        let cue_start = also.len();
        also.extend(cues.words().iter().cloned());
        let ranges = WordRanges { aliases, anchors, months, cues: cue_start, end: also.len() };
        let references: Vec<String> = c.company_references.iter().map(|w| w.to_lowercase()).collect();
        let reference_finders = references.iter().map(|w| memmem::Finder::new(w).into_owned()).collect();
        Extractor {
            scanner,
            entities,
            dates,
            segmenter: Segmenter::new(&rules.segment),
            calendar,
            clock,
            bare,
            scores: scores::Scores::new(&rules.news),
            cues,
            measures,
            measures_of_kind,
            words: ClaimWords {
                window: c.count_noun_window.unwrap_or(4),
                plurals: lower(&c.irregular_plurals),
                stop: lower(&c.count_stop_words),
                not_nouns: c.not_count_nouns.iter().cloned().collect(),
                noun_measure,
                duration,
                descriptive: lower(&c.descriptive_before),
                pronoun_after_one: lower(&c.pronoun_after_one),
                references,
                reference_finders,
                the_company: memmem::Finder::new("the company").into_owned(),
                not_who: {
                    let mut not_who = lower(&c.attribution_not_who);
                    let bare: Vec<String> =
                        not_who.iter().filter_map(|w| w.strip_prefix("the ")).map(str::to_string).collect();
                    not_who.extend(bare);
                    not_who
                },
                aside_openers: c.aside_openers.iter().map(|w| w.to_lowercase()).collect(),
            },
            attribution,
            date_context_words: rules.measures.date_context_words.unwrap_or(usize::MAX),
            date_scope_words: rules.measures.date_scope_words.unwrap_or(usize::MAX),
            gates: gates.build(&also),
            ranges,
            list_tail: crate::rules::compile_pattern(&format!("^,?\\s+(?:{})", c.list_tail.as_deref().unwrap_or("$^")), false).unwrap_or_else(|_| never()),
            list_gap: Regex::new(r"^\s*(\([^)]*\)\s*)?(,\s*(and\s+|as well as\s+)?|\s*and\s+|,?\s*as well as\s+)([a-z][a-z-]*(\s+[a-z][a-z-]*){0,6}\s+)?$").expect("static"),
            list_trigger: crate::rules::compile_pattern(&format!("(?i)\\b(?:{})\\s*:?\\s+([a-z][a-z-]*\\s+){{0,4}}$", c.list_triggers.iter().map(|w| regex::escape(w)).collect::<Vec<_>>().join("|")), false)
                .unwrap_or_else(|_| never()),
        }
    }

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
    fn each_with_words(
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

    /// The scanner this extractor reads figures with.
    pub fn scanner(&self) -> &Scanner {
        &self.scanner
    }

    /// Every claim in a source, in source order.
    pub fn extract(&self, source: &Source) -> Vec<Claim> {
        let published = source.meta.published.as_deref().and_then(parse_published);
        let body = source.body_start().min(source.text.len());
        let mut memory = Memory::default();
        let sentences: Vec<_> = self.segmenter.split(&source.text).into_iter().filter(|s| s.end > body).collect();
        // A story with scores first reads every name it gives: the sides of
        // a score are told by how often the story names them.
        if !self.scores.find(&source.text).is_empty() {
            for s in &sentences {
                for m in self.entities.find(&source.text[s.start..s.end]) {
                    if names_a_side(m.kind) {
                        memory.name(&m.name);
                    }
                }
            }
            memory.sides = memory
                .by_fullest_name()
                .into_iter()
                .filter(|(n, count)| self.scores.can_be_side(n, *count))
                .take(MAX_SIDES)
                .map(|(n, _)| n)
                .collect();
        }
        // News text holds about a claim every 320 bytes: room for one every
        // 256 is seldom outgrown (growing copies every claim), capped so that
        // a long source without figures does not take room it never fills.
        let mut claims = Vec::with_capacity((source.text.len() / 256).min(1024));
        let source_id: Arc<str> = source.id.as_str().into();
        self.each_with_words(&source.text, &sentences, WORD_PASS_WINDOW, |s, words| {
            let sentence = Sentence {
                text: &source.text[s.start..s.end],
                source_id: &source_id,
                shared: std::cell::OnceCell::new(),
                offset: s.start,
                paragraph: source.line_of(s.start),
                words,
            };
            let first = claims.len();
            self.sentence_claims(source, &sentence, published, &mut memory, &mut claims);
            // Sentences come in order: sorting each one's claims sorts them all,
            // without moving every claim of a long source again.
            claims[first..].sort_by_key(|c| (c.start, c.end));
        });
        debug_assert!(claims.is_sorted_by_key(|c| (c.start, c.end)));
        resolve_elided_ordinals(&mut claims);
        claims
    }

    fn sentence_claims(
        &self,
        source: &Source,
        s: &Sentence,
        published: Option<(i32, u32, u32)>,
        memory: &mut Memory,
        out: &mut Vec<Claim>,
    ) {
        let text = s.text;
        // A line that is only a number is page furniture.
        if text.chars().all(|c| c.is_ascii_digit() || c.is_whitespace()) {
            return;
        }
        let w = s.words;
        let cues = self.cues.of(text, w.cue_words);
        let mut mentions = self.entities.find_at(text, &w.aliases);
        // A name the source has given as a company ("Qualcomm Inc.") is that
        // company when it stands alone later ("Qualcomm shares fell").
        for m in mentions.iter_mut().filter(|m| m.kind == EntityKind::Name) {
            if memory.counts.contains_key(&m.name) {
                m.kind = EntityKind::Company;
            }
        }
        let quantities = self.scanner.scan_with_anchors(text, &w.anchors);
        let dates = self.dates.find_at(text, published, w.has_month, w.plain);
        // Attribution is read only for sentences that hold a claim.
        let attributions_cell = std::cell::OnceCell::new();
        let attributions = || attributions_cell.get_or_init(|| self.attributions(text, w));
        // Copied only into the claims that take it.
        let pub_date = || source.meta.published.clone();
        let mut figure_measures: Vec<String> = Vec::new();
        let first = out.len();
        let mut bare_figures: Vec<Found> = Vec::new();
        // "three or four seconds": two figures joined by "or" are one range.
        for pair in quantities.windows(2) {
            if let Some(f) = self.bare.either(text, &pair[0], &pair[1]) {
                bare_figures.push(f);
            }
        }
        let mut i = 0;
        while i < quantities.len() {
            let q = &quantities[i];
            // A parenthetical conversion: "US$42 billion (S$58 billion)".
            let mut alt = None;
            let mut end = q.end;
            if let Some(next) = quantities.get(i + 1) {
                let gap = &text[q.end..next.start];
                if q.kind == Kind::Money
                    && next.kind == Kind::Money
                    && gap.trim() == "("
                    && text[next.end..].trim_start().starts_with(')')
                {
                    alt = Some(Figure::from_quantity(next));
                    end = next.end + text[next.end..].find(')').map_or(0, |k| k + 1);
                    i += 1;
                }
            }
            i += 1;
            if dates.iter().any(|d| d.start < q.end && q.start < d.end) {
                continue;
            }
            let Some(mut claim) = self.figure_claim(source, s, q, end, &mentions, &dates, memory) else {
                // "the two men", "the world's two biggest economies": a pair
                // after a determiner names its members more often than it
                // counts them; "the 21 girls", "their three sons" count.
                let descriptive = self.descriptive(text, q) && q.amount.is_some_and(|a| a <= 2.0);
                bare_figures.extend(self.bare.figure(text, q, cues).filter(|_| !descriptive));
                continue;
            };
            if let Value::Figure(f) = &mut claim.value {
                f.alt = alt.map(|a| conversion(a, f));
            }
            claim.attributed_to = self.attribution_at(text, w, q.start, attributions());
            if claim.as_of.is_none() {
                claim.as_of = pub_date();
            }
            figure_measures.push(claim.measure.clone());
            out.push(claim);
        }
        // Dates of events.
        for d in &dates {
            if self.date_is_figure_time(text, d, &quantities) {
                continue;
            }
            let measure = self
                .measure_for(text, d.start, d.end, "date", w)
                .map_or("event_date".to_string(), |m| m.rule.id.clone());
            let subject = self.subject(text, w, d.start, d.end, &mentions, memory, s.paragraph, &[]);
            let who = self.attribution_at(text, w, d.start, attributions());
            out.push(self.claim(
                source,
                s,
                d.start,
                d.end,
                subject,
                measure,
                Value::Date(d.date.clone()),
                who,
                Some(d.date.0.clone()),
                true,
            ));
        }
        // Moves stated without a figure: "Shares of Hikvision and Dahua plunged".
        for m in &self.measures {
            for re in &m.qualitative {
                let Some(hit) = re.find(text, w) else { continue };
                if figure_measures.contains(&m.rule.id) || !self.context_holds(m, text, w) {
                    continue;
                }
                let direction = if m.down.iter().any(|r| r.is_match(hit.as_str(), w)) || hit.as_str().contains("down") {
                    Some(Direction::Down)
                } else if m.up.iter().any(|r| r.is_match(hit.as_str(), w)) {
                    Some(Direction::Up)
                } else {
                    None
                };
                let subjects = self.coordinated_subjects(text, w, hit.start(), &mentions, memory, s.paragraph);
                let as_of = dates.first().map(|d| d.date.0.clone()).or_else(pub_date);
                for subject in subjects {
                    let value = Value::Qualitative { text: hit.as_str().to_string(), direction };
                    let who = self.attribution_at(text, w, hit.start(), attributions());
                    out.push(self.claim(
                        source,
                        s,
                        hit.start(),
                        hit.end(),
                        subject,
                        m.rule.id.clone(),
                        value,
                        who,
                        as_of.clone(),
                        !dates.is_empty(),
                    ));
                }
                break;
            }
        }
        // Named lists.
        for (start, end, items, open) in self.lists(s, &mentions) {
            let measure =
                self.measure_for(text, start, end, "list", w).map_or("company_list".to_string(), |m| m.rule.id.clone());
            let list_names: Vec<String> = items.clone();
            let named_before =
                mentions.iter().any(|m| m.kind.can_be_subject() && m.end <= start && !named(&list_names, &m.name));
            let subject = if named_before {
                // "Hikvision and Dahua both use ... as suppliers" is about both.
                let both = self.coordinated_subjects(text, w, start, &mentions, memory, s.paragraph);
                if both.len() > 1 && both.iter().all(|n| !list_names.contains(n)) {
                    both.join(" and ")
                } else {
                    self.subject(text, w, start, end, &mentions, memory, s.paragraph, &list_names)
                }
            } else {
                memory.main_entity().filter(|n| !list_names.contains(n)).unwrap_or_default()
            };
            let who = self.attribution_at(text, w, start, attributions());
            out.push(self.claim(
                source,
                s,
                start,
                end,
                subject,
                measure,
                Value::List { items, open },
                who,
                pub_date(),
                false,
            ));
        }
        // Scores: "8-7", each side named.
        for m in cues.digit_dash_digit.then(|| self.scores.find(text)).into_iter().flatten() {
            let clause_start = w.clause_start(m.start);
            let sides = &memory.sides;
            let full = |x: &Mention| {
                let f = memory.full_name(&x.name);
                sides.contains(&f).then_some(f)
            };
            let before: Vec<(Arc<str>, usize, usize)> = mentions
                .iter()
                .filter(|x| names_a_side(x.kind))
                .filter(|x| x.end <= m.start && x.start >= clause_start)
                .filter_map(|x| full(x).map(|f| (f, x.start, x.end)))
                .collect();
            let named = before
                .last()
                .filter(|(_, _, end)| text[*end..m.start].split_whitespace().count() <= 1)
                .map(|(n, at, _)| (n.clone(), *at));
            let actor =
                before.first().map(|(f, _, _)| f.clone()).filter(|a| named.as_ref().is_none_or(|(n, _)| n != a));
            let actor =
                actor.or_else(|| sides.first().cloned().filter(|main| named.as_ref().is_none_or(|(n, _)| n != main)));
            let other = sides.iter().find(|x| Some(*x) != actor.as_ref()).cloned();
            let items = self.scores.items(
                text,
                &m,
                actor.as_deref(),
                named.as_ref().map(|(n, at)| (&**n, *at)),
                other.as_deref(),
            );
            let mut f = Found::new(m.start, m.end, SCORE_MEASURE, Value::List { items, open: false });
            f.supersedes = true;
            bare_figures.insert(0, f);
        }
        // What the news stages read where no claim stands yet: times first,
        // then relative dates, bare figures, and ordinals, years and units.
        let published_date = published;
        let mut taken: Vec<(usize, usize)> =
            out[first..].iter().map(|c| (c.start - s.offset, c.end - s.offset)).collect();
        let found = self
            .clock
            .find(text, cues)
            .into_iter()
            .chain(self.calendar.find(text, published_date, cues))
            .chain(bare_figures)
            .chain(self.bare.find(text, cues));
        for f in found {
            if f.supersedes {
                let overlapping = |a: usize, b: usize| f.start < b && a < f.end;
                let kept: Vec<Claim> =
                    out.drain(first..).filter(|c| !overlapping(c.start - s.offset, c.end - s.offset)).collect();
                out.extend(kept);
                taken.retain(|&(a, b)| !overlapping(a, b));
            }
            if taken.iter().any(|&(a, b)| f.start < b && a < f.end) {
                continue;
            }
            taken.push((f.start, f.end));
            // An age is the age of the person named right before it: "Amanda R. Geissler, 33".
            let named = (f.measure == "age").then(|| bare::apposition_name(text, f.start)).flatten();
            let subject = match named {
                Some(name) => name.to_string(),
                None => self.subject(text, w, f.start, f.end, &mentions, memory, s.paragraph, &[]),
            };
            let who = self.attribution_at(text, w, f.start, attributions());
            // A time of day takes the measure its sentence names ("took off at 12:10").
            let named_time =
                (f.measure == clock::TIME_MEASURE).then(|| self.measure_for(text, f.start, f.end, "time", w)).flatten();
            let measure = named_time.map_or(f.measure, |m| m.rule.id.clone());
            let (as_of, stated) = match &f.value {
                Value::Date(d) => (Some(d.0.clone()), true),
                _ => (pub_date(), false),
            };
            out.push(self.claim(source, s, f.start, f.end, subject, measure, f.value, who, as_of, stated));
        }
        self.fold_conversions(s, first, out);
        // Nothing on page furniture is a claim: "Hide Caption 3 of 30".
        let furniture = if out.len() > first { self.bare.furniture(text, cues) } else { Vec::new() };
        if !furniture.is_empty() {
            let kept: Vec<Claim> = out
                .drain(first..)
                .filter(|c| !furniture.iter().any(|&(a, b)| c.start - s.offset < b && a < c.end - s.offset))
                .collect();
            out.extend(kept);
        }
        // The sentence's names are done with: they move into the memory,
        // copied only when a company is first named.
        for m in mentions.into_iter().filter(|m| m.kind == EntityKind::Company) {
            memory.count_company(&m.name);
            memory.last_company = Some((m.name, s.paragraph));
        }
    }

    /// A measure restated in another unit in brackets ("3,700 kilometers
    /// (2,300 miles)") is one claim: the bracketed figure becomes the first's
    /// `alt`, as a currency's conversion does, and the claim's text takes
    /// in the brackets.
    fn fold_conversions(&self, s: &Sentence, first: usize, out: &mut Vec<Claim>) {
        if out.len() < first + 2 || !s.text.contains('(') {
            return;
        }
        out[first..].sort_by_key(|c| (c.start, c.end));
        // The unit a measure (not money) is compared in.
        fn base(c: &Claim) -> Option<&str> {
            match (c.compared(), &c.value) {
                (Value::Figure(b), Value::Figure(f)) if f.unit.is_some() && f.kind != Kind::Money => b.unit.as_deref(),
                _ => None,
            }
        }
        let mut k = first;
        while k + 1 < out.len() {
            let (a, b) = (&out[k], &out[k + 1]);
            let (a_end, b_start, b_end) = (a.end - s.offset, b.start - s.offset, b.end - s.offset);
            let close = (a_end <= b_start && s.text[a_end..b_start].trim() == "(")
                .then(|| s.text[b_end..].find(')').filter(|&k| s.text[b_end..b_end + k].trim().is_empty()))
                .flatten()
                .map(|k| b_end + k + 1);
            let (Some(close), Some(x), Some(y)) = (close, base(a), base(b)) else {
                k += 1;
                continue;
            };
            if x != y || a.line != b.line {
                k += 1;
                continue;
            }
            let b = out.remove(k + 1);
            let a = &mut out[k];
            if let (Value::Figure(f), Value::Figure(alt)) = (&mut a.value, b.value) {
                f.alt = Some(conversion(alt, f));
            }
            a.text = s.text[a.start - s.offset..close].to_string();
            a.end = s.offset + close;
            k += 1;
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn claim(
        &self,
        source: &Source,
        s: &Sentence,
        start: usize,
        end: usize,
        subject: String,
        measure: String,
        value: Value,
        attributed_to: Option<String>,
        as_of: Option<String>,
        as_of_stated: bool,
    ) -> Claim {
        let in_base_unit = match &value {
            Value::List { items, .. } if measure == SCORE_MEASURE => Some(score_points(items)),
            _ => self.bare.in_base_unit(&value),
        }
        .map(Box::new);
        let (line, column) = source.line_col(s.offset + start);
        let end_line = source.line_of(s.offset + end);
        // A claim's text stays on its line.
        let end = if end_line != line { start + s.text[start..end].find('\n').unwrap_or(end - start) } else { end };
        Claim {
            source: s.source_id.clone(),
            line,
            column,
            text: s.text[start..end].to_string(),
            sentence: s.shared.get_or_init(|| s.text.into()).clone(),
            subject,
            measure,
            value,
            attributed_to,
            as_of,
            start: s.offset + start,
            end: s.offset + end,
            as_of_stated,
            restated: false,
            story: 0,
            in_base_unit,
        }
    }

    /// A claim for one figure, or nothing when the figure is not check-worthy.
    #[allow(clippy::too_many_arguments)]
    fn figure_claim(
        &self,
        source: &Source,
        s: &Sentence,
        q: &Quantity,
        end: usize,
        mentions: &[Mention],
        dates: &[DateMention],
        memory: &Memory,
    ) -> Option<Claim> {
        let text = s.text;
        let w = s.words;
        let mut span_start = q.start;
        let mut span_end = end;
        let mut counted: Option<CountedNoun> = None;
        let kind = match q.kind {
            Kind::Money => "money",
            Kind::Percent => "percent",
            Kind::Range if q.unit.as_deref() == Some("percent") => "percent",
            Kind::Range if q.unit.is_some() => "money",
            Kind::Number | Kind::Range => {
                // "Lap 29 Drivers are left furious": the lap's number, not a count of drivers.
                if bare::hyphen_adjective(text, q.start, q.end) || self.bare.unit_before(text, q.start).is_some() {
                    return None;
                }
                let noun = counted.insert(self.counted_noun(text, q.end)?);
                let is_duration = self.words.duration.contains_key(&noun.lower);
                if !is_duration && self.descriptive(text, q) {
                    return None;
                }
                span_end = noun.end;
                if is_duration {
                    "duration"
                } else if q.kind == Kind::Range {
                    "range"
                } else {
                    "count"
                }
            }
        };
        let measure = self.measure_for(text, q.start, q.end, kind, w).or_else(|| {
            if kind == "range" {
                self.measure_for(text, q.start, q.end, "count", w)
            } else {
                None
            }
        });
        let mut figure = Figure::from_quantity(q);
        let (measure_id, subject_mode) = match measure {
            Some(m) => {
                if let Some((dir, s0, s1)) = self.direction(m, text, q, w) {
                    if dir == Direction::Down && figure.amount.unwrap_or(figure.low.unwrap_or(0.0)) > 0.0 {
                        figure = figure.negated();
                    }
                    span_start = s0.min(q.start);
                    span_end = span_end.max(s1);
                }
                (m.rule.id.clone(), m.rule.subject.clone().unwrap_or_else(|| "entity".into()))
            }
            None => {
                let id = match (kind, &counted) {
                    ("duration", _) => "duration".to_string(),
                    (_, Some(noun)) => self.words.noun_measure.get(&noun.lower).cloned().unwrap_or_else(|| {
                        // "300 miles" measures a distance, "seven laps" a lap count.
                        match self.bare.unit_of(&noun.lower).and_then(|u| self.bare.unit_measure(u)) {
                            Some(measure) => measure.to_string(),
                            None => format!("count:{}", noun.lower),
                        }
                    }),
                    ("percent", _) => "percentage".to_string(),
                    _ => "amount".to_string(),
                };
                (id, if counted.is_some() && kind != "duration" { "counted".into() } else { "entity".into() })
            }
        };
        if kind == "duration" {
            if let Some(noun) = &counted {
                figure.unit = self.words.duration.get(&noun.lower).cloned();
            }
        }
        // "seven laps", "300 miles": the counted noun is a unit of measure.
        if figure.unit.is_none() {
            if let Some(noun) = &counted {
                figure.unit = self.bare.unit_of(&noun.lower).cloned();
            }
        }
        let subject = match (subject_mode.as_str(), &counted) {
            ("counted", Some(noun)) => noun.text.clone(),
            ("counted", None) => measure_id.split('_').next().unwrap_or("").to_string(),
            _ => self.subject(text, w, q.start, span_end, mentions, memory, s.paragraph, &[]),
        };
        // The date nearest the figure, if near enough to say when it holds.
        let between = |d: &DateMention| {
            if d.start >= span_end {
                &text[span_end..d.start]
            } else {
                &text[d.end.min(span_start)..span_start]
            }
        };
        let stated = dates
            .iter()
            .filter(|d| !d.year_only || self.date_is_figure_time(text, d, std::slice::from_ref(q)))
            .min_by_key(|d| between(d).len())
            .filter(|d| {
                // A date that opens the sentence ("In August, the administration
                // banned five companies") sets the time of all of it.
                let opens = text[..d.start].split_whitespace().count() <= 1;
                opens || between(d).split_whitespace().count() <= self.date_scope_words
            });
        let as_of = stated.map(|d| d.date.0.clone());
        Some(self.claim(
            source,
            s,
            span_start,
            span_end,
            subject,
            measure_id,
            Value::Figure(figure),
            None,
            as_of,
            stated.is_some(),
        ))
    }

    /// "the two men", "the world's two biggest economies", "one of the people".
    fn descriptive(&self, text: &str, q: &Quantity) -> bool {
        let before = text[..q.start].trim_end();
        let prev = before.rsplit(|c: char| c.is_whitespace()).next().unwrap_or("").to_lowercase();
        let prev_is_possessive = prev.ends_with("'s") || prev.ends_with("’s");
        if q.qualifier == crate::quantity::Qualifier::Exact
            && (self.words.descriptive.contains(&prev) || prev_is_possessive)
        {
            return true;
        }
        let after = text[q.end..].trim_start();
        let next = after.split(|c: char| !c.is_alphanumeric()).next().unwrap_or("").to_lowercase();
        q.amount == Some(1.0) && self.words.pronoun_after_one.contains(&next)
    }

    /// The noun a bare figure counts, within a few words after it.
    fn counted_noun(&self, text: &str, from: usize) -> Option<CountedNoun> {
        let rest = &text[from..];
        let mut offset = from;
        // "15-month", "“upwards of 1 million” Uighurs"
        let trimmed = rest.trim_start_matches(['-', '”', '"', '’', ' ']);
        offset += rest.len() - trimmed.len();
        let mut count = 0;
        for word in trimmed.split_inclusive(|c: char| c.is_whitespace()) {
            let w = word.trim_end();
            let clean = w.trim_end_matches([',', '.', ';', ':', ')', '”', '"']);
            if clean.is_empty() || !clean.chars().all(|c| c.is_alphabetic() || c == '-' || c == '\'' || c == '’') {
                return None;
            }
            let lower = clean.to_lowercase();
            if self.words.stop.contains(&lower) {
                return None;
            }
            let is_noun = (self.words.plurals.contains(&lower)
                || self.words.duration.contains_key(&lower)
                || self.words.noun_measure.contains_key(&lower)
                || (lower.len() > 3
                    && lower.ends_with('s')
                    && !lower.ends_with("ss")
                    && !lower.ends_with("us")
                    && !lower.ends_with("is")))
                && !self.words.not_nouns.contains(clean)
                && !self.words.not_nouns.contains(&lower);
            if is_noun {
                return Some(CountedNoun { text: clean.to_string(), lower, end: offset + clean.len() });
            }
            if w.len() != clean.len() {
                return None;
            }
            offset += word.len();
            count += 1;
            if count >= self.words.window {
                return None;
            }
        }
        None
    }

    /// The date measure whose words stand nearest the date.
    fn date_measure(&self, text: &str, start: usize, end: usize, w: &Words) -> Option<&Measure> {
        let lo = floor(text, start.saturating_sub(120));
        let hi = ceil(text, (end + 120).min(text.len()));
        let window = &text[lo..hi];
        let (ds, de) = (start - lo, end - lo);
        let before = tail(&text[w.clause_start(start)..start], 120);
        let after = head(&text[end..], 120);
        let mut best: Option<(usize, usize, &Measure)> = None;
        for (k, m) in self.of_kind("date") {
            if m.exclude.iter().any(|r| r.is_match(window, w)) {
                continue;
            }
            let triggered =
                m.before.iter().any(|r| r.is_match(before, w)) || m.after.iter().any(|r| r.is_match(after, w));
            let distance = if triggered {
                Some(0)
            } else {
                m.context
                    .iter()
                    .flat_map(|r| r.find_iter(window, w))
                    .filter_map(|h| {
                        let gap = if h.end() <= ds { h.end()..ds } else { de..h.start().max(de) };
                        let words =
                            window[gap.clone()].split_whitespace().filter(|t| t.contains(char::is_alphanumeric));
                        (words.count() <= self.date_context_words).then_some(gap.len())
                    })
                    .min()
            };
            let distance = distance.or(if m.rule.fallback { Some(usize::MAX) } else { None });
            if let Some(d) = distance {
                if best.is_none_or(|(bd, bk, _)| (d, k) < (bd, bk)) {
                    best = Some((d, k, m));
                }
            }
        }
        best.map(|(_, _, m)| m)
    }

    /// The first measure of `kind` whose patterns hold around text[start..end].
    fn measure_for(&self, text: &str, start: usize, end: usize, kind: &str, w: &Words) -> Option<&Measure> {
        if kind == "date" {
            return self.date_measure(text, start, end, w);
        }
        let clause_start = w.clause_start(start);
        let before = &text[clause_start..start];
        let before = tail(before, 120);
        let after = head(&text[end..], 120);
        self.of_kind(kind).map(|(_, m)| m).find(|m| {
            let triggered =
                m.before.iter().any(|r| r.is_match(before, w)) || m.after.iter().any(|r| r.is_match(after, w));
            let has_trigger = !m.before.is_empty() || !m.after.is_empty();
            (triggered || (!has_trigger && (!m.context.is_empty() || m.rule.fallback)))
                && self.context_holds(m, text, w)
        })
    }

    /// The measures that take claims of `kind`, in order, with their places.
    fn of_kind(&self, kind: &str) -> impl Iterator<Item = (usize, &Measure)> {
        self.measures_of_kind.get(kind).into_iter().flatten().map(|&k| (k, &self.measures[k]))
    }

    fn context_holds(&self, m: &Measure, text: &str, w: &Words) -> bool {
        (m.context.is_empty() || m.context.iter().any(|r| r.is_match(text, w)))
            && !m.exclude.iter().any(|r| r.is_match(text, w))
    }

    /// Whether the words around a figure make it a fall or a rise, and the
    /// span of the figure with those words ("opened 10% lower").
    fn direction(&self, m: &Measure, text: &str, q: &Quantity, w: &Words) -> Option<(Direction, usize, usize)> {
        let before = tail(&text[..q.start], 40);
        let b0 = q.start - before.len();
        let after = head(&text[q.end..], 20);
        let near_end = |r: &Gated| {
            r.find_iter(before, w)
                .last()
                .filter(|h| before[h.end()..].split_whitespace().count() <= 2)
                .map(|h| b0 + h.start())
        };
        let near_start = |r: &Gated| {
            r.find(after, w).filter(|h| after[..h.start()].split_whitespace().count() == 0).map(|h| q.end + h.end())
        };
        for (dir, pats) in [(Direction::Down, &m.down), (Direction::Up, &m.up)] {
            let start = pats.iter().filter_map(near_end).min();
            let end = pats.iter().filter_map(near_start).max();
            if start.is_some() || end.is_some() {
                // "opened ... lower": the verb before the figure frames it too.
                let verb = if start.is_none() { self.verb_before(m, text, q.start, w) } else { None };
                return Some((dir, start.or(verb).unwrap_or(q.start), end.unwrap_or(q.end)));
            }
        }
        None
    }

    /// The trigger word right before a figure ("opened" in "opened 10% lower").
    fn verb_before(&self, m: &Measure, text: &str, at: usize, w: &Words) -> Option<usize> {
        let before = tail(&text[..at], 30);
        let b0 = at - before.len();
        m.before.iter().filter_map(|r| r.find(before, w)).map(|h| b0 + h.start()).min()
    }

    /// The entity a claim at text[start..end] is about.
    #[allow(clippy::too_many_arguments)]
    fn subject(
        &self,
        text: &str,
        w: &Words,
        start: usize,
        end: usize,
        mentions: &[Mention],
        memory: &Memory,
        paragraph: usize,
        exclude: &[String],
    ) -> String {
        let ok = |m: &&Mention| m.kind.can_be_subject() && !named(exclude, &m.name);
        // "of the company's sales", "of Wistron’s total server revenue", "of its revenue"
        let after = head(&text[end..], 50);
        // Only ASCII letters lower-case to "of": the words are compared as they stand.
        if after.trim_start().as_bytes().get(..3).is_some_and(|w| w.eq_ignore_ascii_case(b"of ")) {
            let rest_at = end + (after.len() - after.trim_start().len()) + 3;
            if let Some(m) = mentions.iter().find(|m| m.start == rest_at && text[m.end..].starts_with(['’', '\''])) {
                return m.name.to_string();
            }
            let rest = text[rest_at..].to_lowercase();
            if self.words.references.iter().any(|r| starts_with_word(&rest, r) && (r.ends_with("'s") || r == "its")) {
                if let Some(name) = self.resolve_reference(start, mentions, memory, paragraph, exclude) {
                    return name;
                }
            }
        }
        let clause_start = w.clause_start(start);
        // The nearest name before the figure in its clause, outside an aside.
        let nearest = mentions
            .iter()
            .rev()
            .filter(ok)
            .filter(|m| m.end <= start && m.start >= clause_start)
            .find(|m| !in_aside(text, m, start, &self.words.aside_openers));
        if let Some(m) = nearest {
            return m.name.to_string();
        }
        let clause = &text[clause_start..start].to_lowercase();
        let refers = self.words.reference_finders.iter().any(|r| has_word(clause, r))
            || has_word(&head(&text[end..], 40).to_lowercase(), &self.words.the_company);
        if refers {
            if let Some(name) = self.resolve_reference(start, mentions, memory, paragraph, exclude) {
                return name;
            }
        }
        if let Some(m) = mentions.iter().filter(ok).rfind(|m| m.end <= start) {
            return m.name.to_string();
        }
        if let Some(m) = mentions.iter().filter(ok).find(|m| m.start >= end) {
            return m.name.to_string();
        }
        self.resolve_reference(start, mentions, memory, paragraph, exclude).unwrap_or_default()
    }

    /// "it", "its", "the company": the last company named before, in this
    /// sentence, this paragraph, or the source.
    fn resolve_reference(
        &self,
        at: usize,
        mentions: &[Mention],
        memory: &Memory,
        paragraph: usize,
        exclude: &[String],
    ) -> Option<String> {
        if let Some(m) =
            mentions.iter().filter(|m| m.kind == EntityKind::Company && !named(exclude, &m.name)).rfind(|m| m.end <= at)
        {
            return Some(m.name.to_string());
        }
        if let Some((name, para)) = &memory.last_company {
            if *para + 2 >= paragraph && !named(exclude, name) {
                return Some(name.to_string());
            }
        }
        memory.main_entity().filter(|n| !exclude.contains(n))
    }

    /// Subjects of a verb: "Shares of Hikvision and Dahua plunged" is about both.
    fn coordinated_subjects(
        &self,
        text: &str,
        w: &Words,
        at: usize,
        mentions: &[Mention],
        memory: &Memory,
        paragraph: usize,
    ) -> Vec<String> {
        let clause_start = w.clause_start(at);
        let before: Vec<&Mention> =
            mentions.iter().filter(|m| m.kind.can_be_subject() && m.end <= at && m.start >= clause_start).collect();
        if let Some(last) = before.last() {
            let mut names = vec![last.name.to_string()];
            let mut k = before.len() - 1;
            while k > 0 && text[before[k - 1].end..before[k].start].trim() == "and" {
                names.insert(0, before[k - 1].name.to_string());
                k -= 1;
            }
            names.dedup();
            return names;
        }
        vec![self.subject(text, w, at, at, mentions, memory, paragraph, &[])]
    }

    /// A year right after a figure is the figure's time ("US$32 billion in 2017"), not a claim.
    fn date_is_figure_time(&self, text: &str, d: &DateMention, quantities: &[Quantity]) -> bool {
        d.year_only
            && quantities.iter().any(|q| {
                q.end <= d.start
                    && text[q.end..d.start].split_whitespace().count() <= 4
                    && !text[q.end..d.start].contains([',', ';', '.'])
            })
    }

    /// Who the sentence says its claims come from: each attribution with its position.
    fn attributions(&self, text: &str, w: &Words) -> Vec<(usize, String)> {
        let mut found = Vec::new();
        for re in &self.attribution {
            let Some(matches) = re.captures_iter(text, w) else { continue };
            for c in matches {
                let Some(w) = c.name("who") else { continue };
                let who = w.as_str().trim().trim_end_matches([',', '.']);
                let lower = who.to_lowercase();
                if who.is_empty() || self.words.not_who.contains(&lower) || who.split(' ').count() > 7 {
                    continue;
                }
                found.push((w.start(), who.to_string()));
            }
        }
        found.sort();
        found
    }

    /// The attribution for a claim at `at`: one in its clause, else the sentence's first.
    fn attribution_at(&self, text: &str, w: &Words, at: usize, found: &[(usize, String)]) -> Option<String> {
        let clause = w.clause_start(at);
        let next_clause = w.next_clause(at).unwrap_or(text.len());
        found.iter().find(|(p, _)| *p >= clause && *p < next_clause).or_else(|| found.first()).map(|(_, w)| w.clone())
    }

    /// Named lists: chains of names joined by commas and "and".
    fn lists(&self, s: &Sentence, mentions: &[Mention]) -> Vec<(usize, usize, Vec<String>, bool)> {
        let text = s.text;
        // A name in brackets right after another is the same name in another script.
        let items: Vec<&Mention> = mentions
            .iter()
            .filter(|m| !(text[..m.start].trim_end().ends_with('(') && text[m.end..].trim_start().starts_with(')')))
            .filter(|m| matches!(m.kind, EntityKind::Company | EntityKind::Organization))
            .collect();
        let mut out = Vec::new();
        let mut i = 0;
        while i < items.len() {
            let mut chain = vec![items[i]];
            let mut j = i + 1;
            let mut closed = false;
            while j < items.len() {
                let gap = &text[chain.last().expect("non-empty").end..items[j].start];
                if !self.list_gap.is_match(gap) {
                    break;
                }
                closed = gap.contains("and") && !gap.contains("as well as");
                chain.push(items[j]);
                j += 1;
                if closed {
                    break;
                }
            }
            let mut names: Vec<String> = chain.iter().map(|m| m.name.to_string()).collect();
            names.dedup();
            // One name is no list: its tail and trigger need not be read.
            if names.len() < 2 {
                i = j.max(i + 1);
                continue;
            }
            let last_end = chain.last().expect("non-empty").end;
            let rest = &text[last_end..];
            let rest = rest
                .trim_start_matches(' ')
                .strip_prefix('(')
                .and_then(|r| r.find(')').map(|k| &r[k + 1..]))
                .unwrap_or(rest);
            let trail = self.list_tail.find(rest);
            let open = trail.is_some();
            let end = match trail {
                Some(t) => text.len() - rest.len() + t.end(),
                None => last_end,
            };
            let start = chain[0].start;
            let before = &text[..start];
            let triggered = self.list_trigger.is_match(before)
                || self.of_kind("list").any(|(_, m)| {
                    m.before.iter().any(|r| r.is_match(tail(before, 80), s.words))
                        || m.after.iter().any(|r| r.is_match(head(&text[end..], 60), s.words))
                });
            if (closed || open) && (names.len() >= 3 || triggered || open) {
                out.push((start, end, names, open));
            }
            i = j.max(i + 1);
        }
        out
    }
}

/// How many of a story's most named names can be the sides of its scores.
const MAX_SIDES: usize = 3;

/// A figure, date or time a news stage found in a sentence: where, under
/// which measure, and its value.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Found {
    pub start: usize,
    pub end: usize,
    pub measure: String,
    pub value: Value,
    /// Reads the words more fully than the claims already found there ("13
    /// years ago" over "13 years"), so it replaces them.
    pub supersedes: bool,
}

impl Found {
    fn new(start: usize, end: usize, measure: &str, value: Value) -> Self {
        Found { start, end, measure: measure.to_string(), value, supersedes: false }
    }
}

/// Gives each ordinal whose noun is left out ("in the fifth") the unit of
/// the nearest ordinal in the source that names one ("the sixth inning"),
/// the nearest before it first; with none, it is a plain rank. `claims`
/// are in the order they stand in the source.
fn resolve_elided_ordinals(claims: &mut [Claim]) {
    if !claims.iter().any(|c| c.measure == bare::ELIDED_RANK) {
        return;
    }
    // Ordinals that name their unit ("inning_number", unit "inning"), in
    // order: position, measure, unit.
    let named: Vec<(usize, String, String)> = claims
        .iter()
        .filter_map(|c| match &c.value {
            Value::Figure(Figure { unit: Some(unit), .. })
                if c.measure.strip_suffix("_number") == Some(unit.as_str()) =>
            {
                Some((c.start, c.measure.clone(), unit.clone()))
            }
            _ => None,
        })
        .collect();
    for c in claims.iter_mut().filter(|c| c.measure == bare::ELIDED_RANK) {
        let after = named.partition_point(|(at, _, _)| *at < c.start);
        let nearest = after.checked_sub(1).or((after < named.len()).then_some(after));
        match nearest.map(|k| &named[k]) {
            Some((_, measure, unit)) => {
                c.measure = measure.clone();
                if let Value::Figure(f) = &mut c.value {
                    f.unit = Some(unit.clone());
                }
            }
            None => c.measure = bare::RANK.to_string(),
        }
    }
}

/// The noun a bare figure counts ("200 companies"), as written and lower-cased.
struct CountedNoun {
    text: String,
    lower: String,
    /// Byte offset after the noun in the sentence.
    end: usize,
}

/// A mention inside a comma aside that closes before `at`: ", backed by Alibaba,".
/// A figure given in brackets as the conversion of `of`: it carries the
/// original's qualifier ("about US$42 billion (S$58 billion)", "about 3,700
/// km (2,300 miles)").
fn conversion(mut alt: Figure, of: &Figure) -> Box<Figure> {
    if alt.qualifier == crate::quantity::Qualifier::Exact {
        if let Some(amount) = alt.amount {
            alt.qualifier = of.qualifier;
            let iv = of.qualifier.interval(amount);
            (alt.low, alt.high) = (iv.low, iv.high);
        }
    }
    Box::new(alt)
}

fn in_aside(text: &str, m: &Mention, at: usize, openers: &[String]) -> bool {
    let before = &text[..m.start];
    let Some(comma) = before.rfind(',') else { return false };
    let opened = !before[comma..].contains(['.', ';']);
    let closed = text[m.end..at].contains(',');
    if !(opened && closed) {
        return false;
    }
    // An aside's opener comes in its first few words ("Megvii, which is
    // backed by Alibaba,"): only those are read, however long the aside.
    let lead = before[comma + 1..].trim_start();
    let lead = lead[..crate::segment::floor_boundary(lead, ASIDE_LEAD_BYTES)].to_lowercase();
    openers.iter().any(|w| lead.starts_with(w.as_str()) || contains_spaced(&lead, w))
}

/// How much of an aside, from its comma, may hold its opener.
const ASIDE_LEAD_BYTES: usize = 48;

/// Whether `text` starts with `word` and a space: `text.starts_with(&format!("{word} "))`
/// with nothing made.
fn starts_with_word(text: &str, word: &str) -> bool {
    text.strip_prefix(word).is_some_and(|rest| rest.starts_with(' '))
}

/// Whether `text` holds `word` with a space either side:
/// `text.contains(&format!(" {word} "))` with nothing made.
fn contains_spaced(text: &str, word: &str) -> bool {
    let mut from = 0;
    while let Some(k) = text[from..].find(word).map(|k| from + k) {
        if text[..k].ends_with(' ') && text[k + word.len()..].starts_with(' ') {
            return true;
        }
        match text[k..].chars().next() {
            Some(c) => from = k + c.len_utf8(),
            None => return false,
        }
    }
    false
}

/// Whether `name` is one of `names`.
fn named(names: &[String], name: &str) -> bool {
    names.iter().any(|n| n == name)
}

/// Whether `word` stands in `text` as a word of its own (no letter or digit
/// on either side), looking at the occurrences `str::match_indices` gives.
fn has_word(text: &str, word: &memmem::Finder) -> bool {
    let len = word.needle().len();
    // An empty word occurs at every byte; `match_indices` gives character boundaries only.
    word.find_iter(text.as_bytes()).filter(|&k| text.is_char_boundary(k)).any(|k| {
        !text[..k].ends_with(|c: char| c.is_alphanumeric())
            && !text[k + len..].starts_with(|c: char| c.is_alphanumeric())
    })
}

/// The last `n` bytes of `s`, on a char boundary.
fn tail(s: &str, n: usize) -> &str {
    let mut k = s.len().saturating_sub(n);
    while !s.is_char_boundary(k) {
        k += 1;
    }
    &s[k..]
}

fn floor(s: &str, mut k: usize) -> usize {
    while !s.is_char_boundary(k) {
        k -= 1;
    }
    k
}

fn ceil(s: &str, mut k: usize) -> usize {
    while !s.is_char_boundary(k) {
        k += 1;
    }
    k
}

/// The first `n` bytes of `s`, on a char boundary.
fn head(s: &str, n: usize) -> &str {
    let mut k = n.min(s.len());
    while !s.is_char_boundary(k) {
        k -= 1;
    }
    &s[..k]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::spans;
    use crate::source::SourceMeta;
    use proptest::prelude::*;

    fn extractor() -> &'static Extractor {
        static EXTRACTOR: std::sync::LazyLock<Extractor> =
            std::sync::LazyLock::new(|| Extractor::new(&RuleSet::builtin()));
        &EXTRACTOR
    }

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
    fn a_measure_converted_in_brackets_is_one_claim_with_its_conversion() {
        let ex = extractor();
        let text = "The rocket flew about 3,700 kilometers (2,300 miles) and rose 770 km (480 miles).";
        let claims = ex.extract(&Source::new("a.txt", "a.txt", text, SourceMeta::default()));
        let figures: Vec<(&str, Option<f64>, Option<&str>)> = claims
            .iter()
            .filter_map(|c| match &c.value {
                Value::Figure(f) => Some((c.text.as_str(), f.alt.as_ref().and_then(|a| a.amount), f.unit.as_deref())),
                _ => None,
            })
            .collect();
        assert_eq!(
            figures,
            [
                ("about 3,700 kilometers (2,300 miles)", Some(2300.0), Some("km")),
                ("770 km (480 miles)", Some(480.0), Some("km"))
            ]
        );
        let Value::Figure(f) = &claims[0].value else { unreachable!() };
        assert_eq!(f.alt.as_ref().map(|a| a.qualifier), Some(crate::quantity::Qualifier::About));
        // Figures of two measures in brackets stay two claims.
        let text = "The plane carried 12 people (10 passengers) on a 30-minute flight.";
        let claims = ex.extract(&Source::new("b.txt", "b.txt", text, SourceMeta::default()));
        assert!(claims.iter().all(|c| !matches!(&c.value, Value::Figure(f) if f.alt.is_some())), "{claims:?}");
    }

    #[test]
    fn a_figure_in_a_converted_unit_compares_to_the_rounding_it_is_written_to() {
        let ex = extractor();
        let text = "The missile flew about 2,300 miles, and the earlier one 341 miles.";
        let claims = ex.extract(&Source::new("a.txt", "a.txt", text, SourceMeta::default()));
        let step = |figure: &str| match claims.iter().find(|c| c.text.contains(figure)).map(|c| c.compared()) {
            Some(Value::Figure(f)) => (f.unit.clone(), f.step),
            other => panic!("{figure}: {other:?}"),
        };
        // "2,300 miles" is written to the hundred miles; "341 miles" to the mile.
        let (unit, hundred) = step("2,300");
        assert_eq!(unit.as_deref(), Some("km"));
        assert!((hundred - 160.9344).abs() < 1e-6, "{hundred}");
        assert!((step("341").1 - 1.609344).abs() < 1e-9);
    }

    #[test]
    fn a_time_of_day_takes_the_measure_its_sentence_names() {
        let ex = extractor();
        let text = "The plane took off from the island airstrip at 12:10 p.m. on Sunday. \
                    Officials received reports of the crash around 12:20 p.m., ten minutes after takeoff.";
        let claims = ex.extract(&Source::new("a.txt", "a.txt", text, SourceMeta::default()));
        let measure = |time: &str| claims.iter().find(|c| c.text.contains(time)).map(|c| c.measure.as_str());
        assert_eq!(measure("12:10"), Some("departure_time"));
        // The crash's time is no departure, though "takeoff" is near it.
        assert_eq!(measure("12:20"), Some("event_time"));
    }

    #[test]
    fn a_length_of_time_is_a_duration_in_its_unit_not_a_share() {
        let ex = extractor();
        let text = "The final was held up for half an hour by rain, and the crew had waited 40 days.";
        let claims = ex.extract(&Source::new("a.txt", "a.txt", text, SourceMeta::default()));
        let half = claims.iter().find(|c| c.text.contains("half")).expect("the delay");
        assert_eq!(half.measure, "duration");
        assert!(matches!(&half.value, Value::Figure(f) if f.amount == Some(0.5) && f.unit.as_deref() == Some("hours")));
        // A counted time noun takes the unit's plain name, so it compares in hours with any other.
        let days = claims.iter().find(|c| c.text.contains("40")).expect("the wait");
        assert!(matches!(&days.value, Value::Figure(f) if f.unit.as_deref() == Some("days")), "{:?}", days.value);
        assert!(matches!(days.compared(), Value::Figure(f) if f.unit.as_deref() == Some("hours")));
    }

    #[test]
    fn a_date_says_when_a_figure_holds_only_near_it() {
        let ex = extractor();
        // When `figure` holds, as the text written on 15 June 2021 dates it.
        let as_of = |text: &str, figure: &str| {
            let meta = SourceMeta { published: Some("2021-06-15".into()), ..SourceMeta::default() };
            let claims = ex.extract(&Source::new("a.txt", "a.txt", text, meta));
            claims.into_iter().find(|c| c.text.contains(figure)).expect("the figure").as_of
        };
        let far = "Northwind raised its bid to $64 a share, up from an earlier offer of $51 a share, \
                   and well above where the stock traded before the talks began in March.";
        // "in March" stands many words from either offer: both hold as of the day of publication.
        assert_eq!(as_of(far, "$64").as_deref(), Some("2021-06-15"));
        assert_eq!(as_of(far, "$51").as_deref(), Some("2021-06-15"));
        let near = "Its first offer, of $51 a share in March, was rejected.";
        assert_eq!(as_of(near, "$51").as_deref(), Some("2021-03"));
        let opening =
            "In March, after weeks of talks that went nowhere, the board turned down an offer of $51 a share.";
        assert_eq!(as_of(opening, "$51").as_deref(), Some("2021-03"), "a date opening the sentence dates all of it");
    }

    #[test]
    fn a_name_given_as_a_company_is_that_company_when_it_stands_alone_later() {
        let ex = extractor();
        let text = "Zentrova Inc. rejected the bid.\n\nZentrova shares fell 4.3 percent after a report said Apple would cut orders.";
        let claims = ex.extract(&Source::new("a.txt", "a.txt", text, SourceMeta::default()));
        let fell = claims.iter().find(|c| c.text.contains("4.3")).expect("the share move");
        assert_eq!(fell.subject, "Zentrova");
        // Not named as a company before: the name says nothing of what it is.
        let alone = "Zentrova shares fell 4.3 percent after a report said Apple would cut orders.";
        let claims = ex.extract(&Source::new("a.txt", "a.txt", alone, SourceMeta::default()));
        assert_ne!(claims.iter().find(|c| c.text.contains("4.3")).expect("the share move").subject, "Zentrova");
    }

    #[test]
    fn an_ordinal_whose_noun_is_left_out_takes_the_unit_the_source_numbers() {
        let ex = extractor();
        let measures = |text: &str| -> Vec<(String, Option<String>)> {
            ex.extract(&Source::new("a.txt", "a.txt", text, SourceMeta::default()))
                .into_iter()
                .filter_map(|c| match c.value {
                    Value::Figure(f) if c.text.contains("th") || c.text.contains("ird") => Some((c.measure, f.unit)),
                    _ => None,
                })
                .collect()
        };
        let inning = ("inning_number".to_string(), Some("inning".to_string()));
        // Before the unit is named, and after it.
        let got = measures("They led in the fourth, then scored in the sixth inning. A storm hit in the ninth.");
        assert_eq!(got, [inning.clone(), inning.clone(), inning.clone()]);
        // With no unit numbered in the source, a plain rank; a rank that is
        // no ellipsis ("finished third", "the third seed") stays a rank.
        let rank = ("rank".to_string(), Some("rank".to_string()));
        assert_eq!(measures("She finished third, as in the fourth when it rained."), [rank.clone(), rank.clone()]);
        assert_eq!(
            measures("The third seed fell on the fifth lap."),
            [rank, ("lap_number".into(), Some("lap".into()))]
        );
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

    /// `has_word` as it was written before finders: over `str::match_indices`.
    fn has_word_by_match_indices(text: &str, word: &str) -> bool {
        text.match_indices(word).any(|(k, _)| {
            !text[..k].ends_with(|c: char| c.is_alphanumeric())
                && !text[k + word.len()..].starts_with(|c: char| c.is_alphanumeric())
        })
    }

    proptest! {
        /// The word tests that make no string answer as the `format!` forms
        /// they replace, on text built of the pieces that make them differ
        /// (spaces, repeats, characters outside ASCII, the empty word).
        #[test]
        fn spaced_words_found_without_making_strings(
            text in "[a b’é]{0,12}",
            word in "[a b’]{0,4}",
        ) {
            proptest::prop_assert_eq!(contains_spaced(&text, &word), text.contains(&format!(" {word} ")));
            proptest::prop_assert_eq!(starts_with_word(&text, &word), text.starts_with(&format!("{word} ")));
        }

        /// A word searched for with a prepared finder stands alone where
        /// the occurrences `match_indices` gives say it does.
        #[test]
        fn words_found_with_finders_as_with_match_indices(
            parts in proptest::collection::vec(proptest::sample::select(vec![
                "it", "its", "it's", "the company", "the company's", "itit", " ", "x", "é", "’", "1", ",",
            ]), 0..12),
            word in proptest::sample::select(vec!["it", "its", "it's", "the company", "tit", "", "é"]),
        ) {
            let text = parts.concat();
            prop_assert_eq!(has_word(&text, &memmem::Finder::new(word)), has_word_by_match_indices(&text, word));
        }

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

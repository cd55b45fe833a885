//! Extraction: from a source's text to its claims. Sentences are read one
//! by one; each figure gets a measure (from the measure rules), a subject
//! (from the clause it stands in), a date it speaks of, and an attribution.
//!
//! This module holds the [`Extractor`] and reads a source sentence by
//! sentence; each stage is a module of its own: `words` (the word pass and
//! the gated patterns), `text` (slicing and word tests on sentence text),
//! `figure` (a figure's claim), `measure` (which measure a claim falls
//! under), `subject` (who a claim is about), `attribution` (who says it),
//! `lists` (named lists), and the news stages `clock`, `calendar`, `bare`
//! and `scores`, with the `cues` that open them and the `patterns` they share.

mod attribution;
mod bare;
mod calendar;
mod clock;
mod cues;
mod figure;
mod lists;
mod measure;
mod patterns;
mod scores;
mod subject;
mod text;
mod words;

use crate::claim::{score_points, Claim, Direction, Figure, Value, SCORE_MEASURE};
use crate::date::{parse_published, DateFinder};
use crate::entity::{EntityKind, EntityMatcher, Mention};
use crate::quantity::{Kind, Scanner};
use crate::rules::gate::{Gates, GatesBuilder};
use crate::rules::RuleSet;
use crate::segment::Segmenter;
use crate::source::Source;
use memchr::memmem;
use regex::Regex;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::sync::Arc;

use figure::{conversion, resolve_elided_ordinals};
use measure::Measure;
use subject::{names_a_side, Memory};
use text::{head, named, tail};
use words::{Gated, WordRanges, Words};

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
    /// `compare.yaml`'s `restated_count_min`: a count below it ("two
    /// children") is too common to take its clause's predicate as its
    /// measure on its own; it may still take it over a sentence-wide word.
    count_min: f64,
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
    /// `deal_objects`, lower-case.
    deal_objects: Vec<String>,
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
                deal_objects: c.deal_objects.iter().map(|w| w.to_lowercase()).collect(),
            },
            attribution,
            date_context_words: rules.measures.date_context_words.unwrap_or(usize::MAX),
            date_scope_words: rules.measures.date_scope_words.unwrap_or(usize::MAX),
            count_min: rules.compare.restated_count_min,
            gates: gates.build(&also),
            ranges,
            list_tail: crate::rules::compile_pattern(&format!("^,?\\s+(?:{})", c.list_tail.as_deref().unwrap_or("$^")), false).unwrap_or_else(|_| never()),
            list_gap: Regex::new(r"^\s*(\([^)]*\)\s*)?(,\s*(and\s+|as well as\s+)?|\s*and\s+|,?\s*as well as\s+)([a-z][a-z-]*(\s+[a-z][a-z-]*){0,6}\s+)?$").expect("static"),
            list_trigger: crate::rules::compile_pattern(&format!("(?i)\\b(?:{})\\s*:?\\s+([a-z][a-z-]*\\s+){{0,4}}$", c.list_triggers.iter().map(|w| regex::escape(w)).collect::<Vec<_>>().join("|")), false)
                .unwrap_or_else(|_| never()),
        }
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
            let Some(mut claim) = self.figure_claim(source, s, q, end, &mentions, &dates, memory, cues) else {
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
            // A weekday or relative date takes a date measure that allows it ("stocks fell Friday").
            let named_date = (f.measure == "event_date" && matches!(f.value, Value::Date(_)))
                .then(|| self.relative_date_measure(text, f.start, f.end, w))
                .flatten();
            let measure = named_time.or(named_date).map_or(f.measure, |m| m.rule.id.clone());
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::SourceMeta;

    pub(super) fn extractor() -> &'static Extractor {
        static EXTRACTOR: std::sync::LazyLock<Extractor> =
            std::sync::LazyLock::new(|| Extractor::new(&RuleSet::builtin()));
        &EXTRACTOR
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
}

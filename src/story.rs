//! The story: sources given together tell one story, unless what they
//! name says they tell several (two crashes, a shooting and a missile
//! launch): sources are first clustered into stories by the names they
//! share, and a claim is compared only with claims of its own story. A
//! claim about the story itself (a death toll, a date, "12 people") is about
//! the subject the story's sources share, not about the noun it counts
//! ("people") or nobody.

use crate::claim::Claim;
use rustc_hash::{FxHashMap, FxHashSet};
use std::sync::Arc;

/// Two groups of sources tell one story when the names they share are this
/// alike on average (the cosine of their names, each weighed by how rare
/// it is among the sources: 1 for two sources that name the same, 0 for
/// two that share no name). Within each of the development stories sources
/// stand well above it; between them, below.
const STORY_SIMILARITY: f64 = 0.1;

/// Names more sources than this give are too common to tell a story by
/// ("United States" in a year of wire copy); they link no two sources.
const MAX_LINKING_SOURCES: usize = 50;

/// The subject the sources share: the named subject that most sources
/// give claims about in their headlines (line 1), then in their whole text,
/// then the one with most claims, then the first in order; none when no two
/// sources name one.
pub fn story_subject<'a>(
    story: impl IntoIterator<Item = &'a Claim> + Clone,
    places: &FxHashSet<String>,
) -> Option<String> {
    let mut sources: FxHashMap<&str, FxHashSet<&str>> = FxHashMap::default();
    let mut headlines: FxHashMap<&str, FxHashSet<&str>> = FxHashMap::default();
    let mut claims: FxHashMap<&str, usize> = FxHashMap::default();
    let mut first: Vec<&str> = Vec::new();
    for c in story.clone() {
        // A subject in the claim's own words is what it counts ("1 million
        // ethnic Uighurs"), not whom the story is about.
        if !is_named(&c.subject) || c.text.contains(c.subject.as_str()) || places.contains(&c.subject) {
            continue;
        }
        if sources.entry(&c.subject).or_default().insert(&c.source) && sources[c.subject.as_str()].len() == 1 {
            first.push(&c.subject);
        }
        *claims.entry(&c.subject).or_insert(0) += 1;
        if c.line == 1 {
            headlines.entry(&c.subject).or_default().insert(&c.source);
        }
    }
    let in_headlines = |s: &str| headlines.get(s).map_or(0, |h| h.len());
    let all: FxHashSet<&str> = story.into_iter().map(|c| &*c.source).collect();
    let shared = 2.max(all.len().div_ceil(2));
    first
        .iter()
        .enumerate()
        .filter(|(_, s)| sources[*s].len() >= shared)
        .max_by_key(|(k, s)| (in_headlines(s), sources[*s].len(), claims[*s], std::cmp::Reverse(*k)))
        .map(|(_, s)| s.to_string())
}

/// Claims this near the top of a source stand in its headline or lead.
const LEAD_LINES: usize = 3;

/// The name a story goes by: the name (one to three capitalised words:
/// "Costa Rica", "Goldman Sachs") that most of its sources give in their
/// headline or lead, then in their whole text; a longer name before a
/// shorter one as common. None when no name is given by two sources and
/// half of them. A name holding a word of `not_names` ("Chinese", "The") is
/// none, and so is one of `date_words` only ("Monday", "March").
pub fn story_name<'a>(
    story: impl IntoIterator<Item = &'a Claim>,
    not_names: &FxHashSet<String>,
    date_words: &FxHashSet<String>,
) -> Option<String> {
    #[derive(Default)]
    struct Seen<'a> {
        lead: FxHashSet<&'a str>,
        anywhere: FxHashSet<&'a str>,
        first: usize,
    }
    let mut seen: FxHashMap<String, Seen> = FxHashMap::default();
    let mut sources: FxHashSet<&str> = FxHashSet::default();
    let mut previous: Option<&Arc<str>> = None;
    for c in story {
        sources.insert(&c.source);
        if previous.is_some_and(|p| Arc::ptr_eq(p, &c.sentence)) {
            continue;
        }
        previous = Some(&c.sentence);
        for name in names_of_up_to_three_words(&c.sentence) {
            let mut words = name.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty());
            if words.clone().any(|w| not_names.contains(w)) || words.all(|w| date_words.contains(w)) {
                continue;
            }
            let next = seen.len();
            let s = seen.entry(name).or_insert_with(|| Seen { first: next, ..Seen::default() });
            s.anywhere.insert(&c.source);
            if c.line <= LEAD_LINES {
                s.lead.insert(&c.source);
            }
        }
    }
    let shared = 2.max(sources.len().div_ceil(2));
    seen.into_iter()
        .filter(|(_, s)| s.lead.len().max(s.anywhere.len()) >= shared)
        .max_by_key(|(name, s)| {
            let words = name.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).count();
            (s.lead.len(), s.anywhere.len(), words, std::cmp::Reverse(s.first))
        })
        .map(|(name, _)| name)
}

/// The names of one to three capitalised words in a sentence (its first
/// word, which any sentence capitalises, only as part of a longer name).
fn names_of_up_to_three_words(sentence: &str) -> Vec<String> {
    let words = words_of(sentence);
    let capitalised = |w: &str| w.chars().count() >= 2 && w.starts_with(char::is_uppercase);
    let mut out = Vec::new();
    for first in 0..words.len() {
        for len in 1..=3 {
            let Some(run) = words.get(first..first + len) else { break };
            if !run.iter().all(|(_, w)| capitalised(w)) {
                break;
            }
            if first == 0 && len == 1 {
                continue;
            }
            let (from, last) = (run[0].0, run[len - 1]);
            let name = &sentence[from..last.0 + last.1.len()];
            // Words joined by a comma or a bracket are two names, not one.
            if !name.contains([',', '(', ')', ';', ':', '"', '“', '”']) {
                out.push(name.to_string());
            }
        }
    }
    out
}

/// What reads a story's claims as one story: the measures of its event,
/// the names that are places, not participants, and its restated facts.
/// Built once from the rules.
#[derive(Debug, Clone)]
pub struct Stories {
    story_measures: FxHashSet<String>,
    places: FxHashSet<String>,
    /// Words that refer back to a company named before ("the company", "its").
    references: Vec<String>,
    /// Capitalised words that are no name ("The", "Chinese").
    not_names: FxHashSet<String>,
    /// Weekdays and months, as `dates.yaml` names them: a story is not named "Monday".
    date_words: FxHashSet<String>,
    restater: crate::restate::Restater,
}

impl Stories {
    /// The story measures of `news.yaml`, the places of `entities.yaml`,
    /// the generic measures of `compare.yaml`.
    pub fn new(rules: &crate::rules::RuleSet) -> Self {
        Stories {
            story_measures: rules.news.story_measures.iter().cloned().collect(),
            places: rules
                .entities
                .entities
                .iter()
                .filter(|e| matches!(e.kind.as_str(), "country" | "place"))
                .map(|e| e.name.clone())
                .collect(),
            references: rules.claims.company_references.iter().map(|r| r.to_lowercase()).collect(),
            not_names: rules.entities.not_names.iter().cloned().collect(),
            date_words: rules.dates.weekdays.iter().chain(rules.dates.months.keys()).cloned().collect(),
            restater: crate::restate::Restater::new(rules),
        }
    }

    /// Reads `parts` (the claims of sources given together): clusters the
    /// sources into stories, numbers each claim's story, names each story's
    /// subject and gives it to the claims about the story, and gives
    /// restated facts the measure and subject they restate.
    pub fn read(&self, parts: &mut [Vec<Claim>]) {
        let story_of = stories_of(parts);
        let mut stories: Vec<Vec<&mut Claim>> = Vec::new();
        for c in parts.iter_mut().flatten() {
            let k = story_of.get(&*c.source).copied().unwrap_or(0);
            c.story = k as u32;
            if stories.len() <= k {
                stories.resize_with(k + 1, Vec::new);
            }
            stories[k].push(c);
        }
        for story in &mut stories {
            let claims = || story.iter().map(|c| &**c);
            if let Some(subject) = story_subject(claims(), &self.places)
                .or_else(|| story_name(claims(), &self.not_names, &self.date_words))
            {
                for c in story.iter_mut() {
                    self.assign_story_subject(c, &subject);
                }
            }
            self.restater.restate(story);
        }
    }

    /// Whether `sentence` refers back to a company named before ("the
    /// company said", "its revenue").
    fn refers_back(&self, sentence: &str) -> bool {
        let lower = sentence.to_lowercase();
        self.references.iter().any(|r| {
            lower.match_indices(r.as_str()).any(|(at, _)| {
                !lower[..at].ends_with(char::is_alphanumeric)
                    && !lower[at + r.len()..].starts_with(char::is_alphanumeric)
            })
        })
    }

    /// Gives the story's subject to every claim about the story itself: one
    /// that names no one (no subject, or only the noun it counts: "people",
    /// "passengers"), one whose subject is a place, one whose subject its
    /// sentence neither names nor refers back to (taken from an earlier
    /// sentence for want of any other), and every claim of a
    /// measure that belongs to the story's event (`story_measures`: a death
    /// toll, the date of the crash), whoever the clause names.
    pub fn assign_story_subject(&self, c: &mut Claim, story: &str) {
        if !is_named(&c.subject)
            || self.story_measures.contains(&c.measure)
            || self.places.contains(&c.subject)
            || !(c.sentence.contains(c.subject.as_str()) || self.refers_back(&c.sentence))
        {
            c.subject = story.to_string();
        }
    }
}

/// The story each source tells, numbered from 0 in the order sources come.
/// Sources are grouped (average linkage, most alike first) while the names
/// two groups share are alike enough on average, however far apart they
/// were published (a story is followed for months). A source left alone joins the group it is most
/// alike; sources that share no name with any other tell one story together
/// (sources given together are one story unless what they name says
/// otherwise). Only names that at most `MAX_LINKING_SOURCES` sources give
/// pair sources, so the cost grows with the sources, not their square.
fn stories_of(parts: &[Vec<Claim>]) -> FxHashMap<Arc<str>, usize> {
    // Each source's names, in the order sources come.
    let mut index: FxHashMap<&str, usize> = FxHashMap::default();
    let mut names: Vec<FxHashSet<&str>> = Vec::new();
    let mut ids: Vec<Arc<str>> = Vec::new();
    let mut previous: Option<&Arc<str>> = None;
    for c in parts.iter().flatten() {
        let k = *index.entry(&c.source).or_insert_with(|| {
            ids.push(c.source.clone());
            names.push(FxHashSet::default());
            names.len() - 1
        });
        // The names in its sentences: capitalised words, each sentence's
        // first word aside (a sentence's claims stand together: it is read once).
        if !previous.is_some_and(|p| Arc::ptr_eq(p, &c.sentence)) {
            names[k].extend(names_in(&c.sentence));
        }
        previous = Some(&c.sentence);
    }
    let n = names.len();
    let mut sources_of: FxHashMap<&str, Vec<usize>> = FxHashMap::default();
    for (k, set) in names.iter().enumerate() {
        for name in set {
            sources_of.entry(name).or_default().push(k);
        }
    }
    // A name's weight: how rare it is. A name one source gives weighs nothing.
    let weight = |df: usize| if df < 2 { 0.0 } else { ((n + 1) as f64 / df as f64).ln() };
    let norms: Vec<f64> = names
        .iter()
        .map(|set| set.iter().map(|name| weight(sources_of[name].len()).powi(2)).sum::<f64>().sqrt())
        .collect();
    let mut alike: FxHashMap<(usize, usize), f64> = FxHashMap::default();
    let mut lists: Vec<(&str, &Vec<usize>)> = sources_of.iter().map(|(name, l)| (*name, l)).collect();
    lists.sort_unstable();
    for (_, list) in lists.into_iter().filter(|(_, l)| l.len() >= 2 && l.len() <= MAX_LINKING_SOURCES) {
        let w = weight(list.len()).powi(2);
        for (i, &a) in list.iter().enumerate() {
            for &b in &list[i + 1..] {
                *alike.entry((a.min(b), a.max(b))).or_insert(0.0) += w / (norms[a] * norms[b]);
            }
        }
    }
    let mut pairs: Vec<((usize, usize), f64)> = alike.into_iter().collect();
    pairs.sort_unstable_by(|x, y| y.1.total_cmp(&x.1).then(x.0.cmp(&y.0)));
    // Groups: a root each, its size, and the summed likeness to each other group.
    let mut parent: Vec<usize> = (0..n).collect();
    let mut size = vec![1usize; n];
    let mut between: Vec<FxHashMap<usize, f64>> = vec![FxHashMap::default(); n];
    for &((a, b), s) in &pairs {
        *between[a].entry(b).or_insert(0.0) += s;
        *between[b].entry(a).or_insert(0.0) += s;
    }
    fn root(parent: &mut [usize], mut k: usize) -> usize {
        while parent[k] != k {
            parent[k] = parent[parent[k]];
            k = parent[k];
        }
        k
    }
    fn merge(parent: &mut [usize], size: &mut [usize], between: &mut [FxHashMap<usize, f64>], a: usize, b: usize) {
        let (keep, gone) = if between[a].len() >= between[b].len() { (a, b) } else { (b, a) };
        parent[gone] = keep;
        size[keep] += size[gone];
        let moved = std::mem::take(&mut between[gone]);
        for (other, s) in moved {
            if other == keep {
                continue;
            }
            *between[keep].entry(other).or_insert(0.0) += s;
            let theirs = &mut between[other];
            theirs.remove(&gone);
            *theirs.entry(keep).or_insert(0.0) += s;
        }
        between[keep].remove(&gone);
    }
    for &((a, b), _) in &pairs {
        let (ra, rb) = (root(&mut parent, a), root(&mut parent, b));
        if ra == rb {
            continue;
        }
        let average = between[ra].get(&rb).copied().unwrap_or(0.0) / (size[ra] * size[rb]) as f64;
        if average >= STORY_SIMILARITY {
            merge(&mut parent, &mut size, &mut between, ra, rb);
        }
    }
    // A source left alone joins the group it is most alike; one alike to none joins the others so.
    let mut alone: Option<usize> = None;
    for k in 0..n {
        let r = root(&mut parent, k);
        if size[r] > 1 {
            continue;
        }
        let best = between[r]
            .iter()
            .max_by(|x, y| (x.1 / size[*x.0] as f64).total_cmp(&(y.1 / size[*y.0] as f64)).then(y.0.cmp(x.0)))
            .map(|(&other, _)| other);
        match best {
            Some(other) => {
                let other = root(&mut parent, other);
                merge(&mut parent, &mut size, &mut between, r, other);
            }
            None => match alone {
                Some(first) => {
                    let first = root(&mut parent, first);
                    merge(&mut parent, &mut size, &mut between, r, first);
                }
                None => alone = Some(k),
            },
        }
    }
    // Stories numbered in the order their first source comes.
    let mut number: FxHashMap<usize, usize> = FxHashMap::default();
    let mut out = FxHashMap::default();
    for (k, source) in ids.into_iter().enumerate() {
        let r = root(&mut parent, k);
        let next = number.len();
        out.insert(source, *number.entry(r).or_insert(next));
    }
    out
}

/// The names a sentence gives: its capitalised words of three letters or
/// more, but its first (which any sentence capitalises).
fn names_in(sentence: &str) -> impl Iterator<Item = &str> {
    words_of(sentence)
        .into_iter()
        .skip(1)
        .map(|(_, w)| w)
        .filter(|w| w.chars().count() >= 3 && w.starts_with(char::is_uppercase))
}

/// A sentence's words (letters, digits, hyphens and inner dots: "U.S",
/// "Jong-un"), each with the byte where it starts, a final dot trimmed.
fn words_of(sentence: &str) -> Vec<(usize, &str)> {
    let mut words = Vec::new();
    let mut start = None;
    for (at, ch) in sentence.char_indices().chain([(sentence.len(), ' ')]) {
        let in_word = ch.is_alphanumeric() || ch == '-' || ch == '.';
        match (start, in_word) {
            (None, true) => start = Some(at),
            (Some(from), false) => {
                let word = sentence[from..at].trim_end_matches('.');
                if !word.is_empty() {
                    words.push((from, word));
                }
                start = None;
            }
            _ => {}
        }
    }
    words
}

/// A subject that names someone: it starts with a capital letter or a digit.
fn is_named(subject: &str) -> bool {
    subject.chars().next().is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::claim::{Figure, Value};

    fn claim(source: &str, subject: &str) -> Claim {
        Claim {
            source: source.into(),
            line: 2,
            column: 1,
            text: "12".into(),
            sentence: "12".into(),
            subject: subject.into(),
            measure: "death_toll".into(),
            value: Value::Figure(Figure::exact(12.0, None)),
            attributed_to: None,
            as_of: None,
            start: 0,
            end: 2,
            as_of_stated: false,
            restated: false,
            story: 0,
            in_base_unit: None,
        }
    }

    #[test]
    fn the_story_is_the_subject_most_sources_name() {
        let parts = vec![
            vec![claim("a", "Nature Air"), claim("a", "people"), claim("a", "Costa Rica")],
            vec![claim("b", "Costa Rica"), claim("b", "")],
            vec![claim("c", "Costa Rica"), claim("c", "Nature Air")],
        ];
        assert_eq!(story_subject(parts.iter().flatten(), &FxHashSet::default()).as_deref(), Some("Costa Rica"));
        let stories = Stories::new(&crate::rules::RuleSet::builtin());
        let mut parts = parts;
        for c in parts.iter_mut().flatten() {
            c.measure = "count".into();
            c.sentence = format!("{} said 12", c.subject).into();
        }
        let mut inherited = claim("b", "Nature Air");
        inherited.measure = "count".into();
        inherited.sentence = "Then 12 were found".into();
        parts[1].push(inherited);
        parts[2][1].sentence = "The company said 12".into();
        parts.iter_mut().flatten().for_each(|c| stories.assign_story_subject(c, "Costa Rica"));
        // No subject, only a counted noun, or a subject taken from an earlier sentence: the story.
        assert_eq!(parts[0][1].subject, "Costa Rica");
        assert_eq!(parts[1][1].subject, "Costa Rica");
        assert_eq!(parts[1][2].subject, "Costa Rica");
        // A participant named in the claim's sentence, or referred back to, keeps it.
        assert_eq!(parts[0][0].subject, "Nature Air");
        assert_eq!(parts[2][1].subject, "Nature Air");
        // A measure of the story's event is the story's, whoever the clause names.
        parts[0][0].measure = "death_toll".into();
        parts.iter_mut().flatten().for_each(|c| stories.assign_story_subject(c, "Costa Rica"));
        assert_eq!(parts[0][0].subject, "Costa Rica");
    }

    #[test]
    fn sources_are_clustered_into_stories_by_the_names_they_share() {
        let said = |source: &str, sentence: &str| {
            let mut c = claim(source, "");
            c.sentence = sentence.into();
            c
        };
        let crash =
            "Yesterday a Nature Air plane crashed near Punta Islita in Costa Rica, killing the Steinberg family.";
        let shooting =
            "On Sunday Stephen Paddock fired from the Mandalay Bay hotel in Las Vegas at the Route 91 festival.";
        let parts = vec![
            vec![said("a", crash)],
            vec![said("b", shooting)],
            vec![said("c", crash)],
            vec![said("d", shooting)],
            vec![said("e", "Three workers died."), said("f", "Five workers died.")],
        ];
        let stories = stories_of(&parts);
        let story = |s: &str| stories[s];
        assert_eq!(story("a"), story("c"));
        assert_eq!(story("b"), story("d"));
        assert_ne!(story("a"), story("b"));
        // Sources that name nothing any other names are one story together.
        assert_eq!(story("e"), story("f"));
        assert_eq!((story("a"), story("b"), story("e")), (0, 1, 2));
    }

    #[test]
    fn one_story_told_by_every_source_stays_one() {
        let said = |source: &str, sentence: &str| {
            let mut c = claim(source, "");
            c.sentence = sentence.into();
            c
        };
        let parts: Vec<Vec<Claim>> = ["a", "b", "c", "d"]
            .iter()
            .map(|s| vec![said(s, "The Nature Air crash in Costa Rica killed 12, officials in San Jose said.")])
            .collect();
        let stories = stories_of(&parts);
        assert!(["a", "b", "c", "d"].iter().all(|s| stories[*s] == 0));
    }

    #[test]
    fn a_story_is_named_by_the_name_most_leads_give() {
        let lead = |source: &str, line: usize, sentence: &str| {
            let mut c = claim(source, "");
            c.line = line;
            c.sentence = sentence.into();
            c
        };
        let not_names: FxHashSet<String> = ["The", "Chinese"].iter().map(|w| w.to_string()).collect();
        let story = [
            lead("a", 1, "New York Family Of 5 Among 12 Killed In Costa Rica Plane Crash"),
            lead("b", 1, "10 American tourists killed in private plane crash in Costa Rica"),
            lead("c", 2, "A bus crash on the Lagos–Ibadan road and a Costa Rica crash, Chinese media said."),
            lead("c", 9, "The Chinese New York office said little."),
        ];
        assert_eq!(story_name(&story, &not_names, &FxHashSet::default()).as_deref(), Some("Costa Rica"));
        let bus = [
            lead("a", 1, "Fifteen died on the Lagos–Ibadan expressway on Monday."),
            lead("b", 2, "A bus on the Lagos–Ibadan expressway crashed, police said."),
        ];
        assert_eq!(story_name(&bus, &not_names, &FxHashSet::default()).as_deref(), Some("Lagos–Ibadan"));
        assert_eq!(story_name(&bus[..1], &not_names, &FxHashSet::default()), None);
        // A weekday both leads give names no story; a name that holds a month does.
        let days: FxHashSet<String> = ["Monday", "May"].iter().map(|w| w.to_string()).collect();
        let monday = [
            lead("a", 1, "Three workers died in the blast on Monday, police said."),
            lead("b", 1, "Five workers died in the blast on Monday, Theresa May said."),
            lead("c", 1, "On Monday, Theresa May spoke of the blast."),
        ];
        assert_eq!(story_name(&monday, &not_names, &days).as_deref(), Some("Theresa May"));
    }

    #[test]
    fn a_subject_in_the_headlines_comes_first() {
        let mut headline = claim("a", "Costa Rica");
        headline.line = 1;
        let parts = [
            vec![headline, claim("a", "United States"), claim("a", "United States")],
            vec![claim("b", "United States"), claim("b", "Costa Rica")],
        ];
        assert_eq!(story_subject(parts.iter().flatten(), &FxHashSet::default()).as_deref(), Some("Costa Rica"));
    }

    #[test]
    fn many_stories_given_together_have_no_one_subject() {
        // Ten sources, three of which name Costa Rica: not half of them.
        let parts: Vec<Vec<Claim>> = (0..10)
            .map(|k| {
                let subject = if k < 3 { "Costa Rica".to_string() } else { format!("Story {k}") };
                vec![claim(&format!("s{k}"), &subject)]
            })
            .collect();
        assert_eq!(story_subject(parts.iter().flatten(), &FxHashSet::default()), None);
    }

    #[test]
    fn one_source_names_no_story() {
        assert_eq!(story_subject(&[claim("a", "Nature Air"), claim("a", "Nature Air")], &FxHashSet::default()), None);
    }
}

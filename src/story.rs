//! The story: sources given together tell one story, and a claim about the
//! story itself (a death toll, a date, "12 people") is about the subject
//! the sources share, not about the noun it counts ("people") or nobody.

use crate::claim::Claim;
use rustc_hash::{FxHashMap, FxHashSet};

/// The subject the sources share: the named subject that most sources
/// give claims about in their headlines (line 1), then in their whole text,
/// then the one with most claims, then the first in order; none when no two
/// sources name one.
pub fn story_subject(parts: &[Vec<Claim>]) -> Option<String> {
    let mut sources: FxHashMap<&str, FxHashSet<&str>> = FxHashMap::default();
    let mut headlines: FxHashMap<&str, FxHashSet<&str>> = FxHashMap::default();
    let mut claims: FxHashMap<&str, usize> = FxHashMap::default();
    let mut first: Vec<&str> = Vec::new();
    for c in parts.iter().flatten() {
        // A subject in the claim's own words is what it counts ("1 million
        // ethnic Uighurs"), not whom the story is about.
        if !is_named(&c.subject) || c.text.contains(c.subject.as_str()) {
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
    let all: FxHashSet<&str> = parts.iter().flatten().map(|c| &*c.source).collect();
    let shared = 2.max(all.len().div_ceil(2));
    first
        .iter()
        .enumerate()
        .filter(|(_, s)| sources[*s].len() >= shared)
        .max_by_key(|(k, s)| (in_headlines(s), sources[*s].len(), claims[*s], std::cmp::Reverse(*k)))
        .map(|(_, s)| s.to_string())
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
            restater: crate::restate::Restater::new(rules),
        }
    }

    /// Reads `parts` (the claims of sources given together) as one story:
    /// names its subject, gives it to the claims about the story, and
    /// gives restated facts the measure and subject they restate.
    pub fn read(&self, parts: &mut [Vec<Claim>]) {
        if let Some(story) = story_subject(parts) {
            self.assign_story_subject(parts, &story);
        }
        self.restater.restate(&mut parts.iter_mut().flatten().collect::<Vec<_>>());
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
    pub fn assign_story_subject(&self, parts: &mut [Vec<Claim>], story: &str) {
        for c in parts.iter_mut().flatten() {
            if !is_named(&c.subject)
                || self.story_measures.contains(&c.measure)
                || self.places.contains(&c.subject)
                || !(c.sentence.contains(c.subject.as_str()) || self.refers_back(&c.sentence))
            {
                c.subject = story.to_string();
            }
        }
    }
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
        assert_eq!(story_subject(&parts).as_deref(), Some("Costa Rica"));
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
        stories.assign_story_subject(&mut parts, "Costa Rica");
        // No subject, only a counted noun, or a subject taken from an earlier sentence: the story.
        assert_eq!(parts[0][1].subject, "Costa Rica");
        assert_eq!(parts[1][1].subject, "Costa Rica");
        assert_eq!(parts[1][2].subject, "Costa Rica");
        // A participant named in the claim's sentence, or referred back to, keeps it.
        assert_eq!(parts[0][0].subject, "Nature Air");
        assert_eq!(parts[2][1].subject, "Nature Air");
        // A measure of the story's event is the story's, whoever the clause names.
        parts[0][0].measure = "death_toll".into();
        stories.assign_story_subject(&mut parts, "Costa Rica");
        assert_eq!(parts[0][0].subject, "Costa Rica");
    }

    #[test]
    fn a_subject_in_the_headlines_comes_first() {
        let mut headline = claim("a", "Costa Rica");
        headline.line = 1;
        let parts = vec![
            vec![headline, claim("a", "United States"), claim("a", "United States")],
            vec![claim("b", "United States"), claim("b", "Costa Rica")],
        ];
        assert_eq!(story_subject(&parts).as_deref(), Some("Costa Rica"));
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
        assert_eq!(story_subject(&parts), None);
    }

    #[test]
    fn one_source_names_no_story() {
        assert_eq!(story_subject(&[vec![claim("a", "Nature Air"), claim("a", "Nature Air")]]), None);
    }
}

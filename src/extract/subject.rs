//! Subjects: the entity a claim is about, from the names in its clause,
//! the references ("it", "the company") that point back to a name, and
//! the memory of the names a source gave in earlier sentences.

use super::text::{contains_spaced, has_word, head, named, starts_with_word};
use super::words::Words;
use super::Extractor;
use crate::entity::{EntityKind, Mention};
use rustc_hash::FxHashMap as HashMap;
use std::sync::Arc;

/// What an earlier sentence left for references ("it", "the company") to find.
#[derive(Default)]
pub(super) struct Memory {
    /// Last company named, with its paragraph.
    pub(super) last_company: Option<(Arc<str>, usize)>,
    /// How often each company is named in the source.
    pub(super) counts: HashMap<Arc<str>, usize>,
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
    pub(super) sides: Vec<Arc<str>>,
}

impl Memory {
    pub(super) fn main_entity(&self) -> Option<String> {
        self.leader.as_ref().map(|(n, _)| n.to_string())
    }

    /// Counts one more naming of the company `name`.
    pub(super) fn count_company(&mut self, name: &Arc<str>) {
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
    pub(super) fn full_name(&self, name: &str) -> Arc<str> {
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
    pub(super) fn name(&mut self, name: &Arc<str>) {
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
    pub(super) fn by_fullest_name(&self) -> Vec<(Arc<str>, usize)> {
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
pub(super) fn names_a_side(kind: EntityKind) -> bool {
    matches!(kind, EntityKind::Name | EntityKind::Organization | EntityKind::Company | EntityKind::Place)
}

impl Extractor {
    /// The entity a claim at text[start..end] is about.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn subject(
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
        // The object of a deal ("to buy peer Qualcomm") is the subject only
        // when no name before it makes the deal.
        let maker = |m: &&Mention| {
            !deal_object(text, m, &self.words.deal_objects)
                || !mentions.iter().any(|o| o.end <= m.start && o.kind.can_be_subject() && !named(exclude, &o.name))
        };
        // The nearest name before the figure in its clause, outside an aside.
        let nearest = mentions
            .iter()
            .rev()
            .filter(ok)
            .filter(|m| m.end <= start && m.start >= clause_start)
            .filter(maker)
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
        if let Some(m) = mentions.iter().filter(ok).filter(maker).rfind(|m| m.end <= start) {
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
    pub(super) fn coordinated_subjects(
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
}

/// A mention inside a comma aside that closes before `at`: ", backed by Alibaba,".
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

/// Whether a deal word stands right before `m`, with up to two words
/// between ("to buy peer Qualcomm", "acquiring NXP").
fn deal_object(text: &str, m: &Mention, deal_words: &[String]) -> bool {
    let before = text[..m.start].trim_end();
    let lead = &before[crate::segment::floor_boundary(before, before.len().saturating_sub(DEAL_LEAD_BYTES))..];
    // The lead with none, one or two of its last words left off.
    let mut rest = lead;
    for _ in 0..=2 {
        let ends_with_deal = deal_words.iter().any(|d| {
            rest.len() >= d.len()
                && rest.is_char_boundary(rest.len() - d.len())
                && rest[rest.len() - d.len()..].eq_ignore_ascii_case(d)
                && !rest[..rest.len() - d.len()].ends_with(|c: char| c.is_alphanumeric())
        });
        if ends_with_deal {
            return true;
        }
        match rest.rfind(char::is_whitespace) {
            Some(k) => rest = rest[..k].trim_end(),
            None => return false,
        }
    }
    false
}

/// How far before a name its deal word is looked for.
const DEAL_LEAD_BYTES: usize = 60;

/// How much of an aside, from its comma, may hold its opener.
const ASIDE_LEAD_BYTES: usize = 48;

#[cfg(test)]
mod tests {
    use crate::extract::tests::extractor;
    use crate::source::{Source, SourceMeta};

    #[test]
    fn a_deals_figure_is_the_buyers_not_the_one_bought() {
        let ex = extractor();
        let text = "Fenmoor Ltd and Quillon Inc and Ardent Systems NV make chips.\n\n\
            Fenmoor Ltd announced a bid to buy rival Quillon Inc for $88 billion on Monday.\n\n\
            Quillon Inc rejected Fenmoor Ltd's original $85 billion approach.\n\n\
            Fenmoor said the bid stood if Quillon acquiring Ardent Systems NV, a $30 billion deal, went ahead.";
        let claims = ex.extract(&Source::new("a.txt", "a.txt", text, SourceMeta::default()));
        let subject = |figure: &str| claims.iter().find(|c| c.text == figure).map(|c| c.subject.clone());
        assert_eq!(subject("$88 billion").as_deref(), Some("Fenmoor"));
        assert_eq!(subject("$85 billion").as_deref(), Some("Fenmoor"));
        assert_eq!(subject("$30 billion").as_deref(), Some("Quillon"));
        // The one bought is the subject when no one before it makes the deal.
        let alone = "Ardent Systems NV is a chip maker.\n\nTo buy Ardent Systems NV for $30 billion is the plan.";
        let claims = ex.extract(&Source::new("b.txt", "b.txt", alone, SourceMeta::default()));
        let got = claims.iter().find(|c| c.text == "$30 billion").map(|c| c.subject.clone());
        assert_eq!(got.as_deref(), Some("Ardent Systems"));
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
}

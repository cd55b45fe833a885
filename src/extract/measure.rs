//! Measures: which measure rule a figure, date or list falls under, read
//! from the words around it, and whether those words make a figure a fall
//! or a rise.

use super::text::{ceil, floor, head, tail};
use super::words::{Gated, Words};
use super::Extractor;
use crate::claim::Direction;
use crate::quantity::Quantity;
use crate::rules::gate::GatesBuilder;
use crate::rules::{CompiledMeasure, MeasureRule};
use regex::Regex;

/// A measure rule with its patterns gated.
#[derive(Clone)]
pub(super) struct Measure {
    pub(super) rule: MeasureRule,
    pub(super) before: Vec<Gated>,
    pub(super) after: Vec<Gated>,
    pub(super) context: Vec<Gated>,
    /// Words that give a weekday or relative date this measure.
    pub(super) relative_context: Vec<Gated>,
    pub(super) exclude: Vec<Gated>,
    pub(super) down: Vec<Gated>,
    pub(super) up: Vec<Gated>,
    pub(super) qualitative: Vec<Gated>,
}

impl Measure {
    pub(super) fn new(m: &CompiledMeasure, gates: &mut GatesBuilder) -> Self {
        let mut gate = |v: &[Regex]| v.iter().map(|r| Gated::new(r, true, gates)).collect::<Vec<_>>();
        Measure {
            rule: m.rule.clone(),
            before: gate(&m.before),
            after: gate(&m.after),
            context: gate(&m.context),
            relative_context: gate(&m.relative_context),
            exclude: gate(&m.exclude),
            down: gate(&m.down),
            up: gate(&m.up),
            qualitative: gate(&m.qualitative),
        }
    }
}

impl Extractor {
    /// The date measure whose words stand nearest the date.
    fn date_measure(&self, text: &str, start: usize, end: usize, w: &Words) -> Option<&Measure> {
        self.date_measure_by(text, start, end, w, false)
    }

    /// The date measure of a weekday or relative date ("stocks fell
    /// Friday"): only a measure's `relative_context` words name it.
    pub(super) fn relative_date_measure(&self, text: &str, start: usize, end: usize, w: &Words) -> Option<&Measure> {
        self.date_measure_by(text, start, end, w, true)
    }

    fn date_measure_by(&self, text: &str, start: usize, end: usize, w: &Words, relative: bool) -> Option<&Measure> {
        let lo = floor(text, start.saturating_sub(120));
        let hi = ceil(text, (end + 120).min(text.len()));
        let window = &text[lo..hi];
        let (ds, de) = (start - lo, end - lo);
        let before = tail(&text[w.clause_start(start)..start], 120);
        let after = head(&text[end..], 120);
        let mut best: Option<(usize, usize, &Measure)> = None;
        for (k, m) in self.of_kind("date") {
            if (relative && m.relative_context.is_empty()) || m.exclude.iter().any(|r| r.is_match(window, w)) {
                continue;
            }
            let triggered = !relative
                && (m.before.iter().any(|r| r.is_match(before, w)) || m.after.iter().any(|r| r.is_match(after, w)));
            let context = if relative { &m.relative_context } else { &m.context };
            let distance = if triggered {
                Some(0)
            } else {
                context
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
            let distance = distance.or(if m.rule.fallback && !relative { Some(usize::MAX) } else { None });
            if let Some(d) = distance {
                if best.is_none_or(|(bd, bk, _)| (d, k) < (bd, bk)) {
                    best = Some((d, k, m));
                }
            }
        }
        best.map(|(_, _, m)| m)
    }

    /// The first measure of `kind` whose patterns hold around text[start..end].
    pub(super) fn measure_for(&self, text: &str, start: usize, end: usize, kind: &str, w: &Words) -> Option<&Measure> {
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
    pub(super) fn of_kind(&self, kind: &str) -> impl Iterator<Item = (usize, &Measure)> {
        self.measures_of_kind.get(kind).into_iter().flatten().map(|&k| (k, &self.measures[k]))
    }

    pub(super) fn context_holds(&self, m: &Measure, text: &str, w: &Words) -> bool {
        (m.context.is_empty() || m.context.iter().any(|r| r.is_match(text, w)))
            && !m.exclude.iter().any(|r| r.is_match(text, w))
    }

    /// Whether the words around a figure make it a fall or a rise, and the
    /// span of the figure with those words ("opened 10% lower").
    pub(super) fn direction(
        &self,
        m: &Measure,
        text: &str,
        q: &Quantity,
        w: &Words,
    ) -> Option<(Direction, usize, usize)> {
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
}

#[cfg(test)]
mod tests {
    use crate::extract::tests::extractor;
    use crate::source::{Source, SourceMeta};

    #[test]
    fn a_weekday_takes_a_date_measure_only_from_its_relative_words() {
        let ex = extractor();
        let meta = SourceMeta { published: Some("2019-03-09".into()), ..SourceMeta::default() };
        let text = "Markets in Seoul slid on Friday after the test. \
                    The assembly will hold a special session Monday. \
                    A gunman opened fire Thursday outside the station. \
                    The ferry company announced on Wednesday that it would close.";
        let claims = ex.extract(&Source::new("a.txt", "a.txt", text, meta));
        let measure = |day: &str| claims.iter().find(|c| c.text.contains(day)).map(|c| c.measure.as_str());
        assert_eq!(measure("Friday"), Some("trading_date"));
        assert_eq!(measure("Monday"), Some("meeting_date"));
        // "opened" names a trading day only when written out; a weekday needs a market's word.
        assert_eq!(measure("Thursday"), Some("event_date"));
        // "announced" names a date written out, not a weekday.
        assert_eq!(measure("Wednesday"), Some("event_date"));
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
}

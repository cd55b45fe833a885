//! Figures: the claim a number in a sentence makes (its kind, the noun it
//! counts, its measure, direction, subject and date), conversions given in
//! brackets, and the units of ordinals whose noun is left out.

use super::bare::{self, PREDICATE_REACH};
use super::cues::Cues;
use super::measure::Measure;
use super::subject::Memory;
use super::{Extractor, Sentence};
use crate::claim::{Claim, Direction, Figure, Value};
use crate::date::DateMention;
use crate::entity::Mention;
use crate::quantity::{Kind, Quantity};
use crate::source::Source;

impl Extractor {
    /// A measure restated in another unit in brackets ("3,700 kilometers
    /// (2,300 miles)") is one claim: the bracketed figure becomes the first's
    /// `alt`, as a currency's conversion does, and the claim's text takes
    /// in the brackets.
    pub(super) fn fold_conversions(&self, s: &Sentence, first: usize, out: &mut Vec<Claim>) {
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

    /// A claim for one figure, or nothing when the figure is not check-worthy.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn figure_claim(
        &self,
        source: &Source,
        s: &Sentence,
        q: &Quantity,
        end: usize,
        mentions: &[Mention],
        dates: &[DateMention],
        memory: &Memory,
        cues: Cues,
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
        // What the clause says happens to what is counted ("girls and women
        // kidnapped from their school", "girls remain captives"): nearer the
        // figure than a word anywhere in the sentence that a measure's
        // `context` reads ("how many have died").
        let counted_measure = counted
            .as_ref()
            .filter(|noun| kind != "duration" && !self.words.noun_measure.contains_key(&noun.lower))
            .filter(|_| q.amount.or(q.interval.low).is_some_and(|a| a >= self.count_min))
            .and_then(|noun| self.bare.predicate_past(text, q.start, q.end, noun.end - q.end, cues));
        // A rule told by `context` alone gives way to the clause's predicate
        // only when its own word stands far off: "Uighurs have been
        // detained" is a detainee count, whichever list also holds "detained".
        let near =
            (q.start.saturating_sub(PREDICATE_REACH), counted.as_ref().map_or(q.end, |n| n.end) + PREDICATE_REACH);
        let context_only = |m: &&Measure| {
            m.rule.before.is_empty()
                && m.rule.after.is_empty()
                && !m.context.iter().any(|r| r.find_iter(text, w).any(|hit| hit.end() > near.0 && hit.start() < near.1))
        };
        let measure = match (measure, &counted_measure) {
            (Some(m), Some(p)) if context_only(&m) && m.rule.id != *p => None,
            (m, _) => m,
        };
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
                            None => counted_measure.clone().unwrap_or_else(|| format!("count:{}", noun.lower)),
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
    pub(super) fn descriptive(&self, text: &str, q: &Quantity) -> bool {
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

    /// A year right after a figure is the figure's time ("US$32 billion in 2017"), not a claim.
    pub(super) fn date_is_figure_time(&self, text: &str, d: &DateMention, quantities: &[Quantity]) -> bool {
        d.year_only
            && quantities.iter().any(|q| {
                q.end <= d.start
                    && text[q.end..d.start].split_whitespace().count() <= 4
                    && !text[q.end..d.start].contains([',', ';', '.'])
            })
    }
}

/// Gives each ordinal whose noun is left out ("in the fifth") the unit of
/// the nearest ordinal in the source that names one ("the sixth inning"),
/// the nearest before it first; with none, it is a plain rank. `claims`
/// are in the order they stand in the source.
pub(super) fn resolve_elided_ordinals(claims: &mut [Claim]) {
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

/// A figure given in brackets as the conversion of `of`: it carries the
/// original's qualifier ("about US$42 billion (S$58 billion)", "about 3,700
/// km (2,300 miles)").
pub(super) fn conversion(mut alt: Figure, of: &Figure) -> Box<Figure> {
    if alt.qualifier == crate::quantity::Qualifier::Exact {
        if let Some(amount) = alt.amount {
            alt.qualifier = of.qualifier;
            let iv = of.qualifier.interval(amount);
            (alt.low, alt.high) = (iv.low, iv.high);
        }
    }
    Box::new(alt)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::tests::extractor;
    use crate::source::SourceMeta;

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
    fn a_counted_noun_takes_the_measure_of_what_its_clause_says_happened_to_it() {
        let ex = extractor();
        let measure_of = |text: &str, figure: &str| {
            let claims = ex.extract(&Source::new("a.txt", "a.txt", text, SourceMeta::default()));
            claims.into_iter().find(|c| c.text.contains(figure)).map(|c| c.measure).unwrap_or_default()
        };
        // The verb after the noun phrase, not a word before it.
        let text = "It was the first release of any of the more than 300 villagers and traders kidnapped in 2015.";
        assert_eq!(measure_of(text, "300"), "abducted_count");
        // The clause's own word beats one far off in the sentence ("died").
        let text =
            "Some 150 villagers remain captives of the militia, although nobody knows how many of them have died.";
        assert_eq!(measure_of(text, "150"), "captive_count");
        // A rule whose word stands by the figure keeps it.
        let text = "Reports say upwards of 40,000 farmers have been detained in the camps.";
        assert_eq!(measure_of(text, "40,000"), "detainee_count");
        // A small count keeps its noun: "two children" are too common a
        // figure to be known for the fact by their verb.
        let text = "Two children were kidnapped in the raid, and 30 villagers were kidnapped.";
        assert_eq!(measure_of(text, "Two"), "count:children");
        assert_eq!(measure_of(text, "30"), "abducted_count");
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
}

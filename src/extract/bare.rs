//! Figures with no counted noun right after them: counts carried by a verb
//! or "of" ("has freed 21", "10 of the 12 victims"), ages ("Bruce
//! Steinberg, 50", "a 19-year-old"), measures with units ("180mph", "3,700
//! km"), ranks and ordinals ("the 15th missile test", "finished third"),
//! years ("the 1908 World Series"), "twice", and single time units ("more
//! than a century").

use super::cues::{Cue, CueWords, Cued, Cues};
use super::patterns::{after_last, alternation, news_regex, words_before};
use super::Found;
use crate::claim::Value;
use crate::date::Date;
use crate::quantity::{Figure, Kind, Qualifier, Quantity};
use crate::rules::{NewsRules, QualifierRules};
use regex::Regex;
use rustc_hash::FxHashMap;

/// What a unit of measure converts to for comparison.
#[derive(Debug, Clone)]
struct UnitBase {
    /// What a figure in the unit measures (`distance`).
    measure: String,
    /// The unit figures are compared in (`km`).
    base: String,
    /// How many base units one unit is.
    factor: f64,
    /// Figures in it are compared to the unit they are written rounded to.
    rounded: bool,
}

/// Reads figures that stand without a counted noun. Built once from `news.yaml`.
#[derive(Clone)]
pub struct Bare {
    age_after: Vec<Cued>,
    age_before: Vec<Cued>,
    /// A figure right after a capitalised name and a comma, closed by a comma: "Steinberg, 50,".
    apposition: Regex,
    /// Per predicate measure, its words.
    predicates: Vec<(String, Cued)>,
    /// A number written in digits glued to or followed by a unit word.
    with_unit: Regex,
    units: FxHashMap<String, String>,
    /// Each unit's measure, base unit and factor to it.
    bases: FxHashMap<String, UnitBase>,
    /// Words right after a figure that make it page furniture.
    not_before: Vec<String>,
    ordinal: Regex,
    /// Open where an ordinal word stands.
    ordinal_words: Cue,
    ordinals: FxHashMap<String, u32>,
    ordinal_not_before: Vec<String>,
    ordinal_not_after: Vec<String>,
    /// Words after "the" and an ordinal that show its noun left out.
    ordinal_elided_before: Vec<String>,
    year: Regex,
    /// "from 2010 to 2014", "between 1985 and 1988".
    year_span: Cued,
    /// "in 1907 and 1908", "1984, 1989 and 2003".
    year_series: Cued,
    /// "the end of 2016": the edge word and its month-day.
    year_edge: Cued,
    year_edges: FxHashMap<String, String>,
    /// "the final quarter of 2017".
    quarter: Cued,
    quarters: FxHashMap<String, u32>,
    times: Cued,
    times_words: FxHashMap<String, u32>,
    single: Cued,
    single_units: FxHashMap<String, (f64, String)>,
    /// Nouns that give a number after them (or an ordinal before them) its unit: "lap 20".
    unit_nouns: FxHashMap<String, String>,
    single_not_before: Vec<String>,
    /// Parts of a single unit: "half" (an hour) = 0.5.
    single_fractions: FxHashMap<String, f64>,
    /// Words right before a single time unit that make it a rate: "$1 billion a year".
    rate_words: Vec<String>,
    fraction_not_after: Vec<String>,
    /// Qualifier phrases that may stand before a figure ("more than"), longest first.
    qualifiers: Vec<(String, Qualifier)>,
    label_min_words: usize,
    /// Page furniture, where no claim stands: the patterns anchored at the
    /// start of a sentence, the others that need a word (run where one
    /// stands), and the rest, each on its own so that each is searched for
    /// by its own literal (a joined pattern has none and reads every byte).
    furniture_lines: Option<Regex>,
    furniture_words: Option<Cued>,
    furniture_rest: Vec<Regex>,
    /// "the largest-ever", "the biggest deal on record": a superlative with its scope.
    superlative: Option<Cued>,
    superlative_not: Vec<String>,
    superlative_stops: Vec<String>,
}

/// The measure of an ordinal that ranks no unit the rules know ("finished third").
/// How far either side of a count (and its noun) its predicate is looked
/// for; a measure's word farther off is not the clause's own.
pub(super) const PREDICATE_REACH: usize = 60;

pub(super) const RANK: &str = "rank";

/// The measure an ordinal takes while the noun it stands for is left out
/// ("in the fifth"): [`super::Extractor::extract`] gives it the unit the
/// source numbers nearest it, or makes it a plain rank.
pub(super) const ELIDED_RANK: &str = "rank:elided";

/// A year in the range news speaks of.
const YEAR: &str = r"(?-u:\b)(?:1[89]\d\d|20\d\d)(?-u:\b)";

/// One case-insensitive regex matching any of `patterns`, or none when there are none.
fn any_of(patterns: &[String]) -> Option<Regex> {
    let valid: Vec<String> = patterns.iter().filter(|p| news_regex(p).is_ok()).map(|p| format!("(?:{p})")).collect();
    (!valid.is_empty()).then(|| news_regex(&format!("(?i){}", valid.join("|"))).expect("valid patterns join"))
}

/// A superlative ("the largest", "the most costly") right before "ever", or
/// a few words before one of `scopes`; none when the scopes do not compile.
fn superlative_pattern(scopes: &[String]) -> Option<Regex> {
    let valid: Vec<&String> = scopes.iter().filter(|s| news_regex(s).is_ok()).collect();
    if valid.is_empty() {
        return None;
    }
    let scopes = valid.iter().map(|s| format!("(?:{s})")).collect::<Vec<_>>().join("|");
    news_regex(&format!(
        r"(?i)\bthe\s+(?:[a-z]+\s+)?(?P<sup>[a-z]+est|best|worst|most\s+[a-z]+)(?:(?P<ever>[- ]ever)\b|(?:\s+[\w’'-]+){{1,4}}?\s+(?:{scopes})\b)"
    ))
    .ok()
}

fn compile_all(patterns: &[String], cue_words: &mut CueWords) -> Vec<Cued> {
    patterns.iter().filter_map(|p| news_regex(&format!("(?i){p}")).ok()).map(|re| cue_words.regex(re)).collect()
}

impl Bare {
    /// Compiles the words of `news.yaml`.
    pub fn new(rules: &NewsRules, qualifiers: &QualifierRules, cue_words: &mut CueWords) -> Self {
        let mut qualifiers_before: Vec<(String, Qualifier)> = qualifiers
            .qualifiers
            .iter()
            .filter_map(|q| Some((Qualifier::from_id(&q.id)?, &q.before)))
            .flat_map(|(q, words)| words.iter().map(move |w| (w.to_lowercase(), q)))
            .collect();
        qualifiers_before.sort_by_key(|(w, _)| std::cmp::Reverse(w.len()));
        let predicates = rules
            .predicates
            .iter()
            .map(|p| {
                let re = news_regex(&format!(r"(?i)\b({})\b", alternation(&p.words))).expect("escaped words compile");
                (p.measure.clone(), cue_words.regex(re))
            })
            .collect();
        let mut units = FxHashMap::default();
        for u in &rules.units_of_measure {
            for w in &u.words {
                units.insert(w.to_lowercase(), u.unit.clone());
            }
        }
        // A unit is known by its name and by each of its words ("year" as "years").
        let bases = rules
            .units_of_measure
            .iter()
            .flat_map(|u| {
                let to_base =
                    UnitBase { measure: u.measure.clone(), base: u.base.clone(), factor: u.factor, rounded: u.rounded };
                std::iter::once(u.unit.clone())
                    .chain(u.words.iter().map(|w| w.to_lowercase()))
                    .map(move |name| (name, to_base.clone()))
            })
            .collect();
        let with_unit = news_regex(&format!(
            r"(?i)(?-u:\b)(?P<n>\d{{1,3}}(?:,\d{{3}})+|\d+(?:\.\d+)?)(?:\s|-)?(?P<u>{})(?:(?-u:\b)|$)",
            alternation(units.keys())
        ))
        .expect("escaped words compile");
        let ordinals: FxHashMap<String, u32> = rules.ordinals.iter().map(|(k, v)| (k.to_lowercase(), *v)).collect();
        let ordinal =
            news_regex(&format!(r"(?i)(?-u:\b)(?:\d{{1,3}}(?:st|nd|rd|th)|{})(?-u:\b)", alternation(ordinals.keys())))
                .expect("escaped words compile");
        let times_words: FxHashMap<String, u32> =
            rules.times_words.iter().map(|(k, v)| (k.to_lowercase(), *v)).collect();
        let times = cue_words.regex(
            news_regex(&format!(r"(?i)\b({})\b", alternation(times_words.keys()))).expect("escaped words compile"),
        );
        let single_units: FxHashMap<String, (f64, String)> =
            rules.single_units.iter().map(|(k, v)| (k.to_lowercase(), v.clone())).collect();
        let single_fractions: FxHashMap<String, f64> =
            rules.single_unit_fractions.iter().map(|(k, v)| (k.to_lowercase(), *v)).collect();
        let fraction = if single_fractions.is_empty() {
            String::new()
        } else {
            format!(r"(?:(?P<part>{})\s+)?", alternation(single_fractions.keys()))
        };
        let single = cue_words.regex(
            news_regex(&format!(r"(?i)\b{fraction}(?:a|an|one)\s+(?P<unit>{})\b", alternation(single_units.keys())))
                .expect("escaped words compile"),
        );
        let (furniture_lines, furniture): (Vec<String>, Vec<String>) =
            rules.furniture.iter().cloned().partition(|p| p.starts_with('^'));
        let (furniture_words, furniture_rest): (Vec<String>, Vec<String>) =
            furniture.into_iter().partition(|p| CueWords::needs_words(&crate::rules::ascii_boundaries(p)));
        Bare {
            age_after: compile_all(&rules.age_after, cue_words),
            age_before: compile_all(&rules.age_before, cue_words),
            apposition: news_regex(r"[A-Z][\w.’'-]*[a-z]\.?, $").expect("fixed pattern"),
            predicates,
            with_unit,
            units,
            bases,
            not_before: rules.bare_not_before.iter().map(|w| w.to_lowercase()).collect(),
            ordinal,
            ordinal_words: cue_words.words(ordinals.keys()),
            ordinals,
            ordinal_not_before: rules.ordinal_not_before.iter().map(|w| w.to_lowercase()).collect(),
            ordinal_not_after: rules.ordinal_not_after.iter().map(|w| w.to_lowercase()).collect(),
            ordinal_elided_before: rules.ordinal_elided_before.iter().map(|w| w.to_lowercase()).collect(),
            year: news_regex(YEAR).expect("fixed pattern"),
            year_span: cue_words.regex(
                news_regex(&format!(
                    r"(?i)\b(?:from|between)\s+(?P<a>{YEAR})\s+(?:to|until|till|and|through)\s+(?:[a-z]+\s+){{0,3}}?(?P<b>{YEAR})"
                ))
                .expect("fixed pattern"),
            ),
            year_edge: cue_words.regex(
                news_regex(&format!(r"(?i)\b(?P<edge>{})\s+(?P<y>{YEAR})", alternation(rules.year_edges.keys())))
                    .expect("escaped words compile"),
            ),
            year_edges: rules.year_edges.iter().map(|(k, v)| (k.to_lowercase(), v.clone())).collect(),
            quarter: cue_words.regex(
                news_regex(&format!(
                    r"(?i)\b(?P<q>{})[ -]quarter\s+of\s+(?P<y>{YEAR})",
                    alternation(rules.quarters.keys())
                ))
                .expect("escaped words compile"),
            ),
            quarters: rules.quarters.iter().map(|(k, v)| (k.to_lowercase(), *v)).collect(),
            year_series: cue_words
                .regex(news_regex(&format!(r"{YEAR}(?:,\s*{YEAR})*,?\s+and\s+{YEAR}")).expect("fixed pattern")),
            times,
            times_words,
            single,
            single_units,
            unit_nouns: rules.unit_nouns.iter().map(|(k, v)| (k.to_lowercase(), v.clone())).collect(),
            furniture_lines: any_of(&furniture_lines),
            furniture_words: any_of(&furniture_words).map(|re| cue_words.regex(re)),
            furniture_rest: furniture_rest.iter().filter_map(|p| news_regex(&format!("(?i){p}")).ok()).collect(),
            superlative: superlative_pattern(&rules.superlative_scopes).map(|re| cue_words.regex(re)),
            superlative_not: rules.superlative_not.iter().map(|w| w.to_lowercase()).collect(),
            superlative_stops: rules.superlative_stops.iter().map(|w| w.to_lowercase()).collect(),
            label_min_words: rules.label_min_words.unwrap_or(usize::MAX),
            single_fractions,
            single_not_before: rules.single_unit_not_before.iter().map(|w| w.to_lowercase()).collect(),
            rate_words: rules.rate_words.iter().map(|w| w.to_lowercase()).collect(),
            fraction_not_after: rules.fraction_not_after.iter().map(|w| w.to_lowercase()).collect(),
            qualifiers: qualifiers_before,
        }
    }

    /// The spans of `text` that are page furniture; all of it when it is a
    /// graphic's labels, most words in capitals.
    pub fn furniture(&self, text: &str, cues: Cues) -> Vec<(usize, usize)> {
        if self.is_labels(text) {
            return vec![(0, text.len())];
        }
        let words = self.furniture_words.as_ref().and_then(|re| cues.regex(re));
        self.furniture_lines
            .iter()
            .chain(words)
            .chain(&self.furniture_rest)
            .flat_map(|r| r.find_iter(text))
            .map(|m| (m.start(), m.end()))
            .collect()
    }

    /// Whether `text` is a graphic's labels: enough words, at least half of
    /// them (of those with a letter) in capitals.
    fn is_labels(&self, text: &str) -> bool {
        let (words, capitals) = if text.is_ascii() { ascii_capital_words(text) } else { capital_words(text) };
        words >= self.label_min_words && capitals * 2 >= words
    }

    /// Years stated together: a span ("from 2010 to 2014") is a range, a
    /// series ("in 1907 and 1908") a list. Each replaces the single years
    /// and dates read inside it.
    fn years_together(&self, text: &str, cues: Cues) -> Vec<Found> {
        let mut out = Vec::new();
        let two_years = self.year.find_iter(text).nth(1).is_some();
        for c in cues.regex(&self.year_span).filter(|_| two_years).into_iter().flat_map(|re| re.captures_iter(text)) {
            let whole = c.get(0).expect("match");
            let (Ok(low), Ok(high)) = (c["a"].parse::<f64>(), c["b"].parse::<f64>()) else { continue };
            if high <= low {
                continue;
            }
            let mut figure = Figure::exact(low, Some("year"));
            figure.kind = Kind::Range;
            figure.amount = None;
            figure.high = Some(high);
            let mut f = Found::new(whole.start(), whole.end(), "period", Value::Figure(figure));
            f.supersedes = true;
            out.push(f);
        }
        for c in cues.regex(&self.year_edge).into_iter().flat_map(|re| re.captures_iter(text)) {
            let whole = c.get(0).expect("match");
            let Some(day) =
                self.year_edges.get(&c["edge"].to_lowercase().split_whitespace().collect::<Vec<_>>().join(" "))
            else {
                continue;
            };
            let mut f =
                Found::new(whole.start(), whole.end(), "event_date", Value::Date(Date(format!("{}-{day}", &c["y"]))));
            f.supersedes = true;
            out.push(f);
        }
        for c in cues.regex(&self.quarter).into_iter().flat_map(|re| re.captures_iter(text)) {
            let whole = c.get(0).expect("match");
            let Some(&q) = self.quarters.get(&c["q"].to_lowercase()) else { continue };
            let y = &c["y"];
            let period = Date::period_between(&format!("{y}-{:02}", 3 * q - 2), &format!("{y}-{:02}", 3 * q));
            let mut f = Found::new(whole.start(), whole.end(), "period", Value::Date(period));
            f.supersedes = true;
            out.push(f);
        }
        for m in cues.regex(&self.year_series).filter(|_| two_years).into_iter().flat_map(|re| re.find_iter(text)) {
            if out.iter().any(|f| f.start < m.end() && m.start() < f.end) {
                continue;
            }
            let items: Vec<String> = self.year.find_iter(m.as_str()).map(|y| y.as_str().to_string()).collect();
            let mut f = Found::new(m.start(), m.end(), "year_list", Value::List { items, open: false });
            f.supersedes = true;
            out.push(f);
        }
        out
    }

    /// A fraction in words: "two-thirds of" is a share, "a third consecutive" a rank.
    fn fraction(&self, text: &str, q: &Quantity) -> Option<Found> {
        let a = q.amount.filter(|a| *a > 0.0 && *a < 1.0)?;
        let written = &text[q.start..q.end];
        if !written.chars().any(char::is_alphabetic) {
            return None;
        }

        let rest = &text[q.end..];
        let next = rest.trim_start().split(|c: char| !c.is_alphabetic()).next().unwrap_or("").to_lowercase();
        let article =
            written.split(' ').next().is_some_and(|w| w.eq_ignore_ascii_case("a") || w.eq_ignore_ascii_case("an"));
        let denominator = (1.0 / a).round();
        let glued = rest.starts_with('-');
        if article
            && denominator >= 3.0
            && (1.0 / a - denominator).abs() < 1e-6
            && (glued || !["of", "the", ""].contains(&next.as_str()))
        {
            // "an eighth-grader": the number of a grade, as "the eighth grade" is.
            let (measure, unit) = self.rank_of(&rest.trim_start_matches(['-', ' ']).to_lowercase());
            return Some(Found::new(q.start, q.end, &measure, Value::Figure(Figure::exact(denominator, Some(unit)))));
        }
        let mut share = Figure::from_quantity(q);
        share.kind = Kind::Percent;
        share.unit = Some("percent".into());
        let pct = |v: f64| (v * 1000.0).round() / 10.0;
        share.amount = share.amount.map(pct);
        share.low = share.low.map(pct);
        share.high = share.high.map(pct);
        share.step = 0.1;
        Some(Found::new(q.start, q.end, "share", Value::Figure(share)))
    }

    /// Two figures joined by "or" ("three or four seconds"): one range, in
    /// the unit after the second.
    pub fn either(&self, text: &str, a: &Quantity, b: &Quantity) -> Option<Found> {
        if !matches!(a.kind, Kind::Number) || a.kind != b.kind || text[a.end..b.start].trim() != "or" {
            return None;
        }
        let (low, high) = (a.amount?, b.amount?);
        if high <= low {
            return None;
        }
        let (unit, end) = match self.unit_after(text, b.end) {
            Some((unit, end)) => (Some(unit), end),
            None => (None, b.end),
        };
        let mut figure = Figure::exact(low, unit.as_deref());
        figure.kind = Kind::Range;
        figure.amount = None;
        figure.high = Some(high);
        let mut f = Found::new(a.start, end, unit.as_deref().unwrap_or("range"), Value::Figure(figure));
        f.supersedes = true;
        Some(f)
    }

    /// What a figure in `unit` measures ("speed" for mph).
    pub(super) fn unit_measure(&self, unit: &str) -> Option<&str> {
        self.bases.get(unit).map(|b| b.measure.as_str())
    }

    /// A figure in its base unit ("30 mph" as 48.28 km/h), when its unit converts to another.
    pub fn in_base_unit(&self, value: &Value) -> Option<Value> {
        let Value::Figure(f) = value else { return None };
        let UnitBase { base, factor, rounded, .. } = self.bases.get(f.unit.as_deref()?)?;
        if base == f.unit.as_deref()? {
            return None;
        }
        let mut b = f.clone();
        let scale = |v: f64| v * factor;
        b.amount = b.amount.map(scale);
        b.low = b.low.map(scale);
        b.high = b.high.map(scale);
        let written = match (*rounded, f.amount.or(f.low)) {
            (true, Some(a)) => crate::quantity::rounded_to(a, f.step),
            _ => f.step,
        };
        b.step = written * factor;
        b.unit = Some(base.clone());
        Some(Value::Figure(b))
    }

    /// The unit a word names, if it names one: "laps", "km".
    pub(super) fn unit_of(&self, word: &str) -> Option<&String> {
        self.units.get(word)
    }

    /// What an ordinal ranks, from the lower-cased words after it: a unit
    /// noun's number ("28th lap": `lap_number`, unit `lap`), else a rank.
    fn rank_of(&self, after: &str) -> (String, &str) {
        let noun = after.split(|ch: char| !ch.is_alphabetic()).next().unwrap_or("");
        match self.unit_nouns.get(noun) {
            Some(unit) => (format!("{unit}_number"), unit.as_str()),
            None => (RANK.to_string(), RANK),
        }
    }

    /// Whether an ordinal at `at` stands for a noun left out: "the" before
    /// it, and after it (`after`, lower-cased) a stop, a comma, the end, or
    /// a word that starts the next phrase ("in the fifth when").
    fn noun_elided(&self, text: &str, at: usize, after: &str) -> bool {
        if words_before(text, at, 1).first().is_none_or(|w| w != "the") {
            return false;
        }
        let next = after.split(|ch: char| !ch.is_alphabetic()).next().unwrap_or("");
        next.is_empty() || self.ordinal_elided_before.iter().any(|w| w == next)
    }

    /// The unit a noun right before the figure gives it: "on lap 20".
    pub(super) fn unit_before(&self, text: &str, at: usize) -> Option<&String> {
        let word = words_before(text, at, 1).pop()?;
        self.unit_nouns.get(&word)
    }

    /// A claim for a scanned figure that no counted noun followed, or none
    /// when it is page furniture or a pronoun ("one of them").
    pub fn figure(&self, text: &str, q: &Quantity, cues: Cues) -> Option<Found> {
        if !matches!(q.kind, Kind::Number | Kind::Range) {
            return None;
        }
        let written = &text[q.start..q.end];
        // "one", "a": a pronoun or an article far more often than a count.
        if q.amount == Some(1.0) && written.chars().all(char::is_alphabetic) {
            return None;
        }
        if written.contains('/')
            || q.vague
            || hyphen_adjective(text, q.start, q.end)
            || phone_like(text, q.start, q.end)
        {
            return None;
        }
        let after = text[q.end..].trim_start().to_lowercase();
        if self.not_before.iter().any(|w| after.starts_with(w.as_str())) {
            return None;
        }
        // "a third party", "a third-party audit": a fraction's word in a
        // compound noun names neither a share nor a rank, as the ordinal
        // rules say of ordinals.
        if q.amount.is_some_and(|a| a > 0.0 && a < 1.0) && text[q.start..q.end].contains(char::is_alphabetic) {
            let after = text[q.end..].trim_start_matches(['-', ' ']).to_lowercase();
            if self.ordinal_not_before.iter().any(|w| starts_with_word(&after, w)) {
                return None;
            }
        }
        if let Some(f) = self.fraction(text, q) {
            // "the first half of the year" names a period, not a share.
            let period = words_before(text, q.start, 1).first().is_some_and(|w| self.fraction_not_after.contains(w));
            return (!period).then_some(f);
        }
        let mut figure = Figure::from_quantity(q);
        let (measure, end) = if let Some(end) = self.age(text, q, cues) {
            figure.unit = Some("years".into());
            ("age".to_string(), end)
        } else if let Some(unit) = self.unit_before(text, q.start) {
            figure.unit = Some(unit.clone());
            (format!("{unit}_number"), q.end)
        } else if let Some((unit, end)) = self.unit_after(text, q.end) {
            let measure = self.unit_measure(&unit).unwrap_or(&unit).to_string();
            figure.unit = Some(unit);
            (measure, end)
        } else {
            (self.predicate(text, q.start, q.end, cues).unwrap_or_else(|| "count".to_string()), q.end)
        };
        Some(Found::new(q.start, end, &measure, Value::Figure(figure)))
    }

    /// Where an age ends, when the figure is one.
    fn age(&self, text: &str, q: &Quantity, cues: Cues) -> Option<usize> {
        let before = super::tail(&text[..q.start], 40);
        let after = super::head(&text[q.end..], 30);
        if let Some(m) = self.age_after.iter().filter_map(|r| cues.regex(r)).find_map(|r| r.find(after)) {
            return Some(q.end + m.end());
        }
        if self.age_before.iter().filter_map(|r| cues.regex(r)).any(|r| r.is_match(before)) {
            return Some(q.end);
        }
        let closed = after.is_empty() || after.starts_with([',', ';', ')']) || after.trim_end() == ".";
        let whole = q.amount.is_some_and(|a| a.fract() == 0.0 && (1.0..=120.0).contains(&a));
        (whole && closed && self.apposition.is_match(before)).then_some(q.end)
    }

    /// A unit of measure right after a figure: "3,700 km", "17-minute".
    fn unit_after(&self, text: &str, at: usize) -> Option<(String, usize)> {
        let rest = super::head(&text[at..], 30);
        let trimmed = rest.trim_start_matches([' ', '-']);
        let skip = rest.len() - trimmed.len();
        let lower = trimmed.to_lowercase();
        let mut best: Option<(&str, usize)> = None;
        for (word, unit) in &self.units {
            if lower.starts_with(word.as_str())
                && !lower[word.len()..].starts_with(char::is_alphanumeric)
                && best.is_none_or(|(_, n)| word.len() > n)
            {
                best = Some((unit, word.len()));
            }
        }
        best.map(|(unit, n)| (unit.to_string(), at + skip + n))
    }

    /// The measure the words around a bare count give it: "has freed 21", "21 were freed".
    pub(super) fn predicate(&self, text: &str, start: usize, end: usize, cues: Cues) -> Option<String> {
        self.predicate_past(text, start, end, 0, cues)
    }

    /// `predicate`, for a figure followed by `noun` bytes of counted noun:
    /// a word after it counts from the noun's end ("200 girls and women
    /// kidnapped" is as near as "200 kidnapped"); the noun itself
    /// ("nearly 200 captives") is nearest of all.
    pub(super) fn predicate_past(
        &self,
        text: &str,
        start: usize,
        end: usize,
        noun: usize,
        cues: Cues,
    ) -> Option<String> {
        // `PREDICATE_REACH` bytes either side, up to the clause's
        // punctuation: only those are read, however long the sentence.
        let near_before = super::tail(&text[..start], PREDICATE_REACH);
        let before = &near_before[after_last(near_before, &['.', ';', ':', '(', '"', '“'])..];
        let near_after = super::head(&text[end..], PREDICATE_REACH);
        let after = &near_after[..near_after.find(['.', ';', ':', ')', '"', '”']).unwrap_or(near_after.len())];
        let mut best: Option<(usize, &String)> = None;
        for (measure, re) in self.predicates.iter().filter_map(|(m, re)| Some((m, cues.regex(re)?))) {
            let d_before = re.find_iter(before).last().map(|m| before.len() - m.end());
            let d_after = re.find(after).map(|m| m.start().saturating_sub(noun));
            if let Some(d) = d_before.into_iter().chain(d_after).min() {
                if best.is_none_or(|(bd, _)| d < bd) {
                    best = Some((d, measure));
                }
            }
        }
        best.map(|(_, m)| m.clone())
    }

    /// Figures the number scanner does not read: ordinals, years, "twice",
    /// "a century", and digits glued to a unit ("180mph").
    pub fn find(&self, text: &str, cues: Cues) -> Vec<Found> {
        let four_digits = cues.four_digits;
        let mut out = if four_digits { self.years_together(text, cues) } else { Vec::new() };
        let ordinals = cues.digit_letter || cues.open(self.ordinal_words);
        for whole in ordinals.then(|| self.ordinal.find_iter(text)).into_iter().flatten() {
            let written = whole.as_str();
            let digits = written.trim_end_matches(|ch: char| ch.is_ascii_alphabetic());
            let rank = if digits.is_empty() {
                self.ordinals.get(&written.to_lowercase()).copied()
            } else {
                digits.parse::<u32>().ok()
            };
            let Some(rank) = rank else { continue };
            let after = text[whole.end()..].trim_start_matches(['-', ' ']).to_lowercase();
            if self.ordinal_not_before.iter().any(|w| starts_with_word(&after, w)) {
                continue;
            }
            let before = words_before(text, whole.start(), 2).join(" ");
            if self.ordinal_not_after.iter().any(|w| before == *w || before.ends_with(&format!(" {w}"))) {
                continue;
            }
            // "26 second" is a count of seconds, not a rank.
            if text[..whole.start()].trim_end().ends_with(|ch: char| ch.is_ascii_digit()) {
                continue;
            }
            let (mut measure, unit) = self.rank_of(&after);
            if measure == RANK && self.noun_elided(text, whole.start(), &after) {
                measure = ELIDED_RANK.to_string();
            }
            out.push(Found::new(
                whole.start(),
                whole.end(),
                &measure,
                Value::Figure(Figure::exact(rank as f64, Some(unit))),
            ));
        }
        for m in four_digits.then(|| self.year.find_iter(text)).into_iter().flatten() {
            let before = &text[..m.start()];
            let after = &text[m.end()..];
            let glued_before = before.ends_with(['$', '£', '€', ',', '.', '/', '#']);
            let glued_after = after.starts_with(|ch: char| ch.is_ascii_digit() || ch == '%')
                || (after.starts_with([',', '.']) && after[1..].starts_with(|ch: char| ch.is_ascii_digit()));
            if glued_before || glued_after {
                continue;
            }
            out.push(Found::new(m.start(), m.end(), "event_year", Value::Date(Date(m.as_str().to_string()))));
        }
        for m in cues.regex(&self.times).into_iter().flat_map(|re| re.find_iter(text)) {
            let Some(&n) = self.times_words.get(&m.as_str().to_lowercase()) else { continue };
            if n < 2 {
                continue;
            }
            out.push(Found::new(m.start(), m.end(), "count", Value::Figure(Figure::exact(n as f64, Some("times")))));
        }
        for c in cues.regex(&self.single).into_iter().flat_map(|re| re.captures_iter(text)) {
            let whole = c.get(0).expect("match");
            let Some((whole_amount, unit)) = self.single_units.get(&c["unit"].to_lowercase()) else { continue };
            let part = c.name("part").and_then(|p| self.single_fractions.get(&p.as_str().to_lowercase()));
            let amount = whole_amount * part.copied().unwrap_or(1.0);
            let next = text[whole.end()..].trim_start().split(|ch: char| !ch.is_alphabetic()).next().unwrap_or("");
            if self.single_not_before.iter().any(|w| w.eq_ignore_ascii_case(next)) {
                continue;
            }
            // "$1 billion a year" is a rate, not a duration.
            let before = text[..whole.start()].trim_end();
            if before.ends_with(|ch: char| ch.is_alphanumeric())
                && words_before(text, whole.start(), 1)
                    .iter()
                    .any(|w| w.chars().any(|ch| ch.is_ascii_digit()) || self.rate_words.contains(w))
            {
                continue;
            }
            // "over a century": the qualifier before it bounds it.
            let mut figure = Figure::exact(amount, Some(unit));
            let lower = text[..whole.start()].trim_end().to_lowercase();
            let qualified = self.qualifiers.iter().find(|(w, _)| {
                lower.ends_with(w.as_str()) && !lower[..lower.len() - w.len()].ends_with(char::is_alphanumeric)
            });
            if let Some((_, q)) = qualified {
                let bounds = q.interval(amount);
                (figure.qualifier, figure.low, figure.high) = (*q, bounds.low, bounds.high);
            }
            let mut found = Found::new(whole.start(), whole.end(), "duration", Value::Figure(figure));
            // "half an hour" is a length of time, not a share of something.
            found.supersedes = part.is_some();
            out.push(found);
        }
        for c in cues.digit_letter.then(|| self.with_unit.captures_iter(text)).into_iter().flatten() {
            let whole = c.get(0).expect("match");
            let Some(unit) = self.units.get(&c["u"].to_lowercase()) else { continue };
            let Ok(amount) = c["n"].replace(',', "").parse::<f64>() else { continue };
            let measure = self.unit_measure(unit).unwrap_or(unit);
            out.push(Found::new(whole.start(), whole.end(), measure, Value::Figure(Figure::exact(amount, Some(unit)))));
        }
        out.extend(self.superlatives(text, cues));
        out
    }

    /// Superlatives that rank something first: "the largest-ever technology
    /// deal", "the biggest technology deal on record". Each is a rank of one,
    /// its span the superlative and the noun it ranks.
    fn superlatives(&self, text: &str, cues: Cues) -> Vec<Found> {
        let mut out = Vec::new();
        for c in
            self.superlative.as_ref().and_then(|re| cues.regex(re)).into_iter().flat_map(|re| re.captures_iter(text))
        {
            let whole = c.get(0).expect("match");
            let sup = c["sup"].to_lowercase();
            if self.superlative_not.contains(&sup) {
                continue;
            }
            // "the largest-ever": the noun it ranks follows, up to a word that ends the phrase.
            let mut end = whole.end();
            if c.name("ever").is_some() {
                for _ in 0..3 {
                    let after = &text[end..];
                    let word = after.trim_start();
                    let space = after.len() - word.len();
                    let len = word
                        .find(|ch: char| !(ch.is_alphanumeric() || matches!(ch, '-' | '’' | '\'')))
                        .unwrap_or(word.len());
                    if space == 0 || len == 0 || self.superlative_stops.contains(&word[..len].to_lowercase()) {
                        break;
                    }
                    end += space + len;
                }
            }
            out.push(Found::new(whole.start(), end, RANK, Value::Figure(Figure::exact(1.0, Some("rank")))));
        }
        out
    }
}

/// The name an apposition gives right before `at`: "Bruce M. Steinberg" in
/// "Bruce M. Steinberg, 50," (capitalised words and initials, at least two).
pub(super) fn apposition_name(text: &str, at: usize) -> Option<&str> {
    let before = text[..at].strip_suffix(", ")?;
    let mut start = before.len();
    let mut words = 0;
    for word in before.rsplit(' ') {
        let capitalised = word.starts_with(char::is_uppercase)
            && word.trim_end_matches('.').chars().all(|c| c.is_alphabetic() || c == '-' || c == '\'' || c == '’');
        if !capitalised || word.is_empty() {
            break;
        }
        start -= word.len() + usize::from(start < before.len());
        words += 1;
    }
    let name = before[start..].trim_start();
    // A name ends in a word, not an initial, and is more than one word.
    (words >= 2 && !name.ends_with('.')).then_some(name)
}

/// "one" glued to a word by a hyphen is an adjective: "one-off", "one-time".
pub(super) fn hyphen_adjective(text: &str, start: usize, end: usize) -> bool {
    text[start..end].eq_ignore_ascii_case("one")
        && text[end..].starts_with('-')
        && text[end + 1..].starts_with(char::is_alphabetic)
}

/// Digits in a telephone number: "0207 782 4368".
fn phone_like(text: &str, start: usize, end: usize) -> bool {
    let written = &text[start..end];
    let digits = |s: &str| s.len() >= 3 && s.chars().all(|c| c.is_ascii_digit());
    let next = text[end..].strip_prefix(' ').and_then(|r| r.split(' ').next()).unwrap_or("");
    let prev = text[..start].strip_suffix(' ').and_then(|r| r.rsplit(' ').next()).unwrap_or("");
    (written.len() > 1 && written.starts_with('0') && written.chars().all(|c| c.is_ascii_digit()))
        || (digits(written) && (digits(next.trim_end_matches(['.', ','])) || digits(prev)))
}

fn starts_with_word(text: &str, word: &str) -> bool {
    text.starts_with(word) && !text[word.len()..].starts_with(char::is_alphanumeric)
}

/// Words holding a letter in `text`, and how many of those (longer than one
/// character) hold no lower-case letter.
fn capital_words(text: &str) -> (usize, usize) {
    let (mut words, mut capitals) = (0usize, 0usize);
    for w in text.split_whitespace() {
        let mut letters = w.chars().filter(|c| c.is_alphabetic()).peekable();
        let (has_letter, all_capitals) = (letters.peek().is_some(), letters.all(char::is_uppercase));
        if has_letter {
            words += 1;
            capitals += usize::from(all_capitals && w.len() > 1);
        }
    }
    (words, capitals)
}

/// [`capital_words`] of an ASCII text, in one pass over its bytes.
fn ascii_capital_words(text: &str) -> (usize, usize) {
    let (mut words, mut capitals) = (0usize, 0usize);
    let (mut len, mut letter, mut lower) = (0usize, false, false);
    for &b in text.as_bytes().iter().chain([b' '].iter()) {
        // `char::is_whitespace` of an ASCII byte: vertical tab included.
        if b.is_ascii_whitespace() || b == 0x0b {
            if letter {
                words += 1;
                capitals += usize::from(!lower && len > 1);
            }
            (len, letter, lower) = (0, false, false);
        } else {
            len += 1;
            letter |= b.is_ascii_alphabetic();
            lower |= b.is_ascii_lowercase();
        }
    }
    (words, capitals)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::quantity::Scanner;
    use crate::rules::RuleSet;

    fn bare() -> Bare {
        Bare::new(&RuleSet::builtin().news, &RuleSet::builtin().qualifiers, &mut CueWords::default())
    }

    fn figures(text: &str) -> Vec<(String, String, Option<f64>)> {
        let rules = RuleSet::builtin();
        let b = bare();
        Scanner::new(&rules)
            .scan(text)
            .iter()
            .filter_map(|q| b.figure(text, q, Cues::all()))
            .map(|f| match f.value {
                Value::Figure(fig) => (text[f.start..f.end].to_string(), f.measure, fig.amount),
                v => panic!("not a figure: {v:?}"),
            })
            .collect()
    }

    fn found(text: &str) -> Vec<(String, String)> {
        bare().find(text, Cues::all()).into_iter().map(|f| (text[f.start..f.end].to_string(), f.measure)).collect()
    }

    #[test]
    fn a_count_takes_its_measure_from_the_verb() {
        assert_eq!(figures("The army has freed 21."), [("21".into(), "released_count".into(), Some(21.0))]);
        assert_eq!(figures("The 14 were rescued by fishermen."), [("14".into(), "rescued_count".into(), Some(14.0))]);
        assert_eq!(
            figures("Seven of the miners died underground."),
            [("Seven".into(), "death_toll".into(), Some(7.0))]
        );
    }

    #[test]
    fn ages_in_apposition_and_hyphenated() {
        assert_eq!(figures("Maria Lopez, 43, a teacher"), [("43".into(), "age".into(), Some(43.0))]);
        assert_eq!(figures("their 17-year-old son"), [("17-year-old".into(), "age".into(), Some(17.0))]);
    }

    #[test]
    fn page_furniture_and_pronouns_are_not_claims() {
        assert!(figures("12 Photos").is_empty());
        assert!(figures("One of them spoke.").is_empty());
    }

    #[test]
    fn ordinals_years_and_units() {
        assert_eq!(found("the 15th test"), [("15th".into(), "rank".into())]);
        assert_eq!(found("she finished third"), [("third".into(), "rank".into())]);
        assert!(found("for the first time").is_empty());
        assert!(found("in the second half").is_empty());
        assert_eq!(found("the 1985 final"), [("1985".into(), "event_year".into())]);
        assert!(found("$2019 or 2,019 or 12019").is_empty());
        assert_eq!(found("He was fined twice"), [("twice".into(), "count".into())]);
        assert_eq!(found("after more than a century"), [("a century".into(), "duration".into())]);
        assert!(found("earning $5 billion a year").is_empty());
        assert_eq!(found("spun at 180mph"), [("180mph".into(), "speed".into())]);
        assert_eq!(found("crashed in the 28th lap"), [("28th".into(), "lap_number".into())]);
    }

    #[test]
    fn an_age_in_apposition_names_its_person() {
        fn name(text: &str) -> Option<&str> {
            let at = text.find(|c: char| c.is_ascii_digit()).expect("an age");
            apposition_name(text, at)
        }
        assert_eq!(name("The pilot was Amanda R. Geissler, 33"), Some("Amanda R. Geissler"));
        assert_eq!(name("victims included Bruce M. Steinberg, 50"), Some("Bruce M. Steinberg"));
        assert_eq!(name("Idier Porras Guzmán, 51"), Some("Idier Porras Guzmán"));
        assert_eq!(name("his daughter, 19"), None);
        assert_eq!(name("said Smith, 50"), None);
    }

    #[test]
    fn a_qualifier_bounds_a_single_unit() {
        let value = |text: &str| bare().find(text, Cues::all()).pop().map(|f| f.value);
        let over = value("a drought of over a century").expect("a duration");
        assert!(
            matches!(over, Value::Figure(f) if f.qualifier == Qualifier::MoreThan && f.low == Some(100.0) && f.high.is_none())
        );
        let nearly = value("nearly a decade later").expect("a duration");
        assert!(matches!(nearly, Value::Figure(f) if f.qualifier == Qualifier::Nearly && f.amount == Some(10.0)));
        let half = value("delayed for around half an hour").expect("a duration");
        assert!(matches!(half, Value::Figure(f) if f.amount == Some(0.5) && f.unit.as_deref() == Some("hours")));
        let plain = value("the clover a year ago").expect("a duration");
        assert!(matches!(plain, Value::Figure(f) if f.qualifier == Qualifier::Exact));
    }

    #[test]
    fn years_together_are_a_range_or_a_list() {
        let got = bare().find("president from 2010 to 2014, champions in 1907 and 1908", Cues::all());
        assert_eq!(got[0].measure, "period");
        assert!(matches!(&got[0].value, Value::Figure(f) if f.low == Some(2010.0) && f.high == Some(2014.0)));
        assert_eq!(got[1].value, Value::List { items: vec!["1907".into(), "1908".into()], open: false });
        assert!(got[0].supersedes && got[1].supersedes);
    }

    #[test]
    fn two_figures_joined_by_or_are_a_range() {
        let rules = RuleSet::builtin();
        let text = "the blast came three or four seconds later";
        let q = Scanner::new(&rules).scan(text);
        let f = bare().either(text, &q[0], &q[1]).expect("a range");
        assert_eq!(&text[f.start..f.end], "three or four seconds");
        assert!(matches!(f.value, Value::Figure(fig) if fig.low == Some(3.0) && fig.high == Some(4.0)));
    }

    #[test]
    fn units_convert_to_their_base_for_comparison() {
        let b = bare();
        let mph = Value::Figure(Figure::exact(30.0, Some("mph")));
        let Some(Value::Figure(kmh)) = b.in_base_unit(&mph) else { panic!("mph converts") };
        assert_eq!(kmh.unit.as_deref(), Some("km/h"));
        assert!((kmh.amount.unwrap() - 48.28).abs() < 0.01);
        let miles = b.in_base_unit(&Value::Figure(Figure::exact(2300.0, Some("miles"))));
        assert!(matches!(miles, Some(Value::Figure(f)) if (f.amount.unwrap() - 3701.5).abs() < 1.0));
        assert!(b.in_base_unit(&Value::Figure(Figure::exact(3.0, Some("km")))).is_none());
    }

    #[test]
    fn edges_and_quarters_of_a_year() {
        let got = bare().find("a loss for the final quarter of 2017, against the end of 2016", Cues::all());
        assert_eq!(got[0].value, Value::Date(Date("2016-12-31".into())));
        assert_eq!(got[1].value, Value::Date(Date("2017-10/2017-12".into())));
    }

    #[test]
    fn fractions_in_words_are_shares_or_ranks() {
        let share = figures("Two-thirds of the voters stayed home.");
        assert_eq!(share, [("Two-thirds".into(), "share".into(), Some(66.7))]);
        assert_eq!(figures("a third consecutive loss")[0].1, "rank");
        assert_eq!(figures("Matthew was an eighth-grader")[0].1, "grade_number");
        assert!(figures("a third party will audit the books").is_empty());
        assert!(figures("a third-party audit").is_empty());
        assert_eq!(figures("a third consecutive loss")[0].2, Some(3.0));
    }

    #[test]
    fn a_superlative_with_its_scope_ranks_first() {
        let ranked = |text: &str| {
            bare()
                .find(text, Cues::all())
                .into_iter()
                .filter(|f| f.measure == RANK)
                .map(|f| text[f.start..f.end].to_string())
                .collect::<Vec<_>>()
        };
        assert_eq!(ranked("It was the costliest-ever storm, insurers said."), ["the costliest-ever storm"]);
        assert_eq!(ranked("the highest ever recorded in the region"), ["the highest ever recorded"]);
        assert_eq!(ranked("the busiest airport on record"), ["the busiest airport on record"]);
        assert!(ranked("the best match I have ever seen").is_empty(), "a clause's ever ranks nothing");
        // With no scope it ranks nothing said; a word ending in -est is no superlative.
        assert!(ranked("the largest shareholder").is_empty());
        assert!(ranked("the interest ever paid").is_empty());
        assert!(ranked("the rest of the year to date").is_empty());
    }

    #[test]
    fn furniture_and_phone_numbers_are_not_claims() {
        assert_eq!(bare().furniture("People embrace. Hide Caption 4 of 30", Cues::all()).len(), 1);
        assert!(figures("call 0207 782 4368 now").is_empty());
        assert!(figures("one-off charges").is_empty());
        assert!(figures("thousands of fans").is_empty());
        assert_eq!(figures("He crashed on lap 20 of 71.")[0].1, "lap_number");
        // A floor named with what it is a floor of is still a floor's number.
        let found = bare().find("He fired from the 32nd floor of the hotel.", Cues::all());
        assert_eq!(found.iter().map(|f| f.measure.as_str()).collect::<Vec<_>>(), ["floor_number"]);
    }

    proptest::proptest! {
        #[test]
        fn capital_words_of_ascii_text_count_as_the_general_count(text in "[A-Za-z0-9 .,\t\n\x0b\x0c\r-]{0,60}") {
            proptest::prop_assert_eq!(ascii_capital_words(&text), capital_words(&text));
        }
    }
}

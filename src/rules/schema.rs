//! The typed shape of every rule file. Unknown keys are errors.

use serde::Deserialize;
use std::collections::BTreeMap;

/// A worked example a rule family promises to read right; the test suite runs it.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Example {
    pub text: String,
    #[serde(default)]
    pub amount: Option<f64>,
    #[serde(default)]
    pub low: Option<f64>,
    #[serde(default)]
    pub high: Option<f64>,
    #[serde(default)]
    pub unit: Option<String>,
    #[serde(default)]
    pub qualifier: Option<String>,
}

/// A word that multiplies or scales the figure before it.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scale {
    pub id: String,
    pub words: Vec<String>,
    pub value: f64,
}

/// A scale written as an abbreviation right after a figure.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Abbreviation {
    pub id: String,
    pub forms: Vec<String>,
    pub value: f64,
    #[serde(default)]
    pub money_only: bool,
    #[serde(default)]
    pub case_sensitive: bool,
}

/// A vague magnitude ("tens of thousands"), or with `count` a phrase for a
/// small count read like a number word ("a couple of", "a pair of").
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Vague {
    pub id: String,
    pub phrase: String,
    pub value: f64,
    /// How the wording bounds the figure: for a vague magnitude the file's
    /// `vague_qualifier` when not given, for a count `exact`.
    #[serde(default)]
    pub qualifier: Option<String>,
    /// A count, not a magnitude: a figure like a number word, which scale
    /// words and a unit may follow ("a couple of million dollars").
    #[serde(default)]
    pub count: bool,
    /// A count only before a scale word ("a couple hundred", not "a couple").
    #[serde(default)]
    pub before_scale: bool,
}

/// `numbers.yaml`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NumberRules {
    #[serde(default)]
    pub units: BTreeMap<String, f64>,
    #[serde(default)]
    pub teens: BTreeMap<String, f64>,
    #[serde(default)]
    pub tens: BTreeMap<String, f64>,
    #[serde(default)]
    pub group_multipliers: Vec<Scale>,
    #[serde(default)]
    pub scales: Vec<Scale>,
    #[serde(default)]
    pub abbreviations: Vec<Abbreviation>,
    #[serde(default)]
    pub decimal_point: Vec<String>,
    #[serde(default)]
    pub fractions: BTreeMap<String, f64>,
    #[serde(default)]
    pub standalone_fractions: Vec<String>,
    #[serde(default)]
    pub scale_fractions: Vec<String>,
    #[serde(default)]
    pub compound_fractions: BTreeMap<String, f64>,
    #[serde(default)]
    pub ratio_words: Vec<String>,
    #[serde(default)]
    pub fraction_characters: BTreeMap<String, f64>,
    #[serde(default)]
    pub negative_words: Vec<String>,
    #[serde(default)]
    pub vague: Vec<Vague>,
    #[serde(default)]
    pub vague_qualifier: Option<String>,
    #[serde(default)]
    pub pronoun_one_after: Vec<String>,
    #[serde(default)]
    pub article_words: Vec<String>,
    #[serde(default)]
    pub examples: Vec<Example>,
    #[serde(default)]
    pub counter_examples: Vec<String>,
}

/// One qualifier and the phrases that express it.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QualifierRule {
    pub id: String,
    #[serde(default)]
    pub before: Vec<String>,
    #[serde(default)]
    pub after: Vec<String>,
    #[serde(default)]
    pub tolerance: Option<f64>,
    #[serde(default)]
    pub examples: Vec<Example>,
    #[serde(default)]
    pub counter_examples: Vec<String>,
}

/// Words that join the two ends of a range.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RangeJoiner {
    pub id: String,
    pub words: Vec<String>,
    #[serde(default)]
    pub requires: Vec<String>,
}

/// `qualifiers.yaml`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QualifierRules {
    #[serde(default)]
    pub qualifiers: Vec<QualifierRule>,
    #[serde(default)]
    pub inclusive_after: Vec<String>,
    /// Words before a qualifier word that make it part of a verb: "handed
    /// over 21 girls" states 21, not more than 21.
    #[serde(default)]
    pub not_after: Vec<String>,
    #[serde(default)]
    pub range_joiners: Vec<RangeJoiner>,
    #[serde(default)]
    pub range_openers: Vec<String>,
    #[serde(default)]
    pub bound_joiners: Vec<String>,
}

/// A currency's sub-unit ("cents").
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Subunit {
    pub words: Vec<String>,
    pub per_unit: f64,
}

/// How a currency's bare ISO code is read.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CodeUse {
    /// In capitals before or after the figure ("USD 5", "5 USD"); in lower
    /// case after it only ("5 usd").
    #[default]
    AnyCase,
    /// In capitals only ("KWD 5", "5 KWD").
    Capitals,
    /// Never: the code is also an English word or a common acronym ("ALL",
    /// "TOP", "COP 28"); the currency is read by its names and symbols.
    Never,
}

/// Words of a currency that make "a" or "an" before them one of it.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ArticleOne {
    /// "a dollar", "a euro", "a cent".
    pub words: Vec<String>,
    /// Words that, right after one of `words`, make it a modifier of a noun
    /// and not money ("a dollar figure", "a euro zone").
    #[serde(default)]
    pub not_before: Vec<String>,
}

/// One currency.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CurrencyRule {
    /// The ISO 4217 code.
    pub id: String,
    /// How the code itself is read.
    #[serde(default)]
    pub code: CodeUse,
    #[serde(default)]
    pub symbols: Vec<String>,
    #[serde(default)]
    pub words: Vec<String>,
    #[serde(default)]
    pub subunits: Vec<Subunit>,
    /// One of the currency written with an article: "a dollar".
    #[serde(default)]
    pub one_after_article: Option<ArticleOne>,
    #[serde(default)]
    pub examples: Vec<Example>,
    #[serde(default)]
    pub counter_examples: Vec<String>,
}

/// `currencies.yaml`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CurrencyRules {
    #[serde(default)]
    pub default_dollar: Option<String>,
    #[serde(default)]
    pub dollar_forms: Vec<String>,
    #[serde(default)]
    pub currencies: Vec<CurrencyRule>,
    #[serde(default)]
    pub scaled_code_prefixes: BTreeMap<String, f64>,
    #[serde(default)]
    pub counter_examples: Vec<String>,
}

/// Words for one unit of proportion.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UnitWords {
    #[serde(default)]
    pub after: Vec<String>,
    #[serde(default)]
    pub before_of: Vec<String>,
    #[serde(default)]
    pub examples: Vec<Example>,
    #[serde(default)]
    pub counter_examples: Vec<String>,
}

/// `units.yaml`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UnitRules {
    #[serde(default)]
    pub percent: UnitWords,
    #[serde(default)]
    pub points: UnitWords,
}

/// `dates.yaml`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct DateRules {
    pub months: BTreeMap<String, u32>,
    pub year_range: Option<(u32, u32)>,
    pub time_suffixes: Vec<String>,
    pub name_words: Vec<String>,
    /// Weekday names that may stand before a date ("Wednesday (May 22)").
    pub weekdays: Vec<String>,
    /// Words that make a bare month a date ("in May", "since April").
    pub month_prepositions: Vec<String>,
    /// Words that make a bare year a date ("in 2019", "by 2030").
    pub year_prepositions: Vec<String>,
    /// Of the month prepositions, those that look ahead: "by May" after
    /// May is next year's May.
    pub future_prepositions: Vec<String>,
    /// Words between a month preposition and the month ("in early May",
    /// "by mid-March"); one ending in a hyphen is glued to the month.
    pub month_modifiers: Vec<String>,
    /// Modifiers that point back: "in last May" is the latest May before publication.
    pub past_month_modifiers: Vec<String>,
    /// Modifiers that look ahead: "by next March" is the first March after publication.
    pub future_month_modifiers: Vec<String>,
    /// Words before a day and month that look ahead: "until May 5" written
    /// in June is next year's May 5.
    pub future_day_words: Vec<String>,
    /// Words that put a sentence in the past: a month it names without a
    /// year is the latest such month, not the nearest. Any longer word
    /// ending in "-ed" counts too.
    pub past_words: Vec<String>,
    /// Words that put a sentence in the future, over any past word.
    pub future_words: Vec<String>,
    pub examples: Vec<Example>,
    pub counter_examples: Vec<String>,
}

/// One entity and the names copy gives it.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EntityRule {
    pub id: String,
    pub name: String,
    pub kind: String,
    #[serde(default)]
    pub aliases: Vec<String>,
}

/// A text in which an entity must be found.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EntityExample {
    pub text: String,
    pub entity: String,
}

/// `compare.yaml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CompareRules {
    #[serde(default = "default_ratio")]
    pub same_fact_ratio: f64,
    #[serde(default = "default_event_days")]
    pub event_window_days: i64,
    #[serde(default = "default_same_time_days")]
    pub same_time_days: i64,
    #[serde(default = "default_same_time_minutes")]
    pub same_time_minutes: i64,
    #[serde(default = "default_drift_window_days")]
    pub drift_window_days: i64,
    /// Measures that name no particular fact ("count", "event_date"); a
    /// measure starting with one followed by ':' ("count:girls") is one too.
    #[serde(default)]
    pub generic_measures: Vec<String>,
    /// A count below this, stated in other words, is too common to be
    /// known for the same fact by its number alone.
    #[serde(default = "default_restated_count_min")]
    pub restated_count_min: f64,
    /// Figure measures that say nothing of what they measure (a bare count,
    /// a length of time no rule names): two different figures of one are
    /// two facts unless within a tenth of each other. A measure written
    /// here followed by ':' ("count:outs") is one too.
    #[serde(default)]
    pub unnamed_figures: Vec<String>,
    /// Date measures that date no one event (a date no rule names, the day
    /// something was said): each date is a fact of its own, another date
    /// is another event, not a contradiction.
    #[serde(default)]
    pub dates_of_many_events: Vec<String>,
    /// Measures that name one fact in other words ("captives" and
    /// "detainees"): within one story, claims of a family's measures take
    /// the one most of its sources use.
    #[serde(default)]
    pub same_measures: Vec<Vec<String>>,
}

impl Default for CompareRules {
    fn default() -> Self {
        Self {
            same_fact_ratio: default_ratio(),
            event_window_days: default_event_days(),
            same_time_days: default_same_time_days(),
            same_time_minutes: default_same_time_minutes(),
            drift_window_days: default_drift_window_days(),
            generic_measures: Vec::new(),
            restated_count_min: default_restated_count_min(),
            unnamed_figures: Vec::new(),
            dates_of_many_events: Vec::new(),
            same_measures: Vec::new(),
        }
    }
}

fn default_ratio() -> f64 {
    2.0
}

fn default_event_days() -> i64 {
    3
}

fn default_same_time_minutes() -> i64 {
    30
}

fn default_same_time_days() -> i64 {
    31
}

fn default_drift_window_days() -> i64 {
    366
}

fn default_restated_count_min() -> f64 {
    10.0
}

/// `entities.yaml`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EntityRules {
    #[serde(default)]
    pub fuzzy_threshold: Option<f64>,
    #[serde(default)]
    pub org_markers: Vec<String>,
    #[serde(default)]
    pub corporate_suffixes: Vec<String>,
    #[serde(default)]
    pub not_names: Vec<String>,
    #[serde(default)]
    pub entities: Vec<EntityRule>,
    #[serde(default)]
    pub examples: Vec<EntityExample>,
    #[serde(default)]
    pub counter_examples: Vec<String>,
}

/// Nouns a count may count, and the measure they name.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CountNouns {
    pub measure: String,
    pub nouns: Vec<String>,
}

/// A pattern that names who a claim comes from.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AttributionRule {
    pub id: String,
    pub pattern: String,
}

/// `claims.yaml`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClaimRules {
    #[serde(default)]
    pub count_noun_window: Option<usize>,
    #[serde(default)]
    pub irregular_plurals: Vec<String>,
    #[serde(default)]
    pub count_stop_words: Vec<String>,
    #[serde(default)]
    pub not_count_nouns: Vec<String>,
    #[serde(default)]
    pub count_nouns: Vec<CountNouns>,
    #[serde(default)]
    pub duration_nouns: BTreeMap<String, Vec<String>>,
    #[serde(default)]
    pub descriptive_before: Vec<String>,
    #[serde(default)]
    pub pronoun_after_one: Vec<String>,
    #[serde(default)]
    pub clause_boundaries: Vec<String>,
    #[serde(default)]
    pub company_references: Vec<String>,
    #[serde(default)]
    pub attribution: Vec<AttributionRule>,
    #[serde(default)]
    pub attribution_who: Option<String>,
    #[serde(default)]
    pub attribution_not_who: Vec<String>,
    #[serde(default)]
    pub aside_openers: Vec<String>,
    #[serde(default)]
    pub deal_objects: Vec<String>,
    #[serde(default)]
    pub list_triggers: Vec<String>,
    #[serde(default)]
    pub list_tail: Option<String>,
}

/// Patterns that make a figure a fall or a rise.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Direction {
    #[serde(default)]
    pub down: Vec<String>,
    #[serde(default)]
    pub up: Vec<String>,
}

/// A sentence a measure rule must (or must not) read as its measure.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MeasureExample {
    pub text: String,
    pub measure: String,
    #[serde(default)]
    pub subject: Option<String>,
    #[serde(default)]
    pub amount: Option<f64>,
}

/// One measure and when it applies.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MeasureRule {
    pub id: String,
    pub kinds: Vec<String>,
    #[serde(default)]
    pub before: Vec<String>,
    #[serde(default)]
    pub after: Vec<String>,
    #[serde(default)]
    pub context: Vec<String>,
    #[serde(default)]
    pub exclude: Vec<String>,
    #[serde(default)]
    pub direction: Option<Direction>,
    #[serde(default)]
    pub qualitative: Vec<String>,
    #[serde(default)]
    pub drifts: bool,
    #[serde(default)]
    pub event: bool,
    /// Quoted through a trading day (a share price or move): two sources'
    /// figures of one day differ without contradiction unless both name
    /// the same moment of it (`moments`).
    #[serde(default)]
    pub intraday: bool,
    /// Words that give a weekday or relative date ("Friday", "last week")
    /// this date measure, standing as near it as `context` words must: a
    /// trading day or a meeting's day is told so more often than by its
    /// date. (Other date measures take only dates written out.)
    #[serde(default)]
    pub relative_context: Vec<String>,
    #[serde(default)]
    pub fallback: bool,
    #[serde(default)]
    pub subject: Option<String>,
    #[serde(default)]
    pub examples: Vec<MeasureExample>,
    #[serde(default)]
    pub counter_examples: Vec<MeasureExample>,
}

/// `measures.yaml`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MeasureRules {
    #[serde(default)]
    pub measures: Vec<MeasureRule>,
    /// How many words may stand between a date and a `context` word of a
    /// date measure for the word to say what the date dates (none: any
    /// word of the sentence around it).
    #[serde(default)]
    pub date_context_words: Option<usize>,
    /// How many words may stand between a figure and a date of its sentence
    /// for the date to say when the figure holds (none: any date of the
    /// sentence).
    #[serde(default)]
    pub date_scope_words: Option<usize>,
    /// Named moments of a trading day ("opened", "at the close"): two
    /// `intraday` figures are of one time only when their sentences name
    /// the same one.
    #[serde(default)]
    pub moments: Vec<Moment>,
}

/// A named moment of a trading day and the words that name it.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Moment {
    pub id: String,
    /// Patterns, matched anywhere in the sentence.
    pub words: Vec<String>,
}

/// One relative period ("last week"): the words, the unit and how many units it moves.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RelativePeriod {
    pub words: Vec<String>,
    /// `week`, `month` or `year`.
    pub unit: String,
    pub offset: i32,
}

/// One unit of measure: its plain name, the base unit it converts to for comparison, and its words.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UnitOfMeasure {
    pub unit: String,
    /// What a figure in this unit measures: `distance`, `speed`, `duration`...
    pub measure: String,
    pub base: String,
    pub factor: f64,
    pub words: Vec<String>,
    /// Figures in this unit are mostly conversions from another system
    /// ("2,300 miles" for "3,700 km"): they compare to the unit they are
    /// written rounded to, not to their last digit.
    #[serde(default)]
    pub rounded: bool,
}

/// Words around a bare number that say what it counts.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Predicate {
    pub measure: String,
    pub words: Vec<String>,
}

/// `news.yaml`: times of day, weekdays and relative dates, ages, ordinals,
/// units of measure and predicate words.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewsRules {
    #[serde(default)]
    pub time_meridiem: BTreeMap<String, String>,
    #[serde(default)]
    pub time_words: BTreeMap<String, String>,
    #[serde(default)]
    pub time_zones: Vec<String>,
    #[serde(default)]
    pub weekdays: BTreeMap<String, u32>,
    #[serde(default)]
    pub future_words: Vec<String>,
    #[serde(default)]
    pub statement_words: Vec<String>,
    #[serde(default)]
    pub relative_days: BTreeMap<String, i64>,
    #[serde(default)]
    pub relative_periods: Vec<RelativePeriod>,
    #[serde(default)]
    pub ordinals: BTreeMap<String, u32>,
    #[serde(default)]
    pub ordinal_not_before: Vec<String>,
    #[serde(default)]
    pub ordinal_not_after: Vec<String>,
    #[serde(default)]
    pub ordinal_elided_before: Vec<String>,
    /// What makes a superlative a rank of one ("the largest-ever deal",
    /// "the deadliest shooting in modern U.S. history"): regex fragments,
    /// case-insensitive, standing after it ("ever", "in ... history").
    #[serde(default)]
    pub superlative_scopes: Vec<String>,
    /// Words ending in -est that are no superlative ("interest", "west").
    #[serde(default)]
    pub superlative_not: Vec<String>,
    /// Words a superlative's noun phrase stops at ("in", "since").
    #[serde(default)]
    pub superlative_stops: Vec<String>,
    #[serde(default)]
    pub times_words: BTreeMap<String, u32>,
    #[serde(default)]
    pub single_units: BTreeMap<String, (f64, String)>,
    #[serde(default)]
    pub units_of_measure: Vec<UnitOfMeasure>,
    #[serde(default)]
    pub age_after: Vec<String>,
    #[serde(default)]
    pub age_before: Vec<String>,
    #[serde(default)]
    pub predicates: Vec<Predicate>,
    #[serde(default)]
    pub bare_not_before: Vec<String>,
    #[serde(default)]
    pub unit_nouns: BTreeMap<String, String>,
    #[serde(default)]
    pub score_behind_words: Vec<String>,
    #[serde(default)]
    pub score_beat_words: Vec<String>,
    #[serde(default)]
    pub score_lost_to_words: Vec<String>,
    #[serde(default)]
    pub score_not_sides: Vec<String>,
    #[serde(default)]
    pub year_edges: BTreeMap<String, String>,
    #[serde(default)]
    pub label_min_words: Option<usize>,
    #[serde(default)]
    pub quarters: BTreeMap<String, u32>,
    #[serde(default)]
    pub single_unit_not_before: Vec<String>,
    #[serde(default)]
    pub single_unit_fractions: BTreeMap<String, f64>,
    #[serde(default)]
    pub rate_words: Vec<String>,
    #[serde(default)]
    pub story_measures: Vec<String>,
    #[serde(default)]
    pub fraction_not_after: Vec<String>,
    #[serde(default)]
    pub furniture: Vec<String>,
}

impl NewsRules {
    /// Adds a house file's words; a list or map given replaces or extends the built-in one.
    pub fn merge(&mut self, o: NewsRules) {
        self.time_meridiem.extend(o.time_meridiem);
        self.time_words.extend(o.time_words);
        self.time_zones.extend(o.time_zones);
        self.weekdays.extend(o.weekdays);
        self.future_words.extend(o.future_words);
        self.statement_words.extend(o.statement_words);
        self.relative_days.extend(o.relative_days);
        self.relative_periods.extend(o.relative_periods);
        self.ordinals.extend(o.ordinals);
        self.ordinal_not_before.extend(o.ordinal_not_before);
        self.ordinal_not_after.extend(o.ordinal_not_after);
        self.superlative_scopes.extend(o.superlative_scopes);
        self.superlative_not.extend(o.superlative_not);
        self.superlative_stops.extend(o.superlative_stops);
        self.ordinal_elided_before.extend(o.ordinal_elided_before);
        self.times_words.extend(o.times_words);
        self.single_units.extend(o.single_units);
        self.units_of_measure.extend(o.units_of_measure);
        self.age_after.extend(o.age_after);
        self.age_before.extend(o.age_before);
        self.predicates.extend(o.predicates);
        self.bare_not_before.extend(o.bare_not_before);
        self.unit_nouns.extend(o.unit_nouns);
        self.single_unit_not_before.extend(o.single_unit_not_before);
        self.single_unit_fractions.extend(o.single_unit_fractions);
        self.rate_words.extend(o.rate_words);
        self.story_measures.extend(o.story_measures);
        self.score_behind_words.extend(o.score_behind_words);
        self.score_beat_words.extend(o.score_beat_words);
        self.score_lost_to_words.extend(o.score_lost_to_words);
        self.score_not_sides.extend(o.score_not_sides);
        self.year_edges.extend(o.year_edges);
        self.label_min_words = o.label_min_words.or(self.label_min_words);
        self.quarters.extend(o.quarters);
        self.fraction_not_after.extend(o.fraction_not_after);
        self.furniture.extend(o.furniture);
    }
}

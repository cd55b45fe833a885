//! Rules: the YAML data that drives extraction. The defaults under `rules/`
//! are embedded in the binary; `--rules DIR` adds to them and overrides any
//! rule with the same id. Every problem in a rule file is reported with its
//! file, line, column and rule id, all of them in one run.

mod schema;

pub use schema::*;

use std::collections::{BTreeMap, HashSet};
use std::fmt;
use std::path::Path;

/// One problem in one rule file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleError {
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub rule: Option<String>,
    pub message: String,
}

impl fmt::Display for RuleError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}: ", self.file, self.line, self.column)?;
        if let Some(rule) = &self.rule {
            write!(f, "rule '{rule}': ")?;
        }
        f.write_str(&self.message)
    }
}

/// Every problem found while loading rules.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleErrors(pub Vec<RuleError>);

impl fmt::Display for RuleErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, e) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str("\n")?;
            }
            write!(f, "{e}")?;
        }
        Ok(())
    }
}

impl std::error::Error for RuleErrors {}

/// The rule files crosscheck knows, and their embedded defaults.
pub const BUILTIN_FILES: &[(&str, &str)] = &[
    ("numbers.yaml", include_str!("../../rules/numbers.yaml")),
    ("qualifiers.yaml", include_str!("../../rules/qualifiers.yaml")),
    ("currencies.yaml", include_str!("../../rules/currencies.yaml")),
    ("units.yaml", include_str!("../../rules/units.yaml")),
    ("dates.yaml", include_str!("../../rules/dates.yaml")),
];

/// All rules, merged from the defaults and any `--rules` folders.
#[derive(Debug, Clone, Default)]
pub struct RuleSet {
    pub numbers: NumberRules,
    pub qualifiers: QualifierRules,
    pub currencies: CurrencyRules,
    pub units: UnitRules,
    pub dates: DateRules,
}

impl RuleSet {
    /// The rules embedded in the binary.
    pub fn builtin() -> Self {
        Self::load(&[]).expect("the embedded rules are valid (tested)")
    }

    /// The embedded rules, then each folder's rule files on top, in order.
    pub fn load(dirs: &[&Path]) -> Result<Self, RuleErrors> {
        let mut set = RuleSet::default();
        let mut errors = Vec::new();
        for (name, text) in BUILTIN_FILES {
            set.add_file(&format!("rules/{name}"), name, text, &mut errors);
        }
        for dir in dirs {
            let entries = match std::fs::read_dir(dir) {
                Ok(entries) => entries,
                Err(e) => {
                    errors.push(RuleError {
                        file: dir.display().to_string(),
                        line: 1,
                        column: 1,
                        rule: None,
                        message: format!("cannot read rules folder: {e}"),
                    });
                    continue;
                }
            };
            let mut paths: Vec<_> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
            paths.sort();
            for path in paths {
                let Some(name) = path.file_name().and_then(|n| n.to_str()) else { continue };
                if !(name.ends_with(".yaml") || name.ends_with(".yml")) {
                    continue;
                }
                let shown = path.display().to_string();
                let known = name.replace(".yml", ".yaml");
                if !BUILTIN_FILES.iter().any(|(n, _)| *n == known) {
                    let names: Vec<_> = BUILTIN_FILES.iter().map(|(n, _)| *n).collect();
                    errors.push(RuleError {
                        file: shown,
                        line: 1,
                        column: 1,
                        rule: None,
                        message: format!("unknown rule file; rule files are named {}", names.join(", ")),
                    });
                    continue;
                }
                match std::fs::read_to_string(&path) {
                    Ok(text) => set.add_file(&shown, &known, &text, &mut errors),
                    Err(e) => errors.push(RuleError {
                        file: shown,
                        line: 1,
                        column: 1,
                        rule: None,
                        message: format!("cannot read: {e}"),
                    }),
                }
            }
        }
        set.validate(&mut errors);
        if errors.is_empty() {
            Ok(set)
        } else {
            Err(RuleErrors(errors))
        }
    }

    fn add_file(&mut self, shown: &str, kind: &str, text: &str, errors: &mut Vec<RuleError>) {
        let before = errors.len();
        match kind {
            "numbers.yaml" => {
                if let Some(r) = parse::<NumberRules>(shown, text, errors) {
                    check_ids(
                        shown,
                        text,
                        r.scales.iter().map(|s| &s.id).chain(r.group_multipliers.iter().map(|s| &s.id)),
                        errors,
                    );
                    check_ids(shown, text, r.abbreviations.iter().map(|s| &s.id), errors);
                    check_ids(shown, text, r.vague.iter().map(|s| &s.id), errors);
                    if errors.len() == before {
                        self.numbers.merge(r);
                    }
                }
            }
            "qualifiers.yaml" => {
                if let Some(r) = parse::<QualifierRules>(shown, text, errors) {
                    check_ids(shown, text, r.qualifiers.iter().map(|q| &q.id), errors);
                    check_ids(shown, text, r.range_joiners.iter().map(|q| &q.id), errors);
                    for q in &r.qualifiers {
                        if crate::quantity::Qualifier::from_id(&q.id).is_none() {
                            errors.push(at_id(shown, text, &q.id, "unknown qualifier; use one of exact, about, nearly, more_than, at_least, less_than, at_most, up_to"));
                        }
                    }
                    if errors.len() == before {
                        self.qualifiers.merge(r);
                    }
                }
            }
            "currencies.yaml" => {
                if let Some(r) = parse::<CurrencyRules>(shown, text, errors) {
                    check_ids(shown, text, r.currencies.iter().map(|c| &c.id), errors);
                    if errors.len() == before {
                        self.currencies.merge(r);
                    }
                }
            }
            "units.yaml" => {
                if let Some(r) = parse::<UnitRules>(shown, text, errors) {
                    self.units.merge(r);
                }
            }
            "dates.yaml" => {
                if let Some(r) = parse::<DateRules>(shown, text, errors) {
                    self.dates.merge(r);
                }
            }
            _ => unreachable!("file kinds come from BUILTIN_FILES"),
        }
    }

    fn validate(&self, errors: &mut Vec<RuleError>) {
        let mut seen: BTreeMap<String, String> = BTreeMap::new();
        for c in &self.currencies.currencies {
            for s in &c.symbols {
                if let Some(other) = seen.insert(s.clone(), c.id.clone()) {
                    if other != c.id {
                        errors.push(RuleError {
                            file: "rules/currencies.yaml".into(),
                            line: 1,
                            column: 1,
                            rule: Some(c.id.clone()),
                            message: format!(
                                "symbol {s:?} is also claimed by {other}; give each symbol to one currency"
                            ),
                        });
                    }
                }
            }
        }
    }
}

/// Parses one rule file, turning a YAML error into a located rule error.
fn parse<T: serde::de::DeserializeOwned>(shown: &str, text: &str, errors: &mut Vec<RuleError>) -> Option<T> {
    match serde_yaml::from_str::<T>(text) {
        Ok(v) => Some(v),
        Err(e) => {
            let (line, column) = e.location().map_or((1, 1), |l| (l.line(), l.column()));
            let message = e.to_string();
            let message = message.split(" at line ").next().unwrap_or(&message).to_string();
            errors.push(RuleError { file: shown.to_string(), line, column, rule: None, message });
            None
        }
    }
}

/// The line and column of `id: <id>` in a rule file, for error messages.
pub fn locate_id(text: &str, id: &str) -> (usize, usize) {
    locate_nth_id(text, id, 0)
}

fn locate_nth_id(text: &str, id: &str, nth: usize) -> (usize, usize) {
    let mut found = 0;
    for (i, line) in text.lines().enumerate() {
        for pat in [format!("id: {id}"), format!("id: \"{id}\""), format!("id: '{id}'")] {
            if let Some(col) = line.find(&pat) {
                let after = &line[col + pat.len()..];
                if after.is_empty() || after.starts_with([',', '}', ' ']) {
                    if found == nth {
                        return (i + 1, line[..col].chars().count() + 1);
                    }
                    found += 1;
                    break;
                }
            }
        }
    }
    (1, 1)
}

/// A rule error placed at the rule with id `id`.
pub fn at_id(shown: &str, text: &str, id: &str, message: &str) -> RuleError {
    let (line, column) = locate_id(text, id);
    RuleError { file: shown.to_string(), line, column, rule: Some(id.to_string()), message: message.to_string() }
}

fn check_ids<'a>(shown: &str, text: &str, ids: impl Iterator<Item = &'a String>, errors: &mut Vec<RuleError>) {
    let mut seen: BTreeMap<&str, usize> = BTreeMap::new();
    for id in ids {
        let n = seen.entry(id.as_str()).or_insert(0);
        if *n > 0 {
            let (line, column) = locate_nth_id(text, id, *n);
            errors.push(RuleError {
                file: shown.to_string(),
                line,
                column,
                rule: Some(id.clone()),
                message: "duplicate id; each rule in a file needs its own id".into(),
            });
        }
        *n += 1;
    }
}

/// Folding a later rule file into an earlier one: lists of rules merge by id
/// (the later rule replaces the earlier), word lists and tables add up.
trait Merge {
    fn merge(&mut self, other: Self);
}

trait HasId {
    fn id(&self) -> &str;
}

macro_rules! has_id {
    ($($t:ty),*) => { $(impl HasId for $t { fn id(&self) -> &str { &self.id } })* };
}
has_id!(Scale, Abbreviation, Vague, QualifierRule, RangeJoiner, CurrencyRule);

fn merge_by_id<T: HasId>(base: &mut Vec<T>, other: Vec<T>) {
    for item in other {
        if let Some(slot) = base.iter_mut().find(|b| b.id() == item.id()) {
            *slot = item;
        } else {
            base.push(item);
        }
    }
}

fn merge_words(base: &mut Vec<String>, other: Vec<String>) {
    let seen: HashSet<String> = base.iter().cloned().collect();
    base.extend(other.into_iter().filter(|w| !seen.contains(w)));
}

fn merge_examples(base: &mut Vec<Example>, other: Vec<Example>) {
    base.extend(other);
}

impl Merge for NumberRules {
    fn merge(&mut self, o: Self) {
        self.units.extend(o.units);
        self.teens.extend(o.teens);
        self.tens.extend(o.tens);
        merge_by_id(&mut self.group_multipliers, o.group_multipliers);
        merge_by_id(&mut self.scales, o.scales);
        merge_by_id(&mut self.abbreviations, o.abbreviations);
        merge_words(&mut self.decimal_point, o.decimal_point);
        self.fractions.extend(o.fractions);
        self.compound_fractions.extend(o.compound_fractions);
        merge_words(&mut self.standalone_fractions, o.standalone_fractions);
        merge_words(&mut self.scale_fractions, o.scale_fractions);
        merge_words(&mut self.ratio_words, o.ratio_words);
        self.fraction_characters.extend(o.fraction_characters);
        merge_words(&mut self.negative_words, o.negative_words);
        merge_by_id(&mut self.vague, o.vague);
        if o.vague_qualifier.is_some() {
            self.vague_qualifier = o.vague_qualifier;
        }
        merge_words(&mut self.pronoun_one_after, o.pronoun_one_after);
        merge_words(&mut self.article_words, o.article_words);
        merge_examples(&mut self.examples, o.examples);
        merge_words(&mut self.counter_examples, o.counter_examples);
    }
}

impl Merge for QualifierRules {
    fn merge(&mut self, o: Self) {
        merge_by_id(&mut self.qualifiers, o.qualifiers);
        merge_words(&mut self.inclusive_after, o.inclusive_after);
        merge_by_id(&mut self.range_joiners, o.range_joiners);
        merge_words(&mut self.range_openers, o.range_openers);
        merge_words(&mut self.bound_joiners, o.bound_joiners);
    }
}

impl Merge for CurrencyRules {
    fn merge(&mut self, o: Self) {
        if o.default_dollar.is_some() {
            self.default_dollar = o.default_dollar;
        }
        merge_words(&mut self.dollar_forms, o.dollar_forms);
        merge_by_id(&mut self.currencies, o.currencies);
        self.scaled_code_prefixes.extend(o.scaled_code_prefixes);
        merge_words(&mut self.counter_examples, o.counter_examples);
    }
}

impl Merge for UnitWords {
    fn merge(&mut self, o: Self) {
        merge_words(&mut self.after, o.after);
        merge_words(&mut self.before_of, o.before_of);
        merge_examples(&mut self.examples, o.examples);
        merge_words(&mut self.counter_examples, o.counter_examples);
    }
}

impl Merge for UnitRules {
    fn merge(&mut self, o: Self) {
        self.percent.merge(o.percent);
        self.points.merge(o.points);
    }
}

impl Merge for DateRules {
    fn merge(&mut self, o: Self) {
        merge_words(&mut self.months, o.months);
        if o.year_range.is_some() {
            self.year_range = o.year_range;
        }
        merge_words(&mut self.time_suffixes, o.time_suffixes);
        merge_words(&mut self.name_words, o.name_words);
        merge_examples(&mut self.examples, o.examples);
        merge_words(&mut self.counter_examples, o.counter_examples);
    }
}

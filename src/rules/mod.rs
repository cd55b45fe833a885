//! Rules: the YAML data that drives extraction. The defaults under `rules/`
//! are embedded in the binary; `--rules DIR` adds to them and overrides any
//! rule with the same id. Every problem in a rule file is reported with its
//! file, line, column and rule id, all of them in one run.

pub mod gate;
mod pattern;
mod schema;

#[cfg(test)]
pub(crate) use pattern::spans;
pub use pattern::{ascii_boundaries, compile as compile_pattern, is_plain, is_plain_char, narrowed_to_plain, Twin};

pub use schema::*;

use std::collections::{BTreeMap, HashMap, HashSet};
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
    ("entities.yaml", include_str!("../../rules/entities.yaml")),
    ("measures.yaml", include_str!("../../rules/measures.yaml")),
    ("claims.yaml", include_str!("../../rules/claims.yaml")),
    ("segment.yaml", include_str!("../../rules/segment.yaml")),
    ("compare.yaml", include_str!("../../rules/compare.yaml")),
    ("news.yaml", include_str!("../../rules/news.yaml")),
];

/// All rules, merged from the defaults and any `--rules` folders.
#[derive(Debug, Clone, Default)]
pub struct RuleSet {
    /// Entity rule files as read (name, text), to place errors found after merging.
    entity_files: Vec<(String, String)>,
    pub numbers: NumberRules,
    pub qualifiers: QualifierRules,
    pub currencies: CurrencyRules,
    pub units: UnitRules,
    pub dates: DateRules,
    pub entities: EntityRules,
    pub measures: MeasureRules,
    pub claims: ClaimRules,
    pub segment: crate::segment::SegmentRules,
    pub compare: CompareRules,
    pub news: NewsRules,
    /// The measure rules with their patterns compiled, in file order.
    pub compiled_measures: Vec<CompiledMeasure>,
    /// How many measures at the front of `compiled_measures` came from
    /// `--rules` folders: a house rule is tried before the built-in ones.
    house_measures: usize,
    /// Whether the embedded rules are loaded and folders are being added.
    loading_folders: bool,
    /// The moments of a trading day (`measures.yaml`'s `moments`), compiled, by id.
    pub compiled_moments: Vec<(String, regex::Regex)>,
    /// The attribution patterns, `{who}` filled in and compiled, by rule id.
    pub compiled_attribution: Vec<(String, regex::Regex)>,
    /// The date finder of `dates`, compiled once when the rules were
    /// checked ([`Self::load`]), for the extractor to take.
    pub compiled_dates: Option<crate::date::DateFinder>,
    /// The file each kind of rules (`dates.yaml`...) was last read from,
    /// to name in errors found once the files are merged.
    last_file: BTreeMap<String, String>,
}

/// The most words a list in a rule file may hold: the built-in lists hold
/// under 100; many thousands would make patterns too large to compile.
pub const MAX_LIST_WORDS: usize = 1000;

/// Rejects, with file, line and column, an empty word in a list or as a
/// key (it would match everywhere: every "in " a date) and a list of more
/// than [`MAX_LIST_WORDS`] words.
fn check_word_lists(shown: &str, text: &str, errors: &mut Vec<RuleError>) {
    if yaml_too_deep(text).is_some() {
        return;
    }
    let Ok(doc) = serde_yaml::from_str::<serde_yaml::Value>(text) else { return };
    let mut empty = false;
    let mut long: Vec<String> = Vec::new();
    walk_words(&doc, None, &mut empty, &mut long);
    if empty {
        let column_of = |l: &str| {
            let code = l.split(" #").next().unwrap_or(l);
            ["\"\"", "''"].iter().find_map(|q| code.find(q))
        };
        errors.push(error_at_first(shown, text, column_of, "an empty word matches everywhere; remove it".into()));
    }
    for key in long {
        let column_of = |l: &str| {
            let t = l.trim_start();
            (t.starts_with(&format!("{key}:")) || t.starts_with(&format!("- {key}:"))).then(|| l.len() - t.len())
        };
        let message = format!("more than {MAX_LIST_WORDS} words in `{key}`; split the list or use fewer words");
        errors.push(error_at_first(shown, text, column_of, message));
    }
}

/// An error at the first line of `text` where `column_of` finds a byte
/// column (line 1, column 1 when none does), with the rule it stands in.
fn error_at_first(shown: &str, text: &str, column_of: impl Fn(&str) -> Option<usize>, message: String) -> RuleError {
    let (line, column) = text
        .lines()
        .enumerate()
        .find_map(|(i, l)| column_of(l).map(|c| (i + 1, l[..c].chars().count() + 1)))
        .unwrap_or((1, 1));
    RuleError { file: shown.to_string(), line, column, rule: rule_at_line(text, line), message }
}

/// Walks a rule file for [`check_word_lists`]: `empty` when a word is
/// empty, and in `long` the keys of lists of too many words.
fn walk_words(v: &serde_yaml::Value, key: Option<&str>, empty: &mut bool, long: &mut Vec<String>) {
    use serde_yaml::Value;
    let name = || key.unwrap_or("(top)").to_string();
    match v {
        Value::Sequence(items) => {
            let words = items.iter().filter(|i| matches!(i, Value::String(_))).count();
            *empty |= items.iter().any(|i| matches!(i, Value::String(w) if w.trim().is_empty()));
            if words > MAX_LIST_WORDS {
                long.push(name());
            }
            for i in items {
                walk_words(i, key, empty, long);
            }
        }
        Value::Mapping(map) => {
            let words = map.keys().filter(|k| matches!(k, Value::String(_))).count();
            *empty |= map.keys().any(|k| matches!(k, Value::String(w) if w.trim().is_empty()));
            if words > MAX_LIST_WORDS {
                long.push(name());
            }
            for (k, v) in map {
                walk_words(v, k.as_str().or(key), empty, long);
            }
        }
        _ => {}
    }
}

/// A measure rule with its patterns compiled once.
#[derive(Debug, Clone)]
pub struct CompiledMeasure {
    pub rule: MeasureRule,
    pub before: Vec<regex::Regex>,
    pub after: Vec<regex::Regex>,
    pub context: Vec<regex::Regex>,
    pub relative_context: Vec<regex::Regex>,
    pub exclude: Vec<regex::Regex>,
    pub down: Vec<regex::Regex>,
    pub up: Vec<regex::Regex>,
    pub qualitative: Vec<regex::Regex>,
}

/// What `{who}` stands for in attribution patterns when the rules do not say.
pub const DEFAULT_WHO: &str = r"[A-Z][\w.’'-]*(?: [A-Za-z][\w.’'-]*){0,5}";

/// The kinds of value a measure may take.
pub const VALUE_KINDS: &[&str] = &["money", "percent", "count", "range", "date", "time", "list", "duration"];

impl RuleSet {
    /// The years a bare whole number may be (`year_range`, else 1800–2100).
    pub fn date_years(&self) -> (u32, u32) {
        self.dates.year_range.unwrap_or((1800, 2100))
    }

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
        set.loading_folders = true;
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
                match crate::source::read_capped(&path, crate::source::MAX_SETTINGS_BYTES) {
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
        errors.sort_by(|a, b| (&a.file, a.line, a.column).cmp(&(&b.file, b.line, b.column)));
        if errors.is_empty() {
            Ok(set)
        } else {
            Err(RuleErrors(errors))
        }
    }

    fn add_file(&mut self, shown: &str, kind: &str, text: &str, errors: &mut Vec<RuleError>) {
        let before = errors.len();
        // The embedded files are checked once, by a test, not on every run.
        if self.loading_folders {
            check_word_lists(shown, text, errors);
            if errors.len() > before {
                return;
            }
        }
        self.last_file.insert(kind.to_string(), shown.to_string());
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
            "entities.yaml" => {
                if let Some(r) = parse::<EntityRules>(shown, text, errors) {
                    check_ids(shown, text, r.entities.iter().map(|e| &e.id), errors);
                    if let Some(t) = r.fuzzy_threshold {
                        if !(0.0..=1.0).contains(&t) {
                            errors.push(RuleError {
                                file: shown.into(),
                                line: 1,
                                column: 1,
                                rule: None,
                                message: format!("fuzzy_threshold {t} must be between 0 and 1"),
                            });
                        }
                    }
                    if errors.len() == before {
                        self.entities.merge(r);
                        self.entity_files.push((shown.to_string(), text.to_string()));
                    }
                }
            }
            "measures.yaml" => {
                if let Some(r) = parse::<MeasureRules>(shown, text, errors) {
                    check_ids(shown, text, r.measures.iter().map(|m| &m.id), errors);
                    let mut compiled = Vec::new();
                    for m in &r.measures {
                        match compile_measure(m) {
                            Ok(c) => compiled.push(c),
                            Err(e) => errors.push(at_id(shown, text, &m.id, &e)),
                        }
                    }
                    let mut moments = Vec::new();
                    for m in &r.moments {
                        if m.words.is_empty() {
                            errors.push(at_id(shown, text, &m.id, "a moment needs at least one pattern in `words`"));
                        }
                        let joined = m.words.join("|");
                        match compile_pattern(&format!("(?:{joined})"), true) {
                            Ok(re) => moments.push((m.id.clone(), re)),
                            Err(e) => errors.push(at_id(
                                shown,
                                text,
                                &m.id,
                                &format!(
                                    "invalid regex in moment words: {}",
                                    e.to_string().lines().last().unwrap_or("")
                                ),
                            )),
                        }
                    }
                    if errors.len() == before {
                        for (id, re) in moments {
                            match self.compiled_moments.iter_mut().find(|(x, _)| *x == id) {
                                Some(slot) => slot.1 = re,
                                None => self.compiled_moments.push((id, re)),
                            }
                        }
                        if r.date_context_words.is_some() {
                            self.measures.date_context_words = r.date_context_words;
                        }
                        if r.date_scope_words.is_some() {
                            self.measures.date_scope_words = r.date_scope_words;
                        }
                        merge_by_id(&mut self.measures.measures, r.measures);
                        for c in compiled {
                            match self.compiled_measures.iter_mut().find(|x| x.rule.id == c.rule.id) {
                                Some(slot) => *slot = c,
                                None if self.loading_folders => {
                                    self.compiled_measures.insert(self.house_measures, c);
                                    self.house_measures += 1;
                                }
                                None => self.compiled_measures.push(c),
                            }
                        }
                    }
                }
            }
            "claims.yaml" => {
                if let Some(r) = parse::<ClaimRules>(shown, text, errors) {
                    check_ids(shown, text, r.attribution.iter().map(|a| &a.id), errors);
                    let who = r.attribution_who.clone().or_else(|| self.claims.attribution_who.clone());
                    let who = who.as_deref().unwrap_or(DEFAULT_WHO);
                    let mut compiled = Vec::new();
                    for a in &r.attribution {
                        match compile_pattern(&a.pattern.replace("{who}", &format!("(?P<who>{who})")), false) {
                            Ok(re) => compiled.push((a.id.clone(), re)),
                            Err(e) => {
                                let msg =
                                    format!("invalid regex in pattern: {}", e.to_string().lines().last().unwrap_or(""));
                                errors.push(at_id(shown, text, &a.id, &msg));
                            }
                        }
                    }
                    if let Some(t) = &r.list_tail {
                        if let Err(e) = compile_pattern(t, false) {
                            let line = text.lines().position(|l| l.starts_with("list_tail")).map_or(1, |k| k + 1);
                            let message =
                                format!("invalid regex in list_tail: {}", e.to_string().lines().last().unwrap_or(""));
                            errors.push(RuleError {
                                file: shown.into(),
                                line,
                                column: 1,
                                rule: Some("list_tail".into()),
                                message,
                            });
                        }
                    }
                    if errors.len() == before {
                        self.claims.merge(r);
                        for (id, re) in compiled {
                            match self.compiled_attribution.iter_mut().find(|(x, _)| *x == id) {
                                Some(slot) => slot.1 = re,
                                None => self.compiled_attribution.push((id, re)),
                            }
                        }
                    }
                }
            }
            "segment.yaml" => {
                if let Some(r) = parse::<crate::segment::SegmentRules>(shown, text, errors) {
                    merge_words(&mut self.segment.abbreviations, r.abbreviations);
                    self.segment.examples.extend(r.examples);
                }
            }
            "news.yaml" => {
                if let Some(r) = parse::<NewsRules>(shown, text, errors) {
                    for (k, p) in r.age_after.iter().chain(&r.age_before).chain(&r.furniture).enumerate() {
                        if let Err(e) = compile_pattern(p, false) {
                            let message = format!(
                                "invalid regex in age or furniture pattern {}: {}",
                                k + 1,
                                e.to_string().lines().last().unwrap_or("")
                            );
                            errors.push(RuleError {
                                file: shown.into(),
                                line: 1,
                                column: 1,
                                rule: Some("age".into()),
                                message,
                            });
                        }
                    }
                    if errors.len() == before {
                        self.news.merge(r);
                    }
                }
            }
            "compare.yaml" => {
                if let Some(mut r) = parse::<CompareRules>(shown, text, errors) {
                    // The numbers are replaced; the lists of measures are added to.
                    let add = |ours: &mut Vec<String>, theirs: &mut Vec<String>| {
                        let mut merged = std::mem::take(ours);
                        for m in theirs.drain(..) {
                            if !merged.contains(&m) {
                                merged.push(m);
                            }
                        }
                        *theirs = merged;
                    };
                    add(&mut self.compare.generic_measures, &mut r.generic_measures);
                    add(&mut self.compare.unnamed_figures, &mut r.unnamed_figures);
                    add(&mut self.compare.dates_of_many_events, &mut r.dates_of_many_events);
                    let mut families = std::mem::take(&mut self.compare.same_measures);
                    for f in r.same_measures.drain(..) {
                        if !families.contains(&f) {
                            families.push(f);
                        }
                    }
                    r.same_measures = families;
                    self.compare = r;
                }
            }
            _ => unreachable!("file kinds come from BUILTIN_FILES"),
        }
    }

    fn validate(&mut self, errors: &mut Vec<RuleError>) {
        // The date words, merged, must make patterns that compile.
        match crate::date::DateFinder::try_new(&self.dates, self.date_years()) {
            Ok(finder) => self.compiled_dates = Some(finder),
            Err(e) => errors.push(RuleError {
                file: self.last_file.get("dates.yaml").cloned().unwrap_or_else(|| "rules/dates.yaml".into()),
                line: 1,
                column: 1,
                rule: None,
                message: format!(
                    "the month, weekday and preposition words make a date pattern that does not compile ({}); use fewer words",
                    e.to_string().lines().last().unwrap_or("").trim()
                ),
            }),
        }
        // An alias claimed by two entities.
        let mut owner: BTreeMap<String, String> = BTreeMap::new();
        for e in &self.entities.entities {
            for a in &e.aliases {
                if let Some(other) = owner.insert(a.to_lowercase(), e.id.clone()) {
                    if other != e.id {
                        let (file, text) = self
                            .entity_files
                            .iter()
                            .rev()
                            .find(|(_, t)| t.contains(a.as_str()))
                            .cloned()
                            .unwrap_or_default();
                        let mut err = at_id(
                            &file,
                            &text,
                            &e.id,
                            &format!("alias {a:?} is also claimed by entity '{other}'; give each alias to one entity"),
                        );
                        if err.file.is_empty() {
                            err.file = "rules/entities.yaml".into();
                        }
                        errors.push(err);
                    }
                }
            }
        }

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
/// Where a YAML error is (1-based line and column) and what it says,
/// without the " at line L column C" the message repeats.
pub fn yaml_error_place(e: &serde_yaml::Error) -> (usize, usize, String) {
    let (line, column) = e.location().map_or((1, 1), |l| (l.line(), l.column()));
    let message = e.to_string();
    let message = message.split(" at line ").next().unwrap_or(&message).to_string();
    (line, column, message)
}

/// The deepest a YAML file crosscheck reads may nest brackets (`[`, `{`),
/// and the furthest its lines may be indented: rules and metadata nest a
/// few levels; thousands would only make the parser crawl.
pub const MAX_YAML_DEPTH: usize = 64;

/// Where (1-based line and column) `text` first nests deeper than
/// [`MAX_YAML_DEPTH`], if it does: read before the YAML is parsed.
pub fn yaml_too_deep(text: &str) -> Option<(usize, usize)> {
    let mut depth = 0usize;
    for (i, line) in text.lines().enumerate() {
        let indent = line.len() - line.trim_start_matches([' ', '-']).len();
        if indent > MAX_YAML_DEPTH * 4 {
            return Some((i + 1, 1));
        }
        let mut quote: Option<char> = None;
        for (col, c) in line.chars().enumerate() {
            match (quote, c) {
                (Some(q), c) if c == q => quote = None,
                (Some(_), _) => {}
                (None, '"' | '\'') => quote = Some(c),
                (None, '#') => break,
                (None, '[' | '{') => {
                    depth += 1;
                    if depth > MAX_YAML_DEPTH {
                        return Some((i + 1, col + 1));
                    }
                }
                (None, ']' | '}') => depth = depth.saturating_sub(1),
                _ => {}
            }
        }
    }
    None
}

fn parse<T: serde::de::DeserializeOwned>(shown: &str, text: &str, errors: &mut Vec<RuleError>) -> Option<T> {
    if let Some((line, column)) = yaml_too_deep(text) {
        let message = format!("nested more than {MAX_YAML_DEPTH} deep");
        errors.push(RuleError { file: shown.to_string(), line, column, rule: None, message });
        return None;
    }
    match serde_yaml::from_str::<T>(text) {
        Ok(v) => Some(v),
        Err(e) => {
            let (line, column, message) = yaml_error_place(&e);
            let rule = rule_at_line(text, line);
            errors.push(RuleError { file: shown.to_string(), line, column, rule, message });
            None
        }
    }
}

/// Compiles a measure's patterns, or says which one is wrong and why.
pub fn compile_measure(m: &MeasureRule) -> Result<CompiledMeasure, String> {
    for k in &m.kinds {
        if !VALUE_KINDS.contains(&k.as_str()) {
            return Err(format!("unknown kind {k:?}; use one of {}", VALUE_KINDS.join(", ")));
        }
    }
    if m.kinds.is_empty() {
        return Err("a measure needs at least one kind (money, percent, count, range, date, list, duration)".into());
    }
    if m.before.is_empty() && m.after.is_empty() && m.context.is_empty() && m.qualitative.is_empty() && !m.fallback {
        return Err(
            "measure has no trigger: give it before, after or context patterns, or mark it `fallback: true`".into()
        );
    }
    let build = |field: &str, pats: &[String]| -> Result<Vec<regex::Regex>, String> {
        pats.iter()
            .map(|p| {
                compile_pattern(p, true).map_err(|e| {
                    format!("invalid regex in {field} {p:?}: {}", e.to_string().lines().last().unwrap_or(""))
                })
            })
            .collect()
    };
    let dir = m.direction.clone().unwrap_or_default();
    Ok(CompiledMeasure {
        before: build("before", &m.before)?,
        after: build("after", &m.after)?,
        context: build("context", &m.context)?,
        relative_context: build("relative_context", &m.relative_context)?,
        exclude: build("exclude", &m.exclude)?,
        down: build("direction.down", &dir.down)?,
        up: build("direction.up", &dir.up)?,
        qualitative: build("qualitative", &m.qualitative)?,
        rule: m.clone(),
    })
}

/// The id of the rule whose text holds `line`: the last `id:` at or before it.
fn rule_at_line(text: &str, line: usize) -> Option<String> {
    let mut found = None;
    for l in text.lines().take(line) {
        if let Some(k) = l.find("id: ") {
            let rest = l[k + 4..].trim_start_matches(['"', '\'']);
            let id: String =
                rest.chars().take_while(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '.' | ':')).collect();
            if !id.is_empty() {
                found = Some(id);
            }
        }
    }
    found
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
has_id!(Scale, Abbreviation, Vague, QualifierRule, RangeJoiner, CurrencyRule, EntityRule, MeasureRule, AttributionRule);

fn merge_by_id<T: HasId>(base: &mut Vec<T>, other: Vec<T>) {
    // Where each id is, found by hash: tens of thousands of rules merge in linear time.
    let mut at: HashMap<String, usize> = HashMap::new();
    for (k, b) in base.iter().enumerate() {
        at.entry(b.id().to_string()).or_insert(k);
    }
    for item in other {
        match at.get(item.id()) {
            Some(&k) => base[k] = item,
            None => {
                at.insert(item.id().to_string(), base.len());
                base.push(item);
            }
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
        merge_words(&mut self.not_after, o.not_after);
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

impl Merge for EntityRules {
    fn merge(&mut self, o: Self) {
        if o.fuzzy_threshold.is_some() {
            self.fuzzy_threshold = o.fuzzy_threshold;
        }
        merge_words(&mut self.org_markers, o.org_markers);
        merge_words(&mut self.corporate_suffixes, o.corporate_suffixes);
        merge_words(&mut self.not_names, o.not_names);
        merge_by_id(&mut self.entities, o.entities);
        self.examples.extend(o.examples);
        merge_words(&mut self.counter_examples, o.counter_examples);
    }
}

impl Merge for ClaimRules {
    fn merge(&mut self, o: Self) {
        if o.count_noun_window.is_some() {
            self.count_noun_window = o.count_noun_window;
        }
        merge_words(&mut self.irregular_plurals, o.irregular_plurals);
        merge_words(&mut self.count_stop_words, o.count_stop_words);
        merge_words(&mut self.not_count_nouns, o.not_count_nouns);
        for c in o.count_nouns {
            if let Some(slot) = self.count_nouns.iter_mut().find(|x| x.measure == c.measure) {
                merge_words(&mut slot.nouns, c.nouns);
            } else {
                self.count_nouns.push(c);
            }
        }
        self.duration_nouns.extend(o.duration_nouns);
        merge_words(&mut self.descriptive_before, o.descriptive_before);
        merge_words(&mut self.pronoun_after_one, o.pronoun_after_one);
        merge_words(&mut self.clause_boundaries, o.clause_boundaries);
        merge_words(&mut self.company_references, o.company_references);
        merge_by_id(&mut self.attribution, o.attribution);
        if o.attribution_who.is_some() {
            self.attribution_who = o.attribution_who;
        }
        merge_words(&mut self.attribution_not_who, o.attribution_not_who);
        merge_words(&mut self.aside_openers, o.aside_openers);
        merge_words(&mut self.deal_objects, o.deal_objects);
        merge_words(&mut self.list_triggers, o.list_triggers);
        if o.list_tail.is_some() {
            self.list_tail = o.list_tail;
        }
    }
}

impl Merge for DateRules {
    fn merge(&mut self, o: Self) {
        self.months.extend(o.months);
        if o.year_range.is_some() {
            self.year_range = o.year_range;
        }
        merge_words(&mut self.time_suffixes, o.time_suffixes);
        merge_words(&mut self.name_words, o.name_words);
        merge_words(&mut self.weekdays, o.weekdays);
        merge_words(&mut self.month_prepositions, o.month_prepositions);
        merge_words(&mut self.year_prepositions, o.year_prepositions);
        merge_words(&mut self.future_prepositions, o.future_prepositions);
        merge_words(&mut self.month_modifiers, o.month_modifiers);
        merge_words(&mut self.past_month_modifiers, o.past_month_modifiers);
        merge_words(&mut self.future_month_modifiers, o.future_month_modifiers);
        merge_words(&mut self.future_day_words, o.future_day_words);
        merge_words(&mut self.past_words, o.past_words);
        merge_words(&mut self.future_words, o.future_words);
        merge_examples(&mut self.examples, o.examples);
        merge_words(&mut self.counter_examples, o.counter_examples);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_files_hold_no_empty_word_and_no_oversized_list() {
        // Checked here once: a run checks only the files of --rules folders.
        for (name, text) in BUILTIN_FILES {
            let mut errors = Vec::new();
            check_word_lists(name, text, &mut errors);
            assert!(errors.is_empty(), "{name}: {errors:?}");
            assert_eq!(yaml_too_deep(text), None, "{name}");
        }
    }

    #[test]
    fn word_list_errors_point_at_the_word_and_the_list() {
        let mut errors = Vec::new();
        check_word_lists("d.yaml", "# words\nweekdays: [Monday, '']\n", &mut errors);
        assert_eq!((errors[0].line, errors[0].column), (2, 20));
        let long = format!("x: 1\nmonths: [{}]\n", (0..1001).map(|i| format!("m{i}")).collect::<Vec<_>>().join(", "));
        let mut errors = Vec::new();
        check_word_lists("d.yaml", &long, &mut errors);
        assert_eq!((errors[0].line, errors[0].column), (2, 1));
        assert!(errors[0].message.contains("`months`"));
    }

    #[test]
    fn the_date_finder_is_compiled_once_with_the_rules() {
        assert!(RuleSet::builtin().compiled_dates.is_some());
    }
}

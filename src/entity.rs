//! Entities: finding the organisations, countries and outlets a text names,
//! by alias (one Aho-Corasick automaton over every alias), by similarity for
//! near-variants (strsim), and by shape for organisations no rule knows
//! ("Xiamen Meiya Pico Information Co").

use crate::rules::EntityRules;
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};
use regex::Regex;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use serde::Serialize;
use std::sync::Arc;

/// What sort of thing an entity is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum EntityKind {
    Company,
    Country,
    Media,
    Organization,
    Person,
    Place,
    /// A capitalised name no rule knows and whose shape says nothing more.
    Name,
}

impl EntityKind {
    fn from_id(id: &str) -> Self {
        match id {
            "company" => Self::Company,
            "country" => Self::Country,
            "media" => Self::Media,
            "organization" | "organisation" => Self::Organization,
            "person" => Self::Person,
            "place" => Self::Place,
            _ => Self::Name,
        }
    }

    /// An entity a claim can be about (media and unknown names cannot).
    pub fn can_be_subject(self) -> bool {
        matches!(self, Self::Company | Self::Country | Self::Organization)
    }
}

/// A name found in text.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Mention {
    pub start: usize,
    pub end: usize,
    /// The canonical name ("Hikvision"), shared by its mentions.
    pub name: Arc<str>,
    pub kind: EntityKind,
    /// Resolved through a rule (by alias or similarity), not by shape alone.
    pub known: bool,
}

/// Finds entity mentions. Build once per run (a clone shares the matcher's
/// memory of resolved runs: its rules are the same).
#[derive(Clone)]
pub struct EntityMatcher {
    automaton: AhoCorasick,
    /// For each alias pattern: the entity it names.
    alias_entity: Vec<usize>,
    aliases: Vec<String>,
    entities: Vec<(Arc<str>, EntityKind)>,
    threshold: f64,
    org_markers: HashSet<String>,
    suffixes: HashSet<String>,
    not_names: HashSet<String>,
    words: CapitalisedWords,
    /// Aliases that near-variants are compared with, without their suffixes.
    fuzzy: Vec<FuzzyAlias>,
    /// Tells this matcher's remembered runs from another's.
    id: u64,
}

/// Finds capitalised words: an uppercase letter (`\p{Lu}`) and the letters,
/// digits and `&’'.-` after it, as the regex `\p{Lu}[\p{L}\p{N}&’'.-]*`
/// would, leftmost first and longest. ASCII is read by hand; the classes of
/// other characters are asked of two one-character regexes.
#[derive(Clone)]
struct CapitalisedWords {
    upper: Regex,
    letter_or_digit: Regex,
}

impl CapitalisedWords {
    fn new() -> Self {
        Self {
            upper: Regex::new(r"^\p{Lu}$").expect("static regex"),
            letter_or_digit: Regex::new(r"^[\p{L}\p{N}]$").expect("static regex"),
        }
    }

    fn is(&self, re: &Regex, c: char) -> bool {
        re.is_match(c.encode_utf8(&mut [0; 4]))
    }

    /// `\p{Lu}`. Every such letter is alphabetic: other characters (curly
    /// quotes, dashes) are told apart without the regex.
    fn starts(&self, c: char) -> bool {
        if c.is_ascii() {
            c.is_ascii_uppercase()
        } else {
            c.is_alphabetic() && self.is(&self.upper, c)
        }
    }

    /// `[\p{L}\p{N}&’'.-]`. Letters are alphabetic and `\p{N}` is what
    /// `char::is_numeric` holds, so other characters are told apart without the regex.
    fn continues(&self, c: char) -> bool {
        if c.is_ascii() {
            continues_ascii(c as u8)
        } else {
            c == '’' || (c.is_alphanumeric() && self.is(&self.letter_or_digit, c))
        }
    }

    /// Byte spans of the capitalised words in `text`, in order.
    fn find_iter<'t>(&'t self, text: &'t str) -> impl Iterator<Item = (usize, usize)> + 't {
        let mut from = 0;
        std::iter::from_fn(move || loop {
            // ASCII bytes other than capitals are skipped without decoding.
            let start = from + first_capital_or_wide(text.as_bytes().get(from..)?)?;
            let first = text[start..].chars().next()?;
            let after = start + first.len_utf8();
            if !self.starts(first) {
                from = after;
                continue;
            }
            // ASCII bytes are told apart without decoding; the rest of the word, if any, by character.
            let ascii_end =
                text.as_bytes()[after..].iter().position(|&b| !continues_ascii(b)).map_or(text.len(), |k| after + k);
            let end = if text.as_bytes().get(ascii_end).is_some_and(|b| !b.is_ascii()) {
                text[ascii_end..]
                    .char_indices()
                    .find(|&(_, c)| !self.continues(c))
                    .map_or(text.len(), |(k, _)| ascii_end + k)
            } else {
                ascii_end
            };
            from = end;
            return Some((start, end));
        })
    }
}

/// Where the first byte of `bytes` that is an ASCII capital or not ASCII
/// stands: most of a sentence is lower-case letters and spaces, skipped a
/// block at a time.
fn first_capital_or_wide(bytes: &[u8]) -> Option<usize> {
    crate::quantity::lexer::first_byte(bytes, |b| !b.is_ascii() || b.is_ascii_uppercase())
}

/// The ASCII characters a capitalised word goes on with: letters, digits, `&'.-`.
fn continues_ascii(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'&' | b'\'' | b'.' | b'-')
}

/// The order [`EntityMatcher::find_at`] takes alias occurrences in: by
/// start, the longest first.
pub fn alias_order(&(start, end, _): &(usize, usize, usize)) -> (usize, std::cmp::Reverse<usize>) {
    (start, std::cmp::Reverse(end))
}

/// Capitalised runs already resolved by one matcher (its id), by their words.
#[derive(Default)]
struct ResolvedRuns {
    owner: u64,
    runs: HashMap<Box<str>, Option<Mention>>,
}

/// An alias prepared for similarity matching.
#[derive(Clone)]
struct FuzzyAlias {
    first: char,
    core: String,
    alias: usize,
}

impl EntityMatcher {
    /// A matcher for these rules.
    pub fn new(rules: &EntityRules) -> Self {
        let mut aliases = Vec::new();
        let mut alias_entity = Vec::new();
        let mut entities = Vec::new();
        // Aliases already taken, found by hash: the first entity to give one keeps it.
        let mut taken: HashSet<&str> = HashSet::default();
        for (i, e) in rules.entities.iter().enumerate() {
            entities.push((e.name.as_str().into(), EntityKind::from_id(&e.kind)));
            for a in e.aliases.iter().chain(std::iter::once(&e.name)) {
                if taken.insert(a.as_str()) {
                    aliases.push(a.clone());
                    alias_entity.push(i);
                }
            }
        }
        let automaton = AhoCorasickBuilder::new()
            .match_kind(MatchKind::LeftmostLongest)
            .kind(Some(AhoCorasickKind::DFA))
            .build(&aliases)
            .expect("alias automaton builds from plain strings");
        let set = |v: &[String]| v.iter().map(|s| s.trim_end_matches('.').to_string()).collect::<HashSet<_>>();
        let suffixes = set(&rules.corporate_suffixes);
        let fuzzy = aliases
            .iter()
            .enumerate()
            .filter(|(_, a)| a.len() >= 5 && a.is_ascii())
            .filter_map(|(k, a)| {
                let core = strip(&suffixes, a);
                Some(FuzzyAlias { first: core.chars().next()?.to_ascii_lowercase(), core, alias: k })
            })
            .collect();
        static MATCHERS: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
        Self {
            id: MATCHERS.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
            fuzzy,
            automaton,
            alias_entity,
            aliases,
            entities,
            threshold: rules.fuzzy_threshold.unwrap_or(0.93),
            org_markers: set(&rules.org_markers),
            suffixes,
            not_names: set(&rules.not_names),
            words: CapitalisedWords::new(),
        }
    }

    /// Every entity mention in `text`, in order, without overlaps.
    pub fn find(&self, text: &str) -> Vec<Mention> {
        self.mentions(text, self.automaton.find_iter(text).map(|m| (m.start(), m.end(), m.pattern().as_usize())))
    }

    /// The aliases [`Self::find_at`] wants the occurrences of, by number.
    pub fn aliases(&self) -> &[String] {
        &self.aliases
    }

    /// [`Self::find`], given every occurrence in `text` of every alias
    /// ignoring ASCII case (start, end, alias number), ordered by start and
    /// longest first (see [`alias_order`]), as one search made for other
    /// words as well found them. Aliases match with their case; the longest
    /// of those starting leftmost is taken, then the next after it, as the
    /// alias automaton does.
    pub fn find_at(&self, text: &str, occurrences: &[(usize, usize, usize)]) -> Vec<Mention> {
        debug_assert!(occurrences.windows(2).all(|w| alias_order(&w[0]) <= alias_order(&w[1])));
        let mut taken_to = 0;
        let picked = occurrences.iter().copied().filter(move |&(start, end, alias)| {
            let take = start >= taken_to && text.as_bytes()[start..end] == *self.aliases[alias].as_bytes();
            if take {
                taken_to = end;
            }
            take
        });
        self.mentions(text, picked)
    }

    /// The mentions of the alias matches and of the capitalised runs between them.
    fn mentions(&self, text: &str, aliases: impl Iterator<Item = (usize, usize, usize)>) -> Vec<Mention> {
        let mut out: Vec<Mention> = Vec::new();
        for (start, end, alias) in aliases {
            if !word_bounded(text, start, end) {
                continue;
            }
            let (name, kind) = &self.entities[self.alias_entity[alias]];
            out.push(Mention { start, end, name: name.clone(), kind: *kind, known: true });
        }
        for (start, end) in self.runs(text) {
            if out.iter().any(|m| m.start < end && start < m.end) {
                continue;
            }
            if let Some(m) = self.resolve_run_cached(text, start, end) {
                out.push(m);
            }
        }
        out.sort_by_key(|m| (m.start, m.end));
        out
    }

    /// Capitalised runs: "Xiamen Meiya Pico Information Co", "Yixin Science and Technology Co".
    fn runs(&self, text: &str) -> Vec<(usize, usize)> {
        // Room for a capitalised word every 16 bytes (a sentence seldom holds
        // more, and the list is not copied as it grows), up to a bound.
        let mut words: Vec<(usize, usize)> = Vec::with_capacity((text.len() / 16 + 1).min(256));
        words.extend(self.words.find_iter(text).filter(|&(start, end)| word_bounded(text, start, end)).map(
            |(start, end)| {
                let s = &text[start..end];
                let trimmed = s.trim_end_matches(['.', '’', '\'', '-']);
                let trimmed = trimmed.strip_suffix("’s").or_else(|| trimmed.strip_suffix("'s")).unwrap_or(trimmed);
                (start, start + trimmed.len())
            },
        ));
        let mut runs: Vec<(usize, usize)> = Vec::with_capacity(words.len());
        let mut i = 0;
        while i < words.len() {
            let (start, mut end) = words[i];
            let mut j = i + 1;
            while j < words.len() {
                let gap = &text[end..words[j].0];
                let word = &text[words[j].0..words[j].1];
                let joins = gap == " " || ((gap == " and " || gap == " & ") && self.suffixes.contains(word));
                if !joins
                    || text[words[j - 1].0..words[j - 1].1].ends_with('.')
                        && !self.suffixes.contains(text[words[j - 1].0..words[j - 1].1].trim_end_matches('.'))
                {
                    break;
                }
                end = words[j].1;
                j += 1;
            }
            runs.push((start, end));
            i = j;
        }
        runs
    }

    /// `resolve_run`, remembered per thread by the run's words: an archive
    /// names the same few thousand things again and again, and scoring a
    /// run against every near alias is the costly part.
    fn resolve_run_cached(&self, text: &str, start: usize, end: usize) -> Option<Mention> {
        /// Runs remembered per thread before the memory starts afresh.
        const REMEMBERED: usize = 1 << 14;
        thread_local! {
            static RESOLVED: std::cell::RefCell<ResolvedRuns> = std::cell::RefCell::new(ResolvedRuns::default());
        }
        let run = &text[start..end];
        // The cache belongs to one matcher: another (other rules) starts it afresh.
        let owner = self.id;
        let found = RESOLVED.with(|cell| {
            let memory = &mut *cell.borrow_mut();
            if memory.owner != owner {
                memory.owner = owner;
                memory.runs.clear();
            }
            memory.runs.get(run).cloned()
        });
        let resolved = match found {
            Some(hit) => hit,
            None => {
                let fresh = self.resolve_run(run, 0, run.len());
                RESOLVED.with(|cell| {
                    let runs = &mut cell.borrow_mut().runs;
                    if runs.len() >= REMEMBERED {
                        runs.clear();
                    }
                    runs.insert(run.into(), fresh.clone());
                });
                fresh
            }
        };
        resolved.map(|m| {
            // A name followed by a stock ticker is a listed company: "Broadcom (AVGO)".
            let kind =
                if m.kind == EntityKind::Name && ticker_follows(&text[end..]) { EntityKind::Company } else { m.kind };
            Mention { start: start + m.start, end: start + m.end, kind, ..m }
        })
    }

    fn resolve_run(&self, text: &str, mut start: usize, end: usize) -> Option<Mention> {
        // Drop function words that start a sentence ("The", "Shares").
        loop {
            let run = &text[start..end];
            let first = run.split(' ').next().unwrap_or("");
            if self.not_names.contains(first.trim_end_matches('.')) {
                let next = run.find(' ')?;
                start += next + 1;
            } else {
                break;
            }
        }
        let run = &text[start..end];
        if run.is_empty() {
            return None;
        }
        let core = self.strip_suffixes(run);
        // Near-variants of a known alias: only aliases of about the same
        // length and first letter can reach the threshold, so only those are scored.
        let mut best: Option<(f64, usize)> = None;
        let first = core.chars().next().map(|c| c.to_ascii_lowercase());
        for f in &self.fuzzy {
            if Some(f.first) != first || f.core.len().abs_diff(core.len()) > 3 {
                continue;
            }
            let score = strsim::jaro_winkler(&core, &f.core).max(strsim::jaro_winkler(run, &self.aliases[f.alias]));
            if score >= self.threshold && best.is_none_or(|(b, _)| score > b) {
                best = Some((score, f.alias));
            }
        }
        if let Some((_, k)) = best {
            let (name, kind) = &self.entities[self.alias_entity[k]];
            return Some(Mention { start, end, name: name.clone(), kind: *kind, known: true });
        }
        let last = run.rsplit(' ').next().unwrap_or("").trim_end_matches('.');
        let kind = if self.org_markers.contains(last) { EntityKind::Company } else { EntityKind::Name };
        let name = if core.is_empty() { run.into() } else { core.into() };
        Some(Mention { start, end, name, kind, known: false })
    }

    /// A name without its corporate suffixes: "Yixin Science and Technology Co" is "Yixin".
    pub fn strip_suffixes(&self, name: &str) -> String {
        strip(&self.suffixes, name)
    }
}

/// Whether `after` opens with a stock ticker in brackets: " (AVGO)",
/// " (NASDAQ: QCOM)", " (BRK.B)".
fn ticker_follows(after: &str) -> bool {
    let Some(inner) = after.strip_prefix(" (").and_then(|r| r.split_once(')')).map(|(t, _)| t) else {
        return false;
    };
    let symbol = inner.rsplit_once(": ").map_or(inner, |(exchange, symbol)| {
        if exchange.bytes().all(|b| b.is_ascii_uppercase()) {
            symbol
        } else {
            ""
        }
    });
    let (root, class) = symbol.split_once('.').unwrap_or((symbol, "A"));
    (1..=5).contains(&root.len())
        && root.bytes().all(|b| b.is_ascii_uppercase())
        && (1..=2).contains(&class.len())
        && class.bytes().all(|b| b.is_ascii_uppercase())
}

fn strip(suffixes: &HashSet<String>, name: &str) -> String {
    let mut end = name.len();
    while let Some(space) = name[..end].rfind(' ') {
        if suffixes.contains(name[space + 1..end].trim_end_matches('.')) {
            end = space;
        } else {
            break;
        }
    }
    name[..end].to_string()
}

fn word_bounded(text: &str, start: usize, end: usize) -> bool {
    let bytes = text.as_bytes();
    // A name starting in ASCII is no CJK name; one starting with a CJK ideograph needs no boundary.
    let cjk = |c: char| matches!(c as u32, 0x3400..=0x9FFF);
    if bytes.get(start).is_some_and(|b| !b.is_ascii()) && text[start..].chars().next().is_some_and(cjk) {
        return true;
    }
    // ASCII neighbours are told apart by their byte; others are decoded.
    let before = match start.checked_sub(1).map(|k| bytes[k]) {
        None => false,
        Some(b) if b.is_ascii() => b.is_ascii_alphanumeric(),
        Some(_) => text[..start].chars().next_back().is_some_and(char::is_alphanumeric),
    };
    // "US$4 billion" names a currency, not a country.
    let after = match bytes.get(end) {
        None => false,
        Some(&b) if b.is_ascii() => b.is_ascii_alphanumeric() || b == b'$',
        Some(_) => text[end..].chars().next().is_some_and(char::is_alphanumeric),
    };
    !before && !after
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::RuleSet;

    fn names(text: &str) -> Vec<String> {
        EntityMatcher::new(&RuleSet::builtin().entities).find(text).into_iter().map(|m| m.name.to_string()).collect()
    }

    #[test]
    fn aliases_in_any_script_resolve_to_one_name() {
        assert_eq!(
            names("Hangzhou Hikvision Digital Technology Co (杭州海康威視數字技術) said"),
            vec!["Hikvision", "Hikvision"]
        );
        assert_eq!(names("Hikvision’s cameras"), vec!["Hikvision"]);
    }

    #[test]
    fn near_variants_and_unknown_organisations_resolve() {
        assert_eq!(names("shares of Hikvison fell"), vec!["Hikvision"]);
        assert_eq!(names("data recovery firm Xiamen Meiya Pico Information Co"), vec!["Xiamen Meiya Pico"]);
        assert_eq!(names("and Yixin Science and Technology Co."), vec!["Yixin"]);
        assert_eq!(names("Shenzhen Foobar Widget Co said"), vec!["Shenzhen Foobar Widget"]);
    }

    #[test]
    fn a_name_followed_by_a_ticker_is_a_listed_company() {
        // The first name of the text, and what it is.
        let kind = |text: &str| -> Option<(String, EntityKind)> {
            EntityMatcher::new(&RuleSet::builtin().entities).find(text).first().map(|m| (m.name.to_string(), m.kind))
        };
        let company = Some(("Zentrova".to_string(), EntityKind::Company));
        assert_eq!(kind("Zentrova (ZNTV) fell 3% on Monday."), company);
        assert_eq!(kind("Zentrova (NASDAQ: ZNTV) fell."), company);
        assert_eq!(kind("Zentrova (BRK.B) fell."), company);
        // A bracketed word is no ticker: "(pictured)", "(AP Photo)".
        let name = Some(("Zentrova".to_string(), EntityKind::Name));
        assert_eq!(kind("Zentrova (pictured) fell."), name);
        assert_eq!(kind("Zentrova (AP Photo) fell."), name);
    }

    #[test]
    fn remembered_runs_belong_to_their_matcher() {
        let builtin = RuleSet::builtin().entities;
        let mut house = builtin.clone();
        house.entities.push(crate::rules::EntityRule {
            id: "zorblax".into(),
            name: "Zorblax Holdings".into(),
            kind: "company".into(),
            aliases: vec!["Zorblax".into()],
        });
        let text = "Shares of Zorblaxx rose. Shares of Zorblaxx rose.";
        let first = EntityMatcher::new(&builtin).find(text);
        assert_eq!(first, EntityMatcher::new(&builtin).find(text));
        assert!(first.iter().all(|m| &*m.name != "Zorblax Holdings"), "{first:?}");
        // The same words, read by a matcher that knows the name: its own answer, not the first one's.
        let known = EntityMatcher::new(&house).find(text);
        assert_eq!(known.iter().filter(|m| &*m.name == "Zorblax Holdings").count(), 2, "{known:?}");
        assert_eq!(known[1].start, text.rfind("Zorblaxx").unwrap());
    }

    /// The hand-read capitalised words are the regex's matches.
    #[test]
    fn capitalised_words_are_the_regex_matches() {
        let re = Regex::new(r"\p{Lu}[\p{L}\p{N}&’'.-]*").unwrap();
        let words = CapitalisedWords::new();
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut texts: Vec<String> = Vec::new();
        for entry in std::fs::read_dir(root.join("seeds")).unwrap() {
            texts.push(std::fs::read_to_string(entry.unwrap().path()).unwrap());
        }
        texts.extend(
            [
                "iPhone AT&T U.S. O’Neil McDONALD’s",
                "Émile ÉCOLE ǅemal Ⅻ Ⓐb ΣΊΣΥΦΟΣ Москва Zürich2",
                "A",
                "a",
                "",
                "X-1 X.-",
                "Hangzhou Hikvision Digital Technology Co (杭州海康威視數字技術)",
                "क्षत्रिय Ａｂｃ",
                "Straße-Ärger",
                "end A",
            ]
            .map(str::to_string),
        );
        for text in &texts {
            let expected: Vec<(usize, usize)> = re.find_iter(text).map(|m| (m.start(), m.end())).collect();
            assert_eq!(words.find_iter(text).collect::<Vec<_>>(), expected, "{text}");
        }
    }

    proptest::proptest! {
        /// Any mix of capitals, letters, digits and punctuation from several
        /// scripts: the hand-read words are still the regex's matches.
        #[test]
        fn capitalised_words_are_the_regex_matches_in_any_text(text in "([A-Za-z0-9&’'.“” -]|\\PC)*") {
            let re = Regex::new(r"\p{Lu}[\p{L}\p{N}&’'.-]*").unwrap();
            let expected: Vec<(usize, usize)> = re.find_iter(&text).map(|m| (m.start(), m.end())).collect();
            proptest::prop_assert_eq!(CapitalisedWords::new().find_iter(&text).collect::<Vec<_>>(), expected);
        }

        /// Bytes read as ASCII where they are, the boundaries are what the
        /// decoded characters around a span say.
        #[test]
        fn word_bounds_read_from_bytes_are_the_decoded_ones(text in "[a-zA-Z0-9 $’é華,.-]{0,12}", cuts in proptest::collection::vec(0usize..40, 2)) {
            let bounds: Vec<usize> = (0..=text.len()).filter(|&k| text.is_char_boundary(k)).collect();
            let (a, b) = (bounds[cuts[0] % bounds.len()], bounds[cuts[1] % bounds.len()]);
            let (start, end) = (a.min(b), a.max(b));
            let before = text[..start].chars().next_back();
            let after = text[end..].chars().next();
            let decoded = text[start..].chars().next().is_some_and(|c| matches!(c as u32, 0x3400..=0x9FFF))
                || (!before.is_some_and(char::is_alphanumeric) && !after.is_some_and(|c| c.is_alphanumeric() || c == '$'));
            proptest::prop_assert_eq!(word_bounded(&text, start, end), decoded);
        }

        /// Read a block at a time, the first capital or wide byte is where a
        /// byte-by-byte search finds it, in a block, across blocks or in the tail.
        #[test]
        fn the_first_capital_or_wide_byte_is_found_block_by_block(text in "[a-z0-9 ,.'-]{0,70}([A-Zé’][a-z ]{0,40}){0,3}") {
            let bytes = text.as_bytes();
            for from in 0..=bytes.len() {
                let expected = bytes[from..].iter().position(|&b| !b.is_ascii() || b.is_ascii_uppercase());
                proptest::prop_assert_eq!(first_capital_or_wide(&bytes[from..]), expected);
            }
        }
    }

    #[test]
    fn short_aliases_need_word_boundaries() {
        assert_eq!(names("thus"), Vec::<String>::new());
        assert_eq!(names("The US said"), vec!["United States"]);
    }
}

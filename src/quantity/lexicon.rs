//! The rules compiled into lookup tables the scanner reads in one pass:
//! number words by spelling, phrases indexed by their first token.

use super::lexer::{digit_value, is_cjk, tokenize, TokenKind};
use super::Qualifier;
use crate::rules::{CodeUse, RuleSet};
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

/// What a number word means.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum NumWord {
    Unit(f64),
    Teen(f64),
    Tens(f64),
    /// Multiplies the group before it: hundred, dozen.
    Multiplier(f64),
    /// Closes a group: thousand, million...
    Scale(f64),
}

/// One token of a rule phrase.
#[derive(Debug, Clone)]
pub struct PhraseToken {
    pub text: String,
    /// No whitespace may stand before this token.
    pub glued: bool,
}

/// A phrase from the rules, as tokens.
#[derive(Debug, Clone)]
pub struct Phrase<T> {
    pub tokens: Vec<PhraseToken>,
    pub case_sensitive: bool,
    pub payload: T,
}

/// The first bytes and the lengths of a set's spellings, each a bit: a word
/// whose first byte or length no spelling has is not in the set, told
/// without hashing it. Most words a scanner asks about are in no set.
#[derive(Debug, Clone, Default)]
struct Shapes {
    first_bytes: [u64; 4],
    /// Bit `n` for length `n`; bit 63 for 63 bytes and more.
    lengths: u64,
}

impl Shapes {
    fn bit(n: usize) -> (usize, u64) {
        (n / 64, 1 << (n % 64))
    }

    fn add(&mut self, spelling: &str) {
        if let Some(&b) = spelling.as_bytes().first() {
            let (k, bit) = Self::bit(b.into());
            self.first_bytes[k] |= bit;
        }
        self.lengths |= Self::bit(spelling.len().min(63)).1;
    }

    /// Whether `word` may be one of the spellings added: false only when it
    /// is none of them.
    fn may_hold(&self, word: &str) -> bool {
        let first = match word.as_bytes().first() {
            Some(&b) => {
                let (k, bit) = Self::bit(b.into());
                self.first_bytes[k] & bit != 0
            }
            None => true,
        };
        first && self.lengths & Self::bit(word.len().min(63)).1 != 0
    }
}

/// Words the scanner looks up by spelling, each with what it means (`()`
/// for a plain set), with their [`Shapes`]: a word whose first byte or
/// length no spelling has is told missing without hashing it.
#[derive(Debug, Clone)]
pub struct Spellings<V> {
    map: HashMap<String, V>,
    shapes: Shapes,
}

impl<V> Default for Spellings<V> {
    fn default() -> Self {
        Self { map: HashMap::default(), shapes: Shapes::default() }
    }
}

impl<V> Spellings<V> {
    pub fn insert(&mut self, spelling: String, value: V) {
        self.shapes.add(&spelling);
        self.map.insert(spelling, value);
    }

    pub fn get(&self, word: &str) -> Option<&V> {
        if !self.shapes.may_hold(word) {
            return None;
        }
        self.map.get(word)
    }

    pub fn contains(&self, word: &str) -> bool {
        self.get(word).is_some()
    }

    /// What `spelling` means, made with its default when it has no meaning yet.
    pub fn entry(&mut self, spelling: String) -> &mut V
    where
        V: Default,
    {
        self.shapes.add(&spelling);
        self.map.entry(spelling).or_default()
    }

    pub fn keys(&self) -> impl Iterator<Item = &String> {
        self.map.keys()
    }
}

impl<V> FromIterator<(String, V)> for Spellings<V> {
    fn from_iter<I: IntoIterator<Item = (String, V)>>(items: I) -> Self {
        let mut spellings = Self::default();
        for (spelling, value) in items {
            spellings.insert(spelling, value);
        }
        spellings
    }
}

impl FromIterator<String> for Spellings<()> {
    fn from_iter<I: IntoIterator<Item = String>>(items: I) -> Self {
        items.into_iter().map(|spelling| (spelling, ())).collect()
    }
}

/// Phrases indexed by their first token (lower-cased unless case-sensitive).
#[derive(Debug, Clone)]
pub struct PhraseSet<T> {
    by_first: Spellings<Vec<Phrase<T>>>,
    max_len: usize,
}

impl<T> Default for PhraseSet<T> {
    fn default() -> Self {
        Self { by_first: Spellings::default(), max_len: 0 }
    }
}

impl<T: Clone> PhraseSet<T> {
    pub fn add(&mut self, phrase: &str, case_sensitive: bool, payload: T) {
        let tokens: Vec<PhraseToken> = tokenize(phrase)
            .iter()
            .map(|t| {
                let s = &phrase[t.start..t.end];
                PhraseToken {
                    text: if case_sensitive { s.to_string() } else { s.to_lowercase() },
                    glued: !t.space_before,
                }
            })
            .collect();
        if tokens.is_empty() {
            return;
        }
        let key = tokens[0].text.to_lowercase();
        let list = self.by_first.entry(key);
        list.push(Phrase { tokens, case_sensitive, payload });
        self.max_len = self.max_len.max(list.last().map_or(0, |p| p.tokens.len()));
        list.sort_by_key(|p| (std::cmp::Reverse(p.tokens.len()), !p.case_sensitive));
    }

    /// The most tokens any phrase has.
    pub fn max_len(&self) -> usize {
        self.max_len
    }

    /// The lower-cased first tokens of the phrases.
    pub fn first_tokens(&self) -> impl Iterator<Item = &str> {
        self.by_first.keys().map(String::as_str)
    }

    /// The longest phrase that starts at token `i`: its payload and the index after it.
    pub fn longest(&self, view: &TextView, i: usize) -> Option<(&T, usize)> {
        let list = self.by_first.get(view.lower(i)?)?;
        'phrases: for p in list {
            for (k, pt) in p.tokens.iter().enumerate() {
                let j = i + k;
                let Some(tok) = view.tokens.get(j) else { continue 'phrases };
                if k > 0 && pt.glued == tok.space_before {
                    continue 'phrases;
                }
                let text = if p.case_sensitive { view.raw(j) } else { view.lower(j).unwrap_or("") };
                if text != pt.text {
                    continue 'phrases;
                }
            }
            return Some((&p.payload, i + p.tokens.len()));
        }
        None
    }
}

/// Text with its tokens and each token's lower-cased spelling.
pub struct TextView<'a> {
    pub text: &'a str,
    pub tokens: Vec<super::lexer::Token>,
    lower: Lowered<'a>,
}

/// A text's tokens lower-cased.
enum Lowered<'a> {
    /// The whole text lower-cased at once (ASCII text only, whose bytes keep
    /// their places): a token's lower-case spelling is the same span of it.
    Whole(String),
    /// Each token's, for text outside ASCII, whose lower-casing can change
    /// its length.
    Each(Vec<std::borrow::Cow<'a, str>>),
}

/// `s` lower-cased, with curly apostrophes made straight.
fn lower_case(s: &str) -> String {
    let mut lower = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '’' => lower.push('\''),
            c if c.is_ascii() => lower.push(c.to_ascii_lowercase()),
            // Only `str::to_lowercase` knows when a sigma is final.
            'Σ' => return s.to_lowercase().replace('’', "'"),
            c => lower.extend(c.to_lowercase()),
        }
    }
    lower
}

impl<'a> TextView<'a> {
    pub fn new(text: &'a str) -> Self {
        let tokens = tokenize(text);
        if text.is_ascii() {
            return Self { text, tokens, lower: Lowered::Whole(text.to_ascii_lowercase()) };
        }
        let lower = tokens
            .iter()
            .map(|t| {
                let s = &text[t.start..t.end];
                let changes = if s.is_ascii() {
                    s.bytes().any(|b| b.is_ascii_uppercase())
                } else {
                    s.chars().any(|c| c.is_uppercase() || c == '’')
                };
                if changes {
                    std::borrow::Cow::Owned(lower_case(s))
                } else {
                    std::borrow::Cow::Borrowed(s)
                }
            })
            .collect();
        Self { text, tokens, lower: Lowered::Each(lower) }
    }

    pub fn raw(&self, i: usize) -> &'a str {
        let t = &self.tokens[i];
        &self.text[t.start..t.end]
    }

    pub fn lower(&self, i: usize) -> Option<&str> {
        match &self.lower {
            Lowered::Whole(lower) => self.tokens.get(i).map(|t| &lower[t.start..t.end]),
            Lowered::Each(each) => each.get(i).map(|c| c.as_ref()),
        }
    }

    /// Whether token `i` is a word written in ASCII.
    pub fn is_ascii_word(&self, i: usize) -> bool {
        let t = &self.tokens[i];
        t.kind == TokenKind::Word
            && (matches!(self.lower, Lowered::Whole(_)) || self.text.as_bytes()[t.start..t.end].is_ascii())
    }

    pub fn is_word(&self, i: usize) -> bool {
        self.tokens.get(i).is_some_and(|t| t.kind == TokenKind::Word)
    }
}

/// Signs a figure in digits can start with: "-5", "−5", "+5".
pub const SIGNS: [char; 3] = ['-', '−', '+'];

/// What a currency phrase means.
#[derive(Debug, Clone)]
pub struct CurrencyMatch {
    pub code: String,
    /// The phrase is a scaled code ("MUSD"): its multiplier.
    pub scale: f64,
    /// Usable before the figure ("US$", "USD", "RMB").
    pub prefix: bool,
}

/// A currency sub-unit word's meaning.
#[derive(Debug, Clone)]
pub struct SubunitMatch {
    pub code: String,
    pub per_unit: f64,
}

/// A phrase for a small count ("a couple of").
#[derive(Debug, Clone, Copy)]
pub struct Count {
    pub value: f64,
    pub qualifier: Qualifier,
    /// Only before a scale word: "a couple hundred".
    pub before_scale: bool,
}

/// A range joiner and the opener it needs, if any.
#[derive(Debug, Clone)]
pub struct Joiner {
    pub requires: Vec<String>,
}

/// The compiled rules.
#[derive(Clone)]
pub struct Lexicon {
    pub words: Spellings<NumWord>,
    pub fractions: Spellings<f64>,
    pub compound_fractions: Spellings<f64>,
    pub standalone_fractions: Spellings<()>,
    pub scale_fractions: Spellings<()>,
    pub fraction_chars: HashMap<char, f64>,
    pub decimal_point: Spellings<()>,
    pub negative: Spellings<()>,
    pub articles: Spellings<()>,
    pub pronoun_one_after: Spellings<()>,
    pub ratio: PhraseSet<()>,
    /// Abbreviated scales: value and whether money must be present.
    pub abbreviations: PhraseSet<(f64, bool)>,
    /// Vague magnitudes: the lower bound and the qualifier.
    pub vague: PhraseSet<(f64, Qualifier)>,
    /// Phrases for a small count read like a number word ("a couple of").
    pub counts: PhraseSet<Count>,
    pub before: PhraseSet<Qualifier>,
    /// Words right before a qualifier that make it part of a verb ("handed over").
    pub qualifier_not_after: Spellings<()>,
    pub after: PhraseSet<Qualifier>,
    pub inclusive_after: PhraseSet<()>,
    pub joiners: PhraseSet<Joiner>,
    pub openers: PhraseSet<String>,
    pub bound_joiners: PhraseSet<()>,
    pub currency: PhraseSet<CurrencyMatch>,
    pub subunits: PhraseSet<SubunitMatch>,
    /// Currency words that make "a" or "an" before them one ("a dollar"),
    /// each with the words after it that make it no money ("a dollar figure").
    pub article_one: Spellings<Vec<String>>,
    pub percent_after: PhraseSet<()>,
    pub percent_before_of: PhraseSet<()>,
    pub points_after: PhraseSet<()>,
    pub months: Spellings<()>,
    pub year_range: (u32, u32),
    pub time_suffixes: PhraseSet<()>,
    pub name_words: Spellings<()>,
    /// Words that can be the core of a number: number words, fractions, and
    /// the first words of vague magnitudes. Every quantity holds one of these,
    /// a digit token or a fraction character.
    pub anchors: HashSet<String>,
    /// The anchor words as searched for, ignoring ASCII case: each with its
    /// apostrophes written either way.
    anchor_patterns: Vec<String>,
    /// Finds `anchor_patterns` in text.
    anchor_finder: aho_corasick::AhoCorasick,
    /// Every word or symbol a quantity can start with besides a digit, a
    /// sign and a fraction character: the first tokens of openers,
    /// qualifiers, currencies ("$"), "percent of" and vague magnitudes,
    /// signs in words, articles, and number words and fractions. A word or
    /// symbol outside it starts no quantity.
    starters: Spellings<()>,
    /// The most tokens a quantity can have before its core: a range opener,
    /// a qualifier, a sign, a currency, "percent of" and an article.
    pub reach: usize,
}

impl Lexicon {
    /// Every occurrence in `text` of the anchor patterns, ignoring ASCII case.
    pub fn anchor_occurrences(&self, text: &str) -> Vec<(usize, usize)> {
        self.anchor_finder.find_overlapping_iter(text).map(|m| (m.start(), m.end())).collect()
    }

    /// Whether `text` may hold a quantity: it has a digit, a fraction
    /// character, or an anchor word standing as a word of its own, given
    /// where the anchor patterns occur in `text` (every occurrence of each,
    /// ignoring ASCII case). A cheap test that never says no to text the
    /// scanner would find a figure in (text with capitals outside ASCII is
    /// always tried).
    pub fn may_hold_quantity_at(&self, text: &str, anchors: impl IntoIterator<Item = (usize, usize)>) -> bool {
        if super::lexer::has_ascii_digit(text) {
            return true;
        }
        if !text.is_ascii()
            && text.chars().any(|c| {
                !c.is_ascii() && (c.is_uppercase() || digit_value(c).is_some() || self.fraction_chars.contains_key(&c))
            })
        {
            return true;
        }
        self.has_anchor_word(text, anchors)
    }

    /// Whether one of the anchor occurrences stands as a word of its own.
    fn has_anchor_word(&self, text: &str, anchors: impl IntoIterator<Item = (usize, usize)>) -> bool {
        // A word token ends where letters of its script end.
        let latin_letter = |c: Option<char>| c.is_some_and(|c| c.is_alphabetic() && !is_cjk(c));
        anchors.into_iter().any(|(start, end)| {
            !latin_letter(text[..start].chars().next_back()) && !latin_letter(text[end..].chars().next())
        })
    }

    /// The words and symbols of `starters`, for tests to build text from.
    #[cfg(test)]
    pub fn starters(&self) -> impl Iterator<Item = &str> {
        self.starters.keys().map(String::as_str)
    }

    /// The patterns [`Self::may_hold_quantity_at`] wants the occurrences of.
    pub fn anchor_patterns(&self) -> &[String] {
        &self.anchor_patterns
    }

    /// Whether a quantity can start at token `i`: a digit or a code, a sign
    /// or a fraction character, or a word or symbol in `starters`. A comma
    /// or a full stop starts none.
    pub fn may_start(&self, view: &TextView, i: usize) -> bool {
        match view.tokens[i].kind {
            TokenKind::Num(_) | TokenKind::Code => true,
            TokenKind::Sym(c) if SIGNS.contains(&c) || self.fraction_chars.contains_key(&c) => true,
            TokenKind::Sym(_) | TokenKind::Word => view.lower(i).is_some_and(|w| self.starters.contains(w)),
        }
    }

    pub fn new(rules: &RuleSet) -> Self {
        let n = &rules.numbers;
        let mut words = Spellings::default();
        for (w, v) in &n.units {
            words.insert(w.to_lowercase(), NumWord::Unit(*v));
        }
        for (w, v) in &n.teens {
            words.insert(w.to_lowercase(), NumWord::Teen(*v));
        }
        for (w, v) in &n.tens {
            words.insert(w.to_lowercase(), NumWord::Tens(*v));
        }
        for m in &n.group_multipliers {
            for w in &m.words {
                words.insert(w.to_lowercase(), NumWord::Multiplier(m.value));
            }
        }
        for s in &n.scales {
            for w in &s.words {
                words.insert(w.to_lowercase(), NumWord::Scale(s.value));
            }
        }
        let lower_set = |v: &[String]| v.iter().map(|w| w.to_lowercase()).collect::<Spellings<()>>();
        let mut abbreviations = PhraseSet::default();
        for a in &n.abbreviations {
            for f in &a.forms {
                abbreviations.add(f, a.case_sensitive, (a.value, a.money_only));
            }
        }
        let mut vague = PhraseSet::default();
        let mut counts = PhraseSet::default();
        let vague_qualifier = n.vague_qualifier.as_deref().and_then(Qualifier::from_id).unwrap_or(Qualifier::AtLeast);
        for v in n.vague.iter().filter(|v| !v.count) {
            let qualifier = v.qualifier.as_deref().and_then(Qualifier::from_id).unwrap_or(vague_qualifier);
            vague.add(&v.phrase, false, (v.value, qualifier));
        }
        for v in n.vague.iter().filter(|v| v.count) {
            let qualifier = v.qualifier.as_deref().and_then(Qualifier::from_id).unwrap_or(Qualifier::Exact);
            counts.add(&v.phrase, false, Count { value: v.value, qualifier, before_scale: v.before_scale });
        }
        let mut ratio = PhraseSet::default();
        for w in &n.ratio_words {
            ratio.add(w, false, ());
        }

        let q = &rules.qualifiers;
        let mut before = PhraseSet::default();
        let mut after = PhraseSet::default();
        for rule in &q.qualifiers {
            let Some(kind) = Qualifier::from_id(&rule.id) else { continue };
            for p in &rule.before {
                before.add(p, false, kind);
            }
            for p in &rule.after {
                after.add(p, false, kind);
            }
        }
        let mut qualifier_not_after = Spellings::default();
        for w in &q.not_after {
            qualifier_not_after.insert(w.to_lowercase(), ());
        }
        let mut inclusive_after = PhraseSet::default();
        for p in &q.inclusive_after {
            inclusive_after.add(p, false, ());
        }
        let mut joiners = PhraseSet::default();
        for j in &q.range_joiners {
            for w in &j.words {
                joiners.add(w, false, Joiner { requires: j.requires.iter().map(|r| r.to_lowercase()).collect() });
            }
        }
        let mut openers = PhraseSet::default();
        for o in &q.range_openers {
            openers.add(o, false, o.to_lowercase());
        }
        let mut bound_joiners = PhraseSet::default();
        for o in &q.bound_joiners {
            bound_joiners.add(o, false, ());
        }

        let c = &rules.currencies;
        let mut currency = PhraseSet::default();
        let mut subunits = PhraseSet::default();
        let mut article_one: Spellings<Vec<String>> = Spellings::default();
        for cur in &c.currencies {
            for s in &cur.symbols {
                currency.add(s, true, CurrencyMatch { code: cur.id.clone(), scale: 1.0, prefix: true });
            }
            for w in &cur.words {
                currency.add(w, false, CurrencyMatch { code: cur.id.clone(), scale: 1.0, prefix: false });
            }
            // The code in capitals, before or after the figure; in lower
            // case ("5 usd") after it only, unless the rules say not.
            if cur.code != CodeUse::Never {
                currency.add(&cur.id, true, CurrencyMatch { code: cur.id.clone(), scale: 1.0, prefix: true });
                for (p, scale) in &c.scaled_code_prefixes {
                    currency.add(
                        &format!("{p}{}", cur.id),
                        true,
                        CurrencyMatch { code: cur.id.clone(), scale: *scale, prefix: true },
                    );
                }
            }
            if cur.code == CodeUse::AnyCase {
                currency.add(&cur.id, false, CurrencyMatch { code: cur.id.clone(), scale: 1.0, prefix: false });
            }
            if let Some(one) = &cur.one_after_article {
                let not_before: Vec<String> = one.not_before.iter().map(|w| w.to_lowercase()).collect();
                for w in &one.words {
                    article_one.entry(w.to_lowercase()).extend(not_before.iter().cloned());
                }
            }
            for sub in &cur.subunits {
                for w in &sub.words {
                    subunits.add(w, false, SubunitMatch { code: cur.id.clone(), per_unit: sub.per_unit });
                }
            }
        }
        let default_dollar = c.default_dollar.clone().unwrap_or_else(|| "USD".into());
        for f in &c.dollar_forms {
            let is_word = f.chars().any(char::is_alphabetic);
            currency.add(f, !is_word, CurrencyMatch { code: default_dollar.clone(), scale: 1.0, prefix: !is_word });
        }
        let mut percent_after = PhraseSet::default();
        for p in &rules.units.percent.after {
            percent_after.add(p, false, ());
        }
        let mut percent_before_of = PhraseSet::default();
        for p in &rules.units.percent.before_of {
            percent_before_of.add(p, false, ());
        }
        let mut points_after = PhraseSet::default();
        for p in &rules.units.points.after {
            points_after.add(p, false, ());
        }
        let d = &rules.dates;
        let mut time_suffixes = PhraseSet::default();
        for p in &d.time_suffixes {
            time_suffixes.add(p, false, ());
        }
        let mut anchors: HashSet<String> = words.keys().cloned().collect();
        anchors.extend(n.fractions.keys().chain(n.compound_fractions.keys()).map(|k| k.to_lowercase()));
        anchors.extend(n.standalone_fractions.iter().chain(&n.scale_fractions).map(|k| k.to_lowercase()));
        anchors.extend(vague.first_tokens().map(str::to_string));
        // "a dollar": the currency word is the core.
        anchors.extend(article_one.keys().cloned());
        // A count's core is its first word that is not an article: "couple" of "a couple of".
        let article_set = lower_set(&n.article_words);
        for v in n.vague.iter().filter(|v| v.count) {
            let tokens = tokenize(&v.phrase);
            let core =
                tokens.iter().map(|t| v.phrase[t.start..t.end].to_lowercase()).find(|w| !article_set.contains(w));
            anchors.extend(core);
        }
        let mut anchor_patterns: Vec<String> =
            anchors.iter().filter(|a| !a.is_empty()).flat_map(|a| [a.clone(), a.replace('\'', "’")]).collect();
        anchor_patterns.sort();
        anchor_patterns.dedup();
        let anchor_finder = aho_corasick::AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .kind(Some(aho_corasick::AhoCorasickKind::DFA))
            .build(&anchor_patterns)
            .expect("anchor automaton builds from plain words");
        let mut starters: HashSet<String> = anchors.clone();
        starters.extend(words.keys().cloned());
        starters.extend(n.fractions.keys().chain(n.compound_fractions.keys()).map(|k| k.to_lowercase()));
        starters.extend(n.negative_words.iter().map(|w| w.to_lowercase()));
        starters.extend(n.article_words.iter().map(|w| w.to_lowercase()));
        starters.extend(openers.first_tokens().map(str::to_string));
        starters.extend(before.first_tokens().map(str::to_string));
        starters.extend(percent_before_of.first_tokens().map(str::to_string));
        starters.extend(vague.first_tokens().map(str::to_string));
        starters.extend(counts.first_tokens().map(str::to_string));
        starters.extend(currency.first_tokens().map(str::to_string));
        let reach = openers.max_len() + before.max_len() + 1 + currency.max_len() + percent_before_of.max_len() + 1;
        Self {
            anchors,
            anchor_patterns,
            anchor_finder,
            starters: starters.into_iter().collect(),
            reach,
            words,
            fractions: n.fractions.iter().map(|(k, v)| (k.to_lowercase(), *v)).collect(),
            compound_fractions: n.compound_fractions.iter().map(|(k, v)| (k.to_lowercase(), *v)).collect(),
            standalone_fractions: lower_set(&n.standalone_fractions),
            scale_fractions: lower_set(&n.scale_fractions),
            fraction_chars: n.fraction_characters.iter().filter_map(|(k, v)| Some((k.chars().next()?, *v))).collect(),
            decimal_point: lower_set(&n.decimal_point),
            negative: lower_set(&n.negative_words),
            articles: lower_set(&n.article_words),
            pronoun_one_after: lower_set(&n.pronoun_one_after),
            ratio,
            abbreviations,
            vague,
            counts,
            before,
            qualifier_not_after,
            after,
            inclusive_after,
            joiners,
            openers,
            bound_joiners,
            currency,
            subunits,
            article_one,
            percent_after,
            percent_before_of,
            points_after,
            months: d.months.keys().cloned().collect(),
            year_range: d.year_range.unwrap_or((1800, 2100)),
            time_suffixes,
            name_words: d.name_words.iter().map(|w| w.trim_end_matches('.').to_string()).collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// A word is found in spellings exactly when a plain map holds it:
        /// the shapes never turn away a word of the set, of any length
        /// (past 63 bytes too), the empty one included.
        #[test]
        fn spellings_find_what_a_map_finds(
            set in proptest::collection::vec("([a-zé$’]{0,4}|[a-z]{60,70})", 0..12),
            words in proptest::collection::vec("([a-zé$’]{0,4}|[a-z]{60,70})", 0..12),
        ) {
            let spellings: Spellings<usize> = set.iter().cloned().zip(0..).collect();
            let map: HashMap<String, usize> = set.iter().cloned().zip(0..).collect();
            for w in set.iter().chain(&words) {
                proptest::prop_assert_eq!(spellings.get(w), map.get(w.as_str()), "{:?}", w);
            }
        }

        /// Each token's lower-cased spelling is `str::to_lowercase` with
        /// curly apostrophes made straight (a token with no capital letter
        /// and no curly apostrophe is left as it is), whether the text is
        /// lower-cased whole (ASCII) or token by token.
        #[test]
        fn lower_spellings_are_lowercase_with_straight_apostrophes(
            text in proptest::prop_oneof!["(\\PC|[ΣΑσςİK’'A-Z])*", "[ -~]*"],
        ) {
            let view = TextView::new(&text);
            for i in 0..view.tokens.len() {
                let raw = view.raw(i);
                let expected = if raw.chars().any(|c| c.is_uppercase() || c == '’') {
                    raw.to_lowercase().replace('’', "'")
                } else {
                    raw.to_string()
                };
                proptest::prop_assert_eq!(view.lower(i).unwrap(), expected);
            }
        }
    }
}

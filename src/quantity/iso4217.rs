//! The ISO 4217 currencies that rules/currencies.yaml reads besides its
//! hand-written entries. Its last entries are generated here from the
//! `iso_currency` crate (MIT; a dev-dependency, so not needed at run time),
//! and a test holds them to what the generator makes, so the table cannot
//! drift from the crate. To regenerate them after changing the crate's
//! version, the generator or the hand-written entries:
//!
//! ```text
//! cargo test --lib write_iso4217_entries -- --ignored
//! ```
//!
//! A generated entry has the code (in capitals only, or never for a code
//! that is also a word), the English name in the singular and plural, with
//! and without its accents, the name's last word alone when no other
//! currency has it ("tenge", "hryvnias"), and a currency sign no other
//! currency uses. Codes and names the hand-written entries already have are
//! left to them; the funds and special codes (metals, units of account) are
//! left out, all but the IMF's special drawing rights.

use crate::rules::{CodeUse, CurrencyRules};
use iso_currency::{Currency, IntoEnumIterator};
use std::collections::{BTreeMap, BTreeSet};

/// The line of rules/currencies.yaml after which the generated entries stand.
const MARKER: &str = "  # ISO 4217: generated from the iso_currency crate by src/quantity/iso4217.rs; \
                      do not edit below this line.";

/// Codes that are also English words or acronyms news writes before a
/// number ("ALL 5 solutions", "TOP 10", "COP 28", "SDG 5", "AMD 7nm", an
/// "IRR 12%" internal rate of return, "50 KGS"): never read as codes.
const WORD_CODES: &[&str] =
    &["ALL", "AMD", "BAM", "BOB", "COP", "CUP", "CVE", "IRR", "KGS", "MAD", "MOP", "PEN", "SDG", "SOS", "TOP"];

/// Last words of names that are not read alone: English words ("gold",
/// "mark"), a place ("Cordoba"), an adjective for people ("Afghani").
const NOT_ALONE: &[&str] =
    &["gold", "sol", "soles", "dram", "afghani", "cordoba", "mark", "guilder", "rights", "soberano"];

/// Names news uses that the crate's do not give.
const EXTRA_NAMES: &[(&str, &str)] = &[
    ("AED", "UAE dirham"),
    ("AED", "Emirati dirham"),
    ("VED", "Venezuelan bolívar"),
    ("XAF", "central african cfa franc"),
    ("XOF", "west african cfa franc"),
    ("XCG", "caribbean guilder"),
    ("XDR", "special drawing rights"),
    ("XDR", "SDR"),
];

/// Plurals that are not the singular with an "s" (which is read too).
const PLURALS: &[(&str, &str)] = &[
    ("krona", "kronor"),
    ("króna", "krónur"),
    ("krone", "kroner"),
    ("koruna", "koruny"),
    ("leu", "lei"),
    ("lev", "leva"),
    ("real", "reais"),
    ("metical", "meticais"),
    ("sol", "soles"),
    ("colón", "colones"),
    ("bolívar", "bolívares"),
    ("loti", "maloti"),
    ("lilangeni", "emalangeni"),
];

/// The codes the generator and the tests read: all but the funds and the
/// special codes, bar the special drawing rights.
fn currencies() -> Vec<Currency> {
    let mut all: Vec<Currency> =
        Currency::iter().filter(|c| !c.is_fund() && (!c.is_special() || c.code() == "XDR")).collect();
    all.sort_by_key(|c| c.code());
    all
}

/// Latin letters with accents, as written without them.
fn fold(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            'á' | 'à' | 'â' | 'ä' | 'ã' | 'å' => 'a',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'í' | 'ì' | 'î' | 'ï' => 'i',
            'ó' | 'ò' | 'ô' | 'ö' | 'õ' | 'ồ' => 'o',
            'ú' | 'ù' | 'û' | 'ü' => 'u',
            'ñ' => 'n',
            'ç' => 'c',
            'ł' => 'l',
            'đ' => 'd',
            'ʻ' | '’' => '\'',
            c => c,
        })
        .collect()
}

/// A name's singular and plural spellings, lower-cased, with and without accents:
/// "Swedish krona/kronor" is "swedish krona" and "swedish kronor".
fn spellings(name: &str) -> Vec<String> {
    // "CFP franc (franc Pacifique)", "CFA franc BEAC": no bracket, no closing acronym.
    let mut words: Vec<&str> = name.split('(').next().unwrap_or("").split_whitespace().collect();
    while words.len() > 1 && words.last().is_some_and(|w| w.len() > 1 && w.chars().all(|c| c.is_ascii_uppercase())) {
        words.pop();
    }
    let Some((last, before)) = words.split_last() else { return Vec::new() };
    let before: Vec<String> = before.iter().map(|w| w.to_lowercase()).collect();
    let last = last.to_lowercase();
    let (singular, mut plurals) = match last.split_once('/') {
        Some((s, p)) => (s.to_string(), vec![p.to_string()]),
        None => (last.clone(), Vec::new()),
    };
    if !singular.ends_with('s') {
        plurals.push(format!("{singular}s"));
    }
    plurals.extend(PLURALS.iter().filter(|(s, _)| *s == singular).map(|(_, p)| p.to_string()));
    let mut out = Vec::new();
    for noun in std::iter::once(&singular).chain(&plurals) {
        let phrase = before.iter().chain(std::iter::once(noun)).cloned().collect::<Vec<_>>().join(" ");
        let folded = fold(&phrase);
        assert!(folded.chars().all(|c| !c.is_alphabetic() || c.is_ascii()), "{phrase:?}: teach fold() its letters");
        for p in [phrase, folded] {
            if !out.contains(&p) {
                out.push(p);
            }
        }
    }
    out
}

/// Whether a symbol is a currency sign of its own ("₦", "৳"), not letters
/// or a sign many currencies share ("$", "£", "kr").
fn is_currency_sign(symbol: &str) -> bool {
    let mut chars = symbol.chars();
    let (Some(c), None) = (chars.next(), chars.next()) else { return false };
    matches!(c, '\u{58F}' | '\u{60B}' | '\u{9F2}' | '\u{9F3}' | '\u{AF1}' | '\u{BF9}' | '\u{E3F}' | '\u{17DB}')
        || ('\u{20A0}'..='\u{20CF}').contains(&c)
}

/// The names of a currency: the crate's and the extra ones, each spelled
/// every way, and for each name its last word alone.
fn names(c: Currency) -> (Vec<String>, Vec<String>) {
    let mut full = spellings(c.name());
    for (_, extra) in EXTRA_NAMES.iter().filter(|(code, _)| *code == c.code()) {
        full.extend(spellings(extra));
    }
    let alone = full
        .iter()
        .filter_map(|p| p.rsplit(' ').next().filter(|w| *w != p))
        .filter(|w| {
            let w = fold(w);
            !NOT_ALONE.contains(&w.as_str()) && !NOT_ALONE.contains(&w.trim_end_matches('s'))
        })
        .map(str::to_string)
        .collect();
    (full, alone)
}

/// Which one currency a spelling belongs to, among those that claim it:
/// the one not superseded by another claimant, when there is one alone.
fn owner(claimants: &BTreeSet<Currency>) -> Option<Currency> {
    let current: Vec<Currency> =
        claimants.iter().copied().filter(|c| c.is_superseded().is_none_or(|next| !claimants.contains(&next))).collect();
    match current[..] {
        [one] => Some(one),
        _ => None,
    }
}

/// The generated entries for the hand-written rules `hand`, one line each.
fn generate(hand: &CurrencyRules) -> String {
    let hand_codes: BTreeSet<&str> = hand.currencies.iter().map(|c| c.id.as_str()).collect();
    let mut hand_words: BTreeSet<String> = hand.dollar_forms.iter().map(|w| fold(&w.to_lowercase())).collect();
    let mut hand_symbols: BTreeSet<&str> = BTreeSet::new();
    for c in &hand.currencies {
        hand_words.extend(c.words.iter().map(|w| fold(&w.to_lowercase())));
        hand_words.extend(c.subunits.iter().flat_map(|s| s.words.iter().map(|w| fold(&w.to_lowercase()))));
        hand_symbols.extend(c.symbols.iter().map(String::as_str));
    }
    // Who claims each spelling and each sign.
    let mut full_claims: BTreeMap<String, BTreeSet<Currency>> = BTreeMap::new();
    let mut alone_claims: BTreeMap<String, BTreeSet<Currency>> = BTreeMap::new();
    let mut sign_claims: BTreeMap<String, BTreeSet<Currency>> = BTreeMap::new();
    for c in currencies() {
        let (full, alone) = names(c);
        for p in full {
            full_claims.entry(fold(&p)).or_default().insert(c);
        }
        for w in alone {
            alone_claims.entry(fold(&w)).or_default().insert(c);
        }
        let symbol = c.symbol().symbol;
        if is_currency_sign(&symbol) {
            sign_claims.entry(symbol).or_default().insert(c);
        }
    }
    let mut out = String::new();
    for c in currencies().into_iter().filter(|c| !hand_codes.contains(c.code())) {
        let (full, alone) = names(c);
        let mut words: Vec<String> = Vec::new();
        // A full name no other currency has; a last word alone no other currency has in any name.
        // Spellings are told apart without their accents: "colón" is the hand-written "colon".
        for p in &full {
            let f = fold(p);
            if owner(&full_claims[&f]) == Some(c) && !hand_words.contains(&f) && !words.contains(p) {
                words.push(p.clone());
            }
        }
        for w in &alone {
            let f = fold(w);
            let mut claims = alone_claims[&f].clone();
            claims.extend(full_claims.get(&f).into_iter().flatten());
            if owner(&claims) == Some(c) && !hand_words.contains(&f) && !words.contains(w) {
                words.push(w.clone());
            }
        }
        let symbol = c.symbol().symbol;
        let symbols: Vec<&str> = if is_currency_sign(&symbol)
            && owner(&sign_claims[&symbol]) == Some(c)
            && !hand_symbols.contains(symbol.as_str())
        {
            vec![&symbol]
        } else {
            Vec::new()
        };
        let code = if WORD_CODES.contains(&c.code()) { "never" } else { "capitals" };
        let quoted = |v: &[&str]| v.iter().map(|s| serde_json::to_string(s).unwrap()).collect::<Vec<_>>().join(", ");
        out.push_str(&format!("  - {{id: {}, code: {code}", c.code()));
        if !symbols.is_empty() {
            out.push_str(&format!(", symbols: [{}]", quoted(&symbols)));
        }
        let words: Vec<&str> = words.iter().map(String::as_str).collect();
        out.push_str(&format!(", words: [{}]}}\n", quoted(&words)));
    }
    out
}

/// rules/currencies.yaml, split into the hand-written part (to the marker
/// line, included) and the generated entries after it.
fn split_rules() -> (std::path::PathBuf, String, String) {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("rules/currencies.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    let at = text.find(MARKER).expect("rules/currencies.yaml has the marker line of the generated entries");
    let end = at + MARKER.len() + 1;
    (path, text[..end].to_string(), text[end..].to_string())
}

fn hand_rules(head: &str) -> CurrencyRules {
    serde_yaml::from_str(head).expect("the hand-written part of rules/currencies.yaml parses on its own")
}

/// Rewrites the generated entries of rules/currencies.yaml.
#[test]
#[ignore = "rewrites rules/currencies.yaml; run by hand to regenerate"]
fn write_iso4217_entries() {
    let (path, head, _) = split_rules();
    let generated = generate(&hand_rules(&head));
    std::fs::write(path, head + &generated).unwrap();
}

#[test]
fn generated_entries_are_what_iso_currency_makes() {
    let (_, head, tail) = split_rules();
    assert!(
        tail == generate(&hand_rules(&head)),
        "the generated ISO 4217 entries of rules/currencies.yaml are stale: \
         run `cargo test --lib write_iso4217_entries -- --ignored`"
    );
}

mod reading {
    use super::*;
    use crate::quantity::{Kind, Scanner};
    use crate::rules::RuleSet;

    fn scanner() -> &'static Scanner {
        static SCANNER: std::sync::OnceLock<Scanner> = std::sync::OnceLock::new();
        SCANNER.get_or_init(|| Scanner::new(&RuleSet::builtin()))
    }

    /// The currency and amount of the one money figure in `text`.
    fn money(text: &str) -> Option<(String, f64)> {
        let found: Vec<_> = scanner().scan(text).into_iter().filter(|q| q.kind == Kind::Money).collect();
        match &found[..] {
            [q] => Some((q.unit.clone()?, q.amount?)),
            _ => None,
        }
    }

    /// Every ISO currency reads by its code (unless the code is a word) and
    /// by each of its names no other currency has, singular and plural.
    #[test]
    fn every_iso_currency_reads_by_its_code_and_its_names() {
        let rules = RuleSet::builtin();
        let mut claims: BTreeMap<String, BTreeSet<Currency>> = BTreeMap::new();
        for c in currencies() {
            for p in names(c).0 {
                claims.entry(fold(&p)).or_default().insert(c);
            }
        }
        let mut errors = Vec::new();
        let mut read = 0;
        for c in currencies() {
            let code = c.code();
            let rule = rules.currencies.currencies.iter().find(|r| r.id == code);
            let Some(rule) = rule else {
                errors.push(format!("{code}: no entry"));
                continue;
            };
            if rule.code != CodeUse::Never {
                for text in [format!("It cost {code} 5 million."), format!("It cost 12.5 {code}.")] {
                    let want = if text.contains("12.5") { 12.5 } else { 5e6 };
                    if money(&text) != Some((code.to_string(), want)) {
                        errors.push(format!("{text:?} gave {:?}", money(&text)));
                    }
                    read += 1;
                }
            }
            for p in names(c).0.iter().filter(|p| owner(&claims[&fold(p)]) == Some(c)) {
                // A name written as a sentence writes it, capitalised.
                let mut name = p.clone();
                name.replace_range(..1, &p[..1].to_uppercase());
                let text = format!("It cost 7 {name} in 2019.");
                if money(&text) != Some((code.to_string(), 7.0)) {
                    errors.push(format!("{text:?} gave {:?}", money(&text)));
                }
                read += 1;
            }
        }
        assert!(errors.is_empty(), "{} of {read} unread:\n{}", errors.len(), errors.join("\n"));
        assert!(read > 500, "{read}");
    }

    #[test]
    fn names_news_writes_read_as_their_currency() {
        for (text, code, amount) in [
            ("It cost 5 Kuwaiti dinars.", "KWD", 5.0),
            ("a Kuwaiti dinar deposit of 300 Kuwaiti dinar", "KWD", 300.0),
            ("Doha spent 30 Qatari riyals.", "QAR", 30.0),
            ("Doha spent QAR 20 million.", "QAR", 2e7),
            ("a bill of 40 Malaysian ringgit", "MYR", 40.0),
            ("a bill of 40 ringgit", "MYR", 40.0),
            ("The fare rose to 10 Egyptian pounds.", "EGP", 10.0),
            ("Kenya raised 2.1 billion Kenyan shillings", "KES", 2.1e9),
            ("Lagos paid ₦5 billion", "NGN", 5e9),
            ("It sold for 3,000 hryvnias", "UAH", 3000.0),
            ("a fine of 1,000 zlotys", "PLN", 1000.0),
            ("a fine of 1,000 złoty", "PLN", 1000.0),
            ("a fine of 1,000 Polish zloty", "PLN", 1000.0),
            ("Riyadh's SAR 4 billion fund", "SAR", 4e9),
            ("It cost 200 Saudi riyals.", "SAR", 200.0),
            ("the 500 Swedish kronor fee", "SEK", 500.0),
            ("the MSEK 500 order", "SEK", 5e8),
            ("25,000 Vietnamese đồng", "VND", 25000.0),
            ("12 Tongan pa'anga", "TOP", 12.0),
            ("12 Tongan paʻanga", "TOP", 12.0),
            ("2 million West African CFA francs", "XOF", 2e6),
            ("It lent 5 billion special drawing rights", "XDR", 5e9),
            ("It cost 5 United States dollars", "USD", 5.0),
            ("a 100 Albanian lek note", "ALL", 100.0),
            ("10,000 Colombian pesos", "COP", 10000.0),
        ] {
            assert_eq!(money(text), Some((code.to_string(), amount)), "{text}");
        }
    }

    /// A code that is a word or an acronym, or any code in lower case before
    /// a figure, or a new code in lower case at all, is no currency.
    #[test]
    fn codes_that_are_words_are_not_money() {
        for text in [
            "ALL 5 solutions are wrong.",
            "He has lost his PEN 7 times since Monday.",
            "TOP 10 songs of the year",
            "COP 28 opens in Dubai",
            "SDG 5 is about gender equality",
            "She got really MAD 3 times.",
            "I will try 5 times",
            "Let us try three more",
            "the gel 5 times",
            "It paid 5 kwd",
            "It paid kwd 5",
            "CVE-2021-44228 was patched",
            "the top 10 of 2019",
            "a 50 KGS bag",
            "an IRR 12% return",
            "5 gold medals",
        ] {
            assert_eq!(money(text), None, "{text}");
        }
        // The hand-written codes still read in lower case after the figure.
        assert_eq!(money("It costs half million usd."), Some(("USD".into(), 5e5)));
        assert_eq!(money("It cost 5 KWD"), Some(("KWD".into(), 5.0)));
    }
}

//! The figures issue 2 names, each normalised right: amount, interval, unit,
//! qualifier. One test per family of wording.

use crosscheck::quantity::{Kind, Qualifier, Quantity, Scanner};
use crosscheck::rules::RuleSet;
use std::sync::OnceLock;

fn scan(text: &str) -> Vec<Quantity> {
    static SCANNER: OnceLock<Scanner> = OnceLock::new();
    SCANNER.get_or_init(|| Scanner::new(&RuleSet::builtin())).scan(text)
}

/// The single quantity in `text`, checked field by field.
fn one(text: &str, kind: Kind, amount: f64, unit: Option<&str>, qualifier: Qualifier) -> Quantity {
    let found = scan(text);
    assert_eq!(found.len(), 1, "{text:?} gave {found:?}");
    let q = found.into_iter().next().unwrap();
    assert_eq!(q.kind, kind, "{text:?}");
    assert_eq!(q.amount, Some(amount), "{text:?}");
    assert_eq!(q.unit.as_deref(), unit, "{text:?}");
    assert_eq!(q.qualifier, qualifier, "{text:?}");
    assert_eq!(&text[q.start..q.end], text.trim(), "{text:?}: the span covers the whole figure");
    q
}

#[test]
fn money_with_qualifiers_has_open_or_closed_bounds() {
    let q = one("more than $37 billion", Kind::Money, 37e9, Some("USD"), Qualifier::MoreThan);
    assert_eq!((q.interval.low, q.interval.high), (Some(37e9), None));
    let q = one("at least US$500 million", Kind::Money, 500e6, Some("USD"), Qualifier::AtLeast);
    assert_eq!((q.interval.low, q.interval.high), (Some(500e6), None));
    let q = one("US$32 billion", Kind::Money, 32e9, Some("USD"), Qualifier::Exact);
    assert_eq!((q.interval.low, q.interval.high), (Some(32e9), Some(32e9)));
    one("38.24 yuan", Kind::Money, 38.24, Some("CNY"), Qualifier::Exact);
    one("USD34.6 million", Kind::Money, 34.6e6, Some("USD"), Qualifier::Exact);
    one("$37bn", Kind::Money, 37e9, Some("USD"), Qualifier::Exact);
}

#[test]
fn a_parenthetical_conversion_is_two_money_figures() {
    for (text, a, b) in [
        ("about US$42 billion (S$58 billion)", (42e9, "USD", Qualifier::About), (58e9, "SGD", Qualifier::Exact)),
        ("50 billion yuan (S$9.7 billion)", (50e9, "CNY", Qualifier::Exact), (9.7e9, "SGD", Qualifier::Exact)),
        ("NT$209.18 billion (US$7.2 billion)", (209.18e9, "TWD", Qualifier::Exact), (7.2e9, "USD", Qualifier::Exact)),
    ] {
        let found = scan(text);
        assert_eq!(found.len(), 2, "{text:?} gave {found:?}");
        for (q, (amount, unit, qualifier)) in found.iter().zip([a, b]) {
            assert_eq!(q.kind, Kind::Money, "{text:?}");
            assert_eq!(q.amount, Some(amount), "{text:?}");
            assert_eq!(q.unit.as_deref(), Some(unit), "{text:?}");
            assert_eq!(q.qualifier, qualifier, "{text:?}");
        }
    }
}

#[test]
fn a_vague_range_with_a_quoted_end_is_one_range() {
    let text = "tens of thousands to “upwards of 1 million”";
    let found = scan(text);
    assert_eq!(found.len(), 1, "{found:?}");
    let q = &found[0];
    assert_eq!(q.kind, Kind::Range);
    assert_eq!(q.amount, None);
    assert_eq!((q.interval.low, q.interval.high), (Some(1e4), Some(1e6)));
    assert_eq!(q.low_qualifier, Some(Qualifier::AtLeast));
    assert_eq!(q.high_qualifier, Some(Qualifier::MoreThan));
    assert_eq!(&text[q.start..q.end], text);
}

#[test]
fn counts_with_qualifiers() {
    let q = one("more than 1 million", Kind::Number, 1e6, None, Qualifier::MoreThan);
    assert_eq!(q.interval.high, None);
    let q = one("as many as five", Kind::Number, 5.0, None, Qualifier::UpTo);
    assert_eq!((q.interval.low, q.interval.high), (None, Some(5.0)));
    one("more than 40", Kind::Number, 40.0, None, Qualifier::MoreThan);
}

#[test]
fn percentages_in_every_spelling() {
    let q = one("as much as 9.2%", Kind::Percent, 9.2, Some("percent"), Qualifier::UpTo);
    assert_eq!(q.interval.high, Some(9.2));
    one("nearly 30 per cent", Kind::Percent, 30.0, Some("percent"), Qualifier::Nearly);
    one("roughly 5%", Kind::Percent, 5.0, Some("percent"), Qualifier::About);
    one("16 percent", Kind::Percent, 16.0, Some("percent"), Qualifier::Exact);
    one("135.6 percent", Kind::Percent, 135.6, Some("percent"), Qualifier::Exact);
    one("-3.5%", Kind::Percent, -3.5, Some("percent"), Qualifier::Exact);
    one("+12%", Kind::Percent, 12.0, Some("percent"), Qualifier::Exact);
    one("2 percentage points", Kind::Percent, 2.0, Some("pp"), Qualifier::Exact);
}

#[test]
fn a_stake_is_a_percentage_not_money() {
    let found = scan("42% held by state-owned firms");
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].kind, Kind::Percent);
    assert_eq!(found[0].amount, Some(42.0));
    assert_eq!(found[0].unit.as_deref(), Some("percent"));
}

#[test]
fn number_words_and_scales() {
    for (text, amount) in [
        ("seven", 7.0),
        ("twenty-eight", 28.0),
        ("one hundred and five", 105.0),
        ("a dozen", 12.0),
        ("half a million", 5e5),
        ("1,000", 1000.0),
        ("209.18", 209.18),
        ("１２", 12.0),
        ("10 to 20 million", f64::NAN),
    ] {
        let found = scan(text);
        assert_eq!(found.len(), 1, "{text:?} gave {found:?}");
        if amount.is_nan() {
            assert_eq!(
                (found[0].interval.low, found[0].interval.high),
                (Some(10e6), Some(20e6)),
                "the scale applies to both ends"
            );
        } else {
            assert_eq!(found[0].amount, Some(amount), "{text:?}");
        }
    }
}

#[test]
fn vague_magnitudes_are_lower_bounds() {
    for (text, low) in [
        ("dozens", 12.0),
        ("hundreds", 100.0),
        ("thousands", 1e3),
        ("tens of thousands", 1e4),
        ("hundreds of thousands", 1e5),
        ("millions", 1e6),
    ] {
        let found = scan(text);
        assert_eq!(found.len(), 1, "{text:?}");
        assert_eq!(found[0].qualifier, Qualifier::AtLeast, "{text:?}");
        assert_eq!((found[0].interval.low, found[0].interval.high), (Some(low), None), "{text:?}");
    }
}

#[test]
fn ranges_in_news_wording() {
    for (text, low, high, unit) in [
        ("between 10 and 20", 10.0, 20.0, None),
        ("10-20%", 10.0, 20.0, Some("percent")),
        ("10–20%", 10.0, 20.0, Some("percent")),
        ("$5-10 million", 5e6, 10e6, Some("USD")),
    ] {
        let found = scan(text);
        assert_eq!(found.len(), 1, "{text:?} gave {found:?}");
        assert_eq!(found[0].kind, Kind::Range, "{text:?}");
        assert_eq!((found[0].interval.low, found[0].interval.high), (Some(low), Some(high)), "{text:?}");
        assert_eq!(found[0].unit.as_deref(), unit, "{text:?}");
    }
}

#[test]
fn unicode_as_news_prints_it() {
    one("more\u{a0}than\u{a0}$37\u{a0}billion", Kind::Money, 37e9, Some("USD"), Qualifier::MoreThan);
    one("40\u{202f}000", Kind::Number, 40000.0, None, Qualifier::Exact);
}

#[test]
fn years_dates_names_and_ordinals_are_not_figures() {
    for text in [
        "5G",
        "2019",
        "May 21",
        "Aug. 19",
        "COVID-19",
        "Form 10-K",
        "Windows 11",
        "A320",
        "the first time",
        "his 3rd term",
        "call +1-222-2222-2222",
        "at 10:30",
        "in May 2018",
        "on Tuesday (Oct 8)",
    ] {
        assert_eq!(scan(text), vec![], "{text:?} is not a figure");
    }
}

#[test]
fn spans_are_exact_substrings_on_char_boundaries() {
    let text = "Hikvision (杭州海康威視數字技術), with “about US$42 billion (S$58 billion)”, fell 10%.";
    let found = scan(text);
    assert_eq!(found.len(), 3);
    for q in &found {
        assert!(text.is_char_boundary(q.start) && text.is_char_boundary(q.end));
    }
    assert_eq!(&text[found[2].start..found[2].end], "10%");
}

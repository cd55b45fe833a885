//! Fuzzes the quantity scanner on arbitrary text.
//!
//! Invariants checked for every quantity found:
//! - its byte span lies inside the text, on char boundaries, and is not empty;
//! - `Quantity::record` takes exactly `text[start..end]` as the quantity's text;
//! - no NaN in amount or bounds, and `low <= amount <= high` (and `low <= high`)
//!   wherever those are set.
#![no_main]

use std::sync::LazyLock;

use crosscheck::quantity::Scanner;
use crosscheck::rules::RuleSet;
use libfuzzer_sys::fuzz_target;

static SCANNER: LazyLock<Scanner> = LazyLock::new(|| Scanner::new(&RuleSet::builtin()));

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let text: &str = &text;
    for q in SCANNER.scan(text) {
        assert!(q.start < q.end && q.end <= text.len(), "bad span {}..{} in text of {} bytes: {q:?}", q.start, q.end, text.len());
        assert!(
            text.is_char_boundary(q.start) && text.is_char_boundary(q.end),
            "span {}..{} not on char boundaries: {q:?}",
            q.start,
            q.end
        );
        let record = q.record(text);
        assert_eq!(record.text, &text[q.start..q.end]);
        assert_eq!((record.start, record.end), (q.start, q.end));

        let (amount, low, high) = (q.amount, q.interval.low, q.interval.high);
        for (name, v) in [("amount", amount), ("low", low), ("high", high)] {
            assert!(!v.is_some_and(f64::is_nan), "{name} is NaN for {:?}: {q:?}", &text[q.start..q.end]);
        }
        if let (Some(l), Some(a)) = (low, amount) {
            assert!(l <= a, "low {l} > amount {a} for {:?}: {q:?}", &text[q.start..q.end]);
        }
        if let (Some(a), Some(h)) = (amount, high) {
            assert!(a <= h, "amount {a} > high {h} for {:?}: {q:?}", &text[q.start..q.end]);
        }
        if let (Some(l), Some(h)) = (low, high) {
            assert!(l <= h, "low {l} > high {h} for {:?}: {q:?}", &text[q.start..q.end]);
        }
    }
});

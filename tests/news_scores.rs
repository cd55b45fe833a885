//! The eight news clusters of `tests/fixtures/news` (real stories, each told
//! by several outlets, with a gold annotation: see its README.md), scored as
//! the evaluation's `score.py report` scores them, and the mean of the
//! clusters' scores as `news_scores.py` prints it: one row a cluster.
//!
//! The report scored is the one `crosscheck report DIR --format json` writes
//! (built here through the library, then read back from its JSON), and the
//! scoring is a line-by-line port of score.py: claim recall and precision,
//! value accuracy, cross-source pair recall and precision, discrepancy recall
//! and precision, verdict and group accuracy. Where Python's semantics matter
//! (truthiness, `float()`, `str()`, `.find()` in code points, universal
//! newlines, insertion order of dicts) the port mimics them; the helpers say
//! where.
//!
//! Run with `cargo test --test news_scores -- --nocapture` to see the table.

use crosscheck::compare::Comparer;
use crosscheck::extract::Extractor;
use crosscheck::report::{report_json, Report, SourceInfo};
use crosscheck::rules::RuleSet;
use crosscheck::source::load;
use regex::Regex;
use serde_json::Value;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::LazyLock;

// Floors on the mean over the clusters (as news_scores.py computes it: the
// mean of each cluster's score rounded to 3 decimals). They are a ratchet:
// raise them as crosscheck gets better, never lower them. Each was set to
// the score measured when it was last raised, rounded down to 2 decimals
// (claims: the floors of issue 19; grouping: the measure less 0.01, or the
// floor of issue 20 where that is met).
const FLOOR_CLAIMS_RECALL: f64 = 0.86;
const FLOOR_CLAIMS_PRECISION: f64 = 0.88;
const FLOOR_VALUE_ACC: f64 = 0.95;
const FLOOR_PAIR_RECALL: f64 = 0.70;
const FLOOR_PAIR_PRECISION: f64 = 0.82;
const FLOOR_DISC_RECALL: f64 = 0.61;
const FLOOR_DISC_PRECISION: f64 = 0.75;
const FLOOR_GROUP_ACC: f64 = 0.65;
/// Floor on the lowest claim recall of any one cluster (also a ratchet).
const FLOOR_MIN_CLUSTER_CLAIMS_RECALL: f64 = 0.77;

/// score.py's summary keys, in its order, and news_scores.py's column heads.
const KEYS: [&str; 9] = [
    "claims_recall",
    "claims_precision",
    "value_acc",
    "pair_recall",
    "pair_precision",
    "disc_recall",
    "disc_precision",
    "verdict_acc",
    "group_acc",
];
const SHORT: [&str; 9] = ["c_rec", "c_prec", "val", "p_rec", "p_prec", "d_rec", "d_prec", "verd", "group"];

const DISC: [&str; 2] = ["conflict", "compatible"];

fn news_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/news")
}

// ------------------------------------------------------------ Python's ways

/// A key's value, as Python's `d.get(k)` gives it: JSON null and absent are both `None`.
fn get<'a>(v: &'a Value, key: &str) -> Option<&'a Value> {
    v.get(key).filter(|x| !x.is_null())
}

/// `key in d`: present, even when null.
fn has(v: &Value, key: &str) -> bool {
    v.as_object().is_some_and(|o| o.contains_key(key))
}

/// Python's truthiness.
fn truthy(v: Option<&Value>) -> bool {
    match v {
        None | Some(Value::Null) => false,
        Some(Value::Bool(b)) => *b,
        Some(Value::Number(n)) => n.as_f64().is_some_and(|x| x != 0.0),
        Some(Value::String(s)) => !s.is_empty(),
        Some(Value::Array(a)) => !a.is_empty(),
        Some(Value::Object(o)) => !o.is_empty(),
    }
}

/// Python's `float(s)` of a string: surrounding white space, and underscores
/// between digits, allowed; `None` where Python raises ValueError.
fn parse_py_float(s: &str) -> Option<f64> {
    let t = s.trim();
    if t.contains('_') {
        let c: Vec<char> = t.chars().collect();
        let ok = c.iter().enumerate().all(|(i, &ch)| {
            ch != '_' || (i > 0 && i + 1 < c.len() && c[i - 1].is_ascii_digit() && c[i + 1].is_ascii_digit())
        });
        if !ok {
            return None;
        }
    }
    t.replace('_', "").parse::<f64>().ok()
}

/// Python's `float(x)`; `None` where Python raises TypeError or ValueError
/// (YAML dates reach here as their ISO strings, which do not parse: Python
/// raises TypeError on a `datetime.date`; either way `close` compares strings).
fn py_float(v: &Value) -> Option<f64> {
    match v {
        Value::Number(n) => n.as_f64(),
        Value::Bool(b) => Some(f64::from(u8::from(*b))),
        Value::String(s) => parse_py_float(s),
        _ => None,
    }
}

/// Python's `int(x)` of a number or string; `None` where Python raises.
fn py_int(v: &Value) -> Option<i64> {
    match v {
        Value::Number(n) => n.as_i64().or_else(|| n.as_f64().filter(|x| x.is_finite()).map(|x| x.trunc() as i64)),
        Value::Bool(b) => Some(i64::from(*b)),
        Value::String(s) => s.trim().replace('_', "").parse::<i64>().ok(),
        _ => None,
    }
}

/// Python's `repr` of a float.
fn py_float_repr(x: f64) -> String {
    if x.is_nan() {
        return "nan".into();
    }
    if x.is_infinite() {
        return if x > 0.0 { "inf".into() } else { "-inf".into() };
    }
    let a = x.abs();
    if a != 0.0 && !(1e-4..1e16).contains(&a) {
        let s = format!("{x:e}");
        let (m, e) = s.split_once('e').expect("exponent form");
        let e: i32 = e.parse().expect("exponent");
        return format!("{m}e{}{:02}", if e < 0 { '-' } else { '+' }, e.abs());
    }
    if x == x.trunc() {
        format!("{x:.1}")
    } else {
        format!("{x}")
    }
}

/// Python's `str(x)` (`None` for absent or null).
fn py_str(v: Option<&Value>) -> String {
    match v {
        None | Some(Value::Null) => "None".into(),
        Some(Value::Bool(b)) => if *b { "True" } else { "False" }.into(),
        Some(Value::Number(n)) if n.is_f64() => py_float_repr(n.as_f64().expect("a float")),
        Some(Value::Number(n)) => n.to_string(),
        Some(Value::String(s)) => s.clone(),
        Some(other) => other.to_string(),
    }
}

/// Python's `str.isupper()`: a cased character, and none in lower case.
fn py_isupper(s: &str) -> bool {
    s.chars().any(|c| c.is_uppercase()) && !s.chars().any(|c| c.is_lowercase())
}

/// Python's `len(s)`: code points.
fn py_len(s: &str) -> i64 {
    s.chars().count() as i64
}

/// Python's `s.find(sub)`: the first occurrence, in code points; -1 when absent.
fn py_find(s: &str, sub: &str) -> i64 {
    s.find(sub).map_or(-1, |b| py_len(&s[..b]))
}

/// Unicode NFKC for the compatibility characters news text carries (no
/// normalisation crate is a dependency): spaces, ligatures, full-width
/// forms, the ellipsis, super- and subscript digits, simple fractions, ™.
/// Text already in NFC with none of them (all of the gold's items) is unchanged.
fn nfkc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        let u = c as u32;
        match c {
            '\u{a0}' | '\u{2000}'..='\u{200a}' | '\u{202f}' | '\u{205f}' | '\u{3000}' => out.push(' '),
            '\u{2011}' => out.push('\u{2010}'),
            '\u{2024}' => out.push('.'),
            '\u{2025}' => out.push_str(".."),
            '\u{2026}' => out.push_str("..."),
            '\u{fb00}' => out.push_str("ff"),
            '\u{fb01}' => out.push_str("fi"),
            '\u{fb02}' => out.push_str("fl"),
            '\u{fb03}' => out.push_str("ffi"),
            '\u{fb04}' => out.push_str("ffl"),
            '\u{fb05}' | '\u{fb06}' => out.push_str("st"),
            '\u{ff01}'..='\u{ff5e}' => out.push(char::from_u32(u - 0xfee0).expect("ASCII")),
            '\u{b9}' => out.push('1'),
            '\u{b2}' => out.push('2'),
            '\u{b3}' => out.push('3'),
            '\u{2070}' => out.push('0'),
            '\u{2074}'..='\u{2079}' => out.push(char::from_u32(u - 0x2074 + '4' as u32).expect("a digit")),
            '\u{2080}'..='\u{2089}' => out.push(char::from_u32(u - 0x2080 + '0' as u32).expect("a digit")),
            '\u{bc}' => out.push_str("1\u{2044}4"),
            '\u{bd}' => out.push_str("1\u{2044}2"),
            '\u{be}' => out.push_str("3\u{2044}4"),
            '\u{2122}' => out.push_str("TM"),
            '\u{2120}' => out.push_str("SM"),
            '\u{b5}' => out.push('\u{3bc}'),
            '\u{17f}' => out.push('s'),
            '\u{aa}' => out.push('a'),
            '\u{ba}' => out.push('o'),
            _ => out.push(c),
        }
    }
    out
}

/// A file's lines as score.py's `line_of` reads them: UTF-8 with
/// replacement, universal newlines, split on "\n".
fn file_lines(path: &Path) -> Vec<String> {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let text = String::from_utf8_lossy(&bytes).replace("\r\n", "\n").replace('\r', "\n");
    text.split('\n').map(str::to_string).collect()
}

/// score.py's `line_of`, with each file read once.
struct Lines(HashMap<PathBuf, Vec<String>>);

impl Lines {
    fn line_of(&mut self, path: &Path, n: i64) -> String {
        let lines = self.0.entry(path.to_path_buf()).or_insert_with(|| file_lines(path));
        if 0 < n && n as usize <= lines.len() {
            lines[n as usize - 1].clone()
        } else {
            String::new()
        }
    }
}

// ------------------------------------------------------------ score.py's functions

fn close(a: Option<&Value>, b: Option<&Value>) -> bool {
    let (Some(a), Some(b)) = (a, b) else { return a.is_none() && b.is_none() };
    match (py_float(a), py_float(b)) {
        (Some(x), Some(y)) => x == y || (x - y).abs() <= 1e-6 * x.abs().max(y.abs()),
        _ => py_str(Some(a)) == py_str(Some(b)), // dates and other non-numeric bounds
    }
}

fn norm_unit(u: Option<&Value>) -> Option<String> {
    let u = u?;
    if matches!(u, Value::String(s) if s.is_empty() || s == "count" || s == "null") {
        return None;
    }
    let u = py_str(Some(u));
    Some(match u.to_lowercase().as_str() {
        "%" | "per cent" => "percent".into(),
        _ if py_len(&u) == 3 => u.to_uppercase(),
        lower => lower.into(),
    })
}

fn fold(s: &str) -> String {
    nfkc(s).to_lowercase()
}

fn norm_item(s: &str) -> String {
    static SUFFIX: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"\b(corp(oration)?|inc|co|ltd|technology|technologies|group|holdings?)\b\.?").expect("regex")
    });
    static NON_WORD: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"[^\w]+").expect("regex"));
    let s = fold(s);
    let s = SUFFIX.replace_all(&s, " ");
    NON_WORD.replace_all(&s, " ").trim().to_string()
}

/// An item of a list as `norm_item` takes it (`s or ""`).
fn item_text(v: &Value) -> String {
    match v {
        Value::Null => String::new(),
        other => py_str(Some(other)),
    }
}

fn value_match(gv: &Value, pv: &Value) -> bool {
    if !gv.is_object() || !pv.is_object() {
        return false;
    }
    if get(gv, "qualifier").and_then(Value::as_str) == Some("qualitative") {
        return true;
    }
    if has(gv, "items") {
        let items = |v: Option<&Value>| -> HashSet<String> {
            v.and_then(Value::as_array)
                .map_or_else(HashSet::new, |a| a.iter().map(|x| norm_item(&item_text(x))).collect())
        };
        let a = items(get(gv, "items"));
        let b = items(get(pv, "items"));
        let union = a.union(&b).count();
        return union > 0 && a.intersection(&b).count() as f64 / union as f64 >= 0.8;
    }
    if has(gv, "date") {
        return py_str(get(gv, "date")) == py_str(get(pv, "date"));
    }
    let gu0 = if truthy(get(gv, "unit")) { py_str(get(gv, "unit")).to_lowercase() } else { String::new() };
    if gu0 == "time_hhmm" {
        // a time of day: HHMM integer in gold, "HH:MM" (kind time) or an amount from the tool
        static HHMM: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^[0-9]{1,2}:[0-9]{2}").expect("regex"));
        if let Some(t) = get(pv, "time").and_then(Value::as_str).filter(|t| HHMM.is_match(t)) {
            let mut parts = t.split(':');
            let h: i64 = parts.next().and_then(|h| h.parse().ok()).expect("hours");
            let m: i64 = parts.next().and_then(|m| m.get(..2)).and_then(|m| m.parse().ok()).expect("minutes");
            let gold = get(gv, "amount").map_or(Some(-1), py_int).expect("score.py's int() of the gold amount");
            return h * 100 + m == gold;
        }
        return close(get(gv, "amount"), get(pv, "amount"));
    }
    if gu0 == "year" && get(pv, "date").is_some() {
        // a bare year may come back as a date
        let year = get(gv, "amount").map_or(Some(0), py_int).expect("score.py's int() of the gold amount");
        return py_str(get(pv, "date")) == year.to_string();
    }
    if has(gv, "amount") {
        let (a, b) = (get(gv, "amount"), get(pv, "amount"));
        // a change may be signed by either side's convention ("fell 5%": -5 or 5)
        let signed_close = match (a, b) {
            (Some(Value::Number(x)), Some(Value::Number(y))) => {
                let (x, y) = (x.as_f64().expect("a number"), y.as_f64().expect("a number"));
                close(Some(&Value::from(x.abs())), Some(&Value::from(y.abs())))
            }
            _ => false,
        };
        if !close(a, b) && !signed_close {
            return false;
        }
    } else if (has(gv, "low") || has(gv, "high"))
        && !(close(get(gv, "low"), get(pv, "low")) && close(get(gv, "high"), get(pv, "high")))
    {
        return false;
    }
    let (gu, pu) = (norm_unit(get(gv, "unit")), norm_unit(get(pv, "unit")));
    match gu.as_deref() {
        Some(g) if g == "percent" || (py_len(g) == 3 && py_isupper(g)) => gu == pu,
        _ => true,
    }
}

type Span = (i64, i64);

fn span_of(text_line: &str, text: &str, column: Option<&Value>) -> Option<Span> {
    if truthy(column) {
        let start = column.and_then(py_int).expect("score.py's int arithmetic on the column") - 1;
        return Some((start, start + py_len(text)));
    }
    let i = py_find(text_line, text);
    (i >= 0).then(|| (i, i + py_len(text)))
}

fn overlaps(a: Option<Span>, b: Option<Span>) -> bool {
    matches!((a, b), (Some(a), Some(b)) if a.0 < b.1 && b.0 < a.1)
}

struct GoldClaim {
    gid: String,
    source: String,
    line: i64,
    span: Option<Span>,
    value: Value,
}

struct PredClaim {
    pg: usize,
    source: String,
    line: i64,
    span: Option<Span>,
    value: Value,
}

/// One cluster's scores, in [`KEYS`] order, unrounded.
type Scores = [f64; 9];

fn ratio(a: usize, b: usize) -> f64 {
    a as f64 / b.max(1) as f64
}

/// Python's `set` of sources, kept in a dict in insertion order.
fn push_source<K: PartialEq>(by: &mut Vec<(K, HashSet<String>)>, key: K, source: &str) {
    match by.iter_mut().find(|(k, _)| *k == key) {
        Some((_, s)) => {
            s.insert(source.to_string());
        }
        None => by.push((key, HashSet::from([source.to_string()]))),
    }
}

/// score.py's `score_report`: the report `rep` (as `report --format json`
/// gives it) against `cluster/gold.yaml`.
fn score_report(cluster: &Path, rep: &Value) -> Scores {
    let gold_text = std::fs::read_to_string(cluster.join("gold.yaml")).expect("gold.yaml reads");
    let gold: Value = serde_yaml::from_str(&gold_text).expect("gold.yaml parses");
    let mut lines = Lines(HashMap::new());
    let empty = Vec::new();
    let list = |v: &Value, key: &str| -> Vec<Value> { get(v, key).and_then(Value::as_array).unwrap_or(&empty).clone() };

    // gold claims, with spans
    let mut gclaims = Vec::new();
    for g in list(&gold, "groups") {
        for c in list(&g, "claims") {
            let source = py_str(get(&c, "source"));
            let line = get(&c, "line").and_then(py_int).expect("a gold line");
            let ln = lines.line_of(&cluster.join(&source), line);
            let text = py_str(get(&c, "text"));
            let Some(span) = span_of(&ln, &text, None) else {
                println!("GOLD ERROR: {source}:{line} text not on line: {text:?}");
                continue;
            };
            gclaims.push(GoldClaim {
                gid: py_str(get(&g, "id")),
                source,
                line,
                span: Some(span),
                value: get(&c, "value").cloned().unwrap_or(Value::Null),
            });
        }
    }

    // predicted claims
    let groups = list(rep, "groups");
    let mut pclaims = Vec::new();
    for (gi, g) in groups.iter().enumerate() {
        for c in list(g, "claims") {
            let full = py_str(get(&c, "source"));
            let source = full.rsplit('/').next().unwrap_or_default().to_string();
            let Some(line) = get(&c, "line").and_then(py_int) else { continue };
            let text = get(&c, "text").map_or(String::new(), |t| py_str(Some(t)));
            let column = get(&c, "column");
            let span = if truthy(column) {
                span_of("", &text, column)
            } else {
                span_of(&lines.line_of(&cluster.join(&source), line), &text, None)
            };
            pclaims.push(PredClaim {
                pg: gi,
                source,
                line,
                span,
                value: get(&c, "value").cloned().unwrap_or(Value::Null),
            });
        }
    }

    // map each gold claim to a predicted claim: same source and line, spans
    // overlapping; prefer a value match, then the predicted group that holds
    // most of the gold group's other claims (a span may sit in two groups)
    let candidates_of = |gc: &GoldClaim| -> Vec<usize> {
        (0..pclaims.len())
            .filter(|&j| {
                let pc = &pclaims[j];
                pc.source == gc.source && pc.line == gc.line && overlaps(gc.span, pc.span)
            })
            .collect()
    };
    let cands: Vec<(usize, Vec<usize>)> =
        gclaims.iter().enumerate().map(|(i, gc)| (i, candidates_of(gc))).filter(|(_, cs)| !cs.is_empty()).collect();
    let mut pg_votes: HashMap<(&str, usize), usize> = HashMap::new();
    for (i, cs) in &cands {
        let pgs: HashSet<usize> = cs.iter().map(|&j| pclaims[j].pg).collect();
        for pg in pgs {
            *pg_votes.entry((gclaims[*i].gid.as_str(), pg)).or_insert(0) += 1;
        }
    }
    // (gold claim, its predicted claim, value matches), in gold order
    let mut g2p: Vec<(usize, usize, bool)> = Vec::new();
    for (i, cs) in &cands {
        let gc = &gclaims[*i];
        let best = *cs
            .iter()
            .max_by_key(|&&j| {
                (
                    value_match(&gc.value, &pclaims[j].value),
                    pg_votes.get(&(gc.gid.as_str(), pclaims[j].pg)).copied().unwrap_or(0),
                    std::cmp::Reverse(j),
                )
            })
            .expect("candidates");
        g2p.push((*i, best, value_match(&gc.value, &pclaims[best].value)));
    }
    let found_at: HashMap<usize, usize> = g2p.iter().map(|&(i, j, _)| (i, j)).collect();
    let matched_p: HashSet<usize> = cands.iter().flat_map(|(_, cs)| cs.iter().copied()).collect();
    let found = g2p.len();
    let value_ok = g2p.iter().filter(|x| x.2).count();
    let (n_g, n_p) = (gclaims.len(), pclaims.len());

    // pairwise grouping over cross-source pairs of found gold claims
    let (mut pred_pairs, mut both) = (0, 0);
    for (a, &(ia, ja, _)) in g2p.iter().enumerate() {
        for &(ib, jb, _) in &g2p[a + 1..] {
            let (ga, gb) = (&gclaims[ia], &gclaims[ib]);
            if ga.source == gb.source {
                continue;
            }
            let same_g = ga.gid == gb.gid;
            let same_p = pclaims[ja].pg == pclaims[jb].pg;
            pred_pairs += usize::from(same_p);
            both += usize::from(same_g && same_p);
        }
    }
    // also count gold-same pairs whose claims were missed: they count against recall
    let mut all_gold_pairs = 0;
    for (a, ga) in gclaims.iter().enumerate() {
        for gb in &gclaims[a + 1..] {
            all_gold_pairs += usize::from(ga.gid == gb.gid && ga.source != gb.source);
        }
    }

    // discrepancies
    let verdict = |v: &Value| get(v, "verdict").cloned();
    let is_disc = |v: &Option<Value>| v.as_ref().and_then(Value::as_str).is_some_and(|s| DISC.contains(&s));
    let mut gold_verdict: HashMap<String, Option<Value>> = HashMap::new();
    for g in list(&gold, "groups") {
        gold_verdict.insert(py_str(get(&g, "id")), verdict(&g));
    }
    let mut gsrc: Vec<(&str, HashSet<String>)> = Vec::new();
    for gc in &gclaims {
        push_source(&mut gsrc, gc.gid.as_str(), &gc.source);
    }
    let multi: Vec<&str> = gsrc.iter().filter(|(_, s)| s.len() >= 2).map(|(g, _)| *g).collect();
    let disc_gold: Vec<&str> = multi.iter().copied().filter(|g| is_disc(&gold_verdict[*g])).collect();
    // for each gold group: predicted groups holding >=2 of its claims from different sources
    let pred_groups_for = |gid: &str| -> Vec<usize> {
        let mut by_pg: Vec<(usize, HashSet<String>)> = Vec::new();
        for (i, gc) in gclaims.iter().enumerate() {
            if gc.gid == gid {
                if let Some(&j) = found_at.get(&i) {
                    push_source(&mut by_pg, pclaims[j].pg, &gc.source);
                }
            }
        }
        by_pg.into_iter().filter(|(_, s)| s.len() >= 2).map(|(pg, _)| pg).collect()
    };
    let (mut verdict_total, mut verdict_ok, mut disc_found) = (0, 0, 0);
    for gid in &multi {
        let pgs = pred_groups_for(gid);
        let Some(&first) = pgs.first() else { continue };
        let pv = verdict(&groups[first]);
        verdict_total += 1;
        verdict_ok += usize::from(pv == gold_verdict[*gid]);
        if disc_gold.contains(gid) && is_disc(&pv) {
            disc_found += 1;
        }
    }
    // precision of predicted discrepancy groups
    let pred_disc: Vec<usize> = (0..groups.len()).filter(|&gi| is_disc(&verdict(&groups[gi]))).collect();
    let mut pred_disc_true = 0;
    for &gi in &pred_disc {
        let mut by_gid: Vec<(&str, HashSet<String>)> = Vec::new();
        for &(i, j, _) in &g2p {
            if pclaims[j].pg == gi {
                push_source(&mut by_gid, gclaims[i].gid.as_str(), &gclaims[i].source);
            }
        }
        if by_gid.iter().any(|(k, s)| s.len() >= 2 && is_disc(&gold_verdict[*k])) {
            pred_disc_true += 1;
        }
    }
    println!(
        "  claims: gold={n_g} predicted={n_p} gold-found={found} value-correct={value_ok}; \
         cross-source pairs: gold={all_gold_pairs} predicted(among found)={pred_pairs} both={both}; \
         discrepancy groups: gold={} found={disc_found} predicted={} true={pred_disc_true}",
        disc_gold.len(),
        pred_disc.len()
    );
    [
        ratio(found, n_g),
        ratio(matched_p.len(), n_p),
        ratio(value_ok, found),
        ratio(both, all_gold_pairs),
        ratio(both, pred_pairs),
        ratio(disc_found, disc_gold.len()),
        ratio(pred_disc_true, pred_disc.len()),
        ratio(verdict_ok, verdict_total),
        ratio(verdict_ok, multi.len()),
    ]
}

/// What `crosscheck report CLUSTER --format json` writes, read back.
fn predicted_report(rules: &RuleSet, extractor: &Extractor, cluster: &Path) -> Value {
    let sources = load(&[cluster.to_path_buf()]).expect("the cluster loads").sources;
    let claims = sources.iter().flat_map(|s| extractor.extract(s)).collect();
    let report = Report::build(sources.iter().map(SourceInfo::of).collect(), claims, Vec::new(), &Comparer::new(rules));
    serde_json::from_str(&report_json(&report)).expect("the JSON report parses")
}

/// A score as news_scores.py reads it back from score.py's summary line.
fn rounded(x: f64) -> f64 {
    format!("{x:.3}").parse().expect("a number")
}

fn row(name: &str, r: &[f64]) -> String {
    let cells: Vec<String> = r.iter().map(|x| format!("{x:6.3}")).collect();
    format!("{name:32} {}", cells.join(" "))
}

#[test]
fn news_clusters_score_above_the_floors() {
    let rules = RuleSet::builtin();
    let extractor = Extractor::new(&rules);
    let mut names: Vec<String> = std::fs::read_dir(news_dir())
        .expect("tests/fixtures/news")
        .map(|e| e.expect("an entry").file_name().to_string_lossy().into_owned())
        .filter(|n| news_dir().join(n).join("gold.yaml").is_file())
        .collect();
    names.sort();
    assert_eq!(names.len(), 8, "the eight news clusters: {names:?}");
    let mut rows: Vec<(String, Scores)> = Vec::new();
    for name in &names {
        let cluster = news_dir().join(name);
        println!("{name}");
        let rep = predicted_report(&rules, &extractor, &cluster);
        rows.push((name.clone(), score_report(&cluster, &rep).map(rounded)));
    }
    let heads: Vec<String> = SHORT.iter().map(|s| format!("{s:>6}")).collect();
    println!("{:32} {}", "cluster", heads.join(" "));
    for (name, r) in &rows {
        println!("{}", row(name, r));
    }
    let mut mean = [0.0; 9];
    for (k, m) in mean.iter_mut().enumerate() {
        *m = rows.iter().map(|(_, r)| r[k]).sum::<f64>() / rows.len().max(1) as f64;
    }
    println!("{}", row(&format!("mean of {}", rows.len()), &mean));
    let summary: Vec<String> = KEYS.iter().zip(mean).map(|(k, m)| format!("{k}={m:.3}")).collect();
    println!("summary {}", summary.join(" "));

    let mut failed = Vec::new();
    let floors = [
        (0, FLOOR_CLAIMS_RECALL),
        (1, FLOOR_CLAIMS_PRECISION),
        (2, FLOOR_VALUE_ACC),
        (3, FLOOR_PAIR_RECALL),
        (4, FLOOR_PAIR_PRECISION),
        (5, FLOOR_DISC_RECALL),
        (6, FLOOR_DISC_PRECISION),
        (8, FLOOR_GROUP_ACC),
    ];
    for (k, floor) in floors {
        if mean[k] < floor {
            failed.push(format!("mean {} {:.3} is below its floor {floor}", KEYS[k], mean[k]));
        }
    }
    let (worst, worst_recall) =
        rows.iter().map(|(n, r)| (n.as_str(), r[0])).min_by(|a, b| a.1.total_cmp(&b.1)).expect("clusters");
    if worst_recall < FLOOR_MIN_CLUSTER_CLAIMS_RECALL {
        failed.push(format!(
            "claims_recall of {worst} {worst_recall:.3} is below the per-cluster floor {FLOOR_MIN_CLUSTER_CLAIMS_RECALL}"
        ));
    }
    assert!(failed.is_empty(), "{}", failed.join("\n"));
}

/// The port of `value_match` gives what score.py's gives (each case was run
/// through score.py's function too).
#[test]
fn value_match_agrees_with_score_py() {
    use serde_json::json;
    let cases = [
        // dates compare as strings; a YAML date reaches both as its ISO form
        (json!({"date": "2017-09-15"}), json!({"kind": "date", "date": "2017-09-15"}), true),
        (json!({"date": "2017-09"}), json!({"kind": "date", "date": "2017-09-15"}), false),
        (json!({"date": 2017}), json!({"kind": "date", "date": "2017"}), true),
        (json!({"date": "2017-09-15"}), json!({"kind": "number", "amount": 15}), false),
        // a time of day: HHMM in gold, "HH:MM" or an amount from the tool
        (json!({"amount": 2208, "unit": "time_hhmm"}), json!({"kind": "time", "time": "22:08"}), true),
        (json!({"amount": 930, "unit": "time_hhmm"}), json!({"kind": "time", "time": "9:30", "zone": "EDT"}), true),
        (json!({"amount": 930, "unit": "time_hhmm"}), json!({"kind": "time", "time": "09:31"}), false),
        (json!({"amount": 2208, "unit": "time_hhmm"}), json!({"kind": "number", "amount": 2208}), true),
        (json!({"amount": 2208, "unit": "time_hhmm"}), json!({"kind": "time", "time": "midnight"}), false),
        // a bare year may come back as a date
        (json!({"amount": 2016, "unit": "year", "qualifier": "exact"}), json!({"kind": "date", "date": "2016"}), true),
        (json!({"amount": 2016, "unit": "year"}), json!({"kind": "date", "date": "2016-01"}), false),
        (json!({"amount": 2016, "unit": "year"}), json!({"kind": "number", "amount": 2016, "unit": null}), true),
        // items: Jaccard of normalised names at least 0.8
        (
            json!({"items": ["Broadcom Ltd.", "Qualcomm Inc", "Intel Corp"]}),
            json!({"kind": "list", "items": ["broadcom", "QUALCOMM", "Intel Corporation"]}),
            true,
        ),
        (
            json!({"items": ["Lewis Hamilton", "Nico Rosberg", "Max Verstappen"]}),
            json!({"kind": "list", "items": ["Lewis Hamilton", "Nico Rosberg"]}),
            false,
        ),
        (json!({"items": ["Ａｐｐｌｅ", "ﬁat"]}), json!({"items": ["apple", "Fiat"]}), true),
        (json!({"items": []}), json!({"kind": "number", "amount": 1}), false),
        // signed amounts: either side's sign convention
        (json!({"amount": -5, "unit": "percent", "qualifier": "exact"}), json!({"amount": 5, "unit": "percent"}), true),
        (json!({"amount": 5, "unit": "percent"}), json!({"amount": -5.0000001, "unit": "%"}), true),
        (json!({"amount": 5, "unit": "percent"}), json!({"amount": 5, "unit": null}), false),
        (json!({"amount": 5.2, "unit": "count"}), json!({"amount": 5.3, "unit": "people"}), false),
        (json!({"amount": 12, "unit": "count"}), json!({"amount": 12, "unit": "people"}), true),
        // a three-letter unit is a code that must match; other units do not
        (json!({"amount": 5e9, "unit": "USD"}), json!({"kind": "money", "amount": 5000000000u64, "unit": "USD"}), true),
        (json!({"amount": 5e9, "unit": "USD"}), json!({"kind": "money", "amount": 5e9, "unit": "EUR"}), false),
        (json!({"amount": 5e9, "unit": "usd"}), json!({"kind": "money", "amount": 5e9, "unit": "USD"}), true),
        (json!({"amount": 17, "unit": "mph"}), json!({"amount": 17, "unit": null}), false),
        (json!({"amount": 17, "unit": "km"}), json!({"amount": 17, "unit": null}), true),
        // ranges: both bounds, numbers or dates
        (json!({"low": 60, "high": 70, "unit": "count"}), json!({"kind": "range", "low": 60, "high": 70}), true),
        (json!({"low": "2017-12-18", "high": "2017-12-24"}), json!({"low": "2017-12-18", "high": "2017-12-24"}), true),
        (json!({"low": 60}), json!({"low": 60.0, "high": 61}), false),
        // qualitative always matches; anything but a mapping never does
        (json!({"qualifier": "qualitative"}), json!({"kind": "number", "amount": 3}), true),
        (json!({"amount": 3}), Value::Null, false),
        (Value::Null, json!({"amount": 3}), false),
    ];
    let mut wrong = Vec::new();
    for (gv, pv, want) in &cases {
        if value_match(gv, pv) != *want {
            wrong.push(format!("value_match({gv}, {pv}) should be {want}"));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    assert_eq!(norm_item("Broadcom Ltd."), "broadcom");
    assert_eq!(norm_item("Alphabet Inc.'s Google"), "alphabet s google");
    assert_eq!(norm_unit(Some(&json!("Per Cent"))), Some("percent".to_string()));
    assert_eq!(norm_unit(Some(&json!("count"))), None);
    assert_eq!(norm_unit(Some(&json!("usd"))), Some("USD".to_string()));
}

/// The whole scorer on a toy cluster, against what score.py printed for it:
/// `summary claims_recall=1.000 claims_precision=0.800 value_acc=0.857
/// pair_recall=0.600 pair_precision=0.750 disc_recall=0.500
/// disc_precision=0.500 verdict_acc=0.500 group_acc=0.500`. It has a gold
/// claim whose text is not on its line (left out), CRLF line ends and a
/// multi-byte character before a claim (spans in code points), a claim
/// without a column (found by text), a source given as a path, a gold claim
/// overlapped by two value-matching claims of two groups (the tie goes to the
/// first), a wrong currency and a signed amount.
#[test]
fn scorer_agrees_with_score_py_on_a_toy_cluster() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let cluster = dir.path().join("storm");
    std::fs::create_dir(&cluster).expect("the cluster folder");
    std::fs::write(
        cluster.join("a.txt"),
        "Storm kills 12 in the north\nThe storm killed 12 people on 2017-09-15 and cost $5 billion.\n",
    )
    .expect("a.txt");
    std::fs::write(
        cluster.join("b.txt"),
        "Storm toll rises to 14\r\nOfficials said 14 people died and damage reached \u{20ac}4 billion, or 4.7 billion dollars.\r\n",
    )
    .expect("b.txt");
    std::fs::write(
        cluster.join("gold.yaml"),
        r#"groups:
  - id: toll
    subject: storm
    measure: deaths
    verdict: conflict
    claims:
      - {source: a.txt, line: 1, text: "kills 12", value: {amount: 12, unit: count, qualifier: exact}}
      - {source: a.txt, line: 2, text: "killed 12 people", value: {amount: 12, unit: count, qualifier: exact}}
      - {source: b.txt, line: 1, text: "rises to 14", value: {amount: 14, unit: count, qualifier: exact}}
      - {source: b.txt, line: 2, text: "14 people died", value: {amount: 14, unit: count, qualifier: exact}}
  - id: cost
    subject: storm
    measure: cost
    verdict: compatible
    claims:
      - {source: a.txt, line: 2, text: "$5 billion", value: {amount: 5000000000, unit: USD, qualifier: exact}}
      - {source: b.txt, line: 2, text: "4.7 billion dollars", value: {amount: 4700000000, unit: USD, qualifier: exact}}
  - id: day
    subject: storm
    measure: date
    verdict: single
    claims:
      - {source: a.txt, line: 2, text: "2017-09-15", value: {date: 2017-09-15}}
      - {source: b.txt, line: 1, text: "not on the line", value: {date: 2017-09-15}}
"#,
    )
    .expect("gold.yaml");
    let rep: Value = serde_json::from_str(
        r#"{"crosscheck": 1, "groups": [
  {"id": "storm/deaths", "verdict": "conflict", "claims": [
    {"source": "a.txt", "line": 1, "text": "12", "column": 13, "value": {"kind": "number", "amount": 12, "low": 12, "high": 12, "unit": null, "qualifier": "exact"}},
    {"source": "b.txt", "line": 1, "text": "14", "column": 21, "value": {"kind": "number", "amount": 14, "low": 14, "high": 14, "unit": null, "qualifier": "exact"}},
    {"source": "b.txt", "line": 2, "text": "14", "column": 16, "value": {"kind": "number", "amount": 14, "low": 14, "high": 14, "unit": null, "qualifier": "exact"}}]},
  {"id": "storm/cost", "verdict": "agree", "claims": [
    {"source": "a.txt", "line": 2, "text": "12", "column": 18, "value": {"kind": "number", "amount": 12, "low": 12, "high": 12, "unit": null, "qualifier": "exact"}},
    {"source": "a.txt", "line": 2, "text": "$5 billion", "column": 51, "value": {"kind": "money", "amount": 5000000000.0, "unit": "USD"}},
    {"source": "b.txt", "line": 2, "text": "€4 billion", "column": 50, "value": {"kind": "money", "amount": 4000000000.0, "unit": "EUR"}},
    {"source": "b.txt", "line": 2, "text": "4.7 billion dollars", "column": 65, "value": {"kind": "money", "amount": 4700000000.0, "unit": "EUR"}}]},
  {"id": "storm/date", "verdict": "compatible", "claims": [
    {"source": "a.txt", "line": 2, "text": "2017-09-15", "column": 31, "value": {"kind": "date", "date": "2017-09-15"}},
    {"source": "b.txt", "line": 1, "text": "Storm", "value": {"kind": "number", "amount": 1, "low": 1, "high": 1, "unit": null, "qualifier": "exact"}}]},
  {"id": "storm/x", "verdict": "single", "claims": [
    {"source": "some/dir/a.txt", "line": 2, "text": "12 people", "column": 18, "value": {"kind": "number", "amount": -12, "low": -12, "high": -12, "unit": null, "qualifier": "exact"}}]}
]}"#,
    )
    .expect("the toy report parses");
    let got: Vec<String> = score_report(&cluster, &rep).iter().map(|x| format!("{x:.3}")).collect();
    assert_eq!(got, ["1.000", "0.800", "0.857", "0.600", "0.750", "0.500", "0.500", "0.500", "0.500"]);
}

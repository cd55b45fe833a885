//! The quantity scanner: one left-to-right pass over the tokens of a text,
//! reading each figure with the words around it that change its meaning.

use super::lexer::{Number, TokenKind};
use super::lexicon::{Lexicon, NumWord, TextView, SIGNS};
use super::{Interval, Kind, Qualifier, Quantity};
use crate::rules::RuleSet;

/// Finds and normalises the quantities in text. Build it once per run.
#[derive(Clone)]
pub struct Scanner {
    lex: Lexicon,
}

/// The unit a single figure carries.
#[derive(Debug, Clone, PartialEq)]
enum Unit {
    None,
    Percent,
    Points,
    Money(String),
}

/// A figure with its qualifier and unit, before ranges are formed.
#[derive(Debug, Clone)]
struct Single {
    start: usize,
    end: usize,
    value: f64,
    qualifier: Qualifier,
    /// The qualifier came from the wording, not by default.
    qualified: bool,
    unit: Unit,
    /// The multiplier of a scale word, if one was written.
    scale: Option<f64>,
    step: f64,
    vague: bool,
    /// Not a figure: a year, a date, a time, part of a name. Consumed, not reported.
    dropped: bool,
}

/// Whether every number of a quantity is finite.
fn is_finite(q: &Quantity) -> bool {
    [q.amount, q.interval.low, q.interval.high].iter().flatten().all(|x| x.is_finite()) && q.step.is_finite()
}

/// A number read from digits and/or words.
#[derive(Debug, Clone, Copy)]
struct NumRead {
    value: f64,
    end: usize,
    scale: Option<f64>,
    step: f64,
    /// Read from a single plain digit token (e.g. "2019").
    plain: Option<Number>,
    words_only: bool,
    /// How the wording of the number itself bounds it ("a couple of" is about two).
    qualifier: Option<Qualifier>,
}

impl Scanner {
    /// A scanner for these rules.
    pub fn new(rules: &RuleSet) -> Self {
        Self { lex: Lexicon::new(rules) }
    }

    /// Every quantity in `text`, in order, with byte offsets into `text`.
    pub fn scan(&self, text: &str) -> Vec<Quantity> {
        self.scan_with_anchors(text, &self.lex.anchor_occurrences(text))
    }

    /// [`Self::scan`], given every occurrence in `text` of the patterns
    /// [`Self::anchor_patterns`] names (ignoring ASCII case), as one search
    /// made for other words as well found them.
    pub fn scan_with_anchors(&self, text: &str, anchors: &[(usize, usize)]) -> Vec<Quantity> {
        if !self.lex.may_hold_quantity_at(text, anchors.iter().copied()) {
            return Vec::new();
        }
        self.scan_from_anchors(text, Some(anchors))
    }

    /// The words whose occurrences [`Self::scan_with_anchors`] is given.
    pub fn anchor_patterns(&self) -> &[String] {
        self.lex.anchor_patterns()
    }

    /// Scans, trying only tokens within reach of a number's core when
    /// given where the anchor patterns occur, or every token when not (the
    /// reference the skip is tested against).
    fn scan_from_anchors(&self, text: &str, anchors: Option<&[(usize, usize)]>) -> Vec<Quantity> {
        let view = TextView::new(text);
        let blocked = url_mask(&view);
        let next_anchor = anchors.map(|a| self.next_anchors(&view, a));
        let mut out = Vec::new();
        let mut i = 0;
        while i < view.tokens.len() {
            if let Some(next) = next_anchor.as_ref().map(|n| n[i]).filter(|&n| n > i + self.lex.reach) {
                i = next - self.lex.reach;
                continue;
            }
            if blocked[i] || next_anchor.is_some() && !self.lex.may_start(&view, i) {
                i += 1;
                continue;
            }
            match self.parse_at(&view, i, &blocked) {
                Some((q, next)) => {
                    // A figure beyond f64 ("8e888", "8e888/8e888") is no figure anyone states.
                    if let Some(q) = q.filter(is_finite) {
                        out.push(q);
                    }
                    i = next.max(i + 1);
                }
                None => i += 1,
            }
        }
        out
    }

    /// For each token, the index of the first token at or after it that can be
    /// a number's core (the token count when there is none). A word written
    /// in ASCII is an anchor word when an anchor pattern occurs over exactly
    /// its bytes (`anchors`: every occurrence, ignoring ASCII case), with no
    /// need to lower-case it; any other word is looked up.
    fn next_anchors(&self, v: &TextView, anchors: &[(usize, usize)]) -> Vec<usize> {
        let mut spans = anchors.to_vec();
        spans.sort_unstable();
        let n = v.tokens.len();
        let mut next = vec![n; n + 1];
        for k in (0..n).rev() {
            let t = &v.tokens[k];
            let anchor = match t.kind {
                TokenKind::Num(_) => true,
                TokenKind::Sym(c) => self.lex.fraction_chars.contains_key(&c),
                TokenKind::Word if v.is_ascii_word(k) => spans.binary_search(&(t.start, t.end)).is_ok(),
                TokenKind::Word => v.lower(k).is_some_and(|w| self.lex.anchors.contains(w)),
                TokenKind::Code => false,
            };
            next[k] = if anchor { k } else { next[k + 1] };
        }
        next
    }

    /// A quantity (or a dropped non-figure) starting at token `i`.
    fn parse_at(&self, v: &TextView, i: usize, blocked: &[bool]) -> Option<(Option<Quantity>, usize)> {
        // "between 10 and 20", "from 200 to 300"
        if let Some((opener, j)) = self.lex.openers.longest(v, i) {
            if let Some(a) = self.single(v, j) {
                if !a.dropped {
                    if let Some((k, req_ok)) = self.joiner(v, a.end, Some(opener)) {
                        if req_ok {
                            if let Some(b) = self.single(v, k) {
                                if let Some(q) = self.range(v, i, &a, &b) {
                                    return Some((Some(q), b.end));
                                }
                            }
                        }
                    }
                }
            }
        }
        let a = self.single(v, i)?;
        if a.dropped {
            // Take the rest of a date, time, code or phone number with it: "10:30", "1995-01".
            let mut end = a.end;
            while end + 1 < v.tokens.len()
                && !v.tokens[end].space_before
                && matches!(
                    v.tokens[end].kind,
                    TokenKind::Sym('-') | TokenKind::Sym('/') | TokenKind::Sym(':') | TokenKind::Sym('.')
                )
                && !v.tokens[end + 1].space_before
                && matches!(v.tokens[end + 1].kind, TokenKind::Num(_))
            {
                end += 2;
            }
            return Some((None, end));
        }
        if blocked[i..a.end].iter().any(|b| *b) {
            return None;
        }
        // "10 to 20 million", "10-20%", "tens of thousands to “upwards of 1 million”"
        if let Some((k, true)) = self.joiner(v, a.end, None) {
            let (k2, quoted) = skip_open_quote(v, k);
            if let Some(b) = self.single(v, k2) {
                let dash = matches!(v.tokens[k - 1].kind, TokenKind::Sym(_));
                let digits = (a.start..a.end).any(|t| matches!(v.tokens[t].kind, TokenKind::Num(_))) && !v.is_word(k2);
                if !b.dropped && (!dash || digits) {
                    let end = if quoted { take_close_quote(v, b.end) } else { b.end };
                    let mut b2 = b.clone();
                    b2.end = end;
                    if let Some(q) = self.range(v, a.start, &a, &b2) {
                        return Some((Some(q), end));
                    }
                }
            }
        }
        // "more than 10 and less than 40"
        if a.qualifier.is_lower_bound() || a.qualifier.is_upper_bound() {
            if let Some((_, k)) = self.lex.bound_joiners.longest(v, a.end) {
                if let Some(b) = self.single(v, k) {
                    let (lo, hi) = if a.qualifier.is_lower_bound() { (&a, &b) } else { (&b, &a) };
                    if !b.dropped
                        && lo.qualifier.is_lower_bound()
                        && hi.qualifier.is_upper_bound()
                        && lo.value < hi.value
                        && compatible_units(&lo.unit, &hi.unit)
                    {
                        let mut q = self.to_quantity(v, &a);
                        q.end = v.tokens[b.end - 1].end;
                        q.kind = Kind::Range;
                        q.amount = None;
                        q.interval = Interval { low: Some(lo.value), high: Some(hi.value) };
                        q.low_qualifier = Some(lo.qualifier);
                        q.high_qualifier = Some(hi.qualifier);
                        q.qualifier = Qualifier::Exact;
                        return Some((Some(q), b.end));
                    }
                }
            }
        }
        Some((Some(self.to_quantity(v, &a)), a.end))
    }

    /// A range joiner at `k`: the index after it, and whether its opener requirement holds.
    fn joiner(&self, v: &TextView, k: usize, opener: Option<&String>) -> Option<(usize, bool)> {
        let (j, next) = self.lex.joiners.longest(v, k)?;
        let ok = if j.requires.is_empty() { true } else { opener.is_some_and(|o| j.requires.contains(o)) };
        Some((next, ok))
    }

    fn range(&self, v: &TextView, start_tok: usize, a: &Single, b: &Single) -> Option<Quantity> {
        let mut a = a.clone();
        let mut b = b.clone();
        // The scale and the unit written once apply to both ends.
        if a.scale.is_none() && !a.vague {
            if let Some(s) = b.scale {
                if a.value * s <= b.value * s && a.value < b.value {
                    a.value *= s;
                    a.step *= s;
                }
            }
        }
        if a.unit == Unit::None {
            a.unit = b.unit.clone();
        } else if b.unit == Unit::None {
            b.unit = a.unit.clone();
        }
        if a.unit != b.unit || a.value >= b.value {
            return None;
        }
        if a.qualifier.is_upper_bound()
            || b.qualifier.is_lower_bound() && !b.vague && b.qualifier != Qualifier::MoreThan
        {
            return None;
        }
        let mut q = self.to_quantity(v, &a);
        q.start = v.tokens[start_tok].start;
        q.end = if b.end > 0 { end_byte(v, b.end) } else { q.end };
        q.kind = Kind::Range;
        q.amount = None;
        q.interval = Interval {
            low: Some(super::figure::tidy(a.value, a.step)),
            high: Some(super::figure::tidy(b.value, b.step)),
        };
        q.low_qualifier = Some(a.qualifier);
        q.high_qualifier = Some(b.qualifier);
        q.qualifier = Qualifier::Exact;
        q.step = a.step.min(b.step);
        q.vague = a.vague;
        Some(q)
    }

    fn to_quantity(&self, v: &TextView, s: &Single) -> Quantity {
        let (kind, unit) = match &s.unit {
            Unit::None => (Kind::Number, None),
            Unit::Percent => (Kind::Percent, Some("percent".to_string())),
            Unit::Points => (Kind::Percent, Some("pp".to_string())),
            Unit::Money(c) => (Kind::Money, Some(c.clone())),
        };
        let value = super::figure::tidy(s.value, s.step);
        Quantity {
            start: v.tokens[s.start].start,
            end: end_byte(v, s.end),
            kind,
            amount: Some(value),
            interval: s.qualifier.interval(value),
            unit,
            qualifier: s.qualifier,
            low_qualifier: None,
            high_qualifier: None,
            step: s.step,
            vague: s.vague,
        }
    }

    /// One figure with its qualifier, sign, currency, scale and unit.
    fn single(&self, v: &TextView, i: usize) -> Option<Single> {
        let lex = &self.lex;
        let n = v.tokens.len();
        if i >= n {
            return None;
        }
        let mut start = i;
        let mut j = i;
        let mut qualifier = Qualifier::Exact;
        let mut qualified = false;
        // "handed over 21": the qualifier word is the verb's, and the figure starts after it.
        let verb_before = j > 0 && v.is_word(j - 1) && lex.qualifier_not_after.contains(v.lower(j - 1).unwrap_or(""));
        if let Some((_, next)) = lex.before.longest(v, j).filter(|_| verb_before) {
            start = next;
            j = next;
        } else if let Some((q, next)) = lex.before.longest(v, j) {
            // "<>30" and "=>30" are not bounds.
            let glued_sym = matches!(v.tokens[j].kind, TokenKind::Sym(_))
                && j > 0
                && !v.tokens[j].space_before
                && matches!(v.tokens[j - 1].kind, TokenKind::Sym(_));
            let bad_follow = next < n
                && matches!(v.tokens[next].kind, TokenKind::Sym('>') | TokenKind::Sym('<') | TokenKind::Sym('='))
                && !v.tokens[next].space_before;
            if glued_sym || bad_follow {
                return None;
            }
            qualifier = *q;
            qualified = true;
            j = next;
        }
        let mut negative = false;
        let mut signed = false;
        if j < n && v.is_word(j) && lex.negative.contains(v.lower(j).unwrap_or("")) {
            negative = true;
            j += 1;
        } else if j + 1 < n && matches!(v.tokens[j].kind, TokenKind::Sym(c) if SIGNS.contains(&c)) {
            let next_is_num = matches!(v.tokens[j + 1].kind, TokenKind::Num(_));
            let glued = !v.tokens[j + 1].space_before;
            let prev_ok = j == 0
                || qualified
                || v.tokens[j].space_before
                || matches!(v.tokens[j - 1].kind, TokenKind::Sym('(') | TokenKind::Sym('['));
            let spaced_ok = j == 0 && !v.tokens[j + 1].newline_before;
            if next_is_num && prev_ok && (glued || spaced_ok) {
                negative = v.tokens[j].kind != TokenKind::Sym('+');
                signed = true;
                j += 1;
            }
        }
        // Currency before the figure.
        let mut unit = Unit::None;
        let mut cur_scale = 1.0;
        if let Some((c, next)) = lex.currency.longest(v, j) {
            let upper_word = v.is_word(j) && v.raw(j).chars().all(|ch| ch.is_uppercase());
            if (c.prefix || upper_word) && next < n && self.starts_number(v, next) {
                unit = Unit::Money(c.code.clone());
                cur_scale = c.scale;
                j = next;
            }
        }
        // "percent of 10"
        let mut percent_before = false;
        if unit == Unit::None {
            if let Some((_, next)) = lex.percent_before_of.longest(v, j) {
                if self.starts_number(v, next) {
                    percent_before = true;
                    j = next;
                }
            }
        }
        let num = self.number(v, j);
        let Some(num) = num else {
            // Vague magnitudes: "tens of thousands", "dozens".
            if unit == Unit::None && !negative {
                if let Some((&(value, vague_qualifier), next)) = lex.vague.longest(v, j) {
                    let q = if qualified { qualifier } else { vague_qualifier };
                    let mut s = Single {
                        start,
                        end: next,
                        value,
                        qualifier: q,
                        qualified: true,
                        unit: Unit::None,
                        scale: None,
                        step: value,
                        vague: true,
                        dropped: false,
                    };
                    if qualifier.is_upper_bound() {
                        s.qualifier = qualifier;
                    }
                    return Some(s);
                }
            }
            return None;
        };
        // "a couple of" is about two, unless the words before it say otherwise.
        if let Some(q) = num.qualifier.filter(|_| !qualified) {
            qualifier = q;
            qualified = true;
        }
        let mut value = num.value * cur_scale;
        if negative {
            value = -value;
        }
        let mut step = num.step * cur_scale;
        let mut scale = num.scale;
        j = num.end;
        if percent_before {
            unit = Unit::Percent;
        }
        // Scale abbreviation: "$37bn", "10k", "2.33 k".
        if scale.is_none() && !num.words_only {
            if let Some((&(s, money_only), next)) = lex.abbreviations.longest(v, j) {
                let glued_or_spaced = !v.tokens[j].newline_before;
                let follows_word = next < n && v.is_word(next) && !v.tokens[next].space_before;
                let money_after = lex.currency.longest(v, next).is_some();
                if glued_or_spaced && !follows_word && (!money_only || unit != Unit::None || money_after) {
                    value *= s;
                    step *= s;
                    scale = Some(s);
                    j = next;
                }
            }
        }
        // Clock times: "5 p.m.", "10pm".
        if unit == Unit::None && lex.time_suffixes.longest(v, j).is_some() {
            return Some(Single {
                start,
                end: j,
                value,
                qualifier,
                qualified,
                unit,
                scale,
                step,
                vague: false,
                dropped: true,
            });
        }
        // A unit joined by a hyphen: "12-cent", "one-yen".
        if j + 1 < n
            && v.tokens[j].is_sym('-')
            && !v.tokens[j].space_before
            && !v.tokens[j + 1].space_before
            && v.is_word(j + 1)
            && (lex.currency.longest(v, j + 1).is_some()
                || lex.subunits.longest(v, j + 1).is_some()
                || lex.percent_after.longest(v, j + 1).is_some())
        {
            j += 1;
        }
        // Unit after the figure.
        if unit == Unit::None {
            if let Some((_, next)) = lex.points_after.longest(v, j) {
                unit = Unit::Points;
                j = next;
            } else if let Some((_, next)) = lex.percent_after.longest(v, j) {
                unit = Unit::Percent;
                j = next;
            } else if let Some((c, next)) = lex.currency.longest(v, j) {
                // A code glued to the next figure belongs to it ("3 USD50").
                let glued_to_next =
                    next < n && !v.tokens[next].space_before && matches!(v.tokens[next].kind, TokenKind::Num(_));
                if !glued_to_next {
                    unit = Unit::Money(c.code.clone());
                    value *= c.scale;
                    step *= c.scale;
                    j = next;
                    // "75 USD million"
                    if scale.is_none() {
                        if let Some(NumWord::Scale(s)) = v.lower(j).and_then(|w| lex.words.get(w)).copied() {
                            value *= s;
                            step *= s;
                            scale = Some(s);
                            j += 1;
                        }
                    }
                }
            } else if let Some((sub, next)) = lex.subunits.longest(v, j) {
                if scale.is_none() {
                    unit = Unit::Money(sub.code.clone());
                    value /= sub.per_unit;
                    step /= sub.per_unit;
                    j = next;
                }
            }
        }
        // Cents after a whole amount: "3 dollars 50 cents", "15 dollars and 15".
        if let Unit::Money(_) = &unit {
            if scale.is_none() && value.fract() == 0.0 {
                if let Some((cents, next)) = self.cents(v, j) {
                    value += if negative { -cents } else { cents };
                    step = 0.01;
                    j = next;
                }
            }
        }
        // Qualifier after the figure: "500 or more", "less than 5000 or equal".
        if let Some((q, next)) = lex.after.longest(v, j) {
            let followed = next < n && (self.starts_number(v, next) || v.lower(next) == Some("than"));
            if !(followed || qualifier.is_lower_bound() || qualifier.is_upper_bound()) {
                qualifier = *q;
                qualified = true;
                j = next;
            }
        } else if qualified {
            if let Some((_, next)) = lex.inclusive_after.longest(v, j) {
                if !(next < n && self.starts_number(v, next)) {
                    qualifier = match qualifier {
                        Qualifier::MoreThan => Qualifier::AtLeast,
                        Qualifier::LessThan => Qualifier::AtMost,
                        q => q,
                    };
                    j = next;
                }
            }
        }
        let mut s =
            Single { start, end: j, value, qualifier, qualified, unit, scale, step, vague: false, dropped: false };
        s.dropped = self.not_a_figure(v, &s, num, signed || negative);
        Some(s)
    }

    /// Cents written after a whole amount of `code`.
    fn cents(&self, v: &TextView, j: usize) -> Option<(f64, usize)> {
        let lex = &self.lex;
        let n = v.tokens.len();
        let mut k = j;
        if k < n && v.lower(k) == Some("and") {
            k += 1;
        }
        if k >= n || v.tokens[k].newline_before {
            return None;
        }
        let num = self.number(v, k)?;
        if num.value.fract() != 0.0 || !(1.0..100.0).contains(&num.value) || num.scale.is_some() {
            return None;
        }
        let m = num.end;
        if let Some((sub, next)) = lex.subunits.longest(v, m) {
            if sub.per_unit == 100.0 {
                return Some((num.value / 100.0, next));
            }
        }
        let ends = m >= n
            || matches!(v.tokens[m].kind, TokenKind::Sym(c) if c != '%' && c != '$')
            || v.lower(m) == Some("and");
        if ends && lex.currency.longest(v, m).is_none() {
            Some((num.value / 100.0, m))
        } else {
            None
        }
    }

    /// Token `i` can start a number.
    fn starts_number(&self, v: &TextView, i: usize) -> bool {
        let Some(t) = v.tokens.get(i) else { return false };
        match t.kind {
            TokenKind::Num(_) => true,
            TokenKind::Word => {
                let w = v.lower(i).unwrap_or("");
                self.lex.words.contains(w)
                    || self.lex.negative.contains(w)
                    || (self.lex.articles.contains(w) && self.number(v, i).is_some())
                    || self.lex.fractions.contains(w) && w.starts_with(['h', 'q'])
            }
            TokenKind::Sym(c) => {
                self.lex.fraction_chars.contains_key(&c)
                    || (SIGNS.contains(&c) && matches!(v.tokens.get(i + 1).map(|t| &t.kind), Some(TokenKind::Num(_))))
            }
            TokenKind::Code => false,
        }
    }

    /// Years, dates, times, names, phone numbers: consumed, never reported.
    fn not_a_figure(&self, v: &TextView, s: &Single, num: NumRead, signed: bool) -> bool {
        let lex = &self.lex;
        let n = v.tokens.len();
        let first_num = (s.start..s.end).find(|&k| matches!(v.tokens[k].kind, TokenKind::Num(_)));
        if let Some(k) = first_num {
            let t = &v.tokens[k];
            // Glued to a word before it: "A320", "COVID-19".
            if k > 0 && !t.space_before {
                let p = &v.tokens[k - 1];
                if p.kind == TokenKind::Word && lex.currency.longest(v, k - 1).is_none() {
                    return true;
                }
                let word_is_figure_unit =
                    k >= 3 && matches!(v.tokens[k - 3].kind, TokenKind::Num(_)) && !v.tokens[k - 2].space_before;
                if matches!(p.kind, TokenKind::Sym('-'))
                    && k >= 2
                    && !p.space_before
                    && v.tokens[k - 2].kind == TokenKind::Word
                    && !word_is_figure_unit
                {
                    return true;
                }
            }
            // Part of a name: "Windows 11", "No. 1".
            let mut p = k;
            if p > 0 && v.tokens[p - 1].is_sym('.') {
                p -= 1;
            }
            if p > 0 && p == s.start.max(p) && v.is_word(p - 1) && lex.name_words.contains(v.raw(p - 1)) {
                return true;
            }
            // Dates: "May 22", "Aug. 19", "May 2018", "22 May".
            if s.unit == Unit::None && !s.qualified {
                if p > 0 && v.is_word(p - 1) && lex.months.contains(v.raw(p - 1)) && k == s.start {
                    return true;
                }
                let after = s.end;
                if after < n
                    && v.is_word(after)
                    && lex.months.contains(v.raw(after))
                    && s.value <= 31.0
                    && s.value >= 1.0
                {
                    return true;
                }
            }
        }
        let last_num = (s.start..s.end).rev().find(|&k| matches!(v.tokens[k].kind, TokenKind::Num(_)));
        if let Some(k) = last_num {
            let after = k + 1;
            if after < n && !v.tokens[after].space_before {
                let t = &v.tokens[after];
                // Glued to a word that is not a unit: "5G", "180ml", "3rd".
                if t.kind == TokenKind::Word && after >= s.end {
                    return true;
                }
                // "Form 10-K"
                if t.is_sym('-')
                    && after + 1 < n
                    && !v.tokens[after + 1].space_before
                    && v.is_word(after + 1)
                    && v.raw(after + 1).len() == 1
                    && v.raw(after + 1).chars().all(|c| c.is_uppercase())
                {
                    return true;
                }
                // Clock times and dates in digits: "10:30", "1995-01".
                if t.is_sym(':')
                    && v.tokens.get(after + 1).is_some_and(|u| matches!(u.kind, TokenKind::Num(_)) && !u.space_before)
                {
                    return true;
                }
            }
            if s.unit == Unit::None && lex.time_suffixes.longest(v, s.end).is_some() {
                return true;
            }
            // Phone numbers: "+1-222-2222-2222".
            let mut groups = 1;
            let mut m = k + 1;
            while m + 1 < n
                && matches!(v.tokens[m].kind, TokenKind::Sym('-') | TokenKind::Sym('/'))
                && !v.tokens[m].space_before
                && !v.tokens[m + 1].space_before
                && matches!(v.tokens[m + 1].kind, TokenKind::Num(_))
            {
                groups += 1;
                m += 2;
            }
            if groups >= 3 {
                return true;
            }
        }
        // The pronoun "one": "the one you mentioned".
        if num.words_only && s.value == 1.0 && s.unit == Unit::None && !s.qualified && s.start > 0 {
            if let Some(w) = v.lower(s.start - 1) {
                if lex.pronoun_one_after.contains(w) {
                    return true;
                }
            }
        }
        // Years: a bare four-digit whole number in the year range.
        if let Some(p) = num.plain {
            let (lo, hi) = lex.year_range;
            let y = p.value;
            if s.unit == Unit::None
                && !s.qualified
                && !signed
                && s.scale.is_none()
                && p.int_digits == 4
                && p.decimals == 0
                && y >= lo as f64
                && y <= hi as f64
            {
                return true;
            }
            // Year-month: "1995-01".
            if p.int_digits == 4 && s.end < n && v.tokens[s.end].is_sym('-') && !v.tokens[s.end].space_before {
                if let Some(TokenKind::Num(m)) = v.tokens.get(s.end + 1).map(|t| &t.kind) {
                    if m.int_digits == 2 && y >= lo as f64 && y <= hi as f64 {
                        return true;
                    }
                }
            }
        }
        false
    }

    /// A number in digits and/or words at token `i`.
    fn number(&self, v: &TextView, i: usize) -> Option<NumRead> {
        let lex = &self.lex;
        let t = v.tokens.get(i)?;
        // Fraction characters: "½".
        if let TokenKind::Sym(c) = t.kind {
            let f = *lex.fraction_chars.get(&c)?;
            return Some(NumRead {
                value: f,
                end: i + 1,
                scale: None,
                step: f,
                plain: None,
                words_only: false,
                qualifier: None,
            });
        }
        if let TokenKind::Num(num) = t.kind {
            let mut value = num.value;
            let mut end = i + 1;
            let mut step = 10f64.powi(-(num.decimals as i32));
            let mut plain = if num.plain { Some(num) } else { None };
            // Fractions in digits: "3/4", "2 1/4".
            if let Some((f, e)) = self.digit_fraction(v, i) {
                return Some(NumRead {
                    value: f,
                    end: e,
                    scale: None,
                    step: f,
                    plain: None,
                    words_only: false,
                    qualifier: None,
                });
            }
            if num.decimals == 0 && value.fract() == 0.0 {
                if let Some(TokenKind::Num(_)) = v.tokens.get(end).map(|t| &t.kind) {
                    if v.tokens[end].space_before && !v.tokens[end].newline_before {
                        if let Some((f, e)) = self.digit_fraction(v, end) {
                            if f < 1.0 {
                                return Some(NumRead {
                                    value: value + f,
                                    end: e,
                                    scale: None,
                                    step: f,
                                    plain: None,
                                    words_only: false,
                                    qualifier: None,
                                });
                            }
                        }
                    }
                }
            }
            // Digits followed by number words: "3 hundred and 21", "4 thousand 3 hundred".
            let mut scale = None;
            let mut words_follow = false;
            if let Some(w) = v.lower(end).filter(|_| v.is_word(end)) {
                match lex.words.get(w) {
                    Some(NumWord::Multiplier(_)) | Some(NumWord::Scale(_)) => words_follow = true,
                    _ => {}
                }
            }
            if words_follow {
                let r = self.word_number(v, i, Some(value))?;
                value = r.value;
                end = r.end;
                scale = r.scale;
                // "209.18 billion" is precise to 0.01 billion.
                step = if r.end == i + 2 { step * (r.value / num.value) } else { r.step.max(step) };
                plain = None;
            }
            // "1 in twenty-one", "two out of five hundred"
            if let Some(r) = self.ratio(v, end, value) {
                return Some(NumRead {
                    value: r.0,
                    end: r.1,
                    scale: None,
                    step: r.0,
                    plain: None,
                    words_only: false,
                    qualifier: None,
                });
            }
            return Some(NumRead { value, end, scale, step, plain, words_only: false, qualifier: None });
        }
        if t.kind != TokenKind::Word {
            return None;
        }
        if let Some(r) = self.count(v, i).or_else(|| self.article_one(v, i)) {
            return Some(r);
        }
        let r = self.word_number(v, i, None)?;
        if let Some(q) = self.ratio(v, r.end, r.value) {
            return Some(NumRead {
                value: q.0,
                end: q.1,
                scale: None,
                step: q.0,
                plain: None,
                words_only: true,
                qualifier: None,
            });
        }
        Some(r)
    }

    /// A phrase for a small count at token `i`, with the scale words after
    /// it: "a pair of", "a couple of", "a couple of hundred", "couple million".
    fn count(&self, v: &TextView, i: usize) -> Option<NumRead> {
        let lex = &self.lex;
        let (&c, e) = lex.counts.longest(v, i)?;
        let scale_next = v.is_word(e)
            && !v.tokens[e].newline_before
            && matches!(v.lower(e).and_then(|w| lex.words.get(w)), Some(NumWord::Multiplier(_) | NumWord::Scale(_)));
        if scale_next {
            // The count leads the number words after it, as digits would.
            if let Some(r) = self.word_number(v, e - 1, Some(c.value)) {
                return Some(NumRead { words_only: true, qualifier: Some(c.qualifier), ..r });
            }
        }
        (!c.before_scale).then_some(NumRead {
            value: c.value,
            end: e,
            scale: None,
            step: 1.0,
            plain: None,
            words_only: true,
            qualifier: Some(c.qualifier),
        })
    }

    /// One written as an article before a currency word that the rules name
    /// ("a dollar", "a euro", "a cent"): the figure is the article, and the
    /// currency word its unit. Not before a noun the word modifies ("a dollar
    /// figure") or a hyphen ("a dollar-denominated bond").
    fn article_one(&self, v: &TextView, i: usize) -> Option<NumRead> {
        let lex = &self.lex;
        if !lex.articles.contains(v.lower(i)?) || !v.is_word(i + 1) || v.tokens[i + 1].newline_before {
            return None;
        }
        let not_before = lex.article_one.get(v.lower(i + 1)?)?;
        let after = v.tokens.get(i + 2);
        let hyphen = after.is_some_and(|t| t.is_sym('-') && !t.space_before);
        let modifies = v.is_word(i + 2) && v.lower(i + 2).is_some_and(|w| not_before.iter().any(|x| x == w));
        (!hyphen && !modifies).then_some(NumRead {
            value: 1.0,
            end: i + 1,
            scale: None,
            step: 1.0,
            plain: None,
            words_only: true,
            qualifier: None,
        })
    }

    /// "one over three", "1 in twenty-one", "two out of five hundred".
    fn ratio(&self, v: &TextView, k: usize, num: f64) -> Option<(f64, usize)> {
        let (_, next) = self.lex.ratio.longest(v, k)?;
        let word = v.lower(k).unwrap_or("");
        if (word == "over" || word == "in") && num != 1.0 {
            return None;
        }
        let den = match &v.tokens.get(next)?.kind {
            TokenKind::Num(d) if d.decimals == 0 => NumRead {
                value: d.value,
                end: next + 1,
                scale: None,
                step: 1.0,
                plain: None,
                words_only: false,
                qualifier: None,
            },
            TokenKind::Word => self.word_number(v, next, None)?,
            _ => return None,
        };
        if den.value <= num || den.value == 0.0 {
            return None;
        }
        Some((num / den.value, den.end))
    }

    /// "3/4" at token `i` (digits, slash, digits, all glued).
    fn digit_fraction(&self, v: &TextView, i: usize) -> Option<(f64, usize)> {
        let TokenKind::Num(a) = v.tokens.get(i)?.kind else { return None };
        let slash = v.tokens.get(i + 1)?;
        let TokenKind::Num(b) = v.tokens.get(i + 2)?.kind else { return None };
        if !slash.is_sym('/')
            || slash.space_before
            || v.tokens[i + 2].space_before
            || a.decimals > 0
            || b.decimals > 0
            || b.value == 0.0
        {
            return None;
        }
        if v.tokens.get(i + 3).is_some_and(|t| t.is_sym('/') && !t.space_before) {
            return None;
        }
        Some((a.value / b.value, i + 3))
    }

    /// A number spelled in words (optionally starting from a figure in digits).
    fn word_number(&self, v: &TextView, i: usize, lead: Option<f64>) -> Option<NumRead> {
        let lex = &self.lex;
        let n = v.tokens.len();
        let mut total = 0.0;
        let mut current = 0.0;
        let mut last_scale = f64::INFINITY;
        let mut any = false;
        let mut prev: Option<NumWord> = None;
        let mut after_and = false;
        let mut used_scale: Option<f64> = None;
        let mut step = 1.0;
        let mut j = i;
        let mut article = false;
        if let Some(x) = lead {
            current = x;
            any = true;
            prev = Some(NumWord::Unit(x));
            j += 1;
        } else if let Some(&den) = v
            .lower(j)
            .filter(|w| lex.scale_fractions.contains(w) || lex.standalone_fractions.contains(w))
            .and_then(|w| lex.fractions.get(w))
        {
            // "half a million", "quarter million", "more than half"
            let w = v.lower(j).unwrap_or("");
            if let Some((s, e)) = self.trailing_scale(v, j + 1) {
                let value = s / den;
                return Some(NumRead {
                    value,
                    end: e,
                    scale: Some(s),
                    step: value,
                    plain: None,
                    words_only: true,
                    qualifier: None,
                });
            }
            if lex.standalone_fractions.contains(w) {
                return Some(NumRead {
                    value: 1.0 / den,
                    end: j + 1,
                    scale: None,
                    step: 1.0 / den,
                    plain: None,
                    words_only: true,
                    qualifier: None,
                });
            }
            return None;
        } else if v.is_word(j) && lex.articles.contains(v.lower(j).unwrap_or("")) {
            // "a dozen", "a hundred", "a half", "a fifth", "a million"
            article = true;
            j += 1;
        }
        let mut end = j;
        while j < n {
            let t = &v.tokens[j];
            if t.newline_before && any {
                break;
            }
            // A hyphen between tens and units: "twenty-one", "fifty - two".
            if t.is_sym('-') && matches!(prev, Some(NumWord::Tens(_))) {
                if let Some(NumWord::Unit(_)) = v.lower(j + 1).and_then(|w| lex.words.get(w)) {
                    j += 1;
                    continue;
                }
                break;
            }
            let digits_ok = after_and || matches!(prev, Some(NumWord::Scale(_))) && lead.is_some();
            if !(v.is_word(j) || matches!(t.kind, TokenKind::Num(_)) && digits_ok) {
                break;
            }
            let w = v.lower(j).unwrap_or("");
            let meaning = match t.kind {
                TokenKind::Num(num)
                    if num.decimals == 0 && num.value.fract() == 0.0 && num.value < last_scale.min(1000.0) =>
                {
                    Some(NumWord::Unit(num.value))
                }
                TokenKind::Num(_) => None,
                _ => lex.words.get(w).copied(),
            };
            let Some(m) = meaning else {
                if w == "and" && any && self.and_fraction(v, j + 1).is_some() {
                    // "one hundred and three quarters": the fraction is read after the loop.
                    break;
                }
                if w == "and" && any {
                    // "and" joins only when a number word follows: "one hundred and five".
                    let next_is_num = v.lower(j + 1).is_some_and(|x| {
                        matches!(
                            lex.words.get(x),
                            Some(NumWord::Unit(_)) | Some(NumWord::Teen(_)) | Some(NumWord::Tens(_))
                        )
                    }) || (matches!(v.tokens.get(j + 1).map(|t| &t.kind), Some(TokenKind::Num(_)))
                        && matches!(prev, Some(NumWord::Multiplier(_)) | Some(NumWord::Scale(_))));
                    if next_is_num && matches!(prev, Some(NumWord::Multiplier(_)) | Some(NumWord::Scale(_))) {
                        after_and = true;
                        j += 1;
                        continue;
                    }
                }
                break;
            };
            let ok = match (m, prev) {
                (NumWord::Unit(_), None) | (NumWord::Teen(_), None) | (NumWord::Tens(_), None) => !article,
                (NumWord::Unit(_), Some(NumWord::Tens(_))) => true,
                (
                    NumWord::Unit(_) | NumWord::Teen(_) | NumWord::Tens(_),
                    Some(NumWord::Multiplier(_)) | Some(NumWord::Scale(_)),
                ) => true,
                (NumWord::Multiplier(_), Some(NumWord::Unit(_)) | Some(NumWord::Teen(_)) | Some(NumWord::Tens(_))) => {
                    true
                }
                (NumWord::Multiplier(_), None) => article,
                (NumWord::Multiplier(m), Some(NumWord::Multiplier(p))) => m != p && m == 12.0,
                (NumWord::Scale(s), Some(NumWord::Scale(p))) => s < last_scale || (s > p && current == 0.0),
                (NumWord::Scale(s), Some(_)) => s < last_scale,
                (NumWord::Scale(_), None) => article,
                _ => false,
            };
            if !ok {
                break;
            }
            if let (NumWord::Tens(_), Some(NumWord::Multiplier(_))) = (m, prev) {
                let mut k = j + 1;
                if v.tokens.get(k).is_some_and(|t| t.is_sym('-')) {
                    k += 1;
                }
                if !after_and
                    && v.lower(k).is_some_and(|x| {
                        lex.compound_fractions.contains(x) && !matches!(lex.words.get(x), Some(NumWord::Unit(_)))
                    })
                {
                    break;
                }
            }
            if after_and
                && current >= 100.0
                && matches!(v.lower(j + 1).and_then(|x| lex.words.get(x)), Some(NumWord::Multiplier(h)) if *h == 100.0)
            {
                // "3 hundred and 2 hundred" are two numbers.
                break;
            }
            match m {
                NumWord::Unit(x) | NumWord::Teen(x) | NumWord::Tens(x) => {
                    if let Some(NumWord::Tens(_)) = prev {
                        if !matches!(m, NumWord::Unit(_)) || x == 0.0 {
                            break;
                        }
                    }
                    if x == 0.0 && any {
                        break;
                    }
                    current += x;
                    step = 1.0;
                }
                NumWord::Multiplier(x) => {
                    current = if current == 0.0 { x } else { current * x };
                    step = x;
                }
                NumWord::Scale(x) if current == 0.0 && matches!(prev, Some(NumWord::Scale(p)) if x > p) => {
                    // "three lakh crore"
                    total *= x;
                    last_scale = x;
                    used_scale = Some(x);
                    step = x;
                }
                NumWord::Scale(x) => {
                    total += if current == 0.0 { 1.0 } else { current } * x;
                    current = 0.0;
                    last_scale = x;
                    used_scale = Some(used_scale.map_or(x, |u: f64| u.max(x)));
                    step = x;
                }
            }
            any = true;
            prev = Some(m);
            after_and = false;
            j += 1;
            end = j;
        }
        let mut value = total + current;
        let read_any = any;
        // Fractions: "two thirds", "a half", "one and a half", "three quarters".
        if article || read_any {
            if let Some((den, e)) = self.denominator(v, end, prev) {
                // "two thirds", "a half", "a hundred trillionths"
                // A singular denominator after a numerator above one is an ordinal ("two millionth").
                let word = v.lower(e - 1).unwrap_or("");
                if read_any && value != 1.0 && !word.ends_with('s') && !matches!(prev, Some(NumWord::Multiplier(_))) {
                    return Some(NumRead {
                        value,
                        end,
                        scale: used_scale,
                        step,
                        plain: None,
                        words_only: lead.is_none(),
                        qualifier: None,
                    });
                }
                value = if read_any { value / den } else { 1.0 / den };
                end = e;
                // "half a million", "two thirds of a million", "three quarters billion"
                if let Some((s, e2)) = self.trailing_scale(v, end) {
                    value *= s;
                    used_scale = Some(s);
                    end = e2;
                }
                step = value.abs().max(f64::MIN_POSITIVE);
                return Some(NumRead {
                    value,
                    end,
                    scale: used_scale,
                    step,
                    plain: None,
                    words_only: lead.is_none(),
                    qualifier: None,
                });
            }
        }
        if !read_any {
            return None;
        }
        // "and a half", "and three quarters", "and two thirds"
        if v.lower(end) == Some("and") {
            if let Some((f, e)) = self.and_fraction(v, end + 1) {
                if let Some((s, e2)) = self.trailing_scale(v, e) {
                    // "five and a half million", "one billion and a half million"
                    value = if used_scale.is_some() { value + f * s } else { (value + f) * s };
                    used_scale = Some(used_scale.map_or(s, |u| u.max(s)));
                    end = e2;
                } else if let Some(s) = used_scale.filter(|_| current == 0.0) {
                    // "3 million and a half"
                    value += f * s;
                    end = e;
                } else {
                    value += f;
                    end = e;
                }
                return Some(NumRead {
                    value,
                    end,
                    scale: used_scale,
                    step: f.min(1.0),
                    plain: None,
                    words_only: lead.is_none(),
                    qualifier: None,
                });
            }
        }
        // "two hundred point zero three"
        if v.lower(end).is_some_and(|w| lex.decimal_point.contains(w)) && value.fract() == 0.0 && used_scale.is_none() {
            let mut digits = String::new();
            let mut k = end + 1;
            while k < n && v.is_word(k) {
                let w = v.lower(k).unwrap_or("");
                match lex.words.get(w) {
                    Some(NumWord::Unit(x)) => digits.push_str(&format!("{}", *x as u64)),
                    Some(NumWord::Teen(x)) => digits.push_str(&format!("{}", *x as u64)),
                    Some(NumWord::Tens(x)) => {
                        let mut d = *x as u64;
                        if v.tokens.get(k + 1).is_some_and(|t| t.is_sym('-')) {
                            if let Some(NumWord::Unit(u)) = v.lower(k + 2).and_then(|w| lex.words.get(w)) {
                                d += *u as u64;
                                k += 2;
                            }
                        } else if let Some(NumWord::Unit(u)) = v.lower(k + 1).and_then(|w| lex.words.get(w)) {
                            d += *u as u64;
                            k += 1;
                        }
                        digits.push_str(&format!("{d}"));
                    }
                    _ => break,
                }
                k += 1;
            }
            if !digits.is_empty() {
                let frac: f64 = format!("0.{digits}").parse().unwrap_or(0.0);
                value += frac;
                end = k;
                step = 10f64.powi(-(digits.len() as i32));
            }
        }
        Some(NumRead { value, end, scale: used_scale, step, plain: None, words_only: lead.is_none(), qualifier: None })
    }

    /// A denominator word at `k` ("thirds", "twenty-first"): its value and the index after it.
    fn denominator(&self, v: &TextView, k: usize, prev: Option<NumWord>) -> Option<(f64, usize)> {
        let lex = &self.lex;
        let mut k = k;
        if v.tokens.get(k).is_some_and(|t| t.is_sym('-')) && prev.is_some() {
            k += 1;
        }
        let w = v.lower(k).filter(|_| v.is_word(k))?;
        if let Some(d) = lex.fractions.get(w) {
            return Some((*d, k + 1));
        }
        // "a twenty-first", "three twenty firsts", "one twenty-fifth"
        if let Some(NumWord::Tens(t)) = lex.words.get(w) {
            let mut m = k + 1;
            if v.tokens.get(m).is_some_and(|t| t.is_sym('-')) {
                m += 1;
            }
            if let Some(u) = v.lower(m).and_then(|x| lex.compound_fractions.get(x)) {
                return Some((t + u, m + 1));
            }
        }
        None
    }

    /// A fraction after "and": "a half", "three quarters", "fifty-four hundredths".
    fn and_fraction(&self, v: &TextView, k: usize) -> Option<(f64, usize)> {
        let lex = &self.lex;
        let w = v.lower(k)?;
        let (num, at) = if lex.articles.contains(w) {
            (1.0, k + 1)
        } else {
            let r = self.word_number_plain(v, k)?;
            (r.0, r.1)
        };
        let (d, e) = self.denominator(v, at, Some(NumWord::Unit(num)))?;
        // A mixed number has a proper fraction: "one hundred and thirty fifths" is 130/5.
        let f = num / d;
        (f < 1.0).then_some((f, e))
    }

    /// A whole number in words only, without fractions: "fifty-four", "three".
    fn word_number_plain(&self, v: &TextView, k: usize) -> Option<(f64, usize)> {
        let lex = &self.lex;
        let mut value = 0.0;
        let mut j = k;
        let mut prev_tens = false;
        while let Some(w) = v.lower(j).filter(|_| v.is_word(j)) {
            match lex.words.get(w) {
                Some(NumWord::Unit(x)) if value == 0.0 || prev_tens => value += x,
                Some(NumWord::Teen(x)) | Some(NumWord::Tens(x)) if value == 0.0 => value += x,
                _ => break,
            }
            prev_tens = matches!(lex.words.get(w), Some(NumWord::Tens(_)));
            j += 1;
            if prev_tens
                && v.tokens.get(j).is_some_and(|t| t.is_sym('-'))
                && matches!(v.lower(j + 1).and_then(|x| lex.words.get(x)), Some(NumWord::Unit(_)))
            {
                j += 1;
            }
        }
        (j > k).then_some((value, j))
    }

    /// A scale word after a fraction: "million", "a million", "of a million".
    fn trailing_scale(&self, v: &TextView, k: usize) -> Option<(f64, usize)> {
        let lex = &self.lex;
        let mut m = k;
        let mut led = false;
        if v.lower(m) == Some("of") {
            m += 1;
            led = true;
        }
        if v.lower(m).is_some_and(|w| lex.articles.contains(w)) {
            m += 1;
            led = true;
        }
        match v.lower(m).filter(|_| v.is_word(m)).and_then(|w| lex.words.get(w)) {
            Some(NumWord::Scale(s)) => Some((*s, m + 1)),
            Some(NumWord::Multiplier(s)) if led || *s == 12.0 => Some((*s, m + 1)),
            _ => None,
        }
    }
}

fn compatible_units(a: &Unit, b: &Unit) -> bool {
    a == b || *a == Unit::None || *b == Unit::None
}

fn end_byte(v: &TextView, end_tok: usize) -> usize {
    v.tokens[end_tok - 1].end
}

fn skip_open_quote(v: &TextView, k: usize) -> (usize, bool) {
    match v.tokens.get(k).map(|t| &t.kind) {
        Some(TokenKind::Sym('“')) | Some(TokenKind::Sym('"')) | Some(TokenKind::Sym('‘')) => (k + 1, true),
        _ => (k, false),
    }
}

fn take_close_quote(v: &TextView, k: usize) -> usize {
    match v.tokens.get(k) {
        Some(t)
            if !t.space_before && matches!(t.kind, TokenKind::Sym('”') | TokenKind::Sym('"') | TokenKind::Sym('’')) =>
        {
            k + 1
        }
        _ => k,
    }
}

/// Tokens inside URLs: never figures.
fn url_mask(v: &TextView) -> Vec<bool> {
    let n = v.tokens.len();
    let mut mask = vec![false; n];
    let mut i = 0;
    while i < n {
        let w = v.lower(i).unwrap_or("");
        let is_url = (matches!(w, "http" | "https" | "ftp")
            && v.tokens.get(i + 1).is_some_and(|t| t.is_sym(':') && !t.space_before))
            || (w == "www" && v.tokens.get(i + 1).is_some_and(|t| t.is_sym('.') && !t.space_before));
        if is_url {
            mask[i] = true;
            let mut j = i + 1;
            while j < n && !v.tokens[j].space_before {
                mask[j] = true;
                j += 1;
            }
            i = j;
        } else {
            i += 1;
        }
    }
    mask
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::RuleSet;

    /// Inputs the fuzzer found (fuzz/regressions/scanner): no NaN or infinite figure, bounds in order.
    #[test]
    fn fuzz_regressions_give_finite_ordered_figures() {
        let scanner = Scanner::new(&RuleSet::builtin());
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/regressions/scanner");
        let mut texts = vec!["8e888".to_string(), "8e888/8e888".to_string(), "1e308 and 9".repeat(3)];
        for entry in std::fs::read_dir(dir).unwrap() {
            texts.push(String::from_utf8_lossy(&std::fs::read(entry.unwrap().path()).unwrap()).into_owned());
        }
        for text in &texts {
            for q in scanner.scan(text) {
                assert!(is_finite(&q), "{text:?}: {q:?}");
                let (lo, hi) = (q.interval.low.unwrap_or(f64::MIN), q.interval.high.unwrap_or(f64::MAX));
                assert!(lo <= hi && q.amount.is_none_or(|a| lo <= a && a <= hi), "{text:?}: {q:?}");
            }
        }
    }

    /// Skipping tokens out of reach of a number's core or that no quantity
    /// starts with, and text with no number's core at all, must not change
    /// what is found.
    #[test]
    fn skipping_to_anchors_finds_what_every_token_finds() {
        let scanner = Scanner::new(&RuleSet::builtin());
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut texts: Vec<String> = Vec::new();
        for entry in std::fs::read_dir(root.join("seeds")).unwrap() {
            let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
            texts.extend(text.lines().map(str::to_string));
        }
        let cases = std::fs::read_to_string(root.join("tests/fixtures/conformance/cases.jsonl")).unwrap();
        for line in cases.lines() {
            let case: serde_json::Value = serde_json::from_str(line).unwrap();
            texts.push(case["input"].as_str().unwrap().to_string());
        }
        assert!(texts.len() > 500);
        // Words that hold an anchor, next to letters of other scripts, in other cases.
        for text in [
            "someone often attended",
            "ONE",
            "Twenty-one",
            "x one y",
            "ｏｎｅ",
            "ONE中",
            "中one",
            "Ⅻ",
            "½ of it",
            "ＴＷＯ",
            "one\u{301}",
            "d’one",
            "İone",
            "\u{212A}",
            "TEN\u{200D}",
            "٣ apples",
            "३ लोग",
        ] {
            texts.push(text.to_string());
        }
        for text in &texts {
            let every = format!("{:?}", scanner.scan_from_anchors(text, None));
            let anchors = scanner.lex.anchor_occurrences(text);
            assert_eq!(format!("{:?}", scanner.scan_from_anchors(text, Some(&anchors))), every, "{text}");
            assert_eq!(format!("{:?}", scanner.scan(text)), every, "{text}");
        }
    }

    fn scanner() -> &'static Scanner {
        static SCANNER: std::sync::OnceLock<Scanner> = std::sync::OnceLock::new();
        SCANNER.get_or_init(|| Scanner::new(&RuleSet::builtin()))
    }

    /// Text made of what quantities start with (every starter word and
    /// symbol of the rules), digits, signs, fraction characters and the
    /// punctuation around figures, with and without spaces between.
    fn figure_texts() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        let mut starters: Vec<String> = scanner().lex.starters().map(str::to_string).collect();
        starters.sort();
        let numbers = ["12", "3.5", "1,000", "2019", "½"].map(String::from).to_vec();
        let symbols =
            ["-", "−", "+", ".", ",", "(", ")", ":", "“", "”", "'", "%", "/", "$", "x"].map(String::from).to_vec();
        let piece = prop_oneof![
            proptest::sample::select(starters),
            proptest::sample::select(numbers),
            proptest::sample::select(symbols)
        ];
        let gap = proptest::sample::select(vec!["", " ", " ", ", ", "\n"]);
        proptest::collection::vec((piece, gap), 0..24).prop_map(|v| v.into_iter().map(|(p, g)| p + g).collect())
    }

    /// The figures of `text`: each one's text, amount, unit and qualifier.
    fn read(text: &str) -> Vec<(String, Option<f64>, Option<String>, Qualifier)> {
        scanner()
            .scan(text)
            .iter()
            .map(|q| (text[q.start..q.end].to_string(), q.amount, q.unit.clone(), q.qualifier))
            .collect()
    }

    fn one(text: &str, amount: f64, unit: Option<&str>, qualifier: Qualifier) {
        let found = read(text);
        assert!(
            found.len() == 1 && found[0].1 == Some(amount) && found[0].2.as_deref() == unit && found[0].3 == qualifier,
            "{text:?}: {found:?}"
        );
    }

    #[test]
    fn a_qualifier_word_that_is_part_of_a_verb_is_no_bound() {
        use Qualifier::{Exact, MoreThan};
        one("The militants handed over 21 girls to the Red Cross.", 21.0, None, Exact);
        one("Police turned over 3 suspects.", 3.0, None, Exact);
        one("They took over 30 hostages.", 30.0, None, MoreThan);
        one("Over 400 people were hurt.", 400.0, None, MoreThan);
        // The figure's text starts at the number.
        assert_eq!(read("The militants handed over 21 girls.")[0].0, "21");
    }

    #[test]
    fn a_couple_is_about_two_and_a_pair_two() {
        use Qualifier::{About, Exact, MoreThan};
        one("The talks lasted a couple of days.", 2.0, None, About);
        one("Over the past couple of weeks, prices rose.", 2.0, None, About);
        one("He owed a couple of dollars.", 2.0, Some("USD"), About);
        one("A couple of hundred protesters gathered.", 200.0, None, About);
        one("A “couple hundred” people in high-tax areas", 200.0, None, About);
        one("a couple thousand fans", 2000.0, None, About);
        one("It raised a couple of million euros.", 2e6, Some("EUR"), About);
        one("It took more than a couple of hours.", 2.0, None, MoreThan);
        one("She bought a pair of shoes.", 2.0, None, Exact);
        // "a couple" alone is two people, not a figure.
        assert_eq!(read("A couple who met online married."), vec![]);
        assert_eq!(read("The couple, of course, declined."), vec![]);
    }

    #[test]
    fn a_dollar_is_one_dollar_unless_it_modifies_a_noun() {
        use Qualifier::Exact;
        one("Bread costs a dollar now.", 1.0, Some("USD"), Exact);
        one("It fell to a dollar.", 1.0, Some("USD"), Exact);
        one("They live on less than a dollar a day.", 1.0, Some("USD"), Qualifier::LessThan);
        one("The stock gained a cent.", 0.01, Some("USD"), Exact);
        one("A euro is worth more.", 1.0, Some("EUR"), Exact);
        assert_eq!(read("A euro bought $1.08.").len(), 2);
        one("It costs a dollar and 43 cents.", 1.43, Some("USD"), Exact);
        assert_eq!(read("No one would put a dollar figure on the damage."), vec![]);
        assert_eq!(read("a dollar-denominated bond"), vec![]);
        assert_eq!(read("a dollar sign"), vec![]);
        assert_eq!(read("the dollar rose"), vec![]);
    }

    #[test]
    fn lakh_crore_and_dollars_with_cents() {
        use Qualifier::Exact;
        one("The flat sold for 3 lakh rupees.", 3e5, Some("INR"), Exact);
        one("a grant of Rs 2.5 crore", 2.5e7, Some("INR"), Exact);
        one("a budget of ₹1.5 lakh crore", 1.5e12, Some("INR"), Exact);
        one("two crore people", 2e7, None, Exact);
        one("15 lakhs of rupees", 1.5e6, None, Exact);
        one("It cost twenty dollars and 43 cents.", 20.43, Some("USD"), Exact);
        one("It cost twenty dollars and forty-three cents.", 20.43, Some("USD"), Exact);
        let found = read("It cost 5 Kuwaiti dinars and 3 lakh rupees.");
        assert_eq!(found.len(), 2, "{found:?}");
        assert_eq!((found[0].1, found[0].2.as_deref()), (Some(5.0), Some("KWD")));
        assert_eq!((found[1].1, found[1].2.as_deref()), (Some(3e5), Some("INR")));
    }

    proptest::proptest! {
        /// Skipping the tokens no quantity starts with (words and symbols
        /// outside the starters) finds what trying every token finds.
        #[test]
        fn skipping_tokens_that_start_nothing_changes_nothing(text in figure_texts()) {
            let s = scanner();
            proptest::prop_assert_eq!(
                format!("{:?}", s.scan(&text)),
                format!("{:?}", s.scan_from_anchors(&text, None))
            );
        }
    }
}

//! Scores and results: "won 8-7", "3-1 down", "trailed San Francisco, 5-2".
//! A score is a list of "side points" items; each side is a name the story
//! gives, the side the sentence is about (the actor) taking the higher
//! figure unless the words around the score say it is behind.

use super::patterns::{alternation, news_regex};
use crate::rules::NewsRules;
use regex::Regex;

/// A score found in a sentence: its span and its two figures, higher first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ScoreMention {
    pub start: usize,
    pub end: usize,
    pub high: u32,
    pub low: u32,
}

/// Finds scores and tells which side has which figure. Built once from `news.yaml`.
#[derive(Clone)]
pub struct Scores {
    pattern: Regex,
    /// Words that put the side a sentence is about behind: "3-1 down", "trailed".
    behind: Regex,
    /// Words right before a named side that make it the beaten one: "outlasting the Cleveland Indians 8-7".
    beat: Regex,
    /// Words right before a named side that make it the winner: "trailed San Francisco, 5-2".
    lost_to: Regex,
    not_sides: Vec<String>,
}

impl Scores {
    /// Compiles the words of `news.yaml`.
    pub fn new(rules: &NewsRules) -> Self {
        let words =
            |w: &[String]| news_regex(&format!(r"(?i)\b({})\b", alternation(w))).expect("escaped words compile");
        Scores {
            pattern: news_regex(r"(?-u:\b)(\d{1,3})-(\d{1,3})(?-u:\b)").expect("fixed pattern"),
            behind: words(&rules.score_behind_words),
            beat: words(&rules.score_beat_words),
            lost_to: words(&rules.score_lost_to_words),
            not_sides: rules.score_not_sides.clone(),
        }
    }

    /// Every score in `text`: two whole figures joined by a hyphen, the
    /// first at least the second (a lower first is a range, "10-20"), and
    /// no unit, letter or digit glued to either end.
    pub fn find(&self, text: &str) -> Vec<ScoreMention> {
        let mut out = Vec::new();
        for c in self.pattern.captures_iter(text) {
            let whole = c.get(0).expect("match");
            let before = &text[..whole.start()];
            let after = &text[whole.end()..];
            if before.ends_with(|ch: char| ch.is_alphanumeric() || "$£€-/.,:".contains(ch))
                || after.starts_with(|ch: char| ch.is_alphanumeric() || "%-/".contains(ch))
                || (after.starts_with(['.', ',']) && after[1..].starts_with(|ch: char| ch.is_ascii_digit()))
            {
                continue;
            }
            let (Ok(high), Ok(low)) = (c[1].parse::<u32>(), c[2].parse::<u32>()) else { continue };
            if high < low {
                continue;
            }
            out.push(ScoreMention { start: whole.start(), end: whole.end(), high, low });
        }
        out
    }

    /// Whether a name, in its fullest form and named `count` times, can be a side of a score.
    pub fn can_be_side(&self, full: &str, count: usize) -> bool {
        let last = full.rsplit(' ').next().unwrap_or(full);
        count >= 2
            && full.contains(' ')
            && full.split(' ').count() <= 4
            && last.len() > 3
            && last.ends_with('s')
            && !last.ends_with("ss")
            && !full.split(' ').any(|w| self.not_sides.iter().any(|n| n == w))
    }

    /// The score's items: each side with its figure. `actor` is the side the
    /// clause is about, `named` the side named right before the score (an
    /// object: "beating the Cleveland Indians 8-7"), `other` the story's other
    /// side when the sentence names only one.
    pub fn items(
        &self,
        text: &str,
        m: &ScoreMention,
        actor: Option<&str>,
        named: Option<(&str, usize)>,
        other: Option<&str>,
    ) -> Vec<String> {
        let clause_start = text[..m.start].rfind(['.', ';']).map_or(0, |k| k + 1);
        let clause_end = text[m.end..].find(['.', ';']).map_or(text.len(), |k| m.end + k);
        let clause = &text[clause_start..clause_end];
        let (first, second) = match (actor, named) {
            (Some(a), Some((n, at))) if a != n => {
                let lead = super::tail(&text[..at], 40);
                if self.lost_to.is_match(lead) {
                    (n, a)
                } else if self.beat.is_match(lead) || !self.behind.is_match(clause) {
                    (a, n)
                } else {
                    (n, a)
                }
            }
            (Some(a), _) | (None, Some((a, _))) => {
                let b = other.filter(|o| *o != a).unwrap_or("");
                if self.behind.is_match(clause) {
                    (b, a)
                } else {
                    (a, b)
                }
            }
            (None, None) => ("", ""),
        };
        let item =
            |side: &str, points: u32| if side.is_empty() { points.to_string() } else { format!("{side} {points}") };
        vec![item(first, m.high), item(second, m.low)]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::RuleSet;

    fn scores() -> Scores {
        Scores::new(&RuleSet::builtin().news)
    }

    #[test]
    fn scores_are_two_figures_the_higher_first() {
        let s = scores();
        let text = "The Rovers won 4-2 in a 10-20 minute spell, 3-1 down at half time, 2019-20 season";
        let found: Vec<&str> = s.find(text).iter().map(|m| &text[m.start..m.end]).collect();
        assert_eq!(found, ["4-2", "3-1"]);
        assert!(s.find("Form 10-K, A-320, 5-3%").is_empty());
    }

    #[test]
    fn the_side_behind_takes_the_lower_figure() {
        let s = scores();
        let text = "United were 3-1 down at the break";
        let m = s.find(text)[0];
        assert_eq!(s.items(text, &m, Some("Leeds United"), None, Some("Hull City")), ["Hull City 3", "Leeds United 1"]);
        let text = "Leeds United beat Hull City 2-0 on Saturday";
        let m = s.find(text)[0];
        let at = text.find("Hull").unwrap();
        assert_eq!(
            s.items(text, &m, Some("Leeds United"), Some(("Hull City", at)), None),
            ["Leeds United 2", "Hull City 0"]
        );
        let text = "Leeds trailed Hull City, 5-2, at one point";
        let m = s.find(text)[0];
        let at = text.find("Hull").unwrap();
        assert_eq!(
            s.items(text, &m, Some("Leeds United"), Some(("Hull City", at)), None),
            ["Hull City 5", "Leeds United 2"]
        );
    }
}

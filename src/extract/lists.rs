//! Named lists: chains of company and organisation names joined by commas
//! and "and" ("Hikvision, Dahua and Megvii"), closed or left open.

use super::text::{head, tail};
use super::{Extractor, Sentence};
use crate::entity::{EntityKind, Mention};

impl Extractor {
    /// Named lists: chains of names joined by commas and "and".
    pub(super) fn lists(&self, s: &Sentence, mentions: &[Mention]) -> Vec<(usize, usize, Vec<String>, bool)> {
        let text = s.text;
        // A name in brackets right after another is the same name in another script.
        let items: Vec<&Mention> = mentions
            .iter()
            .filter(|m| !(text[..m.start].trim_end().ends_with('(') && text[m.end..].trim_start().starts_with(')')))
            .filter(|m| matches!(m.kind, EntityKind::Company | EntityKind::Organization))
            .collect();
        let mut out = Vec::new();
        let mut i = 0;
        while i < items.len() {
            let mut chain = vec![items[i]];
            let mut j = i + 1;
            let mut closed = false;
            while j < items.len() {
                let gap = &text[chain.last().expect("non-empty").end..items[j].start];
                if !self.list_gap.is_match(gap) {
                    break;
                }
                closed = gap.contains("and") && !gap.contains("as well as");
                chain.push(items[j]);
                j += 1;
                if closed {
                    break;
                }
            }
            let mut names: Vec<String> = chain.iter().map(|m| m.name.to_string()).collect();
            names.dedup();
            // One name is no list: its tail and trigger need not be read.
            if names.len() < 2 {
                i = j.max(i + 1);
                continue;
            }
            let last_end = chain.last().expect("non-empty").end;
            let rest = &text[last_end..];
            let rest = rest
                .trim_start_matches(' ')
                .strip_prefix('(')
                .and_then(|r| r.find(')').map(|k| &r[k + 1..]))
                .unwrap_or(rest);
            let trail = self.list_tail.find(rest);
            let open = trail.is_some();
            let end = match trail {
                Some(t) => text.len() - rest.len() + t.end(),
                None => last_end,
            };
            let start = chain[0].start;
            let before = &text[..start];
            let triggered = self.list_trigger.is_match(before)
                || self.of_kind("list").any(|(_, m)| {
                    m.before.iter().any(|r| r.is_match(tail(before, 80), s.words))
                        || m.after.iter().any(|r| r.is_match(head(&text[end..], 60), s.words))
                });
            if (closed || open) && (names.len() >= 3 || triggered || open) {
                out.push((start, end, names, open));
            }
            i = j.max(i + 1);
        }
        out
    }
}

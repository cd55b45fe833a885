//! Attribution: who a sentence says its claims come from ("said Reuters",
//! "according to analysts"), and which of them a claim at a place takes.

use super::words::Words;
use super::Extractor;

impl Extractor {
    /// Who the sentence says its claims come from: each attribution with its position.
    pub(super) fn attributions(&self, text: &str, w: &Words) -> Vec<(usize, String)> {
        let mut found = Vec::new();
        for re in &self.attribution {
            let Some(matches) = re.captures_iter(text, w) else { continue };
            for c in matches {
                let Some(w) = c.name("who") else { continue };
                let who = w.as_str().trim().trim_end_matches([',', '.']);
                let lower = who.to_lowercase();
                if who.is_empty() || self.words.not_who.contains(&lower) || who.split(' ').count() > 7 {
                    continue;
                }
                found.push((w.start(), who.to_string()));
            }
        }
        found.sort();
        found
    }

    /// The attribution for a claim at `at`: one in its clause, else the sentence's first.
    pub(super) fn attribution_at(&self, text: &str, w: &Words, at: usize, found: &[(usize, String)]) -> Option<String> {
        let clause = w.clause_start(at);
        let next_clause = w.next_clause(at).unwrap_or(text.len());
        found.iter().find(|(p, _)| *p >= clause && *p < next_clause).or_else(|| found.first()).map(|(_, w)| w.clone())
    }
}

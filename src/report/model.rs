//! The report as data: what every formatter writes.

use crate::claim::Claim;
use crate::compare::{Comparer, Group, Verdict};
use crate::source::Source;
use serde::Serialize;

/// One source as the report lists it.
#[derive(Debug, Clone, Serialize)]
pub struct SourceInfo {
    pub id: String,
    pub path: String,
    pub published: Option<String>,
    pub outlet: Option<String>,
    /// Claims found in it.
    pub claims: usize,
}

/// The cross-check of a set of sources.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    /// The schema version of the JSON output.
    pub crosscheck: u32,
    pub sources: Vec<SourceInfo>,
    pub groups: Vec<Group>,
}

impl Report {
    /// Compares the claims of `sources` and orders the groups as reports show them.
    pub fn build(sources: &[Source], claims: &[Claim], comparer: &Comparer) -> Self {
        let order: Vec<String> = sources.iter().map(|s| s.id.clone()).collect();
        let mut groups = comparer.compare(claims, &order);
        groups.sort_by(|a, b| {
            (a.verdict, &a.subject, &a.measure, &a.id).cmp(&(b.verdict, &b.subject, &b.measure, &b.id))
        });
        let mut per_source: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
        for c in claims {
            *per_source.entry(c.source.as_str()).or_insert(0) += 1;
        }
        let sources = sources
            .iter()
            .map(|s| SourceInfo {
                id: s.id.clone(),
                path: s.path.clone(),
                published: s.meta.published.clone(),
                outlet: s.meta.outlet.clone(),
                claims: per_source.get(s.id.as_str()).copied().unwrap_or(0),
            })
            .collect();
        Report { crosscheck: 1, sources, groups }
    }

    /// Groups with this verdict.
    pub fn count(&self, v: Verdict) -> usize {
        self.groups.iter().filter(|g| g.verdict == v).count()
    }

    /// Claims in all groups.
    pub fn claim_count(&self) -> usize {
        self.sources.iter().map(|s| s.claims).sum()
    }

    /// The one-line summary: sources, claims, groups by verdict.
    pub fn summary(&self) -> String {
        format!(
            "{} sources · {} claims · {} groups: {} conflict, {} compatible, {} agree, {} single",
            self.sources.len(),
            self.claim_count(),
            self.groups.len(),
            self.count(Verdict::Conflict),
            self.count(Verdict::Compatible),
            self.count(Verdict::Agree),
            self.count(Verdict::Single)
        )
    }
}

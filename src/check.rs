//! Checking a draft against its sources: each figure the draft states is
//! supported, contradicted, differs, or is unsupported by what the sources say.

use crate::claim::Claim;
use crate::compare::{Comparer, Relation};
use serde::Serialize;

/// What the sources say about one claim of the draft.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// A source states a conflicting figure.
    Contradicted,
    /// A source states a figure that can be true with it but is not the same.
    Differs,
    /// No source states it.
    Unsupported,
    /// A source states the same figure.
    Supported,
}

impl Status {
    /// The status's name in reports.
    pub fn name(self) -> &'static str {
        match self {
            Status::Contradicted => "contradicted",
            Status::Differs => "differs",
            Status::Unsupported => "unsupported",
            Status::Supported => "supported",
        }
    }
}

/// One claim of the draft with its status and the source claims behind it.
#[derive(Debug, Clone, Serialize)]
pub struct Checked {
    #[serde(flatten)]
    pub claim: Claim,
    pub status: Status,
    pub evidence: Vec<Claim>,
}

/// How many checked claims have `status`.
pub fn count(checked: &[Checked], status: Status) -> usize {
    checked.iter().filter(|c| c.status == status).count()
}

/// Checks every draft claim against the source claims of the same subject and measure.
pub fn check(draft: &[Claim], sources: &[Claim], comparer: &Comparer) -> Vec<Checked> {
    draft
        .iter()
        .map(|d| {
            let related: Vec<(Relation, &Claim)> = sources
                .iter()
                .filter(|s| s.subject == d.subject && s.measure == d.measure)
                .map(|s| (comparer.relate(&d.measure, d, s), s))
                .filter(|(r, _)| *r != Relation::Unrelated)
                .collect();
            let with =
                |r: Relation| related.iter().filter(|(x, _)| *x == r).map(|(_, c)| (*c).clone()).collect::<Vec<_>>();
            let (same, contra, differs) = (with(Relation::Same), with(Relation::Contradicts), with(Relation::Differs));
            let (status, evidence) = if !same.is_empty() {
                (Status::Supported, same)
            } else if !contra.is_empty() {
                (Status::Contradicted, contra)
            } else if !differs.is_empty() {
                (Status::Differs, differs)
            } else {
                (Status::Unsupported, Vec::new())
            };
            Checked { claim: d.clone(), status, evidence }
        })
        .collect()
}

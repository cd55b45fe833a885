//! The report as data: what every formatter writes.

use crate::claim::Claim;
use crate::compare::{Comparer, Group, Verdict};
use crate::source::{Skip, Source};
use rayon::slice::ParallelSliceMut;
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

impl SourceInfo {
    /// What the report lists of a source (its claims not counted yet).
    pub fn of(source: &Source) -> Self {
        SourceInfo {
            id: source.id.clone(),
            path: source.path.clone(),
            published: source.meta.published.clone(),
            outlet: source.meta.outlet.clone(),
            claims: 0,
        }
    }
}

/// The cross-check of a set of sources.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    /// The schema version of the JSON output.
    pub crosscheck: u32,
    pub sources: Vec<SourceInfo>,
    pub groups: Vec<Group>,
    /// Files and folders that could not be read (absent when none were skipped).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub skipped: Vec<Skip>,
}

impl Report {
    /// Compares the claims of `sources` and orders the groups as reports show them.
    pub fn build(sources: Vec<SourceInfo>, claims: Vec<Claim>, skipped: Vec<Skip>, comparer: &Comparer) -> Self {
        Self::build_parts(sources, vec![claims], skipped, comparer)
    }

    /// [`Self::build`] for claims held in parts (as they were extracted, a
    /// run of sources to a part; a part may be empty), in order.
    pub fn build_parts(
        mut sources: Vec<SourceInfo>,
        mut parts: Vec<Vec<Claim>>,
        skipped: Vec<Skip>,
        comparer: &Comparer,
    ) -> Self {
        let mut per_source: rustc_hash::FxHashMap<&str, usize> = rustc_hash::FxHashMap::default();
        for part in &parts {
            // Claims of one source stand together: each run is counted at once.
            for run in part.chunk_by(|a, b| a.source == b.source) {
                *per_source.entry(&*run[0].source).or_insert(0) += run.len();
            }
        }
        for s in &mut sources {
            s.claims = per_source.get(s.id.as_str()).copied().unwrap_or(0);
        }
        let order: Vec<String> = sources.iter().map(|s| s.id.clone()).collect();
        comparer.stories().read(&mut parts);
        let mut groups = comparer.compare_parts(parts, &order);
        // Facts of one subject and measure stand in the order their first
        // claims are read. Ids differ, so the order is total: sorted in
        // place, without a second list of the groups.
        fn first(g: &Group) -> Option<(&str, usize, usize)> {
            g.claims.first().map(|c| (&*c.source, c.line, c.column))
        }
        groups.par_sort_unstable_by(|a, b| {
            (a.verdict, &a.subject, &a.measure, first(a), &a.id).cmp(&(
                b.verdict,
                &b.subject,
                &b.measure,
                first(b),
                &b.id,
            ))
        });
        Report { crosscheck: 1, sources, groups, skipped }
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
            "{} · {} · {}: {} conflict, {} compatible, {} agree, {} single",
            counted(self.sources.len(), "source"),
            counted(self.claim_count(), "claim"),
            counted(self.groups.len(), "group"),
            self.count(Verdict::Conflict),
            self.count(Verdict::Compatible),
            self.count(Verdict::Agree),
            self.count(Verdict::Single)
        )
    }
}

/// "1 source", "2 sources".
pub fn counted(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

/// Each source's label in a report: its outlet where known and no other
/// source has it, "outlet (id)" where several share it, else its id.
pub fn source_labels(sources: &[SourceInfo]) -> std::collections::HashMap<&str, String> {
    let mut outlets: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for s in sources {
        if let Some(o) = s.outlet.as_deref() {
            *outlets.entry(o).or_default() += 1;
        }
    }
    sources
        .iter()
        .map(|s| {
            let label = match s.outlet.as_deref() {
                Some(o) if outlets.get(o) == Some(&1) => o.to_string(),
                Some(o) => format!("{o} ({})", s.id),
                None => s.id.clone(),
            };
            (s.id.as_str(), label)
        })
        .collect()
}

/// A report's groups in the sections the Markdown and HTML reports show:
/// each group in one of them, in report order.
#[derive(Debug, Default)]
pub struct Sections<'a> {
    /// Conflicts, and compatible groups where two sources give figures.
    pub discrepancies: Vec<&'a Group>,
    /// The other groups of two or more sources.
    pub agreements: Vec<&'a Group>,
    /// Groups an editor accepted, whatever their verdict.
    pub accepted: Vec<&'a Group>,
    /// Groups of one source.
    pub singles: Vec<&'a Group>,
}

impl Report {
    /// The groups, section by section.
    pub fn sections(&self) -> Sections<'_> {
        let mut sections = Sections::default();
        for g in &self.groups {
            let section = if g.accepted.is_some() {
                &mut sections.accepted
            } else if g.is_discrepancy() {
                &mut sections.discrepancies
            } else if g.verdict == Verdict::Single {
                &mut sections.singles
            } else {
                &mut sections.agreements
            };
            section.push(g);
        }
        sections
    }
}

/// "Hikvision — market value": a group's subject and measure, as a heading
/// (a count named by its noun, "count:pilots", reads "count of pilots").
pub fn fact_heading(g: &Group) -> String {
    let subject = if g.subject.is_empty() { "(subject not found)" } else { g.subject.as_str() };
    let measure = match g.measure.split_once(':') {
        Some((kind, noun)) => format!("{} of {noun}", kind.replace('_', " ")),
        None => g.measure.replace('_', " "),
    };
    format!("{subject} — {measure}")
}

#[cfg(test)]
mod tests {
    #[test]
    fn headings_read_as_words() {
        let group = |subject: &str, measure: &str| crate::compare::Group {
            id: "x".into(),
            subject: subject.into(),
            measure: measure.into(),
            verdict: crate::compare::Verdict::Single,
            explanation: String::new(),
            claims: Vec::new(),
            accepted: None,
            new: None,
        };
        assert_eq!(super::fact_heading(&group("Costa Rica", "death_toll")), "Costa Rica — death toll");
        assert_eq!(super::fact_heading(&group("Costa Rica", "count:pilots")), "Costa Rica — count of pilots");
        assert_eq!(super::fact_heading(&group("", "age")), "(subject not found) — age");
    }

    #[test]
    fn one_of_a_thing_is_singular() {
        assert_eq!(super::counted(1, "group"), "1 group");
        assert_eq!(super::counted(0, "group"), "0 groups");
        assert_eq!(super::counted(2, "source"), "2 sources");
    }
}

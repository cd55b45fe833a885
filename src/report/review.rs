//! Findings an editor has already reviewed: those accepted in the config
//! (`accept:` entries, each keyed by a group's id with a reason) and those
//! already in a baseline report (`--baseline REPORT.json`). Neither fails a
//! run again; both stay in the report, marked.

use super::Report;
use crate::compare::Verdict;

/// A finding an editor checked and accepted: a group's id and why.
#[derive(Debug, Clone, PartialEq, serde::Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct Acceptance {
    /// The group's id, as the JSON report gives it (`hikvision/market_value`).
    pub id: String,
    /// Why the finding stands as it is ("the early headline's 50 was updated to 59").
    pub reason: String,
}

/// The findings of an earlier JSON report: each group's verdict, by id.
#[derive(Debug, Clone, Default)]
pub struct Baseline {
    findings: rustc_hash::FxHashMap<String, String>,
}

impl Baseline {
    /// Reads a JSON report written by `report --format json`; `shown` names
    /// it in the error.
    pub fn parse(shown: &str, json: &str) -> Result<Baseline, String> {
        let doc: serde_json::Value =
            serde_json::from_str(json).map_err(|e| format!("{shown}:{}:{}: not JSON: {e}", e.line(), e.column()))?;
        let groups = doc
            .get("groups")
            .and_then(|g| g.as_array())
            .ok_or_else(|| format!("{shown}: not a crosscheck JSON report (no \"groups\" list)"))?;
        let mut findings = rustc_hash::FxHashMap::default();
        for g in groups {
            let (Some(id), Some(verdict)) = (g["id"].as_str(), g["verdict"].as_str()) else {
                return Err(format!("{shown}: a group without \"id\" and \"verdict\": not a crosscheck JSON report"));
            };
            findings.insert(id.to_string(), verdict.to_string());
        }
        Ok(Baseline { findings })
    }

    /// Whether the baseline has this finding: the same group with the same verdict.
    pub fn has(&self, id: &str, verdict: Verdict) -> bool {
        self.findings.get(id).is_some_and(|v| v == verdict.name())
    }
}

/// Marks the report's groups that `accepted` names (with the reason) and,
/// given a baseline, whether each group is new. Returns the positions in
/// `accepted` of the entries that match no group: stale, to be warned of.
pub fn review(report: &mut Report, accepted: &[Acceptance], baseline: Option<&Baseline>) -> Vec<usize> {
    let mut used = vec![false; accepted.len()];
    let by_id: rustc_hash::FxHashMap<&str, usize> =
        accepted.iter().enumerate().rev().map(|(i, a)| (a.id.as_str(), i)).collect();
    for g in &mut report.groups {
        if let Some(&i) = by_id.get(g.id.as_str()) {
            used[i] = true;
            g.accepted = Some(accepted[i].reason.clone());
        }
        if let Some(b) = baseline {
            g.new = Some(!b.has(&g.id, g.verdict));
        }
    }
    used.iter().enumerate().filter(|(_, u)| !**u).map(|(i, _)| i).collect()
}

impl Report {
    /// Groups with this verdict that fail a run: not accepted, and new when
    /// a baseline was given.
    pub fn failing(&self, v: Verdict) -> usize {
        self.groups.iter().filter(|g| g.verdict == v && g.accepted.is_none() && g.new != Some(false)).count()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compare::Group;

    fn group(id: &str, verdict: Verdict) -> Group {
        Group {
            id: id.into(),
            subject: "s".into(),
            measure: "m".into(),
            verdict,
            explanation: String::new(),
            claims: Vec::new(),
            accepted: None,
            new: None,
        }
    }

    fn report(groups: Vec<Group>) -> Report {
        Report { crosscheck: 1, sources: Vec::new(), groups, skipped: Vec::new() }
    }

    #[test]
    fn an_accepted_conflict_no_longer_fails_and_a_stale_entry_is_returned() {
        let mut r = report(vec![group("a/death_toll", Verdict::Conflict), group("b/age", Verdict::Conflict)]);
        let accepted = vec![
            Acceptance { id: "a/death_toll".into(), reason: "early headline".into() },
            Acceptance { id: "gone/age".into(), reason: "old".into() },
        ];
        let stale = review(&mut r, &accepted, None);
        assert_eq!(stale, [1]);
        assert_eq!(r.groups[0].accepted.as_deref(), Some("early headline"));
        assert_eq!(r.failing(Verdict::Conflict), 1);
        assert_eq!(r.count(Verdict::Conflict), 2);
    }

    #[test]
    fn with_a_baseline_only_new_findings_fail() {
        let base = Baseline::parse(
            "old.json",
            r#"{"crosscheck": 1, "groups": [{"id": "a/death_toll", "verdict": "conflict"}, {"id": "b/age", "verdict": "agree"}]}"#,
        )
        .unwrap();
        let mut r = report(vec![group("a/death_toll", Verdict::Conflict), group("b/age", Verdict::Conflict)]);
        review(&mut r, &[], Some(&base));
        assert_eq!(r.groups[0].new, Some(false));
        // The same group with a new verdict is a new finding.
        assert_eq!(r.groups[1].new, Some(true));
        assert_eq!(r.failing(Verdict::Conflict), 1);
    }

    #[test]
    fn a_baseline_that_is_no_report_is_an_error_naming_it() {
        assert!(Baseline::parse("b.json", "{").unwrap_err().starts_with("b.json:1:"));
        assert!(Baseline::parse("b.json", "[]").unwrap_err().contains("not a crosscheck JSON report"));
    }
}

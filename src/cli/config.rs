//! Settings from a `crosscheck.yaml` (or `.crosscheck.yaml`): named by
//! `--config FILE` or `CROSSCHECK_CONFIG`, or else found in the current
//! folder or the nearest parent that has one. Flags override the file.

use super::args::{CheckFailOn, ColorChoice, FailOn, ReportFormat};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The names a config file may have, in order of preference.
pub const CONFIG_FILES: [&str; 2] = ["crosscheck.yaml", ".crosscheck.yaml"];

/// The environment variable naming a config file.
pub const CONFIG_ENV: &str = "CROSSCHECK_CONFIG";

/// What a config file may set. Paths in it are relative to the file's folder.
#[derive(Debug, Default, Clone, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct Config {
    /// Rule folders that add to or override the built-in rules.
    pub rules: Vec<PathBuf>,
    /// The report's format.
    pub format: Option<ReportFormat>,
    /// Verdicts `report` fails on.
    pub fail_on: Vec<FailOn>,
    /// Settings of `check`.
    pub check: CheckConfig,
    /// Tolerance of a qualifier, by id (`about: 0.1` reads "about 100" as 90 to 110).
    pub tolerances: BTreeMap<String, f64>,
    /// Globs of the files to read inside source folders (all `.txt`, `.md` and `.html` when empty).
    pub include: Vec<String>,
    /// Globs of the files to leave out inside source folders.
    pub exclude: Vec<String>,
    /// Read, inside folders, also the files that `.gitignore`, `.ignore` and
    /// `.crosscheckignore` files name.
    pub no_ignore: bool,
    /// How the Markdown report shows single-source claims.
    pub singles: Option<crate::report::Singles>,
    /// Findings an editor checked and accepted, by group id, each with a reason.
    pub accept: Vec<crate::report::Acceptance>,
    /// Where each `accept` entry's id is written (line, column), for warnings.
    #[serde(skip)]
    pub accept_at: Vec<(usize, usize)>,
    /// When to colour the output.
    pub color: Option<ColorChoice>,
    /// Threads for reading sources.
    pub threads: Option<usize>,
    /// Sources larger than this many MB are skipped with a warning.
    pub max_source_mb: Option<u64>,
}

/// Settings of `check`.
#[derive(Debug, Default, Clone, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct CheckConfig {
    pub format: Option<ReportFormat>,
    pub fail_on: Vec<CheckFailOn>,
}

/// A config and where it came from.
#[derive(Debug, Default)]
pub struct Found {
    pub config: Config,
    /// The file, when there is one.
    pub path: Option<PathBuf>,
}

/// Finds and reads the config: `explicit` (from `--config`), else the
/// environment variable, else the nearest file from `cwd` up.
pub fn find(explicit: Option<&Path>, env: Option<&str>, cwd: &Path) -> Result<Found, String> {
    let path = match (explicit, env.filter(|e| !e.is_empty())) {
        (Some(p), _) => Some(p.to_path_buf()),
        (None, Some(e)) => Some(PathBuf::from(e)),
        (None, None) => discover(cwd),
    };
    let Some(path) = path else { return Ok(Found::default()) };
    let text = crate::source::read_capped(&path, crate::source::MAX_SETTINGS_BYTES)
        .map_err(|e| format!("cannot read config {}: {e}", path.display()))?;
    let mut config = parse(&path.display().to_string(), &text)?;
    let base = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    config.rules = config.rules.iter().map(|r| base.join(r)).collect();
    Ok(Found { config, path: Some(path) })
}

/// The nearest config file in `cwd` or its parents.
fn discover(cwd: &Path) -> Option<PathBuf> {
    cwd.ancestors().flat_map(|dir| CONFIG_FILES.iter().map(move |name| dir.join(name))).find(|p| p.is_file())
}

/// Parses a config file's text; errors name the file, line and column.
pub fn parse(shown: &str, text: &str) -> Result<Config, String> {
    if text.trim().is_empty() {
        return Ok(Config::default());
    }
    let config: Config = serde_yaml::from_str(text).map_err(|e| {
        let (line, column, message) = crate::rules::yaml_error_place(&e);
        format!("{shown}:{line}:{column}: {message}")
    })?;
    for (k, v) in &config.tolerances {
        if crate::quantity::Qualifier::from_id(k).is_none() {
            let (line, column) = locate(text, k);
            return Err(format!("{shown}:{line}:{column}: unknown qualifier {k:?} in tolerances"));
        }
        if !(0.0..1.0).contains(v) {
            let (line, column) = locate(text, k);
            return Err(format!("{shown}:{line}:{column}: tolerance of {k} must be at least 0 and below 1, not {v}"));
        }
    }
    let mut config = config;
    config.accept_at = config.accept.iter().map(|a| locate(text, &a.id)).collect();
    for pattern in config.include.iter().chain(&config.exclude) {
        if let Err(e) = globset::Glob::new(pattern) {
            let (line, column) = locate(text, pattern);
            return Err(format!("{shown}:{line}:{column}: {e}"));
        }
    }
    Ok(config)
}

/// Line and column (1-based) of the first occurrence of `needle` in `text`.
fn locate(text: &str, needle: &str) -> (usize, usize) {
    for (i, line) in text.lines().enumerate() {
        if let Some(k) = line.find(needle) {
            return (i + 1, line[..k].chars().count() + 1);
        }
    }
    (1, 1)
}

/// Include and exclude globs, compiled.
#[derive(Debug, Clone)]
pub struct Filter {
    include: Option<globset::GlobSet>,
    exclude: globset::GlobSet,
}

impl Filter {
    /// The filter of a config (checked when it was parsed).
    pub fn new(config: &Config) -> Result<Self, String> {
        let set = |pats: &[String]| -> Result<globset::GlobSet, String> {
            let mut b = globset::GlobSetBuilder::new();
            for p in pats {
                b.add(globset::Glob::new(p).map_err(|e| e.to_string())?);
            }
            b.build().map_err(|e| e.to_string())
        };
        let include = if config.include.is_empty() { None } else { Some(set(&config.include)?) };
        Ok(Filter { include, exclude: set(&config.exclude)? })
    }

    /// Whether a file at this path (relative to the folder named) is read.
    pub fn admits(&self, rel: &str) -> bool {
        self.include.as_ref().is_none_or(|s| s.is_match(rel)) && !self.exclude.is_match(rel)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_keys_name_file_line_and_column() {
        let err = parse("crosscheck.yaml", "format: md\nfail-on: [conflict]\ncolour: never\n").unwrap_err();
        assert!(err.starts_with("crosscheck.yaml:3:1: unknown field `colour`"), "{err}");
        let err = parse("c.yaml", "check:\n  fail_on: [differs]\n").unwrap_err();
        assert!(err.starts_with("c.yaml:2:3: check: unknown field `fail_on`"), "{err}");
    }

    #[test]
    fn wrong_values_are_errors_with_their_place() {
        let err = parse("c.yaml", "format: pdf\n").unwrap_err();
        assert!(err.starts_with("c.yaml:1:"), "{err}");
        let err = parse("c.yaml", "tolerances:\n  roughly: 0.1\n").unwrap_err();
        assert_eq!(err, "c.yaml:2:3: unknown qualifier \"roughly\" in tolerances");
        let err = parse("c.yaml", "exclude: [\"drafts/[\"]\n").unwrap_err();
        assert!(err.starts_with("c.yaml:1:"), "{err}");
    }

    #[test]
    fn filters_include_then_exclude() {
        let c = parse("c.yaml", "include: ['**/*.md']\nexclude: ['drafts/**']\n").unwrap();
        let f = Filter::new(&c).unwrap();
        assert!(f.admits("a/story.md"));
        assert!(!f.admits("a/story.txt"));
        assert!(!f.admits("drafts/story.md"));
    }
}

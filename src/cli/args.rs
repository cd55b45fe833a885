//! The command-line arguments (clap, derive).

use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;

/// Cross-check the figures and claims of several articles about one story.
#[derive(Debug, Parser)]
#[command(name = "crosscheck", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
    /// Settings file (default: crosscheck.yaml or .crosscheck.yaml here or in a parent folder; or $CROSSCHECK_CONFIG).
    #[arg(long, global = true, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Colour the output: auto (on a terminal, unless NO_COLOR is set), always or never.
    #[arg(long, global = true, value_enum, value_name = "WHEN")]
    pub color: Option<ColorChoice>,
    /// Print no warnings and no progress bar; errors still go to standard error.
    #[arg(short, long, global = true)]
    pub quiet: bool,
}

/// When to colour the output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Print the quantities found in each text, one JSON line per text.
    ///
    /// Examples:
    ///   crosscheck quantities "more than \$37 billion"
    ///   cat seeds/*.txt | crosscheck quantities
    #[command(verbatim_doc_comment)]
    Quantities(QuantitiesArgs),
    /// Print every claim found in the sources, in source order.
    ///
    /// Examples:
    ///   crosscheck extract seeds
    ///   crosscheck extract seeds --format md
    ///   cat draft.txt | crosscheck extract - --format json
    #[command(verbatim_doc_comment)]
    Extract(ExtractArgs),
    /// Cross-check the sources: who says what, where they agree and differ.
    ///
    /// Examples:
    ///   crosscheck report seeds
    ///   crosscheck report seeds --format json -o report.json
    ///   crosscheck report story/ --fail-on conflict
    #[command(verbatim_doc_comment)]
    Report(ReportArgs),
    /// Check a draft against its sources: each figure supported, contradicted, differing or unsupported.
    ///
    /// Examples:
    ///   crosscheck check draft.md --against sources/
    ///   crosscheck check draft.md --against sources/ --fail-on contradicted --fail-on unsupported
    #[command(verbatim_doc_comment)]
    Check(CheckArgs),
    /// Print the settings in effect: the config file found, merged with the defaults.
    ///
    /// Examples:
    ///   crosscheck config --dump
    ///   crosscheck --config newsroom.yaml config --dump
    #[command(verbatim_doc_comment)]
    Config {
        /// Print the effective settings as YAML.
        #[arg(long)]
        dump: bool,
    },
    /// Print a shell completion script.
    ///
    /// Example:
    ///   crosscheck completions bash > /etc/bash_completion.d/crosscheck
    #[command(verbatim_doc_comment)]
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
}

impl CheckFailOn {
    /// The draft status this names.
    pub fn status(self) -> crate::check::Status {
        match self {
            CheckFailOn::Contradicted => crate::check::Status::Contradicted,
            CheckFailOn::Unsupported => crate::check::Status::Unsupported,
            CheckFailOn::Differs => crate::check::Status::Differs,
        }
    }
}

/// Draft statuses a check can fail on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum CheckFailOn {
    Contradicted,
    Unsupported,
    Differs,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// The draft: a Markdown or text file, or - for standard input. Given
    /// after `--against`, it is the last path there.
    pub draft: Option<PathBuf>,
    /// The sources: files, folders or - (repeatable).
    #[arg(long, required = true, num_args = 1..)]
    pub against: Vec<PathBuf>,
    /// Output format (default md, or the config's).
    #[arg(long, value_enum)]
    pub format: Option<ReportFormat>,
    /// Exit 1 when a draft claim has this status (repeatable).
    #[arg(long = "fail-on", value_enum)]
    pub fail_on: Vec<CheckFailOn>,
    /// Exit 0 even when --fail-on (or the config's fail-on) finds something: check without failing.
    #[arg(long)]
    pub exit_zero: bool,
    /// Not an option of check (it is report's, for a saved report): taken
    /// only to say so in words, instead of clap's tip to pass it as a value.
    #[arg(long, hide = true)]
    pub check: bool,
    #[command(flatten)]
    pub common: Common,
}

/// How `report` and `check` write.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ReportFormat {
    Md,
    Json,
    /// JSON Lines: one group (report) or one draft claim (check) a line.
    Jsonl,
    /// GitHub Actions workflow commands (`::warning file=…,line=…`).
    Github,
    /// SARIF 2.1.0, for code-scanning tools.
    Sarif,
    /// One self-contained HTML page: the figures on number lines, the sources side by side (report only).
    Html,
}

impl FailOn {
    /// The verdict this names.
    pub fn verdict(self) -> crate::compare::Verdict {
        match self {
            FailOn::Conflict => crate::compare::Verdict::Conflict,
            FailOn::Compatible => crate::compare::Verdict::Compatible,
            FailOn::Single => crate::compare::Verdict::Single,
        }
    }
}

/// Verdicts a report can fail on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FailOn {
    Conflict,
    Compatible,
    Single,
}

#[derive(Debug, Args)]
pub struct ReportArgs {
    /// Source files, folders (.txt, .md and .html, recursively) or - for standard input.
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// Output format (default md, or the config's).
    #[arg(long, value_enum)]
    pub format: Option<ReportFormat>,
    /// Exit 1 when a group has this verdict (repeatable).
    #[arg(long = "fail-on", value_enum)]
    pub fail_on: Vec<FailOn>,
    /// Exit 0 even when --fail-on (or the config's fail-on) finds something: report without failing.
    #[arg(long)]
    pub exit_zero: bool,
    #[command(flatten)]
    pub common: Common,
    /// Threads for reading sources (default: all cores).
    #[arg(long)]
    pub threads: Option<usize>,
    /// With -o: do not write; exit 1 and print a unified diff when FILE differs from what the sources now give.
    #[arg(long, requires = "output")]
    pub check: bool,
    /// How the Markdown report shows single-source claims [default: table].
    #[arg(long, value_enum, value_name = "HOW")]
    pub singles: Option<crate::report::Singles>,
    /// A JSON report from an earlier run: only findings absent from it count for --fail-on.
    #[arg(long, value_name = "REPORT.json")]
    pub baseline: Option<PathBuf>,
}

/// How `extract` prints claims.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ExtractFormat {
    Jsonl,
    Json,
    Md,
}

#[derive(Debug, Args)]
pub struct ExtractArgs {
    /// Source files, folders (.txt, .md and .html, recursively) or - for standard input.
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    #[arg(long, value_enum, default_value = "jsonl")]
    pub format: ExtractFormat,
    #[command(flatten)]
    pub common: Common,
    /// Threads for reading sources (default: all cores).
    #[arg(long)]
    pub threads: Option<usize>,
}

#[derive(Debug, Args)]
pub struct QuantitiesArgs {
    /// Texts to read; with none, each line of standard input is one text.
    pub texts: Vec<String>,
    #[command(flatten)]
    pub common: Common,
}

/// Options every command shares.
#[derive(Debug, Args)]
pub struct Common {
    /// A folder of rule files that add to or override the built-in rules (repeatable).
    #[arg(long = "rules", value_name = "DIR")]
    pub rules: Vec<PathBuf>,
    /// Write to this file (atomically) instead of standard output.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Skip (with a warning) any source larger than this many MB [default: 256].
    #[arg(long, value_name = "MB")]
    pub max_source_mb: Option<u64>,
    /// Inside folders, read also the files that .gitignore, .ignore and .crosscheckignore files name.
    #[arg(long)]
    pub no_ignore: bool,
    /// Inside folders, read only files whose relative path matches this glob (repeatable).
    #[arg(long, value_name = "GLOB")]
    pub include: Vec<String>,
    /// Inside folders, leave out files whose relative path matches this glob (repeatable).
    #[arg(long, value_name = "GLOB")]
    pub exclude: Vec<String>,
}

impl Command {
    /// The options shared by every command that reads sources.
    pub fn common(&self) -> Option<&Common> {
        match self {
            Command::Quantities(a) => Some(&a.common),
            Command::Extract(a) => Some(&a.common),
            Command::Report(a) => Some(&a.common),
            Command::Check(a) => Some(&a.common),
            Command::Config { .. } | Command::Completions { .. } => None,
        }
    }
}

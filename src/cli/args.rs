//! The command-line arguments (clap, derive).

use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;

/// Cross-check the figures and claims of several articles about one story.
#[derive(Debug, Parser)]
#[command(name = "crosscheck", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Print the quantities found in each text, one JSON line per text.
    ///
    /// Examples:
    ///   crosscheck quantities "more than \$37 billion"
    ///   cat seeds/*.txt | crosscheck quantities
    Quantities(QuantitiesArgs),
}

/// Options every command shares.
#[derive(Debug, Args)]
pub struct Common {}

#[derive(Debug, Args)]
pub struct QuantitiesArgs {
    /// Texts to read; with none, each line of standard input is one text.
    pub texts: Vec<String>,
    /// A folder of rule files that add to or override the built-in rules (repeatable).
    #[arg(long = "rules", value_name = "DIR")]
    pub rules: Vec<PathBuf>,
    /// Write to this file (atomically) instead of standard output.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
}

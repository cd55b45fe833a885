//! crosscheck reads several articles about one story, finds the figures and
//! factual claims in them, and reports where the sources agree and differ.
//!
//! The pipeline is a chain of pure stages over [`rules::RuleSet`] data:
//! text → [`quantity::Quantity`] (the scanner) → claims → groups → report.
//!
//! ```
//! use crosscheck::{quantity::{Kind, Qualifier, Scanner}, rules::RuleSet};
//!
//! let scanner = Scanner::new(&RuleSet::builtin());
//! let found = scanner.scan("a market value of more than $37 billion");
//! assert_eq!(found.len(), 1);
//! assert_eq!(found[0].kind, Kind::Money);
//! assert_eq!(found[0].amount, Some(37e9));
//! assert_eq!(found[0].qualifier, Qualifier::MoreThan);
//! assert_eq!(found[0].interval.high, None);
//! ```

pub mod check;
pub mod claim;
pub mod cli;
pub mod compare;
pub mod date;
pub mod entity;
pub mod extract;
mod own_output;
mod prefetch;
pub mod quantity;
pub mod report;
pub mod restate;
pub mod rules;
pub mod segment;
pub mod source;
pub mod story;

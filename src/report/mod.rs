//! Reports: the claims and cross-checks written for people (Markdown) and
//! tools (JSON). One formatter per file.

mod escape;
mod markdown;

pub use escape::cell;
pub use markdown::claims_markdown;

//! Reports: the claims and cross-checks written for people (Markdown) and
//! tools (JSON, GitHub workflow commands, SARIF). One formatter per file, all
//! over one [`Report`].

mod escape;
mod github;
mod html;
mod json;
mod markdown;
mod markdown_report;
mod model;
mod review;
mod sarif;

pub use escape::cell;
pub use github::{check_github, report_github};
pub use html::{report_html, SourceTexts};
pub use json::{json_lines, report_json, report_jsonl, write_json_lines};
pub use markdown::{check_markdown, claims_markdown, fmt_num, value_text, REPORT_HEADING};
pub use markdown_report::{report_markdown, report_markdown_with, write_report_markdown, MarkdownOptions, Singles};
pub use model::{Report, SourceInfo};
pub use review::{review, Acceptance, Baseline};
pub use sarif::{check_sarif, report_sarif};

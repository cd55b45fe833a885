//! Sources: loading articles from files, folders and standard input, with
//! the metadata an editor knows about each (outlet, published date).
//!
//! A folder is read recursively: every `.txt` and `.md` file under it, in
//! byte order of the path relative to the folder, so the result does not
//! depend on the file system. A folder's `sources.yaml` maps file names to
//! metadata; a Markdown file's YAML front matter overrides it.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt;
use std::io::{self, Read};
use std::ops::Range;
use std::path::{Path, PathBuf};

mod format;
mod ids;
pub mod markup;
mod meta;
mod read;
mod walk;

pub use format::Format;
use ids::ids_from_common_root;
pub use ids::lexical;
use meta::{front_matter, front_matter_meta, read_meta_table, MetaTable};
use read::{decode, read_at_most, read_if_file, sized, Decoded};
pub use read::{read_capped, MAX_SETTINGS_BYTES};
use walk::Loader;

/// What an editor knows about a source, from a folder's sources.yaml or a
/// Markdown file's YAML front matter.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
pub struct SourceMeta {
    /// The outlet that published the article ("The Straits Times").
    pub outlet: Option<String>,
    /// The publication date, "YYYY-MM-DD" as written in the metadata.
    pub published: Option<String>,
    /// Who the article credits (a wire service, a partner outlet).
    pub credits: Option<String>,
}

impl SourceMeta {
    /// This metadata with every field that `over` sets taking its place.
    pub fn overridden_by(self, over: SourceMeta) -> SourceMeta {
        SourceMeta {
            outlet: over.outlet.or(self.outlet),
            published: over.published.or(self.published),
            credits: over.credits.or(self.credits),
        }
    }
}

/// One article.
#[derive(Debug, Clone)]
pub struct Source {
    /// A short name for reports: the file name, the path inside a folder, or `stdin`.
    pub id: String,
    /// The path as given on the command line or joined from a folder (`-` for standard input).
    pub path: String,
    /// The text claims are read from: the file's text, with its markup
    /// (Markdown, HTML; see [`markup`]) and front matter made spaces. As long
    /// as the file, with its line breaks in place, so line numbers stay true.
    pub text: String,
    /// What the editor knows about the article.
    pub meta: SourceMeta,
    /// Byte offset where each line starts; the first is always 0.
    line_starts: Vec<usize>,
    /// Characters before each [`CHAR_MARK`]-th byte (at the character
    /// boundary at or before it); empty when the text is ASCII, whose
    /// characters are its bytes. A column is counted from the nearest mark,
    /// never from the start of a long line.
    char_marks: Vec<usize>,
    /// Byte offset where the body starts, after any front matter.
    body_start: usize,
}

/// Bytes between two of a source's character-count marks.
const CHAR_MARK: usize = 4096;

/// [`Source::char_marks`] of `text`.
fn char_marks(text: &str) -> Vec<usize> {
    if text.is_ascii() {
        return Vec::new();
    }
    let mut marks = Vec::with_capacity(text.len() / CHAR_MARK + 1);
    let (mut at, mut chars) = (0, 0);
    for k in 0..=text.len() / CHAR_MARK {
        let to = crate::segment::floor_boundary(text, k * CHAR_MARK);
        chars += text[at..to].chars().count();
        at = to;
        marks.push(chars);
    }
    marks
}

impl Source {
    /// A source from its parts. When `path` or `id` names a Markdown or HTML
    /// file, `text` is read as one (its markup is not prose), and a Markdown
    /// file's YAML front matter is skipped by [`Source::body_start`].
    pub fn new(id: impl Into<String>, path: impl Into<String>, text: impl Into<String>, meta: SourceMeta) -> Source {
        let (id, path, text) = (id.into(), path.into(), text.into());
        let format = source_format(&path, &id);
        let body_start = if format == Format::Markdown { front_matter(&text).map_or(0, |fm| fm.body_start) } else { 0 };
        let line_starts = line_starts(&text);
        let text = markup::prose(format, &text, body_start).unwrap_or(text);
        let char_marks = char_marks(&text);
        Source { id, path, text, meta, line_starts, char_marks, body_start }
    }

    /// How many characters come before byte `byte`, a character boundary.
    fn chars_before(&self, byte: usize) -> usize {
        if self.char_marks.is_empty() {
            return byte;
        }
        let k = (byte / CHAR_MARK).min(self.char_marks.len() - 1);
        let mark = crate::segment::floor_boundary(&self.text, k * CHAR_MARK);
        self.char_marks[k] + self.text[mark..byte].chars().count()
    }

    /// 1-based line and 1-based column (counted in Unicode scalar values) of a
    /// byte offset. An offset past the end is the end; one inside a character
    /// is that character.
    pub fn line_col(&self, byte: usize) -> (usize, usize) {
        let byte = crate::segment::floor_boundary(&self.text, byte);
        let line = self.line_of(byte);
        let start = self.line_starts.get(line - 1).copied().unwrap_or(0);
        let start = start.min(byte);
        // A line of ordinary length is counted whole; a long one from the
        // marks, so that no claim counts more than two marks' worth.
        let chars = if self.char_marks.is_empty() {
            byte - start
        } else if byte - start <= CHAR_MARK {
            self.text[start..byte].chars().count()
        } else {
            self.chars_before(byte) - self.chars_before(start)
        };
        let column = chars + 1;
        (line, column)
    }

    /// The 1-based line of a byte offset: [`Self::line_col`]'s line, without
    /// counting the column.
    pub fn line_of(&self, byte: usize) -> usize {
        let byte = crate::segment::floor_boundary(&self.text, byte);
        self.line_starts.partition_point(|&start| start <= byte).max(1)
    }

    /// The text of a 1-based line, without its line ending (`""` for a line
    /// that does not exist).
    pub fn line_text(&self, line: usize) -> &str {
        let Some(&start) = line.checked_sub(1).and_then(|i| self.line_starts.get(i)) else { return "" };
        let end = self.line_starts.get(line).map_or(self.text.len(), |&next| next - 1);
        let text = self.text.get(start..end).unwrap_or("");
        text.strip_suffix('\r').unwrap_or(text)
    }

    /// How many lines the text has (a final line ending starts one more, empty line).
    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }

    /// Byte offset where the body starts (after Markdown front matter; 0
    /// otherwise). Claims are only looked for after it.
    pub fn body_start(&self) -> usize {
        self.body_start
    }

    /// The text after any front matter.
    pub fn body(&self) -> &str {
        self.text.get(self.body_start..).unwrap_or("")
    }
}

/// The format of a source from its path, or else its id.
fn source_format(path: &str, id: &str) -> Format {
    match Format::of(path) {
        Format::Plain => Format::of(id),
        known => known,
    }
}

/// Sources read, and what could not be read (one line each, naming the file).
#[derive(Debug, Default)]
pub struct Loaded {
    /// The sources, in command-line order (each folder's contents sorted).
    pub sources: Vec<Source>,
    /// One line per file skipped or read imperfectly, naming the file.
    pub warnings: Vec<String>,
}

/// Why sources could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum SourceError {
    /// A path on the command line does not exist.
    #[error("{path}: no such file or folder")]
    NotFound {
        /// The path as given.
        path: String,
    },
    /// A file or folder named on the command line, or a metadata file, could not be read.
    #[error("cannot read {path}: {source}")]
    Unreadable {
        /// The path as given or joined.
        path: String,
        /// What the operating system said.
        source: io::Error,
    },
    /// A file named on the command line is in a format that is not read (a PDF, an image).
    #[error("{path}: {reason}")]
    NotText {
        /// The path as given.
        path: String,
        /// What the file is, and what is read instead.
        reason: String,
    },
    /// A sources.yaml or a Markdown front matter is not valid metadata.
    #[error("{path}:{line}:{column}: {message}")]
    BadMetadata {
        /// The file holding the metadata.
        path: String,
        /// 1-based line in that file.
        line: usize,
        /// 1-based column in that line.
        column: usize,
        /// What is wrong.
        message: String,
    },
}

/// A source found but not read yet: what to read, and what is known of it.
/// Reading is separate from finding so that many sources can be read (and
/// their text dropped) in parallel, one at a time each.
#[derive(Debug)]
pub struct Pending {
    id: String,
    shown: String,
    input: Input,
    meta: SourceMeta,
}

#[derive(Debug)]
enum Input {
    File(PathBuf),
    Bytes(Vec<u8>),
}

/// A file or folder that was not read, and why.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Skip {
    /// The path as given or joined.
    pub path: String,
    /// Why it was skipped.
    pub reason: String,
}

impl fmt::Display for Skip {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "skipped {}: {}", self.path, self.reason)
    }
}

/// What reading a [`Pending`] source gave.
#[derive(Debug)]
pub enum ReadOutcome {
    /// The source, and a warning when it was read imperfectly.
    Source(Source, Option<String>),
    /// Nothing: the file was skipped.
    Skipped(Skip),
    /// Nothing, and nothing to say: the file is crosscheck's own Markdown report.
    OwnReport,
}

impl Pending {
    /// The source's id.
    pub fn id(&self) -> &str {
        &self.id
    }

    /// Reads and decodes the source. An unreadable or binary file, or one
    /// larger than `max_bytes`, is skipped with a warning; bad front matter is an error.
    pub fn read(self, max_bytes: u64) -> Result<ReadOutcome, SourceError> {
        let Pending { id, shown, input, meta } = self;
        let skip = |reason: String| Ok(ReadOutcome::Skipped(Skip { path: shown.clone(), reason }));
        let bytes = match input {
            Input::Bytes(b) => b,
            Input::File(path) => {
                // Opened once: its size and its bytes come from the one handle.
                let mut file = match std::fs::File::open(&path) {
                    Ok(f) => f,
                    Err(e) => return skip(e.to_string()),
                };
                let (size, regular) = file.metadata().map_or((0, false), |m| (m.len(), m.is_file()));
                if size > max_bytes {
                    return skip(format!(
                        "{} MB is over the limit of {} MB a source (raise it with --max-source-mb)",
                        size.div_ceil(1_000_000),
                        max_bytes / 1_000_000
                    ));
                }
                let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0).saturating_add(1));
                match sized(&mut file, size, regular, max_bytes).read_to_end(&mut bytes) {
                    // A pipe or a device tells no size: one byte past the
                    // limit tells one over it, and the rest is never read.
                    Ok(_) if bytes.len() as u64 > max_bytes => {
                        return skip(format!(
                            "over the limit of {} MB a source (raise it with --max-source-mb)",
                            max_bytes / 1_000_000
                        ))
                    }
                    Ok(_) => bytes,
                    Err(e) => return skip(e.to_string()),
                }
            }
        };
        let (text, invalid) = match decode(bytes) {
            Decoded::Binary => return skip("binary file".to_string()),
            Decoded::Text { text, invalid } => (text, invalid),
        };
        if crate::own_output::is_own_output(&text) {
            return Ok(ReadOutcome::OwnReport);
        }
        let warning = invalid.map(|bad| format!("{shown}: {bad}, read with replacement characters"));
        let meta = if source_format(&shown, &id) == Format::Markdown {
            meta.overridden_by(front_matter_meta(&shown, &text)?)
        } else {
            meta
        };
        Ok(ReadOutcome::Source(Source::new(id, shown, text, meta), warning))
    }
}

/// The sources found under some paths, not read yet.
#[derive(Debug, Default)]
pub struct Plan {
    /// In command-line order (each folder's contents sorted).
    pub pending: Vec<Pending>,
    /// The files and folders skipped while looking.
    pub skipped: Vec<Skip>,
    /// What else was found amiss while looking (a sources.yaml entry for no file).
    pub warnings: Vec<String>,
}

/// Finds the sources under paths: files, folders (recursively, `.txt` and
/// `.md`, in sorted order), and `-` for standard input (read now).
pub fn plan(paths: &[PathBuf], stdin: &mut dyn Read) -> Result<Plan, SourceError> {
    plan_filtered(paths, stdin, &|_| true, DEFAULT_MAX_SOURCE_BYTES)
}

/// How folders are walked and standard input read.
#[derive(Clone, Copy)]
pub struct Walking<'a> {
    /// Which files inside folders are read, by path relative to the folder
    /// named (files named directly are always read).
    pub admits: &'a dyn Fn(&str) -> bool,
    /// The most bytes read from standard input: more is skipped, as a file
    /// over the limit is.
    pub max_stdin: u64,
    /// Whether files that `.gitignore`, `.ignore` and `.crosscheckignore`
    /// files name are read too (hidden files never are).
    pub read_ignored: bool,
}

impl fmt::Debug for Walking<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Walking").field("max_stdin", &self.max_stdin).field("read_ignored", &self.read_ignored).finish()
    }
}

/// Same as [`plan`], reading inside folders only the files whose path
/// relative to the folder `admits` accepts (files named directly are always read).
/// Standard input is read up to `max_stdin` bytes: more is skipped, as a
/// file over the limit is.
pub fn plan_filtered(
    paths: &[PathBuf],
    stdin: &mut dyn Read,
    admits: &dyn Fn(&str) -> bool,
    max_stdin: u64,
) -> Result<Plan, SourceError> {
    plan_with(paths, stdin, Walking { admits, max_stdin, read_ignored: false })
}

/// Finds the sources under paths as `walking` says.
pub fn plan_with(paths: &[PathBuf], stdin: &mut dyn Read, walking: Walking<'_>) -> Result<Plan, SourceError> {
    let Walking { admits, max_stdin, read_ignored } = walking;
    let mut loader =
        Loader { stdin, plan: Plan::default(), meta_tables: HashMap::new(), admits, max_stdin, read_ignored };
    for path in paths {
        loader.load_path(path)?;
    }
    let mut plan = loader.plan;
    let mut ids = HashSet::new();
    if !plan.pending.iter().all(|p| ids.insert(p.id.as_str())) {
        ids_from_common_root(&mut plan, paths);
    }
    Ok(plan)
}

impl Plan {
    /// Leaves out the file at `path` (the same file, however it was named),
    /// saying whether it was there: a draft is never its own evidence.
    pub fn leave_out(&mut self, path: &Path) -> bool {
        let Ok(target) = path.canonicalize() else { return false };
        let before = self.pending.len();
        self.pending.retain(|p| match &p.input {
            Input::File(f) => f.canonicalize().ok().as_ref() != Some(&target),
            Input::Bytes(_) => true,
        });
        self.pending.len() < before
    }
}

/// Loads sources from paths: files, folders (recursively, `.txt` and `.md`,
/// in sorted order), and `-` for standard input.
pub fn load(paths: &[PathBuf]) -> Result<Loaded, SourceError> {
    load_with_stdin(paths, &mut io::stdin().lock())
}

/// Same as [`load`], reading standard input from the given reader instead (for tests).
pub fn load_with_stdin(paths: &[PathBuf], stdin: &mut dyn Read) -> Result<Loaded, SourceError> {
    let plan = plan(paths, stdin)?;
    let mut warnings: Vec<String> = plan.skipped.iter().map(Skip::to_string).collect();
    warnings.extend(plan.warnings);
    let mut loaded = Loaded { sources: Vec::new(), warnings };
    for p in plan.pending {
        match p.read(DEFAULT_MAX_SOURCE_BYTES)? {
            ReadOutcome::Source(source, warning) => {
                loaded.warnings.extend(warning);
                loaded.sources.push(source);
            }
            ReadOutcome::Skipped(skip) => loaded.warnings.push(skip.to_string()),
            ReadOutcome::OwnReport => {}
        }
    }
    Ok(loaded)
}

/// The largest source read unless the caller says otherwise: 256 MB.
pub const DEFAULT_MAX_SOURCE_BYTES: u64 = 256_000_000;

/// The names a folder's metadata file may have, in order of preference.
const META_FILES: [&str; 2] = ["sources.yaml", "sources.yml"];

/// How many leading bytes are looked at for NUL bytes to tell a binary file.
const BINARY_SNIFF_LEN: usize = 8192;

// ---------------------------------------------------------------------------
// Text

/// Byte offsets where each line starts.
fn line_starts(text: &str) -> Vec<usize> {
    // Room for a line every 64 bytes (articles' paragraphs are longer, so
    // the list is seldom copied as it grows), up to a bound: the list stays
    // with its source, and a huge text of few lines takes no room it never fills.
    let mut starts = Vec::with_capacity((text.len() / 64 + 1).min(4096));
    starts.push(0);
    starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
    starts
}

#[cfg(test)]
mod tests {
    use super::*;

    fn src(text: &str) -> Source {
        Source::new("t.txt", "t.txt", text, SourceMeta::default())
    }

    #[test]
    fn columns_on_long_lines_of_many_scripts_are_counted_in_characters() {
        let line = "Präsident — “12 %” 東京 ".repeat(900);
        let text = format!("first line\n{line}\n{line}");
        let s = Source::new("a", "a.txt", text.clone(), SourceMeta::default());
        let second = text.find('\n').unwrap() + 1;
        for byte in (0..text.len()).filter(|&b| text.is_char_boundary(b)).step_by(97) {
            let line_start = text[..byte].rfind('\n').map_or(0, |k| k + 1);
            let expected = text[line_start..byte].chars().count() + 1;
            assert_eq!(s.line_col(byte).1, expected, "byte {byte}");
        }
        assert_eq!(s.line_col(second), (2, 1));
    }

    #[test]
    fn line_col_ascii() {
        let s = src("ab\ncd\n");
        assert_eq!(s.line_col(0), (1, 1));
        assert_eq!(s.line_col(1), (1, 2));
        assert_eq!(s.line_col(2), (1, 3));
        assert_eq!(s.line_col(3), (2, 1));
        assert_eq!(s.line_col(4), (2, 2));
        assert_eq!(s.line_col(6), (3, 1));
        assert_eq!(s.line_col(1000), (3, 1));
    }

    #[test]
    fn line_col_counts_characters_not_bytes() {
        let s = src("x\n浙江 “Hikvision” 10%");
        let h = s.text.find('H').unwrap_or_default();
        assert_eq!(s.line_col(h), (2, 5));
        let pct = s.text.find('%').unwrap_or_default();
        assert_eq!(s.line_col(pct), (2, 18));
        // Inside a multi-byte character: that character.
        assert_eq!(s.line_col(3), (2, 1));
        assert_eq!(s.line_col(5), (2, 2));
        assert_eq!(s.line_col(6), (2, 2));
    }

    #[test]
    fn line_text_strips_line_endings() {
        let s = src("one\r\ntwo\nthree");
        assert_eq!(s.line_text(1), "one");
        assert_eq!(s.line_text(2), "two");
        assert_eq!(s.line_text(3), "three");
        assert_eq!(s.line_text(0), "");
        assert_eq!(s.line_text(4), "");
        assert_eq!(s.line_count(), 3);
    }

    #[test]
    fn empty_text_has_one_empty_line() {
        let s = src("");
        assert_eq!(s.line_col(0), (1, 1));
        assert_eq!(s.line_text(1), "");
        assert_eq!(s.body_start(), 0);
    }

    #[test]
    fn front_matter_sets_body_start_for_markdown_only() {
        let text = "---\noutlet: X\n---\nBody.\n";
        let md = Source::new("a.md", "a.md", text, SourceMeta::default());
        assert_eq!(md.body(), "Body.\n");
        assert_eq!(md.line_col(md.body_start()), (4, 1));
        assert_eq!(src(text).body_start(), 0);
        let unclosed = Source::new("a.md", "a.md", "---\nno end\n", SourceMeta::default());
        assert_eq!(unclosed.body_start(), 0);
    }

    #[test]
    fn utf16_odd_byte_and_lone_surrogate_are_replaced() {
        let Decoded::Text { text, invalid } = decode(vec![0xFF, 0xFE, b'a', 0, 0x00, 0xD8, b'b', 0]) else {
            panic!("binary")
        };
        assert_eq!(text, "a\u{FFFD}b");
        assert_eq!(invalid.map(|i| i.at), Some(4));
        let Decoded::Text { text, .. } = decode(vec![0xFE, 0xFF, 0, b'a', 0]) else { panic!("binary") };
        assert_eq!(text, "a\u{FFFD}");
    }
}

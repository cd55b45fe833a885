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
    /// The full text, front matter included, so line numbers stay true.
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
    /// A source from its parts. When `path` or `id` ends in `.md`, YAML front
    /// matter at the top of `text` is recognised and skipped by [`Source::body_start`].
    pub fn new(id: impl Into<String>, path: impl Into<String>, text: impl Into<String>, meta: SourceMeta) -> Source {
        let (id, path, text) = (id.into(), path.into(), text.into());
        let body_start =
            if is_markdown(&path) || is_markdown(&id) { front_matter(&text).map_or(0, |fm| fm.body_start) } else { 0 };
        let line_starts = line_starts(&text);
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
        let column = self.chars_before(byte) - self.chars_before(start.min(byte)) + 1;
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
        let meta = if is_markdown(&shown) || is_markdown(&id) {
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
}

/// Finds the sources under paths: files, folders (recursively, `.txt` and
/// `.md`, in sorted order), and `-` for standard input (read now).
pub fn plan(paths: &[PathBuf], stdin: &mut dyn Read) -> Result<Plan, SourceError> {
    plan_filtered(paths, stdin, &|_| true, DEFAULT_MAX_SOURCE_BYTES)
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
    let mut loader = Loader { stdin, plan: Plan::default(), meta_tables: HashMap::new(), admits, max_stdin };
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

/// When two sources of a run would share an id (`wire.txt` in two folders),
/// gives every source its path relative to the folder the paths given share
/// (`a/wire.txt`, `b/wire.txt`): no two sources are ever merged. A file
/// given twice is then read once, and standard input once.
fn ids_from_common_root(plan: &mut Plan, paths: &[PathBuf]) {
    let cwd = std::env::current_dir().unwrap_or_default();
    let absolute = |p: &Path| lexical(&cwd.join(p));
    let bases: Vec<PathBuf> = paths
        .iter()
        .filter(|p| p.as_os_str() != "-")
        .map(|p| {
            let a = absolute(p);
            if a.is_dir() {
                a
            } else {
                a.parent().map(Path::to_path_buf).unwrap_or(a)
            }
        })
        .collect();
    let root: Option<PathBuf> = bases.first().map(|first| {
        let mut root: Vec<std::path::Component> = first.components().collect();
        for b in &bases[1..] {
            let shared = root.iter().zip(b.components()).take_while(|(x, y)| **x == *y).count();
            root.truncate(shared);
        }
        root.iter().collect()
    });
    let mut seen: HashSet<String> = HashSet::new();
    let mut kept = Vec::with_capacity(plan.pending.len());
    for mut p in std::mem::take(&mut plan.pending) {
        if let (Input::File(path), Some(root)) = (&p.input, &root) {
            if let Ok(rel) = absolute(path).strip_prefix(root) {
                let rel = rel.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/");
                if !rel.is_empty() {
                    p.id = rel;
                }
            }
        }
        if seen.insert(p.id.clone()) {
            kept.push(p);
        } else {
            plan.skipped.push(Skip { path: p.shown.clone(), reason: "given twice: read once".to_string() });
        }
    }
    plan.pending = kept;
}

/// `path` without `.` and with each `..` taking away the name before it,
/// as written (no link is followed).
fn lexical(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            std::path::Component::CurDir => {}
            std::path::Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

/// Loads sources from paths: files, folders (recursively, `.txt` and `.md`,
/// in sorted order), and `-` for standard input.
pub fn load(paths: &[PathBuf]) -> Result<Loaded, SourceError> {
    load_with_stdin(paths, &mut io::stdin().lock())
}

/// Same as [`load`], reading standard input from the given reader instead (for tests).
pub fn load_with_stdin(paths: &[PathBuf], stdin: &mut dyn Read) -> Result<Loaded, SourceError> {
    let plan = plan(paths, stdin)?;
    let mut loaded = Loaded { sources: Vec::new(), warnings: plan.skipped.iter().map(Skip::to_string).collect() };
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

/// Metadata by file name (relative to the folder holding the sources.yaml).
type MetaTable = BTreeMap<String, SourceMeta>;

/// The state of one [`load_with_stdin`] call.
struct Loader<'a> {
    stdin: &'a mut dyn Read,
    plan: Plan,
    /// Parsed sources.yaml tables by folder, so each is read once.
    meta_tables: HashMap<PathBuf, MetaTable>,
    /// Which files inside folders are read, by relative path.
    admits: &'a dyn Fn(&str) -> bool,
    /// The most bytes read from standard input.
    max_stdin: u64,
}

/// What walking a folder has found so far.
struct Walked {
    /// Canonical paths of the folders read: a folder reached again (through
    /// a symbolic link) is not read twice.
    visited: HashSet<PathBuf>,
    /// The files found.
    entries: Vec<Entry>,
    /// The folders read, as prefixes ending in `/` (the top folder is `""`).
    folders: Vec<String>,
}

/// A file found while walking a folder.
struct Entry {
    /// Path relative to the folder, with `/` separators.
    rel: String,
    /// The folder path joined with the relative path.
    path: PathBuf,
    /// `None` to load it, or why it is skipped.
    skip: Option<String>,
}

impl Loader<'_> {
    fn skip(&mut self, path: String, reason: impl fmt::Display) {
        self.plan.skipped.push(Skip { path, reason: reason.to_string() });
    }

    /// Loads one command-line path: `-`, a folder or a file.
    fn load_path(&mut self, path: &Path) -> Result<(), SourceError> {
        if path.as_os_str() == "-" {
            return self.load_stdin();
        }
        let shown = path.display().to_string();
        let metadata = std::fs::metadata(path).map_err(|source| match source.kind() {
            io::ErrorKind::NotFound => SourceError::NotFound { path: shown.clone() },
            _ => SourceError::Unreadable { path: shown.clone(), source },
        })?;
        if metadata.is_dir() {
            self.load_folder(path)
        } else {
            self.load_named_file(path)
        }
    }

    fn load_stdin(&mut self) -> Result<(), SourceError> {
        let mut bytes = Vec::new();
        let within = read_at_most(&mut self.stdin, self.max_stdin, &mut bytes)
            .map_err(|source| SourceError::Unreadable { path: "-".to_string(), source })?;
        if !within {
            self.skip(
                "-".to_string(),
                format!(
                    "standard input is over the limit of {} MB a source (raise it with --max-source-mb)",
                    self.max_stdin / 1_000_000
                ),
            );
            return Ok(());
        }
        self.add("stdin".to_string(), "-".to_string(), Input::Bytes(bytes), SourceMeta::default())
    }

    /// A file named directly: its id is its file name, and the sources.yaml
    /// beside it may describe it.
    fn load_named_file(&mut self, path: &Path) -> Result<(), SourceError> {
        let shown = path.display().to_string();
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| shown.clone());
        let folder = match path.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        let meta = self.meta_table(&folder)?.get(&name).cloned().unwrap_or_default();
        self.add(name, shown, Input::File(path.to_path_buf()), meta)
    }

    /// Every `.txt` and `.md` file under a folder, sorted by relative path.
    fn load_folder(&mut self, root: &Path) -> Result<(), SourceError> {
        let mut walked = Walked { visited: HashSet::new(), entries: Vec::new(), folders: vec![String::new()] };
        let canonical = root.canonicalize().ok();
        if let Some(c) = &canonical {
            walked.visited.insert(c.clone());
        }
        let listing = std::fs::read_dir(root)
            .map_err(|source| SourceError::Unreadable { path: root.display().to_string(), source })?;
        self.walk(listing, root, "", canonical.as_deref(), &mut walked);
        let Walked { mut entries, mut folders, .. } = walked;
        folders.sort();
        // Each folder's sources.yaml is read and parsed in parallel; the first
        // bad one, in folder order, is the error.
        use rayon::prelude::*;
        let unread: Vec<PathBuf> =
            folders.iter().map(|f| root.join(f)).filter(|p| !self.meta_tables.contains_key(p)).collect();
        let tables: Vec<Result<MetaTable, SourceError>> = unread.par_iter().map(|p| read_meta_table(p)).collect();
        for (folder, table) in unread.into_iter().zip(tables) {
            self.meta_tables.insert(folder, table?);
        }
        entries.sort_by(|a, b| a.rel.cmp(&b.rel));
        for entry in entries {
            self.load_entry(root, entry)?;
        }
        Ok(())
    }

    /// Collects the files under one folder listing, recursing into subfolders
    /// (whose prefixes, ending in `/`, go to `walked.folders`). `here` is the
    /// folder's canonical path, when known.
    fn walk(&mut self, listing: std::fs::ReadDir, root: &Path, prefix: &str, here: Option<&Path>, walked: &mut Walked) {
        for item in listing {
            let item = match item {
                Ok(item) => item,
                Err(e) => {
                    let shown = root.join(prefix).display().to_string();
                    self.skip(shown, e);
                    continue;
                }
            };
            let name = item.file_name().to_string_lossy().into_owned();
            if name.starts_with('.') {
                continue;
            }
            let rel = format!("{prefix}{name}");
            let path = root.join(&rel);
            // The listing knows each entry's type; only a symbolic link is
            // asked what it points to.
            let listed = item.file_type();
            let is_link = listed.as_ref().map_or(true, |t| t.is_symlink());
            let kind = match listed {
                Ok(t) if !t.is_symlink() => Ok(t),
                _ => std::fs::metadata(&path).map(|m| m.file_type()),
            };
            match kind {
                Ok(m) if m.is_dir() => {
                    // A folder that is no link is where its parent is, under its
                    // name; only a link is resolved.
                    let canonical = if is_link { None } else { here.map(|h| h.join(item.file_name())) };
                    self.walk_subfolder(root, &rel, canonical, walked)
                }
                // A pipe never read from would wait forever, a device never end.
                Ok(m) if !m.is_file() => walked.entries.push(Entry {
                    rel,
                    path,
                    skip: Some("not a regular file (a pipe, a device or a socket)".to_string()),
                }),
                Ok(_) if META_FILES.contains(&name.as_str()) => {}
                Ok(_) if !(self.admits)(&rel) => {}
                Ok(_) if is_text_file(&name) => walked.entries.push(Entry { rel, path, skip: None }),
                Ok(_) => walked.entries.push(Entry { rel, path, skip: Some("not a .txt or .md file".to_string()) }),
                Err(e) => walked.entries.push(Entry { rel, path, skip: Some(e.to_string()) }),
            }
        }
    }

    /// Recurses into a subfolder unless it was already read (a symlink
    /// loop); `canonical` is its canonical path when already known.
    fn walk_subfolder(&mut self, root: &Path, rel: &str, canonical: Option<PathBuf>, walked: &mut Walked) {
        let path = root.join(rel);
        let shown = path.display().to_string();
        match canonical.map_or_else(|| path.canonicalize(), Ok) {
            Ok(canonical) if walked.visited.contains(&canonical) => {
                self.skip(shown, "folder already read (a symbolic link loop?)");
            }
            Ok(canonical) => {
                walked.visited.insert(canonical.clone());
                match std::fs::read_dir(&path) {
                    Ok(listing) => {
                        let prefix = format!("{rel}/");
                        walked.folders.push(prefix.clone());
                        self.walk(listing, root, &prefix, Some(&canonical), walked);
                    }
                    Err(e) => self.skip(shown, e),
                }
            }
            Err(e) => self.skip(shown, e),
        }
    }

    /// Loads one file found in a folder; an unreadable one is a warning.
    fn load_entry(&mut self, root: &Path, entry: Entry) -> Result<(), SourceError> {
        let shown = entry.path.display().to_string();
        if let Some(why) = entry.skip {
            self.skip(shown, why);
            return Ok(());
        }
        let meta = self.folder_meta(root, &entry.rel)?;
        self.add(entry.rel, shown, Input::File(entry.path), meta)
    }

    /// The metadata the sources.yaml files of a file's folders give it, from
    /// the top folder down; a nearer folder's entry overrides a farther one's.
    fn folder_meta(&mut self, root: &Path, rel: &str) -> Result<SourceMeta, SourceError> {
        let mut meta = SourceMeta::default();
        let splits = std::iter::once(0).chain(rel.match_indices('/').map(|(i, _)| i + 1));
        for split in splits {
            let (prefix, key) = rel.split_at(split);
            if let Some(found) = self.meta_table(&root.join(prefix))?.get(key) {
                meta = meta.overridden_by(found.clone());
            }
        }
        Ok(meta)
    }

    /// The parsed sources.yaml of a folder (empty when it has none), read once.
    fn meta_table(&mut self, folder: &Path) -> Result<&MetaTable, SourceError> {
        if !self.meta_tables.contains_key(folder) {
            let table = read_meta_table(folder)?;
            self.meta_tables.insert(folder.to_path_buf(), table);
        }
        Ok(self.meta_tables.entry(folder.to_path_buf()).or_default())
    }

    /// Adds a source to read.
    fn add(&mut self, id: String, shown: String, input: Input, meta: SourceMeta) -> Result<(), SourceError> {
        self.plan.pending.push(Pending { id, shown, input, meta });
        Ok(())
    }
}

/// Whether a file name is one a folder's sources are read from.
fn is_text_file(name: &str) -> bool {
    has_extension(name, "txt") || is_markdown(name)
}

/// Whether a file name or path ends in `.md` (in any case).
fn is_markdown(name: &str) -> bool {
    has_extension(name, "md")
}

fn has_extension(name: &str, ext: &str) -> bool {
    Path::new(name).extension().is_some_and(|e| e.eq_ignore_ascii_case(ext))
}

// ---------------------------------------------------------------------------
// Metadata

/// A metadata value as written: text, or a number, date or boolean read as text.
struct Text(String);

impl<'de> serde::Deserialize<'de> for Text {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(TextVisitor)
    }
}

struct TextVisitor;

impl serde::de::Visitor<'_> for TextVisitor {
    type Value = Text;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("text, a number or a date")
    }

    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Text, E> {
        Ok(Text(v.to_string()))
    }

    fn visit_string<E: serde::de::Error>(self, v: String) -> Result<Text, E> {
        Ok(Text(v))
    }

    fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Text, E> {
        Ok(Text(v.to_string()))
    }

    fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Text, E> {
        Ok(Text(v.to_string()))
    }

    fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<Text, E> {
        Ok(Text(v.to_string()))
    }

    fn visit_bool<E: serde::de::Error>(self, v: bool) -> Result<Text, E> {
        Ok(Text(v.to_string()))
    }
}

/// One file's metadata as written; keys other than these are ignored.
#[derive(Default, serde::Deserialize)]
#[serde(expecting = "a mapping with keys such as outlet, published and credits")]
struct RawMeta {
    #[serde(default)]
    outlet: Option<Text>,
    #[serde(default)]
    published: Option<Text>,
    #[serde(default)]
    credits: Option<Text>,
}

impl RawMeta {
    fn into_meta(self) -> SourceMeta {
        SourceMeta { outlet: text(self.outlet), published: text(self.published), credits: text(self.credits) }
    }
}

/// Whether `date` is a `published` date: YYYY-MM-DD, YYYY-MM or YYYY, a
/// day of the calendar.
fn is_published_date(date: &str) -> bool {
    let parts: Vec<&str> = date.split('-').collect();
    let digits = |p: &str, n: usize| p.len() == n && p.bytes().all(|b| b.is_ascii_digit());
    let number = |p: &str| p.parse::<u32>().unwrap_or(0);
    match parts.as_slice() {
        [y] => digits(y, 4),
        [y, m] => digits(y, 4) && digits(m, 2) && (1..=12).contains(&number(m)),
        [y, m, d] => {
            digits(y, 4)
                && digits(m, 2)
                && digits(d, 2)
                && crate::date::on_calendar(Some(number(y) as i32), number(m), number(d))
        }
        _ => false,
    }
}

/// Refuses a `published` value that is no date, naming where `yaml` (the
/// metadata text, `lines_before` lines into the file) gives it.
fn check_published(shown: &str, yaml: &str, lines_before: usize, published: Option<&str>) -> Result<(), SourceError> {
    let Some(date) = published.filter(|d| !is_published_date(d)) else { return Ok(()) };
    let (line, column) = yaml
        .lines()
        .enumerate()
        .find_map(|(i, l)| {
            let at = l.find("published")?;
            l[at..].contains(date).then(|| (i + 1, l[..at].chars().count() + 1))
        })
        .unwrap_or((1, 1));
    Err(SourceError::BadMetadata {
        path: shown.to_string(),
        line: line + lines_before,
        column,
        message: format!("published: {date:?} is not a date; write YYYY-MM-DD, YYYY-MM or YYYY"),
    })
}

/// A value trimmed, with an empty one read as absent.
fn text(value: Option<Text>) -> Option<String> {
    value.map(|Text(s)| s.trim().to_string()).filter(|s| !s.is_empty())
}

/// Reads a folder's sources.yaml (or sources.yml); an empty table when there is none.
fn read_meta_table(folder: &Path) -> Result<MetaTable, SourceError> {
    // The file's size is asked once, with whether it is one; it is then read
    // to that size.
    let Some((path, yaml)) = META_FILES.iter().find_map(|name| {
        let path = folder.join(name);
        read_if_file(&path).map(|text| (path, text))
    }) else {
        return Ok(MetaTable::new());
    };
    let shown = path.display().to_string();
    let yaml = yaml.map_err(|source| SourceError::Unreadable { path: shown.clone(), source })?;
    if yaml.len() as u64 > MAX_SETTINGS_BYTES {
        let message = format!("over the limit of {} MB for a metadata file", MAX_SETTINGS_BYTES / 1_000_000);
        return Err(SourceError::BadMetadata { path: shown, line: 1, column: 1, message });
    }
    let raw: Option<BTreeMap<String, Option<RawMeta>>> = parse_yaml(&shown, &yaml, 0)?;
    let table: MetaTable =
        raw.unwrap_or_default().into_iter().map(|(name, m)| (name, m.unwrap_or_default().into_meta())).collect();
    for meta in table.values() {
        check_published(&shown, &yaml, 0, meta.published.as_deref())?;
    }
    Ok(table)
}

/// The text of the file at `path`, or `None` when there is no file there
/// (nothing, a folder, or anything else that is not a regular file: a pipe
/// is never opened, so never waited on).
fn read_if_file(path: &Path) -> Option<io::Result<String>> {
    let size = std::fs::metadata(path).ok().filter(|m| m.is_file())?.len();
    let read = || {
        let mut file = std::fs::File::open(path)?;
        let mut text = String::with_capacity(usize::try_from(size).unwrap_or(0));
        sized(&mut file, size, true, size).read_to_string(&mut text)?;
        Ok(text)
    };
    Some(read())
}

/// `file` to read, through `take`, which asks the file for nothing but its
/// bytes (`File::read_to_end` would ask its size and position again). A
/// regular file that reports a size is read to that size, the size it had
/// when it was asked: that spares asking once more only to learn it has
/// ended (what is added while it is read is not read). Anything else (a
/// pipe, a device, a file that reports no size) is read to its end or to
/// one byte past `max_bytes`, whichever comes first.
fn sized(file: &mut std::fs::File, size: u64, regular: bool, max_bytes: u64) -> io::Take<&mut std::fs::File> {
    io::Read::take(file, if regular && size > 0 { size } else { max_bytes.saturating_add(1) })
}

/// Reads a settings file (rules, config) of at most `max_bytes`: a file
/// over it, or a device that never ends, is an error, not read whole.
pub fn read_capped(path: &Path, max_bytes: u64) -> io::Result<String> {
    let mut bytes = Vec::new();
    if !read_at_most(std::fs::File::open(path)?, max_bytes, &mut bytes)? {
        return Err(io::Error::other(format!("over the limit of {} MB for a settings file", max_bytes / 1_000_000)));
    }
    String::from_utf8(bytes).map_err(|_| io::Error::new(io::ErrorKind::InvalidData, "not UTF-8 text"))
}

/// Reads `reader` into `bytes` up to one byte past `max_bytes` (what tells
/// one over it; the rest is never read), saying whether it kept within.
fn read_at_most(reader: impl Read, max_bytes: u64, bytes: &mut Vec<u8>) -> io::Result<bool> {
    reader.take(max_bytes.saturating_add(1)).read_to_end(bytes)?;
    Ok(bytes.len() as u64 <= max_bytes)
}

/// The most a rules or config file may hold: far more than any is written by hand.
pub const MAX_SETTINGS_BYTES: u64 = 16_000_000;

/// The metadata in a Markdown file's front matter (none when it has none).
fn front_matter_meta(shown: &str, text: &str) -> Result<SourceMeta, SourceError> {
    let Some(fm) = front_matter(text) else { return Ok(SourceMeta::default()) };
    let yaml = text.get(fm.yaml).unwrap_or("");
    let raw: Option<RawMeta> = parse_yaml(shown, yaml, 1)?;
    let meta = raw.unwrap_or_default().into_meta();
    check_published(shown, yaml, 1, meta.published.as_deref())?;
    Ok(meta)
}

/// Parses YAML, turning an error into [`SourceError::BadMetadata`]; `lines_before`
/// is how many lines of the file come before the YAML text.
fn parse_yaml<T: serde::de::DeserializeOwned>(shown: &str, yaml: &str, lines_before: usize) -> Result<T, SourceError> {
    if let Some((line, column)) = crate::rules::yaml_too_deep(yaml) {
        let message = format!("nested more than {} deep", crate::rules::MAX_YAML_DEPTH);
        return Err(SourceError::BadMetadata { path: shown.to_string(), line: line + lines_before, column, message });
    }
    serde_yaml::from_str(yaml).map_err(|e| {
        let (line, column, message) = crate::rules::yaml_error_place(&e);
        SourceError::BadMetadata { path: shown.to_string(), line: line + lines_before, column, message }
    })
}

/// Where a Markdown file's front matter lies.
struct FrontMatter {
    /// The YAML between the `---` lines.
    yaml: Range<usize>,
    /// Byte offset just after the closing `---` line.
    body_start: usize,
}

/// Finds front matter: a first line `---` and a later line `---`.
fn front_matter(text: &str) -> Option<FrontMatter> {
    let mut lines = lines_with_offsets(text);
    let (_, first, after_first) = lines.next()?;
    if !is_fence(first) {
        return None;
    }
    let (close, _, after_close) = lines.find(|&(_, line, _)| is_fence(line))?;
    Some(FrontMatter { yaml: after_first..close, body_start: after_close })
}

/// Whether a line is a front matter fence (`---`, trailing spaces allowed).
fn is_fence(line: &str) -> bool {
    line.trim_end() == "---"
}

/// Each line's start offset, its text without the ending, and the offset after its ending.
fn lines_with_offsets(text: &str) -> impl Iterator<Item = (usize, &str, usize)> {
    let mut start = 0;
    text.split_inclusive('\n').map(move |raw| {
        let line_start = start;
        start += raw.len();
        (line_start, raw.trim_end_matches(['\n', '\r']), start)
    })
}

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

/// A file's bytes, decoded.
enum Decoded {
    /// Text, and where it was first not valid in its encoding.
    Text { text: String, invalid: Option<Invalid> },
    /// NUL bytes: not text.
    Binary,
}

/// The first bytes that were not valid in the file's encoding.
struct Invalid {
    encoding: &'static str,
    /// Byte offset in the file.
    at: usize,
}

impl fmt::Display for Invalid {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "invalid {} at byte {}", self.encoding, self.at)
    }
}

/// Decodes a file: UTF-16 after its byte order mark, otherwise UTF-8 (without
/// its byte order mark), replacing what is not valid.
fn decode(mut bytes: Vec<u8>) -> Decoded {
    match bytes.as_slice() {
        [0xFF, 0xFE, rest @ ..] => decode_utf16(rest, u16::from_le_bytes),
        [0xFE, 0xFF, rest @ ..] => decode_utf16(rest, u16::from_be_bytes),
        [0xEF, 0xBB, 0xBF, ..] => {
            bytes.drain(..3);
            decode_utf8(bytes, 3)
        }
        _ => decode_utf8(bytes, 0),
    }
}

/// Decodes UTF-8 that starts `offset` bytes into the file, in place when valid.
fn decode_utf8(bytes: Vec<u8>, offset: usize) -> Decoded {
    if bytes[..bytes.len().min(BINARY_SNIFF_LEN)].contains(&0) {
        return Decoded::Binary;
    }
    match String::from_utf8(bytes) {
        Ok(text) => Decoded::Text { text, invalid: None },
        Err(e) => Decoded::Text {
            invalid: Some(Invalid { encoding: "UTF-8", at: offset + e.utf8_error().valid_up_to() }),
            text: String::from_utf8_lossy(e.as_bytes()).into_owned(),
        },
    }
}

/// Decodes UTF-16 that starts after a 2-byte byte order mark.
fn decode_utf16(bytes: &[u8], unit: fn([u8; 2]) -> u16) -> Decoded {
    let units: Vec<u16> = bytes.chunks_exact(2).map(|pair| unit([pair[0], pair[1]])).collect();
    let mut text = String::with_capacity(units.len());
    let mut invalid = None;
    for (i, c) in char::decode_utf16(units.iter().copied()).enumerate() {
        match c {
            Ok(c) => text.push(c),
            Err(_) => {
                text.push(char::REPLACEMENT_CHARACTER);
                invalid.get_or_insert_with(|| Invalid { encoding: "UTF-16", at: utf16_offset(&units, i) });
            }
        }
    }
    if bytes.len() % 2 == 1 {
        text.push(char::REPLACEMENT_CHARACTER);
        invalid.get_or_insert(Invalid { encoding: "UTF-16", at: bytes.len() + 1 });
    }
    Decoded::Text { text, invalid }
}

/// The file byte offset of the `nth` decoded item (a char or an error) of UTF-16 units.
fn utf16_offset(units: &[u16], nth: usize) -> usize {
    let consumed: usize =
        char::decode_utf16(units.iter().copied()).take(nth).map(|c| c.map_or(1, char::len_utf16)).sum();
    2 + 2 * consumed
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

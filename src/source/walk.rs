//! Walking folders for sources: which files are read, which skipped and why.

use super::*;

/// The state of one [`load_with_stdin`] call.
pub(super) struct Loader<'a> {
    pub(super) stdin: &'a mut dyn Read,
    pub(super) plan: Plan,
    /// Parsed sources.yaml tables by folder, so each is read once.
    pub(super) meta_tables: HashMap<PathBuf, MetaTable>,
    /// Which files inside folders are read, by relative path.
    pub(super) admits: &'a dyn Fn(&str) -> bool,
    /// The most bytes read from standard input.
    pub(super) max_stdin: u64,
    /// Whether files that `.gitignore` and `.ignore` files name are read too.
    pub(super) read_ignored: bool,
}

/// What walking a folder has found so far.
pub(super) struct Walked {
    /// The files found.
    entries: Vec<Entry>,
    /// The folders read, as prefixes ending in `/` (the top folder is `""`).
    folders: Vec<String>,
}

/// A file found while walking a folder.
pub(super) struct Entry {
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
    pub(super) fn load_path(&mut self, path: &Path) -> Result<(), SourceError> {
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
        if let Some(reason) = format::not_text(&name) {
            return Err(SourceError::NotText { path: shown, reason });
        }
        let meta = self.meta_table(&folder)?.get(&name).cloned().unwrap_or_default();
        self.add(name, shown, Input::File(path.to_path_buf()), meta)
    }

    /// Every source file under a folder, sorted by relative path. The
    /// folder is walked as ripgrep walks one: hidden files and folders, and
    /// what `.gitignore`, `.ignore` and `.crosscheckignore` files name, are
    /// left out (unless `read_ignored`); a symbolic link is followed, and a
    /// folder reached twice is read once.
    fn load_folder(&mut self, root: &Path) -> Result<(), SourceError> {
        let mut walked = Walked { entries: Vec::new(), folders: Vec::new() };
        let visited = std::sync::Mutex::new(HashSet::new());
        let repeated = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
        let seen_twice = std::sync::Arc::clone(&repeated);
        let mut walker = ignore::WalkBuilder::new(root);
        walker
            .standard_filters(!self.read_ignored)
            .hidden(true)
            .require_git(false)
            .follow_links(true)
            .add_custom_ignore_filename(".crosscheckignore");
        // Sorted here only to be deterministic; entries are sorted by their
        // whole relative path below.
        walker.sort_by_file_name(|a, b| a.cmp(b));
        // A folder reached again through a link is not read twice.
        walker.filter_entry(move |entry| {
            if !entry.file_type().is_some_and(|t| t.is_dir()) {
                return true;
            }
            let Ok(canonical) = entry.path().canonicalize() else { return true };
            let first = visited.lock().map_or(true, |mut v| v.insert(canonical));
            if !first {
                if let Ok(mut r) = seen_twice.lock() {
                    r.push(entry.path().to_path_buf());
                }
            }
            first
        });
        for item in walker.build() {
            let entry = match item {
                Ok(entry) => entry,
                Err(e) => {
                    self.skip_walk_error(root, e);
                    continue;
                }
            };
            let Ok(rel) = entry.path().strip_prefix(root) else { continue };
            let rel = rel.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/");
            let path = entry.path().to_path_buf();
            let name = entry.file_name().to_string_lossy().into_owned();
            match entry.file_type() {
                Some(t) if t.is_dir() => walked.folders.push(if rel.is_empty() { rel } else { format!("{rel}/") }),
                // A pipe never read from would wait forever, a device never end.
                Some(t) if !t.is_file() => walked.entries.push(Entry {
                    rel,
                    path,
                    skip: Some("not a regular file (a pipe, a device or a socket)".to_string()),
                }),
                None => walked.entries.push(Entry { rel, path, skip: Some("cannot tell what it is".to_string()) }),
                Some(_) if META_FILES.contains(&name.as_str()) => {}
                Some(_) if !(self.admits)(&rel) => {}
                Some(_) if format::is_source_name(&name) => walked.entries.push(Entry { rel, path, skip: None }),
                Some(_) => {
                    let why = format::not_text(&name).unwrap_or_else(|| "not a .txt, .md or .html file".to_string());
                    walked.entries.push(Entry { rel, path, skip: Some(why) })
                }
            }
        }
        for path in std::mem::take(&mut *repeated.lock().unwrap_or_else(|e| e.into_inner())) {
            self.skip(path.display().to_string(), "folder already read (a symbolic link loop?)");
        }
        let Walked { mut entries, mut folders } = walked;
        folders.sort();
        // Each folder's sources.yaml is read and parsed in parallel; the first
        // bad one, in folder order, is the error.
        use rayon::prelude::*;
        let unread: Vec<PathBuf> =
            folders.iter().map(|f| root.join(f)).filter(|p| !self.meta_tables.contains_key(p)).collect();
        let tables: Vec<Result<MetaTable, SourceError>> = unread.par_iter().map(|p| read_meta_table(p)).collect();
        for (folder, table) in unread.into_iter().zip(tables) {
            let table = table?;
            self.warn_of_missing_files(&folder, &table);
            self.meta_tables.insert(folder, table);
        }
        entries.sort_by(|a, b| a.rel.cmp(&b.rel));
        for entry in entries {
            self.load_entry(root, entry)?;
        }
        Ok(())
    }

    /// A warning for each file a folder's sources.yaml describes that is
    /// not there: a misspelt name would otherwise lose its outlet and date
    /// without a word.
    fn warn_of_missing_files(&mut self, folder: &Path, table: &MetaTable) {
        for name in table.keys() {
            if std::fs::symlink_metadata(folder.join(name)).is_err() {
                let yaml = META_FILES.iter().map(|m| folder.join(m)).find(|p| p.is_file());
                let shown = yaml.unwrap_or_else(|| folder.join(META_FILES[0])).display().to_string();
                self.plan.warnings.push(format!("{shown}: {name:?} names no file in its folder"));
            }
        }
    }

    /// What the walk could not read, as a skip naming the path.
    fn skip_walk_error(&mut self, root: &Path, error: ignore::Error) {
        let mut path = None;
        let mut inner = &error;
        loop {
            match inner {
                ignore::Error::WithPath { path: p, err } => {
                    path.get_or_insert_with(|| p.clone());
                    inner = err;
                }
                ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => inner = err,
                _ => break,
            }
        }
        let (path, reason) = match inner {
            ignore::Error::Loop { child, .. } => {
                (child.clone(), "folder already read (a symbolic link loop?)".to_string())
            }
            ignore::Error::Io(e) => (path.unwrap_or_else(|| root.to_path_buf()), e.to_string()),
            other => (path.unwrap_or_else(|| root.to_path_buf()), other.to_string()),
        };
        self.skip(path.display().to_string(), reason);
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

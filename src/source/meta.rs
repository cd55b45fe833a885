//! Metadata: a folder's sources.yaml and a Markdown file's front matter,
//! checked before they are used.

use super::*;

/// Metadata by file name (relative to the folder holding the sources.yaml).
pub(super) type MetaTable = BTreeMap<String, SourceMeta>;

/// A metadata value as written: text, or a number, date or boolean read as text.
pub(super) struct Text(String);

impl<'de> serde::Deserialize<'de> for Text {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(TextVisitor)
    }
}

pub(super) struct TextVisitor;

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
pub(super) struct RawMeta {
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
pub(super) fn is_published_date(date: &str) -> bool {
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
pub(super) fn check_published(
    shown: &str,
    yaml: &str,
    lines_before: usize,
    published: Option<&str>,
) -> Result<(), SourceError> {
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
pub(super) fn text(value: Option<Text>) -> Option<String> {
    value.map(|Text(s)| s.trim().to_string()).filter(|s| !s.is_empty())
}

/// Reads a folder's sources.yaml (or sources.yml); an empty table when there is none.
pub(super) fn read_meta_table(folder: &Path) -> Result<MetaTable, SourceError> {
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

/// The metadata in a Markdown file's front matter (none when it has none).
pub(super) fn front_matter_meta(shown: &str, text: &str) -> Result<SourceMeta, SourceError> {
    let Some(fm) = front_matter(text) else { return Ok(SourceMeta::default()) };
    let yaml = text.get(fm.yaml).unwrap_or("");
    let raw: Option<RawMeta> = parse_yaml(shown, yaml, 1)?;
    let meta = raw.unwrap_or_default().into_meta();
    check_published(shown, yaml, 1, meta.published.as_deref())?;
    Ok(meta)
}

/// Parses YAML, turning an error into [`SourceError::BadMetadata`]; `lines_before`
/// is how many lines of the file come before the YAML text.
pub(super) fn parse_yaml<T: serde::de::DeserializeOwned>(
    shown: &str,
    yaml: &str,
    lines_before: usize,
) -> Result<T, SourceError> {
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
pub(super) struct FrontMatter {
    /// The YAML between the `---` lines.
    pub(super) yaml: Range<usize>,
    /// Byte offset just after the closing `---` line.
    pub(super) body_start: usize,
}

/// Finds front matter: a first line `---` and a later line `---`.
pub(super) fn front_matter(text: &str) -> Option<FrontMatter> {
    let mut lines = lines_with_offsets(text);
    let (_, first, after_first) = lines.next()?;
    if !is_fence(first) {
        return None;
    }
    let (close, _, after_close) = lines.find(|&(_, line, _)| is_fence(line))?;
    Some(FrontMatter { yaml: after_first..close, body_start: after_close })
}

/// Whether a line is a front matter fence (`---`, trailing spaces allowed).
pub(super) fn is_fence(line: &str) -> bool {
    line.trim_end() == "---"
}

/// Each line's start offset, its text without the ending, and the offset after its ending.
pub(super) fn lines_with_offsets(text: &str) -> impl Iterator<Item = (usize, &str, usize)> {
    let mut start = 0;
    text.split_inclusive('\n').map(move |raw| {
        let line_start = start;
        start += raw.len();
        (line_start, raw.trim_end_matches(['\n', '\r']), start)
    })
}

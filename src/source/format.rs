//! Which files are sources, and how each is written: plain text, Markdown
//! or HTML, told by the file name's extension; formats that are not text
//! (PDF, word-processor files, images...) are named so that a skip says why.

use std::path::Path;

/// How a source's text is written, from its file name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Plain text, read as it is.
    Plain,
    /// Markdown (`.md`, `.markdown`).
    Markdown,
    /// HTML (`.html`, `.htm`).
    Html,
}

impl Format {
    /// The format a file name says (by its extension, in any case).
    pub fn of(name: &str) -> Format {
        match extension(name).as_deref() {
            Some("md" | "markdown") => Format::Markdown,
            Some("html" | "htm" | "xhtml") => Format::Html,
            _ => Format::Plain,
        }
    }
}

/// Formats crosscheck does not read, by extension, and what each is.
const NOT_TEXT: [(&[&str], &str); 6] = [
    (&["pdf"], "a PDF"),
    (&["doc", "docx", "odt", "rtf", "pages", "epub"], "a word-processor document"),
    (&["png", "jpg", "jpeg", "gif", "webp", "tif", "tiff", "bmp", "heic", "svg"], "an image"),
    (&["mp3", "mp4", "m4a", "mov", "wav", "webm", "avi", "mkv"], "audio or video"),
    (&["zip", "gz", "tgz", "bz2", "xz", "7z", "rar", "tar"], "an archive"),
    (&["xls", "xlsx", "ods", "ppt", "pptx", "odp", "key"], "a spreadsheet or slides"),
];

/// Why a file of this name is not read, when its extension names a format
/// that is not text: "a PDF: crosscheck reads ...".
pub fn not_text(name: &str) -> Option<String> {
    let ext = extension(name)?;
    let (_, what) = NOT_TEXT.iter().find(|(exts, _)| exts.contains(&ext.as_str()))?;
    Some(format!(
        "{what}: crosscheck reads plain text (.txt), Markdown (.md) and HTML (.html); save it as one of those"
    ))
}

/// Whether a file found in a folder is read as a source: plain text,
/// Markdown or HTML.
pub fn is_source_name(name: &str) -> bool {
    extension(name).as_deref() == Some("txt") || Format::of(name) != Format::Plain
}

fn extension(name: &str) -> Option<String> {
    Path::new(name).extension().map(|e| e.to_string_lossy().to_ascii_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn format_from_extension() {
        assert_eq!(Format::of("a/b/Story.MD"), Format::Markdown);
        assert_eq!(Format::of("page.htm"), Format::Html);
        assert_eq!(Format::of("wire.txt"), Format::Plain);
        assert_eq!(Format::of("-"), Format::Plain);
    }

    #[test]
    fn sources_and_formats_that_are_not_text() {
        assert!(is_source_name("a.TXT") && is_source_name("b.markdown") && is_source_name("c.html"));
        assert!(!is_source_name("notes.pdf") && !is_source_name("README"));
        assert!(not_text("Scan.PDF").unwrap().starts_with("a PDF: "));
        assert!(not_text("brief.docx").unwrap().starts_with("a word-processor document"));
        assert_eq!(not_text("data.csv"), None);
        assert_eq!(not_text("wire.txt"), None);
    }
}

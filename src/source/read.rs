//! Reading bytes within a limit, and decoding them to text.

use super::*;

/// The text of the file at `path`, or `None` when there is no file there
/// (nothing, a folder, or anything else that is not a regular file: a pipe
/// is never opened, so never waited on).
pub(super) fn read_if_file(path: &Path) -> Option<io::Result<String>> {
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
pub(super) fn sized(
    file: &mut std::fs::File,
    size: u64,
    regular: bool,
    max_bytes: u64,
) -> io::Take<&mut std::fs::File> {
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
pub(super) fn read_at_most(reader: impl Read, max_bytes: u64, bytes: &mut Vec<u8>) -> io::Result<bool> {
    reader.take(max_bytes.saturating_add(1)).read_to_end(bytes)?;
    Ok(bytes.len() as u64 <= max_bytes)
}

/// The most a rules or config file may hold: far more than any is written by hand.
pub const MAX_SETTINGS_BYTES: u64 = 16_000_000;

/// A file's bytes, decoded.
pub(super) enum Decoded {
    /// Text, and where it was first not valid in its encoding.
    Text { text: String, invalid: Option<Invalid> },
    /// NUL bytes: not text.
    Binary,
}

/// The first bytes that were not valid in the file's encoding.
pub(super) struct Invalid {
    encoding: &'static str,
    /// Byte offset in the file.
    pub(super) at: usize,
}

impl fmt::Display for Invalid {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "invalid {} at byte {}", self.encoding, self.at)
    }
}

/// Decodes a file: UTF-16 after its byte order mark, otherwise UTF-8 (without
/// its byte order mark), replacing what is not valid.
pub(super) fn decode(mut bytes: Vec<u8>) -> Decoded {
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
pub(super) fn decode_utf8(bytes: Vec<u8>, offset: usize) -> Decoded {
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
pub(super) fn decode_utf16(bytes: &[u8], unit: fn([u8; 2]) -> u16) -> Decoded {
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
pub(super) fn utf16_offset(units: &[u16], nth: usize) -> usize {
    let consumed: usize =
        char::decode_utf16(units.iter().copied()).take(nth).map(|c| c.map_or(1, char::len_utf16)).sum();
    2 + 2 * consumed
}

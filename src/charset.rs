//! Charset: file bytes into text, for pages and files that are not plain UTF-8.
//!
//! Takes the bytes of a file; gives its text. A byte-order mark wins (UTF-8, UTF-16LE/BE; the
//! mark itself is dropped). Saved web pages are then read in the charset they declare in the
//! first kilobytes (`<meta charset=...>` or `<meta http-equiv="content-type" content="...;
//! charset=...">`), else as UTF-8 when they are valid UTF-8, else as windows-1252 with a warning
//! (the usual charset of old Western pages that declare none). Decoding is `encoding_rs`, which
//! follows the WHATWG Encoding Standard (so `iso-8859-1` is read as windows-1252, as browsers do).

use encoding_rs::{Encoding, UTF_8, UTF_16BE, UTF_16LE, WINDOWS_1252};

/// How far into a page a charset declaration is looked for.
const PRESCAN_BYTES: usize = 4096;

/// Decoded text and what was said about the decoding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    /// The encoding used (its WHATWG name, e.g. `windows-1252`).
    pub encoding: &'static str,
    /// A note for the user when the charset was guessed or bytes were replaced.
    pub warning: Option<String>,
}

/// Text of a file that starts with a byte-order mark, without the mark; `None` without one.
pub fn decode_with_bom(bytes: &[u8]) -> Option<Decoded> {
    let (encoding, bom_len) = Encoding::for_bom(bytes)?;
    Some(decode_as(encoding, &bytes[bom_len..]))
}

/// Text of a saved web page: byte-order mark, then declared charset, then UTF-8 if valid, else
/// windows-1252 with a warning.
pub fn decode_page(bytes: &[u8]) -> Decoded {
    if let Some(decoded) = decode_with_bom(bytes) {
        return decoded;
    }
    let declared = declared_charset(bytes);
    let encoding = declared.as_deref().and_then(|label| {
        Encoding::for_label(label.as_bytes()).map(|e| {
            // A page read as bytes cannot be UTF-16 without a mark (the declaration itself was
            // ASCII); browsers read it as UTF-8.
            if e == UTF_16LE || e == UTF_16BE {
                UTF_8
            } else {
                e
            }
        })
    });
    match encoding {
        Some(e) if e != UTF_8 => decode_as(e, bytes),
        _ => match std::str::from_utf8(bytes) {
            Ok(text) => Decoded {
                text: text.to_string(),
                encoding: UTF_8.name(),
                warning: declared
                    .filter(|_| encoding.is_none())
                    .map(|label| format!("unknown charset `{label}`; read as UTF-8")),
            },
            Err(_) => {
                let mut decoded = decode_as(WINDOWS_1252, bytes);
                decoded.warning = Some(match (declared, encoding) {
                    (Some(label), Some(_)) => format!(
                        "page declares charset `{label}` but is not valid UTF-8; read as windows-1252"
                    ),
                    (Some(label), None) => {
                        format!("unknown charset `{label}`; read as windows-1252")
                    }
                    (None, _) => "page declares no charset and is not UTF-8; read as windows-1252"
                        .to_string(),
                });
                decoded
            }
        },
    }
}

fn decode_as(encoding: &'static Encoding, bytes: &[u8]) -> Decoded {
    let (text, had_errors) = encoding.decode_without_bom_handling(bytes);
    Decoded {
        text: text.into_owned(),
        encoding: encoding.name(),
        warning: had_errors.then(|| {
            format!(
                "bytes that are not valid {} were replaced with U+FFFD",
                encoding.name()
            )
        }),
    }
}

/// The charset a page declares in a `<meta>` tag near its start (lower-case label).
fn declared_charset(bytes: &[u8]) -> Option<String> {
    let head = bytes[..bytes.len().min(PRESCAN_BYTES)].to_ascii_lowercase();
    let mut from = 0;
    while let Some(at) = find(&head[from..], b"<meta") {
        let start = from + at + b"<meta".len();
        let end = find(&head[start..], b">").map_or(head.len(), |e| start + e);
        let tag = &head[start..end];
        if let Some(label) = charset_in(tag) {
            return Some(label);
        }
        from = end;
    }
    None
}

/// The value after `charset=` in the text of one tag.
fn charset_in(tag: &[u8]) -> Option<String> {
    let at = find(tag, b"charset")? + b"charset".len();
    let rest = &tag[at..];
    let rest = trim_start(rest);
    let rest = trim_start(rest.strip_prefix(b"=")?);
    let rest = rest
        .strip_prefix(b"\"")
        .or_else(|| rest.strip_prefix(b"'"))
        .unwrap_or(rest);
    let label: String = rest
        .iter()
        .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b':' | b'.'))
        .map(|&b| b as char)
        .collect();
    (!label.is_empty()).then_some(label)
}

fn trim_start(bytes: &[u8]) -> &[u8] {
    let skip = bytes.iter().take_while(|b| b.is_ascii_whitespace()).count();
    &bytes[skip..]
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn meta_charset_and_http_equiv_are_read() {
        let page =
            b"<html><head><meta charset=\"windows-1252\"></head><p>caf\xe9 \x93quoted\x94</p>";
        let d = decode_page(page);
        assert_eq!(d.encoding, "windows-1252");
        assert!(d.text.contains("café “quoted”"), "{}", d.text);
        assert_eq!(d.warning, None);

        let page =
            b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=ISO-8859-15\">\xa4";
        let d = decode_page(page);
        assert_eq!(d.encoding, "ISO-8859-15");
        assert!(d.text.ends_with('€'));

        let page = b"<meta charset=shift_jis><p>\x93\xfa\x96\x7b</p>";
        assert!(decode_page(page).text.contains("日本"));
    }

    #[test]
    fn undeclared_non_utf8_falls_back_to_windows_1252_with_a_warning() {
        let d = decode_page(b"<p>na\xefve</p>");
        assert_eq!(d.encoding, "windows-1252");
        assert!(d.text.contains("naïve"));
        assert!(d.warning.unwrap().contains("declares no charset"));

        let d = decode_page(b"<meta charset=klingon><p>na\xefve</p>");
        assert!(d.warning.unwrap().contains("unknown charset `klingon`"));

        let d = decode_page("<meta charset=utf-8><p>naïve</p>".as_bytes());
        assert_eq!((d.encoding, d.warning), ("UTF-8", None));
    }

    #[test]
    fn byte_order_marks_win_and_are_dropped() {
        let mut utf16 = vec![0xff, 0xfe];
        for unit in "Hé €".encode_utf16() {
            utf16.extend(unit.to_le_bytes());
        }
        let d = decode_with_bom(&utf16).unwrap();
        assert_eq!((d.text.as_str(), d.encoding), ("Hé €", "UTF-16LE"));
        assert_eq!(decode_with_bom(b"\xef\xbb\xbfHi").unwrap().text, "Hi");
        assert_eq!(decode_with_bom(b"Hi"), None);
    }
}

//! Markup: Markdown into prose of the same length, for extraction.
//!
//! Takes the text of a Markdown file and where its body starts (after front matter); gives a copy
//! of the same byte length in which markup is blanked to spaces, so every byte offset into the copy
//! is an offset into the file. Blanked: heading `#`s and setext underlines, blockquote `>`s, list
//! bullets and numbers (and task boxes), emphasis `*`/`_`/`~~` delimiters, inline code ticks,
//! the `[`, `](url "title")` and `][ref]` around link text (the text stays), whole images,
//! autolinks, HTML tags and comments, backslashes of escapes, table pipes and separator rows,
//! fenced code blocks, link reference definitions, thematic breaks. A single `~` ("~5,000") is a
//! hedge, not markup, and stays.
//!
//! Lines of one hard-wrapped paragraph are joined (their line break becomes a space), because the
//! segmenter ends a sentence at every line break; a blank line, a heading, a list item, a
//! blockquote, a table row or a hard break (two trailing spaces or `\`) keeps its break.

/// How a line takes part in paragraph joining.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum LineKind {
    /// Blank, or blank once markup is gone (rules, fences, definitions).
    Empty,
    /// Prose that may continue on the next line.
    Prose,
    /// Prose that starts a block (a list item): it may continue, but the line before it does not
    /// flow into it.
    BlockStart,
    /// Prose after blockquote markers only: flows on from a line of the same quote.
    Quoted,
    /// Headings, table rows, code: never joined.
    Fixed,
}

/// The same-length copy of `text` with the Markdown markup of `text[from..]` blanked.
pub fn blank_markdown(text: &str, from: usize) -> String {
    let mut out = text.as_bytes().to_vec();
    blank_comments(&mut out, from);
    let mut lines: Vec<(usize, usize, LineKind)> = Vec::new();
    let mut fence: Option<(u8, usize)> = None;
    let mut in_table = false;
    let mut start = from;
    while start < out.len() {
        let end = out[start..]
            .iter()
            .position(|&b| b == b'\n')
            .map_or(out.len(), |p| start + p);
        let content_end = if end > start && out[end - 1] == b'\r' {
            end - 1
        } else {
            end
        };
        let next = next_line(&out, end).map(<[u8]>::to_vec);
        let kind = blank_line(
            &mut out,
            start,
            content_end,
            next.as_deref(),
            &mut fence,
            &mut in_table,
        );
        lines.push((start, end, kind));
        start = end + 1;
    }
    join_wrapped_lines(&mut out, &lines);
    // Only whole ASCII markup characters and whole characters of tags were blanked, so the copy
    // is valid UTF-8; should it ever not be, the file text is read as it is.
    String::from_utf8(out).unwrap_or_else(|_| text.to_string())
}

/// The line after the one ending at `end` (without its line break), if any.
fn next_line(out: &[u8], end: usize) -> Option<&[u8]> {
    let start = end + 1;
    if start > out.len() {
        return None;
    }
    let stop = out[start..]
        .iter()
        .position(|&b| b == b'\n')
        .map_or(out.len(), |p| start + p);
    Some(&out[start..stop])
}

fn blank(out: &mut [u8], from: usize, to: usize) {
    for b in &mut out[from..to] {
        if *b != b'\n' && *b != b'\r' {
            *b = b' ';
        }
    }
}

/// `<!-- ... -->`, possibly over several lines.
fn blank_comments(out: &mut [u8], from: usize) {
    let mut at = from;
    while let Some(open) = find(&out[at..], b"<!--") {
        let open = at + open;
        let close = find(&out[open + 4..], b"-->").map_or(out.len(), |c| open + 4 + c + 3);
        blank(out, open, close);
        at = close;
    }
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// Blanks the markup of one line `out[start..end]`; tells how it joins.
fn blank_line(
    out: &mut [u8],
    start: usize,
    end: usize,
    next: Option<&[u8]>,
    fence: &mut Option<(u8, usize)>,
    in_table: &mut bool,
) -> LineKind {
    let line = &out[start..end];
    let indent = line
        .iter()
        .take_while(|&&b| b == b' ' || b == b'\t')
        .count();
    let trimmed = &line[indent..];
    if let Some((ch, len)) = *fence {
        if trimmed.len() >= len && trimmed.iter().take_while(|&&b| b == ch).count() >= len {
            *fence = None;
        }
        blank(out, start, end);
        return LineKind::Empty;
    }
    let run = trimmed.iter().take_while(|&&b| b == trimmed[0]).count();
    if !trimmed.is_empty() && matches!(trimmed[0], b'`' | b'~') && run >= 3 {
        *fence = Some((trimmed[0], run));
        blank(out, start, end);
        return LineKind::Empty;
    }
    if trimmed.iter().all(u8::is_ascii_whitespace) {
        *in_table = false;
        return LineKind::Empty;
    }
    if is_rule(trimmed) || is_table_separator(trimmed) || is_link_definition(trimmed) {
        *in_table = *in_table || is_table_separator(trimmed);
        blank(out, start, end);
        return LineKind::Empty;
    }
    let table_row = *in_table
        || trimmed.first() == Some(&b'|')
        || next.is_some_and(|n| is_table_separator(n.trim_ascii()));
    // Container markers: blockquotes (nested), then one list marker.
    let mut at = start + indent;
    let mut block_start = false;
    let mut quoted = false;
    while at < end && out[at] == b'>' {
        out[at] = b' ';
        at = skip_spaces(out, at + 1, end);
        quoted = true;
    }
    if let Some(len) = list_marker(&out[at..end]) {
        blank(out, at, at + len);
        at = skip_spaces(out, at + len, end);
        block_start = true;
        if out[at..end].starts_with(b"[ ] ")
            || out[at..end].starts_with(b"[x] ")
            || out[at..end].starts_with(b"[X] ")
        {
            blank(out, at, at + 3);
        }
    }
    let hashes = out[at..end].iter().take_while(|&&b| b == b'#').count();
    let heading = (1..=6).contains(&hashes)
        && out
            .get(at + hashes)
            .is_none_or(|b| at + hashes == end || *b == b' ' || *b == b'\t');
    if heading {
        blank(out, at, at + hashes);
        // A closing run of `#`s after a space.
        let body_end = end
            - out[at + hashes..end]
                .iter()
                .rev()
                .take_while(|b| b.is_ascii_whitespace())
                .count();
        let closing = out[at + hashes..body_end]
            .iter()
            .rev()
            .take_while(|&&b| b == b'#')
            .count();
        if closing > 0 && out[body_end - closing - 1] == b' ' {
            blank(out, body_end - closing, body_end);
        }
    }
    blank_inline(out, at, end, table_row);
    if table_row {
        *in_table = true;
    }
    if heading || table_row || next.is_some_and(|n| is_setext_underline(n.trim_ascii())) {
        LineKind::Fixed
    } else if block_start {
        LineKind::BlockStart
    } else if quoted {
        LineKind::Quoted
    } else {
        LineKind::Prose
    }
}

fn skip_spaces(out: &[u8], mut at: usize, end: usize) -> usize {
    while at < end && (out[at] == b' ' || out[at] == b'\t') {
        at += 1;
    }
    at
}

/// Length of a list marker (`-`, `*`, `+`, `1.`, `1)`) followed by a space at the start of `s`.
fn list_marker(s: &[u8]) -> Option<usize> {
    let digits = s.iter().take_while(|b| b.is_ascii_digit()).count();
    let len = match s.first()? {
        b'-' | b'*' | b'+' => 1,
        _ if (1..=9).contains(&digits) && matches!(s.get(digits), Some(b'.' | b')')) => digits + 1,
        _ => return None,
    };
    matches!(s.get(len), Some(b' ' | b'\t') | None).then_some(len)
}

/// `---`, `***`, `___` (spaces allowed) or a setext `===` underline.
fn is_rule(s: &[u8]) -> bool {
    let marks: Vec<u8> = s
        .iter()
        .copied()
        .filter(|b| !b.is_ascii_whitespace())
        .collect();
    marks.len() >= 3
        && matches!(marks[0], b'-' | b'*' | b'_' | b'=')
        && marks.iter().all(|&b| b == marks[0])
        || is_setext_underline(s)
}

fn is_setext_underline(s: &[u8]) -> bool {
    !s.is_empty() && (s.iter().all(|&b| b == b'=') || s.iter().all(|&b| b == b'-'))
}

/// `|---|:---:|` and `--- | ---`.
fn is_table_separator(s: &[u8]) -> bool {
    s.contains(&b'|')
        && s.contains(&b'-')
        && s.iter()
            .all(|b| matches!(b, b'|' | b'-' | b':' | b' ' | b'\t'))
}

/// `[id]: https://...`
fn is_link_definition(s: &[u8]) -> bool {
    s.first() == Some(&b'[')
        && find(s, b"]:").is_some_and(|close| close > 1 && !s[1..close].contains(&b']'))
}

/// Blanks inline markup in `out[start..end]`.
fn blank_inline(out: &mut [u8], start: usize, end: usize, table_row: bool) {
    let mut i = start;
    while i < end {
        match out[i] {
            b'\\' if i + 1 < end && out[i + 1].is_ascii_punctuation() => {
                out[i] = b' ';
                i += 2;
                continue;
            }
            b'`' => {
                let run = out[i..end].iter().take_while(|&&b| b == b'`').count();
                if let Some(close) = closing_ticks(&out[i + run..end], run) {
                    let close = i + run + close;
                    blank(out, i, i + run);
                    blank(out, close, close + run);
                    i = close + run;
                } else {
                    i += run;
                }
                continue;
            }
            b'<' => {
                if let Some(len) = tag_len(&out[i..end]) {
                    blank(out, i, i + len);
                    i += len;
                    continue;
                }
            }
            b'!' if out.get(i + 1) == Some(&b'[') => {
                if let Some(len) = link_len(&out[i + 1..end]).map(|(_, total)| total + 1) {
                    blank(out, i, i + len);
                    i += len;
                    continue;
                }
            }
            b'[' => {
                if let Some((text_end, total)) = link_len(&out[i..end]) {
                    out[i] = b' ';
                    blank(out, i + text_end, i + total);
                    // The link text is scanned on for emphasis inside it.
                    i += 1;
                    continue;
                }
                if out.get(i + 1) == Some(&b'^')
                    && let Some(close) = out[i..end].iter().position(|&b| b == b']')
                {
                    blank(out, i, i + close + 1);
                    i += close + 1;
                    continue;
                }
            }
            b'*' | b'_' | b'~' => {
                let c = out[i];
                let run = out[i..end].iter().take_while(|&&b| b == c).count();
                let before = (i > start).then(|| out[i - 1]);
                let after = (i + run < end).then(|| out[i + run]);
                let space = |b: Option<u8>| b.is_none_or(|b| b.is_ascii_whitespace());
                let word =
                    |b: Option<u8>| b.is_some_and(|b| b.is_ascii_alphanumeric() || b >= 0x80);
                let delimiter = !(space(before) && space(after))
                    && match c {
                        b'_' => !(word(before) && word(after)),
                        b'~' => run >= 2,
                        _ => true,
                    };
                if delimiter {
                    blank(out, i, i + run);
                }
                i += run;
                continue;
            }
            b'|' if table_row => out[i] = b' ',
            _ => {}
        }
        i += 1;
    }
}

/// Where a run of `run` backticks closes in `s`.
fn closing_ticks(s: &[u8], run: usize) -> Option<usize> {
    let mut i = 0;
    while i < s.len() {
        if s[i] == b'`' {
            let n = s[i..].iter().take_while(|&&b| b == b'`').count();
            if n == run {
                return Some(i);
            }
            i += n;
        } else {
            i += 1;
        }
    }
    None
}

/// Length of an HTML tag or autolink at the start of `s` (`<b>`, `</span>`, `<https://x>`).
fn tag_len(s: &[u8]) -> Option<usize> {
    let first = *s.get(1)?;
    let second = s.get(2).copied().unwrap_or(b' ');
    if !(first.is_ascii_alphabetic() || first == b'/' && second.is_ascii_alphabetic()) {
        return None;
    }
    let close = s.iter().position(|&b| b == b'>')?;
    (!s[1..close].contains(&b'<')).then_some(close + 1)
}

/// A link at the start of `s`: `[text](dest "title")`, `[text][ref]` or `[text][]`. Gives where
/// the text ends (the `]`) and the whole length.
fn link_len(s: &[u8]) -> Option<(usize, usize)> {
    let mut depth = 0usize;
    let mut close = None;
    let mut i = 0;
    while i < s.len() {
        match s[i] {
            b'\\' => i += 1,
            b'[' => depth += 1,
            b']' => {
                depth -= 1;
                if depth == 0 {
                    close = Some(i);
                    break;
                }
            }
            _ => {}
        }
        i += 1;
    }
    let close = close?;
    match s.get(close + 1)? {
        b'(' => {
            let mut depth = 0usize;
            for (j, &b) in s.iter().enumerate().skip(close + 1) {
                match b {
                    b'(' => depth += 1,
                    b')' => {
                        depth -= 1;
                        if depth == 0 {
                            return Some((close, j + 1));
                        }
                    }
                    _ => {}
                }
            }
            None
        }
        b'[' => {
            let end = s[close + 1..].iter().position(|&b| b == b']')?;
            Some((close, close + 1 + end + 1))
        }
        _ => None,
    }
}

/// Joins the lines of hard-wrapped paragraphs: the line break becomes a space.
fn join_wrapped_lines(out: &mut [u8], lines: &[(usize, usize, LineKind)]) {
    for pair in lines.windows(2) {
        let (start, end, kind) = pair[0];
        let next = pair[1].2;
        let flows = match next {
            LineKind::Prose => kind != LineKind::Empty && kind != LineKind::Fixed,
            LineKind::Quoted => kind == LineKind::Quoted,
            _ => false,
        };
        if !flows {
            continue;
        }
        let line = &out[start..end];
        let content = line.strip_suffix(b"\r").unwrap_or(line);
        if content.ends_with(b"  ") || content.ends_with(b"\\") {
            continue;
        }
        blank_line_break(out, end);
    }
}

fn blank_line_break(out: &mut [u8], newline: usize) {
    if newline < out.len() {
        out[newline] = b' ';
        if newline > 0 && out[newline - 1] == b'\r' {
            out[newline - 1] = b' ';
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(md: &str, expected: &str) {
        let b = blank_markdown(md, 0);
        assert_eq!(b.len(), md.len());
        let squeezed = b.split_whitespace().collect::<Vec<_>>().join(" ");
        assert_eq!(squeezed, expected, "{b:?}");
    }

    #[test]
    fn inline_markup_is_blanked_and_offsets_kept() {
        check(
            "The force of **about** [5,200](https://x.example/a_(b) \"t\") _troops_ is `cut`.",
            "The force of about 5,200 troops is cut .",
        );
        check(
            "A ![photo](p.jpg) of <b>3</b> trucks<br/> and ~5,000 men.",
            "A of 3 trucks and ~5,000 men.",
        );
        check(
            "snake_case and 2 * 3 stay; ~~old~~ \\*not\\* [see][ref].",
            "snake_case and 2 * 3 stay; old *not * see .",
        );
        let md = "Café **über** 5";
        let b = blank_markdown(md, 0);
        assert_eq!(&b[0..5], "Café");
        assert_eq!(&b[md.find("5").unwrap()..], "5");
    }

    #[test]
    fn block_markup_and_paragraph_joining() {
        let md = "# Heading #\n\nFirst line of a\nwrapped paragraph.\n\n> Quoted\n> on two lines.\n\n- item one\n- item two\n  continued\n1. ordered\n\n---\n| a | b |\n|---|---|\n| 1 | 2 |\n\n```\ncode 42\n```\n[ref]: https://x.example\n<!-- note\n99 -->";
        let b = blank_markdown(md, 0);
        assert_eq!(b.len(), md.len());
        let lines: Vec<String> = b
            .lines()
            .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
            .filter(|l| !l.is_empty())
            .collect();
        assert_eq!(
            lines,
            vec![
                "Heading",
                "First line of a wrapped paragraph.",
                "Quoted on two lines.",
                "item one",
                "item two continued",
                "ordered",
                "a b",
                "1 2",
            ]
        );
    }

    #[test]
    fn empty_headings_and_stray_markers_are_blank() {
        check("# \n#\n## ##\n- \n> \n", "");
    }

    #[test]
    fn front_matter_is_left_alone() {
        let md = "---\ntitle: *x*\n---\n**Body**";
        let b = blank_markdown(md, 18);
        assert_eq!(&b[..18], &md[..18]);
        assert_eq!(b[18..].trim(), "Body");
    }
}

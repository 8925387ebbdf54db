//! Segment: a source's body into sentences and tokens, with byte spans.
//!
//! Takes a [`Source`]; gives a [`Document`]: sentences (with the paragraph each belongs to) and
//! tokens (words, numbers, punctuation), each token knowing its sentence. One forward pass over
//! the bytes, steered by a table of byte classes: tokens are emitted as they are read (and a
//! [`TokenReader`] told of each, so that the vocabulary reads them in the same pass), and a
//! sentence is closed where it ends, so that nothing is read twice. A period does not end a
//! sentence after a known abbreviation ("Gen.", "U.S.", "Mr.", "Sept."), an initial ("L. A"), a
//! day before a month and a number ("16. Nov. 2016"), or inside a number ("1.5"); a sentence ends
//! at `.`, `!` or `?` (with closing quotes and brackets) followed by space and an upper-case
//! letter, digit or opening quote, and always at a line break, since scraped articles put one
//! paragraph or heading per line.

use crate::model::{Document, Sentence, Source, Span, Token, TokenKind};

/// Abbreviations (lower-case, without the final period) after which a period does not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "adm", "apr", "aug", "capt", "cmdr", "co", "col", "corp", "cpl", "dec", "dept", "dr", "e.g",
    "est", "etc", "feb", "fig", "fr", "gen", "gov", "i.e", "inc", "jan", "jr", "jul", "jun", "lt",
    "ltd", "maj", "mar", "mr", "mrs", "ms", "mt", "no", "nov", "oct", "prof", "rep", "rev", "sen",
    "sep", "sept", "sgt", "sr", "st", "u.k", "u.n", "u.s", "u.s.a", "vs", "a.m", "p.m", "d.c",
    "calif", "mass", "pa", "va", "wash", "ft", "approx",
];

/// The [`ABBREVIATIONS`] packed into integers ([`abbreviation_key`]) and sorted, for a binary
/// search instead of a string comparison per entry.
static ABBREVIATION_KEYS: [u64; ABBREVIATIONS.len()] = {
    let mut keys = [0u64; ABBREVIATIONS.len()];
    let mut i = 0;
    while i < keys.len() {
        let word = ABBREVIATIONS[i].as_bytes();
        assert!(!word.is_empty() && word.len() <= 8);
        let mut key = 0u64;
        let mut j = 0;
        while j < word.len() {
            key |= (word[j] as u64) << (8 * j);
            j += 1;
        }
        // Insertion sort, so that the table is built at compile time.
        let mut k = i;
        while k > 0 && keys[k - 1] > key {
            keys[k] = keys[k - 1];
            k -= 1;
        }
        keys[k] = key;
        i += 1;
    }
    keys
};

/// An ASCII word of at most eight bytes, lower-cased and packed into an integer (first byte
/// lowest); `None` for longer words.
fn abbreviation_key(word: &[u8]) -> Option<u64> {
    if word.is_empty() || word.len() > 8 {
        return None;
    }
    Some(word.iter().enumerate().fold(0u64, |key, (j, b)| {
        key | u64::from(b.to_ascii_lowercase()) << (8 * j)
    }))
}

/// What a byte tells the segmenter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    /// ASCII white space other than a line break (the ones `char::is_whitespace` accepts).
    Space,
    Newline,
    /// An ASCII letter: a word starts.
    Letter,
    /// An ASCII digit: a number starts.
    Digit,
    /// `.`, `!` or `?`: a one-byte punctuation token that may end a sentence.
    Terminator,
    /// Any other ASCII byte: a one-byte punctuation token.
    Punct,
    /// The first (or a later) byte of a character outside ASCII: decoded where it stands.
    Wide,
}

/// The class of every byte value.
static CLASS: [Class; 256] = {
    let mut table = [Class::Wide; 256];
    let mut b = 0;
    while b < 128 {
        table[b] = match b as u8 {
            b' ' | b'\t' | b'\r' | 0x0B | 0x0C => Class::Space,
            b'\n' => Class::Newline,
            b'a'..=b'z' | b'A'..=b'Z' => Class::Letter,
            b'0'..=b'9' => Class::Digit,
            b'.' | b'!' | b'?' => Class::Terminator,
            _ => Class::Punct,
        };
        b += 1;
    }
    table
};

/// A table of the bytes in the inclusive `ranges`, and of every byte outside ASCII when `wide`.
const fn byte_set(ranges: &[(u8, u8)], wide: bool) -> [bool; 256] {
    let mut table = [wide; 256];
    let mut b = 0;
    while b < 128 {
        let mut member = false;
        let mut r = 0;
        while r < ranges.len() {
            member |= ranges[r].0 <= b as u8 && b as u8 <= ranges[r].1;
            r += 1;
        }
        table[b] = member;
        b += 1;
    }
    table
}

/// Which bytes are ASCII letters and digits (one table look-up per byte of a word).
static ASCII_WORD: [bool; 256] = byte_set(&[(b'0', b'9'), (b'A', b'Z'), (b'a', b'z')], false);

/// The bytes after which a word may go on past its ASCII run: the joiners `'`, `-` and `.`, and
/// the bytes of characters outside ASCII.
static WORD_GOES_ON: [bool; 256] = byte_set(&[(b'\'', b'\''), (b'-', b'.')], true);

/// Segments the body of `source`.
pub fn segment(source: &Source) -> Document<'_> {
    segment_into(source, Spare::default())
}

/// Told of each token as it is emitted, while its bytes are at hand: the vocabulary reads each
/// token's word in the same pass ([`crate::extract::Extractors::segment`]). `()` reads nothing.
pub trait TokenReader {
    fn token(&mut self, text: &[u8], start: usize, end: usize);

    /// A token of the one ASCII byte `byte` (a punctuation mark), where the segmenter knows it
    /// is one: read as [`TokenReader::token`] reads it, and more cheaply where the reader can.
    #[inline(always)]
    fn ascii_byte(&mut self, text: &[u8], at: usize) {
        self.token(text, at, at + 1);
    }
}

impl TokenReader for () {
    #[inline(always)]
    fn token(&mut self, _: &[u8], _: usize, _: usize) {}
}

/// The token and sentence lists of a document that is done with, kept to segment the next
/// source into without allocating them again ([`segment_into`]).
#[derive(Debug, Default)]
pub struct Spare {
    tokens: Vec<Token>,
    sentences: Vec<Sentence>,
}

impl Spare {
    /// The lists of `doc` (emptied when segmented into).
    pub fn from_document(doc: Document<'_>) -> Spare {
        Spare {
            tokens: doc.tokens,
            sentences: doc.sentences,
        }
    }
}

/// [`segment`], into the lists of `spare` (grown where they are too short).
pub fn segment_into(source: &Source, spare: Spare) -> Document<'_> {
    segment_reading(source, spare, &mut ())
}

/// [`segment_into`], with `reader` told of each token in text order as it is emitted.
#[inline(never)]
pub fn segment_reading<'s>(
    source: &'s Source,
    spare: Spare,
    reader: &mut impl TokenReader,
) -> Document<'s> {
    let text = source.text.as_str();
    let body = text.len().saturating_sub(source.body_start);
    let Spare {
        mut tokens,
        mut sentences,
    } = spare;
    tokens.clear();
    sentences.clear();
    // News prose averages a token per five to six bytes and a sentence per hundred or so.
    tokens.reserve(body / 4 + 16);
    sentences.reserve(body / 64 + 4);
    let mut segmenter = Segmenter {
        text,
        tokens,
        sentences,
        paragraph: 0,
        open: None,
        newlines: 0,
        reader,
    };
    segmenter.run(source.body_start);
    Document {
        source,
        sentences: segmenter.sentences,
        tokens: segmenter.tokens,
    }
}

/// The state of the one pass: what has been emitted and the sentence being read.
struct Segmenter<'t, 'r, R: TokenReader> {
    text: &'t str,
    tokens: Vec<Token>,
    sentences: Vec<Sentence>,
    paragraph: usize,
    /// Where the sentence being read starts (its first token); `None` between sentences.
    open: Option<usize>,
    /// Line breaks since the last sentence closed at one.
    newlines: usize,
    /// Told of each token pushed.
    reader: &'r mut R,
}

impl<R: TokenReader> Segmenter<'_, '_, R> {
    fn run(&mut self, from: usize) {
        let text = self.text;
        let bytes = text.as_bytes();
        let mut pos = from;
        while let Some(&b) = bytes.get(pos) {
            match CLASS[usize::from(b)] {
                Class::Space => pos += 1,
                Class::Newline => {
                    self.line_break();
                    pos += 1;
                }
                Class::Terminator => pos = self.terminator(pos),
                Class::Letter => pos = self.words(pos),
                Class::Punct => {
                    self.punct(pos);
                    // Most marks are followed by one space.
                    pos += 1 + usize::from(bytes.get(pos + 1) == Some(&b' '));
                }
                _ => {
                    let (kind, end) = token_at(text, pos);
                    if let Some(kind) = kind {
                        self.token(pos, end, kind);
                        // Most tokens are followed by one space.
                        pos = end;
                        if bytes.get(pos) == Some(&b' ') {
                            pos += 1;
                        }
                    } else {
                        pos = end;
                    }
                }
            }
        }
        if let Some(start) = self.open {
            self.close(start, self.last_end());
        }
    }

    /// Emits a token in the sentence being read, opening one if none is.
    #[inline]
    fn token(&mut self, start: usize, end: usize, kind: TokenKind) {
        self.open_at(start);
        self.tokens.push(Token {
            span: Span::new(start, end),
            kind,
            sentence: self.sentences.len(),
        });
        self.reader.token(self.text.as_bytes(), start, end);
    }

    /// Emits the one-byte ASCII punctuation token at `at`, as [`Segmenter::token`] does.
    #[inline]
    fn punct(&mut self, at: usize) {
        self.open_at(at);
        self.tokens.push(Token {
            span: Span::new(at, at + 1),
            kind: TokenKind::Punct,
            sentence: self.sentences.len(),
        });
        self.reader.ascii_byte(self.text.as_bytes(), at);
    }

    /// Opens a sentence at byte `start` unless one is being read.
    #[inline(always)]
    fn open_at(&mut self, start: usize) {
        if self.open.is_none() {
            self.open = Some(start);
            self.newlines = 0;
        }
    }

    /// Reads the word at `pos` (an ASCII letter) and the words after it that are each one space
    /// apart, the common case of prose; gives where reading goes on (past one space after the
    /// last word).
    #[inline(always)]
    fn words(&mut self, mut pos: usize) -> usize {
        let text = self.text;
        let bytes = text.as_bytes();
        self.open_at(pos);
        let sentence = self.sentences.len();
        // Pushed through a local vector, whose length the compiler can keep in a register.
        let mut tokens = std::mem::take(&mut self.tokens);
        let end = loop {
            // Most words stop at a space, which no joiner test needs.
            let run = ascii_word_run(bytes, pos + 1);
            let spaced = bytes.get(run) == Some(&b' ');
            let end = if spaced {
                run
            } else {
                word_end_past_run(text, pos, run)
            };
            tokens.push(Token {
                span: Span::new(pos, end),
                kind: TokenKind::Word,
                sentence,
            });
            self.reader.token(bytes, pos, end);
            if spaced {
                match bytes.get(end + 1) {
                    Some(next) if next.is_ascii_alphabetic() => pos = end + 1,
                    _ => break end + 1,
                }
                continue;
            }
            match bytes.get(end..end + 2) {
                Some(&[b' ', next]) if next.is_ascii_alphabetic() => pos = end + 1,
                Some(&[b' ', _]) => break end + 1,
                Some(_) => break end,
                None => break end + usize::from(bytes.get(end) == Some(&b' ')),
            }
        };
        self.tokens = tokens;
        end
    }

    /// The end of the last token read (the sentence being read ends there so far).
    fn last_end(&self) -> usize {
        self.tokens.last().map_or(0, |t| t.span.end)
    }

    /// A line break closes the sentence being read; a second one before the next sentence (a
    /// blank line) also ends the paragraph.
    #[inline(never)]
    fn line_break(&mut self) {
        self.newlines += 1;
        if let Some(start) = self.open.take() {
            self.close(start, self.last_end());
        }
        if self.newlines == 2 && !self.sentences.is_empty() {
            self.paragraph += 1;
        }
    }

    fn close(&mut self, start: usize, end: usize) {
        if end > start {
            self.sentences.push(Sentence {
                span: Span::new(start, end),
                paragraph: self.paragraph,
            });
        }
    }

    /// Reads the terminator at `pos` (`.`, `!` or `?`) and, where it ends the sentence, the
    /// closing quotes and brackets right after it; gives where reading goes on.
    #[inline(never)]
    fn terminator(&mut self, pos: usize) -> usize {
        let bytes = self.text.as_bytes();
        let before = self.tokens.last().copied();
        self.punct(pos);
        if bytes[pos] == b'.' && !self.period_ends_sentence(before, pos) {
            return pos + 1;
        }
        let mut end = pos + 1;
        loop {
            end += match &bytes[end..] {
                [b'"' | b'\'' | b')' | b']', ..] => 1,
                // "”" and "’".
                [0xE2, 0x80, 0x9D | 0x99, ..] => 3,
                _ => break,
            };
        }
        if !opens_sentence(self.text, end) {
            // The closers are read as the ordinary punctuation they are.
            return pos + 1;
        }
        let sentence = self.sentences.len();
        let mut at = pos + 1;
        while at < end {
            let len = if bytes[at].is_ascii() { 1 } else { 3 };
            self.tokens.push(Token {
                span: Span::new(at, at + len),
                kind: TokenKind::Punct,
                sentence,
            });
            self.reader.token(bytes, at, at + len);
            at += len;
        }
        let start = self.open.take().unwrap_or(pos);
        self.close(start, end);
        end
    }

    /// Whether the period at byte `dot`, read after the token `before`, ends its sentence: not
    /// right after an abbreviation, an initial, or a day before a month.
    fn period_ends_sentence(&self, before: Option<Token>, dot: usize) -> bool {
        let Some(prev) = before.filter(|prev| prev.span.end == dot) else {
            return true;
        };
        match prev.kind {
            TokenKind::Number => {
                !is_day_before_month(self.text, prev.span, Span::new(dot, dot + 1))
            }
            TokenKind::Word => {
                let word = &self.text[prev.span.start..prev.span.end];
                // A single capital letter is an initial ("L. A Superior Court").
                !(is_initial(word) || is_abbreviation(word))
            }
            TokenKind::Punct => true,
        }
    }
}

/// Whether `word` is a single capital letter.
fn is_initial(word: &str) -> bool {
    match word.as_bytes() {
        [b] => b.is_ascii_uppercase(),
        [first, ..] if first.is_ascii() => false,
        _ => {
            let mut chars = word.chars();
            matches!((chars.next(), chars.next()), (Some(c), None) if c.is_uppercase())
        }
    }
}

/// The token that starts at byte `start` of `text` (a character boundary), with its end; no
/// kind for white space, whose end is then that of its character.
#[inline(always)]
fn token_at(text: &str, start: usize) -> (Option<TokenKind>, usize) {
    let bytes = text.as_bytes();
    match CLASS[usize::from(bytes[start])] {
        Class::Space | Class::Newline => (None, start + 1),
        Class::Letter => (Some(TokenKind::Word), word_end(text, start, start + 1)),
        Class::Digit => (Some(TokenKind::Number), number_end(bytes, start)),
        Class::Terminator | Class::Punct => (Some(TokenKind::Punct), start + 1),
        Class::Wide => wide_token_at(text, start),
    }
}

/// [`token_at`] for a character outside ASCII.
#[inline(never)]
fn wide_token_at(text: &str, start: usize) -> (Option<TokenKind>, usize) {
    let c = char_at(text, start).unwrap_or(char::REPLACEMENT_CHARACTER);
    let end = start + c.len_utf8();
    if c.is_whitespace() {
        (None, end)
    } else if c.is_alphanumeric() {
        (Some(TokenKind::Word), word_end(text, start, end))
    } else {
        (Some(TokenKind::Punct), end)
    }
}

/// The first token at or after byte `from`, past white space.
fn next_token(text: &str, mut from: usize) -> Option<(TokenKind, Span)> {
    while from < text.len() {
        match token_at(text, from) {
            (Some(kind), end) => return Some((kind, Span::new(from, end))),
            (None, end) => from = end,
        }
    }
    None
}

/// The character starting at byte `at` of `text` (a character boundary), if any.
fn char_at(text: &str, at: usize) -> Option<char> {
    text.get(at..).and_then(|rest| rest.chars().next())
}

/// The end of the number starting at byte `start`: digits, with `,` and `.` kept between digits.
#[inline(always)]
fn number_end(bytes: &[u8], start: usize) -> usize {
    let mut end = start + 1;
    while end < bytes.len() {
        let b = bytes[end];
        if b.is_ascii_digit() {
            end += 1;
        } else if (b == b',' || b == b'.') && bytes.get(end + 1).is_some_and(u8::is_ascii_digit) {
            end += 2;
        } else {
            break;
        }
    }
    end
}

/// The end of the word starting at byte `start` whose first character ends at `end`. Words keep
/// inner apostrophes, hyphens and periods between letters ("U.S.", "al-Kadhemi", "McKenzie's").
#[inline(always)]
fn word_end(text: &str, start: usize, end: usize) -> usize {
    word_end_past_run(text, start, ascii_word_run(text.as_bytes(), end))
}

/// [`word_end`] from the end `run` of the word's leading ASCII run.
#[inline(always)]
fn word_end_past_run(text: &str, start: usize, run: usize) -> usize {
    let bytes = text.as_bytes();
    // Most words end at a space or a comma; the joiners and other alphabets are read apart,
    // except for an ASCII joiner that no letter follows ("end." before a space), which ends the
    // word there as it would in `word_rest`.
    match bytes.get(run) {
        Some(&b) if WORD_GOES_ON[usize::from(b)] => {
            let ends_here = b.is_ascii()
                && bytes
                    .get(run + 1)
                    .is_none_or(|n| n.is_ascii() && !n.is_ascii_alphabetic());
            if ends_here {
                run
            } else {
                word_rest(text, start, run)
            }
        }
        _ => run,
    }
}

/// The end of the run of ASCII letters and digits from byte `at`: eight bytes at a time, each
/// eight told apart at once ([`word_bytes`]) and the run's end found by counting the word bytes
/// before the first other one, so that no branch depends on where a word ends (one per byte
/// would be mispredicted at nearly every word's end); byte by byte only near the text's end.
#[inline(always)]
fn ascii_word_run(bytes: &[u8], at: usize) -> usize {
    let mut run = at;
    while let Some(eight) = bytes.get(run..).and_then(<[u8]>::first_chunk::<8>) {
        let others = !word_bytes(u64::from_le_bytes(*eight)) & HIGH;
        if others != 0 {
            return run + (others.trailing_zeros() / 8) as usize;
        }
        run += 8;
    }
    while let Some(&b) = bytes.get(run) {
        if !ASCII_WORD[usize::from(b)] {
            break;
        }
        run += 1;
    }
    run
}

/// Every byte's high bit.
const HIGH: u64 = u64::from_le_bytes([0x80; 8]);

/// The high bit of each of eight bytes (little-endian in `x`) that is an ASCII letter or digit.
#[inline(always)]
fn word_bytes(x: u64) -> u64 {
    const ONES: u64 = u64::from_le_bytes([0x01; 8]);
    // The high bit of each byte of `x` at least `c` (below 0x80): no byte borrows from the
    // next, since each has its high bit set before `c` is taken away.
    let at_least = |x: u64, c: u8| ((x | HIGH) - ONES * u64::from(c)) & HIGH;
    let between = |x: u64, low: u8, high: u8| at_least(x, low) & !at_least(x, high + 1);
    // Setting the 0x20 bit makes capitals small letters and no other byte a letter.
    let letter = between(x | (ONES * 0x20), b'a', b'z');
    let digit = between(x, b'0', b'9');
    (letter | digit) & !x & HIGH
}

/// [`word_end`] from the first byte past the word's leading ASCII run that may continue it: a
/// joiner or a character outside ASCII.
#[inline(never)]
fn word_rest(text: &str, start: usize, mut end: usize) -> usize {
    let bytes = text.as_bytes();
    let mut dotted = false;
    loop {
        end = ascii_word_run(bytes, end);
        let Some(&b) = bytes.get(end) else { break };
        let joiner = if b.is_ascii() {
            if !matches!(b, b'\'' | b'-' | b'.') {
                break;
            }
            1
        } else {
            let Some(d) = char_at(text, end) else { break };
            if d.is_alphanumeric() {
                end += d.len_utf8();
                continue;
            }
            if d != '’' {
                break;
            }
            d.len_utf8()
        };
        // Joiner: keep only when a letter follows ("U.S", "al-Kadhemi", "don't").
        let letter_follows = match bytes.get(end + joiner) {
            Some(n) if n.is_ascii() => n.is_ascii_alphabetic(),
            Some(_) => char_at(text, end + joiner).is_some_and(char::is_alphabetic),
            None => false,
        };
        if letter_follows && (b != b'.' || is_abbreviation_dot(text, start, end)) {
            dotted |= b == b'.';
            end += joiner;
        } else {
            break;
        }
    }
    // "U.S." keeps its final period when the word is a dotted abbreviation.
    if dotted && bytes.get(end) == Some(&b'.') {
        end += 1;
    }
    end
}

/// A period inside a word joins only single letters ("U.S", "e.g"), not "end.Next".
fn is_abbreviation_dot(text: &str, word_start: usize, dot: usize) -> bool {
    let before = &text[word_start..dot];
    let last_part = before.rsplit('.').next().unwrap_or(before);
    last_part.chars().count() == 1
}

/// Whether a sentence can open after a terminator and its closers ending at byte `end`: white
/// space, then an upper-case letter, a digit or an opening quote or bracket.
fn opens_sentence(text: &str, end: usize) -> bool {
    // The common cases, ASCII white space (a space, or the line break after the last sentence
    // of a paragraph) and then an ASCII character or nothing, are read from the bytes.
    let bytes = text.as_bytes();
    let mut at = end;
    while let Some(&b) = bytes.get(at)
        && matches!(CLASS[usize::from(b)], Class::Space | Class::Newline)
    {
        at += 1;
    }
    match bytes.get(at) {
        None => return false,
        Some(&first) if first.is_ascii() => {
            return at > end
                && (first.is_ascii_uppercase()
                    || first.is_ascii_digit()
                    || matches!(first, b'"' | b'(' | b'['));
        }
        Some(_) => {}
    }
    let rest = text.get(end..).unwrap_or("");
    if !rest.starts_with(char::is_whitespace) {
        return false;
    }
    rest.trim_start().chars().next().is_some_and(|first| {
        first.is_uppercase()
            || first.is_ascii_digit()
            || matches!(first, '"' | '“' | '‘' | '(' | '[')
    })
}

/// Whether a word (with or without its final periods) is one of the [`ABBREVIATIONS`], in any
/// case.
fn is_abbreviation(word: &str) -> bool {
    if !word.is_ascii() {
        let lower = word.to_lowercase();
        return ABBREVIATIONS.contains(&lower.trim_end_matches('.'));
    }
    let mut bytes = word.as_bytes();
    while let [rest @ .., b'.'] = bytes {
        bytes = rest;
    }
    abbreviation_key(bytes).is_some_and(|key| ABBREVIATION_KEYS.binary_search(&key).is_ok())
}

/// Whether the period at `dot` follows the number token `day` and precedes an (English) month
/// name and a number, as in a German-style date ("16. Nov. 2016", "3. November 2016"): the period
/// belongs to the date. A year before a month ("in 2016. Nov. figures") is no day.
fn is_day_before_month(text: &str, day: Span, dot: Span) -> bool {
    let is_day = day.len() <= 2
        && day.end == dot.start
        && text[day.start..day.end]
            .parse::<u32>()
            .is_ok_and(|d| (1..=31).contains(&d));
    if !is_day {
        return false;
    }
    let Some((TokenKind::Word, month)) = next_token(text, dot.end) else {
        return false;
    };
    let month_text = text[month.start..month.end].trim_end_matches('.');
    if crate::extract::time::month_number(&month_text.to_lowercase()).is_none() {
        return false;
    }
    // The month's own period ("Nov."), then the year or time that completes the date.
    let mut next = next_token(text, month.end);
    if let Some((_, period)) =
        next.filter(|(_, t)| t.start == month.end && &text[t.start..t.end] == ".")
    {
        next = next_token(text, period.end);
    }
    next.is_some_and(|(kind, _)| kind == TokenKind::Number)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn source(text: &str) -> Source {
        Source::from_text("s", text)
    }

    #[test]
    fn eight_bytes_at_once_tell_word_bytes_as_the_table_does() {
        // Every byte value at every place among seven fixed neighbours.
        for b in 0..=255u8 {
            for place in 0..8 {
                let mut eight = *b"aZ09-\xff.~";
                eight[place] = b;
                let got = word_bytes(u64::from_le_bytes(eight));
                for (i, &byte) in eight.iter().enumerate() {
                    let high = got >> (8 * i + 7) & 1 == 1;
                    assert_eq!(high, ASCII_WORD[usize::from(byte)], "byte {byte:#x} at {i}");
                }
            }
        }
    }

    #[test]
    fn word_runs_end_where_the_first_other_byte_stands() {
        let text = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
        for len in 0..=text.len() {
            for stop in [" ", ".", "\u{e9}", "-x"] {
                let s = format!("{}{stop}tail", &text[..len]);
                for at in 0..=len {
                    assert_eq!(ascii_word_run(s.as_bytes(), at), len, "{s:?} from {at}");
                }
            }
            // At the very end of the text.
            assert_eq!(ascii_word_run(&text.as_bytes()[..len], 0), len);
        }
    }

    fn sentences(text: &str) -> Vec<String> {
        let src = source(text);
        let doc = segment(&src);
        doc.sentences
            .iter()
            .map(|s| src.slice(s.span).to_string())
            .collect()
    }

    fn tokens(text: &str) -> Vec<String> {
        let src = source(text);
        let doc = segment(&src);
        doc.tokens
            .iter()
            .map(|t| doc.token_text(t).to_string())
            .collect()
    }

    #[test]
    fn abbreviations_and_decimals_do_not_end_sentences() {
        let s = sentences(
            "Gen. McKenzie met Mr. Smith in the U.S. on Tuesday. It cost 1.5 million dollars. Done!",
        );
        assert_eq!(
            s,
            vec![
                "Gen. McKenzie met Mr. Smith in the U.S. on Tuesday.",
                "It cost 1.5 million dollars.",
                "Done!"
            ]
        );
    }

    #[test]
    fn closing_quote_stays_with_its_sentence() {
        let s = sentences("\"The journey has been difficult.\" The general said so. He left.");
        assert_eq!(
            s,
            vec![
                "\"The journey has been difficult.\"",
                "The general said so.",
                "He left."
            ]
        );
    }

    #[test]
    fn line_breaks_end_sentences_and_blank_lines_paragraphs() {
        let src = source("Headline without period\nFirst line. Second.\n\nNew paragraph.");
        let doc = segment(&src);
        let paragraphs: Vec<usize> = doc.sentences.iter().map(|s| s.paragraph).collect();
        assert_eq!(paragraphs, vec![0, 0, 0, 1]);
    }

    #[test]
    fn tokens_keep_numbers_and_dotted_words_whole() {
        assert_eq!(
            tokens("The U.S. cut 5,200 troops to 3,000.5 in al-Kadhemi's Iraq."),
            vec![
                "The",
                "U.S.",
                "cut",
                "5,200",
                "troops",
                "to",
                "3,000.5",
                "in",
                "al-Kadhemi's",
                "Iraq",
                "."
            ]
        );
    }

    #[test]
    fn a_day_before_a_month_keeps_its_period() {
        assert_eq!(
            sentences("The summit opened on 16. Nov. 2016 in Lima. Leaders met."),
            vec![
                "The summit opened on 16. Nov. 2016 in Lima.",
                "Leaders met."
            ]
        );
        assert_eq!(
            sentences("It began 3. November 2016 and ended soon."),
            vec!["It began 3. November 2016 and ended soon."]
        );
        // A year, a number past 31, or a month with no number after it still ends the sentence.
        assert_eq!(
            sentences("Sales fell in 2016. Nov. figures were weaker."),
            vec!["Sales fell in 2016.", "Nov. figures were weaker."]
        );
        assert_eq!(
            sentences("The team placed 3. Nov. results follow."),
            vec!["The team placed 3.", "Nov. results follow."]
        );
        assert_eq!(
            sentences("They counted 45. May 2016 was worse."),
            vec!["They counted 45.", "May 2016 was worse."]
        );
    }

    #[test]
    fn words_numbers_and_punctuation_outside_ascii() {
        assert_eq!(
            tokens("Ünal’s café—2,5 km\u{a0}Zürich’s «Umbau» e.g. x."),
            vec![
                "Ünal’s",
                "café",
                "—",
                "2,5",
                "km",
                "Zürich’s",
                "«",
                "Umbau",
                "»",
                "e.g.",
                "x",
                "."
            ]
        );
    }

    #[test]
    fn a_joiner_without_a_letter_after_it_ends_the_word() {
        assert_eq!(
            tokens("well- known rock' n. Ünal- x\nU.S"),
            vec![
                "well", "-", "known", "rock", "'", "n", ".", "Ünal", "-", "x", "U.S"
            ]
        );
        assert_eq!(tokens("end."), vec!["end", "."]);
        assert_eq!(tokens("end-"), vec!["end", "-"]);
        assert_eq!(tokens("in-één"), vec!["in-één"]);
    }

    #[test]
    fn every_token_is_inside_its_sentence() {
        let src = source("One. \"Two,\" he said. Three?\nFour");
        let doc = segment(&src);
        for t in &doc.tokens {
            assert!(
                doc.sentences[t.sentence].span.contains(t.span),
                "{:?}",
                doc.token_text(t)
            );
        }
    }

    #[test]
    fn abbreviations_match_in_any_case_and_other_words_do_not() {
        assert_eq!(
            sentences("GEN. Smith met SEPT. 5 aides. Stop. Gens. Left."),
            vec!["GEN. Smith met SEPT. 5 aides.", "Stop.", "Gens.", "Left."]
        );
    }

    #[test]
    fn a_source_segmented_into_the_lists_of_another_reads_as_on_its_own() {
        let long = source("A first source. It is longer than the next one, by far.\n\nSo it is.");
        let short = source("Short one.\nTwo");
        let spare = Spare::from_document(segment(&long));
        let reused = segment_into(&short, spare);
        let fresh = segment(&short);
        assert_eq!(reused.tokens, fresh.tokens);
        assert_eq!(reused.sentences, fresh.sentences);
    }

    #[test]
    fn sentences_open_after_white_space_of_any_kind() {
        assert_eq!(
            sentences("One ended.\n  Two began. three did not.\u{a0}“Four” did.\tFive. 6 too."),
            vec![
                "One ended.",
                "Two began. three did not.",
                "“Four” did.",
                "Five.",
                "6 too."
            ]
        );
        assert_eq!(sentences("Last one.   "), vec!["Last one."]);
    }

    #[test]
    fn white_space_outside_ascii_separates_tokens_and_opens_sentences() {
        assert_eq!(tokens("one\u{a0}two\u{2003}3"), vec!["one", "two", "3"]);
        assert_eq!(
            sentences("It ended.\u{a0}Then it began."),
            vec!["It ended.", "Then it began."]
        );
    }
}

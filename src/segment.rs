//! Segment: a source's body into sentences and tokens, with byte spans.
//!
//! Takes a [`Source`]; gives a [`Document`]: sentences (with the paragraph each belongs to) and
//! tokens (words, numbers, punctuation). One pass over the text, ASCII byte by byte. A period does
//! not end a sentence after a known abbreviation ("Gen.", "U.S.", "Mr.", "Sept."), an initial
//! ("L. A"), a day before a month and a number ("16. Nov. 2016"), or inside a number ("1.5"); a
//! sentence ends at `.`, `!` or `?` (with closing quotes and brackets) followed by
//! space and an upper-case letter, digit or opening quote, and always at a line break, since
//! scraped articles put one paragraph or heading per line.

use crate::model::{Document, Sentence, Source, Span, Token, TokenKind};

/// Abbreviations (lower-case, without the final period) after which a period does not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "adm", "apr", "aug", "capt", "cmdr", "co", "col", "corp", "cpl", "dec", "dept", "dr", "e.g",
    "est", "etc", "feb", "fig", "fr", "gen", "gov", "i.e", "inc", "jan", "jr", "jul", "jun", "lt",
    "ltd", "maj", "mar", "mr", "mrs", "ms", "mt", "no", "nov", "oct", "prof", "rep", "rev", "sen",
    "sep", "sept", "sgt", "sr", "st", "u.k", "u.n", "u.s", "u.s.a", "vs", "a.m", "p.m", "d.c",
    "calif", "mass", "pa", "va", "wash", "ft", "approx",
];

/// Segments the body of `source`.
pub fn segment(source: &Source) -> Document<'_> {
    let text = &source.text;
    let tokens_raw = tokenize(text, source.body_start);
    let sentences = split_sentences(text, source.body_start, &tokens_raw);
    let mut tokens = tokens_raw;
    let next_start = |s: usize| sentences.get(s + 1).map_or(usize::MAX, |n| n.span.start);
    let (mut s, mut next) = (0, next_start(0));
    for token in &mut tokens {
        while token.span.start >= next {
            s += 1;
            next = next_start(s);
        }
        token.sentence = s;
    }
    Document {
        source,
        sentences,
        tokens,
    }
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// The character starting at byte `at` of `text` (a character boundary), if any.
fn char_at(text: &str, at: usize) -> Option<char> {
    text.get(at..).and_then(|rest| rest.chars().next())
}

/// Splits `text[from..]` into tokens. Words keep inner apostrophes, hyphens and periods between
/// letters ("U.S.", "al-Kadhemi", "McKenzie's"); numbers keep inner `,` and `.` between digits.
/// ASCII is read byte by byte; other characters are decoded where they stand.
fn tokenize(text: &str, from: usize) -> Vec<Token> {
    // News prose averages a token per five to six bytes.
    let mut tokens = Vec::with_capacity((text.len() - from) / 5);
    let bytes = text.as_bytes();
    let mut pos = from;
    while pos < bytes.len() {
        let start = pos;
        let b = bytes[pos];
        let (kind, end) = if b.is_ascii() {
            match b {
                // The ASCII characters `char::is_whitespace` accepts.
                b' ' | b'\t' | b'\n' | b'\r' | 0x0B | 0x0C => {
                    pos += 1;
                    continue;
                }
                b'0'..=b'9' => (TokenKind::Number, number_end(bytes, start)),
                b'a'..=b'z' | b'A'..=b'Z' => (TokenKind::Word, word_end(text, start, start + 1)),
                _ => (TokenKind::Punct, start + 1),
            }
        } else {
            let Some(c) = char_at(text, pos) else { break };
            if c.is_whitespace() {
                pos += c.len_utf8();
                continue;
            }
            if is_word_char(c) {
                (TokenKind::Word, word_end(text, start, start + c.len_utf8()))
            } else {
                (TokenKind::Punct, start + c.len_utf8())
            }
        };
        tokens.push(Token {
            span: Span::new(start, end),
            kind,
            sentence: 0,
        });
        pos = end;
    }
    tokens
}

/// The end of the number starting at byte `start`: digits, with `,` and `.` kept between digits.
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

/// Which bytes are ASCII letters and digits (one table look-up per byte of a word).
static ASCII_WORD: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = (b as u8).is_ascii_alphanumeric();
        b += 1;
    }
    table
};

/// The end of the word starting at byte `start` whose first character ends at `end`.
fn word_end(text: &str, start: usize, mut end: usize) -> usize {
    let bytes = text.as_bytes();
    loop {
        // ASCII letters and digits byte by byte; anything else as a char.
        while let Some(&b) = bytes.get(end) {
            if !ASCII_WORD[usize::from(b)] {
                break;
            }
            end += 1;
        }
        let Some(&b) = bytes.get(end) else { break };
        let joiner = if b.is_ascii() {
            if !matches!(b, b'\'' | b'-' | b'.') {
                break;
            }
            1
        } else {
            let Some(d) = char_at(text, end) else { break };
            if is_word_char(d) {
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
            end += joiner;
        } else {
            break;
        }
    }
    // "U.S." keeps its final period when the word is a dotted abbreviation.
    if bytes.get(end) == Some(&b'.') && bytes[start..end].contains(&b'.') {
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

fn split_sentences(text: &str, from: usize, tokens: &[Token]) -> Vec<Sentence> {
    let mut sentences = Vec::new();
    let mut paragraph = 0;
    let mut start: Option<usize> = None;
    let mut last_end = from;
    let mut skip_to = 0;
    let push = |sentences: &mut Vec<Sentence>, s: usize, e: usize, paragraph: usize| {
        if e > s {
            sentences.push(Sentence {
                span: Span::new(s, e),
                paragraph,
            });
        }
    };
    for (i, token) in tokens.iter().enumerate() {
        if token.span.start < skip_to {
            continue;
        }
        // Line breaks between tokens end a sentence; a blank line also ends a paragraph.
        let gap = &text.as_bytes()[last_end..token.span.start];
        let newlines = gap.iter().filter(|&&b| b == b'\n').count();
        if newlines > 0 {
            if let Some(s) = start.take() {
                push(&mut sentences, s, last_end, paragraph);
            }
            if newlines > 1 && !sentences.is_empty() {
                paragraph += 1;
            }
        }
        if start.is_none() {
            start = Some(token.span.start);
        }
        last_end = token.span.end;
        if token.kind == TokenKind::Punct && ends_sentence(text, tokens, i) {
            // Swallow closing quotes and brackets right after the terminator.
            let mut end = token.span.end;
            let mut j = i + 1;
            while j < tokens.len()
                && tokens[j].span.start == end
                && matches!(
                    &text[tokens[j].span.start..tokens[j].span.end],
                    "\"" | "”" | "’" | "'" | ")" | "]"
                )
            {
                end = tokens[j].span.end;
                j += 1;
            }
            if j < tokens.len() && starts_sentence(text, &tokens[j]) {
                push(
                    &mut sentences,
                    start.take().unwrap_or(token.span.start),
                    end,
                    paragraph,
                );
                skip_to = end;
                last_end = end;
            }
        }
    }
    if let Some(s) = start {
        push(&mut sentences, s, last_end, paragraph);
    }
    sentences
}

/// Whether the punctuation token `i` (`.`, `!`, `?`) can end a sentence.
fn ends_sentence(text: &str, tokens: &[Token], i: usize) -> bool {
    let t = &text[tokens[i].span.start..tokens[i].span.end];
    if !matches!(t, "." | "!" | "?") {
        return false;
    }
    if t != "." || i == 0 {
        return true;
    }
    if is_day_before_month(text, tokens, i) {
        return false;
    }
    let prev = &tokens[i - 1];
    if prev.span.end != tokens[i].span.start || prev.kind != TokenKind::Word {
        return true;
    }
    let word = &text[prev.span.start..prev.span.end];
    if is_abbreviation(word) {
        return false;
    }
    // A single capital letter is an initial ("L. A Superior Court").
    let mut chars = text[prev.span.start..prev.span.end].chars();
    !(matches!((chars.next(), chars.next()), (Some(c), None) if c.is_uppercase()))
}

/// Whether a word (with or without its final periods) is one of the [`ABBREVIATIONS`], in any
/// case.
fn is_abbreviation(word: &str) -> bool {
    if !word.is_ascii() {
        let lower = word.to_lowercase();
        return ABBREVIATIONS.contains(&lower.trim_end_matches('.'));
    }
    let word = word.trim_end_matches('.');
    ABBREVIATIONS
        .iter()
        .any(|a| a.len() == word.len() && a.eq_ignore_ascii_case(word))
}

/// Whether the period token `i` follows a day number and precedes an (English) month name and a
/// number, as in a German-style date ("16. Nov. 2016", "3. November 2016"): the period belongs to
/// the date. A year before a month ("in 2016. Nov. figures") is no day.
fn is_day_before_month(text: &str, tokens: &[Token], i: usize) -> bool {
    let day = &tokens[i - 1];
    if day.kind != TokenKind::Number || day.span.len() > 2 {
        return false;
    }
    let is_day = day.span.end == tokens[i].span.start
        && text[day.span.start..day.span.end]
            .parse::<u32>()
            .is_ok_and(|d| (1..=31).contains(&d));
    let Some(month) = tokens
        .get(i + 1)
        .filter(|t| is_day && t.kind == TokenKind::Word)
    else {
        return false;
    };
    let month_text = text[month.span.start..month.span.end].trim_end_matches('.');
    if crate::extract::time::month_number(&month_text.to_lowercase()).is_none() {
        return false;
    }
    // The month's own period ("Nov."), then the year or time that completes the date.
    let mut next = i + 2;
    if tokens
        .get(next)
        .is_some_and(|t| t.span.start == month.span.end && &text[t.span.start..t.span.end] == ".")
    {
        next += 1;
    }
    tokens
        .get(next)
        .is_some_and(|t| t.kind == TokenKind::Number)
}

/// Whether a token can open a sentence after a terminator.
fn starts_sentence(text: &str, token: &Token) -> bool {
    let first = text[token.span.start..].chars().next().unwrap_or(' ');
    let after_space =
        token.span.start > 0 && text[..token.span.start].ends_with(char::is_whitespace);
    after_space
        && (first.is_uppercase()
            || first.is_ascii_digit()
            || matches!(first, '"' | '“' | '‘' | '(' | '['))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn source(text: &str) -> Source {
        Source::from_text("s", text)
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
}

//! Quotes: quoted text with its speaker.
//!
//! Takes a [`Document`] with its tokens' word numbers (see [`super::vocabulary`]), its named
//! mentions and the person entity claims; gives one quote claim
//! per pair of double quotes (“curly” or "straight") within a paragraph (a quote may span up to
//! four sentences). The claim's span is the inner text without the marks (and without a trailing
//! comma); a one-word scare quote is kept only when attributed.
//!
//! The speaker comes from the text after the closing mark up to the end of its sentence (or a
//! short next sentence when the quote ends its own: `"…." The general said.`), else from the text
//! before the opening mark in its sentence. Patterns: `said General X`, `X said`, `the general
//! said`, `X told reporters "…"`, `X said the US was committed to its "…"`, `according to X`, and
//! `he`/`she said` (the last person mentioned before). "The general" resolves to the most recent
//! person whose title (or role) ends with that noun; surnames already resolve to full names in the
//! mentions. An attribution that cannot be resolved keeps `speaker_text` with no `speaker`.

use std::borrow::Cow;

use aho_corasick::{AhoCorasick, Input};

use crate::extract::entity::{
    SPEECH_VERBS, ShapeTable, add_word, end_lexemes, is_title_noun, lexeme_bits, lower_case,
    speech_verbs, title_nouns, title_words,
};
use crate::extract::vocabulary::{UNREAD, Vocabulary, WordId};
use crate::model::{
    Claim, ClaimDetail, Document, EntityType, Mention, MentionCategory, Quote, Span, TokenKind,
};

/// Words that may stand between a speaker and the speech verb ("X said Wednesday", "X has said").
const BETWEEN_SPEAKER_AND_VERB: &[&str] = &[
    "also",
    "has",
    "had",
    "have",
    "later",
    "then",
    "previously",
    "earlier",
    "again",
    "once",
    "today",
    "yesterday",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "on",
];

/// The most tokens read for an attribution on either side of a quotation.
const WINDOW: usize = 40;

/// The most sentences one quotation may span.
const MAX_QUOTE_SENTENCES: usize = 4;

/// The quote extractor: it finds the quote marks with one small automaton, then walks the tokens
/// around each quotation.
#[derive(Debug)]
pub struct QuoteExtractor {
    /// The three quote marks (" “ ”), found by the automaton's start-byte search.
    marks: AhoCorasick,
    /// The speech verbs ([`crate::extract::entity::SPEECH_VERBS`]): every word around a
    /// quotation is looked up.
    speech_verbs: ShapeTable<()>,
    /// Indexed by [`WordId`]: what the speaker search knows of each word it added to the
    /// vocabulary ([`lexeme`] bits; 0 for any other word). Tokens the vocabulary does not read
    /// ([`UNREAD`]) are compared in lower case instead. Ended by [`end_lexemes`].
    lexemes: Box<[u16]>,
}

/// What the speaker search knows of a word of the vocabulary (case folded), as bits.
mod lexeme {
    /// One of the speech verbs.
    pub const SPEECH: u16 = 1;
    /// "according".
    pub const ACCORDING: u16 = 1 << 1;
    /// "to".
    pub const TO: u16 = 1 << 2;
    /// One of [`super::BETWEEN_SPEAKER_AND_VERB`].
    pub const BETWEEN: u16 = 1 << 3;
    /// "he" or "she".
    pub const PRONOUN: u16 = 1 << 4;
    /// "the".
    pub const THE: u16 = 1 << 5;
    /// The head noun of a title ([`crate::extract::entity::is_title_noun`]).
    pub const TITLE_NOUN: u16 = 1 << 6;
}

/// The people of one document, in mention order, with what the resolver needs to know of them.
struct Speakers<'a> {
    doc: &'a Document<'a>,
    /// The tokens' words.
    ids: &'a [WordId],
    /// The extractor's [`QuoteExtractor::lexemes`].
    lexemes: &'a [u16],
    speech_verbs: &'a ShapeTable<()>,
    /// Person mentions in text order.
    persons: Vec<&'a Mention>,
    /// The document's entity claims (person claims give titles and roles, read only for "the
    /// general").
    people: &'a [Claim],
}

impl QuoteExtractor {
    /// # Panics
    /// Never in practice: three one-character patterns always build.
    pub fn new(vocabulary: &mut Vocabulary) -> QuoteExtractor {
        let mut lexemes = Vec::new();
        let lists: [(&[&str], u16); 6] = [
            (SPEECH_VERBS, lexeme::SPEECH),
            (&["according"], lexeme::ACCORDING),
            (&["to"], lexeme::TO),
            (BETWEEN_SPEAKER_AND_VERB, lexeme::BETWEEN),
            (&["he", "she"], lexeme::PRONOUN),
            (&["the"], lexeme::THE),
        ];
        for (list, bits) in lists {
            for w in list {
                add_word(&mut lexemes, vocabulary, w, bits);
            }
        }
        for noun in title_nouns() {
            add_word(&mut lexemes, vocabulary, &noun, lexeme::TITLE_NOUN);
        }
        QuoteExtractor {
            marks: AhoCorasick::new(["\"", "“", "”"]).expect("the quote-mark automaton builds"),
            speech_verbs: speech_verbs(),
            lexemes: end_lexemes(lexemes),
        }
    }

    /// Quote claims of `doc`; `mentions` are its named mentions and `people` its entity claims
    /// (only person claims are read, for their titles and roles).
    pub(crate) fn extract(
        &self,
        doc: &Document,
        source: usize,
        mentions: &[Mention],
        people: &[Claim],
        ids: &[WordId],
    ) -> Vec<Claim> {
        let speakers = Speakers {
            doc,
            ids,
            lexemes: &self.lexemes,
            speech_verbs: &self.speech_verbs,
            persons: mentions
                .iter()
                .filter(|m| m.category == MentionCategory::Person)
                .collect(),
            people,
        };
        let text = doc.text();
        let tokens = &doc.tokens;
        let pairs = self.quote_pairs(doc);
        let mut claims = Vec::with_capacity(pairs.len());
        // The quotations come in text order: the tokens before each mark are counted on from the
        // count at the last one.
        let mut counted = 0;
        for pair in pairs {
            let QuotePair { open, close, .. } = pair;
            let Some(inner) = inner_span(text, open.end, close.start) else {
                continue;
            };
            counted = count_from(tokens, counted, |t| t.span.end <= open.start);
            let before_open = counted;
            counted = count_from(tokens, counted, |t| t.span.start < close.end);
            let after_close = counted;
            let found = speakers
                .after_close(close, after_close, pair.close_sentence)
                .or_else(|| speakers.before_open(open, before_open, pair.open_sentence));
            let (speaker, speaker_text) = match found {
                Some((s, t)) => (s, Some(t)),
                None => (None, None),
            };
            // A one-word scare quote is kept only when attributed.
            if speaker_text.is_none()
                && text[inner.start..inner.end]
                    .split_whitespace()
                    .nth(1)
                    .is_none()
            {
                continue;
            }
            let sentence = pair.open_sentence;
            let quote = Quote {
                speaker,
                speaker_text,
            };
            claims.push(Claim::new(
                source,
                &text[inner.start..inner.end],
                inner,
                sentence,
                ClaimDetail::Quote(quote),
            ));
        }
        claims
    }
}

/// The marks of one quotation and the sentences they are in.
#[derive(Clone, Copy)]
struct QuotePair {
    open: Span,
    close: Span,
    open_sentence: usize,
    close_sentence: usize,
}

/// The number of leading `items` that `before` holds for (it holds for a prefix of them: the
/// partition point), found by walking from `from`, a count near it (a forward walk from quote to
/// quote instead of a binary search per mark).
fn count_from<T>(items: &[T], from: usize, before: impl Fn(&T) -> bool) -> usize {
    const STRIDE: usize = 8;
    let mut k = from.min(items.len());
    // Eight items a step while the eighth is before, then one at a time.
    while k + STRIDE <= items.len() && before(&items[k + STRIDE - 1]) {
        k += STRIDE;
    }
    while k < items.len() && before(&items[k]) {
        k += 1;
    }
    while k > 0 && !before(&items[k - 1]) {
        k -= 1;
    }
    k
}

impl QuoteExtractor {
    /// The opening and closing marks of each quotation, in text order. Marks pair within a
    /// paragraph; “ opens and ” closes; a straight `"` opens or closes by turns.
    fn quote_pairs(&self, doc: &Document) -> Vec<QuotePair> {
        let text = doc.text();
        let sentences = &doc.sentences;
        let mut pairs = Vec::new();
        let (Some(first), Some(last)) = (sentences.first(), sentences.last()) else {
            return pairs;
        };
        // One search over the text; the marks are read paragraph by paragraph (sentences `s..=e`
        // from `start` to `end`), those between paragraphs skipped.
        let paragraph = |s: usize| {
            let mut e = s;
            while e + 1 < sentences.len() && sentences[e + 1].paragraph == sentences[s].paragraph {
                e += 1;
            }
            (e, sentences[s].span.start, sentences[e].span.end)
        };
        let (mut e, mut start, mut end) = paragraph(0);
        // The open mark and its sentence.
        let mut open: Option<(Span, usize)> = None;
        // The sentences starting at or before the last mark (the marks come in text order).
        let mut counted = 0;
        let range = first.span.start..last.span.end;
        for m in self.marks.find_iter(Input::new(text).range(range)) {
            while m.start() >= end && e + 1 < sentences.len() {
                (e, start, end) = paragraph(e + 1);
                open = None;
            }
            if m.start() < start || m.start() >= end {
                continue;
            }
            let mark = Span::new(m.start(), m.end());
            // [`Document::sentence_at`] the mark.
            counted = count_from(sentences, counted, |x| x.span.start <= mark.start);
            let sentence = counted.saturating_sub(1);
            let straight = m.pattern().as_usize() == 0;
            let opening = m.pattern().as_usize() == 1;
            match open {
                _ if opening => open = Some((mark, sentence)),
                None if straight => open = Some((mark, sentence)),
                None => {}
                Some((o, open_sentence)) => {
                    if sentence - open_sentence < MAX_QUOTE_SENTENCES {
                        pairs.push(QuotePair {
                            open: o,
                            close: mark,
                            open_sentence,
                            close_sentence: sentence,
                        });
                        open = None;
                    } else if straight {
                        open = Some((mark, sentence));
                    } else {
                        open = None;
                    }
                }
            }
        }
        pairs
    }
}

/// The quoted text between the marks, without surrounding spaces or a trailing comma.
fn inner_span(text: &str, start: usize, end: usize) -> Option<Span> {
    let inner = &text[start..end];
    let trimmed_start = inner.len() - inner.trim_start().len();
    let trimmed = inner.trim().trim_end_matches(',').trim_end();
    (!trimmed.is_empty())
        .then(|| Span::new(start + trimmed_start, start + trimmed_start + trimmed.len()))
}

impl Speakers<'_> {
    fn word(&self, k: usize) -> Option<&str> {
        self.doc
            .tokens
            .get(k)
            .filter(|t| t.kind == TokenKind::Word)
            .map(|t| self.doc.token_text(t))
    }

    fn lower(&self, k: usize) -> Option<Cow<'_, str>> {
        self.word(k).map(lower_case)
    }

    /// Whether token `k` is a word that `bit` ([`lexeme`]) stands for, in any case: by its
    /// number, or when the vocabulary does not read it, by `is` of it in lower case.
    #[inline]
    fn is(&self, k: usize, bit: u16, is: impl Fn(&str) -> bool) -> bool {
        let Some(word) = self.word(k) else {
            return false;
        };
        match self.ids[k] {
            UNREAD => is(lower_case(word).as_ref()),
            id => lexeme_bits(self.lexemes, id) & bit != 0,
        }
    }

    /// The speaker named after the closing mark, in its sentence `s` or a short next one;
    /// `from` is the first token after the mark. The windows are walked to from there (at most
    /// [`WINDOW`] tokens), not searched for.
    fn after_close(&self, close: Span, from: usize, s: usize) -> Option<(Option<String>, String)> {
        let doc = self.doc;
        let tokens = &doc.tokens;
        // The end of sentence `s` (or `from + WINDOW` when sooner): a token's sentence only grows.
        let limit = (from + WINDOW).min(tokens.len());
        let to = if from > 0 && tokens[from - 1].sentence > s {
            tokens.partition_point(|t| t.sentence <= s)
        } else {
            from + tokens[from..limit]
                .iter()
                .take_while(|t| t.sentence <= s)
                .count()
        };
        let has_words = tokens[from.min(to)..to]
            .iter()
            .any(|t| t.kind == TokenKind::Word);
        if has_words {
            return self.in_window(from, to, close.start);
        }
        let next = s + 1;
        if next >= doc.sentences.len()
            || doc.sentences[next].paragraph != doc.sentences[s].paragraph
        {
            return None;
        }
        // At most eight tokens of the next sentence.
        let b = to
            + tokens[to..]
                .iter()
                .take(9)
                .take_while(|t| t.sentence <= next)
                .count();
        if b - to > 8 {
            return None;
        }
        self.in_window(to, b, close.start)
    }

    /// The speaker named before the opening mark in its sentence `s`; `to` is the number of
    /// tokens before the mark (the window is walked back from there, at most [`WINDOW`] tokens).
    fn before_open(&self, open: Span, to: usize, s: usize) -> Option<(Option<String>, String)> {
        let tokens = &self.doc.tokens;
        let lowest = to.saturating_sub(WINDOW);
        let mut from = to;
        while from > lowest && tokens[from - 1].sentence >= s {
            from -= 1;
        }
        self.in_window(from, to, open.start)
    }

    /// A speaker attributed by a speech verb in tokens `[a, b)`; `quote` is where the quote starts
    /// (pronouns refer to the last person mentioned before it).
    fn in_window(&self, a: usize, b: usize, quote: usize) -> Option<(Option<String>, String)> {
        let tokens = &self.doc.tokens;
        for (v, t) in tokens.iter().enumerate().take(b).skip(a) {
            let word = t.kind == TokenKind::Word;
            // Words the vocabulary reads by their number (no text read; a token that is no word
            // reads as no lexeme, without a branch on its kind: most of a window's tokens are
            // turned away by one seldom-taken branch); other ASCII words are compared without
            // case, others in lower case.
            let (according, speech) = if self.ids[v] != UNREAD {
                let l = lexeme_bits(self.lexemes, self.ids[v]) * u16::from(word);
                if l & (lexeme::ACCORDING | lexeme::SPEECH) == 0 {
                    continue;
                }
                (l & lexeme::ACCORDING != 0, l & lexeme::SPEECH != 0)
            } else if !word {
                continue;
            } else if let Some(word) = self.word(v)
                && word.is_ascii()
            {
                (
                    word.eq_ignore_ascii_case("according"),
                    self.speech_verbs
                        .get_ignoring_case(word.as_bytes())
                        .is_some(),
                )
            } else {
                let w = self.lower(v).unwrap_or_default();
                (
                    w == "according",
                    self.speech_verbs.get(w.as_bytes()).is_some(),
                )
            };
            if according && self.is(v + 1, lexeme::TO, |w| w == "to") && v + 2 < b {
                if let Some(found) = self.named_at(v + 2, quote) {
                    return Some(found);
                }
                continue;
            }
            if !speech {
                continue;
            }
            if v + 1 < b
                && let Some(found) = self.named_at(v + 1, quote)
            {
                return Some(found);
            }
            let mut u = v;
            while u > a
                && u + 3 > v
                && self.is(u - 1, lexeme::BETWEEN, |x| {
                    BETWEEN_SPEAKER_AND_VERB.contains(&x)
                })
            {
                u -= 1;
            }
            if u > a
                && let Some(found) = self.named_before(a, u, quote)
            {
                return Some(found);
            }
            // "General X, head of Y, told reporters": the nearest person before the verb.
            let end = self.doc.tokens[v].span.start;
            let start = self.doc.tokens[a].span.start;
            let i = self.persons.partition_point(|m| m.span.end <= end);
            if i > 0 && self.persons[i - 1].span.start >= start {
                let m = self.persons[i - 1];
                return Some((
                    Some(m.canonical.clone()),
                    self.doc.text()[m.span.start..m.span.end].to_string(),
                ));
            }
        }
        None
    }

    /// A speaker starting at token `k`: a person mention, "the general", or a pronoun.
    fn named_at(&self, k: usize, quote: usize) -> Option<(Option<String>, String)> {
        let t = self.doc.tokens.get(k)?;
        let i = self
            .persons
            .partition_point(|m| m.span.start < t.span.start);
        if let Some(m) = self.persons.get(i).filter(|m| m.span.start == t.span.start) {
            return Some((
                Some(m.canonical.clone()),
                self.doc.text()[m.span.start..m.span.end].to_string(),
            ));
        }
        if self.is(k, lexeme::PRONOUN, |w| matches!(w, "he" | "she")) {
            return Some(self.pronoun(k, quote));
        }
        if self.is(k, lexeme::THE, |w| w == "the") {
            let mut words = Vec::new();
            let mut j = k + 1;
            while words.len() < 2
                && self
                    .word(j)
                    .is_some_and(|x| x.starts_with(char::is_lowercase))
            {
                words.push(self.lower(j)?.into_owned());
                j += 1;
            }
            while !words.is_empty() {
                if is_title_noun(words.last()?) {
                    return Some(self.title_reference(k, j, &words, quote));
                }
                words.pop();
                j -= 1;
            }
        }
        None
    }

    /// A speaker ending right before token `u` (at or after token `a`).
    fn named_before(&self, a: usize, u: usize, quote: usize) -> Option<(Option<String>, String)> {
        let doc = self.doc;
        let last = doc.tokens.get(u - 1)?;
        let i = self.persons.partition_point(|m| m.span.end < last.span.end);
        if let Some(m) = self.persons.get(i).filter(|m| m.span.end == last.span.end) {
            return Some((
                Some(m.canonical.clone()),
                doc.text()[m.span.start..m.span.end].to_string(),
            ));
        }
        if self.is(u - 1, lexeme::PRONOUN, |w| matches!(w, "he" | "she")) {
            return Some(self.pronoun(u - 1, quote));
        }
        // "the general", "the prime minister" ending before the verb (a word with a period is
        // read as written: the noun is the word without it).
        let noun = match self.word(u - 1) {
            Some(w) if w.ends_with('.') => is_title_noun(&lower_case(w)),
            Some(_) => self.is(u - 1, lexeme::TITLE_NOUN, is_title_noun),
            None => false,
        };
        if !noun {
            return None;
        }
        for the in (a..u - 1).rev().take(2) {
            if self.is(the, lexeme::THE, |w| w == "the") {
                let words: Vec<String> = (the + 1..u)
                    .filter_map(|j| self.lower(j).map(Cow::into_owned))
                    .collect();
                if words.iter().all(|x| x.starts_with(char::is_lowercase)) {
                    return Some(self.title_reference(the, u, &words, quote));
                }
            }
        }
        None
    }

    /// "he"/"she" at token `k`: the last person mentioned before it and before the quote.
    fn pronoun(&self, k: usize, quote: usize) -> (Option<String>, String) {
        let at = self.doc.tokens[k].span.start.min(quote);
        let i = self.persons.partition_point(|m| m.span.start < at);
        let speaker = i.checked_sub(1).map(|i| self.persons[i].canonical.clone());
        (
            speaker,
            self.doc.token_text(&self.doc.tokens[k]).to_string(),
        )
    }

    /// "the general" over tokens `[from, to)`: the most recent person before the quote whose title
    /// ends with these words, or whose role names the noun.
    fn title_reference(
        &self,
        from: usize,
        to: usize,
        words: &[String],
        quote: usize,
    ) -> (Option<String>, String) {
        let doc = self.doc;
        let written =
            doc.text()[doc.tokens[from].span.start..doc.tokens[to - 1].span.end].to_string();
        let reference: Vec<String> = words.iter().flat_map(|w| title_words(w)).collect();
        let noun = reference.last().cloned().unwrap_or_default();
        let before = self.persons.partition_point(|m| m.span.start < quote);
        let speaker = self.persons[..before].iter().rev().find_map(|m| {
            let (title, role) = self.title_and_role(&m.canonical)?;
            let by_title = title.ends_with(&reference);
            let by_role = role
                .split(|c: char| !c.is_alphanumeric())
                .any(|w| w == noun);
            (by_title || by_role).then(|| m.canonical.clone())
        });
        (speaker, written)
    }

    /// The title (as full lower-case words) and role (in lower case) of the person claimed by
    /// `name` (the last claim of that name).
    fn title_and_role(&self, name: &str) -> Option<(Vec<String>, String)> {
        let person = self
            .people
            .iter()
            .rev()
            .filter_map(Claim::entity)
            .find(|e| e.entity_type == EntityType::Person && e.name == name)?;
        let title = person.title.as_deref().map(title_words).unwrap_or_default();
        let role = person.role.as_deref().unwrap_or_default().to_lowercase();
        Some((title, role))
    }
}

#[cfg(test)]
mod tests {
    use crate::model::Source;
    use crate::rules::Ruleset;
    use crate::segment::segment;

    fn quotes(text: &str) -> Vec<(String, Option<String>, Option<String>)> {
        let src = Source::from_text("s", text);
        let doc = segment(&src);
        let extractors = Ruleset::builtin().lexicon.extractors();
        let words = extractors.words(&doc);
        let (people, mentions) = extractors.entity.extract(&doc, 0, &words);
        extractors
            .quote
            .extract(&doc, 0, &mentions, &people, &words)
            .into_iter()
            .map(|c| {
                assert_eq!(c.text, &text[c.span.start..c.span.end]);
                let q = c.quote().unwrap().clone();
                (c.text, q.speaker, q.speaker_text)
            })
            .collect()
    }

    fn q(
        text: &str,
        speaker: Option<&str>,
        written: Option<&str>,
    ) -> (String, Option<String>, Option<String>) {
        (
            text.to_string(),
            speaker.map(str::to_string),
            written.map(str::to_string),
        )
    }

    #[test]
    fn words_read_by_number_match_their_lower_case() {
        use super::{BETWEEN_SPEAKER_AND_VERB, Speakers, lexeme};
        use crate::extract::entity::{SPEECH_VERBS, is_title_noun, title_nouns};
        let mut text = String::from("Gen. GEN. general Generals he HE She shé The THE tó ");
        let words = SPEECH_VERBS
            .iter()
            .chain(BETWEEN_SPEAKER_AND_VERB)
            .map(|w| w.to_string())
            .chain(title_nouns())
            .chain(["according", "to"].map(String::from));
        for w in words {
            text.push_str(&format!("{w} {} ", w.to_uppercase()));
        }
        let src = Source::from_text("s", &text);
        let doc = segment(&src);
        let extractors = Ruleset::builtin().lexicon.extractors();
        let ids = extractors.words(&doc);
        let quote = &extractors.quote;
        let speakers = Speakers {
            doc: &doc,
            ids: &ids,
            lexemes: &quote.lexemes,
            speech_verbs: &quote.speech_verbs,
            persons: Vec::new(),
            people: &[],
        };
        type Check = (u16, fn(&str) -> bool);
        let checks: [Check; 7] = [
            (lexeme::SPEECH, |w| SPEECH_VERBS.contains(&w)),
            (lexeme::ACCORDING, |w| w == "according"),
            (lexeme::TO, |w| w == "to"),
            (lexeme::BETWEEN, |w| BETWEEN_SPEAKER_AND_VERB.contains(&w)),
            (lexeme::PRONOUN, |w| matches!(w, "he" | "she")),
            (lexeme::THE, |w| w == "the"),
            (lexeme::TITLE_NOUN, |w| {
                !w.ends_with('.') && is_title_noun(w)
            }),
        ];
        for k in 0..doc.tokens.len() {
            let Some(lower) = speakers.lower(k) else {
                continue;
            };
            for (bit, is) in checks {
                let by_number = speakers.is(k, bit, |_| is(&lower));
                assert_eq!(by_number, is(&lower), "{lower} {bit}");
            }
        }
    }

    #[test]
    fn said_after_the_quote_with_a_titled_name() {
        let got = quotes(
            "\"We will hand over the last base by spring,\" said General Ada Novak, the head of the task force.",
        );
        assert_eq!(
            got,
            vec![q(
                "We will hand over the last base by spring",
                Some("Ada Novak"),
                Some("General Ada Novak")
            )]
        );
    }

    #[test]
    fn the_general_said_and_a_quote_over_two_sentences() {
        let text = "General Ada Novak spoke to troops in Kuwait. Mayor Leo Park also attended.\n\n\
                    “The mission was long. The cost was heavy, but we prevailed,” the general said.";
        let got = quotes(text);
        assert_eq!(
            got,
            vec![q(
                "The mission was long. The cost was heavy, but we prevailed",
                Some("Ada Novak"),
                Some("the general")
            )]
        );
    }

    #[test]
    fn subject_before_the_quote_and_scare_quotes() {
        let text = "General Ada Novak visited the base. Novak said the army remained committed to its \
                    \"final aim\" of a country that can \"defend itself\". \
                    She told reporters: \"We are not done.\" Voters called it a \"fiasco\".";
        let got = quotes(text);
        assert_eq!(
            got,
            vec![
                q("final aim", Some("Ada Novak"), Some("Novak")),
                q("defend itself", Some("Ada Novak"), Some("Novak")),
                q("We are not done.", Some("Ada Novak"), Some("She")),
            ]
        );
    }

    #[test]
    fn according_to_and_surname_after_the_quote() {
        let text = "Prime Minister Sara Holm met the envoy. \"Talks went well,\" Holm said. \
                    The plan is \"already agreed\", according to Paul Ekberg.";
        let got = quotes(text);
        assert_eq!(
            got,
            vec![
                q("Talks went well", Some("Sara Holm"), Some("Holm")),
                q("already agreed", Some("Paul Ekberg"), Some("Paul Ekberg")),
            ]
        );
    }

    #[test]
    fn unknown_speakers_and_the_next_sentence() {
        let text =
            "\"We stay.\" The minister said so.\n\n\"Nothing changes,\" a senior official said.";
        let got = quotes(text);
        assert_eq!(
            got,
            vec![
                q("We stay.", None, Some("The minister")),
                q("Nothing changes", None, None)
            ]
        );
    }

    #[test]
    fn told_reporters_before_the_quote() {
        let text = "Defense Secretary Mark Ellery told reporters \"the timetable stands\" after the meeting.";
        let got = quotes(text);
        let expected = q(
            "the timetable stands",
            Some("Mark Ellery"),
            Some("Defense Secretary Mark Ellery"),
        );
        assert_eq!(got, vec![expected]);
    }
}

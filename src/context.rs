//! Context: the places, actors, event and times that tell facts apart.
//!
//! Takes a document, the lexicon, its claims and its named mentions (in text order, as the entity
//! extractor gives them); fills each claim's [`Context`]:
//!
//! - `places`: the locative place mentions of the claim's sentence ("in Iraq", "from Iraq"),
//!   nearest first by token distance; if none, the demonym places ("Iraqi government",
//!   "inter-Afghan talks") that do not modify the counted noun; if none, the locative places of the
//!   nearest of the two previous sentences of the paragraph that has one. A country that acts or
//!   owns ("The US will…", "US troops") is an actor, not a place.
//! - `actors`: the country or organisation right before the counted noun ("US troops", "American
//!   forces"), else the nearest non-locative, non-demonym country or organisation before the claim
//!   in its sentence (not one after "of": "the Government of Iraq").
//! - `event`: the event class of the nearest event word within six tokens ("killing" → killed).
//! - `times`: for quantities, the resolved event-time claims of the same sentence.
//! - `words`: the sentence's content words, normalised by [`canonical_token`], without the
//!   claim's own tokens; sorted, deduplicated, space-joined.
//!
//! One scan of each claim's sentence; mentions of a sentence are found by binary search. The
//! context words of a sentence are read and sorted once, for all its claims, without an
//! allocation per word.

use crate::model::{
    Claim, ClaimDetail, Document, Mention, MentionCategory, Span, TimeRole, Token, TokenKind,
};
use crate::rules::{AliasCategory, Lexicon};

/// How far (in tokens) an event word may stand from its claim.
const EVENT_WINDOW: usize = 6;

/// How far (in tokens) context words are read around a claim in a very long sentence.
const WORDS_WINDOW: usize = 60;

/// How many sentences back a claim may inherit its place from.
const INHERIT_SENTENCES: usize = 2;

/// Function words left out of a claim's context words.
const STOPWORDS: &[&str] = &[
    "a", "about", "above", "after", "again", "against", "all", "also", "am", "an", "and", "any",
    "are", "as", "at", "be", "because", "been", "before", "being", "below", "between", "both",
    "but", "by", "can", "could", "did", "do", "does", "doing", "down", "during", "each", "few",
    "for", "from", "further", "had", "has", "have", "having", "he", "her", "here", "hers", "him",
    "his", "how", "i", "if", "in", "into", "is", "it", "its", "itself", "just", "me", "more",
    "most", "my", "no", "nor", "not", "now", "of", "off", "on", "once", "only", "or", "other",
    "our", "ours", "out", "over", "own", "said", "same", "says", "she", "should", "so", "some",
    "such", "than", "that", "the", "their", "theirs", "them", "then", "there", "these", "they",
    "this", "those", "through", "to", "too", "under", "until", "up", "us", "very", "was", "we",
    "were", "what", "when", "where", "which", "while", "who", "whom", "why", "will", "with",
    "would", "you", "your", "s", "'s", "’s",
];

/// Whether a lower-case word is one of the [`STOPWORDS`].
fn is_stopword(lower: &str) -> bool {
    pack(lower).is_some_and(StopWords::holds)
}

/// [`is_stopword`] of an ASCII word in any case, without lower-casing a copy: the word is packed
/// as [`pack`] does, in a register (bytes stored one by one and read back as one number would
/// stall the load).
fn is_ascii_stopword(word: &str) -> bool {
    let bytes = word.as_bytes();
    if bytes.len() > 7 {
        return false;
    }
    let mut packed = (bytes.len() as u64) << 56;
    for (i, b) in bytes.iter().enumerate() {
        packed |= u64::from(b.to_ascii_lowercase()) << (8 * i);
    }
    StopWords::holds(packed)
}

/// A word of at most seven bytes as a number (its bytes, then its length), else `None`.
fn pack(word: &str) -> Option<u64> {
    let bytes = word.as_bytes();
    let mut packed = [0u8; 8];
    packed[..7].get_mut(..bytes.len())?.copy_from_slice(bytes);
    packed[7] = bytes.len() as u8;
    Some(u64::from_le_bytes(packed))
}

/// The [`STOPWORDS`] packed by [`pack`] in an open-addressing table: every word of every claim's
/// sentence is looked up, with one multiplication and a probe or two.
struct StopWords {
    /// Packed words at their hashed slots (linearly probed); 0 for an empty slot (no packed
    /// word is 0: an empty word packs to 0 and is no stop word).
    slots: Vec<u64>,
}

impl StopWords {
    /// log2 of the number of slots: at most a quarter of them full.
    const BITS: u32 = 9;

    fn slot(packed: u64) -> usize {
        (packed.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - Self::BITS)) as usize
    }

    fn get() -> &'static StopWords {
        static TABLE: std::sync::OnceLock<StopWords> = std::sync::OnceLock::new();
        TABLE.get_or_init(|| {
            let mut slots = vec![0u64; 1 << Self::BITS];
            for packed in STOPWORDS.iter().filter_map(|w| pack(w)) {
                let mut at = Self::slot(packed);
                while slots[at] != 0 && slots[at] != packed {
                    at = (at + 1) % slots.len();
                }
                slots[at] = packed;
            }
            StopWords { slots }
        })
    }

    fn holds(packed: u64) -> bool {
        if packed == 0 {
            return false;
        }
        let slots = &Self::get().slots;
        let mut at = Self::slot(packed);
        loop {
            match slots[at] {
                0 => return false,
                p if p == packed => return true,
                _ => at = (at + 1) % slots.len(),
            }
        }
    }
}

/// The canonical form of one word for context comparison: lower case, possessive dropped, a place
/// or organisation variant as its canonical name, a unit variant as its canonical unit.
pub fn canonical_token(lexicon: &Lexicon, word: &str) -> String {
    let mut forms = Forms::new();
    let form = forms.canonical(lexicon, word);
    forms.resolve(form).to_string()
}

/// A context word as stored: a stop word, text of the source or the lexicon as it stands, or a
/// byte range of [`Forms::kept`] (a lower-cased copy).
#[derive(Debug, Clone, Copy)]
enum Form<'t> {
    Stop,
    Text(&'t str),
    Kept(usize, usize),
}

/// The context forms of the words and mentions of a document's sentences, each read once (see
/// [`SentenceWords`]). Lower-cased copies go to one string, so that reading a word allocates
/// nothing of its own.
struct Forms {
    kept: String,
}

impl Forms {
    fn new() -> Forms {
        Forms {
            kept: String::new(),
        }
    }

    fn resolve<'a>(&'a self, form: Form<'a>) -> &'a str {
        match form {
            Form::Text(text) => text,
            Form::Kept(a, b) => &self.kept[a..b],
            Form::Stop => "",
        }
    }

    /// The first eight bytes of a form as a number, so that forms sort by it first (in the
    /// same order as by their text) without comparing strings.
    fn prefix(&self, form: Form) -> u64 {
        let text = self.resolve(form).as_bytes();
        if let Some(eight) = text.first_chunk::<8>() {
            return u64::from_be_bytes(*eight);
        }
        // Shorter: its bytes from the top, zeros after (built in a register, not in memory).
        let mut prefix = 0u64;
        for (i, b) in text.iter().enumerate() {
            prefix |= u64::from(*b) << (56 - 8 * i);
        }
        prefix
    }

    /// `text` lower-cased: itself when it has no capitals, else a kept copy.
    fn lower<'t>(&mut self, text: &'t str) -> Form<'t> {
        // One pass: no capital and no byte past ASCII leaves the text as it is.
        if text
            .bytes()
            .all(|b| !b.is_ascii_uppercase() && b.is_ascii())
        {
            return Form::Text(text);
        }
        if text.is_ascii() {
            let a = self.kept.len();
            self.kept.push_str(text);
            self.kept[a..].make_ascii_lowercase();
            return Form::Kept(a, self.kept.len());
        }
        self.keep(&text.to_lowercase())
    }

    fn keep<'t>(&mut self, text: &str) -> Form<'t> {
        let a = self.kept.len();
        self.kept.push_str(text);
        Form::Kept(a, self.kept.len())
    }

    /// The context form of a word: [`Form::Stop`] for a stop word, else its [`canonical_token`].
    fn word<'t>(&mut self, lexicon: &'t Lexicon, word: &'t str) -> Form<'t> {
        let stop = if word.is_ascii() {
            is_ascii_stopword(word)
        } else {
            is_stopword(&word.to_lowercase())
        };
        if stop {
            Form::Stop
        } else {
            self.canonical(lexicon, word)
        }
    }

    /// [`canonical_token`] of `word`: its place, organisation or (in lower case) unit form in one
    /// look-up of the lexicon's context table.
    fn canonical<'t>(&mut self, lexicon: &'t Lexicon, word: &'t str) -> Form<'t> {
        let base = word
            .strip_suffix("'s")
            .or_else(|| word.strip_suffix("’s"))
            .unwrap_or(word);
        let names = lexicon.context_names(base);
        if let Some(name) = names.and_then(|n| n.named.as_deref()) {
            return Form::Text(name);
        }
        // ASCII without capitals: its own lower case, so its unit was looked up with it.
        if base
            .bytes()
            .all(|b| b.is_ascii() && !b.is_ascii_uppercase())
        {
            return Form::Text(names.and_then(|n| n.unit.as_deref()).unwrap_or(base));
        }
        if base.is_ascii() {
            // The lexicon lower-cases the word for the look-up itself; a lower-case copy is kept
            // only for a word with capitals and no canonical unit.
            return match lexicon.canonical(AliasCategory::Unit, base) {
                Some(unit) => Form::Text(unit),
                None => self.lower(base),
            };
        }
        let lower = base.to_lowercase();
        match lexicon.canonical(AliasCategory::Unit, &lower) {
            Some(unit) => Form::Text(unit),
            None => self.keep(&lower),
        }
    }
}

/// A mention with the token range it covers.
struct Located<'a> {
    mention: &'a Mention,
    first: usize,
    last: usize,
}

/// Fills `claim.context` for every claim of one document.
pub fn attach(doc: &Document, lexicon: &Lexicon, claims: &mut [Claim], mentions: &[Mention]) {
    let tokens = &doc.tokens;
    let located: Vec<Located> = mentions
        .iter()
        .map(|m| {
            let (first, last) = token_range(tokens, overlapping_tokens(tokens, m.span));
            Located {
                mention: m,
                first,
                last,
            }
        })
        .collect();
    let event_times: Vec<(usize, chrono::NaiveDate, chrono::NaiveDate)> = claims
        .iter()
        .filter_map(|c| {
            let t = c.time()?;
            (t.role == TimeRole::Event).then_some((c.sentence, t.start?, t.end?))
        })
        .collect();
    let mut words = SentenceWords::new(doc);
    let mut phrases = EventPhrases::new(tokens.len());
    for claim in claims.iter_mut() {
        if claim.sentence >= doc.sentences.len() || tokens.is_empty() {
            continue;
        }
        let overlapping = overlapping_tokens(tokens, claim.span);
        let (first, last) = token_range(tokens, overlapping.clone());
        let here = sentence_mentions(&located, claim.sentence);
        let unit = match &claim.detail {
            ClaimDetail::Quantity(q) => q
                .unit_text
                .as_deref()
                .and_then(|u| unit_token(doc, claim.sentence, first, last, u)),
            _ => None,
        };
        let modifier = unit.and_then(|u| {
            // Right before the noun, or with one word between ("US military personnel").
            here.iter().find(|l| {
                let adjacent = l.last + 1 == u
                    || (l.last + 2 == u && doc.tokens[l.last + 1].kind == TokenKind::Word);
                adjacent && l.mention.category != MentionCategory::Person && !l.mention.locative
            })
        });
        let outside = |l: &&Located| !claim.span.overlaps(l.mention.span);
        let places = places(
            doc,
            &located,
            here,
            first,
            last,
            claim.sentence,
            modifier.map(|m| m.mention.span),
        );
        let actors: Vec<String> = match modifier {
            Some(m) => vec![m.mention.canonical.clone()],
            None => here
                .iter()
                .filter(outside)
                .filter(|l| l.last < first && l.mention.category != MentionCategory::Person)
                .rfind(|l| !l.mention.locative && !l.mention.demonym && !after_of(doc, l.first))
                .map(|l| vec![l.mention.canonical.clone()])
                .unwrap_or_default(),
        };
        let times = if matches!(claim.detail, ClaimDetail::Quantity(_)) {
            event_times
                .iter()
                .filter(|(s, _, _)| *s == claim.sentence)
                .map(|(_, a, b)| (*a, *b))
                .collect()
        } else {
            Vec::new()
        };
        claim.context.places = places;
        claim.context.actors = actors;
        claim.context.event = event(doc, lexicon, &mut phrases, claim.sentence, first, last);
        claim.context.times = times;
        claim.context.words = words.around(
            doc,
            lexicon,
            &located,
            claim.sentence,
            (first, last),
            overlapping,
        );
    }
}

/// The tokens a span overlaps (tokens are in text order and do not overlap one another).
fn overlapping_tokens(tokens: &[Token], span: Span) -> std::ops::Range<usize> {
    let a = tokens.partition_point(|t| t.span.end <= span.start);
    let b = tokens.partition_point(|t| t.span.start < span.end);
    a..b
}

/// The tokens `[first, last]` a span covers, from its [`overlapping_tokens`] (the nearest token
/// when it covers none).
fn token_range(tokens: &[Token], overlapping: std::ops::Range<usize>) -> (usize, usize) {
    let first = overlapping.start.min(tokens.len().saturating_sub(1));
    let last = overlapping.end.saturating_sub(1).max(first);
    (first, last)
}

/// The mentions of sentence `s`.
fn sentence_mentions<'m, 'a>(located: &'m [Located<'a>], s: usize) -> &'m [Located<'a>] {
    let a = located.partition_point(|l| l.mention.sentence < s);
    let b = located.partition_point(|l| l.mention.sentence <= s);
    &located[a..b.max(a)]
}

/// Tokens between a mention `[mf, ml]` and the claim `[first, last]`.
fn distance(mf: usize, ml: usize, first: usize, last: usize) -> usize {
    if ml < first {
        first - ml
    } else {
        mf.saturating_sub(last)
    }
}

/// The token of the counted noun: within three tokens after the claim, else the nearest earlier
/// occurrence in the sentence ("the level of US troops in Iraq to 3,000").
fn unit_token(
    doc: &Document,
    sentence: usize,
    first: usize,
    last: usize,
    unit: &str,
) -> Option<usize> {
    let noun = unit.rsplit(' ').next().unwrap_or(unit);
    let is_noun = |k: usize| {
        doc.tokens
            .get(k)
            .is_some_and(|t| t.sentence == sentence && doc.token_text(t).eq_ignore_ascii_case(noun))
    };
    (last + 1..=last + 4).find(|&k| is_noun(k)).or_else(|| {
        (0..first)
            .rev()
            .take_while(|&k| doc.tokens[k].sentence == sentence)
            .take(24)
            .find(|&k| is_noun(k))
    })
}

/// Whether the mention at token `k` follows "of" ("the Government of Iraq").
fn after_of(doc: &Document, k: usize) -> bool {
    k > 0
        && doc
            .token_text(&doc.tokens[k - 1])
            .eq_ignore_ascii_case("of")
}

/// The places a claim at tokens `[first, last]` of sentence `s` is about, nearest first.
fn places(
    doc: &Document,
    located: &[Located],
    here: &[Located],
    first: usize,
    last: usize,
    s: usize,
    modifier: Option<Span>,
) -> Vec<String> {
    let nearest = |pick: &dyn Fn(&Located) -> bool| {
        let mut found: Vec<(usize, usize, &str)> = here
            .iter()
            .filter(|l| l.mention.category == MentionCategory::Place && pick(l))
            .filter(|l| distance(l.first, l.last, first, last) > 0)
            .map(|l| {
                (
                    distance(l.first, l.last, first, last),
                    l.first,
                    l.mention.canonical.as_str(),
                )
            })
            .collect();
        found.sort();
        let mut names: Vec<String> = Vec::new();
        for (_, _, name) in found {
            if !names.iter().any(|n| n == name) {
                names.push(name.to_string());
            }
        }
        names
    };
    let locative = nearest(&|l| l.mention.locative);
    if !locative.is_empty() {
        return locative;
    }
    let demonym = nearest(&|l| l.mention.demonym && Some(l.mention.span) != modifier);
    if !demonym.is_empty() {
        return demonym;
    }
    let paragraph = doc.sentences[s].paragraph;
    for back in 1..=INHERIT_SENTENCES {
        let Some(p) = s.checked_sub(back) else { break };
        if doc.sentences[p].paragraph != paragraph {
            break;
        }
        let mut names: Vec<String> = Vec::new();
        for l in sentence_mentions(located, p).iter().rev() {
            if l.mention.category == MentionCategory::Place
                && l.mention.locative
                && !names.contains(&l.mention.canonical)
            {
                names.push(l.mention.canonical.clone());
            }
        }
        if !names.is_empty() {
            return names;
        }
    }
    Vec::new()
}

/// The event class of the phrase of `n + 1` words starting at each token, looked up on first
/// need (claims of one sentence share their neighbourhoods), and whether the token's word starts
/// any event phrase of several words.
struct EventPhrases<'l> {
    /// Per token and phrase length: 0 not looked up, 1 no class, else 2 + the class's position
    /// in `names` (numbers, so that the tables start zeroed at no cost).
    classes: Vec<[u32; 3]>,
    names: Vec<&'l str>,
    /// Per token: 0 not looked up, 1 starts no phrase, 2 starts one.
    starts: Vec<u8>,
    /// The phrase being looked up.
    phrase: String,
}

impl<'l> EventPhrases<'l> {
    fn new(tokens: usize) -> EventPhrases<'l> {
        EventPhrases {
            classes: vec![[0; 3]; tokens],
            names: Vec::new(),
            starts: vec![0; tokens],
            phrase: String::new(),
        }
    }

    /// The event class of the phrase of tokens `k..=k + n` (the words joined by spaces).
    fn class(
        &mut self,
        doc: &Document,
        lexicon: &'l Lexicon,
        k: usize,
        n: usize,
    ) -> Option<&'l str> {
        if self.classes[k][n] == 0 {
            let class = if n == 0 {
                // The word alone: its class and whether it starts a longer phrase, at once.
                let word = lexicon.event_word(doc.token_text(&doc.tokens[k]));
                self.starts[k] = 1 + u8::from(word.is_some_and(|w| w.starts_phrase));
                word.and_then(|w| w.class.as_deref())
            } else {
                let phrase = &mut self.phrase;
                phrase.clear();
                for (i, t) in doc.tokens[k..=k + n].iter().enumerate() {
                    if i > 0 {
                        phrase.push(' ');
                    }
                    phrase.push_str(doc.token_text(t));
                }
                lexicon.canonical(AliasCategory::Event, phrase)
            };
            self.classes[k][n] = match class {
                None => 1,
                Some(class) => {
                    let at = match self.names.iter().position(|c| *c == class) {
                        Some(at) => at,
                        None => {
                            self.names.push(class);
                            self.names.len() - 1
                        }
                    };
                    at as u32 + 2
                }
            };
        }
        let code = self.classes[k][n] as usize;
        code.checked_sub(2).map(|at| self.names[at])
    }

    /// Whether the word of token `k` starts an event phrase of several words.
    fn starts(&mut self, lexicon: &Lexicon, k: usize, word: &str) -> bool {
        if self.starts[k] == 0 {
            self.starts[k] = 1 + u8::from(lexicon.starts_phrase(AliasCategory::Event, word));
        }
        self.starts[k] == 2
    }
}

/// The event class of the nearest event word (or two- or three-word phrase) within
/// [`EVENT_WINDOW`] tokens of the claim at `[first, last]`.
fn event<'l>(
    doc: &Document,
    lexicon: &'l Lexicon,
    phrases: &mut EventPhrases<'l>,
    s: usize,
    first: usize,
    last: usize,
) -> Option<String> {
    let tokens = &doc.tokens;
    let from = first.saturating_sub(EVENT_WINDOW);
    let to = (last + EVENT_WINDOW).min(tokens.len().saturating_sub(1));
    let mut best: Option<(usize, &str)> = None;
    for k in from..=to {
        if (first..=last).contains(&k)
            || tokens[k].sentence != s
            || tokens[k].kind != TokenKind::Word
        {
            continue;
        }
        let d = distance(k, k, first, last);
        if best.as_ref().is_some_and(|(bd, _)| *bd <= d) {
            continue;
        }
        for (n, t) in tokens[k..].iter().take(3).enumerate() {
            if t.sentence != s || t.kind != TokenKind::Word || (first..=last).contains(&(k + n)) {
                break;
            }
            // No phrase of several words starts with this word: none to look up.
            if n > 0 && !phrases.starts(lexicon, k, doc.token_text(&tokens[k])) {
                break;
            }
            if let Some(class) = phrases.class(doc, lexicon, k, n) {
                best = Some((d, class));
            }
        }
    }
    best.map(|(_, class)| class.to_string())
}

/// The context words of each sentence with a claim, read once per sentence: each word token's
/// form (or, for a token that opens a named place or organisation, the mention's lower-case name)
/// with its token, sorted by form. A claim's words are a window of these without its own tokens.
struct SentenceWords<'t> {
    forms: Forms,
    /// Per sentence: each word's [`Forms::prefix`], token and form.
    sentences: Vec<Option<Vec<(u64, usize, Form<'t>)>>>,
    /// The words of the claim being read, joined.
    joined: String,
}

impl<'t> SentenceWords<'t> {
    fn new(doc: &Document) -> SentenceWords<'t> {
        SentenceWords {
            forms: Forms::new(),
            sentences: vec![None; doc.sentences.len()],
            joined: String::new(),
        }
    }

    /// The content words of sentence `s` (at most [`WORDS_WINDOW`] tokens either side of the
    /// claim) without the claim's own tokens: sorted, deduplicated, space-joined. A named place
    /// or organisation counts as its canonical name. `[first, last]` are the claim's tokens as
    /// [`token_range`] gives them, `claim` the tokens its span overlaps (the ones left out).
    fn around(
        &mut self,
        doc: &'t Document,
        lexicon: &'t Lexicon,
        located: &[Located<'t>],
        s: usize,
        (first, last): (usize, usize),
        claim: std::ops::Range<usize>,
    ) -> String {
        let (from, to) = (first.saturating_sub(WORDS_WINDOW), last + WORDS_WINDOW);
        if self.sentences[s].is_none() {
            let words = self.read(doc, lexicon, located, s);
            self.sentences[s] = Some(words);
        }
        let out = &mut self.joined;
        out.clear();
        let mut previous: Option<&str> = None;
        for &(_, k, form) in self.sentences[s].iter().flatten() {
            if k < from || k > to || claim.contains(&k) {
                continue;
            }
            let word = match form {
                Form::Text(text) => text,
                Form::Kept(a, b) => &self.forms.kept[a..b],
                Form::Stop => "",
            };
            if previous == Some(word) {
                continue;
            }
            if previous.is_some() {
                out.push(' ');
            }
            out.push_str(word);
            previous = Some(word);
        }
        out.clone()
    }

    /// The words of sentence `s` with their tokens, sorted by word.
    fn read(
        &mut self,
        doc: &'t Document,
        lexicon: &'t Lexicon,
        located: &[Located<'t>],
        s: usize,
    ) -> Vec<(u64, usize, Form<'t>)> {
        let here = sentence_mentions(located, s);
        let start = doc.tokens.partition_point(|t| t.sentence < s);
        let end = doc.tokens.partition_point(|t| t.sentence <= s);
        let mut words = Vec::with_capacity(end.saturating_sub(start));
        let mut m = 0;
        for (k, t) in doc.tokens.iter().enumerate().skip(start) {
            if t.sentence != s {
                break;
            }
            if t.kind != TokenKind::Word {
                continue;
            }
            while m < here.len() && here[m].last < k {
                m += 1;
            }
            if let Some(l) = here
                .get(m)
                .filter(|l| l.first <= k && l.mention.category != MentionCategory::Person)
            {
                if l.first == k {
                    let form = self.forms.lower(&l.mention.canonical);
                    words.push((self.forms.prefix(form), k, form));
                }
                continue;
            }
            let text = doc.text();
            let form = self.forms.word(lexicon, &text[t.span.start..t.span.end]);
            if !matches!(form, Form::Stop) {
                words.push((self.forms.prefix(form), k, form));
            }
        }
        let forms = &self.forms;
        words.sort_unstable_by(|a, b| {
            (a.0.cmp(&b.0)).then_with(|| forms.resolve(a.2).cmp(forms.resolve(b.2)))
        });
        words
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::entity::EntityExtractor;
    use crate::model::{Context, Quantity, Source, TimeClaim};
    use crate::rules::Ruleset;
    use crate::segment::segment;
    use chrono::NaiveDate;

    fn source(text: &str) -> Source {
        Source::from_text("s", text)
    }

    /// The context of a count claim on `number` (with `unit` counted), plus any extra claims.
    fn context_with(text: &str, number: &str, unit: &str, extra: Vec<Claim>) -> Context {
        let src = source(text);
        let doc = segment(&src);
        let lexicon = Ruleset::builtin().lexicon;
        let (_, mentions) = EntityExtractor::new(&lexicon).extract(&doc, 0);
        let start = text.find(number).expect("number in text");
        let span = Span::new(start, start + number.len());
        let mut q = Quantity::count(0.0);
        q.unit_text = Some(unit.to_string());
        let mut claims = vec![Claim::new(
            0,
            number,
            span,
            doc.sentence_at(start),
            ClaimDetail::Quantity(q),
        )];
        claims.extend(extra);
        attach(&doc, &lexicon, &mut claims, &mentions);
        claims.swap_remove(0).context
    }

    fn context(text: &str, number: &str, unit: &str) -> Context {
        context_with(text, number, unit, Vec::new())
    }

    #[test]
    fn locative_place_and_subject_actor() {
        let c = context(
            "Washington is to fly home some 1,800 soldiers from Syria by May.",
            "some 1,800",
            "soldiers",
        );
        assert_eq!(c.places, vec!["Syria"]);
        assert_eq!(c.actors, vec!["United States"]);
        let c = context(
            "The US will bring home some 2,200 soldiers from Iraq this month.",
            "some 2,200",
            "soldiers",
        );
        assert_eq!(
            (c.places, c.actors),
            (vec!["Iraq".to_string()], vec!["United States".to_string()])
        );
    }

    #[test]
    fn the_modifier_of_the_counted_noun_is_the_actor() {
        let c = context(
            "The count of US troops in Iraq is to drop from about 5,200 to 3,000, officials said.",
            "about 5,200",
            "troops",
        );
        assert_eq!(c.places, vec!["Iraq"]);
        assert_eq!(c.actors, vec!["United States"]);
    }

    #[test]
    fn nearest_demonym_that_is_not_the_modifier() {
        let text = "With pro-Iranian militia attacks on the rise, the Iraqi cabinet is pressed to expel \
                    the roughly 5,000 US troops based in the country.";
        let c = context(text, "roughly 5,000", "troops");
        assert_eq!(c.places, vec!["Iraq", "Iran"]);
        assert_eq!(c.actors, vec!["United States"]);
        let c = context(
            "The aim is fewer than 5,000 troops as inter-Afghan talks move ahead.",
            "fewer than 5,000",
            "troops",
        );
        assert_eq!(c.places, vec!["Afghanistan"]);
    }

    #[test]
    fn place_first_and_after() {
        let c = context(
            "In Afghanistan the US now keeps 8,600 soldiers under the deal.",
            "8,600",
            "soldiers",
        );
        assert_eq!(
            (c.places, c.actors),
            (
                vec!["Afghanistan".to_string()],
                vec!["United States".to_string()]
            )
        );
        let c = context(
            "The plan is to keep 4,000 to 5,000 troops in Afghanistan next year.",
            "4,000 to 5,000",
            "troops",
        );
        assert_eq!(c.places, vec!["Afghanistan"]);
        assert!(c.actors.is_empty());
    }

    #[test]
    fn places_inherit_from_a_previous_sentence_of_the_paragraph() {
        let text =
            "US forces have been in Iraq since 2014. They number 3,000 now.\n\nElsewhere 40 died.";
        let c = context(text, "3,000", "forces");
        assert_eq!(c.places, vec!["Iraq"]);
        let c = context(text, "40", "people");
        assert!(c.places.is_empty());
        assert_eq!(c.event.as_deref(), Some("killed"));
    }

    #[test]
    fn event_times_and_words() {
        let text = "Rockets hit the US embassy in Baghdad in March, killing at least six soldiers.";
        let start = text.find("in March").unwrap() + 3;
        let time = TimeClaim {
            start: NaiveDate::from_ymd_opt(2020, 3, 1),
            end: NaiveDate::from_ymd_opt(2020, 3, 31),
            role: TimeRole::Event,
        };
        let t = Claim::new(
            0,
            "March",
            Span::new(start, start + 5),
            0,
            ClaimDetail::Time(time),
        );
        let c = context_with(text, "at least six", "soldiers", vec![t]);
        assert_eq!(c.event.as_deref(), Some("killed"));
        assert_eq!(c.places, vec!["Baghdad"]);
        assert_eq!(c.actors, vec!["United States"]);
        let march = (
            NaiveDate::from_ymd_opt(2020, 3, 1).unwrap(),
            NaiveDate::from_ymd_opt(2020, 3, 31).unwrap(),
        );
        assert_eq!(c.times, vec![march]);
        assert_eq!(
            c.words,
            "baghdad embassy hit killing march rockets troops united states"
        );
    }

    #[test]
    fn every_stop_word_is_found() {
        for word in STOPWORDS {
            assert!(is_stopword(word), "{word}");
        }
        for word in ["iraq", "troops", "thereby", "", "abouts", "x"] {
            assert!(!is_stopword(word), "{word}");
        }
    }

    #[test]
    fn canonical_tokens() {
        let lexicon = Ruleset::builtin().lexicon;
        assert_eq!(canonical_token(&lexicon, "Iraqi"), "iraq");
        assert_eq!(canonical_token(&lexicon, "soldiers"), "troops");
        assert_eq!(canonical_token(&lexicon, "Daesh"), "islamic state");
        assert_eq!(canonical_token(&lexicon, "Iraq's"), "iraq");
        assert_eq!(canonical_token(&lexicon, "us"), "us");
        assert_eq!(canonical_token(&lexicon, "Iraq’s"), "iraq");
        assert_eq!(canonical_token(&lexicon, "Soldiers"), "troops");
        assert_eq!(canonical_token(&lexicon, "Zürich’s"), "zürich");
        assert_eq!(canonical_token(&lexicon, "Embassy"), "embassy");
    }
}

//! Context: the places, actors, event and times that tell facts apart.
//!
//! Takes a document, the lexicon, the [`ContextTables`] of the extractors' vocabulary with the
//! vocabulary's number of each of the document's tokens, its claims and its named mentions (in
//! text order, as the entity extractor gives them); fills each claim's [`Context`](crate::model::Context):
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
//! Each sentence with a claim is read once, for all its claims: its words' forms sorted,
//! deduplicated and joined, the distinct word each token stands for, and the few tokens that may
//! be event words. A claim's words are then the joined words less the ones only its own tokens
//! (or tokens out of its window) stand for, copied in runs; its event is sought among those few
//! tokens. The mentions of every sentence are found in one pass (their tokens when their
//! sentence is read). A word of the vocabulary (the stop words and event words among them) is
//! read from its number with one look-up ([`ContextTables`]), in a first pass over the sentence
//! with no branch per token that puts the other tokens (and the mentions' tokens) aside for a
//! second; another word of at most sixteen ASCII bytes is read once per thread and lexicon, not
//! once per occurrence (`Spellings`); and every distinct form has a number (`FormTable`): a
//! sentence's words are sorted by their first bytes and told apart by number, not by their text.

use crate::extract::vocabulary::{UNREAD, Vocabulary, WordId, written_key};
use crate::model::{
    Claim, ClaimDetail, Document, Mention, MentionCategory, Span, TimeRole, Token, TokenKind,
};
use crate::rules::{AliasCategory, EventWord, Lexicon};

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
    pack(lower).is_some_and(|p| StopWords::get().holds(p))
}

/// The bytes `start..start + len` (one to eight) of `bytes` as a little-endian number, zeros
/// above: one load when eight bytes follow `start`.
fn load8(bytes: &[u8], start: usize, len: usize) -> u64 {
    let mask = u64::MAX >> ((64 - 8 * len.clamp(1, 8)) as u32);
    if let Some(eight) = bytes.get(start..).and_then(|b| b.first_chunk::<8>()) {
        return u64::from_le_bytes(*eight) & mask;
    }
    let mut packed = 0u64;
    for (i, b) in bytes.iter().skip(start).take(len.min(8)).enumerate() {
        packed |= u64::from(*b) << (8 * i);
    }
    packed
}

/// The high bit of each byte of `x` (ASCII bytes, as [`load8`] gives them) that is a capital
/// letter: the bytes are compared with `A` and `Z` all at once.
fn ascii_capitals(x: u64) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    let from_a = x.wrapping_add(ONES * u64::from(0x80 - b'A'));
    let past_z = x.wrapping_add(ONES * u64::from(0x80 - b'Z' - 1));
    from_a & !past_z & (ONES * 0x80)
}

/// A word of at most eight ASCII bytes read as one number ([`load8`]): lower-cased, and whether
/// it had capitals.
#[derive(Debug, Clone, Copy)]
struct Short {
    lower: u64,
    capitals: bool,
}

impl Short {
    /// The word at `start..end` of `bytes`, if it is at most eight ASCII bytes.
    fn read(bytes: &[u8], start: usize, end: usize) -> Option<Short> {
        let len = end.wrapping_sub(start);
        if !(1..=8).contains(&len) {
            return None;
        }
        let x = load8(bytes, start, len);
        if x & 0x8080_8080_8080_8080 != 0 {
            return None;
        }
        let capitals = ascii_capitals(x);
        Some(Short {
            lower: x | (capitals >> 2),
            capitals: capitals != 0,
        })
    }
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

    fn holds(&self, packed: u64) -> bool {
        if packed == 0 {
            return false;
        }
        let slots = &self.slots;
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

/// A context word as worked out: text of the source or the lexicon as it stands, or a byte range
/// of [`Forms::kept`] (a lower-cased copy).
#[derive(Debug, Clone, Copy)]
enum Form<'t> {
    Text(&'t str),
    Kept(usize, usize),
}

/// The context forms of the words and mentions of a document's sentences, each read once (see
/// [`Sentences`]). Lower-cased copies go to one string, so that reading a word allocates
/// nothing of its own.
struct Forms {
    kept: String,
    stop_words: &'static StopWords,
    spellings: Spellings,
}

impl Forms {
    fn new() -> Forms {
        Forms {
            kept: String::new(),
            stop_words: StopWords::get(),
            spellings: Spellings::default(),
        }
    }

    fn resolve<'a>(&'a self, form: Form<'a>) -> &'a str {
        match form {
            Form::Text(text) => text,
            Form::Kept(a, b) => &self.kept[a..b],
        }
    }

    /// The number of a form among the distinct forms this thread has read ([`FormTable`]);
    /// a kept copy it was made in is given back.
    fn intern(&mut self, form: Form, kept: usize) -> u32 {
        let text = match form {
            Form::Text(text) => text,
            Form::Kept(a, b) => &self.kept[a..b],
        };
        let id = self.spellings.forms.intern(text);
        self.kept.truncate(kept);
        id
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

    /// The context form of the word at `start..end` of `text`; `None` for a stop word. A word
    /// of at most eight ASCII bytes comes read as one number (see [`Short`]): it is looked up
    /// among the stop words without a loop over its bytes.
    fn word<'t>(
        &mut self,
        lexicon: &'t Lexicon,
        text: &'t str,
        (start, end): (usize, usize),
        short: Option<Short>,
    ) -> Option<Form<'t>> {
        if let Some(Short { lower, capitals }) = short {
            let len = end - start;
            if len <= 7 && self.stop_words.holds(lower | (len as u64) << 56) {
                return None;
            }
            return Some(self.ascii(lexicon, &text[start..end], capitals));
        }
        let word = &text[start..end];
        // No [`Short`] word (longer, or empty): no stop word if ASCII.
        let form = if word.is_ascii() {
            let capitals = word.bytes().any(|b| b.is_ascii_uppercase());
            self.ascii(lexicon, word, capitals)
        } else if is_stopword(&word.to_lowercase()) {
            return None;
        } else {
            self.canonical(lexicon, word)
        };
        Some(form)
    }

    /// [`Forms::canonical`] of an ASCII word that is no stop word, told whether it has
    /// capitals: one look-up of the lexicon's context table, and a second of its lower-case
    /// copy for a word with capitals that names nothing.
    #[inline(always)]
    fn ascii<'t>(&mut self, lexicon: &'t Lexicon, word: &'t str, capitals: bool) -> Form<'t> {
        let base = word.strip_suffix("'s").unwrap_or(word);
        let names = lexicon.context_names(base);
        if let Some(name) = names.and_then(|n| n.named.as_deref()) {
            return Form::Text(name);
        }
        if !capitals {
            return Form::Text(names.and_then(|n| n.unit.as_deref()).unwrap_or(base));
        }
        // Unit variants are keyed in lower case: the copy finds the word's unit.
        let a = self.kept.len();
        self.kept.push_str(base);
        self.kept[a..].make_ascii_lowercase();
        match lexicon
            .context_names(&self.kept[a..])
            .and_then(|n| n.unit.as_deref())
        {
            Some(unit) => {
                self.kept.truncate(a);
                Form::Text(unit)
            }
            None => Form::Kept(a, self.kept.len()),
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

/// The distinct context forms this thread has read, each with a number: equal forms have one
/// number, so that a sentence's words are told apart by their numbers, not their text. The
/// forms are kept one after another in one string, so that a new form allocates nothing of its
/// own and the table is copied in four moves.
#[derive(Debug, Default, Clone)]
struct FormTable {
    /// The forms in the order of their numbers, each after a space (as it is joined to the
    /// words before it).
    spaced: String,
    /// Per number: where the form is, after its space, in `spaced`: eight bytes, so that the
    /// places of the forms a sentence joins lie close together.
    places: Vec<[u32; 2]>,
    /// Per number: the form's [`prefix`], read when a sentence's words are keyed (a word met
    /// again has it in its [`Reading`]), apart from the places the joining reads.
    prefixes: Vec<u64>,
    /// Per number, [`FormTable::SHORT`] bytes: a form of at most [`FormTable::SHORT`] - 2
    /// bytes after its space, NULs, and in the last byte the length of the spaced form (0 for
    /// a longer form): a sentence joins such a form with one fixed-size copy from one place.
    short: String,
    /// Open addressing, linearly probed by the hash of a form's text: its number plus one; 0
    /// for an empty slot. At most half the slots are full.
    index: Vec<u32>,
}

/// The first eight bytes of a text as a number, so that texts sort by it first (in the same
/// order as by their bytes) without comparing strings; a shorter text's bytes from the top,
/// zeros after.
fn prefix(text: &str) -> u64 {
    let mut eight = [0u8; 8];
    let n = text.len().min(8);
    eight[..n].copy_from_slice(&text.as_bytes()[..n]);
    u64::from_be_bytes(eight)
}

impl FormTable {
    /// The bytes of a form's entry in [`FormTable::short`].
    const SHORT: usize = 16;

    /// How many forms have a number.
    fn len(&self) -> usize {
        self.places.len()
    }

    /// The first slot of `form`'s probe sequence in an index of `slots` slots (a power of two).
    fn home(form: &str, slots: usize) -> usize {
        use std::hash::BuildHasher;
        // The top bits: the multiplication of the hash leaves its best bits there.
        (rustc_hash::FxBuildHasher.hash_one(form) >> (64 - slots.trailing_zeros())) as usize
    }

    /// The number of `form`, given on first need.
    fn intern(&mut self, form: &str) -> u32 {
        if self.index.is_empty() {
            self.index = vec![0; 1024];
        }
        let mask = self.index.len() - 1;
        let mut at = Self::home(form, self.index.len());
        loop {
            match self.index[at] {
                0 => break,
                n if self.text(n - 1) == form => return n - 1,
                _ => at = (at + 1) & mask,
            }
        }
        let number = self.len() as u32;
        let start = self.spaced.len() as u32;
        self.spaced.push(' ');
        self.spaced.push_str(form);
        self.places.push([start, self.spaced.len() as u32]);
        self.prefixes.push(prefix(form));
        let spaced_len = form.len() + 1;
        let mut entry = [0u8; Self::SHORT];
        if spaced_len < Self::SHORT {
            entry[0] = b' ';
            entry[1..spaced_len].copy_from_slice(form.as_bytes());
            entry[Self::SHORT - 1] = spaced_len as u8;
        }
        // A whole form after a space and ASCII bytes: valid UTF-8.
        self.short
            .push_str(std::str::from_utf8(&entry).unwrap_or_default());
        self.index[at] = number + 1;
        if 2 * self.len() > self.index.len() {
            self.grow();
        }
        number
    }

    /// The index twice as large, every number at its slot again.
    fn grow(&mut self) {
        let slots = 2 * self.index.len();
        let mut index = vec![0u32; slots];
        for number in 0..self.len() as u32 {
            let mut at = Self::home(self.text(number), slots);
            while index[at] != 0 {
                at = (at + 1) & (slots - 1);
            }
            index[at] = number + 1;
        }
        self.index = index;
    }

    /// Form `number`.
    #[inline(always)]
    fn text(&self, number: u32) -> &str {
        &self.spaced(number)[1..]
    }

    /// Form `number` after a space.
    #[inline(always)]
    fn spaced(&self, number: u32) -> &str {
        let [start, end] = self.places[number as usize];
        &self.spaced[start as usize..end as usize]
    }

    /// Form `number` after a space pushed onto `out`: a short form in one fixed-size copy,
    /// the bytes past it cut off again.
    #[inline(always)]
    fn push_spaced(&self, number: u32, out: &mut String) {
        let at = Self::SHORT * number as usize;
        let entry = &self.short[at..at + Self::SHORT];
        let len = entry.as_bytes()[Self::SHORT - 1] as usize;
        if len == 0 {
            out.push_str(self.spaced(number));
            return;
        }
        let end = out.len() + len;
        out.push_str(entry);
        out.truncate(end);
    }

    fn prefix(&self, number: u32) -> u64 {
        self.prefixes[number as usize]
    }

    /// The [`prefix`] of form `number`, 0 for none ([`NONE`]).
    fn prefix_of(&self, number: u32) -> u64 {
        self.prefixes.get(number as usize).copied().unwrap_or(0)
    }
}

/// The ASCII words of at most sixteen bytes read so far by this thread, each read once: a word
/// met again (its bytes as one number, [`written_key`]) takes its [`Reading`] from here,
/// without a stop-word check, a look-up of the lexicon or a copy of its own. Kept from document to document (words
/// recur from one article to the next) for as long as the lexicon's tables and the
/// [`ContextTables`] are the same ([`Lexicon::tables_id`], [`ContextTables::id`]), and emptied
/// (the forms back to the context tables' forms) when it holds [`Spellings::MOST`] words or
/// forms of its own. The words of the vocabulary are read from the context tables, and come
/// here only when written with capitals that may change their reading.
///
/// A slot is sixteen bytes, so that the table a sentence's words hit is half a megabyte: the
/// first eight bytes of a word's key (which tell its length too, so that they are the whole key
/// of a word of at most eight bytes, most words) and its reading packed in eight
/// ([`Spellings::pack`]). The last eight bytes of a longer word's key lie beside, in a table
/// read only for such a word.
#[derive(Debug, Default)]
struct Spellings {
    /// Open addressing, linearly probed: the low half of a word's [`Spellings::key`] and its
    /// packed reading; `[0, _]` for an empty slot (no key's low half is 0).
    slots: Vec<[u64; 2]>,
    /// Per slot: the high half of its word's key (0 for a word of at most eight bytes).
    highs: Vec<u64>,
    /// How many slots are full.
    full: usize,
    /// The context forms of the readings, and of the other words and mentions read.
    forms: FormTable,
    /// The lexicon tables the readings were made with.
    tables: u64,
    /// The [`ContextTables`] whose forms the forms start with ([`ContextTables::id`]).
    context: u64,
}

impl Spellings {
    /// log2 of the number of slots.
    const BITS: u32 = 15;
    /// How many words are kept at most: half the slots.
    const MOST: usize = 1 << (Self::BITS - 1);
    /// The bits of a packed reading that hold its form's number ([`NONE`] as all ones).
    const FORM_BITS: u32 = 23;
    /// A packed form of all ones: a stop word's ([`NONE`]); higher numbers are not packed.
    const NO_FORM: u32 = (1 << Self::FORM_BITS) - 1;
    /// The low bits of a packed reading that are not its form's [`prefix`]: the prefix keeps its
    /// first five bytes, all that a sentence's sort keys take of it.
    const BELOW_PREFIX: u64 = (1 << (Self::FORM_BITS + 1)) - 1;

    /// Ready for a document read with `lexicon` and `context`: emptied if made with other
    /// tables or full, its forms then those of `context`'s words.
    fn ready(&mut self, lexicon: &Lexicon, context: &ContextTables) {
        if self.slots.is_empty()
            || self.tables != lexicon.tables_id()
            || self.context != context.id
            || self.full >= Self::MOST
            || self.forms.len() >= Self::MOST + context.forms.len()
            || self.forms.spaced.len() > (u32::MAX / 2) as usize
        {
            self.slots.clear();
            self.slots.resize(1 << Self::BITS, [0; 2]);
            self.highs.clear();
            self.highs.resize(1 << Self::BITS, 0);
            self.full = 0;
            self.forms.clone_from(&context.forms);
            self.tables = lexicon.tables_id();
            self.context = context.id;
        }
    }

    /// The word at `start..end` of `text` as one number in two halves, if it has one to
    /// sixteen ASCII bytes: its [`written_key`] (case kept: "US" and "us" read apart).
    #[inline(always)]
    fn key(text: &[u8], (start, end): (usize, usize)) -> Option<[u64; 2]> {
        written_key(text, start, end)
    }

    /// A reading of this table in eight bytes: the first five bytes of its prefix, its form's
    /// number and whether it is no event word; `None` for a form numbered past what the bits
    /// hold (such a word is read again each time).
    fn pack(reading: Reading) -> Option<u64> {
        let form = match reading.form {
            NONE => Self::NO_FORM,
            form if form < Self::NO_FORM => form,
            _ => return None,
        };
        Some(
            reading.prefix & !Self::BELOW_PREFIX
                | u64::from(form) << 1
                | u64::from(reading.event_free),
        )
    }

    /// The reading [`Spellings::pack`] packed.
    #[inline(always)]
    fn unpack(packed: u64) -> Reading {
        let form = (packed >> 1) as u32 & Self::NO_FORM;
        Reading {
            prefix: packed & !Self::BELOW_PREFIX,
            form: if form == Self::NO_FORM { NONE } else { form },
            event_free: packed & 1 != 0,
            cased: false,
            spelled: false,
        }
    }

    /// The reading of the word `key`, or the empty slot it goes to; `long` tells whether the
    /// word has more than eight bytes (the high half of its key is then compared too).
    #[inline(always)]
    fn find(&self, [low, high]: [u64; 2], long: bool) -> Result<Reading, usize> {
        let mask = self.slots.len() - 1;
        let hash = (low ^ high.rotate_left(29)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        let mut at = (hash >> (64 - Self::BITS)) as usize;
        // The first two slots of the probe sequence, which hold most words met again, compared
        // together: whether the word is in the first or the second decides no branch. (The
        // high halves are compared for a short word too: its slot holds 0, as its key does.)
        let (first, second) = (at & mask, (at + 1) & mask);
        let ([k0, p0], [k1, p1]) = (self.slots[first], self.slots[second]);
        let in_first = (k0 == low) & (self.highs[first] == high);
        let in_second = (k1 == low) & (self.highs[second] == high);
        if in_first | in_second {
            return Ok(Self::unpack(if in_first { p0 } else { p1 }));
        }
        loop {
            let [k, packed] = self.slots[at & mask];
            if k == low && (!long || self.highs[at & mask] == high) {
                return Ok(Self::unpack(packed));
            }
            if k == 0 {
                return Err(at & mask);
            }
            at += 1;
        }
    }
}

impl Forms {
    /// The reading of the word at `span` of `text` if it has one to sixteen ASCII bytes
    /// ([`Spellings::key`]), made on first need.
    #[inline(always)]
    fn spelling(&mut self, lexicon: &Lexicon, text: &str, span: (usize, usize)) -> Option<Reading> {
        let key = Spellings::key(text.as_bytes(), span)?;
        Some(match self.spellings.find(key, span.1 - span.0 > 8) {
            Ok(reading) => reading,
            Err(at) => self.first_reading(lexicon, text, span, key, at),
        })
    }

    /// The reading of a word met for the first time, kept at the empty slot `at`.
    #[inline(never)]
    fn first_reading(
        &mut self,
        lexicon: &Lexicon,
        text: &str,
        span: (usize, usize),
        key: [u64; 2],
        at: usize,
    ) -> Reading {
        let word = &text.as_bytes()[span.0..span.1];
        let len = word.len();
        let (first, last) = (word[0], word[len - 1]);
        let event_free =
            !lexicon.may_be_event_word(first.to_ascii_lowercase(), last.to_ascii_lowercase(), len);
        let short = Short::read(text.as_bytes(), span.0, span.1);
        let kept = self.kept.len();
        let form = match self.word(lexicon, text, span, short) {
            Some(form) => self.intern(form, kept),
            None => NONE,
        };
        let reading = Reading {
            prefix: self.spellings.forms.prefix_of(form),
            form,
            event_free,
            cased: false,
            spelled: false,
        };
        if let Some(packed) = Spellings::pack(reading) {
            self.spellings.slots[at] = [key[0], packed];
            self.spellings.highs[at] = key[1];
            self.spellings.full += 1;
        }
        reading
    }
}

/// How a word of at most sixteen ASCII bytes reads: the number of its context form in the
/// [`FormTable`] (or [`NONE`] for a stop word) and the form's [`prefix`] (0 for none), so that
/// the form's entry need not be read; whether it is no event word (for a word of the
/// [`Spellings`]: whether its shape is no event word's); and, for a word of the
/// [`ContextTables`] (read in lower case), whether it may read otherwise when written with
/// capitals.
#[derive(Debug, Clone, Copy, Default)]
struct Reading {
    prefix: u64,
    form: u32,
    event_free: bool,
    cased: bool,
    /// No word of the [`ContextTables`]: read through the [`Spellings`] or on its own.
    spelled: bool,
}

/// The reading [`ContextTables::reading_or_spelled`] gives a token that is no word of the
/// vocabulary.
const SPELLED: Reading = Reading {
    prefix: 0,
    form: NONE,
    event_free: true,
    cased: false,
    spelled: true,
};

/// A mention with the token range it covers (once its sentence is read).
struct Located<'a> {
    mention: &'a Mention,
    first: usize,
    last: usize,
}

/// What `context` knows of the words of a [`Vocabulary`], per word number; built with the
/// extractors ([`crate::extract::Extractors::new`]). A token whose word is known is read with one
/// look-up here; the others (no word of the vocabulary, or a word whose context form depends on
/// its case when written with capitals) are read through the thread's spelling cache.
#[derive(Debug, Default)]
pub struct ContextTables {
    /// Told apart from every other build, so that a thread's forms made with other tables are
    /// never taken for these (0 for the empty tables).
    id: u64,
    /// Per word number: how the word reads in lower case.
    readings: Vec<Reading>,
    /// The context forms of the words, numbered as in `readings`: a thread's [`FormTable`]
    /// starts as a copy of it.
    forms: FormTable,
}

impl ContextTables {
    /// The tables of `lexicon`'s words, each word added to `vocabulary`: the stop words and the
    /// first words of the event aliases; then a reading of every word of the vocabulary,
    /// whichever stage added it (built last, once the extractors have added theirs). The place
    /// and organisation names are not added: most are read as mentions, and a larger
    /// vocabulary makes every token's look-up slower.
    pub fn new(lexicon: &Lexicon, vocabulary: &mut Vocabulary) -> ContextTables {
        for word in STOPWORDS {
            vocabulary.add(word);
        }
        for (key, _) in lexicon.variants(AliasCategory::Event) {
            vocabulary.add(key.split(' ').next().unwrap_or(key));
        }
        // The lower-case words some capitalisation of which names a place or organisation (or
        // is a unit variant with capitals): written with capitals, such a word is read on its
        // own, as the lexicon's table of context names is keyed as written.
        let mut cased = rustc_hash::FxHashSet::default();
        for category in [
            AliasCategory::Unit,
            AliasCategory::Organisation,
            AliasCategory::Place,
        ] {
            for (key, _) in lexicon.variants(category) {
                if !key.is_ascii() {
                    continue;
                }
                if category != AliasCategory::Unit || key.bytes().any(|b| b.is_ascii_uppercase()) {
                    cased.insert(key.to_ascii_lowercase());
                }
            }
        }
        let vocabulary = &*vocabulary;
        let mut forms = Forms::new();
        let readings = (0..vocabulary.len())
            .map(|id| {
                let word = vocabulary.word(id as WordId).unwrap_or_default();
                let kept = forms.kept.len();
                let short = Short::read(word.as_bytes(), 0, word.len());
                let form = match forms.word(lexicon, word, (0, word.len()), short) {
                    Some(form) => forms.intern(form, kept),
                    None => NONE,
                };
                Reading {
                    prefix: forms.spellings.forms.prefix_of(form),
                    form,
                    event_free: lexicon.event_word(word).is_none(),
                    // A possessive written "'S" keeps its ending: read on its own too.
                    cased: word.ends_with("'s") || cased.contains(word),
                    spelled: false,
                }
            })
            .collect();
        static BUILT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
        ContextTables {
            id: BUILT.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
            readings,
            forms: forms.spellings.forms,
        }
    }

    /// The reading of the token at `span` of `text`, whose word number is `word`, if it is a
    /// word of the vocabulary read as its lower case is.
    #[inline(always)]
    fn reading(&self, word: WordId, text: &[u8], span: (usize, usize)) -> Option<Reading> {
        let reading = self.readings.get(word as usize)?;
        let as_lower = !reading.cased || Self::reads_as_lower(text, span);
        as_lower.then_some(*reading)
    }

    /// Whether the word at `span` of `text` has no capitals (a word of the vocabulary that is
    /// [`Reading::cased`] then reads as its lower case does).
    #[inline(always)]
    fn reads_as_lower(text: &[u8], (start, end): (usize, usize)) -> bool {
        text.get(start..end)
            .is_some_and(|bytes| !bytes.iter().any(u8::is_ascii_uppercase))
    }

    /// The reading of word number `word` in lower case, or [`SPELLED`] for a token that is no
    /// word of the vocabulary: a choice of where to load from, not a branch.
    #[inline(always)]
    fn reading_or_spelled(&self, word: WordId) -> &Reading {
        self.readings.get(word as usize).unwrap_or(&SPELLED)
    }
}

/// Fills `claim.context` for every claim of one document; `words` holds the number of each of
/// its tokens in the vocabulary `tables` were built with.
pub fn attach(
    doc: &Document,
    lexicon: &Lexicon,
    tables: &ContextTables,
    words: &[WordId],
    claims: &mut [Claim],
    mentions: &[Mention],
) {
    let tokens = &doc.tokens;
    // The token ranges are found when the mention's sentence is read (the other sentences'
    // mentions are only named).
    let mut located: Vec<Located> = mentions
        .iter()
        .map(|m| Located {
            mention: m,
            first: 0,
            last: 0,
        })
        .collect();
    let event_times: Vec<(usize, chrono::NaiveDate, chrono::NaiveDate)> = claims
        .iter()
        .filter_map(|c| {
            let t = c.time()?;
            (t.role == TimeRole::Event).then_some((c.sentence, t.start?, t.end?))
        })
        .collect();
    let starts = mention_starts(doc, &located);
    let mut found = Vec::new();
    let mut walked = None;
    let mut sentences = Sentences::new(doc, lexicon, tables, BUFFERS.with(|b| b.take()));
    for claim in claims.iter_mut() {
        if claim.sentence >= doc.sentences.len() || tokens.is_empty() {
            continue;
        }
        let read = sentences.read(
            doc,
            (lexicon, tables, words),
            &mut located,
            &starts,
            claim.sentence,
        );
        // Claims come in text order: the tokens of the one before in the same sentence, else
        // the sentence's first token, are where the walk to this one's starts.
        let from = walked
            .filter(|&w| read.tokens.contains(&w))
            .unwrap_or(read.tokens.start);
        let overlapping = overlapping_from(tokens, from, claim.span);
        walked = Some(overlapping.start);
        let (first, last) = token_range(tokens, overlapping.clone());
        let here = &located[read.mentions.clone()];
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
            &starts,
            here,
            (first, last),
            claim.sentence,
            modifier.map(|m| m.mention.span),
            &mut found,
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
        claim.context.event = sentences
            .event(doc, lexicon, &read, first, last)
            .map(str::to_string);
        claim.context.times = times;
        claim.context.words = sentences.words(&read, (first, last), overlapping);
    }
    BUFFERS.with(|b| *b.borrow_mut() = sentences.into_buffers());
}

/// The tokens a span overlaps (tokens are in text order and do not overlap one another).
fn overlapping_tokens(tokens: &[Token], span: Span) -> std::ops::Range<usize> {
    let a = tokens.partition_point(|t| t.span.end <= span.start);
    let b = tokens.partition_point(|t| t.span.start < span.end);
    a..b
}

/// [`overlapping_tokens`] found by walking forward from token `from` (which spans often start
/// at or just before): when the token before `from` ends at or before the span's start, no
/// token before it overlaps the span; else (or after a long walk) they are sought among all.
fn overlapping_from(tokens: &[Token], from: usize, span: Span) -> std::ops::Range<usize> {
    /// How many tokens are walked over before the rest is sought by halves.
    const WALK: usize = 32;
    let before_span = |t: &Token| t.span.end <= span.start;
    let in_span = |t: &Token| t.span.start < span.end;
    // Both bounds hold for every token before `from` only if they hold for the one before it.
    if from > tokens.len()
        || from > 0 && !(before_span(&tokens[from - 1]) && in_span(&tokens[from - 1]))
    {
        return overlapping_tokens(tokens, span);
    }
    let rest = &tokens[from..];
    let near = &rest[..rest.len().min(WALK)];
    let a = match near.iter().position(|t| !before_span(t)) {
        Some(a) => a,
        None if near.len() == rest.len() => rest.len(),
        None => return overlapping_tokens(tokens, span),
    };
    // The tokens before `a` start before the span ends whenever the one before `a` does.
    if a > 0 && !in_span(&rest[a - 1]) {
        return overlapping_tokens(tokens, span);
    }
    let after = &rest[a..];
    let b = match after.iter().take(WALK).position(|t| !in_span(t)) {
        Some(b) => b,
        None if after.len() <= WALK => after.len(),
        None => return overlapping_tokens(tokens, span),
    };
    from + a..from + a + b
}

/// The tokens of sentence `s` (tokens are in sentence order), found from where the sentence read
/// before it (`before`, with the end of its tokens) ends when that one is the sentence right
/// before, and its end sought among the next few tokens first.
fn sentence_tokens(
    tokens: &[Token],
    s: usize,
    before: Option<(usize, usize)>,
) -> std::ops::Range<usize> {
    let start = match before {
        Some((p, end)) if p + 1 == s => end,
        _ => tokens.partition_point(|t| t.sentence < s),
    };
    let rest = tokens.get(start..).unwrap_or_default();
    let near = &rest[..rest.len().min(64)];
    let end = if near.last().is_some_and(|t| t.sentence > s) {
        near.partition_point(|t| t.sentence <= s)
    } else {
        rest.partition_point(|t| t.sentence <= s)
    };
    start..start + end
}

/// The tokens `[first, last]` a span covers, from its [`overlapping_tokens`] (the nearest token
/// when it covers none).
fn token_range(tokens: &[Token], overlapping: std::ops::Range<usize>) -> (usize, usize) {
    let first = overlapping.start.min(tokens.len().saturating_sub(1));
    let last = overlapping.end.saturating_sub(1).max(first);
    (first, last)
}

/// Where each sentence's mentions start among the located mentions (in text order), and where
/// the last one's end: one pass over both.
fn mention_starts(doc: &Document, located: &[Located]) -> Vec<usize> {
    let mut starts = Vec::with_capacity(doc.sentences.len() + 1);
    let mut at = 0;
    for s in 0..=doc.sentences.len() {
        while at < located.len() && located[at].mention.sentence < s {
            at += 1;
        }
        starts.push(at);
    }
    starts
}

/// The mentions of sentence `s` (a sentence of the document), from their [`mention_starts`].
fn sentence_mentions(starts: &[usize], s: usize) -> std::ops::Range<usize> {
    starts[s]..starts[s + 1]
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
    let noun = match unit.as_bytes().iter().rposition(|&b| b == b' ') {
        Some(space) => &unit[space + 1..],
        None => unit,
    };
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
///
/// `found` is room for the candidates, kept from claim to claim.
#[allow(clippy::too_many_arguments)]
fn places<'a>(
    doc: &Document,
    located: &[Located<'a>],
    mention_starts: &[usize],
    here: &[Located<'a>],
    (first, last): (usize, usize),
    s: usize,
    modifier: Option<Span>,
    found: &mut Vec<(usize, usize, &'a str)>,
) -> Vec<String> {
    let mut nearest = |pick: fn(&Located, Option<Span>) -> bool| {
        found.clear();
        for l in here {
            if l.mention.category != MentionCategory::Place || !pick(l, modifier) {
                continue;
            }
            let d = distance(l.first, l.last, first, last);
            if d > 0 {
                found.push((d, l.first, l.mention.canonical.as_str()));
            }
        }
        found.sort();
        let mut names: Vec<String> = Vec::new();
        for (_, _, name) in found.iter() {
            if !names.iter().any(|n| n == name) {
                names.push(name.to_string());
            }
        }
        names
    };
    let locative = nearest(|l, _| l.mention.locative);
    if !locative.is_empty() {
        return locative;
    }
    let demonym = nearest(|l, modifier| l.mention.demonym && Some(l.mention.span) != modifier);
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
        for l in located[sentence_mentions(mention_starts, p)].iter().rev() {
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

/// No distinct word (a token that is no context word) or no event word looked up yet.
const NONE: u32 = u32::MAX;

/// Where the reading of one sentence with a claim lies in [`Sentences`].
#[derive(Debug, Clone)]
struct Read {
    /// Its tokens.
    tokens: std::ops::Range<usize>,
    /// Its mentions in the document's located mentions.
    mentions: std::ops::Range<usize>,
    /// Where its first token's slot is in [`Sentences::occurrences`] and [`Sentences::events`].
    slots: usize,
    /// Its distinct context words in [`Sentences::distinct`], sorted.
    distinct: std::ops::Range<usize>,
    /// Its tokens that may be event words in [`Sentences::candidates`], in text order.
    candidates: std::ops::Range<usize>,
}

/// A distinct context word of a sentence: its bytes in [`Sentences::joined`] and how many of
/// the sentence's tokens stand for it.
#[derive(Debug, Clone, Copy)]
struct Distinct {
    start: usize,
    end: usize,
    count: u32,
}

/// The sentences with a claim, each read once for all its claims: its context words (each word
/// token's form, or for a token that opens a named place or organisation the mention's
/// lower-case name) sorted, deduplicated and joined by spaces, with the distinct word each token
/// stands for; and each token's event word, looked up on first need. A claim's words are the
/// joined words less the few its own tokens (or, in a very long sentence, the tokens out of its
/// window) alone stand for: copied in runs, not word by word.
struct Sentences<'t> {
    forms: Forms,
    /// Per sentence of the document: its [`Read`] in `reads`, or [`NONE`] if not read yet.
    read: Vec<u32>,
    reads: Vec<Read>,
    /// The distinct words of each read sentence, each after a space, one sentence after another.
    joined: String,
    distinct: Vec<Distinct>,
    /// Per token of a read sentence: the distinct word it stands for, or [`NONE`].
    occurrences: Vec<u32>,
    /// The word tokens of the read sentences that may be event words: the others' shape is no
    /// event word's.
    candidates: Vec<usize>,
    /// Per token of a read sentence: [`NONE`] if not looked up yet, `NONE - 1` if it is no
    /// event word, else its event word's position in `event_words`.
    events: Vec<u32>,
    event_words: Vec<&'t EventWord>,
    /// The sort keys of a sentence's words while it is read: the first five bytes of a word's
    /// [`prefix`] over its token (from the sentence's first), whose slot in `occurrences` holds
    /// the number of its form until the word's distinct word is known.
    keys: Vec<u64>,
    /// The tokens of a sentence put aside while it is read (by offset), read one by one after
    /// the others.
    pending: Vec<u32>,
    /// The event-word candidates among the tokens put aside.
    found_later: Vec<usize>,
    /// Per token of the sentence being read: whether a mention covers it.
    covered: Vec<bool>,
    /// The distinct words a claim leaves out.
    dropped: Vec<u32>,
    /// Per distinct word: the claim (by `stamp`) that keeps it, for a window within a sentence.
    marks: Vec<u32>,
    stamp: u32,
    /// An event phrase of several words being looked up.
    phrase: String,
    /// The sentence read last, and the end of its tokens.
    last_read: Option<(usize, usize)>,
}

/// The buffers of [`Sentences`] that borrow nothing, kept by each thread from one document to
/// the next: reading a document allocates nearly nothing once its thread has read a longer one.
#[derive(Debug, Default)]
struct Buffers {
    kept: String,
    read: Vec<u32>,
    reads: Vec<Read>,
    joined: String,
    distinct: Vec<Distinct>,
    occurrences: Vec<u32>,
    events: Vec<u32>,
    candidates: Vec<usize>,
    keys: Vec<u64>,
    pending: Vec<u32>,
    found_later: Vec<usize>,
    covered: Vec<bool>,
    dropped: Vec<u32>,
    marks: Vec<u32>,
    phrase: String,
    spellings: Spellings,
}

thread_local! {
    static BUFFERS: std::cell::RefCell<Buffers> = std::cell::RefCell::default();
}

impl<'t> Sentences<'t> {
    /// Ready for `doc` read with `lexicon`, in the buffers a previous document left.
    fn new(
        doc: &Document,
        lexicon: &Lexicon,
        tables: &ContextTables,
        buffers: Buffers,
    ) -> Sentences<'t> {
        let Buffers {
            mut kept,
            mut read,
            mut reads,
            mut joined,
            mut distinct,
            mut occurrences,
            mut events,
            mut candidates,
            mut keys,
            pending,
            found_later,
            covered,
            mut dropped,
            mut marks,
            mut phrase,
            mut spellings,
        } = buffers;
        spellings.ready(lexicon, tables);
        for buffer in [&mut kept, &mut joined, &mut phrase] {
            buffer.clear();
        }
        for buffer in [
            &mut read,
            &mut occurrences,
            &mut events,
            &mut dropped,
            &mut marks,
        ] {
            buffer.clear();
        }
        read.resize(doc.sentences.len(), NONE);
        reads.clear();
        distinct.clear();
        candidates.clear();
        keys.clear();
        Sentences {
            forms: Forms {
                kept,
                stop_words: StopWords::get(),
                spellings,
            },
            read,
            reads,
            joined,
            distinct,
            occurrences,
            events,
            candidates,
            event_words: Vec::new(),
            keys,
            pending,
            found_later,
            covered,
            dropped,
            marks,
            stamp: 0,
            phrase,
            last_read: None,
        }
    }

    /// The buffers, for the next document.
    fn into_buffers(self) -> Buffers {
        Buffers {
            kept: self.forms.kept,
            read: self.read,
            reads: self.reads,
            joined: self.joined,
            distinct: self.distinct,
            occurrences: self.occurrences,
            events: self.events,
            candidates: self.candidates,
            keys: self.keys,
            pending: self.pending,
            found_later: self.found_later,
            covered: self.covered,
            dropped: self.dropped,
            marks: self.marks,
            phrase: self.phrase,
            spellings: self.forms.spellings,
        }
    }

    /// Sentence `s` read (on first need), with the lexicon, the context tables and the word
    /// number of each token of the document.
    fn read(
        &mut self,
        doc: &'t Document,
        vocabulary: (&'t Lexicon, &ContextTables, &[WordId]),
        located: &mut [Located<'t>],
        mention_starts: &[usize],
        s: usize,
    ) -> Read {
        if self.read[s] == NONE {
            self.read[s] = self.reads.len() as u32;
            let read = self.read_words(doc, vocabulary, located, mention_starts, s);
            self.reads.push(read);
        }
        self.reads[self.read[s] as usize].clone()
    }

    fn read_words(
        &mut self,
        doc: &'t Document,
        (lexicon, tables, word_numbers): (&'t Lexicon, &ContextTables, &[WordId]),
        located: &mut [Located<'t>],
        mention_starts: &[usize],
        s: usize,
    ) -> Read {
        let mentions = sentence_mentions(mention_starts, s);
        let tokens = sentence_tokens(&doc.tokens, s, self.last_read);
        let (start, end) = (tokens.start, tokens.end);
        self.last_read = Some((s, end));
        // The mentions are in text order: each one's tokens are sought from the one's before.
        let mut from = start;
        for l in &mut located[mentions.clone()] {
            let overlapping = overlapping_from(&doc.tokens, from, l.mention.span);
            from = overlapping.start;
            (l.first, l.last) = token_range(&doc.tokens, overlapping);
        }
        let here = &located[mentions.clone()];
        let text = doc.text();
        let slots = self.occurrences.len();
        self.occurrences.resize(slots + (end - start), NONE);
        self.events.resize(slots + (end - start), NONE);
        let candidates = self.candidates.len();
        self.keys.clear();
        // A word's key is the first five bytes of its form (the top ones of its prefix) over its
        // token; a sentence of more tokens than two bytes count is keyed by token alone. Sorted,
        // words with different starts are in the order of their text; a run of one start with
        // more than one form is put in that order as it is reached.
        let (low, prefix_mask) = if end - start <= 0x1_0000 {
            (0xFFFF, !Spellings::BELOW_PREFIX)
        } else {
            (u64::MAX, 0)
        };
        // Local buffers, so that the loops keep their ends in registers.
        let mut keys = std::mem::take(&mut self.keys);
        let mut found = std::mem::take(&mut self.candidates);
        let mut pending = std::mem::take(&mut self.pending);
        let mut found_later = std::mem::take(&mut self.found_later);
        found_later.clear();
        // The tokens some mention covers: read one by one, after the others.
        let covered = &mut self.covered;
        covered.clear();
        covered.resize(end - start, false);
        for l in here {
            let (a, b) = (l.first.max(start), (l.last + 1).min(end));
            for c in covered
                .get_mut(a - start..b.max(a) - start)
                .unwrap_or_default()
            {
                *c = true;
            }
        }
        let words = &mut self.occurrences[slots..];
        // First every token of a word of the vocabulary read as its lower case is, outside the
        // mentions: its reading and key written whatever it is, and kept by advancing the ends
        // by flags (no branch on whether it is a word, a known word or a stop word). The other
        // word tokens are put aside.
        keys.resize(end - start, 0);
        pending.resize(end - start, 0);
        let (mut kept, mut put_aside) = (0, 0);
        for (offset, t) in doc.tokens[start..end].iter().enumerate() {
            let span = (t.span.start, t.span.end);
            let word = word_numbers.get(start + offset).copied().unwrap_or(UNREAD);
            let reading = tables.reading_or_spelled(word);
            let mut aside = reading.spelled | covered[offset];
            if reading.cased && !ContextTables::reads_as_lower(text.as_bytes(), span) {
                aside = true;
            }
            let is_word = t.kind == TokenKind::Word;
            let read_here = is_word & !aside;
            pending[put_aside] = offset as u32;
            put_aside += usize::from(is_word & aside);
            keys[kept] = reading.prefix & prefix_mask | offset as u64;
            kept += usize::from(read_here & (reading.form != NONE));
            words[offset] = if read_here { reading.form } else { NONE };
            if read_here & !reading.event_free {
                found.push(start + offset);
            }
        }
        keys.truncate(kept);
        let mut m = 0;
        for &offset in &pending[..put_aside] {
            let offset = offset as usize;
            let k = start + offset;
            let t = &doc.tokens[k];
            let span = (t.span.start, t.span.end);
            // A word of the vocabulary is read from its number; another word of at most sixteen
            // ASCII bytes read before is read as it was then.
            let word = word_numbers.get(k).copied().unwrap_or(UNREAD);
            let spelling = tables
                .reading(word, text.as_bytes(), span)
                .or_else(|| self.forms.spelling(lexicon, text, span));
            if !covered[offset]
                && let Some(reading) = spelling
            {
                if !reading.event_free {
                    found_later.push(k);
                }
                if reading.form != NONE {
                    keys.push(reading.prefix & prefix_mask | offset as u64);
                    words[offset] = reading.form;
                }
                continue;
            }
            // An ASCII word no event word resembles is none: not even looked up.
            let short = match spelling {
                Some(_) => None,
                None => Short::read(text.as_bytes(), span.0, span.1),
            };
            let event_free = match (spelling, short) {
                (Some(reading), _) => reading.event_free,
                (None, Some(Short { lower, .. })) => {
                    let len = span.1 - span.0;
                    let last = lower.checked_shr(8 * len.wrapping_sub(1) as u32);
                    last.is_some_and(|last| {
                        !lexicon.may_be_event_word(lower as u8, last as u8, len)
                    })
                }
                (None, None) => text.as_bytes().get(span.0..span.1).is_some_and(|bytes| {
                    let (first, last) = (bytes[0], bytes[bytes.len() - 1]);
                    first.is_ascii()
                        && last.is_ascii()
                        && !lexicon.may_be_event_word(
                            first.to_ascii_lowercase(),
                            last.to_ascii_lowercase(),
                            bytes.len(),
                        )
                        && bytes.is_ascii()
                }),
            };
            if !event_free {
                found_later.push(k);
            }
            while m < here.len() && here[m].last < k {
                m += 1;
            }
            let kept = self.forms.kept.len();
            let form = if let Some(l) = here
                .get(m)
                .filter(|l| l.first <= k && l.mention.category != MentionCategory::Person)
            {
                if l.first != k {
                    continue;
                }
                let form = self.forms.lower(&l.mention.canonical);
                self.forms.intern(form, kept)
            } else if let Some(reading) = spelling {
                if reading.form == NONE {
                    continue;
                }
                reading.form
            } else {
                match self.forms.word(lexicon, text, span, short) {
                    Some(form) => self.forms.intern(form, kept),
                    None => continue,
                }
            };
            let prefix = self.forms.spellings.forms.prefix(form);
            keys.push(prefix & prefix_mask | offset as u64);
            words[offset] = form;
        }
        // The event candidates of both loops, in text order again.
        if !found_later.is_empty() {
            let read_first = found.len() > candidates;
            found.extend_from_slice(&found_later);
            if read_first {
                found[candidates..].sort_unstable();
            }
        }
        self.pending = pending;
        self.found_later = found_later;
        self.keys = keys;
        self.candidates = found;
        let (occurrences, keys) = (&mut self.occurrences, &mut self.keys);
        keys.sort_unstable();
        let table = &self.forms.spellings.forms;
        let first = self.distinct.len();
        let mut previous = NONE;
        let mut sorted = 0;
        for i in 0..keys.len() {
            let start_bytes = keys[i] & !low;
            if i >= sorted
                && keys
                    .get(i + 1)
                    .is_some_and(|&next| next & !low == start_bytes)
            {
                let n = keys[i..]
                    .iter()
                    .take_while(|&&x| x & !low == start_bytes)
                    .count();
                let run = &mut keys[i..i + n];
                let form_of = |key: u64| occurrences[slots + (key & low) as usize];
                let one = form_of(run[0]);
                if run[1..].iter().any(|&x| form_of(x) != one) {
                    run.sort_unstable_by(|&x, &y| {
                        table.text(form_of(x)).cmp(table.text(form_of(y)))
                    });
                }
                sorted = i + n;
            }
            // Equal forms have one number: a new number is a new word.
            let slot = slots + (keys[i] & low) as usize;
            let form = occurrences[slot];
            if form != previous {
                // After a space: the sentence's words start one byte in.
                let at = self.joined.len() + 1;
                table.push_spaced(form, &mut self.joined);
                self.distinct.push(Distinct {
                    start: at,
                    end: self.joined.len(),
                    count: 1,
                });
                previous = form;
            } else if let Some(last) = self.distinct.last_mut() {
                last.count += 1;
            }
            occurrences[slot] = (self.distinct.len() - 1) as u32;
        }
        Read {
            tokens: start..end,
            mentions,
            slots,
            distinct: first..self.distinct.len(),
            candidates: candidates..self.candidates.len(),
        }
    }

    /// The content words of a read sentence (at most [`WORDS_WINDOW`] tokens either side of the
    /// claim) without the claim's own tokens: sorted, deduplicated, space-joined. A named place
    /// or organisation counts as its canonical name. `[first, last]` are the claim's tokens as
    /// [`token_range`] gives them, `claim` the tokens its span overlaps (the ones left out).
    fn words(
        &mut self,
        read: &Read,
        (first, last): (usize, usize),
        claim: std::ops::Range<usize>,
    ) -> String {
        let (from, to) = (first.saturating_sub(WORDS_WINDOW), last + WORDS_WINDOW);
        let tokens = &read.tokens;
        let slot = |k: usize| read.slots + (k - tokens.start);
        self.dropped.clear();
        if from <= tokens.start && to + 1 >= tokens.end {
            // The whole sentence is in the window: a word is left out when the claim's tokens
            // are all the tokens that stand for it.
            let (a, b) = (claim.start.max(tokens.start), claim.end.min(tokens.end));
            for k in a..b.max(a) {
                let d = self.occurrences[slot(k)];
                if d != NONE {
                    self.dropped.push(d);
                }
            }
            self.dropped.sort_unstable();
            let mut kept = 0;
            let mut i = 0;
            while i < self.dropped.len() {
                let d = self.dropped[i];
                let n = self.dropped[i..].iter().take_while(|&&x| x == d).count();
                if n as u32 == self.distinct[d as usize].count {
                    self.dropped[kept] = d;
                    kept += 1;
                }
                i += n;
            }
            self.dropped.truncate(kept);
        } else {
            // A window within the sentence: mark the words of the tokens it keeps.
            self.stamp = self.stamp.wrapping_add(1);
            if self.stamp == 0 {
                self.marks.fill(0);
                self.stamp = 1;
            }
            if self.marks.len() < self.distinct.len() {
                self.marks.resize(self.distinct.len(), 0);
            }
            let (a, b) = (from.max(tokens.start), (to + 1).min(tokens.end));
            for k in a..b.max(a) {
                let d = self.occurrences[slot(k)];
                if d != NONE && !claim.contains(&k) {
                    self.marks[d as usize] = self.stamp;
                }
            }
            let (marks, stamp) = (&self.marks, self.stamp);
            self.dropped.extend(
                read.distinct
                    .clone()
                    .filter(|&d| marks[d] != stamp)
                    .map(|d| d as u32),
            );
        }
        // The kept words in runs between the dropped ones, each run one copy. Their length: the
        // sentence's words less each dropped one and a space.
        let distinct = &self.distinct;
        let (Some(first), Some(last)) = (
            distinct.get(read.distinct.start),
            distinct.get(read.distinct.end.wrapping_sub(1)),
        ) else {
            return String::new();
        };
        let dropped: usize = self
            .dropped
            .iter()
            .map(|&x| distinct[x as usize].end - distinct[x as usize].start + 1)
            .sum();
        let mut out = String::with_capacity((last.end - first.start).saturating_sub(dropped));
        let mut d = read.distinct.start;
        let mut runs = 0;
        for x in self
            .dropped
            .iter()
            .map(|&x| x as usize)
            .chain([read.distinct.end])
        {
            if x > d {
                if runs > 0 {
                    out.push(' ');
                }
                out.push_str(&self.joined[distinct[d].start..distinct[x - 1].end]);
                runs += 1;
            }
            d = x + 1;
        }
        out
    }

    /// The event word of token `k` of a read sentence, looked up on first need.
    fn event_word(
        &mut self,
        doc: &Document,
        lexicon: &'t Lexicon,
        read: &Read,
        k: usize,
    ) -> Option<&'t EventWord> {
        let slot = read.slots + (k - read.tokens.start);
        if self.events[slot] == NONE {
            self.events[slot] = match lexicon.event_word(doc.token_text(&doc.tokens[k])) {
                Some(word) => {
                    self.event_words.push(word);
                    self.event_words.len() as u32 - 1
                }
                None => NONE - 1,
            };
        }
        self.event_words.get(self.events[slot] as usize).copied()
    }

    /// The event class of the nearest event word (or two- or three-word phrase) within
    /// [`EVENT_WINDOW`] tokens of the claim at `[first, last]` in a read sentence (the earlier
    /// on a tie), from the sentence's few tokens that may be event words.
    fn event(
        &mut self,
        doc: &Document,
        lexicon: &'t Lexicon,
        read: &Read,
        first: usize,
        last: usize,
    ) -> Option<&'t str> {
        let from = first.saturating_sub(EVENT_WINDOW);
        let to = (last + EVENT_WINDOW).min(doc.tokens.len().saturating_sub(1));
        let mut best: Option<(usize, &str)> = None;
        for c in read.candidates.clone() {
            let k = self.candidates[c];
            if k < from || k > to || (first..=last).contains(&k) {
                continue;
            }
            let d = distance(k, k, first, last);
            if best.is_some_and(|(bd, _)| bd <= d) {
                continue;
            }
            if let Some(class) = self.event_at(doc, lexicon, read, (first, last), k) {
                best = Some((d, class));
            }
        }
        best.map(|(_, class)| class)
    }

    /// The event class of the longest event word or phrase at word token `k` of a read
    /// sentence, not running into the claim at `[first, last]`.
    fn event_at(
        &mut self,
        doc: &Document,
        lexicon: &'t Lexicon,
        read: &Read,
        (first, last): (usize, usize),
        k: usize,
    ) -> Option<&'t str> {
        let tokens = &doc.tokens;
        let word = self.event_word(doc, lexicon, read, k)?;
        let mut class = word.class.as_deref();
        if word.starts_phrase {
            for j in k + 1..k + 3 {
                if !read.tokens.contains(&j)
                    || tokens[j].kind != TokenKind::Word
                    || (first..=last).contains(&j)
                {
                    break;
                }
                let phrase = &mut self.phrase;
                phrase.clear();
                for (i, t) in tokens[k..=j].iter().enumerate() {
                    if i > 0 {
                        phrase.push(' ');
                    }
                    phrase.push_str(doc.token_text(t));
                }
                if let Some(c) = lexicon.canonical(AliasCategory::Event, phrase) {
                    class = Some(c);
                }
            }
        }
        class
    }
}

#[cfg(test)]
mod tests {
    use super::*;
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
        let extractors = lexicon.extractors();
        let words = extractors.words(&doc);
        let (_, mentions) = extractors.entity.extract(&doc, 0, &words);
        let start = text.find(number).expect("number in text");
        let span = Span::new(start, start + number.len());
        let mut q = Quantity::count(0.0);
        q.unit_text = Some(unit.to_string());
        let mut claims = vec![Claim::new(
            0,
            number,
            span,
            doc.sentence_at(start),
            ClaimDetail::Quantity(q.into()),
        )];
        claims.extend(extra);
        attach(
            &doc,
            &lexicon,
            extractors.context(),
            &words,
            &mut claims,
            &mentions,
        );
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
    fn words_of_one_start_are_sorted_and_counted_once() {
        let c = context(
            "The governor told the government, governments and the governor's governance: 12 troops.",
            "12",
            "troops",
        );
        assert_eq!(
            c.words,
            "governance government governments governor told troops"
        );
    }

    #[test]
    fn spelling_keys_tell_words_apart() {
        let long = b"ab cdefghijklmnopqrstuvwxyz";
        // Read from sixteen bytes or byte by byte near the end of the text: the same key.
        assert_eq!(Spellings::key(long, (0, 2)), Spellings::key(b"ab", (0, 2)));
        let nul = b"ab\0 ab";
        assert_ne!(Spellings::key(nul, (0, 3)), Spellings::key(nul, (4, 6)));
        // The low half of a key marks a full slot: never 0.
        assert!(Spellings::key(nul, (0, 3)).is_some_and(|[low, _]| low != 0));
        assert!(Spellings::key(b"\0", (0, 1)).is_some_and(|[low, _]| low != 0));
        assert_eq!(Spellings::key("né".as_bytes(), (0, 3)), None);
        assert_eq!(Spellings::key(long, (3, 20)), None);
        assert_eq!(Spellings::key(long, (3, 3)), None);
    }

    #[test]
    fn spellings_keep_readings_packed_and_words_apart() {
        let reading = |form, event_free| Reading {
            prefix: prefix("governments"),
            form,
            event_free,
            cased: false,
            spelled: false,
        };
        for (form, event_free) in [(0, true), (7, false), (NONE, true), ((1 << 23) - 2, false)] {
            let packed = Spellings::pack(reading(form, event_free)).unwrap();
            let back = Spellings::unpack(packed);
            assert_eq!((back.form, back.event_free), (form, event_free));
            assert_eq!(back.prefix, prefix("gover"));
        }
        assert_eq!(Spellings::pack(reading((1 << 23) - 1, true)), None);
        // Two words of one length and the same first eight bytes, and a shorter one, apart; a
        // word no slot holds is missing even when its low half is held.
        let lexicon = Ruleset::builtin().lexicon;
        let tables = ContextTables::default();
        let mut forms = Forms::new();
        forms.spellings.ready(&lexicon, &tables);
        let text = "governmental governmentaL governme governmentax";
        let spans = [(0, 12), (13, 25), (26, 34)];
        let read: Vec<Reading> = spans
            .iter()
            .map(|&span| forms.spelling(&lexicon, text, span).unwrap())
            .collect();
        let text_of = |forms: &Forms, r: &Reading| forms.spellings.forms.text(r.form).to_string();
        assert_eq!(text_of(&forms, &read[0]), "governmental");
        assert_eq!(text_of(&forms, &read[1]), "governmental");
        assert_eq!(text_of(&forms, &read[2]), "governme");
        for (&span, r) in spans.iter().zip(&read) {
            let key = Spellings::key(text.as_bytes(), span).unwrap();
            let found = forms.spellings.find(key, span.1 - span.0 > 8).unwrap();
            assert_eq!(found.form, r.form);
        }
        let missing = Spellings::key(text.as_bytes(), (35, 47)).unwrap();
        assert!(forms.spellings.find(missing, true).is_err());
    }

    #[test]
    fn known_words_read_as_their_spellings_do() {
        let lexicon = Ruleset::builtin().lexicon;
        let extractors = lexicon.extractors();
        let tables = extractors.context();
        let src = source(
            "us US Us the The THE killing Killing KILLING iraq Iraq IRAQ iraq's Iraq's IRAQ'S \
             troops Troops soldiers SOLDIERS daesh Daesh said Said SAID between Between",
        );
        let doc = segment(&src);
        let words = extractors.words(&doc);
        let mut forms = Forms::new();
        forms.spellings.ready(&lexicon, tables);
        let mut known = 0;
        for (t, &word) in doc.tokens.iter().zip(&words) {
            let span = (t.span.start, t.span.end);
            let spelled = forms
                .spelling(&lexicon, &src.text, span)
                .expect("short ASCII words");
            let Some(reading) = tables.reading(word, src.text.as_bytes(), span) else {
                continue;
            };
            known += 1;
            let text = doc.token_text(t);
            assert_eq!(reading.form, spelled.form, "{text}");
            assert_eq!(reading.prefix, spelled.prefix, "{text}");
            // The table knows event words; the spellings only their shapes.
            assert!(reading.event_free || !spelled.event_free, "{text}");
        }
        // The stop words, "killing" and the lower-case spellings at least.
        assert!(known >= 12, "{known}");
        let of = |text: &str| {
            let k = doc.tokens.iter().position(|t| doc.token_text(t) == text)?;
            let t = &doc.tokens[k];
            tables.reading(words[k], src.text.as_bytes(), (t.span.start, t.span.end))
        };
        assert!(of("killing").is_some_and(|r| !r.event_free));
        assert!(of("the").is_some_and(|r| r.form == NONE));
        // Written so, a possessive keeps its ending: read on its own.
        assert!(doc.tokens.iter().any(|t| doc.token_text(t) == "IRAQ'S"));
        assert!(of("IRAQ'S").is_none());
    }

    #[test]
    fn form_numbers_survive_the_index_growing() {
        let mut table = FormTable::default();
        let words: Vec<String> = (0..3000).map(|i| format!("w{i}")).collect();
        let numbers: Vec<u32> = words.iter().map(|w| table.intern(w)).collect();
        assert_eq!(table.len(), words.len());
        for (w, &n) in words.iter().zip(&numbers) {
            assert_eq!(table.intern(w), n, "{w}");
            assert_eq!(table.text(n), w);
            assert_eq!(table.spaced(n), format!(" {w}"));
            let mut joined = String::from("x");
            table.push_spaced(n, &mut joined);
            assert_eq!(joined, format!("x {w}"));
            assert_eq!(table.prefix(n), prefix(w));
        }
        // Joined from the short entries or, longer, from the spaced forms.
        for w in [
            "abcdefghijklmn",
            "abcdefghijklmno",
            "zürichzürich",
            "internationalisation",
        ] {
            let n = table.intern(w);
            let mut joined = String::from("x");
            table.push_spaced(n, &mut joined);
            assert_eq!(joined, format!("x {w}"));
        }
        let count = words.len() + 4;
        assert_eq!(table.len(), count);
        assert_eq!(table.intern(""), count as u32);
        assert_eq!(table.text(count as u32), "");
        assert_eq!(table.prefix_of(NONE), 0);
    }

    #[test]
    fn walked_token_ranges_are_the_searched_ones() {
        let src = source("In Baghdad, 3,000 US troops stay.  Then 40 left; the rest went home.");
        let doc = segment(&src);
        let tokens = &doc.tokens;
        let len = src.text.len();
        for start in 0..=len {
            for end in start..=(start + 12).min(len) {
                let span = Span::new(start, end);
                let searched = overlapping_tokens(tokens, span);
                for from in 0..=tokens.len() + 1 {
                    assert_eq!(
                        overlapping_from(tokens, from, span),
                        searched,
                        "{span:?} from {from}"
                    );
                }
            }
        }
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

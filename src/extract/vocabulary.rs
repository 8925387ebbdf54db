//! Vocabulary: every word the extractors and `context` look up, numbered once per lexicon, and
//! each token of a document read into its word's number in one pass.
//!
//! Takes the words each stage knows (lower-case ASCII, one to sixteen bytes), added while the
//! stages are built ([`Vocabulary::add`]); gives, per document, one [`WordId`] per token
//! ([`Vocabulary::read`], or [`TokenWords`] as segmentation emits each token): the number of
//! the word the token spells (case folded), [`UNKNOWN`] for an ASCII token of one to sixteen
//! bytes no stage knows, [`UNREAD`] for any other token (longer, or not ASCII), which a stage
//! reads its own way. Each stage keeps what it knows of a word in a table indexed by the
//! number, so that classifying a token costs one look-up for all stages together instead of one
//! per stage.

use crate::model::Token;

/// The number of a word in a [`Vocabulary`], or [`UNKNOWN`] or [`UNREAD`].
pub type WordId = u32;

/// An ASCII token of one to sixteen bytes that is no word of the vocabulary.
pub const UNKNOWN: WordId = u32::MAX - 1;

/// A token the vocabulary does not read: empty, longer than sixteen bytes, or not ASCII.
pub const UNREAD: WordId = u32::MAX;

/// The words of the stages, each with its number, in a cuckoo table: a word is in one of its
/// two places (`places`), so that a token is read with no branch that depends on whether the
/// vocabulary holds it (such a branch would be mispredicted for a good share of a text's
/// words). A place holds four bytes, the word's number and a fingerprint of its key's hash,
/// so that the table is small enough to stay in the first-level cache while a document is
/// segmented; the keys themselves are apart, by number, and read only where a fingerprint
/// matches (an unknown word reads the empty key, which stays cached).
#[derive(Debug, Clone)]
pub struct Vocabulary {
    /// Per place: 0 when empty, else `fingerprint | (number + 1)`, the number in the bits of
    /// `number_mask` and the fingerprint (hash bits) above them. Their number is a power of
    /// two, at least twice the number of words.
    places: Vec<u32>,
    /// Per number plus one: the word's key; `[0, 0]` (which is no word's key) at 0 and past
    /// the last word. As many as `number_mask + 1`, so that a masked number is always in it.
    keys: Vec<[u64; 2]>,
    /// The low bits of a place that hold a number plus one (a power of two less one).
    number_mask: u32,
    /// Per ASCII byte: the number of the one-byte word it spells ([`UNKNOWN`] if none), so
    /// that a punctuation mark is read without the table.
    bytes: [WordId; 128],
    /// Per number: the word.
    words: Vec<Box<str>>,
}

impl Default for Vocabulary {
    fn default() -> Vocabulary {
        Vocabulary::new()
    }
}

impl Vocabulary {
    /// log2 of the number of places of an empty vocabulary.
    const FIRST_BITS: u32 = 10;

    /// log2 of the fewest numbers a vocabulary makes room for.
    const FIRST_NUMBER_BITS: u32 = 8;

    /// How many times a word put in the table may move another before the table is made
    /// larger.
    const MOST_MOVES: usize = 64;

    pub fn new() -> Vocabulary {
        let number_mask = (1u32 << Self::FIRST_NUMBER_BITS) - 1;
        Vocabulary {
            places: vec![0; 1 << Self::FIRST_BITS],
            keys: vec![[0, 0]; number_mask as usize + 1],
            number_mask,
            bytes: [UNKNOWN; 128],
            words: Vec::new(),
        }
    }

    /// How many words it holds.
    pub fn len(&self) -> usize {
        self.words.len()
    }

    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// The number of `word` (case folded), given on first need; `None` for a word the
    /// vocabulary cannot hold (empty, longer than sixteen bytes, or not ASCII).
    pub fn add(&mut self, word: &str) -> Option<WordId> {
        let key = key(word.as_bytes(), 0, word.len())?;
        let held = self.number(key);
        if held != UNKNOWN {
            return Some(held);
        }
        let id = self.words.len() as WordId;
        self.words.push(word.to_ascii_lowercase().into_boxed_str());
        if let &[byte] = word.as_bytes() {
            self.bytes[usize::from(byte.to_ascii_lowercase())] = id;
            self.bytes[usize::from(byte.to_ascii_uppercase())] = id;
        }
        if (id as u64 + 1) > u64::from(self.number_mask) {
            // No room for the number in a place: more bits for numbers, every word put again.
            let bits = (u64::from(id) + 2).next_power_of_two().trailing_zeros();
            self.number_mask = (1u64 << bits).wrapping_sub(1) as u32;
            self.rebuild(
                self.places
                    .len()
                    .max(2 * self.words.len())
                    .next_power_of_two(),
            );
            return Some(id);
        }
        self.keys[id as usize + 1] = key;
        // At most half full: past that, two places per word often cannot hold them all.
        if 2 * self.words.len() > self.places.len() || !self.put(key, id) {
            self.rebuild(2 * self.places.len());
        }
        Some(id)
    }

    /// The number of `word` (case folded): [`UNKNOWN`] or [`UNREAD`] when it has none.
    pub fn get(&self, word: &str) -> WordId {
        self.token(word.as_bytes(), 0, word.len())
    }

    /// Word number `id`, lower-case.
    pub fn word(&self, id: WordId) -> Option<&str> {
        self.words.get(id as usize).map(|w| &**w)
    }

    /// The number of each of `tokens` of `text`, into `ids` (emptied first): one per token.
    pub fn read(&self, text: &str, tokens: &[Token], ids: &mut Vec<WordId>) {
        ids.clear();
        ids.reserve(tokens.len());
        let bytes = text.as_bytes();
        ids.extend(
            tokens
                .iter()
                .map(|t| self.token(bytes, t.span.start, t.span.end)),
        );
    }

    /// The number of the token at `start..end` of `text`: [`UNREAD`] if the vocabulary does not
    /// read it, [`UNKNOWN`] if it reads it and does not hold it.
    #[inline(always)]
    pub fn token(&self, text: &[u8], start: usize, end: usize) -> WordId {
        match key(text, start, end) {
            Some(key) => self.number(key),
            None => UNREAD,
        }
    }

    /// The number of the one-byte token `byte` (as [`Vocabulary::token`] reads it).
    #[inline(always)]
    pub fn ascii_byte(&self, byte: u8) -> WordId {
        self.bytes.get(usize::from(byte)).copied().unwrap_or(UNREAD)
    }

    /// The number of the word with `key`, or [`UNKNOWN`]: both its places read, each one's
    /// number kept where its fingerprint matches, the keys of both numbers read (the empty
    /// key for a place that does not match), and whichever equals `key` (if either does)
    /// taken, all without a branch.
    #[inline(always)]
    fn number(&self, key: [u64; 2]) -> WordId {
        let hash = hash(key);
        let (a, b) = places(hash, self.places.len());
        let mask = self.number_mask;
        let fingerprint = fingerprint(hash, mask);
        let candidate = |place: u32| {
            let matches = ((place ^ fingerprint) & !mask == 0) as u32;
            (place & mask) & matches.wrapping_neg()
        };
        let (a, b) = (candidate(self.places[a]), candidate(self.places[b]));
        let key_of = |n: u32| self.keys[(n & mask) as usize];
        // A number found is its place's number less one; numbers are below UNKNOWN, so that
        // one that is not found leaves UNKNOWN's bits alone.
        let is_a = WordId::from(key_of(a) == key).wrapping_neg();
        let is_b = WordId::from(key_of(b) == key).wrapping_neg();
        let found = (a.wrapping_sub(1) & is_a) | (b.wrapping_sub(1) & is_b);
        found | (UNKNOWN & !(is_a | is_b))
    }

    /// Puts word `id` with `key` in one of its places, moving the words in the way to their
    /// other place; `false` when that goes on for too long (the word then held is dropped from
    /// the table, and the table must be rebuilt from `words`).
    fn put(&mut self, key: [u64; 2], id: WordId) -> bool {
        let len = self.places.len();
        let mask = self.number_mask;
        let place_of = |key: [u64; 2], id: WordId| fingerprint(hash(key), mask) | (id + 1);
        let mut entry = place_of(key, id);
        let mut entry_key = key;
        let mut at = places(hash(key), len).0;
        for _ in 0..Self::MOST_MOVES {
            let (a, b) = places(hash(entry_key), len);
            for place in [a, b] {
                if self.places[place] == 0 {
                    self.places[place] = entry;
                    return true;
                }
            }
            std::mem::swap(&mut self.places[at], &mut entry);
            entry_key = self.keys[(entry & mask) as usize];
            let (a, b) = places(hash(entry_key), len);
            at = if a == at { b } else { a };
        }
        false
    }

    /// Every word put again into `places` empty places, or more until they fit.
    fn rebuild(&mut self, mut places: usize) {
        self.keys = vec![[0, 0]; self.number_mask as usize + 1];
        for (id, word) in self.words.iter().enumerate() {
            self.keys[id + 1] = key(word.as_bytes(), 0, word.len()).expect("a held word has a key");
        }
        'sizes: loop {
            self.places = vec![0; places];
            for id in 0..self.words.len() {
                if !self.put(self.keys[id + 1], id as WordId) {
                    places *= 2;
                    continue 'sizes;
                }
            }
            return;
        }
    }
}

/// The bits of `hash` that a place holds above a number, when numbers take the bits of `mask`:
/// the hash's low bits (its places come from its high ones).
#[inline(always)]
fn fingerprint(hash: u64, mask: u32) -> u32 {
    hash as u32 & !mask
}

/// A key's two places in a table of `len` places (a power of two, at most 2^32): the top bits
/// of its hash and the bits below them. (A multiplied hash's low bits depend only on the key's
/// first bytes, which many words share: "twenty-first", "twenty-second".)
#[inline(always)]
fn places(hash: u64, len: usize) -> (usize, usize) {
    let bits = len.trailing_zeros();
    let first = (hash >> (64 - bits)) as usize;
    let second = (hash >> (64 - 2 * bits)) as usize & (len - 1);
    (first, second)
}

/// A key's hash: its halves, each mixed with its own constant, multiplied into 128 bits, and
/// the product's two halves folded together, so that every bit of both places and of the
/// fingerprint depends on every byte of the word (a product's low bits depend only on the
/// factors' low bits, its high bits mostly on their high ones: folding the halves mixes both;
/// "mid-1234" and "mid-1243" differ in their last bytes only). One multiplication.
#[inline(always)]
fn hash([low, high]: [u64; 2]) -> u64 {
    let product =
        u128::from(low ^ 0x9E37_79B9_7F4A_7C15) * u128::from(high ^ 0xC2B2_AE3D_27D4_EB4F);
    (product as u64) ^ (product >> 64) as u64
}

/// The bytes `start..end` of `text` lower-cased as one number (two halves), if they are one to
/// sixteen ASCII bytes: [`written_key`] with capitals made small letters.
#[inline(always)]
pub fn key(text: &[u8], start: usize, end: usize) -> Option<[u64; 2]> {
    let ([low, high], tag) = ascii_bytes(text, start, end)?;
    Some([lower_case(low) | tag, lower_case(high)])
}

/// The bytes `start..end` of `text` as written, as one number (two halves), if they are one to
/// sixteen ASCII bytes: the bytes little-endian, with the length in the top bits of the first
/// five (free in ASCII), so that no two words share a key and no key is 0.
#[inline(always)]
pub fn written_key(text: &[u8], start: usize, end: usize) -> Option<[u64; 2]> {
    let ([low, high], tag) = ascii_bytes(text, start, end)?;
    Some([low | tag, high])
}

/// The bytes `start..end` of `text` little-endian in two halves (zeros past the word), and the
/// tag of their length ([`written_key`]), if they are one to sixteen ASCII bytes.
#[inline(always)]
fn ascii_bytes(text: &[u8], start: usize, end: usize) -> Option<([u64; 2], u64)> {
    /// Per length less one: the masks of its bytes in the low and the high half, and its tag.
    const KEYS: [(u64, u64, u64); 16] = {
        let mut keys = [(0, 0, 0); 16];
        let mut len = 1;
        while len <= 16 {
            let l = len as u64;
            let tag = (l & 1) << 7 | (l & 2) << 14 | (l & 4) << 21 | (l & 8) << 28 | (l & 16) << 35;
            let mask = u128::MAX >> (128 - 8 * len);
            keys[len - 1] = (mask as u64, (mask >> 64) as u64, tag);
            len += 1;
        }
        keys
    };
    let len = end.wrapping_sub(start);
    let &(mask_low, mask_high, tag) = KEYS.get(len.wrapping_sub(1))?;
    // Sixteen bytes whatever the length (the masks keep the word's): a branch on the length
    // would be mispredicted for a good share of words.
    let (low, high) = if let Some(sixteen) = text.get(start..start + 16) {
        (first_eight(sixteen), first_eight(&sixteen[8..]))
    } else {
        // Near the end of the text: its bytes one by one.
        let bytes = text
            .get(start..end)?
            .iter()
            .rev()
            .fold(0u128, |x, &b| x << 8 | u128::from(b));
        (bytes as u64, (bytes >> 64) as u64)
    };
    let (low, high) = (low & mask_low, high & mask_high);
    if (low | high) & HIGH != 0 {
        return None;
    }
    Some(([low, high], tag))
}

/// Every byte's high bit.
const HIGH: u64 = u64::from_le_bytes([0x80; 8]);

/// The first eight bytes of `bytes` (at least eight), little-endian.
#[inline(always)]
fn first_eight(bytes: &[u8]) -> u64 {
    bytes
        .first_chunk::<8>()
        .map_or(0, |eight| u64::from_le_bytes(*eight))
}

/// Eight ASCII bytes with capitals made small letters, all at once: a byte from 'A' to 'Z'
/// gets 0x20 added (no byte overflows into the next, since each is below 0x80).
#[inline(always)]
fn lower_case(bytes: u64) -> u64 {
    const ONES: u64 = u64::from_le_bytes([0x01; 8]);
    let at_least_a = bytes + ONES * u64::from(0x80 - b'A');
    let above_z = bytes + ONES * u64::from(0x80 - b'Z' - 1);
    bytes | (at_least_a & !above_z & HIGH) >> 2
}

/// Each token's number read as segmentation emits it ([`crate::segment::segment_reading`]):
/// the same numbers as [`Vocabulary::read`] gives, in the same pass over the text.
pub struct TokenWords<'v> {
    pub vocabulary: &'v Vocabulary,
    pub ids: &'v mut Vec<WordId>,
}

impl crate::segment::TokenReader for TokenWords<'_> {
    #[inline(always)]
    fn token(&mut self, text: &[u8], start: usize, end: usize) {
        self.ids.push(self.vocabulary.token(text, start, end));
    }

    #[inline(always)]
    fn ascii_byte(&mut self, text: &[u8], at: usize) {
        self.ids.push(self.vocabulary.ascii_byte(text[at]));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Source;
    use crate::segment::segment;

    #[test]
    fn words_are_numbered_once_and_case_folded() {
        let mut v = Vocabulary::new();
        let september = v.add("September").unwrap();
        assert_eq!(v.add("september"), Some(september));
        let sept = v.add("sept").unwrap();
        assert_ne!(sept, september);
        assert_eq!(v.get("SEPTEMBER"), september);
        assert_eq!(v.get("Sep"), UNKNOWN);
        assert_eq!(v.word(september), Some("september"));
        assert_eq!(v.add(""), None);
        assert_eq!(v.add("seventeen-letters"), None);
        assert_eq!(v.add("café"), None);
        assert_eq!(v.get("sixteen-letters!"), UNKNOWN);
        assert_eq!(v.get("café"), UNREAD);
    }

    #[test]
    fn keys_tell_every_length_and_letter_apart() {
        // A word and the same word with a trailing NUL, and every length of one letter.
        let a = key(b"a", 0, 1).unwrap();
        assert_ne!(Some(a), key(b"a\0", 0, 2));
        let keys: Vec<_> = (1..=16).map(|n| key(&[b'a'; 16], 0, n).unwrap()).collect();
        for (i, k) in keys.iter().enumerate() {
            assert!(keys[i + 1..].iter().all(|other| other != k));
        }
        // Only the 26 capitals fold, onto their small letters: two bytes share a key exactly
        // when they are equal once lower-cased.
        for b in 1u8..0x80 {
            for c in 1u8..0x80 {
                assert_eq!(
                    key(&[b], 0, 1) == key(&[c], 0, 1),
                    b.eq_ignore_ascii_case(&c),
                    "bytes {b:#x} and {c:#x}"
                );
            }
        }
    }

    #[test]
    fn keys_are_the_lower_cased_bytes_and_the_length_wherever_the_word_stands() {
        // The key of every word of one to sixteen bytes, at every distance from the end of the
        // text, is its lower-cased bytes (first byte lowest) with its length's tag.
        let text = b"Xx-Mid-September 2014 U.S. Central Command's al-Kadhemi";
        for start in 0..text.len() {
            for end in start + 1..=text.len().min(start + 16) {
                let word = &text[start..end];
                let bytes = word
                    .iter()
                    .rev()
                    .fold(0u128, |x, &b| x << 8 | u128::from(b.to_ascii_lowercase()));
                let len = word.len() as u128;
                let tag = (len & 1) << 7
                    | (len & 2) << 14
                    | (len & 4) << 21
                    | (len & 8) << 28
                    | (len & 16) << 35;
                let expected = bytes | tag;
                assert_eq!(
                    key(text, start, end),
                    Some([expected as u64, (expected >> 64) as u64]),
                    "{:?}",
                    String::from_utf8_lossy(word)
                );
                let written = word
                    .iter()
                    .rev()
                    .fold(0u128, |x, &b| x << 8 | u128::from(b))
                    | tag;
                assert_eq!(
                    written_key(text, start, end),
                    Some([written as u64, (written >> 64) as u64])
                );
                let mut short = text[..end].to_vec();
                assert_eq!(key(&short, start, end), key(text, start, end));
                short.push(b'!');
                assert_eq!(key(&short, start, end), key(text, start, end));
            }
        }
        assert_eq!(key(b"abc", 1, 9), None);
        assert_eq!(key(b"abc", 2, 1), None);
        assert_eq!(key("naïve".as_bytes(), 0, 6), None);
    }

    #[test]
    fn words_that_share_their_first_bytes_fit_a_table_twice_their_number() {
        // Glued forms share long beginnings ("twenty-first", "twenty-second"); their two places
        // must still differ, or the table would grow far past twice their number.
        let mut v = Vocabulary::new();
        for n in 0..3000 {
            v.add(&format!("twenty-{n}")).unwrap();
            v.add(&format!("mid-{n}")).unwrap();
        }
        assert_eq!(v.len(), 6000);
        assert!(v.places.len() <= 16_384, "{} places", v.places.len());
        for n in 0..3000 {
            assert_eq!(
                v.word(v.get(&format!("MID-{n}"))),
                Some(&*format!("mid-{n}"))
            );
        }
    }

    #[test]
    fn keeps_every_word_through_growth() {
        let mut v = Vocabulary::new();
        let words: Vec<String> = (0..5000).map(|n| format!("w{n}")).collect();
        let ids: Vec<WordId> = words.iter().map(|w| v.add(w).unwrap()).collect();
        assert_eq!(v.len(), 5000);
        for (w, &id) in words.iter().zip(&ids) {
            assert_eq!(v.get(w), id);
            assert_eq!(v.word(id), Some(w.as_str()));
        }
        assert_eq!(v.get("w5000"), UNKNOWN);
    }

    #[test]
    fn reads_one_number_per_token() {
        let mut v = Vocabulary::new();
        let troops = v.add("troops").unwrap();
        let the = v.add("the").unwrap();
        let src = Source::from_text(
            "s",
            "The troops, some 5,200 of them, left Baghdad's Green-Zone-Headquarters-Complex.",
        );
        let doc = segment(&src);
        let mut ids = vec![7; 3];
        v.read(&src.text, &doc.tokens, &mut ids);
        assert_eq!(ids.len(), doc.tokens.len());
        for (t, &id) in doc.tokens.iter().zip(&ids) {
            let text = doc.token_text(t);
            let expected = match text.to_ascii_lowercase().as_str() {
                "troops" => troops,
                "the" => the,
                _ if text.len() > 16 => UNREAD,
                _ => UNKNOWN,
            };
            assert_eq!(id, expected, "{text}");
        }
        assert!(ids.contains(&UNREAD));
    }

    #[test]
    fn reads_one_ascii_byte_as_its_one_byte_word() {
        let mut v = Vocabulary::new();
        for word in ["$", "%", "A", "i", ",", "us", "--"] {
            v.add(word).unwrap();
        }
        for byte in 0..=127u8 {
            let text = [byte];
            assert_eq!(v.ascii_byte(byte), v.token(&text, 0, 1), "byte {byte}");
        }
        assert_ne!(v.ascii_byte(b'a'), UNKNOWN);
        assert_eq!(v.ascii_byte(b'a'), v.ascii_byte(b'A'));
        assert_eq!(v.ascii_byte(b'-'), UNKNOWN);
        assert_eq!(v.ascii_byte(0xE2), UNREAD);
    }

    #[test]
    fn reads_one_byte_tokens_like_longer_ones() {
        let mut v = Vocabulary::new();
        let dollar = v.add("$").unwrap();
        let a = v.add("A").unwrap();
        let src = Source::from_text("s", "a $5 bill, A or b.");
        let doc = segment(&src);
        let mut ids = Vec::new();
        v.read(&src.text, &doc.tokens, &mut ids);
        let read: Vec<(&str, WordId)> = doc
            .tokens
            .iter()
            .map(|t| doc.token_text(t))
            .zip(ids.iter().copied())
            .collect();
        assert_eq!(
            read,
            vec![
                ("a", a),
                ("$", dollar),
                ("5", UNKNOWN),
                ("bill", UNKNOWN),
                (",", UNKNOWN),
                ("A", a),
                ("or", UNKNOWN),
                ("b", UNKNOWN),
                (".", UNKNOWN),
            ]
        );
        for (t, &id) in doc.tokens.iter().zip(&ids) {
            assert_eq!(id, v.get(doc.token_text(t)));
        }
    }

    #[test]
    fn reads_words_at_the_very_end_of_the_text() {
        let mut v = Vocabulary::new();
        let iraq = v.add("iraq").unwrap();
        let src = Source::from_text("s", "in IRAQ");
        let doc = segment(&src);
        let mut ids = Vec::new();
        v.read(&src.text, &doc.tokens, &mut ids);
        assert_eq!(ids, vec![UNKNOWN, iraq]);
    }
}

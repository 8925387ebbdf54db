//! Entities: people with titles and roles, organisations, places.
//!
//! Takes a [`Document`] with its tokens' word numbers (see [`super::vocabulary`]) and the
//! lexicon's place, organisation and actor aliases; gives one entity
//! claim per distinct person, organisation and place of the source (at its first mention) and every
//! named [`Mention`] in text order, each with its canonical name, sentence, and whether it is
//! governed by a locative preposition ("in Iraq") or is a demonym ("Iraqi", "inter-Afghan").
//!
//! Names are every place, organisation and actor variant (case-sensitive, the longest at a
//! position, whole words where a hyphen also bounds a word, so "pro-Iranian" and "US-led" match
//! and "us" does not), looked up by their opening letters only where a token or a part of one
//! after a hyphen, dot or apostrophe starts. A capital used for its government
//! ("Washington said", actor aliases) gives a mention of the country it stands for, as a place
//! mention when that country is a known place (so it is not locative and acts as an actor), else as
//! an organisation; governed by a locative preposition ("in Baghdad") a name that is also a place
//! stays that place. "IS" and other all-caps variants that read as English words count only outside
//! all-caps headlines.
//!
//! People are found by a title ([`TITLES`], optionally after a demonym or organisation: "Iraqi Prime
//! Minister X", "Pentagon spokesman X") followed by capitalised name words (with particles such as
//! "al", "bin", "van"), or by a 2–3 word capitalised name that is the subject or object of a speech
//! verb ("Sarah Lee said", "said Sarah Lee", "according to Sarah Lee"). A later surname alone
//! ("McKenzie said", "Trump's") resolves to the earlier full name with that surname; a different
//! given name with the same surname is a different person (the linker surfaces the variant). An
//! appositive right after a name ("X, the head of Y,") gives the person's role.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::sync::LazyLock;

use rustc_hash::{FxHashMap as HashMap, FxHashSet};

use super::vocabulary::{UNREAD, Vocabulary, WordId};
use crate::model::{
    Claim, ClaimDetail, Document, Entity, EntityType, Mention, MentionCategory, Span, Token,
    TokenKind,
};
use crate::rules::{AliasCategory, Lexicon};

/// Titles that introduce a person's name, as written in their usual form. Matched word by word
/// without case; an abbreviation may carry its period ("Gen.", "Lt. Gen.").
pub const TITLES: &[&str] = &[
    "Lieutenant General",
    "Lt Gen",
    "Major General",
    "Maj Gen",
    "Brigadier General",
    "Brig Gen",
    "General",
    "Gen",
    "Vice Admiral",
    "Rear Admiral",
    "Admiral",
    "Adm",
    "Lieutenant Colonel",
    "Lt Col",
    "Colonel",
    "Col",
    "Major",
    "Maj",
    "Captain",
    "Capt",
    "Lieutenant",
    "Lt",
    "Sergeant",
    "Sgt",
    "Commander",
    "Cmdr",
    "Vice President",
    "President",
    "Deputy Prime Minister",
    "Prime Minister",
    "Foreign Minister",
    "Defence Minister",
    "Defense Minister",
    "Interior Minister",
    "Finance Minister",
    "Minister",
    "Secretary of State",
    "Secretary of Defense",
    "Defense Secretary",
    "Defence Secretary",
    "Secretary-General",
    "Secretary General",
    "Secretary",
    "Senator",
    "Sen",
    "Representative",
    "Rep",
    "Congressman",
    "Congresswoman",
    "Governor",
    "Gov",
    "Mayor",
    "Chancellor",
    "King",
    "Queen",
    "Crown Prince",
    "Prince",
    "Princess",
    "Judge",
    "Dr",
    "Mr",
    "Mrs",
    "Ms",
    "Prof",
    "Professor",
    "Sheikh",
    "Ayatollah",
    "Imam",
    "Pope",
    "Emir",
    "Ambassador",
    "Envoy",
    "Speaker",
    "Spokesman",
    "Spokeswoman",
    "Spokesperson",
    "Commissioner",
    "Chairman",
    "Chairwoman",
];

/// Title head words that also introduce a name when written in lower case ("Pentagon spokesman X",
/// "Iraqi prime minister X"); other titles must be capitalised ("judge" and "major" are common words).
const LOWER_CASE_TITLES: &[&str] = &[
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "minister",
    "president",
    "secretary",
    "senator",
    "governor",
    "mayor",
    "ambassador",
    "envoy",
    "chancellor",
];

/// Abbreviated title words and their full form, for comparing titles ("Gen" = "General").
const TITLE_ABBREVIATIONS: &[(&str, &str)] = &[
    ("gen", "general"),
    ("lt", "lieutenant"),
    ("maj", "major"),
    ("brig", "brigadier"),
    ("adm", "admiral"),
    ("col", "colonel"),
    ("capt", "captain"),
    ("sgt", "sergeant"),
    ("cmdr", "commander"),
    ("sen", "senator"),
    ("rep", "representative"),
    ("gov", "governor"),
    ("dr", "doctor"),
    ("prof", "professor"),
];

/// Verbs that attribute speech; a name next to one is a speaker.
pub const SPEECH_VERBS: &[&str] = &[
    "said",
    "says",
    "say",
    "told",
    "tells",
    "added",
    "adds",
    "stated",
    "noted",
    "warned",
    "explained",
    "insisted",
    "stressed",
    "announced",
    "declared",
    "wrote",
    "tweeted",
    "argued",
    "asked",
    "replied",
    "recalled",
    "claimed",
    "confirmed",
    "acknowledged",
    "continued",
    "emphasised",
    "emphasized",
    "urged",
];

/// [`SPEECH_VERBS`], for look-ups as written or without ASCII case.
pub(crate) fn speech_verbs() -> ShapeTable<()> {
    ShapeTable::new(SPEECH_VERBS.iter().map(|v| (v.as_bytes().to_vec(), ())))
}

/// Lower-case particles inside names ("Mustafa al Kadhemi", "Ludwig van Beethoven").
const PARTICLES: &[&str] = &[
    "al", "el", "bin", "ibn", "abu", "de", "del", "der", "van", "von", "la", "le", "da", "di",
    "du", "dos",
];

/// The length of the longest of [`PARTICLES`].
const LONGEST_PARTICLE: usize = {
    let mut longest = 0;
    let mut i = 0;
    while i < PARTICLES.len() {
        if PARTICLES[i].len() > longest {
            longest = PARTICLES[i].len();
        }
        i += 1;
    }
    longest
};

/// Prepositions that make the name after them a location.
const LOCATIVES: &[&str] = &[
    "in",
    "from",
    "to",
    "into",
    "at",
    "across",
    "inside",
    "throughout",
    "near",
    "within",
];

/// Words that may stand between a locative preposition and the place ("in the northern Iraqi city").
const PLACE_MODIFIERS: &[&str] = &[
    "the",
    "northern",
    "southern",
    "eastern",
    "western",
    "central",
    "north",
    "south",
    "east",
    "west",
    "northeastern",
    "northwestern",
    "southeastern",
    "southwestern",
    "neighbouring",
    "neighboring",
    "nearby",
    "war-torn",
];

/// Capitalised words that never start or form a person's name (months and weekdays too, asked
/// of the time extractor).
const NOT_NAMES: &[&str] = &[
    "The",
    "A",
    "An",
    "He",
    "She",
    "It",
    "They",
    "We",
    "I",
    "You",
    "This",
    "That",
    "These",
    "Those",
    "His",
    "Her",
    "Its",
    "Their",
    "Our",
    "My",
    "But",
    "And",
    "Or",
    "In",
    "On",
    "At",
    "For",
    "With",
    "By",
    "From",
    "To",
    "Of",
    "As",
    "If",
    "When",
    "While",
    "After",
    "Before",
    "Over",
    "Under",
    "During",
    "Since",
    "Until",
    "Last",
    "Next",
    "Later",
    "Earlier",
    "Meanwhile",
    "However",
    "Then",
    "Also",
    "Now",
    "Still",
    "Yet",
    "Instead",
    "Separately",
    "Officials",
    "Analysts",
    "Critics",
    "Experts",
    "Residents",
    "Witnesses",
    "Police",
    "Sources",
    "Reports",
    "Some",
    "Many",
    "Most",
    "All",
    "No",
    "Not",
    "Why",
    "What",
    "Who",
    "How",
    "Where",
    "Read",
    "More",
    "Here",
    "There",
    "Both",
    "Each",
    "Other",
    "Another",
    "Such",
    "Democratic",
    "Republican",
];

/// Words that make a capitalised run an organisation or a thing, not a person.
const NOT_NAME_WORDS: &[&str] = &[
    "Ministry",
    "Department",
    "Command",
    "Council",
    "Army",
    "Navy",
    "Forces",
    "Force",
    "Party",
    "Group",
    "Office",
    "Agency",
    "News",
    "Times",
    "Post",
    "Committee",
    "Corps",
    "Guard",
    "University",
    "Institute",
    "Company",
    "Inc",
    "Corp",
    "Bank",
    "Union",
    "Court",
    "Senate",
    "Congress",
    "Parliament",
    "Government",
    "Service",
    "Network",
    "Foundation",
    "Association",
    "Organization",
    "Organisation",
    "Commission",
    "Authority",
    "Embassy",
    "State",
    "States",
    "House",
    "Republic",
    "Kingdom",
    "Federation",
    "Assembly",
    "Motors",
    "Electric",
    "Staff",
    "Administration",
    "Coalition",
    "Airport",
    "Base",
    "Street",
    "Square",
    "Province",
    "City",
    "Region",
    "Tower",
    "Hospital",
    "School",
    "Club",
    "Centre",
    "Center",
    "Mission",
];

/// Lower-case words that cannot open an appositive role ("Trump, who ...", "X, meanwhile, said").
const NOT_ROLES: &[&str] = &[
    "who",
    "which",
    "whose",
    "whom",
    "that",
    "and",
    "but",
    "or",
    "as",
    "in",
    "on",
    "at",
    "he",
    "she",
    "it",
    "they",
    "we",
    "meanwhile",
    "however",
    "though",
    "too",
    "also",
    "speaking",
    "according",
    "citing",
    "while",
    "when",
    "where",
    "after",
    "before",
    "if",
    "so",
    "then",
    "is",
    "was",
    "has",
    "had",
    "will",
    "would",
    "said",
    "says",
    "told",
    "added",
];

/// All-caps variants that are also English words ("IS"): they count only outside all-caps headlines.
const CAPS_WORDS: &[&str] = &[
    "IS", "WHO", "AS", "IT", "AT", "ON", "OR", "IN", "NO", "SO", "TO", "WE", "AN", "BE", "DO",
];

/// Whether `word` (any case, without its period) is the head noun of a title ("general", "minister").
pub fn is_title_noun(word: &str) -> bool {
    // The last word of each title and each abbreviation's full form, in lower case, hashed once.
    static NOUNS: LazyLock<FxHashSet<String>> = LazyLock::new(|| title_nouns().collect());
    NOUNS.contains(lower_case(word.trim_end_matches('.')).as_ref())
}

/// The head nouns of titles, in lower case: the last word of each title and each abbreviation's
/// full form.
pub(crate) fn title_nouns() -> impl Iterator<Item = String> {
    TITLES
        .iter()
        .filter_map(|t| t.rsplit([' ', '-']).next())
        .map(str::to_ascii_lowercase)
        .chain(
            TITLE_ABBREVIATIONS
                .iter()
                .map(|(_, full)| (*full).to_string()),
        )
}

/// A title as lower-case full words, abbreviations expanded ("Lt. Gen." → lieutenant general).
pub fn title_words(title: &str) -> Vec<String> {
    title
        .split(|c: char| c.is_whitespace() || c == '-')
        .map(|w| w.trim_end_matches('.').to_lowercase())
        .filter(|w| !w.is_empty())
        .map(|w| {
            TITLE_ABBREVIATIONS
                .iter()
                .find(|(a, _)| *a == w)
                .map_or(w, |(_, full)| (*full).to_string())
        })
        .collect()
}

/// Whether two given names can be one person's: equal, or one is the other's initial.
pub fn same_given(a: &str, b: &str) -> bool {
    let first = |s: &str| {
        s.split_whitespace()
            .next()
            .unwrap_or("")
            .trim_end_matches('.')
            .to_lowercase()
    };
    let (a, b) = (first(a), first(b));
    a == b
        || (a.chars().count() == 1 && b.starts_with(&a))
        || (b.chars().count() == 1 && a.starts_with(&b))
}

/// What the lexicon says about one name variant.
#[derive(Debug, Default)]
struct NameEntry {
    place: Option<String>,
    organisation: Option<String>,
    /// The country or body an actor alias stands for, and whether that is a known place.
    actor: Option<(String, bool)>,
    demonym: bool,
    caps_word: bool,
}

/// The entity extractor, with its name tables and title table built once.
pub struct EntityExtractor {
    /// Every variant, as written; [`EntityExtractor::entries`] holds what the lexicon says of it.
    variants: Vec<String>,
    entries: Vec<NameEntry>,
    /// Variants by their opening (the run of ASCII letters and digits they start with), longest
    /// first: a whole-word variant at a position has the opening of the text there.
    by_opening: HashMap<Box<[u8]>, Vec<usize>>,
    /// Whether a variant starts with the byte.
    first_bytes: [bool; 256],
    /// The kinds of byte variants start with, for finding where one may start eight bytes a step.
    starts: StartBytes,
    /// Indexed by [`opener_index`] of a variant's first two bytes: the third bytes (their low six
    /// bits, as bits) variants go on with; a variant of one or two bytes allows any.
    name_openers: Box<[u64]>,
    /// First title word (lower-case bytes) → titles starting with it, as lower-case words,
    /// longest first.
    titles: ShapeTable<Vec<Vec<String>>>,
    /// The first words of the titles that introduce a name in lower case too (their head is one
    /// of [`LOWER_CASE_TITLES`]): other words in lower case open no title.
    lower_case_titles: ShapeTable<()>,
    /// The numbers of the words of `lower_case_titles` lie in `first..=first + span`: (first,
    /// span), a filter asked of a word's number before its [`lexeme`] bits are read.
    lower_case_title_ids: (WordId, WordId),
    /// The words a token of a person's name is read against, in one table (one look-up per
    /// word): [`NOT_NAMES`] and [`NOT_NAME_WORDS`], the first words of [`TITLES`] and
    /// [`PARTICLES`].
    person_words: ShapeTable<PersonWord>,
    /// [`SPEECH_VERBS`].
    speech_verbs: ShapeTable<()>,
    /// Indexed by [`WordId`]: what this extractor knows of each word it added to the vocabulary
    /// ([`lexeme`] bits; a word it did not add reads as 0). Tokens the vocabulary does not read
    /// ([`UNREAD`]) are read against the tables above instead. Ended by [`end_lexemes`].
    lexemes: Box<[u16]>,
}

/// What [`EntityExtractor`] knows of a word of the vocabulary (case folded), as bits: one look-up
/// per token instead of a look-up per table. Where the tables compare words as written (non-name
/// words, particles, speech verbs), the bit says the folded word matches and the token's own
/// letters tell its case (see [`written_as_listed`]).
mod lexeme {
    /// Added by the entity extractor: the other bits are all there is to know of it (a word
    /// added by another stage only may still be a month or weekday name, see [`TIME`]).
    pub const OWN: u16 = 1;
    /// The first word of a title ([`super::TITLES`]), in any case.
    pub const TITLE: u16 = 1 << 1;
    /// The first word of a title that may be written in lower case
    /// ([`super::LOWER_CASE_TITLES`]).
    pub const LOWER_CASE_TITLE: u16 = 1 << 2;
    /// One of [`super::NOT_NAMES`] or [`super::NOT_NAME_WORDS`] (each capitalised as listed).
    pub const NOT_NAME: u16 = 1 << 3;
    /// One of [`super::PARTICLES`] (in lower case as listed).
    pub const PARTICLE: u16 = 1 << 4;
    /// A month or weekday name when capitalised (asked of the time extractor when the table is
    /// built; for a word without [`OWN`], per token).
    pub const TIME: u16 = 1 << 5;
    /// One of [`super::SPEECH_VERBS`] (in lower case as listed).
    pub const SPEECH: u16 = 1 << 6;
    /// One of [`super::LOCATIVES`], in any case.
    pub const LOCATIVE: u16 = 1 << 7;
    /// One of [`super::PLACE_MODIFIERS`], in any case.
    pub const PLACE_MODIFIER: u16 = 1 << 8;
    /// "of", in any case.
    pub const OF: u16 = 1 << 9;
}

/// Whether `word`, which folds to a listed word, is written as listed: in lower case, or
/// (`capitalised`) one capital followed by lower case.
#[inline(always)]
fn written_as_listed(word: &[u8], capitalised: bool) -> bool {
    match word.split_first() {
        Some((first, rest)) => {
            first.is_ascii_uppercase() == capitalised && !rest.iter().any(u8::is_ascii_uppercase)
        }
        None => false,
    }
}

/// What a word of [`EntityExtractor`]'s person-word table is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum PersonWord {
    /// Never part of a person's name, as written.
    NotName,
    /// The first word of a title (in lower case, matched in any ASCII case).
    TitleStart,
    /// A particle inside names, as written.
    Particle,
}

/// The kinds of byte some variant starts with.
struct StartBytes {
    /// Some variant starts with an ASCII capital.
    upper: bool,
    /// The ASCII lower-case letters variants start with, when they are few (0xFF, which UTF-8
    /// never holds, where there is none).
    lower: [u8; 4],
    /// Variants start with many ASCII lower-case letters: any may start one.
    any_lower: bool,
    /// Some variant starts with a byte that is no ASCII letter.
    other: bool,
}

impl StartBytes {
    fn of(first_bytes: &[bool; 256]) -> StartBytes {
        let bytes = || (0..=u8::MAX).filter(|&b| first_bytes[usize::from(b)]);
        let lower: Vec<u8> = bytes().filter(u8::is_ascii_lowercase).collect();
        let any_lower = lower.len() > 4;
        let mut few = [0xFF; 4];
        if !any_lower {
            few[..lower.len()].copy_from_slice(&lower);
        }
        StartBytes {
            upper: bytes().any(|b| b.is_ascii_uppercase()),
            lower: few,
            any_lower,
            other: bytes().any(|b| !b.is_ascii_alphabetic()),
        }
    }

    /// Of the sixteen bytes of `chunk`, as bits: those that are ASCII letters or digits, and those
    /// that may start a variant (a superset of [`EntityExtractor::first_bytes`]). Vector
    /// instructions on x86-64 (SSE2, which every x86-64 processor has).
    #[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
    #[inline(always)]
    fn masks(&self, chunk: &[u8; 16]) -> (u32, u32) {
        use std::arch::x86_64::{
            __m128i, _mm_add_epi8, _mm_and_si128, _mm_andnot_si128, _mm_cmpeq_epi8, _mm_cmplt_epi8,
            _mm_movemask_epi8, _mm_or_si128, _mm_set_epi64x, _mm_set1_epi8,
        };
        // SAFETY: the intrinsics need SSE2 only, which the build targets (checked by the `cfg`
        // above: every x86-64 processor has it); they read no memory.
        unsafe {
            let [lo, hi] = [&chunk[..8], &chunk[8..]]
                .map(|half| i64::from_le_bytes(half.try_into().unwrap_or([0; 8])));
            let v = _mm_set_epi64x(hi, lo);
            let byte = |b: u8| _mm_set1_epi8(i8::from_ne_bytes([b]));
            // b in first..first + n: b + (0x80 - first) as a signed byte is below n - 0x80.
            let within = |first: u8, n: u8| {
                _mm_cmplt_epi8(
                    _mm_add_epi8(v, byte(0x80u8.wrapping_sub(first))),
                    byte(n.wrapping_sub(0x80)),
                )
            };
            let flag = |on: bool| byte(if on { 0xFF } else { 0 });
            let (lower, upper, digit) = (within(b'a', 26), within(b'A', 26), within(b'0', 10));
            let letter = _mm_or_si128(lower, upper);
            let listed = self
                .lower
                .map(|l| _mm_cmpeq_epi8(v, byte(l)))
                .into_iter()
                .fold(_mm_set1_epi8(0), |a, b: __m128i| _mm_or_si128(a, b));
            let may = _mm_or_si128(
                _mm_or_si128(
                    _mm_and_si128(upper, flag(self.upper)),
                    _mm_and_si128(lower, flag(self.any_lower)),
                ),
                _mm_or_si128(_mm_andnot_si128(letter, flag(self.other)), listed),
            );
            let bits = |m: __m128i| u32::from(_mm_movemask_epi8(m).cast_unsigned() as u16);
            (bits(_mm_or_si128(letter, digit)), bits(may))
        }
    }

    /// [`StartBytes::masks`] a byte at a time.
    #[cfg(any(test, not(all(target_arch = "x86_64", target_feature = "sse2"))))]
    fn masks_bytewise(&self, chunk: &[u8; 16]) -> (u32, u32) {
        let (mut alphanumeric, mut may_start) = (0, 0);
        for (j, &b) in chunk.iter().enumerate() {
            let letter = b.is_ascii_alphabetic();
            let may = (b.is_ascii_uppercase() && self.upper)
                || (b.is_ascii_lowercase() && self.any_lower)
                || (!letter && self.other)
                || self.lower.contains(&b);
            alphanumeric |= u32::from(b.is_ascii_alphanumeric()) << j;
            may_start |= u32::from(may) << j;
        }
        (alphanumeric, may_start)
    }

    #[cfg(not(all(target_arch = "x86_64", target_feature = "sse2")))]
    #[inline(always)]
    fn masks(&self, chunk: &[u8; 16]) -> (u32, u32) {
        self.masks_bytewise(chunk)
    }
}

/// A named place or organisation found in the text (its canonical name borrowed from the
/// extractor's name table).
struct Named<'e> {
    span: Span,
    first: usize,
    last: usize,
    category: MentionCategory,
    canonical: &'e str,
    locative: bool,
    demonym: bool,
    sentence: usize,
}

/// What the person search knows of a token: one byte per token of a document, its class worked
/// out once, when first asked (a word is read against the name tables once, however many
/// candidates read it).
mod word {
    /// The class bits are worked out.
    pub const KNOWN: u8 = 1;
    /// Part of a named place or organisation: no person's name.
    pub const COVERED: u8 = 1 << 1;
    /// May be part of a person's name (capitalised and no non-name, month, weekday or title
    /// word; a capital with its period; a particle joined by a hyphen).
    pub const NAME: u8 = 1 << 2;
    /// One capital with its period ("J."): the name word takes the period.
    pub const INITIAL: u8 = 1 << 3;
    /// The first word of some title, in any ASCII case.
    pub const TITLE: u8 = 1 << 4;
    /// One of the particles inside names, as written ("al", "van").
    pub const PARTICLE: u8 = 1 << 5;
    /// Ends with a possessive "'s" or "’s" (not part of the name word).
    pub const POSSESSIVE: u8 = 1 << 6;
    /// The possessive's apostrophe is "’".
    pub const CURLY: u8 = 1 << 7;
}

/// How a person candidate names its person.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Naming {
    /// A title with a name, or a 2–3 word name beside a speech verb: may introduce a person.
    Full,
    /// A 2–3 word capitalised name elsewhere: only refers to a person already introduced.
    Weak,
    /// One capitalised word: refers by surname.
    Surname,
}

/// A person candidate; its name parts, title and role are spans of the document text (text is
/// copied only for the claims and mentions given out).
struct Candidate {
    span: Span,
    naming: Naming,
    title: Option<Span>,
    given: Option<Span>,
    surname: Span,
    /// The surname is written first ("Ban Ki-moon"): see [`given_name_written_last`].
    surname_first: bool,
    /// The role read when the candidate was found; a surname's ([`Naming::Surname`]) is read
    /// only once it resolves to a person without one (most capitalised words resolve to no one).
    role: Option<Span>,
    /// The token right after the name, where an appositive role starts.
    after: usize,
    sentence: usize,
    person: Option<usize>,
}

/// A resolved person; name parts, title and role are spans of the document text.
struct Person {
    given: Option<Span>,
    surname: Span,
    /// The name is written surname first ("Ban Ki-moon").
    surname_first: bool,
    title: Option<Span>,
    role: Option<Span>,
    /// The first full mention: the claim's span and sentence.
    span: Span,
    sentence: usize,
}

impl Person {
    /// The full name: given name and surname in the order written, one space apart.
    fn name(&self, text: &str) -> String {
        let surname = &text[self.surname.start..self.surname.end];
        match self.given {
            Some(g) if self.surname_first => format!("{surname} {}", &text[g.start..g.end]),
            Some(g) => format!("{} {surname}", &text[g.start..g.end]),
            None => surname.to_string(),
        }
    }
}

/// The text of an optional span.
fn span_text(text: &str, span: Option<Span>) -> Option<String> {
    span.map(|s| text[s.start..s.end].to_string())
}

/// Whether the last word of a two-word name is a given name written after the surname, in the
/// romanised Korean form: a capitalised syllable, a hyphen and a lower-case syllable ("Ki-moon",
/// "Jong-un", "Geun-hye"). Western hyphenated names capitalise both parts ("Zeta-Jones",
/// "Anne-Marie"), and a particle before the hyphen ("Al-") joins a surname instead.
fn given_name_written_last(word: &str) -> bool {
    let Some((first, second)) = word.split_once('-') else {
        return false;
    };
    let syllable = |s: &str, capital: bool| {
        s.len() >= 2
            && s.bytes().enumerate().all(|(i, b)| {
                if i == 0 && capital {
                    b.is_ascii_uppercase()
                } else {
                    b.is_ascii_lowercase()
                }
            })
    };
    syllable(first, true)
        && syllable(second, false)
        && !PARTICLES.contains(&lower_case(first).as_ref())
}

/// The key surnames are compared by: the last word, without a joined particle ("al-Kadhimi" → "Kadhimi").
fn surname_key(surname: &str) -> &str {
    let bytes = surname.as_bytes();
    let last = &surname[bytes.iter().rposition(|&b| b == b' ').map_or(0, |s| s + 1)..];
    match last.bytes().position(|b| b == b'-') {
        Some(h) if PARTICLES.contains(&lower_case(&last[..h]).as_ref()) && h + 1 < last.len() => {
            &last[h + 1..]
        }
        _ => last,
    }
}

/// One bit of 64 for the last two bytes of a surname or surname key (all bits for a shorter one):
/// a key ends its surname, so a surname has the bit of its key.
fn tail_bit(name: &str) -> u64 {
    match name.as_bytes() {
        [.., a, b] => 1 << ((usize::from(*a) * 7 + usize::from(*b)) & 63),
        _ => u64::MAX,
    }
}

/// A variant is a demonym when its last word has a demonym ending ("Iraqi", "American", "Afghan").
fn is_demonym_form(variant: &str, canonical: &str) -> bool {
    const ENDINGS: &[&str] = &[
        "i", "is", "an", "ans", "ese", "ish", "ch", "ss", "ek", "eks", "ot", "ots", "ino", "inos",
        "iton", "itons", "rb", "rbs", "kh", "dic", "ander", "ine",
    ];
    if variant == canonical || variant.chars().all(|c| !c.is_lowercase()) {
        return false;
    }
    let last = variant.rsplit(' ').next().unwrap_or(variant);
    ENDINGS.iter().any(|e| last.ends_with(e))
}

impl EntityExtractor {
    /// Builds the name tables from the lexicon's place, organisation and actor aliases.
    pub fn new(lexicon: &Lexicon, vocabulary: &mut Vocabulary) -> EntityExtractor {
        let mut table: BTreeMap<String, NameEntry> = BTreeMap::new();
        for (variant, canonical) in lexicon.variants(AliasCategory::Place) {
            let e = table.entry(variant.to_string()).or_default();
            e.place = Some(canonical.to_string());
            e.demonym = is_demonym_form(variant, canonical);
        }
        for (variant, canonical) in lexicon.variants(AliasCategory::Organisation) {
            table.entry(variant.to_string()).or_default().organisation =
                Some(canonical.to_string());
        }
        for (variant, canonical) in lexicon.variants(AliasCategory::Actor) {
            let is_place = lexicon.canonical(AliasCategory::Place, canonical) == Some(canonical);
            table.entry(variant.to_string()).or_default().actor =
                Some((canonical.to_string(), is_place));
        }
        for (variant, entry) in table.iter_mut() {
            entry.caps_word = CAPS_WORDS.contains(&variant.as_str());
        }
        let mut first_bytes = [false; 256];
        let mut name_openers = vec![0u64; 1 << 14].into_boxed_slice();
        let mut by_opening: HashMap<Box<[u8]>, Vec<usize>> = HashMap::default();
        for (v, variant) in table.keys().enumerate() {
            let bytes = variant.as_bytes();
            let Some(&b) = bytes.first() else { continue };
            first_bytes[usize::from(b)] = true;
            match (bytes.get(1), bytes.get(2)) {
                (Some(&next), Some(&third)) => {
                    name_openers[opener_index(b, next)] |= 1 << (third & 63);
                }
                (Some(&next), None) => name_openers[opener_index(b, next)] = u64::MAX,
                (None, _) => (0..=u8::MAX).for_each(|next| {
                    name_openers[opener_index(b, next)] = u64::MAX;
                }),
            }
            by_opening.entry(opening(bytes).into()).or_default().push(v);
        }
        let variants: Vec<String> = table.keys().cloned().collect();
        for list in by_opening.values_mut() {
            list.sort_by_key(|&v| std::cmp::Reverse(variants[v].len()));
        }
        let entries = table.into_values().collect();
        let mut titles: HashMap<Vec<u8>, Vec<Vec<String>>> = HashMap::default();
        for title in TITLES {
            let words: Vec<String> = title.split(' ').map(str::to_lowercase).collect();
            titles
                .entry(words[0].clone().into_bytes())
                .or_default()
                .push(words);
        }
        for list in titles.values_mut() {
            list.sort_by_key(|w| std::cmp::Reverse(w.len()));
        }
        let first_title_words: Vec<Vec<u8>> = titles.keys().cloned().collect();
        let titles = ShapeTable::new(titles);
        let lower_case_title_words: Vec<String> = TITLES
            .iter()
            .filter(|t| {
                let head = t.rsplit(' ').next().unwrap_or(t).to_lowercase();
                LOWER_CASE_TITLES.contains(&head.as_str())
            })
            .filter_map(|t| t.split(' ').next())
            .map(str::to_lowercase)
            .collect();
        let lower_case_titles = ShapeTable::new(
            lower_case_title_words
                .iter()
                .map(|w| (w.clone().into_bytes(), ())),
        );
        let mut lexemes = Vec::new();
        let lists: [(&[&str], u16); 7] = [
            (NOT_NAMES, lexeme::NOT_NAME),
            (NOT_NAME_WORDS, lexeme::NOT_NAME),
            (PARTICLES, lexeme::PARTICLE),
            (SPEECH_VERBS, lexeme::SPEECH),
            (LOCATIVES, lexeme::LOCATIVE),
            (PLACE_MODIFIERS, lexeme::PLACE_MODIFIER),
            (&["of"], lexeme::OF),
        ];
        for (list, bits) in lists {
            for w in list {
                add_word(&mut lexemes, vocabulary, w, bits | lexeme::OWN);
            }
        }
        for w in &first_title_words {
            let w = String::from_utf8_lossy(w);
            add_word(&mut lexemes, vocabulary, &w, lexeme::TITLE | lexeme::OWN);
        }
        for w in &lower_case_title_words {
            add_word(
                &mut lexemes,
                vocabulary,
                w,
                lexeme::LOWER_CASE_TITLE | lexeme::OWN,
            );
        }
        let lower_case_title_ids = {
            let mut ids = (0..lexemes.len() as WordId)
                .filter(|&id| lexemes[id as usize] & lexeme::LOWER_CASE_TITLE != 0);
            let first = ids.next().unwrap_or(0);
            let last = ids.next_back().unwrap_or(first);
            (first, last - first)
        };
        // Every word added: whether it is a month or weekday name when capitalised (the month
        // and weekday names are the time extractor's words: asked of it per token).
        for (id, bits) in lexemes.iter_mut().enumerate() {
            let word = vocabulary.word(id as WordId).unwrap_or("");
            let mut capitalised = word.to_string();
            if let Some(first) = capitalised.get_mut(..1) {
                first.make_ascii_uppercase();
            }
            if *bits & lexeme::OWN != 0 && is_time_word(&capitalised) {
                *bits |= lexeme::TIME;
            }
        }
        EntityExtractor {
            variants,
            entries,
            by_opening,
            first_bytes,
            starts: StartBytes::of(&first_bytes),
            name_openers,
            titles,
            lower_case_titles,
            lower_case_title_ids,
            person_words: ShapeTable::new(
                NOT_NAMES
                    .iter()
                    .chain(NOT_NAME_WORDS)
                    .map(|w| (w.as_bytes().to_vec(), PersonWord::NotName))
                    .chain(
                        first_title_words
                            .into_iter()
                            .map(|w| (w, PersonWord::TitleStart)),
                    )
                    .chain(
                        PARTICLES
                            .iter()
                            .map(|p| (p.as_bytes().to_vec(), PersonWord::Particle)),
                    ),
            ),
            speech_verbs: speech_verbs(),
            lexemes: end_lexemes(lexemes),
        }
    }

    /// The [`lexeme`] bits of word `id` (0 for a word this extractor did not add).
    #[inline(always)]
    fn lexeme(&self, id: WordId) -> u16 {
        lexeme_bits(&self.lexemes, id)
    }

    /// Entity claims (people, organisations, places at their first mention) and every named
    /// mention of `doc`, in text order; `source` is the source's index in the run.
    pub(crate) fn extract(
        &self,
        doc: &Document,
        source: usize,
        ids: &[WordId],
    ) -> (Vec<Claim>, Vec<Mention>) {
        let named = self.named(doc, ids);
        let openers = self.openers(doc, ids);
        let mut words = vec![0u8; doc.tokens.len()];
        for n in &named {
            words[n.first..=n.last]
                .iter_mut()
                .for_each(|c| *c = word::COVERED);
        }
        let text = doc.text();
        let mut candidates = self.people(doc, ids, &openers, &mut words, &named);
        let persons = resolve_people(text, &mut candidates, |after| {
            self.appositive(doc, ids, after).map(|(role, _)| role)
        });
        let names: Vec<String> = persons.iter().map(|p| p.name(text)).collect();

        let mentions: Vec<Mention> = named
            .iter()
            .map(|n| Mention {
                span: n.span,
                category: n.category,
                canonical: n.canonical.to_string(),
                locative: n.locative,
                demonym: n.demonym,
                sentence: n.sentence,
            })
            .collect();
        let people = candidates.iter().filter_map(|c| {
            Some(Mention {
                span: c.span,
                category: MentionCategory::Person,
                canonical: names[c.person?].clone(),
                locative: false,
                demonym: false,
                sentence: c.sentence,
            })
        });
        let mentions = mentions_in_text_order(mentions, people);

        let mut claims = Vec::new();
        for (p, name) in persons.iter().zip(names) {
            let entity = Entity {
                entity_type: EntityType::Person,
                name,
                given: span_text(text, p.given),
                surname: span_text(text, Some(p.surname)),
                title: span_text(text, p.title),
                role: span_text(text, p.role),
            };
            let t = &text[p.span.start..p.span.end];
            claims.push(Claim::new(
                source,
                t,
                p.span,
                p.sentence,
                ClaimDetail::Entity(entity.into()),
            ));
        }
        let mut seen: FxHashSet<(MentionCategory, &str)> = FxHashSet::default();
        for n in &named {
            if !seen.insert((n.category, n.canonical)) {
                continue;
            }
            let entity_type = match n.category {
                MentionCategory::Place => EntityType::Place,
                _ => EntityType::Organisation,
            };
            let entity = Entity {
                entity_type,
                name: n.canonical.to_string(),
                given: None,
                surname: None,
                title: None,
                role: None,
            };
            let t = &text[n.span.start..n.span.end];
            claims.push(Claim::new(
                source,
                t,
                n.span,
                n.sentence,
                ClaimDetail::Entity(entity.into()),
            ));
        }
        (claims, mentions)
    }

    /// Places and organisations named in the body, in text order; `ids` are the tokens' words.
    fn named(&self, doc: &Document, ids: &[WordId]) -> Vec<Named<'_>> {
        let text = doc.text();
        let bytes = text.as_bytes();
        let tokens = &doc.tokens;
        let mut out: Vec<Named<'_>> = Vec::new();
        let mut headline: Option<(usize, bool)> = None;
        // Names do not overlap: the next one starts at or after the end of the last.
        let mut resume = doc.source.body_start;
        // Positions come in text order: the token at one is at or after the token at the last.
        let mut from = 0;
        // Asked only where `may_open_at` holds.
        let mut try_at = |p: usize| {
            if p < resume {
                return;
            }
            let Some((v, end)) = self.variant_at(text, p) else {
                return;
            };
            resume = end;
            let ti = from + tokens[from..].partition_point(|t| t.span.end <= p);
            from = ti;
            if ti < tokens.len() {
                self.push_named(doc, ids, &mut out, &mut headline, ti, Span::new(p, end), v);
            }
        };
        // Sixteen bytes a vector step (see `StartBytes::masks`), four steps a block: the
        // positions after a byte that is no ASCII letter or digit whose byte may start a variant,
        // gathered over 64 bytes before any is tried (one loop over a block's positions instead
        // of one per step: whether sixteen bytes hold one is no pattern a branch predictor could
        // learn); the rest byte by byte.
        let mut i = doc.source.body_start;
        let mut after_split = u32::from(i == 0 || !bytes[i - 1].is_ascii_alphanumeric());
        while let Some(block) = bytes
            .get(i..i + 64)
            .and_then(|c| <&[u8; 64]>::try_from(c).ok())
        {
            let mut found = 0u64;
            for (step, chunk) in block.as_chunks::<16>().0.iter().enumerate() {
                let (alphanumeric, may_start) = self.starts.masks(chunk);
                let starts = (!alphanumeric << 1 | after_split) & may_start & 0xFFFF;
                after_split = u32::from(alphanumeric & 1 << 15 == 0);
                found |= u64::from(starts) << (16 * step);
            }
            while found != 0 {
                let p = i + found.trailing_zeros() as usize;
                if self.may_open_at(bytes, p) {
                    try_at(p);
                }
                found &= found - 1;
            }
            i += 64;
        }
        for p in i..bytes.len() {
            if self.may_open_at(bytes, p) {
                try_at(p);
            }
        }
        out
    }

    /// The words a person's title or name may start at: capitalised, hyphened after two or three
    /// letters ("al-Kadhimi"), or shaped like the first word of a title that may be written in
    /// lower case ("prime minister"), by its number in `ids` (a token the vocabulary does not
    /// read by its shape in the table of such words, a filter: the person search decides).
    fn openers(&self, doc: &Document, ids: &[WordId]) -> Vec<usize> {
        let bytes = doc.text().as_bytes();
        let (first, span) = self.lower_case_title_ids;
        // Every token is written at the end and kept by counting it (no branch on whether a
        // word opens: capitalised words come at no pattern a branch predictor could learn).
        let mut openers = vec![0; doc.tokens.len()];
        let mut n = 0;
        for (i, (t, &id)) in doc.tokens.iter().zip(ids).enumerate() {
            let (start, len) = (t.span.start, t.span.end - t.span.start);
            let head = head_bytes(bytes, start);
            let at = |k: usize| (head >> (8 * k)) as u8;
            let word = t.kind == TokenKind::Word;
            // Most words: in lower case, neither hyphened early nor a title's first word. The
            // numbers of the titles' words lie in a narrow range, which turns most of them away
            // before the number's bits are looked up; a word the vocabulary does not read is
            // asked of the table by its shape. Bitwise (a lower-case letter by one compare of
            // its distance from 'a'), so that only the rare title-like and unread words branch.
            let hyphened = (at(2) == b'-') & (len >= 3) | (at(3) == b'-') & (len >= 4);
            let mut opens = (at(0).wrapping_sub(b'a') >= 26) | hyphened;
            let title_like = id.wrapping_sub(first) <= span;
            if word & (title_like | (id == UNREAD)) {
                opens |= if id == UNREAD {
                    self.lower_case_titles.may_hold(&bytes[start..t.span.end])
                } else {
                    self.lexeme(id) & lexeme::LOWER_CASE_TITLE != 0
                };
            }
            openers[n] = i;
            n += usize::from(word & opens);
        }
        openers.truncate(n);
        openers
    }

    /// The mention of variant `v` at `span`, whose first token is `ti`, unless it is an all-caps
    /// English word in an all-caps headline or names nothing.
    #[allow(clippy::too_many_arguments)]
    fn push_named<'e>(
        &'e self,
        doc: &Document,
        ids: &[WordId],
        out: &mut Vec<Named<'e>>,
        headline: &mut Option<(usize, bool)>,
        ti: usize,
        span: Span,
        v: usize,
    ) {
        let text = doc.text();
        let tokens = &doc.tokens;
        let Span { start, end } = span;
        let mut tl = ti;
        while tokens.get(tl + 1).is_some_and(|t| t.span.start < end) {
            tl += 1;
        }
        let sentence = tokens[ti].sentence;
        let entry = &self.entries[v];
        if entry.caps_word {
            let caps = match *headline {
                Some((s, caps)) if s == sentence => caps,
                _ => is_caps_headline(doc, sentence),
            };
            *headline = Some((sentence, caps));
            if caps {
                return;
            }
        }
        let mid_word = tokens[ti].span.start < start;
        let hyphened = text[..start].ends_with('-') || text[end..].starts_with('-');
        let mut locative = !mid_word && !hyphened && self.governed(doc, ids, ti);
        if !locative
            && !mid_word
            && let Some(prev) = out.last()
        {
            locative = prev.locative
                && prev.category == MentionCategory::Place
                && coordinated(doc, prev.last, ti);
        }
        let (category, canonical) = match (&entry.place, &entry.actor, &entry.organisation) {
            (Some(p), _, _) if locative => (MentionCategory::Place, p.as_str()),
            (_, Some((a, true)), _) => (MentionCategory::Place, a.as_str()),
            (_, Some((a, false)), _) => (MentionCategory::Organisation, a.as_str()),
            (Some(p), None, _) => (MentionCategory::Place, p.as_str()),
            (None, None, Some(o)) => (MentionCategory::Organisation, o.as_str()),
            (None, None, None) => return,
        };
        let demonym = category == MentionCategory::Place && (entry.demonym || hyphened || mid_word);
        out.push(Named {
            span,
            first: ti,
            last: tl,
            category,
            canonical,
            locative,
            demonym,
            sentence,
        });
    }

    /// Whether a variant may start at byte `p` (< `bytes.len()`), by its byte, the byte before it
    /// and its first three bytes (a cheap filter, asked before any call).
    #[inline(always)]
    fn may_open_at(&self, bytes: &[u8], p: usize) -> bool {
        let byte = usize::from(bytes[p]);
        if !self.first_bytes[byte] {
            return false;
        }
        // Only a position after no ASCII letter, digit or handle sign is searched (a few
        // compares: a table by byte pair would take 64 kB of cache).
        let previous = if p == 0 { b' ' } else { bytes[p - 1] };
        let next = bytes.get(p + 1).copied().unwrap_or(0);
        let third = bytes.get(p + 2).copied().unwrap_or(0);
        !is_ascii_word_byte(previous)
            && self.name_openers[opener_index(bytes[p], next)] & 1 << (third & 63) != 0
    }

    /// The longest variant that is a whole word starting at byte `p`: (its index, its end). Only
    /// a position whose byte starts a variant and follows no word character can start one: asked
    /// where [`EntityExtractor::may_open_at`] holds.
    fn variant_at(&self, text: &str, p: usize) -> Option<(usize, usize)> {
        let bytes = text.as_bytes();
        // A non-ASCII previous character may be a letter.
        if p > 0
            && bytes[p - 1] >= 0x80
            && text[..p].chars().next_back().is_some_and(joins_word_before)
        {
            return None;
        }
        let list = self.by_opening.get(opening(&bytes[p..]))?;
        list.iter().find_map(|&v| {
            let variant = self.variants[v].as_bytes();
            let end = p + variant.len();
            (bytes[p..].starts_with(variant) && is_whole_word(text, p, end)).then_some((v, end))
        })
    }

    /// The title starting at token `i`: (token after it, its span).
    fn title_at(
        &self,
        doc: &Document,
        ids: &[WordId],
        i: usize,
        words: &mut [u8],
    ) -> Option<(usize, Span)> {
        let tokens = &doc.tokens;
        if tokens[i].kind != TokenKind::Word || self.class(doc, ids, i, words) & word::TITLE == 0 {
            return None;
        }
        let first = doc.token_text(&tokens[i]);
        // No length limit here: the title table's length filter turns away the words of no
        // title's length, long ones included ("Secretary-General" has 17 bytes).
        let list = self.titles_opened_by(first)?;
        let sentence = tokens[i].sentence;
        'titles: for words in list {
            let mut k = i;
            for w in words {
                let Some(t) = tokens.get(k) else {
                    continue 'titles;
                };
                if t.sentence != sentence
                    || t.kind != TokenKind::Word
                    || !doc.token_text(t).eq_ignore_ascii_case(w)
                {
                    continue 'titles;
                }
                k += 1;
                if let Some(dot) = tokens.get(k)
                    && dot.span.start == t.span.end
                    && doc.token_text(dot) == "."
                    && dot.sentence == sentence
                {
                    k += 1;
                }
            }
            let capitalised = first.starts_with(char::is_uppercase);
            let head = words.last().map_or("", String::as_str);
            if capitalised || LOWER_CASE_TITLES.contains(&head) {
                return Some((k, Span::new(tokens[i].span.start, tokens[k - 1].span.end)));
            }
        }
        None
    }

    /// The titles whose first word is `word` (any ASCII case).
    fn titles_opened_by(&self, word: &str) -> Option<&Vec<Vec<String>>> {
        self.titles.get_ignoring_case(word.as_bytes())
    }

    /// The class of word token `k` ([`word`]), worked out when first asked.
    #[inline]
    fn class(&self, doc: &Document, ids: &[WordId], k: usize, words: &mut [u8]) -> u8 {
        if words[k] & word::KNOWN == 0 {
            words[k] |= self.classify(doc, ids, k) | word::KNOWN;
        }
        words[k]
    }

    /// What the person-word table says of `word`: ([`word::TITLE`] and [`word::PARTICLE`] bits,
    /// whether it is a non-name word).
    #[inline(always)]
    fn person_word(&self, word: &[u8]) -> (u8, bool) {
        let (mut bits, mut not_name) = (0, false);
        let slots = self.person_words.of_shape(word);
        if slots.is_empty() {
            return (bits, not_name);
        }
        let key = WordKey::of(word);
        for slot in slots {
            match slot.value {
                PersonWord::NotName => not_name |= slot.key.same(&key, &slot.word, word),
                PersonWord::TitleStart if slot.key.same_ignoring_case(&key, &slot.word, word) => {
                    bits |= word::TITLE;
                }
                PersonWord::Particle if slot.key.same(&key, &slot.word, word) => {
                    bits |= word::PARTICLE;
                }
                _ => {}
            }
        }
        (bits, not_name)
    }

    /// The class bits of word token `k` (all but [`word::KNOWN`] and [`word::COVERED`]), by its
    /// word's number in `ids` (one look-up); a token the vocabulary does not read, or with a
    /// possessive, is read against the tables ([`EntityExtractor::classify_written`]).
    #[inline]
    fn classify(&self, doc: &Document, ids: &[WordId], k: usize) -> u8 {
        let tokens = &doc.tokens;
        let id = ids[k];
        let bytes = token_bytes(doc, &tokens[k]);
        if id == UNREAD || bytes.ends_with(b"'s") {
            return self.classify_written(doc, k);
        }
        let lexeme = self.lexeme(id);
        let mut class = 0;
        if lexeme & lexeme::TITLE != 0 {
            class |= word::TITLE;
        }
        if lexeme & lexeme::PARTICLE != 0 && written_as_listed(bytes, false) {
            class |= word::PARTICLE;
        }
        // Most words: not capitalised, so a name word only when particle-joined.
        if !bytes[0].is_ascii_uppercase() {
            if (bytes.get(2) == Some(&b'-') || bytes.get(3) == Some(&b'-'))
                && particle_joined(doc.token_text(&tokens[k]))
            {
                class |= word::NAME;
            }
            return class;
        }
        let initial = bytes.len() == 1
            && tokens
                .get(k + 1)
                .is_some_and(|d| token_bytes(doc, d) == b"." && d.span.start == tokens[k].span.end);
        let not_name = lexeme & lexeme::NOT_NAME != 0 && written_as_listed(bytes, true);
        let time = || {
            if lexeme & lexeme::OWN != 0 {
                lexeme & lexeme::TIME != 0
            } else {
                may_be_time_word(bytes) && is_time_word(doc.token_text(&tokens[k]))
            }
        };
        if initial {
            class |= word::NAME | word::INITIAL;
        } else if bytes.iter().any(u8::is_ascii_lowercase)
            && !not_name
            && class & word::TITLE == 0
            && !time()
        {
            class |= word::NAME;
        }
        class
    }

    /// [`EntityExtractor::classify`] of a token read as written, against the tables (out of
    /// line: few tokens need it, and the look-up by number keeps a small frame).
    #[cold]
    #[inline(never)]
    fn classify_written(&self, doc: &Document, k: usize) -> u8 {
        let tokens = &doc.tokens;
        let text = doc.token_text(&tokens[k]);
        let bytes = text.as_bytes();
        let (base, mut class) = match bytes {
            [.., b'\'', b's'] => (&text[..text.len() - 2], word::POSSESSIVE),
            [.., 0xE2, 0x80, 0x99, b's'] => {
                (&text[..text.len() - 4], word::POSSESSIVE | word::CURLY)
            }
            _ => (text, 0),
        };
        let (bits, not_name) = self.person_word(bytes);
        class |= bits;
        let starts_upper = match base.as_bytes().first() {
            Some(b) if b.is_ascii() => b.is_ascii_uppercase(),
            _ => base.starts_with(char::is_uppercase),
        };
        // Most words: not capitalised, so a name word only when particle-joined (a particle and
        // its hyphen fill the first three or four bytes).
        if !starts_upper {
            let hyphened =
                base.as_bytes().get(2) == Some(&b'-') || base.as_bytes().get(3) == Some(&b'-');
            if hyphened && particle_joined(base) {
                class |= word::NAME;
            }
            return class;
        }
        // One letter (its only character fills the word). A capitalised word is never
        // particle-joined (particles are in lower case).
        let initial = base.chars().nth(1).is_none()
            && tokens
                .get(k + 1)
                .is_some_and(|d| doc.token_text(d) == "." && d.span.start == tokens[k].span.end);
        let has_lower = || {
            base.bytes().any(|b| b.is_ascii_lowercase())
                || (!base.is_ascii() && base.chars().any(char::is_lowercase))
        };
        let (base_bits, base_not_name) = if class & word::POSSESSIVE == 0 {
            (bits, not_name)
        } else {
            self.person_word(base.as_bytes())
        };
        if initial {
            class |= word::NAME | word::INITIAL;
        } else if has_lower()
            && !base_not_name
            && base_bits & word::TITLE == 0
            && !is_time_word(base)
        {
            class |= word::NAME;
        }
        class
    }

    /// Whether token `k` can be part of a person's name: (its span without a possessive, possessive?).
    /// Inlined: its answer is read at once, not stored and loaded again.
    #[inline(always)]
    fn name_word(
        &self,
        doc: &Document,
        ids: &[WordId],
        k: usize,
        words: &mut [u8],
    ) -> Option<(Span, bool)> {
        let t = doc.tokens.get(k)?;
        if t.kind != TokenKind::Word || words[k] & word::COVERED != 0 || !may_name(doc, t) {
            return None;
        }
        let class = self.class(doc, ids, k, words);
        if class & word::NAME == 0 {
            return None;
        }
        let end = if class & word::INITIAL != 0 {
            doc.tokens[k + 1].span.end
        } else if class & word::CURLY != 0 {
            t.span.end - "’s".len()
        } else if class & word::POSSESSIVE != 0 {
            t.span.end - "'s".len()
        } else {
            t.span.end
        };
        Some((Span::new(t.span.start, end), class & word::POSSESSIVE != 0))
    }

    /// The name words from token `k` into `parts` (span, particle?): the token after the name.
    fn name_at(
        &self,
        doc: &Document,
        ids: &[WordId],
        k: usize,
        words: &mut [u8],
        max: usize,
        parts: &mut Vec<(Span, bool)>,
    ) -> usize {
        let sentence = doc.tokens.get(k).map_or(usize::MAX, |t| t.sentence);
        parts.clear();
        let mut j = k;
        let mut count = 0;
        while count < max {
            let Some(t) = doc.tokens.get(j) else { break };
            if t.sentence != sentence {
                break;
            }
            // The word's number first: a particle is rare, so that branch is seldom taken.
            if !parts.is_empty()
                && (ids[j] == UNREAD || self.lexeme(ids[j]) & lexeme::PARTICLE != 0)
                && t.kind == TokenKind::Word
                && may_be_particle(doc, t)
                && self.class(doc, ids, j, words) & word::PARTICLE != 0
                && self.name_word(doc, ids, j + 1, words).is_some()
            {
                parts.push((t.span, true));
                j += 1;
                continue;
            }
            let Some((span, possessive)) = self.name_word(doc, ids, j, words) else {
                break;
            };
            parts.push((span, false));
            count += 1;
            j += if span.end > t.span.end { 2 } else { 1 };
            if possessive {
                break;
            }
        }
        j
    }

    /// Person candidates in text order; `openers` are the words one may start at (see
    /// [`EntityExtractor::openers`]), `words` the class byte of each token ([`word`]).
    fn people(
        &self,
        doc: &Document,
        ids: &[WordId],
        openers: &[usize],
        words: &mut [u8],
        named: &[Named<'_>],
    ) -> Vec<Candidate> {
        let tokens = &doc.tokens;
        let is = |k: usize, w: &str| {
            tokens
                .get(k)
                .is_some_and(|t| doc.token_text(t).eq_ignore_ascii_case(w))
        };
        let is_speech = |k: usize| self.is_speech(doc, ids, k);
        let mut out = Vec::with_capacity(openers.len());
        let mut parts: Vec<(Span, bool)> = Vec::new();
        // The first token not yet read as part of a candidate.
        let mut next = 0;
        for &i in openers {
            // A word that neither opens a title nor is a name word opens nothing.
            if i < next
                || words[i] & word::COVERED != 0
                || self.class(doc, ids, i, words) & (word::TITLE | word::NAME) == 0
            {
                continue;
            }
            let sentence = tokens[i].sentence;
            let title = self.title_at(doc, ids, i, words);
            let name_start = title.map_or(i, |(k, _)| k);
            let after = self.name_at(doc, ids, name_start, words, 4, &mut parts);
            let count = parts.iter().filter(|p| !p.1).count();
            if count == 0 {
                continue;
            }
            let start = title.map_or(parts[0].0.start, |(_, s)| s.start);
            let end = parts.last().map_or(start, |p| p.0.end);
            // Surname: the last word with the particles right before it.
            let mut s = parts.len() - 1;
            while s > 0 && parts[s - 1].1 {
                s -= 1;
            }
            let mut surname = Span::new(parts[s].0.start, end);
            let mut given = (s > 0).then(|| Span::new(parts[0].0.start, parts[s - 1].0.end));
            // "Ban Ki-moon", "Moon Jae-in": two plain words, the second a given name of the
            // Korean form, are read surname first.
            let surname_first = matches!(parts.as_slice(), [(_, false), (last, false)]
                if given_name_written_last(doc.text().get(last.start..last.end).unwrap_or("")));
            if surname_first {
                (surname, given) = (parts[0].0, Some(parts[1].0));
            }
            let surname_only = title.is_none() && count == 1;
            let role = if surname_only {
                None
            } else {
                self.appositive(doc, ids, after)
            };
            let naming = if title.is_some() {
                Naming::Full
            } else if count > 3 {
                next = after;
                continue;
            } else if surname_only {
                Naming::Surname
            } else {
                let before_speech = is_speech(after)
                    || role.as_ref().is_some_and(|(_, next)| is_speech(*next))
                    || (i >= 1 && is_speech(i - 1) && tokens[i - 1].sentence == sentence)
                    || (i >= 2 && is(i - 2, "according") && is(i - 1, "to"));
                if before_speech {
                    Naming::Full
                } else {
                    Naming::Weak
                }
            };
            // "Iraqi Prime Minister X", "Pentagon spokesman X": the name before the title gives a role.
            let prefix_role = title.and_then(|_| {
                // The last name ending on the token before the title.
                let n = &named[named.partition_point(|n| n.last < i).checked_sub(1)?];
                if n.last + 1 != i {
                    return None;
                }
                let adjacent = n.sentence == sentence
                    && (n.demonym || n.category == MentionCategory::Organisation);
                adjacent.then(|| Span::new(n.span.start, tokens[name_start - 1].span.end))
            });
            out.push(Candidate {
                span: Span::new(start, end),
                naming,
                title: title.map(|(_, s)| s),
                given,
                surname,
                surname_first,
                role: role.map(|(r, _)| r).or(prefix_role),
                after,
                sentence,
                person: None,
            });
            next = after.max(i + 1);
        }
        out
    }

    /// Whether token `k` is one of [`SPEECH_VERBS`] as written.
    #[inline]
    fn is_speech(&self, doc: &Document, ids: &[WordId], k: usize) -> bool {
        let (Some(t), Some(&id)) = (doc.tokens.get(k), ids.get(k)) else {
            return false;
        };
        let word = token_bytes(doc, t);
        if id == UNREAD {
            self.speech_verbs.get(word).is_some()
        } else {
            self.lexeme(id) & lexeme::SPEECH != 0 && written_as_listed(word, false)
        }
    }

    /// Whether word token `k` is one of the words `bit` ([`lexeme`]) stands for in any case:
    /// by its number, or when the vocabulary does not read it, by `is` of it in lower case.
    fn is_word(
        &self,
        doc: &Document,
        ids: &[WordId],
        k: usize,
        bit: u16,
        is: impl Fn(&str) -> bool,
    ) -> bool {
        match ids[k] {
            UNREAD => is(lower_case(doc.token_text(&doc.tokens[k])).as_ref()),
            id => self.lexeme(id) & bit != 0,
        }
    }

    /// The role in an appositive right after a name: ", the head of Y," → ("head of Y", token
    /// after it).
    fn appositive(&self, doc: &Document, ids: &[WordId], k: usize) -> Option<(Span, usize)> {
        appositive(doc, k, |m| self.is_speech(doc, ids, m))
    }

    /// Whether the name at token `ti` is governed by a locative preposition, perhaps across "the"
    /// or a direction ("in the northern Iraqi city", "out of Iraq").
    fn governed(&self, doc: &Document, ids: &[WordId], ti: usize) -> bool {
        let tokens = &doc.tokens;
        let sentence = tokens[ti].sentence;
        let mut j = ti;
        let mut skipped = 0;
        while j > 0 && tokens[j - 1].sentence == sentence && tokens[j - 1].kind == TokenKind::Word {
            let k = j - 1;
            if self.is_word(doc, ids, k, lexeme::LOCATIVE, |w| LOCATIVES.contains(&w)) {
                // "close to Tehran", "loyal to Baghdad": a relation, not a location.
                let relation = doc.token_text(&tokens[k]).eq_ignore_ascii_case("to")
                    && j >= 2
                    && matches!(
                        doc.token_text(&tokens[j - 2]),
                        "close" | "closer" | "next" | "loyal" | "allied" | "linked" | "according"
                    );
                return !relation;
            }
            if self.is_word(doc, ids, k, lexeme::OF, |w| w == "of") {
                return j >= 2 && doc.token_text(&tokens[j - 2]).eq_ignore_ascii_case("out");
            }
            if skipped < 2
                && self.is_word(doc, ids, k, lexeme::PLACE_MODIFIER, |w| {
                    PLACE_MODIFIERS.contains(&w)
                })
            {
                skipped += 1;
                j -= 1;
                continue;
            }
            return false;
        }
        false
    }
}

/// The named mentions and the person mentions (each list in text order: its spans start one after
/// another) in one list by span, a named mention before a person mention of the same span (as a
/// stable sort of the two lists one after the other orders them).
fn mentions_in_text_order(
    named: Vec<Mention>,
    people: impl Iterator<Item = Mention>,
) -> Vec<Mention> {
    let key = |m: &Mention| (m.span.start, m.span.end);
    debug_assert!(named.is_sorted_by_key(key));
    let mut out = Vec::with_capacity(named.len() * 2);
    let mut named = named.into_iter().peekable();
    for person in people {
        while let Some(n) = named.next_if(|n| key(n) <= key(&person)) {
            out.push(n);
        }
        debug_assert!(out.last().is_none_or(|m| key(m) <= key(&person)));
        out.push(person);
    }
    out.extend(named);
    out
}

/// The role in an appositive right after a name: ", the head of Y," → ("head of Y", token after
/// it); `is_speech` tells whether a token is a speech verb (none is part of a role).
fn appositive(
    doc: &Document,
    k: usize,
    is_speech: impl Fn(usize) -> bool,
) -> Option<(Span, usize)> {
    let tokens = &doc.tokens;
    let comma = tokens.get(k)?;
    if doc.token_text(comma) != "," {
        return None;
    }
    let sentence = comma.sentence;
    let mut j = k + 1;
    if tokens
        .get(j)
        .is_some_and(|t| matches!(doc.token_text(t), "the" | "a" | "an"))
    {
        j += 1;
    }
    let first = tokens
        .get(j)
        .filter(|t| t.sentence == sentence && t.kind == TokenKind::Word)?;
    let word = doc.token_text(first);
    if !word.starts_with(char::is_lowercase) || NOT_ROLES.contains(&word) {
        return None;
    }
    let mut last = j;
    let mut m = j;
    while let Some(t) = tokens.get(m).filter(|t| t.sentence == sentence) {
        let w = doc.token_text(t);
        if matches!(
            w,
            "," | ";" | ":" | "(" | ")" | "—" | "–" | "\"" | "“" | "”" | "." | "!" | "?"
        ) {
            break;
        }
        if is_speech(m) || m - j >= 16 {
            return None;
        }
        last = m;
        m += 1;
    }
    let role = Span::new(first.span.start, tokens[last].span.end);
    let next = if tokens.get(m).is_some_and(|t| doc.token_text(t) == ",") {
        m + 1
    } else {
        m
    };
    Some((role, next))
}

/// Resolves candidates to people: full names introduce or merge, surnames and weak names refer.
/// `text` is the document text the candidates' spans point into; `role_after` reads the
/// appositive role starting at a token, asked for a surname that resolves to a person without a
/// role.
fn resolve_people(
    text: &str,
    candidates: &mut [Candidate],
    role_after: impl Fn(usize) -> Option<Span>,
) -> Vec<Person> {
    let at = |s: Span| &text[s.start..s.end];
    let mut persons: Vec<Person> = Vec::new();
    let mut by_key: HashMap<&str, Vec<usize>> = HashMap::default();
    // The keys' [`tail_bit`]s: a surname none of whose bit is here has no key (a key ends its
    // surname), so most capitalised words are turned away without working out their key.
    let mut tails = 0u64;
    for c in candidates.iter_mut().filter(|c| c.naming == Naming::Full) {
        let key = surname_key(at(c.surname));
        let same = by_key.get(key).map(Vec::as_slice).unwrap_or(&[]);
        let found = match c.given {
            Some(g) => same
                .iter()
                .copied()
                .find(|&p| persons[p].given.is_some_and(|pg| same_given(at(pg), at(g))))
                .or_else(|| same.iter().copied().find(|&p| persons[p].given.is_none())),
            None => same.last().copied(),
        };
        let p = match found {
            Some(p) => p,
            None => {
                persons.push(Person {
                    given: None,
                    surname: c.surname,
                    surname_first: false,
                    title: None,
                    role: None,
                    span: c.span,
                    sentence: c.sentence,
                });
                by_key.entry(key).or_default().push(persons.len() - 1);
                tails |= tail_bit(key);
                persons.len() - 1
            }
        };
        let person = &mut persons[p];
        if person.given.is_none() && c.given.is_some() {
            person.given = c.given;
            person.surname_first = c.surname_first;
        }
        if person.title.is_none() {
            person.title = c.title;
        }
        if person.role.is_none() {
            person.role = c.role;
        }
        c.person = Some(p);
    }
    if by_key.is_empty() {
        // No one introduced: nothing to refer to.
        return persons;
    }
    for c in candidates.iter_mut().filter(|c| c.naming != Naming::Full) {
        if tail_bit(at(c.surname)) & tails == 0 {
            continue;
        }
        let Some(same) = by_key.get(surname_key(at(c.surname))) else {
            continue;
        };
        c.person = match (c.naming, c.given) {
            (Naming::Weak, Some(g)) => same
                .iter()
                .copied()
                .find(|&p| persons[p].given.is_some_and(|pg| same_given(at(pg), at(g)))),
            (Naming::Weak, None) => None,
            _ => same
                .iter()
                .copied()
                .rfind(|&p| persons[p].span.start < c.span.start)
                .or(same.first().copied()),
        };
        if let Some(p) = c.person
            && persons[p].role.is_none()
        {
            persons[p].role = match c.naming {
                Naming::Surname => role_after(c.after),
                _ => c.role,
            };
        }
    }
    persons
}

/// Whether word token `t` may be a name word, by its first bytes (a word in lower case is one only
/// when particle-joined: a hyphen third or fourth), so that most words need no class.
fn may_name(doc: &Document, t: &Token) -> bool {
    let word = token_bytes(doc, t);
    !word[0].is_ascii_lowercase() || word.get(2) == Some(&b'-') || word.get(3) == Some(&b'-')
}

/// Whether word token `t` may be one of [`PARTICLES`] (short, in lower case).
fn may_be_particle(doc: &Document, t: &Token) -> bool {
    let word = token_bytes(doc, t);
    word.len() <= LONGEST_PARTICLE && word[0].is_ascii_lowercase()
}

/// The bytes of token `t` (no check of character boundaries: a token's span has them).
#[inline(always)]
fn token_bytes<'d>(doc: &'d Document, t: &Token) -> &'d [u8] {
    &doc.text().as_bytes()[t.span.start..t.span.end]
}

/// The four bytes of `bytes` from `start` as a little-endian number (zeros past the end): one
/// load where the text goes on for four bytes, as it does at all but its last token.
#[inline(always)]
fn head_bytes(bytes: &[u8], start: usize) -> u32 {
    match bytes.get(start..start + 4) {
        Some(&[a, b, c, d]) => u32::from_le_bytes([a, b, c, d]),
        _ => {
            let at = |k: usize| u32::from(bytes.get(start + k).copied().unwrap_or(0)) << (8 * k);
            at(0) | at(1) | at(2) | at(3)
        }
    }
}

/// Whether a word is a particle joined to a capitalised name by a hyphen ("al-Kadhimi").
fn particle_joined(word: &str) -> bool {
    let head = &word.as_bytes()[..word.len().min(LONGEST_PARTICLE + 1)];
    head.iter().position(|&b| b == b'-').is_some_and(|h| {
        PARTICLES.contains(&&word[..h]) && word[h + 1..].starts_with(char::is_uppercase)
    })
}

/// Adds `word` to the vocabulary and `bits` to its entry in `lexemes` (a stage's table indexed by
/// [`WordId`], grown to hold it; a word the vocabulary cannot hold is left out).
pub(crate) fn add_word(lexemes: &mut Vec<u16>, vocabulary: &mut Vocabulary, word: &str, bits: u16) {
    let Some(id) = vocabulary.add(word) else {
        return;
    };
    let i = id as usize;
    if lexemes.len() <= i {
        lexemes.resize(i + 1, 0);
    }
    lexemes[i] |= bits;
}

/// A stage's table of bits by [`WordId`] (see [`add_word`]) ended by the entry every word it did
/// not add reads (0; [`UNKNOWN`](super::vocabulary::UNKNOWN), [`UNREAD`] and the words of later
/// stages have higher numbers), so that [`lexeme_bits`] reads any word without a branch.
pub(crate) fn end_lexemes(mut lexemes: Vec<u16>) -> Box<[u16]> {
    lexemes.push(0);
    lexemes.into_boxed_slice()
}

/// The bits of word `id` in a table ended by [`end_lexemes`]: a number past the table reads its
/// last entry (0) by a conditional move, not a branch (which words a stage knows comes at no
/// pattern a branch predictor could learn).
#[inline(always)]
pub(crate) fn lexeme_bits(lexemes: &[u16], id: WordId) -> u16 {
    let last = lexemes.len().saturating_sub(1);
    lexemes.get((id as usize).min(last)).copied().unwrap_or(0)
}

/// Words (shorter than 32 bytes, as every title, speech verb and non-name word is) looked up by
/// their [`shape`] (first two letters and length) without hashing: a bucket holds the few words of
/// one shape, each with its [`WordKey`] so that most comparisons are one of numbers.
#[derive(Debug)]
pub(crate) struct ShapeTable<T> {
    buckets: Vec<Vec<Slot<T>>>,
    /// For each shape, the lengths of its words (bit `n` = length `n`, below 32): most words
    /// need no bucket to know they are not in the table.
    lengths: Vec<u32>,
}

/// A word of a [`ShapeTable`], its key and its value.
#[derive(Debug)]
pub(crate) struct Slot<T> {
    word: Box<[u8]>,
    key: WordKey,
    value: T,
}

/// A word's length and first eight bytes as a little-endian number (zero-padded), as written and
/// with bit 5 of every byte set (so that ASCII letters compare without case): two words of the
/// same key are the same when no longer than eight bytes, and may be otherwise.
#[derive(Debug, Clone, Copy)]
struct WordKey {
    len: usize,
    packed: u64,
    folded: u64,
}

impl WordKey {
    #[inline(always)]
    fn of(word: &[u8]) -> WordKey {
        let n = word.len();
        let byte = |i: usize| u64::from(word[i]) << (8 * i);
        let packed = match n {
            0 => 0,
            1..=3 => byte(0) | byte(n / 2) | byte(n - 1),
            4..=7 => {
                let lo = u32::from_le_bytes([word[0], word[1], word[2], word[3]]);
                let hi = u32::from_le_bytes([word[n - 4], word[n - 3], word[n - 2], word[n - 1]]);
                u64::from(lo) | u64::from(hi) << (8 * (n - 4))
            }
            _ => u64::from_le_bytes([
                word[0], word[1], word[2], word[3], word[4], word[5], word[6], word[7],
            ]),
        };
        let case_bits = match n {
            0..8 => 0x2020_2020_2020_2020 & ((1u64 << (8 * n)) - 1),
            _ => 0x2020_2020_2020_2020,
        };
        WordKey {
            len: n,
            packed,
            folded: packed | case_bits,
        }
    }

    /// Whether `word` (of key `other`) is `mine` (of this key) exactly as written.
    #[inline(always)]
    fn same(&self, other: &WordKey, mine: &[u8], word: &[u8]) -> bool {
        self.len == other.len && self.packed == other.packed && (self.len <= 8 || mine == word)
    }

    /// Whether `word` (of key `other`) is `mine` (of this key) in any ASCII case.
    #[inline(always)]
    fn same_ignoring_case(&self, other: &WordKey, mine: &[u8], word: &[u8]) -> bool {
        self.len == other.len && self.folded == other.folded && mine.eq_ignore_ascii_case(word)
    }
}

impl<T> ShapeTable<T> {
    fn new(words: impl IntoIterator<Item = (Vec<u8>, T)>) -> ShapeTable<T> {
        let mut buckets: Vec<Vec<Slot<T>>> = (0..1 << 10).map(|_| Vec::new()).collect();
        let mut lengths = vec![0u32; 1 << 10];
        for (word, value) in words.into_iter().filter(|(w, _)| w.len() < 32) {
            lengths[shape(&word)] |= 1 << word.len();
            buckets[shape(&word)].push(Slot {
                key: WordKey::of(&word),
                word: word.into(),
                value,
            });
        }
        ShapeTable { buckets, lengths }
    }

    /// Whether the table may hold `word` (in any ASCII case): a word of its shape and length.
    #[inline(always)]
    fn may_hold(&self, word: &[u8]) -> bool {
        word.len() < 32 && self.lengths[shape(word)] & (1 << word.len()) != 0
    }

    /// The value of `word` exactly as written.
    #[inline(always)]
    pub(crate) fn get(&self, word: &[u8]) -> Option<&T> {
        self.find(word, |s, key| s.key.same(key, &s.word, word))
    }

    /// The value of `word` in any ASCII case (the table's words are in lower case).
    #[inline(always)]
    pub(crate) fn get_ignoring_case(&self, word: &[u8]) -> Option<&T> {
        self.find(word, |s, key| s.key.same_ignoring_case(key, &s.word, word))
    }

    /// The value of the word of `word`'s shape that `same` accepts (given `word`'s key).
    #[inline(always)]
    fn find(&self, word: &[u8], same: impl Fn(&Slot<T>, &WordKey) -> bool) -> Option<&T> {
        let slots = self.of_shape(word);
        if slots.is_empty() {
            return None;
        }
        let key = WordKey::of(word);
        slots.iter().find(|s| same(s, &key)).map(|s| &s.value)
    }

    /// The words of `word`'s shape (none when no word of its length has it) and their values.
    #[inline(always)]
    fn of_shape(&self, word: &[u8]) -> &[Slot<T>] {
        if self.may_hold(word) {
            &self.buckets[shape(word)]
        } else {
            &[]
        }
    }
}

/// A word's first two letters without ASCII case, as a number below 1024 (for [`EntityExtractor`]'s
/// title filter).
fn shape(word: &[u8]) -> usize {
    let letter = |i: usize| usize::from(word.get(i).map_or(0, |b| b.to_ascii_lowercase() & 31));
    letter(0) << 5 | letter(1)
}

/// `word` in lower case, allocated only when it has an upper-case or non-ASCII letter.
pub(crate) fn lower_case(word: &str) -> Cow<'_, str> {
    if word
        .bytes()
        .all(|b| b.is_ascii() && !b.is_ascii_uppercase())
    {
        Cow::Borrowed(word)
    } else {
        Cow::Owned(word.to_lowercase())
    }
}

/// Whether a word opens like a month or weekday name or abbreviation (every one starts with one of
/// these three letters, in any ASCII case): a filter on its bytes, before any text is read.
#[inline(always)]
fn may_be_time_word(word: &[u8]) -> bool {
    const OPENINGS: [&[u8; 3]; 19] = [
        b"jan", b"feb", b"mar", b"apr", b"may", b"jun", b"jul", b"aug", b"sep", b"oct", b"nov",
        b"dec", b"mon", b"tue", b"wed", b"thu", b"fri", b"sat", b"sun",
    ];
    // For each first and second letter (a = 0), the third letters of the openings, as bits.
    const THIRDS: [u32; 26 * 26] = {
        let mut thirds = [0; 26 * 26];
        let mut i = 0;
        while i < OPENINGS.len() {
            let [a, b, c] = *OPENINGS[i];
            thirds[(a - b'a') as usize * 26 + (b - b'a') as usize] |= 1 << (c - b'a');
            i += 1;
        }
        thirds
    };
    let Some(&[a, b, c]) = word.first_chunk::<3>() else {
        return false;
    };
    let [a, b, c] = [a, b, c].map(|x| x.to_ascii_lowercase().wrapping_sub(b'a'));
    a < 26 && b < 26 && c < 26 && THIRDS[usize::from(a) * 26 + usize::from(b)] & 1 << c != 0
}

/// Whether a capitalised word names a month or a weekday, asked of the time extractor only for
/// words that open like one ([`may_be_time_word`]).
fn is_time_word(word: &str) -> bool {
    may_be_time_word(word.as_bytes())
        && (super::time::month_of(word).is_some() || super::time::is_weekday(word))
}

/// Whether `text[start..end]` is a whole word: no letter, digit or handle sign joined on either
/// side (a hyphen bounds a word: "pro-Iranian", "US-led").
fn is_whole_word(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    !before.is_some_and(joins_word_before)
        && !after.is_some_and(|c| c.is_alphanumeric() || c == '_')
}

/// Whether `b` is an ASCII letter, digit or handle sign (no name starts right after one): one
/// look-up in a table of 256 bytes.
#[inline(always)]
fn is_ascii_word_byte(b: u8) -> bool {
    const WORD_BYTES: [bool; 256] = {
        let mut table = [false; 256];
        let mut b = 0;
        while b < 256 {
            let byte = b as u8;
            table[b] = byte.is_ascii_alphanumeric() || matches!(byte, b'@' | b'#' | b'_');
            b += 1;
        }
        table
    };
    WORD_BYTES[usize::from(b)]
}

/// Where a variant's first two bytes are in [`EntityExtractor`]'s opener table (the second byte's
/// low six bits only: the table is a filter, the look-up by opening decides).
fn opener_index(first: u8, second: u8) -> usize {
    usize::from(first) << 6 | usize::from(second & 63)
}

/// The run of ASCII letters and digits `bytes` start with (a variant's opening: "U" of "U.S.").
fn opening(bytes: &[u8]) -> &[u8] {
    let n = bytes
        .iter()
        .position(|b| !b.is_ascii_alphanumeric())
        .unwrap_or(bytes.len());
    &bytes[..n]
}

/// Whether a name cannot start right after `c` (a letter, digit, or handle sign).
fn joins_word_before(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '@' | '#' | '_')
}

/// Whether a sentence is an all-caps headline (most words, other than the all-caps English words
/// themselves, are all caps).
fn is_caps_headline(doc: &Document, sentence: usize) -> bool {
    let (mut caps, mut words) = (0, 0);
    for t in doc.sentence_tokens(sentence) {
        let w = doc.token_text(t);
        let short = w.chars().filter(|c| c.is_alphabetic()).count() < 2;
        if t.kind != TokenKind::Word || short || CAPS_WORDS.contains(&w) {
            continue;
        }
        words += 1;
        if !w.chars().any(char::is_lowercase) {
            caps += 1;
        }
    }
    words > 0 && caps * 2 > words
}

/// Whether token `next` continues a list after token `prev` ("in Afghanistan, Iraq and Syria").
fn coordinated(doc: &Document, prev: usize, next: usize) -> bool {
    let between = &doc.tokens[prev + 1..next];
    !between.is_empty()
        && between.len() <= 2
        && between.iter().all(|t| {
            t.sentence == doc.tokens[next].sentence
                && matches!(doc.token_text(t), "," | "and" | "or")
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Source;
    use crate::rules::Ruleset;
    use crate::segment::segment;

    fn source(text: &str) -> Source {
        Source::from_text("s", text)
    }

    fn run(text: &str) -> (Vec<Claim>, Vec<Mention>) {
        let src = source(text);
        let doc = segment(&src);
        let extractors = Ruleset::builtin().lexicon.extractors();
        let words = extractors.words(&doc);
        let (claims, mentions) = extractors.entity.extract(&doc, 0, &words);
        for c in &claims {
            assert_eq!(c.text, &text[c.span.start..c.span.end]);
        }
        (claims, mentions)
    }

    #[test]
    fn title_nouns_are_the_last_words_of_titles_and_full_forms_of_abbreviations() {
        for noun in ["general", "Minister", "spokesman", "Gen.", "doctor"] {
            assert!(is_title_noun(noun), "{noun}");
        }
        for word in ["prime", "walker", "generals", "minister's", "", "."] {
            assert!(!is_title_noun(word), "{word}");
        }
    }

    fn people(claims: &[Claim]) -> Vec<&Entity> {
        claims
            .iter()
            .filter_map(Claim::entity)
            .filter(|e| e.entity_type == EntityType::Person)
            .collect()
    }

    fn named<'a>(mentions: &'a [Mention], text: &str, written: &str) -> Vec<&'a Mention> {
        mentions
            .iter()
            .filter(|m| &text[m.span.start..m.span.end] == written)
            .collect()
    }

    #[test]
    fn title_name_and_appositive_role() {
        let text = "\"We will stay,\" said Admiral Rosa Delgado, the head of the Navy's Atlantic Fleet, on Monday.";
        let (claims, _) = run(text);
        let p = people(&claims);
        assert_eq!(p.len(), 1);
        assert_eq!(p[0].name, "Rosa Delgado");
        assert_eq!(p[0].given.as_deref(), Some("Rosa"));
        assert_eq!(p[0].surname.as_deref(), Some("Delgado"));
        assert_eq!(p[0].title.as_deref(), Some("Admiral"));
        assert_eq!(
            p[0].role.as_deref(),
            Some("head of the Navy's Atlantic Fleet")
        );
        let claim = claims
            .iter()
            .find(|c| c.entity().is_some_and(|e| e.name == "Rosa Delgado"))
            .unwrap();
        assert_eq!(claim.text, "Admiral Rosa Delgado");
    }

    #[test]
    fn abbreviated_titles_particles_and_demonym_prefix() {
        let text = "Lt. Gen. Omar bin Talal met Iraqi Prime Minister Karim al Rawi in Baghdad. \
                    Later, Mr. Jones, head of the delegation, left.";
        let (claims, mentions) = run(text);
        let p = people(&claims);
        let names: Vec<&str> = p.iter().map(|e| e.name.as_str()).collect();
        assert_eq!(names, vec!["Omar bin Talal", "Karim al Rawi", "Jones"]);
        assert_eq!(p[0].title.as_deref(), Some("Lt. Gen."));
        assert_eq!(p[0].surname.as_deref(), Some("bin Talal"));
        assert_eq!(p[1].title.as_deref(), Some("Prime Minister"));
        assert_eq!(p[1].role.as_deref(), Some("Iraqi Prime Minister"));
        assert_eq!(p[2].role.as_deref(), Some("head of the delegation"));
        let iraqi = named(&mentions, text, "Iraqi");
        assert_eq!(iraqi[0].canonical, "Iraq");
        assert!(iraqi[0].demonym && !iraqi[0].locative);
        assert!(named(&mentions, text, "Baghdad")[0].locative);
    }

    #[test]
    fn korean_names_are_read_surname_first() {
        let text = "United Nations Secretary-General Ban Ki-moon said the talks would resume. \
                    Ban spoke in Geneva. President Moon Jae-in agreed. \
                    Catherine Zeta-Jones said so too, and Dr. Anne-Marie Slaughter agreed.";
        let (claims, mentions) = run(text);
        let p = people(&claims);
        let parts: Vec<(&str, Option<&str>, Option<&str>)> = p
            .iter()
            .map(|e| (e.name.as_str(), e.given.as_deref(), e.surname.as_deref()))
            .collect();
        assert_eq!(
            parts,
            vec![
                ("Ban Ki-moon", Some("Ki-moon"), Some("Ban")),
                ("Moon Jae-in", Some("Jae-in"), Some("Moon")),
                (
                    "Catherine Zeta-Jones",
                    Some("Catherine"),
                    Some("Zeta-Jones")
                ),
                (
                    "Anne-Marie Slaughter",
                    Some("Anne-Marie"),
                    Some("Slaughter")
                ),
            ]
        );
        // The surname alone refers back to the person.
        let ban = named(&mentions, text, "Ban");
        assert_eq!(ban.len(), 1);
        assert_eq!(ban[0].canonical, "Ban Ki-moon");
    }

    #[test]
    fn given_names_written_last_have_the_korean_form() {
        for word in ["Ki-moon", "Jong-un", "Geun-hye", "Jae-in"] {
            assert!(given_name_written_last(word), "{word}");
        }
        for word in [
            "Zeta-Jones",
            "Anne-Marie",
            "al-Kadhimi",
            "Al-rashid",
            "K-pop",
            "Ki-",
            "Moon",
        ] {
            assert!(!given_name_written_last(word), "{word}");
        }
    }

    #[test]
    fn surnames_resolve_to_the_earlier_full_name() {
        let text = "General Martin Okafor, head of the regional command, spoke on Tuesday. \
                    Okafor said the plan was ready. Okafor's aides agreed.";
        let (claims, mentions) = run(text);
        assert_eq!(people(&claims).len(), 1);
        let persons: Vec<&Mention> = mentions
            .iter()
            .filter(|m| m.category == MentionCategory::Person)
            .collect();
        assert_eq!(persons.len(), 3);
        assert!(persons.iter().all(|m| m.canonical == "Martin Okafor"));
        assert_eq!(&text[persons[2].span.start..persons[2].span.end], "Okafor");
    }

    #[test]
    fn two_given_names_with_one_surname_are_two_people() {
        let text = "General Paul Brennan said the drawdown would go ahead. Brennan spoke in Kabul.\n\
                    - Gen Mark Brennan (@command) September 9, 2020";
        let (claims, mentions) = run(text);
        let p = people(&claims);
        let names: Vec<&str> = p.iter().map(|e| e.name.as_str()).collect();
        assert_eq!(names, vec!["Paul Brennan", "Mark Brennan"]);
        assert_eq!(p[1].title.as_deref(), Some("Gen"));
        let second = named(&mentions, text, "Brennan");
        assert_eq!(second[0].canonical, "Paul Brennan");
        let signature = claims
            .iter()
            .find(|c| c.entity().is_some_and(|e| e.name == "Mark Brennan"))
            .unwrap();
        assert_eq!(signature.text, "Gen Mark Brennan");
    }

    #[test]
    fn speech_verbs_introduce_untitled_names() {
        let text = "The deal is fragile, Hana Lindqvist said. \"It holds,\" said Tomas Varga. \
                    According to Ines Moreau, talks resume soon. Critics Were Unhappy today.";
        let (claims, _) = run(text);
        let names: Vec<String> = people(&claims).iter().map(|e| e.name.clone()).collect();
        assert_eq!(names, vec!["Hana Lindqvist", "Tomas Varga", "Ines Moreau"]);
    }

    #[test]
    fn aliases_demonyms_and_hyphens() {
        let text = "Daesh fighters clashed with pro-Iranian militias near the US-led coalition's base. \
                    Inter-Afghan talks and American envoys met the Islamic State group's foes.";
        let (claims, mentions) = run(text);
        let daesh = named(&mentions, text, "Daesh");
        assert_eq!(daesh[0].canonical, "Islamic State");
        assert_eq!(daesh[0].category, MentionCategory::Organisation);
        let iranian = named(&mentions, text, "Iranian");
        assert_eq!(iranian[0].canonical, "Iran");
        assert!(iranian[0].demonym);
        let us = named(&mentions, text, "US");
        assert_eq!(us[0].canonical, "United States");
        assert!(us[0].demonym && !us[0].locative);
        assert_eq!(named(&mentions, text, "Afghan")[0].canonical, "Afghanistan");
        assert_eq!(
            named(&mentions, text, "Islamic State group")[0].canonical,
            "Islamic State"
        );
        let orgs: Vec<&str> = claims
            .iter()
            .filter_map(Claim::entity)
            .filter(|e| e.entity_type == EntityType::Organisation)
            .map(|e| e.name.as_str())
            .collect();
        assert_eq!(orgs, vec!["Islamic State"]);
    }

    #[test]
    fn pronouns_and_caps_headlines_are_not_names() {
        let text = "Let us hope the US keeps its word, he told us.\nWHAT IS NEXT FOR THE REGION\nIS claimed the attack.";
        let (_, mentions) = run(text);
        let written: Vec<&str> = mentions
            .iter()
            .map(|m| &text[m.span.start..m.span.end])
            .collect();
        assert_eq!(written, vec!["US", "IS"]);
        assert_eq!(mentions[1].canonical, "Islamic State");
        assert_eq!(mentions[1].sentence, 2);
    }

    #[test]
    fn actors_and_locatives() {
        let text = "Washington said its troops would leave Iraq, Syria and Afghanistan. \
                    Forces close to Tehran fired rockets at bases in Iraq, Syria and out of Lebanon.";
        let (_, mentions) = run(text);
        let washington = named(&mentions, text, "Washington");
        assert_eq!(washington[0].canonical, "United States");
        assert_eq!(washington[0].category, MentionCategory::Place);
        assert!(!washington[0].locative);
        let tehran = named(&mentions, text, "Tehran");
        assert_eq!(tehran[0].canonical, "Iran");
        let iraq = named(&mentions, text, "Iraq");
        assert!(!iraq[0].locative && iraq[1].locative);
        let syria = named(&mentions, text, "Syria");
        assert!(!syria[0].locative && syria[1].locative);
        assert!(named(&mentions, text, "Lebanon")[0].locative);
    }

    #[test]
    fn lower_case_titles_prefix_roles_and_later_given_names() {
        let text = "Pentagon spokesman Jonathan Hale said the talks went on. Gen. Rita Osei, head of the \
                    air wing, agreed. President Ortiz spoke first. Later President Luis Ortiz left.";
        let (claims, mentions) = run(text);
        let p = people(&claims);
        let names: Vec<&str> = p.iter().map(|e| e.name.as_str()).collect();
        assert_eq!(names, vec!["Jonathan Hale", "Rita Osei", "Luis Ortiz"]);
        assert_eq!(p[0].title.as_deref(), Some("spokesman"));
        assert_eq!(p[0].role.as_deref(), Some("Pentagon spokesman"));
        assert_eq!(p[1].title.as_deref(), Some("Gen."));
        assert_eq!(p[1].role.as_deref(), Some("head of the air wing"));
        let ortiz = claims
            .iter()
            .find(|c| c.entity().is_some_and(|e| e.name == "Luis Ortiz"))
            .unwrap();
        assert_eq!(ortiz.text, "President Ortiz");
        let ortiz_mentions = mentions
            .iter()
            .filter(|m| m.canonical == "Luis Ortiz")
            .count();
        assert_eq!(ortiz_mentions, 2);
    }

    #[test]
    fn every_title_opens_a_title_whatever_its_length() {
        for title in TITLES {
            let text = format!("On Friday {title} Ingrid Vasquez opened the summit in Oslo.");
            let (claims, _) = run(&text);
            let p = people(&claims);
            assert_eq!(p.len(), 1, "{title}");
            assert_eq!(p[0].name, "Ingrid Vasquez", "{title}");
            assert_eq!(p[0].title.as_deref(), Some(*title), "{title}");
        }
    }

    #[test]
    fn long_titles_open_a_person_and_long_ordinary_words_do_not() {
        let text = "The UN Secretary-General Ingrid Vasquez opened the summit in Oslo on Tuesday.";
        let (claims, _) = run(text);
        let found: Vec<_> = claims
            .iter()
            .filter_map(|c| Some((c.text.as_str(), c.entity()?)))
            .filter(|(_, e)| e.entity_type == EntityType::Person)
            .map(|(written, e)| {
                (
                    written,
                    e.name.as_str(),
                    e.title.as_deref(),
                    e.role.as_deref(),
                )
            })
            .collect();
        assert_eq!(
            found,
            [(
                "Secretary-General Ingrid Vasquez",
                "Ingrid Vasquez",
                Some("Secretary-General"),
                Some("UN Secretary-General")
            )]
        );
        for text in [
            "Telecommunications Workers Union members walked out in Leeds on Monday.",
            "Counterintelligence-Coordinator Reports Reached Parliament late.",
            "Pneumonoultramicroscopicsilicovolcanoconiosis Claims Rose in Wales.",
        ] {
            let (claims, _) = run(text);
            assert!(people(&claims).is_empty(), "{text}");
        }
    }

    #[test]
    fn listed_words_have_the_case_forms_the_word_table_reads() {
        let capitalised = |w: &str| written_as_listed(w.as_bytes(), true);
        let lower = |w: &str| written_as_listed(w.as_bytes(), false);
        assert!(
            NOT_NAMES
                .iter()
                .chain(NOT_NAME_WORDS)
                .all(|w| capitalised(w))
        );
        assert!(PARTICLES.iter().chain(SPEECH_VERBS).all(|w| lower(w)));
        assert!(!capitalised("THE") && !capitalised("the") && !lower("Al") && !lower("aL"));
    }

    #[test]
    fn words_read_by_number_are_classed_as_when_read_as_written() {
        // Every listed word in three cases, and words of other kinds around them.
        let mut text = String::from(
            "J. Smith, al-Kadhimi, Al-Rashid, AL, Obama's, SAID, Said, march, MARCH, Sept., \
             Thurs Marsha Sunni Jo Ma January JANUARY MAY May may Monday Sat x-ray Über Zürich Secretary-General secretary-general \
             Counterintelligence-Coordinator O'Neill U.S. ",
        );
        let lists = [
            NOT_NAMES,
            NOT_NAME_WORDS,
            PARTICLES,
            SPEECH_VERBS,
            LOCATIVES,
            TITLES,
        ];
        for w in lists.iter().flat_map(|l| l.iter()) {
            let mut capitalised = w.to_lowercase();
            capitalised[..1].make_ascii_uppercase();
            for form in [
                w.to_string(),
                w.to_lowercase(),
                w.to_uppercase(),
                capitalised,
            ] {
                text.push_str(&form);
                text.push_str(", ");
            }
        }
        let src = source(&text);
        let doc = segment(&src);
        let extractors = Ruleset::builtin().lexicon.extractors();
        let ids = extractors.words(&doc);
        let entity = &extractors.entity;
        for (k, t) in doc.tokens.iter().enumerate() {
            if t.kind == TokenKind::Word {
                assert_eq!(
                    entity.classify(&doc, &ids, k),
                    entity.classify_written(&doc, k),
                    "{}",
                    doc.token_text(t)
                );
                assert_eq!(
                    entity.is_speech(&doc, &ids, k),
                    entity
                        .speech_verbs
                        .get(doc.token_text(t).as_bytes())
                        .is_some(),
                    "{}",
                    doc.token_text(t)
                );
            }
        }
    }

    #[test]
    fn month_and_weekday_names_reach_the_time_extractor() {
        let names = "January February March April May June July August September October \
                     November December Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec Monday \
                     Tuesday Wednesday Thursday Friday Saturday Sunday Tues Thur Thurs";
        for name in names.split_whitespace() {
            assert!(is_time_word(name), "{name}");
        }
        for word in ["Mayor", "Marsha", "Sunni", "Jo", "Delgado", "Ma"] {
            assert!(!is_time_word(word), "{word}");
        }
    }

    #[test]
    fn start_byte_masks_match_their_bytewise_reading() {
        let text = "Über-cool U.S.-led 9/11 x\u{a0}Iraq, al-Qaeda’s (Kabul) \tzz Zürich \u{7f}AZaz@[`{09:/";
        let mut first_bytes = [false; 256];
        for sets in [&b"AIU9xz"[..], b"abcdefgh", b"\xC3(", b"Z"] {
            first_bytes.fill(false);
            sets.iter()
                .for_each(|&b| first_bytes[usize::from(b)] = true);
            let starts = StartBytes::of(&first_bytes);
            for chunk in text.as_bytes().windows(16) {
                let chunk: &[u8; 16] = chunk.try_into().unwrap();
                assert_eq!(
                    starts.masks(chunk),
                    starts.masks_bytewise(chunk),
                    "{chunk:?}"
                );
            }
        }
    }

    #[test]
    fn names_at_the_very_start_and_after_signs() {
        let (_, mentions) = run("Iraq. #Iraq @Iraq (Iraq) Iraq");
        let starts: Vec<usize> = mentions.iter().map(|m| m.span.start).collect();
        assert_eq!(starts, vec![0, 19, 25]);
        let (claims, mentions) = run("");
        assert!(claims.is_empty() && mentions.is_empty());
    }
}

//! Times: absolute and relative time expressions resolved to inclusive day intervals.
//!
//! Takes a segmented [`Document`] (read from `source.body_start` on) and the publication date;
//! gives one [`Claim`] with a [`TimeClaim`] per time expression: its first and last day (inclusive)
//! and its [`TimeRole`]. The word tables are built once in [`TimeExtractor::new`]; extraction
//! makes one pass over the tokens that classifies each (through the token's number in the
//! shared [`Vocabulary`]: one look-up in a table indexed by it, with no branch on what it
//! finds; only tokens the vocabulary does not read are looked up by their stem; no
//! allocation per token) and lists the tokens an expression
//! can start at, then tries the patterns at those starts only, left to right in each sentence,
//! with a bounded look-ahead (no regex compiled per call, nothing quadratic).
//!
//! # Spans
//! - A span is the whole expression: "September 9, 2020", "last month", "the spring of 2021",
//!   "the past two weeks", "the 1990s", "earlier this year", "mid-2011".
//! - A leading preposition is part of the span when it changes or frames the interval: `by`,
//!   `until`, `till` (deadlines), `since`, `during`, `throughout`, `over`, `within` ("by the end of
//!   September", "during the month of September", "over the past year"). Plain positional
//!   prepositions are left out: `in`, `on`, `at`, `for`, `ahead of`, `before` ("in August" gives
//!   "August", "ahead of the November 3 election" gives "November 3").
//! - A possessive ending is left out ("Wednesday's announcement" gives "Wednesday").
//! - Spans never overlap; at each position the longest pattern wins, leftmost first.
//!
//! # Resolution (against the publication date `P`)
//! - Absolute dates resolve without `P`. A year is Jan 1–Dec 31; "early"/"mid"/"late" a year are
//!   Jan–Jun / May–Aug / Jul–Dec; of a month days 1–15 / 11–20 / 16–end (halves, the middle
//!   overlapping both); of a decade years 0–3 / 4–6 / 7–9; of a week Mon–Wed / Tue–Fri / Thu–Sun;
//!   of a season its first / middle / last month. The vague parts of short periods overlap, so
//!   "late last week" agrees with a Thursday and "early November" with the 12th.
//!   "the end of X" is "late X", "the start/beginning of X" is "early X", "the middle of X" is
//!   "mid X", except that the start and the end of a year are its first and last thirds
//!   (Jan–Apr, Sep–Dec), narrower than "early" and "late". Seasons are northern meteorological: spring Mar–May, summer Jun–Aug, autumn (fall)
//!   Sep–Nov, winter Dec–Feb (the winter of 2021 is Dec 2021–Feb 2022).
//! - Bare months, weekdays, month-days without a year and yearless seasons take the most recent
//!   one at or before `P` (the current month or weekday is `P`'s own), unless a future cue comes
//!   first: `by`, `until`, `till`, `next`, `coming`, `by the`, `until the`, `before the`, `ahead of
//!   (the)`, `from X on`, or `will`/`won't`/`shall`/`I'll`/`they'll`… earlier in the same clause; then the next one
//!   at or after `P`. The clause's tense, read back from the time, decides first: a schedule or
//!   future word ("scheduled", "is due in court", "to appear", "returns", "is going to") takes the
//!   next one, a past verb ("was found", "restored by Saturday") the most recent one, even after
//!   `by` or `until`. A time that dates a speech act ([`TimeRole::Report`]) is always in the past.
//!   "last X" / "next X" (month, season, and "last" weekday) are strictly before / after `P`;
//!   "next Friday" is the Friday of next week (as "this Friday" is that of `P`'s week).
//! - "this/last/next week" are Monday–Sunday weeks; "this/last/next month/year" whole calendar
//!   months/years; "earlier this X" is [start of X, P], "later this X" is [P, end of X].
//! - "the past/last N units" is [P − N units, P]; "the next N units" is [P + 1 day, P + N units]
//!   (the next three days start tomorrow); "within N units" is [P, P + N units]; "the past year"
//!   is [P − 1 year, P]. Without a number, plural units take a default span: days 7 days, weeks 6
//!   weeks, months 6 months, years 5 years, decades 20 years, hours 1 day — so "in the coming
//!   months" is [P + 1 day, P + 6 months] and "in recent weeks" is
//!   [P − 6 weeks, P]. "the last year" (with "the") is rolling; "last year" is the calendar year.
//! - "N days ago" is that day; "N weeks ago" that Monday–Sunday week; "N months ago" that month;
//!   "N years ago" that calendar year.
//! - A deadline ("by X", "until X") is [P, end of X] when X ends at or after P, else X itself.
//!   "since X" is [start of X, P] when X starts at or before P, else X itself.
//! - With no publication date, everything that needs `P` (relative expressions, bare months and
//!   weekdays, deadlines, "since") becomes a claim with `start` and `end` both `None`.
//!
//! # Role
//! [`TimeRole::Report`] when a speech verb (said, says, say, told, tells, announced, announces,
//! stated, added, confirmed, reported, declared, tweeted, wrote) stands right before the
//! expression (optionally across one "on"/"in"/"at": "said Wednesday", "announced on Wednesday",
//! "said in August"), a little before it across a listener or a venue ("told reporters on
//! Tuesday", "said in a statement on Tuesday"), or right after it ("on Tuesday said"), or when a
//! possessive expression governs a speech noun ("Wednesday's announcement"). Otherwise
//! [`TimeRole::Event`].
//!
//! # Not times
//! Counts and measures ("5,200 troops", "2000 soldiers", "1800 GMT", "2000 feet"), vague
//! expressions ("a few years later", "one day"), narrative-relative ones ("the next year", "two
//! years later"), times of day, and ordinals alone ("the third", "finished 21st") give no
//! claim; "the 21st century" is the years 2000–2099. Lower-case month
//! names count too, except that "may", "march", "mar" and "august" need a day or a year not
//! followed by a count ("may 15 times"); an abbreviation alone ("in Aug", "this Sept") needs a time
//! word before it. Numeric dates are month/day/year unless the first number cannot be a month
//! ("21/04/2016"); dashed ones need a four-digit year or a first number that can be a month
//! ("9-18-15"); "2015/08/12", "13.5.2015" and "2019-sep-1" are read too.
//! "this Friday" is the Friday of P's week, "Friday next week" that of the next week, "Friday
//! the 15th" (or "the fifteen", "the twenty first") the most recent (or next) 15th that falls
//! on a Friday (within a year; else the most recent 15th). For capitalised months, a bare "May"
//! (and a sentence-initial "March") needs a day, a year or a time
//! word before it ("in", "since", "by", "late", …), and a bare month followed by a capitalised
//! name without such a word is a given name ("April Ryan"). A four-digit number 1800–2100 is a
//! year unless a counted noun or a measure follows it or a count cue ("some", "nearly", "$")
//! precedes it; "2020's" is a possessive year, "the 1990's" a decade.
//!
//! # More forms
//! - Months of a year in numbers: "2016-11", "2016/11", "11/2016", "2015-3", and with a slash
//!   spaced or a dash spaced on one side ("11 / 2016", "2016 -11"); two digits that read as a
//!   later year stay a year range or nothing ("2019-20", "2010/11"); a dash spaced on both
//!   sides is a pause in prose. "2016 November", "June next year".
//! - Days without a year: "4/22" (the day cannot be a month), "22/04" (a zero-padded month),
//!   "on 4-22", "on 4.22" (closing the clause), "Friday 7/6" (after a weekday).
//! - Days without a month, with an ordinal suffix or in words: "20th of next month", and after
//!   a preposition (on, for, by, until, since, after, before, from, to, through) when closing the
//!   clause: "on the 27th", "for the 21st", "on twenty second", "on the second"; a plain
//!   number only after "on" in a clause about the future ("I'll go back on 15").
//! - "Q3" alone is the quarter of P's year; "H1"/"H2" need a year ("H2 2016", "2016 Q3").
//! - "the first Friday of July", "the last Monday in next month"; "the second Sunday" closing a
//!   clause is of P's month. "the week of November 30th" is the Monday–Sunday week holding the
//!   day; "the week starting (on) February 4" and "2 weeks starting May 20th" run from that day.
//! - "two weeks from now", "three days from tomorrow", "two days before yesterday": that day;
//!   "1 month and 21 days ago": that day. "the week/month/year after next".
//! - "(the) rest of the week/month/year" is [P, end]; "year to date" is [Jan 1, P]; "this/
//!   last/next decade" are calendar decades; "the 70s", "the '40s", "the seventies" are of the
//!   1900s; "the nineteen seventies", "the twenty-tens", "the two thousands" name their century; "the past few weeks" takes the unit's default span; "past month" is one month back.
//! - Years in words after a date or "of": "September 10, nineteen zero one", "June of nineteen
//!   ninety nine", "Feb, two thousand and eighteen"; four-digit years from 1000 after a day and
//!   a month ("5 December 1391"). A yearless range start takes the dated end's year ("from Feb
//!   1st to March 2019"); "now" is P as a bound of "from"/"between" ranges.
//! - "tmrw", "tues", "thur(s)"; "upcoming" reads as "next", "current" as "this", "previous" as
//!   "last" (but "the previous year" is narrative and gives nothing).
//! - "less than 2 weeks from today" is [P, P + 2 weeks]; "for 3 days (,) from today" the three
//!   days from that day; "in 3 weeks" in a clause with "will" is that day (elsewhere "in 3
//!   weeks" is a span of unknown placement and gives nothing); "in nineteen twenty eight" (a
//!   year in words after "in", closing the clause) is that year; "the 15th century" is
//!   1400–1499.
//! - Counted periods ahead: "2 days hence" and "4 weeks in the future" are [P + 1 day, P + N
//!   units] (as "the next N units"); "within 5 years 1 month 12 days" (also after "within the
//!   next") is [P, P + the whole duration]. "more than 2 weeks after today" is open-ended: its
//!   first day is P + 2 weeks and it has no last day; "more than 2 days before yesterday" has no
//!   first day and ends the day before P − 3 days. Such claims never link (a link needs both
//!   bounds).
//! - "November between 19 and 20", "Feb between 2-7 two thousand and eighteen": days of the
//!   month named first. "from 4 to January 22, 1995", "from 02 to April 07": a bare day and a
//!   later dated day of a month (a month name must follow the connector, so "rose from 4 to 22
//!   this month" stays a count). "between 2014-2018" is the dashed range. "from two thousand
//!   until two thousand and fourteen": years in words joined by "until" or "through" only.
//! - "August 99": a capitalised month and a two-digit number above 31 closing the clause is a
//!   year of the 1900s. "september.16th" is "September 16th"; "the month of `<date>`" is the month
//!   holding it. "w/c feb 4" (week commencing) is the seven days from that day. "last 3year":
//!   a count glued to its unit. "this week from Tue to Thur" takes short weekday names.
//! - "earlier in the week", "later in the year" are "earlier this week", "later this year",
//!   unless the sentence names another time (a year, month, weekday, season, "last/next/this",
//!   "ago", "yesterday"...), from which the phrase then narrates: no claim.
//! - "in 70's" (with the apostrophe, after "in") is a decade as "the 70's"; "on weekend" is "the
//!   weekend".

use std::cell::Cell;

use rustc_hash::FxHashMap as HashMap;

use chrono::{Datelike, Days, Months, NaiveDate, Weekday};

use super::numbers::{day_ordinals, split_hyphen};
use super::vocabulary::{UNREAD, Vocabulary, WordId};
use crate::model::{Claim, ClaimDetail, Document, Span, TimeClaim, TimeRole, Token, TokenKind};

/// Keywords, compared case-insensitively.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Kw {
    In,
    On,
    At,
    Of,
    The,
    For,
    By,
    Until,
    Since,
    During,
    Over,
    Throughout,
    Within,
    Next,
    Last,
    This,
    Past,
    Coming,
    Recent,
    Ahead,
    Before,
    After,
    From,
    Onward,
    Early,
    Late,
    Mid,
    End,
    Start,
    Middle,
    Earlier,
    Later,
    Today,
    Yesterday,
    Tomorrow,
    Tonight,
    Night,
    DayPart,
    Ago,
    Will,
    And,
    Or,
    Between,
    To,
    Through,
    Det,
    /// "rest" ("the rest of the year").
    Rest,
    /// "w" of "w/c" ("week commencing").
    W,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Season {
    Spring,
    Summer,
    Autumn,
    Winter,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Unit {
    Hour,
    Day,
    Week,
    Weekend,
    Month,
    Year,
    Decade,
}

/// What a token is, for the patterns.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Class {
    /// Outside the sentence being parsed.
    Nothing,
    Other,
    Punct(char),
    /// Digits; for plain ones (at most nine, no separators: [`Lex::width`] above 0) their
    /// value, else 0.
    Num(u32),
    Kw(Kw),
    /// A capitalised full month name.
    Month(u32),
    /// A capitalised month abbreviation ("Sept", "Jan"); needs a day or a year.
    Abbr(u32),
    /// "mid-June" (one token).
    MidMonth(u32),
    Weekday(Weekday),
    /// A capitalised three-letter weekday ("Wed"): a weekday only before a date.
    ShortWeekday(Weekday),
    Season(Season),
    /// A time unit and whether it is plural.
    Unit(Unit, bool),
    NumWord(u32),
    Speech,
    SpeechNoun,
    /// A noun that makes the number before it a count ("troops", "people").
    CountNoun,
    /// A word that makes the number after it a count or a label ("some", "nearly", "No.").
    CountCue,
    /// A measure or clock word after a number ("percent", "feet", "GMT").
    Measure,
    /// An ordinal word ("first", "third", "twenty-second").
    Ordinal(u32),
    /// A part of a year: "half" (2) or "quarter" (4).
    Portion(u32),
    /// A quarter written "Q1".."Q4" (one token).
    Quarter(u32),
    /// A half year written "H1" or "H2" (one token).
    Half(u32),
    /// A month and a day glued into one token ("april22", "Sept5").
    GluedDay(u8, u8),
}

/// What a token is for the patterns: its class and the values read with it. Whether a word
/// ends in a possessive 's is read from the text where a pattern asks ([`Parser::poss`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
struct Lex {
    class: Class,
    /// A month name or abbreviation written in lower case ("april", "sept").
    lc: bool,
    /// For plain digits (at most nine): how many there are, read once here since the grammar
    /// asks for it many times (their value is [`Class::Num`]'s); 0 for other tokens.
    width: u8,
    /// The value of the whole token as a number word from "one" to "ninety" ([`word_number`]),
    /// or 0.
    number: u8,
    /// The value of the whole token as a decade word ([`decade_word`]: "seventies" → 70), or 0.
    decade: u8,
}

// One per token of a document: kept to 12 bytes (a month and a day glued are bytes, the
// digits' value is their class's) so the tokens' readings take less memory to fill and read
// back.
const _: () = assert!(std::mem::size_of::<Lex>() <= 12);

impl Lex {
    /// A plain word: none of the tables' words.
    const PLAIN: Lex = Lex::of(Class::Other);

    /// A token of class `class` and nothing more.
    const fn of(class: Class) -> Lex {
        Lex {
            class,
            lc: false,
            width: 0,
            number: 0,
            decade: 0,
        }
    }
}

/// The time extractor, with its word tables built once.
pub struct TimeExtractor {
    /// The words of the tables as written alone (no possessive, no glued form), numbered
    /// here: for the tokens the shared vocabulary does not read ([`UNREAD`]).
    stems: Vocabulary,
    /// Per number in `stems`: how the word reads capitalised (by a capitalised-only reading,
    /// else by its plain one) and otherwise (by a lower-case month reading, else by its plain
    /// one), each when it does.
    stem_lex: Vec<[Option<Lex>; 2]>,
    /// Per number of the shared vocabulary: how the word reads as a token ([`Entry`]), 0 for
    /// a plain word. The numbers other stages give past the last word of this stage (and
    /// `UNKNOWN`) read as the last entry, which is 0: plain too.
    by_word: Vec<Entry>,
    /// What the entries point at, then the punctuation marks' readings (from `marks` on),
    /// each with its [`Start`] bits; `readings[0]` is [`Lex::PLAIN`].
    readings: Vec<Reading>,
    /// Where the readings of the ASCII punctuation marks begin in `readings`, one per byte.
    marks: usize,
}

/// A token's reading and its [`Start`] bits, one record (16 bytes) so that the pass over the
/// tokens finds both with one look-up.
#[derive(Debug, Clone, Copy)]
struct Reading {
    lex: Lex,
    start: u32,
}

impl Reading {
    fn of(lex: Lex) -> Reading {
        Reading {
            lex,
            start: Start::of(&lex),
        }
    }
}

/// How a word of the shared vocabulary reads as a token: the index of its reading in
/// [`TimeExtractor::readings`] (of its capitalised reading, with [`Entry::CASED`], the other
/// following it), and whether it is a possessive ([`Entry::POSS`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Entry(u16);

impl Entry {
    /// It reads one way capitalised (a capital first letter) and another otherwise.
    const CASED: u16 = 1 << 15;
    /// It ends in "'s" and reads as its stem only so (the vocabulary folds the case of the
    /// "s" too, but "'S" is no possessive).
    const POSS: u16 = 1 << 14;
    const INDEX: u16 = Entry::POSS - 1;
}

/// What a lower-case word of the tables is, by how it is written.
#[derive(Debug, Clone, Copy, Default)]
struct Readings {
    /// Of any capitalisation (keywords, weekdays, units, number words, ...).
    word: Option<Class>,
    /// Only when capitalised (months, abbreviations, short weekdays).
    capitalised: Option<Class>,
    /// Month names and abbreviations as read when written in lower case: unambiguous ones as
    /// months, "may", "march", "mar" and "august" only with a day or a year (as abbreviations).
    lowercase: Option<Class>,
    /// Its values as a number word and as a decade word ([`Lex::number`], [`Lex::decade`]).
    number: u8,
    decade: u8,
}

impl Readings {
    /// How the word reads by `cased` (a reading for how it is written), else by its plain
    /// reading; `None` when neither applies and it is no number or decade word either.
    fn lex(&self, cased: Option<Class>, lc: bool) -> Option<Lex> {
        let class = cased.or(self.word);
        (class.is_some() || self.number > 0 || self.decade > 0).then(|| Lex {
            lc,
            number: self.number,
            decade: self.decade,
            ..Lex::of(class.unwrap_or(Class::Other))
        })
    }
}

const KEYWORDS: &[(&str, Kw)] = &[
    ("in", Kw::In),
    ("on", Kw::On),
    ("at", Kw::At),
    ("of", Kw::Of),
    ("the", Kw::The),
    ("for", Kw::For),
    ("by", Kw::By),
    ("until", Kw::Until),
    ("till", Kw::Until),
    ("since", Kw::Since),
    ("during", Kw::During),
    ("over", Kw::Over),
    ("throughout", Kw::Throughout),
    ("within", Kw::Within),
    ("next", Kw::Next),
    ("last", Kw::Last),
    ("this", Kw::This),
    ("past", Kw::Past),
    ("coming", Kw::Coming),
    ("upcoming", Kw::Next),
    ("previous", Kw::Last),
    ("current", Kw::This),
    ("rest", Kw::Rest),
    ("w", Kw::W),
    ("recent", Kw::Recent),
    ("ahead", Kw::Ahead),
    ("before", Kw::Before),
    ("after", Kw::After),
    ("from", Kw::From),
    ("onward", Kw::Onward),
    ("onwards", Kw::Onward),
    ("early", Kw::Early),
    ("late", Kw::Late),
    ("mid", Kw::Mid),
    ("end", Kw::End),
    ("start", Kw::Start),
    ("beginning", Kw::Start),
    ("middle", Kw::Middle),
    ("earlier", Kw::Earlier),
    ("later", Kw::Later),
    ("today", Kw::Today),
    ("yesterday", Kw::Yesterday),
    ("tomorrow", Kw::Tomorrow),
    ("tmrw", Kw::Tomorrow),
    ("tonight", Kw::Tonight),
    ("night", Kw::Night),
    ("morning", Kw::DayPart),
    ("afternoon", Kw::DayPart),
    ("evening", Kw::DayPart),
    ("ago", Kw::Ago),
    ("will", Kw::Will),
    ("won't", Kw::Will),
    ("shall", Kw::Will),
    ("i'll", Kw::Will),
    ("we'll", Kw::Will),
    ("you'll", Kw::Will),
    ("he'll", Kw::Will),
    ("she'll", Kw::Will),
    ("it'll", Kw::Will),
    ("they'll", Kw::Will),
    ("and", Kw::And),
    ("or", Kw::Or),
    ("between", Kw::Between),
    ("to", Kw::To),
    ("through", Kw::Through),
    ("its", Kw::Det),
    ("his", Kw::Det),
    ("her", Kw::Det),
    ("their", Kw::Det),
    ("our", Kw::Det),
    ("my", Kw::Det),
    ("your", Kw::Det),
    ("that", Kw::Det),
    ("these", Kw::Det),
    ("those", Kw::Det),
    ("whose", Kw::Det),
];

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

const MONTH_ABBREVIATIONS: &[(&str, u32)] = &[
    ("jan", 1),
    ("feb", 2),
    ("mar", 3),
    ("apr", 4),
    ("jun", 6),
    ("jul", 7),
    ("aug", 8),
    ("sep", 9),
    ("sept", 9),
    ("oct", 10),
    ("nov", 11),
    ("dec", 12),
];

const WEEKDAYS: &[(&str, Weekday)] = &[
    ("monday", Weekday::Mon),
    ("tuesday", Weekday::Tue),
    ("wednesday", Weekday::Wed),
    ("thursday", Weekday::Thu),
    ("friday", Weekday::Fri),
    ("saturday", Weekday::Sat),
    ("sunday", Weekday::Sun),
    ("tues", Weekday::Tue),
    ("thur", Weekday::Thu),
    ("thurs", Weekday::Thu),
];

const SEASONS: &[(&str, Season)] = &[
    ("spring", Season::Spring),
    ("summer", Season::Summer),
    ("autumn", Season::Autumn),
    ("fall", Season::Autumn),
    ("winter", Season::Winter),
];

const UNITS: &[(&str, Unit, bool)] = &[
    ("hour", Unit::Hour, false),
    ("hours", Unit::Hour, true),
    ("day", Unit::Day, false),
    ("days", Unit::Day, true),
    ("week", Unit::Week, false),
    ("weeks", Unit::Week, true),
    ("weekend", Unit::Weekend, false),
    ("weekends", Unit::Weekend, true),
    ("month", Unit::Month, false),
    ("months", Unit::Month, true),
    ("year", Unit::Year, false),
    ("years", Unit::Year, true),
    ("decade", Unit::Decade, false),
    ("decades", Unit::Decade, true),
];

const NUMBER_WORDS: &[(&str, u32)] = &[
    ("a", 1),
    ("an", 1),
    ("one", 1),
    ("two", 2),
    ("three", 3),
    ("four", 4),
    ("five", 5),
    ("six", 6),
    ("seven", 7),
    ("eight", 8),
    ("nine", 9),
    ("ten", 10),
    ("eleven", 11),
    ("twelve", 12),
    ("fifteen", 15),
    ("eighteen", 18),
    ("twenty", 20),
    ("thirty", 30),
    ("forty", 40),
    ("fifty", 50),
];

const SPEECH_VERBS: &[&str] = &[
    "said",
    "says",
    "say",
    "told",
    "tells",
    "announced",
    "announces",
    "stated",
    "added",
    "confirmed",
    "reported",
    "declared",
    "tweeted",
    "wrote",
    "spoke",
    "speaking",
    "explained",
    "insisted",
    "warned",
    "claimed",
    "testified",
];

const SPEECH_NOUNS: &[&str] = &[
    "announcement",
    "statement",
    "remarks",
    "speech",
    "comments",
    "briefing",
    "interview",
    "tweet",
    "address",
    "testimony",
    "report",
    "press",
    "news",
];

const COUNT_NOUNS: &[&str] = &[
    "troops",
    "soldiers",
    "people",
    "personnel",
    "staff",
    "police",
    "men",
    "women",
    "children",
    "civilians",
    "fighters",
    "militants",
    "marines",
    "sailors",
    "forces",
    "members",
    "residents",
    "refugees",
    "workers",
    "cases",
    "deaths",
    "dead",
    "votes",
    "jobs",
];

const COUNT_CUES: &[&str] = &[
    "some",
    "nearly",
    "roughly",
    "approximately",
    "almost",
    "another",
    "additional",
    "extra",
    "least",
    "under",
    "than",
    "no",
    "number",
    "page",
    "room",
    "flight",
    "route",
];

const MEASURES: &[&str] = &[
    "percent",
    "per",
    "pc",
    "feet",
    "ft",
    "foot",
    "km",
    "kilometres",
    "kilometers",
    "miles",
    "metres",
    "meters",
    "kg",
    "kilograms",
    "tons",
    "tonnes",
    "gmt",
    "utc",
    "bst",
    "edt",
    "est",
    "cet",
    "hrs",
    "hr",
    "local",
    "a.m.",
    "p.m.",
    "am",
    "pm",
    "mph",
    "acres",
    "hectares",
    "barrels",
    "times",
    "points",
    "dollars",
    "euros",
    "pounds",
];

impl TimeExtractor {
    pub fn new(vocabulary: &mut Vocabulary) -> TimeExtractor {
        let mut words: HashMap<&'static str, Class> = HashMap::default();
        let mut capitalised: HashMap<&'static str, Class> = HashMap::default();
        for &(w, k) in KEYWORDS {
            words.insert(w, Class::Kw(k));
        }
        for (i, &m) in MONTHS.iter().enumerate() {
            capitalised.insert(m, Class::Month(i as u32 + 1));
        }
        for &(w, m) in MONTH_ABBREVIATIONS {
            capitalised.insert(w, Class::Abbr(m));
        }
        let mut lowercase = capitalised.clone();
        for w in ["may", "march", "mar", "august"] {
            if let Some(Class::Month(m) | Class::Abbr(m)) = capitalised.get(w) {
                lowercase.insert(w, Class::Abbr(*m));
            }
        }
        for &(w, d) in WEEKDAYS {
            words.insert(w, Class::Weekday(d));
        }
        // "Wed", "Sun", "Sat" are words too: capitalised and before a date only.
        for (w, d) in [
            ("mon", Weekday::Mon),
            ("tue", Weekday::Tue),
            ("wed", Weekday::Wed),
            ("thu", Weekday::Thu),
            ("fri", Weekday::Fri),
            ("sat", Weekday::Sat),
            ("sun", Weekday::Sun),
        ] {
            capitalised.insert(w, Class::ShortWeekday(d));
        }
        for &(w, s) in SEASONS {
            words.insert(w, Class::Season(s));
        }
        for &(w, u, plural) in UNITS {
            words.insert(w, Class::Unit(u, plural));
        }
        for &(w, n) in NUMBER_WORDS {
            words.insert(w, Class::NumWord(n));
        }
        for (w, n) in day_ordinals() {
            words.insert(w, Class::Ordinal(n));
        }
        words.insert("half", Class::Portion(2));
        words.insert("quarter", Class::Portion(4));
        for &w in SPEECH_VERBS {
            words.insert(w, Class::Speech);
        }
        for &w in SPEECH_NOUNS {
            words.insert(w, Class::SpeechNoun);
        }
        for &w in COUNT_NOUNS {
            words.insert(w, Class::CountNoun);
        }
        for &w in COUNT_CUES {
            words.insert(w, Class::CountCue);
        }
        for &w in MEASURES {
            words.insert(w, Class::Measure);
        }
        let mut readings: HashMap<&'static [u8], Readings> = HashMap::default();
        for (&w, &c) in &words {
            readings.entry(w.as_bytes()).or_default().word = Some(c);
        }
        for (&w, &c) in &capitalised {
            readings.entry(w.as_bytes()).or_default().capitalised = Some(c);
        }
        for (&w, &c) in &lowercase {
            readings.entry(w.as_bytes()).or_default().lowercase = Some(c);
        }
        for w in super::numbers::number_word_starts() {
            if let Some(n) = word_number(w) {
                readings.entry(w.as_bytes()).or_default().number = n as u8;
            }
        }
        for w in DECADES {
            if let Some(d) = decade_word(w) {
                readings.entry(w.as_bytes()).or_default().decade = d as u8;
            }
        }
        // The stems of the tables, numbered in a fixed order so the tables are the same from
        // run to run.
        let mut stem_words: Vec<(&[u8], Readings)> = readings.into_iter().collect();
        stem_words.sort_by_key(|&(w, _)| w);
        let mut extractor = TimeExtractor {
            stems: Vocabulary::new(),
            stem_lex: Vec::with_capacity(stem_words.len()),
            by_word: Vec::new(),
            readings: Vec::new(),
            marks: 0,
        };
        // The readings as they are found, with their start bits added at the end.
        let mut readings = vec![Lex::PLAIN];
        for (w, readings) in &stem_words {
            let Some(id) = std::str::from_utf8(w)
                .ok()
                .and_then(|w| extractor.stems.add(w))
            else {
                continue;
            };
            debug_assert_eq!(id as usize, extractor.stem_lex.len(), "each stem once");
            extractor.stem_lex.push([
                readings.lex(readings.capitalised, false),
                readings.lex(readings.lowercase, readings.lowercase.is_some()),
            ]);
        }
        // Every word that reads as more than a plain word, alone or with a possessive, gets
        // its reading in the shared vocabulary: the stems and the glued forms.
        let mut forms: Vec<String> = stem_words
            .iter()
            .filter_map(|(w, _)| std::str::from_utf8(w).ok().map(str::to_string))
            .collect();
        forms.extend(glued_forms());
        let mut pairs: HashMap<(Lex, Lex), Entry> = HashMap::default();
        let mut capital = String::new();
        for mut form in forms {
            for poss in [0, Entry::POSS] {
                if poss != 0 {
                    form.push_str("'s");
                }
                capital.clone_from(&form);
                if let Some(first) = capital.get_mut(..1) {
                    first.make_ascii_uppercase();
                }
                let cased = [&capital, &form].map(|w| extractor.read_word(w, form.as_bytes()));
                // A possessive reads as its stem does, if at all.
                if cased == [Lex::PLAIN; 2] {
                    break;
                }
                // Longer than the vocabulary reads: such tokens are read by their stem.
                let Some(id) = vocabulary.add(&form) else {
                    continue;
                };
                let entry = *pairs.entry((cased[0], cased[1])).or_insert_with(|| {
                    let at = readings.len() as u16;
                    if cased[0] == cased[1] {
                        readings.push(cased[0]);
                        Entry(at)
                    } else {
                        readings.extend(cased);
                        Entry(at | Entry::CASED)
                    }
                });
                assert!(
                    readings.len() < usize::from(Entry::INDEX),
                    "readings fit an entry"
                );
                let at = id as usize;
                if extractor.by_word.len() <= at {
                    extractor.by_word.resize(at + 1, Entry(0));
                }
                extractor.by_word[at] = Entry(entry.0 | poss);
            }
        }
        // The numbers past the last word (other stages' words, `UNKNOWN`) read as this last
        // entry: a plain word.
        extractor.by_word.push(Entry(0));
        extractor.marks = readings.len();
        readings.extend((0..128).map(|b| Lex::of(Class::Punct(char::from(b)))));
        extractor.readings = readings.into_iter().map(Reading::of).collect();
        extractor
    }

    /// How token `token` of `text` (`lower` lower-cased), numbered `id` in the shared
    /// vocabulary and ending in byte `last`, reads, and its [`Start`] bits. A word or an ASCII punctuation mark (all but
    /// numbers and the tokens the vocabulary does not read) is one look-up in `readings`,
    /// taken without a branch on what it finds or on which of the two the token is: a word by
    /// its entry in `by_word` (every word that reads, alone or with a possessive, has one;
    /// every other number reads as the last, plain entry), a mark by its byte.
    #[inline(always)]
    fn read_token(
        &self,
        text: &str,
        lower: &[u8],
        token: &Token,
        id: WordId,
        last: u8,
    ) -> (Lex, u32) {
        if (token.kind == TokenKind::Number) | (id == UNREAD) {
            return self.read_other(text, lower, token);
        }
        let Entry(entry) = self.by_word[(id as usize).min(self.by_word.len() - 1)];
        let bytes = text.as_bytes();
        let first = bytes[token.span.start];
        let uncased = !first.is_ascii_uppercase();
        let at =
            usize::from(entry & Entry::INDEX) + usize::from((entry & Entry::CASED != 0) & uncased);
        // A possessive entry ("'S" is none) or nothing: its plain reading, `readings[0]`.
        let unlike = (entry & Entry::POSS != 0) & (last != b's');
        let word = at & usize::from(!unlike).wrapping_neg();
        // A token the vocabulary reads is ASCII, so a mark is one byte.
        let mark = usize::from(token.kind == TokenKind::Punct).wrapping_neg();
        let at = (word & !mark) | ((self.marks + usize::from(first & 0x7F)) & mark);
        let Reading { lex, start } = self.readings[at];
        (lex, start)
    }

    /// How a number, or a token the vocabulary does not read, reads ([`Self::read_token`]).
    /// Kept out of the pass over the tokens, so that its loop holds the common case only and
    /// keeps its values in registers.
    #[inline(never)]
    fn read_other(&self, text: &str, lower: &[u8], token: &Token) -> (Lex, u32) {
        let span = token.span.start..token.span.end;
        match token.kind {
            TokenKind::Word => {
                let read = self.read_word(&text[span.clone()], &lower[span]);
                (read, Start::of(&read))
            }
            TokenKind::Number => {
                // Read as bytes: digits are ASCII, so no character boundary needs checking.
                let raw = &text.as_bytes()[span];
                let plain = raw.len() <= 9 && raw.iter().all(u8::is_ascii_digit);
                let mut read = Lex::of(Class::Num(0));
                if plain && !raw.is_empty() {
                    (read.class, read.width) = (Class::Num(digit_value(raw)), raw.len() as u8);
                }
                (read, Start::of(&read))
            }
            TokenKind::Punct => {
                let c = match text.as_bytes()[span.clone()].first() {
                    Some(&b) if b.is_ascii() => char::from(b),
                    _ => text[span].chars().next().unwrap_or(' '),
                };
                let read = Lex::of(Class::Punct(c));
                (read, Start::of(&read))
            }
        }
    }

    /// How a word token `raw` (lower-cased `low`) reads: by its stem (without a possessive
    /// "'s" or "’s") as a word of the tables, capitalised or not, else as a glued form; a
    /// possessive is no number or decade word.
    fn read_word(&self, raw: &str, low: &[u8]) -> Lex {
        let bytes = raw.as_bytes();
        let len = match bytes {
            [.., b'\'', b's'] => bytes.len() - 2,
            [.., 0xE2, 0x80, 0x99, b's'] => bytes.len() - 4,
            _ => bytes.len(),
        };
        // Every word of the tables and every glued form is ASCII and at most `KEY_BYTES`
        // long.
        if len == 0 || len > KEY_BYTES {
            return Lex::PLAIN;
        }
        let stem = self.stems.get(&raw[..len]);
        if let Some(cased) = self.stem_lex.get(stem as usize)
            && let Some(read) = cased[usize::from(!bytes[0].is_ascii_uppercase())]
        {
            return if len < bytes.len() {
                Lex {
                    number: 0,
                    decade: 0,
                    ..read
                }
            } else {
                read
            };
        }
        // A glued form ends in a digit ("q3", "april22") or has a hyphen after "mid" or after
        // "twenty" or "thirty".
        if !(bytes[len - 1].is_ascii_digit()
            || bytes.get(3) == Some(&b'-')
            || bytes.get(6) == Some(&b'-'))
        {
            return Lex::PLAIN;
        }
        let key = &low[..len];
        mid_month(key)
            .map(Class::MidMonth)
            .or_else(|| compound_ordinal(key).map(Class::Ordinal))
            .or_else(|| year_part_word(&bytes[..len]))
            .or_else(|| glued_day(key).map(|(m, d)| Class::GluedDay(m as u8, d as u8)))
            .map_or(Lex::PLAIN, Lex::of)
    }

    /// Extracts the time claims of `doc`; `source` is the source's index in the run and
    /// `published` the date relative expressions resolve against.
    #[cfg(test)]
    pub(crate) fn extract(
        &self,
        doc: &Document,
        source: usize,
        published: Option<NaiveDate>,
        words: &[WordId],
    ) -> Vec<Claim> {
        self.extract_lowered(
            doc,
            source,
            published,
            &doc.text().to_ascii_lowercase(),
            words,
        )
    }

    /// The time claims of `doc` (relative ones resolved against `published`), given the text
    /// lower-cased (`str::to_ascii_lowercase`) and each token's word number, so that a caller
    /// running several extractors makes that copy once. Tokens are looked up and
    /// compared through it, with no allocation per token.
    pub(crate) fn extract_lowered(
        &self,
        doc: &Document,
        source: usize,
        published: Option<NaiveDate>,
        lower: &str,
        words: &[WordId],
    ) -> Vec<Claim> {
        let text = doc.text();
        let first = doc
            .tokens
            .partition_point(|t| t.span.start < doc.source.body_start);
        let toks = &doc.tokens[first..];
        // One word number per token; should they not match, every token is read by its stem.
        let unread;
        let words = match words.get(first..) {
            Some(words) if words.len() == toks.len() => words,
            _ => {
                unread = vec![UNREAD; toks.len()];
                &unread
            }
        };
        // One pass over the tokens: each one's class, the first token of each sentence, and the
        // tokens an expression can start at that the token after them does not rule out (in
        // order). What a token's reading means for the starts comes with it from a table
        // ([`Start`]), so the pass branches on little more than whether a token is a number
        // ([`Self::read_token`]).
        let bytes = text.as_bytes();
        let count = toks.len();
        // Room enough from the start, so no list grows: a sentence or a token is an entry at
        // most once. A sentence's first token and a start are written at the end of their
        // lists whatever the token and kept only when they are one, so no branch depends on
        // whether they are.
        let Buffers {
            lex: mut lexes,
            mut sentences,
            mut starts,
        } = BUFFERS.with(Cell::take);
        for list in [&mut sentences, &mut starts] {
            if list.len() <= count {
                list.resize(count + 1, 0);
            }
        }
        if lexes.len() < count {
            lexes.resize(count, Lex::PLAIN);
        }
        let mut found = 0;
        let mut kept = 0;
        let mut sentence = usize::MAX;
        // The token before (in the same sentence): its [`Start`] bits, and whether "in" comes
        // right before it. A token is decided as a start once the token after it is read.
        let (mut before, mut before_after_in) = (0, false);
        for (i, ((token, &id), slot)) in toks.iter().zip(words).zip(&mut lexes).enumerate() {
            let same = token.sentence == sentence;
            sentence = token.sentence;
            sentences[found] = i;
            found += usize::from(!same);
            let last = bytes[token.span.end.saturating_sub(1)];
            let (read, start) = self.read_token(text, lower.as_bytes(), token, id, last);
            *slot = read;
            let len = token.span.end - token.span.start;
            let next = if same {
                start | Start::of_text(len, last)
            } else {
                Start::AFTER_THE | Start::ANY
            };
            let prev = i.wrapping_sub(1);
            let mut starts_before =
                Start::starts(before, before_after_in, next).unwrap_or_else(|| {
                    &lower.as_bytes()[token.span.start..token.span.end] == b"noughties"
                });
            if !same {
                before = 0;
            }
            // "less than" and "more than": the plain word before "than" starts.
            if (start & Start::THAN != 0) & (before & Start::OTHER != 0) {
                starts_before |= &lower.as_bytes()[token.span.start..token.span.end] == b"than";
            }
            starts[kept] = prev;
            kept += usize::from(starts_before);
            before_after_in = before & Start::IN != 0;
            before = start;
        }
        let lex = &lexes[..count];
        if let Some(Some(true)) = count
            .checked_sub(1)
            .map(|_| Start::starts(before, before_after_in, Start::AFTER_THE | Start::ANY))
        {
            starts[kept] = count - 1;
            kept += 1;
        }
        // Each claim begins at a start of its own; the sentences with one are parsed.
        let mut claims = Vec::with_capacity(kept);
        let (mut at, mut s) = (0, 0);
        while at < kept {
            let i = starts[at];
            while s + 1 < found && sentences[s + 1] <= i {
                s += 1;
            }
            let lo = sentences[s];
            let hi = if s + 1 < found {
                sentences[s + 1]
            } else {
                count
            };
            let from = at;
            while at < kept && starts[at] < hi {
                at += 1;
            }
            let parser = Parser {
                doc,
                source,
                published,
                text,
                lower,
                toks,
                lex,
                sentence: &lex[lo..hi],
                lo,
                hi,
                core_miss: Cell::new(usize::MAX),
            };
            parser.scan(&starts[from..at], &mut claims);
        }
        BUFFERS.with(|b| {
            b.set(Buffers {
                lex: lexes,
                sentences,
                starts,
            })
        });
        claims
    }
}

/// The lists a pass over a document's tokens fills ([`TimeExtractor::extract_lowered`]), kept
/// per thread from document to document so that they are neither allocated nor cleared again:
/// only what a pass writes is read back.
#[derive(Default)]
struct Buffers {
    lex: Vec<Lex>,
    /// The first token of each sentence.
    sentences: Vec<usize>,
    starts: Vec<usize>,
}

thread_local! {
    static BUFFERS: Cell<Buffers> = Cell::default();
}

/// What a token's reading means for the tokens an expression can start at, as bits (the pass
/// over the tokens reads them from a table instead of matching on the class): whether it
/// starts one and what it is as the token after a start (the low 16 bits), and which bits of
/// the token after it let it start ([`Start::NEEDS`], the high 16 bits). The conditions rule
/// out at once the most common starts that lead nowhere, before the patterns are tried (and
/// never one a pattern reads: [`Parser::scan`] checks this in tests):
/// - after "the", a word of no class (or a noun or cue no pattern after "the" reads) is read
///   only as a decade or a century in words (`spelled_decade`: "the seventies", "the nineteen
///   seventies", "the twenty-tens") or as "the noughties": the token after must be
///   [`Start::AFTER_THE`] or [`Start::LONG`] (or "noughties");
/// - a number word other than "twenty" and "thirty" (which may start a day in words) starts
///   only a count of units ("two weeks ago"), "two Sundays from now" and, after "in", a year
///   in words: a [`Start::UNIT`] or [`Start::PLURAL`] follows, or it is a number word after
///   "in" ([`Start::IN_BEFORE`]);
/// - "in" and "for" start only "in 3 weeks" (`in_units`) and "for 3 days from today"
///   (`for_days_from`), before a count ([`Parser::count`]): a [`Start::NUMBER_WORD`] or a
///   [`Start::COUNT`];
/// - a number word of no class starts only right after "in" ("in nineteen ninety").
struct Start;

impl Start {
    /// It can be the first token of an expression ([`can_start`]), given [`Start::NEEDS`].
    const ALWAYS: u32 = 1;
    /// "in".
    const IN: u32 = 1 << 1;
    /// A word of no class ([`Class::Other`]).
    const OTHER: u32 = 1 << 2;
    /// A count cue, "than" among them: a plain word before "than" starts ("less than").
    const THAN: u32 = 1 << 3;
    /// "the" (whose condition has an exception: "the noughties").
    const THE: u32 = 1 << 4;
    /// As the token after "the": anything but a word of no class, a noun or a cue, unless it
    /// is a number or decade word. The end of the sentence is one too.
    const AFTER_THE: u32 = 1 << 5;
    /// A unit ([`Class::Unit`]).
    const UNIT: u32 = 1 << 6;
    /// A number word of a class ([`Class::NumWord`]).
    const NUMBER_WORD: u32 = 1 << 7;
    /// One to three plain digits, not 0.
    const COUNT: u32 = 1 << 8;
    /// Of the token's text, not of its reading: it ends in "s" or "S".
    const PLURAL: u32 = 1 << 9;
    /// Of the token's text: at least 11 bytes long.
    const LONG: u32 = 1 << 10;
    /// Of the token's text: 9 bytes long (as "noughties").
    const NINE: u32 = 1 << 11;
    /// Of every token after a start, and of the end of the sentence.
    const ANY: u32 = 1 << 12;
    /// Of the start, not of the token after it: "in" comes right before the start.
    const IN_BEFORE: u32 = 1 << 13;
    /// Where the bits the token after a start needs one of begin.
    const NEEDS: u32 = 16;

    /// The bits of `read`.
    fn of(read: &Lex) -> u32 {
        let (starts, needs) = match read.class {
            Class::Other if read.number > 0 => (Start::OTHER | Start::ALWAYS, Start::IN_BEFORE),
            Class::Other => (Start::OTHER, 0),
            Class::CountCue => (Start::THAN, 0),
            Class::Kw(Kw::In) => (Start::IN | Start::ALWAYS, Start::NUMBER_WORD | Start::COUNT),
            Class::Kw(Kw::For) => (Start::ALWAYS, Start::NUMBER_WORD | Start::COUNT),
            Class::Kw(Kw::The) => (Start::THE | Start::ALWAYS, Start::AFTER_THE | Start::LONG),
            Class::NumWord(n) if n != 20 && n != 30 => {
                let after_in = if read.number > 0 { Start::IN_BEFORE } else { 0 };
                (Start::ALWAYS, Start::UNIT | Start::PLURAL | after_in)
            }
            c if can_start(c) => (Start::ALWAYS, Start::ANY),
            _ => (0, 0),
        };
        let after_the = match read.class {
            Class::Other
            | Class::CountNoun
            | Class::SpeechNoun
            | Class::Speech
            | Class::CountCue
            | Class::Measure => read.number > 0 || read.decade > 0,
            _ => true,
        };
        let kind = match read.class {
            Class::Unit(..) => Start::UNIT,
            Class::NumWord(_) => Start::NUMBER_WORD,
            Class::Num(value) if (1..=3).contains(&read.width) && value > 0 => Start::COUNT,
            _ => 0,
        };
        starts | kind | if after_the { Start::AFTER_THE } else { 0 } | (needs << Start::NEEDS)
    }

    /// The bits of a token's text as the token after a start: [`Start::PLURAL`],
    /// [`Start::LONG`], [`Start::NINE`] and [`Start::ANY`].
    #[inline(always)]
    fn of_text(len: usize, last: u8) -> u32 {
        (u32::from(last | 0x20 == b's') * Start::PLURAL)
            | (u32::from(len >= 11) * Start::LONG)
            | (u32::from(len == 9) * Start::NINE)
            | Start::ANY
    }

    /// Whether the token with bits `bits` (`after_in`: right after "in") starts an
    /// expression worth trying, given the bits of the token after it (reading and text, or
    /// [`Start::AFTER_THE`] and [`Start::ANY`] at the end of the sentence), when that is
    /// decided by bits alone; `None` when it depends on the text of the token after
    /// ("noughties").
    #[inline(always)]
    fn starts(bits: u32, after_in: bool, next: u32) -> Option<bool> {
        let next = next | (u32::from(after_in) * Start::IN_BEFORE);
        let starts = (bits & Start::ALWAYS != 0) & (next & (bits >> Start::NEEDS) != 0);
        if !starts & (bits & Start::THE != 0) & (next & Start::NINE != 0) {
            return None;
        }
        Some(starts)
    }
}

/// The month a capitalised month name or abbreviation stands for ("September", "Sept" → 9).
/// Shared with the extractors that must not read "September 9" as a count or a name.
pub fn month_of(word: &str) -> Option<u32> {
    if !word.starts_with(|c: char| c.is_ascii_uppercase()) {
        return None;
    }
    month_named(|name| name.eq_ignore_ascii_case(word))
}

/// The month a lower-case month name or abbreviation names ("june", "sept" → 9).
pub(crate) fn month_number(lower: &str) -> Option<u32> {
    month_named(|name| name == lower)
}

/// The month of the first month name or abbreviation (lower case) that `is` accepts.
fn month_named(is: impl Fn(&str) -> bool) -> Option<u32> {
    let full = MONTHS.iter().position(|&m| is(m)).map(|i| i as u32 + 1);
    full.or_else(|| {
        MONTH_ABBREVIATIONS
            .iter()
            .find(|(a, _)| is(a))
            .map(|&(_, m)| m)
    })
}

/// Whether a capitalised word is a weekday name ("Tuesday").
pub fn is_weekday(word: &str) -> bool {
    word.starts_with(|c: char| c.is_ascii_uppercase())
        && WEEKDAYS.iter().any(|(w, _)| w.eq_ignore_ascii_case(word))
}

/// The value of a number word from "one" to "ninety" ("seventy" → 70).
fn word_number(w: &str) -> Option<u32> {
    super::numbers::small_number_word(w).filter(|&n| n > 0)
}

/// The decades in words, from the tens to the nineties.
const DECADES: [&str; 9] = [
    "tens",
    "twenties",
    "thirties",
    "forties",
    "fifties",
    "sixties",
    "seventies",
    "eighties",
    "nineties",
];

/// A decade in words: "tens" → 10, "seventies" → 70.
fn decade_word(w: &str) -> Option<u32> {
    DECADES
        .iter()
        .position(|&x| x == w)
        .map(|i| 10 * (i as u32 + 1))
}

/// The longest word of the tables, in bytes: the longest the vocabulary reads.
const KEY_BYTES: usize = 16;

/// The value of a run of ASCII digits short enough for a `u32` (at most nine).
fn digit_value(digits: &[u8]) -> u32 {
    digits.iter().fold(0, |v, &b| v * 10 + u32::from(b - b'0'))
}

/// "mid-june" → 6.
fn mid_month(key: &[u8]) -> Option<u32> {
    let rest = key.strip_prefix(b"mid-")?;
    MONTHS
        .iter()
        .position(|m| m.as_bytes() == rest)
        .map(|i| i as u32 + 1)
}

/// "twenty-second" → 22, "thirty-first" → 31.
fn compound_ordinal(key: &[u8]) -> Option<u32> {
    let (t, unit) = if let Some(unit) = key.strip_prefix(b"twenty-") {
        (20, unit)
    } else {
        (30, key.strip_prefix(b"thirty-")?)
    };
    let u = day_ordinals()
        .find(|(w, _)| w.as_bytes() == unit)
        .map(|(_, n)| n)
        .filter(|&n| n <= 9)?;
    (t + u <= 31).then_some(t + u)
}

/// "Q3" → a quarter, "H2" → a half year (capital letter only).
fn year_part_word(stem: &[u8]) -> Option<Class> {
    match stem {
        b"Q1" => Some(Class::Quarter(1)),
        b"Q2" => Some(Class::Quarter(2)),
        b"Q3" => Some(Class::Quarter(3)),
        b"Q4" => Some(Class::Quarter(4)),
        b"H1" => Some(Class::Half(1)),
        b"H2" => Some(Class::Half(2)),
        _ => None,
    }
}

/// Every word that can read as a glued form (lower-case): "mid-" and a month, "twenty-" or
/// "thirty-" and a day ordinal, "q1" to "q4", "h1" and "h2", and a month name or abbreviation
/// with a day from 1 to 31 in one or two digits ([`mid_month`], [`compound_ordinal`],
/// [`year_part_word`], [`glued_day`] read no other), whether it does or not.
fn glued_forms() -> impl Iterator<Item = String> {
    let months = MONTHS
        .iter()
        .chain(MONTH_ABBREVIATIONS.iter().map(|(a, _)| a));
    let days = (1..=31)
        .map(|d| d.to_string())
        .chain((1..10).map(|d| format!("0{d}")));
    MONTHS
        .iter()
        .map(|m| format!("mid-{m}"))
        .chain(
            ["twenty", "thirty"]
                .into_iter()
                .flat_map(|tens| day_ordinals().map(move |(unit, _)| format!("{tens}-{unit}"))),
        )
        .chain(["q1", "q2", "q3", "q4", "h1", "h2"].map(String::from))
        .chain(months.flat_map(move |m| days.clone().map(move |d| format!("{m}{d}"))))
}

/// "april22", "sept5" → (month, day): a full month name or a three-or-four-letter abbreviation
/// glued to a day number ("may" is left out: "may2" is not a date).
fn glued_day(key: &[u8]) -> Option<(u32, u32)> {
    // Most words do not end in a digit: skip them before searching for the first one.
    if !key.last()?.is_ascii_digit() {
        return None;
    }
    let split = key.iter().position(u8::is_ascii_digit)?;
    let (word, digits) = key.split_at(split);
    if digits.is_empty() || digits.len() > 2 || !digits.iter().all(u8::is_ascii_digit) {
        return None;
    }
    if word == b"may" || word.len() < 3 {
        return None;
    }
    let m = MONTHS
        .iter()
        .position(|m| m.as_bytes() == word)
        .map(|i| i as u32 + 1)
        .or_else(|| {
            MONTH_ABBREVIATIONS
                .iter()
                .find(|(a, _)| a.as_bytes() == word)
                .map(|&(_, m)| m)
        })?;
    let d = digit_value(digits);
    ymd(2000, m, d).map(|_| (m, d))
}

/// Whether a token of class `c` (not [`Class::Other`]) can be the first of an expression:
/// the classes [`Parser::parse_range`], [`Parser::parse_single`] and [`Parser::core`] read at
/// their first token. Function words ("of", "and", "to", "at"), plural units, speech words,
/// counted nouns and punctuation only ever follow or precede one, so the scan passes them by.
fn can_start(c: Class) -> bool {
    match c {
        Class::Kw(k) => !matches!(
            k,
            Kw::On
                | Kw::At
                | Kw::Of
                | Kw::Coming
                | Kw::Ahead
                | Kw::Before
                | Kw::After
                | Kw::Onward
                | Kw::Night
                | Kw::DayPart
                | Kw::Ago
                | Kw::Will
                | Kw::And
                | Kw::Or
                | Kw::To
                | Kw::Through
                | Kw::Det
        ),
        Class::Unit(u, plural) => {
            !plural && matches!(u, Unit::Year | Unit::Month | Unit::Week | Unit::Weekend)
        }
        Class::Month(_)
        | Class::Abbr(_)
        | Class::MidMonth(_)
        | Class::Weekday(_)
        | Class::ShortWeekday(_)
        | Class::Season(_)
        | Class::Num(_)
        | Class::NumWord(_)
        | Class::Ordinal(_)
        | Class::Quarter(_)
        | Class::Half(_)
        | Class::GluedDay(..)
        | Class::Other => true,
        Class::Nothing
        | Class::Punct(_)
        | Class::Speech
        | Class::SpeechNoun
        | Class::CountNoun
        | Class::CountCue
        | Class::Measure
        | Class::Portion(_) => false,
    }
}

/// How a yearless expression picks its occurrence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// Most recent at or before P, or (with a future cue) next at or after P.
    Auto,
    /// Strictly before P ("last Tuesday").
    Last,
    /// Strictly after P ("next Tuesday").
    Next,
    /// The one of P's year ("this summer").
    This,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Part {
    /// "early X".
    Early,
    /// "mid X", "the middle of X".
    Mid,
    /// "late X".
    Late,
    /// "the start/beginning of X": as "early X", but a year's first third only.
    Start,
    /// "the end of X": as "late X", but a year's last third only.
    End,
    Earlier,
    Later,
}

/// The size of what an expression names, for "early/mid/late".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Grain {
    Day,
    Week,
    Month,
    Season,
    Year,
    Decade,
    Range,
}

/// A parsed time expression, resolved later against the publication date.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Expr {
    Fixed(NaiveDate, NaiveDate, Grain),
    /// Days from P: today 0, yesterday −1.
    RelDay(i64),
    Weekday(Weekday, Mode),
    Month(u32, Mode),
    MonthDay(u32, u32, Mode),
    Season(Season, Mode),
    /// Weeks from P's week.
    Week(i64),
    /// A weekday of the week `off` weeks from P's ("Friday next week").
    WeekDay(i64, Weekday),
    /// A day of the month, without the month ("Friday the 15th"): the most recent (or next).
    MonthDate(u32),
    /// A day of the month named with its weekday ("Friday the 15th"): the most recent (or next)
    /// such day that falls on that weekday, else the most recent (or next) such day.
    WeekdayDate(Weekday, u32),
    Weekend(i64),
    /// "the weekend": the most recent (or next) one.
    WeekendAuto,
    MonthRel(i32),
    YearRel(i32),
    /// N units back from P (true) or forward.
    Rolling(Unit, u32, bool),
    /// N units from P on, P included ("within 2 weeks").
    Within(Unit, u32),
    Ago(Unit, u32),
    Part(Box<Expr>, Part),
    /// From the start of the first to the end of the second ("Oct. 2 to October 22").
    Range(Box<Expr>, Box<Expr>),
    /// Days of one month ("November 19-20", "4 to 22 of this month"): the month, first and last
    /// day.
    DayRange(Box<Expr>, u32, u32),
    /// The n-th (0: last) Monday–Sunday week of a month or year, ISO style: the first week is
    /// the one holding the period's first Thursday, the last the one holding its last Thursday.
    WeekOf(Box<Expr>, u32),
    /// Part `index` (1-based) of a year cut into `parts` equal runs of months (halves, quarters).
    Portion(Box<Expr>, u32, u32),
    Deadline(Box<Expr>),
    Since(Box<Expr>),
    /// The Monday–Sunday week holding a day ("the week of November 30th").
    WeekHolding(Box<Expr>),
    /// The calendar month holding a day ("the month of September 16th").
    MonthHolding(Box<Expr>),
    /// `n` days from a day on ("the week starting February 4": 7 days).
    DaysFrom(Box<Expr>, i64),
    /// A day moved by `n` units ("two weeks from now", "two days before yesterday").
    Shifted(Box<Expr>, Unit, i64),
    /// The n-th (0: last) given weekday of a month ("the first Friday of July").
    NthWeekday(Box<Expr>, u32, Weekday),
    /// A month of the year `off` years from P's ("June next year").
    MonthInYear(u32, i32),
    /// The n-th given weekday after P ("two Sundays from now").
    NthWeekdayAfter(Weekday, u32),
    /// The calendar decade `off` decades from P's ("this decade").
    DecadeRel(i32),
    /// From a day on, with no end ("more than 2 weeks after today").
    OnwardFrom(Box<Expr>),
    /// Before a day, with no start ("more than 2 weeks before today").
    Before(Box<Expr>),
}

impl Expr {
    fn grain(&self) -> Grain {
        match self {
            Expr::Fixed(_, _, g) => *g,
            Expr::RelDay(_)
            | Expr::Weekday(..)
            | Expr::MonthDay(..)
            | Expr::WeekDay(..)
            | Expr::MonthDate(_)
            | Expr::WeekdayDate(..)
            | Expr::Shifted(..)
            | Expr::NthWeekday(..)
            | Expr::NthWeekdayAfter(..) => Grain::Day,
            Expr::Ago(u, _) => match u {
                Unit::Week => Grain::Week,
                Unit::Month => Grain::Month,
                Unit::Year => Grain::Year,
                _ => Grain::Day,
            },
            Expr::Week(_) | Expr::WeekOf(..) | Expr::WeekHolding(_) => Grain::Week,
            Expr::Month(..) | Expr::MonthRel(_) | Expr::MonthInYear(..) | Expr::MonthHolding(_) => {
                Grain::Month
            }
            Expr::DecadeRel(_) => Grain::Decade,
            Expr::Season(..) => Grain::Season,
            Expr::YearRel(_) => Grain::Year,
            _ => Grain::Range,
        }
    }
}

/// What [`Parser::parse_core`] finds at a token (an expression and its last token, or
/// nothing), when that is known already.
type CoreAt = Option<Option<(Expr, usize)>>;

/// The patterns over one sentence's tokens `lo..hi`.
struct Parser<'a> {
    doc: &'a Document<'a>,
    source: usize,
    published: Option<NaiveDate>,
    text: &'a str,
    /// `text` lower-cased (ASCII only).
    lower: &'a str,
    toks: &'a [Token],
    lex: &'a [Lex],
    /// `lex[lo..hi]`: the sentence's tokens.
    sentence: &'a [Lex],
    lo: usize,
    hi: usize,
    /// The last token `parse_core` found nothing at.
    core_miss: Cell<usize>,
}

impl Parser<'_> {
    /// Finds the expressions of the sentence, trying the patterns at each token of `starts`
    /// (those an expression can start at, in order: see [`can_start`] and [`Start::starts`])
    /// not inside an expression found before and not ruled out by the tokens after it
    /// ([`Parser::worth_trying`]).
    fn scan(&self, starts: &[usize], out: &mut Vec<Claim>) {
        // No other token starts an expression.
        #[cfg(debug_assertions)]
        for i in self.lo..self.hi {
            debug_assert!(
                starts.contains(&i) || self.parse_at(i).is_none(),
                "token {i} starts an expression it was not tried at"
            );
        }
        let mut free = self.lo;
        for (k, &i) in starts.iter().enumerate() {
            if i < free {
                continue;
            }
            if !self.worth_trying(i, starts.get(k + 1) == Some(&(i + 1))) {
                debug_assert!(self.parse_at(i).is_none(), "token {i} ruled out wrongly");
                continue;
            }
            if let Some((expr, last)) = self.parse_at(i) {
                self.emit(i, last, &expr, out);
                free = last + 1;
            }
        }
    }

    /// Whether the patterns may find an expression at start `i` (`next_starts`: the token
    /// after it is a start too), judged from the tokens after it: rules out at once starts
    /// common in prose that lead nowhere. "in" and "for" start only a count of units ("in 3
    /// weeks", [`Parser::in_units`]; "for 3 days from today", [`Parser::for_days_from`]);
    /// "by", "until", "since", "during", "throughout" and "over" only frame the expression
    /// that starts right after them ([`Parser::parse_single`]), and an expression found there
    /// (by [`Parser::core`]) starts at a start.
    fn worth_trying(&self, i: usize, next_starts: bool) -> bool {
        match self.kw(i) {
            Some(Kw::In | Kw::For) => matches!(self.class(i + 2), Class::Unit(..)),
            Some(Kw::By | Kw::Until | Kw::Since | Kw::During | Kw::Throughout | Kw::Over) => {
                next_starts
            }
            _ => true,
        }
    }

    fn emit(&self, first: usize, last: usize, expr: &Expr, out: &mut Vec<Claim>) {
        let start = self.toks[first].span.start;
        let mut end = self.toks[last].span.end;
        if self.poss(last) {
            let t = &self.text[start..end];
            end -= if t.ends_with("’s") {
                "’s".len()
            } else {
                "'s".len()
            };
        }
        let span = Span::new(start, end);
        let role = self.role(first, last);
        // The clause's tense overrides a cue like "by" or "until" ("services were restored by
        // Saturday" is past).
        let tense = self.clause_tense(first);
        let future = role == TimeRole::Event
            && (self.future_clause(first)
                || tense == Some(true)
                || (tense.is_none() && self.future_cue(first, last)));
        // A deadline in a past clause is the past day itself ("restored services by Saturday").
        let expr = match expr {
            Expr::Deadline(inner) if tense == Some(false) => inner.as_ref(),
            e => e,
        };
        let (start_day, end_day) = resolve_bounds(expr, self.published, future);
        out.push(Claim::new(
            self.source,
            &self.text[span.start..span.end],
            span,
            self.doc.sentence_at(span.start),
            ClaimDetail::Time(TimeClaim {
                start: start_day,
                end: end_day,
                role,
            }),
        ));
    }

    // ----- token access -----

    fn class(&self, j: usize) -> Class {
        // One comparison: below `lo`, `j - lo` wraps past the end.
        self.sentence
            .get(j.wrapping_sub(self.lo))
            .map_or(Class::Nothing, |l| l.class)
    }

    fn kw(&self, j: usize) -> Option<Kw> {
        match self.class(j) {
            Class::Kw(k) => Some(k),
            _ => None,
        }
    }

    fn is(&self, j: usize, k: Kw) -> bool {
        self.kw(j) == Some(k)
    }

    #[inline]
    fn txt(&self, j: usize) -> &str {
        if j >= self.lo && j < self.hi {
            &self.text[self.toks[j].span.start..self.toks[j].span.end]
        } else {
            ""
        }
    }

    /// `txt` lower-cased (ASCII letters only).
    #[inline]
    fn low(&self, j: usize) -> &str {
        if j >= self.lo && j < self.hi {
            &self.lower[self.toks[j].span.start..self.toks[j].span.end]
        } else {
            ""
        }
    }

    /// Whether token `j` is a word ending in a possessive "'s" or "’s".
    fn poss(&self, j: usize) -> bool {
        self.toks.get(j).is_some_and(|t| {
            t.kind == TokenKind::Word && {
                let raw = &self.text.as_bytes()[t.span.start..t.span.end];
                raw.ends_with(b"'s") || raw.ends_with("’s".as_bytes())
            }
        })
    }

    /// The number word at `j` (`word_number` of the whole token), read once when classified.
    fn number_word_at(&self, j: usize) -> Option<u32> {
        let n = if j >= self.lo && j < self.hi {
            self.lex[j].number
        } else {
            0
        };
        (n > 0).then_some(u32::from(n))
    }

    /// The decade word at `j` (`decade_word` of the whole token), read once when classified.
    fn decade_word_at(&self, j: usize) -> Option<u32> {
        let d = if j >= self.lo && j < self.hi {
            self.lex[j].decade
        } else {
            0
        };
        (d > 0).then_some(u32::from(d))
    }

    /// Whether tokens `a` and `b` (both in the sentence) touch.
    fn adj(&self, a: usize, b: usize) -> bool {
        a >= self.lo
            && b < self.hi
            && a < self.hi
            && b >= self.lo
            && self.toks[a].span.end == self.toks[b].span.start
    }

    fn punct(&self, j: usize, c: char) -> bool {
        self.class(j) == Class::Punct(c)
    }

    /// A plain digit string (no separators) and its number of digits.
    fn num(&self, j: usize) -> Option<(u32, usize)> {
        let Class::Num(value) = self.class(j) else {
            return None;
        };
        let width = self.lex[j].width;
        (width > 0).then_some((value, usize::from(width)))
    }

    fn year(&self, j: usize) -> Option<i32> {
        let (v, n) = self.num(j)?;
        (n == 4 && (1800..=2100).contains(&v)).then_some(v as i32)
    }

    /// A day of month (with an optional adjacent ordinal suffix) and its last token.
    #[inline(always)]
    fn day(&self, j: usize) -> Option<(u32, usize)> {
        let (v, n) = self.num(j)?;
        if n > 2 || !(1..=31).contains(&v) {
            return None;
        }
        if self.adj(j, j + 1) && matches!(self.txt(j + 1), "st" | "nd" | "rd" | "th") {
            return Some((v, j + 1));
        }
        Some((v, j))
    }

    /// The separator joining the number at `j` to the number after it ("9/9", "2020-09").
    fn joined_sep(&self, j: usize) -> Option<char> {
        let c = match self.class(j + 1) {
            Class::Punct(c @ ('/' | '-')) => c,
            _ => return None,
        };
        (self.adj(j, j + 1) && self.adj(j + 1, j + 2) && matches!(self.class(j + 2), Class::Num(_)))
            .then_some(c)
    }

    /// A dotted date in one number token: "13.5.2015" (day.month.year) or "2015.5.13".
    fn dotted_date(&self, j: usize) -> Option<NaiveDate> {
        // Plain digits ([`Lex::width`]) have no dot.
        if !matches!(self.class(j), Class::Num(_)) || self.lex[j].width > 0 {
            return None;
        }
        let mut parts = self.txt(j).split('.');
        let (a, b, c) = (parts.next()?, parts.next()?, parts.next()?);
        if parts.next().is_some() || [a, b, c].iter().any(|p| p.contains(',')) {
            return None;
        }
        let n = |p: &str| p.parse::<u32>().ok();
        match (a.len(), b.len(), c.len()) {
            (4, 1..=2, 1..=2) => ymd(a.parse().ok()?, n(b)?, n(c)?),
            (1..=2, 1..=2, 4) => ymd(c.parse().ok()?, n(b)?, n(a)?),
            _ => None,
        }
        .filter(|d| (1800..=2100).contains(&d.year()))
    }

    /// A year in digits or in words ("1978", "nineteen seventy eight") and its last token.
    fn year_at(&self, j: usize) -> Option<(i32, usize)> {
        match self.year(j) {
            Some(y) => Some((y, j)),
            None => self.spelled_year(j),
        }
    }

    /// The year closing a date whose day ends at `k`: after nothing, a comma or "of"
    /// ("June 26, 2020", "26th June of 2020", "September 10, nineteen zero one").
    fn year_after(&self, k: usize) -> Option<(i32, usize)> {
        let j = if self.punct(k + 1, ',') || self.is(k + 1, Kw::Of) {
            k + 2
        } else {
            k + 1
        };
        // After a day and a month, any four-digit year from 1000 on ("5 December 1391").
        if let Some((v, 4)) = self.num(j)
            && (1000..1800).contains(&v)
            && self.bare_year_ok(j)
        {
            return Some((v as i32, j));
        }
        self.year_at(j)
    }

    /// A year in words: "two thousand (and) eighteen", "two thousand", "one thousand seven
    /// hundred and eighty nine", "nineteen seventy eight", "nineteen zero one", "twenty twenty"
    /// (a century word and two more digits).
    fn spelled_year(&self, j: usize) -> Option<(i32, usize)> {
        let word = |k: usize| self.low(k);
        if let Some(t @ 1..=2) = self.number_word_at(j)
            && word(j + 1) == "thousand"
        {
            // "one thousand seven hundred (and) eighty nine": hundreds only, and always, after
            // "one thousand" ("one thousand" alone is a count).
            let (base, h) = match self.number_word_at(j + 2) {
                Some(h @ 1..=9) if t == 1 && word(j + 3) == "hundred" => (1000 + 100 * h, j + 4),
                _ if t == 1 => return None,
                _ => (2000, j + 2),
            };
            let k = if word(h) == "and" { h + 1 } else { h };
            return match self.spelled_below_hundred(k) {
                Some((v, last)) => Some(((base + v) as i32, last)),
                None if k == h => Some((base as i32, h - 1)),
                None => None,
            };
        }
        let century = match self.number_word_at(j)? {
            c @ 11..=20 => c,
            _ => return None,
        };
        let (v, last) = self.spelled_below_hundred(j + 1)?;
        (v >= 10 || matches!(word(j + 1), "zero" | "oh"))
            .then_some((century as i32 * 100 + v as i32, last))
    }

    /// 1–99 in words ("seventy eight", "seventy-eight", "eighteen", "zero one") and its last
    /// token.
    fn spelled_below_hundred(&self, j: usize) -> Option<(u32, usize)> {
        let w = self.low(j);
        // "forty-one" and the like are nine bytes or more; a shorter token with a hyphen is no
        // number at all.
        if w.len() >= 9
            && let Some((t, u)) = split_hyphen(w)
        {
            let (t, u) = (word_number(t)?, word_number(u)?);
            return (t >= 20 && t % 10 == 0 && (1..=9).contains(&u)).then_some((t + u, j));
        }
        let first = match w {
            "zero" | "oh" => 0,
            _ => self.number_word_at(j)?,
        };
        let next = self.number_word_at(j + 1);
        match (first, next) {
            (0, Some(u @ 1..=9)) => Some((u, j + 1)),
            (t, Some(u @ 1..=9)) if t >= 20 && t % 10 == 0 => Some((t + u, j + 1)),
            (0, _) => None,
            (v, _) => Some((v, j)),
        }
    }

    /// A small count: a number word or up to three digits.
    fn count(&self, j: usize) -> Option<u32> {
        match self.class(j) {
            Class::NumWord(n) => Some(n),
            Class::Num(_) => self
                .num(j)
                .filter(|&(v, n)| n <= 3 && v > 0)
                .map(|(v, _)| v),
            _ => None,
        }
    }

    /// A year token, or a decade ("1990s", "1990's") with its last token.
    fn decade(&self, j: usize) -> Option<(i32, usize)> {
        let y = self.year(j)?;
        if y % 10 != 0 {
            return None;
        }
        if self.adj(j, j + 1) && self.txt(j + 1) == "s" {
            return Some((y, j + 1));
        }
        // "the 1990's"; without "the", "2020's" is a possessive year.
        if (self.punct(j + 1, '\'') || self.punct(j + 1, '’'))
            && matches!(
                self.class(j.wrapping_sub(1)),
                Class::Kw(Kw::The | Kw::Early | Kw::Mid | Kw::Late) | Class::Punct('-')
            )
            && self.adj(j, j + 1)
            && self.adj(j + 1, j + 2)
            && self.txt(j + 2) == "s"
        {
            return Some((y, j + 2));
        }
        None
    }

    /// A decade in words after "the": "the seventies" (of the 1900s), "the nineteen
    /// seventies", "the twenty-tens", "the two thousand and tens", "the two thousands"; the
    /// first year and the last token.
    fn spelled_decade(&self, j: usize) -> Option<(i32, usize)> {
        let word = |k: usize| self.low(k);
        let w = word(j);
        if let Some(d) = self.decade_word_at(j) {
            return (d >= 40).then_some((1900 + d as i32, j));
        }
        // "twenty-tens": a century word ("eleven" to "twenty", six bytes or more), a hyphen and
        // a decade word (four bytes or more).
        if w.len() >= 11
            && let Some((c, d)) = split_hyphen(w)
            && let (Some(c @ 11..=20), Some(d)) = (word_number(c), decade_word(d))
        {
            return Some((c as i32 * 100 + d as i32, j));
        }
        if w == "two" && word(j + 1) == "thousands" {
            return Some((2000, j + 1));
        }
        if w == "two" && word(j + 1) == "thousand" {
            let k = if word(j + 2) == "and" { j + 3 } else { j + 2 };
            return self.decade_word_at(k).map(|d| (2000 + d as i32, k));
        }
        let c @ 11..=20 = self.number_word_at(j)? else {
            return None;
        };
        self.decade_word_at(j + 1)
            .map(|d| (c as i32 * 100 + d as i32, j + 1))
    }

    /// A year in words after "in" and closing the clause: "in nineteen twenty eight", "in two
    /// thousand and four" (not "in two thousand homes").
    fn year_in_words(&self, j: usize) -> Option<(Expr, usize)> {
        if !self.is(j.wrapping_sub(1), Kw::In) {
            return None;
        }
        let (y, last) = self.spelled_year(j)?;
        matches!(self.class(last + 1), Class::Punct(_) | Class::Nothing)
            .then(|| year_expr(y))
            .flatten()
            .map(|e| (e, last))
    }

    /// "less than 2 weeks from today", "less than 3 days before yesterday": from the anchor day
    /// to the day the count reaches.
    fn less_than(&self, i: usize) -> Option<(Expr, usize)> {
        if !self.txt(i).eq_ignore_ascii_case("less")
            || !self.txt(i + 1).eq_ignore_ascii_case("than")
        {
            return None;
        }
        let n = self.count(i + 2)?;
        let (Expr::Shifted(anchor, u, by), last) = self.parse_ago(i + 2, n)? else {
            return None;
        };
        let reached = Expr::Shifted(anchor.clone(), u, by);
        Some(if by > 0 {
            (Expr::Range(anchor, Box::new(reached)), last)
        } else {
            (Expr::Range(Box::new(reached), anchor), last)
        })
    }

    /// "more than 2 weeks after today", "more than 2 days before yesterday": open from the day
    /// the count reaches on (after) or before it (before).
    fn more_than(&self, i: usize) -> Option<(Expr, usize)> {
        if !self.txt(i).eq_ignore_ascii_case("more")
            || !self.txt(i + 1).eq_ignore_ascii_case("than")
        {
            return None;
        }
        let n = self.count(i + 2)?;
        let (reached @ Expr::Shifted(_, _, by), last) = self.parse_ago(i + 2, n)? else {
            return None;
        };
        let reached = Box::new(reached);
        Some(if by > 0 {
            (Expr::OnwardFrom(reached), last)
        } else {
            (Expr::Before(reached), last)
        })
    }

    /// "for 3 days from today", "for 1 week, from Monday": the days counted from that day.
    fn for_days_from(&self, i: usize) -> Option<(Expr, usize)> {
        let n = self.count(i + 1)?;
        let days = match self.class(i + 2) {
            Class::Unit(Unit::Day, _) => i64::from(n),
            Class::Unit(Unit::Week, _) => 7 * i64::from(n),
            _ => return None,
        };
        let f = if self.punct(i + 3, ',') { i + 4 } else { i + 3 };
        if !self.is(f, Kw::From) {
            return None;
        }
        let (day, last) = self.day_expr(f + 1)?;
        Some((Expr::DaysFrom(Box::new(day), days), last))
    }

    /// "in 3 weeks" in a clause about the future ("troops will leave in 3 weeks"): that day.
    fn in_units(&self, i: usize) -> Option<(Expr, usize)> {
        let n = self.count(i + 1)?;
        let Class::Unit(u @ (Unit::Day | Unit::Week | Unit::Month | Unit::Year), plural) =
            self.class(i + 2)
        else {
            return None;
        };
        if (n == 1) == plural || self.poss(i + 2) || !self.future_clause(i) {
            return None;
        }
        // "in 3 weeks of talks", "in 3 days' time" stay out.
        if matches!(self.class(i + 3), Class::Kw(_) | Class::Other) && !self.is(i + 3, Kw::And) {
            return None;
        }
        Some((
            Expr::Shifted(Box::new(Expr::RelDay(0)), u, i64::from(n)),
            i + 2,
        ))
    }

    /// "two Sundays from now": the n-th such weekday after P.
    fn weekdays_from_now(&self, i: usize, n: u32) -> Option<(Expr, usize)> {
        let day = self.low(i + 1).strip_suffix('s')?;
        let (_, d) = WEEKDAYS.iter().find(|(w, _)| *w == day)?;
        let anchored = self.is(i + 2, Kw::From)
            && (self.is(i + 3, Kw::Today) || self.txt(i + 3).eq_ignore_ascii_case("now"));
        anchored.then_some((Expr::NthWeekdayAfter(*d, n), i + 3))
    }

    /// A century: "the 15th century", "the twenty-first century" (years 1400–1499, 2000–2099).
    fn century(&self, j: usize) -> Option<(Expr, usize)> {
        let (n, k) = match self.class(j) {
            Class::Ordinal(n) => (n, j),
            _ => self.day(j).filter(|&(_, k)| k > j)?,
        };
        if !self.txt(k + 1).eq_ignore_ascii_case("century") || !(1..=21).contains(&n) {
            return None;
        }
        let first = (n as i32 - 1) * 100;
        Some((
            Expr::Fixed(ymd(first, 1, 1)?, ymd(first + 99, 12, 31)?, Grain::Range),
            k + 1,
        ))
    }

    // ----- patterns -----

    /// An expression starting at `i`: a range of two, or a single one.
    fn parse_at(&self, i: usize) -> Option<(Expr, usize)> {
        match self.parse_range(i) {
            Ok(found) => Some(found),
            Err(core_at_i) => self.parse_single(i, core_at_i),
        }
    }

    /// The connector of a range at `j`: "to", "till", "until", "through", a dash, or (after
    /// "between") "and".
    fn connector(&self, j: usize, between: bool) -> bool {
        match self.class(j) {
            Class::Kw(Kw::To | Kw::Until | Kw::Through) => true,
            Class::Kw(Kw::And) => between,
            Class::Punct('-' | '–') => !between || self.adj(j - 1, j),
            _ => false,
        }
    }

    /// A day of month in digits ("22", "22nd") or in words ("second", "twenty second",
    /// "twenty-first").
    fn any_day(&self, j: usize) -> Option<(u32, usize)> {
        if let Some(found) = self.day(j) {
            return Some(found);
        }
        self.word_day(j)
    }

    fn word_day(&self, j: usize) -> Option<(u32, usize)> {
        match self.class(j) {
            Class::Ordinal(n) if n <= 31 => Some((n, j)),
            Class::NumWord(t @ (20 | 30)) => match self.class(j + 1) {
                Class::Ordinal(u) if u <= 9 && t + u <= 31 => Some((t + u, j + 1)),
                _ => None,
            },
            _ => None,
        }
    }

    /// Whether the day at `j..=k` is plainly a day: it has an ordinal suffix or is an ordinal
    /// word.
    fn ordinal_day(&self, j: usize, k: usize) -> bool {
        k > j || matches!(self.class(j), Class::Ordinal(_))
    }

    /// "from X to Y", "between X and Y", "X through Y", "November 19-20", "from 4 to 22 of
    /// this month", "4-22 January, 2017". When there is none, what [`Parser::parse_core`] finds
    /// at `i` if that was read on the way (as the range's first bound), so it is not read twice.
    fn parse_range(&self, i: usize) -> Result<(Expr, usize), CoreAt> {
        let (between, s) = match self.kw(i) {
            Some(Kw::From) => (false, i + 1),
            Some(Kw::Between) => (true, i + 1),
            _ => (false, i),
        };
        if let Some(found) = self.bare_day_range(s, between) {
            return Ok(found);
        }
        if s > i
            && let Some(found) = self
                .day_to_date(s, between)
                .or_else(|| self.spelled_year_range(s))
        {
            return Ok(found);
        }
        let framed = s > i;
        // Unframed, the first bound is what `parse_core` finds at `i`.
        let core_at_i = |left: Option<(Expr, usize)>| (!framed).then_some(left);
        let Some((left, l)) = self.range_bound(s, framed) else {
            return Err(core_at_i(None));
        };
        // "between 2014-2018": the dashed range is the whole of it.
        if between
            && matches!(left, Expr::Fixed(_, _, Grain::Range))
            && !self.connector(l + 1, true)
        {
            return Ok((left, l));
        }
        if !matches!(
            left.grain(),
            Grain::Day | Grain::Week | Grain::Month | Grain::Season | Grain::Year
        ) || self.poss(l)
            || !self.connector(l + 1, between)
        {
            return Err(core_at_i(Some((left, l))));
        }
        self.range_after(left, l + 1, framed)
            .map_err(|left| core_at_i(Some((left, l))))
    }

    /// The rest of a range whose first bound `left` is followed by the connector at `c`; `left`
    /// back when there is none.
    fn range_after(&self, left: Expr, c: usize, framed: bool) -> Result<(Expr, usize), Expr> {
        let r = if self.is(c + 1, Kw::The) && self.day(c + 2).is_some() {
            c + 2
        } else {
            c + 1
        };
        // "November 19-20", "September 4th through the 8th": the second day of the same month.
        if let Expr::MonthDay(m, d1, mode) = left
            && let Some((d2, k)) = self.any_day(r)
            && !matches!(
                self.class(k + 1),
                Class::Month(_) | Class::Abbr(_) | Class::Kw(Kw::Of)
            )
            && !matches!(self.class(k + 1), Class::Num(_))
            && d2 > d1
        {
            if ymd(2000, m, d2).is_none() {
                return Err(left);
            }
            return Ok((Expr::DayRange(Box::new(Expr::Month(m, mode)), d1, d2), k));
        }
        match self.range_bound(r, framed) {
            Some((right, rl))
                if matches!(
                    right.grain(),
                    Grain::Day | Grain::Week | Grain::Month | Grain::Season | Grain::Year
                ) =>
            {
                Ok((Expr::Range(Box::new(left), Box::new(right)), rl))
            }
            _ => Err(left),
        }
    }

    /// One bound of a range; in a range opened by "from" or "between", "now" is P ("between
    /// now and November 15th").
    fn range_bound(&self, j: usize, framed: bool) -> Option<(Expr, usize)> {
        if framed && self.class(j) == Class::Other && self.txt(j).eq_ignore_ascii_case("now") {
            return Some((Expr::RelDay(0), j));
        }
        self.parse_core(j)
    }

    /// "4 to 22 January", "from 3 until 12 of Sept", "between the 4th and the 22nd of this
    /// month": two days and then their month. A month name must follow right away or after
    /// "of"; "this/next/last month" only after "of", or after "in" or directly when a day is
    /// written as an ordinal (so "rose from 4 to 22 this month" stays a count).
    fn bare_day_range(&self, s: usize, between: bool) -> Option<(Expr, usize)> {
        let s1 = if self.is(s, Kw::The) { s + 1 } else { s };
        let (d1, k1) = self.any_day(s1)?;
        if !self.connector(k1 + 1, between) {
            return None;
        }
        let s2 = if self.is(k1 + 2, Kw::The) {
            k1 + 3
        } else {
            k1 + 2
        };
        let (d2, k2) = self.any_day(s2)?;
        if d2 <= d1 {
            return None;
        }
        let ordinal = self.ordinal_day(s1, k1) || self.ordinal_day(s2, k2);
        let (mut m, of) = match self.kw(k2 + 1) {
            Some(Kw::Of) => (k2 + 2, true),
            Some(Kw::In) if ordinal => (k2 + 2, true),
            _ => (k2 + 1, false),
        };
        let (month, last) = match self.class(m) {
            Class::Month(_) | Class::Abbr(_) => {
                let (e, last) = self.parse_month(m)?;
                match e {
                    Expr::MonthDay(..) => return None,
                    e if e.grain() == Grain::Month => (e, last),
                    _ => return None,
                }
            }
            Class::Kw(Kw::This | Kw::Next | Kw::Last) if of || ordinal => {
                let (e, last) = self.parse_deictic(m)?;
                if !matches!(e, Expr::MonthRel(_)) {
                    return None;
                }
                (e, last)
            }
            _ => return None,
        };
        m = last;
        ymd(2000, 1, d2)?;
        Some((Expr::DayRange(Box::new(month), d1, d2), m))
    }

    /// "from two thousand until two thousand and fourteen" (at the first year, after "from"):
    /// two years in words joined by "until" or "through" ("from two thousand to two thousand
    /// and fifty" may be counts and stays out).
    fn spelled_year_range(&self, s: usize) -> Option<(Expr, usize)> {
        let (y1, l) = self.spelled_year(s)?;
        if !matches!(self.kw(l + 1), Some(Kw::Until | Kw::Through)) {
            return None;
        }
        let (y2, last) = self.spelled_year(l + 2)?;
        if y2 <= y1 || !matches!(self.class(last + 1), Class::Nothing | Class::Punct(_)) {
            return None;
        }
        Some((
            Expr::Range(Box::new(year_expr(y1)?), Box::new(year_expr(y2)?)),
            last,
        ))
    }

    /// "from 4 to January 22, 1995", "from 02 to April 07" (at the first day, after "from" or
    /// "between"): a bare day and then a dated day of a month, the bare one earlier in it.
    fn day_to_date(&self, s: usize, between: bool) -> Option<(Expr, usize)> {
        let (d1, k1) = self.day(s)?;
        if !self.connector(k1 + 1, between)
            || !matches!(self.class(k1 + 2), Class::Month(_) | Class::Abbr(_))
        {
            return None;
        }
        let (right, last) = self.parse_month(k1 + 2)?;
        match right {
            Expr::MonthDay(m, d2, mode) if d1 < d2 => {
                Some((Expr::DayRange(Box::new(Expr::Month(m, mode)), d1, d2), last))
            }
            Expr::Fixed(a, b, Grain::Day) if a == b && d1 < a.day() => Some((
                Expr::Fixed(ymd(a.year(), a.month(), d1)?, b, Grain::Range),
                last,
            )),
            _ => None,
        }
    }

    /// "the first week of March", "the last week of 2015", "the second half of 2017", "the
    /// third quarter of 2016", "the third quarter this year" (at the ordinal or "last").
    fn parse_ordinal_of(&self, j: usize) -> Option<(Expr, usize)> {
        let n = match self.class(j) {
            Class::Ordinal(n) => n,
            Class::Kw(Kw::Last) => 0,
            _ => return None,
        };
        // "the third- quarter of 2016": a hyphen left hanging after the ordinal.
        let j = if self.punct(j + 1, '-') && self.adj(j, j + 1) {
            j + 1
        } else {
            j
        };
        match self.class(j + 1) {
            // "the first Friday of July", "the last Monday in this month".
            Class::Weekday(d) if n <= 5 => {
                if !matches!(self.kw(j + 2), Some(Kw::Of | Kw::In)) {
                    // "(the) second Sunday" closing a clause: of P's month.
                    let closes = matches!(self.class(j + 2), Class::Nothing | Class::Punct(_));
                    return (n > 0 && closes && !self.poss(j + 1))
                        .then(|| (Expr::NthWeekday(Box::new(Expr::MonthRel(0)), n, d), j + 1));
                }
                let (e, last) = self.parse_period(j + 3)?;
                (e.grain() == Grain::Month).then(|| (Expr::NthWeekday(Box::new(e), n, d), last))
            }
            Class::Unit(Unit::Week, false) if n <= 5 => {
                // "the third week of 2027", "the third week next year".
                let (e, last) = if self.is(j + 2, Kw::Of) {
                    self.parse_period(j + 3)?
                } else if matches!(self.kw(j + 2), Some(Kw::This | Kw::Next | Kw::Last)) {
                    self.parse_deictic(j + 2)
                        .filter(|(e, _)| e.grain() == Grain::Year)?
                } else {
                    return None;
                };
                matches!(e.grain(), Grain::Month | Grain::Year)
                    .then(|| (Expr::WeekOf(Box::new(e), n), last))
            }
            Class::Portion(parts) if n <= parts => {
                let index = if n == 0 { parts } else { n };
                let (e, last) = if self.is(j + 2, Kw::Of) {
                    self.parse_period(j + 3)?
                } else if matches!(self.kw(j + 2), Some(Kw::This | Kw::Last | Kw::Next)) {
                    self.parse_deictic(j + 2)?
                } else {
                    return None;
                };
                (e.grain() == Grain::Year).then(|| (Expr::Portion(Box::new(e), parts, index), last))
            }
            _ => None,
        }
    }

    /// "Q3 2016", "Q3 of 2016", "Q3 this year", "H2 2016" (at "Q3"/"H2"); `parts` is 4 for
    /// quarters, 2 for halves. A quarter alone ("Q3") is the one of P's year; a half needs a
    /// year ("H1" alone is also a visa or a heading).
    fn parse_quarter(&self, i: usize, parts: u32, q: u32) -> Option<(Expr, usize)> {
        let j = if self.is(i + 1, Kw::Of) { i + 2 } else { i + 1 };
        let year = match self.class(j) {
            Class::Num(_) => self.year(j).and_then(|y| Some((year_expr(y)?, j))),
            Class::Kw(Kw::This | Kw::Last | Kw::Next) => self
                .parse_deictic(j)
                .filter(|(e, _)| e.grain() == Grain::Year),
            _ => None,
        };
        let (e, last) = match year {
            Some(found) => found,
            None if parts == 4 && !self.poss(i) => (Expr::YearRel(0), i),
            None => return None,
        };
        Some((Expr::Portion(Box::new(e), parts, q), last))
    }

    /// A month and a day from "June first", "June the 15th", "the twenty second of June"; `j`
    /// is the day, the month is `m`; reads a year after it ("June first, 2019").
    fn month_day_year(&self, m: u32, d: u32, k: usize) -> Option<(Expr, usize)> {
        if let Some((y, yj)) = self.year_after(k) {
            let date = NaiveDate::from_ymd_opt(y, m, d)?;
            return Some((Expr::Fixed(date, date, Grain::Day), yj));
        }
        ymd(2000, m, d)?;
        Some(self.yearless_month_day(m, d, k))
    }

    /// A month-day without a year ending at token `k`: "December 15 of this year" and "June 3
    /// this year" are the day in P's year, others the most recent (or next) one.
    fn yearless_month_day(&self, m: u32, d: u32, k: usize) -> (Expr, usize) {
        let j = if self.is(k + 1, Kw::Of) { k + 2 } else { k + 1 };
        if self.is(j, Kw::This)
            && let Some((Expr::YearRel(0), last)) = self.parse_deictic(j)
        {
            return (Expr::MonthDay(m, d, Mode::This), last);
        }
        (Expr::MonthDay(m, d, Mode::Auto), k)
    }

    /// "second of August", "twenty second of June" (at the day word).
    fn word_day_of_month(&self, j: usize) -> Option<(Expr, usize)> {
        let (d, k) = self.word_day(j)?;
        if !self.is(k + 1, Kw::Of) {
            return None;
        }
        let (m, abbr) = match self.class(k + 2) {
            Class::Month(m) => (m, false),
            Class::Abbr(m) => (m, true),
            _ => return None,
        };
        let e = if abbr && self.punct(k + 3, '.') && self.adj(k + 2, k + 3) {
            k + 3
        } else {
            k + 2
        };
        self.month_day_year(m, d, e)
    }

    /// "the week of November 30th", "the week starting (on) February 4" (at "week"): the
    /// Monday–Sunday week holding the day, or seven days from it.
    fn week_of_day(&self, w: usize) -> Option<(Expr, usize)> {
        if self.poss(w) {
            return None;
        }
        let (holding, mut j) = match self.low(w + 1) {
            "of" => (true, w + 2),
            "starting" | "commencing" | "beginning" => (false, w + 2),
            _ => return None,
        };
        if !holding && matches!(self.kw(j), Some(Kw::On | Kw::From)) {
            j += 1;
        }
        let (day, last) = self.day_expr(j)?;
        let e = if holding {
            Expr::WeekHolding(Box::new(day))
        } else {
            Expr::DaysFrom(Box::new(day), 7)
        };
        Some((e, last))
    }

    /// A single day at `j`: a dated expression ("November 30th", "tomorrow") or "the 18th".
    fn day_expr(&self, j: usize) -> Option<(Expr, usize)> {
        if self.is(j, Kw::The)
            && let Some((d, k)) = self.day(j + 1)
            && k > j + 1
        {
            return Some((Expr::MonthDate(d), k));
        }
        self.parse_core(j).filter(|(e, _)| e.grain() == Grain::Day)
    }

    /// "rest of the week", "the rest of this month", "rest of my year" (at "rest"): from P to
    /// the end of P's week, month or year.
    fn parse_rest(&self, r: usize) -> Option<(Expr, usize)> {
        let mut j = if self.is(r + 1, Kw::Of) { r + 2 } else { r + 1 };
        if self.is(j, Kw::The) || self.is(j, Kw::This) || matches!(self.txt(j), "my" | "our") {
            j += 1;
        }
        let inner = match self.class(j) {
            Class::Unit(Unit::Week, false) => Expr::Week(0),
            Class::Unit(Unit::Month, false) => Expr::MonthRel(0),
            Class::Unit(Unit::Year, false) => Expr::YearRel(0),
            _ => return None,
        };
        (!self.poss(j)).then(|| (Expr::Part(Box::new(inner), Part::Later), j))
    }

    /// A day of month written with an ordinal suffix and no month (at the number; `the` when
    /// "the" comes right before it): "20th of next month", "the 20th next month" (a day of that
    /// month), or "on the 27th", "for the 21st", "on 22nd" closing a clause (the most recent, or
    /// next, such day). Without a preposition before it or with a word after it, an ordinal is
    /// a rank ("the 21st century", "finished 22nd in the race").
    fn bare_ordinal_day(&self, j: usize, the: bool) -> Option<(Expr, usize)> {
        // A cardinal in words from 13 on after "the" reads like "the 27" ("for the thirty").
        let spelled = || {
            if !the {
                return None;
            }
            self.spelled_below_hundred(j)
                .filter(|&(d, _)| (13..=31).contains(&d))
        };
        let (d, k) = self.any_day(j).or_else(spelled)?;
        // A plain number ("the 27") only after "the", and not as a month's day of its own, or
        // right after "on" in a clause about the future ("I'll go back on 15").
        let plain = k == j && self.day(j).is_some();
        let on_ahead = self.is(j.wrapping_sub(1), Kw::On) && self.future_clause(j);
        if (plain && !the && !on_ahead) || self.poss(k) {
            return None;
        }
        let m = if self.is(k + 1, Kw::Of) { k + 2 } else { k + 1 };
        if matches!(self.kw(m), Some(Kw::This | Kw::Next | Kw::Last))
            && let Some((e @ Expr::MonthRel(_), last)) = self.parse_deictic(m)
        {
            return Some((Expr::DayRange(Box::new(e), d, d), last));
        }
        let prep = if the {
            j.wrapping_sub(2)
        } else {
            j.wrapping_sub(1)
        };
        let framed = matches!(
            self.kw(prep),
            Some(
                Kw::On
                    | Kw::For
                    | Kw::By
                    | Kw::Until
                    | Kw::Since
                    | Kw::After
                    | Kw::Before
                    | Kw::From
                    | Kw::To
                    | Kw::Through
            )
        );
        let closes = matches!(self.class(k + 1), Class::Nothing)
            || matches!(self.class(k + 1), Class::Punct(c) if c != '%' && c != '-' && c != '/');
        (framed && closes).then_some((Expr::MonthDate(d), k))
    }

    /// An expression starting at `i`, with the framing prepositions that belong to its span;
    /// `core_at_i` is what [`Parser::parse_core`] finds at `i` when that is known already.
    fn parse_single(&self, i: usize, core_at_i: CoreAt) -> Option<(Expr, usize)> {
        match self.kw(i) {
            Some(Kw::By | Kw::Until) => {
                let (e, j) = self.parse_core(i + 1)?;
                Some((Expr::Deadline(Box::new(e)), j))
            }
            Some(Kw::Since) => {
                let (e, j) = self.parse_core(i + 1)?;
                Some((Expr::Since(Box::new(e)), j))
            }
            Some(Kw::During | Kw::Throughout) => self.parse_core(i + 1),
            Some(Kw::For) => self.for_days_from(i),
            Some(Kw::In) => self.in_units(i),
            Some(Kw::Over) => {
                // "over 2000" is a count.
                if matches!(self.class(i + 1), Class::Num(_)) {
                    return None;
                }
                self.parse_core(i + 1)
            }
            Some(Kw::Within) => {
                if let Some(n) = self.count(i + 1)
                    && let Class::Unit(u, _) = self.class(i + 2)
                    && u != Unit::Weekend
                {
                    // "within 2 weeks from today" counts from P as well.
                    if self.is(i + 3, Kw::From) && self.is(i + 4, Kw::Today) {
                        return Some((Expr::Within(u, n), i + 4));
                    }
                    return Some(self.within(u, n, i + 2));
                }
                match self.parse_core(i + 1)? {
                    // "within the next 3 years" counts from P too.
                    (Expr::Rolling(u, n, false), last) => Some(self.within(u, n, last)),
                    found => Some(found),
                }
            }
            _ => core_at_i.unwrap_or_else(|| self.parse_core(i)),
        }
    }

    fn parse_core(&self, i: usize) -> Option<(Expr, usize)> {
        // A token is often tried twice in a row (as a range's first bound, then alone), and the
        // patterns only read the sentence: the last miss is remembered.
        if self.core_miss.get() == i {
            return None;
        }
        let found = self.core(i);
        if found.is_none() {
            self.core_miss.set(i);
        }
        found
    }

    fn core(&self, i: usize) -> Option<(Expr, usize)> {
        match self.class(i) {
            Class::Kw(k) => match k {
                Kw::Today | Kw::Tonight => Some((Expr::RelDay(0), i)),
                Kw::Yesterday => Some((Expr::RelDay(-1), i)),
                Kw::Tomorrow => Some((Expr::RelDay(1), i)),
                Kw::Earlier | Kw::Later => self.parse_earlier(i, k),
                // "past Monday": the one before P.
                Kw::Past => match self.class(i + 1) {
                    Class::Weekday(d) if !self.is(i.wrapping_sub(1), Kw::The) => {
                        Some((Expr::Weekday(d, Mode::Last), i + 1))
                    }
                    _ if !self.is(i.wrapping_sub(1), Kw::The) => self.bare_rolling(i),
                    _ => None,
                },
                Kw::This | Kw::Last | Kw::Next => self.parse_deictic(i),
                Kw::The => self.parse_the(i),
                Kw::Early => self.parse_modified(i, Part::Early),
                Kw::Mid => self.parse_modified(i, Part::Mid),
                Kw::Late => self.parse_modified(i, Part::Late),
                Kw::End | Kw::Start | Kw::Middle => self.parse_end_of(i),
                Kw::Rest => self.parse_rest(i),
                Kw::W => self.week_commencing(i),
                Kw::Recent => match self.class(i + 1) {
                    Class::Unit(u, true) if u != Unit::Weekend => {
                        Some((Expr::Rolling(u, default_count(u), true), i + 1))
                    }
                    _ => None,
                },
                _ => None,
            },
            Class::Month(_) | Class::Abbr(_) => self.parse_month(i),
            Class::MidMonth(m) => {
                let inner = match self.year(i + 1) {
                    Some(y) => (month_expr(y, m)?, i + 1),
                    None => (Expr::Month(m, Mode::Auto), i),
                };
                Some((Expr::Part(Box::new(inner.0), Part::Mid), inner.1))
            }
            Class::Weekday(d) => self.parse_weekday(i, d),
            Class::ShortWeekday(d) => self
                .parse_weekday(i, d)
                .filter(|&(_, last)| last > i && self.lex[i + 1].class != Class::Kw(Kw::The)),
            // "year to date": from January 1 to P.
            Class::Unit(Unit::Year, false)
                if self.is(i + 1, Kw::To) && self.txt(i + 2).eq_ignore_ascii_case("date") =>
            {
                Some((Expr::Part(Box::new(Expr::YearRel(0)), Part::Earlier), i + 2))
            }
            // "month of June" without "the".
            Class::Unit(Unit::Month, false) if self.is(i + 1, Kw::Of) => self.month_of_month(i + 2),
            Class::Season(s) => {
                let j = if self.is(i + 1, Kw::Of) { i + 2 } else { i + 1 };
                let y = self.year(j)?;
                let (a, b) = season_bounds(s, y)?;
                Some((Expr::Fixed(a, b, Grain::Season), j))
            }
            Class::Num(_) | Class::Ordinal(_) if self.century(i).is_some() => self.century(i),
            Class::Num(_) => self.parse_num(i),
            Class::NumWord(n) => self
                .word_day_of_month(i)
                .or_else(|| self.parse_ago(i, n))
                .or_else(|| self.weekdays_from_now(i, n))
                .or_else(|| self.year_in_words(i))
                .or_else(|| self.bare_ordinal_day(i, false)),
            Class::Ordinal(_) => self
                .parse_ordinal_of(i)
                .or_else(|| self.word_day_of_month(i))
                .or_else(|| self.bare_ordinal_day(i, false)),
            Class::Quarter(q) => self.parse_quarter(i, 4, q),
            Class::Half(h) => self.parse_quarter(i, 2, h),
            // "week of November 30th", "week starting February 4" without "the".
            Class::Unit(Unit::Week, false) => self.week_of_day(i),
            // "on weekend" without "the": as "the weekend".
            Class::Unit(Unit::Weekend, false)
                if self.is(i.wrapping_sub(1), Kw::On) && !self.poss(i) =>
            {
                Some((Expr::WeekendAuto, i))
            }
            Class::GluedDay(m, d) => self.month_day_year(m.into(), d.into(), i),
            Class::Other => self
                .year_in_words(i)
                .or_else(|| self.less_than(i))
                .or_else(|| self.more_than(i)),
            _ => None,
        }
    }

    /// "last two weeks", "next 3 months", "past 10 days" without "the": a count and a plural
    /// unit (not after a possessive or a determiner: "his last two years").
    fn bare_rolling(&self, i: usize) -> Option<(Expr, usize)> {
        let k = self.kw(i)?;
        let prev = i.wrapping_sub(1);
        if matches!(self.kw(prev), Some(Kw::The | Kw::Det))
            || (prev >= self.lo && prev < self.hi && self.poss(prev))
        {
            return None;
        }
        // "past 3 weeks", "past few weeks", and with "past" a single unit ("past month").
        let (n, j) = match self.count(i + 1) {
            Some(n) => (n, i + 2),
            None if self.vague_count(i + 1) => (0, i + 2),
            None if k == Kw::Past => (1, i + 1),
            None => return None,
        };
        let Class::Unit(u, plural) = self.class(j) else {
            return None;
        };
        let n = match (n, plural) {
            (0, true) => default_count(u),
            (1, false) if j == i + 1 && u != Unit::Hour => 1,
            (n, true) if n >= 2 => n,
            // "last 3year": a count glued to its unit.
            (n, false) if n >= 2 && self.adj(j - 1, j) => n,
            _ => return None,
        };
        if u == Unit::Weekend
            || self.poss(j)
            || matches!(
                self.kw(j + 1),
                Some(Kw::Of | Kw::In | Kw::Before | Kw::After | Kw::Det | Kw::Since | Kw::Ago)
            )
        {
            return None;
        }
        Some((Expr::Rolling(u, n, k != Kw::Next), j))
    }

    /// "few" or "several" counting units without a number.
    fn vague_count(&self, j: usize) -> bool {
        self.class(j) == Class::Other && matches!(self.low(j), "few" | "several")
    }

    /// "w/c feb 4" (week commencing): the seven days from that day.
    fn week_commencing(&self, i: usize) -> Option<(Expr, usize)> {
        if !(self.punct(i + 1, '/')
            && self.adj(i, i + 1)
            && self.adj(i + 1, i + 2)
            && self.txt(i + 2).eq_ignore_ascii_case("c"))
        {
            return None;
        }
        let (day, last) = self.day_expr(i + 3)?;
        Some((Expr::DaysFrom(Box::new(day), 7), last))
    }

    /// "earlier today", "earlier this year", "later this month".
    fn parse_earlier(&self, i: usize, k: Kw) -> Option<(Expr, usize)> {
        let part = if k == Kw::Earlier {
            Part::Earlier
        } else {
            Part::Later
        };
        match self.class(i + 1) {
            Class::Kw(Kw::Today) => Some((Expr::RelDay(0), i + 1)),
            Class::Kw(Kw::This) => {
                let inner = match self.class(i + 2) {
                    Class::Unit(Unit::Week, false) => Expr::Week(0),
                    Class::Unit(Unit::Month, false) => Expr::MonthRel(0),
                    Class::Unit(Unit::Year, false) => Expr::YearRel(0),
                    _ => return None,
                };
                Some((Expr::Part(Box::new(inner), part), i + 2))
            }
            Class::Kw(Kw::In) if self.is(i + 2, Kw::The) => self
                .earlier_in_the(i + 3)
                .map(|inner| (Expr::Part(Box::new(inner), part), i + 3)),
            _ => None,
        }
    }

    /// The period of "earlier in the week", "later in the year" (the unit at `j`): P's own,
    /// unless the sentence names another time, which the phrase then narrates from ("In 1998
    /// he moved; later in the year ...", "Last month he said ... he appeared gaunt earlier in
    /// the year").
    fn earlier_in_the(&self, j: usize) -> Option<Expr> {
        let inner = match self.class(j) {
            Class::Unit(Unit::Week, false) => Expr::Week(0),
            Class::Unit(Unit::Month, false) => Expr::MonthRel(0),
            Class::Unit(Unit::Year, false) => Expr::YearRel(0),
            _ => return None,
        };
        let narrated = (self.lo..self.hi).any(|t| {
            self.year(t).is_some()
                || matches!(
                    self.class(t),
                    Class::Month(_)
                        | Class::Abbr(_)
                        | Class::MidMonth(_)
                        | Class::Weekday(_)
                        | Class::Season(_)
                        | Class::Quarter(_)
                        | Class::Half(_)
                        | Class::GluedDay(..)
                        | Class::Kw(
                            Kw::Last
                                | Kw::Next
                                | Kw::This
                                | Kw::Ago
                                | Kw::Today
                                | Kw::Yesterday
                                | Kw::Tomorrow
                                | Kw::Tonight
                        )
                )
        });
        (!self.poss(j) && !narrated && !self.is(j + 1, Kw::Of)).then_some(inner)
    }

    /// "this week", "last month", "next year", "last Tuesday", "next June", "this summer".
    fn parse_deictic(&self, i: usize) -> Option<(Expr, usize)> {
        let k = self.kw(i)?;
        if k != Kw::This && self.is(i.wrapping_sub(1), Kw::The) {
            // "the last year", "the next day": rolling or narrative, handled by `parse_the`.
            return None;
        }
        if k == Kw::Last
            && let Some(found) = self.parse_ordinal_of(i)
        {
            return Some(found);
        }
        if k != Kw::This
            && let Some(found) = self.bare_rolling(i)
        {
            return Some(found);
        }
        let (mode, off) = match k {
            Kw::Last => (Mode::Last, -1),
            Kw::Next => (Mode::Next, 1),
            _ => (Mode::This, 0),
        };
        let e = match self.class(i + 1) {
            // "this past Monday".
            Class::Kw(Kw::Past) if k == Kw::This => match self.class(i + 2) {
                Class::Weekday(d) => return Some((Expr::Weekday(d, Mode::Last), i + 2)),
                _ => return None,
            },
            Class::Unit(Unit::Week, false) if !self.poss(i + 1) => {
                // "next week Sunday", "next week on Friday".
                let j = if self.is(i + 2, Kw::On) { i + 3 } else { i + 2 };
                if let Class::Weekday(d) = self.class(j) {
                    return Some((Expr::WeekDay(off, d), j));
                }
                // "next week between Wednesday and Friday", "last week from Monday to Friday".
                let between = self.is(i + 2, Kw::Between);
                // "this week from Tue to Thur": short names too, bounded by the range.
                let weekday = |j: usize| match self.class(j) {
                    Class::Weekday(d) | Class::ShortWeekday(d) => Some(d),
                    _ => None,
                };
                if (between || self.is(i + 2, Kw::From))
                    && let Some(d1) = weekday(i + 3)
                    && self.connector(i + 4, between)
                    && let Some(d2) = weekday(i + 5)
                {
                    return Some((
                        Expr::Range(
                            Box::new(Expr::WeekDay(off, d1)),
                            Box::new(Expr::WeekDay(off, d2)),
                        ),
                        i + 5,
                    ));
                }
                Expr::Week(off)
            }
            Class::Unit(Unit::Weekend, false) => Expr::Weekend(off),
            Class::Unit(Unit::Month, false) => Expr::MonthRel(off as i32),
            Class::Unit(Unit::Year, false) => Expr::YearRel(off as i32),
            Class::Unit(Unit::Decade, false) => Expr::DecadeRel(off as i32),
            Class::Weekday(d) => {
                // "this Friday June 22", "this Friday (Jun-15)", "this Friday-Jun-15": the date
                // names the day.
                let open = matches!(self.class(i + 2), Class::Punct('(' | '-'));
                let j = if open { i + 3 } else { i + 2 };
                if let Class::Month(_) | Class::Abbr(_) = self.class(j)
                    && let Some((e, last)) = self.parse_month(j)
                    && e.grain() == Grain::Day
                {
                    let last = if self.punct(i + 2, '(') && self.punct(last + 1, ')') {
                        last + 1
                    } else if self.punct(i + 2, '(') {
                        return Some((Expr::Weekday(d, mode), i + 1));
                    } else {
                        last
                    };
                    // The date is read in the deictic's direction ("this" is P's year).
                    let e = match e {
                        Expr::MonthDay(m, day, Mode::Auto) => Expr::MonthDay(m, day, mode),
                        e => e,
                    };
                    return Some((e, last));
                }
                Expr::Weekday(d, mode)
            }
            Class::Month(m) => Expr::Month(m, mode),
            Class::Abbr(m) if !self.vague_month(i + 1) && !self.poss(i + 1) => Expr::Month(m, mode),
            Class::Season(s) => Expr::Season(s, mode),
            Class::Kw(Kw::Night) if k == Kw::Last => Expr::RelDay(-1),
            Class::Kw(Kw::DayPart) if k == Kw::This => Expr::RelDay(0),
            _ => return None,
        };
        Some((e, i + 1))
    }

    /// Expressions opening with "the".
    fn parse_the(&self, i: usize) -> Option<(Expr, usize)> {
        if let Some((y, last)) = self.spelled_decade(i + 1) {
            return Some((decade_expr(y)?, last));
        }
        if let Some(found) = self.century(i + 1) {
            return Some(found);
        }
        match self.class(i + 1) {
            // "the day after tomorrow", "the day before yesterday".
            Class::Unit(Unit::Day, false) => match (self.kw(i + 2), self.kw(i + 3)) {
                (Some(Kw::After), Some(Kw::Tomorrow)) => Some((Expr::RelDay(2), i + 3)),
                (Some(Kw::Before), Some(Kw::Yesterday)) => Some((Expr::RelDay(-2), i + 3)),
                _ => None,
            },
            // "the week after next", "the month after the next".
            Class::Unit(u @ (Unit::Week | Unit::Weekend | Unit::Month | Unit::Year), false)
                if self.is(i + 2, Kw::After) =>
            {
                let n = if self.is(i + 3, Kw::The) {
                    i + 4
                } else {
                    i + 3
                };
                if !self.is(n, Kw::Next) {
                    return None;
                }
                let e = match u {
                    Unit::Week => Expr::Week(2),
                    Unit::Weekend => Expr::Weekend(2),
                    Unit::Month => Expr::MonthRel(2),
                    _ => Expr::YearRel(2),
                };
                Some((e, n))
            }
            Class::Unit(Unit::Week, false) => self.week_of_day(i + 1),
            Class::Kw(Kw::Rest) => self.parse_rest(i + 1),
            // "the previous year" is the year before the story's.
            Class::Kw(Kw::Last) if self.txt(i + 1).eq_ignore_ascii_case("previous") => None,
            Class::Kw(Kw::Last) => self
                .parse_ordinal_of(i + 1)
                .or_else(|| self.parse_rolling(i)),
            Class::Kw(Kw::Past | Kw::Next | Kw::Coming) => self.parse_rolling(i),
            Class::Ordinal(_) => self
                .parse_ordinal_of(i + 1)
                .or_else(|| self.word_day_of_month(i + 1))
                .or_else(|| self.bare_ordinal_day(i + 1, true)),
            Class::NumWord(_) => self
                .word_day_of_month(i + 1)
                .or_else(|| self.bare_ordinal_day(i + 1, true)),
            Class::Punct('\'' | '’') if self.adj(i + 1, i + 2) => self.short_decade(i + 2),
            Class::Unit(u, true) if self.is(i + 2, Kw::Ahead) && u != Unit::Weekend => {
                Some((Expr::Rolling(u, default_count(u), false), i + 2))
            }
            Class::Season(s) => {
                if self.is(i + 2, Kw::Of)
                    && let Some((y, last)) = self.year_at(i + 3)
                {
                    let (a, b) = season_bounds(s, y)?;
                    return Some((Expr::Fixed(a, b, Grain::Season), last));
                }
                let framed = matches!(
                    self.kw(i.wrapping_sub(1)),
                    Some(
                        Kw::In
                            | Kw::By
                            | Kw::Until
                            | Kw::During
                            | Kw::Over
                            | Kw::Since
                            | Kw::Throughout
                            | Kw::Through
                            | Kw::Of
                    )
                );
                framed.then_some((Expr::Season(s, Mode::Auto), i + 1))
            }
            Class::Num(_) => {
                if let Some((y, last)) = self.decade(i + 1) {
                    return Some((decade_expr(y)?, last));
                }
                self.short_decade(i + 1)
                    .or_else(|| self.bare_ordinal_day(i + 1, true))
            }
            Class::Other if self.txt(i + 1).eq_ignore_ascii_case("noughties") => {
                Some((decade_expr(2000)?, i + 1))
            }
            Class::Kw(k @ (Kw::Early | Kw::Mid | Kw::Late)) => {
                let mut j = i + 2;
                if self.punct(j, '-') && self.adj(i + 1, j) && self.adj(j, j + 1) {
                    j += 1;
                }
                let (y, last) = self.decade(j)?;
                Some((
                    Expr::Part(Box::new(decade_expr(y)?), modifier_part(k)),
                    last,
                ))
            }
            Class::Kw(Kw::End | Kw::Start | Kw::Middle) => self.parse_end_of(i + 1),
            Class::Unit(Unit::Month, false) if self.is(i + 2, Kw::Of) => self.month_of_month(i + 3),
            Class::Unit(Unit::Weekend, false) => Some((Expr::WeekendAuto, i + 1)),
            _ => None,
        }
    }

    /// A decade in two digits after "the" ("the 70s", "the 70's", "the '40s"): of the 1900s.
    fn short_decade(&self, j: usize) -> Option<(Expr, usize)> {
        let (v, 2) = self.num(j)? else {
            return None;
        };
        if v % 10 != 0 || !self.adj(j, j + 1) {
            return None;
        }
        let last = if self.txt(j + 1) == "s" {
            j + 1
        } else if matches!(self.class(j + 1), Class::Punct('\'' | '’'))
            && self.adj(j + 1, j + 2)
            && self.txt(j + 2) == "s"
        {
            j + 2
        } else {
            return None;
        };
        Some((decade_expr(1900 + v as i32)?, last))
    }

    /// The month after "(the) month of": "June", "Sept", "June 2019", and (as "the week of
    /// November 30th" is the week holding the day) the month holding a date ("month of
    /// September 16th").
    fn month_of_month(&self, j: usize) -> Option<(Expr, usize)> {
        match self.class(j) {
            Class::Month(_) | Class::Abbr(_) => match self.parse_month(j)? {
                (e, last) if e.grain() == Grain::Month => Some((e, last)),
                (e, last) if e.grain() == Grain::Day => {
                    Some((Expr::MonthHolding(Box::new(e)), last))
                }
                _ => None,
            },
            _ => None,
        }
    }

    /// "the past two weeks", "the last year", "the coming months", "the next 10 days".
    fn parse_rolling(&self, i: usize) -> Option<(Expr, usize)> {
        let k = self.kw(i + 1)?;
        let back = matches!(k, Kw::Past | Kw::Last);
        let (n, j) = match self.count(i + 2) {
            Some(n) => (Some(n), i + 3),
            // "the past few weeks": the unit's default span.
            None if self.vague_count(i + 2) => (None, i + 3),
            None => (None, i + 2),
        };
        let Class::Unit(u, plural) = self.class(j) else {
            return None;
        };
        if u == Unit::Weekend {
            return None;
        }
        let n = match n {
            Some(n) if !plural && n != 1 => return None,
            Some(n) => n,
            None if plural => default_count(u),
            None => {
                if u == Unit::Hour {
                    return None;
                }
                if matches!(k, Kw::Last | Kw::Next) && u == Unit::Day {
                    return None;
                }
                if k == Kw::Next
                    && !matches!(
                        self.kw(i.wrapping_sub(1)),
                        Some(
                            Kw::Over | Kw::In | Kw::Within | Kw::During | Kw::For | Kw::Throughout
                        )
                    )
                {
                    // "the next year" in a narrative means the year after the story's.
                    return None;
                }
                1
            }
        };
        if matches!(k, Kw::Last | Kw::Next)
            && matches!(
                self.kw(j + 1),
                Some(Kw::Of | Kw::In | Kw::Before | Kw::After | Kw::Det | Kw::Since)
            )
        {
            // "the last year of his term", "the last three months of 2019".
            return None;
        }
        Some((Expr::Rolling(u, n, back), j))
    }

    /// "early 2011", "mid-2011", "late September", "early next year", "late 1990s".
    fn parse_modified(&self, i: usize, part: Part) -> Option<(Expr, usize)> {
        let mut j = i + 1;
        if self.punct(j, '-') && self.adj(i, j) && self.adj(j, j + 1) {
            j += 1;
        }
        let (e, last) = self.parse_period(j)?;
        Some((Expr::Part(Box::new(e), part), last))
    }

    /// "end of September", "the start of next year" (at "end"/"start"/"middle").
    fn parse_end_of(&self, i: usize) -> Option<(Expr, usize)> {
        let part = match self.kw(i)? {
            Kw::End => Part::End,
            Kw::Start => Part::Start,
            Kw::Middle => Part::Mid,
            _ => return None,
        };
        if !self.is(i + 1, Kw::Of) {
            return None;
        }
        let (e, last) = self.parse_period(i + 2)?;
        Some((Expr::Part(Box::new(e), part), last))
    }

    /// A period that "early", "late" or "the end of" can divide: a week, month, season, year or
    /// decade.
    fn parse_period(&self, j: usize) -> Option<(Expr, usize)> {
        if let Some((y, last)) = self.spelled_year(j) {
            return Some((year_expr(y)?, last));
        }
        let (e, last) = match self.class(j) {
            Class::Num(_) => match self.decade(j) {
                Some((y, last)) => (decade_expr(y)?, last),
                None => {
                    let y = self.year(j)?;
                    (year_expr(y)?, j)
                }
            },
            Class::Month(_) | Class::Abbr(_) => self.parse_month(j)?,
            Class::Kw(Kw::This | Kw::Last | Kw::Next) => self.parse_deictic(j)?,
            Class::Kw(Kw::The) => match self.class(j + 1) {
                Class::Unit(Unit::Year, false) => (Expr::YearRel(0), j + 1),
                Class::Unit(Unit::Month, false) => (Expr::MonthRel(0), j + 1),
                Class::Unit(Unit::Week, false) => (Expr::Week(0), j + 1),
                Class::Season(s) => match self.parse_the(j) {
                    Some(found) => found,
                    None => (Expr::Season(s, Mode::Auto), j + 1),
                },
                _ => self.parse_the(j)?,
            },
            Class::Season(_) => self.parse_core(j)?,
            _ => return None,
        };
        matches!(
            e.grain(),
            Grain::Week | Grain::Month | Grain::Season | Grain::Year | Grain::Decade
        )
        .then_some((e, last))
    }

    /// "September 9, 2020", "Sept. 9", "June 2019", "June of 2019", "November 3", "in June".
    fn parse_month(&self, i: usize) -> Option<(Expr, usize)> {
        let (m, abbr) = match self.class(i) {
            Class::Month(m) => (m, false),
            Class::Abbr(m) => (m, true),
            _ => return None,
        };
        let mut j = i + 1;
        if abbr && !self.vague_month(i) && self.punct(j, '.') && self.adj(i, j) {
            j += 1;
        } else if (self.punct(j, '-') || self.punct(j, '/') || self.punct(j, '.'))
            && self.adj(i, j)
            && self.adj(j, j + 1)
            && self.day(j + 1).is_some()
        {
            // "Oct-2", "Jan/1", "september.16th".
            j += 1;
        }
        // "June first", "June twenty-second", "June the 15th", "May the eleventh", and a day in
        // cardinal words of tens and a unit ("June twenty two"). After a lower-case "may" a
        // word day needs a year or no count word after it ("may twenty one").
        let jd = if self.is(j, Kw::The) { j + 1 } else { j };
        let word_day = match (self.class(jd), self.class(jd + 1)) {
            (Class::NumWord(t @ (20 | 30)), Class::NumWord(u @ 1..=9)) if t + u <= 31 => {
                Some((t + u, jd + 1))
            }
            _ => None,
        };
        if let Some((d, k)) = word_day.or_else(|| self.any_day(jd))
            && (jd == j || self.ordinal_day(jd, k))
            && (self.day(jd).is_none() || jd > j)
            && !self.poss(k)
            && !(self.vague_month(i)
                && jd == j
                && self.year_after(k).is_none()
                && !matches!(self.class(k + 1), Class::Nothing | Class::Punct(_)))
        {
            return self.month_day_year(m, d, k);
        }
        // "October, 1st": a comma before a day with an ordinal suffix.
        if self.punct(j, ',')
            && !self.vague_month(i)
            && let Some((d, k)) = self.day(j + 1)
            && k > j + 1
        {
            return self.month_day_year(m, d, k);
        }
        if let Some((d, k)) = self.day(j) {
            if let Some((y, yj)) = self.year_after(k) {
                let date = NaiveDate::from_ymd_opt(y, m, d)?;
                return Some((Expr::Fixed(date, date, Grain::Day), yj));
            }
            // "they may 15 times", "march 20 miles": a lower-case verb before a count.
            if self.vague_month(i)
                && matches!(
                    self.class(k + 1),
                    Class::Other
                        | Class::CountNoun
                        | Class::Measure
                        | Class::Unit(..)
                        | Class::Punct('%')
                        | Class::NumWord(_)
                )
            {
                return None;
            }
            NaiveDate::from_ymd_opt(2000, m, d)?;
            return Some(self.yearless_month_day(m, d, k));
        }
        if let Some(found) = self
            .month_between(m, j)
            .or_else(|| self.month_short_year(i, m, j))
        {
            return Some(found);
        }
        if let Some(y) = self.year(j) {
            return Some((month_expr(y, m)?, j));
        }
        if self.is(j, Kw::Of)
            && let Some(y) = self.year(j + 1)
        {
            return Some((month_expr(y, m)?, j + 1));
        }
        if let Some((y, last)) = self
            .spelled_year(j)
            .or_else(|| self.is(j, Kw::Of).then(|| self.spelled_year(j + 1))?)
        {
            return Some((month_expr(y, m)?, last));
        }
        // "January, 2001".
        if self.punct(j, ',')
            && !self.vague_month(i)
            && let Some((y, last)) = self.year_at(j + 1)
            && (last > j + 1 || self.bare_year_ok(j + 1))
            && !matches!(self.class(last + 1), Class::Punct('-' | '–' | '/'))
        {
            return Some((month_expr(y, m)?, last));
        }
        // "June next year", "March last year".
        if let Some(k @ (Kw::This | Kw::Next | Kw::Last)) = self.kw(j)
            && self.class(j + 1) == Class::Unit(Unit::Year, false)
            && !self.poss(j + 1)
            && !self.vague_month(i)
            && !self.poss(i)
        {
            let off = match k {
                Kw::Next => 1,
                Kw::Last => -1,
                _ => 0,
            };
            return Some((Expr::MonthInYear(m, off), j + 1));
        }
        if abbr {
            // "in Aug", "this Sept": a capitalised or unambiguous abbreviation with a time word
            // before it and no name after it.
            let named =
                self.class(j) == Class::Other && self.txt(j).as_bytes()[0].is_ascii_uppercase();
            if self.vague_month(i) || self.poss(i) || named || !self.month_framed(i) {
                return None;
            }
            return Some((Expr::Month(m, Mode::Auto), i));
        }
        // "May" the verb, "March" the noun at a sentence start.
        let framed = self.month_framed(i);
        if (m == 5 || (m == 3 && i == self.lo)) && !self.poss(i) && !framed {
            return None;
        }
        // "April Ryan", "June Smith": a month name as a given name.
        if !framed
            && self.class(i + 1) == Class::Other
            && self.txt(i + 1).as_bytes()[0].is_ascii_uppercase()
        {
            return None;
        }
        Some((Expr::Month(m, Mode::Auto), i))
    }

    /// Days of the month `m` named after it with "between" (`j`): "November between 19 and 20",
    /// "Feb between 2-7 two thousand and eighteen" (a year may close it).
    fn month_between(&self, m: u32, j: usize) -> Option<(Expr, usize)> {
        if !self.is(j, Kw::Between) {
            return None;
        }
        let (d1, k1) = self.day(j + 1)?;
        if !self.connector(k1 + 1, true) {
            return None;
        }
        let (d2, k2) = self.day(k1 + 2)?;
        if d2 <= d1 || ymd(2000, m, d2).is_none() {
            return None;
        }
        if let Some((y, last)) = self.year_after(k2) {
            let (a, b) = (ymd(y, m, d1)?, ymd(y, m, d2)?);
            return Some((Expr::Fixed(a, b, Grain::Range), last));
        }
        // "In November between 19 and 20 people died" counts people.
        let closes = match self.class(k2 + 1) {
            Class::Nothing => true,
            Class::Punct(c) => !matches!(c, '%' | '-' | '/'),
            _ => false,
        };
        closes.then(|| {
            (
                Expr::DayRange(Box::new(Expr::Month(m, Mode::Auto)), d1, d2),
                k2,
            )
        })
    }

    /// A capitalised month and a two-digit year that cannot be a day, closing the clause:
    /// "August 99" (1999). Not before a noun ("in August 99 people died").
    fn month_short_year(&self, i: usize, m: u32, j: usize) -> Option<(Expr, usize)> {
        let (v, 2) = self.num(j)? else {
            return None;
        };
        if v < 32
            || self.lex[i].lc
            || (matches!(m, 3 | 5) && !self.month_framed(i))
            || !matches!(
                self.class(j + 1),
                Class::Nothing | Class::Punct('.' | ',' | ';' | ')')
            )
        {
            return None;
        }
        Some((month_expr(1900 + v as i32, m)?, j))
    }

    /// Whether `i` is a lower-case "may", "march", "mar" or "august", which are months only with
    /// a day or a year.
    fn vague_month(&self, i: usize) -> bool {
        self.class(i) != Class::Nothing
            && self.lex[i].lc
            && matches!(self.low(i), "may" | "march" | "mar" | "august")
    }

    /// Whether a bare month at `i` is introduced by a time preposition or modifier.
    fn month_framed(&self, i: usize) -> bool {
        match self.kw(i.wrapping_sub(1)) {
            Some(
                Kw::In
                | Kw::Of
                | Kw::Since
                | Kw::Until
                | Kw::By
                | Kw::Early
                | Kw::Late
                | Kw::Mid
                | Kw::Last
                | Kw::Next
                | Kw::This
                | Kw::From
                | Kw::During
                | Kw::Through
                | Kw::Throughout
                | Kw::Between
                | Kw::Before
                | Kw::After
                | Kw::To,
            ) => true,
            Some(Kw::And | Kw::Or) => matches!(self.class(i.wrapping_sub(2)), Class::Month(_)),
            _ => false,
        }
    }

    /// "Tuesday", "Wednesday's", or a weekday heading a date ("Tuesday, September 8").
    fn parse_weekday(&self, i: usize, d: Weekday) -> Option<(Expr, usize)> {
        if !self.poss(i) {
            let j = if self.punct(i + 1, ',') { i + 2 } else { i + 1 };
            let dated = match self.class(j) {
                Class::Month(_) | Class::Abbr(_) => self.parse_month(j),
                Class::Num(_) => self.parse_num(j),
                _ => None,
            };
            if let Some((e, last)) = dated
                && e.grain() == Grain::Day
            {
                return Some((e, last));
            }
            // "Friday 7/6": after a weekday, month/day even when both could be months.
            if let Some((a, 1..=2)) = self.num(j)
                && self.joined_sep(j).is_some()
                && let Some((b, 1..=2)) = self.num(j + 2)
                && self.joined_sep(j + 2).is_none()
                && ymd(2000, a, b).is_some()
            {
                return Some((Expr::MonthDay(a, b, Mode::Auto), j + 2));
            }
            // "Friday next week", "Tuesday of this week".
            let j = if self.is(i + 1, Kw::Of) { i + 2 } else { i + 1 };
            if let Some(k) = self.kw(j)
                && matches!(k, Kw::This | Kw::Next | Kw::Last)
                && self.class(j + 1) == Class::Unit(Unit::Week, false)
                && !self.poss(j + 1)
            {
                let off = match k {
                    Kw::Last => -1,
                    Kw::Next => 1,
                    _ => 0,
                };
                return Some((Expr::WeekDay(off, d), j + 1));
            }
            // "Friday the 15th", "Thursday the twenty first".
            let word_day = match self.class(i + 2) {
                Class::NumWord(n @ 2..=31) => Some((n, i + 2)),
                _ => None,
            };
            if self.is(i + 1, Kw::The)
                && let Some((day, last)) = self.any_day(i + 2).or(word_day)
                && (last > i + 2 || self.day(i + 2).is_none())
            {
                return Some((Expr::WeekdayDate(d, day), last));
            }
        }
        Some((Expr::Weekday(d, Mode::Auto), i))
    }

    /// Expressions opening with a number: ISO and US dates, "9 September 2020", decades, year
    /// ranges, years, "two weeks ago".
    fn parse_num(&self, i: usize) -> Option<(Expr, usize)> {
        // Plain digits of other than four (no year) and then, apart (no ordinal suffix), a word
        // of none of the classes the patterns below read after a number (punctuation, a
        // keyword, a unit, a month) start nothing: most numbers of a text.
        let width = self.lex[i].width;
        if width > 0
            && width != 4
            && !self.adj(i, i + 1)
            && !matches!(
                self.class(i + 1),
                Class::Nothing
                    | Class::Punct(_)
                    | Class::Kw(_)
                    | Class::Unit(..)
                    | Class::Month(_)
                    | Class::Abbr(_)
            )
        {
            return None;
        }
        if let Some(date) = self.dotted_date(i) {
            return Some((Expr::Fixed(date, date, Grain::Day), i));
        }
        // "in 70's": a decade without "the" only with the apostrophe and after "in".
        if self.is(i.wrapping_sub(1), Kw::In)
            && matches!(self.class(i + 1), Class::Punct('\'' | '’'))
            && let Some(found) = self.short_decade(i)
        {
            return Some(found);
        }
        if let Some(y) = self.year(i) {
            // 2020-09-09, 2020/9/9
            if let Some(sep) = self.joined_sep(i)
                && let Some((m, 1..=2)) = self.num(i + 2)
                && self.joined_sep(i + 2) == Some(sep)
                && let Some((d, 1..=2)) = self.num(i + 4)
            {
                let date = NaiveDate::from_ymd_opt(y, m, d)?;
                return Some((Expr::Fixed(date, date, Grain::Day), i + 4));
            }
            // 2019-sep-1, 2019/Sep/01
            if let Some(sep @ ('-' | '/')) = self.glued_punct(i)
                && let Class::Month(m) | Class::Abbr(m) = self.class(i + 2)
                && self.glued_punct(i + 2) == Some(sep)
                && let Some((d, 1..=2)) = self.num(i + 4)
            {
                let date = NaiveDate::from_ymd_opt(y, m, d)?;
                return Some((Expr::Fixed(date, date, Grain::Day), i + 4));
            }
            // 2016-11, 2016/11, 2015-3: a month of the year, unless two digits read as a later
            // year ("2019-20", "2010/11" are seasons or fiscal years).
            if self.joined_sep(i).is_some()
                && let Some((m, n @ 1..=2)) = self.num(i + 2)
                && (1..=12).contains(&m)
                && self.joined_sep(i + 2).is_none()
                && !matches!(self.class(i + 3), Class::Punct('-' | '–' | '/' | '%' | '.'))
                && !(n == 2 && y / 100 * 100 + m as i32 > y)
            {
                return Some((month_expr(y, m)?, i + 2));
            }
            if let Some(found) = self.spaced_month_year(i) {
                return Some(found);
            }
            // "2016 November", "2016, nov": a year and then its month (no day after it).
            let mj = if self.punct(i + 1, ',') { i + 2 } else { i + 1 };
            if let Class::Month(m) | Class::Abbr(m) = self.class(mj)
                && !self.vague_month(mj)
                && !self.poss(mj)
                && self.day(mj + 1).is_none()
                && !(self.punct(mj + 1, '.') && self.day(mj + 2).is_some())
                && self.bare_year_ok(i)
            {
                return Some((month_expr(y, m)?, mj));
            }
            // 2016 Q3, 2016 H2
            if self.bare_year_ok(i)
                && let Class::Quarter(q) | Class::Half(q) = self.class(i + 1)
            {
                let parts = if matches!(self.class(i + 1), Class::Quarter(_)) {
                    4
                } else {
                    2
                };
                return Some((Expr::Portion(Box::new(year_expr(y)?), parts, q), i + 1));
            }
            if let Some((y, last)) = self.decade(i) {
                return Some((decade_expr(y)?, last));
            }
            // 2014-2017, 2019–20
            if (self.punct(i + 1, '-') || self.punct(i + 1, '–'))
                && self.adj(i, i + 1)
                && self.adj(i + 1, i + 2)
                && let Some((v, n)) = self.num(i + 2)
            {
                let y2 = match n {
                    4 => v as i32,
                    2 => y / 100 * 100 + v as i32,
                    _ => 0,
                };
                if y2 > y && y2 - y <= 50 {
                    let a = NaiveDate::from_ymd_opt(y, 1, 1)?;
                    let b = NaiveDate::from_ymd_opt(y2, 12, 31)?;
                    return Some((Expr::Fixed(a, b, Grain::Range), i + 2));
                }
                return None;
            }
            if self.bare_year_ok(i) {
                return Some((year_expr(y)?, i));
            }
            return None;
        }
        // 9/9/2020 (month/day/year; day/month/year when the first number cannot be a month),
        // 21-04-2016 (dashes only with a four-digit year).
        if let Some((a, 1..=2)) = self.num(i)
            && let Some(sep) = self.joined_sep(i)
            && let Some((b, yv, yn, last)) = self.day_and_year(i + 2, sep)
            && (sep == '/' || yn == 4 || (yn == 2 && a <= 12))
            && !matches!(self.class(last + 1), Class::Punct('-' | '/'))
        {
            let y = match yn {
                4 => yv as i32,
                2 if yv < 70 => 2000 + yv as i32,
                2 => 1900 + yv as i32,
                _ => return None,
            };
            let (m, d) = if a > 12 && b <= 12 { (b, a) } else { (a, b) };
            let date = NaiveDate::from_ymd_opt(y, m, d)?;
            return Some((Expr::Fixed(date, date, Grain::Day), last));
        }
        if let Some(found) = self.numeric_month_or_day(i) {
            return Some(found);
        }
        if let Some(found) = self.spaced_month_year(i) {
            return Some(found);
        }
        // "on 4.22" closing a clause: month.day.
        if self.is(i.wrapping_sub(1), Kw::On)
            && matches!(self.class(i + 1), Class::Nothing | Class::Punct(_))
            && let Some((a, b)) = self.txt(i).split_once('.')
            && a.len() <= 2
            && b.len() == 2
            && let (Ok(m), Ok(d)) = (a.parse::<u32>(), b.parse::<u32>())
            && ymd(2000, m, d).is_some()
        {
            return Some((Expr::MonthDay(m, d, Mode::Auto), i));
        }
        // 9 September 2020, 9th of September
        if let Some((d, k)) = self.day(i) {
            // "9th of September", "16. nov. 2016".
            // A plain number takes "of" only after a weekday ("Wed, 22 of Jan").
            let is_weekday =
                |j: usize| matches!(self.class(j), Class::Weekday(_) | Class::ShortWeekday(_));
            let after_weekday = is_weekday(i.wrapping_sub(1))
                || (self.punct(i.wrapping_sub(1), ',') && is_weekday(i.wrapping_sub(2)));
            let j = if ((k > i || after_weekday) && self.is(k + 1, Kw::Of))
                || (self.punct(k + 1, '.')
                    && self.adj(k, k + 1)
                    && matches!(self.class(k + 2), Class::Month(_) | Class::Abbr(_)))
            {
                k + 2
            } else {
                k + 1
            };
            // "1-Jan", "28-nov".
            let j = if k == i
                && self.punct(k + 1, '-')
                && self.adj(k, k + 1)
                && self.adj(k + 1, k + 2)
                && matches!(self.class(k + 2), Class::Month(_) | Class::Abbr(_))
            {
                k + 2
            } else {
                j
            };
            let found = match self.class(j) {
                Class::Month(m) => Some((m, j)),
                Class::Abbr(m)
                    if !self.vague_month(j) && self.punct(j + 1, '.') && self.adj(j, j + 1) =>
                {
                    Some((m, j + 1))
                }
                Class::Abbr(m) => Some((m, j)),
                _ => None,
            };
            if let Some((m, e)) = found {
                if let Some((y, yj)) = self.year_after(e) {
                    let date = NaiveDate::from_ymd_opt(y, m, d)?;
                    return Some((Expr::Fixed(date, date, Grain::Day), yj));
                }
                NaiveDate::from_ymd_opt(2000, m, d)?;
                return Some((Expr::MonthDay(m, d, Mode::Auto), e));
            }
            if let Some(found) = self.bare_ordinal_day(i, false) {
                return Some(found);
            }
        }
        let n = self.count(i)?;
        self.parse_ago(i, n)
    }

    /// A month and its year around a spaced slash or a dash spaced on one side only ("11 /
    /// 2016", "2016 /11", "11- 2016", "2016 -11"), at the first number. A dash with spaces on
    /// both sides stands for a pause in prose ("in 2016 - 11 months later") and is left alone;
    /// glued forms are read by `parse_num`.
    /// The second and third numbers of a numeric date after `sep`: "9/2020" in "9/9/2020", or
    /// one token "12,2015" in "08/12,2015"; the day (or month), the year's value and digits, and
    /// the last token.
    fn day_and_year(&self, j: usize, sep: char) -> Option<(u32, u32, usize, usize)> {
        if let Some((b, 1..=2)) = self.num(j) {
            if self.joined_sep(j) != Some(sep) {
                return None;
            }
            let (yv, yn) = self.num(j + 2)?;
            return Some((b, yv, yn, j + 2));
        }
        let (b, y) = self.txt(j).split_once(',')?;
        if sep != '/' || !(1..=2).contains(&b.len()) || !matches!(y.len(), 2 | 4) {
            return None;
        }
        Some((b.parse().ok()?, y.parse().ok()?, y.len(), j))
    }

    fn spaced_month_year(&self, i: usize) -> Option<(Expr, usize)> {
        let sep = match self.class(i + 1) {
            Class::Punct(c @ ('/' | '-')) => c,
            _ => return None,
        };
        let (left, right) = (self.adj(i, i + 1), self.adj(i + 1, i + 2));
        if (left && right) || (sep == '-' && !left && !right) {
            return None;
        }
        if matches!(self.class(i + 3), Class::Punct('-' | '/' | '%'))
            || matches!(
                self.class(i.wrapping_sub(1)),
                Class::Num(_) | Class::Punct('/' | '-')
            )
        {
            return None;
        }
        let month = |j: usize| {
            self.num(j)
                .filter(|&(m, n)| n <= 2 && (1..=12).contains(&m))
        };
        let (y, m) = if let Some(y) = self.year(i) {
            let (m, n) = month(i + 2)?;
            if n == 2 && y / 100 * 100 + m as i32 > y {
                return None;
            }
            (y, m)
        } else {
            (self.year(i + 2)?, month(i)?.0)
        };
        Some((month_expr(y, m)?, i + 2))
    }

    /// The punctuation mark glued between token `j` and a token after it ("2019-sep").
    fn glued_punct(&self, j: usize) -> Option<char> {
        match self.class(j + 1) {
            Class::Punct(c) if self.adj(j, j + 1) && self.adj(j + 1, j + 2) => Some(c),
            _ => None,
        }
    }

    /// Two joined numbers that are not a full date (at the first): "11/2016", "3-2015" (a month
    /// and its year), "4/22" (month/day: the day cannot be a month), "22/04" (day/month: the
    /// month written with a leading zero), and after "on" also "4-22". Fractions and ratios
    /// ("1/2", "3/4", "24/7", "50/50") fit none of these.
    fn numeric_month_or_day(&self, i: usize) -> Option<(Expr, usize)> {
        let (a, 1..=2) = self.num(i)? else {
            return None;
        };
        let sep = self.joined_sep(i)?;
        if self.joined_sep(i + 2).is_some()
            || matches!(self.class(i + 3), Class::Punct('-' | '–' | '/' | '%'))
            || matches!(
                self.class(i.wrapping_sub(1)),
                Class::Punct(_) | Class::Num(_)
            ) && self.adj(i.wrapping_sub(1), i)
        {
            return None;
        }
        if let Some(y) = self.year(i + 2) {
            return (1..=12)
                .contains(&a)
                .then(|| Some((month_expr(y, a)?, i + 2)))
                .flatten();
        }
        let (b, 1..=2) = self.num(i + 2)? else {
            return None;
        };
        let padded = self.txt(i + 2).starts_with('0');
        let (m, d) = match sep {
            '/' if (1..=12).contains(&a) && (13..=31).contains(&b) => (a, b),
            '/' if (13..=31).contains(&a) && padded && (1..=12).contains(&b) => (b, a),
            '-' if self.is(i.wrapping_sub(1), Kw::On) && (1..=12).contains(&a) => (a, b),
            _ => return None,
        };
        ymd(2000, m, d)?;
        Some((Expr::MonthDay(m, d, Mode::Auto), i + 2))
    }

    /// "two weeks ago", "a year ago"; "two weeks from now", "three days from tomorrow", "two
    /// days after today", "two days before yesterday" (a day counted from a named day).
    fn parse_ago(&self, i: usize, n: u32) -> Option<(Expr, usize)> {
        let Class::Unit(u, _) = self.class(i + 1) else {
            return None;
        };
        if matches!(u, Unit::Weekend | Unit::Decade) {
            return None;
        }
        if self.is(i + 2, Kw::Ago) {
            return Some((Expr::Ago(u, n), i + 2));
        }
        if u == Unit::Hour {
            return None;
        }
        // "1 month 21 days ago", "2 years, 1 month and 21 days ago": that day.
        let mut parts = vec![(u, n)];
        let k = self.duration_tail(i + 2, &mut parts);
        if parts.len() > 1 {
            if !self.is(k, Kw::Ago) {
                return None;
            }
            return Some((duration_from_today(&parts, -1), k));
        }
        // "a week starting tomorrow", "3 days starting from next Monday".
        if matches!(self.low(i + 2), "starting" | "beginning" | "commencing")
            && matches!(u, Unit::Day | Unit::Week)
        {
            let j = if matches!(self.kw(i + 3), Some(Kw::On | Kw::From)) {
                i + 4
            } else {
                i + 3
            };
            let (day, last) = self.day_expr(j)?;
            let days = i64::from(n) * if u == Unit::Week { 7 } else { 1 };
            return Some((Expr::DaysFrom(Box::new(day), days), last));
        }
        // "2 days hence", "4 weeks in the future": the days after P up to that day (not the
        // end of a longer duration: "21 years and six months in the future").
        if matches!(u, Unit::Day | Unit::Week | Unit::Month | Unit::Year)
            && !matches!(
                self.class(i.wrapping_sub(1)),
                Class::Kw(Kw::And) | Class::Punct(',') | Class::Unit(..)
            )
        {
            if self.txt(i + 2).eq_ignore_ascii_case("hence") {
                return Some((Expr::Rolling(u, n, false), i + 2));
            }
            if self.is(i + 2, Kw::In)
                && self.is(i + 3, Kw::The)
                && self.txt(i + 4).eq_ignore_ascii_case("future")
            {
                return Some((Expr::Rolling(u, n, false), i + 4));
            }
        }
        let sign = match self.kw(i + 2)? {
            Kw::From | Kw::After => 1,
            Kw::Before => -1,
            _ => return None,
        };
        let base = match self.class(i + 3) {
            Class::Kw(Kw::Today) => 0,
            Class::Kw(Kw::Tomorrow) => 1,
            Class::Kw(Kw::Yesterday) => -1,
            Class::Other if sign == 1 && self.txt(i + 3).eq_ignore_ascii_case("now") => 0,
            _ => return None,
        };
        Some((
            Expr::Shifted(Box::new(Expr::RelDay(base)), u, sign * i64::from(n)),
            i + 3,
        ))
    }

    /// "within N units" whose first unit ends at `k`, with more units after it ("within 5 years
    /// 1 month 12 days"): from P to the day the whole duration reaches.
    fn within(&self, u: Unit, n: u32, k: usize) -> (Expr, usize) {
        let mut parts = vec![(u, n)];
        let next = self.duration_tail(k + 1, &mut parts);
        if parts.len() == 1 || u == Unit::Hour {
            return (Expr::Within(u, n), k);
        }
        let reached = duration_from_today(&parts, 1);
        (
            Expr::Range(Box::new(Expr::RelDay(0)), Box::new(reached)),
            next - 1,
        )
    }

    /// More counted units after a duration's first one, from `k`: " 1 month 12 days", ", 1
    /// month and 21 days" (up to four parts in all). Pushes them onto `parts`; gives the token
    /// after the last one read.
    fn duration_tail(&self, mut k: usize, parts: &mut Vec<(Unit, u32)>) -> usize {
        loop {
            let c = if self.is(k, Kw::And) || self.punct(k, ',') {
                k + 1
            } else {
                k
            };
            match (self.count(c), self.class(c + 1)) {
                (
                    Some(m),
                    Class::Unit(v @ (Unit::Day | Unit::Week | Unit::Month | Unit::Year), _),
                ) if parts.len() < 4 => {
                    parts.push((v, m));
                    k = c + 2;
                }
                _ => return k,
            }
        }
    }

    /// Whether a four-digit number standing alone at `i` is a year rather than a count, a
    /// measure, a clock time or a label.
    fn bare_year_ok(&self, i: usize) -> bool {
        let prev = i.wrapping_sub(1);
        let next = i + 1;
        match self.class(next) {
            Class::Punct('%' | '/' | ':')
            | Class::Measure
            | Class::CountNoun
            | Class::Unit(Unit::Hour, _) => {
                return false;
            }
            Class::Punct('-' | '–') if self.adj(i, next) => return false,
            Class::Other => {
                let w = self.txt(next);
                let plural = !self.poss(next)
                    && w.len() >= 4
                    && w.as_bytes()[0].is_ascii_lowercase()
                    && w.ends_with('s')
                    && !w.ends_with("ss");
                let determined = matches!(self.kw(prev), Some(Kw::The | Kw::This | Kw::Det))
                    || (prev >= self.lo && prev < self.hi && self.poss(prev));
                if plural && !determined {
                    return false;
                }
            }
            _ => {}
        }
        match self.class(prev) {
            Class::Punct('$' | '€' | '£' | '¥' | '#') | Class::CountCue | Class::Num(_) => {
                false
            }
            Class::Kw(Kw::At | Kw::Over) => false,
            Class::Punct('-' | '–' | '/') if self.adj(prev, i) => false,
            Class::Other => {
                // "Vision 2030", "Route 2020": a capitalised name before the number.
                let w = self.txt(prev);
                self.poss(prev) || prev == self.lo || !w.as_bytes()[0].is_ascii_uppercase()
            }
            _ => true,
        }
    }

    // ----- role and direction -----

    fn role(&self, first: usize, last: usize) -> TimeRole {
        if self.poss(last) {
            // "Wednesday's announcement" dates the speech; "Tuesday's attack" the attack.
            return if self.class(last + 1) == Class::SpeechNoun {
                TimeRole::Report
            } else {
                TimeRole::Event
            };
        }
        let before = first.wrapping_sub(1);
        let mut j = before;
        if matches!(self.kw(j), Some(Kw::On | Kw::In | Kw::At)) {
            j = j.wrapping_sub(1);
        }
        if self.class(j) == Class::Speech {
            return TimeRole::Report;
        }
        // "told reporters on Tuesday", "said in a statement on Tuesday".
        if self.is(before, Kw::On) {
            let mut k = before.wrapping_sub(1);
            for between in 1..=4 {
                match self.class(k) {
                    Class::Speech => {
                        let told = matches!(self.txt(k), "told" | "tells" | "Told");
                        let venue =
                            matches!(self.kw(k + 1), Some(Kw::In | Kw::At | Kw::To | Kw::During))
                                || matches!(self.txt(k + 1), "reporters" | "journalists");
                        if venue || (told && between <= 2) {
                            return TimeRole::Report;
                        }
                        break;
                    }
                    Class::Nothing | Class::Punct(_) | Class::Num(_) | Class::Kw(Kw::Will) => break,
                    _ => {}
                }
                k = k.wrapping_sub(1);
            }
        }
        match self.class(last + 1) {
            Class::Speech => TimeRole::Report,
            Class::SpeechNoun if self.poss(last) => TimeRole::Report,
            _ => TimeRole::Event,
        }
    }

    /// A future cue right before the expression ("by", "ahead of the", "from … on").
    fn future_cue(&self, first: usize, last: usize) -> bool {
        let p1 = self.kw(first.wrapping_sub(1));
        let p2 = self.kw(first.wrapping_sub(2));
        let p3 = self.kw(first.wrapping_sub(3));
        match p1 {
            Some(Kw::By | Kw::Until | Kw::Coming | Kw::Next) => true,
            Some(Kw::The) => {
                matches!(p2, Some(Kw::By | Kw::Until | Kw::Before))
                    || (p2 == Some(Kw::Of) && p3 == Some(Kw::Ahead))
            }
            Some(Kw::Of) => p2 == Some(Kw::Ahead),
            Some(Kw::From) => matches!(self.kw(last + 1), Some(Kw::On | Kw::Onward)),
            _ => false,
        }
    }

    /// "will" earlier in the same clause ("troops will leave in June").
    fn future_clause(&self, first: usize) -> bool {
        let mut k = first.wrapping_sub(1);
        for _ in 0..8 {
            match self.class(k) {
                Class::Kw(Kw::Will) => return true,
                Class::Nothing | Class::Speech => return false,
                Class::Punct(c) if c != '-' => return false,
                _ => {}
            }
            k = k.wrapping_sub(1);
        }
        false
    }

    /// The tense of the clause before the expression starting at `first`: `Some(true)` when it
    /// points ahead, `Some(false)` when it is past, `None` when no cue says. Reads back from the
    /// expression (up to fourteen tokens, not past a clause break or a speech verb) and lets the
    /// nearest tense cue decide: a future or schedule word ([`future_tense`], "going to", "set
    /// for", "due" but not "due to low light", "to" before a verb of [`FUTURE_INFINITIVES`], "is"
    /// or "are" right before the date) is future; a past one ([`past_tense`], a verb in "-ed"
    /// that is not a present passive like "are paused") is past. A schedule in the past tense
    /// ("was set for 4/22") reads as past and "would" ("It was announced he would leave in June":
    /// which verb does the date belong to?) says nothing, so both keep the most recent date.
    fn clause_tense(&self, first: usize) -> Option<bool> {
        let lower = |j: usize| self.low(j);
        let mut k = first.wrapping_sub(1);
        // The words at `k + 1`, `k` and `k - 1`, moved one token back each round.
        let (mut next, mut w) = (lower(first), lower(k));
        for _ in 0..14 {
            match self.class(k) {
                Class::Nothing | Class::Speech => return None,
                // "11 a. m. on Nov. 8": the dots of a clock time do not end the clause.
                Class::Punct('.') if matches!(self.txt(k.wrapping_sub(1)), "a" | "p" | "m") => {}
                // "Magistrates' Court", "T-Mobile".
                Class::Punct(c) if !matches!(c, '-' | '\'' | '’') => return None,
                _ => {}
            }
            let before = lower(k.wrapping_sub(1));
            let was = matches!(before, "was" | "were");
            let future = (future_tense(w) && !was)
                || (w == "going" && next == "to")
                || (w == "set" && matches!(next, "for" | "to") && !was)
                || (w == "due" && (next != "to" || lower(k + 2) == "be"))
                || (w == "to" && FUTURE_INFINITIVES.contains(&next))
                || (matches!(w, "is" | "are") && k + 1 == first);
            if future {
                return Some(true);
            }
            // Not a past verb: "to be sentenced", "is to be formally sentenced", "are paused",
            // "expected to have accomplished", "an Opteron-based solution". Read only for a
            // word in "-ed".
            let present = |b: &str| matches!(b, "be" | "is" | "are" | "am" | "being");
            let passive =
                || present(before) || (before.ends_with("ly") && present(lower(k.wrapping_sub(2))));
            let perfect = || {
                before == "have"
                    && matches!(
                        lower(k.wrapping_sub(2)),
                        "to" | "will" | "would" | "should" | "could" | "must" | "may" | "might"
                    )
            };
            let compound = || w.contains('-') || (before == "-" && self.adj(k.wrapping_sub(1), k));
            let past = past_tense(w)
                || (w.len() > 4
                    && w.ends_with("ed")
                    && !w.ends_with("eed")
                    && !passive()
                    && !perfect()
                    && !compound());
            if past {
                return Some(false);
            }
            k = k.wrapping_sub(1);
            (next, w) = (w, before);
        }
        None
    }
}

/// Whether `w` puts a clause in the future or makes it a schedule ("will defend his title … on
/// Sept. 8", "scheduled to begin Jan. 24", "Doctor Who returns on November 23", "pending his
/// next court hearing April 19"). "due", "set" and "going" are read with their neighbours
/// instead, and "would" is no cue.
fn future_tense(w: &str) -> bool {
    // A `match` tests the length first: cheaper than a scan of a list.
    matches!(
        w,
        "will"
            | "shall"
            | "scheduled"
            | "slated"
            | "expected"
            | "expects"
            | "plans"
            | "planned"
            | "pending"
            | "next"
            | "upcoming"
            | "begins"
            | "beginning"
            | "starts"
            | "starting"
            | "ends"
            | "returns"
            | "airing"
            | "airs"
            | "opens"
            | "resumes"
    )
}

/// Verbs that after "to" point ahead ("remanded to appear before the court on 19 August", "is
/// to be sentenced May 3", "expected to return to court on Oct. 2").
const FUTURE_INFINITIVES: &[&str] = &[
    "be", "appear", "begin", "start", "return", "resume", "face", "stand", "open",
];

/// Whether `w` puts a clause in the past ("was found on April 9"); a word ending in "-ed" does
/// too, unless it follows "be" ("to be sentenced", "to be released": still ahead).
fn past_tense(w: &str) -> bool {
    // A `match` tests the length first: cheaper than a scan of a list.
    matches!(
        w,
        "was"
            | "were"
            | "had"
            | "did"
            | "been"
            | "last"
            | "ago"
            | "since"
            | "began"
            | "came"
            | "went"
            | "took"
            | "made"
            | "found"
            | "died"
            | "fell"
            | "held"
            | "left"
            | "met"
            | "ran"
            | "saw"
            | "won"
            | "lost"
            | "got"
            | "gave"
            | "shot"
            | "struck"
            | "broke"
            | "led"
            | "hit"
    )
}

fn modifier_part(k: Kw) -> Part {
    match k {
        Kw::Early => Part::Early,
        Kw::Mid => Part::Mid,
        _ => Part::Late,
    }
}

/// The day a duration of several units reaches from P, forward (`sign` 1) or back (−1).
fn duration_from_today(parts: &[(Unit, u32)], sign: i64) -> Expr {
    parts.iter().fold(Expr::RelDay(0), |e, &(v, m)| {
        Expr::Shifted(Box::new(e), v, sign * i64::from(m))
    })
}

/// The default number of units for plural units without a count ("the coming months").
fn default_count(u: Unit) -> u32 {
    match u {
        Unit::Hour => 24,
        Unit::Day => 7,
        Unit::Week => 6,
        Unit::Month => 6,
        Unit::Year => 5,
        Unit::Decade => 2,
        Unit::Weekend => 1,
    }
}

// ----- calendar helpers -----

fn ymd(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

fn month_bounds(y: i32, m: u32) -> Option<(NaiveDate, NaiveDate)> {
    let first = ymd(y, m, 1)?;
    let next = if m == 12 {
        ymd(y + 1, 1, 1)?
    } else {
        ymd(y, m + 1, 1)?
    };
    Some((first, next.pred_opt()?))
}

fn year_bounds(y: i32) -> Option<(NaiveDate, NaiveDate)> {
    Some((ymd(y, 1, 1)?, ymd(y, 12, 31)?))
}

fn season_bounds(s: Season, y: i32) -> Option<(NaiveDate, NaiveDate)> {
    match s {
        Season::Spring => Some((ymd(y, 3, 1)?, ymd(y, 5, 31)?)),
        Season::Summer => Some((ymd(y, 6, 1)?, ymd(y, 8, 31)?)),
        Season::Autumn => Some((ymd(y, 9, 1)?, ymd(y, 11, 30)?)),
        Season::Winter => Some((ymd(y, 12, 1)?, month_bounds(y + 1, 2)?.1)),
    }
}

fn month_expr(y: i32, m: u32) -> Option<Expr> {
    let (a, b) = month_bounds(y, m)?;
    Some(Expr::Fixed(a, b, Grain::Month))
}

fn year_expr(y: i32) -> Option<Expr> {
    let (a, b) = year_bounds(y)?;
    Some(Expr::Fixed(a, b, Grain::Year))
}

fn decade_expr(y: i32) -> Option<Expr> {
    Some(Expr::Fixed(
        ymd(y, 1, 1)?,
        ymd(y + 9, 12, 31)?,
        Grain::Decade,
    ))
}

fn add_days(d: NaiveDate, n: i64) -> Option<NaiveDate> {
    if n >= 0 {
        d.checked_add_days(Days::new(n as u64))
    } else {
        d.checked_sub_days(Days::new(n.unsigned_abs()))
    }
}

fn add_months(d: NaiveDate, n: i64) -> Option<NaiveDate> {
    let months = Months::new(u32::try_from(n.unsigned_abs()).ok()?);
    if n >= 0 {
        d.checked_add_months(months)
    } else {
        d.checked_sub_months(months)
    }
}

fn monday_of(d: NaiveDate) -> Option<NaiveDate> {
    add_days(d, -i64::from(d.weekday().num_days_from_monday()))
}

fn week_bounds(p: NaiveDate, off: i64) -> Option<(NaiveDate, NaiveDate)> {
    let monday = add_days(monday_of(p)?, 7 * off)?;
    Some((monday, add_days(monday, 6)?))
}

/// Moves `p` by `n` units (negative: back).
fn shift(p: NaiveDate, u: Unit, n: i64) -> Option<NaiveDate> {
    match u {
        Unit::Hour => add_days(p, n.signum() * ((n.abs() + 23) / 24)),
        Unit::Day => add_days(p, n),
        Unit::Week | Unit::Weekend => add_days(p, 7 * n),
        Unit::Month => add_months(p, n),
        Unit::Year => add_months(p, 12 * n),
        Unit::Decade => add_months(p, 120 * n),
    }
}

/// The interval of `e`, given the publication date `p` and whether a future cue applies.
fn resolve(e: &Expr, p: Option<NaiveDate>, future: bool) -> Option<(NaiveDate, NaiveDate)> {
    match e {
        Expr::Fixed(a, b, _) => return Some((*a, *b)),
        Expr::Part(inner, part) => {
            let (a, b) = resolve(inner, p, future)?;
            return apply_part(a, b, inner.grain(), *part, p);
        }
        Expr::Range(left, right) => {
            // A yearless start takes the year of a dated end ("from Feb 1st to March 2019").
            let inherited = match (&**left, &**right) {
                (Expr::MonthDay(m, d, Mode::Auto), Expr::Fixed(_, end, _)) => (end.year() - 1
                    ..=end.year())
                    .rev()
                    .filter_map(|y| ymd(y, *m, *d))
                    .find(|x| x <= end),
                (Expr::Month(m, Mode::Auto), Expr::Fixed(_, end, _)) => (end.year() - 1
                    ..=end.year())
                    .rev()
                    .filter_map(|y| ymd(y, *m, 1))
                    .find(|x| x <= end),
                _ => None,
            };
            let a = match inherited {
                Some(a) => a,
                None => resolve(left, p, future)?.0,
            };
            let (_, mut b) = resolve(right, p, future)?;
            if b < a {
                // "Nov 1 to Nov 15" read in the past: the end is the next one after the start.
                b = resolve(right, p, true)?.1;
            }
            return (a <= b).then_some((a, b));
        }
        Expr::DayRange(inner, d1, d2) => {
            let (y, m) = match **inner {
                Expr::Month(m, mode) => {
                    let (e, _) = resolve(&Expr::MonthDay(m, *d2, mode), p, future)?;
                    (e.year(), m)
                }
                _ => {
                    let (a, _) = resolve(inner, p, future)?;
                    (a.year(), a.month())
                }
            };
            return Some((ymd(y, m, *d1)?, ymd(y, m, *d2)?));
        }
        Expr::WeekOf(inner, n) => {
            let (a, b) = resolve(inner, p, future)?;
            // The Monday of the week holding the first (last) Thursday of [a, b].
            let to_thu = |d: NaiveDate| i64::from((7 + 3 - d.weekday().num_days_from_monday()) % 7);
            let monday = if *n == 0 {
                let back = i64::from((7 + b.weekday().num_days_from_monday() - 3) % 7);
                add_days(add_days(b, -back)?, -3)?
            } else {
                let first_thu = add_days(a, to_thu(a))?;
                add_days(first_thu, -3 + 7 * (i64::from(*n) - 1))?
            };
            if *n > 0 && monday > b {
                return None;
            }
            return Some((monday, add_days(monday, 6)?));
        }
        Expr::WeekHolding(inner) => {
            let (a, _) = resolve(inner, p, future)?;
            let monday = monday_of(a)?;
            return Some((monday, add_days(monday, 6)?));
        }
        Expr::MonthHolding(inner) => {
            let (a, _) = resolve(inner, p, future)?;
            return month_bounds(a.year(), a.month());
        }
        Expr::DaysFrom(inner, n) => {
            let (a, _) = resolve(inner, p, future)?;
            return Some((a, add_days(a, n - 1)?));
        }
        Expr::Shifted(inner, u, n) => {
            let (a, _) = resolve(inner, p, future)?;
            let d = shift(a, *u, *n)?;
            return Some((d, d));
        }
        Expr::NthWeekday(inner, n, wd) => {
            let (a, b) = resolve(inner, p, future)?;
            let day = |d: NaiveDate| i64::from(d.weekday().num_days_from_monday());
            let target = i64::from(wd.num_days_from_monday());
            let found = if *n == 0 {
                add_days(b, -((7 + day(b) - target) % 7))?
            } else {
                add_days(a, (7 + target - day(a)) % 7 + 7 * (i64::from(*n) - 1))?
            };
            return (found <= b).then_some((found, found));
        }
        Expr::Portion(inner, parts, index) => {
            let (a, _) = resolve(inner, p, future)?;
            let span = 12 / parts;
            let m1 = (index - 1) * span + 1;
            return Some((
                ymd(a.year(), m1, 1)?,
                month_bounds(a.year(), m1 + span - 1)?.1,
            ));
        }
        _ => {}
    }
    let p = p?;
    let (py, pm) = (p.year(), p.month());
    match e {
        Expr::Fixed(..)
        | Expr::Part(..)
        | Expr::Range(..)
        | Expr::DayRange(..)
        | Expr::WeekOf(..)
        | Expr::Portion(..)
        | Expr::WeekHolding(_)
        | Expr::MonthHolding(_)
        | Expr::DaysFrom(..)
        | Expr::Shifted(..)
        | Expr::NthWeekday(..)
        | Expr::OnwardFrom(_)
        | Expr::Before(_) => None,
        Expr::MonthInYear(m, off) => month_bounds(py + off, *m),
        Expr::DecadeRel(off) => {
            let y = py.div_euclid(10) * 10 + 10 * off;
            Some((ymd(y, 1, 1)?, ymd(y + 9, 12, 31)?))
        }
        Expr::RelDay(n) => {
            let d = add_days(p, *n)?;
            Some((d, d))
        }
        Expr::Weekday(wd, mode) => {
            let back =
                i64::from((7 + p.weekday().num_days_from_monday() - wd.num_days_from_monday()) % 7);
            let fwd = (7 - back) % 7;
            let delta = match (mode, future) {
                (Mode::This, _) => {
                    i64::from(wd.num_days_from_monday())
                        - i64::from(p.weekday().num_days_from_monday())
                }
                (Mode::Last, _) => -(if back == 0 { 7 } else { back }),
                // "next Friday" is the Friday of next week ("this Friday" is P's week's).
                (Mode::Next, _) => {
                    7 + i64::from(wd.num_days_from_monday())
                        - i64::from(p.weekday().num_days_from_monday())
                }
                (_, true) => fwd,
                (_, false) => -back,
            };
            let d = add_days(p, delta)?;
            Some((d, d))
        }
        Expr::Month(m, mode) => {
            let m = *m;
            let y = match (mode, future) {
                (Mode::This, _) => py,
                (Mode::Last, _) => py - i32::from(m >= pm),
                (Mode::Next, _) => py + i32::from(m <= pm),
                (Mode::Auto, true) => py + i32::from(m < pm),
                (Mode::Auto, false) => py - i32::from(m > pm),
            };
            month_bounds(y, m)
        }
        Expr::MonthDay(m, d, mode) => {
            let date = |y: i32| ymd(y, *m, *d);
            let found = match (mode, future) {
                (Mode::This, _) => date(py),
                (Mode::Last, _) => (py - 8..=py).rev().filter_map(date).find(|&x| x < p),
                (Mode::Auto, false) => (py - 8..=py).rev().filter_map(date).find(|&x| x <= p),
                (Mode::Next, _) => (py..=py + 8).filter_map(date).find(|&x| x > p),
                (Mode::Auto, true) => (py..=py + 8).filter_map(date).find(|&x| x >= p),
            }?;
            Some((found, found))
        }
        Expr::Season(s, mode) => {
            let inst = |y: i32| season_bounds(*s, y);
            match (mode, future) {
                (Mode::This, _) => {
                    let y = if *s == Season::Winter && pm <= 2 {
                        py - 1
                    } else {
                        py
                    };
                    inst(y)
                }
                (Mode::Last, _) => (py - 2..=py).rev().filter_map(inst).find(|&(_, b)| b < p),
                (Mode::Auto, false) => (py - 2..=py).rev().filter_map(inst).find(|&(a, _)| a <= p),
                (Mode::Next, _) => (py - 1..=py + 1).filter_map(inst).find(|&(a, _)| a > p),
                (Mode::Auto, true) => (py - 1..=py + 1).filter_map(inst).find(|&(_, b)| b >= p),
            }
        }
        Expr::Week(off) => week_bounds(p, *off),
        Expr::WeekDay(off, wd) => {
            let (monday, _) = week_bounds(p, *off)?;
            let d = add_days(monday, i64::from(wd.num_days_from_monday()))?;
            Some((d, d))
        }
        Expr::MonthDate(_) | Expr::WeekdayDate(..) => {
            let (day, weekday) = match e {
                Expr::WeekdayDate(wd, day) => (*day, Some(*wd)),
                Expr::MonthDate(day) => (*day, None),
                _ => return None,
            };
            let months = |on_weekday: bool| {
                (-12..=12).filter_map(move |k| {
                    let first = add_months(ymd(py, pm, 1)?, k)?;
                    ymd(first.year(), first.month(), day)
                        .filter(|d| !on_weekday || Some(d.weekday()) == weekday)
                })
            };
            let pick = |on_weekday: bool| {
                if future {
                    months(on_weekday).filter(|&x| x >= p).min()
                } else {
                    months(on_weekday).filter(|&x| x <= p).max()
                }
            };
            let found = pick(weekday.is_some()).or_else(|| pick(false))?;
            Some((found, found))
        }
        Expr::Weekend(off) => {
            let (monday, _) = week_bounds(p, *off)?;
            Some((add_days(monday, 5)?, add_days(monday, 6)?))
        }
        Expr::WeekendAuto => {
            let wd = i64::from(p.weekday().num_days_from_monday());
            let saturday = if future || wd >= 5 {
                add_days(p, 5 - wd)?
            } else {
                add_days(p, -(wd + 2))?
            };
            Some((saturday, add_days(saturday, 1)?))
        }
        Expr::MonthRel(off) => {
            let d = add_months(ymd(py, pm, 1)?, i64::from(*off))?;
            month_bounds(d.year(), d.month())
        }
        Expr::YearRel(off) => year_bounds(py + off),
        Expr::Rolling(u, n, back) => {
            let n = i64::from(*n);
            if *back {
                Some((shift(p, *u, -n)?, p))
            } else {
                // "the next 3 days" are the three days after P: tomorrow on ("the next 24
                // hours" still hold the rest of P).
                let first = if *u == Unit::Hour { p } else { add_days(p, 1)? };
                Some((first, shift(p, *u, n)?))
            }
        }
        Expr::Within(u, n) => Some((p, shift(p, *u, i64::from(*n))?)),
        Expr::NthWeekdayAfter(wd, n) => {
            let ahead = (7 + i64::from(wd.num_days_from_monday())
                - i64::from(p.weekday().num_days_from_monday()))
                % 7;
            let first = if ahead == 0 { 7 } else { ahead };
            let d = add_days(p, first + 7 * (i64::from(*n) - 1))?;
            Some((d, d))
        }
        Expr::Ago(u, n) => {
            let d = shift(p, *u, -i64::from(*n))?;
            match u {
                Unit::Week | Unit::Weekend => week_bounds(d, 0),
                Unit::Month => month_bounds(d.year(), d.month()),
                Unit::Year | Unit::Decade => year_bounds(d.year()),
                Unit::Hour | Unit::Day => Some((d, d)),
            }
        }
        Expr::Deadline(inner) => {
            let (a, b) = resolve(inner, Some(p), true)?;
            if b >= p { Some((p, b)) } else { Some((a, b)) }
        }
        Expr::Since(inner) => {
            let (a, b) = resolve(inner, Some(p), false)?;
            if a <= p { Some((a, p)) } else { Some((a, b)) }
        }
    }
}

/// The first and last day of an expression; one of them stays open for "more than N units
/// after/before" a day, both when it cannot be resolved.
fn resolve_bounds(
    e: &Expr,
    p: Option<NaiveDate>,
    future: bool,
) -> (Option<NaiveDate>, Option<NaiveDate>) {
    match e {
        Expr::OnwardFrom(inner) => (resolve(inner, p, future).map(|(a, _)| a), None),
        Expr::Before(inner) => (
            None,
            resolve(inner, p, future).and_then(|(a, _)| a.pred_opt()),
        ),
        _ => match resolve(e, p, future) {
            Some((s, e)) => (Some(s), Some(e)),
            None => (None, None),
        },
    }
}

/// Narrows `[a, b]` (of size `grain`) to its early, middle or late part, or to before or after P.
fn apply_part(
    a: NaiveDate,
    b: NaiveDate,
    grain: Grain,
    part: Part,
    p: Option<NaiveDate>,
) -> Option<(NaiveDate, NaiveDate)> {
    let third = match part {
        Part::Earlier => {
            let p = p?;
            return Some(if a <= p && p <= b { (a, p) } else { (a, b) });
        }
        Part::Later => {
            let p = p?;
            return Some(if a <= p && p <= b { (p, b) } else { (a, b) });
        }
        Part::Early | Part::Start => 0,
        Part::Mid => 1,
        Part::Late | Part::End => 2,
    };
    let y = a.year();
    match grain {
        Grain::Year => {
            // "early/late 2016" are halves (overlapping "mid"), as for months; "the start/end
            // of 2016" its first/last third.
            let (m1, m2) = if matches!(part, Part::Early | Part::Late) {
                [(1, 6), (5, 8), (7, 12)][third]
            } else {
                [(1, 4), (5, 8), (9, 12)][third]
            };
            Some((ymd(y, m1, 1)?, month_bounds(y, m2)?.1))
        }
        Grain::Month => {
            let (d1, d2) = [(1, 15), (11, 20), (16, b.day())][third];
            Some((ymd(y, a.month(), d1)?, ymd(y, a.month(), d2)?))
        }
        Grain::Decade => {
            let (o1, o2) = [(0, 3), (4, 6), (7, 9)][third];
            Some((ymd(y + o1, 1, 1)?, ymd(y + o2, 12, 31)?))
        }
        Grain::Week => {
            let (o1, o2) = [(0, 2), (1, 4), (3, 6)][third];
            Some((add_days(a, o1)?, add_days(a, o2)?))
        }
        Grain::Season => {
            let start = add_months(a, third as i64)?;
            let end = add_months(start, 1)?.pred_opt()?;
            Some((start, end))
        }
        Grain::Day | Grain::Range => Some((a, b)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Source;
    use crate::segment::segment;

    fn source(text: &str, published: Option<NaiveDate>) -> Source {
        Source {
            published,
            ..Source::from_text("s", text)
        }
    }

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    /// Published on Wednesday 2020-09-09.
    fn pubdate() -> Option<NaiveDate> {
        Some(d(2020, 9, 9))
    }

    type Row = (String, Option<NaiveDate>, Option<NaiveDate>, TimeRole);

    /// The time claims of `doc` as the built-in extractors read them.
    fn extract(doc: &Document, source: usize, published: Option<NaiveDate>) -> Vec<Claim> {
        let extractors = crate::rules::Ruleset::builtin().lexicon.extractors();
        let words = extractors.words(doc);
        extractors.time.extract(doc, source, published, &words)
    }

    fn run_with(text: &str, published: Option<NaiveDate>) -> Vec<Row> {
        let src = source(text, published);
        let doc = segment(&src);
        let claims = extract(&doc, 0, published);
        claims
            .into_iter()
            .map(|c| {
                assert_eq!(c.text, &src.text[c.span.start..c.span.end]);
                assert_eq!(c.sentence, doc.sentence_at(c.span.start));
                let t = c.time().unwrap().clone();
                (c.text, t.start, t.end, t.role)
            })
            .collect()
    }

    fn run(text: &str) -> Vec<Row> {
        run_with(text, pubdate())
    }

    /// The single claim of `text`, as (text, start, end, role).
    fn one(text: &str) -> Row {
        let rows = run(text);
        assert_eq!(rows.len(), 1, "{text:?} gave {rows:?}");
        rows.into_iter().next().unwrap()
    }

    fn texts(text: &str) -> Vec<String> {
        run(text).into_iter().map(|r| r.0).collect()
    }

    fn check(text: &str, span: &str, start: NaiveDate, end: NaiveDate) {
        let (t, s, e, _) = one(text);
        assert_eq!(
            (t.as_str(), s, e),
            (span, Some(start), Some(end)),
            "{text:?}"
        );
    }

    #[test]
    fn absolute_dates() {
        check(
            "The ceasefire began on September 9, 2020, in the north.",
            "September 9, 2020",
            d(2020, 9, 9),
            d(2020, 9, 9),
        );
        check(
            "Talks resumed Sept. 9, 2020 in Doha.",
            "Sept. 9, 2020",
            d(2020, 9, 9),
            d(2020, 9, 9),
        );
        check(
            "The treaty was signed on 9 September 2019 in Geneva.",
            "9 September 2019",
            d(2019, 9, 9),
            d(2019, 9, 9),
        );
        check(
            "The filing is dated 2020-09-09 in the registry.",
            "2020-09-09",
            d(2020, 9, 9),
            d(2020, 9, 9),
        );
        check(
            "The memo is dated 9/9/2020 at the top.",
            "9/9/2020",
            d(2020, 9, 9),
            d(2020, 9, 9),
        );
        check(
            "The memo is dated 3/14/19 at the top.",
            "3/14/19",
            d(2019, 3, 14),
            d(2019, 3, 14),
        );
        check(
            "The base opened in June 2019 near the river.",
            "June 2019",
            d(2019, 6, 1),
            d(2019, 6, 30),
        );
        check(
            "The base opened in June of 2019 near the river.",
            "June of 2019",
            d(2019, 6, 1),
            d(2019, 6, 30),
        );
        check(
            "It happened on the 4th of July 1998.",
            "4th of July 1998",
            d(1998, 7, 4),
            d(1998, 7, 4),
        );
        check(
            "Polls close on Tuesday, November 3, 2020 at night.",
            "Tuesday, November 3, 2020",
            d(2020, 11, 3),
            d(2020, 11, 3),
        );
    }

    #[test]
    fn years_and_parts_of_years() {
        check(
            "The army was sent in 2014 to hold the line.",
            "2014",
            d(2014, 1, 1),
            d(2014, 12, 31),
        );
        check(
            "Her 2016 campaign promise still stands.",
            "2016",
            d(2016, 1, 1),
            d(2016, 12, 31),
        );
        check(
            "The mission ended in late 2011 after talks.",
            "late 2011",
            d(2011, 7, 1),
            d(2011, 12, 31),
        );
        check(
            "The mission began in early 2011 after talks.",
            "early 2011",
            d(2011, 1, 1),
            d(2011, 6, 30),
        );
        // The start and the end of a year are its first and last thirds.
        check(
            "The mission ended at the end of 2011 after talks.",
            "the end of 2011",
            d(2011, 9, 1),
            d(2011, 12, 31),
        );
        check(
            "The mission began at the beginning of 2011 after talks.",
            "the beginning of 2011",
            d(2011, 1, 1),
            d(2011, 4, 30),
        );
        check(
            "The mission paused in mid-2011 after talks.",
            "mid-2011",
            d(2011, 5, 1),
            d(2011, 8, 31),
        );
        check(
            "The plant was built in the 1990s by a consortium.",
            "the 1990s",
            d(1990, 1, 1),
            d(1999, 12, 31),
        );
        check(
            "The plant was built in the late 1990s by a consortium.",
            "the late 1990s",
            d(1997, 1, 1),
            d(1999, 12, 31),
        );
        check(
            "The plant was built in the mid-1990s by a consortium.",
            "the mid-1990s",
            d(1994, 1, 1),
            d(1996, 12, 31),
        );
        check(
            "The war of 2014-2017 left scars.",
            "2014-2017",
            d(2014, 1, 1),
            d(2017, 12, 31),
        );
        check(
            "Prices fell in late June 2019 across the region.",
            "late June 2019",
            d(2019, 6, 16),
            d(2019, 6, 30),
        );
        check(
            "Prices fell in mid-June 2019 across the region.",
            "mid-June 2019",
            d(2019, 6, 11),
            d(2019, 6, 20),
        );
    }

    #[test]
    fn seasons() {
        check(
            "Rebels advanced in the summer of 2014 across the plain.",
            "the summer of 2014",
            d(2014, 6, 1),
            d(2014, 8, 31),
        );
        check(
            "Snow fell in the winter of 2021 everywhere.",
            "the winter of 2021",
            d(2021, 12, 1),
            d(2022, 2, 28),
        );
        check(
            "The school reopens in spring 2021 for pupils.",
            "spring 2021",
            d(2021, 3, 1),
            d(2021, 5, 31),
        );
        check(
            "Troops left last summer without a word.",
            "last summer",
            d(2020, 6, 1),
            d(2020, 8, 31),
        );
        check(
            "Troops will return next spring for drills.",
            "next spring",
            d(2021, 3, 1),
            d(2021, 5, 31),
        );
        check(
            "Crops failed in the fall of 2019 in the valley.",
            "the fall of 2019",
            d(2019, 9, 1),
            d(2019, 11, 30),
        );
    }

    #[test]
    fn bare_months_take_the_most_recent_one() {
        check(
            "The two leaders met in June in the capital.",
            "June",
            d(2020, 6, 1),
            d(2020, 6, 30),
        );
        check(
            "The two leaders met in August in the capital.",
            "August",
            d(2020, 8, 1),
            d(2020, 8, 31),
        );
        check(
            "The deal was signed in February between the sides.",
            "February",
            d(2020, 2, 1),
            d(2020, 2, 29),
        );
        check(
            "The two leaders met in December in the capital.",
            "December",
            d(2019, 12, 1),
            d(2019, 12, 31),
        );
        check(
            "The two leaders meet in September every year.",
            "September",
            d(2020, 9, 1),
            d(2020, 9, 30),
        );
        check(
            "Troops pulled out during the month of September as planned.",
            "during the month of September",
            d(2020, 9, 1),
            d(2020, 9, 30),
        );
        check(
            "Troops pulled out last June as planned.",
            "last June",
            d(2020, 6, 1),
            d(2020, 6, 30),
        );
        check(
            "Troops pulled out last September as planned.",
            "last September",
            d(2019, 9, 1),
            d(2019, 9, 30),
        );
        check(
            "Troops pulled out last October as planned.",
            "last October",
            d(2019, 10, 1),
            d(2019, 10, 31),
        );
        check(
            "Troops pull out next September as planned.",
            "next September",
            d(2021, 9, 1),
            d(2021, 9, 30),
        );
    }

    #[test]
    fn bare_weekdays_and_month_days() {
        check(
            "The convoy was hit on Tuesday near the border.",
            "Tuesday",
            d(2020, 9, 8),
            d(2020, 9, 8),
        );
        check(
            "The convoy was hit on Wednesday near the border.",
            "Wednesday",
            d(2020, 9, 9),
            d(2020, 9, 9),
        );
        check(
            "The convoy was hit on Thursday near the border.",
            "Thursday",
            d(2020, 9, 3),
            d(2020, 9, 3),
        );
        check(
            "The convoy was hit last Wednesday near the border.",
            "last Wednesday",
            d(2020, 9, 2),
            d(2020, 9, 2),
        );
        check(
            "The convoy moves next Wednesday to the border.",
            "next Wednesday",
            d(2020, 9, 16),
            d(2020, 9, 16),
        );
        check(
            "The strike happened on November 3 near the border.",
            "November 3",
            d(2019, 11, 3),
            d(2019, 11, 3),
        );
        check(
            "The strike happened on Sep 2 near the border.",
            "Sep 2",
            d(2020, 9, 2),
            d(2020, 9, 2),
        );
        check(
            "The strike happened on 2 September near the border.",
            "2 September",
            d(2020, 9, 2),
            d(2020, 9, 2),
        );
    }

    #[test]
    fn future_cues_take_the_next_one() {
        check(
            "He trails in the polls ahead of the November 3 election.",
            "November 3",
            d(2020, 11, 3),
            d(2020, 11, 3),
        );
        check(
            "They hope to finish by the November election, aides noted.",
            "November",
            d(2020, 11, 1),
            d(2020, 11, 30),
        );
        check(
            "The talks will resume before the June summit in Oslo.",
            "June",
            d(2021, 6, 1),
            d(2021, 6, 30),
        );
        check(
            "Talks are paused until Tuesday at the earliest.",
            "until Tuesday",
            d(2020, 9, 9),
            d(2020, 9, 15),
        );
        check(
            "Curfews apply from Monday on in the city.",
            "Monday",
            d(2020, 9, 14),
            d(2020, 9, 14),
        );
        check(
            "The troops will leave in June under the plan.",
            "June",
            d(2021, 6, 1),
            d(2021, 6, 30),
        );
        check(
            "The troops will leave in October under the plan.",
            "October",
            d(2020, 10, 1),
            d(2020, 10, 31),
        );
        check(
            "The panel will meet on Tuesday to vote.",
            "Tuesday",
            d(2020, 9, 15),
            d(2020, 9, 15),
        );
        check(
            "The panel will meet on Wednesday to vote.",
            "Wednesday",
            d(2020, 9, 9),
            d(2020, 9, 9),
        );
    }

    #[test]
    fn the_tense_of_the_clause_picks_the_year_of_a_yearless_date() {
        // Published Wednesday 2020-09-09: future and schedule cues take the coming date.
        for (text, span) in [
            (
                "He was remanded to appear before the court on 19 August.",
                "19 August",
            ),
            ("The elections are scheduled for August 15.", "August 15"),
            ("Jackson is due in court Aug. 17.", "Aug. 17"),
            (
                "He is due to appear before the Magistrates' Court on August 4.",
                "August 4",
            ),
            ("Doctor Who returns to screens on August 23.", "August 23"),
            ("Lopez's sentence date is August 7.", "August 7"),
            (
                "A trial date is set for August 28, with three days.",
                "August 28",
            ),
            (
                "He is to be formally sentenced August 3 by the judge.",
                "August 3",
            ),
            ("Sentencing is set for 11 a. m. on Aug. 8.", "Aug. 8"),
        ] {
            let (t, s, _, _) = one(text);
            assert_eq!(
                (t.as_str(), s.map(|d| d.year())),
                (span, Some(2021)),
                "{text:?}"
            );
        }
        for text in [
            "They expect to have finished by August 20 at the latest.",
            "An Opteron-based model should arrive by August 20.",
        ] {
            check(text, "by August 20", d(2020, 9, 9), d(2021, 8, 20));
        }
        check(
            "Klitschko will defend his WBC title against Manuel Charr of Germany in Moscow on Sept. 8.",
            "Sept. 8",
            d(2021, 9, 8),
            d(2021, 9, 8),
        );
        check(
            "He is going to be back Monday, the coach said.",
            "Monday",
            d(2020, 9, 14),
            d(2020, 9, 14),
        );
        // Past cues, a cause ("due to") and no cue keep the most recent one.
        for (text, span) in [
            ("Filed Oct-5, it was", "Oct-5"),
            ("The deputy was killed on October 24 outside.", "October 24"),
            ("His body was found by a maid October 27.", "October 27"),
            (
                "It was announced he would be leaving in October.",
                "October",
            ),
            (
                "A hearing was scheduled for October 2 at noon.",
                "October 2",
            ),
            ("They failed due to low light on Saturday.", "Saturday"),
            (
                "Services were restored by Saturday afternoon.",
                "by Saturday",
            ),
            ("He stayed until October at the camp.", "until October"),
            ("The fix was issued October 14 to all.", "October 14"),
            ("The attacks of October 11 changed the city.", "October 11"),
        ] {
            let (t, s, _, _) = one(text);
            assert!(
                t == span && s.is_some_and(|s| s <= d(2020, 9, 9)),
                "{text:?} gave {t:?} {s:?}"
            );
        }
    }

    #[test]
    fn relative_days_weeks_months_years() {
        check(
            "The talks collapsed today in Doha.",
            "today",
            d(2020, 9, 9),
            d(2020, 9, 9),
        );
        check(
            "The talks collapsed yesterday in Doha.",
            "yesterday",
            d(2020, 9, 8),
            d(2020, 9, 8),
        );
        check(
            "The talks resume tomorrow in Doha.",
            "tomorrow",
            d(2020, 9, 10),
            d(2020, 9, 10),
        );
        check(
            "The talks collapsed this week in Doha.",
            "this week",
            d(2020, 9, 7),
            d(2020, 9, 13),
        );
        check(
            "The talks collapsed last week in Doha.",
            "last week",
            d(2020, 8, 31),
            d(2020, 9, 6),
        );
        check(
            "The talks resume next week in Doha.",
            "next week",
            d(2020, 9, 14),
            d(2020, 9, 20),
        );
        check(
            "The force shrinks to 3,000 this month, aides noted.",
            "this month",
            d(2020, 9, 1),
            d(2020, 9, 30),
        );
        check(
            "Last month the envoy flew to Baghdad.",
            "Last month",
            d(2020, 8, 1),
            d(2020, 8, 31),
        );
        check(
            "The envoy flies to Baghdad next month.",
            "next month",
            d(2020, 10, 1),
            d(2020, 10, 31),
        );
        check(
            "The budget grew this year by a third.",
            "this year",
            d(2020, 1, 1),
            d(2020, 12, 31),
        );
        check(
            "The budget grew last year by a third.",
            "last year",
            d(2019, 1, 1),
            d(2019, 12, 31),
        );
        check(
            "The budget grows next year by a third.",
            "next year",
            d(2021, 1, 1),
            d(2021, 12, 31),
        );
        check(
            "Lawmakers voted earlier this year for the exit.",
            "earlier this year",
            d(2020, 1, 1),
            d(2020, 9, 9),
        );
        check(
            "Lawmakers vote later this year on the exit.",
            "later this year",
            d(2020, 9, 9),
            d(2020, 12, 31),
        );
        check(
            "Lawmakers voted earlier this month on the exit.",
            "earlier this month",
            d(2020, 9, 1),
            d(2020, 9, 9),
        );
        check(
            "Two weeks ago the envoy resigned.",
            "Two weeks ago",
            d(2020, 8, 24),
            d(2020, 8, 30),
        );
        check(
            "The envoy resigned three days ago in protest.",
            "three days ago",
            d(2020, 9, 6),
            d(2020, 9, 6),
        );
        check(
            "The envoy resigned a year ago in protest.",
            "a year ago",
            d(2019, 1, 1),
            d(2019, 12, 31),
        );
        check(
            "The rally took place last night downtown.",
            "last night",
            d(2020, 9, 8),
            d(2020, 9, 8),
        );
    }

    #[test]
    fn rolling_windows() {
        check(
            "Over the past year, rockets struck the base.",
            "Over the past year",
            d(2019, 9, 9),
            d(2020, 9, 9),
        );
        check(
            "Rockets struck the base in the past year.",
            "the past year",
            d(2019, 9, 9),
            d(2020, 9, 9),
        );
        check(
            "Rockets struck the base over the last year.",
            "over the last year",
            d(2019, 9, 9),
            d(2020, 9, 9),
        );
        check(
            "Rockets struck the base in the past two weeks.",
            "the past two weeks",
            d(2020, 8, 26),
            d(2020, 9, 9),
        );
        check(
            "Rockets struck the base in the last three months.",
            "the last three months",
            d(2020, 6, 9),
            d(2020, 9, 9),
        );
        check(
            "Rockets struck the base in the past 24 hours.",
            "the past 24 hours",
            d(2020, 9, 8),
            d(2020, 9, 9),
        );
        check(
            "The sides pledged cuts in the coming months.",
            "the coming months",
            d(2020, 9, 10),
            d(2021, 3, 9),
        );
        check(
            "The sides pledged cuts in the next two weeks.",
            "the next two weeks",
            d(2020, 9, 10),
            d(2020, 9, 23),
        );
        check(
            "The sides pledged cuts within a year of the deal.",
            "within a year",
            d(2020, 9, 9),
            d(2021, 9, 9),
        );
        check(
            "Attacks have grown in recent weeks across the north.",
            "recent weeks",
            d(2020, 7, 29),
            d(2020, 9, 9),
        );
    }

    #[test]
    fn deadlines_and_since() {
        check(
            "The drawdown ends by the end of September, officials noted.",
            "by the end of September",
            d(2020, 9, 9),
            d(2020, 9, 30),
        );
        check(
            "The drawdown ends by the end of the year, officials noted.",
            "by the end of the year",
            d(2020, 9, 9),
            d(2020, 12, 31),
        );
        check(
            "All forces must go by the spring of 2021 under the pact.",
            "by the spring of 2021",
            d(2020, 9, 9),
            d(2021, 5, 31),
        );
        check(
            "All forces must go by 2021 under the pact.",
            "by 2021",
            d(2020, 9, 9),
            d(2021, 12, 31),
        );
        check(
            "All forces must go by November under the pact.",
            "by November",
            d(2020, 9, 9),
            d(2020, 11, 30),
        );
        check(
            "All forces had gone by 2019 under the pact.",
            "by 2019",
            d(2019, 1, 1),
            d(2019, 12, 31),
        );
        check(
            "Forces have been there since 2014 under the pact.",
            "since 2014",
            d(2014, 1, 1),
            d(2020, 9, 9),
        );
        check(
            "Prices rose at the end of 2019 in the city.",
            "the end of 2019",
            d(2019, 9, 1),
            d(2019, 12, 31),
        );
        check(
            "Prices rose at the start of June in the city.",
            "the start of June",
            d(2020, 6, 1),
            d(2020, 6, 15),
        );
    }

    #[test]
    fn report_role() {
        let rows = run("The force will shrink this month, a general said Wednesday.");
        assert_eq!(rows[0].3, TimeRole::Event);
        assert_eq!(
            rows[1],
            (
                "Wednesday".into(),
                Some(d(2020, 9, 9)),
                Some(d(2020, 9, 9)),
                TimeRole::Report
            )
        );
        let report = |t: &str, span: &str| {
            let (s, _, _, r) = one(t);
            assert_eq!((s.as_str(), r), (span, TimeRole::Report), "{t:?}");
        };
        report(
            "A commander has announced on Wednesday that forces leave.",
            "Wednesday",
        );
        report(
            "An aide had said on Tuesday that the plan was set.",
            "Tuesday",
        );
        report(
            "The general told reporters on Tuesday that forces leave.",
            "Tuesday",
        );
        report(
            "The ministry said in a statement on Monday that forces leave.",
            "Monday",
        );
        report(
            "The Pentagon said in August that its aim was fewer troops.",
            "August",
        );
        report(
            "Wednesday's announcement surprised the allies.",
            "Wednesday",
        );
        report("The ministry on Monday said forces would leave.", "Monday");
        report("The mayor tweeted yesterday about the flood.", "yesterday");
        let (_, s, _, r) = one("Officials said troops left the base on Tuesday.");
        assert_eq!((s, r), (Some(d(2020, 9, 8)), TimeRole::Event));
        let (_, _, _, r) = one("The two leaders met in August in the capital.");
        assert_eq!(r, TimeRole::Event);
        // A report time is in the past even after "will".
        let (_, s, _, r) = one("Forces will leave, the minister said Tuesday.");
        assert_eq!((s, r), (Some(d(2020, 9, 8)), TimeRole::Report));
    }

    #[test]
    fn may_and_march_need_care() {
        assert!(texts("May the talks succeed, he prayed.").is_empty());
        assert!(texts("They may march on the capital.").is_empty());
        assert_eq!(texts("The vote was held in May in the south."), vec!["May"]);
        assert_eq!(
            texts("The vote was held on May 5 in the south."),
            vec!["May 5"]
        );
        assert_eq!(
            texts("The vote was held in May 2019 in the south."),
            vec!["May 2019"]
        );
        assert_eq!(
            texts("The vote was held in late May in the south."),
            vec!["late May"]
        );
        assert!(texts("March organisers gathered downtown.").is_empty());
        assert_eq!(
            texts("Protests began in March in the south."),
            vec!["March"]
        );
        assert_eq!(
            texts("Protests ran from March to May in the south."),
            vec!["from March to May"]
        );
        assert!(texts("The jan report and the aug memo were lost.").is_empty());
        assert!(texts("Jan spoke to reporters.").is_empty());
    }

    #[test]
    fn no_publication_date() {
        let rows = run_with(
            "Last month, in June, on Tuesday, the envoy left; the pact of September 9, 2020 holds since 2014 and ends by 2021.",
            None,
        );
        let got: Vec<(&str, Option<NaiveDate>)> =
            rows.iter().map(|r| (r.0.as_str(), r.1)).collect();
        assert_eq!(
            got,
            vec![
                ("Last month", None),
                ("June", None),
                ("Tuesday", None),
                ("September 9, 2020", Some(d(2020, 9, 9))),
                ("since 2014", None),
                ("by 2021", None),
            ]
        );
        assert!(rows.iter().all(|r| r.1.is_some() == r.2.is_some()));
        let (_, s, e, _) = run_with("The mission ended in late 2011.", None).remove(0);
        assert_eq!((s, e), (Some(d(2011, 7, 1)), Some(d(2011, 12, 31))));
    }

    #[test]
    fn counts_and_other_non_times() {
        assert!(texts("The US will cut 5,200 troops to 3,000.").is_empty());
        assert!(texts("Some 2,200 soldiers will go home.").is_empty());
        assert!(texts("About 2000 troops and 1900 people were moved.").is_empty());
        assert!(texts("Nearly 2000 were moved at 1800 GMT.").is_empty());
        assert!(texts("The jet climbed to 2000 feet, or 40 percent higher.").is_empty());
        assert!(texts("Fighters returned a few years later to the city.").is_empty());
        assert!(texts("One day the war will end.").is_empty());
        assert!(texts("The meeting starts at 10:30 and ends at 2 p.m.").is_empty());
        assert!(texts("She finished the third of four rounds.").is_empty());
        assert!(texts("He served in the last year of the war and left the next year.").is_empty());
        assert!(texts("The Vision 2030 plan and flight 1800 were cited.").is_empty());
        assert!(texts("Discussion about this post is closed.").is_empty());
        assert!(texts("The fall of the city shocked the world.").is_empty());
    }

    #[test]
    fn more_relative_forms() {
        let cases: &[(&str, &str, NaiveDate, NaiveDate)] = &[
            (
                "Fans gathered this weekend downtown.",
                "this weekend",
                d(2020, 9, 12),
                d(2020, 9, 13),
            ),
            (
                "Fans gathered last weekend downtown.",
                "last weekend",
                d(2020, 9, 5),
                d(2020, 9, 6),
            ),
            (
                "Fans gathered over the weekend downtown.",
                "over the weekend",
                d(2020, 9, 5),
                d(2020, 9, 6),
            ),
            (
                "The firm lost money late last year.",
                "late last year",
                d(2019, 7, 1),
                d(2019, 12, 31),
            ),
            (
                "The firm lost money earlier this week.",
                "earlier this week",
                d(2020, 9, 7),
                d(2020, 9, 9),
            ),
            (
                "The firm must repay by early 2021.",
                "by early 2021",
                d(2020, 9, 9),
                d(2021, 6, 30),
            ),
            (
                "The firm has lost money since June.",
                "since June",
                d(2020, 6, 1),
                d(2020, 9, 9),
            ),
            (
                "The firm lost money in the summer.",
                "the summer",
                d(2020, 6, 1),
                d(2020, 8, 31),
            ),
            (
                "The firm lost money this summer.",
                "this summer",
                d(2020, 6, 1),
                d(2020, 8, 31),
            ),
            (
                "The firm lost money over the past decade.",
                "over the past decade",
                d(2010, 9, 9),
                d(2020, 9, 9),
            ),
            (
                "The firm lost money in the 2019–20 season.",
                "2019–20",
                d(2019, 1, 1),
                d(2020, 12, 31),
            ),
            (
                "The firm lost money in the 2010s.",
                "the 2010s",
                d(2010, 1, 1),
                d(2019, 12, 31),
            ),
            (
                "The firm lost money in the 1980's.",
                "the 1980's",
                d(1980, 1, 1),
                d(1989, 12, 31),
            ),
            (
                "The firm's 2020's results were poor.",
                "2020",
                d(2020, 1, 1),
                d(2020, 12, 31),
            ),
            (
                "The firm met on Wednesday, Sept. 2 in Oslo.",
                "Wednesday, Sept. 2",
                d(2020, 9, 2),
                d(2020, 9, 2),
            ),
            (
                "The firm met on Wednesday, 2 September 2020 in Oslo.",
                "Wednesday, 2 September 2020",
                d(2020, 9, 2),
                d(2020, 9, 2),
            ),
            (
                "The firm lost money until last month.",
                "until last month",
                d(2020, 8, 1),
                d(2020, 8, 31),
            ),
            (
                "The firm lost money in mid-August.",
                "mid-August",
                d(2020, 8, 11),
                d(2020, 8, 20),
            ),
            (
                "The firm lost money during 2019.",
                "during 2019",
                d(2019, 1, 1),
                d(2019, 12, 31),
            ),
            (
                "The firm lost money through the end of the month.",
                "the end of the month",
                d(2020, 9, 16),
                d(2020, 9, 30),
            ),
            (
                "The firm lost money six months ago.",
                "six months ago",
                d(2020, 3, 1),
                d(2020, 3, 31),
            ),
        ];
        for &(text, span, start, end) in cases {
            check(text, span, start, end);
        }
    }

    #[test]
    fn possessive_dates_the_noun_it_governs() {
        let rows = run("The envoy said Tuesday's attack killed two; Monday's statement denied it.");
        let got: Vec<(&str, TimeRole)> = rows.iter().map(|r| (r.0.as_str(), r.3)).collect();
        assert_eq!(
            got,
            vec![("Tuesday", TimeRole::Event), ("Monday", TimeRole::Report)]
        );
    }

    #[test]
    fn month_names_as_given_names_are_not_months() {
        assert!(texts("April Ryan asked the question.").is_empty());
        assert!(texts("The reporter June Smith asked the question.").is_empty());
        assert_eq!(texts("In June Smith asked the question."), vec!["June"]);
    }

    #[test]
    fn longest_match_and_no_overlap() {
        let text = "By the end of September, Sept. 9, 2020 and the summer of 2014 and last month and 2014 and \
                    over the past two weeks, officials said on Tuesday.";
        let rows = run(text);
        let got: Vec<&str> = rows.iter().map(|r| r.0.as_str()).collect();
        assert_eq!(
            got,
            vec![
                "By the end of September",
                "Sept. 9, 2020",
                "the summer of 2014",
                "last month",
                "2014",
                "over the past two weeks",
                "Tuesday"
            ]
        );
        let src = source(text, pubdate());
        let doc = segment(&src);
        let claims = extract(&doc, 0, pubdate());
        for w in claims.windows(2) {
            assert!(w[0].span.end <= w[1].span.start);
        }
    }

    #[test]
    fn reads_only_the_body() {
        let mut src = source("date 2019-01-01\nThe envoy left on Tuesday.", pubdate());
        src.body_start = 16;
        let doc = segment(&src);
        let claims = extract(&doc, 3, pubdate());
        assert_eq!(claims.len(), 1);
        assert_eq!(claims[0].text, "Tuesday");
        assert_eq!(claims[0].source, 3);
    }

    #[test]
    fn word_numbers_read_as_the_stems_do() {
        // Every word of the tables and every glued form, capitalised or not, with and without
        // a possessive, and some plain and unread words: the look-up by number gives what
        // reading the token by its stem gives.
        let extractors = crate::rules::Ruleset::builtin().lexicon.extractors();
        let time = &extractors.time;
        let stems = (0..time.stems.len() as WordId).filter_map(|id| time.stems.word(id));
        let forms: Vec<String> = stems.map(str::to_string).chain(glued_forms()).collect();
        let mut text = String::from("troops's X'S Wednesday’s seventeen-letters café’s 2020s Q5");
        for form in &forms {
            let capital = form[..1].to_ascii_uppercase() + &form[1..];
            for w in [form.clone(), capital.clone(), form.to_ascii_uppercase()] {
                text += &format!(" {w} {w}'s {w}'S {w}’s");
            }
        }
        let src = Source::from_text("s", &text);
        let doc = segment(&src);
        let words = extractors.words(&doc);
        let lower = text.to_ascii_lowercase();
        let mut read = 0;
        for (t, &id) in doc.tokens.iter().zip(&words) {
            if t.kind != TokenKind::Word {
                continue;
            }
            let span = t.span.start..t.span.end;
            let last = text.as_bytes()[t.span.end - 1];
            let (by_number, start) = time.read_token(&text, lower.as_bytes(), t, id, last);
            let by_stem = time.read_word(&text[span.clone()], &lower.as_bytes()[span.clone()]);
            assert_eq!(by_number, by_stem, "{}", &text[span]);
            assert_eq!(start, Start::of(&by_stem), "{}", &text[span]);
            read += usize::from(by_number != Lex::PLAIN);
        }
        assert!(read > 4 * forms.len(), "{read} of {} forms", forms.len());
    }

    #[test]
    fn extractor_is_shareable() {
        fn assert_send_sync<T: Send + Sync>() {}
        assert_send_sync::<TimeExtractor>();
    }

    #[test]
    fn lower_case_months() {
        check(
            "The vote was held on june 14.",
            "june 14",
            d(2020, 6, 14),
            d(2020, 6, 14),
        );
        check(
            "It ended on the 3rd of march.",
            "3rd of march",
            d(2020, 3, 3),
            d(2020, 3, 3),
        );
        check(
            "Talks resumed in july 2019.",
            "july 2019",
            d(2019, 7, 1),
            d(2019, 7, 31),
        );
        assert!(texts("Protesters may 20 times a day chant.").is_empty());
        assert!(texts("They march 12 miles a day.").is_empty());
        assert!(texts("It was an august gathering of may blossoms.").is_empty());
    }

    #[test]
    fn abbreviated_months_alone() {
        check("Sales fell in Feb.", "Feb", d(2020, 2, 1), d(2020, 2, 29));
        check(
            "Turnout rose this Jan, officials said.",
            "this Jan",
            d(2020, 1, 1),
            d(2020, 1, 31),
        );
        check(
            "He wrote in Oct, 2018 that",
            "Oct, 2018",
            d(2018, 10, 1),
            d(2018, 10, 31),
        );
        check(
            "Rain fell for the month of Sept.",
            "the month of Sept",
            d(2020, 9, 1),
            d(2020, 9, 30),
        );
        assert!(texts("She met Jan Novak there.").is_empty());
    }

    #[test]
    fn month_days_of_this_year_are_in_the_publication_year() {
        check(
            "The vote is set for December 15 of this year.",
            "December 15 of this year",
            d(2020, 12, 15),
            d(2020, 12, 15),
        );
        check(
            "Talks resume on June 3 this year.",
            "June 3 this year",
            d(2020, 6, 3),
            d(2020, 6, 3),
        );
    }

    #[test]
    fn compact_month_days() {
        check(
            "Filed Oct-5, it was",
            "Oct-5",
            d(2019, 10, 5),
            d(2019, 10, 5),
        );
        check("Filed 7-Aug, it was", "7-Aug", d(2020, 8, 7), d(2020, 8, 7));
    }

    #[test]
    fn numeric_day_first_and_year_first() {
        check(
            "Signed on 25/03/2019 in Rome.",
            "25/03/2019",
            d(2019, 3, 25),
            d(2019, 3, 25),
        );
        check(
            "Signed on 2019/03/25 in Rome.",
            "2019/03/25",
            d(2019, 3, 25),
            d(2019, 3, 25),
        );
        check(
            "Signed on 25-03-2019 in Rome.",
            "25-03-2019",
            d(2019, 3, 25),
            d(2019, 3, 25),
        );
        check(
            "Signed on 25.3.2019 in Rome.",
            "25.3.2019",
            d(2019, 3, 25),
            d(2019, 3, 25),
        );
        assert!(texts("The match ended 15-12 after extra time.").is_empty());
        assert!(texts("Version 4.22 shipped.").is_empty());
    }

    #[test]
    fn relative_days_and_week_days() {
        check(
            "It reopens the day after tomorrow.",
            "the day after tomorrow",
            d(2020, 9, 11),
            d(2020, 9, 11),
        );
        check(
            "It closed the day before yesterday.",
            "the day before yesterday",
            d(2020, 9, 7),
            d(2020, 9, 7),
        );
        check(
            "The vote is on Thursday next week.",
            "Thursday next week",
            d(2020, 9, 17),
            d(2020, 9, 17),
        );
        check(
            "The vote is next week on Tuesday.",
            "next week on Tuesday",
            d(2020, 9, 15),
            d(2020, 9, 15),
        );
        check(
            "It met on Monday of last week.",
            "Monday of last week",
            d(2020, 8, 31),
            d(2020, 8, 31),
        );
        check(
            "It met this past Wednesday.",
            "this past Wednesday",
            d(2020, 9, 2),
            d(2020, 9, 2),
        );
        check(
            "The hearing is this Friday.",
            "this Friday",
            d(2020, 9, 11),
            d(2020, 9, 11),
        );
        check(
            "It opened on Sunday the 6th.",
            "Sunday the 6th",
            d(2020, 9, 6),
            d(2020, 9, 6),
        );
    }

    #[test]
    fn ranges_of_dates_and_days() {
        check(
            "The talks ran from June 3rd to June 10th in Geneva.",
            "from June 3rd to June 10th",
            d(2020, 6, 3),
            d(2020, 6, 10),
        );
        check(
            "The festival ran Sept 4-8 in the capital.",
            "Sept 4-8",
            d(2020, 9, 4),
            d(2020, 9, 8),
        );
        check(
            "Voting took place between August 4th and 8th.",
            "between August 4th and 8th",
            d(2020, 8, 4),
            d(2020, 8, 8),
        );
        check(
            "The curfew applied from 4 to 12 of this month.",
            "from 4 to 12 of this month",
            d(2020, 9, 4),
            d(2020, 9, 12),
        );
        check(
            "Inspections were held from 14 to 18 July 2019.",
            "from 14 to 18 July 2019",
            d(2019, 7, 14),
            d(2019, 7, 18),
        );
        check(
            "Shops stayed shut from Monday to Tuesday.",
            "from Monday to Tuesday",
            d(2020, 9, 7),
            d(2020, 9, 8),
        );
        check(
            "The dispute lasted between 2015 and 2018.",
            "between 2015 and 2018",
            d(2015, 1, 1),
            d(2018, 12, 31),
        );
        // Counts stay counts.
        assert_eq!(
            texts("Cases rose from 4 to 22 this month."),
            vec!["this month"]
        );
        assert_eq!(texts("The team went 4-22 in June."), vec!["June"]);
        assert!(texts("Turnout rose from 4 to 22 percent.").is_empty());
    }

    #[test]
    fn bare_rolling_windows() {
        check(
            "Prices rose sharply in last two weeks.",
            "last two weeks",
            d(2020, 8, 26),
            d(2020, 9, 9),
        );
        check(
            "Officials expect a deal within next 3 months.",
            "within next 3 months",
            d(2020, 9, 9),
            d(2020, 12, 9),
        );
        assert!(texts("He spent his last two years in exile.").is_empty());
    }

    #[test]
    fn weeks_halves_and_quarters() {
        check(
            "Talks resume in the first week of March 2021.",
            "the first week of March 2021",
            d(2021, 3, 1),
            d(2021, 3, 7),
        );
        check(
            "Sales slowed in the last week of 2019.",
            "the last week of 2019",
            d(2019, 12, 23),
            d(2019, 12, 29),
        );
        check(
            "Growth picked up in the second half of 2017.",
            "the second half of 2017",
            d(2017, 7, 1),
            d(2017, 12, 31),
        );
        check(
            "Profits fell in the third quarter of 2016.",
            "the third quarter of 2016",
            d(2016, 7, 1),
            d(2016, 9, 30),
        );
        check(
            "Revenue grew 4% in Q3 2019.",
            "Q3 2019",
            d(2019, 7, 1),
            d(2019, 9, 30),
        );
        assert!(texts("He scored twice in the third quarter.").is_empty());
        assert!(texts("She finished second in the final.").is_empty());
    }

    #[test]
    fn day_numbers_in_words_and_glued() {
        check(
            "The treaty was signed on the twenty second of June.",
            "the twenty second of June",
            d(2020, 6, 22),
            d(2020, 6, 22),
        );
        check(
            "Rules changed on June first, 2019.",
            "June first, 2019",
            d(2019, 6, 1),
            d(2019, 6, 1),
        );
        check(
            "Inspectors arrived on the second of August.",
            "the second of August",
            d(2020, 8, 2),
            d(2020, 8, 2),
        );
        check(
            "The hearing took place on april22 in Lagos.",
            "april22",
            d(2020, 4, 22),
            d(2020, 4, 22),
        );
        assert_eq!(texts("He came second in June."), vec!["June"]);
    }

    #[test]
    fn quarters_and_halves_alone_or_with_a_year() {
        check(
            "The report covers Q3 in detail.",
            "Q3",
            d(2020, 7, 1),
            d(2020, 9, 30),
        );
        check(
            "Profits rose in H2 2019 overall.",
            "H2 2019",
            d(2019, 7, 1),
            d(2019, 12, 31),
        );
        check(
            "Profits rose in 2019 Q4 overall.",
            "2019 Q4",
            d(2019, 10, 1),
            d(2019, 12, 31),
        );
        // A half needs a year: "H1" alone is a visa or a heading.
        assert!(texts("He applied for an H1 visa.").is_empty());
    }

    #[test]
    fn numeric_months_and_yearless_days() {
        check(
            "Sales fell in 2016-11 and recovered.",
            "2016-11",
            d(2016, 11, 1),
            d(2016, 11, 30),
        );
        check(
            "Sales fell in 2016/11 and recovered.",
            "2016/11",
            d(2016, 11, 1),
            d(2016, 11, 30),
        );
        check(
            "The filing dated 11/2016 was late.",
            "11/2016",
            d(2016, 11, 1),
            d(2016, 11, 30),
        );
        check(
            "Sales fell in 2015-3 and recovered.",
            "2015-3",
            d(2015, 3, 1),
            d(2015, 3, 31),
        );
        // Two digits that read as a later year make a season, not a month.
        check(
            "The 2010-11 season was long.",
            "2010-11",
            d(2010, 1, 1),
            d(2011, 12, 31),
        );
        assert!(texts("The 2010/11 budget passed.").is_empty());
        check(
            "The vote was set for 4/22 there.",
            "4/22",
            d(2020, 4, 22),
            d(2020, 4, 22),
        );
        check(
            "The vote was set for 22/04 there.",
            "22/04",
            d(2020, 4, 22),
            d(2020, 4, 22),
        );
        check(
            "The rally was held on 4-22 downtown.",
            "4-22",
            d(2020, 4, 22),
            d(2020, 4, 22),
        );
        check(
            "The memo is dated 9-18-15 here.",
            "9-18-15",
            d(2015, 9, 18),
            d(2015, 9, 18),
        );
        check(
            "It was filed 2019-sep-1 at noon.",
            "2019-sep-1",
            d(2019, 9, 1),
            d(2019, 9, 1),
        );
        // Fractions, ratios, scores and decimals are not dates.
        assert!(texts("He works 24/7 and ate 1/2 of it in a 50/50 split.").is_empty());
        assert!(texts("They won 4-2 at home.").is_empty());
        assert!(texts("Growth was 1.5 percent, then 4.22 percent.").is_empty());
    }

    #[test]
    fn ordinal_days_without_a_month() {
        check(
            "The vote was on the 27th.",
            "the 27th",
            d(2020, 8, 27),
            d(2020, 8, 27),
        );
        check(
            "The vote will be on the 27th.",
            "the 27th",
            d(2020, 9, 27),
            d(2020, 9, 27),
        );
        check(
            "They met on 22nd, officials said.",
            "22nd",
            d(2020, 8, 22),
            d(2020, 8, 22),
        );
        check(
            "The vote is set for the 20th of next month.",
            "the 20th of next month",
            d(2020, 10, 20),
            d(2020, 10, 20),
        );
        check(
            "The vote was on Friday the twenty first.",
            "Friday the twenty first",
            d(2020, 8, 21),
            d(2020, 8, 21),
        );
        // Ranks and centuries are not days.
        assert!(texts("He finished 21st in the race.").is_empty());
        check(
            "It shaped the 21st century.",
            "the 21st century",
            d(2000, 1, 1),
            d(2099, 12, 31),
        );
        assert!(texts("He was the 27th.").is_empty());
    }

    #[test]
    fn nth_weekdays_of_a_month() {
        check(
            "The talks open the first Monday of next month.",
            "the first Monday of next month",
            d(2020, 10, 5),
            d(2020, 10, 5),
        );
        check(
            "The talks opened on the last Friday of August.",
            "the last Friday of August",
            d(2020, 8, 28),
            d(2020, 8, 28),
        );
        assert_eq!(
            texts("He flew on the first Friday in Paris."),
            vec!["Friday"]
        );
    }

    #[test]
    fn days_counted_from_a_named_day() {
        check(
            "The deal closes two weeks from now.",
            "two weeks from now",
            d(2020, 9, 23),
            d(2020, 9, 23),
        );
        check(
            "It began two days before yesterday.",
            "two days before yesterday",
            d(2020, 9, 6),
            d(2020, 9, 6),
        );
        check(
            "It ends three days after tomorrow.",
            "three days after tomorrow",
            d(2020, 9, 13),
            d(2020, 9, 13),
        );
        check(
            "See you tmrw at the gate.",
            "tmrw",
            d(2020, 9, 10),
            d(2020, 9, 10),
        );
        check(
            "They met on tues at the gate.",
            "tues",
            d(2020, 9, 8),
            d(2020, 9, 8),
        );
        // "from now on" without a count stays no claim; a count of people is not a span.
        assert!(texts("Two people from now on will lead.").is_empty());
    }

    #[test]
    fn weeks_of_days_rests_and_relative_periods() {
        check(
            "Talks will be held the week of September 21.",
            "the week of September 21",
            d(2020, 9, 21),
            d(2020, 9, 27),
        );
        check(
            "Talks will run the week starting September 16.",
            "the week starting September 16",
            d(2020, 9, 16),
            d(2020, 9, 22),
        );
        assert!(texts("It was the week of the attack.").is_empty());
        check(
            "Schools stay shut for the rest of the year.",
            "the rest of the year",
            d(2020, 9, 9),
            d(2020, 12, 31),
        );
        check(
            "The games open in June next year.",
            "June next year",
            d(2021, 6, 1),
            d(2021, 6, 30),
        );
        check(
            "They leave the week after next.",
            "the week after next",
            d(2020, 9, 21),
            d(2020, 9, 27),
        );
        check(
            "Prices rose this decade.",
            "this decade",
            d(2020, 1, 1),
            d(2029, 12, 31),
        );
        check(
            "Prices rose last decade.",
            "last decade",
            d(2010, 1, 1),
            d(2019, 12, 31),
        );
        check(
            "Prices rose in the past few weeks.",
            "the past few weeks",
            d(2020, 7, 29),
            d(2020, 9, 9),
        );
        check(
            "Prices rose over past month.",
            "over past month",
            d(2020, 8, 9),
            d(2020, 9, 9),
        );
        check(
            "Talks continue during the current week.",
            "current week",
            d(2020, 9, 7),
            d(2020, 9, 13),
        );
        // "Sun" the newspaper and "rest" the noun are not times.
        assert!(texts("The Sun said the troops need rest.").is_empty());
    }

    #[test]
    fn spelled_years_decades_and_compound_counts() {
        check(
            "It opened on September 10, nineteen zero one.",
            "September 10, nineteen zero one",
            d(1901, 9, 10),
            d(1901, 9, 10),
        );
        check(
            "It opened in June of nineteen ninety nine.",
            "June of nineteen ninety nine",
            d(1999, 6, 1),
            d(1999, 6, 30),
        );
        check(
            "It opened on the 26th June of 2020 there.",
            "26th June of 2020",
            d(2020, 6, 26),
            d(2020, 6, 26),
        );
        check(
            "Music changed in the 70s.",
            "the 70s",
            d(1970, 1, 1),
            d(1979, 12, 31),
        );
        check(
            "Music changed in the seventies.",
            "the seventies",
            d(1970, 1, 1),
            d(1979, 12, 31),
        );
        check(
            "Music changed in the nineteen sixties.",
            "the nineteen sixties",
            d(1960, 1, 1),
            d(1969, 12, 31),
        );
        check(
            "Music changed in the twenty-tens.",
            "the twenty-tens",
            d(2010, 1, 1),
            d(2019, 12, 31),
        );
        check(
            "Music changed in the two thousands.",
            "the two thousands",
            d(2000, 1, 1),
            d(2009, 12, 31),
        );
        check(
            "The bridge opened in nineteen twenty eight.",
            "nineteen twenty eight",
            d(1928, 1, 1),
            d(1928, 12, 31),
        );
        check(
            "Printing spread in the 15th century.",
            "the 15th century",
            d(1400, 1, 1),
            d(1499, 12, 31),
        );
        assert!(texts("They built it in two thousand homes.").is_empty());
        // Counted windows from a day (P is 2020-09-09).
        check(
            "Troops will leave less than 2 weeks from today.",
            "less than 2 weeks from today",
            d(2020, 9, 9),
            d(2020, 9, 23),
        );
        check(
            "The curfew holds for 3 days from today.",
            "for 3 days from today",
            d(2020, 9, 9),
            d(2020, 9, 11),
        );
        check(
            "Troops will leave in 3 weeks.",
            "in 3 weeks",
            d(2020, 9, 30),
            d(2020, 9, 30),
        );
        assert!(texts("Prices rose the most in 3 weeks.").is_empty());
        check(
            "The filing is dated 08/12,2015.",
            "08/12,2015",
            d(2015, 8, 12),
            d(2015, 8, 12),
        );
        check(
            "The vote was on Wed, 22 of Jan, 2020.",
            "Wed, 22 of Jan, 2020",
            d(2020, 1, 22),
            d(2020, 1, 22),
        );
        check(
            "The talks resume two Sundays from now.",
            "two Sundays from now",
            d(2020, 9, 20),
            d(2020, 9, 20),
        );
        check(
            "The talks were put off until the 27th and then for the thirty.",
            "the thirty",
            d(2020, 8, 30),
            d(2020, 8, 30),
        );
        check(
            "Sales fell 3% in previous month.",
            "previous month",
            d(2020, 8, 1),
            d(2020, 8, 31),
        );
        assert!(texts("Sales fell 3% from the previous month.").is_empty());
        // Parts of a week and a month overlap in halves.
        check(
            "The firm lost money late last week.",
            "late last week",
            d(2020, 9, 3),
            d(2020, 9, 6),
        );
        check(
            "The firm must repay early next week.",
            "early next week",
            d(2020, 9, 14),
            d(2020, 9, 16),
        );
        check(
            "The firm must repay early next month.",
            "early next month",
            d(2020, 10, 1),
            d(2020, 10, 15),
        );
        // P is a Wednesday: "this Friday" is in P's week, "next Friday" in the next.
        check(
            "The vote is next Friday.",
            "next Friday",
            d(2020, 9, 18),
            d(2020, 9, 18),
        );
        check(
            "The vote is next Thursday.",
            "next Thursday",
            d(2020, 9, 17),
            d(2020, 9, 17),
        );
        check(
            "They met 1 month and 21 days ago.",
            "1 month and 21 days ago",
            d(2020, 7, 19),
            d(2020, 7, 19),
        );
        check(
            "He will be off 2 weeks starting September 14.",
            "2 weeks starting September 14",
            d(2020, 9, 14),
            d(2020, 9, 27),
        );
        check(
            "Sales fell in 2016 November.",
            "2016 November",
            d(2016, 11, 1),
            d(2016, 11, 30),
        );
        check(
            "They met on the second.",
            "the second",
            d(2020, 9, 2),
            d(2020, 9, 2),
        );
        check(
            "The vote is the second Sunday.",
            "the second Sunday",
            d(2020, 9, 13),
            d(2020, 9, 13),
        );
        check(
            "The vote is on Friday 7/6.",
            "Friday 7/6",
            d(2020, 7, 6),
            d(2020, 7, 6),
        );
        // Ages, counts and ranks stay out.
        assert!(texts("She is in her 70s.").is_empty());
        assert!(texts("He came for the second time.").is_empty());
        assert!(texts("They hired two thousand workers.").is_empty());
        assert!(texts("Rates rose 5 percent and 2 points.").is_empty());
    }

    #[test]
    fn ranges_to_now_and_yearless_starts() {
        check(
            "Prices rose between Jan 22 and now, data show.",
            "between Jan 22 and now",
            d(2020, 1, 22),
            d(2020, 9, 9),
        );
        check(
            "The fair ran from Feb 1st to March 2019.",
            "from Feb 1st to March 2019",
            d(2019, 2, 1),
            d(2019, 3, 31),
        );
        check(
            "They are out the third week next year.",
            "the third week next year",
            d(2021, 1, 18),
            d(2021, 1, 24),
        );
        // "now" alone is not a time claim.
        assert!(texts("Now the troops are leaving.").is_empty());
    }

    #[test]
    fn word_days_punctuated_dates_and_weekday_ranges() {
        check(
            "They met on June twenty two.",
            "June twenty two",
            d(2020, 6, 22),
            d(2020, 6, 22),
        );
        check(
            "They met may twenty one.",
            "may twenty one",
            d(2020, 5, 21),
            d(2020, 5, 21),
        );
        check(
            "They met on Friday the fifteen.",
            "Friday the fifteen",
            d(2020, 5, 15),
            d(2020, 5, 15),
        );

        check(
            "It ended 5 December 1391 there.",
            "5 December 1391",
            d(1391, 12, 5),
            d(1391, 12, 5),
        );
        check(
            "They meet next week between Wednesday and Friday.",
            "next week between Wednesday and Friday",
            d(2020, 9, 16),
            d(2020, 9, 18),
        );
        check(
            "They voted on 4.22.",
            "4.22",
            d(2020, 4, 22),
            d(2020, 4, 22),
        );
        // A verb "may" before a count, decimals in amounts, and "May twenty" as a count stay out.
        assert!(texts("Prices may twenty one times rise.").is_empty());
        assert!(texts("Shares fell 4.22 percent on Monday.") == vec!["Monday"]);
        assert!(texts("They rose on 4.22 million shares.").is_empty());
    }

    #[test]
    fn a_date_after_a_deictic_weekday_names_the_day() {
        check(
            "The vote is this Friday (Sept 18).",
            "this Friday (Sept 18)",
            d(2020, 9, 18),
            d(2020, 9, 18),
        );
        check(
            "It ended 16. nov. 2016 there.",
            "16. nov. 2016",
            d(2016, 11, 16),
            d(2016, 11, 16),
        );
    }

    #[test]
    fn spaced_month_years_year_to_date_and_hanging_hyphens() {
        check(
            "Sales fell in 11 / 2016 there.",
            "11 / 2016",
            d(2016, 11, 1),
            d(2016, 11, 30),
        );
        check(
            "Sales fell in 2016 -11 there.",
            "2016 -11",
            d(2016, 11, 1),
            d(2016, 11, 30),
        );
        check(
            "Shares are down 20% in the year to date.",
            "year to date",
            d(2020, 1, 1),
            d(2020, 9, 9),
        );
        check(
            "Sales fell in the third- quarter of 2016.",
            "the third- quarter of 2016",
            d(2016, 7, 1),
            d(2016, 9, 30),
        );
        // A dash spaced on both sides is a pause in prose, not a month.
        assert_eq!(
            texts("It began in 2016 - 11 months after the vote."),
            vec!["2016"]
        );
    }

    #[test]
    fn contracted_will_is_a_future_cue() {
        check(
            "I'll see them Friday.",
            "Friday",
            d(2020, 9, 11),
            d(2020, 9, 11),
        );
        check(
            "They'll meet in June.",
            "June",
            d(2021, 6, 1),
            d(2021, 6, 30),
        );
        // Without it the most recent one.
        check(
            "We saw them Friday.",
            "Friday",
            d(2020, 9, 4),
            d(2020, 9, 4),
        );
    }

    #[test]
    fn counted_periods_ahead_within_and_open_ended() {
        check(
            "It will happen 2 days hence.",
            "2 days hence",
            d(2020, 9, 10),
            d(2020, 9, 11),
        );
        check(
            "It will happen 4 weeks in the future.",
            "4 weeks in the future",
            d(2020, 9, 10),
            d(2020, 10, 7),
        );
        check(
            "I will be back within 5 years 1 month 12 days.",
            "within 5 years 1 month 12 days",
            d(2020, 9, 9),
            d(2025, 10, 21),
        );
        check(
            "Repay within the next 2 years and 3 months.",
            "within the next 2 years and 3 months",
            d(2020, 9, 9),
            d(2022, 12, 9),
        );
        // "more than N units after/before" a day: open at one end.
        assert_eq!(
            run("This task will start more than 2 weeks after today."),
            vec![(
                "more than 2 weeks after today".to_string(),
                Some(d(2020, 9, 23)),
                None,
                TimeRole::Event
            )]
        );
        assert_eq!(
            run("It should have been done more than 2 days before yesterday."),
            vec![(
                "more than 2 days before yesterday".to_string(),
                None,
                Some(d(2020, 9, 5)),
                TimeRole::Event
            )]
        );
        // The end of a longer duration, a vague future, counts and plain durations stay out.
        assert!(texts("How will I look twenty-one years and six months in the future?").is_empty());
        assert!(texts("Nobody knows what lies in the distant future.").is_empty());
        assert!(texts("More than 2,000 people came; it took more than 2 weeks.").is_empty());
        assert!(texts("The boat sank 3 miles hence.").is_empty());
    }

    #[test]
    fn month_day_ranges_short_years_and_glued_forms() {
        check(
            "I'll be out November between 19 and 20.",
            "November between 19 and 20",
            d(2020, 11, 19),
            d(2020, 11, 20),
        );
        check(
            "I'll be out Feb between 2-7 two thousand and eighteen.",
            "Feb between 2-7 two thousand and eighteen",
            d(2018, 2, 2),
            d(2018, 2, 7),
        );
        check(
            "I'll be out from 4 to January 22, 1995.",
            "from 4 to January 22, 1995",
            d(1995, 1, 4),
            d(1995, 1, 22),
        );
        check(
            "We stayed from 02 to April 07.",
            "from 02 to April 07",
            d(2020, 4, 2),
            d(2020, 4, 7),
        );
        check(
            "Show me the records for August 99.",
            "August 99",
            d(1999, 8, 1),
            d(1999, 8, 31),
        );
        check(
            "The week of september.2nd was busy.",
            "The week of september.2nd",
            d(2020, 8, 31),
            d(2020, 9, 6),
        );
        check(
            "I was out last 3year.",
            "last 3year",
            d(2017, 9, 9),
            d(2020, 9, 9),
        );
        check(
            "Schedule a meeting for w/c feb 4.",
            "w/c feb 4",
            d(2020, 2, 4),
            d(2020, 2, 10),
        );
        check(
            "The range is between 2014-2018.",
            "between 2014-2018",
            d(2014, 1, 1),
            d(2018, 12, 31),
        );
        check(
            "The range is from two thousand until two thousand and fourteen.",
            "from two thousand until two thousand and fourteen",
            d(2000, 1, 1),
            d(2014, 12, 31),
        );
        // Counts and scores stay counts.
        assert_eq!(texts("In August 99 people died."), vec!["August"]);
        assert!(texts("May 45.").is_empty());
        assert_eq!(
            texts("In November between 19 and 20 people died."),
            vec!["November"]
        );
        assert_eq!(
            texts("Cases rose from 4 to 22 this month."),
            vec!["this month"]
        );
        assert_eq!(
            texts("He scored between 19 and 20 points in November."),
            vec!["November"]
        );
        assert!(texts("Troops rose from two thousand to two thousand and fifty.").is_empty());
        assert!(texts("Come w/ friends, open 24/7.").is_empty());
        assert!(texts("The 3year bond rallied.").is_empty());
    }

    #[test]
    fn weekday_spans_of_a_week_earlier_in_the_week_and_short_decades() {
        check(
            "Meet with Antonio this week from Tue to Thur.",
            "this week from Tue to Thur",
            d(2020, 9, 8),
            d(2020, 9, 10),
        );
        check(
            "We met earlier in the week.",
            "earlier in the week",
            d(2020, 9, 7),
            d(2020, 9, 9),
        );
        check(
            "A vote is due later in the year.",
            "later in the year",
            d(2020, 9, 9),
            d(2020, 12, 31),
        );
        // Narrated from a year or a month the sentence names: no claim for the phrase.
        assert_eq!(
            texts("He moved in 1998 and later in the year he left."),
            vec!["1998"]
        );
        assert_eq!(
            texts("Last month he said it had surfaced earlier in the year."),
            vec!["Last month"]
        );
        check(
            "In 70's the plant grew.",
            "70's",
            d(1970, 1, 1),
            d(1979, 12, 31),
        );
        check(
            "It began in one thousand seven hundred and eighty nine.",
            "one thousand seven hundred and eighty nine",
            d(1789, 1, 1),
            d(1789, 12, 31),
        );
        check(
            "It was the month of september.16th.",
            "the month of september.16th",
            d(2019, 9, 1),
            d(2019, 9, 30),
        );
        check(
            "It was the month of June 3, 2019.",
            "the month of June 3, 2019",
            d(2019, 6, 1),
            d(2019, 6, 30),
        );
        check("I'll go back on 15.", "15", d(2020, 9, 15), d(2020, 9, 15));
        // Only in a clause about the future, and closing it.
        assert!(texts("They agreed on 15.").is_empty());
        assert!(texts("They will agree on 15 points.").is_empty());
        assert!(texts("It rose in one thousand cases.").is_empty());
        assert!(texts("He was in one thousand seven hundred homes.").is_empty());
        check(
            "We played on weekend.",
            "weekend",
            d(2020, 9, 5),
            d(2020, 9, 6),
        );
        // Temperatures without the apostrophe, and a weekend's possessive, stay out.
        assert!(texts("Highs were in 70s.").is_empty());
        assert!(texts("It was his weekend off.").is_empty());
    }
}

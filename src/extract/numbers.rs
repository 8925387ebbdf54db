//! Numbers: numerals and number words to values.
//!
//! Takes a token slice of a document; gives parsed numbers with the tokens they cover
//! ("5,200", "1.5 million", "two dozen", "five thousand two hundred", "a third").

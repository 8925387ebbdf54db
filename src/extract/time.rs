//! Times: absolute and relative time expressions resolved to day intervals.
//!
//! Takes a [`Document`] and the publication date; gives time claims.

use chrono::NaiveDate;

use crate::model::{Claim, Document};

pub struct TimeExtractor {}

impl Default for TimeExtractor {
    fn default() -> Self {
        Self::new()
    }
}

impl TimeExtractor {
    pub fn new() -> TimeExtractor {
        TimeExtractor {}
    }

    pub fn extract(
        &self,
        _doc: &Document,
        _source: usize,
        _published: Option<NaiveDate>,
    ) -> Vec<Claim> {
        Vec::new()
    }
}

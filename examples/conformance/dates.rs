//! Date and date-period extraction and resolution (Recognizers-Text DateTime).

use std::path::Path;

use crate::SuiteResult;

pub fn run(dir: &Path) -> Vec<SuiteResult> {
    let _ = dir;
    Vec::new()
}

//! Report: the finished report model and its printers.

use crate::model::{Claim, Source};

#[derive(Debug, Clone)]
pub struct Finding {}

pub struct Report {}

impl Report {
    pub fn new(_sources: &[Source], _claims: &[Claim], _findings: Vec<Finding>) -> Report {
        Report {}
    }
}

//! The one place where privacy is decided: which entries the audience may
//! see. Every later pass, and everything after the site model (pages,
//! feeds, charts, the résumé, search), works from what this lets through.

use std::sync::Arc;

use super::LeftOut;
use crate::model::entry::Entry;
use crate::model::kind::Kind;

/// Who the output is for.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Audience {
    /// Include drafts (`--drafts`).
    pub drafts: bool,
    /// Include private entries, marked (`serve --private`, never `build`).
    pub private: bool,
}

impl Audience {
    pub fn sees(&self, e: &Entry) -> bool {
        (!e.private || self.private) && (!e.draft || self.drafts)
    }
}

/// For each entry, whether it is published to `audience` (a duplicate
/// never is), and how many private entries and drafts were left out.
pub(super) fn visible(
    entries: &[Arc<Entry>],
    duplicate: &[bool],
    audience: Audience,
) -> (Vec<bool>, LeftOut) {
    let flags: Vec<bool> = entries
        .iter()
        .zip(duplicate)
        .map(|(e, &dup)| audience.sees(e) && !dup)
        .collect();
    let mut left_out = LeftOut::default();
    for (e, &v) in entries.iter().zip(&flags) {
        if !v && e.kind != Kind::Home {
            if e.private && !audience.private {
                left_out.private += 1;
            } else if e.draft && !audience.drafts {
                left_out.drafts += 1;
            }
        }
    }
    (flags, left_out)
}

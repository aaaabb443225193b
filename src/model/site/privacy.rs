//! The one place where privacy is decided: which entries the audience may
//! see. Every later pass, and everything after the site model (pages,
//! feeds, charts, the résumé, search), works from what this lets through.
//! A sealed share page is the one private entry let through: its source
//! may sit in `private/share/`, and it is published only as ciphertext
//! (its page is rendered to be sealed, and is never listed anywhere).

use std::sync::Arc;

use super::LeftOut;
use crate::model::entry::Entry;
use crate::model::kind::Kind;

/// Who the output is for.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Audience {
    /// Include drafts (`--drafts`).
    pub(crate) drafts: bool,
    /// Include private entries, marked (`serve --private`, never `build`).
    pub(crate) private: bool,
    /// The writer at their own machine (`serve`), not the published site:
    /// sees the ladder that `ladder.publish: false` keeps out of `build`.
    pub(crate) local: bool,
}

impl Audience {
    pub(crate) fn sees(&self, e: &Entry) -> bool {
        (!e.private || self.private || e.is_sealed_share()) && (!e.draft || self.drafts)
    }

    /// Whether the ladder's text (its pages, the competencies an
    /// achievement or share page names) is shown: a framework that is
    /// confidential company material (`publish: false`) only in `serve`.
    pub(crate) fn sees_ladder(&self, publish: bool) -> bool {
        publish || self.local
    }
}

/// Whether an achievement counts as evidence on the ladder: only public
/// entries that are not drafts, for every audience, `serve --private`
/// and `--drafts` included (SPEC: on every page and in every count). A
/// private or draft achievement still shown by serve is marked, and
/// counts nowhere.
pub(crate) fn counts_as_evidence(private: bool, draft: bool) -> bool {
    !private && !draft
}

/// Whether an entry shown to some audience goes into the search index:
/// only a public entry that is not a draft, and never a share page (sealed
/// or not: it is reached by its link alone) or the home page's intro (the
/// home page is not a result). The same for every audience: `serve
/// --private --drafts` indexes what `build` would, so a private entry or a
/// draft never reaches an index, even on the writer's machine.
pub(crate) fn searchable(kind: Kind, private: bool, draft: bool) -> bool {
    !private && !draft && !matches!(kind, Kind::Share | Kind::Home)
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
            if e.private && !audience.private && !e.is_sealed_share() {
                left_out.private += 1;
            } else if e.draft && !audience.drafts {
                left_out.drafts += 1;
            }
        }
    }
    (flags, left_out)
}

#[cfg(test)]
mod tests {
    use super::super::testing::entries;
    use super::*;

    fn site() -> Vec<Arc<Entry>> {
        entries(&[
            ("content/goals/public.md", "---\ntitle: P\n---\n"),
            (
                "content/goals/private.md",
                "---\ntitle: S\nvisibility: private\n---\n",
            ),
            (
                "private/goals/in-private.md",
                "---\ntitle: D\nvisibility: public\n---\n",
            ),
            (
                "content/goals/draft.md",
                "---\ntitle: R\ndraft: true\n---\n",
            ),
            (
                "content/reflections/2026-01-01-r.md",
                "---\ntitle: R\n---\n",
            ),
        ])
    }

    #[test]
    fn a_sealed_share_page_is_the_one_private_entry_published_and_drafts_stay_out() {
        let es = entries(&[
            (
                "private/share/brief.md",
                "---\ntitle: Brief\nsealed: true\n---\n",
            ),
            ("private/share/open.md", "---\ntitle: Not sealed\n---\n"),
            (
                "content/share/legacy.md",
                "---\ntitle: Sealed in content\nsealed: true\nvisibility: private\n---\n",
            ),
            (
                "private/share/later.md",
                "---\ntitle: Later\nsealed: true\ndraft: true\n---\n",
            ),
        ]);
        let (v, left) = visible(&es, &[false; 4], Audience::default());
        assert_eq!(v, vec![true, false, true, false]);
        assert_eq!((left.private, left.drafts), (1, 1));
    }

    #[test]
    fn search_takes_public_entries_only_whoever_the_site_is_for() {
        for kind in [
            Kind::Achievement,
            Kind::Goal,
            Kind::Reflection,
            Kind::Milestone,
            Kind::Page,
        ] {
            assert!(searchable(kind, false, false), "{kind:?}");
            assert!(!searchable(kind, true, false), "{kind:?} private");
            assert!(!searchable(kind, false, true), "{kind:?} draft");
        }
        assert!(!searchable(Kind::Share, false, false));
        assert!(!searchable(Kind::Home, false, false));
    }

    #[test]
    fn build_sees_neither_private_entries_nor_drafts_and_counts_them() {
        let es = site();
        let (v, left) = visible(&es, &[false; 5], Audience::default());
        // A reflection is private unless it says otherwise; private/ wins
        // over what the front matter says.
        assert_eq!(v, vec![true, false, false, false, false]);
        assert_eq!((left.private, left.drafts), (3, 1));
    }

    #[test]
    fn each_flag_lets_in_only_its_own_and_duplicates_never() {
        let es = site();
        let drafts = Audience {
            drafts: true,
            private: false,
            local: false,
        };
        let (v, _) = visible(&es, &[false; 5], drafts);
        assert_eq!(v, vec![true, false, false, true, false]);
        let private = Audience {
            drafts: false,
            private: true,
            local: false,
        };
        let (v, left) = visible(&es, &[false, false, false, false, true], private);
        assert_eq!(v, vec![true, true, true, false, false]);
        assert_eq!((left.private, left.drafts), (0, 1));
    }
}

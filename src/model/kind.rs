//! The kinds of entry, and what each kind's folder, name and rules are.
//! Below the front matter and the entry, which both speak of kinds.
//!
//! What waymark knows of a kind as such sits in one table, [`Kind::spec`];
//! the keys a kind's front matter takes are in
//! [`crate::model::frontmatter`]'s field table, and the typed fields it
//! resolves to in [`crate::model::entry::KindMeta`].

use serde::Serialize;

/// What an entry is. The folder under `content/` decides, unless `kind:` says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum Kind {
    Achievement,
    Goal,
    Reflection,
    Milestone,
    Share,
    Page,
    /// `content/_index.md`: the home page's intro.
    Home,
}

/// One row of [`Kind::spec`].
struct Spec {
    name: &'static str,
    /// The folder under `content/` (and `private/`) that holds the kind.
    folder: &'static str,
    /// Whether an entry must have a `date` (from its front matter or its
    /// file name).
    needs_date: bool,
    /// Whether an entry that does not say `visibility:` is private.
    private_by_default: bool,
}

impl Kind {
    /// The kinds a writer can name, by `kind:`, by folder or under
    /// `defaults:`, in the order messages list them. The home page is not
    /// one: only `content/_index.md` is the home page.
    pub(crate) const WRITTEN: [Kind; 6] = [
        Kind::Achievement,
        Kind::Goal,
        Kind::Reflection,
        Kind::Milestone,
        Kind::Share,
        Kind::Page,
    ];

    pub(crate) const NAMES: &'static [&'static str] = &Kind::written_names();

    /// Everything waymark knows of a kind as such; the methods below only
    /// read it, so a new kind is one new row here (and the compiler asks
    /// for it).
    const fn spec(self) -> Spec {
        let (name, folder, needs_date, private_by_default) = match self {
            Kind::Achievement => ("achievement", "achievements", true, false),
            Kind::Goal => ("goal", "goals", false, false),
            // Reflections are notes to oneself: published only when asked.
            Kind::Reflection => ("reflection", "reflections", true, true),
            Kind::Milestone => ("milestone", "journey", true, false),
            Kind::Share => ("share", "share", false, false),
            Kind::Page => ("page", "pages", false, false),
            Kind::Home => ("home", "pages", false, false),
        };
        Spec {
            name,
            folder,
            needs_date,
            private_by_default,
        }
    }

    const fn written_names() -> [&'static str; Kind::WRITTEN.len()] {
        let mut names = [""; Kind::WRITTEN.len()];
        let mut i = 0;
        while i < names.len() {
            names[i] = Kind::WRITTEN[i].spec().name;
            i += 1;
        }
        names
    }

    pub(crate) fn name(self) -> &'static str {
        self.spec().name
    }

    /// `an achievement`, `a goal`: for messages.
    pub(crate) fn with_article(self) -> String {
        let name = self.name();
        let article = if name.starts_with(['a', 'e', 'i', 'o', 'u']) {
            "an"
        } else {
            "a"
        };
        format!("{article} {name}")
    }

    pub(crate) fn from_name(name: &str) -> Option<Kind> {
        Kind::WRITTEN.into_iter().find(|k| k.name() == name)
    }

    /// The folder under `content/` (and `private/`) that holds this kind.
    pub(crate) fn folder(self) -> &'static str {
        self.spec().folder
    }

    pub(crate) fn from_folder(folder: &str) -> Option<Kind> {
        // `pages` is the page kind's: the home page is never found by folder.
        Kind::WRITTEN.into_iter().find(|k| k.folder() == folder)
    }

    /// Kinds whose `date` is required.
    pub(crate) fn needs_date(self) -> bool {
        self.spec().needs_date
    }

    /// Kinds whose entries are private unless `visibility: public` says.
    pub(crate) fn private_by_default(self) -> bool {
        self.spec().private_by_default
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_the_written_kinds_in_order() {
        assert_eq!(
            Kind::NAMES,
            [
                "achievement",
                "goal",
                "reflection",
                "milestone",
                "share",
                "page"
            ]
        );
    }

    #[test]
    fn names_and_folders_lead_back_to_their_kind() {
        for kind in Kind::WRITTEN {
            assert_eq!(Kind::from_name(kind.name()), Some(kind));
            assert_eq!(Kind::from_folder(kind.folder()), Some(kind));
        }
        // The home page shares the pages' folder but is neither found by it
        // nor named.
        assert_eq!(Kind::Home.folder(), "pages");
        assert_eq!(Kind::from_folder("pages"), Some(Kind::Page));
        assert_eq!(Kind::from_name("home"), None);
        assert_eq!(Kind::from_folder("journey"), Some(Kind::Milestone));
        assert_eq!(Kind::from_folder("milestones"), None);
    }

    #[test]
    fn rules_per_kind() {
        let dated: Vec<Kind> = Kind::WRITTEN
            .into_iter()
            .filter(|k| k.needs_date())
            .collect();
        assert_eq!(
            dated,
            [Kind::Achievement, Kind::Reflection, Kind::Milestone]
        );
        let private: Vec<Kind> = [Kind::Home]
            .into_iter()
            .chain(Kind::WRITTEN)
            .filter(|k| k.private_by_default())
            .collect();
        assert_eq!(private, [Kind::Reflection]);
        assert_eq!(Kind::Achievement.with_article(), "an achievement");
        assert_eq!(Kind::Goal.with_article(), "a goal");
    }
}

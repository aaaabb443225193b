//! The kinds of entry, and what each kind's folder, name and rules are.
//! Below the front matter and the entry, which both speak of kinds.

use serde::Serialize;

/// What an entry is. The folder under `content/` decides, unless `kind:` says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Achievement,
    Goal,
    Reflection,
    Milestone,
    Share,
    Page,
    /// `content/_index.md`: the home page's intro.
    Home,
}

impl Kind {
    pub const NAMES: &'static [&'static str] = &[
        "achievement",
        "goal",
        "reflection",
        "milestone",
        "share",
        "page",
    ];

    pub fn name(self) -> &'static str {
        match self {
            Kind::Achievement => "achievement",
            Kind::Goal => "goal",
            Kind::Reflection => "reflection",
            Kind::Milestone => "milestone",
            Kind::Share => "share",
            Kind::Page => "page",
            Kind::Home => "home",
        }
    }

    /// `an achievement`, `a goal`: for messages.
    pub fn with_article(self) -> String {
        let name = self.name();
        let article = if name.starts_with(['a', 'e', 'i', 'o', 'u']) {
            "an"
        } else {
            "a"
        };
        format!("{article} {name}")
    }

    pub fn from_name(name: &str) -> Option<Kind> {
        Some(match name {
            "achievement" => Kind::Achievement,
            "goal" => Kind::Goal,
            "reflection" => Kind::Reflection,
            "milestone" => Kind::Milestone,
            "share" => Kind::Share,
            "page" => Kind::Page,
            _ => return None,
        })
    }

    /// The folder under `content/` (and `private/`) that holds this kind.
    pub fn folder(self) -> &'static str {
        match self {
            Kind::Achievement => "achievements",
            Kind::Goal => "goals",
            Kind::Reflection => "reflections",
            Kind::Milestone => "journey",
            Kind::Share => "share",
            Kind::Page | Kind::Home => "pages",
        }
    }

    pub fn from_folder(folder: &str) -> Option<Kind> {
        Some(match folder {
            "achievements" => Kind::Achievement,
            "goals" => Kind::Goal,
            "reflections" => Kind::Reflection,
            "journey" => Kind::Milestone,
            "share" => Kind::Share,
            "pages" => Kind::Page,
            _ => return None,
        })
    }

    /// Kinds whose `date` is required.
    pub(crate) fn needs_date(self) -> bool {
        matches!(self, Kind::Achievement | Kind::Reflection | Kind::Milestone)
    }
}

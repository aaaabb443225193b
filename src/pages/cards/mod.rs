//! Link-preview cards: the 1200×630 PNG each page names as its `og:image`.
//! This module decides which card a page shows and what the card says,
//! from the site model alone (so only what `privacy::visible` let through):
//! home, the journey, goals and each goal, skills, each share page and each
//! featured achievement have their own; every other page shows its
//! section's. A sealed page shows the one sealed card, which says "A sealed
//! page" and the owner's name, nothing else. [`draw`] fills the theme's
//! `card.svg` and rasterises it.

pub(crate) mod draw;
#[cfg(test)]
mod tests;

use serde::Serialize;

use crate::model::kind::Kind;
use crate::model::site::Site;
use crate::model::urls::{self, Section};
use crate::pages::plan::PageRef;

/// A card's size, as `og:image:width` and `og:image:height` say.
pub(crate) const WIDTH: u32 = 1200;
pub(crate) const HEIGHT: u32 = 630;

/// Which card a page shows: cheap to make for every page, and what tells
/// two pages they share one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum CardId {
    Home,
    Section(Section),
    /// The card of `site.entries[n]`: a goal, a featured achievement, a
    /// share page that is not sealed.
    Entry(usize),
    Sealed,
}

/// What a card shows. Every text here reaches the PNG, so every text
/// comes from entries the audience may see.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub(crate) struct Card {
    /// Its file, site-relative: `cards/goals/staff.png`.
    #[serde(skip)]
    pub(crate) file: String,
    /// `home`, `section`, `goal`, `achievement`, `share` or `sealed`.
    pub(crate) kind: &'static str,
    pub(crate) title: String,
    /// The one line beneath the title: an achievement's impact, a goal's
    /// progress, the current role, a share page's period.
    pub(crate) line: String,
    /// The owner's name (the site's title when `author.name` is unset).
    pub(crate) owner: String,
    /// A goal's progress, 0–100, for a bar.
    pub(crate) progress: Option<u8>,
    pub(crate) site_title: String,
}

impl Card {
    /// The image's alternative text: what it says, in words.
    pub(crate) fn alt(&self) -> String {
        let mut alt = self.title.clone();
        if !self.line.is_empty() {
            alt.push_str(" — ");
            alt.push_str(&self.line);
        }
        if !self.owner.is_empty() && self.owner != self.title {
            alt.push_str(" · ");
            alt.push_str(&self.owner);
        }
        alt
    }
}

/// The card of a page.
pub(crate) fn card_of(site: &Site, page: PageRef) -> CardId {
    match page {
        PageRef::Home | PageRef::NotFound | PageRef::Search => CardId::Home,
        PageRef::Achievements => CardId::Section(Section::Achievements),
        PageRef::Entry(n) => {
            let v = site.view(n);
            match v.kind {
                Kind::Goal => CardId::Entry(n),
                Kind::Achievement if v.featured => CardId::Entry(n),
                Kind::Achievement => CardId::Section(Section::Achievements),
                Kind::Reflection => CardId::Section(Section::Reflections),
                _ => CardId::Home,
            }
        }
        PageRef::Goals => CardId::Section(Section::Goals),
        PageRef::Reflections => CardId::Section(Section::Reflections),
        PageRef::Journey => CardId::Section(Section::Journey),
        PageRef::Terms(t) | PageRef::Term(t, _) => CardId::Section(t.section()),
        // A sealed share page's own rendering is sealed; even its card
        // must not name it.
        PageRef::Share(n) if site.view(n).sealed => CardId::Sealed,
        PageRef::Share(n) => CardId::Entry(n),
        PageRef::Ladder | PageRef::Competency(_) => CardId::Section(Section::Ladder),
        PageRef::Sealed(_) => CardId::Sealed,
    }
}

/// The card's file, site-relative.
pub(crate) fn file_of(site: &Site, id: CardId) -> String {
    let name = match id {
        CardId::Home => "home".to_string(),
        CardId::Section(s) => s.name().to_string(),
        CardId::Sealed => "sealed".to_string(),
        CardId::Entry(n) => {
            let v = site.view(n);
            let section = match v.kind {
                Kind::Goal => Section::Goals,
                Kind::Share => Section::Share,
                _ => Section::Achievements,
            };
            format!("{}/{}", section.name(), v.slug)
        }
    };
    urls::card_path(&name)
}

fn owner(site: &Site) -> String {
    site.config
        .author
        .name
        .clone()
        .unwrap_or_else(|| site.config.title.clone())
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// "Staff Engineer at Acme": the current role, as the home page and the
/// journey name it; else the author's headline.
fn role_line(site: &Site) -> String {
    match crate::pages::plan::current_role(site) {
        Some(r) => match (&r.role, &r.org) {
            (Some(role), Some(org)) => format!("{role} at {org}"),
            (Some(role), None) => role.clone(),
            _ => r.title.clone(),
        },
        None => site.config.author.headline.clone().unwrap_or_default(),
    }
}

/// A goal's progress in words: "Active · 60% · due 18 Dec 2026".
fn goal_line(v: &crate::model::site::EntryView) -> String {
    let mut parts: Vec<String> = Vec::new();
    use crate::model::entry::GoalStatus;
    if let Some(s) = v.status {
        parts.push(
            match s {
                GoalStatus::Planned => "Planned",
                GoalStatus::Active => "Active",
                GoalStatus::Achieved => "Achieved",
                GoalStatus::Paused => "Paused",
                GoalStatus::Dropped => "Dropped",
            }
            .to_string(),
        );
    }
    if let Some(p) = v.progress {
        parts.push(format!("{p}% there"));
    }
    if v.status != Some(GoalStatus::Achieved) {
        if let Some(due) = &v.due_human {
            parts.push(format!("due {due}"));
        } else if let Some(h) = v.horizon_label {
            parts.push(h.to_string());
        }
    }
    parts.join(" · ")
}

/// What card `id` shows.
pub(crate) fn card(site: &Site, id: CardId) -> Card {
    let owner = owner(site);
    let progress = match id {
        CardId::Entry(n) if site.view(n).kind == Kind::Goal => site.view(n).progress,
        _ => None,
    };
    let (kind, title, line) = match id {
        CardId::Home => (
            "home",
            site.home
                .map_or_else(|| site.config.title.clone(), |n| site.view(n).title.clone()),
            role_line(site),
        ),
        CardId::Sealed => ("sealed", "A sealed page".to_string(), String::new()),
        CardId::Section(s) => {
            let (title, line) = match s {
                Section::Achievements => (
                    "Achievements",
                    plural(site.achievements.len(), "achievement", "achievements"),
                ),
                Section::Goals => {
                    let active = site
                        .goals
                        .iter()
                        .filter(|&&g| {
                            site.view(g).status == Some(crate::model::entry::GoalStatus::Active)
                        })
                        .count();
                    let achieved = site
                        .goals
                        .iter()
                        .filter(|&&g| {
                            site.view(g).status == Some(crate::model::entry::GoalStatus::Achieved)
                        })
                        .count();
                    (
                        "Goals",
                        format!(
                            "{} · {} achieved",
                            plural(active, "active goal", "active goals"),
                            achieved
                        ),
                    )
                }
                Section::Reflections => (
                    "Reflections",
                    plural(site.reflections.len(), "reflection", "reflections"),
                ),
                Section::Journey => ("Journey", role_line(site)),
                Section::Skills => ("Skills", plural(site.skills.len(), "skill", "skills")),
                Section::Tags => ("Tags", plural(site.tags.len(), "tag", "tags")),
                Section::Ladder => (
                    "Career ladder",
                    site.ladder
                        .as_ref()
                        .map(|l| l.ladder.name.clone())
                        .unwrap_or_default(),
                ),
                Section::Share => ("Shared", String::new()),
            };
            ("section", title.to_string(), line)
        }
        CardId::Entry(n) => {
            let v = site.view(n);
            match v.kind {
                Kind::Goal => ("goal", v.title.clone(), goal_line(v)),
                Kind::Share => {
                    let (from, to) = site.share_period(n);
                    let mut line = format!(
                        "{} – {}",
                        crate::text::human_date(from),
                        crate::text::human_date(to)
                    );
                    if let Some(w) = &v.for_whom {
                        line = format!("For {w} · {line}");
                    }
                    ("share", v.title.clone(), line)
                }
                _ => (
                    "achievement",
                    v.title.clone(),
                    v.impact.clone().unwrap_or_else(|| v.summary.clone()),
                ),
            }
        }
    };
    Card {
        file: file_of(site, id),
        kind,
        title,
        line,
        owner,
        progress,
        site_title: site.config.title.clone(),
    }
}

/// Every card the site's pages show, once each, in the order of the pages.
pub(crate) fn all(site: &Site) -> Vec<Card> {
    let mut seen = rustc_hash::FxHashSet::default();
    crate::pages::plan::pages(site)
        .into_iter()
        .map(|(_, r)| card_of(site, r))
        .filter(|id| seen.insert(*id))
        .map(|id| card(site, id))
        .collect()
}

/// What a page's head says of its card: absolute URL, size, alternative
/// text. `None` with `cards: false`.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct ImageMeta {
    pub(crate) url: String,
    pub(crate) width: u32,
    pub(crate) height: u32,
    pub(crate) alt: String,
}

pub(crate) fn image_meta(site: &Site, page: PageRef) -> Option<ImageMeta> {
    if !site.config.cards {
        return None;
    }
    let card = card(site, card_of(site, page));
    Some(ImageMeta {
        url: site.config.base_url.absolute(&card.file),
        width: WIDTH,
        height: HEIGHT,
        alt: card.alt(),
    })
}

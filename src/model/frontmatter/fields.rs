//! The front-matter keys: the lists a kind may use and the strict serde
//! struct an entry is read into, apart from the reading itself.

use serde::Deserialize;

use crate::model::kind::Kind;

/// Keys every kind accepts.
pub const COMMON_KEYS: &[&str] = &[
    "title",
    "date",
    "summary",
    "tags",
    "draft",
    "visibility",
    "slug",
    "featured",
    "extra",
    "kind",
];

/// Keys a kind accepts beyond the common ones.
pub fn kind_keys(kind: Kind) -> &'static [&'static str] {
    match kind {
        Kind::Achievement => &["impact", "metrics", "skills", "goals", "with", "links"],
        Kind::Goal => &[
            "horizon",
            "due",
            "status",
            "measure",
            "why",
            "parent",
            "progress",
            "achieved_on",
        ],
        Kind::Reflection => &["period", "wellbeing", "mood"],
        Kind::Milestone => &["end", "role", "org", "type"],
        Kind::Share => &["for", "from", "to", "include", "ask", "sealed", "key_salt"],
        Kind::Page | Kind::Home => &[],
    }
}

/// Every key `kind` takes: the common ones, then its own.
pub fn allowed_keys(kind: Kind) -> impl Iterator<Item = &'static str> {
    COMMON_KEYS.iter().chain(kind_keys(kind)).copied()
}

/// A YAML scalar read as text, so `title: 2026` or `period: 2026` work.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Text(pub String);

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl serde::de::Visitor<'_> for V {
            type Value = Text;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a piece of text")
            }
            fn visit_str<E>(self, v: &str) -> Result<Text, E> {
                Ok(Text(v.to_owned()))
            }
            fn visit_string<E>(self, v: String) -> Result<Text, E> {
                Ok(Text(v))
            }
            fn visit_i64<E>(self, v: i64) -> Result<Text, E> {
                Ok(Text(v.to_string()))
            }
            fn visit_u64<E>(self, v: u64) -> Result<Text, E> {
                Ok(Text(v.to_string()))
            }
            fn visit_f64<E>(self, v: f64) -> Result<Text, E> {
                Ok(Text(v.to_string()))
            }
            fn visit_bool<E>(self, v: bool) -> Result<Text, E> {
                Ok(Text(v.to_string()))
            }
        }
        d.deserialize_any(V)
    }
}

impl Text {
    pub fn into_inner(self) -> String {
        self.0
    }
}

#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct RawMetric {
    pub label: Text,
    pub value: Text,
}

#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct RawLink {
    pub label: Text,
    pub url: Text,
}

#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct RawWellbeing {
    pub career: Option<f64>,
    pub health: Option<f64>,
    pub relationships: Option<f64>,
    pub growth: Option<f64>,
    pub purpose: Option<f64>,
}

#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct RawInclude {
    pub tags: Option<Vec<Text>>,
    pub skills: Option<Vec<Text>>,
    pub goals: Option<Vec<Text>>,
    pub featured: Option<bool>,
}

/// Front matter exactly as written: every field optional, unknown keys
/// refused. Which fields a kind may use is checked before this is parsed.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawFrontMatter {
    pub kind: Option<Text>,
    pub title: Option<Text>,
    pub date: Option<Text>,
    pub summary: Option<Text>,
    pub tags: Option<Vec<Text>>,
    pub draft: Option<bool>,
    pub visibility: Option<Text>,
    pub slug: Option<Text>,
    pub featured: Option<bool>,
    pub extra: Option<serde_yaml::Value>,
    pub impact: Option<Text>,
    pub metrics: Option<Vec<RawMetric>>,
    pub skills: Option<Vec<Text>>,
    pub goals: Option<Vec<Text>>,
    pub with: Option<Vec<Text>>,
    pub links: Option<Vec<RawLink>>,
    pub horizon: Option<Text>,
    pub due: Option<Text>,
    pub status: Option<Text>,
    pub measure: Option<Text>,
    pub why: Option<Text>,
    pub parent: Option<Text>,
    pub progress: Option<f64>,
    pub achieved_on: Option<Text>,
    pub period: Option<Text>,
    pub wellbeing: Option<RawWellbeing>,
    pub mood: Option<Text>,
    pub end: Option<Text>,
    pub role: Option<Text>,
    pub org: Option<Text>,
    #[serde(rename = "type")]
    pub milestone_type: Option<Text>,
    #[serde(rename = "for")]
    pub for_whom: Option<Text>,
    pub from: Option<Text>,
    pub to: Option<Text>,
    pub include: Option<RawInclude>,
    pub ask: Option<Text>,
    pub sealed: Option<bool>,
    pub key_salt: Option<Text>,
}

fn fill<T: Clone>(slot: &mut Option<T>, default: &Option<T>) {
    if slot.is_none() {
        slot.clone_from(default);
    }
}

impl RawFrontMatter {
    /// Fills every field the entry left out from the config's per-kind defaults.
    pub fn merge_defaults(&mut self, defaults: &RawFrontMatter) {
        // Destructured so that a new field cannot be forgotten here.
        let RawFrontMatter {
            kind,
            title,
            date,
            summary,
            tags,
            draft,
            visibility,
            slug,
            featured,
            extra,
            impact,
            metrics,
            skills,
            goals,
            with,
            links,
            horizon,
            due,
            status,
            measure,
            why,
            parent,
            progress,
            achieved_on,
            period,
            wellbeing,
            mood,
            end,
            role,
            org,
            milestone_type,
            for_whom,
            from,
            to,
            include,
            ask,
            sealed,
            key_salt,
        } = defaults;
        fill(&mut self.kind, kind);
        fill(&mut self.title, title);
        fill(&mut self.date, date);
        fill(&mut self.summary, summary);
        fill(&mut self.tags, tags);
        fill(&mut self.draft, draft);
        fill(&mut self.visibility, visibility);
        fill(&mut self.slug, slug);
        fill(&mut self.featured, featured);
        fill(&mut self.extra, extra);
        fill(&mut self.impact, impact);
        fill(&mut self.metrics, metrics);
        fill(&mut self.skills, skills);
        fill(&mut self.goals, goals);
        fill(&mut self.with, with);
        fill(&mut self.links, links);
        fill(&mut self.horizon, horizon);
        fill(&mut self.due, due);
        fill(&mut self.status, status);
        fill(&mut self.measure, measure);
        fill(&mut self.why, why);
        fill(&mut self.parent, parent);
        fill(&mut self.progress, progress);
        fill(&mut self.achieved_on, achieved_on);
        fill(&mut self.period, period);
        fill(&mut self.wellbeing, wellbeing);
        fill(&mut self.mood, mood);
        fill(&mut self.end, end);
        fill(&mut self.role, role);
        fill(&mut self.org, org);
        fill(&mut self.milestone_type, milestone_type);
        fill(&mut self.for_whom, for_whom);
        fill(&mut self.from, from);
        fill(&mut self.to, to);
        fill(&mut self.include, include);
        fill(&mut self.ask, ask);
        fill(&mut self.sealed, sealed);
        fill(&mut self.key_salt, key_salt);
    }
}

//! The JSON Resume document (schema 1.0), `resume.json`, as typed structs:
//! what it holds is readable from the types, and only serde writes JSON.
//!
//! The document was first written from `serde_json` maps, which sort their
//! keys; every struct here declares its fields in the byte order of their
//! JSON names so the file stays byte for byte what it was. A unit test
//! holds every struct to that order.

use jiff::civil::Date;
use serde::Serialize;

use crate::model::entry::{GoalStatus, MilestoneType};
use crate::model::site::{EntryView, Site};
use crate::model::urls;
use crate::pages::career;

const SCHEMA: &str =
    "https://raw.githubusercontent.com/jsonresume/resume-schema/v1.0.0/schema.json";

#[derive(Debug, Serialize)]
pub(crate) struct Resume<'a> {
    #[serde(rename = "$schema")]
    pub(crate) schema: &'static str,
    pub(crate) awards: Vec<Award<'a>>,
    pub(crate) basics: Basics<'a>,
    pub(crate) certificates: Vec<Certificate<'a>>,
    pub(crate) education: Vec<Education<'a>>,
    pub(crate) meta: Meta<'a>,
    pub(crate) skills: Vec<Skill>,
    pub(crate) work: Vec<Work<'a>>,
}

/// Who the résumé is of, from the config's author.
#[derive(Debug, Serialize)]
pub(crate) struct Basics<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) email: Option<&'a str>,
    /// The author's headline.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) label: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) location: Option<Location<'a>>,
    pub(crate) name: &'a str,
    pub(crate) profiles: Vec<Profile<'a>>,
    /// The site's description.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) summary: Option<&'a str>,
    /// The site's home page.
    pub(crate) url: String,
}

#[derive(Debug, Serialize)]
pub(crate) struct Location<'a> {
    pub(crate) city: &'a str,
}

/// One of the author's links.
#[derive(Debug, Serialize)]
pub(crate) struct Profile<'a> {
    pub(crate) network: &'a str,
    pub(crate) url: &'a str,
}

/// A role milestone.
#[derive(Debug, Serialize)]
pub(crate) struct Work<'a> {
    #[serde(rename = "endDate", skip_serializing_if = "Option::is_none")]
    pub(crate) end_date: Option<&'a str>,
    /// The achievements dated within the role, as "title: impact".
    pub(crate) highlights: Vec<String>,
    /// The organisation, else the milestone's title.
    pub(crate) name: &'a str,
    /// The role, else the milestone's title.
    pub(crate) position: &'a str,
    #[serde(rename = "startDate")]
    pub(crate) start_date: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) summary: Option<&'a str>,
}

/// An education milestone.
#[derive(Debug, Serialize)]
pub(crate) struct Education<'a> {
    /// The milestone's title.
    pub(crate) area: &'a str,
    #[serde(rename = "endDate", skip_serializing_if = "Option::is_none")]
    pub(crate) end_date: Option<&'a str>,
    /// The organisation, else the milestone's title.
    pub(crate) institution: &'a str,
    #[serde(rename = "startDate")]
    pub(crate) start_date: String,
    /// The milestone's `role`.
    #[serde(rename = "studyType", skip_serializing_if = "Option::is_none")]
    pub(crate) study_type: Option<&'a str>,
}

/// A certification milestone.
#[derive(Debug, Serialize)]
pub(crate) struct Certificate<'a> {
    pub(crate) date: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) issuer: Option<&'a str>,
    pub(crate) name: &'a str,
}

/// An award milestone.
#[derive(Debug, Serialize)]
pub(crate) struct Award<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) awarder: Option<&'a str>,
    pub(crate) date: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) summary: Option<&'a str>,
    pub(crate) title: &'a str,
}

/// A skill by its display name, with the tags its evidence carries most as
/// keywords.
#[derive(Debug, Serialize)]
pub(crate) struct Skill {
    pub(crate) keywords: Vec<String>,
    pub(crate) name: String,
}

#[derive(Debug, Serialize)]
pub(crate) struct Meta<'a> {
    /// Where this document is published.
    pub(crate) canonical: String,
    /// The schema version.
    pub(crate) version: &'static str,
    pub(crate) waymark: Waymark<'a>,
}

/// What the schema has no place for: the north star and the goals.
#[derive(Debug, Serialize)]
pub(crate) struct Waymark<'a> {
    /// How many public achievements there are.
    pub(crate) achievements: usize,
    pub(crate) generator: String,
    pub(crate) goals: Vec<Goal<'a>>,
    pub(crate) north_star: Option<&'a str>,
}

/// A goal. Unlike the schema's fields, these are always present, `null`
/// when unset.
#[derive(Debug, Serialize)]
pub(crate) struct Goal<'a> {
    pub(crate) due: Option<&'a str>,
    pub(crate) horizon: Option<&'static str>,
    pub(crate) progress: Option<u8>,
    pub(crate) slug: &'a str,
    pub(crate) status: Option<GoalStatus>,
    pub(crate) title: &'a str,
    /// Absolute.
    pub(crate) url: &'a str,
}

/// The résumé: basics from the author, work from role milestones with
/// each role's highlights curated as the `cv` document curates them
/// (`resume: { highlights: N }`), education,
/// certificates and awards from those milestones, skills with their
/// evidence as keywords, waymark's own data under `meta.waymark`.
pub(crate) fn resume(site: &Site) -> Resume<'_> {
    let c = &site.config;
    let mut r = Resume {
        schema: SCHEMA,
        awards: Vec::new(),
        basics: basics(site),
        certificates: Vec::new(),
        education: Vec::new(),
        meta: Meta {
            canonical: c.base_url.absolute(urls::RESUME),
            version: "v1.0.0",
            waymark: Waymark {
                achievements: site.achievements.len(),
                generator: format!("waymark {}", env!("CARGO_PKG_VERSION")),
                goals: site.goals.iter().map(|&g| goal(site.view(g))).collect(),
                north_star: c.north_star.as_deref(),
            },
        },
        skills: career::skills(site)
            .into_iter()
            .map(|s| Skill {
                keywords: s.keywords,
                name: s.name,
            })
            .collect(),
        work: Vec::new(),
    };
    let roles = career::roles(site, c.resume_highlights);
    // Newest first, as résumés read.
    for &n in site.milestones.iter().rev() {
        let v = site.view(n);
        let Some(start) = site.dates[n] else { continue };
        let on = start.to_string();
        // Whether a milestone is a role is decided once, by the entry
        // (`model::entry::is_role`); a promotion can be one.
        if v.is_role {
            let picked = roles
                .iter()
                .find(|r| r.milestone == n)
                .map_or(&[][..], |r| &r.highlights[..]);
            r.work.push(work(site, v, start, picked));
            continue;
        }
        match v.milestone_type {
            Some(MilestoneType::Certification) => r.certificates.push(Certificate {
                date: on,
                issuer: v.org.as_deref(),
                name: &v.title,
            }),
            Some(MilestoneType::Award) => r.awards.push(Award {
                awarder: v.org.as_deref(),
                date: on,
                summary: not_empty(&v.summary),
                title: &v.title,
            }),
            Some(MilestoneType::Education) => r.education.push(Education {
                area: &v.title,
                end_date: v.end.as_deref(),
                institution: v.org.as_deref().unwrap_or(&v.title),
                start_date: on,
                study_type: v.role.as_deref(),
            }),
            _ => {}
        }
    }
    r
}

fn basics(site: &Site) -> Basics<'_> {
    let c = &site.config;
    let a = &c.author;
    Basics {
        email: a.email.as_deref(),
        label: a.headline.as_deref(),
        location: a.location.as_deref().map(|city| Location { city }),
        name: a.name.as_deref().unwrap_or(&c.title),
        profiles: a
            .links
            .iter()
            .map(|l| Profile {
                network: &l.label,
                url: &l.url,
            })
            .collect(),
        summary: c.description.as_deref(),
        url: c.base_url.absolute(urls::HOME),
    }
}

/// A role, with its highlights as [`career::roles`] picks them.
fn work<'a>(site: &'a Site, v: &'a EntryView, start: Date, picked: &[usize]) -> Work<'a> {
    let highlights = picked
        .iter()
        .map(|&x| {
            let e = site.view(x);
            match &e.impact {
                Some(i) => format!("{}: {i}", e.title),
                None => e.title.clone(),
            }
        })
        .collect();
    Work {
        end_date: v.end.as_deref(),
        highlights,
        name: v.org.as_deref().unwrap_or(&v.title),
        position: v.role.as_deref().unwrap_or(&v.title),
        start_date: start.to_string(),
        summary: not_empty(&v.summary),
    }
}

fn goal(v: &EntryView) -> Goal<'_> {
    Goal {
        due: v.due.as_deref(),
        horizon: v.horizon,
        progress: v.progress,
        slug: &v.slug,
        status: v.status,
        title: &v.title,
        url: &v.permalink,
    }
}

/// A summary the schema would rather not have than have empty.
fn not_empty(s: &str) -> Option<&str> {
    (!s.is_empty()).then_some(s)
}

/// `resume.json`: the document, pretty-printed, with a final newline.
pub(crate) fn resume_json(site: &Site) -> String {
    let mut s = serde_json::to_string_pretty(&resume(site)).expect("the résumé serialises");
    s.push('\n');
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pages::testing::{CONFIG, md, site};

    /// Every optional field set, so every key of every struct is written.
    const FULL: &str = "title: T\nbase_url: https://a.example/cv/\ndescription: D\nnorth_star: N\nauthor:\n  name: Alex\n  headline: H\n  email: a@b.example\n  location: Lisbon\n  links:\n    - { label: GitHub, url: \"https://github.com/a\" }\n";

    fn journey() -> Vec<(&'static str, String)> {
        vec![
            (
                "content/journey/2020-01-06-eng.md",
                md(
                    "title: Engineer at X\ndate: 2020-01-06\nend: 2023-12-31\nrole: Engineer\norg: X\ntype: role\nsummary: Built things",
                    "",
                ),
            ),
            (
                "content/journey/2024-01-01-lead.md",
                md("title: Lead\ndate: 2024-01-01\ntype: role", ""),
            ),
            (
                "content/journey/2022-03-01-senior.md",
                md(
                    "title: Made senior\ndate: 2022-03-01\nrole: Senior Engineer\ntype: promotion",
                    "",
                ),
            ),
            (
                "content/journey/2021-03-01-bump.md",
                md("title: A bump\ndate: 2021-03-01\ntype: promotion", ""),
            ),
            (
                "content/journey/2012-09-01-bsc.md",
                md(
                    "title: BSc\ndate: 2012-09-01\nend: 2015-07-01\nrole: Bachelor\norg: Uni\ntype: education",
                    "",
                ),
            ),
            (
                "content/journey/2022-05-01-cka.md",
                md(
                    "title: CKA\ndate: 2022-05-01\norg: LF\ntype: certification",
                    "",
                ),
            ),
            (
                "content/journey/2023-05-01-award.md",
                md(
                    "title: Award\ndate: 2023-05-01\norg: Co\ntype: award\nsummary: For reliability",
                    "",
                ),
            ),
            (
                "content/journey/2023-06-01-move.md",
                md("title: Moved\ndate: 2023-06-01\ntype: move", ""),
            ),
            (
                "content/achievements/2021-05-07-one.md",
                md("title: One\nimpact: Cut 30%\nskills: [rust]", "Body."),
            ),
            (
                "content/achievements/2024-02-02-two.md",
                md("title: Two\nskills: [rust, go]", "Body."),
            ),
            (
                "content/goals/g.md",
                md(
                    "title: G\nhorizon: 1y\ndue: 2026-12-31\nstatus: active\nprogress: 40",
                    "",
                ),
            ),
            ("content/goals/bare.md", md("title: Bare", "")),
        ]
    }

    fn build(config: &str) -> Site {
        let files = journey();
        let files: Vec<(&str, &str)> = files.iter().map(|(p, t)| (*p, t.as_str())).collect();
        site(config, &files)
    }

    #[test]
    fn keys_are_written_in_the_order_a_sorted_map_wrote_them() {
        let s = build(FULL);
        let r = resume(&s);
        let typed = serde_json::to_string_pretty(&r).unwrap();
        // A `serde_json::Value` sorts its keys: the old document's order.
        let sorted = serde_json::to_string_pretty(&serde_json::to_value(&r).unwrap()).unwrap();
        assert_eq!(typed, sorted);
        for key in [
            "\"email\"",
            "\"label\"",
            "\"city\"",
            "\"summary\": \"D\"",
            "\"endDate\"",
            "\"studyType\"",
            "\"issuer\"",
            "\"awarder\"",
            "\"north_star\": \"N\"",
        ] {
            assert!(typed.contains(key), "{key} missing from\n{typed}");
        }
        assert!(resume_json(&s).ends_with("}\n"));
    }

    #[test]
    fn work_comes_from_roles_newest_first_with_their_achievements() {
        let s = build(FULL);
        let r = resume(&s);
        let work: Vec<(&str, &str, &str, Option<&str>)> = r
            .work
            .iter()
            .map(|w| (w.name, w.position, w.start_date.as_str(), w.end_date))
            .collect();
        // The promotion with a role is one; the bare promotion and the move
        // are not on the résumé at all.
        assert_eq!(
            work,
            [
                ("Lead", "Lead", "2024-01-01", None),
                ("Made senior", "Senior Engineer", "2022-03-01", None),
                ("X", "Engineer", "2020-01-06", Some("2023-12-31")),
            ]
        );
        // "Two" has no impact, metrics or star: a note, not a highlight.
        assert!(r.work[0].highlights.is_empty());
        assert_eq!(r.work[2].highlights, ["One: Cut 30%"]);
        assert_eq!(r.work[2].summary, Some("Built things"));
        assert_eq!(r.work[0].summary, None);
        assert_eq!(r.education.len(), 1);
        assert_eq!(
            (r.education[0].institution, r.education[0].area),
            ("Uni", "BSc")
        );
        assert_eq!(r.education[0].study_type, Some("Bachelor"));
        assert_eq!(r.certificates[0].issuer, Some("LF"));
        assert_eq!(r.awards[0].summary, Some("For reliability"));
        // Display names, most evidence first; no tags, so no keywords.
        let skills: Vec<(&str, usize)> = r
            .skills
            .iter()
            .map(|s| (s.name.as_str(), s.keywords.len()))
            .collect();
        assert_eq!(skills, [("Rust", 0), ("Go", 0)]);
    }

    #[test]
    fn highlights_are_curated_featured_first_and_nothing_is_dropped() {
        let files = [
            (
                "content/journey/2020-01-01-x.md",
                md(
                    "title: Engineer at X
date: 2020-01-01
end: 2022-12-31
role: Engineer
org: X",
                    "",
                ),
            ),
            (
                "content/journey/2023-01-01-y.md",
                md(
                    "title: Lead at Y
date: 2023-01-01
end: 2024-06-30
role: Lead
org: Y",
                    "",
                ),
            ),
            (
                "content/achievements/2020-05-01-a.md",
                md(
                    "title: Old win
impact: Saved a lot",
                    "",
                ),
            ),
            (
                "content/achievements/2023-02-01-b.md",
                md(
                    "title: Early Y
impact: Shipped B
tags: [platform-work, reliability]
skills: [system-design]",
                    "",
                ),
            ),
            (
                "content/achievements/2023-03-01-c.md",
                md(
                    "title: Big one
featured: true
tags: [platform-work]
skills: [system-design]",
                    "",
                ),
            ),
            (
                "content/achievements/2023-04-01-d.md",
                md(
                    "title: Metric only
metrics:
  - { label: p99, value: 80 ms }",
                    "",
                ),
            ),
            (
                "content/achievements/2023-05-01-e.md",
                md(
                    "title: Week 18 of 2023
summary: A quiet week",
                    "",
                ),
            ),
            (
                "content/achievements/2025-01-10-f.md",
                md(
                    "title: After Y ended
impact: Consulting win",
                    "",
                ),
            ),
        ];
        let files: Vec<(&str, &str)> = files.iter().map(|(p, t)| (*p, t.as_str())).collect();
        let config = format!("{CONFIG}resume: {{ highlights: 2 }}\n");
        let s = site(&config, &files);
        assert_eq!(s.config.resume_highlights, 2);
        let r = resume(&s);
        let y = &r.work[0];
        assert_eq!(y.name, "Y");
        // Featured first, then the newest; two of them; the quiet week is
        // no highlight, and work after the role ended stays with it.
        assert_eq!(y.highlights, ["Big one", "After Y ended: Consulting win"]);
        assert_eq!(r.work[1].highlights, ["Old win: Saved a lot"]);
        let skill = &r.skills[0];
        assert_eq!(skill.name, "System design");
        assert_eq!(skill.keywords, ["Platform work", "Reliability"]);
    }

    #[test]
    fn what_is_unset_is_left_out_except_in_waymarks_own_data() {
        let s = build(CONFIG);
        let json = resume_json(&s);
        let v: serde_json::Value = serde_json::from_str(&json).unwrap();
        let basics = v["basics"].as_object().unwrap();
        let keys: Vec<&str> = basics.keys().map(String::as_str).collect();
        assert_eq!(keys, ["name", "profiles", "url"]);
        assert_eq!(basics["name"], "Test Journal");
        assert_eq!(basics["url"], "https://alex.github.io/career/");
        assert_eq!(
            v["meta"]["canonical"],
            "https://alex.github.io/career/resume.json"
        );
        let goals = &v["meta"]["waymark"]["goals"];
        let bare = goals
            .as_array()
            .unwrap()
            .iter()
            .find(|g| g["slug"] == "bare")
            .unwrap();
        for key in ["due", "horizon", "progress"] {
            assert!(bare[key].is_null(), "{key}: {bare}");
        }
        assert_eq!(v["meta"]["waymark"]["north_star"], serde_json::Value::Null);
        assert_eq!(v["meta"]["waymark"]["achievements"], 2);
        assert!(json.contains("\"progress\": 40,"), "{json}");
    }
}

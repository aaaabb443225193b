//! Advice on content that is valid but probably not what the writer meant:
//! an achievement without its impact line, a goal past its due date that is
//! still active, a goal with no time frame. Warnings, never errors.

use jiff::civil::Date;

use crate::diag::Code;
use crate::diag::Diagnostic;
use crate::model::entry::{Entry, GoalStatus, Horizon, KindMeta};
use crate::model::frontmatter::key_position;
use crate::model::site::Audience;

/// Points at `key`'s value in the entry's front matter, else at its title,
/// else at the opening fence.
fn at_key(e: &Entry, keys: &[&str], d: Diagnostic) -> Diagnostic {
    let o = &e.origin;
    let yaml: String = o
        .text
        .lines()
        .skip(o.yaml_line - 1)
        .take(o.body_line.saturating_sub(o.yaml_line + 1))
        .collect::<Vec<_>>()
        .join("\n");
    for key in keys {
        if let Some(p) = key_position(&yaml, &[key]) {
            let col = if *key == "title" {
                p.key_col
            } else {
                p.value_col
            };
            return d.at(&o.path, &o.text, o.yaml_line + p.line - 1, col);
        }
    }
    d.at(&o.path, &o.text, 1, 1)
}

/// Every warning for the entries the audience would see, plus private ones
/// (they are the writer's own, and `check` is for the writer).
pub fn warnings<'a>(
    entries: impl IntoIterator<Item = &'a Entry>,
    today: Date,
    audience: Audience,
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let mut samples: Vec<&str> = Vec::new();
    for e in entries.into_iter().filter(|e| !e.draft || audience.drafts) {
        // Only published samples: a private one reaches nobody.
        if !e.private && crate::model::starter::is_unchanged_sample(&e.origin.path, &e.origin.text)
        {
            samples.push(e.origin.path.as_str());
        }
        match &e.meta {
            KindMeta::Achievement { impact: None, .. } => out.push(
                at_key(
                    e,
                    &["impact", "title"],
                    Diagnostic::warning(Code::MissingImpact, "this achievement has no impact line"),
                )
                .with_help(
                    "add the measurable result in one line, e.g. `impact: \"p99 checkout 840 ms → 310 ms\"`",
                ),
            ),
            KindMeta::Goal {
                status: GoalStatus::Active,
                due: Some(due),
                ..
            } if *due < today => out.push(
                at_key(
                    e,
                    &["due"],
                    Diagnostic::warning(
                        Code::GoalOverdue,
                        format!("this goal was due on {due} and is still active"),
                    ),
                )
                .with_help(
                    "if it is done, set `status: achieved` and `achieved_on:`; if not, move `due` or set `status: paused` or `dropped`",
                ),
            ),
            KindMeta::Goal {
                horizon: None,
                due: None,
                ..
            } => out.push(
                at_key(
                    e,
                    &["title"],
                    Diagnostic::warning(
                        Code::GoalWithoutHorizon,
                        "this goal has neither a `horizon` nor a `due` date",
                    ),
                )
                .with_help(format!(
                    "add `horizon:` ({}) or `due: YYYY-MM-DD`, so it has a place on the goals page",
                    Horizon::ALL
                        .iter()
                        .rev()
                        .map(|h| h.code())
                        .collect::<Vec<_>>()
                        .join(", ")
                )),
            ),
            KindMeta::Milestone { blank, .. } => {
                for key in blank {
                    out.push(
                        at_key(
                            e,
                            &[key],
                            Diagnostic::warning(
                                Code::BlankMilestone,
                                format!("`{key}` is empty: this milestone is not shown as a role, nor listed as a job in resume.json"),
                            ),
                        )
                        .with_help(format!(
                            "fill in `{key}:` (e.g. {}), or delete the line",
                            if *key == "role" { "\"Senior Engineer\"" } else { "\"Acme\"" }
                        )),
                    );
                }
            }
            _ => {}
        }
    }
    // One warning for all of them: a new site has eight.
    if let Some(first) = samples.first() {
        out.push(
            Diagnostic::warning(
                Code::SampleUnchanged,
                match samples.len() {
                    1 => "one of `waymark init`'s sample entries is unchanged and published: its numbers and names are made up".to_string(),
                    n => format!("{n} of `waymark init`'s sample entries are unchanged and published: their numbers and names are made up"),
                },
            )
            .at_path(*first)
            .with_help(format!(
                "make them your own, or delete them (the site builds without them): {}",
                samples.join(", ")
            )),
        );
    }
    out
}

/// Warns while the config still holds what `init` wrote in place of the
/// writer's own: the base URL (every shared link would point at no one's
/// site) and the author's name (on every page, card and résumé).
///
/// `read_text` gives the config's text, to point at the line; it is called
/// only when there is something to say, so a build of a finished site does
/// not read the file a second time.
pub(crate) fn config_warnings(
    config: &crate::model::config::Config,
    read_text: impl FnOnce() -> String,
) -> Vec<Diagnostic> {
    use crate::model::config::CONFIG_FILE;
    use crate::model::starter::{PLACEHOLDER_AUTHOR, PLACEHOLDER_HOST};
    let placeholder_url = config
        .base_url
        .origin()
        .ends_with(&format!("//{PLACEHOLDER_HOST}"));
    let placeholder_author = config.author.name.as_deref() == Some(PLACEHOLDER_AUTHOR);
    if !placeholder_url && !placeholder_author {
        return Vec::new();
    }
    let text = read_text();
    let text = text.as_str();
    let at = |keys: &[&str], d: Diagnostic| match key_position(text, keys) {
        Some(p) => d.at(CONFIG_FILE, text, p.line, p.value_col),
        None => d.at_path(CONFIG_FILE),
    };
    let mut out = Vec::new();
    if placeholder_url {
        out.push(
            at(
                &["base_url"],
                Diagnostic::warning(
                    Code::PlaceholderBaseUrl,
                    format!(
                        "`base_url` is still the placeholder `init` wrote ({}): links printed or built from it lead nowhere",
                        config.base_url.absolute("")
                    ),
                ),
            )
            .with_help(
                "set it to where the site is published, e.g. `base_url: \"https://<user>.github.io/<repository>/\"` (the GitHub workflow passes the real one with --base-url)",
            ),
        );
    }
    if placeholder_author {
        out.push(
            at(
                &["author", "name"],
                Diagnostic::warning(
                    Code::PlaceholderAuthor,
                    format!("`author.name` is still \"{PLACEHOLDER_AUTHOR}\""),
                ),
            )
            .with_help("put your name there: it heads every page, the feed and resume.json"),
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::entry::{ResolveInput, resolve};
    use crate::model::kind::Kind;

    fn entry(path: &str, text: &str, kind: Kind) -> Entry {
        let text: std::sync::Arc<str> = text.into();
        let parsed = crate::model::frontmatter::parse(path, &text, Some(kind))
            .ok()
            .unwrap();
        let stem = path.rsplit('/').next().unwrap().trim_end_matches(".md");
        resolve(
            ResolveInput {
                parsed,
                text: &text,
                path: path.to_string(),
                link_path: path.to_string(),
                stem: stem.to_string(),
                in_private_dir: false,
                is_home: false,
            },
            None,
        )
        .unwrap()
    }

    fn codes(entries: &[Entry], drafts: bool) -> Vec<(&'static str, usize)> {
        let today = "2026-03-06".parse().unwrap();
        let audience = Audience {
            drafts,
            private: false,
            local: false,
        };
        warnings(entries, today, audience)
            .into_iter()
            .map(|d| (d.code.as_str(), d.line))
            .collect()
    }

    #[test]
    fn warns_about_missing_impact_overdue_and_timeless_goals() {
        let entries = [
            entry(
                "a/2026-01-01-x.md",
                "---\ntitle: X\nimpact: \"\"\n---\n",
                Kind::Achievement,
            ),
            entry(
                "a/2026-01-02-y.md",
                "---\ntitle: Y\nimpact: fast\n---\n",
                Kind::Achievement,
            ),
            entry(
                "g/late.md",
                "---\ntitle: Late\ndue: 2026-03-05\n---\n",
                Kind::Goal,
            ),
            entry(
                "g/today.md",
                "---\ntitle: Today\ndue: 2026-03-06\n---\n",
                Kind::Goal,
            ),
            entry(
                "g/done.md",
                "---\ntitle: Done\ndue: 2026-01-01\nstatus: achieved\n---\n",
                Kind::Goal,
            ),
            entry("g/someday.md", "---\ntitle: Someday\n---\n", Kind::Goal),
            entry(
                "g/dropped.md",
                "---\ntitle: Dropped\nstatus: dropped\nhorizon: 1y\n---\n",
                Kind::Goal,
            ),
        ];
        assert_eq!(
            codes(&entries, false),
            [
                ("missing-impact", 3),
                ("goal-overdue", 3),
                ("goal-without-horizon", 2)
            ]
        );
    }

    #[test]
    fn drafts_only_with_drafts() {
        let entries = [entry(
            "a/2026-01-01-x.md",
            "---\ntitle: X\ndraft: true\n---\n",
            Kind::Achievement,
        )];
        assert!(codes(&entries, false).is_empty());
        assert_eq!(codes(&entries, true), [("missing-impact", 2)]);
    }
}

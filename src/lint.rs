//! Advice on content that is valid but probably not what the writer meant:
//! an achievement without its impact line, a goal past its due date that is
//! still active, a goal with no time frame. Warnings, never errors.

use jiff::civil::Date;

use crate::diag::Diagnostic;
use crate::entry::{Entry, GoalStatus, Horizon, KindMeta};
use crate::frontmatter::key_position;
use crate::site::Audience;

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
pub fn warnings(entries: &[Entry], today: Date, audience: Audience) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for e in entries.iter().filter(|e| !e.draft || audience.drafts) {
        match &e.meta {
            KindMeta::Achievement { impact: None, .. } => out.push(
                at_key(
                    e,
                    &["impact", "title"],
                    Diagnostic::warning("missing-impact", "this achievement has no impact line"),
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
                        "goal-overdue",
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
                        "goal-without-horizon",
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
            _ => {}
        }
    }
    out
}

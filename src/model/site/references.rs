//! References between entries: the goals an achievement or share page
//! names, a goal's parent, and cycles in the goal tree. A public entry that
//! names a private goal shows no trace of it, and this says so.

use std::collections::BTreeSet;
use std::sync::Arc;

use super::links::Index;
use super::point;
use crate::diag::Code;
use crate::diag::{Diagnostic, nearest};
use crate::model::entry::{Entry, KindMeta};

/// Every reference problem: unknown goals and parents (errors, with the
/// nearest slug), hidden goals named by visible entries (warnings), and
/// each cycle once.
pub(super) fn check(
    entries: &[Arc<Entry>],
    index: &Index,
    visible: &[bool],
    diags: &mut Vec<Diagnostic>,
) {
    let goal_slugs = &index.goal_slugs;
    let unknown_goal = |e: &Entry, key: &str, slug: &str| {
        let mut d = point(
            e,
            key,
            slug,
            Diagnostic::error(Code::UnknownGoal, format!("`{slug}` names no goal")).about(slug),
        );
        let near = nearest(slug, goal_slugs.iter().copied());
        d.suggestion = near.map(str::to_string);
        d.help = Some(match near {
            Some(n) => format!("did you mean `{n}`?"),
            None if goal_slugs.is_empty() => {
                "there are no goals yet: add one in content/goals/".to_string()
            }
            None => format!("goals are: {}", goal_slugs.join(", ")),
        });
        d
    };
    let hidden_goal = |e: &Entry, key: &str, g: &str, effect: &str| {
        point(
            e,
            key,
            g,
            Diagnostic::warning(
                Code::GoalHidden,
                format!("the goal `{g}` is private or a draft: {effect}"),
            ),
        )
        .with_help(format!(
            "the public page leaves the goal out: make the goal public, or remove it from `{key}:`"
        ))
    };
    let goal_index = &index.goal_index;
    for (i, e) in entries.iter().enumerate() {
        match &e.meta {
            KindMeta::Achievement { goals, .. } => {
                for g in goals {
                    match goal_index.get(g.as_str()) {
                        None => diags.push(unknown_goal(e, "goals", g)),
                        Some(&gi) if visible[i] && !visible[gi] => diags.push(hidden_goal(
                            e,
                            "goals",
                            g,
                            "this achievement will not name it",
                        )),
                        _ => {}
                    }
                }
            }
            KindMeta::Goal {
                parent: Some(p), ..
            } => match goal_index.get(p.as_str()) {
                None => {
                    let mut d = unknown_goal(e, "parent", p);
                    d.code = Code::UnknownParent;
                    diags.push(d);
                }
                Some(&pi) if visible[i] && !visible[pi] => diags.push(hidden_goal(
                    e,
                    "parent",
                    p,
                    "this goal is shown without it, as a goal of its own",
                )),
                _ => {}
            },
            KindMeta::Share { include, .. } => {
                for g in &include.goals {
                    match goal_index.get(g.as_str()) {
                        None => diags.push(unknown_goal(e, "include", g)),
                        Some(&gi) if visible[i] && !visible[gi] => diags.push(hidden_goal(
                            e,
                            "include",
                            g,
                            "this page selects nothing by it",
                        )),
                        _ => {}
                    }
                }
            }
            _ => {}
        }
    }
    cycles(entries, index, diags);
}

/// Cycles in the goal tree, each reported once, at the goal whose parent
/// closes it.
fn cycles(entries: &[Arc<Entry>], index: &Index, diags: &mut Vec<Diagnostic>) {
    let goal_index = &index.goal_index;
    let mut reported: BTreeSet<Vec<&str>> = BTreeSet::new();
    for &slug in &index.goal_slugs {
        let start = goal_index[slug];
        let mut chain = vec![slug];
        let mut cur = start;
        while let KindMeta::Goal {
            parent: Some(p), ..
        } = &entries[cur].meta
        {
            let Some(&next) = goal_index.get(p.as_str()) else {
                break;
            };
            if next == start {
                let mut cycle = chain.clone();
                cycle.sort_unstable();
                if reported.insert(cycle) {
                    let mut shown = chain.clone();
                    shown.push(slug);
                    diags.push(
                        point(
                            &entries[start],
                            "parent",
                            p,
                            Diagnostic::error(
                                Code::GoalCycle,
                                format!("the goal tree has a cycle: {}", shown.join(" → ")),
                            ),
                        )
                        .with_help("a goal's `parent` must be a longer-term goal that does not lead back to it"),
                    );
                }
                break;
            }
            if chain.contains(&entries[next].slug.as_str()) || chain.len() > goal_index.len() {
                break;
            }
            chain.push(&entries[next].slug);
            cur = next;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{base, entries};
    use super::*;

    fn problems(files: &[(&str, &str)], visible: &[bool]) -> Vec<(&'static str, String, usize)> {
        let es = entries(files);
        let index = Index::new(&es, &base());
        let mut diags = Vec::new();
        check(&es, &index, visible, &mut diags);
        diags
            .into_iter()
            .map(|d| (d.code.as_str(), d.path.unwrap_or_default(), d.line))
            .collect()
    }

    #[test]
    fn unknown_goals_and_parents_are_errors_with_the_nearest_slug() {
        let es = entries(&[
            ("content/goals/staff.md", "---\ntitle: Staff\n---\n"),
            (
                "content/goals/slos.md",
                "---\ntitle: SLOs\nparent: staf\n---\n",
            ),
            (
                "content/achievements/2026-01-01-a.md",
                "---\ntitle: A\ngoals: [slo]\n---\n",
            ),
        ]);
        let index = Index::new(&es, &base());
        let mut diags = Vec::new();
        check(&es, &index, &[true, true, true], &mut diags);
        let got: Vec<(&str, Option<&str>)> = diags
            .iter()
            .map(|d| (d.code.as_str(), d.help.as_deref()))
            .collect();
        assert_eq!(
            got,
            vec![
                ("unknown-parent", Some("did you mean `staff`?")),
                ("unknown-goal", Some("did you mean `slos`?")),
            ]
        );
    }

    #[test]
    fn a_visible_entry_naming_a_hidden_goal_is_warned_and_a_hidden_one_is_not() {
        let files = [
            ("content/goals/secret.md", "---\ntitle: S\n---\n"),
            (
                "content/achievements/2026-01-01-a.md",
                "---\ntitle: A\ngoals: [secret]\n---\n",
            ),
        ];
        assert_eq!(
            problems(&files, &[false, true]),
            vec![(
                "goal-hidden",
                "content/achievements/2026-01-01-a.md".into(),
                3
            )]
        );
        assert!(problems(&files, &[false, false]).is_empty());
    }

    #[test]
    fn a_cycle_is_reported_once() {
        let files = [
            ("content/goals/a.md", "---\ntitle: A\nparent: b\n---\n"),
            ("content/goals/b.md", "---\ntitle: B\nparent: c\n---\n"),
            ("content/goals/c.md", "---\ntitle: C\nparent: a\n---\n"),
        ];
        let got = problems(&files, &[true; 3]);
        assert_eq!(got.len(), 1, "{got:?}");
        assert_eq!(got[0].0, "goal-cycle");
    }
}

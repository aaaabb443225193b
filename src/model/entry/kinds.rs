//! The resolve step of each kind: its raw fields, exactly (each step
//! destructures its kind's raw struct, so a field added to the table in
//! `frontmatter/fields.rs` stops the build here until it is resolved), into
//! its [`KindMeta`] variant. A value's own default (`status` is `active`,
//! `sealed` is false) is decided here.

use super::check::Fm;
use super::{
    GoalStatus, Horizon, KindMeta, Layout, Link, Metric, MilestoneType, ShareInclude, Wellbeing,
    is_role, list, opt,
};
use crate::diag::{Code, Diagnostic};
use crate::model::frontmatter::{
    RawAchievement, RawGoal, RawKindFields, RawMilestone, RawReflection, RawShare, RawShared, Text,
};
use crate::model::period::{PERIOD_FORMS, Period};

/// The fields of the entry's own kind (and the shared keys it takes).
pub(super) fn resolve_meta(fm: &mut Fm, own: RawKindFields, shared: RawShared) -> KindMeta {
    let RawShared { period } = shared;
    match own {
        RawKindFields::Achievement(raw) => resolve_achievement(raw),
        RawKindFields::Goal(raw) => resolve_goal(fm, raw),
        RawKindFields::Reflection(raw) => resolve_reflection(fm, raw, period),
        RawKindFields::Milestone(raw) => resolve_milestone(fm, raw),
        RawKindFields::Share(raw) => resolve_share(fm, raw, period),
        RawKindFields::CommonOnly => KindMeta::Page,
    }
}

fn resolve_achievement(raw: RawAchievement) -> KindMeta {
    let RawAchievement {
        impact,
        metrics,
        skills,
        goals,
        with,
        links,
        evidence,
        context,
    } = raw;
    KindMeta::Achievement {
        context: opt(context),
        impact: opt(impact),
        metrics: metrics
            .unwrap_or_default()
            .into_iter()
            .map(|m| Metric {
                label: m.label.0,
                value: m.value.0,
            })
            .collect(),
        skills: list(skills),
        goals: list(goals),
        with: list(with),
        evidence: list(evidence),
        links: links
            .unwrap_or_default()
            .into_iter()
            .map(|l| Link {
                label: l.label.0,
                url: l.url.0,
            })
            .collect(),
    }
}

fn resolve_goal(fm: &mut Fm, raw: RawGoal) -> KindMeta {
    let RawGoal {
        horizon,
        due,
        status,
        measure,
        why,
        parent,
        progress,
        achieved_on,
    } = raw;
    let horizon = fm.choice(
        "horizon",
        horizon,
        Horizon::parse,
        &["30d", "3m", "6m", "1y", "3y", "5y", "10y"],
    );
    let due = fm.date("due", due).map(|d| d.date);
    let status = fm
        .choice("status", status, GoalStatus::parse, &GoalStatus::NAMES)
        .unwrap_or(GoalStatus::Active);
    let progress = fm.score(&["progress"], progress, 0.0, 100.0);
    let achieved_on = fm.date("achieved_on", achieved_on).map(|d| d.date);
    KindMeta::Goal {
        horizon,
        due,
        status,
        measure: opt(measure),
        why: opt(why),
        parent: opt(parent).map(|p| p.trim().to_string()),
        progress,
        achieved_on,
    }
}

fn resolve_reflection(fm: &mut Fm, raw: RawReflection, period: Option<Text>) -> KindMeta {
    let RawReflection { wellbeing, mood } = raw;
    let wellbeing = wellbeing.map(|w| Wellbeing {
        career: fm.score(&["wellbeing", "career"], w.career, 1.0, 10.0),
        health: fm.score(&["wellbeing", "health"], w.health, 1.0, 10.0),
        relationships: fm.score(&["wellbeing", "relationships"], w.relationships, 1.0, 10.0),
        growth: fm.score(&["wellbeing", "growth"], w.growth, 1.0, 10.0),
        purpose: fm.score(&["wellbeing", "purpose"], w.purpose, 1.0, 10.0),
    });
    KindMeta::Reflection {
        period: opt(period),
        wellbeing,
        mood: opt(mood),
    }
}

fn resolve_milestone(fm: &mut Fm, raw: RawMilestone) -> KindMeta {
    let RawMilestone {
        end,
        role,
        org,
        milestone_type,
    } = raw;
    let blank: Vec<&'static str> = [("role", &role), ("org", &org)]
        .into_iter()
        .filter(|(_, t)| t.as_ref().is_some_and(|t| t.0.trim().is_empty()))
        .map(|(k, _)| k)
        .collect();
    let role = opt(role);
    // A milestone that names a role and no type is that role, for
    // the chart, the current role and resume.json alike.
    let milestone_type = fm
        .choice(
            "type",
            milestone_type,
            MilestoneType::parse,
            &MilestoneType::NAMES,
        )
        .or(role.as_ref().map(|_| MilestoneType::Role));
    KindMeta::Milestone {
        end: fm.date("end", end).map(|d| d.date),
        is_role: is_role(milestone_type, role.is_some(), !blank.is_empty()),
        role,
        org: opt(org),
        milestone_type,
        blank,
    }
}

fn resolve_share(fm: &mut Fm, raw: RawShare, period: Option<Text>) -> KindMeta {
    let RawShare {
        for_whom,
        from,
        to,
        include,
        ask,
        sealed,
        key_salt,
        layout,
        target,
        highlights,
    } = raw;
    let include = include.unwrap_or_default();
    let layout = fm
        .choice("layout", layout, Layout::parse, &Layout::NAMES)
        .unwrap_or_default();
    let dates_given = from.is_some() || to.is_some();
    let mut from = fm.date("from", from).map(|d| d.date);
    let mut to = fm.date("to", to).map(|d| d.date);
    let period = period.and_then(|p| match Period::parse(&p.0) {
        Some(p) => Some(p),
        None => {
            let d = fm.at(
                &["period"],
                Diagnostic::error(
                    Code::InvalidValue,
                    format!("`{}` is not a valid `period`", p.0),
                )
                .with_help(PERIOD_FORMS),
            );
            fm.errors.push(d);
            None
        }
    });
    if let Some(p) = &period {
        if dates_given {
            let d = fm.at(
                &["period"],
                Diagnostic::error(
                    Code::InvalidValue,
                    "`period` and `from`/`to` both say when this page covers",
                )
                .with_help("keep one: `period: 2026-H2`, or `from:` and `to:` dates"),
            );
            fm.errors.push(d);
        } else {
            from = Some(p.from);
            to = Some(p.to);
        }
    }
    if let (Some(f), Some(t)) = (from, to)
        && f > t
        && period.is_none()
    {
        let d = fm.at(
            &["from"],
            Diagnostic::warning(
                Code::MatchesNothing,
                format!("`from` ({f}) is after `to` ({t}): the period holds no day"),
            )
            .with_help("swap the two dates"),
        );
        fm.errors.push(d);
    }
    KindMeta::Share {
        layout,
        period,
        target: opt(target).map(|t| t.trim().to_string()),
        highlights: fm.score(&["highlights"], highlights, 1.0, 20.0),
        for_whom: opt(for_whom),
        from,
        to,
        include: ShareInclude {
            tags: list(include.tags),
            skills: list(include.skills),
            goals: list(include.goals),
            featured: include.featured,
            competencies: list(include.competencies),
        },
        ask: opt(ask),
        sealed: sealed.unwrap_or(false),
        key_salt: opt(key_salt),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::entry::check::{codes, text};

    fn fm(yaml: &str) -> Fm<'_> {
        Fm::of(yaml)
    }

    #[test]
    fn a_goals_problems_come_in_the_order_of_its_keys() {
        let yaml = "horizon: 2y\ndue: soon\nstatus: x\nprogress: 101\nachieved_on: x\n";
        let mut f = fm(yaml);
        let raw = RawGoal {
            horizon: text("2y"),
            due: text("soon"),
            status: text("x"),
            progress: Some(101.0),
            achieved_on: text("x"),
            ..Default::default()
        };
        let KindMeta::Goal { status, .. } = resolve_goal(&mut f, raw) else {
            panic!("a goal")
        };
        assert_eq!(status, GoalStatus::Active);
        assert_eq!(
            codes(&f),
            [
                ("invalid-value", 1),
                ("invalid-date", 2),
                ("invalid-value", 3),
                ("out-of-range", 4),
                ("invalid-date", 5)
            ]
        );
    }

    #[test]
    fn a_milestone_with_a_role_is_one_unless_left_blank() {
        let mut f = fm("role: Eng\n");
        let raw = RawMilestone {
            role: text("Eng"),
            ..Default::default()
        };
        let KindMeta::Milestone {
            milestone_type,
            is_role,
            blank,
            ..
        } = resolve_milestone(&mut f, raw)
        else {
            panic!("a milestone")
        };
        assert_eq!((milestone_type, is_role), (Some(MilestoneType::Role), true));
        assert!(blank.is_empty());
        let raw = RawMilestone {
            milestone_type: text("role"),
            role: text(" "),
            org: text(""),
            ..Default::default()
        };
        let KindMeta::Milestone { is_role, blank, .. } = resolve_milestone(&mut f, raw) else {
            panic!("a milestone")
        };
        assert!(!is_role);
        assert_eq!(blank, ["role", "org"]);
        // `type` is checked before `end`, as the keys are usually written.
        let mut f = fm("type: job\nend: later\n");
        let raw = RawMilestone {
            milestone_type: text("job"),
            end: text("later"),
            ..Default::default()
        };
        resolve_milestone(&mut f, raw);
        assert_eq!(codes(&f), [("invalid-value", 1), ("invalid-date", 2)]);
        assert_eq!(
            f.errors[0].help.as_deref().unwrap(),
            "did you mean `role`? allowed: role, promotion, education, certification, award, move"
        );
    }
}

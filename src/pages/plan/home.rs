//! The home page: the intro, the latest achievements, the active goals,
//! the writing habit and the current role.

use super::goals::active_goals;
use super::journey::current_role;
use super::{Data, PageMeta, PageRef, Planned, meta, pick};
use crate::model::entry::GoalStatus;
use crate::model::site::Site;

pub(super) fn plan_home(site: &Site, file: String) -> Planned<'_> {
    let achievements = &site.achievements;
    let goals = pick(site, &site.goals);
    let active_goal_count = goals
        .iter()
        .filter(|g| g.status == Some(GoalStatus::Active))
        .count();
    let habit = crate::charts::heatmap::heatmap(site);
    let intro = site.home.map(|n| site.view(n));
    let home_title = intro.map_or_else(|| site.config.title.clone(), |i| i.title.clone());
    Planned {
        file,
        template: "index.html",
        page: PageMeta {
            title: home_title,
            ..meta(
                site,
                PageRef::Home,
                site.config.title.clone(),
                intro.map_or("", |i| i.summary.as_str()),
                "website",
                "home",
            )
        },
        data: Data::Home {
            intro,
            latest: achievements.iter().take(8).map(|&n| site.view(n)).collect(),
            active_goals: active_goals(&goals),
            heatmap_svg: habit.wide,
            heatmap_svg_narrow: habit.narrow,
            streak: habit.streak,
            weeks_active: habit.active,
            achievement_count: achievements.len(),
            active_goal_count,
            current_role: current_role(site),
        },
        sitemap: Some(None),
        seal: None,
    }
}

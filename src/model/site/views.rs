//! Each visible entry's view: its own fields plus what it shows of others
//! (its goals, sub-goals, evidence, terms), made in parallel, or taken from
//! serve's cache while nothing it shows can have changed.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use jiff::civil::Date;
use rayon::prelude::*;
use rustc_hash::FxHashMap as HashMap;

use super::links::Index;
use super::terms::Terms;
use super::tree::{Links, Progress};
use super::{
    CachedModel, CachedView, EntryFields, EntryView, Ref, ShareSpec, Shared, entry_path, hash_of,
};
use crate::model::config::BaseUrl;
use crate::model::entry::{Entry, KindMeta};
use crate::model::kind::Kind;
use crate::model::markdown::{self, Rendered};
use crate::model::source::Asset;
use crate::text::human_date;

/// Everything views are made from.
pub(super) struct Inputs<'a> {
    pub(crate) entries: &'a [Arc<Entry>],
    pub(crate) rendered: &'a [Arc<Rendered>],
    pub(crate) visible: &'a [bool],
    pub(crate) index: &'a Index<'a>,
    pub(crate) base: &'a BaseUrl,
    pub(crate) terms: &'a Terms<'a>,
    pub(crate) progress: &'a Progress,
    pub(crate) links: &'a Links,
    /// One reference per visible goal, shared by every view that links it.
    pub(crate) goal_refs: HashMap<usize, Shared<Ref>>,
}

impl<'a> Inputs<'a> {
    #[allow(clippy::too_many_arguments)]
    pub fn new(
        entries: &'a [Arc<Entry>],
        rendered: &'a [Arc<Rendered>],
        visible: &'a [bool],
        visible_list: &[usize],
        index: &'a Index<'a>,
        base: &'a BaseUrl,
        terms: &'a Terms<'a>,
        progress: &'a Progress,
        links: &'a Links,
    ) -> Inputs<'a> {
        let mut inputs = Inputs {
            entries,
            rendered,
            visible,
            index,
            base,
            terms,
            progress,
            links,
            goal_refs: HashMap::default(),
        };
        inputs.goal_refs = visible_list
            .iter()
            .filter(|&&g| entries[g].kind == Kind::Goal)
            .map(|&g| (g, Shared::new(inputs.make_goal_ref(g))))
            .collect();
        inputs
    }

    fn make_goal_ref(&self, g: usize) -> Ref {
        let e = &self.entries[g];
        let status = match &e.meta {
            KindMeta::Goal { status, .. } => Some(*status),
            _ => None,
        };
        Ref {
            title: e.title.clone(),
            slug: e.slug.clone(),
            url: self.index.urls[g].clone(),
            date: None,
            date_human: None,
            impact: None,
            progress: self.progress.get(&g).and_then(|p| p.0),
            status,
            private: e.private,
        }
    }

    fn goal_ref(&self, g: usize) -> Shared<Ref> {
        match self.goal_refs.get(&g) {
            Some(r) => r.clone(),
            None => Shared::new(self.make_goal_ref(g)),
        }
    }

    fn achievement_ref(&self, a: usize) -> Shared<Ref> {
        let e = &self.entries[a];
        let impact = match &e.meta {
            KindMeta::Achievement { impact, .. } => impact.clone(),
            _ => None,
        };
        Shared::new(Ref {
            title: e.title.clone(),
            slug: e.slug.clone(),
            url: self.index.urls[a].clone(),
            date: e.date.map(|d| d.date.to_string()),
            date_human: e.date.map(|d| human_date(d.date)),
            impact,
            progress: None,
            status: None,
            private: e.private,
        })
    }

    fn visible_goal(&self, slug: &str) -> Option<usize> {
        self.index.visible_goal(self.visible, slug)
    }

    /// The view of entry `i`.
    fn view(&self, i: usize) -> EntryView {
        let mut v = self.common(i);
        let e = &self.entries[i];
        match &e.meta {
            KindMeta::Achievement { .. } => self.achievement(e, &mut v),
            KindMeta::Goal { .. } => self.goal(i, e, &mut v),
            KindMeta::Reflection {
                period,
                wellbeing,
                mood,
            } => {
                v.period = period.clone();
                v.wellbeing = *wellbeing;
                v.mood = mood.clone();
            }
            KindMeta::Milestone {
                end,
                role,
                org,
                milestone_type,
                is_role,
                blank: _,
            } => {
                v.end = end.map(|d| d.to_string());
                v.end_human = end.map(human_date);
                v.role = role.clone();
                v.org = org.clone();
                v.milestone_type = *milestone_type;
                v.is_role = *is_role;
            }
            KindMeta::Share { .. } => share(e, &mut v),
            KindMeta::Page => {}
        }
        EntryView::new(v)
    }

    /// The fields every kind has.
    fn common(&self, i: usize) -> EntryFields {
        let e = &self.entries[i];
        let r = &self.rendered[i];
        let rel = entry_path(e.kind, &e.slug);
        let date = e.date.map(|d| d.date);
        let summary = e
            .summary
            .clone()
            .unwrap_or_else(|| markdown::truncate_words(&r.summary_text, 300));
        let mut tags: Vec<Shared<super::Term>> = Vec::new();
        for t in &e.tags {
            if let Some(p) = self
                .terms
                .slugs
                .get(t.as_str())
                .and_then(|s| self.terms.tag_terms.get(s))
                && !tags.iter().any(|x| x.slug == p.slug)
            {
                tags.push(p.clone());
            }
        }
        EntryFields {
            kind: e.kind,
            slug: e.slug.clone(),
            title: e.title.clone(),
            url: self.index.urls[i].clone(),
            permalink: self.base.absolute(&rel),
            date: date.map(|d| d.to_string()),
            date_human: date.map(human_date),
            year: date.map(|d| d.year()),
            iso_year: date.map(|d| d.iso_week_date().year()),
            iso_week: date.map(|d| d.iso_week_date().week()),
            summary,
            tags,
            featured: e.featured,
            private: e.private,
            draft: e.draft,
            content: r.html.clone(),
            extra: e.extra.clone(),
            impact: None,
            context: None,
            metrics: Vec::new(),
            skills: Vec::new(),
            goals: Vec::new(),
            with: Vec::new(),
            links: Vec::new(),
            horizon: None,
            horizon_label: None,
            due: None,
            due_human: None,
            status: None,
            measure: None,
            why: None,
            parent: None,
            children: Vec::new(),
            evidence: Vec::new(),
            progress: None,
            progress_source: None,
            tasks_done: r.tasks_done,
            tasks_total: r.tasks_total,
            achieved_on: None,
            period: None,
            wellbeing: None,
            mood: None,
            end: None,
            end_human: None,
            role: None,
            org: None,
            milestone_type: None,
            is_role: false,
            for_whom: None,
            from: None,
            to: None,
            ask: None,
            sealed: false,
            layout: None,
            target: None,
            share: None,
            competency_ids: Vec::new(),
        }
    }

    fn achievement(&self, e: &Entry, v: &mut EntryFields) {
        let KindMeta::Achievement {
            impact,
            metrics,
            skills,
            goals,
            with,
            links,
            evidence,
            context,
        } = &e.meta
        else {
            return;
        };
        v.competency_ids = evidence.clone();
        v.context = context.clone();
        v.impact = impact.clone();
        v.metrics = metrics.clone();
        v.skills = skills
            .iter()
            .filter_map(|s| {
                self.terms
                    .slugs
                    .get(s.as_str())
                    .and_then(|slug| self.terms.skill_terms.get(slug))
                    .cloned()
            })
            .collect();
        v.goals = goals
            .iter()
            .filter_map(|g| self.visible_goal(g))
            .map(|g| self.goal_ref(g))
            .collect();
        v.with = with.clone();
        v.links = links.clone();
    }

    fn goal(&self, i: usize, e: &Entry, v: &mut EntryFields) {
        let KindMeta::Goal {
            horizon,
            due,
            status,
            measure,
            why,
            parent,
            progress: _,
            achieved_on,
        } = &e.meta
        else {
            return;
        };
        v.horizon = horizon.map(|h| h.code());
        v.horizon_label = horizon.map(|h| h.label());
        v.due = due.map(|d| d.to_string());
        v.due_human = due.map(human_date);
        v.status = Some(*status);
        v.measure = measure.clone();
        v.why = why.clone();
        v.parent = parent
            .as_deref()
            .and_then(|p| self.visible_goal(p))
            .map(|g| self.goal_ref(g));
        v.children = self
            .links
            .children
            .get(&i)
            .into_iter()
            .flatten()
            .map(|&c| self.goal_ref(c))
            .collect();
        v.evidence = self
            .links
            .evidence
            .get(&i)
            .into_iter()
            .flatten()
            .map(|&a| self.achievement_ref(a))
            .collect();
        let (p, src) = self.progress.get(&i).copied().unwrap_or((None, None));
        v.progress = p;
        v.progress_source = src;
        v.achieved_on = achieved_on.map(|d| d.to_string());
    }
}

fn share(e: &Entry, v: &mut EntryFields) {
    let KindMeta::Share {
        for_whom,
        from,
        to,
        ask,
        sealed,
        include,
        key_salt,
        layout,
        period,
        target,
        highlights,
    } = &e.meta
    else {
        return;
    };
    v.share = Some(ShareSpec {
        include: include.clone(),
        from: *from,
        to: *to,
        sealed: *sealed,
        key_salt: key_salt.clone(),
        path: e.origin.path.clone(),
        layout: *layout,
        period: period.clone(),
        target: target.clone(),
        highlights: *highlights,
    });
    v.layout = Some(*layout);
    v.period = period.as_ref().map(|p| p.label.clone());
    v.target = target.clone();
    v.for_whom = for_whom.clone();
    v.from = from.map(|d| d.to_string());
    v.to = to.map(|d| d.to_string());
    v.ask = ask.clone();
    v.sealed = *sealed;
    // Published (sealed), so not marked as shown only in a private preview.
    if *sealed {
        v.private = false;
    }
}

/// Everything one entry's view shows of other entries comes from their
/// front matter and paths, goals' checklists (progress) and the files
/// beside entries: while all of that stays the same, a view built from the
/// same entry and Markdown is still right.
pub(super) fn structure_key(
    links_key: u64,
    base: &BaseUrl,
    assets: &[Asset],
    entries: &[Arc<Entry>],
    rendered: &[Arc<Rendered>],
) -> u64 {
    hash_of((
        links_key,
        base.absolute(""),
        assets
            .iter()
            .map(|a| (&a.path, a.in_private_dir))
            .collect::<Vec<_>>(),
        entries
            .iter()
            .zip(rendered)
            .map(|(e, r)| {
                (
                    &e.origin.path,
                    &e.origin.text[..e.origin.body_offset],
                    (e.kind == Kind::Goal).then_some((r.tasks_done, r.tasks_total)),
                )
            })
            .collect::<Vec<_>>(),
    ))
}

/// The views of the visible entries, in parallel (they are independent of
/// each other); a view in `reusable` is kept when its entry and Markdown
/// are the very same.
pub(super) fn build(
    inputs: &Inputs,
    visible_list: &[usize],
    reusable: Option<&HashMap<String, CachedView>>,
) -> (Vec<Arc<EntryView>>, usize) {
    let built = AtomicUsize::new(0);
    let views = visible_list
        .par_iter()
        .with_max_len(crate::PAR_CHUNK)
        .map(|&i| {
            let e = &inputs.entries[i];
            let r = &inputs.rendered[i];
            if let Some((pe, pr, pv)) = reusable.and_then(|v| v.get(&e.origin.path))
                && Arc::ptr_eq(pe, e)
                && Arc::ptr_eq(pr, r)
            {
                return pv.clone();
            }
            built.fetch_add(1, Ordering::Relaxed);
            Arc::new(inputs.view(i))
        })
        .collect();
    (views, built.into_inner())
}

/// Keeps the views in serve's cache for the next rebuild.
pub(super) fn remember(
    m: &mut CachedModel,
    key: u64,
    entries: &[Arc<Entry>],
    rendered: &[Arc<Rendered>],
    visible_list: &[usize],
    views: &[Arc<EntryView>],
) {
    if m.structure_key != key {
        m.views.clear();
        m.structure_key = key;
    }
    for (&i, v) in visible_list.iter().zip(views) {
        let path = &entries[i].origin.path;
        let fresh = m.views.get(path).is_some_and(|(_, _, c)| Arc::ptr_eq(c, v));
        if !fresh {
            m.views.insert(
                path.clone(),
                (entries[i].clone(), rendered[i].clone(), v.clone()),
            );
        }
    }
    if m.views.len() > visible_list.len() {
        let present: rustc_hash::FxHashSet<&str> = visible_list
            .iter()
            .map(|&i| entries[i].origin.path.as_str())
            .collect();
        m.views.retain(|p, _| present.contains(p.as_str()));
    }
}

/// Each visible entry's date, and its instant for feeds.
pub(super) fn dates(
    entries: &[Arc<Entry>],
    visible_list: &[usize],
) -> (Vec<Option<Date>>, Vec<Option<String>>) {
    (
        visible_list
            .iter()
            .map(|&i| entries[i].date.map(|d| d.date))
            .collect(),
        visible_list
            .iter()
            .map(|&i| entries[i].date.map(|d| d.rfc3339()))
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use crate::model::site::assemble;

    #[test]
    fn a_goal_view_shows_its_evidence_sub_goals_and_progress_and_shares_its_reference() {
        let es = super::super::testing::entries(&[
            (
                "content/goals/top.md",
                "---\ntitle: Top\nhorizon: 3y\n---\n",
            ),
            (
                "content/goals/step.md",
                "---\ntitle: Step\nparent: top\n---\n- [x] a\n- [ ] b\n",
            ),
            (
                "content/goals/secret.md",
                "---\ntitle: Secret\nparent: top\nvisibility: private\n---\n",
            ),
            (
                "content/achievements/2026-01-01-a.md",
                "---\ntitle: A\nimpact: 3x\ngoals: [step, secret]\nskills: [Go]\n---\n",
            ),
        ]);
        let config = crate::model::config::parse(
            "title: T\nbase_url: https://alex.github.io/career/\n",
            None,
        )
        .unwrap();
        let (s, _) = assemble(
            config,
            es,
            &[],
            Default::default(),
            "2026-06-01".parse().unwrap(),
        );
        let find = |slug: &str| {
            (0..s.entries.len())
                .find(|&n| s.view(n).slug == slug)
                .unwrap()
        };
        let top = s.view(find("top"));
        let step = s.view(find("step"));
        let a = s.view(find("a"));
        assert!(
            s.entries.iter().all(|v| v.slug != "secret"),
            "the private goal has no view"
        );
        assert_eq!(
            top.children
                .iter()
                .map(|c| c.slug.clone())
                .collect::<Vec<_>>(),
            vec!["step"]
        );
        assert_eq!(
            (top.progress, top.progress_source),
            (Some(50), Some("sub-goals"))
        );
        assert_eq!(step.evidence.len(), 1);
        assert_eq!(step.evidence[0].impact.as_deref(), Some("3x"));
        // The achievement names the public goal only, by the same shared
        // reference the parent's view holds.
        assert_eq!(a.goals.len(), 1);
        assert!(std::ptr::eq(&*a.goals[0], &*top.children[0]));
        assert_eq!(a.skills[0].url, "/career/skills/go/");
        assert_eq!(a.permalink, "https://alex.github.io/career/achievements/a/");
    }
}

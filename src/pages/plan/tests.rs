//! The plan on small sites built in memory: which pages there are, where
//! each is written, what its head says, and what the list pages group.

use super::journey::current_role;
use super::*;
use crate::model::entry::GoalStatus;
use crate::model::site::Site;
use crate::pages::testing::{CONFIG, md, site};

/// One of each kind, two skills and a tag, goals in a tree.
fn files() -> Vec<(&'static str, String)> {
    vec![
        ("content/_index.md", md("title: Hi, I'm Alex", "Intro.")),
        (
            "content/achievements/a-one.md",
            md(
                "title: One\ndate: 2026-03-02\nimpact: Cut 30%\nskills: [rust]\ntags: [infra]\ngoals: [root]",
                "Body.",
            ),
        ),
        (
            "content/achievements/a-two.md",
            md("title: Two\ndate: 2026-03-04\nskills: [rust, go]", "Body."),
        ),
        (
            "content/achievements/a-old.md",
            md("title: Old\ndate: 2025-12-30\nskills: [go]", "Body."),
        ),
        (
            "content/goals/root.md",
            md(
                "title: Root\nhorizon: 3y\nstatus: active\ndue: 2028-06-30",
                "",
            ),
        ),
        (
            "content/goals/child.md",
            md(
                "title: Child\nhorizon: 1y\nstatus: planned\nparent: root",
                "",
            ),
        ),
        (
            "content/goals/grandchild.md",
            md("title: Grandchild\nstatus: active\nparent: child", ""),
        ),
        (
            "content/goals/loose.md",
            md("title: Loose\nhorizon: 3m\nstatus: achieved", ""),
        ),
        (
            "content/reflections/q1.md",
            md(
                "title: Q1\ndate: 2026-03-01\nperiod: 2026-Q1\nvisibility: public",
                "Thoughts.",
            ),
        ),
        (
            "content/journey/2020-01-06-eng.md",
            md(
                "title: Engineer at X\ndate: 2020-01-06\nend: 2023-12-31\nrole: Engineer\norg: X\ntype: role",
                "",
            ),
        ),
        (
            "content/journey/2024-01-01-lead.md",
            md(
                "title: Lead at Y\ndate: 2024-01-01\nrole: Lead\norg: Y\ntype: role",
                "",
            ),
        ),
        (
            "content/journey/2027-01-01-next.md",
            md(
                "title: Next at Z\ndate: 2027-01-01\nrole: Next\norg: Z\ntype: role",
                "",
            ),
        ),
        ("content/pages/about.md", md("title: About", "About me.")),
        (
            "content/pages/colophon.md",
            md("title: Colophon\nextra: { nav: false }", "Made with care."),
        ),
        (
            "content/share/promo.md",
            md(
                "title: Promo case\nfor: A reader\nfrom: 2026-01-01\nto: 2026-03-06\nask: Sponsor me?",
                "Hello.",
            ),
        ),
    ]
}

fn build(config: &str) -> Site {
    let files = files();
    let files: Vec<(&str, &str)> = files.iter().map(|(p, t)| (*p, t.as_str())).collect();
    site(config, &files)
}

fn planned<'a>(site: &'a Site, page: PageRef) -> Planned<'a> {
    let (file, _) = pages(site)
        .into_iter()
        .find(|(_, r)| *r == page)
        .unwrap_or_else(|| panic!("no {page:?}"));
    plan_page(site, page, file)
}

fn titles(list: &[&EntryView]) -> Vec<String> {
    list.iter().map(|v| v.title.clone()).collect()
}

#[test]
fn every_page_has_its_file_in_a_stable_order() {
    let site = build(CONFIG);
    let files: Vec<String> = pages(&site).into_iter().map(|(f, _)| f).collect();
    let at = |f: &str| {
        files
            .iter()
            .position(|x| x == f)
            .unwrap_or_else(|| panic!("no {f} in {files:?}"))
    };
    assert_eq!(files[0], "index.html");
    assert_eq!(files[1], "achievements/index.html");
    assert_eq!(files.last().map(String::as_str), Some("404.html"));
    for f in [
        "achievements/a-one/index.html",
        "goals/grandchild/index.html",
        "reflections/q1/index.html",
        "about/index.html",
        "colophon/index.html",
    ] {
        assert!(at(f) > 1 && at(f) < at("goals/index.html"), "{f}");
    }
    let order = [
        "goals/index.html",
        "reflections/index.html",
        "journey/index.html",
        "skills/index.html",
        "skills/go/index.html",
        "skills/rust/index.html",
        "tags/index.html",
        "tags/infra/index.html",
        "share/promo/index.html",
        "404.html",
    ];
    assert!(order.windows(2).all(|w| at(w[0]) < at(w[1])), "{files:?}");
    // Milestones have anchors on the journey page, not pages.
    assert!(!files.iter().any(|f| f.contains('#')), "{files:?}");
    // 3 achievements, 4 goals, a reflection and 2 pages: 10 entry pages.
    assert_eq!(files.len(), 10 + order.len() + 2);
}

#[test]
fn a_page_is_linked_where_it_is_written() {
    let site = build(CONFIG);
    let b = &site.config.base_url;
    for p in plan(&site) {
        let (file, r) = pages(&site)
            .into_iter()
            .find(|(f, _)| *f == p.file)
            .unwrap();
        assert_eq!(urls::page_file(&r.path(&site)), file);
        assert_eq!(p.page.url, b.url(&r.path(&site)), "{file}");
        assert_eq!(p.page.canonical, b.absolute(&r.path(&site)), "{file}");
        assert!(p.page.url.starts_with("/career/"), "{}", p.page.url);
    }
    let goals = planned(&site, PageRef::Goals).page;
    assert_eq!(goals.canonical, "https://alex.github.io/career/goals/");
    let term = planned(&site, PageRef::Term(Taxonomy::Skills, 1)).page;
    assert_eq!(term.url, "/career/skills/rust/");
    // The model links terms the same way (it builds their URLs itself).
    for t in Taxonomy::ALL {
        for p in term_pages(&site, t) {
            let path = urls::term_path(t, &p.term.slug);
            assert_eq!(p.term.url, b.url(&path));
        }
    }
}

#[test]
fn the_site_context_links_the_sections_and_pages() {
    let site = build(CONFIG);
    let ctx = site_ctx(&site);
    let nav: Vec<(&str, &str, &str)> = ctx
        .nav
        .iter()
        .map(|n| (n.label.as_str(), n.url.as_str(), n.section))
        .collect();
    assert_eq!(
        nav,
        [
            ("Home", "/career/", "home"),
            ("Achievements", "/career/achievements/", "achievements"),
            ("Goals", "/career/goals/", "goals"),
            ("Journey", "/career/journey/", "journey"),
            ("Skills", "/career/skills/", "skills"),
            ("Reflections", "/career/reflections/", "reflections"),
            // The colophon opted out of the nav.
            ("About", "/career/about/", "page"),
        ]
    );
    assert_eq!(ctx.base_url, "https://alex.github.io/career/");
    assert_eq!(ctx.base_path, "/career/");
    assert_eq!(ctx.stylesheet, "/career/style.css");
    assert_eq!(ctx.favicon.as_deref(), Some("/career/favicon.svg"));
    assert_eq!(ctx.feed_url.as_deref(), Some("/career/atom.xml"));
    let without_feed = build(&format!("{CONFIG}feed: false\n"));
    assert_eq!(site_ctx(&without_feed).feed_url, None);
    assert_eq!(ctx.today, crate::pages::testing::TODAY);
}

#[test]
fn without_a_public_reflection_there_is_no_reflections_page() {
    // Reflections are private unless they say otherwise.
    let files: Vec<(&str, String)> = files()
        .into_iter()
        .map(|(p, t)| (p, t.replace("visibility: public\n", "")))
        .collect();
    let files: Vec<(&str, &str)> = files.iter().map(|(p, t)| (*p, t.as_str())).collect();
    let site = site(CONFIG, &files);
    assert!(site.reflections.is_empty());
    assert!(
        !pages(&site)
            .iter()
            .any(|(f, _)| f.starts_with("reflections"))
    );
    assert!(!site_ctx(&site).nav.iter().any(|n| n.label == "Reflections"));
}

#[test]
fn the_sitemap_lists_what_is_meant_to_be_found() {
    let site = build(CONFIG);
    let listed = |r: PageRef| planned(&site, r).sitemap;
    assert_eq!(listed(PageRef::NotFound), None);
    let share = site.shares[0];
    assert_eq!(listed(PageRef::Share(share)), None);
    assert_eq!(listed(PageRef::Goals), Some(None));
    // The log and term pages change with their newest entry.
    assert_eq!(
        listed(PageRef::Achievements),
        Some(Some("2026-03-04".into()))
    );
    assert_eq!(
        listed(PageRef::Term(Taxonomy::Skills, 0)),
        Some(Some("2026-03-04".into()))
    );
    let not_found = planned(&site, PageRef::NotFound);
    assert!(not_found.page.noindex);
    assert_eq!(not_found.page.section, "none");
}

#[test]
fn a_share_page_is_unlisted_and_says_what_it_asks() {
    let site = build(CONFIG);
    let n = site.shares[0];
    let p = planned(&site, PageRef::Share(n));
    assert!(p.page.noindex);
    assert_eq!(p.page.url, "/career/share/promo/");
    assert_eq!(p.template, "share.html");
    assert!(p.seal.is_none());
    let Data::Share {
        achievements,
        skills,
        from_human,
        ..
    } = &p.data
    else {
        panic!("{:?}", p.data)
    };
    // The period holds the two March achievements, not December's.
    assert_eq!(titles(achievements), ["Two", "One"]);
    assert_eq!(
        p.page.description,
        "Sponsor me? — 2 achievements from 2026-01-01 to 2026-03-06."
    );
    let skills: Vec<(&str, usize)> = skills.iter().map(|s| (s.name.as_str(), s.count)).collect();
    assert_eq!(skills, [("rust", 2), ("go", 1)]);
    assert_eq!(from_human, "1 Jan 2026");
}

#[test]
fn a_sealed_share_page_is_published_only_as_its_sealed_form_which_tells_a_stranger_nothing() {
    let mut files = files();
    files.push((
        "content/share/sealed.md",
        md(
            "title: Secret case\nfor: B\nfrom: 2026-01-01\nto: 2026-03-06\nsealed: true",
            "Private words.",
        ),
    ));
    let files: Vec<(&str, &str)> = files.iter().map(|(p, t)| (*p, t.as_str())).collect();
    let mut site = site(CONFIG, &files);
    let n = *site
        .shares
        .iter()
        .find(|&&n| site.view(n).slug == "sealed")
        .unwrap();
    // Its own page is rendered only to be sealed: it is not a page of the site.
    assert!(!pages(&site).iter().any(|(_, r)| *r == PageRef::Share(n)));
    let own = plan_page(&site, PageRef::Share(n), "x".into());
    assert_eq!(own.page.title, "Secret case");
    assert!(own.seal.is_none());
    site.sealed.push(crate::seal::Artifact {
        slug: "k7f3q9x2ma".into(),
        format: 2,
        source: None,
        ciphertext: vec![7; 4096 + 28],
    });
    let p = planned(&site, PageRef::Sealed(0));
    assert_eq!(p.file, "share/k7f3q9x2ma/index.html");
    assert_eq!(p.template, "sealed.html");
    assert_eq!(p.seal, Some(&site.sealed[0]));
    assert_eq!(p.page.title, "A sealed page");
    assert!(p.page.noindex);
    assert!(!p.page.description.contains("Secret"));
    assert_eq!(p.page.og_type, "website");
    assert_eq!(
        p.page.canonical,
        "https://alex.github.io/career/share/k7f3q9x2ma/"
    );
    assert_eq!(p.sitemap, None, "never in the sitemap");
}

#[test]
fn the_log_groups_by_year_then_iso_week() {
    let site = build(CONFIG);
    let p = planned(&site, PageRef::Achievements);
    let Data::Achievements { years, total } = &p.data else {
        panic!("{:?}", p.data)
    };
    assert_eq!(*total, 3);
    // One line per week: "year (entries that year) | week | entries".
    let shape: Vec<String> = years
        .iter()
        .flat_map(|y| {
            y.weeks.iter().map(move |w| {
                let titles = titles(&w.entries).join(", ");
                format!("{} ({}) | {} | {titles}", y.year, y.count, w.label)
            })
        })
        .collect();
    assert_eq!(
        shape,
        [
            "2026 (2) | Week 10 · Mar 2–8 | Two, One",
            // 30 Dec 2025 is in ISO week 1 of 2026, which starts in December.
            "2025 (1) | Week 1 · Dec 29–Jan 4 | Old",
        ]
    );
}

#[test]
fn goals_as_a_tree_by_horizon_and_by_status() {
    let site = build(CONFIG);
    let p = planned(&site, PageRef::Goals);
    let Data::Goals {
        horizons,
        unscheduled,
        tree,
        total,
        by_status,
    } = &p.data
    else {
        panic!("{:?}", p.data)
    };
    assert_eq!(*total, 4);
    let rows: Vec<(usize, &str, bool, usize)> = tree
        .iter()
        .map(|r| (r.depth, r.goal.title.as_str(), r.open, r.close))
        .collect();
    // Roots by horizon, the longest first; each followed by its sub-goals,
    // opening a list for them and closing every list it ends.
    assert_eq!(
        rows,
        [
            (0, "Root", true, 0),
            (1, "Child", true, 0),
            (2, "Grandchild", false, 2),
            (0, "Loose", false, 0),
        ]
    );
    let horizons: Vec<(&str, Vec<String>)> = horizons
        .iter()
        .map(|h| (h.code, titles(&h.goals)))
        .collect();
    assert_eq!(
        horizons,
        [
            ("3y", vec!["Root".to_string()]),
            ("1y", vec!["Child".to_string()]),
            ("3m", vec!["Loose".to_string()]),
        ]
    );
    assert_eq!(titles(unscheduled), ["Grandchild"]);
    let counts: Vec<(GoalStatus, usize)> = by_status.iter().map(|c| (c.status, c.count)).collect();
    assert_eq!(
        counts,
        [
            (GoalStatus::Active, 2),
            (GoalStatus::Planned, 1),
            (GoalStatus::Achieved, 1),
        ]
    );
}

#[test]
fn the_journey_counts_quarters_and_knows_the_current_role() {
    let site = build(CONFIG);
    // The role from 2024 has not ended; the one from 2027 has not begun.
    assert_eq!(
        current_role(&site).map(|v| v.title.as_str()),
        Some("Lead at Y")
    );
    let p = planned(&site, PageRef::Journey);
    let Data::Journey {
        quarters,
        ahead,
        milestones,
        ..
    } = &p.data
    else {
        panic!("{:?}", p.data)
    };
    let q: Vec<(&str, usize)> = quarters
        .iter()
        .map(|q| (q.label.as_str(), q.count))
        .collect();
    assert_eq!(q, [("2025 Q4", 1), ("2026 Q1", 2)]);
    assert_eq!(milestones.len(), 3);
    // Ahead: what is active or planned, not what is achieved.
    let ahead: Vec<Vec<String>> = ahead.iter().map(|h| titles(&h.goals)).collect();
    assert_eq!(ahead, [vec!["Root"], vec!["Child"]]);
    assert_eq!(p.page.title, "My Career Journey");
}

#[test]
fn the_home_page_shows_the_intro_and_what_is_active() {
    let site = build(CONFIG);
    let p = planned(&site, PageRef::Home);
    assert_eq!(p.page.title, "Hi, I'm Alex");
    assert_eq!(p.page.url, "/career/");
    let Data::Home {
        latest,
        active_goals,
        active_goal_count,
        achievement_count,
        current_role,
        ..
    } = &p.data
    else {
        panic!("{:?}", p.data)
    };
    assert_eq!(titles(latest), ["Two", "One", "Old"]);
    assert_eq!(*achievement_count, 3);
    assert_eq!(*active_goal_count, 2);
    // The nearest horizon first; a goal without one last.
    assert_eq!(titles(active_goals), ["Root", "Grandchild"]);
    assert_eq!(current_role.map(|v| v.slug.as_str()), Some("lead"));
}

#[test]
fn skills_by_evidence_and_a_page_per_term() {
    let site = build(CONFIG);
    let p = planned(&site, PageRef::Terms(Taxonomy::Skills));
    let Data::Terms { terms, taxonomy } = &p.data else {
        panic!("{:?}", p.data)
    };
    assert_eq!(*taxonomy, "skills");
    let rows: Vec<(&str, usize, Option<&str>)> = terms
        .iter()
        .map(|t| (t.term.name.as_str(), t.term.count, t.first))
        .collect();
    // Both have two entries: the latest use breaks the tie, then the name.
    assert_eq!(
        rows,
        [
            ("go", 2, Some("2025-12-30")),
            ("rust", 2, Some("2026-03-02"))
        ]
    );
    assert_eq!(terms[0].first_human.as_deref(), Some("30 Dec 2025"));
    assert_eq!(p.template, "skills.html");
    let tag = planned(&site, PageRef::Term(Taxonomy::Tags, 0));
    assert_eq!(tag.template, "tag.html");
    assert_eq!(tag.page.title, "Tag: infra");
    assert_eq!(tag.page.description, "Test Journal — 1 entry for infra.");
    let skill = planned(&site, PageRef::Term(Taxonomy::Skills, 1));
    assert_eq!(skill.page.title, "Skill: rust");
    assert_eq!(skill.page.description, "Test Journal — 2 entries for rust.");
    let Data::Term { entries, years, .. } = &skill.data else {
        panic!("{:?}", skill.data)
    };
    assert_eq!(titles(entries), ["Two", "One"]);
    assert_eq!(years.len(), 1);
}

#[test]
fn an_entry_page_takes_its_head_from_the_entry() {
    let site = build(CONFIG);
    let n = site.achievements[0];
    let p = planned(&site, PageRef::Entry(n));
    let v = site.view(n);
    assert_eq!(p.file, "achievements/a-two/index.html");
    assert_eq!(p.template, "achievement.html");
    assert_eq!(p.page.canonical, v.permalink);
    assert_eq!(p.page.og_type, "article");
    assert_eq!(p.sitemap, Some(Some("2026-03-04".into())));
    // An entry without a summary of its own is described by the site.
    let colophon = (0..site.entries.len())
        .find(|&n| site.view(n).slug == "colophon")
        .unwrap();
    let page = planned(&site, PageRef::Entry(colophon));
    assert_eq!(page.template, "page.html");
    assert_eq!(page.page.section, "page");
    assert_eq!(page.page.og_type, "website");
}

/// A road ahead of every kind of goal: due, by horizon only, overdue,
/// reached, paused, undated, behind a private parent, a draft, and the
/// north star as a goal.
fn road_site() -> Site {
    let goal =
        |slug: &'static str, front: &str| (format!("content/goals/{slug}.md"), md(front, ""));
    let files = [
        goal(
            "lead",
            "title: \"Lead a platform team!\"\nhorizon: 10y\nstatus: active\nprogress: 20",
        ),
        goal(
            "staff",
            "title: Become Staff\ndue: 2028-06-30\nstatus: active\nparent: lead",
        ),
        goal(
            "manager",
            "title: Try management\nhorizon: 5y\ndue: 2030-06-30\nstatus: planned\nparent: lead",
        ),
        goal(
            "talk",
            "title: Give a talk\nhorizon: 1y\nstatus: achieved\nachieved_on: 2026-02-10\nparent: staff",
        ),
        goal(
            "blog",
            "title: Blog monthly\nhorizon: 6m\nstatus: paused\nparent: staff",
        ),
        goal(
            "late",
            "title: Finish the doc\ndue: 2026-01-31\nstatus: active\nparent: blog",
        ),
        goal("nodate", "title: Someday\nstatus: active\nparent: staff"),
        goal("done", "title: Done long ago\nstatus: achieved"),
        goal(
            "secret",
            "title: Secret move\nhorizon: 1y\nstatus: active\nvisibility: private\nparent: lead",
        ),
        goal(
            "after-secret",
            "title: After the secret\ndue: 2026-09-01\nstatus: active\nparent: secret",
        ),
        goal(
            "sketch",
            "title: A draft goal\nhorizon: 3m\nstatus: active\ndraft: true\nparent: staff",
        ),
    ];
    let files: Vec<(&str, &str)> = files
        .iter()
        .map(|(p, t)| (p.as_str(), t.as_str()))
        .collect();
    site(
        &format!("{CONFIG}north_star: \"Lead a platform team\"\n"),
        &files,
    )
}

#[test]
fn the_road_places_each_goal_ahead_and_joins_it_along_its_parents() {
    use crate::charts::journey::road::{Placed, Road};
    let site = road_site();
    let road = Road::from_site(&site);
    let placed: Vec<(&str, String, Placed)> = road
        .ahead
        .iter()
        .map(|s| (s.title.as_str(), s.date.to_string(), s.placed))
        .collect();
    assert_eq!(
        placed,
        [
            // Overdue: at today, its due date kept.
            (
                "Finish the doc",
                "2026-03-06".into(),
                Placed::Overdue("2026-01-31".parse().unwrap())
            ),
            ("After the secret", "2026-09-01".into(), Placed::Due),
            ("Become Staff", "2028-06-30".into(), Placed::Due),
            ("Try management", "2030-06-30".into(), Placed::Due),
            // No due date: today plus ten years.
            (
                "Lead a platform team!",
                "2036-03-06".into(),
                Placed::Horizon("10 years")
            ),
        ],
        "no paused, undated, private or draft goal"
    );
    let toward = |t: &str| {
        let s = road.ahead.iter().find(|s| s.title == t).unwrap();
        s.toward.map(|i| road.ahead[i].title.as_str())
    };
    // Past the paused parent to the goal ahead beyond it.
    assert_eq!(toward("Finish the doc"), Some("Become Staff"));
    // A private parent is not there: the route leads to the star.
    assert_eq!(toward("After the secret"), None);
    assert_eq!(toward("Become Staff"), Some("Lead a platform team!"));
    // The goal named like the north star is the star.
    assert_eq!(road.star_goal, Some(4));
    let reached: Vec<(&str, String, Option<usize>)> = road
        .reached
        .iter()
        .map(|s| (s.title.as_str(), s.date.to_string(), s.toward))
        .collect();
    assert_eq!(reached, [("Give a talk", "2026-02-10".into(), Some(2))]);

    // The page says the same, soonest first, with where each leads.
    let p = planned(&site, PageRef::Journey);
    let Data::Journey {
        road,
        reached,
        star_goal,
        ..
    } = &p.data
    else {
        panic!("{:?}", p.data)
    };
    let rows: Vec<(String, &str, &str, Option<&str>, usize)> = road
        .iter()
        .flat_map(|g| {
            g.steps.iter().map(|s| {
                (
                    g.label.clone(),
                    s.goal.title.as_str(),
                    s.placed,
                    s.toward.map(|t| t.title.as_str()),
                    s.routes,
                )
            })
        })
        .collect();
    assert_eq!(
        rows,
        [
            (
                "March 2026".into(),
                "Finish the doc",
                "overdue",
                Some("Become Staff"),
                1
            ),
            // Three routes lead to the star: two goals and this one.
            (
                "September 2026".into(),
                "After the secret",
                "due",
                Some("Lead a platform team!"),
                3
            ),
            (
                "June 2028".into(),
                "Become Staff",
                "due",
                Some("Lead a platform team!"),
                3
            ),
            (
                "June 2030".into(),
                "Try management",
                "due",
                Some("Lead a platform team!"),
                3
            ),
        ]
    );
    assert_eq!(
        star_goal.map(|g| g.title.as_str()),
        Some("Lead a platform team!")
    );
    assert_eq!(reached.len(), 1);
    assert_eq!(
        reached[0].toward.map(|t| t.title.as_str()),
        Some("Become Staff")
    );
    assert_eq!(reached[0].on_human, "10 Feb 2026");
}

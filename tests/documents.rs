//! Documents from one source: a share page's `layout` makes a promotion
//! packet, a self-review or a cv from the same entries, with the same
//! privacy; filters do what a reader expects and say so when they select
//! nothing; every layout can be sealed; `new share --layout` starts one.

use crate::support::*;

const LADDER: &str = "name: Corvo Engineering Ladder\nlevels:\n  - { id: senior, name: Senior Engineer }\n  - { id: staff, name: Staff Engineer }\nthemes:\n  - { id: delivery, name: Delivery }\n  - { id: people, name: People }\ncompetencies:\n  - id: senior-delivery\n    level: senior\n    theme: delivery\n    summary: Plans and delivers a project for the team\n  - id: staff-scope\n    level: staff\n    theme: delivery\n    summary: Leads delivery of work that spans several teams\n  - id: staff-multiplier\n    level: staff\n    theme: people\n    summary: Grows other engineers into leads\n  - id: staff-hiring\n    level: staff\n    theme: people\n    summary: Shapes how the organisation hires\n";

/// A career: two roles, goals with a sub-goal, achievements (featured, with
/// context, a quiet week note), reflections, education, a certification and
/// an award — and canaries in a private achievement, a draft and a private
/// reflection, all claiming evidence and goals.
fn career() -> Fixture {
    let f = Fixture::new();
    f.write(
        "waymark.yaml",
        &format!(
            "{CONFIG}  headline: Senior Engineer\n  location: Lisbon\nladder: {{ level: senior, target: staff }}\n"
        ),
    );
    f.write("ladder.yaml", LADDER);
    let w = |p: &str, t: &str| f.write(p, t);
    w(
        "content/journey/2019-03-01-engineer-at-acme.md",
        "---\ntitle: Engineer at Acme\nrole: Engineer\norg: Acme\nend: 2023-03-31\nsummary: Built the billing system.\n---\n",
    );
    w(
        "content/journey/2023-04-17-senior-at-corvo.md",
        "---\ntitle: Senior at Corvo\nrole: Senior Engineer\norg: Corvo\n---\n",
    );
    w(
        "content/journey/2012-09-01-bsc.md",
        "---\ntitle: BSc Computer Science\norg: University of Porto\nend: 2015-07-01\ntype: education\n---\n",
    );
    w(
        "content/journey/2025-06-20-cka.md",
        "---\ntitle: Certified Kubernetes Administrator\norg: The Linux Foundation\ntype: certification\n---\n",
    );
    w(
        "content/journey/2024-12-13-award.md",
        "---\ntitle: Reliability award\norg: Corvo\ntype: award\n---\n",
    );
    w(
        "content/goals/staff.md",
        "---\ntitle: Become Staff\nhorizon: 3y\nstatus: active\n---\n",
    );
    w(
        "content/goals/slos.md",
        "---\ntitle: Own the SLO program\nhorizon: 1y\nparent: staff\nprogress: 60\n---\n",
    );
    w(
        "content/goals/roadmap.md",
        "---\ntitle: Run the roadmap review\nhorizon: 3m\ndue: 2027-03-31\nstatus: planned\n---\n",
    );
    w(
        "content/achievements/2026-02-06-migration.md",
        "---\ntitle: Led the migration\ncontext: Forty services on hand-built VMs, six teams, a July deadline.\nsummary: Planned six waves and ran them with each team.\nimpact: 38 services moved, 0 incidents\nmetrics:\n  - { label: VMs retired, value: \"64\" }\nfeatured: true\nevidence: [staff-scope, senior-delivery]\ngoals: [staff]\nskills: [kubernetes, system-design]\ntags: [platform-work]\n---\nBody.\n",
    );
    w(
        "content/achievements/2026-03-13-slo-dashboards.md",
        "---\ntitle: SLO dashboards for checkout\nimpact: p99 visible to every team\ngoals: [slos]\nskills: [observability]\ntags: [slo]\n---\nx\n",
    );
    w(
        "content/achievements/2026-05-01-mentoring.md",
        "---\ntitle: Mentored Tiago to his first incident command\nimpact: Tiago led a sev-2 alone\nevidence: [staff-multiplier]\nskills: [mentoring]\n---\nx\n",
    );
    w(
        "content/achievements/2026-05-08-week-19.md",
        "---\ntitle: Week 19 of 2026\nsummary: A quiet week of reviews.\n---\nx\n",
    );
    w(
        "content/achievements/2021-06-01-billing.md",
        "---\ntitle: Rebuilt billing\nimpact: Invoices in 2 minutes, not 2 hours\nskills: [system-design]\n---\nx\n",
    );
    w(
        "content/achievements/2026-04-01-secret.md",
        "---\ntitle: CANARY-PRIVATE-TITLE\nimpact: CANARY-PRIVATE-IMPACT\ncontext: CANARY-PRIVATE-CONTEXT\nvisibility: private\nfeatured: true\nevidence: [staff-hiring]\ngoals: [slos]\nskills: [canary-skill]\n---\nx\n",
    );
    w(
        "content/achievements/2026-04-02-draft.md",
        "---\ntitle: CANARY-DRAFT-TITLE\nimpact: CANARY-DRAFT-IMPACT\ndraft: true\nfeatured: true\nevidence: [staff-hiring]\ngoals: [staff]\n---\nx\n",
    );
    w(
        "content/reflections/2026-03-31-q1.md",
        "---\ntitle: Q1 review\nperiod: 2026-Q1\nvisibility: public\nsummary: A heavy quarter, well spent.\nwellbeing: { career: 8, health: 6 }\n---\nx\n",
    );
    w(
        "private/reflections/2026-06-30-q2.md",
        "---\ntitle: CANARY-REFLECTION-TITLE\nperiod: 2026-Q2\nwellbeing: { career: 3 }\n---\nCANARY-REFLECTION-BODY\n",
    );
    f
}

fn section<'a>(page: &'a str, from: &str, to: &str) -> &'a str {
    let start = page
        .find(from)
        .unwrap_or_else(|| panic!("{from} not in\n{page}"));
    let rest = &page[start..];
    &rest[..rest.find(to).unwrap_or(rest.len())]
}

#[test]
fn a_packet_tells_each_competencys_evidence_as_stories_and_states_the_gaps() {
    let f = career();
    f.write(
        "content/share/packet.md",
        "---\ntitle: Staff packet\nlayout: packet\nfrom: 2026-01-01\nto: 2026-12-31\nask: Promote me to Staff\n---\nThe case, in short.\n",
    );
    f.run(&["build"]).ok();
    let page = f.read("public/share/packet/index.html");
    assert!(
        page.contains("A promotion packet for Staff Engineer"),
        "{page}"
    );
    assert!(page.contains("Test Person, Senior Engineer"));
    // The target level's themes and competencies with their stories; the
    // story reads context → what was done → result, in that order.
    let delivery = section(&page, ">Delivery</h2>", "</section>\n  </section>");
    assert!(delivery.contains("Leads delivery of work that spans several teams"));
    let ctx = delivery.find("Forty services on hand-built VMs").unwrap();
    let did = delivery.find("Planned six waves").unwrap();
    let result = delivery.find("38 services moved, 0 incidents").unwrap();
    assert!(ctx < did && did < result, "{delivery}");
    assert!(delivery.contains("VMs retired"));
    // The current level's competencies are not the packet's.
    assert!(!page.contains("Plans and delivers a project for the team"));
    // The gap is stated plainly, with the coverage.
    let gaps = section(&page, "id=\"gap-h\"", "</section>");
    assert!(
        gaps.contains("2 of 3 Staff Engineer competencies have evidence"),
        "{gaps}"
    );
    assert!(gaps.contains("Shapes how the organisation hires"));
    assert!(!gaps.contains("Grows other engineers"));
    // Work that is evidence for none of the level's competencies is kept.
    let other = section(&page, "id=\"other-h\"", "</section>");
    assert!(other.contains("SLO dashboards for checkout"), "{other}");
    // Goal progress and the ask.
    assert!(page.contains("Own the SLO program") && page.contains("60%"));
    assert!(page.contains("Promote me to Staff"));
    // Unlisted, like every share page.
    assert!(page.contains("noindex"));
    assert!(!f.read("public/sitemap.xml").contains("share/packet"));
    // The private and draft canaries count nowhere: the hiring competency
    // they claim is still a gap.
    assert_absent(&f.public(), &["CANARY"]);
}

#[test]
fn a_review_groups_the_periods_work_by_goal_with_reflections_and_what_comes_next() {
    let f = career();
    f.write(
        "content/share/review.md",
        "---\ntitle: H1 self-review\nlayout: review\nperiod: 2026-H1\n---\nThe half.\n",
    );
    f.run(&["build"]).ok();
    let page = f.read("public/share/review/index.html");
    assert!(
        page.contains("1 Jan 2026") && page.contains("30 Jun 2026"),
        "{page}"
    );
    assert!(page.contains("A self-review · 2026-H1"));
    // By the goal each achievement names first; the rest after.
    let staff = section(&page, "Become Staff <span", "</section>");
    assert!(staff.contains("Led the migration"), "{staff}");
    let slos = section(&page, "Own the SLO program <span", "</section>");
    assert!(slos.contains("SLO dashboards for checkout"), "{slos}");
    let other = section(&page, ">Other work</h3>", "</section>");
    assert!(other.contains("Mentored Tiago") && other.contains("Week 19 of 2026"));
    // Work outside the period is not in it.
    assert!(!page.contains("Rebuilt billing"));
    // The period's public reflection with its wellbeing; not the private one.
    let refl = section(&page, "id=\"refl-h\"", "</section>");
    assert!(
        refl.contains("Q1 review") && refl.contains("A heavy quarter"),
        "{refl}"
    );
    assert!(refl.contains(">career</dt>") && refl.contains(">8</span>"));
    // What comes next: goals due in 2026-H2 (none) — and for an H2 review,
    // the goal due in 2027-H1.
    assert!(page.contains("What comes next · 2026-H2"));
    assert!(page.contains("No goal is due in 2026-H2."));
    f.write(
        "content/share/review.md",
        "---\ntitle: H2 self-review\nlayout: review\nperiod: 2026-h2\n---\n",
    );
    f.write(
        "content/achievements/2026-09-01-later.md",
        "---\ntitle: Later work\nimpact: Done\n---\nx\n",
    );
    f.run(&["build"]).ok();
    let page = f.read("public/share/review/index.html");
    let next = section(&page, "id=\"next-h\"", "</section>");
    assert!(
        next.contains("2027-H1") && next.contains("Run the roadmap review"),
        "{next}"
    );
    assert_absent(&f.public(), &["CANARY"]);
}

#[test]
fn a_cv_lists_roles_with_curated_highlights_skills_and_qualifications() {
    let f = career();
    f.write(
        "content/share/cv.md",
        "---\ntitle: CV\nlayout: cv\nhighlights: 2\n---\nPlatform engineer.\n",
    );
    f.run(&["build"]).ok();
    let page = f.read("public/share/cv/index.html");
    assert!(page.contains("<h1>Test Person</h1>"), "{page}");
    assert!(page.contains("Senior Engineer") && page.contains("Lisbon"));
    let corvo = section(&page, "Senior Engineer</span> · Corvo", "</article>");
    // Featured first, then the newest with an impact; two at most; the
    // quiet week is no highlight.
    let first = corvo.find("Led the migration").expect("featured highlight");
    let second = corvo.find("Mentored Tiago").expect("newest highlight");
    assert!(first < second, "{corvo}");
    assert!(!corvo.contains("SLO dashboards") && !corvo.contains("Week 19"));
    let acme = section(&page, "Engineer</span> · Acme", "</article>");
    assert!(acme.contains("Rebuilt billing") && acme.contains("31 Mar 2023"));
    // Skills by evidence, by their display names.
    let skills = section(&page, "id=\"skills-h\"", "</section>");
    let sd = skills
        .find("System design <span class=\"count\">× 2")
        .expect(skills);
    assert!(sd < skills.find("Kubernetes").unwrap());
    assert!(page.contains("BSc Computer Science") && page.contains("University of Porto"));
    assert!(page.contains("Certified Kubernetes Administrator"));
    assert!(page.contains("Reliability award"));
    assert_absent(&f.public(), &["CANARY"]);
    // resume.json is curated the same way (default 3 a role; here 1).
    f.write(
        "waymark.yaml",
        &format!(
            "{CONFIG}ladder: {{ level: senior, target: staff }}\nresume: {{ highlights: 1 }}\n"
        ),
    );
    f.run(&["build"]).ok();
    let resume: serde_json::Value = serde_json::from_str(&f.read("public/resume.json")).unwrap();
    let work = resume["work"].as_array().unwrap();
    assert_eq!(work[0]["name"], "Corvo");
    assert_eq!(
        work[0]["highlights"],
        serde_json::json!(["Led the migration: 38 services moved, 0 incidents"])
    );
    let skills = resume["skills"].as_array().unwrap();
    assert_eq!(skills[0]["name"], "System design");
    assert_eq!(skills[0]["keywords"], serde_json::json!(["Platform work"]));
}

#[test]
fn a_goal_filter_includes_the_evidence_of_its_sub_goals() {
    let f = career();
    f.write(
        "content/share/brief.md",
        "---\ntitle: Staff brief\nfrom: 2026-01-01\nto: 2026-12-31\ninclude:\n  goals: [staff]\n---\n",
    );
    f.run(&["build"]).ok();
    let page = f.read("public/share/brief/index.html");
    // Filed under the sub-goal, reported for the goal.
    assert!(page.contains("SLO dashboards for checkout"), "{page}");
    assert!(page.contains("Led the migration"));
    assert!(!page.contains("Mentored Tiago"));
}

#[test]
fn a_filter_or_period_that_selects_nothing_is_a_warning_at_its_line() {
    let f = career();
    f.write(
        "content/share/brief.md",
        "---\ntitle: Staff brief\nfrom: 2026-01-01\nto: 2026-12-31\ninclude:\n  tags: [platfrom-work]\n---\n",
    );
    let r = f.run(&["build"]);
    r.ok();
    r.stderr_has(
        "warning[matches-nothing]: no public achievement from 2026-01-01 to 2026-12-31 has the tag `platfrom-work`",
    )
    .stderr_has("content/share/brief.md:6:10");
    // `from` after `to`.
    f.write(
        "content/share/brief.md",
        "---\ntitle: Staff brief\nfrom: 2026-12-31\nto: 2026-01-01\n---\n",
    );
    f.run(&["build"])
        .ok()
        .stderr_has("warning[matches-nothing]: `from` (2026-12-31) is after `to` (2026-01-01)")
        .stderr_has("content/share/brief.md:3:7");
    // A period with no achievement at all.
    f.write(
        "content/share/brief.md",
        "---\ntitle: Staff brief\nlayout: review\nperiod: 2019-Q1\n---\n",
    );
    f.run(&["build"])
        .ok()
        .stderr_has("warning[matches-nothing]: no public achievement is dated in 2019-Q1")
        .stderr_has("content/share/brief.md:4:9");
    // Filters that each match but not together.
    f.write(
        "content/share/brief.md",
        "---\ntitle: Staff brief\nfrom: 2026-01-01\nto: 2026-12-31\ninclude:\n  tags: [slo]\n  skills: [mentoring]\n---\n",
    );
    f.run(&["build"])
        .ok()
        .stderr_has("each filter matches, but no public achievement from 2026-01-01 to 2026-12-31 passes them all");
}

#[test]
fn a_bad_layout_period_or_target_is_an_error_at_its_line_and_nothing_is_lost() {
    let f = career();
    let good = || {
        f.write(
            "content/share/doc.md",
            "---\ntitle: Doc\nlayout: packet\n---\n",
        )
    };
    good();
    breaks_site(
        &f,
        |f| {
            f.write(
                "content/share/doc.md",
                "---\ntitle: Doc\nlayout: pakcet\n---\n",
            )
        },
        &[
            "error[invalid-value]: `pakcet` is not a valid `layout`",
            "content/share/doc.md:3:9",
            "did you mean `packet`? allowed: brief, packet, review, cv",
        ],
    );
    good();
    breaks_site(
        &f,
        |f| {
            f.write(
                "content/share/doc.md",
                "---\ntitle: Doc\nlayout: review\nperiod: 2026-H3\n---\n",
            )
        },
        &[
            "error[invalid-value]: `2026-H3` is not a valid `period`",
            "content/share/doc.md:4:9",
            "a half (`2026-H1`, `2026-H2`)",
        ],
    );
    good();
    breaks_site(
        &f,
        |f| {
            f.write(
                "content/share/doc.md",
                "---\ntitle: Doc\nlayout: review\nperiod: 2026-H1\nfrom: 2026-01-01\n---\n",
            )
        },
        &["error[invalid-value]: `period` and `from`/`to` both say when this page covers"],
    );
    good();
    breaks_site(
        &f,
        |f| {
            f.write(
                "content/share/doc.md",
                "---\ntitle: Doc\nlayout: packet\ntarget: stafff\n---\n",
            )
        },
        &[
            "error[unknown-level]: `stafff` is not a level of ladder.yaml",
            "content/share/doc.md:4:9",
            "did you mean `staff`? (levels: senior, staff)",
        ],
    );
    good();
    breaks_site(
        &f,
        |f| {
            f.remove("ladder.yaml");
            f.write("waymark.yaml", CONFIG);
        },
        &[
            "error[no-ladder]",
            "a promotion packet is written against a career ladder",
        ],
    );
}

#[test]
fn every_layout_can_be_sealed_and_shows_no_plaintext() {
    for layout in ["brief", "packet", "review", "cv"] {
        let f = career();
        f.write(
            "private/share/doc.md",
            &format!(
                "---\ntitle: CANARY-SEALED-TITLE\nlayout: {layout}\nperiod: 2026\nask: CANARY-SEALED-ASK\nsealed: true\n---\nCANARY-SEALED-BODY\n"
            ),
        );
        let secret = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
        let r = waymark_env(f.path(), &["build"], &[("WAYMARK_SHARE_SECRET", secret)]);
        r.ok();
        assert_absent(&f.public(), &["CANARY"]);
        assert_absent(&f.path().join("sealed"), &["CANARY", "Led the migration"]);
        // The sealed page is the document: it opens to its content.
        let slug = std::fs::read_dir(f.path().join("sealed"))
            .unwrap()
            .flatten()
            .next()
            .unwrap()
            .file_name()
            .to_string_lossy()
            .trim_end_matches(".html")
            .to_string();
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join(".waymark")).unwrap();
        std::fs::write(dir.path().join(".waymark/share-secret"), secret).unwrap();
        let s = waymark::seal::load_secret(dir.path()).unwrap().unwrap();
        let key = waymark::seal::PageKey::derive(&s, &slug, None).key;
        let page = f.read(&format!("public/share/{slug}/index.html"));
        assert!(!page.contains("Led the migration"), "{layout}");
        let opened = waymark::seal::open_page(&key, &page).expect("opens");
        assert!(opened.main.contains("CANARY-SEALED-BODY"), "{layout}");
        assert!(opened.main.contains("Led the migration"), "{layout}");
        let marker = match layout {
            "packet" => "A promotion packet",
            "review" => "A self-review",
            "cv" => "class=\"document doc-cv",
            _ => "A brief",
        };
        assert!(opened.main.contains(marker), "{layout}: {}", opened.main);
        // The ladder's private canaries are not in the sealed content either.
        assert!(!opened.main.contains("CANARY-PRIVATE"), "{layout}");
    }
}

#[test]
fn new_share_layout_starts_each_document_with_its_questions() {
    let f = career();
    f.run(&["build"]).ok();
    for (layout, expect) in [
        ("packet", "target: staff"),
        ("review", "layout: review"),
        ("cv", "highlights: 3"),
    ] {
        let r = f.run(&["new", "share", &format!("My {layout}"), "--layout", layout]);
        r.ok();
        let rel = format!("content/share/my-{layout}.md");
        let text = f.read(&rel);
        assert!(text.contains(&format!("layout: {layout}")), "{text}");
        assert!(text.contains(expect), "{text}");
    }
    // The packet names the gaps to close, and the review asks what it should.
    assert!(
        f.read("content/share/my-packet.md")
            .contains("staff-hiring: Shapes how the organisation hires")
    );
    assert!(
        f.read("content/share/my-review.md")
            .contains("What did you learn")
    );
    // What they make builds, with no error.
    f.run(&["build"]).ok();
    assert!(f.public().join("share/my-cv/index.html").exists());
    // A packet without a ladder is refused, and nothing is written.
    f.remove("ladder.yaml");
    f.write("waymark.yaml", CONFIG);
    let before = tree(f.path());
    let r = f.run(&["new", "share", "Another packet", "--layout", "packet"]);
    assert_ne!(r.code, 0);
    r.stderr_has("error[no-ladder]");
    assert_eq!(tree(f.path()), before, "nothing was written");
    // A layout is a share page's only.
    let r = f.run(&["new", "goal", "X", "--layout", "cv"]);
    assert_ne!(r.code, 0);
    r.stderr_has("only a share page has a layout");
}

//! Privacy: private entries, the private/ folder and what derives from them
//! never reach build output. Checked with canary strings over every file.

use crate::support::*;

fn private_fixture() -> Fixture {
    let f = Fixture::small();
    // Private by front matter, with a skill and tag only it has.
    f.write(
        "content/achievements/2026-04-03-secret-deal.md",
        "---\ntitle: CANARY-TITLE-ACH\nvisibility: private\nimpact: CANARY-IMPACT\nskills: [canary-skill]\ntags: [canary-tag]\ngoals: [staff]\n---\nCANARY-BODY-ACH\n",
    );
    // Private because it is in private/.
    f.write(
        "private/achievements/2026-04-10-privdir-canary.md",
        "---\ntitle: CANARY-TITLE-PRIVDIR\nvisibility: public\nskills: [rust]\n---\nCANARY-BODY-PRIVDIR\n",
    );
    // Reflections are private by default; its wellbeing must not feed any chart.
    f.write(
        "content/reflections/2026-q3.md",
        "---\ntitle: CANARY-TITLE-REFL\ndate: 2026-09-30\nperiod: 2026-Q3\nwellbeing: {career: 2, health: 3, relationships: 4, growth: 5, purpose: 6}\nmood: CANARY-MOOD\n---\nCANARY-BODY-REFL\n",
    );
    // A private goal named by a public achievement, and linked to.
    f.write(
        "content/goals/canary-goal.md",
        "---\ntitle: CANARY-TITLE-GOAL\nvisibility: private\nhorizon: 1y\nparent: staff\nprogress: 100\n---\nCANARY-BODY-GOAL\n",
    );
    f.write(
        "content/achievements/2026-04-17-public.md",
        "---\ntitle: Public one\ngoals: [canary-goal, slos]\n---\nSee [my secret goal](@/goals/canary-goal.md) and [the review](@/reflections/2026-q3.md).\n",
    );
    // A private milestone and a private share page.
    f.write(
        "content/journey/2026-02-01-canary-move.md",
        "---\ntitle: CANARY-TITLE-MILESTONE\ntype: move\nvisibility: private\n---\n",
    );
    f.write(
        "content/share/canary-share.md",
        "---\ntitle: CANARY-TITLE-SHARE\nvisibility: private\nask: CANARY-ASK\n---\n",
    );
    f
}

const CANARIES: &[&str] = &[
    "CANARY",
    "canary-skill",
    "canary-tag",
    "secret-deal",
    "canary-goal",
    "2026-q3",
    "canary-move",
    "canary-share",
    "privdir-canary",
];

#[test]
fn private_entries_and_everything_derived_leave_no_trace() {
    let f = private_fixture();
    let r = f.run(&["build"]);
    r.ok().stderr_has("6 private entries left out");
    assert_absent(&f.public(), CANARIES);
    // The public achievement keeps the links' text only.
    let page = f.read("public/achievements/public/index.html");
    assert!(
        page.contains("See my secret goal and the review."),
        "{page}"
    );
    assert!(
        page.contains("href=\"/career/goals/slos/\""),
        "the public goal stays"
    );
    // The skill 'rust' has one public achievement only: counts exclude private ones.
    let rust = f.read("public/skills/rust/index.html");
    assert!(rust.contains("1 achievement"), "{rust}");
    // No wellbeing chart: the only reflection with scores is private; with
    // no public reflection there is no reflections page at all (nothing
    // would link to it), nor a nav link to one.
    assert!(!f.public().join("reflections").exists());
    assert!(!f.read("public/index.html").contains("/reflections/"));
    assert!(!f.read("public/sitemap.xml").contains("/reflections/"));
    // Progress of the public parent does not roll up from the private child.
    let staff = f.read("public/goals/staff/index.html");
    assert!(
        staff.contains("50%"),
        "checklist progress, untouched by the private sub-goal"
    );
    // check warns about the hidden references.
    let r = f.run(&["check"]);
    r.ok()
        .stderr_has("warning[goal-hidden]")
        .stderr_has("warning[link-to-hidden]");
    r.stderr_has("content/achievements/2026-04-17-public.md:3");
}

#[test]
fn a_public_goal_or_share_page_naming_a_private_goal_is_warned_about() {
    let f = private_fixture();
    f.write(
        "content/goals/public-child.md",
        "---\ntitle: Public child\nhorizon: 3m\nparent: canary-goal\n---\nSmall.\n",
    );
    f.write(
        "content/share/promo.md",
        "---\ntitle: Promo brief\nfrom: 2026-01-01\nto: 2026-12-31\ninclude:\n  goals: [canary-goal]\n---\nHi.\n",
    );
    let r = f.run(&["check"]);
    r.ok()
        .stderr_has("content/goals/public-child.md:4:9")
        .stderr_has("content/share/promo.md:6:11");
    assert_eq!(
        r.stderr.matches("warning[goal-hidden]").count(),
        3,
        "{}",
        r.stderr
    );
    // And the build shows no trace of it.
    f.run(&["build"]).ok();
    assert_absent(&f.public(), CANARIES);
}

#[test]
fn defaults_can_make_reflections_public() {
    let f = private_fixture();
    f.write(
        "waymark.yaml",
        &format!("{CONFIG}defaults:\n  reflection: {{ visibility: public }}\n"),
    );
    f.run(&["build"]).ok();
    assert!(
        f.read("public/reflections/2026-q3/index.html")
            .contains("CANARY-BODY-REFL")
    );
    assert!(
        f.read("public/reflections/index.html")
            .contains("wellbeing-chart")
    );
    // private/ still wins over any default or front matter.
    assert_absent(&f.public(), &["CANARY-BODY-PRIVDIR"]);
}

#[test]
fn a_private_entry_tracked_by_git_is_warned_about() {
    if !require_tool("git", have("git")) {
        return;
    }
    let f = private_fixture();
    let git = |args: &[&str]| {
        let ok = std::process::Command::new("git")
            .current_dir(f.path())
            .args(args)
            .env("GIT_AUTHOR_NAME", "t")
            .env("GIT_AUTHOR_EMAIL", "t@t")
            .env("GIT_COMMITTER_NAME", "t")
            .env("GIT_COMMITTER_EMAIL", "t@t")
            .output()
            .unwrap()
            .status
            .success();
        assert!(ok, "git {args:?}");
    };
    git(&["init", "-q"]);
    git(&["add", "content"]);
    let r = f.run(&["build"]);
    r.ok()
        .stderr_has("warning[private-tracked]")
        .stderr_has("content/achievements/2026-04-03-secret-deal.md")
        .stderr_has("private/achievements/2026-04-03-secret-deal.md");
    // Every private entry under content/ is named; public ones and the
    // untracked private/ folder are not.
    assert_eq!(
        r.stderr.matches("warning[private-tracked]").count(),
        5,
        "{}",
        r.stderr
    );
    // Each suggested command works when pasted into a shell, although
    // private/reflections/ and private/goals/ do not exist yet.
    assert!(!f.path().join("private/reflections").exists());
    let commands: Vec<String> = r
        .stderr
        .lines()
        .filter_map(|l| l.split_once("and untrack it: `"))
        .map(|(_, c)| c.trim_end_matches('`').to_string())
        .collect();
    assert_eq!(commands.len(), 5, "{}", r.stderr);
    for c in &commands {
        let out = std::process::Command::new("sh")
            .current_dir(f.path())
            .args(["-c", c])
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "`{c}` failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    assert!(f.path().join("private/reflections/2026-q3.md").is_file());
    let r = f.run(&["build"]);
    r.ok();
    assert!(!r.stderr.contains("private-tracked"), "{}", r.stderr);
}

/// A site with a good build in `public/`, a private entry and a site
/// secret, each holding a canary.
#[cfg(unix)]
fn linked_fixture() -> (Fixture, std::collections::BTreeMap<String, Vec<u8>>) {
    let f = Fixture::small();
    f.write(
        "private/reflections/2026-09-30-q3.md",
        "---\ntitle: LINK-CANARY-REFL\ndate: 2026-09-30\n---\nLINK-CANARY-BODY\n",
    );
    f.write(".waymark/share-secret", "LINK-CANARY-SECRET\n");
    f.run(&["build"]).ok();
    let before = tree(&f.public());
    (f, before)
}

#[cfg(unix)]
#[test]
fn symbolic_links_into_private_or_the_secrets_are_errors_and_publish_nothing() {
    use std::os::unix::fs::symlink;
    let (f, before) = linked_fixture();
    let root = f.path();
    // Every public place a link can hide in: static/, a file beside an
    // entry, an entry, a folder of entries, the site's templates and a
    // theme's static files.
    std::fs::create_dir_all(root.join("static")).unwrap();
    symlink("../private", root.join("static/p")).unwrap();
    symlink("../.waymark/share-secret", root.join("static/k.txt")).unwrap();
    symlink(
        "../../.waymark/share-secret",
        root.join("content/achievements/key.txt"),
    )
    .unwrap();
    symlink(
        "../../private/reflections/2026-09-30-q3.md",
        root.join("content/pages/q3.md"),
    )
    .unwrap();
    symlink("../private/reflections", root.join("content/notes")).unwrap();
    std::fs::create_dir_all(root.join("templates")).unwrap();
    symlink("../.waymark", root.join("templates/w")).unwrap();
    std::fs::create_dir_all(root.join("themes/mine/static")).unwrap();
    symlink("../../../private", root.join("themes/mine/static/x")).unwrap();
    let mut config = f.read("waymark.yaml");
    config.push_str("theme: mine\n");
    f.write("waymark.yaml", &config);

    for cmd in ["build", "check"] {
        let r = f.run(&[cmd]);
        r.fails();
        for link in [
            "static/p",
            "static/k.txt",
            "content/achievements/key.txt",
            "content/pages/q3.md",
            "content/notes",
            "templates/w",
            "themes/mine/static/x",
        ] {
            r.stderr_has(&format!(
                "error[link-private]: `{link}` is a symbolic link into"
            ));
        }
        assert!(!r.stderr.contains("LINK-CANARY"), "{}", r.stderr);
    }
    // The failed build left the last good one as it was.
    assert_eq!(tree(&f.public()), before, "the previous output changed");
    // A build elsewhere does not write what the links lead to either.
    let out = tempfile::tempdir().unwrap();
    f.run(&["build", "--output", out.path().to_str().unwrap()])
        .fails();
    assert_absent(out.path(), &["LINK-CANARY"]);

    // serve follows the same rule: the error is shown, nothing is served.
    let server = http::Server::start(root, &[]);
    let page = server.get("/");
    assert!(page.text().contains("link-private"), "{}", page.text());
    for path in [
        "/p/reflections/2026-09-30-q3.md",
        "/k.txt",
        "/pages/q3/",
        "/x/",
    ] {
        let r = server.get(path);
        assert!(!r.text().contains("LINK-CANARY"), "{path}: {}", r.text());
    }
}

#[cfg(unix)]
#[test]
fn symbolic_links_that_leave_the_site_are_warned_about_and_not_followed() {
    use std::os::unix::fs::symlink;
    let (f, _) = linked_fixture();
    let root = f.path();
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(
        outside.path().join("notes.md"),
        "---\ntitle: OUTSIDE-CANARY\n---\nOUTSIDE-CANARY\n",
    )
    .unwrap();
    std::fs::write(outside.path().join("passwd"), "OUTSIDE-CANARY\n").unwrap();
    std::fs::create_dir_all(root.join("static")).unwrap();
    symlink(outside.path(), root.join("static/sys")).unwrap();
    symlink(
        outside.path().join("notes.md"),
        root.join("content/pages/notes.md"),
    )
    .unwrap();
    // A whole theme kept elsewhere.
    std::fs::create_dir_all(outside.path().join("theme/static")).unwrap();
    std::fs::write(
        outside.path().join("theme/static/t.txt"),
        "OUTSIDE-CANARY\n",
    )
    .unwrap();
    std::fs::create_dir_all(root.join("themes")).unwrap();
    symlink(outside.path().join("theme"), root.join("themes/far")).unwrap();
    let mut config = f.read("waymark.yaml");
    config.push_str("theme: far\n");
    f.write("waymark.yaml", &config);
    // A link that stays inside the site (and out of private/) is followed.
    f.write("shared/logo.txt", "INSIDE-LINKED\n");
    symlink("../shared/logo.txt", root.join("static/logo.txt")).unwrap();

    let r = f.run(&["build"]);
    r.ok();
    for link in ["static/sys", "content/pages/notes.md", "themes/far"] {
        r.stderr_has(&format!(
            "warning[link-outside]: `{link}` is a symbolic link to"
        ));
    }
    assert_absent(&f.public(), &["OUTSIDE-CANARY"]);
    assert!(!f.public().join("sys").exists());
    assert_eq!(f.read("public/logo.txt"), "INSIDE-LINKED\n");
}

/// A road ahead with a private goal on it, a private goal reached and a
/// draft goal, each a canary, and public goals whose routes pass them.
fn road_fixture() -> Fixture {
    let f = Fixture::small();
    f.write(
        "waymark.yaml",
        &format!("{CONFIG}north_star: \"Lead a platform team\"\n"),
    );
    f.write(
        "content/goals/road-secret.md",
        "---\ntitle: ROADCANARY-AHEAD\nhorizon: 1y\nstatus: active\nvisibility: private\nparent: staff\nprogress: 40\n---\nROADCANARY-BODY\n",
    );
    f.write(
        "content/goals/after-secret.md",
        "---\ntitle: After the secret step\nhorizon: 6m\nstatus: active\nparent: road-secret\n---\n",
    );
    f.write(
        "private/goals/road-reached.md",
        "---\ntitle: ROADCANARY-REACHED\nhorizon: 3m\nstatus: achieved\nachieved_on: 2026-05-01\nparent: staff\n---\n",
    );
    f.write(
        "content/goals/road-draft.md",
        "---\ntitle: ROADCANARY-DRAFT\nhorizon: 3m\nstatus: planned\ndraft: true\nparent: slos\n---\n",
    );
    f
}

#[test]
fn private_and_draft_goals_never_reach_the_road_ahead() {
    let f = road_fixture();
    f.run(&["build"]).ok();
    assert_absent(
        &f.public(),
        &["ROADCANARY", "road-secret", "road-reached", "road-draft"],
    );
    let page = f.read("public/journey/index.html");
    // The public goals are on the map and in the list; the one beyond
    // the private step leads to the north star instead.
    for svg in ["journey-wide", "journey-narrow"] {
        let start = page.find(&format!("journey-chart {svg}")).unwrap();
        let chart = &page[start..start + page[start..].find("</svg>").unwrap()];
        for goal in ["staff", "slos", "after-secret"] {
            assert!(
                chart.contains(&format!("<a href=\"/career/goals/{goal}/\">")),
                "{svg} links {goal}"
            );
        }
    }
    let list = &page[page.find("id=\"ahead-h\"").unwrap()..];
    let row = &list[list.find(">After the secret step<").unwrap()..];
    let row = &row[..row.find("</li>").unwrap()];
    assert!(row.contains("Leads to the north star"), "{row}");
}

#[test]
fn serve_private_marks_private_goals_on_the_road_and_drafts_stay_out() {
    let f = road_fixture();
    let server = http::Server::start(f.path(), &["--private"]);
    let page = server.get("/journey/").text();
    for svg in ["journey-wide", "journey-narrow"] {
        let start = page.find(&format!("journey-chart {svg}")).unwrap();
        let chart = &page[start..start + page[start..].find("</svg>").unwrap()];
        // Its mark's tooltip and its name say so.
        assert!(
            chart.contains("<title>ROADCANARY-AHEAD (private) (active,"),
            "{svg}: {chart}"
        );
        assert!(chart.contains("ROADCANARY-REACHED (private)"), "{svg}");
        assert!(
            !chart.contains("ROADCANARY-DRAFT"),
            "{svg}: a draft needs --drafts"
        );
    }
    // The list marks it too, and its child now leads to it.
    let list = &page[page.find("id=\"ahead-h\"").unwrap()..];
    assert!(
        list.contains("ROADCANARY-AHEAD</a> <span class=\"badge badge-private\">private</span>"),
        "{list}"
    );
    let row = &list[list.find(">After the secret step<").unwrap()..];
    let row = &row[..row.find("</li>").unwrap()];
    // (serve answers at the root, whatever the base URL's path.)
    assert!(
        row.contains("Leads to <a href=\"/goals/road-secret/\">"),
        "{row}"
    );
}

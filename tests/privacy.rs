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
    // No wellbeing chart: the only reflection with scores is private.
    let refl = f.read("public/reflections/index.html");
    assert!(!refl.contains("wellbeing-chart"));
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
}

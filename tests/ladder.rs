//! The career ladder: a real framework file loads as it is, evidence is
//! counted only from public, non-draft achievements on every page and in
//! every count, bad input is an error at its line with nothing lost, and
//! `publish: false` keeps the ladder's text out of `build` but not `serve`.

use crate::support::http::Server;
use crate::support::*;

const LADDER: &str = "name: Corvo Engineering Ladder\nlevels:\n  - { id: senior, name: Senior Engineer }\n  - { id: staff, name: Staff Engineer }\nthemes:\n  - { id: delivery, name: Delivery, summary: Getting the right things shipped }\n  - { id: people, name: People }\ncompetencies:\n  - id: senior-delivery\n    level: senior\n    theme: delivery\n    summary: Plans and delivers a project for the team\n  - id: staff-scope\n    level: staff\n    theme: delivery\n    summary: Leads delivery of work that spans several teams\n  - id: staff-multiplier\n    level: staff\n    theme: people\n    summary: Grows other engineers into leads\n  - id: staff-hiring\n    level: staff\n    theme: people\n    summary: Shapes how the organisation hires\n";

fn with_ladder(settings: &str) -> Fixture {
    let f = Fixture::small();
    f.write("waymark.yaml", &format!("{CONFIG}ladder: {settings}\n"));
    f.write("ladder.yaml", LADDER);
    f.write(
        "content/achievements/2026-05-01-migration.md",
        "---\ntitle: Led the migration\nimpact: 38 services moved, 0 incidents\nfeatured: true\nevidence: [staff-scope, senior-delivery]\n---\nAcross five teams.\n",
    );
    f.write(
        "content/achievements/2026-06-01-wave.md",
        "---\ntitle: Migration wave six\nimpact: 9 services moved\nevidence: [staff-scope]\n---\nx\n",
    );
    f
}

#[test]
fn the_ladder_page_shows_coverage_gaps_and_the_strongest_evidence() {
    let f = with_ladder("{ level: senior, target: staff }");
    f.run(&["build"]).ok();
    let page = f.read("public/ladder/index.html");
    assert!(
        page.contains("1 of 3 Staff Engineer competencies has evidence"),
        "{page}"
    );
    assert!(page.contains("The one Senior Engineer competency has evidence"));
    // The gaps of the target level, each linking its page.
    let gaps = &page[page.find("id=\"gaps-h\"").unwrap()..page.find("id=\"matrix-h\"").unwrap()];
    assert!(gaps.contains("Grows other engineers into leads"));
    assert!(gaps.contains("Shapes how the organisation hires"));
    assert!(!gaps.contains("Leads delivery of work"));
    assert!(gaps.contains("href=\"/career/ladder/staff-hiring/\""));
    // Evidence count, latest date and the strongest piece (featured first).
    let cell = &page[page.find("Leads delivery of work").unwrap()..];
    let cell = &cell[..cell.find("</li>").unwrap()];
    assert!(cell.contains("2 pieces"), "{cell}");
    assert!(cell.contains("1 Jun 2026"), "{cell}");
    assert!(cell.contains("Led the migration"), "{cell}");
    // The nav links it; the competency page lists all its evidence.
    assert!(
        f.read("public/index.html")
            .contains("href=\"/career/ladder/\"")
    );
    let comp = f.read("public/ladder/staff-scope/index.html");
    assert!(comp.contains("Led the migration") && comp.contains("Migration wave six"));
    // The achievement page names its competencies.
    let a = f.read("public/achievements/migration/index.html");
    assert!(a.contains("href=\"/career/ladder/staff-scope/\""), "{a}");
    assert!(a.contains("href=\"/career/ladder/senior-delivery/\""));
    // And the sitemap lists the ladder's pages.
    let sitemap = f.read("public/sitemap.xml");
    assert!(sitemap.contains("https://alex.github.io/career/ladder/staff-hiring/"));
}

#[test]
fn an_ft_job_family_file_loads_as_it_is_with_a_note() {
    let f = Fixture::small();
    std::fs::copy(
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/ladders/ft-engineering.yml"
        ),
        f.path().join("engineering.yml"),
    )
    .unwrap();
    f.write(
        "waymark.yaml",
        &format!(
            "{CONFIG}ladder:\n  file: engineering.yml\n  level: senior-1\n  target: senior-2-ic\n"
        ),
    );
    f.write(
        "content/achievements/2026-05-01-design.md",
        "---\ntitle: Wrote the design\nevidence: [8b3e4c60-af5d-4e3c-9a4b-2c3d4e5f6071]\n---\nx\n",
    );
    let r = f.run(&["build"]);
    r.ok()
        .stderr_has("warning[ladder-key-ignored]: `googleSheetId` is not a key waymark reads")
        .stderr_has("engineering.yml:5:1");
    let page = f.read("public/ladder/index.html");
    assert!(
        page.contains("The one Senior Engineer 2 (IC) competency has no evidence"),
        "{page}"
    );
    assert!(
        page.contains("2 of 2 Senior Engineer 1 competencies have evidence")
            || page.contains("1 of 2 Senior Engineer 1 competencies")
    );
    let uuid = f.read("public/ladder/8b3e4c60-af5d-4e3c-9a4b-2c3d4e5f6071/index.html");
    assert!(uuid.contains("Wrote the design"));
    assert!(uuid.contains("Working knowledge"));
}

#[test]
fn an_unknown_evidence_id_is_an_error_at_its_line_with_the_nearest_id() {
    let f = with_ladder("{ level: senior, target: staff }");
    breaks_site(
        &f,
        |f| {
            f.write(
                "content/achievements/2026-07-01-x.md",
                "---\ntitle: X\nevidence:\n  - staff-scope\n  - staff-multiplyer\n---\nx\n",
            )
        },
        &[
            "error[unknown-competency]: `staff-multiplyer` is not a competency of ladder.yaml",
            "content/achievements/2026-07-01-x.md:5:5",
            "did you mean `staff-multiplier`?",
        ],
    );
}

#[test]
fn evidence_without_a_ladder_is_an_error() {
    let f = Fixture::small();
    breaks_site(
        &f,
        |f| {
            f.write(
                "content/achievements/2026-07-01-x.md",
                "---\ntitle: X\nevidence: [staff-scope]\n---\nx\n",
            )
        },
        &[
            "error[unknown-competency]: `staff-scope` names a competency, but the site has no ladder",
            "content/achievements/2026-07-01-x.md:3:12",
        ],
    );
}

#[test]
fn a_broken_ladder_is_an_error_at_its_line_and_its_ids_are_not_blamed() {
    let f = with_ladder("{ level: senior, target: staff }");
    breaks_site(
        &f,
        |f| {
            f.write(
                "ladder.yaml",
                &LADDER.replace(
                    "    theme: people\n    summary: Shapes",
                    "    theme: peple\n    summary: Shapes",
                ),
            )
        },
        &[
            "error[unknown-ladder-theme]: competencies[3]: `peple` is not a theme",
            "ladder.yaml:23:12",
            "did you mean `people`?",
        ],
    );
    let r = f.run(&["build"]);
    assert!(!r.stderr.contains("unknown-competency"), "{}", r.stderr);
    let f = with_ladder("{ level: senior, target: staff }");
    breaks_site(
        &f,
        |f| {
            f.write("ladder.yaml", &format!("{LADDER}  - id: staff-scope\n    level: staff\n    theme: people\n    summary: Again\n    examplse: []\n"))
        },
        &[
            "error[duplicate-id]: the id `staff-scope` is given twice in `competencies`",
            "ladder.yaml:25:9",
            "error[unknown-key]: unknown key `examplse` in competencies[4]",
            "ladder.yaml:29:5",
            "did you mean `examples`?",
        ],
    );
}

#[test]
fn an_unknown_level_in_the_config_or_a_missing_file_is_an_error_at_its_line() {
    let f = with_ladder("{ level: senior, target: stafff }");
    let r = f.run(&["build"]);
    r.fails()
        .stderr_has("error[unknown-level]: `ladder.target` is `stafff`, which is not a level of ladder.yaml")
        .stderr_has("waymark.yaml:5:34")
        .stderr_has("did you mean `staff`?");
    assert!(!f.public().exists(), "nothing was written");
    let f = with_ladder("{ file: frameworks/eng.yml }");
    f.run(&["build"])
        .fails()
        .stderr_has("error[no-ladder]: `ladder.file` names frameworks/eng.yml, which is not there")
        .stderr_has("waymark.yaml:5");
}

#[test]
fn private_and_draft_achievements_count_nowhere() {
    let f = with_ladder("{ level: senior, target: staff }");
    f.write(
        "content/achievements/2026-08-01-secret.md",
        "---\ntitle: CANARY-PRIVATE-TITLE\nimpact: CANARY-PRIVATE-IMPACT\nvisibility: private\nfeatured: true\nevidence: [staff-multiplier, staff-scope]\n---\nCANARY-PRIVATE-BODY\n",
    );
    f.write(
        "private/achievements/2026-08-02-hidden.md",
        "---\ntitle: CANARY-PRIVDIR\nevidence: [staff-hiring]\n---\nx\n",
    );
    f.write(
        "content/achievements/2026-08-03-draft.md",
        "---\ntitle: CANARY-DRAFT\nimpact: CANARY-DRAFT-IMPACT\ndraft: true\nfeatured: true\nevidence: [staff-hiring, staff-scope]\n---\nx\n",
    );
    f.write(
        "content/share/by-comp.md",
        "---\ntitle: Staff case\nfor: Sponsor\nfrom: 2026-01-01\nto: 2026-12-31\ninclude: { competencies: [staff-multiplier, staff-hiring, staff-scope] }\n---\nHi.\n",
    );
    f.run(&["build", "--drafts"]).ok();
    assert_absent(&f.public(), &["CANARY-PRIVATE", "CANARY-PRIVDIR"]);
    // The draft is built (--drafts), but counts nowhere on the ladder.
    let ladder = f.read("public/ladder/index.html");
    assert!(
        ladder.contains("1 of 3 Staff Engineer competencies has evidence"),
        "{ladder}"
    );
    assert!(!ladder.contains("CANARY-DRAFT"));
    let scope = f.read("public/ladder/staff-scope/index.html");
    assert!(scope.contains("2 achievements") && !scope.contains("CANARY-DRAFT"));
    assert!(
        f.read("public/ladder/staff-hiring/index.html")
            .contains("No evidence yet")
    );
    // The share page groups by competency; the draft is among "other work", under no competency.
    let share = f.read("public/share/by-comp/index.html");
    let grouped = &share[..share.find("comp-other").unwrap_or(share.len())];
    assert!(
        !grouped.contains("CANARY-DRAFT"),
        "a draft grouped under a competency"
    );
    assert!(grouped.contains("Leads delivery of work that spans several teams"));
    // A build without --drafts has no trace of either.
    f.run(&["build"]).ok();
    assert_absent(&f.public(), &["CANARY-"]);
    let share = f.read("public/share/by-comp/index.html");
    assert!(
        share.contains("Led the migration") && !share.contains("Shipped the importer"),
        "the filter keeps only evidence of the competencies named"
    );
}

#[test]
fn publish_false_keeps_the_ladder_out_of_build_but_serve_shows_it() {
    let f = with_ladder("{ level: senior, target: staff, publish: false }");
    f.write(
        "ladder.yaml",
        &LADDER.replace(
            "Grows other engineers into leads",
            "CANARY-CONFIDENTIAL-COMPETENCY",
        ),
    );
    f.write(
        "content/achievements/2026-08-05-grew.md",
        "---\ntitle: Grew Tiago into an incident commander\nevidence: [staff-multiplier]\n---\nx\n",
    );
    f.run(&["build"]).ok();
    assert!(!f.public().join("ladder").exists());
    assert_absent(
        &f.public(),
        &["CANARY-CONFIDENTIAL", "Leads delivery of work", "/ladder/"],
    );
    let s = Server::start(f.path(), &[]);
    let page = s.get("/ladder/");
    assert_eq!(page.status, 200);
    assert!(page.text().contains("CANARY-CONFIDENTIAL-COMPETENCY"));
    assert!(
        s.get("/achievements/grew/")
            .text()
            .contains("/ladder/staff-multiplier/")
    );
    // A save to the ladder is seen: the page follows it.
    f.write(
        "ladder.yaml",
        &LADDER.replace(
            "Shapes how the organisation hires",
            "Shapes hiring across the company",
        ),
    );
    let (r, _) = s.poll_until("/ladder/", std::time::Duration::from_secs(10), |r| {
        r.text().contains("Shapes hiring across the company")
    });
    assert!(r.text().contains("Shapes hiring across the company"));
}

#[test]
fn new_review_lists_the_gaps_as_a_checklist() {
    let f = with_ladder("{ level: senior, target: staff }");
    f.run(&["new", "review", "--date", "2026-09-30"]).ok();
    let file = std::fs::read_dir(f.path().join("private/reflections"))
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    let text = std::fs::read_to_string(file).unwrap();
    assert!(
        text.contains("Staff Engineer competencies with no public evidence yet:"),
        "{text}"
    );
    assert!(
        text.contains("- [ ] **People**: Grows other engineers into leads (`staff-multiplier`)")
    );
    assert!(text.contains("- [ ] **People**: Shapes how the organisation hires (`staff-hiring`)"));
    assert!(
        !text.contains("(`staff-scope`)"),
        "a competency with evidence is no gap"
    );
    f.run(&["check"]).ok();
}

#[test]
fn import_ladder_refuses_bad_input_and_writes_nothing() {
    let f = Fixture::small();
    f.write_bytes("latin1.yml", b"name: Caf\xe9 ladder\n");
    f.run(&["import", "ladder", "latin1.yml"])
        .fails()
        .stderr_has("error[not-utf8]")
        .stderr_has("Nothing was written.");
    f.write("broken.yml", "name: X\nlevels:\n  - { id: a, name: A }\nthemes: [{ id: t, name: T }]\ncompetencies:\n  - { id: c, level: b, theme: t, summary: S }\n");
    f.run(&["import", "ladder", "broken.yml"])
        .fails()
        .stderr_has("error[unknown-level]: competencies[0]: `b` is not a level")
        .stderr_has("broken.yml:6:");
    // Two topics whose names make one slug would give two themes one id.
    f.write(
        "twice.md",
        "---\ntitle: T\ntopics:\n  - name: Impact\n    title: A\n    content: [{ level: 1, criteria: [x] }]\n  - name: impact\n    title: B\n    content: [{ level: 1, criteria: [y] }]\n---\n",
    );
    f.run(&["import", "ladder", "twice.md"])
        .fails()
        .stderr_has("twice.md converts into a ladder that does not load")
        .stderr_has("duplicate-id");
    assert!(!f.path().join("ladder.yaml").exists());
    // A good one, with --dry-run, still writes nothing.
    f.write("ok.yml", LADDER);
    f.run(&["import", "ladder", "ok.yml", "--dry-run"]).ok();
    assert!(!f.path().join("ladder.yaml").exists());
    f.run(&["import", "ladder", "ok.yml"]).ok();
    f.run(&["check"]).ok();
    assert!(
        f.read("ladder.yaml")
            .contains("Leads delivery of work that spans several teams")
    );
}

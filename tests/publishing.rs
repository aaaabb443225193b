//! Publishing: the built site crawled through a real static server at a
//! sub-path and at the root, share pages, feeds and JSON Resume checked by
//! tools nobody on this project wrote.

use std::path::Path;
use std::process::Command;

use crate::support::http::{StaticServer, crawl, resolve_link};
use crate::support::*;

#[test]
fn crawl_at_a_sub_path_and_at_the_root_finds_nothing_broken() {
    if !require_tool("python3", have("python3")) {
        return;
    }
    // Project pages: the site lives under /career/ of the host.
    let tmp = tempfile::tempdir().unwrap();
    let host_root = tmp.path().join("host");
    build_example(
        &host_root.join("career"),
        &["--base-url", "https://alex.github.io/career/"],
    );
    let server = StaticServer::start(&host_root);
    let report = crawl(
        server.port,
        "/career/",
        "/career/",
        "https://alex.github.io",
    );
    eprintln!(
        "crawl at /career/: {} pages visited, {} links checked, {} URLs fetched, broken: {}, outside the prefix: {}",
        report.pages,
        report.links_checked,
        report.fetched,
        report.broken.len(),
        report.outside.len()
    );
    assert!(
        report.broken.is_empty(),
        "broken:\n{}",
        report.broken.join("\n")
    );
    assert!(
        report.outside.is_empty(),
        "outside /career/:\n{}",
        report.outside.join("\n")
    );
    assert!(report.pages > 100, "the crawl reached the whole site");
    drop(server);

    // User pages: the site at the root of the host.
    let root = tmp.path().join("root");
    build_example(&root, &["--base-url", "https://alex.github.io/"]);
    let server = StaticServer::start(&root);
    let report = crawl(server.port, "/", "/", "https://alex.github.io");
    eprintln!(
        "crawl at /: {} pages visited, {} links checked, {} URLs fetched, broken: {}",
        report.pages,
        report.links_checked,
        report.fetched,
        report.broken.len()
    );
    assert!(
        report.broken.is_empty(),
        "broken:\n{}",
        report.broken.join("\n")
    );
    assert!(report.pages > 100);
}

#[test]
fn the_404_page_works_from_any_depth() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("career");
    build_example(&out, &["--base-url", "https://alex.github.io/career/"]);
    let html = std::fs::read_to_string(out.join("404.html")).unwrap();
    let files = tree(&out);
    // GitHub Pages answers any miss with 404.html at the miss's own URL.
    for miss in [
        "/career/x",
        "/career/a/b/c/",
        "/career/goals/nope/deeper/still/",
    ] {
        for link in links(&html).into_iter().filter(|l| !l.starts_with('#')) {
            let Some(path) = resolve_link(miss, &link, "https://alex.github.io") else {
                continue;
            };
            let rel = path
                .strip_prefix("/career/")
                .unwrap_or_else(|| panic!("{link} leaves /career/ from {miss}"));
            let file = if rel.is_empty() || rel.ends_with('/') {
                format!("{rel}index.html")
            } else {
                rel.to_string()
            };
            assert!(
                files.contains_key(&file),
                "from {miss}, {link} → {file} is missing"
            );
        }
    }
    assert!(html.contains("href=\"/career/style.css\""));
    assert!(out.join(".nojekyll").is_file());
}

fn share_fixture() -> Fixture {
    let f = Fixture::new();
    f.write(
        "content/goals/staff.md",
        "---\ntitle: Become Staff\nhorizon: 3y\nprogress: 40\n---\n",
    );
    f.write(
        "content/goals/talks.md",
        "---\ntitle: Give talks\nhorizon: 1y\n---\n- [x] one\n- [ ] two\n",
    );
    let a = |file: &str, fm: &str| {
        f.write(
            &format!("content/achievements/{file}.md"),
            &format!("---\n{fm}\n---\nBody.\n"),
        )
    };
    a("2025-06-01-old", "title: OLD-ONE\ntags: [infra]");
    a(
        "2026-01-10-infra",
        "title: INFRA-ONE\ntags: [infra]\nimpact: saved money",
    );
    a("2026-02-10-rust", "title: RUST-ONE\nskills: [rust]");
    a("2026-03-10-goal", "title: GOAL-ONE\ngoals: [talks]");
    a("2026-04-10-featured", "title: FEATURED-ONE\nfeatured: true");
    a("2026-05-10-plain", "title: PLAIN-ONE");
    f.write(
        "content/share/all-2026.md",
        "---\ntitle: All of 2026\nfor: Priya\nfrom: 2026-01-01\nto: 2026-12-31\nask: Sponsor my promotion\n---\n",
    );
    f.write(
        "content/share/infra.md",
        "---\ntitle: Infra\nfrom: 2026-01-01\ninclude: { tags: [infra] }\n---\n",
    );
    f.write(
        "content/share/rusty.md",
        "---\ntitle: Rust\nfrom: 2026-01-01\ninclude: { skills: [rust] }\n---\n",
    );
    f.write(
        "content/share/talky.md",
        "---\ntitle: Talks\nfrom: 2026-01-01\ninclude: { goals: [talks] }\n---\n",
    );
    f.write(
        "content/share/best.md",
        "---\ntitle: Best\nfrom: 2026-01-01\ninclude: { featured: true }\n---\n",
    );
    f.write(
        "content/share/default-period.md",
        "---\ntitle: Last year\n---\n",
    );
    f
}

#[test]
fn share_pages_select_by_period_tags_skills_goals_and_featured() {
    let f = share_fixture();
    f.run(&["build"]).ok();
    let page = |slug: &str| f.read(&format!("public/share/{slug}/index.html"));
    let has = |html: &str, titles: &[&str]| {
        for t in [
            "OLD-ONE",
            "INFRA-ONE",
            "RUST-ONE",
            "GOAL-ONE",
            "FEATURED-ONE",
            "PLAIN-ONE",
        ] {
            assert_eq!(html.contains(t), titles.contains(&t), "{t} in {titles:?}");
        }
    };
    has(
        &page("all-2026"),
        &[
            "INFRA-ONE",
            "RUST-ONE",
            "GOAL-ONE",
            "FEATURED-ONE",
            "PLAIN-ONE",
        ],
    );
    has(&page("infra"), &["INFRA-ONE"]);
    has(&page("rusty"), &["RUST-ONE"]);
    has(&page("talky"), &["GOAL-ONE"]);
    has(&page("best"), &["FEATURED-ONE"]);
    // Default period: the year up to today (SOURCE_DATE_EPOCH is 2026-11-23 in tests).
    has(
        &page("default-period"),
        &[
            "INFRA-ONE",
            "RUST-ONE",
            "GOAL-ONE",
            "FEATURED-ONE",
            "PLAIN-ONE",
        ],
    );
    // Goal progress on the brief.
    assert!(page("talky").contains("Give talks") && page("talky").contains("50%"));
    // Metadata: previews well, never indexed.
    let all = page("all-2026");
    for needle in [
        "<meta name=\"robots\" content=\"noindex",
        "<meta property=\"og:title\" content=\"All of 2026\"",
        "<meta property=\"og:description\" content=\"Sponsor my promotion",
        "<meta name=\"twitter:card\" content=\"summary_large_image\"",
        "<meta property=\"og:image\" content=\"https://alex.github.io/career/cards/share/all-2026.png\"",
        "<meta name=\"twitter:title\" content=\"All of 2026\"",
        "<link rel=\"canonical\" href=\"https://alex.github.io/career/share/all-2026/\"",
        "<meta property=\"og:url\" content=\"https://alex.github.io/career/share/all-2026/\"",
    ] {
        assert!(all.contains(needle), "share page lacks {needle}");
    }
    // Never in navigation, sitemap or feed.
    for (path, bytes) in tree(&f.public()) {
        if path.starts_with("share/") {
            continue;
        }
        assert!(
            !String::from_utf8_lossy(&bytes).contains("/share/"),
            "{path} mentions a share page"
        );
    }
}

#[test]
fn share_list_prints_ready_to_paste_links() {
    let f = share_fixture();
    let r = f.run(&["share", "list"]);
    r.ok();
    assert!(r.stdout.contains("https://alex.github.io/career/share/all-2026/\n  All of 2026 — for Priya\n  2026-01-01 to 2026-12-31 · 5 achievements · 1 goal\n"), "{}", r.stdout);
    assert!(
        r.stdout
            .contains("https://alex.github.io/career/share/infra/\n")
    );
    let r = f.run(&["share", "list", "--base-url", "https://career.example.com/"]);
    assert!(
        r.stdout
            .contains("https://career.example.com/share/best/\n"),
        "{}",
        r.stdout
    );
    assert!(!r.stdout.contains("alex.github.io"));
}

#[test]
fn atom_feed_passes_a_real_feed_parser() {
    let ok = have("python3")
        && Command::new("python3")
            .args(["-c", "import feedparser"])
            .output()
            .is_ok_and(|o| o.status.success());
    if !require_tool("python3 with feedparser (pip install feedparser)", ok) {
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("public");
    build_example(&out, &["--base-url", "https://alex.github.io/career/"]);
    let script = r#"
import sys, feedparser
d = feedparser.parse(sys.argv[1])
assert not d.bozo, d.get("bozo_exception")
assert d.version == "atom10", d.version
assert d.feed.title
assert d.feed.updated
links = [l.href for e in d.entries for l in e.links]
assert all(h.startswith("https://alex.github.io/career/") for h in links), links
assert all(e.updated for e in d.entries)
assert not any("/share/" in h for h in links)
# The generator names the project's own repository, no one else's.
assert d.feed.generator_detail.href == sys.argv[2], d.feed.generator_detail
print(len(d.entries), "entries, bozo", d.bozo)
"#;
    let res = Command::new("python3")
        .args(["-c", script])
        .arg(out.join("atom.xml"))
        .arg("https://github.com/waymark-ssg/waymark")
        .output()
        .unwrap();
    assert!(
        res.status.success(),
        "feedparser: {}{}",
        String::from_utf8_lossy(&res.stdout),
        String::from_utf8_lossy(&res.stderr)
    );
    eprintln!(
        "feedparser: {}",
        String::from_utf8_lossy(&res.stdout).trim()
    );
    let sitemap = std::fs::read_to_string(out.join("sitemap.xml")).unwrap();
    assert!(sitemap.contains("<lastmod>2026-"), "sitemap has lastmod");
}

/// A site with every milestone type, for the résumé validators.
fn every_milestone_fixture() -> Fixture {
    let f = Fixture::small();
    f.write("waymark.yaml", &format!("{CONFIG}  headline: Engineer\n  email: test@example.com\n  location: Porto\n  links: [{{ label: GitHub, url: \"https://github.com/t\" }}]\n"));
    let m = |file: &str, fm: &str| {
        f.write(
            &format!("content/journey/{file}.md"),
            &format!("---\n{fm}\n---\nAbout it.\n"),
        )
    };
    m(
        "2010-09-01-degree",
        "title: BSc Physics\ntype: education\norg: University of Porto\nrole: Bachelor\nend: 2013-07-01",
    );
    m(
        "2014-01-01-first-job",
        "title: First job\ntype: role\nrole: Developer\norg: Acme\nend: 2019-12-31",
    );
    m(
        "2018-06-01-promoted",
        "title: Promoted to Senior\ntype: promotion\norg: Acme",
    );
    m(
        "2021-03-01-cert",
        "title: Certified Kubernetes Administrator\ntype: certification\norg: CNCF",
    );
    m(
        "2022-05-01-award",
        "title: Hackathon winner\ntype: award\norg: Acme",
    );
    m("2023-01-01-moved", "title: Moved to Porto\ntype: move");
    f
}

fn validate_resume_with_both(resume: &Path) {
    let tools = std::env::var_os("WAYMARK_NODE_TOOLS")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join(".ci/node"));
    let present = have("node")
        && tools.join("node_modules/@jsonresume/schema").is_dir()
        && tools.join("node_modules/resume-schema").is_dir();
    if !require_tool(
        "node with @jsonresume/schema and resume-schema (.ci/node)",
        present,
    ) {
        return;
    }
    let script = r#"
const doc = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
require("@jsonresume/schema").validate(doc, (err, ok) => {
  if (!ok) { console.error("@jsonresume/schema:", JSON.stringify(err, null, 1)); process.exit(1); }
  require("resume-schema").validate(doc, (err2, res) => {
    if (err2 || !res.valid) { console.error("resume-schema:", JSON.stringify(err2, null, 1)); process.exit(1); }
    console.log("valid for @jsonresume/schema and resume-schema");
  });
});
"#;
    let res = Command::new("node")
        .current_dir(tools)
        .args(["-e", script])
        .arg(resume)
        .output()
        .unwrap();
    assert!(
        res.status.success(),
        "{}",
        String::from_utf8_lossy(&res.stderr)
    );
}

#[test]
fn resume_json_validates_for_example_site_and_every_milestone_type() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("public");
    build_example(&out, &["--base-url", "https://alex.github.io/career/"]);
    validate_resume_with_both(&out.join("resume.json"));

    let f = every_milestone_fixture();
    f.run(&["build"]).ok();
    let path = f.public().join("resume.json");
    validate_resume_with_both(&path);
    let doc: serde_json::Value = serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
    assert_eq!(doc["basics"]["email"], "test@example.com");
    assert_eq!(doc["education"][0]["institution"], "University of Porto");
    assert_eq!(doc["certificates"][0]["issuer"], "CNCF");
    assert_eq!(doc["awards"][0]["title"], "Hackathon winner");
    assert!(
        doc["work"]
            .as_array()
            .unwrap()
            .iter()
            .any(|w| w["name"] == "Acme")
    );
    // `export resume` writes the same document.
    let r = f.run(&["export", "resume"]);
    r.ok();
    assert_eq!(r.stdout, std::fs::read_to_string(&path).unwrap());
}

/// The workflow `init` writes is checked by actionlint (expressions, action
/// inputs at the pinned majors, and, with shellcheck present, the `run:`
/// scripts), and it installs the free package name, never the unrelated
/// crate called `waymark`.
#[test]
fn the_workflow_init_writes_passes_actionlint() {
    if !require_tool("actionlint", have("actionlint")) {
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    waymark(tmp.path(), &["init", "site"]).ok();
    let workflow = tmp.path().join("site/.github/workflows/pages.yml");
    let text = std::fs::read_to_string(&workflow).unwrap();
    assert!(
        text.contains("cargo install waymark-ssg --version"),
        "{text}"
    );
    assert!(!text.contains("cargo install waymark "), "{text}");
    let out = Command::new("actionlint")
        .arg("-no-color")
        .arg(&workflow)
        .output()
        .expect("run actionlint");
    assert!(
        out.status.success(),
        "actionlint rejects the workflow:\n{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    // actionlint does look at inputs: a misspelt one is caught, so the
    // pass above means something.
    let bad = tmp.path().join("bad.yml");
    std::fs::write(
        &bad,
        text.replace("include-hidden-files:", "include-hiden-files:"),
    )
    .unwrap();
    let out = Command::new("actionlint")
        .arg("-no-color")
        .arg(&bad)
        .output()
        .unwrap();
    assert!(
        !out.status.success(),
        "actionlint accepted a misspelt input"
    );
}

/// What `init` wrote in place of the writer's own never reaches a sponsor
/// unnoticed: `check`, `build` and `share list` warn about the placeholder
/// base URL, "Your Name" and every published sample left as it was; the
/// warnings go as each is made real, and a site with every sample deleted
/// still builds.
#[test]
fn a_new_site_warns_about_its_placeholders_until_they_are_made_real() {
    let tmp = tempfile::tempdir().unwrap();
    waymark(tmp.path(), &["init", "site"]).ok();
    let site = tmp.path().join("site");
    let run = |args: &[&str]| waymark(&site, args);
    for args in [&["check"][..], &["build"], &["share", "list"]] {
        let r = run(args);
        r.ok()
            .stderr_has("warning[placeholder-base-url]: `base_url` is still the placeholder")
            .stderr_has("waymark.yaml:11:11")
            .stderr_has("warning[placeholder-author]: `author.name` is still \"Your Name\"")
            .stderr_has(
                "warning[sample-unchanged]: 8 of `waymark init`'s sample entries are unchanged",
            );
        for sample in [
            "content/goals/become-staff-engineer.md",
            "content/share/promotion-case.md",
            "content/pages/about.md",
        ] {
            r.stderr_has(sample);
        }
        // The private sample reflection reaches nobody: not named.
        assert!(!r.stderr.contains("how-this-quarter-feels"), "{}", r.stderr);
    }
    // share list prints the placeholder link, and says it is one.
    let r = run(&["share", "list"]);
    assert!(
        r.stdout.contains("https://example.github.io/site/share/"),
        "{}",
        r.stdout
    );
    // The workflow's --base-url replaces the placeholder: no warning then.
    let r = run(&["build", "--base-url", "https://alex.github.io/career/"]);
    assert!(!r.stderr.contains("placeholder-base-url"), "{}", r.stderr);

    // Made real one by one, each warning goes.
    let config = std::fs::read_to_string(site.join("waymark.yaml")).unwrap();
    let config = config
        .replace(
            "https://example.github.io/site/",
            "https://alex.github.io/career/",
        )
        .replace("\"Your Name\"", "\"Alex Rivera\"");
    std::fs::write(site.join("waymark.yaml"), config).unwrap();
    let about = site.join("content/pages/about.md");
    std::fs::write(&about, "---\ntitle: About\n---\nI build payment systems.\n").unwrap();
    let r = run(&["check"]);
    r.ok();
    assert!(!r.stderr.contains("placeholder-"), "{}", r.stderr);
    r.stderr_has("7 of `waymark init`'s sample entries are unchanged");
    assert!(!r.stderr.contains("content/pages/about.md"), "{}", r.stderr);

    // Every sample deleted, as the README invites: it still builds, clean.
    for dir in ["achievements", "goals", "journey", "share", "pages"] {
        std::fs::remove_dir_all(site.join("content").join(dir)).unwrap();
    }
    std::fs::remove_dir_all(site.join("private")).unwrap();
    let r = run(&["build"]);
    r.ok();
    r.stderr_has("one of `waymark init`'s sample entries is unchanged"); // _index.md
    std::fs::remove_file(site.join("content/_index.md")).unwrap();
    let r = run(&["build"]);
    r.ok();
    assert!(!r.stderr.contains("warning"), "{}", r.stderr);
}

#[test]
fn an_empty_brief_says_so_in_a_sentence_not_a_numbered_item() {
    let f = Fixture::small();
    f.write(
        "content/share/empty.md",
        "---\ntitle: Empty brief\nfrom: 2020-01-01\nto: 2020-12-31\n---\nHi.\n",
    );
    f.run(&["build"]).ok();
    let html = f.read("public/share/empty/index.html");
    assert!(html.contains("No achievements in this period."), "{html}");
    assert!(
        !html.contains("brief-list"),
        "an empty list is still drawn:\n{html}"
    );
    assert!(!html.contains("<li>No achievements"), "{html}");
}

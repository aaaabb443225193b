//! `serve` keeps what it can between saves (the last scan, resolved entries,
//! rendered Markdown, entry views) and rebuilds only what a change touches.
//! Whatever it reuses, the site it serves after each edit must be exactly
//! the site a fresh build makes of the same files.

use std::path::Path;
use std::sync::Arc;

use waymark::pipeline::{self, Cache, Options};
use waymark::serve::{self, live::Found};

use crate::support::*;

/// Every file of the served site with its bytes.
fn served(live: &serve::live::Live) -> Vec<(String, Vec<u8>)> {
    live.keys()
        .into_iter()
        .map(|k| {
            let bytes = match live.get(&k) {
                Found::Page(Ok(b)) => b.to_vec(),
                Found::Page(Err(d)) => panic!("{k} does not render: {}", d.render(false)),
                Found::File(b) => b,
                Found::Missing => panic!("{k} is listed but missing"),
            };
            (k, bytes)
        })
        .collect()
}

/// The options serve runs with, on a fixed day.
fn serve_opts(root: &Path, cache: &Arc<Cache>) -> Options {
    Options {
        root: root.to_path_buf(),
        base_url: Some("http://127.0.0.1:1111/".into()),
        today: Some("2026-11-20".parse().unwrap()),
        cache: Some(cache.clone()),
        card_cache: None,
        ..Default::default()
    }
}

/// Tells the cache what the watcher saw, as serve does before a rebuild.
fn report(cache: &Cache, changed: &[&str], rescan: bool) {
    let paths: Vec<String> = changed.iter().map(|s| s.to_string()).collect();
    cache.changed(&paths, rescan);
}

/// The small fixture site, built once through a new cache (checked
/// against a fresh build), as serve starts.
fn started() -> (Fixture, Arc<Cache>) {
    let f = Fixture::small();
    let cache = Arc::new(Cache::default());
    check_matches_fresh(f.path(), &cache, &[], false, "first build");
    (f, cache)
}

/// Rebuilds as serve does after the watcher reports `changed`, and checks
/// the result against a fresh build without any cache.
fn check_matches_fresh(
    root: &Path,
    cache: &Arc<Cache>,
    changed: &[&str],
    rescan: bool,
    what: &str,
) {
    let opts = serve_opts(root, cache);
    let fresh_opts = Options {
        cache: None,
        card_cache: None,
        ..opts.clone()
    };
    report(cache, changed, rescan);
    let incremental = serve::prepare(&opts);
    let fresh = pipeline::build(&fresh_opts);
    match (incremental, fresh) {
        (Ok((live, _)), Ok(built)) => {
            let served = served(&live);
            let names: Vec<&String> = served.iter().map(|(k, _)| k).collect();
            let built_names: Vec<&String> = built.output.files.keys().collect();
            assert_eq!(
                names, built_names,
                "{what}: the served files differ from a build's"
            );
            for (k, bytes) in &served {
                assert!(
                    built.output.files[k] == *bytes,
                    "{what}: {k} differs from a fresh build's:\n--- served\n{}\n--- built\n{}",
                    String::from_utf8_lossy(bytes),
                    String::from_utf8_lossy(&built.output.files[k])
                );
            }
        }
        (Err(a), Err(b)) => {
            let codes = |d: &[waymark::diag::Diagnostic]| {
                let mut c: Vec<_> = d.iter().map(|d| (d.code, d.path.clone())).collect();
                c.sort();
                c
            };
            assert_eq!(codes(&a), codes(&b), "{what}: different errors");
        }
        (Ok(_), Err(d)) => panic!("{what}: serve built what a build refuses: {d:?}"),
        (Err(d), Ok(_)) => panic!("{what}: serve refused what a build makes: {d:?}"),
    }
}

#[test]
fn every_kind_of_edit_serves_what_a_fresh_build_makes() {
    let f = Fixture::small();
    // A static file in a page's place wins, as in a build.
    f.write("static/404.html", "<p>My own missing page</p>");
    let root = f.path();
    let cache = Arc::new(Cache::default());
    let ach = "content/achievements/2026-03-06-shipped.md";
    let staff = "content/goals/staff.md";
    check_matches_fresh(root, &cache, &[], false, "first build");

    f.write(
        ach,
        "---\ntitle: Shipped the importer\nimpact: 3x faster\nskills: [rust]\ngoals: [slos]\ntags: [work]\n---\nWe shipped it. See [the goal](@/goals/staff.md).\n\nA new paragraph.\n",
    );
    check_matches_fresh(root, &cache, &[ach], false, "a body edit");

    f.write(
        staff,
        "---\ntitle: Become a Staff Engineer\nhorizon: 3y\n---\nBig one.\n\n- [x] one\n- [ ] two\n",
    );
    check_matches_fresh(
        root,
        &cache,
        &[staff],
        false,
        "a goal's title, shown on other pages",
    );

    f.write(
        ach,
        "---\ntitle: Shipped the importer\nimpact: 3x faster\nskills: [rust, sql]\ngoals: [slos, staff]\ntags: [work, data]\n---\nWe shipped it.\n",
    );
    check_matches_fresh(root, &cache, &[ach], false, "new tags, skills and goals");

    f.write(
        staff,
        "---\ntitle: Become a Staff Engineer\nhorizon: 3y\n---\nBig one.\n\n- [x] one\n- [x] two\n",
    );
    check_matches_fresh(
        root,
        &cache,
        &[staff],
        false,
        "a ticked checklist moves progress shown on the achievement",
    );

    let new = "content/achievements/2026-03-20-mentor.md";
    f.write(
        new,
        "---\ntitle: Mentored two juniors\ntags: [work]\ngoals: [staff]\n---\nSee [the importer](@/achievements/2026-03-06-shipped.md).\n",
    );
    check_matches_fresh(
        root,
        &cache,
        &[new],
        false,
        "a new entry linking to another",
    );

    f.write(
        "content/achievements/2026-03-13-talk.md",
        "---\ntitle: Gave a talk\nskills: [public-speaking]\nvisibility: private\n---\nTalked.\n",
    );
    check_matches_fresh(
        root,
        &cache,
        &["content/achievements/2026-03-13-talk.md"],
        false,
        "an entry made private",
    );

    f.write(
        "content/achievements/2026-03-20-photo.png",
        "not really a png",
    );
    f.write(
        new,
        "---\ntitle: Mentored two juniors\ntags: [work]\ngoals: [staff]\n---\n![us](2026-03-20-photo.png)\n",
    );
    check_matches_fresh(
        root,
        &cache,
        &["content/achievements/2026-03-20-photo.png", new],
        false,
        "a file beside an entry",
    );

    let moved = "content/achievements/2026-03-21-mentor.md";
    std::fs::rename(root.join(new), root.join(moved)).unwrap();
    check_matches_fresh(root, &cache, &[new, moved], false, "a renamed entry");

    f.write(ach, "---\ntitle: Shipped\ngoals: [nope]\n---\nBroken.\n");
    check_matches_fresh(root, &cache, &[ach], false, "an edit with an error");
    f.write(ach, "---\ntitle: Shipped\ngoals: [slos]\n---\nFixed.\n");
    check_matches_fresh(root, &cache, &[ach], false, "the error fixed");

    f.remove(moved);
    check_matches_fresh(root, &cache, &[moved], false, "a deleted entry");

    // The watcher lost track: two files changed and neither was named.
    f.write(ach, "---\ntitle: Shipped again\n---\nQuiet change.\n");
    f.write(staff, "---\ntitle: Staff\nhorizon: 1y\n---\nNo list.\n");
    check_matches_fresh(root, &cache, &[], true, "a rescan");

    f.write(
        "waymark.yaml",
        &format!("{CONFIG}description: Now with a description\ncname: journal.example.com\n"),
    );
    f.write(ach, "---\ntitle: Shipped again\n---\nAfter the config.\n");
    check_matches_fresh(
        root,
        &cache,
        &["waymark.yaml", ach],
        false,
        "a config change",
    );
}

#[test]
fn edits_to_the_example_site_serve_what_a_fresh_build_makes() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    copy_site(&example_site(), root);
    let cache = Arc::new(Cache::default());
    check_matches_fresh(root, &cache, &[], false, "first build");
    // Every entry of the site, edited in turn: its body, then its title.
    let entries: Vec<String> = walkdir::WalkDir::new(root.join("content"))
        .sort_by_file_name()
        .into_iter()
        .flatten()
        .filter(|e| e.path().extension().is_some_and(|x| x == "md"))
        .map(|e| {
            e.path()
                .strip_prefix(root)
                .unwrap()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    // A ticked step moves a goal's progress, shown on other pages.
    let packet = "content/goals/write-staff-promo-packet.md";
    let text = std::fs::read_to_string(root.join(packet)).unwrap();
    assert!(text.contains("- [ ] Review with Marta"));
    std::fs::write(
        root.join(packet),
        text.replace("- [ ] Review with Marta", "- [x] Review with Marta"),
    )
    .unwrap();
    check_matches_fresh(root, &cache, &[packet], false, "a ticked step");
    for rel in entries.iter().step_by(7) {
        let text = std::fs::read_to_string(root.join(rel)).unwrap();
        std::fs::write(root.join(rel), format!("{text}\nOne more line.\n")).unwrap();
        check_matches_fresh(root, &cache, &[rel], false, &format!("body of {rel}"));
        let retitled = text.replacen("title: ", "title: Renamed ", 1);
        std::fs::write(root.join(rel), retitled).unwrap();
        check_matches_fresh(root, &cache, &[rel], false, &format!("title of {rel}"));
    }
}

/// Rebuilds as serve does after the watcher names `changed`; returns the
/// site and what the rebuild had to do.
fn rebuild(
    root: &Path,
    cache: &Arc<Cache>,
    changed: &[&str],
) -> (serve::live::Live, pipeline::RebuildWork) {
    report(cache, changed, false);
    let (live, _) = serve::prepare(&serve_opts(root, cache)).unwrap_or_else(|d| panic!("{d:?}"));
    (live, cache.last_rebuild())
}

fn page(live: &serve::live::Live, key: &str) -> String {
    match live.get(key) {
        Found::Page(Ok(b)) => String::from_utf8(b.to_vec()).unwrap(),
        _ => panic!("no page {key}"),
    }
}

#[test]
fn a_save_costs_one_file_one_body_and_one_view() {
    let f = Fixture::small();
    let cache = Arc::new(Cache::default());
    let (_, first) = rebuild(f.path(), &cache, &[]);
    assert!(first.walked && first.files_read == 8, "{first:?}");

    let ach = "content/achievements/2026-03-13-talk.md";
    f.write(
        ach,
        "---\ntitle: Gave a talk\nskills: [public-speaking]\n---\nTalked, and took questions.\n",
    );
    let (live, work) = rebuild(f.path(), &cache, &[ach]);
    assert_eq!(
        work,
        pipeline::RebuildWork {
            walked: false,
            files_read: 1,
            markdown_rendered: 1,
            views_built: 1,
        }
    );
    assert!(page(&live, "achievements/talk/index.html").contains("took questions"));

    // A title shows on other pages: every view is built again, but no other
    // file is read and no other Markdown rendered.
    f.write(
        ach,
        "---\ntitle: Gave a conference talk\nskills: [public-speaking]\n---\nTalked, and took questions.\n",
    );
    let (live, work) = rebuild(f.path(), &cache, &[ach]);
    assert_eq!(
        (work.walked, work.files_read, work.markdown_rendered),
        (false, 1, 1)
    );
    assert!(work.views_built > 5, "{work:?}");
    assert!(page(&live, "skills/public-speaking/index.html").contains("Gave a conference talk"));

    // A new file: the folders are walked again.
    let new = "content/achievements/2026-03-20-new.md";
    f.write(new, "---\ntitle: Something new\n---\nNew.\n");
    let (_, work) = rebuild(f.path(), &cache, &[new]);
    assert!(work.walked && work.files_read == 1, "{work:?}");
}

#[test]
fn a_batch_of_saves_reads_just_those_files_and_a_new_one_walks() {
    let f = Fixture::small();
    let cache = Arc::new(Cache::default());
    rebuild(f.path(), &cache, &[]);
    // A `git pull` names several known files at once: each is read, and
    // nothing else.
    let batch = [
        "content/achievements/2026-03-06-shipped.md",
        "content/achievements/2026-03-13-talk.md",
        "content/pages/about.md",
    ];
    for (i, p) in batch.iter().enumerate() {
        f.write(p, &format!("---\ntitle: Batch {i}\n---\nBatch body {i}.\n"));
    }
    let (live, work) = rebuild(f.path(), &cache, &batch);
    assert_eq!((work.walked, work.files_read), (false, 3), "{work:?}");
    assert!(page(&live, "about/index.html").contains("Batch body 2"));
    // The same batch with a file the last walk never saw: walk again.
    let new = "content/achievements/2026-03-27-fresh.md";
    f.write(new, "---\ntitle: Fresh\n---\nFresh.\n");
    let (live, work) = rebuild(f.path(), &cache, &[batch[0], new]);
    assert!(work.walked, "{work:?}");
    assert!(page(&live, "achievements/fresh/index.html").contains("Fresh."));
}

#[test]
fn a_template_change_renders_again_without_reading_or_parsing_entries() {
    let f = Fixture::small();
    let cache = Arc::new(Cache::default());
    rebuild(f.path(), &cache, &[]);
    let tpl = "templates/achievement.html";
    f.write(
        tpl,
        "{% extends \"base.html\" %}{% block content %}<p>Redesigned: {{ entry.title }}</p>{{ entry.content | safe }}{% endblock content %}",
    );
    let (live, work) = rebuild(f.path(), &cache, &[tpl]);
    assert_eq!(
        work,
        pipeline::RebuildWork {
            walked: false,
            files_read: 0,
            markdown_rendered: 0,
            views_built: 0,
        }
    );
    let html = page(&live, "achievements/shipped/index.html");
    assert!(
        html.contains("<p>Redesigned: Shipped the importer</p>"),
        "{html}"
    );
    assert!(html.contains("We shipped it."));
}

#[test]
fn edits_made_before_the_watcher_ran_are_seen_at_the_first_save() {
    let (f, cache) = started();
    let root = f.path();
    let ach = "content/achievements/2026-03-06-shipped.md";
    let staff = "content/goals/staff.md";
    // Made while the first build ran, before the watcher started: no event
    // ever names them.
    f.write(
        ach,
        "---\ntitle: Edited before the watcher ran\n---\nQuiet.\n",
    );
    f.write("content/pages/new.md", "---\ntitle: New page\n---\nNew.\n");
    // serve says so once its watcher runs.
    cache.watching();
    f.write(
        staff,
        "---\ntitle: Become Staff\nhorizon: 3y\n---\nBig one, edited.\n",
    );
    check_matches_fresh(root, &cache, &[staff], false, "the first watched save");
}

#[test]
fn a_named_file_is_read_again_even_when_its_batch_walks_the_folders() {
    let (f, cache) = started();
    let root = f.path();
    let ach = "content/achievements/2026-03-06-shipped.md";
    // A quick second save: same length, and the old modification time.
    let p = root.join(ach);
    let before = std::fs::read_to_string(&p).unwrap();
    let mtime = std::fs::metadata(&p).unwrap().modified().unwrap();
    let after = before.replace("Shipped the importer", "Shipped the exporter");
    assert_eq!(before.len(), after.len());
    std::fs::write(&p, &after).unwrap();
    std::fs::File::options()
        .write(true)
        .open(&p)
        .unwrap()
        .set_modified(mtime)
        .unwrap();
    // A new file in the same batch makes the read walk the folders.
    let new = "content/pages/new.md";
    f.write(new, "---\ntitle: New page\n---\nNew.\n");
    check_matches_fresh(root, &cache, &[ach, new], false, "named with a new file");
}

#[test]
fn a_named_file_whose_stamp_did_not_move_is_read_again() {
    let f = Fixture::small();
    let cache = Arc::new(Cache::default());
    rebuild(f.path(), &cache, &[]);
    // A quick second save on a coarse clock: same length, same time.
    let about = "content/pages/about.md";
    let p = f.path().join(about);
    let mtime = std::fs::metadata(&p).unwrap().modified().unwrap();
    let before = std::fs::read_to_string(&p).unwrap();
    let after = before.replace("About me.", "About you");
    assert_eq!(before.len(), after.len());
    std::fs::write(&p, &after).unwrap();
    std::fs::File::options()
        .write(true)
        .open(&p)
        .unwrap()
        .set_modified(mtime)
        .unwrap();
    let (live, work) = rebuild(f.path(), &cache, &[about]);
    assert_eq!((work.walked, work.files_read), (false, 1), "{work:?}");
    assert!(page(&live, "about/index.html").contains("About you"));
}

#[cfg(unix)]
#[test]
fn a_linked_file_outside_the_watched_folders_is_looked_at_on_every_save() {
    let f = Fixture::small();
    let root = f.path();
    // Inside the site folder (a link out of it is not followed at all), but
    // in a folder serve does not watch.
    let elsewhere = root.join("notes");
    std::fs::create_dir_all(&elsewhere).unwrap();
    let target = elsewhere.join("notes.md");
    std::fs::write(&target, "---\ntitle: Linked notes\n---\nFirst.\n").unwrap();
    std::os::unix::fs::symlink(&target, root.join("content/pages/notes.md")).unwrap();
    let cache = Arc::new(Cache::default());
    check_matches_fresh(root, &cache, &[], false, "first build");
    // The target changes where no watcher looks; then another file is saved.
    std::fs::write(&target, "---\ntitle: Linked notes\n---\nSecond, longer.\n").unwrap();
    let staff = "content/goals/staff.md";
    f.write(
        staff,
        "---\ntitle: Become Staff\nhorizon: 3y\n---\nEdited.\n",
    );
    check_matches_fresh(
        root,
        &cache,
        &[staff],
        false,
        "a save after the target changed",
    );
}

#[test]
fn more_edits_that_move_other_pages_serve_what_a_fresh_build_makes() {
    let (f, cache) = started();
    let root = f.path();
    let ach = "content/achievements/2026-03-06-shipped.md";
    let talk = "content/achievements/2026-03-13-talk.md";
    let slos = "content/goals/slos.md";
    f.write(
        talk,
        "---\ntitle: Gave a talk\nskills: [Rust]\ntags: [Work]\ngoals: [slos]\n---\nTalked.\n",
    );
    check_matches_fresh(root, &cache, &[talk], false, "same terms, other case");
    f.write(
        talk,
        "---\ntitle: Gave a talk\ndate: 2026-01-01\nskills: [Rust]\ntags: [Work]\ngoals: [slos]\n---\nTalked.\n",
    );
    check_matches_fresh(root, &cache, &[talk], false, "a date moves evidence order");
    f.write(
        slos,
        "---\ntitle: Own SLOs\nhorizon: 1y\nparent: staff\ndraft: true\n---\nSmaller.\n",
    );
    check_matches_fresh(root, &cache, &[slos], false, "a goal made a draft");
    f.remove(slos);
    f.write(
        "private/goals/slos.md",
        "---\ntitle: Own SLOs\nhorizon: 1y\nparent: staff\n---\nSmaller.\n",
    );
    check_matches_fresh(
        root,
        &cache,
        &[slos, "private/goals/slos.md"],
        false,
        "a goal moved to private/",
    );
    f.write(
        ach,
        "---\ntitle: Shipped the importer\nimpact: 3x faster\nskills: [rust]\ngoals: [slos]\ntags: [work]\n---\nSee [the goal](@/goals/slos.md).\n",
    );
    check_matches_fresh(root, &cache, &[ach], false, "a link to a private goal");
    f.write(
        slos,
        "---\ntitle: Public SLOs\nslug: slos2\nhorizon: 1y\n---\n- [x] a\n",
    );
    check_matches_fresh(
        root,
        &cache,
        &[slos],
        false,
        "content/ shadows private/ for a link",
    );
    f.write(
        "content/_index.md",
        "---\ntitle: Home again\n---\nHello - [x] there.\n",
    );
    check_matches_fresh(root, &cache, &["content/_index.md"], false, "the home page");
}

#[test]
fn ladder_edits_serve_what_a_fresh_build_makes() {
    let (f, cache) = started();
    let root = f.path();
    let ladder = "name: L\nlevels:\n  - { id: senior, name: Senior }\n  - { id: staff, name: Staff }\nthemes:\n  - { id: d, name: Delivery }\ncompetencies:\n  - { id: scope, level: staff, theme: d, summary: Leads across teams }\n  - { id: depth, level: senior, theme: d, summary: Goes deep }\n";
    f.write("ladder.yaml", ladder);
    check_matches_fresh(root, &cache, &["ladder.yaml"], true, "a ladder added");
    f.write(
        "waymark.yaml",
        &format!("{CONFIG}ladder: {{ level: senior, target: staff }}\n"),
    );
    check_matches_fresh(root, &cache, &["waymark.yaml"], false, "a level and target");
    let ach = "content/achievements/2026-03-06-shipped.md";
    f.write(
        ach,
        "---\ntitle: Shipped the importer\nimpact: 3x faster\nskills: [rust]\ngoals: [slos]\ntags: [work]\nevidence: [scope]\n---\nWe shipped it.\n",
    );
    check_matches_fresh(root, &cache, &[ach], false, "evidence named");
    f.write(
        "ladder.yaml",
        &ladder.replace("Leads across teams", "Leads work across several teams"),
    );
    check_matches_fresh(
        root,
        &cache,
        &["ladder.yaml"],
        false,
        "a competency's summary, shown on the achievement's page",
    );
    f.write("ladder.yaml", &ladder.replace("id: scope", "id: scoped"));
    check_matches_fresh(
        root,
        &cache,
        &["ladder.yaml"],
        false,
        "an id the achievement names no longer there",
    );
    f.write("ladder.yaml", ladder);
    f.write(
        "waymark.yaml",
        &format!("{CONFIG}ladder: {{ level: senior, target: staff, publish: false }}\n"),
    );
    check_matches_fresh(
        root,
        &cache,
        &["waymark.yaml", "ladder.yaml"],
        false,
        "publish: false",
    );
}

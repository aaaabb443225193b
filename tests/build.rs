//! Building sites: every page of SPEC's table, links, sub-paths, escaping,
//! feeds, reproducibility, output safety.

use crate::support::*;

#[test]
fn example_site_has_every_page_of_the_spec_table() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("public");
    let r = build_example(&out, &[]);
    assert!(r.stderr.contains("Built "), "{}", r.stderr);
    assert!(
        r.stderr.contains("1 draft and 1 private entry left out"),
        "{}",
        r.stderr
    );
    let files = tree(&out);
    for f in [
        "index.html",
        "achievements/index.html",
        "achievements/checkout-p99-fix/index.html",
        "goals/index.html",
        "goals/become-staff-engineer/index.html",
        "reflections/index.html",
        "reflections/2026-q2-review/index.html",
        "journey/index.html",
        "skills/index.html",
        "skills/rust/index.html",
        "tags/index.html",
        "share/promo-2026/index.html",
        "about/index.html",
        "atom.xml",
        "sitemap.xml",
        "robots.txt",
        "404.html",
        ".nojekyll",
        "resume.json",
        "style.css",
        "achievements/checkout-p99-fix/latency-chart.svg",
    ] {
        assert!(files.contains_key(f), "missing {f}");
    }
    assert!(!files.contains_key("CNAME"), "no cname configured");
    let tags = files
        .keys()
        .filter(|k| k.starts_with("tags/") && k.ends_with("/index.html"))
        .count();
    assert!(tags > 1, "tag pages exist");
    let achievements = files
        .keys()
        .filter(|k| k.starts_with("achievements/") && k.ends_with("/index.html"))
        .count();
    assert!(
        achievements >= 41,
        "40+ achievement pages, got {achievements}"
    );
    // Every page carries title, description, canonical and Open Graph tags.
    for (path, bytes) in &files {
        if !path.ends_with(".html") {
            continue;
        }
        let html = String::from_utf8_lossy(bytes);
        for needle in [
            "<title>",
            "<meta name=\"description\" content=\"",
            "<link rel=\"canonical\" href=\"https://alex.github.io/career/",
            "<meta property=\"og:title\"",
            "<meta property=\"og:description\"",
            "<meta property=\"og:url\" content=\"https://alex.github.io/career/",
            "<meta property=\"og:type\"",
            "<meta property=\"og:site_name\"",
            "<!doctype html>",
            "<html lang=\"en\">",
        ] {
            assert!(html.contains(needle), "{path} lacks {needle}");
        }
    }
    let share = String::from_utf8_lossy(&files["share/promo-2026/index.html"]);
    assert!(share.contains("<meta name=\"robots\" content=\"noindex"));
    for (path, bytes) in &files {
        if path.starts_with("share/") {
            continue;
        }
        assert!(
            !String::from_utf8_lossy(bytes).contains("share/promo-2026"),
            "the share page is linked from {path}"
        );
    }
}

#[test]
fn every_internal_link_resolves_under_a_sub_path_and_at_the_root() {
    let tmp = tempfile::tempdir().unwrap();
    let sub = tmp.path().join("sub");
    build_example(&sub, &[]);
    let broken = broken_links(&sub, "https://alex.github.io", "/career/");
    assert!(broken.is_empty(), "broken links:\n{}", broken.join("\n"));
    let home = std::fs::read_to_string(sub.join("index.html")).unwrap();
    assert!(home.contains("href=\"/career/style.css\""));
    assert!(home.contains("href=\"/career/achievements/\""));

    let root = tmp.path().join("root");
    build_example(&root, &["--base-url", "https://career.example.com/"]);
    let broken = broken_links(&root, "https://career.example.com", "/");
    assert!(broken.is_empty(), "broken links:\n{}", broken.join("\n"));
    let home = std::fs::read_to_string(root.join("index.html")).unwrap();
    assert!(!home.contains("/career/"));
    let atom = std::fs::read_to_string(root.join("atom.xml")).unwrap();
    assert!(atom.contains("https://career.example.com/achievements/"));
}

#[test]
fn feeds_and_sitemap_are_well_formed_xml() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("public");
    build_example(&out, &[]);
    let atom = std::fs::read_to_string(out.join("atom.xml")).unwrap();
    let doc = roxmltree::Document::parse(&atom).expect("atom.xml parses");
    let feed = doc.root_element();
    assert_eq!(feed.tag_name().name(), "feed");
    assert_eq!(
        feed.tag_name().namespace(),
        Some("http://www.w3.org/2005/Atom")
    );
    let entries: Vec<_> = feed
        .children()
        .filter(|n| n.has_tag_name("entry"))
        .collect();
    assert!(entries.len() >= 40);
    for e in &entries {
        let id = e
            .children()
            .find(|n| n.has_tag_name("id"))
            .unwrap()
            .text()
            .unwrap();
        assert!(id.starts_with("https://alex.github.io/career/"), "{id}");
    }
    let sitemap = std::fs::read_to_string(out.join("sitemap.xml")).unwrap();
    let doc = roxmltree::Document::parse(&sitemap).expect("sitemap.xml parses");
    let locs: Vec<&str> = doc
        .descendants()
        .filter(|n| n.has_tag_name("loc"))
        .filter_map(|n| n.text())
        .collect();
    assert!(locs.contains(&"https://alex.github.io/career/"));
    assert!(locs.contains(&"https://alex.github.io/career/journey/"));
    assert!(
        locs.iter().all(|l| !l.contains("/share/")),
        "share pages stay out of the sitemap"
    );
    assert!(locs.iter().all(|l| !l.contains("404")));
    let robots = std::fs::read_to_string(out.join("robots.txt")).unwrap();
    assert!(robots.contains("Sitemap: https://alex.github.io/career/sitemap.xml"));
}

#[test]
fn builds_are_byte_identical() {
    let tmp = tempfile::tempdir().unwrap();
    let a = tmp.path().join("a");
    let b = tmp.path().join("b");
    build_example(&a, &[]);
    build_example(&b, &[]);
    assert_eq!(tree(&a), tree(&b));
}

#[test]
fn html_special_characters_in_titles_are_escaped_everywhere() {
    let f = Fixture::small();
    let evil = r#"<script>alert("x")</script> & 'quotes' <b>"#;
    f.write(
        "content/achievements/2026-04-01-evil.md",
        &format!("---\ntitle: '{}'\nimpact: \"<img src=x onerror=alert(1)>\"\ntags: [\"<i>tag\"]\nskills: [\"a&b\"]\n---\nBody.\n", evil.replace('\'', "''")),
    );
    f.run(&["build"]).ok();
    for (path, bytes) in tree(&f.public()) {
        if path.ends_with(".json") {
            continue; // JSON carries text as data, escaped by JSON's own rules
        }
        let text = String::from_utf8_lossy(&bytes);
        for raw in ["<script>alert", "<img src=x", "<i>tag", "<b>\"", "a&b<"] {
            assert!(!text.contains(raw), "unescaped {raw:?} in {path}");
        }
    }
    let page = f.read("public/achievements/evil/index.html");
    assert!(
        page.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;&#x2F;script&gt;")
            || page.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"),
        "{page}"
    );
    roxmltree::Document::parse(&f.read("public/atom.xml")).expect("atom still parses");
}

#[test]
fn cname_nojekyll_and_colocated_assets() {
    let f = Fixture::small();
    f.write(
        "waymark.yaml",
        &format!("{CONFIG}cname: career.example.com\n"),
    );
    f.write(
        "content/achievements/2026/2026-05-01-chart.md",
        "---\ntitle: Chart\n---\n![A chart](chart.png)\n",
    );
    f.write_bytes("content/achievements/2026/chart.png", b"\x89PNG fake");
    f.write("static/cv.pdf", "pdf");
    f.run(&["build"]).ok();
    assert_eq!(f.read("public/CNAME"), "career.example.com\n");
    assert!(f.public().join(".nojekyll").is_file());
    assert_eq!(
        std::fs::read(f.public().join("achievements/chart/chart.png")).unwrap(),
        b"\x89PNG fake"
    );
    assert_eq!(f.read("public/cv.pdf"), "pdf");
}

#[test]
fn files_beside_the_home_intro_and_milestones_go_where_their_text_is_shown() {
    let f = Fixture::small();
    f.write(
        "content/_index.md",
        "---\ntitle: Home\n---\n![me](me.svg)\n",
    );
    f.write("content/me.svg", "<svg>me</svg>");
    f.write(
        "content/journey/2020-01-01-engineer.md",
        "---\ntitle: Engineer at Acme\ntype: role\nrole: Engineer\norg: Acme\n---\n![award](award.svg)\n",
    );
    f.write("content/journey/award.svg", "<svg>award</svg>");
    f.run(&["build"]).ok();
    // The home page links `me.svg` from `/career/`, the journey page
    // `award.svg` from `/career/journey/`.
    assert!(f.read("public/index.html").contains("src=\"me.svg\""));
    assert_eq!(f.read("public/me.svg"), "<svg>me</svg>");
    assert!(
        f.read("public/journey/index.html")
            .contains("src=\"award.svg\"")
    );
    assert_eq!(f.read("public/journey/award.svg"), "<svg>award</svg>");
}

#[test]
fn a_milestone_naming_a_role_without_a_type_is_a_role_everywhere() {
    let f = Fixture::small();
    f.write(
        "content/journey/2024-01-01-lead.md",
        "---\ntitle: Lead at Corvo\nrole: Platform Lead\norg: Corvo\n---\n",
    );
    f.run(&["build"]).ok();
    let resume: serde_json::Value = serde_json::from_str(&f.read("public/resume.json")).unwrap();
    let positions: Vec<&str> = resume["work"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|w| w["position"].as_str())
        .collect();
    assert!(positions.contains(&"Platform Lead"), "{positions:?}");
    assert!(f.read("public/index.html").contains("Platform Lead"));
    assert!(
        f.read("public/journey/index.html")
            .contains("Platform Lead")
    );
}

#[test]
fn active_goals_on_the_home_page_run_nearest_first_and_unscheduled_last() {
    let f = Fixture::small();
    f.write(
        "content/goals/someday.md",
        "---\ntitle: Someday goal\n---\nNo horizon yet.\n",
    );
    f.run(&["build"]).ok();
    let home = f.read("public/index.html");
    let at = |t: &str| home.find(t).unwrap_or_else(|| panic!("{t} missing"));
    assert!(at("Own SLOs") < at("Become Staff"), "1 year before 3 years");
    assert!(at("Become Staff") < at("Someday goal"), "no horizon last");
}

#[test]
fn a_time_written_in_a_date_reaches_the_feed() {
    let f = Fixture::small();
    f.write(
        "content/achievements/2026-03-20-late.md",
        "---\ntitle: Late night\ndate: 2026-03-20T23:30:00-05:00\n---\nShipped.\n",
    );
    f.run(&["build"]).ok();
    let atom = f.read("public/atom.xml");
    // The instant, in UTC; the page keeps the calendar day as written.
    assert!(atom.contains("2026-03-21T04:30:00Z"), "{atom}");
    assert!(
        f.read("public/achievements/late/index.html")
            .contains("2026-03-20")
    );
    // Plain dates stay at midnight.
    assert!(atom.contains("2026-03-13T00:00:00Z"), "{atom}");
}

#[test]
fn kinds_slugs_and_dates_come_from_folders_names_and_front_matter() {
    let f = Fixture::small();
    f.write(
        "content/pages/2026-01-02-renamed.md",
        "---\ntitle: Renamed\nslug: now\n---\nNow page.\n",
    );
    f.write(
        "content/pages/goal-in-disguise.md",
        "---\ntitle: Disguised goal\nkind: goal\nhorizon: 30d\n---\n- [x] a\n- [x] b\n- [ ] c\n- [ ] d\n",
    );
    f.run(&["build"]).ok();
    assert!(f.public().join("now/index.html").is_file());
    let goal = f.read("public/goals/goal-in-disguise/index.html");
    assert!(goal.contains("50%"), "checklist drives progress");
    let shipped = f.read("public/achievements/shipped/index.html");
    assert!(shipped.contains("datetime=\"2026-03-06\""));
    assert!(
        shipped.contains("href=\"/career/goals/staff/\""),
        "@/ link resolved"
    );
    assert!(
        shipped.contains("href=\"/career/goals/slos/\""),
        "goal linked"
    );
    assert!(
        shipped.contains("href=\"/career/skills/rust/\""),
        "skill linked"
    );
    let staff = f.read("public/goals/staff/index.html");
    assert!(
        staff.contains("href=\"/career/goals/slos/\""),
        "sub-goal listed"
    );
    let slos = f.read("public/goals/slos/index.html");
    assert!(slos.contains("Shipped the importer"), "evidence listed");
}

#[test]
fn drafts_only_with_the_flag() {
    let f = Fixture::small();
    f.write(
        "content/achievements/2026-06-01-wip.md",
        "---\ntitle: Work in progress\ndraft: true\n---\nDRAFT-CANARY-7\n",
    );
    f.run(&["build"]).ok().stderr_has("1 draft left out");
    assert_absent(&f.public(), &["DRAFT-CANARY-7", "Work in progress"]);
    f.run(&["build", "--drafts"]).ok();
    assert!(
        f.read("public/achievements/wip/index.html")
            .contains("DRAFT-CANARY-7")
    );
}

#[test]
fn a_site_template_overrides_the_theme() {
    let f = Fixture::small();
    f.write(
        "templates/page.html",
        "{% extends \"base.html\" %}{% block content %}<p>OVERRIDDEN {{ entry.title }}</p>{% endblock content %}",
    );
    f.run(&["build"]).ok();
    let about = f.read("public/about/index.html");
    assert!(about.contains("OVERRIDDEN About"));
    assert!(
        about.contains("<link rel=\"canonical\""),
        "base.html still from the theme"
    );
}

#[test]
fn a_local_theme_is_picked_by_name() {
    let f = Fixture::small();
    f.write("waymark.yaml", &format!("{CONFIG}theme: mine\n"));
    f.write(
        "themes/mine/templates/404.html",
        "<!doctype html><title>gone</title><p>MY THEME 404</p>",
    );
    f.write("themes/mine/static/extra.css", "body{}");
    f.run(&["build"]).ok();
    assert!(f.read("public/404.html").contains("MY THEME 404"));
    assert!(f.public().join("extra.css").is_file());
    assert!(
        f.read("public/index.html")
            .contains("<link rel=\"canonical\""),
        "other templates fall back to the default theme"
    );
}

#[test]
fn the_binary_works_without_a_themes_folder_anywhere() {
    let f = Fixture::small();
    assert!(!f.path().join("themes").exists());
    f.run(&["build"]).ok();
    assert!(f.read("public/style.css").contains("prefers-color-scheme"));
}

#[test]
fn output_folder_safety() {
    let f = Fixture::small();
    // A folder waymark did not write is refused and kept.
    f.write("public/mine.txt", "precious");
    f.run(&["build"])
        .fails()
        .stderr_has("was not written by waymark");
    assert_eq!(f.read("public/mine.txt"), "precious");
    f.remove("public/mine.txt");
    f.run(&["build"]).ok();
    // A file added to waymark's own output is never deleted.
    f.write("public/notes.txt", "mine");
    f.run(&["build"]).fails().stderr_has("notes.txt");
    assert_eq!(f.read("public/notes.txt"), "mine");
    assert!(f.public().join("index.html").is_file());
    // The site itself and its inputs are refused as output.
    for bad in [".", "content", "private", "content/achievements", ".."] {
        f.run(&["build", "--output", bad])
            .fails()
            .stderr_has("refusing to write the site into");
    }
    assert!(
        f.path()
            .join("content/achievements/2026-03-06-shipped.md")
            .is_file()
    );
}

#[test]
fn usage_errors_exit_with_two() {
    let f = Fixture::small();
    assert_eq!(f.run(&["build", "--no-such-flag"]).code, 2);
    assert_eq!(f.run(&["frobnicate"]).code, 2);
}

#[test]
fn check_validates_without_writing() {
    let f = Fixture::small();
    f.run(&["check"]).ok().stderr_has("No errors");
    assert!(!f.public().exists());
    f.write(
        "content/goals/bad.md",
        "---\ntitle: Bad\nhorizon: 2y\n---\n",
    );
    let r = f.run(&["check", "--format", "json"]);
    r.fails();
    let v: serde_json::Value = r
        .stdout
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
        .find(|v| v["severity"] == "error")
        .expect("one JSON error line");
    assert_eq!(v["path"], "content/goals/bad.md");
    assert_eq!(v["line"], 3);
    assert_eq!(v["severity"], "error");
    assert!(v["help"].as_str().unwrap().contains("1y"));
}

#[test]
fn root_is_found_from_a_subfolder() {
    let f = Fixture::small();
    let r = waymark(&f.path().join("content/goals"), &["build"]);
    r.ok();
    assert!(f.public().join("index.html").is_file());
}

#[test]
fn a_rebuild_that_changes_nothing_writes_nothing() {
    let f = Fixture::small();
    f.run(&["build"]).ok();
    let mtimes = || -> std::collections::BTreeMap<String, std::time::SystemTime> {
        tree(&f.public())
            .keys()
            .map(|k| {
                (
                    k.clone(),
                    std::fs::metadata(f.public().join(k))
                        .unwrap()
                        .modified()
                        .unwrap(),
                )
            })
            .collect()
    };
    let before = mtimes();
    std::thread::sleep(std::time::Duration::from_millis(30));
    let r = f.run(&["build", "--verbose"]);
    r.ok().stderr_has("0 files written");
    assert_eq!(mtimes(), before, "no file was touched");
    // One edit rewrites the pages it shows on, not the rest.
    f.write(
        "content/pages/about.md",
        "---\ntitle: About\n---\nAbout me, updated.\n",
    );
    f.run(&["build"]).ok();
    let after = mtimes();
    assert_ne!(after["about/index.html"], before["about/index.html"]);
    assert_eq!(
        after["goals/staff/index.html"],
        before["goals/staff/index.html"]
    );
    assert_eq!(after["style.css"], before["style.css"]);
    // A page that goes away is removed, with its folder.
    f.remove("content/pages/about.md");
    f.run(&["build"]).ok();
    assert!(!f.public().join("about").exists());
}

#[test]
fn slugs_from_file_names_are_url_safe_and_skills_stay_apart() {
    let f = Fixture::small();
    f.write(
        "content/achievements/2026-03-07-C# talk?.md",
        "---\ntitle: Talk\nskills: ['C++', 'C#', C]\n---\nx\n",
    );
    f.write(
        "content/achievements/2026-03-08-100% Done.md",
        "---\ntitle: Done\ntags: ['🚀']\n---\nx\n",
    );
    f.run(&["build"]).ok();
    assert!(f.public().join("achievements/c-talk/index.html").is_file());
    assert!(
        f.public()
            .join("achievements/100-done/index.html")
            .is_file()
    );
    for skill in ["c-plus-plus", "c-sharp", "c"] {
        assert!(
            f.public()
                .join(format!("skills/{skill}/index.html"))
                .is_file(),
            "{skill}"
        );
    }
    assert!(f.public().join("tags/u-1f680/index.html").is_file());
    let broken = broken_links(&f.public(), "https://alex.github.io", "/career/");
    assert!(broken.is_empty(), "{broken:?}");
}

#[test]
fn links_to_files_beside_an_entry_are_checked_and_decoded() {
    let f = Fixture::small();
    f.write(
        "content/achievements/2026-05-01-photo.md",
        "---\ntitle: Photo\n---\n![me](my%20photo.png) and [deck](nothere.pdf)\n",
    );
    f.write_bytes("content/achievements/my photo.png", b"PNG");
    let r = f.run(&["build"]);
    r.ok()
        .stderr_has("warning[missing-file]: `nothere.pdf` is linked but there is no such file beside this entry")
        .stderr_has("content/achievements/2026-05-01-photo.md");
    assert_eq!(
        std::fs::read(f.public().join("achievements/photo/my photo.png")).unwrap(),
        b"PNG"
    );
}

#[test]
fn at_links_name_content_before_private() {
    let f = Fixture::small();
    f.write(
        "private/goals/staff.md",
        "---\ntitle: Other\nslug: zz-staff\nhorizon: 1y\n---\n",
    );
    f.run(&["build"]).ok();
    let page = f.read("public/achievements/shipped/index.html");
    assert!(
        page.contains("href=\"/career/goals/staff/\""),
        "the content/ goal is linked"
    );
}

#[test]
fn init_adds_its_ignore_rules_to_an_existing_gitignore() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join(".gitignore"), "node_modules/\n").unwrap();
    let r = waymark(dir.path(), &["init"]);
    r.ok().stderr_has("private/");
    let gi = std::fs::read_to_string(dir.path().join(".gitignore")).unwrap();
    assert!(gi.starts_with("node_modules/\n"), "kept what was there");
    for rule in ["public/", "private/", ".waymark/", ".public.waymark-*"] {
        assert!(gi.lines().any(|l| l == rule), "{rule} missing:\n{gi}");
    }
    // Running it again adds nothing twice.
    waymark(dir.path(), &["init", "--force"]).ok();
    assert_eq!(
        std::fs::read_to_string(dir.path().join(".gitignore")).unwrap(),
        gi
    );
}

/// The `<article class="card achievement…">…</article>` blocks of a page.
fn achievement_cards(html: &str) -> Vec<&str> {
    html.match_indices("<article class=\"card achievement")
        .map(|(at, _)| {
            let end = html[at..].find("</article>").expect("card closes") + at;
            &html[at..end + "</article>".len()]
        })
        .collect()
}

#[test]
fn skill_pages_group_their_achievements_like_the_log() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("public");
    let r = build_example(&out, &[]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let log = std::fs::read_to_string(out.join("achievements/index.html")).unwrap();
    let log_cards = achievement_cards(&log);
    assert!(log_cards.len() >= 41, "{}", log_cards.len());
    let mut skill_cards = 0;
    for page in std::fs::read_dir(out.join("skills")).unwrap() {
        let page = page.unwrap().path().join("index.html");
        if !page.exists() {
            continue;
        }
        let html = std::fs::read_to_string(&page).unwrap();
        let cards = achievement_cards(&html);
        assert!(!cards.is_empty(), "{}", page.display());
        // Year sections, then weeks, as on the log.
        assert!(
            html.contains("<section class=\"year\""),
            "{}",
            page.display()
        );
        assert!(html.contains("class=\"week-label\""), "{}", page.display());
        let evidence = format!(
            "<dd>{} achievement{}</dd>",
            cards.len(),
            if cards.len() == 1 { "" } else { "s" }
        );
        assert!(html.contains(&evidence), "{}: {evidence}", page.display());
        // Each card is the log's card for the same achievement, heading
        // level included: the same HTML, rendered once.
        for card in cards {
            assert!(card.contains("<h4 class=\"card-title\">"), "{card}");
            assert!(log_cards.contains(&card), "not on the log: {card}");
            skill_cards += 1;
        }
    }
    assert!(
        skill_cards > log_cards.len(),
        "achievements carry several skills"
    );
}

/// Every archetype, made by `new` and built untouched (reflections and
/// reviews with `--public`, so they are published): the page source holds
/// none of its prompts, no HTML comment at all and no empty heading.
#[test]
fn untouched_archetypes_publish_no_prompt_and_no_empty_heading() {
    let f = Fixture::small();
    let mut made = Vec::new();
    for args in [
        &["new", "week"][..],
        &["new", "achievement", "Shipped the thing"],
        &["new", "goal", "Grow into Staff"],
        &["new", "reflection", "After the offsite", "--public"],
        &["new", "review", "--public"],
        &["new", "milestone", "Staff Engineer at Acme"],
        &["new", "share", "Brief for Dana"],
    ] {
        let r = f.run(args);
        r.ok();
        made.push(r.stdout.trim().to_string());
    }
    // Made on Monday 23 November, the week note is dated on the Friday its
    // file name says.
    assert_eq!(made[0], "content/achievements/2026/2026-11-27-week-48.md");
    assert!(
        f.read(&made[0]).contains("\ndate: 2026-11-27\n"),
        "{}",
        f.read(&made[0])
    );
    let r = f.run(&["build"]);
    r.ok();
    let pages: Vec<(String, String)> = tree(&f.public())
        .into_iter()
        .filter(|(p, _)| p.ends_with(".html"))
        .map(|(p, b)| (p, String::from_utf8(b).unwrap()))
        .collect();
    // The pages of the new entries (the milestone shows on the journey).
    for want in [
        "achievements/2026-week-48/index.html",
        "achievements/shipped-the-thing/index.html",
        "goals/grow-into-staff/index.html",
        "reflections/after-the-offsite/index.html",
        "share/brief-for-dana/index.html",
    ] {
        assert!(
            pages.iter().any(|(p, _)| p == want),
            "no {want}: made {made:?}"
        );
    }
    assert!(
        pages
            .iter()
            .any(|(p, _)| p.starts_with("reflections/") && p.contains("quarterly-review")),
        "the public review has a page"
    );
    // Prompts from every archetype: none may be in any page's source.
    let prompts = [
        "These prompts are HTML comments",
        "nobody else reads this",
        "Stay or go",
        "Sponsor (",
        "Am I still learning here",
        "Careers move through people",
        "What shipped",
        "Who helped",
        "What I learned",
        "What went well",
        "What did not",
        "Wellbeing audit",
        "Progress on each active goal",
        "What stands between you",
        "What exactly will be true",
        "Write a short note to the reader",
        "What this step was",
        "One thing you would tell",
        "No active goals yet",
    ];
    for (path, html) in &pages {
        assert!(!html.contains("<!--"), "{path} has an HTML comment");
        for p in prompts {
            assert!(!html.contains(p), "{path} publishes the prompt {p:?}");
        }
        // No heading is directly followed by another of its level or
        // higher, or by the end of the entry's text.
        let body = html
            .split_once("class=\"prose")
            .map_or("", |(_, b)| b.split("</div>").next().unwrap_or(""));
        assert!(
            !body.contains("</h2>\n<h2"),
            "{path}: an empty section\n{body}"
        );
    }
    // The goal keeps its checklist: it drives the progress bar.
    let goal = &pages
        .iter()
        .find(|(p, _)| p == "goals/grow-into-staff/index.html")
        .unwrap()
        .1;
    assert!(goal.contains("Checklist"), "{goal}");
}

/// A promotion that names its role is a role: a span on the journey and a
/// job in resume.json, so the years after it are not a gap. An untouched
/// `new milestone` (type role, role and org left empty) is neither the
/// current role nor a job, and each empty field is a warning at its line.
#[test]
fn a_promotion_with_a_role_is_a_role_and_an_untouched_milestone_is_not() {
    let f = Fixture::small();
    f.write(
        "content/journey/2020-01-01-engineer.md",
        "---\ntitle: Engineer at Acme\ntype: role\nrole: Engineer\norg: Acme\nend: 2022-12-31\n---\n",
    );
    f.write(
        "content/journey/2023-01-01-promoted.md",
        "---\ntitle: Promoted to Senior\ntype: promotion\nrole: Senior Engineer\norg: Acme\n---\n",
    );
    let r = f.run(&["new", "milestone", "Next role", "--date", "2026-06-15"]);
    r.ok();
    let blank = r.stdout.trim().to_string();
    let r = f.run(&["build"]);
    r.ok()
        .stderr_has("warning[blank-milestone]: `role` is empty")
        .stderr_has(&format!("{blank}:6:7"))
        .stderr_has("warning[blank-milestone]: `org` is empty")
        .stderr_has(&format!("{blank}:7:6"));
    let resume: serde_json::Value = serde_json::from_str(&f.read("public/resume.json")).unwrap();
    let work: Vec<(String, String, Option<String>)> = resume["work"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| {
            (
                w["position"].as_str().unwrap().to_string(),
                w["startDate"].as_str().unwrap().to_string(),
                w["endDate"].as_str().map(str::to_string),
            )
        })
        .collect();
    assert_eq!(
        work,
        vec![
            ("Senior Engineer".into(), "2023-01-01".into(), None),
            (
                "Engineer".into(),
                "2020-01-01".into(),
                Some("2022-12-31".into())
            ),
        ],
        "the promotion's role continues the work history, the blank one is no job"
    );
    let journey = f.read("public/journey/index.html");
    assert!(
        journey.contains("<rect class=\"jr-role jr-role-current\"")
            && journey.contains("<title>Senior Engineer · Acme, 2023-01-01 – now</title>"),
        "the promotion is the current role span"
    );
    // It is still a promotion on the timeline too.
    assert!(
        journey.contains("<title>Promoted to Senior: 2023-01-01</title>"),
        "{journey}"
    );
    assert!(
        journey.contains("Now <strong>Senior Engineer</strong> at Acme"),
        "{journey}"
    );
    assert!(!journey.contains("Now <strong></strong>") && !journey.contains("Now , since"));
    let home = f.read("public/index.html");
    assert!(home.contains("Now Senior Engineer at Acme"), "{home}");
}

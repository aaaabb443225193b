use super::*;
use crate::pages::plan::pages;
use crate::pages::testing::{CONFIG, md, site};

fn journal() -> Site {
    site(
        &format!("{CONFIG}author:\n  name: Sam Example\n  headline: Engineer\n"),
        &[
            ("content/_index.md", &md("title: Hello, I'm Sam", "Hi.")),
            (
                "content/goals/staff.md",
                &md(
                    "title: Become staff\nhorizon: 3y\nstatus: active\nprogress: 40\ndue: 2027-06-30",
                    "",
                ),
            ),
            (
                "content/achievements/2026-01-02-big.md",
                &md(
                    "title: Big win\ndate: 2026-01-02\nfeatured: true\nimpact: Halved p99",
                    "",
                ),
            ),
            (
                "content/achievements/2026-01-03-small.md",
                &md("title: Small win\ndate: 2026-01-03\ntags: [日本]", ""),
            ),
            (
                "content/journey/2020-01-01-acme.md",
                &md(
                    "title: Joined Acme\ndate: 2020-01-01\ntype: role\nrole: Engineer\norg: Acme",
                    "",
                ),
            ),
            (
                "content/share/boss.md",
                &md(
                    "title: For my boss\nfrom: 2026-01-01\nto: 2026-02-01\nfor: Jo",
                    "",
                ),
            ),
            ("content/pages/about.md", &md("title: About", "")),
        ],
    )
}

fn card_for(site: &Site, file: &str) -> Card {
    let (_, r) = pages(site)
        .into_iter()
        .find(|(f, _)| f == file)
        .unwrap_or_else(|| panic!("no page {file}"));
    card(site, card_of(site, r))
}

#[test]
fn each_page_family_gets_its_card() {
    let s = journal();
    let home = card_for(&s, "index.html");
    assert_eq!(home.file, "cards/home.png");
    assert_eq!(home.title, "Hello, I'm Sam");
    assert_eq!(home.line, "Engineer at Acme");
    assert_eq!(home.owner, "Sam Example");
    let goal = card_for(&s, "goals/staff/index.html");
    assert_eq!(goal.file, "cards/goals/staff.png");
    assert_eq!(goal.line, "Active · 40% there · due 30 Jun 2027");
    assert_eq!(goal.progress, Some(40));
    let big = card_for(&s, "achievements/big/index.html");
    assert_eq!(big.file, "cards/achievements/big.png");
    assert_eq!((big.kind, big.line.as_str()), ("achievement", "Halved p99"));
    // Not featured: the section's card.
    assert_eq!(
        card_for(&s, "achievements/small/index.html").file,
        "cards/achievements.png"
    );
    assert_eq!(
        card_for(&s, "achievements/index.html").line,
        "2 achievements"
    );
    assert_eq!(card_for(&s, "goals/index.html").file, "cards/goals.png");
    assert_eq!(card_for(&s, "journey/index.html").file, "cards/journey.png");
    assert_eq!(card_for(&s, "skills/index.html").file, "cards/skills.png");
    assert_eq!(card_for(&s, "tags/日本/index.html").file, "cards/tags.png");
    let share = card_for(&s, "share/boss/index.html");
    assert_eq!(share.file, "cards/share/boss.png");
    assert_eq!(share.line, "For Jo · 1 Jan 2026 – 1 Feb 2026");
    // A page and the 404 show the home card.
    assert_eq!(card_for(&s, "about/index.html").file, "cards/home.png");
    assert_eq!(card_for(&s, "404.html").file, "cards/home.png");
}

#[test]
fn every_card_is_listed_once_and_each_page_names_one_of_them() {
    let s = journal();
    let all = all(&s);
    let mut files: Vec<&str> = all.iter().map(|c| c.file.as_str()).collect();
    let n = files.len();
    files.sort();
    files.dedup();
    assert_eq!(files.len(), n, "{files:?}");
    for (file, r) in pages(&s) {
        let meta = image_meta(&s, r).unwrap();
        let rel = meta
            .url
            .strip_prefix("https://alex.github.io/career/")
            .unwrap_or_else(|| panic!("{file}: {}", meta.url));
        assert!(files.contains(&rel), "{file} names {rel}");
        assert_eq!((meta.width, meta.height), (1200, 630));
        assert!(!meta.alt.is_empty());
    }
}

#[test]
fn cards_false_names_no_image() {
    let s = site(&format!("{CONFIG}cards: false\n"), &[]);
    assert!(pages(&s).iter().all(|(_, r)| image_meta(&s, *r).is_none()));
}

#[test]
fn the_alt_text_says_what_the_card_shows() {
    let s = journal();
    assert_eq!(
        card_for(&s, "achievements/big/index.html").alt(),
        "Big win — Halved p99 · Sam Example"
    );
}

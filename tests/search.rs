//! Search: `search: true` writes a Pagefind index of the public entries and
//! `/search/`, the one page with a script. The index files are decoded
//! (gzip, then Pagefind's `pagefind_dcd` signature) and searched for
//! canaries planted in a private entry, a draft, a private reflection, a
//! share page and a sealed page; a real browser finds an achievement by a
//! word of its body under a sub-path and follows the result.

use std::collections::BTreeMap;
use std::io::Read as _;
use std::path::Path;
use std::time::Duration;

use crate::browser::{Driver, chromium_path};
use crate::support::http::{Server, StaticServer};
use crate::support::*;

const SECRET: &str = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

/// A word that is only in one public achievement's body.
const WORD: &str = "quokkaferry";

/// Everywhere something private or unpublished is written, a canary.
const CANARIES: &[&str] = &[
    "canaryprivtitle",
    "canaryprivbody",
    "canaryprivimpact",
    "canaryprivfolder",
    "canarydrafttitle",
    "canarydraftbody",
    "canaryreflection",
    "canarysharetitle",
    "canarysharebody",
    "canaryshareask",
    "canarysealedtitle",
    "canarysealedbody",
];

/// The small site with search on, one achievement holding [`WORD`], and a
/// canary in every kind of entry the index must never hold.
fn search_site(base_url: &str) -> Fixture {
    let f = Fixture::small();
    // The site secret in its file, as `share` writes it: build and serve
    // both seal the sealed page with it.
    f.write(".waymark/share-secret", SECRET);
    f.write(
        "waymark.yaml",
        &format!(
            "title: Test Journal\nbase_url: {base_url}\nauthor:\n  name: Test Person\nsearch: true\n"
        ),
    );
    f.write(
        "content/achievements/2026-04-10-ferry.md",
        &format!(
            "---\ntitle: Moved the ferry timetable to streaming\nimpact: Timetable updates 6 h → 2 min\n---\nThe {WORD} pipeline replaced the nightly batch. It names [an old note](@/achievements/2019-04-11-secret.md).\n"
        ),
    );
    f.write(
        "content/achievements/2019-04-11-secret.md",
        "---\ntitle: canaryprivtitle\nimpact: canaryprivimpact\nvisibility: private\n---\ncanaryprivbody\n",
    );
    f.write(
        "private/achievements/2018-02-02-folder.md",
        "---\ntitle: In the private folder\nvisibility: public\n---\ncanaryprivfolder\n",
    );
    f.write(
        "content/achievements/2026-04-12-draft.md",
        "---\ntitle: canarydrafttitle\ndraft: true\n---\ncanarydraftbody\n",
    );
    f.write(
        "content/reflections/2026-04-13-week.md",
        "---\ntitle: A week\n---\ncanaryreflection\n",
    );
    f.write(
        "content/share/promo.md",
        "---\ntitle: canarysharetitle\nfor: My sponsor\nask: canaryshareask\nfrom: 2026-01-01\nto: 2026-12-31\n---\ncanarysharebody\n",
    );
    f.write(
        "private/share/brief.md",
        "---\ntitle: canarysealedtitle\nfor: A panel\nfrom: 2026-01-01\nto: 2026-12-31\nsealed: true\n---\ncanarysealedbody\n",
    );
    f
}

fn build(f: &Fixture, args: &[&str]) -> Run {
    let mut all = vec!["build"];
    all.extend_from_slice(args);
    let r = f.run(&all);
    r.ok();
    r
}

/// Every file under `pagefind/` of `out`, decoded: a gzipped file is
/// unzipped, and each index file must then start with Pagefind's signature
/// (which is cut off).
fn decoded_index(out: &Path) -> BTreeMap<String, Vec<u8>> {
    let files: BTreeMap<String, Vec<u8>> = tree(out)
        .into_iter()
        .filter(|(p, _)| p.starts_with("pagefind/"))
        .collect();
    assert!(!files.is_empty(), "no pagefind/ in {}", out.display());
    files
        .into_iter()
        .map(|(path, bytes)| {
            let mut bytes = if bytes.starts_with(&[0x1f, 0x8b]) {
                let mut out = Vec::new();
                flate2::read::GzDecoder::new(&bytes[..])
                    .read_to_end(&mut out)
                    .unwrap_or_else(|e| panic!("{path}: {e}"));
                out
            } else {
                bytes
            };
            let name = path.rsplit('/').next().unwrap_or_default();
            if name.contains(".pf_") {
                assert!(
                    bytes.starts_with(b"pagefind_dcd"),
                    "{path} has no Pagefind signature"
                );
                bytes.drain(..12);
            }
            (path, bytes)
        })
        .collect()
}

fn lower(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).to_lowercase()
}

/// The decoded fragments: one JSON document per indexed page.
fn fragments(index: &BTreeMap<String, Vec<u8>>) -> Vec<serde_json::Value> {
    index
        .iter()
        .filter(|(p, _)| p.ends_with(".pf_fragment"))
        .map(|(p, b)| serde_json::from_slice(b).unwrap_or_else(|e| panic!("{p}: {e}")))
        .collect()
}

#[test]
fn the_index_holds_public_entries_and_no_canary_of_a_private_entry_draft_share_or_sealed_page() {
    let f = search_site("https://alex.github.io/career/");
    for args in [&[][..], &["--drafts"][..]] {
        build(&f, args);
        let out = f.public();
        let index = decoded_index(&out);
        for name in ["pagefind/pagefind.js", "pagefind/pagefind-entry.json"] {
            assert!(index.contains_key(name), "{name}: {:?}", index.keys());
        }
        let frags = fragments(&index);
        let urls: Vec<&str> = frags.iter().filter_map(|f| f["url"].as_str()).collect();
        // The public entries, under the base path, and nothing else.
        for url in [
            "/career/achievements/ferry/",
            "/career/achievements/shipped/",
            "/career/goals/staff/",
            "/career/about/",
            "/career/journey/#engineer",
        ] {
            assert!(urls.contains(&url), "{url} not indexed: {urls:?}");
        }
        assert_eq!(urls.len(), 7, "{urls:?}");
        assert!(
            !urls
                .iter()
                .any(|u| u.contains("/share/") || u.contains("reflections")),
            "{urls:?}"
        );
        let ferry = frags
            .iter()
            .find(|f| f["url"] == "/career/achievements/ferry/")
            .unwrap();
        assert_eq!(
            ferry["meta"]["title"],
            "Moved the ferry timetable to streaming"
        );
        assert_eq!(ferry["meta"]["date"], "2026-04-10");
        assert_eq!(ferry["meta"]["summary"], "Timetable updates 6 h → 2 min");
        assert_eq!(ferry["filters"]["kind"][0], "achievement");
        assert_eq!(ferry["filters"]["year"][0], "2026");
        assert!(ferry["content"].as_str().unwrap().contains(WORD), "{ferry}");
        // The reference to the private entry is plain text in the body: its
        // title is in no field.
        assert!(ferry["content"].as_str().unwrap().contains("an old note"));
        for (path, bytes) in &index {
            let text = lower(bytes);
            for c in CANARIES {
                assert!(!text.contains(c), "{c} in {path} (build {args:?})");
            }
        }
        // Nor does the search page's filter show what only hidden entries have.
        let page = f.read("public/search/index.html");
        assert!(page.contains("<option value=\"2026\">"), "{page}");
        for year in ["2018", "2019"] {
            assert!(
                !page.contains(&format!("value=\"{year}\"")),
                "{year} in {page}"
            );
        }
        assert!(!page.contains("value=\"share\""), "{page}");
        assert!(!page.contains("value=\"reflection\""), "{page}");
        assert!(page.contains("data-bundle=\"/career/pagefind/pagefind.js\""));
    }
    // And the whole output tree holds none, but for the share page's own
    // words on the share page (published, reached by its link alone).
    build(&f, &[]);
    for (path, bytes) in tree(&f.public()) {
        let text = lower(&bytes);
        for c in CANARIES {
            let own = c.starts_with("canaryshare") && path == "share/promo/index.html";
            assert!(own || !text.contains(c), "{c} leaked into {path}");
        }
    }
}

#[test]
fn at_a_root_base_url_results_link_from_the_root() {
    let f = search_site("https://careers.example.com/");
    build(&f, &[]);
    let index = decoded_index(&f.public());
    let urls: Vec<String> = fragments(&index)
        .iter()
        .filter_map(|f| f["url"].as_str().map(str::to_string))
        .collect();
    assert!(
        urls.contains(&"/achievements/ferry/".to_string()),
        "{urls:?}"
    );
    assert!(urls.iter().all(|u| !u.contains("career/")), "{urls:?}");
    let page = f.read("public/search/index.html");
    assert!(
        page.contains("data-bundle=\"/pagefind/pagefind.js\""),
        "{page}"
    );
    assert!(page.contains("action=\"/search/\""), "{page}");
}

#[test]
fn without_search_there_is_no_index_no_search_page_no_link_and_no_script() {
    let f = Fixture::small();
    f.run(&["build"]).ok();
    let out = tree(&f.public());
    assert!(
        !out.keys()
            .any(|p| p.starts_with("pagefind/") || p.starts_with("search/"))
    );
    for (path, bytes) in &out {
        let text = String::from_utf8_lossy(bytes);
        assert!(!text.contains("/career/search/"), "{path} links to search");
        assert!(!text.contains("<script"), "{path} has a script");
    }
    // With it, every page links to the search page, and only it has a script.
    f.write("waymark.yaml", &format!("{CONFIG}search: true\n"));
    f.run(&["build"]).ok();
    let out = tree(&f.public());
    let mut scripted = Vec::new();
    for (path, bytes) in &out {
        if !path.ends_with(".html") {
            continue;
        }
        let text = String::from_utf8_lossy(bytes);
        // A share page is a brief for one reader, without the site's
        // navigation (and its search link).
        assert!(
            text.contains("<a href=\"/career/search/\"") || path.starts_with("share/"),
            "{path} has no link to search"
        );
        if text.contains("<script") {
            scripted.push(path.as_str());
        }
    }
    assert_eq!(scripted, ["search/index.html"]);
}

#[test]
fn a_page_may_not_take_the_search_pages_slug() {
    let f = Fixture::small();
    breaks_site(
        &f,
        |f| {
            f.write(
                "content/pages/search.md",
                "---\ntitle: Search me\n---\nHi.\n",
            )
        },
        &["content/pages/search.md", "reserved-slug"],
    );
}

#[test]
fn serve_indexes_what_build_would_private_and_drafts_shown_or_not_and_again_after_a_save() {
    let f = search_site("https://alex.github.io/career/");
    build(&f, &[]);
    let built = tree(&f.public());
    let s = Server::start(
        f.path(),
        &["--base-url", "/career/", "--private", "--drafts"],
    );
    // serve --private shows the private achievement…
    let page = s.get("/career/achievements/secret/");
    assert_eq!(page.status, 200);
    // …and serves the same index as build, byte for byte.
    let served_index = |built: &BTreeMap<String, Vec<u8>>| {
        built
            .iter()
            .filter(|(p, _)| p.starts_with("pagefind/"))
            .filter(|(p, b)| s.get(&format!("/career/{p}")).body != **b)
            .map(|(p, _)| p.clone())
            .collect::<Vec<_>>()
    };
    let differ = served_index(&built);
    assert!(differ.is_empty(), "served differently: {differ:?}");
    // A save: the served index follows, and matches a fresh build again.
    f.write(
        "content/achievements/2026-05-01-new.md",
        "---\ntitle: A new one\n---\nWombatlantern shipped.\n",
    );
    build(&f, &[]);
    let rebuilt = tree(&f.public());
    assert_ne!(
        rebuilt.get("pagefind/pagefind-entry.json"),
        built.get("pagefind/pagefind-entry.json")
    );
    let (_, waited) = s.poll_until(
        "/career/pagefind/pagefind-entry.json",
        Duration::from_secs(20),
        |r| Some(&r.body) == rebuilt.get("pagefind/pagefind-entry.json"),
    );
    assert!(
        waited < Duration::from_secs(20),
        "the index was not rebuilt"
    );
    let differ = served_index(&rebuilt);
    assert!(
        differ.is_empty(),
        "served differently after the save: {differ:?}"
    );
}

#[test]
fn a_browser_finds_an_achievement_by_a_word_of_its_body_under_a_sub_path_and_follows_it() {
    if !require_tool(
        "chromium, chromedriver and python3",
        have("chromedriver") && have("python3") && Path::new(&chromium_path()).exists(),
    ) {
        return;
    }
    let f = search_site("https://alex.github.io/career/");
    let www = tempfile::tempdir().unwrap();
    let out = www.path().join("career");
    build(&f, &["--output", out.to_str().unwrap()]);
    let server = StaticServer::start(www.path());
    let origin = format!("http://127.0.0.1:{}", server.port);
    let d = Driver::start();

    // From any page, the link in the header leads to the search page.
    d.goto(&format!("{origin}/career/goals/"));
    d.click("nav a[href='/career/search/']");
    assert!(d.wait_for(
        "return location.pathname === '/career/search/' && !!document.getElementById('search-q')",
        Duration::from_secs(10)
    ));
    // A word of a private entry finds nothing.
    d.type_into("#search-q", "canaryprivbody");
    assert!(
        d.wait_for(
            "return document.getElementById('search-status').textContent.startsWith('No results')",
            Duration::from_secs(15)
        ),
        "{}",
        d.js("return document.getElementById('search-status').textContent")
    );
    d.js("document.getElementById('search-q').value = ''; return true");
    d.type_into("#search-q", WORD);
    assert!(
        d.wait_for(
            "return document.querySelectorAll('#search-results li').length === 1 && document.getElementById('search-status').textContent.startsWith('1 result')",
            Duration::from_secs(15)
        ),
        "{}",
        d.js("return document.getElementById('search-status').textContent")
    );
    let shown = d.js("return document.getElementById('search-results').innerText");
    let shown = shown.as_str().unwrap_or_default();
    assert!(
        shown.contains("Moved the ferry timetable to streaming"),
        "{shown}"
    );
    assert!(shown.contains("10 Apr 2026"), "{shown}");
    assert!(shown.contains("Timetable updates 6 h → 2 min"), "{shown}");
    // Filters narrow it: the word is in no goal, and in 2026.
    d.js("const k = document.getElementById('search-kind'); k.value = 'goal'; k.dispatchEvent(new Event('change')); return true");
    assert!(d.wait_for(
        "return document.getElementById('search-status').textContent.startsWith('No results')",
        Duration::from_secs(10)
    ));
    d.js("const k = document.getElementById('search-kind'); k.value = 'achievement'; k.dispatchEvent(new Event('change')); return true");
    assert!(d.wait_for(
        "return document.querySelectorAll('#search-results li').length === 1",
        Duration::from_secs(10)
    ));
    // The query is kept in the address, so the page can be shared or reloaded.
    assert_eq!(
        d.js("return location.search"),
        serde_json::json!(format!("?q={WORD}&kind=achievement"))
    );
    d.click("#search-results a");
    assert!(
        d.wait_for(
            &format!(
                "return location.pathname === '/career/achievements/ferry/' && document.body.innerText.includes('{WORD}')"
            ),
            Duration::from_secs(10)
        ),
        "{}",
        d.js("return location.href")
    );
}

//! Link-preview cards and the URIs the site writes: real builds by the
//! binary, real servers (`waymark serve`, python's http.server), a real
//! Open Graph client (open-graph-scraper) where it is installed.

use std::collections::BTreeSet;
use std::path::Path;
use std::process::Command;

use crate::support::http::{Server, StaticServer, get};
use crate::support::*;

/// Decodes a PNG; panics unless it is one. Returns (width, height).
fn png_size(bytes: &[u8], what: &str) -> (u32, u32) {
    let decoder = png::Decoder::new(std::io::Cursor::new(bytes));
    let mut reader = decoder
        .read_info()
        .unwrap_or_else(|e| panic!("{what} is not a PNG: {e}"));
    let mut buf = vec![0; reader.output_buffer_size()];
    let info = reader
        .next_frame(&mut buf)
        .unwrap_or_else(|e| panic!("{what} does not decode: {e}"));
    (info.width, info.height)
}

/// The `content` of `<meta property|name="name" content="…">` in `html`.
fn meta(html: &str, name: &str) -> Option<String> {
    for attr in ["property", "name"] {
        let needle = format!("<meta {attr}=\"{name}\" content=\"");
        if let Some(i) = html.find(&needle) {
            let rest = &html[i + needle.len()..];
            return Some(rest[..rest.find('"')?].to_string());
        }
    }
    None
}

/// How many cards the build drew and found cached, from WAYMARK_TIMINGS.
fn card_counts(r: &Run) -> (usize, usize) {
    let line = r
        .stderr
        .lines()
        .find_map(|l| l.trim().strip_prefix("cards: "))
        .unwrap_or_else(|| panic!("no cards line in:\n{}", r.stderr));
    let nums: Vec<usize> = line
        .split(|c: char| !c.is_ascii_digit())
        .filter(|s| !s.is_empty())
        .map(|s| s.parse().unwrap())
        .collect();
    (nums[0], nums[1])
}

/// Whether `s` is a URI or relative reference made only of the characters
/// RFC 3986 allows (unreserved, sub-delimiters, `:@/?`, one `#`, and `%`
/// followed by two hex digits), with a valid scheme when it has one.
fn is_rfc3986(s: &str) -> bool {
    let b = s.as_bytes();
    let mut i = 0;
    let mut hashes = 0;
    while i < b.len() {
        let c = b[i];
        if c == b'%' {
            let hex = |j: usize| b.get(j).is_some_and(u8::is_ascii_hexdigit);
            if !(hex(i + 1) && hex(i + 2)) {
                return false;
            }
            i += 3;
            continue;
        }
        if c == b'#' {
            hashes += 1;
        } else if !(c.is_ascii_alphanumeric() || b"-._~!$&'()*+,;=:@/?".contains(&c)) {
            return false;
        }
        i += 1;
    }
    if hashes > 1 {
        return false;
    }
    // A scheme, if the reference has one before its first `/`, `?` or `#`.
    match s.find(':') {
        Some(colon) if !s[..colon].contains(['/', '?', '#']) => {
            let scheme = &s[..colon];
            scheme
                .chars()
                .next()
                .is_some_and(|c| c.is_ascii_alphabetic())
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
        }
        _ => true,
    }
}

#[test]
fn the_uri_check_itself_refuses_what_rfc_3986_refuses() {
    assert!(is_rfc3986(
        "https://a.example/career/tags/%E6%97%A5%E6%9C%AC/"
    ));
    assert!(is_rfc3986("/career/journey/#x"));
    assert!(!is_rfc3986("https://a.example/career/tags/日本/"));
    assert!(!is_rfc3986("/a b/"));
    assert!(!is_rfc3986("/a%zz/"));
    assert!(!is_rfc3986("/a#b#c"));
    assert!(!is_rfc3986("1http://x/"));
}

#[test]
fn every_page_names_its_card_and_every_card_is_a_1200_by_630_png() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("public");
    build_example(&out, &[]);
    let files = tree(&out);
    let base = "https://alex.github.io/career/";
    let mut named = BTreeSet::new();
    for (path, bytes) in &files {
        if !path.ends_with(".html") {
            continue;
        }
        let html = String::from_utf8_lossy(bytes);
        let image = meta(&html, "og:image").unwrap_or_else(|| panic!("{path} has no og:image"));
        let rel = image
            .strip_prefix(base)
            .unwrap_or_else(|| panic!("{path}: og:image {image} is not under base_url"));
        assert!(
            rel.starts_with("cards/") && rel.ends_with(".png"),
            "{path}: {image}"
        );
        assert_eq!(
            meta(&html, "og:image:width").as_deref(),
            Some("1200"),
            "{path}"
        );
        assert_eq!(
            meta(&html, "og:image:height").as_deref(),
            Some("630"),
            "{path}"
        );
        assert!(
            meta(&html, "og:image:alt").is_some_and(|a| !a.is_empty()),
            "{path}"
        );
        assert_eq!(
            meta(&html, "twitter:card").as_deref(),
            Some("summary_large_image"),
            "{path}"
        );
        assert_eq!(
            meta(&html, "twitter:image").as_deref(),
            Some(image.as_str())
        );
        named.insert(rel.to_string());
    }
    let cards: BTreeSet<String> = files
        .keys()
        .filter(|p| p.starts_with("cards/"))
        .cloned()
        .collect();
    // Every card is some page's, and every page's card is there.
    assert_eq!(named, cards);
    for c in &cards {
        assert_eq!(png_size(&files[c], c), (1200, 630), "{c}");
    }
    // The pages SPEC names have their own.
    for own in [
        "cards/home.png",
        "cards/journey.png",
        "cards/goals.png",
        "cards/skills.png",
        "cards/goals/become-staff-engineer.png",
        "cards/share/promo-2026.png",
        "cards/sealed.png",
    ] {
        assert!(cards.contains(own), "no {own} in {cards:?}");
    }
    let page = |p: &str| String::from_utf8_lossy(&files[p]).into_owned();
    // A featured achievement has its own; another uses the section's.
    let featured = page("achievements/checkout-p99-fix/index.html");
    assert!(
        meta(&featured, "og:image")
            .unwrap()
            .ends_with("cards/achievements/checkout-p99-fix.png"),
        "{featured}"
    );
    let tag = files
        .keys()
        .find(|p| p.starts_with("tags/") && p.len() > 16)
        .unwrap();
    assert_eq!(
        meta(&page(tag), "og:image").unwrap(),
        format!("{base}cards/tags.png")
    );
    // Far fewer cards than pages: most pages share their section's.
    let pages = files.keys().filter(|p| p.ends_with(".html")).count();
    assert!(
        cards.len() * 3 < pages,
        "{} cards for {pages} pages",
        cards.len()
    );
}

#[test]
fn a_rebuild_that_changes_nothing_draws_no_card() {
    let f = Fixture::small();
    let timings = [("WAYMARK_TIMINGS", "1")];
    let first = waymark_env(f.path(), &["build"], &timings);
    first.ok();
    let (drawn, cached) = card_counts(&first);
    assert!(drawn >= 6, "{}", first.stderr);
    assert_eq!(cached, 0);
    let before = tree(&f.public());
    let again = waymark_env(f.path(), &["build"], &timings);
    again.ok();
    assert_eq!(card_counts(&again), (0, drawn));
    assert_eq!(
        tree(&f.public()),
        before,
        "the cached cards are the drawn ones"
    );
    // One goal renamed: its card and no other is drawn again.
    f.write(
        "content/goals/staff.md",
        "---\ntitle: Become a Staff Engineer\nhorizon: 3y\n---\nBig one.\n\n- [x] one\n- [ ] two\n",
    );
    let changed = waymark_env(f.path(), &["build"], &timings);
    changed.ok();
    assert_eq!(card_counts(&changed), (1, drawn - 1));
    let after = tree(&f.public());
    assert_ne!(
        after["cards/goals/staff.png"],
        before["cards/goals/staff.png"]
    );
    assert_eq!(after["cards/home.png"], before["cards/home.png"]);
    // The cache is where SPEC keeps local state, never in the output.
    assert!(f.path().join(".waymark/cards").is_dir());
    assert!(!after.keys().any(|k| k.contains(".waymark")));
}

#[test]
fn cards_false_turns_them_off() {
    let f = Fixture::small();
    f.write("waymark.yaml", &format!("{CONFIG}cards: false\n"));
    f.run(&["build"]).ok();
    let files = tree(&f.public());
    assert!(!files.keys().any(|k| k.starts_with("cards/")));
    let home = f.read("public/index.html");
    assert!(!home.contains("og:image"), "{home}");
    assert_eq!(meta(&home, "twitter:card").as_deref(), Some("summary"));
    assert!(!f.path().join(".waymark/cards").exists());
}

#[test]
fn a_theme_replaces_the_card_template() {
    let f = Fixture::small();
    f.write(
        "templates/card.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"600\" height=\"315\"><rect width=\"600\" height=\"315\" fill=\"#ff0000\"/><text x=\"20\" y=\"100\" font-size=\"40\">{{ card.title }}</text></svg>",
    );
    f.run(&["build"]).ok();
    let files = tree(&f.public());
    let home = &files["cards/home.png"];
    // Drawn at 1200×630 all the same, scaled up; red where the default is not.
    assert_eq!(png_size(home, "home card"), (1200, 630));
    let mut decoder = png::Decoder::new(std::io::Cursor::new(home.as_slice()));
    // An indexed card's pixels, as RGB.
    decoder.set_transformations(png::Transformations::EXPAND);
    let mut reader = decoder.read_info().unwrap();
    let mut buf = vec![0; reader.output_buffer_size()];
    reader.next_frame(&mut buf).unwrap();
    assert_eq!(&buf[..3], &[255, 0, 0]);
    // A broken one is an error naming it; nothing is written.
    f.write("templates/card.svg", "<svg><text>{{ card.title }}</svg>");
    std::fs::remove_dir_all(f.public()).unwrap();
    f.run(&["build"])
        .fails()
        .stderr_has("error[card]")
        .stderr_has("templates/card.svg");
    assert!(!f.public().exists());
}

/// A sealed brief and private entries with canaries in every text a card
/// could show.
fn canary_site() -> Fixture {
    let f = Fixture::small();
    f.write(
        "content/achievements/2026-04-03-secret.md",
        "---\ntitle: CANARY-ACH-TITLE\nvisibility: private\nfeatured: true\nimpact: CANARY-ACH-IMPACT\n---\n",
    );
    f.write(
        "content/achievements/2026-04-04-draft.md",
        "---\ntitle: CANARY-DRAFT-TITLE\ndraft: true\nfeatured: true\nimpact: CANARY-DRAFT-IMPACT\n---\n",
    );
    f.write(
        "content/goals/hidden-goal.md",
        "---\ntitle: CANARY-GOAL-TITLE\nvisibility: private\nhorizon: 1y\n---\n",
    );
    f.write(
        "content/journey/2025-01-01-canary-role.md",
        "---\ntitle: CANARY-ROLE-TITLE\ntype: role\nrole: CANARY-ROLE\norg: CANARY-ORG\nvisibility: private\n---\n",
    );
    f.write(
        "private/share/brief.md",
        "---\ntitle: CANARY-SEALED-TITLE\nfor: CANARY-SEALED-FOR\nfrom: 2026-01-01\nto: 2026-12-31\nsealed: true\n---\nCANARY-SEALED-BODY\n",
    );
    f
}

#[test]
fn no_private_draft_or_sealed_text_reaches_a_card_its_name_or_a_head() {
    let f = canary_site();
    waymark_env(
        f.path(),
        &["build"],
        &[(
            "WAYMARK_SHARE_SECRET",
            "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
        )],
    )
    .ok();
    let out = f.public();
    assert_absent(&out, &["CANARY", "canary-role", "hidden-goal"]);
    let files = tree(&out);
    for name in files.keys() {
        assert!(
            !name.contains("secret") && !name.contains("draft") && !name.contains("brief"),
            "{name}"
        );
    }
    // The sealed page's head names the one sealed card, which says only
    // that, and the owner.
    let sealed = files
        .keys()
        .find(|k| k.starts_with("share/") && k.as_str() != "share/promo/index.html")
        .expect("the sealed page");
    let html = String::from_utf8_lossy(&files[sealed]);
    assert_eq!(
        meta(&html, "og:image").as_deref(),
        Some("https://alex.github.io/career/cards/sealed.png")
    );
    assert_eq!(
        meta(&html, "og:image:alt").as_deref(),
        Some("A sealed page · Test Person")
    );
    assert_eq!(
        png_size(&files["cards/sealed.png"], "sealed card"),
        (1200, 630)
    );
    // And the cache holds nothing else but the cards published.
    let cached = std::fs::read_dir(f.path().join(".waymark/cards"))
        .unwrap()
        .count();
    assert_eq!(
        cached,
        files.keys().filter(|k| k.starts_with("cards/")).count()
    );
}

#[test]
fn serve_draws_a_card_on_first_request_under_a_sub_path() {
    let f = Fixture::small();
    let s = Server::start(f.path(), &["--base-url", "https://alex.github.io/career/"]);
    let home = s.get("/career/").text();
    let image = meta(&home, "og:image").expect("og:image");
    assert_eq!(
        image,
        format!("http://127.0.0.1:{}/career/cards/home.png", s.port)
    );
    let cache = f.path().join(".waymark/cards");
    let count = || std::fs::read_dir(&cache).map_or(0, |d| d.count());
    assert_eq!(count(), 0, "serve drew a card before it was asked for");
    let r = s.get("/career/cards/home.png");
    assert_eq!(r.status, 200);
    assert_eq!(r.header("content-type"), Some("image/png"));
    assert_eq!(png_size(&r.body, "served home card"), (1200, 630));
    assert_eq!(count(), 1);
    // The same card a build draws (and, cached, does not draw again).
    drop(s);
    let run = waymark_env(f.path(), &["build"], &[("WAYMARK_TIMINGS", "1")]);
    run.ok();
    let (drawn, cached) = card_counts(&run);
    assert_eq!(cached, 1, "{}", run.stderr);
    assert!(drawn > 0);
    assert_eq!(
        std::fs::read(f.public().join("cards/home.png")).unwrap(),
        r.body
    );
}

/// The folder holding node_modules/open-graph-scraper: `WAYMARK_NODE_TOOLS`
/// or `.ci/node` (where .ci/run installs it).
fn node_tools(module: &str) -> Option<std::path::PathBuf> {
    let dir = std::env::var_os("WAYMARK_NODE_TOOLS")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join(".ci/node"));
    dir.join("node_modules")
        .join(module)
        .is_dir()
        .then_some(dir)
}

#[test]
fn an_open_graph_client_reads_title_description_and_image_under_a_sub_path() {
    let tools = node_tools("open-graph-scraper");
    if !require_tool(
        "node with open-graph-scraper (npm install in .ci/node)",
        have("node") && tools.is_some(),
    ) {
        return;
    }
    let f = Fixture::small();
    let s = Server::start(f.path(), &["--base-url", "https://alex.github.io/career/"]);
    let script = r#"
const ogs = require("open-graph-scraper");
ogs({ url: process.argv[1] }).then(({ error, result }) => {
  if (error) { console.error(JSON.stringify(result)); process.exit(1); }
  console.log(JSON.stringify(result));
}, (e) => { console.error(JSON.stringify(e)); process.exit(1); });
"#;
    for (path, title, description) in [
        ("/career/", "Home", "Hello there."),
        ("/career/share/promo/", "Promo brief", "Sponsor me"),
    ] {
        let url = format!("http://127.0.0.1:{}{path}", s.port);
        let res = Command::new("node")
            .current_dir(tools.as_ref().unwrap())
            .args(["-e", script, &url])
            .output()
            .unwrap();
        assert!(
            res.status.success(),
            "open-graph-scraper failed on {url}:\n{}",
            String::from_utf8_lossy(&res.stderr)
        );
        let og: serde_json::Value = serde_json::from_slice(&res.stdout).unwrap();
        assert_eq!(og["ogTitle"], title, "{og}");
        assert!(
            og["ogDescription"]
                .as_str()
                .unwrap()
                .starts_with(description),
            "{og}"
        );
        assert_eq!(og["twitterCard"], "summary_large_image", "{og}");
        assert_eq!(
            og["twitterImage"][0]["url"], og["ogImage"][0]["url"],
            "{og}"
        );
        assert!(
            og["ogImage"][0]["alt"]
                .as_str()
                .is_some_and(|a| a.starts_with(title)),
            "{og}"
        );
        let image = &og["ogImage"][0];
        for (key, want) in [("width", "1200"), ("height", "630"), ("type", "image/png")] {
            assert_eq!(
                image[key].to_string().trim_matches('"'),
                want,
                "{key}: {og}"
            );
        }
        let image_url = image["url"].as_str().unwrap();
        let image_path = image_url
            .strip_prefix(&format!("http://127.0.0.1:{}", s.port))
            .unwrap_or_else(|| panic!("{image_url} is not on the server"));
        assert!(image_path.starts_with("/career/cards/"), "{image_url}");
        let r = get(s.port, image_path);
        assert_eq!(r.status, 200, "{image_url}");
        assert_eq!(png_size(&r.body, image_url), (1200, 630));
    }
}

/// A site with a tag and a skill outside ASCII.
fn non_ascii_site() -> Fixture {
    let f = Fixture::small();
    f.write(
        "content/achievements/2026-05-01-tokyo.md",
        "---\ntitle: Talk in Tokyo\nfeatured: true\ntags: [日本]\nskills: [système]\n---\nSpoke.\n",
    );
    f
}

#[test]
fn the_sitemap_and_every_href_are_rfc_3986_uris_that_servers_map_back() {
    let f = non_ascii_site();
    f.run(&["build"]).ok();
    let sitemap = f.read("public/sitemap.xml");
    let doc = roxmltree::Document::parse(&sitemap).expect("the sitemap is XML");
    let locs: Vec<&str> = doc
        .descendants()
        .filter(|n| n.has_tag_name("loc"))
        .filter_map(|n| n.text())
        .collect();
    assert!(!locs.is_empty());
    for loc in &locs {
        assert!(is_rfc3986(loc), "not an RFC 3986 URI in the sitemap: {loc}");
    }
    let tag = "https://alex.github.io/career/tags/%E6%97%A5%E6%9C%AC/";
    assert!(locs.contains(&tag), "{locs:?}");
    assert!(locs.contains(&"https://alex.github.io/career/skills/syst%C3%A8me/"));
    // Every href and src of every page, and every URL in a head.
    let files = tree(&f.public());
    for (path, bytes) in &files {
        if !path.ends_with(".html") {
            continue;
        }
        let html = String::from_utf8_lossy(bytes);
        for link in links(&html) {
            assert!(is_rfc3986(&link), "{path}: {link}");
        }
        for name in ["og:url", "og:image"] {
            if let Some(u) = meta(&html, name) {
                assert!(is_rfc3986(&u), "{path}: {name} {u}");
            }
        }
    }
    // The files keep their names; python's http.server, serving the output
    // under /career/, maps the encoded URL back to them.
    assert!(files.contains_key("tags/日本/index.html"));
    let host = tempfile::tempdir().unwrap();
    std::os::unix::fs::symlink(f.public(), host.path().join("career")).unwrap();
    let py = StaticServer::start(host.path());
    let r = get(py.port, "/career/tags/%E6%97%A5%E6%9C%AC/");
    assert_eq!(r.status, 200);
    assert!(r.text().contains("日本"));
    assert_eq!(get(py.port, "/career/skills/syst%C3%A8me/").status, 200);
    // And so does waymark serve, linking the same way.
    let s = Server::start(f.path(), &["--base-url", "https://alex.github.io/career/"]);
    let page = s.get("/career/tags/%E6%97%A5%E6%9C%AC/");
    assert_eq!(page.status, 200);
    let achievement = s.get("/career/achievements/tokyo/").text();
    assert!(
        achievement.contains("href=\"/career/tags/%E6%97%A5%E6%9C%AC/\""),
        "{achievement}"
    );
}

//! Sealed share pages: encrypted content, keys from a site secret, links
//! that keep working across builds until rotated.

use std::path::Path;
use std::time::Duration;

use crate::browser::{Driver, chromium_path};
use crate::support::http::StaticServer;
use crate::support::*;

const SECRET: &str = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

fn sealed_fixture(sealed: bool) -> Fixture {
    let f = Fixture::small();
    f.write(
        "content/share/promo.md",
        &format!(
            "---\ntitle: CANARY-SHARE-TITLE\nfor: My sponsor\nask: CANARY-ASK-TEXT\nfrom: 2026-01-01\nto: 2026-12-31\nsealed: {sealed}\n---\nCANARY-BODY-TEXT\n"
        ),
    );
    f
}

fn build(f: &Fixture) -> Run {
    waymark_env(f.path(), &["build"], &[("WAYMARK_SHARE_SECRET", SECRET)])
}

fn main_inner(html: &str) -> &str {
    let open = html.find("<main id=\"main\"").unwrap();
    let start = open + html[open..].find('>').unwrap() + 1;
    let end = html.rfind("</main>").unwrap();
    &html[start..end]
}

/// The same secret the builds get, read the way waymark reads it (from a
/// secret file: setting the variable here would leak into other tests).
fn secret() -> waymark::seal::Secret {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join(".waymark")).unwrap();
    std::fs::write(dir.path().join(".waymark/share-secret"), SECRET).unwrap();
    waymark::seal::load_secret(dir.path()).unwrap().unwrap()
}

#[test]
fn no_plaintext_of_a_sealed_page_anywhere_in_the_output() {
    let f = sealed_fixture(true);
    let r = build(&f);
    r.ok();
    assert!(
        !r.stderr.contains("CANARY"),
        "the build log shows sealed content"
    );
    assert_absent(&f.public(), &["CANARY", "My sponsor"]);
    let page = f.read("public/share/promo/index.html");
    // Achievement titles on the brief are sealed too.
    assert!(!page.contains("Shipped the importer") && !page.contains("3x faster"));
    assert!(page.contains("<title>A sealed page"));
    assert!(page.contains("<meta name=\"robots\" content=\"noindex"));
    assert!(page.contains("data-waymark-sealed=\""));
    assert!(!page.contains("<meta name=\"description\" content=\"CANARY"));
}

#[test]
fn the_ciphertext_opens_with_the_derived_key_to_the_rendered_content() {
    let plain = sealed_fixture(false);
    build(&plain).ok();
    let expected = plain.read("public/share/promo/index.html");
    let sealed = sealed_fixture(true);
    build(&sealed).ok();
    let page = sealed.read("public/share/promo/index.html");
    let ct = waymark::seal::ciphertext_of(&page).expect("ciphertext in page");
    let key = waymark::seal::PageKey::derive(&secret(), "promo", None);
    let opened = waymark::seal::open(&key.key, "promo", &ct).expect("opens with the right key");
    let opened = String::from_utf8(opened).unwrap();
    assert_eq!(
        opened,
        main_inner(&expected),
        "decrypts to exactly the rendered content"
    );
    assert!(opened.contains("CANARY-BODY-TEXT") && opened.contains("CANARY-ASK-TEXT"));
    let wrong = waymark::seal::PageKey::derive(&secret(), "promo", Some("other"));
    assert!(
        waymark::seal::open(&wrong.key, "promo", &ct).is_err(),
        "a wrong key fails authentication"
    );
}

#[test]
fn links_are_stable_across_builds_until_rotated() {
    let f = sealed_fixture(true);
    let list = || {
        let r = waymark_env(
            f.path(),
            &["share", "list"],
            &[("WAYMARK_SHARE_SECRET", SECRET)],
        );
        r.ok();
        r.stdout.lines().next().unwrap().to_string()
    };
    let first = list();
    assert!(
        first.starts_with("https://alex.github.io/career/share/promo/#k="),
        "{first}"
    );
    build(&f).ok();
    let page1 = f.read("public/share/promo/index.html");
    build(&f).ok();
    assert_eq!(
        page1,
        f.read("public/share/promo/index.html"),
        "byte-identical rebuild"
    );
    assert_eq!(list(), first, "same secret, same link");

    let r = waymark_env(
        f.path(),
        &["share", "rotate", "promo"],
        &[("WAYMARK_SHARE_SECRET", SECRET)],
    );
    r.ok()
        .stderr_has("Rotated the key of content/share/promo.md");
    let rotated = r.stdout.lines().next().unwrap().to_string();
    assert_ne!(rotated, first);
    assert_eq!(list(), rotated);
    assert!(f.read("content/share/promo.md").contains("key_salt: \""));
    assert!(
        f.read("content/share/promo.md")
            .contains("CANARY-BODY-TEXT"),
        "the rest of the file is kept"
    );
    build(&f).ok();
    let page2 = f.read("public/share/promo/index.html");
    let old_key = waymark::seal::PageKey::derive(&secret(), "promo", None);
    assert!(
        waymark::seal::open(
            &old_key.key,
            "promo",
            &waymark::seal::ciphertext_of(&page2).unwrap()
        )
        .is_err(),
        "the old link stops working"
    );
}

#[test]
fn rotate_refuses_unknown_and_unsealed_pages() {
    let f = sealed_fixture(false);
    f.run(&["share", "rotate", "promoo"])
        .fails()
        .stderr_has("did you mean `promo`?");
    f.run(&["share", "rotate", "promo"])
        .fails()
        .stderr_has("is not sealed");
}

#[test]
fn a_sealed_page_without_a_secret_is_an_error_never_a_page_in_the_clear() {
    let f = sealed_fixture(true);
    let r = f.run(&["build"]);
    r.fails()
        .stderr_has("error[sealed-without-secret]")
        .stderr_has("content/share/promo.md")
        .stderr_has("WAYMARK_SHARE_SECRET");
    assert!(!f.public().exists(), "nothing written");
    // share list creates the secret file on first use; then build works.
    let r = f.run(&["share", "list"]);
    r.ok().stderr_has(".waymark/share-secret");
    let secret_file = f.path().join(".waymark/share-secret");
    assert_eq!(
        std::fs::read_to_string(&secret_file).unwrap().trim().len(),
        64
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(
            std::fs::metadata(&secret_file)
                .unwrap()
                .permissions()
                .mode()
                & 0o777,
            0o600
        );
    }
    let link = r.stdout.lines().next().unwrap().to_string();
    f.run(&["build"]).ok();
    assert_eq!(
        f.run(&["share", "list"]).stdout.lines().next().unwrap(),
        link,
        "the file's secret is reused"
    );
}

#[test]
fn the_browser_opens_it_with_the_key_and_only_with_the_key() {
    if !require_tool(
        "chromium and chromedriver",
        have("chromedriver") && Path::new(&chromium_path()).exists(),
    ) || !require_tool("python3", have("python3"))
    {
        return;
    }
    let f = sealed_fixture(true);
    build(&f).ok();
    let link = waymark_env(
        f.path(),
        &["share", "list"],
        &[("WAYMARK_SHARE_SECRET", SECRET)],
    )
    .stdout;
    let fragment = link
        .lines()
        .next()
        .unwrap()
        .split('#')
        .nth(1)
        .unwrap()
        .to_string();
    let host = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(host.path()).unwrap();
    std::os::unix::fs::symlink(f.public(), host.path().join("career")).unwrap();
    let server = StaticServer::start(host.path());
    let url = format!("http://127.0.0.1:{}/career/share/promo/", server.port);
    let d = Driver::start();

    d.goto(&format!("{url}#{fragment}"));
    assert!(
        d.wait_for(
            "return document.body.innerText.includes('CANARY-BODY-TEXT')",
            Duration::from_secs(10)
        ),
        "the right key shows the content"
    );
    assert_eq!(
        d.js("return document.body.innerText.includes('CANARY-ASK-TEXT')"),
        serde_json::json!(true)
    );

    let wrong = format!("k={}", "A".repeat(43));
    d.goto(&format!("{url}?again#{wrong}"));
    assert!(
        d.wait_for(
            "return document.body.innerText.includes('This key does not open this page')",
            Duration::from_secs(10)
        ),
        "a wrong key says so"
    );
    assert_eq!(
        d.js("return document.body.innerText.includes('CANARY')"),
        serde_json::json!(false)
    );

    d.goto(&format!("{url}?none"));
    assert!(
        d.wait_for(
            "return document.body.innerText.includes('Open it with the full link')",
            Duration::from_secs(10)
        ),
        "no key says how to open it"
    );
    assert_eq!(
        d.js("return document.body.innerText.includes('CANARY')"),
        serde_json::json!(false)
    );
}

#[test]
fn files_beside_a_sealed_page_are_refused_not_published() {
    let f = Fixture::small();
    f.write(
        "content/share/brief/index.md",
        "---\ntitle: Sealed\nsealed: true\n---\nSee ![chart](salary-chart.svg).\n",
    );
    f.write(
        "content/share/brief/salary-chart.svg",
        "<svg>SALARY-CANARY</svg>",
    );
    let r = build(&f);
    r.fails()
        .stderr_has("error[sealed-attachment]")
        .stderr_has("content/share/brief/index.md");
    assert!(!f.public().exists(), "nothing written");
}

#[test]
fn a_share_template_without_main_names_the_page_it_could_not_seal() {
    let f = sealed_fixture(true);
    f.write(
        "templates/share.html",
        "<!doctype html><html lang=\"en\"><head><title>x</title></head><body><div>{{ entry.title }}</div></body></html>",
    );
    let r = build(&f);
    r.fails()
        .stderr_has("error[sealed-template]")
        .stderr_has("content/share/promo.md");
    assert!(!f.public().exists(), "nothing written");
}

#[test]
fn a_share_file_saved_with_a_bom_and_crlf_rotates_as_it_builds() {
    let f = Fixture::small();
    f.write_bytes(
        "content/share/promo.md",
        b"\xef\xbb\xbf---\r\ntitle: Promo\r\nfrom: 2026-01-01\r\nto: 2026-12-31\r\nsealed: true\r\n---\r\nHi.\r\n",
    );
    build(&f).ok();
    waymark_env(
        f.path(),
        &["share", "rotate", "promo"],
        &[("WAYMARK_SHARE_SECRET", SECRET)],
    )
    .ok();
    assert!(f.read("content/share/promo.md").contains("key_salt:"));
    build(&f).ok();
}

/// serve shows the missing secret as an error, with `share list` as the
/// way out; once `share list` has made the secret, serve notices it and the
/// sealed page builds, without a restart. Both watchers.
#[test]
fn serve_notices_the_secret_that_share_list_creates() {
    for poll in [false, true] {
        let f = sealed_fixture(true);
        let args: &[&str] = if poll { &["--poll"] } else { &[] };
        let server = http::Server::start(f.path(), args);
        let r = server.get("/");
        assert!(r.text().contains("sealed-without-secret"), "{}", r.text());
        assert!(r.text().contains("share list"), "{}", r.text());
        f.run(&["share", "list"]).ok();
        let (r, _) = server.poll_until("/", Duration::from_secs(10), |r| {
            r.status == 200 && !r.text().contains("sealed-without-secret")
        });
        assert!(
            r.status == 200 && !r.text().contains("sealed-without-secret"),
            "poll={poll}: serve kept the error after share list made the secret:\n{}",
            r.text()
        );
        let page = server.get("/share/promo/");
        assert_eq!(page.status, 200, "poll={poll}");
        assert!(
            !page.text().contains("CANARY-BODY-TEXT"),
            "sealed, not in the clear"
        );
    }
}

/// The frozen pages of format 1 (tests/fixtures/sealed-v1, see its README).
struct Vector {
    slug: String,
    salt: Option<String>,
    /// The key as the link carries it, after `#k=`.
    link_key: String,
    page: String,
    plain: String,
}

fn vectors_v1() -> (waymark::seal::Secret, Vec<Vector>) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/sealed-v1");
    let home = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(home.path().join(".waymark")).unwrap();
    std::fs::copy(
        dir.join("secret"),
        home.path().join(".waymark/share-secret"),
    )
    .unwrap();
    let secret = waymark::seal::load_secret(home.path()).unwrap().unwrap();
    let read = |name: &str| std::fs::read_to_string(dir.join(name)).unwrap();
    let vectors = read("vectors.tsv")
        .lines()
        .map(|line| {
            let cols: Vec<&str> = line.split('\t').collect();
            Vector {
                slug: cols[0].to_string(),
                salt: Some(cols[1].to_string()).filter(|s| !s.is_empty()),
                link_key: cols[2].to_string(),
                page: read(&format!("{}.html", cols[0])),
                plain: read(&format!("{}.plain.html", cols[0])),
            }
        })
        .collect();
    (secret, vectors)
}

#[test]
fn frozen_format_1_pages_still_open_with_their_links_and_the_derived_keys() {
    use base64::Engine as _;
    let (secret, vectors) = vectors_v1();
    assert_eq!(vectors.len(), 3);
    for v in &vectors {
        let derived = waymark::seal::PageKey::derive(&secret, &v.slug, v.salt.as_deref());
        let from_link: [u8; 32] = base64::engine::general_purpose::URL_SAFE_NO_PAD
            .decode(&v.link_key)
            .unwrap()
            .try_into()
            .unwrap();
        assert_eq!(
            derived.key, from_link,
            "{}: the key derivation changed",
            v.slug
        );
        let ct = waymark::seal::ciphertext_of(&v.page).expect("a ciphertext");
        let opened = waymark::seal::open(&from_link, &v.slug, &ct)
            .unwrap_or_else(|_| panic!("{}: no longer opens", v.slug));
        assert_eq!(String::from_utf8(opened).unwrap(), v.plain, "{}", v.slug);
        assert!(
            !v.page.contains("VECTOR-"),
            "{}: plaintext in the page",
            v.slug
        );
    }
}

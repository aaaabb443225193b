//! Sealed share pages: a page's main content encrypted with AES-256-GCM
//! under a per-page key that travels only in the link's fragment
//! (`/share/k7f3q9x2ma/#k=…`), which browsers never send to a server.
//!
//! Keys are derived with HKDF-SHA256 from one site secret and the page's slug
//! (and `key_salt`, which `share rotate` changes), so links stay stable across
//! builds. The 96-bit nonce is derived from the content (HMAC-SHA256 under a
//! separate derived key, truncated): rebuilds stay byte-identical while
//! different content never reuses a nonce. What is sealed (format 2) is the
//! page's title and main part, padded to a multiple of 4 KiB.
//!
//! A sealed page's published form is an [`Artifact`]: the ciphertext with
//! its slug, written to `sealed/<slug>.html` in the site folder and
//! committed, so that a build that has neither the source nor the secret
//! publishes the page as it is. The pages and the artifacts are made in
//! `pipeline/sealed.rs`; this module knows only keys, bytes and formats.

use std::path::{Path, PathBuf};

use aes_gcm::aead::{Aead, KeyInit, Payload};
use aes_gcm::{Aes256Gcm, Nonce};
use base64::Engine as _;
use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use hmac::{Hmac, Mac};
use sha2::Sha256;

use crate::diag::Code;
use crate::diag::Diagnostic;

/// The environment variable that carries the site secret (a GitHub Actions
/// secret, in CI).
pub(crate) const SECRET_ENV: &str = "WAYMARK_SHARE_SECRET";
/// Where the secret lives on the writer's machine, relative to the site root.
pub(crate) const SECRET_FILE: &str = ".waymark/share-secret";

/// The site secret: 256 bits.
#[derive(Clone)]
pub struct Secret([u8; 32]);

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Secret(…)")
    }
}

fn parse_secret(text: &str) -> Option<Secret> {
    let t = text.trim();
    let bytes: Vec<u8> = if t.len() == 64 && t.chars().all(|c| c.is_ascii_hexdigit()) {
        (0..32)
            .map(|i| u8::from_str_radix(&t[i * 2..i * 2 + 2], 16).ok())
            .collect::<Option<_>>()?
    } else {
        URL_SAFE_NO_PAD
            .decode(t.trim_end_matches('='))
            .or_else(|_| STANDARD.decode(t))
            .ok()?
    };
    Some(Secret(bytes.try_into().ok()?))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// How to provide a secret, for error messages.
pub(crate) fn secret_help() -> String {
    format!(
        "run `waymark share list` on your machine once: it creates {SECRET_FILE} (ignored by git; \
         keep a copy in your password manager). A build without the page's source (GitHub Actions) \
         needs no secret: it publishes the page from {ARTIFACT_DIR}/, which `waymark build` writes \
         and you commit"
    )
}

/// What to say when [`ensure_secret`] has made the secret.
pub(crate) fn created_note() -> String {
    format!(
        "Created {SECRET_FILE}, the secret every sealed page's key comes from: keep a copy in your \
         password manager. It never goes into git, and no build elsewhere needs it."
    )
}

/// The secret from `WAYMARK_SHARE_SECRET` or `.waymark/share-secret`, if any.
pub fn load_secret(root: &Path) -> Result<Option<Secret>, String> {
    if let Ok(v) = std::env::var(SECRET_ENV)
        && !v.trim().is_empty()
    {
        return parse_secret(&v).map(Some).ok_or_else(|| {
                format!("{SECRET_ENV} is not a 256-bit secret: give 64 hex digits (e.g. from `openssl rand -hex 32`)")
            });
    }
    let path = root.join(SECRET_FILE);
    match std::fs::read_to_string(&path) {
        Ok(text) => parse_secret(&text)
            .map(Some)
            .ok_or_else(|| format!("{SECRET_FILE} does not hold a 256-bit secret (64 hex digits)")),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(format!("cannot read {SECRET_FILE}: {e}")),
    }
}

/// The secret, creating `.waymark/share-secret` with 256 random bits when
/// there is none yet. Returns the path when it was created.
pub(crate) fn ensure_secret(root: &Path) -> Result<(Secret, Option<PathBuf>), String> {
    if let Some(s) = load_secret(root)? {
        return Ok((s, None));
    }
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).map_err(|e| format!("no randomness available: {e}"))?;
    let path = root.join(SECRET_FILE);
    let dir = path.parent().expect("has a parent");
    std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    // Keep the folder out of git even where init's .gitignore is missing.
    let _ = std::fs::write(dir.join(".gitignore"), "*\n");
    write_private(&path, &format!("{}\n", hex(&bytes)))
        .map_err(|e| format!("cannot write {SECRET_FILE}: {e}"))?;
    Ok((Secret(bytes), Some(path)))
}

#[cfg(unix)]
fn write_private(path: &Path, text: &str) -> std::io::Result<()> {
    use std::io::Write;
    use std::os::unix::fs::OpenOptionsExt;
    let mut f = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)?;
    f.write_all(text.as_bytes())
}

#[cfg(not(unix))]
fn write_private(path: &Path, text: &str) -> std::io::Result<()> {
    std::fs::write(path, text)
}

fn derive(secret: &Secret, purpose: &str, slug: &str, salt: Option<&str>) -> [u8; 32] {
    let hk = hkdf::Hkdf::<Sha256>::new(Some(b"waymark share v1"), &secret.0);
    let info = format!("{purpose}\0{slug}\0{}", salt.unwrap_or(""));
    let mut out = [0u8; 32];
    hk.expand(info.as_bytes(), &mut out)
        .expect("32 bytes is a valid HKDF length");
    out
}

/// A sealed page's keys: the one in the link, and the one that derives nonces.
#[derive(Clone)]
pub struct PageKey {
    pub key: [u8; 32],
    nonce_key: [u8; 32],
    slug: String,
}

impl PageKey {
    pub fn derive(secret: &Secret, slug: &str, salt: Option<&str>) -> PageKey {
        PageKey {
            key: derive(secret, "content key", slug, salt),
            nonce_key: derive(secret, "nonce key", slug, salt),
            slug: slug.to_string(),
        }
    }

    /// The link fragment: `k=` and the key in base64url.
    pub(crate) fn fragment(&self) -> String {
        format!("k={}", URL_SAFE_NO_PAD.encode(self.key))
    }

    fn nonce(&self, plaintext: &[u8]) -> [u8; 12] {
        let mut mac =
            <Hmac<Sha256> as Mac>::new_from_slice(&self.nonce_key).expect("any key length");
        mac.update(plaintext);
        let tag = mac.finalize().into_bytes();
        let mut n = [0u8; 12];
        n.copy_from_slice(&tag[..12]);
        n
    }

    /// nonce ‖ ciphertext ‖ tag, with the slug as associated data.
    pub(crate) fn seal(&self, plaintext: &[u8]) -> Vec<u8> {
        let nonce = self.nonce(plaintext);
        let cipher = Aes256Gcm::new_from_slice(&self.key).expect("32-byte key");
        let ct = cipher
            .encrypt(
                Nonce::from_slice(&nonce),
                Payload {
                    msg: plaintext,
                    aad: self.slug.as_bytes(),
                },
            )
            .expect("AES-GCM encryption does not fail for in-memory data");
        let mut out = nonce.to_vec();
        out.extend_from_slice(&ct);
        out
    }
}

/// A sealed page did not open: wrong key, wrong page, or changed data.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("the key does not open this sealed page")]
pub struct WrongKey;

/// Opens what `seal` produced with a raw key; fails on a wrong key or any
/// change to the data. What it returns is the payload: the plain HTML in
/// format 1, padded JSON in format 2 (see [`open_page`]).
pub fn open(key: &[u8; 32], slug: &str, sealed: &[u8]) -> Result<Vec<u8>, WrongKey> {
    if sealed.len() < 12 + 16 {
        return Err(WrongKey);
    }
    let cipher = Aes256Gcm::new_from_slice(key).map_err(|_| WrongKey)?;
    cipher
        .decrypt(
            Nonce::from_slice(&sealed[..12]),
            Payload {
                msg: &sealed[12..],
                aad: slug.as_bytes(),
            },
        )
        .map_err(|_| WrongKey)
}

/// Decodes the base64 ciphertext as published.
pub fn decode(b64: &str) -> Option<Vec<u8>> {
    STANDARD.decode(b64.trim()).ok()
}

/// The folder of the site that holds each sealed page's published form,
/// `sealed/<slug>.html`: committed, so that a build without the sources or
/// the secret (GitHub Actions) publishes the pages from it.
pub const ARTIFACT_DIR: &str = "sealed";

/// The format sealed pages are written in now. Format 1 (waymark 0.1.0,
/// pages published from `content/share/`) sealed the bare HTML of the
/// page's main part; format 2 seals [`payload`]: the page's title with it,
/// padded to a multiple of [`PAD_TO`]. Both still open.
pub const FORMAT: u8 = 2;

/// Payloads are padded with spaces to a multiple of this many bytes, so the
/// published size says little about the content or about a change to it.
pub const PAD_TO: usize = 4096;

/// Where the published page keeps its ciphertext.
pub(crate) const CIPHERTEXT_ATTR: &str = "data-waymark-sealed";

/// What format 2 seals: the title the tab and a print show once the page
/// is open (plain text) and the HTML of its main part, as JSON, with spaces
/// after it up to the next multiple of [`PAD_TO`] (JSON allows them).
pub(crate) fn payload(title: &str, main: &str) -> Vec<u8> {
    let mut out = serde_json::to_vec(&serde_json::json!({
        "v": FORMAT,
        "title": title,
        "main": main,
    }))
    .expect("strings serialise");
    let padded = out.len().div_ceil(PAD_TO).max(1) * PAD_TO;
    out.resize(padded, b' ');
    out
}

/// A sealed page as it is published: its slug (the associated data, and
/// its address `/share/<slug>/`), the format of its payload and its
/// ciphertext; in format 2 also the id of the source it was sealed from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Artifact {
    pub(crate) slug: String,
    pub(crate) format: u8,
    /// [`source_id`] of the file it was sealed from: the build that has the
    /// secret and the file knows its own artifacts by it. Says nothing to
    /// anyone without the secret.
    pub(crate) source: Option<String>,
    pub(crate) ciphertext: Vec<u8>,
}

/// What an opened sealed page holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Opened {
    /// The page's own title (format 2; format 1 carried none).
    pub title: Option<String>,
    /// The HTML of its main part.
    pub main: String,
}

/// Opens a published sealed page or artifact (the HTML text holding the
/// sealed box) with a raw key, in any format: what a browser shows.
pub fn open_page(key: &[u8; 32], html: &str) -> Result<Opened, WrongKey> {
    let a = Artifact::find(html).map_err(|_| WrongKey)?;
    let plain = open(key, &a.slug, &a.ciphertext)?;
    let text = String::from_utf8(plain).map_err(|_| WrongKey)?;
    match a.format {
        1 => Ok(Opened {
            title: None,
            main: text,
        }),
        _ => {
            let v: serde_json::Value = serde_json::from_str(&text).map_err(|_| WrongKey)?;
            if v["v"] != serde_json::json!(FORMAT) {
                return Err(WrongKey);
            }
            Ok(Opened {
                title: v["title"].as_str().map(str::to_owned),
                main: v["main"].as_str().ok_or(WrongKey)?.to_string(),
            })
        }
    }
}

/// The value of `name="…"` in `html`, the first time it occurs.
fn attr<'h>(html: &'h str, name: &str) -> Option<&'h str> {
    let key = format!(" {name}=\"");
    let at = html.find(&key)? + key.len();
    let end = at + html[at..].find('"')?;
    Some(&html[at..end])
}

impl Artifact {
    /// Seals a page's title and main part for `slug`, under its key.
    pub(crate) fn seal(key: &PageKey, source: Option<String>, title: &str, main: &str) -> Artifact {
        Artifact {
            slug: key.slug.clone(),
            format: FORMAT,
            source,
            ciphertext: key.seal(&payload(title, main)),
        }
    }

    /// Reads the sealed box out of an artifact or a published page (a page
    /// format 1 published is an artifact too); says what is wrong when it
    /// is not one.
    pub(crate) fn find(html: &str) -> Result<Artifact, String> {
        let at = html
            .find("id=\"waymark-sealed\"")
            .ok_or("it holds no sealed page (no element with id=\"waymark-sealed\")")?;
        // The box's own attributes: up to the end of its opening tag.
        let start = html[..at].rfind('<').unwrap_or(0);
        let tag = &html[start..at + html[at..].find('>').unwrap_or(html.len() - at)];
        let slug = attr(tag, "data-slug").ok_or("its sealed box has no data-slug")?;
        let format = match attr(tag, "data-format") {
            None => 1,
            Some(f) => f
                .parse::<u8>()
                .ok()
                .filter(|f| (1..=FORMAT).contains(f))
                .ok_or_else(|| {
                    format!("it is sealed in format {f}, which this waymark does not know (a newer one made it?)")
                })?,
        };
        let b64 = attr(tag, CIPHERTEXT_ATTR).ok_or("its sealed box holds no ciphertext")?;
        let ciphertext = decode(b64).ok_or("its ciphertext is not valid base64")?;
        if ciphertext.len() < 12 + 16 {
            return Err("its ciphertext is too short to be a sealed page".into());
        }
        Ok(Artifact {
            slug: crate::text::unesc(slug),
            format,
            source: attr(tag, "data-source").map(str::to_owned),
            ciphertext,
        })
    }

    /// The sealed box: the element that holds the ciphertext, as both the
    /// artifact and the published page carry it.
    fn sealed_box(&self) -> String {
        let source = match &self.source {
            Some(s) => format!(" data-source=\"{}\"", crate::text::esc(s)),
            None => String::new(),
        };
        let format = match self.format {
            1 => String::new(),
            f => format!(" data-format=\"{f}\""),
        };
        format!(
            "<div id=\"waymark-sealed\" hidden data-slug=\"{slug}\"{format}{source} {CIPHERTEXT_ATTR}=\"{ct}\"></div>",
            slug = crate::text::esc(&self.slug),
            ct = STANDARD.encode(&self.ciphertext),
        )
    }

    /// The file `sealed/<slug>.html`: a neutral head and the sealed box,
    /// nothing else.
    pub(crate) fn to_file(&self) -> String {
        format!(
            concat!(
                "<!doctype html>\n<html>\n<head>\n<meta charset=\"utf-8\">\n",
                "<meta name=\"robots\" content=\"noindex, nofollow\">\n",
                "<meta name=\"referrer\" content=\"no-referrer\">\n",
                "<title>A sealed page</title>\n</head>\n<body>\n",
                "<!-- A sealed share page, encrypted by waymark. Commit this file: a build without the page's\n",
                "     source (which stays in private/share/) or the site secret publishes the page from it. -->\n",
                "{}\n</body>\n</html>\n"
            ),
            self.sealed_box()
        )
    }
}

/// The opaque slug a sealed page gets when its front matter sets none:
/// ten characters derived from the site secret and the file's own slug, so
/// the address says nothing of the page and stays the same from build to
/// build (and when the file moves from `content/share/` to `private/share/`).
pub(crate) fn opaque_slug(secret: &Secret, file_slug: &str) -> String {
    const ALPHABET: &[u8; 32] = b"0123456789abcdefghjkmnpqrstvwxyz";
    let bits = derive(secret, "opaque slug", file_slug, None);
    let mut n = u64::from_be_bytes(bits[..8].try_into().expect("8 bytes"));
    let mut out = String::with_capacity(10);
    for _ in 0..10 {
        out.push(ALPHABET[(n >> 59) as usize] as char);
        n <<= 5;
    }
    out
}

/// The id an artifact carries of the file it was sealed from (its path
/// under `content/` or `private/`, `share/promo.md`): derived from the
/// secret, so it tells a reader of the repository nothing.
pub(crate) fn source_id(secret: &Secret, link_path: &str) -> String {
    URL_SAFE_NO_PAD.encode(&derive(secret, "source id", link_path, None)[..16])
}

const SCRIPT: &str = r#"(function () {
  var box = document.getElementById("waymark-sealed");
  var note = document.getElementById("waymark-sealed-note");
  var main = document.getElementById("main");
  function say(text) { note.textContent = text; }
  function bytes(b64) {
    var s = b64.replace(/-/g, "+").replace(/_/g, "/");
    while (s.length % 4) s += "=";
    var bin = atob(s), out = new Uint8Array(bin.length);
    for (var i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
    return out;
  }
  window.addEventListener("hashchange", function () { location.reload(); });
  var m = /(?:^#|&)k=([^&]*)/.exec(location.hash);
  if (!m) return;
  function fail() { say("This link does not open this page. Check that you copied all of it, or ask for a new one."); }
  if (!/^[A-Za-z0-9_-]{43}$/.test(m[1])) { fail(); return; }
  if (!window.crypto || !crypto.subtle) { say("This browser cannot open sealed pages here: it needs a secure (https://) connection."); return; }
  var format = box.getAttribute("data-format") || "1";
  Promise.resolve().then(function () {
    var data = bytes(box.getAttribute("data-waymark-sealed"));
    if (data.length < 28) throw new Error("short");
    var aad = new TextEncoder().encode(box.getAttribute("data-slug"));
    return crypto.subtle.importKey("raw", bytes(m[1]), "AES-GCM", false, ["decrypt"]).then(function (key) {
      return crypto.subtle.decrypt({ name: "AES-GCM", iv: data.slice(0, 12), additionalData: aad }, key, data.slice(12));
    });
  }).then(function (plain) {
    var text = new TextDecoder("utf-8", { fatal: true }).decode(plain), title = "", html = text;
    if (format === "2") {
      var p = JSON.parse(text);
      if (p.v !== 2 || typeof p.main !== "string") throw new Error("format");
      html = p.main;
      title = typeof p.title === "string" ? p.title : "";
    } else if (format !== "1") {
      throw new Error("format");
    }
    main.innerHTML = html;
    if (!title) { var h = main.querySelector("h1"); title = h ? h.textContent.trim() : ""; }
    if (title) document.title = title;
    document.documentElement.classList.add("waymark-unsealed");
    history.replaceState(history.state, "", location.pathname + location.search);
  }).catch(fail);
})();"#;

/// The message a reader without the key sees: the one thing the page says.
pub(crate) const NO_KEY: &str = "This page is sealed: it opens only with the full link you were sent (the key is the part after #k=), in a browser with JavaScript.";

/// Replaces the inside of `<main id="main">` of a rendered page with the
/// artifact's sealed box, the message for readers without the key, and the
/// script that opens it.
pub(crate) fn insert_box(
    html: &str,
    artifact: &Artifact,
    template: &str,
) -> Result<String, Diagnostic> {
    let (inner_start, inner_end) = main_part(html, template)?;
    let replacement = format!(
        concat!(
            "\n<div class=\"sealed\">",
            "<h1>A sealed page</h1>",
            "<p id=\"waymark-sealed-note\" class=\"sealed-note\" role=\"status\">{note}</p>",
            "{sealed_box}",
            "</div>\n<script>{script}</script>\n"
        ),
        note = crate::text::esc(NO_KEY),
        sealed_box = artifact.sealed_box(),
        script = SCRIPT
    );
    Ok(format!(
        "{}{replacement}{}",
        &html[..inner_start],
        &html[inner_end..]
    ))
}

/// Where the inside of `<main id="main">` starts and ends in `html`.
fn main_part(html: &str, template: &str) -> Result<(usize, usize), Diagnostic> {
    let missing = || {
        Diagnostic::error(
            Code::SealedTemplate,
            format!("{template} has no <main id=\"main\"> element to seal"),
        )
        .with_help("a share template must keep its content inside <main id=\"main\">…</main>")
    };
    let open_at = html.find("<main id=\"main\"").ok_or_else(missing)?;
    let inner_start = open_at + html[open_at..].find('>').ok_or_else(missing)? + 1;
    let inner_end = html
        .rfind("</main>")
        .filter(|&e| e >= inner_start)
        .ok_or_else(missing)?;
    Ok((inner_start, inner_end))
}

/// What a rendered share page seals: its title as plain text and the
/// inside of its `<main id="main">`.
pub(crate) fn sealed_parts<'h>(
    html: &'h str,
    template: &str,
) -> Result<(String, &'h str), Diagnostic> {
    let (start, end) = main_part(html, template)?;
    let title = html
        .find("<title>")
        .map(|t| t + "<title>".len())
        .and_then(|t| Some(&html[t..t + html[t..].find("</title>")?]))
        .map(|t| crate::text::unesc(t.trim()))
        .unwrap_or_default();
    Ok((title, &html[start..end]))
}

/// Reads the ciphertext back out of a published page (for tests and tools).
pub fn ciphertext_of(html: &str) -> Option<Vec<u8>> {
    let at = html.find(CIPHERTEXT_ATTR)? + CIPHERTEXT_ATTR.len() + 2;
    let end = at + html[at..].find('"')?;
    decode(&html[at..end])
}

/// Sets `key_salt` in a share page's front matter to a new random value,
/// keeping every other line as it was. Returns the new text.
pub(crate) fn rotate_salt(text: &str) -> Result<String, String> {
    let mut salt = [0u8; 12];
    getrandom::fill(&mut salt).map_err(|e| format!("no randomness available: {e}"))?;
    let salt = hex(&salt);
    let mut lines: Vec<String> = text.split('\n').map(str::to_owned).collect();
    if lines.first().map(|l| l.trim_end()) != Some("---") {
        return Err("the file has no front matter".into());
    }
    let close = lines
        .iter()
        .enumerate()
        .skip(1)
        .find(|(_, l)| l.trim_end() == "---")
        .map(|(i, _)| i)
        .ok_or("the front matter is never closed")?;
    match lines[1..close]
        .iter()
        .position(|l| l.starts_with("key_salt:"))
    {
        Some(i) => lines[i + 1] = format!("key_salt: \"{salt}\""),
        None => lines.insert(close, format!("key_salt: \"{salt}\"")),
    }
    Ok(lines.join("\n"))
}

/// A fixed secret for unit tests elsewhere in the crate.
#[cfg(test)]
pub(crate) fn test_secret() -> Secret {
    parse_secret(&"ab".repeat(32)).expect("a valid secret")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn secret() -> Secret {
        test_secret()
    }

    #[test]
    fn keys_are_stable_per_slug_and_salt() {
        let a = PageKey::derive(&secret(), "promo", None);
        let b = PageKey::derive(&secret(), "promo", None);
        assert_eq!(a.fragment(), b.fragment());
        assert_ne!(
            a.fragment(),
            PageKey::derive(&secret(), "other", None).fragment()
        );
        assert_ne!(
            a.fragment(),
            PageKey::derive(&secret(), "promo", Some("x")).fragment()
        );
        assert_eq!(a.fragment().len(), 2 + 43);
    }

    #[test]
    fn seal_is_deterministic_and_opens_only_with_the_key() {
        let k = PageKey::derive(&secret(), "promo", None);
        let sealed = k.seal(b"<h1>Hello</h1>");
        assert_eq!(sealed, k.seal(b"<h1>Hello</h1>"), "reproducible");
        assert_ne!(
            sealed[..12],
            k.seal(b"<h1>Other</h1>")[..12],
            "new content, new nonce"
        );
        assert_eq!(open(&k.key, "promo", &sealed).unwrap(), b"<h1>Hello</h1>");
        let wrong = PageKey::derive(&secret(), "promo", Some("rotated"));
        assert!(open(&wrong.key, "promo", &sealed).is_err());
        assert!(open(&k.key, "other-slug", &sealed).is_err());
    }

    #[test]
    fn the_payload_is_the_title_and_main_part_padded_to_a_multiple_of_4_kib() {
        for (main, size) in [
            (String::new(), PAD_TO),
            ("x".repeat(PAD_TO - 100), PAD_TO),
            ("x".repeat(PAD_TO), 2 * PAD_TO),
            ("é".repeat(3000), 2 * PAD_TO),
        ] {
            let p = payload("Title · Site", &main);
            assert_eq!(p.len(), size, "{}", main.len());
            let v: serde_json::Value = serde_json::from_slice(&p).expect("JSON, then spaces");
            assert_eq!(
                (v["v"].as_u64(), v["title"].as_str()),
                (Some(2), Some("Title · Site"))
            );
            assert_eq!(v["main"].as_str(), Some(main.as_str()));
        }
    }

    #[test]
    fn an_artifact_opens_to_its_title_and_main_part_and_reads_back_from_its_file() {
        let k = PageKey::derive(&secret(), "k7f3q9x2ma", None);
        let a = Artifact::seal(&k, Some("src".into()), "Brief · Site", "<h1>Brief</h1>");
        assert_eq!((a.format, a.ciphertext.len()), (FORMAT, PAD_TO + 28));
        let file = a.to_file();
        assert_eq!(Artifact::find(&file), Ok(a.clone()));
        let opened = open_page(&k.key, &file).unwrap();
        assert_eq!(opened.title.as_deref(), Some("Brief · Site"));
        assert_eq!(opened.main, "<h1>Brief</h1>");
        // The file says nothing but that it is a sealed page.
        assert!(!file.contains("Brief"));
        let wrong = PageKey::derive(&secret(), "k7f3q9x2ma", Some("rotated"));
        assert_eq!(open_page(&wrong.key, &file), Err(WrongKey));
        // Format 1 had no format attribute, no source, and sealed bare HTML.
        let old = format!(
            "<div id=\"waymark-sealed\" hidden data-slug=\"promo\" {CIPHERTEXT_ATTR}=\"{}\"></div>",
            STANDARD.encode(PageKey::derive(&secret(), "promo", None).seal(b"<p>old</p>"))
        );
        let found = Artifact::find(&old).unwrap();
        assert_eq!((found.format, found.source), (1, None));
        let opened = open_page(&PageKey::derive(&secret(), "promo", None).key, &old).unwrap();
        assert_eq!((opened.title, opened.main.as_str()), (None, "<p>old</p>"));
    }

    #[test]
    fn what_is_not_a_sealed_page_says_why() {
        let why = |html: &str| Artifact::find(html).unwrap_err();
        assert!(why("<p>hello</p>").contains("no element with id=\"waymark-sealed\""));
        assert!(why("<div id=\"waymark-sealed\"></div>").contains("no data-slug"));
        assert!(why("<div id=\"waymark-sealed\" data-slug=\"a\"></div>").contains("no ciphertext"));
        let box_of = |format: &str, ct: &str| {
            format!(
                "<div id=\"waymark-sealed\" data-slug=\"a\" data-format=\"{format}\" {CIPHERTEXT_ATTR}=\"{ct}\"></div>"
            )
        };
        let long = "A".repeat(40);
        assert!(why(&box_of("3", &long)).contains("format 3, which this waymark does not know"));
        assert!(why(&box_of("x", &long)).contains("format x"));
        assert!(why(&box_of("2", "!!")).contains("not valid base64"));
        assert!(why(&box_of("2", "AAAA")).contains("too short"));
        assert!(Artifact::find(&box_of("2", &long)).is_ok());
    }

    #[test]
    fn opaque_slugs_are_ten_letters_and_digits_from_the_secret_and_the_file() {
        let s = opaque_slug(&secret(), "promo-2026");
        assert_eq!(s.len(), 10);
        assert!(
            s.chars()
                .all(|c| c.is_ascii_digit() || c.is_ascii_lowercase()),
            "{s}"
        );
        assert!(crate::model::entry::valid_slug(&s));
        assert_eq!(s, opaque_slug(&secret(), "promo-2026"));
        assert_ne!(s, opaque_slug(&secret(), "promo-2027"));
        let other = parse_secret(&"cd".repeat(32)).unwrap();
        assert_ne!(s, opaque_slug(&other, "promo-2026"));
        // Not the key, nor the source id, under another name.
        assert_ne!(
            source_id(&secret(), "promo-2026"),
            source_id(&secret(), "share/promo-2026.md")
        );
    }

    #[test]
    fn the_box_says_one_thing_to_a_reader_without_the_key() {
        let k = PageKey::derive(&secret(), "promo", None);
        let a = Artifact::seal(&k, None, "T", "<p>SECRET</p>");
        let page = "<html><head><title>A sealed page</title></head><body><main id=\"main\" class=\"wrap\">\n</main><footer>f</footer></body></html>";
        let out = insert_box(page, &a, "sealed.html").unwrap();
        assert!(!out.contains("SECRET"));
        assert_eq!(out.matches("<p").count(), 1, "{out}");
        assert!(out.contains(&crate::text::esc(NO_KEY)));
        assert!(out.contains("history.replaceState") && out.contains("document.title"));
        assert!(out.ends_with("</main><footer>f</footer></body></html>"));
        assert_eq!(Artifact::find(&out), Ok(a));
        let d = insert_box(
            "<html><body>no main</body></html>",
            &k_artifact(),
            "sealed.html",
        )
        .unwrap_err();
        assert_eq!(d.code.as_str(), "sealed-template");
    }

    fn k_artifact() -> Artifact {
        Artifact::seal(&PageKey::derive(&secret(), "promo", None), None, "", "")
    }

    #[test]
    fn sealed_parts_are_the_plain_title_and_the_inside_of_main() {
        let html = "<head><title>Caf&eacute; &amp; co &#x27;24 &lt;3</title></head><main id=\"main\">\n<h1>x</h1>\n</main>";
        let (title, main) = sealed_parts(html, "share.html").unwrap();
        assert_eq!(title, "Caf&eacute; & co '24 <3");
        assert_eq!(main, "\n<h1>x</h1>\n");
    }

    #[test]
    fn secrets_parse_from_hex_or_base64() {
        assert!(parse_secret(&"0f".repeat(32)).is_some());
        assert!(parse_secret(&URL_SAFE_NO_PAD.encode([7u8; 32])).is_some());
        assert!(parse_secret("short").is_none());
    }

    #[test]
    fn rotate_keeps_other_lines() {
        let t = "---\ntitle: X\nsealed: true\n---\nBody\n";
        let r = rotate_salt(t).unwrap();
        assert!(r.starts_with("---\ntitle: X\nsealed: true\nkey_salt: \""));
        assert!(r.ends_with("\"\n---\nBody\n"));
        let again = rotate_salt(&r).unwrap();
        assert_eq!(again.matches("key_salt").count(), 1);
        assert_ne!(again, r);
    }
}

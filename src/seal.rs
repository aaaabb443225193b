//! Sealed share pages: a page's main content encrypted with AES-256-GCM
//! under a per-page key that travels only in the link's fragment
//! (`/share/promo/#k=…`), which browsers never send to a server.
//!
//! Keys are derived with HKDF-SHA256 from one site secret and the page's slug
//! (and `key_salt`, which `share rotate` changes), so links stay stable across
//! builds. The 96-bit nonce is derived from the content (HMAC-SHA256 under a
//! separate derived key, truncated): rebuilds stay byte-identical while
//! different content never reuses a nonce.

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
        "run `waymark share list` on your machine once: it creates {SECRET_FILE} (ignored by git); \
         for builds elsewhere (GitHub Actions), store that file's content as the secret {SECRET_ENV}"
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
/// change to the data.
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

/// Where the published page keeps its ciphertext.
pub(crate) const CIPHERTEXT_ATTR: &str = "data-waymark-sealed";

const SCRIPT: &str = r#"(function () {
  var box = document.getElementById("waymark-sealed");
  var note = document.getElementById("waymark-sealed-note");
  var main = document.getElementById("main");
  function say(text) { note.textContent = text; note.hidden = false; }
  function bytes(b64) {
    var s = b64.replace(/-/g, "+").replace(/_/g, "/");
    while (s.length % 4) s += "=";
    var bin = atob(s), out = new Uint8Array(bin.length);
    for (var i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
    return out;
  }
  window.addEventListener("hashchange", function () { location.reload(); });
  var m = /(?:^#|[#&])k=([A-Za-z0-9_-]{43})/.exec(location.hash);
  if (!m) { say("This page is sealed. Open it with the full link you were sent: the key is the part after #k=."); return; }
  if (!window.crypto || !crypto.subtle) { say("This browser cannot open sealed pages here (it needs a secure https:// connection)."); return; }
  var data = bytes(box.getAttribute("data-waymark-sealed"));
  var aad = new TextEncoder().encode(box.getAttribute("data-slug"));
  crypto.subtle.importKey("raw", bytes(m[1]), "AES-GCM", false, ["decrypt"]).then(function (key) {
    return crypto.subtle.decrypt({ name: "AES-GCM", iv: data.slice(0, 12), additionalData: aad }, key, data.slice(12));
  }).then(function (plain) {
    main.innerHTML = new TextDecoder().decode(plain);
    document.documentElement.classList.add("waymark-unsealed");
  }, function () {
    say("This key does not open this page. Check that you copied the whole link, or ask for a new one.");
  });
})();"#;

/// Replaces the inside of `<main id="main">` with the sealed box, the note
/// for readers without the key, and the script that opens it.
pub(crate) fn seal_page(html: &str, key: &PageKey, template: &str) -> Result<String, Diagnostic> {
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
    let plaintext = &html[inner_start..inner_end];
    let sealed = STANDARD.encode(key.seal(plaintext.as_bytes()));
    let replacement = format!(
        concat!(
            "\n<div class=\"sealed\">",
            "<h1>A sealed page</h1>",
            "<p>This page is encrypted. It opens in your browser with the key that is part of the link you were sent; the key never reaches this server.</p>",
            "<p id=\"waymark-sealed-note\" class=\"sealed-note\" role=\"status\" hidden></p>",
            "<noscript><p class=\"sealed-note\">Opening a sealed page needs JavaScript.</p></noscript>",
            "<div id=\"waymark-sealed\" hidden data-slug=\"{slug}\" {attr}=\"{sealed}\"></div>",
            "</div>\n<script>{script}</script>\n"
        ),
        slug = crate::text::esc(&key.slug),
        attr = CIPHERTEXT_ATTR,
        sealed = sealed,
        script = SCRIPT
    );
    Ok(format!(
        "{}{replacement}{}",
        &html[..inner_start],
        &html[inner_end..]
    ))
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

#[cfg(test)]
mod tests {
    use super::*;

    fn secret() -> Secret {
        parse_secret(&"ab".repeat(32)).unwrap()
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

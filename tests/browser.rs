//! Live reload in a real browser: Debian's chromium driven over WebDriver
//! (chromedriver). The test opens a page once and never navigates again:
//! edits must show up by themselves, errors as an overlay, CSS by a swap.
//! Skipped without chromium and chromedriver, except under CI=true.

use std::net::TcpListener;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

use crate::support::http::{self, Server};
use crate::support::*;

pub struct Driver {
    child: Child,
    port: u16,
    session: String,
    _profile: tempfile::TempDir,
}

impl Driver {
    pub fn start() -> Driver {
        let port = TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let child = Command::new("chromedriver")
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start chromedriver");
        let deadline = Instant::now() + Duration::from_secs(20);
        while http::json(port, "GET", "/status", &Value::Null).is_err() {
            assert!(Instant::now() < deadline, "chromedriver did not start");
            std::thread::sleep(Duration::from_millis(50));
        }
        let profile = tempfile::tempdir().unwrap();
        let caps = json!({ "capabilities": { "alwaysMatch": {
            "browserName": "chrome",
            "goog:chromeOptions": {
                "binary": chromium_path(),
                "args": [
                    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--no-first-run", "--disable-background-networking", "--disable-component-update",
                    "--disable-sync", "--disable-quic",
                    format!("--user-data-dir={}", profile.path().display()),
                ]
            }
        }}});
        let (status, v) = http::json(port, "POST", "/session", &caps).expect("new session");
        assert_eq!(status, 200, "session: {v}");
        let session = v["value"]["sessionId"]
            .as_str()
            .expect("session id")
            .to_string();
        Driver {
            child,
            port,
            session,
            _profile: profile,
        }
    }

    fn cmd(&self, method: &str, what: &str, body: Value) -> Value {
        let path = format!("/session/{}/{what}", self.session);
        let (status, v) = http::json(self.port, method, &path, &body).expect("webdriver command");
        assert_eq!(status, 200, "{what}: {v}");
        v["value"].clone()
    }

    pub fn goto(&self, url: &str) {
        self.cmd("POST", "url", json!({ "url": url }));
    }

    pub fn js(&self, script: &str) -> Value {
        self.cmd(
            "POST",
            "execute/sync",
            json!({ "script": script, "args": [] }),
        )
    }

    /// The WebDriver id of the first element `css` matches.
    pub fn find(&self, css: &str) -> String {
        let v = self.cmd(
            "POST",
            "element",
            json!({ "using": "css selector", "value": css }),
        );
        v.as_object()
            .and_then(|o| o.values().next())
            .and_then(Value::as_str)
            .unwrap_or_else(|| panic!("no element {css}: {v}"))
            .to_string()
    }

    /// Types `text` into the element `css` matches, key by key, as a person would.
    pub fn type_into(&self, css: &str, text: &str) {
        let id = self.find(css);
        self.cmd(
            "POST",
            &format!("element/{id}/value"),
            json!({ "text": text }),
        );
    }

    /// Clicks the element `css` matches.
    pub fn click(&self, css: &str) {
        let id = self.find(css);
        self.cmd("POST", &format!("element/{id}/click"), json!({}));
    }

    /// Polls `script` until it returns true.
    pub fn wait_for(&self, script: &str, timeout: Duration) -> bool {
        let deadline = Instant::now() + timeout;
        while Instant::now() < deadline {
            // A reload in progress can make a script fail; that is fine here.
            let path = format!("/session/{}/execute/sync", self.session);
            if let Ok((200, v)) = http::json(
                self.port,
                "POST",
                &path,
                &json!({ "script": script, "args": [] }),
            ) && v["value"] == Value::Bool(true)
            {
                return true;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        false
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        // Ending the session closes the browser; killing chromedriver alone
        // would leave chromium running.
        let path = format!("/session/{}", self.session);
        let _ = http::json(self.port, "DELETE", &path, &Value::Null);
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub fn chromium_path() -> String {
    for p in [
        "/usr/bin/chromium",
        "/usr/bin/chromium-browser",
        "/usr/bin/google-chrome",
    ] {
        if std::path::Path::new(p).exists() {
            return p.to_string();
        }
    }
    "chromium".to_string()
}

#[test]
fn live_reload_overlay_and_css_swap_in_a_real_browser() {
    if !require_tool(
        "chromium and chromedriver",
        have("chromedriver") && std::path::Path::new(&chromium_path()).exists(),
    ) {
        return;
    }
    let f = Fixture::small();
    f.write("static/extra.css", "body { outline: 0 solid black }");
    f.write(
        "templates/page.html",
        "{% extends \"base.html\" %}{% block head %}<link rel=\"stylesheet\" href=\"{{ site.base_path }}extra.css\">{% endblock head %}{% block content %}<h1>{{ entry.title }}</h1><div class=\"prose\">{{ entry.content | safe }}</div>{% endblock content %}",
    );
    let s = Server::start(f.path(), &["--base-url", "/career/"]);
    let d = Driver::start();
    d.goto(&format!("http://127.0.0.1:{}/career/about/", s.port));
    assert!(d.wait_for(
        "return document.body.innerText.includes('About me.')",
        Duration::from_secs(10)
    ));
    // Give the page's EventSource a moment to connect.
    assert!(d.wait_for(
        "return document.readyState === 'complete'",
        Duration::from_secs(5)
    ));
    std::thread::sleep(Duration::from_millis(300));
    d.js("window.__waymarkMarker = 42; return true");

    // 1. An edit shows up with no navigation by the test.
    f.write(
        "content/pages/about.md",
        "---\ntitle: About\n---\nEDITED-IN-THE-BROWSER\n",
    );
    assert!(
        d.wait_for(
            "return document.body.innerText.includes('EDITED-IN-THE-BROWSER')",
            Duration::from_secs(10)
        ),
        "the page did not update"
    );
    assert_eq!(
        d.js("return window.__waymarkMarker === undefined"),
        Value::Bool(true),
        "it reloaded by itself"
    );

    // 2. Broken front matter: the overlay appears over the last good page.
    f.write("content/pages/about.md", "---\ntitel: About\n---\nBROKEN\n");
    assert!(
        d.wait_for(
            "return !!document.getElementById('waymark-error-overlay')",
            Duration::from_secs(10)
        ),
        "no overlay"
    );
    let overlay = d.js("return document.getElementById('waymark-error-overlay').innerText");
    let overlay = overlay.as_str().unwrap_or_default();
    assert!(overlay.contains("content/pages/about.md:2:1"), "{overlay}");
    assert!(overlay.contains("did you mean `title`?"), "{overlay}");
    assert_eq!(
        d.js("return document.body.innerText.includes('EDITED-IN-THE-BROWSER')"),
        Value::Bool(true)
    );

    // 3. Fixing it clears the overlay.
    f.write(
        "content/pages/about.md",
        "---\ntitle: About\n---\nFIXED-AGAIN\n",
    );
    assert!(
        d.wait_for(
            "return !document.getElementById('waymark-error-overlay') && document.body.innerText.includes('FIXED-AGAIN')",
            Duration::from_secs(10)
        ),
        "the overlay did not clear"
    );

    // 4. A CSS-only change swaps the stylesheet without a reload.
    std::thread::sleep(Duration::from_millis(300));
    d.js("window.__waymarkMarker = 7; return true");
    f.write(
        "static/extra.css",
        "body { outline: 7px solid rgb(1, 2, 3) }",
    );
    assert!(
        d.wait_for(
            "return getComputedStyle(document.body).outlineWidth === '7px'",
            Duration::from_secs(10)
        ),
        "the new stylesheet was not applied"
    );
    assert_eq!(
        d.js("return window.__waymarkMarker"),
        json!(7),
        "the page reloaded for a CSS change"
    );
}

//! Checks by tools nobody on this project wrote: the JSON Resume schema
//! validator (node, `@jsonresume/schema`) and an HTML5 validator (tidy).
//! Skipped when the tool is missing, except under CI=true.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::support::*;

/// The folder holding node_modules/@jsonresume/schema: `WAYMARK_NODE_TOOLS`
/// or `.ci/node` (where .ci/run installs it).
fn node_tools() -> Option<PathBuf> {
    let dir = std::env::var_os("WAYMARK_NODE_TOOLS")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join(".ci/node"));
    dir.join("node_modules/@jsonresume/schema")
        .is_dir()
        .then_some(dir)
}

#[test]
fn resume_json_validates_against_the_json_resume_schema() {
    let tools = node_tools();
    if !require_tool(
        "node with @jsonresume/schema (npm install in .ci/node)",
        have("node") && tools.is_some(),
    ) {
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("public");
    build_example(&out, &[]);
    let script = r#"
const { validate } = require("@jsonresume/schema");
const doc = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
validate(doc, (errors, ok) => {
  if (!ok) { console.error(JSON.stringify(errors, null, 2)); process.exit(1); }
  console.log("valid");
});
"#;
    let res = Command::new("node")
        .current_dir(tools.unwrap())
        .args(["-e", script, out.join("resume.json").to_str().unwrap()])
        .output()
        .unwrap();
    assert!(
        res.status.success(),
        "resume.json is not valid JSON Resume:\n{}",
        String::from_utf8_lossy(&res.stderr)
    );
    let doc: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("resume.json")).unwrap()).unwrap();
    assert_eq!(doc["basics"]["name"], "Alex Rivera");
    assert!(doc["work"].as_array().unwrap().len() >= 4);
    assert!(!doc["certificates"].as_array().unwrap().is_empty());
    assert!(doc["meta"]["waymark"].is_object());
    let current = &doc["work"][0];
    assert!(
        current.get("endDate").is_none(),
        "the current role has no end"
    );
    assert!(
        !current["highlights"].as_array().unwrap().is_empty(),
        "achievements within the role are highlights"
    );
}

/// A real JSON Resume theme (`jsonresume-theme-even`, installed by .ci/run
/// into .ci/node) renders example-site's résumé: its roles, curated
/// highlights and skills by name read as a résumé should.
#[test]
fn resume_json_renders_with_a_json_resume_theme() {
    let tools = node_tools().filter(|t| t.join("node_modules/jsonresume-theme-even").is_dir());
    if !require_tool(
        "node with jsonresume-theme-even (npm install in .ci/node)",
        have("node") && tools.is_some(),
    ) {
        return;
    }
    let tools = tools.unwrap();
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("public");
    build_example(&out, &[]);
    // The theme is an ES module: a script beside node_modules imports it.
    let script = tools.join(format!("render-{}.mjs", std::process::id()));
    std::fs::write(
        &script,
        "import { render } from \"jsonresume-theme-even\";\nimport fs from \"fs\";\nfs.writeFileSync(process.argv[3], render(JSON.parse(fs.readFileSync(process.argv[2], \"utf8\"))));\n",
    )
    .unwrap();
    let html_path = tmp.path().join("resume.html");
    let res = Command::new("node")
        .current_dir(&tools)
        .arg(&script)
        .arg(out.join("resume.json"))
        .arg(&html_path)
        .output()
        .unwrap();
    let _ = std::fs::remove_file(&script);
    assert!(
        res.status.success(),
        "the theme failed:\n{}",
        String::from_utf8_lossy(&res.stderr)
    );
    let html = std::fs::read_to_string(&html_path).unwrap();
    for want in [
        "Alex Rivera",
        "Senior Platform Engineer",
        "Corvo",
        "Spoke at Reliability Summit Europe",
        "System design",
        "Certified Kubernetes Administrator",
    ] {
        assert!(
            html.contains(want),
            "{want} missing from the rendered résumé"
        );
    }
    // Curated: three highlights for the current role, not every note, and
    // skills keyed by short words, not every achievement's title.
    let doc: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("resume.json")).unwrap()).unwrap();
    let highlights = doc["work"][0]["highlights"].as_array().unwrap();
    assert_eq!(highlights.len(), 3);
    // Featured first: the newest featured piece of the role leads.
    assert!(
        highlights[0]
            .as_str()
            .unwrap()
            .starts_with("On-call revamp"),
        "{highlights:?}"
    );
    for skill in doc["skills"].as_array().unwrap() {
        let keywords = skill["keywords"].as_array().unwrap();
        assert!(keywords.len() <= 5, "{skill}");
        assert!(!keywords.contains(&skill["name"]), "{skill}");
        let name = skill["name"].as_str().unwrap();
        assert!(name.chars().next().unwrap().is_uppercase(), "{name}");
    }
}

#[test]
fn every_page_of_example_site_is_valid_html() {
    if !require_tool("tidy", have("tidy")) {
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("public");
    build_example(&out, &[]);
    let mut failures = Vec::new();
    for (path, _) in tree(&out) {
        if !path.ends_with(".html") {
            continue;
        }
        let res = Command::new("tidy")
            .args(["-q", "-e", "--drop-empty-elements", "no"])
            .arg(out.join(&path))
            .output()
            .unwrap();
        let report = String::from_utf8_lossy(&res.stderr);
        // tidy exits 2 on errors, 1 on warnings only.
        if res.status.code() == Some(2) || report.contains("Error:") {
            failures.push(format!("{path}:\n{report}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// vnu.jar from the npm package vnu-jar: under `WAYMARK_NODE_TOOLS` or
/// `.ci/node` (where .ci/run installs it).
fn vnu_jar() -> Option<PathBuf> {
    let dir = std::env::var_os("WAYMARK_NODE_TOOLS")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join(".ci/node"));
    let jar = dir.join("node_modules/vnu-jar/build/dist/vnu.jar");
    jar.is_file().then_some(jar)
}

#[test]
fn the_nu_html_checker_finds_no_error_in_any_page_or_the_stylesheet() {
    let jar = vnu_jar();
    if !require_tool(
        "java with vnu-jar (npm install in .ci/node)",
        have("java") && jar.is_some(),
    ) {
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("public");
    build_example(&out, &[]);
    let pages = tree(&out).keys().filter(|p| p.ends_with(".html")).count();
    assert!(pages > 50, "{pages} pages");
    let res = Command::new("java")
        .arg("-jar")
        .arg(jar.unwrap())
        .args(["--errors-only", "--also-check-css", "--skip-non-html"])
        .arg(&out)
        .output()
        .unwrap();
    let report = String::from_utf8_lossy(&res.stderr);
    assert!(
        res.status.success() && report.trim().is_empty(),
        "the Nu Html Checker reports:\n{report}"
    );
    // It does check: a page with an error fails, and so does a bad stylesheet.
    std::fs::write(
        out.join("index.html"),
        "<!doctype html><html lang=en><title>x</title><p><div></p>",
    )
    .unwrap();
    std::fs::write(out.join("style.css"), "a { paint-order: stroke; }").unwrap();
    let res = Command::new("java")
        .arg("-jar")
        .arg(vnu_jar().unwrap())
        .args(["--errors-only", "--also-check-css", "--skip-non-html"])
        .arg(&out)
        .output()
        .unwrap();
    let report = String::from_utf8_lossy(&res.stderr);
    assert!(!res.status.success(), "{report}");
    assert!(
        report.contains("index.html") && report.contains("style.css"),
        "{report}"
    );
}

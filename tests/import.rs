//! `waymark import`: a résumé, a LinkedIn export (a folder, and a zip made
//! here) and three brag documents imported by the real binary into fixture
//! sites. What is written passes `check` at once; importing again adds
//! nothing; `--dry-run` writes nothing; bad input is a clear error with its
//! place and leaves the site exactly as it was.

use std::io::Write as _;
use std::path::{Path, PathBuf};

use crate::support::*;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/import")
        .join(name)
}

fn arg(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// The site's files under content/ and private/, with their bytes.
fn entries(f: &Fixture) -> std::collections::BTreeMap<String, Vec<u8>> {
    tree(f.path())
        .into_iter()
        .filter(|(k, _)| k.starts_with("content/") || k.starts_with("private/"))
        .collect()
}

/// Runs an import that must fail, and checks that it wrote nothing.
#[track_caller]
fn refused(f: &Fixture, args: &[&str], expect: &[&str]) -> Run {
    let before = tree(f.path());
    let r = f.run(args);
    r.fails();
    for e in expect {
        r.stderr_has(e);
    }
    r.stderr_has("Nothing was written.");
    assert!(!r.stderr.contains("panicked"), "{}", r.stderr);
    assert_eq!(tree(f.path()), before, "a refused import changed the site");
    r
}

/// `check` passes, and says how many pages it would build.
#[track_caller]
fn checks(f: &Fixture) {
    let r = f.run(&["check"]);
    r.ok();
    r.stderr_has("No errors");
}

#[test]
fn a_resume_becomes_milestones_that_check_at_once_and_a_second_import_adds_nothing() {
    let f = Fixture::new();
    let cv = fixture("resume.json");
    let dry = f.run(&["import", "resume", arg(&cv), "--dry-run"]);
    dry.ok();
    dry.stderr_has("would create")
        .stderr_has("Dry run, nothing written")
        .stderr_has("would add 6 new files (3 roles, 1 education, 1 certification, 1 award)");
    assert!(entries(&f).is_empty(), "a dry run wrote files");

    let r = f.run(&["import", "resume", arg(&cv)]);
    r.ok();
    r.stderr_has("6 new files (3 roles, 1 education, 1 certification, 1 award)")
        .stderr_has("work[3] (Mentor at Weekend volunteering) has no startDate: not imported")
        .stderr_has("`company` is the old name of `name`");
    let written = entries(&f);
    let names: Vec<&str> = written.keys().map(String::as_str).collect();
    assert_eq!(
        names,
        [
            "content/journey/2012-09-01-bsc-computer-science-university-of-exeter.md",
            "content/journey/2016-01-01-junior-developer-at-saltmarsh-studio.md",
            "content/journey/2019-09-02-backend-engineer-at-tidewater-logistics.md",
            "content/journey/2021-11-15-aws-certified-developer-associate.md",
            "content/journey/2022-04-01-senior-backend-engineer-at-tidewater-logistics.md",
            "content/journey/2023-12-01-tidewater-engineering-award.md",
        ]
    );
    let senior =
        f.read("content/journey/2022-04-01-senior-backend-engineer-at-tidewater-logistics.md");
    assert!(
        senior.contains("date: 2022-04-01  # \"2022-04\" in resume.json\n"),
        "{senior}"
    );
    assert!(
        !senior.contains("end:"),
        "an ongoing role has no end: {senior}"
    );
    assert!(senior.contains(
        "\ntype: role\nrole: \"Senior Backend Engineer\"\norg: \"Tidewater Logistics\"\n"
    ));
    assert!(senior.contains("- Cut the nightly reconciliation job from 3 hours to 20 minutes\n"));
    // A role that ended in a month lasted through it.
    let junior = f.read("content/journey/2016-01-01-junior-developer-at-saltmarsh-studio.md");
    assert!(
        junior.contains("end: 2019-08-31  # \"2019-08\" in resume.json"),
        "{junior}"
    );
    checks(&f);

    // The author block is a config's author block.
    assert!(
        r.stdout.starts_with("# For waymark.yaml, from resume.json"),
        "{}",
        r.stdout
    );
    let block: String = r.stdout.lines().skip(1).map(|l| format!("{l}\n")).collect();
    f.write(
        "waymark.yaml",
        &format!("title: Robin's journal\nbase_url: https://robin.example.org/\n{block}"),
    );
    checks(&f);
    f.run(&["build"]).ok();
    let resume: serde_json::Value = serde_json::from_str(&f.read("public/resume.json")).unwrap();
    assert_eq!(resume["basics"]["name"], "Robin Quarry");
    assert_eq!(resume["basics"]["label"], "Senior Backend Engineer");
    assert_eq!(resume["work"].as_array().unwrap().len(), 3);
    assert_eq!(resume["work"][0]["name"], "Tidewater Logistics");
    assert_eq!(
        resume["education"][0]["institution"],
        "University of Exeter"
    );
    assert_eq!(resume["certificates"][0]["issuer"], "Amazon Web Services");
    assert_eq!(resume["awards"][0]["awarder"], "Tidewater Logistics");

    // Again: nothing new, nothing touched.
    let before = tree(f.path());
    let again = f.run(&["import", "resume", arg(&cv)]);
    again.ok();
    again.stderr_has("nothing new; 6 already there");
    assert_eq!(tree(f.path()), before);
}

#[test]
fn an_imported_file_edited_since_is_never_overwritten() {
    let f = Fixture::new();
    let cv = fixture("resume.json");
    f.run(&["import", "resume", arg(&cv)]).ok();
    let rel = "content/journey/2019-09-02-backend-engineer-at-tidewater-logistics.md";
    f.write(
        rel,
        "---\ntitle: Backend Engineer at Tidewater\ntype: role\n---\nMY OWN WORDS\n",
    );
    let r = f.run(&["import", "resume", arg(&cv)]);
    r.ok();
    r.stderr_has(&format!("already there {rel}"));
    assert!(f.read(rel).contains("MY OWN WORDS"));
}

#[test]
fn a_role_written_by_hand_is_not_imported_twice() {
    let f = Fixture::new();
    // The writer's own note of a role the export has too, dated on the day
    // they started where LinkedIn knows only the month.
    f.write(
        "content/journey/2020-06-15-senior-data-engineer-at-harbour-analytics.md",
        "---\ntitle: Senior Data Engineer at Harbour Analytics\ntype: role\nrole: Senior Data Engineer\norg: Harbour Analytics\nend: 2023-02-28\n---\nMine.\n",
    );
    let r = f.run(&["import", "linkedin", arg(&fixture("linkedin"))]);
    r.ok();
    r.stderr_has(
        "already there content/journey/2020-06-15-senior-data-engineer-at-harbour-analytics.md",
    );
    assert!(
        !f.path()
            .join("content/journey/2020-06-01-senior-data-engineer-at-harbour-analytics.md")
            .exists()
    );
    checks(&f);
}

/// The fixture export zipped, as LinkedIn sends it: the CSVs at the root,
/// one in a folder, and files waymark must never read.
fn export_zip(dir: &Path) -> PathBuf {
    export_zip_in(dir, "")
}

/// [`export_zip`] with every file under `folder` inside the archive.
fn export_zip_in(dir: &Path, folder: &str) -> PathBuf {
    let path = dir.join(format!(
        "Basic_LinkedInDataExport_03-06-2026{}.zip",
        folder.trim_end_matches('/')
    ));
    let file = std::fs::File::create(&path).unwrap();
    let mut zip = zip::ZipWriter::new(file);
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    let src = fixture("linkedin");
    for e in walkdir::WalkDir::new(&src).sort_by_file_name() {
        let e = e.unwrap();
        if e.file_type().is_file() {
            let name = e
                .path()
                .strip_prefix(&src)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            zip.start_file(format!("{folder}{name}"), opts).unwrap();
            zip.write_all(&std::fs::read(e.path()).unwrap()).unwrap();
        }
    }
    zip.finish().unwrap();
    path
}

#[test]
fn a_linkedin_export_zip_or_folder_becomes_the_same_milestones() {
    let scratch = tempfile::tempdir().unwrap();
    let zip = export_zip(scratch.path());
    let folder = fixture("linkedin");
    let from_folder = Fixture::new();
    let r = from_folder.run(&["import", "linkedin", arg(&folder)]);
    r.ok();
    r.stderr_has("6 new files (3 roles, 1 education, 2 certifications)")
        .stderr_has("Mentor at Volunteer Code Club has no \"Started On\": not imported")
        .stderr_has("Positions.csv:5:1");
    // Skills.csv, printed: trimmed, each once.
    assert_eq!(
        r.stdout,
        "# Skills from Skills.csv: name them in the `skills:` of the achievements that show them.\n- Apache Kafka\n- Python\n- SQL\n- dbt\n"
    );
    let from_zip = Fixture::new();
    let z = from_zip.run(&["import", "linkedin", arg(&zip)]);
    z.ok();
    assert_eq!(z.stdout, r.stdout);
    assert_eq!(entries(&from_folder), entries(&from_zip));
    checks(&from_zip);
    // The same with the files in a folder inside the zip.
    let nested = export_zip_in(scratch.path(), "export/");
    let from_nested = Fixture::new();
    from_nested.run(&["import", "linkedin", arg(&nested)]).ok();
    assert_eq!(entries(&from_nested), entries(&from_zip));

    let staff =
        from_zip.read("content/journey/2023-03-01-staff-data-engineer-at-harbour-analytics.md");
    assert_eq!(
        staff,
        "---\ntitle: \"Staff Data Engineer at Harbour Analytics\"\ndate: 2023-03-01  # \"Mar 2023\" in Positions.csv\ntype: role\nrole: \"Staff Data Engineer\"\norg: \"Harbour Analytics\"\n---\n\n- Led the move from nightly batch to streaming.\n- Mentored three engineers.\n"
    );
    let senior =
        from_zip.read("content/journey/2020-06-01-senior-data-engineer-at-harbour-analytics.md");
    assert!(
        senior.contains("end: 2023-02-28  # \"Feb 2023\" in Positions.csv"),
        "{senior}"
    );
    assert!(
        senior.contains("Built the event pipeline, \"Tributary\", on Kafka."),
        "{senior}"
    );
    let cert = from_zip
        .read("content/journey/2021-09-01-confluent-certified-developer-for-apache-kafka.md");
    assert!(cert.contains("[The certificate](https://example.org/verify/ccdak-0000)"));
    assert!(cert.contains("Valid until Sep 2023."));
    // The licence number is not copied.
    assert!(!cert.contains("0000-TEST"), "{cert}");

    // The rest of the export is never read: nothing of it anywhere.
    for (rel, bytes) in tree(from_zip.path()) {
        let text = String::from_utf8_lossy(&bytes);
        assert!(!text.contains("CANARY"), "{rel} holds a canary");
    }
    for out in [&r.stdout, &r.stderr, &z.stdout, &z.stderr] {
        assert!(
            !out.contains("CANARY") && !out.contains("Connections"),
            "{out}"
        );
    }

    // The zip after the folder adds nothing; the folder after the zip neither.
    let again = from_folder.run(&["import", "linkedin", arg(&zip)]);
    again.ok();
    again.stderr_has("nothing new; 6 already there");
    let dry = from_zip.run(&["import", "linkedin", arg(&folder), "--dry-run"]);
    dry.ok();
    dry.stderr_has("would add nothing new; 6 already there");
}

#[test]
fn a_truncated_zip_is_refused_with_its_name() {
    let f = Fixture::new();
    let scratch = tempfile::tempdir().unwrap();
    let zip = export_zip(scratch.path());
    let bytes = std::fs::read(&zip).unwrap();
    std::fs::write(&zip, &bytes[..bytes.len() / 2]).unwrap();
    refused(
        &f,
        &["import", "linkedin", arg(&zip)],
        &[
            "error[import-syntax]: this is not a zip archive, or it is cut short",
            "Basic_LinkedInDataExport_03-06-2026.zip",
            "download the export again",
        ],
    );
    // Not a zip at all.
    let not = scratch.path().join("export.zip");
    std::fs::write(&not, "Company Name,Title\n").unwrap();
    refused(
        &f,
        &["import", "linkedin", arg(&not)],
        &["error[import-syntax]"],
    );
}

/// A copy of the fixture export with `file` replaced by `bytes`.
fn export_with(dir: &Path, file: &str, bytes: &[u8]) -> PathBuf {
    let out = dir.join("export");
    for e in walkdir::WalkDir::new(fixture("linkedin")) {
        let e = e.unwrap();
        let rel = e.path().strip_prefix(fixture("linkedin")).unwrap();
        if e.file_type().is_dir() {
            std::fs::create_dir_all(out.join(rel)).unwrap();
        } else {
            std::fs::copy(e.path(), out.join(rel)).unwrap();
        }
    }
    std::fs::write(out.join(file), bytes).unwrap();
    out
}

#[test]
fn a_linkedin_csv_that_is_not_utf8_is_refused_at_its_line() {
    let f = Fixture::new();
    let scratch = tempfile::tempdir().unwrap();
    let export = export_with(
        scratch.path(),
        "Education.csv",
        b"School Name,Start Date,End Date,Notes,Degree Name,Activities\nUniversit\xe9 Lyon,2010,2013,,Licence,\n",
    );
    refused(
        &f,
        &["import", "linkedin", arg(&export)],
        &[
            "error[not-utf8]: this file is not UTF-8 text (byte 0xe9 at line 2, column 10)",
            "export/Education.csv:2:10",
        ],
    );
    // The same inside a zip.
    let zpath = scratch.path().join("e.zip");
    let mut zip = zip::ZipWriter::new(std::fs::File::create(&zpath).unwrap());
    zip.start_file("Positions.csv", zip::write::SimpleFileOptions::default())
        .unwrap();
    zip.write_all(b"Company Name,Title,Started On,Finished On\nCaf\xe9,Lead,2020,\n")
        .unwrap();
    zip.finish().unwrap();
    refused(
        &f,
        &["import", "linkedin", arg(&zpath)],
        &["error[not-utf8]", "e.zip/Positions.csv:2:4"],
    );
}

#[test]
fn a_renamed_column_names_the_file_and_the_columns_found() {
    let f = Fixture::new();
    let scratch = tempfile::tempdir().unwrap();
    let export = export_with(
        scratch.path(),
        "Positions.csv",
        b"Company Name,Title,Description,Location,Start Date,Finished On\nAcme,Lead,,,Mar 2021,\n",
    );
    refused(
        &f,
        &["import", "linkedin", arg(&export)],
        &[
            "error[import-schema]: missing column `Started On`: the header has `Company Name`, `Title`, `Description`, `Location`, `Start Date`, `Finished On`",
            "export/Positions.csv:1:1",
        ],
    );
}

#[test]
fn a_linkedin_date_that_is_no_date_is_refused_at_its_row() {
    let f = Fixture::new();
    let scratch = tempfile::tempdir().unwrap();
    let export = export_with(
        scratch.path(),
        "Positions.csv",
        "Company Name,Title,Description,Location,Started On,Finished On\nAcme,Lead,,,Mar 2021,\nBeta,Dev,,,2019/03,Feb 2021\nGamma,Dev,,,Mär 2017,2018\n".as_bytes(),
    );
    refused(
        &f,
        &["import", "linkedin", arg(&export)],
        &[
            "error[invalid-date]: \"Started On\" \"2019/03\" is not a date",
            "export/Positions.csv:3:12",
            "error[invalid-date]: \"Started On\" \"Mär 2017\" is not a date",
            "export/Positions.csv:4:13",
            "LinkedIn writes `Mar 2021`, `March 2021` or `2021`",
            "error: 2 errors in 1 file",
        ],
    );
}

#[test]
fn an_export_of_a_hundred_megabytes_or_of_nothing_is_refused() {
    let f = Fixture::new();
    let scratch = tempfile::tempdir().unwrap();
    let export = export_with(scratch.path(), "Skills.csv", b"Name\nRust\n");
    let big = std::fs::File::create(export.join("Positions.csv")).unwrap();
    big.set_len(100 * 1024 * 1024).unwrap();
    refused(
        &f,
        &["import", "linkedin", arg(&export)],
        &[
            "error[too-large]: this file is 100 MB: more than the 16 MB an import reads",
            "export/Positions.csv",
        ],
    );
    // A zip entry that inflates past the cap is refused while it is read.
    let zpath = scratch.path().join("big.zip");
    let mut zip = zip::ZipWriter::new(std::fs::File::create(&zpath).unwrap());
    zip.start_file(
        "Skills.csv",
        zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated),
    )
    .unwrap();
    zip.write_all(b"Name\n").unwrap();
    let row = b"Rust\n".repeat(1024 * 1024);
    for _ in 0..4 {
        zip.write_all(&row).unwrap();
    }
    zip.finish().unwrap();
    refused(
        &f,
        &["import", "linkedin", arg(&zpath)],
        &["error[too-large]", "big.zip/Skills.csv"],
    );
    let empty = scratch.path().join("empty");
    std::fs::create_dir_all(&empty).unwrap();
    refused(
        &f,
        &["import", "linkedin", arg(&empty)],
        &[
            "error[import-schema]",
            "holds none of `Positions.csv`, `Education.csv`, `Certifications.csv`, `Skills.csv`",
        ],
    );
}

#[test]
fn bad_resumes_are_refused_at_their_line() {
    let f = Fixture::new();
    let scratch = tempfile::tempdir().unwrap();
    let file = |name: &str, bytes: &[u8]| {
        let p = scratch.path().join(name);
        std::fs::write(&p, bytes).unwrap();
        p
    };
    let not_json = file("cv.json", b"name: Robin\nwork: []\n");
    refused(
        &f,
        &["import", "resume", arg(&not_json)],
        &[
            "error[import-syntax]: this is not a JSON Resume document: one starts with `{`, not `n`",
            "cv.json:1:1",
        ],
    );
    let truncated = file("cut.json", b"{\n  \"work\": [\n    {\"name\": \"Acme\",\n");
    refused(
        &f,
        &["import", "resume", arg(&truncated)],
        &[
            "error[import-syntax]: this is not JSON: EOF while parsing",
            "cut.json:4:",
        ],
    );
    let shape = file(
        "shape.json",
        b"{\n  \"basics\": {\"name\": \"Robin\"},\n  \"work\": {\"name\": \"Acme\"}\n}\n",
    );
    refused(
        &f,
        &["import", "resume", arg(&shape)],
        &[
            "error[import-schema]: invalid type: an object, expected a list",
            "shape.json:3:",
        ],
    );
    let date = file(
        "date.json",
        b"{\"work\": [\n  {\"name\": \"Acme\", \"position\": \"Lead\",\n   \"startDate\": \"2021-13\"}\n]}\n",
    );
    refused(
        &f,
        &["import", "resume", arg(&date)],
        &[
            "\"2021-13\" is not a date (JSON Resume dates are YYYY, YYYY-MM or YYYY-MM-DD",
            "date.json:3:",
        ],
    );
    let latin1 = file("latin1.json", b"{\"basics\": {\"name\": \"Ren\xe9\"}}");
    refused(
        &f,
        &["import", "resume", arg(&latin1)],
        &["error[not-utf8]", "latin1.json:1:"],
    );
    let big = scratch.path().join("big.json");
    std::fs::File::create(&big)
        .unwrap()
        .set_len(100 * 1024 * 1024)
        .unwrap();
    refused(
        &f,
        &["import", "resume", arg(&big)],
        &["error[too-large]: this file is 100 MB", "big.json"],
    );
    refused(
        &f,
        &[
            "import",
            "resume",
            arg(&scratch.path().join("missing.json")),
        ],
        &["error[io]: cannot read", "missing.json"],
    );
}

#[test]
fn three_brag_documents_become_private_achievements_that_check_at_once() {
    let f = Fixture::new();
    for (doc, made) in [
        ("brag-weekly.md", "6 new files (6 achievements)"),
        ("brag-yearly.md", "5 new files (5 achievements)"),
        ("brag-monthly.md", "5 new files (5 achievements)"),
    ] {
        let r = f.run(&["import", "brag", arg(&fixture(doc))]);
        r.ok();
        r.stderr_has(made).stderr_has("private/achievements/");
    }
    let written = entries(&f);
    assert_eq!(written.len(), 16, "{:?}", written.keys());
    assert!(
        written
            .keys()
            .all(|k| k.starts_with("private/achievements/"))
    );
    let read = |rel: &str| f.read(&format!("private/achievements/{rel}"));
    // `## 2026-03-06`: that day; a nested result is the suggested impact.
    let dash = read("2026/2026-03-06-shipped-the-rate-limit-dashboard-for-the-support-team.md");
    assert_eq!(
        dash,
        "---\ntitle: \"Shipped the rate-limit dashboard for the support team\"\ndate: 2026-03-06\nimpact: \"ticket triage time 25 min → 8 min\"  # suggested from the brag document: check it\n---\n\n- ticket triage time 25 min → 8 min\n"
    );
    // `## Week 11 2026`: the week's Friday, as `new week` dates it.
    let pg = read("2026/2026-03-13-ran-the-postgres-16-upgrade-with-zero-downtime.md");
    assert!(
        pg.contains("date: 2026-03-13  # \"Week 11 2026\" in brag-weekly.md"),
        "{pg}"
    );
    assert!(
        pg.contains("impact: \"14 databases upgraded over two evenings\""),
        "{pg}"
    );
    // The same title in another week is another achievement.
    assert!(written.contains_key(
        "private/achievements/2026/2026-03-20-reviewed-the-on-call-handbook-rewrite-2.md"
    ));
    // `[Sep 3]` under `# 2025`; a link in an item stays in the body.
    assert!(written.contains_key(
        "private/achievements/2025/2025-09-03-started-mentoring-two-new-graduates.md"
    ));
    let ci = read("2025/2025-02-28-cut-ci-time-from-40-to-12-minutes.md");
    assert!(
        ci.contains("[write-up](https://wiki.example.org/ci-cache)") && !ci.contains("{target"),
        "{ci}"
    );
    // `## January 2026` over a paragraph; `## February 2026` over a table.
    let pdf = read("2026/2026-01-01-rebuilt-the-invoice-pdf-renderer.md");
    assert!(
        pdf.contains("date: 2026-01-01  # \"January 2026\" in brag-monthly.md"),
        "{pdf}"
    );
    let incident = read("2026/2026-02-10-led-the-incident-review-for-the-february-outage.md");
    assert!(
        incident.contains("impact: \"MTTR 3 h → 40 min\""),
        "{incident}"
    );
    assert!(incident.contains("With: Ana, Joss"), "{incident}");
    checks(&f);

    // Private: none of it reaches the built site.
    f.run(&["build"]).ok();
    for (rel, bytes) in tree(&f.public()) {
        let text = String::from_utf8_lossy(&bytes);
        for canary in ["rate-limit dashboard", "invoice PDF", "search migration"] {
            assert!(!text.contains(canary), "{rel} shows {canary:?}");
        }
    }

    // Again: nothing new.
    let before = tree(f.path());
    for doc in ["brag-weekly.md", "brag-yearly.md", "brag-monthly.md"] {
        let r = f.run(&["import", "brag", arg(&fixture(doc))]);
        r.ok();
        r.stderr_has("nothing new");
    }
    assert_eq!(tree(f.path()), before);
}

#[test]
fn undated_goals_and_unchecked_items_are_listed_never_guessed() {
    let f = Fixture::new();
    let r = f.run(&["import", "brag", arg(&fixture("brag-weekly.md"))]);
    r.ok();
    r.stderr_has(
        "warning[not-imported]: \"Give the quotas talk at the guild\" has no date: not imported",
    )
    .stderr_has("brag-weekly.md:24:1")
    .stderr_has("2 items not imported");
    let r = f.run(&["import", "brag", arg(&fixture("brag-yearly.md"))]);
    r.stderr_has("under a heading of goals")
        .stderr_has("brag-yearly.md:18:1");
    let r = f.run(&["import", "brag", arg(&fixture("brag-monthly.md"))]);
    r.stderr_has("an unchecked task")
        .stderr_has("brag-monthly.md:13:1");
    let all: Vec<String> = entries(&f).into_keys().collect();
    assert!(
        !all.iter()
            .any(|k| k.contains("quotas-talk") || k.contains("promoted") || k.contains("runbook")),
        "{all:?}"
    );
}

#[test]
fn a_public_brag_import_is_published() {
    let f = Fixture::new();
    let r = f.run(&[
        "import",
        "brag",
        "--public",
        arg(&fixture("brag-weekly.md")),
    ]);
    r.ok();
    assert!(!r.stderr.contains("private/"), "{}", r.stderr);
    checks(&f);
    f.run(&["build"]).ok();
    let log = std::fs::read_to_string(f.public().join("achievements/index.html")).unwrap();
    assert!(log.contains("Shipped the rate-limit dashboard for the support team"));
    assert!(log.contains("ticket triage time 25 min → 8 min"));
    // A private import after a public one finds the entries already there.
    let again = f.run(&["import", "brag", arg(&fixture("brag-weekly.md"))]);
    again.ok();
    again.stderr_has("nothing new; 6 already there");
}

#[test]
fn bad_brag_documents_are_refused() {
    let f = Fixture::new();
    let scratch = tempfile::tempdir().unwrap();
    let latin1 = scratch.path().join("brag.md");
    std::fs::write(&latin1, b"## 2026-03-06\n- Caf\xe9 launch\n").unwrap();
    refused(
        &f,
        &["import", "brag", arg(&latin1)],
        &[
            "error[not-utf8]: this file is not UTF-8 text (byte 0xe9 at line 2, column 6)",
            "brag.md:2:6",
        ],
    );
    let big = scratch.path().join("big.md");
    std::fs::File::create(&big)
        .unwrap()
        .set_len(100 * 1024 * 1024)
        .unwrap();
    refused(
        &f,
        &["import", "brag", arg(&big)],
        &["error[too-large]", "big.md"],
    );
    refused(
        &f,
        &["import", "brag", arg(scratch.path())],
        &["error[io]", "is a folder, not a file"],
    );
}

#[test]
fn a_brag_document_with_bom_crlf_and_odd_lines_imports_without_panicking() {
    let f = Fixture::new();
    let scratch = tempfile::tempdir().unwrap();
    let doc = scratch.path().join("2024.md");
    std::fs::write(
        &doc,
        "\u{feff}# Wins\r\n\r\n## \r\n-\r\n- [Mar 12] A day from the file's year\r\n\t- 3x faster\r\n## 2024-13-45\r\n1) ünïcödé 🚀 – 50% → done\r\n> quoted\r\n---\r\n|a|\r\n|-|\r\n||\r\n```\r\nnever closed\r\n",
    )
    .unwrap();
    let r = f.run(&["import", "brag", arg(&doc)]);
    r.ok();
    r.stderr_has("1 new file (1 achievement)")
        .stderr_has("\"ünïcödé 🚀 – 50% → done\" has no date")
        .stderr_has("2024.md:8:1");
    assert!(
        entries(&f)
            .contains_key("private/achievements/2024/2024-03-12-a-day-from-the-file-s-year.md")
    );
    checks(&f);
}

#[test]
fn the_example_sites_own_resume_imports_back_as_nothing_new() {
    // `export resume`, then `import resume` of what it wrote: every role,
    // the education, the certification and the award are found, by their
    // slug or by their role and org, though the titles were not exported.
    let scratch = tempfile::tempdir().unwrap();
    let site = scratch.path().join("site");
    copy_site(&example_site(), &site);
    let cv = scratch.path().join("cv.json");
    waymark(&site, &["export", "resume", "--output", arg(&cv)]).ok();
    let before = tree(&site);
    let r = waymark(&site, &["import", "resume", arg(&cv)]);
    r.ok();
    r.stderr_has("nothing new; 8 already there");
    assert_eq!(tree(&site), before);
}

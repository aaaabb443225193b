//! Property tests: any résumé, export or brag document — well formed,
//! half formed or noise — gives a plan or a diagnostic about its input,
//! never a panic, and never an entry that `check` would refuse (each plan
//! reads its entries back, so such an entry would come back as an error of
//! the entry's own, which these tests refuse).

use proptest::prelude::*;

use crate::diag::Code;
use crate::pipeline::testing::TempSite;

fn config() -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or(64);
    ProptestConfig {
        cases,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

/// The codes a source's own problems have. Anything else from a plan would
/// be an entry waymark made wrong.
const INPUT_CODES: &[Code] = &[
    Code::ImportSyntax,
    Code::ImportSchema,
    Code::TooLarge,
    Code::NotUtf8,
    Code::InvalidDate,
    Code::Io,
];

/// Text that looks like what people write, and text that does not.
fn words() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        Just("Shipped the importer".to_string()),
        Just("Cut p99 840 ms → 310 ms: 63%".to_string()),
        Just("\"quoted\", with: a colon # and a hash".to_string()),
        Just("ünïcödé 🚀 \u{202e}rtl\u{202c} ﷽".to_string()),
        Just("[link](https://x.example) **bold** `code` {target=_blank}".to_string()),
        Just("- [ ] [x] --- *** | a | b |".to_string()),
        "\\PC{0,40}",
        ".{0,20}",
    ]
}

fn date_words() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("2026-03-06".to_string()),
        Just("2026-02-30".to_string()),
        Just("Week 10 2026".to_string()),
        Just("Week 54 2026".to_string()),
        Just("March 2026".to_string()),
        Just("Mar 2021".to_string()),
        Just("2021".to_string()),
        Just("2021-13".to_string()),
        Just("Q3 2026".to_string()),
        Just("Jan – Mar 2026".to_string()),
        Just("March 6".to_string()),
        Just("Present".to_string()),
        Just("9999".to_string()),
        Just(String::new()),
        "[0-9 /:-]{0,12}",
    ]
}

fn brag_line() -> impl Strategy<Value = String> {
    prop_oneof![
        (1..7usize, date_words()).prop_map(|(n, d)| format!("{} {d}", "#".repeat(n))),
        words().prop_map(|w| format!("## {w}")),
        (date_words(), words()).prop_map(|(d, w)| format!("- [{d}] {w}")),
        words().prop_map(|w| format!("- {w}")),
        (0..9usize, words()).prop_map(|(n, w)| format!("{}* {w}", " ".repeat(n))),
        words().prop_map(|w| format!("\t- {w}")),
        words().prop_map(|w| format!("1) {w}")),
        words(),
        (date_words(), words(), words()).prop_map(|(d, a, b)| format!("| {d} | {a} | {b} |")),
        Just("|---|---|---|".to_string()),
        Just("```".to_string()),
        Just("<!--".to_string()),
        Just("-->".to_string()),
        Just("---".to_string()),
        Just(String::new()),
    ]
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn dates_never_panic(s in "\\PC{0,30}", d in date_words()) {
        for text in [&s, &d] {
            let _ = super::dates::find(text).map(|f| f.with_year(Some(2026)));
            let _ = super::dates::month_year(text);
            let _ = super::dates::iso_partial(text);
        }
    }

    #[test]
    fn any_brag_document_imports_or_says_why(
        lines in prop::collection::vec(brag_line(), 0..40),
        crlf in any::<bool>(),
    ) {
        let site = TempSite::new();
        let text = lines.join(if crlf { "\r\n" } else { "\n" });
        site.write("brag.md", &text);
        let path = site.root().join("brag.md");
        match super::brag::plan(site.root(), &path, false) {
            Ok(plan) => {
                for f in &plan.files {
                    prop_assert!(f.rel.starts_with("private/achievements/"), "{}", f.rel);
                }
                for d in &plan.notes {
                    prop_assert!(d.line > 0 && d.source_line.is_some(), "{}", d.render(false));
                }
            }
            Err(diags) => {
                for d in diags {
                    prop_assert!(INPUT_CODES.contains(&d.code), "{}\n{text}", d.render(false));
                }
            }
        }
    }

    #[test]
    fn any_resume_imports_or_says_why(
        name in words(),
        position in words(),
        start in date_words(),
        end in date_words(),
        highlight in words(),
        school in words(),
        noise in "\\PC{0,60}",
        shape in 0..4usize,
    ) {
        let q = |s: &str| serde_json::to_string(s).unwrap();
        let text = match shape {
            0 => noise,
            1 => format!(
                "{{\"basics\": {{\"name\": {}, \"profiles\": [{{\"network\": {}, \"url\": {}}}]}}, \"work\": [{{\"name\": {}, \"position\": {}, \"startDate\": {}, \"endDate\": {}, \"highlights\": [{}]}}], \"education\": [{{\"institution\": {}, \"startDate\": {}}}], \"certificates\": [{{\"name\": {}, \"date\": {}, \"url\": {}}}], \"awards\": [{{\"title\": {}, \"awardDate\": {}}}]}}",
                q(&name), q(&position), q(&highlight), q(&name), q(&position), q(&start), q(&end),
                q(&highlight), q(&school), q(&start), q(&name), q(&end), q(&highlight), q(&position), q(&start),
            ),
            2 => format!("{{\"work\": [{{\"company\": {}, \"startDate\": {}}}, {noise}]}}", q(&name), q(&start)),
            _ => format!("{{\"work\": {noise}}}"),
        };
        let site = TempSite::new();
        site.write("cv.json", &text);
        match super::resume::plan(site.root(), &site.root().join("cv.json")) {
            Ok(plan) => {
                for f in &plan.files {
                    prop_assert!(f.rel.starts_with("content/journey/"), "{}", f.rel);
                }
                if !plan.printout.is_empty() {
                    let config = format!(
                        "title: T\nbase_url: https://x.example/\n{}",
                        plan.printout
                    );
                    prop_assert!(crate::model::config::parse(&config, None).is_ok(), "{config}");
                }
            }
            Err(diags) => {
                for d in diags {
                    prop_assert!(INPUT_CODES.contains(&d.code), "{}\n{text}", d.render(false));
                }
            }
        }
    }

    #[test]
    fn any_linkedin_export_imports_or_says_why(
        columns in prop::sample::subsequence(
            vec!["Company Name", "Title", "Description", "Location", "Started On", "Finished On", "Extra"],
            0..=7,
        ).prop_shuffle(),
        rows in prop::collection::vec(prop::collection::vec(prop_oneof![words(), date_words()], 0..8), 0..6),
        skills in prop::collection::vec(words(), 0..5),
        preamble in any::<bool>(),
    ) {
        let site = TempSite::new();
        let mut csv = String::new();
        if preamble {
            csv.push_str("Notes:\n\"Exported\"\n\n");
        }
        let field = |s: &str| format!("\"{}\"", s.replace('"', "\"\""));
        csv.push_str(&columns.join(","));
        csv.push('\n');
        for row in &rows {
            let cells: Vec<String> = row.iter().map(|c| field(c)).collect();
            csv.push_str(&cells.join(","));
            csv.push('\n');
        }
        site.write("export/Positions.csv", &csv);
        site.write("export/Skills.csv", &format!("Name\n{}\n", skills.iter().map(|s| field(s)).collect::<Vec<_>>().join("\n")));
        match super::linkedin::plan(site.root(), &site.root().join("export")) {
            Ok(plan) => {
                for f in &plan.files {
                    prop_assert!(f.rel.starts_with("content/journey/"), "{}", f.rel);
                }
            }
            Err(diags) => {
                for d in diags {
                    prop_assert!(INPUT_CODES.contains(&d.code), "{}\n{csv}", d.render(false));
                }
            }
        }
    }
}

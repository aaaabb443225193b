use super::*;

fn titles(text: &str) -> Vec<(usize, String, Option<String>)> {
    items(text)
        .into_iter()
        .map(|i| {
            let (own, rest) = leading_date(&i.first);
            let when = when(&i, own, None).map(|(p, _)| p.date().to_string());
            (i.line, plain(&rest), when)
        })
        .collect()
}

#[test]
fn items_under_dated_headings_take_their_date() {
    let doc = "# My brag doc\n\nSome intro.\n\n## 2026-03-06\n\n- Shipped the importer\n  - 40% fewer clicks\n- Fixed the flaky test\n\n## Week 11 2026\n\n* Paired with Sam\n\n## Projects\n\n- Undated thing\n";
    assert_eq!(
        titles(doc),
        [
            (3, "Some intro.".into(), None),
            (7, "Shipped the importer".into(), Some("2026-03-06".into())),
            (9, "Fixed the flaky test".into(), Some("2026-03-06".into())),
            (13, "Paired with Sam".into(), Some("2026-03-13".into())),
            (17, "Undated thing".into(), None),
        ]
    );
    let first = &items(doc)[1];
    assert_eq!(first.body, ["- 40% fewer clicks"]);
}

#[test]
fn a_category_under_a_dated_heading_keeps_its_date() {
    let doc = "# 2024\n## Projects\n- [Mar 12, 2024] Cut CI time from 40 to 12 minutes\n  - moved tests to a shared cache\n- [Jun 21 - Jul 26, 2024] Led the migration {target=_blank}\n## What you learned\n- [Apr 2] Postgres query plans\n- Something undated in 2024\n";
    let t = titles(doc);
    assert_eq!(t[0].2.as_deref(), Some("2024-03-12"));
    assert_eq!(t[1].1, "Led the migration");
    assert_eq!(t[1].2.as_deref(), Some("2024-06-21"));
    // A month and day take the year of the heading above.
    assert_eq!(t[2].2.as_deref(), Some("2024-04-02"));
    // The year heading dates what has no date of its own.
    assert_eq!(t[3].2.as_deref(), Some("2024-01-01"));
}

#[test]
fn paragraphs_tables_and_fences_are_read_as_such() {
    let doc = "## March 2026\n\nRewrote the billing page,\nand cut load time by half.\n\n```\n## not a heading\n```\n\n| Date | Win | Impact | Who |\n|---|---|---|---|\n| 2026-03-04 | Led the incident review | MTTR 3h → 40m | Ana |\n| | No date here | | |\n";
    let all = items(doc);
    assert_eq!(
        all[0].first,
        "Rewrote the billing page, and cut load time by half."
    );
    let t = titles(doc);
    assert_eq!(t[0].2.as_deref(), Some("2026-03-01"));
    assert_eq!(t[1].1, "Led the incident review");
    assert_eq!(t[1].2.as_deref(), Some("2026-03-04"));
    assert_eq!(all[1].impact.as_deref(), Some("MTTR 3h → 40m"));
    assert_eq!(all[1].body, ["Who: Ana"]);
    // A row without a date is under March 2026, like the paragraph.
    assert_eq!(t[2].2.as_deref(), Some("2026-03-01"));
    assert_eq!(t.len(), 3);
}

#[test]
fn tabs_indent_like_four_spaces() {
    assert_eq!(expand_tabs("\t- a\tb"), "    - a\tb");
    assert_eq!(expand_tabs("  \tx"), "    x");
    let all = items("## 2026-03-06\n- Shipped it\n\t- 3x faster\n");
    assert_eq!(all.len(), 1);
    assert_eq!(all[0].body, ["- 3x faster"]);
    // A quote right after an item is its body, not more of its title.
    let all = items("- Shipped it\n> a quote\n");
    assert_eq!(
        (all[0].first.as_str(), &all[0].body[..]),
        ("Shipped it", &["> a quote".to_string()][..])
    );
}

#[test]
fn goals_prompts_and_unchecked_tasks_are_not_achievements() {
    let doc = "## Goals for this year\n- [2026-01-05] Become staff\n## General prompts\n- What did you ship?\n## 2026-03-06\n- [ ] Write the RFC\n- [x] Shipped the RFC\n";
    let skips: Vec<Option<Skip>> = items(doc).iter().map(|i| i.skip).collect();
    assert_eq!(
        skips,
        [
            Some(Skip::Goals),
            Some(Skip::Prompts),
            Some(Skip::Unchecked),
            None
        ]
    );
    assert_eq!(items(doc)[3].first, "Shipped the RFC");
}

#[test]
fn leading_dates_in_their_common_forms() {
    for (text, date, rest) in [
        ("[Feb 28, 2025] Shipped X", "2025-02-28", "Shipped X"),
        ("**2026-03-06** Shipped X", "2026-03-06", "Shipped X"),
        ("2026-03-06: Shipped X", "2026-03-06", "Shipped X"),
        ("2026-03-06 Shipped X", "2026-03-06", "Shipped X"),
        ("Mar 6, 2026 – Shipped X", "2026-03-06", "Shipped X"),
        ("Fri 6 Mar 2026: Shipped X", "2026-03-06", "Shipped X"),
        ("09:14:03\t2026-03-06 Shipped X", "2026-03-06", "Shipped X"),
    ] {
        let (f, r) = leading_date(text);
        let p = f
            .and_then(|f| f.0.with_year(None))
            .unwrap_or_else(|| panic!("{text}"));
        assert_eq!(p.date().to_string(), date, "{text}");
        assert_eq!(r, rest, "{text}");
    }
    for text in [
        "[The docs](https://x.example) are done",
        "March was busy: shipped lots",
        "Shipped 3 things - all green",
        "Cut latency: 40 ms",
    ] {
        assert!(leading_date(text).0.is_none(), "{text}");
    }
}

#[test]
fn result_looking_lines() {
    for yes in [
        "p99 840 ms → 310 ms",
        "CI time -> 12 minutes",
        "40% fewer pages",
        "Saved $20k a year",
        "Migrated 12 services",
        "3x faster builds",
        "It now handles 40-page invoices",
    ] {
        assert!(looks_like_result(yes), "{yes}");
    }
    // Not a character boundary after the digit: no panic either way.
    assert!(looks_like_result("1\u{202e}x"));
    for no in [
        "Upgraded the S3 buckets",
        "Led the Q3 planning",
        "Wrote the 2026 roadmap",
        "Released v2.1.0",
        "Met on 2026-03-06",
        "Talked about p99 latency",
        "Spoke at the 3rd meetup",
    ] {
        assert!(!looks_like_result(no), "{no}");
    }
}

#[test]
fn a_shortened_title_says_where_the_rest_starts_even_with_wide_characters() {
    // Found by the property run: the `…` a shortened title ends in is
    // not in the text, so the title's length is no offset into it.
    let line = "| March 6 | !®໐ׯㄅ𖹀𑌏𑠀୦ 𜴀0a᯼ !®A🌀® 𒒀a𛅐 ¡ |  | \"quoted\", with: a colon # and a hash --> Cut p99 840 ms → 310 ms: 63%";
    let (title, rest) = title_and_rest(line);
    let at = rest.unwrap();
    assert!(line.is_char_boundary(at));
    assert!(title.ends_with('…'));
    let kept: Vec<&str> = line[..at].split_whitespace().collect();
    assert_eq!(kept.join(" "), title.trim_end_matches('…'));
}

#[test]
fn titles_are_plain_and_short() {
    assert_eq!(
        plain("**Shipped** the [importer](https://x.example) `v2` ~~late~~"),
        "Shipped the importer v2 late"
    );
    let long = format!("Did a first thing well. {}", "And more ".repeat(20));
    assert_eq!(
        title_of(&long),
        ("Did a first thing well".to_string(), true)
    );
    assert_eq!(
        title_of("Rebuilt the renderer. It handles 40-page invoices."),
        ("Rebuilt the renderer".to_string(), true)
    );
    // Not a sentence end: an abbreviation, a version, a lowercase word.
    for one in [
        "Spoke at the e.g. meetup",
        "Released v2.1 today",
        "Fixed it. then more",
    ] {
        assert_eq!(title_of(one), (one.to_string(), false), "{one}");
    }
    assert_eq!(strip_attrs("[a](b){target=_blank} c {:.x}"), "[a](b) c");
    assert_eq!(strip_attrs("a {b} c"), "a {b} c");
    let (t, cut) = title_of(&"word ".repeat(40));
    assert!(
        cut && t.ends_with('…') && t.chars().count() <= TITLE_MAX,
        "{t}"
    );
}

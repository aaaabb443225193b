//! Bad input: each gets a clear error naming file and line, and nothing is
//! lost — the previous output stays exactly as it was.

use crate::support::*;

/// Builds the small site, breaks it with `breakage`, builds again, and
/// checks the error and that the output did not change.
fn breaks(breakage: impl FnOnce(&Fixture), expect: &[&str]) -> Run {
    breaks_site(&Fixture::small(), breakage, expect)
}

#[test]
fn a_slug_with_capitals_is_refused_not_published() {
    breaks(
        |f| {
            f.write(
                "content/pages/talk.md",
                "---\ntitle: Talk\nslug: My_Talk\n---\n",
            )
        },
        &[
            "error[invalid-slug]: `My_Talk` is not a valid slug",
            "content/pages/talk.md:3:7",
            "lowercase letters",
        ],
    );
}

#[test]
fn unknown_key_suggests_the_nearest() {
    breaks(
        |f| f.write("content/goals/x.md", "---\ntitle: X\nhorizn: 1y\n---\n"),
        &[
            "error[unknown-key]: unknown key `horizn`",
            "content/goals/x.md:3:1",
            "did you mean `horizon`?",
        ],
    );
}

#[test]
fn unknown_config_key_suggests_the_nearest() {
    breaks(
        |f| f.write("waymark.yaml", &format!("{CONFIG}base_ur: x\n")),
        &[
            "unknown key `base_ur`",
            "waymark.yaml:5:1",
            "did you mean 'base_url'?",
        ],
    );
}

#[test]
fn invalid_date_lists_the_accepted_forms() {
    breaks(
        |f| {
            f.write(
                "content/achievements/x.md",
                "---\ntitle: X\ndate: 06/03/2026\n---\n",
            )
        },
        &[
            "error[invalid-date]",
            "content/achievements/x.md:3:7",
            "YYYY-MM-DD",
        ],
    );
}

#[test]
fn unknown_goal_slug_suggests_the_nearest() {
    breaks(
        |f| {
            f.write(
                "content/achievements/2026-01-01-x.md",
                "---\ntitle: X\ngoals:\n  - slos\n  - stafff\n---\n",
            )
        },
        &[
            "error[unknown-goal]: `stafff` names no goal",
            "content/achievements/2026-01-01-x.md:5:5",
            "did you mean `staff`?",
        ],
    );
}

#[test]
fn unknown_parent_is_an_error() {
    breaks(
        |f| f.write("content/goals/x.md", "---\ntitle: X\nparent: slo\n---\n"),
        &[
            "`slo` names no goal",
            "content/goals/x.md:3:9",
            "did you mean `slos`?",
        ],
    );
}

#[test]
fn missing_title() {
    breaks(
        |f| {
            f.write(
                "content/pages/x.md",
                "---\nsummary: no title here\n---\nBody\n",
            )
        },
        &["error[missing-title]", "content/pages/x.md:1:1", "title:"],
    );
}

#[test]
fn tabs_in_yaml() {
    breaks(
        |f| {
            f.write(
                "content/goals/x.md",
                "---\ntitle: X\nwhy:\n\tbecause\n---\n",
            )
        },
        &["error[tab-in-yaml]", "content/goals/x.md:4:1", "spaces"],
    );
}

#[test]
fn every_tab_in_yaml_is_reported_in_one_run() {
    let r = breaks(
        |f| {
            f.write(
                "content/goals/x.md",
                "---\ntitle: X\nwhy:\n\tbecause\nmeasure:\n  \tdone\n---\n",
            )
        },
        &["content/goals/x.md:4:1", "content/goals/x.md:6:3"],
    );
    assert_eq!(r.stderr.matches("error[tab-in-yaml]").count(), 2);
}

#[test]
fn a_kind_that_is_not_a_word_is_an_error() {
    breaks(
        |f| f.write("content/pages/n.md", "---\ntitle: N\nkind: 5\n---\n"),
        &[
            "error[invalid-type]",
            "content/pages/n.md:3:7",
            "kinds are:",
        ],
    );
}

#[test]
fn unterminated_front_matter() {
    breaks(
        |f| {
            f.write(
                "content/pages/x.md",
                "---\ntitle: X\n\nBody without a closing fence\n",
            )
        },
        &[
            "error[unterminated-front-matter]",
            "content/pages/x.md:1:1",
            "`---`",
        ],
    );
}

#[test]
fn no_front_matter() {
    breaks(
        |f| f.write("content/pages/x.md", "# Just markdown\n"),
        &["error[no-front-matter]", "content/pages/x.md:1:1"],
    );
}

#[test]
fn empty_front_matter() {
    breaks(
        |f| f.write("content/pages/x.md", "---\n---\nBody\n"),
        &["error[empty-front-matter]", "content/pages/x.md:1:1"],
    );
}

#[test]
fn non_utf8_bytes() {
    breaks(
        |f| f.write_bytes("content/pages/x.md", b"---\ntitle: Caf\xe9\n---\n"),
        &["error[not-utf8]", "content/pages/x.md:2:11", "UTF-8"],
    );
}

#[test]
fn duplicate_slugs_within_a_kind() {
    let r = breaks(
        |f| {
            f.write(
                "content/achievements/2026/2026-07-01-shipped.md",
                "---\ntitle: Again\n---\n",
            )
        },
        &["error[duplicate-slug]", "slug `shipped`"],
    );
    assert!(
        r.stderr
            .contains("content/achievements/2026-03-06-shipped.md")
            && r.stderr
                .contains("content/achievements/2026/2026-07-01-shipped.md")
    );
}

#[test]
fn goal_cycle() {
    breaks(
        |f| {
            f.write(
                "content/goals/staff.md",
                "---\ntitle: Become Staff\nhorizon: 3y\nparent: slos\n---\n",
            );
        },
        &["error[goal-cycle]", "cycle"],
    );
}

#[test]
fn at_link_to_a_missing_entry() {
    breaks(
        |f| {
            f.write(
                "content/pages/x.md",
                "---\ntitle: X\n---\nFirst line.\n\nSee [goal](@/goals/staf.md).\n",
            )
        },
        &[
            "error[broken-link]: `@/goals/staf.md` names no entry",
            "content/pages/x.md:6:5",
            "did you mean `@/goals/staff.md`?",
        ],
    );
}

#[test]
fn unknown_theme() {
    breaks(
        |f| f.write("waymark.yaml", &format!("{CONFIG}theme: defualt\n")),
        &[
            "error[unknown-theme]",
            "waymark.yaml:5:8",
            "did you mean 'default'?",
        ],
    );
}

#[test]
fn template_syntax_error_names_template_and_line() {
    breaks(
        |f| {
            f.write("templates/page.html", "{% extends \"base.html\" %}\n{% block content %}\n{{ entry.title \n{% endblock content %}\n")
        },
        &["error[template-syntax]", "templates/page.html:4:1"],
    );
}

#[test]
fn all_errors_of_a_run_are_reported_together() {
    let r = breaks(
        |f| {
            f.write("content/pages/a.md", "no front matter\n");
            f.write("content/goals/b.md", "---\ntitle: B\nstatus: done\n---\n");
            f.write(
                "content/achievements/2026-01-01-c.md",
                "---\ntitle: C\ngoals: [nope]\n---\n",
            );
        },
        &[
            "content/pages/a.md:1:1",
            "content/goals/b.md:3:9",
            "content/achievements/2026-01-01-c.md:3:9",
        ],
    );
    r.stderr_has("error: 3 errors in 3 files");
}

#[test]
fn bom_and_crlf_simply_work() {
    let f = Fixture::small();
    f.write_bytes(
        "content/pages/windows.md",
        b"\xef\xbb\xbf---\r\ntitle: Written on Windows\r\n---\r\nLine one\r\nline two\r\n",
    );
    f.run(&["build"]).ok();
    let page = f.read("public/windows/index.html");
    assert!(page.contains("Written on Windows"));
    assert!(!page.contains('\r'));
}

#[test]
fn a_missing_config_is_explained() {
    let dir = tempfile::tempdir().unwrap();
    let r = waymark(dir.path(), &["build"]);
    r.fails()
        .stderr_has("no waymark.yaml")
        .stderr_has("waymark init");
}

#[test]
fn a_page_slug_taken_by_a_static_file() {
    breaks(
        |f| f.write("content/pages/favicon.svg.md", "---\ntitle: Fav\n---\nx\n"),
        &["error[reserved-slug]", "content/pages/favicon.svg.md"],
    );
}

#[test]
fn a_bare_path_base_url_is_refused_for_build() {
    let f = Fixture::small();
    f.run(&["build", "--base-url", "/career/"])
        .fails()
        .stderr_has("only a path");
    assert!(!f.public().exists());
}

#[test]
fn columns_count_characters_not_bytes() {
    let r = breaks(
        |f| {
            f.write(
                "content/achievements/2026-01-01-x.md",
                "---\ntitle: X\ngoals: [\"façade-über-ä\", nope]\n---\n",
            )
        },
        &["`nope` names no goal"],
    );
    // `goals: ["façade-über-ä", ` is 25 characters: `nope` starts at column 26.
    r.stderr_has("content/achievements/2026-01-01-x.md:3:26");
}

#[test]
fn a_config_error_does_not_hide_content_errors() {
    let r = breaks(
        |f| {
            f.write("waymark.yaml", &format!("{CONFIG}feeds: true\n"));
            f.write(
                "content/achievements/bad.md",
                "---\ntitle: Bad\ndate: 2026-13-45\n---\n",
            );
        },
        &["unknown key `feeds`", "content/achievements/bad.md:3"],
    );
    r.stderr_has("2 errors in 2 files");
}

#[test]
fn a_config_error_does_not_hide_reference_or_template_errors() {
    breaks(
        |f| {
            f.write("waymark.yaml", &format!("{CONFIG}feeds: true\n"));
            f.write(
                "content/achievements/2026-03-20-ref.md",
                "---\ntitle: Ref\ngoals: [stafff]\n---\nSee [x](@/goals/nope.md).\n",
            );
            f.write(
                "templates/goal.html",
                "{% extends \"base.html\" %}{% block content %}{{ entry.title {% endblock content %}",
            );
        },
        &[
            "unknown key `feeds`",
            "error[unknown-goal]",
            "did you mean `staff`?",
            "error[broken-link]",
            "templates/goal.html",
        ],
    );
}

#[test]
fn a_slug_that_takes_a_sections_own_file_is_refused_at_its_line() {
    let r = breaks(
        |f| {
            f.write(
                "content/achievements/2026-03-20-a.md",
                "---\ntitle: A\nimpact: x\nslug: index.html\n---\nx\n",
            );
            f.write(
                "content/goals/g.md",
                "---\ntitle: G\nhorizon: 1y\nslug: __waymark\n---\nx\n",
            );
            f.write(
                "content/reflections/r.md",
                "---\ntitle: R\ndate: 2026-01-01\nvisibility: public\nslug: index.html\n---\nx\n",
            );
            f.write(
                "content/pages/w.md",
                "---\ntitle: W\nslug: __waymark\n---\nx\n",
            );
        },
        &[
            "error[reserved-slug]: the slug `index.html` is taken: /achievements/index.html is the section's own page",
            "content/achievements/2026-03-20-a.md:4:7",
            "content/goals/g.md:4:7",
            "error[reserved-slug]: the slug `__waymark` is taken: `waymark serve` answers /__waymark/ itself",
            "content/reflections/r.md:5:7",
            "content/pages/w.md:3:7",
        ],
    );
    // Reported as content errors, never as a raw I/O error about staging.
    assert!(!r.stderr.contains("staging"), "{}", r.stderr);
    r.stderr_has("error: 4 errors in 4 files");
}

/// Front matter written as one flow mapping gets the same clear answers as
/// block style, at the value, never a panic.
#[test]
fn front_matter_in_one_flow_mapping_is_reported_at_each_bad_value() {
    let r = breaks(
        |f| {
            f.write(
                "content/pages/flow.md",
                "---\n{title: A, slug: Bad Slug}\n---\nx\n",
            );
            f.write(
                "content/goals/flow.md",
                "---\n{title: G, horizon: 2y, status: done}\n---\nx\n",
            );
            f.write(
                "content/achievements/flow.md",
                "---\n{title: A, date: 06/03/2026, tilte: x}\n---\nx\n",
            );
        },
        &[
            "error[invalid-slug]: `Bad Slug` is not a valid slug",
            "content/pages/flow.md:2:18",
            "content/goals/flow.md:2",
            "content/achievements/flow.md:2",
        ],
    );
    assert!(!r.stderr.contains("panicked"), "{}", r.stderr);
}

use super::*;

const FT: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/ladders/ft-engineering.yml"
));

fn errors(text: &str) -> Vec<Diagnostic> {
    parse("ladder.yaml", text).expect_err("should not load")
}

const SMALL: &str = "name: Corvo\nlevels:\n  - { id: senior, name: Senior }\n  - { id: staff, name: Staff }\nthemes:\n  - { id: delivery, name: Delivery }\ncompetencies:\n  - id: staff-scope\n    level: staff\n    theme: delivery\n    summary: Leads work across teams\n";

#[test]
fn an_ft_job_family_file_loads_as_it_is() {
    let (l, warnings) = parse("eng.yml", FT).unwrap();
    assert_eq!(l.name, "Engineering");
    assert!(l.summary.as_deref().unwrap().ends_with("to principal."));
    assert_eq!(l.levels.len(), 4);
    assert_eq!(l.levels[2].id, "senior-2-ic");
    assert_eq!(
        l.themes[0].summary.as_deref(),
        Some("Getting the right things built and into the hands of users.")
    );
    assert_eq!(l.competencies.len(), 5);
    let first = &l.competencies[0];
    assert_eq!(first.id, "6f1c2a4e-8d3b-4c1a-9e2f-0a1b2c3d4e5f");
    // The block scalar's newline is trimmed, the zero-width space dropped.
    assert_eq!(
        first.summary,
        "Breaks down a well-defined task into small, reviewable changes\nand ships them."
    );
    // Proficiencies take FT's spelling whatever the case written.
    assert_eq!(
        l.competencies[2].proficiency.as_deref(),
        Some("Working knowledge")
    );
    assert_eq!(
        l.competencies[4].examples,
        ["Runs fortnightly one-to-ones with written notes."]
    );
    // googleSheetId: accepted, with a note at its line.
    assert_eq!(warnings.len(), 1);
    assert_eq!(warnings[0].code, Code::LadderKeyIgnored);
    assert_eq!(warnings[0].line, 5);
}

#[test]
fn an_unknown_key_inside_a_competency_is_an_error_at_its_line_with_a_suggestion() {
    let text = SMALL.replace(
        "    theme: delivery\n",
        "    theme: delivery\n    sumary: x\n",
    );
    let e = errors(&text);
    assert_eq!(e.len(), 1, "{e:?}");
    assert_eq!(e[0].code, Code::UnknownKey);
    assert_eq!((e[0].line, e[0].col), (11, 5));
    assert_eq!(e[0].help.as_deref(), Some("did you mean `summary`?"));
}

#[test]
fn an_unknown_key_in_a_flow_level_points_at_it() {
    let text = SMALL.replace("{ id: staff, name: Staff }", "{ id: staff, nmae: Staff }");
    let e = errors(&text);
    let unknown = e.iter().find(|d| d.code == Code::UnknownKey).unwrap();
    assert_eq!(unknown.line, 4);
    assert_eq!(unknown.help.as_deref(), Some("did you mean `name`?"));
    // And the level then has no name, said once.
    assert!(
        e.iter()
            .any(|d| d.code == Code::MissingField && d.line == 4)
    );
}

#[test]
fn an_unknown_level_or_theme_is_an_error_at_its_line_naming_the_known_ones() {
    let text = SMALL
        .replace("    level: staff\n", "    level: stafff\n")
        .replace("    theme: delivery\n", "    theme: delivry\n");
    let e = errors(&text);
    assert_eq!(e.len(), 2, "{e:?}");
    assert_eq!(e[0].code, Code::UnknownLevel);
    assert_eq!((e[0].line, e[0].col), (9, 12));
    assert_eq!(
        e[0].help.as_deref(),
        Some("did you mean `staff`? (levels: senior, staff)")
    );
    assert_eq!(e[1].code, Code::UnknownLadderTheme);
    assert_eq!(e[1].line, 10);
    assert!(
        e[1].help
            .as_deref()
            .unwrap()
            .contains("did you mean `delivery`?")
    );
}

#[test]
fn a_repeated_id_is_an_error_at_the_second_naming_the_first() {
    let text = format!(
        "{SMALL}  - id: staff-scope\n    level: senior\n    theme: delivery\n    summary: Again\n"
    );
    let e = errors(&text);
    assert_eq!(e.len(), 1, "{e:?}");
    assert_eq!(e[0].code, Code::DuplicateId);
    assert_eq!(e[0].line, 12);
    assert!(
        e[0].help.as_deref().unwrap().contains("line 8"),
        "{:?}",
        e[0].help
    );
    let levels = SMALL.replace("{ id: staff, name: Staff }", "{ id: senior, name: Staff }");
    let e = errors(&levels);
    assert!(
        e.iter().any(|d| d.code == Code::DuplicateId && d.line == 4),
        "{e:?}"
    );
}

#[test]
fn missing_parts_and_wrong_shapes_are_named() {
    let e = errors("name: X\nlevels: []\nthemes:\n  - { id: a, name: A }\ncompetencies: []\n");
    assert_eq!(e[0].code, Code::MissingField);
    assert_eq!(e[0].line, 2);
    let e = errors("- id: a\n  name: A\n");
    assert_eq!(e[0].code, Code::LadderShape);
    assert!(e[0].help.as_deref().unwrap().contains("merge them"));
    let e = errors("name: X\nlevels: 3\nthemes: []\ncompetencies: []\n");
    assert!(e.iter().any(|d| d.code == Code::InvalidType && d.line == 2));
    let e = errors(&SMALL.replace("id: staff-scope", "id: \"staff scope/x\""));
    assert_eq!(e[0].code, Code::InvalidValue);
    assert_eq!(e[0].line, 8);
    let e = errors("name: X\nlevels:\n\t- { id: a, name: A }\n");
    assert_eq!(e[0].code, Code::TabInYaml);
    let e = errors("name: [unclosed\n");
    assert_eq!(e[0].code, Code::YamlSyntax);
}

#[test]
fn what_import_writes_reads_back_to_the_same_ladder() {
    let (l, _) = parse("eng.yml", FT).unwrap();
    let text = write::to_yaml(&l, "eng.yml");
    let (again, warnings) = parse("eng.yml", &text).unwrap();
    assert!(warnings.is_empty(), "{warnings:?}");
    assert_eq!(again, l);
}

#[test]
fn a_monzo_framework_converts_with_topic_level_n_ids() {
    let text = include_str!(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/ladders/monzo-backend.md"
    ));
    let generic = monzo::generic_titles(include_str!(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/ladders/generic.md"
    )));
    assert!(monzo::is_monzo(text));
    assert!(!monzo::is_monzo(FT));
    let (l, warnings) = monzo::convert("backend.md", text, &generic).unwrap();
    assert!(warnings.is_empty());
    assert_eq!(l.name, "Backend Engineering");
    let ids: Vec<&str> = l.levels.iter().map(|x| x.id.as_str()).collect();
    assert_eq!(ids, ["level-1", "level-2", "level-3"]);
    assert_eq!(l.themes[1].name, "Communication and feedback");
    let ids: Vec<&str> = l.ids().collect();
    assert_eq!(
        ids,
        [
            "impact-1-1",
            "impact-1-2",
            "impact-2-1",
            "impact-2-2",
            "communication-1-1",
            "communication-3-1"
        ]
    );
    assert_eq!(
        l.competencies[3].examples,
        ["Ran the response to a payments outage and wrote the review"]
    );
    // Without the generic framework, the topic's name titles it.
    let (l2, _) = monzo::convert("backend.md", text, &[]).unwrap();
    assert_eq!(l2.themes[1].name, "Communication");
    // And what import writes of it loads as a ladder.
    let (back, _) = parse("ladder.yaml", &write::to_yaml(&l, "backend.md")).unwrap();
    assert_eq!(
        back,
        Ladder {
            path: "ladder.yaml".into(),
            ..l
        }
    );
}

#[test]
fn monzo_input_that_cannot_be_converted_says_why() {
    let prose = "---\npath: /design\ntitle: Design\nyaml: false\n---\n## Level 1\n";
    let e = monzo::convert("d.md", prose, &[]).unwrap_err();
    assert!(e[0].message.contains("prose framework"), "{e:?}");
    let no_topics = "---\ntitle: X\nyaml: true\n---\n";
    assert!(
        monzo::convert("x.md", no_topics, &[]).unwrap_err()[0]
            .message
            .contains("no `topics`")
    );
    let bad_level = "---\ntitle: X\ntopics:\n  - name: a\n    title: A\n    content:\n      - level: two\n        criteria: [x]\n---\n";
    let e = monzo::convert("x.md", bad_level, &[]).unwrap_err();
    assert!(e[0].message.contains("positive whole number"), "{e:?}");
    // A tab after a dash (js-yaml takes it) is read as a space, with a warning.
    let tab = "---\ntitle: X\ntopics:\n  -\tname: a\n    title: A\n    content:\n      - level: 1\n        criteria: [x]\n---\n";
    let (l, w) = monzo::convert("x.md", tab, &[]).unwrap();
    assert_eq!(l.competencies[0].id, "a-1-1");
    assert_eq!(w[0].code, Code::TabInYaml);
    assert_eq!(w[0].line, 4);
}

//! CLI transcripts: every command and every error path, run by the real
//! binary, with the exact text it prints. The cases are Markdown files in
//! `tests/cmd/` (`$ waymark …` then the expected output; `? 1` is the exit
//! code); each `NAME.in/` folder holds the sites a case works on, and a
//! `NAME.out/` folder makes the case run in a scratch copy and lists files
//! it must leave behind. `TRYCMD=overwrite cargo test transcripts` rewrites
//! the expected output after a deliberate change: review the diff.

#[test]
fn transcripts() {
    let cases = trycmd::TestCases::new();
    cases
        .register_bin(
            "waymark",
            std::path::Path::new(env!("CARGO_BIN_EXE_waymark")),
        )
        // A fixed "today" (Friday 6 March 2026), no colour, no CI-only behaviour.
        .env("SOURCE_DATE_EPOCH", "1772798400")
        .env("NO_COLOR", "1")
        .case("tests/cmd/*.md")
        .case("tests/cmd/*.toml");
    cases
        .insert_var("[VERSION]", env!("CARGO_PKG_VERSION"))
        .expect("a valid variable");
    match which("git") {
        Some(git) => {
            cases.register_bin("git", git);
        }
        None => {
            crate::support::require_tool("git", false);
            cases.skip("tests/cmd/git-*.md");
        }
    }
    cases.run();
}

fn which(tool: &str) -> Option<std::path::PathBuf> {
    std::env::var_os("PATH")?
        .to_str()?
        .split(':')
        .map(|d| std::path::Path::new(d).join(tool))
        .find(|p| p.is_file())
}

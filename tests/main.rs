//! Integration tests: real fixture sites built by the real binary into temp
//! dirs, and the output read back.

mod support;

mod bad_input;
mod browser;
mod build;
mod cards;
mod documents;
mod import;
mod incremental;
mod ladder;
mod privacy;
mod publishing;
mod robustness;
mod sealed;
mod search;
mod serve;
mod theme;
mod transcripts;
mod validators;

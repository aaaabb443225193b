//! Integration tests: real fixture sites built by the real binary into temp
//! dirs, and the output read back.

mod support;

mod bad_input;
mod build;
mod privacy;
mod robustness;
mod transcripts;
mod validators;

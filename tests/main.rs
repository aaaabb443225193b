//! Integration tests: real fixture sites built by the real binary into temp
//! dirs, and the output read back.

mod support;

mod bad_input;
mod build;
mod privacy;
mod theme;
mod validators;

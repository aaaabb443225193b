//! waymark: a static-site generator for career portfolios and journals.
//!
//! The pipeline runs one way: config and sources are read, entries resolved,
//! the site assembled (the one place where private entries and drafts are
//! left out), pages planned and rendered into an in-memory `Output`, which is
//! written to disk by `build` or served from memory by `serve`.

// Diagnostics are the error type of a cold path; boxing them buys nothing.
#![allow(clippy::result_large_err)]

pub mod charts;
pub mod cli;
pub mod clock;
pub mod diag;
pub mod import;
pub mod model;
pub mod output;
pub mod pages;
pub mod pipeline;
pub mod scaffold;
pub mod seal;
pub mod serve;
pub mod text;

/// Items per rayon task. rayon cuts a parallel iterator into about as many
/// pieces as there are threads and balances the load only by stealing whole
/// pieces; when items differ in cost (the achievement log costs as much as
/// a thousand entry pages) one thread could sit idle for a tenth of a
/// build. Pieces this small keep every thread busy to the end.
pub(crate) const PAR_CHUNK: usize = 16;

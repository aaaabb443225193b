//! From the site model to files: which pages there are and their URLs
//! ([`plan`]), the theme's templates ([`theme`], [`render`]), and the
//! generated files that are not pages ([`feeds`], [`resume`]).

pub(crate) mod cards;
pub(crate) mod career;
pub(crate) mod feeds;
pub(crate) mod plan;
pub mod render;
pub(crate) mod resume;
pub(crate) mod search;
#[cfg(test)]
pub(crate) mod testing;
pub mod theme;

//! The site model: everything read from the site folder and checked, up to
//! the assembled [`site::Site`] that pages are rendered from. Nothing here
//! knows of pages, templates or output; the one privacy decision is made in
//! [`site`], so everything after it sees only what may be published.

pub mod config;
pub(crate) mod entry;
pub(crate) mod frontmatter;
pub(crate) mod kind;
pub(crate) mod ladder;
pub mod lint;
pub mod markdown;
pub(crate) mod period;
pub mod resolve;
pub mod site;
pub mod source;
pub(crate) mod starter;
pub(crate) mod urls;

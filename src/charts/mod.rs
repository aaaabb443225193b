//! Inline SVG charts, drawn at build time so pages need no script: the
//! career journey, the writing-habit heatmap and the wellbeing trend.
//! Colours come from CSS classes, so dark mode applies.
//!
//! Each chart is laid out by a pure function into an [`svg::Chart`] (text
//! labels with their boxes, shapes, leader lines) and only then written as
//! SVG, so tests check the layout directly: no two labels overlap, no
//! leader crosses a label.

pub(crate) mod heatmap;
pub(crate) mod journey;
pub mod svg;
pub(crate) mod wellbeing;

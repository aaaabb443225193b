//! Inline SVG charts, drawn at build time with no script: the career
//! journey, the writing-habit heatmap and the wellbeing trend.

pub mod journey;

//! The tools, named once: what each one brings (its flows, its tables, its part of the
//! backup) and what gathers across all of them. Everything that must know every tool stands
//! here, above the tools, so no tool imports the place that imports it.

pub(crate) mod limits;

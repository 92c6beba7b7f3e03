//! The shape of the content compiled into the library: one value of a content file, as
//! `build.rs` writes it out and [`super::tree`] reads it back. Shared by the two (the build
//! script includes this file by path) so they cannot disagree on the layout.
//!
//! Nothing in a node points anywhere: strings and children are ranges into the document's
//! one text and one node array. A pointer per string would cost a relocation each in a shared
//! library (24 bytes of `.rela.dyn` apiece, on top of the pointer), more than the string
//! itself for most of the content's words.

/// One value of a content file: 12 bytes, numbers being rare enough to live apart.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Node {
    Null,
    Bool(bool),
    /// The document's number at this index.
    Num(u32),
    /// The `len` bytes of the document's text from byte `start`.
    Str(u32, u32),
    /// The `len` nodes from node `start`.
    Seq(u32, u32),
    /// `len` entries from node `start`, each two nodes: the key (a `Str`), then its value.
    Map(u32, u32),
}

/// A number of a content file, as serde_json tells them apart.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Number {
    /// A whole number of zero or more (serde_json hands these to serde as `u64`).
    UInt(u64),
    /// A negative whole number. (The content holds none today, nor any fraction, so the
    /// library itself never builds these two; any JSON still compiles.)
    #[allow(dead_code)]
    Int(i64),
    #[allow(dead_code)]
    Float(f64),
}

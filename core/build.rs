//! Compiles the content in. Every JSON file under `content/<locale>/` is parsed here, at build
//! time, and written to `$OUT_DIR/content.rs` as one node table ([`node::Node`]) and one text
//! holding every string once (and the few numbers apart), with one static root per file
//! (`crate::content::en_gb::REMINDER_SETTINGS` for `content/en-GB/reminder_settings.json`).
//! The library reads its content from those nodes through `content::tree`, so it carries no
//! JSON to parse and no JSON reader instantiated for each content type (about 640 KiB of
//! the release library when it did).
//!
//! Nothing here knows the content types: each file is read as a plain JSON value. A file that
//! is not JSON, or names a key twice in one object (a plain value would keep the last
//! silently), stops the build; one that does not fit its type is still the library's typed
//! content error at run time, as before.

use std::error::Error;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::{env, fs};

#[path = "src/content/flatten.rs"]
mod flatten;
#[path = "src/content/node.rs"]
mod node;
#[path = "src/content/unique.rs"]
mod unique;

fn main() -> Result<(), Box<dyn Error>> {
    let content = Path::new(&env::var("CARGO_MANIFEST_DIR")?).join("content");
    println!("cargo:rerun-if-changed={}", content.display());
    let mut flat = flatten::Flat::default();
    let mut modules = String::new();
    for locale in sorted(&content, |p| p.is_dir())? {
        println!("cargo:rerun-if-changed={}", locale.display());
        let name = file_name(&locale)?;
        let module = identifier(name)?.to_lowercase();
        writeln!(
            modules,
            "/// The content of `content/{name}/`, one root per file.\npub(crate) mod {module} {{"
        )?;
        let mut files = Vec::new();
        for file in sorted(&locale, |p| p.extension().is_some_and(|e| e == "json"))? {
            println!("cargo:rerun-if-changed={}", file.display());
            let text = fs::read_to_string(&file)?;
            unique::unique_keys(&text).map_err(|e| format!("{}: {e}", file.display()))?;
            let value: serde_json::Value = serde_json::from_str(&text)
                .map_err(|e| format!("{} is not JSON: {e}", file.display()))?;
            let root = flat
                .add(&value)
                .map_err(|e| format!("{}: {e}", file.display()))?;
            let file_name = file_name(&file)?;
            let stem = file_name.trim_end_matches(".json");
            let constant = identifier(stem)?.to_uppercase();
            writeln!(
                modules,
                "    /// `content/{name}/{file_name}`.\n    pub(crate) static {constant}: \
                 crate::content::tree::Tree = crate::content::tree::Tree::new(&super::DOC, {root});"
            )?;
            files.push(format!("({file_name:?}, &{constant})"));
        }
        writeln!(
            modules,
            "    /// Every file of the folder by name, for the tests that compare each with its JSON.\n    \
             #[cfg(test)]\n    pub(crate) static FILES: &[(&str, &crate::content::tree::Tree)] = &[{}];\n}}",
            files.join(", ")
        )?;
    }
    let mut out =
        String::from("// Written by core/build.rs from core/content/: not to be edited.\n");
    array(&mut out, "NODES", "Node", &flat.nodes)?;
    array(&mut out, "NUMBERS", "Number", &flat.numbers)?;
    writeln!(
        out,
        "static DOC: crate::content::tree::Doc = crate::content::tree::Doc {{ nodes: &NODES, \
         text: {:?}, numbers: &NUMBERS }};",
        flat.text
    )?;
    out.push_str(&modules);
    fs::write(Path::new(&env::var("OUT_DIR")?).join("content.rs"), out)?;
    Ok(())
}

/// `static NAME: [crate::content::node::TY; n] = [...]`, each item written as its `Debug`
/// form (`Str(0, 5)`), which is the Rust of a `node` variant.
fn array<T: std::fmt::Debug>(
    out: &mut String,
    name: &str,
    ty: &str,
    items: &[T],
) -> std::fmt::Result {
    writeln!(
        out,
        "static {name}: [crate::content::node::{ty}; {}] = [",
        items.len()
    )?;
    for item in items {
        writeln!(out, "    crate::content::node::{ty}::{item:?},")?;
    }
    writeln!(out, "];")
}

/// The entries of `dir` that `keep` accepts, by name, so the output is the same on every
/// machine.
fn sorted(dir: &Path, keep: impl Fn(&Path) -> bool) -> Result<Vec<PathBuf>, Box<dyn Error>> {
    let mut out = Vec::new();
    for entry in fs::read_dir(dir)? {
        let path = entry?.path();
        if keep(&path) {
            out.push(path);
        }
    }
    out.sort();
    Ok(out)
}

fn file_name(p: &Path) -> Result<&str, Box<dyn Error>> {
    p.file_name()
        .and_then(|n| n.to_str())
        .ok_or_else(|| format!("{} has no name in UTF-8", p.display()).into())
}

/// `name` as a Rust identifier: `en-GB` as `en_GB`; refused if it would not be one.
fn identifier(name: &str) -> Result<String, Box<dyn Error>> {
    let id = name.replace('-', "_");
    let starts_well = id.starts_with(|c: char| c.is_ascii_alphabetic());
    if starts_well && id.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
        Ok(id)
    } else {
        Err(format!("{name:?} cannot name a content module or constant").into())
    }
}

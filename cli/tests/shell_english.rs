//! Shells hold no English of their own: every user-facing word comes from core content.
//!
//! Scans the terminal shell's sources (and any Android / iOS shell sources) for string
//! literals with words in them, and fails on each one whose text is not in
//! `core/content/en-GB/*.json` and not on the small allow-list below. Comments and test
//! modules are not scanned; format strings with no words (`"  {:>2}. {}"`) pass.

use std::path::{Path, PathBuf};

/// Literals that may stay, each with its reason.
const ALLOWED: &[(&str, &str)] = &[
    // Command lines the person can type: the program's own syntax, not prose.
    ("companion help-now", "a command line"),
    ("companion drafts resume {}", "a command line"),
    ("companion walk {} --subject {}", "a command line"),
    ("companion walk {}", "a command line"),
    ("companion week", "a command line"),
    ("companion report", "a command line"),
    ("  → companion drafts resume NUMBER", "a command line"),
    // The program's name before its one line on stderr, as command-line tools write it.
    ("companion: {}", "the program's name"),
    // clap's own prefix, cut off the front of its message: matched, never shown.
    ("error: ", "clap's prefix"),
];

/// Files of `cli/src` that are not scanned, each with its reason.
const NOT_SHELL: &[(&str, &str)] = &[(
    "args.rs",
    "clap's --help documentation: the doc comments and attributes clap prints for --help",
)];

/// Shell files not yet moved to core wording, with why. The test also fails when one of
/// them holds no English any more, so the list can only shrink.
const PENDING: &[(&str, &str)] = &[];

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// Every string in the core's content files.
fn content() -> Vec<String> {
    fn strings(v: &serde_json::Value, out: &mut Vec<String>) {
        match v {
            serde_json::Value::String(s) => out.push(s.clone()),
            serde_json::Value::Array(a) => a.iter().for_each(|x| strings(x, out)),
            serde_json::Value::Object(o) => o.values().for_each(|x| strings(x, out)),
            _ => {}
        }
    }
    let mut out = vec![];
    let dir = root().join("core/content/en-GB");
    for e in std::fs::read_dir(&dir).unwrap().flatten() {
        let text = std::fs::read_to_string(e.path()).unwrap();
        strings(&serde_json::from_str(&text).unwrap(), &mut out);
    }
    out
}

/// The string literals of `src` (Rust, Kotlin or Swift), outside comments, raw as written.
fn literals(src: &str) -> Vec<String> {
    // Rust test modules hold test data, not what a person sees.
    let src = src.split("#[cfg(test)]").next().unwrap_or(src);
    let b: Vec<char> = src.chars().collect();
    let mut out = vec![];
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        let next = b.get(i + 1).copied();
        if c == '/' && next == Some('/') {
            while i < b.len() && b[i] != '\n' {
                i += 1;
            }
        } else if c == '/' && next == Some('*') {
            i += 2;
            while i + 1 < b.len() && !(b[i] == '*' && b[i + 1] == '/') {
                i += 1;
            }
            i += 2;
        } else if c == '\'' {
            // A char literal ('x', '\n') is skipped; a lifetime ('a) is not a literal.
            if next == Some('\\') {
                i += 2;
                while i < b.len() && b[i] != '\'' {
                    i += 1;
                }
                i += 1;
            } else if b.get(i + 2) == Some(&'\'') {
                i += 3;
            } else {
                i += 1;
            }
        } else if c == 'r'
            && (next == Some('"') || next == Some('#'))
            && !b
                .get(i.wrapping_sub(1))
                .is_some_and(|p| p.is_alphanumeric() || *p == '_')
        {
            // Raw string r"..." or r#"..."#.
            let mut j = i + 1;
            let mut hashes = 0;
            while b.get(j) == Some(&'#') {
                hashes += 1;
                j += 1;
            }
            if b.get(j) != Some(&'"') {
                i += 1;
                continue;
            }
            let close: String = std::iter::once('"')
                .chain(std::iter::repeat('#').take(hashes))
                .collect();
            let rest: String = b[j + 1..].iter().collect();
            let end = rest.find(&close).unwrap_or(rest.len());
            out.push(rest[..end].to_string());
            i = j + 1 + rest[..end].chars().count() + close.chars().count();
        } else if c == '"' {
            let triple = next == Some('"') && b.get(i + 2) == Some(&'"');
            let mut j = if triple { i + 3 } else { i + 1 };
            let mut s = String::new();
            while j < b.len() {
                if b[j] == '\\' {
                    s.push(b[j]);
                    if let Some(&e) = b.get(j + 1) {
                        s.push(e);
                    }
                    j += 2;
                    continue;
                }
                if b[j] == '"'
                    && (!triple || (b.get(j + 1) == Some(&'"') && b.get(j + 2) == Some(&'"')))
                {
                    break;
                }
                s.push(b[j]);
                j += 1;
            }
            out.push(s);
            i = j + if triple { 3 } else { 1 };
        } else {
            i += 1;
        }
    }
    out
}

/// The literal as a template: escapes and placeholders (`{name}`, `{:>2}`, `${x}`, `$x`,
/// `\(x)`) become `{}`.
fn template(lit: &str) -> String {
    let mut out = String::new();
    let b: Vec<char> = lit.chars().collect();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            '\\' if b.get(i + 1) == Some(&'(') => {
                let mut depth = 0;
                i += 1;
                while i < b.len() {
                    if b[i] == '(' {
                        depth += 1;
                    } else if b[i] == ')' {
                        depth -= 1;
                        if depth == 0 {
                            break;
                        }
                    }
                    i += 1;
                }
                out.push_str("{}");
            }
            '\\' if b.get(i + 1) == Some(&'u') => {
                while i < b.len() && b[i] != '}' {
                    i += 1;
                }
                out.push(' ');
            }
            '\\' => {
                i += 1;
                out.push(' ');
            }
            '{' if b.get(i + 1) == Some(&'{') => {
                out.push('{');
                i += 1;
            }
            '{' | '$' => {
                let braced = b[i] == '{' || b.get(i + 1) == Some(&'{');
                if braced {
                    while i < b.len() && b[i] != '}' {
                        i += 1;
                    }
                } else {
                    while i + 1 < b.len() && (b[i + 1].is_alphanumeric() || b[i + 1] == '_') {
                        i += 1;
                    }
                }
                out.push_str("{}");
            }
            c => out.push(c),
        }
        i += 1;
    }
    out
}

fn has_words(t: &str) -> bool {
    t.replace("{}", " ")
        .split(|c: char| !c.is_alphabetic())
        .any(|w| w.chars().count() >= 2)
}

/// A key, tag or file name (`summary-save`, `home-tool-{}`, `companion.db`): lower case, no
/// spaces. Shells name their test tags and settings this way; no person reads them.
/// Also one camel-case or punctuated token (`openSafetyPlan`, `HH:mm`, `en_US_POSIX`): a
/// name, a format or a locale. A lone capitalised word (`Save`) is still English.
fn is_key(t: &str) -> bool {
    if t.is_empty() || t.chars().any(char::is_whitespace) {
        return false;
    }
    let lower_only = t
        .chars()
        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "-_./{}:".contains(c));
    let punctuated = t.chars().any(|c| "-_./{}:".contains(c));
    let camel = t.chars().skip(1).any(|c| c.is_ascii_uppercase());
    lower_only || punctuated || camel
}

/// The literals of `src` that hold English not in `content` and not allowed.
fn english(src: &str, content: &[String]) -> Vec<String> {
    literals(src)
        .into_iter()
        .map(|l| template(&l))
        .filter(|t| has_words(t) && !is_key(t))
        .filter(|t| !ALLOWED.iter().any(|(a, _)| a == t))
        .filter(|t| {
            let core = t.trim();
            !content.iter().any(|c| c.contains(core))
        })
        .collect()
}

/// The shell sources: every file of the terminal shell but those on `NOT_SHELL`, and any
/// mobile shell files.
fn shell_files() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(root().join("cli/src"))
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "rs"))
        .filter(|p| {
            let name = p.file_name().unwrap().to_string_lossy();
            !NOT_SHELL.iter().any(|(f, _)| *f == name)
        })
        .collect();
    files.sort();
    fn walk(dir: &Path, ext: &str, out: &mut Vec<PathBuf>) {
        let Ok(rd) = std::fs::read_dir(dir) else {
            return;
        };
        for e in rd.flatten() {
            let p = e.path();
            // Tests type what a person would (their test data is English) and the Swift
            // checker's fixtures plant English on purpose: neither is shell code.
            let skip = ["build", "test", "Tests", "fixtures", "target"];
            if p.is_dir() && !skip.iter().any(|s| p.ends_with(s)) {
                walk(&p, ext, out);
            } else if p.extension().is_some_and(|x| x == ext) && !p.ends_with("Package.swift") {
                out.push(p);
            }
        }
    }
    walk(&root().join("android"), "kt", &mut files);
    walk(&root().join("ios"), "swift", &mut files);
    files
}

fn relative(p: &Path) -> String {
    let r = p.strip_prefix(root()).unwrap_or(p).display().to_string();
    r.replace('\\', "/")
}

#[test]
fn shell_sources_hold_no_english_of_their_own() {
    let content = content();
    let mut failures = vec![];
    for f in shell_files() {
        let name = relative(&f);
        let found = english(&std::fs::read_to_string(&f).unwrap(), &content);
        let pending = PENDING.iter().any(|(p, _)| *p == name);
        if pending && found.is_empty() {
            failures.push(format!(
                "{name}: holds no English any more; take it off PENDING"
            ));
        } else if !pending {
            failures.extend(found.into_iter().map(|t| format!("{name}: {t:?}")));
        }
    }
    assert!(
        failures.is_empty(),
        "English in shell sources:\n{}",
        failures.join("\n")
    );
}

#[test]
fn the_check_catches_a_planted_literal_and_lets_the_rest_through() {
    let content = content();
    let menu = std::fs::read_to_string(root().join("cli/src/menu.rs")).unwrap();
    assert_eq!(english(&menu, &content), Vec::<String>::new());
    let planted = format!(
        "{menu}\nfn planted() -> String {{ format!(\"Press the red button, {{}}\", 1) }}\n"
    );
    assert_eq!(english(&planted, &content), ["Press the red button, {}"]);
    // Kotlin and Swift: templates are read as placeholders, words still caught.
    assert_eq!(
        english(
            "val s = \"Saved for later: ${name}\" // Plain comment",
            &content
        ),
        ["Saved for later: {}"]
    );
    assert_eq!(
        english("let s = \"Try again \\(count) times\"", &content),
        ["Try again {} times"]
    );
    // Comments, format strings without words, keys and content wording pass.
    let fine = "// Say hello\n/* Block of prose */ let a = \"  {:>2}. {}\"; let k = \"h\"; let c = '\"'; let s = \"Saved.\";";
    assert_eq!(english(fine, &content), Vec::<String>::new());
}

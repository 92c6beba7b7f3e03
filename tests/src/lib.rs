//! # Shared scenarios, Rust side
//!
//! `tests/scenarios/*.json` hold one set of scenarios that this runner and the Kotlin runner
//! (`bindings/kotlin/src/test/kotlin/.../ScenarioTest.kt`) both execute, so the core and the
//! generated bindings are held to identical behaviour. `tests/scenarios/README.md` defines
//! the format; in short, a scenario is a list of steps:
//!
//! ```json
//! {"call": "start_flow", "args": {"tool": "phq9"},
//!  "expect": {"state": "next", "step": {"step_id": "item-1"}},
//!  "capture": {"flow": "step.flow_id"}}
//! ```
//!
//! `call` names an exported core call (a `WellbeingStore` method, constructor or free function);
//! `args` are its parameters by name, in the core's serde JSON form; `expect` is matched as a
//! subset of the result's JSON, `expect_error` against the public error; `capture` keeps a
//! value for later steps as `$name`. The call table is generated from the core's source by
//! `build.rs`, so a new core method needs no code here.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use companion_core::*;
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

include!(concat!(env!("OUT_DIR"), "/calls.rs"));

/// A call's named arguments.
pub struct Args(Map<String, Value>);

impl Args {
    /// The argument `name` decoded as `T`; a missing argument reads as `null` (so optional
    /// parameters may be left out).
    pub fn get<T: DeserializeOwned>(&self, name: &str) -> Result<T, String> {
        let v = self
            .0
            .iter()
            .find(|(k, _)| norm_key(k) == norm_key(name))
            .map(|(_, v)| v.clone())
            .unwrap_or(Value::Null);
        serde_json::from_value(v).map_err(|e| format!("argument `{name}`: {e}"))
    }
}

/// What a call gave back.
pub enum Outcome {
    Value(Value),
    Error(WellbeingError),
    BadArgs(String),
}

impl Outcome {
    pub fn value<T: serde::Serialize>(v: &T) -> Outcome {
        match serde_json::to_value(v) {
            Ok(v) => Outcome::Value(v),
            Err(e) => Outcome::BadArgs(format!("result could not be encoded: {e}")),
        }
    }
}

/// A scenario file.
#[derive(Debug, Clone)]
pub struct Scenario {
    pub file: PathBuf,
    pub name: String,
    pub steps: Vec<Value>,
    pub raw: Value,
}

impl Scenario {
    pub fn load(file: &Path) -> Result<Scenario, String> {
        let text = std::fs::read_to_string(file).map_err(|e| format!("{}: {e}", file.display()))?;
        let raw: Value =
            serde_json::from_str(&text).map_err(|e| format!("{}: {e}", file.display()))?;
        let name = raw
            .get("name")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string();
        let steps = raw
            .get("steps")
            .and_then(Value::as_array)
            .cloned()
            .ok_or_else(|| format!("{}: no `steps` list", file.display()))?;
        Ok(Scenario {
            file: file.to_path_buf(),
            name,
            steps,
            raw,
        })
    }
}

/// Every scenario file, sorted by name.
pub fn scenario_files() -> Vec<PathBuf> {
    let dir = scenarios_dir();
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    files
}

pub fn scenarios_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("scenarios")
}

/// Runs one scenario in a fresh temporary directory (`$dir`). Returns the first failure.
pub fn run(s: &Scenario) -> Result<(), String> {
    let dir = tempfile::tempdir().map_err(|e| e.to_string())?;
    let mut vars: BTreeMap<String, Value> = BTreeMap::new();
    vars.insert(
        "dir".into(),
        Value::String(dir.path().display().to_string()),
    );
    let mut current: Option<Arc<WellbeingStore>> = None;
    for (i, step) in s.steps.iter().enumerate() {
        let step = substitute(step, &vars);
        let repeat = step.get("repeat").and_then(Value::as_u64).unwrap_or(1);
        for _ in 0..repeat {
            run_step(&step, &mut current, &mut vars)
                .map_err(|e| format!("{} step {} ({}): {e}", s.name, i + 1, describe(&step)))?;
        }
    }
    Ok(())
}

fn describe(step: &Value) -> String {
    for k in ["call", "write_file", "mkdir", "sql", "close"] {
        if let Some(v) = step.get(k) {
            return match v {
                Value::String(s) if k == "call" => s.clone(),
                _ => k.to_string(),
            };
        }
    }
    "?".into()
}

fn run_step(
    step: &Value,
    current: &mut Option<Arc<WellbeingStore>>,
    vars: &mut BTreeMap<String, Value>,
) -> Result<(), String> {
    if let Some(w) = step.get("write_file") {
        let path = str_field(w, "path")?;
        std::fs::write(path, str_field(w, "text")?).map_err(|e| e.to_string())?;
        return Ok(());
    }
    if let Some(p) = step.get("mkdir") {
        std::fs::create_dir_all(p.as_str().unwrap_or_default()).map_err(|e| e.to_string())?;
        return Ok(());
    }
    if let Some(q) = step.get("sql") {
        let conn = rusqlite::Connection::open(str_field(q, "path")?).map_err(|e| e.to_string())?;
        for st in q
            .get("statements")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            conn.execute_batch(st.as_str().unwrap_or_default())
                .map_err(|e| e.to_string())?;
        }
        return Ok(());
    }
    if step.get("close").is_some() {
        *current = None;
        return Ok(());
    }
    let name = step
        .get("call")
        .and_then(Value::as_str)
        .ok_or("a step needs `call` (or write_file, mkdir, sql, close)")?;
    let args = Args(
        step.get("args")
            .and_then(Value::as_object)
            .cloned()
            .unwrap_or_default(),
    );
    let outcome = if let Some(r) = call_constructor(name, &args) {
        match r {
            Ok(c) => {
                *current = Some(c);
                Outcome::Value(Value::Null)
            }
            Err(o) => o,
        }
    } else if let Some(o) = call_function(name, &args) {
        o
    } else {
        let c = current.as_ref().ok_or("no store is open: open one first")?;
        call_method(c, name, &args).ok_or_else(|| format!("unknown call `{name}`"))?
    };
    match outcome {
        Outcome::BadArgs(e) => Err(e),
        Outcome::Error(e) => match step.get("expect_error") {
            Some(want) => {
                let got = serde_json::to_value(&e).map_err(|e| e.to_string())?;
                matches(want, &got, "error")
            }
            None => Err(format!("unexpected error {e:?}")),
        },
        Outcome::Value(v) => {
            if step.get("expect_error").is_some() {
                return Err(format!("expected an error, got {v}"));
            }
            let v = match step.get("find") {
                Some(f) => find(f, &v)?,
                None => v,
            };
            if let Some(want) = step.get("expect") {
                matches(want, &v, "result")?;
            }
            if let Some(caps) = step.get("capture").and_then(Value::as_object) {
                for (var, path) in caps {
                    let p = path.as_str().unwrap_or_default();
                    let got = lookup(&v, p).ok_or_else(|| format!("capture: no `{p}` in {v}"))?;
                    vars.insert(var.clone(), got.clone());
                }
            }
            Ok(())
        }
    }
}

fn str_field<'a>(v: &'a Value, k: &str) -> Result<&'a str, String> {
    v.get(k)
        .and_then(Value::as_str)
        .ok_or_else(|| format!("`{k}` is required"))
}

/// Keys compare without case or underscores: Kotlin's `itemNine` and Rust's `item_nine`
/// are the same field.
pub fn norm_key(k: &str) -> String {
    k.chars()
        .filter(|c| *c != '_' && *c != '-')
        .flat_map(char::to_lowercase)
        .collect()
}

/// The value at a dotted path (`step.flow_id`, `items.0.value`).
pub fn lookup<'a>(v: &'a Value, path: &str) -> Option<&'a Value> {
    let mut cur = v;
    for part in path.split('.').filter(|p| !p.is_empty()) {
        cur = match cur {
            Value::Object(m) => m
                .iter()
                .find(|(k, _)| norm_key(k) == norm_key(part))
                .map(|(_, v)| v)?,
            Value::Array(a) => a.get(part.parse::<usize>().ok()?)?,
            _ => return None,
        };
    }
    Some(cur)
}

/// Every value at a dotted path where `*` stands for each element of a list (or value of an
/// object): `sections.*.entries.*` is every entry of every section.
pub fn lookup_all<'a>(v: &'a Value, path: &str) -> Vec<&'a Value> {
    let mut cur = vec![v];
    for part in path.split('.').filter(|p| !p.is_empty()) {
        cur = cur
            .into_iter()
            .flat_map(|v| -> Vec<&Value> {
                match (part, v) {
                    ("*", Value::Array(a)) => a.iter().collect(),
                    ("*", Value::Object(m)) => m.values().collect(),
                    _ => lookup(v, part).into_iter().collect(),
                }
            })
            .collect();
    }
    cur
}

/// A step's `find`: `{"in": "sections.*.entries.*", "where": <expectation>}` narrows the
/// result to the first value at `in` that matches `where` (a shell finding a menu entry by
/// its action, never by its label). `expect` and `capture` then apply to it.
fn find(f: &Value, v: &Value) -> Result<Value, String> {
    let path = str_field(f, "in")?;
    let want = f.get("where").ok_or("`find` needs `where`")?;
    lookup_all(v, path)
        .into_iter()
        .find(|c| matches(want, c, "find").is_ok())
        .cloned()
        .ok_or_else(|| format!("find: nothing at `{path}` matches {want} in {v}"))
}

/// Replaces `$name` in strings: a string that is exactly `$name` takes the variable's value
/// (of any type), otherwise the variable's text is spliced in.
pub fn substitute(v: &Value, vars: &BTreeMap<String, Value>) -> Value {
    match v {
        Value::String(s) => {
            if let Some(name) = s.strip_prefix('$') {
                if let Some(val) = vars.get(name) {
                    return val.clone();
                }
            }
            let mut out = s.clone();
            // Longest names first, so `$flow2` is not read as `$flow` + "2".
            let mut names: Vec<&String> = vars.keys().collect();
            names.sort_by_key(|n| std::cmp::Reverse(n.len()));
            for n in names {
                let text = match &vars[n] {
                    Value::String(t) => t.clone(),
                    other => other.to_string(),
                };
                out = out.replace(&format!("${n}"), &text);
            }
            Value::String(out)
        }
        Value::Array(a) => Value::Array(a.iter().map(|x| substitute(x, vars)).collect()),
        Value::Object(m) => Value::Object(
            m.iter()
                .map(|(k, x)| (k.clone(), substitute(x, vars)))
                .collect(),
        ),
        other => other.clone(),
    }
}

/// Subset match: every key in `want` must match in `got`; arrays match element by element
/// with equal length; numbers compare as numbers. Matchers (an object with one `$` key):
/// `{"$len": n}`, `{"$contains": "text"}`, `{"$includes": [..]}` (each listed element matches
/// some element), `{"$not_null": true}`, `{"$absent_or_null": true}`, `{"$approx": x}`,
/// `{"$gte": x}`, `{"$lte": x}`.
pub fn matches(want: &Value, got: &Value, at: &str) -> Result<(), String> {
    let fail = |why: String| Err(format!("at {at}: {why}"));
    if let Value::Object(m) = want {
        if m.len() == 1 {
            let (k, arg) = m.iter().next().expect("one entry");
            if k.starts_with('$') {
                return matcher(k, arg, got, at);
            }
        }
    }
    match (want, got) {
        (Value::Object(w), Value::Object(g)) => {
            for (k, wv) in w {
                let gv = g
                    .iter()
                    .find(|(gk, _)| norm_key(gk) == norm_key(k))
                    .map(|(_, v)| v);
                match gv {
                    Some(gv) => matches(wv, gv, &format!("{at}.{k}"))?,
                    None if wv.is_null() => {}
                    None => return fail(format!("missing `{k}` in {got}")),
                }
            }
            Ok(())
        }
        (Value::Array(w), Value::Array(g)) => {
            if w.len() != g.len() {
                return fail(format!(
                    "expected {} elements, got {}: {got}",
                    w.len(),
                    g.len()
                ));
            }
            for (i, (wv, gv)) in w.iter().zip(g).enumerate() {
                matches(wv, gv, &format!("{at}[{i}]"))?;
            }
            Ok(())
        }
        (Value::Number(w), Value::Number(g)) => {
            if w.as_f64() == g.as_f64() {
                Ok(())
            } else {
                fail(format!("expected {w}, got {g}"))
            }
        }
        (w, g) if w == g => Ok(()),
        (w, g) => fail(format!("expected {w}, got {g}")),
    }
}

fn matcher(k: &str, arg: &Value, got: &Value, at: &str) -> Result<(), String> {
    let fail = |why: String| Err(format!("at {at}: {why}"));
    let num = |v: &Value| v.as_f64();
    match k {
        "$len" => {
            let n = match got {
                Value::Array(a) => a.len(),
                Value::String(s) => s.chars().count(),
                Value::Object(o) => o.len(),
                _ => return fail(format!("$len of {got}")),
            };
            if Some(n as u64) == arg.as_u64() {
                Ok(())
            } else {
                fail(format!("expected length {arg}, got {n}: {got}"))
            }
        }
        "$contains" => match (got.as_str(), arg.as_str()) {
            (Some(g), Some(a)) if g.contains(a) => Ok(()),
            _ => fail(format!("expected text containing {arg}, got {got}")),
        },
        "$includes" => {
            let (Some(w), Some(g)) = (arg.as_array(), got.as_array()) else {
                return fail(format!("$includes needs lists, got {got}"));
            };
            for wv in w {
                if !g.iter().any(|gv| matches(wv, gv, at).is_ok()) {
                    return fail(format!("no element matches {wv} in {got}"));
                }
            }
            Ok(())
        }
        "$not_null" => {
            if got.is_null() {
                fail("expected a value, got null".into())
            } else {
                Ok(())
            }
        }
        "$absent_or_null" => {
            if got.is_null() {
                Ok(())
            } else {
                fail(format!("expected null, got {got}"))
            }
        }
        "$approx" => match (num(arg), num(got)) {
            (Some(a), Some(g)) if (a - g).abs() <= 1e-6 * a.abs().max(1.0) => Ok(()),
            _ => fail(format!("expected about {arg}, got {got}")),
        },
        "$gte" => match (num(arg), num(got)) {
            (Some(a), Some(g)) if g >= a => Ok(()),
            _ => fail(format!("expected >= {arg}, got {got}")),
        },
        "$lte" => match (num(arg), num(got)) {
            (Some(a), Some(g)) if g <= a => Ok(()),
            _ => fail(format!("expected <= {arg}, got {got}")),
        },
        other => fail(format!("unknown matcher {other}")),
    }
}

/// A valid answer for any step, chosen without knowing the tool: the middle of a scale, the
/// first allowed choices, a short text, a one-item list, continue past information. Used to
/// walk every tool (present and future) from start to summary in both languages.
pub fn generic_answer(step: &Step) -> Answer {
    match &step.input {
        InputKind::Scale { min, max, .. } => Answer::Scale {
            value: min + (max - min) / 2,
        },
        InputKind::Choice {
            choices,
            multiple,
            min_selected,
            ..
        } => {
            let n = if *multiple { (*min_selected).max(1) } else { 1 } as usize;
            Answer::Choices {
                ids: choices.iter().take(n).map(|c| c.id.clone()).collect(),
            }
        }
        InputKind::Text { .. } => Answer::Text {
            text: "A short note".into(),
        },
        InputKind::TextList { .. } => Answer::TextList {
            items: vec!["One thing".into()],
        },
        InputKind::Info => Answer::Continue,
    }
}

/// Walks `tool` with [`generic_answer`] until its summary; returns the steps seen and the
/// summary. Tools that need a subject are given `subject_id`.
pub fn walk(
    c: &WellbeingStore,
    tool: ToolId,
    subject_id: Option<String>,
) -> Result<(Vec<Step>, FlowSummary), WellbeingError> {
    let mut progress = c.start_flow(tool, subject_id)?;
    let mut steps = vec![];
    for _ in 0..200 {
        match progress {
            FlowProgress::Next { step } => {
                let answer = generic_answer(&step);
                let flow = step.flow_id.clone();
                steps.push(step);
                progress = c.answer_flow(flow, answer)?;
            }
            FlowProgress::Complete { summary } => return Ok((steps, summary)),
        }
    }
    Err(WellbeingError::OutOfOrder {
        reason: format!("{tool}: no summary after 200 steps"),
    })
}

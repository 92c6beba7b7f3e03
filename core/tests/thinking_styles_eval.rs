//! How right the thinking-style suggestions are, measured on a labelled set of thoughts
//! (`tests/data/thinking_styles_eval.tsv`, labelling rules in `tests/data/README.md`).
//!
//! Prints per-style precision and recall, recall of each labelled style within the first three
//! suggestions, and how often a plain thought gets any suggestion at all, for the whole set, the
//! part the rules were tuned on, the held-out fifth, and a fresh check
//! (`tests/data/thinking_styles_fresh.tsv`) written after the rules were frozen. The floors below sit just under the
//! figures reached, so a change to the rules that makes them worse fails here rather than
//! quietly. See the figures: `cargo test -p companion-core --test thinking_styles_eval --
//! --nocapture`.

use std::collections::BTreeMap;

use companion_core::{suggest_thinking_styles, thinking_styles};

const SET: &str = include_str!("data/thinking_styles_eval.tsv");
const FRESH: &str = include_str!("data/thinking_styles_fresh.tsv");

/// Floors (and ceilings for false alarms), a little under what the rules reach; the figures
/// reached are in README.md.
const FLOOR_RECALL_AT_3: f64 = 0.97;
const FLOOR_HELD_OUT_RECALL_AT_3: f64 = 0.95;
const CEILING_FALSE_ALARMS: f64 = 0.03;
const CEILING_HELD_OUT_FALSE_ALARMS: f64 = 0.05;
const FLOOR_FRESH_RECALL_AT_3: f64 = 0.95;
const CEILING_FRESH_FALSE_ALARMS: f64 = 0.05;
/// Every style, on the whole set.
const FLOOR_STYLE_PRECISION: f64 = 0.80;
const FLOOR_STYLE_RECALL: f64 = 0.95;

struct Thought {
    line: usize,
    text: String,
    styles: Vec<String>,
    held_out: bool,
}

/// A set, in file order; every fifth thought line is held out.
fn load(set: &str) -> Vec<Thought> {
    let mut out = vec![];
    for (i, raw) in set.lines().enumerate() {
        if raw.trim().is_empty() || raw.starts_with('#') {
            continue;
        }
        let (labels, text) = raw
            .split_once('\t')
            .unwrap_or_else(|| panic!("line {}: no tab", i + 1));
        let styles = match labels.trim() {
            "-" => vec![],
            l => l.split(',').map(|s| s.trim().to_string()).collect(),
        };
        let n = out.len() + 1;
        out.push(Thought {
            line: i + 1,
            text: text.trim().to_string(),
            styles,
            held_out: n % 5 == 0,
        });
    }
    out
}

#[derive(Default, Clone, Copy)]
struct Counts {
    tp: u32,
    fp: u32,
    fn_: u32,
}

fn ratio(a: u32, b: u32) -> Option<f64> {
    (b > 0).then(|| a as f64 / b as f64)
}

fn pct(x: Option<f64>) -> String {
    x.map_or("   n/a".into(), |x| format!("{:5.1}%", 100.0 * x))
}

struct Figures {
    thoughts: usize,
    plain: u32,
    false_alarms: u32,
    labelled: u32,
    in_top3: u32,
    /// Thoughts with a label where at least one labelled style is in the first three.
    labelled_thoughts: u32,
    any_in_top3: u32,
    per_style: BTreeMap<String, Counts>,
    misses: Vec<String>,
}

impl Figures {
    fn recall_at_3(&self) -> f64 {
        ratio(self.in_top3, self.labelled).unwrap_or(0.0)
    }
    fn false_alarm_rate(&self) -> f64 {
        ratio(self.false_alarms, self.plain).unwrap_or(0.0)
    }
}

fn measure<'a>(set: impl Iterator<Item = &'a Thought>, ids: &[String]) -> Figures {
    let mut f = Figures {
        thoughts: 0,
        plain: 0,
        false_alarms: 0,
        labelled: 0,
        in_top3: 0,
        labelled_thoughts: 0,
        any_in_top3: 0,
        per_style: ids.iter().map(|i| (i.clone(), Counts::default())).collect(),
        misses: vec![],
    };
    for t in set {
        f.thoughts += 1;
        let got: Vec<String> = suggest_thinking_styles(t.text.clone())
            .into_iter()
            .map(|s| s.style_id)
            .collect();
        let top3 = &got[..got.len().min(3)];
        if t.styles.is_empty() {
            f.plain += 1;
            if !got.is_empty() {
                f.false_alarms += 1;
            }
        } else {
            f.labelled_thoughts += 1;
            if t.styles.iter().any(|s| top3.contains(s)) {
                f.any_in_top3 += 1;
            }
        }
        for s in &t.styles {
            f.labelled += 1;
            if top3.contains(s) {
                f.in_top3 += 1;
            }
        }
        for (id, c) in f.per_style.iter_mut() {
            match (t.styles.contains(id), got.contains(id)) {
                (true, true) => c.tp += 1,
                (false, true) => c.fp += 1,
                (true, false) => c.fn_ += 1,
                (false, false) => {}
            }
        }
        let wrong =
            t.styles.iter().any(|s| !top3.contains(s)) || got.iter().any(|s| !t.styles.contains(s));
        if wrong {
            f.misses.push(format!(
                "  line {:3}: {:?}\n            want {:?}, got {:?}",
                t.line, t.text, t.styles, got
            ));
        }
    }
    f
}

fn print(name: &str, f: &Figures) {
    println!(
        "\n== {name}: {} thoughts ({} plain, {} labelled styles)",
        f.thoughts, f.plain, f.labelled
    );
    println!(
        "recall of the labelled style within the first three: {} ({}/{})",
        pct(Some(f.recall_at_3())),
        f.in_top3,
        f.labelled
    );
    println!(
        "thoughts with at least one labelled style in the first three: {} ({}/{})",
        pct(ratio(f.any_in_top3, f.labelled_thoughts)),
        f.any_in_top3,
        f.labelled_thoughts
    );
    println!(
        "false alarms on plain thoughts: {} ({}/{})",
        pct(Some(f.false_alarm_rate())),
        f.false_alarms,
        f.plain
    );
    println!(
        "{:<28} {:>9} {:>9} {:>4} {:>4} {:>4}",
        "style", "precision", "recall", "tp", "fp", "fn"
    );
    for (id, c) in &f.per_style {
        println!(
            "{:<28} {:>9} {:>9} {:>4} {:>4} {:>4}",
            id,
            pct(ratio(c.tp, c.tp + c.fp)),
            pct(ratio(c.tp, c.tp + c.fn_)),
            c.tp,
            c.fp,
            c.fn_
        );
    }
}

#[test]
fn suggestions_measured_on_the_labelled_set_hold_their_floor() {
    let ids: Vec<String> = thinking_styles().into_iter().map(|s| s.id).collect();
    let set = load(SET);
    let fresh = load(FRESH);

    // The set itself: big enough, every label known, every style present in both parts.
    assert!(set.len() >= 250, "only {} thoughts", set.len());
    for t in set.iter().chain(&fresh) {
        for s in &t.styles {
            assert!(ids.contains(s), "line {}: unknown style {s:?}", t.line);
        }
    }
    for id in &ids {
        let n = |held: bool| {
            set.iter()
                .filter(|t| t.held_out == held && t.styles.contains(id))
                .count()
        };
        assert!(n(false) >= 8, "{id}: {} tuning thoughts", n(false));
        assert!(n(true) >= 2, "{id}: {} held-out thoughts", n(true));
    }
    let plain = set.iter().filter(|t| t.styles.is_empty()).count();
    assert!(plain * 3 >= set.len(), "only {plain} plain thoughts");

    let whole = measure(set.iter(), &ids);
    let tuning = measure(set.iter().filter(|t| !t.held_out), &ids);
    let held = measure(set.iter().filter(|t| t.held_out), &ids);
    print("whole set", &whole);
    print("tuning part (four fifths)", &tuning);
    print("held-out part (every fifth)", &held);
    let fresh = measure(fresh.iter(), &ids);
    print("fresh check (written after the rules were frozen)", &fresh);
    // Only the tuning part's misses are shown: the held-out part stays unseen.
    println!(
        "\n== tuning-part thoughts not fully right ({}):",
        tuning.misses.len()
    );
    for m in &tuning.misses {
        println!("{m}");
    }

    let floor = |name: &str, got: f64, floor: f64| {
        assert!(
            got >= floor,
            "{name}: {got:.3} fell below its floor {floor}"
        );
    };
    let ceiling = |name: &str, got: f64, ceiling: f64| {
        assert!(
            got <= ceiling,
            "{name}: {got:.3} rose above its ceiling {ceiling}"
        );
    };
    floor(
        "recall within three",
        whole.recall_at_3(),
        FLOOR_RECALL_AT_3,
    );
    floor(
        "held-out recall within three",
        held.recall_at_3(),
        FLOOR_HELD_OUT_RECALL_AT_3,
    );
    floor(
        "fresh recall within three",
        fresh.recall_at_3(),
        FLOOR_FRESH_RECALL_AT_3,
    );
    ceiling(
        "false alarms",
        whole.false_alarm_rate(),
        CEILING_FALSE_ALARMS,
    );
    ceiling(
        "held-out false alarms",
        held.false_alarm_rate(),
        CEILING_HELD_OUT_FALSE_ALARMS,
    );
    ceiling(
        "fresh false alarms",
        fresh.false_alarm_rate(),
        CEILING_FRESH_FALSE_ALARMS,
    );
    for (id, c) in &whole.per_style {
        let p = ratio(c.tp, c.tp + c.fp).unwrap_or(0.0);
        let r = ratio(c.tp, c.tp + c.fn_).unwrap_or(0.0);
        floor(&format!("{id} precision"), p, FLOOR_STYLE_PRECISION);
        floor(&format!("{id} recall"), r, FLOOR_STYLE_RECALL);
    }
}

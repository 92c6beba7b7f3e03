use super::*;
use crate::{CompanionError, FlowProgress, FlowSummary, Step};
use proptest::prelude::*;
use std::sync::Arc;

/// 2026-11-20 10:00 UTC, a Friday.
const FRI: i64 = 1_795_168_800_000;
const DAY: i64 = 86_400_000;

fn companion() -> Arc<Companion> {
    let c = Companion::open_in_memory().unwrap();
    c.set_fixed_time(FRI, 0).unwrap();
    c
}

fn ids(thought: &str) -> Vec<String> {
    suggest_thinking_styles(thought.into())
        .into_iter()
        .map(|s| s.style_id)
        .collect()
}

// ---- suggestions: the table ---------------------------------------------------------

/// Thoughts and the exact set of styles they should suggest (order checked elsewhere).
const TABLE: &[(&str, &[&str])] = &[
    // Nothing to suggest.
    ("I went for a walk and it was nice", &[]),
    ("I'm meeting Sam at six", &[]),
    ("I should be at the station by six", &[]),
    ("I must remember to buy milk", &[]),
    ("It should be fine, the forecast is good", &[]),
    ("They think the train is late", &[]),
    ("I feel tired so I went to bed early", &[]),
    ("I'm not a failure, I just had a bad day", &[]),
    ("It's not my fault the bus was late", &[]),
    ("", &[]),
    // Overgeneralising.
    ("Nothing ever works out for me", &["overgeneralising"]),
    ("I always get it wrong", &["overgeneralising"]),
    ("Nobody likes me", &["overgeneralising"]),
    // Should statements.
    ("I should be able to cope on my own", &["should-statements"]),
    ("I must not make mistakes", &["should-statements"]),
    ("I ought to be over this by now", &["should-statements"]),
    // What if: fortune telling and catastrophising.
    (
        "What if I forget my words?",
        &["fortune-telling", "catastrophising"],
    ),
    // Mind reading.
    ("They think I'm boring", &["mind-reading"]),
    (
        "She thinks I’m useless",
        &["mind-reading", "labelling", "critical-self"],
    ),
    ("He thought I was showing off", &["mind-reading"]),
    ("They must think I can't do my job", &["mind-reading"]),
    // Labelling and critical self.
    ("I'm a failure", &["labelling", "critical-self"]),
    ("Im such a loser", &["labelling", "critical-self"]),
    ("I am an idiot", &["labelling", "critical-self"]),
    ("I'm so stupid", &["labelling", "critical-self"]),
    ("I hate myself", &["critical-self"]),
    // Emotional reasoning.
    ("I feel anxious, so I'm in danger", &["emotional-reasoning"]),
    ("I feel like a fraud at work", &["emotional-reasoning"]),
    // Personalisation.
    ("It's my fault they're upset", &["personalisation"]),
    // Fortune telling.
    ("The interview will go badly", &["fortune-telling"]),
    ("I'll fail the test", &["fortune-telling"]),
    ("It's going to go wrong", &["fortune-telling"]),
    // Catastrophising.
    ("This is a disaster", &["catastrophising"]),
    ("The whole evening is ruined", &["catastrophising"]),
    (
        "If I'm late it will be the end of the world",
        &["catastrophising"],
    ),
    ("I can't cope with this", &["catastrophising"]),
    // Disqualifying the positive.
    (
        "They were only being polite",
        &["disqualifying-the-positive"],
    ),
    (
        "Passing doesn't count, it was just luck",
        &["disqualifying-the-positive"],
    ),
    // Compare and despair.
    (
        "Everyone else has their life sorted",
        &["compare-and-despair", "overgeneralising"],
    ),
    // All-or-nothing.
    ("If it isn't perfect, I've failed", &["all-or-nothing"]),
    ("The party was a complete failure", &["all-or-nothing"]),
    ("I totally messed it up", &["all-or-nothing"]),
    // Judgements.
    ("This place is hopeless", &["judgements"]),
    // Memories.
    ("This is happening again", &["memories"]),
    // Mental filter.
    (
        "All I can think about is the one bad comment",
        &["mental-filter"],
    ),
];

#[test]
fn suggestion_table() {
    let mut failures = vec![];
    for (thought, want) in TABLE {
        let mut got = ids(thought);
        got.sort();
        let mut want: Vec<String> = want.iter().map(|s| s.to_string()).collect();
        want.sort();
        if got != want {
            failures.push(format!("{thought:?}: got {got:?}, want {want:?}"));
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
    assert!(TABLE.len() >= 30);
}

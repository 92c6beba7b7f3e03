//! How long a thinking-style suggestion takes, on a long thought (500 characters) and a short
//! one. Suggestions run as the person types, so a long thought has to stay well under a
//! millisecond. Run: `cargo bench -p companion-core --bench thinking_styles`.

use std::hint::black_box;

use companion_core::suggest_thinking_styles;
use criterion::{criterion_group, criterion_main, Criterion};

/// A long, run-on thought with several styles in it and plenty of words that match nothing.
fn long_thought() -> String {
    let base = "I messed up the presentation at work today and I just know my manager thinks \
        I'm useless. Everyone else seemed so confident, and all I can think about is the one \
        slide I got wrong, even though a couple of people said it went well, they were only \
        being polite. If I don't get this promotion my life is over. I feel so anxious, \
        something bad must be about to happen, and I should be able to cope with this by now \
        without ringing my mum every evening. It's like school all over again, honestly. Ugh, again.";
    let t: String = base.chars().take(500).collect();
    assert_eq!(t.chars().count(), 500, "the thought is 500 characters");
    t
}

fn suggestions(c: &mut Criterion) {
    let long = long_thought();
    // Compile the rules once, outside the timing, as the first call in an app would.
    assert!(suggest_thinking_styles(long.clone()).len() >= 5);
    c.bench_function("suggest_thinking_styles/500_chars", |b| {
        b.iter(|| suggest_thinking_styles(black_box(long.clone())))
    });
    let short = "They didn't text back, they must hate me".to_string();
    c.bench_function("suggest_thinking_styles/short", |b| {
        b.iter(|| suggest_thinking_styles(black_box(short.clone())))
    });
}

criterion_group!(benches, suggestions);
criterion_main!(benches);

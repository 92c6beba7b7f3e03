//! Fuzzing the two doors data comes in by: backup import and handoff import, plain and
//! sealed with a passphrase. Each case takes a valid document or payload, damages it
//! (flipped, inserted, deleted, repeated or cut bytes; JSON values swapped for others of any
//! type), and imports it into a store that already holds entries. Whatever the input:
//!
//! - no panic;
//! - a refusal is a typed error a shell can word (`InvalidInput`, `NewerDatabase`,
//!   `WrongKey`, `KeyRequired`), and the store is exactly as it was (its whole backup
//!   document compared before and after);
//! - an accepted input leaves a store that still reads (home screen, export), and importing
//!   it again adds nothing.
//!
//! Case counts (the README quotes them): 1,000 plain backups, 150 sealed backups, 2,000 plain
//! handoff payloads, 150 sealed ones: 3,300 imports per run, each seeded by proptest (its
//! regressions file keeps any failure to replay).

use std::sync::{Arc, OnceLock};

use companion_core::{
    Answer, FlowProgress, FlowSummary, InputKind, ToolId, WellbeingError, WellbeingStore,
};
use proptest::prelude::*;

const PASS: &str = "fuzzing passphrase";
/// A fixed "now" for every store, so exports compare byte for byte.
const NOW_MS: i64 = 1_795_341_600_000;

struct Seeds {
    backup: String,
    sealed_backup: String,
    payload: String,
    sealed_payload: String,
}

fn walk(c: &WellbeingStore, tool: ToolId) -> FlowSummary {
    let mut p = c.start_flow(tool, None).unwrap();
    loop {
        match p {
            FlowProgress::Next { step } => {
                let a = match &step.input {
                    InputKind::Scale { min, max, .. } => Answer::Scale {
                        value: (min + max) / 2,
                    },
                    InputKind::Choice { choices, .. } => Answer::Choices {
                        ids: vec![choices[0].id.clone()],
                    },
                    InputKind::Text { .. } => Answer::Text {
                        text: format!("words for {}", step.step_id),
                    },
                    InputKind::TextList { .. } => Answer::TextList {
                        items: vec!["one".into(), "two".into()],
                    },
                    InputKind::Info => Answer::Continue,
                };
                p = c.answer_flow(step.flow_id, a).unwrap();
            }
            FlowProgress::Complete { summary } => return summary,
        }
    }
}

fn seeds() -> &'static Seeds {
    static S: OnceLock<Seeds> = OnceLock::new();
    S.get_or_init(|| {
        let c = WellbeingStore::open_in_memory().unwrap();
        c.set_fixed_time(NOW_MS, 0).unwrap();
        for t in [
            ToolId::Checkin,
            ToolId::Phq9,
            ToolId::FiveAreas,
            ToolId::ThoughtRecord,
        ] {
            let s = walk(&c, t);
            c.save_flow(s.flow_id).unwrap();
        }
        let talk = WellbeingStore::open_in_memory().unwrap();
        talk.set_fixed_time(NOW_MS, 0).unwrap();
        let summary = walk(&talk, ToolId::Gad7);
        let payload = talk.handoff_payload(summary.clone()).unwrap().text;
        let sealed_payload = talk
            .handoff_payload_sealed(summary, PASS.into())
            .unwrap()
            .text;
        c.import_handoff(payload.clone()).unwrap();
        Seeds {
            backup: c.export_backup().unwrap(),
            sealed_backup: c.export_sealed_backup(PASS.into()).unwrap(),
            payload,
            sealed_payload,
        }
    })
}

/// The store imported into: it already holds an entry of its own.
fn target() -> Arc<WellbeingStore> {
    let c = WellbeingStore::open_in_memory().unwrap();
    c.set_fixed_time(NOW_MS, 0).unwrap();
    c.scaling_check_in(5, Some("already here".into())).unwrap();
    c
}

struct Mix(u64);
impl Mix {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
}

/// Byte-level damage: flips, insertions, deletions, repeats, a cut.
fn damage_bytes(base: &str, m: &mut Mix, edits: usize) -> String {
    let mut b = base.as_bytes().to_vec();
    const ODD: &[u8] = b"{}[]\":,0-9eE.\\u\0 \n\xff";
    for _ in 0..edits {
        if b.is_empty() {
            break;
        }
        let at = m.below(b.len());
        match m.below(6) {
            0 => b[at] ^= 1 << m.below(8),
            1 => b.insert(at, ODD[m.below(ODD.len())]),
            2 => {
                let n = 1 + m.below(16).min(b.len() - at - 1);
                b.drain(at..at + n);
            }
            3 => {
                let n = 1 + m.below(32).min(b.len() - at - 1);
                let piece = b[at..at + n].to_vec();
                b.splice(at..at, piece);
            }
            4 => b.truncate(at),
            _ => b[at] = ODD[m.below(ODD.len())],
        }
    }
    String::from_utf8_lossy(&b).into_owned()
}

/// Structure-aware damage for JSON: a value somewhere is replaced by one of another type or
/// an extreme, a key is renamed, or an element removed.
fn damage_json(base: &str, m: &mut Mix, edits: usize) -> String {
    let Ok(mut v) = serde_json::from_str::<serde_json::Value>(base) else {
        return damage_bytes(base, m, edits);
    };
    for _ in 0..edits {
        // A path down from the top, chosen on the value as it is, then replaced there.
        let mut ptr = String::new();
        let mut at = &v;
        for _ in 0..1 + m.below(5) {
            let next = match at {
                serde_json::Value::Object(o) if !o.is_empty() => {
                    let k = o.keys().nth(m.below(o.len())).unwrap().clone();
                    ptr.push('/');
                    ptr.push_str(&k.replace('~', "~0").replace('/', "~1"));
                    o.get(&k)
                }
                serde_json::Value::Array(a) if !a.is_empty() => {
                    let i = m.below(a.len());
                    ptr.push_str(&format!("/{i}"));
                    a.get(i)
                }
                _ => None,
            };
            match next {
                Some(n) => at = n,
                None => break,
            }
        }
        let Some(at) = v.pointer_mut(&ptr) else {
            continue;
        };
        *at = match m.below(9) {
            0 => serde_json::Value::Null,
            1 => serde_json::json!(i64::MAX),
            2 => serde_json::json!(-1),
            3 => serde_json::json!(1e308),
            4 => serde_json::json!("x".repeat(m.below(3000))),
            5 => serde_json::json!([]),
            6 => serde_json::json!({"unknown": 1}),
            7 => serde_json::json!(true),
            _ => serde_json::json!("2026-13-45"),
        };
    }
    v.to_string()
}

fn refusal_is_typed(e: &WellbeingError) -> bool {
    matches!(
        e,
        WellbeingError::InvalidInput { .. }
            | WellbeingError::NewerDatabase { .. }
            | WellbeingError::WrongKey
            | WellbeingError::KeyRequired
    )
}

/// Imports `input` with `import` and checks the rules of the module comment.
fn check(
    input: String,
    import: impl Fn(&WellbeingStore, String) -> Result<(), WellbeingError>,
) -> Result<(), TestCaseError> {
    let c = target();
    let before = c.export_backup().unwrap();
    match import(&c, input.clone()) {
        Err(e) => {
            prop_assert!(refusal_is_typed(&e), "untyped refusal: {e:?}");
            prop_assert_eq!(
                c.export_backup().unwrap(),
                before,
                "a refused import changed the store"
            );
        }
        Ok(()) => {
            prop_assert!(c.home().is_ok(), "the home screen no longer reads");
            let after = c.export_backup().unwrap();
            prop_assert!(
                import(&c, input).is_ok(),
                "the same input refused the second time"
            );
            prop_assert_eq!(
                c.export_backup().unwrap(),
                after,
                "a second import changed the store"
            );
        }
    }
    Ok(())
}

fn import_backup(c: &WellbeingStore, s: String) -> Result<(), WellbeingError> {
    c.import_backup(s).map(|_| ())
}
fn import_sealed_backup(c: &WellbeingStore, s: String) -> Result<(), WellbeingError> {
    c.import_sealed_backup(s, PASS.into()).map(|_| ())
}
fn import_handoff(c: &WellbeingStore, s: String) -> Result<(), WellbeingError> {
    c.import_handoff(s).map(|_| ())
}
fn import_sealed_handoff(c: &WellbeingStore, s: String) -> Result<(), WellbeingError> {
    c.import_sealed_handoff(s, PASS.into()).map(|_| ())
}

#[test]
fn the_untouched_seeds_import() {
    let s = seeds();
    for (what, r) in [
        ("backup", import_backup(&target(), s.backup.clone())),
        (
            "sealed backup",
            import_sealed_backup(&target(), s.sealed_backup.clone()),
        ),
        ("payload", import_handoff(&target(), s.payload.clone())),
        (
            "sealed payload",
            import_sealed_handoff(&target(), s.sealed_payload.clone()),
        ),
    ] {
        assert!(r.is_ok(), "{what}: {r:?}");
    }
    // Sealed ones say they need their passphrase, and refuse a wrong one.
    let c = target();
    assert_eq!(
        c.import_backup(s.sealed_backup.clone()).err(),
        Some(WellbeingError::KeyRequired)
    );
    assert_eq!(
        c.import_handoff(s.sealed_payload.clone()).err(),
        Some(WellbeingError::KeyRequired)
    );
    assert_eq!(
        c.import_sealed_backup(s.sealed_backup.clone(), "another passphrase".into())
            .err(),
        Some(WellbeingError::WrongKey)
    );
    assert_eq!(
        c.import_sealed_handoff(s.sealed_payload.clone(), "another passphrase".into())
            .err(),
        Some(WellbeingError::WrongKey)
    );
    // No person's words in the sealed forms.
    assert!(s.backup.contains("words for"));
    assert!(!s.sealed_backup.contains("words for"));
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1000, ..ProptestConfig::default() })]
    #[test]
    fn damaged_backups(seed in 1u64.., edits in 1usize..6, structured in any::<bool>()) {
        let mut m = Mix(seed);
        let base = &seeds().backup;
        let input = if structured { damage_json(base, &mut m, edits) } else { damage_bytes(base, &mut m, edits) };
        check(input, import_backup)?;
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 150, ..ProptestConfig::default() })]
    #[test]
    fn damaged_sealed_backups(seed in 1u64.., edits in 1usize..4, structured in any::<bool>()) {
        let mut m = Mix(seed);
        let base = &seeds().sealed_backup;
        let input = if structured { damage_json(base, &mut m, edits) } else { damage_bytes(base, &mut m, edits) };
        check(input, import_sealed_backup)?;
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]
    #[test]
    fn damaged_handoff_payloads(seed in 1u64.., edits in 1usize..6) {
        let mut m = Mix(seed);
        check(damage_bytes(&seeds().payload, &mut m, edits), import_handoff)?;
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 150, ..ProptestConfig::default() })]
    #[test]
    fn damaged_sealed_handoff_payloads(seed in 1u64.., edits in 1usize..4) {
        let mut m = Mix(seed);
        check(damage_bytes(&seeds().sealed_payload, &mut m, edits), import_sealed_handoff)?;
    }
}

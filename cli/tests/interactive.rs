//! Interactive mode driven through a real pseudo-terminal, as a person at a keyboard.

#![cfg(unix)]

mod common;

use std::process::Command;

use common::{Env, NOW};
use rexpect::session::{spawn_command, PtySession};

const TIMEOUT_MS: u64 = 20_000;

/// rexpect reads the terminal byte by byte as Latin-1, so a UTF-8 needle is matched as the
/// same bytes read that way.
fn latin1(s: &str) -> String {
    s.bytes().map(|b| b as char).collect()
}

fn expect(p: &mut PtySession, needle: &str) {
    if let Err(e) = p.exp_string(&latin1(needle)) {
        panic!("waiting for {needle:?}: {e}");
    }
}

fn spawn(env: &Env, args: &[&str]) -> PtySession {
    spawn_in(env, env.dir.path(), args)
}

/// As `spawn`, started from the folder `cwd`.
fn spawn_in(env: &Env, cwd: &std::path::Path, args: &[&str]) -> PtySession {
    let mut c = Command::new(env!("CARGO_BIN_EXE_companion"));
    c.current_dir(cwd)
        .args(args)
        .env_remove("RUST_BACKTRACE")
        .env("HOME", env.dir.path())
        .env("XDG_DATA_HOME", env.dir.path().join("xdg"))
        .env("COMPANION_DB", env.db())
        .env("COMPANION_NOW", NOW)
        .env("TERM", "dumb");
    spawn_command(c, Some(TIMEOUT_MS)).expect("spawns in a pty")
}

#[test]
fn the_menu_offers_help_now_and_quits() {
    let env = Env::new();
    let mut p = spawn(&env, &[]);
    expect(&mut p, "Wellbeing Companion");
    expect(&mut p, "h. Help now");
    expect(&mut p, "Choose: ");
    p.send_line("h").unwrap();
    expect(&mut p, "116 123");
    // The contacts stay on screen: the menu is not drawn again until Enter.
    let between = p.exp_string("Press Enter").unwrap();
    assert!(!between.contains("Choose: "), "{between}");
    p.send_line("").unwrap();
    expect(&mut p, "Choose: ");
    p.send_line("42").unwrap();
    expect(&mut p, "Please choose a number");
    p.send_line("q").unwrap();
    p.exp_eof().unwrap();
}

/// The menu number of the entry labelled `label`, read off the screen.
fn menu_number(p: &mut PtySession, label: &str) -> String {
    let (_, matched) = p
        .exp_regex(&format!(r"\d+\. {}", regex_escape(label)))
        .unwrap();
    matched.split('.').next().unwrap().trim().to_string()
}

#[test]
fn the_key_of_a_tool_stays_the_same_after_a_check_in() {
    let env = Env::new();
    let mut p = spawn(&env, &[]);
    let before = menu_number(&mut p, "Log one of the five ways");
    expect(&mut p, "Choose: ");
    p.send_line("a").unwrap();
    expect(&mut p, "Your answer (0–10): ");
    p.send_line("6").unwrap();
    expect(&mut p, "or - to skip: ");
    p.send_line("-").unwrap();
    expect(&mut p, "Your choices, or - to skip: ");
    p.send_line("-").unwrap();
    expect(&mut p, "[s] save");
    p.send_line("s").unwrap();
    expect(&mut p, "Saved.");
    expect(&mut p, "Check-in: 6 on a scale of 0 to 10");
    let after = menu_number(&mut p, "Log one of the five ways");
    assert_eq!(before, after, "the key did not move");
    expect(&mut p, "Choose: ");
    p.send_line(&after).unwrap();
    expect(&mut p, "Log one of the five ways");
    expect(&mut p, "step 1 of");
    p.send_line("d").unwrap();
}

fn regex_escape(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == ' ' {
                c.to_string()
            } else {
                format!("\\{c}")
            }
        })
        .collect()
}

#[test]
fn a_check_in_walked_from_the_menu_is_saved() {
    let env = Env::new();
    let mut p = spawn(&env, &[]);
    let n = menu_number(&mut p, "Daily check-in");
    expect(&mut p, "Choose: ");
    p.send_line(&n).unwrap();
    // The scale picker: range, anchors, keys.
    expect(&mut p, "step 1 of 3");
    expect(&mut p, "0 · 1 · 2");
    expect(&mut p, "[h] help now");
    expect(&mut p, "Your answer (0–10): ");
    p.send_line("12").unwrap();
    expect(&mut p, "from 0 to 10");
    p.send_line("7").unwrap();
    expect(&mut p, "step 2 of 3");
    // Help now from inside a step, then the same step again.
    expect(&mut p, "or - to skip: ");
    p.send_line("h").unwrap();
    expect(&mut p, "116 123");
    expect(&mut p, "step 2 of 3");
    expect(&mut p, "or - to skip: ");
    // Back to the scale: the earlier answer is offered again.
    p.send_line("b").unwrap();
    expect(&mut p, "Earlier answer: 7");
    expect(&mut p, "Your answer (0–10): ");
    p.send_line("").unwrap();
    expect(&mut p, "or - to skip: ");
    p.send_line("a walk in the park").unwrap();
    p.send_line("").unwrap();
    // The feeling words: chosen by number, shown by name in the summary.
    expect(&mut p, "step 3 of 3");
    expect(&mut p, "6. Tired");
    expect(&mut p, "Your choices, or - to skip: ");
    p.send_line("6, 3").unwrap();
    expect(&mut p, "7 on a scale of 0 to 10");
    expect(&mut p, "Feelings: Tired, Hopeful");
    expect(&mut p, "[s] save");
    p.send_line("s").unwrap();
    expect(&mut p, "Saved.");
    expect(&mut p, "Choose: ");
    p.send_line("q").unwrap();
    p.exp_eof().unwrap();
    let h = env.json(&["history", "checkin"]);
    assert_eq!(h["entries"][0]["value"], 7);
    assert_eq!(h["entries"][0]["note"], "a walk in the park");
    assert_eq!(h["entries"][0]["feelings"][0]["id"], "tired");
}

#[test]
fn conversation_mode_shows_safety_first_and_stores_nothing() {
    let env = Env::new();
    let out = env.dir.path().join("for-them.txt");
    let mut p = spawn(&env, &["talk", "phq9", "--out", out.to_str().unwrap()]);
    expect(&mut p, "Press Enter to continue");
    p.send_line("").unwrap();
    for _ in 0..8 {
        expect(&mut p, "Your answer (0–3): ");
        p.send_line("0").unwrap();
    }
    expect(&mut p, "Your answer (0–3): ");
    p.send_line("1").unwrap();
    // The notice in full, with the staff member's guidance, and nothing else until it is read.
    let (before, _) = p.exp_regex("I have read this, carry on").unwrap();
    let before = String::from_utf8(before.chars().map(|c| c as u8).collect()).unwrap();
    let flag = before
        .find("!! Support comes first")
        .expect("the notice first");
    let contacts = before.find("116 123").expect("contacts");
    let staff = before
        .find("For the staff member with them")
        .expect("staff guidance");
    assert!(flag < contacts && contacts < staff, "{before}");
    assert!(!before.contains("out of 27"), "the score waits: {before}");
    p.send_line("").unwrap();
    // The result, with the flag still on top of it.
    let (result, _) = p.exp_regex("Your score is 1 out of 27").unwrap();
    assert!(result.contains("!! You said"), "{result}");
    expect(&mut p, "[Enter] finish");
    p.send_line("").unwrap();
    expect(&mut p, "Nothing was stored");
    p.exp_eof().unwrap();
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(text.contains("1 out of 27"), "{text}");
    assert!(!env.db().exists(), "conversation mode opened no store");
}

#[test]
fn the_next_thing_on_the_home_screen_starts_its_flow() {
    let env = Env::new();
    let mut p = spawn(&env, &[]);
    expect(&mut p, "Check-in: Not checked in yet today");
    expect(&mut p, "Next:");
    expect(&mut p, "a. Check in");
    expect(&mut p, "Choose: ");
    p.send_line("a").unwrap();
    expect(&mut p, "Your answer (0–10): ");
    p.send_line("5").unwrap();
    expect(&mut p, "or - to skip: ");
    p.send_line("-").unwrap();
    expect(&mut p, "Your choices, or - to skip: ");
    p.send_line("-").unwrap();
    expect(&mut p, "[s] save");
    p.send_line("s").unwrap();
    expect(&mut p, "Saved.");
    // The home screen is drawn again from the core, now with the check-in.
    expect(&mut p, "Check-in: 5 on a scale of 0 to 10");
    expect(&mut p, "Choose: ");
    p.send_line("q").unwrap();
    p.exp_eof().unwrap();
}

#[test]
fn the_menu_writes_a_summary_where_the_person_started_and_says_the_full_path() {
    let env = Env::new();
    // Started from a folder of their own, away from the data file.
    let here = env.dir.path().join("my documents");
    std::fs::create_dir(&here).unwrap();
    let mut p = spawn_in(&env, &here, &[]);
    let n = menu_number(&mut p, "Make a summary for my appointment");
    expect(&mut p, "Choose: ");
    p.send_line(&n).unwrap();
    expect(&mut p, "Your summary of 2026-10-27 to 2026-11-23 is in");
    let full = here.join("summary-2026-11-23.html");
    expect(&mut p, &full.display().to_string());
    expect(&mut p, "Choose: ");
    // A second one the same day does not replace the first.
    p.send_line(&n).unwrap();
    expect(&mut p, "summary-2026-11-23-2.html");
    expect(&mut p, "Choose: ");
    p.send_line("q").unwrap();
    p.exp_eof().unwrap();
    let html = std::fs::read_to_string(&full).unwrap();
    assert!(html.contains("<html"));
    assert!(here.join("summary-2026-11-23-2.html").exists());
    assert!(!env.dir.path().join("summary-2026-11-23.html").exists());
    assert_eq!(
        env.json(&["report", "history"]).as_array().unwrap().len(),
        2
    );
}

#[test]
fn conversation_mode_hands_over_after_the_summary() {
    let env = Env::new();
    let mut p = spawn(&env, &["talk", "checkin", "--handoff"]);
    expect(&mut p, "Your answer (0–10): ");
    p.send_line("4").unwrap();
    expect(&mut p, "or - to skip: ");
    p.send_line("-").unwrap();
    expect(&mut p, "Your choices, or - to skip: ");
    p.send_line("-").unwrap();
    expect(&mut p, "[Enter] finish");
    p.send_line("").unwrap();
    expect(&mut p, "WBC1:");
    expect(&mut p, "▀");
    expect(&mut p, "Nothing was stored");
    p.exp_eof().unwrap();
    assert!(!env.db().exists(), "conversation mode opened no store");
}

#[test]
fn conversation_mode_says_nothing_is_stored_and_offers_a_handover() {
    let env = Env::new();
    let mut p = spawn(&env, &["talk", "checkin"]);
    let (before, _) = p.exp_regex("step 1 of 3").unwrap();
    assert!(
        before.contains("Nothing you enter here is stored"),
        "said before the first question: {before}"
    );
    expect(&mut p, "Your answer (0–10): ");
    p.send_line("4").unwrap();
    expect(&mut p, "or - to skip: ");
    p.send_line("-").unwrap();
    expect(&mut p, "Your choices, or - to skip: ");
    p.send_line("-").unwrap();
    expect(&mut p, "[Enter] finish");
    p.send_line("").unwrap();
    expect(&mut p, "they can take this summary with them");
    expect(&mut p, "[c] Show a code to scan into their own app");
    expect(&mut p, "Choose: ");
    p.send_line("c").unwrap();
    expect(&mut p, "WBC1:");
    expect(&mut p, "Choose: ");
    p.send_line("p").unwrap();
    expect(&mut p, "4 on a scale of 0 to 10");
    expect(&mut p, "Choose: ");
    p.send_line("").unwrap();
    expect(&mut p, "Nothing was stored");
    p.exp_eof().unwrap();
    assert!(!env.db().exists(), "conversation mode opened no store");
}

#[test]
fn an_entry_is_deleted_from_the_menu_after_asking() {
    let env = Env::new();
    env.ok(&["checkin", "4", "--note", "a hard day"]);
    env.ok(&["checkin", "6"]);
    let mut p = spawn(&env, &[]);
    let n = menu_number(&mut p, "My check-ins");
    expect(&mut p, "Choose: ");
    p.send_line(&n).unwrap();
    expect(&mut p, "1. 6 on a scale of 0 to 10");
    expect(&mut p, "2. 4 on a scale of 0 to 10");
    expect(&mut p, "a hard day");
    expect(
        &mut p,
        "to change or delete it, or press Enter to go back: ",
    );
    // Asked first; anything but y keeps it.
    p.send_line("2").unwrap();
    expect(&mut p, "[c] Change  [d] Delete");
    p.send_line("d").unwrap();
    expect(&mut p, "Type y to delete, anything else to keep it: ");
    p.send_line("n").unwrap();
    expect(&mut p, "Kept.");
    expect(&mut p, "press Enter to go back: ");
    p.send_line("2").unwrap();
    expect(&mut p, "[c] Change  [d] Delete");
    p.send_line("d").unwrap();
    expect(&mut p, "Type y to delete");
    p.send_line("y").unwrap();
    expect(&mut p, "Deleted.");
    expect(&mut p, "press Enter to go back: ");
    p.send_line("").unwrap();
    expect(&mut p, "Choose: ");
    p.send_line("q").unwrap();
    p.exp_eof().unwrap();
    let h = env.json(&["history", "checkin"]);
    let entries = h["entries"].as_array().unwrap();
    assert_eq!(entries.len(), 1);
    assert_eq!(entries[0]["value"], 6);
}

#[test]
fn an_entry_is_changed_from_the_menu_with_its_answers_offered() {
    let env = Env::new();
    env.ok(&["checkin", "4", "--note", "a hard day", "--feeling", "tired"]);
    let mut p = spawn(&env, &[]);
    let n = menu_number(&mut p, "My check-ins");
    expect(&mut p, "Choose: ");
    p.send_line(&n).unwrap();
    expect(&mut p, "1. 4 on a scale of 0 to 10 · Tired");
    expect(&mut p, "press Enter to go back: ");
    p.send_line("1").unwrap();
    expect(&mut p, "[c] Change  [d] Delete");
    p.send_line("c").unwrap();
    expect(&mut p, "Earlier answer: 4 (press Enter to keep it)");
    expect(&mut p, "Your answer (0–10): ");
    p.send_line("5").unwrap();
    expect(&mut p, "Earlier answer: a hard day");
    expect(&mut p, "or - to skip: ");
    p.send_line("").unwrap();
    expect(&mut p, "Earlier answer: Tired");
    expect(&mut p, "Your choices, or - to skip: ");
    p.send_line("").unwrap();
    expect(&mut p, "[s] save");
    p.send_line("s").unwrap();
    expect(&mut p, "Saved.");
    expect(&mut p, "1. 5 on a scale of 0 to 10 · Tired");
    expect(&mut p, "press Enter to go back: ");
    p.send_line("").unwrap();
    expect(&mut p, "Choose: ");
    p.send_line("q").unwrap();
    p.exp_eof().unwrap();
    let h = env.json(&["history", "checkin"]);
    let entries = h["entries"].as_array().unwrap();
    assert_eq!(entries.len(), 1, "changed, not added");
    assert_eq!(entries[0]["value"], 5);
    assert_eq!(entries[0]["note"], "a hard day");
    assert_eq!(entries[0]["feelings"][0]["id"], "tired");
}

//! Every command run against the built binary: what it prints, what it stores, how it fails.

mod common;

use common::Env;
use predicates::prelude::*;
use serde_json::Value;

// ---- check-in and scales ---------------------------------------------------------------

#[test]
fn checkin_records_and_shows_in_history() {
    let env = Env::new();
    let out = env.ok(&["checkin", "6", "--note", "slept better"]);
    assert!(
        out.starts_with("Checked in: 6 on a scale of 0 to 10"),
        "{out}"
    );
    let e = env.json(&["checkin", "7"]);
    assert_eq!(e["value"], 7);
    assert_eq!(e["date"], "2026-11-23");
    let h = env.json(&["history", "checkin"]);
    assert_eq!(h["entries"].as_array().unwrap().len(), 2);
    let text = env.ok(&["history", "checkin"]);
    assert!(
        text.contains("slept better") && text.contains("█"),
        "{text}"
    );
}

#[test]
fn checkin_errors() {
    let env = Env::new();
    env.cmd()
        .args(["checkin", "11"])
        .assert()
        .code(3)
        .stderr(predicate::str::contains("from 0 to 10"));
    env.cmd().args(["checkin", "-1"]).assert().code(3);
    // Not a number: our words and the scale's limits, not a parser's talk of digits.
    for bad in ["six", "abc", "6.5"] {
        env.cmd()
            .args(["checkin", bad])
            .assert()
            .code(3)
            .stderr(predicate::str::contains(
                "Please choose a number from 0 to 10",
            ))
            .stderr(predicate::str::contains("digit").not());
    }
    env.cmd()
        .args(["checkin", "5", "--note", &"x".repeat(5000)])
        .assert()
        .code(3);
    // Nothing was stored by the failures.
    assert_eq!(env.json(&["history", "checkin"]), Value::Null);
    assert!(env.ok(&["history", "checkin"]).contains("No check-ins yet"));
}

#[test]
fn scales_record_list_history_and_delete() {
    let env = Env::new();
    let t = env.json(&["scale", "templates"]);
    assert!(t
        .as_array()
        .unwrap()
        .iter()
        .any(|t| t["id"] == "importance"));
    assert!(env.ok(&["scale", "templates"]).contains("importance"));
    let e = env.json(&[
        "scale",
        "record",
        "importance",
        "7",
        "--subject",
        "walking more",
        "--note",
        "after the doctor",
    ]);
    assert_eq!(e["value"], 7);
    let list = env.json(&["scale", "list"]);
    let scale_id = list[0]["scale_id"].as_str().unwrap().to_string();
    assert!(env.ok(&["scale", "list"]).contains(&scale_id));
    let h = env.json(&["history", "scale", &scale_id]);
    assert_eq!(h["entries"][0]["note"], "after the doctor");
    assert!(env
        .ok(&["history", "scale", &scale_id])
        .contains("after the doctor"));
    let entry_id = e["id"].as_str().unwrap();
    assert!(env.ok(&["scale", "delete", entry_id]).contains("deleted"));
    env.cmd()
        .args(["scale", "delete", entry_id])
        .assert()
        .code(4);
}

#[test]
fn scale_errors() {
    let env = Env::new();
    // A ruler needs its subject; the core says so.
    env.cmd()
        .args(["scale", "record", "importance", "5"])
        .assert()
        .code(3)
        .stderr(predicate::str::contains("subject"));
    env.cmd()
        .args(["scale", "record", "no-such-template", "5"])
        .assert()
        .failure();
    env.cmd()
        .args([
            "scale",
            "record",
            "checkin",
            "5",
            "--follow-up",
            "no equals sign",
        ])
        .assert()
        .code(2);
    env.cmd()
        .args(["history", "scale", "no-such-scale"])
        .assert()
        .code(4);
}

// ---- measures --------------------------------------------------------------------------

#[test]
fn measure_take_scores_and_stores() {
    let env = Env::new();
    let r = env.json(&["measure", "take", "phq9", "--answers", "1,0,2,1,0,0,1,2,0"]);
    assert_eq!(r["total"], 7);
    assert_eq!(r["band"], "mild");
    assert_eq!(r["flags"], serde_json::json!([]));
    let out = env.ok(&["measure", "take", "gad7", "--answers", "0,0,0,0,0,0,1"]);
    assert!(out.contains("Your score is 1 out of 21"), "{out}");
    assert!(out.trim_end().ends_with("Saved."));
    assert!(!out.contains("!!"), "no flags without a safety signal");
    let h = env.json(&["history", "measure", "phq9"]);
    assert_eq!(h["total_count"], 1);
    assert!(env.ok(&["history", "measure", "phq9"]).contains("mild"));
    let list = env.json(&["measure", "list"]);
    assert_eq!(list[0]["latest"]["total"], 7);
    assert!(env.ok(&["measure", "list"]).contains("PHQ-9"));
}

#[test]
fn a_safety_flag_comes_before_the_score_with_crisis_contacts() {
    let env = Env::new();
    let out = env.ok(&["measure", "take", "phq9", "--answers", "0,0,0,0,0,0,0,0,1"]);
    let flag = out.find("!!").expect("flag shown");
    let contacts = out.find("116 123").expect("contacts shown");
    let score = out.find("Your score is").expect("score shown");
    assert!(flag < contacts && contacts < score, "{out}");
    let r = env.json(&["measure", "take", "phq9", "--answers", "0,0,0,0,0,0,0,0,2"]);
    assert_eq!(r["flags"][0]["code"], "phq9-item9");
    assert_eq!(r["flags"][0]["show_help_now"], true);
}

#[test]
fn measure_errors() {
    let env = Env::new();
    env.cmd()
        .args(["measure", "take", "phq9", "--answers", "1,2"])
        .assert()
        .code(3)
        .stderr(predicate::str::contains("at least 9"));
    env.cmd()
        .args(["measure", "take", "phq9", "--answers", "4,0,0,0,0,0,0,0,0"])
        .assert()
        .code(3);
    env.cmd()
        .args(["measure", "take", "phq9", "--answers", "a,b"])
        .assert()
        .code(2);
    env.cmd()
        .args(["measure", "take", "nope", "--answers", "1"])
        .assert()
        .code(4);
    env.cmd()
        .args([
            "measure",
            "take",
            "gad7",
            "--answers",
            "0,0,0,0,0,0,0",
            "--date",
            "2030-01-01",
        ])
        .assert()
        .code(3);
    env.cmd().args(["measure", "info", "nope"]).assert().code(4);
    env.cmd()
        .args(["history", "measure", "nope"])
        .assert()
        .code(4);
    env.cmd()
        .args(["measure", "delete", "0000"])
        .assert()
        .code(4);
}

#[test]
fn measure_info_progress_and_delete() {
    let env = Env::new();
    let info = env.ok(&["measure", "info", "swemwbs"]);
    assert!(info.contains("© NHS Health Scotland"), "{info}");
    assert_eq!(
        env.json(&["measure", "info", "phq9"])["items"]
            .as_array()
            .unwrap()
            .len(),
        9
    );
    assert!(env
        .ok(&["measure", "progress", "phq9"])
        .contains("Not enough"));
    let first = env.json(&[
        "measure",
        "take",
        "phq9",
        "--answers",
        "3,3,2,2,2,1,1,1,0",
        "--date",
        "2026-10-01",
    ]);
    env.ok(&["measure", "take", "phq9", "--answers", "1,1,1,0,0,0,0,0,0"]);
    let p = env.json(&["measure", "progress", "phq9"]);
    assert_eq!(p["start_total"], 15);
    assert_eq!(p["end_total"], 3);
    assert!(env.ok(&["measure", "progress", "phq9"]).contains("15"));
    env.ok(&["measure", "delete", first["id"].as_str().unwrap()]);
    assert_eq!(env.json(&["history", "measure", "phq9"])["total_count"], 1);
}

// ---- flows: walk, talk, drafts -------------------------------------------------------

#[test]
fn tools_lists_every_flow() {
    let env = Env::new();
    let list = env.json(&["tools"]);
    let ids: Vec<&str> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["id"].as_str().unwrap())
        .collect();
    for id in ["checkin", "phq9", "safety-plan", "five-areas"] {
        assert!(ids.contains(&id), "{id} in {ids:?}");
    }
    assert!(env.ok(&["tools"]).contains("phq9"));
}

#[test]
fn listing_the_tools_makes_no_data_file() {
    let env = Env::new();
    assert!(env.ok(&["tools"]).contains("phq9"));
    assert!(!env.db().exists(), "companion tools created the store");
}

#[test]
fn walk_with_answers_saves_without_questions() {
    let env = Env::new();
    let saved = env.json(&["walk", "checkin", "--answer", "8", "--answer", "-"]);
    assert_eq!(saved["tool"], "checkin");
    assert_eq!(env.json(&["history", "checkin"])["entries"][0]["value"], 8);
    let out = env.ok(&["walk", "checkin", "-a", "5", "-a", "a good walk"]);
    assert!(out.contains("Saved."), "{out}");
}

#[test]
fn a_check_in_carries_feeling_words_by_id_or_by_name() {
    let env = Env::new();
    let out = env.ok(&["checkin", "6", "--feeling", "tired,On edge"]);
    assert!(
        out.contains("6 on a scale of 0 to 10 · Tired, On edge"),
        "{out}"
    );
    let today = env.ok(&["today"]);
    assert!(
        today.contains("Check-in: 6 on a scale of 0 to 10 · Tired, On edge"),
        "{today}"
    );
    let h = env.json(&["history", "checkin"]);
    assert_eq!(h["entries"][0]["feelings"][1]["id"], "irritable");
    // A word not on the list: refused, nothing stored, and the list is given.
    env.cmd()
        .args(["checkin", "3", "--feeling", "joyful"])
        .assert()
        .code(3)
        .stderr(predicate::str::contains("not on the list"))
        .stderr(predicate::str::contains("calm, content"))
        .stderr(predicate::str::contains("joyful").not());
    assert_eq!(
        env.json(&["history", "checkin"])["entries"]
            .as_array()
            .unwrap()
            .len(),
        1
    );
    // Six words are more than the check-in takes: the core's rule.
    env.cmd()
        .args(["checkin", "3", "--feeling", "calm,tired,low,sad,angry,numb"])
        .assert()
        .code(3);
    // Walked with answers up front: the words by number, or left out at the end.
    env.ok(&["walk", "checkin", "-a", "5", "-a", "-", "-a", "1,6"]);
    env.ok(&["walk", "checkin", "-a", "4"]);
    let h = env.json(&["history", "checkin"]);
    let e = h["entries"].as_array().unwrap();
    assert_eq!(e.len(), 3);
    assert_eq!(e[0]["feelings"].as_array().unwrap().len(), 0);
    assert_eq!(e[1]["feelings"][0]["id"], "calm");
}

#[test]
fn walk_errors_name_the_step() {
    let env = Env::new();
    // Too few answers.
    env.cmd()
        .args(["walk", "phq9", "-a", "1"])
        .assert()
        .code(3)
        .stderr(predicate::str::contains("ran out at step"));
    // Too many.
    env.cmd()
        .args([
            "walk", "checkin", "-a", "1", "-a", "-", "-a", "-", "-a", "x",
        ])
        .assert()
        .code(3)
        .stderr(predicate::str::contains("more answers"));
    // Not a number on a scale step.
    env.cmd()
        .args(["walk", "checkin", "-a", "lots"])
        .assert()
        .code(3)
        .stderr(predicate::str::contains("whole number"));
    // Out of range: the core's rule.
    env.cmd()
        .args(["walk", "checkin", "-a", "12", "-a", "-"])
        .assert()
        .code(3);
    assert_eq!(env.json(&["history", "checkin"]), Value::Null);
}

#[test]
fn talk_stores_nothing_and_hands_over_a_summary() {
    let env = Env::new();
    let out_file = env.dir.path().join("summary.txt");
    let mut args = vec!["talk", "phq9", "--out", out_file.to_str().unwrap()];
    for a in ["0", "1", "2", "1", "0", "0", "1", "0", "0"] {
        args.extend(["-a", a]);
    }
    let out = env.ok(&args);
    assert!(out.contains("Nothing was stored"), "{out}");
    assert!(out.contains("5 out of 27"), "{out}");
    let text = std::fs::read_to_string(&out_file).unwrap();
    assert!(text.starts_with("PHQ-9"), "{text}");
    assert!(text.contains("5 out of 27"), "{text}");
    assert!(!env.db().exists(), "conversation mode opened no store");
    // JSON: the summary itself.
    let mut args = vec!["--json", "talk", "checkin"];
    args.extend(["-a", "4", "-a", "-"]);
    let v: Value = serde_json::from_str(&env.ok(&args)).unwrap();
    assert_eq!(v["tool"], "checkin");
    assert!(!env.db().exists());
}

#[test]
fn talk_out_never_replaces_a_file_unless_asked_and_keeps_it_private() {
    let env = Env::new();
    let out_file = env.dir.path().join("summary.txt");
    let out = out_file.to_str().unwrap();
    env.ok(&["talk", "checkin", "-a", "4", "-a", "-", "--out", out]);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&out_file).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600, "the summary is the person's own");
    }
    let first = std::fs::read_to_string(&out_file).unwrap();
    env.cmd()
        .args(["talk", "checkin", "-a", "7", "-a", "-", "--out", out])
        .assert()
        .code(3)
        .stderr(predicate::str::contains("--force"));
    assert_eq!(
        std::fs::read_to_string(&out_file).unwrap(),
        first,
        "kept as it was"
    );
    env.ok(&[
        "talk", "checkin", "-a", "7", "-a", "-", "--out", out, "--force",
    ]);
    let second = std::fs::read_to_string(&out_file).unwrap();
    assert!(second.contains('7') && second != first, "{second}");
    // --force alone means nothing and is refused as a usage mistake.
    env.cmd()
        .args(["talk", "checkin", "-a", "7", "-a", "-", "--force"])
        .assert()
        .code(2);
}

#[test]
fn talk_errors() {
    let env = Env::new();
    let bad = env.dir.path().join("no/such/dir/summary.txt");
    env.cmd()
        .args(["talk", "checkin", "-a", "4", "-a", "-", "--out"])
        .arg(&bad)
        .assert()
        .code(5)
        .stderr(predicate::str::contains("could not write"));
    env.cmd().args(["talk", "nope"]).assert().code(4);
}

#[test]
fn drafts_save_resume_and_delete_through_stdin() {
    let env = Env::new();
    // Start PHQ-9, pass the introduction, answer one item, save for later.
    let out = env
        .cmd()
        .args(["walk", "phq9"])
        .write_stdin("\n1\ns\n")
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("Saved for later"), "{text}");
    let drafts = env.json(&["drafts"]);
    assert_eq!(drafts[0]["answered"], 2);
    let id = drafts[0]["flow_id"].as_str().unwrap().to_string();
    // The person sees a number to type, not the long id.
    let list = env.ok(&["drafts"]);
    assert!(!list.contains(&id), "{list}");
    assert!(list.contains(" 1. PHQ-9 (2 answered"), "{list}");
    assert!(list.contains("companion drafts resume NUMBER"), "{list}");
    env.cmd().args(["drafts", "resume", "2"]).assert().code(4);
    // Resume by its number, answer the rest, save.
    let out = env
        .cmd()
        .args(["drafts", "resume", "1"])
        .write_stdin("0\n0\n0\n0\n0\n0\n0\n0\ns\n")
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(out.status.success(), "{text}");
    assert!(
        text.contains("1 out of 27") && text.contains("Saved."),
        "{text}"
    );
    assert_eq!(env.json(&["drafts"]), serde_json::json!([]));
    assert_eq!(env.json(&["history", "measure", "phq9"])["total_count"], 1);
    // Another draft, deleted.
    env.cmd()
        .args(["walk", "gad7"])
        .write_stdin("\n2\ns\n")
        .assert()
        .success();
    let id = env.json(&["drafts"])[0]["flow_id"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(env.ok(&["drafts", "delete", &id]).contains("deleted"));
    env.cmd().args(["drafts", "delete", &id]).assert().code(4);
}

#[test]
fn an_interactive_walk_ended_by_end_of_input_stores_nothing() {
    let env = Env::new();
    env.cmd()
        .args(["walk", "checkin"])
        .write_stdin("7\n")
        .assert()
        .success()
        .stdout(predicate::str::contains("Left without saving"));
    assert_eq!(env.json(&["history", "checkin"]), Value::Null);
}

// ---- help now, history -----------------------------------------------------------------

#[test]
fn help_now_shows_contacts_and_the_plan() {
    let env = Env::new();
    let out = env.ok(&["help-now"]);
    assert!(out.contains("999") && out.contains("116 123"), "{out}");
    let v = env.json(&["help-now"]);
    assert!(v["contacts"].as_array().unwrap().len() >= 2);
    // Write a plan through its flow, then see it in help now.
    let mut args = vec!["walk", "safety-plan"];
    let steps = env.json(&["tools"]);
    assert!(steps
        .as_array()
        .unwrap()
        .iter()
        .any(|t| t["id"] == "safety-plan"));
    args.extend(["-a", "Not sleeping | Skipping meals"]);
    for _ in 0..6 {
        args.extend(["-a", "-"]);
    }
    env.ok(&args);
    let out = env.ok(&["help-now"]);
    assert!(out.contains("Not sleeping"), "{out}");
}

#[test]
fn help_now_works_when_the_store_cannot_be_opened() {
    let env = Env::new();
    std::fs::create_dir(env.db()).unwrap();
    env.cmd()
        .arg("help-now")
        .assert()
        .success()
        .stdout(predicate::str::contains("116 123"));
    let out = env.cmd().args(["--json", "help-now"]).output().unwrap();
    assert!(out.status.success());
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["plan"], Value::Null);
    // The store is a folder: the plan is reported unreadable, never "not written".
    assert_eq!(v["plan_status"], "unreadable");
    assert!(v["contacts"].as_array().unwrap().len() >= 2);
}

#[test]
fn five_areas_history_starts_empty() {
    let env = Env::new();
    assert!(!env.ok(&["history", "five-areas"]).is_empty());
    assert_eq!(
        env.json(&["history", "five-areas"])["items"],
        serde_json::json!([])
    );
}

// ---- Five Ways, today, week ------------------------------------------------------------

#[test]
fn five_ways_log_week_and_history() {
    let env = Env::new();
    let out = env.ok(&[
        "five-ways",
        "log",
        "called my sister",
        "--way",
        "connect",
        "--note",
        "long chat",
    ]);
    assert!(
        out.starts_with("Logged: called my sister (Connect)"),
        "{out}"
    );
    let e = env.json(&[
        "five-ways",
        "log",
        "walk by the canal",
        "--way",
        "be-active",
        "--way",
        "take-notice",
        "--date",
        "2026-11-22",
    ]);
    assert_eq!(e["date"], "2026-11-22");
    let w = env.json(&["five-ways", "week"]);
    assert_eq!(w["total_entries"], 1);
    assert!(env.ok(&["five-ways", "week"]).contains("called my sister"));
    let last = env.json(&["five-ways", "week", "--date", "2026-11-22"]);
    assert_eq!(last["total_entries"], 1);
    let h = env.json(&["history", "five-ways"]);
    assert_eq!(h["weeks"].as_array().unwrap().len(), 2);
    assert!(env.ok(&["history", "five-ways"]).contains("Connect"));
    assert!(env.ok(&["five-ways", "ways"]).contains("take-notice"));
    assert_eq!(
        env.json(&["five-ways", "ways"]).as_array().unwrap().len(),
        5
    );
    env.ok(&["five-ways", "delete", e["id"].as_str().unwrap()]);
    env.cmd()
        .args(["five-ways", "delete", e["id"].as_str().unwrap()])
        .assert()
        .code(4);
}

#[test]
fn five_ways_errors() {
    let env = Env::new();
    env.cmd()
        .args(["five-ways", "log", "x", "--way", "flying"])
        .assert()
        .code(3);
    // A way is required.
    env.cmd().args(["five-ways", "log", "x"]).assert().code(2);
    env.cmd()
        .args(["five-ways", "log", " ", "--way", "give"])
        .assert()
        .code(3);
    env.cmd()
        .args([
            "five-ways",
            "log",
            "x",
            "--way",
            "give",
            "--date",
            "2026-02-30",
        ])
        .assert()
        .code(3);
    env.cmd()
        .args(["five-ways", "week", "--date", "soon"])
        .assert()
        .code(3);
    env.cmd()
        .args(["history", "five-ways", "--before", "never"])
        .assert()
        .code(3);
}

#[test]
fn today_and_week_draw_the_core_views() {
    let env = Env::new();
    let out = env.ok(&["today"]);
    assert!(out.starts_with("Today, Monday 23 November"), "{out}");
    assert!(out.contains("Not checked in yet today"), "{out}");
    // The next thing comes with the command that does it.
    assert!(out.contains("→ companion walk checkin"), "{out}");
    env.ok(&["checkin", "6"]);
    env.ok(&["five-ways", "log", "baked for a neighbour", "--way", "give"]);
    let t = env.json(&["today"]);
    assert_eq!(t["today"]["check_in"]["value"], 6);
    assert_eq!(t["today"]["date"], "2026-11-23");
    let today = env.ok(&["today"]);
    assert!(today.contains("Give 1"), "{today}");
    assert!(
        today.contains("You have checked in on 1 of the last 7 days."),
        "{today}"
    );
    let w = env.json(&["week"]);
    assert_eq!(w["week_start"], "2026-11-23");
    assert_eq!(w["days"].as_array().unwrap().len(), 7);
    let text = env.ok(&["week"]);
    assert!(
        text.contains("23–29 Nov 2026") && text.contains("check-in 6"),
        "{text}"
    );
    assert!(text.contains("█"), "{text}");
    // Days still to come are not drawn as "nothing recorded".
    assert!(!text.contains("Tue 24 Nov"), "{text}");
    assert!(!text.to_lowercase().contains("nothing recorded"), "{text}");
    // ONS4 has no overall score: its four answers stand in the day's line.
    env.ok(&["measure", "take", "ons4", "--answers", "7,8,6,3"]);
    let text = env.ok(&["week"]);
    assert!(text.contains("ONS4: Life satisfaction 7"), "{text}");
    let last = env.json(&["week", "--date", "2026-11-16"]);
    assert_eq!(last["week_start"], "2026-11-16");
    env.cmd()
        .args(["week", "--date", "2026-13-01"])
        .assert()
        .code(3);
}

#[test]
fn today_puts_a_recent_safety_flag_first() {
    let env = Env::new();
    env.ok(&["measure", "take", "phq9", "--answers", "0,0,0,0,0,0,0,0,2"]);
    let out = env.ok(&["today"]);
    let flag = out.find("!!").expect("flag");
    let contacts = out.find("116 123").expect("contacts");
    let date = out.find("Today,").expect("date");
    assert!(flag < contacts && contacts < date, "{out}");
    let home = env.json(&["today"]);
    assert_eq!(home["sections"][0]["kind"], "support");
    assert_eq!(
        home["sections"][0]["entries"][0]["action"]["kind"],
        "help_now"
    );
}

#[test]
fn measure_history_shows_a_safety_flag_before_the_score() {
    let env = Env::new();
    env.ok(&["measure", "take", "phq9", "--answers", "0,0,0,0,0,0,0,0,1"]);
    let text = env.ok(&["history", "measure", "phq9"]);
    let lines: Vec<&str> = text.lines().filter(|l| l.starts_with("  ")).collect();
    assert!(
        lines[0].starts_with("  !! "),
        "the flag comes first:\n{text}"
    );
    assert!(lines[1].contains("  1  minimal"), "then the score:\n{text}");
}

// ---- My connections --------------------------------------------------------------------

#[test]
fn connections_draws_the_map_in_text_and_writes_its_svg() {
    let env = Env::new();
    let empty = env.ok(&["connections"]);
    assert!(empty.starts_with("No map yet."), "{empty}");
    env.ok(&[
        "walk",
        "connections-map",
        "--answer",
        "Mum | Jo | Library",
        "--answer",
        "family",
        "--answer",
        "close",
        "--answer",
        "helpful",
        "--answer",
        "friend",
        "--answer",
        "in_between",
        "--answer",
        "mixed",
        "--answer",
        "place",
        "--answer",
        "further_out",
        "--answer",
        "draining",
    ]);
    let text = env.ok(&["connections"]);
    assert!(text.contains("( Me )"), "{text}");
    assert!(text.contains("Close       │ Mum (Family +)"), "{text}");
    assert!(text.contains("In between  │ Jo (Friend ~)"), "{text}");
    assert!(text.contains("Further out │ Library (Place -)"), "{text}");
    assert!(text.contains("+ Helpful   ~ Mixed   - Draining"), "{text}");
    let v = env.json(&["connections"]);
    assert_eq!(v["layout"]["nodes"].as_array().unwrap().len(), 3);
    let svg = env.dir.path().join("map.svg");
    env.ok(&["connections", "--svg", svg.to_str().unwrap()]);
    let drawn = std::fs::read_to_string(&svg).unwrap();
    assert!(drawn.starts_with("<svg") && drawn.contains(">Mum<"));
    // Never over an existing file without --force.
    env.cmd()
        .args(["connections", "--svg", svg.to_str().unwrap()])
        .assert()
        .failure();
    let id = v["latest"]["id"].as_str().unwrap().to_string();
    let one = env.ok(&["connections", "--map", &id]);
    assert!(one.contains("3 connections on your map"), "{one}");
    assert_eq!(env.ok(&["history", "connections"]), text);
}

// ---- profile ---------------------------------------------------------------------------

#[test]
fn profile_is_shown_set_and_changes_help_now() {
    let env = Env::new();
    assert_eq!(env.ok(&["profile"]).trim(), "Set up for: an adult.");
    assert_eq!(env.json(&["profile"])["kind"], "adult");
    let help = env.json(&["help-now"]);
    assert_eq!(help["contacts"][0]["id"], "emergency");

    let out = env.ok(&["profile", "young", "--age", "13-15"]);
    assert!(
        out.starts_with("Set up for: a young person aged 13 to 15."),
        "{out}"
    );
    let p = env.json(&["profile"]);
    assert_eq!(p["kind"], "young-person");
    assert_eq!(p["age_band"], "13-15");
    let help = env.json(&["help-now"]);
    let first: Vec<&str> = help["contacts"].as_array().unwrap()[..3]
        .iter()
        .map(|c| c["id"].as_str().unwrap())
        .collect();
    assert_eq!(first, ["childline", "shout", "papyrus"]);

    // A band that is not one of the three: our words, exit 3, nothing changed.
    env.cmd()
        .args(["profile", "young", "--age", "12"])
        .assert()
        .code(3)
        .stderr(predicate::str::contains("under-13, 13-15 or 16-17"));
    assert_eq!(env.json(&["profile"])["age_band"], "13-15");

    assert_eq!(
        env.ok(&["profile", "adult"]).trim(),
        "Set up for: an adult."
    );
    assert_eq!(env.json(&["help-now"])["contacts"][0]["id"], "emergency");
}

// ---- young people: tools in the profile's words, school staff mode ---------------------

#[test]
fn tools_are_listed_in_the_profiles_words_with_only_the_measures_for_its_age() {
    let env = Env::new();
    let ids = |v: serde_json::Value| -> Vec<String> {
        v.as_array()
            .unwrap()
            .iter()
            .map(|t| t["id"].as_str().unwrap().to_string())
            .collect()
    };
    let adult = ids(env.json(&["tools"]));
    assert!(adult.contains(&"phq9".to_string()));
    env.ok(&["profile", "young", "--age", "13-15"]);
    let list = env.json(&["tools"]);
    let young = ids(list.clone());
    for left_out in ["phq9", "gad7", "ons4"] {
        assert!(!young.contains(&left_out.to_string()), "{left_out}");
    }
    assert!(young.contains(&"swemwbs".to_string()));
    let checkin = list
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["id"] == "checkin")
        .unwrap();
    assert_eq!(checkin["title"], "How am I today?");
    assert!(env.ok(&["tools"]).contains("How am I today?"));
    let measures = env.json(&["measure", "list"]);
    let shown: Vec<&str> = measures
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["measure"].as_str().unwrap())
        .collect();
    assert_eq!(shown, ["swemwbs"]);
}

#[test]
fn school_contacts_are_added_listed_changed_deleted_and_checked() {
    let env = Env::new();
    assert!(env
        .ok(&["school", "contacts"])
        .contains("No school contacts"));
    let added = env.ok(&[
        "school",
        "add",
        "contact",
        "Designated safeguarding lead",
        "--name",
        "Ms Patel",
        "--phone",
        "01632 960 123",
        "--details",
        "Room 4, every lunchtime",
    ]);
    assert!(
        added.contains("Designated safeguarding lead · Ms Patel · 01632 960 123"),
        "{added}"
    );
    env.ok(&[
        "school",
        "add",
        "route",
        "CAMHS single point of access",
        "--phone",
        "0300 123 4567",
    ]);
    let list = env.ok(&["school", "contacts"]);
    assert!(list.contains("Who can help at school"), "{list}");
    assert!(list.contains(" 2. CAMHS single point of access"), "{list}");
    env.ok(&[
        "school",
        "edit",
        "1",
        "contact",
        "School nurse",
        "--name",
        "Mr Okoro",
    ]);
    let json = env.json(&["school", "contacts"]);
    assert_eq!(json[0]["role"], "School nurse");
    assert_eq!(
        json[0]["phone"],
        serde_json::Value::Null,
        "an edit replaces the entry"
    );
    // Bad input: exit 3, the field named, nothing changed.
    env.cmd()
        .args([
            "school",
            "add",
            "contact",
            "Counsellor",
            "--phone",
            "ring me",
        ])
        .assert()
        .code(3)
        .stderr(predicate::str::contains("phone"));
    env.cmd()
        .args(["school", "add", "teacher", "Head of year"])
        .assert()
        .code(3)
        .stderr(predicate::str::contains(
            "contact (someone at school) or route",
        ));
    assert_eq!(
        env.json(&["school", "contacts"]).as_array().unwrap().len(),
        2
    );
    env.ok(&["school", "delete", "2"]);
    assert_eq!(
        env.json(&["school", "contacts"]).as_array().unwrap().len(),
        1
    );
    env.cmd().args(["school", "delete", "5"]).assert().code(4);
}

#[test]
fn a_school_conversation_stores_nothing_and_ends_with_who_can_help() {
    let env = Env::new();
    env.ok(&[
        "school",
        "add",
        "contact",
        "Designated safeguarding lead",
        "--name",
        "Ms Patel",
    ]);
    let before = std::fs::read(env.db()).unwrap();
    let out = env.ok(&[
        "school", "talk", "checkin", "--age", "13-15", "-a", "2", "-a", "-", "-a", "-",
    ]);
    assert!(out.contains("Who can help at school"), "{out}");
    assert!(
        out.contains("Designated safeguarding lead · Ms Patel"),
        "{out}"
    );
    assert!(out.contains("Nothing was stored"), "{out}");
    // Nothing of the pupil's reached the staff member's store.
    assert_eq!(env.json(&["today"])["check_in"], serde_json::Value::Null);
    assert!(env.json(&["drafts"]).as_array().unwrap().is_empty());
    let _ = before;
    let help = env.ok(&["school", "who-can-help"]);
    assert!(
        help.contains("Ms Patel") && help.contains("Help outside school"),
        "{help}"
    );
    let guide = env.ok(&["school", "guide"]);
    for heading in [
        "Working together",
        "Common difficulties",
        "Referral routes",
        "Measuring wellbeing",
    ] {
        assert!(guide.contains(heading), "{heading}");
    }
    assert!(guide.contains("Link Programme"));
    env.cmd()
        .args(["school", "talk", "checkin", "--age", "12", "-a", "2"])
        .assert()
        .code(3);
}

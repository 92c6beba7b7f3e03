//! Taking data out and bringing it in, run against the built binary: the appointment
//! summary, export and import, conversation handoff (text and QR code) and thinking styles.

mod common;

use std::path::Path;

use common::Env;
use predicates::prelude::*;
use serde_json::Value;

fn phq9(env: &Env) {
    env.ok(&["measure", "take", "phq9", "--answers", "1,0,2,1,0,0,1,0,0"]);
}

fn json_err(env: &Env, args: &[&str], code: i32) -> Value {
    let out = env.cmd().arg("--json").args(args).output().unwrap();
    assert_eq!(out.status.code(), Some(code), "{args:?}");
    assert!(out.stdout.is_empty());
    serde_json::from_slice(&out.stderr).unwrap()
}

#[cfg(unix)]
fn private(p: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(p).unwrap().permissions().mode() & 0o077 == 0
}
#[cfg(not(unix))]
fn private(_: &Path) -> bool {
    true
}

// ---- report ------------------------------------------------------------------------------

#[test]
fn report_prints_the_text_writes_the_html_and_remembers() {
    let env = Env::new();
    env.ok(&["checkin", "6", "--note", "slept better"]);
    phq9(&env);
    let text = env.ok(&["report"]);
    // The core's own text, as it is: check-ins and the PHQ-9 score are in it.
    assert!(
        text.contains("Covers 27 October 2026 to 23 November 2026"),
        "{text}"
    );
    assert!(text.contains("5 of 27"), "{text}");
    assert!(
        !text.contains("slept better"),
        "notes only with --full-text: {text}"
    );

    let html = env.dir.path().join("summary.html");
    let txt = env.dir.path().join("summary.txt");
    let out = env.ok(&[
        "report",
        "--from",
        "2026-11-01",
        "--out",
        html.to_str().unwrap(),
        "--text-out",
        txt.to_str().unwrap(),
    ]);
    assert!(
        out.contains("summary.html") && out.contains("summary.txt"),
        "{out}"
    );
    let h = std::fs::read_to_string(&html).unwrap();
    assert!(
        h.to_lowercase().starts_with("<!doctype html"),
        "{}",
        &h[..40]
    );
    assert!(h.contains("<svg"), "charts are inline");
    assert!(std::fs::read_to_string(&txt)
        .unwrap()
        .contains("1 November 2026"));
    assert!(
        private(&html) && private(&txt),
        "summaries are the owner's only"
    );

    let v = env.json(&["report", "--to", "2026-11-22", "--full-text"]);
    assert_eq!(v["to"], "2026-11-22");
    assert_eq!(v["include_full_text"], true);
    assert!(v["html"].as_str().unwrap().contains("<html"));
    assert!(v["sections"].as_array().unwrap().len() >= 3);

    let hist = env.json(&["report", "history"]);
    assert_eq!(hist.as_array().unwrap().len(), 3);
    assert_eq!(hist[0]["include_full_text"], true);
    assert_eq!(hist[1]["from"], "2026-11-01");
    let t = env.ok(&["report", "history"]);
    assert!(
        t.contains("2026-11-01 to 2026-11-23") && t.contains("(full text)"),
        "{t}"
    );
}

#[test]
fn report_history_starts_empty() {
    let env = Env::new();
    assert!(env
        .ok(&["report", "history"])
        .contains("No summaries made yet"));
    assert_eq!(env.json(&["report", "history"]), Value::Array(vec![]));
}

#[test]
fn report_errors_change_nothing() {
    let env = Env::new();
    let html = env.dir.path().join("s.html");
    std::fs::write(&html, "mine").unwrap();
    let e = json_err(&env, &["report", "--out", html.to_str().unwrap()], 3);
    assert_eq!(e["field"], "out");
    env.cmd()
        .args(["report", "--text-out"])
        .arg(&html)
        .assert()
        .code(3)
        .stderr(predicate::str::contains("--force"));
    assert_eq!(std::fs::read_to_string(&html).unwrap(), "mine");
    // No summary was recorded for the refused runs.
    assert_eq!(env.json(&["report", "history"]), Value::Array(vec![]));
    // --force replaces it.
    env.ok(&["report", "--force", "--out", html.to_str().unwrap()]);
    assert!(std::fs::read_to_string(&html).unwrap().contains("<html"));

    for args in [
        ["report", "--from", "2026-11-30"],
        ["report", "--to", "2026-12-01"],
        ["report", "--from", "23/11/2026"],
        ["report", "--from", "2025-01-01"],
    ] {
        env.cmd()
            .args(args)
            .assert()
            .code(3)
            .stderr(predicate::str::starts_with("companion: invalid "));
    }
    let bad = env.dir.path().join("no/such/dir/s.html");
    env.cmd()
        .args(["report", "--out"])
        .arg(&bad)
        .assert()
        .code(5)
        .stderr(predicate::str::contains("could not write"));
    env.cmd()
        .args(["report", "history", "--full-text"])
        .assert()
        .code(2);
}

// ---- export, import, backup ------------------------------------------------------------

#[test]
fn export_then_import_merges_and_reports_per_table() {
    let a = Env::new();
    a.ok(&["checkin", "6"]);
    phq9(&a);
    let file = a.dir.path().join("backup.json");
    let out = a.ok(&["export", file.to_str().unwrap()]);
    assert!(
        out.contains("backup.json") && out.contains("companion import"),
        "{out}"
    );
    let doc: Value = serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
    assert_eq!(doc["format"], "wellbeing-companion-backup");

    let b = Env::new();
    let r = b.json(&["import", file.to_str().unwrap()]);
    assert_eq!(r["inserted"], 3, "{r}");
    assert_eq!(r["kept_existing"], 0);
    let measures = r["tables"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["table"] == "measures_results")
        .unwrap();
    assert_eq!(measures["inserted"], 1);
    assert_eq!(b.json(&["history", "checkin"])["entries"][0]["value"], 6);
    // Again: everything is already here.
    let t = b.ok(&["import", file.to_str().unwrap()]);
    assert!(t.contains("measures_results"), "{t}");
    assert!(t.contains("Added 0, already here 3, kept yours 0."), "{t}");

    // A store with its own check-in scale: the backup's check-in joins the store's on the
    // same scale; nothing of either is lost, and importing again adds nothing.
    let c = Env::new();
    c.ok(&["checkin", "3"]);
    let r = c.json(&["import", file.to_str().unwrap()]);
    assert_eq!(r["kept_existing"], 0, "{r}");
    let values: Vec<i64> = c.json(&["history", "checkin"])["entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["value"].as_i64().unwrap())
        .collect();
    assert_eq!(values.len(), 2, "{values:?}");
    assert!(values.contains(&3) && values.contains(&6), "{values:?}");
    let again = c.json(&["import", file.to_str().unwrap()]);
    assert_eq!(again["inserted"], 0, "{again}");
}

#[test]
fn export_and_import_errors() {
    let env = Env::new();
    let file = env.dir.path().join("b.json");
    std::fs::write(&file, "mine").unwrap();
    let e = json_err(&env, &["export", file.to_str().unwrap()], 3);
    assert_eq!(e["error"], "invalid_input");
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "mine");
    env.cmd().arg("export").assert().code(2);
    env.cmd()
        .args(["export", "--out", "x.csv"])
        .assert()
        .code(2);
    env.cmd()
        .args(["export", "f.json", "--list-csv"])
        .assert()
        .code(2);

    // A file that is not a backup is refused whole.
    env.ok(&["checkin", "5"]);
    env.cmd()
        .args(["import"])
        .arg(&file)
        .assert()
        .code(3)
        .stderr(predicate::str::contains("invalid backup"));
    let missing = env.dir.path().join("nope.json");
    env.cmd()
        .args(["import"])
        .arg(&missing)
        .assert()
        .code(5)
        .stderr(
            predicate::str::contains("could not read").and(predicate::str::contains("nope.json")),
        );
    assert_eq!(
        env.json(&["history", "checkin"])["entries"]
            .as_array()
            .unwrap()
            .len(),
        1
    );
}

#[test]
fn csv_exports_list_print_and_write() {
    let env = Env::new();
    env.ok(&["checkin", "6", "--note", "a, \"quoted\" note"]);
    let list = env.json(&["export", "--list-csv"]);
    assert!(list
        .as_array()
        .unwrap()
        .iter()
        .any(|i| i["id"] == "scaling_scales"));
    assert!(env
        .ok(&["export", "--list-csv"])
        .contains("companion export --csv"));
    let csv = env.ok(&["export", "--csv", "scaling"]);
    assert!(csv.starts_with("id,"), "{csv}");
    assert!(csv.contains("\"a, \"\"quoted\"\" note\""), "{csv}");
    let out = env.dir.path().join("scales.csv");
    env.ok(&["export", "--csv", "scaling", "--out", out.to_str().unwrap()]);
    assert_eq!(std::fs::read_to_string(&out).unwrap(), csv);
    assert!(private(&out));
    env.cmd()
        .args(["export", "--csv", "scaling", "--out"])
        .arg(&out)
        .assert()
        .code(3);
    env.ok(&[
        "export",
        "--csv",
        "scaling",
        "--out",
        out.to_str().unwrap(),
        "--force",
    ]);
    let e = json_err(&env, &["export", "--csv", "nothing-here"], 4);
    assert_eq!(e["error"], "not_found");
}

#[test]
fn backup_is_a_copy_of_the_data_file_that_opens_with_db() {
    let env = Env::new();
    env.ok(&["checkin", "6"]);
    let copy = env.dir.path().join("copy.db");
    let out = env.ok(&["backup", copy.to_str().unwrap()]);
    assert!(out.contains("--db"), "{out}");
    let h = env
        .cmd()
        .args([
            "--json",
            "--db",
            copy.to_str().unwrap(),
            "history",
            "checkin",
        ])
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&h.stdout).unwrap();
    assert_eq!(v["entries"][0]["value"], 6);
}

/// A disk that fills up mid-way (here: a file-size limit, with the signal ignored so the
/// write fails as it would on a full disk) leaves no empty or cut-short file that could be
/// mistaken for a backup later; what does get written is private.
#[cfg(unix)]
#[test]
fn a_backup_or_copy_that_cannot_be_written_whole_leaves_no_file() {
    let env = Env::new();
    let note = "n".repeat(3900);
    for _ in 0..25 {
        env.ok(&["checkin", "5", "--note", &note]);
    }
    for (cmd, name) in [("export", "b.json"), ("backup", "c.db")] {
        let target = env.dir.path().join(name);
        let script = format!("trap '' XFSZ; ulimit -f 64; exec \"$0\" {cmd} \"$1\"",);
        let out = std::process::Command::new("bash")
            .args(["-c", &script, env!("CARGO_BIN_EXE_companion")])
            .arg(&target)
            .env("COMPANION_DB", env.db())
            .env("COMPANION_NOW", common::NOW)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(5), "{cmd}: {out:?}");
        assert!(!target.exists(), "{cmd}: nothing left behind");
        // Without the limit it is written, for the owner's eyes only.
        env.ok(&[cmd, target.to_str().unwrap()]);
        assert!(private(&target), "{cmd}: 0600");
    }
}

// ---- handoff ---------------------------------------------------------------------------

/// Reads a drawn QR code back into light (true) / dark modules, two rows per line.
fn read_drawing(lines: &[&str]) -> Vec<Vec<bool>> {
    let mut rows = Vec::new();
    for l in lines {
        let (mut top, mut bottom) = (Vec::new(), Vec::new());
        for ch in l.chars() {
            let (t, b) = match ch {
                '█' => (true, true),
                '▀' => (true, false),
                '▄' => (false, true),
                ' ' => (false, false),
                other => panic!("unexpected {other:?}"),
            };
            top.push(t);
            bottom.push(b);
        }
        rows.push(top);
        rows.push(bottom);
    }
    rows
}

#[test]
fn talk_hands_over_text_and_a_scannable_qr_code() {
    let env = Env::new();
    let out = env.ok(&["talk", "checkin", "-a", "4", "-a", "-", "--handoff"]);
    assert!(out.contains("Nothing was stored."), "{out}");
    assert!(!env.db().exists(), "conversation mode opened no store");
    let payload = out
        .lines()
        .find(|l| l.starts_with("WBC1:"))
        .expect("the handoff text");
    let art: Vec<&str> = out
        .lines()
        .filter(|l| !l.is_empty() && l.chars().all(|c| "█▀▄ ".contains(c)))
        .collect();
    let grid = read_drawing(&art);
    let width = art[0].chars().count();
    assert!(art.iter().all(|l| l.chars().count() == width));
    // Quiet zone light on every side (4 modules at least), then the finder patterns:
    // dark ring, light ring, dark 3×3 centre, drawn dark in every corner but bottom-right.
    let q = 4;
    for r in 0..q {
        assert!(grid[r].iter().all(|&m| m), "top quiet row {r}");
        assert!(grid[width - 1 - r].iter().all(|&m| m), "bottom quiet row");
    }
    let size = width - 2 * q;
    let finder = |r0: usize, c0: usize| {
        for r in 0..7 {
            for c in 0..7 {
                let ring = r == 0 || r == 6 || c == 0 || c == 6;
                let centre = (2..=4).contains(&r) && (2..=4).contains(&c);
                let dark = ring || centre;
                assert_eq!(!grid[r0 + r][c0 + c], dark, "finder at {r0},{c0}: {r},{c}");
            }
        }
    };
    finder(q, q);
    finder(q, q + size - 7);
    finder(q + size - 7, q);

    // The text imports into the person's own store.
    let h = env.json(&["handoff", "import", payload]);
    assert_eq!(h["tool"], "checkin");
    assert_eq!(h["already_had"], false);
    let again = env.ok(&["handoff", "import", payload]);
    assert!(again.contains("You already had this summary"), "{again}");
    let file = env.dir.path().join("handoff.txt");
    std::fs::write(&file, format!("  {payload}\n")).unwrap();
    assert_eq!(
        env.json(&["handoff", "import", "--file", file.to_str().unwrap()])["already_had"],
        true
    );
    let list = env.json(&["handoff", "list"]);
    assert_eq!(list.as_array().unwrap().len(), 1);
    let id = list[0]["id"].as_str().unwrap().to_string();
    assert!(env.ok(&["handoff", "list"]).contains(&id));
    assert!(env.ok(&["handoff", "delete", &id]).contains("deleted"));
    assert!(env
        .ok(&["handoff", "list"])
        .contains("No summaries received yet"));
    env.cmd().args(["handoff", "delete", &id]).assert().code(4);
}

#[test]
fn talk_handoff_as_json_carries_the_matrix() {
    let env = Env::new();
    let v = env.json(&["talk", "checkin", "-a", "7", "-a", "-", "--handoff"]);
    assert_eq!(v["summary"]["tool"], "checkin");
    let qr = &v["handoff"]["qr"];
    let size = qr["size"].as_u64().unwrap() as usize;
    assert_eq!(qr["modules"].as_array().unwrap().len(), size * size);
    assert!(v["handoff"]["text"].as_str().unwrap().starts_with("WBC1:"));
}

#[test]
fn handoff_errors() {
    let env = Env::new();
    let e = json_err(&env, &["handoff", "import", "WBC1:NOT-A-REAL-ONE"], 3);
    assert_eq!(e["field"], "handoff");
    env.cmd().args(["handoff", "import"]).assert().code(2);
    env.cmd()
        .args(["handoff", "import", "WBC1:X", "--file", "f.txt"])
        .assert()
        .code(2);
    let missing = env.dir.path().join("none.txt");
    env.cmd()
        .args(["handoff", "import", "--file"])
        .arg(&missing)
        .assert()
        .code(5)
        .stderr(predicate::str::contains("could not read"));
    let big = env.dir.path().join("big.txt");
    std::fs::write(&big, "W".repeat(100_000)).unwrap();
    env.cmd()
        .args(["handoff", "import", "--file"])
        .arg(&big)
        .assert()
        .code(3);
    env.cmd()
        .args(["handoff", "delete", "not an id"])
        .assert()
        .code(4);
    assert_eq!(env.json(&["handoff", "list"]), Value::Array(vec![]));
}

// ---- thinking styles -----------------------------------------------------------------------

#[test]
fn thinking_styles_and_suggestions_come_from_the_core() {
    let env = Env::new();
    let styles = env.json(&["thinking", "styles"]);
    let styles = styles.as_array().unwrap();
    assert!(styles.len() >= 5);
    let text = env.ok(&["thinking", "styles"]);
    for s in styles {
        assert!(text.contains(s["name"].as_str().unwrap()));
        assert!(text.contains(s["balancing_questions"][1].as_str().unwrap()));
    }
    let thought = "I always get everything wrong";
    let v = env.json(&["thinking", "suggest", thought]);
    let first = &v[0];
    let m = &first["matches"][0];
    let (start, end) = (
        m["start"].as_u64().unwrap() as usize,
        m["end"].as_u64().unwrap() as usize,
    );
    let words: String = thought.chars().skip(start).take(end - start).collect();
    assert_eq!(m["text"], words.as_str());
    let t = env.ok(&["thinking", "suggest", thought]);
    assert!(t.contains(first["style_name"].as_str().unwrap()), "{t}");
    assert!(t.contains(&format!("“{words}”")), "{t}");
    assert!(
        t.contains(first["balancing_questions"][1].as_str().unwrap()),
        "{t}"
    );
    assert!(!env.db().exists(), "suggesting stores nothing");
    assert!(env
        .ok(&["thinking", "suggest", "The bus was on time"])
        .contains("No thinking style stood out"));
    assert_eq!(env.json(&["thinking", "suggest", ""]), Value::Array(vec![]));
}

#[test]
fn thought_record_history_shows_the_before_and_after() {
    let env = Env::new();
    let empty = env.json(&["history", "thought-records"]);
    assert_eq!(empty["total"], 0);
    let t = env.ok(&["history", "thought-records"]);
    assert_eq!(t.trim(), empty["empty_text"].as_str().unwrap());
    env.ok(&[
        "walk",
        "thought-record",
        "-a",
        "At work",
        "-a",
        "anxious",
        "-a",
        "80",
        "-a",
        "They think I'm useless",
        "-a",
        "-",
        "-a",
        "a mistake",
        "-a",
        "praise last week",
        "-a",
        "One mistake is not everything",
        "-a",
        "40",
    ]);
    let h = env.json(&["history", "thought-records"]);
    assert_eq!(h["total"], 1);
    let t = env.ok(&["history", "thought-records"]);
    assert!(t.contains("They think I'm useless"), "{t}");
    assert!(
        t.contains(h["items"][0]["emotion_lines"][0].as_str().unwrap()),
        "{t}"
    );
    assert!(t.contains("█"), "the chart is drawn: {t}");
    env.cmd()
        .args(["history", "thought-records", "--page", "x"])
        .assert()
        .code(2);
}

// ---- help ----------------------------------------------------------------------------------

#[test]
fn every_new_command_has_help_with_exit_codes() {
    let env = Env::new();
    for args in [
        vec!["report", "--help"],
        vec!["export", "--help"],
        vec!["import", "--help"],
        vec!["backup", "--help"],
        vec!["handoff", "import", "--help"],
    ] {
        env.cmd()
            .args(&args)
            .assert()
            .success()
            .stdout(predicate::str::contains("Exit codes:"));
    }
    for args in [
        vec!["handoff", "--help"],
        vec!["thinking", "--help"],
        vec!["talk", "--help"],
    ] {
        env.cmd().args(&args).assert().success();
    }
    env.cmd()
        .args(["talk", "--help"])
        .assert()
        .stdout(predicate::str::contains("--handoff"));
    env.cmd()
        .args(["backup", "--help"])
        .assert()
        .stdout(predicate::str::contains("companion export"));
}

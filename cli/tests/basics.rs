//! The shell's own behaviour, tool-independent: the store's place, help, exit codes, errors.

mod common;

use common::Env;
use predicates::prelude::*;

#[test]
fn the_default_store_is_created_in_the_data_directory() {
    let env = Env::new();
    assert!(!env.default_db().exists());
    env.bare()
        .arg("info")
        .assert()
        .success()
        .stdout(predicate::str::contains(
            env.default_db().display().to_string(),
        ));
    assert!(env.default_db().exists());
}

#[test]
fn db_flag_overrides_the_environment_variable() {
    let env = Env::new();
    std::fs::create_dir(env.dir.path().join("sub")).unwrap();
    let other = env.dir.path().join("sub/other.db");
    let v = env.json(&["--db", other.to_str().unwrap(), "info"]);
    assert_eq!(v["database"], other.display().to_string());
    assert!(other.exists() && !env.db().exists());
    let v = env.json(&["info"]);
    assert_eq!(v["database"], env.db().display().to_string());
    assert_eq!(v["today"], "2026-11-23");
}

#[test]
fn a_db_in_a_folder_that_is_not_there_is_refused_and_nothing_is_made() {
    let env = Env::new();
    let missing = env.dir.path().join("usb-stick/companion.db");
    env.cmd()
        .args(["--db", missing.to_str().unwrap(), "today"])
        .assert()
        .code(5)
        .stderr(predicate::str::contains("does not exist"))
        .stderr(predicate::str::contains("nothing was created"));
    assert!(!missing.parent().unwrap().exists(), "no folder made");
    // Help now still answers: the contacts never depend on the store.
    env.cmd()
        .args(["--db", missing.to_str().unwrap(), "help-now"])
        .assert()
        .success()
        .stdout(predicate::str::contains("999"));
}

#[test]
fn help_is_offered_on_every_command() {
    let env = Env::new();
    let out = env.ok(&["--help"]);
    assert!(
        out.contains("Exit codes:") && out.contains("help-now"),
        "{out}"
    );
    for cmd in [
        "help-now",
        "tools",
        "walk",
        "talk",
        "drafts",
        "info",
        "backup",
        "today",
        "week",
        "history",
        "checkin",
        "five-ways",
        "scale",
        "measure",
    ] {
        let out = env.cmd().args([cmd, "--help"]).output().unwrap();
        assert!(out.status.success(), "{cmd} --help");
        assert!(
            String::from_utf8_lossy(&out.stdout).contains("Usage: companion"),
            "{cmd}"
        );
    }
}

#[test]
fn usage_mistakes_exit_2_with_one_line() {
    let env = Env::new();
    for args in [
        vec!["bogus"],
        vec!["walk"],
        vec!["--now", "yesterday", "info"],
        vec!["info", "--nope"],
    ] {
        env.cmd()
            .args(&args)
            .assert()
            .code(2)
            .stdout("")
            .stderr(predicate::str::is_match("^companion: [^\n]+\n$").unwrap());
    }
    // With --json the mistake is one JSON object.
    let out = env.cmd().args(["--json", "bogus"]).output().unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stderr).unwrap();
    assert_eq!(v["error"], "usage");
}

#[test]
fn an_unknown_tool_or_draft_is_not_found() {
    let env = Env::new();
    for args in [
        vec!["walk", "no-such-tool"],
        vec!["talk", "no-such-tool"],
        vec!["drafts", "resume", "0000"],
        vec!["drafts", "delete", "../etc"],
    ] {
        env.cmd()
            .args(&args)
            .assert()
            .code(4)
            .stderr(predicate::str::starts_with("companion: no "));
    }
    let out = env
        .cmd()
        .args(["--json", "walk", "no-such-tool"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(4));
    let v: serde_json::Value = serde_json::from_slice(&out.stderr).unwrap();
    assert_eq!(v["error"], "not_found");
    assert_eq!(v["what"], "tool");
}

#[test]
fn a_corrupt_store_is_set_aside_and_reported() {
    let env = Env::new();
    std::fs::write(env.db(), vec![b'x'; 8192]).unwrap();
    env.cmd()
        .arg("info")
        .assert()
        .code(5)
        .stderr(predicate::str::contains("could not be read"));
    let kept = std::fs::read_dir(env.dir.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .any(|e| e.file_name().to_string_lossy().contains(".corrupt-"));
    assert!(kept, "the unreadable file is kept aside");
    // The next run starts a fresh store.
    env.ok(&["info"]);
}

#[test]
fn a_store_from_a_newer_version_is_refused_untouched() {
    let env = Env::new();
    {
        let c = rusqlite::Connection::open(env.db()).unwrap();
        c.execute_batch("CREATE TABLE future(x); PRAGMA application_id = 1463960369; PRAGMA user_version = 999;")
            .unwrap();
    }
    let before = std::fs::read(env.db()).unwrap();
    env.cmd()
        .arg("info")
        .assert()
        .code(5)
        .stderr(predicate::str::contains("newer version"));
    assert_eq!(std::fs::read(env.db()).unwrap(), before);
}

#[test]
fn a_store_that_cannot_be_created_is_a_storage_error() {
    let env = Env::new();
    // A directory where the file should be.
    std::fs::create_dir(env.db()).unwrap();
    env.cmd().arg("info").assert().code(5);
}

#[test]
fn drafts_start_empty() {
    let env = Env::new();
    assert!(env.ok(&["drafts"]).contains("No drafts"));
    assert_eq!(env.json(&["drafts", "list"]), serde_json::json!([]));
}

#[test]
fn backup_writes_a_copy_and_never_overwrites() {
    let env = Env::new();
    let copy = env.dir.path().join("copy.db");
    env.ok(&["backup", copy.to_str().unwrap()]);
    assert!(copy.exists());
    env.cmd()
        .args(["backup", copy.to_str().unwrap()])
        .assert()
        .code(3)
        .stderr(predicate::str::contains("already a file with that name"));
}

#[cfg(unix)]
#[test]
fn a_new_store_is_private_to_its_owner() {
    use std::os::unix::fs::PermissionsExt;
    let env = Env::new();
    env.bare().arg("info").assert().success();
    let mode = |p: &std::path::Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&env.default_db()), 0o600);
    assert_eq!(mode(env.default_db().parent().unwrap()), 0o700);
}

/// A store this account may only read (here: root's file, read as `nobody`): viewing works,
/// saving says plainly why it cannot. Needs root and `runuser` to switch accounts; elsewhere
/// the core's own test of the read-only path stands.
#[cfg(unix)]
#[test]
fn a_store_that_can_only_be_read_is_viewed_and_writes_are_refused_plainly() {
    use std::os::unix::fs::PermissionsExt;
    let is_root = std::process::Command::new("id")
        .arg("-u")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
        .unwrap_or(false);
    let runuser = std::path::Path::new("/usr/sbin/runuser");
    if !is_root || !runuser.exists() {
        eprintln!("skipped: needs root and runuser to read as another account");
        return;
    }
    let env = Env::new();
    env.ok(&["checkin", "6"]);
    std::fs::set_permissions(env.dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    std::fs::set_permissions(env.db(), std::fs::Permissions::from_mode(0o644)).unwrap();
    let before = std::fs::read(env.db()).unwrap();
    let as_nobody = |args: &[&str]| {
        std::process::Command::new(runuser)
            .args(["-u", "nobody", "--", env!("CARGO_BIN_EXE_companion")])
            .args(args)
            .env("COMPANION_DB", env.db())
            .env("COMPANION_NOW", common::NOW)
            .env("HOME", "/tmp")
            .output()
            .unwrap()
    };
    let today = as_nobody(&["today"]);
    assert!(today.status.success(), "{today:?}");
    assert!(String::from_utf8_lossy(&today.stdout).contains("Check-in: 6 on a scale"));
    let write = as_nobody(&["checkin", "2"]);
    assert_eq!(write.status.code(), Some(5));
    assert!(
        String::from_utf8_lossy(&write.stderr).contains("read-only"),
        "{write:?}"
    );
    assert_eq!(std::fs::read(env.db()).unwrap(), before, "nothing changed");
}

use super::*;
use crate::{PlanStatus, SafetyPlanSectionKind, WellbeingStore};
use std::collections::BTreeMap;

/// Every file in the folder with its bytes: "nothing was written" means this is unchanged.
fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            let e = e.unwrap();
            (
                e.file_name().to_string_lossy().into_owned(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect()
}

fn path_string(p: &Path) -> Option<String> {
    Some(p.display().to_string())
}

/// A store file with a written plan, closed again.
fn store_with_plan(path: &Path) {
    let s = WellbeingStore::open(path.display().to_string()).unwrap();
    s.set_fixed_time(1_795_168_800_000, 0).unwrap();
    s.safety_plan_set_section(
        SafetyPlanSectionKind::PeopleToAsk,
        vec!["My sister".into(), "Sam next door".into()],
    )
    .unwrap();
}

fn assert_contacts_and_grounding(h: &SafetyHelpNow) {
    let ids: Vec<&str> = h.contacts.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(&ids[..2], ["emergency", "samaritans"]);
    assert_eq!(h.contacts, crate::crisis_contacts());
    assert!(h.grounding.len() >= 3, "grounding steps: {:?}", h.grounding);
    assert!(!h.grounding_heading.is_empty());
}

fn people_to_ask(h: &SafetyHelpNow) -> Vec<String> {
    h.plan
        .as_ref()
        .expect("plan shown")
        .sections
        .iter()
        .find(|s| s.section == SafetyPlanSectionKind::PeopleToAsk)
        .unwrap()
        .items
        .clone()
}

#[test]
fn no_path_gives_contacts_and_no_store() {
    for p in [None, Some(String::new()), Some("  ".into())] {
        let h = help_now_without_store(p);
        assert_contacts_and_grounding(&h);
        assert_eq!(h.plan_status, PlanStatus::NoStore);
        assert!(h.plan.is_none());
    }
}

#[test]
fn missing_file_is_not_created() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("nothing-here.db");
    let h = help_now_without_store(path_string(&path));
    assert_contacts_and_grounding(&h);
    assert_eq!(h.plan_status, PlanStatus::NoStore);
    assert!(!path.exists());
    assert!(snapshot(dir.path()).is_empty());
    // Nor is a missing folder.
    let deeper = dir.path().join("no-folder").join("companion.db");
    assert_eq!(
        help_now_without_store(path_string(&deeper)).plan_status,
        PlanStatus::NoStore
    );
    assert!(!dir.path().join("no-folder").exists());
}

#[test]
fn corrupt_file_is_left_byte_for_byte() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("companion.db");
    std::fs::write(
        &path,
        b"this is not a database, just some bytes. ".repeat(200),
    )
    .unwrap();
    let before = snapshot(dir.path());
    let h = help_now_without_store(path_string(&path));
    assert_contacts_and_grounding(&h);
    assert_eq!(h.plan_status, PlanStatus::Unreadable);
    assert!(h.plan.is_none());
    // It must not claim the plan is unwritten: it may well be in there.
    let unreadable = h.no_plan_text.expect("says the plan could not be read");
    assert_ne!(
        Some(unreadable),
        help_now_without_store(None).no_plan_text,
        "unreadable wording differs from not-written wording"
    );
    assert_eq!(
        snapshot(dir.path()),
        before,
        "no rename, no companion files"
    );
}

#[test]
fn damaged_store_with_a_plan_is_unreadable_and_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("companion.db");
    store_with_plan(&path);
    // Overwrite the first page: the header and schema are gone.
    let mut bytes = std::fs::read(&path).unwrap();
    for b in bytes.iter_mut().take(4096) {
        *b = 0xA5;
    }
    std::fs::write(&path, &bytes).unwrap();
    let before = snapshot(dir.path());
    let h = help_now_without_store(path_string(&path));
    assert_eq!(h.plan_status, PlanStatus::Unreadable);
    assert_contacts_and_grounding(&h);
    assert_eq!(snapshot(dir.path()), before);
}

#[test]
fn plan_is_shown_from_a_closed_store_without_writing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("companion.db");
    store_with_plan(&path);
    let before = snapshot(dir.path());
    let h = help_now_without_store(path_string(&path));
    assert_eq!(h.plan_status, PlanStatus::Shown);
    assert_eq!(people_to_ask(&h), ["My sister", "Sam next door"]);
    assert!(h.no_plan_text.is_none());
    assert_contacts_and_grounding(&h);
    assert_eq!(snapshot(dir.path()), before);
}

#[test]
fn plan_is_shown_while_the_app_holds_the_store_open() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("companion.db");
    let s = WellbeingStore::open(path.display().to_string()).unwrap();
    s.set_fixed_time(1_795_168_800_000, 0).unwrap();
    s.safety_plan_set_section(SafetyPlanSectionKind::PeopleToAsk, vec!["Mum".into()])
        .unwrap();
    let h = help_now_without_store(path_string(&path));
    assert_eq!(h.plan_status, PlanStatus::Shown);
    assert_eq!(people_to_ask(&h), ["Mum"]);
    // The app carries on writing as before.
    s.safety_plan_set_section(SafetyPlanSectionKind::PeopleToAsk, vec!["Dad".into()])
        .unwrap();
    assert_eq!(
        people_to_ask(&help_now_without_store(path_string(&path))),
        ["Dad"]
    );
}

#[test]
fn empty_store_says_not_written() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("companion.db");
    drop(WellbeingStore::open(path.display().to_string()).unwrap());
    let h = help_now_without_store(path_string(&path));
    assert_eq!(h.plan_status, PlanStatus::NotWritten);
    assert!(h.plan.is_none());
    assert!(h.no_plan_text.is_some());
}

#[cfg(unix)]
#[test]
fn read_only_file_shows_the_plan() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("companion.db");
    store_with_plan(&path);
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o400)).unwrap();
    let before = snapshot(dir.path());
    let h = help_now_without_store(path_string(&path));
    assert_eq!(h.plan_status, PlanStatus::Shown);
    assert_eq!(people_to_ask(&h), ["My sister", "Sam next door"]);
    assert_eq!(snapshot(dir.path()), before);
    let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o400);
}

#[test]
fn newer_schema_is_unreadable_and_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("companion.db");
    store_with_plan(&path);
    {
        let c = rusqlite::Connection::open(&path).unwrap();
        c.execute_batch("PRAGMA journal_mode = DELETE; PRAGMA user_version = 999;")
            .unwrap();
    }
    let before = snapshot(dir.path());
    let h = help_now_without_store(path_string(&path));
    assert_eq!(h.plan_status, PlanStatus::Unreadable);
    assert!(h.plan.is_none());
    assert_contacts_and_grounding(&h);
    assert_eq!(snapshot(dir.path()), before);
    let v: i64 = rusqlite::Connection::open(&path)
        .unwrap()
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(v, 999);
}

#[test]
fn folder_and_odd_names_do_not_fail() {
    let dir = tempfile::tempdir().unwrap();
    assert_eq!(
        help_now_without_store(path_string(dir.path())).plan_status,
        PlanStatus::Unreadable
    );
    let odd = dir.path().join("a?b#c%d.db");
    store_with_plan(&odd);
    let h = help_now_without_store(path_string(&odd));
    assert_eq!(h.plan_status, PlanStatus::Shown);
}

#[test]
fn store_help_now_fills_the_same_fields() {
    let s = WellbeingStore::open_in_memory().unwrap();
    let h = s.help_now().unwrap();
    assert_eq!(h.plan_status, PlanStatus::NotWritten);
    assert_contacts_and_grounding(&h);
    s.safety_plan_set_section(SafetyPlanSectionKind::PeopleToAsk, vec!["Jo".into()])
        .unwrap();
    let h = s.help_now().unwrap();
    assert_eq!(h.plan_status, PlanStatus::Shown);
    assert_eq!(people_to_ask(&h), ["Jo"]);
}

#[test]
fn grounding_wording_names_its_source() {
    let c = crate::crisis::content::content().unwrap();
    assert!(c.sources.contains_key(&c.grounding.source));
    assert!(!c.help_now.plan_unreadable.is_empty());
}

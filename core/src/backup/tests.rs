use super::checksum::*;
use super::format::*;
use super::schema::*;
use super::values::*;
use super::*;
use serde_json::Value;

use crate::WellbeingError;
#[allow(unused_imports)]
use crate::{MeasureId, SafetyFlagCode, ToolGroup, ToolId, WayId};
use std::sync::Arc;

const T0: i64 = 1_795_000_000_000; // 2026-11-18

/// A store with a parent/child pair of test tables next to the real schema.
fn store() -> Arc<WellbeingStore> {
    let c = WellbeingStore::open_in_memory().unwrap();
    c.set_fixed_time(T0, 0).unwrap();
    c.write(|tx| {
            tx.execute_batch(
                "CREATE TABLE zz_entries (id TEXT PRIMARY KEY NOT NULL, local_date TEXT NOT NULL,
                    score INTEGER NOT NULL CHECK (score BETWEEN 0 AND 10), weight REAL,
                    note TEXT, utc_ms INTEGER NOT NULL DEFAULT 0, UNIQUE(local_date));
                 CREATE TABLE zz_tags (entry_id TEXT NOT NULL REFERENCES zz_entries(id) ON DELETE CASCADE,
                    tag TEXT NOT NULL, PRIMARY KEY (entry_id, tag));",
            )?;
            Ok(())
        })
        .unwrap();
    c
}

fn fill(c: &WellbeingStore) {
    c.write(|tx| {
            tx.execute_batch(
                "INSERT INTO zz_entries VALUES ('b', '2026-11-02', 7, 1.5, 'a \"quoted\", note\nline 2', 5);
                 INSERT INTO zz_entries VALUES ('a', '2026-11-01', 3, NULL, '=SUM(A1)', 4);
                 INSERT INTO zz_tags VALUES ('a', 'walk'), ('a', 'call'), ('b', 'read');
                 INSERT INTO flow_drafts VALUES ('d1', 'phq9', NULL, '[]', 1, 2, '2026-11-18 09:00');",
            )?;
            Ok(())
        })
        .unwrap();
}

fn count(c: &WellbeingStore, table: &str) -> i64 {
    c.read(|c| {
        Ok(
            c.query_row(&format!("SELECT count(*) FROM {}", quote(table)), [], |r| {
                r.get(0)
            })?,
        )
    })
    .unwrap()
}

/// The rule a refused backup broke, as its text id.
fn backup_field_err(r: ApiResult<ImportReport>) -> String {
    match r {
        Err(WellbeingError::InvalidInput { field, rule, .. }) => {
            assert_eq!(field, "backup");
            rule.as_str().to_string()
        }
        other => panic!("expected a refused backup, got {other:?}"),
    }
}

#[test]
fn answers_on_the_same_scale_in_two_stores_all_survive_the_merge() {
    // Two stores, each with its own "daily check-in 0–10" scale (same scale, other ids).
    let day = 86_400_000;
    let a = WellbeingStore::open_in_memory().unwrap();
    let b = WellbeingStore::open_in_memory().unwrap();
    for i in 0..3 {
        a.set_fixed_time(1_794_996_000_000 + i * day, 0).unwrap();
        a.scaling_check_in(7, Some(format!("a{i}"))).unwrap();
    }
    for i in 3..5 {
        b.set_fixed_time(1_794_996_000_000 + i * day, 0).unwrap();
        b.scaling_check_in(2, None).unwrap();
    }
    let checkins = |c: &WellbeingStore| count(c, "scaling_entries");
    let rep = b.import_backup(a.export_backup().unwrap()).unwrap();
    let scales = rep
        .tables
        .iter()
        .find(|t| t.table == "scaling_scales")
        .unwrap();
    assert_eq!(
        (
            scales.inserted,
            scales.already_present,
            scales.kept_existing
        ),
        (0, 1, 0)
    );
    let entries = rep
        .tables
        .iter()
        .find(|t| t.table == "scaling_entries")
        .unwrap();
    assert_eq!((entries.inserted, entries.kept_existing), (3, 0));
    assert_eq!(checkins(&b), 5, "none of either store's check-ins is lost");
    assert_eq!(count(&b, "scaling_scales"), 1, "still one check-in scale");
    // The imported answers are on the store's scale: one history holds all five days.
    let scale = b
        .scaling_scales()
        .unwrap()
        .into_iter()
        .find(|s| s.template == "checkin")
        .unwrap();
    assert_eq!(
        b.scaling_history(scale.scale_id, 0, 100)
            .unwrap()
            .entries
            .len(),
        5
    );
    // Importing again adds nothing.
    let again = b.import_backup(a.export_backup().unwrap()).unwrap();
    assert_eq!(again.inserted, 0);
    assert_eq!(checkins(&b), 5);
}

#[test]
fn round_trip_gives_an_identical_document() {
    let a = store();
    fill(&a);
    let doc = a.export_backup().unwrap();
    let b = store();
    let rep = b.import_backup(doc.clone()).unwrap();
    assert_eq!(rep.inserted, 6);
    assert_eq!(rep.already_present + rep.kept_existing, 0);
    assert_eq!(b.export_backup().unwrap(), doc);
    // The header says what the file is.
    let v: Value = serde_json::from_str(&doc).unwrap();
    assert_eq!(v["format"], FORMAT);
    assert_eq!(v["format_version"], 1);
    assert_eq!(v["schema_version"], crate::store::schema::VERSION);
    assert_eq!(v["exported_at"], "2026-11-18T11:06:40Z");
    assert!(v["checksum"].as_str().unwrap().starts_with("sha256:"));
    // Rows come in primary-key order whatever the insertion order.
    assert_eq!(v["tables"]["zz_entries"][0]["id"], "a");
    // Every table of the schema is there, empty or not.
    assert!(v["tables"]["flow_drafts"].is_array());
}

#[test]
fn importing_twice_adds_nothing_and_conflicts_keep_the_store() {
    let a = store();
    fill(&a);
    let doc = a.export_backup().unwrap();
    let rep = a.import_backup(doc.clone()).unwrap();
    assert_eq!(
        (rep.inserted, rep.already_present, rep.kept_existing),
        (0, 6, 0)
    );
    // Change a record here; re-importing the old backup keeps the new version.
    a.write(|tx| Ok(tx.execute("UPDATE zz_entries SET score = 9 WHERE id = 'a'", [])?))
        .unwrap();
    // A different record on the same (unique) day is also kept, not duplicated.
    let b = store();
    b.write(|tx| {
        Ok(tx.execute(
            "INSERT INTO zz_entries (id, local_date, score) VALUES ('z', '2026-11-02', 1)",
            [],
        )?)
    })
    .unwrap();
    // The changed record's children in the backup are kept out with it.
    let rep = a.import_backup(doc.clone()).unwrap();
    assert_eq!((rep.inserted, rep.kept_existing), (0, 3));
    let s: i64 = a
        .read(|c| {
            Ok(
                c.query_row("SELECT score FROM zz_entries WHERE id='a'", [], |r| {
                    r.get(0)
                })?,
            )
        })
        .unwrap();
    assert_eq!(s, 9);
    let rep = b.import_backup(doc).unwrap();
    let t = rep.tables.iter().find(|t| t.table == "zz_entries").unwrap();
    assert_eq!((t.inserted, t.kept_existing), (1, 1));
    // 'b' clashed with the store's record for that day, so its tag stays out too.
    let t = rep.tables.iter().find(|t| t.table == "zz_tags").unwrap();
    assert_eq!((t.inserted, t.kept_existing), (2, 1));
    assert_eq!(count(&b, "zz_entries"), 2);
}

#[test]
fn refused_files_change_nothing() {
    let a = store();
    fill(&a);
    let good = a.export_backup().unwrap();
    let b = store();
    b.write(|tx| {
        Ok(tx.execute(
            "INSERT INTO zz_entries (id, local_date, score) VALUES ('x', '2026-10-01', 2)",
            [],
        )?)
    })
    .unwrap();
    let before = b.export_backup().unwrap();

    // Truncated.
    let r = backup_field_err(b.import_backup(good[..good.len() / 2].to_string()));
    assert_eq!(r, "not-readable");
    // Not JSON, not ours.
    assert_eq!(
        backup_field_err(b.import_backup("hello".into())),
        "not-readable"
    );
    assert_eq!(
        backup_field_err(b.import_backup("{\"a\":1}".into())),
        "not-readable"
    );
    assert_eq!(
        backup_field_err(b.import_backup("[]".into())),
        "not-readable"
    );
    // Tampered: one value changed, checksum left.
    let tampered = good.replace("\"score\":7", "\"score\":8");
    assert_ne!(tampered, good);
    assert_eq!(backup_field_err(b.import_backup(tampered)), "not-readable");
    // Newer format and newer schema.
    let newer = good.replace("\"format_version\": 1", "\"format_version\": 2");
    assert_eq!(backup_field_err(b.import_backup(newer)), "too-new");
    let newer_schema = good.replace(
        &format!("\"schema_version\": {}", crate::store::schema::VERSION),
        "\"schema_version\": 999",
    );
    assert!(matches!(
        b.import_backup(newer_schema),
        Err(WellbeingError::NewerDatabase { found: 999, .. })
    ));
    assert_eq!(b.export_backup().unwrap(), before);
}

/// Builds a document with a valid checksum around hostile `tables`.
fn forged(tables: Value) -> String {
    serde_json::json!({
        "format": FORMAT, "format_version": 1, "schema_version": 1,
        "exported_at": "2026-01-01T00:00:00Z", "checksum": checksum(&tables), "tables": tables,
    })
    .to_string()
}

#[test]
fn rows_with_the_right_types_but_no_meaning_are_refused() {
    let c = WellbeingStore::open_in_memory().unwrap();
    c.set_fixed_time(1_794_996_000_000, 0).unwrap();
    c.five_ways_log(crate::FiveWaysInput {
        what: "Walked to the shop".into(),
        ways: vec![crate::WayId::parse("be-active").unwrap()],
        note: None,
        date: None,
        time: None,
    })
    .unwrap();
    c.scaling_check_in(6, None).unwrap();
    c.take_measure(crate::MeasureInput {
        measure: MeasureId::Phq9,
        answers: vec![1, 0, 0, 0, 0, 0, 0, 0, 0],
        date: None,
        time: None,
    })
    .unwrap();
    c.safety_plan_set_section(
        crate::SafetyPlanSectionKind::PeopleToAsk,
        vec!["My sister".into()],
    )
    .unwrap();
    let before = c.export_backup().unwrap();
    let doc: Value = serde_json::from_str(&before).unwrap();
    let t = &doc["tables"];
    let entry_id = t["five_ways_entries"][0]["id"].clone();
    let mut cases: Vec<(&str, Value, &str)> = vec![];
    for (column, value, reason) in [
        (
            "section",
            "not-a-section",
            "a plan section this build does not know",
        ),
        ("text", "two\nlines", "a plan item the form would refuse"),
    ] {
        let mut item = t["safety_plan_items"][0].clone();
        item["id"] = Value::from(format!("forged-{column}"));
        item["position"] = Value::from(5);
        item[column] = Value::from(value);
        cases.push(("safety_plan_items", item, reason));
    }
    for way in ["x", "\u{0}", "Connect"] {
        cases.push((
            "five_ways_entry_ways",
            serde_json::json!({"entry_id": entry_id, "way": way}),
            "a way that is not one of the five",
        ));
    }
    let mut scale = t["scaling_scales"][0].clone();
    scale["id"] = Value::from("forged-scale");
    scale["template"] = Value::from("not-a-template");
    scale["subject_key"] = Value::from("forged");
    cases.push(("scaling_scales", scale, "an unknown scale template"));
    let mut wide = t["scaling_scales"][0].clone();
    wide["id"] = Value::from("forged-wide");
    wide["subject_key"] = Value::from("wide");
    wide["scale_max"] = Value::from(100);
    cases.push((
        "scaling_scales",
        wide,
        "a range the template does not allow",
    ));
    for (column, value) in [
        ("flags", Value::from("[\"2026-13-45\"]")),
        ("flags", Value::from("[\"phq9-item9\"]")),
        ("total", Value::from(27)),
        ("band", Value::from("severe")),
    ] {
        let mut r = t["measures_results"][0].clone();
        r["id"] = Value::from(format!("forged-{column}"));
        r[column] = value;
        cases.push((
            "measures_results",
            r,
            "a derived score its answers do not give",
        ));
    }
    for (table, bad, reason) in cases {
        let r = c.import_backup(forged(serde_json::json!({ table: [bad] })));
        match r {
            Err(WellbeingError::InvalidInput { rule, .. }) => {
                assert_eq!(rule, crate::rules::RuleCode::NotReadable, "{reason}")
            }
            other => panic!("{reason}: expected a refusal, got {other:?}"),
        }
        assert_eq!(
            c.export_backup().unwrap(),
            before,
            "{reason}: nothing changed"
        );
    }
    // The untouched document still imports: the checks refuse meaning, not data.
    let again = c.import_backup(before.clone()).unwrap();
    assert_eq!(again.inserted, 0);
}

#[test]
fn rows_the_app_cannot_read_are_refused_and_the_safety_flag_stays() {
    let c = WellbeingStore::open_in_memory().unwrap();
    c.set_fixed_time(1_794_996_000_000, 0).unwrap();
    c.take_measure(crate::MeasureInput {
        measure: MeasureId::Phq9,
        answers: vec![0, 0, 0, 0, 0, 0, 0, 0, 2],
        date: None,
        time: None,
    })
    .unwrap();
    c.five_areas_create(crate::FiveAreasInput {
        title: Some("Work".into()),
        date: None,
        time: None,
        situation: Some("A deadline".into()),
        thoughts: vec!["I will not finish".into()],
        feelings: vec![crate::FiveAreasFeeling {
            name: "anxious".into(),
            intensity: 70,
        }],
        physical: vec![],
        behaviour: vec![],
        links: vec![],
        change: None,
        complete: false,
    })
    .unwrap();
    let before = c.export_backup().unwrap();
    // A hand-edited backup with a recomputed checksum: a result whose answers cannot
    // score, then one with an impossible date.
    let doc: Value = serde_json::from_str(&before).unwrap();
    let mut row = doc["tables"]["measures_results"][0].clone();
    row["id"] = Value::from("forged-1");
    row["answers"] = Value::from("[9,9,9,9,9,9,9,9,9]");
    let mut dated = doc["tables"]["measures_results"][0].clone();
    dated["id"] = Value::from("forged-2");
    dated["local_date"] = Value::from("2026-02-30");
    let mut sheet = doc["tables"]["five_areas_worksheets"][0].clone();
    sheet["id"] = Value::from("forged-3");
    sheet["thoughts"] = Value::from("not a list");
    for (table, bad, reason) in [
        ("measures_results", row, "cannot read"),
        ("measures_results", dated, "unreadable date"),
        ("five_areas_worksheets", sheet, "cannot read"),
    ] {
        let r = c.import_backup(forged(serde_json::json!({ table: [bad] })));
        match r {
            // `reason` documents which check refuses it; the person hears the rule.
            Err(WellbeingError::InvalidInput { rule, .. }) => {
                assert_eq!(rule, crate::rules::RuleCode::NotReadable, "{reason}")
            }
            other => panic!("expected a refusal, got {other:?}"),
        }
        assert_eq!(c.export_backup().unwrap(), before, "nothing changed");
        let t = c.today().unwrap();
        assert_eq!(t.safety_flags().len(), 1, "support still comes first");
    }
}

#[test]
fn hostile_documents_with_valid_checksums_are_refused() {
    let b = store();
    fill(&b);
    let before = b.export_backup().unwrap();
    let cases = [
        (serde_json::json!({"sqlite_master": []}), "does not know"),
        (
            serde_json::json!({"zz_entries; DROP TABLE zz_tags": []}),
            "does not know",
        ),
        (
            serde_json::json!({"zz_entries": [{"id": "n", "local_date": "2026-01-01", "score": 1, "evil": 1}]}),
            "column this app does not know",
        ),
        (
            serde_json::json!({"zz_entries": [{"id": "n", "local_date": "2026-01-01", "score": "1"}]}),
            "wrong type",
        ),
        (
            serde_json::json!({"zz_entries": [{"id": "n", "local_date": "2026-01-01", "score": true}]}),
            "true/false",
        ),
        (
            serde_json::json!({"zz_entries": [{"id": "n", "local_date": "2026-01-01", "score": [1]}]}),
            "number, text or null",
        ),
        (
            serde_json::json!({"zz_entries": [{"id": "n", "local_date": "2026-01-01"}]}),
            "without column score",
        ),
        (
            serde_json::json!({"zz_entries": [{"id": null, "local_date": "2026-01-01", "score": 1}]}),
            "required",
        ),
        (
            serde_json::json!({"zz_entries": [{"id": "n", "local_date": "2026-01-01", "score": 11}]}),
            "breaks the store's rules",
        ),
        (
            serde_json::json!({"zz_entries": [{"id": "n", "local_date": "2026-01-01", "score": 18446744073709551615u64}]}),
            "too large",
        ),
        (
            serde_json::json!({"zz_entries": [{"id": "n", "local_date": "x".repeat(MAX_VALUE_BYTES + 1), "score": 1}]}),
            "too long",
        ),
        (serde_json::json!({"zz_entries": {"id": "n"}}), "not a list"),
        (serde_json::json!({"zz_entries": [1]}), "not a record"),
        // A child whose parent is in neither the file nor the store.
        (
            serde_json::json!({"zz_tags": [{"entry_id": "ghost", "tag": "x"}]}),
            "refer to records missing",
        ),
        // A valid new row together with a bad one: nothing at all is written.
        (
            serde_json::json!({"zz_entries": [{"id": "n1", "local_date": "2025-01-01", "score": 1}], "zz_tags": [{"entry_id": "ghost", "tag": "x"}]}),
            "refer to records missing",
        ),
    ];
    for (tables, want) in cases {
        let r = backup_field_err(b.import_backup(forged(tables.clone())));
        assert_eq!(r, "not-readable", "{tables}: {want}");
    }
    // Unknown top-level field; deep nesting; too big.
    let extra = before.replacen("{\n", "{\n  \"script\": 1,\n", 1);
    assert_eq!(backup_field_err(b.import_backup(extra)), "not-readable");
    let deep = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
    assert!(b.import_backup(deep).is_err());
    let big = " ".repeat(MAX_DOCUMENT_BYTES + 1);
    assert_eq!(backup_field_err(b.import_backup(big)), "not-readable");
    assert_eq!(b.export_backup().unwrap(), before);
}

#[test]
fn children_are_merged_after_their_parents() {
    // zz_tags sorts before zz_entries by name but needs its parents first.
    let a = store();
    fill(&a);
    let doc = a.export_backup().unwrap();
    let b = store();
    b.import_backup(doc).unwrap();
    assert_eq!(count(&b, "zz_tags"), 3);
    let fk: i64 = b
        .read(|c| {
            Ok(
                c.query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| {
                    r.get(0)
                })?,
            )
        })
        .unwrap();
    assert_eq!(fk, 0);
}

#[test]
fn files_are_written_new_and_read_back() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("b.json").display().to_string();
    let a = store();
    fill(&a);
    let n = a.export_backup_to_file(p.clone()).unwrap();
    assert!(n > 0);
    assert!(matches!(
        a.export_backup_to_file(p.clone()),
        Err(WellbeingError::InvalidInput { .. })
    ));
    let b = store();
    assert_eq!(b.import_backup_from_file(p).unwrap().inserted, 6);
    assert!(b
        .import_backup_from_file(dir.path().join("none").display().to_string())
        .is_err());
}

#[test]
fn csv_folds_children_and_defuses_formulas() {
    let a = store();
    fill(&a);
    let list = a.list_csv_exports().unwrap();
    assert!(list
        .iter()
        .any(|e| e.id == "zz_entries" && e.title == "Zz entries"));
    assert!(!list
        .iter()
        .any(|e| e.id == "zz_tags" || e.id == "flow_drafts"));
    let csv = a.export_csv("zz_entries".into()).unwrap();
    let lines: Vec<&str> = csv.split("\r\n").collect();
    assert_eq!(lines[0], "id,local_date,score,weight,note,zz_tags.tag");
    assert_eq!(lines[1], "a,2026-11-01,3,,'=SUM(A1),call; walk");
    assert!(csv.contains("b,2026-11-02,7,1.5,\"a \"\"quoted\"\", note\nline 2\",read\r\n"));
    // By tool name when it has one table; unknown tools are not found.
    assert_eq!(a.export_csv("zz".into()).unwrap(), csv);
    assert!(matches!(
        a.export_csv("nothing".into()),
        Err(WellbeingError::NotFound { .. })
    ));
    assert!(matches!(
        a.export_csv("".into()),
        Err(WellbeingError::NotFound { .. })
    ));
}

#[test]
fn every_tool_survives_the_round_trip() {
    let a = WellbeingStore::open_in_memory().unwrap();
    a.set_fixed_time(1_795_176_000_000, 0).unwrap();
    crate::report::tests::fill(&a);
    a.appointment_summary(None, None, false).unwrap();
    let doc = a.export_backup().unwrap();
    let v: Value = serde_json::from_str(&doc).unwrap();
    for t in [
        "five_ways_entries",
        "scaling_entries",
        "measures_results",
        "five_areas_worksheets",
        "thinking_styles_records",
        "report_history",
    ] {
        assert!(
            !v["tables"][t].as_array().unwrap().is_empty(),
            "{t} is empty in the backup"
        );
    }
    let b = WellbeingStore::open_in_memory().unwrap();
    b.set_fixed_time(1_795_176_000_000, 0).unwrap();
    let rep = b.import_backup(doc.clone()).unwrap();
    assert_eq!(rep.already_present + rep.kept_existing, 0);
    assert_eq!(b.export_backup().unwrap(), doc);
    // What the tools show is the same on both sides.
    assert_eq!(
        a.measures_overview().unwrap(),
        b.measures_overview().unwrap()
    );
    assert_eq!(
        a.appointment_summary(None, None, false).unwrap().text,
        b.appointment_summary(None, None, false).unwrap().text
    );
    // Per-tool CSV: the ways of an entry are folded into its row.
    let csv = b.export_csv("five_ways_entries".into()).unwrap();
    assert!(csv.lines().count() == 4, "{csv}");
    assert!(csv.contains("Walk in the park with a friend"), "{csv}");
    let lists = b.list_csv_exports().unwrap();
    for e in &lists {
        b.export_csv(e.id.clone()).unwrap();
    }
}

#[test]
fn canonical_form_sorts_keys_and_checksum_sees_every_byte() {
    let v = serde_json::json!({"b": [1, {"d": null, "c": "é\""}], "a": 1.5});
    let mut s = String::new();
    canonical(&v, &mut s);
    assert_eq!(s, r#"{"a":1.5,"b":[1,{"c":"é\"","d":null}]}"#);
    assert_ne!(
        checksum(&v),
        checksum(&serde_json::json!({"b": [1], "a": 1.5}))
    );
    assert_eq!(unhex(&hex(&[0, 255, 16])).unwrap(), vec![0, 255, 16]);
    assert!(unhex("zz").is_none() && unhex("abc").is_none());
}

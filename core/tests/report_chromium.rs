//! The appointment summary opened in a real browser: headless Chromium loads the HTML,
//! must log nothing to its console (the page has no script, and its Content-Security-Policy
//! would report anything it had to block), must show every section and chart, and must
//! print on A4. A screenshot, the PDF and the HTML are kept under `target/artifacts/`.
//!
//! Ignored by plain `cargo test` so a machine without Chromium can still run the suite;
//! `scripts/test.sh` runs it with `--ignored`, and there a missing Chromium is a failure
//! (install it with `apt-get install -y chromium`; `scripts/setup.sh` does).

use std::path::{Path, PathBuf};
use std::process::Command;

use companion_core::{
    FiveAreasArea, FiveAreasChange, FiveAreasFeeling, FiveAreasInput, FiveWaysInput, MeasureId,
    MeasureInput, ScalingInput, ThoughtRecordEmotion, ThoughtRecordInput, WayId, WellbeingStore,
};

/// 2026-11-20 12:00 UTC.
const NOW: i64 = 1_795_176_000_000;
const DAY: i64 = 86_400_000;

fn chromium() -> PathBuf {
    let candidates = [
        std::env::var("CHROMIUM").unwrap_or_default(),
        "chromium".into(),
        "chromium-browser".into(),
        "google-chrome".into(),
    ];
    for c in candidates.iter().filter(|c| !c.is_empty()) {
        if Command::new(c)
            .arg("--version")
            .output()
            .map(|o| o.status.success())
            .unwrap_or(false)
        {
            return PathBuf::from(c);
        }
    }
    panic!(
        "Chromium is needed for the report rendering test but was not found. Install it with \
         `sudo apt-get install -y chromium` (CI does this in scripts/setup.sh), or point the \
         CHROMIUM environment variable at a Chromium or Chrome binary."
    );
}

fn artifacts() -> PathBuf {
    let target = std::env::var("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|_| Path::new(env!("CARGO_MANIFEST_DIR")).join("../target"));
    let dir = target.join("artifacts");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Runs Chromium headless on `page` with `args`; returns (stdout, stderr).
fn run(bin: &Path, profile: &Path, page: &Path, args: &[&str]) -> (String, String) {
    let out = Command::new(bin)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--no-first-run",
            "--hide-scrollbars",
            "--enable-logging=stderr",
            "--v=0",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(args)
        .arg(format!("file://{}", page.display()))
        .output()
        .expect("Chromium could not be started");
    assert!(
        out.status.success(),
        "Chromium failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Lines where the page wrote to the console (or the browser reported a blocked load).
fn console_lines(stderr: &str) -> Vec<&str> {
    stderr
        .lines()
        .filter(|l| l.contains(":CONSOLE") || l.contains("Refused to"))
        .collect()
}

fn fill(c: &WellbeingStore) {
    for (days_ago, mood) in [(24, 3), (20, 4), (15, 4), (10, 5), (6, 6), (2, 7), (0, 7)] {
        c.set_fixed_time(NOW - days_ago * DAY, 0).unwrap();
        c.scaling_check_in(mood, None).unwrap();
    }
    c.set_fixed_time(NOW, 0).unwrap();
    for (what, ways, date) in [
        ("Called my sister", vec!["connect"], "2026-11-02"),
        (
            "Walk with a friend",
            vec!["be-active", "connect"],
            "2026-11-09",
        ),
        ("Noticed the frost", vec!["take-notice"], "2026-11-16"),
        ("Helped a neighbour", vec!["give"], "2026-11-18"),
    ] {
        c.five_ways_log(FiveWaysInput {
            what: what.into(),
            ways: ways.into_iter().map(|w| WayId::parse(w).unwrap()).collect(),
            note: None,
            date: Some(date.into()),
            time: None,
        })
        .unwrap();
    }
    for (answers, date) in [
        ([2, 2, 2, 2, 2, 2, 2, 2, 1], "2026-10-30"),
        ([1, 1, 1, 1, 1, 1, 1, 1, 0], "2026-11-13"),
    ] {
        c.take_measure(MeasureInput {
            measure: MeasureId::Phq9,
            answers: answers.to_vec(),
            date: Some(date.into()),
            time: Some("09:00".into()),
        })
        .unwrap();
    }
    c.five_areas_create(FiveAreasInput {
        title: Some("Meeting on Monday".into()),
        date: Some("2026-11-10".into()),
        situation: Some("Team meeting".into()),
        thoughts: vec!["They will think I am useless".into()],
        feelings: vec![FiveAreasFeeling {
            name: "anxious".into(),
            intensity: 80,
        }],
        behaviour: vec!["Stayed quiet".into()],
        change: Some(FiveAreasChange {
            start_area: FiveAreasArea::Behaviour,
            change: "Say one thing in the next meeting".into(),
        }),
        complete: true,
        ..Default::default()
    })
    .unwrap();
    c.thought_record_create(ThoughtRecordInput {
        date: Some("2026-11-17".into()),
        time: Some("20:00".into()),
        situation: "Friend did not reply".into(),
        emotions: vec![ThoughtRecordEmotion {
            name: "hurt".into(),
            intensity: 70,
            rerated: Some(40),
        }],
        thought: "She must be angry with me".into(),
        styles: vec!["mind-reading".into()],
        evidence_for: vec![],
        evidence_against: vec!["She is often busy on Mondays".into()],
        balanced_thought: Some("She may just be busy".into()),
    })
    .unwrap();
    // My connections: two maps (the change between them) and a plan.
    use companion_core::{
        ConnectionFeel as F, ConnectionInput, ConnectionKind as K, ConnectionRing as R,
        ConnectionsMapInput, ConnectionsPlanInput, ConnectionsSupport,
    };
    let conn = |name: &str, kind, ring, feel| ConnectionInput {
        name: name.into(),
        kind,
        ring,
        feel,
    };
    c.connections_map_create(ConnectionsMapInput {
        date: Some("2026-11-02".into()),
        connections: vec![
            conn("Mum", K::Family, R::Close, F::Helpful),
            conn("Jo", K::Friend, R::InBetween, F::Mixed),
            conn("Job centre", K::Service, R::FurtherOut, F::Draining),
        ],
    })
    .unwrap();
    c.connections_map_create(ConnectionsMapInput {
        date: Some("2026-11-16".into()),
        connections: vec![
            conn("Mum", K::Family, R::Close, F::Helpful),
            conn("Jo", K::Friend, R::Close, F::Helpful),
            conn("Walking group", K::Group, R::InBetween, F::Helpful),
            conn("Job centre", K::Service, R::FurtherOut, F::Mixed),
        ],
    })
    .unwrap();
    c.connections_plan_create(ConnectionsPlanInput {
        interests: vec!["walking".into()],
        opportunities: vec!["Walking group".into()],
        chosen: Some("Walking group".into()),
        step: "Join the Sunday walk".into(),
        support: vec![ConnectionsSupport::GoAlong],
        review_on: "2026-11-30".into(),
        ..Default::default()
    })
    .unwrap();
    for (date, v) in [("2026-11-03", 4), ("2026-11-12", 6), ("2026-11-19", 7)] {
        c.scaling_record(ScalingInput {
            template: "confidence".into(),
            subject: Some("going back to the gym".into()),
            scale_min: None,
            value: v,
            follow_ups: vec![],
            note: None,
            feelings: vec![],
            min_label: None,
            max_label: None,
            date: Some(date.into()),
            time: None,
        })
        .unwrap();
    }
}

#[test]
#[ignore = "needs Chromium: run by scripts/test.sh with --ignored"]
fn appointment_summary_renders_cleanly_in_headless_chromium() {
    let bin = chromium();
    let dir = artifacts();
    let work = tempfile::tempdir().unwrap();
    let profile = work.path().join("profile");

    // The console check must be able to fail: a page that logs is caught.
    let noisy = work.path().join("noisy.html");
    std::fs::write(
        &noisy,
        "<!DOCTYPE html><p>x</p><script>console.error('canary')</script>",
    )
    .unwrap();
    let (_, err) = run(&bin, &profile, &noisy, &["--dump-dom"]);
    assert!(
        console_lines(&err).iter().any(|l| l.contains("canary")),
        "this Chromium does not report console messages on stderr, so the check below would prove nothing:\n{err}"
    );

    let c = WellbeingStore::open_in_memory().unwrap();
    c.set_fixed_time(NOW, 0).unwrap();
    fill(&c);
    let report = c.appointment_summary(None, None, false).unwrap();
    let page = dir.join("appointment-summary.html");
    std::fs::write(&page, &report.html).unwrap();
    std::fs::write(dir.join("appointment-summary.txt"), &report.text).unwrap();

    let (dom, err) = run(&bin, &profile, &page, &["--dump-dom"]);
    let console = console_lines(&err);
    assert!(
        console.is_empty(),
        "the summary logged to the console:\n{}",
        console.join("\n")
    );
    for id in [
        "safety",
        "check-ins",
        "five-ways",
        "measures",
        "worksheets",
        "connections",
        "scales",
    ] {
        assert!(
            dom.contains(&format!("<section id=\"{id}\"")),
            "section {id} missing from the DOM"
        );
    }
    for chart in [
        "chart-check-ins",
        "chart-five-ways",
        "chart-measure-0",
        "chart-scale-0",
    ] {
        assert!(
            dom.contains(&format!("id=\"{chart}\"")),
            "chart {chart} missing"
        );
        assert!(
            dom.contains(&format!("id=\"{chart}-desc\"")),
            "chart {chart} has no description"
        );
    }
    assert!(dom.contains("Reliable improvement"));
    // The map of connections is drawn inline, described, and without the names (no full text).
    assert!(dom.contains("class=\"ecomap\"") && dom.contains("id=\"ecomap-desc\""));
    assert!(!dom.contains(">Walking group<"));
    assert!(dom.find("id=\"safety\"").unwrap() < dom.find("id=\"check-ins\"").unwrap());

    let shot = dir.join("appointment-summary.png");
    let _ = std::fs::remove_file(&shot);
    run(
        &bin,
        &profile,
        &page,
        &[
            &format!("--screenshot={}", shot.display()),
            "--window-size=1240,1754",
        ],
    );
    let png = std::fs::read(&shot).expect("no screenshot was written");
    assert!(
        png.starts_with(b"\x89PNG") && png.len() > 20_000,
        "screenshot looks empty"
    );

    let pdf = dir.join("appointment-summary.pdf");
    let _ = std::fs::remove_file(&pdf);
    run(
        &bin,
        &profile,
        &page,
        &[
            "--no-pdf-header-footer",
            &format!("--print-to-pdf={}", pdf.display()),
        ],
    );
    let bytes = std::fs::read(&pdf).expect("no PDF was written");
    let text = String::from_utf8_lossy(&bytes);
    // A4 is 595.28 × 841.89 points; Chromium rounds to its own pixel grid.
    let media: Vec<&str> = text
        .match_indices("/MediaBox [")
        .map(|(i, _)| &text[i..i + 40])
        .collect();
    assert!(!media.is_empty(), "the PDF has no page boxes");
    for m in &media {
        let nums: Vec<f64> = m["/MediaBox [".len()..]
            .split(']')
            .next()
            .unwrap()
            .split_whitespace()
            .filter_map(|n| n.parse().ok())
            .collect();
        assert!(
            nums.len() == 4 && (nums[2] - 595.3).abs() < 2.0 && (nums[3] - 841.9).abs() < 2.0,
            "page is not A4: {m}"
        );
    }
    println!("artifacts in {}", dir.display());
}

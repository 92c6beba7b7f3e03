//! Prints a tool's flow as walked with generic answers, in the JSON the scenarios use:
//! a starting point when writing a scenario for a new tool.
//!
//!     cargo run -p companion-scenarios --example walk            # list the tools
//!     cargo run -p companion-scenarios --example walk -- phq9    # walk one

use companion_core::*;
use companion_scenarios::{generic_answer, walk};

fn main() {
    let c = WellbeingStore::open_in_memory().expect("in-memory store");
    c.set_fixed_time(1_774_775_400_000, 60).expect("time");
    let Some(typed) = std::env::args().nth(1) else {
        for t in c.list_tools() {
            println!(
                "{:28} {:12} needs_subject={} {}",
                t.id, t.group, t.needs_subject, t.title
            );
        }
        return;
    };
    let Some(tool) = ToolId::parse(&typed) else {
        println!("no tool with id {typed}: run without arguments to list them");
        return;
    };
    // Tools that review an earlier one find it: walk and save the tools before it in its group.
    let tools = c.list_tools();
    let mut subject = std::env::args().nth(2);
    if let Some(me) = tools.iter().find(|t| t.id == tool) {
        for t in tools
            .iter()
            .take_while(|t| t.id != tool)
            .filter(|t| t.group == me.group)
        {
            if let Ok((_, s)) = walk(&c, t.id, None) {
                if let Ok(saved) = c.save_flow(s.flow_id) {
                    if me.needs_subject && subject.is_none() {
                        subject = Some(saved.record_id);
                    }
                }
            }
        }
    }
    match walk(&c, tool, subject) {
        Ok((steps, summary)) => {
            for s in steps {
                let a = generic_answer(&s);
                println!(
                    "{}\n  answer {}",
                    serde_json::to_string(&serde_json::json!({"step_id": s.step_id, "position": s.position, "total": s.total, "optional": s.optional, "prompt": s.prompt, "input": s.input})).unwrap(),
                    serde_json::to_string(&a).unwrap()
                );
            }
            println!(
                "summary {}",
                serde_json::to_string_pretty(&summary).unwrap()
            );
        }
        Err(e) => println!("error {e:?}"),
    }
}

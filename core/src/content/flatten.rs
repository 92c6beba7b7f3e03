//! Content as [`Node`]s: a parsed JSON value laid out in one node array and one text. Used by
//! `build.rs` (which includes this file by path) to compile the content in, and by the tests
//! to build small trees from JSON written in them.

use std::collections::HashMap;

use serde_json::Value;

use super::node::{Node, Number};

/// The nodes and text of every value added so far.
#[derive(Default)]
pub struct Flat {
    pub nodes: Vec<Node>,
    pub text: String,
    pub numbers: Vec<Number>,
    /// Where each string already in `text` is: the same words (keys above all) are stored
    /// once.
    seen: HashMap<String, (u32, u32)>,
}

impl Flat {
    /// Lays out `v` and returns the index of its root node.
    pub fn add(&mut self, v: &Value) -> Result<u32, String> {
        let at = self.reserve(1)?;
        let node = self.node(v)?;
        self.nodes[at as usize] = node;
        Ok(at)
    }

    /// `n` placeholder nodes at the end, for a container's children to fill in.
    fn reserve(&mut self, n: usize) -> Result<u32, String> {
        let at = index(self.nodes.len())?;
        index(self.nodes.len() + n)?;
        self.nodes.resize(self.nodes.len() + n, Node::Null);
        Ok(at)
    }

    fn string(&mut self, s: &str) -> Result<Node, String> {
        if let Some(&(start, len)) = self.seen.get(s) {
            return Ok(Node::Str(start, len));
        }
        let start = index(self.text.len())?;
        let len = index(s.len())?;
        index(self.text.len() + s.len())?;
        self.text.push_str(s);
        self.seen.insert(s.to_string(), (start, len));
        Ok(Node::Str(start, len))
    }

    fn node(&mut self, v: &Value) -> Result<Node, String> {
        Ok(match v {
            Value::Null => Node::Null,
            Value::Bool(b) => Node::Bool(*b),
            Value::Number(n) => {
                let number = match (n.as_u64(), n.as_i64(), n.as_f64()) {
                    (Some(u), _, _) => Number::UInt(u),
                    (None, Some(i), _) => Number::Int(i),
                    (None, None, Some(f)) => Number::Float(f),
                    _ => return Err(format!("the number {n} cannot be stored")),
                };
                self.numbers.push(number);
                Node::Num(index(self.numbers.len() - 1)?)
            }
            Value::String(s) => self.string(s)?,
            Value::Array(items) => {
                let start = self.reserve(items.len())?;
                for (i, item) in items.iter().enumerate() {
                    let node = self.node(item)?;
                    self.nodes[start as usize + i] = node;
                }
                Node::Seq(start, index(items.len())?)
            }
            Value::Object(entries) => {
                let start = self.reserve(2 * entries.len())?;
                for (i, (k, item)) in entries.iter().enumerate() {
                    let key = self.string(k)?;
                    self.nodes[start as usize + 2 * i] = key;
                    let node = self.node(item)?;
                    self.nodes[start as usize + 2 * i + 1] = node;
                }
                Node::Map(start, index(entries.len())?)
            }
        })
    }
}

fn index(n: usize) -> Result<u32, String> {
    u32::try_from(n).map_err(|_| format!("the content is too large to lay out ({n} > u32)"))
}

use std::collections::{BTreeMap, HashMap};

use serde::Deserialize;

use super::super::flatten::Flat;
use super::{Doc, Error, Tree};

/// The tree of `json`, laid out as the build script lays out a content file.
fn tree(json: &str) -> Tree {
    let value: serde_json::Value = serde_json::from_str(json).unwrap();
    let mut flat = Flat::default();
    let root = flat.add(&value).unwrap();
    let doc = Box::leak(Box::new(Doc {
        nodes: Box::leak(flat.nodes.into_boxed_slice()),
        text: Box::leak(flat.text.into_boxed_str()),
        numbers: Box::leak(flat.numbers.into_boxed_slice()),
    }));
    Tree::new(doc, root)
}

fn read<T: serde::de::DeserializeOwned>(json: &str) -> Result<T, Error> {
    tree(json).deserialize()
}

/// What serde_json makes of `json` as `T`, to compare with the tree.
fn json<T: serde::de::DeserializeOwned>(json: &str) -> T {
    serde_json::from_str(json).unwrap()
}

#[test]
fn numbers_read_as_serde_json_reads_them() {
    assert_eq!(read::<u8>("200").unwrap(), 200);
    assert_eq!(read::<i32>("-7").unwrap(), -7);
    assert_eq!(read::<i64>("-9223372036854775808").unwrap(), i64::MIN);
    assert_eq!(read::<u64>("18446744073709551615").unwrap(), u64::MAX);
    assert_eq!(read::<f64>("3").unwrap(), 3.0);
    assert_eq!(read::<f64>("-0.25").unwrap(), -0.25);
    assert_eq!(read::<f32>("1.5").unwrap(), 1.5);
    let too_big = read::<u8>("300").unwrap_err().to_string();
    assert!(too_big.contains("300"), "{too_big}");
    assert!(read::<u32>("-1").is_err());
    assert!(read::<i32>("1.5").is_err());
    assert!(
        read::<i32>("\"1\"").is_err(),
        "a number in words is no number"
    );
}

#[test]
fn scalars_strings_and_unit() {
    assert!(read::<bool>("true").unwrap());
    assert_eq!(
        read::<String>("\"caf\\u00e9 \\\"x\\\"\"").unwrap(),
        "café \"x\""
    );
    assert_eq!(read::<char>("\"é\"").unwrap(), 'é');
    read::<()>("null").unwrap();
    assert!(read::<()>("0").is_err());
    assert!(read::<String>("null").is_err());
    // Strings are borrowed straight from the compiled text.
    #[derive(Deserialize)]
    struct Borrowing<'a> {
        s: &'a str,
    }
    let t = tree(r#"{"s": "kept in place"}"#);
    let b: Borrowing<'static> =
        serde::Deserialize::deserialize(super::De::at(t.doc, t.root as usize).unwrap()).unwrap();
    assert_eq!(b.s, "kept in place");
}

#[derive(Debug, PartialEq, Deserialize)]
struct WithOptions {
    plain: Option<String>,
    #[serde(default)]
    defaulted: Option<u32>,
    #[serde(default)]
    list: Vec<String>,
}

#[test]
fn options_null_missing_and_present() {
    let all = r#"{"plain": "p", "defaulted": 3, "list": ["a"]}"#;
    assert_eq!(read::<WithOptions>(all).unwrap(), json::<WithOptions>(all));
    assert_eq!(
        read::<WithOptions>(all).unwrap(),
        WithOptions {
            plain: Some("p".into()),
            defaulted: Some(3),
            list: vec!["a".into()]
        }
    );
    let nulls = r#"{"plain": null, "defaulted": null}"#;
    assert_eq!(
        read::<WithOptions>(nulls).unwrap(),
        WithOptions {
            plain: None,
            defaulted: None,
            list: vec![]
        }
    );
    assert_eq!(
        read::<WithOptions>("{}").unwrap(),
        json::<WithOptions>("{}")
    );
    assert_eq!(read::<Option<Option<u8>>>("null").unwrap(), None);
    assert_eq!(read::<Option<u8>>("4").unwrap(), Some(4));
}

#[derive(Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
struct Strict {
    name: String,
    inner: Vec<Inner>,
}

#[derive(Debug, PartialEq, Deserialize)]
struct Inner {
    n: i32,
}

#[test]
fn missing_and_unknown_fields_are_errors_that_say_where() {
    let missing = read::<Strict>(r#"{"inner": []}"#).unwrap_err().to_string();
    assert_eq!(missing, "missing field `name`");
    let deep = read::<Strict>(r#"{"name": "x", "inner": [{"n": 1}, {"m": 2}]}"#)
        .unwrap_err()
        .to_string();
    assert_eq!(deep, "missing field `n` at .inner[1]");
    let wrong = read::<Strict>(r#"{"name": "x", "inner": [{"n": "one"}]}"#)
        .unwrap_err()
        .to_string();
    assert_eq!(
        wrong,
        "invalid type: string \"one\", expected i32 at .inner[0].n"
    );
    let unknown = read::<Strict>(r#"{"name": "x", "inner": [], "extra": 1}"#)
        .unwrap_err()
        .to_string();
    assert!(unknown.starts_with("unknown field `extra`"), "{unknown}");
    // Without deny_unknown_fields an extra field is skipped, whatever it holds.
    let inner = read::<Inner>(r#"{"n": 1, "skip": {"deep": [1, {"x": null}]}}"#).unwrap();
    assert_eq!(inner, Inner { n: 1 });
}

#[derive(Debug, PartialEq, Eq, PartialOrd, Ord, Deserialize)]
#[serde(rename_all = "kebab-case")]
enum Plain {
    FirstOne,
    Second,
}

#[derive(Debug, PartialEq, Deserialize)]
#[serde(rename_all = "snake_case")]
enum External {
    Unit,
    Newtype(u8),
    Pair(u8, String),
    Shaped { a: bool },
}

#[derive(Debug, PartialEq, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
enum Tagged {
    Text {
        words: String,
    },
    Count {
        n: u32,
        #[serde(default)]
        note: Option<String>,
    },
    Nothing,
}

#[derive(Debug, PartialEq, Deserialize)]
#[serde(untagged)]
enum Either {
    Number(i64),
    Words(String),
    Many(Vec<Either>),
    Record { x: f64 },
}

#[test]
fn unit_variants_by_name_and_unknown_variants_refused() {
    assert_eq!(read::<Plain>("\"first-one\"").unwrap(), Plain::FirstOne);
    assert_eq!(
        read::<Vec<Plain>>(r#"["second", "first-one"]"#).unwrap(),
        vec![Plain::Second, Plain::FirstOne]
    );
    let e = read::<Plain>("\"third\"").unwrap_err().to_string();
    assert!(e.starts_with("unknown variant `third`, expected"), "{e}");
    assert!(read::<Plain>("3").is_err());
    assert!(read::<Plain>(r#"{"second": null, "first-one": null}"#).is_err());
}

#[test]
fn externally_tagged_variants_with_values() {
    for j in [
        r#""unit""#,
        r#"{"unit": null}"#,
        r#"{"newtype": 7}"#,
        r#"{"pair": [1, "b"]}"#,
        r#"{"shaped": {"a": true}}"#,
    ] {
        assert_eq!(read::<External>(j).unwrap(), json::<External>(j), "{j}");
    }
    assert_eq!(
        read::<External>(r#"{"newtype": 7}"#).unwrap(),
        External::Newtype(7)
    );
    assert!(
        read::<External>(r#""newtype""#).is_err(),
        "a newtype variant needs its value"
    );
    assert!(read::<External>(r#"{"unit": 1}"#).is_err());
    let e = read::<External>(r#"{"other": 1}"#).unwrap_err().to_string();
    assert!(e.starts_with("unknown variant `other`"), "{e}");
}

#[test]
fn internally_tagged_and_untagged_enums_go_through_deserialize_any() {
    for j in [
        r#"{"kind": "text", "words": "hello"}"#,
        r#"{"n": 2, "kind": "count"}"#,
        r#"{"kind": "count", "n": 2, "note": "x"}"#,
        r#"{"kind": "nothing"}"#,
    ] {
        assert_eq!(read::<Tagged>(j).unwrap(), json::<Tagged>(j), "{j}");
    }
    assert_eq!(
        read::<Tagged>(r#"{"n": 2, "kind": "count"}"#).unwrap(),
        Tagged::Count { n: 2, note: None }
    );
    let e = read::<Tagged>(r#"{"kind": "shout"}"#)
        .unwrap_err()
        .to_string();
    assert!(e.starts_with("unknown variant `shout`"), "{e}");
    assert!(read::<Tagged>(r#"{"words": "no kind"}"#).is_err());

    let j = r#"[-3, "w", [1, "x"], {"x": 2}, {"x": 0.5}]"#;
    assert_eq!(read::<Vec<Either>>(j).unwrap(), json::<Vec<Either>>(j));
    assert_eq!(read::<Either>("-3").unwrap(), Either::Number(-3));
    assert_eq!(
        read::<Either>(r#"{"x": 2}"#).unwrap(),
        Either::Record { x: 2.0 }
    );
    assert!(read::<Either>("true").is_err());
}

#[derive(Debug, PartialEq, Deserialize)]
struct Outer {
    id: String,
    #[serde(flatten)]
    rest: Flattened,
    #[serde(flatten)]
    others: BTreeMap<String, serde_json::Value>,
}

#[derive(Debug, PartialEq, Deserialize)]
struct Flattened {
    a: u8,
    b: Option<bool>,
}

#[test]
fn flatten_and_newtypes() {
    let j = r#"{"id": "i", "a": 1, "b": true, "c": [null, 1.5, {"d": "e"}]}"#;
    let o = read::<Outer>(j).unwrap();
    assert_eq!(o, json::<Outer>(j));
    assert_eq!(o.others.len(), 1);
    #[derive(Debug, PartialEq, Deserialize)]
    struct Wrapped(Vec<u8>);
    assert_eq!(read::<Wrapped>("[1, 2]").unwrap(), Wrapped(vec![1, 2]));
}

#[test]
fn maps_with_string_enum_and_number_keys() {
    let j = r#"{"b": 2, "a": 1}"#;
    let m = read::<HashMap<String, u8>>(j).unwrap();
    assert_eq!(m, json::<HashMap<String, u8>>(j));
    let j = r#"{"second": "2", "first-one": "1"}"#;
    assert_eq!(
        read::<BTreeMap<Plain, String>>(j).unwrap(),
        json::<BTreeMap<Plain, String>>(j)
    );
    let j = r#"{"3": "three", "10": "ten"}"#;
    let n = read::<HashMap<u32, String>>(j).unwrap();
    assert_eq!(n, json::<HashMap<u32, String>>(j));
    assert_eq!(n[&10], "ten");
    assert!(read::<HashMap<u32, String>>(r#"{"x": "y"}"#).is_err());
    assert!(read::<HashMap<i8, u8>>(r#"{"-5": 1}"#)
        .unwrap()
        .contains_key(&-5));
    // What serde_json refuses as a number key is refused here too ("03" and "3" would be one
    // key otherwise; serde_json reads "-0" as a float).
    for key in ["+3", "03", "-03", "-0", " 3", "3 ", "", "-"] {
        let j = format!(r#"{{"{key}": "x"}}"#);
        assert!(
            serde_json::from_str::<HashMap<i32, String>>(&j).is_err(),
            "serde_json takes {key:?}"
        );
        assert!(
            read::<HashMap<i32, String>>(&j).is_err(),
            "{key:?} read as a number"
        );
    }
    for key in ["0", "-7", "7", "10"] {
        let j = format!(r#"{{"{key}": "x"}}"#);
        assert_eq!(
            read::<HashMap<i32, String>>(&j).unwrap(),
            json::<HashMap<i32, String>>(&j)
        );
    }
}

#[test]
fn sequences_and_tuples_must_be_read_whole() {
    assert_eq!(
        read::<(u8, String)>(r#"[1, "a"]"#).unwrap(),
        (1, "a".to_string())
    );
    assert!(
        read::<(u8, String)>(r#"[1, "a", 2]"#).is_err(),
        "an element left over"
    );
    assert!(read::<(u8, String)>(r#"[1]"#).is_err());
    assert!(read::<[u8; 2]>("[1, 2, 3]").is_err());
    assert_eq!(
        read::<Vec<Vec<u8>>>("[[], [1], [2, 3]]").unwrap(),
        vec![vec![], vec![1], vec![2, 3]]
    );
}

#[test]
fn any_value_reads_back_the_same() {
    let j = r#"{"a": [1, -2, 3.25, true, false, null, "s", {"": ""}], "z": {"y": {"x": []}},
        "dup": "dup", "again": "dup", "big": 18446744073709551615, "esc": "tab\tline\n\u2603"}"#;
    let from_tree: serde_json::Value = read(j).unwrap();
    assert_eq!(from_tree, json::<serde_json::Value>(j));
}

#[test]
fn keys_of_the_root() {
    let mut keys = tree(r#"{"b": 1, "a": {"c": 2}}"#).keys().unwrap();
    keys.sort_unstable();
    assert_eq!(keys, ["a", "b"]);
    assert!(tree("[1]").keys().is_err());
}

#[test]
fn a_damaged_tree_is_an_error_not_a_panic() {
    use super::super::node::Node;
    static NODES: [Node; 4] = [
        Node::Seq(1, 2),
        Node::Str(0, 99),
        Node::Map(50, 1),
        Node::Num(5),
    ];
    static DOC: Doc = Doc {
        nodes: &NODES,
        text: "abc",
        numbers: &[],
    };
    let e = Tree::new(&DOC, 0).deserialize::<Vec<String>>().unwrap_err();
    assert!(e.to_string().contains("damaged"), "{e}");
    assert!(Tree::new(&DOC, 2)
        .deserialize::<serde_json::Value>()
        .is_err());
    assert!(
        Tree::new(&DOC, 3).deserialize::<u8>().is_err(),
        "a number not there"
    );
    assert!(Tree::new(&DOC, 7)
        .deserialize::<serde_json::Value>()
        .is_err());
}

#[test]
fn names_as_words_gives_each_field_its_own_name() {
    #[derive(Debug, PartialEq, Deserialize)]
    struct Words {
        save_for_later: String,
        back: String,
    }
    let t = tree(r#"{"_comment": "x", "save_for_later": 1, "back": ["not words"]}"#);
    assert!(t.deserialize::<Words>().is_err());
    let named = t.names_as_words().unwrap();
    assert_eq!(
        named.deserialize::<Words>().unwrap(),
        Words {
            save_for_later: "save for later".into(),
            back: "back".into()
        }
    );
    let all: serde_json::Value = named.deserialize().unwrap();
    assert_eq!(
        all,
        serde_json::json!({"save_for_later": "save for later", "back": "back"})
    );
    assert!(tree("\"no map\"").names_as_words().is_err());
}

#[test]
fn each_shape_is_read_only_as_itself() {
    // A record written as a list: serde_json reads it, the content reader refuses it.
    assert_eq!(json::<Inner>("[4]"), Inner { n: 4 });
    let e = read::<Inner>("[4]").unwrap_err().to_string();
    assert_eq!(e, "invalid type: sequence, expected struct Inner");
    assert!(read::<Vec<u8>>(r#"{"a": 1}"#).is_err());
    assert!(read::<HashMap<String, u8>>("[1]").is_err());
    assert!(read::<bool>("1").is_err());
    assert!(read::<String>("1").is_err());
    assert!(read::<u8>("true").is_err());
    assert!(read::<()>("[]").is_err());
}

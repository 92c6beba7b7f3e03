//! A serde [`Deserializer`] over the content compiled in by `build.rs`: the content types'
//! derived `Deserialize` impls read the node table directly, so no JSON is parsed at run
//! time and the JSON reader is not instantiated for them. That reader, generic over every
//! content type, cost the library about 640 KiB; walking ready-made nodes needs none of its
//! scanning, escapes or number parsing.
//!
//! It reads what serde_json reads from the same values, so the content types need no change:
//! whole numbers of zero or more are visited as `u64` and negative ones as `i64`, an enum is
//! a string (unit variant) or a map of one entry (variant and its value), `null` is `None`,
//! and map keys that are numbers in words are read as numbers. `deserialize_any` is complete
//! (internally tagged and untagged enums and `flatten` go through it). One difference: a
//! record (a struct) must be written as a map, never as a list (see the `Deserializer` impl).
//!
//! The entry points are `#[inline(never)]`: there is one copy per visitor type (one for every
//! `String` field of every content type, say), where inlining put a copy of the whole node
//! match in every field of every derived `visit_map`, which made the library larger than the
//! JSON reader did (6,033,272 bytes stripped against 5,460,888, measured).

use std::fmt;

use serde::de::{
    self, DeserializeOwned, DeserializeSeed, EnumAccess, MapAccess, SeqAccess, Unexpected,
    VariantAccess, Visitor,
};
use serde::forward_to_deserialize_any;

use super::node::{Node, Number};

/// The compiled content: every file's nodes in one array, every string in one text.
#[derive(Debug)]
pub(crate) struct Doc {
    pub(crate) nodes: &'static [Node],
    pub(crate) text: &'static str,
    pub(crate) numbers: &'static [Number],
}

/// One content file's root node in its document.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Tree {
    doc: &'static Doc,
    root: u32,
}

impl Tree {
    pub(crate) const fn new(doc: &'static Doc, root: u32) -> Tree {
        Tree { doc, root }
    }

    /// The content read into `T`, or why it does not fit.
    pub(crate) fn deserialize<T: DeserializeOwned>(self) -> Result<T, Error> {
        T::deserialize(De::at(self.doc, self.root as usize)?)
    }

    /// The keys of the root, when it is a map: what a record's fields are named in the file.
    pub(crate) fn keys(self) -> Result<Vec<&'static str>, Error> {
        let de = De::at(self.doc, self.root as usize)?;
        let Node::Map(start, len) = *de.node else {
            return Err(de::Error::invalid_type(de.unexpected(), &"a map"));
        };
        let entries = de.children(start, len.saturating_mul(2))?;
        entries
            .iter()
            .step_by(2)
            .map(|k| {
                De {
                    doc: self.doc,
                    node: k,
                }
                .key()
            })
            .collect()
    }
}

impl Tree {
    /// A tree of its own mapping each key of this root that does not start with `_` to the
    /// key as words (`save_for_later` to "save for later"): what a record of words reads when
    /// its file cannot be read into it, so each field shows its own name. Built at run time on
    /// that path only, and never freed: the caller keeps what it reads for the rest of the
    /// run. Read through the same deserializer, so the record's derived `Deserialize` is not
    /// instantiated a second time for another one.
    pub(crate) fn names_as_words(self) -> Result<Tree, Error> {
        let keys: Vec<&str> = self
            .keys()?
            .into_iter()
            .filter(|k| !k.starts_with('_'))
            .collect();
        let span = |text: &String, s: &str| -> Result<Node, Error> {
            let start = u32::try_from(text.len()).map_err(|_| Error::damaged())?;
            let len = u32::try_from(s.len()).map_err(|_| Error::damaged())?;
            Ok(Node::Str(start, len))
        };
        let count = u32::try_from(keys.len()).map_err(|_| Error::damaged())?;
        let mut nodes = vec![Node::Map(1, count)];
        let mut text = String::new();
        for k in keys {
            nodes.push(span(&text, k)?);
            text.push_str(k);
            let words = k.replace('_', " ");
            nodes.push(span(&text, &words)?);
            text.push_str(&words);
        }
        let doc: &'static Doc = Box::leak(Box::new(Doc {
            nodes: Box::leak(nodes.into_boxed_slice()),
            text: Box::leak(text.into_boxed_str()),
            numbers: &[],
        }));
        Ok(Tree::new(doc, 0))
    }
}

/// Why content does not fit the type it is read into, and where in the file. Boxed, so
/// that every derived field's `Result` stays one pointer wider than its value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Error(Box<Why>);

#[derive(Debug, Clone, PartialEq, Eq)]
struct Why {
    message: String,
    /// Where, as `.key[index]` steps from the root; empty at the root.
    path: String,
}

impl Error {
    fn within(mut self, step: fmt::Arguments<'_>) -> Error {
        self.0.path = format!("{step}{}", self.0.path);
        self
    }

    /// A node pointing outside the document: only a fault of the build script.
    fn damaged() -> Error {
        de::Error::custom("the compiled content is damaged (a node points outside it)")
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0.path.is_empty() {
            f.write_str(&self.0.message)
        } else {
            write!(f, "{} at {}", self.0.message, self.0.path)
        }
    }
}

impl std::error::Error for Error {}

impl de::Error for Error {
    fn custom<T: fmt::Display>(msg: T) -> Error {
        Error(Box::new(Why {
            message: msg.to_string(),
            path: String::new(),
        }))
    }
}

/// One node to deserialize.
#[derive(Clone, Copy)]
struct De {
    doc: &'static Doc,
    node: &'static Node,
}

impl De {
    fn at(doc: &'static Doc, index: usize) -> Result<De, Error> {
        let node = doc.nodes.get(index).ok_or_else(Error::damaged)?;
        Ok(De { doc, node })
    }

    fn text(self, start: u32, len: u32) -> Result<&'static str, Error> {
        let start = start as usize;
        self.doc
            .text
            .get(start..start + len as usize)
            .ok_or_else(Error::damaged)
    }

    fn children(self, start: u32, len: u32) -> Result<&'static [Node], Error> {
        let start = start as usize;
        self.doc
            .nodes
            .get(start..start + len as usize)
            .ok_or_else(Error::damaged)
    }

    /// The string of a map key.
    fn key(self) -> Result<&'static str, Error> {
        match *self.node {
            Node::Str(start, len) => self.text(start, len),
            _ => Err(de::Error::invalid_type(self.unexpected(), &"a string key")),
        }
    }

    /// What the node is, for "invalid type" errors.
    fn unexpected(self) -> Unexpected<'static> {
        match *self.node {
            Node::Null => Unexpected::Unit,
            Node::Bool(b) => Unexpected::Bool(b),
            Node::Num(i) => match self.doc.numbers.get(i as usize) {
                Some(Number::UInt(u)) => Unexpected::Unsigned(*u),
                Some(Number::Int(i)) => Unexpected::Signed(*i),
                Some(Number::Float(f)) => Unexpected::Float(*f),
                None => Unexpected::Other("a number"),
            },
            Node::Str(start, len) => self
                .text(start, len)
                .map_or(Unexpected::Other("a string"), Unexpected::Str),
            Node::Seq(..) => Unexpected::Seq,
            Node::Map(..) => Unexpected::Map,
        }
    }
}

impl De {
    /// The node's elements visited as a sequence; every one must be read.
    #[inline]
    fn seq<'de, V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        let Node::Seq(start, len) = *self.node else {
            return self.refuse(visitor);
        };
        let mut items = Items {
            doc: self.doc,
            items: self.children(start, len)?,
            next: 0,
        };
        let value = visitor.visit_seq(&mut items)?;
        match items.items.len() - items.next {
            0 => Ok(value),
            _ => Err(de::Error::invalid_length(
                items.items.len(),
                &"fewer elements (some were left unread)",
            )),
        }
    }

    /// The node's entries visited as a map; every one must be read.
    #[inline]
    fn map<'de, V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        let Node::Map(start, len) = *self.node else {
            return self.refuse(visitor);
        };
        let mut entries = Entries {
            doc: self.doc,
            entries: self.children(start, len.saturating_mul(2))?,
            next: 0,
        };
        let value = visitor.visit_map(&mut entries)?;
        match entries.entries.len() / 2 - entries.next {
            0 => Ok(value),
            _ => Err(de::Error::invalid_length(
                entries.entries.len() / 2,
                &"fewer entries (some were left unread)",
            )),
        }
    }

    /// The document's number `i` offered as serde_json offers it: `u64`, `i64` or `f64`.
    #[inline]
    fn number<'de, V: Visitor<'de>>(self, i: u32, visitor: V) -> Result<V::Value, Error> {
        match self.doc.numbers.get(i as usize) {
            Some(Number::UInt(u)) => visitor.visit_u64(*u),
            Some(Number::Int(n)) => visitor.visit_i64(*n),
            Some(Number::Float(f)) => visitor.visit_f64(*f),
            None => Err(Error::damaged()),
        }
    }

    /// "invalid type: <this node>, expected <what the visitor wants>".
    fn refuse<'de, V: Visitor<'de>, T>(self, visitor: V) -> Result<T, Error> {
        Err(de::Error::invalid_type(self.unexpected(), &visitor))
    }
}

/// Numbers: a number of any kind is offered to the visitor as serde_json offers it (the
/// visitor converts, or refuses one out of its range); anything else is refused.
macro_rules! numbers {
    ($($method:ident)*) => {$(
        #[inline(never)]
        fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
            match *self.node {
                Node::Num(i) => self.number(i, visitor),
                _ => self.refuse(visitor),
            }
        }
    )*};
}

/// Besides `deserialize_any`, each method offers the visitor only the one shape it asks for
/// (a record only a map, a list only a sequence, a string only a string) and refuses the
/// rest. serde_json would also read a record written as a list; the content never is, and
/// offering it would compile every record's derived `visit_seq` in as well as its
/// `visit_map`: as large again.
impl<'de> de::Deserializer<'de> for De {
    type Error = Error;

    #[inline(never)]
    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match *self.node {
            Node::Null => visitor.visit_unit(),
            Node::Bool(b) => visitor.visit_bool(b),
            Node::Num(i) => self.number(i, visitor),
            Node::Str(start, len) => visitor.visit_borrowed_str(self.text(start, len)?),
            Node::Seq(..) => self.seq(visitor),
            Node::Map(..) => self.map(visitor),
        }
    }

    #[inline(never)]
    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match *self.node {
            Node::Bool(b) => visitor.visit_bool(b),
            _ => self.refuse(visitor),
        }
    }

    numbers! {
        deserialize_i8 deserialize_i16 deserialize_i32 deserialize_i64 deserialize_i128
        deserialize_u8 deserialize_u16 deserialize_u32 deserialize_u64 deserialize_u128
        deserialize_f32 deserialize_f64
    }

    #[inline(never)]
    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match *self.node {
            Node::Str(start, len) => visitor.visit_borrowed_str(self.text(start, len)?),
            _ => self.refuse(visitor),
        }
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_str(visitor)
    }

    fn deserialize_char<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_str(visitor)
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_str(visitor)
    }

    #[inline(never)]
    fn deserialize_unit<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match *self.node {
            Node::Null => visitor.visit_unit(),
            _ => self.refuse(visitor),
        }
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.deserialize_unit(visitor)
    }

    #[inline(never)]
    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.seq(visitor)
    }

    fn deserialize_tuple<V: Visitor<'de>>(
        self,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.deserialize_seq(visitor)
    }

    #[inline(never)]
    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.map(visitor)
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.deserialize_map(visitor)
    }

    #[inline(never)]
    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.node {
            Node::Null => visitor.visit_none(),
            _ => visitor.visit_some(self),
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Error> {
        visitor.visit_newtype_struct(self)
    }

    #[inline(never)]
    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        match *self.node {
            Node::Str(..) => visitor.visit_enum(Variant {
                doc: self.doc,
                name: self.node,
                value: None,
            }),
            Node::Map(start, 1) => {
                let entry = self.children(start, 2)?;
                visitor.visit_enum(Variant {
                    doc: self.doc,
                    name: &entry[0],
                    value: Some(&entry[1]),
                })
            }
            _ => Err(de::Error::invalid_type(
                self.unexpected(),
                &"a variant's name, or a map of one entry from a variant's name to its value",
            )),
        }
    }

    /// Skipped content (fields no type reads) is not walked at all.
    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_unit()
    }

    forward_to_deserialize_any! { bytes byte_buf }
}

/// A map key. Keys are strings; as in serde_json, a key read as a number is parsed from its
/// words ("3" for a `HashMap<u32, _>`), and anything else reads the string.
struct Key(De);

/// A key that serde_json reads as an integer: an optional minus, then digits with no leading
/// zero ("-0" it reads as a float, so not that). Rust's own parsing would also take "+3" and
/// "03" (then "3" and "03" one key), which serde_json refuses.
fn json_integer(s: &str) -> bool {
    let (negative, digits) = match s.strip_prefix('-') {
        Some(d) => (true, d),
        None => (false, s),
    };
    !digits.is_empty()
        && digits.bytes().all(|b| b.is_ascii_digit())
        && !(digits.starts_with('0') && (negative || digits.len() > 1))
}

macro_rules! number_keys {
    ($($method:ident $ty:ty => $visit:ident,)*) => {$(
        fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
            let s = self.0.key()?;
            match s.parse::<$ty>() {
                Ok(n) if json_integer(s) => visitor.$visit(n),
                _ => Err(de::Error::invalid_type(Unexpected::Str(s), &visitor)),
            }
        }
    )*};
}

impl<'de> de::Deserializer<'de> for Key {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.0.deserialize_any(visitor)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        name: &'static str,
        variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.0.deserialize_enum(name, variants, visitor)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Error> {
        visitor.visit_newtype_struct(self)
    }

    number_keys! {
        deserialize_i8 i8 => visit_i8,
        deserialize_i16 i16 => visit_i16,
        deserialize_i32 i32 => visit_i32,
        deserialize_i64 i64 => visit_i64,
        deserialize_u8 u8 => visit_u8,
        deserialize_u16 u16 => visit_u16,
        deserialize_u32 u32 => visit_u32,
        deserialize_u64 u64 => visit_u64,
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.0.deserialize_str(visitor)
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.0.deserialize_str(visitor)
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.0.deserialize_str(visitor)
    }

    forward_to_deserialize_any! {
        bool i128 u128 f32 f64 char bytes byte_buf option unit unit_struct seq
        tuple tuple_struct map struct ignored_any
    }
}

/// The elements of a sequence, in order.
struct Items {
    doc: &'static Doc,
    items: &'static [Node],
    next: usize,
}

impl<'de> SeqAccess<'de> for Items {
    type Error = Error;

    #[inline(never)]
    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, Error> {
        let Some(node) = self.items.get(self.next) else {
            return Ok(None);
        };
        let at = self.next;
        self.next += 1;
        seed.deserialize(De {
            doc: self.doc,
            node,
        })
        .map(Some)
        .map_err(|e| e.within(format_args!("[{at}]")))
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.items.len() - self.next)
    }
}

/// The entries of a map, in key order: the build reads each file as a JSON value, whose
/// objects are sorted by key (no content type depends on the order of its keys).
struct Entries {
    doc: &'static Doc,
    /// Key, value, key, value...
    entries: &'static [Node],
    /// The entry whose key is read next; its value is at `2 * next - 1` once it has been.
    next: usize,
}

impl<'de> MapAccess<'de> for Entries {
    type Error = Error;

    #[inline(never)]
    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Error> {
        let Some(node) = self.entries.get(2 * self.next) else {
            return Ok(None);
        };
        self.next += 1;
        let key = De {
            doc: self.doc,
            node,
        };
        seed.deserialize(Key(key)).map(Some)
    }

    #[inline(never)]
    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Error> {
        let at = (2 * self.next).checked_sub(1).ok_or_else(Error::damaged)?;
        let node = self.entries.get(at).ok_or_else(Error::damaged)?;
        let key = De {
            doc: self.doc,
            node: &self.entries[at - 1],
        };
        seed.deserialize(De {
            doc: self.doc,
            node,
        })
        .map_err(|e| e.within(format_args!(".{}", key.key().unwrap_or("?"))))
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.entries.len() / 2 - self.next)
    }
}

/// An enum's variant: its name, and its value when written as a map of one entry.
struct Variant {
    doc: &'static Doc,
    name: &'static Node,
    value: Option<&'static Node>,
}

impl<'de> EnumAccess<'de> for Variant {
    type Error = Error;
    type Variant = Self;

    fn variant_seed<S: DeserializeSeed<'de>>(self, seed: S) -> Result<(S::Value, Self), Error> {
        let name = seed.deserialize(Key(De {
            doc: self.doc,
            node: self.name,
        }))?;
        Ok((name, self))
    }
}

impl Variant {
    fn value(&self) -> Result<De, Error> {
        match self.value {
            Some(node) => Ok(De {
                doc: self.doc,
                node,
            }),
            None => Err(de::Error::invalid_type(
                Unexpected::UnitVariant,
                &"a variant with a value (a map of one entry)",
            )),
        }
    }
}

impl<'de> VariantAccess<'de> for Variant {
    type Error = Error;

    fn unit_variant(self) -> Result<(), Error> {
        match self.value {
            None => Ok(()),
            Some(node) => de::Deserialize::deserialize(De {
                doc: self.doc,
                node,
            }),
        }
    }

    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> Result<T::Value, Error> {
        seed.deserialize(self.value()?)
    }

    fn tuple_variant<V: Visitor<'de>>(self, _len: usize, visitor: V) -> Result<V::Value, Error> {
        de::Deserializer::deserialize_any(self.value()?, visitor)
    }

    fn struct_variant<V: Visitor<'de>>(
        self,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        de::Deserializer::deserialize_any(self.value()?, visitor)
    }
}

#[cfg(test)]
mod tests;

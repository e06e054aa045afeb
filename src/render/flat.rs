//! One view's fields beside another's, as `#[serde(flatten)]` puts them, but
//! as a struct's fields rather than a map's entries: serde's flatten
//! serializes the whole view as a map, and Tera turns every map key into a
//! fresh string (one per field, per view, per page), where a struct's field
//! names stay `&'static str`.
//!
//! `serialize_beside!` writes a view's `Serialize`: its flattened part's
//! fields, then its own. It takes the view apart with an exhaustive pattern,
//! so a field added to the struct and not to the list does not compile.

use serde::Serialize;
use serde::ser::{self, Impossible, SerializeStruct, Serializer};

/// Serializes `value`, a struct (or a struct-like variant of an untagged
/// enum), as fields of the struct `into` is serializing.
pub fn fields_into<M, T>(value: &T, into: &mut M) -> Result<(), M::Error>
where
    M: SerializeStruct,
    T: Serialize + ?Sized,
{
    value.serialize(Fields(into))
}

/// The serializer `fields_into` gives a flattened part: a struct's fields
/// go to the enclosing struct; anything else is an error, as it would be
/// for `#[serde(flatten)]` of a value that is not a map.
struct Fields<'m, M>(&'m mut M);

fn not_a_struct<E: ser::Error>() -> E {
    E::custom("only a struct's fields can be put beside another's")
}

impl<M: SerializeStruct> SerializeStruct for Fields<'_, M> {
    type Ok = ();
    type Error = M::Error;

    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), M::Error> {
        self.0.serialize_field(key, value)
    }

    fn skip_field(&mut self, key: &'static str) -> Result<(), M::Error> {
        self.0.skip_field(key)
    }

    fn end(self) -> Result<(), M::Error> {
        Ok(())
    }
}

/// Every `Serializer` method but `serialize_struct` refuses.
macro_rules! refuse {
    ($($method:ident($($arg:ty),*)),* $(,)?) => {
        $(fn $method(self, $(_: $arg),*) -> Result<(), M::Error> {
            Err(not_a_struct())
        })*
    };
}

impl<'m, M: SerializeStruct> Serializer for Fields<'m, M> {
    type Ok = ();
    type Error = M::Error;
    type SerializeSeq = Impossible<(), M::Error>;
    type SerializeTuple = Impossible<(), M::Error>;
    type SerializeTupleStruct = Impossible<(), M::Error>;
    type SerializeTupleVariant = Impossible<(), M::Error>;
    type SerializeMap = Impossible<(), M::Error>;
    type SerializeStruct = Self;
    type SerializeStructVariant = Impossible<(), M::Error>;

    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Self, M::Error> {
        Ok(self)
    }

    refuse!(
        serialize_bool(bool),
        serialize_i8(i8),
        serialize_i16(i16),
        serialize_i32(i32),
        serialize_i64(i64),
        serialize_u8(u8),
        serialize_u16(u16),
        serialize_u32(u32),
        serialize_u64(u64),
        serialize_f32(f32),
        serialize_f64(f64),
        serialize_char(char),
        serialize_str(&str),
        serialize_bytes(&[u8]),
        serialize_none(),
        serialize_unit(),
        serialize_unit_struct(&'static str),
        serialize_unit_variant(&'static str, u32, &'static str),
    );

    fn serialize_some<T: Serialize + ?Sized>(self, _: &T) -> Result<(), M::Error> {
        Err(not_a_struct())
    }

    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: &T,
    ) -> Result<(), M::Error> {
        Err(not_a_struct())
    }

    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<(), M::Error> {
        Err(not_a_struct())
    }

    fn serialize_seq(self, _: Option<usize>) -> Result<Self::SerializeSeq, M::Error> {
        Err(not_a_struct())
    }

    fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, M::Error> {
        Err(not_a_struct())
    }

    fn serialize_tuple_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleStruct, M::Error> {
        Err(not_a_struct())
    }

    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, M::Error> {
        Err(not_a_struct())
    }

    fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap, M::Error> {
        Err(not_a_struct())
    }

    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, M::Error> {
        Err(not_a_struct())
    }
}

/// The body of a view's `Serialize`: `serialize_beside!(View { ..part; a, b })`
/// serializes `part`'s fields and then `a` and `b`, each under its own name.
macro_rules! serialize_beside {
    ($view:ident { ..$part:ident; $($field:ident),* $(,)? }) => {
        fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            use serde::ser::SerializeStruct;
            let $view { $part, $($field),* } = self;
            let own = [$(stringify!($field)),*].len();
            // Room for the part's fields too (Tera sizes its map by it).
            let mut view = serializer.serialize_struct(stringify!($view), own + 8)?;
            $crate::render::flat::fields_into($part, &mut view)?;
            $(view.serialize_field(stringify!($field), $field)?;)*
            view.end()
        }
    };
}
pub(crate) use serialize_beside;

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Serialize)]
    struct Head<'a> {
        id: &'a str,
        #[serde(rename = "type")]
        kind: u8,
        #[serde(skip_serializing_if = "Option::is_none")]
        note: Option<&'a str>,
    }

    #[derive(Serialize)]
    #[serde(untagged)]
    enum Kind {
        Stated {
            text: String,
        },
        Total {
            compact: String,
            exact: Option<String>,
        },
    }

    struct Beside<'a> {
        head: Head<'a>,
        count: usize,
        kind_free: bool,
    }

    impl Serialize for Beside<'_> {
        serialize_beside!(Beside { ..head; count, kind_free });
    }

    /// The same view as serde's own flatten writes it.
    #[derive(Serialize)]
    struct Flattened<'a> {
        #[serde(flatten)]
        head: Head<'a>,
        count: usize,
        kind_free: bool,
    }

    #[test]
    fn fields_beside_are_those_serdes_flatten_gives() {
        for note in [None, Some("n")] {
            let head = || Head {
                id: "meta",
                kind: 2,
                note,
            };
            let ours = Beside {
                head: head(),
                count: 3,
                kind_free: true,
            };
            let serdes = Flattened {
                head: head(),
                count: 3,
                kind_free: true,
            };
            assert_eq!(
                serde_json::to_string(&ours).unwrap(),
                serde_json::to_string(&serdes).unwrap()
            );
            // Tera sees the same value either way.
            assert_eq!(
                tera::Value::from_serializable(&ours),
                tera::Value::from_serializable(&serdes)
            );
        }
    }

    #[test]
    fn an_untagged_variants_fields_go_beside() {
        struct Money {
            currency: &'static str,
            kind: Kind,
        }
        impl Serialize for Money {
            serialize_beside!(Money { ..kind; currency });
        }
        let total = Money {
            currency: "USD",
            kind: Kind::Total {
                compact: "$1B".into(),
                exact: None,
            },
        };
        assert_eq!(
            serde_json::to_string(&total).unwrap(),
            r#"{"compact":"$1B","exact":null,"currency":"USD"}"#
        );
        let stated = Money {
            currency: "KRW",
            kind: Kind::Stated {
                text: "1조".into()
            },
        };
        assert_eq!(
            serde_json::to_string(&stated).unwrap(),
            r#"{"text":"1조","currency":"KRW"}"#
        );
    }

    #[test]
    fn a_part_that_is_not_a_struct_is_an_error() {
        struct Odd {
            part: Vec<u8>,
            n: u8,
        }
        impl Serialize for Odd {
            serialize_beside!(Odd { ..part; n });
        }
        let odd = Odd {
            part: vec![1],
            n: 2,
        };
        assert!(serde_json::to_string(&odd).is_err());
    }
}

//! Objects only: serde's derived readers also take a struct written as an array of its fields
//! in order (`"options": [[150, 300], 50]`), which no scenario file has ever been. Reading a
//! struct through [`Object`] refuses that, as the format always has.

use std::fmt;
use std::marker::PhantomData;

use serde::de::value::MapAccessDeserializer;
use serde::de::{MapAccess, Visitor};
use serde::{Deserialize, Deserializer};

/// A `T` that was written as a JSON object.
#[derive(Clone, Debug, PartialEq)]
pub struct Object<T>(pub T);

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Object<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ObjectOnly<T>(PhantomData<T>);
        impl<'de, T: Deserialize<'de>> Visitor<'de> for ObjectOnly<T> {
            type Value = T;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an object")
            }

            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<T, A::Error> {
                T::deserialize(MapAccessDeserializer::new(map))
            }
        }
        deserializer.deserialize_map(ObjectOnly(PhantomData)).map(Object)
    }
}

/// For `#[serde(deserialize_with = "object")]`: the field's value must be an object.
pub(crate) fn object<'de, D: Deserializer<'de>, T: Deserialize<'de>>(deserializer: D) -> Result<T, D::Error> {
    Object::deserialize(deserializer).map(|Object(value)| value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, PartialEq, Deserialize)]
    struct Pair {
        a: u32,
        b: u32,
    }

    #[test]
    fn a_struct_reads_from_an_object_and_never_from_an_array() {
        let Object(pair) = serde_json::from_str::<Object<Pair>>(r#"{"a":1,"b":2}"#).unwrap();
        assert_eq!(pair, Pair { a: 1, b: 2 });
        assert!(serde_json::from_str::<Pair>("[1,2]").is_ok(), "what serde alone accepts");
        let error = serde_json::from_str::<Object<Pair>>("[1,2]").unwrap_err().to_string();
        assert!(error.starts_with("invalid type: sequence, expected an object"), "{error}");
    }
}

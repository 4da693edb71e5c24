//! Tolerant field decoders. The seeds' own examples put numbers where strings are declared,
//! strings where numbers are, and nulls everywhere; real servers do the same. A field the app
//! only displays must not fail a whole response, so these accept every reasonable spelling and
//! fall back to `None` instead of erroring. Use them with `#[serde(default, deserialize_with)]`.

use serde::{Deserialize, Deserializer};
use serde_json::Value;

/// A string, or a number or bool written as text. Objects and arrays become `None`.
pub fn string<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<String>, D::Error> {
    Ok(match Value::deserialize(deserializer)? {
        Value::String(text) => Some(text),
        Value::Number(number) => Some(number.to_string()),
        Value::Bool(flag) => Some(flag.to_string()),
        _ => None,
    })
}

/// An integer, also from a numeric string (`"42"`) or an integral float (`42.0`).
pub fn int<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<i64>, D::Error> {
    Ok(value_to_int(&Value::deserialize(deserializer)?))
}

/// A number, also from a numeric string.
pub fn float<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<f64>, D::Error> {
    Ok(match Value::deserialize(deserializer)? {
        Value::Number(number) => number.as_f64(),
        Value::String(text) => text.trim().parse().ok(),
        _ => None,
    })
}

/// A flag: `true`/`false`, `1`/`0`, `"1"`/`"0"`, `"true"`/`"false"`.
pub fn flag<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<bool>, D::Error> {
    Ok(match Value::deserialize(deserializer)? {
        Value::Bool(flag) => Some(flag),
        Value::Number(number) => number.as_i64().map(|n| n != 0),
        Value::String(text) => match text.trim() {
            "1" | "true" | "TRUE" | "True" => Some(true),
            "0" | "false" | "FALSE" | "False" => Some(false),
            _ => None,
        },
        _ => None,
    })
}

/// A list; anything that is not an array (null, an object, a string) is an empty list, and
/// items that do not decode are skipped rather than failing the whole list.
pub fn list<'de, D, T>(deserializer: D) -> Result<Vec<T>, D::Error>
where
    D: Deserializer<'de>,
    T: serde::de::DeserializeOwned,
{
    Ok(match Value::deserialize(deserializer)? {
        Value::Array(items) => items
            .into_iter()
            .filter_map(|item| serde_json::from_value(item).ok())
            .collect(),
        _ => Vec::new(),
    })
}

pub(crate) fn value_to_int(value: &Value) -> Option<i64> {
    match value {
        Value::Number(number) => number.as_i64().or_else(|| {
            number
                .as_f64()
                .filter(|f| f.fract() == 0.0 && f.abs() < 9.0e15)
                .map(|f| f as i64)
        }),
        Value::String(text) => text.trim().parse().ok(),
        _ => None,
    }
}

pub(crate) fn value_to_string(value: &Value) -> Option<String> {
    match value {
        Value::String(text) => Some(text.clone()),
        Value::Number(number) => Some(number.to_string()),
        Value::Bool(flag) => Some(flag.to_string()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use serde::Deserialize;

    #[derive(Deserialize, Default)]
    #[serde(default)]
    struct Probe {
        #[serde(deserialize_with = "super::string")]
        s: Option<String>,
        #[serde(deserialize_with = "super::int")]
        i: Option<i64>,
        #[serde(deserialize_with = "super::flag")]
        b: Option<bool>,
        #[serde(deserialize_with = "super::list")]
        l: Vec<u8>,
    }

    fn probe(json: &str) -> Probe {
        serde_json::from_str(json).unwrap()
    }

    #[test]
    fn accepts_the_spellings_servers_use() {
        let p = probe(r#"{"s": 8, "i": "42", "b": "1", "l": [1, "x", 3]}"#);
        assert_eq!(p.s.as_deref(), Some("8"));
        assert_eq!(p.i, Some(42));
        assert_eq!(p.b, Some(true));
        assert_eq!(p.l, vec![1, 3]);
    }

    #[test]
    fn wrong_shapes_become_absent_instead_of_failing() {
        let p = probe(r#"{"s": {"a": 1}, "i": "n/a", "b": "maybe", "l": {"x": 1}}"#);
        assert_eq!(p.s, None);
        assert_eq!(p.i, None);
        assert_eq!(p.b, None);
        assert!(p.l.is_empty());
        let missing = probe("{}");
        assert_eq!(missing.s, None);
    }
}

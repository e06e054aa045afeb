//! Money as it stands in YAML: a string (`"$10B"`), the map form
//! (`{value: 10000000000, currency: USD}`), or a bare number, which is kept only
//! to be rejected with a clear message.

use crate::model::money::{self, Money};
use rust_decimal::Decimal;
use serde::Deserialize;
use serde::de::{self, Deserializer, MapAccess, Visitor};
use std::fmt;
use std::str::FromStr;

#[derive(Debug, Clone, PartialEq)]
pub enum MoneyInput {
    Text(String),
    Bare(String),
    Map { value: String, currency: String },
}

impl MoneyInput {
    pub fn to_money(&self) -> Result<Money, String> {
        match self {
            MoneyInput::Text(text) => money::parse(text),
            MoneyInput::Bare(number) => Err(format!(
                "`{number}` has no currency; write it as `\"${number}\"`, `\"{number} KRW\"` or `{{value: {number}, currency: USD}}`"
            )),
            MoneyInput::Map { value, currency } => {
                let value = Decimal::from_str(value)
                    .or_else(|_| Decimal::from_scientific(value))
                    .map_err(|_| format!("`{value}` is not a number"))?;
                Money::from_parts(value, currency)
            }
        }
    }
}

struct NumberText;

impl<'de> Visitor<'de> for NumberText {
    type Value = String;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a number")
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<String, E> {
        Ok(v.to_string())
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<String, E> {
        Ok(v.to_string())
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<String, E> {
        Ok(v.to_string())
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<String, E> {
        Ok(v.to_string())
    }
}

/// A number as written: the scalar's own text, so `90071992547409.93` keeps
/// its digits instead of going through `f64`.
struct Number(String);

impl<'de> Deserialize<'de> for Number {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_str(NumberText).map(Number)
    }
}

struct MoneyVisitor;

impl<'de> Visitor<'de> for MoneyVisitor {
    type Value = MoneyInput;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an amount such as \"$10B\" or \"100억달러\", or {value, currency}")
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<MoneyInput, E> {
        Ok(MoneyInput::Text(v.to_string()))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<MoneyInput, E> {
        Ok(MoneyInput::Bare(v.to_string()))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<MoneyInput, E> {
        Ok(MoneyInput::Bare(v.to_string()))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<MoneyInput, E> {
        Ok(MoneyInput::Bare(v.to_string()))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<MoneyInput, A::Error> {
        let mut value = None;
        let mut currency = None;
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "value" => value = Some(map.next_value::<Number>()?.0),
                "currency" => currency = Some(map.next_value::<String>()?),
                other => return Err(de::Error::unknown_field(other, &["value", "currency"])),
            }
        }
        Ok(MoneyInput::Map {
            value: value.ok_or_else(|| de::Error::missing_field("value"))?,
            currency: currency.ok_or_else(|| de::Error::missing_field("currency"))?,
        })
    }
}

impl<'de> Deserialize<'de> for MoneyInput {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(MoneyVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_map_form_keeps_the_digits_as_written() {
        let m: MoneyInput =
            serde_saphyr::from_str("{value: 90071992547409.93, currency: USD}").unwrap();
        assert_eq!(
            m,
            MoneyInput::Map {
                value: "90071992547409.93".into(),
                currency: "USD".into()
            }
        );
        for (yaml, value) in [
            ("{value: 10000000000, currency: USD}", "10000000000"),
            ("{value: 1.5e9, currency: KRW}", "1500000000"),
            ("{value: \"0.10\", currency: EUR}", "0.1"),
        ] {
            let m: MoneyInput = serde_saphyr::from_str(yaml).unwrap();
            assert_eq!(
                m.to_money().unwrap().value,
                Decimal::from_str(value).unwrap(),
                "{yaml}"
            );
        }
    }
}

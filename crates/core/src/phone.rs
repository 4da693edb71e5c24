//! A phone number as every family's flows take it: an area code and the number, read once from
//! what the user typed, so a code sent to `+86 138…` is found again under `86` + `138…`.

use crate::error::Error;
use crate::error::InputProblem;

/// The area code when the user gives none: the seeds' customers are in mainland China.
pub const DEFAULT_AREA: &str = "86";

/// Why what the user typed is not a phone number.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PhoneError {
    #[error("enter a phone number")]
    MissingNumber,
    #[error("an area code is 1 to 3 digits, written 86, +86 or 0086")]
    BadArea,
    #[error("a phone number is 5 to 15 digits (spaces and '-' may separate them)")]
    BadNumber,
}

impl From<PhoneError> for Error {
    fn from(error: PhoneError) -> Self {
        let field = match error {
            PhoneError::BadArea => "phoneArea",
            PhoneError::MissingNumber | PhoneError::BadNumber => "phone",
        };
        let problem = match error {
            PhoneError::MissingNumber => InputProblem::Required,
            PhoneError::BadArea => InputProblem::AreaCode,
            PhoneError::BadNumber => InputProblem::PhoneNumber,
        };
        Error::invalid(field, problem)
    }
}

/// An area code (digits, without `+` or `00`) and a number (digits only).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct PhoneNumber {
    area: String,
    number: String,
}

impl PhoneNumber {
    /// Reads an area code (`+86`, `86` and `0086` all mean 86; none means
    /// [`DEFAULT_AREA`]) and a number, whose spaces and hyphens are dropped.
    pub fn parse(area: Option<&str>, number: &str) -> Result<Self, PhoneError> {
        let area = area.map(str::trim).filter(|a| !a.is_empty());
        let area = match area {
            None => DEFAULT_AREA.to_owned(),
            Some(given) => {
                let digits = given
                    .strip_prefix('+')
                    .or_else(|| given.strip_prefix("00"))
                    .unwrap_or(given);
                let valid = (1..=3).contains(&digits.len())
                    && digits.chars().all(|c| c.is_ascii_digit())
                    && !digits.starts_with('0');
                if !valid {
                    return Err(PhoneError::BadArea);
                }
                digits.to_owned()
            }
        };
        let number: String = number
            .chars()
            .filter(|c| !c.is_whitespace() && *c != '-')
            .collect();
        if number.is_empty() {
            return Err(PhoneError::MissingNumber);
        }
        if !(5..=15).contains(&number.len()) || !number.chars().all(|c| c.is_ascii_digit()) {
            return Err(PhoneError::BadNumber);
        }
        Ok(Self { area, number })
    }

    /// The area code's digits (`86`).
    pub fn area(&self) -> &str {
        &self.area
    }

    /// The area code as the app sends it where a call takes one (A's `phoneArea`, the code
    /// sender's `{{phoneArea}}`): `+86`, as seed 001's login answer spells it.
    pub fn area_with_plus(&self) -> String {
        format!("+{}", self.area)
    }

    /// The number's digits, without the area code, as B's `userAccount` and C's
    /// `phonenumber` take it.
    pub fn number(&self) -> &str {
        &self.number
    }

    /// The whole number in international form (`+8613800000001`): one key for one phone.
    pub fn international(&self) -> String {
        format!("+{}{}", self.area, self.number)
    }
}

#[cfg(test)]
mod tests {
    use super::{PhoneError, PhoneNumber};

    #[test]
    fn every_way_of_writing_an_area_code_is_the_same_phone() {
        let plain = PhoneNumber::parse(Some("86"), "13800000001").unwrap();
        for area in [Some("+86"), Some("0086"), Some(" 86 "), None, Some("")] {
            assert_eq!(PhoneNumber::parse(area, "138 0000-0001").unwrap(), plain);
        }
        assert_eq!(plain.area(), "86");
        assert_eq!(plain.area_with_plus(), "+86");
        assert_eq!(plain.number(), "13800000001");
        assert_eq!(plain.international(), "+8613800000001");
        assert_eq!(
            PhoneNumber::parse(Some("+852"), "91234567")
                .unwrap()
                .international(),
            "+85291234567"
        );
    }

    #[test]
    fn what_is_not_a_phone_number_says_which_part_is_wrong() {
        assert_eq!(
            PhoneNumber::parse(None, " "),
            Err(PhoneError::MissingNumber)
        );
        assert_eq!(PhoneNumber::parse(None, "demo"), Err(PhoneError::BadNumber));
        assert_eq!(
            PhoneNumber::parse(None, "1380000000a"),
            Err(PhoneError::BadNumber)
        );
        assert_eq!(PhoneNumber::parse(None, "123"), Err(PhoneError::BadNumber));
        assert_eq!(
            PhoneNumber::parse(None, "+8613800000001"),
            Err(PhoneError::BadNumber)
        );
        for area in ["+", "8a", "1234", "+0", "000"] {
            assert_eq!(
                PhoneNumber::parse(Some(area), "13800000001"),
                Err(PhoneError::BadArea),
                "{area}"
            );
        }
    }
}

//! Changes to the profile: nickname, gender, birthday and e-mail (family B's edit), real-name
//! certification, the mobile number (bind, or rebind when one is bound), and the avatar, which
//! goes through family C's upload and is then set on family B's profile too.
//!
//! Every input is checked here before anything is sent. After the server accepts a change the
//! cached profile is updated with it and the pages hear `refreshed`, so they show it at once.

use lcs_api::planner::UploadPic;
use lcs_api::user_center::login::AccountForm;
use lcs_api::user_center::user::{
    BindMobilePost, Gender, SaveCertificate, UnBindMobilePost, UserEdit, UserFields,
};
use lcs_api::{Family, Secret, Upload};
use serde::Deserialize;
use serde_json::{Map, Value, json};

use super::Profile;
use crate::data::{DataChange, DataKind, MAX_AGE, Scope};
use crate::error::InputProblem;
use crate::error::{Error, Result};
use crate::phone::PhoneNumber;

/// Family B's gender (`userGender`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum ProfileGender {
    NotSaid,
    Male,
    Female,
}

/// The edit page's fields. An empty birthday or e-mail leaves the server's value as it is:
/// family B's edit sends only the fields it is given.
#[derive(Debug, Clone, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct ProfileInput {
    pub nickname: String,
    pub gender: ProfileGender,
    /// `yyyy-MM-dd`.
    pub birthday: String,
    pub email: String,
}

/// Real-name certification: the legal name and a mainland identity card number.
#[derive(Debug, Clone, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct CertificateInput {
    pub real_name: String,
    pub id_number: String,
}

/// A new mobile number with its area code, proved by the code sent to it (`auth_send_code`).
#[derive(Debug, Clone, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct MobileInput {
    /// `+86`.
    pub phone_area: String,
    pub phone: String,
    pub code: String,
}

/// The server's limit on nicknames.
const NICKNAME_MAX_CHARS: usize = 32;
/// A legal name: two characters (a short Chinese name) to thirty.
const REAL_NAME_CHARS: std::ops::RangeInclusive<usize> = 2..=30;
/// The weights of the first 17 digits of a mainland identity card number (GB 11643).
const ID_WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
/// The check character for each remainder mod 11.
const ID_CHECK: &[u8; 11] = b"10X98765432";

impl Profile {
    /// Family B's edit with the page's four fields.
    pub async fn edit(&self, input: ProfileInput) -> Result<()> {
        let nickname = check_nickname(&input.nickname)?;
        let birthday = input.birthday.trim();
        if !birthday.is_empty() {
            check_birthday(birthday, today())?;
        }
        let email = input.email.trim();
        if !email.is_empty() {
            check_email(email)?;
        }
        let gender = match input.gender {
            ProfileGender::NotSaid => Gender::Secret,
            ProfileGender::Male => Gender::Male,
            ProfileGender::Female => Gender::Female,
        };
        let scope = self.data.scope(Family::UserCenter)?;
        let fields = UserFields {
            user_nickname: Some(nickname.clone()),
            user_gender: Some(gender),
            user_birthday: (!birthday.is_empty()).then(|| birthday.to_owned()),
            user_email: (!email.is_empty()).then(|| email.to_owned()),
            ..UserFields::default()
        };
        self.data.auth().user_center(&UserEdit(fields)).await?;
        let mut changed = json!({"user_nickname": nickname, "user_gender": gender as u8});
        if !birthday.is_empty() {
            changed["user_birthday"] = birthday.into();
        }
        if !email.is_empty() {
            changed["user_email"] = email.into();
        }
        self.patch_user_info(&scope, changed)
    }

    /// Submits real-name certification; the profile then says it is pending review.
    pub async fn certify(&self, input: CertificateInput) -> Result<()> {
        let real_name = check_real_name(&input.real_name)?;
        let id_number = check_id_number(&input.id_number, today())?;
        let scope = self.data.scope(Family::UserCenter)?;
        let fields = UserFields {
            user_realname: Some(real_name.clone()),
            user_idcard: Some(id_number.clone()),
            ..UserFields::default()
        };
        self.data
            .auth()
            .user_center(&SaveCertificate(fields))
            .await?;
        self.patch_user_info(
            &scope,
            json!({
                // The ID card number is not the cache's to keep, not even masked.
                "user_realname": real_name,
                "user_is_authentication": 1,
            }),
        )
    }

    /// Binds the mobile number, or replaces the bound one (unBindMobile, "重新绑定"), with the
    /// code the user received on the new number.
    pub async fn bind_mobile(&self, input: MobileInput) -> Result<()> {
        let number = check_phone(&input.phone_area, &input.phone)?;
        let (area, phone) = (number.area_with_plus(), number.number().to_owned());
        let code = check_code(&input.code)?;
        let scope = self.data.scope(Family::UserCenter)?;
        let current = self.user_info().await?.data;
        let current = current
            .get("user_mobile")
            .and_then(Value::as_str)
            .filter(|mobile| !mobile.is_empty());
        if current == Some(phone.as_str()) {
            return Err(Error::invalid("phone", InputProblem::AlreadyYourNumber));
        }
        let form = AccountForm {
            bind_type: Some(1),
            user_account: Some(phone.clone()),
            verify_code: Some(Secret::new(code)),
            verify_key: Some(
                self.data
                    .auth()
                    .phone_send_token(&number)?
                    .expose()
                    .to_owned(),
            ),
            ..AccountForm::default()
        };
        if current.is_some() {
            self.data
                .auth()
                .user_center(&UnBindMobilePost(form))
                .await?;
        } else {
            self.data.auth().user_center(&BindMobilePost(form)).await?;
        }
        self.patch_user_info(&scope, json!({"user_mobile": phone, "user_intl": area}))
    }

    /// Uploads a new avatar (PNG, JPEG or WebP under 5 MiB) through the planner account and,
    /// when the user centre is signed in too, makes it that profile's avatar as well. Answers
    /// the picture's URL. Without a planner session: [`Error::SignInRequired`].
    pub async fn upload_avatar(&self, image: Vec<u8>) -> Result<String> {
        if self.data.auth().session(Family::Planner).is_none() {
            return Err(Error::SignInRequired {
                family: Family::Planner,
            });
        }
        let upload = Upload::image("file", "avatar", image)?;
        let extension = upload.mime.trim_start_matches("image/");
        let call = UploadPic::avatar(format!("avatar.{extension}"), upload.bytes)?;
        let scope = self.data.scope(Family::Planner)?;
        let url = self
            .data
            .auth()
            .planner(&call)
            .await?
            .url
            .ok_or_else(|| Error::invalid("url", InputProblem::MissingFromAnswer))?;
        self.patch_account_detail(&scope, &url)?;
        if let Ok(user_scope) = self.data.scope(Family::UserCenter) {
            let fields = UserFields {
                user_avatar: Some(url.clone()),
                ..UserFields::default()
            };
            self.data.auth().user_center(&UserEdit(fields)).await?;
            self.patch_user_info(&user_scope, json!({"user_avatar": url}))?;
        }
        Ok(url)
    }

    /// Writes accepted fields over the cached profile and tells the pages. With nothing cached
    /// there is nothing to correct: the next read fetches the profile whole.
    fn patch_user_info(&self, scope: &Scope, changed: Value) -> Result<()> {
        if !self.data.is_current(scope) {
            return Ok(());
        }
        self.data.with_store(|store| {
            let (environment, account) = (&scope.environment, &scope.key);
            let Some(cached) = store.user_profile::<Value>(environment, account, MAX_AGE)? else {
                return Ok(());
            };
            let mut profile = cached.data;
            merge(&mut profile, changed);
            store.put_user_profile(environment, account, &profile, lcs_store::now_ms())
        })?;
        self.data
            .emit(scope, DataKind::UserInfo, DataChange::Refreshed, None);
        Ok(())
    }

    /// The planner account's detail keeps its fields under `data`, the avatar's URL among them.
    fn patch_account_detail(&self, scope: &Scope, url: &str) -> Result<()> {
        if !self.data.is_current(scope) {
            return Ok(());
        }
        self.data.with_store(|store| {
            let (environment, account) = (&scope.environment, &scope.key);
            let Some(cached) = store.account_detail::<Value>(environment, account, MAX_AGE)? else {
                return Ok(());
            };
            let mut detail = cached.data;
            merge(&mut detail, json!({"data": {"avatar": url}}));
            store.put_account_detail(environment, account, &detail, lcs_store::now_ms())
        })?;
        self.data
            .emit(scope, DataKind::AccountDetail, DataChange::Refreshed, None);
        Ok(())
    }
}

/// Object fields of `changed` replace those of `target`, recursively.
fn merge(target: &mut Value, changed: Value) {
    match (target, changed) {
        (Value::Object(target), Value::Object(changed)) => {
            for (key, value) in changed {
                merge(
                    target.entry(key).or_insert(Value::Object(Map::new())),
                    value,
                );
            }
        }
        (target, changed) => *target = changed,
    }
}

/// A nickname: not blank, at most 32 characters, trimmed.
pub fn check_nickname(nickname: &str) -> Result<String> {
    let nickname = nickname.trim();
    if nickname.is_empty() {
        return Err(Error::invalid("nickname", InputProblem::Required));
    }
    if nickname.chars().count() > NICKNAME_MAX_CHARS {
        return Err(Error::invalid(
            "nickname",
            InputProblem::TooLong {
                max: NICKNAME_MAX_CHARS,
            },
        ));
    }
    if nickname.chars().any(char::is_control) {
        return Err(Error::invalid("nickname", InputProblem::ControlCharacters));
    }
    Ok(nickname.to_owned())
}

/// An e-mail address as people type them: a name, `@`, and a domain with a dot, no spaces.
pub fn check_email(email: &str) -> Result<()> {
    let valid = email.len() <= 254
        && !email.chars().any(char::is_whitespace)
        && email.split_once('@').is_some_and(|(name, domain)| {
            !name.is_empty()
                && !domain.contains('@')
                && domain.contains('.')
                && domain.split('.').all(|label| !label.is_empty())
        });
    if valid {
        Ok(())
    } else {
        Err(Error::invalid("email", InputProblem::NotEmail))
    }
}

/// A calendar date `(year, month, day)`.
pub type Date = (i32, u32, u32);

/// A birthday: `yyyy-MM-dd`, a real date, from 1900 and not after `today`.
pub fn check_birthday(birthday: &str, today: Date) -> Result<()> {
    let date =
        parse_date(birthday).ok_or_else(|| Error::invalid("birthday", InputProblem::NotDate))?;
    if date.0 < 1900 || date > today {
        return Err(Error::invalid("birthday", InputProblem::DateOutOfRange));
    }
    Ok(())
}

fn parse_date(text: &str) -> Option<Date> {
    let bytes = text.as_bytes();
    if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' {
        return None;
    }
    let year: i32 = text.get(0..4)?.parse().ok()?;
    let month: u32 = text.get(5..7)?.parse().ok()?;
    let day: u32 = text.get(8..10)?.parse().ok()?;
    valid_date(year, month, day).then_some((year, month, day))
}

fn valid_date(year: i32, month: u32, day: u32) -> bool {
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1..=days).contains(&day)
}

/// Today's date in UTC.
fn today() -> Date {
    let days = lcs_store::now_ms().div_euclid(86_400_000);
    civil_from_days(days)
}

/// Days since 1970-01-01 as a calendar date (Howard Hinnant's algorithm).
fn civil_from_days(days: i64) -> Date {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    (
        i32::try_from(year).unwrap_or(i32::MAX),
        u32::try_from(month).unwrap_or(1),
        u32::try_from(day).unwrap_or(1),
    )
}

/// A legal name: 2 to 30 characters, letters, spaces and the middle dot of transcribed names.
pub fn check_real_name(name: &str) -> Result<String> {
    let name = name.trim();
    let count = name.chars().count();
    if !REAL_NAME_CHARS.contains(&count) {
        return Err(Error::invalid(
            "realName",
            InputProblem::LengthOutside { min: 2, max: 30 },
        ));
    }
    if !name
        .chars()
        .all(|c| c.is_alphabetic() || matches!(c, ' ' | '·' | '•' | '.' | '-'))
    {
        return Err(Error::invalid("realName", InputProblem::LettersOnly));
    }
    Ok(name.to_owned())
}

/// A mainland identity card number (GB 11643): 17 digits, the first six a region and the
/// next eight a birth date not after `today`, then the check character (`X` for 10). Answers
/// it with an upper-case `X`.
pub fn check_id_number(id: &str, today: Date) -> Result<String> {
    let id = id.trim().to_ascii_uppercase();
    let bytes = id.as_bytes();
    let shaped = bytes.len() == 18
        && bytes[..17].iter().all(u8::is_ascii_digit)
        && (bytes[17].is_ascii_digit() || bytes[17] == b'X');
    if !shaped {
        return Err(Error::invalid("idNumber", InputProblem::IdNumberShape));
    }
    let born = id
        .get(6..14)
        .and_then(|date| {
            parse_date(&format!(
                "{}-{}-{}",
                date.get(0..4)?,
                date.get(4..6)?,
                date.get(6..8)?
            ))
        })
        .filter(|born| born.0 >= 1900 && *born <= today);
    if bytes[0] == b'0' || born.is_none() {
        return Err(Error::invalid("idNumber", InputProblem::IdNumberInvalid));
    }
    let sum: u32 = bytes[..17]
        .iter()
        .zip(ID_WEIGHTS)
        .map(|(digit, weight)| u32::from(digit - b'0') * weight)
        .sum();
    if ID_CHECK[(sum % 11) as usize] != bytes[17] {
        return Err(Error::invalid("idNumber", InputProblem::IdNumberChecksum));
    }
    Ok(id)
}

/// An area code (`+86`) and a mobile number for it: mainland numbers are 11 digits starting
/// 13 to 19; elsewhere what any [`PhoneNumber`] is.
pub fn check_phone(area: &str, phone: &str) -> Result<PhoneNumber> {
    let number = PhoneNumber::parse(Some(area), phone)?;
    let digits = number.number().as_bytes();
    let mainland_mobile = digits.len() == 11 && digits[0] == b'1' && digits[1] >= b'3';
    if number.area() == crate::phone::DEFAULT_AREA && !mainland_mobile {
        return Err(Error::invalid("phone", InputProblem::NotMobileForArea));
    }
    Ok(number)
}

/// A verification code: six digits.
fn check_code(code: &str) -> Result<String> {
    let code = code.trim();
    if code.len() == 6 && code.chars().all(|c| c.is_ascii_digit()) {
        Ok(code.to_owned())
    } else {
        Err(Error::invalid("code", InputProblem::Digits { count: 6 }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TODAY: Date = (2025, 6, 1);

    #[test]
    fn identity_numbers_are_checked_by_their_last_character() {
        assert_eq!(
            check_id_number("11010519900520123x", TODAY).map_err(|e| e.to_string()),
            Err("idNumber: the last character does not match: check the number".into())
        );
        assert_eq!(
            check_id_number(" 110105199005201236 ", TODAY).unwrap(),
            "110105199005201236"
        );
        assert_eq!(
            check_id_number("11010519491001004x", TODAY).unwrap(),
            "11010519491001004X",
            "X is 10, upper-cased"
        );
        assert!(
            check_id_number("110105199002301234", TODAY).is_err(),
            "30 February"
        );
        assert!(
            check_id_number("110105203001011234", TODAY).is_err(),
            "born in the future"
        );
        assert!(
            check_id_number("11010519900520123", TODAY).is_err(),
            "17 characters"
        );
        assert!(check_id_number("1101051990052012AX", TODAY).is_err());
    }

    #[test]
    fn phones_follow_their_area_code() {
        assert_eq!(
            check_phone("+86", "138 0000 0001").unwrap().international(),
            "+8613800000001"
        );
        assert_eq!(check_phone("852", "91234567").unwrap().area(), "852");
        assert!(
            check_phone("+86", "12800000001").is_err(),
            "no mainland 12x"
        );
        assert!(check_phone("+86", "1380000000").is_err(), "10 digits");
        assert!(check_phone("+1", "1234").is_err());
        assert!(check_phone("+12345", "91234567").is_err());
        assert!(check_phone("+86", "1380000000a").is_err());
    }

    #[test]
    fn birthdays_are_real_past_dates() {
        assert!(check_birthday("1990-05-20", TODAY).is_ok());
        assert!(check_birthday("2024-02-29", TODAY).is_ok());
        assert!(check_birthday("2023-02-29", TODAY).is_err());
        assert!(check_birthday("2025-06-02", TODAY).is_err(), "tomorrow");
        assert!(check_birthday("1899-12-31", TODAY).is_err());
        assert!(check_birthday("1990-5-20", TODAY).is_err());
    }

    #[test]
    fn emails_and_nicknames_and_names() {
        assert!(check_email("demo@lcs.test").is_ok());
        for bad in [
            "demo",
            "@lcs.test",
            "demo@lcs",
            "demo@lcs.",
            "de mo@lcs.test",
            "a@b@c.d",
        ] {
            assert!(check_email(bad).is_err(), "{bad}");
        }
        assert_eq!(check_nickname("  小明 ").unwrap(), "小明");
        assert!(check_nickname("   ").is_err());
        assert!(check_nickname(&"字".repeat(33)).is_err());
        assert_eq!(check_real_name("王小明").unwrap(), "王小明");
        assert!(check_real_name("阿依古丽·买买提").is_ok());
        assert!(check_real_name("王").is_err());
        assert!(check_real_name("王2").is_err());
    }

    #[test]
    fn today_is_a_calendar_date() {
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(19_782), (2024, 2, 29));
    }
}

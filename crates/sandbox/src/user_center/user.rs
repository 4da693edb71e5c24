//! The user's profile (用户基本信息表) under `/front/account/user/`: reading and editing it,
//! real-name verification, the mobile number, and the platform's levels and experience rules.

use axum::Router;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::Response;
use axum::routing::get;
use axum::routing::post;
use rusqlite::types::Value as Sql;
use rusqlite::{Connection, OptionalExtension, params, params_from_iter};
use serde_json::{Value, json};

use super::login::use_code;
use super::{Outcome, Params, Q, bad, find_user, guest, signed_in};
use crate::db::{DEMO_PHONE_AREA, Db};
use crate::envelope::UserCenterFailure;
use crate::tools::sms_target;

pub fn routes() -> Router<Db> {
    const USER: &str = "/front/account/user";
    Router::new()
        .route(
            &format!("{USER}/bindMobile"),
            get(bind_mobile).post(bind_mobile),
        )
        .route(&format!("{USER}/edit"), post(edit))
        .route(&format!("{USER}/info"), get(info))
        .route(&format!("{USER}/listBaseUserLevel"), get(levels))
        .route(&format!("{USER}/listsExpRule"), get(exp_rule))
        .route(&format!("{USER}/saveCertificate"), post(save_certificate))
        .route(
            &format!("{USER}/unBindMobile"),
            get(rebind_mobile).post(rebind_mobile),
        )
}

/// The profile. A verification still pending (1) is shown once as pending, then decided: the
/// sandbox's stand-in for a reviewer passes it (2) when the identity card number's check
/// character is right and refuses it (3) otherwise, so a tester sees every state.
async fn info(State(db): State<Db>, headers: HeaderMap, query: Q) -> Response {
    signed_in(&db, &headers, query, |connection, user, _| {
        let waiting: Option<String> = connection
            .query_row(
                "SELECT user_idcard FROM uc_users
                 WHERE user_id = ?1 AND user_is_authentication = 1 AND authentication_seen = 1",
                [user],
                |row| row.get(0),
            )
            .optional()?
            .flatten();
        if let Some(idcard) = waiting {
            let decision = if idcard_checks_out(&idcard) { 2 } else { 3 };
            connection.execute(
                "UPDATE uc_users SET user_is_authentication = ?1 WHERE user_id = ?2",
                params![decision, user],
            )?;
        }
        let profile = profile(connection, user)?;
        connection.execute(
            "UPDATE uc_users SET authentication_seen = 1
             WHERE user_id = ?1 AND user_is_authentication = 1",
            [user],
        )?;
        Ok(profile)
    })
}

fn profile(connection: &Connection, user: i64) -> Outcome {
    let mut profile = connection.query_row(
        "SELECT u.user_account, u.user_avatar, u.user_birthday, u.user_email, u.user_exp,
                u.user_gender, u.user_idcard, u.user_idcard_images, u.user_intl,
                u.user_is_authentication, u.user_mobile, u.user_nickname, u.user_realname,
                u.user_reg_time, u.user_login_time, u.user_state, u.tag_ids,
                (SELECT l.user_level_id FROM uc_levels l WHERE l.user_level_exp <= u.user_exp
                 ORDER BY l.user_level_exp DESC LIMIT 1),
                (SELECT l.user_level_name FROM uc_levels l WHERE l.user_level_exp <= u.user_exp
                 ORDER BY l.user_level_exp DESC LIMIT 1)
         FROM uc_users u WHERE u.user_id = ?1",
        [user],
        |row| {
            let images: Option<String> = row.get(7)?;
            let image_list: Vec<&str> = images
                .as_deref()
                .map(|i| i.split(',').filter(|s| !s.is_empty()).collect())
                .unwrap_or_default();
            Ok(json!({
                "user_id": user,
                "user_account": row.get::<_, String>(0)?,
                "user_avatar": row.get::<_, Option<String>>(1)?,
                "user_birthday": row.get::<_, Option<String>>(2)?,
                "user_email": row.get::<_, Option<String>>(3)?,
                "user_exp": row.get::<_, i64>(4)?,
                "user_gender": row.get::<_, i64>(5)?,
                "user_idcard": row.get::<_, Option<String>>(6)?.map(|id| mask_idcard(&id)),
                "user_idcard_images": images,
                "user_idcard_image_list": image_list,
                "user_intl": row.get::<_, String>(8)?,
                "user_is_authentication": row.get::<_, i64>(9)?,
                "user_mobile": row.get::<_, Option<String>>(10)?,
                "user_nickname": row.get::<_, String>(11)?,
                "user_realname": row.get::<_, Option<String>>(12)?,
                "user_reg_time": row.get::<_, i64>(13)?,
                "user_login_time": row.get::<_, Option<i64>>(14)?,
                "user_state": row.get::<_, i64>(15)?,
                "tag_ids": row.get::<_, Option<String>>(16)?,
                "user_level_id": row.get::<_, Option<i64>>(17)?,
                "user_level_name": row.get::<_, Option<String>>(18)?,
            }))
        },
    )?;
    let default_address: Option<String> = connection
        .query_row(
            "SELECT COALESCE(ud_province, '') || COALESCE(ud_city, '') || COALESCE(ud_county, '')
                    || COALESCE(ud_address, '')
             FROM uc_addresses WHERE user_id = ?1 AND ud_is_default = 1",
            [user],
            |row| row.get(0),
        )
        .optional()?;
    // The sandbox keeps no orders or wallet: the amounts are honest zeros.
    let extra = json!({
        "ud_address": default_address,
        "chain_id": 0, "client_id": 0, "site_id": 1, "store_id": 0, "role_id": 0,
        "roles": [], "permissions": [],
        "currency_id": 1, "currency_symbol_left": "¥",
        "commission_amount": "0.00", "month_order": 0, "month_trade": "0.00",
        "total_order": 0, "total_trade": "0.00",
        "user_credit": "0.00", "user_credit_frozen": "0.00", "user_credit_total": "0.00",
        "user_credit_used": "0.00", "user_margin": "0.00",
        "user_money": "0.00", "user_money_frozen": "0.00",
        "user_points": "0", "user_points_frozen": "0",
        "user_recharge_card": "0.00", "user_recharge_card_frozen": "0.00",
        "user_redpack": "0.00", "user_redpack_frozen": "0.00",
        "tag_group_names": "", "tag_titles": "", "tag_title_list": [],
        "voucher": 0,
    });
    if let (Value::Object(profile), Value::Object(extra)) = (&mut profile, extra) {
        profile.extend(extra);
    }
    Ok(profile)
}

/// Whether an 18-character identity card number's last character is its check character
/// (GB 11643); the old 15-digit numbers have none and pass.
fn idcard_checks_out(id: &str) -> bool {
    const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    let bytes = id.as_bytes();
    if bytes.len() != 18 {
        return bytes.len() == 15;
    }
    let sum: u32 = bytes[..17]
        .iter()
        .zip(WEIGHTS)
        .map(|(digit, weight)| u32::from(digit.wrapping_sub(b'0')) * weight)
        .sum();
    b"10X98765432"[(sum % 11) as usize] == bytes[17]
}

/// An identity card number as shown back: first 3 and last 4 characters.
fn mask_idcard(id: &str) -> String {
    let chars: Vec<char> = id.chars().collect();
    if chars.len() <= 7 {
        return "*".repeat(chars.len());
    }
    let (head, tail) = (&chars[..3], &chars[chars.len() - 4..]);
    format!(
        "{}{}{}",
        head.iter().collect::<String>(),
        "*".repeat(chars.len() - 7),
        tail.iter().collect::<String>()
    )
}

/// The profile fields a user may change here. The account, mobile number (bindMobile),
/// password (setNewPassword), verification (saveCertificate), level and state are not theirs
/// to set, so those parameters are ignored.
async fn edit(State(db): State<Db>, headers: HeaderMap, query: Q) -> Response {
    signed_in(&db, &headers, query, |connection, user, params| {
        let mut sets: Vec<(&'static str, Sql)> = Vec::new();
        if let Some(nickname) = params.text("userNickname") {
            if nickname.chars().count() > 32 {
                return Err(bad("userNickname is at most 32 characters"));
            }
            sets.push(("user_nickname", Sql::Text(nickname.to_owned())));
        }
        if let Some(gender) = params.int("userGender")? {
            if !(0..=2).contains(&gender) {
                return Err(bad("userGender must be 0, 1 or 2"));
            }
            sets.push(("user_gender", Sql::Integer(gender)));
        }
        if let Some(birthday) = params.text("userBirthday") {
            let date = birthday.get(..10).unwrap_or(birthday);
            if crate::tools::parse_time_ms(date, false).is_none() || date.len() != 10 {
                return Err(bad("userBirthday must be yyyy-MM-dd"));
            }
            sets.push(("user_birthday", Sql::Text(date.to_owned())));
        }
        if let Some(email) = params.text("userEmail") {
            let valid = email
                .split_once('@')
                .is_some_and(|(name, domain)| !name.is_empty() && domain.contains('.'));
            if !valid {
                return Err(bad("userEmail is not an e-mail address"));
            }
            let taken: bool = connection.query_row(
                "SELECT EXISTS (SELECT 1 FROM uc_users WHERE user_email = ?1 AND user_id != ?2)",
                params![email, user],
                |row| row.get(0),
            )?;
            if taken {
                return Err(UserCenterFailure::Exists("邮箱"));
            }
            sets.push(("user_email", Sql::Text(email.to_owned())));
        }
        for (param, column) in [
            ("userAvatar", "user_avatar"),
            ("userIntl", "user_intl"),
            ("tagIds", "tag_ids"),
        ] {
            if let Some(value) = params.text(param) {
                sets.push((column, Sql::Text(value.to_owned())));
            }
        }
        if !sets.is_empty() {
            let assignments: Vec<String> = sets
                .iter()
                .enumerate()
                .map(|(i, (column, _))| format!("{column} = ?{}", i + 1))
                .collect();
            let mut values: Vec<Sql> = sets.into_iter().map(|(_, value)| value).collect();
            values.push(Sql::Integer(user));
            // The column names come from the fixed list above, never from the client.
            connection.execute(
                &format!(
                    "UPDATE uc_users SET {} WHERE user_id = ?{}",
                    assignments.join(", "),
                    values.len()
                ),
                params_from_iter(values),
            )?;
        }
        profile(connection, user)
    })
}

/// Real-name verification: `userRealname` and an 18-character `userIdcard` (15 digits of the
/// old format also pass), images optional. It becomes pending (1); see [`info`] for how it
/// passes. A passed verification cannot be submitted again.
async fn save_certificate(State(db): State<Db>, headers: HeaderMap, query: Q) -> Response {
    signed_in(&db, &headers, query, |connection, user, params| {
        let name = params.required("userRealname")?;
        let idcard = params.required("userIdcard")?.to_ascii_uppercase();
        // Slicing by bytes below is only safe on ASCII: six Chinese characters are 18 bytes.
        let valid = idcard.is_ascii()
            && match idcard.len() {
                18 => {
                    idcard[..17].chars().all(|c| c.is_ascii_digit())
                        && idcard[17..].chars().all(|c| c.is_ascii_digit() || c == 'X')
                }
                15 => idcard.chars().all(|c| c.is_ascii_digit()),
                _ => false,
            };
        if !valid {
            return Err(bad("userIdcard is not an identity card number"));
        }
        let state: i64 = connection.query_row(
            "SELECT user_is_authentication FROM uc_users WHERE user_id = ?1",
            [user],
            |row| row.get(0),
        )?;
        if state == 2 {
            return Err(UserCenterFailure::Exists("实名认证"));
        }
        connection.execute(
            "UPDATE uc_users SET user_realname = ?1, user_idcard = ?2, user_idcard_images = ?3,
                                 user_is_authentication = 1, authentication_seen = 0
             WHERE user_id = ?4",
            params![name, idcard, params.text("userIdcardImages"), user],
        )?;
        Ok(json!({"user_is_authentication": 1}))
    })
}

/// Binds the mobile number `userAccount`, proved by a code sent to it, to an account that has
/// none yet (one with a number uses unBindMobile).
async fn bind_mobile(State(db): State<Db>, headers: HeaderMap, query: Q) -> Response {
    signed_in(&db, &headers, query, |connection, user, params| {
        let current: Option<String> = connection.query_row(
            "SELECT user_mobile FROM uc_users WHERE user_id = ?1",
            [user],
            |row| row.get(0),
        )?;
        if current.is_some() {
            return Err(UserCenterFailure::Exists("绑定手机号"));
        }
        change_mobile(connection, user, params)
    })
}

/// Replaces the account's mobile number with `userAccount`, proved by a code sent to the new
/// number; when `password` is given it must be the account's.
async fn rebind_mobile(State(db): State<Db>, headers: HeaderMap, query: Q) -> Response {
    signed_in(&db, &headers, query, |connection, user, params| {
        let encrypted = params.flag("encrypt")?.unwrap_or(false);
        if let Some(password) = params.password("password") {
            let md5 = super::password_md5(password, encrypted);
            if !super::password_matches(connection, user, &md5)? {
                return Err(UserCenterFailure::WrongPassword);
            }
        }
        change_mobile(connection, user, params)
    })
}

/// The number takes the area code its code was sent with (`verifyKey` the send token of a
/// code for `+852 91234567`: `user_intl` becomes +852).
fn change_mobile(connection: &Connection, user: i64, params: &Params) -> Outcome {
    let mobile = params.required("userAccount")?;
    if !(mobile.len() >= 5 && mobile.chars().all(|c| c.is_ascii_digit())) {
        return Err(bad("userAccount must be a mobile number"));
    }
    if find_user(connection, mobile)?.is_some_and(|owner| owner != user) {
        return Err(UserCenterFailure::Exists("手机号"));
    }
    let sent_to = super::login::key_target(connection, params)?;
    let area = sent_to
        .strip_prefix("phone:")
        .and_then(|number| number.strip_suffix(mobile))
        .filter(|area| area.len() > 1 && area.starts_with('+'))
        .unwrap_or(DEMO_PHONE_AREA)
        .to_owned();
    use_code(
        connection,
        params,
        &sms_target(Some((area.as_str(), mobile)), None),
    )?;
    connection.execute(
        "UPDATE uc_users SET user_mobile = ?1, user_intl = ?2 WHERE user_id = ?3",
        params![mobile, area, user],
    )?;
    Ok(json!({"user_mobile": mobile, "user_intl": area}))
}

/// The platform's levels, lowest first, as one page.
async fn levels(State(db): State<Db>, headers: HeaderMap, query: Q) -> Response {
    guest(&db, &headers, query, |connection, _, _| {
        let mut statement = connection.prepare(
            "SELECT user_level_id, user_level_name, user_level_exp, user_level_spend,
                    user_level_rate, user_level_logo, user_level_is_buildin, user_level_time
             FROM uc_levels ORDER BY user_level_exp",
        )?;
        let items = statement
            .query_map([], |row| {
                Ok(json!({
                    "user_level_id": row.get::<_, i64>(0)?,
                    "user_level_name": row.get::<_, String>(1)?,
                    "user_level_exp": row.get::<_, i64>(2)?,
                    "user_level_spend": row.get::<_, String>(3)?,
                    "user_level_rate": row.get::<_, String>(4)?,
                    "user_level_logo": row.get::<_, String>(5)?,
                    "user_level_is_buildin": row.get::<_, bool>(6)?,
                    "user_level_time": row.get::<_, i64>(7)?,
                }))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let count = items.len();
        Ok(json!({"items": items, "page": 1, "records": count, "size": count, "total": 1}))
    })
}

/// How experience is earned, the same for everyone (用户等级规则); registering grants
/// `exp_reg` for real.
async fn exp_rule(State(db): State<Db>, headers: HeaderMap, query: Q) -> Response {
    guest(&db, &headers, query, |_, _, _| {
        Ok(json!({
            "exp_consume_max": "500",
            "exp_consume_rate": "1",
            "exp_evaluate_good": "10",
            "exp_login": "5",
            "exp_reg": super::EXP_REGISTER.to_string(),
        }))
    })
}

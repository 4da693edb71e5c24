//! In-app messages (用户站内信) under `/front/account/userMessage/`: notices from the system,
//! a chat with customer service (and between users), unread counts, and the IM and
//! customer-service settings.
//!
//! Every row lives in one mailbox (`user_id`); `user_other_id` is the other party: 0 the
//! system, [`KEFU_ID`] customer service, or another user. Lists show the mailbox's rows that
//! are not deleted, newest first; `listChatMsg` shows only chat (user) messages, each entry's
//! `type` saying `sent` or `received`.

use axum::Router;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::Response;
use axum::routing::{get, post};
use rusqlite::types::Value as Sql;
use rusqlite::{Connection, OptionalExtension, params};
use serde_json::{Map, Value, json};

use super::list::{Kind, Table, read_only};
use super::{Params, Q, bad, signed_in};
use crate::db::Db;
use crate::envelope::UserCenterFailure;
use crate::tools::now_ms;

/// Who system notices come from.
const SYSTEM_ID: i64 = 0;
const SYSTEM_NICKNAME: &str = "系统通知";
/// Customer service, who answers chat messages.
pub const KEFU_ID: i64 = 1;
const KEFU_NICKNAME: &str = "在线客服";
const KEFU_AVATAR: &str = "/static/avatar/kefu.png";
const USER_AVATAR: &str = "/static/avatar/default.png";

const CATS: &[&str] = &["text", "img", "video", "file", "location", "redpack"];

pub const MESSAGES: Table = Table {
    name: "uc_messages",
    columns: &[
        read_only("messageId", "message_id", Kind::Int),
        read_only("messageCat", "message_cat", Kind::TextOf(CATS)),
        read_only("messageContent", "message_content", Kind::Text),
        read_only("messageDataId", "message_data_id", Kind::Text),
        read_only(
            "messageDataType",
            "message_data_type",
            Kind::IntOf(&[0, 1, 2, 3, 4, 5]),
        ),
        read_only("messageH", "message_h", Kind::Int),
        read_only("messageIsDelete", "message_is_delete", Kind::Flag),
        read_only("messageIsRead", "message_is_read", Kind::Flag),
        read_only("messageKind", "message_kind", Kind::IntOf(&[1, 2])),
        read_only("messageLength", "message_length", Kind::Int),
        read_only("messageParentId", "message_parent_id", Kind::Int),
        read_only("messageTime", "message_time", Kind::Int),
        read_only("messageTitle", "message_title", Kind::Text),
        read_only("messageType", "message_type", Kind::IntOf(&[1, 2])),
        read_only("messageW", "message_w", Kind::Int),
        read_only("sourceType", "source_type", Kind::Int),
        read_only("userId", "user_id", Kind::Int),
        read_only("userNickname", "user_nickname", Kind::Text),
        read_only("userOtherId", "user_other_id", Kind::Int),
        read_only("userOtherNickname", "user_other_nickname", Kind::Text),
        read_only("messageOtherId", "message_other_id", Kind::Int),
    ],
    owner: "user_id",
    created: "message_time",
    default_order: "message_time DESC",
    default_flag: None,
    stamp: None,
    what: "消息",
};

pub fn routes() -> Router<Db> {
    const MESSAGE: &str = "/front/account/userMessage";
    Router::new()
        .route(&format!("{MESSAGE}/add"), post(add))
        .route(&format!("{MESSAGE}/get"), get(get_one))
        .route(&format!("{MESSAGE}/getImConfig"), get(im_config))
        .route(&format!("{MESSAGE}/getKefuConfig"), get(kefu_config))
        .route(&format!("{MESSAGE}/getMsgCount"), get(msg_count))
        .route(&format!("{MESSAGE}/getNotice"), get(notices))
        .route(&format!("{MESSAGE}/list"), get(list))
        .route(&format!("{MESSAGE}/listChatMsg"), get(list_chat))
        .route(&format!("{MESSAGE}/setRead"), post(set_read))
}

/// One stored message, before it is written.
struct Draft<'a> {
    owner: i64,
    owner_nickname: &'a str,
    other: i64,
    other_nickname: &'a str,
    kind: i64,
    message_type: i64,
    data_type: i64,
    cat: &'a str,
    title: Option<&'a str>,
    content: &'a str,
    read: bool,
    time: i64,
}

fn store(connection: &Connection, draft: &Draft<'_>) -> rusqlite::Result<i64> {
    connection.execute(
        "INSERT INTO uc_messages (user_id, user_nickname, user_other_id, user_other_nickname,
                                  message_kind, message_type, message_data_type, message_cat,
                                  message_title, message_content, message_length,
                                  message_is_read, message_time)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
        params![
            draft.owner,
            draft.owner_nickname,
            draft.other,
            draft.other_nickname,
            draft.kind,
            draft.message_type,
            draft.data_type,
            draft.cat,
            draft.title,
            draft.content,
            draft.content.chars().count() as i64,
            draft.read,
            draft.time
        ],
    )?;
    Ok(connection.last_insert_rowid())
}

/// A new user's inbox: three unread notices and a short, answered chat with customer service
/// whose last reply is unread.
pub fn seed_inbox(connection: &Connection, user: i64, nickname: &str) -> rusqlite::Result<()> {
    let now = now_ms();
    let notices = [
        (
            "欢迎加入 LCS",
            "欢迎注册 LCS 账户！完善个人资料并完成实名认证后，即可使用全部服务。",
        ),
        (
            "账户安全提醒",
            "请勿向任何人透露短信验证码和密码。LCS 工作人员不会以任何理由索要您的验证码或密码。",
        ),
        (
            "系统维护公告",
            "为提供更稳定的服务，系统将于本周日 02:00–04:00 进行维护升级，期间部分功能可能暂时无法使用，敬请谅解。",
        ),
    ];
    for (index, (title, content)) in notices.iter().enumerate() {
        store(
            connection,
            &Draft {
                owner: user,
                owner_nickname: nickname,
                other: SYSTEM_ID,
                other_nickname: SYSTEM_NICKNAME,
                kind: 2,
                message_type: 1,
                data_type: 1,
                cat: "text",
                title: Some(title),
                content,
                read: false,
                time: now - 3_600_000 * (3 - index as i64),
            },
        )?;
    }
    let chat = [
        (2, "您好，我是 LCS 在线客服小安，请问有什么可以帮您？", true),
        (1, "你好，我想了解一下怎么完成实名认证。", true),
        (
            2,
            "您可以在「我的 - 账户安全 - 实名认证」中填写真实姓名和身份证号并上传证件照片，审核通常在 1 个工作日内完成。",
            false,
        ),
    ];
    for (index, (kind, content, read)) in chat.iter().enumerate() {
        store(
            connection,
            &Draft {
                owner: user,
                owner_nickname: nickname,
                other: KEFU_ID,
                other_nickname: KEFU_NICKNAME,
                kind: *kind,
                message_type: 2,
                data_type: 5,
                cat: "text",
                title: None,
                content,
                read: *read,
                time: now - 60_000 * (3 - index as i64),
            },
        )?;
    }
    Ok(())
}

/// A row as the chat shows it: its fields, `msg_row` (the row itself), both parties and the
/// content card.
fn chat_message(row: Map<String, Value>) -> Value {
    let mut message = row.clone();
    let other = row
        .get("user_other_id")
        .and_then(Value::as_i64)
        .unwrap_or(SYSTEM_ID);
    let other_avatar = if other == KEFU_ID {
        KEFU_AVATAR
    } else {
        USER_AVATAR
    };
    message.insert(
        "content".into(),
        json!({
            "item_id": null,
            "item_unit_price": null,
            "message_content": row.get("message_content"),
            "message_h": row.get("message_h"),
            "message_length": row.get("message_length"),
            "message_w": row.get("message_w"),
            "product_image": null,
            "product_item_name": null,
        }),
    );
    message.insert("user_avatar".into(), json!(USER_AVATAR));
    message.insert("user_other_avatar".into(), json!(other_avatar));
    message.insert(
        "userinfo".into(),
        json!({"face": other_avatar, "uid": other, "username": row.get("user_other_nickname")}),
    );
    message.insert("msg_row".into(), Value::Object(row));
    Value::Object(message)
}

fn nickname(connection: &Connection, user: i64) -> rusqlite::Result<Option<String>> {
    connection
        .query_row(
            "SELECT user_nickname FROM uc_users WHERE user_id = ?1",
            [user],
            |row| row.get(0),
        )
        .optional()
}

/// Sends a chat message to `userOtherId` (or the `id` in the `to` JSON): a sent row in the
/// sender's mailbox and an unread received one in the receiver's. Customer service answers at
/// once with an unread reply. Answers the sent message.
async fn add(State(db): State<Db>, headers: HeaderMap, query: Q) -> Response {
    signed_in(&db, &headers, query, |connection, user, params| {
        let content = params.required("messageContent")?;
        let cat = params.text("messageCat").unwrap_or("text");
        if !CATS.contains(&cat) {
            return Err(bad(format!(
                "messageCat must be one of {}",
                CATS.join(", ")
            )));
        }
        let to_id = params
            .text("to")
            .and_then(|to| serde_json::from_str::<Value>(to).ok())
            .and_then(|to| {
                to.get("id")
                    .and_then(|id| id.as_i64().or_else(|| id.as_str()?.parse().ok()))
            });
        let other = match params.int("userOtherId")? {
            Some(id) => id,
            None => to_id.ok_or_else(|| bad("userOtherId is required"))?,
        };
        if other == user || other == SYSTEM_ID {
            return Err(bad("userOtherId must be another user or customer service"));
        }
        let own = nickname(connection, user)?.unwrap_or_default();
        let other_nickname = if other == KEFU_ID {
            KEFU_NICKNAME.to_owned()
        } else {
            nickname(connection, other)?.ok_or(UserCenterFailure::NotFound("用户"))?
        };
        let now = now_ms();
        let draft = |owner, owner_nickname, peer, peer_nickname, kind, text, read, time| Draft {
            owner,
            owner_nickname,
            other: peer,
            other_nickname: peer_nickname,
            kind,
            message_type: 2,
            data_type: if other == KEFU_ID { 5 } else { 0 },
            cat,
            title: params.text("messageTitle"),
            content: text,
            read,
            time,
        };
        let sent = store(
            connection,
            &draft(user, &own, other, &other_nickname, 1, content, true, now),
        )?;
        for (key, column) in [
            ("messageH", "message_h"),
            ("messageW", "message_w"),
            ("messageLength", "message_length"),
        ] {
            if let Some(value) = params.int(key)? {
                // `column` comes from the fixed list above, never from the client.
                connection.execute(
                    &format!("UPDATE uc_messages SET {column} = ?1 WHERE message_id = ?2"),
                    params![value, sent],
                )?;
            }
        }
        if other == KEFU_ID {
            let reply = "您好，客服已收到您的消息，将在工作时间（09:00–21:00）内尽快为您解答。";
            store(
                connection,
                &draft(user, &own, KEFU_ID, KEFU_NICKNAME, 2, reply, false, now + 1),
            )?;
        } else {
            let received = store(
                connection,
                &draft(other, &other_nickname, user, &own, 2, content, false, now),
            )?;
            connection.execute(
                "UPDATE uc_messages SET message_other_id = ?1 WHERE message_id = ?2",
                params![received, sent],
            )?;
            connection.execute(
                "UPDATE uc_messages SET message_other_id = ?1 WHERE message_id = ?2",
                params![sent, received],
            )?;
        }
        let row = MESSAGES.get(connection, sent, None)?.unwrap_or_default();
        Ok(chat_message(row))
    })
}

/// One message of the user's own; someone else's or an unknown id answers `null`. Reading it
/// does not mark it read: `setRead` does.
async fn get_one(State(db): State<Db>, headers: HeaderMap, query: Q) -> Response {
    signed_in(&db, &headers, query, |connection, user, params| {
        let id = params.required_int("message_id")?;
        Ok(MESSAGES
            .get(connection, id, Some(user))?
            .map_or(Value::Null, Value::Object))
    })
}

/// The IM settings: the sandbox delivers chat by polling `listChatMsg`.
async fn im_config(State(db): State<Db>, headers: HeaderMap, query: Q) -> Response {
    signed_in(&db, &headers, query, |connection, user, _| {
        Ok(json!({
            "enabled": true,
            "provider": "polling",
            "poll_interval_seconds": 5,
            "user_id": user,
            "user_nickname": nickname(connection, user)?,
            "user_avatar": USER_AVATAR,
            "kefu_user_id": KEFU_ID,
        }))
    })
}

async fn kefu_config(State(db): State<Db>, headers: HeaderMap, query: Q) -> Response {
    signed_in(&db, &headers, query, |_, _, _| {
        Ok(json!({
            "kefu_user_id": KEFU_ID,
            "kefu_nickname": KEFU_NICKNAME,
            "kefu_avatar": KEFU_AVATAR,
            "online": true,
            "service_hours": "09:00-21:00",
            "hotline": "400-820-0000",
            "welcome": "您好，我是 LCS 在线客服，请问有什么可以帮您？",
        }))
    })
}

/// `num` is how many received messages are unread. With `recently_flag=1` the answer also
/// carries the newest unread message (for a badge's preview); without it, only the count.
async fn msg_count(State(db): State<Db>, headers: HeaderMap, query: Q) -> Response {
    signed_in(&db, &headers, query, |connection, user, params| {
        let unread: i64 = connection.query_row(
            "SELECT COUNT(*) FROM uc_messages
             WHERE user_id = ?1 AND message_kind = 2 AND message_is_read = 0
               AND message_is_delete = 0",
            [user],
            |row| row.get(0),
        )?;
        let mut answer = json!({"num": unread, "user_id": user});
        if params.int("recently_flag")? == Some(1) {
            let newest: Option<i64> = connection
                .query_row(
                    "SELECT message_id FROM uc_messages
                     WHERE user_id = ?1 AND message_kind = 2 AND message_is_read = 0
                       AND message_is_delete = 0
                     ORDER BY message_time DESC, message_id DESC LIMIT 1",
                    [user],
                    |row| row.get(0),
                )
                .optional()?;
            if let Some(row) = newest
                .map(|id| MESSAGES.get(connection, id, None))
                .transpose()?
                .flatten()
            {
                answer = chat_message(row);
                answer["num"] = json!(unread);
            }
        }
        Ok(answer)
    })
}

/// The user's system notices, newest first, as one list.
async fn notices(State(db): State<Db>, headers: HeaderMap, query: Q) -> Response {
    signed_in(&db, &headers, query, |connection, user, params| {
        let (items, _) =
            MESSAGES.list(connection, &Params(size_all(params)), &notice_filter(user))?;
        Ok(Value::Array(items.into_iter().map(Value::Object).collect()))
    })
}

fn notice_filter(user: i64) -> Vec<(&'static str, Sql)> {
    vec![
        ("user_id", Sql::Integer(user)),
        ("message_type", Sql::Integer(1)),
        ("message_is_delete", Sql::Integer(0)),
    ]
}

/// getNotice has no paging: the whole list, up to the list's page limit.
fn size_all(params: &Params) -> std::collections::HashMap<String, String> {
    let mut all = params.0.clone();
    all.retain(|key, _| key == "sidx" || key == "sort");
    all.insert("size".into(), "500".into());
    all
}

/// The mailbox's rows, deleted ones only when `messageIsDelete=1` asks for them.
fn mailbox(user: i64, params: &Params) -> Vec<(&'static str, Sql)> {
    let mut fixed = vec![("user_id", Sql::Integer(user))];
    if params.text("messageIsDelete").is_none() {
        fixed.push(("message_is_delete", Sql::Integer(0)));
    }
    fixed
}

async fn list(State(db): State<Db>, headers: HeaderMap, query: Q) -> Response {
    signed_in(&db, &headers, query, |connection, user, params| {
        let (items, mut info) = MESSAGES.list(connection, params, &mailbox(user, params))?;
        info["items"] = Value::Array(items.into_iter().map(chat_message).collect());
        Ok(info)
    })
}

/// Chat messages only (`messageType` 2); narrow to one conversation with `userOtherId`.
async fn list_chat(State(db): State<Db>, headers: HeaderMap, query: Q) -> Response {
    signed_in(&db, &headers, query, |connection, user, params| {
        let mut fixed = mailbox(user, params);
        fixed.push(("message_type", Sql::Integer(2)));
        let (items, mut info) = MESSAGES.list(connection, params, &fixed)?;
        info["items"] = Value::Array(
            items
                .into_iter()
                .map(|row| {
                    let sent = row.get("message_kind").and_then(Value::as_i64) == Some(1);
                    json!({"msg": chat_message(row), "type": if sent { "sent" } else { "received" }})
                })
                .collect(),
        );
        Ok(info)
    })
}

/// Marks one message (`message_id`) or a whole conversation (`user_other_id`; 0 for all
/// system notices) read; answers how many changed.
async fn set_read(State(db): State<Db>, headers: HeaderMap, query: Q) -> Response {
    signed_in(&db, &headers, query, |connection, user, params| {
        let changed = match (params.int("message_id")?, params.int("user_other_id")?) {
            (Some(id), _) => {
                let changed = connection.execute(
                    "UPDATE uc_messages SET message_is_read = 1 WHERE message_id = ?1 AND user_id = ?2",
                    params![id, user],
                )?;
                if changed == 0 {
                    return Err(UserCenterFailure::NotFound("消息"));
                }
                changed
            }
            (None, Some(other)) => connection.execute(
                "UPDATE uc_messages SET message_is_read = 1
                 WHERE user_id = ?1 AND user_other_id = ?2 AND message_is_read = 0",
                params![user, other],
            )?,
            (None, None) => return Err(bad("message_id or user_other_id is required")),
        };
        Ok(json!({"count": changed}))
    })
}

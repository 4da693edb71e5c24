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
use serde::Deserialize;
use serde_json::{Map, Value, json};

use super::list::{Kind, Table, read_only};
use super::{Params, Q, bad, find_user, signed_in};
use crate::db::{DEMO_PHONE, Db};
use crate::envelope::UserCenterFailure;
use crate::tools::{HelperError, HelperJson, now_ms};

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
        .route("/__sandbox/messages", post(deliver))
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

/// The first demo user's history on top of the new-user inbox: a month of notices (service,
/// orders, products, balance and coupons) and several conversations with customer service,
/// the older read, the newest unread.
pub fn seed_demo_inbox(connection: &Connection, user: i64, nickname: &str) -> rusqlite::Result<()> {
    const DAY: i64 = 86_400_000;
    const HOUR: i64 = 3_600_000;
    let now = now_ms();
    // (days ago, data type, title, content); read once older than three days.
    let notices: [(i64, i64, &str, &str); 24] = [
        (
            30,
            1,
            "实名认证已通过",
            "您提交的实名认证资料已审核通过，现在可以使用全部账户功能。",
        ),
        (
            29,
            4,
            "新人礼包已到账",
            "新人专享 3 张优惠券已放入您的账户：满 100 减 10、满 300 减 40、免运费券各 1 张，有效期 30 天。",
        ),
        (
            28,
            2,
            "订单已支付",
            "您的订单 LCS202611010001 已支付成功，金额 ¥268.00，我们将尽快为您发货。",
        ),
        (
            27,
            2,
            "订单已发货",
            "您的订单 LCS202611010001 已由顺丰速运发出，运单号 SF1402937465810，预计 2 天内送达。",
        ),
        (
            25,
            2,
            "订单已签收",
            "您的订单 LCS202611010001 已签收。如对商品有任何疑问，请联系在线客服。",
        ),
        (
            24,
            4,
            "积分到账提醒",
            "订单 LCS202611010001 确认收货，获得 268 积分，当前积分 318。",
        ),
        (
            22,
            3,
            "您关注的商品降价了",
            "您收藏的「LCS 智能理财年度会员」限时 8.5 折，仅剩 3 天，点击查看详情。",
        ),
        (
            21,
            1,
            "登录提醒",
            "您的账户于 11 月 8 日 21:14 在新设备（Windows PC）登录，如非本人操作，请立即修改密码。",
        ),
        (
            20,
            1,
            "隐私政策更新",
            "我们更新了《LCS 账户隐私政策》，新增了个人信息导出的说明，请在「设置 - 关于」中查看。",
        ),
        (
            18,
            2,
            "发票已开具",
            "订单 LCS202611010001 的电子发票已开具，已发送至 demo@lcs.test，也可在订单详情中下载。",
        ),
        (
            17,
            4,
            "余额变动提醒",
            "您的账户余额充值 ¥500.00 成功，当前可用余额 ¥732.50。",
        ),
        (
            15,
            3,
            "新品上架",
            "「LCS 财富规划课·进阶篇」已上线，会员可免费学习前 3 节。",
        ),
        (
            14,
            2,
            "订单已支付",
            "您的订单 LCS202611150007 已支付成功，金额 ¥99.00。",
        ),
        (
            13,
            2,
            "退款已完成",
            "订单 LCS202611150007 的退款 ¥99.00 已原路退回，预计 1–3 个工作日到账。",
        ),
        (
            12,
            1,
            "会员等级提升",
            "恭喜您升级为白银会员，享受 98 折购物和专属客服。",
        ),
        (
            10,
            4,
            "优惠券即将过期",
            "您有 1 张「满 300 减 40」优惠券将于 3 天后过期，别忘了使用哦。",
        ),
        (
            9,
            1,
            "安全中心提醒",
            "您已 90 天未修改登录密码，建议定期更换密码以保障账户安全。",
        ),
        (
            7,
            3,
            "双十二预告",
            "双十二狂欢季即将开始，12 月 10 日 20:00 起全场满 200 减 30，提前加购不错过。",
        ),
        (
            6,
            2,
            "订单已支付",
            "您的订单 LCS202611230012 已支付成功，金额 ¥1,280.00，我们将尽快为您发货。",
        ),
        (
            4,
            2,
            "订单已发货",
            "您的订单 LCS202611230012 已由京东物流发出，运单号 JDVA28473615902。",
        ),
        (
            3,
            4,
            "余额变动提醒",
            "订单 LCS202611230012 使用余额支付 ¥480.00，当前可用余额 ¥252.50。",
        ),
        (
            2,
            1,
            "收货地址变更",
            "您在「我的 - 收货地址」中新增了地址「湖南省长沙市岳麓区」，如非本人操作，请联系客服。",
        ),
        (
            1,
            2,
            "订单待评价",
            "您购买的「LCS 智能理财年度会员」已使用 7 天，快来分享您的使用体验吧，评价可得 20 积分。",
        ),
        (
            0,
            1,
            "系统升级完成",
            "系统升级已完成，新增扫码登录和消息免打扰功能，欢迎体验。",
        ),
    ];
    for (days_ago, data_type, title, content) in notices {
        store(
            connection,
            &Draft {
                owner: user,
                owner_nickname: nickname,
                other: SYSTEM_ID,
                other_nickname: SYSTEM_NICKNAME,
                kind: 2,
                message_type: 1,
                data_type,
                cat: "text",
                title: Some(title),
                content,
                read: days_ago > 3,
                time: now - days_ago * DAY - 2 * HOUR,
            },
        )?;
    }
    // (days ago, kind: 1 sent by the user, 2 received from customer service, content).
    let chats: [(i64, i64, &str); 36] = [
        (
            26,
            1,
            "你好，我的订单 LCS202611010001 显示已发货，但物流两天没更新了。",
        ),
        (
            26,
            2,
            "您好，这里是 LCS 在线客服小安。请稍等，我帮您查询一下物流信息。",
        ),
        (
            26,
            2,
            "已为您查询：包裹因天气原因在广州中转站滞留，预计明天恢复派送，给您带来不便非常抱歉。",
        ),
        (26, 1, "好的，谢谢。"),
        (
            26,
            2,
            "不客气，包裹有新进展我们会第一时间通知您，祝您生活愉快！",
        ),
        (
            19,
            1,
            "请问电子发票可以改抬头吗？我开成个人了，需要公司抬头。",
        ),
        (
            19,
            2,
            "您好，电子发票开具后 30 天内可申请换开一次。请提供新的发票抬头和税号。",
        ),
        (
            19,
            1,
            "抬头：深圳市蓝海数科技术有限公司，税号 91440300MA5G8K2X7L。",
        ),
        (
            19,
            2,
            "收到，已为您提交换开申请，新发票将在 1 个工作日内发送到您的邮箱。",
        ),
        (18, 1, "收到新发票了，谢谢！"),
        (18, 2, "不客气，感谢您对 LCS 的支持。"),
        (14, 1, "我想退掉订单 LCS202611150007，买错了。"),
        (
            14,
            2,
            "您好，该订单为虚拟商品，未使用的情况下支持 7 天无理由退款。请问您是否已经开始使用？",
        ),
        (14, 1, "还没有用过。"),
        (
            14,
            2,
            "好的，已为您提交退款申请，审核通过后款项将原路退回。",
        ),
        (
            13,
            2,
            "您的退款已审核通过，¥99.00 将在 1–3 个工作日内退回原支付账户。",
        ),
        (13, 1, "好的，收到。"),
        (9, 1, "怎么修改绑定的手机号？旧号码已经不用了。"),
        (
            9,
            2,
            "您好，请在「我的 - 账户安全 - 手机号」中操作。旧号码无法接收验证码时，可选择「通过身份验证更换」，上传身份证照片后人工审核。",
        ),
        (9, 1, "人工审核需要多久？"),
        (
            9,
            2,
            "一般在 1 个工作日内完成，结果会以短信和站内信通知您。",
        ),
        (9, 1, "明白了，谢谢。"),
        (5, 1, "白银会员的 98 折可以和优惠券一起用吗？"),
        (
            5,
            2,
            "您好，会员折扣可以与满减券叠加使用，先计算会员折扣，再使用满减券。",
        ),
        (5, 1, "那免运费券呢？"),
        (
            5,
            2,
            "免运费券也可以同时使用，一个订单最多可用一张满减券和一张免运费券。",
        ),
        (5, 1, "好的，了解了。"),
        (2, 1, "订单 LCS202611230012 能改收货地址吗？我想寄到长沙。"),
        (
            2,
            2,
            "您好，该订单已发货，无法直接修改地址。我们可以联系京东物流为您转寄，可能会延迟 1–2 天。",
        ),
        (
            2,
            1,
            "可以，地址是湖南省长沙市岳麓区麓山南路 932 号，收件人张建国，电话 13912345678。",
        ),
        (2, 2, "已为您提交转寄申请，物流更新后会通知您。"),
        (1, 2, "您的包裹已转寄至长沙，运单号不变，预计明天送达。"),
        (1, 1, "太好了，谢谢你们！"),
        (
            1,
            2,
            "不客气！请问您对本次服务满意吗？欢迎在会话结束后为我们评分。",
        ),
        (
            0,
            2,
            "您好，您咨询的双十二活动规则已整理好：12 月 10 日 20:00 起全场满 200 减 30，可与会员折扣叠加。",
        ),
        (
            0,
            2,
            "另外，您有 1 张「满 300 减 40」优惠券即将过期，建议在活动期间一并使用。",
        ),
    ];
    for (index, (days_ago, kind, content)) in chats.into_iter().enumerate() {
        store(
            connection,
            &Draft {
                owner: user,
                owner_nickname: nickname,
                other: KEFU_ID,
                other_nickname: KEFU_NICKNAME,
                kind,
                message_type: 2,
                data_type: 5,
                cat: "text",
                title: None,
                content,
                // The user has read everything before today's two replies.
                read: days_ago > 0,
                // A minute apart within each conversation, in the order listed.
                time: now - days_ago * DAY - 6 * HOUR + index as i64 * 60_000,
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

/// The body of `POST /__sandbox/messages`.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct DeliverRequest {
    /// Whose inbox: a phone number, e-mail address or account name; the first demo user when
    /// absent.
    to: Option<String>,
    /// Who speaks: `kefu` (customer service, the default), `system` (a notice), or another
    /// user by phone number, e-mail address or account name.
    from: Option<String>,
    content: String,
    /// A notice's title; chat messages have none.
    title: Option<String>,
}

/// `POST /__sandbox/messages` with `{to?, from?, content, title?}`: the other side speaks. A
/// customer-service reply or another user's message lands unread in `to`'s chat with them (and,
/// from a user, as sent in theirs), a notice from `system` among `to`'s notices; each newer than
/// anything in that inbox, so the next list, `listChatMsg` and `getMsgCount` include it. Answers
/// `{messageId, userOtherId, time}`; 404 for an unknown user, 400 for an empty content.
async fn deliver(
    State(db): State<Db>,
    HelperJson(request): HelperJson<DeliverRequest>,
) -> Result<axum::Json<Value>, HelperError> {
    let content = request.content.trim();
    if content.is_empty() {
        return Err(HelperError::bad("content must not be empty"));
    }
    let connection = db.lock();
    let user_of = |account: &str| -> Result<(i64, String), HelperError> {
        let user = find_user(&connection, account)?
            .ok_or_else(|| HelperError::not_found(format!("no user-centre user {account:?}")))?;
        Ok((user, nickname(&connection, user)?.unwrap_or_default()))
    };
    let (owner, owner_nickname) = user_of(
        request
            .to
            .as_deref()
            .map(str::trim)
            .filter(|to| !to.is_empty())
            .unwrap_or(DEMO_PHONE),
    )?;
    let (other, other_nickname) = match request.from.as_deref().map(str::trim) {
        None | Some("" | "kefu") => (KEFU_ID, KEFU_NICKNAME.to_owned()),
        Some("system") => (SYSTEM_ID, SYSTEM_NICKNAME.to_owned()),
        Some(account) => user_of(account)?,
    };
    if other == owner {
        return Err(HelperError::bad("from and to are the same user"));
    }
    let newest: Option<i64> = connection.query_row(
        "SELECT MAX(message_time) FROM uc_messages WHERE user_id IN (?1, ?2)",
        params![owner, other],
        |row| row.get(0),
    )?;
    let time = newest.map_or(now_ms(), |newest| now_ms().max(newest + 1));
    let notice = other == SYSTEM_ID;
    let draft = |owner, owner_nickname, peer, peer_nickname, kind, read| Draft {
        owner,
        owner_nickname,
        other: peer,
        other_nickname: peer_nickname,
        kind,
        message_type: if notice { 1 } else { 2 },
        data_type: match other {
            SYSTEM_ID => 1,
            KEFU_ID => 5,
            _ => 0,
        },
        cat: "text",
        title: request.title.as_deref().filter(|_| notice),
        content,
        read,
        time,
    };
    let received = store(
        &connection,
        &draft(owner, &owner_nickname, other, &other_nickname, 2, false),
    )?;
    if other != SYSTEM_ID && other != KEFU_ID {
        let sent = store(
            &connection,
            &draft(other, &other_nickname, owner, &owner_nickname, 1, true),
        )?;
        for (row, peer) in [(sent, received), (received, sent)] {
            connection.execute(
                "UPDATE uc_messages SET message_other_id = ?1 WHERE message_id = ?2",
                params![peer, row],
            )?;
        }
    }
    tracing::info!(owner, other, "sandbox message delivered");
    Ok(axum::Json(
        json!({"messageId": received, "userOtherId": other, "time": time}),
    ))
}

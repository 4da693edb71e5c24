//! In-app messages (用户站内信) under `/front/account/userMessage/`: notices, chat messages,
//! unread counts and the IM and customer-service settings. Every call needs a login: a
//! mailbox is always someone's.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{ListQuery, Page};
use crate::codes;
use crate::endpoint;
use crate::lenient;

/// 消息类型 (`messageCat`, ENUM): what a message carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema, specta::Type)]
#[serde(rename_all = "lowercase")]
pub enum MessageCat {
    /// text-文本消息.
    Text,
    /// img-图片消息.
    Img,
    /// video-视频消息.
    Video,
    /// file-文件.
    File,
    /// location-位置.
    Location,
    /// redpack-红包: a red packet.
    Redpack,
}

codes! {
    /// 消息分类 (`messageDataType`, ENUM): what a message is about.
    pub enum MessageDataType: u8 {
        /// 0-默认消息: an ordinary message.
        Default = 0,
        /// 1-公告消息: an announcement.
        Notice = 1,
        /// 2-订单消息: about an order.
        Order = 2,
        /// 3-商品消息: about a product.
        Product = 3,
        /// 4-余额卡券: about the balance, cards or coupons.
        BalanceCoupon = 4,
        /// 5-服务消息: a service message.
        Service = 5,
    }
}

codes! {
    /// 消息种类 (`messageKind`, ENUM): which way a message went.
    pub enum MessageKind: u8 {
        /// 1-发送消息: sent by the user.
        Sent = 1,
        /// 2-接收消息: received by the user.
        Received = 2,
    }
}

codes! {
    /// 消息类型 (`messageType`, ENUM): who a message is from.
    pub enum MessageType: u8 {
        /// 1-系统消息: from the system.
        System = 1,
        /// 2-用户消息: from another user.
        User = 2,
    }
}

/// The message list filters, shared by [`MessageList`] and [`MessageListChatMsg`].
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema, specta::Type)]
pub struct MessageFilter {
    /// 消息类型: text, image, video, …
    #[serde(rename = "messageCat", skip_serializing_if = "Option::is_none")]
    pub message_cat: Option<MessageCat>,
    /// 消息内容.
    #[serde(rename = "messageContent", skip_serializing_if = "Option::is_none")]
    pub message_content: Option<String>,
    /// 消息数据: the product id a product message is about.
    #[serde(rename = "messageDataId", skip_serializing_if = "Option::is_none")]
    pub message_data_id: Option<String>,
    /// 消息分类: announcement, order, product, …
    #[serde(rename = "messageDataType", skip_serializing_if = "Option::is_none")]
    pub message_data_type: Option<MessageDataType>,
    /// 图片高度: an image's height.
    #[serde(rename = "messageH", skip_serializing_if = "Option::is_none")]
    pub message_h: Option<i64>,
    /// 消息编号.
    #[serde(rename = "messageId", skip_serializing_if = "Option::is_none")]
    pub message_id: Option<i64>,
    /// 是否删除 (BOOL): `false` 0-正常状态, `true` 1-删除状态.
    #[serde(
        rename = "messageIsDelete",
        serialize_with = "super::bit",
        skip_serializing_if = "Option::is_none"
    )]
    #[specta(type = Option<bool>)]
    pub message_is_delete: Option<bool>,
    /// 是否读取 (BOOL): `false` 0-未读 unread, `true` 1-已读 read.
    #[serde(
        rename = "messageIsRead",
        serialize_with = "super::bit",
        skip_serializing_if = "Option::is_none"
    )]
    #[specta(type = Option<bool>)]
    pub message_is_read: Option<bool>,
    /// 消息种类: sent or received.
    #[serde(rename = "messageKind", skip_serializing_if = "Option::is_none")]
    pub message_kind: Option<MessageKind>,
    /// 消息长度: the message's length.
    #[serde(rename = "messageLength", skip_serializing_if = "Option::is_none")]
    pub message_length: Option<i64>,
    /// 上级编号: the message this one answers.
    #[serde(rename = "messageParentId", skip_serializing_if = "Option::is_none")]
    pub message_parent_id: Option<i64>,
    /// 发送时间: when it was sent.
    #[serde(rename = "messageTime", skip_serializing_if = "Option::is_none")]
    pub message_time: Option<i64>,
    /// 消息标题.
    #[serde(rename = "messageTitle", skip_serializing_if = "Option::is_none")]
    pub message_title: Option<String>,
    /// 消息类型: system or user.
    #[serde(rename = "messageType", skip_serializing_if = "Option::is_none")]
    pub message_type: Option<MessageType>,
    /// 图片宽度: an image's width.
    #[serde(rename = "messageW", skip_serializing_if = "Option::is_none")]
    pub message_w: Option<i64>,
    /// 来源: the source; the seed does not list its values.
    #[serde(rename = "sourceType", skip_serializing_if = "Option::is_none")]
    pub source_type: Option<i64>,
    /// 所属用户: the sender or receiver; with `messageKind` 1, the messages this user sent.
    #[serde(rename = "userId", skip_serializing_if = "Option::is_none")]
    pub user_id: Option<i64>,
    /// 用户昵称.
    #[serde(rename = "userNickname", skip_serializing_if = "Option::is_none")]
    pub user_nickname: Option<String>,
    /// 相关用户: the other party, sender or receiver.
    #[serde(rename = "userOtherId", skip_serializing_if = "Option::is_none")]
    pub user_other_id: Option<i64>,
    /// 相关昵称: the other party's nickname.
    #[serde(rename = "userOtherNickname", skip_serializing_if = "Option::is_none")]
    pub user_other_nickname: Option<String>,
}

/// The two message list calls' parameters: paging plus the filters.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema, specta::Type)]
pub struct MessageQuery {
    #[serde(flatten)]
    pub list: ListQuery,
    #[serde(flatten)]
    pub filter: MessageFilter,
}

/// A message's stored row (`msg_row`, and the answer of [`MessageGet`] and
/// [`MessageGetNotice`]). The enum-like fields stay integers, so a value the app does not
/// know yet still decodes; their meanings are on [`MessageDataType`], [`MessageKind`] and
/// [`MessageType`].
#[derive(Debug, Clone, Default, Serialize, Deserialize, specta::Type)]
#[serde(default)]
pub struct MessageRow {
    /// text, img, video, file, location or redpack ([`MessageCat`]).
    #[serde(deserialize_with = "lenient::string")]
    #[specta(type = Option<String>)]
    pub message_cat: Option<String>,
    #[serde(deserialize_with = "lenient::string")]
    #[specta(type = Option<String>)]
    pub message_content: Option<String>,
    #[serde(deserialize_with = "lenient::string")]
    #[specta(type = Option<String>)]
    pub message_data_id: Option<String>,
    #[serde(deserialize_with = "lenient::int")]
    #[specta(type = Option<i64>)]
    pub message_data_type: Option<i64>,
    #[serde(deserialize_with = "lenient::int")]
    #[specta(type = Option<i64>)]
    pub message_h: Option<i64>,
    #[serde(deserialize_with = "lenient::int")]
    #[specta(type = Option<i64>)]
    pub message_id: Option<i64>,
    #[serde(deserialize_with = "lenient::flag")]
    #[specta(type = Option<bool>)]
    pub message_is_delete: Option<bool>,
    #[serde(deserialize_with = "lenient::flag")]
    #[specta(type = Option<bool>)]
    pub message_is_read: Option<bool>,
    #[serde(deserialize_with = "lenient::int")]
    #[specta(type = Option<i64>)]
    pub message_kind: Option<i64>,
    #[serde(deserialize_with = "lenient::int")]
    #[specta(type = Option<i64>)]
    pub message_length: Option<i64>,
    #[serde(deserialize_with = "lenient::int")]
    #[specta(type = Option<i64>)]
    pub message_parent_id: Option<i64>,
    /// When it was sent, as the server's timestamp.
    #[serde(deserialize_with = "lenient::int")]
    #[specta(type = Option<i64>)]
    pub message_time: Option<i64>,
    #[serde(deserialize_with = "lenient::string")]
    #[specta(type = Option<String>)]
    pub message_title: Option<String>,
    #[serde(deserialize_with = "lenient::int")]
    #[specta(type = Option<i64>)]
    pub message_type: Option<i64>,
    #[serde(deserialize_with = "lenient::int")]
    #[specta(type = Option<i64>)]
    pub message_w: Option<i64>,
    #[serde(deserialize_with = "lenient::int")]
    #[specta(type = Option<i64>)]
    pub user_id: Option<i64>,
    #[serde(deserialize_with = "lenient::string")]
    #[specta(type = Option<String>)]
    pub user_nickname: Option<String>,
    #[serde(deserialize_with = "lenient::int")]
    #[specta(type = Option<i64>)]
    pub user_other_id: Option<i64>,
    #[serde(deserialize_with = "lenient::string")]
    #[specta(type = Option<String>)]
    pub user_other_nickname: Option<String>,
}

/// A product message's card (`content`).
#[derive(Debug, Clone, Default, Serialize, Deserialize, specta::Type)]
#[serde(default)]
pub struct MessageContent {
    #[serde(deserialize_with = "lenient::int")]
    #[specta(type = Option<i64>)]
    pub item_id: Option<i64>,
    /// A price: kept as the server's decimal text.
    #[serde(deserialize_with = "lenient::string")]
    #[specta(type = Option<String>)]
    pub item_unit_price: Option<String>,
    #[serde(deserialize_with = "lenient::string")]
    #[specta(type = Option<String>)]
    pub message_content: Option<String>,
    #[serde(deserialize_with = "lenient::int")]
    #[specta(type = Option<i64>)]
    pub message_h: Option<i64>,
    #[serde(deserialize_with = "lenient::int")]
    #[specta(type = Option<i64>)]
    pub message_length: Option<i64>,
    #[serde(deserialize_with = "lenient::int")]
    #[specta(type = Option<i64>)]
    pub message_w: Option<i64>,
    #[serde(deserialize_with = "lenient::string")]
    #[specta(type = Option<String>)]
    pub product_image: Option<String>,
    #[serde(deserialize_with = "lenient::string")]
    #[specta(type = Option<String>)]
    pub product_item_name: Option<String>,
}

/// The chat's view of a user (`userinfo`).
#[derive(Debug, Clone, Default, Serialize, Deserialize, specta::Type)]
#[serde(default)]
pub struct ChatUser {
    /// The avatar's URL.
    #[serde(deserialize_with = "lenient::string")]
    #[specta(type = Option<String>)]
    pub face: Option<String>,
    #[serde(deserialize_with = "lenient::int")]
    #[specta(type = Option<i64>)]
    pub uid: Option<i64>,
    #[serde(deserialize_with = "lenient::string")]
    #[specta(type = Option<String>)]
    pub username: Option<String>,
}

/// A message as the chat shows it: its row's fields plus both parties and any product card.
#[derive(Debug, Clone, Default, Serialize, Deserialize, specta::Type)]
#[serde(default)]
pub struct ChatMessage {
    #[serde(flatten)]
    pub message: MessageRow,
    #[serde(deserialize_with = "super::object")]
    #[specta(type = Option<MessageContent>)]
    pub content: Option<MessageContent>,
    #[serde(deserialize_with = "lenient::int")]
    #[specta(type = Option<i64>)]
    pub message_other_id: Option<i64>,
    #[serde(deserialize_with = "super::object")]
    #[specta(type = Option<MessageRow>)]
    pub msg_row: Option<MessageRow>,
    /// A count: the unread messages in [`MessageGetMsgCount`]'s answer.
    #[serde(deserialize_with = "lenient::int")]
    #[specta(type = Option<i64>)]
    pub num: Option<i64>,
    #[serde(deserialize_with = "lenient::string")]
    #[specta(type = Option<String>)]
    pub user_avatar: Option<String>,
    #[serde(deserialize_with = "lenient::string")]
    #[specta(type = Option<String>)]
    pub user_other_avatar: Option<String>,
    #[serde(deserialize_with = "super::object")]
    #[specta(type = Option<ChatUser>)]
    pub userinfo: Option<ChatUser>,
}

/// One entry of a chat thread ([`MessageListChatMsg`]).
#[derive(Debug, Clone, Default, Serialize, Deserialize, specta::Type)]
#[serde(default)]
pub struct ChatEntry {
    #[serde(deserialize_with = "super::object")]
    #[specta(type = Option<ChatMessage>)]
    pub msg: Option<ChatMessage>,
    /// The entry's kind; the seed shows only `"string"`.
    #[serde(rename = "type", deserialize_with = "lenient::string")]
    #[specta(type = Option<String>)]
    pub kind: Option<String>,
}

/// [`MessageGetNotice`]'s answer: a bare list, whose items that do not decode are skipped.
#[derive(Debug, Clone, Default, Serialize, Deserialize, specta::Type)]
#[serde(transparent)]
pub struct Notices(
    #[serde(deserialize_with = "lenient::list")]
    #[specta(type = Vec<MessageRow>)]
    pub Vec<MessageRow>,
);

/// 添加短消息: sends a message to another user; answers the message as the chat shows it.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema, specta::Type)]
pub struct MessageAdd {
    /// 消息类型: text, image, …
    #[serde(rename = "messageCat", skip_serializing_if = "Option::is_none")]
    pub message_cat: Option<MessageCat>,
    /// 消息内容.
    #[serde(rename = "messageContent", skip_serializing_if = "Option::is_none")]
    pub message_content: Option<String>,
    /// 图片高度.
    #[serde(rename = "messageH", skip_serializing_if = "Option::is_none")]
    pub message_h: Option<i64>,
    /// 消息长度.
    #[serde(rename = "messageLength", skip_serializing_if = "Option::is_none")]
    pub message_length: Option<i64>,
    /// 消息标题.
    #[serde(rename = "messageTitle", skip_serializing_if = "Option::is_none")]
    pub message_title: Option<String>,
    /// 图片宽度.
    #[serde(rename = "messageW", skip_serializing_if = "Option::is_none")]
    pub message_w: Option<i64>,
    /// json对象: the sender, as JSON text.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mine: Option<String>,
    /// json对象: the receiver, as JSON text.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub to: Option<String>,
    /// 相关昵称: the other party's nickname.
    #[serde(rename = "userNickname", skip_serializing_if = "Option::is_none")]
    pub user_nickname: Option<String>,
    /// 相关用户: the other party.
    #[serde(rename = "userOtherId", skip_serializing_if = "Option::is_none")]
    pub user_other_id: Option<i64>,
}
endpoint!(MessageAdd => ChatMessage, UserCenter Post "/front/account/userMessage/add", Required, "user_center.message_add");

/// 读取短消息: reads one message; `None` when the server answers `null`.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, specta::Type)]
pub struct MessageGet {
    /// 消息编号: the message to read.
    pub message_id: i64,
}
endpoint!(MessageGet => Option<MessageRow>, UserCenter Get "/front/account/userMessage/get", Required, "user_center.message_get");

/// IM配置接口: the instant-messaging settings for the signed-in user (undocumented shape).
#[derive(Debug, Clone, Copy, Default, Serialize, Deserialize, JsonSchema, specta::Type)]
pub struct MessageGetImConfig;
endpoint!(MessageGetImConfig => serde_json::Value, UserCenter Get "/front/account/userMessage/getImConfig", Required, "user_center.message_get_im_config");

/// 客服配置接口: the customer-service (客服) chat settings (undocumented shape).
#[derive(Debug, Clone, Copy, Default, Serialize, Deserialize, JsonSchema, specta::Type)]
pub struct MessageGetKefuConfig;
endpoint!(MessageGetKefuConfig => serde_json::Value, UserCenter Get "/front/account/userMessage/getKefuConfig", Required, "user_center.message_get_kefu_config");

/// 用户通知消息数量: how many notices the user has; the seed's answer is a message with the
/// count in `num`.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema, specta::Type)]
pub struct MessageGetMsgCount {
    /// The seed names the parameter only; presumably 1 counts recent messages only.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub recently_flag: Option<i64>,
}
endpoint!(MessageGetMsgCount => ChatMessage, UserCenter Get "/front/account/userMessage/getMsgCount", Required, "user_center.message_get_msg_count");

/// 用户通知消息 (用户消息列表接口): the user's notices, as one list.
#[derive(Debug, Clone, Copy, Default, Serialize, Deserialize, JsonSchema, specta::Type)]
pub struct MessageGetNotice;
endpoint!(MessageGetNotice => Notices, UserCenter Get "/front/account/userMessage/getNotice", Required, "user_center.message_get_notice");

/// 短消息列表数据: one page of the user's messages.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema, specta::Type)]
#[serde(transparent)]
pub struct MessageList(pub MessageQuery);
endpoint!(MessageList => Page<ChatMessage>, UserCenter Get "/front/account/userMessage/list", Required, "user_center.message_list");

/// 读取分页列表 (listChatMsg): one page of a chat thread.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema, specta::Type)]
#[serde(transparent)]
pub struct MessageListChatMsg(pub MessageQuery);
endpoint!(MessageListChatMsg => Page<ChatEntry>, UserCenter Get "/front/account/userMessage/listChatMsg", Required, "user_center.message_list_chat_msg");

/// 设置为已读: marks one message (`message_id`), or a conversation with another user
/// (`user_other_id`), as read.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema, specta::Type)]
pub struct MessageSetRead {
    /// 消息编号: the message to mark as read.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub message_id: Option<i64>,
    /// 相关用户: mark the whole conversation with this user as read.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub user_other_id: Option<i64>,
}
endpoint!(MessageSetRead => serde_json::Value, UserCenter Post "/front/account/userMessage/setRead", Required, "user_center.message_set_read");

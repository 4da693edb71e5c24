use lcs_store::table::message::MessageRow;
use lcs_store::table::unread_count::UnreadCount;
use lcs_store::{Channel, now_ms};
use serde_json::{Value, json};

use crate::{ENV, HOUR, temp_store};

fn message(id: &str, time: i64) -> MessageRow {
    MessageRow {
        id: id.into(),
        is_read: false,
        time: Some(time),
        data: json!({"messageId": id}),
    }
}

#[test]
fn notices_and_chats_refresh_separately_newest_first() {
    let (_dir, mut store) = temp_store();
    store
        .replace_messages(
            ENV,
            "ann",
            Channel::Notice,
            &[message("1", 10), message("2", 20)],
            1,
        )
        .unwrap();
    store
        .replace_messages(ENV, "ann", Channel::Chat, &[message("3", 5)], 1)
        .unwrap();
    store
        .replace_messages(ENV, "ann", Channel::Chat, &[message("4", 6)], 2)
        .unwrap();

    let notices = store
        .messages::<Value>(ENV, "ann", Channel::Notice, HOUR)
        .unwrap()
        .unwrap();
    let ids: Vec<_> = notices.data.iter().map(|m| m.id.as_str()).collect();
    assert_eq!(ids, ["2", "1"]);
    let chats = store
        .messages::<Value>(ENV, "ann", Channel::Chat, HOUR)
        .unwrap()
        .unwrap();
    assert_eq!(chats.data, vec![message("4", 6)]);
}

#[test]
fn mark_read_shows_at_once() {
    let (_dir, mut store) = temp_store();
    store
        .replace_messages(ENV, "ann", Channel::Notice, &[message("1", 10)], now_ms())
        .unwrap();
    store
        .set_message_read(ENV, "ann", Channel::Notice, "1")
        .unwrap();
    let notices = store
        .messages::<Value>(ENV, "ann", Channel::Notice, HOUR)
        .unwrap()
        .unwrap();
    assert!(notices.data[0].is_read);
}

#[test]
fn unread_counts_come_back() {
    let (_dir, mut store) = temp_store();
    let counts = [UnreadCount {
        category: "chat".into(),
        count: 3,
    }];
    store
        .replace_unread_counts(ENV, "ann", &counts, now_ms())
        .unwrap();
    assert_eq!(
        store.unread_counts(ENV, "ann", HOUR).unwrap().unwrap().data,
        counts
    );
    assert!(store.unread_counts(ENV, "bob", HOUR).unwrap().is_none());
}

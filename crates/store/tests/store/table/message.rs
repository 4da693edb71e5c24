use lcs_store::table::message::{MessageRow, Window};
use lcs_store::{Channel, now_ms};
use serde_json::{Value, json};

use crate::{ENV, HOUR, assert_owners_isolated, temp_store};

fn message(id: &str, time: i64) -> MessageRow {
    MessageRow {
        id: id.into(),
        is_read: false,
        time: Some(time),
        conversation: None,
        data: json!({"messageId": id}),
    }
}

fn chat(id: &str, time: i64, with: &str) -> MessageRow {
    MessageRow {
        conversation: Some(with.into()),
        ..message(id, time)
    }
}

fn ids<T>(rows: &[MessageRow<T>]) -> Vec<&str> {
    rows.iter().map(|row| row.id.as_str()).collect()
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
    assert_eq!(ids(&notices.data), ["2", "1"]);
    let chats = store
        .messages::<Value>(ENV, "ann", Channel::Chat, HOUR)
        .unwrap()
        .unwrap();
    assert_eq!(chats.data, vec![message("4", 6)]);
}

#[test]
fn a_refresh_leaves_exactly_the_servers_list() {
    let (_dir, mut store) = temp_store();
    store
        .replace_messages(
            ENV,
            "ann",
            Channel::Chat,
            &[
                chat("1", 10, "kefu"),
                message("2", 20),
                chat("3", 30, "bob"),
                chat("5", 50, "kefu"),
            ],
            1,
        )
        .unwrap();
    let read = |mut row: MessageRow| {
        row.is_read = true;
        row.data = json!({"messageId": row.id, "messageIsRead": 1});
        row
    };
    let refreshed = [
        read(chat("5", 50, "kefu")),
        chat("4", 40, "kefu"),
        read(chat("3", 35, "kefu")),
        chat("1", 10, "kefu"),
    ];
    store
        .replace_messages(ENV, "ann", Channel::Chat, &refreshed, 2)
        .unwrap();

    let cached = store
        .messages::<Value>(ENV, "ann", Channel::Chat, HOUR)
        .unwrap()
        .unwrap();
    assert_eq!(
        cached.data, refreshed,
        "5 read, 4 new, 3 moved and read, 1 unchanged, 2 gone"
    );
    assert_eq!(cached.fetched_at, 2);
    let page = store
        .conversation_page::<Value>(ENV, "ann", Channel::Chat, "kefu", 0..9, HOUR)
        .unwrap()
        .unwrap();
    assert_eq!(ids(&page.data), ["5", "4", "3", "1"], "the indexes follow");
}

/// A page of the newest messages, or of one conversation, replaces only what it covers: older
/// pages fetched before stay, and so do other conversations.
#[test]
fn a_page_replaces_only_its_window() {
    let (_dir, mut store) = temp_store();
    store
        .replace_messages(
            ENV,
            "ann",
            Channel::Chat,
            &[
                chat("1", 10, "kefu"),
                chat("2", 20, "kefu"),
                chat("3", 30, "bob"),
                chat("4", 40, "kefu"),
                chat("5", 50, "bob"),
            ],
            1,
        )
        .unwrap();
    let all = |store: &lcs_store::Store| {
        let cached = store
            .messages::<Value>(ENV, "ann", Channel::Chat, HOUR)
            .unwrap()
            .unwrap();
        (
            ids(&cached.data)
                .into_iter()
                .map(String::from)
                .collect::<Vec<_>>(),
            cached.fetched_at,
        )
    };

    // Kefu's newest page: 4 is gone from the server, 6 is new; 1 is older than the page.
    let newest = Window {
        conversation: Some("kefu"),
        since: Some(19),
        until: None,
    };
    store
        .replace_message_window(
            ENV,
            "ann",
            Channel::Chat,
            newest,
            &[chat("6", 60, "kefu"), chat("2", 20, "kefu")],
            2,
        )
        .unwrap();
    assert_eq!(
        all(&store),
        (
            vec!["6".into(), "5".into(), "3".into(), "2".into(), "1".into()],
            2
        )
    );

    // A message sent here, then renamed to the server's id, then one discarded.
    store
        .put_message(ENV, "ann", Channel::Chat, &chat("tmp-a", 70, "kefu"))
        .unwrap();
    store
        .put_message(ENV, "ann", Channel::Chat, &chat("tmp-b", 71, "kefu"))
        .unwrap();
    assert_eq!(
        store
            .conversation_len(ENV, "ann", Channel::Chat, "kefu")
            .unwrap(),
        5
    );
    store
        .rename_message(ENV, "ann", Channel::Chat, "tmp-a", &chat("7", 70, "kefu"))
        .unwrap();
    store
        .remove_message(ENV, "ann", Channel::Chat, "tmp-b")
        .unwrap();
    let (ids_now, fetched_at) = all(&store);
    assert_eq!(ids_now, ["7", "6", "5", "3", "2", "1"]);
    assert_eq!(fetched_at, 2, "a write of one message is not a fetch");
}

#[test]
fn a_message_listed_twice_is_kept_once_as_listed_last() {
    let (_dir, mut store) = temp_store();
    let mut again = message("1", 10);
    again.is_read = true;
    store
        .replace_messages(
            ENV,
            "ann",
            Channel::Notice,
            &[message("1", 10), again.clone()],
            1,
        )
        .unwrap();
    let cached = store
        .messages::<Value>(ENV, "ann", Channel::Notice, HOUR)
        .unwrap()
        .unwrap();
    assert_eq!(cached.data, vec![again]);
}

#[test]
fn a_conversation_is_read_a_page_at_a_time_newest_first() {
    let (_dir, mut store) = temp_store();
    let chats = [
        chat("1", 10, "kefu"),
        chat("2", 40, "kefu"),
        chat("3", 20, "bob"),
        chat("4", 30, "kefu"),
        chat("5", 20, "kefu"),
    ];
    store
        .replace_messages(ENV, "ann", Channel::Chat, &chats, 7)
        .unwrap();
    store
        .replace_messages(ENV, "bob", Channel::Chat, &[chat("6", 50, "kefu")], 7)
        .unwrap();
    let page = |rows| {
        store
            .conversation_page::<Value>(ENV, "ann", Channel::Chat, "kefu", rows, HOUR)
            .unwrap()
            .unwrap()
    };

    let first = page(0..2);
    assert_eq!(ids(&first.data), ["2", "4"]);
    assert_eq!(first.fetched_at, 7);
    assert_eq!(first.data[0], chats[1], "every field comes back");
    assert_eq!(ids(&page(2..4).data), ["5", "1"]);
    assert!(page(4..6).data.is_empty());
    assert!(
        store
            .conversation_page::<Value>(ENV, "ann", Channel::Notice, "kefu", 0..2, HOUR)
            .unwrap()
            .is_none(),
        "the notices were never fetched"
    );
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
fn each_account_sees_only_its_own_messages() {
    assert_owners_isolated(
        |environment, account| {
            let mut newest = message("2", 20);
            newest.data = json!({"owner": [environment, account]});
            vec![newest, message("1", 10)]
        },
        |store, environment, account, rows, at| {
            store.replace_messages(environment, account, Channel::Notice, rows, at)
        },
        |store, environment, account| store.messages(environment, account, Channel::Notice, HOUR),
    );
}

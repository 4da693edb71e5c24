use std::time::Duration;

use lcs_store::table::address::AddressRow;
use lcs_store::{Entity, OutboxKind, backoff_delay, now_ms};
use serde_json::{Value, json};

use crate::{ENV, HOUR, open, temp_store};

#[test]
fn each_account_sends_its_oldest_edit_first() {
    let (_dir, mut store) = temp_store();
    let a1 = store
        .enqueue(ENV, "ann", OutboxKind::AddressAdd, &json!({"n": 1}))
        .unwrap();
    let b1 = store
        .enqueue(ENV, "bob", OutboxKind::InvoiceRemove, &json!({"n": 2}))
        .unwrap();
    let a2 = store
        .enqueue(ENV, "ann", OutboxKind::AddressEdit, &json!({"n": 3}))
        .unwrap();
    assert!(a1.seq < a2.seq);
    assert_ne!(a1.idempotency_key, a2.idempotency_key);

    let now = now_ms();
    let due: Vec<_> = store
        .next_due(now)
        .unwrap()
        .into_iter()
        .map(|e| e.seq)
        .collect();
    assert_eq!(due, [a1.seq, b1.seq]);

    // Ann's first edit waits out its backoff: her second must not overtake it.
    store.mark_failed(a1.seq, now).unwrap();
    let due: Vec<_> = store
        .next_due(now)
        .unwrap()
        .into_iter()
        .map(|e| e.seq)
        .collect();
    assert_eq!(due, [b1.seq]);

    store.complete(a1.seq).unwrap();
    let pending: Vec<_> = store
        .pending(ENV, "ann")
        .unwrap()
        .into_iter()
        .map(|e| e.seq)
        .collect();
    assert_eq!(pending, [a2.seq]);
}

#[test]
fn backoff_doubles_up_to_ten_minutes_with_jitter() {
    assert_eq!(backoff_delay(1, 0.5), Duration::from_secs(2));
    assert_eq!(backoff_delay(2, 0.5), Duration::from_secs(4));
    assert_eq!(backoff_delay(5, 0.5), Duration::from_secs(32));
    assert_eq!(backoff_delay(30, 0.5), Duration::from_secs(600));
    assert_eq!(backoff_delay(1, 0.0), Duration::from_millis(1600));
    assert_eq!(backoff_delay(30, 1.0), Duration::from_secs(720));

    let (_dir, mut store) = temp_store();
    let entry = store
        .enqueue(ENV, "ann", OutboxKind::MessageMarkRead, &json!({}))
        .unwrap();
    let now = 1_000_000;
    let mut previous = 0;
    for attempt in 1..=12u32 {
        let failed = store.mark_failed(entry.seq, now).unwrap();
        assert_eq!(failed.attempts, attempt);
        let wait = failed.next_attempt_at - now;
        let base = (2_000_i64 << (attempt - 1)).min(600_000);
        assert!(
            (base * 8 / 10..=base * 12 / 10).contains(&wait),
            "attempt {attempt}: {wait}"
        );
        // Doubling beats ±20 % jitter, so every wait below the cap is longer than the last.
        if base < 600_000 {
            assert!(wait > previous, "grows: {previous} then {wait}");
        }
        previous = wait;
    }
}

#[test]
fn queued_edits_survive_closing_and_reopening() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cache.sqlite");
    let queued = {
        let mut store = open(&path);
        let entry = store
            .enqueue(ENV, "ann", OutboxKind::InvoiceAdd, &json!({"title": "X"}))
            .unwrap();
        store.mark_failed(entry.seq, now_ms()).unwrap()
    };
    let mut store = open(&path);
    assert_eq!(store.pending(ENV, "ann").unwrap(), vec![queued.clone()]);
    let later = store
        .enqueue(ENV, "ann", OutboxKind::InvoiceEdit, &json!({}))
        .unwrap();
    assert!(
        later.seq > queued.seq,
        "the sequence keeps growing after a restart"
    );
}

#[test]
fn a_created_rows_temporary_id_is_replaced_everywhere() {
    let (_dir, mut store) = temp_store();
    let temp = "tmp-1";
    let row = AddressRow {
        id: temp.into(),
        is_default: true,
        data: json!({"udId": temp}),
    };
    store
        .replace_addresses(ENV, "ann", &[row], now_ms())
        .unwrap();
    let add = store
        .enqueue(
            ENV,
            "ann",
            OutboxKind::AddressAdd,
            &json!({"udName": "Home"}),
        )
        .unwrap();
    store
        .enqueue(
            ENV,
            "ann",
            OutboxKind::AddressEdit,
            &json!({"udId": temp, "udName": "Work"}),
        )
        .unwrap();
    store
        .enqueue(
            ENV,
            "bob",
            OutboxKind::AddressRemove,
            &json!({"udId": temp}),
        )
        .unwrap();
    store.complete(add.seq).unwrap();

    store
        .replace_temp_id(ENV, "ann", Entity::Address, temp, 42)
        .unwrap();

    let cached = store.addresses::<Value>(ENV, "ann", HOUR).unwrap().unwrap();
    assert_eq!(cached.data[0].id, "42");
    assert_eq!(cached.data[0].data, json!({"udId": 42}));
    assert_eq!(
        store.pending(ENV, "ann").unwrap()[0].payload,
        json!({"udId": 42, "udName": "Work"})
    );
    assert_eq!(
        store.pending(ENV, "bob").unwrap()[0].payload,
        json!({"udId": temp}),
        "other accounts untouched"
    );
}

#[test]
fn a_refused_edit_waits_for_the_user_without_holding_up_the_others() {
    let (_dir, mut store) = temp_store();
    let first = store
        .enqueue(ENV, "ann", OutboxKind::MessageSend, &json!({"text": "a"}))
        .unwrap();
    let second = store
        .enqueue(ENV, "ann", OutboxKind::MessageSend, &json!({"text": "b"}))
        .unwrap();
    let refused = store.refuse(first.seq, "用户不存在").unwrap();
    assert_eq!(refused.refused.as_deref(), Some("用户不存在"));

    let due = store.next_due(now_ms()).unwrap();
    assert_eq!(due.iter().map(|e| e.seq).collect::<Vec<_>>(), [second.seq]);
    assert_eq!(store.pending(ENV, "ann").unwrap().len(), 2, "still unsent");

    // Sent again: last in line, with a key of its own, and no longer refused.
    let again = store.requeue(first.seq, &json!({"text": "a2"})).unwrap();
    assert!(again.seq > second.seq);
    assert_ne!(again.idempotency_key, first.idempotency_key);
    assert_eq!(again.refused, None);
    assert_eq!(again.kind, OutboxKind::MessageSend);
    assert_eq!(again.payload, json!({"text": "a2"}));
    let order: Vec<_> = store
        .pending(ENV, "ann")
        .unwrap()
        .into_iter()
        .map(|e| e.seq)
        .collect();
    assert_eq!(order, [second.seq, again.seq]);
}

/// An attempt in doubt is remembered across a restart and a resend, and a sent message's
/// server id reaches the later payloads that name its temporary id.
#[test]
fn an_attempt_in_doubt_is_remembered_until_put_back() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cache.sqlite");
    let mut store = open(&path);
    let sent = store
        .enqueue(ENV, "ann", OutboxKind::MessageSend, &json!({"id": "tmp-1"}))
        .unwrap();
    let later = store
        .enqueue(
            ENV,
            "ann",
            OutboxKind::MessageSend,
            &json!({"id": "tmp-2", "twins": ["tmp-1"]}),
        )
        .unwrap();
    assert!(!sent.in_doubt, "a new edit was never sent");
    store.set_in_doubt(sent.seq, true).unwrap();
    drop(store);

    let mut store = open(&path);
    let pending = store.pending(ENV, "ann").unwrap();
    assert_eq!(
        pending.iter().map(|e| e.in_doubt).collect::<Vec<_>>(),
        [true, false]
    );
    store.refuse(sent.seq, "稍后再试").unwrap();
    let again = store.requeue(sent.seq, &json!({"id": "tmp-1"})).unwrap();
    assert!(again.in_doubt, "an earlier attempt may still have landed");
    store.set_in_doubt(again.seq, false).unwrap();
    assert!(!store.pending(ENV, "ann").unwrap()[1].in_doubt);

    store.replace_queued_id(ENV, "ann", "tmp-1", 41).unwrap();
    let later = store
        .pending(ENV, "ann")
        .unwrap()
        .into_iter()
        .find(|e| e.seq == later.seq)
        .unwrap();
    assert_eq!(later.payload, json!({"id": "tmp-2", "twins": [41]}));
}

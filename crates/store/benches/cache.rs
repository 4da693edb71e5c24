//! The cache's cost on the paths the app waits on: a big message refresh, a page of one
//! conversation, the unread badges, and opening the file at start-up.
//!
//! Run with `cargo bench -p lcs-store`. Targets on the 2-core build machine: the import
//! ≤ 1 s, each read ≤ 1 ms, opening a fresh file ≤ 20 ms.

// A benchmark that cannot set up has nothing to measure: failing loudly is right.
#![allow(clippy::expect_used)]

use std::hint::black_box;
use std::ops::RangeInclusive;
use std::time::Duration;

use criterion::{BatchSize, Criterion, SamplingMode, criterion_group, criterion_main};
use lcs_store::table::message::MessageRow;
use lcs_store::table::unread_count::UnreadCount;
use lcs_store::{Channel, Store, now_ms};
use serde::{Deserialize, Serialize};
use tempfile::TempDir;

const ENV: &str = "prod";
const ACCOUNT: &str = "10001";
/// Messages in the one refresh the import measures.
const MESSAGES: usize = 100_000;
/// The chats are spread over this many conversations, 1,000 messages each.
const CONVERSATIONS: usize = 100;
const HOUR: Duration = Duration::from_secs(3600);
/// When message 0 would have been sent (November 2023), in ms since the epoch.
const FIRST_MESSAGE_AT: i64 = 1_700_000_000_000;

/// A chat message shaped like the server's `msg_row`, so the JSON written is as long as a
/// real one (about 430 bytes).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Message {
    message_cat: String,
    message_content: String,
    message_data_type: i64,
    message_id: i64,
    message_is_delete: bool,
    message_is_read: bool,
    message_kind: i64,
    message_length: i64,
    message_time: i64,
    message_title: String,
    message_type: i64,
    user_id: i64,
    user_nickname: String,
    user_other_id: i64,
    user_other_nickname: String,
}

/// Message `id`: the higher the id, the newer; its conversation is one of [`CONVERSATIONS`].
fn message(id: usize, is_read: bool) -> MessageRow<Message> {
    let number = i64::try_from(id).expect("fits");
    let other = number % i64::try_from(CONVERSATIONS).expect("fits") + 2;
    let time = FIRST_MESSAGE_AT + number * 60_000;
    MessageRow {
        id: id.to_string(),
        is_read,
        time: Some(time),
        conversation: Some(other.to_string()),
        data: Message {
            message_cat: "text".into(),
            message_content: format!(
                "您好，您的工单 #{id} 已处理完毕，如有疑问请随时联系在线客服。Your ticket is done."
            ),
            message_data_type: 5,
            message_id: number,
            message_is_delete: false,
            message_is_read: is_read,
            message_kind: 2,
            message_length: 48,
            message_time: time,
            message_title: "服务消息".into(),
            message_type: 2,
            user_id: 10001,
            user_nickname: "demo".into(),
            user_other_id: other,
            user_other_nickname: format!("用户{other}"),
        },
    }
}

/// The server's list of messages `ids`, newest first; one in seven is unread, and every
/// `flipped`-th has the other read flag.
fn list(ids: RangeInclusive<usize>, flipped: usize) -> Vec<MessageRow<Message>> {
    ids.rev()
        .map(|id| message(id, (id % 7 != 0) != id.is_multiple_of(flipped)))
        .collect()
}

/// The list of [`MESSAGES`] a first import writes.
fn messages() -> Vec<MessageRow<Message>> {
    list(1..=MESSAGES, usize::MAX)
}

fn fresh_store() -> (TempDir, Store) {
    let dir = tempfile::tempdir().expect("temp dir");
    let (store, _) = Store::open(&dir.path().join("cache.sqlite")).expect("open");
    (dir, store)
}

fn import(c: &mut Criterion) {
    let rows = messages();
    let mut group = c.benchmark_group("messages");
    // One import takes most of a second: ten of them, one per sample, show the median, and
    // keep the whole run under two minutes.
    group.sampling_mode(SamplingMode::Flat);
    group.sample_size(10);
    group.warm_up_time(Duration::from_secs(1));
    group.measurement_time(Duration::from_secs(8));
    group.bench_function("import 100,000 into an empty cache", |b| {
        b.iter_batched(
            fresh_store,
            |(dir, mut store)| {
                store
                    .replace_messages(ENV, ACCOUNT, Channel::Chat, &rows, now_ms())
                    .expect("import");
                (dir, store)
            },
            BatchSize::PerIteration,
        )
    });
    // Each refresh swaps the cached list for the other one of a pair, so every iteration
    // writes the same changes.
    let shifted = list(1_001..=MESSAGES + 1_000, 100);
    let all_flipped = list(1..=MESSAGES, 1);
    for (name, other) in [
        ("refresh 100,000: 1% new, 1% gone, 1% changed", &shifted),
        ("refresh 100,000, every one changed", &all_flipped),
    ] {
        let (_dir, mut store) = fresh_store();
        store
            .replace_messages(ENV, ACCOUNT, Channel::Chat, &rows, now_ms())
            .expect("import");
        let pair = [&rows, other];
        let mut turn = 0;
        group.bench_function(name, |b| {
            b.iter(|| {
                turn = 1 - turn;
                store
                    .replace_messages(ENV, ACCOUNT, Channel::Chat, pair[turn], now_ms())
                    .expect("refresh")
            })
        });
    }
    group.finish();
}

fn reads(c: &mut Criterion) {
    let (_dir, mut store) = fresh_store();
    store
        .replace_messages(ENV, ACCOUNT, Channel::Chat, &messages(), now_ms())
        .expect("import");
    let counts: Vec<UnreadCount> = ["chat", "notice", "order", "product", "service"]
        .into_iter()
        .zip(1..)
        .map(|(category, count)| UnreadCount {
            category: category.into(),
            count,
        })
        .collect();
    // Other accounts' counts in the same table, as on a device used by several people.
    for account in ["10002", ACCOUNT, "10003"] {
        store
            .replace_unread_counts(ENV, account, &counts, now_ms())
            .expect("counts");
    }
    let mut group = c.benchmark_group("reads");
    group.warm_up_time(Duration::from_secs(1));
    group.measurement_time(Duration::from_secs(3));
    // Conversation "2" holds 1,000 of the 100,000 messages; the first page is what a chat
    // opens on, a later one what scrolling back asks for.
    for (name, rows) in [("first", 0..50), ("tenth", 450..500)] {
        group.bench_function(format!("page of 50 of one conversation, the {name}"), |b| {
            b.iter(|| {
                let page = store
                    .conversation_page::<Message>(
                        ENV,
                        ACCOUNT,
                        Channel::Chat,
                        "2",
                        rows.clone(),
                        HOUR,
                    )
                    .expect("read")
                    .expect("fetched");
                assert_eq!(page.data.len(), 50);
                page
            })
        });
    }
    group.bench_function("unread counts", |b| {
        b.iter(|| black_box(store.unread_counts(ENV, ACCOUNT, HOUR).expect("read")))
    });
    group.finish();
}

fn open(c: &mut Criterion) {
    let mut group = c.benchmark_group("open");
    group.warm_up_time(Duration::from_secs(1));
    group.measurement_time(Duration::from_secs(3));
    group.bench_function("create and migrate a fresh file", |b| {
        b.iter_batched(
            || tempfile::tempdir().expect("temp dir"),
            |dir| {
                let opened = Store::open(&dir.path().join("cache.sqlite")).expect("open");
                (dir, opened)
            },
            BatchSize::PerIteration,
        )
    });
    let (dir, mut store) = fresh_store();
    store
        .replace_messages(ENV, ACCOUNT, Channel::Chat, &messages(), now_ms())
        .expect("import");
    drop(store);
    let path = dir.path().join("cache.sqlite");
    group.sample_size(20);
    group.bench_function("reopen a cache holding 100,000 messages", |b| {
        // The store is returned, so closing it (a WAL checkpoint) is not measured.
        b.iter_batched(
            || (),
            |()| Store::open(&path).expect("reopen"),
            BatchSize::PerIteration,
        )
    });
    group.finish();
}

criterion_group!(benches, import, reads, open);
criterion_main!(benches);

use serde_json::json;

use crate::{HOUR, assert_owners_isolated};

#[test]
fn each_account_sees_only_its_own_account_detail() {
    assert_owners_isolated(
        |environment, account| json!({"nickName": account, "environment": environment}),
        |store, environment, account, detail, at| {
            store.put_account_detail(environment, account, detail, at)
        },
        |store, environment, account| store.account_detail(environment, account, HOUR),
    );
}

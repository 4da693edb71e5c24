use serde_json::json;

use crate::{HOUR, assert_owners_isolated};

#[test]
fn each_account_sees_only_its_own_profile() {
    assert_owners_isolated(
        |environment, account| json!({"userNickname": account, "environment": environment}),
        |store, environment, account, profile, at| {
            store.put_user_profile(environment, account, profile, at)
        },
        |store, environment, account| store.user_profile(environment, account, HOUR),
    );
}

use serde_json::json;

use crate::{HOUR, assert_owners_isolated};

#[test]
fn each_account_sees_only_its_own_levels_in_the_servers_order() {
    assert_owners_isolated(
        |environment, account| {
            vec![
                json!({"levelName": "gold", "owner": [environment, account]}),
                json!({"levelName": "bronze"}),
                json!({"levelName": "silver"}),
            ]
        },
        |store, environment, account, levels, at| {
            store.replace_user_levels(environment, account, levels, at)
        },
        |store, environment, account| store.user_levels(environment, account, HOUR),
    );
}

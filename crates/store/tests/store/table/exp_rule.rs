use serde_json::json;

use crate::{HOUR, assert_owners_isolated};

#[test]
fn each_account_sees_only_its_own_exp_rules_in_the_servers_order() {
    assert_owners_isolated(
        |environment, account| {
            vec![
                json!({"ruleName": "sign in", "exp": 5, "owner": [environment, account]}),
                json!({"ruleName": "buy", "exp": 50}),
            ]
        },
        |store, environment, account, rules, at| {
            store.replace_exp_rules(environment, account, rules, at)
        },
        |store, environment, account| store.exp_rules(environment, account, HOUR),
    );
}

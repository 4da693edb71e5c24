//! What several test files share: the sandbox's demo users of all three families signing in.

use lcs_core::auth::{Auth, CustomerLogin, CustomerLoginName, PlannerLogin, UserCenterLogin};

/// The sandbox's demo data as its seed names it, written out so that a change there is noticed
/// here.
const DEMO_PHONE: &str = "13800000001";
const DEMO_EMAIL: &str = "demo@lcs.test";
const DEMO_PASSWORD: &str = "demo1234";
const PLANNER_DEMO_USERNAME: &str = "demo";

/// Signs in the demo customer (by e-mail), user-centre user and planner, remembered.
pub async fn sign_in_every_family(auth: &Auth) {
    auth.customer_login(CustomerLogin {
        by: CustomerLoginName::Email,
        login_name: DEMO_EMAIL.into(),
        phone_area: None,
        password: Some(DEMO_PASSWORD.into()),
        code: None,
        remember: true,
    })
    .await
    .unwrap();
    auth.user_center_login(UserCenterLogin {
        account: DEMO_PHONE.into(),
        password: Some(DEMO_PASSWORD.into()),
        code: None,
        remember: true,
    })
    .await
    .unwrap();
    auth.planner_login(PlannerLogin {
        username: Some(PLANNER_DEMO_USERNAME.into()),
        phone: None,
        password: DEMO_PASSWORD.into(),
        remember: true,
    })
    .await
    .unwrap();
}

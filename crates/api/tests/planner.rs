//! Family C: for every call, the exact request it sends and the seed's example answer decoded.
//!
//! The seed's answers are not JSON as printed (comments, a missing comma, `""` placeholders
//! everywhere, `error` among them), so the fixtures are those answers with realistic values.

mod support;

use lcs_api::planner::*;
use lcs_api::{ApiError, Client, ClientConfig, ErrorCode, Family, Lang, Secret};
use serde_json::json;
use support::*;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const LOGIN_ANSWER: &str = include_str!("fixtures/planner_login.json");
const ACCOUNT_ANSWER: &str = include_str!("fixtures/planner_account.json");
const PASSWORD_ANSWER: &str = include_str!("fixtures/planner_password.json");
/// The URL sits in `token_status`, where the seed's comment puts it.
const PIC_UPLOAD_ANSWER: &str = include_str!("fixtures/planner_pic_upload.json");
const AUTHORIZATION_ANSWER: &str = include_str!("fixtures/planner_authorization.json");
const ACCOUNT_DETAIL_ANSWER: &str = include_str!("fixtures/planner_account_detail.json");
/// C10 is inferred: its answer is C1's token fields.
const REFRESH_ANSWER: &str = include_str!("fixtures/planner_refresh.json");
/// The seed's answer to verifyVerificationCode, checkPhonenumber and forgetpassword.
const OK_ANSWER: &str = r#"{"error": "0"}"#;

const ACCESS_TOKEN: &str = "at-3f9a1c7e5b2d4680";
const AUTHORIZATION_CODE: &str = "ac-5e7f90b1";

async fn answer(server: &MockServer, verb: &str, route: &str, body: &str) {
    Mock::given(method(verb))
        .and(path(route))
        .respond_with(ResponseTemplate::new(200).set_body_string(body))
        .mount(server)
        .await;
}

/// Family C sends its token as `access_token` in the parameters, never as a header, and none of
/// family A's headers.
fn assert_no_header_token(request: &wiremock::Request) {
    for name in [
        "token",
        "access_token",
        "authorization",
        "companyId",
        "trace",
    ] {
        assert_eq!(header(request, name), None, "unexpected header {name}");
    }
}

fn assert_json_post(request: &wiremock::Request, route: &str) {
    assert_eq!(request.method.as_str(), "POST");
    assert_eq!(request.url.path(), route);
    assert_eq!(header(request, "content-type"), Some("application/json"));
    assert_no_header_token(request);
}

fn assert_get(request: &wiremock::Request, route: &str) {
    assert_eq!(request.method.as_str(), "GET");
    assert_eq!(request.url.path(), route);
    assert!(request.body.is_empty(), "a GET has no body");
    assert_no_header_token(request);
}

fn pairs(expected: &[(&str, &str)]) -> Vec<(String, String)> {
    expected
        .iter()
        .map(|(name, value)| ((*name).to_owned(), (*value).to_owned()))
        .collect()
}

#[tokio::test]
async fn c1_login() {
    let (server, client) = mock_client().await;
    answer(&server, "POST", "/srv/v1/login", LOGIN_ANSWER).await;

    let tokens = client
        .send(
            &Login {
                username: None,
                password: Secret::new("planner-pw"),
                phonenumber: Some("13429837442".into()),
                authorizationcode: Secret::new(AUTHORIZATION_CODE),
            },
            None,
        )
        .await
        .expect("login");

    let request = only_request(&server).await;
    assert_json_post(&request, "/srv/v1/login");
    assert_eq!(
        body_json(&request),
        json!({
            "platid": "2015100011",
            "vercode": 1,
            "channel": "1CWR",
            "password": "planner-pw",
            "phonenumber": "13429837442",
            "authorizationcode": AUTHORIZATION_CODE,
        })
    );
    assert_eq!(
        tokens.access_token.as_ref().map(Secret::expose),
        Some(ACCESS_TOKEN)
    );
    assert_eq!(tokens.access_token_expire, Some(7200));
    assert_eq!(
        tokens.refresh_token.as_ref().map(Secret::expose),
        Some("rt-8b1d2e4f6a9c0357")
    );
    assert_eq!(tokens.refresh_token_expire, Some(2_592_000));
    assert_eq!(tokens.uid.as_deref(), Some("100086"));
}

#[tokio::test]
async fn c1_login_tolerates_the_seed_s_placeholders() {
    let (server, client) = mock_client().await;
    // The seed's own example, made JSON: "成功" as an expiry and empty strings elsewhere.
    let seed = r#"{"access_token": "", "access_token_expire": "成功", "error": "0",
        "refresh_token": "", "refresh_token_expire": "", "uid": ""}"#;
    answer(&server, "POST", "/srv/v1/login", seed).await;
    let tokens = client
        .send(
            &Login {
                username: Some("wang.licai".into()),
                password: Secret::new("planner-pw"),
                phonenumber: None,
                authorizationcode: Secret::new(AUTHORIZATION_CODE),
            },
            None,
        )
        .await
        .expect("placeholders decode");
    assert!(tokens.access_token.is_none() && tokens.refresh_token.is_none());
    assert_eq!(tokens.access_token_expire, None);
    assert_eq!(
        body_json(&only_request(&server).await)["username"],
        json!("wang.licai")
    );
}

#[tokio::test]
async fn c2_register_account() {
    let (server, client) = mock_client().await;
    answer(&server, "POST", "/srv/v1/account", ACCOUNT_ANSWER).await;

    let registered = client
        .send(
            &Register {
                authorizationcode: Secret::new(AUTHORIZATION_CODE),
                data: Some(
                    json!({"nickname": "王理财"})
                        .as_object()
                        .cloned()
                        .expect("an object"),
                ),
                mailaddress: Some("wang@example.com".into()),
                password: Secret::new("planner-pw"),
                phonenumber: Some("13429837442".into()),
                registersource: Some("app".into()),
                username: Some("wang.licai".into()),
                verificationcode: Some(Secret::new("482913")),
            },
            None,
        )
        .await
        .expect("register");

    let request = only_request(&server).await;
    assert_json_post(&request, "/srv/v1/account");
    assert_eq!(
        body_json(&request),
        json!({
            "platid": "2015100011",
            "vercode": 1,
            "channel": "1CWR",
            "authorizationcode": AUTHORIZATION_CODE,
            "data": {"nickname": "王理财"},
            "mailaddress": "wang@example.com",
            "password": "planner-pw",
            "phonenumber": "13429837442",
            "registersource": "app",
            "username": "wang.licai",
            "verificationcode": "482913",
        })
    );
    assert_eq!(registered.uid.as_deref(), Some("100087"));
}

#[tokio::test]
async fn c3_change_password() {
    let (server, client) = mock_client().await;
    answer(&server, "POST", "/srv/v1/password", PASSWORD_ANSWER).await;

    let ack = client
        .send(
            &ChangePassword {
                authorizationcode: Secret::new(AUTHORIZATION_CODE),
                newpassword: Secret::new("new-planner-pw"),
                oldpassword: Secret::new("planner-pw"),
            },
            Some(&Secret::new(ACCESS_TOKEN)),
        )
        .await
        .expect("password");

    let request = only_request(&server).await;
    assert_json_post(&request, "/srv/v1/password");
    assert_eq!(
        body_json(&request),
        json!({
            "platid": "2015100011",
            "vercode": 1,
            "channel": "1CWR",
            "access_token": ACCESS_TOKEN,
            "authorizationcode": AUTHORIZATION_CODE,
            "newpassword": "new-planner-pw",
            "oldpassword": "planner-pw",
        })
    );
    assert_eq!(ack.token_status, Some(TokenStatus::Valid));
}

/// The smallest byte string the client recognises as a PNG, plus a little payload.
fn png() -> Vec<u8> {
    let mut bytes = b"\x89PNG\r\n\x1a\n".to_vec();
    bytes.extend_from_slice(b"\0\0\0\rIHDR avatar pixels");
    bytes
}

struct Part {
    name: String,
    file_name: Option<String>,
    content_type: Option<String>,
    body: Vec<u8>,
}

/// The parts of a `multipart/form-data` body, in order.
// A body that is not what multipart promises is a failed test: panicking says so.
#[allow(clippy::expect_used)]
fn multipart_parts(request: &wiremock::Request) -> Vec<Part> {
    let content_type = header(request, "content-type").expect("a content type");
    let boundary = content_type
        .strip_prefix("multipart/form-data; boundary=")
        .unwrap_or_else(|| panic!("not multipart: {content_type}"));
    let delimiter = format!("--{boundary}").into_bytes();
    let body = &request.body;
    let mut starts = Vec::new();
    let mut at = 0;
    while let Some(found) = body[at..]
        .windows(delimiter.len())
        .position(|window| window == delimiter.as_slice())
    {
        starts.push(at + found);
        at += found + delimiter.len();
    }
    starts
        .windows(2)
        .map(|pair| {
            // Each part is "\r\n" headers "\r\n\r\n" content "\r\n" before the next delimiter.
            let part = &body[pair[0] + delimiter.len() + 2..pair[1] - 2];
            let split = part
                .windows(4)
                .position(|window| window == b"\r\n\r\n")
                .expect("headers end");
            let headers = String::from_utf8_lossy(&part[..split]).into_owned();
            let value_of = |key: &str| {
                let start = headers.find(&format!("{key}=\""))? + key.len() + 2;
                let end = headers[start..].find('"')? + start;
                Some(headers[start..end].to_owned())
            };
            Part {
                name: value_of("name").expect("a part name"),
                file_name: value_of("filename"),
                content_type: headers.lines().find_map(|line| {
                    line.to_ascii_lowercase()
                        .starts_with("content-type:")
                        .then(|| line["content-type:".len()..].trim().to_owned())
                }),
                body: part[split + 4..].to_vec(),
            }
        })
        .collect()
}

#[tokio::test]
async fn c4_upload_avatar() {
    let (server, client) = mock_client().await;
    answer(&server, "POST", "/srv/v1/pic/upload", PIC_UPLOAD_ANSWER).await;

    let uploaded = client
        .send(
            &UploadPic::avatar("avatar.png", png()).expect("a PNG is accepted"),
            Some(&Secret::new(ACCESS_TOKEN)),
        )
        .await
        .expect("upload");

    let request = only_request(&server).await;
    assert_eq!(request.method.as_str(), "POST");
    assert_eq!(request.url.path(), "/srv/v1/pic/upload");
    assert_no_header_token(&request);
    let parts = multipart_parts(&request);
    let texts: Vec<(String, String)> = parts
        .iter()
        .filter(|part| part.file_name.is_none())
        .map(|part| {
            assert_eq!(part.content_type, None, "{} is a text part", part.name);
            (
                part.name.clone(),
                String::from_utf8(part.body.clone()).expect("text"),
            )
        })
        .collect();
    assert_eq!(
        texts,
        pairs(&[
            ("platid", "2015100011"),
            ("vercode", "1"),
            ("channel", "1CWR"),
            ("access_token", ACCESS_TOKEN),
            ("type", "1"),
        ])
    );
    let files: Vec<&Part> = parts.iter().filter(|p| p.file_name.is_some()).collect();
    assert_eq!(files.len(), 1, "one file part");
    assert_eq!(files[0].name, "file");
    assert_eq!(files[0].file_name.as_deref(), Some("avatar.png"));
    assert_eq!(files[0].content_type.as_deref(), Some("image/png"));
    assert_eq!(files[0].body, png());

    assert_eq!(
        uploaded.url.as_deref(),
        Some("https://img.example.com/avatar/100086.png")
    );
    assert_eq!(uploaded.token_status, None);
}

#[tokio::test]
async fn c4_upload_answer_with_a_url_field_and_a_status() {
    let (server, client) = mock_client().await;
    let body = r#"{"error": "0", "token_status": "1", "url": "https://img.example.com/a.webp"}"#;
    answer(&server, "POST", "/srv/v1/pic/upload", body).await;
    let mut webp = b"RIFF\x10\0\0\0WEBPVP8 ".to_vec();
    webp.extend_from_slice(b"pixels");
    let uploaded = client
        .send(
            &UploadPic::avatar("a.webp", webp).expect("a WebP is accepted"),
            Some(&Secret::new(ACCESS_TOKEN)),
        )
        .await
        .expect("upload");
    assert_eq!(
        uploaded.url.as_deref(),
        Some("https://img.example.com/a.webp")
    );
    assert_eq!(uploaded.token_status, Some(TokenStatus::MustRefresh));
    let parts = multipart_parts(&only_request(&server).await);
    let file = parts.iter().find(|p| p.name == "file").expect("file part");
    assert_eq!(file.content_type.as_deref(), Some("image/webp"));
}

#[tokio::test]
async fn c4_refuses_bad_files_before_sending() {
    let (server, client) = mock_client().await;
    answer(&server, "POST", "/srv/v1/pic/upload", PIC_UPLOAD_ANSWER).await;
    // The limit is 5 MiB, written out: a change in the code must be seen here.
    let mut too_large = png();
    too_large.resize(5 * 1024 * 1024, 0);
    let mut largest = png();
    largest.resize(5 * 1024 * 1024 - 1, 0);
    UploadPic::avatar("avatar.png", largest).expect("one byte under 5 MiB is accepted");
    let cases = [
        (
            "not an image",
            "avatar.png",
            b"GIF89a: not one of ours".to_vec(),
        ),
        ("empty", "avatar.png", Vec::new()),
        ("5 MiB", "avatar.png", too_large),
    ];
    for (case, file_name, bytes) in cases {
        let error = UploadPic::avatar(file_name, bytes).expect_err(case);
        assert_eq!(error.code(), ErrorCode::InvalidInput, "{case}: {error:?}");
        assert!(
            matches!(error, ApiError::InvalidInput { field: "file", .. }),
            "{case}: {error:?}"
        );
    }
    // A request the client never builds is never sent: only a valid upload reaches the server.
    let requests = server.received_requests().await.expect("recording is on");
    assert!(requests.is_empty(), "nothing may be sent: {requests:?}");
    client
        .send(
            &UploadPic::avatar("avatar.jpg", b"\xFF\xD8\xFF\xE0 jpeg".to_vec()).expect("a JPEG"),
            Some(&Secret::new(ACCESS_TOKEN)),
        )
        .await
        .expect("a valid upload is sent");
    only_request(&server).await;
}

#[tokio::test]
async fn c5_get_authorization_code() {
    let (server, client) = mock_client().await;
    answer(
        &server,
        "GET",
        "/srv/v1/authorization",
        AUTHORIZATION_ANSWER,
    )
    .await;

    let code = client
        .send(
            &GetAuthorizationCode {
                client_id: "lcs-account".into(),
                client_secret: Secret::new("cs-1a2b3c"),
                redirect_uri: "lcs://oauth".into(),
                response_type: "code".into(),
                scope: "account".into(),
            },
            Some(&Secret::new(ACCESS_TOKEN)),
        )
        .await
        .expect("authorization");

    let request = only_request(&server).await;
    assert_get(&request, "/srv/v1/authorization");
    // The common parameters, then the call's own in the seed's order; a guest call sends no
    // access_token.
    assert_eq!(
        query(&request),
        pairs(&[
            ("platid", "2015100011"),
            ("vercode", "1"),
            ("channel", "1CWR"),
            ("client_id", "lcs-account"),
            ("client_secret", "cs-1a2b3c"),
            ("redirect_uri", "lcs://oauth"),
            ("response_type", "code"),
            ("scope", "account"),
        ])
    );
    assert_eq!(
        code.authorizationcode.as_ref().map(Secret::expose),
        Some(AUTHORIZATION_CODE)
    );
}

#[tokio::test]
async fn c6_verify_verification_code() {
    let (server, client) = mock_client().await;
    answer(&server, "GET", "/srv/v1/verifyVerificationCode", OK_ANSWER).await;

    let ack = client
        .send(
            &VerifyVerificationCode {
                authorizationcode: Secret::new(AUTHORIZATION_CODE),
                phonenumber: "13429837442".into(),
                verificationcode: Secret::new("482913"),
            },
            None,
        )
        .await
        .expect("verifyVerificationCode");

    let request = only_request(&server).await;
    assert_get(&request, "/srv/v1/verifyVerificationCode");
    assert_eq!(
        query(&request),
        pairs(&[
            ("platid", "2015100011"),
            ("vercode", "1"),
            ("channel", "1CWR"),
            ("authorizationcode", AUTHORIZATION_CODE),
            ("phonenumber", "13429837442"),
            ("verificationcode", "482913"),
        ])
    );
    assert_eq!(ack.token_status, None);
}

#[tokio::test]
async fn c7_check_phonenumber() {
    let (server, client) = mock_client().await;
    answer(&server, "GET", "/srv/v1/checkPhonenumber", OK_ANSWER).await;

    let ack = client
        .send(
            &CheckPhonenumber {
                authorizationcode: Secret::new(AUTHORIZATION_CODE),
                phonenumber: "13429837442".into(),
            },
            None,
        )
        .await
        .expect("checkPhonenumber");

    let request = only_request(&server).await;
    assert_get(&request, "/srv/v1/checkPhonenumber");
    assert_eq!(
        query(&request),
        pairs(&[
            ("platid", "2015100011"),
            ("vercode", "1"),
            ("channel", "1CWR"),
            ("authorizationcode", AUTHORIZATION_CODE),
            ("phonenumber", "13429837442"),
        ])
    );
    assert_eq!(ack.token_status, None);
}

#[tokio::test]
async fn c8_forget_password() {
    let (server, client) = mock_client().await;
    answer(&server, "POST", "/srv/v1/forgetpassword", OK_ANSWER).await;

    let ack = client
        .send(
            &ForgetPassword {
                authorizationcode: Secret::new(AUTHORIZATION_CODE),
                newpassword: Secret::new("new-planner-pw"),
                phonenumber: "13429837442".into(),
                verificationcode: Secret::new("482913"),
            },
            None,
        )
        .await
        .expect("forgetpassword");

    let request = only_request(&server).await;
    assert_json_post(&request, "/srv/v1/forgetpassword");
    assert_eq!(
        body_json(&request),
        json!({
            "platid": "2015100011",
            "vercode": 1,
            "channel": "1CWR",
            "authorizationcode": AUTHORIZATION_CODE,
            "newpassword": "new-planner-pw",
            "phonenumber": "13429837442",
            "verificationcode": "482913",
        })
    );
    assert_eq!(ack.token_status, None);
}

#[tokio::test]
async fn c9_account_detail() {
    let (server, client) = mock_client().await;
    answer(
        &server,
        "GET",
        "/srv/v1/accountDetail",
        ACCOUNT_DETAIL_ANSWER,
    )
    .await;

    let detail = client
        .send(&GetAccountDetail, Some(&Secret::new(ACCESS_TOKEN)))
        .await
        .expect("accountDetail");

    let request = only_request(&server).await;
    assert_get(&request, "/srv/v1/accountDetail");
    assert_eq!(
        query(&request),
        pairs(&[
            ("platid", "2015100011"),
            ("vercode", "1"),
            ("channel", "1CWR"),
            ("access_token", ACCESS_TOKEN),
        ])
    );
    assert_eq!(detail.data, json!({}));
    assert_eq!(detail.message.as_deref(), Some("成功"));
    assert_eq!(detail.reason.as_deref(), Some(""));
    assert_eq!(detail.token_status, Some(TokenStatus::MustRefresh));
}

fn refresh() -> Refresh {
    Refresh {
        refresh_token: Secret::new("rt-8b1d2e4f6a9c0357"),
    }
}

#[tokio::test]
async fn c10_refresh() {
    let (server, client) = mock_client().await;
    answer(&server, "POST", "/srv/v1/refresh", REFRESH_ANSWER).await;

    // The expired access token handed to send is not sent: the refresh token is the credential.
    let tokens = client
        .send(&refresh(), Some(&Secret::new(ACCESS_TOKEN)))
        .await
        .expect("refresh");

    let request = only_request(&server).await;
    assert_json_post(&request, "/srv/v1/refresh");
    assert_eq!(
        body_json(&request),
        json!({
            "platid": "2015100011",
            "vercode": 1,
            "channel": "1CWR",
            "refresh_token": "rt-8b1d2e4f6a9c0357",
        })
    );
    assert_eq!(
        tokens.access_token.as_ref().map(Secret::expose),
        Some("at-0d6e2b9c4a7f1358")
    );
    assert_eq!(
        tokens.refresh_token.as_ref().map(Secret::expose),
        Some("rt-5c3a8e1f7b2d9046")
    );
    assert_eq!(tokens.access_token_expire, Some(7200));
    assert_eq!(tokens.uid.as_deref(), Some("100086"));
}

#[tokio::test]
async fn c10_refresh_follows_the_configured_path() {
    let server = MockServer::start().await;
    answer(&server, "POST", "/srv/v2/token/refresh", REFRESH_ANSWER).await;
    let mut config = ClientConfig::single_host(server.uri().parse().expect("mock url"));
    config.planner_refresh_path = "/srv/v2/token/refresh".into();
    let client = Client::new(config).expect("client");

    let tokens = client.send(&refresh(), None).await.expect("refresh");

    assert_eq!(
        only_request(&server).await.url.path(),
        "/srv/v2/token/refresh"
    );
    assert_eq!(tokens.uid.as_deref(), Some("100086"));
}

#[tokio::test]
async fn c_required_calls_without_a_token_are_refused_before_sending() {
    let (server, client) = mock_client().await;
    let password = client
        .send(
            &ChangePassword {
                authorizationcode: Secret::new(AUTHORIZATION_CODE),
                newpassword: Secret::new("new-planner-pw"),
                oldpassword: Secret::new("planner-pw"),
            },
            None,
        )
        .await
        .map(|_| ());
    let upload = client
        .send(
            &UploadPic::avatar("avatar.png", png()).expect("a PNG"),
            None,
        )
        .await
        .map(|_| ());
    let detail = client
        .send(&GetAccountDetail, Some(&Secret::new("")))
        .await
        .map(|_| ());
    for result in [password, upload, detail] {
        assert!(
            matches!(
                result,
                Err(ApiError::Unauthorized {
                    family: Family::Planner,
                    ..
                })
            ),
            "{result:?}"
        );
    }
    let requests = server.received_requests().await.expect("recording is on");
    assert!(requests.is_empty(), "nothing may be sent: {requests:?}");
}

/// The seed's error table (Chinese) and the app's English for it.
const ERROR_TABLE: &[(&str, &str, &str)] = &[
    ("1", "验证码错误", "The verification code is wrong."),
    ("2", "验证码已过期", "The verification code has expired."),
    (
        "3",
        "尚未通过旧手机号验证",
        "Verify the old phone number first.",
    ),
    ("4", "旧密码错误", "The old password is wrong."),
    (
        "5",
        "登录已失效，请重新登录",
        "Your session has ended. Please sign in again.",
    ),
    ("7", "用户名不存在", "No such user name."),
    ("8", "密码错误", "The password is wrong."),
    ("9", "client_id不存在", "Unknown client_id."),
    ("10", "client_secret 错误", "Wrong client_secret."),
    ("11", "授权码错误", "The authorization code is wrong."),
    ("12", "参数错误", "Invalid parameters."),
    ("14", "该账户已经存在", "This account already exists."),
    (
        "15",
        "密码未设置",
        "No password has been set for this account.",
    ),
    ("18", "图片格式错误", "The image format is not supported."),
    ("19", "图片为空", "The image is empty."),
    (
        "23",
        "验证码已使用",
        "The verification code has already been used.",
    ),
    (
        "25",
        "邮箱已经注册",
        "This e-mail address is already registered.",
    ),
    (
        "30",
        "您的账号已在其他设备登录",
        "Your account signed in on another device.",
    ),
    ("34", "手机号格式错误", "The phone number is not valid."),
    ("50", "服务器异常", "Server error. Try again later."),
];

#[tokio::test]
async fn c_every_documented_error_code_maps_to_its_kind_and_message() {
    for &(code, chinese, english) in ERROR_TABLE {
        let (server, client) = mock_client().await;
        let body = json!({"error": code, "message": "", "token_status": "0"}).to_string();
        answer(&server, "GET", "/srv/v1/checkPhonenumber", &body).await;
        let error = client
            .send(
                &CheckPhonenumber {
                    authorizationcode: Secret::new(AUTHORIZATION_CODE),
                    phonenumber: "13429837442".into(),
                },
                None,
            )
            .await
            .expect_err(code);
        let expected = match code {
            "5" => ErrorCode::Unauthorized,
            "30" => ErrorCode::Kicked,
            _ => ErrorCode::Business,
        };
        assert_eq!(error.code(), expected, "error {code}: {error:?}");
        if let ApiError::Business {
            family, code: kept, ..
        } = &error
        {
            assert_eq!(*family, Family::Planner);
            assert_eq!(kept, code);
        }
        let (zh, en) = (
            error.user_message(Lang::ZhCn),
            error.user_message(Lang::EnUs),
        );
        if code == "30" {
            // Kicked adds what to do next to the table's text.
            assert!(zh.starts_with(chinese), "error {code}: {zh}");
            assert!(en.starts_with(english), "error {code}: {en}");
        } else {
            assert_eq!(zh, chinese, "error {code}");
            assert_eq!(en, english, "error {code}");
        }
        // GETs are retried only on network errors and 5xx: a business answer is final.
        only_request(&server).await;
    }
}

#[tokio::test]
async fn c_token_status_2_is_unauthorized_even_with_error_0() {
    let (server, client) = mock_client().await;
    let body = r#"{"data": {}, "error": "0", "message": "", "reason": "", "token_status": "2"}"#;
    answer(&server, "GET", "/srv/v1/accountDetail", body).await;
    let error = client
        .send(&GetAccountDetail, Some(&Secret::new(ACCESS_TOKEN)))
        .await
        .expect_err("an invalid token ends the session");
    assert!(
        matches!(
            error,
            ApiError::Unauthorized {
                family: Family::Planner,
                ..
            }
        ),
        "{error:?}"
    );
    assert_eq!(error.code(), ErrorCode::Unauthorized);
}

#[tokio::test]
async fn c_answers_decode_whatever_extra_fields_they_carry() {
    let (server, client) = mock_client().await;
    let body = json!({
        "error": 0,
        "authorizationcode": 90817,
        "expires_in": 600,
        "extra": {"nested": [1, 2]},
    });
    answer(&server, "GET", "/srv/v1/authorization", &body.to_string()).await;
    let code = client
        .send(
            &GetAuthorizationCode {
                client_id: "lcs-account".into(),
                client_secret: Secret::new("cs-1a2b3c"),
                redirect_uri: "lcs://oauth".into(),
                response_type: "code".into(),
                scope: "account".into(),
            },
            None,
        )
        .await
        .expect("a numeric code is still a code");
    assert_eq!(
        code.authorizationcode.as_ref().map(Secret::expose),
        Some("90817")
    );
}

//! Family B: for every call, the exact request it sends and the seed's example answer decoded.
//! The query pairs come out sorted by name: the client builds them from a JSON map.

mod support;

use lcs_api::user_center::addresses::*;
use lcs_api::user_center::invoices::*;
use lcs_api::user_center::login::*;
use lcs_api::user_center::messages::*;
use lcs_api::user_center::user::*;
use lcs_api::user_center::wechat::*;
use lcs_api::user_center::{ListQuery, Page};
use lcs_api::{ApiError, ErrorCode, Family, Lang, Secret};
use serde_json::{Value, json};
use support::*;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

// The seed's example answers, verbatim. Several calls share one: the seed repeats it.
/// `data: {}`: 33 calls' answer.
const EMPTY: &str = include_str!("fixtures/user_center_empty.json");
/// Both address lists.
const ADDRESS_LIST: &str = include_str!("fixtures/user_center_address_list.json");
const INVOICE_LIST: &str = include_str!("fixtures/user_center_invoice_list.json");
/// Login and registration, GET and POST.
const LOGIN: &str = include_str!("fixtures/user_center_login.json");
const LOGOUT: &str = include_str!("fixtures/user_center_logout.json");
const PROTOCOL: &str = include_str!("fixtures/user_center_protocol.json");
/// Message add and getMsgCount.
const MESSAGE: &str = include_str!("fixtures/user_center_message.json");
const MESSAGE_GET: &str = include_str!("fixtures/user_center_message_get.json");
const MESSAGE_NOTICE: &str = include_str!("fixtures/user_center_message_notice.json");
const MESSAGE_LIST: &str = include_str!("fixtures/user_center_message_list.json");
const MESSAGE_CHAT_LIST: &str = include_str!("fixtures/user_center_message_chat_list.json");
const USER_INFO: &str = include_str!("fixtures/user_center_user_info.json");
const USER_LEVELS: &str = include_str!("fixtures/user_center_user_levels.json");
const EXP_RULE: &str = include_str!("fixtures/user_center_exp_rule.json");
/// callbackPc and redirectToWxCode: a bare object, no envelope.
const BARE_OBJECT: &str = "{}";
/// getXcxAccessToken and index: a bare JSON string, no envelope.
const BARE_STRING: &str = r#""string""#;

/// Answers `verb route` with `answer`; anything else gets the support module's loud 599.
async fn serve(server: &MockServer, verb: &str, route: &str, answer: &str) {
    Mock::given(method(verb))
        .and(path(route))
        .respond_with(ResponseTemplate::new(200).set_body_string(answer))
        .mount(server)
        .await;
}

/// What every family-B request shares: its method and path, the bearer token exactly when
/// one is expected, and no body (parameters travel in the query, also for POST).
fn assert_sent(request: &Request, verb: &str, route: &str, token: Option<&str>) {
    assert_eq!(request.method.as_str(), verb);
    assert_eq!(request.url.path(), route);
    let bearer = token.map(|token| format!("Bearer {token}"));
    assert_eq!(header(request, "authorization"), bearer.as_deref());
    assert!(request.body.is_empty(), "family B sends no body");
}

fn pairs(expected: &[(&str, &str)]) -> Vec<(String, String)> {
    expected
        .iter()
        .map(|(name, value)| ((*name).to_owned(), (*value).to_owned()))
        .collect()
}

/// A complete home address, as the add screen fills it in.
fn home_address() -> AddressFields {
    AddressFields {
        ud_address: Some("世纪大道100号 15楼".into()),
        ud_city: Some("上海市".into()),
        ud_city_id: Some(310100),
        ud_county: Some("浦东新区".into()),
        ud_county_id: Some(310115),
        ud_intl: Some("+86".into()),
        ud_is_default: Some(true),
        ud_latitude: Some(31.2304),
        ud_longitude: Some(121.4737),
        ud_mobile: Some("13429837442".into()),
        ud_name: Some("张三".into()),
        ud_postalcode: Some("200120".into()),
        ud_province: Some("上海".into()),
        ud_province_id: Some(310000),
        ud_tag_name: Some(AddressTag::Home),
        ud_telephone: Some("021-55551234".into()),
        ud_time: None,
        user_id: None,
    }
}

/// [`home_address`] on the wire.
const HOME_ADDRESS_QUERY: &[(&str, &str)] = &[
    ("udAddress", "世纪大道100号 15楼"),
    ("udCity", "上海市"),
    ("udCityId", "310100"),
    ("udCounty", "浦东新区"),
    ("udCountyId", "310115"),
    ("udIntl", "+86"),
    ("udIsDefault", "1"),
    ("udLatitude", "31.2304"),
    ("udLongitude", "121.4737"),
    ("udMobile", "13429837442"),
    ("udName", "张三"),
    ("udPostalcode", "200120"),
    ("udProvince", "上海"),
    ("udProvinceId", "310000"),
    ("udTagName", "1001"),
    ("udTelephone", "021-55551234"),
];

fn assert_seed_address(page: &Page<Address>) {
    assert_eq!(page.items.len(), 1);
    let address = &page.items[0];
    assert_eq!(address.ud_id, Some(0));
    assert_eq!(address.ud_name.as_deref(), Some("string"));
    assert_eq!(address.ud_is_default, Some(false));
    assert_eq!(address.ud_latitude, Some(0.0));
    assert_eq!(address.ud_time.as_deref(), Some("2019-08-24T14:15:22Z"));
    assert_eq!(address.tag(), None, "\"string\" is no known tag");
    assert_eq!(
        (page.page, page.records, page.size, page.total),
        (Some(0), Some(0), Some(0), Some(0))
    );
}

// ---- addresses (用户地址表) ----

#[tokio::test]
async fn b_address_add_post() {
    let (server, client) = mock_client().await;
    serve(
        &server,
        "POST",
        "/front/account/userDeliveryAddress/add",
        EMPTY,
    )
    .await;

    let answer = client
        .send(&AddressAdd(home_address()), Some(&Secret::new(TOKEN)))
        .await
        .expect("address add");

    let request = only_request(&server).await;
    assert_sent(
        &request,
        "POST",
        "/front/account/userDeliveryAddress/add",
        Some(TOKEN),
    );
    assert_eq!(query(&request), pairs(HOME_ADDRESS_QUERY));
    assert_eq!(answer, json!({}));
}

#[tokio::test]
async fn b_address_get_get() {
    let (server, client) = mock_client().await;
    serve(
        &server,
        "GET",
        "/front/account/userDeliveryAddress/get",
        EMPTY,
    )
    .await;

    let address = client
        .send(&AddressGet { ud_id: 12 }, Some(&Secret::new(TOKEN)))
        .await
        .expect("address get");

    let request = only_request(&server).await;
    assert_sent(
        &request,
        "GET",
        "/front/account/userDeliveryAddress/get",
        Some(TOKEN),
    );
    assert_eq!(query(&request), pairs(&[("ud_id", "12")]));
    // The seed's `data: {}` is an address with nothing filled in.
    let address = address.expect("data is an object");
    assert_eq!(address.ud_id, None);
    assert_eq!(address.ud_name, None);
}

#[tokio::test]
async fn b_address_list_get() {
    let (server, client) = mock_client().await;
    serve(
        &server,
        "GET",
        "/front/account/userDeliveryAddress/list",
        ADDRESS_LIST,
    )
    .await;

    let list = AddressList(AddressQuery {
        list: ListQuery {
            page: Some(1),
            size: Some(20),
            sidx: Some("ud_time".into()),
            sort: Some("desc".into()),
            like_column: Some("ud_name".into()),
            like: Some("张".into()),
            order_sidx: Some("ud_is_default".into()),
            order_sort: Some("desc".into()),
            create_time_start: Some("2024-01-01 00:00:00".into()),
            create_time_end: Some("2024-12-31 23:59:59".into()),
        },
        ud_id: None,
        filter: AddressFields {
            ud_is_default: Some(false),
            ud_tag_name: Some(AddressTag::Company),
            ..AddressFields::default()
        },
    });
    let page = client
        .send(&list, Some(&Secret::new(TOKEN)))
        .await
        .expect("address list");

    let request = only_request(&server).await;
    assert_sent(
        &request,
        "GET",
        "/front/account/userDeliveryAddress/list",
        Some(TOKEN),
    );
    assert_eq!(
        query(&request),
        pairs(&[
            ("createTimeEnd", "2024-12-31 23:59:59"),
            ("createTimeStart", "2024-01-01 00:00:00"),
            ("like[0].column", "ud_name"),
            ("like[0].like", "张"),
            ("order[0].sidx", "ud_is_default"),
            ("order[0].sort", "desc"),
            ("page", "1"),
            ("sidx", "ud_time"),
            ("size", "20"),
            ("sort", "desc"),
            ("udIsDefault", "0"),
            ("udTagName", "1002"),
        ])
    );
    assert_seed_address(&page);
}

#[tokio::test]
async fn b_address_remove_post() {
    let (server, client) = mock_client().await;
    serve(
        &server,
        "POST",
        "/front/account/userDeliveryAddress/remove",
        EMPTY,
    )
    .await;

    let answer = client
        .send(&AddressRemove { ud_id: 12 }, Some(&Secret::new(TOKEN)))
        .await
        .expect("address remove");

    let request = only_request(&server).await;
    assert_sent(
        &request,
        "POST",
        "/front/account/userDeliveryAddress/remove",
        Some(TOKEN),
    );
    assert_eq!(query(&request), pairs(&[("ud_id", "12")]));
    assert_eq!(answer, json!({}));
}

#[tokio::test]
async fn b_address_save_post() {
    let (server, client) = mock_client().await;
    serve(
        &server,
        "POST",
        "/front/account/userDeliveryAddress/save",
        EMPTY,
    )
    .await;

    let edit = AddressSave(AddressEdit {
        ud_id: 12,
        fields: AddressFields {
            ud_is_default: Some(true),
            ud_mobile: Some("13800138000".into()),
            ud_name: Some("李四".into()),
            ..AddressFields::default()
        },
    });
    let answer = client
        .send(&edit, Some(&Secret::new(TOKEN)))
        .await
        .expect("address save");

    let request = only_request(&server).await;
    assert_sent(
        &request,
        "POST",
        "/front/account/userDeliveryAddress/save",
        Some(TOKEN),
    );
    assert_eq!(
        query(&request),
        pairs(&[
            ("udId", "12"),
            ("udIsDefault", "1"),
            ("udMobile", "13800138000"),
            ("udName", "李四"),
        ])
    );
    assert_eq!(answer, json!({}));
}

#[tokio::test]
async fn b_manage_address_add_post() {
    let (server, client) = mock_client().await;
    serve(
        &server,
        "POST",
        "/manage/account/userDeliveryAddress/add",
        EMPTY,
    )
    .await;

    let add = ManageAddressAdd(AddressFields {
        user_id: Some(10001),
        ..home_address()
    });
    let answer = client
        .send(&add, Some(&Secret::new(TOKEN)))
        .await
        .expect("manage address add");

    let request = only_request(&server).await;
    assert_sent(
        &request,
        "POST",
        "/manage/account/userDeliveryAddress/add",
        Some(TOKEN),
    );
    let mut expected = HOME_ADDRESS_QUERY.to_vec();
    expected.push(("userId", "10001"));
    assert_eq!(query(&request), pairs(&expected));
    assert_eq!(answer, json!({}));
}

#[tokio::test]
async fn b_manage_address_edit_post() {
    let (server, client) = mock_client().await;
    serve(
        &server,
        "POST",
        "/manage/account/userDeliveryAddress/edit",
        EMPTY,
    )
    .await;

    let edit = ManageAddressEdit(AddressEdit {
        ud_id: 12,
        fields: AddressFields {
            ud_tag_name: Some(AddressTag::Company),
            user_id: Some(10001),
            ..AddressFields::default()
        },
    });
    let answer = client
        .send(&edit, Some(&Secret::new(TOKEN)))
        .await
        .expect("manage address edit");

    let request = only_request(&server).await;
    assert_sent(
        &request,
        "POST",
        "/manage/account/userDeliveryAddress/edit",
        Some(TOKEN),
    );
    assert_eq!(
        query(&request),
        pairs(&[("udId", "12"), ("udTagName", "1002"), ("userId", "10001")])
    );
    assert_eq!(answer, json!({}));
}

#[tokio::test]
async fn b_manage_address_list_get() {
    let (server, client) = mock_client().await;
    serve(
        &server,
        "GET",
        "/manage/account/userDeliveryAddress/list",
        ADDRESS_LIST,
    )
    .await;

    let list = ManageAddressList(AddressQuery {
        list: ListQuery::page(2, 50),
        ud_id: Some(12),
        filter: AddressFields {
            user_id: Some(10001),
            ..AddressFields::default()
        },
    });
    let page = client
        .send(&list, Some(&Secret::new(TOKEN)))
        .await
        .expect("manage address list");

    let request = only_request(&server).await;
    assert_sent(
        &request,
        "GET",
        "/manage/account/userDeliveryAddress/list",
        Some(TOKEN),
    );
    assert_eq!(
        query(&request),
        pairs(&[
            ("page", "2"),
            ("size", "50"),
            ("udId", "12"),
            ("userId", "10001")
        ])
    );
    assert_seed_address(&page);
}

#[tokio::test]
async fn b_manage_address_remove_post() {
    let (server, client) = mock_client().await;
    serve(
        &server,
        "POST",
        "/manage/account/userDeliveryAddress/remove",
        EMPTY,
    )
    .await;

    let answer = client
        .send(
            &ManageAddressRemove { ud_id: 12 },
            Some(&Secret::new(TOKEN)),
        )
        .await
        .expect("manage address remove");

    let request = only_request(&server).await;
    assert_sent(
        &request,
        "POST",
        "/manage/account/userDeliveryAddress/remove",
        Some(TOKEN),
    );
    assert_eq!(query(&request), pairs(&[("ud_id", "12")]));
    assert_eq!(answer, json!({}));
}

#[tokio::test]
async fn b_manage_address_remove_batch_post() {
    let (server, client) = mock_client().await;
    serve(
        &server,
        "POST",
        "/manage/account/userDeliveryAddress/removeBatch",
        EMPTY,
    )
    .await;

    let batch = ManageAddressRemoveBatch {
        ud_id: vec![3, 4, 5],
    };
    let answer = client
        .send(&batch, Some(&Secret::new(TOKEN)))
        .await
        .expect("manage address remove batch");

    let request = only_request(&server).await;
    assert_sent(
        &request,
        "POST",
        "/manage/account/userDeliveryAddress/removeBatch",
        Some(TOKEN),
    );
    assert_eq!(query(&request), pairs(&[("ud_id", "3,4,5")]));
    assert_eq!(answer, json!({}));
}

// ---- invoices (用户发票管理) ----

#[tokio::test]
async fn b_invoice_add_post() {
    let (server, client) = mock_client().await;
    serve(&server, "POST", "/front/account/userInvoice/add", EMPTY).await;

    let add = InvoiceAdd(InvoiceFields {
        invoice_address: Some("上海市浦东新区世纪大道100号".into()),
        invoice_bankaccount: Some("6222020200112233445".into()),
        invoice_bankname: Some("中国工商银行上海分行".into()),
        invoice_company_code: Some("91310000MA1FL0XX0X".into()),
        invoice_contact_email: Some("finance@example.com".into()),
        invoice_contact_name: Some("王五".into()),
        invoice_content: Some("技术服务费".into()),
        invoice_is_company: Some(true),
        invoice_is_default: Some(false),
        invoice_is_electronic: Some(InvoiceMedium::Electronic),
        invoice_phone: Some("021-55550000".into()),
        invoice_title: Some("上海示例科技有限公司".into()),
        invoice_type: Some(InvoiceType::VatSpecial),
        ..InvoiceFields::default()
    });
    let answer = client
        .send(&add, Some(&Secret::new(TOKEN)))
        .await
        .expect("invoice add");

    let request = only_request(&server).await;
    assert_sent(
        &request,
        "POST",
        "/front/account/userInvoice/add",
        Some(TOKEN),
    );
    assert_eq!(
        query(&request),
        pairs(&[
            ("invoiceAddress", "上海市浦东新区世纪大道100号"),
            ("invoiceBankaccount", "6222020200112233445"),
            ("invoiceBankname", "中国工商银行上海分行"),
            ("invoiceCompanyCode", "91310000MA1FL0XX0X"),
            ("invoiceContactEmail", "finance@example.com"),
            ("invoiceContactName", "王五"),
            ("invoiceContent", "技术服务费"),
            ("invoiceIsCompany", "1"),
            ("invoiceIsDefault", "0"),
            ("invoiceIsElectronic", "1"),
            ("invoicePhone", "021-55550000"),
            ("invoiceTitle", "上海示例科技有限公司"),
            ("invoiceType", "2"),
        ])
    );
    assert_eq!(answer, json!({}));
}

#[tokio::test]
async fn b_invoice_edit_post() {
    let (server, client) = mock_client().await;
    serve(&server, "POST", "/front/account/userInvoice/edit", EMPTY).await;

    let edit = InvoiceEdit {
        user_invoice_id: 7,
        fields: InvoiceFields {
            invoice_contact_address: Some("浦东新区世纪大道100号 15楼".into()),
            invoice_contact_area: Some("上海市 浦东新区".into()),
            invoice_contact_mobile: Some("13429837442".into()),
            invoice_is_company: Some(false),
            invoice_is_electronic: Some(InvoiceMedium::Paper),
            invoice_title: Some("张三".into()),
            invoice_type: Some(InvoiceType::Normal),
            ..InvoiceFields::default()
        },
    };
    let answer = client
        .send(&edit, Some(&Secret::new(TOKEN)))
        .await
        .expect("invoice edit");

    let request = only_request(&server).await;
    assert_sent(
        &request,
        "POST",
        "/front/account/userInvoice/edit",
        Some(TOKEN),
    );
    assert_eq!(
        query(&request),
        pairs(&[
            ("invoiceContactAddress", "浦东新区世纪大道100号 15楼"),
            ("invoiceContactArea", "上海市 浦东新区"),
            ("invoiceContactMobile", "13429837442"),
            ("invoiceIsCompany", "0"),
            ("invoiceIsElectronic", "0"),
            ("invoiceTitle", "张三"),
            ("invoiceType", "1"),
            ("userInvoiceId", "7"),
        ])
    );
    assert_eq!(answer, json!({}));
}

#[tokio::test]
async fn b_invoice_get_get() {
    let (server, client) = mock_client().await;
    serve(&server, "GET", "/front/account/userInvoice/get", EMPTY).await;

    let invoice = client
        .send(
            &InvoiceGet { user_invoice_id: 7 },
            Some(&Secret::new(TOKEN)),
        )
        .await
        .expect("invoice get");

    let request = only_request(&server).await;
    assert_sent(
        &request,
        "GET",
        "/front/account/userInvoice/get",
        Some(TOKEN),
    );
    assert_eq!(query(&request), pairs(&[("user_invoice_id", "7")]));
    let invoice = invoice.expect("data is an object");
    assert_eq!(invoice.user_invoice_id, None);
    assert_eq!(invoice.invoice_title, None);
}

#[tokio::test]
async fn b_invoice_list_get() {
    let (server, client) = mock_client().await;
    serve(
        &server,
        "GET",
        "/front/account/userInvoice/list",
        INVOICE_LIST,
    )
    .await;

    let list = InvoiceList(InvoiceQuery {
        list: ListQuery::page(1, 10),
        user_invoice_id: None,
        filter: InvoiceFields {
            invoice_type: Some(InvoiceType::Normal),
            ..InvoiceFields::default()
        },
    });
    let page = client
        .send(&list, Some(&Secret::new(TOKEN)))
        .await
        .expect("invoice list");

    let request = only_request(&server).await;
    assert_sent(
        &request,
        "GET",
        "/front/account/userInvoice/list",
        Some(TOKEN),
    );
    assert_eq!(
        query(&request),
        pairs(&[("invoiceType", "1"), ("page", "1"), ("size", "10")])
    );
    assert_eq!(page.items.len(), 1);
    let invoice = &page.items[0];
    assert_eq!(invoice.user_invoice_id, Some(0));
    assert_eq!(invoice.invoice_title.as_deref(), Some("string"));
    assert_eq!(invoice.invoice_is_company, Some(false));
    assert_eq!(invoice.invoice_is_electronic, Some(0));
    assert_eq!(
        invoice.invoice_datetime.as_deref(),
        Some("2019-08-24T14:15:22Z")
    );
    assert_eq!(page.total, Some(0));
}

#[tokio::test]
async fn b_invoice_remove_post() {
    let (server, client) = mock_client().await;
    serve(&server, "POST", "/front/account/userInvoice/remove", EMPTY).await;

    let answer = client
        .send(
            &InvoiceRemove { user_invoice_id: 7 },
            Some(&Secret::new(TOKEN)),
        )
        .await
        .expect("invoice remove");

    let request = only_request(&server).await;
    assert_sent(
        &request,
        "POST",
        "/front/account/userInvoice/remove",
        Some(TOKEN),
    );
    assert_eq!(query(&request), pairs(&[("user_invoice_id", "7")]));
    assert_eq!(answer, json!({}));
}

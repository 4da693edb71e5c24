//! The client's own cost per call, without the network: build a login request, pass it through
//! an in-process transport that answers with the seed's login response, decode the customer.

// A benchmark that cannot set up has nothing to measure: failing loudly is right.
#![allow(clippy::expect_used)]

use criterion::{Criterion, criterion_group, criterion_main};
use lcs_api::customer::{Device, Login, LoginType};
use lcs_api::{
    Client, ClientConfig, HttpRequest, HttpResponse, Secret, Transport, TransportError,
    password_md5,
};

const LOGIN_ANSWER: &[u8] = include_bytes!("../tests/fixtures/customer_login.json");

struct InProcess;

impl Transport for InProcess {
    async fn execute(&self, request: HttpRequest) -> Result<HttpResponse, TransportError> {
        std::hint::black_box(request);
        Ok(HttpResponse {
            status: 200,
            body: LOGIN_ANSWER.to_vec(),
        })
    }
}

fn login_call(c: &mut Criterion) {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .expect("runtime");
    let config = ClientConfig::single_host("http://127.0.0.1:9/".parse().expect("url"));
    let client = Client::with_transport(config, InProcess);
    let login = Login {
        login_type: LoginType::Phone,
        phone_area: Some("+86".into()),
        login_name: "13429837442".into(),
        device: Device::current(),
        is_third: false,
        verify_code: None,
        send_token: None,
        login_pwd: Some(password_md5(&Secret::new("secret-pw"))),
        bind_third_user_id: None,
        third_source: None,
        google_code: None,
    };
    c.bench_function("customer.login: build, send in-process, decode", |b| {
        b.iter(|| {
            let customer = runtime
                .block_on(client.send(&login, None))
                .expect("login decodes");
            std::hint::black_box(customer)
        })
    });
}

criterion_group!(benches, login_call);
criterion_main!(benches);

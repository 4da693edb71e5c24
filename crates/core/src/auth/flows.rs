//! Every way into (and out of) a session, per family: sign-in by each method, registration,
//! verification codes, passwords, family A's real/demo switch and demo reset. Inputs come from
//! the UI as plain text and become [`Secret`]s at once; answers are [`PublicSession`]s.
//! One-time tokens the flows need between steps (SMS send tokens, A5's retrieval token) stay
//! here, never in the UI.

use lcs_api::customer::{self, Device, LoginType};
use lcs_api::planner;
use lcs_api::user_center::login as uc;
use lcs_api::{ApiError, Auth as CallAuth, Endpoint, Family, Method, Secret, password_md5};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::{Auth, AuthChange, AuthReason, PublicSession, TradingMode, lock, now_ms};
use crate::environment::{CodeSender, CodeSenderMethod, SANDBOX_SECRET_HEADER};
use crate::error::InputProblem;
use crate::error::{Error, Result};
use crate::phone::PhoneNumber;
use crate::session::{CustomerSession, PlannerSession, StoredSession, UserCenterSession};

/// How a family A customer names their account.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum CustomerLoginName {
    Email,
    Phone,
    CustomerNo,
}

/// Where a verification code goes: a phone number (with its area code) or an e-mail address.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct CodeTarget {
    pub phone_area: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
}

impl CodeTarget {
    /// Whom the code goes to, read once: a phone number wins over an e-mail address.
    fn recipient(&self) -> Result<Recipient> {
        let phone = self.phone.as_deref().filter(|p| !p.trim().is_empty());
        let email = self
            .email
            .as_deref()
            .map(str::trim)
            .filter(|e| !e.is_empty());
        match (phone, email) {
            (Some(phone), _) => Ok(Recipient::Phone(PhoneNumber::parse(
                self.phone_area.as_deref(),
                phone,
            )?)),
            (None, Some(email)) => Ok(Recipient::Email(email.to_lowercase())),
            (None, None) => Err(Error::invalid("phone", InputProblem::PhoneOrEmail)),
        }
    }
}

/// A code's recipient as the flows key its send token: one phone, however its area code was
/// written, or one e-mail address, whatever its case.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Recipient {
    Phone(PhoneNumber),
    Email(String),
}

impl Recipient {
    fn email(address: &str) -> Self {
        Recipient::Email(address.trim().to_lowercase())
    }

    fn key(&self) -> String {
        match self {
            Recipient::Phone(phone) => phone.international(),
            Recipient::Email(email) => email.clone(),
        }
    }
}

/// A code was sent; the UI counts down before offering to send another.
#[derive(Debug, Clone, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct CodeSent {
    pub resend_after_seconds: u32,
}

/// The wait before a code may be sent again, as SMS gateways require.
const RESEND_AFTER_SECONDS: u32 = 60;

/// Family A sign-in: with a password, or with a code sent by [`Auth::send_code`].
#[derive(Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct CustomerLogin {
    pub by: CustomerLoginName,
    pub login_name: String,
    pub phone_area: Option<String>,
    pub password: Option<String>,
    pub code: Option<String>,
    pub remember: bool,
}

/// Family A registration by e-mail or phone, proved by a code sent there; it does not sign
/// in (the answer has no token), so the user signs in next.
#[derive(Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct CustomerRegistration {
    pub by: CustomerLoginName,
    pub login_name: String,
    pub phone_area: Option<String>,
    pub code: String,
    pub password: String,
    /// ISO country code the customer lives in (the server requires one).
    pub country: String,
}

/// Family B sign-in with the account and password, or with a phone number and a code.
#[derive(Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct UserCenterLogin {
    pub account: String,
    pub password: Option<String>,
    pub code: Option<String>,
    pub remember: bool,
}

/// Family B registration: an account (mobile or e-mail) proved by a code, and a password.
#[derive(Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct UserCenterRegistration {
    pub account: String,
    pub password: String,
    pub code: String,
    pub remember: bool,
}

/// Family C sign-in with a user name or a phone number.
#[derive(Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct PlannerLogin {
    pub username: Option<String>,
    pub phone: Option<String>,
    pub password: String,
    pub remember: bool,
}

/// Family C registration with a user name, or a phone number and its code, or an e-mail.
#[derive(Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct PlannerRegistration {
    pub username: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub code: Option<String>,
    pub password: String,
}

/// A forgotten password, reset with a code sent to the account's phone (or e-mail for B).
#[derive(Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct PasswordReset {
    pub phone_area: Option<String>,
    pub account: String,
    pub code: String,
    pub new_password: String,
}

/// A password change by the signed-in user.
#[derive(Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct PasswordChange {
    pub old_password: String,
    pub new_password: String,
}

/// A WeChat QR login under way: the picture to show (a data: or https: URL) and how long it
/// works. Its code stays in Rust.
#[derive(Debug, Clone, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct QrLogin {
    pub image: String,
    pub expires_in_seconds: u32,
}

/// Where a WeChat QR login stands.
#[derive(Debug, Clone, Serialize, specta::Type)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum QrPoll {
    /// Not scanned and confirmed yet: ask again in a moment.
    Pending,
    /// Confirmed on the phone: signed in.
    SignedIn { session: PublicSession },
    /// The code expired or was used: show a new one.
    Expired,
}

/// The password rules every form shows before it is sent: long enough, and not only digits
/// or only letters.
pub fn check_new_password(password: &str) -> Result<()> {
    let length = password.chars().count();
    if !(8..=32).contains(&length) {
        return Err(Error::invalid(
            "newPassword",
            InputProblem::LengthOutside { min: 8, max: 32 },
        ));
    }
    let has_letter = password.chars().any(char::is_alphabetic);
    let has_digit = password.chars().any(|c| c.is_ascii_digit());
    if !(has_letter && has_digit) {
        return Err(Error::invalid(
            "newPassword",
            InputProblem::LettersAndDigits,
        ));
    }
    Ok(())
}

impl Auth {
    /// Sends a verification code through the environment's code sender and keeps its send
    /// token for the flow that uses the code.
    pub async fn send_code(&self, target: CodeTarget) -> Result<CodeSent> {
        let Some(sender) = self.code_sender.clone() else {
            return Err(Error::invalid("codeSender", InputProblem::NoCodeSender));
        };
        let recipient = target.recipient()?;
        let body = fill_template(&sender, &recipient)?;
        let sandbox_secret = self.sandbox_secret.clone();
        let answer = match sender.method {
            CodeSenderMethod::Post => {
                self.client
                    .send(
                        &SendCode::<true> {
                            path: sender.path.clone(),
                            sandbox_secret,
                            body,
                        },
                        None,
                    )
                    .await
            }
            CodeSenderMethod::Get => {
                self.client
                    .send(
                        &SendCode::<false> {
                            path: sender.path.clone(),
                            sandbox_secret,
                            body,
                        },
                        None,
                    )
                    .await
            }
        }?;
        if let Some(token) = send_token_of(&answer) {
            lock(&self.send_tokens).insert(recipient.key(), token);
        }
        Ok(CodeSent {
            resend_after_seconds: RESEND_AFTER_SECONDS,
        })
    }

    /// The send token of the last code sent to `recipient`; without one the user is asked to
    /// send a code first.
    fn send_token(&self, recipient: &Recipient) -> Result<Secret> {
        lock(&self.send_tokens)
            .get(&recipient.key())
            .cloned()
            .ok_or_else(|| Error::invalid("code", InputProblem::SendCodeFirst))
    }

    /// The send token of the last code sent to `phone`.
    pub(crate) fn phone_send_token(&self, phone: &PhoneNumber) -> Result<Secret> {
        self.send_token(&Recipient::Phone(phone.clone()))
    }

    /// A1: family A sign-in by e-mail, phone or customer number, with a password or a code.
    pub async fn customer_login(&self, input: CustomerLogin) -> Result<PublicSession> {
        let login_name = required("loginName", &input.login_name)?;
        let phone = match input.by {
            CustomerLoginName::Phone => Some(PhoneNumber::parse(
                input.phone_area.as_deref(),
                &login_name,
            )?),
            _ => None,
        };
        let mut login = customer::Login {
            login_type: match input.by {
                CustomerLoginName::Email => LoginType::Email,
                CustomerLoginName::Phone => LoginType::Phone,
                CustomerLoginName::CustomerNo => LoginType::CustomerNo,
            },
            phone_area: phone.as_ref().map(PhoneNumber::area_with_plus),
            login_name: phone
                .as_ref()
                .map_or_else(|| login_name.clone(), |p| p.number().to_owned()),
            device: Device::current(),
            is_third: false,
            verify_code: None,
            send_token: None,
            login_pwd: None,
            bind_third_user_id: None,
            third_source: None,
            google_code: None,
        };
        match (
            input.password.filter(|p| !p.is_empty()),
            input.code.filter(|c| !c.trim().is_empty()),
        ) {
            (Some(password), _) => login.login_pwd = Some(password_md5(&Secret::new(password))),
            (None, Some(code)) => {
                let recipient = match phone {
                    Some(phone) => Recipient::Phone(phone),
                    None => Recipient::email(&login_name),
                };
                let send_token = self.send_token(&recipient)?;
                login.verify_code = Some(Secret::new(code.trim()));
                login.send_token = Some(send_token);
            }
            (None, None) => {
                return Err(Error::invalid("password", InputProblem::PasswordOrCode));
            }
        }
        let answer = self.client.send(&login, None).await?;
        self.sign_in_customer(answer, login_name, input.remember)
            .await
    }

    async fn sign_in_customer(
        &self,
        answer: customer::Customer,
        label: String,
        remember: bool,
    ) -> Result<PublicSession> {
        let token = answer
            .token
            .clone()
            .filter(|t| !t.is_empty())
            .ok_or_else(|| missing("token"))?;
        let customer_id = answer.id.ok_or_else(|| missing("id"))?;
        let session = CustomerSession {
            token,
            r_token: answer.r_token.clone().unwrap_or_default(),
            customer_id,
            label,
            mode: Some(TradingMode::from_company_type(
                answer.company_type.as_deref(),
            )),
        };
        let account = customer_id.to_string();
        let mut public_answer = answer;
        public_answer.token = None;
        public_answer.r_token = None;
        self.listener.customer_answered(&account, &public_answer);
        Ok(self
            .sign_in(StoredSession::Customer(session), account, remember)
            .await)
    }

    /// A2: registers a customer; answers the new customer number.
    pub async fn customer_register(&self, input: CustomerRegistration) -> Result<String> {
        let login_name = required("loginName", &input.login_name)?;
        let country = required("country", &input.country)?;
        check_new_password(&input.password)?;
        let (register_type, recipient) = match input.by {
            CustomerLoginName::Email => (LoginType::Email, Recipient::email(&login_name)),
            CustomerLoginName::Phone => (
                LoginType::Phone,
                Recipient::Phone(PhoneNumber::parse(
                    input.phone_area.as_deref(),
                    &login_name,
                )?),
            ),
            CustomerLoginName::CustomerNo => {
                return Err(Error::invalid("by", InputProblem::PhoneOrEmail));
            }
        };
        let send_token = self.send_token(&recipient)?;
        let (login_name, phone_area) = match &recipient {
            Recipient::Phone(phone) => (phone.number().to_owned(), Some(phone.area_with_plus())),
            Recipient::Email(_) => (login_name, None),
        };
        let answer = self
            .client
            .send(
                &customer::Register {
                    forwarded_for: String::new(),
                    country,
                    lang: None,
                    login_name,
                    phone_area,
                    register_type,
                    register_device: None,
                    verify_code: Secret::new(input.code.trim()),
                    send_token,
                    register_source: Device::current(),
                    utm_source: None,
                    utm_medium: None,
                    utm_campaign: None,
                    utm_content: None,
                    utm_term: None,
                    customer_group_id: None,
                    trade_type_currency_list: Vec::new(),
                    open_account_type: None,
                    pwd: Some(password_md5(&Secret::new(input.password))),
                    third_server_code: None,
                    third_server_source: None,
                },
                None,
            )
            .await?;
        answer.customer_no.ok_or_else(|| missing("customerNo"))
    }

    /// A4: whether a phone number can still register a customer; the server's reason if not.
    pub async fn customer_check_phone(
        &self,
        phone_area: Option<String>,
        phone: String,
    ) -> Result<()> {
        let phone = PhoneNumber::parse(phone_area.as_deref(), &phone)?;
        self.client
            .send(
                &customer::CheckPhone {
                    phone: phone.number().to_owned(),
                    phone_area: phone.area_with_plus(),
                },
                None,
            )
            .await?;
        Ok(())
    }

    /// C7: whether a phone number is valid and still free for a planner account.
    pub async fn planner_check_phone(&self, phone: String) -> Result<()> {
        let phonenumber = PhoneNumber::parse(None, &phone)?.number().to_owned();
        let authorizationcode = self.authorization_code().await?;
        self.client
            .send(
                &planner::CheckPhonenumber {
                    authorizationcode,
                    phonenumber,
                },
                None,
            )
            .await?;
        Ok(())
    }

    /// B: the privacy policy the registration pages show and the user accepts.
    pub async fn privacy_protocol(&self) -> Result<String> {
        let document = self.client.send(&uc::Protocol::default(), None).await?;
        document.document.ok_or_else(|| missing("document"))
    }

    /// A5: step 1 of a forgotten family A password: the phone and its code. The token for
    /// step 2 stays here.
    pub async fn customer_check_retrieval(
        &self,
        phone_area: Option<String>,
        phone: String,
        code: String,
    ) -> Result<()> {
        let phone = PhoneNumber::parse(phone_area.as_deref(), &phone)?;
        let phone_area = phone.area_with_plus();
        let number = phone.number().to_owned();
        let send_token = self.send_token(&Recipient::Phone(phone))?;
        let answer = self
            .client
            .send(
                &customer::CheckPhoneForRetriedLoginPwd {
                    phone: number,
                    phone_area,
                    sms_verify_code: Secret::new(code.trim()),
                    sms_send_token: send_token,
                },
                None,
            )
            .await?;
        let token = answer.token.ok_or_else(|| missing("token"))?;
        *lock(&self.retrieval_token) = Some(token);
        Ok(())
    }

    /// A6: step 2: the new password, with the token of step 1 (used once).
    pub async fn customer_retrieve_password(&self, new_password: String) -> Result<()> {
        check_new_password(&new_password)?;
        let token = lock(&self.retrieval_token)
            .take()
            .ok_or_else(|| Error::invalid("code", InputProblem::VerifyPhoneFirst))?;
        self.client
            .send(
                &customer::RetrieveLoginPwd {
                    token,
                    login_pwd: password_md5(&Secret::new(new_password)),
                },
                None,
            )
            .await?;
        Ok(())
    }

    /// A7: the first password of an account created without one (signed in by code); the
    /// answer signs the customer in again with fresh tokens.
    pub async fn customer_first_password(&self, password: String) -> Result<PublicSession> {
        check_new_password(&password)?;
        let held = self
            .held(Family::Customer)
            .ok_or_else(|| Error::Api(unauthorized(Family::Customer)))?;
        let StoredSession::Customer(current) = &held.stored else {
            return Err(Error::Api(unauthorized(Family::Customer)));
        };
        let answer = self
            .client
            .send(
                &customer::FirstSetLoginPwd {
                    device: Device::current(),
                    token: current.token.clone(),
                    login_pwd: password_md5(&Secret::new(password)),
                },
                None,
            )
            .await?;
        self.sign_in_customer(answer, current.label.clone(), held.public.persisted)
            .await
    }

    /// A10: a one-time token handed over by another system, exchanged for a session. The
    /// answer names no customer, so the session's account is `exchanged`.
    pub async fn customer_exchange(
        &self,
        temporary_token: String,
        remember: bool,
    ) -> Result<PublicSession> {
        let temporary = Secret::new(required("token", &temporary_token)?);
        let token = self
            .client
            .send(&customer::RandomKey, Some(&temporary))
            .await?;
        let session = CustomerSession {
            token,
            r_token: Secret::default(),
            customer_id: 0,
            label: String::new(),
            mode: Some(TradingMode::Real),
        };
        Ok(self
            .sign_in(
                StoredSession::Customer(session),
                "exchanged".into(),
                remember,
            )
            .await)
    }

    /// A8: moves the customer between the real and the demo trading account.
    pub async fn customer_switch_mode(&self) -> Result<PublicSession> {
        self.customer(&customer::SwitchAccount).await?;
        let (public, stored) = {
            let mut signed = lock(&self.signed);
            signed.generation += 1;
            let held = signed
                .customer
                .as_mut()
                .ok_or_else(|| Error::Api(unauthorized(Family::Customer)))?;
            let StoredSession::Customer(session) = &mut held.stored else {
                return Err(Error::Api(unauthorized(Family::Customer)));
            };
            let mode = session.mode.unwrap_or(TradingMode::Real).other();
            session.mode = Some(mode);
            held.public.mode = Some(mode);
            (held.public.clone(), held.stored.clone())
        };
        if public.persisted {
            self.persist(&public.account, &stored).await;
        }
        self.emit(
            AuthChange::Switched,
            Some(AuthReason::Switch),
            Family::Customer,
            &public.account,
            Some(public.clone()),
        );
        Ok(public)
    }

    /// A9: the demo account back to its opening balance.
    pub async fn customer_reset_demo(&self) -> Result<()> {
        self.customer(&customer::ResetAccount).await.map(drop)
    }

    /// B: sign-in with the password, or with a code sent to the mobile number or e-mail.
    pub async fn user_center_login(&self, input: UserCenterLogin) -> Result<PublicSession> {
        let account = required("account", &input.account)?;
        let password = input.password.filter(|p| !p.is_empty());
        let code = input
            .code
            .map(|c| c.trim().to_owned())
            .filter(|c| !c.is_empty());
        let answer = match (password, code) {
            (Some(password), _) => {
                self.client
                    .send(
                        &uc::LoginPost(uc::LoginParams {
                            encrypt: Some(false),
                            password: Some(Secret::new(password)),
                            user_account: Some(account.clone()),
                            ..Default::default()
                        }),
                        None,
                    )
                    .await?
            }
            (None, Some(code)) => {
                self.client
                    .send(
                        &uc::DoSmsLoginPost(uc::AccountForm {
                            bind_type: Some(bind_type(&account)),
                            user_account: Some(account.clone()),
                            verify_code: Some(Secret::new(code)),
                            verify_key: Some(self.verify_key(&account)?),
                            ..Default::default()
                        }),
                        None,
                    )
                    .await?
            }
            (None, None) => {
                return Err(Error::invalid("password", InputProblem::PasswordOrCode));
            }
        };
        self.sign_in_user_center(answer, account, input.remember)
            .await
    }

    /// B: registration, which signs the new user in.
    pub async fn user_center_register(
        &self,
        input: UserCenterRegistration,
    ) -> Result<PublicSession> {
        let account = required("account", &input.account)?;
        check_new_password(&input.password)?;
        let answer = self
            .client
            .send(
                &uc::RegisterPost(uc::AccountForm {
                    bind_type: Some(bind_type(&account)),
                    encrypt: Some(false),
                    password: Some(Secret::new(input.password)),
                    user_account: Some(account.clone()),
                    verify_code: Some(Secret::new(input.code.trim())),
                    verify_key: Some(self.verify_key(&account)?),
                }),
                None,
            )
            .await?;
        self.sign_in_user_center(answer, account, input.remember)
            .await
    }

    /// B: a forgotten password, reset with a code sent to the account.
    pub async fn user_center_reset_password(&self, input: PasswordReset) -> Result<()> {
        let account = required("account", &input.account)?;
        check_new_password(&input.new_password)?;
        self.client
            .send(
                &uc::SetNewPasswordPost(uc::NewPasswordParams {
                    bind_type: Some(bind_type(&account)),
                    encrypt: Some(false),
                    password: Some(Secret::new(input.new_password)),
                    verify_code: Some(Secret::new(input.code.trim())),
                    verify_key: Some(self.verify_key(&account)?),
                    ..Default::default()
                }),
                None,
            )
            .await?;
        Ok(())
    }

    async fn sign_in_user_center(
        &self,
        answer: uc::SignedIn,
        label: String,
        remember: bool,
    ) -> Result<PublicSession> {
        let token = answer.token.ok_or_else(|| missing("token"))?;
        let user_id = answer.user_id.ok_or_else(|| missing("user_id"))?;
        let session = UserCenterSession {
            token,
            user_id,
            label,
        };
        Ok(self
            .sign_in(
                StoredSession::UserCenter(session),
                user_id.to_string(),
                remember,
            )
            .await)
    }

    /// B's `verifyKey` (验证码KEY): the send token of the code sent to `account`, an e-mail
    /// address or a mobile number (B has no area-code parameter, so [`crate::phone::DEFAULT_AREA`]'s).
    fn verify_key(&self, account: &str) -> Result<String> {
        let recipient = if account.contains('@') {
            Recipient::email(account)
        } else {
            Recipient::Phone(PhoneNumber::parse(None, account)?)
        };
        Ok(self.send_token(&recipient)?.expose().to_owned())
    }

    /// B: a WeChat QR login (getQrCode); the UI shows the picture and polls
    /// [`Auth::wechat_qr_poll`].
    pub async fn wechat_qr_start(&self) -> Result<QrLogin> {
        let answer = self
            .client
            .send(&lcs_api::user_center::wechat::WechatGetQrCode, None)
            .await?;
        let text = |key: &str| answer.get(key).and_then(Value::as_str).map(str::to_owned);
        let code = text("code").ok_or_else(|| missing("code"))?;
        let image = text("qr_image")
            .or_else(|| text("qr_url"))
            .ok_or_else(|| missing("qr_image"))?;
        let expires_in_seconds = answer
            .get("expires_in")
            .and_then(Value::as_u64)
            .map_or(300, |seconds| u32::try_from(seconds).unwrap_or(u32::MAX));
        *lock(&self.qr_code) = Some(Secret::new(code));
        Ok(QrLogin {
            image,
            expires_in_seconds,
        })
    }

    /// B: whether the QR code was confirmed (checkAppLogin); once it is, the user is signed in.
    pub async fn wechat_qr_poll(&self, remember: bool) -> Result<QrPoll> {
        let Some(code) = lock(&self.qr_code).clone() else {
            return Ok(QrPoll::Expired);
        };
        let answer = match self
            .client
            .send(
                &lcs_api::user_center::wechat::WechatCheckAppLogin { code },
                None,
            )
            .await
        {
            Ok(answer) => answer,
            Err(ApiError::Business { .. }) => {
                *lock(&self.qr_code) = None;
                return Ok(QrPoll::Expired);
            }
            Err(error) => return Err(error.into()),
        };
        if answer.get("status").and_then(Value::as_str) != Some("confirmed") {
            return Ok(QrPoll::Pending);
        }
        *lock(&self.qr_code) = None;
        let signed: uc::SignedIn = serde_json::from_value(answer).map_err(|error| {
            Error::invalid(
                "token",
                InputProblem::Unusable {
                    detail: format!("the answer is not a session: {error}"),
                },
            )
        })?;
        let label = match &signed.token {
            Some(token) => self.wechat_label(token).await,
            None => String::new(),
        };
        let session = self.sign_in_user_center(signed, label, remember).await?;
        Ok(QrPoll::SignedIn { session })
    }

    /// WeChat's answer names no one, so the profile does: its nickname, else its account, else
    /// "WeChat user" in the user's language when the profile cannot be read.
    async fn wechat_label(&self, token: &Secret) -> String {
        let profile = self
            .client
            .send(&lcs_api::user_center::user::UserInfo, Some(token))
            .await
            .ok();
        let named = |name: Option<String>| name.filter(|name| !name.trim().is_empty());
        profile
            .and_then(|p| named(p.user_nickname).or_else(|| named(p.user_account)))
            .unwrap_or_else(|| match self.client.lang() {
                lcs_api::Lang::ZhCn => "微信用户".to_owned(),
                lcs_api::Lang::EnUs => "WeChat user".to_owned(),
            })
    }

    /// C1: sign-in with a user name or a phone number, after C5's authorization code.
    pub async fn planner_login(&self, input: PlannerLogin) -> Result<PublicSession> {
        let username = input
            .username
            .map(|u| u.trim().to_owned())
            .filter(|u| !u.is_empty());
        let phone = planner_phone(input.phone.as_deref())?;
        let label = username
            .clone()
            .or_else(|| phone.clone())
            .ok_or_else(|| Error::invalid("username", InputProblem::UsernameOrPhone))?;
        if input.password.is_empty() {
            return Err(Error::invalid("password", InputProblem::Required));
        }
        let authorizationcode = self.authorization_code().await?;
        let tokens = self
            .client
            .send(
                &planner::Login {
                    username,
                    password: Secret::new(input.password),
                    phonenumber: phone,
                    authorizationcode,
                },
                None,
            )
            .await?;
        let mut session = PlannerSession::from_tokens(tokens, now_ms())?;
        session.label = label;
        let uid = session.uid.clone();
        Ok(self
            .sign_in(StoredSession::Planner(session), uid, input.remember)
            .await)
    }

    /// C2: registration. It does not sign in; the user signs in next.
    pub async fn planner_register(&self, input: PlannerRegistration) -> Result<()> {
        check_new_password(&input.password)?;
        let nonempty =
            |value: Option<String>| value.map(|v| v.trim().to_owned()).filter(|v| !v.is_empty());
        let (username, phone, email) = (
            nonempty(input.username),
            planner_phone(input.phone.as_deref())?,
            nonempty(input.email),
        );
        if username.is_none() && phone.is_none() && email.is_none() {
            return Err(Error::invalid(
                "username",
                InputProblem::UsernamePhoneOrEmail,
            ));
        }
        let authorizationcode = self.authorization_code().await?;
        self.client
            .send(
                &planner::Register {
                    authorizationcode,
                    data: None,
                    mailaddress: email,
                    password: Secret::new(input.password),
                    phonenumber: phone,
                    registersource: None,
                    username,
                    verificationcode: nonempty(input.code).map(Secret::new),
                },
                None,
            )
            .await?;
        Ok(())
    }

    /// C3: the signed-in user's new password.
    pub async fn planner_change_password(&self, input: PasswordChange) -> Result<()> {
        check_new_password(&input.new_password)?;
        let authorizationcode = self.authorization_code().await?;
        self.planner(&planner::ChangePassword {
            authorizationcode,
            newpassword: Secret::new(input.new_password),
            oldpassword: Secret::new(input.old_password),
        })
        .await
        .map(drop)
    }

    /// C8: a forgotten password, reset with a code sent to the phone.
    pub async fn planner_reset_password(&self, input: PasswordReset) -> Result<()> {
        check_new_password(&input.new_password)?;
        let phonenumber = PhoneNumber::parse(None, &input.account)?
            .number()
            .to_owned();
        let authorizationcode = self.authorization_code().await?;
        self.client
            .send(
                &planner::ForgetPassword {
                    authorizationcode,
                    newpassword: Secret::new(input.new_password),
                    phonenumber,
                    verificationcode: Secret::new(input.code.trim()),
                },
                None,
            )
            .await?;
        Ok(())
    }

    /// C5: the authorization code the other calls take, for the environment's client.
    async fn authorization_code(&self) -> Result<Secret> {
        let Some((client_id, client_secret)) = self.planner_client.clone() else {
            return Err(Error::invalid(
                "plannerClientId",
                InputProblem::NoPlannerClient,
            ));
        };
        let answer = self
            .client
            .send(
                &planner::GetAuthorizationCode {
                    client_id,
                    client_secret,
                    redirect_uri: "lcs://oauth".into(),
                    response_type: "code".into(),
                    scope: "account".into(),
                },
                None,
            )
            .await?;
        answer
            .authorizationcode
            .ok_or_else(|| missing("authorizationcode"))
    }

    /// The user signs out of `family`: the server is told where the family has a logout call
    /// (B), but a server that cannot be reached does not keep anyone signed in. The session
    /// ends here first: a call that meets the token the logout ended must not sign the user out
    /// a second time, as expired.
    pub async fn sign_out_user(&self, family: Family) {
        let token = self.token(family);
        self.sign_out(family, AuthReason::User).await;
        if family == Family::UserCenter
            && let Some(token) = token
        {
            let logout = self
                .client
                .send(&uc::LogoutPost(uc::LoginParams::default()), Some(&token))
                .await;
            if let Err(error) = logout {
                tracing::info!(%error, "the user centre did not confirm the logout");
            }
        }
    }
}

fn bind_type(account: &str) -> i64 {
    if account.contains('@') { 2 } else { 1 }
}

/// C's `phonenumber`, when one was typed: the number alone, C having no area-code parameter.
fn planner_phone(typed: Option<&str>) -> Result<Option<String>> {
    match typed.map(str::trim).filter(|p| !p.is_empty()) {
        Some(typed) => Ok(Some(PhoneNumber::parse(None, typed)?.number().to_owned())),
        None => Ok(None),
    }
}

fn required(field: &'static str, value: &str) -> Result<String> {
    let value = value.trim();
    if value.is_empty() {
        return Err(Error::invalid(field, InputProblem::Required));
    }
    Ok(value.to_owned())
}

fn missing(field: &'static str) -> Error {
    Error::invalid(field, InputProblem::MissingFromAnswer)
}

fn unauthorized(family: Family) -> ApiError {
    ApiError::Unauthorized {
        family,
        trace: String::new(),
    }
}

/// The environment's code-sending call: its path and the body filled from its template, and
/// for the built-in sandbox (whose code sender is one of its helpers) the run's secret.
#[derive(Serialize)]
struct SendCode<const POST: bool> {
    #[serde(skip)]
    path: String,
    #[serde(skip)]
    sandbox_secret: Option<Secret>,
    #[serde(flatten)]
    body: Map<String, Value>,
}

impl<const POST: bool> Endpoint for SendCode<POST> {
    const FAMILY: Family = Family::Customer;
    const METHOD: Method = if POST { Method::Post } else { Method::Get };
    const PATH: &'static str = "";
    const AUTH: CallAuth = CallAuth::Guest;
    const NAME: &'static str = "environment.send_code";
    type Output = Value;
    // Not one of the documented calls: its answer is read as it comes.
    const BARE: bool = true;

    fn path(&self, _config: &lcs_api::ClientConfig) -> String {
        self.path.clone()
    }

    /// The secret header's name marks it as one: the request inspector shows it redacted.
    fn extra_headers(&self) -> Vec<(&'static str, String)> {
        self.sandbox_secret
            .iter()
            .map(|secret| (SANDBOX_SECRET_HEADER, secret.expose().to_owned()))
            .collect()
    }
}

/// The template's placeholders replaced by the target's values (whole strings only, so a
/// value can never inject JSON).
fn fill_template(sender: &CodeSender, recipient: &Recipient) -> Result<Map<String, Value>> {
    let template: Value = serde_json::from_str(&sender.body).map_err(|error| {
        Error::invalid(
            "codeSender",
            InputProblem::NotJson {
                detail: error.to_string(),
            },
        )
    })?;
    let Value::Object(template) = template else {
        return Err(Error::invalid("codeSender", InputProblem::NotJsonObject));
    };
    let (area, phone, email) = match recipient {
        Recipient::Phone(phone) => (phone.area_with_plus(), phone.number(), ""),
        Recipient::Email(email) => (String::new(), "", email.as_str()),
    };
    let fill = |text: &str| -> String {
        text.replace("{{phoneArea}}", &area)
            .replace("{{phone}}", phone)
            .replace("{{email}}", email)
    };
    Ok(template
        .into_iter()
        .filter_map(|(key, value)| match value {
            Value::String(text) => {
                let filled = fill(&text);
                (!filled.is_empty()).then_some((key, Value::String(filled)))
            }
            other => Some((key, other)),
        })
        .collect())
}

/// `sendToken` at the top of the answer or in its `data`, as a string or a number.
fn send_token_of(answer: &Value) -> Option<Secret> {
    [
        answer.get("sendToken"),
        answer.get("data").and_then(|d| d.get("sendToken")),
    ]
    .into_iter()
    .flatten()
    .find_map(|value| match value {
        Value::String(text) if !text.is_empty() => Some(Secret::new(text.clone())),
        Value::Number(number) => Some(Secret::new(number.to_string())),
        _ => None,
    })
}

//! The backend environments the app can talk to: two built in (the embedded sandbox and
//! pre-production) and any number the user adds. One is chosen at a time; the choice and the
//! user's environments are kept in the settings file.

mod distribution;
mod file;
mod platform;

use serde::{Deserialize, Serialize};

use crate::error::InputProblem;
use crate::error::{Error, Result};
use crate::language::Language;
use crate::origins::{H5Origin, is_loopback};

pub use distribution::Distribution;
pub use file::{
    EnvironmentImport, EnvironmentImportPlan, EnvironmentReplacement, FILE_FORMAT, FILE_VERSION,
    read_environments_file,
};
pub use platform::{PlannerCommon, TargetOs, version_code};

pub(crate) use file::EnvironmentsFile;

/// The OS this build runs on, for family C's common parameters.
const THIS_OS: TargetOs = if cfg!(target_os = "android") {
    TargetOs::Android
} else if cfg!(target_os = "ios") {
    TargetOs::Ios
} else {
    TargetOs::Desktop
};

/// The embedded sandbox's id: the default environment.
pub const SANDBOX_ID: &str = "sandbox";
/// The header the built-in sandbox's helpers (its code sender among them) read the secret of
/// the run from, which whoever started the sandbox hands to the sandbox environment's
/// sessions ([`crate::auth::Auth::with_sandbox_secret`]).
pub const SANDBOX_SECRET_HEADER: &str = "x-sandbox-secret";
/// The pre-production environment's id.
pub const PREPROD_ID: &str = "preprod";
/// Family A's host in the seeds (`prewppc-3.cmfbl.com`). The seeds name no host for families
/// B and C, so pre-production uses the same one for all three until someone says otherwise.
pub const PREPROD_HOST: &str = "https://prewppc-3.cmfbl.com";

/// Where and how to reach the three backend families, and what the app sends them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase", default)]
pub struct Environment {
    /// Stable and unique; sessions and cached rows will be kept per environment id.
    pub id: String,
    pub name: String,
    /// Family A (customer API). Empty for the sandbox, whose address is known only at run time.
    pub customer_base: String,
    /// Family B (user centre). Empty for the sandbox.
    pub user_center_base: String,
    /// Family C (planner API). Empty for the sandbox.
    pub planner_base: String,
    /// Family A's `companyId` header.
    pub company_id: String,
    /// Family A's `version` header.
    pub api_version: String,
    /// Family C's common parameters; each `None` (`null` in the file) follows the platform
    /// ([`PlannerCommon::of_platform`]), a value overrides it.
    pub platid: Option<String>,
    pub vercode: Option<u32>,
    pub channel: Option<String>,
    /// Family C's refresh call (C10), which the seeds do not document.
    pub planner_refresh_path: String,
    /// How family B's session token travels, which its seed does not say; a file without it
    /// reads as `bearer`.
    pub user_center_token: lcs_api::UserCenterToken,
    /// The call that sends an SMS or e-mail code; without one the user types a code received
    /// by other means.
    pub code_sender: Option<CodeSender>,
    /// Family C's OAuth client, for the authorization code (C5) its calls take.
    pub planner_client_id: String,
    /// Not the user's secret but the app's registration with the planner API, which its
    /// operator hands out with the host.
    pub planner_client_secret: String,
    /// The origins whose H5 pages get the JsBridge, each with its tier; any other page shown
    /// in the app gets none.
    pub h5_origins: Vec<H5Origin>,
    /// Trust the built-in sandbox's demo pages (`/h5/` on the address it listens on, known
    /// only at run time, so it cannot be listed in `h5_origins`).
    pub trust_sandbox_h5: bool,
    /// The language the backends are told (`lang` header for A, `Accept-Language` for B,
    /// C's `lang`); `None` follows the app's language.
    pub lang: Option<Language>,
}

/// An environment's call that sends a verification code (API.md: the seeds document none).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct CodeSender {
    pub method: CodeSenderMethod,
    /// Under the customer API's base URL, starting with `/`.
    pub path: String,
    /// JSON with `{{phoneArea}}`, `{{phone}}` and `{{email}}` placeholders.
    pub body: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "UPPERCASE")]
pub enum CodeSenderMethod {
    Get,
    Post,
}

impl Default for Environment {
    /// The values every family's seeds use, so a new environment needs only its hosts.
    fn default() -> Self {
        Self {
            id: String::new(),
            name: String::new(),
            customer_base: String::new(),
            user_center_base: String::new(),
            planner_base: String::new(),
            company_id: String::new(),
            api_version: "0.0.1".into(),
            platid: None,
            vercode: None,
            channel: None,
            planner_refresh_path: "/srv/v1/refresh".into(),
            user_center_token: lcs_api::UserCenterToken::Bearer,
            code_sender: None,
            planner_client_id: String::new(),
            planner_client_secret: String::new(),
            h5_origins: Vec::new(),
            trust_sandbox_h5: false,
            lang: None,
        }
    }
}

impl Environment {
    /// The embedded sandbox: all three families on the address it listens on.
    pub fn sandbox() -> Self {
        Self {
            id: SANDBOX_ID.into(),
            name: "Sandbox (built-in)".into(),
            company_id: "1".into(),
            code_sender: Some(CodeSender {
                method: CodeSenderMethod::Post,
                path: "/__sandbox/sms".into(),
                body: r#"{"phoneArea":"{{phoneArea}}","phone":"{{phone}}","email":"{{email}}"}"#
                    .into(),
            }),
            planner_client_id: "lcs-account".into(),
            planner_client_secret: "lcs-sandbox-secret".into(),
            trust_sandbox_h5: true,
            ..Self::default()
        }
    }

    /// Pre-production, as the seeds name it. Its `companyId` is not in the seeds: the user
    /// sets it, and until then the environment cannot be used.
    pub fn preprod() -> Self {
        Self {
            id: PREPROD_ID.into(),
            name: "Pre-production".into(),
            customer_base: PREPROD_HOST.into(),
            user_center_base: PREPROD_HOST.into(),
            planner_base: PREPROD_HOST.into(),
            ..Self::default()
        }
    }

    pub fn is_sandbox(&self) -> bool {
        self.id == SANDBOX_ID
    }

    /// The sandbox and pre-production: always offered, never removed.
    pub fn is_built_in(&self) -> bool {
        matches!(self.id.as_str(), SANDBOX_ID | PREPROD_ID)
    }

    /// Checks everything a client needs, naming the first field that is wrong.
    pub fn validate(&self) -> Result<()> {
        let id_ok = !self.id.is_empty()
            && self.id.len() <= 40
            && self
                .id
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_');
        if !id_ok {
            return Err(Error::invalid("id", InputProblem::EnvironmentIdShape));
        }
        if self.name.trim().is_empty() {
            return Err(Error::invalid("name", InputProblem::Required));
        }
        if !self.is_sandbox() {
            parse_base("customerBase", &self.customer_base)?;
            parse_base("userCenterBase", &self.user_center_base)?;
            parse_base("plannerBase", &self.planner_base)?;
        }
        if self.company_id.trim().is_empty() {
            return Err(Error::invalid("companyId", InputProblem::Required));
        }
        if self.api_version.trim().is_empty() {
            return Err(Error::invalid("apiVersion", InputProblem::Required));
        }
        if self.platid.as_deref().is_some_and(|p| p.trim().is_empty()) {
            return Err(Error::invalid("platid", InputProblem::EmptyOverride));
        }
        if self.channel.as_deref().is_some_and(|c| c.trim().is_empty()) {
            return Err(Error::invalid("channel", InputProblem::EmptyOverride));
        }
        check_path("plannerRefreshPath", &self.planner_refresh_path)?;
        for (index, h5) in self.h5_origins.iter().enumerate() {
            if let Err(why) = h5.parse() {
                return Err(Error::InvalidEntry {
                    field: "h5Origins",
                    index,
                    part: "origin",
                    problem: InputProblem::NotOrigin {
                        text: h5.origin.clone(),
                        detail: why.to_string(),
                    },
                });
            }
        }
        if let Some(sender) = &self.code_sender {
            check_path("codeSender.path", &sender.path)?;
            if sender.method == CodeSenderMethod::Post
                && let Err(error) = serde_json::from_str::<serde_json::Value>(&sender.body)
            {
                return Err(Error::invalid(
                    "codeSender.body",
                    InputProblem::NotJson {
                        detail: error.to_string(),
                    },
                ));
            }
        }
        Ok(())
    }

    /// The client configuration for this environment. The sandbox needs the address it runs
    /// on (`Err` with why it is down otherwise); the backends' language is the environment's
    /// own when it has one, else the app's (`language`).
    pub fn client_config(
        &self,
        language: Language,
        sandbox_url: std::result::Result<&str, &str>,
    ) -> Result<lcs_api::ClientConfig> {
        self.validate()?;
        let mut config = if self.is_sandbox() {
            let base = sandbox_url.map_err(|why| {
                Error::invalid(
                    "customerBase",
                    InputProblem::SandboxDown {
                        detail: why.to_owned(),
                    },
                )
            })?;
            lcs_api::ClientConfig::single_host(parse_base("customerBase", base)?)
        } else {
            let mut config = lcs_api::ClientConfig::single_host(parse_base(
                "customerBase",
                &self.customer_base,
            )?);
            config.user_center_base = parse_base("userCenterBase", &self.user_center_base)?;
            config.planner_base = parse_base("plannerBase", &self.planner_base)?;
            config
        };
        config.company_id = self.company_id.clone();
        config.api_version = self.api_version.clone();
        let common = self.planner_common(THIS_OS);
        config.platid = common.platid;
        config.vercode = i64::from(common.vercode);
        config.channel = common.channel;
        config.planner_refresh_path = self.planner_refresh_path.clone();
        config.user_center_token = self.user_center_token;
        config.lang = self.backend_lang(language);
        Ok(config)
    }

    /// Family C's common parameters on `os`: the platform's, with what this environment
    /// overrides.
    pub fn planner_common(&self, os: TargetOs) -> PlannerCommon {
        let platform = PlannerCommon::of_platform(os, env!("CARGO_PKG_VERSION"));
        PlannerCommon {
            platid: self.platid.clone().unwrap_or(platform.platid),
            vercode: self.vercode.unwrap_or(platform.vercode),
            channel: self.channel.clone().unwrap_or(platform.channel),
        }
    }

    /// Who issues `family`'s sessions: the origin of its base URL, or `sandbox` for the
    /// built-in sandbox, whose port changes from run to run while its accounts stay. A kept
    /// session is sent only while its environment still names the issuer it came from.
    pub fn session_issuer(&self, family: lcs_api::Family) -> String {
        if self.is_sandbox() {
            return SANDBOX_ID.to_owned();
        }
        let base = match family {
            lcs_api::Family::Customer => &self.customer_base,
            lcs_api::Family::UserCenter => &self.user_center_base,
            lcs_api::Family::Planner => &self.planner_base,
        };
        url::Url::parse(base.trim())
            .map(|url| url.origin().ascii_serialization())
            .unwrap_or_else(|_| base.trim().to_owned())
    }

    /// The language the backends are told while the app shows `language`: the environment's
    /// own when it has one.
    pub fn backend_lang(&self, language: Language) -> lcs_api::Lang {
        match self.lang.unwrap_or(language) {
            Language::ZhCn => lcs_api::Lang::ZhCn,
            Language::EnUs => lcs_api::Lang::EnUs,
        }
    }
}

/// A base URL must be https with a host (http only on this machine, for local backends), and
/// carry no user name or password, which every request would send along.
fn parse_base(field: &'static str, text: &str) -> Result<url::Url> {
    let url = url::Url::parse(text.trim()).map_err(|error| {
        Error::invalid(
            field,
            InputProblem::NotUrl {
                text: text.to_owned(),
                detail: error.to_string(),
            },
        )
    })?;
    if url.host_str().is_none_or(str::is_empty) {
        return Err(Error::invalid(
            field,
            InputProblem::NoHost {
                text: text.to_owned(),
            },
        ));
    }
    match url.scheme() {
        "https" => {}
        "http" if is_loopback(&url) => {}
        _ => {
            return Err(Error::invalid(
                field,
                InputProblem::HttpsRequired {
                    text: text.to_owned(),
                },
            ));
        }
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err(Error::invalid(field, InputProblem::Credentials));
    }
    Ok(url)
}

/// A path from the settings is joined to a base URL, so it must stay under it: it starts with
/// `/` and has no scheme, authority, backslash or parent segment that a join would follow
/// elsewhere (lcs-api refuses such a request too, whatever reached it).
fn check_path(field: &'static str, path: &str) -> Result<()> {
    if !path.starts_with('/') {
        return Err(Error::invalid(field, InputProblem::PathNotAbsolute));
    }
    let decoded = percent_encoding::percent_decode_str(path).decode_utf8_lossy();
    let refused = [&*decoded, path].into_iter().find_map(|text| {
        if text.contains("//") {
            Some("must not contain '//'")
        } else if text.contains('\\') {
            Some("must not contain '\\'")
        } else if text.contains(':') {
            Some("must not contain ':' (a scheme)")
        } else if text.contains('@') {
            Some("must not contain '@'")
        } else if text.split(['/', '?', '#']).any(|segment| segment == "..") {
            Some("must not contain '..'")
        } else if text.chars().any(|c| c.is_control() || c.is_whitespace()) {
            Some("must not contain spaces or control characters")
        } else {
            None
        }
    });
    match refused {
        Some(why) => Err(Error::invalid(
            field,
            InputProblem::PathLeavesBase {
                path: path.to_owned(),
                detail: why.to_owned(),
            },
        )),
        None => Ok(()),
    }
}

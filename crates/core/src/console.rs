//! Any call made by hand: typed ([`send`], the app's per-call commands) or by its catalog name
//! with its parameters as JSON ([`call`], the command-line client and the API console). The
//! request is built from the call's own type, so bad parameters are refused before anything is
//! sent, naming the parameter; the session token is the family's, through [`Auth`].

use std::future::Future;
use std::pin::Pin;

use lcs_api::catalog::{Call, CallVisitor};
use lcs_api::{Family, Redacted};
use serde_json::{Map, Value};

pub use lcs_api::catalog::{CallInfo, Param, ParamFormat, ParamValue, catalog, find};

use crate::auth::Auth;
use crate::error::InputProblem;
use crate::error::{Error, Result};

type Sending<'a> = Pin<Box<dyn Future<Output = Result<Value>> + Send + 'a>>;

/// Whether the tokens and codes in an answer are shown. The app's windows never show them
/// (its per-call commands answer [`Redacted`] too); a script at the command line may need the
/// code one call answers to send it with the next.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Secrets {
    Redact,
    Show,
}

/// Sends the call named `name` (`customer.login`) with `params`: guest calls without a token,
/// the others through the family's session ([`Auth::customer`], [`Auth::user_center`],
/// [`Auth::planner`], which renews family C's token). Sign-in calls made this way answer the
/// server's answer but sign no one in: the flows in [`crate::auth`] do that.
pub async fn call(
    auth: &Auth,
    name: &str,
    params: Map<String, Value>,
    secrets: Secrets,
) -> Result<Value> {
    let info = find(name).ok_or_else(|| {
        Error::invalid(
            "call",
            InputProblem::UnknownCall {
                name: name.to_owned(),
            },
        )
    })?;
    if let Some(unknown) = params
        .keys()
        .find(|key| !info.params.iter().any(|param| &param.name == *key))
    {
        return Err(invalid_parameter(
            name,
            unknown,
            "not a parameter of this call".into(),
        ));
    }
    // A text parameter typed as a number or a flag (`phone=13800000001` from a command line)
    // is meant as its text.
    let params: Map<String, Value> = params
        .into_iter()
        .map(|(key, value)| {
            let text = info
                .params
                .iter()
                .any(|param| param.name == key && param.json_type == "string");
            match value {
                Value::Number(_) | Value::Bool(_) if text => {
                    (key, Value::String(value.to_string()))
                }
                value => (key, value),
            }
        })
        .collect();
    // A call without parameters is a unit struct, which reads `null` rather than `{}`.
    let params = if info.params.is_empty() {
        Value::Null
    } else {
        Value::Object(params)
    };
    let sending = lcs_api::catalog::visit(
        name,
        Dispatch {
            auth,
            name,
            params,
            secrets,
        },
    )
    .ok_or_else(|| {
        Error::invalid(
            "call",
            InputProblem::UnknownCall {
                name: name.to_owned(),
            },
        )
    })??;
    sending.await
}

fn invalid_parameter(call: &str, parameter: &str, message: String) -> Error {
    Error::InvalidParameter {
        call: call.to_owned(),
        parameter: parameter.to_owned(),
        message,
    }
}

/// Sends `request` as a guest or through the family's session, as its call requires.
pub async fn send<E: Call>(auth: &Auth, request: &E) -> Result<E::Output> {
    Ok(match (E::FAMILY, E::AUTH) {
        (_, lcs_api::Auth::Guest) => auth.client().send(request, None).await?,
        (Family::Customer, _) => auth.customer(request).await?,
        (Family::UserCenter, _) => auth.user_center(request).await?,
        (Family::Planner, _) => auth.planner(request).await?,
    })
}

/// Builds the request of the visited type and sends it.
struct Dispatch<'a> {
    auth: &'a Auth,
    name: &'a str,
    params: Value,
    secrets: Secrets,
}

impl<'a> CallVisitor for Dispatch<'a> {
    type Output = Result<Sending<'a>>;

    fn visit<E: Call>(self) -> Self::Output {
        let request: E = serde_path_to_error::deserialize(self.params).map_err(|error| {
            let message = error.inner().to_string();
            let path = error.path().to_string();
            // A missing field is reported at its parent; its name is in the message.
            let parameter = if path == "." || path.is_empty() {
                message.split('`').nth(1).unwrap_or("?").to_owned()
            } else {
                path
            };
            invalid_parameter(self.name, &parameter, message)
        })?;
        let (auth, secrets) = (self.auth, self.secrets);
        Ok(Box::pin(async move {
            let answer = send(auth, &request).await?;
            let json = match secrets {
                Secrets::Redact => serde_json::to_value(Redacted(answer)),
                Secrets::Show => serde_json::to_value(answer),
            };
            json.map_err(|error| {
                Error::Api(lcs_api::ApiError::Decode {
                    path: E::NAME.to_owned(),
                    message: error.to_string(),
                    snippet: String::new(),
                    trace: String::new(),
                })
            })
        }))
    }
}

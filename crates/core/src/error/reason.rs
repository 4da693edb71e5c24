//! Why an error happened, as data: a stable kind and the parameters its sentence needs. The UI
//! words each reason in the user's language from its own locale files; the error's message
//! stays the technical detail, shown only on request.

use serde::Serialize;

use super::EnvironmentFileError;
use super::navigation::{LinkError, RouteError};

/// What went wrong, one variant per family of [`crate::Error`]; the UI has a sentence for each.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum ErrorReason {
    /// A backend call failed. lcs-api words these itself: `sentence` is already in the
    /// user's language.
    Backend {
        sentence: String,
    },
    /// A local file could not be written (the message names it, in English).
    SaveFailed,
    /// `field` is the wire name (`companyId`), which the UI turns into its label.
    InvalidInput {
        field: String,
        problem: InputProblem,
    },
    /// One row of a list field (`h5Origins[index].part`); `index` counts from 0.
    InvalidEntry {
        field: String,
        index: usize,
        part: String,
        problem: InputProblem,
    },
    /// A parameter of a call made by name in the API console.
    InvalidParameter {
        call: String,
        parameter: String,
    },
    KeychainFailed,
    KeychainEntryTooLarge {
        bytes: usize,
        limit: usize,
    },
    KeychainEntryUnreadable,
    SignInRequired {
        family: lcs_api::Family,
    },
    CacheFailed,
    EnvironmentFile {
        problem: EnvironmentFileError,
    },
    LogFolderUnopenable {
        path: String,
    },
    /// A page cannot be opened (from a page of the app, or an H5 page given by address).
    Route {
        problem: RouteError,
    },
    /// An `lcs://` link opens nothing.
    Link {
        problem: LinkError,
    },
}

/// Why a value cannot be used. The text is the technical detail; the UI words the kind.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize, specta::Type)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum InputProblem {
    #[error("is required")]
    Required,
    /// An optional override left empty rather than left out.
    #[error("empty: leave it out to follow the platform")]
    EmptyOverride,
    #[error("must be at most {max} characters")]
    TooLong { max: usize },
    #[error("must be {min} to {max} characters")]
    LengthOutside { min: usize, max: usize },
    #[error("must not contain control characters")]
    ControlCharacters,
    #[error("must mix letters and digits")]
    LettersAndDigits,
    #[error("must be letters only")]
    LettersOnly,
    #[error("must be {count} digits")]
    Digits { count: usize },
    #[error("is not an e-mail address")]
    NotEmail,
    #[error("must be a date as yyyy-MM-dd")]
    NotDate,
    #[error("must be from 1900 to today")]
    DateOutOfRange,
    #[error("must be 18 characters: 17 digits and a digit or X")]
    IdNumberShape,
    #[error("is not a valid identity card number")]
    IdNumberInvalid,
    #[error("the last character does not match: check the number")]
    IdNumberChecksum,
    #[error("an area code is 1 to 3 digits, written 86, +86 or 0086")]
    AreaCode,
    #[error("a phone number is 5 to 15 digits (spaces and '-' may separate them)")]
    PhoneNumber,
    #[error("is not a mobile number for this area code")]
    NotMobileForArea,
    #[error("is already your mobile number")]
    AlreadyYourNumber,
    #[error("enter a phone number or an e-mail address")]
    PhoneOrEmail,
    #[error("enter a user name or a phone number")]
    UsernameOrPhone,
    #[error("enter a user name, a phone number or an e-mail address")]
    UsernamePhoneOrEmail,
    #[error("enter your password or a code")]
    PasswordOrCode,
    #[error("this environment has no call that sends codes; type a code you received")]
    NoCodeSender,
    #[error("send a code first, then type the one you received")]
    SendCodeFirst,
    #[error("verify your phone first")]
    VerifyPhoneFirst,
    #[error("this environment has no planner client id and secret")]
    NoPlannerClient,
    #[error("use 1 to 40 lowercase letters, digits, '-' or '_'")]
    EnvironmentIdShape,
    #[error("not a URL ({detail}): {text:?}")]
    NotUrl { text: String, detail: String },
    #[error("has no host: {text:?}")]
    NoHost { text: String },
    #[error("must use https:// (http:// only for 127.0.0.1 or localhost): {text:?}")]
    HttpsRequired { text: String },
    #[error("must not carry a user name or password")]
    Credentials,
    /// Not an origin an H5 page can have; `detail` says why.
    #[error("{text:?}: {detail}")]
    NotOrigin { text: String, detail: String },
    #[error("must start with '/'")]
    PathNotAbsolute,
    /// A path that a join to the base address would take elsewhere; `detail` says how.
    #[error("{detail}: {path:?}")]
    PathLeavesBase { path: String, detail: String },
    #[error("not JSON: {detail}")]
    NotJson { detail: String },
    #[error("must be a JSON object")]
    NotJsonObject,
    #[error("the built-in sandbox is down: {detail}")]
    SandboxDown { detail: String },
    #[error("no environment {id:?}")]
    NoSuchEnvironment { id: String },
    #[error("{id:?} is already taken")]
    Taken { id: String },
    #[error(
        "{id:?} is built in: every app has it, so it cannot be changed, removed, imported or exported"
    )]
    BuiltIn { id: String },
    #[error("{id:?} comes with this app: it cannot be changed, removed or imported")]
    ComesWithApp { id: String },
    #[error("there are no environments of your own to export")]
    NothingToExport,
    #[error("{id:?} appears twice in the file")]
    Duplicate { id: String },
    #[error("not an environment (a JSON object)")]
    NotAnEnvironment,
    #[error("missing from the server's answer")]
    MissingFromAnswer,
    #[error("messages go to customer service or another user, not to the system")]
    SystemRecipient,
    #[error("no refused message has this id")]
    NoRefusedMessage,
    #[error("the row was never created on the server, so this change cannot be sent")]
    NotOnServer,
    #[error("no call named {name:?}; the catalog lists them")]
    UnknownCall { name: String },
    /// A value outside a closed list; `detail` lists the choices.
    #[error("must be {detail}")]
    NotAChoice { detail: String },
    #[error("this system names no {which} folder for the current user (is HOME set?)")]
    NoHomeFolder { which: String },
    /// A reason only the technical detail gives: what a programming or a peer's mistake
    /// produces (a value that does not parse, an answer of the wrong shape), which the user can
    /// only report, or a terminal's usage hint.
    #[error("{detail}")]
    Unusable { detail: String },
}

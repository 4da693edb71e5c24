//! Invoice details (family B): read cache-first, added, edited and removed through the outbox.

use lcs_api::Idempotent;
use lcs_api::user_center::ListQuery;
use lcs_api::user_center::invoices::{
    Invoice, InvoiceAdd, InvoiceEdit, InvoiceFields, InvoiceList, InvoiceMedium, InvoiceQuery,
    InvoiceRemove, InvoiceType,
};
use lcs_store::{Entity, OutboxEntry, OutboxKind, Store};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::data::{Data, DataKind, Loaded, Scope, id_value, temp_id};
use crate::error::InputProblem;
use crate::error::{Error, Result};
use crate::lists::{
    Input, ListItem, Payload, Spec, created_id, not_mine, present_fields, server_id, server_rows,
};
use crate::sync::Delivered;

/// How many invoice details a refresh reads, in one page.
const PAGE_SIZE: u32 = 200;

pub(crate) const SPEC: Spec = Spec {
    kind: DataKind::Invoices,
    entity: Entity::Invoice,
    add: OutboxKind::InvoiceAdd,
    edit: OutboxKind::InvoiceEdit,
    remove: OutboxKind::InvoiceRemove,
    set_default: None,
    id_field: "user_invoice_id",
    default_field: "invoice_is_default",
    read: Store::invoices::<Value>,
    replace: Store::replace_invoices::<Value>,
};

/// Invoice details as the invoice form fills them in; absent fields are left as they are.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct InvoiceInput {
    pub invoice_title: Option<String>,
    /// 1 normal, 2 special VAT.
    pub invoice_type: Option<u8>,
    /// A company (true) or a person (false).
    pub invoice_is_company: Option<bool>,
    /// 0 paper, 1 electronic.
    pub invoice_is_electronic: Option<u8>,
    pub invoice_company_code: Option<String>,
    pub invoice_address: Option<String>,
    pub invoice_phone: Option<String>,
    pub invoice_bankname: Option<String>,
    pub invoice_bankaccount: Option<String>,
    pub invoice_content: Option<String>,
    pub invoice_contact_name: Option<String>,
    pub invoice_contact_mobile: Option<String>,
    pub invoice_contact_email: Option<String>,
    pub invoice_contact_area: Option<String>,
    pub invoice_contact_address: Option<String>,
    pub invoice_is_default: Option<bool>,
}

impl InvoiceInput {
    /// Checked before queueing: an edit the server is sure to refuse should not wait offline.
    fn fields(&self) -> Result<InvoiceFields> {
        let invoice_type = match self.invoice_type {
            None => None,
            Some(1) => Some(InvoiceType::Normal),
            Some(2) => Some(InvoiceType::VatSpecial),
            Some(_) => {
                return Err(Error::invalid(
                    "invoiceType",
                    InputProblem::NotAChoice {
                        detail: "1 (normal) or 2 (special VAT)".to_owned(),
                    },
                ));
            }
        };
        let medium = match self.invoice_is_electronic {
            None => None,
            Some(0) => Some(InvoiceMedium::Paper),
            Some(1) => Some(InvoiceMedium::Electronic),
            Some(_) => {
                return Err(Error::invalid(
                    "invoiceIsElectronic",
                    InputProblem::NotAChoice {
                        detail: "0 (paper) or 1 (electronic)".to_owned(),
                    },
                ));
            }
        };
        Ok(InvoiceFields {
            invoice_address: self.invoice_address.clone(),
            invoice_bankaccount: self.invoice_bankaccount.clone(),
            invoice_bankname: self.invoice_bankname.clone(),
            invoice_company_code: self.invoice_company_code.clone(),
            invoice_contact_address: self.invoice_contact_address.clone(),
            invoice_contact_area: self.invoice_contact_area.clone(),
            invoice_contact_email: self.invoice_contact_email.clone(),
            invoice_contact_mobile: self.invoice_contact_mobile.clone(),
            invoice_contact_name: self.invoice_contact_name.clone(),
            invoice_content: self.invoice_content.clone(),
            invoice_is_company: self.invoice_is_company,
            invoice_is_default: self.invoice_is_default,
            invoice_is_electronic: medium,
            invoice_phone: self.invoice_phone.clone(),
            invoice_title: self.invoice_title.clone(),
            invoice_type,
            ..InvoiceFields::default()
        })
    }
}

impl Input for InvoiceInput {
    fn cached(&self) -> Map<String, Value> {
        present_fields(&Invoice {
            invoice_address: self.invoice_address.clone(),
            invoice_bankaccount: self.invoice_bankaccount.clone(),
            invoice_bankname: self.invoice_bankname.clone(),
            invoice_company_code: self.invoice_company_code.clone(),
            invoice_contact_address: self.invoice_contact_address.clone(),
            invoice_contact_area: self.invoice_contact_area.clone(),
            invoice_contact_email: self.invoice_contact_email.clone(),
            invoice_contact_mobile: self.invoice_contact_mobile.clone(),
            invoice_contact_name: self.invoice_contact_name.clone(),
            invoice_content: self.invoice_content.clone(),
            invoice_is_company: self.invoice_is_company,
            invoice_is_default: self.invoice_is_default,
            invoice_is_electronic: self.invoice_is_electronic.map(i64::from),
            invoice_phone: self.invoice_phone.clone(),
            invoice_title: self.invoice_title.clone(),
            invoice_type: self.invoice_type.map(i64::from),
            ..Invoice::default()
        })
    }
}

/// The signed-in user's invoice details.
#[derive(Debug, Clone)]
pub struct Invoices {
    data: Data,
}

impl Invoices {
    pub(crate) fn new(data: Data) -> Self {
        Self { data }
    }

    /// The invoice details, the default first: the cache at once (refreshed in the
    /// background), or the network's answer when nothing is cached.
    pub async fn list(&self) -> Result<Loaded<Vec<ListItem>>> {
        SPEC.load(&self.data).await
    }

    /// The network's answer now (pull-to-refresh); offline, the cache marked offline.
    pub async fn refresh(&self) -> Result<Loaded<Vec<ListItem>>> {
        SPEC.reload(&self.data).await
    }

    /// Adds invoice details; answers the temporary id, replaced by the server's once sent.
    pub fn add(&self, input: InvoiceInput) -> Result<String> {
        input.fields()?;
        let id = temp_id();
        SPEC.queue(&self.data, SPEC.add, id_value(&id), Some(input))?;
        Ok(id)
    }

    pub fn edit(&self, id: &str, input: InvoiceInput) -> Result<()> {
        input.fields()?;
        SPEC.queue(&self.data, SPEC.edit, id_value(id), Some(input))
    }

    pub fn remove(&self, id: &str) -> Result<()> {
        SPEC.queue::<InvoiceInput>(&self.data, SPEC.remove, id_value(id), None)
    }
}

/// The server's list of invoice details, one page.
async fn read(data: &Data) -> Result<Vec<Invoice>> {
    let page = data
        .auth()
        .user_center(&InvoiceList(InvoiceQuery {
            list: ListQuery::page(1, PAGE_SIZE),
            ..InvoiceQuery::default()
        }))
        .await?;
    Ok(page.items)
}

pub(crate) async fn fetch(data: &Data, scope: &Scope) -> Result<()> {
    let items = read(data).await?;
    SPEC.write_page(data, scope, &items, |invoice| {
        (invoice.user_invoice_id, invoice.invoice_is_default)
    })
}

/// Sends one queued invoice edit with its idempotency key.
pub(crate) async fn deliver(data: &Data, entry: &OutboxEntry) -> Result<Delivered> {
    let payload: Payload<InvoiceInput> = serde_json::from_value(entry.payload.clone())
        .map_err(|error| Error::Cache(error.into()))?;
    let key = entry.idempotency_key.clone();
    let auth = data.auth();
    let fields = || match &payload.input {
        Some(input) => input.fields(),
        None => Ok(InvoiceFields::default()),
    };
    match entry.kind {
        OutboxKind::InvoiceAdd => {
            if entry.in_doubt {
                let listed = server_rows(&read(data).await?, |invoice| invoice.user_invoice_id);
                if let Some(found) = SPEC.find_added(&payload, &listed) {
                    return Ok(Delivered::created(SPEC.entity, &payload.id, Some(found)).found());
                }
            }
            let answer = auth
                .user_center(&Idempotent::new(key, InvoiceAdd(fields()?)))
                .await?;
            Ok(Delivered::created(
                SPEC.entity,
                &payload.id,
                created_id(&answer, SPEC.id_field),
            ))
        }
        OutboxKind::InvoiceEdit => {
            let edit = InvoiceEdit {
                user_invoice_id: server_id(&payload.id)?,
                fields: fields()?,
            };
            auth.user_center(&Idempotent::new(key, edit)).await?;
            Ok(Delivered::default())
        }
        OutboxKind::InvoiceRemove => {
            let remove = InvoiceRemove {
                user_invoice_id: server_id(&payload.id)?,
            };
            auth.user_center(&Idempotent::new(key, remove)).await?;
            Ok(Delivered::default())
        }
        other => Err(not_mine(other)),
    }
}

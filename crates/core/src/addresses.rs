//! Delivery addresses (family B): read cache-first, added, edited, removed and made the default
//! through the outbox.

use lcs_api::Idempotent;
use lcs_api::user_center::ListQuery;
use lcs_api::user_center::addresses::{
    Address, AddressAdd, AddressEdit, AddressFields, AddressList, AddressQuery, AddressRemove,
    AddressSave, AddressTag,
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

/// How many addresses a refresh reads: more than anyone keeps, in one page.
const PAGE_SIZE: u32 = 200;

pub(crate) const SPEC: Spec = Spec {
    kind: DataKind::Addresses,
    entity: Entity::Address,
    add: OutboxKind::AddressAdd,
    edit: OutboxKind::AddressEdit,
    remove: OutboxKind::AddressRemove,
    set_default: Some(OutboxKind::AddressSetDefault),
    id_field: "ud_id",
    default_field: "ud_is_default",
    read: Store::addresses::<Value>,
    replace: Store::replace_addresses::<Value>,
};

/// An address as the address form fills it in; absent fields are left as they are.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct AddressInput {
    pub ud_name: Option<String>,
    pub ud_mobile: Option<String>,
    pub ud_telephone: Option<String>,
    pub ud_intl: Option<String>,
    pub ud_province: Option<String>,
    pub ud_province_id: Option<i32>,
    pub ud_city: Option<String>,
    pub ud_city_id: Option<i32>,
    pub ud_county: Option<String>,
    pub ud_county_id: Option<i32>,
    pub ud_address: Option<String>,
    pub ud_postalcode: Option<String>,
    /// `1001` home, `1002` company.
    pub ud_tag_name: Option<String>,
    pub ud_is_default: Option<bool>,
}

impl AddressInput {
    /// Checked before queueing: an edit the server is sure to refuse should not wait offline.
    fn validate(&self) -> Result<()> {
        match &self.ud_tag_name {
            Some(tag) if AddressTag::from_code(tag).is_none() => Err(Error::invalid(
                "udTagName",
                InputProblem::NotAChoice {
                    detail: "1001 (home) or 1002 (company)".to_owned(),
                },
            )),
            _ => Ok(()),
        }
    }

    fn fields(&self) -> AddressFields {
        AddressFields {
            ud_address: self.ud_address.clone(),
            ud_city: self.ud_city.clone(),
            ud_city_id: self.ud_city_id.map(i64::from),
            ud_county: self.ud_county.clone(),
            ud_county_id: self.ud_county_id.map(i64::from),
            ud_intl: self.ud_intl.clone(),
            ud_is_default: self.ud_is_default,
            ud_mobile: self.ud_mobile.clone(),
            ud_name: self.ud_name.clone(),
            ud_postalcode: self.ud_postalcode.clone(),
            ud_province: self.ud_province.clone(),
            ud_province_id: self.ud_province_id.map(i64::from),
            ud_tag_name: self.ud_tag_name.as_deref().and_then(AddressTag::from_code),
            ud_telephone: self.ud_telephone.clone(),
            ..AddressFields::default()
        }
    }
}

impl Input for AddressInput {
    fn cached(&self) -> Map<String, Value> {
        let answer = Address {
            ud_address: self.ud_address.clone(),
            ud_city: self.ud_city.clone(),
            ud_city_id: self.ud_city_id.map(i64::from),
            ud_county: self.ud_county.clone(),
            ud_county_id: self.ud_county_id.map(i64::from),
            ud_intl: self.ud_intl.clone(),
            ud_is_default: self.ud_is_default,
            ud_mobile: self.ud_mobile.clone(),
            ud_name: self.ud_name.clone(),
            ud_postalcode: self.ud_postalcode.clone(),
            ud_province: self.ud_province.clone(),
            ud_province_id: self.ud_province_id.map(i64::from),
            ud_tag_name: self.ud_tag_name.clone(),
            ud_telephone: self.ud_telephone.clone(),
            ..Address::default()
        };
        present_fields(&answer)
    }
}

/// The signed-in user's delivery addresses.
#[derive(Debug, Clone)]
pub struct Addresses {
    data: Data,
}

impl Addresses {
    pub(crate) fn new(data: Data) -> Self {
        Self { data }
    }

    /// The addresses, the default first: the cache at once (refreshed in the background), or
    /// the network's answer when nothing is cached.
    pub async fn list(&self) -> Result<Loaded<Vec<ListItem>>> {
        SPEC.load(&self.data).await
    }

    /// The network's answer now (pull-to-refresh); offline, the cache marked offline.
    pub async fn refresh(&self) -> Result<Loaded<Vec<ListItem>>> {
        SPEC.reload(&self.data).await
    }

    /// Adds an address; answers its temporary id, replaced by the server's once it is sent.
    pub fn add(&self, input: AddressInput) -> Result<String> {
        input.validate()?;
        let id = temp_id();
        SPEC.queue(&self.data, SPEC.add, id_value(&id), Some(input))?;
        Ok(id)
    }

    pub fn edit(&self, id: &str, input: AddressInput) -> Result<()> {
        input.validate()?;
        SPEC.queue(&self.data, SPEC.edit, id_value(id), Some(input))
    }

    pub fn remove(&self, id: &str) -> Result<()> {
        SPEC.queue::<AddressInput>(&self.data, SPEC.remove, id_value(id), None)
    }

    pub fn set_default(&self, id: &str) -> Result<()> {
        SPEC.queue::<AddressInput>(
            &self.data,
            OutboxKind::AddressSetDefault,
            id_value(id),
            None,
        )
    }
}

/// The server's list of addresses, one page.
async fn read(data: &Data) -> Result<Vec<Address>> {
    let page = data
        .auth()
        .user_center(&AddressList(AddressQuery {
            list: ListQuery::page(1, PAGE_SIZE),
            ..AddressQuery::default()
        }))
        .await?;
    Ok(page.items)
}

pub(crate) async fn fetch(data: &Data, scope: &Scope) -> Result<()> {
    let items = read(data).await?;
    SPEC.write_page(data, scope, &items, |address| {
        (address.ud_id, address.ud_is_default)
    })
}

/// Sends one queued address edit with its idempotency key.
pub(crate) async fn deliver(data: &Data, entry: &OutboxEntry) -> Result<Delivered> {
    let payload: Payload<AddressInput> = serde_json::from_value(entry.payload.clone())
        .map_err(|error| Error::Cache(error.into()))?;
    let key = entry.idempotency_key.clone();
    let auth = data.auth();
    let fields = || {
        payload
            .input
            .as_ref()
            .map(AddressInput::fields)
            .unwrap_or_default()
    };
    match entry.kind {
        OutboxKind::AddressAdd => {
            if entry.in_doubt {
                let listed = server_rows(&read(data).await?, |address| address.ud_id);
                if let Some(found) = SPEC.find_added(&payload, &listed) {
                    return Ok(Delivered::created(SPEC.entity, &payload.id, Some(found)).found());
                }
            }
            let answer = auth
                .user_center(&Idempotent::new(key, AddressAdd(fields())))
                .await?;
            Ok(Delivered::created(
                SPEC.entity,
                &payload.id,
                created_id(&answer, SPEC.id_field),
            ))
        }
        OutboxKind::AddressEdit | OutboxKind::AddressSetDefault => {
            let mut fields = fields();
            if entry.kind == OutboxKind::AddressSetDefault {
                fields.ud_is_default = Some(true);
            }
            let edit = AddressEdit {
                ud_id: server_id(&payload.id)?,
                fields,
            };
            auth.user_center(&Idempotent::new(key, AddressSave(edit)))
                .await?;
            Ok(Delivered::default())
        }
        OutboxKind::AddressRemove => {
            let remove = AddressRemove {
                ud_id: server_id(&payload.id)?,
            };
            auth.user_center(&Idempotent::new(key, remove)).await?;
            Ok(Delivered::default())
        }
        other => Err(not_mine(other)),
    }
}

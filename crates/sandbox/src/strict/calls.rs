//! Each call the seeds document: its method, its path, where its parameters go and each
//! parameter's name and type (the client's choice where the seeds leave one open).

use super::{Call, Family, Kind, Param, Place};

pub const CALLS: &[Call] = &[
    Call {
        id: "A1",
        family: Family::A,
        method: "POST",
        path: "/api/login/customer.app.CustomerWebApiService.login",
        place: Place::Body,
        params: &[
            Param {
                name: "type",
                kind: Kind::Integer,
            },
            Param {
                name: "phoneArea",
                kind: Kind::Text,
            },
            Param {
                name: "loginName",
                kind: Kind::Text,
            },
            Param {
                name: "device",
                kind: Kind::Integer,
            },
            Param {
                name: "isThird",
                kind: Kind::Boolean,
            },
            Param {
                name: "verifyCode",
                kind: Kind::Text,
            },
            Param {
                name: "sendToken",
                kind: Kind::Text,
            },
            Param {
                name: "loginPwd",
                kind: Kind::Text,
            },
            Param {
                name: "bindThirdUserId",
                kind: Kind::Text,
            },
            Param {
                name: "thirdSource",
                kind: Kind::Text,
            },
            Param {
                name: "googleCode",
                kind: Kind::Text,
            },
        ],
    },
    Call {
        id: "A2",
        family: Family::A,
        method: "POST",
        path: "/api/register/customer.app.CustomerWebApiService.register",
        place: Place::Body,
        params: &[
            Param {
                name: "country",
                kind: Kind::Text,
            },
            Param {
                name: "lang",
                kind: Kind::Text,
            },
            Param {
                name: "loginName",
                kind: Kind::Text,
            },
            Param {
                name: "phoneArea",
                kind: Kind::Text,
            },
            Param {
                name: "type",
                kind: Kind::Integer,
            },
            Param {
                name: "registerDevice",
                kind: Kind::Text,
            },
            Param {
                name: "verifyCode",
                kind: Kind::Text,
            },
            Param {
                name: "sendToken",
                kind: Kind::Text,
            },
            Param {
                name: "registerSource",
                kind: Kind::Integer,
            },
            Param {
                name: "utmSource",
                kind: Kind::Text,
            },
            Param {
                name: "utmMedium",
                kind: Kind::Text,
            },
            Param {
                name: "utmCampaign",
                kind: Kind::Text,
            },
            Param {
                name: "utmContent",
                kind: Kind::Text,
            },
            Param {
                name: "utmTerm",
                kind: Kind::Text,
            },
            Param {
                name: "customerGroupId",
                kind: Kind::Integer,
            },
            Param {
                name: "tradeTypeCurrencyList",
                kind: Kind::Array,
            },
            Param {
                name: "openAccountType",
                kind: Kind::Integer,
            },
            Param {
                name: "pwd",
                kind: Kind::Text,
            },
            Param {
                name: "thirdServerCode",
                kind: Kind::Text,
            },
            Param {
                name: "thirdServerSource",
                kind: Kind::Text,
            },
        ],
    },
    Call {
        id: "A3",
        family: Family::A,
        method: "POST",
        path: "/api/global/customer.app.CustomerWebApiService.checkToken",
        place: Place::Body,
        params: &[Param {
            name: "token",
            kind: Kind::Text,
        }],
    },
    Call {
        id: "A4",
        family: Family::A,
        method: "POST",
        path: "/api/global/customer.app.CustomerWebApiService.checkPhone",
        place: Place::Body,
        params: &[
            Param {
                name: "phone",
                kind: Kind::Text,
            },
            Param {
                name: "phoneArea",
                kind: Kind::Text,
            },
        ],
    },
    Call {
        id: "A5",
        family: Family::A,
        method: "POST",
        path: "/api/global/customer.app.CustomerWebApiService.checkPhoneForRetriedLoginPwd",
        place: Place::Body,
        params: &[
            Param {
                name: "phone",
                kind: Kind::Text,
            },
            Param {
                name: "phoneArea",
                kind: Kind::Text,
            },
            Param {
                name: "smsVerifyCode",
                kind: Kind::Text,
            },
            Param {
                name: "smsSendToken",
                kind: Kind::Text,
            },
        ],
    },
    Call {
        id: "A6",
        family: Family::A,
        method: "POST",
        path: "/api/global/customer.app.CustomerWebApiService.retrieveLoginPwd",
        place: Place::Body,
        params: &[
            Param {
                name: "token",
                kind: Kind::Text,
            },
            Param {
                name: "loginPwd",
                kind: Kind::Text,
            },
        ],
    },
    Call {
        id: "A7",
        family: Family::A,
        method: "POST",
        path: "/api/global/customer.app.CustomerWebApiService.firstSetLoginPwd",
        place: Place::Body,
        params: &[
            Param {
                name: "device",
                kind: Kind::Integer,
            },
            Param {
                name: "token",
                kind: Kind::Text,
            },
            Param {
                name: "loginPwd",
                kind: Kind::Text,
            },
        ],
    },
    Call {
        id: "A8",
        family: Family::A,
        method: "POST",
        path: "/api/thirdExt/switchAccount",
        place: Place::Body,
        params: &[],
    },
    Call {
        id: "A9",
        family: Family::A,
        method: "POST",
        path: "/api/global/customer.app.CustomerDubboApiService.resetAccount",
        place: Place::Body,
        params: &[],
    },
    Call {
        id: "A10",
        family: Family::A,
        method: "POST",
        path: "/api/global/thirdExt/randomKey",
        place: Place::Body,
        params: &[],
    },
    Call {
        id: "B1",
        family: Family::B,
        method: "POST",
        path: "/front/account/userDeliveryAddress/add",
        place: Place::Query,
        params: &[
            Param {
                name: "udAddress",
                kind: Kind::Text,
            },
            Param {
                name: "udCity",
                kind: Kind::Text,
            },
            Param {
                name: "udCityId",
                kind: Kind::Integer,
            },
            Param {
                name: "udCounty",
                kind: Kind::Text,
            },
            Param {
                name: "udCountyId",
                kind: Kind::Integer,
            },
            Param {
                name: "udIntl",
                kind: Kind::Text,
            },
            Param {
                name: "udIsDefault",
                kind: Kind::Text,
            },
            Param {
                name: "udLatitude",
                kind: Kind::Number,
            },
            Param {
                name: "udLongitude",
                kind: Kind::Number,
            },
            Param {
                name: "udMobile",
                kind: Kind::Text,
            },
            Param {
                name: "udName",
                kind: Kind::Text,
            },
            Param {
                name: "udPostalcode",
                kind: Kind::Text,
            },
            Param {
                name: "udProvince",
                kind: Kind::Text,
            },
            Param {
                name: "udProvinceId",
                kind: Kind::Integer,
            },
            Param {
                name: "udTagName",
                kind: Kind::Text,
            },
            Param {
                name: "udTelephone",
                kind: Kind::Text,
            },
            Param {
                name: "udTime",
                kind: Kind::Text,
            },
            Param {
                name: "userId",
                kind: Kind::Integer,
            },
        ],
    },
    Call {
        id: "B2",
        family: Family::B,
        method: "GET",
        path: "/front/account/userDeliveryAddress/get",
        place: Place::Query,
        params: &[Param {
            name: "ud_id",
            kind: Kind::Integer,
        }],
    },
    Call {
        id: "B3",
        family: Family::B,
        method: "GET",
        path: "/front/account/userDeliveryAddress/list",
        place: Place::Query,
        params: &[
            Param {
                name: "createTimeEnd",
                kind: Kind::Text,
            },
            Param {
                name: "createTimeStart",
                kind: Kind::Text,
            },
            Param {
                name: "like[0].column",
                kind: Kind::Text,
            },
            Param {
                name: "like[0].like",
                kind: Kind::Text,
            },
            Param {
                name: "order[0].sidx",
                kind: Kind::Text,
            },
            Param {
                name: "order[0].sort",
                kind: Kind::Text,
            },
            Param {
                name: "page",
                kind: Kind::Integer,
            },
            Param {
                name: "sidx",
                kind: Kind::Text,
            },
            Param {
                name: "size",
                kind: Kind::Integer,
            },
            Param {
                name: "sort",
                kind: Kind::Text,
            },
            Param {
                name: "udAddress",
                kind: Kind::Text,
            },
            Param {
                name: "udCity",
                kind: Kind::Text,
            },
            Param {
                name: "udCityId",
                kind: Kind::Integer,
            },
            Param {
                name: "udCounty",
                kind: Kind::Text,
            },
            Param {
                name: "udCountyId",
                kind: Kind::Integer,
            },
            Param {
                name: "udId",
                kind: Kind::Integer,
            },
            Param {
                name: "udIntl",
                kind: Kind::Text,
            },
            Param {
                name: "udIsDefault",
                kind: Kind::Text,
            },
            Param {
                name: "udLatitude",
                kind: Kind::Number,
            },
            Param {
                name: "udLongitude",
                kind: Kind::Number,
            },
            Param {
                name: "udMobile",
                kind: Kind::Text,
            },
            Param {
                name: "udName",
                kind: Kind::Text,
            },
            Param {
                name: "udPostalcode",
                kind: Kind::Text,
            },
            Param {
                name: "udProvince",
                kind: Kind::Text,
            },
            Param {
                name: "udProvinceId",
                kind: Kind::Integer,
            },
            Param {
                name: "udTagName",
                kind: Kind::Text,
            },
            Param {
                name: "udTelephone",
                kind: Kind::Text,
            },
            Param {
                name: "udTime",
                kind: Kind::Text,
            },
            Param {
                name: "userId",
                kind: Kind::Integer,
            },
        ],
    },
    Call {
        id: "B4",
        family: Family::B,
        method: "POST",
        path: "/front/account/userDeliveryAddress/remove",
        place: Place::Query,
        params: &[Param {
            name: "ud_id",
            kind: Kind::Integer,
        }],
    },
    Call {
        id: "B5",
        family: Family::B,
        method: "POST",
        path: "/front/account/userDeliveryAddress/save",
        place: Place::Query,
        params: &[
            Param {
                name: "udAddress",
                kind: Kind::Text,
            },
            Param {
                name: "udCity",
                kind: Kind::Text,
            },
            Param {
                name: "udCityId",
                kind: Kind::Integer,
            },
            Param {
                name: "udCounty",
                kind: Kind::Text,
            },
            Param {
                name: "udCountyId",
                kind: Kind::Integer,
            },
            Param {
                name: "udId",
                kind: Kind::Integer,
            },
            Param {
                name: "udIntl",
                kind: Kind::Text,
            },
            Param {
                name: "udIsDefault",
                kind: Kind::Text,
            },
            Param {
                name: "udLatitude",
                kind: Kind::Number,
            },
            Param {
                name: "udLongitude",
                kind: Kind::Number,
            },
            Param {
                name: "udMobile",
                kind: Kind::Text,
            },
            Param {
                name: "udName",
                kind: Kind::Text,
            },
            Param {
                name: "udPostalcode",
                kind: Kind::Text,
            },
            Param {
                name: "udProvince",
                kind: Kind::Text,
            },
            Param {
                name: "udProvinceId",
                kind: Kind::Integer,
            },
            Param {
                name: "udTagName",
                kind: Kind::Text,
            },
            Param {
                name: "udTelephone",
                kind: Kind::Text,
            },
            Param {
                name: "udTime",
                kind: Kind::Text,
            },
            Param {
                name: "userId",
                kind: Kind::Integer,
            },
        ],
    },
    Call {
        id: "B6",
        family: Family::B,
        method: "POST",
        path: "/manage/account/userDeliveryAddress/add",
        place: Place::Query,
        params: &[
            Param {
                name: "udAddress",
                kind: Kind::Text,
            },
            Param {
                name: "udCity",
                kind: Kind::Text,
            },
            Param {
                name: "udCityId",
                kind: Kind::Integer,
            },
            Param {
                name: "udCounty",
                kind: Kind::Text,
            },
            Param {
                name: "udCountyId",
                kind: Kind::Integer,
            },
            Param {
                name: "udIntl",
                kind: Kind::Text,
            },
            Param {
                name: "udIsDefault",
                kind: Kind::Text,
            },
            Param {
                name: "udLatitude",
                kind: Kind::Number,
            },
            Param {
                name: "udLongitude",
                kind: Kind::Number,
            },
            Param {
                name: "udMobile",
                kind: Kind::Text,
            },
            Param {
                name: "udName",
                kind: Kind::Text,
            },
            Param {
                name: "udPostalcode",
                kind: Kind::Text,
            },
            Param {
                name: "udProvince",
                kind: Kind::Text,
            },
            Param {
                name: "udProvinceId",
                kind: Kind::Integer,
            },
            Param {
                name: "udTagName",
                kind: Kind::Text,
            },
            Param {
                name: "udTelephone",
                kind: Kind::Text,
            },
            Param {
                name: "udTime",
                kind: Kind::Text,
            },
            Param {
                name: "userId",
                kind: Kind::Integer,
            },
        ],
    },
    Call {
        id: "B7",
        family: Family::B,
        method: "POST",
        path: "/manage/account/userDeliveryAddress/edit",
        place: Place::Query,
        params: &[
            Param {
                name: "udAddress",
                kind: Kind::Text,
            },
            Param {
                name: "udCity",
                kind: Kind::Text,
            },
            Param {
                name: "udCityId",
                kind: Kind::Integer,
            },
            Param {
                name: "udCounty",
                kind: Kind::Text,
            },
            Param {
                name: "udCountyId",
                kind: Kind::Integer,
            },
            Param {
                name: "udId",
                kind: Kind::Integer,
            },
            Param {
                name: "udIntl",
                kind: Kind::Text,
            },
            Param {
                name: "udIsDefault",
                kind: Kind::Text,
            },
            Param {
                name: "udLatitude",
                kind: Kind::Number,
            },
            Param {
                name: "udLongitude",
                kind: Kind::Number,
            },
            Param {
                name: "udMobile",
                kind: Kind::Text,
            },
            Param {
                name: "udName",
                kind: Kind::Text,
            },
            Param {
                name: "udPostalcode",
                kind: Kind::Text,
            },
            Param {
                name: "udProvince",
                kind: Kind::Text,
            },
            Param {
                name: "udProvinceId",
                kind: Kind::Integer,
            },
            Param {
                name: "udTagName",
                kind: Kind::Text,
            },
            Param {
                name: "udTelephone",
                kind: Kind::Text,
            },
            Param {
                name: "udTime",
                kind: Kind::Text,
            },
            Param {
                name: "userId",
                kind: Kind::Integer,
            },
        ],
    },
    Call {
        id: "B8",
        family: Family::B,
        method: "GET",
        path: "/manage/account/userDeliveryAddress/list",
        place: Place::Query,
        params: &[
            Param {
                name: "createTimeEnd",
                kind: Kind::Text,
            },
            Param {
                name: "createTimeStart",
                kind: Kind::Text,
            },
            Param {
                name: "like[0].column",
                kind: Kind::Text,
            },
            Param {
                name: "like[0].like",
                kind: Kind::Text,
            },
            Param {
                name: "order[0].sidx",
                kind: Kind::Text,
            },
            Param {
                name: "order[0].sort",
                kind: Kind::Text,
            },
            Param {
                name: "page",
                kind: Kind::Integer,
            },
            Param {
                name: "sidx",
                kind: Kind::Text,
            },
            Param {
                name: "size",
                kind: Kind::Integer,
            },
            Param {
                name: "sort",
                kind: Kind::Text,
            },
            Param {
                name: "udAddress",
                kind: Kind::Text,
            },
            Param {
                name: "udCity",
                kind: Kind::Text,
            },
            Param {
                name: "udCityId",
                kind: Kind::Integer,
            },
            Param {
                name: "udCounty",
                kind: Kind::Text,
            },
            Param {
                name: "udCountyId",
                kind: Kind::Integer,
            },
            Param {
                name: "udId",
                kind: Kind::Integer,
            },
            Param {
                name: "udIntl",
                kind: Kind::Text,
            },
            Param {
                name: "udIsDefault",
                kind: Kind::Text,
            },
            Param {
                name: "udLatitude",
                kind: Kind::Number,
            },
            Param {
                name: "udLongitude",
                kind: Kind::Number,
            },
            Param {
                name: "udMobile",
                kind: Kind::Text,
            },
            Param {
                name: "udName",
                kind: Kind::Text,
            },
            Param {
                name: "udPostalcode",
                kind: Kind::Text,
            },
            Param {
                name: "udProvince",
                kind: Kind::Text,
            },
            Param {
                name: "udProvinceId",
                kind: Kind::Integer,
            },
            Param {
                name: "udTagName",
                kind: Kind::Text,
            },
            Param {
                name: "udTelephone",
                kind: Kind::Text,
            },
            Param {
                name: "udTime",
                kind: Kind::Text,
            },
            Param {
                name: "userId",
                kind: Kind::Integer,
            },
        ],
    },
    Call {
        id: "B9",
        family: Family::B,
        method: "POST",
        path: "/manage/account/userDeliveryAddress/remove",
        place: Place::Query,
        params: &[Param {
            name: "ud_id",
            kind: Kind::Integer,
        }],
    },
    Call {
        id: "B10",
        family: Family::B,
        method: "POST",
        path: "/manage/account/userDeliveryAddress/removeBatch",
        place: Place::Query,
        params: &[Param {
            name: "ud_id",
            kind: Kind::Text,
        }],
    },
    Call {
        id: "B11",
        family: Family::B,
        method: "POST",
        path: "/front/account/userInvoice/add",
        place: Place::Query,
        params: &[
            Param {
                name: "invoiceAddress",
                kind: Kind::Text,
            },
            Param {
                name: "invoiceBankaccount",
                kind: Kind::Text,
            },
            Param {
                name: "invoiceBankname",
                kind: Kind::Text,
            },
            Param {
                name: "invoiceCompanyCode",
                kind: Kind::Text,
            },
            Param {
                name: "invoiceContactAddress",
                kind: Kind::Text,
            },
            Param {
                name: "invoiceContactArea",
                kind: Kind::Text,
            },
            Param {
                name: "invoiceContactEmail",
                kind: Kind::Text,
            },
            Param {
                name: "invoiceContactMobile",
                kind: Kind::Text,
            },
            Param {
                name: "invoiceContactName",
                kind: Kind::Text,
            },
            Param {
                name: "invoiceContent",
                kind: Kind::Text,
            },
            Param {
                name: "invoiceDatetime",
                kind: Kind::Text,
            },
            Param {
                name: "invoiceIsCompany",
                kind: Kind::Text,
            },
            Param {
                name: "invoiceIsDefault",
                kind: Kind::Text,
            },
            Param {
                name: "invoiceIsElectronic",
                kind: Kind::Integer,
            },
            Param {
                name: "invoicePhone",
                kind: Kind::Text,
            },
            Param {
                name: "invoiceTitle",
                kind: Kind::Text,
            },
            Param {
                name: "invoiceType",
                kind: Kind::Integer,
            },
            Param {
                name: "userId",
                kind: Kind::Integer,
            },
        ],
    },
    Call {
        id: "B12",
        family: Family::B,
        method: "POST",
        path: "/front/account/userInvoice/edit",
        place: Place::Query,
        params: &[
            Param {
                name: "invoiceAddress",
                kind: Kind::Text,
            },
            Param {
                name: "invoiceBankaccount",
                kind: Kind::Text,
            },
            Param {
                name: "invoiceBankname",
                kind: Kind::Text,
            },
            Param {
                name: "invoiceCompanyCode",
                kind: Kind::Text,
            },
            Param {
                name: "invoiceContactAddress",
                kind: Kind::Text,
            },
            Param {
                name: "invoiceContactArea",
                kind: Kind::Text,
            },
            Param {
                name: "invoiceContactEmail",
                kind: Kind::Text,
            },
            Param {
                name: "invoiceContactMobile",
                kind: Kind::Text,
            },
            Param {
                name: "invoiceContactName",
                kind: Kind::Text,
            },
            Param {
                name: "invoiceContent",
                kind: Kind::Text,
            },
            Param {
                name: "invoiceDatetime",
                kind: Kind::Text,
            },
            Param {
                name: "invoiceIsCompany",
                kind: Kind::Text,
            },
            Param {
                name: "invoiceIsDefault",
                kind: Kind::Text,
            },
            Param {
                name: "invoiceIsElectronic",
                kind: Kind::Integer,
            },
            Param {
                name: "invoicePhone",
                kind: Kind::Text,
            },
            Param {
                name: "invoiceTitle",
                kind: Kind::Text,
            },
            Param {
                name: "invoiceType",
                kind: Kind::Integer,
            },
            Param {
                name: "userId",
                kind: Kind::Integer,
            },
            Param {
                name: "userInvoiceId",
                kind: Kind::Integer,
            },
        ],
    },
    Call {
        id: "B13",
        family: Family::B,
        method: "GET",
        path: "/front/account/userInvoice/get",
        place: Place::Query,
        params: &[Param {
            name: "user_invoice_id",
            kind: Kind::Integer,
        }],
    },
    Call {
        id: "B14",
        family: Family::B,
        method: "GET",
        path: "/front/account/userInvoice/list",
        place: Place::Query,
        params: &[
            Param {
                name: "createTimeEnd",
                kind: Kind::Text,
            },
            Param {
                name: "createTimeStart",
                kind: Kind::Text,
            },
            Param {
                name: "invoiceAddress",
                kind: Kind::Text,
            },
            Param {
                name: "invoiceBankaccount",
                kind: Kind::Text,
            },
            Param {
                name: "invoiceBankname",
                kind: Kind::Text,
            },
            Param {
                name: "invoiceCompanyCode",
                kind: Kind::Text,
            },
            Param {
                name: "invoiceContactAddress",
                kind: Kind::Text,
            },
            Param {
                name: "invoiceContactArea",
                kind: Kind::Text,
            },
            Param {
                name: "invoiceContactEmail",
                kind: Kind::Text,
            },
            Param {
                name: "invoiceContactMobile",
                kind: Kind::Text,
            },
            Param {
                name: "invoiceContactName",
                kind: Kind::Text,
            },
            Param {
                name: "invoiceContent",
                kind: Kind::Text,
            },
            Param {
                name: "invoiceDatetime",
                kind: Kind::Text,
            },
            Param {
                name: "invoiceIsCompany",
                kind: Kind::Text,
            },
            Param {
                name: "invoiceIsDefault",
                kind: Kind::Text,
            },
            Param {
                name: "invoiceIsElectronic",
                kind: Kind::Integer,
            },
            Param {
                name: "invoicePhone",
                kind: Kind::Text,
            },
            Param {
                name: "invoiceTitle",
                kind: Kind::Text,
            },
            Param {
                name: "invoiceType",
                kind: Kind::Integer,
            },
            Param {
                name: "like[0].column",
                kind: Kind::Text,
            },
            Param {
                name: "like[0].like",
                kind: Kind::Text,
            },
            Param {
                name: "order[0].sidx",
                kind: Kind::Text,
            },
            Param {
                name: "order[0].sort",
                kind: Kind::Text,
            },
            Param {
                name: "page",
                kind: Kind::Integer,
            },
            Param {
                name: "sidx",
                kind: Kind::Text,
            },
            Param {
                name: "size",
                kind: Kind::Integer,
            },
            Param {
                name: "sort",
                kind: Kind::Text,
            },
            Param {
                name: "userId",
                kind: Kind::Integer,
            },
            Param {
                name: "userInvoiceId",
                kind: Kind::Integer,
            },
        ],
    },
    Call {
        id: "B15",
        family: Family::B,
        method: "POST",
        path: "/front/account/userInvoice/remove",
        place: Place::Query,
        params: &[Param {
            name: "user_invoice_id",
            kind: Kind::Integer,
        }],
    },
    Call {
        id: "B16",
        family: Family::B,
        method: "GET",
        path: "/front/account/login/doSmsLogin",
        place: Place::Query,
        params: &[
            Param {
                name: "bindType",
                kind: Kind::Integer,
            },
            Param {
                name: "encrypt",
                kind: Kind::Text,
            },
            Param {
                name: "password",
                kind: Kind::Text,
            },
            Param {
                name: "userAccount",
                kind: Kind::Text,
            },
            Param {
                name: "verifyCode",
                kind: Kind::Text,
            },
            Param {
                name: "verifyKey",
                kind: Kind::Text,
            },
        ],
    },
    Call {
        id: "B17",
        family: Family::B,
        method: "POST",
        path: "/front/account/login/doSmsLogin",
        place: Place::Query,
        params: &[
            Param {
                name: "bindType",
                kind: Kind::Integer,
            },
            Param {
                name: "encrypt",
                kind: Kind::Text,
            },
            Param {
                name: "password",
                kind: Kind::Text,
            },
            Param {
                name: "userAccount",
                kind: Kind::Text,
            },
            Param {
                name: "verifyCode",
                kind: Kind::Text,
            },
            Param {
                name: "verifyKey",
                kind: Kind::Text,
            },
        ],
    },
    Call {
        id: "B18",
        family: Family::B,
        method: "GET",
        path: "/front/account/login/login",
        place: Place::Query,
        params: &[
            Param {
                name: "encrypt",
                kind: Kind::Text,
            },
            Param {
                name: "password",
                kind: Kind::Text,
            },
            Param {
                name: "userAccount",
                kind: Kind::Text,
            },
            Param {
                name: "verifyCode",
                kind: Kind::Text,
            },
            Param {
                name: "verifyKey",
                kind: Kind::Text,
            },
        ],
    },
    Call {
        id: "B19",
        family: Family::B,
        method: "POST",
        path: "/front/account/login/login",
        place: Place::Query,
        params: &[
            Param {
                name: "encrypt",
                kind: Kind::Text,
            },
            Param {
                name: "password",
                kind: Kind::Text,
            },
            Param {
                name: "userAccount",
                kind: Kind::Text,
            },
            Param {
                name: "verifyCode",
                kind: Kind::Text,
            },
            Param {
                name: "verifyKey",
                kind: Kind::Text,
            },
        ],
    },
    Call {
        id: "B20",
        family: Family::B,
        method: "GET",
        path: "/front/account/login/logout",
        place: Place::Query,
        params: &[
            Param {
                name: "encrypt",
                kind: Kind::Text,
            },
            Param {
                name: "password",
                kind: Kind::Text,
            },
            Param {
                name: "userAccount",
                kind: Kind::Text,
            },
            Param {
                name: "verifyCode",
                kind: Kind::Text,
            },
            Param {
                name: "verifyKey",
                kind: Kind::Text,
            },
        ],
    },
    Call {
        id: "B21",
        family: Family::B,
        method: "POST",
        path: "/front/account/login/logout",
        place: Place::Query,
        params: &[
            Param {
                name: "encrypt",
                kind: Kind::Text,
            },
            Param {
                name: "password",
                kind: Kind::Text,
            },
            Param {
                name: "userAccount",
                kind: Kind::Text,
            },
            Param {
                name: "verifyCode",
                kind: Kind::Text,
            },
            Param {
                name: "verifyKey",
                kind: Kind::Text,
            },
        ],
    },
    Call {
        id: "B22",
        family: Family::B,
        method: "GET",
        path: "/front/account/login/protocol",
        place: Place::Query,
        params: &[
            Param {
                name: "document_type",
                kind: Kind::Text,
            },
            Param {
                name: "state",
                kind: Kind::Integer,
            },
            Param {
                name: "protocols_key",
                kind: Kind::Text,
            },
        ],
    },
    Call {
        id: "B23",
        family: Family::B,
        method: "GET",
        path: "/front/account/login/register",
        place: Place::Query,
        params: &[
            Param {
                name: "bindType",
                kind: Kind::Integer,
            },
            Param {
                name: "encrypt",
                kind: Kind::Text,
            },
            Param {
                name: "password",
                kind: Kind::Text,
            },
            Param {
                name: "userAccount",
                kind: Kind::Text,
            },
            Param {
                name: "verifyCode",
                kind: Kind::Text,
            },
            Param {
                name: "verifyKey",
                kind: Kind::Text,
            },
        ],
    },
    Call {
        id: "B24",
        family: Family::B,
        method: "POST",
        path: "/front/account/login/register",
        place: Place::Query,
        params: &[
            Param {
                name: "bindType",
                kind: Kind::Integer,
            },
            Param {
                name: "encrypt",
                kind: Kind::Text,
            },
            Param {
                name: "password",
                kind: Kind::Text,
            },
            Param {
                name: "userAccount",
                kind: Kind::Text,
            },
            Param {
                name: "verifyCode",
                kind: Kind::Text,
            },
            Param {
                name: "verifyKey",
                kind: Kind::Text,
            },
        ],
    },
    Call {
        id: "B25",
        family: Family::B,
        method: "GET",
        path: "/front/account/login/setNewPassword",
        place: Place::Query,
        params: &[
            Param {
                name: "bindType",
                kind: Kind::Integer,
            },
            Param {
                name: "encrypt",
                kind: Kind::Text,
            },
            Param {
                name: "oldPassword",
                kind: Kind::Text,
            },
            Param {
                name: "password",
                kind: Kind::Text,
            },
            Param {
                name: "verifyCode",
                kind: Kind::Text,
            },
            Param {
                name: "verifyKey",
                kind: Kind::Text,
            },
        ],
    },
    Call {
        id: "B26",
        family: Family::B,
        method: "POST",
        path: "/front/account/login/setNewPassword",
        place: Place::Query,
        params: &[
            Param {
                name: "bindType",
                kind: Kind::Integer,
            },
            Param {
                name: "encrypt",
                kind: Kind::Text,
            },
            Param {
                name: "oldPassword",
                kind: Kind::Text,
            },
            Param {
                name: "password",
                kind: Kind::Text,
            },
            Param {
                name: "verifyCode",
                kind: Kind::Text,
            },
            Param {
                name: "verifyKey",
                kind: Kind::Text,
            },
        ],
    },
    Call {
        id: "B27",
        family: Family::B,
        method: "POST",
        path: "/front/account/userMessage/add",
        place: Place::Query,
        params: &[
            Param {
                name: "messageCat",
                kind: Kind::Text,
            },
            Param {
                name: "messageContent",
                kind: Kind::Text,
            },
            Param {
                name: "messageH",
                kind: Kind::Integer,
            },
            Param {
                name: "messageLength",
                kind: Kind::Integer,
            },
            Param {
                name: "messageTitle",
                kind: Kind::Text,
            },
            Param {
                name: "messageW",
                kind: Kind::Integer,
            },
            Param {
                name: "mine",
                kind: Kind::Text,
            },
            Param {
                name: "to",
                kind: Kind::Text,
            },
            Param {
                name: "userNickname",
                kind: Kind::Text,
            },
            Param {
                name: "userOtherId",
                kind: Kind::Integer,
            },
        ],
    },
    Call {
        id: "B28",
        family: Family::B,
        method: "GET",
        path: "/front/account/userMessage/get",
        place: Place::Query,
        params: &[Param {
            name: "message_id",
            kind: Kind::Integer,
        }],
    },
    Call {
        id: "B29",
        family: Family::B,
        method: "GET",
        path: "/front/account/userMessage/getImConfig",
        place: Place::Query,
        params: &[],
    },
    Call {
        id: "B30",
        family: Family::B,
        method: "GET",
        path: "/front/account/userMessage/getKefuConfig",
        place: Place::Query,
        params: &[],
    },
    Call {
        id: "B31",
        family: Family::B,
        method: "GET",
        path: "/front/account/userMessage/getMsgCount",
        place: Place::Query,
        params: &[Param {
            name: "recently_flag",
            kind: Kind::Integer,
        }],
    },
    Call {
        id: "B32",
        family: Family::B,
        method: "GET",
        path: "/front/account/userMessage/getNotice",
        place: Place::Query,
        params: &[],
    },
    Call {
        id: "B33",
        family: Family::B,
        method: "GET",
        path: "/front/account/userMessage/list",
        place: Place::Query,
        params: &[
            Param {
                name: "createTimeEnd",
                kind: Kind::Text,
            },
            Param {
                name: "createTimeStart",
                kind: Kind::Text,
            },
            Param {
                name: "like[0].column",
                kind: Kind::Text,
            },
            Param {
                name: "like[0].like",
                kind: Kind::Text,
            },
            Param {
                name: "messageCat",
                kind: Kind::Text,
            },
            Param {
                name: "messageContent",
                kind: Kind::Text,
            },
            Param {
                name: "messageDataId",
                kind: Kind::Text,
            },
            Param {
                name: "messageDataType",
                kind: Kind::Integer,
            },
            Param {
                name: "messageH",
                kind: Kind::Integer,
            },
            Param {
                name: "messageId",
                kind: Kind::Integer,
            },
            Param {
                name: "messageIsDelete",
                kind: Kind::Text,
            },
            Param {
                name: "messageIsRead",
                kind: Kind::Text,
            },
            Param {
                name: "messageKind",
                kind: Kind::Integer,
            },
            Param {
                name: "messageLength",
                kind: Kind::Integer,
            },
            Param {
                name: "messageParentId",
                kind: Kind::Integer,
            },
            Param {
                name: "messageTime",
                kind: Kind::Integer,
            },
            Param {
                name: "messageTitle",
                kind: Kind::Text,
            },
            Param {
                name: "messageType",
                kind: Kind::Integer,
            },
            Param {
                name: "messageW",
                kind: Kind::Integer,
            },
            Param {
                name: "order[0].sidx",
                kind: Kind::Text,
            },
            Param {
                name: "order[0].sort",
                kind: Kind::Text,
            },
            Param {
                name: "page",
                kind: Kind::Integer,
            },
            Param {
                name: "sidx",
                kind: Kind::Text,
            },
            Param {
                name: "size",
                kind: Kind::Integer,
            },
            Param {
                name: "sort",
                kind: Kind::Text,
            },
            Param {
                name: "sourceType",
                kind: Kind::Integer,
            },
            Param {
                name: "userId",
                kind: Kind::Integer,
            },
            Param {
                name: "userNickname",
                kind: Kind::Text,
            },
            Param {
                name: "userOtherId",
                kind: Kind::Integer,
            },
            Param {
                name: "userOtherNickname",
                kind: Kind::Text,
            },
        ],
    },
    Call {
        id: "B34",
        family: Family::B,
        method: "GET",
        path: "/front/account/userMessage/listChatMsg",
        place: Place::Query,
        params: &[
            Param {
                name: "createTimeEnd",
                kind: Kind::Text,
            },
            Param {
                name: "createTimeStart",
                kind: Kind::Text,
            },
            Param {
                name: "like[0].column",
                kind: Kind::Text,
            },
            Param {
                name: "like[0].like",
                kind: Kind::Text,
            },
            Param {
                name: "messageCat",
                kind: Kind::Text,
            },
            Param {
                name: "messageContent",
                kind: Kind::Text,
            },
            Param {
                name: "messageDataId",
                kind: Kind::Text,
            },
            Param {
                name: "messageDataType",
                kind: Kind::Integer,
            },
            Param {
                name: "messageH",
                kind: Kind::Integer,
            },
            Param {
                name: "messageId",
                kind: Kind::Integer,
            },
            Param {
                name: "messageIsDelete",
                kind: Kind::Text,
            },
            Param {
                name: "messageIsRead",
                kind: Kind::Text,
            },
            Param {
                name: "messageKind",
                kind: Kind::Integer,
            },
            Param {
                name: "messageLength",
                kind: Kind::Integer,
            },
            Param {
                name: "messageParentId",
                kind: Kind::Integer,
            },
            Param {
                name: "messageTime",
                kind: Kind::Integer,
            },
            Param {
                name: "messageTitle",
                kind: Kind::Text,
            },
            Param {
                name: "messageType",
                kind: Kind::Integer,
            },
            Param {
                name: "messageW",
                kind: Kind::Integer,
            },
            Param {
                name: "order[0].sidx",
                kind: Kind::Text,
            },
            Param {
                name: "order[0].sort",
                kind: Kind::Text,
            },
            Param {
                name: "page",
                kind: Kind::Integer,
            },
            Param {
                name: "sidx",
                kind: Kind::Text,
            },
            Param {
                name: "size",
                kind: Kind::Integer,
            },
            Param {
                name: "sort",
                kind: Kind::Text,
            },
            Param {
                name: "sourceType",
                kind: Kind::Integer,
            },
            Param {
                name: "userId",
                kind: Kind::Integer,
            },
            Param {
                name: "userNickname",
                kind: Kind::Text,
            },
            Param {
                name: "userOtherId",
                kind: Kind::Integer,
            },
            Param {
                name: "userOtherNickname",
                kind: Kind::Text,
            },
        ],
    },
    Call {
        id: "B35",
        family: Family::B,
        method: "POST",
        path: "/front/account/userMessage/setRead",
        place: Place::Query,
        params: &[
            Param {
                name: "message_id",
                kind: Kind::Integer,
            },
            Param {
                name: "user_other_id",
                kind: Kind::Integer,
            },
        ],
    },
    Call {
        id: "B36",
        family: Family::B,
        method: "GET",
        path: "/front/account/user/bindMobile",
        place: Place::Query,
        params: &[
            Param {
                name: "bindType",
                kind: Kind::Integer,
            },
            Param {
                name: "encrypt",
                kind: Kind::Text,
            },
            Param {
                name: "password",
                kind: Kind::Text,
            },
            Param {
                name: "userAccount",
                kind: Kind::Text,
            },
            Param {
                name: "verifyCode",
                kind: Kind::Text,
            },
            Param {
                name: "verifyKey",
                kind: Kind::Text,
            },
        ],
    },
    Call {
        id: "B37",
        family: Family::B,
        method: "POST",
        path: "/front/account/user/bindMobile",
        place: Place::Query,
        params: &[
            Param {
                name: "bindType",
                kind: Kind::Integer,
            },
            Param {
                name: "encrypt",
                kind: Kind::Text,
            },
            Param {
                name: "password",
                kind: Kind::Text,
            },
            Param {
                name: "userAccount",
                kind: Kind::Text,
            },
            Param {
                name: "verifyCode",
                kind: Kind::Text,
            },
            Param {
                name: "verifyKey",
                kind: Kind::Text,
            },
        ],
    },
    Call {
        id: "B38",
        family: Family::B,
        method: "POST",
        path: "/front/account/user/edit",
        place: Place::Query,
        params: &[
            Param {
                name: "password",
                kind: Kind::Text,
            },
            Param {
                name: "tagIds",
                kind: Kind::Text,
            },
            Param {
                name: "userAccount",
                kind: Kind::Text,
            },
            Param {
                name: "userAvatar",
                kind: Kind::Text,
            },
            Param {
                name: "userBirthday",
                kind: Kind::Text,
            },
            Param {
                name: "userEmail",
                kind: Kind::Text,
            },
            Param {
                name: "userFrom",
                kind: Kind::Integer,
            },
            Param {
                name: "userGender",
                kind: Kind::Integer,
            },
            Param {
                name: "userId",
                kind: Kind::Integer,
            },
            Param {
                name: "userIdcard",
                kind: Kind::Text,
            },
            Param {
                name: "userIdcardImages",
                kind: Kind::Text,
            },
            Param {
                name: "userIntl",
                kind: Kind::Text,
            },
            Param {
                name: "userIsAuthentication",
                kind: Kind::Integer,
            },
            Param {
                name: "userLevelId",
                kind: Kind::Integer,
            },
            Param {
                name: "userMobile",
                kind: Kind::Text,
            },
            Param {
                name: "userNew",
                kind: Kind::Text,
            },
            Param {
                name: "userNickname",
                kind: Kind::Text,
            },
            Param {
                name: "userRealname",
                kind: Kind::Text,
            },
            Param {
                name: "userState",
                kind: Kind::Integer,
            },
        ],
    },
    Call {
        id: "B39",
        family: Family::B,
        method: "GET",
        path: "/front/account/user/info",
        place: Place::Query,
        params: &[],
    },
    Call {
        id: "B40",
        family: Family::B,
        method: "GET",
        path: "/front/account/user/listBaseUserLevel",
        place: Place::Query,
        params: &[],
    },
    Call {
        id: "B41",
        family: Family::B,
        method: "GET",
        path: "/front/account/user/listsExpRule",
        place: Place::Query,
        params: &[],
    },
    Call {
        id: "B42",
        family: Family::B,
        method: "POST",
        path: "/front/account/user/saveCertificate",
        place: Place::Query,
        params: &[
            Param {
                name: "password",
                kind: Kind::Text,
            },
            Param {
                name: "tagIds",
                kind: Kind::Text,
            },
            Param {
                name: "userAccount",
                kind: Kind::Text,
            },
            Param {
                name: "userAvatar",
                kind: Kind::Text,
            },
            Param {
                name: "userBirthday",
                kind: Kind::Text,
            },
            Param {
                name: "userEmail",
                kind: Kind::Text,
            },
            Param {
                name: "userFrom",
                kind: Kind::Integer,
            },
            Param {
                name: "userGender",
                kind: Kind::Integer,
            },
            Param {
                name: "userId",
                kind: Kind::Integer,
            },
            Param {
                name: "userIdcard",
                kind: Kind::Text,
            },
            Param {
                name: "userIdcardImages",
                kind: Kind::Text,
            },
            Param {
                name: "userIntl",
                kind: Kind::Text,
            },
            Param {
                name: "userIsAuthentication",
                kind: Kind::Integer,
            },
            Param {
                name: "userLevelId",
                kind: Kind::Integer,
            },
            Param {
                name: "userMobile",
                kind: Kind::Text,
            },
            Param {
                name: "userNew",
                kind: Kind::Text,
            },
            Param {
                name: "userNickname",
                kind: Kind::Text,
            },
            Param {
                name: "userRealname",
                kind: Kind::Text,
            },
            Param {
                name: "userState",
                kind: Kind::Integer,
            },
        ],
    },
    Call {
        id: "B43",
        family: Family::B,
        method: "GET",
        path: "/front/account/user/unBindMobile",
        place: Place::Query,
        params: &[
            Param {
                name: "bindType",
                kind: Kind::Integer,
            },
            Param {
                name: "encrypt",
                kind: Kind::Text,
            },
            Param {
                name: "password",
                kind: Kind::Text,
            },
            Param {
                name: "userAccount",
                kind: Kind::Text,
            },
            Param {
                name: "verifyCode",
                kind: Kind::Text,
            },
            Param {
                name: "verifyKey",
                kind: Kind::Text,
            },
        ],
    },
    Call {
        id: "B44",
        family: Family::B,
        method: "POST",
        path: "/front/account/user/unBindMobile",
        place: Place::Query,
        params: &[
            Param {
                name: "bindType",
                kind: Kind::Integer,
            },
            Param {
                name: "encrypt",
                kind: Kind::Text,
            },
            Param {
                name: "password",
                kind: Kind::Text,
            },
            Param {
                name: "userAccount",
                kind: Kind::Text,
            },
            Param {
                name: "verifyCode",
                kind: Kind::Text,
            },
            Param {
                name: "verifyKey",
                kind: Kind::Text,
            },
        ],
    },
    Call {
        id: "B45",
        family: Family::B,
        method: "GET",
        path: "/front/account/wechat/callbackMessage",
        place: Place::Query,
        params: &[],
    },
    Call {
        id: "B46",
        family: Family::B,
        method: "GET",
        path: "/front/account/wechat/callbackMp",
        place: Place::Query,
        params: &[
            Param {
                name: "activity_id",
                kind: Kind::Text,
            },
            Param {
                name: "code",
                kind: Kind::Text,
            },
        ],
    },
    Call {
        id: "B47",
        family: Family::B,
        method: "GET",
        path: "/front/account/wechat/callbackPc",
        place: Place::Query,
        params: &[Param {
            name: "code",
            kind: Kind::Text,
        }],
    },
    Call {
        id: "B48",
        family: Family::B,
        method: "GET",
        path: "/front/account/wechat/checkAppLogin",
        place: Place::Query,
        params: &[Param {
            name: "code",
            kind: Kind::Text,
        }],
    },
    Call {
        id: "B49",
        family: Family::B,
        method: "GET",
        path: "/front/account/wechat/getOpenIdByCode",
        place: Place::Query,
        params: &[Param {
            name: "code",
            kind: Kind::Text,
        }],
    },
    Call {
        id: "B50",
        family: Family::B,
        method: "GET",
        path: "/front/account/wechat/getQrCode",
        place: Place::Query,
        params: &[],
    },
    Call {
        id: "B51",
        family: Family::B,
        method: "GET",
        path: "/front/account/wechat/getUserPhoneNumber",
        place: Place::Query,
        params: &[Param {
            name: "code",
            kind: Kind::Text,
        }],
    },
    Call {
        id: "B52",
        family: Family::B,
        method: "GET",
        path: "/front/account/wechat/getXcxAccessToken",
        place: Place::Query,
        params: &[Param {
            name: "useCacheFlag",
            kind: Kind::Text,
        }],
    },
    Call {
        id: "B53",
        family: Family::B,
        method: "GET",
        path: "/front/account/wechat/index",
        place: Place::Query,
        params: &[
            Param {
                name: "timestamp",
                kind: Kind::Text,
            },
            Param {
                name: "signature",
                kind: Kind::Text,
            },
            Param {
                name: "nonce",
                kind: Kind::Text,
            },
            Param {
                name: "echostr",
                kind: Kind::Text,
            },
        ],
    },
    Call {
        id: "B54",
        family: Family::B,
        method: "GET",
        path: "/front/account/wechat/jsCode2Session",
        place: Place::Query,
        params: &[
            Param {
                name: "code",
                kind: Kind::Text,
            },
            Param {
                name: "encryptedData",
                kind: Kind::Text,
            },
            Param {
                name: "iv",
                kind: Kind::Text,
            },
            Param {
                name: "activity_id",
                kind: Kind::Text,
            },
            Param {
                name: "user_info",
                kind: Kind::Text,
            },
        ],
    },
    Call {
        id: "B55",
        family: Family::B,
        method: "GET",
        path: "/front/account/wechat/redirectToWxCode",
        place: Place::Query,
        params: &[],
    },
    Call {
        id: "B56",
        family: Family::B,
        method: "GET",
        path: "/front/account/wechat/wxConfig",
        place: Place::Query,
        params: &[Param {
            name: "href",
            kind: Kind::Text,
        }],
    },
    Call {
        id: "C1",
        family: Family::C,
        method: "POST",
        path: "/srv/v1/login",
        place: Place::Body,
        params: &[
            Param {
                name: "username",
                kind: Kind::Text,
            },
            Param {
                name: "password",
                kind: Kind::Text,
            },
            Param {
                name: "phonenumber",
                kind: Kind::Text,
            },
            Param {
                name: "authorizationcode",
                kind: Kind::Text,
            },
        ],
    },
    Call {
        id: "C2",
        family: Family::C,
        method: "POST",
        path: "/srv/v1/account",
        place: Place::Body,
        params: &[
            Param {
                name: "authorizationcode",
                kind: Kind::Text,
            },
            Param {
                name: "data",
                kind: Kind::Object,
            },
            Param {
                name: "mailaddress",
                kind: Kind::Text,
            },
            Param {
                name: "password",
                kind: Kind::Text,
            },
            Param {
                name: "phonenumber",
                kind: Kind::Text,
            },
            Param {
                name: "registersource",
                kind: Kind::Text,
            },
            Param {
                name: "username",
                kind: Kind::Text,
            },
            Param {
                name: "verificationcode",
                kind: Kind::Text,
            },
        ],
    },
    Call {
        id: "C3",
        family: Family::C,
        method: "POST",
        path: "/srv/v1/password",
        place: Place::Body,
        params: &[
            Param {
                name: "access_token",
                kind: Kind::Text,
            },
            Param {
                name: "authorizationcode",
                kind: Kind::Text,
            },
            Param {
                name: "newpassword",
                kind: Kind::Text,
            },
            Param {
                name: "oldpassword",
                kind: Kind::Text,
            },
        ],
    },
    Call {
        id: "C4",
        family: Family::C,
        method: "POST",
        path: "/srv/v1/pic/upload",
        place: Place::Form,
        params: &[
            Param {
                name: "access_token",
                kind: Kind::Text,
            },
            Param {
                name: "file",
                kind: Kind::Object,
            },
            Param {
                name: "type",
                kind: Kind::Text,
            },
        ],
    },
    Call {
        id: "C5",
        family: Family::C,
        method: "GET",
        path: "/srv/v1/authorization",
        place: Place::Query,
        params: &[
            Param {
                name: "client_id",
                kind: Kind::Text,
            },
            Param {
                name: "client_secret",
                kind: Kind::Text,
            },
            Param {
                name: "redirect_uri",
                kind: Kind::Text,
            },
            Param {
                name: "response_type",
                kind: Kind::Text,
            },
            Param {
                name: "scope",
                kind: Kind::Text,
            },
        ],
    },
    Call {
        id: "C6",
        family: Family::C,
        method: "GET",
        path: "/srv/v1/verifyVerificationCode",
        place: Place::Query,
        params: &[
            Param {
                name: "authorizationcode",
                kind: Kind::Text,
            },
            Param {
                name: "phonenumber",
                kind: Kind::Text,
            },
            Param {
                name: "verificationcode",
                kind: Kind::Text,
            },
        ],
    },
    Call {
        id: "C7",
        family: Family::C,
        method: "GET",
        path: "/srv/v1/checkPhonenumber",
        place: Place::Query,
        params: &[
            Param {
                name: "authorizationcode",
                kind: Kind::Text,
            },
            Param {
                name: "phonenumber",
                kind: Kind::Text,
            },
        ],
    },
    Call {
        id: "C8",
        family: Family::C,
        method: "POST",
        path: "/srv/v1/forgetpassword",
        place: Place::Body,
        params: &[
            Param {
                name: "authorizationcode",
                kind: Kind::Text,
            },
            Param {
                name: "newpassword",
                kind: Kind::Text,
            },
            Param {
                name: "phonenumber",
                kind: Kind::Text,
            },
            Param {
                name: "verificationcode",
                kind: Kind::Text,
            },
        ],
    },
    Call {
        id: "C9",
        family: Family::C,
        method: "GET",
        path: "/srv/v1/accountDetail",
        place: Place::Query,
        params: &[Param {
            name: "access_token",
            kind: Kind::Text,
        }],
    },
    Call {
        id: "C10",
        family: Family::C,
        method: "POST",
        path: "/srv/v1/refresh",
        place: Place::Body,
        params: &[Param {
            name: "refresh_token",
            kind: Kind::Text,
        }],
    },
];

// Generated from lcs-core's bridge registry by `make bindings`; do not edit.

/** Each method: what its data holds, whether only trusted origins may call it, and whether it answers without a callback. */
export const METHODS = Object.freeze({
  "openPage": {
    "takes": "page",
    "trustedOnly": false,
    "synchronous": false
  },
  "closePage": {
    "takes": "nothing",
    "trustedOnly": false,
    "synchronous": false
  },
  "toast": {
    "takes": "message",
    "trustedOnly": false,
    "synchronous": false
  },
  "showLoading": {
    "takes": "optionalMessage",
    "trustedOnly": false,
    "synchronous": false
  },
  "hideLoading": {
    "takes": "nothing",
    "trustedOnly": false,
    "synchronous": false
  },
  "getNetType": {
    "takes": "nothing",
    "trustedOnly": false,
    "synchronous": true
  },
  "getAppInfo": {
    "takes": "nothing",
    "trustedOnly": false,
    "synchronous": true
  },
  "getUserInfo": {
    "takes": "nothing",
    "trustedOnly": true,
    "synchronous": false
  }
})

/** The answer codes by name; the numbers never change. */
export const CODES = Object.freeze({
  "OK": 0,
  "UNKNOWN_METHOD": 1001,
  "UNKNOWN_ROUTE": 1002,
  "FORBIDDEN": 1003,
  "BAD_PARAMS": 1004,
  "PAYLOAD_TOO_LARGE": 1005,
  "CANCELLED": 1006,
  "LOGIN_REQUIRED": 1007,
  "TIMEOUT": 1008,
  "SYNC_UNSUPPORTED": 1009,
  "TOO_MANY_REQUESTS": 1010
})

/** The native pages `openPage` opens, with their parameters. */
export const ROUTES = Object.freeze({
  "lcs.home": {
    "needsLogin": false,
    "partnerMayOpen": true,
    "params": {}
  },
  "lcs.account.login": {
    "needsLogin": false,
    "partnerMayOpen": true,
    "params": {
      "family": {
        "kind": "enum",
        "values": [
          "customer",
          "user_center",
          "planner"
        ],
        "required": false
      }
    }
  },
  "lcs.account.register": {
    "needsLogin": false,
    "partnerMayOpen": true,
    "params": {
      "family": {
        "kind": "enum",
        "values": [
          "customer",
          "user_center",
          "planner"
        ],
        "required": false
      }
    }
  },
  "lcs.account.forgetpwd": {
    "needsLogin": false,
    "partnerMayOpen": true,
    "params": {
      "family": {
        "kind": "enum",
        "values": [
          "customer",
          "user_center",
          "planner"
        ],
        "required": false
      }
    }
  },
  "lcs.account.setpwd": {
    "needsLogin": false,
    "partnerMayOpen": false,
    "params": {}
  },
  "lcs.account.password": {
    "needsLogin": true,
    "partnerMayOpen": false,
    "params": {}
  },
  "lcs.account.personinfo": {
    "needsLogin": true,
    "partnerMayOpen": false,
    "params": {}
  },
  "lcs.account.edit": {
    "needsLogin": true,
    "partnerMayOpen": false,
    "params": {}
  },
  "lcs.account.certify": {
    "needsLogin": true,
    "partnerMayOpen": false,
    "params": {}
  },
  "lcs.account.mobile": {
    "needsLogin": true,
    "partnerMayOpen": false,
    "params": {}
  },
  "lcs.account.level": {
    "needsLogin": true,
    "partnerMayOpen": false,
    "params": {}
  },
  "lcs.account.switch": {
    "needsLogin": true,
    "partnerMayOpen": false,
    "params": {}
  },
  "lcs.address.list": {
    "needsLogin": true,
    "partnerMayOpen": false,
    "params": {}
  },
  "lcs.address.edit": {
    "needsLogin": true,
    "partnerMayOpen": false,
    "params": {
      "id": {
        "kind": "integer",
        "min": 1,
        "max": 9223372036854775807,
        "required": false
      }
    }
  },
  "lcs.invoice.list": {
    "needsLogin": true,
    "partnerMayOpen": false,
    "params": {}
  },
  "lcs.invoice.edit": {
    "needsLogin": true,
    "partnerMayOpen": false,
    "params": {
      "id": {
        "kind": "integer",
        "min": 1,
        "max": 9223372036854775807,
        "required": false
      }
    }
  },
  "lcs.message.list": {
    "needsLogin": true,
    "partnerMayOpen": false,
    "params": {
      "tab": {
        "kind": "enum",
        "values": [
          "notice",
          "message"
        ],
        "required": false
      }
    }
  },
  "lcs.message.chat": {
    "needsLogin": true,
    "partnerMayOpen": false,
    "params": {
      "userId": {
        "kind": "text",
        "max": 256,
        "required": true
      }
    }
  },
  "lcs.settings": {
    "needsLogin": false,
    "partnerMayOpen": false,
    "params": {}
  },
  "lcs.protocol": {
    "needsLogin": false,
    "partnerMayOpen": true,
    "params": {}
  },
  "lcs.web": {
    "needsLogin": false,
    "partnerMayOpen": true,
    "params": {
      "url": {
        "kind": "url",
        "required": true
      }
    }
  }
})

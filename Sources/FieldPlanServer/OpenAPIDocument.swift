/// The OpenAPI 3.1 document of every route the service serves, as `GET /api/openapi.json`
/// answers it. Kept by hand beside the routes: `OpenAPITests` fails when a route of the
/// router is missing here, and checks answers against these schemas.
enum OpenAPIDocument {
    static let json = #"""
{
 "openapi": "3.1.0",
 "info": {
  "title": "fieldplan",
  "version": "1.0.0",
  "description": "The fieldplan service (SPEC §8): one shared store over HTTP. Every /api route needs `Authorization: Bearer TOKEN` (docs/service.md)."
 },
 "servers": [
  {
   "url": "http://127.0.0.1:8080"
  }
 ],
 "security": [
  {
   "bearer": []
  }
 ],
 "paths": {
  "/api/me": {
   "get": {
    "operationId": "me",
    "summary": "Who the token belongs to (any user): name, role and, for an agent, its agent id. Issue 14: the web app asks it at sign-in.",
    "responses": {
     "200": {
      "description": "OK",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Me"
        }
       }
      }
     },
     "401": {
      "$ref": "#/components/responses/Unauthorized"
     },
     "503": {
      "$ref": "#/components/responses/Unavailable"
     }
    }
   }
  },
  "/api/zones/map": {
   "get": {
    "operationId": "zoneMapData",
    "summary": "The zone map as data (supervisor): zones with colour, figures, centroid and outline rings; located accounts as parallel arrays (zone as an index into zones, -1 for none); active agents with base and zone; bounds. Issue 14: the web app's map.",
    "responses": {
     "200": {
      "description": "OK",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/ZoneMapData"
        }
       }
      }
     },
     "401": {
      "$ref": "#/components/responses/Unauthorized"
     },
     "403": {
      "$ref": "#/components/responses/Forbidden"
     },
     "503": {
      "$ref": "#/components/responses/Unavailable"
     }
    }
   }
  },
  "/healthz": {
   "get": {
    "operationId": "health",
    "summary": "The process answers and the store can be read. No token.",
    "security": [],
    "responses": {
     "200": {
      "description": "OK",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Health"
        }
       }
      }
     },
     "503": {
      "description": "The store did not answer in time.",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     }
    }
   }
  },
  "/api/openapi.json": {
   "get": {
    "operationId": "openapi",
    "summary": "This document (any valid token).",
    "responses": {
     "200": {
      "description": "The OpenAPI 3.1 document.",
      "content": {
       "application/json": {
        "schema": {
         "type": "object"
        }
       }
      }
     },
     "401": {
      "$ref": "#/components/responses/Unauthorized"
     },
     "503": {
      "$ref": "#/components/responses/Unavailable"
     }
    }
   }
  },
  "/api/accounts": {
   "get": {
    "operationId": "listAccounts",
    "summary": "A page of accounts in id order, never national_id (supervisor).",
    "parameters": [
     {
      "name": "q",
      "in": "query",
      "required": false,
      "description": "A search box: an account whose id starts with it, or whose debtor name or phone holds it, in any case. Every character matches itself.",
      "schema": {
       "type": "string"
      }
     },
     {
      "name": "status",
      "in": "query",
      "required": false,
      "description": "Only this status.",
      "schema": {
       "type": "string",
       "enum": [
        "open",
        "ptp",
        "paid",
        "closed",
        "disputed",
        "legal_hold",
        "deceased",
        "do_not_visit"
       ]
      }
     },
     {
      "name": "client",
      "in": "query",
      "required": false,
      "description": "Only this client, any case.",
      "schema": {
       "type": "string"
      }
     },
     {
      "name": "unlocated",
      "in": "query",
      "required": false,
      "description": "Only accounts without coordinates.",
      "schema": {
       "type": "boolean"
      }
     },
     {
      "name": "zone",
      "in": "query",
      "required": false,
      "description": "Only accounts of this zone.",
      "schema": {
       "type": "string"
      }
     },
     {
      "name": "limit",
      "in": "query",
      "required": false,
      "description": "At most this many (default 100).",
      "schema": {
       "type": "integer",
       "minimum": 1,
       "maximum": 1000
      }
     },
     {
      "name": "after",
      "in": "query",
      "required": false,
      "description": "Ids after this one: the `next` of the previous page.",
      "schema": {
       "type": "string"
      }
     }
    ],
    "responses": {
     "400": {
      "$ref": "#/components/responses/BadRequest"
     },
     "401": {
      "$ref": "#/components/responses/Unauthorized"
     },
     "403": {
      "$ref": "#/components/responses/Forbidden"
     },
     "503": {
      "$ref": "#/components/responses/Unavailable"
     },
     "200": {
      "description": "OK",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/AccountPage"
        }
       }
      }
     }
    }
   }
  },
  "/api/accounts/{id}": {
   "get": {
    "operationId": "showAccount",
    "summary": "One account with its history and audit; an agent only its own, masked as its sheet.",
    "parameters": [
     {
      "name": "id",
      "in": "path",
      "required": true,
      "description": "The account id.",
      "schema": {
       "type": "string"
      }
     }
    ],
    "responses": {
     "400": {
      "$ref": "#/components/responses/BadRequest"
     },
     "401": {
      "$ref": "#/components/responses/Unauthorized"
     },
     "403": {
      "description": "An agent asking for what is not its own.",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     },
     "503": {
      "$ref": "#/components/responses/Unavailable"
     },
     "200": {
      "description": "OK",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/AccountDetail"
        }
       }
      }
     },
     "404": {
      "description": "No such account (supervisor).",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     }
    }
   }
  },
  "/api/agents": {
   "get": {
    "operationId": "listAgents",
    "summary": "Every agent (supervisor).",
    "responses": {
     "400": {
      "$ref": "#/components/responses/BadRequest"
     },
     "401": {
      "$ref": "#/components/responses/Unauthorized"
     },
     "403": {
      "$ref": "#/components/responses/Forbidden"
     },
     "503": {
      "$ref": "#/components/responses/Unavailable"
     },
     "200": {
      "description": "The agents in id order. One JSON object per line, each as the schema.",
      "content": {
       "application/x-ndjson": {
        "schema": {
         "$ref": "#/components/schemas/Agent"
        }
       }
      }
     }
    }
   }
  },
  "/api/settings": {
   "get": {
    "operationId": "showSettings",
    "summary": "Every setting (supervisor).",
    "responses": {
     "400": {
      "$ref": "#/components/responses/BadRequest"
     },
     "401": {
      "$ref": "#/components/responses/Unauthorized"
     },
     "403": {
      "$ref": "#/components/responses/Forbidden"
     },
     "503": {
      "$ref": "#/components/responses/Unavailable"
     },
     "200": {
      "description": "OK",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Settings"
        }
       }
      }
     }
    }
   }
  },
  "/api/settings/{key}": {
   "put": {
    "operationId": "setSetting",
    "summary": "Change one setting, validated as `fieldplan settings set` (supervisor).",
    "parameters": [
     {
      "name": "key",
      "in": "path",
      "required": true,
      "description": "The setting's key (docs/store.md).",
      "schema": {
       "type": "string"
      }
     }
    ],
    "requestBody": {
     "required": true,
     "content": {
      "application/json": {
       "schema": {
        "$ref": "#/components/schemas/SettingValue"
       }
      }
     }
    },
    "responses": {
     "400": {
      "$ref": "#/components/responses/BadRequest"
     },
     "401": {
      "$ref": "#/components/responses/Unauthorized"
     },
     "403": {
      "$ref": "#/components/responses/Forbidden"
     },
     "503": {
      "$ref": "#/components/responses/Unavailable"
     },
     "413": {
      "$ref": "#/components/responses/TooLarge"
     },
     "415": {
      "$ref": "#/components/responses/UnsupportedType"
     },
     "200": {
      "description": "OK",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/SettingKept"
        }
       }
      }
     },
     "404": {
      "description": "No such setting.",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     }
    }
   }
  },
  "/api/zones": {
   "get": {
    "operationId": "listZones",
    "summary": "Every zone as stored (supervisor).",
    "responses": {
     "400": {
      "$ref": "#/components/responses/BadRequest"
     },
     "401": {
      "$ref": "#/components/responses/Unauthorized"
     },
     "403": {
      "$ref": "#/components/responses/Forbidden"
     },
     "503": {
      "$ref": "#/components/responses/Unavailable"
     },
     "200": {
      "description": "The zones in id order. One JSON object per line, each as the schema.",
      "content": {
       "application/x-ndjson": {
        "schema": {
         "$ref": "#/components/schemas/Zone"
        }
       }
      }
     }
    }
   }
  },
  "/api/plans/week": {
   "post": {
    "operationId": "runWeekPlan",
    "summary": "Plan consecutive days in one optimisation and store each day as its next version, as `fieldplan plan --from D --days N --format json` (supervisor). The search runs at most the cap of seconds for the whole horizon.",
    "requestBody": {
     "required": true,
     "content": {
      "application/json": {
       "schema": {
        "$ref": "#/components/schemas/WeekPlanRequest"
       }
      }
     }
    },
    "responses": {
     "400": {
      "$ref": "#/components/responses/BadRequest"
     },
     "401": {
      "$ref": "#/components/responses/Unauthorized"
     },
     "403": {
      "$ref": "#/components/responses/Forbidden"
     },
     "503": {
      "$ref": "#/components/responses/Unavailable"
     },
     "413": {
      "$ref": "#/components/responses/TooLarge"
     },
     "422": {
      "description": "Refused: the first day is before today, a day of the horizon has outcomes or a locked route (re-plan it alone), or nobody works on any of the days.",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     },
     "200": {
      "description": "The days as stored: the horizon's totals and evenness, then each day as `POST /api/plans/{date}` answers it.",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/WeekPlanRun"
        }
       }
      }
     }
    }
   }
  },
  "/api/plans/{date}": {
   "post": {
    "operationId": "runPlan",
    "summary": "Plan the day and store it as its next version, as `fieldplan plan --date D --format json` (supervisor). The search runs at most the cap of seconds.",
    "parameters": [
     {
      "name": "date",
      "in": "path",
      "required": true,
      "description": "The planned day, YYYY-MM-DD.",
      "schema": {
       "type": "string"
      }
     }
    ],
    "requestBody": {
     "required": false,
     "content": {
      "application/json": {
       "schema": {
        "$ref": "#/components/schemas/PlanRequest"
       }
      }
     }
    },
    "responses": {
     "400": {
      "$ref": "#/components/responses/BadRequest"
     },
     "401": {
      "$ref": "#/components/responses/Unauthorized"
     },
     "403": {
      "$ref": "#/components/responses/Forbidden"
     },
     "503": {
      "$ref": "#/components/responses/Unavailable"
     },
     "404": {
      "description": "A stored plan the run builds on could not be found.",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     },
     "413": {
      "$ref": "#/components/responses/TooLarge"
     },
     "422": {
      "description": "Refused: the day has started or is past (without `force`), an absent agent's route must be kept, or nobody works that day.",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     },
     "200": {
      "description": "The plan as stored: its version, totals, routes (without stops), unplanned visits and the changes from the previous version.",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/PlanRun"
        }
       }
      }
     }
    }
   },
   "get": {
    "operationId": "showPlan",
    "summary": "A stored version of the day's plan, as `fieldplan plan show --format json`: a supervisor any, an agent only its own route (`agent=` its own id).",
    "parameters": [
     {
      "name": "date",
      "in": "path",
      "required": true,
      "description": "The planned day, YYYY-MM-DD.",
      "schema": {
       "type": "string"
      }
     },
     {
      "name": "version",
      "in": "query",
      "required": false,
      "description": "The version (default the latest).",
      "schema": {
       "type": "integer",
       "minimum": 1
      }
     },
     {
      "name": "agent",
      "in": "query",
      "required": false,
      "description": "Only this agent's route and the unplanned visits that are theirs or nobody's; an agent must give its own id.",
      "schema": {
       "type": "string"
      }
     }
    ],
    "responses": {
     "400": {
      "$ref": "#/components/responses/BadRequest"
     },
     "401": {
      "$ref": "#/components/responses/Unauthorized"
     },
     "403": {
      "description": "An agent asking for the whole plan or another agent's route.",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     },
     "503": {
      "$ref": "#/components/responses/Unavailable"
     },
     "404": {
      "description": "No plan that day, no such version, or no route for the agent.",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     },
     "200": {
      "description": "The stored plan with its routes and stops.",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/PlanReading"
        }
       }
      }
     }
    }
   }
  },
  "/api/sheets/{date}/{agent}": {
   "get": {
    "operationId": "sheet",
    "summary": "An agent's route sheet, as `fieldplan sheet --date D --agent A`, masked as it masks it; an agent only its own.",
    "parameters": [
     {
      "name": "date",
      "in": "path",
      "required": true,
      "description": "The planned day, YYYY-MM-DD.",
      "schema": {
       "type": "string"
      }
     },
     {
      "name": "agent",
      "in": "path",
      "required": true,
      "description": "The agent's id.",
      "schema": {
       "type": "string"
      }
     },
     {
      "name": "format",
      "in": "query",
      "required": false,
      "description": "The format.",
      "schema": {
       "type": "string",
       "enum": [
        "html",
        "text",
        "csv"
       ],
       "default": "html"
      }
     }
    ],
    "responses": {
     "400": {
      "$ref": "#/components/responses/BadRequest"
     },
     "401": {
      "$ref": "#/components/responses/Unauthorized"
     },
     "403": {
      "description": "An agent asking for what is not its own.",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     },
     "503": {
      "$ref": "#/components/responses/Unavailable"
     },
     "404": {
      "description": "No such agent, or no plan for the agent that day.",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     },
     "200": {
      "description": "The sheet in the asked format.",
      "content": {
       "text/html": {
        "schema": {
         "type": "string"
        }
       },
       "text/plain": {
        "schema": {
         "type": "string"
        }
       },
       "text/csv": {
        "schema": {
         "type": "string"
        }
       }
      }
     }
    }
   }
  },
  "/api/packets/{date}/{agent}": {
   "get": {
    "operationId": "packet",
    "summary": "An agent's day packet, as `fieldplan sync export`; an agent only its own.",
    "parameters": [
     {
      "name": "date",
      "in": "path",
      "required": true,
      "description": "The planned day, YYYY-MM-DD.",
      "schema": {
       "type": "string"
      }
     },
     {
      "name": "agent",
      "in": "path",
      "required": true,
      "description": "The agent's id.",
      "schema": {
       "type": "string"
      }
     }
    ],
    "responses": {
     "400": {
      "$ref": "#/components/responses/BadRequest"
     },
     "401": {
      "$ref": "#/components/responses/Unauthorized"
     },
     "403": {
      "description": "An agent asking for what is not its own.",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     },
     "503": {
      "$ref": "#/components/responses/Unavailable"
     },
     "200": {
      "description": "The packet header, route, visits and debtors. One JSON object per line, each as the schema.",
      "content": {
       "application/x-ndjson": {
        "schema": {
         "$ref": "#/components/schemas/PacketLine"
        }
       }
      }
     },
     "404": {
      "description": "No plan that day, or no route for the agent.",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     }
    }
   }
  },
  "/api/import": {
   "post": {
    "operationId": "import",
    "summary": "Import NDJSON or CSV as `fieldplan import` (supervisor); the body is streamed to disk, never held in memory.",
    "parameters": [
     {
      "name": "dry_run",
      "in": "query",
      "required": false,
      "description": "Validate and report, change nothing.",
      "schema": {
       "type": "boolean"
      }
     },
     {
      "name": "ignore_unknown_columns",
      "in": "query",
      "required": false,
      "description": "Warn about CSV columns no field has and import the rest, instead of refusing the body.",
      "schema": {
       "type": "boolean"
      }
     },
     {
      "name": "csv_kind",
      "in": "query",
      "required": false,
      "description": "The kind of every row of a CSV body without a kind column.",
      "schema": {
       "type": "string",
       "enum": [
        "account",
        "agent",
        "appointment",
        "payment",
        "outcome",
        "zone"
       ]
      }
     }
    ],
    "requestBody": {
     "required": true,
     "content": {
      "application/x-ndjson": {
       "schema": {
        "$ref": "#/components/schemas/RecordLine"
       }
      },
      "text/csv": {
       "schema": {
        "type": "string"
       }
      }
     }
    },
    "responses": {
     "400": {
      "$ref": "#/components/responses/BadRequest"
     },
     "401": {
      "$ref": "#/components/responses/Unauthorized"
     },
     "403": {
      "$ref": "#/components/responses/Forbidden"
     },
     "503": {
      "$ref": "#/components/responses/Unavailable"
     },
     "413": {
      "$ref": "#/components/responses/TooLarge"
     },
     "415": {
      "$ref": "#/components/responses/UnsupportedType"
     },
     "200": {
      "description": "The summary, whether or not lines were rejected.",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/ImportSummary"
        }
       }
      }
     }
    }
   }
  },
  "/api/sync": {
   "post": {
    "operationId": "sync",
    "summary": "Merge outcomes and payments exactly once, as `fieldplan sync import`; an agent only its own outcomes (other lines rejected, the rest kept).",
    "parameters": [
     {
      "name": "now",
      "in": "query",
      "required": false,
      "description": "The import's clock: ISO 8601 instant or local YYYY-MM-DDTHH:MM.",
      "schema": {
       "type": "string"
      }
     }
    ],
    "requestBody": {
     "required": true,
     "content": {
      "application/x-ndjson": {
       "schema": {
        "$ref": "#/components/schemas/RecordLine"
       }
      }
     }
    },
    "responses": {
     "400": {
      "$ref": "#/components/responses/BadRequest"
     },
     "401": {
      "$ref": "#/components/responses/Unauthorized"
     },
     "403": {
      "description": "An agent asking for what is not its own.",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     },
     "503": {
      "$ref": "#/components/responses/Unavailable"
     },
     "413": {
      "$ref": "#/components/responses/TooLarge"
     },
     "415": {
      "$ref": "#/components/responses/UnsupportedType"
     },
     "200": {
      "description": "The summary, whether or not lines were rejected.",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/SyncSummary"
        }
       }
      }
     }
    }
   }
  },
  "/api/export": {
   "get": {
    "operationId": "export",
    "summary": "The store as NDJSON that import takes back, streamed (supervisor).",
    "parameters": [
     {
      "name": "kind",
      "in": "query",
      "required": false,
      "description": "Comma-separated kinds (default every importable kind); visit,route need date.",
      "schema": {
       "type": "string"
      }
     },
     {
      "name": "date",
      "in": "query",
      "required": false,
      "description": "The planned day for visit and route lines, YYYY-MM-DD.",
      "schema": {
       "type": "string"
      }
     },
     {
      "name": "since",
      "in": "query",
      "required": false,
      "description": "Only records changed at or after this ISO 8601 instant.",
      "schema": {
       "type": "string"
      }
     }
    ],
    "responses": {
     "400": {
      "$ref": "#/components/responses/BadRequest"
     },
     "401": {
      "$ref": "#/components/responses/Unauthorized"
     },
     "403": {
      "$ref": "#/components/responses/Forbidden"
     },
     "503": {
      "$ref": "#/components/responses/Unavailable"
     },
     "200": {
      "description": "The records in dependency order. One JSON object per line, each as the schema.",
      "content": {
       "application/x-ndjson": {
        "schema": {
         "$ref": "#/components/schemas/RecordLine"
        }
       }
      }
     },
     "404": {
      "description": "No plan that day.",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     }
    }
   }
  },
  "/api/review": {
   "get": {
    "operationId": "review",
    "summary": "Flagged outcomes and sync conflicts (supervisor).",
    "parameters": [
     {
      "name": "all",
      "in": "query",
      "required": false,
      "description": "Include resolved items.",
      "schema": {
       "type": "boolean"
      }
     }
    ],
    "responses": {
     "400": {
      "$ref": "#/components/responses/BadRequest"
     },
     "401": {
      "$ref": "#/components/responses/Unauthorized"
     },
     "403": {
      "$ref": "#/components/responses/Forbidden"
     },
     "503": {
      "$ref": "#/components/responses/Unavailable"
     },
     "200": {
      "description": "The review items. One JSON object per line, each as the schema.",
      "content": {
       "application/x-ndjson": {
        "schema": {
         "$ref": "#/components/schemas/ReviewItem"
        }
       }
      }
     }
    }
   }
  },
  "/api/audit": {
   "get": {
    "operationId": "audit",
    "summary": "The audit trail (supervisor).",
    "parameters": [
     {
      "name": "account",
      "in": "query",
      "required": false,
      "description": "Only this account.",
      "schema": {
       "type": "string"
      }
     }
    ],
    "responses": {
     "400": {
      "$ref": "#/components/responses/BadRequest"
     },
     "401": {
      "$ref": "#/components/responses/Unauthorized"
     },
     "403": {
      "$ref": "#/components/responses/Forbidden"
     },
     "503": {
      "$ref": "#/components/responses/Unavailable"
     },
     "200": {
      "description": "The changes, oldest first. One JSON object per line, each as the schema.",
      "content": {
       "application/x-ndjson": {
        "schema": {
         "$ref": "#/components/schemas/AuditEntry"
        }
       }
      }
     }
    }
   }
  },
  "/api/clearances": {
   "get": {
    "operationId": "clearances",
    "summary": "Accounts brought to zero by payments (supervisor).",
    "parameters": [
     {
      "name": "state",
      "in": "query",
      "required": false,
      "description": "Only pending or confirmed ones.",
      "schema": {
       "type": "string",
       "enum": [
        "pending",
        "confirmed"
       ]
      }
     }
    ],
    "responses": {
     "400": {
      "$ref": "#/components/responses/BadRequest"
     },
     "401": {
      "$ref": "#/components/responses/Unauthorized"
     },
     "403": {
      "$ref": "#/components/responses/Forbidden"
     },
     "503": {
      "$ref": "#/components/responses/Unavailable"
     },
     "200": {
      "description": "The clearances. One JSON object per line, each as the schema.",
      "content": {
       "application/x-ndjson": {
        "schema": {
         "$ref": "#/components/schemas/Clearance"
        }
       }
      }
     }
    }
   }
  },
  "/api/reports/daily": {
   "get": {
    "operationId": "dailyReport",
    "summary": "One day's report (supervisor).",
    "parameters": [
     {
      "name": "date",
      "in": "query",
      "required": true,
      "description": "The day, YYYY-MM-DD.",
      "schema": {
       "type": "string"
      }
     },
     {
      "name": "by",
      "in": "query",
      "required": false,
      "description": "Rows by.",
      "schema": {
       "type": "string",
       "enum": [
        "agent",
        "zone",
        "client"
       ],
       "default": "agent"
      }
     },
     {
      "name": "format",
      "in": "query",
      "required": false,
      "description": "The format.",
      "schema": {
       "type": "string",
       "enum": [
        "json",
        "csv",
        "text",
        "html"
       ],
       "default": "json"
      }
     },
     {
      "name": "now",
      "in": "query",
      "required": false,
      "description": "The moment the report is run (ISO 8601 instant, default now).",
      "schema": {
       "type": "string"
      }
     }
    ],
    "responses": {
     "400": {
      "$ref": "#/components/responses/BadRequest"
     },
     "401": {
      "$ref": "#/components/responses/Unauthorized"
     },
     "403": {
      "$ref": "#/components/responses/Forbidden"
     },
     "503": {
      "$ref": "#/components/responses/Unavailable"
     },
     "200": {
      "description": "The report in the asked format.",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Report"
        }
       },
       "text/csv": {
        "schema": {
         "type": "string"
        }
       },
       "text/plain": {
        "schema": {
         "type": "string"
        }
       },
       "text/html": {
        "schema": {
         "type": "string"
        }
       }
      }
     }
    }
   }
  },
  "/api/reports/monthly": {
   "get": {
    "operationId": "monthlyReport",
    "summary": "One month's report (supervisor).",
    "parameters": [
     {
      "name": "month",
      "in": "query",
      "required": true,
      "description": "The month, YYYY-MM.",
      "schema": {
       "type": "string"
      }
     },
     {
      "name": "by",
      "in": "query",
      "required": false,
      "description": "Rows by.",
      "schema": {
       "type": "string",
       "enum": [
        "agent",
        "zone",
        "client"
       ],
       "default": "agent"
      }
     },
     {
      "name": "format",
      "in": "query",
      "required": false,
      "description": "The format.",
      "schema": {
       "type": "string",
       "enum": [
        "json",
        "csv",
        "text",
        "html"
       ],
       "default": "json"
      }
     },
     {
      "name": "now",
      "in": "query",
      "required": false,
      "description": "The moment the report is run (ISO 8601 instant, default now).",
      "schema": {
       "type": "string"
      }
     }
    ],
    "responses": {
     "400": {
      "$ref": "#/components/responses/BadRequest"
     },
     "401": {
      "$ref": "#/components/responses/Unauthorized"
     },
     "403": {
      "$ref": "#/components/responses/Forbidden"
     },
     "503": {
      "$ref": "#/components/responses/Unavailable"
     },
     "200": {
      "description": "The report in the asked format.",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Report"
        }
       },
       "text/csv": {
        "schema": {
         "type": "string"
        }
       },
       "text/plain": {
        "schema": {
         "type": "string"
        }
       },
       "text/html": {
        "schema": {
         "type": "string"
        }
       }
      }
     }
    }
   }
  },
  "/api/reports/range": {
   "get": {
    "operationId": "rangeReport",
    "summary": "The report of a range of days, both included (supervisor).",
    "parameters": [
     {
      "name": "from",
      "in": "query",
      "required": true,
      "description": "The first day.",
      "schema": {
       "type": "string"
      }
     },
     {
      "name": "to",
      "in": "query",
      "required": true,
      "description": "The last day.",
      "schema": {
       "type": "string"
      }
     },
     {
      "name": "by",
      "in": "query",
      "required": false,
      "description": "Rows by.",
      "schema": {
       "type": "string",
       "enum": [
        "agent",
        "zone",
        "client"
       ],
       "default": "agent"
      }
     },
     {
      "name": "format",
      "in": "query",
      "required": false,
      "description": "The format.",
      "schema": {
       "type": "string",
       "enum": [
        "json",
        "csv",
        "text",
        "html"
       ],
       "default": "json"
      }
     },
     {
      "name": "now",
      "in": "query",
      "required": false,
      "description": "The moment the report is run (ISO 8601 instant, default now).",
      "schema": {
       "type": "string"
      }
     }
    ],
    "responses": {
     "400": {
      "$ref": "#/components/responses/BadRequest"
     },
     "401": {
      "$ref": "#/components/responses/Unauthorized"
     },
     "403": {
      "$ref": "#/components/responses/Forbidden"
     },
     "503": {
      "$ref": "#/components/responses/Unavailable"
     },
     "200": {
      "description": "The report in the asked format.",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Report"
        }
       },
       "text/csv": {
        "schema": {
         "type": "string"
        }
       },
       "text/plain": {
        "schema": {
         "type": "string"
        }
       },
       "text/html": {
        "schema": {
         "type": "string"
        }
       }
      }
     }
    }
   }
  },
  "/api/zones/build": {
   "post": {
    "operationId": "buildZones",
    "summary": "Build balanced, compact zones from the located open/ptp accounts, as `fieldplan zones build` (supervisor); with `dry_run` nothing is stored. The search runs at most 30 s.",
    "requestBody": {
     "required": false,
     "content": {
      "application/json": {
       "schema": {
        "$ref": "#/components/schemas/ZoneBuildRequest"
       }
      }
     }
    },
    "responses": {
     "400": {
      "$ref": "#/components/responses/BadRequest"
     },
     "401": {
      "$ref": "#/components/responses/Unauthorized"
     },
     "403": {
      "$ref": "#/components/responses/Forbidden"
     },
     "503": {
      "$ref": "#/components/responses/Unavailable"
     },
     "413": {
      "$ref": "#/components/responses/TooLarge"
     },
     "422": {
      "description": "Refused: the locked zones leave nothing to build, or no agent can take a zone.",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     },
     "200": {
      "description": "The build's figures, every zone after it, the agents' zones (with agents) and each zone's accounts gained and lost.",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/ZoneBuild"
        }
       }
      }
     }
    }
   }
  },
  "/api/zones/assign-nearest": {
   "post": {
    "operationId": "assignZonesNearest",
    "summary": "Give every unlocked zone to the nearest active agent without a locked zone (min-cost assignment), as `fieldplan zones assign --nearest` (supervisor). No body.",
    "responses": {
     "400": {
      "$ref": "#/components/responses/BadRequest"
     },
     "401": {
      "$ref": "#/components/responses/Unauthorized"
     },
     "403": {
      "$ref": "#/components/responses/Forbidden"
     },
     "503": {
      "$ref": "#/components/responses/Unavailable"
     },
     "413": {
      "$ref": "#/components/responses/TooLarge"
     },
     "422": {
      "description": "Refused: no unlocked zone, or no agent to take one.",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     },
     "200": {
      "description": "Each agent's zone and distance, the zones left without an agent, and every zone as it now is.",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/ZoneAssignment"
        }
       }
      }
     }
    }
   }
  },
  "/api/zones/{id}/agent": {
   "put": {
    "operationId": "assignZone",
    "summary": "Give the zone to an agent, or to none with null, as `fieldplan zones assign` (supervisor).",
    "parameters": [
     {
      "name": "id",
      "in": "path",
      "required": true,
      "description": "The zone id.",
      "schema": {
       "type": "string"
      }
     }
    ],
    "requestBody": {
     "required": true,
     "content": {
      "application/json": {
       "schema": {
        "$ref": "#/components/schemas/ZoneAgentRequest"
       }
      }
     }
    },
    "responses": {
     "400": {
      "$ref": "#/components/responses/BadRequest"
     },
     "401": {
      "$ref": "#/components/responses/Unauthorized"
     },
     "403": {
      "$ref": "#/components/responses/Forbidden"
     },
     "503": {
      "$ref": "#/components/responses/Unavailable"
     },
     "413": {
      "$ref": "#/components/responses/TooLarge"
     },
     "404": {
      "description": "No such zone, or no such agent.",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     },
     "200": {
      "description": "The zone as it now is.",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Zone"
        }
       }
      }
     }
    }
   }
  },
  "/api/zones/{id}/name": {
   "put": {
    "operationId": "renameZone",
    "summary": "Name the zone (trimmed; empty clears it), as `fieldplan zones rename` (supervisor).",
    "parameters": [
     {
      "name": "id",
      "in": "path",
      "required": true,
      "description": "The zone id.",
      "schema": {
       "type": "string"
      }
     }
    ],
    "requestBody": {
     "required": true,
     "content": {
      "application/json": {
       "schema": {
        "$ref": "#/components/schemas/ZoneNameRequest"
       }
      }
     }
    },
    "responses": {
     "400": {
      "$ref": "#/components/responses/BadRequest"
     },
     "401": {
      "$ref": "#/components/responses/Unauthorized"
     },
     "403": {
      "$ref": "#/components/responses/Forbidden"
     },
     "503": {
      "$ref": "#/components/responses/Unavailable"
     },
     "413": {
      "$ref": "#/components/responses/TooLarge"
     },
     "404": {
      "description": "No such zone.",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     },
     "200": {
      "description": "The zone as it now is.",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Zone"
        }
       }
      }
     }
    }
   }
  },
  "/api/zones/{id}/lock": {
   "put": {
    "operationId": "lockZone",
    "summary": "Lock or unlock the zone, as `fieldplan zones lock` / `zones unlock` (supervisor).",
    "parameters": [
     {
      "name": "id",
      "in": "path",
      "required": true,
      "description": "The zone id.",
      "schema": {
       "type": "string"
      }
     }
    ],
    "requestBody": {
     "required": true,
     "content": {
      "application/json": {
       "schema": {
        "$ref": "#/components/schemas/ZoneLockRequest"
       }
      }
     }
    },
    "responses": {
     "400": {
      "$ref": "#/components/responses/BadRequest"
     },
     "401": {
      "$ref": "#/components/responses/Unauthorized"
     },
     "403": {
      "$ref": "#/components/responses/Forbidden"
     },
     "503": {
      "$ref": "#/components/responses/Unavailable"
     },
     "413": {
      "$ref": "#/components/responses/TooLarge"
     },
     "404": {
      "description": "No such zone.",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     },
     "200": {
      "description": "The zone as it now is.",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Zone"
        }
       }
      }
     }
    }
   }
  },
  "/api/plans": {
   "get": {
    "operationId": "listPlanDays",
    "summary": "The days of a range that have a stored plan, each with its latest version, visits and agents, for a calendar (supervisor).",
    "parameters": [
     {
      "name": "from",
      "in": "query",
      "required": true,
      "description": "The first day, YYYY-MM-DD.",
      "schema": {
       "type": "string"
      }
     },
     {
      "name": "to",
      "in": "query",
      "required": true,
      "description": "The last day, YYYY-MM-DD; at most 366 days after from.",
      "schema": {
       "type": "string"
      }
     }
    ],
    "responses": {
     "400": {
      "$ref": "#/components/responses/BadRequest"
     },
     "401": {
      "$ref": "#/components/responses/Unauthorized"
     },
     "403": {
      "$ref": "#/components/responses/Forbidden"
     },
     "503": {
      "$ref": "#/components/responses/Unavailable"
     },
     "200": {
      "description": "One line per planned day, in date order. One JSON object per line, each as the schema.",
      "content": {
       "application/x-ndjson": {
        "schema": {
         "$ref": "#/components/schemas/PlanDay"
        }
       }
      }
     }
    }
   }
  },
  "/api/plans/{date}/diff": {
   "get": {
    "operationId": "diffPlan",
    "summary": "The stops added, dropped, moved to another agent and reordered between two versions, as `fieldplan plan diff --format json` (supervisor).",
    "parameters": [
     {
      "name": "date",
      "in": "path",
      "required": true,
      "description": "The planned day, YYYY-MM-DD.",
      "schema": {
       "type": "string"
      }
     },
     {
      "name": "from",
      "in": "query",
      "required": true,
      "description": "The older version.",
      "schema": {
       "type": "integer",
       "minimum": 1
      }
     },
     {
      "name": "to",
      "in": "query",
      "required": false,
      "description": "The newer version (default the latest).",
      "schema": {
       "type": "integer",
       "minimum": 1
      }
     }
    ],
    "responses": {
     "400": {
      "$ref": "#/components/responses/BadRequest"
     },
     "401": {
      "$ref": "#/components/responses/Unauthorized"
     },
     "403": {
      "$ref": "#/components/responses/Forbidden"
     },
     "503": {
      "$ref": "#/components/responses/Unavailable"
     },
     "404": {
      "description": "No plan that day, or no such version.",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     },
     "200": {
      "description": "What changed, stop by stop.",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/PlanDiff"
        }
       }
      }
     }
    }
   }
  },
  "/api/plans/{date}/edits": {
   "post": {
    "operationId": "editPlan",
    "summary": "One edit of the day's latest plan, as `fieldplan plan move`, `drop`, `add`, `lock` or `unlock` (supervisor): an edit is stored as the next version; a lock makes none.",
    "parameters": [
     {
      "name": "date",
      "in": "path",
      "required": true,
      "description": "The planned day, YYYY-MM-DD.",
      "schema": {
       "type": "string"
      }
     }
    ],
    "requestBody": {
     "required": true,
     "content": {
      "application/json": {
       "schema": {
        "$ref": "#/components/schemas/PlanEditRequest"
       }
      }
     }
    },
    "responses": {
     "400": {
      "$ref": "#/components/responses/BadRequest"
     },
     "401": {
      "$ref": "#/components/responses/Unauthorized"
     },
     "403": {
      "$ref": "#/components/responses/Forbidden"
     },
     "503": {
      "$ref": "#/components/responses/Unavailable"
     },
     "413": {
      "$ref": "#/components/responses/TooLarge"
     },
     "404": {
      "description": "No plan that day; a lock of an agent without a route.",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     },
     "409": {
      "description": "expected_version is no longer the latest; current_version says which is. Nothing stored.",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     },
     "422": {
      "description": "The edit breaks a rule of the plan (locked route, shift end, window, max visits, status…); nothing stored.",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     },
     "200": {
      "description": "The new version and the routes it changed (a lock: the agent's route as it now is).",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/PlanEdit"
        }
       }
      }
     }
    }
   }
  },
  "/api/review/{id}/resolve": {
   "post": {
    "operationId": "resolveReview",
    "summary": "Close one open review item, as `fieldplan review resolve ID --note TEXT` (supervisor).",
    "parameters": [
     {
      "name": "id",
      "in": "path",
      "required": true,
      "description": "The item's id as GET /api/review lists it (an outcome id or conflict-N).",
      "schema": {
       "type": "string"
      }
     }
    ],
    "requestBody": {
     "required": false,
     "content": {
      "application/json": {
       "schema": {
        "$ref": "#/components/schemas/ReviewResolveRequest"
       }
      }
     }
    },
    "responses": {
     "400": {
      "$ref": "#/components/responses/BadRequest"
     },
     "401": {
      "$ref": "#/components/responses/Unauthorized"
     },
     "403": {
      "$ref": "#/components/responses/Forbidden"
     },
     "503": {
      "$ref": "#/components/responses/Unavailable"
     },
     "413": {
      "$ref": "#/components/responses/TooLarge"
     },
     "404": {
      "description": "No open review item with that id.",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     },
     "200": {
      "description": "The item as it now is, resolved.",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/ReviewItem"
        }
       }
      }
     }
    }
   }
  },
  "/api/clearances/{account_id}/confirm": {
   "post": {
    "operationId": "confirmClearance",
    "summary": "Confirm a pending clearance: the client has closed the account, as `fieldplan clearances confirm ID --by` the user's name (supervisor). No body.",
    "parameters": [
     {
      "name": "account_id",
      "in": "path",
      "required": true,
      "description": "The account.",
      "schema": {
       "type": "string"
      }
     }
    ],
    "responses": {
     "400": {
      "$ref": "#/components/responses/BadRequest"
     },
     "401": {
      "$ref": "#/components/responses/Unauthorized"
     },
     "403": {
      "$ref": "#/components/responses/Forbidden"
     },
     "503": {
      "$ref": "#/components/responses/Unavailable"
     },
     "413": {
      "$ref": "#/components/responses/TooLarge"
     },
     "404": {
      "description": "The account has no pending clearance.",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     },
     "200": {
      "description": "The clearance as it now is, confirmed.",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Clearance"
        }
       }
      }
     }
    }
   }
  }
 },
 "components": {
  "securitySchemes": {
   "bearer": {
    "type": "http",
    "scheme": "bearer",
    "description": "A token from `fieldplan users add`."
   }
  },
  "responses": {
   "BadRequest": {
    "description": "Bad input: the message names the parameter, field or line.",
    "content": {
     "application/json": {
      "schema": {
       "$ref": "#/components/schemas/Error"
      }
     }
    }
   },
   "Unauthorized": {
    "description": "No, malformed, unknown or revoked token (`WWW-Authenticate: Bearer`).",
    "content": {
     "application/json": {
      "schema": {
       "$ref": "#/components/schemas/Error"
      }
     }
    }
   },
   "Forbidden": {
    "description": "The token's role is agent; this route is the supervisor's.",
    "content": {
     "application/json": {
      "schema": {
       "$ref": "#/components/schemas/Error"
      }
     }
    }
   },
   "Unavailable": {
    "description": "The store did not answer in time (`Retry-After`).",
    "content": {
     "application/json": {
      "schema": {
       "$ref": "#/components/schemas/Error"
      }
     }
    }
   },
   "TooLarge": {
    "description": "The body is over the route's limit.",
    "content": {
     "application/json": {
      "schema": {
       "$ref": "#/components/schemas/Error"
      }
     }
    }
   },
   "UnsupportedType": {
    "description": "The Content-Type is not one the route takes.",
    "content": {
     "application/json": {
      "schema": {
       "$ref": "#/components/schemas/Error"
      }
     }
    }
   }
  },
  "schemas": {
   "Me": {
    "type": "object",
    "properties": {
     "name": {
      "type": "string"
     },
     "role": {
      "type": "string",
      "enum": [
       "supervisor",
       "agent"
      ]
     },
     "agent_id": {
      "type": [
       "string",
       "null"
      ]
     }
    },
    "required": [
     "name",
     "role",
     "agent_id"
    ]
   },
   "ZoneMapData": {
    "type": "object",
    "properties": {
     "zones": {
      "type": "array",
      "items": {
       "type": "object",
       "properties": {
        "id": {
         "type": "string"
        },
        "name": {
         "type": [
          "string",
          "null"
         ]
        },
        "agent_id": {
         "type": [
          "string",
          "null"
         ]
        },
        "locked": {
         "type": "boolean"
        },
        "color": {
         "type": "string"
        },
        "accounts": {
         "type": "integer"
        },
        "workload": {
         "type": "number"
        },
        "centroid": {
         "type": [
          "object",
          "null"
         ],
         "properties": {
          "lat": {
           "type": "number"
          },
          "lon": {
           "type": "number"
          }
         },
         "required": [
          "lat",
          "lon"
         ]
        },
        "outlines": {
         "description": "The zone's share of one partition of the accounts' area, as rings of [lat, lon]: outer rings counter-clockwise, holes clockwise; empty for a zone without accounts.",
         "type": "array",
         "items": {
          "type": "array",
          "items": {
           "type": "array",
           "items": {
            "type": "number"
           }
          }
         }
        }
       },
       "required": [
        "id",
        "name",
        "agent_id",
        "locked",
        "color",
        "accounts",
        "workload",
        "centroid",
        "outlines"
       ]
      }
     },
     "accounts": {
      "type": "object",
      "properties": {
       "ids": {
        "type": "array",
        "items": {
         "type": "string"
        }
       },
       "lat": {
        "type": "array",
        "items": {
         "type": "number"
        }
       },
       "lon": {
        "type": "array",
        "items": {
         "type": "number"
        }
       },
       "zone": {
        "type": "array",
        "items": {
         "type": "integer"
        }
       }
      },
      "required": [
       "ids",
       "lat",
       "lon",
       "zone"
      ]
     },
     "agents": {
      "type": "array",
      "items": {
       "type": "object",
       "properties": {
        "id": {
         "type": "string"
        },
        "name": {
         "type": "string"
        },
        "base": {
         "type": "object",
         "properties": {
          "lat": {
           "type": "number"
          },
          "lon": {
           "type": "number"
          }
         },
         "required": [
          "lat",
          "lon"
         ]
        },
        "zone_id": {
         "type": [
          "string",
          "null"
         ]
        }
       },
       "required": [
        "id",
        "name",
        "base",
        "zone_id"
       ]
      }
     },
     "bounds": {
      "type": [
       "object",
       "null"
      ],
      "properties": {
       "min_lat": {
        "type": "number"
       },
       "min_lon": {
        "type": "number"
       },
       "max_lat": {
        "type": "number"
       },
       "max_lon": {
        "type": "number"
       }
      },
      "required": [
       "min_lat",
       "min_lon",
       "max_lat",
       "max_lon"
      ]
     }
    },
    "required": [
     "zones",
     "accounts",
     "agents",
     "bounds"
    ]
   },
   "Error": {
    "type": "object",
    "properties": {
     "error": {
      "type": "string"
     },
     "line": {
      "type": "integer"
     },
     "field": {
      "type": "string"
     },
     "current_version": {
      "type": "integer",
      "description": "A stale plan edit (409): the day's latest version."
     }
    },
    "required": [
     "error"
    ]
   },
   "Health": {
    "type": "object",
    "properties": {
     "status": {
      "type": "string",
      "enum": [
       "ok"
      ]
     }
    },
    "required": [
     "status"
    ]
   },
   "Account": {
    "type": "object",
    "properties": {
     "kind": {
      "type": "string",
      "enum": [
       "account"
      ]
     },
     "id": {
      "type": "string"
     },
     "client": {
      "type": "string"
     },
     "debtor_name": {
      "type": "string"
     },
     "balance": {
      "type": "number"
     },
     "currency": {
      "type": "string"
     },
     "phone": {
      "type": "string"
     },
     "email": {
      "type": "string"
     },
     "address": {
      "type": "string"
     },
     "lat": {
      "type": "number"
     },
     "lon": {
      "type": "number"
     },
     "days_past_due": {
      "type": "integer"
     },
     "status": {
      "type": "string"
     },
     "visit_window": {
      "type": "object",
      "properties": {
       "from": {
        "type": "string"
       },
       "to": {
        "type": "string"
       }
      }
     },
     "service_minutes": {
      "type": "integer"
     },
     "notes": {
      "type": "string"
     },
     "no_visit_before": {
      "type": "string"
     },
     "max_visits_per_month": {
      "type": "integer"
     },
     "zone_id": {
      "type": "string"
     }
    },
    "required": [
     "kind",
     "id",
     "client",
     "debtor_name",
     "balance"
    ]
   },
   "AccountPage": {
    "type": "object",
    "properties": {
     "accounts": {
      "type": "array",
      "items": {
       "$ref": "#/components/schemas/Account"
      }
     },
     "next": {
      "type": [
       "string",
       "null"
      ]
     }
    },
    "required": [
     "accounts",
     "next"
    ]
   },
   "AccountDetail": {
    "type": "object",
    "properties": {
     "kind": {
      "type": "string",
      "enum": [
       "account_detail"
      ]
     },
     "account": {
      "$ref": "#/components/schemas/Account"
     },
     "currency": {
      "type": "string"
     },
     "hold_until": {
      "type": "string"
     },
     "zone_name": {
      "type": "string"
     },
     "agent_id": {
      "type": "string"
     },
     "agent_name": {
      "type": "string"
     },
     "outcomes": {
      "type": "array",
      "items": {
       "type": "object",
       "properties": {
        "id": {
         "type": "string"
        },
        "visited_at": {
         "type": "string"
        },
        "agent_id": {
         "type": "string"
        },
        "code": {
         "type": "string"
        }
       },
       "required": [
        "id",
        "visited_at",
        "agent_id",
        "code"
       ]
      }
     },
     "payments": {
      "type": "array",
      "items": {
       "type": "object",
       "properties": {
        "id": {
         "type": "string"
        },
        "paid_at": {
         "type": "string"
        },
        "amount": {
         "type": "number"
        }
       },
       "required": [
        "id",
        "paid_at",
        "amount"
       ]
      }
     },
     "promises": {
      "type": "array",
      "items": {
       "type": "object",
       "properties": {
        "outcome_id": {
         "type": "string"
        },
        "amount": {
         "type": "number"
        },
        "due_date": {
         "type": "string"
        },
        "state": {
         "type": "string"
        },
        "paid": {
         "type": "number"
        }
       },
       "required": [
        "outcome_id",
        "amount",
        "due_date",
        "state"
       ]
      }
     },
     "appointments": {
      "type": "array",
      "items": {
       "type": "object",
       "properties": {
        "id": {
         "type": "string"
        },
        "kind": {
         "type": "string"
        },
        "date": {
         "type": "string"
        },
        "from": {
         "type": "string"
        },
        "to": {
         "type": "string"
        }
       },
       "required": [
        "id",
        "date"
       ]
      }
     },
     "planned_visits": {
      "type": "array",
      "items": {
       "type": "object",
       "properties": {
        "date": {
         "type": "string"
        },
        "plan_version": {
         "type": "integer"
        },
        "agent_id": {
         "type": "string"
        },
        "seq": {
         "type": "integer"
        },
        "eta": {
         "type": "string"
        },
        "reason": {
         "type": "string"
        }
       },
       "required": [
        "date",
        "plan_version",
        "agent_id"
       ]
      }
     },
     "audit": {
      "type": "array",
      "description": "Left out for an agent.",
      "items": {
       "type": "object",
       "properties": {
        "at": {
         "type": "string"
        },
        "field": {
         "type": "string"
        },
        "old": {
         "type": "string"
        },
        "new": {
         "type": "string"
        }
       },
       "required": [
        "at",
        "field"
       ]
      }
     }
    },
    "required": [
     "kind",
     "account",
     "currency",
     "outcomes",
     "payments",
     "promises",
     "appointments",
     "planned_visits"
    ]
   },
   "Agent": {
    "type": "object",
    "properties": {
     "kind": {
      "type": "string",
      "enum": [
       "agent"
      ]
     },
     "id": {
      "type": "string"
     },
     "name": {
      "type": "string"
     },
     "base": {
      "type": "object",
      "properties": {
       "lat": {
        "type": "number"
       },
       "lon": {
        "type": "number"
       }
      },
      "required": [
       "lat",
       "lon"
      ]
     },
     "shift": {
      "type": "object",
      "properties": {
       "from": {
        "type": "string"
       },
       "to": {
        "type": "string"
       }
      }
     },
     "phone": {
      "type": "string"
     },
     "days": {
      "type": "array",
      "items": {
       "type": "string"
      }
     },
     "max_visits": {
      "type": "integer"
     },
     "active": {
      "type": "boolean"
     }
    },
    "required": [
     "kind",
     "id",
     "name",
     "base"
    ]
   },
   "Settings": {
    "type": "object",
    "description": "Every setting, key to value; numeric settings as numbers (docs/store.md).",
    "additionalProperties": {
     "type": [
      "string",
      "number"
     ]
    }
   },
   "SettingValue": {
    "type": "object",
    "properties": {
     "value": {
      "type": [
       "string",
       "number"
      ]
     }
    },
    "required": [
     "value"
    ]
   },
   "SettingKept": {
    "type": "object",
    "properties": {
     "key": {
      "type": "string"
     },
     "value": {
      "type": "string"
     }
    },
    "required": [
     "key",
     "value"
    ]
   },
   "Zone": {
    "type": "object",
    "properties": {
     "kind": {
      "type": "string",
      "enum": [
       "zone"
      ]
     },
     "id": {
      "type": "string"
     },
     "name": {
      "type": "string"
     },
     "agent_id": {
      "type": "string"
     },
     "locked": {
      "type": "boolean"
     }
    },
    "required": [
     "kind",
     "id",
     "locked"
    ]
   },
   "PacketLine": {
    "type": "object",
    "properties": {
     "kind": {
      "type": "string",
      "enum": [
       "packet",
       "route",
       "visit",
       "debtor"
      ]
     }
    },
    "required": [
     "kind"
    ]
   },
   "RecordLine": {
    "type": "object",
    "properties": {
     "kind": {
      "type": "string",
      "enum": [
       "zone",
       "agent",
       "account",
       "appointment",
       "outcome",
       "payment",
       "visit",
       "route"
      ]
     },
     "id": {
      "type": "string"
     }
    },
    "required": [
     "kind"
    ]
   },
   "ReviewItem": {
    "type": "object",
    "properties": {
     "kind": {
      "type": "string",
      "enum": [
       "review"
      ]
     },
     "id": {
      "type": "string"
     },
     "type": {
      "type": "string",
      "enum": [
       "flag",
       "conflict"
      ]
     },
     "account_id": {
      "type": "string"
     },
     "agent_id": {
      "type": "string"
     },
     "at": {
      "type": "string"
     },
     "code": {
      "type": "string"
     },
     "reason": {
      "type": "string"
     },
     "source": {
      "type": "string"
     },
     "line": {
      "type": "integer"
     },
     "resolved": {
      "type": "boolean"
     }
    },
    "required": [
     "kind",
     "id",
     "type",
     "reason",
     "resolved"
    ]
   },
   "AuditEntry": {
    "type": "object",
    "properties": {
     "kind": {
      "type": "string",
      "enum": [
       "audit"
      ]
     },
     "at": {
      "type": "string"
     },
     "account_id": {
      "type": "string"
     },
     "field": {
      "type": "string"
     },
     "old": {
      "type": "string"
     },
     "new": {
      "type": "string"
     },
     "actor": {
      "type": "string"
     },
     "fact_kind": {
      "type": "string"
     },
     "fact_id": {
      "type": "string"
     },
     "source": {
      "type": "string"
     },
     "line": {
      "type": "integer"
     }
    },
    "required": [
     "kind",
     "at",
     "account_id",
     "field"
    ]
   },
   "Clearance": {
    "type": "object",
    "properties": {
     "kind": {
      "type": "string",
      "enum": [
       "clearance"
      ]
     },
     "account_id": {
      "type": "string"
     },
     "client": {
      "type": "string"
     },
     "debtor_name": {
      "type": "string"
     },
     "cleared_at": {
      "type": "string"
     },
     "by": {
      "type": "string"
     },
     "state": {
      "type": "string",
      "enum": [
       "pending",
       "confirmed"
      ]
     },
     "confirmed_by": {
      "type": "string"
     }
    },
    "required": [
     "kind",
     "account_id",
     "cleared_at",
     "state"
    ]
   },
   "Report": {
    "type": "object",
    "description": "The report of `fieldplan report … --format json` (docs/reports.md).",
    "required": [
     "report"
    ],
    "properties": {
     "report": {
      "type": "string",
      "enum": [
       "daily",
       "monthly",
       "range"
      ]
     }
    }
   },
   "Counts": {
    "type": "object",
    "properties": {
     "accepted": {
      "type": "integer"
     },
     "unchanged": {
      "type": "integer"
     },
     "rejected": {
      "type": "integer"
     }
    },
    "required": [
     "accepted",
     "unchanged",
     "rejected"
    ]
   },
   "RejectedLine": {
    "type": "object",
    "properties": {
     "line": {
      "type": "integer"
     },
     "field": {
      "type": "string"
     },
     "error": {
      "type": "string"
     }
    },
    "required": [
     "line",
     "error"
    ]
   },
   "ImportSummary": {
    "type": "object",
    "description": "`fieldplan import --format json`: one Counts per kind seen, the total, and the first 1000 rejected lines.",
    "required": [
     "total",
     "duplicates_in_input",
     "warnings",
     "resolved_rejects",
     "dry_run",
     "rejects"
    ],
    "properties": {
     "total": {
      "$ref": "#/components/schemas/Counts"
     },
     "duplicates_in_input": {
      "type": "integer"
     },
     "warnings": {
      "type": "integer"
     },
     "resolved_rejects": {
      "type": "integer"
     },
     "dry_run": {
      "type": "boolean"
     },
     "unreadable": {
      "type": "object",
      "properties": {
       "rejected": {
        "type": "integer"
       }
      },
      "required": [
       "rejected"
      ]
     },
     "rejects": {
      "type": "array",
      "items": {
       "$ref": "#/components/schemas/RejectedLine"
      }
     }
    }
   },
   "SyncSummary": {
    "type": "object",
    "properties": {
     "accepted": {
      "type": "integer"
     },
     "duplicates": {
      "type": "integer"
     },
     "conflicts": {
      "type": "integer"
     },
     "rejected": {
      "type": "integer"
     },
     "flagged": {
      "type": "integer"
     },
     "rejects": {
      "type": "array",
      "items": {
       "$ref": "#/components/schemas/RejectedLine"
      }
     }
    },
    "required": [
     "accepted",
     "duplicates",
     "conflicts",
     "rejected",
     "flagged",
     "rejects"
    ]
   },
   "PlanRequest": {
    "type": "object",
    "properties": {
     "seconds": {
      "type": "number",
      "description": "Search time (default 10, at most 30)."
     },
     "agents": {
      "type": "array",
      "items": {
       "type": "string"
      },
      "description": "Only these agents (default every working agent)."
     },
     "absent": {
      "type": "array",
      "items": {
       "type": "string"
      },
      "description": "Agents absent that day."
     },
     "force": {
      "type": "boolean",
      "description": "Re-plan a day that has started or is past."
     },
     "from_time": {
      "type": "string",
      "description": "HH:MM: re-plan the rest of a started day from that local time, as `plan --from-time` (implies force; needs a stored plan of the day). Visited stops stay; each agent restarts from its last visited stop."
     }
    }
   },
   "WeekPlanRequest": {
    "type": "object",
    "properties": {
     "from": {
      "type": "string",
      "description": "The first day, YYYY-MM-DD (not before today)."
     },
     "days": {
      "type": "integer",
      "minimum": 1,
      "maximum": 14,
      "description": "How many consecutive days."
     },
     "seconds": {
      "type": "number",
      "description": "Search time for the whole horizon (default 10 a day, cut to the cap of 30)."
     },
     "agents": {
      "type": "array",
      "items": {
       "type": "string"
      },
      "description": "Only these agents (default every working agent)."
     }
    },
    "required": [
     "from",
     "days"
    ]
   },
   "WeekPlanRun": {
    "type": "object",
    "properties": {
     "from": {
      "type": "string"
     },
     "days": {
      "type": "integer"
     },
     "visits": {
      "type": "integer"
     },
     "priority": {
      "type": "integer"
     },
     "travel_minutes": {
      "type": "number"
     },
     "max_visits_per_agent_day": {
      "type": "integer"
     },
     "mean_visits_per_agent_day": {
      "type": "number"
     },
     "plans": {
      "type": "array",
      "items": {
       "$ref": "#/components/schemas/PlanRun"
      }
     }
    },
    "required": [
     "from",
     "days",
     "visits",
     "priority",
     "travel_minutes",
     "max_visits_per_agent_day",
     "mean_visits_per_agent_day",
     "plans"
    ]
   },
   "PlanRun": {
    "type": "object",
    "properties": {
     "date": {
      "type": "string"
     },
     "version": {
      "type": "integer"
     },
     "candidates": {
      "type": "integer"
     },
     "mandatory": {
      "type": "integer"
     },
     "visits": {
      "type": "integer"
     },
     "priority": {
      "type": "integer"
     },
     "travel_km": {
      "type": "number"
     },
     "routes": {
      "type": "array",
      "items": {
       "$ref": "#/components/schemas/PlanRoute"
      }
     },
     "unplanned": {
      "type": "array",
      "items": {
       "$ref": "#/components/schemas/PlanUnplanned"
      }
     },
     "kept_stops": {
      "type": "integer"
     },
     "changes": {
      "type": "object",
      "properties": {
       "added": {
        "type": "integer"
       },
       "removed": {
        "type": "integer"
       },
       "moved_agent": {
        "type": "integer"
       },
       "reordered": {
        "type": "integer"
       }
      },
      "required": [
       "added",
       "removed",
       "moved_agent",
       "reordered"
      ]
     }
    },
    "required": [
     "date",
     "version",
     "candidates",
     "mandatory",
     "visits",
     "priority",
     "travel_km",
     "routes",
     "unplanned",
     "kept_stops",
     "changes"
    ]
   },
   "PlanReading": {
    "type": "object",
    "properties": {
     "date": {
      "type": "string"
     },
     "version": {
      "type": "integer"
     },
     "created_at": {
      "type": "string"
     },
     "made_by": {
      "type": "string"
     },
     "visits": {
      "type": "integer"
     },
     "priority": {
      "type": "integer"
     },
     "routes": {
      "type": "array",
      "items": {
       "$ref": "#/components/schemas/PlanRoute"
      }
     },
     "unplanned": {
      "type": "array",
      "items": {
       "$ref": "#/components/schemas/PlanUnplanned"
      }
     }
    },
    "required": [
     "date",
     "version",
     "created_at",
     "made_by",
     "visits",
     "priority",
     "routes",
     "unplanned"
    ]
   },
   "PlanRoute": {
    "type": "object",
    "properties": {
     "agent_id": {
      "type": "string"
     },
     "visits": {
      "type": "integer"
     },
     "start": {
      "type": "string"
     },
     "end": {
      "type": "string"
     },
     "travel_km": {
      "type": "number"
     },
     "travel_minutes": {
      "type": "number"
     },
     "priority": {
      "type": "integer"
     },
     "locked": {
      "type": "boolean"
     },
     "stops": {
      "type": "array",
      "items": {
       "$ref": "#/components/schemas/PlanStop"
      }
     }
    },
    "required": [
     "agent_id",
     "visits",
     "start",
     "end",
     "travel_km",
     "priority"
    ]
   },
   "PlanStop": {
    "type": "object",
    "properties": {
     "seq": {
      "type": [
       "integer",
       "null"
      ]
     },
     "account_id": {
      "type": [
       "string",
       "null"
      ]
     },
     "eta": {
      "type": "string"
     },
     "etd": {
      "type": "string"
     },
     "window_from": {
      "type": [
       "string",
       "null"
      ]
     },
     "window_to": {
      "type": [
       "string",
       "null"
      ]
     },
     "travel_km": {
      "type": "number"
     },
     "reason": {
      "type": "string"
     },
     "priority": {
      "type": "integer"
     }
    },
    "required": [
     "eta",
     "etd",
     "reason"
    ]
   },
   "PlanUnplanned": {
    "type": "object",
    "properties": {
     "account_id": {
      "type": "string"
     },
     "agent_id": {
      "type": [
       "string",
       "null"
      ]
     },
     "reason": {
      "type": "string"
     }
    },
    "required": [
     "account_id",
     "reason"
    ]
   },
   "ZoneBuildRequest": {
    "type": "object",
    "properties": {
     "zones": {
      "type": "integer",
      "minimum": 1,
      "maximum": 10000,
      "description": "Zones after the build, locked ones included (needed without agents)."
     },
     "agents": {
      "type": "boolean",
      "description": "One zone per active agent without a locked zone, given to the agents nearest to it."
     },
     "fresh": {
      "type": "boolean",
      "description": "Ignore the current zones (locked ones are still kept)."
     },
     "tolerance": {
      "type": "number",
      "description": "Allowed deviation of a zone's load from the mean, per cent, in (0, 50); default 5."
     },
     "seconds": {
      "type": "number",
      "maximum": 30,
      "description": "The search's time; at most 30, and 30 when absent."
     },
     "balance": {
      "type": "string",
      "enum": [
       "workload",
       "accounts"
      ],
      "description": "What is balanced; default workload."
     },
     "seed": {
      "type": "integer",
      "minimum": 0,
      "description": "Same seed, same zones; default 1."
     },
     "dry_run": {
      "type": "boolean",
      "description": "Compute the build and its moves, store nothing."
     }
    },
    "required": []
   },
   "ZoneFigures": {
    "type": "object",
    "properties": {
     "kind": {
      "type": "string",
      "enum": [
       "zone"
      ]
     },
     "id": {
      "type": "string"
     },
     "name": {
      "type": "string"
     },
     "agent_id": {
      "type": "string"
     },
     "centroid": {
      "type": "object",
      "properties": {
       "lat": {
        "type": "number"
       },
       "lon": {
        "type": "number"
       }
      },
      "required": [
       "lat",
       "lon"
      ]
     },
     "accounts": {
      "type": "integer"
     },
     "workload_hours": {
      "type": "number"
     }
    },
    "required": [
     "kind",
     "id",
     "accounts",
     "workload_hours"
    ]
   },
   "ZoneAssignmentPair": {
    "type": "object",
    "properties": {
     "agent_id": {
      "type": "string"
     },
     "zone_id": {
      "type": "string"
     },
     "km": {
      "type": "number",
      "description": "Straight line from the agent's base to the zone's centre; absent for an empty zone."
     }
    },
    "required": [
     "agent_id",
     "zone_id"
    ]
   },
   "ZoneBuild": {
    "type": "object",
    "properties": {
     "dry_run": {
      "type": "boolean"
     },
     "built": {
      "type": "integer"
     },
     "locked": {
      "type": "integer"
     },
     "accounts": {
      "type": "integer"
     },
     "seconds": {
      "type": "number"
     },
     "moved": {
      "type": "integer"
     },
     "previously_zoned": {
      "type": "integer"
     },
     "removed": {
      "type": "array",
      "items": {
       "type": "string"
      }
     },
     "max_load_ratio": {
      "type": "number"
     },
     "min_load_ratio": {
      "type": "number"
     },
     "zones": {
      "type": "array",
      "items": {
       "$ref": "#/components/schemas/ZoneFigures"
      }
     },
     "assignment": {
      "type": "array",
      "items": {
       "$ref": "#/components/schemas/ZoneAssignmentPair"
      }
     },
     "moves": {
      "type": "object",
      "properties": {
       "moved": {
        "type": "integer"
       },
       "newly_zoned": {
        "type": "integer"
       },
       "zones": {
        "type": "array",
        "items": {
         "type": "object",
         "properties": {
          "zone_id": {
           "type": "string"
          },
          "gained": {
           "type": "integer"
          },
          "lost": {
           "type": "integer"
          }
         },
         "required": [
          "zone_id",
          "gained",
          "lost"
         ]
        }
       }
      },
      "required": [
       "moved",
       "newly_zoned",
       "zones"
      ]
     }
    },
    "required": [
     "dry_run",
     "built",
     "locked",
     "accounts",
     "seconds",
     "moved",
     "previously_zoned",
     "removed",
     "max_load_ratio",
     "min_load_ratio",
     "zones",
     "assignment",
     "moves"
    ]
   },
   "ZoneAssignment": {
    "type": "object",
    "properties": {
     "assignment": {
      "type": "array",
      "items": {
       "$ref": "#/components/schemas/ZoneAssignmentPair"
      }
     },
     "unassigned": {
      "type": "array",
      "items": {
       "type": "string"
      }
     },
     "zones": {
      "type": "array",
      "items": {
       "$ref": "#/components/schemas/Zone"
      }
     }
    },
    "required": [
     "assignment",
     "unassigned",
     "zones"
    ]
   },
   "ZoneAgentRequest": {
    "type": "object",
    "properties": {
     "agent_id": {
      "type": [
       "string",
       "null"
      ],
      "description": "The agent, or null for none."
     }
    },
    "required": [
     "agent_id"
    ],
    "additionalProperties": false
   },
   "ZoneNameRequest": {
    "type": "object",
    "properties": {
     "name": {
      "type": "string",
      "description": "Trimmed; an empty name clears it."
     }
    },
    "required": [
     "name"
    ],
    "additionalProperties": false
   },
   "ZoneLockRequest": {
    "type": "object",
    "properties": {
     "locked": {
      "type": "boolean"
     }
    },
    "required": [
     "locked"
    ],
    "additionalProperties": false
   },
   "PlanEditRequest": {
    "type": "object",
    "properties": {
     "op": {
      "type": "string",
      "enum": [
       "move",
       "drop",
       "add",
       "lock",
       "unlock"
      ]
     },
     "account_id": {
      "type": "string",
      "description": "move, drop, add: the account."
     },
     "agent_id": {
      "type": "string",
      "description": "move: the agent who takes the stop; add: the agent; lock, unlock: the agent whose route."
     },
     "position": {
      "type": "integer",
      "minimum": 1,
      "description": "move, add: the visit's place on the route, from 1 (default: where the agent's day ends earliest)."
     },
     "reason": {
      "type": "string",
      "description": "drop: why (not empty)."
     },
     "expected_version": {
      "type": "integer",
      "minimum": 1,
      "description": "Refuse (409) unless this is still the day's latest version."
     }
    },
    "required": [
     "op"
    ],
    "additionalProperties": false
   },
   "PlanEdit": {
    "type": "object",
    "properties": {
     "date": {
      "type": "string"
     },
     "version": {
      "type": "integer"
     },
     "op": {
      "type": "string",
      "enum": [
       "move",
       "drop",
       "add",
       "lock",
       "unlock"
      ]
     },
     "account_id": {
      "type": "string"
     },
     "agent_id": {
      "type": "string"
     },
     "made_by": {
      "type": "string"
     },
     "route": {
      "type": "string",
      "description": "The agent whose route has the account now (absent when dropped, or an unlocked agent without a route)."
     },
     "visits": {
      "type": "integer"
     },
     "priority": {
      "type": "integer"
     },
     "locked": {
      "type": "boolean"
     },
     "changed": {
      "type": "boolean"
     },
     "routes": {
      "type": "array",
      "items": {
       "$ref": "#/components/schemas/PlanRoute"
      },
      "description": "The routes the edit changed (a lock: the agent's route), with their stops."
     },
     "unplanned": {
      "type": "array",
      "items": {
       "$ref": "#/components/schemas/PlanUnplanned"
      }
     },
     "changes": {
      "type": "object",
      "properties": {
       "added": {
        "type": "integer"
       },
       "removed": {
        "type": "integer"
       },
       "moved_agent": {
        "type": "integer"
       },
       "reordered": {
        "type": "integer"
       }
      },
      "required": [
       "added",
       "removed",
       "moved_agent",
       "reordered"
      ]
     }
    },
    "required": [
     "date",
     "op",
     "routes"
    ]
   },
   "PlanDay": {
    "type": "object",
    "properties": {
     "date": {
      "type": "string"
     },
     "version": {
      "type": "integer"
     },
     "created_at": {
      "type": "string"
     },
     "made_by": {
      "type": "string"
     },
     "visits": {
      "type": "integer"
     },
     "agents": {
      "type": "integer",
      "description": "Agents with a route."
     },
     "locked": {
      "type": "integer",
      "description": "Locked routes."
     }
    },
    "required": [
     "date",
     "version",
     "created_at",
     "visits",
     "agents",
     "locked"
    ]
   },
   "PlanDiffStop": {
    "type": "object",
    "properties": {
     "account_id": {
      "type": "string"
     },
     "agent_id": {
      "type": "string"
     },
     "position": {
      "type": "integer"
     }
    },
    "required": [
     "account_id",
     "agent_id",
     "position"
    ]
   },
   "PlanDiffMove": {
    "type": "object",
    "properties": {
     "account_id": {
      "type": "string"
     },
     "from": {
      "$ref": "#/components/schemas/PlanDiffStop"
     },
     "to": {
      "$ref": "#/components/schemas/PlanDiffStop"
     }
    },
    "required": [
     "account_id",
     "from",
     "to"
    ]
   },
   "PlanDiff": {
    "type": "object",
    "properties": {
     "date": {
      "type": "string"
     },
     "from_version": {
      "type": "integer"
     },
     "to_version": {
      "type": "integer"
     },
     "added": {
      "type": "array",
      "items": {
       "$ref": "#/components/schemas/PlanDiffStop"
      }
     },
     "dropped": {
      "type": "array",
      "items": {
       "$ref": "#/components/schemas/PlanDiffStop"
      }
     },
     "moved": {
      "type": "array",
      "items": {
       "$ref": "#/components/schemas/PlanDiffMove"
      }
     },
     "reordered": {
      "type": "array",
      "items": {
       "$ref": "#/components/schemas/PlanDiffMove"
      }
     }
    },
    "required": [
     "date",
     "from_version",
     "to_version",
     "added",
     "dropped",
     "moved",
     "reordered"
    ]
   },
   "ReviewResolveRequest": {
    "type": "object",
    "properties": {
     "note": {
      "type": [
       "string",
       "null"
      ],
      "description": "What was decided."
     }
    },
    "required": [],
    "additionalProperties": false
   }
  }
 }
}
"""#
}

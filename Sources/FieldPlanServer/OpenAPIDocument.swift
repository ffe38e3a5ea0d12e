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
      "description": "No, malformed, unknown or revoked token (`WWW-Authenticate: Bearer`).",
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
  "/api/zones/map": {
   "get": {
    "operationId": "zoneMapData",
    "summary": "The zone map as data (supervisor): zones with colour, figures, centroid and outline; located accounts as parallel arrays (zone as an index into zones, -1 for none); active agents with base and zone; bounds. Issue 14: the web app's map.",
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
      "description": "No, malformed, unknown or revoked token (`WWW-Authenticate: Bearer`).",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     },
     "403": {
      "description": "The token's role is agent; this route is the supervisor's.",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     },
     "503": {
      "description": "The store did not answer in time (`Retry-After`).",
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
      "description": "No, malformed, unknown or revoked token.",
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
  "/api/accounts": {
   "get": {
    "operationId": "listAccounts",
    "summary": "A page of accounts in id order, never national_id (supervisor).",
    "parameters": [
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
      "description": "Bad input: the message names the parameter, field or line.",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     },
     "401": {
      "description": "No, malformed, unknown or revoked token (`WWW-Authenticate: Bearer`).",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     },
     "403": {
      "description": "The token's role is agent; this route is the supervisor's.",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     },
     "503": {
      "description": "The store did not answer in time (`Retry-After`).",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
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
      "description": "Bad input: the message names the parameter, field or line.",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     },
     "401": {
      "description": "No, malformed, unknown or revoked token (`WWW-Authenticate: Bearer`).",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
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
      "description": "The store did not answer in time (`Retry-After`).",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
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
      "description": "Bad input: the message names the parameter, field or line.",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     },
     "401": {
      "description": "No, malformed, unknown or revoked token (`WWW-Authenticate: Bearer`).",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     },
     "403": {
      "description": "The token's role is agent; this route is the supervisor's.",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     },
     "503": {
      "description": "The store did not answer in time (`Retry-After`).",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
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
      "description": "Bad input: the message names the parameter, field or line.",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     },
     "401": {
      "description": "No, malformed, unknown or revoked token (`WWW-Authenticate: Bearer`).",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     },
     "403": {
      "description": "The token's role is agent; this route is the supervisor's.",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     },
     "503": {
      "description": "The store did not answer in time (`Retry-After`).",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
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
      "description": "Bad input: the message names the parameter, field or line.",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     },
     "401": {
      "description": "No, malformed, unknown or revoked token (`WWW-Authenticate: Bearer`).",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     },
     "403": {
      "description": "The token's role is agent; this route is the supervisor's.",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     },
     "503": {
      "description": "The store did not answer in time (`Retry-After`).",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     },
     "413": {
      "description": "The body is over the route's limit.",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     },
     "415": {
      "description": "The Content-Type is not one the route takes.",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
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
      "description": "Bad input: the message names the parameter, field or line.",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     },
     "401": {
      "description": "No, malformed, unknown or revoked token (`WWW-Authenticate: Bearer`).",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     },
     "403": {
      "description": "The token's role is agent; this route is the supervisor's.",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     },
     "503": {
      "description": "The store did not answer in time (`Retry-After`).",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
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
      "description": "Bad input: the message names the parameter, field or line.",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     },
     "401": {
      "description": "No, malformed, unknown or revoked token (`WWW-Authenticate: Bearer`).",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     },
     "403": {
      "description": "The token's role is agent; this route is the supervisor's.",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     },
     "503": {
      "description": "The store did not answer in time (`Retry-After`).",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
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
      "description": "The body is over the route's limit.",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
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
      "description": "Bad input: the message names the parameter, field or line.",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     },
     "401": {
      "description": "No, malformed, unknown or revoked token (`WWW-Authenticate: Bearer`).",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
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
      "description": "The store did not answer in time (`Retry-After`).",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
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
      "description": "Bad input: the message names the parameter, field or line.",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     },
     "401": {
      "description": "No, malformed, unknown or revoked token (`WWW-Authenticate: Bearer`).",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
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
      "description": "The store did not answer in time (`Retry-After`).",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
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
      "description": "Bad input: the message names the parameter, field or line.",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     },
     "401": {
      "description": "No, malformed, unknown or revoked token (`WWW-Authenticate: Bearer`).",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
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
      "description": "The store did not answer in time (`Retry-After`).",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
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
      "description": "Bad input: the message names the parameter, field or line.",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     },
     "401": {
      "description": "No, malformed, unknown or revoked token (`WWW-Authenticate: Bearer`).",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     },
     "403": {
      "description": "The token's role is agent; this route is the supervisor's.",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     },
     "503": {
      "description": "The store did not answer in time (`Retry-After`).",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     },
     "413": {
      "description": "The body is over the route's limit.",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     },
     "415": {
      "description": "The Content-Type is not one the route takes.",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
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
      "description": "Bad input: the message names the parameter, field or line.",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     },
     "401": {
      "description": "No, malformed, unknown or revoked token (`WWW-Authenticate: Bearer`).",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
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
      "description": "The store did not answer in time (`Retry-After`).",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     },
     "413": {
      "description": "The body is over the route's limit.",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     },
     "415": {
      "description": "The Content-Type is not one the route takes.",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
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
      "description": "Bad input: the message names the parameter, field or line.",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     },
     "401": {
      "description": "No, malformed, unknown or revoked token (`WWW-Authenticate: Bearer`).",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     },
     "403": {
      "description": "The token's role is agent; this route is the supervisor's.",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     },
     "503": {
      "description": "The store did not answer in time (`Retry-After`).",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
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
      "description": "Bad input: the message names the parameter, field or line.",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     },
     "401": {
      "description": "No, malformed, unknown or revoked token (`WWW-Authenticate: Bearer`).",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     },
     "403": {
      "description": "The token's role is agent; this route is the supervisor's.",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     },
     "503": {
      "description": "The store did not answer in time (`Retry-After`).",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
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
      "description": "Bad input: the message names the parameter, field or line.",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     },
     "401": {
      "description": "No, malformed, unknown or revoked token (`WWW-Authenticate: Bearer`).",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     },
     "403": {
      "description": "The token's role is agent; this route is the supervisor's.",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     },
     "503": {
      "description": "The store did not answer in time (`Retry-After`).",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
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
      "description": "Bad input: the message names the parameter, field or line.",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     },
     "401": {
      "description": "No, malformed, unknown or revoked token (`WWW-Authenticate: Bearer`).",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     },
     "403": {
      "description": "The token's role is agent; this route is the supervisor's.",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     },
     "503": {
      "description": "The store did not answer in time (`Retry-After`).",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
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
      "description": "Bad input: the message names the parameter, field or line.",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     },
     "401": {
      "description": "No, malformed, unknown or revoked token (`WWW-Authenticate: Bearer`).",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     },
     "403": {
      "description": "The token's role is agent; this route is the supervisor's.",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     },
     "503": {
      "description": "The store did not answer in time (`Retry-After`).",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
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
      "description": "Bad input: the message names the parameter, field or line.",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     },
     "401": {
      "description": "No, malformed, unknown or revoked token (`WWW-Authenticate: Bearer`).",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     },
     "403": {
      "description": "The token's role is agent; this route is the supervisor's.",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     },
     "503": {
      "description": "The store did not answer in time (`Retry-After`).",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
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
      "description": "Bad input: the message names the parameter, field or line.",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     },
     "401": {
      "description": "No, malformed, unknown or revoked token (`WWW-Authenticate: Bearer`).",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     },
     "403": {
      "description": "The token's role is agent; this route is the supervisor's.",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     },
     "503": {
      "description": "The store did not answer in time (`Retry-After`).",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
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
        "outline": {
         "type": "array",
         "items": {
          "type": "array",
          "items": {
           "type": "number"
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
        "outline"
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
     }
    }
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
   }
  }
 }
}
"""#
}

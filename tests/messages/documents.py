"""Small OpenAPI documents for the message validator's tests, one feature per operation.

``SHOP`` holds every parameter style, readOnly/writeOnly members, response statuses and
headers, media type ranges, strict-mode shapes (``allOf``, ``oneOf``, maps) and a recursive
schema. ``WILDCARDS`` declares ``*/*`` and ``type/*`` content only.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from versioning.messages import MessageValidator
from versioning.spec.loader import load_spec_text

if TYPE_CHECKING:
    from versioning.spec.model import Operation, Parameter, Spec

__all__ = ["SHOP", "VALIDATOR", "WILDCARDS", "WILDCARDS_VALIDATOR", "operation", "parameter"]

SHOP_TEXT = """
openapi: 3.1.0
info: {title: Shop, version: "1"}
paths:
  /accounts:
    post:
      requestBody:
        required: true
        content:
          application/json:
            schema: {$ref: '#/components/schemas/Account'}
      responses:
        "201":
          description: Created.
          headers:
            Location: {required: true, schema: {type: string}}
            X-Trace: {schema: {type: string}}
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Account'}
        "409":
          description: Taken.
          content:
            application/json:
              schema: {type: object, required: [taken], properties: {taken: {type: string}}}
        4XX:
          description: A client error.
          content:
            application/problem+json:
              schema: {$ref: '#/components/schemas/Problem'}
        default:
          description: Anything else.
          content:
            application/json:
              schema: {type: object, required: [message], properties: {message: {type: string}}}
  /items/{id}:
    get:
      parameters:
        - {name: id, in: path, required: true, schema: {type: integer, minimum: 1}}
        - {name: tags, in: query, schema: {type: array, items: {type: string}}}
        - {name: ids, in: query, explode: false, schema: {type: array, items: {type: integer}}}
        - {name: sizes, in: query, style: spaceDelimited, explode: false,
           schema: {type: array, items: {type: integer}}}
        - {name: colors, in: query, style: pipeDelimited, explode: false,
           schema: {type: array, items: {type: string, enum: [red, blue]}}}
        - {name: created, in: query, style: deepObject, explode: true,
           schema: {type: object, additionalProperties: false,
                    properties: {gte: {type: integer}, lte: {type: integer}}}}
        - {name: filter, in: query, content: {application/json: {schema:
            {type: object, required: [q], properties: {q: {type: string}}}}}}
        - {name: X-Limit, in: header, schema: {type: integer, maximum: 100}}
        - {name: session, in: cookie, schema: {type: string, minLength: 3}}
        - {name: limit, in: query, schema: {type: integer, maximum: 50}}
        - {name: X-Ids, in: header, schema: {type: array, items: {type: integer}}}
      responses:
        "200": {description: OK.}
  /points/{point}:
    get:
      parameters:
        - {name: point, in: path, required: true, style: label, explode: false,
           schema: {type: array, items: {type: integer}}}
        - {name: page, in: query, schema: {type: object, properties:
            {size: {type: integer}, number: {type: integer}}}}
      responses:
        "200": {description: OK.}
  /grids/{grid}/{cell}:
    get:
      parameters:
        - {name: grid, in: path, required: true, style: matrix, explode: false,
           schema: {type: object, properties: {x: {type: integer}, y: {type: integer}}}}
        - {name: cell, in: path, required: true, style: simple, explode: true,
           schema: {type: object, properties: {row: {type: integer}, column: {type: string}}}}
        - {name: at, in: query, explode: false,
           schema: {type: object, properties: {lat: {type: number}, lon: {type: number}}}}
      responses:
        "200": {description: OK.}
  /labels/{tags}/{box}:
    get:
      parameters:
        - {name: tags, in: path, required: true, style: label, explode: true,
           schema: {type: array, items: {type: integer}}}
        - {name: box, in: path, required: true, style: label, explode: true,
           schema: {type: object, properties: {w: {type: integer}, h: {type: integer}}}}
      responses:
        "200": {description: OK.}
  /matrices/{rows}/{size}:
    get:
      parameters:
        - {name: rows, in: path, required: true, style: matrix, explode: true,
           schema: {type: array, items: {type: integer}}}
        - {name: size, in: path, required: true, style: matrix, explode: true,
           schema: {type: object, properties: {w: {type: integer}, h: {type: integer}}}}
      responses:
        "200": {description: OK.}
  /pets:
    post:
      requestBody:
        content:
          application/json:
            schema: {$ref: '#/components/schemas/Pet'}
          text/*:
            schema: {type: string}
      responses:
        "201":
          description: Created.
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Pet'}
  /orders:
    post:
      requestBody:
        required: true
        content:
          application/json:
            schema: {$ref: '#/components/schemas/Order'}
          application/x-www-form-urlencoded:
            schema: {$ref: '#/components/schemas/Order'}
      responses:
        "201":
          description: Created.
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Order'}
  /events:
    get:
      parameters:
        - name: created
          in: query
          style: deepObject
          explode: true
          schema:
            anyOf:
              - {type: object, properties: {gte: {type: integer}, lte: {type: integer}}}
              - {type: integer}
      responses:
        "200": {description: OK.}
  /trees:
    post:
      requestBody:
        content:
          application/json:
            schema: {$ref: '#/components/schemas/Node'}
      responses:
        "204": {description: Stored.}
components:
  schemas:
    Account:
      type: object
      required: [id, email, password]
      properties:
        id: {type: string, readOnly: true}
        email: {type: string, format: email}
        password: {type: string, writeOnly: true, minLength: 8}
        profile: {$ref: '#/components/schemas/Profile'}
    Profile:
      allOf:
        - {$ref: '#/components/schemas/Named'}
        - type: object
          required: [joined]
          properties:
            joined: {type: string, format: date, readOnly: true}
    Named:
      type: object
      required: [name]
      properties:
        name: {type: string, maxLength: 20}
    Problem:
      type: object
      required: [title]
      properties:
        title: {type: string}
    Pet:
      oneOf:
        - {$ref: '#/components/schemas/Cat'}
        - {$ref: '#/components/schemas/Dog'}
    Cat:
      type: object
      required: [kind, meows]
      properties: {kind: {const: cat}, meows: {type: boolean}}
    Dog:
      type: object
      required: [kind, barks]
      properties: {kind: {const: dog}, barks: {type: integer}}
    Order:
      allOf:
        - {$ref: '#/components/schemas/Named'}
        - type: object
          required: [amount]
          properties:
            amount: {type: integer, minimum: 1}
            capture: {type: boolean}
            tags: {type: array, items: {type: string}}
            metadata: {type: object, additionalProperties: {type: string}}
            payment: {$ref: '#/components/schemas/Payment'}
            lines:
              type: array
              items:
                type: object
                properties: {sku: {type: string}, quantity: {type: integer}}
    Payment:
      oneOf:
        - type: object
          required: [method, number]
          properties: {method: {const: card}, number: {type: string}}
        - type: object
          required: [method, iban]
          properties: {method: {const: bank}, iban: {type: string}}
    Node:
      type: object
      properties:
        value: {type: integer}
        child: {$ref: '#/components/schemas/Node'}
"""

WILDCARDS_TEXT = """
openapi: 3.1.0
info: {title: Wildcards, version: "1"}
paths:
  /uploads:
    post:
      requestBody:
        required: true
        content:
          "*/*": {schema: {type: string, format: binary}}
      responses:
        "200":
          description: Any text.
          content:
            text/*: {schema: {type: string}}
        "201":
          description: Anything.
          content:
            "*/*": {schema: {type: object}}
"""

SHOP = load_spec_text(SHOP_TEXT, file="shop.yaml")
VALIDATOR = MessageValidator(SHOP)
WILDCARDS = load_spec_text(WILDCARDS_TEXT, file="wildcards.yaml")
WILDCARDS_VALIDATOR = MessageValidator(WILDCARDS)


def operation(key: str, spec: Spec = SHOP) -> Operation:
    """The operation ``"METHOD /path"`` of ``spec``."""
    method, _, path = key.partition(" ")
    found = spec.operation(method, path)
    assert found is not None, key
    return found


def parameter(key: str, name: str, spec: Spec = SHOP) -> Parameter:
    """The parameter ``name`` of the operation ``key``."""
    return next(item for item in operation(key, spec).parameters if item.name == name)

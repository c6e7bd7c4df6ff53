#!/usr/bin/env python3
"""Calls every operation of a custom-connector definition against a live OData service, as the definition
describes it, and checks each answers with its documented 2xx status.

    python Tests/Peers/connector_walk.py apiDefinition.swagger.json http://127.0.0.1:PORT/data/ [--verbose]

The definition's scheme, host and basePath are replaced by SERVICE_ROOT; everything else comes from the
definition: the path template, the query, header and body parameters, and the expected status code.

Order: lists first (their rows fill the key path parameters of the other operations), then reads by key,
actions, creates, updates and deletes. Updates and deletes address the record the create returned when there
is one, so the listed rows stay intact for the reads. Values:
- path parameters: the property of the same name in a listed row (keys are named after their properties);
- query parameters: `$filter` on the first key of the first row (`Key eq 'value'`), `$select` of the keys,
  `$orderby` of the first key, `$top` 2, `$skip` 0, `$count` and `cross-company` true; other parameters their
  `default` (required ones only);
- headers: `If-Match` the row's `@odata.etag` (the documented default otherwise); every request also sends
  `OData-MaxVersion: 4.0` and `Accept: application/json`, as F&O clients do;
- bodies: built from the body parameter's schema (`$ref`s followed): enums take their first member, strings a
  unique text (keys of created records must not collide), numbers and integers small values by format,
  `date`/`date-time`/`uuid`/`byte` a valid literal; read-only members and `@odata.*` members are left out.
  An update sends the non-key members only.

Output: one line per operation, `ok`/`FAIL`, then `N operations, N ok, N failed`. Exit 0 when every operation
succeeded, 1 otherwise, 2 on a usage error or an unreadable definition. Standard library only.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
import urllib.error
import urllib.parse
import urllib.request

METHODS = ("get", "put", "post", "patch", "delete")
ORDER = {"list": 0, "get": 1, "action": 2, "create": 3, "update": 4, "delete": 5, "other": 6}


class Walk:
    def __init__(self, definition: dict, root: str, verbose: bool) -> None:
        self.doc = definition
        self.root = root.rstrip("/")
        self.verbose = verbose
        self.rows: dict[str, list[dict]] = {}      # collection path -> listed rows
        self.created: dict[str, dict] = {}        # collection path -> record a create returned
        self.counter = 0
        self.results: list[tuple[bool, str]] = []

    # --- the definition ---------------------------------------------------------------------------

    def deref(self, node):
        seen = 0
        while isinstance(node, dict) and "$ref" in node:
            ref = node["$ref"]
            if not ref.startswith("#/") or seen > 16:
                raise ValueError(f"cannot follow $ref {ref!r}")
            target = self.doc
            for token in ref[2:].split("/"):
                target = target[token.replace("~1", "/").replace("~0", "~")]
            node = target
            seen += 1
        return node

    def operations(self):
        ops = []
        for path, item in self.doc.get("paths", {}).items():
            shared = [self.deref(p) for p in item.get("parameters", [])]
            for method in METHODS:
                if method not in item:
                    continue
                op = item[method]
                params = {(p["in"], p["name"]): p for p in shared}
                for p in op.get("parameters", []):
                    p = self.deref(p)
                    params[(p["in"], p["name"])] = p
                ops.append((self.kind(path, method), path, method, op, list(params.values())))
        ops.sort(key=lambda o: (ORDER[o[0]], o[1], o[2]))
        return ops

    @staticmethod
    def kind(path: str, method: str) -> str:
        keyed = "{" in path
        last = path.rsplit("/", 1)[-1]
        if "." in last and "(" not in last:      # /Set/Namespace.action or /Set(keys)/Namespace.action
            return "action"
        if method == "get":
            return "get" if keyed else "list"
        if method == "post":
            return "create" if not keyed else "other"
        if method in ("patch", "put"):
            return "update"
        if method == "delete":
            return "delete"
        return "other"

    @staticmethod
    def collection(path: str) -> str:
        """The entity set path an operation works on: `/Set` of `/Set(keys)...` or `/Set/Ns.action`."""
        first = path.split("/")[1] if path.startswith("/") else path
        return "/" + first.split("(", 1)[0]

    def success(self, op: dict) -> int:
        codes = [int(k) for k in op.get("responses", {}) if k.isdigit() and k.startswith("2")]
        if len(codes) != 1:
            raise ValueError(f"{op.get('operationId')}: expected exactly one 2xx response, found {codes}")
        return codes[0]

    # --- values -----------------------------------------------------------------------------------

    def unique(self, base: str) -> str:
        self.counter += 1
        return f"W{self.counter:03d}{base[:6]}"

    def sample(self, schema, name: str = "x", depth: int = 0):
        schema = self.deref(schema or {})
        if "enum" in schema and schema["enum"]:
            return schema["enum"][0]
        kind = schema.get("type")
        fmt = schema.get("format")
        if kind == "object" or "properties" in schema:
            if depth > 4:
                return {}
            out = {}
            for prop, sub in schema.get("properties", {}).items():
                sub = self.deref(sub)
                if prop.startswith("@odata.") or sub.get("readOnly"):
                    continue
                out[prop] = self.sample(sub, prop, depth + 1)
            return out
        if kind == "array":
            return [self.sample(schema.get("items", {}), name, depth + 1)]
        if kind == "integer":
            return 7
        if kind == "number":
            return 1.5
        if kind == "boolean":
            return True
        if fmt == "date-time":
            return "2024-05-06T07:08:09Z"
        if fmt == "date":
            return "2024-05-06"
        if fmt == "uuid":
            return "00000000-0000-4000-8000-%012d" % self.counter
        if fmt == "byte":
            return "AQID"
        return self.unique(name)

    # --- calls ------------------------------------------------------------------------------------

    def call(self, method: str, url: str, headers: dict, body, content_type: str | None = None) -> tuple[int, object]:
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(url, data=data, method=method.upper())
        request.add_header("OData-MaxVersion", "4.0")
        request.add_header("Accept", "application/json")
        if data is not None or content_type:
            request.add_header("Content-Type", content_type or "application/json")
        for k, v in headers.items():
            request.add_header(k, v)
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                status, text = response.status, response.read()
        except urllib.error.HTTPError as error:
            status, text = error.code, error.read()
        try:
            payload = json.loads(text) if text else None
        except ValueError:
            payload = text.decode(errors="replace")
        return status, payload

    def row_for(self, kind: str, collection: str) -> dict | None:
        if kind in ("update", "delete") and collection in self.created:
            return self.created[collection]
        rows = self.rows.get(collection) or []
        return rows[0] if rows else None

    def run_operation(self, kind, path, method, op, params) -> None:
        op_id = op.get("operationId", f"{method.upper()} {path}")
        collection = self.collection(path)
        expected = self.success(op)
        row = self.row_for(kind, collection)
        key_names = re.findall(r"\{([^}]+)\}", path)
        if key_names and row is None:
            self.results.append((False, f"FAIL {op_id}: no listed row of {collection} to fill {key_names}"))
            return
        url_path = path
        for name in key_names:
            value = row.get(name)
            if value is None:
                self.results.append((False, f"FAIL {op_id}: the row of {collection} has no property {name!r}"))
                return
            text = str(value).replace("'", "''") if isinstance(value, str) else json.dumps(value)
            url_path = url_path.replace("{" + name + "}", urllib.parse.quote(text, safe=""))
        listed = self.rows.get(collection) or []
        first = listed[0] if listed else {}
        keys = [n for n in re.findall(r"\{([^}]+)\}", self.key_template(collection))] or list(first)[:1]
        query, headers, body = {}, {}, None
        for p in params:
            where, name = p["in"], p["name"]
            if where == "query":
                value = self.query_value(name, p, keys, first)
                if value is not None:
                    query[name] = value
            elif where == "header":
                if name.lower() == "if-match":
                    headers[name] = (row or {}).get("@odata.etag") or p.get("default", "*")
                elif p.get("required") or "default" in p:
                    headers[name] = str(p.get("default", "x"))
            elif where == "body":
                body = self.sample(p.get("schema"), "body")
                if kind == "update":
                    body = {k: v for k, v in body.items() if k not in keys and k != "dataAreaId"} or body
                if kind == "create" and isinstance(body, dict) and "dataAreaId" in body and first.get("dataAreaId"):
                    body["dataAreaId"] = first["dataAreaId"]
        if kind == "list":
            # First without options, to learn the rows that fill $filter and the key parameters; then as documented.
            status, payload = self.call(method, self.root + url_path, {}, None)
            if status == expected and isinstance(payload, dict) and isinstance(payload.get("value"), list):
                self.rows[collection] = payload["value"]
                first = payload["value"][0] if payload["value"] else {}
                keys = re.findall(r"\{([^}]+)\}", self.key_template(collection)) or list(first)[:1]
                query = {}
                for p in params:
                    if p["in"] == "query":
                        value = self.query_value(p["name"], p, keys, first)
                        if value is not None:
                            query[p["name"]] = value
        if kind in ("update", "delete") and any(h.lower() == "if-match" for h in headers):
            # The record's current ETag (an earlier update changed it), read as a client would.
            status, current = self.call("get", self.root + url_path, {}, None)
            if status == 200 and isinstance(current, dict) and current.get("@odata.etag"):
                headers = {k: (current["@odata.etag"] if k.lower() == "if-match" else v) for k, v in headers.items()}
        consumes = op.get("consumes", self.doc.get("consumes", []))
        content_type = "application/json" if method in ("post", "put", "patch") and "application/json" in consumes else None
        url = self.root + url_path
        if query:
            url += "?" + urllib.parse.urlencode(query, quote_via=urllib.parse.quote, safe="$,'")
        status, payload = self.call(method, url, headers, body, content_type)
        ok = status == expected
        problem = ""
        documented = self.deref(op["responses"][str(expected)])
        if ok and "schema" in documented:
            schema = self.deref(documented["schema"])
            if not isinstance(payload, dict):
                ok, problem = False, "the documented body is missing"
            elif "value" in schema.get("properties", {}) and self.deref(schema["properties"]["value"]).get("type") == "array" \
                    and not isinstance(payload.get("value"), list):
                ok, problem = False, "the documented value array is missing"
        line = f"{'ok' if ok else 'FAIL'} {op_id}: {method.upper()} {url[len(self.root):]} -> {status}"
        if problem:
            line += f": {problem}"
        elif not ok:
            line += f" (documented {expected}): {json.dumps(payload)[:300] if payload is not None else ''}"
        elif self.verbose and payload is not None:
            line += f" {json.dumps(payload)[:200]}"
        self.results.append((ok, line))
        if ok and kind == "list" and isinstance(payload, dict) and isinstance(payload.get("value"), list):
            self.rows[collection] = payload["value"]
        if ok and kind == "create" and isinstance(payload, dict):
            self.created[collection] = payload
        if ok and kind == "list" and not self.rows.get(collection):
            self.results.append((False, f"FAIL {op_id}: the list returned no rows, so the other operations cannot be called"))

    def key_template(self, collection: str) -> str:
        for path in self.doc.get("paths", {}):
            if path.startswith(collection + "(") and "/" not in path[1:]:
                return path
        return ""

    @staticmethod
    def query_value(name: str, p: dict, keys: list[str], row: dict):
        first_key = keys[0] if keys else None
        if name == "$filter":
            if first_key and isinstance(row.get(first_key), str):
                return f"{first_key} eq '{row[first_key].replace(chr(39), chr(39) * 2)}'"
            return None
        if name == "$select":
            return ",".join(keys) if keys else None
        if name == "$orderby":
            return first_key
        if name == "$top":
            return "2"
        if name == "$skip":
            return "0"
        if name in ("$count", "cross-company"):
            return "true"
        if p.get("required") or "default" in p:
            return str(p.get("default", "x"))
        return None

    def run(self) -> int:
        for kind, path, method, op, params in self.operations():
            try:
                self.run_operation(kind, path, method, op, params)
            except (ValueError, KeyError, OSError) as error:
                self.results.append((False, f"FAIL {op.get('operationId')}: {error}"))
        for _, line in self.results:
            print(line)
        failed = sum(1 for ok, _ in self.results if not ok)
        operations = len(self.operations())
        print(f"{operations} operations, {operations - failed if failed <= operations else 0} ok, {failed} failed")
        return 1 if failed else 0


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="Call every operation of a connector definition against a live OData service.")
    parser.add_argument("definition", help="apiDefinition.swagger.json")
    parser.add_argument("service_root", help="e.g. http://127.0.0.1:8080/data/")
    parser.add_argument("--verbose", action="store_true", help="show response bodies")
    args = parser.parse_args(argv)
    try:
        with open(args.definition, encoding="utf-8") as f:
            definition = json.load(f)
    except (OSError, ValueError) as error:
        print(f"error: cannot read {args.definition}: {error}", file=sys.stderr)
        return 2
    if not args.service_root.startswith(("http://", "https://")):
        print("error: SERVICE_ROOT must be an http(s) URL", file=sys.stderr)
        return 2
    return Walk(definition, args.service_root, args.verbose).run()


if __name__ == "__main__":
    sys.exit(main())

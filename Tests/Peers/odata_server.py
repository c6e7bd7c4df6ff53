#!/usr/bin/env python3
"""The project's live OData v4 test server: odatapy 5.3.0 on 127.0.0.1, serving any CSDL file.

Run with the test-peers venv (Tests/Peers/setup-venv.sh):

    .peers-venv/bin/python Tests/Peers/odata_server.py --csdl Samples/metadata/fno-sample.xml \
        [--port 0] [--page-size N] [--rows N] [--seed FILE.json] [--verbose]

It prints `READY <service root URL>` on stdout once it listens, then serves until SIGTERM/SIGINT.

Data: every entity set gets rows, either from `--seed` (a JSON object: set name -> list of OData JSON
entities) or generated from the entity type: `dataAreaId` cycles usmf/demf/gbsi, strings are `<Prop>-<n>`,
decimals carry fractions a Double cannot hold, Int64 values lie above 2^53, DateTimeOffsets carry non-UTC
offsets, enums cycle through their members. Every row has an ETag; writes need If-Match (428 without, 412
when stale), as F&O does. Actions and functions answer with a value computed from their binding (see
`Processor.action_result`): the sample's `getCreditLimitUsage` returns a quarter of the customer's credit
limit, `confirmSalesOrders` echoes the order numbers it was given.

odatapy 5.3.0 needs a few adjustments to behave like F&O, made in `adjust_odatapy()`:
- a request without `OData-MaxVersion` is answered as OData 4.0;
- `Edm.Decimal` without a `Scale` facet accepts any number of fractional digits (F&O declares no facets);
- enum values read from JSON bodies are stored as member names, so `$filter` on them matches;
- ETags that are not `W/"<n>"` get a deterministic successor after a write;
- `eq` with a string holding `*` is F&O's wildcard match (`Name eq '*retail*'`, case-insensitive);
- request lines inside a `$batch` are percent-decoded like top-level request paths (`A%2BB` is `A+B`).
"""
from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import fnmatch
import hashlib
import json
import os
import re
import signal
import sys
from decimal import Decimal
from socketserver import ThreadingMixIn
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

try:
    from odatapy.edm import primitives as edm_primitives
    from odatapy.edm import xml_io
    from odatapy.edm.names import FullQualifiedName
    from odatapy.errors import DeserializerException, ODataApplicationException
    from odatapy.http.content_type import ContentType
    from odatapy.http.status import HttpStatusCode
    from odatapy.server import OData
    from odatapy.server import batch as batch_module
    from odatapy.server import eval as filter_eval
    from odatapy.server.adapters.common import decode_path
    from odatapy.server.adapters import ODataWSGIApp
    from odatapy.server.deserializer.json_deserializer import ODataJsonDeserializer
    from odatapy.server.inmemory import InMemoryDataStore, InMemoryProcessor
    from odatapy.server.processor import ActionProcessor, CustomETagSupport
    from odatapy.server.serializer import PrimitiveSerializerOptions
    from odatapy.server.support import ETagHelper
except ImportError as error:  # pragma: no cover - reported to the test that started us
    sys.exit(f"error: odatapy 5.3.0 is missing ({error}); run Tests/Peers/setup-venv.sh")

COMPANIES = ("usmf", "demf", "gbsi")
FRACTIONS = ("0.5678", "0.3", "0.1", "0.05", "0.000001", "0.25")
OFFSET_MINUTES = (0, 330, -480, 60, -210)
INT64_FLOOR = 2 ** 53 + 1
START = dt.datetime(2024, 1, 31, 9, 15, 0)


def adjust_odatapy() -> None:
    """The F&O-like behaviour odatapy does not have by default (see the module docstring)."""
    decimal_type = edm_primitives.EdmDecimal
    validate = decimal_type._validate_precision_scale.__func__
    to_text = decimal_type._internal_value_to_string

    def validate_any_scale(cls, value, precision, scale):
        return validate(cls, value, precision, "variable" if scale is None else scale)

    def text_any_scale(self, value, facets):
        if facets.scale is None:
            facets = dataclasses.replace(facets, scale="variable")
        return to_text(self, value, facets)

    decimal_type._validate_precision_scale = classmethod(validate_any_scale)
    decimal_type._internal_value_to_string = text_any_scale

    read_enum = ODataJsonDeserializer._enum

    def enum_as_name(enum_type, raw, name):
        value = read_enum(enum_type, raw, name)
        try:
            return enum_type.format_value(value)
        except Exception:  # noqa: BLE001 - not nameable: keep what odatapy read
            return value

    ODataJsonDeserializer._enum = staticmethod(enum_as_name)

    next_version = ETagHelper.next_version

    def deterministic_next(etag):
        if etag and not re.fullmatch(r'W/"\d+"', etag.strip()):
            return 'W/"%s"' % hashlib.sha256(etag.encode()).hexdigest()[:10]
        return next_version(etag)

    ETagHelper.next_version = staticmethod(deterministic_next)

    equals = filter_eval._equals

    def equals_with_wildcard(left, right):
        if isinstance(left, str) and isinstance(right, str) and "*" in right:
            return fnmatch.fnmatchcase(left.lower(), right.lower().replace("[", "[[]").replace("?", "[?]"))
        return equals(left, right)

    filter_eval._equals = equals_with_wildcard

    to_relative = batch_module.BatchParser.to_relative

    def to_relative_decoded(self, url):
        path, query = to_relative(self, url)
        return decode_path(path), query

    batch_module.BatchParser.to_relative = to_relative_decoded


# ----------------------------------------------------------------------------------------------- rows

def primitive(type_name: str, prop: str, n: int):
    """A deterministic JSON value of an Edm primitive type for row n (0-based), or None to leave it unset."""
    if type_name == "Edm.String":
        return COMPANIES[n % len(COMPANIES)] if prop == "dataAreaId" else f"{prop}-{n + 1}"
    if type_name == "Edm.Boolean":
        return n % 2 == 1
    if type_name in ("Edm.Byte", "Edm.SByte"):
        return (n + 1) % 100
    if type_name in ("Edm.Int16", "Edm.Int32"):
        return 1000 + n
    if type_name == "Edm.Int64":
        return INT64_FLOOR + 2 * n
    if type_name == "Edm.Decimal":
        return str(Decimal(1000 * (n + 1)) + Decimal(FRACTIONS[n % len(FRACTIONS)]))
    if type_name in ("Edm.Double", "Edm.Single"):
        return 0.5 + n
    if type_name == "Edm.Date":
        return (START.date() + dt.timedelta(days=n)).isoformat()
    if type_name == "Edm.DateTimeOffset":
        zone = dt.timezone(dt.timedelta(minutes=OFFSET_MINUTES[n % len(OFFSET_MINUTES)]))
        text = (START + dt.timedelta(days=n, minutes=7 * n)).replace(tzinfo=zone).isoformat()
        return text.replace("+00:00", "Z")
    if type_name == "Edm.TimeOfDay":
        return f"{8 + n % 10:02d}:{n % 60:02d}:00"
    if type_name == "Edm.Duration":
        return f"PT{n + 1}H"
    if type_name == "Edm.Guid":
        digest = hashlib.sha256(f"{prop}/{n}".encode()).hexdigest()
        return f"{digest[:8]}-{digest[8:12]}-{digest[12:16]}-{digest[16:20]}-{digest[20:32]}"
    return None


def value_for(edm, type_name: str, prop: str, n: int):
    if type_name.startswith("Collection("):
        inner = type_name[len("Collection("):-1]
        return [v for v in (value_for(edm, inner, prop, 2 * n + k) for k in range(2)) if v is not None]
    if type_name.startswith("Edm."):
        return primitive(type_name, prop, n)
    fqn = FullQualifiedName.parse(type_name)
    enum_type = edm.get_enum_type(fqn)
    if enum_type is not None:
        names = enum_type.member_names
        return names[n % len(names)] if names else None
    complex_type = edm.get_complex_type(fqn)
    if complex_type is not None:
        out = {}
        for p in complex_type.get_properties():
            v = value_for(edm, p.type_fqn, p.name, n)
            if v is not None:
                out[p.name] = v
        return out
    definition = edm.get_type_definition(fqn)
    if definition is not None:
        return primitive(definition.underlying_type_fqn, prop, n)
    return None


def generated_rows(edm, entity_type, count: int) -> list[dict]:
    rows = []
    for n in range(count):
        row = {}
        for p in entity_type.get_properties():
            type_name = p.type_fqn
            if getattr(getattr(p, "_csdl", None), "collection", False) and not type_name.startswith("Collection("):
                type_name = f"Collection({type_name})"
            v = value_for(edm, type_name, p.name, n)
            if v is not None:
                row[p.name] = v
        rows.append(row)
    return rows


# ------------------------------------------------------------------------------------------ processor

class AllSetsHaveETags(CustomETagSupport):
    def has_etag(self, entity_set_or_singleton):
        return True


class Processor(InMemoryProcessor, ActionProcessor):
    """odatapy's in-memory processor, plus actions that compute a result from their binding."""

    def process_action(self, request, response, uri_info, request_ct, response_ct):
        part = uri_info.last_resource
        action = getattr(part, "action", None)
        edm = self.service_metadata.edm
        parameters = {}
        if action is not None:
            try:  # an unknown, missing or mistyped parameter is a 400, as on a real service
                ODataJsonDeserializer().action_parameters(edm, action, request.body or b"{}")
            except DeserializerException as error:
                raise ODataApplicationException(str(error), HttpStatusCode.BAD_REQUEST)
            try:
                parameters = json.loads(request.body or b"{}")
            except ValueError:
                parameters = {}
        with self.lock:
            binding = None
            path = list(uri_info.resource_parts)[:-1]
            if path:
                binding = self._walk(request, path, for_write=True)
                if not binding.is_collection and binding.entity is None:
                    raise ODataApplicationException("Entity not found.", HttpStatusCode.NOT_FOUND, code="404")
            name = part.name or ""
            return_type = getattr(part, "return_type_fqn", None)
            result = self.action_result(name.split(".")[-1], binding, parameters)
            if return_type is None or result is None:
                response.set_status(HttpStatusCode.NO_CONTENT)
                response.set_header("OData-Version", self._version(request))
                return
            if not return_type.startswith("Edm."):
                raise ODataApplicationException(f"{name}: only primitive results are served", HttpStatusCode.NOT_IMPLEMENTED)
            value = ODataJsonDeserializer().property(edm, return_type, json.dumps({"value": result})).value
            serializer = self._serializer(ContentType.JSON, request)
            options = PrimitiveSerializerOptions(context_url=self._context(request, return_type),
                                                 type_fqn=return_type, collection=False)
            self._write(request, response, serializer.primitive(value, options, edm), ContentType.JSON)

    @staticmethod
    def property_value(entity, name):
        prop = entity.get_property(name) if hasattr(entity, "get_property") else None
        return getattr(prop, "value", None)

    def action_result(self, name: str, binding, parameters: dict):
        """The sample's actions compute something checkable; other actions answer 204 (no result)."""
        if name == "getCreditLimitUsage" and binding is not None and binding.entity is not None:
            limit = self.property_value(binding.entity, "CreditLimit")
            return str(Decimal(str(limit)) / 4) if limit is not None else "0"
        if name == "confirmSalesOrders":
            numbers = parameters.get("_salesOrderNumbers") or ""
            count = len(binding.entities) if binding is not None and binding.entities is not None else 0
            return f"confirmed {numbers} of {count}"
        return None


# ---------------------------------------------------------------------------------------------- serve

def build(csdl: str, rows: int, seed: str | None, page_size: int | None, log):
    odata = OData.new_instance()
    try:
        metadata = odata.create_service_metadata(xml_io.XmlEdmProvider.from_file(csdl))
    except Exception as error:  # noqa: BLE001 - any load error ends the run with a message
        raise SystemExit(f"error: cannot load {csdl}: {type(error).__name__}: {error}")
    edm = metadata.edm
    seeds = {}
    if seed:
        with open(seed, encoding="utf-8") as f:
            seeds = json.load(f)
    container = edm.entity_container
    sets = list(container.entity_sets) if container is not None else []
    unknown = sorted(set(seeds) - {s.name for s in sets})
    if unknown:
        raise SystemExit(f"error: {seed} names entity sets that {csdl} does not have: {', '.join(unknown)}")
    reader = ODataJsonDeserializer()
    store = InMemoryDataStore()
    for entity_set in sets:
        items = seeds.get(entity_set.name)
        if items is None:
            items = generated_rows(edm, entity_set.entity_type, rows)
        entities = []
        for index, item in enumerate(items):
            try:
                entity = reader.entity(edm, entity_set.entity_type, json.dumps(item))
            except DeserializerException as error:
                raise SystemExit(f"error: {entity_set.name}[{index}]: {error}")
            entity.etag = item.get("@odata.etag") or f'W/"{1 + index % 3}"'
            entities.append(entity)
        store.set_entities(entity_set.name, entities)
        log(f"{entity_set.name}: {len(entities)} rows")
    processor = Processor(store, page_size=page_size)
    handler = odata.create_handler(metadata)
    handler.register(processor)
    handler.register(AllSetsHaveETags())
    link_navigation(sets, store, processor)
    return handler


def link_navigation(sets, store, processor) -> None:
    """Navigation follows referential constraints where declared, else row i links to row i of the target."""
    for entity_set in sets:
        sources = store.entities(entity_set.name)
        for nav in entity_set.entity_type.get_navigation_properties():
            target_name = entity_set.get_binding_target(nav.name)
            if not target_name or "/" in target_name:
                continue
            targets = store.entities(target_name.split(".")[-1])
            if not targets:
                continue
            constraints = constraint_pairs(nav)
            for index, source in enumerate(sources):
                key = processor._key_of(entity_set, source)
                if constraints:
                    picks = [t for t in targets if all(
                        Processor.property_value(source, a) == Processor.property_value(t, b) for a, b in constraints)]
                else:
                    picks = [targets[index % len(targets)]]
                for target in picks:
                    store.add_relation(entity_set.name, key, nav.name, target)


def constraint_pairs(nav) -> list[tuple[str, str]]:
    """(source property, target property) pairs from the navigation's referential constraints, or from its
    partner's (reversed) when only the partner declares them."""
    pairs = [(c.property, c.referenced_property) for c in (getattr(nav, "referential_constraints", None) or [])]
    if pairs:
        return pairs
    partner_name = getattr(nav, "partner", None)
    partner = nav.type.get_navigation_property(partner_name) if partner_name and nav.type is not None else None
    if partner is None:
        return []
    return [(c.referenced_property, c.property) for c in (getattr(partner, "referential_constraints", None) or [])]


class QuietHandler(WSGIRequestHandler):
    verbose = False

    def log_message(self, fmt, *args):
        if self.verbose:
            sys.stderr.write(fmt % args + "\n")


class ThreadedServer(ThreadingMixIn, WSGIServer):
    daemon_threads = True


def default_max_version(app):
    def wrapped(environ, start_response):
        environ.setdefault("HTTP_ODATA_MAXVERSION", "4.0")
        return app(environ, start_response)
    return wrapped


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="Serve a CSDL file as a live OData v4 service on 127.0.0.1.")
    parser.add_argument("--csdl", required=True, help="the $metadata file")
    parser.add_argument("--port", type=int, default=0, help="TCP port (0: a free one)")
    parser.add_argument("--page-size", type=int, default=None, help="server-driven page size")
    parser.add_argument("--rows", type=int, default=12, help="generated rows per entity set without seed")
    parser.add_argument("--seed", default=None, help="JSON file: entity set name -> list of entities")
    parser.add_argument("--service-root", default="/data/", help="path of the service root")
    parser.add_argument("--verbose", action="store_true", help="log requests on stderr")
    args = parser.parse_args(argv)
    if not os.path.isfile(args.csdl):
        print(f"error: {args.csdl} not found", file=sys.stderr)
        return 2
    if args.rows < 0 or (args.page_size is not None and args.page_size < 1):
        print("error: --rows must be >= 0 and --page-size >= 1", file=sys.stderr)
        return 2

    def log(message):
        if args.verbose:
            print(message, file=sys.stderr, flush=True)

    adjust_odatapy()
    handler = build(args.csdl, args.rows, args.seed, args.page_size, log)
    mount = "/" + args.service_root.strip("/") if args.service_root.strip("/") else ""
    app = default_max_version(ODataWSGIApp(handler, mount_path=mount))
    QuietHandler.verbose = args.verbose
    try:
        server = make_server("127.0.0.1", args.port, app, server_class=ThreadedServer, handler_class=QuietHandler)
    except OSError as error:
        print(f"error: cannot listen on 127.0.0.1:{args.port}: {error.strerror}", file=sys.stderr)
        return 2
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    print(f"READY http://127.0.0.1:{server.server_port}{mount}/", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())

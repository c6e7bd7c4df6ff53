import Foundation

// Execution of queries through the service context's client. Reads follow `@odata.nextLink` verbatim; writes
// send `If-Match` with the entity's `@odata.etag` when it has one, or the `ifMatch` the caller passes (`.any`).

extension ODataQuery {
    /// The first page: rows, `@odata.count` (with `count(true)`) and the next link.
    public func firstPage() async throws -> ODataPage<Row> {
        try await context.client.fetchPage(url, as: Row.self)
    }

    /// Every row, page by page (one page in memory at a time), following `@odata.nextLink`.
    public func all() -> ODataRows<Row> {
        context.client.rows(url, as: Row.self)
    }

    /// Every row of the query, all pages collected (use ``all()`` for large results).
    public func fetch() async throws -> [Row] {
        var rows: [Row] = []
        for try await row in all() { rows.append(row) }
        return rows
    }

    /// The number of matching entities (`.../$count` with this query's filter).
    public func count() async throws -> Int {
        try await context.client.fetchCount(countURL)
    }

    /// This query as a `$batch` part (GET).
    public var batchRequest: ODataBatchRequest { ODataBatchRequest(method: "GET", url: url) }
}

extension ODataQuery where Row == Entity {
    /// Creates `entity` in this collection (POST, `Prefer: return=representation`) and returns it as created.
    public func create(_ entity: Entity) async throws -> Entity {
        try await context.client.create(context.url(path, []), body: try ODataChanges.sortedEncoder.encode(entity), as: Entity.self)
    }

    /// The `$batch` part that creates `entity` (give it a Content-ID to reference it later in a changeset).
    public func createRequest(_ entity: Entity, contentID: String? = nil) throws -> ODataBatchRequest {
        ODataBatchRequest(method: "POST", url: context.url(path, []), headers: ["Content-Type": "application/json"],
                          body: try ODataChanges.sortedEncoder.encode(entity), contentID: contentID)
    }
}

extension ODataQuery where Entity: ODataKeyedEntity {
    /// Applies `change` to a copy of `entity` and PATCHes the properties it changed (nothing is sent when none
    /// changed), with `If-Match` from `ifMatch`, else from the entity's `@odata.etag`. Returns the changed entity
    /// with the new ETag when the service sent one (else none: read it again before the next update).
    public func update(_ entity: Entity, ifMatch: ODataIfMatch? = nil,
                       _ change: (inout Entity) throws -> Void) async throws -> Entity {
        var changed = entity
        try change(&changed)
        return try await key(entity.key).update(from: entity, to: changed, ifMatch: ifMatch)
    }

    /// Deletes `entity`, with `If-Match` from `ifMatch`, else from its `@odata.etag`.
    public func delete(_ entity: Entity, ifMatch: ODataIfMatch? = nil) async throws {
        try await key(entity.key).delete(ifMatch: ifMatch ?? entity.odataEtag.map { ODataIfMatch.etag($0) })
    }
}

extension ODataEntityRequest {
    /// Reads the entity (or, after `select`, its projection).
    public func fetch() async throws -> Row {
        try await context.client.fetchValue(url, as: Row.self)
    }

    /// This read as a `$batch` part.
    public var batchRequest: ODataBatchRequest { ODataBatchRequest(method: "GET", url: url) }

    /// PATCHes the properties that differ between `original` (as read) and `changed`; nothing is sent when none
    /// differ. `If-Match` is `ifMatch`, else `original`'s `@odata.etag` (a 412 answer throws
    /// `ODataError.preconditionFailed`). Returns `changed` with the new ETag when the service sent one, else none.
    @discardableResult
    public func update(from original: Entity, to changed: Entity, ifMatch: ODataIfMatch? = nil) async throws -> Entity {
        guard let body = try ODataChanges.patchBody(from: original, to: changed) else { return changed }
        var headers = ["Content-Type": "application/json"]
        if let match = ifMatch ?? original.odataEtag.map({ ODataIfMatch.etag($0) }) { headers["If-Match"] = match.headerValue }
        let response = try await context.client.send(ODataRequest(method: "PATCH", url: entityURL, headers: headers, body: body))
        var result = changed
        result.odataEtag = response.header("ETag")
        return result
    }

    /// The `$batch` part of ``update(from:to:ifMatch:)``, or nil when nothing changed.
    public func updateRequest(from original: Entity, to changed: Entity, ifMatch: ODataIfMatch? = nil) throws -> ODataBatchRequest? {
        guard let body = try ODataChanges.patchBody(from: original, to: changed) else { return nil }
        var headers = ["Content-Type": "application/json"]
        if let match = ifMatch ?? original.odataEtag.map({ ODataIfMatch.etag($0) }) { headers["If-Match"] = match.headerValue }
        return ODataBatchRequest(method: "PATCH", url: entityURL, headers: headers, body: body)
    }

    /// Deletes the entity, with `If-Match` when given.
    public func delete(ifMatch: ODataIfMatch?) async throws {
        try await context.client.delete(entityURL, ifMatch: ifMatch)
    }

    /// The `$batch` part of ``delete(ifMatch:)``.
    public func deleteRequest(ifMatch: ODataIfMatch?) -> ODataBatchRequest {
        ODataBatchRequest(method: "DELETE", url: entityURL, headers: ifMatch.map { ["If-Match": $0.headerValue] } ?? [:])
    }
}

extension ODataOperation {
    /// Calls the operation and decodes its result.
    public func invoke() async throws -> Result {
        let response = try await context.client.invoke(url, method: method, body: try body())
        if Result.self == ODataVoid.self, let none = ODataVoid() as? Result { return none }
        if resultInValue { return try context.client.decode(ValueWrapper.self, from: response.body).value }
        return try context.client.decode(Result.self, from: response.body)
    }

    /// The call as a `$batch` part.
    public func batchRequest(contentID: String? = nil) throws -> ODataBatchRequest {
        ODataBatchRequest(method: method, url: url, headers: isAction ? ["Content-Type": "application/json"] : [:],
                          body: try body(), contentID: contentID)
    }
}

import Foundation

/// The result of `MetadataDiff.compare`: the changes sorted by path, then kind (then old and new value), so the same
/// two documents always give the same report.
///
/// JSON contract (`json()`; keys sorted, one document, a trailing newline):
///
/// ```json
/// {"changes":[{"breaking":true,"kind":"propertyRemoved","new":null,"old":"Edm.Decimal Nullable=false",
///              "path":"CustomerV3/CreditLimit","reason":"the generated property is gone"}],
///  "summary":{"additive":0,"breaking":1,"total":1}}
/// ```
///
/// `kind` is a `MetadataChange.Kind` raw value, `path`, `old` and `new` are as `MetadataChange` documents them
/// (`old`/`new` are `null` when not applicable), `summary.additive` counts every change that is not breaking.
public struct MetadataDiffReport: Sendable {
    /// The changes, sorted.
    public var changes: [MetadataChange]

    /// Creates a report.
    public init(changes: [MetadataChange]) { self.changes = changes }

    /// The number of breaking changes.
    public var breakingCount: Int { changes.count { $0.breaking } }
    /// The number of changes that are not breaking.
    public var additiveCount: Int { changes.count { !$0.breaking } }

    private struct Summary: Encodable {
        var breaking: Int
        var additive: Int
        var total: Int
    }

    private struct Document: Encodable {
        var changes: [MetadataChange]
        var summary: Summary
    }

    /// The JSON contract described on the type.
    public func json() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let document = Document(changes: changes, summary: Summary(breaking: breakingCount, additive: additiveCount,
                                                                    total: changes.count))
        guard let data = try? encoder.encode(document) else { return "{}\n" }
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    /// A report for a pull request (plain text that also reads as a Markdown list): breaking changes first, each
    /// with its reason on the next line, then additive ones, each group sorted by path, and a summary line.
    /// `old` and `new` name the two documents.
    public func text(old: String, new: String) -> String {
        var out = "Metadata diff: \(old) -> \(new)\n"
        func line(_ c: MetadataChange) -> String {
            var s = "- \(c.path): \(c.kind.words)"
            switch (c.old, c.new) {
            case let (o?, n?): s += " (\(o.isEmpty ? "none" : o) -> \(n.isEmpty ? "none" : n))"
            case let (o?, nil): s += " (was \(o))"
            case let (nil, n?): s += " (\(n))"
            case (nil, nil): break
            }
            return s + "\n"
        }
        let breaking = changes.filter(\.breaking)
        let additive = changes.filter { !$0.breaking }
        if !breaking.isEmpty {
            out += "\nBreaking changes (\(breaking.count)):\n"
            for c in breaking { out += line(c) + "  \(c.reason)\n" }
        }
        if !additive.isEmpty {
            out += "\nAdditive changes (\(additive.count)):\n"
            for c in additive { out += line(c) }
        }
        if changes.isEmpty { out += "\nNo changes.\n" }
        out += "\nSummary: \(breaking.count) breaking, \(additive.count) additive, \(changes.count) total\n"
        return out
    }
}

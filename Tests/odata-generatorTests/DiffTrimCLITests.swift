import Foundation
import Testing

/// `odata-generator diff` and `trim` as a user runs them: exit statuses, --fail-on, --config, JSON on stdout,
/// determinism across processes.
extension CLITests {
    /// The sample with one breaking change (a property removed) and one additive one (an enum member added).
    func changedSample() throws -> String {
        let original = try String(contentsOfFile: CLITests.packageRoot.appendingPathComponent(CLITests.sample).path, encoding: .utf8)
        let removed = original.replacingOccurrences(
            of: #"<Property Name="PaymentTerms" Type="Edm.String"\s*/>"#, with: "", options: .regularExpression)
        #expect(removed != original, "the sample no longer declares PaymentTerms as expected")
        let added = removed.replacingOccurrences(of: #"(<Member Name="Never" Value="5"\s*/>)"#,
                                                 with: "$1<Member Name=\"Later\" Value=\"6\"/>", options: .regularExpression)
        #expect(added != removed, "the sample no longer declares CustVendorBlocked/Never as expected")
        return try temporaryFile(added, name: "changed.xml")
    }

    /// The sample with only an additive change (a new optional property on SalesOrderLine).
    func additiveSample() throws -> String {
        let original = try String(contentsOfFile: CLITests.packageRoot.appendingPathComponent(CLITests.sample).path, encoding: .utf8)
        let changed = original.replacingOccurrences(of: #"(<EntityType Name="CustomerV3">)"#,
                                                    with: "$1<Property Name=\"Memo\" Type=\"Edm.String\"/>",
                                                    options: .regularExpression)
        #expect(changed != original)
        return try temporaryFile(changed, name: "additive.xml")
    }

    @Test("diff: exit 0 without --fail-on; text report grouped with a summary line")
    func diffText() throws {
        let new = try changedSample()
        let r = try run(["diff", CLITests.sample, new])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("Breaking changes (1):\n- CustomerV3/PaymentTerms: property removed (was Edm.String)\n"))
        #expect(r.stdout.contains("Additive changes (1):\n- CustVendorBlocked/Later: enum member added (6)\n"))
        #expect(r.stdout.hasSuffix("Summary: 1 breaking, 1 additive, 2 total\n"))
    }

    @Test("diff --format json: one JSON document with the contract's keys, same bytes from two processes")
    func diffJSON() throws {
        let new = try changedSample()
        let a = try run(["diff", CLITests.sample, new, "--format", "json"])
        let b = try run(["diff", CLITests.sample, new, "--format", "json"])
        #expect(a.status == 0)
        #expect(a.stdout == b.stdout)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(a.stdout.utf8)) as? [String: Any])
        let changes = try #require(object["changes"] as? [[String: Any]])
        #expect(changes.map { $0["kind"] as? String } == ["enumMemberAdded", "propertyRemoved"])
        #expect(changes.map { $0["path"] as? String } == ["CustVendorBlocked/Later", "CustomerV3/PaymentTerms"])
        #expect(changes.map { $0["breaking"] as? Bool } == [false, true])
        #expect(object["summary"] as? [String: Int] == ["breaking": 1, "additive": 1, "total": 2])
    }

    @Test("diff --fail-on: breaking fails on a breaking change only, any on any change")
    func diffFailOn() throws {
        let breaking = try changedSample()
        let additive = try additiveSample()
        #expect(try run(["diff", CLITests.sample, breaking, "--fail-on", "breaking"]).status == 1)
        #expect(try run(["diff", CLITests.sample, additive, "--fail-on", "breaking"]).status == 0)
        #expect(try run(["diff", CLITests.sample, additive, "--fail-on", "any"]).status == 1)
        #expect(try run(["diff", CLITests.sample, CLITests.sample, "--fail-on", "any"]).status == 0)
        let same = try run(["diff", CLITests.sample, CLITests.sample])
        #expect(same.stdout.contains("No changes."))
    }

    @Test("diff: usage errors, unreadable input and documents with errors exit 2 and say why")
    func diffErrors() throws {
        let missing = try run(["diff", CLITests.sample, "/nonexistent/new.xml"])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("/nonexistent/new.xml"))
        #expect(try run(["diff", CLITests.sample]).status == 2)
        #expect(try run(["diff", CLITests.sample, CLITests.sample, "--fail-on", "sometimes"]).status == 2)
        #expect(try run(["diff", CLITests.sample, CLITests.sample, "--format", "yaml"]).status == 2)
        let broken = try temporaryFile("<edmx:Edmx Version=\"4.0\" xmlns:edmx=\"http://docs.oasis-open.org/odata/ns/edmx\"><edmx:DataServices>\n<Schema")
        let r = try run(["diff", CLITests.sample, broken])
        #expect(r.status == 2)
        #expect(r.stderr.contains("\(broken):2:"), "diagnostics are located: \(r.stderr)")
        #expect(r.stderr.contains("the document has errors"))
        #expect(r.stdout.isEmpty)
    }

    @Test("diff --config: only the config's selection is compared")
    func diffConfig() throws {
        let new = try changedSample()
        let dir = (new as NSString).deletingLastPathComponent
        let onlyOrders = (dir as NSString).appendingPathComponent("orders.yaml")
        try Data("include:\n  entitySets: [SalesOrderLines]\n".utf8).write(to: URL(fileURLWithPath: onlyOrders))
        let r = try run(["diff", CLITests.sample, new, "--config", onlyOrders, "--format", "json", "--fail-on", "any"])
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        #expect((object["changes"] as? [Any])?.isEmpty == true)
        let customers = (dir as NSString).appendingPathComponent("customers.yaml")
        try Data("include:\n  entitySets: [CustomersV3]\n".utf8).write(to: URL(fileURLWithPath: customers))
        let c = try run(["diff", CLITests.sample, new, "--config", customers, "--fail-on", "breaking"])
        #expect(c.status == 1)
        #expect(c.stdout.contains("CustomerV3/PaymentTerms: property removed"))
        // A set the config names that the new document no longer has: a breaking change, not a config error.
        let original = try String(contentsOfFile: CLITests.packageRoot.appendingPathComponent(CLITests.sample).path, encoding: .utf8)
        let withoutSet = original.replacingOccurrences(
            of: #"<EntitySet Name="CustomersV3"[^>]*>[\s\S]*?</EntitySet>"#, with: "", options: .regularExpression)
        #expect(withoutSet != original)
        let gone = try temporaryFile(withoutSet, name: "gone.xml")
        let g = try run(["diff", CLITests.sample, gone, "--config", customers, "--format", "json", "--fail-on", "breaking"])
        #expect(g.status == 1, "\(g.stderr)")
        #expect(g.stdout.contains("\"kind\" : \"entitySetRemoved\""))
        #expect(g.stdout.contains("\"kind\" : \"entityTypeRemoved\""))
        let bad = (dir as NSString).appendingPathComponent("bad.yaml")
        try Data("include:\n  entitySets: [NoSuchSet]\n".utf8).write(to: URL(fileURLWithPath: bad))
        let b = try run(["diff", CLITests.sample, new, "--config", bad])
        #expect(b.status == 2)
        #expect(b.stderr.contains("NoSuchSet"))
    }

    @Test("trim: writes a smaller document that generate turns into the same Swift; errors exit 1 or 2")
    func trimCommand() throws {
        let dir = (try temporaryFile("", name: "placeholder")) as NSString
        let out = dir.deletingLastPathComponent + "/trimmed.xml"
        let r = try run(["trim", CLITests.sample, "--output", out, "--include-entity-sets", "CustomersV3"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains("kept 1 entity sets"))
        let full = try Data(contentsOf: CLITests.packageRoot.appendingPathComponent(CLITests.sample))
        let trimmed = try Data(contentsOf: URL(fileURLWithPath: out))
        #expect(trimmed.count < full.count)
        let again = try run(["trim", CLITests.sample, "--output", out, "--include-entity-sets", "CustomersV3"])
        #expect(again.status == 0)
        #expect(try Data(contentsOf: URL(fileURLWithPath: out)) == trimmed)

        let genFull = dir.deletingLastPathComponent + "/gen-full"
        let genTrim = dir.deletingLastPathComponent + "/gen-trim"
        #expect(try run(["generate", CLITests.sample, "--output-directory", genFull, "--include-entity-sets", "CustomersV3"]).status == 0)
        // Same input file name, so the generated headers agree.
        let renamed = dir.deletingLastPathComponent + "/sub"
        try FileManager.default.createDirectory(atPath: renamed, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: out, toPath: renamed + "/fno-sample.xml")
        #expect(try run(["generate", renamed + "/fno-sample.xml", "--output-directory", genTrim, "--include-entity-sets", "CustomersV3"]).status == 0)
        for name in try FileManager.default.contentsOfDirectory(atPath: genFull) {
            #expect(try Data(contentsOf: URL(fileURLWithPath: genFull + "/" + name))
                    == Data(contentsOf: URL(fileURLWithPath: genTrim + "/" + name)), "\(name) differs")
        }

        #expect(try run(["trim", CLITests.sample]).status == 2)
        #expect(try run(["trim", "/nonexistent.xml", "--output", out]).status == 2)
        let unmatched = try run(["trim", CLITests.sample, "--output", out, "--include-entity-sets", "NoSuchSet"])
        #expect(unmatched.status == 1)
        #expect(unmatched.stderr.contains("NoSuchSet"))
    }
}

import Foundation
import Testing
import ODataCSDL
@testable import ODataGeneratorCore

/// The connector export of the sample and of small documents: goldens, determinism and the rule-specific behaviours.
@Suite("Connector export")
struct ConnectorExportTests {
    @Test("the sample's connector folder and OpenAPI documents equal the committed goldens")
    func goldens() throws {
        let model = try ConnectorSupport.sampleModel()
        let export = try ConnectorSupport.export(model)
        let openJSON = try ConnectorExporter.openAPI(model: model, selection: ConnectorSupport.select(model),
                                                     options: ConnectorOptions(), format: .json).bytes
        let openYAML = try ConnectorExporter.openAPI(model: model, selection: ConnectorSupport.select(model),
                                                     options: ConnectorOptions(), format: .yaml).bytes
        var expected: [(URL, [UInt8])] = export.files.map { (ConnectorSupport.connectorGoldens.appendingPathComponent($0.key), $0.value) }
        expected.append((ConnectorSupport.openAPIGoldens.appendingPathComponent("fno-sample.openapi.json"), openJSON))
        expected.append((ConnectorSupport.openAPIGoldens.appendingPathComponent("fno-sample.openapi.yaml"), openYAML))
        let record = ProcessInfo.processInfo.environment["ODATA_RECORD_GOLDENS"] == "1"
        for (url, bytes) in expected {
            if record {
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(bytes).write(to: url)
                continue
            }
            let golden = (try? Data(contentsOf: url)).map { [UInt8]($0) } ?? []
            #expect(golden == bytes, "\(url.lastPathComponent) differs from its golden; record with ODATA_RECORD_GOLDENS=1 after reviewing")
        }
        // No stray golden files.
        let goldenNames = try FileManager.default.contentsOfDirectory(atPath: ConnectorSupport.connectorGoldens.path).sorted()
        #expect(goldenNames == export.files.keys.sorted())
    }

    @Test("same input, same bytes; the sample passes the linter")
    func deterministic() throws {
        let a = try ConnectorSupport.export(try ConnectorSupport.sampleModel())
        let b = try ConnectorSupport.export(try ConnectorSupport.sampleModel())
        #expect(a.files == b.files)
        #expect(ConnectorSupport.lint(a).isEmpty)
        #expect(a.files.keys.sorted() == ["README.md", "apiDefinition.swagger.json", "apiProperties.json", "icon.png", "settings.json"])
    }

    @Test("the sample's operations: CustomersV3 is not deletable, named key paths, actions as POST, pageable lists")
    func sampleOperations() throws {
        let export = try ConnectorSupport.export(try ConnectorSupport.sampleModel())
        let doc = try ConnectorSupport.json(export, "apiDefinition.swagger.json")
        let paths = try #require(doc["paths"] as? [String: [String: Any]])
        let customer = "/CustomersV3(dataAreaId='{dataAreaId}',CustomerAccount='{CustomerAccount}')"
        #expect(Set(try #require(paths[customer]).keys) == ["get", "patch"])
        #expect(Set(try #require(paths["/SalesOrderHeadersV2(dataAreaId='{dataAreaId}',SalesOrderNumber='{SalesOrderNumber}')"]).keys)
                == ["get", "patch", "delete"])
        #expect(paths["/SalesOrderHeadersV2/Microsoft.Dynamics.DataEntities.confirmSalesOrders"]?["post"] != nil)
        #expect(paths[customer + "/Microsoft.Dynamics.DataEntities.getCreditLimitUsage"]?["post"] != nil)
        #expect(!paths.keys.contains { $0.contains("$batch") })
        let list = try #require(paths["/CustomersV3"]?["get"] as? [String: Any])
        #expect(list["operationId"] as? String == "ListCustomersV3")
        #expect((list["x-ms-pageable"] as? [String: String]) == ["nextLinkName": "@odata.nextLink"])
        let refs = (list["parameters"] as? [[String: String]])?.compactMap { $0["$ref"] } ?? []
        #expect(refs == ["#/parameters/filter", "#/parameters/select", "#/parameters/orderby", "#/parameters/top",
                         "#/parameters/skip", "#/parameters/count", "#/parameters/crossCompany"])
        let patch = try #require(paths[customer]?["patch"] as? [String: Any])
        #expect((patch["parameters"] as? [[String: Any]])?.contains { ($0["$ref"] as? String) == "#/parameters/ifMatch" } == true)
        let ifMatch = try #require((doc["parameters"] as? [String: [String: Any]])?["ifMatch"])
        #expect(ifMatch["in"] as? String == "header" && ifMatch["default"] as? String == "*")
        // Definitions: no navigation properties, enums as strings, formats, x-nullable, labels.
        let defs = try #require(doc["definitions"] as? [String: [String: Any]])
        let props = try #require(defs["CustomerV3"]?["properties"] as? [String: [String: Any]])
        #expect(props["SalesOrderHeaders"] == nil)
        #expect(props["OnHoldStatus"]?["enum"] as? [String] == ["No", "Invoice", "All", "Payment", "Requisition", "Never"])
        #expect(props["PartyRecordId"]?["format"] as? String == "int64")
        #expect(props["CreditLimit"]?["format"] as? String == "double")
        #expect(props["CustomerCreatedDate"]?["format"] as? String == "date-time")
        #expect(props["OrganizationName"]?["x-nullable"] as? Bool == true)
        #expect(props["CustomerAccount"]?["x-nullable"] == nil)
        #expect(props["OrganizationName"]?["x-ms-summary"] as? String == "Name of the organization (US & Canada)")
        #expect(props["dataAreaId"]?["x-ms-summary"] as? String == "Data Area Id", "@SYS label IDs are not text")
        #expect(props["CustomerAccount"]?["x-ms-visibility"] as? String == "important")
        #expect(props["PaymentTerms"]?["x-ms-visibility"] as? String == "advanced")
        // apiProperties: updatenextlink names exactly the list operations.
        let apiProps = try ConnectorSupport.json(export, "apiProperties.json")
        let policies = try #require((apiProps["properties"] as? [String: Any])?["policyTemplateInstances"] as? [[String: Any]])
        let next = try #require(policies.first { $0["templateId"] as? String == "updatenextlink" })
        let names = (next["parameters"] as? [String: Any])?["x-ms-apimTemplate-operationName"] as? [String]
        #expect(names == ["ListCustomersV3", "ListSalesOrderHeadersV2", "ListSalesOrderLines", "ListLegalEntities"])
        #expect(policies.contains { $0["templateId"] as? String == "dynamichosturl" })
    }

    static let keyed = ConnectorSupport.fno("""
          <EnumType Name="NoYes"><Member Name="No" Value="0"/><Member Name="Yes" Value="1"/></EnumType>
          <EntityType Name="Line">
            <Key><PropertyRef Name="dataAreaId"/><PropertyRef Name="LineNumber"/><PropertyRef Name="IsCopy"/><PropertyRef Name="RowId"/><PropertyRef Name="Batch"/></Key>
            <Property Name="dataAreaId" Type="Edm.String" Nullable="false"/>
            <Property Name="LineNumber" Type="Edm.Decimal" Nullable="false"/>
            <Property Name="IsCopy" Type="Microsoft.Dynamics.DataEntities.NoYes" Nullable="false"/>
            <Property Name="RowId" Type="Edm.Guid" Nullable="false"/>
            <Property Name="Batch" Type="Edm.Int32" Nullable="false"/>
          </EntityType>
          <EntityType Name="Report">
            <Key><PropertyRef Name="Id"/></Key>
            <Property Name="Id" Type="Edm.String" Nullable="false"/>
            <Annotation Term="Microsoft.Dynamics.OData.Core.V1.IsReadOnly" Bool="true"/>
          </EntityType>
          <EntityType Name="Journal">
            <Key><PropertyRef Name="Id"/></Key>
            <Property Name="Id" Type="Edm.String" Nullable="false"/>
          </EntityType>
        """, container: """
          <EntitySet Name="Lines" EntityType="Microsoft.Dynamics.DataEntities.Line"/>
          <EntitySet Name="Reports" EntityType="Microsoft.Dynamics.DataEntities.Report"/>
          <EntitySet Name="Journals" EntityType="Microsoft.Dynamics.DataEntities.Journal">
            <Annotation Term="Org.OData.Capabilities.V1.InsertRestrictions"><Record><PropertyValue Property="Insertable" Bool="false"/></Record></Annotation>
            <Annotation Term="Org.OData.Capabilities.V1.UpdateRestrictions"><Record><PropertyValue Property="Updatable" Bool="false"/></Record></Annotation>
          </EntitySet>
        """)

    @Test("key paths: strings quoted, numbers and GUIDs bare, enum keys qualified; path parameters required and single-encoded")
    func keyPaths() throws {
        let export = try ConnectorSupport.export(try ConnectorSupport.model(xml: Self.keyed))
        let paths = try #require(try ConnectorSupport.json(export, "apiDefinition.swagger.json")["paths"] as? [String: [String: Any]])
        let path = "/Lines(dataAreaId='{dataAreaId}',LineNumber={LineNumber},IsCopy=Microsoft.Dynamics.DataEntities.NoYes'{IsCopy}',RowId={RowId},Batch={Batch})"
        let get = try #require(paths[path]?["get"] as? [String: Any], "paths: \(paths.keys.sorted())")
        let params = try #require(get["parameters"] as? [[String: Any]]).filter { $0["in"] as? String == "path" }
        #expect(params.map { $0["name"] as? String } == ["dataAreaId", "LineNumber", "IsCopy", "RowId", "Batch"])
        for p in params {
            #expect(p["required"] as? Bool == true)
            #expect(p["x-ms-url-encoding"] as? String == "single")
        }
        #expect(params[2]["enum"] as? [String] == ["No", "Yes"])
        #expect(params[3]["format"] as? String == "uuid")
        #expect(params[4]["type"] as? String == "integer")
        #expect(ConnectorSupport.lint(export).isEmpty)
    }

    @Test("read-only entity types get list and get only; Capabilities restrictions remove create and update")
    func restrictions() throws {
        let export = try ConnectorSupport.export(try ConnectorSupport.model(xml: Self.keyed))
        let paths = try #require(try ConnectorSupport.json(export, "apiDefinition.swagger.json")["paths"] as? [String: [String: Any]])
        #expect(Set(try #require(paths["/Reports"]).keys) == ["get"])
        #expect(Set(try #require(paths["/Reports(Id='{Id}')"]).keys) == ["get"])
        #expect(Set(try #require(paths["/Journals"]).keys) == ["get"])
        #expect(Set(try #require(paths["/Journals(Id='{Id}')"]).keys) == ["get", "delete"])
    }

    @Test("config operations per set and *, visibility overrides, actions none")
    func configuredOperations() throws {
        let model = try ConnectorSupport.sampleModel()
        var config = ConnectorConfig()
        config.operations = [.init(pattern: "CustomersV3", operations: [.list, .update, .delete]),
                             .init(pattern: "*", operations: [.list])]
        config.visibility = [.init(name: "CustomerV3.PaymentTerms", visibility: .important),
                             .init(name: "ListLegalEntities", visibility: .internal)]
        config.actions = ConnectorConfig.Actions.none
        let export = try ConnectorSupport.export(model, options: ConnectorOptions(config: config))
        let doc = try ConnectorSupport.json(export, "apiDefinition.swagger.json")
        let paths = try #require(doc["paths"] as? [String: [String: [String: Any]]])
        let ids = paths.values.flatMap { $0.values.compactMap { $0["operationId"] as? String } }.sorted()
        // CustomersV3 is not deletable: delete stays out even when asked for.
        #expect(ids == ["ListCustomersV3", "ListLegalEntities", "ListSalesOrderHeadersV2", "ListSalesOrderLines", "UpdateCustomerV3"])
        #expect(paths["/LegalEntities"]?["get"]?["x-ms-visibility"] as? String == "internal")
        let props = (doc["definitions"] as? [String: [String: Any]])?["CustomerV3"]?["properties"] as? [String: [String: Any]]
        #expect(props?["PaymentTerms"]?["x-ms-visibility"] as? String == "important")
    }

    @Test("operation IDs are PascalCase, unique and do not change when entity sets are added")
    func operationIDStability() throws {
        let model = try ConnectorSupport.model(xml: ConnectorSupport.manySets(6, properties: 2))
        func ids(_ sets: [String]) throws -> [String: String] {
            let doc = try ConnectorSupport.json(try ConnectorSupport.export(model, sets: sets), "apiDefinition.swagger.json")
            var out: [String: String] = [:]
            for (path, ops) in try #require(doc["paths"] as? [String: [String: [String: Any]]]) {
                for (method, op) in ops { out[method + " " + path] = op["operationId"] as? String }
            }
            return out
        }
        let few = try ids(["Entities01", "Entities03"])
        let more = try ids(["Entities00", "Entities01", "Entities02", "Entities03", "Entities05"])
        for (key, id) in few { #expect(more[key] == id, "\(key) changed from \(id) to \(more[key] ?? "nil")") }
        let all = Array(more.values)
        #expect(Set(all.map { $0.lowercased() }).count == all.count)
        for id in all { #expect(id.range(of: "^[A-Z][A-Za-z0-9]*$", options: .regularExpression) != nil, "\(id)") }
    }

    @Test("colliding operation IDs get a stable hash suffix; names are made PascalCase ASCII")
    func collisions() throws {
        let xml = ConnectorSupport.fno("""
              <EntityType Name="T"><Key><PropertyRef Name="Id"/></Key><Property Name="Id" Type="Edm.Int32" Nullable="false"/></EntityType>
            """, container: """
              <EntitySet Name="my_set" EntityType="Microsoft.Dynamics.DataEntities.T"/>
              <EntitySet Name="MySet" EntityType="Microsoft.Dynamics.DataEntities.T"/>
            """)
        let export = try ConnectorSupport.export(try ConnectorSupport.model(xml: xml))
        let paths = try #require(try ConnectorSupport.json(export, "apiDefinition.swagger.json")["paths"] as? [String: [String: [String: Any]]])
        let a = try #require(paths["/MySet"]?["get"]?["operationId"] as? String)
        let b = try #require(paths["/my_set"]?["get"]?["operationId"] as? String)
        #expect(a == "ListMySet")
        #expect(b.hasPrefix("ListMySetX") && b.count == "ListMySetX".count + 8)
        // Two sets of one type: Get<Set> instead of Get<EntityType>.
        #expect(paths["/MySet(Id={Id})"]?["get"]?["operationId"] as? String == "GetMySet")
        #expect(ConnectorSupport.lint(export).isEmpty)
    }

    @Test("summaries stay within 80 characters, without / \\ < > * % & ? and end in a letter or digit")
    func summaries() throws {
        #expect(APIText.summary("List A/B & C?") == "List A B and C")
        let long = APIText.summary("Update a record of " + String(repeating: "Very long entity name ", count: 8) + "!")
        #expect(long.count <= 80 && long.last!.isLetter)
        #expect(APIText.summary("***") == "Operation")
        let name = String(repeating: "Abcdefghij", count: 12)
        let xml = ConnectorSupport.fno("""
              <EntityType Name="\(name)"><Key><PropertyRef Name="Id"/></Key><Property Name="Id" Type="Edm.String" Nullable="false"/></EntityType>
            """, container: "<EntitySet Name=\"\(name)s\" EntityType=\"Microsoft.Dynamics.DataEntities.\(name)\"/>")
        let export = try ConnectorSupport.export(try ConnectorSupport.model(xml: xml))
        let paths = try #require(try ConnectorSupport.json(export, "apiDefinition.swagger.json")["paths"] as? [String: [String: [String: Any]]])
        for op in paths.values.flatMap(\.values) {
            let s = try #require(op["summary"] as? String)
            #expect(s.count <= 80 && !s.contains(where: { "/\\<>*%&?".contains($0) }))
        }
        #expect(ConnectorSupport.lint(export).isEmpty)
    }

    @Test("title and description limits are errors, not broken files")
    func limits() throws {
        let model = try ConnectorSupport.sampleModel()
        #expect(throws: ConnectorExportError.self) {
            try ConnectorSupport.export(model, options: ConnectorOptions(title: String(repeating: "T", count: 31)))
        }
        #expect(throws: ConnectorExportError.self) {
            try ConnectorSupport.export(model, options: ConnectorOptions(host: "https://x.example.com"))
        }
        let doc = try ConnectorSupport.json(try ConnectorSupport.export(model, options: ConnectorOptions(title: "Contoso", host: "x.example.com")),
                                            "apiDefinition.swagger.json")
        #expect(doc["host"] as? String == "x.example.com")
        #expect((doc["info"] as? [String: Any])?["title"] as? String == "Contoso")
    }

    @Test("more than 256 operations split by entity set into parts that each pass the linter")
    func splitByOperations() throws {
        let model = try ConnectorSupport.model(xml: ConnectorSupport.manySets(80, properties: 3))
        let export = try ConnectorSupport.export(model)
        #expect(export.parts.count == 2)
        #expect(export.parts.map(\.folder) == ["FinanceAndOperations-1", "FinanceAndOperations-2"])
        #expect(export.parts.map(\.operationCount).reduce(0, +) == 400)
        #expect(export.parts.allSatisfy { $0.operationCount <= 256 })
        let sets = export.parts.flatMap(\.groups)
        #expect(sets == (0..<80).map { String(format: "Entities%02d", $0) }, "every set once, in order")
        #expect(ConnectorSupport.lint(export).isEmpty)
        #expect(try ConnectorSupport.export(model).files == export.files)
        for part in export.parts {
            let title = (try ConnectorSupport.json(export, part.folder + "/apiDefinition.swagger.json")["info"] as? [String: Any])?["title"] as? String
            #expect(title == part.title && title!.count <= 30)
        }
    }

    @Test("a definition over the size limit splits by size (a 150 kB limit here, 1 MiB for Power Platform)")
    func splitBySize() throws {
        let model = try ConnectorSupport.model(xml: ConnectorSupport.manySets(12, properties: 60))
        var options = ConnectorOptions()
        #expect(options.maximumBytes == 1_048_576 && options.maximumOperations == 256)
        #expect(try ConnectorSupport.export(model, options: options).parts.count == 1)
        options.maximumBytes = 150_000
        let export = try ConnectorSupport.export(model, options: options)
        #expect(export.parts.count >= 2)
        #expect(export.parts.flatMap(\.groups).count == 12)
        for part in export.parts {
            #expect(part.operationCount <= 256)
            #expect(try #require(export.files[part.folder + "/apiDefinition.swagger.json"]).count < 150_000)
        }
        #expect(ConnectorSupport.lint(export).isEmpty)
    }

    @Test("complex types that refer to themselves do not form $ref cycles")
    func complexCycle() throws {
        let xml = ConnectorSupport.fno("""
              <ComplexType Name="Node"><Property Name="Name" Type="Edm.String"/><Property Name="Child" Type="Microsoft.Dynamics.DataEntities.Node"/></ComplexType>
              <EntityType Name="Tree"><Key><PropertyRef Name="Id"/></Key><Property Name="Id" Type="Edm.String" Nullable="false"/>
                <Property Name="Root" Type="Microsoft.Dynamics.DataEntities.Node"/><Property Name="Tags" Type="Collection(Edm.String)"/></EntityType>
            """, container: "<EntitySet Name=\"Trees\" EntityType=\"Microsoft.Dynamics.DataEntities.Tree\"/>")
        let export = try ConnectorSupport.export(try ConnectorSupport.model(xml: xml))
        let defs = try #require(try ConnectorSupport.json(export, "apiDefinition.swagger.json")["definitions"] as? [String: [String: Any]])
        let node = try #require(defs["Node"]?["properties"] as? [String: [String: Any]])
        #expect(node["Child"]?["$ref"] == nil && node["Child"]?["type"] as? String == "object")
        let tree = try #require(defs["Tree"]?["properties"] as? [String: [String: Any]])
        #expect(tree["Root"]?["$ref"] as? String == "#/definitions/Node")
        #expect(tree["Tags"]?["type"] as? String == "array")
        #expect(ConnectorSupport.lint(export).isEmpty)
    }

    @Test("OpenAPI 3.0.3: same operation IDs, nullable: true, components, no $batch; YAML reads back as the same document")
    func openAPI() throws {
        let model = try ConnectorSupport.sampleModel()
        let selection = ConnectorSupport.select(model)
        let json = try ConnectorExporter.openAPI(model: model, selection: selection, options: ConnectorOptions(), format: .json).bytes
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(json)) as? [String: Any])
        #expect(doc["openapi"] as? String == "3.0.3")
        let swagger = try ConnectorSupport.json(try ConnectorSupport.export(model), "apiDefinition.swagger.json")
        func ids(_ d: [String: Any]) -> [String] {
            ((d["paths"] as? [String: [String: Any]]) ?? [:]).values.flatMap { $0.values.compactMap { ($0 as? [String: Any])?["operationId"] as? String } }.sorted()
        }
        #expect(ids(doc) == ids(swagger))
        let schemas = (doc["components"] as? [String: Any])?["schemas"] as? [String: [String: Any]]
        let org = (schemas?["CustomerV3"]?["properties"] as? [String: [String: Any]])?["OrganizationName"]
        #expect(org?["nullable"] as? Bool == true && org?["x-nullable"] == nil)
        let text = String(decoding: json, as: UTF8.self)
        #expect(!text.contains("$batch") && !text.contains("#/definitions/"))
        let yaml = try ConnectorExporter.openAPI(model: model, selection: selection, options: ConnectorOptions(), format: .yaml).bytes
        let fromYAML = try #require(try Yams.load(yaml: String(decoding: yaml, as: UTF8.self)) as? [String: Any])
        #expect(NSDictionary(dictionary: fromYAML).isEqual(to: doc))
    }
}

import Yams

import Testing
import ODataCSDL
import ODataGeneratorCore

/// The naming layer on every name of the corpus of real metadata (`../shared/corpus`; skipped when absent).
@Suite("Naming the corpus", .enabled(if: NamingCorpus.isPresent, "corpus folder ../shared/corpus not found"))
struct CorpusNamingTests {
    /// The scopes a generator would resolve for a model: module types, members of each structured type (properties
    /// and navigation properties), cases of each enum, operations, container members.
    static func scopes(of model: EDMModel) -> [(NamingScope, [NameEntry])] {
        var scopes: [(NamingScope, [NameEntry])] = []
        var types: [NameEntry] = []
        types += model.entityTypes.map { NameEntry($0.name, qualifiedName: $0.qualifiedName) }
        types += model.complexTypes.map { NameEntry($0.name, qualifiedName: $0.qualifiedName) }
        types += model.enumTypes.map { NameEntry($0.name, qualifiedName: $0.qualifiedName) }
        types += model.typeDefinitions.map { NameEntry($0.name, qualifiedName: $0.qualifiedName) }
        scopes.append((.types(of: "module"), types))
        for type in model.entityTypes {
            let members = type.properties.map(\.name) + type.navigationProperties.map(\.name)
            scopes.append((.properties(of: type.qualifiedName),
                           members.map { NameEntry($0, qualifiedName: type.qualifiedName + "/" + $0) }))
        }
        for type in model.complexTypes {
            let members = type.properties.map(\.name) + type.navigationProperties.map(\.name)
            scopes.append((.properties(of: type.qualifiedName),
                           members.map { NameEntry($0, qualifiedName: type.qualifiedName + "/" + $0) }))
        }
        for type in model.enumTypes {
            let members = model.csdl(type).members.map(\.name)
            scopes.append((.enumMembers(of: type.qualifiedName),
                           members.map { NameEntry($0, qualifiedName: type.qualifiedName + "/" + $0) }))
        }
        scopes.append((.operations(of: "module"), model.operations.map { NameEntry($0.name, qualifiedName: $0.qualifiedName) }))
        for operation in model.operations {
            scopes.append((.parameters(of: operation.qualifiedName), operation.parameters.map { NameEntry($0.name) }))
        }
        let container = model.entitySets.map(\.name) + model.singletons.map(\.name) + model.operationImports.map(\.name)
        scopes.append((.containerMembers(of: "container"), container.map { NameEntry($0) }))
        return scopes
    }

    static func model(_ file: String) -> EDMModel? {
        guard let path = NamingCorpus.path(file),
              let document = try? CSDLReader.read(path: path).document else { return nil }
        return EDMModel(document: document)
    }

    @Test("every name of every corpus document is valid, usable and unique in its scope",
          arguments: NamingCorpus.files)
    func everyName(_ file: String) throws {
        let model = try #require(Self.model(file), "\(file) does not read")
        let namer = SwiftNamer()
        var count = 0
        for (scope, entries) in Self.scopes(of: model) {
            let result = namer.resolve(entries, in: scope)
            count += entries.count
            #expect(result.names.map(\.edmName) == entries.map(\.edmName))
            for name in result.names {
                let problems = NamingChecks.problems(name, kind: scope.kind)
                #expect(problems.isEmpty, "\(file) \(scope) '\(name.edmName)': \(problems)")
            }
            if scope.role != .operations {
                let duplicates = NamingChecks.duplicates(result.names)
                #expect(duplicates.isEmpty, "\(file) \(scope): \(duplicates.prefix(5))")
            }
            #expect(result == namer.resolve(entries, in: scope), "\(file) \(scope): not deterministic")
        }
        #expect(count > 0 || file.contains("empty") || file.hasPrefix("vocab-"))
    }

    /// The names the brief singles out, in their real documents.
    @Test("names from the corpus", arguments: [
        ("dataverse-crm-v9.1-davidmoten.xml", "types", "import", "Import"),
        ("dataverse-crm-v9.1-davidmoten.xml", "Microsoft.Dynamics.CRM.feedback", "FeedbackId", "feedbackId2"),
        ("dataverse-crm-v9.1-davidmoten.xml", "Microsoft.Dynamics.CRM.account", "_parentaccountid_value", "parentaccountid_value"),
        ("dataverse-crm-v9.1-davidmoten.xml", "types", "Solution", "Solution2"),
        ("businesscentral-apiv2-rebelpl.xml", "enum", "0", "_0"),
        ("businesscentral-apiv2-rebelpl.xml", "enum", "14", "_14"),
        ("msgraph-v1.0-cleanMetadata.xml", "types", "image", "Image"),
        ("northwind-v4-simpleodata.xml", "any", "prefix/project2", "prefixProject2"),
        ("oasis-example-special-characters.xml", "types", "Pc_‿⁀⁔︳︴﹍﹎﹏＿", "Pc_‿⁀⁔︳︴﹍﹎﹏＿"),
        ("fno-d365agent-sales.xml", "enum", "GMTMINUS1200INTERNATIONALDATELINEWEST", "GMTMINUS1200INTERNATIONALDATELINEWEST"),
        ("fno-d365agent-sales.xml", "any", "dataAreaId", "dataAreaId"),
        ("sap-s4-CE_PURCHASEORDER_0001.xml", "com.sap.gateway.srvd_a2x.api_purchaseorder_2.v0001.PurchaseOrderItem_Type",
         "_PurchaseOrder", "_purchaseOrder"),
        ("sap-s4-CE_PURCHASEORDER_0001.xml", "com.sap.gateway.srvd_a2x.api_purchaseorder_2.v0001.PurchaseOrderItem_Type",
         "PurchaseOrder", "purchaseOrder"),
        ("msgraph-v1.0-cleanMetadata.xml", "any", "request-id", "requestId"),
        ("msgraph-v1.0-cleanMetadata.xml", "any", "self", "self_"),
    ])
    func knownNames(_ file: String, _ scopeFilter: String, _ edm: String, _ swift: String) throws {
        guard let model = Self.model(file) else { return }   // that file is not in this corpus
        let namer = SwiftNamer()
        var found: [String] = []
        for (scope, entries) in Self.scopes(of: model) {
            switch scopeFilter {
            case "types": if scope.role != .types { continue }
            case "enum": if scope.role != .enumMembers { continue }
            case "any": break
            default: if scope.name != scopeFilter { continue }
            }
            let result = namer.resolve(entries, in: scope)
            found += result.names.filter { $0.edmName == edm }.map(\.identifier)
        }
        #expect(!found.isEmpty, "\(edm) not found in \(file)")
        #expect(found.allSatisfy { $0 == swift }, "\(file) \(edm): \(Set(found).sorted())")
    }
}

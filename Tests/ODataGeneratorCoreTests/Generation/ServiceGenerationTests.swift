import Foundation
import Testing
import ODataCSDL
@testable import ODataGeneratorCore

/// The generated service for a generic OData v4 document: singletons, action and function imports, bound
/// functions with URL parameters, enum and 14-part keys, a configured service name; type-checked with a snippet
/// using each of them.
@Suite("Generated service")
struct ServiceGenerationTests {
    static let csdl = """
        <edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx"><edmx:DataServices>
        <Schema Namespace="Test.Model" xmlns="http://docs.oasis-open.org/odata/ns/edm">
          <EnumType Name="Kind"><Member Name="A" Value="0"/><Member Name="B" Value="1"/></EnumType>
          <EntityType Name="Person"><Key><PropertyRef Name="UserName"/></Key>
            <Property Name="UserName" Type="Edm.String" Nullable="false"/><Property Name="Age" Type="Edm.Int32"/>
            <NavigationProperty Name="Friends" Type="Collection(Test.Model.Person)"/>
            <NavigationProperty Name="BestFriend" Type="Test.Model.Person"/>
          </EntityType>
          <EntityType Name="Wide"><Key>\((1...14).map { "<PropertyRef Name=\"K\($0)\"/>" }.joined())</Key>
            \((1...14).map { "<Property Name=\"K\($0)\" Type=\"\($0 == 3 ? "Test.Model.Kind" : $0 == 5 ? "Edm.Int64" : $0 == 7 ? "Edm.Guid" : "Edm.String")\" Nullable=\"false\"/>" }.joined())
          </EntityType>
          <EntityType Name="Log"><Property Name="Text" Type="Edm.String"/></EntityType>
          <Function Name="GetNearest"><Parameter Name="lat" Type="Edm.Double" Nullable="false"/><Parameter Name="path" Type="Edm.String"/>
            <ReturnType Type="Collection(Test.Model.Person)"/></Function>
          <Action Name="ResetData"/>
          <Function Name="GetFriendsCount" IsBound="true"><Parameter Name="person" Type="Test.Model.Person"/>
            <Parameter Name="kind" Type="Test.Model.Kind" Nullable="false"/><ReturnType Type="Edm.Int32" Nullable="false"/></Function>
          <Action Name="Share" IsBound="true"><Parameter Name="people" Type="Collection(Test.Model.Person)"/>
            <Parameter Name="to" Type="Collection(Edm.String)"/></Action>
          <EntityContainer Name="Container">
            <EntitySet Name="People" EntityType="Test.Model.Person"/>
            <EntitySet Name="Wides" EntityType="Test.Model.Wide"/>
            <EntitySet Name="Logs" EntityType="Test.Model.Log"/>
            <Singleton Name="Me" Type="Test.Model.Person"/>
            <FunctionImport Name="GetNearest" Function="Test.Model.GetNearest"/>
            <ActionImport Name="ResetData" Action="Test.Model.ResetData"/>
          </EntityContainer>
        </Schema></edmx:DataServices></edmx:Edmx>
        """

    static func generate(serviceName: String? = nil) throws -> [GeneratedFile] {
        let read = CSDLReader.read(string: csdl, file: "service.xml")
        let model = EDMModel(document: try #require(read.document))
        var options = TranslationOptions()
        options.serviceName = serviceName
        return try CodeGenerator(model: model, plan: .everything(in: model), options: options).generate().files
    }

    @Test("members and methods of the service, bound operations on the query types")
    func declarations() throws {
        let files = try Self.generate()
        let service = try #require(files.first { $0.name == "Service.swift" }).contents
        #expect(service.contains("struct Container: Sendable {"))
        #expect(service.contains("var people: ODataQuery<Person, Person> { ODataQuery<Person, Person>(context: context, entitySet: \"People\") }"))
        #expect(service.contains("var me: ODataEntityRequest<Person, Person>"))
        #expect(service.contains("func getNearest(lat: Double, path: String? = nil) -> ODataOperation<[Person]>"))
        #expect(service.contains("ODataOperation<[Person]>.function(context: self.context, path: \"\", name: \"GetNearest\", resultInValue: true)"))
        #expect(service.contains("operation.urlParameter(\"path\", path)"))
        #expect(service.contains("func resetData() -> ODataOperation<ODataVoid>"))
        #expect(service.contains("extension ODataEntityRequest where Entity == Person {"))
        #expect(service.contains("func getFriendsCount(kind: Kind) -> ODataOperation<Int32>"))
        #expect(service.contains("extension ODataQuery where Entity == Person {"))
        #expect(service.contains("operation.bodyParameter(\"to\", to)"))
        let types = try #require(files.first { $0.name == "Types.swift" }).contents
        #expect(types.contains("extension Person: ODataKeyedEntity {"))
        #expect(types.contains("extension Log: ODataEntityType {"))
        #expect(types.contains("typealias Profile = ODataGenericProfile"))
        #expect(types.contains("func key(k1: String, k2: String, k3: Kind, k4: String, k5: ODataInt64, k6: String, k7: UUID, k8: String, k9: String, k10: String, k11: String, k12: String, k13: String, k14: String)"))
        #expect(!types.contains("ODataCompanySpecific"))
    }

    @Test("serviceName names the service type")
    func serviceName() throws {
        let service = try #require(try Self.generate(serviceName: "TripPin").first { $0.name == "Service.swift" }).contents
        #expect(service.contains("struct TripPin: Sendable {"))
    }

    @Test("the service type-checks with a snippet using every kind of member", .enabled(if: ProfileCompile.swiftc != nil && ProfileCompile.runtimeModule != nil))
    func typechecks() throws {
        guard let swiftc = ProfileCompile.swiftc, let modules = ProfileCompile.runtimeModule else { return }
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("odata-service-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: work) }
        var sources: [String] = []
        for f in try Self.generate() {
            try Data(f.contents.utf8).write(to: work.appendingPathComponent(f.name))
            sources.append(work.appendingPathComponent(f.name).path)
        }
        let snippet = """
            import Foundation
            import ODataRuntime
            func use(_ s: Container) -> [URL] {
                let wide = s.wides.key(k1: "a", k2: "b", k3: .B, k4: "d", k5: ODataInt64(9007199254740993), k6: "f", k7: UUID(),
                                       k8: "h", k9: "i", k10: "j", k11: "k", k12: "l", k13: "m", k14: "n")
                return [s.me.url, s.me.navigate(\\.friends).filter { $0.age > 3 }.url, s.me.navigate(\\.bestFriend).url,
                        s.getNearest(lat: 1.5).url, s.resetData().url, s.people.key(userName: "x").getFriendsCount(kind: .A).url,
                        s.people.share(to: ["y"]).url, wide.url, s.logs.filter { $0.text.contains("x") }.url,
                        s.people.filter { $0.friends.any { $0.bestFriend.userName == "z" } }.url]
            }
            """
        try Data(snippet.utf8).write(to: work.appendingPathComponent("Snippet.swift"))
        let (status, output) = ProfileCompile.run(swiftc, ["-typecheck", "-swift-version", "6", "-I", modules] + sources + [work.appendingPathComponent("Snippet.swift").path])
        #expect(status == 0, "\(output.split(separator: "\n").filter { $0.contains("error:") }.prefix(5).joined(separator: "\n"))")
    }
}

import Foundation
import Testing
import ODataCSDL
import ODataGeneratorCore

/// Prepared pairs of documents: one change each, and the classification the rule in `MetadataDiff` gives it.
@Suite("Metadata diff: prepared pairs")
struct MetadataDiffTests {
    /// The old document of every pair.
    static let base = """
        <edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx">
          <edmx:DataServices>
            <Schema Namespace="NS" Alias="A" xmlns="http://docs.oasis-open.org/odata/ns/edm">
              <EnumType Name="NoYes">
                <Member Name="No" Value="0"/>
                <Member Name="Yes" Value="1"/>
              </EnumType>
              <EntityType Name="Customer">
                <Key><PropertyRef Name="dataAreaId"/><PropertyRef Name="CustomerAccount"/></Key>
                <Property Name="dataAreaId" Type="Edm.String" Nullable="false"/>
                <Property Name="CustomerAccount" Type="Edm.String" Nullable="false"/>
                <Property Name="Name" Type="Edm.String" MaxLength="60"/>
                <Property Name="CreditLimit" Type="Edm.Decimal" Nullable="false"/>
                <Property Name="Blocked" Type="NS.NoYes" Nullable="false"/>
                <NavigationProperty Name="Orders" Type="Collection(NS.Order)"/>
              </EntityType>
              <EntityType Name="Order">
                <Key><PropertyRef Name="dataAreaId"/><PropertyRef Name="OrderId"/></Key>
                <Property Name="dataAreaId" Type="Edm.String" Nullable="false"/>
                <Property Name="OrderId" Type="Edm.String" Nullable="false"/>
                <Property Name="Amount" Type="Edm.Decimal"/>
              </EntityType>
              <EntityType Name="Animal">
                <Key><PropertyRef Name="Id"/></Key>
                <Property Name="Id" Type="Edm.Int32" Nullable="false"/>
              </EntityType>
              <EntityType Name="Pet">
                <Key><PropertyRef Name="Id"/></Key>
                <Property Name="Id" Type="Edm.Int32" Nullable="false"/>
              </EntityType>
              <EntityType Name="Dog" BaseType="NS.Animal">
                <Property Name="Breed" Type="Edm.String"/>
              </EntityType>
              <Action Name="confirm" IsBound="true">
                <Parameter Name="Order" Type="NS.Order"/>
                <Parameter Name="Reason" Type="Edm.String" Nullable="false"/>
                <Parameter Name="Note" Type="Edm.String"/>
              </Action>
              <Function Name="total">
                <Parameter Name="Year" Type="Edm.Int32" Nullable="false"/>
                <ReturnType Type="Edm.Decimal" Nullable="false"/>
              </Function>
              <EntityContainer Name="Resources">
                <EntitySet Name="Customers" EntityType="NS.Customer">
                  <NavigationPropertyBinding Path="Orders" Target="Orders"/>
                </EntitySet>
                <EntitySet Name="Orders" EntityType="NS.Order"/>
                <EntitySet Name="Dogs" EntityType="NS.Dog"/>
                <EntitySet Name="Pets" EntityType="NS.Pet"/>
                <FunctionImport Name="total" Function="NS.total"/>
              </EntityContainer>
            </Schema>
          </edmx:DataServices>
        </edmx:Edmx>
        """

    static func model(_ xml: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> EDMModel {
        let read = CSDLReader.read(string: xml, file: "doc.xml")
        #expect(!read.diagnostics.hasErrors, "\(read.diagnostics)", sourceLocation: sourceLocation)
        let model = EDMModel(document: try #require(read.document, sourceLocation: sourceLocation))
        #expect(model.diagnostics.isEmpty, "\(model.diagnostics)", sourceLocation: sourceLocation)
        return model
    }

    /// The document with `old` replaced by `new` (which must occur exactly once).
    static func edited(_ old: String, _ new: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> String {
        #expect(base.components(separatedBy: old).count == 2, "\(old) must occur once", sourceLocation: sourceLocation)
        return base.replacingOccurrences(of: old, with: new)
    }

    struct Expected: Equatable, CustomStringConvertible {
        var kind: MetadataChange.Kind
        var path: String
        var breaking: Bool
        init(_ kind: MetadataChange.Kind, _ path: String, _ breaking: Bool) {
            self.kind = kind
            self.path = path
            self.breaking = breaking
        }
        var description: String { "\(kind.rawValue) \(path) \(breaking ? "breaking" : "additive")" }
    }

    static func diff(_ newXML: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> MetadataDiffReport {
        MetadataDiff.compare(old: try model(base, sourceLocation: sourceLocation),
                             new: try model(newXML, sourceLocation: sourceLocation))
    }

    static func check(_ newXML: String, _ expected: [Expected], sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        let report = try diff(newXML, sourceLocation: sourceLocation)
        let got = report.changes.map { Expected($0.kind, $0.path, $0.breaking) }
        #expect(got == expected, sourceLocation: sourceLocation)
        #expect(report.breakingCount == expected.count { $0.breaking }, sourceLocation: sourceLocation)
        #expect(report.additiveCount == expected.count { !$0.breaking }, sourceLocation: sourceLocation)
    }

    @Test("identical documents: no changes")
    func identical() throws {
        try Self.check(Self.base, [])
    }

    @Test("names written with the alias or the namespace compare equal")
    func aliasIsNotAChange() throws {
        let aliased = Self.base.replacingOccurrences(of: "Type=\"NS.NoYes\"", with: "Type=\"A.NoYes\"")
            .replacingOccurrences(of: "Type=\"Collection(NS.Order)\"", with: "Type=\"Collection(A.Order)\"")
        #expect(aliased != Self.base)
        try Self.check(aliased, [])
    }

    @Test("removed property: breaking")
    func removedProperty() throws {
        try Self.check(Self.edited("<Property Name=\"CreditLimit\" Type=\"Edm.Decimal\" Nullable=\"false\"/>", ""),
                       [.init(.propertyRemoved, "Customer/CreditLimit", true)])
        let report = try Self.diff(Self.edited("<Property Name=\"CreditLimit\" Type=\"Edm.Decimal\" Nullable=\"false\"/>", ""))
        #expect(report.changes.first?.old == "Edm.Decimal Nullable=false")
        #expect(report.changes.first?.new == nil)
    }

    @Test("renamed property: a removal and an addition, both breaking here (the new one is non-nullable)")
    func renamedProperty() throws {
        try Self.check(Self.edited("Name=\"CreditLimit\"", "Name=\"CreditLimitAmount\""),
                       [.init(.propertyRemoved, "Customer/CreditLimit", true),
                        .init(.propertyAdded, "Customer/CreditLimitAmount", true)])
    }

    @Test("changed property type: breaking, old and new type given")
    func changedType() throws {
        let report = try Self.diff(Self.edited("Name=\"Amount\" Type=\"Edm.Decimal\"", "Name=\"Amount\" Type=\"Edm.Double\""))
        #expect(report.changes.map { Expected($0.kind, $0.path, $0.breaking) } == [.init(.propertyTypeChanged, "Order/Amount", true)])
        #expect(report.changes.first?.old == "Edm.Decimal")
        #expect(report.changes.first?.new == "Edm.Double")
    }

    @Test("nullable to non-nullable: breaking (T? becomes T; the initializer gains a required parameter)")
    func becomesNonNullable() throws {
        try Self.check(Self.edited("<Property Name=\"Amount\" Type=\"Edm.Decimal\"/>",
                                   "<Property Name=\"Amount\" Type=\"Edm.Decimal\" Nullable=\"false\"/>"),
                       [.init(.propertyNullabilityChanged, "Order/Amount", true)])
    }

    @Test("non-nullable to nullable: breaking (old apps fail to decode null; uses of T stop compiling)")
    func becomesNullable() throws {
        let report = try Self.diff(Self.edited("<Property Name=\"CreditLimit\" Type=\"Edm.Decimal\" Nullable=\"false\"/>",
                                               "<Property Name=\"CreditLimit\" Type=\"Edm.Decimal\"/>"))
        #expect(report.changes.map { Expected($0.kind, $0.path, $0.breaking) }
                == [.init(.propertyNullabilityChanged, "Customer/CreditLimit", true)])
        #expect(report.changes.first?.old == "Nullable=false")
        #expect(report.changes.first?.new == "Nullable=true")
    }

    @Test("nullability of a key property: neutral (keys are never optional in generated code)")
    func keyNullability() throws {
        try Self.check(Self.edited("<Property Name=\"OrderId\" Type=\"Edm.String\" Nullable=\"false\"/>",
                                   "<Property Name=\"OrderId\" Type=\"Edm.String\"/>"),
                       [.init(.propertyNullabilityChanged, "Order/OrderId", false)])
    }

    @Test("new entity set: additive")
    func newEntitySet() throws {
        try Self.check(Self.edited("<EntitySet Name=\"Pets\" EntityType=\"NS.Pet\"/>",
                                   "<EntitySet Name=\"Pets\" EntityType=\"NS.Pet\"/><EntitySet Name=\"MorePets\" EntityType=\"NS.Pet\"/>"),
                       [.init(.entitySetAdded, "MorePets", false)])
    }

    @Test("removed entity set: breaking; entity set type changed: breaking")
    func removedEntitySet() throws {
        try Self.check(Self.edited("<EntitySet Name=\"Pets\" EntityType=\"NS.Pet\"/>", ""),
                       [.init(.entitySetRemoved, "Pets", true)])
        try Self.check(Self.edited("<EntitySet Name=\"Pets\" EntityType=\"NS.Pet\"/>", "<EntitySet Name=\"Pets\" EntityType=\"NS.Animal\"/>"),
                       [.init(.entitySetTypeChanged, "Pets", true)])
    }

    @Test("new enum member: additive (generated enums decode unknown members)")
    func newEnumMember() throws {
        try Self.check(Self.edited("<Member Name=\"Yes\" Value=\"1\"/>", "<Member Name=\"Yes\" Value=\"1\"/><Member Name=\"Maybe\" Value=\"2\"/>"),
                       [.init(.enumMemberAdded, "NoYes/Maybe", false)])
    }

    @Test("removed enum member: breaking")
    func removedEnumMember() throws {
        try Self.check(Self.edited("<Member Name=\"Yes\" Value=\"1\"/>", ""), [.init(.enumMemberRemoved, "NoYes/Yes", true)])
    }

    @Test("enum member value changed: neutral for a plain enum (members travel by name), breaking for flags")
    func enumValue() throws {
        try Self.check(Self.edited("<Member Name=\"Yes\" Value=\"1\"/>", "<Member Name=\"Yes\" Value=\"7\"/>"),
                       [.init(.enumMemberValueChanged, "NoYes/Yes", false)])
        let flagsOld = Self.base.replacingOccurrences(of: "<EnumType Name=\"NoYes\">", with: "<EnumType Name=\"NoYes\" IsFlags=\"true\">")
        let flagsNew = flagsOld.replacingOccurrences(of: "<Member Name=\"Yes\" Value=\"1\"/>", with: "<Member Name=\"Yes\" Value=\"2\"/>")
        let report = MetadataDiff.compare(old: try Self.model(flagsOld), new: try Self.model(flagsNew))
        #expect(report.changes.map { Expected($0.kind, $0.path, $0.breaking) } == [.init(.enumMemberValueChanged, "NoYes/Yes", true)])
        try Self.check(flagsOld, [.init(.enumFlagsChanged, "NoYes", true)])
    }

    @Test("key change: breaking")
    func keyChange() throws {
        let report = try Self.diff(Self.edited("<Key><PropertyRef Name=\"dataAreaId\"/><PropertyRef Name=\"OrderId\"/></Key>",
                                               "<Key><PropertyRef Name=\"OrderId\"/></Key>"))
        #expect(report.changes.map { Expected($0.kind, $0.path, $0.breaking) } == [.init(.keyChanged, "Order", true)])
        #expect(report.changes.first?.old == "dataAreaId,OrderId")
        #expect(report.changes.first?.new == "OrderId")
    }

    @Test("base type change: breaking")
    func baseTypeChange() throws {
        let report = try Self.diff(Self.edited("BaseType=\"NS.Animal\"", "BaseType=\"NS.Pet\""))
        #expect(report.changes.map { Expected($0.kind, $0.path, $0.breaking) } == [.init(.baseTypeChanged, "Dog", true)])
        #expect(report.changes.first?.old == "NS.Animal")
        #expect(report.changes.first?.new == "NS.Pet")
    }

    @Test("new optional property: additive; new non-nullable property: breaking")
    func newProperty() throws {
        try Self.check(Self.edited("<Property Name=\"Amount\" Type=\"Edm.Decimal\"/>",
                                   "<Property Name=\"Amount\" Type=\"Edm.Decimal\"/><Property Name=\"Note\" Type=\"Edm.String\"/>"),
                       [.init(.propertyAdded, "Order/Note", false)])
        try Self.check(Self.edited("<Property Name=\"Amount\" Type=\"Edm.Decimal\"/>",
                                   "<Property Name=\"Amount\" Type=\"Edm.Decimal\"/><Property Name=\"Qty\" Type=\"Edm.Int32\" Nullable=\"false\"/>"),
                       [.init(.propertyAdded, "Order/Qty", true)])
    }

    @Test("facet change: additive (the generated Swift type is the same)")
    func facets() throws {
        try Self.check(Self.edited("MaxLength=\"60\"", "MaxLength=\"100\""), [.init(.propertyFacetsChanged, "Customer/Name", false)])
    }

    @Test("properties reordered: breaking (initializer arguments come in property order)")
    func reordered() throws {
        let swapped = Self.edited(
            "<Property Name=\"Name\" Type=\"Edm.String\" MaxLength=\"60\"/>\n        <Property Name=\"CreditLimit\" Type=\"Edm.Decimal\" Nullable=\"false\"/>",
            "<Property Name=\"CreditLimit\" Type=\"Edm.Decimal\" Nullable=\"false\"/>\n        <Property Name=\"Name\" Type=\"Edm.String\" MaxLength=\"60\"/>")
        let report = try Self.diff(swapped)
        #expect(report.changes.map { Expected($0.kind, $0.path, $0.breaking) } == [.init(.propertiesReordered, "Customer", true)])
        #expect(report.changes.first?.old == "dataAreaId,CustomerAccount,Name,CreditLimit,Blocked")
        #expect(report.changes.first?.new == "dataAreaId,CustomerAccount,CreditLimit,Name,Blocked")
    }

    @Test("open type: becoming open additive, becoming closed breaking")
    func openType() throws {
        let open = Self.edited("<EntityType Name=\"Order\">", "<EntityType Name=\"Order\" OpenType=\"true\">")
        try Self.check(open, [.init(.openTypeChanged, "Order", false)])
        let report = MetadataDiff.compare(old: try Self.model(open), new: try Self.model(Self.base))
        #expect(report.changes.map { Expected($0.kind, $0.path, $0.breaking) } == [.init(.openTypeChanged, "Order", true)])
    }

    @Test("navigation: removed breaking, added additive, target changed breaking")
    func navigation() throws {
        try Self.check(Self.edited("<NavigationProperty Name=\"Orders\" Type=\"Collection(NS.Order)\"/>", "")
            .replacingOccurrences(of: "<NavigationPropertyBinding Path=\"Orders\" Target=\"Orders\"/>", with: ""),
                       [.init(.navigationPropertyRemoved, "Customer/Orders", true)])
        try Self.check(Self.edited("<Property Name=\"Amount\" Type=\"Edm.Decimal\"/>",
                                   "<Property Name=\"Amount\" Type=\"Edm.Decimal\"/><NavigationProperty Name=\"Customer\" Type=\"NS.Customer\"/>"),
                       [.init(.navigationPropertyAdded, "Order/Customer", false)])
        try Self.check(Self.edited("Type=\"Collection(NS.Order)\"", "Type=\"NS.Order\""),
                       [.init(.navigationPropertyTypeChanged, "Customer/Orders", true)])
    }

    @Test("operation parameters: type change, removal, required addition breaking; optional addition additive")
    func operationParameters() throws {
        try Self.check(Self.edited("<Parameter Name=\"Reason\" Type=\"Edm.String\" Nullable=\"false\"/>",
                                   "<Parameter Name=\"Reason\" Type=\"Edm.Int32\" Nullable=\"false\"/>"),
                       [.init(.parameterTypeChanged, "confirm(Order)/Reason", true)])
        try Self.check(Self.edited("<Parameter Name=\"Note\" Type=\"Edm.String\"/>", ""),
                       [.init(.parameterRemoved, "confirm(Order)/Note", true)])
        try Self.check(Self.edited("<Parameter Name=\"Note\" Type=\"Edm.String\"/>",
                                   "<Parameter Name=\"Note\" Type=\"Edm.String\"/><Parameter Name=\"Extra\" Type=\"Edm.String\"/>"),
                       [.init(.parameterAdded, "confirm(Order)/Extra", false)])
        try Self.check(Self.edited("<Parameter Name=\"Note\" Type=\"Edm.String\"/>",
                                   "<Parameter Name=\"Note\" Type=\"Edm.String\"/><Parameter Name=\"Extra\" Type=\"Edm.String\" Nullable=\"false\"/>"),
                       [.init(.parameterAdded, "confirm(Order)/Extra", true)])
        try Self.check(Self.edited("<Parameter Name=\"Reason\" Type=\"Edm.String\" Nullable=\"false\"/>",
                                   "<Parameter Name=\"Reason\" Type=\"Edm.String\"/>"),
                       [.init(.parameterNullabilityChanged, "confirm(Order)/Reason", false)])
        try Self.check(Self.edited("<Parameter Name=\"Reason\" Type=\"Edm.String\" Nullable=\"false\"/>\n        <Parameter Name=\"Note\" Type=\"Edm.String\"/>",
                                   "<Parameter Name=\"Note\" Type=\"Edm.String\"/>\n        <Parameter Name=\"Reason\" Type=\"Edm.String\" Nullable=\"false\"/>"),
                       [.init(.operationParametersReordered, "confirm(Order)", true)])
    }

    @Test("operations: removed breaking, return type changed breaking, new overload additive")
    func operations() throws {
        try Self.check(Self.edited("<ReturnType Type=\"Edm.Decimal\" Nullable=\"false\"/>", "<ReturnType Type=\"Edm.Double\" Nullable=\"false\"/>"),
                       [.init(.operationReturnTypeChanged, "total()", true)])
        let overload = """
            <Function Name="total">
                    <Parameter Name="Year" Type="Edm.Int32" Nullable="false"/>
                    <Parameter Name="Month" Type="Edm.Int32" Nullable="false"/>
                    <ReturnType Type="Edm.Decimal" Nullable="false"/>
                  </Function>
                  <EntityContainer Name="Resources">
            """
        try Self.check(Self.edited("<EntityContainer Name=\"Resources\">", overload),
                       [.init(.operationAdded, "total()[Month,Year]", false)])
        let withoutAction = Self.base.replacingOccurrences(
            of: #"<Action Name="confirm" IsBound="true">[\s\S]*?</Action>"#, with: "", options: .regularExpression)
        try Self.check(withoutAction, [.init(.operationRemoved, "confirm(Order)", true)])
    }

    @Test("types: removed breaking (with their set), added additive")
    func types() throws {
        let withoutPet = Self.base.replacingOccurrences(
            of: #"<EntityType Name="Pet">[\s\S]*?</EntityType>"#, with: "", options: .regularExpression)
            .replacingOccurrences(of: "<EntitySet Name=\"Pets\" EntityType=\"NS.Pet\"/>", with: "")
        try Self.check(withoutPet, [.init(.entityTypeRemoved, "Pet", true), .init(.entitySetRemoved, "Pets", true)].sorted { $0.path < $1.path })
        try Self.check(Self.edited("<EntityContainer Name=\"Resources\">",
                                   "<ComplexType Name=\"Address\"><Property Name=\"City\" Type=\"Edm.String\"/></ComplexType><EntityContainer Name=\"Resources\">"),
                       [.init(.complexTypeAdded, "Address", false)])
    }

    @Test("a selection restricts the diff to its closure; an entity type leaving the selection counts as removed")
    func selectionRestricts() throws {
        let old = try Self.model(Self.base)
        let new = try Self.model(Self.edited("<Property Name=\"Breed\" Type=\"Edm.String\"/>", "")
            .replacingOccurrences(of: "<Property Name=\"Amount\" Type=\"Edm.Decimal\"/>", with: ""))
        let options = SelectionOptions(include: .init(entitySets: [SelectionPattern("Dogs")]))
        let report = MetadataDiff.compare(old: old, new: new, oldSelection: Selection.select(model: old, options: options),
                                          newSelection: Selection.select(model: new, options: options))
        #expect(report.changes.map { Expected($0.kind, $0.path, $0.breaking) } == [.init(.propertyRemoved, "Dog/Breed", true)])
        let all = MetadataDiff.compare(old: old, new: new)
        #expect(all.changes.count == 2)
    }

    @Test("the report is deterministic: sorted by path then kind, same bytes every time")
    func deterministic() throws {
        let changed = Self.edited("<Member Name=\"Yes\" Value=\"1\"/>", "")
            .replacingOccurrences(of: "<Property Name=\"Amount\" Type=\"Edm.Decimal\"/>", with: "<Property Name=\"Amount\" Type=\"Edm.Double\"/>")
            .replacingOccurrences(of: "<EntitySet Name=\"Pets\" EntityType=\"NS.Pet\"/>", with: "")
        let a = try Self.diff(changed)
        let b = try Self.diff(changed)
        #expect(a.json() == b.json())
        #expect(a.changes.map(\.path) == a.changes.map(\.path).sorted())
        #expect(a.changes.map(\.path) == ["NoYes/Yes", "Order/Amount", "Pets"])
    }

    @Test("JSON contract: changes with kind, path, breaking, old, new, reason; summary counts")
    func jsonContract() throws {
        let report = try Self.diff(Self.edited("<Member Name=\"Yes\" Value=\"1\"/>", "<Member Name=\"Yes\" Value=\"1\"/><Member Name=\"Maybe\" Value=\"2\"/>")
            .replacingOccurrences(of: "<Property Name=\"Amount\" Type=\"Edm.Decimal\"/>", with: ""))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(report.json().utf8)) as? [String: Any])
        #expect(Set(object.keys) == ["changes", "summary"])
        let changes = try #require(object["changes"] as? [[String: Any]])
        #expect(changes.count == 2)
        for c in changes { #expect(Set(c.keys) == ["kind", "path", "breaking", "old", "new", "reason"]) }
        #expect(changes[0]["kind"] as? String == "enumMemberAdded")
        #expect(changes[0]["old"] is NSNull)
        #expect(changes[0]["new"] as? String == "2")
        #expect(changes[1]["kind"] as? String == "propertyRemoved")
        #expect(changes[1]["path"] as? String == "Order/Amount")
        #expect(changes[1]["breaking"] as? Bool == true)
        #expect(changes[1]["new"] is NSNull)
        let summary = try #require(object["summary"] as? [String: Int])
        #expect(summary == ["breaking": 1, "additive": 1, "total": 2])
        let text = report.text(old: "a.xml", new: "b.xml")
        #expect(text.contains("Breaking changes (1):\n- Order/Amount: property removed (was Edm.Decimal)\n"))
        #expect(text.contains("Additive changes (1):\n- NoYes/Maybe: enum member added (2)\n"))
        #expect(text.hasSuffix("Summary: 1 breaking, 1 additive, 2 total\n"))
    }
}

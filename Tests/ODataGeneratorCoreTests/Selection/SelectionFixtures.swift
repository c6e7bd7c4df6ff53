import Foundation
import Testing
import ODataCSDL
import ODataGeneratorCore

/// Small EDMX documents and helpers for the selection tests.
enum SelectionFixtures {
    /// Wraps schema content in an EDMX document.
    static func edmx(_ body: String, namespace: String = "NS", alias: String? = "A") -> String {
        let a = alias.map { " Alias=\"\($0)\"" } ?? ""
        return """
        <?xml version="1.0" encoding="utf-8"?>
        <edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx">
          <edmx:DataServices>
            <Schema Namespace="\(namespace)"\(a) xmlns="http://docs.oasis-open.org/odata/ns/edm">
        \(body)
            </Schema>
          </edmx:DataServices>
        </edmx:Edmx>
        """
    }

    /// Reads and resolves; the document must resolve without warnings or errors.
    static func model(_ xml: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> EDMModel {
        let read = CSDLReader.read(string: xml, file: "test.xml")
        #expect(!read.diagnostics.hasErrors, "\(read.diagnostics)", sourceLocation: sourceLocation)
        let document = try #require(read.document, sourceLocation: sourceLocation)
        let model = EDMModel(document: document)
        #expect(model.diagnostics.filter { $0.severity != .note }.isEmpty, "\(model.diagnostics)",
                sourceLocation: sourceLocation)
        return model
    }

    /// A model with one of every kind of reference the selection follows.
    static let sales = edmx("""
          <EnumType Name="NoYes"><Member Name="No"/><Member Name="Yes"/></EnumType>
          <EnumType Name="Unused"><Member Name="X"/></EnumType>
          <EnumType Name="KeyKind"><Member Name="Sales"/><Member Name="Return"/></EnumType>
          <EnumType Name="StagingStatus"><Member Name="New"/></EnumType>
          <TypeDefinition Name="Money" UnderlyingType="Edm.Decimal"/>
          <TypeDefinition Name="UnusedDef" UnderlyingType="Edm.String"/>
          <ComplexType Name="Address">
            <Property Name="City" Type="Edm.String"/>
            <Property Name="Geo" Type="NS.Geo"/>
            <NavigationProperty Name="Country" Type="NS.Country"/>
          </ComplexType>
          <ComplexType Name="Geo"><Property Name="Lat" Type="Edm.Double"/></ComplexType>
          <ComplexType Name="ExtAddress" BaseType="NS.Address"><Property Name="Extra" Type="Edm.String"/></ComplexType>
          <ComplexType Name="BaseInfo"><Property Name="Note" Type="Edm.String"/></ComplexType>
          <ComplexType Name="Info" BaseType="NS.BaseInfo"><Property Name="Text" Type="Edm.String"/></ComplexType>
          <ComplexType Name="LineParams"><Property Name="Qty" Type="Edm.Int32"/></ComplexType>
          <ComplexType Name="ConfirmResult"><Property Name="Done" Type="A.NoYes"/></ComplexType>
          <EntityType Name="Party" Abstract="true">
            <Key><PropertyRef Name="Id"/></Key>
            <Property Name="Id" Type="Edm.Int32" Nullable="false"/>
          </EntityType>
          <EntityType Name="Customer" BaseType="NS.Party">
            <Property Name="Blocked" Type="NS.NoYes"/>
            <Property Name="Address" Type="NS.Address"/>
            <Property Name="CreditLimit" Type="NS.Money"/>
            <Property Name="Infos" Type="Collection(NS.Info)"/>
            <NavigationProperty Name="Orders" Type="Collection(NS.Order)" Partner="Customer"/>
            <NavigationProperty Name="Group" Type="NS.CustomerGroup"/>
            <NavigationProperty Name="Anything" Type="Edm.EntityType"/>
          </EntityType>
          <EntityType Name="VipCustomer" BaseType="NS.Customer">
            <Property Name="Level" Type="Edm.Int32"/>
          </EntityType>
          <EntityType Name="Order">
            <Key><PropertyRef Name="OrderId"/><PropertyRef Name="Kind"/></Key>
            <Property Name="OrderId" Type="Edm.String" Nullable="false"/>
            <Property Name="Kind" Type="NS.KeyKind" Nullable="false"/>
            <NavigationProperty Name="Customer" Type="NS.Customer" Partner="Orders"/>
            <NavigationProperty Name="Lines" Type="Collection(NS.OrderLine)" ContainsTarget="true"/>
          </EntityType>
          <EntityType Name="OrderLine">
            <Key><PropertyRef Name="LineId"/></Key>
            <Property Name="LineId" Type="Edm.Int32" Nullable="false"/>
          </EntityType>
          <EntityType Name="CustomerGroup">
            <Key><PropertyRef Name="GroupId"/></Key>
            <Property Name="GroupId" Type="Edm.String" Nullable="false"/>
          </EntityType>
          <EntityType Name="Country">
            <Key><PropertyRef Name="Code"/></Key>
            <Property Name="Code" Type="Edm.String" Nullable="false"/>
          </EntityType>
          <EntityType Name="Staging">
            <Key><PropertyRef Name="Row"/></Key>
            <Property Name="Row" Type="Edm.Int64" Nullable="false"/>
            <Property Name="Status" Type="NS.StagingStatus"/>
          </EntityType>
          <EntityType Name="Orphan">
            <Key><PropertyRef Name="Id"/></Key>
            <Property Name="Id" Type="Edm.Int32" Nullable="false"/>
          </EntityType>
          <Action Name="confirmOrder" IsBound="true">
            <Parameter Name="Order" Type="NS.Order"/>
            <Parameter Name="Lines" Type="Collection(NS.LineParams)"/>
            <ReturnType Type="NS.ConfirmResult"/>
          </Action>
          <Action Name="confirmAll" IsBound="true">
            <Parameter Name="Orders" Type="Collection(NS.Order)"/>
          </Action>
          <Function Name="vipScore" IsBound="true">
            <Parameter Name="Customer" Type="NS.VipCustomer"/>
            <ReturnType Type="Edm.Int32"/>
          </Function>
          <Function Name="topCustomers">
            <Parameter Name="Count" Type="Edm.Int32"/>
            <ReturnType Type="Collection(NS.Customer)"/>
          </Function>
          <Function Name="groupOf">
            <Parameter Name="Id" Type="Edm.String"/>
            <ReturnType Type="NS.CustomerGroup"/>
          </Function>
          <Action Name="resetData"/>
          <EntityContainer Name="Container">
            <EntitySet Name="Customers" EntityType="NS.Customer">
              <NavigationPropertyBinding Path="Orders" Target="Orders"/>
              <NavigationPropertyBinding Path="Group" Target="CustomerGroups"/>
            </EntitySet>
            <EntitySet Name="CustomersV3" EntityType="NS.Customer"/>
            <EntitySet Name="VipCustomers" EntityType="NS.VipCustomer"/>
            <EntitySet Name="Orders" EntityType="NS.Order">
              <NavigationPropertyBinding Path="Customer" Target="Customers"/>
            </EntitySet>
            <EntitySet Name="CustomerGroups" EntityType="NS.CustomerGroup"/>
            <EntitySet Name="CustomerStaging" EntityType="NS.Staging"/>
            <Singleton Name="Me" Type="NS.Customer"/>
            <FunctionImport Name="TopCustomers" Function="NS.topCustomers" EntitySet="Customers"/>
            <FunctionImport Name="GroupOf" Function="NS.groupOf"/>
            <ActionImport Name="ResetData" Action="NS.resetData"/>
          </EntityContainer>
        """)

    /// The sales model.
    static func salesModel() throws -> EDMModel { try model(sales) }

    /// Selects from the sales model.
    static func select(_ include: SelectionOptions.Patterns?, exclude: SelectionOptions.Patterns = .init(),
                       navigation: SelectionOptions.Navigation = .withinSelection) throws -> (EDMModel, SelectionResult) {
        let m = try salesModel()
        return (m, Selection.select(model: m, options: SelectionOptions(include: include, exclude: exclude, navigation: navigation)))
    }
}

/// Names of what a selection holds, for readable expectations.
struct SelectedNames {
    var entityTypes: [String]
    var complexTypes: [String]
    var enumTypes: [String]
    var typeDefinitions: [String]
    var entitySets: [String]
    var singletons: [String]
    var imports: [String]
    var operations: [String]

    init(_ result: SelectionResult, _ model: EDMModel) {
        entityTypes = result.entityTypes.map { model.entityTypes[$0].name }
        complexTypes = result.complexTypes.map { model.complexTypes[$0].name }
        enumTypes = result.enumTypes.map { model.enumTypes[$0].name }
        typeDefinitions = result.typeDefinitions.map { model.typeDefinitions[$0].name }
        entitySets = result.entitySets.map { model.entitySets[$0].name }
        singletons = result.singletons.map { model.singletons[$0].name }
        imports = result.operationImports.map { model.operationImports[$0].name }
        operations = result.operations.map { model.operations[$0].name }
    }

    /// Every type name, all kinds together.
    var types: Set<String> { Set(entityTypes + complexTypes + enumTypes + typeDefinitions) }
}

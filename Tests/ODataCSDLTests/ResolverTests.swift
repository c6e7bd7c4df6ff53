import Testing
@testable import ODataCSDL

/// Wraps schema content in an EDMX document; the schema element starts on line 4.
private func edmx(_ schemas: String, references: String = "") -> String {
    """
    <?xml version="1.0" encoding="utf-8"?>
    <edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx">\(references)
      <edmx:DataServices>
    \(schemas)
      </edmx:DataServices>
    </edmx:Edmx>
    """
}

private func schema(_ body: String, namespace: String = "NS", alias: String? = nil) -> String {
    let a = alias.map { " Alias=\"\($0)\"" } ?? ""
    return """
        <Schema Namespace="\(namespace)"\(a) xmlns="http://docs.oasis-open.org/odata/ns/edm">
    \(body)
        </Schema>
    """
}

/// Reads and resolves; the document must read without errors.
private func resolve(_ xml: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> EDMModel {
    let read = CSDLReader.read(string: xml, file: "test.xml")
    #expect(!read.diagnostics.hasErrors, "\(read.diagnostics)", sourceLocation: sourceLocation)
    let document = try #require(read.document, sourceLocation: sourceLocation)
    return EDMModel(document: document)
}

private func lineOf(_ needle: String, in xml: String) -> Int {
    for (i, line) in xml.split(separator: "\n", omittingEmptySubsequences: false).enumerated() where line.contains(needle) {
        return i + 1
    }
    return -1
}

/// The 1-based column of `needle` on its line.
private func columnOf(_ needle: String, in xml: String) -> Int {
    for line in xml.split(separator: "\n", omittingEmptySubsequences: false) {
        if let r = line.range(of: needle) { return line.distance(from: line.startIndex, to: r.lowerBound) + 1 }
    }
    return -1
}

private func warnings(_ m: EDMModel) -> [Diagnostic] { m.diagnostics.filter { $0.severity == .warning } }
private func errors(_ m: EDMModel) -> [Diagnostic] { m.diagnostics.filter { $0.severity == .error } }

@Suite("Resolver")
struct ResolverTests {
    @Test("qualified names and schema aliases bind")
    func aliases() throws {
        let xml = edmx(schema("""
              <EnumType Name="Color"><Member Name="Red"/></EnumType>
              <ComplexType Name="Address"><Property Name="City" Type="Edm.String"/></ComplexType>
              <EntityType Name="Customer">
                <Key><PropertyRef Name="ID"/></Key>
                <Property Name="ID" Type="Edm.Int32" Nullable="false"/>
                <Property Name="Favorite" Type="Self.Color"/>
                <Property Name="Home" Type="Model.Address"/>
                <Property Name="Tags" Type="Collection(Edm.String)"/>
              </EntityType>
            """, namespace: "Model", alias: "Self"))
        let m = try resolve(xml)
        #expect(m.diagnostics.isEmpty, "\(m.diagnostics)")
        let c = try #require(m.entityType(named: "Self.Customer"))
        #expect(c.qualifiedName == "Model.Customer")
        #expect(c.properties.map(\.name) == ["ID", "Favorite", "Home", "Tags"])
        #expect(c.properties[1].type == EDMTypeRef(.enumeration(0)))
        #expect(c.properties[2].type == EDMTypeRef(.complex(0)))
        #expect(c.properties[3].type == EDMTypeRef(.primitive(.string), isCollection: true))
        #expect(m.typeName(c.properties[3].type) == "Collection(Edm.String)")
        #expect(m.aliases["Self"] == "Model")
    }

    @Test("a reference to an unknown alias or an unknown primitive is a located warning and the property is set aside")
    func danglingTypes() throws {
        let xml = edmx(schema("""
              <EntityType Name="T">
                <Key><PropertyRef Name="ID"/></Key>
                <Property Name="ID" Type="Edm.Int32" Nullable="false"/>
                <Property Name="Bad" Type="Nope.Thing"/>
                <Property Name="Typo" Type="Edm.Strin"/>
              </EntityType>
            """))
        let m = try resolve(xml)
        let w = warnings(m)
        #expect(w.count == 2)
        #expect(w[0].line == lineOf("Name=\"Bad\"", in: xml))
        #expect(w[0].column == columnOf("<Property Name=\"Bad\"", in: xml))
        #expect(w[0].message.contains("Nope.Thing"))
        #expect(w[1].line == lineOf("Name=\"Typo\"", in: xml))
        #expect(w[1].message.contains("not a primitive type"))
        #expect(m.entityTypes[0].properties.map(\.name) == ["ID"])
        #expect(errors(m).isEmpty)
    }

    @Test("types of a referenced document are reported as such")
    func referencedNamespace() throws {
        let xml = edmx(schema("""
              <ComplexType Name="C"><Property Name="Flag" Type="Core.Tag"/></ComplexType>
            """), references: """

              <edmx:Reference Uri="https://oasis-tcs.github.io/odata-vocabularies/vocabularies/Org.OData.Core.V1.xml">
                <edmx:Include Namespace="Org.OData.Core.V1" Alias="Core"/>
              </edmx:Reference>
            """)
        let m = try resolve(xml)
        #expect(warnings(m).count == 1)
        #expect(warnings(m)[0].message.contains("referenced document"))
    }

    @Test("base types: inherited keys and properties, the base chain and derived types")
    func inheritance() throws {
        let xml = edmx(schema("""
              <EntityType Name="Base" Abstract="true">
                <Key><PropertyRef Name="ID"/></Key>
                <Property Name="ID" Type="Edm.Guid" Nullable="false"/>
              </EntityType>
              <EntityType Name="Middle" BaseType="NS.Base"><Property Name="M" Type="Edm.String"/></EntityType>
              <EntityType Name="Leaf" BaseType="NS.Middle"><Property Name="L" Type="Edm.String"/></EntityType>
            """))
        let m = try resolve(xml)
        #expect(m.diagnostics.isEmpty, "\(m.diagnostics)")
        let leaf = try #require(m.entityType(named: "NS.Leaf"))
        #expect(leaf.baseChain == [1, 0])
        #expect(leaf.properties.map(\.name) == ["ID", "M", "L"])
        #expect(leaf.properties.map(\.declaringType) == [0, 1, 2])
        #expect(leaf.key.map(\.name) == ["ID"])
        #expect(leaf.key[0].type == EDMTypeRef(.primitive(.guid)))
        #expect(m.entityTypes[0].derivedTypes == [1])
        #expect(m.entityTypes[0].isAbstract)
    }

    @Test("a dangling base type is a warning; the type is read without it")
    func danglingBase() throws {
        let xml = edmx(schema("""
              <EntityType Name="Orphan" BaseType="NS.Missing">
                <Key><PropertyRef Name="ID"/></Key>
                <Property Name="ID" Type="Edm.Int32" Nullable="false"/>
              </EntityType>
            """))
        let m = try resolve(xml)
        #expect(warnings(m).count == 1)
        #expect(warnings(m)[0].line == lineOf("Name=\"Orphan\"", in: xml))
        #expect(m.entityTypes[0].baseType == nil)
        #expect(m.entityTypes[0].key.count == 1)
    }

    @Test("cyclic base types are an error at each type of the cycle")
    func cyclicBase() throws {
        let xml = edmx(schema("""
              <EntityType Name="A" BaseType="NS.B"/>
              <EntityType Name="B" BaseType="NS.A"/>
              <ComplexType Name="C" BaseType="NS.C"/>
            """))
        let m = try resolve(xml)
        let e = errors(m)
        #expect(e.count == 3, "\(e)")
        #expect(e.allSatisfy { $0.message.contains("cyclic") })
        #expect(e.first?.line == lineOf("Name=\"A\"", in: xml))
    }

    @Test("two types with the same name in one namespace are an error; so are duplicate terms")
    func duplicates() throws {
        let xml = edmx(schema("""
              <EntityType Name="Dup"><Key><PropertyRef Name="ID"/></Key><Property Name="ID" Type="Edm.Int32" Nullable="false"/></EntityType>
              <ComplexType Name="Dup"/>
              <Term Name="T" Type="Edm.String"/>
              <Term Name="T" Type="Edm.Int32"/>
            """))
        let m = try resolve(xml)
        let e = errors(m)
        #expect(e.count == 2)
        #expect(e[0].line == lineOf("<ComplexType Name=\"Dup\"", in: xml))
        #expect(e[0].message.contains("declared more than once"))
        #expect(e[1].line == lineOf("Type=\"Edm.Int32\"/>", in: xml))
    }

    @Test("the same type name in two namespaces is fine")
    func sameNameOtherNamespace() throws {
        let xml = edmx(schema("<ComplexType Name=\"X\"/>", namespace: "A") + "\n" + schema("<ComplexType Name=\"X\"/>", namespace: "B"))
        let m = try resolve(xml)
        #expect(m.diagnostics.isEmpty)
        #expect(m.complexTypes.map(\.qualifiedName) == ["A.X", "B.X"])
    }

    @Test("a key naming a missing property is a warning; key paths into complex properties bind")
    func keys() throws {
        let xml = edmx(schema("""
              <ComplexType Name="Info"><Property Name="ID" Type="Edm.Int64" Nullable="false"/></ComplexType>
              <EntityType Name="Good">
                <Key><PropertyRef Name="Info/ID" Alias="InfoID"/></Key>
                <Property Name="Info" Type="NS.Info" Nullable="false"/>
              </EntityType>
              <EntityType Name="Bad">
                <Key><PropertyRef Name="dataAreaId"/><PropertyRef Name="Missing"/></Key>
                <Property Name="dataAreaId" Type="Edm.String" Nullable="false"/>
              </EntityType>
            """))
        let m = try resolve(xml)
        #expect(m.entityTypes[0].key.map(\.alias) == ["InfoID"])
        #expect(m.entityTypes[0].key[0].type == EDMTypeRef(.primitive(.int64)))
        let w = warnings(m)
        #expect(w.count == 1)
        #expect(w[0].line == lineOf("Name=\"Missing\"", in: xml))
        #expect(w[0].message.contains("Missing"))
        #expect(m.entityTypes[1].key.map(\.name) == ["dataAreaId"])
    }

    @Test("navigation targets and partners bind; a dangling target or partner is a warning")
    func navigation() throws {
        let xml = edmx(schema("""
              <EntityType Name="Order">
                <Key><PropertyRef Name="ID"/></Key>
                <Property Name="ID" Type="Edm.Int32" Nullable="false"/>
                <NavigationProperty Name="Lines" Type="Collection(NS.Line)" Partner="Order" ContainsTarget="true"/>
                <NavigationProperty Name="Ghost" Type="NS.Nothing"/>
              </EntityType>
              <EntityType Name="Line">
                <Key><PropertyRef Name="No"/></Key>
                <Property Name="No" Type="Edm.Int32" Nullable="false"/>
                <NavigationProperty Name="Order" Type="NS.Order" Nullable="false" Partner="Lines"/>
                <NavigationProperty Name="Other" Type="NS.Order" Partner="Missing"/>
              </EntityType>
            """))
        let m = try resolve(xml)
        let order = m.entityTypes[0], line = m.entityTypes[1]
        #expect(order.navigationProperties.map(\.name) == ["Lines"])
        #expect(order.navigationProperties[0].target == 1)
        #expect(order.navigationProperties[0].isCollection)
        #expect(order.navigationProperties[0].containsTarget)
        #expect(order.navigationProperties[0].partner == 0)
        #expect(line.navigationProperties[0].partner == 0)
        #expect(line.navigationProperties[0].nullable == false)
        let w = warnings(m)
        #expect(w.count == 2, "\(w)")
        #expect(w[0].line == lineOf("Name=\"Ghost\"", in: xml))
        #expect(w[1].line == lineOf("Partner=\"Missing\"", in: xml))
    }

    @Test("bound operations get their binding parameter; unbound imports bind to overloads")
    func operations() throws {
        let xml = edmx(schema("""
              <EntityType Name="Customer"><Key><PropertyRef Name="ID"/></Key><Property Name="ID" Type="Edm.String" Nullable="false"/></EntityType>
              <Action Name="confirm" IsBound="true">
                <Parameter Name="Customer" Type="Collection(NS.Customer)"/>
                <Parameter Name="note" Type="Edm.String"/>
              </Action>
              <Function Name="top" IsBound="true" EntitySetPath="Customer" IsComposable="true">
                <Parameter Name="Customer" Type="Collection(NS.Customer)"/>
                <ReturnType Type="Collection(NS.Customer)"/>
              </Function>
              <Function Name="count"><ReturnType Type="Edm.Int32"/></Function>
              <Function Name="count"><Parameter Name="x" Type="Edm.Int32"/><ReturnType Type="Edm.Int32"/></Function>
              <EntityContainer Name="C">
                <EntitySet Name="Customers" EntityType="NS.Customer"/>
                <FunctionImport Name="Count" Function="NS.count"/>
              </EntityContainer>
            """))
        let m = try resolve(xml)
        #expect(m.diagnostics.isEmpty, "\(m.diagnostics)")
        #expect(m.operations.count == 4)
        let confirm = m.operations[0]
        #expect(confirm.kind == .action && confirm.isBound)
        #expect(confirm.bindingParameter?.name == "Customer")
        #expect(confirm.bindingParameter?.type == EDMTypeRef(.entity(0), isCollection: true))
        #expect(m.operations[1].isComposable && m.operations[1].entitySetPath == "Customer")
        #expect(m.operationImports.count == 1)
        #expect(m.operationImports[0].operations == [2, 3])
    }

    @Test("a bound operation without parameters, a dangling parameter type and a bad EntitySetPath are warnings")
    func badOperations() throws {
        let xml = edmx(schema("""
              <EntityType Name="E"><Key><PropertyRef Name="ID"/></Key><Property Name="ID" Type="Edm.String" Nullable="false"/></EntityType>
              <Action Name="noBinding" IsBound="true"/>
              <Action Name="dangling"><Parameter Name="p" Type="NS.Nope"/></Action>
              <Function Name="path" IsBound="true" EntitySetPath="other/Nav">
                <Parameter Name="e" Type="NS.E"/><ReturnType Type="NS.E"/>
              </Function>
              <EntityContainer Name="C"><ActionImport Name="Go" Action="NS.dangling"/></EntityContainer>
            """))
        let m = try resolve(xml)
        let w = warnings(m)
        #expect(w.count == 4, "\(w)")
        #expect(w.contains { $0.line == lineOf("noBinding", in: xml) && $0.message.contains("bound") })
        #expect(w.contains { $0.line == lineOf("NS.Nope", in: xml) })
        #expect(w.contains { $0.line == lineOf("EntitySetPath", in: xml) && $0.message.contains("EntitySetPath") })
        #expect(w.contains { $0.line == lineOf("ActionImport", in: xml) })
        #expect(m.operations.map(\.name) == ["path"])
    }

    @Test("entity sets and singletons bind their types; dangling ones are set aside with a warning")
    func containerMembers() throws {
        let xml = edmx(schema("""
              <EntityType Name="E"><Key><PropertyRef Name="ID"/></Key><Property Name="ID" Type="Edm.String" Nullable="false"/></EntityType>
              <EntityContainer Name="C">
                <EntitySet Name="Es" EntityType="NS.E"/>
                <Singleton Name="Me" Type="NS.E"/>
                <EntitySet Name="Lost" EntityType="NS.Gone"/>
                <Singleton Name="Nobody" Type="NS.Gone"/>
              </EntityContainer>
            """))
        let m = try resolve(xml)
        #expect(m.entitySets.map(\.name) == ["Es"])
        #expect(m.singletons.map(\.name) == ["Me"])
        #expect(m.entitySets[0].container == "NS.C")
        let w = warnings(m)
        #expect(w.count == 2)
        #expect(w[0].line == lineOf("Name=\"Lost\"", in: xml))
        #expect(w[1].line == lineOf("Name=\"Nobody\"", in: xml))
    }

    @Test("navigation-property bindings: plain, through a type cast, through a complex property, to another container")
    func bindings() throws {
        let xml = edmx(schema("""
              <ComplexType Name="Addr"><NavigationProperty Name="Country" Type="NS.Country"/></ComplexType>
              <EntityType Name="Country"><Key><PropertyRef Name="Code"/></Key><Property Name="Code" Type="Edm.String" Nullable="false"/></EntityType>
              <EntityType Name="Person">
                <Key><PropertyRef Name="ID"/></Key>
                <Property Name="ID" Type="Edm.String" Nullable="false"/>
                <Property Name="Home" Type="NS.Addr"/>
                <NavigationProperty Name="Friends" Type="Collection(NS.Person)"/>
              </EntityType>
              <EntityType Name="Employee" BaseType="NS.Person">
                <NavigationProperty Name="Manager" Type="NS.Employee"/>
              </EntityType>
              <EntityContainer Name="C">
                <EntitySet Name="People" EntityType="NS.Person">
                  <NavigationPropertyBinding Path="Friends" Target="People"/>
                  <NavigationPropertyBinding Path="NS.Employee/Manager" Target="NS.C/People"/>
                  <NavigationPropertyBinding Path="Home/Country" Target="Countries"/>
                  <NavigationPropertyBinding Path="Enemies" Target="People"/>
                  <NavigationPropertyBinding Path="Friends" Target="Nowhere"/>
                </EntitySet>
                <EntitySet Name="Countries" EntityType="NS.Country"/>
              </EntityContainer>
            """))
        let m = try resolve(xml)
        let people = m.entitySets[0]
        #expect(people.bindings.map(\.path) == ["Friends", "NS.Employee/Manager", "Home/Country"])
        #expect(people.bindings[0].target == .entitySet(0))
        #expect(people.bindings[1].navigationProperty == EDMNavigationRef(ownerIsEntity: true, owner: 2, index: 1))
        #expect(people.bindings[2].navigationProperty == EDMNavigationRef(ownerIsEntity: false, owner: 0, index: 0))
        #expect(people.bindings[2].target == .entitySet(1))
        let w = warnings(m)
        #expect(w.count == 2, "\(w)")
        #expect(w[0].line == lineOf("Path=\"Enemies\"", in: xml))
        #expect(w[1].line == lineOf("Target=\"Nowhere\"", in: xml))
    }

    @Test("a name that is not a CSDL identifier is a warning (Northwind has an entity set prefix/project2)")
    func identifiers() throws {
        let xml = edmx(schema("""
              <EntityType Name="P"><Key><PropertyRef Name="ID"/></Key><Property Name="ID" Type="Edm.String" Nullable="false"/></EntityType>
              <EntityType Name="Ünïcödé_ok"><Key><PropertyRef Name="ID"/></Key><Property Name="ID" Type="Edm.String" Nullable="false"/></EntityType>
              <EntityContainer Name="C"><EntitySet Name="prefix/project2" EntityType="NS.P"/></EntityContainer>
            """))
        let m = try resolve(xml)
        let w = warnings(m)
        #expect(w.count == 1)
        #expect(w[0].message.contains("prefix/project2"))
        #expect(w[0].line == lineOf("prefix/project2", in: xml))
        #expect(isSimpleIdentifier("special‿characters"))
        #expect(!isSimpleIdentifier("0"))
        #expect(!isSimpleIdentifier(String(repeating: "a", count: 129)))
        #expect(isSimpleIdentifier("_x_value"))
    }

    @Test("a type and an operation with the same name: a warning, both kept (Microsoft Graph has both image)")
    func typeAndOperationSameName() throws {
        let xml = edmx(schema("""
              <ComplexType Name="image"><Property Name="height" Type="Edm.Int32"/></ComplexType>
              <Function Name="image"><ReturnType Type="NS.image"/></Function>
            """))
        let m = try resolve(xml)
        #expect(warnings(m).count == 1)
        #expect(warnings(m)[0].line == lineOf("<Function", in: xml))
        #expect(m.complexTypes.count == 1 && m.operations.count == 1)
    }

    @Test("undeclared annotation terms are accepted silently (F&O never declares its terms)")
    func undeclaredTerms() throws {
        let xml = edmx(schema("""
              <EntityType Name="E">
                <Key><PropertyRef Name="ID"/></Key>
                <Property Name="ID" Type="Edm.String" Nullable="false">
                  <Annotation Term="Microsoft.Dynamics.OData.Core.V1.LabelId" String="@SYS1"/>
                </Property>
              </EntityType>
            """, namespace: "Microsoft.Dynamics.DataEntities"))
        let m = try resolve(xml)
        #expect(m.diagnostics.isEmpty)
    }

    @Test("navigation to the abstract Edm.EntityType (vocabularies) is accepted")
    func abstractEntityType() throws {
        let xml = edmx(schema("""
              <ComplexType Name="Example"><NavigationProperty Name="Value" Type="Edm.EntityType"/></ComplexType>
            """))
        let m = try resolve(xml)
        #expect(m.diagnostics.isEmpty, "\(m.diagnostics)")
        #expect(m.complexTypes[0].navigationProperties[0].target == nil)
    }
}

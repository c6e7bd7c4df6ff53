import Testing
import ODataCSDL

/// Helpers shared by `ReaderElementTests`, `ReaderExpressionTests` and `ReaderRobustnessTests`.
enum ReaderFixture {
    /// The reader's source location (`Testing` has a type of the same name).
    typealias Loc = ODataCSDL.SourceLocation

    static let edmxNS = "http://docs.oasis-open.org/odata/ns/edmx"
    static let edmNS = "http://docs.oasis-open.org/odata/ns/edm"

    /// A complete document around `body`: line 1 is the XML declaration, line 2 `edmx:Edmx`, line 3
    /// `edmx:DataServices`, line 4 `Schema Namespace="NS" Alias="Self"`; `body` starts on line 5.
    static func wrap(_ body: String, version: String = "4.0") -> String {
        """
        <?xml version="1.0" encoding="utf-8"?>
        <edmx:Edmx Version="\(version)" xmlns:edmx="\(edmxNS)">
        <edmx:DataServices>
        <Schema Namespace="NS" Alias="Self" xmlns="\(edmNS)">
        \(body)
        </Schema>
        </edmx:DataServices>
        </edmx:Edmx>
        """
    }

    /// The result of one read, with the source text kept to compute expected locations.
    struct Read {
        var document: CSDLDocument
        var diagnostics: [Diagnostic]
        var xml: String

        /// The location of the `occurrence`-th (1-based) occurrence of `needle` in the source.
        func loc(_ needle: String, _ occurrence: Int = 1) -> Loc {
            ReaderFixture.location(of: needle, in: xml, occurrence: occurrence)
        }

        var errors: [Diagnostic] { diagnostics.filter { $0.severity == .error } }
        var warnings: [Diagnostic] { diagnostics.filter { $0.severity == .warning } }
        var notes: [Diagnostic] { diagnostics.filter { $0.severity == .note } }
        /// Diagnostics printed one a line, for failure messages.
        var listing: String { diagnostics.map(\.description).joined(separator: "\n") }
    }

    /// Reads `xml`; the test fails when there is no document.
    static func read(_ xml: String, file: String = "test.xml") throws -> Read {
        let result = CSDLReader.read(string: xml, file: file)
        let document = try #require(result.document, "no document; diagnostics: \(result.diagnostics)")
        return Read(document: document, diagnostics: result.diagnostics, xml: xml)
    }

    /// Reads `wrap(body)` and returns the read and its only schema.
    static func readSchema(_ body: String, version: String = "4.0") throws -> (Read, CSDLSchema) {
        let r = try read(wrap(body, version: version))
        try #require(r.document.schemas.count == 1, "expected one schema; diagnostics: \(r.listing)")
        return (r, r.document.schemas[0])
    }

    /// Line and 1-based byte column of the `occurrence`-th occurrence of `needle` (which must not start with a
    /// newline) in `text`; (0, 0) when not found. Computed on the UTF-8 bytes, independently of libxml2.
    static func location(of needle: String, in text: String, occurrence: Int = 1) -> Loc {
        let hay = Array(text.utf8)
        let n = Array(needle.utf8)
        guard !n.isEmpty else { return Loc(line: 0, column: 0) }
        var found = 0
        var line = 1
        var lineStart = 0
        var i = 0
        while i + n.count <= hay.count {
            if hay[i] == 0x0A {
                line += 1
                lineStart = i + 1
            } else if hay[i] == n[0] && hay[i..<(i + n.count)].elementsEqual(n) {
                found += 1
                if found == occurrence { return Loc(line: line, column: i - lineStart + 1) }
            }
            i += 1
        }
        return Loc(line: 0, column: 0)
    }

    /// A compact, canonical rendering of an expression, for comparisons.
    static func describe(_ expression: CSDLExpression?) -> String {
        guard let expression else { return "nil" }
        switch expression {
        case .constant(let kind, let text):
            return "\(kind.rawValue)(\(text))"
        case .path(let kind, let text):
            return "\(kind.rawValue)(\(text))"
        case .collection(let items):
            return "[" + items.map { describe($0) }.joined(separator: ", ") + "]"
        case .record(let record):
            let type = record.type.map { "<\($0)>" } ?? ""
            let values = record.propertyValues.map { "\($0.property)=\(describe($0.value))" }
            return "Record\(type){" + values.joined(separator: ", ") + "}"
        case .null:
            return "Null"
        case .raw(let raw):
            var s = raw.name
            if !raw.attributes.isEmpty {
                s += "(" + raw.attributes.map { "\($0.name)=\($0.value)" }.joined(separator: ",") + ")"
            }
            if let text = raw.text { s += "'\(text)'" }
            s += "[" + raw.children.map { describe($0) }.joined(separator: ", ") + "]"
            return s
        }
    }

    /// Every annotation of a list and, depth first, the annotations of those annotations.
    static func flatten(_ list: [CSDLAnnotation]) -> [CSDLAnnotation] {
        list.flatMap { [$0] + flatten($0.annotations) }
    }

    /// The container order as `kind:index` strings.
    static func order(_ container: CSDLEntityContainer) -> [String] {
        container.order.map { "\($0.kind):\($0.index)" }
    }

    /// The schema order as `kind:index` strings.
    static func order(_ schema: CSDLSchema) -> [String] {
        schema.order.map { "\($0.kind):\($0.index)" }
    }
}

/// One test (at least) per CSDL element and attribute the reader understands, each with its source location.
@Suite("Reader: CSDL elements and attributes")
struct ReaderElementTests {
    typealias Loc = ReaderFixture.Loc

    // MARK: - EDMX

    @Test("edmx:Edmx Version 4.0, edmx:DataServices and Schema with their locations")
    func edmx40() throws {
        let r = try ReaderFixture.read(ReaderFixture.wrap(""))
        #expect(r.diagnostics.isEmpty, "\(r.listing)")
        #expect(r.document.version == "4.0")
        #expect(r.document.file == "test.xml")
        #expect(r.document.location == Loc(line: 2, column: 1))
        #expect(r.document.dataServicesLocation == Loc(line: 3, column: 1))
        #expect(r.document.references.isEmpty)
        let schema = try #require(r.document.schemas.first)
        #expect(r.document.schemas.count == 1)
        #expect(schema.namespace == "NS")
        #expect(schema.alias == "Self")
        #expect(schema.location == Loc(line: 4, column: 1))
        #expect(schema.order.isEmpty)
    }

    @Test("edmx:Edmx Version 4.01, references with includes, include-annotations and several schemas")
    func edmx401ReferencesAndSchemas() throws {
        let xml = """
        <?xml version="1.0" encoding="utf-8"?>
        <edmx:Edmx xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx" Version="4.01">
          <edmx:Reference Uri="https://oasis-tcs.github.io/odata-vocabularies/vocabularies/Org.OData.Core.V1.xml">
            <edmx:Include Namespace="Org.OData.Core.V1" Alias="Core">
              <Annotation xmlns="http://docs.oasis-open.org/odata/ns/edm" Term="Core.Description" String="core"/>
            </edmx:Include>
            <edmx:Include Namespace="Org.OData.Capabilities.V1"/>
            <edmx:IncludeAnnotations TermNamespace="Org.OData.Core.V1" Qualifier="Tablet" TargetNamespace="com.example.Sales"/>
            <edmx:IncludeAnnotations TermNamespace="org.example.hcm"/>
          </edmx:Reference>
          <edmx:Reference Uri="http://example.com/other/$metadata">
            <edmx:Include Namespace="Other" Alias="O"/>
            <Annotation xmlns="http://docs.oasis-open.org/odata/ns/edm" Term="Core.LongDescription" String="ref"/>
          </edmx:Reference>
          <edmx:DataServices>
            <Schema xmlns="http://docs.oasis-open.org/odata/ns/edm" Namespace="First.NS" Alias="First">
            </Schema>
            <Schema xmlns="http://docs.oasis-open.org/odata/ns/edm" Namespace="Second.NS">
            </Schema>
            <Schema xmlns="http://docs.oasis-open.org/odata/ns/edm" Namespace="Third.NS" Alias="Third"/>
          </edmx:DataServices>
        </edmx:Edmx>
        """
        let r = try ReaderFixture.read(xml)
        #expect(r.diagnostics.isEmpty, "\(r.listing)")
        let doc = r.document
        #expect(doc.version == "4.01")
        #expect(doc.location == Loc(line: 2, column: 1))
        #expect(doc.dataServicesLocation == Loc(line: 15, column: 3))

        try #require(doc.references.count == 2)
        let core = doc.references[0]
        #expect(core.uri == "https://oasis-tcs.github.io/odata-vocabularies/vocabularies/Org.OData.Core.V1.xml")
        #expect(core.location == Loc(line: 3, column: 3))
        try #require(core.includes.count == 2)
        #expect(core.includes[0].namespace == "Org.OData.Core.V1")
        #expect(core.includes[0].alias == "Core")
        #expect(core.includes[0].location == Loc(line: 4, column: 5))
        try #require(core.includes[0].annotations.count == 1)
        #expect(core.includes[0].annotations[0].term == "Core.Description")
        #expect(core.includes[0].annotations[0].value?.text == "core")
        #expect(core.includes[0].annotations[0].location == Loc(line: 5, column: 7))
        #expect(core.includes[1].namespace == "Org.OData.Capabilities.V1")
        #expect(core.includes[1].alias == nil)
        #expect(core.includes[1].location == Loc(line: 7, column: 5))
        #expect(core.annotations.isEmpty)

        try #require(core.includeAnnotations.count == 2)
        let ia = core.includeAnnotations[0]
        #expect(ia.termNamespace == "Org.OData.Core.V1")
        #expect(ia.qualifier == "Tablet")
        #expect(ia.targetNamespace == "com.example.Sales")
        #expect(ia.location == Loc(line: 8, column: 5))
        let ib = core.includeAnnotations[1]
        #expect(ib.termNamespace == "org.example.hcm")
        #expect(ib.qualifier == nil)
        #expect(ib.targetNamespace == nil)
        #expect(ib.location == Loc(line: 9, column: 5))

        let other = doc.references[1]
        #expect(other.uri == "http://example.com/other/$metadata")
        #expect(other.location == Loc(line: 11, column: 3))
        #expect(other.includes.map(\.namespace) == ["Other"])
        #expect(other.includes.map(\.alias) == ["O"])
        #expect(other.includes.first?.location == Loc(line: 12, column: 5))
        #expect(other.includeAnnotations.isEmpty)
        try #require(other.annotations.count == 1)
        #expect(other.annotations[0].term == "Core.LongDescription")
        #expect(other.annotations[0].value?.text == "ref")
        #expect(other.annotations[0].location == Loc(line: 13, column: 5))

        #expect(doc.schemas.map(\.namespace) == ["First.NS", "Second.NS", "Third.NS"])
        #expect(doc.schemas.map(\.alias) == ["First", nil, "Third"])
        #expect(doc.schemas.map(\.location) == [Loc(line: 16, column: 5), Loc(line: 18, column: 5), Loc(line: 20, column: 5)])
    }

    @Test("edmx:Edmx without Version: a warning at the root, read as 4.0")
    func edmxWithoutVersion() throws {
        let xml = """
        <edmx:Edmx xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx">
          <edmx:DataServices/>
        </edmx:Edmx>
        """
        let r = try ReaderFixture.read(xml)
        #expect(r.document.version == "4.0")
        #expect(r.errors.isEmpty, "\(r.listing)")
        try #require(r.warnings.count == 1, "\(r.listing)")
        #expect(r.warnings[0].line == 1 && r.warnings[0].column == 1)
        #expect(r.warnings[0].message.contains("Version"))
        #expect(r.document.dataServicesLocation == Loc(line: 2, column: 3))
        #expect(r.document.schemas.isEmpty)
    }

    @Test("edmx:Edmx Version 3.0 is an error at the root (OData v2/v3 is not supported)")
    func edmxVersion3() {
        let xml = """
        <?xml version="1.0"?>
          <edmx:Edmx Version="3.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx"><edmx:DataServices/></edmx:Edmx>
        """
        let result = CSDLReader.read(string: xml, file: "v3.xml")
        let errors = result.diagnostics.filter { $0.severity == .error }
        #expect(errors.count == 1)
        #expect(errors.first?.line == 2)
        #expect(errors.first?.column == 3)
        #expect(errors.first?.message.contains("3.0") == true)
    }

    @Test("edmx:Edmx with an unexpected Version is a warning")
    func edmxOddVersion() throws {
        let r = try ReaderFixture.read(ReaderFixture.wrap("", version: "4.1"))
        #expect(r.errors.isEmpty, "\(r.listing)")
        #expect(r.warnings.count == 1)
        #expect(r.warnings.first?.line == 2 && r.warnings.first?.column == 1)
        #expect(r.warnings.first?.message.contains("4.1") == true)
    }

    @Test("edmx:Reference without Uri and edmx:Include without Namespace are errors at their elements")
    func referenceMissingAttributes() throws {
        let xml = """
        <edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx">
          <edmx:Reference>
            <edmx:Include Namespace="Skipped"/>
          </edmx:Reference>
          <edmx:Reference Uri="u">
            <edmx:Include Alias="A"/>
            <edmx:Include Namespace="Kept"/>
            <edmx:IncludeAnnotations Qualifier="Q"/>
          </edmx:Reference>
          <edmx:DataServices/>
        </edmx:Edmx>
        """
        let r = try ReaderFixture.read(xml)
        let errors = r.errors
        try #require(errors.count == 3, "\(r.listing)")
        #expect(errors[0].line == 2 && errors[0].column == 3)
        #expect(errors[0].message.contains("Uri"))
        #expect(errors[1].line == 6 && errors[1].column == 5)
        #expect(errors[1].message.contains("Namespace"))
        #expect(errors[2].line == 8 && errors[2].column == 5)
        #expect(errors[2].message.contains("TermNamespace"))
        #expect(r.document.references.count == 1)
        #expect(r.document.references.first?.includes.map(\.namespace) == ["Kept"])
        #expect(r.document.references.first?.includeAnnotations.isEmpty == true)
    }

    // MARK: - EntityType, Key, PropertyRef

    @Test("EntityType Name, BaseType, Abstract, OpenType, HasStream; Key and PropertyRef Name and Alias")
    func entityTypes() throws {
        let (r, schema) = try ReaderFixture.readSchema("""
        <EntityType Name="Base" Abstract="true">
          <Key>
            <PropertyRef Name="ID"/>
          </Key>
          <Property Name="ID" Type="Edm.Int32" Nullable="false"/>
        </EntityType>
        <EntityType Name="Order" BaseType="NS.Base" OpenType="true" HasStream="true"/>
        <EntityType Name="Plain">
          <Key>
            <PropertyRef Name="Address/Street" Alias="Street"/>
            <PropertyRef Name="Code"/>
          </Key>
          <Property Name="Code" Type="Edm.String" Nullable="false"/>
          <Property Name="Address" Type="NS.Address" Nullable="false"/>
        </EntityType>
            <EntityType Name="Flags" Abstract="false" OpenType="false" HasStream="false"/>
        """)
        #expect(r.diagnostics.isEmpty, "\(r.listing)")
        try #require(schema.entityTypes.count == 4)
        let base = schema.entityTypes[0]
        #expect(base.name == "Base")
        #expect(base.baseType == nil)
        #expect(base.isAbstract)
        #expect(!base.isOpenType)
        #expect(!base.hasStream)
        #expect(base.location == Loc(line: 5, column: 1))
        let key = try #require(base.key)
        #expect(key.location == Loc(line: 6, column: 3))
        #expect(key.propertyRefs.map(\.name) == ["ID"])
        #expect(key.propertyRefs[0].alias == nil)
        #expect(key.propertyRefs[0].location == Loc(line: 7, column: 5))
        #expect(base.properties.map(\.name) == ["ID"])

        let order = schema.entityTypes[1]
        #expect(order.name == "Order")
        #expect(order.baseType == "NS.Base")
        #expect(!order.isAbstract)
        #expect(order.isOpenType)
        #expect(order.hasStream)
        #expect(order.key == nil)
        #expect(order.properties.isEmpty && order.navigationProperties.isEmpty && order.annotations.isEmpty)
        #expect(order.location == r.loc("<EntityType Name=\"Order\""))
        #expect(order.location == Loc(line: 11, column: 1))

        let plain = schema.entityTypes[2]
        let refs = try #require(plain.key?.propertyRefs)
        #expect(refs.map(\.name) == ["Address/Street", "Code"])
        #expect(refs.map(\.alias) == ["Street", nil])
        #expect(refs[0].location == r.loc("<PropertyRef Name=\"Address/Street\""))
        #expect(refs[1].location == r.loc("<PropertyRef Name=\"Code\""))
        #expect(plain.key?.location == r.loc("<Key>", 2))
        #expect(plain.properties.map(\.type) == ["Edm.String", "NS.Address"])

        let flags = schema.entityTypes[3]
        #expect(!flags.isAbstract && !flags.isOpenType && !flags.hasStream)
        #expect(flags.location == Loc(line: 20, column: 5))
        #expect(ReaderFixture.order(schema) == ["entityType:0", "entityType:1", "entityType:2", "entityType:3"])
    }

    @Test("a second Key is a warning and is ignored")
    func secondKey() throws {
        let (r, schema) = try ReaderFixture.readSchema("""
        <EntityType Name="E">
          <Key><PropertyRef Name="A"/></Key>
          <Key><PropertyRef Name="B"/></Key>
          <Property Name="A" Type="Edm.Int32" Nullable="false"/>
          <Property Name="B" Type="Edm.Int32" Nullable="false"/>
        </EntityType>
        """)
        #expect(r.errors.isEmpty)
        try #require(r.warnings.count == 1, "\(r.listing)")
        #expect(r.warnings[0].line == 7 && r.warnings[0].column == 3)
        #expect(schema.entityTypes.first?.key?.propertyRefs.map(\.name) == ["A"])
        #expect(schema.entityTypes.first?.properties.count == 2)
    }

    // MARK: - Property

    @Test("Property Name, Type, Nullable (default true), MaxLength, Precision, Scale, SRID, Unicode, DefaultValue")
    func propertyFacets() throws {
        let (r, schema) = try ReaderFixture.readSchema("""
        <ComplexType Name="Facets">
          <Property Name="Plain" Type="Edm.String"/>
          <Property Name="NotNull" Type="Edm.String" Nullable="false" MaxLength="40"/>
          <Property Name="ExplicitNull" Type="Edm.String" Nullable="true"/>
          <Property Name="Max" Type="Edm.String" MaxLength="max"/>
          <Property Name="MaxUpper" Type="Edm.Binary" MaxLength="MAX"/>
          <Property Name="Amount" Type="Edm.Decimal" Precision="18" Scale="4"/>
          <Property Name="Var" Type="Edm.Decimal" Precision="10" Scale="variable"/>
          <Property Name="VarMixed" Type="Edm.Decimal" Scale="Variable"/>
          <Property Name="VarUpper" Type="Edm.Decimal" Scale="VARIABLE"/>
          <Property Name="Float" Type="Edm.Decimal" Scale="floating"/>
          <Property Name="FloatMixed" Type="Edm.Decimal" Scale="Floating"/>
          <Property Name="FloatUpper" Type="Edm.Decimal" Scale="FLOATING"/>
          <Property Name="ZeroScale" Type="Edm.Decimal" Precision="0" Scale="0"/>
          <Property Name="Time" Type="Edm.DateTimeOffset" Precision="7"/>
          <Property Name="Point" Type="Edm.GeographyPoint" SRID="4326"/>
          <Property Name="VarPoint" Type="Edm.GeometryPoint" SRID="variable"/>
          <Property Name="Ascii" Type="Edm.String" Unicode="false"/>
          <Property Name="Uni" Type="Edm.String" Unicode="true"/>
          <Property Name="WithDefault" Type="Edm.Int32" DefaultValue="42"/>
          <Property Name="EmptyDefault" Type="Edm.String" DefaultValue=""/>
          <Property Name="Tags" Type="Collection(Edm.String)" Nullable="false" MaxLength="10"/>
        </ComplexType>
        """)
        #expect(r.diagnostics.isEmpty, "\(r.listing)")
        let properties = try #require(schema.complexTypes.first?.properties)
        #expect(properties.count == 21)
        var byName: [String: CSDLProperty] = [:]
        for p in properties { byName[p.name] = p }
        func p(_ name: String) throws -> CSDLProperty { try #require(byName[name], "no property \(name)") }

        for property in properties {
            #expect(property.location == r.loc("<Property Name=\"\(property.name)\""), "\(property.name)")
            #expect(property.location.column == 3, "\(property.name)")
            #expect(property.annotations.isEmpty)
        }
        #expect(try p("Plain").location == Loc(line: 6, column: 3))
        #expect(try p("Plain").type == "Edm.String")
        #expect(try p("Plain").nullable == true)
        #expect(try p("Plain").facets.isEmpty)
        #expect(try p("Plain").defaultValue == nil)
        #expect(try p("NotNull").nullable == false)
        #expect(try p("NotNull").facets.maxLength == .value(40))
        #expect(try p("ExplicitNull").nullable == true)
        #expect(try p("Max").facets.maxLength == .max)
        #expect(try p("MaxUpper").facets.maxLength == .max)
        #expect(try p("MaxUpper").type == "Edm.Binary")
        #expect(try p("Amount").facets.precision == 18)
        #expect(try p("Amount").facets.scale == .value(4))
        #expect(try p("Var").facets.precision == 10)
        #expect(try p("Var").facets.scale == .variable)
        #expect(try p("VarMixed").facets.scale == .variable)
        #expect(try p("VarUpper").facets.scale == .variable)
        #expect(try p("Float").facets.scale == .floating)
        #expect(try p("FloatMixed").facets.scale == .floating)
        #expect(try p("FloatUpper").facets.scale == .floating)
        #expect(try p("ZeroScale").facets.precision == 0)
        #expect(try p("ZeroScale").facets.scale == .value(0))
        #expect(try p("Time").facets.precision == 7)
        #expect(try p("Time").facets.scale == nil)
        #expect(try p("Point").facets.srid == "4326")
        #expect(try p("VarPoint").facets.srid == "variable")
        #expect(try p("Ascii").facets.unicode == false)
        #expect(try p("Uni").facets.unicode == true)
        #expect(try p("Plain").facets.unicode == nil)
        #expect(try p("WithDefault").defaultValue == "42")
        #expect(try p("EmptyDefault").defaultValue == "")
        #expect(try p("Tags").type == "Collection(Edm.String)")
        #expect(try p("Tags").nullable == false)
        #expect(try p("Tags").facets.maxLength == .value(10))
        #expect(try !p("Tags").facets.isEmpty)
    }

    @Test("Property without Type or Name is an error at the element; the property is skipped")
    func propertyMissingAttributes() throws {
        let (r, schema) = try ReaderFixture.readSchema("""
        <EntityType Name="E">
          <Property Name="NoType"/>
            <Property Type="Edm.String"/>
          <Property Name="Kept" Type="Edm.String"/>
        </EntityType>
        """)
        try #require(r.errors.count == 2, "\(r.listing)")
        #expect(r.errors[0].line == 6 && r.errors[0].column == 3)
        #expect(r.errors[0].message.contains("Type"))
        #expect(r.errors[0].file == "test.xml")
        #expect(r.errors[1].line == 7 && r.errors[1].column == 5)
        #expect(r.errors[1].message.contains("Name"))
        #expect(schema.entityTypes.first?.properties.map(\.name) == ["Kept"])
    }

    // MARK: - NavigationProperty

    @Test("NavigationProperty Name, Type, Nullable, Partner, ContainsTarget, ReferentialConstraint, OnDelete")
    func navigationProperties() throws {
        let (r, schema) = try ReaderFixture.readSchema("""
        <EntityType Name="Order">
          <Key><PropertyRef Name="ID"/></Key>
          <Property Name="ID" Type="Edm.Int32" Nullable="false"/>
          <Property Name="CustomerID" Type="Edm.Int32"/>
          <NavigationProperty Name="Customer" Type="NS.Customer" Nullable="false" Partner="Orders">
            <ReferentialConstraint Property="CustomerID" ReferencedProperty="ID">
              <Annotation Term="Core.Description" String="fk"/>
            </ReferentialConstraint>
            <ReferentialConstraint Property="Region" ReferencedProperty="RegionCode"/>
            <OnDelete Action="Cascade">
              <Annotation Term="Core.Description" String="cascade"/>
            </OnDelete>
            <Annotation Term="Core.Description" String="nav"/>
          </NavigationProperty>
          <NavigationProperty Name="Items" Type="Collection(NS.Item)" ContainsTarget="true"/>
          <NavigationProperty Name="Optional" Type="NS.Customer" Nullable="true" ContainsTarget="false"/>
        </EntityType>
        """)
        #expect(r.diagnostics.isEmpty, "\(r.listing)")
        let navs = try #require(schema.entityTypes.first?.navigationProperties)
        try #require(navs.count == 3)
        let customer = navs[0]
        #expect(customer.name == "Customer")
        #expect(customer.type == "NS.Customer")
        #expect(customer.nullable == false)
        #expect(customer.partner == "Orders")
        #expect(customer.containsTarget == false)
        #expect(customer.location == Loc(line: 9, column: 3))
        try #require(customer.referentialConstraints.count == 2)
        #expect(customer.referentialConstraints[0].property == "CustomerID")
        #expect(customer.referentialConstraints[0].referencedProperty == "ID")
        #expect(customer.referentialConstraints[0].location == Loc(line: 10, column: 5))
        #expect(customer.referentialConstraints[0].annotations.map(\.term) == ["Core.Description"])
        #expect(customer.referentialConstraints[0].annotations.first?.value?.text == "fk")
        #expect(customer.referentialConstraints[0].annotations.first?.location == Loc(line: 11, column: 7))
        #expect(customer.referentialConstraints[1].property == "Region")
        #expect(customer.referentialConstraints[1].referencedProperty == "RegionCode")
        #expect(customer.referentialConstraints[1].location == Loc(line: 13, column: 5))
        #expect(customer.referentialConstraints[1].annotations.isEmpty)
        let onDelete = try #require(customer.onDelete)
        #expect(onDelete.action == "Cascade")
        #expect(onDelete.location == Loc(line: 14, column: 5))
        #expect(onDelete.annotations.first?.value?.text == "cascade")
        #expect(onDelete.annotations.first?.location == Loc(line: 15, column: 7))
        #expect(customer.annotations.map { $0.value?.text } == ["nav"])
        #expect(customer.annotations.first?.location == Loc(line: 17, column: 5))

        let items = navs[1]
        #expect(items.name == "Items")
        #expect(items.type == "Collection(NS.Item)")
        #expect(items.nullable == nil)
        #expect(items.partner == nil)
        #expect(items.containsTarget == true)
        #expect(items.referentialConstraints.isEmpty)
        #expect(items.onDelete == nil)
        #expect(items.location == Loc(line: 19, column: 3))

        let optional = navs[2]
        #expect(optional.nullable == true)
        #expect(optional.containsTarget == false)
        #expect(optional.location == Loc(line: 20, column: 3))
    }

    @Test("OnDelete actions None, SetNull, SetDefault; a second OnDelete is a warning")
    func onDeleteActions() throws {
        let (r, schema) = try ReaderFixture.readSchema("""
        <EntityType Name="E">
          <NavigationProperty Name="A" Type="NS.E"><OnDelete Action="None"/></NavigationProperty>
          <NavigationProperty Name="B" Type="NS.E"><OnDelete Action="SetNull"/></NavigationProperty>
          <NavigationProperty Name="C" Type="NS.E"><OnDelete Action="SetDefault"/><OnDelete Action="Cascade"/></NavigationProperty>
        </EntityType>
        """)
        #expect(r.errors.isEmpty)
        let navs = try #require(schema.entityTypes.first?.navigationProperties)
        #expect(navs.map { $0.onDelete?.action } == ["None", "SetNull", "SetDefault"])
        #expect(navs[0].onDelete?.location == r.loc("<OnDelete Action=\"None\""))
        #expect(navs[0].onDelete?.location == Loc(line: 6, column: 44))
        try #require(r.warnings.count == 1, "\(r.listing)")
        let second = r.loc("<OnDelete Action=\"Cascade\"")
        #expect(r.warnings[0].line == Int(second.line) && r.warnings[0].column == Int(second.column))
    }

    // MARK: - ComplexType

    @Test("ComplexType Name, BaseType, Abstract, OpenType with properties and navigation properties")
    func complexTypes() throws {
        let (r, schema) = try ReaderFixture.readSchema("""
        <ComplexType Name="Address" Abstract="true" OpenType="true">
          <Property Name="Street" Type="Edm.String" MaxLength="60"/>
          <NavigationProperty Name="Country" Type="NS.Country" Nullable="false"/>
          <Annotation Term="Core.Description" String="an address"/>
        </ComplexType>
          <ComplexType Name="UsAddress" BaseType="NS.Address"/>
        """)
        #expect(r.diagnostics.isEmpty, "\(r.listing)")
        try #require(schema.complexTypes.count == 2)
        let address = schema.complexTypes[0]
        #expect(address.name == "Address")
        #expect(address.baseType == nil)
        #expect(address.isAbstract)
        #expect(address.isOpenType)
        #expect(address.location == Loc(line: 5, column: 1))
        #expect(address.properties.map(\.name) == ["Street"])
        #expect(address.properties.first?.facets.maxLength == .value(60))
        #expect(address.properties.first?.location == Loc(line: 6, column: 3))
        #expect(address.navigationProperties.map(\.name) == ["Country"])
        #expect(address.navigationProperties.first?.nullable == false)
        #expect(address.navigationProperties.first?.location == Loc(line: 7, column: 3))
        #expect(address.annotations.map { $0.value?.text } == ["an address"])
        #expect(address.annotations.first?.location == Loc(line: 8, column: 3))
        let us = schema.complexTypes[1]
        #expect(us.name == "UsAddress")
        #expect(us.baseType == "NS.Address")
        #expect(!us.isAbstract && !us.isOpenType)
        #expect(us.location == Loc(line: 10, column: 3))
        #expect(ReaderFixture.order(schema) == ["complexType:0", "complexType:1"])
    }

    @Test("Key is not allowed in a ComplexType: a warning, the rest is read")
    func keyInComplexType() throws {
        let (r, schema) = try ReaderFixture.readSchema("""
        <ComplexType Name="C">
          <Key><PropertyRef Name="A"/></Key>
          <Property Name="A" Type="Edm.String"/>
        </ComplexType>
        """)
        #expect(r.errors.isEmpty)
        try #require(r.warnings.count == 1, "\(r.listing)")
        #expect(r.warnings[0].line == 6 && r.warnings[0].column == 3)
        #expect(r.warnings[0].message.contains("Key"))
        #expect(schema.complexTypes.first?.properties.map(\.name) == ["A"])
    }

    // MARK: - EnumType

    @Test("EnumType Name, UnderlyingType (default Edm.Int32), IsFlags; Member values explicit and implicit")
    func enumTypes() throws {
        let (r, schema) = try ReaderFixture.readSchema("""
        <EnumType Name="Color">
          <Member Name="Red"/>
          <Member Name="Green"/>
          <Member Name="Blue"/>
        </EnumType>
        <EnumType Name="Jump" UnderlyingType="Edm.Int64">
          <Member Name="A"/>
          <Member Name="B" Value="10"/>
          <Member Name="C"/>
          <Member Name="D" Value="-5"/>
          <Member Name="E"/>
        </EnumType>
        <EnumType Name="Access" UnderlyingType="Edm.Byte" IsFlags="true">
          <Member Name="None" Value="0"/>
          <Member Name="Read" Value="1"/>
          <Member Name="Write" Value="2">
            <Annotation Term="Core.Description" String="may write"/>
          </Member>
          <Member Name="ReadWrite" Value="3"/>
          <Annotation Term="Core.Description" String="flags"/>
        </EnumType>
        <EnumType Name="Restart" IsFlags="false">
          <Member Name="First"/>
          <Member Name="Second"/>
        </EnumType>
        """)
        #expect(r.diagnostics.isEmpty, "\(r.listing)")
        try #require(schema.enumTypes.count == 4)
        let color = schema.enumTypes[0]
        #expect(color.name == "Color")
        #expect(color.underlyingType == "Edm.Int32")
        #expect(!color.isFlags)
        #expect(color.location == Loc(line: 5, column: 1))
        #expect(color.members.map(\.name) == ["Red", "Green", "Blue"])
        #expect(color.members.map(\.value) == [0, 1, 2])
        #expect(color.members.map(\.hasExplicitValue) == [false, false, false])
        #expect(color.members.map(\.location) == [Loc(line: 6, column: 3), Loc(line: 7, column: 3), Loc(line: 8, column: 3)])

        let jump = schema.enumTypes[1]
        #expect(jump.underlyingType == "Edm.Int64")
        #expect(jump.members.map(\.value) == [0, 10, 11, -5, -4])
        #expect(jump.members.map(\.hasExplicitValue) == [false, true, false, true, false])
        #expect(jump.location == Loc(line: 10, column: 1))

        let access = schema.enumTypes[2]
        #expect(access.underlyingType == "Edm.Byte")
        #expect(access.isFlags)
        #expect(access.members.map(\.value) == [0, 1, 2, 3])
        #expect(access.members.allSatisfy { $0.hasExplicitValue })
        #expect(access.members[2].annotations.map { $0.value?.text } == ["may write"])
        #expect(access.members[2].annotations.first?.location == r.loc("<Annotation Term=\"Core.Description\" String=\"may write\""))
        #expect(access.members[2].location == r.loc("<Member Name=\"Write\""))
        #expect(access.annotations.map { $0.value?.text } == ["flags"])

        let restart = schema.enumTypes[3]
        #expect(!restart.isFlags)
        #expect(restart.members.map(\.value) == [0, 1], "implicit values restart in each EnumType")
        #expect(ReaderFixture.order(schema) == ["enumType:0", "enumType:1", "enumType:2", "enumType:3"])
    }

    @Test("Member with a non-integer Value: a warning, the implicit value is used")
    func enumMemberInvalidValue() throws {
        let (r, schema) = try ReaderFixture.readSchema("""
        <EnumType Name="E">
          <Member Name="A" Value="5"/>
          <Member Name="B" Value="six"/>
          <Member Name="C"/>
          <Member Value="9"/>
        </EnumType>
        """)
        try #require(r.warnings.count == 1, "\(r.listing)")
        #expect(r.warnings[0].line == 7 && r.warnings[0].column == 3)
        #expect(r.warnings[0].message.contains("six"))
        try #require(r.errors.count == 1, "\(r.listing)")
        #expect(r.errors[0].line == 9 && r.errors[0].column == 3)
        #expect(r.errors[0].message.contains("Name"))
        let members = try #require(schema.enumTypes.first?.members)
        #expect(members.map(\.name) == ["A", "B", "C"])
        #expect(members.map(\.value) == [5, 6, 7])
        #expect(members.map(\.hasExplicitValue) == [true, false, false])
    }

    // MARK: - TypeDefinition

    @Test("TypeDefinition Name, UnderlyingType and facets")
    func typeDefinitions() throws {
        let (r, schema) = try ReaderFixture.readSchema("""
        <TypeDefinition Name="Text" UnderlyingType="Edm.String" MaxLength="100" Unicode="false"/>
        <TypeDefinition Name="Money" UnderlyingType="Edm.Decimal" Precision="19" Scale="4">
          <Annotation Term="Core.Description" String="money"/>
        </TypeDefinition>
        <TypeDefinition Name="Place" UnderlyingType="Edm.GeographyPoint" SRID="4326"/>
        <TypeDefinition Name="Bare" UnderlyingType="Edm.Int32"/>
        <TypeDefinition Name="Floaty" UnderlyingType="Edm.Decimal" Scale="Floating" MaxLength="Max"/>
        <TypeDefinition Name="NoUnderlying"/>
        """)
        try #require(r.errors.count == 1, "\(r.listing)")
        #expect(r.errors[0].line == 12 && r.errors[0].column == 1)
        #expect(r.errors[0].message.contains("UnderlyingType"))
        #expect(r.warnings.isEmpty, "\(r.listing)")
        let tds = schema.typeDefinitions
        try #require(tds.count == 5)
        #expect(tds.map(\.name) == ["Text", "Money", "Place", "Bare", "Floaty"])
        #expect(tds.map(\.underlyingType) == ["Edm.String", "Edm.Decimal", "Edm.GeographyPoint", "Edm.Int32", "Edm.Decimal"])
        #expect(tds.map(\.location.line) == [5, 6, 9, 10, 11])
        #expect(tds.allSatisfy { $0.location.column == 1 })
        #expect(tds[0].facets.maxLength == .value(100))
        #expect(tds[0].facets.unicode == false)
        #expect(tds[1].facets.precision == 19)
        #expect(tds[1].facets.scale == .value(4))
        #expect(tds[1].annotations.map(\.term) == ["Core.Description"])
        #expect(tds[1].annotations.first?.location == Loc(line: 7, column: 3))
        #expect(tds[2].facets.srid == "4326")
        #expect(tds[3].facets.isEmpty)
        #expect(tds[4].facets.scale == .floating)
        #expect(tds[4].facets.maxLength == .max)
    }

    // MARK: - Action, Function

    @Test("Action and Function overloads: IsBound, EntitySetPath, IsComposable, Parameter, ReturnType")
    func operations() throws {
        let (r, schema) = try ReaderFixture.readSchema("""
        <Action Name="Approve" IsBound="true" EntitySetPath="order">
          <Parameter Name="order" Type="NS.Order" Nullable="false"/>
          <Parameter Name="comment" Type="Edm.String" MaxLength="200" Unicode="false"/>
          <ReturnType Type="NS.Order" Nullable="false"/>
        </Action>
        <Action Name="Approve" IsBound="true">
          <Parameter Name="orders" Type="Collection(NS.Order)"/>
        </Action>
        <Action Name="Reset"/>
        <Function Name="Top" IsComposable="true">
          <Parameter Name="n" Type="Edm.Int32" Nullable="true"/>
          <ReturnType Type="Collection(NS.Order)" Nullable="false"/>
        </Function>
        <Function Name="Top" IsBound="true" IsComposable="false" EntitySetPath="b/Items">
          <Parameter Name="b" Type="NS.Order"/>
          <Parameter Name="amount" Type="Edm.Decimal" Precision="18" Scale="variable"/>
          <Parameter Name="when" Type="Edm.DateTimeOffset" Precision="3"/>
          <Parameter Name="where" Type="Edm.GeographyPoint" SRID="4326"/>
          <ReturnType Type="Edm.Decimal" Precision="18" Scale="4"/>
        </Function>
        <Function Name="Text">
          <ReturnType Type="Edm.String" MaxLength="max" Unicode="true" Nullable="true"/>
        </Function>
        """)
        #expect(r.diagnostics.isEmpty, "\(r.listing)")
        try #require(schema.actions.count == 3)
        try #require(schema.functions.count == 3)
        #expect(ReaderFixture.order(schema) == ["action:0", "action:1", "action:2", "function:0", "function:1", "function:2"])

        let approve = schema.actions[0]
        #expect(approve.kind == .action)
        #expect(approve.name == "Approve")
        #expect(approve.isBound)
        #expect(approve.entitySetPath == "order")
        #expect(!approve.isComposable)
        #expect(approve.location == Loc(line: 5, column: 1))
        try #require(approve.parameters.count == 2)
        #expect(approve.parameters[0].name == "order")
        #expect(approve.parameters[0].type == "NS.Order")
        #expect(approve.parameters[0].nullable == false)
        #expect(approve.parameters[0].facets.isEmpty)
        #expect(approve.parameters[0].location == Loc(line: 6, column: 3))
        #expect(approve.parameters[1].nullable == true)
        #expect(approve.parameters[1].facets.maxLength == .value(200))
        #expect(approve.parameters[1].facets.unicode == false)
        #expect(approve.parameters[1].location == Loc(line: 7, column: 3))
        let rt = try #require(approve.returnType)
        #expect(rt.type == "NS.Order")
        #expect(rt.nullable == false)
        #expect(rt.location == Loc(line: 8, column: 3))

        let overload = schema.actions[1]
        #expect(overload.name == "Approve")
        #expect(overload.isBound)
        #expect(overload.entitySetPath == nil)
        #expect(overload.returnType == nil)
        #expect(overload.parameters.map(\.type) == ["Collection(NS.Order)"])
        #expect(overload.location == Loc(line: 10, column: 1))
        let reset = schema.actions[2]
        #expect(!reset.isBound && reset.parameters.isEmpty && reset.returnType == nil)
        #expect(reset.location == Loc(line: 13, column: 1))

        let top = schema.functions[0]
        #expect(top.kind == .function)
        #expect(top.name == "Top")
        #expect(top.isComposable)
        #expect(!top.isBound)
        #expect(top.location == Loc(line: 14, column: 1))
        #expect(top.parameters.first?.nullable == true)
        #expect(top.returnType?.type == "Collection(NS.Order)")
        #expect(top.returnType?.nullable == false)
        #expect(top.returnType?.location == Loc(line: 16, column: 3))

        let bound = schema.functions[1]
        #expect(bound.isBound)
        #expect(!bound.isComposable)
        #expect(bound.entitySetPath == "b/Items")
        #expect(bound.parameters.map(\.name) == ["b", "amount", "when", "where"])
        #expect(bound.parameters[1].facets.precision == 18)
        #expect(bound.parameters[1].facets.scale == .variable)
        #expect(bound.parameters[2].facets.precision == 3)
        #expect(bound.parameters[3].facets.srid == "4326")
        #expect(bound.parameters.map(\.location.line) == [19, 20, 21, 22])
        #expect(bound.returnType?.facets.precision == 18)
        #expect(bound.returnType?.facets.scale == .value(4))
        #expect(bound.returnType?.location == Loc(line: 23, column: 3))

        let text = schema.functions[2]
        #expect(text.returnType?.facets.maxLength == .max)
        #expect(text.returnType?.facets.unicode == true)
        #expect(text.returnType?.nullable == true)
    }

    @Test("a second ReturnType is a warning; Parameter without Type and ReturnType without Type are errors")
    func operationProblems() throws {
        let (r, schema) = try ReaderFixture.readSchema("""
        <Function Name="F">
          <Parameter Name="p"/>
          <ReturnType Type="Edm.Int32"/>
          <ReturnType Type="Edm.String"/>
        </Function>
        <Function Name="G">
          <ReturnType/>
        </Function>
        """)
        try #require(r.errors.count == 2, "\(r.listing)")
        #expect(r.errors[0].line == 6 && r.errors[0].column == 3)
        #expect(r.errors[1].line == 11 && r.errors[1].column == 3)
        try #require(r.warnings.count == 1, "\(r.listing)")
        #expect(r.warnings[0].line == 8 && r.warnings[0].column == 3)
        #expect(schema.functions.count == 2)
        #expect(schema.functions[0].parameters.isEmpty)
        #expect(schema.functions[0].returnType?.type == "Edm.Int32")
        #expect(schema.functions[1].returnType == nil)
    }

    // MARK: - EntityContainer

    @Test("EntityContainer Extends with EntitySet, Singleton, bindings, ActionImport, FunctionImport in order")
    func entityContainer() throws {
        let (r, schema) = try ReaderFixture.readSchema("""
        <EntityContainer Name="Container" Extends="Other.Container">
          <EntitySet Name="Orders" EntityType="NS.Order">
            <NavigationPropertyBinding Path="Customer" Target="Customers"/>
            <NavigationPropertyBinding Path="NS.Special/Items" Target="Other.Container/Items"/>
          </EntitySet>
          <Singleton Name="Me" Type="NS.Customer">
            <NavigationPropertyBinding Path="Orders" Target="Orders"/>
          </Singleton>
          <ActionImport Name="ApproveAll" Action="NS.ApproveAll" EntitySet="Orders"/>
          <EntitySet Name="Customers" EntityType="NS.Customer" IncludeInServiceDocument="false"/>
          <FunctionImport Name="TopOrders" Function="NS.Top" EntitySet="Orders" IncludeInServiceDocument="true"/>
          <FunctionImport Name="Hidden" Function="NS.Hidden"/>
          <Singleton Name="Config" Type="NS.Config" Nullable="true"/>
          <ActionImport Name="Reset" Action="NS.Reset"/>
        </EntityContainer>
        """, version: "4.01")
        #expect(r.diagnostics.isEmpty, "\(r.listing)")
        try #require(schema.entityContainers.count == 1)
        let c = schema.entityContainers[0]
        #expect(c.name == "Container")
        #expect(c.extends == "Other.Container")
        #expect(c.location == Loc(line: 5, column: 1))
        #expect(ReaderFixture.order(c) == ["entitySet:0", "singleton:0", "actionImport:0", "entitySet:1",
                                          "functionImport:0", "functionImport:1", "singleton:1", "actionImport:1"])
        #expect(ReaderFixture.order(schema) == ["entityContainer:0"])

        try #require(c.entitySets.count == 2)
        let orders = c.entitySets[0]
        #expect(orders.name == "Orders")
        #expect(orders.entityType == "NS.Order")
        #expect(orders.includeInServiceDocument)
        #expect(orders.location == Loc(line: 6, column: 3))
        #expect(orders.navigationPropertyBindings.map(\.path) == ["Customer", "NS.Special/Items"])
        #expect(orders.navigationPropertyBindings.map(\.target) == ["Customers", "Other.Container/Items"])
        #expect(orders.navigationPropertyBindings.map(\.location) == [Loc(line: 7, column: 5), Loc(line: 8, column: 5)])
        let customers = c.entitySets[1]
        #expect(customers.name == "Customers")
        #expect(!customers.includeInServiceDocument)
        #expect(customers.navigationPropertyBindings.isEmpty)
        #expect(customers.location == Loc(line: 14, column: 3))

        try #require(c.singletons.count == 2)
        #expect(c.singletons[0].name == "Me")
        #expect(c.singletons[0].type == "NS.Customer")
        #expect(c.singletons[0].nullable == false)
        #expect(c.singletons[0].location == Loc(line: 10, column: 3))
        #expect(c.singletons[0].navigationPropertyBindings.map(\.path) == ["Orders"])
        #expect(c.singletons[0].navigationPropertyBindings.first?.location == Loc(line: 11, column: 5))
        #expect(c.singletons[1].name == "Config")
        #expect(c.singletons[1].nullable == true)
        #expect(c.singletons[1].location == Loc(line: 17, column: 3))

        try #require(c.actionImports.count == 2)
        #expect(c.actionImports[0].kind == .action)
        #expect(c.actionImports[0].name == "ApproveAll")
        #expect(c.actionImports[0].operation == "NS.ApproveAll")
        #expect(c.actionImports[0].entitySet == "Orders")
        #expect(c.actionImports[0].location == Loc(line: 13, column: 3))
        #expect(c.actionImports[1].entitySet == nil)
        #expect(c.actionImports[1].location == Loc(line: 18, column: 3))

        try #require(c.functionImports.count == 2)
        #expect(c.functionImports[0].kind == .function)
        #expect(c.functionImports[0].name == "TopOrders")
        #expect(c.functionImports[0].operation == "NS.Top")
        #expect(c.functionImports[0].entitySet == "Orders")
        #expect(c.functionImports[0].includeInServiceDocument)
        #expect(c.functionImports[0].location == Loc(line: 15, column: 3))
        #expect(c.functionImports[1].name == "Hidden")
        #expect(!c.functionImports[1].includeInServiceDocument)
        #expect(c.functionImports[1].entitySet == nil)
        #expect(c.functionImports[1].location == Loc(line: 16, column: 3))
    }

    @Test("EntityContainer without Extends; EntitySet without EntityType and imports without operation are errors")
    func entityContainerProblems() throws {
        let (r, schema) = try ReaderFixture.readSchema("""
        <EntityContainer Name="C">
          <EntitySet Name="A"/>
          <ActionImport Name="B" Function="NS.F"/>
          <FunctionImport Name="C" Action="NS.A"/>
          <EntitySet Name="D" EntityType="NS.D"/>
        </EntityContainer>
        """)
        let c = try #require(schema.entityContainers.first)
        #expect(c.extends == nil)
        try #require(r.errors.count == 3, "\(r.listing)")
        #expect(r.errors.map(\.line) == [6, 7, 8])
        #expect(r.errors.allSatisfy { $0.column == 3 })
        #expect(r.errors[0].message.contains("EntityType"))
        #expect(r.errors[1].message.contains("Action"))
        #expect(r.errors[2].message.contains("Function"))
        #expect(c.entitySets.map(\.name) == ["D"])
        #expect(ReaderFixture.order(c) == ["entitySet:0"])
    }

    // MARK: - Schema order

    @Test("Schema order keeps document order across kinds")
    func schemaOrder() throws {
        let (r, schema) = try ReaderFixture.readSchema("""
        <EnumType Name="E"><Member Name="A"/></EnumType>
        <EntityType Name="T1"/>
        <Term Name="Tm" Type="Edm.String"/>
        <ComplexType Name="C1"/>
        <Annotations Target="NS.T1"><Annotation Term="Core.Description" String="x"/></Annotations>
        <Action Name="Act"/>
        <Annotation Term="Core.Description" String="schema"/>
        <TypeDefinition Name="TD" UnderlyingType="Edm.String"/>
        <Function Name="Fn"><ReturnType Type="Edm.Int32"/></Function>
        <EntityContainer Name="C"/>
        <EntityType Name="T2"/>
        <Action Name="Act2"/>
        <Annotations Target="NS.T2"/>
        """)
        #expect(r.diagnostics.isEmpty, "\(r.listing)")
        #expect(ReaderFixture.order(schema) == [
            "enumType:0", "entityType:0", "term:0", "complexType:0", "annotations:0", "action:0",
            "typeDefinition:0", "function:0", "entityContainer:0", "entityType:1", "action:1", "annotations:1",
        ])
        #expect(schema.annotations.map { $0.value?.text } == ["schema"])
        #expect(schema.annotations.first?.location == Loc(line: 11, column: 1))
        #expect(schema.entityTypes.map(\.name) == ["T1", "T2"])
        #expect(schema.entityTypes.map(\.location.line) == [6, 15])
        #expect(schema.annotationGroups.map(\.target) == ["NS.T1", "NS.T2"])
        #expect(schema.annotationGroups.map(\.location.line) == [9, 17])
    }

    @Test("Schema without Namespace is an error at the element and its content is skipped")
    func schemaWithoutNamespace() throws {
        let xml = """
        <edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx">
          <edmx:DataServices>
            <Schema xmlns="http://docs.oasis-open.org/odata/ns/edm" Alias="X">
              <EntityType Name="Lost"/>
            </Schema>
            <Schema xmlns="http://docs.oasis-open.org/odata/ns/edm" Namespace="Kept">
              <EntityType Name="Found"/>
            </Schema>
          </edmx:DataServices>
        </edmx:Edmx>
        """
        let r = try ReaderFixture.read(xml)
        try #require(r.errors.count == 1, "\(r.listing)")
        #expect(r.errors[0].line == 3 && r.errors[0].column == 5)
        #expect(r.errors[0].message.contains("Namespace"))
        #expect(r.errors[0].message.contains("Schema"))
        #expect(r.document.schemas.map(\.namespace) == ["Kept"])
        #expect(r.document.schemas.first?.entityTypes.map(\.name) == ["Found"])
    }

    // MARK: - Term

    @Test("Term Type, BaseTerm, Nullable, DefaultValue, AppliesTo and facets")
    func terms() throws {
        let (r, schema) = try ReaderFixture.readSchema("""
        <Term Name="Description" Type="Edm.String" Nullable="false" DefaultValue="none" AppliesTo="EntityType Property" MaxLength="200">
          <Annotation Term="Core.Description" String="a term"/>
        </Term>
        <Term Name="IsCool" Type="Core.Tag" BaseTerm="NS.Description"/>
          <Term Name="Amount" Type="Edm.Decimal" Precision="10" Scale="2" Nullable="true"/>
        <Term Name="Where" Type="Edm.GeographyPoint" SRID="4326" Unicode="false"/>
        """)
        #expect(r.diagnostics.isEmpty, "\(r.listing)")
        try #require(schema.terms.count == 4)
        let d = schema.terms[0]
        #expect(d.name == "Description")
        #expect(d.type == "Edm.String")
        #expect(d.baseTerm == nil)
        #expect(d.nullable == false)
        #expect(d.defaultValue == "none")
        #expect(d.appliesTo == "EntityType Property")
        #expect(d.facets.maxLength == .value(200))
        #expect(d.location == Loc(line: 5, column: 1))
        #expect(d.annotations.map { $0.value?.text } == ["a term"])
        #expect(d.annotations.first?.location == Loc(line: 6, column: 3))
        let cool = schema.terms[1]
        #expect(cool.type == "Core.Tag")
        #expect(cool.baseTerm == "NS.Description")
        #expect(cool.nullable == true)
        #expect(cool.defaultValue == nil)
        #expect(cool.appliesTo == nil)
        #expect(cool.facets.isEmpty)
        #expect(cool.location == Loc(line: 8, column: 1))
        let amount = schema.terms[2]
        #expect(amount.facets.precision == 10)
        #expect(amount.facets.scale == .value(2))
        #expect(amount.nullable == true)
        #expect(amount.location == Loc(line: 9, column: 3))
        #expect(schema.terms[3].facets.srid == "4326")
        #expect(schema.terms[3].facets.unicode == false)
        #expect(ReaderFixture.order(schema) == ["term:0", "term:1", "term:2", "term:3"])
    }

    // MARK: - Annotations and Annotation

    @Test("Annotations Target and Qualifier; Annotation Term and Qualifier")
    func annotationGroups() throws {
        let (r, schema) = try ReaderFixture.readSchema("""
        <Annotations Target="NS.Order/ID" Qualifier="Phone">
          <Annotation Term="Core.Description" String="id"/>
          <Annotation Term="Core.Description" Qualifier="Short" String="i"/>
        </Annotations>
        <Annotations Target="NS.Container/Orders">
          <Annotation Term="Core.Tag"/>
        </Annotations>
        <Annotations Qualifier="NoTarget">
          <Annotation Term="Lost"/>
        </Annotations>
        """)
        try #require(r.errors.count == 1, "\(r.listing)")
        #expect(r.errors[0].line == 12 && r.errors[0].column == 1)
        #expect(r.errors[0].message.contains("Target"))
        try #require(schema.annotationGroups.count == 2)
        let first = schema.annotationGroups[0]
        #expect(first.target == "NS.Order/ID")
        #expect(first.qualifier == "Phone")
        #expect(first.location == Loc(line: 5, column: 1))
        #expect(first.annotations.map(\.term) == ["Core.Description", "Core.Description"])
        #expect(first.annotations.map(\.qualifier) == [nil, "Short"])
        #expect(first.annotations.map { $0.value?.text } == ["id", "i"])
        #expect(first.annotations.map(\.location) == [Loc(line: 6, column: 3), Loc(line: 7, column: 3)])
        let second = schema.annotationGroups[1]
        #expect(second.target == "NS.Container/Orders")
        #expect(second.qualifier == nil)
        #expect(second.annotations.first?.term == "Core.Tag")
        #expect(second.annotations.first?.value == nil)
        #expect(second.annotations.first?.boolValue == true)
        #expect(second.annotations.first?.location == Loc(line: 10, column: 3))
    }

    @Test("Annotation without Term is an error at the element; the rest is read")
    func annotationWithoutTerm() throws {
        let (r, schema) = try ReaderFixture.readSchema("""
        <EntityType Name="E">
          <Annotation String="no term">
            <Annotation Term="Inner"/>
          </Annotation>
          <Annotation Term="Kept" String="yes"/>
        </EntityType>
        """)
        try #require(r.errors.count == 1, "\(r.listing)")
        #expect(r.errors[0].line == 6 && r.errors[0].column == 3)
        #expect(r.errors[0].message.contains("Term"))
        #expect(r.errors[0].description.hasPrefix("test.xml:6:3: error: "))
        #expect(schema.entityTypes.first?.annotations.map(\.term) == ["Kept"])
    }

    @Test("Annotation on every annotatable element, and annotations on annotations")
    func annotationsEverywhere() throws {
        let (r, schema) = try ReaderFixture.readSchema("""
        <Annotation Term="T.OnSchema"/>
        <EntityType Name="E">
          <Annotation Term="T.OnEntityType"/>
          <Key><PropertyRef Name="ID"/></Key>
          <Property Name="ID" Type="Edm.Int32" Nullable="false">
            <Annotation Term="T.OnProperty"/>
          </Property>
          <NavigationProperty Name="N" Type="NS.E">
            <Annotation Term="T.OnNavigationProperty"/>
            <ReferentialConstraint Property="ID" ReferencedProperty="ID">
              <Annotation Term="T.OnReferentialConstraint"/>
            </ReferentialConstraint>
            <OnDelete Action="None">
              <Annotation Term="T.OnOnDelete"/>
            </OnDelete>
          </NavigationProperty>
        </EntityType>
        <ComplexType Name="C">
          <Annotation Term="T.OnComplexType"/>
          <Property Name="P" Type="Edm.String"><Annotation Term="T.OnComplexProperty"/></Property>
          <NavigationProperty Name="N" Type="NS.E"><Annotation Term="T.OnComplexNavigation"/></NavigationProperty>
        </ComplexType>
        <EnumType Name="En">
          <Annotation Term="T.OnEnumType"/>
          <Member Name="M"><Annotation Term="T.OnMember"/></Member>
        </EnumType>
        <TypeDefinition Name="TD" UnderlyingType="Edm.String"><Annotation Term="T.OnTypeDefinition"/></TypeDefinition>
        <Action Name="A">
          <Annotation Term="T.OnAction"/>
          <Parameter Name="p" Type="Edm.String"><Annotation Term="T.OnParameter"/></Parameter>
          <ReturnType Type="Edm.String"><Annotation Term="T.OnReturnType"/></ReturnType>
        </Action>
        <Function Name="F">
          <ReturnType Type="Edm.String"/>
          <Annotation Term="T.OnFunction"/>
        </Function>
        <Term Name="Tm" Type="Edm.String"><Annotation Term="T.OnTerm"/></Term>
        <EntityContainer Name="Cont">
          <Annotation Term="T.OnEntityContainer"/>
          <EntitySet Name="Es" EntityType="NS.E"><Annotation Term="T.OnEntitySet"/></EntitySet>
          <Singleton Name="S" Type="NS.E"><Annotation Term="T.OnSingleton"/></Singleton>
          <ActionImport Name="AI" Action="NS.A"><Annotation Term="T.OnActionImport"/></ActionImport>
          <FunctionImport Name="FI" Function="NS.F"><Annotation Term="T.OnFunctionImport"/></FunctionImport>
        </EntityContainer>
        <Annotations Target="NS.E">
          <Annotation Term="T.OnAnnotations" Qualifier="Q">
            <Annotation Term="T.OnAnnotation">
              <Annotation Term="T.OnAnnotationOfAnnotation" Bool="false"/>
            </Annotation>
          </Annotation>
        </Annotations>
        """)
        #expect(r.diagnostics.isEmpty, "\(r.listing)")
        func check(_ list: [CSDLAnnotation], _ term: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
            #expect(list.map(\.term) == [term], sourceLocation: sourceLocation)
            #expect(list.first?.location == r.loc("<Annotation Term=\"\(term)\""), sourceLocation: sourceLocation)
            #expect(list.first?.value == nil || term == "T.OnAnnotationOfAnnotation", sourceLocation: sourceLocation)
        }
        check(schema.annotations, "T.OnSchema")
        let e = try #require(schema.entityTypes.first)
        check(e.annotations, "T.OnEntityType")
        check(e.properties[0].annotations, "T.OnProperty")
        let n = try #require(e.navigationProperties.first)
        check(n.annotations, "T.OnNavigationProperty")
        check(n.referentialConstraints[0].annotations, "T.OnReferentialConstraint")
        check(n.onDelete?.annotations ?? [], "T.OnOnDelete")
        let c = try #require(schema.complexTypes.first)
        check(c.annotations, "T.OnComplexType")
        check(c.properties[0].annotations, "T.OnComplexProperty")
        check(c.navigationProperties[0].annotations, "T.OnComplexNavigation")
        let en = try #require(schema.enumTypes.first)
        check(en.annotations, "T.OnEnumType")
        check(en.members[0].annotations, "T.OnMember")
        check(schema.typeDefinitions[0].annotations, "T.OnTypeDefinition")
        let a = try #require(schema.actions.first)
        check(a.annotations, "T.OnAction")
        check(a.parameters[0].annotations, "T.OnParameter")
        check(a.returnType?.annotations ?? [], "T.OnReturnType")
        check(schema.functions[0].annotations, "T.OnFunction")
        #expect(schema.functions[0].returnType?.annotations.isEmpty == true)
        check(schema.terms[0].annotations, "T.OnTerm")
        let cont = try #require(schema.entityContainers.first)
        check(cont.annotations, "T.OnEntityContainer")
        check(cont.entitySets[0].annotations, "T.OnEntitySet")
        check(cont.singletons[0].annotations, "T.OnSingleton")
        check(cont.actionImports[0].annotations, "T.OnActionImport")
        check(cont.functionImports[0].annotations, "T.OnFunctionImport")
        let group = try #require(schema.annotationGroups.first)
        check(group.annotations, "T.OnAnnotations")
        #expect(group.annotations.first?.qualifier == "Q")
        let onAnnotation = group.annotations.first?.annotations ?? []
        check(onAnnotation, "T.OnAnnotation")
        let deepest = onAnnotation.first?.annotations ?? []
        check(deepest, "T.OnAnnotationOfAnnotation")
        #expect(deepest.first?.boolValue == false)
        #expect(ReaderFixture.flatten(group.annotations).map(\.term) == ["T.OnAnnotations", "T.OnAnnotation", "T.OnAnnotationOfAnnotation"])
    }

    // MARK: - Diagnostics

    @Test("EntityType without Name is an error at the element; the type is skipped and reading goes on")
    func entityTypeWithoutName() throws {
        let (r, schema) = try ReaderFixture.readSchema("""
        <EntityType BaseType="NS.B">
          <Property Name="Lost" Type="Edm.String"/>
        </EntityType>
           <EntityType Name="After"/>
        """)
        try #require(r.errors.count == 1, "\(r.listing)")
        let e = r.errors[0]
        #expect(e.line == 5 && e.column == 1)
        #expect(e.message.contains("Name"))
        #expect(e.message.contains("EntityType"))
        #expect(e.description == "test.xml:5:1: error: \(e.message)")
        #expect(schema.entityTypes.map(\.name) == ["After"])
        #expect(schema.entityTypes.first?.location == Loc(line: 8, column: 4))
        #expect(ReaderFixture.order(schema) == ["entityType:0"])
    }

    @Test("invalid Boolean values are warnings at the element; the default is kept")
    func invalidBooleans() throws {
        let (r, schema) = try ReaderFixture.readSchema("""
        <EntityType Name="E" Abstract="yes" OpenType="1" HasStream="TRUE">
          <Property Name="P" Type="Edm.String" Nullable="no"/>
          <Property Name="Q" Type="Edm.String" Nullable="False" Unicode="nope"/>
          <NavigationProperty Name="N" Type="NS.E" Nullable="maybe" ContainsTarget="sure"/>
        </EntityType>
        <EnumType Name="En" IsFlags="yes"/>
        <Action Name="A" IsBound="1"><Parameter Name="p" Type="Edm.String" Nullable="0"/></Action>
        <Function Name="F" IsComposable="Yes"><ReturnType Type="Edm.String" Nullable="x"/></Function>
        <EntityContainer Name="C">
          <EntitySet Name="S" EntityType="NS.E" IncludeInServiceDocument="no"/>
          <Singleton Name="One" Type="NS.E" Nullable="yes"/>
          <FunctionImport Name="FI" Function="NS.F" IncludeInServiceDocument="yes"/>
        </EntityContainer>
        <Term Name="T" Type="Edm.String" Nullable="nah"/>
        """)
        #expect(r.errors.isEmpty, "\(r.listing)")
        let expected: [(line: Int, column: Int, text: String)] = [
            (5, 1, "Abstract=\"yes\""), (5, 1, "OpenType=\"1\""), (5, 1, "HasStream=\"TRUE\""),
            (6, 3, "Nullable=\"no\""), (7, 3, "Nullable=\"False\""), (7, 3, "Unicode=\"nope\""),
            (8, 3, "Nullable=\"maybe\""), (8, 3, "ContainsTarget=\"sure\""),
            (10, 1, "IsFlags=\"yes\""), (11, 1, "IsBound=\"1\""), (11, 30, "Nullable=\"0\""),
            (12, 1, "IsComposable=\"Yes\""), (12, 39, "Nullable=\"x\""),
            (14, 3, "IncludeInServiceDocument=\"no\""), (15, 3, "Nullable=\"yes\""),
            (16, 3, "IncludeInServiceDocument=\"yes\""), (18, 1, "Nullable=\"nah\""),
        ]
        try #require(r.warnings.count == expected.count, "\(r.listing)")
        for (w, x) in zip(r.warnings, expected) {
            #expect(w.line == x.line && w.column == x.column, "\(w) expected at \(x.line):\(x.column)")
            #expect(w.message.contains(x.text), "\(w) should mention \(x.text)")
        }
        let e = try #require(schema.entityTypes.first)
        #expect(!e.isAbstract && !e.isOpenType && !e.hasStream)
        #expect(e.properties.map(\.nullable) == [true, true])
        #expect(e.properties[1].facets.unicode == nil)
        #expect(e.navigationProperties.first?.nullable == nil)
        #expect(e.navigationProperties.first?.containsTarget == false)
        #expect(schema.enumTypes.first?.isFlags == false)
        #expect(schema.actions.first?.isBound == false)
        #expect(schema.actions.first?.parameters.first?.nullable == true)
        #expect(schema.functions.first?.isComposable == false)
        #expect(schema.functions.first?.returnType?.nullable == true)
        let c = try #require(schema.entityContainers.first)
        #expect(c.entitySets.first?.includeInServiceDocument == true)
        #expect(c.singletons.first?.nullable == false)
        #expect(c.functionImports.first?.includeInServiceDocument == false)
        #expect(schema.terms.first?.nullable == true)
    }

    @Test("invalid facet values are warnings at the element; the facet is ignored")
    func invalidFacets() throws {
        let (r, schema) = try ReaderFixture.readSchema("""
        <ComplexType Name="C">
          <Property Name="A" Type="Edm.String" MaxLength="-1"/>
          <Property Name="B" Type="Edm.String" MaxLength="lots"/>
          <Property Name="C" Type="Edm.Decimal" Precision="abc" Scale="some"/>
          <Property Name="D" Type="Edm.Decimal" Precision="1.5" Scale="-2"/>
        </ComplexType>
        <TypeDefinition Name="TD" UnderlyingType="Edm.String" MaxLength="x"/>
        <Function Name="F"><Parameter Name="p" Type="Edm.String" MaxLength="y"/><ReturnType Type="Edm.Decimal" Scale="z"/></Function>
        """)
        #expect(r.errors.isEmpty, "\(r.listing)")
        let expected: [(line: Int, column: Int, text: String)] = [
            (6, 3, "MaxLength=\"-1\""), (7, 3, "MaxLength=\"lots\""),
            (8, 3, "Precision=\"abc\""), (8, 3, "Scale=\"some\""),
            (9, 3, "Precision=\"1.5\""), (9, 3, "Scale=\"-2\""),
            (11, 1, "MaxLength=\"x\""), (12, 20, "MaxLength=\"y\""), (12, 73, "Scale=\"z\""),
        ]
        try #require(r.warnings.count == expected.count, "\(r.listing)")
        for (w, x) in zip(r.warnings, expected) {
            #expect(w.line == x.line && w.column == x.column, "\(w) expected at \(x.line):\(x.column)")
            #expect(w.message.contains(x.text), "\(w) should mention \(x.text)")
        }
        let props = try #require(schema.complexTypes.first?.properties)
        #expect(props.count == 4)
        #expect(props.allSatisfy { $0.facets.isEmpty })
        #expect(schema.typeDefinitions.first?.facets.isEmpty == true)
        #expect(schema.functions.first?.parameters.first?.facets.isEmpty == true)
        #expect(schema.functions.first?.returnType?.facets.isEmpty == true)
    }

    @Test("Diagnostic.description is file:line:col: severity: message")
    func diagnosticDescription() throws {
        #expect(Diagnostic(.error, "boom", file: "a.xml", line: 3, column: 7).description == "a.xml:3:7: error: boom")
        #expect(Diagnostic(.warning, "hmm", file: "dir/b.xml", line: 70000, column: 12).description == "dir/b.xml:70000:12: warning: hmm")
        #expect(Diagnostic(.note, "fyi", file: "c.xml", line: 1, column: 1).description == "c.xml:1:1: note: fyi")
        #expect(Diagnostic(.error, "gone", file: "d.xml", line: 0, column: 0).description == "d.xml: error: gone")

        let (r, _) = try ReaderFixture.readSchema("""
        <EntityType Name="E">
            <Property Name="P" Type="Edm.String" Nullable="nope"/>
        </EntityType>
        """)
        let w = try #require(r.warnings.first)
        #expect(w.file == "test.xml")
        #expect(w.description == "test.xml:6:5: warning: \(w.message)")
        #expect(w.description.hasPrefix("test.xml:6:5: warning: Property has Nullable=\"nope\""))

        let other = CSDLReader.read(string: ReaderFixture.wrap("<EntityType/>"), file: "some/dir/x.xml")
        #expect(other.diagnostics.map(\.description).first?.hasPrefix("some/dir/x.xml:5:1: error: ") == true)
        let memory = CSDLReader.read(string: ReaderFixture.wrap("<EntityType/>"))
        #expect(memory.diagnostics.first?.file == "<memory>")
    }
}

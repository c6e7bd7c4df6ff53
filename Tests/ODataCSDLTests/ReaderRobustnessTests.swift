import Testing
import ODataCSDL
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// XML-level details: byte order mark, line ends, namespaces, foreign and unknown elements, multi-line tags,
/// big and long-lined documents, non-ASCII text, malformed input; every location checked.
@Suite("Reader: XML robustness and source locations")
struct ReaderRobustnessTests {
    typealias Loc = ReaderFixture.Loc

    static let edmx = ReaderFixture.edmxNS
    static let edm = ReaderFixture.edmNS

    // MARK: - Byte order mark and line ends

    @Test("a UTF-8 byte order mark before the XML declaration is accepted; locations are unchanged")
    func byteOrderMark() throws {
        let plain = ReaderFixture.wrap("""
        <EntityType Name="E">
          <Property Name="P" Type="Edm.String" Nullable="oops"/>
        </EntityType>
        """)
        let r = try ReaderFixture.read("\u{FEFF}" + plain)
        #expect(r.errors.isEmpty, "\(r.listing)")
        #expect(r.document.location == Loc(line: 2, column: 1))
        #expect(r.document.dataServicesLocation == Loc(line: 3, column: 1))
        let schema = try #require(r.document.schemas.first)
        #expect(schema.location == Loc(line: 4, column: 1))
        #expect(schema.entityTypes.first?.location == Loc(line: 5, column: 1))
        #expect(schema.entityTypes.first?.properties.first?.location == Loc(line: 6, column: 3))
        #expect(r.warnings.map { "\($0.line):\($0.column)" } == ["6:3"])

        // Through read(bytes:) as well.
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array(plain.utf8)
        let viaBytes = CSDLReader.read(bytes: bytes, file: "bom.xml")
        #expect(viaBytes.document?.schemas.first?.entityTypes.first?.name == "E")
        #expect(viaBytes.diagnostics.map(\.description) == ["bom.xml:6:3: \(r.warnings[0].severity.rawValue): \(r.warnings[0].message)"])
    }

    @Test("a byte order mark directly before the root element: line 1 columns count the mark's 3 bytes")
    func byteOrderMarkBeforeRoot() throws {
        // Columns are byte columns of the file as stored: the `<` of the root is its 4th byte.
        let xml = "\u{FEFF}<edmx:Edmx xmlns:edmx=\"\(ReaderRobustnessTests.edmx)\"><edmx:DataServices/></edmx:Edmx>"
        let r = try ReaderFixture.read(xml)
        #expect(r.document.version == "4.0")
        // The missing Version is reported at the root element.
        try #require(r.warnings.count == 1, "\(r.listing)")
        #expect(r.warnings[0].line == 1)
        #expect(r.warnings[0].column == 4)
        #expect(r.document.location == Loc(line: 1, column: 4))
        // edmx:DataServices follows the 65-byte root start tag.
        #expect(r.document.dataServicesLocation == Loc(line: 1, column: 3 + 65 + 1))
        #expect(r.document.dataServicesLocation == r.loc("<edmx:DataServices"))
    }

    @Test("CRLF line ends: locations are those of the LF document; text and attribute line ends are normalized")
    func crlf() throws {
        let lf = ReaderFixture.wrap("""
        <EntityType Name="E">
          <Key>
            <PropertyRef Name="ID"/>
          </Key>
          <Property Name="ID" Type="Edm.Int32" Nullable="false"/>
          <Property
              Name="Multi"
              Type="Edm.String"
              Nullable="nope"/>
          <Annotation Term="T.Text"><String>first
        second</String></Annotation>
          <Annotation Term="T.Attr" String="one
        two"/>
        </EntityType>
            <ComplexType Name="C"/>
        """)
        let crlf = String(decoding: lf.utf8.flatMap { (b: UInt8) -> [UInt8] in b == 0x0A ? [0x0D, 0x0A] : [b] }, as: UTF8.self)
        #expect(crlf.utf8.count == lf.utf8.count + lf.utf8.filter { $0 == 0x0A }.count)
        let a = try ReaderFixture.read(lf)
        let b = try ReaderFixture.read(crlf)
        #expect(b.errors.isEmpty, "\(b.listing)")
        #expect(b.diagnostics.map(\.description) == a.diagnostics.map(\.description))
        #expect(b.warnings.map { "\($0.line):\($0.column)" } == ["10:3"])
        let e = try #require(b.document.schemas.first?.entityTypes.first)
        #expect(e.location == Loc(line: 5, column: 1))
        #expect(e.key?.location == Loc(line: 6, column: 3))
        #expect(e.key?.propertyRefs.first?.location == Loc(line: 7, column: 5))
        #expect(e.properties.map(\.location) == [Loc(line: 9, column: 3), Loc(line: 10, column: 3)])
        #expect(e.properties.map(\.name) == ["ID", "Multi"])
        #expect(e.annotations.map(\.location) == [Loc(line: 14, column: 3), Loc(line: 16, column: 3)])
        #expect(e.annotations.first?.value?.text == "first\nsecond")
        #expect(e.annotations.last?.value?.text == "one two")
        #expect(b.document.schemas.first?.complexTypes.first?.location == Loc(line: 19, column: 5))
        #expect(b.document.schemas.first?.location == Loc(line: 4, column: 1))
        #expect(b.document.dataServicesLocation == Loc(line: 3, column: 1))
    }

    // MARK: - Namespaces

    @Test("redundant and prefixed namespace declarations of the EDM and EDMX namespaces")
    func redundantNamespaceDeclarations() throws {
        let xml = """
        <?xml version="1.0"?>
        <edmx:Edmx Version="4.0" xmlns:edmx="\(ReaderRobustnessTests.edmx)" xmlns="\(ReaderRobustnessTests.edm)">
          <edmx:DataServices xmlns:edmx="\(ReaderRobustnessTests.edmx)">
            <Schema Namespace="NS" xmlns="\(ReaderRobustnessTests.edm)" xmlns:edm="\(ReaderRobustnessTests.edm)" xmlns:edmx="\(ReaderRobustnessTests.edmx)">
              <EntityType Name="A" xmlns="\(ReaderRobustnessTests.edm)">
                <Property xmlns="\(ReaderRobustnessTests.edm)" Name="P" Type="Edm.String"/>
              </EntityType>
              <edm:EntityType Name="B">
                <edm:Property Name="Q" Type="Edm.Int32"/>
                <Property Name="R" Type="Edm.Int32"/>
              </edm:EntityType>
              <e:ComplexType xmlns:e="\(ReaderRobustnessTests.edm)" Name="C"/>
              <ComplexType xmlns="\(ReaderRobustnessTests.edm)"/>
            </Schema>
          </edmx:DataServices>
        </edmx:Edmx>
        """
        let r = try ReaderFixture.read(xml)
        // The nameless ComplexType is the only problem.
        try #require(r.diagnostics.count == 1, "\(r.listing)")
        #expect(r.errors.first?.line == 13 && r.errors.first?.column == 7)
        let schema = try #require(r.document.schemas.first)
        #expect(r.document.dataServicesLocation == Loc(line: 3, column: 3))
        #expect(schema.location == Loc(line: 4, column: 5))
        #expect(schema.entityTypes.map(\.name) == ["A", "B"])
        #expect(schema.entityTypes.map(\.location) == [Loc(line: 5, column: 7), Loc(line: 8, column: 7)])
        #expect(schema.entityTypes[0].properties.map(\.name) == ["P"])
        #expect(schema.entityTypes[0].properties.first?.location == Loc(line: 6, column: 9))
        #expect(schema.entityTypes[1].properties.map(\.name) == ["Q", "R"])
        #expect(schema.entityTypes[1].properties.map(\.location) == [Loc(line: 9, column: 9), Loc(line: 10, column: 9)])
        #expect(schema.complexTypes.map(\.name) == ["C"])
        #expect(schema.complexTypes.first?.location == Loc(line: 12, column: 7))
    }

    @Test("other prefixes for EDMX, and EDMX as the default namespace")
    func otherPrefixes() throws {
        let prefixed = """
        <x:Edmx xmlns:x="\(ReaderRobustnessTests.edmx)" Version="4.01">
          <x:Reference Uri="r"><x:Include Namespace="I"/></x:Reference>
          <x:DataServices><s:Schema xmlns:s="\(ReaderRobustnessTests.edm)" Namespace="P"/></x:DataServices>
        </x:Edmx>
        """
        let p = try ReaderFixture.read(prefixed)
        #expect(p.diagnostics.isEmpty, "\(p.listing)")
        #expect(p.document.version == "4.01")
        #expect(p.document.references.first?.includes.first?.namespace == "I")
        #expect(p.document.references.first?.includes.first?.location == Loc(line: 2, column: 24))
        #expect(p.document.schemas.map(\.namespace) == ["P"])
        #expect(p.document.schemas.first?.location == Loc(line: 3, column: 19))

        let defaulted = """
        <Edmx xmlns="\(ReaderRobustnessTests.edmx)" Version="4.0">
          <DataServices>
            <Schema xmlns="\(ReaderRobustnessTests.edm)" Namespace="D"><EntityType Name="E"/></Schema>
          </DataServices>
        </Edmx>
        """
        let d = try ReaderFixture.read(defaulted)
        #expect(d.diagnostics.isEmpty, "\(d.listing)")
        #expect(d.document.schemas.first?.entityTypes.first?.location == Loc(line: 3, column: 75))
    }

    @Test("elements and attributes in foreign namespaces are skipped without errors or warnings")
    func foreignNamespaces() throws {
        let xml = """
        <?xml version="1.0" encoding="utf-8"?>
        <edmx:Edmx Version="4.0" xmlns:edmx="\(ReaderRobustnessTests.edmx)" xmlns:sap="http://www.sap.com/Protocols/SAPData">
          <sap:TopLevel><edmx:DataServices/></sap:TopLevel>
          <edmx:DataServices sap:flag="x">
            <Schema Namespace="NS" xmlns="\(ReaderRobustnessTests.edm)" sap:schema-version="1">
              <sap:Extension><EntityType Name="Hidden"/></sap:Extension>
              <EntityType sap:content-version="1" Name="E" sap:label="Thing" Unknown="ignored">
                <Key><PropertyRef Name="ID" sap:x="y"/></Key>
                <Property sap:label="Identifier" Name="ID" Type="Edm.String" Nullable="false" sap:creatable="false"/>
                <sap:Whatever a="b"><Property Name="Hidden" Type="Edm.String"/></sap:Whatever>
                <Annotation Term="Core.Description">
                  <sap:Ext><String>not this</String></sap:Ext>
                  <String>kept</String>
                </Annotation>
                <Annotation Term="UI.R">
                  <Record>
                    <sap:Ext/>
                    <PropertyValue Property="A" String="a" sap:foo="bar"/>
                  </Record>
                </Annotation>
                <Annotation Term="T.Coll">
                  <Collection><Int>1</Int><sap:Ext/><Int>2</Int></Collection>
                </Annotation>
              </EntityType>
              <NoNamespace xmlns=""><EntityType Name="AlsoHidden"/></NoNamespace>
              <ComplexType Name="After"/>
            </Schema>
          </edmx:DataServices>
        </edmx:Edmx>
        """
        let r = try ReaderFixture.read(xml)
        #expect(r.errors.isEmpty, "\(r.listing)")
        #expect(r.warnings.isEmpty, "\(r.listing)")
        #expect(r.document.dataServicesLocation == Loc(line: 4, column: 3))
        let schema = try #require(r.document.schemas.first)
        #expect(schema.entityTypes.map(\.name) == ["E"])
        let e = schema.entityTypes[0]
        #expect(e.location == Loc(line: 7, column: 7))
        #expect(e.key?.propertyRefs.map(\.name) == ["ID"])
        #expect(e.properties.map(\.name) == ["ID"])
        #expect(e.properties.first?.location == Loc(line: 9, column: 9))
        #expect(e.properties.first?.nullable == false)
        #expect(e.annotations.map(\.term) == ["Core.Description", "UI.R", "T.Coll"])
        #expect(e.annotations.map { ReaderFixture.describe($0.value) } == ["String(kept)", "Record{A=String(a)}", "[Int(1), Int(2)]"])
        #expect(e.annotations.map(\.location.line) == [11, 15, 21])
        #expect(schema.complexTypes.map(\.name) == ["After"])
        #expect(schema.complexTypes.first?.location == Loc(line: 26, column: 7))
        #expect(ReaderFixture.order(schema) == ["entityType:0", "complexType:0"])
    }

    @Test("unknown EDM elements are skipped with a note at their location (once per element and parent)")
    func unknownEdmElements() throws {
        let (r, schema) = try ReaderFixture.readSchema("""
        <Frobnicate Name="x"><EntityType Name="Hidden"/></Frobnicate>
          <Frobnicate/>
        <EntityType Name="E">
          <Widget/>
          <Property Name="P" Type="Edm.String"><Gadget><Annotation Term="Hidden"/></Gadget></Property>
        </EntityType>
        <edmx:EntityType xmlns:edmx="\(ReaderRobustnessTests.edmx)" Name="WrongNamespace"/>
        <ComplexType Name="After"/>
        """)
        #expect(r.errors.isEmpty, "\(r.listing)")
        #expect(r.warnings.isEmpty, "\(r.listing)")
        let notes = r.notes
        try #require(notes.count == 4, "\(r.listing)")
        #expect(notes.map { "\($0.line):\($0.column)" } == ["5:1", "8:3", "9:40", "11:1"])
        #expect(notes[0].message.contains("Frobnicate"))
        #expect(notes[1].message.contains("Widget"))
        #expect(notes[2].message.contains("Gadget"))
        #expect(notes[3].message.contains("EntityType"))
        #expect(notes[0].description.hasPrefix("test.xml:5:1: note: "))
        #expect(schema.entityTypes.map(\.name) == ["E"])
        #expect(schema.entityTypes.first?.properties.map(\.name) == ["P"])
        #expect(schema.entityTypes.first?.properties.first?.annotations.isEmpty == true)
        #expect(schema.complexTypes.map(\.name) == ["After"])
        #expect(schema.complexTypes.first?.location == Loc(line: 12, column: 1))
    }

    @Test("elements of the CSDL 1.0-3.0 namespaces inside a v4 document are skipped with a warning")
    func legacyNamespaceElement() throws {
        let (r, schema) = try ReaderFixture.readSchema("""
        <EntityType Name="V4"/>
          <EntityType xmlns="http://schemas.microsoft.com/ado/2009/11/edm" Name="V3"><Property Name="P" Type="Edm.String"/></EntityType>
        """)
        #expect(r.errors.isEmpty, "\(r.listing)")
        try #require(r.warnings.count == 1, "\(r.listing)")
        #expect(r.warnings[0].line == 6 && r.warnings[0].column == 3)
        #expect(schema.entityTypes.map(\.name) == ["V4"])
    }

    // MARK: - Start tags

    @Test("a start tag spread over several lines is located at its <")
    func multiLineStartTags() throws {
        let xml = """
        <?xml version="1.0"?>
        <edmx:Edmx
            Version="4.0"
            xmlns:edmx="\(ReaderRobustnessTests.edmx)">
          <edmx:DataServices
          >
            <Schema
                xmlns="\(ReaderRobustnessTests.edm)"
                Namespace="NS">
              <EntityType
                  Name="Multi"
                  OpenType="true">
                <Property
                    Name="A"
                    Type="Edm.String"
                    Nullable="false"
                />
                <Property Name="B"
                          Type="Edm.String"
                          DefaultValue="x &amp; y"/>
                <Property Name="C" Type="Edm.String" MaxLength="10"
                   Nullable="nope"/>
                <Property Name="&#x44;"
                    Type="Edm.String"/>
                <Property
                    Name = 'E'
                    Type = 'Edm.String' />
                <Property
        Name="F"
        Type="Edm.String"/>
                <NavigationProperty
                  Name="N" Type="NS.Multi"/>
              </EntityType>
              <Annotations
                Target="NS.Multi">
                <Annotation
                   Term="Core.Description"
                   String="a
        multi-line value"/>
                <Annotation Term="Core.LongDescription"
                  String="b"><Annotation
                    Term="Nested"/></Annotation>
              </Annotations>
            </Schema>
          </edmx:DataServices>
        </edmx:Edmx>
        """
        let r = try ReaderFixture.read(xml)
        #expect(r.errors.isEmpty, "\(r.listing)")
        #expect(r.document.location == Loc(line: 2, column: 1))
        #expect(r.document.dataServicesLocation == Loc(line: 5, column: 3))
        let schema = try #require(r.document.schemas.first)
        #expect(schema.location == Loc(line: 7, column: 5))
        let e = try #require(schema.entityTypes.first)
        #expect(e.location == Loc(line: 10, column: 7))
        #expect(e.isOpenType)
        #expect(e.properties.map(\.name) == ["A", "B", "C", "D", "E", "F"])
        #expect(e.properties.map(\.location) == [
            Loc(line: 13, column: 9), Loc(line: 18, column: 9), Loc(line: 21, column: 9), Loc(line: 23, column: 9),
            Loc(line: 25, column: 9), Loc(line: 28, column: 9),
        ])
        #expect(e.properties[1].defaultValue == "x & y")
        #expect(e.properties[2].facets.maxLength == .value(10))
        #expect(e.properties[4].type == "Edm.String")
        #expect(e.navigationProperties.first?.location == Loc(line: 31, column: 9))
        try #require(r.warnings.count == 1, "\(r.listing)")
        #expect(r.warnings[0].line == 21 && r.warnings[0].column == 9)
        let group = try #require(schema.annotationGroups.first)
        #expect(group.location == Loc(line: 34, column: 7))
        #expect(group.annotations.map(\.location) == [Loc(line: 36, column: 9), Loc(line: 40, column: 9)])
        #expect(group.annotations.first?.value?.text == "a multi-line value")
        #expect(group.annotations.last?.annotations.first?.location == Loc(line: 41, column: 22))
    }

    @Test("tabs count as one byte column; comments and processing instructions do not disturb locations")
    func tabsCommentsAndPIs() throws {
        let (r, schema) = try ReaderFixture.readSchema("""
        \t<EntityType Name="Tab"/>
        <!-- <EntityType Name="Commented"/>
             spanning lines -->\t\t<ComplexType Name="AfterComment"/>
        <?some-pi data <EntityType Name="InPI"/> ?><EnumType Name="AfterPI"/>
        <!----><TypeDefinition Name="TD" UnderlyingType="Edm.String"/>
        """)
        #expect(r.diagnostics.isEmpty, "\(r.listing)")
        #expect(schema.entityTypes.map(\.name) == ["Tab"])
        #expect(schema.entityTypes.first?.location == Loc(line: 5, column: 2))
        #expect(schema.complexTypes.first?.location == Loc(line: 7, column: 26))
        #expect(schema.enumTypes.first?.location == Loc(line: 8, column: 44))
        #expect(schema.typeDefinitions.first?.location == Loc(line: 9, column: 8))
    }

    // MARK: - Big documents

    @Test("line numbers above 65,535 are exact, in the model and in diagnostics")
    func bigLineNumbers() throws {
        let count = 70_000
        var body = "<EntityType Name=\"Big\">\n"
        body.reserveCapacity(count * 48)
        for i in 0..<count { body += "  <Property Name=\"P\(i)\" Type=\"Edm.String\"/>\n" }
        body += "</EntityType>\n"
        body += "<EntityType Name=\"After\" Abstract=\"maybe\">\n"
        body += "  <Property Name=\"X\"\n      Type=\"Edm.Int32\" Nullable=\"nah\"/>\n"
        body += "</EntityType>"
        let result = CSDLReader.read(string: ReaderFixture.wrap(body), file: "big.xml")
        let doc = try #require(result.document)
        #expect(!result.diagnostics.hasErrors)
        let schema = try #require(doc.schemas.first)
        try #require(schema.entityTypes.count == 2)
        let big = schema.entityTypes[0]
        try #require(big.properties.count == count)
        var wrong: [String] = []
        for (i, p) in big.properties.enumerated() where p.location != Loc(line: 6 + i, column: 3) || p.name != "P\(i)" {
            wrong.append("\(p.name)@\(p.location)")
            if wrong.count > 5 { break }
        }
        #expect(wrong.isEmpty, "wrong locations: \(wrong)")
        let after = schema.entityTypes[1]
        let afterLine = 6 + count + 1
        #expect(after.location == Loc(line: afterLine, column: 1))
        #expect(after.properties.first?.location == Loc(line: afterLine + 1, column: 3))
        let warnings = result.diagnostics.filter { $0.severity == .warning }
        #expect(warnings.map { "\($0.line):\($0.column)" } == ["\(afterLine):1", "\(afterLine + 1):3"])
        #expect(warnings.first?.description.hasPrefix("big.xml:70007:1: warning: ") == true)
    }

    @Test("malformed XML after line 65,535 is reported at its exact line")
    func bigLineMalformed() throws {
        let count = 66_000
        var body = "<EntityType Name=\"Big\">\n"
        body.reserveCapacity(count * 48)
        for i in 0..<count { body += "  <Property Name=\"P\(i)\" Type=\"Edm.String\"/>\n" }
        body += "</Wrong>\n"
        let result = CSDLReader.read(string: ReaderFixture.wrap(body), file: "bad.xml")
        let errors = result.diagnostics.filter { $0.severity == .error }
        try #require(!errors.isEmpty)
        #expect(errors[0].line == 6 + count, "\(errors[0])")
        #expect(errors[0].message.hasPrefix("malformed XML"))
    }

    @Test("a minified document on one line: byte columns stay exact far into the line")
    func longSingleLine() throws {
        let count = 20_000
        var line = "<EntityType Name=\"Wide\">"
        var expected: [Int] = []
        expected.reserveCapacity(count)
        for i in 0..<count {
            expected.append(line.utf8.count + 1)
            line += "<Property Name=\"P\(i)\" Type=\"Edm.String\" MaxLength=\"\(i % 100 + 1)\"/>"
        }
        let afterColumn = line.utf8.count + 1 + "</EntityType>".utf8.count
        line += "</EntityType><ComplexType Name=\"After\" Abstract=\"maybe\"/>"
        let r = try ReaderFixture.read(ReaderFixture.wrap(line))
        #expect(r.errors.isEmpty, "\(r.listing)")
        let schema = try #require(r.document.schemas.first)
        let props = try #require(schema.entityTypes.first?.properties)
        try #require(props.count == count)
        var wrong: [String] = []
        for (p, column) in zip(props, expected) where p.location != Loc(line: 5, column: column) {
            wrong.append("\(p.name)@\(p.location) expected 5:\(column)")
            if wrong.count > 5 { break }
        }
        #expect(wrong.isEmpty, "wrong locations: \(wrong)")
        #expect(schema.complexTypes.first?.location == Loc(line: 5, column: afterColumn))
        #expect(r.warnings.map { "\($0.line):\($0.column)" } == ["5:\(afterColumn)"])
    }

    @Test("a long line with non-ASCII text: columns count bytes, not characters")
    func longNonASCIILine() throws {
        // Non-ASCII text and names push the elements far into one line.
        var line = "<Annotations Target=\"NS.X\">"
        var expected: [(term: String, column: Int)] = []
        for i in 0..<3_000 {
            let term = "Bäume.Größe\(i)"
            expected.append((term, line.utf8.count + 1))
            line += "<Annotation Term=\"\(term)\"><String>Grüße aus Köln – \(i) €</String></Annotation>"
        }
        line += "</Annotations>"
        let r = try ReaderFixture.read(ReaderFixture.wrap(line))
        #expect(r.diagnostics.isEmpty, "\(r.listing)")
        let list = try #require(r.document.schemas.first?.annotationGroups.first?.annotations)
        try #require(list.count == expected.count)
        var wrong: [String] = []
        for (a, x) in zip(list, expected) where a.term != x.term || a.location != Loc(line: 5, column: x.column) {
            wrong.append("\(a.term)@\(a.location) expected 5:\(x.column)")
            if wrong.count > 5 { break }
        }
        #expect(wrong.isEmpty, "wrong locations: \(wrong)")
        #expect(list.last?.value?.text == "Grüße aus Köln – 2999 €")
    }

    @Test("an element after a very long text node on the same line is located exactly")
    func elementAfterLongText() throws {
        let ascii = String(repeating: "x", count: 200_000)
        let accented = String(repeating: "é", count: 100_000)
        let prefix1 = "<Annotations Target=\"NS.X\"><Annotation Term=\"T.Big\"><String>\(ascii)</String></Annotation>"
        let prefix2 = "<Annotation Term=\"T.Accented\"><String>\(accented)</String></Annotation>"
        let body = prefix1 + "<Annotation Term=\"T.After1\" Int=\"1\"/>" + prefix2 + "<Annotation Term=\"T.After2\" Int=\"2\"/></Annotations>"
        let r = try ReaderFixture.read(ReaderFixture.wrap(body))
        #expect(r.diagnostics.isEmpty, "\(r.listing)")
        let list = try #require(r.document.schemas.first?.annotationGroups.first?.annotations)
        #expect(list.map(\.term) == ["T.Big", "T.After1", "T.Accented", "T.After2"])
        try #require(list.count == 4)
        #expect(list[0].value?.text?.utf8.count == ascii.utf8.count)
        #expect(list[2].value?.text == accented)
        let after1 = prefix1.utf8.count + 1
        let accentedColumn = after1 + "<Annotation Term=\"T.After1\" Int=\"1\"/>".utf8.count
        let after2 = accentedColumn + prefix2.utf8.count
        #expect(list[1].location == Loc(line: 5, column: after1))
        #expect(list[2].location == Loc(line: 5, column: accentedColumn))
        #expect(list[3].location == Loc(line: 5, column: after2))
    }

    @Test("read(path:) locates elements on long non-ASCII lines exactly as read(string:) does (BOM, CRLF, > 1 MiB)")
    func filePathLongLines() throws {
        var body = "<Annotations Target=\"NS.X\">"
        var expected: [Int] = []
        for i in 0..<12_000 {
            expected.append(body.utf8.count + 1)
            body += "<Annotation Term=\"T.\u{C4}\(i)\"><String>Gr\u{FC}\u{DF}e \u{2013} \(String(repeating: "\u{FC}", count: i % 50))</String></Annotation>"
        }
        body += "</Annotations>\n<EntityType Name=\"\u{D6}\" Abstract=\"n\u{F6}\"/>"
        let lf = ReaderFixture.wrap(body)
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + lf.utf8.flatMap { (b: UInt8) -> [UInt8] in b == 0x0A ? [0x0D, 0x0A] : [b] }
        #expect(bytes.count > 1 << 20)

        let directory = getenv("TMPDIR").map { String(cString: $0) } ?? "/tmp"
        var template = Array("\(directory)/odata-reader-test-XXXXXX".utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        try #require(fd >= 0, "cannot create a temporary file")
        let path = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        defer { unlink(path) }
        var written = 0
        bytes.withUnsafeBufferPointer { b in
            while written < b.count {
                let n = write(fd, b.baseAddress! + written, b.count - written)
                if n <= 0 { break }
                written += n
            }
        }
        close(fd)
        try #require(written == bytes.count)

        let fromFile = try CSDLReader.read(path: path, displayName: "long.xml")
        let fromBytes = CSDLReader.read(bytes: bytes, file: "long.xml")
        #expect(fromFile.diagnostics == fromBytes.diagnostics)
        #expect(fromFile.diagnostics.map { "\($0.severity):\($0.line):\($0.column)" } == ["warning:6:1"])
        for (name, result) in [("file", fromFile), ("bytes", fromBytes)] {
            let schema = try #require(result.document?.schemas.first, "\(name)")
            let list = try #require(schema.annotationGroups.first?.annotations, "\(name)")
            try #require(list.count == expected.count, "\(name)")
            var wrong: [String] = []
            for (a, column) in zip(list, expected) where a.location != Loc(line: 5, column: column) {
                wrong.append("\(a.term)@\(a.location) expected 5:\(column)")
                if wrong.count > 5 { break }
            }
            #expect(wrong.isEmpty, "\(name): wrong locations: \(wrong)")
            #expect(schema.entityTypes.first?.name == "\u{D6}")
            #expect(schema.entityTypes.first?.location == Loc(line: 6, column: 1))
            #expect(schema.location == Loc(line: 4, column: 1))
            #expect(result.document?.location == Loc(line: 2, column: 1))
        }
    }

    // MARK: - Non-ASCII

    @Test("non-ASCII names are read, and columns after them count bytes")
    func nonASCIINames() throws {
        let (r, schema) = try ReaderFixture.readSchema("""
        <EntityType Name="Größe">
          <Property Name="名前" Type="Edm.String"/>
          <Property Name="Ünïcödé" Type="Edm.String"/><Property Name="After" Type="Edm.String"/>
        </EntityType>
        <EnumType Name="Farbe"><Member Name="Ä"/><Member Name="B"/></EnumType>
        <Annotations Target="NS.Größe/名前"><Annotation Term="Core.Description" String="Straße 名前"/></Annotations>
        """)
        #expect(r.diagnostics.isEmpty, "\(r.listing)")
        let e = try #require(schema.entityTypes.first)
        #expect(e.name == "Größe")
        #expect(e.properties.map(\.name) == ["名前", "Ünïcödé", "After"])
        #expect(e.properties[0].location == Loc(line: 6, column: 3))
        // <Property Name="Ünïcödé" Type="Edm.String"/> is 44 characters but 48 bytes.
        #expect(e.properties[2].location == Loc(line: 7, column: 51))
        #expect(e.properties[2].location == r.loc("<Property Name=\"After\""))
        let members = try #require(schema.enumTypes.first?.members)
        #expect(members.map(\.name) == ["Ä", "B"])
        // <EnumType Name="Farbe"> is 23 bytes, <Member Name="Ä"/> 19 bytes (18 characters).
        #expect(members.map(\.location) == [Loc(line: 9, column: 24), Loc(line: 9, column: 43)])
        let group = try #require(schema.annotationGroups.first)
        #expect(group.target == "NS.Größe/名前")
        #expect(group.annotations.first?.value?.text == "Straße 名前")
        #expect(group.annotations.first?.location == r.loc("<Annotation Term"))
        #expect(group.annotations.first?.location == Loc(line: 10, column: 41))
    }

    // MARK: - Malformed and non-CSDL input

    @Test("malformed XML is an error with a location")
    func malformed() {
        let xml = """
        <edmx:Edmx Version="4.0" xmlns:edmx="\(ReaderRobustnessTests.edmx)">
          <edmx:DataServices>
            <Schema Namespace="NS" xmlns="\(ReaderRobustnessTests.edm)">
              <EntityType Name="E">
            </Schema>
          </edmx:DataServices>
        </edmx:Edmx>
        """
        let result = CSDLReader.read(string: xml, file: "broken.xml")
        let errors = result.diagnostics.filter { $0.severity == .error }
        #expect(!errors.isEmpty)
        #expect(errors.first?.line == 5)
        #expect(errors.first?.message.hasPrefix("malformed XML") == true)
        #expect(errors.first?.description.hasPrefix("broken.xml:5:") == true)
    }

    @Test("empty input, a non-EDMX root, an EDMX 1.0 root and a missing DataServices are errors")
    func notCSDL() {
        let empty = CSDLReader.read(string: "", file: "empty.xml")
        #expect(empty.document == nil)
        #expect(empty.diagnostics.contains { $0.severity == .error })

        let html = CSDLReader.read(string: "<?xml version=\"1.0\"?>\n  <html><body/></html>", file: "page.xml")
        #expect(html.document == nil)
        let htmlErrors = html.diagnostics.filter { $0.severity == .error }
        #expect(htmlErrors.count == 1)
        #expect(htmlErrors.first?.line == 2 && htmlErrors.first?.column == 3)
        #expect(htmlErrors.first?.message.contains("<html>") == true)

        let v2 = CSDLReader.read(string: """
        <edmx:Edmx Version="1.0" xmlns:edmx="http://schemas.microsoft.com/ado/2007/06/edmx">
          <edmx:DataServices/>
        </edmx:Edmx>
        """, file: "v2.xml")
        #expect(v2.document == nil)
        #expect(v2.diagnostics.filter { $0.severity == .error }.map { "\($0.line):\($0.column)" } == ["1:1"])

        let noServices = CSDLReader.read(string: "<?xml version=\"1.0\"?>\n<edmx:Edmx Version=\"4.0\" xmlns:edmx=\"\(ReaderRobustnessTests.edmx)\"/>", file: "n.xml")
        let nsErrors = noServices.diagnostics.filter { $0.severity == .error }
        #expect(nsErrors.count == 1)
        #expect(nsErrors.first?.line == 2 && nsErrors.first?.column == 1)
        #expect(nsErrors.first?.message.contains("DataServices") == true)
    }

    @Test("read(bytes:) and read(string:) agree")
    func bytesAndString() throws {
        let xml = ReaderFixture.wrap("<EntityType Name=\"E\" Abstract=\"x\"/>")
        let a = CSDLReader.read(string: xml, file: "f.xml")
        let b = CSDLReader.read(bytes: Array(xml.utf8), file: "f.xml")
        #expect(a.diagnostics == b.diagnostics)
        #expect(a.diagnostics.map(\.description) == ["f.xml:5:1: warning: \(a.diagnostics.first?.message ?? "")"])
        #expect(a.document?.schemas.first?.entityTypes.first?.location == b.document?.schemas.first?.entityTypes.first?.location)
    }
}

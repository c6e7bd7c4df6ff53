import Testing
import ODataCSDL

/// Annotation values: constant, path, collection, record, null and dynamic expressions, in attribute and
/// element form, with their source locations; XML character references in values; `CSDLDocument.counts()`.
@Suite("Reader: annotation expressions")
struct ReaderExpressionTests {
    typealias Loc = ReaderFixture.Loc

    /// Reads `inner` inside `<Annotations Target="NS.X">` (line 5); `inner` starts on line 6.
    static func group(_ inner: String) throws -> (ReaderFixture.Read, [CSDLAnnotation]) {
        let (r, schema) = try ReaderFixture.readSchema("""
        <Annotations Target="NS.X">
        \(inner)
        </Annotations>
        """)
        let group = try #require(schema.annotationGroups.first, "no Annotations; \(r.listing)")
        #expect(group.location == Loc(line: 5, column: 1))
        return (r, group.annotations)
    }

    /// The annotation with this term.
    static func annotation(_ list: [CSDLAnnotation], _ term: String) throws -> CSDLAnnotation {
        try #require(list.first { $0.term == term }, "no annotation \(term) in \(list.map(\.term))")
    }

    /// How often `needle` occurs in `text` (byte comparison).
    static func occurrences(of needle: String, in text: String) -> Int {
        let hay = Array(text.utf8), n = Array(needle.utf8)
        var count = 0
        var i = 0
        while i + n.count <= hay.count {
            if hay[i..<(i + n.count)].elementsEqual(n) { count += 1; i += n.count } else { i += 1 }
        }
        return count
    }

    // MARK: - Constants

    static let constantSamples: [(kind: String, value: String)] = [
        ("String", "hello world"), ("Bool", "true"), ("Int", "-42"), ("Decimal", "3.14"), ("Float", "6.02e23"),
        ("Date", "2000-01-01"), ("DateTimeOffset", "2000-01-01T16:00:00.000Z"),
        ("Duration", "P11DT23H59M59.999999999999S"), ("Guid", "21EC2020-3AEA-1069-A2DD-08002B30309D"),
        ("Binary", "T0RhdGE"), ("TimeOfDay", "21:45:00"),
        ("EnumMember", "Org.OData.Core.V1.Permission/Read Org.OData.Core.V1.Permission/Write"),
    ]

    @Test("constant expressions in attribute form, every kind")
    func constantsAttributeForm() throws {
        let inner = ReaderExpressionTests.constantSamples
            .map { "  <Annotation Term=\"T.\($0.kind)\" \($0.kind)=\"\($0.value)\"/>" }
            .joined(separator: "\n")
        let (r, list) = try ReaderExpressionTests.group(inner + "\n  <Annotation Term=\"T.Empty\" String=\"\"/>")
        #expect(r.diagnostics.isEmpty, "\(r.listing)")
        #expect(list.count == 13)
        #expect(Set(CSDLConstantKind.allCases.map(\.rawValue)) == Set(ReaderExpressionTests.constantSamples.map(\.kind)))
        for (i, sample) in ReaderExpressionTests.constantSamples.enumerated() {
            let a = try ReaderExpressionTests.annotation(list, "T.\(sample.kind)")
            #expect(ReaderFixture.describe(a.value) == "\(sample.kind)(\(sample.value))")
            #expect(a.value?.text == sample.value)
            if case .constant(let kind, _)? = a.value {
                #expect(kind.rawValue == sample.kind)
            } else {
                Issue.record("T.\(sample.kind) is not a constant: \(ReaderFixture.describe(a.value))")
            }
            #expect(a.location == Loc(line: 6 + i, column: 3))
            #expect(a.qualifier == nil)
            #expect(a.annotations.isEmpty)
        }
        #expect(try ReaderExpressionTests.annotation(list, "T.Bool").boolValue == true)
        #expect(try ReaderExpressionTests.annotation(list, "T.Bool").value?.boolValue == true)
        #expect(try ReaderExpressionTests.annotation(list, "T.String").boolValue == nil)
        #expect(ReaderFixture.describe(try ReaderExpressionTests.annotation(list, "T.Empty").value) == "String()")
    }

    @Test("constant expressions in element form, every kind; String keeps its whitespace, the others are trimmed")
    func constantsElementForm() throws {
        let inner = ReaderExpressionTests.constantSamples
            .map { "  <Annotation Term=\"T.\($0.kind)\">\n    <\($0.kind)>\($0.value)</\($0.kind)>\n  </Annotation>" }
            .joined(separator: "\n")
        let (r, list) = try ReaderExpressionTests.group(inner + """

          <Annotation Term="T.Padded"><String>  padded  </String></Annotation>
          <Annotation Term="T.MultiLine"><String>line one
        line two</String></Annotation>
          <Annotation Term="T.SpacedBool">
            <Bool>
              false
            </Bool>
          </Annotation>
          <Annotation Term="T.SpacedInt"><Int>	42 </Int></Annotation>
          <Annotation Term="T.SpacedEnum"><EnumMember>
            NS.Color/Red NS.Color/Blue
          </EnumMember></Annotation>
          <Annotation Term="T.EmptyString"><String/></Annotation>
          <Annotation Term="T.EmptyString2"><String></String></Annotation>
          <Annotation Term="T.Commented"><String>a<!-- not text -->b</String></Annotation>
          <Annotation Term="T.CData"><String><![CDATA[x < y && z]]></String></Annotation>
        """)
        #expect(r.diagnostics.isEmpty, "\(r.listing)")
        for (i, sample) in ReaderExpressionTests.constantSamples.enumerated() {
            let a = try ReaderExpressionTests.annotation(list, "T.\(sample.kind)")
            #expect(ReaderFixture.describe(a.value) == "\(sample.kind)(\(sample.value))")
            #expect(a.location == Loc(line: 6 + 3 * i, column: 3))
        }
        func value(_ term: String) throws -> String {
            ReaderFixture.describe(try ReaderExpressionTests.annotation(list, term).value)
        }
        #expect(try value("T.Padded") == "String(  padded  )")
        #expect(try value("T.MultiLine") == "String(line one\nline two)")
        #expect(try value("T.SpacedBool") == "Bool(false)")
        #expect(try ReaderExpressionTests.annotation(list, "T.SpacedBool").boolValue == false)
        #expect(try value("T.SpacedInt") == "Int(42)")
        #expect(try value("T.SpacedEnum") == "EnumMember(NS.Color/Red NS.Color/Blue)")
        #expect(try value("T.EmptyString") == "String()")
        #expect(try value("T.EmptyString2") == "String()")
        #expect(try value("T.Commented") == "String(ab)")
        #expect(try value("T.CData") == "String(x < y && z)")
        let padded = try ReaderExpressionTests.annotation(list, "T.Padded")
        #expect(padded.location == r.loc("<Annotation Term=\"T.Padded\""))
    }

    // MARK: - Paths

    @Test("path expressions in attribute and element form: Path, PropertyPath, NavigationPropertyPath, AnnotationPath, ModelElementPath")
    func paths() throws {
        let samples: [(kind: String, value: String)] = [
            ("Path", "Customer/Name"), ("PropertyPath", "Address/City"), ("NavigationPropertyPath", "Orders"),
            ("AnnotationPath", "@UI.LineItem#Short"), ("ModelElementPath", "NS.Container/Orders"),
        ]
        #expect(Set(CSDLPathKind.allCases.map(\.rawValue)) == Set(samples.map(\.kind)))
        var inner: [String] = []
        for s in samples { inner.append("  <Annotation Term=\"A.\(s.kind)\" \(s.kind)=\"\(s.value)\"/>") }
        for s in samples { inner.append("  <Annotation Term=\"E.\(s.kind)\"><\(s.kind)>\(s.value)</\(s.kind)></Annotation>") }
        inner.append("  <Annotation Term=\"E.Spaced\"><PropertyPath>\n      Address/Street\n  </PropertyPath></Annotation>")
        let (r, list) = try ReaderExpressionTests.group(inner.joined(separator: "\n"))
        #expect(r.diagnostics.isEmpty, "\(r.listing)")
        #expect(list.count == 11)
        for (i, s) in samples.enumerated() {
            for form in ["A", "E"] {
                let a = try ReaderExpressionTests.annotation(list, "\(form).\(s.kind)")
                #expect(ReaderFixture.describe(a.value) == "\(s.kind)(\(s.value))", "\(form).\(s.kind)")
                if case .path(let kind, let text)? = a.value {
                    #expect(kind.rawValue == s.kind)
                    #expect(text == s.value)
                } else {
                    Issue.record("\(form).\(s.kind) is not a path")
                }
                #expect(a.location == Loc(line: 6 + i + (form == "A" ? 0 : samples.count), column: 3))
            }
        }
        #expect(ReaderFixture.describe(try ReaderExpressionTests.annotation(list, "E.Spaced").value) == "PropertyPath(Address/Street)")
    }

    // MARK: - Null, Collection, Record

    @Test("Null, and Null with an annotation (kept raw)")
    func null() throws {
        let (r, list) = try ReaderExpressionTests.group("""
          <Annotation Term="T.Null"><Null/></Annotation>
          <Annotation Term="T.NullLong">
            <Null></Null>
          </Annotation>
          <Annotation Term="T.AnnotatedNull">
            <Null>
              <Annotation Term="Core.Description" String="why null"/>
            </Null>
          </Annotation>
        """)
        #expect(r.diagnostics.isEmpty, "\(r.listing)")
        #expect(ReaderFixture.describe(try ReaderExpressionTests.annotation(list, "T.Null").value) == "Null")
        #expect(ReaderFixture.describe(try ReaderExpressionTests.annotation(list, "T.NullLong").value) == "Null")
        let annotated = try ReaderExpressionTests.annotation(list, "T.AnnotatedNull")
        guard case .raw(let raw)? = annotated.value else {
            Issue.record("annotated Null is \(ReaderFixture.describe(annotated.value))")
            return
        }
        #expect(raw.name == "Null")
        #expect(raw.children.isEmpty)
        #expect(raw.location == Loc(line: 11, column: 5))
        #expect(raw.annotations.map(\.term) == ["Core.Description"])
        #expect(raw.annotations.first?.value?.text == "why null")
        #expect(raw.annotations.first?.location == Loc(line: 12, column: 7))
    }

    @Test("Collection of constants, paths, collections, records and Null; empty Collection")
    func collections() throws {
        let (r, list) = try ReaderExpressionTests.group("""
          <Annotation Term="T.Coll">
            <Collection>
              <String>a</String>
              <String>b</String>
              <PropertyPath>Name</PropertyPath>
              <Collection><Int>1</Int><Int>2</Int></Collection>
              <Record><PropertyValue Property="P" Bool="true"/></Record>
              <Null/>
            </Collection>
          </Annotation>
          <Annotation Term="T.Empty"><Collection/></Annotation>
          <Annotation Term="T.Empty2"><Collection>
          </Collection></Annotation>
        """)
        #expect(r.diagnostics.isEmpty, "\(r.listing)")
        let coll = try ReaderExpressionTests.annotation(list, "T.Coll")
        #expect(ReaderFixture.describe(coll.value) == "[String(a), String(b), PropertyPath(Name), [Int(1), Int(2)], Record{P=Bool(true)}, Null]")
        if case .collection(let items)? = coll.value, case .record(let record) = items[4] {
            #expect(record.location == Loc(line: 12, column: 7))
            #expect(record.propertyValues.first?.location == Loc(line: 12, column: 15))
        } else {
            Issue.record("no record in the collection")
        }
        #expect(ReaderFixture.describe(try ReaderExpressionTests.annotation(list, "T.Empty").value) == "[]")
        #expect(ReaderFixture.describe(try ReaderExpressionTests.annotation(list, "T.Empty2").value) == "[]")
    }

    @Test("Record Type with PropertyValue in attribute and element form, nested records, annotations")
    func records() throws {
        let (r, list) = try ReaderExpressionTests.group("""
          <Annotation Term="UI.Info">
            <Record Type="UI.DataField">
              <PropertyValue Property="Label" String="Name"/>
              <PropertyValue Property="Value" Path="Name"/>
              <PropertyValue Property="Count">
                <Int>3</Int>
              </PropertyValue>
              <PropertyValue Property="Nested">
                <Record Type="UI.Inner">
                  <PropertyValue Property="Deep" Bool="false"/>
                  <PropertyValue Property="Deeper">
                    <Record><PropertyValue Property="X" EnumMember="NS.E/A"/></Record>
                  </PropertyValue>
                </Record>
              </PropertyValue>
              <PropertyValue Property="List">
                <Collection><String>x</String></Collection>
              </PropertyValue>
              <PropertyValue Property="Flag"/>
              <PropertyValue Property="Described" String="d">
                <Annotation Term="Core.Description" String="on a property value"/>
              </PropertyValue>
              <Annotation Term="Core.Description" String="on a record">
                <Annotation Term="Core.LongDescription" String="on its annotation"/>
              </Annotation>
            </Record>
          </Annotation>
        """)
        #expect(r.diagnostics.isEmpty, "\(r.listing)")
        let info = try ReaderExpressionTests.annotation(list, "UI.Info")
        #expect(ReaderFixture.describe(info.value) == "Record<UI.DataField>{Label=String(Name), Value=Path(Name), Count=Int(3), Nested=Record<UI.Inner>{Deep=Bool(false), Deeper=Record{X=EnumMember(NS.E/A)}}, List=[String(x)], Flag=nil, Described=String(d)}")
        guard case .record(let record)? = info.value else {
            Issue.record("not a record")
            return
        }
        #expect(record.type == "UI.DataField")
        #expect(record.location == Loc(line: 7, column: 5))
        #expect(record.propertyValues.map(\.property) == ["Label", "Value", "Count", "Nested", "List", "Flag", "Described"])
        #expect(record.propertyValues.map(\.location.line) == [8, 9, 10, 13, 21, 24, 25])
        #expect(record.propertyValues.allSatisfy { $0.location.column == 7 })
        let described = record.propertyValues[6]
        #expect(described.annotations.map(\.term) == ["Core.Description"])
        #expect(described.annotations.first?.value?.text == "on a property value")
        #expect(described.annotations.first?.location == Loc(line: 26, column: 9))
        #expect(record.annotations.map(\.term) == ["Core.Description"])
        #expect(record.annotations.first?.value?.text == "on a record")
        #expect(record.annotations.first?.location == Loc(line: 28, column: 7))
        #expect(record.annotations.first?.annotations.map(\.term) == ["Core.LongDescription"])
        #expect(record.annotations.first?.annotations.first?.location == Loc(line: 29, column: 9))
        guard case .record(let nested)? = record.propertyValues[3].value else {
            Issue.record("Nested is not a record")
            return
        }
        #expect(nested.type == "UI.Inner")
        #expect(nested.location == Loc(line: 14, column: 9))
        #expect(nested.propertyValues.map(\.location) == [Loc(line: 15, column: 11), Loc(line: 16, column: 11)])
        guard case .record(let deepest)? = nested.propertyValues[1].value else {
            Issue.record("Deeper is not a record")
            return
        }
        #expect(deepest.type == nil)
        #expect(deepest.location == Loc(line: 17, column: 13))
        #expect(deepest.propertyValues.first?.location == Loc(line: 17, column: 21))
        #expect(info.annotations.isEmpty)
    }

    @Test("PropertyValue attribute forms of every constant and path kind")
    func propertyValueAttributeForms() throws {
        let kinds = ReaderExpressionTests.constantSamples + [
            ("Path", "A/B"), ("PropertyPath", "C"), ("NavigationPropertyPath", "D"), ("AnnotationPath", "@E"),
            ("ModelElementPath", "NS.F"),
        ]
        let values = kinds.map { "      <PropertyValue Property=\"P\($0.kind)\" \($0.kind)=\"\($0.value)\"/>" }
        let (r, list) = try ReaderExpressionTests.group("""
          <Annotation Term="T.R">
            <Record>
        \(values.joined(separator: "\n"))
            </Record>
          </Annotation>
        """)
        #expect(r.diagnostics.isEmpty, "\(r.listing)")
        guard case .record(let record)? = try ReaderExpressionTests.annotation(list, "T.R").value else {
            Issue.record("not a record")
            return
        }
        #expect(record.type == nil)
        try #require(record.propertyValues.count == kinds.count)
        for (i, (pv, k)) in zip(record.propertyValues, kinds).enumerated() {
            #expect(pv.property == "P\(k.kind)")
            #expect(ReaderFixture.describe(pv.value) == "\(k.kind)(\(k.value))")
            #expect(pv.location == Loc(line: 8 + i, column: 7))
        }
    }

    @Test("misplaced elements in expressions and PropertyValue problems are diagnosed at their elements")
    func recordProblems() throws {
        let (r, list) = try ReaderExpressionTests.group("""
          <Annotation Term="T.R">
            <Record>
              <String>not a property value</String>
              <PropertyValue String="no property"/>
              <PropertyValue Property="Two" String="a"><String>b</String></PropertyValue>
              <PropertyValue Property="Ok" Int="1"/>
            </Record>
          </Annotation>
          <Annotation Term="T.C">
            <Collection><PropertyValue Property="X" Int="1"/><Int>2</Int></Collection>
          </Annotation>
        """)
        try #require(r.errors.count == 1, "\(r.listing)")
        #expect(r.errors[0].line == 9 && r.errors[0].column == 7)
        #expect(r.errors[0].message.contains("Property"))
        try #require(r.warnings.count == 3, "\(r.listing)")
        #expect(r.warnings[0].line == 8 && r.warnings[0].column == 7)
        #expect(r.warnings[0].message.contains("String"))
        #expect(r.warnings[1].line == 10 && r.warnings[1].column == 7)
        #expect(r.warnings[1].message.contains("Two"))
        #expect(r.warnings[2].line == 15 && r.warnings[2].column == 17)
        #expect(r.warnings[2].message.contains("PropertyValue"))
        #expect(ReaderFixture.describe(try ReaderExpressionTests.annotation(list, "T.R").value) == "Record{Two=String(a), Ok=Int(1)}")
        #expect(ReaderFixture.describe(try ReaderExpressionTests.annotation(list, "T.C").value) == "[Int(2)]")
    }

    @Test("an Annotation with more than one value keeps one and warns")
    func severalValues() throws {
        let (r, list) = try ReaderExpressionTests.group("""
          <Annotation Term="T.AttrAndElement" String="attr"><String>element</String></Annotation>
          <Annotation Term="T.TwoAttributes" String="a" Int="1"/>
          <Annotation Term="T.TwoElements"><String>first</String><String>second</String></Annotation>
        """)
        #expect(r.errors.isEmpty, "\(r.listing)")
        try #require(r.warnings.count == 3, "\(r.listing)")
        #expect(r.warnings[0].line == 6 && r.warnings[0].column == 53)
        #expect(r.warnings[1].line == 7 && r.warnings[1].column == 3)
        #expect(r.warnings[2].line == 8 && r.warnings[2].column == 58)
        #expect(ReaderFixture.describe(try ReaderExpressionTests.annotation(list, "T.AttrAndElement").value) == "String(attr)")
        #expect(ReaderFixture.describe(try ReaderExpressionTests.annotation(list, "T.TwoAttributes").value) == "Int(1)")
        #expect(ReaderFixture.describe(try ReaderExpressionTests.annotation(list, "T.TwoElements").value) == "String(first)")
    }

    // MARK: - Dynamic expressions

    @Test("dynamic expressions are kept raw with attributes, children and locations: If, Apply, Eq, LabeledElement, Cast, UrlRef")
    func dynamicExpressions() throws {
        let (r, list) = try ReaderExpressionTests.group("""
          <Annotation Term="T.If">
            <If>
              <Path>IsFemale</Path>
              <String>Female</String>
              <String>Male</String>
            </If>
          </Annotation>
          <Annotation Term="T.Apply">
            <Apply Function="odata.concat">
              <String>Product: </String>
              <Path>ProductName</Path>
              <Apply Function="odata.fillUriTemplate">
                <String>http://host/{id}</String>
                <LabeledElement Name="id"><Path>ID</Path></LabeledElement>
              </Apply>
            </Apply>
          </Annotation>
          <Annotation Term="T.Eq"><Eq><Path>Status</Path><EnumMember>NS.Status/Open</EnumMember></Eq></Annotation>
          <Annotation Term="T.Labeled"><LabeledElement Name="CustomerFirstName"><Path>FirstName</Path></LabeledElement></Annotation>
          <Annotation Term="T.LabelRef"><LabeledElementReference>Model.CustomerFirstName</LabeledElementReference></Annotation>
          <Annotation Term="T.Cast"><Cast Type="Edm.String" MaxLength="10" Unicode="false"><Path>X</Path></Cast></Annotation>
          <Annotation Term="T.IsOf"><IsOf Type="NS.VipCustomer"><Path>Customer</Path></IsOf></Annotation>
          <Annotation Term="T.UrlRef"><UrlRef><String>http://host/wiki/HowToUse</String></UrlRef></Annotation>
          <Annotation Term="T.Logic">
            <And>
              <Not><Path>Deleted</Path></Not>
              <Or><Gt><Path>Price</Path><Int>20</Int></Gt><Le><Path>Price</Path><Decimal>5.5</Decimal></Le></Or>
            </And>
          </Annotation>
        """)
        #expect(r.diagnostics.isEmpty, "\(r.listing)")
        func value(_ term: String) throws -> CSDLExpression? { try ReaderExpressionTests.annotation(list, term).value }
        #expect(ReaderFixture.describe(try value("T.If")) == "If[Path(IsFemale), String(Female), String(Male)]")
        #expect(ReaderFixture.describe(try value("T.Apply")) == "Apply(Function=odata.concat)[String(Product: ), Path(ProductName), Apply(Function=odata.fillUriTemplate)[String(http://host/{id}), LabeledElement(Name=id)[Path(ID)]]]")
        #expect(ReaderFixture.describe(try value("T.Eq")) == "Eq[Path(Status), EnumMember(NS.Status/Open)]")
        #expect(ReaderFixture.describe(try value("T.Labeled")) == "LabeledElement(Name=CustomerFirstName)[Path(FirstName)]")
        #expect(ReaderFixture.describe(try value("T.LabelRef")) == "LabeledElementReference'Model.CustomerFirstName'[]")
        #expect(ReaderFixture.describe(try value("T.Cast")) == "Cast(Type=Edm.String,MaxLength=10,Unicode=false)[Path(X)]")
        #expect(ReaderFixture.describe(try value("T.IsOf")) == "IsOf(Type=NS.VipCustomer)[Path(Customer)]")
        #expect(ReaderFixture.describe(try value("T.UrlRef")) == "UrlRef[String(http://host/wiki/HowToUse)]")
        #expect(ReaderFixture.describe(try value("T.Logic")) == "And[Not[Path(Deleted)], Or[Gt[Path(Price), Int(20)], Le[Path(Price), Decimal(5.5)]]]")

        // Locations of raw expressions and their nested raw children.
        guard case .raw(let ifExpr)? = try value("T.If") else { Issue.record("If is not raw"); return }
        #expect(ifExpr.name == "If")
        #expect(ifExpr.location == Loc(line: 7, column: 5))
        #expect(ifExpr.attributes.isEmpty)
        #expect(ifExpr.text == nil)
        #expect(ifExpr.annotations.isEmpty)
        guard case .raw(let apply)? = try value("T.Apply") else { Issue.record("Apply is not raw"); return }
        #expect(apply.location == Loc(line: 14, column: 5))
        #expect(apply.attributes.map(\.name) == ["Function"])
        #expect(apply.attributes.map(\.value) == ["odata.concat"])
        guard case .raw(let inner) = apply.children[2] else { Issue.record("inner Apply is not raw"); return }
        #expect(inner.location == Loc(line: 17, column: 7))
        guard case .raw(let labeled) = inner.children[1] else { Issue.record("LabeledElement is not raw"); return }
        #expect(labeled.location == Loc(line: 19, column: 9))
        #expect(labeled.name == "LabeledElement")
        guard case .raw(let eq)? = try value("T.Eq") else { Issue.record("Eq is not raw"); return }
        #expect(eq.location == Loc(line: 23, column: 27))
        guard case .raw(let cast)? = try value("T.Cast") else { Issue.record("Cast is not raw"); return }
        #expect(cast.location == r.loc("<Cast "))
        guard case .raw(let urlRef)? = try value("T.UrlRef") else { Issue.record("UrlRef is not raw"); return }
        #expect(urlRef.location == Loc(line: 28, column: 31))
    }

    @Test("every operator element is kept raw with its name and children", arguments: [
        "And", "Or", "Eq", "Ne", "Gt", "Ge", "Lt", "Le", "Has", "In", "Add", "Sub", "Mul", "Div", "DivBy", "Mod", "Not", "Neg",
    ])
    func operators(_ op: String) throws {
        let unary = op == "Not" || op == "Neg"
        let children = unary ? "<Path>A</Path>" : "<Path>A</Path><Int>1</Int>"
        let (r, list) = try ReaderExpressionTests.group("""
          <Annotation Term="T.Op">
              <\(op)>\(children)</\(op)>
          </Annotation>
        """)
        #expect(r.diagnostics.isEmpty, "\(r.listing)")
        let value = try ReaderExpressionTests.annotation(list, "T.Op").value
        #expect(ReaderFixture.describe(value) == (unary ? "\(op)[Path(A)]" : "\(op)[Path(A), Int(1)]"))
        guard case .raw(let raw)? = value else { Issue.record("not raw"); return }
        #expect(raw.location == Loc(line: 7, column: 7))
    }

    @Test("dynamic expressions carry annotations; foreign attributes are not kept; unknown expression elements are kept raw")
    func rawDetails() throws {
        let (r, list) = try ReaderExpressionTests.group("""
          <Annotation Term="T.If">
            <If xmlns:x="urn:example:ext" x:hint="ignored">
              <Annotation Term="Core.Description" String="on If"/>
              <Path>A</Path>
              <Int>1</Int>
              <Int>2</Int>
            </If>
          </Annotation>
          <Annotation Term="T.Apply">
            <Apply Function="odata.concat" Extra="a &amp; b &lt; c">
              <String>x</String>
            </Apply>
          </Annotation>
          <Annotation Term="T.Future"><FutureExpression Kind="k">some text</FutureExpression></Annotation>
        """)
        #expect(r.errors.isEmpty, "\(r.listing)")
        #expect(r.warnings.isEmpty, "\(r.listing)")
        guard case .raw(let ifExpr)? = try ReaderExpressionTests.annotation(list, "T.If").value else {
            Issue.record("If is not raw")
            return
        }
        #expect(ifExpr.attributes.isEmpty, "\(ifExpr.attributes)")
        #expect(ifExpr.annotations.map(\.term) == ["Core.Description"])
        #expect(ifExpr.annotations.first?.value?.text == "on If")
        #expect(ifExpr.annotations.first?.location == Loc(line: 8, column: 7))
        #expect(ifExpr.children.count == 3)
        #expect(ReaderFixture.describe(try ReaderExpressionTests.annotation(list, "T.Apply").value) == "Apply(Function=odata.concat,Extra=a & b < c)[String(x)]")
        let future = try ReaderExpressionTests.annotation(list, "T.Future")
        #expect(ReaderFixture.describe(future.value) == "FutureExpression(Kind=k)'some text'[]")
        if case .raw(let raw)? = future.value {
            #expect(raw.location == Loc(line: 19, column: 31))
        } else {
            Issue.record("FutureExpression is not raw")
        }
    }

    @Test("annotations on annotations, in groups and inline, and an annotation before the element value")
    func annotationsOnAnnotations() throws {
        let (r, list) = try ReaderExpressionTests.group("""
          <Annotation Term="T.Outer" Qualifier="Q1" String="outer">
            <Annotation Term="T.Middle" Int="2">
              <Annotation Term="T.Inner" Qualifier="Q3">
                <Bool>false</Bool>
              </Annotation>
            </Annotation>
          </Annotation>
          <Annotation Term="T.ValueAfter">
            <Annotation Term="T.Meta" String="meta"/>
            <String>value</String>
          </Annotation>
        """)
        #expect(r.diagnostics.isEmpty, "\(r.listing)")
        let outer = try ReaderExpressionTests.annotation(list, "T.Outer")
        #expect(outer.qualifier == "Q1")
        #expect(outer.value?.text == "outer")
        #expect(outer.location == Loc(line: 6, column: 3))
        let middle = try #require(outer.annotations.first)
        #expect(outer.annotations.count == 1)
        #expect(middle.term == "T.Middle")
        #expect(ReaderFixture.describe(middle.value) == "Int(2)")
        #expect(middle.location == Loc(line: 7, column: 5))
        let inner = try #require(middle.annotations.first)
        #expect(inner.term == "T.Inner")
        #expect(inner.qualifier == "Q3")
        #expect(inner.boolValue == false)
        #expect(inner.location == Loc(line: 8, column: 7))
        #expect(inner.annotations.isEmpty)

        let after = try ReaderExpressionTests.annotation(list, "T.ValueAfter")
        #expect(ReaderFixture.describe(after.value) == "String(value)")
        #expect(after.annotations.map(\.term) == ["T.Meta"])
        #expect(after.annotations.first?.value?.text == "meta")
        #expect(after.annotations.first?.location == Loc(line: 14, column: 5))
        #expect(list.map(\.term) == ["T.Outer", "T.ValueAfter"])
    }

    // MARK: - XML character and entity references

    @Test("entity and character references decode in attribute values and element text")
    func entityDecoding() throws {
        let (r, list) = try ReaderExpressionTests.group("""
          <Annotation Term="A.1" String="Pacific Time (US &amp; Canada)"/>
          <Annotation Term="A.2" String="&lt;b&gt; &quot;q&quot; &apos;s&apos;"/>
          <Annotation Term="A.3" String="&#38; &#x26; &#65;&#x41; &#xE9;"/>
          <Annotation Term="A.4" String="literal &amp;#38; stays"/>
          <Annotation Term="A.5" String="a long value with an ampersand &amp; more than sixteen bytes"/>
          <Annotation Term="A.6" String="&amp;"/>
          <Annotation Term="A.7" String="&amp;amp;"/>
          <Annotation Term="T.1"><String>Pacific Time (US &amp; Canada)</String></Annotation>
          <Annotation Term="T.2"><String>&lt;b&gt; &quot;q&quot; &apos;s&apos;</String></Annotation>
          <Annotation Term="T.3"><String>&#38; &#x26; &#65;&#x41; &#xE9;</String></Annotation>
          <Annotation Term="T.4"><String>literal &amp;#38; stays</String></Annotation>
          <Annotation Term="T.5"><String>a long value with an ampersand &amp; more than sixteen bytes</String></Annotation>
          <Annotation Term="T.6"><String>&amp;</String></Annotation>
          <Annotation Term="T.7"><String>&amp;amp;</String></Annotation>
          <Annotation Term="R.1"><Record><PropertyValue Property="Dept" String="R&amp;D"/></Record></Annotation>
          <Annotation Term="P.1" Path="A&#x2F;B"/>
          <Annotation Term="Q&amp;A" Qualifier="x&#38;y"/>
        """)
        #expect(r.diagnostics.isEmpty, "\(r.listing)")
        let expected = [
            "Pacific Time (US & Canada)", "<b> \"q\" 's'", "& & AA \u{E9}", "literal &#38; stays",
            "a long value with an ampersand & more than sixteen bytes", "&", "&amp;",
        ]
        for (i, text) in expected.enumerated() {
            #expect(try ReaderExpressionTests.annotation(list, "A.\(i + 1)").value?.text == text, "A.\(i + 1)")
            #expect(try ReaderExpressionTests.annotation(list, "T.\(i + 1)").value?.text == text, "T.\(i + 1)")
        }
        #expect(ReaderFixture.describe(try ReaderExpressionTests.annotation(list, "R.1").value) == "Record{Dept=String(R&D)}")
        #expect(ReaderFixture.describe(try ReaderExpressionTests.annotation(list, "P.1").value) == "Path(A/B)")
        let qa = try ReaderExpressionTests.annotation(list, "Q&A")
        #expect(qa.qualifier == "x&y")
        // Locations after lines with references are still exact.
        #expect(qa.location == Loc(line: 22, column: 3))
        #expect(try ReaderExpressionTests.annotation(list, "T.3").location == Loc(line: 15, column: 3))
    }

    @Test("references decode in element attributes too: Pacific Time (US & Canada) on an enum member, DefaultValue, Target")
    func entityDecodingInElements() throws {
        let (r, schema) = try ReaderFixture.readSchema("""
        <EnumType Name="Timezone">
          <Member Name="PacificTime" Value="4">
            <Annotation Term="Core.Description" String="(GMT-08:00) Pacific Time (US &amp; Canada)"/>
          </Member>
        </EnumType>
        <ComplexType Name="C">
          <Property Name="P" Type="Edm.String" DefaultValue="Tom &amp; Jerry &#x3C;3"/>
        </ComplexType>
        <Term Name="T" Type="Edm.String" DefaultValue="&quot;quoted&quot;" AppliesTo="Property&#x20;Term"/>
        <Annotations Target="NS.C/P" Qualifier="a&amp;b">
          <Annotation Term="Core.Description"><String>Pacific Time (US &amp; Canada)</String></Annotation>
        </Annotations>
        """)
        #expect(r.diagnostics.isEmpty, "\(r.listing)")
        let member = try #require(schema.enumTypes.first?.members.first)
        #expect(member.annotations.first?.value?.text == "(GMT-08:00) Pacific Time (US & Canada)")
        #expect(member.annotations.first?.location == Loc(line: 7, column: 5))
        #expect(schema.complexTypes.first?.properties.first?.defaultValue == "Tom & Jerry <3")
        #expect(schema.terms.first?.defaultValue == "\"quoted\"")
        #expect(schema.terms.first?.appliesTo == "Property Term")
        #expect(schema.annotationGroups.first?.qualifier == "a&b")
        #expect(schema.annotationGroups.first?.annotations.first?.value?.text == "Pacific Time (US & Canada)")
        #expect(schema.annotationGroups.first?.annotations.first?.location == Loc(line: 15, column: 3))
    }

    // MARK: - Counts

    @Test("counts() on a small document with annotations nested in records, collections and annotations")
    func counts() throws {
        let xml = """
        <?xml version="1.0" encoding="utf-8"?>
        <edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx">
          <edmx:Reference Uri="https://example.com/vocab.xml">
            <edmx:Include Namespace="Org.OData.Core.V1" Alias="Core">
              <Annotation xmlns="http://docs.oasis-open.org/odata/ns/edm" Term="OnInclude"/>
            </edmx:Include>
            <Annotation xmlns="http://docs.oasis-open.org/odata/ns/edm" Term="OnReference"/>
          </edmx:Reference>
          <edmx:DataServices>
            <Schema Namespace="NS" xmlns="http://docs.oasis-open.org/odata/ns/edm">
              <EntityType Name="E">
                <Key><PropertyRef Name="ID"/></Key>
                <Property Name="ID" Type="Edm.Int32" Nullable="false">
                  <Annotation Term="OnProperty"/>
                </Property>
                <NavigationProperty Name="N" Type="NS.E">
                  <ReferentialConstraint Property="ID" ReferencedProperty="ID"><Annotation Term="OnRC"/></ReferentialConstraint>
                  <OnDelete Action="None"><Annotation Term="OnOnDelete"/></OnDelete>
                </NavigationProperty>
              </EntityType>
              <ComplexType Name="C"><Property Name="P" Type="Edm.String"/><NavigationProperty Name="M" Type="NS.E"/></ComplexType>
              <EnumType Name="En"><Member Name="A"/><Member Name="B"><Annotation Term="OnMember"/></Member></EnumType>
              <TypeDefinition Name="TD" UnderlyingType="Edm.String"/>
              <Action Name="Act"><Parameter Name="p" Type="Edm.String"><Annotation Term="OnParameter"/></Parameter></Action>
              <Action Name="Act"/>
              <Function Name="Fn"><ReturnType Type="Edm.String"><Annotation Term="OnReturnType"/></ReturnType></Function>
              <Term Name="Tm" Type="Edm.String"><Annotation Term="OnTerm"/></Term>
              <EntityContainer Name="Cont">
                <EntitySet Name="Es" EntityType="NS.E"><Annotation Term="OnEntitySet"/></EntitySet>
                <Singleton Name="S" Type="NS.E"/>
                <ActionImport Name="AI" Action="NS.Act"/>
                <FunctionImport Name="FI" Function="NS.Fn"/>
                <FunctionImport Name="FI2" Function="NS.Fn"/>
              </EntityContainer>
              <Annotations Target="NS.E">
                <Annotation Term="UI.LineItem">
                  <Annotation Term="Meta">
                    <Annotation Term="MetaMeta"/>
                  </Annotation>
                  <Collection>
                    <Record Type="UI.DataField">
                      <PropertyValue Property="Value" Path="ID">
                        <Annotation Term="OnPropertyValue"/>
                      </PropertyValue>
                      <Annotation Term="OnRecord">
                        <Record><PropertyValue Property="X"><Record><Annotation Term="Deep"/></Record></PropertyValue></Record>
                      </Annotation>
                    </Record>
                    <If><Annotation Term="OnIf"/><Path>A</Path><Null><Annotation Term="OnNull"/></Null><String>x</String></If>
                  </Collection>
                </Annotation>
              </Annotations>
              <Annotation Term="OnSchema"/>
            </Schema>
            <Schema Namespace="Second" xmlns="http://docs.oasis-open.org/odata/ns/edm"/>
          </edmx:DataServices>
        </edmx:Edmx>
        """
        let r = try ReaderFixture.read(xml)
        #expect(r.diagnostics.isEmpty, "\(r.listing)")
        let c = r.document.counts()
        #expect(c.schemas == 2)
        #expect(c.entityTypes == 1)
        #expect(c.complexTypes == 1)
        #expect(c.enumTypes == 1)
        #expect(c.enumMembers == 2)
        #expect(c.typeDefinitions == 1)
        #expect(c.properties == 2)
        #expect(c.navigationProperties == 2)
        #expect(c.actions == 2)
        #expect(c.functions == 1)
        #expect(c.entitySets == 1)
        #expect(c.singletons == 1)
        #expect(c.actionImports == 1)
        #expect(c.functionImports == 2)
        #expect(c.terms == 1)
        // Every <Annotation element of the text, counted independently of the reader.
        let textual = ReaderExpressionTests.occurrences(of: "<Annotation ", in: xml)
        #expect(textual == 19)
        #expect(c.annotations == textual)
        #expect(CSDLCounts.keys.count == c.values.count)
        #expect(c.values == [2, 1, 1, 1, 2, 1, 2, 2, 2, 1, 1, 1, 1, 2, 1, 19])
        #expect(CSDLCounts.keys.first == "schemas" && CSDLCounts.keys.last == "annotations")
    }

    @Test("counts() of an empty document are all zero except schemas")
    func countsEmpty() throws {
        let r = try ReaderFixture.read(ReaderFixture.wrap(""))
        let c = r.document.counts()
        #expect(c.schemas == 1)
        #expect(c.values.dropFirst().allSatisfy { $0 == 0 })
    }
}

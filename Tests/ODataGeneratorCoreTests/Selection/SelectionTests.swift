import Testing
import ODataCSDL
import ODataGeneratorCore

private typealias F = SelectionFixtures
private typealias Patterns = SelectionOptions.Patterns

@Suite("Selection: closure rules")
struct SelectionClosureTests {
    @Test("an included entity set brings its entity type, not the types of other sets")
    func entitySetBringsItsType() throws {
        let (m, r) = try F.select(Patterns(entitySets: ["Customers"]))
        let names = SelectedNames(r, m)
        #expect(names.entitySets == ["Customers"])
        #expect(names.entityTypes == ["Party", "Customer"])
        #expect(!names.types.contains("Order"))
        #expect(!names.types.contains("CustomerGroup"))
        #expect(!names.types.contains("Staging"))
        #expect(r.diagnostics.filter { $0.severity != .note }.isEmpty, "\(r.diagnostics)")
    }

    @Test("base types are always pulled in; derived types are not, unless selected")
    func baseAndDerivedTypes() throws {
        let (m, r) = try F.select(Patterns(entitySets: ["Customers"]))
        let names = SelectedNames(r, m)
        #expect(names.entityTypes.contains("Party"))
        #expect(!names.entityTypes.contains("VipCustomer"))
        #expect(r.why("NS.Party") == ["Customers (entity set)", "NS.Customer (entity type)", "base type", "NS.Party (entity type)"])

        let (m2, r2) = try F.select(Patterns(entitySets: ["VipCustomers"]))
        #expect(SelectedNames(r2, m2).entityTypes == ["Party", "Customer", "VipCustomer"])
    }

    @Test("complex property types are pulled in recursively, with their base types but not their derived types")
    func complexTypes() throws {
        let (m, r) = try F.select(Patterns(entitySets: ["Customers"]))
        let names = SelectedNames(r, m)
        #expect(names.complexTypes == ["Address", "Geo", "BaseInfo", "Info"])
        #expect(!names.complexTypes.contains("ExtAddress"))
        #expect(r.why("NS.Geo") == ["Customers (entity set)", "NS.Customer (entity type)", "property Address",
                                    "NS.Address (complex type)", "property Geo", "NS.Geo (complex type)"])
        #expect(r.whyDescription("NS.BaseInfo") ==
                "Customers (entity set) -> NS.Customer (entity type) -> property Infos -> NS.Info (complex type) -> base type -> NS.BaseInfo (complex type)")

        // A set whose type has no complex properties brings none.
        let (m2, r2) = try F.select(Patterns(entitySets: ["CustomerGroups"]))
        #expect(SelectedNames(r2, m2).complexTypes.isEmpty)
    }

    @Test("enum types and type definitions used by properties are pulled in; unused ones are not")
    func enumsAndTypeDefinitions() throws {
        let (m, r) = try F.select(Patterns(entitySets: ["Customers"]))
        let names = SelectedNames(r, m)
        #expect(names.enumTypes == ["NoYes"])
        #expect(names.typeDefinitions == ["Money"])
        #expect(r.why("NS.NoYes") == ["Customers (entity set)", "NS.Customer (entity type)", "property Blocked", "NS.NoYes (enum type)"])
        #expect(r.why("NS.Money") == ["Customers (entity set)", "NS.Customer (entity type)", "property CreditLimit", "NS.Money (type definition)"])
        #expect(r.why("NS.Unused").isEmpty)
        #expect(r.why("NS.UnusedDef").isEmpty)
    }

    @Test("key property types are pulled in")
    func keyTypes() throws {
        let (m, r) = try F.select(Patterns(entitySets: ["Orders"], operations: []))
        #expect(SelectedNames(r, m).enumTypes == ["KeyKind"])
        #expect(r.why("NS.KeyKind") == ["Orders (entity set)", "NS.Order (entity type)", "key property Kind", "NS.KeyKind (enum type)"])

        let (m2, r2) = try F.select(Patterns(entitySets: ["CustomerGroups"]))
        #expect(!SelectedNames(r2, m2).enumTypes.contains("KeyKind"))
    }

    @Test("operations bound to a selected entity type (or a collection of it) are selected by default, with their parameter and return types")
    func boundOperationsByDefault() throws {
        let (m, r) = try F.select(Patterns(entitySets: ["Orders"]))
        let names = SelectedNames(r, m)
        #expect(names.operations == ["confirmOrder", "confirmAll"])
        #expect(names.complexTypes.contains("LineParams"))
        #expect(names.complexTypes.contains("ConfirmResult"))
        #expect(names.enumTypes.contains("NoYes"))
        #expect(r.why("NS.LineParams") == ["Orders (entity set)", "NS.Order (entity type)", "NS.confirmOrder (bound action)",
                                           "parameter Lines", "NS.LineParams (complex type)"])
        #expect(r.why("NS.ConfirmResult") == ["Orders (entity set)", "NS.Order (entity type)", "NS.confirmOrder (bound action)",
                                              "return type", "NS.ConfirmResult (complex type)"])
        #expect(r.why("confirmAll") == ["Orders (entity set)", "NS.Order (entity type)", "NS.confirmAll (bound action)"])

        // Not bound to a selected type: not selected.
        let (m2, r2) = try F.select(Patterns(entitySets: ["Customers"]))
        let names2 = SelectedNames(r2, m2)
        #expect(!names2.operations.contains("confirmOrder"))
        #expect(!names2.operations.contains("confirmAll"))
        #expect(!names2.complexTypes.contains("LineParams"))
    }

    @Test("operations bound to a derived type come only when the derived type is selected")
    func operationsBoundToDerivedTypes() throws {
        let (m, r) = try F.select(Patterns(entitySets: ["Customers"]))
        #expect(!SelectedNames(r, m).operations.contains("vipScore"))
        let (m2, r2) = try F.select(Patterns(entitySets: ["VipCustomers"]))
        #expect(SelectedNames(r2, m2).operations.contains("vipScore"))
    }

    @Test("include.operations replaces the default: only matching operations, with their binding type pulled in")
    func explicitOperations() throws {
        let (m, r) = try F.select(Patterns(entitySets: ["Customers"], operations: ["confirmO*"]))
        let names = SelectedNames(r, m)
        #expect(names.operations == ["confirmOrder"])
        #expect(names.entityTypes.contains("Order"))
        #expect(names.enumTypes.contains("KeyKind"))
        #expect(names.imports.isEmpty, "imports are not defaulted when include.operations is given")
        #expect(r.why("NS.Order") == ["NS.confirmOrder (bound action)", "binding parameter Order", "NS.Order (entity type)"])

        // An empty list selects no operation, not even the bound ones.
        let (m2, r2) = try F.select(Patterns(entitySets: ["Orders"], operations: []))
        #expect(SelectedNames(r2, m2).operations.isEmpty)
    }

    @Test("operations match by simple or qualified name, imports by import name; an import brings its operation")
    func operationImports() throws {
        let (m, r) = try F.select(Patterns(entitySets: [], operations: ["ResetData", "NS.groupOf"]))
        let names = SelectedNames(r, m)
        #expect(names.imports == ["ResetData", "GroupOf"], "model order: action imports, then function imports")
        #expect(names.operations == ["resetData", "groupOf"], "model order: actions, then functions")
        #expect(names.entityTypes == ["CustomerGroup"])
        #expect(r.why("NS.resetData") == ["ResetData (action import)", "NS.resetData (action)"])
        #expect(r.why("NS.CustomerGroup") == ["GroupOf (function import)", "NS.groupOf (function)", "return type",
                                              "NS.CustomerGroup (entity type)"])
    }

    @Test("by default an import comes when its EntitySet is selected or it returns a selected entity type")
    func defaultImports() throws {
        let (m, r) = try F.select(Patterns(entitySets: ["Customers"]))
        let names = SelectedNames(r, m)
        #expect(names.imports == ["TopCustomers"])
        #expect(names.operations == ["topCustomers"])
        #expect(r.why("TopCustomers") == ["Customers (entity set)", "TopCustomers (function import)"])

        let (m2, r2) = try F.select(Patterns(entitySets: ["CustomerGroups"]))
        #expect(SelectedNames(r2, m2).imports == ["GroupOf"])
        #expect(r2.why("GroupOf") == ["CustomerGroups (entity set)", "NS.CustomerGroup (entity type)", "GroupOf (function import)"])

        // Neither: not selected.
        let (m3, r3) = try F.select(Patterns(entitySets: ["Orders"]))
        #expect(SelectedNames(r3, m3).imports.isEmpty)
    }

    @Test("singletons: all when the include lists no members, none when it lists only entity sets, matching ones when listed")
    func singletons() throws {
        let (m, r) = try F.select(Patterns(operations: ["resetData"]))
        #expect(SelectedNames(r, m).singletons == ["Me"])
        #expect(SelectedNames(r, m).entitySets.count == m.entitySets.count)

        let (m2, r2) = try F.select(Patterns(entitySets: ["Orders"]))
        #expect(SelectedNames(r2, m2).singletons.isEmpty)

        let (m3, r3) = try F.select(Patterns(singletons: ["Me"]))
        let names3 = SelectedNames(r3, m3)
        #expect(names3.singletons == ["Me"])
        #expect(names3.entitySets.isEmpty)
        #expect(names3.entityTypes == ["Party", "Customer"])
        #expect(r3.why("NS.Customer") == ["Me (singleton)", "NS.Customer (entity type)"])
    }

    @Test("operations bound to a selected complex type come by default; those bound to a primitive type only with everything")
    func operationsBoundToComplexAndPrimitiveTypes() throws {
        let m = try F.model(F.edmx("""
              <ComplexType Name="Money"><Property Name="Amount" Type="Edm.Decimal"/></ComplexType>
              <ComplexType Name="Rate"><Property Name="Value" Type="Edm.Double"/></ComplexType>
              <EntityType Name="Invoice">
                <Key><PropertyRef Name="Id"/></Key>
                <Property Name="Id" Type="Edm.Int32" Nullable="false"/>
                <Property Name="Total" Type="NS.Money"/>
              </EntityType>
              <EntityType Name="Payment">
                <Key><PropertyRef Name="Id"/></Key>
                <Property Name="Id" Type="Edm.Int32" Nullable="false"/>
              </EntityType>
              <Function Name="convert" IsBound="true">
                <Parameter Name="money" Type="NS.Money"/>
                <Parameter Name="rate" Type="NS.Rate"/>
                <ReturnType Type="NS.Money"/>
              </Function>
              <Function Name="shout" IsBound="true">
                <Parameter Name="text" Type="Edm.String"/>
                <ReturnType Type="Edm.String"/>
              </Function>
              <Action Name="refund" IsBound="true"><Parameter Name="payment" Type="NS.Payment"/></Action>
              <EntityContainer Name="C">
                <EntitySet Name="Invoices" EntityType="NS.Invoice"/>
                <EntitySet Name="Payments" EntityType="NS.Payment"/>
              </EntityContainer>
            """))
        let r = Selection.select(model: m, options: SelectionOptions(include: Patterns(entitySets: ["Invoices"])))
        let names = SelectedNames(r, m)
        #expect(names.operations == ["convert"])
        #expect(names.complexTypes == ["Money", "Rate"])
        #expect(r.why("NS.Rate") == ["Invoices (entity set)", "NS.Invoice (entity type)", "property Total",
                                     "NS.Money (complex type)", "NS.convert (bound function)", "parameter rate",
                                     "NS.Rate (complex type)"])
        #expect(!names.operations.contains("shout"))
        #expect(!names.operations.contains("refund"))

        let all = SelectedNames(Selection.select(model: m), m)
        #expect(all.operations == ["refund", "convert", "shout"])
    }

    @Test("globs select several sets; exclude wins over include")
    func globsAndExclude() throws {
        let (m, r) = try F.select(Patterns(entitySets: ["Customer*"]), exclude: Patterns(entitySets: ["*Staging"]))
        let names = SelectedNames(r, m)
        #expect(names.entitySets == ["Customers", "CustomersV3", "CustomerGroups"])
        #expect(!names.entityTypes.contains("Staging"))
        #expect(!names.enumTypes.contains("StagingStatus"))

        let (m2, r2) = try F.select(Patterns(entitySets: ["Orders"]), exclude: Patterns(operations: ["confirmAll"]))
        #expect(SelectedNames(r2, m2).operations == ["confirmOrder"])
    }
}

@Suite("Selection: navigation")
struct SelectionNavigationTests {
    @Test("withinSelection drops links that leave the selection, with a note, and keeps the others")
    func withinSelection() throws {
        let (m, r) = try F.select(Patterns(entitySets: ["Customers"]))
        let customer = try #require(m.entityTypes.firstIndex { $0.name == "Customer" })
        let decisions = r.navigation(ofEntityType: customer)
        #expect(decisions.map(\.name) == ["Orders", "Group", "Anything"])
        #expect(decisions.map(\.reason) == [.targetNotSelected, .targetNotSelected, .targetIsAnyEntityType])
        #expect(!SelectedNames(r, m).entityTypes.contains("Order"))
        let notes = r.diagnostics.filter { $0.severity == .note }
        #expect(notes.count == 2, "\(notes)")
        #expect(notes.first?.message.contains("EntityType NS.Customer: 2 navigation properties are dropped") == true, "\(notes)")
        #expect(notes.first?.message.contains("Orders (NS.Order), Group (NS.CustomerGroup)") == true, "\(notes)")
        #expect(notes.first?.line ?? 0 > 0)
        #expect(notes.last?.message.contains("ComplexType NS.Address: navigation property Country (NS.Country) is dropped") == true, "\(notes)")

        // Target selected: kept, no note for it.
        let (m2, r2) = try F.select(Patterns(entitySets: ["Customers", "CustomerGroups", "Orders"]))
        let c2 = try #require(m2.entityTypes.firstIndex { $0.name == "Customer" })
        #expect(r2.navigation(ofEntityType: c2).allSatisfy { $0.isKept })
        #expect(!r2.diagnostics.contains { $0.message.contains("NS.Customer:") })
    }

    @Test("inherited navigation is decided on every selected type but reported once, on the declaring type")
    func inheritedNavigation() throws {
        let (m, r) = try F.select(Patterns(entitySets: ["VipCustomers"]))
        let vip = try #require(m.entityTypes.firstIndex { $0.name == "VipCustomer" })
        #expect(r.navigation(ofEntityType: vip).filter { !$0.isKept }.map(\.name) == ["Orders", "Group"])
        #expect(r.diagnostics.filter { $0.message.contains("NS.VipCustomer") }.isEmpty)
        #expect(r.diagnostics.filter { $0.message.contains("EntityType NS.Customer:") }.count == 1)
    }

    @Test("follow pulls targets in, and the entity sets the navigation is bound to")
    func follow() throws {
        let (m, r) = try F.select(Patterns(entitySets: ["Customers"]), navigation: .follow)
        let names = SelectedNames(r, m)
        #expect(names.entityTypes == ["Party", "Customer", "Order", "OrderLine", "CustomerGroup", "Country"])
        #expect(names.entitySets == ["Customers", "Orders", "CustomerGroups"])
        #expect(r.droppedNavigation.isEmpty)
        #expect(!r.diagnostics.contains { $0.severity == .note })
        #expect(r.why("Orders") == ["Customers (entity set)", "navigation binding Orders", "Orders (entity set)"])
        #expect(r.why("NS.OrderLine") == ["Customers (entity set)", "NS.Customer (entity type)", "navigation Orders",
                                          "NS.Order (entity type)", "navigation Lines", "NS.OrderLine (entity type)"])
        #expect(r.why("NS.Country") == ["Customers (entity set)", "NS.Customer (entity type)", "property Address",
                                        "NS.Address (complex type)", "navigation Country", "NS.Country (entity type)"])
        // Bound operations of followed types come too.
        #expect(names.operations.contains("confirmOrder"))
    }

    @Test("follow does not bring back an excluded entity set, only its type")
    func followRespectsExclude() throws {
        let (m, r) = try F.select(Patterns(entitySets: ["Customers"]), exclude: Patterns(entitySets: ["CustomerGroups"]),
                                  navigation: .follow)
        let names = SelectedNames(r, m)
        #expect(!names.entitySets.contains("CustomerGroups"))
        #expect(names.entityTypes.contains("CustomerGroup"))
        #expect(r.droppedNavigation.isEmpty)
    }
}

@Suite("Selection: everything")
struct SelectionEverythingTests {
    @Test("no include selects everything the document declares, also types nothing uses")
    func everything() throws {
        let m = try F.salesModel()
        let r = Selection.select(model: m)
        #expect(r.entityTypes == Array(m.entityTypes.indices))
        #expect(r.complexTypes == Array(m.complexTypes.indices))
        #expect(r.enumTypes == Array(m.enumTypes.indices))
        #expect(r.typeDefinitions == Array(m.typeDefinitions.indices))
        #expect(r.entitySets == Array(m.entitySets.indices))
        #expect(r.singletons == Array(m.singletons.indices))
        #expect(r.operationImports == Array(m.operationImports.indices))
        #expect(r.operations == Array(m.operations.indices))
        #expect(r.droppedNavigation.isEmpty)
        #expect(r.diagnostics.isEmpty, "\(r.diagnostics)")
        #expect(r.why("NS.Unused") == ["NS.Unused (enum type)"])
        #expect(r.why("NS.Orphan") == ["NS.Orphan (entity type)"])
        #expect(r.why("NS.vipScore") == ["VipCustomers (entity set)", "NS.VipCustomer (entity type)", "NS.vipScore (bound function)"])

        // An include with no list at all is the same as no include.
        let r2 = Selection.select(model: m, options: SelectionOptions(include: Patterns()))
        #expect(r2.entityTypes == r.entityTypes && r2.operations == r.operations && r2.enumTypes == r.enumTypes)
    }

    @Test("exclude without include leaves out the excluded sets and the types only they need")
    func everythingMinusExcluded() throws {
        let m = try F.salesModel()
        let r = Selection.select(model: m, options: SelectionOptions(exclude: Patterns(entitySets: ["*Staging"], operations: ["confirmAll"])))
        let names = SelectedNames(r, m)
        #expect(!names.entitySets.contains("CustomerStaging"))
        #expect(!names.entityTypes.contains("Staging"))
        #expect(!names.enumTypes.contains("StagingStatus"))
        #expect(!names.operations.contains("confirmAll"))
        #expect(names.operations.contains("confirmOrder"))
        #expect(names.entityTypes.count == m.entityTypes.count - 1)
        #expect(names.enumTypes.count == m.enumTypes.count - 1)
        #expect(names.complexTypes.count == m.complexTypes.count)

        // A type an excluded set shares with a kept one stays.
        let r2 = Selection.select(model: m, options: SelectionOptions(exclude: Patterns(entitySets: ["CustomersV3"])))
        #expect(SelectedNames(r2, m).entityTypes.contains("Customer"))
        #expect(r2.why("NS.Customer").first == "Customers (entity set)")
    }

    @Test("a vocabulary-like document (no container) generates its types")
    func vocabulary() throws {
        let m = try F.model(F.edmx("""
              <ComplexType Name="Link"><Property Name="Href" Type="Edm.String"/></ComplexType>
              <EnumType Name="Level"><Member Name="Low"/></EnumType>
              <Term Name="Description" Type="Edm.String"/>
            """, namespace: "Org.Vocab", alias: nil))
        let r = Selection.select(model: m)
        #expect(r.complexTypes == [0])
        #expect(r.enumTypes == [0])
        #expect(!r.isEmpty)
        #expect(r.diagnostics.isEmpty)
    }

    @Test("a document with nothing to generate gives a note")
    func nothingToGenerate() throws {
        let m = try F.model(F.edmx("<EntityContainer Name=\"Empty\"/>"))
        let r = Selection.select(model: m)
        #expect(r.isEmpty)
        #expect(r.diagnostics.count == 1)
        #expect(r.diagnostics.first?.severity == .note)
        #expect(r.diagnostics.first?.message.hasPrefix("nothing to generate: the document declares no types") == true, "\(r.diagnostics)")

        // An empty selection of a document that has things: a note that says so.
        let sales = try F.salesModel()
        let r2 = Selection.select(model: sales, options: SelectionOptions(include: Patterns(entitySets: [], operations: [])))
        #expect(r2.isEmpty)
        #expect(r2.diagnostics.contains { $0.message.hasPrefix("nothing to generate: the selection is empty") })
    }

    @Test("the result is deterministic and in document order")
    func deterministic() throws {
        let m = try F.salesModel()
        let options = SelectionOptions(include: Patterns(entitySets: ["Orders", "Customers"]), navigation: .follow)
        let a = Selection.select(model: m, options: options)
        let b = Selection.select(model: m, options: options)
        #expect(a.entityTypes == b.entityTypes && a.complexTypes == b.complexTypes && a.operations == b.operations)
        #expect(a.diagnostics == b.diagnostics)
        #expect(a.navigation == b.navigation)
        for list in [a.entityTypes, a.complexTypes, a.enumTypes, a.entitySets, a.operations] {
            #expect(list == list.sorted())
        }
        // The include's order does not matter.
        #expect(SelectedNames(a, m).entitySets == ["Customers", "Orders", "CustomerGroups"])
    }
}

@Suite("Selection: patterns and why")
struct SelectionPatternTests {
    @Test("an include pattern that matches nothing is an error with near-miss suggestions")
    func unmatchedInclude() throws {
        let (_, r) = try F.select(Patterns(entitySets: ["CustomerV3", "Customers"]))
        let errors = r.diagnostics.filter { $0.severity == .error }
        #expect(errors.count == 1)
        #expect(errors.first?.message == "include.entitySets pattern \"CustomerV3\" matches no entity set; did you mean CustomersV3 or Customers?")
        #expect(errors.first?.file == "selection")
    }

    @Test("a case-only mismatch is suggested first and named as such")
    func caseMismatch() throws {
        let (_, r) = try F.select(Patterns(entitySets: ["customers*"]))
        #expect(r.diagnostics.first?.message ==
                "include.entitySets pattern \"customers*\" matches no entity set; did you mean Customers, CustomersV3 or CustomerStaging? (names are case-sensitive)")
    }

    @Test("a singleton listed as an entity set says where it belongs")
    func wrongList() throws {
        let (_, r) = try F.select(Patterns(entitySets: ["Me"]))
        #expect(r.diagnostics.first?.message == "include.entitySets pattern \"Me\" matches no entity set; Me is a singleton: list it under include.singletons")
    }

    @Test("a pattern far from every name says so, and carries its config location")
    func noSuggestion() throws {
        let m = try F.salesModel()
        let pattern = SelectionPattern("Zebra*", file: "odata-generator-config.yaml", line: 4, column: 17)
        let r = Selection.select(model: m, options: SelectionOptions(include: Patterns(operations: [pattern])))
        let d = try #require(r.diagnostics.first)
        #expect(d.severity == .error)
        #expect(d.description == "odata-generator-config.yaml:4:17: error: include.operations pattern \"Zebra*\" matches no action, function or import among the 9 the document declares; check the spelling (names are case-sensitive)")
    }

    @Test("an exclude pattern that matches nothing is a warning")
    func unmatchedExclude() throws {
        let (_, r) = try F.select(Patterns(entitySets: ["Orders"]), exclude: Patterns(entitySets: ["*Stagin"]))
        let warnings = r.diagnostics.filter { $0.severity == .warning }
        #expect(warnings.count == 1)
        #expect(warnings.first?.message == "exclude.entitySets pattern \"*Stagin\" matches no entity set; did you mean CustomerStaging?")
        #expect(!r.diagnostics.contains { $0.severity == .error })
    }

    @Test("why accepts qualified, alias-qualified and simple names, and set names; empty for what is not selected")
    func whyNames() throws {
        let (_, r) = try F.select(Patterns(entitySets: ["Customers"]))
        let chain = ["Customers (entity set)", "NS.Customer (entity type)", "property Blocked", "NS.NoYes (enum type)"]
        #expect(r.why("NS.NoYes") == chain)
        #expect(r.why("A.NoYes") == chain)
        #expect(r.why("NoYes") == chain)
        #expect(r.why("Customers") == ["Customers (entity set)"])
        #expect(r.why("Customer") == ["Customers (entity set)", "NS.Customer (entity type)"])
        #expect(r.why("NS.Order").isEmpty)
        #expect(r.why("Nonsense").isEmpty)
        #expect(r.whyDescription("NS.Order") == nil)
    }
}

import Testing
import ODataGeneratorCore

/// Rule 1: case conventions and character clean-up of single names (no scope).
@Suite("SwiftName conversions")
struct SwiftNameConversionTests {
    @Test("type names are UpperCamelCase", arguments: [
        ("CustomerV3", "CustomerV3"),
        ("customerV3", "CustomerV3"),
        ("SalesOrderHeadersV2", "SalesOrderHeadersV2"),
        ("image", "Image"),                      // Graph types are lowerCamelCase
        ("import", "Import"),                    // Dataverse entity type
        ("prefix/project2", "PrefixProject2"),   // Northwind
        ("Info/ID", "InfoID"),                   // OASIS example
        ("ID", "ID"),
        ("Größe", "Größe"),
        ("größe", "Größe"),
        ("ßeta", "ßeta"),                        // "ß".uppercased() is "SS": the letter is kept
        ("名前", "名前"),
        ("Pc_‿⁀⁔︳︴﹍﹎﹏＿", "Pc_‿⁀⁔︳︴﹍﹎﹏＿"),   // OASIS special-characters example: all valid Swift
        ("3DModel", "_3DModel"),
        ("GMT-OFFSET", "GMT_OFFSET"),
    ])
    func typeNames(_ edm: String, _ swift: String) {
        let name = SwiftName.typeName(edm)
        #expect(name.identifier == swift)
        #expect(!name.needsBackticks)
        #expect(name.edmName == edm)
    }

    @Test("member names are lowerCamelCase", arguments: [
        ("dataAreaId", "dataAreaId"),
        ("CustomerAccount", "customerAccount"),
        ("SalesOrderHeadersV2", "salesOrderHeadersV2"),
        ("ID", "id"),
        ("URL", "url"),
        ("URLValue", "urlValue"),
        ("IDNumber", "idNumber"),
        ("ATPPlusIssueMargin", "atpPlusIssueMargin"),
        ("ID_value", "id_value"),
        ("GMT_OFFSET", "gmt_offset"),
        ("GMTMINUS1200INTERNATIONALDATELINEWEST", "gmtminus1200internationaldatelinewest"),
        ("FIK751", "fik751"),
        ("Größe", "größe"),
        ("ÄrgerListe", "ärgerListe"),
        ("名前", "名前"),
        ("id_Pc_‿⁀⁔︳︴﹍﹎﹏＿", "id_Pc_‿⁀⁔︳︴﹍﹎﹏＿"),
    ])
    func memberNames(_ edm: String, _ swift: String) {
        let name = SwiftName.memberName(edm)
        #expect(name.identifier == swift)
        #expect(name.edmName == edm)
    }

    @Test("characters Swift rejects separate words joined in camel case", arguments: [
        ("request-id", "requestId"),                  // Graph
        ("client-request-id", "clientRequestId"),     // Graph
        ("prefix/project2", "prefixProject2"),        // Northwind
        ("Info/ID", "infoID"),
        ("first name", "firstName"),
        ("  padded\t", "padded"),
        ("a.b.c", "aBC"),
        ("$value", "value"),
        ("a-1-2", "a1_2"),                            // digits on both sides of a separator keep an `_`
        ("GMT-OFFSET", "gmt_offset"),                 // so do words without lowercase letters
        ("名前-値", "名前_値"),                          // and caseless scripts
        ("price%", "price"),
        ("price€", "price€"),                        // U+20AC is in an identifier range
    ])
    func separators(_ edm: String, _ swift: String) {
        #expect(SwiftName.memberName(edm).identifier == swift)
    }

    @Test("invisible characters are dropped without separating words", arguments: [
        ("foo\u{200B}bar", "foobar"),    // zero-width space
        ("foo\u{202E}bar", "foobar"),    // right-to-left override (Trojan Source)
        ("\u{FEFF}name", "name"),        // byte order mark
        ("soft\u{00AD}hyphen", "softhyphen"),
    ])
    func invisibleCharacters(_ edm: String, _ swift: String) {
        #expect(SwiftName.memberName(edm).identifier == swift)
    }

    @Test("leading underscores are dropped; inner ones are kept", arguments: [
        ("_parentcustomerid_value", "parentcustomerid_value"),   // Dataverse lookup values
        ("_x_value", "x_value"),
        ("__a__b__", "a__b__"),
        ("-_dash", "dash"),
    ])
    func leadingUnderscores(_ edm: String, _ swift: String) {
        #expect(SwiftName.memberName(edm).identifier == swift)
    }

    @Test("a leading digit gets an underscore in front", arguments: [
        ("0", NameKind.enumCase, "_0"), ("14", .enumCase, "_14"),   // Business Central enum members
        ("3DModel", .type, "_3DModel"), ("3DModel", .member, "_3DModel"), ("3dModel", .member, "_3dModel"),
        ("_0", .enumCase, "_0"), ("__0", .enumCase, "_0"),
        ("\u{0301}accent", .member, "_\u{0301}accent"),               // a combining mark cannot start either
    ])
    func leadingDigits(_ edm: String, _ kind: NameKind, _ swift: String) {
        #expect(SwiftNamer().name(edm, kind: kind).identifier == swift)
    }

    @Test("names with nothing usable become a placeholder", arguments: ["", " ", "\t\n", "-", "_", "___", "%$", "\u{200B}"])
    func emptyNames(_ edm: String) {
        #expect(SwiftName.typeName(edm).identifier == "Unnamed")
        #expect(SwiftName.memberName(edm).identifier == "unnamed")
        #expect(SwiftName.enumCaseName(edm).identifier == "unnamed")
    }

    @Test("enum members keep a form without lowercase letters, other members are lowerCamelCase", arguments: [
        ("GMTMINUS1200INTERNATIONALDATELINEWEST", "GMTMINUS1200INTERNATIONALDATELINEWEST"),
        ("GMT_CASABLANCA", "GMT_CASABLANCA"),
        ("GET", "GET"),
        ("A", "A"),
        ("FIK751", "FIK751"),
        ("Yes", "yes"),
        ("NoYes", "noYes"),
        ("AccDepreciationPriorYears_PL", "accDepreciationPriorYears_PL"),
        ("ATPPlusIssueMargin", "atpPlusIssueMargin"),
        ("none", "none"),
        ("0", "_0"),
    ])
    func enumCases(_ edm: String, _ swift: String) {
        #expect(SwiftName.enumCaseName(edm).identifier == swift)
    }

    @Test("very long names are cut at the configured UTF-8 length")
    func longNames() {
        let long = String(repeating: "Ab", count: 5_000)
        let type = SwiftName.typeName(long)
        #expect(type.identifier.utf8.count == 200)
        #expect(long.hasPrefix(type.identifier))
        let wide = String(repeating: "名", count: 300)    // 3 bytes each: cut at a character boundary
        #expect(SwiftName.memberName(wide).identifier == String(repeating: "名", count: 66))
        let short = SwiftName.typeName(long, configuration: NamingConfiguration(maximumUTF8Length: 20))
        #expect(short.identifier == String(repeating: "Ab", count: 10))
        let floor = SwiftName.typeName(long, configuration: NamingConfiguration(maximumUTF8Length: 1))
        #expect(floor.identifier.utf8.count == 16)
    }

    @Test("conversion is idempotent: a converted name converts to itself", arguments: [
        "CustomerV3", "_parentcustomerid_value", "request-id", "0", "3DModel", "Größe", "GMT-OFFSET", "a-1-2", "",
        "Pc_‿⁀⁔︳︴﹍﹎﹏＿", "foo\u{202E}bar", "ID", "URLValue",
    ])
    func idempotent(_ edm: String) {
        for kind in NameKind.allCases {
            let once = SwiftNamer().name(edm, kind: kind).identifier
            let twice = SwiftNamer().name(once, kind: kind).identifier
            #expect(once == twice, "\(kind) '\(edm)' → '\(once)' → '\(twice)'")
        }
    }

    @Test("the EDM name is kept verbatim beside the Swift name")
    func edmNameKept() {
        let name = SwiftName.memberName("_parentcustomerid_value")
        #expect(name.edmName == "_parentcustomerid_value")
        #expect(name.identifier == "parentcustomerid_value")
        #expect(name.isRenamed)
        #expect(!SwiftName.memberName("dataAreaId").isRenamed)
        #expect(SwiftName.memberName("default").description == "`default`")
    }
}

import Testing
import ODataGeneratorCore

/// The example table in the documentation of `SwiftNamer`, row by row, so the documentation cannot drift.
@Suite("Documented naming rules")
struct RuleTableTests {
    @Test("rows of the table", arguments: [
        // EDM name, type, member, enum case
        ("CustomerV3", "CustomerV3", "customerV3", "customerV3"),
        ("ID", "ID", "id", "ID"),
        ("URL", "URL", "url", "URL"),
        ("URLValue", "URLValue", "urlValue", "urlValue"),
        ("GMTMINUS1200INTERNATIONALDATELINEWEST", "GMTMINUS1200INTERNATIONALDATELINEWEST",
         "gmtminus1200internationaldatelinewest", "GMTMINUS1200INTERNATIONALDATELINEWEST"),
        ("_parentcustomerid_value", "Parentcustomerid_value", "parentcustomerid_value", "parentcustomerid_value"),
        ("request-id", "RequestId", "requestId", "requestId"),
        ("prefix/project2", "PrefixProject2", "prefixProject2", "prefixProject2"),
        ("0", "_0", "_0", "_0"),
        ("3DModel", "_3DModel", "_3DModel", "_3DModel"),
        ("Größe", "Größe", "größe", "größe"),
        ("", "Unnamed", "unnamed", "unnamed"),
        (" ", "Unnamed", "unnamed", "unnamed"),
        ("--", "Unnamed", "unnamed", "unnamed"),
        ("default", "Default", "`default`", "`default`"),
        ("import", "Import", "`import`", "`import`"),
        ("self", "Self_", "self_", "self_"),
        ("Type", "Type_", "type", "type"),
        ("key", "Key", "key_", "key_"),
        ("description", "Description", "description_", "description_"),
        ("unknown", "Unknown", "unknown_", "unknown_"),
        ("Data", "Data_", "data", "data"),
        ("String", "String_", "string", "string"),
    ])
    func row(_ edm: String, _ type: String, _ member: String, _ enumCase: String) {
        #expect(SwiftName.typeName(edm).escaped == type)
        #expect(SwiftName.memberName(edm).escaped == member)
        #expect(SwiftName.enumCaseName(edm).escaped == enumCase)
    }

    @Test("the case-twin row")
    func twins() {
        let namer = SwiftNamer()
        #expect(namer.resolve(["feedbackid", "FeedbackId"], in: .types(of: "M")).names.map(\.escaped)
                == ["Feedbackid", "FeedbackId2"])
        #expect(namer.resolve(["feedbackid", "FeedbackId"], in: .properties(of: "T")).names.map(\.escaped)
                == ["feedbackid", "feedbackId2"])
        #expect(namer.resolve(["feedbackid", "FeedbackId"], in: .enumMembers(of: "E")).names.map(\.escaped)
                == ["feedbackid", "feedbackId2"])
    }
}

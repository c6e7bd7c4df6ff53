import Foundation
import Testing
import ODataCSDL
@testable import ODataGeneratorCore

@Suite("Connector: JSON/YAML writer, PNG encoder, config section")
struct ConnectorWriterTests {
    @Test("JSON: sorted keys, 2-space indent, / not escaped, integers as integers, control characters escaped")
    func json() throws {
        let value: JSONValue = ["b": 1, "a": ["x/y", .double(1.5), .double(2), .int(9_007_199_254_740_993)], "c": [:],
                                "d": .string("q\"\\\n\u{1}é")]
        let text = JSONWriter.json(value)
        #expect(text == """
            {
              "a": [
                "x/y",
                1.5,
                2,
                9007199254740993
              ],
              "b": 1,
              "c": {},
              "d": "q\\"\\\\\\n\\u0001é"
            }

            """)
        let back = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]
        #expect(back?["d"] as? String == "q\"\\\n\u{1}é")
        // Keys sort by UTF-8 bytes: upper case before lower case, "@" before letters.
        #expect(JSONWriter.sortedKeys(["b": .null, "B": .null, "@x": .null, "a": .null]) == ["@x", "B", "a", "b"])
    }

    @Test("YAML: block style with quoted scalars; long keys are explicit")
    func yaml() {
        let long = String(repeating: "k", count: 1200)
        let text = JSONWriter.yaml(["list": [["a": 1, "b": [true]], "s"], "empty": [], long: "v"])
        #expect(text.contains("\"empty\": []\n"))
        #expect(text.contains("\"list\":\n  - \"a\": 1\n    \"b\":\n      - true\n  - \"s\"\n"))
        #expect(text.contains("? \"\(long)\"\n: \"v\"\n"))
    }

    @Test("PNG: signature, IHDR, stored zlib blocks with Adler-32, chunk CRCs")
    func png() throws {
        #expect(PNGEncoder.crc32(Array("IEND".utf8)) == 0xAE42_6082)
        #expect(PNGEncoder.adler32(Array("Wikipedia".utf8)) == 0x11E6_0398)
        let bytes = PNGEncoder.icon(width: 200, height: 200, background: (1, 2, 3), accent: (255, 255, 255))
        #expect(Array(bytes.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        // Walk the chunks, checking every CRC, and inflate the stored blocks.
        var offset = 8
        var idat: [UInt8] = []
        var types: [String] = []
        while offset < bytes.count {
            let length = Int(bytes[offset]) << 24 | Int(bytes[offset + 1]) << 16 | Int(bytes[offset + 2]) << 8 | Int(bytes[offset + 3])
            let body = Array(bytes[(offset + 4)..<(offset + 8 + length)])
            let crc = bytes[(offset + 8 + length)..<(offset + 12 + length)].reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
            #expect(PNGEncoder.crc32(body) == crc)
            let type = String(decoding: body.prefix(4), as: UTF8.self)
            types.append(type)
            if type == "IDAT" { idat += body.dropFirst(4) }
            offset += 12 + length
        }
        #expect(types == ["IHDR", "IDAT", "IEND"])
        var raw: [UInt8] = []
        var p = 2
        while true {
            let final = idat[p] & 1
            let n = Int(idat[p + 1]) | Int(idat[p + 2]) << 8
            #expect(n == ~(Int(idat[p + 3]) | Int(idat[p + 4]) << 8) & 0xFFFF)
            raw += idat[(p + 5)..<(p + 5 + n)]
            p += 5 + n
            if final == 1 { break }
        }
        #expect(raw.count == 200 * (200 * 3 + 1), "more than one stored block")
        #expect(idat[p...].reduce(UInt32(0)) { $0 << 8 | UInt32($1) } == PNGEncoder.adler32(raw))
        #expect(Array(raw[1...3]) == [1, 2, 3])
        #expect(Array(raw[(100 * 601 + 1 + 300)...(100 * 601 + 3 + 300)]) == [255, 255, 255])
    }

    @Test("the connector: section parses every key")
    func configParses() throws {
        let yaml = """
            connector:
              title: Contoso Finance
              description: Customers and sales orders of the Contoso finance environment.
              host: contoso.operations.dynamics.com
              clientId: 11111111-2222-3333-4444-555555555555
              tenantId: contoso.onmicrosoft.com
              brandColor: "#0B556A"
              operations:
                "*": [list, get]
                CustomersV3: [list, get, create, update]
                LegalEntities: list
              actions: bound
              visibility:
                CustomerV3.CreditLimit: important
                ListLegalEntities: internal
            """
        let parsed = GeneratorConfig.parse(yaml: yaml, file: "/p/odata-generator-config.yaml")
        let config = try #require(parsed.config, "\(parsed.diagnostics)")
        let c = config.connector
        #expect(c.title == "Contoso Finance" && c.host == "contoso.operations.dynamics.com")
        #expect(c.clientId == "11111111-2222-3333-4444-555555555555" && c.tenantId == "contoso.onmicrosoft.com")
        #expect(c.brandColor == "#0B556A" && c.actions == .bound)
        #expect(c.operations == [.init(pattern: "*", operations: [.list, .get]),
                                 .init(pattern: "CustomersV3", operations: [.list, .get, .create, .update]),
                                 .init(pattern: "LegalEntities", operations: [.list])])
        #expect(c.visibility == [.init(name: "CustomerV3.CreditLimit", visibility: .important),
                                 .init(name: "ListLegalEntities", visibility: .internal)])
        #expect(config.locations["connector.operations[1]"]?.line == 10)
        // The first matching entry wins.
        let options = ConnectorOptions(config: c)
        #expect(options.operations(forEntitySet: "CustomersV3") == [.list, .get])
    }

    @Test("connector: errors are located", arguments: [
        ("connector:\n  title: \(String(repeating: "x", count: 31))\n", 2, 10, "has 31 characters"),
        ("connector:\n  host: https://x.example.com\n", 2, 9, "has a scheme"),
        ("connector:\n  clientId: abc\n", 2, 13, "is not a GUID"),
        ("connector:\n  brandColor: blue\n", 2, 15, "is not a colour"),
        ("connector:\n  operations:\n    CustomersV3: [list, remove]\n", 3, 25, "invalid value 'remove' for 'connector.operations.CustomersV3'"),
        ("connector:\n  actions: some\n", 2, 12, "invalid value 'some' for 'connector.actions'"),
        ("connector:\n  visibility:\n    X: hidden\n", 3, 8, "expected one of: important, advanced, internal"),
        ("connector:\n  titl: X\n", 2, 3, "did you mean 'title'?"),
        ("connector:\n  description: short\n", 2, 16, "has 5 characters"),
    ] as [(String, Int, Int, String)])
    func configErrors(yaml: String, line: Int, column: Int, message: String) {
        let parsed = GeneratorConfig.parse(yaml: yaml, file: "/p/odata-generator-config.yaml")
        #expect(parsed.config == nil)
        let errors = parsed.diagnostics.filter { $0.severity == .error }
        #expect(errors.count == 1, "\(parsed.diagnostics)")
        #expect(errors.first?.message.contains(message) == true, "\(errors.first?.message ?? "")")
        #expect(errors.first.map { "\($0.line):\($0.column)" } == "\(line):\(column)")
    }
}

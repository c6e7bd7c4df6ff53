import Foundation
import ODataTestSupport
import Testing
import ODataRuntime

/// Every URL the query tests build, with the exact text expected. The ABNF test checks all of them against the
/// OASIS grammar, so the expectations are not only strings written here.
enum URLCases {
    static func dto(_ s: String) -> EDMDateTimeOffset { try! EDMDateTimeOffset(parsing: s) }
    static func date(_ s: String) -> EDMDate { try! EDMDate(parsing: s) }

    static var all: [(label: String, url: URL, expected: String)] {
        let uuid = UUID(uuidString: "3F2504E0-4F89-11D3-9A0C-0305E82C3301")!
        let fourteen = ODataKeyPredicate([
            .init("dataAreaId", "usmf"), .init("A", "x/y"), .init("B", Int32(7)), .init("C", ODataInt64(9007199254740993)),
            .init("D", Decimal(string: "1.5")!), .init("E", true), .init("F", uuid), .init("G", date("2024-01-31")),
            .init("H", dto("2024-01-31T10:00:00+05:30")), .init("I", TNoYes.yes), .init("J", try! EDMTimeOfDay(parsing: "13:45:00")),
            .init("K", UInt8(255)), .init("L", Int16(-3)), .init("M", "O'Neil"),
        ])
        return [
            // Keys
            ("single key", products.key(TProduct.Key(id: "A")).url, base + "Products('A')"),
            ("key O'Neil", products.key(TProduct.Key(id: "O'Neil")).url, base + "Products('O''Neil')"),
            ("key with slash", products.key(TProduct.Key(id: "105E11/74N")).url, base + "Products('105E11%2F74N')"),
            ("key with plus", products.key(TProduct.Key(id: "A+B")).url, base + "Products('A%2BB')"),
            ("key with backslash", products.key(TProduct.Key(id: "C\\D")).url, base + "Products('C%5CD')"),
            ("key with percent", products.key(TProduct.Key(id: "50%")).url, base + "Products('50%25')"),
            ("key with space # & ?", products.key(TProduct.Key(id: "a b#c&d?e")).url, base + "Products('a%20b%23c%26d%3Fe')"),
            ("key non-ASCII", products.key(TProduct.Key(id: "Müller")).url, base + "Products('M%C3%BCller')"),
            ("composite key", customers.key(TCustomer.Key(dataAreaId: "usmf", customerAccount: "US-001")).url,
             base + "CustomersV3(dataAreaId='usmf',CustomerAccount='US-001')"),
            ("enum key", customers.key(predicate: ODataKeyPredicate([.init("dataAreaId", "usmf"), .init("Blocked", TNoYes.no)])).url,
             base + "CustomersV3(dataAreaId='usmf',Blocked=Microsoft.Dynamics.DataEntities.NoYes'No')"),
            ("14-part key", customers.key(predicate: fourteen).url,
             base + "CustomersV3(dataAreaId='usmf',A='x%2Fy',B=7,C=9007199254740993,D=1.5,E=true,F=3f2504e0-4f89-11d3-9a0c-0305e82c3301,"
                + "G=2024-01-31,H=2024-01-31T10:00:00%2B05:30,I=Microsoft.Dynamics.DataEntities.NoYes'Yes',J=13:45:00,K=255,L=-3,M='O''Neil')"),
            // Literals and operators
            ("string eq", products.filter { $0.name == "O'Neil & Sons" }.url, base + "Products?$filter=Name%20eq%20'O''Neil%20%26%20Sons'"),
            ("string ne", products.filter { $0.name != "a+b" }.url, base + "Products?$filter=Name%20ne%20'a%2Bb'"),
            ("byte", products.filter { $0.byte >= 255 }.url, base + "Products?$filter=Byte%20ge%20255"),
            ("sbyte", products.filter { $0.sbyte < -128 }.url, base + "Products?$filter=SByte%20lt%20-128"),
            ("int16", products.filter { $0.int16 <= 32767 }.url, base + "Products?$filter=Int16%20le%2032767"),
            ("int32", products.filter { $0.int32 > -5 }.url, base + "Products?$filter=Int32%20gt%20-5"),
            ("int", products.filter { $0.count == 3 }.url, base + "Products?$filter=Count%20eq%203"),
            ("int64 above 2^53", products.filter { $0.int64 == ODataInt64(9007199254740993) }.url, base + "Products?$filter=Int64%20eq%209007199254740993"),
            ("decimal", products.filter { $0.price == Decimal(string: "12345678901234.5678")! }.url, base + "Products?$filter=Price%20eq%2012345678901234.5678"),
            ("decimal 10^30", products.filter { $0.price < Decimal(string: "1e30")! }.url, base + "Products?$filter=Price%20lt%201000000000000000000000000000000"),
            ("decimal 10^-30", products.filter { $0.price > Decimal(string: "-1e-30")! }.url, base + "Products?$filter=Price%20gt%20-0.000000000000000000000000000001"),
            ("double", products.filter { $0.weight == 1.5 }.url, base + "Products?$filter=Weight%20eq%201.5"),
            ("double INF", products.filter { $0.weight == .infinity }.url, base + "Products?$filter=Weight%20eq%20INF"),
            ("double -INF", products.filter { $0.weight == -.infinity }.url, base + "Products?$filter=Weight%20eq%20-INF"),
            ("double NaN", products.filter { $0.weight != .nan }.url, base + "Products?$filter=Weight%20ne%20NaN"),
            ("double exponent", products.filter { $0.weight < 1e20 }.url, base + "Products?$filter=Weight%20lt%201e%2B20"),
            ("double small", products.filter { $0.weight > 0.00001 }.url, base + "Products?$filter=Weight%20gt%201e-05"),
            ("float", products.filter { $0.ratio == 2.5 }.url, base + "Products?$filter=Ratio%20eq%202.5"),
            ("bool", products.filter { $0.active == true }.url, base + "Products?$filter=Active%20eq%20true"),
            ("guid", products.filter { $0.guid == uuid }.url, base + "Products?$filter=Guid%20eq%203f2504e0-4f89-11d3-9a0c-0305e82c3301"),
            ("date", products.filter { $0.released >= date("2024-01-31") }.url, base + "Products?$filter=Released%20ge%202024-01-31"),
            ("date time offset +", products.filter { $0.changed < dto("2024-01-31T10:00:00.123+05:30") }.url,
             base + "Products?$filter=Changed%20lt%202024-01-31T10:00:00.123%2B05:30"),
            ("date time offset Z", products.filter { $0.changed > dto("2024-01-31T10:00:00Z") }.url, base + "Products?$filter=Changed%20gt%202024-01-31T10:00:00Z"),
            ("time of day", products.filter { $0.opens == (try! EDMTimeOfDay(parsing: "13:45:00.123")) }.url, base + "Products?$filter=Opens%20eq%2013:45:00.123"),
            ("duration", products.filter { $0.warranty == (try! EDMDuration(parsing: "P1DT2H")) }.url, base + "Products?$filter=Warranty%20eq%20duration'P1DT2H'"),
            ("binary", products.filter { $0.thumbnail == Data("OData".utf8) }.url, base + "Products?$filter=Thumbnail%20eq%20binary'T0RhdGE='"),
            ("enum", products.filter { $0.flag == .yes }.url, base + "Products?$filter=Flag%20eq%20Microsoft.Dynamics.DataEntities.NoYes'Yes'"),
            ("null", products.filter { $0.name.isNull }.url, base + "Products?$filter=Name%20eq%20null"),
            ("not null", products.filter { $0.name.isNotNull }.url, base + "Products?$filter=Name%20ne%20null"),
            // Combinations
            ("and or not", products.filter { ($0.int32 == 1 || $0.int32 == 2) && !($0.active == false) }.url,
             base + "Products?$filter=(Int32%20eq%201%20or%20Int32%20eq%202)%20and%20not%20(Active%20eq%20false)"),
            ("two filters", products.filter { $0.int32 == 1 }.filter { $0.name == "x" }.url, base + "Products?$filter=Int32%20eq%201%20and%20Name%20eq%20'x'"),
            // Generic profile functions
            ("contains", products.filter { $0.name.contains("retail") }.url, base + "Products?$filter=contains(Name,'retail')"),
            ("startswith endswith", products.filter { $0.name.startsWith("A") && $0.name.endsWith("Z") }.url,
             base + "Products?$filter=startswith(Name,'A')%20and%20endswith(Name,'Z')"),
            ("tolower length", products.filter { $0.name.lowercased == "abc" && $0.name.length > 3 }.url,
             base + "Products?$filter=tolower(Name)%20eq%20'abc'%20and%20length(Name)%20gt%203"),
            ("in", products.filter { $0.int32.isIn([1, 2, 3]) }.url, base + "Products?$filter=Int32%20in%20(1,2,3)"),
            ("has", products.filter { $0.permissions.has(TPermissions(rawValue: "Read,Write")) }.url,
             base + "Products?$filter=Permissions%20has%20Test.Permissions'Read,Write'"),
            ("any", products.filter { $0.orders.any { $0.total > 100 } }.url, base + "Products?$filter=Orders/any(d:d/Total%20gt%20100)"),
            ("all", products.filter { $0.orders.all { $0.id != 0 } }.url, base + "Products?$filter=Orders/all(d:d/Id%20ne%200)"),
            ("year round", products.filter { $0.released.year == 2024 && $0.price.rounded == 10 }.url,
             base + "Products?$filter=year(Released)%20eq%202024%20and%20round(Price)%20eq%2010"),
            ("navigation path", products.filter { $0.supplier.name == "Contoso" }.url, base + "Products?$filter=Supplier/Name%20eq%20'Contoso'"),
            // F&O profile
            ("fno sketch", customers.filter { $0.creditLimit > 10_000 && $0.customerAccount == "US-001" && $0.onHold == .no }
                .select(\.customerAccount, \.organizationName, \.creditLimit).orderBy(\.organizationName).top(100).crossCompany().url,
             base + "CustomersV3?$filter=CreditLimit%20gt%2010000%20and%20CustomerAccount%20eq%20'US-001'%20and%20OnHoldStatus%20eq%20Microsoft.Dynamics.DataEntities.NoYes'No'"
                + "&$select=CustomerAccount,OrganizationName,CreditLimit&$orderby=OrganizationName&$top=100&cross-company=true"),
            ("fno wildcard", customers.filter { $0.organizationName.containsText("retail") }.url, base + "CustomersV3?$filter=OrganizationName%20eq%20'*retail*'"),
            ("fno prefix", customers.filter { $0.customerAccount.hasPrefix("US-") }.url, base + "CustomersV3?$filter=CustomerAccount%20eq%20'US-*'"),
            ("fno like", customers.filter { $0.organizationName.like("*a+b*") }.url, base + "CustomersV3?$filter=OrganizationName%20eq%20'*a%2Bb*'"),
            ("fno dataAreaId filter without cross-company", customers.filter { $0.dataAreaId == "usmf" }.url, base + "CustomersV3?$filter=dataAreaId%20eq%20'usmf'"),
            ("fno offset", customers.filter { $0.createdDate >= dto("2024-01-01T00:00:00+01:00") }.url,
             base + "CustomersV3?$filter=CustomerCreatedDate%20ge%202024-01-01T00:00:00%2B01:00"),
            // Options
            ("select orderby top skip count", customers.select(\.customerAccount, \.organizationName).orderBy(\.organizationName)
                .orderBy(\.creditLimit, .descending).top(100).skip(200).count(true).crossCompany().url,
             base + "CustomersV3?$select=CustomerAccount,OrganizationName&$orderby=OrganizationName,CreditLimit%20desc&$top=100&$skip=200&$count=true&cross-company=true"),
            ("top only", customers.top(5).url, base + "CustomersV3?$top=5"),
            ("skip count", customers.skip(10).count(true).url, base + "CustomersV3?$skip=10&$count=true"),
            ("expand", customers.expand(\.salesOrders).url, base + "CustomersV3?$expand=SalesOrderHeaders"),
            ("expand select filter", products.filter { $0.active == true }.select(\.id, \.name).expand(\.orders).expand(\.supplier).url,
             base + "Products?$filter=Active%20eq%20true&$select=ID,Name&$expand=Orders,Supplier"),
            ("nested expand", products.expand(\.orders) { $0.filter { $0.total > 5 }.select(\.id).orderBy(\.total, .descending).top(3).expand(\.lines) }.url,
             base + "Products?$expand=Orders($filter=Total%20gt%205;$select=Id;$expand=Lines;$orderby=Total%20desc;$top=3)"),
            ("custom option", customers.option("my-option", "a&b=c+d").url, base + "CustomersV3?my-option=a%26b=c%2Bd"),
            ("count url", customers.filter { $0.creditLimit > 0 }.top(5).crossCompany().countURL,
             base + "CustomersV3/$count?$filter=CreditLimit%20gt%200&cross-company=true"),
            // Navigation and entity requests
            ("navigate collection", customers.key(TCustomer.Key(dataAreaId: "usmf", customerAccount: "US-001")).navigate(\.salesOrders).top(5).url,
             base + "CustomersV3(dataAreaId='usmf',CustomerAccount='US-001')/SalesOrderHeaders?$top=5"),
            ("entity select expand", customers.key(TCustomer.Key(dataAreaId: "usmf", customerAccount: "A/B")).select(\.organizationName).url,
             base + "CustomersV3(dataAreaId='usmf',CustomerAccount='A%2FB')?$select=OrganizationName"),
            ("entity expand", products.key(TProduct.Key(id: "P1")).expand(\.orders).url, base + "Products('P1')?$expand=Orders"),
            ("navigate single", products.key(TProduct.Key(id: "P1")).navigate(\.supplier).url, base + "Products('P1')/Supplier"),
            // Operations
            ("bound action", ODataOperation<Decimal>.action(context: queryContext, path: customers.key(TCustomer.Key(dataAreaId: "usmf", customerAccount: "US-001")).path,
                                                            name: "Microsoft.Dynamics.DataEntities.getCreditLimitUsage", resultInValue: true).url,
             base + "CustomersV3(dataAreaId='usmf',CustomerAccount='US-001')/Microsoft.Dynamics.DataEntities.getCreditLimitUsage"),
            ("bound function", { () -> URL in
                var op = ODataOperation<Int32>.function(context: queryContext, path: products.path, name: "Test.MostExpensive", resultInValue: true)
                op.urlParameter("Category", "A/B")
                op.urlParameter("Limit", Int32(5))
                return op.url
            }(), base + "Products/Test.MostExpensive(Category='A%2FB',Limit=5)"),
            ("function import", ODataOperation<Int32>.function(context: queryContext, path: "", name: "GetCount", resultInValue: true).url, base + "GetCount()"),
        ]
    }
}

@Suite("Query URLs")
struct QueryURLTests {
    @Test("each URL is built exactly", arguments: URLCases.all.map(\.label))
    func exact(_ label: String) throws {
        let c = try #require(URLCases.all.first { $0.label == label })
        #expect(c.url.absoluteString == c.expected)
    }

    @Test("every URL passes the OASIS OData ABNF (../shared/tools/odata-url-check.py)")
    func abnf() throws {
        let (failures, skipped) = try ABNFCheck.run(URLCases.all.map(\.url.absoluteString))
        if let skipped {
            print("note: \(skipped)")
            return
        }
        #expect(failures.isEmpty, "\(failures.joined(separator: "\n"))")
    }

    @Test("the ABNF check rejects a URL with a raw space and one with a raw + (so the check above can fail)")
    func abnfRejects() throws {
        let (failures, skipped) = try ABNFCheck.run([base + "Products?$filter=Name eq 'a'", base + "Products('A+B')"])
        if let skipped {
            print("note: \(skipped)")
            return
        }
        #expect(failures.count == 2)
    }

    @Test("a query option value never contains a raw +, and a key never a raw / \\ # ? or space")
    func noRawPlus() {
        for c in URLCases.all {
            #expect(!c.url.absoluteString.contains("+"), "\(c.label)")
            #expect(!c.url.absoluteString.contains(" "), "\(c.label)")
            #expect(!c.url.absoluteString.contains("#"), "\(c.label)")
        }
    }

    @Test("literals", arguments: [
        (ODataNull().odataLiteral, "null"), (Optional<Int32>.none.odataLiteral, "null"), (Optional<Int32>.some(4).odataLiteral, "4"),
        ("O'Neil".odataLiteral, "'O''Neil'"), (Float.nan.odataLiteral, "NaN"), ((-Float.infinity).odataLiteral, "-INF"),
        (Decimal(string: "-0.5")!.odataLiteral, "-0.5"), (ODataDecimal(Decimal(string: "123456789012345678.90")!).odataLiteral, "123456789012345678.9"),
        (Data([0xFB, 0xFF]).odataLiteral, "binary'-_8='"), (TNoYes(rawValue: "Yes")!.odataLiteral, "Microsoft.Dynamics.DataEntities.NoYes'Yes'"),
        (Int64.min.odataLiteral, "-9223372036854775808"),
    ])
    func literal(_ pair: (String, String)) {
        #expect(pair.0 == pair.1)
    }

    @Test("the single key is unnamed, a composite key is named in key order")
    func keyPredicate() {
        #expect(ODataKeyPredicate([.init("ID", 5)]).text == "(5)")
        #expect(ODataKeyPredicate([.init("a", "x"), .init("b", 2)]).text == "(a='x',b=2)")
        #expect(ODataKeyPredicate([.init("a", "x/y")]).encoded == "('x%2Fy')")
    }
}

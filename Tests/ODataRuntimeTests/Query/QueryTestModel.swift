import Foundation
import ODataRuntime

// Hand-written stand-ins for generated code (the generator's own output is exercised by GeneratedSampleTests):
// an F&O entity keyed by dataAreaId, and generic-profile entities with every literal type and navigation.

enum TNoYes: String, Codable, Hashable, Sendable, ODataEnumLiteral {
    case no = "No", yes = "Yes"
    static let edmName = "Microsoft.Dynamics.DataEntities.NoYes"
}

struct TPermissions: RawRepresentable, Codable, Hashable, Sendable, ODataFlagsLiteral {
    static let edmName = "Test.Permissions"
    var rawValue: String
    init(rawValue: String) { self.rawValue = rawValue }
}

struct TCustomer: Codable, Hashable, Sendable, ODataKeyedEntity, ODataCompanySpecific {
    typealias Profile = ODataFNOProfile
    static let edmName = "Microsoft.Dynamics.DataEntities.CustomerV3"
    var odataEtag: String?
    var dataAreaId: String
    var customerAccount: String
    var organizationName: String?
    var creditLimit: Decimal
    var onHold: TNoYes
    var createdDate: EDMDateTimeOffset

    enum CodingKeys: String, CodingKey {
        case odataEtag = "@odata.etag", dataAreaId, customerAccount = "CustomerAccount", organizationName = "OrganizationName"
        case creditLimit = "CreditLimit", onHold = "OnHoldStatus", createdDate = "CustomerCreatedDate"
    }

    struct Key: ODataEntityKey {
        var dataAreaId: String
        var customerAccount: String
        var keyPredicate: ODataKeyPredicate {
            ODataKeyPredicate([ODataKeyPredicate.Part("dataAreaId", dataAreaId), ODataKeyPredicate.Part("CustomerAccount", customerAccount)])
        }
    }
    var key: Key { Key(dataAreaId: dataAreaId, customerAccount: customerAccount) }

    struct Fields: ODataFieldSet {
        typealias Entity = TCustomer
        let odataPathPrefix: String
        init(odataPathPrefix: String) { self.odataPathPrefix = odataPathPrefix }
        var dataAreaId: ODataField<String, ODataFNOProfile> { ODataField<String, ODataFNOProfile>(odataPathPrefix, "dataAreaId") }
        var customerAccount: ODataField<String, ODataFNOProfile> { ODataField<String, ODataFNOProfile>(odataPathPrefix, "CustomerAccount") }
        var organizationName: ODataField<String, ODataFNOProfile> { ODataField<String, ODataFNOProfile>(odataPathPrefix, "OrganizationName") }
        var creditLimit: ODataField<Decimal, ODataFNOProfile> { ODataField<Decimal, ODataFNOProfile>(odataPathPrefix, "CreditLimit") }
        var onHold: ODataField<TNoYes, ODataFNOProfile> { ODataField<TNoYes, ODataFNOProfile>(odataPathPrefix, "OnHoldStatus") }
        var createdDate: ODataField<EDMDateTimeOffset, ODataFNOProfile> { ODataField<EDMDateTimeOffset, ODataFNOProfile>(odataPathPrefix, "CustomerCreatedDate") }
        var salesOrders: ODataCollectionNavigation<TOrderFNO> { ODataCollectionNavigation<TOrderFNO>(odataPathPrefix, "SalesOrderHeaders") }
    }
}

struct TOrderFNO: Codable, Hashable, Sendable, ODataEntityType {
    typealias Profile = ODataFNOProfile
    static let edmName = "Microsoft.Dynamics.DataEntities.SalesOrderHeaderV2"
    var odataEtag: String?
    var salesOrderNumber: String
    struct Fields: ODataFieldSet {
        typealias Entity = TOrderFNO
        let odataPathPrefix: String
        init(odataPathPrefix: String) { self.odataPathPrefix = odataPathPrefix }
        var salesOrderNumber: ODataField<String, ODataFNOProfile> { ODataField<String, ODataFNOProfile>(odataPathPrefix, "SalesOrderNumber") }
        var customer: TCustomer.Fields { TCustomer.Fields(odataPathPrefix: ODataPath.navigation(odataPathPrefix, "Customer")) }
    }
}

/// Every literal type, generic profile.
struct TProduct: Codable, Hashable, Sendable, ODataKeyedEntity {
    typealias Profile = ODataGenericProfile
    static let edmName = "Test.Product"
    var odataEtag: String?
    var id: String

    struct Key: ODataEntityKey {
        var id: String
        var keyPredicate: ODataKeyPredicate { ODataKeyPredicate([ODataKeyPredicate.Part("ID", id)]) }
    }
    var key: Key { Key(id: id) }

    struct Fields: ODataFieldSet {
        typealias Entity = TProduct
        typealias F<V> = ODataField<V, ODataGenericProfile>
        let odataPathPrefix: String
        init(odataPathPrefix: String) { self.odataPathPrefix = odataPathPrefix }
        var id: F<String> { F<String>(odataPathPrefix, "ID") }
        var name: F<String> { F<String>(odataPathPrefix, "Name") }
        var byte: F<UInt8> { F<UInt8>(odataPathPrefix, "Byte") }
        var sbyte: F<Int8> { F<Int8>(odataPathPrefix, "SByte") }
        var int16: F<Int16> { F<Int16>(odataPathPrefix, "Int16") }
        var int32: F<Int32> { F<Int32>(odataPathPrefix, "Int32") }
        var int64: F<ODataInt64> { F<ODataInt64>(odataPathPrefix, "Int64") }
        var count: F<Int> { F<Int>(odataPathPrefix, "Count") }
        var price: F<Decimal> { F<Decimal>(odataPathPrefix, "Price") }
        var weight: F<Double> { F<Double>(odataPathPrefix, "Weight") }
        var ratio: F<Float> { F<Float>(odataPathPrefix, "Ratio") }
        var active: F<Bool> { F<Bool>(odataPathPrefix, "Active") }
        var guid: F<UUID> { F<UUID>(odataPathPrefix, "Guid") }
        var released: F<EDMDate> { F<EDMDate>(odataPathPrefix, "Released") }
        var changed: F<EDMDateTimeOffset> { F<EDMDateTimeOffset>(odataPathPrefix, "Changed") }
        var opens: F<EDMTimeOfDay> { F<EDMTimeOfDay>(odataPathPrefix, "Opens") }
        var warranty: F<EDMDuration> { F<EDMDuration>(odataPathPrefix, "Warranty") }
        var thumbnail: F<Data> { F<Data>(odataPathPrefix, "Thumbnail") }
        var flag: F<TNoYes> { F<TNoYes>(odataPathPrefix, "Flag") }
        var permissions: F<TPermissions> { F<TPermissions>(odataPathPrefix, "Permissions") }
        var orders: ODataCollectionNavigation<TOrder> { ODataCollectionNavigation<TOrder>(odataPathPrefix, "Orders") }
        var supplier: TSupplier.Fields { TSupplier.Fields(odataPathPrefix: ODataPath.navigation(odataPathPrefix, "Supplier")) }
    }
}

struct TOrder: Codable, Hashable, Sendable, ODataEntityType {
    typealias Profile = ODataGenericProfile
    static let edmName = "Test.Order"
    var odataEtag: String?
    struct Fields: ODataFieldSet {
        typealias Entity = TOrder
        let odataPathPrefix: String
        init(odataPathPrefix: String) { self.odataPathPrefix = odataPathPrefix }
        var id: ODataField<Int32, ODataGenericProfile> { ODataField<Int32, ODataGenericProfile>(odataPathPrefix, "Id") }
        var total: ODataField<Decimal, ODataGenericProfile> { ODataField<Decimal, ODataGenericProfile>(odataPathPrefix, "Total") }
        var lines: ODataCollectionNavigation<TOrder> { ODataCollectionNavigation<TOrder>(odataPathPrefix, "Lines") }
    }
}

struct TSupplier: Codable, Hashable, Sendable, ODataEntityType {
    typealias Profile = ODataGenericProfile
    static let edmName = "Test.Supplier"
    var odataEtag: String?
    struct Fields: ODataFieldSet {
        typealias Entity = TSupplier
        let odataPathPrefix: String
        init(odataPathPrefix: String) { self.odataPathPrefix = odataPathPrefix }
        var name: ODataField<String, ODataGenericProfile> { ODataField<String, ODataGenericProfile>(odataPathPrefix, "Name") }
    }
}

let queryContext = ODataServiceContext(serviceRoot: URL(string: "https://contoso.operations.dynamics.com/data")!)
var customers: ODataQuery<TCustomer, TCustomer> { ODataQuery<TCustomer, TCustomer>(context: queryContext, entitySet: "CustomersV3") }
var products: ODataQuery<TProduct, TProduct> { ODataQuery<TProduct, TProduct>(context: queryContext, entitySet: "Products") }
let base = "https://contoso.operations.dynamics.com/data/"

// FNOClient: the code generated from ../../../metadata/fno-sample.xml lives in Generated/ (committed; regenerate with
// `swift package --allow-writing-to-package-directory generate-odata-code --target FNOClient`). Hand-written
// additions live beside it.

extension SalesOrderHeaderV2 {
    /// Whether the order has been invoiced.
    public var isInvoiced: Bool { salesOrderStatus == .invoiced }
}

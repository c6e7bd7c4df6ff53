// The generated code (CustomerV3, SalesOrderHeaderV2, NoYes, ...) is added to this module by the ODataGenerator
// build plugin. Hand-written additions live beside it, like this one.

extension CustomerV3 {
    /// Whether the customer is on hold for anything.
    public var isOnHold: Bool { onHoldStatus != .no }
}

extension CodingUserInfoKey {
    /// Set to `true` in a `JSONEncoder`'s `userInfo` to write `Edm.Int64` and `Edm.Decimal` values
    /// (``ODataInt64``, ``ODataDecimal``) as JSON strings, as OData requires of a request whose `Content-Type`
    /// says `IEEE754Compatible=true`. Without it they are written as JSON numbers.
    ///
    /// ```swift
    /// let encoder = JSONEncoder()
    /// encoder.userInfo[.odataIEEE754Compatible] = true
    /// ```
    ///
    /// Decoding needs no setting: both forms are always accepted.
    public static let odataIEEE754Compatible: CodingUserInfoKey = {
        guard let key = CodingUserInfoKey(rawValue: "ODataRuntime.IEEE754Compatible") else {
            // `CodingUserInfoKey(rawValue:)` accepts every string; this cannot happen.
            preconditionFailure("CodingUserInfoKey(rawValue:) rejected a constant key")
        }
        return key
    }()
}

extension Encoder {
    /// Whether ``CodingUserInfoKey/odataIEEE754Compatible`` is set to `true`.
    var writesIEEE754CompatibleStrings: Bool {
        (userInfo[.odataIEEE754Compatible] as? Bool) == true
    }
}

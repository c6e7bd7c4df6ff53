import ODataCSDL

/// Edm types to Swift types, the table of DESIGN.md. Runtime types come from `ODataRuntime`.
public enum SwiftTypeMapping {
    /// The Swift type of a primitive, or nil for the types kept as raw JSON.
    public static func swiftType(of primitive: EDMPrimitive) -> String? {
        switch primitive {
        case .string: return "String"
        case .boolean: return "Bool"
        case .byte: return "UInt8"
        case .sByte: return "Int8"
        case .int16: return "Int16"
        case .int32: return "Int32"
        case .int64: return "ODataInt64"
        case .decimal: return "Decimal"
        case .double: return "Double"
        case .single: return "Float"
        case .guid: return "UUID"
        case .binary: return "Data"
        case .date: return "EDMDate"
        case .timeOfDay: return "EDMTimeOfDay"
        case .duration: return "EDMDuration"
        case .dateTimeOffset: return "EDMDateTimeOffset"
        default: return nil
        }
    }

    /// The runtime type for values kept as raw JSON (streams, spatial types, Edm.Untyped, abstract types).
    public static let rawJSONType = "ODataJSONValue"
}

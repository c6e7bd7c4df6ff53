/// The surface of `ODataRuntime` that generated code is written against.
///
/// Generated files declare a conformance to the protocol of the API version they were generated for, e.g.
/// `fileprivate struct _ODataRuntimeCheck: ODataRuntimeAPIVersion1 {}`. When a runtime drops that version, the
/// generated code stops compiling with a message naming the protocol, instead of failing in subtle ways.
public protocol ODataRuntimeAPIVersion1 {}

/// Version information of the runtime library.
public enum ODataRuntimeVersion {
    /// The newest generated-code API version this runtime supports.
    public static let apiVersion = 1
}

import Testing
import ODataRuntime

/// Generated code declares this conformance; it must keep compiling against the runtime.
private struct GeneratedCodeCheck: ODataRuntimeAPIVersion1 {}

@Test("the runtime supports API version 1, the one generated code is written against")
func runtimeAPIVersion() {
    #expect(ODataRuntimeVersion.apiVersion >= 1)
    let check: any ODataRuntimeAPIVersion1 = GeneratedCodeCheck()
    #expect(check is GeneratedCodeCheck)
}

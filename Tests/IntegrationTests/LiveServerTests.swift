import Foundation
import ODataRuntime
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The fixture itself: a test that fails still stops its server.
@Suite("Live server fixture", .enabled(if: Peers.available, "no peers Python: set ODATA_PEERS_PYTHON or run Tests/Peers/setup-venv.sh"))
struct LiveServerTests {
    final class PID: @unchecked Sendable { var value: Int32 = 0 }
    struct Boom: Error {}

    @Test("a failing test body still stops the server process")
    func stopsOnFailure() async throws {
        let pid = PID()
        await #expect(throws: Boom.self) {
            try await Live.run { live in
                pid.value = live.server.process.processIdentifier
                #expect(kill(pid.value, 0) == 0, "the server runs during the body")
                throw Boom()
            }
        }
        #expect(pid.value > 0)
        #expect(kill(pid.value, 0) != 0, "server process \(pid.value) still exists")
    }
}

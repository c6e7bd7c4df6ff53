import ArgumentParser
import ODataCSDL

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// `odata-generator`: reads OData v4 `$metadata` and generates code from it.
@main
struct ODataGenerator: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "odata-generator",
        abstract: "Read an OData v4 $metadata document (CSDL XML) and generate Swift code and connector definitions from it.",
        discussion: """
            Exit status: 0 = no errors (warnings allowed), 1 = the document has errors, 2 = usage error or \
            unreadable input.
            """,
        version: "0.1.0",
        subcommands: [
            Inspect.self, Validate.self, Generate.self, Templates.self,
            Connector.self,
            OpenAPI.self,
            LintConnector.self,
            Diff.self,
            Trim.self,
            FetchMetadata.self,
        ]
    )

    /// Exit statuses shared by every command.
    enum Status {
        static let ok: Int32 = 0
        static let documentErrors: Int32 = 1
        static let usage: Int32 = 2
    }

    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let exit as ExitCode {
            exitProcess(exit.rawValue)
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                print(fullMessage(for: error))
                exitProcess(Status.ok)
            }
            writeStandardError(fullMessage(for: error) + "\n")
            exitProcess(Status.usage)
        }
    }
}

func exitProcess(_ code: Int32) -> Never {
    fflush(nil)
    exit(code)
}

/// Writes to file descriptor 2 directly (unbuffered, safe under strict concurrency).
func writeStandardError(_ text: String) {
    fflush(nil)
    var bytes = Array(text.utf8)
    var offset = 0
    while offset < bytes.count {
        let n = bytes.withUnsafeMutableBytes { write(2, $0.baseAddress! + offset, $0.count - offset) }
        if n <= 0 { break }
        offset += n
    }
    bytes.removeAll()
}

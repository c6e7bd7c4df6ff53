import ArgumentParser
import Dispatch
import Foundation
import ODataCSDL
import ODataRuntime

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// When `fetch-metadata` draws its progress line.
enum ProgressMode: String, ExpressibleByArgument, CaseIterable {
    case auto, always, never
}

/// `odata-generator fetch-metadata --service-root URL --output FILE`: downloads `$metadata` through the runtime
/// client (authentication, 429/503 retries, 401 token refresh), streaming it to a temporary file beside the output,
/// validates it with the reader and only then renames it into place.
struct FetchMetadata: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fetch-metadata",
        abstract: "Download a service's $metadata to a file (streamed, atomic) and validate it.",
        discussion: """
            GETs <service root>/$metadata with Accept: application/xml through the ODataRuntime client: 429 and 503 \
            answers are retried (Retry-After honoured), a 401 renews a client-credentials token once. The body is \
            streamed to a hidden temporary file beside FILE; only a complete download that the reader accepts is \
            renamed to FILE, so an interrupted or failed download never leaves a partial file and an existing FILE \
            stays untouched.

            Authentication (secrets come from environment variables only, never from flags): Microsoft Entra ID \
            client credentials with --tenant-id, --client-id and --client-secret-env VAR (the scope defaults to \
            <scheme>://<host>/.default of the service root, for F&O https://<env>.operations.dynamics.com/.default; \
            --token-endpoint replaces https://login.microsoftonline.com/<tenant>/oauth2/v2.0/token for sovereign \
            clouds and tests); or a token you already have with --bearer-token-env VAR; or neither (no \
            Authorization header).

            Progress (bytes, rate) is redrawn in place on standard error when it is a terminal (--progress auto); a \
            one-line summary is printed on standard error in every case.

            Validation: diagnostics are printed as path:line:col: severity: message. A document with errors does \
            not replace FILE: it is kept as FILE.invalid (the diagnostics point into it) and the exit status is 1.

            Exit status: 0 = fetched and valid (warnings allowed), 1 = the document has errors, 2 = usage error, \
            HTTP or network failure (one line: status and the service's error message), 130 = interrupted.
            """
    )

    @Option(name: .customLong("service-root"), help: "The service root, e.g. https://contoso.operations.dynamics.com/data.")
    var serviceRoot: String

    @Option(name: [.short, .customLong("output")], help: "The file to write (its folder must exist).")
    var output: String

    @Option(name: .customLong("tenant-id"), help: "Entra ID tenant (directory) ID or domain, for client credentials.")
    var tenantID: String?

    @Option(name: .customLong("client-id"), help: "Application (client) ID of the Entra ID app registration.")
    var clientID: String?

    @Option(name: .customLong("client-secret-env"),
            help: ArgumentHelp("The name of the environment variable holding the client secret.", valueName: "VAR"))
    var clientSecretEnv: String?

    @Option(name: .customLong("bearer-token-env"),
            help: ArgumentHelp("The name of the environment variable holding a bearer token to send as is.", valueName: "VAR"))
    var bearerTokenEnv: String?

    @Option(name: .customLong("token-endpoint"),
            help: "The OAuth 2.0 token endpoint (default https://login.microsoftonline.com/<tenant>/oauth2/v2.0/token).")
    var tokenEndpoint: String?

    @Option(help: "The scope to ask for (default <scheme>://<host>/.default of the service root).")
    var scope: String?

    @Option(help: "Seconds allowed for each attempt, the whole download included.")
    var timeout: Double = 300

    @Option(help: "Draw the progress line: auto (when standard error is a terminal), always or never.")
    var progress: ProgressMode = .auto

    // MARK: - Checking the options

    /// What the options resolve to, secrets included (never printed).
    struct Plan {
        var metadataURL: URL
        var output: URL
        var authentication: ODataAuthentication
        /// Secret values to scrub from anything printed.
        var secrets: [String]
    }

    func validate() throws {
        _ = try plan(environment: ProcessInfo.processInfo.environment)
    }

    func plan(environment: [String: String]) throws -> Plan {
        guard let root = URL(string: serviceRoot), let scheme = root.scheme?.lowercased(),
              scheme == "http" || scheme == "https", let host = root.host, !host.isEmpty
        else {
            throw ValidationError("--service-root \"\(serviceRoot)\" is not an http(s) URL with a host")
        }
        var text = root.absoluteString
        if text.hasSuffix("/$metadata") { text.removeLast("$metadata".count) }
        if !text.hasSuffix("/") { text += "/" }
        guard root.query == nil, root.fragment == nil, let metadataURL = URL(string: text + "$metadata") else {
            throw ValidationError("--service-root \"\(serviceRoot)\" must not carry a query or fragment")
        }
        guard timeout > 0, timeout.isFinite else { throw ValidationError("--timeout must be a positive number of seconds") }

        guard !output.isEmpty else { throw ValidationError("--output must name a file") }
        let outputURL = URL(fileURLWithPath: output)
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: outputURL.path, isDirectory: &isDirectory), isDirectory.boolValue {
            throw ValidationError("--output \(output) is a directory; name the file to write")
        }
        let folder = outputURL.deletingLastPathComponent()
        if !FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory) || !isDirectory.boolValue {
            throw ValidationError("the folder of --output \(output) does not exist (\(folder.path))")
        }

        func secret(_ option: String, _ variable: String) throws -> String {
            guard !variable.isEmpty else { throw ValidationError("\(option) needs the name of an environment variable") }
            guard let value = environment[variable] else {
                throw ValidationError("the environment variable \(variable) named by \(option) is not set")
            }
            let trimmed = value.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !trimmed.isEmpty else {
                throw ValidationError("the environment variable \(variable) named by \(option) is empty")
            }
            return trimmed
        }

        let credentialOptions = [("--tenant-id", tenantID), ("--client-id", clientID),
                                 ("--client-secret-env", clientSecretEnv), ("--token-endpoint", tokenEndpoint),
                                 ("--scope", scope)].compactMap { $0.1 == nil ? nil : $0.0 }
        if let bearerTokenEnv {
            if !credentialOptions.isEmpty {
                throw ValidationError("--bearer-token-env cannot be combined with \(credentialOptions.joined(separator: ", ")) (client credentials)")
            }
            let token = try secret("--bearer-token-env", bearerTokenEnv)
            return Plan(metadataURL: metadataURL, output: outputURL, authentication: .bearerToken(token), secrets: [token])
        }
        guard !credentialOptions.isEmpty else {
            return Plan(metadataURL: metadataURL, output: outputURL, authentication: .none, secrets: [])
        }
        guard let clientSecretEnv else {
            throw ValidationError("\(credentialOptions.joined(separator: ", ")) need --client-secret-env VAR (the client secret is read from that environment variable)")
        }
        guard let clientID, !clientID.isEmpty else {
            throw ValidationError("client credentials need --client-id (the application ID of the app registration)")
        }
        var endpoint: URL?
        if let tokenEndpoint {
            guard let url = URL(string: tokenEndpoint), let s = url.scheme?.lowercased(), s == "http" || s == "https",
                  url.host?.isEmpty == false
            else {
                throw ValidationError("--token-endpoint \"\(tokenEndpoint)\" is not an http(s) URL with a host")
            }
            endpoint = url
        } else if tenantID?.isEmpty ?? true {
            throw ValidationError("client credentials need --tenant-id (or --token-endpoint)")
        }
        let clientSecret = try secret("--client-secret-env", clientSecretEnv)
        let effectiveScope = scope ?? "\(scheme)://\(host)/.default"
        let authentication = ODataAuthentication.clientCredentials(
            tenantID: tenantID ?? "", clientID: clientID, clientSecret: clientSecret, scope: effectiveScope,
            tokenEndpoint: endpoint)
        return Plan(metadataURL: metadataURL, output: outputURL, authentication: authentication, secrets: [clientSecret])
    }

    // MARK: - Running

    func run() throws {
        let plan = try plan(environment: ProcessInfo.processInfo.environment)
        let scrub = Scrubber(secrets: plan.secrets)
        let drawsProgress: Bool
        switch progress {
        case .always: drawsProgress = true
        case .never: drawsProgress = false
        case .auto: drawsProgress = isatty(2) == 1 && ProcessInfo.processInfo.environment["TERM"] != "dumb"
        }
        let reporter = ProgressReporter(draws: drawsProgress)

        // The runtime streams into `.<name>.<uuid>.part` and renames it to this staging file when complete; the
        // staging file is renamed to the output only once the reader accepts it.
        let folder = plan.output.deletingLastPathComponent()
        let staging = folder.appendingPathComponent(".\(plan.output.lastPathComponent).\(getpid()).fetched")
        var configuration = ODataClientConfiguration()
        configuration.timeout = timeout
        let client = ODataClient(serviceRoot: plan.metadataURL.deletingLastPathComponent(),
                                 authentication: plan.authentication, configuration: configuration)
        let url = plan.metadataURL
        let outcome = DownloadOutcome()
        let task = Task.detached {
            do {
                try await client.download(url, to: staging, headers: ["Accept": "application/xml"]) { report in
                    reporter.update(report)
                }
                outcome.finish(nil)
            } catch {
                outcome.finish(error)
            }
        }
        let interrupts = InterruptWatch { task.cancel() }
        let failure = outcome.wait()
        reporter.clear()
        let outputName = output
        interrupts.onInterrupt {
            try? FileManager.default.removeItem(at: staging)
            writeStandardError("error: interrupted; \(outputName) was not changed\n")
            exitProcess(130)
        }

        if let failure {
            try? FileManager.default.removeItem(at: staging)
            if interrupts.fired {
                writeStandardError("error: interrupted; \(output) was not changed\n")
                exitProcess(130)
            }
            let message = (failure as? ODataError).map(\.description) ?? "\(failure)"
            writeStandardError("error: cannot fetch \(url.absoluteString): \(scrub.oneLine(message))\n")
            exitProcess(ODataGenerator.Status.usage)
        }

        let fetched = reporter.summary()
        let validation = Self.validate(staging: staging, output: plan.output.path)
        let errors = validation.diagnostics.count { $0.severity == .error }
        let warnings = validation.diagnostics.count { $0.severity == .warning }
        let counts = "\(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")"
        let destination = errors > 0 ? plan.output.path + ".invalid" : plan.output.path
        interrupts.onInterrupt { exitProcess(130) }
        if rename(staging.path, destination) != 0 {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: staging)
            writeStandardError("error: cannot move the download to \(destination): \(reason)\n")
            exitProcess(ODataGenerator.Status.usage)
        }
        for var d in validation.diagnostics {
            d.file = destination
            writeStandardError(d.description + "\n")
        }
        if errors > 0 {
            writeStandardError("\(destination): error: \(fetched); \(counts): the document was kept as \(destination) and \(output) was not changed\n")
            exitProcess(ODataGenerator.Status.documentErrors)
        }
        writeStandardError("\(output): \(fetched); \(counts)\n")
        exitProcess(ODataGenerator.Status.ok)
    }

    /// Reads and resolves the downloaded file; an unreadable file is one error diagnostic.
    static func validate(staging: URL, output: String) -> (diagnostics: [Diagnostic], model: EDMModel?) {
        let result: CSDLReadResult
        do {
            result = try CSDLReader.read(path: staging.path, displayName: output)
        } catch {
            return ([Diagnostic(.error, error.reason, file: output, line: 0, column: 0)], nil)
        }
        var diagnostics = result.diagnostics
        var model: EDMModel?
        if let document = result.document, !diagnostics.hasErrors {
            let resolved = EDMModel(document: document)
            diagnostics += resolved.diagnostics
            model = resolved
        } else if result.document == nil, !diagnostics.hasErrors {
            diagnostics.append(Diagnostic(.error, "the download is not a CSDL document", file: output, line: 0, column: 0))
        }
        return (diagnostics.sortedByLocation(), model)
    }
}

/// Replaces secrets by `REDACTED` and folds a message onto one line.
struct Scrubber {
    var secrets: [String]

    func oneLine(_ text: String) -> String {
        var text = text
        for secret in secrets where !secret.isEmpty {
            text = text.replacingOccurrences(of: secret, with: "REDACTED")
        }
        return text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
            .joined(separator: " ")
    }
}

/// The result of the download task, waited for by the (synchronous) command.
final class DownloadOutcome: @unchecked Sendable {
    private let lock = NSLock()
    private let done = DispatchSemaphore(value: 0)
    private var error: (any Error)?

    func finish(_ error: (any Error)?) {
        lock.lock()
        self.error = error
        lock.unlock()
        done.signal()
    }

    func wait() -> (any Error)? {
        done.wait()
        lock.lock()
        defer { lock.unlock() }
        return error
    }
}

/// Turns SIGINT and SIGTERM into the current action: cancelling the download (so the runtime removes its temporary
/// file), later removing the staging file and exiting.
final class InterruptWatch: @unchecked Sendable {
    private let lock = NSLock()
    private var sources: [any DispatchSourceSignal] = []
    private var didFire = false
    private var action: @Sendable () -> Void

    init(_ action: @escaping @Sendable () -> Void) {
        self.action = action
        for number in [SIGINT, SIGTERM] {
            // A signal ignored when the process started (a background job) stays ignored.
            let previous = signal(number, SIG_IGN)
            if unsafeBitCast(previous, to: Int.self) == unsafeBitCast(SIG_IGN, to: Int.self) { continue }
            // A parent may pass the signal on blocked: unblock it on this thread, which waits for the download.
            var set = sigset_t()
            sigemptyset(&set)
            sigaddset(&set, number)
            pthread_sigmask(SIG_UNBLOCK, &set, nil)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { [weak self] in self?.fire() }
            source.resume()
            sources.append(source)
        }
    }

    private func fire() {
        lock.lock()
        didFire = true
        let current = action
        lock.unlock()
        current()
    }

    /// Replaces the action (runs it at once when a signal already came).
    func onInterrupt(_ action: @escaping @Sendable () -> Void) {
        lock.lock()
        self.action = action
        let now = didFire
        lock.unlock()
        if now { action() }
    }

    var fired: Bool {
        lock.lock()
        defer { lock.unlock() }
        return didFire
    }
}

/// Draws `12.3 MB of 53.0 MB (23%), 4.1 MB/s` on standard error, redrawn in place at most 10 times a second, and
/// makes the summary.
final class ProgressReporter: @unchecked Sendable {
    private let lock = NSLock()
    private let draws: Bool
    private let start = Date()
    private var lastDraw = Date.distantPast
    private var drawn = false
    private var bytes: Int64 = 0
    private var expected: Int64?

    init(draws: Bool) { self.draws = draws }

    func update(_ report: ODataDownloadProgress) {
        lock.lock()
        defer { lock.unlock() }
        bytes = report.bytesWritten
        expected = report.expectedBytes
        let now = Date()
        guard draws, now.timeIntervalSince(lastDraw) >= 0.1 else { return }
        lastDraw = now
        drawn = true
        writeStandardError("\r\u{1B}[K" + Self.line(bytes: bytes, expected: expected, seconds: now.timeIntervalSince(start)))
    }

    /// Erases the progress line, if one was drawn.
    func clear() {
        lock.lock()
        defer { lock.unlock() }
        if drawn { writeStandardError("\r\u{1B}[K") }
        drawn = false
    }

    /// `fetched 12.3 MB in 2.1 s (5.9 MB/s)`.
    func summary() -> String {
        lock.lock()
        defer { lock.unlock() }
        let seconds = Date().timeIntervalSince(start)
        return "fetched \(Self.size(bytes)) in \(String(format: "%.1f", seconds)) s (\(Self.rate(bytes, seconds)))"
    }

    static func line(bytes: Int64, expected: Int64?, seconds: TimeInterval) -> String {
        var text = "downloading $metadata: \(size(bytes))"
        if let expected, expected > 0 {
            text += " of \(size(expected)) (\(min(100, bytes * 100 / expected))%)"
        }
        return text + ", \(rate(bytes, seconds))"
    }

    /// `512 B`, `12.3 kB`, `45.6 MB` (decimal units).
    static func size(_ bytes: Int64) -> String {
        if bytes < 1000 { return "\(bytes) B" }
        if bytes < 1_000_000 { return String(format: "%.1f kB", Double(bytes) / 1000) }
        if bytes < 1_000_000_000 { return String(format: "%.1f MB", Double(bytes) / 1_000_000) }
        return String(format: "%.2f GB", Double(bytes) / 1_000_000_000)
    }

    static func rate(_ bytes: Int64, _ seconds: TimeInterval) -> String {
        guard seconds > 0.001 else { return "- B/s" }
        return size(Int64(Double(bytes) / seconds)) + "/s"
    }
}

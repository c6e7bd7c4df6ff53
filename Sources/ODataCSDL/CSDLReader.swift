import CLibXML2
import Dispatch

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The input could not be read at all (exit status 2 in the CLI).
public struct CSDLInputError: Error, CustomStringConvertible, Sendable {
    /// The path as given.
    public var path: String
    /// Why it could not be read.
    public var reason: String
    public var description: String { "\(path): error: \(reason)" }
}

/// The result of reading one document: the document (nil when it is unusable) and every diagnostic.
public struct CSDLReadResult: Sendable {
    /// The document; nil when the input is not an EDMX document at all.
    public var document: CSDLDocument?
    /// All diagnostics of the read, in the order found.
    public var diagnostics: [Diagnostic]
}

/// Reads CSDL XML (EDMX 4.0 / 4.01) with libxml2's SAX2 interface, streaming: no DOM is built.
public enum CSDLReader {
    /// Reads the file at `path`. `displayName` (default: `path`) is the file name used in diagnostics.
    /// Throws `CSDLInputError` when the file cannot be opened (missing, a directory, no permission).
    public static func read(path: String, displayName: String? = nil) throws(CSDLInputError) -> CSDLReadResult {
        let name = displayName ?? path
        var st = stat()
        if stat(path, &st) != 0 {
            let err = errno
            throw CSDLInputError(path: name, reason: err == ENOENT
                ? "no such file; check the path of the metadata document"
                : "cannot read the file: \(String(cString: strerror(err)))")
        }
        if (st.st_mode & S_IFMT) == S_IFDIR {
            throw CSDLInputError(path: name, reason: "is a directory, not a metadata file; give the path of the $metadata XML file")
        }
        let fd = open(path, O_RDONLY)
        if fd < 0 {
            throw CSDLInputError(path: name, reason: "cannot open the file: \(String(cString: strerror(errno)))")
        }
        let source = InputSource(fd: fd, size: Int(st.st_size))
        defer { close(fd) }
        let result = parse(source: source, file: name)
        if let failure = source.readError {
            throw CSDLInputError(path: name, reason: "read failed: \(failure)")
        }
        return result
    }

    /// Reads a document held in memory; `file` is the name used in diagnostics.
    public static func read(bytes: [UInt8], file: String) -> CSDLReadResult {
        parse(source: InputSource(bytes: bytes), file: file)
    }

    /// Reads with model building forced onto a second thread (`true`) or inline (`false`), whatever the size.
    /// For tests that check both paths give the same result.
    static func read(bytes: [UInt8], file: String, concurrent: Bool) -> CSDLReadResult {
        parse(source: InputSource(bytes: bytes), file: file, concurrent: concurrent)
    }

    /// Reads a document held in a string; `file` is the name used in diagnostics.
    public static func read(string: String, file: String = "<memory>") -> CSDLReadResult {
        read(bytes: Array(string.utf8), file: file)
    }

    static let parseOptions: Int32 = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_BIG_LINES.rawValue)

    /// Inputs at least this large are read on two threads: libxml2 parses while the model is built.
    static let concurrentThreshold = 1 << 20

    private static func parse(source: InputSource, file: String, concurrent forced: Bool? = nil) -> CSDLReadResult {
        var handler = xmlSAXHandler()
        handler.initialized = UInt32(XML_SAX2_MAGIC)
        handler.startElementNs = { ctx, localname, _, uri, _, _, nbAttributes, _, attributes in
            guard let ctx, let localname else { return }
            ctx.assumingMemoryBound(to: SAXProducer.self).pointee
                .startElement(localname, uri, Int(nbAttributes), attributes)
        }
        handler.endElementNs = { ctx, _, _, _ in
            guard let ctx else { return }
            ctx.assumingMemoryBound(to: SAXProducer.self).pointee.endElement()
        }
        handler.characters = { ctx, chars, len in
            guard let ctx, let chars else { return }
            ctx.assumingMemoryBound(to: SAXProducer.self).pointee.characters(chars, Int(len))
        }
        handler.cdataBlock = handler.characters
        handler.serror = { ctx, error in
            guard let ctx, let error else { return }
            ctx.assumingMemoryBound(to: SAXProducer.self).pointee.libxmlError(error)
        }

        let producer = UnsafeMutablePointer<SAXProducer>.allocate(capacity: 1)
        let builder = UnsafeMutablePointer<SAXBuilder>.allocate(capacity: 1)
        defer { producer.deallocate(); builder.deallocate() }
        let unmanagedSource = Unmanaged.passRetained(source)

        guard let ctxt = xmlCreateIOParserCtxt(
            &handler, UnsafeMutableRawPointer(producer),
            { context, buffer, len in
                guard let context, let buffer else { return -1 }
                return Unmanaged<InputSource>.fromOpaque(context).takeUnretainedValue()
                    .read(into: buffer, count: Int(len))
            },
            { context in
                guard let context else { return 0 }
                Unmanaged<InputSource>.fromOpaque(context).release()
                return 0
            },
            unmanagedSource.toOpaque(), XML_CHAR_ENCODING_NONE)
        else {
            unmanagedSource.release()
            return CSDLReadResult(document: nil, diagnostics: [
                Diagnostic(.error, "libxml2 could not create a parser (out of memory?)", file: file, line: 0, column: 0),
            ])
        }
        xmlCtxtUseOptions(ctxt, parseOptions)
        builder.initialize(to: SAXBuilder(ctxt: ctxt, file: file))
        defer { builder.deinitialize(count: 1) }

        let channel = EventChannel()
        let concurrent = forced ?? (source.size >= concurrentThreshold)
        let done = DispatchSemaphore(value: 0)
        if concurrent {
            let target = BuilderPointer(builder)
            DispatchQueue.global(qos: .userInitiated).async {
                while let batch = channel.next() {
                    target.pointer.pointee.consume(batch)
                    channel.recycle(batch)
                }
                done.signal()
            }
        } else {
            channel.inlineConsumer = { batch in builder.pointee.consume(batch) }
        }
        producer.initialize(to: SAXProducer(ctxt: ctxt, file: file, channel: channel))
        defer { producer.deinitialize(count: 1) }
        source.parser = ctxt
        producer.pointee.lineFeeds = source.lineFeeds
        // Errors raised outside the parser context (encoding, I/O) go to the thread's structured handler:
        // route them to the producer too, so libxml2 never prints to stderr.
        xmlSetStructuredErrorFunc(UnsafeMutableRawPointer(producer)) { ctx, error in
            guard let ctx, let error else { return }
            ctx.assumingMemoryBound(to: SAXProducer.self).pointee.libxmlError(error)
        }
        odata_set_generic_error_silent(1)
        _ = xmlParseDocument(ctxt)
        xmlSetStructuredErrorFunc(nil, nil)
        odata_set_generic_error_silent(0)
        producer.pointee.finish()
        if concurrent { done.wait() }
        channel.inlineConsumer = nil
        let wellFormed = ctxt.pointee.wellFormed != 0
        // An entity declaration in a DOCTYPE makes libxml2 build a "SAX compatibility mode" document to hold
        // it (ctxt->myDoc). xmlParseDocument frees it at the end, but returns early without doing so when the
        // parser was halted (e.g. `<!DOCTYPE x [<!ENTITY e "v"` : entity not terminated), and
        // xmlFreeParserCtxt never frees it: free it here, as libxml2's xmlSAXUserParseFile does.
        if let doc = ctxt.pointee.myDoc {
            ctxt.pointee.myDoc = nil
            xmlFreeDoc(doc)
        }
        // The dictionary that names travel in is freed with the context: the builder is done with it here.
        xmlFreeParserCtxt(ctxt)
        return builder.pointee.finish(wellFormed: wellFormed)
    }
}

/// Lets the builder thread reach the builder (it alone touches it until the channel closes).
private struct BuilderPointer: @unchecked Sendable {
    let pointer: UnsafeMutablePointer<SAXBuilder>
    init(_ pointer: UnsafeMutablePointer<SAXBuilder>) { self.pointer = pointer }
}

/// Feeds libxml2 from a file descriptor (through a 1 MiB buffer) or from memory.
final class InputSource {
    private let fd: Int32
    private let bytes: [UInt8]
    private var position = 0
    /// Bytes handed to libxml2 so far.
    private var delivered = 0
    /// The line feeds of what was handed to libxml2, for the builder's columns on long lines.
    let lineFeeds: UnsafeMutablePointer<LineFeedIndex> = {
        let p = UnsafeMutablePointer<LineFeedIndex>.allocate(capacity: 1)
        p.initialize(to: LineFeedIndex())
        return p
    }()
    /// The parser being fed (set once it exists): its position bounds the line feeds still needed.
    var parser: xmlParserCtxtPtr?
    private var buffer: UnsafeMutablePointer<UInt8>?
    private var bufferStart = 0
    private var bufferEnd = 0
    private static let bufferSize = 1 << 20
    private(set) var readError: String?

    /// The input's size in bytes (0 when unknown).
    let size: Int

    init(fd: Int32, size: Int = 0) {
        self.fd = fd
        self.size = size
        self.bytes = []
        self.buffer = .allocate(capacity: InputSource.bufferSize)
    }

    init(bytes: [UInt8]) {
        self.size = bytes.count
        self.fd = -1
        self.bytes = bytes
    }

    deinit {
        buffer?.deallocate()
        lineFeeds.deinitialize(count: 1)
        lineFeeds.deallocate()
    }

    func read(into out: UnsafeMutablePointer<CChar>, count: Int) -> Int32 {
        let n = fill(out, count)
        if n > 0 {
            if let input = parser?.pointee.input {
                lineFeeds.pointee.discard(below: Int(input.pointee.consumed))
            }
            lineFeeds.pointee.record(UnsafeRawPointer(out), count: Int(n), at: delivered)
            delivered += Int(n)
        }
        return n
    }

    private func fill(_ out: UnsafeMutablePointer<CChar>, _ count: Int) -> Int32 {
        if fd < 0 {
            let n = min(count, bytes.count - position)
            if n <= 0 { return 0 }
            bytes.withUnsafeBufferPointer { b in
                UnsafeMutableRawPointer(out).copyMemory(from: b.baseAddress! + position, byteCount: n)
            }
            position += n
            return Int32(n)
        }
        guard let buffer else { return -1 }
        if bufferStart == bufferEnd {
            var got = 0
            repeat {
                got = Glibc_read(fd, buffer, InputSource.bufferSize)
            } while got < 0 && errno == EINTR
            if got < 0 {
                readError = String(cString: strerror(errno))
                return -1
            }
            bufferStart = 0
            bufferEnd = got
            if got == 0 { return 0 }
        }
        let n = min(count, bufferEnd - bufferStart)
        UnsafeMutableRawPointer(out).copyMemory(from: buffer + bufferStart, byteCount: n)
        bufferStart += n
        return Int32(n)
    }
}

/// Absolute byte offsets of the input's line feeds that source locations may still need. libxml2 keeps only a
/// window of the input in its buffer and counts columns in characters, so the start of a long line (a minified
/// document, a long text) may be gone when an element far into it is reported: its byte column is then
/// computed from here. Offsets before the parser's buffer are dropped as parsing moves on (all but the last).
struct LineFeedIndex {
    private var offsets: [Int] = []
    private var head = 0

    /// Records the line feeds of `count` bytes that start at absolute offset `start`.
    mutating func record(_ chunk: UnsafeRawPointer, count: Int, at start: Int) {
        var q = chunk
        let end = chunk + count
        while q < end, let nl = memchr(q, 0x0A, end - q) {
            offsets.append(start + (UnsafeRawPointer(nl) - chunk))
            q = UnsafeRawPointer(nl) + 1
        }
    }

    /// Drops the offsets no lookup needs once nothing before `position` is reported any more.
    mutating func discard(below position: Int) {
        while head + 1 < offsets.count && offsets[head + 1] < position { head += 1 }
        if head >= 4096 && head * 2 >= offsets.count {
            offsets.removeFirst(head)
            head = 0
        }
    }

    /// The absolute offset of the first byte of the line that holds absolute offset `position`.
    func lineStart(of position: Int) -> Int {
        var lo = head
        var hi = offsets.count
        while lo < hi {
            let mid = (lo + hi) >> 1
            if offsets[mid] < position { lo = mid + 1 } else { hi = mid }
        }
        // offsets[head] (when head > 0) is before the parser's buffer, so before any position asked for.
        return lo > head ? offsets[lo - 1] + 1 : 0
    }
}

@inline(__always)
private func Glibc_read(_ fd: Int32, _ buffer: UnsafeMutablePointer<UInt8>, _ count: Int) -> Int {
    #if canImport(Glibc)
    return Glibc.read(fd, buffer, count)
    #elseif canImport(Musl)
    return Musl.read(fd, buffer, count)
    #else
    return Darwin.read(fd, buffer, count)
    #endif
}

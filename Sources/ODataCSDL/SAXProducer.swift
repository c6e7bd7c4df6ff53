import CLibXML2
import Dispatch

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The libxml2 side of the reader. Its SAX2 callbacks do only what needs libxml2's state at that moment — the
/// start tag's location, copying attribute values out of libxml2's buffer, turning libxml2 errors into
/// diagnostics — and append compact event records to batches. `SAXBuilder` turns the batches into the model, on a
/// second thread for large documents (so parsing and model building overlap) or inline for small ones.
///
/// Element, attribute and namespace names travel as libxml2 dictionary pointers: the dictionary belongs to the
/// parser context, which outlives the builder's work, and its strings never move.
struct SAXProducer {
    let ctxt: xmlParserCtxtPtr
    let file: String
    let channel: EventChannel
    /// The input's line feeds, for exact byte columns on long lines.
    var lineFeeds: UnsafeMutablePointer<LineFeedIndex>?

    private var batch: EventBatch
    /// Element names whose text content matters (constant and path expressions, LabeledElementReference).
    private var textElements = PointerTable(capacity: 32)
    /// Every element name the reader knows; text inside other (unknown) elements is forwarded too.
    private var knownElements = PointerTable(capacity: 128)
    /// For each open element: whether its text is forwarded.
    private var forwardText: [Bool] = []
    private var sawRoot = false
    private var lastError: (line: Int, column: Int)?
    private let edmxURI: UnsafeRawPointer?

    init(ctxt: xmlParserCtxtPtr, file: String, channel: EventChannel) {
        self.ctxt = ctxt
        self.file = file
        self.channel = channel
        batch = channel.obtain(minimum: 0)
        let dict = ctxt.pointee.dict
        for e in ElementName.allCases where e != .unknown {
            guard let p = xmlDictLookup(dict, e.xmlName, -1) else { continue }
            knownElements.insert(UnsafeRawPointer(p), 1)
            if e.constantKind != nil || e.pathKind != nil || e == .labeledElementReference {
                textElements.insert(UnsafeRawPointer(p), 1)
            }
        }
        edmxURI = xmlDictLookup(dict, CSDLNamespace.edmx, -1).map { UnsafeRawPointer($0) }
        forwardText.reserveCapacity(64)
    }

    // MARK: - Records

    @inline(__always)
    private mutating func reserve(_ bytes: Int) {
        if batch.used + bytes > batch.capacity {
            channel.submit(batch)
            batch = channel.obtain(minimum: bytes)
        }
    }

    @inline(__always)
    private mutating func put<T>(_ value: T) {
        batch.base.storeBytes(of: value, toByteOffset: batch.used, as: T.self)
        batch.used += MemoryLayout<T>.size
    }

    @inline(__always)
    private mutating func putBytes(_ p: UnsafeRawPointer, _ n: Int) {
        if n > 0 { (batch.base + batch.used).copyMemory(from: p, byteCount: n) }
        batch.used += n
    }

    /// Hands the last batch over and tells the builder that the document ended.
    mutating func finish() {
        channel.submit(batch)
        batch = EventBatch.empty
        channel.close()
    }

    // MARK: - SAX2 callbacks

    mutating func startElement(_ localname: UnsafePointer<xmlChar>, _ uri: UnsafePointer<xmlChar>?, _ count: Int,
                               _ attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?) {
        let location = startTagLocation(attributes, count)
        var size = 1 + 8 + 8 + 4 + 4 + 4
        if let attributes {
            for i in 0..<count {
                size += 8 + 8 + 8 + 4
                if let s = attributes[i * 5 + 3], let e = attributes[i * 5 + 4] { size += e - s }
            }
        }
        reserve(size)
        put(EventTag.start.rawValue)
        put(UInt(bitPattern: localname))
        put(UInt(bitPattern: uri))
        put(location.line)
        put(location.column)
        put(Int32(count))
        if let attributes {
            for i in 0..<count {
                let b = i * 5
                put(UInt(bitPattern: attributes[b]))
                put(UInt(bitPattern: attributes[b + 1]))
                put(UInt(bitPattern: attributes[b + 2]))
                if let s = attributes[b + 3], let e = attributes[b + 4] {
                    put(Int32(e - s))
                    putBytes(UnsafeRawPointer(s), e - s)
                } else {
                    put(Int32(0))
                }
            }
        }
        let raw = UnsafeRawPointer(localname)
        forwardText.append(textElements.lookup(raw) != 0 || knownElements.lookup(raw) == 0)
        if !sawRoot {
            sawRoot = true
            if SAXProducer.rootMustStop(localname, uri, edmxURI, count, attributes) { xmlStopParser(ctxt) }
        }
    }

    mutating func endElement() {
        _ = forwardText.popLast()
        reserve(1)
        put(EventTag.end.rawValue)
    }

    mutating func characters(_ chars: UnsafePointer<xmlChar>, _ len: Int) {
        guard forwardText.last == true, len > 0 else { return }
        reserve(1 + 4 + len)
        put(EventTag.text.rawValue)
        put(Int32(len))
        putBytes(UnsafeRawPointer(chars), len)
    }

    /// The root decides whether reading goes on: the builder reports why, the parser stops here.
    private static func rootMustStop(_ localname: UnsafePointer<xmlChar>, _ uri: UnsafePointer<xmlChar>?,
                                     _ edmxURI: UnsafeRawPointer?, _ count: Int,
                                     _ attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?) -> Bool {
        guard String(cString: localname) == "Edmx", let uri else { return true }
        if UnsafeRawPointer(uri) != edmxURI && String(cString: uri) != CSDLNamespace.edmx { return true }
        guard let attributes else { return false }
        for i in 0..<count where attributes[i * 5 + 2] == nil {
            guard let name = attributes[i * 5], String(cString: name) == "Version",
                  let s = attributes[i * 5 + 3], let e = attributes[i * 5 + 4] else { continue }
            let version = String(decoding: UnsafeBufferPointer(start: s, count: e - s), as: UTF8.self)
            return version.hasPrefix("1.") || version.hasPrefix("2.") || version.hasPrefix("3.")
        }
        return false
    }

    // MARK: - libxml2 errors

    mutating func libxmlError(_ error: UnsafePointer<xmlError>) {
        let e = error.pointee
        var message = e.message.map { String(cString: $0) } ?? "XML error \(e.code)"
        while message.last == "\n" || message.last == " " { message.removeLast() }
        // Some libxml2 messages span lines ("...indicate encoding !\nBytes: 0xFF ..."): a diagnostic is one line.
        if message.contains("\n") { message = message.split(separator: "\n").joined(separator: " ") }
        let severity: Diagnostic.Severity = e.level == XML_ERR_WARNING ? .warning : .error
        var line = Int(e.line)
        var column = Int(e.int2)
        if line <= 0, let input = ctxt.pointee.input {
            line = Int(input.pointee.line)
            column = Int(input.pointee.col)
        }
        line = max(line, 1)
        column = max(column, 1)
        // libxml2 follows its own length-limit errors ("AttValue length too long") with a bogus
        // "Memory allocation failed" at the same place: drop that one.
        if Int(e.code) == Int(XML_ERR_NO_MEMORY.rawValue), let last = lastError, last.line == line, last.column == column {
            return
        }
        if severity == .error { lastError = (line, column) }
        let hint = SAXProducer.hint(forLibxmlCode: e.code, message: message)
        let text = Array("malformed XML: \(message)\(hint)".utf8)
        reserve(1 + 1 + 4 + 4 + 4 + text.count)
        put(EventTag.diagnostic.rawValue)
        put(severity == .error ? UInt8(2) : UInt8(1))
        put(Int32(clamping: line))
        put(Int32(clamping: column))
        put(Int32(text.count))
        text.withUnsafeBytes { putBytes($0.baseAddress!, $0.count) }
    }

    private static func hint(forLibxmlCode code: Int32, message: String) -> String {
        if message.hasPrefix("Excessive depth in document") {
            return " (elements nested this deep are refused)"
        }
        if message.hasSuffix("length too long") {
            return " (values this long are refused)"
        }
        switch Int(code) {
        case Int(XML_ERR_DOCUMENT_EMPTY.rawValue):
            // libxml2 uses this code both for an empty input and for one that does not start with a tag.
            if message.hasPrefix("Document is empty") {
                return " (the file is empty; expected an OData $metadata XML document)"
            }
            return " (the file does not start with an XML element; expected an OData $metadata XML document)"
        case Int(XML_ERR_INVALID_CHAR.rawValue), Int(XML_ERR_INVALID_ENCODING.rawValue):
            return " (the file must be UTF-8 XML)"
        case Int(XML_ERR_UNDECLARED_ENTITY.rawValue), Int(XML_WAR_UNDECLARED_ENTITY.rawValue):
            return " (entities declared in a DTD are not expanded, for safety)"
        default: return ""
        }
    }

    // MARK: - Locations

    /// The location of the `<` of the start tag being reported.
    @inline(__always)
    private func startTagLocation(_ attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?, _ count: Int) -> SourceLocation {
        guard let input = ctxt.pointee.input, let base = input.pointee.base, let cur = input.pointee.cur else {
            return .unknown
        }
        // Scan back from the first attribute value when it lies in the buffer (short scan), else from cur.
        var p = cur
        if count > 0, let attributes, let v = attributes[3], v >= base, v <= cur { p = v }
        while p > base && p.pointee != 0x3C /* < */ { p -= 1 }
        // Lines the tag spans before the current position.
        var newlines = 0
        var q = UnsafeRawPointer(p)
        let stop = UnsafeRawPointer(cur)
        while q < stop, let nl = memchr(q, 0x0A, stop - q) {
            newlines += 1
            q = UnsafeRawPointer(nl) + 1
        }
        let line = Int(input.pointee.line) - newlines
        var l = p
        while l > base && l[-1] != 0x0A { l -= 1 }
        let column: Int
        if l > base {
            column = p - l + 1
        } else if let lineFeeds, input.pointee.buf?.pointee.encoder == nil {
            // The line starts before libxml2's buffer (a long line; libxml2's own column counts characters, not
            // bytes) or at the start of the input: count the bytes from the line start the input callback saw.
            let position = Int(input.pointee.consumed) + (p - base)
            column = max(1, position - lineFeeds.pointee.lineStart(of: position) + 1)
        } else if input.pointee.consumed == 0 && l == base {
            column = p - l + 1
        } else if newlines == 0 {
            column = max(1, Int(input.pointee.col) - (cur - p))
        } else {
            column = 1
        }
        return SourceLocation(line: line, column: column)
    }
}

/// Kinds of event records.
enum EventTag: UInt8 {
    case start = 1, end = 2, text = 3, diagnostic = 4
}

/// A block of event records.
struct EventBatch: @unchecked Sendable {
    var base: UnsafeMutableRawPointer
    var capacity: Int
    var used = 0

    static let standardCapacity = 256 << 10
    static var empty: EventBatch { EventBatch(base: UnsafeMutableRawPointer(bitPattern: 8)!, capacity: 0) }
}

/// Hands batches from the parser to the builder: a bounded pool, FIFO order, one producer and one consumer.
/// In synchronous mode (small inputs) `submit` runs the consumer inline instead.
final class EventChannel: @unchecked Sendable {
    private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    private let changed = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)
    private var full: [EventBatch] = []
    private var head = 0
    private var spare: [EventBatch] = []
    private var allocated = 0
    private var closed = false
    private let poolSize = 6
    /// Set in synchronous mode: consumes a batch at once.
    var inlineConsumer: ((EventBatch) -> Void)?

    init() {
        pthread_mutex_init(mutex, nil)
        pthread_cond_init(changed, nil)
    }

    deinit {
        for b in spare { b.base.deallocate() }
        for b in full[head...] { b.base.deallocate() }
        pthread_cond_destroy(changed)
        pthread_mutex_destroy(mutex)
        mutex.deallocate()
        changed.deallocate()
    }

    /// An empty batch with room for at least `minimum` bytes (waits while the pool is used up).
    func obtain(minimum: Int) -> EventBatch {
        if minimum > EventBatch.standardCapacity {
            return EventBatch(base: .allocate(byteCount: minimum, alignment: 16), capacity: minimum)
        }
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        while true {
            if var b = spare.popLast() {
                b.used = 0
                return b
            }
            if allocated < poolSize || inlineConsumer != nil {
                allocated += 1
                let c = EventBatch.standardCapacity
                return EventBatch(base: .allocate(byteCount: c, alignment: 16), capacity: c)
            }
            pthread_cond_wait(changed, mutex)
        }
    }

    func submit(_ batch: EventBatch) {
        if batch.capacity == 0 { return }
        if let inlineConsumer {
            inlineConsumer(batch)
            recycle(batch)
            return
        }
        pthread_mutex_lock(mutex)
        full.append(batch)
        pthread_cond_broadcast(changed)
        pthread_mutex_unlock(mutex)
    }

    func close() {
        pthread_mutex_lock(mutex)
        closed = true
        pthread_cond_broadcast(changed)
        pthread_mutex_unlock(mutex)
    }

    /// The next batch in order, or nil once the producer closed the channel and every batch was taken.
    func next() -> EventBatch? {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        while true {
            if head < full.count {
                let b = full[head]
                head += 1
                if head > 64 && head * 2 > full.count {
                    full.removeFirst(head)
                    head = 0
                }
                return b
            }
            if closed { return nil }
            pthread_cond_wait(changed, mutex)
        }
    }

    func recycle(_ batch: EventBatch) {
        if batch.capacity != EventBatch.standardCapacity {
            batch.base.deallocate()
            return
        }
        pthread_mutex_lock(mutex)
        spare.append(batch)
        pthread_cond_broadcast(changed)
        pthread_mutex_unlock(mutex)
    }
}

extension SAXBuilder {
    /// Replays the records of one batch into the model.
    mutating func consume(_ batch: EventBatch) {
        let base = UnsafeRawPointer(batch.base)
        var offset = 0
        let end = batch.used
        while offset < end {
            let tag = base.load(fromByteOffset: offset, as: UInt8.self)
            offset += 1
            switch EventTag(rawValue: tag) {
            case .start:
                let localname = base.loadUnaligned(fromByteOffset: offset, as: UInt.self)
                let uri = base.loadUnaligned(fromByteOffset: offset + 8, as: UInt.self)
                let line = base.loadUnaligned(fromByteOffset: offset + 16, as: Int32.self)
                let column = base.loadUnaligned(fromByteOffset: offset + 20, as: Int32.self)
                let count = Int(base.loadUnaligned(fromByteOffset: offset + 24, as: Int32.self))
                offset += 28
                let attributes = attributeScratch(count)
                for i in 0..<count {
                    let b = i * 5
                    attributes[b] = UnsafePointer(bitPattern: base.loadUnaligned(fromByteOffset: offset, as: UInt.self))
                    attributes[b + 1] = UnsafePointer(bitPattern: base.loadUnaligned(fromByteOffset: offset + 8, as: UInt.self))
                    attributes[b + 2] = UnsafePointer(bitPattern: base.loadUnaligned(fromByteOffset: offset + 16, as: UInt.self))
                    let n = Int(base.loadUnaligned(fromByteOffset: offset + 24, as: Int32.self))
                    offset += 28
                    let value = (base + offset).assumingMemoryBound(to: xmlChar.self)
                    attributes[b + 3] = value
                    attributes[b + 4] = value + n
                    offset += n
                }
                guard let name = UnsafePointer<xmlChar>(bitPattern: localname) else { continue }
                var location = SourceLocation.unknown
                location.line = line
                location.column = column
                startElement(name, UnsafePointer(bitPattern: uri), count, count > 0 ? attributes : nil, at: location)
            case .end:
                endElement()
            case .text:
                let n = Int(base.loadUnaligned(fromByteOffset: offset, as: Int32.self))
                offset += 4
                characters((base + offset).assumingMemoryBound(to: xmlChar.self), n)
                offset += n
            case .diagnostic:
                let severity = base.load(fromByteOffset: offset, as: UInt8.self)
                let line = base.loadUnaligned(fromByteOffset: offset + 1, as: Int32.self)
                let column = base.loadUnaligned(fromByteOffset: offset + 5, as: Int32.self)
                let n = Int(base.loadUnaligned(fromByteOffset: offset + 9, as: Int32.self))
                offset += 13
                let message = String(decoding: UnsafeRawBufferPointer(start: base + offset, count: n), as: UTF8.self)
                offset += n
                diagnostics.append(Diagnostic(severity == 2 ? .error : .warning, message, file: file,
                                              line: Int(line), column: Int(column)))
            case nil:
                return
            }
        }
    }
}

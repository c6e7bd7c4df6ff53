#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Makes Swift strings from byte ranges, sharing one copy of each long repeated value (type names, annotation
/// terms, labels). Strings shorter than 16 bytes are stored inline by Swift and are never interned.
struct StringInterner {
    private struct Entry {
        var hash: UInt64
        var offset: Int32
        var length: Int32
    }
    private var slots: [Int32]  // index into entries, -1 = empty
    private var entries: [Entry] = []
    private var strings: [String] = []
    private var arena: [UInt8] = []
    private var mask: Int

    init(capacity: Int = 1 << 14) {
        var c = 1
        while c < capacity { c <<= 1 }
        slots = Array(repeating: -1, count: c)
        mask = c - 1
    }

    static func hash(_ p: UnsafePointer<UInt8>, _ n: Int) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        var i = 0
        while i + 8 <= n {
            let w = UnsafeRawPointer(p + i).loadUnaligned(as: UInt64.self)
            h = (h ^ w) &* 0x100_0000_01b3
            h ^= h >> 29
            i += 8
        }
        while i < n {
            h = (h ^ UInt64(p[i])) &* 0x100_0000_01b3
            i += 1
        }
        return h ^ (h >> 32)
    }

    /// Returns the shared string for these UTF-8 bytes.
    mutating func intern(_ p: UnsafePointer<UInt8>, _ n: Int) -> String {
        let h = StringInterner.hash(p, n)
        var slot = Int(truncatingIfNeeded: h) & mask
        let found: Int = entries.withUnsafeBufferPointer { e in
            arena.withUnsafeBufferPointer { a in
                slots.withUnsafeBufferPointer { sl in
                    while true {
                        let index = sl[slot]
                        if index < 0 { return -1 }
                        let entry = e[Int(index)]
                        if entry.hash == h && Int(entry.length) == n
                            && equalBytes(a.baseAddress! + Int(entry.offset), p, n) {
                            return Int(index)
                        }
                        slot = (slot + 1) & mask
                    }
                }
            }
        }
        if found >= 0 { return strings[found] }
        let s = String(decoding: UnsafeBufferPointer(start: p, count: n), as: UTF8.self)
        let offset = arena.count
        arena.append(contentsOf: UnsafeBufferPointer(start: p, count: n))
        slots[slot] = Int32(strings.count)
        entries.append(Entry(hash: h, offset: Int32(truncatingIfNeeded: offset), length: Int32(truncatingIfNeeded: n)))
        strings.append(s)
        if strings.count * 2 > slots.count { grow() }
        return s
    }

    private mutating func grow() {
        let c = slots.count * 2
        slots = Array(repeating: -1, count: c)
        mask = c - 1
        for (i, e) in entries.enumerated() {
            var slot = Int(truncatingIfNeeded: e.hash) & mask
            while slots[slot] >= 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(i)
        }
    }
}

/// Byte equality, 8 bytes at a time (no library call for the short strings interned here).
@inline(__always)
func equalBytes(_ a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>, _ n: Int) -> Bool {
    var i = 0
    let ra = UnsafeRawPointer(a), rb = UnsafeRawPointer(b)
    while i + 8 <= n {
        if ra.loadUnaligned(fromByteOffset: i, as: UInt64.self) != rb.loadUnaligned(fromByteOffset: i, as: UInt64.self) {
            return false
        }
        i += 8
    }
    while i < n {
        if a[i] != b[i] { return false }
        i += 1
    }
    return true
}

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
    private var slots: [Int32]  // index into entries, -1 = empty
    private var hashes: [UInt64] = []
    private var offsets: [Int] = []
    private var lengths: [Int] = []
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
        while true {
            let e = slots[slot]
            if e < 0 { break }
            let i = Int(e)
            if hashes[i] == h && lengths[i] == n {
                let offset = offsets[i]
                let same = arena.withUnsafeBufferPointer { a in memcmpBytes(a.baseAddress! + offset, p, n) }
                if same { return strings[i] }
            }
            slot = (slot + 1) & mask
        }
        let s = String(decoding: UnsafeBufferPointer(start: p, count: n), as: UTF8.self)
        let offset = arena.count
        arena.append(contentsOf: UnsafeBufferPointer(start: p, count: n))
        slots[slot] = Int32(strings.count)
        hashes.append(h)
        offsets.append(offset)
        lengths.append(n)
        strings.append(s)
        if strings.count * 2 > slots.count { grow() }
        return s
    }

    private mutating func grow() {
        let c = slots.count * 2
        slots = Array(repeating: -1, count: c)
        mask = c - 1
        for (i, h) in hashes.enumerated() {
            var slot = Int(truncatingIfNeeded: h) & mask
            while slots[slot] >= 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(i)
        }
    }
}

@inline(__always)
func memcmpBytes(_ a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>, _ n: Int) -> Bool {
    memcmp(a, b, n) == 0
}

// Fuzz target for the CSDL reader.
//
// Built normally (`swift build`), this is a small replay tool: `odata-csdl-fuzz FILE|DIR...` feeds every
// file through `CSDLReader.read(bytes:file:)` and `counts()`, exactly as the fuzzer does, and prints a
// one-line summary per file. Use it to reproduce a crash file found by the fuzzer under a debugger.
//
// Built with `-sanitize=fuzzer -DFUZZING -enable-experimental-feature Extern` (see Benchmarks/fuzz.sh), it is
// a libFuzzer binary. SwiftPM links every Swift executable with `main` aliased to `<module>_main` (the
// renamed entry point that lets tests link executables), so libFuzzer's own `main` can neither be used nor
// coexist with it. Instead this file defines `odata_csdl_fuzz_main` itself and hands over to libFuzzer's
// driver with `LLVMFuzzerRunDriver` (declared through `@_extern(c)`, i.e. with the C calling convention).

import ODataCSDL

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Feeds one input through the reader the way the fuzzer does. Returns a short summary.
@discardableResult
func fuzzOne(_ bytes: [UInt8]) -> String {
    let result = CSDLReader.read(bytes: bytes, file: "fuzz.xml")
    guard let document = result.document else {
        return "no document, \(result.diagnostics.count) diagnostics"
    }
    let counts = document.counts()
    return "\(counts.schemas) schemas, \(counts.entityTypes) entity types, \(counts.annotations) annotations, "
        + "\(result.diagnostics.count) diagnostics"
}

#if FUZZING

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes: [UInt8] = (data != nil && size > 0) ? Array(UnsafeBufferPointer(start: data, count: size)) : []
    fuzzOne(bytes)
    return 0
}

/// libFuzzer's driver (compiler-rt `FuzzerInterface.h`): parses libFuzzer flags from argv and runs `callback`.
@_extern(c, "LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt

/// The executable's entry point: SwiftPM links `main` as an alias of `odata_csdl_fuzz_main`.
@_cdecl("odata_csdl_fuzz_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var argc = argc
    var argv = argv
    return LLVMFuzzerRunDriver(&argc, &argv) { data, size in fuzzTestOneInput(data, size) }
}

#else

@main
struct FuzzReplay {
    static func main() {
        let arguments = Array(CommandLine.arguments.dropFirst())
        if arguments.isEmpty || arguments.contains("-h") || arguments.contains("--help") {
            print("usage: odata-csdl-fuzz FILE|DIR...")
            print("Replays inputs (e.g. crash-* files from libFuzzer) through CSDLReader.read(bytes:file:) and counts().")
            print("Build with -sanitize=fuzzer -DFUZZING for the libFuzzer binary (Benchmarks/fuzz.sh).")
            exit(arguments.isEmpty ? 64 : 0)
        }
        var failed = false
        for path in arguments {
            for file in expand(path) {
                guard let bytes = readAll(file) else {
                    printError("\(file): cannot read")
                    failed = true
                    continue
                }
                print("\(file): \(bytes.count) bytes: \(fuzzOne(bytes))")
            }
        }
        exit(failed ? 1 : 0)
    }

    static func printError(_ message: String) {
        let line = Array((message + "\n").utf8)
        _ = line.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
    }

    /// The regular files of a directory (sorted), or the path itself.
    static func expand(_ path: String) -> [String] {
        guard let dir = opendir(path) else { return [path] }
        defer { closedir(dir) }
        var names: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(cString: raw.baseAddress!.assumingMemoryBound(to: CChar.self))
            }
            if name == "." || name == ".." { continue }
            let full = path.hasSuffix("/") ? path + name : path + "/" + name
            var st = stat()
            if stat(full, &st) == 0 && (st.st_mode & S_IFMT) == S_IFREG { names.append(full) }
        }
        return names.sorted()
    }

    static func readAll(_ path: String) -> [UInt8]? {
        guard let f = fopen(path, "rb") else { return nil }
        defer { fclose(f) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = chunk.withUnsafeMutableBytes { fread($0.baseAddress, 1, 65536, f) }
            if n > 0 { bytes.append(contentsOf: chunk[0..<n]) }
            if n < 65536 { return ferror(f) != 0 ? nil : bytes }
        }
    }
}

#endif

import ODataCSDL
import Yams

/// The text of a YAML file, for turning Yams marks (1-based line, column in Unicode scalars) into `SourceLocation`s
/// (1-based line, column in UTF-8 bytes, as every other diagnostic in the project), and for composing a document
/// whose duplicate keys can be reported where the duplicate is rather than refused wholesale.
struct ConfigYAMLSource {
    /// The text as Unicode scalars (libyaml's unit for columns).
    private(set) var scalars: [Unicode.Scalar]
    /// Offset in `scalars` of the first scalar of each line; libyaml's line breaks are LF, CR, CRLF, NEL, LS, PS.
    let lineStarts: [Int]

    init(_ text: String) {
        scalars = Array(text.unicodeScalars)
        var starts = [0]
        var i = 0
        while i < scalars.count {
            switch scalars[i] {
            case "\r":
                if i + 1 < scalars.count, scalars[i + 1] == "\n" { i += 1 }
                starts.append(i + 1)
            case "\n", "\u{85}", "\u{2028}", "\u{2029}":
                starts.append(i + 1)
            default:
                break
            }
            i += 1
        }
        lineStarts = starts
    }

    /// The offset in `scalars` of a mark, or nil when the mark is outside the text.
    func scalarIndex(line: Int, column: Int) -> Int? {
        guard line >= 1, line <= lineStarts.count, column >= 1 else { return nil }
        let index = lineStarts[line - 1] + column - 1
        let lineEnd = line < lineStarts.count ? lineStarts[line] : scalars.count
        return index <= lineEnd ? index : nil
    }

    /// A Yams position as a project location (byte column).
    func location(line: Int, column: Int) -> SourceLocation {
        guard line >= 1, line <= lineStarts.count else { return SourceLocation(line: max(line, 0), column: column) }
        let start = lineStarts[line - 1]
        let end = min(start + max(column - 1, 0), scalars.count)
        var bytes = 0
        for scalar in scalars[start..<end] { bytes += UTF8.width(scalar) }
        return SourceLocation(line: line, column: bytes + 1 + max(0, start + column - 1 - end))
    }

    /// A node's or error's mark as a project location; `.unknown` for none.
    func location(_ mark: Mark?) -> SourceLocation {
        guard let mark else { return .unknown }
        return location(line: mark.line, column: mark.column)
    }

    /// The location of a scalar offset.
    func location(scalarOffset: Int) -> SourceLocation {
        var low = 0, high = lineStarts.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if lineStarts[mid] <= scalarOffset { low = mid } else { high = mid - 1 }
        }
        return location(line: low + 1, column: scalarOffset - lineStarts[low] + 1)
    }

    // MARK: Composing

    /// What composing the document gave.
    enum Composed {
        /// The document (nil when empty) and, for keys that were renamed to get past Yams' duplicate check, the
        /// stand-in first scalar → the original one.
        case document(Node?, renamed: [Unicode.Scalar: Unicode.Scalar])
        /// The text is not valid YAML.
        case failure(message: String, at: SourceLocation)
    }

    /// Composes the document. Yams refuses a mapping with a duplicate key outright (pointing at the first
    /// occurrence); so that the walker can report the duplicate itself, at the second occurrence, the first occurrence
    /// is renamed in place (its first character replaced by a private-use character, which keeps every column) and
    /// the document composed again. `originalKey(_:renamed:)` undoes the renaming.
    static func compose(_ text: String) -> Composed {
        var source = ConfigYAMLSource(text)
        let used = Set(source.scalars.filter { (0xE000...0xF8FF).contains($0.value) }.map(\.value))
        var free = (0xE000...0xF8FF).lazy.filter { !used.contains($0) }.makeIterator()
        var renamed: [Unicode.Scalar: Unicode.Scalar] = [:]
        var renamedAt: Set<Int> = []
        var yaml = text
        while true {
            do {
                return .document(try Yams.compose(yaml: yaml), renamed: renamed)
            } catch YamlError.duplicatedKeysInMapping(let duplicates, let context) {
                let name = duplicates.first.flatMap { $0 == "<uncovertable>" ? nil : "'\($0)'" }
                guard renamed.count < 1024,
                      let index = source.scalarIndex(line: context.mark.line, column: context.mark.column),
                      let keyIndex = source.firstKeyScalar(at: index), !renamedAt.contains(keyIndex),
                      let value = free.next(), let marker = Unicode.Scalar(value)
                else {
                    let message = "duplicate key" + (name.map { " " + $0 } ?? "")
                    return .failure(message: message, at: source.location(context.mark))
                }
                renamedAt.insert(keyIndex)
                renamed[marker] = source.scalars[keyIndex]
                source.scalars[keyIndex] = marker
                var view = String.UnicodeScalarView()
                view.append(contentsOf: source.scalars)
                yaml = String(view)
            } catch let error as YamlError {
                return source.failure(error)
            } catch {
                return .failure(message: "invalid YAML: \(error)", at: .unknown)
            }
        }
    }

    /// The offset of the first character of the key that starts at `index`, when it can be renamed safely: a plain
    /// key, or a quoted one whose first character is not an escape or the closing quote.
    private func firstKeyScalar(at index: Int) -> Int? {
        guard index < scalars.count else { return nil }
        let first = scalars[index]
        if first == "\"" || first == "'" {
            guard index + 1 < scalars.count else { return nil }
            let next = scalars[index + 1]
            if next == first || next == "\\" || next == "\n" || next == "\r" { return nil }
            return index + 1
        }
        // Indicators that start something other than a plain scalar (collections, tags, anchors, aliases, ...).
        if "[]{}!&*?|>%@`#,:-".unicodeScalars.contains(first) || first == " " || first == "\t" { return nil }
        return index
    }

    /// Undoes `compose`'s renaming of a key.
    static func originalKey(_ key: String, renamed: [Unicode.Scalar: Unicode.Scalar]) -> String {
        guard !renamed.isEmpty, let first = key.unicodeScalars.first, let original = renamed[first] else { return key }
        var view = String.UnicodeScalarView()
        view.append(original)
        view.append(contentsOf: key.unicodeScalars.dropFirst())
        return String(view)
    }

    /// A Yams error as a message and a location.
    private func failure(_ error: YamlError) -> Composed {
        func describe(_ problem: String, _ context: YamlError.Context?, _ mark: Mark) -> Composed {
            var message = "invalid YAML: \(problem)"
            if let context, context.text.hasPrefix("while ") {
                // libyaml: "did not find expected ',' or ']'" + "while parsing a flow sequence" at the `[`.
                let at = location(context.mark)
                message += " (\(context.text) at line \(at.line), column \(at.column))"
            } else if let context {
                // Composer: "expected a single document in the stream" + "but found another document".
                message = "invalid YAML: \(context.text), \(problem)"
            }
            if problem.contains("undefined alias") {
                message += "; a value starting with '*' is an alias in YAML: quote globs, e.g. \"*Staging\""
            }
            return .failure(message: message, at: location(mark))
        }
        switch error {
        case let .scanner(context, problem, mark, _),
             let .parser(context, problem, mark, _),
             let .composer(context, problem, mark, _):
            return describe(problem, context, mark)
        case let .reader(problem, offset, _, yaml):
            var at = SourceLocation.unknown
            if let offset, let index = yaml.index(yaml.startIndex, offsetBy: offset, limitedBy: yaml.endIndex) {
                at = location(scalarOffset: yaml.unicodeScalars.distance(from: yaml.startIndex, to: index))
            }
            return .failure(message: "invalid YAML: \(problem)", at: at)
        default:
            return .failure(message: "invalid YAML: \(error)", at: .unknown)
        }
    }
}

import CLibXML2

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Namespace URIs of CSDL.
enum CSDLNamespace {
    static let edmx = "http://docs.oasis-open.org/odata/ns/edmx"
    static let edm = "http://docs.oasis-open.org/odata/ns/edm"
    /// EDMX 1.0 (OData v1-v3).
    static let legacyEdmx = "http://schemas.microsoft.com/ado/2007/06/edmx"
    /// CSDL 1.0-3.0 (OData v1-v3).
    static let legacyEdmPrefix = "http://schemas.microsoft.com/ado/"
}

private enum NamespaceKind: UInt8 {
    case none = 0, edm = 1, edmx = 2, foreign = 3, legacyEdmx = 4, legacyEdm = 5
}

/// An `Annotation` element being read.
private struct AnnotationFrame {
    /// The annotation being read (its value and annotations are filled in as they arrive).
    var annotation: CSDLAnnotation
    /// `exprFrames.count` when this annotation started: deeper frames belong to its value.
    var exprBase: Int
}

/// An expression element being read.
private struct ExpressionFrame {
    var element: ElementName
    var localName: String
    var location: SourceLocation
    var attributes: [(name: String, value: String)] = []
    var recordType: String?
    var property: String = ""
    var attributeValue: CSDLExpression?
    var children: [CSDLExpression] = []
    var propertyValues: [CSDLPropertyValue] = []
}

/// Builds the `CSDLDocument` from the events `SAXProducer` records (on the builder thread for large inputs).
/// Reached through a pointer (never a class), so the per-element work pays no reference counting or exclusivity
/// checks. Names are libxml2 dictionary pointers, looked up once in `init` (before parsing starts).
struct SAXBuilder {
    let file: String
    var diagnostics: [Diagnostic] = []

    private var elementTable = PointerTable(capacity: 128)
    private var attributeTable = PointerTable(capacity: 128)
    private var namespaceTable = PointerTable(capacity: 16)
    private var edmURI: UnsafeRawPointer?
    private var edmxURI: UnsafeRawPointer?
    private var interner = StringInterner()
    /// The input's line feeds (owned by the input source), for columns on lines longer than libxml2's buffer.

    private var stack: [ElementName] = []
    private var skipDepth = 0
    private var sawRoot = false
    private var stopped = false
    private var document: CSDLDocument?
    private var notedUnknown: Set<String> = []

    // The element being read at each level of the fixed CSDL nesting.
    private var reference: CSDLReference?
    private var include: CSDLInclude?
    private var schema: CSDLSchema?
    private var entityType: CSDLEntityType?
    private var complexType: CSDLComplexType?
    private var enumType: CSDLEnumType?
    private var typeDefinition: CSDLTypeDefinition?
    private var operation: CSDLOperation?
    private var container: CSDLEntityContainer?
    private var term: CSDLTerm?
    private var annotationGroup: CSDLAnnotations?
    private var key: CSDLKey?
    private var property: CSDLProperty?
    private var navigationProperty: CSDLNavigationProperty?
    private var referentialConstraint: CSDLReferentialConstraint?
    private var onDelete: CSDLOnDelete?
    private var member: CSDLEnumMember?
    private var parameter: CSDLParameter?
    private var returnType: CSDLReturnType?
    private var entitySet: CSDLEntitySet?
    private var singleton: CSDLSingleton?
    private var operationImport: CSDLOperationImport?
    private var nextImplicitMemberValue: Int64 = 0

    /// Annotations read but not yet attached, for all open annotatable elements, innermost last.
    private var pendingAnnotations = MoveStack<CSDLAnnotation>()
    /// For each open annotatable element: where its annotations start in `pendingAnnotations`.
    private var annotationMarks: [Int] = []
    private var annotationFrames: [AnnotationFrame] = []
    private var expressionFrames: [ExpressionFrame] = []
    private var text: [UInt8] = []
    private var collectingText = false
    private var scratch: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?
    private var scratchCapacity = 0
    /// Location of the constant or path expression element being read.
    private var leafLocation = SourceLocation.unknown

    init(ctxt: xmlParserCtxtPtr, file: String) {
        self.file = file
        let dict = ctxt.pointee.dict
        for e in ElementName.allCases where e != .unknown {
            if let p = xmlDictLookup(dict, e.xmlName, -1) { elementTable.insert(UnsafeRawPointer(p), e.rawValue) }
        }
        for a in AttributeName.allCases where a != .unknown {
            if let p = xmlDictLookup(dict, a.xmlName, -1) { attributeTable.insert(UnsafeRawPointer(p), a.rawValue) }
        }
        if let p = xmlDictLookup(dict, CSDLNamespace.edm, -1) { edmURI = UnsafeRawPointer(p) }
        if let p = xmlDictLookup(dict, CSDLNamespace.edmx, -1) { edmxURI = UnsafeRawPointer(p) }
        stack.reserveCapacity(64)
        text.reserveCapacity(256)
    }

    // MARK: - Results

    mutating func finish(wellFormed: Bool) -> CSDLReadResult {
        pendingAnnotations.release()
        scratch?.deallocate()
        scratch = nil
        if !sawRoot && !diagnostics.hasErrors {
            diagnose(.error, "the document has no root element; expected <edmx:Edmx> of an OData v4 $metadata document", at: SourceLocation(line: 1, column: 1))
        }
        if let doc = document, doc.dataServicesLocation == nil, !diagnostics.hasErrors {
            diagnose(.error, "<edmx:Edmx> has no <edmx:DataServices> element; an OData $metadata document declares its schemas inside it", at: doc.location)
        }
        return CSDLReadResult(document: document, diagnostics: diagnostics)
    }

    // MARK: - Diagnostics

    mutating func diagnose(_ severity: Diagnostic.Severity, _ message: String, at location: SourceLocation) {
        diagnostics.append(Diagnostic(severity, message, file: file, at: location))
    }

    // MARK: - Names and values

    @inline(__always)
    private mutating func namespaceKind(_ uri: UnsafePointer<xmlChar>?) -> NamespaceKind {
        guard let uri else { return .none }
        let raw = UnsafeRawPointer(uri)
        if raw == edmURI { return .edm }
        if raw == edmxURI { return .edmx }
        let cached = namespaceTable.lookup(raw)
        if cached != 0 { return NamespaceKind(rawValue: cached) ?? .foreign }
        let s = String(cString: uri)
        let kind: NamespaceKind
        if s == CSDLNamespace.edm { kind = .edm }
        else if s == CSDLNamespace.edmx { kind = .edmx }
        else if s == CSDLNamespace.legacyEdmx { kind = .legacyEdmx }
        else if s.hasPrefix(CSDLNamespace.legacyEdmPrefix) && s.hasSuffix("/edm") { kind = .legacyEdm }
        else { kind = .foreign }
        namespaceTable.insert(raw, kind.rawValue)
        return kind
    }

    @inline(__always)
    private mutating func elementName(_ p: UnsafePointer<xmlChar>) -> ElementName {
        let raw = UnsafeRawPointer(p)
        let code = elementTable.lookup(raw)
        if code == 255 { return .unknown }
        if code != 0 { return ElementName(rawValue: code) ?? .unknown }
        let s = String(cString: p)
        let found = ElementName.allCases.first { $0 != .unknown && $0.xmlName == s } ?? .unknown
        elementTable.insert(raw, found == .unknown ? 255 : found.rawValue)
        return found
    }

    @inline(__always)
    private mutating func attributeName(_ p: UnsafePointer<xmlChar>) -> AttributeName {
        let raw = UnsafeRawPointer(p)
        let code = attributeTable.lookup(raw)
        if code == 255 { return .unknown }
        if code != 0 { return AttributeName(rawValue: code) ?? .unknown }
        let s = String(cString: p)
        let found = AttributeName.allCases.first { $0 != .unknown && $0.xmlName == s } ?? .unknown
        attributeTable.insert(raw, found == .unknown ? 255 : found.rawValue)
        return found
    }

    /// A Swift string for an attribute value. libxml2 hands `&` back as `&#38;` when entities are not
    /// substituted; that is undone here.
    @inline(__always)
    private mutating func string(_ start: UnsafePointer<xmlChar>, _ end: UnsafePointer<xmlChar>) -> String {
        let n = end - start
        if n > 0 && memchr(start, 0x26, n) != nil {
            let raw = String(decoding: UnsafeBufferPointer(start: start, count: n), as: UTF8.self)
            return raw.replacingAll("&#38;", with: "&")
        }
        if n >= 16 { return interner.intern(start, n) }
        return String(decoding: UnsafeBufferPointer(start: start, count: n), as: UTF8.self)
    }

    private static func bool(_ s: String) -> Bool? {
        switch s {
        case "true": return true
        case "false": return false
        default: return nil
        }
    }

    private mutating func boolAttribute(_ s: String, _ name: AttributeName, _ element: ElementName, _ location: SourceLocation) -> Bool? {
        if let b = SAXBuilder.bool(s) { return b }
        diagnose(.warning, "\(element.xmlName) has \(name.xmlName)=\"\(s)\", which is not a Boolean; use \"true\" or \"false\" (the default is used)", at: location)
        return nil
    }

    private mutating func intAttribute(_ s: String, _ name: AttributeName, _ element: ElementName, _ location: SourceLocation) -> Int? {
        if let v = Int(s), v >= 0 { return v }
        diagnose(.warning, "\(element.xmlName) has \(name.xmlName)=\"\(s)\", which is not a non-negative integer; the facet is ignored", at: location)
        return nil
    }

    private mutating func facet(_ name: AttributeName, _ value: String, into facets: inout CSDLFacets, _ element: ElementName, _ location: SourceLocation) -> Bool {
        switch name {
        case .maxLength:
            if value.lowercased() == "max" { facets.maxLength = .max }
            else if let v = intAttribute(value, name, element, location) { facets.maxLength = .value(v) }
        case .precision:
            if let v = intAttribute(value, name, element, location) { facets.precision = v }
        case .scale:
            switch value.lowercased() {
            case "variable": facets.scale = .variable
            case "floating": facets.scale = .floating
            default: if let v = intAttribute(value, name, element, location) { facets.scale = .value(v) }
            }
        case .srid:
            facets.srid = value
        case .unicode:
            if let b = boolAttribute(value, name, element, location) { facets.unicode = b }
        default:
            return false
        }
        return true
    }

    // MARK: - Start

    mutating func startElement(_ localname: UnsafePointer<xmlChar>, _ uri: UnsafePointer<xmlChar>?, _ nbAttributes: Int,
                               _ attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?, at location: SourceLocation) {
        if skipDepth > 0 { skipDepth += 1; return }
        if stopped { return }
        collectingText = false
        let ns = namespaceKind(uri)
        if !sawRoot {
            sawRoot = true
            startRoot(localname, ns, nbAttributes, attributes, location)
            return
        }
        guard ns == .edm || ns == .edmx else {
            // Foreign namespaces (and elements without one) are extensions: skipped silently.
            if ns == .legacyEdm {
                diagnose(.warning, "<\(String(cString: localname))> is in the CSDL 1.0-3.0 namespace \(String(cString: uri!)); OData v2/v3 elements are not supported in a v4 document and are skipped", at: location)
            }
            skipDepth = 1
            return
        }
        var element = elementName(localname)
        if element != .unknown && element.isEdmxNamespace != (ns == .edmx) { element = .unknown }
        let parent = stack.last ?? .unknown

        // Expression context: inside an Annotation, PropertyValue, Collection or dynamic expression.
        if parent.isExpressionContainer && element != .annotation {
            if ns != .edm || (parent == .record) != (element == .propertyValue) {
                unexpected(localname, element, in: parent, at: location)
                return
            }
            if element.constantKind != nil || element.pathKind != nil {
                startLeafExpression(element, location)
            } else {
                startExpression(element, localname, nbAttributes, attributes, location)
            }
            return
        }
        guard element != .unknown, SAXBuilder.allowed(element, in: parent) else {
            unexpected(localname, element, in: parent, at: location)
            return
        }
        if !start(element, nbAttributes, attributes, location) {
            skipDepth = 1
            return
        }
        stack.append(element)
        if element.isAnnotatable { annotationMarks.append(pendingAnnotations.count) }
    }

    private mutating func unexpected(_ localname: UnsafePointer<xmlChar>, _ element: ElementName, in parent: ElementName, at location: SourceLocation) {
        let name = String(cString: localname)
        let key = "\(name) in \(parent.xmlName)"
        if element == .unknown {
            if notedUnknown.insert(key).inserted {
                diagnose(.note, "unknown element <\(name)> inside <\(parent.xmlName)> is ignored", at: location)
            }
        } else {
            diagnose(.warning, "<\(name)> is not allowed inside <\(parent.xmlName)>; it is ignored", at: location)
        }
        skipDepth = 1
    }

    private static func allowed(_ element: ElementName, in parent: ElementName) -> Bool {
        switch parent {
        case .edmx: return element == .reference || element == .dataServices
        case .reference: return element == .include || element == .includeAnnotations || element == .annotation
        case .include: return element == .annotation
        case .dataServices: return element == .schema
        case .schema:
            switch element {
            case .entityType, .complexType, .enumType, .typeDefinition, .action, .function, .entityContainer,
                 .term, .annotations, .annotation: return true
            default: return false
            }
        case .entityType: return element == .key || element == .property || element == .navigationProperty || element == .annotation
        case .complexType: return element == .property || element == .navigationProperty || element == .annotation
        case .key: return element == .propertyRef
        case .navigationProperty: return element == .referentialConstraint || element == .onDelete || element == .annotation
        case .enumType: return element == .member || element == .annotation
        case .action, .function: return element == .parameter || element == .returnType || element == .annotation
        case .entityContainer:
            switch element {
            case .entitySet, .singleton, .actionImport, .functionImport, .annotation: return true
            default: return false
            }
        case .entitySet, .singleton: return element == .navigationPropertyBinding || element == .annotation
        case .property, .referentialConstraint, .onDelete, .member, .typeDefinition, .parameter, .returnType,
             .actionImport, .functionImport, .term, .annotations:
            return element == .annotation
        default:
            return element == .annotation && parent.isAnnotatable
        }
    }

    private mutating func startRoot(_ localname: UnsafePointer<xmlChar>, _ ns: NamespaceKind, _ nbAttributes: Int,
                                    _ attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?, _ location: SourceLocation) {
        let name = String(cString: localname)
        if name == "Edmx" && ns == .legacyEdmx {
            diagnose(.error, "OData v2/v3 metadata is not supported: this is an EDMX 1.0 document (namespace \(CSDLNamespace.legacyEdmx)); this tool reads OData v4 metadata (namespace \(CSDLNamespace.edmx)), as served by Dynamics 365 F&O at /data/$metadata", at: location)
            stop()
            return
        }
        guard name == "Edmx" && ns == .edmx else {
            diagnose(.error, "the root element is <\(name)>; an OData v4 $metadata document starts with <edmx:Edmx Version=\"4.0\" xmlns:edmx=\"\(CSDLNamespace.edmx)\">", at: location)
            stop()
            return
        }
        var version: String?
        forEachAttribute(nbAttributes, attributes) { builder, name, start, end in
            if name == .version { version = builder.string(start, end) }
        }
        var doc = CSDLDocument(file: file, version: version ?? "", location: location)
        if let version {
            if version != "4.0" && version != "4.01" {
                if version.hasPrefix("1.") || version.hasPrefix("2.") || version.hasPrefix("3.") {
                    diagnose(.error, "OData v2/v3 metadata is not supported: edmx:Edmx has Version=\"\(version)\"; this tool reads OData v4 metadata (Version 4.0 or 4.01)", at: location)
                    stop()
                    return
                }
                diagnose(.warning, "edmx:Edmx has Version=\"\(version)\"; expected \"4.0\" or \"4.01\", reading it as 4.01", at: location)
            }
        } else {
            diagnose(.warning, "edmx:Edmx has no Version attribute; expected Version=\"4.0\" or \"4.01\", reading it as 4.0", at: location)
            doc.version = "4.0"
        }
        document = doc
        stack.append(.edmx)
    }

    /// Stops reading (the producer stops libxml2 at the same root element; see `SAXProducer.rootMustStop`).
    private mutating func stop() {
        stopped = true
    }

    /// A reusable array of libxml2-style attribute pointers (5 per attribute).
    mutating func attributeScratch(_ count: Int) -> UnsafeMutablePointer<UnsafePointer<xmlChar>?> {
        if scratch == nil || count * 5 > scratchCapacity {
            scratch?.deallocate()
            scratchCapacity = max(count * 5, 64)
            scratch = .allocate(capacity: scratchCapacity)
        }
        return scratch!
    }

    @inline(__always)
    private mutating func forEachAttribute(_ count: Int, _ attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?,
                                           _ body: (inout SAXBuilder, AttributeName, UnsafePointer<xmlChar>, UnsafePointer<xmlChar>) -> Void) {
        guard let attributes else { return }
        var i = 0
        while i < count {
            let base = i * 5
            i += 1
            // Qualified attributes (foreign namespaces) are extensions: ignored.
            guard attributes[base + 2] == nil, let local = attributes[base], let start = attributes[base + 3],
                  let end = attributes[base + 4] else { continue }
            let name = attributeName(local)
            if name == .unknown { continue }
            body(&self, name, start, end)
        }
    }

    private mutating func missing(_ attribute: String, on element: ElementName, at location: SourceLocation, example: String) {
        diagnose(.error, "<\(element.xmlName)> has no \(attribute) attribute, which is required; add \(attribute)=\"\(example)\" (the element is skipped)", at: location)
    }

    /// Reads a CSDL element's attributes into its slot. Returns false when the element must be skipped.
    private mutating func start(_ element: ElementName, _ n: Int, _ attrs: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?,
                                _ location: SourceLocation) -> Bool {
        switch element {
        case .annotation:
            var termName: String?
            var qualifier: String?
            var value: CSDLExpression?
            var valueCount = 0
            forEachAttribute(n, attrs) { b, name, s, e in
                switch name {
                case .term: termName = b.string(s, e)
                case .qualifier: qualifier = b.string(s, e)
                default:
                    if let k = name.constantKind { value = .constant(k, b.string(s, e)); valueCount += 1 }
                    else if let k = name.pathKind { value = .path(k, b.string(s, e)); valueCount += 1 }
                    else if name == .path { value = .path(.path, b.string(s, e)); valueCount += 1 }
                }
            }
            guard let termName else {
                missing("Term", on: element, at: location, example: "Core.Description")
                return false
            }
            if valueCount > 1 {
                diagnose(.warning, "Annotation \(termName) has \(valueCount) value attributes; only one is allowed, the last is used", at: location)
            }
            annotationFrames.append(AnnotationFrame(
                annotation: CSDLAnnotation(term: termName, qualifier: qualifier, value: value, location: location),
                exprBase: expressionFrames.count))
        case .property:
            var name: String?
            var type: String?
            var p = CSDLProperty(name: "", type: "", location: location)
            forEachAttribute(n, attrs) { b, a, s, e in
                switch a {
                case .name: name = b.string(s, e)
                case .type: type = b.string(s, e)
                case .nullable:
                    let v = b.string(s, e)
                    if let x = b.boolAttribute(v, a, element, location) { p.nullable = x }
                case .defaultValue: p.defaultValue = b.string(s, e)
                default: _ = b.facet(a, b.string(s, e), into: &p.facets, element, location)
                }
            }
            guard let name else { missing("Name", on: element, at: location, example: "PropertyName"); return false }
            guard let type else {
                missing("Type", on: element, at: location, example: "Edm.String")
                return false
            }
            p.name = name
            p.type = type
            property = p
        case .propertyRef:
            var name: String?
            var alias: String?
            forEachAttribute(n, attrs) { b, a, s, e in
                if a == .name { name = b.string(s, e) } else if a == .alias { alias = b.string(s, e) }
            }
            guard let name else { missing("Name", on: element, at: location, example: "KeyProperty"); return false }
            key?.propertyRefs.append(CSDLPropertyRef(name: name, alias: alias, location: location))
        case .member:
            var name: String?
            var valueText: String?
            forEachAttribute(n, attrs) { b, a, s, e in
                if a == .name { name = b.string(s, e) } else if a == .value { valueText = b.string(s, e) }
            }
            guard let name else { missing("Name", on: element, at: location, example: "MemberName"); return false }
            var value = nextImplicitMemberValue
            var explicit = false
            if let valueText {
                if let v = Int64(valueText) { value = v; explicit = true }
                else {
                    diagnose(.warning, "enum member \(name) has Value=\"\(valueText)\", which is not an integer; the implicit value \(value) is used", at: location)
                }
            }
            nextImplicitMemberValue = value &+ 1
            member = CSDLEnumMember(name: name, value: value, hasExplicitValue: explicit, location: location)
        case .navigationProperty:
            var name: String?
            var type: String?
            var np = CSDLNavigationProperty(name: "", type: "", location: location)
            forEachAttribute(n, attrs) { b, a, s, e in
                switch a {
                case .name: name = b.string(s, e)
                case .type: type = b.string(s, e)
                case .nullable: np.nullable = b.boolAttribute(b.string(s, e), a, element, location)
                case .partner: np.partner = b.string(s, e)
                case .containsTarget: np.containsTarget = b.boolAttribute(b.string(s, e), a, element, location) ?? false
                default: break
                }
            }
            guard let name else { missing("Name", on: element, at: location, example: "NavigationName"); return false }
            guard let type else { missing("Type", on: element, at: location, example: "Namespace.EntityType"); return false }
            np.name = name
            np.type = type
            navigationProperty = np
        case .entityType:
            var et = CSDLEntityType(name: "", location: location)
            var name: String?
            forEachAttribute(n, attrs) { b, a, s, e in
                switch a {
                case .name: name = b.string(s, e)
                case .baseType: et.baseType = b.string(s, e)
                case .abstract: et.isAbstract = b.boolAttribute(b.string(s, e), a, element, location) ?? false
                case .openType: et.isOpenType = b.boolAttribute(b.string(s, e), a, element, location) ?? false
                case .hasStream: et.hasStream = b.boolAttribute(b.string(s, e), a, element, location) ?? false
                default: break
                }
            }
            guard let name else { missing("Name", on: element, at: location, example: "EntityTypeName"); return false }
            et.name = name
            entityType = et
        case .complexType:
            var ct = CSDLComplexType(name: "", location: location)
            var name: String?
            forEachAttribute(n, attrs) { b, a, s, e in
                switch a {
                case .name: name = b.string(s, e)
                case .baseType: ct.baseType = b.string(s, e)
                case .abstract: ct.isAbstract = b.boolAttribute(b.string(s, e), a, element, location) ?? false
                case .openType: ct.isOpenType = b.boolAttribute(b.string(s, e), a, element, location) ?? false
                default: break
                }
            }
            guard let name else { missing("Name", on: element, at: location, example: "ComplexTypeName"); return false }
            ct.name = name
            complexType = ct
        case .key:
            if entityType?.key != nil {
                diagnose(.warning, "EntityType \(entityType?.name ?? "") has more than one <Key>; only the first is used", at: location)
                return false
            }
            key = CSDLKey(location: location)
        case .enumType:
            var et = CSDLEnumType(name: "", location: location)
            var name: String?
            forEachAttribute(n, attrs) { b, a, s, e in
                switch a {
                case .name: name = b.string(s, e)
                case .underlyingType: et.underlyingType = b.string(s, e)
                case .isFlags: et.isFlags = b.boolAttribute(b.string(s, e), a, element, location) ?? false
                default: break
                }
            }
            guard let name else { missing("Name", on: element, at: location, example: "EnumTypeName"); return false }
            et.name = name
            enumType = et
            nextImplicitMemberValue = 0
        case .typeDefinition:
            var name: String?
            var underlying: String?
            var facets = CSDLFacets()
            forEachAttribute(n, attrs) { b, a, s, e in
                switch a {
                case .name: name = b.string(s, e)
                case .underlyingType: underlying = b.string(s, e)
                default: _ = b.facet(a, b.string(s, e), into: &facets, element, location)
                }
            }
            guard let name else { missing("Name", on: element, at: location, example: "TypeName"); return false }
            guard let underlying else { missing("UnderlyingType", on: element, at: location, example: "Edm.String"); return false }
            typeDefinition = CSDLTypeDefinition(name: name, underlyingType: underlying, facets: facets, location: location)
        case .action, .function:
            var op = CSDLOperation(kind: element == .action ? .action : .function, name: "", location: location)
            var name: String?
            forEachAttribute(n, attrs) { b, a, s, e in
                switch a {
                case .name: name = b.string(s, e)
                case .isBound: op.isBound = b.boolAttribute(b.string(s, e), a, element, location) ?? false
                case .entitySetPath: op.entitySetPath = b.string(s, e)
                case .isComposable: op.isComposable = b.boolAttribute(b.string(s, e), a, element, location) ?? false
                default: break
                }
            }
            guard let name else { missing("Name", on: element, at: location, example: "OperationName"); return false }
            op.name = name
            operation = op
        case .parameter:
            var p = CSDLParameter(name: "", type: "", location: location)
            var name: String?
            var type: String?
            forEachAttribute(n, attrs) { b, a, s, e in
                switch a {
                case .name: name = b.string(s, e)
                case .type: type = b.string(s, e)
                case .nullable: p.nullable = b.boolAttribute(b.string(s, e), a, element, location) ?? true
                default: _ = b.facet(a, b.string(s, e), into: &p.facets, element, location)
                }
            }
            guard let name else { missing("Name", on: element, at: location, example: "parameterName"); return false }
            guard let type else { missing("Type", on: element, at: location, example: "Edm.String"); return false }
            p.name = name
            p.type = type
            parameter = p
        case .returnType:
            var r = CSDLReturnType(type: "", location: location)
            var type: String?
            forEachAttribute(n, attrs) { b, a, s, e in
                switch a {
                case .type: type = b.string(s, e)
                case .nullable: r.nullable = b.boolAttribute(b.string(s, e), a, element, location) ?? true
                default: _ = b.facet(a, b.string(s, e), into: &r.facets, element, location)
                }
            }
            guard let type else { missing("Type", on: element, at: location, example: "Edm.String"); return false }
            if operation?.returnType != nil {
                diagnose(.warning, "\(operation?.kind.rawValue ?? "operation") \(operation?.name ?? "") has more than one <ReturnType>; only the first is used", at: location)
                return false
            }
            r.type = type
            returnType = r
        case .referentialConstraint:
            var prop: String?
            var ref: String?
            forEachAttribute(n, attrs) { b, a, s, e in
                if a == .property { prop = b.string(s, e) } else if a == .referencedProperty { ref = b.string(s, e) }
            }
            guard let prop else { missing("Property", on: element, at: location, example: "ForeignKey"); return false }
            guard let ref else { missing("ReferencedProperty", on: element, at: location, example: "Key"); return false }
            referentialConstraint = CSDLReferentialConstraint(property: prop, referencedProperty: ref, location: location)
        case .onDelete:
            var action: String?
            forEachAttribute(n, attrs) { b, a, s, e in if a == .action { action = b.string(s, e) } }
            guard let action else { missing("Action", on: element, at: location, example: "Cascade"); return false }
            if navigationProperty?.onDelete != nil {
                diagnose(.warning, "NavigationProperty \(navigationProperty?.name ?? "") has more than one <OnDelete>; only the first is used", at: location)
                return false
            }
            onDelete = CSDLOnDelete(action: action, location: location)
        case .entityContainer:
            var name: String?
            var extends: String?
            forEachAttribute(n, attrs) { b, a, s, e in
                if a == .name { name = b.string(s, e) } else if a == .extends { extends = b.string(s, e) }
            }
            guard let name else { missing("Name", on: element, at: location, example: "Container"); return false }
            container = CSDLEntityContainer(name: name, extends: extends, location: location)
        case .entitySet:
            var name: String?
            var type: String?
            var include = true
            forEachAttribute(n, attrs) { b, a, s, e in
                switch a {
                case .name: name = b.string(s, e)
                case .entityType: type = b.string(s, e)
                case .includeInServiceDocument: include = b.boolAttribute(b.string(s, e), a, element, location) ?? true
                default: break
                }
            }
            guard let name else { missing("Name", on: element, at: location, example: "EntitySetName"); return false }
            guard let type else { missing("EntityType", on: element, at: location, example: "Namespace.EntityType"); return false }
            entitySet = CSDLEntitySet(name: name, entityType: type, includeInServiceDocument: include, location: location)
        case .singleton:
            var name: String?
            var type: String?
            var nullable = false
            forEachAttribute(n, attrs) { b, a, s, e in
                switch a {
                case .name: name = b.string(s, e)
                case .type: type = b.string(s, e)
                case .nullable: nullable = b.boolAttribute(b.string(s, e), a, element, location) ?? false
                default: break
                }
            }
            guard let name else { missing("Name", on: element, at: location, example: "SingletonName"); return false }
            guard let type else { missing("Type", on: element, at: location, example: "Namespace.EntityType"); return false }
            singleton = CSDLSingleton(name: name, type: type, nullable: nullable, location: location)
        case .navigationPropertyBinding:
            var path: String?
            var target: String?
            forEachAttribute(n, attrs) { b, a, s, e in
                if a == .path { path = b.string(s, e) } else if a == .target { target = b.string(s, e) }
            }
            guard let path else { missing("Path", on: element, at: location, example: "NavigationProperty"); return false }
            guard let target else { missing("Target", on: element, at: location, example: "EntitySetName"); return false }
            let binding = CSDLNavigationPropertyBinding(path: path, target: target, location: location)
            if entitySet != nil { entitySet!.navigationPropertyBindings.append(binding) }
            else { singleton?.navigationPropertyBindings.append(binding) }
        case .actionImport, .functionImport:
            let kind: CSDLOperation.Kind = element == .actionImport ? .action : .function
            var name: String?
            var op: String?
            var set: String?
            var include = false
            forEachAttribute(n, attrs) { b, a, s, e in
                switch a {
                case .name: name = b.string(s, e)
                case .action where kind == .action: op = b.string(s, e)
                case .function where kind == .function: op = b.string(s, e)
                case .entitySet: set = b.string(s, e)
                case .includeInServiceDocument: include = b.boolAttribute(b.string(s, e), a, element, location) ?? false
                default: break
                }
            }
            guard let name else { missing("Name", on: element, at: location, example: "ImportName"); return false }
            guard let op else { missing(kind.rawValue, on: element, at: location, example: "Namespace.Operation"); return false }
            operationImport = CSDLOperationImport(kind: kind, name: name, operation: op, entitySet: set,
                                                  includeInServiceDocument: include, location: location)
        case .term:
            var t = CSDLTerm(name: "", type: "", location: location)
            var name: String?
            var type: String?
            forEachAttribute(n, attrs) { b, a, s, e in
                switch a {
                case .name: name = b.string(s, e)
                case .type: type = b.string(s, e)
                case .baseTerm: t.baseTerm = b.string(s, e)
                case .nullable: t.nullable = b.boolAttribute(b.string(s, e), a, element, location) ?? true
                case .defaultValue: t.defaultValue = b.string(s, e)
                case .appliesTo: t.appliesTo = b.string(s, e)
                default: _ = b.facet(a, b.string(s, e), into: &t.facets, element, location)
                }
            }
            guard let name else { missing("Name", on: element, at: location, example: "TermName"); return false }
            guard let type else { missing("Type", on: element, at: location, example: "Edm.String"); return false }
            t.name = name
            t.type = type
            term = t
        case .annotations:
            var target: String?
            var qualifier: String?
            forEachAttribute(n, attrs) { b, a, s, e in
                if a == .target { target = b.string(s, e) } else if a == .qualifier { qualifier = b.string(s, e) }
            }
            guard let target else { missing("Target", on: element, at: location, example: "Namespace.Type/Property"); return false }
            annotationGroup = CSDLAnnotations(target: target, qualifier: qualifier, location: location)
        case .schema:
            var namespace: String?
            var alias: String?
            forEachAttribute(n, attrs) { b, a, s, e in
                if a == .namespace { namespace = b.string(s, e) } else if a == .alias { alias = b.string(s, e) }
            }
            guard let namespace else { missing("Namespace", on: element, at: location, example: "My.Namespace"); return false }
            schema = CSDLSchema(namespace: namespace, alias: alias, location: location)
        case .reference:
            var uri: String?
            forEachAttribute(n, attrs) { b, a, s, e in if a == .uri { uri = b.string(s, e) } }
            guard let uri else { missing("Uri", on: element, at: location, example: "https://example.com/$metadata"); return false }
            reference = CSDLReference(uri: uri, location: location)
        case .include:
            var namespace: String?
            var alias: String?
            forEachAttribute(n, attrs) { b, a, s, e in
                if a == .namespace { namespace = b.string(s, e) } else if a == .alias { alias = b.string(s, e) }
            }
            guard let namespace else { missing("Namespace", on: element, at: location, example: "Org.OData.Core.V1"); return false }
            include = CSDLInclude(namespace: namespace, alias: alias, location: location)
        case .includeAnnotations:
            var termNamespace: String?
            var qualifier: String?
            var targetNamespace: String?
            forEachAttribute(n, attrs) { b, a, s, e in
                switch a {
                case .termNamespace: termNamespace = b.string(s, e)
                case .qualifier: qualifier = b.string(s, e)
                case .targetNamespace: targetNamespace = b.string(s, e)
                default: break
                }
            }
            guard let termNamespace else { missing("TermNamespace", on: element, at: location, example: "Org.OData.Core.V1"); return false }
            reference?.includeAnnotations.append(CSDLIncludeAnnotations(termNamespace: termNamespace, qualifier: qualifier,
                                                                        targetNamespace: targetNamespace, location: location))
        case .dataServices:
            if document?.dataServicesLocation != nil {
                diagnose(.warning, "more than one <edmx:DataServices>; their schemas are read together", at: location)
            }
            document?.dataServicesLocation = location
        default:
            return false
        }
        return true
    }

    // MARK: - Expressions

    private mutating func startExpression(_ element: ElementName, _ localname: UnsafePointer<xmlChar>, _ n: Int,
                                          _ attrs: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?, _ location: SourceLocation) {
        var frame = ExpressionFrame(element: element, localName: element == .unknown ? String(cString: localname) : element.xmlName,
                                    location: location)
        switch element {
        case .record:
            forEachAttribute(n, attrs) { b, a, s, e in if a == .type { frame.recordType = b.string(s, e) } }
        case .propertyValue:
            var property: String?
            forEachAttribute(n, attrs) { b, a, s, e in
                if a == .property { property = b.string(s, e) }
                else if let k = a.constantKind { frame.attributeValue = .constant(k, b.string(s, e)) }
                else if let k = a.pathKind { frame.attributeValue = .path(k, b.string(s, e)) }
                else if a == .path { frame.attributeValue = .path(.path, b.string(s, e)) }
            }
            guard let property else {
                missing("Property", on: element, at: location, example: "PropertyName")
                skipDepth = 1
                return
            }
            frame.property = property
        default:
            if element.constantKind == nil && element.pathKind == nil && element != .collection {
                // Dynamic and unknown expressions keep every unqualified attribute.
                if let attrs {
                    for i in 0..<n {
                        let b = i * 5
                        guard attrs[b + 2] == nil, let local = attrs[b], let s = attrs[b + 3], let e = attrs[b + 4] else { continue }
                        frame.attributes.append((String(cString: local), string(s, e)))
                    }
                }
            }
        }
        stack.append(element == .unknown ? .unknownExpression : element)
        if element.isAnnotatable || element == .unknown { annotationMarks.append(pendingAnnotations.count) }
        if element == .labeledElementReference || element == .unknown {
            text.removeAll(keepingCapacity: true)
            collectingText = true
        }
        expressionFrames.append(frame)
    }

    /// Constant and path expressions in element form are leaves (text only): no frame, just their location.
    private mutating func startLeafExpression(_ element: ElementName, _ location: SourceLocation) {
        stack.append(element)
        leafLocation = location
        text.removeAll(keepingCapacity: true)
        collectingText = true
    }

    mutating func characters(_ chars: UnsafePointer<xmlChar>, _ len: Int) {
        guard collectingText, skipDepth == 0 else { return }
        text.append(contentsOf: UnsafeBufferPointer(start: chars, count: len))
    }

    private mutating func takeText(trim: Bool) -> String {
        collectingText = false
        var start = 0
        var end = text.count
        if trim {
            func ws(_ c: UInt8) -> Bool { c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D }
            while start < end && ws(text[start]) { start += 1 }
            while end > start && ws(text[end - 1]) { end -= 1 }
        }
        let n = end - start
        let s = text.withUnsafeBufferPointer { b -> String in
            guard let p = b.baseAddress else { return "" }
            if n >= 16 { return interner.intern(p + start, n) }
            return String(decoding: UnsafeBufferPointer(start: p + start, count: n), as: UTF8.self)
        }
        text.removeAll(keepingCapacity: true)
        return s
    }

    private mutating func endExpression(_ element: ElementName) {
        if let k = element.constantKind {
            deliver(.constant(k, takeText(trim: k != .string)), at: leafLocation)
            return
        }
        if let k = element.pathKind {
            deliver(.path(k, takeText(trim: true)), at: leafLocation)
            return
        }
        guard let frame = expressionFrames.popLast() else { return }
        let annotations = (element.isAnnotatable || element == .unknownExpression) ? takeAnnotations() : []
        let expression: CSDLExpression
        switch element {
        case .collection:
            expression = .collection(frame.children)
        case .record:
            expression = .record(CSDLRecord(type: frame.recordType, propertyValues: frame.propertyValues,
                                            annotations: annotations, location: frame.location))
        case .null where annotations.isEmpty:
            expression = .null
        case .propertyValue:
            if frame.children.count + (frame.attributeValue == nil ? 0 : 1) > 1 {
                diagnose(.warning, "PropertyValue \(frame.property) has more than one value; the first is used", at: frame.location)
            }
            let pv = CSDLPropertyValue(property: frame.property, value: frame.attributeValue ?? frame.children.first,
                                       annotations: annotations, location: frame.location)
            if expressionFrames.last?.element == .record {
                expressionFrames[expressionFrames.count - 1].propertyValues.append(pv)
            }
            return
        default:
            let leaf = element == .labeledElementReference || element == .unknownExpression
            let t = leaf ? takeText(trim: true) : ""
            expression = .raw(CSDLRawExpression(name: frame.localName, attributes: frame.attributes, children: frame.children,
                                                text: t.isEmpty ? nil : t, annotations: annotations, location: frame.location))
        }
        deliver(expression, at: frame.location)
    }

    private mutating func deliver(_ expression: CSDLExpression, at location: SourceLocation) {
        let base = annotationFrames.last?.exprBase ?? 0
        if expressionFrames.count > base {
            expressionFrames[expressionFrames.count - 1].children.append(expression)
        } else if !annotationFrames.isEmpty {
            let i = annotationFrames.count - 1
            if annotationFrames[i].annotation.value != nil {
                diagnose(.warning, "Annotation \(annotationFrames[i].annotation.term) has more than one value; the first is used", at: location)
            } else {
                annotationFrames[i].annotation.value = expression
            }
        }
    }

    // MARK: - End

    /// The annotations of the element that ends (one exact-size array, none when it has no annotations).
    @inline(__always)
    private mutating func takeAnnotations() -> [CSDLAnnotation] {
        guard let mark = annotationMarks.popLast() else { return [] }
        let count = pendingAnnotations.count - mark
        if count == 0 { return [] }
        return pendingAnnotations.take(from: mark)
    }

    mutating func endElement() {
        if skipDepth > 0 { skipDepth -= 1; return }
        guard let element = stack.popLast() else { return }
        if element.isExpressionElement {
            endExpression(element)
            return
        }
        let annotations = element.isAnnotatable ? takeAnnotations() : []
        switch element {
        case .annotation:
            guard var frame = annotationFrames.popLast() else { return }
            frame.annotation.annotations = annotations
            if annotationMarks.isEmpty { return }
            pendingAnnotations.append(frame.annotation)
        case .property:
            guard property != nil else { return }
            property!.annotations = annotations
            if entityType != nil { entityType!.properties.append(property.take()!) } else { complexType?.properties.append(property.take()!) }
        case .navigationProperty:
            guard navigationProperty != nil else { return }
            navigationProperty!.annotations = annotations
            if entityType != nil { entityType!.navigationProperties.append(navigationProperty.take()!) } else { complexType?.navigationProperties.append(navigationProperty.take()!) }
        case .referentialConstraint:
            guard var rc = referentialConstraint.take() else { return }
            rc.annotations = annotations
            navigationProperty?.referentialConstraints.append(rc)
        case .onDelete:
            guard var od = onDelete.take() else { return }
            od.annotations = annotations
            navigationProperty?.onDelete = od
        case .key:
            entityType?.key = key.take()
        case .member:
            guard member != nil else { return }
            member!.annotations = annotations
            enumType?.members.append(member.take()!)
        case .entityType:
            guard var et = entityType.take() else { return }
            et.annotations = annotations
            appendToSchema(.entityType) { $0.entityTypes.append(et); return $0.entityTypes.count - 1 }
        case .complexType:
            guard var ct = complexType.take() else { return }
            ct.annotations = annotations
            appendToSchema(.complexType) { $0.complexTypes.append(ct); return $0.complexTypes.count - 1 }
        case .enumType:
            guard var et = enumType.take() else { return }
            et.annotations = annotations
            appendToSchema(.enumType) { $0.enumTypes.append(et); return $0.enumTypes.count - 1 }
        case .typeDefinition:
            guard var td = typeDefinition.take() else { return }
            td.annotations = annotations
            appendToSchema(.typeDefinition) { $0.typeDefinitions.append(td); return $0.typeDefinitions.count - 1 }
        case .action, .function:
            guard var op = operation.take() else { return }
            op.annotations = annotations
            if op.kind == .action {
                appendToSchema(.action) { $0.actions.append(op); return $0.actions.count - 1 }
            } else {
                appendToSchema(.function) { $0.functions.append(op); return $0.functions.count - 1 }
            }
        case .parameter:
            guard var p = parameter.take() else { return }
            p.annotations = annotations
            operation?.parameters.append(p)
        case .returnType:
            guard var r = returnType.take() else { return }
            r.annotations = annotations
            operation?.returnType = r
        case .entityContainer:
            guard var c = container.take() else { return }
            c.annotations = annotations
            appendToSchema(.entityContainer) { $0.entityContainers.append(c); return $0.entityContainers.count - 1 }
        case .entitySet:
            guard var s = entitySet.take() else { return }
            s.annotations = annotations
            container?.entitySets.append(s)
            let index = Int32((container?.entitySets.count ?? 1) - 1)
                container?.order.append((.entitySet, index))
        case .singleton:
            guard var s = singleton.take() else { return }
            s.annotations = annotations
            container?.singletons.append(s)
            let index = Int32((container?.singletons.count ?? 1) - 1)
                container?.order.append((.singleton, index))
        case .actionImport, .functionImport:
            guard var imp = operationImport.take() else { return }
            imp.annotations = annotations
            if imp.kind == .action {
                container?.actionImports.append(imp)
                let index = Int32((container?.actionImports.count ?? 1) - 1)
                container?.order.append((.actionImport, index))
            } else {
                container?.functionImports.append(imp)
                let index = Int32((container?.functionImports.count ?? 1) - 1)
                container?.order.append((.functionImport, index))
            }
        case .term:
            guard var t = term.take() else { return }
            t.annotations = annotations
            appendToSchema(.term) { $0.terms.append(t); return $0.terms.count - 1 }
        case .annotations:
            guard var g = annotationGroup.take() else { return }
            g.annotations = annotations
            appendToSchema(.annotations) { $0.annotationGroups.append(g); return $0.annotationGroups.count - 1 }
        case .schema:
            guard var s = schema.take() else { return }
            s.annotations = annotations
            document?.schemas.append(s)
        case .reference:
            guard var r = reference.take() else { return }
            r.annotations = annotations
            document?.references.append(r)
        case .include:
            guard var i = include.take() else { return }
            i.annotations = annotations
            reference?.includes.append(i)
        default:
            break
        }
    }

    private mutating func appendToSchema(_ kind: CSDLSchemaElementKind, _ append: (inout CSDLSchema) -> Int) {
        guard schema != nil else { return }
        let index = append(&schema!)
        schema!.order.append((kind, Int32(index)))
    }
}

extension ElementName {
    /// A marker for expression elements whose name the reader does not know (kept raw).
    static var unknownExpression: ElementName { .unknown }

    /// Elements under which children are expressions.
    var isExpressionContainer: Bool {
        switch self {
        case .annotation, .collection, .record, .propertyValue, .null,
             .and, .or, .not, .eq, .ne, .gt, .ge, .lt, .le, .has, .in, .add, .sub, .mul, .div, .divBy, .mod, .neg,
             .apply, .cast, .if, .isOf, .labeledElement, .labeledElementReference, .urlRef, .unknown:
            return true
        default:
            return false
        }
    }

    /// Elements read as expressions (pushed by `startExpression`).
    var isExpressionElement: Bool {
        switch self {
        case .collection, .record, .propertyValue, .null,
             .and, .or, .not, .eq, .ne, .gt, .ge, .lt, .le, .has, .in, .add, .sub, .mul, .div, .divBy, .mod, .neg,
             .apply, .cast, .if, .isOf, .labeledElement, .labeledElementReference, .urlRef, .unknown:
            return true
        default:
            return constantKind != nil || pathKind != nil
        }
    }
}

extension Optional {
    /// Returns the value and leaves nil behind (moves it out without a copy).
    @inline(__always)
    mutating func take() -> Wrapped? {
        var v: Wrapped? = nil
        swap(&self, &v)
        return v
    }
}

extension String {
    func trimmingXMLWhitespace() -> String {
        let u = utf8
        var start = u.startIndex
        var end = u.endIndex
        func ws(_ c: UInt8) -> Bool { c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D }
        while start < end && ws(u[start]) { start = u.index(after: start) }
        while end > start && ws(u[u.index(before: end)]) { end = u.index(before: end) }
        if start == u.startIndex && end == u.endIndex { return self }
        return String(self[start..<end])
    }

    func replacingAll(_ target: String, with replacement: String) -> String {
        guard !target.isEmpty else { return self }
        var result = ""
        var rest = self[...]
        while let r = rest.range(of: target) {
            result += rest[..<r.lowerBound]
            result += replacement
            rest = rest[r.upperBound...]
        }
        result += rest
        return result
    }
}

extension Substring {
    func range(of target: String) -> Range<Substring.Index>? {
        let t = Array(target.utf8)
        let u = self.utf8
        var i = u.startIndex
        while i < u.endIndex {
            var j = i
            var k = 0
            while k < t.count && j < u.endIndex && u[j] == t[k] { j = u.index(after: j); k += 1 }
            if k == t.count { return i..<j }
            i = u.index(after: i)
        }
        return nil
    }
}

/// A stack whose elements can be moved out in bulk (no copies, no retain/release pairs). Storage is allocated on
/// first use; the owner calls `release()` once. The builder that holds it is never copied while in use.
struct MoveStack<Element> {
    private var base: UnsafeMutablePointer<Element>?
    private(set) var count = 0
    private var capacity = 0

    init() {}

    @inline(__always)
    mutating func append(_ element: consuming Element) {
        if count == capacity { grow() }
        (base! + count).initialize(to: consume element)
        count += 1
    }

    private mutating func grow() {
        let bigger = UnsafeMutablePointer<Element>.allocate(capacity: max(capacity * 2, 256))
        if let base {
            bigger.moveInitialize(from: base, count: count)
            base.deallocate()
        }
        base = bigger
        capacity = max(capacity * 2, 256)
    }

    /// Moves the elements from `mark` to the top into an exact-size array.
    @inline(__always)
    mutating func take(from mark: Int) -> [Element] {
        let n = count - mark
        guard n > 0, let base else { return [] }
        let source = base + mark
        let result = [Element](unsafeUninitializedCapacity: n) { buffer, initialized in
            buffer.baseAddress!.moveInitialize(from: source, count: n)
            initialized = n
        }
        count = mark
        return result
    }

    /// Destroys what is left and frees the storage.
    mutating func release() {
        if let base {
            base.deinitialize(count: count)
            base.deallocate()
        }
        base = nil
        capacity = 0
        count = 0
    }
}

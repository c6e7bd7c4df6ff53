import Mustache

// Key lookup for the renderer without reflection: swift-mustache reads other values through `Mirror`, which made
// rendering the full F&O document take seconds. Each context answers the keys of its stored properties; templates
// see exactly the same names (the JSON of `--dump-context`).

extension FileContext: MustacheParent {
    public func child(named key: String) -> Any? {
        switch key {
        case "fileName": return fileName
        case "header": return header
        case "access": return access
        case "imports": return imports
        case "declaresRuntimeCheck": return declaresRuntimeCheck
        case "structs": return structs
        case "enums": return enums
        default: return nil
        }
    }
}

extension DocLine: MustacheParent {
    public func child(named key: String) -> Any? {
        key == "text" ? text : nil
    }
}

extension StructContext: MustacheParent {
    public func child(named key: String) -> Any? {
        switch key {
        case "name": return name
        case "edmName": return edmName
        case "edmKind": return edmKind
        case "isEntity": return isEntity
        case "docLines": return docLines
        case "properties": return properties
        case "keyProperties": return keyProperties
        case "hasKey": return hasKey
        case "hasKeyAccessor": return hasKeyAccessor
        case "entitySetName": return entitySetName
        case "hasEntitySet": return hasEntitySet
        case "hasEtag": return hasEtag
        case "isOpen": return isOpen
        case "initParameters": return initParameters
        case "codingKeys": return codingKeys
        case "hasCodingKeys": return hasCodingKeys
        default: return nil
        }
    }
}

extension PropertyContext: MustacheParent {
    public func child(named key: String) -> Any? {
        switch key {
        case "name": return name
        case "edmName": return edmName
        case "type": return type
        case "decodedType": return decodedType
        case "isOptional": return isOptional
        case "isNavigation": return isNavigation
        case "docLines": return docLines
        default: return nil
        }
    }
}

extension KeyPropertyContext: MustacheParent {
    public func child(named key: String) -> Any? {
        switch key {
        case "name": return name
        case "edmName": return edmName
        case "type": return type
        case "isLast": return isLast
        default: return nil
        }
    }
}

extension InitParameterContext: MustacheParent {
    public func child(named key: String) -> Any? {
        switch key {
        case "declaration": return declaration
        case "name": return name
        case "isLast": return isLast
        default: return nil
        }
    }
}

extension CodingKeyContext: MustacheParent {
    public func child(named key: String) -> Any? {
        switch key {
        case "name": return name
        case "wireName": return wireName
        default: return nil
        }
    }
}

extension EnumContext: MustacheParent {
    public func child(named key: String) -> Any? {
        switch key {
        case "name": return name
        case "edmName": return edmName
        case "isFlags": return isFlags
        case "docLines": return docLines
        case "members": return members
        default: return nil
        }
    }
}

extension EnumMemberContext: MustacheParent {
    public func child(named key: String) -> Any? {
        switch key {
        case "name": return name
        case "edmName": return edmName
        case "value": return value
        case "docLines": return docLines
        case "isLast": return isLast
        default: return nil
        }
    }
}

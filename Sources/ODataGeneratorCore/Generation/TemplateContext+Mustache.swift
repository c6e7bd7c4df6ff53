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
        case "service": return service
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
        case "profileType": return profileType
        case "fields": return fields
        case "entityProtocol": return entityProtocol
        case "isKeyed": return isKeyed
        case "isCompanySpecific": return isCompanySpecific
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

extension FieldContext: MustacheParent {
    public func child(named key: String) -> Any? {
        switch key {
        case "name": return name
        case "edmName": return edmName
        case "type": return type
        case "initializer": return initializer
        default: return nil
        }
    }
}

extension ServiceContext: MustacheParent {
    public func child(named key: String) -> Any? {
        switch key {
        case "name": return name
        case "containerName": return containerName
        case "profileType": return profileType
        case "members": return members
        case "imports": return imports
        case "boundGroups": return boundGroups
        default: return nil
        }
    }
}

extension ServiceMemberContext: MustacheParent {
    public func child(named key: String) -> Any? {
        switch key {
        case "name": return name
        case "edmName": return edmName
        case "edmKind": return edmKind
        case "type": return type
        case "initializer": return initializer
        default: return nil
        }
    }
}

extension OperationGroupContext: MustacheParent {
    public func child(named key: String) -> Any? {
        switch key {
        case "extendedType": return extendedType
        case "entityName": return entityName
        case "operations": return operations
        default: return nil
        }
    }
}

extension OperationContext: MustacheParent {
    public func child(named key: String) -> Any? {
        switch key {
        case "name": return name
        case "edmName": return edmName
        case "edmKind": return edmKind
        case "isAction": return isAction
        case "resultType": return resultType
        case "resultInValue": return resultInValue
        case "parameters": return parameters
        case "hasParameters": return hasParameters
        case "docLines": return docLines
        case "basePath": return basePath
        default: return nil
        }
    }
}

extension ParameterContext: MustacheParent {
    public func child(named key: String) -> Any? {
        switch key {
        case "name": return name
        case "edmName": return edmName
        case "declaration": return declaration
        case "isLast": return isLast
        default: return nil
        }
    }
}

import Foundation
import ODataGeneratorCore

/// A small connector folder that passes every rule, written for these tests, and helpers that change one
/// thing in it.
enum ConnectorLintFixtures {
    static let definition = #"""
        {
          "swagger": "2.0",
          "info": {
            "title": "Fabrikam Vendors",
            "description": "Lists, reads, creates, updates and deletes vendors of a Dynamics 365 finance and operations environment.",
            "version": "1.0"
          },
          "host": "fabrikam.operations.dynamics.com",
          "basePath": "/data",
          "schemes": ["https"],
          "consumes": ["application/json"],
          "produces": ["application/json"],
          "paths": {
            "/VendorsV2": {
              "get": {
                "operationId": "ListVendorsV2",
                "summary": "List vendors",
                "description": "Returns one page of vendors; follow the next link for more.",
                "x-ms-visibility": "important",
                "parameters": [
                  {"$ref": "#/parameters/Filter"},
                  {"name": "$top", "in": "query", "required": false, "type": "integer", "format": "int32"}
                ],
                "responses": {
                  "200": {"description": "A page of vendors", "schema": {"$ref": "#/definitions/VendorV2Page"}},
                  "default": {"description": "The service reported an error."}
                },
                "x-ms-pageable": {"nextLinkName": "@odata.nextLink"}
              },
              "post": {
                "operationId": "CreateVendorV2",
                "summary": "Create a vendor",
                "description": "Creates a vendor in the company named by dataAreaId.",
                "parameters": [
                  {"name": "body", "in": "body", "required": true, "schema": {"$ref": "#/definitions/VendorV2"}}
                ],
                "responses": {
                  "201": {"description": "The new vendor", "schema": {"$ref": "#/definitions/VendorV2"}},
                  "default": {"description": "The service reported an error."}
                }
              }
            },
            "/VendorsV2(dataAreaId='{dataAreaId}',VendorAccountNumber='{VendorAccountNumber}')": {
              "parameters": [
                {"$ref": "#/parameters/DataAreaId"},
                {"name": "VendorAccountNumber", "in": "path", "required": true, "type": "string", "x-ms-url-encoding": "single"}
              ],
              "get": {
                "operationId": "GetVendorV2",
                "summary": "Get a vendor",
                "description": "Returns the vendor with the given company and account number.",
                "responses": {
                  "200": {"description": "The vendor", "schema": {"$ref": "#/definitions/VendorV2"}},
                  "default": {"description": "The service reported an error."}
                }
              },
              "patch": {
                "operationId": "UpdateVendorV2",
                "summary": "Update a vendor",
                "description": "Changes the fields given in the body.",
                "parameters": [
                  {"name": "If-Match", "in": "header", "required": false, "type": "string", "default": "*"},
                  {"name": "body", "in": "body", "required": true, "schema": {"$ref": "#/definitions/VendorV2"}}
                ],
                "responses": {
                  "204": {"description": "Updated"},
                  "default": {"description": "The service reported an error."}
                }
              }
            }
          },
          "parameters": {
            "Filter": {"name": "$filter", "in": "query", "required": false, "type": "string", "x-ms-summary": "Filter"},
            "DataAreaId": {"name": "dataAreaId", "in": "path", "required": true, "type": "string", "x-ms-url-encoding": "single"}
          },
          "definitions": {
            "VendorV2": {
              "type": "object",
              "properties": {
                "dataAreaId": {"type": "string", "x-ms-visibility": "important"},
                "VendorAccountNumber": {"type": "string"},
                "VendorName": {"type": "string", "x-nullable": true},
                "CreditLimit": {"type": "number", "format": "double"},
                "Blocked": {"type": "string", "enum": ["No", "Invoice", "All"]},
                "CreatedDateTime": {"type": "string", "format": "date-time"},
                "Tags": {"type": "array", "items": {"type": "string"}}
              }
            },
            "VendorV2Page": {
              "type": "object",
              "properties": {
                "value": {"type": "array", "items": {"$ref": "#/definitions/VendorV2"}},
                "@odata.nextLink": {"type": "string"}
              }
            }
          },
          "securityDefinitions": {
            "entra": {
              "type": "oauth2",
              "flow": "accessCode",
              "authorizationUrl": "https://login.microsoftonline.com/common/oauth2/authorize",
              "tokenUrl": "https://login.microsoftonline.com/common/oauth2/token",
              "scopes": {}
            }
          },
          "security": [{"entra": []}]
        }
        """#

    static let properties = #"""
        {
          "properties": {
            "connectionParameters": {
              "token": {
                "type": "oauthSetting",
                "oAuthSettings": {
                  "identityProvider": "aad",
                  "clientId": "11111111-2222-3333-4444-555555555555",
                  "scopes": [],
                  "redirectMode": "Global",
                  "redirectUrl": "https://global.consent.azure-apim.net/redirect",
                  "properties": {"IsFirstParty": "False"},
                  "customParameters": {
                    "loginUri": {"value": "https://login.microsoftonline.com"},
                    "tenantId": {"value": "common"},
                    "resourceUri": {"value": "https://fabrikam.operations.dynamics.com"}
                  }
                }
              },
              "token:resourceUri": {
                "type": "string",
                "uiDefinition": {"displayName": "Environment URL", "constraints": {"required": "true"}}
              }
            },
            "iconBrandColor": "#1F6E43",
            "capabilities": [],
            "policyTemplateInstances": [
              {
                "templateId": "dynamichosturl",
                "title": "Environment of the connection",
                "parameters": {"x-ms-apimTemplateParameter.urlTemplate": "@connectionParameters('token:resourceUri')/data"}
              },
              {
                "templateId": "updatenextlink",
                "title": "Page through lists",
                "parameters": {
                  "x-ms-apimTemplate-operationName": ["ListVendorsV2"],
                  "x-ms-apimTemplateParameter.nextLinkPropertyName": "@odata.nextLink"
                }
              }
            ]
          }
        }
        """#

    static let settings = #"""
        {
          "apiDefinition": "apiDefinition.swagger.json",
          "apiProperties": "apiProperties.json",
          "environment": "0a1b2c3d-0000-4000-8000-00000000abcd",
          "icon": "icon.png",
          "powerAppsApiVersion": "2016-11-01"
        }
        """#

    static let definitionFile = ConnectorLinter.definitionFile
    static let propertiesFile = ConnectorLinter.propertiesFile
    static let settingsFile = ConnectorLinter.settingsFile

    /// The good folder.
    static var files: [String: Data] {
        [definitionFile: Data(definition.utf8), propertiesFile: Data(properties.utf8), settingsFile: Data(settings.utf8)]
    }
}

/// A JSON document as Foundation objects, changed by JSON pointer.
struct EditableJSON {
    var root: Any

    init(_ text: String) {
        root = try! JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])
    }

    var data: Data {
        try! JSONSerialization.data(withJSONObject: root, options: [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes, .fragmentsAllowed])
    }

    static func tokens(_ pointer: String) -> [String] {
        pointer.split(separator: "/", omittingEmptySubsequences: false).dropFirst()
            .map { JSONPointer.unescape(String($0)) }
    }

    /// Sets (or, with nil, removes) the value at `pointer`; `-` appends to an array.
    mutating func set(_ pointer: String, _ value: Any?) {
        root = Self.update(root, Self.tokens(pointer)[...], value)
    }

    /// The value at `pointer`.
    func get(_ pointer: String) -> Any? {
        var current: Any? = root
        for token in Self.tokens(pointer) {
            if let object = current as? [String: Any] { current = object[token] }
            else if let array = current as? [Any], let i = Int(token), i < array.count { current = array[i] }
            else { return nil }
        }
        return current
    }

    private static func update(_ node: Any, _ tokens: ArraySlice<String>, _ value: Any?) -> Any {
        guard let token = tokens.first else { return value as Any }
        let rest = tokens.dropFirst()
        if var object = node as? [String: Any] {
            if rest.isEmpty {
                object[token] = value
            } else {
                object[token] = update(object[token] ?? [String: Any](), rest, value)
            }
            return object
        }
        if var array = node as? [Any] {
            if token == "-" {
                if let value { array.append(rest.isEmpty ? value : update([String: Any](), rest, value)) }
                return array
            }
            let i = Int(token)!
            if rest.isEmpty {
                if let value { array[i] = value } else { array.remove(at: i) }
            } else {
                array[i] = update(array[i], rest, value)
            }
            return array
        }
        preconditionFailure("cannot descend into \(node) at \(token)")
    }
}

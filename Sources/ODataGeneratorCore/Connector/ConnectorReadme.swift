/// The README.md of a connector folder: what it holds and the setup steps, from Entra ID to a canvas app and a flow.
enum ConnectorReadme {
    static func text(api: APIDescription, part: ConnectorPart, operations: [APIOperation], options: ConnectorOptions,
                     partCount: Int) -> String {
        let resource = "https://" + api.host
        let list = operations.first { $0.pageable }
        let get = operations.first { $0.method == "get" && !$0.pageable }
        let update = operations.first { $0.method == "patch" }
        // Power Apps names a connector's data source after its title without spaces and punctuation, case kept.
        let connectorName = String(part.title.filter { $0.isASCII && ($0.isLetter || $0.isNumber) })
        var lines: [String] = []
        lines.append("# \(part.title)")
        lines.append("")
        lines.append("A Power Platform custom connector for \(api.host), generated from `$metadata` by `odata-generator connector`.")
        if partCount > 1 {
            lines.append("The selection was too large for one connector (at most 256 operations and 1 MiB); this is part "
                + "\(part.folder.split(separator: "-").last ?? "") of \(partCount).")
        }
        lines.append("")
        lines.append("- Entity sets: " + part.groups.joined(separator: ", "))
        lines.append("- Operations: \(part.operationCount); definition: \(part.definitionBytes) bytes")
        lines.append("- Files: `apiDefinition.swagger.json` (Swagger 2.0), `apiProperties.json` (Entra ID OAuth connection, "
            + "policies), `settings.json` (for paconn), `icon.png`")
        lines.append("")
        lines.append("## 1. Register an app in Microsoft Entra ID")
        lines.append("")
        lines.append("1. Azure portal > Microsoft Entra ID > App registrations > New registration. Supported account types: "
            + "accounts in this organizational directory only (single tenant) or any directory.")
        lines.append("2. Redirect URI: platform Web, `https://global.consent.azure-apim.net/redirect` (the redirect URI of "
            + "custom connectors; after the connector is created, also add the connector-specific redirect URI it shows).")
        lines.append("3. API permissions > Add a permission > Dynamics ERP > Delegated permissions > "
            + "`user_impersonation` (and `Odata.FullAccess` if listed) > Add; then Grant admin consent.")
        lines.append("4. Certificates & secrets > New client secret; copy the value (it is shown once).")
        lines.append("5. Copy the Application (client) ID into `apiProperties.json` "
            + "(`properties.connectionParameters.token.oAuthSettings.clientId`, now "
            + "`\(options.clientId ?? "00000000-0000-0000-0000-000000000000")`) or set `connector.clientId` in "
            + "odata-generator-config.yaml and export again.")
        lines.append("")
        lines.append("## 2. Register the app in finance and operations")
        lines.append("")
        lines.append("In the environment (\(resource)): System administration > Setup > Microsoft Entra ID applications > New. "
            + "Client ID: the Application (client) ID; Name: the connector name; User ID: a user with least-privilege "
            + "security roles for the entities above (not an administrator). Without this mapping calls answer 401 or 403. "
            + "Delegated calls from the connector run as the signed-in user, who needs the same roles.")
        lines.append("")
        lines.append("## 3. Create the connector")
        lines.append("")
        lines.append("With paconn (`pip install paconn`):")
        lines.append("")
        lines.append("```sh")
        lines.append("paconn login")
        lines.append("paconn create --api-def apiDefinition.swagger.json --api-prop apiProperties.json --icon icon.png --secret <client secret>")
        lines.append("```")
        lines.append("")
        lines.append("or with the Power Platform CLI:")
        lines.append("")
        lines.append("```sh")
        lines.append("pac auth create --environment <environment id>")
        lines.append("pac connector create --api-definition-file apiDefinition.swagger.json --api-properties-file apiProperties.json --icon-file icon.png")
        lines.append("```")
        lines.append("")
        lines.append("(`pac` leaves the client secret empty: enter it under Security in the custom connector wizard.) "
            + "Then in Power Apps or Power Automate: Custom connectors > \(part.title) > Test > New connection. "
            + "The connection asks for the environment URL (for example `\(resource)`, no trailing slash): one connector "
            + "serves any environment, because the `dynamichosturl` policy sends the calls to that URL's `/data`.")
        lines.append("")
        lines.append("## 4. Use it from a canvas app")
        lines.append("")
        lines.append("Add the connector as a data source (Data > Add data > \(part.title)); its operations are functions of `\(connectorName)`:")
        lines.append("")
        lines.append("```")
        if let list {
            lines.append("// a gallery's Items: the records, filtered on the server (enum literals are qualified in F&O)")
            lines.append("\(connectorName).\(list.id)({'$filter': \"dataAreaId eq 'usmf'\", '$top': 50, 'cross-company': true}).value")
        }
        if let get {
            lines.append("// one record by key")
            lines.append("\(connectorName).\(get.id)(" + keyArguments(get) + ")")
        }
        if let update {
            lines.append("// a Patch-like update: the key, the If-Match ETag (* = any version), then a record of the changed fields")
            lines.append("\(connectorName).\(update.id)(" + keyArguments(update) + ", \"*\", {<Field>: <value>})")
        }
        lines.append("```")
        lines.append("")
        lines.append("Canvas-app `Filter` on `.value` runs locally on the page returned; put the condition in `$filter` to "
            + "filter on the server. The list operations are pageable: the connector follows `@odata.nextLink`.")
        lines.append("")
        lines.append("## 5. Use it from a flow")
        lines.append("")
        lines.append("In Power Automate add an action, search for \(part.title) and pick an operation"
            + (list.map { " such as \($0.summary)" } ?? "") + ". Turn on Settings > Pagination of a list action to "
            + "get all pages. Writes return 204 (update, delete) or 201 (create); a 412 means the record changed since its "
            + "`@odata.etag` was read.")
        lines.append("")
        return lines.joined(separator: "\n")
    }

    private static func keyArguments(_ op: APIOperation) -> String {
        op.parameters.compactMap { use -> String? in
            if case .inline(let p) = use, p.location == .path { return "\"<\(p.name)>\"" }
            return nil
        }.joined(separator: ", ")
    }
}

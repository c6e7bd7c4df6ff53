import ODataCSDL
let r = try CSDLReader.read(path: CommandLine.arguments[1])
for d in r.diagnostics { print(d) }
print(r.document?.schemas.count ?? -1)

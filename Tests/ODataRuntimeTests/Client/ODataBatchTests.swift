import Foundation
import Testing
@testable import ODataRuntime

@Suite("$batch encoding and response parsing")
struct ODataBatchTests {
    static func sampleBatch() -> ODataBatch {
        var batch = ODataBatch()
        batch.add(ODataBatchRequest(url: testRoot.appendingPathComponent("CustomersV3")))
        batch.addChangeset([
            ODataBatchRequest(method: "POST", url: testRoot.appendingPathComponent("SalesOrderHeaders"), body: Data(#"{"A":1}"#.utf8)),
            ODataBatchRequest(method: "POST", target: "$1/Lines", body: Data(#"{"B":2}"#.utf8)),
            ODataBatchRequest(
                method: "PATCH", url: URL(string: "https://other.example/X")!, headers: ["If-Match": "*"],
                body: Data("{}".utf8), contentID: "7"),
        ])
        return batch
    }

    @Test("changeset requests get Content-IDs; the body is multipart/mixed with CRLF lines and relative targets")
    func encoding() throws {
        let batch = Self.sampleBatch().withContentIDs()
        #expect(batch.requests.map(\.contentID) == [nil, "1", "2", "7"])
        let text = String(decoding: batch.encode(boundary: "b1", serviceRoot: testRoot), as: UTF8.self)
        let accept = "Accept: application/json;odata.metadata=minimal\r\n"
        let http = "Content-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n"
        let expected =
            "--b1\r\n" + http + "\r\nGET CustomersV3 HTTP/1.1\r\n" + accept + "\r\n\r\n"
            + "--b1\r\nContent-Type: multipart/mixed; boundary=changeset_2_b1\r\n\r\n"
            + "--changeset_2_b1\r\n" + http + "Content-ID: 1\r\n\r\nPOST SalesOrderHeaders HTTP/1.1\r\n" + accept
            + "Content-Type: application/json\r\n\r\n{\"A\":1}\r\n"
            + "--changeset_2_b1\r\n" + http + "Content-ID: 2\r\n\r\nPOST $1/Lines HTTP/1.1\r\n" + accept
            + "Content-Type: application/json\r\n\r\n{\"B\":2}\r\n"
            + "--changeset_2_b1\r\n" + http + "Content-ID: 7\r\n\r\nPATCH https://other.example/X HTTP/1.1\r\n" + accept
            + "Content-Type: application/json\r\nIf-Match: *\r\n\r\n{}\r\n"
            + "--changeset_2_b1--\r\n--b1--\r\n"
        #expect(text == expected)
    }

    static func responseBody(changeset: String) -> String {
        "--batchresponse_1\r\nContent-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n\r\n"
            + "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n\r\n{\"value\":[]}\r\n"
            + "--batchresponse_1\r\n" + changeset
            + "--batchresponse_1--\r\n"
    }

    @Test("a response with a changeset maps one result per request, matched by Content-ID")
    func parsing() async throws {
        let changeset =
            "Content-Type: multipart/mixed; boundary=\"cs_9\"\r\n\r\n"
            + "--cs_9\r\nContent-Type: application/http\r\nContent-ID: 2\r\n\r\nHTTP/1.1 201 Created\r\nLocation: x\r\n\r\n{\"n\":2}\r\n"
            + "--cs_9\r\nContent-Type: application/http\r\nContent-ID: 1\r\n\r\nHTTP/1.1 201 Created\r\n\r\n{\"n\":1}\r\n"
            + "--cs_9\r\nContent-Type: application/http\r\nContent-ID: 7\r\n\r\nHTTP/1.1 204 No Content\r\n\r\n\r\n"
            + "--cs_9--\r\n"
        let transport = ScriptedTransport(responses: [
            ODataResponse(
                statusCode: 200, headers: ["Content-Type": "multipart/mixed; boundary=batchresponse_1"],
                body: Data(Self.responseBody(changeset: changeset).utf8))
        ])
        let client = ODataClient(serviceRoot: testRoot, transport: transport)
        let results = try await client.batch(Self.sampleBatch())
        #expect(results.map(\.response.statusCode) == [200, 201, 201, 204])
        #expect(results.map(\.request.contentID) == [nil, "1", "2", "7"])
        #expect(String(decoding: results[0].response.body, as: UTF8.self) == "{\"value\":[]}")
        #expect(String(decoding: results[1].response.body, as: UTF8.self) == "{\"n\":1}")
        #expect(String(decoding: results[2].response.body, as: UTF8.self) == "{\"n\":2}")
        #expect(results[2].response.header("Location") == "x")
        let sent = try #require(transport.requests.first)
        #expect(sent.method == "POST")
        #expect(sent.url.absoluteString == testRoot.absoluteString + "$batch")
        #expect(sent.header("Content-Type")?.hasPrefix("multipart/mixed; boundary=batch_") == true)
    }

    @Test("a failed changeset answered by one response gives that error to each of its requests")
    func failedChangeset() async throws {
        let changeset =
            "Content-Type: application/http\r\n\r\nHTTP/1.1 400 Bad Request\r\nContent-Type: application/json\r\n\r\n"
            + "{\"error\":{\"code\":\"X1\",\"message\":\"bad line\"}}\r\n"
        let client = ODataClient(
            serviceRoot: testRoot,
            transport: ScriptedTransport(responses: [
                ODataResponse(
                    statusCode: 200, headers: ["Content-Type": "multipart/mixed; boundary=batchresponse_1"],
                    body: Data(Self.responseBody(changeset: changeset).utf8))
            ]))
        let results = try await client.batch(Self.sampleBatch())
        #expect(results.map(\.response.statusCode) == [200, 400, 400, 400])
        #expect(throws: ODataError.self) { try results[1].get() }
        do {
            _ = try results[2].get(serviceRoot: testRoot)
        } catch {
            #expect(error.serviceError?.code == "X1")
        }
        #expect(try results[0].get().statusCode == 200)
    }

    @Test("parts answered 429 are sent again in a new batch after Retry-After; results stay in order")
    func throttledParts() async throws {
        let waits = Recorder<TimeInterval>()
        let transport = ScriptedTransport { request, number in
            let body = String(decoding: request.body ?? Data(), as: UTF8.self)
            let boundary = "r\(number)"
            var parts: [String] = []
            for line in body.components(separatedBy: "\r\n") where line.hasPrefix("GET ") {
                let status = number == 0 && line.contains("B") ? "429 Too Many Requests\r\nRetry-After: 3" : "200 OK"
                parts.append(
                    "--\(boundary)\r\nContent-Type: application/http\r\n\r\nHTTP/1.1 \(status)\r\n\r\n\(line.split(separator: " ")[1])\r\n")
            }
            return ODataResponse(
                statusCode: 200, headers: ["Content-Type": "multipart/mixed; boundary=\(boundary)"],
                body: Data((parts.joined() + "--\(boundary)--\r\n").utf8))
        }
        let client = ODataClient(serviceRoot: testRoot, transport: transport, configuration: fastConfiguration(waits: waits))
        var batch = ODataBatch()
        for name in ["A", "B1", "C", "B2"] { batch.add(ODataBatchRequest(url: testRoot.appendingPathComponent(name))) }
        let results = try await client.batch(batch)
        #expect(results.map(\.response.statusCode) == [200, 200, 200, 200])
        #expect(results.map { String(decoding: $0.response.body, as: UTF8.self) } == ["A", "B1", "C", "B2"])
        #expect(transport.requests.count == 2)
        let second = String(decoding: transport.requests[1].body ?? Data(), as: UTF8.self)
        #expect(second.contains("GET B1 ") && second.contains("GET B2 ") && !second.contains("GET A "))
        #expect(waits.values == [3.15])
    }

    @Test("a malformed batch response is a located invalidResponse error")
    func malformed() async throws {
        for (contentType, body) in [
            ("application/json", "{}"),
            ("multipart/mixed; boundary=zz", "no delimiters here"),
            ("multipart/mixed; boundary=zz", "--zz\r\nContent-Type: application/http\r\n\r\nHTTP/1.1 200 OK\r\n\r\n"),
            ("multipart/mixed; boundary=zz", "--zz\r\nContent-Type: application/http\r\n\r\nnot http\r\n--zz--\r\n"),
        ] {
            let client = ODataClient(
                serviceRoot: testRoot,
                transport: ScriptedTransport(responses: [
                    ODataResponse(statusCode: 200, headers: ["Content-Type": contentType], body: Data(body.utf8))
                ]))
            var batch = ODataBatch()
            batch.add(ODataBatchRequest(url: testRoot))
            do {
                _ = try await client.batch(batch)
                Issue.record("no error for \(body)")
            } catch ODataError.invalidResponse(_, let url) {
                #expect(url?.lastPathComponent == "$batch")
            }
        }
    }
}

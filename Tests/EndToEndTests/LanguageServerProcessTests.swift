import Foundation
import Testing

/// `runbook lsp` as a client drives it, and as a hostile or careless one does: malformed frames and
/// messages, a request about a document never opened, a 10 MB document, 500 edits in a second, a client
/// that goes away mid-message. The server answers with the protocol's errors and keeps serving, or ends
/// cleanly; it never crashes and never writes a file.
@Suite(.serialized) struct LanguageServerProcessTests {
    static let guide = LanguageServerClient.guide

    /// Every file under `folder` with its bytes: what "writes nothing" is checked against.
    static func snapshot(_ folder: URL) -> [String: Data] {
        var files: [String: Data] = [:]
        let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil)
        while let url = enumerator?.nextObject() as? URL {
            files[url.path] = FileManager.default.contents(atPath: url.path) ?? Data()
        }
        return files
    }

    static func isPublish(_ uri: String, version: Int? = nil) -> ([String: Any]) -> Bool {
        { message in
            guard message["method"] as? String == "textDocument/publishDiagnostics",
                let params = message["params"] as? [String: Any], params["uri"] as? String == uri
            else { return false }
            return version == nil || params["version"] as? Int == version
        }
    }

    static func errorCode(_ message: [String: Any]) -> Int? {
        (message["error"] as? [String: Any])?["code"] as? Int
    }

    @Test func badInputGetsProtocolErrorsAndTheServerKeepsServing() throws {
        let folder = try RunbookProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("guide.md")
        try Self.guide.write(to: file, atomically: true, encoding: .utf8)
        let before = Self.snapshot(folder)
        let client = try LanguageServerClient(directory: folder)
        defer { client.terminate() }

        try client.request(1, "initialize", LanguageServerClient.initializeParams(root: folder))
        #expect(try client.response(1)["result"] != nil)
        try client.notify("initialized", [String: Any]())

        // A header without a length, a body that is not JSON, an unknown method, a document never opened.
        client.write(raw: Data("Content-Type: text/plain\r\n\r\n".utf8))
        client.write(raw: Data("Content-Length: 9\r\n\r\n{not json".utf8))
        try client.request(2, "textDocument/formatting", ["textDocument": ["uri": file.absoluteString]])
        try client.request(
            3, "textDocument/hover",
            [
                "textDocument": ["uri": folder.appendingPathComponent("never.md").absoluteString],
                "position": ["line": 0, "character": 0],
            ])
        try client.request(4, "textDocument/hover", ["textDocument": 12])
        #expect(Self.errorCode(try client.response(2)) == -32_601)
        #expect(Self.errorCode(try client.response(3)) == -32_602)
        #expect(Self.errorCode(try client.response(4)) == -32_602)
        let parseErrors = client.received.filter { Self.errorCode($0) == -32_700 }
        #expect(parseErrors.count == 2)
        #expect(parseErrors.allSatisfy { $0["id"] is NSNull })

        // The guide: diagnostics on open.
        let uri = file.absoluteString
        try client.notify(
            "textDocument/didOpen",
            ["textDocument": ["uri": uri, "languageId": "markdown", "version": 1, "text": Self.guide]])
        let opened = try client.wait(for: "diagnostics of the guide", Self.isPublish(uri, version: 1))
        let diagnostics = (opened["params"] as? [String: Any])?["diagnostics"] as? [[String: Any]] ?? []
        #expect(diagnostics.contains { $0["code"] as? String == "sql.grantee-missing-keyword" })

        // 500 edits in a second: coalesced, and the last one wins.
        let start = Date()
        for version in 2...501 {
            let text = Self.guide + "\nEdit \(version) é.\n"
            try client.notify(
                "textDocument/didChange",
                ["textDocument": ["uri": uri, "version": version], "contentChanges": [["text": text]]])
            let due = start.addingTimeInterval(Double(version - 1) / 500)
            if due > Date() { usleep(useconds_t(due.timeIntervalSinceNow * 1_000_000)) }
        }
        try client.wait(for: "diagnostics of the last edit", timeout: 30, Self.isPublish(uri, version: 501))
        let publishes = client.received.filter(Self.isPublish(uri)).count
        #expect(publishes < 250, "\(publishes) checks for 500 edits")
        try client.request(5, "textDocument/documentSymbol", ["textDocument": ["uri": uri]])
        #expect((try client.response(5)["result"] as? [Any])?.count == 2)

        // A 10 MB document: checked, and the server still answers.
        let paragraph =
            "Prose with é, 𝄞, 😀 and 数据 in it, as a long page has. " + String(repeating: "word ", count: 30) + "\n\n"
        var large = "# Large\n\n"
        while large.utf8.count < 10_000_000 { large += paragraph }
        large += "## Step 1: Create\n\n```sql\nCREATE ROLE r;\nGRANT USAGE ON SCHEMA public TO r;\n```\n"
        let largeURI = folder.appendingPathComponent("large.md").absoluteString
        try client.notify(
            "textDocument/didOpen",
            ["textDocument": ["uri": largeURI, "languageId": "markdown", "version": 1, "text": large]])
        let largeDiagnostics = try client.wait(
            for: "diagnostics of the 10 MB document", timeout: 120, Self.isPublish(largeURI))
        let found = (largeDiagnostics["params"] as? [String: Any])?["diagnostics"] as? [[String: Any]] ?? []
        let finding = try #require(found.first { $0["code"] as? String == "sql.grantee-missing-keyword" })
        let line = ((finding["range"] as? [String: Any])?["start"] as? [String: Any])?["line"] as? Int
        #expect(line == large.split(separator: "\n", omittingEmptySubsequences: false).count - 3)
        try client.request(6, "textDocument/documentSymbol", ["textDocument": ["uri": largeURI]])
        #expect(try client.response(6, timeout: 120)["result"] is [Any])

        try client.request(7, "shutdown", NSNull())
        _ = try client.response(7)
        try client.notify("exit", NSNull())
        let exit = try client.waitForExit()
        #expect(exit.status == 0 && !exit.signalled, "\(client.errorOutput)")
        #expect(Self.snapshot(folder) == before, "runbook lsp wrote or changed a file")
    }

    @Test func aClientThatGoesAwayMidMessageEndsTheSessionCleanly() throws {
        let folder = try RunbookProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let client = try LanguageServerClient(directory: folder)
        defer { client.terminate() }
        try client.request(1, "initialize", LanguageServerClient.initializeParams(root: folder))
        _ = try client.response(1)
        client.write(
            raw: Data(
                "Content-Length: 400\r\n\r\n{\"jsonrpc\": \"2.0\", \"id\": 2, \"method\": \"textDocument/hov".utf8))
        client.closeInput()
        let exit = try client.waitForExit()
        #expect(!exit.signalled)
        #expect(exit.status == 1)
        #expect(client.errorOutput.isEmpty)
    }

    @Test func aClientThatStopsReadingDoesNotKillTheServer() throws {
        let folder = try RunbookProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        // The server's stdout is closed before it answers: writes fail with EPIPE instead of raising SIGPIPE.
        let process = Process()
        process.executableURL = RunbookProcess.executable
        process.arguments = ["lsp"]
        process.currentDirectoryURL = folder
        let stdin = Pipe()
        let stdout = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = FileHandle.nullDevice
        try process.run()
        try stdout.fileHandleForReading.close()
        let body = Data(#"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{}}}"#.utf8)
        for _ in 0..<20 {
            try stdin.fileHandleForWriting.write(contentsOf: Data("Content-Length: \(body.count)\r\n\r\n".utf8) + body)
        }
        try stdin.fileHandleForWriting.close()
        let deadline = Date().addingTimeInterval(20)
        while process.isRunning, Date() < deadline { usleep(5_000) }
        if process.isRunning { process.terminate() }
        #expect(process.terminationReason == .exit)
        #expect(process.terminationStatus == 1)
    }
}

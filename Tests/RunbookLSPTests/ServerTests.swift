import Foundation
import RunbookDriver
import RunbookTestSupport
import Testing

import struct RunbookDiagnostics.SourceLocation

@testable import RunbookLSP

/// Documents for the handlers' tests; each names its positions with markers.
enum Guides {
    /// A grantee without ROLE (a finding with a fix-it) after non-ASCII text on the same line.
    static let granteeWithoutKeyword = Fixtures.granteeWithoutKeyword

    static let userRoleSchema = MarkedText(
        """
        # Access

        ## Step 1: Create the user and the role

        ```sql
        CREATE USER segment_user PASSWORD 'Sup3rSecretPw1';
        CREATE ROLE analysts;
        GRANT ROLE analysts TO 3️⃣segment_user;
        ```

        ## Step 2: Give the role the schema

        ```sql
        CREATE SCHEMA devices;
        4️⃣GRANT USAGE ON SCHEMA 1️⃣devices TO ROLE 2️⃣analysts;
        GRANT SELECT ON ALL TABLES IN SCHEMA devices TO ROLE analysts;
        ```

        """)

    static let doubleQuotedPassword = """
        # Access

        ## Step 1: Create the user

        ```sql
        CREATE USER u1 PASSWORD "Sup3rSecretPw1";
        ```

        """

    static let outline = """
        # Setup

        ## Step 1: Create the user

        ```sql
        CREATE USER u1 PASSWORD 'Sup3rSecretPw1';
        ```

        ## Step 2: Grant access

        1. Create the role

           ```sql
           CREATE ROLE r;
           ```

        2. Give it the schema

           ```sql
           GRANT USAGE ON SCHEMA public TO ROLE r;
           ```

        ## Step 3: Choose the permissions

        ### Permissions Option 1

        ```sql
        GRANT SELECT ON ALL TABLES IN SCHEMA public TO ROLE r;
        ```

        ### Permissions Option 2

        ```sql
        GRANT USAGE ON SCHEMA public TO ROLE r;
        ```

        """

    /// A `file:` URI in a folder that does not exist (so no runbook.yml governs it).
    static func uri(_ name: String = "guide.md") -> String {
        URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("runbook-lsp-\(UUID().uuidString)/\(name)")
            .absoluteString
    }

    /// The protocol position of a marker, computed with Swift's own UTF-16 view of the line.
    static func position(_ text: MarkedText, _ marker: Int) -> LSP.Position {
        let location = text.location(marker)
        let line = text.text.split(separator: "\n", omittingEmptySubsequences: false)[location.line - 1]
        let prefix = String(decoding: Array(line.utf8).prefix(location.column - 1), as: UTF8.self)
        return LSP.Position(line: location.line - 1, character: prefix.utf16.count)
    }
}

@Suite struct DiagnosticsTests {
    @Test func openPublishesWhatCheckFindsAtUTF16Positions() throws {
        let client = ServerHarness()
        let uri = Guides.uri()
        let guide = Guides.granteeWithoutKeyword
        client.open(uri, guide.text)
        client.runDueChecks()
        let published = try client.takePublished()
        #expect(published.count == 1)
        let params = try #require(published.first)
        #expect(params.uri == uri)
        #expect(params.version == 1)
        // Nothing lost, nothing added: the same findings as `check`, in its order.
        let expected = Commands.checkDocument(
            path: URL(string: uri)?.path ?? uri, bytes: Array(guide.text.utf8), config: nil)
        #expect(params.diagnostics.map(\.code) == expected.diagnostics.map(\.rule.rawValue))
        let finding = try #require(params.diagnostics.first { $0.code == "sql.grantee-missing-keyword" })
        #expect(finding.range == LSP.Range(start: Guides.position(guide, 1), end: Guides.position(guide, 2)))
        #expect(finding.range.start.character == 45)  // 52 bytes, 45 UTF-16 units
        #expect(finding.severity == .error)
        #expect(finding.source == "runbook")
    }

    @Test func editsInABurstAreCheckedOnceAfterTheQuietTime() throws {
        let client = ServerHarness()
        let uri = Guides.uri()
        client.open(uri, Guides.granteeWithoutKeyword.text)
        client.runDueChecks()
        #expect(try client.takePublished().map(\.version) == [1])

        // Right after a check: the edit waits for the quiet time.
        client.change(uri, "# A\n", version: 2)
        client.runDueChecks()
        client.clock.advance(milliseconds: 10)
        client.change(uri, "# B\n", version: 3)
        client.clock.advance(milliseconds: 45)
        client.runDueChecks()
        #expect(try client.takePublished().isEmpty)
        client.clock.advance(milliseconds: 10)
        client.runDueChecks()
        #expect(try client.takePublished().map(\.version) == [3])

        // After a quiet period, an edit is checked at once.
        client.clock.advance(milliseconds: 200)
        client.change(uri, "# C\n", version: 4)
        client.runDueChecks()
        #expect(try client.takePublished().map(\.version) == [4])
    }

    @Test func editsThatNeverStopAreCheckedWithinTheMaximumDelay() throws {
        let client = ServerHarness()
        let uri = Guides.uri()
        client.open(uri, "# A\n")
        client.runDueChecks()
        _ = try client.takePublished()
        var versions: [Int?] = []
        for version in 2...80 {
            client.clock.advance(milliseconds: 10)
            client.change(uri, "# A \(version)\n", version: version)
            client.runDueChecks()
            versions += try client.takePublished().map(\.version)
        }
        // 790 ms of edits every 10 ms: checked once by the 500 ms limit, not after every edit.
        #expect(versions.count == 1)
        #expect(versions.first.flatMap { $0 }.map { (40...60).contains($0) } == true)
    }

    @Test func closingClearsTheDocumentsDiagnostics() throws {
        let client = ServerHarness()
        let uri = Guides.uri()
        client.open(uri, Guides.granteeWithoutKeyword.text)
        client.runDueChecks()
        _ = try client.takePublished()
        client.notify("textDocument/didClose", ["textDocument": ["uri": uri]])
        let cleared = try client.takePublished()
        #expect(cleared.count == 1)
        #expect(cleared.first?.diagnostics.isEmpty == true)
        #expect(client.errorCode("textDocument/documentSymbol", ["textDocument": ["uri": uri]]) == -32_602)
    }

    @Test func aRangedChangeIsAppliedInUTF16Units() throws {
        let client = ServerHarness()
        let uri = Guides.uri()
        client.open(uri, "# 😀 Guide\n\n## Step 1: Old\n")
        client.notify(
            "textDocument/didChange",
            [
                "textDocument": ["uri": uri, "version": 2],
                "contentChanges": [
                    [
                        "range": ["start": ServerHarness.position(2, 11), "end": ServerHarness.position(2, 14)],
                        "text": "Né𝄞",
                    ]
                ],
            ])
        let symbols = try client.result(
            [LSP.DocumentSymbol].self, "textDocument/documentSymbol", ["textDocument": ["uri": uri]])
        #expect(symbols.map(\.name) == ["Step 1: Né𝄞"])
    }
}

@Suite struct CodeActionTests {
    static func apply(_ edits: [LSP.TextEdit], to text: String) -> String {
        var bytes = Array(text.utf8)
        for edit in edits.sorted(by: { $0.range.start > $1.range.start }) {
            let index = LineIndex(bytes)
            bytes.replaceSubrange(
                index.offset(edit.range.start)..<index.offset(edit.range.end), with: Array(edit.newText.utf8))
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    @Test(arguments: [true, false])
    func aFixItIsAQuickFixThatRemovesTheFinding(versioned: Bool) throws {
        let client = ServerHarness(documentChanges: versioned)
        let uri = Guides.uri()
        let guide = Guides.granteeWithoutKeyword
        client.open(uri, guide.text)
        let cursor = Guides.position(guide, 1)
        let actions = try client.result(
            [LSP.CodeAction].self, "textDocument/codeAction",
            [
                "textDocument": ["uri": uri],
                "range": [
                    "start": ServerHarness.position(cursor.line, cursor.character + 2),
                    "end": ServerHarness.position(cursor.line, cursor.character + 2),
                ],
                "context": ["diagnostics": [Any]()],
            ])
        #expect(actions.count == 1)
        let action = try #require(actions.first)
        #expect(action.kind == "quickfix")
        #expect(action.title == "add ROLE [sql.grantee-missing-keyword]")
        #expect(action.diagnostics?.first?.code == "sql.grantee-missing-keyword")
        let edits: [LSP.TextEdit]
        if versioned {
            let change = try #require(action.edit.documentChanges?.first)
            #expect(change.textDocument == LSP.VersionedTextDocumentIdentifier(uri: uri, version: 1))
            edits = change.edits
        } else {
            #expect(action.edit.documentChanges == nil)
            edits = try #require(action.edit.changes?[uri])
        }
        let fixed = Self.apply(edits, to: guide.text)
        #expect(fixed == guide.text.replacingOccurrences(of: "*/ analysts;", with: "*/ ROLE analysts;"))

        client.clock.advance(milliseconds: 100)
        client.change(uri, fixed, version: 2)
        client.runDueChecks()
        let published = try client.takePublished()
        #expect(published.last?.version == 2)
        #expect(published.last?.diagnostics.contains { $0.code == "sql.grantee-missing-keyword" } == false)
    }

    @Test func noActionsAwayFromAFindingOrForOtherKinds() throws {
        let client = ServerHarness()
        let uri = Guides.uri()
        client.open(uri, Guides.granteeWithoutKeyword.text)
        let start = ServerHarness.position(0, 0)
        let none = try client.result(
            [LSP.CodeAction].self, "textDocument/codeAction",
            [
                "textDocument": ["uri": uri], "range": ["start": start, "end": start],
                "context": ["diagnostics": [Any]()],
            ])
        #expect(none.isEmpty)
        let cursor = Guides.position(Guides.granteeWithoutKeyword, 1)
        let refactorOnly = try client.result(
            [LSP.CodeAction].self, "textDocument/codeAction",
            [
                "textDocument": ["uri": uri],
                "range": [
                    "start": ServerHarness.position(cursor.line, cursor.character),
                    "end": ServerHarness.position(cursor.line, cursor.character),
                ],
                "context": ["diagnostics": [Any](), "only": ["refactor"]],
            ])
        #expect(refactorOnly.isEmpty)
    }

    @Test func aPasswordFixWritesThePasswordNotItsMask() throws {
        let client = ServerHarness()
        let uri = Guides.uri()
        client.open(uri, Guides.doubleQuotedPassword)
        client.runDueChecks()
        let published = try client.takePublished()
        let finding = try #require(published.first?.diagnostics.first { $0.code == "sql.password-double-quoted" })
        #expect(!finding.message.contains("Sup3rSecretPw1"))
        let actions = try client.result(
            [LSP.CodeAction].self, "textDocument/codeAction",
            [
                "textDocument": ["uri": uri],
                "range": [
                    "start": ServerHarness.position(finding.range.start.line, finding.range.start.character),
                    "end": ServerHarness.position(finding.range.end.line, finding.range.end.character),
                ], "context": ["diagnostics": [Any]()],
            ])
        let edit = try #require(
            actions.first { $0.title.contains("password-double-quoted") }?.edit.documentChanges?.first?.edits.first)
        #expect(edit.newText == "'Sup3rSecretPw1'")
        #expect(Self.apply([edit], to: Guides.doubleQuotedPassword).contains("PASSWORD 'Sup3rSecretPw1';"))
    }
}

@Suite struct HoverAndDefinitionTests {
    static func at(_ uri: String, _ position: LSP.Position) -> [String: Any] {
        ["textDocument": ["uri": uri], "position": ServerHarness.position(position.line, position.character)]
    }

    @Test func aRoleShowsWhereItIsCreatedAndWhatItCanDoAndWhy() throws {
        let client = ServerHarness()
        let uri = Guides.uri()
        let guide = Guides.userRoleSchema
        client.open(uri, guide.text)
        let hover = try #require(
            try client.result(LSP.Hover?.self, "textDocument/hover", Self.at(uri, Guides.position(guide, 2))))
        let text = hover.contents.value
        #expect(hover.contents.kind == "markdown")
        #expect(text.contains("**role analysts**"), "\(text)")
        #expect(text.contains("Created in Step 1, line 7: `CREATE ROLE analysts`"), "\(text)")
        #expect(text.contains("`USAGE` on schema"), "\(text)")
        #expect(text.contains("GRANT USAGE ON SCHEMA devices, Step 2, line 15"), "\(text)")
        let start = Guides.position(guide, 2)
        #expect(
            hover.range == LSP.Range(start: start, end: LSP.Position(line: start.line, character: start.character + 8)))
    }

    @Test func aUserShowsItsChainAndNeverItsPassword() throws {
        let client = ServerHarness()
        let uri = Guides.uri()
        let guide = Guides.userRoleSchema
        client.open(uri, guide.text)
        let hover = try #require(
            try client.result(LSP.Hover?.self, "textDocument/hover", Self.at(uri, Guides.position(guide, 3))))
        let text = hover.contents.value
        #expect(text.contains("**user segment_user**"), "\(text)")
        #expect(text.contains("Created in Step 1, line 6"), "\(text)")
        #expect(text.contains("segment_user ← member of analysts ← GRANT USAGE ON SCHEMA devices"), "\(text)")
        #expect(!text.contains("Sup3rSecretPw1"), "\(text)")
    }

    @Test func aSchemaShowsWhoCanDoWhatOnIt() throws {
        let client = ServerHarness()
        let uri = Guides.uri()
        let guide = Guides.userRoleSchema
        client.open(uri, guide.text)
        let hover = try #require(
            try client.result(LSP.Hover?.self, "textDocument/hover", Self.at(uri, Guides.position(guide, 1))))
        let text = hover.contents.value
        #expect(text.contains("Created in Step 2, line 14: `CREATE SCHEMA devices`"), "\(text)")
        #expect(text.contains("analysts: `USAGE`"), "\(text)")
    }

    @Test func aKeywordHasNoHover() throws {
        let client = ServerHarness()
        let uri = Guides.uri()
        let guide = Guides.userRoleSchema
        client.open(uri, guide.text)
        let response = try #require(client.request("textDocument/hover", Self.at(uri, Guides.position(guide, 4))))
        #expect(response["result"] is NSNull)
        #expect(response["error"] == nil)
    }

    @Test func definitionGoesToTheCreatingStatement() throws {
        let client = ServerHarness()
        let uri = Guides.uri()
        let guide = Guides.userRoleSchema
        client.open(uri, guide.text)
        let locations = try #require(
            try client.result([LSP.Location]?.self, "textDocument/definition", Self.at(uri, Guides.position(guide, 2))))
        #expect(locations.map(\.range.start) == [LSP.Position(line: 6, character: 0)])
        #expect(locations.first?.uri == uri)
        let schema = try client.result(
            [LSP.Location]?.self, "textDocument/definition", Self.at(uri, Guides.position(guide, 1)))
        #expect(schema?.map(\.range.start) == [LSP.Position(line: 13, character: 0)])
    }
}

@Suite struct OutlineTests {
    static func checkNesting(_ symbols: [LSP.DocumentSymbol], in parent: LSP.Range?) {
        for symbol in symbols {
            #expect(
                symbol.range.start <= symbol.selectionRange.start && symbol.selectionRange.end <= symbol.range.end,
                "\(symbol.name)")
            if let parent {
                #expect(
                    parent.start <= symbol.range.start && symbol.range.end <= parent.end,
                    "\(symbol.name) outside its parent")
            }
            checkNesting(symbol.children ?? [], in: symbol.range)
        }
    }

    @Test func stepsSubStepsChoicesAndBlocks() throws {
        let client = ServerHarness()
        let uri = Guides.uri()
        client.open(uri, Guides.outline)
        let symbols = try client.result(
            [LSP.DocumentSymbol].self, "textDocument/documentSymbol", ["textDocument": ["uri": uri]])
        #expect(
            symbols.map(\.name) == [
                "Step 1: Create the user", "Step 2: Grant access", "Step 3: Choose the permissions",
            ])
        let stepOne = try #require(symbols.first)
        #expect(stepOne.children?.map(\.kind) == [.function])
        let stepTwo = try #require(symbols.dropFirst().first)
        #expect(stepTwo.children?.isEmpty == false)
        let stepThree = try #require(symbols.last)
        let choice = try #require((stepThree.children ?? []).first { $0.kind == .enumeration })
        #expect(choice.children?.filter { $0.kind == .enumMember }.count == 2)
        Self.checkNesting(symbols, in: nil)
    }
}

@Suite struct ConfigurationTests {
    static func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("runbook-lsp-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    static func codes(_ client: ServerHarness) throws -> [String] {
        client.runDueChecks()
        return try client.takePublished().last?.diagnostics.compactMap(\.code) ?? []
    }

    @Test func runbookYmlIsAppliedAndReadAgainWhenItChanges() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let config = folder.appendingPathComponent("runbook.yml")
        try "rules:\n  disable: [sql.grantee-missing-keyword]\n".write(to: config, atomically: true, encoding: .utf8)
        let uri = folder.appendingPathComponent("docs/guide.md").absoluteString
        let client = ServerHarness()
        client.open(uri, Guides.granteeWithoutKeyword.text)
        #expect(try !Self.codes(client).contains("sql.grantee-missing-keyword"))

        // The client reports the change.
        try "dialect: redshift\n".write(to: config, atomically: true, encoding: .utf8)
        client.notify("workspace/didChangeWatchedFiles", ["changes": [["uri": config.absoluteString, "type": 2]]])
        #expect(try Self.codes(client).contains("sql.grantee-missing-keyword"))

        // A client that does not watch files: the next check sees the file changed on disk.
        try "rules:\n  severity:\n    sql.grantee-missing-keyword: note\n".write(
            to: config, atomically: true, encoding: .utf8)
        client.clock.advance(milliseconds: 100)
        client.change(uri, Guides.granteeWithoutKeyword.text + "\n", version: 2)
        client.runDueChecks()
        let published = try client.takePublished()
        #expect(
            published.last?.diagnostics.first { $0.code == "sql.grantee-missing-keyword" }?.severity == .information)
    }

    @Test func aBrokenRunbookYmlIsShownAndTheDocumentStillChecked() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try "rules: [\n".write(to: folder.appendingPathComponent("runbook.yml"), atomically: true, encoding: .utf8)
        let client = ServerHarness()
        client.open(folder.appendingPathComponent("guide.md").absoluteString, Guides.granteeWithoutKeyword.text)
        #expect(try Self.codes(client).contains("sql.grantee-missing-keyword"))
        let shown = client.received.filter { $0["method"] as? String == "window/showMessage" }
        #expect(shown.count == 1)
        #expect(((shown.first?["params"] as? [String: Any])?["message"] as? String)?.contains("runbook.yml") == true)
    }
}

@Suite struct ProtocolErrorTests {
    static func error(_ message: [String: Any]?) -> (code: Int?, id: Any?) {
        ((message?["error"] as? [String: Any])?["code"] as? Int, message?["id"])
    }

    @Test func malformedMessagesGetTheProtocolsErrorsAndServingGoesOn() throws {
        let client = ServerHarness()
        client.send(raw: "{not json")
        client.send(raw: "[1, 2]")
        client.send(raw: #"{"id": 7, "method": "shutdown"}"#)
        client.send(raw: #"{"jsonrpc": "2.0", "id": 8, "method": 5}"#)
        client.send(raw: #"{"jsonrpc": "2.0", "id": {"x": 1}, "method": "shutdown"}"#)
        let errors = client.received.map(Self.error)
        client.received.removeAll()
        #expect(errors.map(\.code) == [-32_700, -32_600, -32_600, -32_600, -32_600])
        #expect(errors[0].id is NSNull)
        #expect(errors[2].id as? Int == 7)

        #expect(client.errorCode("textDocument/formatting", ["textDocument": ["uri": "file:///x.md"]]) == -32_601)
        #expect(client.errorCode("$/unknown", [String: Any]()) == -32_601)
        client.notify("textDocument/unknownNotification", [String: Any]())
        #expect(client.received.isEmpty)
        #expect(client.errorCode("textDocument/hover", ["textDocument": 5]) == -32_602)
        #expect(
            client.errorCode(
                "textDocument/hover",
                ["textDocument": ["uri": "file:///never-opened.md"], "position": ServerHarness.position(0, 0)])
                == -32_602)
        #expect(client.errorCode("initialize", ["capabilities": [String: Any]()]) == -32_600)

        // A notification with bad params is logged, not answered, and the server still works.
        client.notify("textDocument/didOpen", ["textDocument": ["uri": 1]])
        #expect(client.received.map { $0["method"] as? String } == ["window/logMessage"])
        let uri = Guides.uri()
        client.open(uri, Guides.outline)
        let symbols = try client.result(
            [LSP.DocumentSymbol].self, "textDocument/documentSymbol", ["textDocument": ["uri": uri]])
        #expect(symbols.count == 3)
    }

    @Test func beforeInitializeRequestsAreRefusedAndNotificationsDropped() throws {
        let client = ServerHarness(initialize: false)
        #expect(client.errorCode("textDocument/documentSymbol", ["textDocument": ["uri": "file:///a.md"]]) == -32_002)
        client.open("file:///a.md", "# A\n")
        client.runDueChecks()
        #expect(client.received.isEmpty)
        #expect(client.server.exitStatus == nil)
    }

    @Test func shutdownThenExitEndsWithZero() throws {
        let client = ServerHarness()
        let response = try #require(client.request("shutdown", NSNull()))
        #expect(response["result"] is NSNull)
        #expect(client.errorCode("textDocument/documentSymbol", ["textDocument": ["uri": "file:///a.md"]]) == -32_600)
        client.notify("exit", NSNull())
        #expect(client.server.exitStatus == 0)
    }

    @Test func exitWithoutShutdownOrTheEndOfInputEndsWithOne() {
        let exiting = ServerHarness()
        exiting.notify("exit", NSNull())
        #expect(exiting.server.exitStatus == 1)
        let vanishing = ServerHarness()
        vanishing.server.endOfInput()
        #expect(vanishing.server.exitStatus == 1)
    }

    @Test func initializeAnswersWithTheCapabilities() throws {
        let client = ServerHarness(initialize: false)
        let result = try client.result(
            LSP.InitializeResult.self, "initialize",
            ["capabilities": ["workspace": ["didChangeWatchedFiles": ["dynamicRegistration": true]]]])
        #expect(result.capabilities.positionEncoding == "utf-16")
        #expect(result.capabilities.textDocumentSync == LSP.TextDocumentSyncOptions(openClose: true, change: 1))
        #expect(
            result.capabilities.hoverProvider && result.capabilities.definitionProvider
                && result.capabilities.documentSymbolProvider)
        #expect(result.serverInfo.name == "runbook")
        client.notify("initialized", [String: Any]())
        let registration = try #require(client.received.first)
        #expect(registration["method"] as? String == "client/registerCapability")
        #expect(registration["id"] is String)
    }
}

import Foundation
import RunbookCompile
import RunbookDriver
import RunbookEmitters
import RunbookTestSupport
import Testing

/// `explain --who … --on … --can …`: yes with the chain of statements, no with what stands in the way, and
/// schema-wide and future grants answered as what they give. Markers put the statements the chains name.
@Suite struct PrivilegeQuestionTests {
    static let source = MarkedText(
        """
        # Reader access

        ### Step 1: Create the roles

        ```sql
        CREATE USER reader PASSWORD 'Abc12345';
        CREATE ROLE linked;
        1️⃣GRANT ROLE linked TO reader;
        ```

        ### Step 2: Give access

        ```sql
        2️⃣GRANT USAGE ON SCHEMA devices TO ROLE linked;
        3️⃣GRANT SELECT ON ALL TABLES IN SCHEMA devices TO ROLE linked;
        4️⃣ALTER DEFAULT PRIVILEGES IN SCHEMA devices GRANT SELECT ON TABLES TO ROLE linked;
        5️⃣GRANT SELECT ON audit.events TO ROLE linked;
        ```
        """)

    static var compiled: CompiledRunbook {
        RunbookCompiler().compile(path: "reader.md", bytes: Array(source.text.utf8))
    }

    static func answer(_ question: PrivilegeQuestion) -> PrivilegeAnswer? {
        let compiled = compiled
        return PrivilegeQuestions.answer(compiled, variants: compiled.variants, question: question).first
    }

    static func line(_ marker: Int) -> String { "line \(source.location(marker).line)" }

    @Test func schemaWideGrantsAnswerForEveryTableNowAndLater() throws {
        let answer = try #require(Self.answer(PrivilegeQuestion(who: "reader", on: "schema devices", can: "select")))
        #expect(answer.yes == true)
        let existing = try #require(answer.holdings.first { $0.scope == .existingTables })
        #expect(existing.object.hasPrefix("every table that exists"), "\(existing.object)")
        #expect(
            existing.chain.contains("member of linked") && existing.chain.contains(Self.line(3)), "\(existing.chain)")
        let later = try #require(answer.holdings.first { $0.scope == .laterTables })
        #expect(later.object.contains("creates later in schema"), "\(later.object)")
        #expect(later.chain.contains(Self.line(4)), "\(later.chain)")
        // A table of that schema the runbook never names is covered by the same answer.
        #expect(Self.answer(PrivilegeQuestion(who: "reader", on: "devices.user_devices", can: "SELECT"))?.yes == true)
    }

    @Test func noSaysWhatIsMissing() throws {
        let answer = try #require(Self.answer(PrivilegeQuestion(who: "reader", on: "audit.events", can: "SELECT")))
        #expect(answer.yes == false)
        #expect(
            answer.reasons.contains { $0.contains(Self.line(5)) && $0.contains("gives nothing") }, "\(answer.reasons)")
        #expect(
            answer.reasons.contains { $0.contains("no USAGE on schema") && $0.contains("audit") }, "\(answer.reasons)")
        let insert = try #require(Self.answer(PrivilegeQuestion(who: "reader", on: "audit.events", can: "INSERT")))
        #expect(insert.yes == false)
        let unknown = try #require(Self.answer(PrivilegeQuestion(who: "readr", can: "SELECT")))
        #expect(unknown.reasons == ["readr is not a user, role or group in this variant (did you mean reader?)"])
    }

    @Test func theListingIsFilteredByPrincipalAndObject() throws {
        let answer = try #require(Self.answer(PrivilegeQuestion(who: "linked", on: "schema devices")))
        #expect(answer.yes == nil)
        #expect(answer.holdings.contains { $0.privilege == "USAGE" && $0.chain.contains(Self.line(2)) })
        #expect(!answer.holdings.contains { $0.object.contains("audit") })
        let text = PrivilegeQuestions.text([answer], question: PrivilegeQuestion(who: "linked", on: "schema devices"))
        #expect(text.contains("USAGE on schema"))
        let json = PrivilegeQuestions.json([answer], question: PrivilegeQuestion(who: "linked", on: "schema devices"))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect((object["answers"] as? [[String: Any]])?.first?["holdings"] as? [[String: Any]] != nil)
    }

    /// `explain --format json` lists what schema-wide grants and default privileges give, as the text listing
    /// does: the tables the runbook never names are not missing from the JSON.
    @Test func theJSONListsTablesTheRunbookDoesNotName() throws {
        let compiled = Self.compiled
        let json = ExplainEmitter.json(compiled, variants: compiled.variants)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let variant = try #require((object["variants"] as? [[String: Any]])?.first)
        let entries = try #require(variant["tablesNotNamed"] as? [[String: Any]])
        let reader = entries.filter { $0["principal"] as? String == "reader" && $0["privilege"] as? String == "SELECT" }
        let existing = try #require(reader.first { ($0["object"] as? String)?.hasPrefix("every table") == true })
        #expect((existing["provenance"] as? String)?.contains(Self.line(3)) == true, "\(existing)")
        let later = try #require(reader.first { ($0["object"] as? String)?.contains("creates later") == true })
        #expect((later["provenance"] as? String)?.contains(Self.line(4)) == true, "\(later)")
        // Every entry is on tables that the runbook does not name, never a table it names.
        #expect(!entries.contains { ($0["object"] as? String)?.hasPrefix("table ") == true }, "\(entries)")
    }
}

import RunbookDiagnostics
import RunbookMarkdown
import RunbookTestSupport
import Testing

import struct RunbookDiagnostics.SourceLocation

@testable import RunbookModel

/// A section after the steps that shows another way to do what a step does, by example (the estuary page's
/// "Publications": "… for all tables … instead of specific tables, for example using:"): its block is an
/// example, reported as a note, and runs in no variant.
@Suite struct AnotherWayTests {
    static let page = """
        ## Setup

        1. Create the publication:

        ```sql
        CREATE PUBLICATION flow_publication;
        ```

        2. Restart PostgreSQL.

        ## Publications

        In some cases it may be desirable to create this publication for all tables instead of specific tables, for example using:

        1️⃣```sql
        CREATE PUBLICATION flow_publication FOR ALL TABLES;
        ```
        """

    @Test func theOtherWayIsAnExampleAndANote() throws {
        let marked = MarkedText(Self.page)
        let runbook = buildRunbook(marked.text)
        let blocks = runbook.items.compactMap { item -> Block? in
            if case .block(let block) = item { block } else { nil }
        }
        #expect(blocks.map(\.role) == [.executable, .example])
        let planned = runbook.variants.flatMap { runbook.plan(for: $0).blocks.map(\.block.index) }
        #expect(planned == [blocks[0].index])
        let diagnostic = try #require(runbook.diagnostics.first { $0.rule == Rule.modelBlockOutsideStep.id })
        #expect(diagnostic.severity == .note)
        #expect(diagnostic.range.start == marked.location(1))
        #expect(diagnostic.message.contains("offers it as another way"), "\(diagnostic.message)")
        #expect(diagnostic.notes.contains { $0.message.contains("role=executable") })
    }

    /// Without "instead", the same prose after the steps is one more thing to run, as before.
    @Test func anExampleWithoutInsteadStillRuns() {
        let runbook = buildRunbook(
            Self.page.replacing(" instead of specific tables", with: "").replacing("1️⃣", with: ""))
        let blocks = runbook.items.compactMap { item -> Block? in
            if case .block(let block) = item { block } else { nil }
        }
        #expect(blocks.map(\.role) == [.executable, .executable])
    }

    @Test func theLeadInSaysInsteadAndGivesAnExample() {
        #expect(ProsePatterns.introducesAnotherWay("Create it for all tables instead, for example using:"))
        #expect(!ProsePatterns.introducesAnotherWay("Create it for all tables, for example using:"))
        #expect(!ProsePatterns.introducesAnotherWay("Use the superuser instead."))
    }
}

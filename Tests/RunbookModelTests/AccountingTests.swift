import RunbookDiagnostics
import RunbookMarkdown
import RunbookModel
import RunbookTestSupport
import Testing

import struct RunbookDiagnostics.SourceLocation

/// Every block is in a step, in an alternative, in a section the format defines, or reported.
@Suite struct AccountingTests {
    func blocks(_ runbook: Runbook) -> [Block] {
        runbook.items.compactMap { item -> Block? in if case .block(let block) = item { block } else { nil } }
    }

    @Test func misspeltStepHeadingIsReportedWithAFixIt() throws {
        let marked = MarkedText(
            """
            ## Step 1: Create the role

            ```sql
            CREATE ROLE reader;
            ```

            ## 1️⃣Setp2️⃣ 2: Grant read access

            3️⃣```sql
            GRANT SELECT ON ALL TABLES IN SCHEMA s TO reader;
            ```
            """)
        let runbook = buildRunbook(marked.text)
        #expect(blocks(runbook).map(\.role) == [.executable, .example])
        let diagnostic = try #require(runbook.diagnostics.first)
        #expect(runbook.diagnostics.count == 1)
        #expect(diagnostic.rule == Rule.modelBlockOutsideStep.id)
        #expect(diagnostic.severity == .warning)
        #expect(diagnostic.range.start == marked.location(3))
        #expect(diagnostic.message.contains("under 'Setp 2: Grant read access'"))
        #expect(diagnostic.message.contains("did you mean 'Step 2: Grant read access'?"))
        #expect(
            diagnostic.fixIts == [
                FixIt("use 'Step'", range: marked.range(1, 2), replacement: "Step", applicability: .safe)
            ])
    }

    @Test func misspeltOptionHeadingIsReportedOnce() throws {
        let marked = MarkedText(
            """
            ## Access Option 1
            Read.
            3️⃣## 1️⃣Acess2️⃣ Option 2
            Write.
            ## Step 1: Go

            ```sql
            CREATE ROLE r;
            ```
            """)
        let runbook = buildRunbook(marked.text)
        #expect(runbook.diagnostics.map(\.rule) == [Rule.modelSingleAlternative.id])
        let diagnostic = try #require(runbook.diagnostics.first)
        #expect(diagnostic.range.start == marked.location(3))
        #expect(diagnostic.message.contains("did you mean 'Access'?"))
        #expect(runbook.variants.count == 1)
        #expect(
            diagnostic.fixIts == [
                FixIt("use 'Access'", range: marked.range(1, 2), replacement: "Access", applicability: .unsafe)
            ])
    }

    @Test func branchToAnAlternativeThatDoesNotExistIsAnError() throws {
        let marked = MarkedText(
            """
            ## Access Option 1
            ## Access Option 2
            ## Step 1: Grant

            1️⃣- For Access Option 3:

              ```sql
              GRANT SELECT ON t TO r;
              ```
            """)
        let runbook = buildRunbook(marked.text)
        let diagnostic = try #require(runbook.diagnostics.first)
        #expect(runbook.diagnostics.count == 1)
        #expect(diagnostic.rule == Rule.modelUnknownAlternative.id)
        #expect(diagnostic.severity == .error)
        #expect(diagnostic.range.start == marked.location(1))
        #expect(diagnostic.notes.map(\.message) == ["'Access' has 'Access Option 1', 'Access Option 2'"])
        #expect(runbook.placement(of: blocks(runbook)[0]).contains("no variant picks that"))
    }

    @Test func blockOutsideAnyStepNamesItsHeading() throws {
        let marked = MarkedText(
            """
            ## Step 1: Create

            ```sql
            CREATE ROLE r;
            ```

            ## Cleanup

            1️⃣```sql
            DROP ROLE r;
            ```

            ## Look at the data

            2️⃣```sql
            SELECT * FROM t;
            ```

            ## Verify

            ```sql
            SELECT 1;
            ```
            """)
        let runbook = buildRunbook(marked.text)
        #expect(runbook.diagnostics.map(\.rule) == [Rule.modelBlockOutsideStep.id, Rule.modelBlockOutsideStep.id])
        #expect(runbook.diagnostics.map(\.range.start) == [marked.location(1), marked.location(2)])
        // A block that changes the database is a warning; one that only reads is a note; "Verify" is a section
        // the format defines, so its block is an example without a word.
        #expect(runbook.diagnostics.map(\.severity) == [.warning, .note])
        #expect(runbook.diagnostics[0].message.contains("under 'Cleanup'"))
        #expect(runbook.placement(of: blocks(runbook)[3]) == "example under 'Verify', not run")
    }

    @Test func headingThatIsOnlyStepIsReported() throws {
        let marked = MarkedText(
            """
            ## Step 1: Go

            ```sql
            CREATE ROLE r;
            ```

            1️⃣## Step

            2️⃣```sql
            GRANT r TO u;
            ```
            """)
        let runbook = buildRunbook(marked.text)
        #expect(runbook.diagnostics.map(\.rule) == [Rule.modelStepNumber.id, Rule.modelBlockOutsideStep.id])
        #expect(runbook.diagnostics.map(\.range.start) == [marked.location(1), marked.location(2)])
        #expect(runbook.diagnostics[0].message == "heading 'Step' has no step number, so it is not read as a step")
    }

    @Test func stepNumbersThatRepeatOrGoBackwardsAreReported() throws {
        let marked = MarkedText(
            """
            # Guide
            ## Step 1: A
            ## Step 3: C
            1️⃣## Step 2: B
            2️⃣## Step 2: B again
            # Another procedure
            ## Step 1: Starts again under another heading
            """)
        let runbook = buildRunbook(marked.text)
        #expect(runbook.diagnostics.map(\.rule) == [Rule.modelStepNumber.id, Rule.modelStepNumber.id])
        #expect(runbook.diagnostics.map(\.range.start) == [marked.location(1), marked.location(2)])
        #expect(runbook.diagnostics[0].message.contains("goes backwards"))
        #expect(runbook.diagnostics[1].message.contains("repeats"))
        #expect(runbook.steps.map(\.path.description) == ["1", "3", "2", "2", "1"])
    }

    @Test func optionReferencedBeforeItIsDefinedStillApplies() {
        let runbook = buildRunbook(
            """
            ## Step 1: Grant

            - For Access Option 2:

              ```sql
              GRANT SELECT ON t TO r;
              ```

            ## Access Option 1
            ## Access Option 2
            """)
        #expect(runbook.diagnostics.isEmpty)
        #expect(runbook.variants.map(\.slug) == ["access-option-1", "access-option-2"])
        let plans = runbook.variants.map { runbook.plan(for: $0).blocks.count }
        #expect(plans == [0, 1])
    }

    @Test func fiveHundredBlocksOutsideAnyStepAreOneDiagnostic() throws {
        let blocks = (0..<500).map { "```sql\nGRANT SELECT ON t\($0) TO r;\n```\n" }.joined(separator: "\n")
        let runbook = buildRunbook("## Step 1: Go\n\n```sql\nCREATE ROLE r;\n```\n\n## Grants\n\n" + blocks)
        #expect(runbook.diagnostics.map(\.rule) == [Rule.modelBlockOutsideStep.id])
        let diagnostic = try #require(runbook.diagnostics.first)
        #expect(diagnostic.message.hasPrefix("these 500 blocks are under 'Grants'"))
        #expect(diagnostic.notes.last?.message == "and 479 more")
        #expect(self.blocks(runbook).count == 501)
    }

    @Test func manySiblingSectionsCreatingTheSameRoleAreOneCappedChoice() {
        // Two thousand sections that each create the same role are two thousand ways to do one thing.
        let text = (0..<2_000).map { "## Way \($0)\n\n```sql\nCREATE ROLE r;\n```\n" }.joined(separator: "\n")
        let runbook = buildRunbook("# Guide\n\n" + text)
        #expect(runbook.choiceGroups.map(\.alternatives.count) == [2_000])
        #expect(runbook.variants.count == Runbook.maximumVariants)
        #expect(runbook.diagnostics.map(\.rule) == [Rule.modelTooManyVariants.id])
    }
}

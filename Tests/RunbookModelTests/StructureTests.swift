import RunbookDiagnostics
import RunbookMarkdown
import RunbookModel
import Testing

import struct RunbookDiagnostics.SourceLocation

/// Small runbooks of our own, one structural feature each.
@Suite struct StructureTests {
    @Test func stepsInsideNestedLists() {
        let runbook = buildRunbook(
            """
            ## Step 7: Do things

            1. First thing.
               1. Nested first.

                  ```sql
                  CREATE ROLE a;
                  ```
            2. Second thing.

               ```sql
               CREATE ROLE b;
               ```
            """)
        let blocks = runbook.items.compactMap { item -> Block? in if case .block(let b) = item { b } else { nil } }
        #expect(blocks.map(\.step.description) == ["7.1.1", "7.2"])
        #expect(blocks.allSatisfy { $0.role == .executable })
        #expect(blocks[0].positions.location(line: 1, column: 1) == SourceLocation(line: 7, column: 7))
        #expect(blocks[1].positions.location(line: 1, column: 1) == SourceLocation(line: 12, column: 4))
    }

    @Test func independentChoicesStopAtTheVariantLimit() {
        // 24 two-way groups are 16 million variants; enumerating them all hung every command (found while
        // writing the fuzz targets; Tests/Fuzz/regressions/markdown/variants-24-groups.md).
        let text = (0..<24).map { "# G\($0) Option 1\n\n# G\($0) Option 2\n" }.joined(separator: "\n")
        let runbook = buildRunbook(text)
        #expect(runbook.variants.count == Runbook.maximumVariants)
        #expect(runbook.diagnostics.map(\.rule) == ["model.too-many-variants"])
        #expect(runbook.diagnostics.first?.range.start == SourceLocation(line: 1, column: 1))
    }

    /// The enumeration changes one selection table in place: every variant still has a pick in every group, the
    /// first picks the first alternative everywhere, and the next ones change the last groups first.
    @Test func manyGroupsEnumerateInDocumentOrder() {
        let groups = 200
        let text = (0..<groups).map { "# G\($0) Option 1\n\n# G\($0) Option 2\n" }.joined(separator: "\n")
        let variants = buildRunbook(text).variants
        #expect(variants.count == Runbook.maximumVariants)
        #expect(variants.allSatisfy { $0.selections.count == groups })
        #expect(variants[0].selections.values.allSatisfy { $0 == "option-1" })
        #expect(variants[1].selections.filter { $0.value == "option-2" }.map(\.key) == ["g\(groups - 1)"])
        #expect(Set(variants.map(\.slug)).count == variants.count)
        for variant in variants {
            let picks = variant.slug.split(separator: "_").map(String.init)
            #expect(picks == (0..<groups).map { "g\($0)-\(variant.selections["g\($0)"] ?? "?")" })
        }
    }

    @Test func variantsBelowTheLimitAreNotReported() {
        let text = (0..<5).map { "# G\($0) Option 1\n\n# G\($0) Option 2\n" }.joined(separator: "\n")
        let runbook = buildRunbook(text)
        #expect(runbook.variants.count == 32)
        #expect(runbook.diagnostics.isEmpty)
    }

    @Test func nestedChoicesMakeOneVariantPerConsistentPick() {
        let runbook = buildRunbook(
            """
            ## Mode Option 1
            Text.
            ## Mode Option 2
            Text.
            ## Step 1: Go

            - For Mode Option 1:
              1. Select 1 of the options below:

                 a. (Option 1): Narrow

                 ```sql
                 GRANT SELECT ON t TO u;
                 ```

                 b. (Option 2): Wide

                 ```sql
                 GRANT SELECT ON ALL TABLES IN SCHEMA s TO u;
                 ```
            - For Mode Option 2:

              ```sql
              GRANT USAGE ON SCHEMA s TO u;
              ```
            """)
        #expect(
            runbook.variants.map(\.slug) == [
                "mode-option-1_step-1-1-option-1", "mode-option-1_step-1-1-option-2", "mode-option-2",
            ])
        let plans = runbook.variants.map { runbook.plan(for: $0).blocks.map { $0.block.text } }
        #expect(plans[0] == ["GRANT SELECT ON t TO u;\n"])
        #expect(plans[1] == ["GRANT SELECT ON ALL TABLES IN SCHEMA s TO u;\n"])
        #expect(plans[2] == ["GRANT USAGE ON SCHEMA s TO u;\n"])
    }

    @Test func aChoiceThatAppearsTwiceIsOneGroup() {
        let runbook = buildRunbook(
            """
            ## Access Option 1
            ## Access Option 2
            ## Step 1: Grant

            - For Access Option 1:
              1. Select 1 of the options:

                 a. (Option 1): one

                 b. (Option 2): two
            - For Access Option 2:
              1. Select 1 of the options:

                 a. (Option 1): one again

                 b. (Option 2): two again
            """)
        #expect(runbook.choiceGroups.count == 2)
        #expect(runbook.choiceGroups[1].appliesUnder.count == 2)
        #expect(runbook.variants.count == 4)
    }

    @Test func connectionSwitchInsideABranch() {
        let runbook = buildRunbook(
            """
            ## Place Option 1
            ## Place Option 2
            ## Step 1: Create the new app database

            ```sql
            CREATE DATABASE app_db;
            ```

            ## Step 2: Grant

            - For Place Option 1:
              1. Switch to the reporting database in the query editor.

                 ```sql
                 -- runs in DATABASE reports
                 GRANT USAGE ON SCHEMA s TO ROLE r;
                 ```
            - For Place Option 2:
              1. Switch to the app database.

                 ```sql
                 GRANT USAGE ON SCHEMA s TO ROLE r;
                 ```
            """)
        let connections = runbook.variants.map { variant in
            runbook.plan(for: variant).blocks.map { $0.connection ?? "-" }
        }
        #expect(connections == [["-", "reports"], ["-", "app_db"]])
        #expect(runbook.parameters.contains { $0.name == "reports" })
    }

    @Test func unresolvedConnectionIsReported() {
        let runbook = buildRunbook(
            """
            ## Step 1: Go

            1. Switch to the mystery database.

               ```sql
               SELECT 1;
               ```
            """)
        #expect(runbook.diagnostics.map(\.rule) == [Rule.modelUnresolvedConnection.id])
        #expect(runbook.diagnostics.first?.range.start == SourceLocation(line: 3, column: 4))
    }

    @Test func annotationsDecideWhereProseCannot() {
        let runbook = buildRunbook(
            """
            ## Step 1: Go

            <!-- runbook: role=example -->
            ```sql
            SELECT * FROM t;
            ```

            ```sql connection=analytics
            GRANT USAGE ON SCHEMA s TO ROLE r;
            ```

            <!-- runbook: conection=x -->
            ```sql
            SELECT 1;
            ```
            """)
        let blocks = runbook.items.compactMap { item -> Block? in if case .block(let b) = item { b } else { nil } }
        #expect(blocks.map(\.role) == [.example, .executable, .executable])
        #expect(blocks[1].attributes["connection"] == "analytics")
        #expect(runbook.diagnostics.count == 1)
        #expect(runbook.diagnostics.first?.rule == Rule.modelAnnotationUnknownKey.id)
        #expect(runbook.diagnostics.first?.message.contains("did you mean 'connection'") == true)
    }

    @Test func blocksOutsideStepsAreExamplesWhenTheGuideHasSteps() {
        let runbook = buildRunbook(
            """
            Look at the data:

            ```sql
            SELECT * FROM t;
            ```

            ## Step 1: Go

            ```sql
            CREATE ROLE r;
            ```
            """)
        let roles = runbook.items.compactMap { item -> Block.Role? in
            if case .block(let b) = item { b.role } else { nil }
        }
        #expect(roles == [.example, .executable])
    }

    @Test func noChoicesMeansOneDefaultVariant() {
        let runbook = buildRunbook("# Title\n\n```sql\nSELECT 1;\n```\n")
        #expect(runbook.variants.map(\.slug) == ["default"])
        #expect(runbook.title == "Title")
    }
}

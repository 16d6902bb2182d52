import Foundation
import RunbookDiagnostics
import RunbookPrivileges
import RunbookTestSupport
import Testing

import struct RunbookDiagnostics.SourceLocation

/// Grants that give nothing, too much, or to too many.
@Suite struct GrantCheckTests {
    static let quiet: Set<RuleID> = Set(Rule.privilegeRules.map(\.id)).subtracting([Rule.privilegesAssumedObject.id])

    @Test func tableGrantWithoutSchemaUsage() {
        let marked = MarkedText(
            oneStep(
                """
                CREATE SCHEMA sales;
                CREATE ROLE analyst;
                1️⃣GRANT SELECT ON ALL TABLES IN SCHEMA sales TO ROLE analyst;
                2️⃣ALTER DEFAULT PRIVILEGES IN SCHEMA sales GRANT SELECT ON TABLES TO ROLE analyst;
                """))
        let diagnostics = Compiled(marked.text).analyze().diagnostics
        // One finding for the grantee and schema, at the first statement; the second is a note.
        expectDiagnostics(
            diagnostics,
            [Expected(.privilegesMissingSchemaUsage, at: "1️⃣", "analyst has no USAGE on schema sales")],
            in: marked, rules: Self.quiet)
        let finding = diagnostics.first { $0.rule == Rule.privilegesMissingSchemaUsage.id }
        #expect(finding?.notes.map(\.range?.start) == [marked["2️⃣"], nil])
        #expect(finding?.notes.last?.message == "add GRANT USAGE ON SCHEMA sales TO ROLE analyst")
    }

    @Test func manyGrantsIntoASchemaWithoutUsageAreOneFinding() {
        let grants = (0..<8).map { "GRANT SELECT ON TABLE sales.t\($0) TO ROLE analyst;" }.joined(separator: "\n")
        let text = oneStep(
            "CREATE SCHEMA sales;\nCREATE ROLE analyst;\nCREATE ROLE other;\n" + grants
                + "\nGRANT SELECT ON TABLE sales.t0 TO ROLE other;")
        let findings = Compiled(text).analyze().diagnostics.filter { $0.rule == Rule.privilegesMissingSchemaUsage.id }
        #expect(
            findings.map(\.message) == [
                "analyst has no USAGE on schema sales, so these table privileges give it nothing",
                "other has no USAGE on schema sales, so these table privileges give it nothing",
            ])
        // Seven later statements: five listed by position, the rest counted, then the fix.
        let notes = findings.first?.notes ?? []
        #expect(notes.count == 7)
        #expect(notes.prefix(5).allSatisfy { $0.range != nil })
        #expect(notes[5].message == "and 2 more statements in this block that grant table privileges in sales")
    }

    /// Grouped per block, so a finding's notes are the same in every variant and findings still merge.
    @Test func schemaUsageFindingsMergeAcrossVariants() {
        let marked = MarkedText(
            """
            # Test

            ### Step 1: Set up

            ```sql
            CREATE SCHEMA sales;
            CREATE ROLE analyst;
            1️⃣GRANT SELECT ON TABLE sales.a TO ROLE analyst;
            2️⃣GRANT SELECT ON TABLE sales.b TO ROLE analyst;
            ```

            ### Step 2: Choose

            1. Select 1 of the options:

               a. (Option 1): more tables

               ```sql
               3️⃣GRANT SELECT ON TABLE sales.c TO ROLE analyst;
               ```

               b. (Option 2): another role

               ```sql
               CREATE ROLE viewer;
               ```
            """)
        let findings = Compiled(marked.text).analyze().diagnostics
            .filter { $0.rule == Rule.privilegesMissingSchemaUsage.id }
        #expect(findings.map(\.range.start) == [marked["1️⃣"], marked["3️⃣"]])
        #expect(findings.map(\.variants.count) == [2, 1])
        #expect(findings.first?.notes.map(\.range?.start) == [marked["2️⃣"], nil])
        #expect(findings.last?.notes.map(\.range?.start) == [nil])
    }

    @Test func usageFromAnotherRoleOrLaterCounts() {
        let marked = MarkedText(
            oneStep(
                """
                CREATE SCHEMA sales;
                CREATE ROLE analyst;
                CREATE ROLE base;
                GRANT SELECT ON ALL TABLES IN SCHEMA sales TO ROLE analyst;
                GRANT USAGE ON SCHEMA sales TO ROLE base;
                GRANT ROLE base TO ROLE analyst;
                """))
        expectDiagnostics(Compiled(marked.text).analyze().diagnostics, [], in: marked, rules: Self.quiet)
    }

    @Test func defaultPrivilegesGapWhenAnotherUserCreatesTables() throws {
        let marked = MarkedText(
            oneStep(
                """
                CREATE SCHEMA events;
                CREATE ROLE writer;
                CREATE ROLE reader;
                CREATE USER loader PASSWORD 'Abcdefg123';
                GRANT USAGE, CREATE ON SCHEMA events TO ROLE writer;
                GRANT USAGE ON SCHEMA events TO ROLE reader;
                GRANT ROLE writer TO loader;
                1️⃣ALTER DEFAULT PRIVILEGES IN SCHEMA events GRANT SELECT ON TABLES TO ROLE reader;
                """))
        let report = Compiled(marked.text).analyze()
        expectDiagnostics(
            report.diagnostics,
            [
                Expected(
                    .privilegesDefaultPrivilegesGap, at: "1️⃣", "loader (through writer)", "reader will not get SELECT")
            ],
            in: marked, rules: Self.quiet)
        let notes = try #require(report.diagnostics.first?.notes.map(\.message))
        #expect(notes.contains("write FOR USER admin, loader to cover the tables each of them creates"))
        #expect(
            notes.contains {
                $0.contains("GRANT SELECT FOR TABLES IN SCHEMA events TO ROLE reader")
            })
    }

    @Test(arguments: [
        "ALTER DEFAULT PRIVILEGES FOR USER loader IN SCHEMA events GRANT SELECT ON TABLES TO ROLE reader;",
        "GRANT SELECT FOR TABLES IN SCHEMA events TO ROLE reader;\n"
            + "ALTER DEFAULT PRIVILEGES IN SCHEMA events GRANT SELECT ON TABLES TO ROLE reader;",
    ])
    func noGapWhenTheCreatorIsCovered(_ coverage: String) {
        let marked = MarkedText(
            oneStep(
                """
                CREATE SCHEMA events;
                CREATE ROLE writer;
                CREATE ROLE reader;
                CREATE USER loader PASSWORD 'Abcdefg123';
                GRANT USAGE, CREATE ON SCHEMA events TO ROLE writer;
                GRANT USAGE ON SCHEMA events TO ROLE reader;
                GRANT ROLE writer TO loader;
                \(coverage)
                """))
        expectDiagnostics(Compiled(marked.text).analyze().diagnostics, [], in: marked, rules: Self.quiet)
    }

    @Test func noGapWhenNobodyElseCanCreate() {
        let marked = MarkedText(
            oneStep(
                """
                CREATE SCHEMA events;
                CREATE ROLE reader;
                GRANT USAGE ON SCHEMA events TO ROLE reader;
                ALTER DEFAULT PRIVILEGES IN SCHEMA events GRANT SELECT ON TABLES TO ROLE reader;
                """))
        expectDiagnostics(Compiled(marked.text).analyze().diagnostics, [], in: marked, rules: Self.quiet)
    }

    @Test func grantToPublic() {
        let marked = MarkedText(
            oneStep(
                """
                CREATE SCHEMA sales;
                GRANT USAGE ON SCHEMA sales TO 1️⃣PUBLIC;
                REVOKE CREATE ON SCHEMA public FROM PUBLIC;
                """))
        expectDiagnostics(
            Compiled(marked.text).analyze().diagnostics,
            [Expected(.privilegesGrantToPublic, at: "1️⃣", "every user of the cluster")], in: marked,
            rules: Self.quiet)
    }

    @Test func systemPermissionReachingAUser() {
        let marked = MarkedText(
            oneStep(
                """
                CREATE ROLE admins;
                CREATE ROLE unused;
                CREATE USER ops PASSWORD 'Abcdefg123';
                1️⃣GRANT CREATE USER TO ROLE admins;
                GRANT DROP TABLE TO ROLE unused;
                GRANT ROLE admins TO ops;
                """))
        expectDiagnostics(
            Compiled(marked.text).analyze().diagnostics,
            [
                Expected(
                    .privilegesSystemPermission, at: "1️⃣", "ops receives the cluster-wide system permission CREATE USER")
            ],
            in: marked, rules: Self.quiet)
    }

    @Test func grantOnAnotherDatabasesSchema() {
        let marked = MarkedText(
            oneStep(
                """
                CREATE ROLE reader;
                GRANT USAGE ON SCHEMA 1️⃣warehouse.sales TO ROLE reader;
                GRANT SELECT ON ALL TABLES IN SCHEMA dev.sales TO ROLE reader;
                """))
        let report = Compiled(marked.text).analyze()
        expectDiagnostics(
            report.diagnostics,
            [
                Expected(
                    .privilegesCrossDatabaseGrant, at: "1️⃣",
                    "warehouse.sales in database warehouse while connected to dev")
            ],
            in: marked, rules: [Rule.privilegesCrossDatabaseGrant.id])
        #expect(report.diagnostics.first { $0.rule == Rule.privilegesCrossDatabaseGrant.id }?.severity == .warning)
        let postgres = Compiled(marked.text.replacingOccurrences(of: "dev.", with: "postgres."), dialect: .postgres)
            .analyze(.postgres).diagnostics.filter { $0.rule == Rule.privilegesCrossDatabaseGrant.id }
        #expect(postgres.map(\.severity) == [.error])
    }

    @Test func optionsOnTheWrongKindOfGrant() throws {
        let marked = MarkedText(
            oneStep(
                """
                CREATE ROLE analyst;
                CREATE USER bob PASSWORD 'Abcdefg123';
                GRANT ROLE analyst TO bob 1️⃣WITH GRANT OPTION;
                GRANT USAGE ON SCHEMA public TO bob 2️⃣WITH ADMIN OPTION;
                GRANT ROLE analyst TO bob WITH ADMIN OPTION;
                GRANT USAGE ON SCHEMA public TO bob WITH GRANT OPTION;
                """))
        let report = Compiled(marked.text).analyze()
        expectDiagnostics(
            report.diagnostics,
            [
                Expected(.privilegesOptionNotAllowed, at: "1️⃣", "WITH ADMIN OPTION, not WITH GRANT OPTION"),
                Expected(.privilegesOptionNotAllowed, at: "2️⃣", "granted WITH GRANT OPTION"),
            ], in: marked, rules: Self.quiet)
        #expect(report.diagnostics.first?.fixIts.first?.replacement == "WITH ADMIN OPTION")
    }
}

/// Every rule of the catalog has a check, and every check's rule is in the catalog, alphabetised.
@Suite struct RuleCatalogTests {
    @Test func checksAndRulesMatch() {
        let ids = Rule.privilegeRules.map(\.id.rawValue)
        #expect(ids == ids.sorted())
        #expect(Set(ids).count == ids.count)
        // Each rule is some model's check; the Snowflake model's own rules are `snowflake.…`.
        let models: [any PrivilegeModel] = [ClusterModel(), SnowflakeModel()]
        let checked = Set(models.flatMap { $0.checks.map { type(of: $0).rule.id.rawValue } })
        #expect(checked.sorted() == ids)
        #expect(ids.allSatisfy { $0.hasPrefix("privileges.") || $0.hasPrefix("snowflake.") })
        #expect(PrivilegeChecks.all.allSatisfy { type(of: $0).rule.id.rawValue.hasPrefix("privileges.") })
    }
}

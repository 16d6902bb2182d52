import RunbookDiagnostics
import RunbookPrivileges
import RunbookTestSupport
import Testing

import struct RunbookDiagnostics.SourceLocation

/// Users, roles, groups, databases and schemas that do not exist where a statement uses them.
@Suite struct NameCheckTests {
    static let nameRules: Set<RuleID> = [
        Rule.privilegesUnknownPrincipal.id, Rule.privilegesUnknownObject.id, Rule.privilegesObjectInNewDatabase.id,
        Rule.privilegesUnknownConnection.id,
    ]

    @Test func roleNeverCreated() {
        let marked = MarkedText(
            oneStep(
                """
                CREATE SCHEMA sales;
                GRANT USAGE ON SCHEMA sales TO ROLE 1️⃣reporting_role;
                GRANT SELECT ON ALL TABLES IN SCHEMA sales TO ROLE reporting_role;
                """))
        let report = Compiled(marked.text).analyze()
        expectDiagnostics(
            report.diagnostics,
            [Expected(.privilegesUnknownPrincipal, at: "1️⃣", "role 'reporting_role' does not exist")],
            in: marked, rules: Self.nameRules)
    }

    @Test func roleCreatedLaterPointsToItsCreation() throws {
        let marked = MarkedText(
            oneStep(
                """
                GRANT CREATE ON DATABASE dev TO ROLE 1️⃣etl_role;
                2️⃣CREATE ROLE etl_role;
                """))
        let report = Compiled(marked.text).analyze()
        expectDiagnostics(
            report.diagnostics, [Expected(.privilegesUnknownPrincipal, at: "1️⃣", "does not exist yet")], in: marked,
            rules: Self.nameRules)
        let note = try #require(report.diagnostics.first { $0.rule == Rule.privilegesUnknownPrincipal.id }?.notes.first)
        #expect(note.range?.start == marked["2️⃣"])
        #expect(note.message.contains("CREATE ROLE etl_role"))
    }

    @Test func nearMissSuggestsTheCreatedName() throws {
        let marked = MarkedText(
            oneStep(
                """
                CREATE ROLE segment_linked_role;
                GRANT CREATE ON DATABASE dev TO ROLE 1️⃣segment_linkd_role;
                """))
        let report = Compiled(marked.text).analyze()
        expectDiagnostics(
            report.diagnostics,
            [Expected(.privilegesUnknownPrincipal, at: "1️⃣", "did you mean 'segment_linked_role'?")], in: marked,
            rules: Self.nameRules)
        let fix = try #require(report.diagnostics.first?.fixIts.first)
        #expect(fix.replacement == "segment_linked_role")
    }

    @Test func existingNamesAreQuiet() {
        let marked = MarkedText(
            oneStep(
                """
                CREATE ROLE analyst;
                CREATE USER bob PASSWORD 'Abcdefg123';
                CREATE SCHEMA sales;
                GRANT USAGE ON SCHEMA sales TO ROLE analyst;
                GRANT ROLE analyst TO bob;
                """))
        expectDiagnostics(Compiled(marked.text).analyze().diagnostics, [], in: marked, rules: Self.nameRules)
    }

    @Test func aUserNeverCreatedIsAssumedOnce() {
        let marked = MarkedText(
            oneStep(
                """
                CREATE ROLE analyst;
                GRANT ROLE analyst TO 1️⃣existing_user;
                GRANT ROLE analyst TO existing_user;
                """))
        expectDiagnostics(
            Compiled(marked.text).analyze().diagnostics,
            [Expected(.privilegesAssumedObject, at: "1️⃣", "user 'existing_user'")], in: marked)
    }

    @Test func schemaCreatedLaterAndMisspeltSchema() {
        let marked = MarkedText(
            oneStep(
                """
                CREATE ROLE analyst;
                GRANT USAGE ON SCHEMA 1️⃣sales TO ROLE analyst;
                CREATE SCHEMA sales;
                GRANT USAGE ON SCHEMA 2️⃣sals TO ROLE analyst;
                """))
        expectDiagnostics(
            Compiled(marked.text).analyze().diagnostics,
            [
                Expected(.privilegesUnknownObject, at: "1️⃣", "schema 'sales' does not exist yet"),
                Expected(.privilegesUnknownObject, at: "2️⃣", "did you mean 'sales'?"),
            ], in: marked, rules: Self.nameRules)
    }

    @Test func schemaInADatabaseTheRunbookCreatedIsAnError() {
        let marked = MarkedText(
            oneStep(
                """
                CREATE DATABASE workspace;
                CREATE ROLE reader;
                \\connect workspace
                GRANT USAGE ON SCHEMA 1️⃣devices TO ROLE reader;
                GRANT SELECT ON ALL TABLES IN SCHEMA devices TO ROLE reader;
                GRANT SELECT ON devices.locations TO ROLE reader;
                """))
        expectDiagnostics(
            Compiled(marked.text).analyze().diagnostics,
            [Expected(.privilegesObjectInNewDatabase, at: "1️⃣", "schema 'devices' cannot exist in database workspace")],
            in: marked)
    }

    @Test func tableInASchemaTheRunbookCreatedIsAnError() {
        let marked = MarkedText(
            oneStep(
                """
                CREATE SCHEMA staging;
                CREATE ROLE reader;
                GRANT USAGE ON SCHEMA staging TO ROLE reader;
                GRANT SELECT ON 1️⃣staging.events TO ROLE reader;
                """))
        expectDiagnostics(
            Compiled(marked.text).analyze().diagnostics,
            [
                Expected(
                    .privilegesObjectInNewDatabase, at: "1️⃣", "table 'staging.events' cannot exist in schema dev.staging"
                )
            ],
            in: marked, rules: Self.nameRules)
    }

    @Test func schemaInAnExistingDatabaseIsAssumed() {
        let marked = MarkedText(
            oneStep(
                """
                CREATE ROLE reader;
                1️⃣\\connect warehouse
                GRANT USAGE ON SCHEMA 2️⃣devices TO ROLE reader;
                """))
        expectDiagnostics(
            Compiled(marked.text).analyze().diagnostics,
            [
                Expected(.privilegesAssumedObject, at: "1️⃣", "database 'warehouse'"),
                Expected(.privilegesAssumedObject, at: "2️⃣", "schema 'warehouse.devices'"),
            ], in: marked)
    }

    @Test func switchToAMisspeltOrLaterDatabase() {
        let marked = MarkedText(
            """
            # Test

            ### Step 1: Create the database

            ```sql
            CREATE DATABASE segment_workspace;
            ```

            ### Step 2: Use it

            <!-- runbook: connection=segment_wrkspace -->
            1️⃣Switch to the Segment database.

            ```sql
            CREATE SCHEMA profiles;
            ```

            ### Step 3: Too early

            <!-- runbook: connection=analytics -->
            2️⃣Switch to the analytics database.

            ```sql
            CREATE SCHEMA events;
            CREATE DATABASE analytics;
            ```

            """)
        expectDiagnostics(
            Compiled(marked.text).analyze().diagnostics,
            [
                Expected(.privilegesUnknownConnection, at: "1️⃣", "did you mean 'segment_workspace'?"),
                Expected(.privilegesUnknownConnection, at: "2️⃣", "database 'analytics' does not exist yet"),
            ], in: marked, rules: Self.nameRules)
    }

    @Test func creatingWhatExistsAlready() throws {
        let marked = MarkedText(
            oneStep(
                """
                2️⃣CREATE ROLE analyst;
                CREATE SCHEMA IF NOT EXISTS public;
                CREATE SCHEMA 1️⃣public;
                CREATE ROLE 3️⃣analyst;
                CREATE USER bob PASSWORD 'Abcdefg123';
                CREATE ROLE 4️⃣bob;
                CREATE DATABASE 5️⃣dev;
                """))
        let report = Compiled(marked.text).analyze()
        expectDiagnostics(
            report.diagnostics,
            [
                Expected(
                    .privilegesAlreadyExists, at: "1️⃣", "cannot create schema 'public': schema 'public' already exists"),
                Expected(.privilegesAlreadyExists, at: "3️⃣", "role 'analyst' already exists"),
                Expected(.privilegesAlreadyExists, at: "4️⃣", "a user named 'bob' already exists"),
                Expected(.privilegesAlreadyExists, at: "5️⃣", "database 'dev' already exists"),
            ], in: marked)
        let note = try #require(report.diagnostics.first { $0.range.start == marked["3️⃣"] }?.notes.first)
        #expect(note.range?.start == marked["2️⃣"])
    }

    @Test func roleCycles() {
        let marked = MarkedText(
            oneStep(
                """
                CREATE ROLE a;
                CREATE ROLE b;
                CREATE ROLE c;
                GRANT ROLE a TO ROLE b;
                GRANT ROLE b TO ROLE c;
                1️⃣GRANT ROLE c TO ROLE a;
                2️⃣GRANT ROLE a TO ROLE a;
                """))
        expectDiagnostics(
            Compiled(marked.text).analyze().diagnostics,
            [
                Expected(.privilegesRoleCycle, at: "1️⃣", "'c' already holds 'a'"),
                Expected(.privilegesRoleCycle, at: "2️⃣", "cannot be granted to itself"),
            ], in: marked)
    }

    @Test func schemaUsedOnTheWrongConnection() throws {
        let marked = MarkedText(
            oneStep(
                """
                CREATE DATABASE workspace;
                CREATE ROLE reader;
                \\connect workspace
                2️⃣CREATE SCHEMA profiles;
                \\connect dev
                GRANT USAGE ON SCHEMA 1️⃣profiles TO ROLE reader;
                """))
        let report = Compiled(marked.text).analyze()
        expectDiagnostics(
            report.diagnostics,
            [
                Expected(
                    .privilegesUnknownObject, at: "1️⃣", "the runbook creates it in workspace; switch to workspace first")
            ],
            in: marked)
        let note = try #require(report.diagnostics.first?.notes.first)
        #expect(note.range?.start == marked["2️⃣"])
    }
}

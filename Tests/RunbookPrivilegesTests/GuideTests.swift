import Foundation
import RunbookDiagnostics
import RunbookModel
import RunbookPrivileges
import RunbookSQL
import Testing

import struct RunbookDiagnostics.SourceLocation

/// The transcribed source guide: its mistakes found, its promises kept where the SQL is right.
@Suite struct GuideTests {
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static let option1Full = "permissions-option-1_step-3-4-2-option-1"
    static let option1Tables = "permissions-option-1_step-3-4-2-option-2"
    static let option2Full = "permissions-option-2_step-3-4-2-option-1"
    static let option2Tables = "permissions-option-2_step-3-4-2-option-2"
    static let all = [option1Full, option1Tables, option2Full, option2Tables]

    static func guide() throws -> Compiled {
        let path = packageRoot.appendingPathComponent("runbooks/redshift-data-graph.md").path
        return Compiled(try String(contentsOfFile: path, encoding: .utf8), path: "runbooks/redshift-data-graph.md")
    }

    static func report() throws -> PrivilegeReport { try guide().analyze() }

    static func at(_ line: Int, _ column: Int) -> SourceLocation { SourceLocation(line: line, column: column) }

    @Test func everyFinding() throws {
        let found = try Self.report().diagnostics.map {
            "\($0.range.start) \($0.severity.rawValue) [\($0.rule.rawValue)] \($0.variants.count)"
        }
        #expect(
            found == [
                "112:4 warning [privileges.beyond-claim] 4",
                "141:4 warning [privileges.default-privileges-gap] 4",
                "148:9 note [privileges.assumed-object] 2",
                "152:31 note [privileges.assumed-object] 2",
                "172:25 note [privileges.assumed-object] 1",
                "173:25 note [privileges.assumed-object] 1",
                "181:31 error [privileges.object-in-new-database] 2",
            ])
    }

    @Test func option2DevicesGrantIsAnErrorInBothOption2VariantsOnly() throws {
        let errors = try Self.report().diagnostics.filter { $0.severity == .error }
        let error = try #require(errors.first)
        #expect(errors.count == 1)
        #expect(error.rule == Rule.privilegesObjectInNewDatabase.id)
        #expect(error.range.start == Self.at(181, 31))
        #expect(Set(error.variants) == [Self.option2Full, Self.option2Tables])
        #expect(
            error.message == "schema 'devices' cannot exist in database segment_workspace: the runbook creates "
                + "that database itself (Step 1, line 89) and it starts empty")
        #expect(error.notes.first?.range?.start.line == 89)
    }

    @Test func defaultPrivilegesGapOnProfilesSync() throws {
        let gap = try #require(
            try Self.report().diagnostics.first { $0.rule == Rule.privilegesDefaultPrivilegesGap.id })
        #expect(gap.range.start == Self.at(141, 4))
        #expect(Set(gap.variants) == Set(Self.all))
        #expect(
            gap.message == "these default privileges cover only tables that admin creates in profiles_sync; "
                + "segment_user (through segment_profiles_sync_role) can create tables there too, and segment_linked_role "
                + "will not get SELECT on them")
        #expect(
            gap.notes.map(\.message) == [
                "write FOR USER admin, segment_user to cover the tables each of them creates",
                "or use a scoped grant, which covers every creator: GRANT SELECT FOR TABLES IN SCHEMA profiles_sync "
                    + "TO ROLE segment_linked_role",
            ])
    }

    @Test func grantAllOnProfilesSyncGoesBeyondReadAndWrite() throws {
        let beyond = try #require(try Self.report().diagnostics.first { $0.rule == Rule.privilegesBeyondClaim.id })
        #expect(beyond.range.start == Self.at(112, 4))
        #expect(
            beyond.message == "'GRANT ALL ON SCHEMA profiles_sync' gives segment_profiles_sync_role ALTER, DROP "
                + "on schema segment_workspace.profiles_sync, beyond what the prose claims for it")
        #expect(beyond.fixIts.map(\.replacement) == ["CREATE, USAGE"])
        #expect(beyond.fixIts.first?.range.start == Self.at(112, 10))
    }

    @Test func noFalseAlarmOnOption1DevicesGrantsAndNoUnsatisfiedClaim() throws {
        let report = try Self.report()
        let option1 = report.diagnostics.filter {
            $0.severity != .note && ($0.variants.contains(Self.option1Full) || $0.variants.contains(Self.option1Tables))
        }
        #expect(option1.allSatisfy { $0.range.start.line < 145 })
        #expect(!report.diagnostics.contains { $0.rule == Rule.privilegesClaimUnsatisfied.id })
    }

    @Test func option1SpecificTablesGivesExactlyWhatTheProsePromises() throws {
        let result = try #require(try Self.report().results[Self.option1Tables])
        let catalog = result.catalog
        let devices = SchemaName(database: "user_database", schema: "devices")
        let userDevices = TableName(devices, "user_devices")
        let locations = TableName(devices, "device_locations")
        let user = Principal(.user, "segment_user")
        #expect(catalog.can(user, "SELECT", on: .table(userDevices)))
        #expect(catalog.can(user, "SELECT", on: .table(locations)))
        #expect(!catalog.can(user, "INSERT", on: .table(userDevices)))
        let other = catalog.assumingPreexistingTable(
            TableName(devices, "other_table"), reference: SourceRange(Self.at(1, 1)))
        #expect(!other.can(user, "SELECT", on: .table(TableName(devices, "other_table"))))
        #expect(!catalog.can(user, "CREATE", on: .database("user_database")))
        #expect(catalog.can(user, "CREATE", on: .database("segment_workspace")))

        let onDevices = result.effective.filter {
            $0.principal == Principal(.role, "segment_linked_role") && $0.object.database == "user_database"
                && $0.object != .schema(SchemaName(database: "user_database", schema: "public"))
                && $0.object != .database("user_database")
        }
        #expect(
            onDevices.map { "\($0.privilege) \($0.object)" } == [
                "USAGE schema user_database.devices",
                "SELECT table user_database.devices.device_locations",
                "SELECT table user_database.devices.user_devices",
            ])
    }

    @Test func provenanceOfSegmentUsersPrivileges() throws {
        let report = try Self.report()
        let tables = try #require(report.results[Self.option1Tables])
        func chain(_ result: VariantResult, _ privilege: String, _ object: CatalogObject) -> String? {
            result.effective.first {
                $0.principal.name == "segment_user" && $0.privilege == privilege && $0.object == object
            }.map(describe)
        }
        let devices = SchemaName(database: "user_database", schema: "devices")
        #expect(
            chain(tables, "SELECT", .table(TableName(devices, "user_devices")))
                == "segment_user ← member of segment_linked_role ← GRANT SELECT ON devices.user_devices, Step 3.4.2, line 172"
        )
        #expect(
            chain(tables, "CREATE", .database("segment_workspace"))
                == "segment_user ← member of segment_linked_role ← GRANT CREATE ON DATABASE segment_workspace, Step 3.2, line 128"
        )
        #expect(
            chain(tables, "TEMP", .database("user_database"))
                == "segment_user ← PUBLIC ← Redshift default for PUBLIC")

        // Full schema: a table that already exists in the user's database is covered by the schema-wide grant.
        let full = try #require(report.results[Self.option1Full]).catalog
        let existing = full.assumingPreexistingTable(
            TableName(devices, "other_table"), reference: SourceRange(Self.at(1, 1)))
        let select = try #require(
            effectivePrivileges(of: "segment_user", in: existing).first {
                $0.object == .table(TableName(devices, "other_table")) && $0.privilege == "SELECT"
            })
        #expect(
            describe(select)
                == "segment_user ← member of segment_linked_role ← GRANT SELECT ON ALL TABLES IN SCHEMA devices, Step 3.4.2, line 161"
        )
        #expect(select.isUsable)
    }

    @Test func option2LeavesEverythingInTheSegmentDatabase() throws {
        let catalog = try #require(try Self.report().results[Self.option2Tables]).catalog
        #expect(catalog.databases["user_database"] == nil)
        let devices = try #require(catalog.schema(SchemaName(database: "segment_workspace", schema: "devices")))
        guard case .assumedAfterError = devices.origin else {
            Issue.record("devices should be kept only to report the mistake once")
            return
        }
    }

    @Test func translatedToPostgresTheSameMistakesAndNoBeyondClaim() throws {
        let path = Self.packageRoot.appendingPathComponent("runbooks/redshift-data-graph.md").path
        let compiled = Compiled(try String(contentsOfFile: path, encoding: .utf8), dialect: .postgres)
        let rules = compiled.analyze(.postgres).diagnostics.filter { $0.severity != .note }.map(\.rule.rawValue)
        #expect(rules.contains("privileges.object-in-new-database"))
        #expect(rules.contains("privileges.default-privileges-gap"))
        #expect(!rules.contains("privileges.beyond-claim"))
    }

    @Test func deterministic() throws {
        let first = try Self.report()
        let second = try Self.report()
        #expect(first.diagnostics == second.diagnostics)
        for slug in Self.all {
            #expect(first.results[slug]?.effective == second.results[slug]?.effective)
        }
    }
}

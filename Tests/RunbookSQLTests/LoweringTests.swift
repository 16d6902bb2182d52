import Foundation
import RunbookDiagnostics
import Testing

import struct RunbookDiagnostics.SourceLocation

@testable import RunbookSQL

@Suite("Lowering")
struct LoweringTests {
    /// Every statement of every shared folder and of the project's runbooks but queries and DML, in Redshift,
    /// PostgreSQL and Snowflake: lowering the tree `syntax` gives back (parsed again from the tokens for the kinds
    /// that keep none) is the statement's kind. Before the grammar functions stopped returning kinds, a differential
    /// test compared the kinds and names of the old grammar with the lowered ones on the same statements (5,691, all
    /// equal).
    @Test func loweringTheStoredTreeGivesTheStatementsKind() throws {
        var compared = 0
        var snowflakeCompared = 0
        var opaqueCompared = 0
        for (folder, name, text) in try RoundTripFolders.everyText() {
            for dialect in [SQLDialect.redshift, .postgres, .snowflake] {
                for statement in SQLParser.parse(text, dialect: dialect).statements {
                    if case .invalid = statement.kind { continue }
                    let lowered = Lowering(dialect: dialect).kind(of: statement.syntax)
                    // Queries and DML still return their kinds from the grammar.
                    guard Self.compares(statement.kind, lowered: lowered, in: dialect) else { continue }
                    compared += 1
                    if dialect == .snowflake { snowflakeCompared += 1 }
                    if case .opaque = statement.kind { opaqueCompared += 1 }
                    if lowered != statement.kind {
                        Issue.record(
                            "\(folder)\(name) (\(dialect)): '\(statement.text)' lowers to \(String(describing: lowered)), not \(statement.kind)"
                        )
                    }
                }
            }
        }
        #expect(compared > (RoundTripFolders.isRequired ? 1_000 : 10))
        if RoundTripFolders.isRequired {
            #expect(snowflakeCompared > 300, "Snowflake's grants are in the shared folders")
            #expect(opaqueCompared > 100, "COPY, CALL, CREATE FUNCTION … are in the shared folders")
        }
    }

    /// Whether the statement's kind is lowered: a kind `Statement.isLowered` names, or one a lowering node gave.
    /// Snowflake's `GRANT APPLICATION ROLE`, kept opaque, has a grant's nodes inside.
    private static func compares(_ kind: StatementKind, lowered: StatementKind?, in dialect: SQLDialect) -> Bool {
        switch (kind, lowered) {
        case (.opaque, .opaque?): return true
        case (.opaque, _?): return dialect != .snowflake
        default: return lowered != nil || Statement.isLowered(kind)
        }
    }

    /// A statement whose kind is lowered keeps no tree (a block of 100,000 grants holds each token once): its tree
    /// is parsed again when asked for, and is the structured one. A statement that failed keeps the tree its
    /// findings came from.
    @Test func aLoweredStatementKeepsNoTree() throws {
        let parsed = SQLParser.parse(
            "GRANT USAGE ON SCHEMA s TO ROLE r;\nGRANT USAGE ON SCHEMA TO ROLE r;", dialect: .redshift)
        let statements = parsed.statements
        try #require(statements.count == 2)
        #expect(statements[0].storedSyntax == .reparsed(.redshift))
        #expect(statements[0].syntax.childNode(.privilegeStatement)?.childNode(.objectTarget)?.text == "ON SCHEMA s")
        guard case .tree(let tree) = statements[1].storedSyntax else {
            Issue.record("the broken grant keeps no tree")
            return
        }
        #expect(tree.hasIssues)
        #expect(parsed.diagnostics.count == 1)
    }

    /// A grant's tree has a node for each part the privilege stage reads, in order.
    @Test func aGrantIsATreeOfItsParts() throws {
        let statement = try #require(
            parseClean("GRANT SELECT (a, b), UPDATE ON TABLE s.t TO ROLE r, bob WITH GRANT OPTION").first)
        let kinds = statement.syntax.descendants.map(\.kind).filter { $0 != .name && $0 != .qualifiedName }
        #expect(
            kinds == [
                .privilegeStatement, .privilegeList, .privilege, .columnList, .privilege, .objectTarget, .granteeList,
                .grantee, .grantee, .grantOption,
            ])
        #expect(statement.syntax.text == statement.text)
        let grantees = try #require(statement.syntax.firstDescendant(.granteeList))
        #expect(grantees.childNodes(.grantee).map(\.text) == ["ROLE r", "bob"])
    }

    @Test func defaultPrivilegesHaveTheirScope() throws {
        let statement = try #require(
            parseClean("ALTER DEFAULT PRIVILEGES FOR USER u IN SCHEMA s GRANT SELECT ON TABLES TO GROUP g").first)
        let tree = statement.syntax
        #expect(tree.firstDescendant(.defaultPrivilegesOwners)?.text == "FOR USER u")
        #expect(tree.firstDescendant(.defaultPrivilegesSchemas)?.text == "IN SCHEMA s")
        #expect(tree.firstDescendant(.defaultObjectsTarget)?.text == "ON TABLES")
        guard case .alterDefaultPrivileges(let defaults) = statement.kind else {
            Issue.record("not ALTER DEFAULT PRIVILEGES: \(statement.kind)")
            return
        }
        #expect(defaults.targetKind == .user)
        #expect(defaults.schemas.map(\.dotted) == ["s"])
        #expect(defaults.action.target == .defaultObjects(kind: .table, range: defaults.action.target.rangeForTest))
    }

    /// The lowered kinds of the DDL the privilege stage reads, each from its own node.
    @Test func principalsAndSchemas() throws {
        let create = kind("CREATE USER \"Bob\" WITH PASSWORD 'Abcd1234' IN GROUP g1, g2 CONNECTION LIMIT -1")
        guard case .createUser(let user) = create else {
            Issue.record("not CREATE USER: \(String(describing: create))")
            return
        }
        #expect(user.name.value == "Bob")
        #expect(user.options.count == 3)
        #expect(user.options.last?.kind == .connectionLimit(.limit(-1)))
        if case .password(let spec, _, _) = user.options.first?.kind {
            #expect(spec == .literal(value: "Abcd1234", isPlaceholder: false))
        } else {
            Issue.record("the first option is not the password")
        }
        #expect(kind("ALTER GROUP g DROP USER a, b").map(Self.groupAction) == .dropUsers(["a", "b"]))
        guard case .drop(let drop) = kind("DROP ROLE IF EXISTS r FORCE") else {
            Issue.record("not DROP")
            return
        }
        #expect(drop.objectType == "ROLE" && drop.ifExists && drop.behavior == "FORCE")
        guard case .createSchema(let schema) = kind("CREATE SCHEMA IF NOT EXISTS s AUTHORIZATION u QUOTA 50 gb") else {
            Issue.record("not CREATE SCHEMA")
            return
        }
        #expect(schema.ifNotExists && schema.authorization?.value == "u" && schema.quota?.value == "50 GB")
        guard case .alterUser(let alter) = kind("ALTER USER u RESET SESSION TIMEOUT") else {
            Issue.record("not ALTER USER")
            return
        }
        #expect(alter.action == .resetParameter("session timeout"))
    }

    private enum GroupAction: Equatable {
        case dropUsers([String])
        case other
    }

    private static func groupAction(_ kind: StatementKind) -> GroupAction {
        guard case .alterGroup(let group) = kind, case .dropUsers(let users) = group.action else { return .other }
        return .dropUsers(users.map(\.value))
    }
}

extension GrantTarget {
    fileprivate var rangeForTest: SourceRange {
        if case .defaultObjects(_, let range) = self { return range }
        return SourceRange(SourceLocation(line: 1, column: 1))
    }
}

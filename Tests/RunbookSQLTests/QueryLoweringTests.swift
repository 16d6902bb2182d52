import RunbookDiagnostics
import Testing

@testable import RunbookSQL

/// Queries and INSERT, UPDATE, DELETE, MERGE lowered from their trees (Syntax/Lowering+Query.swift).
@Suite("Query lowering")
struct QueryLoweringTests {
    /// Differential: for every query and data-modifying statement of every shared folder and of the project's
    /// runbooks, in Redshift, PostgreSQL and Snowflake, the lowered kind (relations read, CTE names) is the one the
    /// grammar's collector gathered while parsing.
    @Test func loweringGivesTheCollectedKind() throws {
        var queries = 0
        var modifications = 0
        for (folder, name, text) in try RoundTripFolders.everyText() {
            for dialect in SQLDialect.allCases {
                for statement in SQLParser.parse(text, dialect: dialect).statements {
                    switch statement.kind {
                    case .select: queries += 1
                    case .opaque(let keyword)
                    where ["INSERT", "UPDATE", "DELETE", "MERGE"].contains(keyword)
                        && ["INSERT", "UPDATE", "DELETE", "MERGE", "WITH"].contains(statement.leadingKeyword):
                        modifications += 1
                    default: continue
                    }
                    let lowered = Lowering(dialect: dialect).queryKind(of: statement.syntax)
                    if lowered != statement.kind {
                        Issue.record(
                            "\(folder)\(name) (\(dialect)): '\(statement.text)' lowers to \(String(describing: lowered)), not \(statement.kind)"
                        )
                    }
                }
            }
        }
        print("query lowering compared \(queries) queries and \(modifications) data-modifying statements")
        #expect(queries > (RoundTripFolders.isRequired ? 800 : 10))
        #expect(modifications > (RoundTripFolders.isRequired ? 300 : 1))
    }

    @Test func relationsAndCTENamesInOrder() throws {
        let statement = try #require(
            parseClean(
                "WITH RECURSIVE r AS (SELECT 1 FROM r), c AS (SELECT * FROM s.t) SELECT * FROM c JOIN u ON true, r, "
                    + "generate_series(1, 3) g WHERE a IN (SELECT b FROM v) UNION TABLE w"
            ).first)
        guard case .select(let query) = Lowering(dialect: .redshift).queryKind(of: statement.syntax) else {
            Issue.record("not lowered as a query")
            return
        }
        #expect(query.reads.map { $0.parts.map(\.value) } == [["r"], ["s", "t"], ["u"], ["v"], ["w"]])
        #expect(query.cteNames.map(\.value) == ["r", "c"])
        #expect(statement.kind == .select(query))
    }

    @Test func dataModificationKinds() throws {
        for (sql, keyword) in [
            ("INSERT INTO t SELECT * FROM u", "INSERT"), ("WITH x AS (SELECT 1) DELETE FROM t", "DELETE"),
            ("UPDATE t SET a = 1 FROM u", "UPDATE"), ("MERGE INTO t USING s ON t.id = s.id REMOVE DUPLICATES", "MERGE"),
        ] {
            let statement = try #require(parseClean(sql).first)
            #expect(Lowering(dialect: .redshift).queryKind(of: statement.syntax) == .opaque(keyword: keyword))
        }
        let explain = try #require(parseClean("EXPLAIN SELECT a FROM t").first)
        #expect(Lowering(dialect: .redshift).queryKind(of: explain.syntax) == nil)
    }
}

import Foundation
import RunbookDiagnostics
import Testing

@testable import RunbookSQL

/// Queries lowered from their trees (Syntax/Lowering+Query.swift): the relations a query reads, the names of its
/// CTEs, and the kinds of INSERT, UPDATE, DELETE and MERGE, on real statements of the AWS Redshift guide's examples
/// and of the segment-docs pages. The grammar gathers none of it (until 2026-12-02 it did, and a differential
/// test found its kinds equal to the lowered ones on 925 queries and 354 data-modifying statements in three
/// dialects).
@Suite("Query lowering")
struct QueryLoweringTests {
    /// A real statement: the page it is on, a piece of its text that finds it there, and what lowering gives.
    struct Example: CustomStringConvertible, Sendable {
        var page: String
        var marker: String
        var reads: [String]
        var cteNames: [String] = []
        var dialect: SQLDialect = .redshift

        var description: String { "\(page): \(marker)" }
    }

    static let awsQueries: [Example] = [
        // w1 reads w2 before w2 is defined, w2 reads w1 after: only w2 is a table read.
        Example(page: "select-with.md", marker: "with w1 as", reads: ["w2", "sales"], cteNames: ["w1", "w2"]),
        Example(page: "select-with.md", marker: "with venuecopy", reads: ["venue"], cteNames: ["venuecopy"]),
        Example(
            page: "select-with.md", marker: "with venue_sales as", reads: ["sales", "venue", "event"],
            cteNames: ["venue_sales", "top_venues"]),
        // A CTE of a subquery in the select list: its name is one of the statement's CTE names.
        Example(
            page: "select-with.md", marker: "from sales join date on", reads: ["date", "sales"],
            cteNames: ["holidays"]),
        // A recursive CTE reads itself before its definition ends, so its name is read as a table too.
        Example(
            page: "select-with.md", marker: "with recursive john_org", reads: ["employee", "john_org"],
            cteNames: ["john_org"]),
        Example(page: "select-join.md", marker: "from listing left outer join sales", reads: ["listing", "sales"]),
        Example(page: "select-join.md", marker: "from listing natural join sales", reads: ["listing", "sales"]),
        // Derived tables joined, each with its own from list.
        Example(
            page: "select-join.md", marker: "select catgroup1, sold, unsold",
            reads: ["category", "event", "sales", "listing"]),
    ]

    static let corpusQueries: [Example] = [
        Example(
            page: "segment-docs/src/connections/storage/catalog/postgres/index.md", marker: "select * from example",
            reads: ["example"], dialect: .postgres),
        // One quoted name, dots and all, folded to lower case as Redshift folds quoted names by default.
        Example(
            page: "segment-docs/src/unify/data-graph/setup-guides/redshift-setup.md",
            marker: "\"THE_READ_ONLY_DB.A_SCHEMA.SOME_TABLE\"", reads: ["the_read_only_db.a_schema.some_table"]),
        // Placeholders are the name's parts.
        Example(
            page: "segment-docs/src/connections/reverse-etl/reverse-etl-source-setup-guides/redshift-setup.md",
            marker: "SELECT id FROM <schema_name>", reads: ["<schema_name>.<table_name>"]),
        // Snowflake's IDENTIFIER($variable) names a table: read as a name to fill in, as written.
        Example(
            page: "segment-docs/src/unify/data-graph/setup-guides/snowflake-setup.md",
            marker: "FROM identifier($table_name)", reads: ["identifier($table_name)"], dialect: .snowflake),
    ]

    @Test(arguments: awsQueries)
    func awsExampleQueries(_ example: Example) throws {
        guard let blocks = try? AWSExamples.blocks(of: example.page).blocks else {
            if AWSExamples.isRequired { Issue.record("no AWS example page \(example.page)") }
            return
        }
        try expect(example, in: blocks.map(\.text))
    }

    @Test(arguments: corpusQueries)
    func segmentDocsQueries(_ example: Example) throws {
        let url = Corpus.root.appendingPathComponent(example.page)
        guard let markdown = try? String(contentsOf: url, encoding: .utf8) else {
            if RoundTripFolders.isRequired { Issue.record("no corpus page \(example.page)") }
            return
        }
        try expect(example, in: Corpus.fences(in: markdown, file: example.page).map(\.text))
    }

    /// After a join's ON condition, the rest of the from list is read: its tables are read too (until 2026-12-02
    /// it was skipped up to the next clause, and only a subquery's tables were found there).
    @Test func theFromListGoesOnAfterAJoinsCondition() throws {
        let statement = try #require(
            parseClean(
                "SELECT * FROM a JOIN b ON a.id = b.id, c LEFT JOIN s.d ON c.id = d.id, LATERAL generate_series(1, 3) g, "
                    + "(SELECT x FROM e) f WHERE a.x = 1"
            ).first)
        guard case .select(let query) = statement.kind else {
            Issue.record("not a query: \(statement.kind)")
            return
        }
        #expect(query.reads.map(\.dotted) == ["a", "b", "c", "s.d", "e"])
    }

    /// CREATE VIEW and CREATE TABLE AS lower their `.query` node the same way.
    @Test func viewsAndTablesReadTheirQuerysRelations() throws {
        guard let views = try? AWSExamples.blocks(of: "create-view.md").blocks,
            let tables = try? AWSExamples.blocks(of: "create-table-as.md").blocks
        else {
            if AWSExamples.isRequired { Issue.record("no create-view.md or create-table-as.md") }
            return
        }
        let view = try #require(statement(containing: "create view myevent as", in: views.map(\.text)))
        guard case .createView(let created) = view.kind else {
            Issue.record("not a view: \(view.kind)")
            return
        }
        #expect(created.reads.map(\.dotted) == ["event"])
        let table = try #require(statement(containing: "create table event_backup as", in: tables.map(\.text)))
        guard case .createTable(let createdTable) = table.kind else {
            Issue.record("not a table: \(table.kind)")
            return
        }
        #expect(createdTable.reads.map(\.dotted) == ["event"])
    }

    /// INSERT, UPDATE, DELETE and MERGE, alone and after WITH, are kept with their verb.
    @Test func dataModificationKinds() throws {
        for (page, marker, keyword) in [
            ("insert.md", "insert into category_stage\n(select", "INSERT"),
            ("update.md", "update sales_update\nset qtysold", "UPDATE"),
            ("delete.md", "delete from event using sales", "DELETE"),
            ("merge.md", "WHEN MATCHED THEN DELETE", "MERGE"),
        ] {
            guard let blocks = try? AWSExamples.blocks(of: page).blocks else {
                if AWSExamples.isRequired { Issue.record("no AWS example page \(page)") }
                continue
            }
            let found = try #require(statement(containing: marker, in: blocks.map(\.text)), "\(page): \(marker)")
            #expect(found.kind == .opaque(keyword: keyword), "\(page): \(marker)")
        }
        let withDelete = try #require(parseClean("WITH x AS (SELECT id FROM s) DELETE FROM t USING x").first)
        #expect(withDelete.kind == .opaque(keyword: "DELETE"))
    }

    // MARK: - Helpers

    private func expect(_ example: Example, in texts: [String]) throws {
        let found = try #require(
            statement(containing: example.marker, in: texts, dialect: example.dialect), "\(example)")
        guard case .select(let query) = found.kind else {
            Issue.record("\(example): not a query but \(found.kind)")
            return
        }
        #expect(query.reads.map(\.dotted) == example.reads, "\(example)")
        #expect(query.cteNames.map(\.value) == example.cteNames, "\(example)")
    }

    /// The statement of `texts` whose text contains `marker`, parsed in `dialect`; none of its diagnostics may
    /// fall inside it (a transcript's output after it has its own).
    private func statement(containing marker: String, in texts: [String], dialect: SQLDialect = .redshift) -> Statement?
    {
        for text in texts where text.contains(marker) {
            let parsed = SQLParser.parse(text, dialect: dialect)
            guard let statement = parsed.statements.first(where: { $0.text.contains(marker) }) else { continue }
            let inside = parsed.diagnostics.filter {
                (statement.range.start..<statement.range.end).contains($0.range.start)
            }
            #expect(inside.isEmpty, "\(marker): \(inside.map(\.message))")
            return statement
        }
        return nil
    }
}

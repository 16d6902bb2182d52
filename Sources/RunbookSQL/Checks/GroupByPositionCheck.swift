package import RunbookDiagnostics

/// `GROUP BY 3` names the select list's third item: an error when the list is shorter, or when that item is an
/// aggregate or window function (PostgreSQL: "aggregate functions are not allowed in GROUP BY"; Redshift and
/// Snowflake refuse it too).
package struct GroupByPositionCheck: StatementCheck {
    package static let rule = Rule.sqlGroupByPosition

    /// Functions that aggregate rows or need a window: grouping by one is refused.
    static let aggregates: Set<String> = [
        "ANY_VALUE", "APPROX_COUNT_DISTINCT", "ARRAY_AGG", "AVG", "BIT_AND", "BIT_OR", "BOOL_AND", "BOOL_OR",
        "CORR", "COUNT", "COUNT_IF", "COVAR_POP", "COVAR_SAMP", "CUME_DIST", "DENSE_RANK", "FIRST_VALUE",
        "JSONB_AGG", "JSON_AGG", "LAG", "LAST_VALUE", "LEAD", "LISTAGG", "MAX", "MEDIAN", "MIN", "MODE", "NTH_VALUE",
        "NTILE", "OBJECT_AGG", "PERCENTILE_CONT", "PERCENTILE_DISC", "PERCENT_RANK", "RANK", "RATIO_TO_REPORT",
        "ROW_NUMBER", "STDDEV", "STDDEV_POP", "STDDEV_SAMP", "STRING_AGG", "SUM", "VARIANCE", "VAR_POP", "VAR_SAMP",
        "XMLAGG",
    ]

    package init() {}

    package func check(_ statements: [Statement], context: SQLCheckContext) -> [Diagnostic] {
        statements.flatMap { statement -> [Diagnostic] in
            guard statement.isQuery else { return [] }
            return QueryShape.groupings(in: statement.tokens.filter { !$0.isTrivia }).flatMap { grouping in
                grouping.ordinals.compactMap { ordinal -> Diagnostic? in
                    let items = grouping.items
                    guard ordinal.position >= 1, ordinal.position <= items.count else {
                        // `SELECT *` has as many items as the tables have columns.
                        if items.contains(where: Self.isStar) { return nil }
                        return Diagnostic(
                            GroupByOutOfRangeMessage(position: ordinal.position, count: items.count),
                            at: ordinal.token.range)
                    }
                    let item = items[items.startIndex + ordinal.position - 1]
                    guard let function = Self.aggregate(in: item) else { return nil }
                    return Diagnostic(
                        GroupByAggregateMessage(
                            position: ordinal.position, item: SQLText.spaced(item), function: function.uppercased()),
                        at: ordinal.token.range)
                }
            }
        }
    }

    private static func isStar(_ item: ArraySlice<Token>) -> Bool {
        guard let last = item.last else { return false }
        return last.isPunctuation("*") && (item.count == 1 || item.dropLast().last?.isPunctuation(".") == true)
    }

    /// The first aggregate or window function called in the item outside a subquery.
    private static func aggregate(in item: ArraySlice<Token>) -> String? {
        var subqueryDepth: Int?
        var depth = 0
        var index = item.startIndex
        while index < item.endIndex {
            let token = item[index]
            if token.isPunctuation("(") {
                depth += 1
                if subqueryDepth == nil, index + 1 < item.endIndex, item[index + 1].isKeyword(.select) {
                    subqueryDepth = depth
                }
            } else if token.isPunctuation(")") {
                if subqueryDepth == depth { subqueryDepth = nil }
                depth -= 1
            } else if subqueryDepth == nil, token.kind == .word, token.isKeyword(oneOf: aggregates),
                index + 1 < item.endIndex, item[index + 1].isPunctuation("("),
                index == item.startIndex || !item[index - 1].isPunctuation(".")
            {
                return token.text
            }
            index += 1
        }
        return nil
    }
}

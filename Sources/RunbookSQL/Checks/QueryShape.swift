/// What a query statement names and refers to, read from its significant tokens: the tables, aliases and CTE
/// names it defines and the qualifiers it uses (`u` in `u.id`), for `UnknownQualifierCheck`; and, on its own
/// (`groupings(in:)`), each SELECT's list and GROUP BY items, for `GroupByPositionCheck`.
///
/// The reading is deliberately generous about what is defined: every part of a relation name, every word after
/// AS or after a closing parenthesis, every CTE name, anywhere in the statement (an inner query may use an
/// outer alias). A qualifier is reported only when nothing in the statement could define it.
struct QueryShape {
    /// A qualifier use: the token before the first `.` of a chain that is not a function name.
    struct Qualifier {
        var token: Token
    }

    /// One SELECT's list and the plain items of its GROUP BY.
    struct Grouping {
        /// The select list's items, each as its tokens.
        var items: [ArraySlice<Token>]
        /// GROUP BY items that are a bare integer: the ordinal and its token.
        var ordinals: [(position: Int, token: Token)]
    }

    private(set) var defined: Set<String> = ["excluded", "new", "old"]
    /// Tables given an alias: once aliased, a table is named by its alias only, so it is no suggestion.
    private(set) var aliased: Set<String> = []
    private(set) var qualifiers: [Qualifier] = []

    /// Words after which a relation name comes.
    private static let relationKeywords: Set<Keyword> = [.from, .join, .update, .into, .using, .table]
    /// Words that end a FROM list at its depth.
    private static let fromListEnds: Set<Keyword> = [
        .where, .group, .having, .order, .limit, .qualify, .window, .union, .intersect, .except, .minus,
        .select, .returning, .set, .values, .offset, .fetch, .for,
    ]
    /// Words that end a select list or a GROUP BY list at its depth.
    private static let listEnds: Set<Keyword> = [
        .from, .into, .where, .group, .having, .order, .limit, .qualify, .window, .union, .intersect,
        .except, .minus, .offset, .fetch, .for,
    ]
    /// Words that follow a relation without being its alias.
    private static let afterRelation: Set<Keyword> = [
        .where, .group, .having, .order, .limit, .qualify, .window, .union, .intersect, .except, .minus,
        .join, .inner, .left, .right, .full, .cross, .natural, .on, .using, .set, .values, .select,
        .returning, .offset, .fetch, .for, .default, .overwrite, .at, .before, .changes, .sample,
        .tablesample, .pivot, .unpivot, .matchRecognize, .with, .as,
    ]
    /// Snowflake sequences are read as `seq.NEXTVAL`: the chain names a sequence, not a column.
    private static let sequenceMembers: Set<Keyword> = [.nextval, .currval]

    init(_ tokens: [Token]) {
        var depth = 0
        var inFromList: [Int: Bool] = [:]
        var consumed = Set<Int>()
        var index = 0
        while index < tokens.count {
            let token = tokens[index]
            if token.isPunctuation("(") {
                depth += 1
            } else if token.isPunctuation(")") {
                inFromList[depth] = nil
                depth -= 1
                if let next = Self.word(tokens, index + 1) { defined.insert(next) }
            } else if token.kind == .word, let keyword = Keyword(token) {
                // One keyword lookup a word, then comparisons of the keyword.
                if keyword == .as {
                    if let next = Self.word(tokens, index + 1) { defined.insert(next) }
                    if index + 1 < tokens.count, tokens[index + 1].isPunctuation("(") {
                        defineCTE(before: index, in: tokens)
                    }
                    index += 1
                    continue
                }
                if Self.fromListEnds.contains(keyword) { inFromList[depth] = false }
                if keyword == .from { inFromList[depth] = true }
                // CREATE TABLE's `(LIKE other_table …)` names a relation where a column would stand; LIKE after a
                // value (`a LIKE 'x%'`) is the operator.
                let isTableLike =
                    keyword == .like && index > 0
                    && (tokens[index - 1].isPunctuation("(") || tokens[index - 1].isPunctuation(","))
                if Self.relationKeywords.contains(keyword) || isTableLike {
                    index = relation(at: index + 1, in: tokens, consumed: &consumed)
                    continue
                }
            } else if token.isPunctuation(","), inFromList[depth] == true {
                index = relation(at: index + 1, in: tokens, consumed: &consumed)
                continue
            }
            index += 1
        }
        findQualifiers(tokens, consumed: consumed)
    }

    /// The folded text of a name token at `index`, if there is one.
    private static func word(_ tokens: [Token], _ index: Int) -> String? {
        guard index < tokens.count else { return nil }
        return name(tokens[index])
    }

    /// A name token as the shape compares it (case-insensitively, quotes off); nil for any other token.
    static func name(_ token: Token) -> String? {
        switch token.kind {
        case .word: token.text.asciiLowercased
        case .quotedIdentifier: String(token.text.dropFirst().dropLast()).asciiLowercased
        default: nil
        }
    }

    /// Whether `name(token)` has a name, without folding it.
    private static func isName(_ token: Token) -> Bool {
        token.kind == .word || token.kind == .quotedIdentifier
    }

    /// `name AS (` or `name (a, b) AS (`: a CTE.
    private mutating func defineCTE(before asIndex: Int, in tokens: [Token]) {
        var position = asIndex - 1
        if position >= 0, tokens[position].isPunctuation(")") {
            while position >= 0, !tokens[position].isPunctuation("(") { position -= 1 }
            position -= 1
        }
        if position >= 0, let name = Self.name(tokens[position]) { defined.insert(name) }
    }

    /// Reads a relation at `start` (`[ONLY|LATERAL] a[.b[.c]] [AS] [alias]`), defining its parts and alias, and
    /// marks its tokens as no qualifier use. Returns where reading goes on.
    private mutating func relation(at start: Int, in tokens: [Token], consumed: inout Set<Int>) -> Int {
        var index = start
        while index < tokens.count, tokens[index].isKeyword(.only) || tokens[index].isKeyword(.lateral) {
            index += 1
        }
        guard index < tokens.count, Self.name(tokens[index]) != nil else { return index }
        var last: String?
        while index < tokens.count, let part = Self.name(tokens[index]) {
            defined.insert(part)
            last = part
            consumed.insert(index)
            guard index + 2 < tokens.count, tokens[index + 1].isPunctuation("."),
                Self.name(tokens[index + 2]) != nil
            else {
                index += 1
                break
            }
            index += 2
        }
        // A table function's arguments are read like any expression; its alias follows its `)`.
        if index < tokens.count, tokens[index].isPunctuation("(") { return index }
        if index < tokens.count, tokens[index].isKeyword(.as) { index += 1 }
        if index < tokens.count, let alias = Self.name(tokens[index]),
            !tokens[index].isKeyword(oneOf: Self.afterRelation)
        {
            defined.insert(alias)
            if let last { aliased.insert(last) }
        }
        return index
    }

    private mutating func findQualifiers(_ tokens: [Token], consumed: Set<Int>) {
        for index in tokens.indices where !consumed.contains(index) {
            let token = tokens[index]
            guard Self.isName(token), index + 2 < tokens.count, tokens[index + 1].isPunctuation("."),
                tokens[index + 1].offsets.lowerBound == token.offsets.upperBound,
                Self.isName(tokens[index + 2]) || tokens[index + 2].isPunctuation("*")
            else { continue }
            if index > 0 {
                let previous = tokens[index - 1]
                // Inside a chain, a type name (`::s.t`, `AS s.t`), a collation, a Snowflake path (`v:a.b`).
                if previous.isPunctuation(".") || previous.isPunctuation("::") || previous.isPunctuation(":")
                    || previous.isKeyword(.as) || previous.isKeyword(.collate)
                {
                    continue
                }
            }
            // The chain's end: a function (`s.f(`) or a sequence (`seq.NEXTVAL`) is not a column.
            var end = index + 2
            while end + 2 < tokens.count, tokens[end + 1].isPunctuation("."), Self.isName(tokens[end + 2]) {
                end += 2
            }
            if end + 1 < tokens.count, tokens[end + 1].isPunctuation("(") { continue }
            if tokens[end].isKeyword(oneOf: Self.sequenceMembers) { continue }
            qualifiers.append(Qualifier(token: token))
        }
    }

    /// Each SELECT's list, and its GROUP BY's bare integers, at the SELECT's own depth (a parenthesis keeps the
    /// depth of what is around it, so the `)` that closes the query's own subquery is the first token outside).
    static func groupings(in tokens: [Token]) -> [Grouping] {
        var groupings: [Grouping] = []
        var depths = [Int](repeating: 0, count: tokens.count)
        var depth = 0
        for (index, token) in tokens.enumerated() {
            if token.isPunctuation(")") { depth -= 1 }
            depths[index] = depth
            if token.isPunctuation("(") { depth += 1 }
        }
        for start in tokens.indices where tokens[start].isKeyword(.select) {
            let level = depths[start]
            var index = start + 1
            if index < tokens.count, tokens[index].isKeyword(.distinct) || tokens[index].isKeyword(.all) {
                index += 1
            }
            // `DISTINCT ON (…)`, `TOP n`: not items.
            if index < tokens.count, tokens[index].isKeyword(.on), index + 1 < tokens.count,
                tokens[index + 1].isPunctuation("(")
            {
                index += 2
                while index < tokens.count, depths[index] > level { index += 1 }
                index += 1
            }
            if index + 1 < tokens.count, tokens[index].isKeyword(.top) { index += 2 }
            var items: [ArraySlice<Token>] = []
            var itemStart = index
            while index < tokens.count, depths[index] >= level {
                let token = tokens[index]
                if depths[index] == level {
                    if token.isPunctuation(";") || token.isKeyword(oneOf: Self.listEnds) { break }
                    if token.isPunctuation(",") {
                        items.append(tokens[itemStart..<index])
                        itemStart = index + 1
                    }
                }
                index += 1
            }
            items.append(tokens[itemStart..<index])
            // The same query's GROUP BY: at this depth, before another SELECT or the query's end.
            var ordinals: [(Int, Token)] = []
            while index < tokens.count, depths[index] >= level {
                let token = tokens[index]
                if depths[index] == level {
                    if token.isKeyword(.select) || token.isPunctuation(";") { break }
                    if token.isKeyword(.group), index + 1 < tokens.count, tokens[index + 1].isKeyword(.by) {
                        ordinals = Self.groupOrdinals(tokens, from: index + 2, level: level, depths: depths)
                        break
                    }
                }
                index += 1
            }
            if !ordinals.isEmpty { groupings.append(Grouping(items: items, ordinals: ordinals)) }
        }
        return groupings
    }

    /// The bare integers among GROUP BY's items (ROLLUP, CUBE and GROUPING SETS are left alone).
    private static func groupOrdinals(
        _ tokens: [Token], from start: Int, level: Int, depths: [Int]
    ) -> [(Int, Token)] {
        var found: [(Int, Token)] = []
        var index = start
        var itemStart = start
        func closeItem(_ end: Int) {
            guard end == itemStart + 1, tokens[itemStart].kind == .number, let value = Int(tokens[itemStart].text)
            else { return }
            found.append((value, tokens[itemStart]))
        }
        while index < tokens.count, depths[index] >= level {
            let token = tokens[index]
            if depths[index] == level {
                if token.isPunctuation(";") || token.isKeyword(oneOf: listEnds) { break }
                if token.isPunctuation(",") {
                    closeItem(index)
                    itemStart = index + 1
                }
            }
            index += 1
        }
        closeItem(index)
        return found
    }
}

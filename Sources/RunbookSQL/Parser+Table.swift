import RunbookDiagnostics

// CREATE TABLE's columns, constraints and attributes and ALTER TABLE's actions, read word by word: a word the
// grammar does not know where one of its words belongs is a mistake at that word (a did-you-mean when it is one
// edit from one of them), never skipped. A mistake in one column, attribute or action is recorded and the next is
// read, so a statement with two mistakes gets both.
// Redshift: https://docs.aws.amazon.com/redshift/latest/dg/r_CREATE_TABLE_NEW.html,
// https://docs.aws.amazon.com/redshift/latest/dg/r_CREATE_TABLE_AS.html,
// https://docs.aws.amazon.com/redshift/latest/dg/r_ALTER_TABLE.html,
// https://docs.aws.amazon.com/redshift/latest/dg/r_ALTER_TABLE_APPEND.html.
// PostgreSQL: https://www.postgresql.org/docs/current/sql-createtable.html,
// https://www.postgresql.org/docs/current/sql-altertable.html.
// A dialect with neither table grammar (Snowflake, until its own) reads the names and skips the rest balanced.
extension StatementParser {
    /// Words that open a table constraint rather than a column (Redshift's DISTKEY (…) and SORTKEY (…) among
    /// the elements too); an element starting with one has no column name.
    private static let tableConstraintWords: Set<Keyword> = [
        .constraint, .primary, .unique, .foreign, .check, .exclude, .distkey, .sortkey,
    ]

    private var readsRedshiftTables: Bool { dialect.syntax.contains(.redshiftTables) }
    private var readsPostgresTables: Bool { dialect.syntax.contains(.postgresTables) }

    // MARK: CREATE TABLE

    /// After CREATE [TEMP] TABLE, inside the `.createTable` node: the name a `.qualifiedName`, each element in
    /// parentheses a `.tableElement` (a column from its `.name`, `LIKE` and a `.qualifiedName`, or a constraint),
    /// the attributes, and CREATE TABLE AS's `.query`.
    mutating func parseCreateTable() throws(SyntaxError) {
        accept(sequence: .if, .not, .exists)
        try qualifiedNameNode("a table name after CREATE TABLE")
        guard readsRedshiftTables || readsPostgresTables else { return try parseUncheckedTable() }
        // PostgreSQL's typed and partition tables (`OF type`, `PARTITION OF parent FOR VALUES …`): kept, balanced.
        if readsPostgresTables, isKeyword(.of) || isKeyword(.partition) && isKeyword(.of, at: 1) {
            return try skipRest()
        }
        // CREATE TABLE AS names its columns without types.
        let namesOnly = topLevelAsFollows
        if let parenthesis = acceptPunctuation("(") {
            try tableElements(opened: parenthesis, namesOnly: namesOnly)
        }
        try tableAttributes()
        if accept(.as) != nil {
            try query()
            try expectEnd("after the query")
        }
    }

    /// The elements and attributes of a dialect without a table grammar: each element's first name, the rest of
    /// it and the attributes skipped balanced up to AS.
    private mutating func parseUncheckedTable() throws(SyntaxError) {
        if let parenthesis = acceptPunctuation("(") {
            elements: while !atEnd {
                open(.tableElement)
                if isKeyword(.like) {
                    index += 1
                    try qualifiedNameNode("a table name after LIKE")
                } else if let first = current, first.kind == .word || first.kind == .quotedIdentifier,
                    !first.isKeyword(oneOf: Self.tableConstraintWords)
                {
                    try nameNode("a column name")
                }
                while let token = current {
                    if token.isPunctuation(",") || token.isPunctuation(")") {
                        close()
                        index += 1
                        if token.isPunctuation(",") { continue elements }
                        break elements
                    }
                    if token.isPunctuation("(") { try skipParenthesised() } else { index += 1 }
                }
                throw SyntaxError(UnclosedMessage(open: "(", close: ")", at: parenthesis.range.start), at: end)
            }
        }
        try skipRest(upTo: .as)
        if accept(.as) != nil {
            try query()
            try expectEnd("after the query")
        }
    }

    /// Whether an AS follows at the top level: CREATE TABLE AS.
    private var topLevelAsFollows: Bool {
        var level = 0
        for position in index..<endIndex {
            let token = tokens[position]
            if token.isPunctuation("(") {
                level += 1
            } else if token.isPunctuation(")") {
                level -= 1
            } else if level == 0, token.isKeyword(.as) {
                return true
            }
        }
        return false
    }

    /// `(element, …)` after its `(`: each a `.tableElement`; a mistake in one is recorded and the next one read.
    private mutating func tableElements(opened parenthesis: Token, namesOnly: Bool) throws(SyntaxError) {
        // PostgreSQL allows a table without columns, `CREATE TABLE t ()`.
        if acceptPunctuation(")") != nil { return }
        repeat {
            let mark = openNodes
            let savedDepth = depth
            let start = index
            open(.tableElement)
            do throws(SyntaxError) {
                if namesOnly {
                    try nameNode("a column name")
                } else {
                    try tableElement()
                }
                if let token = current, !token.isPunctuation(","), !token.isPunctuation(")") {
                    throw failure(expected: "',' or ')' after the table element")
                }
            } catch {
                try recordInList(error, from: start, mark: mark, depth: savedDepth)
            }
            close(downTo: mark)
        } while acceptPunctuation(",") != nil
        guard acceptPunctuation(")") != nil else {
            throw SyntaxError(UnclosedMessage(open: "(", close: ")", at: parenthesis.range.start), at: end)
        }
    }

    /// Records a mistake inside a list item that starts at `start` (a table element or an ALTER TABLE action) and
    /// skips to the list's next `,` or its `)`, closing what the failed item left open. Rethrows what no item can
    /// recover from.
    private mutating func recordInList(
        _ error: SyntaxError, from start: Int, mark: Int, depth savedDepth: Int
    ) throws(SyntaxError) {
        guard error.rule == .sqlSyntax || error.rule == .sqlMisspeltKeyword else { throw error }
        record(error, resumingAt: nextAtItemLevel(from: start, orComma: true))
        close(downTo: mark)
        depth = savedDepth
    }

    /// From the current token on, the position of the next `)` that closes the level of the item starting at
    /// `start`, or of a `,` (with `orComma`) or a word of `words` at that level; the end of the statement when
    /// there is none. The current token itself is never the word found (it is where the mistake is).
    private func nextAtItemLevel(from start: Int, orComma: Bool, orWords words: Set<Keyword> = []) -> Int {
        nextAtLevel(from: start) { token, position in
            orComma && token.isPunctuation(",") || position > index && token.isKeyword(oneOf: words)
        }
    }

    /// `...`, text left out of an example (`CREATE TABLE "Example" ( ... )`): the block is a synopsis, whose
    /// elements are read up to the next `,` or `)`.
    private var atElision: Bool { isPunctuation(".") && isPunctuation(".", at: 1) && isPunctuation(".", at: 2) }

    /// The end of an action or element read no further (PostgreSQL's less common forms): the next `,` or `)` at
    /// the current level.
    private var endOfItem: Int { nextAtItemLevel(from: index, orComma: true) }

    /// A column definition, a table constraint, or `LIKE table [{INCLUDING | EXCLUDING} DEFAULTS]`.
    private mutating func tableElement() throws(SyntaxError) {
        if accept(.like) != nil {
            try qualifiedNameNode("a table name after LIKE")
            while let word = accept(.including) ?? accept(.excluding) {
                let options: [Keyword] =
                    readsPostgresTables
                    ? [
                        .all, .comments, .compression, .constraints, .defaults, .generated, .identity, .indexes,
                        .statistics, .storage,
                    ]
                    : [.defaults]
                try acceptOne(of: options, "after \(word.text.asciiUppercased)")
            }
            return
        }
        if atElision {
            index = endOfItem
            return
        }
        if let first = current, first.isKeyword(oneOf: Self.tableConstraintWords) { return try tableConstraint() }
        // `FOREING KEY (…)`: a constraint misspelt, not a column named so of a type KEY.
        if let first = current, Keyword(first) == nil, isKeyword(.key, at: 1) {
            let error = misplacedWord(expected: "a column name", among: [.foreign, .primary])
            if error.rule == .sqlMisspeltKeyword { throw error }
        }
        // A placeholder standing for the columns (`(<columns>)`) or for a column's name.
        if current?.kind == .placeholder, isPunctuation(",", at: 1) || isPunctuation(")", at: 1) || atEnd {
            index += 1
            return
        }
        if current?.kind == .placeholder {
            index += 1
        } else {
            try nameNode("a column name")
        }
        try dataType(after: "after the column name", checked: true)
        try columnAttributes()
    }

    // MARK: Columns

    /// A column's attributes and constraints, in any order, up to the `,` or `)` that ends it.
    private mutating func columnAttributes() throws(SyntaxError) {
        while let word = current, !word.isPunctuation(","), !word.isPunctuation(")") {
            if opensStatementOnItsLine { return }
            if atElision {
                index = endOfItem
                return
            }
            if accept(.constraint) != nil {
                try name("a constraint name after CONSTRAINT")
                guard current?.isKeyword(oneOf: Self.constraintStarts) == true else {
                    throw misplacedWord(
                        expected: "a constraint after the constraint's name", among: Array(Self.constraintStarts))
                }
            }
            try columnAttribute()
        }
    }

    /// What a named constraint may be.
    private static let constraintStarts: Set<Keyword> = [
        .not, .null, .unique, .primary, .references, .check, .default, .generated, .foreign, .exclude,
    ]

    /// The words that open a column attribute in the dialect, for the did-you-mean.
    private var columnAttributeWords: [Keyword] {
        var words: [Keyword] = [
            .default, .generated, .collate, .not, .null, .unique, .primary, .references, .constraint,
        ]
        if readsRedshiftTables { words += [.identity, .encode, .distkey, .sortkey] }
        if readsPostgresTables { words += [.check, .deferrable, .initially, .compression, .storage] }
        return words
    }

    private mutating func columnAttribute() throws(SyntaxError) {
        if accept(.default) != nil {
            try defaultValue()
        } else if readsRedshiftTables, accept(.identity) != nil {
            try identityArguments()
        } else if accept(.generated) != nil {
            try generatedColumn()
        } else if readsRedshiftTables, accept(.encode) != nil {
            try acceptOne(of: Self.encodings, "after ENCODE", what: "a compression encoding")
        } else if readsRedshiftTables, (accept(.distkey) ?? accept(.sortkey)) != nil {
            return
        } else if accept(.collate) != nil {
            try collation()
        } else if accept(.not) != nil {
            if readsPostgresTables, accept(.deferrable) != nil { return }
            try expectWord(.null, "after NOT")
        } else if accept(.null) != nil {
            return
        } else if accept(.unique) != nil {
            try uniqueNulls()
            try indexParameters()
        } else if accept(.primary) != nil {
            try expectWord(.key, "after PRIMARY")
            try indexParameters()
        } else if accept(.references) != nil {
            try references()
        } else if readsPostgresTables, accept(.check) != nil {
            try check()
        } else if readsPostgresTables, try deferral() {
            return
        } else if readsPostgresTables, accept(.compression) != nil {
            try name("a compression method after COMPRESSION")
        } else if readsPostgresTables, accept(.storage) != nil {
            try name("a storage mode after STORAGE")
        } else {
            throw misplacedWord(expected: "a column attribute, ',' or ')'", among: columnAttributeWords)
        }
    }

    /// The expression after DEFAULT. A default names no column, so a lone word one edit from NULL, TRUE or
    /// FALSE (`DEFAULT nlul`) is that keyword misspelt.
    private mutating func defaultValue() throws(SyntaxError) {
        if let word = current, word.kind == .word, Keyword(word) == nil,
            token(at: 1).map({ $0.isPunctuation(",") || $0.isPunctuation(")") || $0.kind == .word }) ?? true
        {
            let error = misplacedWord(expected: "a default value", among: [.null, .true, .false])
            if error.rule == .sqlMisspeltKeyword { throw error }
        }
        try expression(minimum: 0, context: "after DEFAULT")
    }

    /// `(seed, step)` after IDENTITY or GENERATED BY DEFAULT AS IDENTITY in Redshift (optional: AWS's own
    /// examples write `BIGINT IDENTITY NOT NULL`).
    private mutating func identityArguments() throws(SyntaxError) {
        guard acceptPunctuation("(") != nil else { return }
        try integer("a seed")
        try expectPunctuation(",", "between the identity's seed and step")
        try integer("a step")
        try expectPunctuation(")", "after the identity's step")
    }

    private mutating func integer(_ what: String) throws(SyntaxError) {
        acceptPunctuation("-")
        guard let value = current, value.kind == .number || value.kind == .placeholder else {
            throw failure(expected: what)
        }
        index += 1
    }

    /// After GENERATED: `BY DEFAULT AS IDENTITY (…)`, and PostgreSQL's `ALWAYS AS IDENTITY [(…)]` and
    /// `ALWAYS AS (expression) STORED`.
    private mutating func generatedColumn() throws(SyntaxError) {
        if accept(sequence: .by, .default) != nil {
            try expectWord(.as, "after GENERATED BY DEFAULT")
            try expectWord(.identity, "after GENERATED BY DEFAULT AS")
            if readsRedshiftTables {
                try identityArguments()
            } else if isPunctuation("(") {
                try skipParenthesised()
            }
            return
        }
        guard readsPostgresTables, accept(.always) != nil else {
            throw misplacedWord(
                expected: readsPostgresTables ? "BY DEFAULT or ALWAYS after GENERATED" : "BY DEFAULT after GENERATED",
                among: readsPostgresTables ? [.by, .always] : [.by])
        }
        try expectWord(.as, "after GENERATED ALWAYS")
        if accept(.identity) != nil {
            if isPunctuation("(") { try skipParenthesised() }
            return
        }
        try parenthesisedExpression("after GENERATED ALWAYS AS")
        try expectWord(.stored, "after the generated column's expression")
    }

    /// `(expression)`.
    private mutating func parenthesisedExpression(_ context: String) throws(SyntaxError) {
        try expectPunctuation("(", context)
        try expression(minimum: 0, context: context)
        try expectPunctuation(")", "after the expression")
    }

    /// `CHECK (condition) [NO INHERIT]`, after CHECK.
    private mutating func check() throws(SyntaxError) {
        try parenthesisedExpression("after CHECK")
        accept(sequence: .no, .inherit)
    }

    /// After COLLATE: Redshift's CASE_SENSITIVE or CASE_INSENSITIVE, PostgreSQL's collation name.
    private mutating func collation() throws(SyntaxError) {
        if readsRedshiftTables, (accept(.caseSensitive) ?? accept(.caseInsensitive)) != nil { return }
        guard readsPostgresTables else {
            throw misplacedWord(
                expected: "CASE_SENSITIVE or CASE_INSENSITIVE after COLLATE",
                among: [.caseSensitive, .caseInsensitive])
        }
        _ = try objectName("a collation name after COLLATE", record: false)
    }

    /// PostgreSQL's `NULLS [NOT] DISTINCT` after UNIQUE.
    private mutating func uniqueNulls() throws(SyntaxError) {
        guard readsPostgresTables, accept(.nulls) != nil else { return }
        accept(.not)
        try expectWord(.distinct, "after NULLS")
    }

    /// PostgreSQL's index parameters after UNIQUE and PRIMARY KEY: `INCLUDE (…)`, `WITH (…)`,
    /// `USING INDEX TABLESPACE name`.
    private mutating func indexParameters() throws(SyntaxError) {
        guard readsPostgresTables else { return }
        if accept(.include) != nil { _ = try columnList(record: false) }
        if isKeyword(.with), isPunctuation("(", at: 1) {
            index += 1
            try skipParenthesised()
        }
        if accept(sequence: .using, .index, .tablespace) != nil {
            try name("a tablespace name")
        }
    }

    /// `table [(column)]` after REFERENCES, and PostgreSQL's MATCH and ON DELETE | UPDATE actions.
    private mutating func references() throws(SyntaxError) {
        _ = try objectName("a table name after REFERENCES", record: false)
        if isPunctuation("(") { _ = try columnList(record: false) }
        guard readsPostgresTables else { return }
        if accept(.match) != nil { try acceptOne(of: [.full, .partial, .simple], "after MATCH") }
        while accept(.on) != nil {
            try acceptOne(of: [.delete, .update], "after ON")
            if accept(sequence: .no, .action) != nil || accept(.cascade) != nil || accept(.restrict) != nil { continue }
            try expectWord(.set, "or CASCADE, RESTRICT, NO ACTION after ON DELETE | UPDATE")
            try acceptOne(of: [.null, .default], "after SET")
            if isPunctuation("(") { _ = try columnList(record: false) }
        }
    }

    /// PostgreSQL's `DEFERRABLE`, `INITIALLY DEFERRED | IMMEDIATE` (`NOT DEFERRABLE` is read after NOT); whether
    /// one was read.
    private mutating func deferral() throws(SyntaxError) -> Bool {
        if accept(.deferrable) != nil { return true }
        guard accept(.initially) != nil else { return false }
        try acceptOne(of: [.deferred, .immediate], "after INITIALLY")
        return true
    }

    /// A constraint's deferral words, as many as are written.
    private mutating func deferrals() throws(SyntaxError) {
        while true {
            if try deferral() { continue }
            if accept(sequence: .not, .deferrable) == nil { return }
        }
    }

    /// Redshift's compression encodings (https://docs.aws.amazon.com/redshift/latest/dg/c_Compression_encodings.html).
    private static let encodings: [Keyword] = [
        .raw, .az64, .bytedict, .delta, .delta32k, .lzo, .mostly8, .mostly16, .mostly32, .runlength, .text255,
        .text32k, .zstd, .auto,
    ]

    // MARK: Table constraints

    /// `[CONSTRAINT name] {PRIMARY KEY (…) | UNIQUE (…) | FOREIGN KEY (…) REFERENCES t [(…)] | CHECK (…)}`, and
    /// Redshift's `DISTKEY (c)` and `[COMPOUND | INTERLEAVED] SORTKEY (…)` among the elements.
    private mutating func tableConstraint() throws(SyntaxError) {
        if accept(.constraint) != nil { try name("a constraint name after CONSTRAINT") }
        if accept(.unique) != nil {
            try uniqueNulls()
            _ = try columnList(record: false)
            try indexParameters()
        } else if accept(.primary) != nil {
            try expectWord(.key, "after PRIMARY")
            _ = try columnList(record: false)
            try indexParameters()
        } else if accept(.foreign) != nil {
            try expectWord(.key, "after FOREIGN")
            _ = try columnList(record: false)
            try expectWord(.references, "after FOREIGN KEY's columns")
            try references()
        } else if readsPostgresTables, accept(.check) != nil {
            try check()
        } else if readsPostgresTables, isKeyword(.exclude) {
            // `EXCLUDE [USING method] (element WITH operator, …) …`: kept, balanced.
            index = endOfItem
            return
        } else if readsRedshiftTables, (accept(.distkey) ?? accept(.sortkey)) != nil {
            _ = try columnList(record: false)
        } else {
            var among: [Keyword] = [.unique, .primary, .foreign]
            if readsPostgresTables { among += [.check, .exclude] }
            throw misplacedWord(
                expected: "PRIMARY KEY, UNIQUE or FOREIGN KEY after the constraint's name", among: among)
        }
        if readsPostgresTables { try deferrals() }
    }

    // MARK: Table attributes

    /// The words that open a table attribute in the dialect.
    private var tableAttributeWords: Set<Keyword> {
        var words: Set<Keyword> = []
        if readsRedshiftTables {
            words.formUnion([.backup, .diststyle, .distkey, .sortkey, .compound, .interleaved, .encode])
        }
        if readsPostgresTables {
            words.formUnion([.inherits, .partition, .using, .with, .without, .on, .tablespace])
        }
        return words
    }

    /// The attributes after the elements, in any order, up to AS or the end; a mistake in one is recorded and the
    /// next one read.
    private mutating func tableAttributes() throws(SyntaxError) {
        while let word = current, !word.isKeyword(.as) {
            // A statement word opening its line is the next statement, its `;` missing: reported there.
            if opensStatementOnItsLine { throw failure(expected: "end of statement") }
            if atElision {
                index += 3
                continue
            }
            let mark = openNodes
            let savedDepth = depth
            let start = index
            do throws(SyntaxError) {
                try tableAttribute()
            } catch {
                guard error.rule == .sqlSyntax || error.rule == .sqlMisspeltKeyword else { throw error }
                // A misspelt value (`DISTSTYLE KEYY`) is read as the word it misspells: the next word opens an attribute.
                let resume =
                    error.rule == .sqlMisspeltKeyword && index > start && token(at: 1)?.kind == .word
                    ? index + 1
                    : nextAtItemLevel(from: start, orComma: false, orWords: tableAttributeWords.union([.as]))
                record(error, resumingAt: resume)
                close(downTo: mark)
                depth = savedDepth
                if isPunctuation(")") { throw failure(expected: "end of statement") }
            }
        }
    }

    /// A Redshift materialized view's `BACKUP`, table attributes and `AUTO REFRESH YES | NO`, in any order, up to
    /// AS (https://docs.aws.amazon.com/redshift/latest/dg/materialized-view-create-sql-command.html).
    mutating func materializedViewAttributes() throws(SyntaxError) {
        while let word = current, !word.isKeyword(.as) {
            if accept(.auto) != nil {
                try autoRefresh()
            } else if word.kind == .word, word.isKeyword(oneOf: tableAttributeWords) {
                try tableAttribute()
            } else {
                throw misplacedWord(
                    expected: "BACKUP, DISTSTYLE, DISTKEY, SORTKEY, AUTO REFRESH or AS",
                    among: [Keyword.backup, .diststyle, .distkey, .sortkey, .auto, .as])
            }
        }
    }

    /// Redshift's `ALTER MATERIALIZED VIEW mv AUTO REFRESH YES | NO`, `ROW LEVEL SECURITY ON | OFF [CONJUNCTION TYPE
    /// AND | OR] [FOR DATASHARES]`, and the distribution and sort key changes and RENAME TO it shares with ALTER
    /// TABLE (https://docs.aws.amazon.com/redshift/latest/dg/r_ALTER_MATERIALIZED_VIEW.html), after the name.
    mutating func alterMaterializedView() throws(SyntaxError) {
        if accept(.auto) != nil {
            try autoRefresh()
        } else if isKeyword(.row) || isKeyword(.alter) || isKeyword(.rename) {
            try alterTableAction()
        } else {
            throw misplacedWord(
                expected: "AUTO REFRESH, ROW LEVEL SECURITY, ALTER DISTSTYLE | DISTKEY | SORTKEY or RENAME TO",
                among: [Keyword.auto, .row, .alter, .rename])
        }
        try expectEnd("after the ALTER MATERIALIZED VIEW action")
    }

    /// A materialized view's `REFRESH YES | NO`, after AUTO.
    private mutating func autoRefresh() throws(SyntaxError) {
        try expectWord(.refresh, "after AUTO")
        try acceptOne(of: [.yes, .no], "after AUTO REFRESH")
    }

    private mutating func tableAttribute() throws(SyntaxError) {
        if readsRedshiftTables, accept(.backup) != nil {
            try acceptOne(of: [.yes, .no], "after BACKUP")
        } else if readsRedshiftTables, accept(.diststyle) != nil {
            try acceptOne(of: [.auto, .even, .key, .all], "after DISTSTYLE")
        } else if readsRedshiftTables, accept(.distkey) != nil {
            try keyColumns("DISTKEY")
        } else if readsRedshiftTables, (accept(.compound) ?? accept(.interleaved)) != nil {
            try expectWord(.sortkey, "after \(tokens[index - 1].text.asciiUppercased)")
            try keyColumns("SORTKEY")
        } else if readsRedshiftTables, accept(.sortkey) != nil {
            if accept(.auto) == nil { try keyColumns("SORTKEY") }
        } else if readsRedshiftTables, accept(.encode) != nil {
            try expectWord(.auto, "after the table's ENCODE")
        } else if readsPostgresTables, accept(.inherits) != nil {
            try expectPunctuation("(", "after INHERITS")
            _ = try objectNameList("a table name in INHERITS")
            try expectPunctuation(")", "after the tables of INHERITS")
        } else if readsPostgresTables, accept(.partition) != nil {
            try expectWord(.by, "after PARTITION")
            try acceptOne(of: [.range, .list, .hash], "after PARTITION BY")
            guard isPunctuation("(") else { throw failure(expected: "'(' after the partitioning method") }
            try skipParenthesised()
        } else if readsPostgresTables, accept(.using) != nil {
            try name("an access method after USING")
        } else if readsPostgresTables, accept(.with) != nil {
            guard isPunctuation("(") else { throw failure(expected: "'(' after WITH") }
            try skipParenthesised()
        } else if readsPostgresTables, accept(.without) != nil {
            try name("OIDS after WITHOUT")
        } else if readsPostgresTables, accept(.on) != nil {
            try expectWord(.commit, "after ON")
            if accept(.drop) == nil {
                try acceptOne(of: [.preserve, .delete], "after ON COMMIT")
                try expectWord(.rows, "after ON COMMIT PRESERVE | DELETE")
            }
        } else if readsPostgresTables, accept(.tablespace) != nil {
            try name("a tablespace name after TABLESPACE")
        } else {
            var expected = "a table attribute or end of statement"
            if readsRedshiftTables {
                expected = "a table attribute (BACKUP, DISTSTYLE, DISTKEY, SORTKEY, ENCODE) or AS"
            }
            throw misplacedWord(expected: expected, among: Array(tableAttributeWords))
        }
    }

    /// `(a, b)` after DISTKEY or SORTKEY: names, or in CREATE TABLE AS the query's column positions (`(1, 3)`).
    private mutating func keyColumns(_ key: String) throws(SyntaxError) {
        try expectPunctuation("(", "after \(key)")
        repeat {
            if current?.kind == .number {
                index += 1
            } else {
                try name("a column name in \(key)")
            }
        } while acceptPunctuation(",") != nil
        try expectPunctuation(")", "after the columns of \(key)")
    }

    // MARK: ALTER TABLE

    /// `ALTER TABLE [IF EXISTS] t action, …` after ALTER TABLE: the table a `.qualifiedName`, each action an
    /// `.alterAction` node (ALTER COLUMN's column a `.name`). An ALTER COLUMN that names the new type without TYPE
    /// is reported with the repair.
    mutating func parseAlterTable() throws(SyntaxError) {
        accept(sequence: .if, .exists)
        accept(.only)
        try qualifiedNameNode("a table name after ALTER TABLE")
        guard !atEnd else { throw failure(expected: "an ALTER TABLE action") }
        guard readsRedshiftTables || readsPostgresTables else { return try uncheckedAlterActions() }
        repeat {
            let mark = openNodes
            let savedDepth = depth
            let start = index
            open(.alterAction)
            do throws(SyntaxError) {
                try alterTableAction()
                if let token = current, !token.isPunctuation(","), !opensStatementOnItsLine {
                    throw failure(expected: "',' or end of statement after the ALTER TABLE action")
                }
            } catch {
                try recordInList(error, from: start, mark: mark, depth: savedDepth)
            }
            close(downTo: mark)
        } while acceptPunctuation(",") != nil
        if !atEnd { throw failure(expected: "end of statement") }
    }

    /// The actions of a dialect without a table grammar: read up to each top-level comma (ALTER COLUMN's column a
    /// `.name`, with the missing-TYPE repair).
    private mutating func uncheckedAlterActions() throws(SyntaxError) {
        repeat {
            open(.alterAction)
            if accept(.alter) != nil {
                let hasColumnKeyword = accept(.column) != nil
                if hasColumnKeyword || current?.isKeyword(oneOf: Self.alterTableTargets) == false {
                    try nameNode("a column name after ALTER COLUMN", record: false)
                    if let word = current, word.kind == .word, !word.isKeyword(oneOf: Self.alterColumnActions),
                        !(dialect.syntax.contains(.snowflakeObjects) && word.isKeyword(oneOf: [.comment, .unset]))
                    {
                        recordMissingType(before: word)
                    }
                }
            }
            try skipRest(orComma: true)
            close()
        } while acceptPunctuation(",") != nil
    }

    /// Actions of ALTER COLUMN other than a new type without TYPE.
    private static let alterColumnActions: Set<Keyword> = [
        .type, .set, .drop, .encode, .add, .reset, .restart, .options,
    ]
    /// What follows ALTER in ALTER TABLE when it is not a column (Redshift's distribution and sort keys).
    private static let alterTableTargets: Set<Keyword> = [
        .column, .distkey, .diststyle, .sortkey, .compound, .interleaved, .encode, .constraint,
    ]

    /// `ALTER COLUMN c varchar(10)`: the missing TYPE is synthesised and the rest of the action reads as the type.
    private mutating func recordMissingType(before word: Token) {
        recordMissing(
            "TYPE", MissingTypeMessage(columnType: word.text), at: word.range, inserting: "TYPE ",
            at: word.range.start, fixIt: "name the change with TYPE")
    }

    /// The first words of ALTER TABLE's actions in the dialect, for the did-you-mean.
    private var alterActionWords: [Keyword] {
        var words: [Keyword] = [.add, .drop, .rename, .alter, .owner]
        if readsRedshiftTables { words += [.append, .row, .partition, .set] }
        if readsPostgresTables {
            words += [
                .set, .reset, .enable, .disable, .force, .no, .replica, .attach, .detach, .inherit, .cluster,
                .validate, .of, .not,
            ]
        }
        return words
    }

    private mutating func alterTableAction() throws(SyntaxError) {
        if accept(.add) != nil {
            try addAction()
        } else if accept(.drop) != nil {
            try dropAction()
        } else if accept(.rename) != nil {
            try renameAction()
        } else if accept(.owner) != nil {
            try expectWord(.to, "after OWNER")
            try name("a user name after OWNER TO", isUser: true)
        } else if accept(.alter) != nil {
            try alterTarget()
        } else if readsRedshiftTables, accept(.append) != nil {
            try expectWord(.from, "after APPEND")
            _ = try objectName("a table name after APPEND FROM", record: false)
            _ = accept(.ignoreextra) ?? accept(.filltarget)
        } else if readsRedshiftTables, accept(sequence: .row, .level, .security) != nil {
            try acceptOne(of: [.on, .off], "after ROW LEVEL SECURITY")
            if accept(.conjunction) != nil {
                try expectWord(.type, "after CONJUNCTION")
                try acceptOne(of: [.and, .or], "after CONJUNCTION TYPE")
            }
            if accept(.for) != nil { try expectWord(.datashares, "after FOR") }
        } else if readsRedshiftTables, isKeyword(.partition) {
            index += 1
            try partitionValues()
            try expectWord(.set, "after the partition")
            try expectWord(.location, "after SET")
            try string("a location after SET LOCATION")
        } else if accept(.set) != nil {
            try setAction()
        } else if readsPostgresTables, let word = current, word.isKeyword(oneOf: Self.postgresOtherActions) {
            // PostgreSQL's triggers, rules, row security, replica identity, partitions, inheritance, clustering,
            // validation and typed-table actions: kept, balanced.
            index = endOfItem
        } else {
            throw misplacedWord(
                expected: "an ALTER TABLE action (ADD, DROP, RENAME, ALTER, OWNER TO …)", among: alterActionWords)
        }
    }

    private static let postgresOtherActions: Set<Keyword> = [
        .reset, .enable, .disable, .force, .no, .replica, .attach, .detach, .inherit, .cluster, .validate, .of, .not,
    ]

    /// After ADD: `[COLUMN] [IF NOT EXISTS] column type attributes`, a table constraint, or Redshift's
    /// `[IF NOT EXISTS] PARTITION (…) LOCATION '…' […]` of an external table.
    private mutating func addAction() throws(SyntaxError) {
        let hasColumnKeyword = accept(.column) != nil
        accept(sequence: .if, .not, .exists)
        if !hasColumnKeyword, readsRedshiftTables, isKeyword(.partition) {
            while accept(.partition) != nil {
                try partitionValues()
                try expectWord(.location, "after the partition")
                try string("a location after LOCATION")
                // Partitions follow one another, with or without a comma between them.
                if isPunctuation(","), isKeyword(.partition, at: 1) { index += 1 }
            }
            return
        }
        if !hasColumnKeyword, let word = current, word.isKeyword(oneOf: Self.tableConstraintWords) {
            return try tableConstraint()
        }
        // `ADD COLUMNN c int`: COLUMN misspelt before the column's name (`ADD colum int` names a column `colum`).
        if !hasColumnKeyword, let word = current, word.kind == .word, Keyword(word) == nil,
            let next = token(at: 1), next.kind == .word, !next.isKeyword(oneOf: Self.redshiftTypes),
            token(at: 2)?.kind == .word
        {
            let error = misplacedWord(expected: "a column name after ADD", among: [.column])
            if error.rule == .sqlMisspeltKeyword { throw error }
        }
        if current?.kind == .placeholder {
            index += 1
        } else {
            try name("a column name after ADD COLUMN")
        }
        try dataType(after: "after the column name", checked: true)
        try columnAttributes()
    }

    /// `(column = value, …)` of an external table's partition.
    private mutating func partitionValues() throws(SyntaxError) {
        guard isPunctuation("(") else { throw failure(expected: "'(' after PARTITION") }
        try skipParenthesised()
    }

    private mutating func string(_ what: String) throws(SyntaxError) {
        guard let value = current, value.kind == .string || value.kind == .placeholder else {
            throw failure(expected: what)
        }
        index += 1
    }

    /// After DROP: `CONSTRAINT [IF EXISTS] name`, Redshift's `PARTITION (…)`, or `[COLUMN] [IF EXISTS] column`,
    /// then `RESTRICT | CASCADE`.
    private mutating func dropAction() throws(SyntaxError) {
        if accept(.constraint) != nil {
            accept(sequence: .if, .exists)
            try name("a constraint name after DROP CONSTRAINT")
        } else if readsRedshiftTables, accept(.partition) != nil {
            try partitionValues()
            return
        } else {
            accept(.column)
            accept(sequence: .if, .exists)
            try name("a column name after DROP COLUMN")
        }
        _ = accept(.restrict) ?? accept(.cascade)
    }

    /// After RENAME: `TO name`, `[COLUMN] a TO b`, PostgreSQL's `CONSTRAINT a TO b`.
    private mutating func renameAction() throws(SyntaxError) {
        if accept(.to) != nil {
            try name("a new table name after RENAME TO")
            return
        }
        if !(readsPostgresTables && accept(.constraint) != nil) { accept(.column) }
        try name("a column name after RENAME COLUMN")
        try expectWord(.to, "after the column's name")
        try name("a new name after TO")
    }

    /// After ALTER: `[COLUMN] c …`, Redshift's `DISTKEY c`, `DISTSTYLE …`, `[COMPOUND] SORTKEY …`, `ENCODE AUTO`,
    /// a materialized view's `AUTOREFRESH = TRUE | FALSE`; PostgreSQL's `CONSTRAINT name …`.
    private mutating func alterTarget() throws(SyntaxError) {
        if readsRedshiftTables, accept(.distkey) != nil {
            try name("a column name after ALTER DISTKEY")
        } else if readsRedshiftTables, accept(.diststyle) != nil {
            try acceptOne(of: [.all, .even, .key, .auto], "after ALTER DISTSTYLE")
            if tokens[index - 1].isKeyword(.key), accept(.distkey) != nil {
                try name("a column name after DISTKEY")
            }
        } else if readsRedshiftTables, isKeyword(.compound) || isKeyword(.sortkey) {
            let compound = accept(.compound) != nil
            try expectWord(.sortkey, "after COMPOUND")
            if compound || accept(.auto) == nil && accept(.none) == nil { _ = try columnList(record: false) }
        } else if readsRedshiftTables, accept(.encode) != nil {
            try expectWord(.auto, "after ALTER ENCODE")
        } else if readsRedshiftTables, accept(.autorefresh) != nil {
            try expectPunctuation("=", "after AUTOREFRESH")
            try acceptOne(of: [.true, .false], "after AUTOREFRESH =")
        } else if readsPostgresTables, accept(.constraint) != nil {
            try name("a constraint name after ALTER CONSTRAINT")
            try deferrals()
        } else {
            accept(.column)
            try nameNode("a column name after ALTER COLUMN", record: false)
            try alterColumnAction()
        }
    }

    /// After ALTER [COLUMN] c: `TYPE t`, Redshift's `ENCODE e`, `SET | DROP DEFAULT`, `SET | DROP NOT NULL`, and
    /// PostgreSQL's other column actions (kept, balanced). A type named without TYPE is reported with the repair.
    private mutating func alterColumnAction() throws(SyntaxError) {
        if accept(.type) != nil {
            try dataType(after: "after TYPE", checked: true)
            if readsPostgresTables {
                if accept(.collate) != nil { try collation() }
                if accept(.using) != nil {
                    try expression(minimum: 0, context: "after USING")
                }
            }
        } else if readsRedshiftTables, accept(.encode) != nil {
            try acceptOne(of: Self.encodings, "after ENCODE", what: "a compression encoding")
        } else if accept(.set) != nil {
            if accept(.default) != nil {
                try defaultValue()
            } else if accept(sequence: .not, .null) != nil {
                return
            } else if readsPostgresTables, current != nil {
                // SET DATA TYPE, STATISTICS, STORAGE, COMPRESSION, (options), GENERATED …
                index = endOfItem
            } else {
                throw misplacedWord(expected: "DEFAULT or NOT NULL after SET", among: [.default, .not])
            }
        } else if accept(.drop) != nil {
            if accept(.default) != nil || accept(sequence: .not, .null) != nil { return }
            guard readsPostgresTables, (accept(.identity) ?? accept(.expression)) != nil else {
                throw misplacedWord(expected: "DEFAULT or NOT NULL after DROP", among: [.default, .not])
            }
            accept(sequence: .if, .exists)
        } else if readsPostgresTables, let word = current, word.isKeyword(oneOf: [.add, .reset, .restart, .options]) {
            index = endOfItem
        } else if let word = current, word.kind == .word {
            // `ALTER COLUMN c TPYE varchar(10)`: a misspelt action word; otherwise the type without TYPE.
            var actions: [Keyword] = [.type, .set, .drop]
            if readsRedshiftTables { actions.append(.encode) }
            if Keyword(word).map({ Self.redshiftTypes.contains($0) }) != true,
                Suggestion.closest(to: word.text, in: actions.map(\.spelling)) != nil
            {
                throw misplacedWord(expected: "TYPE, SET or DROP after the column name", among: actions)
            }
            recordMissingType(before: word)
            try dataType(after: "after the column name", checked: true)
        } else {
            throw failure(expected: "TYPE, SET or DROP after the column name")
        }
    }

    /// After SET in ALTER TABLE: Redshift's external-table `LOCATION '…'`, `FILE FORMAT f`,
    /// `TABLE PROPERTIES (…)`; PostgreSQL's `SCHEMA s`, `TABLESPACE t`, `(…)`, `LOGGED`, … (kept, balanced).
    private mutating func setAction() throws(SyntaxError) {
        if readsRedshiftTables, accept(.location) != nil {
            try string("a location after SET LOCATION")
        } else if readsRedshiftTables, accept(.file) != nil {
            try expectWord(.format, "after SET FILE")
            try name("a file format after SET FILE FORMAT")
        } else if readsRedshiftTables, accept(.table) != nil {
            try expectWord(.properties, "after SET TABLE")
            guard isPunctuation("(") else { throw failure(expected: "'(' after SET TABLE PROPERTIES") }
            try skipParenthesised()
        } else if readsPostgresTables, current != nil {
            index = endOfItem
        } else {
            throw misplacedWord(
                expected: "LOCATION, FILE FORMAT or TABLE PROPERTIES after SET", among: [.location, .file, .table])
        }
    }

    // MARK: Words

    /// A name the grammar checks but rewriting does not follow (a column, a constraint, an owner).
    private mutating func name(_ context: String, isUser: Bool = false) throws(SyntaxError) {
        _ = try identifier(context, isUser: isUser, record: false)
    }

    /// Consumes `keyword`, or fails at the word there (a did-you-mean when it is one edit from it).
    private mutating func expectWord(_ keyword: Keyword, _ context: String) throws(SyntaxError) {
        if accept(keyword) != nil { return }
        var error = misplacedWord(expected: "\(keyword.spelling) \(context)", among: [keyword])
        error.spelling = keyword.spelling
        throw error
    }

    /// Consumes one of `keywords`, or fails at the word (a did-you-mean when it is one edit from one of them).
    private mutating func acceptOne(of keywords: [Keyword], _ context: String, what: String? = nil) throws(SyntaxError)
    {
        for keyword in keywords where accept(keyword) != nil { return }
        let spellings = keywords.map(\.spelling)
        let listed =
            what
            ?? (spellings.count > 1
                ? spellings.dropLast().joined(separator: ", ") + " or " + spellings[spellings.count - 1]
                : spellings.joined())
        throw misplacedWord(expected: "\(listed) \(context)", among: keywords)
    }

    /// The mistake at the current token where one of `candidates` belongs: a misspelt keyword with its repair when
    /// the word is one edit from one of them, `expected …` otherwise.
    func misplacedWord(expected: String, among candidates: [Keyword]) -> SyntaxError {
        misplacedWord(expected: expected, among: candidates.map(\.spelling))
    }

    /// The same, measured against spellings (type names that are no keywords: `STRING`, `REFCURSOR`).
    func misplacedWord(expected: String, among candidates: some Sequence<String>) -> SyntaxError {
        guard let word = current, word.kind == .word,
            let suggestion = Suggestion.closest(to: word.text, in: candidates)
        else { return failure(expected: expected) }
        let replacement = matchingCase(suggestion, like: word.text)
        return SyntaxError(
            MisspeltKeywordMessage(written: word.text, suggestion: suggestion), at: word.range,
            fixIts: [
                FixIt("replace with \(replacement)", range: word.range, replacement: replacement, applicability: .safe)
            ],
            spelling: suggestion)
    }
}

// MARK: - Data types

extension StatementParser {
    /// Redshift's data types and their aliases
    /// (https://docs.aws.amazon.com/redshift/latest/dg/c_Supported_data_types.html).
    static let redshiftTypes: Set<Keyword> = [
        .smallint, .int2, .integer, .int, .int4, .bigint, .int8, .decimal, .numeric, .real, .float4, .double,
        .float8, .float, .boolean, .bool, .char, .character, .nchar, .bpchar, .varchar, .nvarchar, .text, .date,
        .time, .timetz, .timestamp, .timestamptz, .interval, .geometry, .geography, .hllsketch, .super, .varbyte,
        .varbinary, .binary,
    ]
    /// Their spellings, what a misspelt type is measured against.
    private static let redshiftTypeSpellings = redshiftTypes.map(\.spelling)

    /// Words that continue a type's name: `double precision`, `character varying`, `timestamp with time zone`.
    static let typeContinuationWords: Set<Keyword> = [.precision, .varying, .with, .without, .time, .zone]

    /// Interval fields: `INTERVAL YEAR TO MONTH`, `INTERVAL DAY TO SECOND`.
    private static let intervalFields: Set<Keyword> = [.year, .month, .day, .hour, .minute, .second, .to]

    /// A data type, after a column's name, ALTER COLUMN's TYPE, `::` or CAST's AS: a known type with the words
    /// and modifiers that continue it (`double precision`, `character varying(30)`, `timestamp with time zone`,
    /// `interval day to second`, `varchar(max)`, `decimal(10, 2)`). In a dialect with a closed list of types
    /// (Redshift), a word one edit from a type is a misspelling, and with `checked` (a column's type) a word that
    /// is no type at all is a mistake; elsewhere, and in a cast (where the system catalogs' own types such as
    /// `regclass` appear), any name is a type: PostgreSQL's types, domains and arrays (`int[]`, `t.c%TYPE`),
    /// Snowflake's types.
    mutating func dataType(after marker: String, checked: Bool) throws(SyntaxError) {
        guard let token = current,
            token.kind == .word || token.kind == .quotedIdentifier || token.kind == .placeholder
        else { throw failure(expected: "a data type \(marker)") }
        let closed = dialect.syntax.contains(.closedDataTypes)
        if let keyword = Keyword(token), Self.redshiftTypes.contains(keyword) {
            index += 1
            try typeContinuation(keyword)
        } else if closed, token.kind == .word {
            // Another engine's type that a cast may name (`::inet`, `::json`) is no misspelling of Redshift's.
            let misspelt =
                Keyword(token) == nil && Suggestion.closest(to: token.text, in: Self.redshiftTypeSpellings) != nil
            if misspelt || checked {
                throw misplacedWord(
                    expected: "a Redshift data type \(marker) (SMALLINT, INTEGER, BIGINT, DECIMAL, REAL, DOUBLE "
                        + "PRECISION, BOOLEAN, CHAR, VARCHAR, DATE, TIME, TIMESTAMP, INTERVAL, SUPER, VARBYTE …)",
                    among: Array(Self.redshiftTypes))
            }
            _ = try objectName("a type name \(marker)", record: false)
            if isPunctuation("(") { try skipParenthesised() }
        } else if !closed, token.kind == .word, token.text.asciiLowercased == "national",
            let next = self.token(at: 1), let kind = Keyword(next), kind == .char || kind == .character
        {
            // PostgreSQL's `NATIONAL CHARACTER [VARYING] [(n)]`, `NATIONAL CHAR …`
            // (https://www.postgresql.org/docs/current/datatype-character.html).
            index += 2
            try typeContinuation(kind)
        } else {
            _ = try objectName("a type name \(marker)", record: false)
            if isPunctuation("(") { try skipParenthesised() }
            while let word = current, word.isKeyword(oneOf: Self.typeContinuationWords) {
                index += 1
            }
            // PL/pgSQL's `t.c%TYPE`.
            if isPunctuation("%"), isKeyword(.type, at: 1) { index += 2 }
        }
        guard !(closed && checked) else { return }
        // Arrays: `int[]`, `int[3]`, `int ARRAY[3]`.
        while isPunctuation("[") || isKeyword(.array) {
            accept(.array)
            if isPunctuation("[") {
                try skipBalanced(open: "[", close: "]")
            }
        }
    }

    /// What continues a known type: DOUBLE's PRECISION, CHARACTER's and BINARY's VARYING, a time's zone, an
    /// interval's fields, and the modifiers in parentheses.
    private mutating func typeContinuation(_ keyword: Keyword) throws(SyntaxError) {
        // Snowflake's DOUBLE and BINARY are types of their own.
        let closed = dialect.syntax.contains(.closedDataTypes)
        switch keyword {
        case .double:
            if closed || readsPostgresTables { try expectWord(.precision, "after DOUBLE") } else { accept(.precision) }
        case .character, .char:
            accept(.varying)
        case .binary:
            if closed { try expectWord(.varying, "after BINARY") } else { accept(.varying) }
        case .interval:
            while let word = current, word.isKeyword(oneOf: Self.intervalFields) { index += 1 }
        default:
            break
        }
        if isPunctuation("(") { try typeModifiers() }
        if keyword == .time || keyword == .timestamp, isKeyword(.with) || isKeyword(.without), isKeyword(.time, at: 1) {
            index += 2
            try expectWord(.zone, "after \(tokens[index - 2].text.asciiUppercased) TIME")
        }
    }

    /// `(n)`, `(p, s)`, `(MAX)`; another dialect's forms are skipped balanced.
    private mutating func typeModifiers() throws(SyntaxError) {
        guard dialect.syntax.contains(.closedDataTypes) else { return try skipParenthesised() }
        index += 1
        repeat {
            guard let value = current, value.kind == .number || value.kind == .placeholder || value.isKeyword(.max)
            else { throw failure(expected: "a length, a precision or MAX in the type's parentheses") }
            index += 1
        } while acceptPunctuation(",") != nil
        try expectPunctuation(")", "after the type's length")
    }
}

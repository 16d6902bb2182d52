import RunbookDiagnostics

// What follows COPY's FROM or TO and UNLOAD's TO: the engine's closed list of parameters, each with the argument it
// takes, in any order. A word that is none of them (`DELIMITR`, `IAM_ROEL`) or an argument of the wrong shape
// (`IGNOREHEADER 'x'`) is an error at its place, where the typo review offers the parameter one edit away; before,
// the rest of the statement was skipped and copied into a script that the server rejects.
// Redshift: https://docs.aws.amazon.com/redshift/latest/dg/r_COPY.html (copy-parameters-data-source-s3.html,
// -data-source-emr, -data-source-ssh, -data-source-dynamodb, copy-parameters-authorization.html,
// copy-parameters-column-mapping.html, copy-parameters-data-format.html, copy-parameters-file-compression.html,
// copy-parameters-data-conversion.html, copy-parameters-data-load.html, r_COPY-JOB.html) and
// https://docs.aws.amazon.com/redshift/latest/dg/r_UNLOAD.html. PostgreSQL:
// https://www.postgresql.org/docs/15/sql-copy.html (and /docs/current/ for DEFAULT, ON_ERROR, LOG_VERBOSITY).
extension StatementParser {
    /// Redshift's COPY parameters, what may stand where one starts.
    static let redshiftCopyParameters: Set<Keyword> = [
        // Authorization; `WITH CREDENTIALS` is the older spelling.
        .iamRole, .credentials, .with, .accessKeyID, .secretAccessKey, .sessionToken,
        // Data source.
        .manifest, .encrypted, .region, .masterSymmetricKey, .ssh, .readratio,
        // Data format and compression.
        .format, .csv, .quote, .delimiter, .fixedwidth, .shapefile, .avro, .json, .parquet, .orc,
        .bzip2, .gzip, .lzop, .zstd,
        // Data conversion.
        .acceptanydate, .acceptinvchars, .blanksasnull, .dateformat, .emptyasnull, .encoding, .escape, .explicitIDs,
        .fillrecord, .ignoreblanklines, .ignoreheader, .null, .removequotes, .roundec, .timeformat, .trimblanks,
        .truncatecolumns,
        // Data load, and COPY JOB.
        .comprows, .compupdate, .ignoreallerrors, .maxerror, .noload, .statupdate, .job,
    ]

    /// Redshift's UNLOAD options.
    static let redshiftUnloadParameters: Set<Keyword> = [
        .iamRole, .credentials, .with, .accessKeyID, .secretAccessKey, .sessionToken,
        .format, .csv, .parquet, .json, .partition, .manifest, .header, .delimiter, .fixedwidth, .encrypted,
        .kmsKeyID, .masterSymmetricKey, .bzip2, .gzip, .zstd, .addquotes, .null, .escape, .allowoverwrite,
        .cleanpath, .parallel, .maxfilesize, .rowgroupsize, .region, .extension,
    ]

    /// What FORMAT [AS] names in COPY (copy-parameters-data-format.html) and in UNLOAD.
    private static let redshiftCopyFormats: Set<Keyword> = [
        .csv, .delimiter, .fixedwidth, .shapefile, .avro, .json, .parquet, .orc,
    ]
    private static let redshiftUnloadFormats: Set<Keyword> = [.csv, .parquet, .json]

    /// PostgreSQL's options inside `WITH ( … )`.
    static let postgresCopyOptions: Set<Keyword> = [
        .format, .freeze, .delimiter, .null, .default, .header, .quote, .escape, .forceQuote, .forceNotNull,
        .forceNull, .encoding, .onError, .logVerbosity,
    ]

    /// PostgreSQL's options before 9.0, still accepted: `WITH CSV HEADER QUOTE AS '"' FORCE NOT NULL a`.
    private static let postgresLegacyCopyOptions: Set<Keyword> = [
        .binary, .freeze, .delimiter, .null, .csv, .header, .quote, .escape, .force, .encoding,
    ]

    /// Every word of the COPY and UNLOAD grammars that a misspelling is measured against (the typo review's
    /// did-you-mean inside these statements): the parameters, and the words inside their arguments.
    static let copyVocabulary: Set<Keyword> = redshiftCopyParameters.union(redshiftUnloadParameters)
        .union(postgresCopyOptions).union(postgresLegacyCopyOptions)
        .union([
            .match, .quote, .simplify, .serializetojson, .preset, .verbose, .include, .auto, .stdin, .stdout, .program,
        ])
}

// MARK: - Redshift

extension StatementParser {
    /// After COPY's FROM: the data source, a string (`'s3://…'`, `'emr://…'`, `'dynamodb://…'`, an SSH manifest's
    /// path) or a placeholder, then the parameters.
    mutating func redshiftCopySource() throws(SyntaxError) {
        guard isStringArgument else {
            throw failure(expected: "the data source as a string ('s3://…', 'emr://…', 'dynamodb://…') after FROM")
        }
        index += 1
        try redshiftParameters(Self.redshiftCopyParameters, statement: "COPY")
    }

    /// After UNLOAD's TO: the Amazon S3 path, then the options.
    mutating func redshiftUnloadTarget() throws(SyntaxError) {
        guard isStringArgument else { throw failure(expected: "an Amazon S3 path as a string after TO") }
        index += 1
        try redshiftParameters(Self.redshiftUnloadParameters, statement: "UNLOAD")
    }

    /// The parameters to the end of the statement, in any order, optionally separated by commas (AWS's
    /// `[ parameter [ argument ] [, ... ] ]`). A mistake in one is recorded and reading goes on at the next word
    /// that starts a parameter, so each misspelt option of a statement is reported.
    private mutating func redshiftParameters(_ parameters: Set<Keyword>, statement: String) throws(SyntaxError) {
        let unload = statement == "UNLOAD"
        var first = true
        while !atEnd {
            let mark = openNodes
            do throws(SyntaxError) {
                if !first, acceptPunctuation(",") != nil, atEnd {
                    throw failure(expected: "a parameter after ','")
                }
                first = false
                if current?.kind == .placeholder {
                    // `<options>`: a hole standing for parameters.
                    index += 1
                    continue
                }
                guard let word = current, let keyword = Keyword(word), parameters.contains(keyword) else {
                    throw failure(expected: Self.parameterExpectation(statement))
                }
                index += 1
                try redshiftParameter(keyword, unload: unload)
            } catch {
                guard error.rule == .sqlSyntax else { throw error }
                record(error, resumingAt: nextParameter(in: parameters))
                close(downTo: mark)
            }
        }
    }

    private static func parameterExpectation(_ statement: String) -> String {
        statement == "UNLOAD"
            ? "an UNLOAD option (IAM_ROLE, FORMAT, PARTITION BY, MANIFEST, HEADER, DELIMITER, PARALLEL, …)"
            : "a COPY parameter (IAM_ROLE, FORMAT, CSV, DELIMITER, IGNOREHEADER, NULL AS, MAXERROR, …)"
    }

    /// The next word at the top level after the current token that starts one of `parameters`; the end of the
    /// statement when there is none.
    private func nextParameter(in parameters: Set<Keyword>) -> Int {
        nextAtTopLevel(from: index + 1, closeStops: false) { $0.isKeyword(oneOf: parameters) }
    }

    /// The first token from `start` at its parenthesis level that `stops` accepts, or (with `closeStops`) the `)`
    /// that closes the level; the end of the statement when there is none. Where reading resumes after a mistake.
    private func nextAtTopLevel(from start: Int, closeStops: Bool, where stops: (Token) -> Bool) -> Int {
        var position = start
        var level = 0
        while position < endIndex {
            let token = tokens[position]
            if token.isPunctuation("(") {
                level += 1
            } else if token.isPunctuation(")") {
                if level == 0, closeStops { return position }
                level = max(level - 1, 0)
            } else if level == 0, stops(token) {
                return position
            }
            position += 1
        }
        return endIndex
    }

    /// One parameter's argument, after its keyword.
    private mutating func redshiftParameter(_ keyword: Keyword, unload: Bool) throws(SyntaxError) {
        let name = keyword.spelling
        switch keyword {
        case .iamRole:
            // `IAM_ROLE default` or the role's ARN (several, comma-separated, inside one string).
            if accept(.default) == nil { try stringArgument("a role ARN or DEFAULT after IAM_ROLE") }
        case .with:
            try expect(.credentials, "after WITH")
            accept(.as)
            try stringArgument("the credentials string after CREDENTIALS")
        case .credentials, .region, .dateformat, .timeformat, .fixedwidth:
            accept(.as)
            try stringArgument("a string after \(name)")
        case .accessKeyID, .secretAccessKey, .sessionToken, .masterSymmetricKey, .kmsKeyID, .extension:
            try stringArgument("a string after \(name)")
        case .null:
            // COPY writes `NULL AS 'x'`, UNLOAD `NULL [AS] 'x'`; both are read with AS optional.
            accept(.as)
            try stringArgument("the null string after NULL [AS]")
        case .delimiter:
            // COPY's delimiter character is optional (`DELIMITER [AS] ['c']`), UNLOAD's is not.
            if accept(.as) != nil || unload {
                try stringArgument("the delimiter character after DELIMITER")
            } else if isStringArgument {
                index += 1
            }
        case .acceptinvchars:
            accept(.as)
            if isStringArgument { index += 1 }
        case .quote:
            accept(.as)
            try stringArgument("the quote character after QUOTE")
        case .csv:
            if !unload, accept(.quote) != nil {
                accept(.as)
                try stringArgument("the quote character after QUOTE")
            }
        case .json, .avro:
            // COPY: `JSON [AS] 'auto' | 'auto ignorecase' | 'noshred' | 's3://jsonpaths'`, 'auto' by default.
            // UNLOAD's JSON takes none.
            if !unload {
                if accept(.as) != nil {
                    try stringArgument("'auto' or a JSONPaths file after \(name) AS")
                } else if isStringArgument {
                    index += 1
                }
            }
        case .parquet, .orc:
            if !unload { accept(.serializetojson) }
        case .shapefile:
            // `SHAPEFILE [SIMPLIFY [AUTO] [tolerance]]`.
            if accept(.simplify) != nil {
                accept(.auto)
                if current?.kind == .number { index += 1 }
            }
        case .format:
            accept(.as)
            let formats = unload ? Self.redshiftUnloadFormats : Self.redshiftCopyFormats
            guard let word = current, let format = Keyword(word), formats.contains(format) else {
                throw failure(
                    expected: unload
                        ? "CSV, PARQUET or JSON after FORMAT"
                        : "CSV, JSON, AVRO, PARQUET, ORC, SHAPEFILE, FIXEDWIDTH or DELIMITER after FORMAT")
            }
            index += 1
            try redshiftParameter(format, unload: unload)
        case .ignoreheader, .maxerror:
            accept(.as)
            try numberArgument("a number after \(name)")
        case .comprows, .readratio:
            try numberArgument("a number after \(name)")
        case .maxfilesize, .rowgroupsize:
            // `MAXFILESIZE [AS] size [MB | GB]`.
            accept(.as)
            try numberArgument("a size after \(name)")
            _ = accept(.mb) ?? accept(.gb)
        case .compupdate:
            // `COMPUPDATE [PRESET | ON | TRUE | OFF | FALSE]`.
            if accept(.preset) == nil { acceptBoolean() }
        case .statupdate, .parallel:
            acceptBoolean()
        case .manifest:
            if unload { accept(.verbose) }
        case .encrypted:
            if unload { accept(.auto) }
        case .partition:
            // `PARTITION BY (column, …) [INCLUDE]`.
            try expect(.by, "after PARTITION")
            _ = try columnList(record: false)
            accept(.include)
        case .job:
            // `JOB CREATE name [AUTO ON | OFF]`: https://docs.aws.amazon.com/redshift/latest/dg/r_COPY-JOB.html.
            try expect(.create, "after JOB")
            _ = try identifier("a job name after JOB CREATE", record: false)
            if accept(.auto) != nil, !acceptBoolean() { throw failure(expected: "ON or OFF after AUTO") }
        case .encoding:
            // `ENCODING [AS] UTF8 | UTF16 | UTF16LE | UTF16BE`.
            accept(.as)
            guard let value = current, value.kind == .word || isStringArgument else {
                throw failure(expected: "a file encoding (UTF8, UTF16, UTF16LE, UTF16BE) after ENCODING")
            }
            index += 1
        default:
            // A parameter without an argument: MANIFEST's kin (SSH, GZIP, ESCAPE, EXPLICIT_IDS, ADDQUOTES, …).
            break
        }
    }
}

// MARK: - PostgreSQL

extension StatementParser {
    /// After PostgreSQL's FROM or TO: `'file' | PROGRAM 'command' | STDIN` (or STDOUT), then `[WITH] ( option
    /// [, …] )` or the options before 9.0, and after FROM a `WHERE` condition.
    mutating func postgresCopyTarget(from: Bool) throws(SyntaxError) {
        if accept(.program) != nil {
            try stringArgument("the command as a string after PROGRAM")
        } else if accept(from ? .stdin : .stdout) == nil {
            guard isStringArgument else {
                throw failure(
                    expected: from
                        ? "a file name, PROGRAM 'command' or STDIN after FROM"
                        : "a file name, PROGRAM 'command' or STDOUT after TO")
            }
            index += 1
        }
        let with = accept(.with)
        if isPunctuation("(") {
            try postgresCopyOptionList()
        } else {
            try postgresLegacyOptions(afterWith: with != nil)
        }
        if from, accept(.where) != nil {
            // The condition is kept, checked only for balance.
            guard !atEnd else { throw failure(expected: "a condition after WHERE") }
            try skipRest()
        }
        try expectEnd("after COPY")
    }

    /// `( option [value] [, …] )`; a mistake in one option is recorded and reading goes on at the next.
    private mutating func postgresCopyOptionList() throws(SyntaxError) {
        let open = try expectPunctuation("(", "before the COPY options")
        repeat {
            let mark = openNodes
            do throws(SyntaxError) {
                try postgresCopyOption()
            } catch {
                guard error.rule == .sqlSyntax else { throw error }
                record(error, resumingAt: nextAtTopLevel(from: index, closeStops: true) { $0.isPunctuation(",") })
                close(downTo: mark)
            }
        } while acceptPunctuation(",") != nil
        if acceptPunctuation(")") == nil {
            throw failure(expected: "',' or ')' to close the '(' at \(open.range.start)")
        }
    }

    private mutating func postgresCopyOption() throws(SyntaxError) {
        guard let word = current, let option = Keyword(word), Self.postgresCopyOptions.contains(option) else {
            throw failure(
                expected: "a COPY option (FORMAT, DELIMITER, NULL, HEADER, QUOTE, ESCAPE, FORCE_QUOTE, ENCODING, …)")
        }
        index += 1
        let name = option.spelling
        switch option {
        case .format:
            // `text`, `csv` or `binary`, as a word or a string.
            if accept(.text) ?? accept(.csv) ?? accept(.binary) == nil {
                guard isStringArgument else { throw failure(expected: "TEXT, CSV or BINARY after FORMAT") }
                index += 1
            }
        case .freeze:
            acceptBoolean()
        case .header:
            if accept(.match) == nil { acceptBoolean() }
        case .forceQuote:
            if acceptPunctuation("*") == nil { _ = try columnList(record: false) }
        case .forceNotNull, .forceNull:
            if acceptPunctuation("*") == nil { _ = try columnList(record: false) }
        case .onError, .logVerbosity:
            guard current?.kind == .word else { throw failure(expected: "a value after \(name)") }
            index += 1
        default:
            // DELIMITER, NULL, DEFAULT, QUOTE, ESCAPE, ENCODING: a string.
            try stringArgument("a string after \(name)")
        }
    }

    /// `[WITH] [BINARY] [FREEZE] [DELIMITER [AS] 'c'] [NULL [AS] 's'] [CSV [HEADER] [QUOTE [AS] 'q'] [ESCAPE [AS]
    /// 'e'] [FORCE QUOTE { column [, …] | * }] [FORCE NOT NULL column [, …]]]`, in any order, as PostgreSQL reads it.
    private mutating func postgresLegacyOptions(afterWith: Bool) throws(SyntaxError) {
        while let word = current, !word.isKeyword(.where) {
            guard let option = Keyword(word), Self.postgresLegacyCopyOptions.contains(option) else {
                throw failure(
                    expected: afterWith
                        ? "'(' or a COPY option (CSV, HEADER, DELIMITER, NULL, QUOTE, …) after WITH"
                        : "WITH, a COPY option (CSV, HEADER, DELIMITER, NULL, …) or end of statement")
            }
            index += 1
            switch option {
            case .delimiter, .null, .quote, .escape:
                accept(.as)
                try stringArgument("a string after \(option.spelling)")
            case .encoding:
                try stringArgument("a string after ENCODING")
            case .force:
                if accept(.quote) != nil {
                    if acceptPunctuation("*") != nil { break }
                } else if accept(.not) != nil {
                    try expect(.null, "after FORCE NOT")
                } else {
                    try expect(.null, "or QUOTE or NOT NULL after FORCE")
                }
                try legacyColumns()
            default:
                break
            }
        }
    }

    /// `a, b, c` without parentheses: FORCE QUOTE's and FORCE NOT NULL's columns before 9.0.
    private mutating func legacyColumns() throws(SyntaxError) {
        _ = try identifier("a column name", record: false)
        while acceptPunctuation(",") != nil { _ = try identifier("a column name", record: false) }
    }
}

// MARK: - Arguments

extension StatementParser {
    /// Whether the current token is a string, or a placeholder or variable standing for one.
    fileprivate var isStringArgument: Bool {
        guard let current else { return false }
        return [.string, .dollarString, .placeholder, .variable].contains(current.kind)
    }

    fileprivate mutating func stringArgument(_ expected: String) throws(SyntaxError) {
        guard isStringArgument else { throw failure(expected: expected) }
        index += 1
    }

    fileprivate mutating func numberArgument(_ expected: String) throws(SyntaxError) {
        guard let current, current.kind == .number || current.kind == .placeholder || current.kind == .variable else {
            throw failure(expected: expected)
        }
        index += 1
    }

    /// `ON | TRUE | OFF | FALSE` (PostgreSQL also `YES`, `NO`, `1`, `0`), when one is next.
    @discardableResult
    fileprivate mutating func acceptBoolean() -> Bool {
        guard let word = current else { return false }
        let postgres = dialect.syntax.contains(.postgresCopyOptions)
        if word.isKeyword(oneOf: [.on, .off, .true, .false])
            || (postgres && word.isKeyword(oneOf: [.yes, .no]))
            || (postgres && word.kind == .number && (word.text == "0" || word.text == "1"))
        {
            index += 1
            return true
        }
        return false
    }
}

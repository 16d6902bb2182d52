import RunbookDiagnostics

// Redshift's objects outside the privilege model, read by their own grammar instead of "the name, then the rest
// skipped": external schemas, tables and functions, masking and RLS policies, datashares, identity providers,
// functions and procedures. Options are read in any order (the engine's order is the reference's, but a writer's
// different order is no typo); an unknown word where an option belongs is a syntax error at that word, which the
// typo review turns into "did you mean …?" when it is one edit from an option keyword (Typos/SQLVocabulary.swift).
// The statement stays an `.otherStatement` named by its `.statementWords`, lowered to `.opaque`.
extension StatementParser {
    /// The object families with a grammar of their own, from the words after CREATE, ALTER or DROP.
    enum ObjectFamily {
        case externalSchema, externalTable, externalFunction
        case maskingPolicy, rlsPolicy, datashare, identityProvider
        case function, procedure
        case library, model
    }

    /// The family that `type` (and EXTERNAL's `kind`) names, when the dialect reads it with a grammar of its own
    /// for `verb`; nil leaves the statement to the generic reading (the name, then the rest kept balanced).
    func objectFamily(verb: Keyword, type: Keyword, kind: Token?) -> ObjectFamily? {
        guard dialect.syntax.contains(.redshiftObjects) else { return nil }
        switch type {
        case .external where verb == .create:
            if kind?.isKeyword(.schema) == true { return .externalSchema }
            if kind?.isKeyword(.table) == true { return .externalTable }
            if kind?.isKeyword(.function) == true { return .externalFunction }
            return nil
        case .masking: return .maskingPolicy
        case .rls: return .rlsPolicy
        case .datashare: return .datashare
        case .identity: return .identityProvider
        case .function: return .function
        case .procedure: return .procedure
        case .library where verb != .alter: return .library
        case .model where verb != .alter: return .model
        default: return nil
        }
    }

    /// The statement after its object type's words (`CREATE EXTERNAL SCHEMA`, `DROP MASKING POLICY`), to its end.
    mutating func parseObject(_ family: ObjectFamily, verb: Keyword) throws(SyntaxError) {
        switch (family, verb) {
        case (.externalSchema, _): try createExternalSchema()
        case (.externalTable, _): try createExternalTable()
        case (.externalFunction, _): try createExternalFunction()
        case (.maskingPolicy, .create), (.rlsPolicy, .create): try createPolicy(isMasking: family == .maskingPolicy)
        case (.maskingPolicy, .alter), (.rlsPolicy, .alter): try alterPolicy()
        case (.datashare, .create): try createDatashare()
        case (.datashare, .alter): try alterDatashare()
        case (.identityProvider, .create), (.identityProvider, .alter):
            try identityProvider(isCreate: verb == .create)
        case (.function, .create), (.procedure, .create): try createRoutine(isProcedure: family == .procedure)
        case (.function, .alter), (.procedure, .alter): try alterRoutine()
        case (.function, _), (.procedure, _): try dropRoutines()
        case (.library, .create): try createLibrary()
        case (.model, .create): try createModel()
        default: try dropObject()
        }
    }

    // MARK: External schemas

    /// Where an external schema's database lives, after FROM.
    private static let externalSources: Set<Keyword> = [
        .postgres, .mysql, .kinesis, .msk, .kafka, .redshift,
    ]

    /// `CREATE EXTERNAL SCHEMA [IF NOT EXISTS] name FROM source options`:
    /// https://docs.aws.amazon.com/redshift/latest/dg/r_CREATE_EXTERNAL_SCHEMA.html
    private mutating func createExternalSchema() throws(SyntaxError) {
        accept(sequence: .if, .not, .exists)
        _ = try objectName("a schema name after CREATE EXTERNAL SCHEMA")
        try expect(.from, "after the external schema's name")
        if accept(.data) != nil {
            try expect(.catalog, "after FROM DATA")
        } else if accept(.hive) != nil {
            try expect(.metastore, "after FROM HIVE")
        } else if let source = current, source.isKeyword(oneOf: Self.externalSources) {
            index += 1
        } else if !isKeyword(.database) {
            throw failure(expected: "DATA CATALOG, HIVE METASTORE, POSTGRES, MYSQL, KINESIS, MSK, KAFKA or REDSHIFT")
        }
        var count = 0
        while !atEnd {
            try externalSchemaOption()
            count += 1
        }
        if count == 0 { throw failure(expected: "DATABASE, IAM_ROLE or another external schema option") }
    }

    /// One option of CREATE EXTERNAL SCHEMA.
    private mutating func externalSchemaOption() throws(SyntaxError) {
        if accept(.database) != nil {
            try stringValue("after DATABASE")
            // Federated and Redshift sources name the schema inside that database.
            if accept(.schema) != nil { try stringValue("after SCHEMA") }
        } else if let word = accept(.schema) ?? accept(.region) ?? accept(.secretArn) ?? accept(.catalogId)
            ?? accept(.clusterArn) ?? accept(.authenticationArn)
        {
            try stringValue("after \(word.text.asciiUppercased)")
        } else if accept(.uri) != nil {
            try stringValue("after URI")
            if accept(.port) != nil { try numberValue("after PORT") }
        } else if accept(.port) != nil {
            try numberValue("after PORT")
        } else if let word = accept(.iamRole) ?? accept(.catalogRole) {
            try roleValue(after: word.text.asciiUppercased)
        } else if accept(.authentication) != nil {
            guard (accept(.none) ?? accept(.iam) ?? accept(.mtls)) != nil else {
                throw failure(expected: "NONE, IAM or MTLS after AUTHENTICATION")
            }
        } else if accept(.create) != nil {
            try expect(.external, "after CREATE")
            try expect(.database, "after CREATE EXTERNAL")
            try expect(.if, "after CREATE EXTERNAL DATABASE")
            try expect(.not, "after CREATE EXTERNAL DATABASE IF")
            try expect(.exists, "after CREATE EXTERNAL DATABASE IF NOT")
        } else {
            throw failure(
                expected: "an external schema option (DATABASE, REGION, URI, IAM_ROLE, SECRET_ARN, CATALOG_ROLE, "
                    + "CREATE EXTERNAL DATABASE IF NOT EXISTS) or end of statement")
        }
    }

    // MARK: External tables

    /// `CREATE EXTERNAL TABLE name (columns) [PARTITIONED BY (…)] [ROW FORMAT …] [STORED AS …] [LOCATION '…']
    /// [TABLE PROPERTIES (…)] [AS query]`: https://docs.aws.amazon.com/redshift/latest/dg/r_CREATE_EXTERNAL_TABLE.html
    /// and https://docs.aws.amazon.com/redshift/latest/dg/r_CREATE_EXTERNAL_TABLE_AS.html
    private mutating func createExternalTable() throws(SyntaxError) {
        accept(sequence: .if, .not, .exists)
        _ = try objectName("a table name after CREATE EXTERNAL TABLE")
        if isPunctuation("(") { try columnDefinitions(typesRequired: false) }
        while let token = current {
            if accept(sequence: .partitioned, .by) != nil {
                try columnDefinitions(typesRequired: false)
            } else if accept(.row) != nil {
                try expect(.format, "after ROW")
                try rowFormat()
            } else if accept(.stored) != nil {
                try expect(.as, "after STORED")
                if accept(.inputformat) != nil {
                    try stringValue("after INPUTFORMAT")
                    try expect(.outputformat, "after the INPUTFORMAT class")
                    try stringValue("after OUTPUTFORMAT")
                } else {
                    guard let format = current, format.kind == .word || format.kind == .placeholder else {
                        throw failure(expected: "a file format (PARQUET, TEXTFILE, …) or INPUTFORMAT after STORED AS")
                    }
                    index += 1
                }
            } else if accept(.location) != nil {
                try stringValue("after LOCATION")
            } else if accept(.table) != nil {
                try expect(.properties, "after TABLE")
                try properties("after TABLE PROPERTIES")
            } else if token.isKeyword(.as) {
                index += 1
                try query()
                try expectEnd("after the query")
            } else {
                throw failure(
                    expected:
                        "PARTITIONED BY, ROW FORMAT, STORED AS, LOCATION, TABLE PROPERTIES, AS or end of statement")
            }
        }
    }

    /// After ROW FORMAT: `DELIMITED [FIELDS TERMINATED BY '…'] [LINES TERMINATED BY '…']` or `SERDE 'class'
    /// [WITH SERDEPROPERTIES (…)]`.
    private mutating func rowFormat() throws(SyntaxError) {
        if accept(.delimited) != nil {
            while let word = accept(.fields) ?? accept(.lines) ?? accept(.collection) ?? accept(.map) {
                if word.isKeyword(.collection) { try expect(.items, "after COLLECTION") }
                if word.isKeyword(.map) { try expect(.keys, "after MAP") }
                try expect(.terminated, "after \(word.text.asciiUppercased)")
                try expect(.by, "after TERMINATED")
                try stringValue("after TERMINATED BY")
            }
        } else if accept(.serde) != nil {
            try stringValue("after SERDE")
            if accept(.with) != nil {
                try expect(.serdeproperties, "after WITH")
                try properties("after SERDEPROPERTIES")
            }
        } else {
            throw failure(expected: "DELIMITED or SERDE after ROW FORMAT")
        }
    }

    /// `('key' = 'value', …)`.
    private mutating func properties(_ context: String) throws(SyntaxError) {
        try expectPunctuation("(", context)
        repeat {
            try stringValue("as a property name")
            try expectPunctuation("=", "after the property name")
            try stringValue("as the property's value")
        } while acceptPunctuation(",") != nil
        try expectPunctuation(")", "after the properties")
    }

    /// `(name type, …)`: each column a name and its type (`decimal(8,2)`, `varchar(max)`, `double precision`);
    /// without `typesRequired` a name alone stands too (CREATE EXTERNAL TABLE AS partitions by its query's columns).
    private mutating func columnDefinitions(typesRequired: Bool) throws(SyntaxError) {
        try expectPunctuation("(", "before the columns")
        repeat {
            try nameNode("a column name", record: false)
            if typesRequired || !(isPunctuation(",") || isPunctuation(")")) { try dataType("after the column name") }
        } while acceptPunctuation(",") != nil
        try expectPunctuation(")", "after the columns")
    }

    /// A data type: a column's type as CREATE TABLE reads it (`dataType(after:checked:)`), or a routine's or an
    /// external table's own (`SQLVocabulary.routineAndExternalTypes`, unless qualified or a placeholder) with its
    /// modifiers in parentheses, Hive's nested types (`array<int>`, `map<string,int>`) and `[]`.
    private mutating func dataType(_ context: String) throws(SyntaxError) {
        guard let token = current, token.kind == .word || token.kind == .quotedIdentifier || token.kind == .placeholder
        else { throw failure(expected: "a data type \(context)") }
        if let keyword = Keyword(token), Self.redshiftTypes.contains(keyword), !isPunctuation("<", at: 1) {
            return try dataType(after: context, checked: true)
        }
        if !isPunctuation(".", at: 1) { try checkTypeName(token) }
        _ = try objectName("a data type \(context)", record: false)
        if isPunctuation("(") { try skipParenthesised() }
        while let word = current, word.isKeyword(oneOf: Self.typeContinuationWords) { index += 1 }
        try skipAngleBrackets()
        while isPunctuation("["), isPunctuation("]", at: 1) { index += 2 }
    }

    /// A word that names no Redshift type: a misspelt keyword with its repair when one edit from a type
    /// (`vrachar`), else a syntax error at it.
    private func checkTypeName(_ token: Token) throws(SyntaxError) {
        guard token.kind == .word, !SQLVocabulary.objectDataTypes.contains(token.text.asciiUppercased) else { return }
        throw misplacedWord(expected: "a Redshift data type", among: SQLVocabulary.objectDataTypes)
    }

    /// `<…>` after a type name, balanced (the lexer reads `<int>` as one placeholder token).
    private mutating func skipAngleBrackets() throws(SyntaxError) {
        if let token = current, token.kind == .placeholder, token.text.hasPrefix("<") {
            index += 1
            return
        }
        guard let open = acceptPunctuation("<") else { return }
        var level = 1
        while let token = advance() {
            if token.isPunctuation("<") { level += 1 }
            if token.isPunctuation(">") { level -= 1 }
            if token.isPunctuation(">>") { level -= 2 }
            if level <= 0 { return }
        }
        throw SyntaxError(UnclosedMessage(open: "<", close: ">", at: open.range.start), at: end)
    }

    // MARK: External functions

    /// `CREATE [OR REPLACE] EXTERNAL FUNCTION name (types) RETURNS type VOLATILE LAMBDA 'f' | SAGEMAKER 'e'
    /// IAM_ROLE … [RETRY_TIMEOUT n] [MAX_BATCH_ROWS n] [MAX_BATCH_SIZE n [KB | MB]]`:
    /// https://docs.aws.amazon.com/redshift/latest/dg/r_CREATE_EXTERNAL_FUNCTION.html
    private mutating func createExternalFunction() throws(SyntaxError) {
        _ = try objectName("a function name after CREATE EXTERNAL FUNCTION")
        try signature()
        try expect(.returns, "after the function's arguments")
        try dataType("after RETURNS")
        while !atEnd {
            if let word = current, word.isKeyword(oneOf: Self.volatilities) {
                index += 1
            } else if let word = accept(.lambda) ?? accept(.sagemaker) {
                try stringValue("after \(word.text.asciiUppercased)")
            } else if accept(.iamRole) != nil {
                try roleValue(after: "IAM_ROLE")
            } else if let word = accept(.retryTimeout) ?? accept(.maxBatchRows) {
                try numberValue("after \(word.text.asciiUppercased)")
            } else if accept(.maxBatchSize) != nil {
                try numberValue("after MAX_BATCH_SIZE")
                _ = accept(.kb) ?? accept(.mb)
            } else {
                throw failure(
                    expected: "VOLATILE, LAMBDA, SAGEMAKER, IAM_ROLE, RETRY_TIMEOUT, MAX_BATCH_ROWS, MAX_BATCH_SIZE "
                        + "or end of statement")
            }
        }
    }

    private static let volatilities: Set<Keyword> = [.volatile, .stable, .immutable]

    // MARK: Policies

    /// `CREATE MASKING POLICY [IF NOT EXISTS] name WITH (col type, …) USING (expression, …)` and `CREATE RLS
    /// POLICY [IF NOT EXISTS] name [WITH (col type, …) [[AS] alias]] USING (predicate)`:
    /// https://docs.aws.amazon.com/redshift/latest/dg/r_CREATE_MASKING_POLICY.html,
    /// https://docs.aws.amazon.com/redshift/latest/dg/r_CREATE_RLS_POLICY.html
    private mutating func createPolicy(isMasking: Bool) throws(SyntaxError) {
        accept(sequence: .if, .not, .exists)
        _ = try objectName("a policy name")
        if isMasking || isKeyword(.with) {
            try expect(.with, "and the policy's input columns after its name")
            try columnDefinitions(typesRequired: true)
            if !isMasking, !isKeyword(.using) {
                accept(.as)
                try nameNode("an alias after the input columns", record: false)
            }
        }
        try policyUsing()
        try expectEnd("after USING (…)")
    }

    /// `ALTER MASKING POLICY name USING (…)`, `ALTER RLS POLICY name USING (…)`:
    /// https://docs.aws.amazon.com/redshift/latest/dg/r_ALTER_MASKING_POLICY.html,
    /// https://docs.aws.amazon.com/redshift/latest/dg/r_ALTER_RLS_POLICY.html
    private mutating func alterPolicy() throws(SyntaxError) {
        _ = try objectName("a policy name")
        try policyUsing()
        try expectEnd("after USING (…)")
    }

    /// `USING (expression, …)`, each expression read by the expression grammar.
    private mutating func policyUsing() throws(SyntaxError) {
        try expect(.using, "before the policy's expression")
        try expectPunctuation("(", "after USING")
        repeat {
            open(.expression)
            try expression(minimum: 0, context: "in USING (…)")
            close()
            if !isPunctuation(","), !isPunctuation(")") {
                throw failure(expected: "an operator, ',' or ')' in USING (…)")
            }
        } while acceptPunctuation(",") != nil
        try expectPunctuation(")", "after the policy's expression")
    }

    // MARK: Datashares

    /// `CREATE DATASHARE name [[SET] PUBLICACCESSIBLE [=] TRUE | FALSE] [, MANAGEDBY ADX]`:
    /// https://docs.aws.amazon.com/redshift/latest/dg/r_CREATE_DATASHARE.html
    private mutating func createDatashare() throws(SyntaxError) {
        accept(sequence: .if, .not, .exists)
        _ = try objectName("a datashare name after CREATE DATASHARE")
        while !atEnd {
            accept(.set)
            try datashareSetting()
            acceptPunctuation(",")
        }
    }

    /// `PUBLICACCESSIBLE [=] TRUE | FALSE`, `INCLUDENEW [=] TRUE | FALSE FOR SCHEMA s`, `MANAGEDBY ADX`.
    private mutating func datashareSetting() throws(SyntaxError) {
        if let word = accept(.publicaccessible) ?? accept(.includenew) {
            acceptPunctuation("=")
            guard (accept(.true) ?? accept(.false)) != nil else {
                throw failure(expected: "TRUE or FALSE after \(word.text.asciiUppercased)")
            }
            if word.isKeyword(.includenew) {
                try expect(.for, "after INCLUDENEW TRUE | FALSE")
                try expect(.schema, "after FOR")
                _ = try objectName("a schema name after FOR SCHEMA")
            }
        } else if accept(.managedby) != nil {
            acceptPunctuation("=")
            try expect(.adx, "after MANAGEDBY")
        } else {
            throw failure(expected: "PUBLICACCESSIBLE, INCLUDENEW or MANAGEDBY")
        }
    }

    /// `ALTER DATASHARE name {ADD | REMOVE} {TABLE … | SCHEMA … | FUNCTION … | ALL TABLES IN SCHEMA … | ALL
    /// FUNCTIONS IN SCHEMA …}` or `SET PUBLICACCESSIBLE … | SET INCLUDENEW …`:
    /// https://docs.aws.amazon.com/redshift/latest/dg/r_ALTER_DATASHARE.html
    private mutating func alterDatashare() throws(SyntaxError) {
        _ = try objectName("a datashare name after ALTER DATASHARE")
        if accept(.set) != nil {
            try datashareSetting()
        } else if accept(.add) ?? accept(.remove) != nil {
            if accept(.all) != nil {
                guard (accept(.tables) ?? accept(.functions)) != nil else {
                    throw failure(expected: "TABLES or FUNCTIONS after ALL")
                }
                try expect(.in, "after ALL TABLES | FUNCTIONS")
                try expect(.schema, "after IN")
                _ = try objectNameList("a schema name")
            } else if accept(.table) ?? accept(.schema) != nil {
                _ = try objectNameList("a name")
            } else if accept(.function) != nil {
                repeat {
                    _ = try objectName("a function name after FUNCTION")
                    try signature()
                } while acceptPunctuation(",") != nil
            } else {
                throw failure(expected: "TABLE, SCHEMA, FUNCTION or ALL TABLES IN SCHEMA after ADD or REMOVE")
            }
        } else {
            throw failure(expected: "ADD, REMOVE or SET after the datashare's name")
        }
        try expectEnd("after ALTER DATASHARE")
    }

    /// The producer of a datashare after OF, in CREATE DATABASE … FROM DATASHARE and DESC DATASHARE:
    /// `[ACCOUNT 'id'] NAMESPACE 'guid'`.
    mutating func datashareProducer() throws(SyntaxError) {
        if accept(.account) != nil { try stringValue("(an account number) after ACCOUNT") }
        try expect(.namespace, "after OF")
        try stringValue("(a namespace GUID) after NAMESPACE")
    }

    // MARK: Identity providers

    /// `CREATE IDENTITY PROVIDER name TYPE type NAMESPACE 'ns' [APPLICATION_ARN '…'] [IAM_ROLE …] PARAMETERS '…'
    /// [AUTO_CREATE_ROLES …]` and ALTER's options (and DISABLE | ENABLE):
    /// https://docs.aws.amazon.com/redshift/latest/dg/r_CREATE_IDENTITY_PROVIDER.html,
    /// https://docs.aws.amazon.com/redshift/latest/dg/r_ALTER_IDENTITY_PROVIDER.html
    private mutating func identityProvider(isCreate: Bool) throws(SyntaxError) {
        _ = try objectName("an identity provider name")
        var count = 0
        while !atEnd {
            if accept(.type) != nil {
                guard let type = current, type.kind == .word || type.kind == .string || type.kind == .placeholder
                else { throw failure(expected: "an identity provider type (azure, …) after TYPE") }
                index += 1
            } else if let word = accept(.namespace) ?? accept(.parameters) ?? accept(.applicationArn) {
                try stringValue("after \(word.text.asciiUppercased)")
            } else if accept(.iamRole) != nil {
                try roleValue(after: "IAM_ROLE")
            } else if accept(.autoCreateRoles) != nil {
                _ = accept(.true) ?? accept(.false)
                if accept(.include) ?? accept(.exclude) != nil {
                    try expect(.groups, "after INCLUDE | EXCLUDE")
                    try expect(.like, "after GROUPS")
                    try stringValue("after GROUPS LIKE")
                }
            } else if !isCreate, accept(.disable) ?? accept(.enable) != nil {
                // ALTER only.
            } else {
                throw failure(
                    expected: "TYPE, NAMESPACE, PARAMETERS, APPLICATION_ARN, IAM_ROLE, AUTO_CREATE_ROLES"
                        + (isCreate ? "" : ", DISABLE, ENABLE") + " or end of statement")
            }
            count += 1
        }
        if count == 0 { throw failure(expected: "an identity provider option (NAMESPACE, PARAMETERS, …)") }
    }

    // MARK: Functions and procedures

    private static let parameterModes: Set<Keyword> = [.in, .out, .`inout`]

    /// `(parameter, …)`: each parameter `[mode] [name] [mode] type`. The type's own words are not checked, but a
    /// parameter of a name and a type is two words besides its mode and the type's continuations (`double
    /// precision`), so a third is a misspelt mode (`volume IONUT bigint`), reported at the second.
    mutating func signature() throws(SyntaxError) {
        try expectPunctuation("(", "before the arguments")
        if acceptPunctuation(")") != nil { return }
        repeat {
            var words: [Int] = []
            var afterDot = false
            while let token = current, !token.isPunctuation(","), !token.isPunctuation(")") {
                switch token.kind {
                case .word, .quotedIdentifier, .placeholder:
                    if !afterDot, !token.isKeyword(oneOf: Self.parameterModes),
                        !token.isKeyword(oneOf: Self.typeContinuationWords)
                    {
                        words.append(index)
                    }
                    afterDot = false
                    index += 1
                case .punctuation where token.text == "(":
                    try skipParenthesised()
                case .punctuation where token.text == "." || token.text == "[" || token.text == "]":
                    afterDot = token.text == "."
                    index += 1
                default:
                    throw failure(expected: "a parameter's name and type, ',' or ')'")
                }
            }
            if words.isEmpty { throw failure(expected: "a parameter type") }
            if words.count > 2 {
                index = words[1]
                throw failure(expected: "IN, OUT, INOUT or the type after the parameter's name")
            }
            if let type = words.last, type + 1 >= endIndex || !tokens[type + 1].isPunctuation(".") {
                let resume = index
                index = type
                try checkTypeName(tokens[type])
                index = resume
            }
        } while acceptPunctuation(",") != nil
        try expectPunctuation(")", "after the arguments")
    }

    /// `CREATE [OR REPLACE] FUNCTION name (…) RETURNS type {VOLATILE | STABLE | IMMUTABLE} AS $$…$$ LANGUAGE
    /// {plpythonu | sql}` and `CREATE [OR REPLACE] PROCEDURE name (…) [NONATOMIC] AS $$…$$ LANGUAGE plpgsql
    /// [SECURITY {INVOKER | DEFINER}] [SET parameter {TO | =} value]`; the body stays opaque, bounded by its
    /// quotes: https://docs.aws.amazon.com/redshift/latest/dg/r_CREATE_FUNCTION.html,
    /// https://docs.aws.amazon.com/redshift/latest/dg/r_CREATE_PROCEDURE.html
    private mutating func createRoutine(isProcedure: Bool) throws(SyntaxError) {
        let what = isProcedure ? "procedure" : "function"
        _ = try objectName("a \(what) name")
        try signature()
        var hasBody = false
        while !atEnd {
            if !isProcedure, accept(.returns) != nil {
                try dataType("after RETURNS")
            } else if let word = current, word.isKeyword(oneOf: Self.volatilities), !isProcedure {
                index += 1
            } else if isProcedure, accept(.nonatomic) != nil {
                continue
            } else if accept(.as) != nil {
                guard let body = current, body.kind == .dollarString || body.kind == .string else {
                    throw failure(expected: "the \(what)'s body ($$ … $$) after AS")
                }
                index += 1
                hasBody = true
            } else if accept(.language) != nil {
                guard let language = current, language.isKeyword(oneOf: Self.languages) else {
                    throw failure(expected: "plpgsql, plpythonu or sql after LANGUAGE")
                }
                index += 1
            } else if accept(.security) != nil {
                guard (accept(.invoker) ?? accept(.definer)) != nil else {
                    throw failure(expected: "INVOKER or DEFINER after SECURITY")
                }
            } else if accept(.set) != nil {
                try nameNode("a parameter name after SET", record: false)
                guard acceptPunctuation("=") ?? accept(.to) != nil else {
                    throw failure(expected: "TO or '=' after the parameter name")
                }
                guard let value = current, value.kind != .punctuation else {
                    throw failure(expected: "a value after TO")
                }
                index += 1
            } else {
                throw failure(
                    expected: isProcedure
                        ? "NONATOMIC, AS, LANGUAGE, SECURITY, SET or end of statement"
                        : "RETURNS, VOLATILE, STABLE, IMMUTABLE, AS, LANGUAGE or end of statement")
            }
        }
        if !hasBody { throw failure(expected: "AS and the \(what)'s body") }
    }

    private static let languages: Set<Keyword> = [.plpgsql, .plpythonu, .sql]

    /// `ALTER FUNCTION | PROCEDURE name (…) {RENAME TO new | OWNER TO user}`:
    /// https://docs.aws.amazon.com/redshift/latest/dg/r_ALTER_FUNCTION.html,
    /// https://docs.aws.amazon.com/redshift/latest/dg/r_ALTER_PROCEDURE.html
    private mutating func alterRoutine() throws(SyntaxError) {
        _ = try objectName("a name")
        try signature()
        if accept(sequence: .rename, .to) != nil {
            try nameNode("a new name after RENAME TO", record: false)
        } else if accept(sequence: .owner, .to) != nil {
            try nameNode("a user name after OWNER TO", isUser: true)
        } else {
            throw failure(expected: "RENAME TO or OWNER TO")
        }
        try expectEnd("after ALTER")
    }

    /// `DROP FUNCTION | PROCEDURE [IF EXISTS] name (…) [, …] [CASCADE | RESTRICT]`:
    /// https://docs.aws.amazon.com/redshift/latest/dg/r_DROP_FUNCTION.html,
    /// https://docs.aws.amazon.com/redshift/latest/dg/r_DROP_PROCEDURE.html
    private mutating func dropRoutines() throws(SyntaxError) {
        accept(sequence: .if, .exists)
        repeat {
            _ = try objectName("a name")
            try signature()
        } while acceptPunctuation(",") != nil
        _ = accept(.cascade) ?? accept(.restrict)
        try expectEnd("after the signature")
    }

    /// `DROP MASKING POLICY | RLS POLICY | DATASHARE | IDENTITY PROVIDER [IF EXISTS] name [CASCADE | RESTRICT]`:
    /// https://docs.aws.amazon.com/redshift/latest/dg/r_DROP_RLS_POLICY.html and the other DROP pages.
    private mutating func dropObject() throws(SyntaxError) {
        accept(sequence: .if, .exists)
        _ = try objectName("a name")
        _ = accept(.cascade) ?? accept(.restrict)
        try expectEnd("after the name")
    }

    // MARK: Libraries and models

    /// `CREATE [OR REPLACE] LIBRARY name LANGUAGE plpythonu FROM 'url' [authorization] [REGION [AS] 'region']`, the
    /// authorization as COPY's (https://docs.aws.amazon.com/redshift/latest/dg/r_CREATE_LIBRARY.html).
    private mutating func createLibrary() throws(SyntaxError) {
        _ = try objectName("a library name after CREATE LIBRARY")
        try expect(.language, "after the library's name")
        try expect(.plpythonu, "after LANGUAGE")
        try expect(.from, "after LANGUAGE plpythonu")
        try stringValue("(the library's URL) after FROM")
        while !atEnd {
            if accept(.iamRole) != nil {
                try roleValue(after: "IAM_ROLE")
            } else if accept(.credentials) ?? accept(.region) != nil {
                accept(.as)
                try stringValue("after \(tokens[index - 1].text.asciiUppercased)")
            } else if accept(.accessKeyID) ?? accept(.secretAccessKey) ?? accept(.sessionToken) != nil {
                try stringValue("after \(tokens[index - 1].text.asciiUppercased)")
            } else {
                throw misplacedWord(
                    expected: "IAM_ROLE, CREDENTIALS, ACCESS_KEY_ID, SECRET_ACCESS_KEY, SESSION_TOKEN or REGION",
                    among: Self.libraryOptions)
            }
        }
    }

    private static let libraryOptions: [Keyword] = [
        .iamRole, .credentials, .accessKeyID, .secretAccessKey, .sessionToken, .region,
    ]

    /// `CREATE MODEL name FROM table | (query) | 'job' [TARGET column] FUNCTION f [(types)] [RETURNS type]
    /// [SAGEMAKER 'endpoint'] IAM_ROLE … [AUTO ON | OFF] [MODEL_TYPE t] [PROBLEM_TYPE p] [OBJECTIVE 'o']
    /// [PREPROCESSORS '…'] [HYPERPARAMETERS DEFAULT [EXCEPT (key 'value', …)]] [SETTINGS (…)]`
    /// (https://docs.aws.amazon.com/redshift/latest/dg/r_CREATE_MODEL.html): the clauses in any order, each read
    /// by its shape; SETTINGS' and EXCEPT's lists are kept balanced (their keys grow with each model type).
    private mutating func createModel() throws(SyntaxError) {
        _ = try objectName("a model name after CREATE MODEL")
        while !atEnd {
            if accept(.from) != nil {
                if isPunctuation("(") {
                    try skipParenthesised()
                } else if current?.kind == .string {
                    index += 1
                } else {
                    _ = try objectName("a table, a (query) or a job name after FROM")
                }
            } else if accept(.target) != nil {
                if current?.kind == .string { index += 1 } else { _ = try identifier("a column after TARGET") }
            } else if accept(.function) != nil {
                _ = try objectName("a function name after FUNCTION")
                if isPunctuation("(") { try skipParenthesised() }
            } else if accept(.returns) != nil {
                try dataType("after RETURNS")
            } else if accept(.iamRole) != nil {
                try roleValue(after: "IAM_ROLE")
            } else if accept(.auto) != nil {
                guard accept(.on) ?? accept(.off) != nil else { throw failure(expected: "ON or OFF after AUTO") }
            } else if accept(.modelType) ?? accept(.problemType) != nil {
                guard let word = current, word.kind == .word else {
                    throw failure(expected: "a type after \(tokens[index - 1].text.asciiUppercased)")
                }
                index += 1
            } else if accept(.sagemaker) ?? accept(.objective) ?? accept(.preprocessors) != nil {
                try stringValue("after \(tokens[index - 1].text.asciiUppercased)")
            } else if accept(.hyperparameters) != nil {
                try expect(.default, "after HYPERPARAMETERS")
                if accept(.except) != nil {
                    guard isPunctuation("(") else { throw failure(expected: "'(' after EXCEPT") }
                    try skipParenthesised()
                }
            } else if accept(.settings) != nil {
                guard isPunctuation("(") else { throw failure(expected: "'(' after SETTINGS") }
                try skipParenthesised()
            } else {
                throw misplacedWord(
                    expected: "FROM, TARGET, FUNCTION, IAM_ROLE, AUTO, MODEL_TYPE, PROBLEM_TYPE, OBJECTIVE, "
                        + "PREPROCESSORS, HYPERPARAMETERS or SETTINGS",
                    among: Self.modelClauses)
            }
        }
    }

    private static let modelClauses: [Keyword] = [
        .from, .target, .function, .returns, .sagemaker, .iamRole, .auto, .modelType, .problemType, .objective,
        .preprocessors, .hyperparameters, .settings,
    ]

    // MARK: Values

    /// A string literal (or a placeholder standing for one).
    mutating func stringValue(_ context: String) throws(SyntaxError) {
        guard let value = current, value.kind == .string || value.kind == .placeholder || value.kind == .variable
        else { throw failure(expected: "a string \(context)") }
        index += 1
    }

    private mutating func numberValue(_ context: String) throws(SyntaxError) {
        guard let value = current, value.kind == .number || value.kind == .placeholder || value.kind == .variable
        else { throw failure(expected: "a number \(context)") }
        index += 1
    }

    /// `DEFAULT`, `SESSION` or a role ARN string, after IAM_ROLE or CATALOG_ROLE.
    private mutating func roleValue(after word: String) throws(SyntaxError) {
        if accept(.default) != nil || accept(.session) != nil { return }
        try stringValue("(a role ARN), DEFAULT or SESSION after \(word)")
    }
}

import RunbookDiagnostics

/// The object types Snowflake's CREATE, ALTER, DROP, GRANT … ON and SHOW GRANTS ON name, as word phrases, with
/// the `ObjectKind` the privilege model follows (`.otherSnowflake` for the rest). From
/// https://docs.snowflake.com/en/user-guide/security-access-control-privileges (one section per type).
enum SnowflakeObjectTypes {
    static let singular: [String: ObjectKind] = [
        "WAREHOUSE": .warehouse, "DATABASE": .database, "SCHEMA": .schema, "INTEGRATION": .integration,
        "USER": .user, "ROLE": .role, "DATABASE ROLE": .databaseRole, "TABLE": .table, "VIEW": .view,
        "MATERIALIZED VIEW": .materializedView, "EXTERNAL TABLE": .externalTable, "DYNAMIC TABLE": .dynamicTable,
        "STAGE": .stage, "FILE FORMAT": .fileFormat, "SEQUENCE": .sequence, "STREAM": .stream, "TASK": .task,
        "PIPE": .pipe, "FUNCTION": .function, "PROCEDURE": .procedure,
        "AGENT": .otherSnowflake, "AGGREGATION POLICY": .otherSnowflake, "ALERT": .otherSnowflake,
        "API INTEGRATION": .integration, "APPLICATION": .otherSnowflake, "APPLICATION PACKAGE": .otherSnowflake,
        "AUTHENTICATION POLICY": .otherSnowflake, "BACKUP POLICY": .otherSnowflake, "BACKUP SET": .otherSnowflake,
        "CATALOG INTEGRATION": .integration, "COMPUTE POOL": .otherSnowflake, "CONNECTION": .otherSnowflake,
        "CORTEX SEARCH SERVICE": .otherSnowflake, "DATA METRIC FUNCTION": .otherSnowflake,
        "DATASET": .otherSnowflake, "EVENT TABLE": .otherSnowflake, "EXTERNAL ACCESS INTEGRATION": .integration,
        "EXTERNAL FUNCTION": .function, "EXTERNAL VOLUME": .otherSnowflake, "FAILOVER GROUP": .otherSnowflake,
        "GIT REPOSITORY": .otherSnowflake, "HYBRID TABLE": .otherSnowflake, "ICEBERG TABLE": .otherSnowflake,
        "IMAGE REPOSITORY": .otherSnowflake, "JOIN POLICY": .otherSnowflake, "LISTING": .otherSnowflake,
        "MANAGED ACCOUNT": .otherSnowflake, "MASKING POLICY": .otherSnowflake, "MODEL": .otherSnowflake,
        "NETWORK POLICY": .otherSnowflake, "NETWORK RULE": .otherSnowflake, "NOTEBOOK": .otherSnowflake,
        "NOTIFICATION INTEGRATION": .integration, "ORGANIZATION LISTING": .otherSnowflake,
        "PACKAGES POLICY": .otherSnowflake, "PASSWORD POLICY": .otherSnowflake, "PRIVACY POLICY": .otherSnowflake,
        "PROJECTION POLICY": .otherSnowflake, "REPLICATION GROUP": .otherSnowflake,
        "RESOURCE MONITOR": .otherSnowflake, "ROW ACCESS POLICY": .otherSnowflake, "SECRET": .otherSnowflake,
        "SECURITY INTEGRATION": .integration, "SEMANTIC VIEW": .otherSnowflake, "SERVICE": .otherSnowflake,
        "SESSION POLICY": .otherSnowflake, "SHARE": .otherSnowflake, "SNAPSHOT": .otherSnowflake,
        "STORAGE INTEGRATION": .integration, "STREAMLIT": .otherSnowflake, "TAG": .otherSnowflake,
        "WORKSPACE": .otherSnowflake,
    ]

    /// The plural forms of ON ALL / ON FUTURE (https://docs.snowflake.com/en/sql-reference/sql/grant-privilege).
    static let plural: [String: ObjectKind] = [
        "SCHEMAS": .schema, "TABLES": .table, "VIEWS": .view, "MATERIALIZED VIEWS": .materializedView,
        "EXTERNAL TABLES": .externalTable, "DYNAMIC TABLES": .dynamicTable, "STAGES": .stage,
        "FILE FORMATS": .fileFormat, "SEQUENCES": .sequence, "STREAMS": .stream, "TASKS": .task, "PIPES": .pipe,
        "FUNCTIONS": .function, "PROCEDURES": .procedure, "EVENT TABLES": .otherSnowflake,
        "HYBRID TABLES": .otherSnowflake, "ICEBERG TABLES": .otherSnowflake, "ALERTS": .otherSnowflake,
        "MODELS": .otherSnowflake, "NOTEBOOKS": .otherSnowflake, "SECRETS": .otherSnowflake,
        "SEMANTIC VIEWS": .otherSnowflake, "SERVICES": .otherSnowflake, "STREAMLITS": .otherSnowflake,
        "DATA METRIC FUNCTIONS": .otherSnowflake, "CORTEX SEARCH SERVICES": .otherSnowflake,
        "EXTERNAL FUNCTIONS": .function, "DATASETS": .otherSnowflake, "AGENTS": .otherSnowflake,
    ]

    /// The most words a phrase of either table has.
    static let longestPhrase = 3
}

extension StatementParser {
    /// Consumes the longest object type phrase of `table` at the current token (`MATERIALIZED VIEW`, `STAGE`),
    /// when the token after it can start a name; nil (and nothing consumed) otherwise.
    mutating func snowflakeObjectType(
        in table: [String: ObjectKind] = SnowflakeObjectTypes.singular
    ) -> (words: String, kind: ObjectKind)? {
        var found: (words: String, kind: ObjectKind, count: Int)?
        var words: [String] = []
        for offset in 0..<SnowflakeObjectTypes.longestPhrase {
            guard let token = token(at: offset), token.kind == .word else { break }
            words.append(token.text.asciiUppercased)
            let phrase = words.joined(separator: " ")
            if let kind = table[phrase] { found = (phrase, kind, offset + 1) }
        }
        guard let found else { return nil }
        // `ON stage TO r`, `ON task.x`: a name that spells a type, not the type.
        if let next = token(at: found.count), next.isKeyword(.to) || next.isKeyword(.from) { return nil }
        if isPunctuation(".", at: found.count) { return nil }
        index += found.count
        return (found.words, found.kind)
    }
}

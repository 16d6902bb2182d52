/// Every word the grammar compares, as a case: `isKeyword(.from)`, `accept(sequence: .grant, .option, .for)`,
/// `Set<Keyword>` for word sets. First the words that open a statement and the object types that follow CREATE,
/// ALTER and DROP, what the grammar dispatches on (a word there that the grammar does not read further is still a
/// statement it knows, so it is kept, `.opaque`, rather than reported as unknown); then the words inside statements.
/// The raw value is the word in lower case; `spelling` gives it as written in messages (`FROM`).
enum Keyword: String, CaseIterable, Sendable {
    // Statements.
    case abort, alter, analyse, analyze, attach
    case begin, call, cancel, checkpoint, close
    case cluster, comment, commit, copy, create
    case deallocate, declare, delete, desc, describe
    case detach, discard, `do`, drop, end, execute
    case explain, fetch, grant, `import`, insert
    case listen, load, lock, merge, move, notify
    case prepare, reassign, refresh, reindex
    case release, reset, revoke, rollback, savepoint
    case security, select, set, show, start, table
    case truncate, unlisten, unload, update, use
    case vacuum, values, with
    // Snowflake's statement words the others lack (https://docs.snowflake.com/en/sql-reference-commands).
    case unset, undrop, put, get, list, ls, remove, rm

    // Object types after CREATE, ALTER or DROP (and their modifiers) that no other statement word spells.
    case access, aggregate, cast, collation
    case conversion, database, datashare, domain
    case event, `extension`, external, foreign
    case function, group, identity, index, language
    case library, masking, materialized, model
    case `operator`, owned, policy, procedure, provider
    case publication, rls, role, routine, rule
    case schema, sequence, server, statistics
    case subscription, system, tablespace, template, text
    case transform, trigger, type, unique, user
    case view

    // Words inside statements: clauses, operators, options and the words the engine evidence looks for.
    case accessctrl, account, add, admin, all, and, `any`, application, array, `as`, asc, assumerole
    case asymmetric, at, authorization, authorizations, before, between, bigint, binding, boolean, boost, both
    case by, cascade, cascaded, `case`, catalog, changes, char, characteristics, check, collate, column
    case columns, compression, comprows, concat, concurrently, conflict, connect, connection, constraints
    case contact, control, cross, current, currval, dataaccess, date, day, days, dbadm, decimal, `default`
    case delegated, disable, distinct, `else`, engine, enroll, escape, except, exclude, exec, exists, `false`
    case filter, first, float, flush, `for`, force, freeze, from, full, future, gb, go, granted, grants
    case having, hour, hours, identified, identifier, `if`, ignore, ilike, imported, `in`, include, inet
    case inner, int, integer, integration, intersect, interval, into, `is`, isnull, job, jobs, join, json
    case jsonb, last, lateral, left, level, like, limit, local, login, managed, mb, member, minus, minute
    case minutes, modify, month, months, namespace, natural, nextval, no, none, not, notnull, null, nulls
    case numeric, object, of, offset, on, only, option, or, order, outer, over, overlaps, overwrite, owner
    case password, percent, permissions, pipe, pivot, precision, predicate, prepared, primary, prior
    case priority, privileges, procedures, `public`, qualify, queries, quota, real, recluster, recursive
    case references, isolation, serializable, snapshot
    case regexp, rename, repeatable, replace, replica, respect, restrict, restricted, returning, right, rlike
    case roles, rotate, sample, secadm, second, secondary, seconds, secure, session, share, similar, `some`
    case sort, sqladm, stage, starts, stream, symmetric, syscat, sysibm, tablesample, tag, task, tb, temp
    case temporary, then, time, timeout, timestamp, timestamptz, timetz, to, top, transaction, `true`, union
    case unknown, unlimited, unlogged, unpivot, unrestricted, until, using, uuid, varchar, varying, verbose, via
    case warehouse, week, weeks, when, `where`, window, within, without, workgroup, year, years, zone
    // Values written without parentheses (CURRENT_DATE and the others with `_` are below).
    case localtime, localtimestamp, sysdate
    // The rest of the query language: FETCH, WINDOW, ON CONFLICT, MERGE.
    case constraint, document, duplicates, grouping, groups, keys, matched, next, nfc, nfd, nfkc, nfkd
    case following, leading, normalized, nothing, others, partition, placing, preceding, range, row, rows
    case scalar, sets, source, trailing
    case target, ties, unbounded, value
    // CREATE TABLE's and ALTER TABLE's attributes, PostgreSQL's role attributes, Snowflake's table kinds and CLONE.
    case bypassrls, clone, compound, createrole, distkey, diststyle, dynamic, encode, global, hybrid, iceberg
    case inherit, interleaved, nobypassrls, nocreaterole, noinherit, nologin, noreplication, nosuperuser, options
    case replication, restart, sortkey, superuser, transient, volatile
    // COPY's and UNLOAD's parameters and their argument words (Parser+Copy.swift).
    case acceptanydate, acceptinvchars, addquotes, allowoverwrite, auto, avro, binary, blanksasnull, bzip2
    case cleanpath, compupdate, credentials, csv, dateformat, delimiter, emptyasnull, encoding, encrypted
    case fillrecord, fixedwidth, format, gzip, header, ignoreallerrors, ignoreblanklines, ignoreheader, lzop
    case manifest, match, maxerror, maxfilesize, noload, off, orc, parallel, parquet, preset, program, quote
    case readratio, region, removequotes, roundec, rowgroupsize, serializetojson, shapefile, simplify, ssh
    case statupdate, stdin, stdout, timeformat, trimblanks, truncatecolumns, yes, zstd
    case accessKeyID = "access_key_id"
    case explicitIDs = "explicit_ids"
    case forceNotNull = "force_not_null"
    case forceNull = "force_null"
    case forceQuote = "force_quote"
    case kmsKeyID = "kms_key_id"
    case logVerbosity = "log_verbosity"
    case masterSymmetricKey = "master_symmetric_key"
    case onError = "on_error"
    case secretAccessKey = "secret_access_key"
    case sessionToken = "session_token"
    // Redshift's objects outside the privilege model: external schemas, tables and functions, datashares, identity
    // providers, functions and procedures (Parser+Objects.swift).
    case adx, authentication, collection, data, definer, delimited, enable, fields, functions, hive, iam
    case immutable, includenew, `inout`, inputformat, invoker, items, kafka, kb, kinesis, lambda, lines, location
    case managedby, map, metastore, msk, mtls, mysql, nonatomic, out, outputformat, parameters, partitioned
    case plpgsql, plpythonu, port, postgres, properties, publicaccessible, redshift, returns, sagemaker
    case serde, serdeproperties, sql, stable, stored, tables, terminated, uri
    case hyperparameters, objective, preprocessors, settings
    case modelType = "model_type"
    case problemType = "problem_type"
    case applicationArn = "application_arn"
    case authenticationArn = "authentication_arn"
    case autoCreateRoles = "auto_create_roles"
    case catalogId = "catalog_id"
    case catalogRole = "catalog_role"
    case clusterArn = "cluster_arn"
    case maxBatchRows = "max_batch_rows"
    case maxBatchSize = "max_batch_size"
    case retryTimeout = "retry_timeout"
    case secretArn = "secret_arn"
    // Data types (Redshift's closed list and aliases), column and table attributes, compression encodings and ALTER
    // TABLE's actions (Parser+Table.swift).
    case action, always, append, autorefresh, az64, backup, bool, bpchar, bytedict, character, conjunction
    case comments, datashares, defaults, deferrable, deferred, delta, delta32k, double, even, excluding,
        expression, file, float4, float8
    case filltarget, generated, geography, geometry, hash, hllsketch, ignoreextra, immediate, including,
        inherits, initially
    case indexes, int2, int4, int8, key, lzo, max, mostly16, mostly32, mostly8, nchar, nvarchar
    case partial, preserve, raw, runlength, simple, smallint, storage, `super`, text255
    case text32k, validate, varbinary, varbyte
    case caseInsensitive = "case_insensitive"
    case caseSensitive = "case_sensitive"
    case autoIncrement = "auto_increment"
    case autoResume = "auto_resume"
    case autoSuspend = "auto_suspend"
    case currentCatalog = "current_catalog"
    case currentDate = "current_date"
    case currentRole = "current_role"
    case currentSchema = "current_schema"
    case currentTime = "current_time"
    case currentTimestamp = "current_timestamp"
    case currentUser = "current_user"
    case defaultNamespace = "default_namespace"
    case defaultRole = "default_role"
    case defaultSecondaryRoles = "default_secondary_roles"
    case defaultWarehouse = "default_warehouse"
    case iamRole = "iam_role"
    case matchRecognize = "match_recognize"
    case mustChangePassword = "must_change_password"
    case rsaPublicKey = "rsa_public_key"
    case sessionUser = "session_user"
    case systemUser = "system_user"
    case warehouseSize = "warehouse_size"
}

// MARK: - Lookup

extension Keyword {
    /// The keyword a word token spells, if any. Allocates nothing: the word is packed into a `WordKey`.
    init?(_ token: Token) {
        guard token.kind == .word, let key = WordKey(token.text), let keyword = Self.byKey[key] else { return nil }
        self = keyword
    }

    /// The keyword spelt `word`, in any case (`"TO"`): for the string overloads of the parser's cursor.
    init?(word: String) {
        guard let key = WordKey(word), let keyword = Self.byKey[key] else { return nil }
        self = keyword
    }

    /// The word upper-cased: `CREATE`.
    var spelling: String { Self.spellings[self] ?? rawValue.asciiUppercased }

    /// Lookups by hash: the synthesised `init(rawValue:)` compares the word with every case in turn.
    private static let byKey: [WordKey: Keyword] = Dictionary(
        uniqueKeysWithValues: allCases.compactMap { keyword in WordKey(keyword.rawValue).map { ($0, keyword) } })
    private static let spellings: [Keyword: String] = Dictionary(
        uniqueKeysWithValues: allCases.map { ($0, $0.rawValue.asciiUppercased) })

    /// Object types that CREATE, ALTER and DROP accept and the grammar keeps without modelling: PostgreSQL's
    /// and Redshift's other objects (`CREATE EXTENSION`, `DROP LIBRARY`, `ALTER SEQUENCE`, …).
    static let keptObjectTypes: Set<Keyword> = [
        .access, .aggregate, .cast, .collation, .conversion, .domain, .event, .extension, .foreign, .index,
        .language, .library, .model, .operator, .owned, .policy, .publication, .routine, .rule, .sequence, .server,
        .statistics, .subscription, .tablespace, .template, .text, .transform, .trigger, .type, .unique,
    ]

    /// Snowflake statements read only far enough to know them (stage file commands, UNDROP).
    static let snowflakeStatements: Set<Keyword> = [.put, .get, .list, .ls, .remove, .rm, .undrop]

    /// Statements read only far enough to know them: their words are kept, parentheses must balance.
    static let keptStatements: Set<Keyword> = [
        .cancel, .checkpoint, .close, .cluster, .comment, .deallocate, .declare, .discard, .do, .execute, .fetch,
        .import, .listen, .load, .lock, .move, .notify, .prepare, .reassign, .reindex, .release, .savepoint,
        .security, .unlisten,
    ]
}

/// A word of at most 24 bytes, ASCII lower-cased, packed into three integers: a dictionary key that needs no
/// copy of the word (keywords are short, so a longer word is never one).
private struct WordKey: Hashable {
    var low: UInt64 = 0
    var middle: UInt64 = 0
    var high: UInt64 = 0

    init?(_ word: String) {
        let utf8 = word.utf8
        guard utf8.count <= 24 else { return nil }
        var position = 0
        for byte in utf8 {
            let folded = UInt64(byte &- 0x41 < 26 ? byte | 0x20 : byte) << UInt64(position % 8 * 8)
            switch position / 8 {
            case 0: low |= folded
            case 1: middle |= folded
            default: high |= folded
            }
            position += 1
        }
    }
}

// MARK: - Comparing tokens

extension Token {
    /// Whether this is the word `keyword`, compared ASCII case-insensitively byte by byte with its spelling (no
    /// copy of the word).
    func isKeyword(_ keyword: Keyword) -> Bool {
        guard kind == .word else { return false }
        let expected = keyword.rawValue.utf8
        guard text.utf8.count == expected.count else { return false }
        for (byte, lower) in zip(text.utf8, expected) where (byte &- 0x41 < 26 ? byte | 0x20 : byte) != lower {
            return false
        }
        return true
    }

    /// Whether this word is one of `keywords`: one lookup of the word, one of the set.
    func isKeyword(oneOf keywords: Set<Keyword>) -> Bool {
        guard let keyword = Keyword(self) else { return false }
        return keywords.contains(keyword)
    }

    /// The same for a literal list, `isKeyword(oneOf: [.to, .from])`: compared one by one, which for a few keywords
    /// costs less than the set the literal would otherwise build at every call.
    func isKeyword(oneOf keywords: [Keyword]) -> Bool {
        kind == .word && keywords.contains { isKeyword($0) }
    }
}

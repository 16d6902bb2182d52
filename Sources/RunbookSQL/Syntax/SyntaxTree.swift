package import RunbookDiagnostics

/// What a node of a statement's syntax tree is.
package enum SyntaxKind: String, Sendable, Hashable, CaseIterable {
    /// The root of a statement the parser read.
    case statement
    /// The root of a statement the parser did not read: a psql meta-command, or a statement with a lexer error.
    case unparsedStatement
    /// A query: an optional WITH clause, its terms and the clauses after them.
    case query
    case withClause
    case commonTableExpression
    /// One `SELECT …` of a query.
    case select
    case selectList
    case selectItem
    case fromClause
    case tableReference
    /// A relation a query reads, its name's tokens (a table, a view, a CTE's name; Lowering+Query.swift).
    case relation
    case join
    /// A clause after FROM or after a query's terms, named by its first keyword (WHERE, GROUP BY, ORDER BY …).
    case clause
    /// `UNION`, `INTERSECT`, `EXCEPT`, `MINUS` and the query term after it.
    case setOperation
    case expression
    /// `( … )` inside an expression or a table reference.
    case parenthesized
    /// INSERT, UPDATE, DELETE or MERGE.
    case dataModification

    // Names, read by the parser's name reader when lowered (Lowering.swift).
    /// One name: a word, a quoted name, a placeholder, `namespace:name`, Snowflake's `IDENTIFIER($v)`.
    case name
    /// `a`, `a.b`, `a.b.c`.
    case qualifiedName
    /// `(a, b)`: names in parentheses.
    case columnList

    // GRANT, REVOKE, ALTER DEFAULT PRIVILEGES (Lowering+Privileges.swift).
    /// `GRANT … TO …` or `REVOKE … FROM …`, from its verb; the statement ALTER DEFAULT PRIVILEGES applies too.
    case privilegeStatement
    /// REVOKE's `GRANT OPTION FOR` or `ADMIN OPTION FOR`.
    case optionFor
    /// `ALL [PRIVILEGES] [(columns)]`.
    case allPrivileges
    /// Privileges separated by commas.
    case privilegeList
    /// One privilege: its words (`SELECT`, `CREATE USER`) and its column list.
    case privilege
    /// The roles of a role grant: `ROLE a, ROLE b` (Redshift), `a, b` (PostgreSQL).
    case roleList
    case roleReference
    /// `ON [DATABASE | SCHEMA | TABLE | SEQUENCE | LANGUAGE | COPY JOB] names`.
    case objectTarget
    /// `ON FUNCTION | PROCEDURE | ROUTINE signatures`.
    case routineTarget
    /// A routine's name and its argument list.
    case routineSignature
    /// `ON ALL TABLES | FUNCTIONS | PROCEDURES | SEQUENCES | ROUTINES IN SCHEMA schemas`.
    case allInSchemaTarget
    /// Redshift's scoped permissions: `FOR TABLES IN SCHEMA s [DATABASE d]`, `FOR SCHEMAS IN DATABASE d`.
    case scopedTarget
    /// ALTER DEFAULT PRIVILEGES' object class: `ON TABLES`, `ON FUNCTIONS` ….
    case defaultObjectsTarget
    /// Snowflake `ON ACCOUNT`.
    case accountTarget
    /// Snowflake `ON ALL | FUTURE kinds IN SCHEMA s | IN DATABASE d`.
    case bulkTarget
    /// Snowflake GRANT OWNERSHIP's `COPY | REVOKE CURRENT GRANTS`.
    case currentGrants
    /// Grantees separated by commas.
    case granteeList
    /// `PUBLIC`, `ROLE r`, `GROUP g`, `USER u` or a bare name.
    case grantee
    /// `WITH GRANT OPTION`.
    case grantOption
    /// `WITH ADMIN OPTION`.
    case adminOption
    /// `GRANTED BY role`.
    case grantedBy
    /// REVOKE's `CASCADE` or `RESTRICT`.
    case dropBehavior
    /// `DEFAULT PRIVILEGES [FOR …] [IN SCHEMA …] GRANT | REVOKE …` after ALTER.
    case defaultPrivileges
    /// `FOR USER | ROLE names`.
    case defaultPrivilegesOwners
    /// `IN SCHEMA schemas`.
    case defaultPrivilegesSchemas

    // Users, roles, groups, schemas, databases (Lowering+Principals.swift): each node from the object's name on.
    case createUser
    case createRole
    case alterUser
    case alterRole
    case createGroup
    case alterGroup
    case createSchema
    case alterSchema
    case createDatabase
    case alterDatabase
    /// `DROP DATABASE | SCHEMA | USER | ROLE | GROUP | TABLE | VIEW | MATERIALIZED VIEW …`, from the object type.
    case dropStatement
    /// One option of CREATE or ALTER USER or ROLE (`PASSWORD 'x'`, `IN GROUP g`, `CONNECTION LIMIT 5` …).
    case userOption
    /// One option of CREATE DATABASE (`OWNER u`, `CONNECTION LIMIT n`, `COLLATE …`).
    case databaseOption
    /// `QUOTA n [MB | GB | TB] | UNLIMITED`.
    case schemaQuota
    /// An ALTER action: `RENAME TO n`, `OWNER TO u`, `SET p …`, `RESET p`, `ADD USER …`, `DROP USER …`, or another.
    case alterAction

    // Tables, views, session statements, transactions and other commands (Lowering+Statements.swift).
    /// CREATE TABLE from after CREATE: its words (`OR REPLACE`, `TEMP`, `TABLE`, `IF NOT EXISTS`), the name, the
    /// elements and CREATE TABLE AS's `.query`.
    case createTable
    /// One element of CREATE TABLE's parentheses: a column (its `.name` first), `LIKE t` or a constraint.
    case tableElement
    /// CREATE VIEW from after CREATE: its words (`OR REPLACE`, `MATERIALIZED`), the name, the columns, the `.query`.
    case createView
    /// ALTER TABLE from TABLE: the name and an `.alterAction` for each action.
    case alterTable
    /// `SET [SESSION | LOCAL] name value`: the scope words, a `.setName` and a `.setValue`.
    case setStatement
    /// What SET sets, with its TO or `=`: a parameter's `.qualifiedName`, or the words of a form without TO.
    case setName
    /// The value of SET, as written.
    case setValue
    case resetStatement
    /// PostgreSQL's and Redshift's SHOW: the word and what it shows.
    case showStatement
    /// BEGIN, START TRANSACTION, COMMIT, END, ROLLBACK, ABORT (and `ROLLBACK TO`, `COMMIT PREPARED` …).
    case transactionStatement
    /// A statement outside the privilege model (COPY, CALL, CREATE FUNCTION …): its `.statementWords` name it.
    case otherStatement
    /// The words that name an `.otherStatement`: the verb, the object type.
    case statementWords
    /// A Redshift GRANT or REVOKE outside the privilege model (`ASSUMEROLE`, `ON DATASHARE`, `TO MASKING POLICY`).
    case otherGrant

    // Snowflake's DDL and session statements (Lowering+Snowflake.swift).
    /// CREATE WAREHOUSE | DATABASE ROLE | DATABASE | SCHEMA | USER | ROLE from after CREATE: its words (`OR REPLACE`,
    /// `OR ALTER`, `TRANSIENT`, the object type, `IF NOT EXISTS`), the name and the `.property` nodes.
    case snowflakeCreate
    /// ALTER USER | ROLE | DATABASE | SCHEMA from after ALTER: the object type, `IF EXISTS`, the name and the
    /// `.alterAction`.
    case snowflakeAlter
    /// `SET v = e`, `SET (a, b) = (…)`: a `.variableName` for each name, a `.sessionValue` for each value or one
    /// `.sessionQuery`.
    case setVariables
    case unsetVariables
    case variableName
    case sessionValue
    /// `(SELECT …)` giving every value of a SET.
    case sessionQuery
    /// USE from after USE: `ROLE`, `WAREHOUSE`, `DATABASE`, `SCHEMA` or `SECONDARY ROLES …`, and the name.
    case useStatement
    /// Snowflake's SHOW from SHOW: its words (`GRANTS TO ROLE`, `FUTURE GRANTS IN SCHEMA`), the object type after ON
    /// as `.statementWords`, the name.
    case snowflakeShow
    /// `NAME = value`, `TAG (…)`, `CONTACT (…)` or a clause (`CLONE d`, `WITH MANAGED ACCESS`): its words and its
    /// `.propertyValue`.
    case property
    case propertyValue
    /// Tokens the parser could not place, kept in order.
    case unexpected
}

/// A leaf: one token of the statement, or a token the parser expected and did not find (`isMissing`, zero width).
package struct SyntaxToken: Sendable, Hashable {
    package var token: Token
    /// The mistake a missing token stands for: what was expected and where. Nil for a present token.
    package var issue: SyntaxIssue?

    package var isMissing: Bool { issue != nil }
}

/// A mistake recorded in the tree: the diagnostic the pass over the finished tree reports for it.
package struct SyntaxIssue: Sendable, Hashable {
    package var rule: Rule
    package var message: String
    package var range: SourceRange
    package var fixIts: [FixIt]

    package init(rule: Rule, message: String, range: SourceRange, fixIts: [FixIt] = []) {
        self.rule = rule
        self.message = message
        self.range = range
        self.fixIts = fixIts
    }

    /// An issue with a message of the SQL stage's catalog (Messages.swift).
    init(_ message: some DiagnosticMessage, range: SourceRange, fixIts: [FixIt] = []) {
        self.init(rule: message.rule, message: message.message, range: range, fixIts: fixIts)
    }
}

/// A child of a node: a node or a token.
package enum SyntaxElement: Sendable, Hashable {
    case node(SyntaxNode)
    case token(SyntaxToken)
}

/// A node of a statement's lossless syntax tree (swift-syntax's and rust-analyzer's model): its leaves are every
/// token of the statement in order, trivia included, plus missing tokens; so the text of the present leaves is the
/// statement's source text, byte for byte, whether or not it parsed.
package struct SyntaxNode: Sendable, Hashable {
    package var kind: SyntaxKind
    package var children: [SyntaxElement]
    /// For an unexpected node: the mistake it stands for when no missing token before it does.
    package var issue: SyntaxIssue?

    package init(kind: SyntaxKind, children: [SyntaxElement] = [], issue: SyntaxIssue? = nil) {
        self.kind = kind
        self.children = children
        self.issue = issue
    }

    /// Whether the node is the statement's `count` tokens under one root, each present, with no mistake
    /// recorded: the builder places every token once and in order, so the count says which tokens they are.
    func holdsFlat(count: Int) -> Bool {
        guard issue == nil, children.count == count else { return false }
        return children.allSatisfy { child in
            if case .token(let leaf) = child { leaf.issue == nil } else { false }
        }
    }

    /// A root holding `tokens` as they are, for statements the parser did not read.
    static func unparsed(_ tokens: [Token]) -> SyntaxNode {
        SyntaxNode(kind: .unparsedStatement, children: tokens.map { .token(SyntaxToken(token: $0)) })
    }
}

// MARK: - Reading

extension SyntaxNode {
    /// Every leaf in source order, missing tokens included. Iterative: deep trees do not recurse.
    package var leaves: [SyntaxToken] {
        var result: [SyntaxToken] = []
        walk { element in
            if case .token(let token) = element { result.append(token) }
        }
        return result
    }

    /// The present tokens in source order.
    package var presentTokens: [Token] { leaves.filter { !$0.isMissing }.map(\.token) }

    /// The source text of the present tokens.
    package var text: String {
        var result = ""
        for leaf in leaves where !leaf.isMissing { result += leaf.token.text }
        return result
    }

    /// Every node below this one (not this one), depth first, in source order.
    package var descendants: [SyntaxNode] {
        var result: [SyntaxNode] = []
        walk { element in
            if case .node(let node) = element { result.append(node) }
        }
        return result
    }

    /// Visits every element below this node in source order (a node before its children), without recursion.
    package func walk(_ visit: (SyntaxElement) -> Void) {
        var stack: [(children: [SyntaxElement], next: Int)] = [(children, 0)]
        while !stack.isEmpty {
            let top = stack.count - 1
            let position = stack[top].next
            guard position < stack[top].children.count else {
                stack.removeLast()
                continue
            }
            stack[top].next += 1
            let element = stack[top].children[position]
            visit(element)
            if case .node(let node) = element, !node.children.isEmpty { stack.append((node.children, 0)) }
        }
    }

    /// Whether the tree records a mistake (a missing token or an unexpected node).
    package var hasIssues: Bool {
        var found = false
        walk { element in
            switch element {
            case .token(let token): if token.isMissing { found = true }
            case .node(let node): if node.kind == .unexpected { found = true }
            }
        }
        return found
    }
}

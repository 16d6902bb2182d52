import Foundation
package import RunbookCompile
import RunbookDiagnostics
package import RunbookModel
import RunbookPrivileges

/// `runbook explain FILE --who P [--on OBJECT] [--can PRIVILEGE]`: a question about one principal, answered
/// per variant with the chain of statements that gives it, or with what stands in the way.
package struct PrivilegeQuestion: Sendable, Hashable {
    package var who: String
    /// `devices.user_devices`, `user_database.devices`, `schema devices`, `database segment_workspace`.
    package var on: String?
    /// `SELECT`, `usage`, `temporary`.
    package var can: String?

    package init(who: String, on: String? = nil, can: String? = nil) {
        self.who = who
        self.on = on
        self.can = can
    }
}

/// The answer for one variant.
package struct PrivilegeAnswer: Sendable, Hashable {
    /// One privilege the principal holds, on an object or on a kind of future or pre-existing table.
    package struct Holding: Sendable, Hashable {
        /// `table user_database.devices.user_devices`, or `every table that exists in schema …`, or
        /// `tables that admin creates later in schema …`.
        package var object: String
        package var privilege: String
        /// `segment_user ← member of segment_linked_role ← GRANT SELECT ON …, Step 3.4.2, line 161`.
        package var chain: String
        /// False when a table privilege gives nothing for want of USAGE on its schema.
        package var usable: Bool
        /// Which tables: an object the runbook knows, or tables it does not name.
        package var scope: Scope = .named

        package enum Scope: String, Sendable, Hashable {
            /// The object the runbook creates or assumes.
            case named
            /// Every table that exists in a schema when a schema-wide grant (`ON ALL TABLES`) runs.
            case existingTables
            /// Tables created later, through default privileges (or Redshift's scoped grants).
            case laterTables
        }

        /// Whether this holding is on tables that the runbook does not name.
        package var isOnTablesNotNamed: Bool { scope != .named }
    }

    package var variant: String
    /// Nil for a listing (no `--can`); true or false for a question.
    package var yes: Bool?
    package var holdings: [Holding]
    /// Why not, when the answer is no: what is missing, and which other variants give it.
    package var reasons: [String]
}

package enum PrivilegeQuestions {
    /// The answer in each of `variants`; a principal unknown to every variant is one reason, not a crash.
    package static func answer(
        _ compiled: CompiledRunbook, variants: [Variant], question: PrivilegeQuestion
    )
        -> [PrivilegeAnswer]
    {
        variants.map { variant in
            answer(compiled, variant: variant, question: question)
        }
    }

    static func answer(_ compiled: CompiledRunbook, variant: Variant, question: PrivilegeQuestion) -> PrivilegeAnswer {
        let privilege = question.can.map(normalized)
        // A name as written, else as the dialect folds an unquoted one (Snowflake: `segment_user` is SEGMENT_USER).
        guard let result = compiled.privileges.results[variant.slug],
            let principal = result.catalog.principal(named: question.who)
                ?? result.catalog.principal(named: result.catalog.dialect.profile.caseFolding.fold(question.who))
        else {
            let known = compiled.privileges.results[variant.slug]?.catalog.principals.keys.map(\.name) ?? []
            let hint = closest(question.who, in: known).map { " (did you mean \($0)?)" } ?? ""
            return PrivilegeAnswer(
                variant: variant.slug, yes: privilege == nil && question.on == nil ? nil : false, holdings: [],
                reasons: ["\(question.who) is not a user, role or group in this variant\(hint)"])
        }
        let holdings = holdings(of: principal, in: result.catalog, effective: result.effective)
            .filter { holding in
                (privilege == nil || holding.privilege == privilege)
                    && (question.on.map { matches(holding.object, $0) } ?? true)
            }
        guard let privilege else {
            return PrivilegeAnswer(variant: variant.slug, yes: nil, holdings: holdings, reasons: [])
        }
        let usable = holdings.filter(\.usable)
        if !usable.isEmpty {
            return PrivilegeAnswer(variant: variant.slug, yes: true, holdings: usable, reasons: [])
        }
        var reasons: [String] = []
        for holding in holdings {
            reasons.append("granted through \(holding.chain), but it gives nothing without USAGE on the schema")
        }
        if let on = question.on, !result.catalog.objects.contains(where: { matches($0.description, on) }) {
            reasons.append("this variant has no object named \(on)")
        }
        if let on = question.on {
            // A table without USAGE on its schema: say so, the usual reason.
            for case .table(let table) in result.catalog.objects where matches("table \(table)", on) {
                let usage = result.effective.contains {
                    $0.principal == principal && $0.privilege == "USAGE" && $0.object == .schema(table.schemaName)
                }
                if !usage { reasons.append("no USAGE on schema \(table.schemaName)") }
            }
        }
        // The closest thing that would have: another variant that gives it.
        for other in compiled.variants where other.slug != variant.slug {
            guard let otherResult = compiled.privileges.results[other.slug],
                let otherPrincipal = otherResult.catalog.principal(named: question.who)
            else { continue }
            let given = Self.holdings(of: otherPrincipal, in: otherResult.catalog, effective: otherResult.effective)
                .first { holding in
                    holding.usable && holding.privilege == privilege
                        && (question.on.map { matches(holding.object, $0) } ?? true)
                }
            if let given { reasons.append("\(other.slug) gives it: \(given.chain)") }
        }
        if reasons.isEmpty { reasons.append("no statement of this variant gives \(question.who) \(privilege)") }
        return PrivilegeAnswer(variant: variant.slug, yes: false, holdings: [], reasons: reasons)
    }

    /// What every principal of a variant holds (`holdings(of:)`), the principals in the order they first appear
    /// among its effective privileges; with `createdByRunbookOnly`, only the users and roles the runbook creates.
    static func holdingsByPrincipal(
        _ result: VariantResult, createdByRunbookOnly: Bool = false
    ) -> [(principal: Principal, holding: PrivilegeAnswer.Holding)] {
        var seen = Set<Principal>()
        var principals: [Principal] = []
        for privilege in result.effective where seen.insert(privilege.principal).inserted {
            if !createdByRunbookOnly
                || result.catalog.principals[privilege.principal]?.origin.isCreatedByRunbook == true
            {
                principals.append(privilege.principal)
            }
        }
        return principals.flatMap { principal in
            holdings(of: principal, in: result.catalog, effective: result.effective).map { (principal, $0) }
        }
    }

    /// What the principal holds: on each object the runbook knows, then on the tables it does not name, as
    /// schema-wide grants (every table that exists) and default privileges (tables created later) give them.
    static func holdings(
        of principal: Principal, in catalog: Catalog, effective: [EffectivePrivilege]
    )
        -> [PrivilegeAnswer.Holding]
    {
        var result = effective.filter { $0.principal == principal }.map {
            PrivilegeAnswer.Holding(
                object: $0.object.description, privilege: $0.privilege, chain: describe($0), usable: $0.isUsable)
        }
        let reference = catalog.schemaWideChanges.first?.origin.range ?? SourceRange(SourceLocation(line: 1, column: 1))
        // The system's own schemas (information_schema, pg_catalog) hold no tables that a grant reaches.
        let system = Set(catalog.dialect.profile.builtInSchemas)
        var schemas: [SchemaName] = []
        for database in catalog.databases.values.sorted(by: { $0.name < $1.name }) {
            schemas += database.schemas.values.map(\.name).filter { !system.contains($0.schema) }.sorted()
        }
        // ON ALL TABLES: PostgreSQL's and Redshift's schema-wide grants, and Snowflake's bulk grants.
        let schemaWide = Set(
            catalog.schemaWideChanges.filter { $0.action == .grant }.map(\.origin)
                + catalog.account.bulkGrants.map(\.origin))
        func isSchemaWide(_ step: ProvenanceStep) -> Bool {
            if case .grant(let origin) = step { schemaWide.contains(origin) } else { false }
        }
        for schema in schemas {
            let existing = catalog.assumingPreexistingTable(
                TableName(database: schema.database, schema: schema.schema, table: "(any table that exists)"),
                reference: reference)
            let name = TableName(database: schema.database, schema: schema.schema, table: "(any table that exists)")
            for privilege in existing.effectivePrivileges(of: principal, on: [CatalogObject.table(name)])
            where privilege.provenance.contains(where: isSchemaWide) {
                result.append(
                    PrivilegeAnswer.Holding(
                        object: "every table that exists in schema \(schema)", privilege: privilege.privilege,
                        chain: describe(privilege), usable: privilege.isUsable, scope: .existingTables))
            }
        }
        let creators = Set(catalog.defaultPrivileges.map(\.creator) + catalog.scopedGrants.map { _ in catalog.admin })
        for creator in creators.sorted() {
            for schema in schemas {
                let (later, table) = catalog.simulateTableCreation(by: creator, in: schema)
                for privilege in later.effectivePrivileges(of: principal, on: [CatalogObject.table(table)])
                where privilege.provenance.contains(where: isFuture) {
                    result.append(
                        PrivilegeAnswer.Holding(
                            object: "tables that \(creator) creates later in schema \(schema)",
                            privilege: privilege.privilege, chain: describe(privilege), usable: privilege.isUsable,
                            scope: .laterTables))
                }
            }
        }
        return result
    }

    private static func isFuture(_ step: ProvenanceStep) -> Bool {
        switch step {
        case .defaultPrivileges, .scopedGrant: true
        default: false
        }
    }

    /// Whether `object` (`table db.s.t`, `schema db.s`, `database db`, or a future/existing-tables phrase)
    /// is what the user named: the trailing parts of the qualified name, optionally after a kind word.
    static func matches(_ object: String, _ asked: String) -> Bool {
        var words = asked.lowercased().split(separator: " ").map(String.init)
        var kind: String?
        if words.count == 2, ["table", "schema", "database", "view"].contains(words[0]) {
            kind = words[0] == "view" ? "table" : words[0]
            words.removeFirst()
        }
        guard words.count == 1 else { return false }
        let parts = words[0].split(separator: ".").map(String.init)
        let objectWords = object.lowercased().split(separator: " ")
        guard let first = objectWords.first, let last = objectWords.last else { return false }
        if ["table", "schema", "database"].contains(String(first)) && objectWords.count == 2 {
            if let kind, kind != first { return false }
            let name = last.split(separator: ".").map(String.init)
            return name.count >= parts.count && Array(name.suffix(parts.count)) == parts
        }
        // `every table that exists in schema db.s` / `tables that x creates later in schema db.s`: asked as
        // the schema, or as a table of it.
        if kind == "database" { return false }
        let schema = last.split(separator: ".").map(String.init)
        return (schema.count >= parts.count && Array(schema.suffix(parts.count)) == parts && kind != "table")
            || (parts.count >= 2 && Array(parts.dropLast()) == Array(schema.suffix(parts.count - 1))
                && kind != "schema")
    }

    static func normalized(_ privilege: String) -> String {
        let upper = privilege.uppercased()
        return upper == "TEMPORARY" ? "TEMP" : upper
    }

    private static func closest(_ name: String, in candidates: [String]) -> String? {
        candidates.min { distance($0, name) < distance($1, name) }.flatMap { distance($0, name) <= 3 ? $0 : nil }
    }

    private static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a.lowercased())
        let b = Array(b.lowercased())
        var row = Array(0...b.count)
        for i in 1...max(a.count, 1) where !a.isEmpty {
            var previous = row[0]
            row[0] = i
            for j in stride(from: 1, through: b.count, by: 1) {
                let current = row[j]
                row[j] = min(row[j] + 1, row[j - 1] + 1, previous + (a[i - 1] == b[j - 1] ? 0 : 1))
                previous = current
            }
        }
        return row[b.count]
    }
}

// MARK: - Rendering

extension PrivilegeQuestions {
    /// `yes: segment_user can SELECT on table …` and the chain, or `no: …` and the reasons, per variant.
    package static func text(_ answers: [PrivilegeAnswer], question: PrivilegeQuestion) -> String {
        var lines: [String] = []
        for answer in answers {
            lines.append("variant \(answer.variant):")
            switch answer.yes {
            case .some(true):
                lines.append("  yes: \(question.who) can \(normalized(question.can ?? "")) on \(question.on ?? "it")")
            case .some(false):
                lines.append(
                    "  no: \(question.who) cannot \(normalized(question.can ?? "")) on \(question.on ?? "anything")")
            case nil:
                if answer.holdings.isEmpty && answer.reasons.isEmpty { lines.append("  (nothing)") }
            }
            for holding in answer.holdings {
                let unusable = holding.usable ? "" : " (gives nothing: no USAGE on the schema)"
                lines.append("  \(holding.privilege) on \(holding.object)\(unusable)")
                lines.append("    because \(holding.chain)")
            }
            for reason in answer.reasons { lines.append("  - \(reason)") }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    package static func json(_ answers: [PrivilegeAnswer], question: PrivilegeQuestion) -> String {
        var object: [String: Any] = ["who": question.who]
        if let on = question.on { object["on"] = on }
        if let can = question.can { object["can"] = normalized(can) }
        object["answers"] = answers.map { answer -> [String: Any] in
            var entry: [String: Any] = [
                "variant": answer.variant, "reasons": answer.reasons,
                "holdings": answer.holdings.map {
                    ["object": $0.object, "privilege": $0.privilege, "chain": $0.chain, "usable": $0.usable]
                        as [String: Any]
                },
            ]
            if let yes = answer.yes { entry["yes"] = yes }
            return entry
        }
        guard
            let data = try? JSONSerialization.data(
                withJSONObject: object, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        else { return "{}\n" }
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}

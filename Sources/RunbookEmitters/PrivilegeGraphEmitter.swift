package import RunbookCompile
package import RunbookModel
import RunbookPrivileges
import RunbookSQL

/// Who can reach what, as a Graphviz graph (https://graphviz.org/doc/info/lang.html) per variant: users and
/// roles the runbook creates, what they are members of, and the objects they hold privileges on, each edge
/// labelled with the privileges and the step that gives them. Grants on every table of a schema (`ON ALL
/// TABLES`, scoped grants) end at the schema, dashed; grants on tables created later (default privileges) end
/// at the schema or database, dotted. Deterministic: nodes and edges sorted, so golden files can hold them.
package enum PrivilegeGraphEmitter {
    /// A variant's graph as the page shows it: an SVG that Graphviz drew at build time, or why there is none.
    package enum Picture: Sendable, Hashable {
        case svg(String)
        case unavailable(String)
    }

    /// One `digraph` per variant, in the order given.
    package static func dot(_ compiled: CompiledRunbook, variants: [Variant]) -> String {
        variants.map { dot(compiled, variant: $0) }.joined(separator: "\n")
    }

    /// The graph of one variant; an empty graph (a comment says why) when the variant has no result.
    package static func dot(_ compiled: CompiledRunbook, variant: Variant) -> String {
        var lines = GraphStyle.opening(variant.slug, label: title(compiled, variant))
        guard let result = compiled.privileges.results[variant.slug] else {
            return (lines + ["  // no simulation result for this variant", "}"]).joined(separator: "\n") + "\n"
        }
        let graph = Graph(result)
        for node in graph.nodes.sorted(by: { $0.id < $1.id }) {
            lines.append(
                "  \(GraphStyle.quoted(node.id)) [label=\(GraphStyle.quoted(node.label)), shape=\(node.shape)];")
        }
        for edge in graph.edges.sorted() {
            var attributes = ["label=\(GraphStyle.quoted(edge.label))"]
            switch edge.style {
            case .membership: attributes.append("color=\"#2f5bd3\"")
            case .grant: break
            case .allTables: attributes.append("style=dashed")
            case .futureTables: attributes.append("style=dotted")
            case .owner: attributes.append("color=\"#8a93a3\"")
            }
            lines.append(
                "  \(GraphStyle.quoted(edge.from)) -> \(GraphStyle.quoted(edge.to)) [\(attributes.joined(separator: ", "))];"
            )
        }
        return (lines + ["}"]).joined(separator: "\n") + "\n"
    }

    private static func title(_ compiled: CompiledRunbook, _ variant: Variant) -> String {
        variant.labels.isEmpty
            ? compiled.runbook.title : "\(compiled.runbook.title): \(variant.labels.joined(separator: " · "))"
    }

    // MARK: - The graph

    struct Node: Hashable {
        var id: String
        var label: String
        var shape: String
    }

    struct Edge: Hashable, Comparable {
        enum Style: Int, Hashable { case membership, grant, allTables, futureTables, owner }

        var from: String
        var to: String
        var style: Style
        var label: String

        static func < (lhs: Edge, rhs: Edge) -> Bool {
            (lhs.from, lhs.to, lhs.style.rawValue, lhs.label) < (rhs.from, rhs.to, rhs.style.rawValue, rhs.label)
        }
    }

    /// The nodes and edges of one variant's result.
    struct Graph {
        private(set) var nodes = Set<Node>()
        private(set) var edges = Set<Edge>()

        init(_ result: VariantResult) {
            let catalog = result.catalog
            let created = Set(
                catalog.principals.values.filter { $0.origin.isCreatedByRunbook }.map(\.principal))
            // Memberships among the runbook's principals (and the roles they join).
            for membership in catalog.memberships.all where created.contains(membership.member) {
                add(membership.member)
                add(membership.container)
                edges.insert(
                    Edge(
                        from: Self.id(membership.member), to: Self.id(membership.container), style: .membership,
                        label: "member" + Self.at(membership.origin?.step)))
            }
            // Table privileges that a schema-wide grant gave are drawn once, at the schema.
            let schemaWide = Set(catalog.schemaWideChanges.filter { $0.action == .grant }.map(\.origin))
            // Privileges held directly (not through a role: that is the membership edge), grouped per statement.
            for privilege in result.effective {
                guard let last = privilege.provenance.last else { continue }
                let style: Edge.Style
                let origin: StatementOrigin?
                switch last {
                case .grant(let statement):
                    if schemaWide.contains(statement), case .table = privilege.object { continue }
                    style = .grant
                    origin = statement
                case .owner(let statement):
                    style = .owner
                    origin = statement
                case .defaultPrivileges, .scopedGrant:
                    // Drawn from the catalog's default privileges and scoped grants below.
                    continue
                case .memberOf, .everyone, .superuser, .builtIn:
                    continue
                }
                // Only what the principal holds itself: a member reaches the rest through its membership edge,
                // and PUBLIC's grants are PUBLIC's edges.
                guard privilege.provenance.count == 1 else { continue }
                group(
                    style == .owner ? "owner" : privilege.privilege, from: privilege.principal, to: privilege.object,
                    style: style, step: origin?.step)
            }
            for change in catalog.schemaWideChanges where change.action == .grant {
                let schema = CatalogObject.schema(change.schema)
                add(change.grantee)
                add(schema)
                edges.insert(
                    Edge(
                        from: Self.id(change.grantee), to: Self.id(schema), style: .allTables,
                        label: change.privileges.sorted().joined(separator: ", ") + " on all tables (existing)"
                            + Self.at(change.origin.step)))
            }
            for grant in catalog.defaultPrivileges where grant.objectKind == .table {
                group(
                    grant.privilege, from: grant.grantee,
                    to: Self.container(database: grant.database, schema: grant.schema), style: .futureTables,
                    phrase: " on tables created later by \(grant.creator)", step: grant.origin.step)
            }
            addSnowflake(catalog.account)
            for grant in catalog.scopedGrants where grant.objectKind == .table {
                group(
                    grant.privilege, from: grant.grantee,
                    to: Self.container(database: grant.database, schema: grant.schema), style: .allTables,
                    phrase: " on all tables, now and later", step: grant.origin.step)
            }
            for (group, privileges) in groups {
                edges.insert(
                    Edge(
                        from: group.from, to: group.to, style: group.style,
                        label: privileges.sorted().joined(separator: ", ") + group.phrase + Self.at(group.step)))
            }
        }

        /// Edges that list privileges: one per holder, target, kind of edge, phrase and step, the privileges
        /// of all the grants that share them merged into its label.
        private struct Group: Hashable {
            var from: String
            var to: String
            var style: Edge.Style
            var phrase: String
            var step: StepPath?
        }

        private var groups: [Group: Set<String>] = [:]

        private mutating func group(
            _ privilege: String, from holder: Principal, to target: CatalogObject, style: Edge.Style,
            phrase: String = "", step: StepPath?
        ) {
            add(holder)
            add(target)
            groups[
                Group(from: Self.id(holder), to: Self.id(target), style: style, phrase: phrase, step: step), default: []
            ]
            .insert(privilege)
        }

        /// Snowflake's warehouses and its bulk (`ON ALL`) and future (`ON FUTURE`) grants, which its model keeps
        /// in the account (https://docs.snowflake.com/en/sql-reference/sql/grant-privilege).
        private mutating func addSnowflake(_ account: SnowflakeAccount) {
            for warehouse in account.warehouses.values {
                let id = "warehouse \(warehouse.name)"
                nodes.insert(Node(id: id, label: id, shape: "component"))
                for grant in warehouse.grants.all {
                    add(grant.grantee)
                    groups[
                        Group(
                            from: Self.id(grant.grantee), to: id, style: .grant, phrase: "",
                            step: grant.source.origin?.step),
                        default: []
                    ].insert(grant.privilege)
                }
            }
            for grant in account.bulkGrants {
                let target = Self.container(database: grant.database, schema: grant.schema)
                add(grant.grantee)
                add(target)
                edges.insert(
                    Edge(
                        from: Self.id(grant.grantee), to: Self.id(target), style: .allTables,
                        label: grant.privileges.sorted().joined(separator: ", ")
                            + " on all \(grant.objectKind.rawValue)s (existing)" + Self.at(grant.origin.step)))
            }
            for grant in account.futureGrants {
                group(
                    grant.privilege, from: grant.grantee,
                    to: Self.container(database: grant.database, schema: grant.schema), style: .futureTables,
                    phrase: " on future \(grant.objectKind.rawValue)s", step: grant.origin.step)
            }
        }

        private static func container(database: String, schema: String?) -> CatalogObject {
            schema.map { .schema(SchemaName(database: database, schema: $0)) } ?? .database(database)
        }

        private static func at(_ step: StepPath?) -> String {
            guard let step, !step.isEmpty else { return "" }
            return "\nStep \(step)"
        }

        static func id(_ principal: Principal) -> String { "\(principal.kind.rawValue):\(principal.name)" }
        static func id(_ object: CatalogObject) -> String { object.description }

        private mutating func add(_ principal: Principal) {
            let shape =
                switch principal.kind {
                case .user: GraphStyle.Shape.user
                case .role, .group: GraphStyle.Shape.role
                case .public: GraphStyle.Shape.everyone
                }
            let label = principal.kind == .public ? "PUBLIC" : "\(principal.kind.rawValue) \(principal.name)"
            nodes.insert(Node(id: Self.id(principal), label: label, shape: shape))
        }

        private mutating func add(_ object: CatalogObject) {
            let shape: String =
                if case .table = object {
                    GraphStyle.Shape.table
                } else if case .schema = object { GraphStyle.Shape.schema } else { GraphStyle.Shape.database }
            nodes.insert(Node(id: Self.id(object), label: object.description, shape: shape))
        }
    }
}

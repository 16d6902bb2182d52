import RunbookCompile

/// A drift report as a Graphviz graph (https://graphviz.org/doc/info/lang.html), drawn like `explain --format
/// dot`: the users and roles the runbook creates, the roles they are members of, and the objects they hold
/// privileges on, each edge labelled with the privileges and the step that gives them. What the server holds as
/// promised is drawn plainly; what it lacks is dashed red (a missing user, role, database, schema or table has a
/// dashed red outline); what it holds beyond the promise is bold orange and labelled `extra`. Deterministic:
/// nodes and edges sorted, so the same report always gives the same file.
package enum DriftGraph {
    package static func dot(
        title: String, variant: String, promise: Promise, live: LiveSnapshot, outcome: VerifyOutcome
    ) -> String {
        var graph = Graph(promise: promise, outcome: outcome)
        graph.build(promise: promise, live: live, outcome: outcome)
        let verdict = outcome.matches ? "matches" : "\(outcome.distance) differences"
        var lines = GraphStyle.opening(
            variant,
            label: "\(title): verify against \(variant), \(verdict)\n"
                + "plain: as promised · dashed red: missing · bold orange: extra")
        for node in graph.nodes.values.sorted(by: { $0.id < $1.id }) {
            var attributes = ["label=\(GraphStyle.quoted(node.label))", "shape=\(node.shape)"]
            if node.missing { attributes += [Status.missing.color, "style=dashed", "fontcolor=\"#c62828\""] }
            lines.append("  \(GraphStyle.quoted(node.id)) [\(attributes.joined(separator: ", "))];")
        }
        for (key, privileges) in graph.edges.sorted(by: { $0.key < $1.key }) {
            var label = privileges.sorted().joined(separator: ", ")
            switch key.kind {
            case .grant: break
            case .future(let creator): label += " on tables created later by \(creator)"
            case .membership: label = "member"
            }
            switch key.status {
            case .present: break
            case .missing: label = "missing: " + label
            case .extra: label = "extra: " + label
            }
            if let step = key.step { label += "\nStep \(step)" }
            var attributes = ["label=\(GraphStyle.quoted(label))"]
            switch key.status {
            case .present:
                if case .membership = key.kind { attributes.append("color=\"#2f5bd3\"") }
                if case .future = key.kind { attributes.append("style=dotted") }
            case .missing: attributes += [Status.missing.color, "fontcolor=\"#c62828\"", "style=dashed"]
            case .extra: attributes += [Status.extra.color, "fontcolor=\"#b35c00\"", "style=bold"]
            }
            lines.append(
                "  \(GraphStyle.quoted(key.from)) -> \(GraphStyle.quoted(key.to)) "
                    + "[\(attributes.joined(separator: ", "))];")
        }
        return (lines + ["}"]).joined(separator: "\n") + "\n"
    }

    enum Status: Int, Comparable {
        case present, missing, extra

        var color: String {
            switch self {
            case .present: "color=\"#000000\""
            case .missing: "color=\"#c62828\""
            case .extra: "color=\"#e07b00\""
            }
        }

        static func < (lhs: Status, rhs: Status) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    struct Node {
        var id: String
        var label: String
        var shape: String
        var missing: Bool
    }

    /// One edge: privileges that share holder, target, kind, status and step are one label.
    struct EdgeKey: Hashable, Comparable {
        enum Kind: Hashable, Comparable {
            case membership
            case grant
            /// Default privileges: tables the creator makes later.
            case future(creator: String)
        }

        var from: String
        var to: String
        var kind: Kind
        var status: Status
        var step: String?

        static func < (lhs: EdgeKey, rhs: EdgeKey) -> Bool {
            let left = (lhs.from, lhs.to, lhs.status.rawValue, lhs.step ?? "")
            let right = (rhs.from, rhs.to, rhs.status.rawValue, rhs.step ?? "")
            return left != right ? left < right : lhs.kind < rhs.kind
        }
    }

    struct Graph {
        var nodes: [String: Node] = [:]
        var edges: [EdgeKey: Set<String>] = [:]
        private let users: Set<String>
        private let missingPrincipals: Set<String>
        private let missingObjects: Set<PrivilegeTarget>

        init(promise: Promise, outcome: VerifyOutcome) {
            users = promise.users
            var principals = Set<String>()
            var objects = Set<PrivilegeTarget>()
            for difference in outcome.differences {
                switch difference {
                case .missingPrincipal(let name): principals.insert(name)
                case .missingDatabase(let database): objects.insert(PrivilegeTarget(database: database))
                case .missingObject(let target): objects.insert(target)
                default: break
                }
            }
            missingPrincipals = principals
            missingObjects = objects
        }

        mutating func build(promise: Promise, live: LiveSnapshot, outcome: VerifyOutcome) {
            for name in promise.principals.keys { add(principal: name) }
            var missing = Set<HeldPrivilege>()
            var extra: [HeldPrivilege] = []
            var missingMemberships = Set<RoleMembership>()
            var missingDefaults = Set<DefaultTablePrivilege>()
            var extraDefaults: [DefaultTablePrivilege] = []
            for difference in outcome.differences {
                switch difference {
                case .missingPrivilege(let expected, _): missing.insert(expected.privilege)
                case .extraPrivilege(let privilege): extra.append(privilege)
                case .missingMembership(let expected): missingMemberships.insert(expected.membership)
                case .missingDefaultPrivilege(let expected): missingDefaults.insert(expected.privilege)
                case .extraDefaultPrivilege(let entry): extraDefaults.append(entry)
                case .missingPrincipal, .missingDatabase, .missingObject: break
                }
            }
            // A privilege held through a role is drawn once, at the role (the member reaches it through its
            // membership edge), with the role's own status when the promise lists it.
            let expected = Dictionary(promise.privileges.map { ($0.privilege, $0) }) { first, _ in first }
            var drawn = Set<HeldPrivilege>()
            for entry in promise.privileges.sorted(by: { $0.privilege < $1.privilege }) {
                var holder = entry.privilege.principal
                if let grantee = entry.grantee, grantee != holder, promise.principals[grantee] != nil {
                    holder = grantee
                }
                let held = HeldPrivilege(
                    principal: holder, privilege: entry.privilege.privilege, target: entry.privilege.target)
                guard drawn.insert(held).inserted else { continue }
                let own = expected[held]
                let isMissing = own.map { missing.contains($0.privilege) } ?? missing.contains(entry.privilege)
                add(
                    entry.privilege.privilege, from: holder, to: held.target, kind: .grant,
                    status: isMissing ? .missing : .present, step: (own ?? entry).step)
            }
            for privilege in extra {
                add(privilege.privilege, from: privilege.principal, to: privilege.target, kind: .grant, status: .extra)
            }
            for entry in promise.memberships {
                let membership = entry.membership
                add(principal: membership.role)
                let key = EdgeKey(
                    from: Self.id(principal: membership.member), to: Self.id(principal: membership.role),
                    kind: .membership, status: missingMemberships.contains(membership) ? .missing : .present,
                    step: entry.step)
                edges[key, default: []].insert("member")
            }
            for entry in promise.defaultPrivileges {
                let privilege = entry.privilege
                add(
                    privilege.privilege, from: privilege.grantee,
                    to: PrivilegeTarget(database: privilege.database, schema: privilege.schema),
                    kind: .future(creator: privilege.creator.isEmpty ? "the runbook's user" : privilege.creator),
                    status: missingDefaults.contains(privilege) ? .missing : .present, step: entry.step)
            }
            for privilege in extraDefaults {
                add(
                    privilege.privilege, from: privilege.grantee,
                    to: PrivilegeTarget(database: privilege.database, schema: privilege.schema),
                    kind: .future(creator: privilege.creator), status: .extra)
            }
        }

        private mutating func add(
            _ privilege: String, from principal: String, to target: PrivilegeTarget, kind: EdgeKey.Kind,
            status: Status, step: String? = nil
        ) {
            add(principal: principal)
            add(target: target)
            let key = EdgeKey(
                from: Self.id(principal: principal), to: Self.id(target: target), kind: kind, status: status,
                step: step)
            edges[key, default: []].insert(privilege)
        }

        private mutating func add(principal name: String) {
            let id = Self.id(principal: name)
            guard nodes[id] == nil else { return }
            let isUser = users.contains(name)
            let label = name == "PUBLIC" ? "PUBLIC" : "\(isUser ? "user" : "role") \(name)"
            let shape =
                name == "PUBLIC"
                ? GraphStyle.Shape.everyone
                : isUser ? GraphStyle.Shape.user : GraphStyle.Shape.role
            nodes[id] = Node(id: id, label: label, shape: shape, missing: missingPrincipals.contains(name))
        }

        private mutating func add(target: PrivilegeTarget) {
            let id = Self.id(target: target)
            guard nodes[id] == nil else { return }
            let shape =
                switch target.kind {
                case .database: GraphStyle.Shape.database
                case .schema: GraphStyle.Shape.schema
                case .table: GraphStyle.Shape.table
                }
            nodes[id] = Node(id: id, label: target.description, shape: shape, missing: missingObjects.contains(target))
        }

        static func id(principal name: String) -> String { "principal:\(name)" }
        static func id(target: PrivilegeTarget) -> String { target.description }
    }
}

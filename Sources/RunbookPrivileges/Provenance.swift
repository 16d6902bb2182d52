package import RunbookDiagnostics
package import RunbookModel

/// The statement of the runbook that changed the catalog: where it is and what it says.
package struct StatementOrigin: Hashable, Sendable, Comparable {
    /// The statement's words up to its grantee clause, on one line: `GRANT SELECT ON ALL TABLES IN SCHEMA devices`.
    package var summary: String
    /// The step the statement belongs to (`3.4.2`); empty outside steps.
    package var step: StepPath
    /// The statement's range in the Markdown file.
    package var range: SourceRange
    /// The index of the block it comes from.
    package var blockIndex: Int

    package init(summary: String, step: StepPath, range: SourceRange, blockIndex: Int) {
        self.summary = summary
        self.step = step
        self.range = range
        self.blockIndex = blockIndex
    }

    package var line: Int { range.start.line }

    /// `Step 3.4.2, line 161`, or `line 161` outside steps.
    package var location: String {
        step.isEmpty ? "line \(line)" : "Step \(step), line \(line)"
    }

    package static func < (lhs: StatementOrigin, rhs: StatementOrigin) -> Bool {
        (lhs.range.start, lhs.summary) < (rhs.range.start, rhs.summary)
    }
}

/// One link of the chain that explains why a principal holds a privilege, read from the principal outwards.
package enum ProvenanceStep: Hashable, Sendable {
    /// The principal is a member of this role or group (granted by `origin`; nil when pre-existing).
    case memberOf(Principal, origin: StatementOrigin?)
    /// Everyone holds what PUBLIC holds.
    case everyone
    /// A grant statement of the runbook, an object grant or a schema-wide `ON ALL TABLES IN SCHEMA`.
    case grant(StatementOrigin)
    /// `ALTER DEFAULT PRIVILEGES` (or a Snowflake `ON FUTURE` grant) applied when the table was created.
    case defaultPrivileges(StatementOrigin)
    /// A Redshift scoped grant: `GRANT … FOR TABLES IN SCHEMA s`.
    case scopedGrant(StatementOrigin)
    /// The principal owns the object (created it, or was named its owner by `origin`).
    case owner(StatementOrigin?)
    /// A superuser bypasses privilege checks.
    case superuser
    /// What the database grants by itself, for example PUBLIC's CREATE and USAGE on schema `public` in Redshift.
    case builtIn(String)
}

// MARK: - Describing

extension ProvenanceStep: CustomStringConvertible {
    package var description: String {
        switch self {
        case .memberOf(let principal, _):
            "member of \(principal.kind == .group ? "group " : "")\(principal.name)"
        case .everyone: "PUBLIC"
        case .grant(let origin), .scopedGrant(let origin): "\(origin.summary), \(origin.location)"
        case .defaultPrivileges(let origin): "\(origin.summary), \(origin.location)"
        case .owner(let origin): origin.map { "owner (\($0.summary), \($0.location))" } ?? "owner"
        case .superuser: "superuser"
        case .builtIn(let what): what
        }
    }

    /// The statement this step points at, if any.
    package var origin: StatementOrigin? {
        switch self {
        case .memberOf(_, let origin), .owner(let origin): origin
        case .grant(let origin), .defaultPrivileges(let origin), .scopedGrant(let origin): origin
        case .everyone, .superuser, .builtIn: nil
        }
    }
}

/// `segment_user ← member of segment_linked_role ← GRANT SELECT ON ALL TABLES IN SCHEMA devices, Step 3.4.2, line 161`.
package func describe(_ provenance: [ProvenanceStep], of principal: String) -> String {
    ([principal] + provenance.map(\.description)).joined(separator: " ← ")
}

/// The provenance chain of an effective privilege, starting at its principal.
package func describe(_ privilege: EffectivePrivilege) -> String {
    describe(privilege.provenance, of: privilege.principal.name)
}

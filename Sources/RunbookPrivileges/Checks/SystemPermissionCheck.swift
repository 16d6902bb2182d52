public import RunbookDiagnostics

/// A system permission (`CREATE USER`, `DROP TABLE`, …) is cluster-wide: a user who holds it through a role can
/// use it in every database. Grants straight to a user are the SQL checks' finding (`sql.dialect-mismatch`),
/// since Redshift rejects them.
public struct SystemPermissionCheck: PrivilegeCheck {
    public static let rule = Rule.privilegesSystemPermission

    public init() {}

    public func check(_ simulation: Simulation) -> [Diagnostic] {
        let catalog = simulation.catalog
        var diagnostics: [Diagnostic] = []
        for grant in catalog.systemPermissions where grant.grantee.kind == .role {
            let users = catalog.users(holding: grant.grantee)
            guard !users.isEmpty else { continue }
            let names = users.map(\.name).joined(separator: ", ")
            diagnostics.append(
                Diagnostic(
                    Self.rule,
                    "\(names) \(users.count == 1 ? "receives" : "receive") the cluster-wide system permission "
                        + "\(grant.permission) through role \(grant.grantee.name)",
                    at: grant.origin.range,
                    notes: [
                        DiagnosticNote(
                            "system permissions apply in every database; grant object privileges instead "
                                + "where they are enough")
                    ]))
        }
        return diagnostics
    }
}

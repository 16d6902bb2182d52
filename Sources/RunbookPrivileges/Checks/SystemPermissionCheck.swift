package import RunbookDiagnostics

/// A system permission (`CREATE USER`, `DROP TABLE`, …) is cluster-wide: a user who holds it through a role can
/// use it in every database. Grants straight to a user are the SQL checks' finding (`sql.dialect-mismatch`),
/// since Redshift rejects them.
package struct SystemPermissionCheck: PrivilegeCheck {
    package static let rule = Rule.privilegesSystemPermission

    package init() {}

    package func check(_ simulation: Simulation) -> [Diagnostic] {
        let catalog = simulation.catalog
        var diagnostics: [Diagnostic] = []
        for grant in catalog.systemPermissions where grant.grantee.kind == .role {
            let users = catalog.users(holding: grant.grantee)
            guard !users.isEmpty else { continue }
            diagnostics.append(
                Diagnostic(
                    SystemPermissionMessage(
                        users: users.map(\.name), permission: grant.permission, role: grant.grantee.name),
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

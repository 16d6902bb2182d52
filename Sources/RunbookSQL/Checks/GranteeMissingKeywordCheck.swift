package import RunbookDiagnostics

/// Redshift reads a bare grantee as a user (reference §1.1, §8.8): `TO analysts` for a role or group fails.
package struct GranteeMissingKeywordCheck: StatementCheck {
    package static let rule = Rule.sqlGranteeMissingKeyword

    package init() {}

    package func check(_ statements: [Statement], context: SQLCheckContext) -> [Diagnostic] {
        guard context.dialect == .redshift else { return [] }
        return statements.flatMap { statement -> [Diagnostic] in
            guard let privileges = statement.privilegeStatement else { return [] }
            return privileges.grantees.compactMap { grantee -> Diagnostic? in
                guard grantee.kind == .unqualified, let name = grantee.name,
                    !context.userNames.contains(name.value)
                else { return nil }
                let keyword: String
                if context.roleNames.contains(name.value) {
                    keyword = "ROLE"
                } else if context.groupNames.contains(name.value) {
                    keyword = "GROUP"
                } else {
                    return nil
                }
                return Diagnostic(
                    GranteeMissingKeywordMessage(name: name, keyword: keyword), at: name.range,
                    fixIts: [
                        FixIt(
                            "add \(keyword)", range: name.range, replacement: "\(keyword) \(name.raw)",
                            applicability: .safe)
                    ])
            }
        }
    }
}

package import RunbookDiagnostics

/// A user created with a password while the page says only key-pair sign-in works: the user the reader ends up
/// with cannot sign in the way the page requires (https://docs.snowflake.com/en/user-guide/key-pair-auth,
/// https://docs.snowflake.com/en/user-guide/security-mfa-rollout).
package struct SnowflakePasswordDespiteKeyPairCheck: PrivilegeCheck {
    package static let rule = Rule.snowflakePasswordDespiteKeyPair

    package init() {}

    package func check(_ simulation: Simulation) -> [Diagnostic] {
        simulation.events.compactMap { event in
            guard case .snowflake(.passwordDespiteKeyPair(let user, let range, let claim, _)) = event else {
                return nil
            }
            var notes = [
                DiagnosticNote("set RSA_PUBLIC_KEY instead of PASSWORD (ALTER USER \(user) SET RSA_PUBLIC_KEY = '…')")
            ]
            if let claim {
                notes.insert(DiagnosticNote("the page says only key-pair sign-in is supported", at: claim), at: 0)
            }
            return Diagnostic(
                SnowflakePasswordDespiteKeyPairMessage(user: user), at: range, notes: notes)
        }
    }
}

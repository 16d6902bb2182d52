public import RunbookDiagnostics

// MARK: - Passwords

extension Statement {
    /// Every password this statement sets (CREATE/ALTER USER or ROLE … PASSWORD), with its owner and the
    /// block-relative range of the value; for redaction of every output.
    public var passwords: [(owner: Identifier, spec: PasswordSpec, range: SourceRange)] {
        passwordOptions.map { ($0.owner, $0.spec, $0.range) }
    }
}

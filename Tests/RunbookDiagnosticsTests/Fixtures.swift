import RunbookDiagnostics
import RunbookTestSupport

import struct RunbookDiagnostics.SourceLocation

/// A small rule catalog standing in for the stages' catalogs.
enum TestRules {
    static let unknownRole = Rule("privileges.unknown-role", .error, "A grant names a role that was never created.")
    static let literalPassword = Rule(
        "secrets.literal-password", .warning, "A script would contain a literal password.")
    static let notChecked = Rule("blocks.not-checked", .note, "A block is shown but not checked.")
    static let syntax = Rule("sql.syntax", .error, "SQL that does not parse.")

    static let all = [literalPassword, notChecked, syntax, unknownRole]
}

/// One guide with a diagnostic of every severity, notes with and without a position, a fix-it,
/// variants, a tab and multi-byte characters before a range, and a second file without findings.
enum Sample {
    static let guide = MarkedText(
        """
        # Grant access 🔑
        \tGRANT SELECT ON café.users TO 1️⃣segment_rol2️⃣;
        CREATE ROLE 3️⃣segment_role4️⃣;
        CREATE USER u PASSWORD 5️⃣'Secret|1'6️⃣;
        7️⃣SELECT * FROM `t`;
        """
    )

    static var diagnostics: [Diagnostic] {
        [
            Diagnostic(
                TestRules.notChecked, "block is in another dialect (BigQuery); not checked",
                at: SourceRange(guide.location(7))
            ),
            Diagnostic(
                TestRules.literalPassword, "literal password in the script",
                at: guide.range(5, 6),
                fixIts: [
                    FixIt(
                        "use a psql variable", range: guide.range(5, 6), replacement: ":'password'",
                        applicability: .safe)
                ]
            ),
            Diagnostic(
                TestRules.unknownRole, "role 'segment_rol' is never created",
                at: guide.range(1, 2),
                notes: [
                    DiagnosticNote("did you mean 'segment_role'?"),
                    DiagnosticNote("'segment_role' is created here", at: guide.range(3, 4)),
                ],
                fixIts: [FixIt("", range: guide.range(1, 2), replacement: "segment_role", applicability: .safe)],
                variants: ["permissions-1", "permissions-2"]
            ),
        ]
    }

    static var files: [FileDiagnostics] {
        [
            FileDiagnostics(path: "docs/guide.md", source: guide.text, diagnostics: diagnostics),
            FileDiagnostics(path: "docs/clean.md", source: "# Nothing to see\n", diagnostics: []),
        ]
    }
}

import Foundation
import Testing

/// No password from a document reaches any output: scripts, checklists, HTML, JSON, SARIF, annotations,
/// explain, or the source lines that diagnostics quote.
@Suite struct SecretsTests {
    static let passwords = [
        "Abc123", "Sup3rSecretPass", "An0therSecret", "Th1rdSecret!x", "md5abcdefabcdef", "SnowSecretSix9",
        "PwValueSeven7", "SkipSecretNine9", "SnowPageSecret8", "SnowLiteralTen10",
        // Broken statements, skipped blocks, a tuple assignment and an unterminated string.
        "TokValue11x", "SecretVal19", "TupleSecret17", "Quoted1Secret", "SkipSecret14", "SkipToken20", "SkipTuple21",
        "Unterminated16",
        // runbooks/snowflake-data-graph.md, as published.
        "my-safe-password",
    ]

    static let document = """
        ---
        title: Users
        ---
        ## Step 1: Create users

        ```sql
        CREATE USER alpha PASSWORD 'Sup3rSecretPass';
        CREATE USER beta PASSWORD "An0therSecret";
        ALTER USER alpha PASSWORD 'Th1rdSecret!x';
        CREATE USER gamma WITH PASSWORD 'md5abcdefabcdef' CREATEDB;
        ```

        A statement that does not parse in Redshift, a variable named like a secret, and a skipped block:

        ```sql
        CREATE USER s1 PASSWORD = 'SnowSecretSix9';
        SET pw = 'PwValueSeven7';
        CREATE USER s6 PASSWORD DISABLE api_token = 'TokValue11x';
        ALTER USER s1 SET app_secret TO 'SecretVal19' BOGUS;
        SET (user_name, user_password) = ('u', 'TupleSecret17');
        GRANT SELECT ON t TO PASSWORD 'Quoted1Secret';
        ```

        ```snowflake
        CREATE USER s2 PASSWORD = 'SkipSecretNine9';
        SET segment_secret = 'SkipSecret14';
        SET segment_token = 'SkipToken20';
        SET (segment_user, segment_password) = ('u', 'SkipTuple21');
        ```

        A password whose string has no end: the rest of the block is the lexer's one error token.

        ```sql
        CREATE USER s5 PASSWORD 'Unterminated16;
        ```
        """

    /// A Snowflake page: a password given to a session variable, and one written on CREATE USER.
    static let snowflakeDocument = """
        ---
        title: Snowflake users
        dialect: snowflake
        ---
        ## Step 1: Create users

        ```sql
        SET segment_password = 'SnowPageSecret8';
        CREATE USER IF NOT EXISTS sf_user PASSWORD = $segment_password;
        CREATE USER sf_other PASSWORD = 'SnowLiteralTen10';
        ```
        """

    func assertClean(_ text: String, _ context: String, sourceLocation: SourceLocation = #_sourceLocation) {
        for password in Self.passwords {
            #expect(
                !text.contains(password), "\(context) contains the password \(password)", sourceLocation: sourceLocation
            )
        }
    }

    @Test func noOutputCarriesAPassword() throws {
        let work = try RunbookProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: work) }
        let users = work.appendingPathComponent("users.md")
        try Data(Self.document.utf8).write(to: users)
        let guide = RunbookProcess.packageRoot.appendingPathComponent("runbooks/redshift-data-graph.md").path
        let snowflakeUsers = work.appendingPathComponent("snowflake-users.md")
        try Data(Self.snowflakeDocument.utf8).write(to: snowflakeUsers)
        let snowflakeGuide = RunbookProcess.packageRoot.appendingPathComponent("runbooks/snowflake-data-graph.md").path
        let out = work.appendingPathComponent("out")
        var runs: [[String]] = []
        for file in [users.path, guide, snowflakeUsers.path, snowflakeGuide] {
            for format in ["text", "json", "sarif", "github"] { runs.append(["check", file, "--format", format]) }
            for format in ["text", "json"] {
                runs.append(["explain", file, "--format", format])
                runs.append(["variants", file, "--format", format])
            }
        }
        for file in [users.path, guide] {
            for dialect in ["redshift", "postgres"] {
                runs.append(["build", file, "--out", out.path, "--dialect", dialect, "--force"])
            }
        }
        // Snowflake pages are built for SnowSQL only, with their verification scripts.
        for file in [snowflakeUsers.path, snowflakeGuide] {
            runs.append(["build", file, "--out", out.path, "--verification", "--force"])
        }
        let summary = work.appendingPathComponent("summary.md")
        for arguments in runs {
            let result = try RunbookProcess.run(arguments, environment: ["GITHUB_STEP_SUMMARY": summary.path])
            #expect(result.status != 2, "\(arguments): \(result.stderr)")
            assertClean(result.stdout, "stdout of \(arguments)")
            assertClean(result.stderr, "stderr of \(arguments)")
        }
        var written = 0
        for name in try FileManager.default.subpathsOfDirectory(atPath: out.path) {
            let url = out.appendingPathComponent(name)
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue
            else { continue }
            assertClean(try String(contentsOf: url, encoding: .utf8), name)
            written += 1
        }
        #expect(written >= 16)
        if FileManager.default.fileExists(atPath: summary.path) {
            assertClean(try String(contentsOf: summary, encoding: .utf8), "the step summary")
        }
        let script = try String(contentsOf: out.appendingPathComponent("users/default.sql"), encoding: .utf8)
        #expect(script.contains("CREATE USER alpha PASSWORD :'alpha_password';"))
        #expect(script.contains("ALTER USER alpha PASSWORD :'alpha_password';"))
        #expect(script.contains("\\if :{?beta_password}"))
        let snowflakeScript = try String(
            contentsOf: out.appendingPathComponent("snowflake-users/default.sql"), encoding: .utf8)
        #expect(snowflakeScript.contains("-D segment_password=..."))
        #expect(
            FileManager.default.fileExists(
                atPath: out.appendingPathComponent("snowflake-data-graph/default.verify.sql").path))
    }
}

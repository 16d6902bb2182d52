import Foundation
import RunbookCompile
import RunbookDiagnostics
import RunbookDriver
import RunbookEmitters
import RunbookSQL
import RunbookTestSupport
import Testing

import struct RunbookDiagnostics.SourceLocation

/// The SQL stage's typo, placeholder and secret findings as the whole pipeline carries them.
@Suite struct SQLTypoDriverTests {
    private func compile(_ text: String) -> CompiledRunbook {
        RunbookCompiler().compile(path: "t.md", bytes: Array(text.utf8))
    }

    private func outputs(_ compiled: CompiledRunbook) throws -> [OutputFile] {
        var files: [OutputFile] = []
        for dialect in SQLDialect.allCases {
            files +=
                Builder.outputs(
                    compiled, variants: compiled.variants, dialect: dialect, html: try HTMLTemplates.builtin
                ).files
        }
        return files
    }

    /// A hole does not hide the block's other mistakes, and the block is still not copied into a script.
    @Test func sqlWithHolesIsCheckedButNotRun() throws {
        let marked = MarkedText(
            """
            ## Step 1: Read

            ```sql
            1️⃣SELECT id FROM t WHERE 2️⃣);
            SELECT * FROM "your_source".tracks;
            ```
            """)
        let compiled = compile(marked.text)
        let found = compiled.diagnostics.map { "\($0.rule.rawValue)@\($0.range.start)" }
        #expect(found.contains("sql.syntax@\(marked.location(2))"))
        #expect(compiled.diagnostics.contains { $0.rule == Rule.blockNotChecked.id })
        let scripts = try outputs(compiled).filter { $0.path.hasSuffix(".sql") }
        #expect(!scripts.isEmpty)
        for script in scripts {
            #expect(!script.contents.contains("your_source"), "\(script.path)")
            #expect(script.contents.contains("was not copied"), "\(script.path)")
        }
    }

    /// A misspelt privilege is one finding: not also a privilege beyond the prose's claim.
    @Test func misspeltPrivilegeIsNotBeyondTheClaim() {
        let marked = MarkedText(
            """
            # Test

            ## Roles

            ### Reader role (reader_role)

            - Read access to the sales schema (for example, sales)

            ## Setup

            ### Step 1: Grant

            ```sql
            CREATE SCHEMA sales;
            CREATE ROLE reader_role;
            GRANT USAGE ON SCHEMA sales TO ROLE reader_role;
            GRANT 1️⃣SELCT ON ALL TABLES IN SCHEMA sales TO ROLE reader_role;
            ```
            """)
        let compiled = compile(marked.text)
        #expect(
            compiled.diagnostics.filter { $0.rule == Rule.sqlUnknownPrivilege.id }.map(\.range.start) == [
                marked.location(1)
            ])
        #expect(!compiled.diagnostics.contains { $0.rule == Rule.privilegesBeyondClaim.id })
        #expect(
            !compiled.diagnostics.contains { $0.message.contains("SELCT") && $0.rule != Rule.sqlUnknownPrivilege.id })
    }

    static let secrets = ["SnowSecretSix9", "PwValueSeven7", "TokValueEight8", "SkipSecretNine9", "SecretTen10x"]

    /// Secrets the grammar cannot read as a password option reach no output either.
    @Test func secretsInBrokenStatementsAndSkippedBlocksReachNoOutput() throws {
        let text = """
            ## Step 1: Users

            ```sql
            CREATE USER s1 PASSWORD = 'SnowSecretSix9';
            SET pw = 'PwValueSeven7';
            SET api_token TO 'TokValueEight8';
            GRANT SELECT ON t TO s1;
            ```

            ```snowflake
            CREATE USER s2 PASSWORD = 'SkipSecretNine9';
            ```

            ```sql
            CREATE USER s3 PASSWORD 'SecretTen10x' FROBNICATE;
            SELECT * FROM <schema>.t;
            ```
            """
        let compiled = compile(text)
        let files = [FileDiagnostics(path: "t.md", lines: compiled.displayLines, diagnostics: compiled.diagnostics)]
        var rendered: [(String, String)] = [
            ("text", TextRenderer(colors: false).render(files, rules: Rule.catalog)),
            ("json", JSONRenderer().render(files, rules: Rule.catalog)),
            ("sarif", SARIFRenderer(toolVersion: "test").render(files, rules: Rule.catalog)),
            ("github", GitHubActionsRenderer().render(files, rules: Rule.catalog)),
        ]
        #expect(compiled.diagnostics.contains { $0.rule == Rule.sqlSyntax.id })
        let outputs = try outputs(compiled)
        #expect(outputs.contains { $0.path.hasSuffix(".html") })
        #expect(outputs.contains { $0.path.hasSuffix(".checklist.md") })
        rendered += outputs.map { ($0.path, $0.contents) }
        for (name, output) in rendered {
            for secret in Self.secrets {
                #expect(!output.contains(secret), "\(name) contains \(secret)")
            }
        }
    }
    static let keys = ["SecretKeyEleven11", "SessionTokenTwelve12", "RootKeyThirteen13", "CredSecretFourteen14"]

    /// COPY's and UNLOAD's keys (SECRET_ACCESS_KEY, SESSION_TOKEN, MASTER_SYMMETRIC_KEY, a CREDENTIALS string with a
    /// secret key) are secrets: the script takes them from psql variables named after the parameter, and no output
    /// shows them, in a statement that parses and in one that does not.
    @Test func copyAndUnloadKeysReachNoOutput() throws {
        let text = """
            ## Step 1: Load

            ```sql
            COPY venue FROM 's3://b/venue.csv' ACCESS_KEY_ID 'AKIAEXAMPLE'
              SECRET_ACCESS_KEY 'SecretKeyEleven11' SESSION_TOKEN 'SessionTokenTwelve12' CSV;
            UNLOAD ('select * from venue') TO 's3://b/v_' IAM_ROLE default
              MASTER_SYMMETRIC_KEY 'RootKeyThirteen13' ENCRYPTED;
            COPY venue FROM 's3://b/venue.csv'
              CREDENTIALS 'aws_access_key_id=AKIAEXAMPLE;aws_secret_access_key=CredSecretFourteen14' 'oops';
            COPY venue FROM 's3://b/venue.csv' CREDENTIALS 'aws_iam_role=arn:aws:iam::1:role/R' CSV;
            ```
            """
        let compiled = compile(text)
        #expect(
            compiled.secrets.map(\.variable) == [
                "secret_access_key", "session_token", "master_symmetric_key", "credentials",
            ])
        let files = [FileDiagnostics(path: "t.md", lines: compiled.displayLines, diagnostics: compiled.diagnostics)]
        #expect(compiled.diagnostics.contains { $0.rule == Rule.sqlSyntax.id })
        var rendered: [(String, String)] = [("text", TextRenderer(colors: false).render(files, rules: Rule.catalog))]
        rendered += try outputs(compiled).map { ($0.path, $0.contents) }
        for (name, output) in rendered {
            for key in Self.keys { #expect(!output.contains(key), "\(name) contains \(key)") }
        }
        let script = try #require(try outputs(compiled).first { $0.path.hasSuffix(".sql") })
        #expect(script.contents.contains("SECRET_ACCESS_KEY :'secret_access_key' SESSION_TOKEN :'session_token'"))
        // The line that stops a run without the variable names what it holds.
        #expect(script.contents.contains("set the secret access key with psql -v secret_access_key=..."))
        #expect(script.contents.contains("set the master symmetric key with psql -v master_symmetric_key=..."))
        #expect(!script.contents.contains("set the password"))
        // A credentials string that names only a role holds no secret.
        #expect(script.contents.contains("CREDENTIALS 'aws_iam_role=arn:aws:iam::1:role/R'"))
    }

    /// An identity provider's PARAMETERS holding its client secret are a secret too: the script takes the whole JSON
    /// from a psql variable, and no output shows the secret; PARAMETERS without one are left as written.
    @Test func identityProviderClientSecretReachesNoOutput() throws {
        let text = """
            ## Step 1: Identity provider

            ```sql
            CREATE IDENTITY PROVIDER oauth_standard TYPE azure
            NAMESPACE 'aad'
            PARAMETERS '{"issuer":"https://sts.windows.net/2sdfdsf-d475-420d-b5ac-667adad7c702/",
            "client_id":"87f4aa26-78b7-410e-bf29-57b39929ef9a",
            "client_secret":"ClientSecretFifteen15",
            "audience":["https://analysis.windows.net/powerbi/connector/AmazonRedshift"]}';
            ALTER IDENTITY PROVIDER other_provider PARAMETERS '{"issuer":"https://example.com/"}';
            ```
            """
        let compiled = compile(text)
        #expect(compiled.secrets.map(\.variable) == ["parameters"])
        let files = [FileDiagnostics(path: "t.md", lines: compiled.displayLines, diagnostics: compiled.diagnostics)]
        var rendered: [(String, String)] = [("text", TextRenderer(colors: false).render(files, rules: Rule.catalog))]
        rendered += try outputs(compiled).map { ($0.path, $0.contents) }
        for (name, output) in rendered {
            #expect(!output.contains("ClientSecretFifteen15"), "\(name) contains the client secret")
        }
        let script = try #require(try outputs(compiled).first { $0.path.hasSuffix(".sql") })
        #expect(script.contents.contains("NAMESPACE 'aad'\nPARAMETERS :'parameters';"))
        #expect(script.contents.contains("PARAMETERS '{\"issuer\":\"https://example.com/\"}'"))
    }

    /// Snowflake's stage credentials and encryption key (`AWS_SECRET_KEY = '…'`, `AZURE_SAS_TOKEN = '…'`,
    /// `MASTER_KEY = '…'`) are secrets: SnowSQL variables named after the option in the script, masked everywhere
    /// else; the key's id is no secret.
    @Test func snowflakeStageCredentialsReachNoOutput() throws {
        let text = """
            ---
            dialect: snowflake
            ---
            ## Step 1: Stage

            ```sql
            CREATE STAGE s URL = 's3://b/p/'
              CREDENTIALS = (AWS_KEY_ID = 'AKIAEXAMPLE' AWS_SECRET_KEY = 'StageSecretSixteen16')
              ENCRYPTION = (TYPE = 'AWS_CSE' MASTER_KEY = 'StageRootSeventeen17');
            CREATE STAGE a URL = 'azure://acct.blob.core.windows.net/c/'
              CREDENTIALS = (AZURE_SAS_TOKEN = 'SasTokenEighteen18');
            ```
            """
        let compiled = compile(text)
        #expect(compiled.secrets.map(\.variable) == ["aws_secret_key", "master_key", "azure_sas_token"])
        let files = [FileDiagnostics(path: "t.md", lines: compiled.displayLines, diagnostics: compiled.diagnostics)]
        var rendered: [(String, String)] = [("text", TextRenderer(colors: false).render(files, rules: Rule.catalog))]
        rendered += try outputs(compiled).map { ($0.path, $0.contents) }
        #expect(rendered.count > 3)
        for (name, output) in rendered {
            for key in ["StageSecretSixteen16", "StageRootSeventeen17", "SasTokenEighteen18"] {
                #expect(!output.contains(key), "\(name) contains \(key)")
            }
        }
        let script = try #require(
            try outputs(compiled).first {
                $0.path.hasSuffix(".sql") && $0.contents.contains("-- runbook-dialect: snowflake")
            })
        #expect(script.contents.contains("AWS_KEY_ID = 'AKIAEXAMPLE' AWS_SECRET_KEY = '&aws_secret_key'"))
        #expect(script.contents.contains("-D aws_secret_key=... -D master_key=... -D azure_sas_token=..."))
        #expect(script.contents.contains("Secrets are SnowSQL variables"))
    }
}

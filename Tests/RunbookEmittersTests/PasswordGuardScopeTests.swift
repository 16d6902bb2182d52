import Foundation
import RunbookDriver
import RunbookEmitters
import RunbookSQL
import Testing

/// The password guard asks for the passwords the script uses. A template it leaves out (`<user_name>`, as the
/// Airbyte page's first step) made it ask for `<user_name>_password`, which psql cannot even set, and no
/// `-v` could make the script run; a variant without the user does not ask for its password either.
@Suite struct PasswordGuardScopeTests {
    static let page = """
        ---
        dialect: postgres
        ---

        # Readers

        ## Option 1

        ### Step 1: Create the template user

        ```sql
        CREATE USER <user_name> PASSWORD 'your_password_here';
        ```

        ### Step 2: Create the reader

        ```sql
        CREATE USER reader PASSWORD 'reader-secret';
        ```

        ## Option 2

        ### Step 1: Create the role

        ```sql
        CREATE ROLE readers;
        ```

        """

    static func scripts() throws -> [String: String] {
        let compiled = RunbookCompiler().compile(path: "guide.md", bytes: Array(page.utf8))
        let outputs = Builder.outputs(compiled, variants: compiled.variants, dialect: .postgres, plain: false)
        var scripts: [String: String] = [:]
        for file in outputs.files where file.path.hasSuffix(".sql") { scripts[file.path] = file.contents }
        return scripts
    }

    @Test func aLeftOutTemplateAsksForNoPassword() throws {
        let scripts = try Self.scripts()
        let first = try #require(scripts.first { $0.key.hasSuffix("option-1.sql") }?.value)
        #expect(first.contains("\\if :{?reader_password}"))
        #expect(first.contains("-- Run: psql -v ON_ERROR_STOP=1 -v reader_password=... -f option-option-1.sql"))
        #expect(!first.contains("<user_name>_password"), "\(first)")
        #expect(first.contains("a block that is not checkable SQL was not copied"))
    }

    @Test func aVariantWithoutTheUserAsksForNoPassword() throws {
        let scripts = try Self.scripts()
        let second = try #require(scripts.first { $0.key.hasSuffix("option-2.sql") }?.value)
        #expect(!second.contains("_password"), "\(second)")
        #expect(second.contains("-- Run: psql -v ON_ERROR_STOP=1 -f option-option-2.sql"))
    }
}

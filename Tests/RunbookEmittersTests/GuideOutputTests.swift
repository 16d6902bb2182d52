import Foundation
import RunbookCompile
import RunbookDriver
import RunbookEmitters
import RunbookModel
import RunbookSQL
import Testing

/// Golden files of everything `runbook build` writes for the guide, and the facts a reader relies on.
@Suite struct GuideOutputTests {
    static let guidePath = "runbooks/redshift-data-graph.md"

    static func compiled(parameters: [String: String] = [:]) throws -> CompiledRunbook {
        let bytes = try [UInt8](Data(contentsOf: packageRoot.appendingPathComponent(guidePath)))
        return RunbookCompiler(options: CompileOptions(parameters: parameters)).compile(path: guidePath, bytes: bytes)
    }

    static let slugs = [
        "permissions-option-1_step-3-4-2-option-1",
        "permissions-option-1_step-3-4-2-option-2",
        "permissions-option-2_step-3-4-2-option-1",
        "permissions-option-2_step-3-4-2-option-2",
    ]

    @Test(arguments: slugs)
    func redshiftScriptsAndChecklists(slug: String) throws {
        let compiled = try Self.compiled()
        let variant = try #require(compiled.variants.first { $0.slug == slug })
        let (files, omissions) = Builder.outputs(compiled, variants: [variant], dialect: .redshift)
        #expect(omissions.isEmpty)
        #expect(files.map(\.path) == ["redshift-data-graph/\(slug).sql", "redshift-data-graph/\(slug).checklist.md"])
        for file in files {
            Snapshot.assertMatches(file.contents, named: file.path)
            #expect(!file.contents.contains("Abc123"), "a password from the doc reached \(file.path)")
        }
    }

    /// `runbook explain` per variant: the model, the plan and who can do what, with provenance.
    @Test(arguments: slugs)
    func explain(slug: String) throws {
        let compiled = try Self.compiled()
        let variant = try #require(compiled.variants.first { $0.slug == slug })
        let text = ExplainEmitter.text(compiled, variants: [variant])
        Snapshot.assertMatches(text, named: "redshift-data-graph-explain/\(slug).txt")
        #expect(!text.contains("Abc123"))
    }

    /// `runbook explain --format dot` per variant: who can reach what, as Graphviz's language.
    @Test(arguments: slugs)
    func privilegeGraph(slug: String) throws {
        let compiled = try Self.compiled()
        let variant = try #require(compiled.variants.first { $0.slug == slug })
        let dot = PrivilegeGraphEmitter.dot(compiled, variant: variant)
        Snapshot.assertMatches(dot, named: "redshift-data-graph-graph/\(slug).dot")
        #expect(dot.hasPrefix("digraph \"\(slug)\" {\n") && dot.hasSuffix("}\n"))
        // The user reaches both roles; the option that reads every table says so at the schema, now and later.
        #expect(dot.contains("\"user:segment_user\" -> \"role:segment_linked_role\""))
        #expect(dot.contains("\"user:segment_user\" -> \"role:segment_profiles_sync_role\""))
        if slug.hasSuffix("step-3-4-2-option-1") {
            #expect(dot.contains("SELECT on all tables (existing)\\nStep 3.4.2\", style=dashed"))
            #expect(dot.contains("SELECT on tables created later by"))
        }
    }

    @Test(arguments: slugs)
    func postgresScripts(slug: String) throws {
        let compiled = try Self.compiled()
        let variant = try #require(compiled.variants.first { $0.slug == slug })
        let (files, _) = Builder.outputs(compiled, variants: [variant], dialect: .postgres)
        Snapshot.assertMatches(files[0].contents, named: "redshift-data-graph-postgres/\(slug).sql")
    }

    /// Every statement of the guide appears in exactly the variants where a person following it would run it.
    @Test func statementsAppearInTheirVariantsInOrder() throws {
        let compiled = try Self.compiled()
        func scriptStatements(_ slug: String) throws -> [String] {
            let variant = try #require(compiled.variants.first { $0.slug == slug })
            let text = Builder.outputs(compiled, variants: [variant], dialect: .redshift).files[0].contents
            return text.split(separator: "\n").map(String.init).filter {
                !$0.hasPrefix("--") && !$0.hasPrefix("\\") && !$0.isEmpty && !$0.hasPrefix("SELECT 1 / 0")
                    && !$0.hasSuffix("\\gset")
            }
        }
        let fullSchema1 = try scriptStatements(Self.slugs[0])
        let tables1 = try scriptStatements(Self.slugs[1])
        let fullSchema2 = try scriptStatements(Self.slugs[2])
        #expect(fullSchema1.first == "CREATE DATABASE segment_workspace;")
        #expect(fullSchema1.contains("GRANT SELECT ON ALL TABLES IN SCHEMA devices TO ROLE segment_linked_role;"))
        #expect(!fullSchema1.contains("GRANT SELECT ON devices.user_devices TO ROLE segment_linked_role;"))
        #expect(tables1.contains("GRANT SELECT ON devices.user_devices TO ROLE segment_linked_role;"))
        #expect(!tables1.contains("GRANT SELECT ON ALL TABLES IN SCHEMA devices TO ROLE segment_linked_role;"))
        #expect(fullSchema2.filter { $0 == "GRANT USAGE ON SCHEMA devices TO ROLE segment_linked_role;" }.count == 1)
        #expect(
            fullSchema1.last
                == "GRANT ROLE segment_linked_role TO segment_user; --Assign Linked/Data Graph Role to user")
        #expect(fullSchema1.contains("CREATE USER segment_user PASSWORD :'segment_user_password';"))
    }

    /// Option 1 connects to the user database before the grants on devices and back before the user is created.
    @Test func connectionsInOption1Scripts() throws {
        let compiled = try Self.compiled()
        for (slug, expectsUserDatabase) in zip(Self.slugs, [true, true, false, false]) {
            let variant = try #require(compiled.variants.first { $0.slug == slug })
            let lines = Builder.outputs(compiled, variants: [variant], dialect: .redshift).files[0].contents
                .split(separator: "\n").map(String.init)
            let connects = lines.filter { $0.hasPrefix("\\connect") }
            if expectsUserDatabase {
                #expect(
                    connects == [
                        "\\connect segment_workspace", "\\connect user_database", "\\connect segment_workspace",
                    ])
                let userDatabase = try #require(lines.firstIndex(of: "\\connect user_database"))
                let devicesGrant = try #require(
                    lines.firstIndex(of: "GRANT USAGE ON SCHEMA devices TO ROLE segment_linked_role;"))
                let back = try #require(lines.lastIndex(of: "\\connect segment_workspace"))
                let createUser = try #require(lines.firstIndex { $0.hasPrefix("CREATE USER") })
                #expect(userDatabase < devicesGrant && devicesGrant < back && back < createUser)
            } else {
                #expect(connects == ["\\connect segment_workspace"])
            }
        }
    }

    @Test func parametersAreSubstitutedAndQuoted() throws {
        let compiled = try Self.compiled(parameters: ["segment_workspace": "Acme Segment", "devices": "iot"])
        let variant = compiled.variants[0]
        let script = Builder.outputs(compiled, variants: [variant], dialect: .redshift).files[0].contents
        #expect(script.contains("CREATE DATABASE \"Acme Segment\";"))
        #expect(script.contains("\\connect \"Acme Segment\""))
        #expect(script.contains("GRANT USAGE ON SCHEMA iot TO ROLE segment_linked_role;"))
        #expect(!script.contains("segment_workspace;"))
    }

    @Test func outputsAreIdenticalAcrossRuns() throws {
        let first = try Builder.outputs(Self.compiled(), variants: Self.compiled().variants, dialect: .redshift).files
        let second = try Builder.outputs(Self.compiled(), variants: Self.compiled().variants, dialect: .redshift).files
        #expect(first == second)
    }
}

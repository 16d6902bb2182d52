import Foundation
import RunbookDiagnostics
import RunbookMarkdown
import RunbookModel
import Testing

import struct RunbookDiagnostics.SourceLocation

func buildRunbook(_ text: String, path: String = "test.md") -> Runbook {
    var diagnostics = DiagnosticBag()
    let document = MarkdownParser().parse(text, diagnostics: &diagnostics)
    return RunbookBuilder.build(document, path: path)
}

/// The transcribed source guide, read into the model.
@Suite struct GuideModelTests {
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func guide() throws -> Runbook {
        let path = packageRoot.appendingPathComponent("runbooks/redshift-data-graph.md").path
        return buildRunbook(try String(contentsOfFile: path, encoding: .utf8), path: "runbooks/redshift-data-graph.md")
    }

    @Test func fourVariantsWithStableSlugs() throws {
        let runbook = try Self.guide()
        #expect(
            runbook.variants.map(\.slug) == [
                "permissions-option-1_step-3-4-2-option-1",
                "permissions-option-1_step-3-4-2-option-2",
                "permissions-option-2_step-3-4-2-option-1",
                "permissions-option-2_step-3-4-2-option-2",
            ])
        #expect(runbook.choiceGroups.map(\.id) == ["permissions", "step-3-4-2"])
        // The nested choice appears once under each top-level alternative and is one group.
        #expect(runbook.choiceGroups[1].appliesUnder.count == 2)
    }

    /// What the HTML page hides and shows by: every place the guide says "this part is for that option".
    @Test func alternativeRegionsAtEveryPlaceTheGuideNamesOne() throws {
        let runbook = try Self.guide()
        let regions = runbook.regions.map {
            "\($0.kind.rawValue) \($0.group)=\($0.alternative) @\($0.range.start.line)"
        }
        #expect(
            regions == [
                "alternative permissions=option-1 @13",
                "alternative permissions=option-2 @45",
                "branch permissions=option-1 @147",
                "alternative step-3-4-2=option-1 @157",
                "alternative step-3-4-2=option-2 @168",
                "branch permissions=option-2 @176",
                "alternative step-3-4-2=option-1 @186",
                "alternative step-3-4-2=option-2 @197",
            ])
    }

    @Test func stepsAndSubSteps() throws {
        let runbook = try Self.guide()
        #expect(runbook.steps.map(\.path.description) == ["1", "2", "3", "4", "5"])
        let instructionSteps = runbook.items.compactMap { item -> String? in
            if case .instruction(let instruction) = item { instruction.step.description } else { nil }
        }
        #expect(instructionSteps.contains("3.4.1"))
        #expect(instructionSteps.contains("2.3"))
        #expect(runbook.diagnostics.isEmpty)
    }

    @Test func connectionsPerVariant() throws {
        let runbook = try Self.guide()
        let connectsByVariant = runbook.variants.map { variant in
            runbook.plan(for: variant).entries.compactMap { entry -> String? in
                if case .connect(let database, _) = entry { database } else { nil }
            }
        }
        #expect(connectsByVariant[0] == ["segment_workspace", "user_database", "segment_workspace"])
        #expect(connectsByVariant[1] == ["segment_workspace", "user_database", "segment_workspace"])
        #expect(connectsByVariant[2] == ["segment_workspace"])
        #expect(connectsByVariant[3] == ["segment_workspace"])
    }

    @Test func blocksRunInTheRightVariants() throws {
        let runbook = try Self.guide()
        func blockLines(_ index: Int) -> [Int] {
            runbook.plan(for: runbook.variants[index]).blocks.map(\.block.range.start.line)
        }
        // Option 1 / full schema: the user-database USAGE grant, then the schema-wide grants.
        let first = blockLines(0)
        let second = blockLines(1)
        #expect(first.count == 11 && second.count == 11)
        #expect(Set(first).symmetricDifference(Set(second)).count == 2)
        #expect(Set(blockLines(0)).isDisjoint(with: Set(blockLines(2)).subtracting(Set(blockLines(0)))))
        // Each variant runs its blocks in document order.
        for index in 0..<4 { #expect(blockLines(index) == blockLines(index).sorted()) }
    }

    @Test func parametersAndClaims() throws {
        let runbook = try Self.guide()
        let names = runbook.parameters.map(\.name)
        for expected in [
            "segment_workspace", "profiles_sync", "segment_profiles_sync_role", "segment_linked_role", "devices",
            "user_devices", "device_locations", "user_database",
        ] {
            #expect(names.contains(expected), "missing parameter \(expected)")
        }
        let linked = runbook.claims.filter {
            $0.role == "segment_linked_role" && $0.condition.selections["permissions"] == "option-1"
        }
        #expect(linked.count == 3)
        #expect(linked[0].requirements == [.init(access: [.write], target: .database("segment_workspace"))])
        #expect(
            linked[2].requirements == [
                .init(access: [.read], target: .schema("devices")),
                .init(access: [.read], target: .tables(["user_devices", "device_locations"])),
            ])
        let profiles = runbook.claims.first { $0.role == "segment_profiles_sync_role" }
        #expect(profiles?.requirements == [.init(access: [.read, .write], target: .schema("profiles_sync"))])
    }
}

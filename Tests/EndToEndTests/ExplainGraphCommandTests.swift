import Foundation
import Testing

/// `runbook explain --format dot`, as a user runs it and pipes it to Graphviz.
@Suite struct ExplainGraphCommandTests {
    @Test func oneDigraphPerVariantAndOnlyTheChosenOne() throws {
        let all = try RunbookProcess.run(["explain", "runbooks/redshift-data-graph.md", "--format", "dot"])
        #expect(all.status == 1, "\(all.stderr)")  // the guide has errors (exit 1), the graph is written anyway
        #expect(all.stdout.components(separatedBy: "digraph \"").count - 1 == 4)
        let one = try RunbookProcess.run([
            "explain", "runbooks/redshift-data-graph.md", "--format", "dot",
            "--variant", "permissions-option-2_step-3-4-2-option-2",
        ])
        #expect(one.stdout.hasPrefix("digraph \"permissions-option-2_step-3-4-2-option-2\" {\n"))
        #expect(one.stdout.components(separatedBy: "digraph \"").count - 1 == 1)
    }

    @Test func aQuestionIsNotAGraph() throws {
        let result = try RunbookProcess.run([
            "explain", "runbooks/redshift-data-graph.md", "--format", "dot", "--who", "segment_user",
        ])
        #expect(result.status == 2)
        #expect(result.stderr.contains("--format dot draws the whole graph"))
    }
}

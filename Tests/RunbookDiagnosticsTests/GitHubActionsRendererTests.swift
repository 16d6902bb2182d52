import RunbookDiagnostics
import Testing

import struct RunbookDiagnostics.SourceLocation

@Suite("GitHub Actions renderer")
struct GitHubActionsRendererTests {
    @Test func oneCommandPerDiagnostic() {
        let output = GitHubActionsRenderer().render(Sample.files, rules: TestRules.all)
        let expected = """
            ::error file=docs/guide.md,line=2,col=33,endLine=2,endColumn=44,title=privileges.unknown-role::\
            role 'segment_rol' is never created%0Anote: did you mean 'segment_role'?\
            %0Adocs/guide.md:3:13: note: 'segment_role' is created here\
            %0Afix-it: replace 'segment_rol' with 'segment_role'%0Ain variants: permissions-1, permissions-2
            ::warning file=docs/guide.md,line=4,col=24,endLine=4,endColumn=34,title=secrets.literal-password::\
            literal password in the script%0Afix-it: replace ''Secret|1'' with ':'password'' (use a psql variable)
            ::notice file=docs/guide.md,line=5,col=1,endLine=5,endColumn=2,title=blocks.not-checked::\
            block is in another dialect (BigQuery); not checked

            """
        #expect(output == expected)
    }

    @Test func escaping() {
        #expect(GitHubActionsRenderer.escapeData("100% done\r\nnext: a, b") == "100%25 done%0D%0Anext: a, b")
        #expect(GitHubActionsRenderer.escapeProperty("docs/a,b:c%.md\n") == "docs/a%2Cb%3Ac%25.md%0A")

        let file = FileDiagnostics(
            path: "odd,name:1.md", source: "x",
            diagnostics: [
                Diagnostic(
                    Rule("a:b,c", .warning, ""), "50% of\nit", at: SourceRange(SourceLocation(line: 1, column: 1))
                )
            ]
        )
        #expect(
            GitHubActionsRenderer().render([file])
                == "::warning file=odd%2Cname%3A1.md,line=1,col=1,endLine=1,endColumn=2,title=a%3Ab%2Cc::50%25 of%0Ait\n"
        )
    }

    @Test func noDiagnosticsNoCommands() {
        #expect(GitHubActionsRenderer().render([FileDiagnostics(path: "a.md", source: "", diagnostics: [])]) == "")
    }

    @Test func stepSummaryListsEveryDiagnostic() {
        let output = GitHubActionsRenderer().stepSummary(Sample.files)
        let expected = """
            ## runbook diagnostics

            1 error, 1 warning, 1 note in 2 files.

            | Location | Severity | Rule | Message |
            | --- | --- | --- | --- |
            | docs/guide.md:2:33 | error | privileges.unknown-role | role 'segment\\_rol' is never created\
            <br>note: did you mean 'segment\\_role'?<br>note: 'segment\\_role' is created here\
            <br>in variants: permissions-1, permissions-2 |
            | docs/guide.md:4:24 | warning | secrets.literal-password | literal password in the script |
            | docs/guide.md:5:1 | note | blocks.not-checked | block is in another dialect (BigQuery); not checked |

            """
        #expect(output == expected)
    }

    @Test func stepSummaryWithoutDiagnostics() {
        let output = GitHubActionsRenderer().stepSummary([FileDiagnostics(path: "a.md", source: "", diagnostics: [])])
        #expect(output == "## runbook diagnostics\n\nNo problems in 1 file.\n")
    }

    @Test func tableCellEscaping() {
        #expect(
            GitHubActionsRenderer.escapeCell("a|b\r\nc\nd<name> & `x` *y* [z]\\")
                == "a\\|b<br>c<br>d&lt;name&gt; &amp; \\`x\\` \\*y\\* \\[z\\]\\\\"
        )
    }
}

import Foundation
import RunbookCompile
import RunbookDiagnostics
import RunbookEmitters
import RunbookMarkdown
import RunbookModel
import RunbookSQL

/// The commands of DESIGN.md §5 as library calls: the executable parses arguments and calls these, and so
/// do the tests.
public enum Commands {
    // MARK: - check

    public static func check(_ paths: [String], options: CheckOptions) -> CommandResult {
        let files: [WorkspaceFile]
        let policy: DiagnosticPolicy
        do throws(UsageError) {
            policy = try options.policy.policy()
            files = try Workspace.files(paths, changedSince: options.changedSince, forceInclude: options.forceInclude)
        } catch {
            return .usage(error)
        }
        let results = parallelMap(files) { file -> Result<FileDiagnostics, UsageError> in
            do throws(UsageError) {
                let bytes = try InputFiles.read(file.path)
                return .success(checkFile(file, options: options, policy: policy, bytes: bytes))
            } catch {
                return .failure(error)
            }
        }
        var reports: [FileDiagnostics] = []
        for result in results {
            switch result {
            case .success(let report): reports.append(report)
            case .failure(let error): return .usage(error)
            }
        }
        return render(reports, format: options.format, colors: options.colors, rulesURL: options.rulesURL)
    }

    /// One file's diagnostics under the file's configuration and the command line's policy. The file's
    /// lines are kept only when something will quote them, so memory follows the largest file, not the tree.
    static func checkFile(
        _ file: WorkspaceFile, options: CheckOptions, policy: DiagnosticPolicy, bytes: [UInt8]
    ) -> FileDiagnostics {
        if TextDetection.isNotText(bytes) {
            return notTextReport(file, policy: policy)
        }
        let compiler = checkCompiler(
            path: file.path, config: file.config, dialect: options.dialect,
            reportUnusedSuppressions: options.reportUnusedSuppressions)
        guard RunbookCompiler.mayContainRunbook(bytes) else {
            return quickReport(file, bytes: bytes, compiler: compiler, policy: policy)
        }
        let compiled = compiler.compile(path: file.path, bytes: bytes)
        let diagnostics = applyPolicy(policy, to: compiled, config: file.config)
        return FileDiagnostics(
            path: file.path, lines: diagnostics.isEmpty ? [] : compiled.displayLines, diagnostics: diagnostics)
    }

    /// The compiler `check` uses for a file: the command line's dialect, then its runbook.yml's for its path and
    /// for the tree (the page's own evidence decides between them), and runbook.yml's parameters.
    static func checkCompiler(
        path: String, config: RunbookConfig?, dialect: SQLDialect? = nil, reportUnusedSuppressions: Bool = false
    ) -> RunbookCompiler {
        RunbookCompiler(
            options: CompileOptions(
                dialect: dialect, pathDialect: config?.pathDialect(for: path), treeDialect: config?.dialect,
                parameters: config?.parameters ?? [:], reportUnusedSuppressions: reportUnusedSuppressions))
    }

    /// A page without fences or annotations: its encoding and front matter checked, under the policy.
    static func quickReport(
        _ file: WorkspaceFile, bytes: [UInt8], compiler: RunbookCompiler, policy: DiagnosticPolicy
    ) -> FileDiagnostics {
        let quick = compiler.quickDiagnostics(bytes: bytes)
        let resolved = policy.resolved(config: file.config, frontMatter: quickFrontMatter(bytes))
        let diagnostics = resolved.policy.apply(quick.diagnostics + resolved.findings)
        let lines =
            diagnostics.isEmpty || !quick.lines.isEmpty
            ? quick.lines : FileDiagnostics.lines(of: String(decoding: bytes, as: UTF8.self))
        return FileDiagnostics(path: file.path, lines: lines, diagnostics: diagnostics)
    }

    /// A file that is not text: one error, under the policy like any other (a rule can be turned off).
    static func notTextReport(_ file: WorkspaceFile, policy: DiagnosticPolicy) -> FileDiagnostics {
        let resolved = policy.resolved(config: file.config, frontMatter: nil)
        let diagnostics = resolved.policy.apply([TextDetection.notTextDiagnostic()])
        return FileDiagnostics(path: file.path, lines: [], diagnostics: diagnostics)
    }

    /// The compiled file's diagnostics under the command line's policy, its front matter's and its runbook.yml's.
    static func applyPolicy(
        _ policy: DiagnosticPolicy, to compiled: CompiledRunbook, config: RunbookConfig?
    ) -> [Diagnostic] {
        let resolved = policy.resolved(config: config, frontMatter: compiled.document.frontMatter)
        return resolved.policy.apply(compiled.diagnostics + resolved.findings).sorted(by: Diagnostic.presentationOrder)
    }

    /// The front matter of a page that is checked without the full pipeline (it may still set rule severities).
    static func quickFrontMatter(_ bytes: [UInt8]) -> FrontMatter? {
        guard bytes.starts(with: Array("---".utf8)) else { return nil }
        var ignored = DiagnosticBag()
        return FrontMatter.split(String(decoding: bytes, as: UTF8.self), diagnostics: &ignored).frontMatter
    }

    static func render(
        _ reports: [FileDiagnostics], format: DiagnosticFormat, colors: Bool, rulesURL: String? = nil
    ) -> CommandResult {
        let rules = Rule.catalog
        let summary = DiagnosticSummary(reports)
        let status = summary.errors > 0 ? ExitStatus.failure : ExitStatus.success
        let descriptions = format == .sarif ? RuleDocument.descriptions(baseURL: rulesURL) : [:]
        let output = format.renderer(
            colors: colors, toolVersion: GeneratorVersion.current, ruleDescriptions: descriptions
        ).render(reports, rules: rules)
        let stepSummary = format == .github ? GitHubActionsRenderer().stepSummary(reports) : nil
        return CommandResult(stdout: output, exitStatus: status, stepSummary: stepSummary)
    }

    // MARK: - build

    public static func build(_ paths: [String], options: BuildCommandOptions) -> CommandResult {
        do throws(UsageError) {
            let policy = try options.policy.policy()
            let files = try Workspace.files(paths)
            let parameters = try ParameterArguments.parse(options.parameters)
            let templates: HTMLTemplates
            do throws(HTMLTemplateError) {
                if let directory = options.templatesDirectory {
                    templates = try HTMLTemplates(directory: directory)
                } else {
                    templates = try HTMLTemplates.builtin
                }
            } catch {
                throw UsageError(error.message)
            }
            var outputs: [OutputFile] = []
            var reports: [FileDiagnostics] = []
            /// A file compiled, or a file that is not text (reported, nothing built from it).
            enum Compiled: Sendable {
                case runbook(CompiledRunbook, RunbookConfig?)
                case notText(FileDiagnostics)
            }
            let results = parallelMap(files) { file -> Result<Compiled, UsageError> in
                do throws(UsageError) {
                    let bytes = try InputFiles.read(file.path)
                    if TextDetection.isNotText(bytes) { return .success(.notText(notTextReport(file, policy: policy))) }
                    let values = (file.config?.parameters ?? [:]).merging(parameters) { $1 }
                    let compiler = RunbookCompiler(
                        options: CompileOptions(
                            pathDialect: file.config?.pathDialect(for: file.path), treeDialect: file.config?.dialect,
                            parameters: values, renderHTML: true, unsafeHTML: options.unsafeHTML))
                    var compiled = compiler.compile(path: file.path, bytes: bytes)
                    // The page shows the diagnostics with the severities every command gives them.
                    compiled.diagnostics = applyPolicy(policy, to: compiled, config: file.config)
                    return .success(.runbook(compiled, file.config))
                } catch {
                    return .failure(error)
                }
            }
            var compiledRunbooks: [CompiledRunbook] = []
            var configs: [RunbookConfig?] = []
            for result in results {
                switch try result.get() {
                case .runbook(let compiled, let config):
                    compiledRunbooks.append(compiled)
                    configs.append(config)
                case .notText(let report):
                    reports.append(report)
                }
            }
            disambiguateNames(&compiledRunbooks)
            let known = Set(compiledRunbooks.flatMap { $0.runbook.parameters.map(\.name) })
            for name in parameters.keys.sorted() where !known.contains(name) {
                guard let first = compiledRunbooks.first else { break }
                try ParameterArguments.validate([name: parameters[name] ?? ""], against: first.runbook)
            }
            var indexEntries: [IndexEmitter.Entry] = []
            var withoutVerification: [(path: String, dialect: SQLDialect)] = []
            for (compiled, config) in zip(compiledRunbooks, configs) {
                let variants = try Builder.selectedVariants(compiled, slugs: options.variants)
                let pageDialect = compiled.scriptDialect
                let dialect = options.dialect ?? pageDialect
                // Translation goes from Redshift to PostgreSQL only: Snowflake's SQL stays Snowflake's.
                if dialect != pageDialect, dialect == .snowflake || pageDialect == .snowflake {
                    throw UsageError(
                        "--dialect \(dialect.rawValue): \(compiled.path) is a \(pageDialect.displayName) page, and runbook "
                            + "does not translate between \(pageDialect.displayName) and \(dialect.displayName); build it without --dialect"
                    )
                }
                if options.verification, dialect != .snowflake { withoutVerification.append((compiled.path, dialect)) }
                let (files, omissions) = Builder.outputs(
                    compiled, variants: variants, dialect: dialect, html: templates, plain: options.plain,
                    verification: options.verification)
                outputs.append(contentsOf: files)
                var omitted: [Diagnostic] = []
                for omission in omissions {
                    switch omission.kind {
                    case .untranslatable:
                        omitted.append(
                            Diagnostic(
                                ScriptOmissionMessage(untranslatableTo: dialect.rawValue, reason: omission.reason),
                                at: omission.range))
                    case .unsafe:
                        omitted.append(
                            Diagnostic(ScriptOmissionMessage(reason: omission.reason), at: omission.range))
                    }
                }
                let filePolicy = policy.resolved(config: config, frontMatter: compiled.document.frontMatter).policy
                let diagnostics = compiled.diagnostics + filePolicy.apply(omitted)
                reports.append(
                    FileDiagnostics(
                        path: compiled.path, lines: compiled.displayLines,
                        diagnostics: diagnostics.sorted(by: Diagnostic.presentationOrder)))
                indexEntries.append(
                    IndexEmitter.Entry(
                        compiled: compiled, variants: variants, diagnostics: diagnostics, dialect: dialect))
            }
            // Several runbooks: a page that lists them (one runbook's page is its own index).
            if indexEntries.count > 1 { outputs.append(Builder.index(indexEntries, html: templates)) }
            // Verification scripts are SHOW GRANTS for Snowflake; Redshift and PostgreSQL are checked live.
            if !withoutVerification.isEmpty, withoutVerification.count == compiledRunbooks.count {
                throw UsageError(Self.verificationRefusal(withoutVerification.map(\.dialect)))
            }
            // Input order, as `check` reports them (files that are not text were collected first).
            let position = Dictionary(files.enumerated().map { ($1.path, $0) }, uniquingKeysWith: { first, _ in first })
            reports.sort { (position[$0.path] ?? 0) < (position[$1.path] ?? 0) }
            let summary = DiagnosticSummary(reports)
            var stderr = withoutVerification.map { page in
                "runbook: \(page.path): no verification script: the page is \(page.dialect.displayName), "
                    + "whose databases `runbook verify \(page.path)` checks live\n"
            }.joined()
            if summary.errors + summary.warnings > 0 {
                stderr += TextRenderer(colors: false).render(
                    reports.map { report in
                        var copy = report
                        copy.diagnostics = report.diagnostics.filter { $0.severity != .note }
                        return copy
                    }, rules: Rule.catalog)
            }
            // The README's exit table: errors in a document fail the build, whether or not it wrote.
            let documentStatus = summary.hasErrors ? ExitStatus.failure : ExitStatus.success
            let comparison = OutputComparison(
                outputs, directory: options.outputDirectory, lookForStale: options.variants.isEmpty)
            if options.checkOnly {
                var drift = driftDiff(outputs, directory: options.outputDirectory)
                for path in comparison.stale {
                    let old =
                        FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) } ?? ""
                    drift += UnifiedDiff.diff(old: old, new: "", oldName: path, newName: "/dev/null")
                }
                if !drift.isEmpty {
                    stderr +=
                        "runbook: \(options.outputDirectory) is out of date; run `runbook build` without --check\n"
                }
                return CommandResult(
                    stdout: drift, stderr: stderr, exitStatus: drift.isEmpty ? documentStatus : ExitStatus.failure)
            }
            if options.noWriteOnError, summary.hasErrors {
                stderr += "runbook: nothing written: \(summary) (--no-write-on-error)\n"
                return CommandResult(stderr: stderr, exitStatus: ExitStatus.failure)
            }
            if !options.force, let first = comparison.protected.first {
                let why =
                    first.state == .editedByHand
                    ? "was edited by hand since runbook wrote it" : "was not written by runbook"
                throw UsageError("\(first.path) \(why); refusing to overwrite it (use --force)")
            }
            try OutputWriter.write(outputs, to: options.outputDirectory)
            for path in comparison.stale { try? FileManager.default.removeItem(atPath: path) }
            var report =
                "wrote \(outputs.count) files:\n" + outputs.map { "  \(options.outputDirectory)/\($0.path)\n" }.joined()
            if !comparison.stale.isEmpty {
                report +=
                    "removed \(comparison.stale.count) files runbook no longer generates:\n"
                    + comparison.stale.map { "  \($0)\n" }.joined()
            }
            if summary.hasErrors { stderr += "runbook: the outputs were written, but the documents have \(summary)\n" }
            return CommandResult(stdout: report, stderr: stderr, exitStatus: documentStatus)
        } catch {
            return .usage(error)
        }
    }

    /// Why `--verification` writes nothing for these pages.
    static func verificationRefusal(_ dialects: [SQLDialect]) -> String {
        let names = Set(dialects.map(\.displayName)).sorted().joined(separator: " and ")
        return "--verification writes SHOW GRANTS scripts for Snowflake pages, and these pages are \(names): "
            + "check a live \(names) database against a runbook with `runbook verify FILE --database-url URL` instead"
    }

    /// Files whose base names collide (`catalog/postgres/index.md`, `catalog/redshift/index.md`) write to
    /// their path without the extension (`catalog/postgres/index/…`), so that no output overwrites another.
    static func disambiguateNames(_ runbooks: inout [CompiledRunbook]) {
        var counts: [String: Int] = [:]
        for runbook in runbooks { counts[runbook.name, default: 0] += 1 }
        for index in runbooks.indices where counts[runbooks[index].name, default: 0] > 1 {
            var components = runbooks[index].path.split(separator: "/").filter { $0 != "." && $0 != ".." }
            guard let last = components.popLast() else { continue }
            let base = CompiledRunbook.baseName(of: String(last))
            runbooks[index].name = (components.map(String.init) + [base]).joined(separator: "/")
        }
    }

    /// The unified diff between what is in `directory` and what a build would write.
    static func driftDiff(_ outputs: [OutputFile], directory: String) -> String {
        var diff = ""
        for output in outputs {
            let path = directory + "/" + output.path
            let existing = FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) }
            diff += UnifiedDiff.diff(
                old: existing ?? "", new: output.contents, oldName: existing == nil ? "/dev/null" : path, newName: path)
        }
        return diff
    }

    // MARK: - variants and explain

    public static func variants(_ path: String, format: OutputFormat) -> CommandResult {
        do throws(UsageError) {
            let compiled = RunbookCompiler().compile(path: path, bytes: try InputFiles.read(path))
            switch format {
            case .text: return CommandResult(stdout: VariantsEmitter.text(compiled))
            case .json: return CommandResult(stdout: VariantsEmitter.json(compiled))
            }
        } catch {
            return .usage(error)
        }
    }

    public static func explain(
        _ path: String, variant: String?, parameters: [String] = [], format: ExplainFormat,
        policy arguments: PolicyArguments = PolicyArguments()
    ) -> CommandResult {
        do throws(UsageError) {
            let policy = try arguments.policy()
            let values = try ParameterArguments.parse(parameters)
            let (compiled, config) = try compileOne(path, parameters: values)
            try ParameterArguments.validate(values, against: compiled.runbook)
            let variants = try Builder.selectedVariants(compiled, slugs: variant.map { [$0] } ?? [])
            let diagnostics = applyPolicy(policy, to: compiled, config: config)
            let status = diagnostics.contains { $0.severity == .error } ? ExitStatus.failure : ExitStatus.success
            switch format {
            case .text:
                let report = FileDiagnostics(
                    path: compiled.path, lines: compiled.displayLines, diagnostics: diagnostics)
                var text = ExplainEmitter.text(compiled, variants: variants) + "\nDiagnostics:\n"
                text +=
                    diagnostics.isEmpty
                    ? "  (none)\n" : TextRenderer(colors: false).render([report], rules: Rule.catalog)
                return CommandResult(stdout: text, exitStatus: status)
            case .json:
                let json = explainJSON(compiled, variants: variants, diagnostics: diagnostics)
                return CommandResult(stdout: json, exitStatus: status)
            case .dot:
                return CommandResult(
                    stdout: PrivilegeGraphEmitter.dot(compiled, variants: variants), exitStatus: status)
            }
        } catch {
            return .usage(error)
        }
    }

    /// One file compiled as `check` and `build` compile it: with its runbook.yml's dialect and parameters
    /// (the command line's `--set` over them).
    static func compileOne(
        _ path: String, parameters: [String: String] = [:]
    ) throws(UsageError) -> (CompiledRunbook, RunbookConfig?) {
        var locator = ConfigLocator()
        let config = try locator.config(for: path)
        let bytes = try InputFiles.read(path)
        if TextDetection.isNotText(bytes) {
            throw UsageError("\(path): the file is not text (it holds NUL bytes and is mostly unprintable)")
        }
        let values = (config?.parameters ?? [:]).merging(parameters) { $1 }
        let compiler = RunbookCompiler(
            options: CompileOptions(
                pathDialect: config?.pathDialect(for: path), treeDialect: config?.dialect, parameters: values))
        return (compiler.compile(path: path, bytes: bytes), config)
    }

    /// The explain object with the file's diagnostics (under the policy) as `"diagnostics"`, in the JSON
    /// renderer's form.
    static func explainJSON(_ compiled: CompiledRunbook, variants: [Variant], diagnostics: [Diagnostic]) -> String {
        let explained = ExplainEmitter.json(compiled, variants: variants)
        let report = FileDiagnostics(path: compiled.path, lines: compiled.displayLines, diagnostics: diagnostics)
        let rendered = JSONRenderer().render([report], rules: Rule.catalog)
        guard var object = try? JSONSerialization.jsonObject(with: Data(explained.utf8)) as? [String: Any],
            let diagnosticsObject = try? JSONSerialization.jsonObject(with: Data(rendered.utf8)) as? [String: Any]
        else { return explained }
        object["diagnostics"] = diagnosticsObject["diagnostics"]
        object["summary"] = diagnosticsObject["summary"]
        let options: JSONSerialization.WritingOptions = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        guard let data = try? JSONSerialization.data(withJSONObject: object, options: options)
        else { return explained }
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}

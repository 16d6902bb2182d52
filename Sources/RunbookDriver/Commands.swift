import Foundation
public import RunbookDiagnostics
import RunbookEmitters
import RunbookModel
public import RunbookSQL

/// What a command printed and how it ended; the executable writes it out and exits with the status.
public struct CommandResult: Sendable, Equatable {
    public var stdout: String
    public var stderr: String
    public var exitStatus: Int32
    /// Markdown for `$GITHUB_STEP_SUMMARY`, when the format asks for one.
    public var stepSummary: String?

    public init(stdout: String = "", stderr: String = "", exitStatus: Int32 = ExitStatus.success, stepSummary: String? = nil) {
        self.stdout = stdout
        self.stderr = stderr
        self.exitStatus = exitStatus
        self.stepSummary = stepSummary
    }

    static func usage(_ error: UsageError) -> CommandResult {
        CommandResult(stderr: "runbook: error: \(error.message)\n", exitStatus: ExitStatus.usage)
    }
}

public enum OutputFormat: String, CaseIterable, Sendable {
    case text, json
}

/// The commands of DESIGN.md §5 as library calls: the executable parses arguments and calls these, and so
/// do the tests.
public enum Commands {
    // MARK: - check

    public struct CheckOptions: Sendable {
        public var format: DiagnosticFormat
        public var policy: DiagnosticPolicy
        public var colors: Bool
        /// Overrides the dialect of every file (else: its `runbook.yml`, its front matter, redshift).
        public var dialect: SQLDialect?
        /// Only files git reports as changed since this revision.
        public var changedSince: String?
        /// Report suppression comments that silence nothing.
        public var reportUnusedSuppressions: Bool
        /// Where docs/rules.md is published, for SARIF's `helpUri`.
        public var rulesURL: String?

        public init(
            format: DiagnosticFormat = .text, policy: DiagnosticPolicy = DiagnosticPolicy(), colors: Bool = false,
            dialect: SQLDialect? = nil, changedSince: String? = nil, reportUnusedSuppressions: Bool = false,
            rulesURL: String? = nil
        ) {
            self.format = format
            self.policy = policy
            self.colors = colors
            self.dialect = dialect
            self.changedSince = changedSince
            self.reportUnusedSuppressions = reportUnusedSuppressions
            self.rulesURL = rulesURL
        }
    }

    public static func check(_ paths: [String], options: CheckOptions) -> CommandResult {
        let files: [WorkspaceFile]
        do throws(UsageError) {
            files = try Workspace.files(paths, changedSince: options.changedSince)
        } catch {
            return .usage(error)
        }
        let results = parallelMap(files) { file -> Result<FileDiagnostics, UsageError> in
            do throws(UsageError) {
                return .success(checkFile(file, options: options, bytes: try InputFiles.read(file.path)))
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
    static func checkFile(_ file: WorkspaceFile, options: CheckOptions, bytes: [UInt8]) -> FileDiagnostics {
        let compiler = RunbookCompiler(options: CompileOptions(
            dialect: options.dialect, pathDialect: file.config?.pathDialect(for: file.path),
            treeDialect: file.config?.dialect, parameters: file.config?.parameters ?? [:],
            reportUnusedSuppressions: options.reportUnusedSuppressions))
        let policy = file.config.map { options.policy.merged(with: $0.policy) } ?? options.policy
        guard RunbookCompiler.mayContainRunbook(bytes) else {
            let quick = compiler.quickDiagnostics(bytes: bytes)
            return FileDiagnostics(path: file.path, lines: quick.lines, diagnostics: policy.apply(quick.diagnostics))
        }
        let compiled = compiler.compile(path: file.path, bytes: bytes)
        let diagnostics = policy.apply(compiled.diagnostics)
        return FileDiagnostics(path: file.path, lines: diagnostics.isEmpty ? [] : compiled.displayLines, diagnostics: diagnostics)
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

    public struct BuildCommandOptions: Sendable {
        public var outputDirectory: String
        /// `--dialect`: the scripts' dialect; nil for each page's own (front matter, runbook.yml, evidence).
        public var dialect: SQLDialect?
        public var variants: [String]
        public var parameters: [String]
        /// Write nothing; report drift as a unified diff and exit 1.
        public var checkOnly: Bool
        /// Overwrite files runbook did not write, or that were edited by hand since.
        public var force: Bool
        /// `--templates DIR`: the user's copy of the HTML templates (built-in ones when nil).
        public var templatesDirectory: String?
        /// `--unsafe-html`: pass raw HTML from the documents through to index.html.
        public var unsafeHTML = false

        public init(outputDirectory: String, dialect: SQLDialect? = nil, variants: [String] = [], parameters: [String] = [], checkOnly: Bool = false, force: Bool = false) {
            self.outputDirectory = outputDirectory
            self.dialect = dialect
            self.variants = variants
            self.parameters = parameters
            self.checkOnly = checkOnly
            self.force = force
        }
    }

    public static func build(_ paths: [String], options: BuildCommandOptions) -> CommandResult {
        do throws(UsageError) {
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
            let results = parallelMap(files) { file -> Result<CompiledRunbook, UsageError> in
                do throws(UsageError) {
                    let bytes = try InputFiles.read(file.path)
                    let values = (file.config?.parameters ?? [:]).merging(parameters) { $1 }
                    let compiler = RunbookCompiler(options: CompileOptions(
                        pathDialect: file.config?.pathDialect(for: file.path), treeDialect: file.config?.dialect,
                        parameters: values, renderHTML: true, unsafeHTML: options.unsafeHTML))
                    return .success(compiler.compile(path: file.path, bytes: bytes))
                } catch {
                    return .failure(error)
                }
            }
            var compiledRunbooks: [CompiledRunbook] = []
            for result in results { compiledRunbooks.append(try result.get()) }
            disambiguateNames(&compiledRunbooks)
            let known = Set(compiledRunbooks.flatMap { $0.runbook.parameters.map(\.name) })
            for name in parameters.keys.sorted() where !known.contains(name) {
                guard let first = compiledRunbooks.first else { break }
                try ParameterArguments.validate([name: parameters[name] ?? ""], against: first.runbook)
            }
            for compiled in compiledRunbooks {
                let variants = try Builder.selectedVariants(compiled, slugs: options.variants)
                let dialect = options.dialect ?? compiled.page?.dialect ?? .redshift
                let (files, omissions) = Builder.outputs(compiled, variants: variants, dialect: dialect, html: templates)
                outputs.append(contentsOf: files)
                var diagnostics = compiled.diagnostics
                for omission in omissions {
                    switch omission.kind {
                    case .untranslatable:
                        diagnostics.append(Diagnostic(
                            .translationUnavailable, "not in the \(dialect.rawValue) script: \(omission.reason)",
                            at: omission.range))
                    case .unsafe:
                        diagnostics.append(Diagnostic(.scriptNotCopied, "not in the script: \(omission.reason)", at: omission.range))
                    }
                }
                reports.append(FileDiagnostics(path: compiled.path, lines: compiled.displayLines, diagnostics: diagnostics.sorted(by: Diagnostic.presentationOrder)))
            }
            let summary = DiagnosticSummary(reports)
            var stderr = ""
            if summary.errors + summary.warnings > 0 {
                stderr = TextRenderer(colors: false).render(reports.map { report in
                    var copy = report
                    copy.diagnostics = report.diagnostics.filter { $0.severity != .note }
                    return copy
                }, rules: Rule.catalog)
            }
            let comparison = OutputComparison(outputs, directory: options.outputDirectory, lookForStale: options.variants.isEmpty)
            if options.checkOnly {
                var drift = driftDiff(outputs, directory: options.outputDirectory)
                for path in comparison.stale {
                    let old = FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) } ?? ""
                    drift += UnifiedDiff.diff(old: old, new: "", oldName: path, newName: "/dev/null")
                }
                return CommandResult(
                    stdout: drift, stderr: drift.isEmpty ? "" : "runbook: \(options.outputDirectory) is out of date; run `runbook build` without --check\n",
                    exitStatus: drift.isEmpty ? ExitStatus.success : ExitStatus.failure)
            }
            if !options.force, let first = comparison.protected.first {
                let why = first.state == .editedByHand ? "was edited by hand since runbook wrote it" : "was not written by runbook"
                throw UsageError("\(first.path) \(why); refusing to overwrite it (use --force)")
            }
            try OutputWriter.write(outputs, to: options.outputDirectory)
            for path in comparison.stale { try? FileManager.default.removeItem(atPath: path) }
            var report = "wrote \(outputs.count) files:\n" + outputs.map { "  \(options.outputDirectory)/\($0.path)\n" }.joined()
            if !comparison.stale.isEmpty {
                report += "removed \(comparison.stale.count) files runbook no longer generates:\n" + comparison.stale.map { "  \($0)\n" }.joined()
            }
            return CommandResult(stdout: report, stderr: stderr)
        } catch {
            return .usage(error)
        }
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

    public static func explain(_ path: String, variant: String?, parameters: [String] = [], format: OutputFormat) -> CommandResult {
        do throws(UsageError) {
            let values = try ParameterArguments.parse(parameters)
            let compiled = RunbookCompiler(options: CompileOptions(parameters: values))
                .compile(path: path, bytes: try InputFiles.read(path))
            try ParameterArguments.validate(values, against: compiled.runbook)
            let variants = try Builder.selectedVariants(compiled, slugs: variant.map { [$0] } ?? [])
            switch format {
            case .text: return CommandResult(stdout: ExplainEmitter.text(compiled, variants: variants))
            case .json: return CommandResult(stdout: ExplainEmitter.json(compiled, variants: variants))
            }
        } catch {
            return .usage(error)
        }
    }
}

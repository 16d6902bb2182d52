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
        public var dialect: SQLDialect?

        public init(format: DiagnosticFormat = .text, policy: DiagnosticPolicy = DiagnosticPolicy(), colors: Bool = false, dialect: SQLDialect? = nil) {
            self.format = format
            self.policy = policy
            self.colors = colors
            self.dialect = dialect
        }
    }

    public static func check(_ paths: [String], options: CheckOptions) -> CommandResult {
        let files: [String]
        do throws(UsageError) {
            files = try InputFiles.discover(paths)
        } catch {
            return .usage(error)
        }
        var reports: [FileDiagnostics] = []
        for file in files {
            let bytes: [UInt8]
            do throws(UsageError) {
                bytes = try InputFiles.read(file)
            } catch {
                return .usage(error)
            }
            let compiled = RunbookCompiler(options: CompileOptions(dialect: options.dialect)).compile(path: file, bytes: bytes)
            reports.append(FileDiagnostics(
                path: file, lines: compiled.displayLines, diagnostics: options.policy.apply(compiled.diagnostics)))
        }
        return render(reports, format: options.format, colors: options.colors)
    }

    static func render(_ reports: [FileDiagnostics], format: DiagnosticFormat, colors: Bool) -> CommandResult {
        let rules = Rule.catalog
        let summary = DiagnosticSummary(reports)
        let status = summary.errors > 0 ? ExitStatus.failure : ExitStatus.success
        let output = format.renderer(colors: colors, toolVersion: GeneratorVersion.current).render(reports, rules: rules)
        let stepSummary = format == .github ? GitHubActionsRenderer().stepSummary(reports) : nil
        return CommandResult(stdout: output, exitStatus: status, stepSummary: stepSummary)
    }

    // MARK: - build

    public struct BuildCommandOptions: Sendable {
        public var outputDirectory: String
        public var dialect: SQLDialect
        public var variants: [String]
        public var parameters: [String]
        /// Write nothing; report drift as a unified diff and exit 1.
        public var checkOnly: Bool
        /// `--templates DIR`: the user's copy of the HTML templates (built-in ones when nil).
        public var templatesDirectory: String?
        /// `--unsafe-html`: pass raw HTML from the documents through to index.html.
        public var unsafeHTML = false

        public init(outputDirectory: String, dialect: SQLDialect = .redshift, variants: [String] = [], parameters: [String] = [], checkOnly: Bool = false) {
            self.outputDirectory = outputDirectory
            self.dialect = dialect
            self.variants = variants
            self.parameters = parameters
            self.checkOnly = checkOnly
        }
    }

    public static func build(_ paths: [String], options: BuildCommandOptions) -> CommandResult {
        do throws(UsageError) {
            let files = try InputFiles.discover(paths)
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
            var compiledRunbooks: [CompiledRunbook] = []
            for file in files {
                let compiled = RunbookCompiler(options: CompileOptions(parameters: parameters, renderHTML: true, unsafeHTML: options.unsafeHTML))
                    .compile(path: file, bytes: try InputFiles.read(file))
                compiledRunbooks.append(compiled)
            }
            let known = Set(compiledRunbooks.flatMap { $0.runbook.parameters.map(\.name) })
            for name in parameters.keys.sorted() where !known.contains(name) {
                guard let first = compiledRunbooks.first else { break }
                try ParameterArguments.validate([name: parameters[name] ?? ""], against: first.runbook)
            }
            for compiled in compiledRunbooks {
                let variants = try Builder.selectedVariants(compiled, slugs: options.variants)
                let (files, omissions) = Builder.outputs(compiled, variants: variants, dialect: options.dialect, html: templates)
                outputs.append(contentsOf: files)
                var diagnostics = compiled.diagnostics
                for omission in omissions {
                    diagnostics.append(Diagnostic(
                        .translationUnavailable, "not in the \(options.dialect.rawValue) script: \(omission.reason)",
                        at: omission.range))
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
            if options.checkOnly {
                let drift = driftDiff(outputs, directory: options.outputDirectory)
                return CommandResult(
                    stdout: drift, stderr: drift.isEmpty ? "" : "runbook: \(options.outputDirectory) is out of date; run `runbook build` without --check\n",
                    exitStatus: drift.isEmpty ? ExitStatus.success : ExitStatus.failure)
            }
            try OutputWriter.write(outputs, to: options.outputDirectory)
            let written = outputs.map { "  \(options.outputDirectory)/\($0.path)" }.joined(separator: "\n")
            return CommandResult(stdout: "wrote \(outputs.count) files:\n\(written)\n", stderr: stderr)
        } catch {
            return .usage(error)
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

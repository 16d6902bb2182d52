import Foundation
import RunbookDiagnostics
import RunbookEmitters
import RunbookModel
public import RunbookVerify

extension Commands {
    // MARK: - verify

    public struct VerifyOptions: Sendable {
        public var databaseURL: String
        /// The variant to check against; may be nil only when the runbook has one variant.
        public var variant: String?
        public var format: OutputFormat
        /// `PGPASSWORD`, used when the URL carries no password.
        public var environmentPassword: String?
        /// `--warnings-as-errors` and `--disable`; the file's front matter and runbook.yml add theirs.
        public var policy = PolicyArguments()

        public init(
            databaseURL: String, variant: String? = nil, format: OutputFormat = .text,
            environmentPassword: String? = nil
        ) {
            self.databaseURL = databaseURL
            self.variant = variant
            self.format = format
            self.environmentPassword = environmentPassword
        }
    }

    /// Reads what a live server holds for the given databases and principals. `runbook-verify` passes the
    /// PostgresNIO reader (RunbookLiveDatabase), which nothing else links.
    public typealias LiveReader = @Sendable (
        _ url: DatabaseURL, _ databases: [String], _ principals: [String]
    ) async throws(ConnectionFailure) -> LiveSnapshot

    /// Checks a live database against what one variant of the runbook promises: exit 0 when it matches, 1 on
    /// drift (each missing or extra privilege a diagnostic), 2 when the arguments are unusable or the server
    /// cannot be reached. No output ever contains the password.
    public static func verify(_ path: String, options: VerifyOptions, reader: LiveReader) async -> CommandResult {
        let compiled: CompiledRunbook
        let config: RunbookConfig?
        let policy: DiagnosticPolicy
        let variant: Variant
        let url: DatabaseURL
        do throws(UsageError) {
            policy = try options.policy.policy()
            (compiled, config) = try compileOne(path)
            variant = try verifiedVariant(compiled, slug: options.variant)
            do {
                url = try DatabaseURL.parse(options.databaseURL, environmentPassword: options.environmentPassword)
            } catch {
                throw UsageError(error.message)
            }
        } catch {
            return .usage(error).scrubbing(options)
        }

        let planned = Promise.simulated(compiled, variant: variant)
        let live: LiveSnapshot
        do {
            live = try await reader(url, planned.databases, planned.principals.keys.sorted())
        } catch {
            return CommandResult(stderr: "runbook: error: \(error.message)\n", exitStatus: ExitStatus.usage)
                .scrubbing(options, url.password)
        }
        let promise = Promise.simulated(compiled, variant: variant, liveObjects: live.objects)
        let firstLine = SourceRange(SourceLocation(line: 1, column: 1))
        let outcome = Verification.compare(promise, with: live, variant: variant.slug, fallback: firstLine)
        // The same policy as every other command: a rule turned off or re-rated in runbook.yml is so here too.
        let filePolicy = policy.resolved(config: config, frontMatter: compiled.document.frontMatter).policy
        let differences = filePolicy.apply(outcome.diagnostics)
        let failed = differences.contains { $0.severity == .error }
        let report = FileDiagnostics(path: compiled.path, lines: compiled.displayLines, diagnostics: differences)
        let rules = Rule.catalog
        var stdout: String
        switch options.format {
        case .text:
            stdout = differences.isEmpty ? "" : TextRenderer(colors: false).render([report], rules: rules)
            let verdict =
                outcome.matches
                ? "matches"
                : failed
                    ? "does not match (\(outcome.diagnostics.count) differences)"
                    : "matches as configured (\(outcome.diagnostics.count) differences, none counted as an error)"
            stdout +=
                "verify: \(url) against \(compiled.path), variant \(variant.slug): \(verdict); "
                + "\(outcome.matched) of \(outcome.expected) expected privileges present "
                + "(\(promise.principals.count) principals, \(live.existingDatabases.count) databases)\n"
        case .json:
            stdout = JSONRenderer().render([report], rules: rules)
        }
        return CommandResult(stdout: stdout, exitStatus: failed ? ExitStatus.failure : ExitStatus.success)
            .scrubbing(options, url.password)
    }

    static func verifiedVariant(_ compiled: CompiledRunbook, slug: String?) throws(UsageError) -> Variant {
        if let slug {
            let selected = try Builder.selectedVariants(compiled, slugs: [slug])
            if let variant = selected.first { return variant }
        }
        guard compiled.variants.count == 1, let only = compiled.variants.first else {
            throw UsageError(
                "\(compiled.path) has \(compiled.variants.count) variants; choose one with --variant "
                    + "(\(compiled.variants.map(\.slug).joined(separator: ", ")))")
        }
        return only
    }
}

extension CommandResult {
    /// The result with every occurrence of a password masked: a last line of defence behind messages that are
    /// written not to contain it.
    fileprivate func scrubbing(_ options: Commands.VerifyOptions, _ password: String? = nil) -> CommandResult {
        var secrets = [password, options.environmentPassword].compactMap { $0 }.filter { $0.count >= 3 }
        if let start = options.databaseURL.range(of: "://"), let at = options.databaseURL.lastIndex(of: "@"),
            let colon = options.databaseURL[start.upperBound..<at].firstIndex(of: ":")
        {
            let raw = String(options.databaseURL[options.databaseURL.index(after: colon)..<at])
            if raw.count >= 3 { secrets.append(raw) }
        }
        var copy = self
        for secret in secrets {
            copy.stdout = copy.stdout.replacingOccurrences(of: secret, with: "***")
            copy.stderr = copy.stderr.replacingOccurrences(of: secret, with: "***")
        }
        return copy
    }
}

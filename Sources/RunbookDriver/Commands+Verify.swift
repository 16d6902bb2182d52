import Foundation
import RunbookCompile
import RunbookDiagnostics
import RunbookEmitters
import RunbookModel
package import RunbookVerify

extension Commands {
    // MARK: - verify

    package struct VerifyOptions: Sendable {
        /// A `postgres://` URL, a libpq connection string, a database name, or nil: the PG* variables decide.
        package var connection: String?
        /// The variant to check against; nil: every variant, and the best match is reported.
        package var variant: String?
        package var format: OutputFormat
        /// Where to write the repair script, if asked.
        package var repairPath: String?
        /// Whether the repair script's REVOKEs run (otherwise they are commented out).
        package var revokeExtra: Bool
        /// Where to write the drift graph, if asked: Graphviz's language, or an SVG drawn by `dot` when the
        /// name ends in `.svg`.
        package var graphPath: String?
        /// The PG* variables and the files they name.
        package var environment: ConnectionEnvironment
        /// `--warnings-as-errors` and `--disable`; the file's front matter and runbook.yml add theirs.
        package var policy = PolicyArguments()

        package init(
            connection: String?, variant: String? = nil, format: OutputFormat = .text, repairPath: String? = nil,
            revokeExtra: Bool = false, graphPath: String? = nil, environment: ConnectionEnvironment = .process
        ) {
            self.graphPath = graphPath
            self.connection = connection
            self.variant = variant
            self.format = format
            self.repairPath = repairPath
            self.revokeExtra = revokeExtra
            self.environment = environment
        }
    }

    /// Reads what a live server holds for the given databases and principals, refusing a server that is not
    /// among `accepting` before reading anything. `runbook-verify` passes the PostgresNIO reader
    /// (RunbookLiveDatabase), which nothing else links.
    package typealias LiveReader =
        @Sendable (
            _ url: DatabaseURL, _ databases: [String], _ principals: [String], _ accepting: Set<LiveServer>
        ) async throws(ConnectionFailure) -> LiveSnapshot

    /// A file `verify` writes besides its report: the repair script or the drift graph.
    struct WrittenFile {
        /// Its key in the JSON report.
        var key: String
        var what: String
        var path: String
        var text: String
    }

    /// One variant compared with the server.
    struct Candidate {
        var variant: Variant
        var promise: Promise
        var outcome: VerifyOutcome
    }

    /// Checks a live database against what the runbook promises: against `--variant`, or against every variant,
    /// reporting the best match (fewest differences) and the ranking. Exit 0 when the (best) variant matches, 1 on
    /// drift (each missing or extra privilege a diagnostic), 2 when the arguments are unusable, the server cannot
    /// be read or has nothing in common with the runbook. No output ever contains the password; with `--repair`,
    /// the script is written whole or not at all, and only when the exit status is 0 or 1.
    package static func verify(_ path: String, options: VerifyOptions, reader: LiveReader) async -> CommandResult {
        let compiled: CompiledRunbook
        let config: RunbookConfig?
        let policy: DiagnosticPolicy
        let variants: [Variant]
        let connection: ResolvedConnection
        let accepted: Set<LiveServer>
        do throws(UsageError) {
            policy = try options.policy.policy()
            (compiled, config) = try compileOne(path)
            // A live comparison reads PostgreSQL's catalog; a Snowflake account is checked with SHOW GRANTS.
            if compiled.scriptDialect == .snowflake {
                throw UsageError(
                    "\(path) is a Snowflake page, and verify reads a PostgreSQL server: write the SHOW GRANTS "
                        + "queries that check a Snowflake account with `runbook build \(path) --out DIR --verification` "
                        + "and run DIR/NAME/VARIANT.verify.sql with snowsql (docs/verify.md)")
            }
            // The page's engine and dialect (front matter, runbook.yml, its own evidence), as `build` decides
            // them; a page for an engine that is not checked (Snowflake, BigQuery, …) has nothing to compare.
            let dialect = compiled.page?.dialect ?? .redshift
            let skipped = compiled.page?.isSkipped ?? false
            accepted = skipped ? [] : LiveServer.accepted(byDialect: dialect.rawValue)
            if accepted.isEmpty {
                let engine = skipped ? compiled.page?.engine.displayName ?? dialect.displayName : dialect.displayName
                throw UsageError(
                    "\(compiled.path) is a \(engine) runbook; verify reads PostgreSQL and Amazon Redshift servers only")
            }
            variants = try candidateVariants(compiled, slug: options.variant)
            do {
                connection = try ConnectionSettings.resolve(options.connection, environment: options.environment)
            } catch {
                throw UsageError(error.message)
            }
        } catch {
            return .usage(error).scrubbing(options, [])
        }
        let url = connection.url
        let warnings = connection.warnings.map { "runbook: warning: \($0)\n" }.joined()

        // What runs before any \connect runs where the script was started: taken to be the database verify reads.
        let initialDatabase = Promise.initialDatabase(compiled, variants: variants, connected: url.database)
        let planned = variants.map { Promise.simulated(compiled, variant: $0, initialDatabase: initialDatabase) }
        let databases = Set(planned.flatMap(\.databases)).sorted()
        let principals = Set(planned.flatMap(\.principals.keys)).sorted()
        let live: LiveSnapshot
        do {
            live = try await reader(url, databases, principals, accepted)
        } catch {
            return CommandResult(stderr: warnings + "runbook: error: \(error.message)\n", exitStatus: ExitStatus.usage)
                .scrubbing(options, connection.secrets)
        }
        let createdDatabases = Set(planned.flatMap { $0.createdObjects.keys.filter { $0.kind == .database } })
        if live.existingPrincipals.isEmpty
            && !createdDatabases.contains(where: { live.existingDatabases.contains($0.database) })
        {
            let message =
                "\(url) has nothing in common with \(compiled.path): none of its users and roles "
                + "(\(principals.joined(separator: ", "))) and none of the databases it creates exist there; "
                + "is this the right server? (to set it up, run the script of `runbook build`)"
            return CommandResult(stderr: warnings + "runbook: error: \(message)\n", exitStatus: ExitStatus.usage)
                .scrubbing(options, connection.secrets)
        }

        if live.server == .redshift, let repairPath = options.repairPath {
            let message =
                "\(url) is Amazon Redshift: verify compares it, but --repair writes PostgreSQL scripts only; "
                + "nothing was written to \(repairPath)"
            return CommandResult(stderr: warnings + "runbook: error: \(message)\n", exitStatus: ExitStatus.usage)
                .scrubbing(options, connection.secrets)
        }

        let firstLine = SourceRange(SourceLocation(line: 1, column: 1))
        var candidates = variants.map { variant -> Candidate in
            let promise = Promise.simulated(
                compiled, variant: variant, liveObjects: live.objects, server: live.server,
                initialDatabase: initialDatabase)
            let outcome = Verification.compare(promise, with: live, variant: variant.slug, fallback: firstLine)
            return Candidate(variant: variant, promise: promise, outcome: outcome)
        }
        // Fewest differences, then most privileges found, then the runbook's order.
        let order = Dictionary(variants.enumerated().map { ($0.element.slug, $0.offset) }) { first, _ in first }
        candidates.sort { a, b in
            if a.outcome.distance != b.outcome.distance { return a.outcome.distance < b.outcome.distance }
            if a.outcome.matched != b.outcome.matched { return a.outcome.matched > b.outcome.matched }
            return order[a.variant.slug, default: 0] < order[b.variant.slug, default: 0]
        }
        guard let best = candidates.first else {
            return .usage(UsageError("\(compiled.path) has no variant to verify")).scrubbing(options, [])
        }

        // Both files are made before either is written, so that a graph that cannot be drawn leaves no repair
        // script behind.
        var files: [WrittenFile] = []
        if let repairPath = options.repairPath {
            let script = RepairScript(revokeExtra: options.revokeExtra).render(
                compiled, variant: best.variant, promise: best.promise, live: live, outcome: best.outcome)
            files.append(WrittenFile(key: "repair", what: "the repair script", path: repairPath, text: script))
        }
        if let graphPath = options.graphPath {
            let source = DriftGraph.dot(
                title: compiled.runbook.title, variant: best.variant.slug, promise: best.promise, live: live,
                outcome: best.outcome)
            var text = source
            if graphPath.lowercased().hasSuffix(".svg") {
                let failure: String
                switch GraphDrawing.picture(source) {
                case .svg(let svg):
                    text = svg + "\n"
                    failure = ""
                case .unavailable(let reason):
                    failure =
                        GraphDrawing.program == nil
                        ? "Graphviz's dot was not found (Debian: apt-get install graphviz); a .dot file name gets the "
                            + "graph in Graphviz's language instead" : reason
                }
                if !failure.isEmpty {
                    let message = "cannot draw \(graphPath): \(failure); nothing was written"
                    return CommandResult(
                        stderr: warnings + "runbook: error: \(message)\n", exitStatus: ExitStatus.usage
                    )
                    .scrubbing(options, connection.secrets)
                }
            }
            files.append(WrittenFile(key: "graph", what: "the drift graph", path: graphPath, text: text))
        }
        for file in files {
            do {
                try writeAtomically(Self.scrub(file.text, connection.secrets), to: file.path)
            } catch {
                return CommandResult(
                    stderr: warnings + "runbook: error: cannot write \(file.what) \(file.path): \(error)\n",
                    exitStatus: ExitStatus.usage
                ).scrubbing(options, connection.secrets)
            }
        }

        // The same policy as every other command: a rule turned off or re-rated in runbook.yml is so here too.
        let filePolicy = policy.resolved(config: config, frontMatter: compiled.document.frontMatter).policy
        // Each finding points at the statement that should have given what the server lacks: its bytes too.
        let differences = LineStarts(compiled.sourceBytes).locating(filePolicy.apply(best.outcome.diagnostics))
        let failed = differences.contains { $0.severity == .error }
        let report = FileDiagnostics(path: compiled.path, lines: compiled.displayLines, diagnostics: differences)
        let stdout: String
        switch options.format {
        case .text:
            stdout = textReport(compiled, url: url, report: report, candidates: candidates, written: files)
        case .json:
            stdout = jsonReport(report, candidates: candidates, written: files)
        }
        return CommandResult(
            stdout: stdout, stderr: warnings,
            exitStatus: failed ? ExitStatus.failure : ExitStatus.success
        ).scrubbing(options, connection.secrets)
    }

    private static func textReport(
        _ compiled: CompiledRunbook, url: DatabaseURL, report: FileDiagnostics, candidates: [Candidate],
        written: [WrittenFile]
    ) -> String {
        guard let best = candidates.first else { return "" }
        let outcome = best.outcome
        var text = report.diagnostics.isEmpty ? "" : TextRenderer(colors: false).render([report], rules: Rule.catalog)
        let verdict = outcome.matches ? "matches" : "does not match (\(outcome.distance) differences)"
        let which = candidates.count > 1 ? "best match: variant" : "variant"
        text +=
            "verify: \(url) against \(compiled.path), \(which) \(best.variant.slug): \(verdict); "
            + "\(outcome.matched) of \(outcome.expected) expected privileges present "
            + "(\(best.promise.principals.count) principals, \(best.promise.databases.count) databases)\n"
        if candidates.count > 1 {
            let tied = candidates.dropFirst().filter { $0.outcome.distance == outcome.distance }
            if !tied.isEmpty {
                text +=
                    "verify: as close: \(tied.map(\.variant.slug).joined(separator: ", ")) (the server cannot tell them apart)\n"
            }
            text += "ranking (fewest differences first):\n"
            for (index, candidate) in candidates.enumerated() {
                text +=
                    "  \(index + 1). \(candidate.variant.slug): \(candidate.outcome.distance) differences, "
                    + "\(candidate.outcome.matched) of \(candidate.outcome.expected) expected privileges present\n"
            }
        }
        for file in written {
            text += "verify: wrote \(file.what) \(file.path) for variant \(best.variant.slug)\n"
        }
        return text
    }

    /// `check --format json`'s object, plus `verify`: the variant chosen, whether it matches, and the ranking.
    private static func jsonReport(
        _ report: FileDiagnostics, candidates: [Candidate], written: [WrittenFile]
    ) -> String {
        let base = JSONRenderer().render([report], rules: Rule.catalog)
        guard let best = candidates.first,
            var object = try? JSONSerialization.jsonObject(with: Data(base.utf8)) as? [String: Any]
        else { return base }
        var verify: [String: Any] = [
            "variant": best.variant.slug, "matches": best.outcome.matches, "differences": best.outcome.distance,
            "ranking": candidates.map {
                [
                    "variant": $0.variant.slug, "differences": $0.outcome.distance, "matched": $0.outcome.matched,
                    "expected": $0.outcome.expected,
                ] as [String: Any]
            },
        ]
        for file in written {
            verify[file.key] = file.path
        }
        object["verify"] = verify
        guard
            let data = try? JSONSerialization.data(
                withJSONObject: object, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        else { return base }
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    /// The variant asked for, or every variant.
    static func candidateVariants(_ compiled: CompiledRunbook, slug: String?) throws(UsageError) -> [Variant] {
        if let slug {
            let selected = try Builder.selectedVariants(compiled, slugs: [slug])
            if let variant = selected.first { return [variant] }
        }
        return compiled.variants
    }

    /// The whole file or nothing: a temporary file beside it, then a rename.
    static func writeAtomically(_ text: String, to path: String) throws {
        let url = URL(fileURLWithPath: path)
        let temporary = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).runbook-\(ProcessInfo.processInfo.processIdentifier)")
        do {
            try Data(text.utf8).write(to: temporary)
            if rename(temporary.path, url.path) != 0 {
                throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path])
            }
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw error
        }
    }

    static func scrub(_ text: String, _ secrets: [String]) -> String {
        var text = text
        for secret in secrets where secret.count >= 3 {
            text = text.replacingOccurrences(of: secret, with: "***")
            if let encoded = secret.addingPercentEncoding(withAllowedCharacters: .alphanumerics), encoded != secret {
                text = text.replacingOccurrences(of: encoded, with: "***")
            }
        }
        return text
    }
}

extension CommandResult {
    /// The result with every occurrence of a password masked: a last line of defence behind messages that are
    /// written not to contain it.
    fileprivate func scrubbing(_ options: Commands.VerifyOptions, _ secrets: [String]) -> CommandResult {
        var all = secrets
        if let password = options.environment.variables["PGPASSWORD"] { all.append(password) }
        if let text = options.connection { all += ConnectionSettings.passwords(in: text) }
        if let text = options.connection, let start = text.range(of: "://"), let at = text.lastIndex(of: "@"),
            start.upperBound <= at, let colon = text[start.upperBound..<at].firstIndex(of: ":")
        {
            all.append(String(text[text.index(after: colon)..<at]))
        }
        var copy = self
        copy.stdout = Commands.scrub(copy.stdout, all)
        copy.stderr = Commands.scrub(copy.stderr, all)
        return copy
    }
}

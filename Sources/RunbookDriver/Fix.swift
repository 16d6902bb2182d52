import Foundation
import RunbookDiagnostics
import RunbookEmitters

// `runbook fix` and `check --fix`: the fix-its of the findings applied to the Markdown source, as ruff's
// `--fix` does. Only the safe ones unless asked; SQL edits only inside code blocks (prose only for the rules
// about prose); checked again after each round, since one fix can uncover or settle another; the file
// replaced whole, and only when it did not change meanwhile.

extension Commands {
    package struct FixOptions: Sendable {
        /// What `check` would be run with: format and policy for the findings that remain, dialect, files.
        package var check: CheckOptions
        /// Only the fix-its of these rules (`--rule`, repeatable); every rule when empty.
        package var rules: [String]
        /// Apply the unsafe fix-its too (a guessed name, a narrowed grant).
        package var unsafe: Bool
        /// Print what would change as a unified diff and write nothing.
        package var diff: Bool

        package init(
            check: CheckOptions = CheckOptions(), rules: [String] = [], unsafe: Bool = false, diff: Bool = false
        ) {
            self.check = check
            self.rules = rules
            self.unsafe = unsafe
            self.diff = diff
        }
    }

    /// Rounds of fix and re-check per file: a fix that uncovers a finding with a fix of its own is settled in
    /// the next round; edits that keep producing findings stop here.
    static let fixRounds = 8

    package static func fix(_ paths: [String], options: FixOptions) -> CommandResult {
        switch planFixes(paths, options: options) {
        case .success(let plan): writeFixes(plan)
        case .failure(let error): .usage(error)
        }
    }

    /// Every file fixed in memory: what `fix` would write, and its report.
    package struct FixPlan: Sendable {
        var fixes: [FileFix]
        var options: FixOptions
    }

    /// Reads and fixes every file in memory; writes nothing.
    package static func planFixes(_ paths: [String], options: FixOptions) -> Result<FixPlan, UsageError> {
        let files: [WorkspaceFile]
        let policy: DiagnosticPolicy
        let rules: Set<RuleID>
        do throws(UsageError) {
            policy = try options.check.policy.policy()
            rules = try fixRules(options.rules)
            files = try Workspace.files(
                paths, changedSince: options.check.changedSince, forceInclude: options.check.forceInclude)
        } catch {
            return .failure(error)
        }
        let results = parallelMap(files) { file -> Result<FileFix, UsageError> in
            do throws(UsageError) {
                return .success(try fixFile(file, options: options, policy: policy, rules: rules))
            } catch {
                return .failure(error)
            }
        }
        var fixes: [FileFix] = []
        for result in results {
            switch result {
            case .success(let fix): fixes.append(fix)
            case .failure(let error): return .failure(error)
            }
        }
        return .success(FixPlan(fixes: fixes, options: options))
    }

    /// Writes the plan's changed files (none with `--diff`) and reports. Every file is compared with what was
    /// read before any is written: one that changed meanwhile stops the run, and nothing is written.
    package static func writeFixes(_ plan: FixPlan) -> CommandResult {
        if !plan.options.diff {
            for fix in plan.fixes where fix.changed {
                guard (try? InputFiles.read(fix.path)) == fix.original else {
                    return CommandResult(
                        stderr: "runbook: error: \(fix.path) changed while runbook fix ran; nothing was written\n",
                        exitStatus: ExitStatus.usage)
                }
            }
            for fix in plan.fixes where fix.changed {
                do throws(UsageError) {
                    try replaceWhole(fix.path, with: fix.fixed)
                } catch {
                    return .usage(error)
                }
            }
        }
        return fixReport(plan.fixes, options: plan.options)
    }

    /// The `--rule` ids, each a rule of the catalog.
    static func fixRules(_ ids: [String]) throws(UsageError) -> Set<RuleID> {
        let known = Set(Rule.catalog.map(\.id.rawValue))
        var rules = Set<RuleID>()
        for id in ids {
            guard known.contains(id) else {
                let suggestion = Suggestion.closest(to: id, in: known).map { "; did you mean '\($0)'?" } ?? ""
                throw UsageError("--rule \(id): no such rule\(suggestion) (`runbook rules` lists them)")
            }
            rules.insert(RuleID(rawValue: id))
        }
        return rules
    }

    // MARK: One file

    /// What fixing one file did: its bytes before and after, the fixes applied, and the findings left.
    struct FileFix: Sendable {
        var path: String
        var original: [UInt8]
        var fixed: [UInt8]
        var applied: [AppliedFix]
        /// The findings of the fixed text (what `check` would report once it is written).
        var remaining: FileDiagnostics
        var redaction: SecretRedaction?

        var changed: Bool { original != fixed }
    }

    struct AppliedFix: Sendable {
        var rule: RuleID
        /// Where, in the text of the round that applied it.
        var location: SourceLocation
        var message: String
    }

    static func fixFile(
        _ file: WorkspaceFile, options: FixOptions, policy: DiagnosticPolicy, rules: Set<RuleID>
    ) throws(UsageError) -> FileFix {
        let original = try InputFiles.read(file.path)
        guard !TextDetection.isNotText(original) else {
            return FileFix(
                path: file.path, original: original, fixed: original, applied: [],
                remaining: notTextReport(file, policy: policy), redaction: nil)
        }
        var current = original
        var applied: [AppliedFix] = []
        var round = 0
        while true {
            let report = checkDocument(
                path: file.path, bytes: current, config: file.config, policy: policy, dialect: options.check.dialect,
                reportUnusedSuppressions: options.check.reportUnusedSuppressions)
            let edits = round < fixRounds ? plannedEdits(report, bytes: current, options: options, rules: rules) : []
            guard !edits.isEmpty else {
                let lines =
                    report.compiled.displayLines.isEmpty
                    ? FileDiagnostics.lines(of: report.redaction.scrub(String(decoding: current, as: UTF8.self)))
                    : report.compiled.displayLines
                return FileFix(
                    path: file.path, original: original, fixed: current, applied: applied,
                    remaining: FileDiagnostics(
                        path: file.path, lines: report.diagnostics.isEmpty ? [] : lines,
                        diagnostics: report.diagnostics),
                    redaction: report.redaction)
            }
            for edit in edits.reversed() {
                current.replaceSubrange(edit.bytes, with: edit.replacement)
            }
            applied += edits.map(\.applied)
            round += 1
        }
    }

    /// One edit of the file's bytes.
    struct PlannedEdit {
        var bytes: Range<Int>
        var replacement: [UInt8]
        var applied: AppliedFix
    }

    /// The fix-its this round applies, in file order, none overlapping another: one per finding that has
    /// exactly one (several are alternatives for a person to choose among), safe unless `--unsafe`, of the
    /// `--rule` rules, and inside a code block unless the rule is about the prose.
    static func plannedEdits(
        _ report: DocumentCheck, bytes: [UInt8], options: FixOptions, rules: Set<RuleID>
    ) -> [PlannedEdit] {
        let lines = LineStarts(bytes)
        var edits: [PlannedEdit] = []
        for diagnostic in report.diagnostics {
            guard rules.isEmpty || rules.contains(diagnostic.rule), diagnostic.fixIts.count == 1,
                let fixIt = diagnostic.fixIts.first, fixIt.applicability == .safe || options.unsafe,
                isEditable(fixIt.range, rule: diagnostic.rule, in: report),
                let lower = lines.offset(of: fixIt.range.start),
                let upper = lines.offset(of: fixIt.range.end), lower <= upper
            else { continue }
            let original = String(decoding: bytes[lower..<upper], as: UTF8.self)
            guard let replacement = report.redaction.restoredReplacement(fixIt, original: original),
                replacement != original
            else { continue }
            edits.append(
                PlannedEdit(
                    bytes: lower..<upper, replacement: Array(replacement.utf8),
                    applied: AppliedFix(
                        rule: diagnostic.rule, location: fixIt.range.start,
                        message: fixIt.message.isEmpty ? diagnostic.message : fixIt.message)))
        }
        edits.sort { ($0.bytes.lowerBound, $0.bytes.upperBound) < ($1.bytes.lowerBound, $1.bytes.upperBound) }
        var kept: [PlannedEdit] = []
        for edit in edits {
            // Two edits at one place, or overlapping: the first wins; the other is looked at again next round.
            if let last = kept.last,
                edit.bytes.lowerBound < last.bytes.upperBound || edit.bytes == last.bytes
                    || (edit.bytes.isEmpty && edit.bytes.lowerBound == last.bytes.upperBound)
            {
                continue
            }
            kept.append(edit)
        }
        return kept
    }

    /// SQL is edited only inside the code blocks; the rules about the page's prose, structure and front matter
    /// (`model.*`: a misspelt step heading, an annotation key; `config.*`: a front matter value) may edit those.
    static func isEditable(_ range: SourceRange, rule: RuleID, in report: DocumentCheck) -> Bool {
        if rule.rawValue.hasPrefix("model.") || rule.rawValue.hasPrefix("config.") { return true }
        return report.compiled.blocks.contains { compiled in
            let block = compiled.block.range
            return block.start <= range.start && range.end <= block.end
        }
    }

    /// Writes `bytes` to a new file beside `path` and renames it over `path`, keeping its permissions: a reader
    /// sees the old file or the new one, never part of either.
    static func replaceWhole(_ path: String, with bytes: [UInt8]) throws(UsageError) {
        let manager = FileManager.default
        let url = URL(fileURLWithPath: path)
        let temporary = url.deletingLastPathComponent()
            .appendingPathComponent(
                ".\(url.lastPathComponent).runbook-fix-\(ProcessInfo.processInfo.processIdentifier)")
        let permissions = (try? manager.attributesOfItem(atPath: path))?[.posixPermissions]
        do {
            try Data(bytes).write(to: temporary)
            if let permissions {
                try manager.setAttributes([.posixPermissions: permissions], ofItemAtPath: temporary.path)
            }
            guard rename(temporary.path, path) == 0 else {
                let reason = String(cString: strerror(errno))
                try? manager.removeItem(at: temporary)
                throw UsageError("\(path): cannot replace the file: \(reason); it is unchanged")
            }
        } catch let error as UsageError {
            throw error
        } catch {
            try? manager.removeItem(at: temporary)
            throw UsageError("\(path): cannot write the fixed file: \(error.localizedDescription); it is unchanged")
        }
    }

    // MARK: The report

    /// Standard error says what was fixed (or would be, with `--diff`) and what is left; standard output holds
    /// the diff, or the findings that remain in the chosen format, as `check` prints them.
    static func fixReport(_ fixes: [FileFix], options: FixOptions) -> CommandResult {
        var log = ""
        var diff = ""
        let verb = options.diff ? "would fix" : "fixed"
        for fix in fixes {
            for applied in fix.applied {
                let message = fix.redaction?.scrub(applied.message) ?? applied.message
                log +=
                    "\(fix.path):\(applied.location.line):\(applied.location.column): \(verb): \(message) [\(applied.rule.rawValue)]\n"
            }
            if options.diff, fix.changed {
                let text = UnifiedDiff.diff(
                    old: String(decoding: fix.original, as: UTF8.self), new: String(decoding: fix.fixed, as: UTF8.self),
                    oldName: fix.path.hasPrefix("/") ? fix.path : "a/" + fix.path,
                    newName: fix.path.hasPrefix("/") ? fix.path : "b/" + fix.path)
                diff += fix.redaction?.scrub(text) ?? text
            }
        }
        let remaining = fixes.map(\.remaining)
        let left = remaining.flatMap(\.diagnostics)
        let unsafe = left.filter { $0.fixIts.count == 1 && $0.fixIts[0].applicability == .unsafe }.count
        let alternatives = left.filter { $0.fixIts.count > 1 }.count
        let fixedCount = fixes.reduce(0) { $0 + $1.applied.count }
        let changedFiles = fixes.filter(\.changed).count
        var summary =
            "runbook fix: \(verb) \(count(fixedCount, "finding")) in \(count(changedFiles, "file")); "
            + "\(count(left.count, "finding")) \(left.count == 1 ? "remains" : "remain")"
        var reasons: [String] = []
        if unsafe > 0, !options.unsafe { reasons.append("\(unsafe) with an unsafe fix (--unsafe applies it)") }
        if alternatives > 0 { reasons.append("\(alternatives) with several fixes to choose from") }
        if !reasons.isEmpty { summary += " (" + reasons.joined(separator: ", ") + ")" }
        log += summary + "\n"

        let errors = left.contains { $0.severity == .error }
        if options.diff {
            let status = changedFiles > 0 || errors ? ExitStatus.failure : ExitStatus.success
            return CommandResult(stdout: diff, stderr: log, exitStatus: status)
        }
        var result = render(
            remaining, format: options.check.format, colors: options.check.colors, rulesURL: options.check.rulesURL)
        result.stderr = log + result.stderr
        return result
    }

    private static func count(_ number: Int, _ noun: String) -> String {
        "\(number) \(noun)\(number == 1 ? "" : "s")"
    }
}

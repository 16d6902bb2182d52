import Foundation
package import RunbookDiagnostics
package import RunbookSQL
import Yams

/// `runbook.yml` at the root of a docs tree, found by walking up from each file as linters do.
///
/// ```yaml
/// include: ["src/**/*.md"]          # default: every .md and .markdown file
/// exclude: ["src/_includes/**"]
/// dialect: redshift                  # default dialect of blocks that do not name theirs
/// dialects:                          # per path glob, first match wins
///   "src/postgres/**": postgres
/// parameters:
///   segment_workspace: acme_segment
/// rules:
///   disable: [block.not-checked]
///   severity:
///     sql.password-literal: error
/// ```
package struct RunbookConfig: Sendable, Equatable {
    package static let fileName = "runbook.yml"

    /// The folder holding the file; globs are relative to it.
    package var directory: String
    package var include: [Glob]
    package var exclude: [Glob]
    package var dialect: SQLDialect?
    package var dialects: [(glob: Glob, dialect: SQLDialect)]
    package var parameters: [String: String]
    package var disabledRules: Set<RuleID>
    package var severityOverrides: [RuleID: Severity]

    package static func == (lhs: RunbookConfig, rhs: RunbookConfig) -> Bool { lhs.directory == rhs.directory }

    private struct File: Decodable {
        struct Rules: Decodable {
            var disable: [String]?
            var severity: [String: String]?
        }
        var include: [String]?
        var exclude: [String]?
        var dialect: String?
        var dialects: [String: String]?
        var parameters: [String: String]?
        var rules: Rules?
    }

    /// Reads a config file; a malformed one is a usage error naming it.
    package static func load(directory: String) throws(UsageError) -> RunbookConfig {
        let path = directory + "/" + fileName
        guard let data = FileManager.default.contents(atPath: path) else {
            throw UsageError("\(path): cannot read the file")
        }
        let file: File
        let text = String(decoding: data, as: UTF8.self)
        do {
            file = try YAMLDecoder().decode(File.self, from: text)
            try checkKeys(try Yams.compose(yaml: text), path: path)
        } catch let error as UsageError {
            throw error
        } catch {
            throw UsageError(
                "\(path): not a valid runbook configuration (\(String(describing: error).split(separator: "\n").first ?? ""))"
            )
        }
        func dialect(_ name: String, _ context: String) throws(UsageError) -> SQLDialect {
            guard let value = SQLDialect(rawValue: name.lowercased()) else {
                throw UsageError("\(path): \(context): unknown dialect '\(name)' (redshift or postgres)")
            }
            return value
        }
        var severities: [RuleID: Severity] = [:]
        for (rule, name) in file.rules?.severity ?? [:] {
            guard let severity = Severity(rawValue: name.lowercased()) else {
                throw UsageError("\(path): rules.severity.\(rule): unknown severity '\(name)' (error, warning or note)")
            }
            severities[RuleID(rawValue: rule)] = severity
        }
        var dialects: [(Glob, SQLDialect)] = []
        for (glob, name) in (file.dialects ?? [:]).sorted(by: { $0.key < $1.key }) {
            dialects.append((Glob(glob), try dialect(name, "dialects.\(glob)")))
        }
        for rule in (file.rules?.disable ?? []) + (file.rules?.severity ?? [:]).keys.sorted() {
            if let problem = Rule.unknownRuleProblem(rule) { throw UsageError("\(path): \(problem)") }
        }
        return RunbookConfig(
            directory: directory, include: (file.include ?? []).map(Glob.init),
            exclude: (file.exclude ?? []).map(Glob.init),
            dialect: try file.dialect.map { name throws(UsageError) in try dialect(name, "dialect") },
            dialects: dialects,
            parameters: file.parameters ?? [:],
            disabledRules: Set((file.rules?.disable ?? []).map(RuleID.init(rawValue:))),
            severityOverrides: severities)
    }

    static let keys = ["dialect", "dialects", "exclude", "include", "parameters", "rules"]
    static let ruleKeys = ["disable", "severity"]

    /// An unknown key is an error with a suggestion: a misspelt `rules:` would otherwise turn nothing off.
    private static func checkKeys(_ node: Yams.Node?, path: String) throws(UsageError) {
        func check(_ mapping: Yams.Node.Mapping, known: [String], context: String) throws(UsageError) {
            for key in mapping.keys {
                guard let name = key.string, !known.contains(name) else { continue }
                var message = "\(path): unknown key '\(context)\(name)'"
                if let suggestion = Suggestion.closest(to: name, in: known) {
                    message += "; did you mean '\(context)\(suggestion)'?"
                } else {
                    message += " (known: \(known.joined(separator: ", ")))"
                }
                throw UsageError(message)
            }
        }
        guard let top = node?.mapping else { return }
        try check(top, known: keys, context: "")
        if let rules = top["rules"]?.mapping { try check(rules, known: ruleKeys, context: "rules.") }
    }

    /// The path relative to the config's folder (the file must be under it).
    package func relativePath(_ path: String) -> String {
        let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
        let base = URL(fileURLWithPath: directory).standardizedFileURL.path
        guard absolute.hasPrefix(base + "/") else { return absolute }
        return String(absolute.dropFirst(base.count + 1))
    }

    /// Whether a file found by walking a directory is selected by include/exclude.
    package func selects(_ path: String) -> Bool {
        let relative = relativePath(path)
        if exclude.contains(where: { $0.matches(relative) }) { return false }
        return include.isEmpty || include.contains { $0.matches(relative) }
    }

    /// The dialect for a file: the first matching `dialects` glob, then `dialect`.
    package func dialect(for path: String) -> SQLDialect? {
        pathDialect(for: path) ?? dialect
    }

    /// The first `dialects` glob matching the file: what the configuration says about this page in particular.
    package func pathDialect(for path: String) -> SQLDialect? {
        let relative = relativePath(path)
        return dialects.first { $0.glob.matches(relative) }?.dialect
    }

    package var policy: DiagnosticPolicy {
        DiagnosticPolicy(disabledRules: disabledRules, severityOverrides: severityOverrides)
    }
}

/// Finds the config that governs each file, reading each folder's config at most once.
package struct ConfigLocator {
    private var cache: [String: RunbookConfig?] = [:]
    private let currentDirectory = FileManager.default.currentDirectoryPath

    package init() {}

    /// The nearest `runbook.yml` in the file's folder or above it.
    package mutating func config(for file: String) throws(UsageError) -> RunbookConfig? {
        var folder = Self.absoluteFolder(of: file, currentDirectory: currentDirectory)
        var visited: [String] = []
        while true {
            if let cached = cache[folder] {
                for path in visited { cache[path] = cached }
                return cached
            }
            visited.append(folder)
            if access(folder + "/" + RunbookConfig.fileName, F_OK) == 0 {
                let config = try RunbookConfig.load(directory: folder)
                for path in visited { cache[path] = config }
                return config
            }
            guard let slash = folder.lastIndex(of: "/"), folder != "/" else {
                for path in visited { cache[path] = .some(nil) }
                return nil
            }
            folder = slash == folder.startIndex ? "/" : String(folder[..<slash])
        }
    }

    /// The file's folder as an absolute path, with `.` and `..` components resolved textually.
    static func absoluteFolder(of file: String, currentDirectory: String) -> String {
        let absolute = file.hasPrefix("/") ? file : currentDirectory + "/" + file
        var components: [Substring] = []
        for component in absolute.split(separator: "/") {
            switch component {
            case ".": continue
            case "..": _ = components.popLast()
            default: components.append(component)
            }
        }
        components.removeLast()
        return "/" + components.joined(separator: "/")
    }
}

extension DiagnosticPolicy {
    /// The command line's policy over a config file's: the command line's explicit choices win, and
    /// disabled rules add up.
    package func merged(with config: DiagnosticPolicy) -> DiagnosticPolicy {
        DiagnosticPolicy(
            warningsAsErrors: warningsAsErrors || config.warningsAsErrors,
            disabledRules: disabledRules.union(config.disabledRules),
            severityOverrides: config.severityOverrides.merging(severityOverrides) { $1 })
    }
}

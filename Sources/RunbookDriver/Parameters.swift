import RunbookDiagnostics
package import RunbookModel

/// `--set NAME=VALUE` arguments.
package enum ParameterArguments {
    /// Splits `NAME=VALUE` pairs; a malformed pair, an empty value or a value with control characters
    /// (a line break could end a psql meta-command and start another) is a usage error.
    package static func parse(_ arguments: [String]) throws(UsageError) -> [String: String] {
        var result: [String: String] = [:]
        for argument in arguments {
            guard let equals = argument.firstIndex(of: "="), equals != argument.startIndex else {
                throw UsageError("--set \(argument): expected NAME=VALUE")
            }
            let name = String(argument[..<equals])
            let value = String(argument[argument.index(after: equals)...])
            guard !value.isEmpty else { throw UsageError("--set \(name)=: the value is empty") }
            guard !value.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
                throw UsageError("--set \(name): the value contains a control character or line break")
            }
            result[name] = value
        }
        return result
    }

    /// Checks names against the runbook's parameters (with a suggestion for near misses).
    package static func validate(_ values: [String: String], against runbook: Runbook) throws(UsageError) {
        let known = runbook.parameters.map(\.name)
        for name in values.keys.sorted() where !known.contains(name) {
            if name.hasSuffix("_password") {
                throw UsageError(
                    "--set \(name): passwords are never written into outputs; pass it to psql with -v \(name)=...")
            }
            var message = "--set \(name): \(runbook.path) has no parameter '\(name)'"
            if let suggestion = Suggestion.closest(to: name, in: known) { message += "; did you mean '\(suggestion)'?" }
            throw UsageError(message)
        }
    }
}

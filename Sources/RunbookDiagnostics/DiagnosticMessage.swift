/// A message of a stage's catalog: the rule it reports and its text. Each stage keeps its messages in one
/// alphabetised file (`Messages.swift`) — swift-syntax's pattern for parser errors: fixed messages are
/// `StaticMessage` values, a message with parameters is a small struct that words its text from them — so a
/// check names the message it reports and never spells prose, and a message is reworded in one place.
/// Nothing matches a message's text: code that needs to tell findings apart reads their rule or their data.
package protocol DiagnosticMessage: Sendable {
    var rule: Rule { get }
    var message: String { get }
}

/// A message without parameters.
package struct StaticMessage: DiagnosticMessage, Hashable {
    package let rule: Rule
    package let message: String

    package init(_ rule: Rule, _ message: String) {
        self.rule = rule
        self.message = message
    }
}

// MARK: - Diagnostics from messages

extension Diagnostic {
    /// A finding with a catalog message, at the rule's default severity unless `severity` says otherwise.
    package init(
        _ message: some DiagnosticMessage,
        at range: SourceRange,
        severity: Severity? = nil,
        notes: [DiagnosticNote] = [],
        fixIts: [FixIt] = [],
        variants: [String] = []
    ) {
        self.init(
            message.rule, message.message, at: range, severity: severity, notes: notes, fixIts: fixIts,
            variants: variants)
    }
}

extension DiagnosticBag {
    package mutating func emit(
        _ message: some DiagnosticMessage, at range: SourceRange, notes: [DiagnosticNote] = [], fixIts: [FixIt] = []
    ) {
        emit(Diagnostic(message, at: range, notes: notes, fixIts: fixIts))
    }
}

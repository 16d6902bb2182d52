package import RunbookDiagnostics

// The Markdown stage's messages, alphabetised: fixed ones as `StaticMessage` values, ones with parameters as
// small structs (RunbookDiagnostics' DiagnosticMessage.swift says why).

// MARK: - Fixed messages

extension StaticMessage {
    /// Also the driver's, for a file it reads without parsing.
    package static let invalidUTF8 = StaticMessage(
        .markdownInvalidUTF8, "the file is not valid UTF-8; invalid bytes were replaced with U+FFFD")
    static let unterminatedFence = StaticMessage(
        .markdownUnterminatedFence,
        "this fence is never closed, so the block runs to the end of its container; close it with a matching fence")
}

// MARK: - Messages with parameters

/// Front matter that is not valid YAML, or that expands past the node budget.
struct FrontMatterInvalidMessage: DiagnosticMessage {
    enum Problem: Sendable {
        case yaml(String)
        case tooManyNodes(Int)
    }

    var problem: Problem

    var rule: Rule { .frontMatterInvalid }
    var message: String {
        switch problem {
        case .yaml(let problem): "front matter is not valid YAML: \(problem)"
        case .tooManyNodes(let limit):
            "front matter expands to more than \(limit) YAML nodes (through aliases?); it is not read"
        }
    }
}

/// Content nested past the depth the converter follows.
struct NestingTooDeepMessage: DiagnosticMessage {
    var limit: Int

    var rule: Rule { .markdownNestingTooDeep }
    var message: String { "content nested deeper than \(limit) levels is skipped" }
}

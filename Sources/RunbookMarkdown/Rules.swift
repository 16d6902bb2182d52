package import RunbookDiagnostics

// The Markdown stage's rules, alphabetised.
extension Rule {
    package static let frontMatterInvalid = Rule(
        "markdown.front-matter", .error, "The YAML front matter cannot be read.")
    package static let markdownInvalidUTF8 = Rule(
        "markdown.invalid-utf8", .warning, "The file is not valid UTF-8; invalid bytes were replaced.")
    package static let markdownNestingTooDeep = Rule(
        "markdown.nesting-too-deep", .warning, "Nesting deeper than the reader follows; the inner content is skipped.")

    package static let markdownUnterminatedFence = Rule(
        "markdown.unterminated-fence", .warning,
        "A code fence is never closed, so the block swallows the rest of its container.")

    package static let markdownRules: [Rule] = [
        frontMatterInvalid, markdownInvalidUTF8, markdownNestingTooDeep, markdownUnterminatedFence,
    ]
}

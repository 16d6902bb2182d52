import Foundation
import RunbookCompile
package import RunbookDiagnostics
import RunbookEmitters
import RunbookSQL

/// Passwords written in a document never reach an output: not a script, not a diagnostic, not the
/// source line a diagnostic quotes. This finds them and masks them.
package struct SecretRedaction: Sendable {
    /// The password values, as written between the quotes.
    package var values: [String]
    /// Where they are in the Markdown file.
    package var ranges: [SourceRange]
    /// Each password literal: its value and where it is.
    var secrets: [(value: String, range: SourceRange)]

    init(blocks: [CompiledBlock]) {
        var values: [String] = []
        var ranges: [SourceRange] = []
        var secrets: [(value: String, range: SourceRange)] = []
        for block in blocks {
            for statement in block.statements {
                for password in statement.passwords {
                    switch password.spec {
                    case .literal(let value, let isPlaceholder) where !isPlaceholder && !value.isEmpty:
                        values.append(value)
                    case .quotedIdentifier(let value) where !value.isEmpty:
                        values.append(value)
                    default:
                        continue
                    }
                    ranges.append(block.block.positions.range(password.range))
                    secrets.append((values[values.count - 1], ranges[ranges.count - 1]))
                }
            }
            // Secrets found from the block's tokens: in statements that do not parse (which a template drops), in
            // variables named like secrets, and in blocks that are not parsed at all.
            guard Self.mayHoldSecret(block.block.text) else { continue }
            let found = SecretLiteral.find(inBlock: block.block.text, dialect: block.dialect)
            for secret in found where !secret.isPlaceholder {
                if !values.contains(secret.value) { values.append(secret.value) }
                let range = block.block.positions.range(secret.range)
                if !ranges.contains(range) {
                    ranges.append(range)
                    secrets.append((secret.value, range))
                }
            }
        }
        self.values = values
        self.ranges = ranges
        self.secrets = secrets
    }

    /// Whether a block's (or a statement's) text has a word that a secret's keyword or name contains: only then is
    /// it searched for secrets.
    static func mayHoldSecret(_ text: String) -> Bool {
        let lowered = text.asciiLowercased
        // A byte search: Foundation's `contains` (CFStringFind, by Characters) cost a tenth of checking a page.
        return SecretLiteral.telltaleWords.contains { lowered.containsBytes($0) }
    }

    /// The file's lines with every password's bytes replaced by `*` (same byte length, so columns hold).
    package func mask(_ lines: [Substring]) -> [Substring] {
        guard !ranges.isEmpty else { return lines }
        var result = lines
        for range in ranges {
            for line in range.start.line...max(range.start.line, range.end.line) where line >= 1 && line <= result.count
            {
                var bytes = Array(result[line - 1].utf8)
                let from = line == range.start.line ? range.start.column - 1 : 0
                let to = line == range.end.line ? range.end.column - 1 : bytes.count
                guard from >= 0, from < min(to, bytes.count) else { continue }
                for index in from..<min(to, bytes.count)
                where bytes[index] != UInt8(ascii: "'") && bytes[index] != UInt8(ascii: "\"") {
                    bytes[index] = UInt8(ascii: "*")
                }
                result[line - 1] = Substring(String(decoding: bytes, as: UTF8.self))
            }
        }
        return result
    }

    /// The diagnostic with the passwords its fix-its would write masked (`***`): a fix-it whose range covers a
    /// password's literal (double quotes to single) gets `***` in place of the value, and `restoredReplacement`
    /// puts it back when the fix is applied. Messages are masked where they are made: a message that quotes
    /// statement text masks the secret it quotes (`SecretLiteral.maskingQuotedSecrets`), and no other message
    /// quotes a literal, so a password that is also a word of a message (`password`, the user's name) leaves
    /// the message whole.
    package func scrub(_ diagnostic: Diagnostic) -> Diagnostic {
        guard !ranges.isEmpty, !diagnostic.fixIts.isEmpty else { return diagnostic }
        var copy = diagnostic
        copy.fixIts = copy.fixIts.map { fixIt in
            let covered = secrets.filter { $0.range.meets(fixIt.range) }.map(\.value)
            guard !covered.isEmpty else { return fixIt }
            var masked = fixIt
            for value in covered.sorted(by: { $0.count > $1.count }) where masked.replacement.contains(value) {
                masked.replacement = masked.replacement.replacingOccurrences(of: value, with: "***")
            }
            return masked
        }
        return copy
    }

    /// The replacement a fix-it must write, given the text it replaces. Diagnostics leave the compiler with every
    /// password masked (`***`), fix-its included; a fix-it that rewrites a password (double quotes to single)
    /// gets it back from the text it replaces, or nil rather than write `***` into the document.
    package func restoredReplacement(_ fixIt: FixIt, original: String) -> String? {
        guard !values.isEmpty, fixIt.replacement.contains("***") else { return fixIt.replacement }
        for value in values where original.contains(value) {
            let candidate = fixIt.replacement.replacingOccurrences(of: "***", with: value)
            if scrub(candidate) == fixIt.replacement { return candidate }
        }
        return nil
    }

    package func scrub(_ text: String) -> String {
        var result = text
        // A byte search first: most texts hold no password, and Foundation's replacement costs far more.
        for value in values.sorted(by: { $0.count > $1.count }) where result.containsBytes(value) {
            result = result.replacingOccurrences(of: value, with: "***")
        }
        return result
    }
}

extension SourceRange {
    /// Whether the ranges share a position, an empty range counting as the position it is at.
    fileprivate func meets(_ other: SourceRange) -> Bool {
        start <= other.end && other.start <= end
    }
}

public import RunbookDiagnostics
public import RunbookSQL

// The library's API (the `RunbookDriver` product): the options of `check` and `build`.
extension Commands {
    public struct CheckOptions: Sendable {
        public var format: DiagnosticFormat
        /// `--warnings-as-errors` and `--disable`; each file's front matter and runbook.yml add theirs.
        public var policy: PolicyArguments
        public var colors: Bool
        /// Overrides the dialect of every file (else: its `runbook.yml`, its front matter, redshift).
        public var dialect: SQLDialect?
        /// Only files git reports as changed since this revision.
        public var changedSince: String?
        /// Report suppression comments that silence nothing.
        public var reportUnusedSuppressions: Bool
        /// Where docs/rules.md is published, for SARIF's `helpUri`.
        public var rulesURL: String?
        /// Check files named on the command line even when runbook.yml excludes them or runbook generated them.
        public var forceInclude = false

        public init(
            format: DiagnosticFormat = .text, policy: PolicyArguments = PolicyArguments(), colors: Bool = false,
            dialect: SQLDialect? = nil, changedSince: String? = nil, reportUnusedSuppressions: Bool = false,
            rulesURL: String? = nil
        ) {
            self.format = format
            self.policy = policy
            self.colors = colors
            self.dialect = dialect
            self.changedSince = changedSince
            self.reportUnusedSuppressions = reportUnusedSuppressions
            self.rulesURL = rulesURL
        }
    }

    public struct BuildCommandOptions: Sendable {
        public var outputDirectory: String
        /// `--dialect`: the scripts' dialect; nil for each page's own (front matter, runbook.yml, evidence).
        public var dialect: SQLDialect?
        public var variants: [String]
        public var parameters: [String]
        /// Write nothing; report drift as a unified diff and exit 1.
        public var checkOnly: Bool
        /// Overwrite files runbook did not write, or that were edited by hand since.
        public var force: Bool
        /// `--templates DIR`: the user's copy of the HTML templates (built-in ones when nil).
        public var templatesDirectory: String?
        /// `--unsafe-html`: pass raw HTML from the documents through to index.html.
        public var unsafeHTML = false
        /// `--warnings-as-errors` and `--disable`; each file's front matter and runbook.yml add theirs.
        public var policy = PolicyArguments()
        /// `--no-write-on-error`: when a document has errors, write nothing (and exit 1).
        public var noWriteOnError = false
        /// `--plain`: scripts with the document's statements verbatim, without re-run guards or progress lines.
        public var plain = false
        /// `--verification`: also each variant's `VARIANT.verify.sql` (Snowflake pages; others are refused).
        public var verification = false

        public init(
            outputDirectory: String, dialect: SQLDialect? = nil, variants: [String] = [], parameters: [String] = [],
            checkOnly: Bool = false, force: Bool = false
        ) {
            self.outputDirectory = outputDirectory
            self.dialect = dialect
            self.variants = variants
            self.parameters = parameters
            self.checkOnly = checkOnly
            self.force = force
        }
    }
}

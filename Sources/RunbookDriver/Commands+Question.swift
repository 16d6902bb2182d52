import RunbookEmitters

extension Commands {
    // MARK: - explain --who

    /// `explain FILE --who P [--on OBJECT] [--can PRIVILEGE]`: with `--can`, exit 0 when the answer is yes in
    /// every variant asked about, 1 when it is no in one; without it, the filtered listing (exit 0).
    package static func explainQuestion(
        _ path: String, variant: String?, parameters: [String] = [], who: String, on: String?, can: String?,
        format: OutputFormat
    ) -> CommandResult {
        do throws(UsageError) {
            let values = try ParameterArguments.parse(parameters)
            let compiled = RunbookCompiler(options: CompileOptions(parameters: values))
                .compile(path: path, bytes: try InputFiles.read(path))
            try ParameterArguments.validate(values, against: compiled.runbook)
            let variants = try Builder.selectedVariants(compiled, slugs: variant.map { [$0] } ?? [])
            let question = PrivilegeQuestion(who: who, on: on, can: can)
            let answers = PrivilegeQuestions.answer(compiled, variants: variants, question: question)
            let status = answers.contains { $0.yes == false } ? ExitStatus.failure : ExitStatus.success
            switch format {
            case .text:
                return CommandResult(stdout: PrivilegeQuestions.text(answers, question: question), exitStatus: status)
            case .json:
                return CommandResult(stdout: PrivilegeQuestions.json(answers, question: question), exitStatus: status)
            }
        } catch {
            return .usage(error)
        }
    }
}

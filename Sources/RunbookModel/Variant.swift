/// One consistent pick of an alternative in every choice group that applies.
package struct Variant: Hashable, Sendable {
    /// File-name-safe and stable: `group-alternative` pairs in document order, joined by `_`.
    package var slug: String
    /// Group id → alternative id, for the groups that apply in this variant.
    package var selections: [String: String]
    /// Human-readable picks in document order ("Permissions: Permissions Option 1").
    package var labels: [String]
}

// MARK: - Enumeration

extension Runbook {
    /// Independent choices multiply: twenty two-way groups in a hostile file are a million variants, which
    /// would hang every command. No reviewable guide comes near this many.
    package static let maximumVariants = 32

    /// Every consistent combination of alternatives, in document order, up to `maximumVariants`. A runbook
    /// without choices has one variant, `default`.
    package var variants: [Variant] { variants(limit: Self.maximumVariants) }

    /// Whether the choices make more than `maximumVariants` combinations (the builder reports it).
    package var hasTooManyVariants: Bool {
        var count = 0
        forEachCombination(limit: Self.maximumVariants + 1) { _, _ in count += 1 }
        return count > Self.maximumVariants
    }

    func variants(limit: Int) -> [Variant] {
        var result: [Variant] = []
        forEachCombination(limit: limit) { picks, selections in
            let slug =
                picks.isEmpty ? "default" : picks.map { "\($0.group.id)-\($0.alternative.id)" }.joined(separator: "_")
            result.append(
                Variant(
                    slug: slug, selections: selections,
                    labels: picks.map { "\($0.group.label): \($0.alternative.label)" }))
        }
        return result
    }

    /// Calls `body` with each consistent combination of picks, in document order, at most `limit` times.
    ///
    /// One selection table is changed in place on the way down and back: copying it at every group made
    /// each combination cost the square of the number of groups (586 two-option groups: 103 M instructions
    /// per enumeration, three enumerations per `runbook check`).
    private func forEachCombination(
        limit: Int, _ body: ([(group: ChoiceGroup, alternative: Alternative)], [String: String]) -> Void
    ) {
        var count = 0
        var picks: [(group: ChoiceGroup, alternative: Alternative)] = []
        var selections: [String: String] = [:]
        func enumerate(_ index: Int) {
            guard count < limit else { return }
            guard index < choiceGroups.count else {
                count += 1
                body(picks, selections)
                return
            }
            let group = choiceGroups[index]
            guard group.appliesUnder.contains(where: { $0.holds(in: selections) }) else {
                enumerate(index + 1)
                return
            }
            // A group id is picked once on any path (ids are unique), so removing it restores the table.
            let before = selections[group.id]
            for alternative in group.alternatives {
                selections[group.id] = alternative.id
                picks.append((group, alternative))
                enumerate(index + 1)
                picks.removeLast()
                guard count < limit else { break }
            }
            selections[group.id] = before
        }
        enumerate(0)
    }
}

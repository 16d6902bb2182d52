/// A unified diff (`diff -u` style, three lines of context) between two texts, for `build --check`.
package enum UnifiedDiff {
    package static func diff(old: String, new: String, oldName: String, newName: String, context: Int = 3) -> String {
        let oldLines = lines(of: old)
        let newLines = lines(of: new)
        guard oldLines != newLines else { return "" }

        // Walk both sides with the edit script, producing one operation per line.
        enum Operation {
            case keep(Int, Int)
            case delete(Int)
            case insert(Int)
        }
        let difference = newLines.difference(from: oldLines)
        var removed = Set<Int>()
        var inserted = Set<Int>()
        for change in difference {
            switch change {
            case .remove(let offset, _, _): removed.insert(offset)
            case .insert(let offset, _, _): inserted.insert(offset)
            }
        }
        var operations: [Operation] = []
        var oldIndex = 0
        var newIndex = 0
        while oldIndex < oldLines.count || newIndex < newLines.count {
            if oldIndex < oldLines.count, removed.contains(oldIndex) {
                operations.append(.delete(oldIndex))
                oldIndex += 1
            } else if newIndex < newLines.count, inserted.contains(newIndex) {
                operations.append(.insert(newIndex))
                newIndex += 1
            } else {
                operations.append(.keep(oldIndex, newIndex))
                oldIndex += 1
                newIndex += 1
            }
        }

        // Each side's line index before each operation, for the hunk headers.
        var oldBefore: [Int] = []
        var newBefore: [Int] = []
        var oldSeen = 0
        var newSeen = 0
        for operation in operations {
            oldBefore.append(oldSeen)
            newBefore.append(newSeen)
            switch operation {
            case .keep:
                oldSeen += 1
                newSeen += 1
            case .delete: oldSeen += 1
            case .insert: newSeen += 1
            }
        }

        // Group changes into hunks with `context` unchanged lines around them.
        var output = ["--- \(oldName)", "+++ \(newName)"]
        let changeIndices = operations.indices.filter { if case .keep = operations[$0] { false } else { true } }
        var hunkStart = 0
        while hunkStart < changeIndices.count {
            var hunkEnd = hunkStart
            while hunkEnd + 1 < changeIndices.count,
                changeIndices[hunkEnd + 1] - changeIndices[hunkEnd] <= 2 * context + 1
            {
                hunkEnd += 1
            }
            let first = max(0, changeIndices[hunkStart] - context)
            let last = min(operations.count - 1, changeIndices[hunkEnd] + context)
            var body: [String] = []
            let oldStart = oldBefore[first]
            let newStart = newBefore[first]
            var oldCount = 0
            var newCount = 0
            for operation in operations[first...last] {
                switch operation {
                case .keep(let o, _):
                    oldCount += 1
                    newCount += 1
                    body.append(" " + oldLines[o])
                case .delete(let o):
                    oldCount += 1
                    body.append("-" + oldLines[o])
                case .insert(let n):
                    newCount += 1
                    body.append("+" + newLines[n])
                }
            }
            let oldLabel = oldCount == 0 ? "\(oldStart),0" : "\(oldStart + 1),\(oldCount)"
            let newLabel = newCount == 0 ? "\(newStart),0" : "\(newStart + 1),\(newCount)"
            output.append("@@ -\(oldLabel) +\(newLabel) @@")
            output.append(contentsOf: body)
            hunkStart = hunkEnd + 1
        }
        return output.joined(separator: "\n") + "\n"
    }

    /// Lines as `diff` counts them: a final line break ends the last line rather than starting another.
    private static func lines(of text: String) -> [String] {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
        return lines
    }
}

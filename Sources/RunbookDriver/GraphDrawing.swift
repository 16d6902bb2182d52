import Foundation
import RunbookCompile
package import RunbookEmitters
import RunbookModel

/// Draws the privilege graphs for the page with Graphviz's `dot` (https://graphviz.org/doc/info/command.html)
/// at build time: the page gets an inline SVG, checked to be inert (no script, link, foreign content or style
/// attribute, so the page's Content-Security-Policy stays as it is). `RUNBOOK_DOT` names the program (`none`
/// turns the drawing off); else `dot` on the PATH. Without it the page says how to get the picture.
package enum GraphDrawing {
    static let unavailableNote =
        "Graphviz's dot was not found when this page was built: install it (Debian: apt-get install graphviz) and "
        + "build again to see the graph here; `runbook explain FILE --format dot` writes it meanwhile."

    /// The program, or nil when there is none (or `RUNBOOK_DOT=none`).
    package static let program: String? = {
        let environment = ProcessInfo.processInfo.environment
        if let configured = environment["RUNBOOK_DOT"], !configured.isEmpty {
            if configured == "none" { return nil }
            return FileManager.default.isExecutableFile(atPath: configured) ? configured : nil
        }
        for folder in (environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
            let candidate = "\(folder)/dot"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }()

    /// Each variant's picture, by slug.
    static func pictures(_ compiled: CompiledRunbook, variants: [Variant]) -> [String: PrivilegeGraphEmitter.Picture] {
        var pictures: [String: PrivilegeGraphEmitter.Picture] = [:]
        for variant in variants {
            let source = PrivilegeGraphEmitter.dot(compiled, variant: variant)
            pictures[variant.slug] = picture(source)
        }
        return pictures
    }

    package static func picture(_ source: String) -> PrivilegeGraphEmitter.Picture {
        guard let program else { return .unavailable(unavailableNote) }
        switch run(program, input: source) {
        case .success(let output):
            guard let svg = inertSVG(output) else {
                return .unavailable("the graph was left out: dot's SVG held something the page does not allow")
            }
            return .svg(svg)
        case .failure(let failure):
            return .unavailable("the graph was left out: \(failure.message)")
        }
    }

    /// The `<svg>` element of dot's output without comments, XML declaration and doctype, labelled for assistive
    /// technology; nil when it holds anything active or anything that would load from elsewhere.
    package static func inertSVG(_ output: String) -> String? {
        guard let start = output.range(of: "<svg"), let end = output.range(of: "</svg>", options: .backwards),
            start.lowerBound < end.lowerBound
        else { return nil }
        var svg = String(output[start.lowerBound..<end.upperBound])
        while let open = svg.range(of: "<!--"), let close = svg.range(of: "-->", range: open.upperBound..<svg.endIndex)
        {
            svg.removeSubrange(open.lowerBound..<close.upperBound)
        }
        let lowered = svg.lowercased()
        let forbidden = ["<script", "<foreignobject", "href=", "style=", "javascript:", "<iframe", "<image", "url("]
        guard !forbidden.contains(where: lowered.contains), lowered.firstMatch(of: /\son[a-z]+\s*=/) == nil else {
            return nil
        }
        return svg.replacingOccurrences(
            of: "<svg", with: "<svg role=\"img\" aria-label=\"Who can reach what\"", options: [],
            range: svg.range(of: "<svg"))
    }

    private struct Failure: Error {
        var message: String
    }

    /// Runs `dot -Tsvg` with the graph on standard input; a run over 20 s is stopped.
    private static func run(_ program: String, input: String) -> Result<String, Failure> {
        let finished: ChildProcess.Finished
        do {
            finished = try ChildProcess(
                executable: program, arguments: ["-Tsvg"], input: Data(input.utf8), timeLimit: 20
            ).run()
        } catch {
            return .failure(Failure(message: "cannot run \(program): \(error.localizedDescription)"))
        }
        guard finished.succeeded else {
            return .failure(Failure(message: "dot failed\(finished.firstErrorLine.map { ": \($0)" } ?? "")"))
        }
        return .success(String(decoding: finished.stdout, as: UTF8.self))
    }
}

import Foundation

/// Debian's headless Chromium, as the browser tests drive it: a fresh profile per run, no sandbox (CI
/// runs as root), no GPU, nothing in the background that could reach the network.
enum Chromium {
    /// `RUNBOOK_CHROMIUM` (set by `make test`), else `chromium` on the PATH.
    static let path: String? = {
        let environment = ProcessInfo.processInfo.environment
        if let configured = environment["RUNBOOK_CHROMIUM"], !configured.isEmpty {
            return FileManager.default.isExecutableFile(atPath: configured) ? configured : nil
        }
        for folder in (environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
            let candidate = "\(folder)/chromium"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }()

    /// `RUNBOOK_REQUIRE_SERVICES=1`: a missing browser is a failure, not a skip.
    static let required = ProcessInfo.processInfo.environment["RUNBOOK_REQUIRE_SERVICES"] == "1"

    static let missingMessage = "Chromium not found (set RUNBOOK_CHROMIUM or install Debian's chromium)"

    /// The DOM after the page's scripts ran, and what the page wrote to the console (script errors,
    /// Content-Security-Policy violations).
    /// `profile`: a user-data folder kept between runs (for localStorage); a fresh one by default.
    /// `windowSize`: the viewport, as `--window-size` sets it (width, height).
    static func open(
        _ url: URL, profile: URL? = nil, windowSize: (Int, Int)? = nil
    ) throws -> (dom: String, console: [String]) {
        let size = windowSize.map { ["--window-size=\($0.0),\($0.1)"] } ?? []
        let (output, errors) = try run(
            ["--enable-logging=stderr", "--v=0", "--virtual-time-budget=2000"] + size
                + ["--dump-dom", url.absoluteString],
            profile: profile)
        let console = errors.split(separator: "\n").filter { $0.contains(":CONSOLE") }.map(String.init)
        return (output, console)
    }

    static func dumpDOM(_ url: URL) throws -> String {
        try open(url).dom
    }

    static func screenshot(_ url: URL, to file: URL, width: Int = 1280, height: Int = 2000) throws {
        _ = try run([
            "--hide-scrollbars", "--virtual-time-budget=2000", "--window-size=\(width),\(height)",
            "--screenshot=\(file.path)", url.absoluteString,
        ])
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    private static func run(
        _ arguments: [String], profile kept: URL? = nil, timeout: TimeInterval = 60
    ) throws -> (stdout: String, stderr: String) {
        guard let path else { throw Failure(description: missingMessage) }
        let profile =
            kept
            ?? FileManager.default.temporaryDirectory.appendingPathComponent("runbook-chromium-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: profile, withIntermediateDirectories: true)
        defer { if kept == nil { try? FileManager.default.removeItem(at: profile) } }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments =
            [
                "--headless", "--no-sandbox", "--disable-gpu", "--user-data-dir=\(profile.path)", "--no-first-run",
                "--no-default-browser-check", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--disable-extensions",
            ] + arguments
        let stdout = Pipe()
        let stderr = Pipe()
        process.standardOutput = stdout
        process.standardError = stderr
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let timer = DispatchWorkItem { if process.isRunning { process.terminate() } }
        DispatchQueue.global().asyncAfter(deadline: .now() + timeout, execute: timer)
        let group = DispatchGroup()
        nonisolated(unsafe) var errorData = Data()
        group.enter()
        DispatchQueue.global().async {
            errorData = stderr.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        timer.cancel()
        guard process.terminationReason == .exit, process.terminationStatus == 0 else {
            throw Failure(
                description: "chromium \(arguments.joined(separator: " ")) failed (\(process.terminationStatus)):\n"
                    + String(decoding: errorData, as: UTF8.self).suffix(2000))
        }
        return (String(decoding: output, as: UTF8.self), String(decoding: errorData, as: UTF8.self))
    }
}

/// A DOM read back from Chromium's `--dump-dom` serialisation: enough HTML parsing for tests to ask what
/// is visible, checked, labelled or linked.
final class DOMElement {
    let name: String
    let attributes: [String: String]
    private(set) var children: [Node] = []
    private(set) weak var parent: DOMElement?

    enum Node {
        case element(DOMElement)
        case text(String)
    }

    init(name: String, attributes: [String: String]) {
        self.name = name
        self.attributes = attributes
    }

    func append(_ node: Node) {
        if case .element(let element) = node { element.parent = self }
        children.append(node)
    }

    var elements: [DOMElement] {
        children.compactMap { if case .element(let element) = $0 { element } else { nil } }
    }

    /// Every element below this one, in document order.
    var descendants: [DOMElement] {
        elements.flatMap { [$0] + $0.descendants }
    }

    var ancestors: [DOMElement] {
        var result: [DOMElement] = []
        var current = parent
        while let element = current {
            result.append(element)
            current = element.parent
        }
        return result
    }

    var textContent: String {
        children.map {
            switch $0 {
            case .text(let text): text
            case .element(let element): element.textContent
            }
        }.joined()
    }

    func hasClass(_ name: String) -> Bool {
        (attributes["class"] ?? "").split(separator: " ").contains { $0 == name }
    }

    /// This element or an ancestor carries `hidden`.
    var isHidden: Bool { attributes["hidden"] != nil || ancestors.contains { $0.attributes["hidden"] != nil } }

    func first(id: String) -> DOMElement? { descendants.first { $0.attributes["id"] == id } }

    // MARK: - Parsing

    private static let voidElements: Set<String> = [
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr",
    ]
    private static let rawTextElements: Set<String> = ["script", "style", "textarea", "title", "noscript"]
    /// Raw text elements whose text is escaped when serialised.
    private static let escapedTextElements: Set<String> = ["textarea", "title"]

    static func parse(_ html: String) -> DOMElement {
        let root = DOMElement(name: "#document", attributes: [:])
        var stack = [root]
        let scalars = Array(html.unicodeScalars)
        var index = 0
        func hasPrefix(_ prefix: String, at position: Int) -> Bool {
            let wanted = Array(prefix.unicodeScalars)
            guard position + wanted.count <= scalars.count else { return false }
            return zip(scalars[position..<position + wanted.count], wanted).allSatisfy {
                String($0).lowercased() == String($1).lowercased()
            }
        }
        func text(_ range: Range<Int>) -> String {
            var result = String.UnicodeScalarView()
            result.append(contentsOf: scalars[range])
            return String(result)
        }
        func find(_ needle: String, from position: Int) -> Int {
            var cursor = position
            while cursor < scalars.count, !hasPrefix(needle, at: cursor) { cursor += 1 }
            return cursor
        }
        while index < scalars.count {
            guard scalars[index] == "<" else {
                let end = find("<", from: index)
                stack[stack.count - 1].append(.text(decode(text(index..<end))))
                index = end
                continue
            }
            if hasPrefix("<!--", at: index) {
                index = min(scalars.count, find("-->", from: index) + 3)
            } else if hasPrefix("<!", at: index) || hasPrefix("<?", at: index) {
                index = min(scalars.count, find(">", from: index) + 1)
            } else if hasPrefix("</", at: index) {
                let end = find(">", from: index)
                let name = text(index + 2..<end).trimmingCharacters(in: .whitespaces).lowercased()
                if let open = stack.lastIndex(where: { $0.name == name }), open > 0 { stack.removeSubrange(open...) }
                index = min(scalars.count, end + 1)
            } else {
                var cursor = index + 1
                var name = ""
                while cursor < scalars.count, !" \t\n\r/>".unicodeScalars.contains(scalars[cursor]) {
                    name.unicodeScalars.append(scalars[cursor])
                    cursor += 1
                }
                var attributes: [String: String] = [:]
                while cursor < scalars.count, scalars[cursor] != ">" {
                    if " \t\n\r/".unicodeScalars.contains(scalars[cursor]) {
                        cursor += 1
                        continue
                    }
                    var attribute = ""
                    while cursor < scalars.count, !" \t\n\r/>=".unicodeScalars.contains(scalars[cursor]) {
                        attribute.unicodeScalars.append(scalars[cursor])
                        cursor += 1
                    }
                    var value = ""
                    if cursor < scalars.count, scalars[cursor] == "=" {
                        cursor += 1
                        if cursor < scalars.count, scalars[cursor] == "\"" || scalars[cursor] == "'" {
                            let quote = scalars[cursor]
                            let end = (cursor + 1..<scalars.count).first { scalars[$0] == quote } ?? scalars.count
                            value = decode(text(cursor + 1..<end))
                            cursor = min(scalars.count, end + 1)
                        } else {
                            let start = cursor
                            while cursor < scalars.count, !" \t\n\r>".unicodeScalars.contains(scalars[cursor]) {
                                cursor += 1
                            }
                            value = decode(text(start..<cursor))
                        }
                    }
                    attributes[attribute.lowercased()] = value
                }
                index = min(scalars.count, cursor + 1)
                let element = DOMElement(name: name.lowercased(), attributes: attributes)
                stack[stack.count - 1].append(.element(element))
                if rawTextElements.contains(element.name) {
                    let end = find("</\(element.name)", from: index)
                    let raw = text(index..<end)
                    element.append(.text(escapedTextElements.contains(element.name) ? decode(raw) : raw))
                    index = min(scalars.count, find(">", from: end) + 1)
                } else if !voidElements.contains(element.name) {
                    stack.append(element)
                }
            }
        }
        return root
    }

    private static func decode(_ text: String) -> String {
        guard text.contains("&") else { return text }
        var result = ""
        var rest = Substring(text)
        while let amp = rest.firstIndex(of: "&") {
            result += rest[..<amp]
            let tail = rest[amp...]
            guard let semicolon = tail.prefix(12).firstIndex(of: ";") else {
                result += "&"
                rest = rest[rest.index(after: amp)...]
                continue
            }
            let entity = String(tail[tail.index(after: amp)..<semicolon])
            let named = ["amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": "\u{A0}"]
            if let value = named[entity] {
                result += value
            } else if entity.hasPrefix("#x") || entity.hasPrefix("#X"),
                let code = UInt32(entity.dropFirst(2), radix: 16),
                let scalar = Unicode.Scalar(code)
            {
                result.unicodeScalars.append(scalar)
            } else if entity.hasPrefix("#"), let code = UInt32(entity.dropFirst()), let scalar = Unicode.Scalar(code) {
                result.unicodeScalars.append(scalar)
            } else {
                result += "&" + entity + ";"
            }
            rest = rest[rest.index(after: semicolon)...]
        }
        return result + rest
    }
}

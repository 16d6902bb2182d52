import Foundation
package import Mustache

/// A template set is unusable: it does not parse, or it does not keep the page's script and style where
/// the Content-Security-Policy hashes expect them.
package struct HTMLTemplateError: Error, Sendable, CustomStringConvertible {
    package var message: String

    package init(_ message: String) { self.message = message }

    package var description: String { message }
}

/// The templates of `index.html`: the page (mustache, HTML-escaping) and the inline CSS and JavaScript
/// it embeds verbatim. Built in (generated from `templates/`) or read from a folder given with `--templates`.
package struct HTMLTemplates: Sendable {
    package static let pageFile = "page.html.mustache"
    package static let styleFile = "style.css"
    package static let scriptFile = "script.js"
    /// The page that lists the runbooks of a build of several.
    package static let indexFile = "index.html.mustache"
    package static let fileNames = [pageFile, scriptFile, styleFile, indexFile]

    package var page: MustacheTemplate
    /// `DIR/index.html` when a build writes several runbooks: the same style, no script.
    package var index: MustacheTemplate
    /// Inserted verbatim into `<style>…</style>` and hashed into the CSP.
    package var style: String
    /// Inserted verbatim into `<script>…</script>` and hashed into the CSP.
    package var script: String

    /// A template set from file contents; missing files fall back to the built-in ones.
    package init(files: [String: String]) throws(HTMLTemplateError) {
        let builtin = Dictionary(BuiltinTemplates.files.map { ($0.name, $0.contents) }) { first, _ in first }
        let pageText = files[Self.pageFile] ?? builtin[Self.pageFile] ?? ""
        for (marker, name) in [("<style>{{{style}}}</style>", "style"), ("<script>{{{script}}}</script>", "script")]
        where !pageText.contains(marker) {
            throw HTMLTemplateError(
                "\(Self.pageFile) must contain \(marker) exactly once: the page's Content-Security-Policy allows only "
                    + "the built-in \(name) it hashes")
        }
        do {
            page = try MustacheTemplate(string: pageText)
        } catch {
            throw HTMLTemplateError("\(Self.pageFile): \(error)")
        }
        let indexText = files[Self.indexFile] ?? builtin[Self.indexFile] ?? ""
        guard indexText.contains("<style>{{{style}}}</style>"), !indexText.contains("<script") else {
            throw HTMLTemplateError(
                "\(Self.indexFile) must contain <style>{{{style}}}</style> and no script: its Content-Security-Policy "
                    + "allows only the built-in style it hashes")
        }
        do {
            index = try MustacheTemplate(string: indexText)
        } catch {
            throw HTMLTemplateError("\(Self.indexFile): \(error)")
        }
        style = files[Self.styleFile] ?? builtin[Self.styleFile] ?? ""
        script = files[Self.scriptFile] ?? builtin[Self.scriptFile] ?? ""
        for (text, name, closing) in [(style, Self.styleFile, "</style"), (script, Self.scriptFile, "</script")]
        where text.lowercased().contains(closing) {
            throw HTMLTemplateError("\(name) must not contain \(closing)>")
        }
    }

    /// The templates compiled into the binary.
    package static var builtin: HTMLTemplates {
        get throws(HTMLTemplateError) { try HTMLTemplates(files: [:]) }
    }

    /// A user's copy of the templates: any of `page.html.mustache`, `style.css`, `script.js`, `index.html.mustache`
    /// in `directory`.
    package init(directory: String) throws(HTMLTemplateError) {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw HTMLTemplateError("--templates \(directory): no such directory")
        }
        var files: [String: String] = [:]
        for name in Self.fileNames {
            let path = (directory as NSString).appendingPathComponent(name)
            guard let data = FileManager.default.contents(atPath: path) else { continue }
            files[name] = String(decoding: data, as: UTF8.self)
        }
        guard !files.isEmpty else {
            throw HTMLTemplateError(
                "--templates \(directory): none of \(Self.fileNames.joined(separator: ", ")) is there")
        }
        try self.init(files: files)
    }
}

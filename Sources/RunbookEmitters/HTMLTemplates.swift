import Foundation
public import Mustache

/// A template set is unusable: it does not parse, or it does not keep the page's script and style where
/// the Content-Security-Policy hashes expect them.
public struct HTMLTemplateError: Error, Sendable, CustomStringConvertible {
    public var message: String

    public init(_ message: String) { self.message = message }

    public var description: String { message }
}

/// The templates of `index.html`: the page (mustache, HTML-escaping) and the inline CSS and JavaScript
/// it embeds verbatim. Built in (generated from `templates/`) or read from a folder given with `--templates`.
public struct HTMLTemplates: Sendable {
    public static let pageFile = "page.html.mustache"
    public static let styleFile = "style.css"
    public static let scriptFile = "script.js"
    /// The page that lists the runbooks of a build of several.
    public static let indexFile = "index.html.mustache"
    public static let fileNames = [pageFile, scriptFile, styleFile, indexFile]

    public var page: MustacheTemplate
    /// `DIR/index.html` when a build writes several runbooks: the same style, no script.
    public var index: MustacheTemplate
    /// Inserted verbatim into `<style>…</style>` and hashed into the CSP.
    public var style: String
    /// Inserted verbatim into `<script>…</script>` and hashed into the CSP.
    public var script: String

    /// A template set from file contents; missing files fall back to the built-in ones.
    public init(files: [String: String]) throws(HTMLTemplateError) {
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
    public static var builtin: HTMLTemplates {
        get throws(HTMLTemplateError) { try HTMLTemplates(files: [:]) }
    }

    /// A user's copy of the templates: any of `page.html.mustache`, `style.css`, `script.js`, `index.html.mustache`
    /// in `directory`.
    public init(directory: String) throws(HTMLTemplateError) {
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

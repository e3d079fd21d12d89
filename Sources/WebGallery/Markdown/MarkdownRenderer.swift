import CCmarkGFM
import Foundation

/// Renders package READMEs (untrusted Markdown) to inert HTML with Debian's cmark-gfm.
///
/// - Safe mode (cmark's default): raw HTML blocks and inline HTML are omitted, `javascript:`,
///   `vbscript:`, `file:` and `data:` links emptied. On top of that only `http(s):`, `mailto:` and
///   in-page `#fragment` links are kept; every other destination is emptied.
/// - Images are never loaded (no request to another host, so a feed works offline and readers are not
///   tracked): each image becomes a link to its `https:` address named by its alt text, or plain text.
/// - Headings move one level down, so the page's `h1` stays the only one.
/// - Links get `rel="nofollow ugc noopener"`.
///
/// cmark-gfm is linear-time; 1 MB of pathological input renders in well under a second.
enum MarkdownRenderer {
    static let extensionNames = ["table", "strikethrough", "autolink", "tasklist"]

    /// The HTML of a README.
    static func html(_ markdown: String) -> String {
        cmark_gfm_core_extensions_ensure_registered()
        let options = CMARK_OPT_DEFAULT | CMARK_OPT_VALIDATE_UTF8
        guard let parser = cmark_parser_new(options) else { return "" }
        defer { cmark_parser_free(parser) }
        for name in extensionNames {
            if let syntax = cmark_find_syntax_extension(name) { cmark_parser_attach_syntax_extension(parser, syntax) }
        }
        markdown.withCString { cmark_parser_feed(parser, $0, strlen($0)) }
        guard let document = cmark_parser_finish(parser) else { return "" }
        defer { cmark_node_free(document) }
        neutralize(document)
        guard let rendered = cmark_render_html(document, options, cmark_parser_get_syntax_extensions(parser)) else { return "" }
        defer { free(rendered) }
        // Safe mode leaves no raw HTML, so every `<a href=` in the output is one cmark wrote.
        // Task-list checkboxes get a name (an unnamed form control is an accessibility failure).
        return String(cString: rendered)
            .replacingOccurrences(of: "<a href=", with: "<a rel=\"nofollow ugc noopener\" href=")
            .replacingOccurrences(of: "<input type=\"checkbox\" checked=\"\" disabled=\"\"", with: "<input type=\"checkbox\" aria-label=\"Done\" checked=\"\" disabled=\"\"")
            .replacingOccurrences(of: "<input type=\"checkbox\" disabled=\"\"", with: "<input type=\"checkbox\" aria-label=\"To do\" disabled=\"\"")
    }

    /// Walks the tree: demotes headings, filters link destinations, turns images into links.
    private static func neutralize(_ document: OpaquePointer) {
        guard let iterator = cmark_iter_new(document) else { return }
        var images: [OpaquePointer] = []
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator) else { continue }
            switch cmark_node_get_type(node) {
            case CMARK_NODE_HEADING:
                cmark_node_set_heading_level(node, min(6, cmark_node_get_heading_level(node) + 1))
            case CMARK_NODE_LINK:
                let url = cmark_node_get_url(node).map { String(cString: $0) } ?? ""
                cmark_node_set_url(node, allowedLink(url) ?? "")
            case CMARK_NODE_IMAGE:
                images.append(node)
            default:
                break
            }
        }
        cmark_iter_free(iterator)
        for image in images { replaceImage(image) }
    }

    /// An image becomes a link (https only) whose text is the alt text, or just the alt text.
    private static func replaceImage(_ image: OpaquePointer) {
        let url = cmark_node_get_url(image).map { String(cString: $0) } ?? ""
        let https = url.lowercased().hasPrefix("https://") ? url : nil
        let replacement: OpaquePointer?
        if let https, let link = cmark_node_new(CMARK_NODE_LINK) {
            cmark_node_set_url(link, https)
            replacement = link
        } else {
            replacement = cmark_node_new(CMARK_NODE_EMPH)
        }
        guard let replacement else { cmark_node_unlink(image); cmark_node_free(image); return }
        var hasText = false
        while let child = cmark_node_first_child(image) {
            cmark_node_unlink(child)
            cmark_node_append_child(replacement, child)
            hasText = true
        }
        if !hasText, let text = cmark_node_new(CMARK_NODE_TEXT) {
            cmark_node_set_literal(text, "image")
            cmark_node_append_child(replacement, text)
        }
        cmark_node_insert_before(image, replacement)
        cmark_node_unlink(image)
        cmark_node_free(image)
    }

    /// `http(s):`, `mailto:` and `#fragment` destinations; nil for anything else (relative paths would
    /// resolve against this site, other schemes may run code).
    static func allowedLink(_ url: String) -> String? {
        let trimmed = url.trimmingCharacters(in: .whitespacesAndNewlines)
        let lower = trimmed.lowercased()
        if lower.hasPrefix("https://") || lower.hasPrefix("http://") || lower.hasPrefix("mailto:") { return trimmed }
        if trimmed.hasPrefix("#") { return trimmed }
        return nil
    }
}

import Foundation

/// A small `multipart/form-data` body read whole (the Manage page's Documentation form: a textarea and an optional
/// `.md` file, each at most 1 MB): every part's bytes by field name, the first part of a name winning.
struct MultipartForm: Sendable {
    let parts: [String: Data]

    subscript(_ name: String) -> Data? { parts[name] }

    /// Parses `body` under `contentType`'s boundary; nil when the content type is not multipart or names no boundary.
    static func parse(_ body: [UInt8], contentType: String?) -> MultipartForm? {
        guard let contentType, contentType.lowercased().hasPrefix("multipart/form-data") else { return nil }
        var boundary: String?
        for parameter in contentType.split(separator: ";").dropFirst() {
            let pair = parameter.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            if pair.count == 2, pair[0].lowercased() == "boundary" {
                boundary = pair[1].trimmingCharacters(in: CharacterSet(charactersIn: "\""))
            }
        }
        guard let boundary, !boundary.isEmpty else { return nil }
        let data = Data(body)
        let delimiter = Data(("--" + boundary).utf8)
        let headerEnd = Data("\r\n\r\n".utf8)
        var parts: [String: Data] = [:]
        var position = data.startIndex
        guard var start = data.range(of: delimiter, in: position..<data.endIndex)?.upperBound else { return MultipartForm(parts: [:]) }
        while true {
            // "--" after a delimiter ends the body; otherwise a CRLF starts the part's headers.
            if data[start..<min(start + 2, data.endIndex)] == Data("--".utf8) { break }
            guard let headers = data.range(of: headerEnd, in: start..<data.endIndex) else { break }
            let headerText = String(decoding: data[start..<headers.lowerBound], as: UTF8.self)
            let contentStart = headers.upperBound
            guard let next = data.range(of: Data("\r\n".utf8) + delimiter, in: contentStart..<data.endIndex) else { break }
            if let name = Self.fieldName(headerText), parts[name] == nil {
                parts[name] = Data(data[contentStart..<next.lowerBound])
            }
            position = next.upperBound
            start = position
        }
        return MultipartForm(parts: parts)
    }

    /// The `name` of a part's `Content-Disposition: form-data; name="..."`.
    static func fieldName(_ headers: String) -> String? {
        for line in headers.split(whereSeparator: \.isNewline) where line.lowercased().hasPrefix("content-disposition:") {
            for parameter in line.split(separator: ";").dropFirst() {
                let pair = parameter.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
                if pair.count == 2, pair[0].lowercased() == "name" {
                    return pair[1].trimmingCharacters(in: CharacterSet(charactersIn: "\""))
                }
            }
        }
        return nil
    }
}

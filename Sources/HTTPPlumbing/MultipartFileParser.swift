import Gallery

/// A streaming `multipart/form-data` reader that yields the body of the first file part.
///
/// NuGet.Client sends one part `name="package"; filename="package.nupkg"`; nuget.exe 2.x names
/// it `package` too. Like nuget.org we take the first part that has a filename (or, failing that,
/// the first part at all) and ignore names. Bytes are passed on as soon as they cannot be the start
/// of the closing delimiter.
struct MultipartFileParser {
    private enum State { case preamble, headers, skipping, body, done }

    private let openDelimiter: [UInt8]
    private let delimiter: [UInt8]
    private var state = State.preamble
    private var buffer: [UInt8] = []
    private(set) var sawFilePart = false
    /// Part headers above this size are refused (protects memory).
    private let maxHeaderBytes = 16 * 1024

    init(boundary: String) {
        openDelimiter = Array("--\(boundary)".utf8)
        // RFC 2046 puts CRLF before each delimiter, but nuget.exe 2.x on Mono writes the closing one
        // after Environment.NewLine ("\n"): match on LF and drop a CR that precedes it (docs/QUIRKS.md).
        delimiter = Array("\n--\(boundary)".utf8)
    }

    var isDone: Bool { state == .done }

    /// Feeds a chunk; `emit` receives file-part bytes in order.
    mutating func consume(_ chunk: [UInt8], emit: (ArraySlice<UInt8>) throws -> Void) throws {
        buffer.append(contentsOf: chunk)
        while true {
            switch state {
            case .preamble:
                guard let range = Self.find(openDelimiter, in: buffer) else {
                    keepTail(openDelimiter.count)
                    return
                }
                buffer.removeSubrange(..<range.upperBound)
                state = .headers
            case .headers:
                guard let end = Self.find(Array("\r\n\r\n".utf8), in: buffer) else {
                    if buffer.count > maxHeaderBytes {
                        throw GalleryError.invalidPackage("The multipart part headers are too large.")
                    }
                    return
                }
                let headers = String(decoding: buffer[..<end.lowerBound], as: UTF8.self).lowercased()
                buffer.removeSubrange(..<end.upperBound)
                if headers.hasPrefix("--") { state = .done; return }  // closing delimiter: no more parts
                let isFile = headers.contains("filename=") || headers.contains("application/octet-stream")
                    || headers.contains("name=\"package\"")
                state = isFile ? .body : .skipping
                sawFilePart = sawFilePart || isFile
            case .skipping, .body:
                if let range = Self.find(delimiter, in: buffer) {
                    if state == .body {
                        let end = range.lowerBound > 0 && buffer[range.lowerBound - 1] == 0x0D ? range.lowerBound - 1 : range.lowerBound
                        try emit(buffer[..<end])
                        buffer.removeAll()
                        state = .done
                        return
                    }
                    buffer.removeSubrange(..<range.upperBound)
                    state = .headers
                } else {
                    // Hold back a possible delimiter start plus the CR that may precede it.
                    let safe = max(0, buffer.count - delimiter.count)
                    if state == .body { try emit(buffer[..<safe]) }
                    buffer.removeSubrange(..<safe)
                    return
                }
            case .done:
                buffer.removeAll()
                return
            }
        }
    }

    /// Ends the body: a file part without its closing delimiter is refused as truncated.
    mutating func finish(emit: (ArraySlice<UInt8>) throws -> Void) throws {
        if state == .body {
            throw GalleryError.invalidPackage("The multipart body ended before the package part was complete.")
        }
    }

    private mutating func keepTail(_ length: Int) {
        if buffer.count > length { buffer.removeSubrange(..<(buffer.count - length)) }
    }

    /// The first occurrence of `needle` in `haystack`.
    static func find(_ needle: [UInt8], in haystack: [UInt8]) -> Range<Int>? {
        guard let first = needle.first, haystack.count >= needle.count else { return nil }
        var index = 0
        let last = haystack.count - needle.count
        return haystack.withUnsafeBufferPointer { hay in
            needle.withUnsafeBufferPointer { pin in
                while index <= last {
                    if hay[index] == first {
                        var matched = true
                        for offset in 1..<pin.count where hay[index + offset] != pin[offset] {
                            matched = false
                            break
                        }
                        if matched { return index..<(index + pin.count) }
                    }
                    index += 1
                }
                return nil
            }
        }
    }
}

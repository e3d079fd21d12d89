import Foundation
import Gallery
public import Hummingbird
import NIOCore

/// Where and how large push uploads may be (shared by every route that receives a package).
public struct UploadSettings: Sendable {
    /// Uploads over this size are refused with 413.
    public var maxPackageBytes: Int64
    /// Where uploads are streamed before validation (same filesystem as the blob folder, so publishing is a rename).
    public var temporaryDirectory: String

    /// Creates settings.
    public init(maxPackageBytes: Int64, temporaryDirectory: String) {
        self.maxPackageBytes = maxPackageBytes
        self.temporaryDirectory = temporaryDirectory
    }
}

/// Streams a push body into a temp file: the first file part of a `multipart/form-data` body
/// (what every NuGet client sends), or the raw body when it is not multipart (nuget.org accepts both).
///
/// Never holds the package in memory: at most one network chunk plus a delimiter's worth of
/// bytes is buffered. Counting stops the upload at the size limit with a 413 (the connection is
/// then drained a bounded amount or closed by `EarlyAnswerHandler`).
public struct MultipartPackageUpload: Sendable {
    let limitBytes: Int64
    let temporaryDirectory: String

    /// An upload under `settings`.
    public init(_ settings: UploadSettings) {
        limitBytes = settings.maxPackageBytes
        temporaryDirectory = settings.temporaryDirectory
    }

    /// Writes the package to a new temp file and returns its path; the caller deletes it.
    public func receive(_ request: Request) async throws -> String {
        let path = temporaryDirectory + "/upload-\(UUID().uuidString).nupkg"
        guard FileManager.default.createFile(atPath: path, contents: nil), let file = FileHandle(forWritingAtPath: path) else {
            throw GalleryError.unavailable("The server cannot store uploads right now.")
        }
        defer { try? file.close() }
        do {
            var sink = UploadSink(file: file, limit: limitBytes)
            if let boundary = Self.boundary(request.headers[.contentType]) {
                var parser = MultipartFileParser(boundary: boundary)
                for try await chunk in request.body {
                    try sink.count(chunk.readableBytes)
                    try parser.consume(Array(buffer: chunk)) { try sink.write($0) }
                    if parser.isDone { break }
                }
                guard parser.isDone || parser.sawFilePart else {
                    throw GalleryError.invalidPackage("The request has no package: send the .nupkg as a multipart file part named 'package'.")
                }
                try parser.finish { try sink.write($0) }
            } else {
                for try await chunk in request.body {
                    try sink.count(chunk.readableBytes)
                    try sink.write(Array(buffer: chunk)[...])
                }
            }
            guard sink.written > 0 else {
                throw GalleryError.invalidPackage("The uploaded package is empty.")
            }
            return path
        } catch {
            try? FileManager.default.removeItem(atPath: path)
            throw error
        }
    }

    /// The boundary parameter of a multipart content type, unquoted.
    static func boundary(_ contentType: String?) -> String? {
        guard let contentType, contentType.lowercased().hasPrefix("multipart/") else { return nil }
        for parameter in contentType.split(separator: ";").dropFirst() {
            let pair = parameter.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            if pair.count == 2, pair[0].lowercased() == "boundary" {
                let value = pair[1].trimmingCharacters(in: CharacterSet(charactersIn: "\""))
                return value.isEmpty ? nil : value
            }
        }
        return nil
    }
}

/// Counts and writes upload bytes, enforcing the size limit.
private struct UploadSink {
    let file: FileHandle
    let limit: Int64
    var received: Int64 = 0
    var written: Int64 = 0

    mutating func count(_ bytes: Int) throws {
        received += Int64(bytes)
        if received > limit + 64 * 1024 { throw GalleryError.packageTooLarge(limitBytes: limit) }
    }

    mutating func write(_ bytes: ArraySlice<UInt8>) throws {
        guard !bytes.isEmpty else { return }
        written += Int64(bytes.count)
        if written > limit { throw GalleryError.packageTooLarge(limitBytes: limit) }
        try file.write(contentsOf: bytes)
    }
}

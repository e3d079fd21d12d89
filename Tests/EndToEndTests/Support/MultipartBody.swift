import Foundation

/// A `multipart/form-data` body as NuGet clients send a push (protocol §2): one file part
/// `name="package"; filename="package.nupkg"`, `Content-Type: application/octet-stream`.
struct MultipartBody: Sendable {
    /// One form part.
    struct Part: Sendable {
        var name: String
        var filename: String?
        var contentType: String?
        var data: Data
    }

    var boundary: String
    var parts: [Part]

    /// A body with the given parts; the default boundary looks like .NET's (a GUID).
    init(boundary: String = "pallet-\(UUID().uuidString.lowercased())", parts: [Part] = []) {
        self.boundary = boundary
        self.parts = parts
    }

    /// The push body of `dotnet nuget push` / `nuget push`.
    static func package(_ nupkg: Data, boundary: String = "pallet-\(UUID().uuidString.lowercased())") -> MultipartBody {
        MultipartBody(boundary: boundary, parts: [
            Part(name: "package", filename: "package.nupkg", contentType: "application/octet-stream", data: nupkg),
        ])
    }

    /// The request's `Content-Type` header value.
    var contentType: String { "multipart/form-data; boundary=\"\(boundary)\"" }

    /// The encoded body.
    var data: Data {
        var body = Data()
        for part in parts {
            var head = "--\(boundary)\r\n"
            if let contentType = part.contentType { head += "Content-Type: \(contentType)\r\n" }
            head += "Content-Disposition: form-data; name=\"\(part.name)\""
            if let filename = part.filename { head += "; filename=\"\(filename)\"; filename*=utf-8''\(filename)" }
            head += "\r\n\r\n"
            body.append(Data(head.utf8))
            body.append(part.data)
            body.append(Data("\r\n".utf8))
        }
        body.append(Data("--\(boundary)--\r\n".utf8))
        return body
    }
}

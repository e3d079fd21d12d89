public import Foundation

/// Where the blobs live: a bucket, an optional key prefix, and the S3-compatible endpoint that serves them.
///
/// Written as `s3://BUCKET[/PREFIX]?endpoint=http://HOST:PORT&region=R&path-style=true`. Without an
/// endpoint it is AWS itself (`https://s3.REGION.amazonaws.com`), addressed virtual-host style as AWS
/// recommends; with one it is path-style unless told otherwise, because MinIO, Ceph and moto serve
/// buckets on paths and their hosts rarely have per-bucket DNS names.
public struct S3Location: Sendable, Equatable, CustomStringConvertible {
    /// The bucket name.
    public var bucket: String
    /// Prepended to every key path; empty or ending in `/`.
    public var prefix: String
    /// The service endpoint (scheme, host and optional port; no path).
    public var endpoint: URL
    /// The signing region.
    public var region: String
    /// Whether the bucket goes in the path (`http://host/bucket/key`) rather than the host name.
    public var pathStyle: Bool

    /// Creates a location from its parts; `prefix` gets a trailing `/` when it has none.
    public init(bucket: String, prefix: String = "", endpoint: URL? = nil, region: String = "us-east-1", pathStyle: Bool? = nil) {
        self.bucket = bucket
        self.prefix = prefix.isEmpty || prefix.hasSuffix("/") ? prefix : prefix + "/"
        self.endpoint = endpoint ?? URL(string: "https://s3.\(region).amazonaws.com")!
        self.region = region
        self.pathStyle = pathStyle ?? (endpoint != nil)
    }

    /// Parses `s3://BUCKET[/PREFIX]?endpoint=…&region=…&path-style=…`.
    public init(parsing text: String) throws {
        guard text.lowercased().hasPrefix("s3://") else {
            throw S3LocationError("'\(text)' is not an S3 location; expected s3://BUCKET[/PREFIX]?endpoint=URL&region=REGION.")
        }
        guard let components = URLComponents(string: text) else {
            throw S3LocationError("'\(text)' is not a valid URL; expected s3://BUCKET[/PREFIX]?endpoint=URL&region=REGION.")
        }
        guard let bucket = components.host, Self.isValidBucket(bucket) else {
            throw S3LocationError("'\(text)' has no valid bucket name (3-63 lowercase letters, digits, dots and hyphens).")
        }
        var endpoint: URL?, region = "us-east-1", pathStyle: Bool?
        for item in components.queryItems ?? [] {
            let value = item.value ?? ""
            switch item.name {
            case "endpoint":
                guard let url = URL(string: value), let scheme = url.scheme?.lowercased(), ["http", "https"].contains(scheme),
                      url.host?.isEmpty == false, url.path.isEmpty || url.path == "/", url.query == nil else {
                    throw S3LocationError("The endpoint '\(value)' in '\(text)' must be http(s)://HOST[:PORT] with no path.")
                }
                endpoint = URL(string: "\(scheme)://\(url.host!)\(url.port.map { ":\($0)" } ?? "")")
            case "region":
                guard !value.isEmpty, value.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" }) else {
                    throw S3LocationError("The region '\(value)' in '\(text)' is not a region name.")
                }
                region = value
            case "path-style":
                guard let flag = Bool(value.lowercased()) else {
                    throw S3LocationError("path-style in '\(text)' must be true or false, not '\(value)'.")
                }
                pathStyle = flag
            default:
                throw S3LocationError("Unknown parameter '\(item.name)' in '\(text)'; expected endpoint, region or path-style.")
            }
        }
        let prefix = String(components.path.drop { $0 == "/" })
        guard prefix.isEmpty || S3KeyPath.isValid(prefix.hasSuffix("/") ? String(prefix.dropLast()) : prefix) else {
            throw S3LocationError("The prefix '\(prefix)' in '\(text)' must be plain names separated by single slashes.")
        }
        self.init(bucket: bucket, prefix: prefix, endpoint: endpoint, region: region, pathStyle: pathStyle)
    }

    /// The location written back as a string (no secrets live here, so it is safe to log).
    public var description: String {
        let path = prefix.isEmpty ? "" : "/" + prefix
        return "s3://\(bucket)\(path)?endpoint=\(endpoint.absoluteString)&region=\(region)&path-style=\(pathStyle)"
    }

    /// S3's bucket naming rules, loosely: what every S3-compatible server accepts.
    static func isValidBucket(_ name: String) -> Bool {
        (3...63).contains(name.count)
            && name.allSatisfy { ($0.isASCII && ($0.isLowercase || $0.isNumber)) || $0 == "-" || $0 == "." }
            && name.first != "-" && name.first != "." && name.last != "-" && name.last != "."
    }
}

/// Why an S3 location string was refused; the message is one line a user can act on.
public struct S3LocationError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The one-line message.
    public let message: String

    init(_ message: String) { self.message = message }

    public var description: String { message }
}

/// Why an S3 call failed.
public enum S3Error: Error, Sendable, Equatable, CustomStringConvertible {
    /// The service refused the request with an S3 error document (`NoSuchKey`, `AccessDenied`,
    /// `SignatureDoesNotMatch`, …) or, for bodiless answers such as HEAD, a bare status.
    case service(status: Int, code: String, message: String)
    /// The service could not be reached, timed out, or answered 5xx: worth retrying later.
    case unavailable(String)
    /// The service answered something this client cannot read.
    case invalidResponse(String)

    /// The S3 error code, when the service sent one.
    public var code: String? {
        if case .service(_, let code, _) = self { return code }
        return nil
    }

    public var description: String {
        switch self {
        case .service(let status, let code, let message): "S3 refused the request: \(code) (HTTP \(status)): \(message)"
        case .unavailable(let reason): "S3 is unavailable: \(reason)"
        case .invalidResponse(let reason): "S3 answered something unexpected: \(reason)"
        }
    }
}

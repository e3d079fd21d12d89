public import Hummingbird
import HTTPTypes
import Logging

/// Gives every request one id: the caller's `X-Request-Id` when it is sane, else a generated one.
///
/// The id goes into the request's logger (so every line logged for the request carries it), into the
/// `X-Request-Id` response header of every answer, and into the body of every 5xx answer, so a user
/// can quote it and an operator can find the matching log lines. Must be the outermost middleware.
public struct RequestIDMiddleware<Context: RequestContext>: RouterMiddleware {
    /// Creates the middleware.
    public init() {}

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        if let incoming = request.headers[.requestID], Self.isSane(incoming) {
            context.logger[metadataKey: requestIDMetadataKey] = .string(incoming)
        }
        let id = context.id
        var response: Response
        do {
            response = try await next(request, context)
        } catch let error as NuGetHTTPError where error.status.code >= 500 && !error.message.contains(id) {
            // The message gains the id (reason phrase and body alike), keeping its headers (Retry-After).
            let withID = NuGetHTTPError(Int(error.status.code), Self.message(error.message, withID: id), headers: error.headers, json: error.isJSON)
            response = try withID.response(from: request, context: context)
        } catch let error as any HTTPResponseError {
            response = try error.response(from: request, context: context)
        }
        response.headers[.requestID] = id
        // 503 is overload or a store outage, logged where it is decided (once, not per refused request).
        if response.status.code >= 500 && response.status.code != 503 {
            context.logger.error("answered \(response.status.code)", metadata: ["method": "\(request.method)", "path": "\(request.uri.path)"])
        } else if context.logger.logLevel <= .debug {
            context.logger.debug("answered \(response.status.code)", metadata: ["method": "\(request.method)", "path": "\(request.uri.path)"])
        }
        return response
    }

    /// `text` with the id before its final period: "Busy; retry in 1 s (request id 0a1b…)."
    static func message(_ text: String, withID id: String) -> String {
        text.hasSuffix(".") ? "\(text.dropLast()) (request id \(id))." : "\(text) (request id \(id))"
    }

    /// At most 128 visible ASCII letters, digits and `-_.:`: anything else could forge log lines or headers.
    static func isSane(_ value: String) -> Bool {
        guard !value.isEmpty, value.utf8.count <= 128 else { return false }
        return value.utf8.allSatisfy { byte in
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: ":"):
                true
            default: false
            }
        }
    }
}

extension HTTPField.Name {
    /// The request id header (de facto standard; Heroku, nginx's `$request_id`, most log shippers).
    public static let requestID = HTTPField.Name("X-Request-Id")!
}

/// Hummingbird's logger key for the request id (`RequestContext.id` reads it).
let requestIDMetadataKey = "hb.request.id"

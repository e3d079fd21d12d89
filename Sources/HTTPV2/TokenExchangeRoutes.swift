import Foundation
import Gallery
import HTTPPlumbing
import Hummingbird
import HTTPTypes

/// `POST /api/v2/token`: nuget.org's Trusted Publishing token exchange (protocol §13), usable with the
/// unmodified `NuGet/login` GitHub action (`token-service-url` pointed here).
///
/// Request: exactly one `Authorization: Bearer <CI OIDC token>`, `Content-Type: application/json`, a
/// non-empty `User-Agent`, body `{"username": "<policy owner>", "tokenType": "ApiKey"}`. Answer 200
/// `{"tokenType": "ApiKey", "expires": "<ISO 8601>", "apiKey": "<secret>"}`; errors are `{"error": "…"}` with
/// the same text in the reason phrase, and a 401 carries `WWW-Authenticate: Bearer`.
struct TokenExchangeRoutes<Context: RequestContext>: Sendable {
    let exchange: TrustedPublishing

    func register(on router: Router<Context>) {
        router.post("/api/v2/token") { request, _ in
            do {
                return try await answer(request)
            } catch let error as GalleryError {
                throw Self.jsonError(error)
            }
        }
    }

    static func jsonError(_ error: GalleryError) -> NuGetHTTPError {
        let plain = error.httpError
        var headers = plain.headers
        if error.kind == .unauthorized { headers[.wwwAuthenticate] = "Bearer" }
        return NuGetHTTPError(plain.status.code, plain.message, headers: headers, json: true)
    }

    func answer(_ request: Request) async throws -> Response {
        let authorizations = request.headers[values: .authorization]
        guard authorizations.count == 1, let value = authorizations.first, value.lowercased().hasPrefix("bearer ") else {
            throw GalleryError.unauthorized("Send exactly one 'Authorization: Bearer <OIDC token>' header.")
        }
        let token = String(value.dropFirst("bearer ".count)).trimmingCharacters(in: .whitespaces)
        guard request.headers[.contentType]?.lowercased().hasPrefix("application/json") == true else {
            throw NuGetHTTPError(415, "The request body must be application/json.", json: true)
        }
        guard let agent = request.headers[.userAgent], !agent.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw GalleryError.badRequest("A User-Agent header is required.")
        }
        let buffer: ByteBuffer
        do {
            buffer = try await request.body.collect(upTo: 16 << 10)
        } catch {
            throw GalleryError.badRequest("The request body is larger than 16 KB.")
        }
        guard let body = try? JSONSerialization.jsonObject(with: Data(buffer.readableBytesView)) as? [String: Any],
              let username = body["username"] as? String, !username.isEmpty else {
            throw GalleryError.badRequest("The body must be {\"username\": \"<policy owner>\", \"tokenType\": \"ApiKey\"}.")
        }
        let issued = try await exchange.exchange(token: token, username: username, tokenType: body["tokenType"] as? String ?? "")
        let formatter = ISO8601DateFormatter()
        let answer: [String: String] = ["tokenType": "ApiKey", "expires": formatter.string(from: issued.expires), "apiKey": issued.secret]
        var data = try JSONSerialization.data(withJSONObject: answer, options: [.sortedKeys, .withoutEscapingSlashes])
        data.append(0x0A)
        return Response(
            status: .ok, headers: [.contentType: "application/json; charset=utf-8", .cacheControl: "no-store"],
            body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}

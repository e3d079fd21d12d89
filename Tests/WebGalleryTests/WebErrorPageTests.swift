import Foundation
import Gallery
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
@testable import WebGallery

/// The HTML error pages of web paths, and the plain answers NuGet paths keep.
@Suite("web error pages")
struct WebErrorPageTests {
    struct Boom: Error {}

    @Test("an unexpected error on a web path is an HTML 500 quoting the request id, with no internals")
    func serverError() async throws {
        try await withWebServer { server in
            let router = Router(context: BasicRequestContext.self)
            router.add(middleware: WebErrorMiddleware<BasicRequestContext>(web: WebGallery(gallery: server.gallery)))
            router.get("/packages/boom") { _, _ -> Response in throw Boom() }
            router.get("/v3/boom") { _, _ -> Response in throw Boom() }
            try await Application(router: router).test(.router) { client in
                try await client.execute(uri: "/packages/boom", method: .get) { response in
                    let body = String(buffer: response.body)
                    #expect(response.status == .internalServerError)
                    #expect(response.headers[.contentType] == "text/html; charset=utf-8")
                    #expect(body.contains("Something went wrong"))
                    #expect(body.contains("request id"))
                    #expect(!body.contains("Boom"), "no internals")
                    #expect(response.headers[.contentSecurityPolicy] != nil)
                }
                try await client.execute(uri: "/v3/boom", method: .get) { response in
                    // Not a web path: the error passes through to the NuGet surface's handling.
                    #expect(!String(buffer: response.body).contains("<html"))
                }
            }
        }
    }

    @Test("HEAD answers a page's headers without its body")
    func head() async throws {
        try await withWebServer { server in
            let answer = try await server.client.execute(uri: "/stats", method: .head) { response in
                (response.status, response.headers[.contentLength], response.body.readableBytes)
            }
            #expect(answer.0 == .ok)
            #expect(Int(answer.1 ?? "0") ?? 0 > 0)
            #expect(answer.2 == 0)
        }
    }
}

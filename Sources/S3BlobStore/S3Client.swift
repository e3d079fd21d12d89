import AsyncHTTPClient
public import Foundation
public import Logging
import NIOCore
import NIOHTTP1

/// A minimal S3 REST client: the object, listing, multipart and bucket calls the blob store needs,
/// signed with SigV4, over one shared `HTTPClient`.
///
/// Every call is bounded: connecting gives up after `connectTimeout`, a silent connection after
/// `readTimeout`, and each request has a deadline. Connection failures, timeouts and 5xx answers
/// become `S3Error.unavailable`; other refusals `S3Error.service` with S3's error code.
public final class S3Client: Sendable {
    /// The bucket, prefix and endpoint.
    public let location: S3Location
    /// Signs every request.
    public let signer: SigV4Signer
    /// Uploads larger than this use multipart upload.
    public let multipartThreshold: Int64
    /// The size of each multipart part (S3 requires at least 5 MiB except for the last).
    public let partSize: Int64
    let http: HTTPClient
    let logger: Logger
    /// The signing clock; a parameter so tests can make URLs that are already expired.
    let now: @Sendable () -> Date

    /// Deadline of a request without a large body.
    static let smallRequestTimeout = TimeAmount.seconds(30)
    /// Deadline of a request streaming a body (a part, a relayed download); stalls end sooner, by `readTimeout`.
    static let streamingTimeout = TimeAmount.hours(1)

    /// Creates a client with its own `HTTPClient`; call `shutdown()` when done.
    public init(
        location: S3Location, credentials: S3Credentials, logger: Logger,
        partSize: Int64 = 16 << 20, multipartThreshold: Int64? = nil,
        connectTimeout: Duration = .seconds(5), readTimeout: Duration = .seconds(30),
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
        precondition(partSize >= 5 << 20, "S3 parts are at least 5 MiB")
        self.location = location
        self.signer = SigV4Signer(credentials: credentials, region: location.region)
        self.partSize = partSize
        self.multipartThreshold = multipartThreshold ?? partSize
        self.logger = logger
        self.now = now
        var configuration = HTTPClient.Configuration()
        configuration.timeout = .init(connect: .init(connectTimeout), read: .init(readTimeout))
        configuration.redirectConfiguration = .disallow  // S3 redirects name another region: an error to report, not follow
        configuration.decompression = .disabled           // bytes must arrive exactly as stored
        // By default a refused connection is retried until the connect timeout; an outage should
        // reach the caller (and the NuGet client, as 503) at once instead.
        configuration.connectionPool.retryConnectionEstablishment = false
        self.http = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }

    /// Closes the connections; later calls fail.
    public func shutdown() async throws {
        try await http.shutdown()
    }

    /// A request for the bucket (`key` nil) or an object, addressed path- or virtual-host style.
    func request(_ method: String, key: String?, query: [SigV4Request.QueryParameter] = [], headers: [SigV4Request.Header] = []) -> SigV4Request {
        let endpoint = location.endpoint
        let scheme = endpoint.scheme ?? "https"
        var host = endpoint.host ?? ""
        if let port = endpoint.port, port != (scheme == "https" ? 443 : 80) { host += ":\(port)" }
        var path = key.map { "/" + $0 } ?? "/"
        if location.pathStyle {
            path = "/" + location.bucket + (key.map { "/" + $0 } ?? "")
        } else {
            host = location.bucket + "." + host
        }
        return SigV4Request(method: method, scheme: scheme, host: host, path: path, query: query, headers: headers)
    }

    /// Signs and sends `request`; returns the response when its status is 2xx (or in `accept`),
    /// otherwise throws the matching `S3Error`.
    ///
    /// A 5xx answer (S3's InternalError and SlowDown, which AWS asks clients to retry) is retried twice
    /// with a short backoff, re-signed and with a fresh body from `body`; a transport failure is not, so an
    /// outage still reaches the caller (and the NuGet client, as 503) at once.
    func send(
        _ request: SigV4Request, body: (@Sendable () -> HTTPClientRequest.Body)? = nil, payload: SigV4Signer.Payload = .empty,
        timeout: TimeAmount = S3Client.smallRequestTimeout, accept: Set<Int> = []
    ) async throws -> HTTPClientResponse {
        var attempt = 0
        while true {
            attempt += 1
            let signed = signer.sign(request, payload: payload, date: now())
            var outgoing = HTTPClientRequest(url: signed.url)
            outgoing.method = HTTPMethod(rawValue: signed.method)
            for header in signed.headers { outgoing.headers.add(name: header.name, value: header.value) }
            outgoing.body = body?()
            let response: HTTPClientResponse
            let started = DispatchTime.now().uptimeNanoseconds
            let metrics = ObjectStoreMetrics.handles(method: request.method)
            defer { metrics.record(nanoseconds: DispatchTime.now().uptimeNanoseconds &- started) }
            do {
                response = try await http.execute(outgoing, timeout: timeout, logger: logger)
            } catch let error as CancellationError {
                throw error
            } catch let error as LocalFileError {
                throw error  // reading the upload failed: our disk, not the service
            } catch {
                // Whatever the transport reports (refused, reset, timed out, TLS) means the same to callers.
                metrics.countError()
                throw S3Error.unavailable("\(request.method) \(location.endpoint.absoluteString) failed: \(error)")
            }
            let status = Int(response.status.code)
            if (200..<300).contains(status) || accept.contains(status) { return response }
            if status >= 500 { metrics.countError() }
            let error = await Self.error(from: response, method: request.method)
            guard status >= 500, attempt < Self.attemptsOnServerError else { throw error }
            logger.debug("S3 answered \(status); retrying", metadata: ["attempt": "\(attempt)"])
            try await Task.sleep(for: .milliseconds(100 * attempt * attempt))
        }
    }

    /// Attempts for a request S3 answered with 5xx.
    static let attemptsOnServerError = 3

    /// Reads an S3 error document (`<Error><Code>…<Message>…`) into a typed error; 5xx is `unavailable`.
    static func error(from response: HTTPClientResponse, method: String) async -> S3Error {
        let status = Int(response.status.code)
        let body = (try? await response.body.collect(upTo: 64 << 10)).map { Data($0.readableBytesView) } ?? Data()
        let document = body.isEmpty ? nil : try? S3XML.parse(body)
        let code = document?.text("Code") ?? response.status.reasonPhrase.replacingOccurrences(of: " ", with: "")
        let message = document?.text("Message") ?? "\(method) answered \(status) \(response.status.reasonPhrase)."
        if status >= 500 { return .unavailable("\(code) (HTTP \(status)): \(message)") }
        return .service(status: status, code: code, message: message)
    }

    /// Reads a small answer body (an XML document) whole; a broken transfer is `unavailable`.
    static func collect(_ response: HTTPClientResponse, what: String, limit: Int = 16 << 20) async throws -> Data {
        do {
            return Data(try await response.body.collect(upTo: limit).readableBytesView)
        } catch {
            throw S3Error.unavailable("reading \(what) broke off: \(error)")
        }
    }
}

public import Gallery
public import Hummingbird
import NIOCore

/// A request context that carries who is making the request, once an authentication middleware
/// has established it (`APIKeyAuthenticationMiddleware` on NuGet write routes).
public protocol PrincipalRequestContext: RequestContext {
    /// The authenticated principal; nil on anonymous routes and before authentication ran.
    var principal: Principal? { get set }
    /// The client's address, for per-address limits (sign-in throttling).
    var clientAddress: String { get }
}

extension PrincipalRequestContext {
    public var clientAddress: String { "unknown" }
}

extension PrincipalRequestContext {
    /// The principal an authentication middleware put here; 401 when the route was registered without one.
    public func requirePrincipal() throws -> Principal {
        guard let principal else {
            throw GalleryError.unauthorized("An API key is required: pass it with -ApiKey / --api-key (header X-NuGet-ApiKey).")
        }
        return principal
    }
}

/// Pallet's request context for every surface (V3, V2, and the web gallery to come): Hummingbird's
/// core storage plus the authenticated principal. The principal is opaque here: the domain decides
/// what it may do.
public struct PalletRequestContext: PrincipalRequestContext {
    public var coreContext: CoreRequestContextStorage
    public var principal: Principal?
    /// The peer's IP address as the socket sees it ("unknown" when there is none, as in router tests):
    /// the web gallery throttles sign-ins per address with it.
    public let clientAddress: String

    /// A context with no principal yet.
    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        principal = nil
        clientAddress = source.channel.remoteAddress?.ipAddress ?? "unknown"
    }
}

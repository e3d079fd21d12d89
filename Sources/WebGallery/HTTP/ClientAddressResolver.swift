import Foundation
import Hummingbird
import HTTPTypes

/// The client's address for per-address limits: the socket's peer, or, when the peer is one of the configured
/// trusted proxies (`pallet.trustedProxies`), the nearest address in `X-Forwarded-For` that is not itself a
/// trusted proxy. Anyone else's `X-Forwarded-For` is ignored: a client could write anything there.
struct ClientAddressResolver: Sendable {
    let trustedProxies: Set<String>

    init(trustedProxies: [String]) {
        self.trustedProxies = Set(trustedProxies)
    }

    func address(of request: Request, peer: String) -> String {
        guard trustedProxies.contains(peer) else { return peer }
        let hops = request.headers[values: HTTPField.Name("X-Forwarded-For")!]
            .flatMap { $0.split(separator: ",") }
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty && $0.count <= 64 }
        // Proxies append the address they saw: read from the right, past our own proxies.
        return hops.last { !trustedProxies.contains($0) } ?? hops.first ?? peer
    }
}

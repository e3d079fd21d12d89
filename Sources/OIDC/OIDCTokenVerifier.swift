public import AsyncHTTPClient
public import Foundation
public import Gallery
import JWTKit
import NIOCore
import NIOHTTP1
import Synchronization

/// Verifies CI tokens with the issuer's own keys: `{issuer}/.well-known/openid-configuration` names the
/// `jwks_uri`, whose keys are cached per issuer and fetched again when a token names an unknown key (rotation).
/// Issuers must be `https://`, except on a loopback host (a test issuer on 127.0.0.1).
public final class OIDCTokenVerifier: CITokenVerifier {
    let http: HTTPClient
    let clock: any GalleryClock
    /// Accepted difference between our clock and the issuer's.
    let leeway: TimeInterval
    private let keys = Mutex<[String: (collection: JWTKeyCollection, fetched: Date)]>([:])

    /// Creates a verifier fetching with `http`.
    public init(http: HTTPClient = .shared, clock: any GalleryClock, leeway: TimeInterval = 60) {
        self.http = http
        self.clock = clock
        self.leeway = leeway
    }

    public func issuer(of token: String) -> String? {
        let parts = token.split(separator: ".")
        guard parts.count == 3, let payload = Self.base64URLDecode(String(parts[1])),
              let object = try? JSONSerialization.jsonObject(with: payload) as? [String: Any] else { return nil }
        return object["iss"] as? String
    }

    public func verify(_ token: String, issuer: String, audience: String) async throws -> VerifiedCIToken {
        guard Self.isAllowedIssuer(issuer) else {
            throw GalleryError.unauthorized("The issuer '\(issuer)' must be an https:// URL.")
        }
        let claims: CIClaims
        do {
            claims = try await verifySignature(token, issuer: issuer, refresh: false)
        } catch let error as GalleryError {
            throw error
        } catch {
            // An unknown `kid` means the issuer rotated its keys: fetch them again once.
            do {
                claims = try await verifySignature(token, issuer: issuer, refresh: true)
            } catch let error as GalleryError {
                throw error
            } catch {
                throw GalleryError.unauthorized("The token's signature does not verify with the keys of '\(issuer)'.")
            }
        }
        let now = clock.now()
        guard claims.strings["iss"] == issuer else {
            throw GalleryError.unauthorized("The token's issuer is not '\(issuer)'.")
        }
        guard claims.audiences.contains(audience) else {
            throw GalleryError.unauthorized("The token's audience is not '\(audience)'.")
        }
        guard let expires = claims.expires, expires.addingTimeInterval(leeway) > now else {
            throw GalleryError.unauthorized("The token has expired.")
        }
        if let notBefore = claims.notBefore, notBefore.addingTimeInterval(-leeway) > now {
            throw GalleryError.unauthorized("The token is not valid yet.")
        }
        guard let jti = claims.strings["jti"], !jti.isEmpty else {
            throw GalleryError.unauthorized("The token has no 'jti' claim.")
        }
        return VerifiedCIToken(issuer: issuer, claims: claims.strings, tokenID: jti, expires: expires)
    }

    private func verifySignature(_ token: String, issuer: String, refresh: Bool) async throws -> CIClaims {
        let collection = try await keyCollection(issuer: issuer, refresh: refresh)
        return try await collection.verify(token, as: CIClaims.self)
    }

    private func keyCollection(issuer: String, refresh: Bool) async throws -> JWTKeyCollection {
        let now = clock.now()
        if let cached = keys.withLock({ $0[issuer] }), !refresh || now.timeIntervalSince(cached.fetched) < 30 {
            return cached.collection
        }
        let base = issuer.hasSuffix("/") ? String(issuer.dropLast()) : issuer
        let discovery = try await fetchJSON("\(base)/.well-known/openid-configuration")
        guard let jwksURI = discovery["jwks_uri"] as? String, Self.isAllowedIssuer(jwksURI) else {
            throw GalleryError.unauthorized("The discovery document of '\(issuer)' has no usable jwks_uri.")
        }
        let jwks = try await fetch(jwksURI)
        let collection = JWTKeyCollection()
        do {
            try await collection.add(jwksJSON: String(decoding: jwks, as: UTF8.self))
        } catch {
            throw GalleryError.unauthorized("The keys of '\(issuer)' could not be read.")
        }
        keys.withLock { $0[issuer] = (collection, now) }
        return collection
    }

    private func fetchJSON(_ url: String) async throws -> [String: Any] {
        guard let object = try JSONSerialization.jsonObject(with: try await fetch(url)) as? [String: Any] else {
            throw GalleryError.unauthorized("'\(url)' is not a JSON object.")
        }
        return object
    }

    private func fetch(_ url: String) async throws -> Data {
        do {
            let response = try await http.execute(HTTPClientRequest(url: url), timeout: .seconds(10))
            guard response.status == .ok else {
                throw GalleryError.unavailable("'\(url)' answered \(response.status.code).")
            }
            return Data(try await response.body.collect(upTo: 1 << 20).readableBytesView)
        } catch let error as GalleryError {
            throw error
        } catch {
            throw GalleryError.unavailable("'\(url)' could not be fetched: \(error).")
        }
    }

    static func isAllowedIssuer(_ url: String) -> Bool {
        guard let components = URLComponents(string: url), let host = components.host?.lowercased() else { return false }
        if components.scheme == "https" { return true }
        return components.scheme == "http" && ["127.0.0.1", "localhost", "::1"].contains(host)
    }

    static func base64URLDecode(_ text: String) -> Data? {
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.count % 4 != 0 { base64 += "=" }
        return Data(base64Encoded: base64)
    }
}

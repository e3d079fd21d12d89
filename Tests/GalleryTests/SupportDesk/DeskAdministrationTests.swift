import Foundation
import Gallery
import GalleryTestSupport
import NuGetCore
import Testing

@Suite("desk administration: locks, policy deletes, bulk listing, reservation owners")
struct DeskAdministrationTests {
    @Test("a locked package refuses pushes, unlisting and owner changes with a message saying so; unlocking restores them")
    func lockPackage() async throws {
        let (f, _) = try await DeskFixture.open()
        defer { Task { await f.tg.close() } }
        let administration = f.tg.gallery.administration(mailer: f.mailer)
        await #expect(throws: GalleryError.siteAdminRequired(action: "lock 'Acme.Lib'")) {
            try await administration.setPackageLocked(try PackageID(validating: "Acme.Lib"), locked: true, by: f.owner)
        }
        try await administration.setPackageLocked(try PackageID(validating: "acme.lib"), locked: true, by: f.admin)
        #expect(try await f.tg.store.isPackageLocked(lowerID: "acme.lib"))
        let locked = GalleryError.packageLocked(id: "Acme.Lib")
        #expect(locked.message.contains("locked"))
        await #expect(throws: locked) {
            try await f.tg.gallery.push(packageAt: try f.tg.upload(TestPackage(id: "Acme.Lib", version: "2.0.0")), by: f.owner)
        }
        await #expect(throws: locked) {
            try await f.tg.gallery.setListed(false, id: try PackageID(validating: "Acme.Lib"), version: try NuGetVersion(parsing: "1.0.0"), by: f.owner)
        }
        await #expect(throws: locked) {
            try await administration.addOwner(try PackageID(validating: "Acme.Lib"), accountName: "reader", by: f.owner)
        }
        #expect(try await f.tg.store.versions(ofLowerID: "acme.lib").count == 1, "nothing pushed")
        try await administration.setPackageLocked(try PackageID(validating: "Acme.Lib"), locked: false, by: f.admin)
        _ = try await f.tg.gallery.push(packageAt: try f.tg.upload(TestPackage(id: "Acme.Lib", version: "2.0.0")), by: f.owner)
        let actions = try await f.tg.store.auditEvents(since: nil).map(\.action)
        #expect(actions.contains("package.locked") && actions.contains("package.unlocked"))
    }

    @Test("a locked account cannot sign in and its API keys stop working")
    func lockAccount() async throws {
        let tg = try await TestGallery.open()
        defer { Task { await tg.close() } }
        let secret = try await tg.userWithKey("mallory")
        let admin = Principal.adminCLI()
        let administration = tg.gallery.administration(mailer: CapturingMailer())
        try await administration.setAccountLocked(name: "mallory", locked: true, by: admin)
        await #expect(throws: GalleryError.unauthorized("The account 'mallory' is locked; its API keys do not work. Contact the site administrators.")) {
            try await tg.gallery.authenticator.authenticate(secret)
        }
        let mallory = try #require(try await tg.store.user(named: "mallory"))
        await #expect(throws: GalleryError.unauthorized("The account 'mallory' is locked; contact the site administrators.")) {
            try await Authorizer(store: tg.store).signedIn(mallory)
        }
        try await administration.setAccountLocked(name: "mallory", locked: false, by: admin)
        _ = try await tg.gallery.authenticator.authenticate(secret)
        #expect(try await tg.store.auditEvents(since: nil).map(\.action).suffix(2) == ["account.locked", "account.unlocked"])
    }

    @Test("delete for a policy violation: reason from the list and a signature; the version is gone, owners mailed with both")
    func policyDelete() async throws {
        let (f, _) = try await DeskFixture.open()
        defer { Task { await f.tg.close() } }
        let administration = f.tg.gallery.administration(mailer: f.mailer)
        let id = try PackageID(validating: "Acme.Lib"), version = try NuGetVersion(parsing: "1.0.0")
        await #expect(throws: GalleryError.badRequest("Choose a reason from the list.")) {
            try await administration.deleteForPolicyViolation(id, versions: [version], reason: "I dislike it", signature: "Ann", by: f.admin)
        }
        await #expect(throws: GalleryError.badRequest("Sign the deletion (1000 characters at most).")) {
            try await administration.deleteForPolicyViolation(id, versions: [version], reason: SupportReasons.prohibitedUse[0], signature: " ", by: f.admin)
        }
        await #expect(throws: GalleryError.siteAdminRequired(action: "delete 'Acme.Lib'")) {
            try await administration.deleteForPolicyViolation(id, versions: [version], reason: SupportReasons.prohibitedUse[0], signature: "x", by: f.owner)
        }
        #expect(try await f.tg.store.version(PackageVersionKey(lowerID: "acme.lib", lowerVersion: "1.0.0"))?.state == .available)
        try await administration.deleteForPolicyViolation(id, versions: [version], reason: SupportReasons.prohibitedUse[0], signature: "Ann Admin", by: f.admin)
        #expect(try await f.tg.store.version(PackageVersionKey(lowerID: "acme.lib", lowerVersion: "1.0.0"))?.state == .deleted)
        let mail = try #require(f.mailer.messages.last)
        #expect(mail.to == ["owner@pallet.test"])
        #expect(mail.body.contains(SupportReasons.prohibitedUse[0]) && mail.body.contains("Ann Admin"))
        #expect(try await f.tg.store.auditEvents(since: nil).last?.action == "package.deleted")
    }

    @Test("bulk listing unlists and relists several versions in one call, site admins only")
    func bulkListing() async throws {
        let (f, _) = try await DeskFixture.open()
        defer { Task { await f.tg.close() } }
        _ = try await f.tg.gallery.push(packageAt: try f.tg.upload(TestPackage(id: "Acme.Lib", version: "2.0.0")), by: f.owner)
        let administration = f.tg.gallery.administration(mailer: f.mailer)
        let id = try PackageID(validating: "Acme.Lib")
        let both = [(id, try NuGetVersion(parsing: "1.0.0")), (id, try NuGetVersion(parsing: "2.0.0"))]
        await #expect(throws: GalleryError.siteAdminRequired(action: "administer accounts")) {
            try await administration.setListed(false, versions: both, by: f.owner, gallery: f.tg.gallery)
        }
        #expect(try await administration.setListed(false, versions: both, by: f.admin, gallery: f.tg.gallery) == 2)
        #expect(try await f.tg.store.versions(ofLowerID: "acme.lib").allSatisfy { !$0.listed })
        try await administration.setListed(true, versions: both, by: f.admin, gallery: f.tg.gallery)
        #expect(try await f.tg.store.versions(ofLowerID: "acme.lib").allSatisfy(\.listed))
    }

    @Test("a reservation owner can be removed, but not the last one")
    func reservationOwners() async throws {
        let (f, _) = try await DeskFixture.open()
        defer { Task { await f.tg.close() } }
        let administration = f.tg.gallery.administration(mailer: f.mailer)
        try await administration.reservePrefix("Acme.*", ownerName: "owner", by: f.admin)
        try await administration.reservePrefix("Acme.*", ownerName: "reader", by: f.admin)
        try await administration.removeReservationOwner("acme.*", ownerName: "reader", by: f.admin)
        #expect(try await administration.reservations().first?.ownerKeys == [f.owner.user.key])
        await #expect(throws: GalleryError.badRequest("'owner' is the last owner of 'Acme.*': release the reservation instead.")) {
            try await administration.removeReservationOwner("Acme.*", ownerName: "owner", by: f.admin)
        }
    }
}

import Foundation
import Gallery
import GalleryTestSupport
import NuGetCore
import Testing

/// The management rules on the in-memory store: owner requests, organization invitations, the Manage page's access
/// and the web upload, without a server.
@Suite("manage: owner requests, invitations, access and upload (domain)")
struct ManagementRequestTests {
    @Test("a request changes no owner until the invited account accepts; only it may answer; the mail names no address")
    func ownerRequest() async throws {
        let test = try await TestGallery.open()
        let aliceKey = try await test.userWithKey("alice")
        _ = try await test.userWithKey("bob")
        _ = try await test.userWithKey("carol")
        _ = try await test.gallery.push(packageAt: try test.upload(TestPackage(id: "Alpha.Lib", version: "1.0.0")),
                                         by: try await test.gallery.authenticator.authenticate(aliceKey))
        let mailer = CapturingMailer()
        let admin = test.gallery.administration(mailer: mailer)
        let alice = try await test.gallery.authorizer.signedIn(try #require(try await test.store.user(named: "alice")))
        let bob = try await test.gallery.authorizer.signedIn(try #require(try await test.store.user(named: "bob")))
        let carol = try await test.gallery.authorizer.signedIn(try #require(try await test.store.user(named: "carol")))
        let id = try PackageID(validating: "Alpha.Lib")

        // Only someone who may manage the owners can ask.
        await #expect(throws: GalleryError.self) { _ = try await admin.requestOwner(id, accountName: "carol", message: "", by: bob) }
        _ = try await admin.requestOwner(id, accountName: "bob", message: "Join me", by: alice)
        #expect(try await test.store.owners(ofLowerID: "alpha.lib").count == 1)
        let mail = try #require(mailer.messages.last)
        #expect(mail.to == ["bob@pallet.test"] && mail.body.contains("Join me") && mail.body.contains("http://pallet.test/account/Packages"))
        #expect(!mail.body.contains("alice@pallet.test"))
        // carol may not answer bob's request.
        await #expect {
            try await admin.answerOwnershipRequest(id, accountName: "bob", accept: true, by: carol)
        } throws: { ($0 as? GalleryError)?.kind == .forbidden }
        try await admin.answerOwnershipRequest(id, accountName: "bob", accept: true, by: bob)
        #expect(try await test.store.owners(ofLowerID: "alpha.lib").count == 2)
        #expect(try await test.store.ownershipRequests(ofLowerID: "alpha.lib").isEmpty)
        let accepted = mailer.messages.filter { $0.subject.contains("is now an owner") }
        #expect(accepted.map(\.to).sorted { $0[0] < $1[0] } == [["alice@pallet.test"], ["bob@pallet.test"]])
        // Answering twice finds nothing.
        await #expect {
            try await admin.answerOwnershipRequest(id, accountName: "bob", accept: true, by: bob)
        } throws: { ($0 as? GalleryError)?.kind == .notFound }
        let audit = try await test.store.auditEvents(since: nil).map(\.action)
        #expect(audit.contains("owner.requested") && audit.contains("owner.accepted"))
        await test.close()
    }

    @Test("the Manage page is for owners and members of owning organizations; collaborators may not manage owners")
    func manageAccess() async throws {
        let test = try await TestGallery.open()
        let aliceKey = try await test.userWithKey("alice")
        _ = try await test.userWithKey("bob")
        _ = try await test.gallery.push(packageAt: try test.upload(TestPackage(id: "Team.Lib", version: "1.0.0")),
                                         by: try await test.gallery.authenticator.authenticate(aliceKey))
        let admin = test.gallery.administration(mailer: CapturingMailer())
        let id = try PackageID(validating: "Team.Lib")
        func session(_ name: String) async throws -> Principal {
            try await test.gallery.authorizer.signedIn(try #require(try await test.store.user(named: name)))
        }
        await #expect {
            _ = try await test.gallery.managedPackage(id, by: try await session("bob"))
        } throws: { ($0 as? GalleryError)?.kind == .forbidden }
        #expect(try await test.gallery.managedPackage(id, by: try await session("alice")).mayManageOwners)
        _ = try await admin.createOrganization(name: "Team", adminName: "alice", by: .adminCLI())
        try await admin.addOwner(id, accountName: "Team", by: .adminCLI())
        try await admin.removeOwner(id, accountName: "alice", by: .adminCLI())
        _ = try await admin.inviteMember(organizationName: "Team", userName: "bob", role: .collaborator, by: try await session("alice"))
        // Invited is not yet a member.
        await #expect(throws: GalleryError.self) { _ = try await test.gallery.managedPackage(id, by: try await session("bob")) }
        try await admin.answerInvitation(organizationName: "Team", accept: true, by: try await session("bob"))
        let asBob = try await test.gallery.managedPackage(id, by: try await session("bob"))
        #expect(!asBob.mayManageOwners && asBob.versions.map(\.normalizedVersion) == ["1.0.0"])
        await #expect {
            _ = try await admin.requestOwner(id, accountName: "alice", message: "", by: try await session("bob"))
        } throws: { ($0 as? GalleryError)?.kind == .forbidden }
        await #expect {
            _ = try await admin.inviteMember(organizationName: "Team", userName: "alice", role: .admin, by: try await session("bob"))
        } throws: { ($0 as? GalleryError)?.kind == .forbidden }
        await test.close()
    }

    @Test("an upload is previewed without storing anything, then published as a push for the chosen organization")
    func upload() async throws {
        let test = try await TestGallery.open()
        _ = try await test.userWithKey("alice")
        let admin = test.gallery.administration(mailer: CapturingMailer())
        _ = try await admin.createOrganization(name: "Org", adminName: "alice", by: .adminCLI())
        let alice = try await test.gallery.authorizer.signedIn(try #require(try await test.store.user(named: "alice")))
        let path = try test.upload(TestPackage(id: "Org.New", version: "1.0.0"))
        let preview = try await test.gallery.previewUpload(packageAt: path, by: alice)
        #expect(preview.isNewID && preview.ownerChoices == ["alice", "Org"] && preview.record.id == "Org.New")
        #expect(try await test.store.versions(ofLowerID: "org.new").isEmpty)
        let result = try await test.gallery.upload(packageAt: path, ownerName: "Org", listed: false, by: alice)
        #expect(!result.record.listed)
        let org = try #require(try await test.store.user(named: "Org"))
        #expect(try await test.store.owners(ofLowerID: "org.new") == [org.key])
        // The same version again is the push's 409.
        await #expect {
            _ = try await test.gallery.previewUpload(packageAt: try test.upload(TestPackage(id: "Org.New", version: "1.0.0")), by: alice)
        } throws: { ($0 as? GalleryError)?.kind == .conflict }
        await test.close()
    }
}

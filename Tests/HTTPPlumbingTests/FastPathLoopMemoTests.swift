@testable import HTTPPlumbing
import NIOEmbedded
import Testing

/// `FastPathLoopMemo`: one per event loop and fast path, shared by the loop's connections, keeping one object
/// of the responder's.
@Suite("FastPathLoopMemo")
struct FastPathLoopMemoTests {
    final class Counter {
        var count = 0
    }

    final class Other {}

    @Test("one memo per event loop: the same for every connection of a loop, another for another loop")
    func perLoop() {
        let memos = FastPathLoopMemos()
        let first = EmbeddedEventLoop()
        let second = EmbeddedEventLoop()
        #expect(memos.memo(for: first) === memos.memo(for: first))
        #expect(memos.memo(for: first) !== memos.memo(for: second))
        #expect(FastPathLoopMemos().memo(for: first) !== memos.memo(for: first), "each fast path has its own")
    }

    @Test("the object is made once and kept; asking for another type makes that one instead")
    func madeOnce() {
        let memo = FastPathLoopMemos().memo(for: EmbeddedEventLoop())
        var made = 0
        let counter = memo.object { made += 1; return Counter() }
        counter.count = 7
        #expect(memo.object { made += 1; return Counter() }.count == 7)
        #expect(made == 1)
        _ = memo.object { Other() }
        #expect(memo.object { made += 1; return Counter() }.count == 0, "replaced, so made again")
        #expect(made == 2)
    }
}

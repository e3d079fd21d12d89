@testable import HTTPPlumbing
import Testing

/// The in-flight limit and its queue without a server: slots, FIFO hand-over, refusal when the line is full.
@Suite("Request limiter")
struct RequestLimiterTests {
    @Test("slots are granted up to the limit, then requests queue, then they are refused")
    func limitQueueRefuse() async throws {
        let limiter = RequestLimiter(maxInFlight: 2, maxQueued: 1)
        #expect(await limiter.acquire())
        #expect(await limiter.acquire())
        #expect(limiter.inFlight == 2)
        let waiter = Task { await limiter.acquire() }
        // Wait (by yielding, not by time) until the third request is in line.
        while limiter.queued == 0 { await Task.yield() }
        #expect(await limiter.acquire() == false, "the line is full: refused at once")
        limiter.release()
        #expect(await waiter.value, "the slot passed to the waiter")
        #expect(limiter.inFlight == 2)
        #expect(limiter.queued == 0)
        limiter.release()
        limiter.release()
        #expect(limiter.inFlight == 0)
        #expect(await limiter.acquire(), "everything released: a new request gets a slot")
    }

    @Test("freeSlot answers what tryAcquire would grant, with the slots in use and the line, and takes nothing")
    func freeSlotAgreesWithTryAcquire() async throws {
        let limiter = RequestLimiter(maxInFlight: 2, maxQueued: 1)
        #expect(limiter.freeSlot()! == (0, 0))
        #expect(limiter.tryAcquire())
        #expect(limiter.freeSlot()! == (1, 0), "one in use, one free")
        #expect(limiter.inFlight == 1, "looking took no slot")
        #expect(await limiter.acquire())
        #expect(limiter.freeSlot() == nil, "all taken")
        let waiter = Task { await limiter.acquire() }
        while limiter.queued == 0 { await Task.yield() }
        #expect(limiter.freeSlot() == nil)
        limiter.release()
        #expect(await waiter.value)
        #expect(limiter.freeSlot() == nil, "the slot went to the waiter")
        limiter.release()
        #expect(limiter.freeSlot()! == (1, 0), "a slot free again, nobody waiting")
        #expect(limiter.tryAcquire())
        limiter.release()
        limiter.release()
        #expect(limiter.freeSlot()! == (0, 0))
    }

    @Test("waiters get slots in the order they came")
    func fifo() async throws {
        let limiter = RequestLimiter(maxInFlight: 1, maxQueued: 3)
        #expect(await limiter.acquire())
        let order = OrderLog()
        var tasks: [Task<Void, Never>] = []
        for index in 0..<3 {
            tasks.append(Task {
                _ = await limiter.acquire()
                await order.append(index)
                limiter.release()
            })
            while limiter.queued < index + 1 { await Task.yield() }
        }
        limiter.release()
        for task in tasks { await task.value }
        #expect(await order.values == [0, 1, 2])
        #expect(limiter.inFlight == 0)
    }

    @Test("a queue of zero refuses as soon as every slot is taken")
    func noQueue() async {
        let limiter = RequestLimiter(maxInFlight: 1, maxQueued: 0)
        #expect(await limiter.acquire())
        #expect(await limiter.acquire() == false)
        limiter.release()
        #expect(await limiter.acquire())
    }
}

private actor OrderLog {
    var values: [Int] = []
    func append(_ value: Int) { values.append(value) }
}

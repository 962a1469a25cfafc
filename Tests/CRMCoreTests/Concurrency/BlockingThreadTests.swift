import CRMCore
import Testing

@Suite struct BlockingThreadTests {
    struct Refused: Error, Equatable { var code: Int }

    @Test("the body's error reaches the awaiting task, typed; a body that cannot throw needs no try")
    func errorsReachTheTask() async {
        await #expect(throws: Refused(code: 7)) {
            try await BlockingThread.run(name: "test") { () throws(Refused) -> Int in throw Refused(code: 7) }
        }
        let value = await BlockingThread.run(name: "test") { 42 }
        #expect(value == 42)
    }
}

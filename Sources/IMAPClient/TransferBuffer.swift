/// What one transfer received. Reached from the C callbacks through an unretained pointer; the session owns it.
final class TransferBuffer {
    var body: [UInt8] = []
    var lastServerLine: [UInt8] = []
    func reset() {
        body.removeAll(keepingCapacity: true)
        lastServerLine.removeAll()
    }
}

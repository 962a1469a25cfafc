import MailMIME
import Testing

@Test func headerFieldsAreRead() {
    let message = MIMEParser().parse(Array("Subject: hi\r\nFrom: a@b.c\r\n\r\nbody\r\n".utf8))
    #expect(message.headers.map(\.name) == ["Subject", "From"])
}

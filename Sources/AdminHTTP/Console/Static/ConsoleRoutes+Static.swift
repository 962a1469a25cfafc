import Hummingbird

extension ConsoleRoutes {
    /// `GET /static/console.css` and `/static/console.js`, open without a session (the login page uses them).
    static func addStaticRoutes(to router: Router<ConsoleContext>, services: ConsoleServices) {
        router.get("/static/console.css") { _, _ in
            asset(ConsoleStylesheet.text, type: "text/css; charset=utf-8")
        }
        router.get("/static/console.js") { _, _ in
            asset(ConsoleScript.text, type: "text/javascript; charset=utf-8")
        }
    }

    private static func asset(_ text: String, type: String) -> Response {
        Response(
            status: .ok, headers: [.contentType: type, .cacheControl: "no-cache"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }
}

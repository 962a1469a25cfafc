/// An error page of the console (403 for a missing right or a form without its token, 404, …): `message`, and `back`
/// (a local path) when there is somewhere to go.
enum ErrorTemplate {
    static let text = """
        <p class="error">{{message}}</p>
        {{#back}}<p><a href="{{back}}">Back</a></p>{{/back}}

        """
}

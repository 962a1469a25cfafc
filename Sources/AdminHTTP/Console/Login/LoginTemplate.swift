/// The login form (§8: fields `user`, `password`, `csrf`; `next` is where to go afterwards).
enum LoginTemplate {
    static let text = """
        {{#refused}}<p class="error" role="alert">Unknown user or wrong password, or the login is locked for a while.</p>{{/refused}}
        <form class="login" method="post" action="/login">
        <input type="hidden" name="csrf" value="{{loginToken}}">
        <input type="hidden" name="next" value="{{next}}">
        <label for="user">User</label>
        <input id="user" name="user" value="{{enteredUser}}" autocomplete="username" required autofocus>
        <label for="password">Password</label>
        <input id="password" name="password" type="password" autocomplete="current-password" required>
        <button type="submit">Log in</button>
        </form>

        """
}

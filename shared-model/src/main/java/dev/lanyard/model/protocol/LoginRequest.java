package dev.lanyard.model.protocol;

import dev.lanyard.model.Require;

public record LoginRequest(String username, String password) {
    public LoginRequest {
        Require.text(username, "username", 100);
        Require.present(password, "password");
        Require.optionalText(password, "password", 200);
    }

    @Override
    public String toString() {
        return "LoginRequest[username=" + username + ", password=***]";
    }
}

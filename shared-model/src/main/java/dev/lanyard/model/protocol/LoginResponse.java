package dev.lanyard.model.protocol;

import java.time.Instant;

public record LoginResponse(String token, Instant expiresAt) {
}

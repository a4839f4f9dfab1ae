package dev.lanyard.model.protocol;

/** Every error the API returns: a stable machine code and a sentence for a person. */
public record ApiError(String error, String message) {
}

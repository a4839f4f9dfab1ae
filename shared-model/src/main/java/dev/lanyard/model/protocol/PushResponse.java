package dev.lanyard.model.protocol;

import java.util.List;

public record PushResponse(List<OpResult> results) {
    public PushResponse {
        results = results == null ? List.of() : List.copyOf(results);
    }
}

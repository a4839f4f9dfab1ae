package dev.lanyard.model.protocol;

import dev.lanyard.model.Require;

public record PairRequest(String code, String deviceName) {
    public PairRequest {
        Require.text(code, "code", 64);
        Require.optionalText(deviceName, "deviceName", 100);
    }
}

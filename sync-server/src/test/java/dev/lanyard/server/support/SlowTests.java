package dev.lanyard.server.support;

/**
 * Tests that take minutes run in CI ({@code LANYARD_CI=1}, set by {@code .ci/run}) and where
 * asked for ({@code -Dlanyard.slow=true}); a developer's default {@code mvn test} skips them.
 * Use with {@code @Tag("slow") @EnabledIf("dev.lanyard.server.support.SlowTests#enabled")}.
 */
public final class SlowTests {
    private SlowTests() {
    }

    public static boolean enabled() {
        return "1".equals(System.getenv("LANYARD_CI")) || Boolean.getBoolean("lanyard.slow");
    }
}

package dev.lanyard.rehearsal;

import java.lang.reflect.InvocationTargetException;

/**
 * What a {@link ServerChild} runs: the server's own host CLI, ended as soon as the rehearsal that started it is
 * gone. A rehearsal stopped with Ctrl+C or SIGTERM stops its servers from a shutdown hook, but one killed outright
 * (SIGKILL, the out-of-memory killer) runs no hook, and its server kept its port, its data folder and a share of
 * the CPU until someone noticed. The CLI is called by name: the rehearsal links no server code (ArchitectureTest).
 */
public final class ServerChildMain {
    private static final String SERVER_MAIN = "dev.lanyard.server.cli.Main";

    private ServerChildMain() {
    }

    public static void main(String[] args) throws Throwable {
        // halt, not exit: the rehearsal is gone, nobody waits for a clean stop, and H2 and PostgreSQL survive a kill
        ProcessHandle.current().parent()
                .ifPresent(rehearsal -> rehearsal.onExit().thenRun(() -> Runtime.getRuntime().halt(1)));
        try {
            Class.forName(SERVER_MAIN).getMethod("main", String[].class).invoke(null, (Object) args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}

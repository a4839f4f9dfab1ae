package dev.lanyard.rehearsal;

import java.lang.reflect.InvocationTargetException;

/**
 * What a {@link ServerChild} runs: the server's own host CLI, ended as soon as the rehearsal that started it is
 * gone ({@link ParentWatch}). The CLI is called by name: the rehearsal links no server code (ArchitectureTest).
 */
public final class ServerChildMain {
    private static final String SERVER_MAIN = "dev.lanyard.server.cli.Main";

    private ServerChildMain() {
    }

    public static void main(String[] args) throws Throwable {
        ParentWatch.haltWhenParentEnds();
        try {
            Class.forName(SERVER_MAIN).getMethod("main", String[].class).invoke(null, (Object) args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}

package dev.lanyard.rehearsal;

/**
 * Ends a child process of the rehearsal (its server, the late door catching up) as soon as the rehearsal that started
 * it is gone. A rehearsal stopped with Ctrl+C or SIGTERM stops its children from a shutdown hook, but one killed
 * outright (SIGKILL, the out-of-memory killer) runs no hook, and its children kept their ports, data folders and a
 * share of the CPU until someone noticed.
 */
final class ParentWatch {
    private ParentWatch() {
    }

    /**
     * Halts this process when its parent ends. Halt, not exit: the rehearsal is gone, nobody waits for a clean stop,
     * and H2, PostgreSQL and a kiosk replica survive a kill.
     */
    static void haltWhenParentEnds() {
        ProcessHandle.current().parent()
                .ifPresent(parent -> parent.onExit().thenRun(() -> Runtime.getRuntime().halt(1)));
    }
}

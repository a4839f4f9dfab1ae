package dev.lanyard.server.auth;

import java.util.Objects;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Notices a change of credentials nobody announced to this server: a signing-key rotation, or a user disabled, given a
 * new password or new roles, by the host CLI in another process (on H2 it reaches the database through AUTO_SERVER
 * and has no channel to the running server), or one whose NOTIFY was lost while LISTEN reconnected. Asked every
 * second, it then has every open socket checked again, so no socket outlives its retired key or its user's tokens by
 * more than about a second. HTTP requests need no such help: each one reads its key's row and its user's version.
 */
public final class CredentialsWatch implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(CredentialsWatch.class);
    private final Supplier<?> credentials;
    private final Runnable recheckSockets;
    private Object seen;

    /** @param credentials what changes when any credential does (the current key id, the users' token versions) */
    public CredentialsWatch(Supplier<?> credentials, Runnable recheckSockets) {
        this.credentials = credentials;
        this.recheckSockets = recheckSockets;
        this.seen = credentials.get();
    }

    @Override
    public void run() {
        try {
            Object now = credentials.get();
            if (!Objects.equals(now, seen)) {
                seen = now;
                recheckSockets.run();
            }
        } catch (RuntimeException e) {
            LOG.debug("cannot read the credentials; asking again in a second", e);
        }
    }
}

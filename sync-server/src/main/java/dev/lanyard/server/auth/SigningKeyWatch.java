package dev.lanyard.server.auth;

import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Notices a rotation nobody announced to this server: one made by the host CLI in another
 * process (on H2 it reaches the database through AUTO_SERVER and has no channel to the running
 * server), or one whose NOTIFY was lost while LISTEN reconnected. Asked every second, it then
 * has every open socket checked again, so no socket outlives its retired key by more than about
 * a second. HTTP requests need no such help: each one reads its key's row.
 */
public final class SigningKeyWatch implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(SigningKeyWatch.class);
    private final SigningKeys keys;
    private final Runnable recheckSockets;
    private String seen;

    public SigningKeyWatch(SigningKeys keys, Runnable recheckSockets) {
        this.keys = keys;
        this.recheckSockets = recheckSockets;
        this.seen = keys.currentKid();
    }

    @Override
    public void run() {
        try {
            String now = keys.currentKid();
            if (!Objects.equals(now, seen)) {
                seen = now;
                recheckSockets.run();
            }
        } catch (RuntimeException e) {
            LOG.debug("cannot read the current signing key; asking again in a second", e);
        }
    }
}

package dev.lanyard.model.clock;

/** A remote timestamp so far ahead of this node's wall clock that adopting it would be unsafe. */
public final class ClockSkewException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient Hlc remote;
    private final long aheadByMillis;

    public ClockSkewException(Hlc remote, long aheadByMillis, long limitMillis) {
        super("remote timestamp " + remote + " is " + aheadByMillis + " ms ahead of this clock (limit " + limitMillis + " ms)");
        this.remote = remote;
        this.aheadByMillis = aheadByMillis;
    }

    public Hlc remote() {
        return remote;
    }

    public long aheadByMillis() {
        return aheadByMillis;
    }
}

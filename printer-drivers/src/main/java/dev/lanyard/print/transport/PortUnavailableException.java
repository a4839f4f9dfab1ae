package dev.lanyard.print.transport;

/** The port, device file or host could not be opened at all; nothing was sent. */
public class PortUnavailableException extends TransportException {
    public PortUnavailableException(String message) {
        super(message);
    }

    public PortUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}

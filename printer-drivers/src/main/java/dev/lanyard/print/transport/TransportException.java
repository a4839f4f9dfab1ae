package dev.lanyard.print.transport;

/** Moving bytes to or from a printer failed. The message names the port and what went wrong. */
public class TransportException extends RuntimeException {
    public TransportException(String message) {
        super(message);
    }

    public TransportException(String message, Throwable cause) {
        super(message, cause);
    }
}

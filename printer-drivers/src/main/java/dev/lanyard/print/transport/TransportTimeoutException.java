package dev.lanyard.print.transport;

/** The printer did not answer within the allowed time. */
public class TransportTimeoutException extends TransportException {
    public TransportTimeoutException(String message) {
        super(message);
    }
}

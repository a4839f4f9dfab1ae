package dev.lanyard.print.transport;

import com.fazecast.jSerialComm.SerialPort;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Serial and Bluetooth SPP ports through jSerialComm. An explicit path (/dev/rfcomm0, /dev/pts/3,
 * COM5) is opened even when port enumeration does not list it.
 */
public final class SerialTransport implements Transport {
    private final String path;
    private final SerialSettings settings;
    private final SerialPort port;
    private final Duration writeTimeout;
    /**
     * jSerialComm's write time-out holds on Windows only: a POSIX write to a port whose printer stopped taking data
     * (flow control held, a hung Bluetooth link) blocks.
     */
    private final DeadlineWriter writer;

    private SerialTransport(String path, SerialSettings settings, SerialPort port, Duration writeTimeout) {
        this.path = path;
        this.settings = settings;
        this.port = port;
        this.writeTimeout = writeTimeout;
        this.writer = new DeadlineWriter("serial " + path, this::close);
    }

    public static SerialTransport open(String path, SerialSettings settings) {
        return open(path, settings, TransportOptions.DEFAULT_WRITE_TIMEOUT);
    }

    /** {@code writeTimeout}: how long one write may wait for the printer to take the data (ADR 0107). */
    public static SerialTransport open(String path, SerialSettings settings, Duration writeTimeout) {
        if (path == null || path.isBlank()) {
            throw new IllegalArgumentException("serial port path must not be empty");
        }
        if (path.startsWith("/") && !Files.exists(Path.of(path))) {
            throw new PortUnavailableException("serial port " + path + " does not exist");
        }
        SerialPort port;
        try {
            port = SerialPort.getCommPort(path);
        } catch (RuntimeException e) {
            throw new PortUnavailableException("serial port " + path + " cannot be found: " + e.getMessage(), e);
        }
        port.setComPortParameters(settings.baudRate(), 8, SerialPort.ONE_STOP_BIT, SerialPort.NO_PARITY);
        port.setFlowControl(switch (settings.flowControl()) {
            case NONE -> SerialPort.FLOW_CONTROL_DISABLED;
            case RTS_CTS -> SerialPort.FLOW_CONTROL_RTS_ENABLED | SerialPort.FLOW_CONTROL_CTS_ENABLED;
        });
        if (!port.openPort()) {
            throw new PortUnavailableException("cannot open serial port " + path + " (error " + port.getLastErrorCode()
                    + "): is it in use, or missing permission (dialout group)?");
        }
        port.setComPortTimeouts(SerialPort.TIMEOUT_WRITE_BLOCKING | SerialPort.TIMEOUT_READ_SEMI_BLOCKING, 1000,
                10_000);
        return new SerialTransport(path, settings, port, writeTimeout);
    }

    @Override
    public String description() {
        return "serial " + path + " @ " + settings.baudRate();
    }

    @Override
    public void write(byte[] data) {
        writer.write(data, allowedMillis(data.length), this::writeAll);
    }

    /**
     * The time-out past what the line needs for {@code bytes} at its baud rate (ten bits a byte): a page of 300 kB
     * takes five minutes at 9,600 baud, and a printer taking it that slowly has not stopped.
     */
    long allowedMillis(int bytes) {
        return writeTimeout.toMillis() + bytes * 10_000L / settings.baudRate();
    }

    private void writeAll(byte[] data) {
        int done = 0;
        while (done < data.length) {
            int n = port.writeBytes(data, data.length - done, done);
            if (n <= 0) {
                throw new TransportException(description() + ": write failed after " + done + " of " + data.length
                        + " bytes (error " + port.getLastErrorCode() + ")");
            }
            done += n;
        }
        // no flushIOBuffers() here: on POSIX it is tcflush(), which discards unsent and unread bytes
    }

    @Override
    public boolean canRead() {
        return true;
    }

    /**
     * The longest wait one serial read is given: jSerialComm keeps a read's time-out in tenths of a second in one byte
     * (termios VTIME, SerialPort_Posix.c), so 26 s became 0.4 s and 25.6 s none at all. Longer waits are read in
     * turns of this.
     */
    static final int MAX_READ_TURN_MILLIS = 25_000;
    /** The shortest turn: under a tenth of a second VTIME is 0, a read that returns at once. */
    static final int MIN_READ_TURN_MILLIS = 100;

    @Override
    public int read(byte[] buffer, int offset, int length, Duration timeout) {
        long millis = Math.max(1, timeout.toMillis());
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        while (true) {
            long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            int turn = (int) Math.max(MIN_READ_TURN_MILLIS, Math.min(MAX_READ_TURN_MILLIS, left));
            port.setComPortTimeouts(SerialPort.TIMEOUT_WRITE_BLOCKING | SerialPort.TIMEOUT_READ_SEMI_BLOCKING, turn,
                    10_000);
            int n = port.readBytes(buffer, length, offset);
            if (n < 0) {
                throw new TransportException(description() + ": read failed (error " + port.getLastErrorCode()
                        + ")");
            }
            if (n > 0) {
                return n;
            }
            if (deadline - System.nanoTime() <= 0) {
                throw new TransportTimeoutException(description() + ": no reply within " + millis + " ms");
            }
        }
    }

    @Override
    public void close() {
        writer.stop();
        port.closePort();
    }
}

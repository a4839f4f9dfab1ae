package dev.lanyard.print.transport;

import com.fazecast.jSerialComm.SerialPort;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Serial and Bluetooth SPP ports through jSerialComm. An explicit path (/dev/rfcomm0, /dev/pts/3,
 * COM5) is opened even when port enumeration does not list it.
 */
public final class SerialTransport implements Transport {
    private final String path;
    private final SerialSettings settings;
    private final SerialPort port;

    private SerialTransport(String path, SerialSettings settings, SerialPort port) {
        this.path = path;
        this.settings = settings;
        this.port = port;
    }

    public static SerialTransport open(String path, SerialSettings settings) {
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
            case XON_XOFF -> SerialPort.FLOW_CONTROL_XONXOFF_IN_ENABLED | SerialPort.FLOW_CONTROL_XONXOFF_OUT_ENABLED;
        });
        if (!port.openPort()) {
            throw new PortUnavailableException("cannot open serial port " + path + " (error " + port.getLastErrorCode()
                    + "): is it in use, or missing permission (dialout group)?");
        }
        port.setComPortTimeouts(SerialPort.TIMEOUT_WRITE_BLOCKING | SerialPort.TIMEOUT_READ_SEMI_BLOCKING, 1000,
                10_000);
        return new SerialTransport(path, settings, port);
    }

    @Override
    public String description() {
        return "serial " + path + " @ " + settings.baudRate();
    }

    @Override
    public void write(byte[] data) {
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

    @Override
    public int read(byte[] buffer, int offset, int length, Duration timeout) {
        int millis = (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis()));
        port.setComPortTimeouts(SerialPort.TIMEOUT_WRITE_BLOCKING | SerialPort.TIMEOUT_READ_SEMI_BLOCKING, millis,
                10_000);
        int n = port.readBytes(buffer, length, offset);
        if (n < 0) {
            throw new TransportException(description() + ": read failed (error " + port.getLastErrorCode() + ")");
        }
        if (n == 0) {
            throw new TransportTimeoutException(description() + ": no reply within " + millis + " ms");
        }
        return n;
    }

    @Override
    public void close() {
        port.closePort();
    }
}

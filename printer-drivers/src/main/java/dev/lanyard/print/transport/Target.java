package dev.lanyard.print.transport;

import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a printer is, parsed from what staff type: "192.168.1.50:9100", "tcp://printer:9100",
 * "/dev/usb/lp0", "/dev/rfcomm0", "COM5", or a prefixed "serial:PATH" / "usb:PATH" / "file:PATH".
 */
public record Target(Kind kind, String address, int port) {
    public enum Kind {
        TCP,
        SERIAL,
        DEVICE_FILE
    }

    private static final Pattern HOST_PORT = Pattern.compile(
            "^(?:tcp://)?([A-Za-z0-9._-]+|\\[[0-9A-Fa-f:]+]):(\\d{1,5})$");
    private static final Pattern WINDOWS_COM = Pattern.compile("^(?i)com\\d+$");

    public static Target parse(String text) {
        if (text == null || text.isBlank()) {
            throw new
                    IllegalArgumentException(
                    "printer target must not be empty (give host:port, a device file or a serial port)");
        }
        String t = text.trim();
        String lower = t.toLowerCase(Locale.ROOT);
        if (lower.startsWith("serial:")) {
            return new Target(Kind.SERIAL, t.substring(7), 0);
        }
        if (lower.startsWith("usb:") || lower.startsWith("file:")) {
            return new Target(Kind.DEVICE_FILE, t.substring(t.indexOf(':') + 1), 0);
        }
        if (WINDOWS_COM.matcher(t).matches()) {
            return new Target(Kind.SERIAL, t, 0);
        }
        Matcher m = HOST_PORT.matcher(t);
        if (m.matches()) {
            int port = Integer.parseInt(m.group(2));
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("TCP port must be 1..65535, was " + port);
            }
            String host = m.group(1).replace("[", "").replace("]", "");
            return new Target(Kind.TCP, host, port);
        }
        if (lower.startsWith("tcp://")) {
            return new Target(Kind.TCP, t.substring(6), TcpTransport.RAW_PORT);
        }
        if (t.startsWith("/dev/tty") || t.startsWith("/dev/rfcomm") || t.startsWith("/dev/pts/")
                || t.startsWith("/dev/cu.")) {
            return new Target(Kind.SERIAL, t, 0);
        }
        if (t.startsWith("/") || t.startsWith(".")) {
            return new Target(Kind.DEVICE_FILE, t, 0);
        }
        throw new IllegalArgumentException("cannot tell what kind of printer target \"" + t
                + "\" is; use host:port, /dev/usb/lpN, a serial port (/dev/rfcomm0, COM5) or serial:/usb:/file: "
                + "prefixes");
    }

    public Transport open(TransportOptions options) {
        return switch (kind) {
            case TCP -> TcpTransport.connect(address, port, options.connectTimeout(), options.writeTimeout());
            case SERIAL -> SerialTransport.open(address, options.serial(), options.writeTimeout());
            case DEVICE_FILE -> DeviceFileTransport.open(Path.of(address), options.writeTimeout());
        };
    }

    @Override
    public String toString() {
        return kind == Kind.TCP ? address + ":" + port : address;
    }
}

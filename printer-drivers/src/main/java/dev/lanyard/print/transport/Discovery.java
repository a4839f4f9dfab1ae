package dev.lanyard.print.transport;

import com.fazecast.jSerialComm.SerialPort;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Lists where a printer could be: serial ports jSerialComm enumerates (USB serial, Bluetooth SPP
 * bindings), Linux USB printer device files, and a host:port typed by hand (network printers do not
 * announce themselves on raw 9100).
 */
public final class Discovery {
    public record Found(Target.Kind kind, String address, String description) {
    }

    private final Path usbDeviceDirectory;

    public Discovery() {
        this(Path.of("/dev/usb"));
    }

    /** For tests: where to look for lp* device files. */
    public Discovery(Path usbDeviceDirectory) {
        this.usbDeviceDirectory = usbDeviceDirectory;
    }

    public List<Found> serialPorts() {
        List<Found> out = new ArrayList<>();
        for (SerialPort port : SerialPort.getCommPorts()) {
            out.add(new Found(Target.Kind.SERIAL, port.getSystemPortPath(), port.getDescriptivePortName()));
        }
        return out;
    }

    public List<Found> usbPrinterDevices() {
        List<Found> out = new ArrayList<>();
        if (!Files.isDirectory(usbDeviceDirectory)) {
            return out;
        }
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(usbDeviceDirectory, "lp*")) {
            for (Path p : stream) {
                out.add(new Found(Target.Kind.DEVICE_FILE, p.toString(), "USB printer class device"));
            }
        } catch (IOException e) {
            throw new TransportException("cannot list " + usbDeviceDirectory + ": " + e.getMessage(), e);
        }
        out.sort((a, b) -> a.address().compareTo(b.address()));
        return out;
    }

    /** A network printer typed by hand; IllegalArgumentException unless it is host:port. */
    public Found manual(String hostPort) {
        Target target = Target.parse(hostPort);
        if (target.kind() != Target.Kind.TCP) {
            throw new IllegalArgumentException("\"" + hostPort + "\" is not host:port");
        }
        return new Found(Target.Kind.TCP, target.toString(), "network printer (raw TCP)");
    }

    public List<Found> all() {
        List<Found> out = new ArrayList<>(serialPorts());
        out.addAll(usbPrinterDevices());
        return out;
    }
}

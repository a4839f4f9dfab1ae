package dev.lanyard.print.cli;

import dev.lanyard.print.driver.RunSettings;
import dev.lanyard.print.transport.SerialSettings;
import dev.lanyard.print.transport.Target;
import dev.lanyard.print.transport.Transport;
import dev.lanyard.print.transport.TransportOptions;
import java.time.Duration;
import java.util.function.Supplier;
import picocli.CommandLine.Option;

/** Where the printer is and how to talk to it. */
final class ConnectionOptions {
    @Option(names = "--to", required = true, description =
            "host:port, /dev/usb/lp0, /dev/rfcomm0, COM5, serial:PATH, usb:PATH, file:PATH")
    String target;

    @Option(names = "--baud", defaultValue = "115200", description = "serial baud rate (default 115200)")
    int baud;

    @Option(names = "--flow", defaultValue = "NONE",
            description = "serial flow control: NONE, RTS_CTS (no XON/XOFF: the protocols are binary)")
    SerialSettings.FlowControl flow;

    @Option(names = "--timeout-ms", defaultValue = "10000",
            description = "wait this long for each page to be reported printed")
    long timeoutMs;

    @Option(names = "--no-status", description = "send without reading status back (e.g. a Brother on raw TCP)")
    boolean noStatus;

    Supplier<Transport> connector() {
        Target parsed = Target.parse(target);
        TransportOptions options = new TransportOptions(Duration.ofSeconds(5), new SerialSettings(baud, flow));
        return () -> parsed.open(options);
    }

    RunSettings settings() {
        if (timeoutMs < 1) {
            throw new IllegalArgumentException("--timeout-ms must be positive");
        }
        return new RunSettings(Duration.ofMillis(Math.min(timeoutMs, 3000)), Duration.ofMillis(timeoutMs), !noStatus);
    }
}

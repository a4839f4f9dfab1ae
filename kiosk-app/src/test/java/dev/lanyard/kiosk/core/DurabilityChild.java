package dev.lanyard.kiosk.core;

import dev.lanyard.kiosk.core.checkin.ScanResult;
import dev.lanyard.kiosk.support.Seed;
import java.nio.file.Path;
import java.util.UUID;

/**
 * Run in a child JVM by {@link ScanDurabilityTest}: scans the codes given, printing each
 * outcome the moment the scan returns, then keeps the process alive until it is killed.
 */
public final class DurabilityChild {
    private DurabilityChild() {
    }

    public static void main(String[] args) throws InterruptedException {
        Path dir = Path.of(args[0]);
        UUID event = UUID.fromString(args[1]);
        Kiosk kiosk = Seed.kiosk(dir, Seed.clockAt(Seed.DAY1, 10));
        System.out.println("READY");
        System.out.flush();
        for (int i = 2; i < args.length; i++) {
            ScanResult result = kiosk.checkIns().scan(event, args[i], null).join();
            System.out.println(result.outcome() + " " + args[i] + " " + result.opId());
            System.out.flush();
        }
        Thread.sleep(60_000);
    }
}

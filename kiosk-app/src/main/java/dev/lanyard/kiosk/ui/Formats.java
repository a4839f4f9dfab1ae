package dev.lanyard.kiosk.ui;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** Times as the door shows them: in the event's timezone, to the minute or second. */
public final class Formats {
    private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm");
    private static final DateTimeFormatter HH_MM_SS = DateTimeFormatter.ofPattern("HH:mm:ss");

    private Formats() {
    }

    public static String minutes(Instant at, ZoneId zone) {
        return at == null ? "" : HH_MM.format(at.atZone(zone));
    }

    public static String seconds(Instant at, ZoneId zone) {
        return at == null ? "" : HH_MM_SS.format(at.atZone(zone));
    }

    /** How staff refer to a door: "this door" for our own device id, else a short form of the other's. */
    public static String door(String deviceId, String ownDeviceId, Texts texts) {
        if (deviceId == null) {
            return texts.get("door.unknown");
        }
        if (deviceId.equals(ownDeviceId)) {
            return texts.get("door.this");
        }
        String shortId = deviceId.length() > 4 ? deviceId.substring(deviceId.length() - 4) : deviceId;
        return texts.get("door.other", shortId.toUpperCase(java.util.Locale.ROOT));
    }
}

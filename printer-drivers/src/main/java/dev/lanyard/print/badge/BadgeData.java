package dev.lanyard.print.badge;

/**
 * What the kiosk knows about the person a badge is for. Only the name is required; a missing
 * ticket code leaves the QR slot empty.
 */
public record BadgeData(String name, String company, String extraLine, String ticketCode) {
    public static final int MAX_TEXT = 500;

    public BadgeData {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("badge name must not be blank");
        }
        name = clean(name, "name");
        company = optional(company, "company");
        extraLine = optional(extraLine, "extraLine");
        ticketCode = optional(ticketCode, "ticketCode");
    }

    private static String optional(String value, String field) {
        return value == null || value.isBlank() ? null : clean(value, field);
    }

    private static String clean(String value, String field) {
        String trimmed = value.strip().replaceAll("\\s+", " ");
        if (trimmed.length() > MAX_TEXT) {
            throw new IllegalArgumentException("badge " + field + " is longer than " + MAX_TEXT + " characters");
        }
        return trimmed;
    }
}
